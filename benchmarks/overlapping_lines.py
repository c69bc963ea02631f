"""Overlapping budget lines: a cap per street beside a cap on government-funded projects.

The instance, a plain HiGHS model of it to race against, and an independent check of any
answer. ``run.py`` times them (problem ``spread-lines``); the protocol is in ``README.md``.

**Instance** (:func:`lines_case`): ``capex.solvers.synthetic.random_portfolio(n, seed)``, each project
given a street drawn from the 35 bundled projects' streets (so 16 streets at their real
frequencies) and government funding with probability :data:`GOVERNMENT_SHARE`, both from a
generator seeded by ``(seed, 13)``. The real table funds 34 of its 35 projects by government,
which would leave the two kinds of line almost nested; at 70 % every street has projects on
both sides, so every street line overlaps the government line. Budget lines: one per street,
and one over the government-funded projects, each a flat ceiling per plan year from
``binding_ceilings`` of its own projects (:data:`STREET_TIGHTNESS`,
:data:`GOVERNMENT_TIGHTNESS` of its peak year of the even spread, raised to the least flat
ceiling its own projects fit under). The uniform profile.

**Peer** (:func:`plain_highs`): the same integer program written the plain way, one integer
column per (project, plan year) and one continuous column for the money moved into it above
its target, exact row sums, one row per (line, year); HiGHS through ``highspy`` arrays, seed
0, stopping as capex does (absolute gap below one 万元, the objective being whole 万元).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

import capex
from capex.model.budget import BudgetLine
from capex.solvers import synthetic

GOVERNMENT_SHARE = 0.7
"""Share of synthetic projects funded by government (drawn per project)."""
STREET_TIGHTNESS = 0.95
"""Each street's flat ceiling: this share of its peak year of the even spread."""
GOVERNMENT_TIGHTNESS = 0.9
"""The government line's flat ceiling: this share of its peak year of the even spread."""
PLAIN_HIGHS = "HiGHS MIP (highspy, per project-year)"


def lines_case(size: int, seed: int) -> tuple[capex.Portfolio, tuple[BudgetLine, ...]]:
    """A synthetic portfolio with streets and funding, and its street and government lines."""
    portfolio = synthetic.random_portfolio(size, seed=seed)
    rng = np.random.default_rng([seed, 13])
    real_streets = capex.load_projects().frame["street"].to_numpy()
    frame = portfolio.frame
    frame["street"] = rng.choice(real_streets, size=len(frame))
    frame["government_investment"] = rng.random(len(frame)) < GOVERNMENT_SHARE
    portfolio = portfolio.replace(frame=frame)
    lines = [
        _flat_line(portfolio, f"street {street}", {"street": street}, STREET_TIGHTNESS)
        for street in sorted(set(frame["street"]))
    ]
    lines.append(
        _flat_line(portfolio, "government", {"government_investment": True}, GOVERNMENT_TIGHTNESS)
    )
    return portfolio, tuple(lines)


def _flat_line(portfolio: capex.Portfolio, name: str, rule: dict, tightness: float) -> BudgetLine:
    members = BudgetLine(name, {}, rule).members(portfolio)
    own = portfolio.subset(portfolio.ids[members])
    return BudgetLine(name, synthetic.binding_ceilings(own, tightness=tightness), rule)


@dataclass
class Arrays:
    """The instance as (project, plan year) pairs: the common ground of the peer and the check."""

    ids: pd.Index
    years: list[int]
    row: np.ndarray  # (P,) project position of each pair
    year: np.ndarray  # (P,) plan-year position of each pair
    plan_minor: np.ndarray  # (n,)
    target_minor: np.ndarray  # (P,)
    members: np.ndarray  # (n, L) bool
    capacity: np.ndarray  # (L, Y) 万元, -1 for none


def arrays_of(portfolio: capex.Portfolio, lines: tuple[BudgetLine, ...]) -> Arrays:
    """The pairs of each project's plan years, its targets and the lines' members."""
    first, last = portfolio.plan_period
    frame = portfolio.frame
    start = np.maximum(frame["start_year"].to_numpy(), first) - first
    end = np.minimum(frame["end_year"].to_numpy(), last) - first
    plan = frame["plan_minor"].to_numpy(dtype=np.int64)
    span = np.arange(last - first + 1)[None, :]
    row, year = np.nonzero((span >= start[:, None]) & (span <= end[:, None]) & (plan[:, None] > 0))
    target = capex.model.cashflow.plan_targets(portfolio, "uniform").to_numpy()[row, year]
    members = np.column_stack([line.members(portfolio) for line in lines])
    capacity = np.full((len(lines), last - first + 1), -1, dtype=np.int64)
    for k, line in enumerate(lines):
        for y, cap in line.ceilings_minor(portfolio.money).items():
            capacity[k, y - first] = cap
    return Arrays(
        frame.index, list(range(first, last + 1)), row, year, plan, target, members, capacity
    )


@dataclass
class PeerRun:
    """A peer's answer: amounts per pair (or None), status and its build/solve seconds."""

    amounts_minor: np.ndarray | None
    status: str
    build_s: float
    solve_s: float
    bound: float = math.nan


