"""Overlapping budget lines: the integer program behind spread, against independent references.

References: an integer program over every (project, plan year) written in PuLP from the
definitions (least money beyond the ceilings, each 万元 once; then least money moved) and
solved by CBC, another solver than capex's HiGHS; and plain enumeration of every integer
schedule on tiny cases.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pulp
import pytest
from hypothesis import given
from hypothesis import strategies as st

import capex
from capex.model.budget import BudgetLine
from capex.model.money import WAN
from capex.model.profiles import get_profile
from capex.solvers import _lines_mip
from capex.solvers._flow import Network
from capex.solvers._spread_problem import SpreadProblem
from capex.solvers.check import check_schedule
from capex.solvers.result import Status

PLAN = (2021, 2023)
YEARS = list(range(PLAN[0], PLAN[1] + 1))
STREETS = ("东街", "西街", "南街")


# ---------------------------------------------------------------------------------------
# portfolios and lines
# ---------------------------------------------------------------------------------------
def make_portfolio(windows, amounts, streets, government, plan_period=PLAN):
    """Projects with (start, end) windows, amounts in 万元, a street and funding each."""
    frame = pd.DataFrame(
        {
            "id": list(range(1, len(windows) + 1)),
            "name": [f"项目{i}" for i in range(1, len(windows) + 1)],
            "start_year": [s for s, _ in windows],
            "end_year": [e for _, e in windows],
            "total_investment": [str(a) for a in amounts],
            "plan_investment": [str(a) for a in amounts],
            "street": list(streets),
            "government_investment": ["yes" if g else "no" for g in government],
        }
    )
    return capex.load_projects(frame, plan_period=plan_period, amount_unit="万元")


def line(name, caps_minor, rule):
    """A budget line with ceilings given in 万元, the minor unit of these portfolios."""
    return BudgetLine(name, caps_minor, rule, unit="万元")


def caps_of(item):
    """A line's ceilings in 万元 by year."""
    return item.ceilings_minor(WAN)


def raised(lines, extra_minor: pd.DataFrame):
    """The lines with each ceiling raised by the result's extra budget of that line."""
    out = []
    for item in lines:
        caps = {y: c + int(extra_minor.loc[item.name, y]) for y, c in caps_of(item).items()}
        out.append(line(item.name, caps, item.rule))
    return out


# ---------------------------------------------------------------------------------------
# the independent reference: one integer program over every project-year (PuLP + CBC)
# ---------------------------------------------------------------------------------------
def cbc(problem):
    """Solve a PuLP problem with CBC (another solver than capex's HiGHS); its objective."""
    problem.solve(pulp.PULP_CBC_CMD(msg=False, threads=1))
    assert pulp.LpStatus[problem.status] == "Optimal"
    return round(pulp.value(problem.objective) or 0)


def cbc_reference(portfolio, lines, profile="uniform", *, hard=False):
    """``(least money beyond the ceilings, least money moved)`` in 万元, written from the
    definitions: per (project, plan year) an integer ``x``, ``a >= x - t`` (moved above the
    target) and an integer ``u <= x`` (spent beyond the ceilings); every line's ceiling holds
    for ``x - u``; first the least ``sum u``, then, keeping it, the least ``sum a``. With
    ``hard=True`` no money may go beyond the ceilings (``u = 0``)."""
    first, last = portfolio.plan_period
    frame = portfolio.frame
    target = capex.model.cashflow.plan_targets(portfolio, profile)
    x, a, u = {}, {}, {}
    for pid, row in frame.iterrows():
        if row["plan_minor"] == 0:
            continue
        for year in range(max(row["start_year"], first), min(row["end_year"], last) + 1):
            key = (pid, year)
            x[key] = pulp.LpVariable(f"x_{pid}_{year}", 0, int(row["plan_minor"]), cat="Integer")
            a[key] = pulp.LpVariable(f"a_{pid}_{year}", 0)
            most = 0 if hard else int(row["plan_minor"])
            u[key] = pulp.LpVariable(f"u_{pid}_{year}", 0, most, cat="Integer")

    def constraints(problem):
        for pid, row in frame.iterrows():
            if row["plan_minor"] > 0:
                problem += pulp.lpSum(v for (i, _), v in x.items() if i == pid) == int(
                    row["plan_minor"]
                )
        for key, amount in x.items():
            problem += a[key] >= amount - int(target.loc[key])
            problem += u[key] <= amount
        for item in lines:
            members = set(portfolio.ids[item.members(portfolio)])
            for year, cap in caps_of(item).items():
                keys = [k for k in x if k[0] in members and k[1] == year]
                if keys:
                    problem += pulp.lpSum(x[k] - u[k] for k in keys) <= cap

    least = 0
    if not hard:
        first_stage = pulp.LpProblem("least_unfunded", pulp.LpMinimize)
        first_stage += pulp.lpSum(u.values())
        constraints(first_stage)
        least = cbc(first_stage)
    second_stage = pulp.LpProblem("least_moved", pulp.LpMinimize)
    second_stage += pulp.lpSum(a.values())
    constraints(second_stage)
    second_stage += pulp.lpSum(u.values()) <= least
    return least, cbc(second_stage)


