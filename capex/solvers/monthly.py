"""The monthly spread: one budget year's money, project by project, over its twelve months
under a monthly quota (用款计划), exactly.

The problem is the spread's (:mod:`capex.solvers.spread`) with months for years: a *unit* (a
project, or the part of it a budget line funds by a share) has an integer amount ``p_u`` for
the budget year, to be placed in its months ``lo_u..hi_u`` (开工月份 to 竣工月份, positions
0-11), aimed at an integer target ``t[u, m]`` (the month profile, ``sum_m t[u, m] = p_u``);
each budget line ``l`` may cap each month with a quota ``Q[l, m]``. Units with the same months
and lines are one group, and the aggregated problem is solved by the spread's own solvers:

* lines that nest or are disjoint: the min-cost flow of :class:`capex.solvers._flow.Network`,
  whose optimum is integral (rows exact, quotas held with no rounding);
* lines that overlap: the integer program of :mod:`capex.solvers._lines_mip` (HiGHS).

Both first minimise the money paid beyond the quotas, each unit once however many lines it
draws on (the **least extra quota**, by month), then the money moved away from the profile
(half the L1 distance ``sum |x - t|``); the group amounts go back to the units exactly by
:func:`capex.solvers._flow.disaggregate`. The arrays come in and go out solver-free; the
result is built by :func:`capex.afterlife.monthly.monthly`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from capex.solvers import _lines_mip
from capex.solvers._flow import NO_CEILING, Groups, Network, disaggregate, line_tree, make_groups

__all__ = ["METHOD", "MonthlyProblem", "MonthlySolution", "solve_monthly"]

METHOD = "min-cost flow (aggregated, exact)"
"""The method of a monthly plan whose quota lines nest or are disjoint."""

N_MONTHS = 12


@dataclass
class MonthlyProblem:
    """Units, their months, targets and quota lines as arrays (see the module text).

    ``capacity[l, m]`` is line ``l``'s quota in month ``m`` in minor units, ``NO_CEILING``
    where it has none; ``unit_lines[u, l]`` says whether unit ``u`` counts against line ``l``.
    """

    unit_amount: np.ndarray  # (U,) p_u
    unit_target: np.ndarray  # (U, 12) t[u, m]
    unit_lo: np.ndarray  # (U,) first month position
    unit_hi: np.ndarray  # (U,) last month position
    unit_lines: np.ndarray  # (U, L) bool
    capacity: np.ndarray  # (L, 12)

    @property
    def groups(self) -> Groups:
        """The units grouped by (months, lines)."""
        return make_groups(
            self.unit_lo, self.unit_hi, self.unit_lines, self.unit_amount, self.unit_target
        )


@dataclass
class MonthlySolution:
    """A solved monthly spread.

    ``status`` is ``"optimal"``, ``"feasible"`` (not proven best in time) or ``"unknown"``
    (nothing found in time: ``unit_amounts`` are then the targets, unchecked against the
    quotas); ``month_extra[m]`` is the money paid beyond the quotas in month ``m`` (each unit
    once) and ``line_extra[l, m]`` how far line ``l``'s load exceeds its quota.
    """

    status: str
    unit_amounts: np.ndarray  # (U, 12)
    month_extra: np.ndarray  # (12,)
    line_extra: np.ndarray  # (L, 12)
    moved: int  # money moved off the profile: half the L1 distance
    method: str


def solve_monthly(
    problem: MonthlyProblem, *, time_limit: float | None = None, seed: int = 0
) -> MonthlySolution:
    """The least extra quota, then the plan closest to the profile (see the module text)."""
    groups = problem.groups
    tree = line_tree(groups.lines)
    if tree is not None:
        parent, leaf = tree
        plan = Network(groups, leaf, problem.capacity, parent).solve()
        method = METHOD
    else:
        controls = _lines_mip.MipControls(time_limit, seed)
        plan = _lines_mip.spread_plan(groups, problem.capacity, controls).plan
        method = _lines_mip.METHOD
    if plan is None:
        target = problem.unit_target.copy()
        lines = problem.unit_lines.shape[1]
        return MonthlySolution(
            "unknown", target, np.zeros(N_MONTHS, np.int64), np.zeros((lines, N_MONTHS)), 0, method
        )
    amounts = disaggregate(groups, problem.unit_target, plan.amounts)
    load = problem.unit_lines.T.astype(np.int64) @ amounts
    capped = problem.capacity != NO_CEILING
    line_extra = np.where(capped, np.maximum(load - problem.capacity, 0), 0).astype(np.int64)
    return MonthlySolution(
        plan.status,
        amounts,
        plan.unfunded.sum(axis=0).astype(np.int64),
        line_extra,
        int(plan.moved),
        method,
    )
