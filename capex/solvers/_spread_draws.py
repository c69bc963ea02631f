"""Many spreads of one portfolio's variants at once: what the risk draws need of a spread.

A risk draw (:mod:`capex.risk.evaluate`) moves each project's window by a start delay and
changes its amounts; it never changes which budget lines a project draws on. Its spread is
:func:`capex.spread`'s own: the same units, grouped in the same order
(:func:`capex.solvers._flow.make_groups`), the same min-cost flow
(:class:`capex.solvers._flow.Network`), so the same plan to the minor unit. What is left out
is all a single spread builds around the flow for its reader (the result object, shadow
prices, the split back onto projects, explanations): a draw needs only each plan year's total
(the sum of the groups' amounts) and whether the ceilings held. The arrays of all the draws
(targets by profile, plan windows, groups) are made at once; the flows, one per draw, are a
few hundred microseconds each for a plan of a few dozen projects.

Draws this cannot do exactly as :func:`capex.spread` would (budget lines that overlap in the
draw, money in a plan year outside the moved window) are marked, and the caller solves them
one by one with :func:`capex.spread` itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from capex.model.budget import BudgetLine
from capex.model.cashflow import plan_target_rows, project_profiles
from capex.model.portfolio import Portfolio
from capex.model.profiles import get_profile
from capex.model.windows import clip_window
from capex.solvers._flow import NO_CEILING, Groups, Network, line_tree

__all__ = ["DrawSpreads", "drawn_lines", "spread_draws"]

DRAWN_COLUMNS = frozenset({"start_year", "end_year", "total_minor", "plan_minor"})
"""The columns a draw changes: a line whose rule reads one of them is not the same line in
every draw, so its draws are spread one by one."""

MAX_LINES = 20
"""Most budget lines batched (a unit's set of lines is a bit pattern in the group key)."""

EMPTY = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class DrawSpreads:
    """Each draw's spread, as a risk draw needs it.

    Attributes
    ----------
    totals
        Int64 (draws x plan years): each plan year's total spending.
    infeasible
        Boolean per draw: the ceilings could not be met (the totals include the least extra
        budget, as :func:`capex.spread`'s plan does).
    done
        Boolean per draw: spread here; the others must be spread one by one.
    """

    totals: np.ndarray
    infeasible: np.ndarray
    done: np.ndarray


def drawn_lines(
    portfolio: Portfolio, lines: tuple[BudgetLine, ...]
) -> tuple[np.ndarray, np.ndarray] | None:
    """Each project's budget lines ``(n, L)`` and the ceilings ``(L, plan years)`` in minor
    units, the same in every draw; ``None`` when some line's members may differ between
    draws (shares, a callable rule, a rule on a column a draw changes) or there are too
    many lines to batch."""
    if len(lines) > MAX_LINES:
        return None
    for line in lines:
        if line.is_shared or callable(line.rule):
            return None
        if isinstance(line.rule, Mapping) and DRAWN_COLUMNS & set(line.rule):
            return None
        if isinstance(line.rule, str) and any(column in line.rule for column in DRAWN_COLUMNS):
            return None
    frame = portfolio.frame if lines else None
    members = np.zeros((len(portfolio), len(lines)), dtype=bool)
    first, last = portfolio.plan_period
    capacity = np.full((len(lines), last - first + 1), NO_CEILING, dtype=np.int64)
    for k, line in enumerate(lines):
        members[:, k] = line.members(frame)
        for year, cap in line.ceilings_minor(portfolio.money).items():
            capacity[k, year - first] = cap
    return members, capacity


def spread_draws(
    portfolio: Portfolio,
    members: np.ndarray,
    capacity: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    plan: np.ndarray,
    profile: Any = "uniform",
) -> DrawSpreads:
    """The spread of every draw: windows ``start..end`` and plan investments ``plan``
    (each draws x projects), budget lines ``members`` and ``capacity`` (:func:`drawn_lines`).
    """
    n_draws, n = plan.shape
    first, last = portfolio.plan_period
    n_years = last - first + 1
    lo, hi = clip_window(start, end, (first, last))
    # money in a plan year with no year of the window there: capex.spread refuses it
    stray = ((plan > 0) & (lo > hi)).any(axis=1)
    plan = np.where(stray[:, None], 0, plan)
    codes, profiles = project_profiles(portfolio, get_profile(profile))
    target = plan_target_rows(
        plan.ravel(), start.ravel(), end.ravel(), (first, last), np.tile(codes, n_draws), profiles
    ).reshape(n_draws, n, n_years)

    # the units of every draw, grouped as make_groups groups them, draw by draw
    draw, unit = np.nonzero(plan > 0)
    unit_lo, unit_hi = lo[draw, unit] - first, hi[draw, unit] - first
    n_lines = members.shape[1]
    pattern = members[unit].astype(np.int64) @ (np.int64(1) << np.arange(n_lines, dtype=np.int64))
    per_draw = n_years * n_years * (1 << n_lines)
    key = draw * per_draw + (unit_lo * n_years + unit_hi) * (1 << n_lines) + pattern
    keys, group = np.unique(key, return_inverse=True)
    group = group.ravel()
    amount = np.zeros(keys.size, dtype=np.int64)
    np.add.at(amount, group, plan[draw, unit])
    group_target = np.zeros((keys.size, n_years), dtype=np.int64)
    np.add.at(group_target, group, target[draw, unit])
    first_unit = np.zeros(keys.size, dtype=np.int64)
    first_unit[group[::-1]] = np.arange(group.size)[::-1]
    group_draw = keys // per_draw
    group_lo, group_hi = unit_lo[first_unit], unit_hi[first_unit]
    group_lines = members[unit[first_unit]]
    bounds = np.searchsorted(group_draw, np.arange(n_draws + 1))

    totals = np.zeros((n_draws, n_years), dtype=np.int64)
    infeasible = np.zeros(n_draws, dtype=bool)
    done = ~stray
    for d in np.flatnonzero(done):
        part = slice(bounds[d], bounds[d + 1])
        lines = group_lines[part]
        tree = line_tree(lines)
        if tree is None:  # the lines overlap on this draw's projects: an integer program
            done[d] = False
            continue
        groups = Groups(
            group_lo[part],
            group_hi[part],
            lines,
            amount[part],
            group_target[part],
            EMPTY,
            EMPTY,
            EMPTY,
        )
        parent, leaf = tree
        try:
            solved = Network(groups, leaf, capacity, parent).solve()
        except Exception:  # noqa: BLE001 - spread alone, the draw records what went wrong
            done[d] = False
            continue
        assert solved is not None  # the unfunded arcs make every instance solvable
        totals[d] = solved.amounts.sum(axis=0)
        infeasible[d] = bool(solved.unfunded.any())
    return DrawSpreads(totals, infeasible, done)