def least_unfunded_given(portfolio, lines, schedule_minor, year):
    """The least money of ``schedule_minor`` in ``year`` that no ceiling can fund (CBC)."""
    amounts = schedule_minor[year].reindex(portfolio.ids)
    problem = pulp.LpProblem("funded", pulp.LpMaximize)
    funded = {
        pid: pulp.LpVariable(f"f_{pid}", 0, int(v), cat="Integer") for pid, v in amounts.items()
    }
    problem += pulp.lpSum(funded.values())
    for item in lines:
        cap = caps_of(item).get(year)
        if cap is not None:
            members = portfolio.ids[item.members(portfolio)]
            problem += pulp.lpSum(funded[pid] for pid in members) <= cap
    return int(amounts.sum()) - cbc(problem)


def brute_force_moved(portfolio, lines, profile="uniform"):
    """Least money moved over every integer schedule that meets every ceiling; None if none."""
    frame = portfolio.frame
    target = capex.model.cashflow.plan_targets(portfolio, profile)
    options = []
    for i, pid in enumerate(frame.index):
        years = [y for y in YEARS if frame["start_year"].iloc[i] <= y <= frame["end_year"].iloc[i]]
        plan = int(frame["plan_minor"].iloc[i])
        rows = [
            dict(zip(years, split))
            for split in itertools.product(range(plan + 1), repeat=len(years))
            if sum(split) == plan
        ]
        options.append((pid, rows))
    best = None
    masks = [(item.members(portfolio), caps_of(item)) for item in lines]
    for choice in itertools.product(*(rows for _, rows in options)):
        table = np.array([[row.get(y, 0) for y in YEARS] for row in choice])
        if any(
            table[mask].sum(axis=0)[YEARS.index(y)] > cap
            for mask, caps in masks
            for y, cap in caps.items()
        ):
            continue
        moved = int(np.maximum(table - target.to_numpy(), 0).sum())
        best = moved if best is None else min(best, moved)
    return best


# ---------------------------------------------------------------------------------------
# random overlapping cases
# ---------------------------------------------------------------------------------------
@st.composite
def overlapping_cases(draw):
    n = draw(st.integers(2, 6))
    windows = []
    for _ in range(n):
        start = draw(st.integers(2020, 2023))
        end = draw(st.integers(max(start, 2021), 2024))
        windows.append((start, end))
    amounts = [draw(st.integers(1, 30)) * 100 for _ in range(n)]
    streets = [draw(st.sampled_from(STREETS)) for _ in range(n)]
    government = [draw(st.booleans()) for _ in range(n)]
    portfolio = make_portfolio(windows, amounts, streets, government)

    def caps():
        out = {}
        for year in YEARS:
            cap = draw(st.one_of(st.none(), st.integers(0, 40)))
            if cap is not None:
                out[year] = cap * 100
        return out

    lines = [line(f"street {s}", caps(), {"street": s}) for s in sorted(set(streets))]
    lines.append(line("government", caps(), {"government_investment": True}))
    if draw(st.booleans()):
        lines.append(line("all", caps(), None))
    return portfolio, lines


@pytest.mark.slow
@given(overlapping_cases(), st.sampled_from(["uniform", "front", "bell"]))
def test_overlapping_lines_match_an_independent_integer_program(case, profile):
    portfolio, lines = case
    result = capex.spread(portfolio, lines, profile)
    least, moved = cbc_reference(portfolio, lines, profile)
    # rows exact and money only in the window's plan years, always
    assert check_schedule(portfolio, result, {}) == []
    assert int(result.extra_budget_minor.sum()) == least
    assert round(result.objective * 10_000) == moved
    assert result.plan_period == PLAN
    schedule = result.schedule_minor
    if least == 0:
        assert result.ok and result.status is Status.OPTIMAL
        assert check_schedule(portfolio, result, lines) == []
        assert (result.line_extra_budget_minor.to_numpy() == 0).all()
        return
    assert result.status is Status.INFEASIBLE
    # each line's extra is how far the plan's own load exceeds that line's ceiling
    for item in lines:
        load = schedule[item.members(portfolio)].sum(axis=0)
        for year in YEARS:
            cap = caps_of(item).get(year)
            over = 0 if cap is None else max(int(load[year]) - cap, 0)
            assert int(result.line_extra_budget_minor.loc[item.name, year]) == over
    # the plan fits every line raised by its extra; each year's extra counts a 万元 once
    assert check_schedule(portfolio, result, raised(lines, result.line_extra_budget_minor)) == []
    for year in YEARS:
        assert int(result.extra_budget_minor[year]) == least_unfunded_given(
            portfolio, lines, schedule, year
        )
    assert any("least extra budget" in m for m in result.messages)


