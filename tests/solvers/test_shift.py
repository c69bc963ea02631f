"""The deferral optimiser: brute-force cross-checks, the bundled plan under a 10 % cut,
overlapping budget lines, the tie-break's budget, controls."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shift_cases import (
    assert_schedule_holds,
    brute_force,
    build,
    objective_units,
    small_problems,
)

import capex
from capex.errors import CapexError
from capex.model.budget import BudgetLine
from capex.solvers.shift import NO_TIME_LIMIT


@pytest.mark.slow
@given(small_problems())
def test_the_optimum_equals_brute_force(problem: dict) -> None:
    portfolio, lines = build(problem)
    truth = brute_force(portfolio, lines, problem["max_delay"], problem["objective"])
    result = capex.shift(
        portfolio,
        lines,
        max_delay=problem["max_delay"],
        objective=problem["objective"],
        time_limit=None,  # optimality is proven, not hoped for within a wall-clock limit
    )
    if truth["best"] is None:
        assert result.status == capex.solvers.result.Status.INFEASIBLE
        if truth["least_overload"] is None:  # precedence and fixed projects cannot both hold
            assert result.overload_minor is None
        else:  # the relaxation finds the least overload the shifts leave
            assert int(result.overload_minor.to_numpy().sum()) == truth["least_overload"] > 0
        return
    assert result.status == capex.solvers.result.Status.OPTIMAL
    assert objective_units(result) == truth["best"]
    assert result.bound == result.objective
    assert_schedule_holds(portfolio, result, lines)


@pytest.mark.slow
@settings(max_examples=12)
@given(small_problems(), st.sampled_from(["cp-sat", "cp-sat-intervals", "scip"]))
def test_every_solver_agrees_with_brute_force(problem: dict, solver: str) -> None:
    # the interval model has no peak objective
    peak = problem["objective"] == "peak" and solver == "cp-sat-intervals"
    _agrees_with_brute_force(problem, "delay" if peak else problem["objective"], solver=solver)


@pytest.mark.slow
@settings(max_examples=25)
@given(small_problems(), st.sampled_from(["delay", "makespan"]))
def test_moving_earlier_too_equals_brute_force(problem: dict, objective: str) -> None:
    _agrees_with_brute_force(problem, objective, allow_earlier=True)


def _agrees_with_brute_force(problem: dict, objective: str, **options) -> None:
    """``capex.shift`` without a tie-break finds one of the brute force's optimal plans."""
    portfolio, lines = build(problem)
    truth = brute_force(
        portfolio,
        lines,
        problem["max_delay"],
        objective,
        allow_earlier=options.get("allow_earlier", False),
    )
    result = capex.shift(
        portfolio,
        lines,
        max_delay=problem["max_delay"],
        objective=objective,
        tiebreak=None,
        time_limit=None,
        **options,
    )
    if truth["best"] is None:
        assert result.status == capex.solvers.result.Status.INFEASIBLE
        return
    assert result.status == capex.solvers.result.Status.OPTIMAL
    assert objective_units(result) == truth["best"]
    assert tuple(result.delays) in truth["optima"]
    assert_schedule_holds(portfolio, result, lines)


@pytest.mark.slow
@settings(max_examples=6)
@given(st.sampled_from([40, 80, 150]), st.integers(0, 10_000), st.sampled_from([2, 3]))
def test_the_least_delay_equals_the_peers_proven_optimum_on_benchmark_instances(
    size: int, seed: int, max_delay: int
) -> None:
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from benchmarks.peers import shift as shift_peers

    portfolio = capex.solvers.synthetic.random_portfolio(size, seed=seed)
    ceilings = shift_peers.shift_ceilings(portfolio, cut=0.9)
    # both without a wall-clock limit: the statuses compared are proofs, not races
    peer = shift_peers.shift_highs_mip(portfolio, ceilings, max_delay, time_limit=NO_TIME_LIMIT)
    result = capex.shift(portfolio, ceilings, max_delay=max_delay, tiebreak=None, time_limit=None)
    assert result.status == peer.status
    if peer.status == "optimal":
        assert result.objective == peer.objective
        assert (
            shift_peers.check_shift(
                portfolio,
                ceilings,
                max_delay,
                shift_peers.ShiftRun(
                    result.delays.to_numpy(dtype=np.int64),
                    result.objective,
                    "optimal",
                    result=result,
                ),
            )
            == []
        )


