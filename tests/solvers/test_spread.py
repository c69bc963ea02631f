"""The spreading solver: exact, optimal (against an LP and a full flow), explained when infeasible."""

from __future__ import annotations

import doctest
import importlib

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from ortools.linear_solver import pywraplp

import capex
from capex.errors import CapexError
from capex.model.budget import BudgetLine
from capex.solvers.check import assert_valid, check_schedule
from capex.solvers.result import Status
from capex.solvers.spread import min_flat_ceiling, spread

PLAN = (2021, 2025)
YEARS = list(range(PLAN[0], PLAN[1] + 1))


# ---------------------------------------------------------------------------------------
# independent references: an LP over every project-year (GLOP) and a max-flow (networkx)
# ---------------------------------------------------------------------------------------
def lp_moved(portfolio, ceilings_minor, profile="uniform", lines=None):
    """Least money moved (万元) by an LP over all project-years, or None if infeasible.

    ``lines`` is a list of (boolean member mask, {year: 万元}) for rule-based lines.
    """
    target = capex.model.cashflow.plan_targets(portfolio, profile).to_numpy()
    frame = portfolio.frame
    first, last = portfolio.plan_period
    solver = pywraplp.Solver.CreateSolver("GLOP")
    x, over = {}, []
    for i in range(len(frame)):
        lo = max(int(frame["start_year"].iloc[i]), first) - first
        hi = min(int(frame["end_year"].iloc[i]), last) - first
        for y in range(lo, hi + 1):
            x[i, y] = solver.NumVar(0, solver.infinity(), "")
            above = solver.NumVar(0, solver.infinity(), "")
            solver.Add(above >= x[i, y] - int(target[i, y]))
            over.append(above)
        solver.Add(sum(x[i, y] for y in range(lo, hi + 1)) == int(frame["plan_minor"].iloc[i]))
    all_lines = [(np.ones(len(frame), dtype=bool), ceilings_minor)] + list(lines or [])
    for mask, caps in all_lines:
        for year, cap in caps.items():
            terms = [v for (i, y), v in x.items() if y == year - first and mask[i]]
            if terms:
                solver.Add(sum(terms) <= cap)
    solver.Minimize(sum(over))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return solver.Objective().Value()


def max_flow_fits(portfolio, ceilings_minor):
    """Whether the plan fits, by a networkx max-flow: project -> its plan years -> sink."""
    graph = nx.DiGraph()
    first, last = portfolio.plan_period
    frame = portfolio.frame
    for pid, row in frame.iterrows():
        if row["plan_minor"] == 0:
            continue
        graph.add_edge("source", ("p", pid), capacity=int(row["plan_minor"]))
        for year in range(max(row["start_year"], first), min(row["end_year"], last) + 1):
            graph.add_edge(("p", pid), ("y", year), capacity=int(row["plan_minor"]))
    for year in range(first, last + 1):
        if year in ceilings_minor:
            graph.add_edge(("y", year), "sink", capacity=int(ceilings_minor[year]))
        else:
            graph.add_edge(("y", year), "sink")  # no capacity attribute: unbounded
    if "source" not in graph:
        return True, 0
    value = nx.maximum_flow_value(graph, "source", "sink")
    return value == portfolio.plan_minor, value


def make_portfolio(starts, lengths, amounts):
    frame = pd.DataFrame(
        {
            "id": list(range(1, len(starts) + 1)),
            "name": [f"项目{i}" for i in range(1, len(starts) + 1)],
            "start_year": starts,
            "end_year": [s + n - 1 for s, n in zip(starts, lengths)],
            "total_investment": [str(a) for a in amounts],
            "plan_investment": [str(a) for a in amounts],
        }
    )
    return capex.load_projects(frame, plan_period=PLAN, amount_unit="万元")


@st.composite
def portfolios_and_ceilings(draw):
    n = draw(st.integers(1, 8))
    starts = draw(st.lists(st.integers(2019, 2025), min_size=n, max_size=n))
    lengths = [draw(st.integers(max(1, PLAN[0] - s + 1), 5)) for s in starts]
    amounts = draw(st.lists(st.integers(1, 60), min_size=n, max_size=n))
    ceilings = {}
    for year in YEARS:
        cap = draw(st.one_of(st.none(), st.integers(0, 120)))
        if cap is not None:
            ceilings[year] = cap
    return make_portfolio(starts, lengths, [a * 100 for a in amounts]), {
        y: c * 100 for y, c in ceilings.items()
    }