@pytest.mark.parametrize("seed", range(6))
def test_tiny_overlapping_cases_match_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = 3
    windows = [(2021, 2021 + int(rng.integers(0, 3))) for _ in range(n)]
    amounts = [int(rng.integers(1, 6)) for _ in range(n)]
    portfolio = make_portfolio(windows, amounts, ["东街", "东街", "西街"], [True, False, True])
    lines = [
        line("street 东街", {y: int(rng.integers(1, 6)) for y in YEARS}, {"street": "东街"}),
        line(
            "government",
            {y: int(rng.integers(1, 6)) for y in YEARS},
            {"government_investment": True},
        ),
    ]
    best = brute_force_moved(portfolio, lines)
    result = capex.spread(portfolio, lines)
    if best is None:
        assert result.status is Status.INFEASIBLE
    else:
        assert result.status is Status.OPTIMAL
        assert round(result.objective * 10_000) == best
        assert check_schedule(portfolio, result, lines) == []


# ---------------------------------------------------------------------------------------
# hand-made cases
# ---------------------------------------------------------------------------------------
@pytest.fixture
def crossing():
    """A shared project A (east street, government) that each line pushes the other way.

    B (east street, private) fills the street's 2021 ceiling; C (west street, government)
    fills the government line's 2022 ceiling. Neither line is short on its own, together
    they leave A's 10 万元 nowhere to go.
    """
    portfolio = make_portfolio(
        [(2021, 2022), (2021, 2021), (2022, 2022)],
        [10, 5, 5],
        ["东街", "东街", "西街"],
        [True, False, True],
        plan_period=(2021, 2022),
    )
    lines = [
        line("east street", {2021: 5, 2022: 10}, {"street": "东街"}),
        line("government", {2021: 10, 2022: 5}, {"government_investment": True}),
    ]
    return portfolio, lines


def test_lines_that_conflict_only_together_are_explained(crossing):
    portfolio, lines = crossing
    result = capex.spread(portfolio, lines)
    assert result.status is Status.INFEASIBLE
    # A keeps its even split: 5 above the street's 2021 ceiling and 5 above the government's 2022
    assert result.to_frame().loc[1].tolist() == [5, 5]
    assert result.extra_budget_minor.tolist() == [5, 5]
    extra = result.line_extra_budget_minor
    assert extra.loc["east street"].tolist() == [5, 0]
    assert extra.loc["government"].tolist() == [0, 5]
    assert result.objective == 0
    assert str(result.messages[0]) == (
        "no budget line is short on its own: lines 'east street', 'government' cannot all be "
        "met together on the projects they share"
    )
    assert str(result.messages[1]).startswith(
        "least extra budget that makes the plan fit: 2021: +0.0005 亿元, 2022: +0.0005 亿元 "
        "(total 0.001 亿元); by line: 'east street' 2021: +0.0005 亿元; 'government' 2022: +0.0005 亿元"
    )
    assert check_schedule(portfolio, result, raised(lines, extra)) == []


def test_a_wan_above_two_lines_counts_once():
    # one project on both lines, all of it in 2021, each line allowing half
    portfolio = make_portfolio([(2021, 2021)], [10], ["东街"], [True], plan_period=(2021, 2022))
    lines = [
        line("east street", {2021: 5}, {"street": "东街"}),
        line("government", {2021: 5}, {"government_investment": True}),
        line("west street", {2021: 5}, {"street": "西街"}),
    ]
    result = capex.spread(portfolio, lines)
    assert result.status is Status.INFEASIBLE
    assert result.extra_budget_minor.tolist() == [5, 0]
    assert result.line_extra_budget_minor[2021].tolist() == [5, 5, 0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lines", "overlap"),
    [
        (
            [
                BudgetLine("east lake", {2021: 0.6, 2022: 0.6}, {"street": "东湖街道"}),
                BudgetLine(
                    "government",
                    {y: 9.5 for y in range(2021, 2026)},
                    {"government_investment": True},
                ),
            ],
            ("east lake", "government"),
        ),
        (
            [
                BudgetLine("doumen", {2024: 1.0, 2025: 1.2}, {"street": "斗门街道"}),
                BudgetLine("jinghu", {2022: 2.5, 2023: 2.5}, {"builder": "镜湖开发办"}),
                BudgetLine("all", {y: 10.0 for y in range(2021, 2026)}),
            ],
            ("doumen", "jinghu"),
        ),
        (
            [
                BudgetLine("province", {2022: 0.8, 2023: 0.8}, shares={18: 0.5, 10: 0.5}),
                BudgetLine("government", {2022: 8.0, 2023: 9.0}, {"government_investment": True}),
            ],
            ("province", "government"),
        ),
    ],
    ids=["street-government", "street-builder", "shares-government"],
)
def test_overlapping_lines_on_the_bundled_projects(yuecheng, lines, overlap):
    problem = SpreadProblem.build(yuecheng, tuple(lines), get_profile("uniform"))
    assert problem.overlapping_pair() == overlap
    result = capex.spread(yuecheng, lines)
    assert result.status is Status.OPTIMAL
    assert result.method == _lines_mip.METHOD
    assert check_schedule(yuecheng, result, lines) == []
    assert (result.to_frame().sum(axis=1) == yuecheng.frame["plan_minor"]).all()
    # a plan moves no less money with more lines: dropping one cannot make it worse
    looser = capex.spread(yuecheng, lines[1:])
    assert looser.objective <= result.objective + 1e-12
    if not any(item.is_shared for item in lines):
        assert round(result.objective * 10_000) == cbc_reference(yuecheng, lines)[1]