# ---------------------------------------------------------------------------------------
# budget lines that overlap without nesting
# ---------------------------------------------------------------------------------------
def test_overlapping_budget_lines_are_each_held(yuecheng: capex.Portfolio) -> None:
    frame = yuecheng.frame
    flows = capex.cash_flow(yuecheng).flows_minor
    street = (frame["street"] == "东湖街道").to_numpy()
    government = frame["government_investment"].to_numpy()
    # a cap on one street beside a cap on government-funded projects: neither holds the other
    assert (street & government).any() and (street & ~government).any()
    assert (government & ~street).any()
    years = yuecheng.plan_years
    street_cap = {y: Decimal(int(flows[street][y].sum() * 0.8)) / 10_000 for y in years}
    government_cap = {y: Decimal(int(flows[government][y].sum() * 0.9)) / 10_000 for y in years}
    lines = [
        BudgetLine("东湖街道", street_cap, {"street": "东湖街道"}),
        BudgetLine("government", government_cap, {"government_investment": True}),
    ]
    result = capex.shift(yuecheng, lines, max_delay=3, time_limit=None)
    assert result.status == capex.solvers.result.Status.OPTIMAL
    assert (result.delays > 0).any()
    assert capex.check_schedule(yuecheng, result, lines) == []
    # each line's ceiling, recomputed from the schedule
    for line, members in (("东湖街道", street), ("government", government)):
        drawn = result.schedule_minor[members].sum(axis=0)
        limits = result.line_ceilings_minor.loc[line].dropna()
        assert (drawn.reindex(limits.index, fill_value=0) <= limits.astype(np.int64)).all()
    # the plan years of the moved windows re-spread under the same overlapping lines
    again = capex.shift(yuecheng, lines, max_delay=3, respread=True, time_limit=None)
    assert again.ok and "re-spread" in again.method and again.delays.equals(result.delays)
    assert capex.check_schedule(yuecheng, again, lines) == []
    # each line alone needs no more delay than both together
    for line in lines:
        alone = capex.shift(yuecheng, [line], max_delay=3, tiebreak=None, time_limit=None)
        assert (
            alone.status == capex.solvers.result.Status.OPTIMAL
            and alone.objective <= result.objective
        )


def test_overlapping_lines_report_the_overload_of_each(yuecheng: capex.Portfolio) -> None:
    years = yuecheng.plan_years
    lines = [
        BudgetLine("东湖街道", {y: Decimal("0.5") for y in years}, {"street": "东湖街道"}),
        BudgetLine("government", {y: 9 for y in years}, {"government_investment": True}),
    ]
    result = capex.shift(yuecheng, lines, max_delay=1)
    assert result.status == capex.solvers.result.Status.INFEASIBLE
    assert result.overload_minor.loc["东湖街道"].sum() > 0
    assert any("line '东湖街道' stays" in message for message in result.messages)


# ---------------------------------------------------------------------------------------
# the bundled plan
# ---------------------------------------------------------------------------------------
def _published_annual(portfolio: capex.Portfolio) -> dict[int, int]:
    """The plan's own annual totals (uniform cash flow), 万元, per plan year."""
    annual = capex.cash_flow(portfolio).flows_minor.sum(axis=0)
    return {year: int(annual[year]) for year in portfolio.plan_years}


