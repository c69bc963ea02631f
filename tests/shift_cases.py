"""Small deferral problems and a brute force that knows nothing of the solvers.

Shared by the tests of :func:`capex.shift` and of the engine in ``capex/solvers/_shift``:
:func:`small_problems` draws portfolios of up to six projects with ceilings, budget lines
(nested and overlapping), precedence and priorities; :func:`brute_force` tries every
combination of shifts.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import numpy as np
import pandas as pd
from hypothesis import strategies as st

import capex
from capex.io.precedence import with_precedence
from capex.model.budget import BudgetLine

PLAN = (2021, 2025)


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
                "street": draw(st.sampled_from(["东街", "西街"])),
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
        # a line per street beside the government line: the two overlap without nesting
        "street_line": draw(st.booleans()),
        "objective": draw(st.sampled_from(["delay", "makespan", "peak"])),
    }


def build(problem: dict) -> tuple[capex.Portfolio, list[BudgetLine]]:
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
    if problem.get("street_line"):
        east = (portfolio.frame["street"] == "东街").to_numpy()
        east_level = int(flows[east].sum(axis=0).reindex(years, fill_value=0).max())
        lines.append(
            BudgetLine(
                "东街",
                {year: Decimal(int(east_level * 0.8)) / 10_000 for year in years},
                {"street": "东街"},
            )
        )
    return portfolio, lines


def brute_force(
    portfolio: capex.Portfolio,
    lines: list[BudgetLine],
    max_delay: int,
    objective: str,
    *,
    allow_earlier: bool = False,
) -> dict:
    """Every combination of shifts: the best objective, the least total overload, and the
    plans that reach the best (as tuples of delays in the portfolio's order)."""
    flows = capex.cash_flow(portfolio).flows_minor
    frame = portfolio.frame
    ids = list(frame.index)
    fixed = frame["fixed"].to_numpy()
    lowest = -max_delay if allow_earlier else 0
    choices = [range(1) if fixed[i] else range(lowest, max_delay + 1) for i in range(len(ids))]
    optima: list[tuple[int, ...]] = []
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
            value = int(sum(w * abs(d) for w, d in zip(frame["priority"], delays)))
        elif objective == "makespan":
            first = min(frame["start_year"].min(), min(start.values()))
            value = int(max(end.values()) + 1 - first)
        else:
            value = max((int(v.sum()) for y, v in per_year.items() if y >= PLAN[0]), default=0)
        if best is None or value < best:
            best, optima = value, []
        if value == best:
            optima.append(tuple(delays))
    return {"best": best, "least_overload": least_overload, "optima": optima}


def objective_units(result: capex.results.ShiftResult) -> int:
    """The objective as the integer the brute force computes (peak: 万元)."""
    factor = 10_000 if result.objective_name == "peak" else 1
    return round(result.objective * factor)


def assert_schedule_holds(
    portfolio: capex.Portfolio, result: capex.results.ShiftResult, lines: list[BudgetLine]
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
    capex.solvers.check.assert_valid(
        portfolio,
        result,
        lines,
        row_totals_minor=frame["total_minor"],
        windows=result.windows,
        period=(result.years[0], result.years[-1]),
    )


def arrays_of(problem: dict, allow_earlier: bool = False):
    """The engine's arrays for a drawn problem (``capex.solvers._shift.arrays.ShiftArrays``)."""
    from capex.model.budget import resolve_lines
    from capex.solvers._shift.problem import build_problem

    portfolio, lines = build(problem)
    return build_problem(
        portfolio,
        resolve_lines(portfolio, lines, any_year=True),
        problem["max_delay"],
        allow_earlier=allow_earlier,
    ).arrays
