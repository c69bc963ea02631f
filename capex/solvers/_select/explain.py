"""Why each candidate was left out, and what more money would buy: exact re-solves.

For each candidate left out, :func:`rejections` says what keeps it out of the chosen plan (a
rule, an alternative chosen instead, a project it needs, or the ceilings and envelope it
would break, year by year and by how much) and re-solves with it forced in: the value lost
and the projects that would leave to make room. :func:`marginals` re-solves with each
capped year's ceiling (and the envelope) one step higher: the value that step would buy,
beside the relaxation's dual price, which is labelled as such. :func:`frontier` re-solves
over a range of envelopes.

Every re-solve is the same exact solve as the plan's own (:func:`~.solve.solve`); one that is
not proven says so in its status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex.solvers._select.arrays import NOT_CHOSEN, SelectArrays
from capex.solvers._select.problem import SelectProblem
from capex.solvers._select.solve import Solution, solve
from capex.solvers._shift.arrays import NO_CEILING, SolveControls

REASONS = ("excluded", "alternative", "needs", "money", "no_value")
"""Why a candidate is left out, in order of precedence: excluded by the caller, an
alternative of it chosen, a project it needs not chosen (or not in time), the ceilings or
envelope it would break, or a value that adds nothing."""


@dataclass
class Rejection:
    """One candidate left out: why, what it would break, and the re-solve with it forced in."""

    position: int
    reason: str
    other: list[int] = field(default_factory=list)
    over: list[tuple[int, int, int]] = field(default_factory=list)  # (line or -1, column, minor)
    delay: int = 0  # the start (years late) at which ``over`` is measured: the least overload
    forced: Solution | None = None


def rejections(
    problem: SelectProblem,
    solution: Solution,
    controls: SolveControls,
    *,
    limit: int | None = None,
    solver: str = "auto",
) -> list[Rejection]:
    """Every candidate left out, explained; with ``limit``, only the ``limit`` most valuable
    are re-solved with it forced in (the others keep ``forced=None``)."""
    arrays = problem.arrays
    chosen = solution.chosen
    assert chosen is not None
    out = []
    left = np.flatnonzero(chosen == NOT_CHOSEN)
    ranked = left[np.argsort(-arrays.value[left], kind="stable")]
    resolve = set(ranked[: (len(ranked) if limit is None else max(limit, 0))].tolist())
    room = _Room(arrays, chosen)
    for j in left:
        item = _why(arrays, chosen, int(j), room)
        if item.reason not in ("excluded",) and int(j) in resolve:
            forced = arrays.with_changes(must=arrays.must | (np.arange(arrays.n_projects) == j))
            item.forced = solve(forced, controls, solver=solver)
        out.append(item)
    return out


class _Room:
    """What the chosen plan leaves in every (line, year) and in the envelope."""

    def __init__(self, arrays: SelectArrays, chosen: np.ndarray) -> None:
        base = arrays.base
        self.arrays = arrays
        self.room = np.where(base.capped, base.capacity - arrays.line_load(chosen), 0)
        self.envelope = (
            None if arrays.envelope == NO_CEILING else arrays.envelope - arrays.plan_spend(chosen)
        )

    def over(self, j: int, delay: int) -> list[tuple[int, int, int]]:
        """``(line, column, amount)`` by which ``j`` started ``delay`` late breaks a ceiling
        (line and column -1 for the envelope)."""
        base = self.arrays.base
        columns = base.offset[j] + delay + np.arange(base.span)
        inside = columns < base.n_years
        columns = columns[inside]
        need = base.loads[:, j, :][:, inside]
        excess = np.where(base.capped[:, columns], need - self.room[:, columns], 0)
        cells = [
            (int(k), int(columns[t]), int(excess[k, t])) for k, t in zip(*np.nonzero(excess > 0))
        ]
        if self.envelope is not None:
            first, last = self.arrays.plan_columns
            spend = int(base.totals[j][inside][(columns >= first) & (columns <= last)].sum())
            if spend > self.envelope:
                cells.append((-1, -1, spend - self.envelope))
        return cells


def _why(arrays: SelectArrays, chosen: np.ndarray, j: int, room: _Room) -> Rejection:
    """The first reason of :data:`REASONS` that keeps ``j`` out of ``chosen``."""
    if not arrays.allowed[j]:
        return Rejection(j, "excluded")
    picked = chosen != NOT_CHOSEN
    rivals = [
        int(k) for group in arrays.groups if j in group for k in group if k != j and picked[k]
    ]
    if rivals:
        return Rejection(j, "alternative", rivals)
    trial = chosen.copy()
    trial[j] = 0
    missing = [
        int(b)
        for (a, b), timed in zip(arrays.needs, arrays.timed)
        if a == j and (not picked[b] or (timed and not arrays.in_order(trial, int(b), j)))
    ]
    if missing:
        return Rejection(j, "needs", missing)
    # at the start that breaks least: what it would put over each ceiling and the envelope
    best: list[tuple[int, int, int]] | None = None
    best_delay = 0
    for delay in range(int(arrays.base.max_delay[j]) + 1):
        cells = room.over(j, delay)
        if best is None or sum(c[2] for c in cells) < sum(c[2] for c in best):
            best, best_delay = cells, delay
    if best:
        return Rejection(j, "money", over=best, delay=best_delay)
    return Rejection(j, "no_value")


def marginals(
    problem: SelectProblem,
    solution: Solution,
    controls: SolveControls,
    step_minor: int,
    *,
    solver: str = "auto",
) -> pd.DataFrame:
    """Per capped (line, year) of the plan period, and the envelope: the value of the best
    selection with that ceiling ``step_minor`` higher, and the gain (exact re-solves), beside
    the relaxation's dual price of the step (labelled as such).

    Columns: ``line`` (position, -1 for the envelope), ``column`` (year on the axis, -1 for
    the envelope), ``status``, ``value`` and ``bound`` (scaled), ``gain`` (scaled),
    ``lp_dual`` (scaled value per step, from the relaxation).
    """
    arrays = problem.arrays
    base = arrays.base
    first, last = arrays.plan_columns
    rows = []
    duals = solution.ceiling_duals
    for k in range(base.n_lines):
        for t in range(first, last + 1):
            if not base.capped[k, t]:
                continue
            capacity = base.capacity.copy()
            capacity[k, t] += step_minor
            more = arrays.with_changes(base=_with_capacity(base, capacity))
            again = solve(more, controls, solver=solver, hint=solution.chosen)
            dual = float(duals[k, t]) * step_minor if duals is not None else np.nan
            rows.append(_row(k, t, again, solution, dual))
    if arrays.envelope != NO_CEILING:
        more = arrays.with_changes(envelope=arrays.envelope + step_minor)
        again = solve(more, controls, solver=solver, hint=solution.chosen)
        rows.append(_row(-1, -1, again, solution, solution.envelope_dual * step_minor))
    return pd.DataFrame(
        rows, columns=["line", "column", "status", "value", "bound", "gain", "lp_dual"]
    )


def _with_capacity(base: Any, capacity: np.ndarray) -> Any:
    from dataclasses import replace

    return replace(base, capacity=capacity)


def _row(line: int, column: int, again: Solution, solution: Solution, dual: float) -> dict:
    gain = None if again.value is None or solution.value is None else again.value - solution.value
    return {
        "line": line,
        "column": column,
        "status": again.status,
        "value": again.value,
        "bound": again.bound,
        "gain": gain,
        "lp_dual": dual,
    }


def frontier(
    problem: SelectProblem,
    envelopes_minor: list[int],
    controls: SolveControls,
    *,
    solver: str = "auto",
) -> list[tuple[int, Solution]]:
    """The best selection at each envelope (ascending), each an exact re-solve."""
    out = []
    hint = None
    for envelope in sorted({int(e) for e in envelopes_minor}):
        arrays = problem.arrays.with_changes(envelope=envelope)
        again = solve(arrays, controls, solver=solver, hint=hint)
        out.append((envelope, again))
        if again.chosen is not None:
            hint = again.chosen  # fits every larger envelope too
    return out