def test_nested_lines_give_the_same_answer_by_flow_and_by_integer_program(yuecheng):
    lines = (
        BudgetLine("all", {y: 10.0 for y in range(2021, 2026)}),
        BudgetLine("government", {2021: 8.0, 2022: 7.0}, {"government_investment": True}),
        BudgetLine("jinghu", {2022: 1.5, 2023: 1.5}, {"builder": "镜湖开发办"}),
    )
    problem = SpreadProblem.build(yuecheng, lines, get_profile("bell"))
    parent, leaf = problem.tree()
    flow = Network(problem.groups, leaf, problem.capacity, parent).solve()
    mip = _lines_mip.spread_plan(problem.groups, problem.capacity, _lines_mip.MipControls())
    assert mip.status == "optimal"
    assert int(flow.unfunded.sum()) == int(mip.plan.unfunded.sum()) > 0
    assert flow.moved == mip.plan.moved
    # and the shadow prices at the raised ceilings agree
    result = capex.spread(yuecheng, lines, "bell")
    assert result.status is Status.INFEASIBLE
    capacity = problem.capacity + result.line_extra_budget_minor.to_numpy() * (
        problem.capacity >= 0
    )
    least = Network(problem.groups, leaf, capacity, parent, unfunded=False).solve().moved
    savings = _lines_mip.marginal_savings(
        problem.groups, capacity, least, flow, capacity >= 0, _lines_mip.MipControls()
    )
    assert np.array_equal(savings, result.line_shadow_prices.to_numpy())


@pytest.mark.parametrize("seed", range(4))
def test_shadow_prices_are_the_saving_of_one_more_wan(seed):
    rng = np.random.default_rng(seed)
    n = 6
    windows = []
    for _ in range(n):
        start = int(rng.integers(2021, 2024))
        windows.append((start, int(rng.integers(start, 2024))))
    amounts = (rng.integers(5, 40, n) * 100).tolist()
    streets = [STREETS[int(k)] for k in rng.integers(0, 2, n)]
    government = (rng.random(n) < 0.6).tolist()
    portfolio = make_portfolio(windows, amounts, streets, government)
    total = sum(amounts)
    lines = [
        line(
            f"street {s}",
            {y: int(rng.integers(total // 10, total // 3)) for y in YEARS},
            {"street": s},
        )
        for s in sorted(set(streets))
    ]
    lines.append(
        line(
            "government",
            {y: int(rng.integers(total // 8, total // 3)) for y in YEARS},
            {"government_investment": True},
        )
    )
    result = capex.spread(portfolio, lines)
    # for an infeasible plan the prices are those at the ceilings raised by its extra budget
    at = raised(lines, result.line_extra_budget_minor)
    base = cbc_reference(portfolio, at, hard=True)[1]
    prices = result.line_shadow_prices
    for k, item in enumerate(at):
        for year, cap in caps_of(item).items():
            more = list(at)
            more[k] = line(item.name, {**caps_of(item), year: cap + 1}, item.rule)
            assert (
                prices.loc[item.name, year] == base - cbc_reference(portfolio, more, hard=True)[1]
            )


def test_a_time_limit_that_leaves_no_time_gives_status_unknown(yuecheng):
    lines = [
        BudgetLine("east lake", {2021: 0.6}, {"street": "东湖街道"}),
        BudgetLine("government", {2021: 9.0}, {"government_investment": True}),
    ]
    result = capex.spread(yuecheng, lines, time_limit=1e-9)
    assert result.status is Status.UNKNOWN
    assert not result.ok
    assert "no plan was found within the time limit" in result.messages[0]
    assert (
        result.to_frame().to_numpy() == capex.model.cashflow.plan_targets(yuecheng).to_numpy()
    ).all()