def in_yi(ceilings_minor):
    return {year: cap / 10_000 for year, cap in ceilings_minor.items()}


# ---------------------------------------------------------------------------------------
# acceptance on the bundled data
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("profile", ["uniform", "front", "back", "bell", "s-curve(a=2, b=4)"])
def test_without_a_binding_ceiling_the_spread_is_the_profile(yuecheng, profile):
    flows = capex.cash_flow(yuecheng, profile)
    for ceilings in (None, {year: 20.0 for year in YEARS}):
        result = spread(yuecheng, ceilings, profile)
        assert result.status is Status.OPTIMAL
        assert result.objective == 0
        assert (result.to_frame().to_numpy() == flows.in_plan_minor.to_numpy()).all()
        assert (result.shadow_prices == 0).all()
        assert_valid(yuecheng, result)
    assert flows.reconciles()


def test_binding_ceilings_hold_rows_are_exact_and_slack_years_have_no_price(yuecheng):
    # uniform totals by year are 11.5635, 8.8334, 9.6584, 9.8849, 8.4498 亿元
    ceilings = {2021: 11.0, 2022: 10.0, 2023: 10.0, 2024: 9.5, 2025: 9.0}
    result = spread(yuecheng, ceilings)
    assert result.ok
    assert_valid(yuecheng, result, ceilings)
    table = result.to_frame()
    assert table.dtypes.eq(np.int64).all()
    assert table.sum(axis=1).tolist() == yuecheng.frame["plan_minor"].tolist()
    annual = result.annual
    assert (annual["total"] <= annual["ceiling"] + 1e-12).all()
    slack = annual.index[annual["total"] < annual["ceiling"]]
    assert len(slack) > 0 and (result.shadow_prices[slack] == 0).all()
    assert set(result.binding_years) >= {2021}
    # the least money moved, from an LP over every project-year
    reference = lp_moved(yuecheng, {y: int(c * 10_000) for y, c in ceilings.items()})
    assert result.objective * 10_000 == pytest.approx(reference)
    # nothing moves out of a year that has room and was not pushed into
    moved = result.moved
    assert moved is not None and moved.abs().to_numpy().sum() / 2 == pytest.approx(result.objective)


def test_docstring_example_runs():
    module = importlib.import_module("capex.solvers.spread")
    failures, attempted = doctest.testmod(module, verbose=False)
    assert attempted > 0 and failures == 0


def test_the_three_line_use_from_capex():
    p = capex.load_projects()
    r = capex.spread(p, ceilings={2021: 12.0, 2022: 10.0, 2023: 10.0, 2024: 10.0, 2025: 10.0})
    assert r.schedule.shape == (35, 5)
    assert r.schedule.sum().sum() == pytest.approx(48.39)


def test_infeasible_ceilings_are_explained_not_thrown(yuecheng):
    # projects 1-6 end in 2021 and must spend 0.3+1.42+1.5+1+0.3+0.1 = 4.62 亿元 in it
    result = spread(yuecheng, {2021: 4.0})
    assert result.status is Status.INFEASIBLE
    assert result.extra_budget[2021] == pytest.approx(0.62)
    assert result.extra_budget.drop(2021).eq(0).all()
    assert (
        str(result.messages[0])
        == "2021: projects 1-6 must spend 4.62 亿元 in this year; the ceilings allow 4 亿元"
    )
    assert "least extra budget" in result.summary()
    chinese = result.summary(lang="zh")
    assert "2021：项目1-6当年须支出4.62 亿元，预算上限仅允许4 亿元" in chinese
    assert "使方案可行所需的最少追加预算：2021: +0.62 亿元（合计0.62 亿元）" in chinese
    assert "least extra budget" not in chinese
    # the schedule shown fits the raised ceiling
    assert_valid(yuecheng, result, {2021: 4.62})