def test_a_ten_percent_cut_gets_an_optimal_checked_deferral_plan(yuecheng: capex.Portfolio) -> None:
    cut = {
        year: Decimal(wan) * Decimal("0.9") / 10_000
        for year, wan in _published_annual(yuecheng).items()
    }
    result = capex.shift(yuecheng, cut, time_limit=None)
    assert result.status == capex.solvers.result.Status.OPTIMAL
    assert result.bound == result.objective
    assert (result.delays > 0).any()  # a cut of every year cannot be met without moving
    frame = yuecheng.frame
    # money a window has no year for sits one year after it (cash_flow's "after" policy)
    unplaceable = capex.model.cashflow.plan_split(yuecheng)["unplaceable_minor"] > 0
    allowed = result.windows.copy()
    allowed.loc[unplaceable, "end_year"] += 1
    capex.solvers.check.assert_valid(
        yuecheng,
        result,
        cut,
        row_totals_minor=frame["total_minor"],
        windows=allowed,
        period=(result.years[0], result.years[-1]),
    )
    assert (result.delays[frame["fixed"]] == 0).all()
    assert result.objective == int((frame["priority"] * result.delays).sum())


def test_no_cut_means_no_move(yuecheng: capex.Portfolio) -> None:
    ceilings = {year: Decimal(wan) / 10_000 for year, wan in _published_annual(yuecheng).items()}
    result = capex.shift(yuecheng, ceilings, time_limit=None)
    assert result.status == capex.solvers.result.Status.OPTIMAL
    assert (result.delays == 0).all() and result.objective == 0


def test_infeasible_names_the_years_over_their_ceiling(yuecheng: capex.Portfolio) -> None:
    # the fixed projects alone spend more than 0.5 亿元 in 2021: no shift can fix that year
    fixed_2021 = int(capex.cash_flow(yuecheng).flows_minor.loc[yuecheng.frame["fixed"], 2021].sum())
    assert fixed_2021 > 5_000
    result = capex.shift(yuecheng, {2021: 0.5}, max_delay=2, time_limit=None)
    assert result.status == capex.solvers.result.Status.INFEASIBLE
    assert result.overload_minor.loc["ceiling", 2021] >= fixed_2021 - 5_000
    assert any(str(message).startswith("2021: line 'ceiling' stays") for message in result.messages)


def test_per_project_limits_and_fixed(tiny: capex.Portfolio) -> None:
    # tiny: project 2 (2021-2023, 3.0) and 3 (2022-2023, 0.6) spend in 2022; a cap forces a move
    result = capex.shift(tiny, {2022: 1.0}, max_delay={3: 2}, fixed=[2], time_limit=None)
    assert result.delays[2] == 0 and result.delays[1] == 0 and result.delays[4] == 0
    assert result.ok and result.delays[3] >= 1


def test_allow_earlier_counts_years_either_way(tiny: capex.Portfolio) -> None:
    # 2023: project 2 spends 1.0, project 3 (2022-2023, 0.6) 0.3 and project 4 (2023-2024) 1.0;
    # with 2 and 4 fixed, only moving 3 a year earlier (to 2021-2022) brings 2023 down to 2.0
    result = capex.shift(
        tiny, {2023: 2.0}, max_delay=1, allow_earlier=True, fixed=[1, 2, 4], time_limit=None
    )
    assert result.status == capex.solvers.result.Status.OPTIMAL
    assert result.delays.to_dict() == {1: 0, 2: 0, 3: -1, 4: 0}
    assert result.objective == 1
    later_only = capex.shift(tiny, {2023: 2.0}, max_delay=1, fixed=[1, 2, 4], time_limit=None)
    assert later_only.status == capex.solvers.result.Status.INFEASIBLE


