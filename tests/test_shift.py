"""The deferral optimiser: brute-force cross-checks, the bundled plan under a 10 % cut, controls."""

from __future__ import annotations

import itertools
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import capex
from capex.budget import BudgetLine
from capex.errors import CapexError
from capex.precedence import with_precedence
from capex.solvers.shift import NO_TIME_LIMIT

PLAN = (2021, 2025)


# ---------------------------------------------------------------------------------------
# small random portfolios and a brute force that knows nothing of the solver
# ---------------------------------------------------------------------------------------
@st.composite
def small_problems(draw: st.DrawFn) -> dict:
    n = draw(st.integers(1, 6))
    rows = []
    for i in range(n):
        # now and then a project already under way (fixed by default)
        start = 2020 if draw(st.integers(0, 5)) == 0 else draw(st.integers(2021, 2024))
        length = draw(st.integers(1, 3))
        end = start + length - 1
        total = draw(st.integers(1, 60)) * 100
        inside = max(min(end, PLAN[1]) - max(start, PLAN[0]) + 1, 0)
        plan = total if inside == length else total * inside // length
        rows.append(
            {
                "id": i + 1,
                "name": f"项目{i + 1}",
                "start_year": start,
                "end_year": end,
                "total_investment": total,
                "plan_investment": plan,
                "priority": draw(st.integers(0, 3)),
                "government_investment": draw(st.booleans()),
            }
        )
    max_delay = draw(st.sampled_from([0, 1, 2, 2]))
    # relations that some allowed shift can meet, so that not every case is infeasible
    edges = [
        (a + 1, b + 1)
        for a, b in itertools.combinations(range(n), 2)
        if rows[a]["end_year"] + 1 <= rows[b]["start_year"] + max_delay
        and draw(st.integers(0, 3)) == 0
    ]
    return {
        "rows": rows,
        "edges": edges,
        "max_delay": max_delay,
        # one cut for the plan, and a year without a ceiling now and then
        "scales": [
            cut if draw(st.integers(0, 4)) else 10.0
            for cut in [draw(st.sampled_from([0.6, 0.75, 0.9, 1.0]))] * (PLAN[1] - PLAN[0] + 1)
        ],
        "second_line": draw(st.booleans()),
        "objective": draw(st.sampled_from(["delay", "makespan", "peak"])),
    }


def _build(problem: dict) -> tuple[capex.Portfolio, list[BudgetLine]]:
    portfolio = capex.load_projects(
        pd.DataFrame(problem["rows"]), plan_period=PLAN, amount_unit="万元"
    )
    if problem["edges"]:
        portfolio = with_precedence(portfolio, problem["edges"])
    flows = capex.cash_flow(portfolio).flows_minor
    # ceilings around the unmoved plan's peak year, some years cut, some generous
    years = range(PLAN[0], PLAN[1] + 1)
    level = int(flows.sum(axis=0).reindex(years, fill_value=0).max())
    ceilings = {
        year: Decimal(int(level * scale)) / 10_000
        for year, scale in zip(years, problem["scales"])
        if scale < 10
    }
    lines = [BudgetLine("all", ceilings)]
    if problem["second_line"]:
        government = portfolio.frame["government_investment"].to_numpy()
        gov_level = int(flows[government].sum(axis=0).reindex(years, fill_value=0).max())
        lines.append(
            BudgetLine(
                "government",
                {
                    year: Decimal(int(gov_level * scale)) / 10_000
                    for year, scale in zip(years, problem["scales"][::-1])
                    if scale < 10
                },
                {"government_investment": True},
            )
        )
    return portfolio, lines


def _brute_force(
    portfolio: capex.Portfolio, lines: list[BudgetLine], max_delay: int, objective: str
) -> dict:
    """Every combination of shifts: the best objective, and the least total overload."""
    flows = capex.cash_flow(portfolio).flows_minor
    frame = portfolio.frame
    ids = list(frame.index)
    fixed = frame["fixed"].to_numpy()
    choices = [range(1 if fixed[i] else max_delay + 1) for i in range(len(ids))]
    members = [line.members(frame) for line in lines]
    graph = portfolio.precedence
    best, least_overload = None, None
    for delays in itertools.product(*choices):
        start = {pid: frame.at[pid, "start_year"] + d for pid, d in zip(ids, delays)}
        end = {pid: frame.at[pid, "end_year"] + d for pid, d in zip(ids, delays)}
        if graph is not None and any(start[b] <= end[a] for a, b in graph.edges):
            continue
        per_year: dict[int, np.ndarray] = {}
        for row, (pid, d) in enumerate(zip(ids, delays)):
            for year, amount in flows.loc[pid].items():
                per_year.setdefault(int(year) + d, np.zeros(len(ids), dtype=np.int64))[row] += int(
                    amount
                )
        overload = 0
        for line, mask in zip(lines, members):
            for year, cap in line.ceilings_minor(portfolio.money).items():
                load = int(per_year.get(year, np.zeros(len(ids), dtype=np.int64))[mask].sum())
                overload += max(load - cap, 0)
        least_overload = overload if least_overload is None else min(least_overload, overload)
        if overload:
            continue
        if objective == "delay":
            value = int(sum(w * d for w, d in zip(frame["priority"], delays)))
        elif objective == "makespan":
            value = int(max(end.values()) + 1 - frame["start_year"].min())
        else:
            value = max((int(v.sum()) for y, v in per_year.items() if y >= PLAN[0]), default=0)
        best = value if best is None else min(best, value)
    return {"best": best, "least_overload": least_overload}


