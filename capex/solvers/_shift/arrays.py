"""The deferral problem as plain integer arrays, and what a solve hands back.

Nothing here knows a portfolio or a solver. :class:`ShiftArrays` holds integers only: each
project's cash flow on a year axis numbered from 0, the ceilings, the allowed shifts, the
weights and the precedence pairs. It also evaluates a choice of shifts on its own (the loads
per line and year, the overload, each objective), so that every solver's answer is
recomputed from the data rather than taken from the solver.

Project ``j`` may move by a whole number of years ``d`` in ``min_delay[j] .. max_delay[j]``;
its cash flow moves with it unchanged. The objectives (all integers, so a proven optimum is
exact):

* ``"delay"``: ``sum_j weight[j] * |d_j|``, the priority-weighted years of delay;
* ``"makespan"``: ``max_j (win_end[j] + d_j) + 1 - min(min_j win_start[j], min_j (win_start[j]
  + d_j))``, from the programme's first year as planned (or earlier, if a project moves
  earlier) to its last year;
* ``"peak"``: the largest annual total from column ``peak_from`` on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from capex.errors import CapexError
from capex.solvers._stopping import TimeCap

NO_CEILING = -1
"""Marks a (line, year) without a ceiling in :attr:`ShiftArrays.capacity`."""

OBJECTIVES = ("delay", "makespan", "peak")
"""The objectives :func:`capex.shift` minimises."""


class SolverError(CapexError, RuntimeError):
    """A solver failed in a way the input does not explain (reported with its own message)."""


def unknown_objective(kind: str) -> CapexError:
    """The error for an objective that is not one of :data:`OBJECTIVES`."""
    return CapexError(f"unknown objective {kind!r}; use one of {OBJECTIVES}")


@dataclass(frozen=True, eq=False)
class ShiftArrays:
    """The deferral problem as integer arrays on a year axis numbered from 0.

    Attributes
    ----------
    loads
        ``(n_lines, n_projects, span)``: what project ``j`` draws on line ``l`` in the
        ``k``-th year of its cash flow (minor units).
    totals
        ``(n_projects, span)``: each project's whole cash flow (for the peak objective).
    offset
        Column of each project's first cash-flow year when it is not moved.
    capacity
        ``(n_lines, n_years)`` ceilings (minor units), :data:`NO_CEILING` where none.
    min_delay, max_delay
        Allowed shifts of each project (whole years; negative is earlier).
    weight
        Priority weight of each project's delay (non-negative integers).
    win_start, win_end
        Columns of each project's window when it is not moved (for precedence and makespan).
    edges
        ``(k, 2)`` positions ``(before, after)``: ``after`` starts after ``before`` ends.
    peak_from
        First column the peak objective counts (the plan period's first year).
    """

    loads: np.ndarray
    totals: np.ndarray
    offset: np.ndarray
    capacity: np.ndarray
    min_delay: np.ndarray
    max_delay: np.ndarray
    weight: np.ndarray
    win_start: np.ndarray
    win_end: np.ndarray
    edges: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int64))
    peak_from: int = 0
    # sizes, read from the arrays: projects, lines, years of the axis, years of a cash flow
    n_projects: int = field(init=False)
    n_lines: int = field(init=False)
    n_years: int = field(init=False)
    span: int = field(init=False)

    def __post_init__(self) -> None:
        sizes = {
            "n_projects": self.offset.shape[0],
            "n_lines": self.capacity.shape[0],
            "n_years": self.capacity.shape[1],
            "span": self.totals.shape[1],
        }
        for name, size in sizes.items():
            object.__setattr__(self, name, int(size))

    @property
    def capped(self) -> np.ndarray:
        """``(n_lines, n_years)`` booleans: where a ceiling applies."""
        return self.capacity != NO_CEILING

    @property
    def option_counts(self) -> np.ndarray:
        """How many shifts each project may take."""
        return (self.max_delay - self.min_delay + 1).astype(np.int64)

    def options(self) -> tuple[np.ndarray, np.ndarray]:
        """Project position and delay of every allowed (project, shift) pair, project-major."""
        counts = self.option_counts
        project = np.repeat(np.arange(self.n_projects), counts)
        first = np.repeat(np.cumsum(counts) - counts, counts)
        delay = self.min_delay[project] + (np.arange(project.size) - first)
        return project, delay.astype(np.int64)

    def limited(self, low: np.ndarray, high: np.ndarray) -> ShiftArrays:
        """The same problem with each project's shifts limited to ``low .. high``."""
        return replace(
            self,
            min_delay=np.asarray(low, dtype=np.int64),
            max_delay=np.asarray(high, dtype=np.int64),
        )

    def columns(self, delays: np.ndarray) -> np.ndarray:
        """``(n_projects, span)``: the year column of each cash-flow year once moved."""
        return (self.offset + delays)[:, None] + np.arange(self.span)[None, :]

    def line_load(self, delays: np.ndarray) -> np.ndarray:
        """``(n_lines, n_years)``: what every line draws per year when projects move by ``delays``."""
        out = np.zeros((self.n_lines, self.n_years), dtype=np.int64)
        columns = self.columns(delays).ravel()
        for line in range(self.n_lines):
            np.add.at(out[line], columns, self.loads[line].ravel())
        return out

    def annual_total(self, delays: np.ndarray) -> np.ndarray:
        """Total spend per year of the axis when projects move by ``delays``."""
        out = np.zeros(self.n_years, dtype=np.int64)
        np.add.at(out, self.columns(delays).ravel(), self.totals.ravel())
        return out

    def objective_value(self, kind: str, delays: np.ndarray) -> int:
        """The integer objective of ``delays``, recomputed from the arrays (not the solver)."""
        if kind == "delay":
            return int((self.weight * np.abs(delays)).sum())
        if kind == "makespan":
            earliest = min(int(self.win_start.min()), int((self.win_start + delays).min()))
            return int((self.win_end + delays).max() + 1 - earliest)
        if kind == "peak":
            return int(self.annual_total(delays)[self.peak_from :].max(initial=0))
        raise unknown_objective(kind)

    def overload(self, delays: np.ndarray) -> np.ndarray:
        """``(n_lines, n_years)``: by how much each line exceeds its ceiling (0 where it fits)."""
        load = self.line_load(delays)
        return np.where(self.capped, np.maximum(load - self.capacity, 0), 0)

    def precedence_holds(self, delays: np.ndarray) -> bool:
        """Whether every ``after`` starts after its ``before`` ends, once moved."""
        before, after = self.edges[:, 0], self.edges[:, 1]
        moved_start = self.win_start[after] + delays[after]
        return bool((moved_start >= self.win_end[before] + delays[before] + 1).all())

    def fits(self, delays: np.ndarray) -> bool:
        """Whether ``delays`` are allowed, hold every ceiling and every precedence relation."""
        return bool(
            ((delays >= self.min_delay) & (delays <= self.max_delay)).all()
            and not self.overload(delays).any()
            and self.precedence_holds(delays)
        )


@dataclass(frozen=True)
class SolveControls:
    """Solver controls passed through to HiGHS and OR-Tools.

    ``time_limit`` (seconds, ``None`` for none) is a safety cap on the whole call, counted in
    the solvers' own time (:class:`~capex.solvers._stopping.TimeCap`, made here and shared by
    every copy of these controls); searches stop on their proofs or work budgets before it.
    """

    time_limit: float | None = 10.0
    seed: int = 0
    num_workers: int = 1
    log: bool = False
    cap: TimeCap = field(default=None, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.cap is None:
            object.__setattr__(self, "cap", TimeCap(self.time_limit))

    def with_cap(self, cap: TimeCap) -> SolveControls:
        """The same controls drawing on another cap (a part of this one, usually)."""
        return replace(self, cap=cap)


@dataclass
class RawSolution:
    """What a solve found: delays (or ``None``), status text, objective and proven bound.

    ``status`` is ``"optimal"``, ``"feasible"``, ``"infeasible"`` or ``"unknown"``;
    ``objective`` and ``bound`` are in the objective's own integer unit (``nan`` when there
    is none); ``slack`` is the overload per (line, year) of the relaxation; ``values`` the
    option columns' values, for a caller that reads more than the delays (a selection).
    """

    status: str
    delays: np.ndarray | None
    objective: float = math.nan
    bound: float = math.nan
    slack: np.ndarray | None = None
    method: str = ""
    messages: list[str] = field(default_factory=list)
    values: np.ndarray | None = None

    @property
    def found(self) -> bool:
        return self.delays is not None


def status_of(found: bool, proven: bool, infeasible: bool) -> str:
    """The status word of a solve from what the solver reported."""
    if infeasible:
        return "infeasible"
    if not found:
        return "unknown"
    return "optimal" if proven else "feasible"