def test_min_flat_ceiling_is_the_least_that_fits(yuecheng):
    lowest = min_flat_ceiling(yuecheng)
    assert spread(yuecheng, lowest).ok
    assert spread(yuecheng, lowest - 0.0001).status is Status.INFEASIBLE
    # Hall by hand: 2021-2025 needs 48.39 亿元 over five years, so at least 9.678
    assert lowest >= 9.678


@pytest.mark.slow
@given(portfolios_and_ceilings())
def test_min_flat_ceiling_matches_max_flow(case):
    portfolio, _ = case
    lowest = round(min_flat_ceiling(portfolio) * 10_000)
    assert max_flow_fits(portfolio, {y: lowest for y in YEARS})[0]
    if lowest > 0:
        assert not max_flow_fits(portfolio, {y: lowest - 1 for y in YEARS})[0]


# ---------------------------------------------------------------------------------------
# properties on random portfolios
# ---------------------------------------------------------------------------------------
@pytest.mark.slow
@given(portfolios_and_ceilings(), st.sampled_from(["uniform", "front", "bell"]))
def test_random_spreads_are_exact_and_feasible_exactly_when_max_flow_says(case, profile):
    portfolio, ceilings = case
    result = spread(portfolio, in_yi(ceilings), profile)
    fits, flow_value = max_flow_fits(portfolio, ceilings)
    assert result.ok == fits
    # rows exact and nothing outside a window, always (also for the raised ceilings)
    violations = check_schedule(portfolio, result, {})
    assert violations == []
    if fits:
        assert check_schedule(portfolio, result, in_yi(ceilings)) == []
        assert (result.extra_budget == 0).all()
    else:
        extra = result.extra_budget_minor
        # the least total extra is what the max-flow cannot carry
        assert int(extra.sum()) == portfolio.plan_minor - flow_value
        raised = {y: c + int(extra.get(y, 0)) for y, c in ceilings.items()}
        assert max_flow_fits(portfolio, raised)[0]
        assert check_schedule(portfolio, result, in_yi(raised)) == []
        assert spread(portfolio, in_yi(raised), profile).ok
        assert result.messages