def _objective_units(result: capex.ShiftResult) -> int:
    """The objective as the integer the brute force computes (peak: 万元)."""
    factor = 10_000 if result.objective_name == "peak" else 1
    return round(result.objective * factor)


def _assert_schedule_holds(
    portfolio: capex.Portfolio, result: capex.ShiftResult, lines: list[BudgetLine]
) -> None:
    frame = portfolio.frame
    flows = capex.cash_flow(portfolio).flows_minor
    # every row is its unmoved cash flow, moved by its delay
    for pid, delay in result.delays.items():
        moved = pd.Series(
            flows.loc[pid].to_numpy(), index=[int(y) + int(delay) for y in flows.columns]
        )
        row = result.schedule_minor.loc[pid]
        assert row[row != 0].to_dict() == moved[moved != 0].to_dict()
    assert (result.delays[frame["fixed"]] == 0).all()
    if portfolio.precedence is not None:
        for a, b in portfolio.precedence.edges:
            assert result.windows.at[b, "start_year"] > result.windows.at[a, "end_year"]
    capex.assert_valid(
        portfolio,
        result,
        lines,
        row_totals_minor=frame["total_minor"],
        windows=result.windows,
        period=(result.years[0], result.years[-1]),
    )


@given(small_problems())
def test_the_optimum_equals_brute_force(problem: dict) -> None:
    portfolio, lines = _build(problem)
    truth = _brute_force(portfolio, lines, problem["max_delay"], problem["objective"])
    result = capex.shift(
        portfolio,
        lines,
        max_delay=problem["max_delay"],
        objective=problem["objective"],
        time_limit=None,  # optimality is proven, not hoped for within a wall-clock limit
    )
    if truth["best"] is None:
        assert result.status == capex.Status.INFEASIBLE
        if truth["least_overload"] is None:  # precedence and fixed projects cannot both hold
            assert result.overload_minor is None
        else:  # the relaxation finds the least overload the shifts leave
            assert int(result.overload_minor.to_numpy().sum()) == truth["least_overload"] > 0
        return
    assert result.status == capex.Status.OPTIMAL
    assert _objective_units(result) == truth["best"]
    assert result.bound == result.objective
    _assert_schedule_holds(portfolio, result, lines)