def test_respread_still_passes_the_check(yuecheng: capex.Portfolio) -> None:
    cut = {
        year: Decimal(wan) * Decimal("0.9") / 10_000
        for year, wan in _published_annual(yuecheng).items()
    }
    result = capex.shift(yuecheng, cut, respread=True, time_limit=None)
    assert result.ok
    assert (result.schedule_minor.sum(axis=1) == yuecheng.frame["total_minor"]).all()


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"objective": "cheapest"}, "objective"),
        ({"max_delay": -1}, "max_delay"),
        ({"max_delay": 1.5}, "max_delay"),
        ({"max_delay": {99: 1}}, "max_delay"),
        ({"fixed": [99]}, "fixed"),
        ({"solver": "gurobi"}, "solver"),
        ({"tiebreak": "luck"}, "tie-break"),
        ({"time_limit": 0}, "time_limit"),
        ({"tiebreak_time_limit": -1}, "tiebreak_time_limit"),
        ({"tiebreak_time_limit": True}, "tiebreak_time_limit"),
    ],
)
def test_bad_arguments_are_capex_errors(tiny: capex.Portfolio, options: dict, match: str) -> None:
    with pytest.raises(CapexError, match=match):
        capex.shift(tiny, {2022: 1.0}, **options)


def test_summary_and_moved_projects(tiny: capex.Portfolio) -> None:
    result = capex.shift(tiny, {2022: 1.0}, fixed=[2])
    text = result.summary()
    assert "makespan" in text and "objective delay" in text
    moved = result.moved_projects
    assert set(moved.index) == set(result.delays.index[result.delays != 0])


def test_a_ceiling_after_the_plan_period_caps_the_deferred_money(yuecheng):
    flows = capex.cash_flow(yuecheng).flows_minor
    cut = {year: int(flows[year].sum()) * 0.9 / 10_000 for year in yuecheng.plan_years}
    free = capex.shift(yuecheng, cut, max_delay=2, time_limit=None)
    spent_2026 = int(free.schedule_minor[2026].sum())
    # cap 2026 one 亿元 below what the plan without a 2026 ceiling puts there
    capped = capex.shift(
        yuecheng, {**cut, 2026: (spent_2026 - 10_000) / 10_000}, max_delay=2, time_limit=None
    )
    assert capped.status == "optimal"
    assert int(capped.schedule_minor[2026].sum()) <= spent_2026 - 10_000
    assert capex.check_schedule(yuecheng, capped) == []
    assert capped.objective >= free.objective  # a further limit cannot lower the delay
    # a spread places money in the plan years only, so there a 2026 ceiling is an error
    with pytest.raises(capex.CapexError, match="2026"):
        capex.spread(yuecheng, {**cut, 2026: 15.0})


@pytest.mark.parametrize("outside", [{2026: 23.5}, {2019: 3.0}])
def test_respread_takes_the_ceilings_shift_takes(
    yuecheng: capex.Portfolio, outside: dict[int, float]
) -> None:
    flows = capex.cash_flow(yuecheng).flows_minor
    cut = {year: int(flows[year].sum()) * 0.9 / 10_000 for year in yuecheng.plan_years}
    plain = capex.shift(yuecheng, {**cut, **outside}, time_limit=None)
    again = capex.shift(yuecheng, {**cut, **outside}, respread=True, time_limit=None)
    assert plain.ok and again.ok
    assert again.delays.equals(plain.delays)
    assert "re-spread" in again.method
    year = next(iter(outside))
    assert again.schedule_minor[year].sum() <= outside[year] * 10_000
    assert capex.check_schedule(yuecheng, again) == []


def test_an_infeasible_deferral_keeps_the_annual_extra_to_the_plan_wide_line(
    yuecheng: capex.Portfolio,
) -> None:
    lines = [
        BudgetLine("all", {2023: 12.0}),
        BudgetLine("government", {2023: 1.0}, {"government_investment": True}),
    ]
    result = capex.shift(yuecheng, lines, max_delay=1, time_limit=None)
    assert result.status == capex.solvers.result.Status.INFEASIBLE
    overload = result.overload_minor
    assert overload.loc["government", 2023] > 0 and (overload.loc["all"] == 0).all()
    assert (result.extra_budget_minor == 0).all()  # the plan-wide line stays within its own