@pytest.mark.parametrize("seed", range(25))
def test_optimum_and_shadow_prices_match_an_lp(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 10))
    starts = rng.integers(2019, 2026, n)
    lengths = [int(rng.integers(max(1, PLAN[0] - s + 1), 5)) for s in starts]
    portfolio = make_portfolio(starts.tolist(), lengths, (rng.integers(1, 80, n) * 100).tolist())
    total = portfolio.plan_minor
    ceilings = {
        y: int(rng.integers(total // 8, total // 3 + 2)) for y in YEARS if rng.random() < 0.8
    }
    profile = ["uniform", "front", "bell", "back", "s-curve(a=2, b=5)"][seed % 5]
    reference = lp_moved(portfolio, ceilings, profile)
    result = spread(portfolio, in_yi(ceilings), profile)
    if reference is None:
        assert result.status is Status.INFEASIBLE
        return
    assert result.status is Status.OPTIMAL
    assert result.objective * 10_000 == pytest.approx(reference, abs=1e-6)
    for year, cap in ceilings.items():
        # one more 万元 of ceiling in the year: how much less the LP moves
        gain = reference - lp_moved(portfolio, {**ceilings, year: cap + 1}, profile)
        assert result.shadow_prices[year] == pytest.approx(gain, abs=1e-6)
        if result.annual.loc[year, "total"] < cap / 10_000:
            assert result.shadow_prices[year] == 0


# ---------------------------------------------------------------------------------------
# budget lines
# ---------------------------------------------------------------------------------------
def test_nested_budget_lines_hold_and_are_optimal(yuecheng):
    lines = [
        BudgetLine("all", {year: 10.0 for year in YEARS}),
        BudgetLine("government", {2021: 9.0, 2022: 8.0}, {"government_investment": True}),
        BudgetLine("jinghu", {2022: 2.0, 2023: 2.0}, {"builder": "镜湖开发办"}),
    ]
    result = spread(yuecheng, lines)
    assert result.ok
    assert_valid(yuecheng, result, lines)
    frame = yuecheng.frame
    reference = lp_moved(
        yuecheng,
        {y: 100_000 for y in YEARS},
        lines=[
            (frame["government_investment"].to_numpy(), {2021: 90_000, 2022: 80_000}),
            ((frame["builder"] == "镜湖开发办").to_numpy(), {2022: 20_000, 2023: 20_000}),
        ],
    )
    assert result.objective * 10_000 == pytest.approx(reference)
    assert list(result.line_totals_minor.index) == ["all", "government", "jinghu"]
    assert (result.line_totals_minor.loc["jinghu", [2022, 2023]] <= 20_000).all()


def test_overlapping_lines_are_solved_not_refused(yuecheng):
    lines = [
        BudgetLine("east street", {2021: 0.6, 2022: 0.6}, {"street": "东湖街道"}),
        BudgetLine("jinghu", {2021: 5.0}, {"builder": "镜湖开发办"}),
        BudgetLine("government", {2021: 9.0}, {"government_investment": True}),
    ]
    # 东湖街道 has project 18 (not government) and 12, 22 (government): it overlaps "government"
    result = spread(yuecheng, lines)
    assert result.status is Status.OPTIMAL
    assert result.method.startswith("integer program")
    assert_valid(yuecheng, result, lines)
    frame = yuecheng.frame
    reference = lp_moved(
        yuecheng,
        {},
        lines=[
            ((frame["street"] == "东湖街道").to_numpy(), {2021: 6_000, 2022: 6_000}),
            ((frame["builder"] == "镜湖开发办").to_numpy(), {2021: 50_000}),
            (frame["government_investment"].to_numpy(), {2021: 90_000}),
        ],
    )
    # the LP relaxation bounds the integer optimum from below (here they meet)
    assert result.objective * 10_000 == pytest.approx(reference)


def test_shares_split_projects_across_lines(yuecheng):
    lines = [
        BudgetLine("all", {year: 10.0 for year in YEARS}),
        BudgetLine("province", {2022: 0.5, 2023: 0.5}, shares={10: 0.5, 14: 0.3}),
    ]
    result = spread(yuecheng, lines)
    assert result.ok
    assert_valid(yuecheng, result, lines)
    parts = result.parts_minor
    # project 10 has 4.14 亿元 in plan, half funded by the province line
    assert int(parts.loc[(10, "province")].sum()) == 20_700
    assert int(parts.loc[(14, "province")].sum()) == 13_050
    assert (parts.xs("province", level="line")[[2022, 2023]].sum() <= 5_000).all()


def test_infeasible_lines_report_extra_per_line(yuecheng):
    lines = [
        BudgetLine("all", {year: 12.0 for year in YEARS}),
        BudgetLine("government", {2021: 4.0}, {"government_investment": True}),
    ]
    result = spread(yuecheng, lines)
    assert result.status is Status.INFEASIBLE
    extra = result.line_extra_budget_minor
    assert int(extra.loc["government", 2021]) == 6_200  # projects 1-6 need 4.62 亿元 in 2021
    assert any("budget line 'government', 2021: projects 1-6" in m for m in result.messages)


# ---------------------------------------------------------------------------------------
# secondary aims and arguments
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("aim", ["peak", "smooth"])
def test_secondary_aims_keep_the_l1_optimum_and_improve_their_aim(yuecheng, aim):
    ceilings = {2021: 11.0, 2022: 10.0, 2023: 10.0, 2024: 10.0, 2025: 9.0}
    plain = spread(yuecheng, ceilings)
    better = spread(yuecheng, ceilings, secondary=aim, num_workers=1, seed=0)
    assert better.status is Status.OPTIMAL
    assert better.objective == pytest.approx(plain.objective)
    assert_valid(yuecheng, better, ceilings)
    totals, base = better.annual["total"], plain.annual["total"]
    if aim == "peak":
        assert totals.max() <= base.max() + 1e-12
    else:
        assert totals.diff().abs().sum() <= base.diff().abs().sum() + 1e-12


def test_bad_arguments_raise_capex_errors(yuecheng):
    with pytest.raises(CapexError):
        spread(yuecheng, {2030: 5.0})
    with pytest.raises(CapexError):
        spread(yuecheng, {2021: -1.0})
    with pytest.raises(CapexError):
        spread(yuecheng, secondary="fastest")
    with pytest.raises(CapexError):
        spread(yuecheng, profile="zigzag")
    with pytest.raises(CapexError):
        spread(yuecheng, "ten")


def test_a_flat_number_is_a_ceiling_for_every_plan_year(tiny):
    result = spread(tiny, 2.0)
    assert result.ceilings_minor.to_dict() == {2021: 20_000, 2022: 20_000, 2023: 20_000}
    assert result.ok
    assert_valid(tiny, result)


# -- several budget lines: the annual table is the plan-wide line's, lines report spend ------
TWO_LINES = [
    BudgetLine("all", {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}),
    BudgetLine("government", {2021: 5, 2022: 5}, {"government_investment": True}),
]


def test_the_annual_table_keeps_to_the_plan_wide_line(yuecheng: capex.Portfolio) -> None:
    result = capex.spread(yuecheng, TWO_LINES)
    assert result.status == Status.INFEASIBLE  # the government line cannot hold 2021
    extra = result.line_extra_budget_minor
    assert extra.loc["government", 2021] > 0 and extra.loc["all", 2021] == 0
    # the annual table sets the plan-wide ceiling beside the plan-wide line's extra budget,
    # never the government line's
    annual = result.annual_minor()
    assert result.plan_line == "all"
    assert annual.loc[2021, "extra_budget"] == 0
    assert (annual["extra_budget"] == extra.loc["all"]).all()
    # the plan's own least extra budget counts the government's 2021 shortfall, once
    assert result.extra_budget_minor[2021] >= extra.loc["government", 2021]


def test_a_lines_total_is_what_its_projects_spend(yuecheng: capex.Portfolio) -> None:
    result = capex.spread(yuecheng, TWO_LINES)
    government = yuecheng.frame["government_investment"]
    spent = result.schedule_minor[government].sum(axis=0)
    totals = result.line_totals_minor
    assert totals.loc["government"].tolist() == spent.tolist()
    assert totals.loc["all"].tolist() == result.schedule_minor.sum(axis=0).tolist()
    # in 2021 the government projects spend more than their ceiling: that is the extra budget
    over = spent[2021] - result.line_ceilings_minor.loc["government", 2021]
    assert over == result.line_extra_budget_minor.loc["government", 2021] > 0


def test_spread_returns_one_result_type_that_knows_its_plan_period(tiny, yuecheng):
    plain = spread(tiny, 2.0)
    shared = spread(
        yuecheng,
        [
            BudgetLine("province", {2022: 1.0}, shares={10: 0.5}),
            BudgetLine("all", dict.fromkeys(YEARS, 10.0)),
        ],
    )
    for result in (plain, shared):
        assert type(result) is capex.results.SpreadResult
    assert plain.parts_minor is None and shared.parts_minor is not None
    assert plain.plan_period == (2021, 2023) and shared.plan_period == (2021, 2025)


# ---------------------------------------------------------------------------------------
# the money outside the plan period: computed when first read
# ---------------------------------------------------------------------------------------
def test_unplanned_money_is_computed_when_first_read_and_equals_the_cash_flows(monkeypatch):
    import pickle

    import capex.solvers.spread as spread_module
    from capex.model.cashflow import unplanned_flows

    calls = []

    def counted(*args, **kwargs):
        calls.append(args)
        return unplanned_flows(*args, **kwargs)

    monkeypatch.setattr(spread_module, "unplanned_flows", counted)
    portfolio = capex.load_projects()
    result = spread(portfolio, ceilings=11.0, profile="front")
    assert calls == []  # the spread itself never needs it
    assert result.knows_full_window
    expected = unplanned_flows(portfolio, "front")
    pd.testing.assert_frame_equal(result.unplanned_minor, expected)
    assert len(calls) == 1
    window = result.full_window()
    assert len(calls) == 1  # computed once, then kept
    assert (window.sum(axis=1) == portfolio.frame["total_minor"]).all()
    assert result.provenance is not None and result.provenance.solver == "spread"
    again = pickle.loads(pickle.dumps(spread(portfolio, ceilings=11.0, profile="front")))
    pd.testing.assert_frame_equal(again.unplanned_minor, expected)
    assert len(calls) == 2