@settings(max_examples=12)
@given(small_problems(), st.sampled_from(["cp-sat", "cp-sat-intervals", "scip"]))
def test_every_solver_agrees_with_brute_force(problem: dict, solver: str) -> None:
    portfolio, lines = _build(problem)
    objective = (
        "delay"
        if problem["objective"] == "peak" and solver == "cp-sat-intervals"
        else problem["objective"]
    )
    truth = _brute_force(portfolio, lines, problem["max_delay"], objective)
    result = capex.shift(
        portfolio,
        lines,
        max_delay=problem["max_delay"],
        objective=objective,
        solver=solver,
        tiebreak=None,
        time_limit=None,
    )
    if truth["best"] is None:
        assert result.status == capex.Status.INFEASIBLE
        return
    assert result.status == capex.Status.OPTIMAL
    assert _objective_units(result) == truth["best"]
    _assert_schedule_holds(portfolio, result, lines)


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
    assert result.status == capex.Status.OPTIMAL
    assert result.bound == result.objective
    assert (result.delays > 0).any()  # a cut of every year cannot be met without moving
    frame = yuecheng.frame
    # money a window has no year for sits one year after it (cash_flow's "after" policy)
    unplaceable = capex.plan_split(yuecheng)["unplaceable_minor"] > 0
    allowed = result.windows.copy()
    allowed.loc[unplaceable, "end_year"] += 1
    capex.assert_valid(
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
    assert result.status == capex.Status.OPTIMAL
    assert (result.delays == 0).all() and result.objective == 0


def test_infeasible_names_the_years_over_their_ceiling(yuecheng: capex.Portfolio) -> None:
    # the fixed projects alone spend more than 0.5 亿元 in 2021: no shift can fix that year
    fixed_2021 = int(capex.cash_flow(yuecheng).flows_minor.loc[yuecheng.frame["fixed"], 2021].sum())
    assert fixed_2021 > 5_000
    result = capex.shift(yuecheng, {2021: 0.5}, max_delay=2, time_limit=None)
    assert result.status == capex.Status.INFEASIBLE
    assert result.overload_minor.loc["ceiling", 2021] >= fixed_2021 - 5_000
    assert any(message.startswith("2021: line 'ceiling' stays") for message in result.messages)


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
    assert result.status == capex.Status.OPTIMAL
    assert result.delays.to_dict() == {1: 0, 2: 0, 3: -1, 4: 0}
    assert result.objective == 1
    later_only = capex.shift(tiny, {2023: 2.0}, max_delay=1, fixed=[1, 2, 4], time_limit=None)
    assert later_only.status == capex.Status.INFEASIBLE


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


# ---------------------------------------------------------------------------------------
# the array-built HiGHS model and the peak exchanges (the fast paths for large portfolios)
# ---------------------------------------------------------------------------------------
def _arrays(problem: dict, allow_earlier: bool = False):
    from capex.solvers.shift import build_problem
    from capex.solvers.spread import resolve_lines

    portfolio, lines = _build(problem)
    return build_problem(
        portfolio,
        resolve_lines(portfolio, lines),
        problem["max_delay"],
        allow_earlier=allow_earlier,
    ).arrays


@settings(max_examples=30)
@given(small_problems(), st.booleans(), st.booleans())
def test_the_array_model_agrees_with_the_mathopt_model(
    problem: dict, incremental: bool, allow_earlier: bool
) -> None:
    from capex.solvers import _shift_model
    from capex.solvers._shift_model import SolveControls, solve_highs, solve_mip

    arrays = _arrays(problem, allow_earlier)
    controls = SolveControls(time_limit=NO_TIME_LIMIT)  # the statuses must agree: no limit
    with pytest.MonkeyPatch.context() as patch:
        # both formulations of the array model: incremental (small models) and one-hot
        patch.setattr(_shift_model, "INCREMENTAL_OPTIONS", 10**9 if incremental else 0)
        direct = solve_highs(arrays, problem["objective"], controls)
    mathopt = solve_mip(arrays, problem["objective"], controls)
    assert direct.status == mathopt.status
    if direct.status == "optimal":
        assert direct.objective == mathopt.objective == direct.bound
        assert not arrays.overload(direct.delays).any()
    relaxed_direct = solve_highs(arrays, "delay", controls, relax_ceilings=True)
    relaxed_mathopt = solve_mip(arrays, "delay", controls, relax_ceilings=True)
    assert relaxed_direct.status == relaxed_mathopt.status
    if relaxed_direct.delays is not None:
        assert relaxed_direct.slack.sum() == relaxed_mathopt.slack.sum()


@settings(max_examples=30)
@given(small_problems(), st.booleans())
def test_peak_exchanges_keep_the_delay_and_every_limit_and_never_raise_the_peak(
    problem: dict, allow_earlier: bool
) -> None:
    from capex.solvers._shift_model import SolveControls, exchange_peak, solve_highs

    arrays = _arrays(problem, allow_earlier)
    start = solve_highs(arrays, "delay", SolveControls(time_limit=20))
    if start.status != "optimal":
        return
    after = exchange_peak(arrays, start.delays)
    assert arrays.objective_value("delay", after) == arrays.objective_value("delay", start.delays)
    assert arrays.objective_value("peak", after) <= arrays.objective_value("peak", start.delays)
    assert not arrays.overload(after).any()
    assert ((after >= arrays.min_delay) & (after <= arrays.max_delay)).all()
    for before, later in arrays.edges:
        assert arrays.win_start[later] + after[later] > arrays.win_end[before] + after[before]


def test_large_models_break_ties_by_exchanges(
    yuecheng: capex.Portfolio, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capex.solvers import _shift_model

    cut = {
        year: Decimal(wan) * Decimal("0.9") / 10_000
        for year, wan in _published_annual(yuecheng).items()
    }
    exact = capex.shift(yuecheng, cut, time_limit=None)
    monkeypatch.setattr(_shift_model, "EXACT_TIEBREAK_OPTIONS", 0)
    local = capex.shift(yuecheng, cut, time_limit=None)
    assert local.status == exact.status == capex.Status.OPTIMAL
    assert local.objective == exact.objective == local.bound
    assert any("exchanges" in message for message in local.messages)
    # the exact tie-break is the lowest peak among the delay optima; the exchanges reach no lower
    plan = [year for year in local.schedule_minor.columns if year >= PLAN[0]]
    assert (
        exact.schedule_minor[plan].sum(axis=0).max() <= local.schedule_minor[plan].sum(axis=0).max()
    )
    # the ceilings hold, recomputed from the schedule
    annual = local.schedule_minor.sum(axis=0)
    for year, ceiling in cut.items():
        assert annual.get(year, 0) <= ceiling * 10_000


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
    assert result.status == capex.Status.INFEASIBLE
    overload = result.overload_minor
    assert overload.loc["government", 2023] > 0 and (overload.loc["all"] == 0).all()
    assert (result.extra_budget_minor == 0).all()  # the plan-wide line stays within its own
