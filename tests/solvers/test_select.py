"""Choosing the next plan: brute-force cross-checks of the optimum, every rule, and every
stated reason re-derived by a re-solve."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from select_cases import SmallBank, brute_force, caps_minor, envelope_minor, small_banks, step_minor

import capex


def _assert_optimal(bank: SmallBank, result: capex.SelectionResult) -> None:
    truth = brute_force(bank)
    if truth is None:
        assert result.status == capex.Status.INFEASIBLE
        assert result.messages  # what keeps every selection from fitting is said
        return
    assert result.status == capex.Status.OPTIMAL
    assert result.value == truth
    assert result.bound == truth
    assert capex.check_selection(result) == []


@given(small_banks())
def test_the_optimum_equals_brute_force(bank: SmallBank) -> None:
    _assert_optimal(bank, bank.select(explain=False))


@settings(max_examples=15)
@given(small_banks(max_projects=5))
def test_cp_sat_agrees_with_brute_force(bank: SmallBank) -> None:
    _assert_optimal(bank, bank.select(explain=False, solver="cp-sat"))


@pytest.mark.slow
@settings(max_examples=40)
@given(small_banks(max_projects=5))
def test_every_reason_is_rederived_by_a_resolve(bank: SmallBank) -> None:
    result = bank.select()
    if not result.ok:
        return
    best = result.objective_scaled
    for pid, row in result.rejections.iterrows():
        if row["reason"] == "excluded":
            assert pid in bank.exclude
            continue
        forced = brute_force(bank, must=(*bank.must, pid))
        if forced is None:
            assert row["forced_status"] == "infeasible"
        else:
            assert row["forced_status"] == "optimal"
            assert int(row["value_lost_scaled"]) == best - forced
    step = step_minor(bank)
    for item in result.marginals.itertuples(index=False):
        if item.line == "":
            more = brute_force(bank, envelope=envelope_minor(bank) + step)
        else:
            caps = caps_minor(bank)
            caps[int(item.year)] += step
            more = brute_force(bank, caps=caps)
        assert int(item.gain_scaled) == more - best