def plain_highs(data: Arrays, time_limit: float | None = None) -> PeerRun:
    """The integer program over every (project, plan year), solved by HiGHS."""
    import highspy

    started = time.perf_counter()
    n_pairs = len(data.row)
    n_projects = len(data.plan_minor)
    inf = highspy.kHighsInf
    # columns: x (integer) then above (continuous)
    lower = np.zeros(2 * n_pairs)
    upper = np.concatenate([data.plan_minor[data.row].astype(float), np.full(n_pairs, inf)])
    integrality = np.concatenate([np.ones(n_pairs), np.zeros(n_pairs)]).astype(np.int32)
    cost = np.concatenate([np.zeros(n_pairs), np.ones(n_pairs)])
    rows, cols, values, row_lower, row_upper = [], [], [], [], []
    # row sums: sum_y x = plan
    rows.append(data.row)
    cols.append(np.arange(n_pairs))
    values.append(np.ones(n_pairs))
    row_lower.append(data.plan_minor.astype(float))
    row_upper.append(data.plan_minor.astype(float))
    # above >= x - target
    offset = n_projects
    rows += [offset + np.arange(n_pairs)] * 2
    cols += [n_pairs + np.arange(n_pairs), np.arange(n_pairs)]
    values += [np.ones(n_pairs), -np.ones(n_pairs)]
    row_lower.append(-data.target_minor.astype(float))
    row_upper.append(np.full(n_pairs, inf))
    offset += n_pairs
    # one row per capped (line, year)
    for k in range(data.members.shape[1]):
        for y in np.flatnonzero(data.capacity[k] >= 0):
            pick = np.flatnonzero(data.members[data.row, k] & (data.year == y))
            rows.append(np.full(len(pick), offset))
            cols.append(pick)
            values.append(np.ones(len(pick)))
            row_lower.append(np.array([-inf]))
            row_upper.append(np.array([float(data.capacity[k, y])]))
            offset += 1
    r, c, v = (np.concatenate(part) for part in (rows, cols, values))
    order = np.lexsort((r, c))
    starts = np.searchsorted(c[order], np.arange(2 * n_pairs + 1)).astype(np.int32)
    highs = getattr(highspy, "_Highs", highspy.Highs)()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("random_seed", 0)
    highs.setOptionValue("mip_abs_gap", 0.99)
    highs.setOptionValue("mip_rel_gap", 0.0)
    if time_limit is not None:
        highs.setOptionValue("time_limit", float(time_limit))
    highs.passModel(
        2 * n_pairs,
        offset,
        len(v),
        int(highspy.MatrixFormat.kColwise),
        int(highspy.ObjSense.kMinimize),
        0.0,
        cost,
        lower,
        upper,
        np.concatenate(row_lower),
        np.concatenate(row_upper),
        starts,
        r[order].astype(np.int32),
        v[order],
        integrality,
    )
    built = time.perf_counter()
    highs.run()
    solved = time.perf_counter()
    kinds = highspy.HighsModelStatus
    status = highs.getModelStatus()
    if status == kinds.kInfeasible:
        return PeerRun(None, "infeasible", built - started, solved - built)
    if highs.getInfo().primal_solution_status != 2:
        return PeerRun(None, "unknown", built - started, solved - built)
    x = np.asarray(highs.getSolution().col_value)[:n_pairs]
    name = "optimal" if status == kinds.kOptimal else "feasible"
    bound = float(highs.getInfo().mip_dual_bound)
    return PeerRun(np.rint(x).astype(np.int64), name, built - started, solved - built, bound)


def amounts_of(data: Arrays, schedule_minor: pd.DataFrame) -> np.ndarray:
    """A result's schedule read at the instance's pairs."""
    dense = schedule_minor.reindex(index=data.ids, columns=data.years, fill_value=0)
    return dense.to_numpy(dtype=np.int64)[data.row, data.year]


def schedule_frame(data: Arrays, amounts_minor: np.ndarray) -> pd.DataFrame:
    """Pair amounts as a project x year DataFrame of 万元."""
    dense = np.zeros((len(data.ids), len(data.years)), dtype=np.int64)
    dense[data.row, data.year] = amounts_minor
    return pd.DataFrame(dense, index=data.ids, columns=data.years)


def check_amounts(data: Arrays, amounts_minor: np.ndarray) -> list[str]:
    """Violations of the instance by pair amounts, from the arrays alone."""
    problems = []
    if (amounts_minor < 0).any():
        problems.append("a negative amount")
    sums = np.bincount(data.row, weights=amounts_minor, minlength=len(data.plan_minor))
    if not np.array_equal(sums.astype(np.int64), data.plan_minor):
        problems.append("a row does not sum to its plan investment")
    for k in range(data.members.shape[1]):
        load = np.bincount(
            data.year,
            weights=amounts_minor * data.members[data.row, k],
            minlength=len(data.years),
        )
        capped = data.capacity[k] >= 0
        if (load[capped] > data.capacity[k][capped]).any():
            problems.append(f"line {k} is over its ceiling")
    return problems


def moved_yi(data: Arrays, amounts_minor: np.ndarray) -> float:
    """Money moved off its profile year (half the L1 distance), 亿元 (万元 / 10,000)."""
    return float(np.maximum(amounts_minor - data.target_minor, 0).sum()) / 10_000
