"""Choosing the next plan: the optimum against brute force, every rule held and checked, every
stated reason re-derived by a re-solve, and the inputs a district has (a portfolio, a phased
baseline, a hand-over) taken as they are."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from select_cases import (
    SmallBank,
    brute_force,
    caps_minor,
    envelope_minor,
    small_banks,
    step_minor,
)

import capex
from capex.errors import CapexError
from capex.model.baseline import Baseline
from capex.model.limits import LimitError
from capex.model.value import ValuationError

PLAN = (2026, 2030)


def _assert_optimal(bank: SmallBank, result: capex.results.SelectionResult) -> None:
    truth = brute_force(bank)
    if truth is None:
        assert result.status == capex.solvers.result.Status.INFEASIBLE
        assert result.messages  # what keeps every selection from fitting is said
        return
    assert result.status == capex.solvers.result.Status.OPTIMAL
    assert result.value == truth
    assert result.bound == truth
    assert capex.solvers.check_selection.check_selection(result) == []


@pytest.mark.slow
@given(small_banks())
def test_the_optimum_equals_brute_force(bank: SmallBank) -> None:
    _assert_optimal(bank, bank.select(explain=False))


@pytest.mark.slow
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
        if row["reason"] == "needs":  # a project it needs is not chosen
            assert (pid, int(row["other"])) in bank.needs
            assert int(row["other"]) not in result.selected
        if row["reason"] == "alternative":  # an alternative of it is chosen
            (group,) = [g for g in bank.alternatives if pid in g]
            assert any(int(k) in result.selected for k in row["other"].split(","))
            assert set(map(int, row["other"].split(","))) <= set(group)
        forced = brute_force(bank, must=(*bank.must, pid))
        if forced is None:
            assert row["forced_status"] == "infeasible"
        else:
            assert row["forced_status"] == "optimal"
            assert int(row["value_lost_scaled"]) == best - forced
    over = result.rejection_over_minor
    for pid in over["project_id"].unique():  # the years it would break, and by how much
        mine = over[over["project_id"] == pid]
        load = result.schedule_minor.sum(axis=0)
        flows = capex.cash_flow(bank.portfolio).flows_minor.loc[pid]
        late = int(result.rejections.loc[pid, "delay"])  # the start that breaks least
        flows.index = flows.index.astype(int) + late
        caps = caps_minor(bank)
        for item in mine.itertuples(index=False):
            if pd.isna(item.year):
                continue
            year = int(item.year)
            assert int(load.get(year, 0)) + int(flows.get(year, 0)) - caps[year] == item.over_minor
    step = step_minor(bank)
    for item in result.marginals.itertuples(index=False):
        if item.line == "":
            more = brute_force(bank, envelope=envelope_minor(bank) + step)
        else:
            caps = caps_minor(bank)
            caps[int(item.year)] += step
            more = brute_force(bank, caps=caps)
        assert int(item.gain_scaled) == more - best


def _bank(rows: list[tuple[int, int, str, int]], **extra: object) -> capex.Portfolio:
    """Candidates (start, end, total 亿元, value) in 2026-2030; values in a ``value`` column."""
    frame = pd.DataFrame(
        {
            "id": list(range(1, len(rows) + 1)),
            "name": [f"候选{i}" for i in range(1, len(rows) + 1)],
            "start_year": [r[0] for r in rows],
            "end_year": [r[1] for r in rows],
            "total_investment": [r[2] for r in rows],
            "plan_investment": [r[2] for r in rows],
            **extra,
        }
    )
    return capex.load_projects(frame, plan_period=PLAN)


ROWS = [(2026, 2027, "2", 10), (2026, 2026, "1", 6), (2027, 2028, "2", 9), (2028, 2028, "1", 4)]
VALUES = pd.Series({i + 1: r[3] for i, r in enumerate(ROWS)})


@pytest.fixture
def four() -> capex.Portfolio:
    return _bank(ROWS)


def test_a_must_that_needs_what_cannot_fit_makes_no_selection(four):
    # a regression: the first selection left the need unmet instead of giving up
    result = capex.select(
        four, {2026: 1.5, 2027: 1}, value=VALUES, must=[2], needs={2: 1}, explain=False
    )
    assert result.status == capex.solvers.result.Status.INFEASIBLE
    assert any("2026" in m for m in result.messages)


def test_the_rules_hold(four):
    # 1 (10) and 2 (6) are alternatives; 3 needs 4; 2027 is tight
    result = capex.select(
        four,
        {2026: 3, 2027: 2, 2028: 3},
        value=VALUES,
        must=(),
        alternatives=[[1, 2]],
        needs={3: 4},
    )
    assert result.selected == [1, 3, 4]
    assert result.value == 10 + 9 + 4
    assert capex.solvers.check_selection.check_selection(result) == []
    assert result.rejections.loc[2, "reason"] == "alternative"
    assert result.reason(2).startswith("an alternative was chosen: #1 候选1")
    excluded = capex.select(
        four, {2026: 3, 2027: 2, 2028: 3}, value=VALUES, must=(), exclude=[4], needs={3: 4}
    )
    assert 3 not in excluded.selected and excluded.rejections.loc[3, "reason"] == "needs"
    assert excluded.rejections.loc[4, "reason"] == "excluded"


def test_the_envelope_holds_and_one_more_step_of_it_is_priced_by_a_resolve(four):
    result = capex.select(four, None, value=VALUES, must=(), envelope=3)
    assert result.plan_spend_minor <= 30_000 and result.selected == [1, 2]  # 3 亿元: 10 + 6
    envelope = result.marginals[result.marginals["line"] == ""].iloc[0]
    assert int(envelope["gain_scaled"]) == (10 + 6 + 4) - 16  # 4 亿元 takes 4 as well
    assert envelope["lp_dual_scaled"] >= 0


def test_projects_under_way_must_stay_in_by_default(four):
    frame = four.frame.reset_index()
    frame["fixed"] = [False, True, False, False]  # 2 is under way (a hand-over's 在建)
    bank = four.replace(frame=frame, keep_amounts=True)
    result = capex.select(bank, {2026: 2}, value=VALUES, explain=False)
    assert 2 in result.selected and result.candidates.loc[2, "must"]
    assert capex.select(bank, {2026: 2}, value=VALUES, must=(), explain=False).selected[0] == 1


def test_a_delayed_start_moves_its_whole_cash_flow_and_the_least_delay_is_taken(four):
    result = capex.select(four, {2026: 1, 2027: 2, 2028: 2}, value=VALUES, must=(), max_delay=1)
    assert capex.solvers.check_selection.check_selection(result) == []
    delays = result.delays
    moved = result.schedule_minor
    for pid, delay in delays.items():
        flows = capex.cash_flow(four).flows_minor.loc[pid]
        for year, amount in flows[flows != 0].items():
            assert moved.loc[pid, int(year) + int(delay)] == amount
    again = capex.select(four, {2026: 1, 2027: 2, 2028: 2}, value=VALUES, must=(), max_delay=1)
    assert again.selected == result.selected and again.delays.equals(delays)  # deterministic


def test_a_phased_baseline_is_taken_as_written(four):
    flows = pd.DataFrame(
        {2026: [20_000, 10_000, 0, 0], 2027: [0, 0, 5_000, 0], 2028: [0, 0, 15_000, 10_000]},
        index=four.ids,
    )
    baseline = Baseline(four, flows, pd.DataFrame())
    result = capex.select(baseline, {2026: 2, 2028: 2}, value=VALUES, must=(), explain=False)
    assert result.selected == [1, 3]  # 1 fills 2026; 3 spends 1.5 of 2028 as written
    assert result.schedule_minor.loc[3, 2027] == 5_000
    assert capex.solvers.check_selection.check_selection(result) == []


def test_precedence_is_a_need_in_time(four):
    graph = capex.io.with_precedence(four, [(1, 3)])  # 1 must finish before 3 starts
    result = capex.select(graph, None, value=VALUES, must=(), exclude=[1], explain=False)
    assert 3 not in result.selected and result.rejections.loc[3, "reason"] == "needs"
    late = capex.select(graph, None, value=VALUES, must=(), max_delay=1, explain=False)
    assert {1, 3} <= set(late.selected) and late.delays[3] == 1  # 3 starts after 1 ends


def test_a_hand_over_is_a_bank():
    portfolio = capex.load_projects()
    flows = capex.cash_flow(portfolio).flows_minor
    spent = capex.Actuals.from_frame(flows.loc[:, :2025], money=portfolio.money)
    hand = capex.roll_forward(portfolio, spent, next_period=PLAN)
    result = capex.select(hand, 10, value="classes", must=(), explain=False)
    assert result.ok and set(result.candidates.index) == set(hand.portfolio.ids)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"must": [1], "exclude": [1]}, CapexError, "both in must and in exclude"),
        ({"alternatives": [[1]]}, CapexError, "two projects or more"),
        ({"needs": {1: 1}}, CapexError, "cannot need itself"),
        ({"needs": [(1, 2, 3)]}, CapexError, "needs must be"),
        ({"must": [9]}, CapexError, "no such project"),
        ({"max_delay": -1}, LimitError, "max_delay"),
        ({"envelope": "lots"}, CapexError, "envelope must be an amount"),
        ({"solver": "gurobi"}, CapexError, "unknown solver"),
        ({"time_limit": 0}, CapexError, "time_limit"),
        ({"value": None}, ValuationError, "give value="),
    ],
)
def test_bad_arguments_are_clear_errors(four, arguments, error, message):
    call = {"value": VALUES, "must": (), "explain": False, **arguments}
    with pytest.raises(error, match=message):
        capex.select(four, 5, **call)


def test_a_candidate_the_plan_may_take_needs_a_value(four):
    with pytest.raises(ValuationError, match="candidate 4 is not known"):
        capex.select(four, 5, value=VALUES.drop(4), must=())
    # one the plan must take may have none: counted as nothing, said in the findings
    result = capex.select(four, 5, value=VALUES.drop(4), must=[4], explain=False)
    assert 4 in result.selected and "value_missing" in result.findings["rule"].tolist()


def test_the_musts_alone_over_a_ceiling_say_the_year_and_amount(four):
    result = capex.select(four, {2026: 1.5}, value=VALUES, must=[1, 2])
    assert result.status == capex.solvers.result.Status.INFEASIBLE and not result.ok
    assert str(result.messages[0]).startswith("2026: the projects that must be chosen alone put")
    assert "0.5 亿元 over its ceiling" in result.messages[0]
    assert "2026年" in result.messages[0].text("zh")


def test_every_solver_gives_the_same_optimum(four):
    values = [
        capex.select(four, {2026: 2, 2027: 2}, value=VALUES, must=(), solver=s, explain=False).value
        for s in ("auto", "highs", "cp-sat")
    ]
    assert values[0] == values[1] == values[2]


def test_a_large_bank_is_proven_by_listing_not_the_clock():
    bank = capex.solvers.synthetic.random_bank(300, seed=1)
    result = capex.select(
        bank.portfolio, bank.ceilings, value=bank.places, must=(), explain=False, time_limit=None
    )
    assert result.status == capex.solvers.result.Status.OPTIMAL and result.listed > 0
    assert "listed" in result.method
    assert capex.solvers.check_selection.check_selection(result) == []
    # the MIP from a first selection proves the same optimum
    mip = capex.select(
        bank.portfolio, bank.ceilings, value=bank.places, must=(), explain=False, solver="cp-sat"
    )
    assert mip.value == result.value


def test_the_values_chosen_are_integers_scaled_back_exactly(four):
    values = VALUES.astype(float) / 4  # 2.5, 1.5, 2.25, 1
    result = capex.select(four, {2026: 2, 2027: 2}, value=values, must=(), explain=False)
    assert result.value_scale == 4
    assert result.value == sum(values[pid] for pid in result.selected)
    assert np.issubdtype(result.candidates["value_scaled"].dtype, np.integer)


def test_the_module_examples_run():
    import doctest
    import importlib

    failures, attempted = doctest.testmod(
        importlib.import_module("capex.solvers.select"), verbose=False
    )
    assert attempted and not failures
