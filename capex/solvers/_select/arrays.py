"""The selection problem as plain integer arrays, and the evaluation of a choice.

Nothing here knows a portfolio or a solver. :class:`SelectArrays` holds the deferral
engine's arrays (:class:`~capex.solvers._shift.arrays.ShiftArrays`: each candidate's cash
flow on a year axis numbered from 0, the budget lines' loads and ceilings, the allowed
delays) and what a selection adds: each candidate's value (a whole number), which must be
chosen, the envelope on the plan period's spending, the groups of alternatives and the
pairs of a project and the project it needs.

A *choice* is one integer per candidate: :data:`NOT_CHOSEN`, or the whole years it starts
late (``0 .. max_delay``). The arrays evaluate a choice on their own (loads, value, what it
breaks), so that every solver's answer is recomputed from the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from capex.solvers._shift.arrays import NO_CEILING, ShiftArrays

NOT_CHOSEN = -1
"""A candidate left out, in a choice."""


@dataclass(frozen=True, eq=False)
class SelectArrays:
    """The selection problem on a year axis numbered from 0.

    Attributes
    ----------
    base
        The deferral engine's arrays: loads per line, whole cash flows, offsets, ceilings,
        windows; ``min_delay`` is 0 and ``max_delay`` the latest start allowed (-1 for a
        candidate that is excluded: it has no option); ``edges`` is empty (the pairs of
        :attr:`needs` replace it); ``weight`` weighs delays in the tie-break.
    value
        Each candidate's value (scaled to whole numbers).
    must
        Candidates that must be chosen.
    envelope
        Most the chosen projects may spend in the plan period, or :data:`NO_CEILING`.
    plan_columns
        First and last column of the plan period on the axis.
    groups
        Groups of alternatives (positions): at most one of each is chosen.
    needs
        ``(k, 2)`` positions ``(dependent, prerequisite)``: the dependent is chosen only
        with its prerequisite.
    timed
        ``(k,)``: the prerequisite of the pair must also finish before the dependent
        starts (a precedence relation), once both are moved.
    """

    base: ShiftArrays
    value: np.ndarray
    must: np.ndarray
    envelope: int = NO_CEILING
    plan_columns: tuple[int, int] = (0, 0)
    groups: tuple[np.ndarray, ...] = ()
    needs: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int64))
    timed: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    @property
    def n_projects(self) -> int:
        return self.base.n_projects

    @property
    def allowed(self) -> np.ndarray:
        """Candidates that may be chosen (not excluded)."""
        return self.base.max_delay >= 0

    def with_changes(self, **changes: object) -> SelectArrays:
        """A copy with some fields changed (a project forced in, a ceiling raised ...)."""
        return replace(self, **changes)

    # -- evaluating a choice ---------------------------------------------------------------
    def line_load(self, chosen: np.ndarray) -> np.ndarray:
        """``(n_lines, n_years)``: what the chosen projects draw on every line per year."""
        base = self.base
        out = np.zeros((base.n_lines, base.n_years), dtype=np.int64)
        picked = np.flatnonzero(chosen != NOT_CHOSEN)
        if not picked.size:
            return out
        columns = (base.offset[picked] + chosen[picked])[:, None] + np.arange(base.span)[None, :]
        inside = columns < base.n_years
        for line in range(base.n_lines):
            np.add.at(out[line], columns[inside], base.loads[line][picked][inside])
        return out

    def annual_total(self, chosen: np.ndarray) -> np.ndarray:
        """Total spending of the chosen projects per year of the axis."""
        base = self.base
        out = np.zeros(base.n_years, dtype=np.int64)
        picked = np.flatnonzero(chosen != NOT_CHOSEN)
        columns = (base.offset[picked] + chosen[picked])[:, None] + np.arange(base.span)[None, :]
        inside = columns < base.n_years
        np.add.at(out, columns[inside], base.totals[picked][inside])
        return out

    def plan_spend(self, chosen: np.ndarray) -> int:
        """What the chosen projects spend in the plan period (against the envelope)."""
        first, last = self.plan_columns
        return int(self.annual_total(chosen)[first : last + 1].sum())

    def objective(self, chosen: np.ndarray) -> int:
        """The total value of the chosen projects (a Python int: no overflow)."""
        return int(sum(int(v) for v in self.value[chosen != NOT_CHOSEN]))

    def delay_cost(self, chosen: np.ndarray) -> int:
        """Priority-weighted years of delay of the chosen projects."""
        picked = chosen != NOT_CHOSEN
        return int((self.base.weight[picked] * chosen[picked]).sum())

    def overload(self, chosen: np.ndarray) -> np.ndarray:
        """``(n_lines, n_years)``: by how much each line exceeds its ceiling (0 where it fits)."""
        load = self.line_load(chosen)
        base = self.base
        return np.where(base.capped, np.maximum(load - base.capacity, 0), 0)

    def envelope_over(self, chosen: np.ndarray) -> int:
        """By how much the plan-period spending exceeds the envelope (0 where it fits)."""
        if self.envelope == NO_CEILING:
            return 0
        return max(self.plan_spend(chosen) - self.envelope, 0)

    def broken(self, chosen: np.ndarray) -> list[str]:
        """Every condition ``chosen`` breaks, in words (empty when it is a valid selection)."""
        base = self.base
        out = []
        picked = chosen != NOT_CHOSEN
        delays_bad = picked & ((chosen < base.min_delay) | (chosen > base.max_delay))
        out += [
            f"candidate {j}: start {chosen[j]} years late is not allowed"
            for j in np.flatnonzero(delays_bad)
        ]
        out += [f"candidate {j} must be chosen" for j in np.flatnonzero(self.must & ~picked)]
        over = self.overload(chosen)
        out += [
            f"line {k}, column {t}: {over[k, t]} over the ceiling"
            for k, t in zip(*np.nonzero(over))
        ]
        if self.envelope_over(chosen):
            out.append(f"{self.envelope_over(chosen)} over the envelope")
        for group in self.groups:
            if int(picked[group].sum()) > 1:
                out.append(f"alternatives {group.tolist()}: more than one chosen")
        for (dependent, prerequisite), timed in zip(self.needs, self.timed):
            if not picked[dependent]:
                continue
            if not picked[prerequisite]:
                out.append(f"candidate {dependent} needs {prerequisite}")
            elif timed and not self.in_order(chosen, prerequisite, dependent):
                out.append(f"candidate {prerequisite} must finish before {dependent} starts")
        return out

    def in_order(self, chosen: np.ndarray, before: int, after: int) -> bool:
        """Whether ``after`` starts after ``before`` ends, both moved by their choice."""
        base = self.base
        return bool(
            base.win_start[after] + chosen[after] >= base.win_end[before] + chosen[before] + 1
        )

    def fits(self, chosen: np.ndarray) -> bool:
        """Whether ``chosen`` is a valid selection."""
        return not self.broken(chosen)
