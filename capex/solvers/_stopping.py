"""How capex's solvers stop: on work counts, with the time limit only as a safety cap.

A search, heuristic or tie-break ends when it has proved its answer or spent its *work
budget*: branch-and-bound nodes (HiGHS), deterministic time (CP-SAT, whose unit is meant to
be close to a second on a typical machine but is counted, not measured), or a number of
rounds of array arithmetic. Work counts do not depend on the machine or its load, so the same
inputs give the same plan.

The caller's ``time_limit`` is a safety cap on top of that: a :class:`TimeCap` that every
solver run of one call draws on. It is counted in the time the solvers themselves report for
their runs (HiGHS's run time, CP-SAT's wall time, SCIP's solve time), so that nothing in
capex's own code reads a clock to decide anything; the array work between the runs is bounded
by counts. When the cap stops a run before its proof or its work budget, the cap records it
(:attr:`TimeCap.hit`) and the result says so: that plan may differ on another machine.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from capex.terms import Message, phrase

__all__ = ["TimeCap", "time_cap_notes"]

LEAST_SECONDS = 0.0
"""The shortest time limit handed to a solver (a spent cap: it stops at once)."""


class TimeCap:
    """What is left of a call's time limit, counted in the solvers' own reported time.

    Parameters
    ----------
    seconds
        The cap, or ``None`` for none (then no solver is given a time limit at all).
    parent
        A cap this one is part of: its charges count there too, and it never allows more
        than the parent has left.
    """

    def __init__(self, seconds: float | None, parent: TimeCap | None = None) -> None:
        if seconds is not None and (math.isnan(seconds) or seconds < 0):
            raise ValueError(f"a time cap must be a non-negative number of seconds, not {seconds}")
        self.seconds = None if seconds is None or math.isinf(seconds) else float(seconds)
        self.parent = parent
        self.used = 0.0
        self.stopped_at: float | None = None  # the cap (seconds) that stopped a run, if any

    @property
    def hit(self) -> bool:
        """Whether this cap stopped some solver run before its proof or its work budget."""
        return self.stopped_at is not None

    def remaining(self) -> float | None:
        """Seconds the next run may take (``None``: no cap), never below :data:`LEAST_SECONDS`."""
        own = None if self.seconds is None else self.seconds - self.used
        above = None if self.parent is None else self.parent.remaining()
        left = [value for value in (own, above) if value is not None]
        return max(min(left), LEAST_SECONDS) if left else None

    def left(self) -> bool:
        """Whether any time is left (always, without a cap)."""
        own = self.seconds is None or self.used < self.seconds
        return own and (self.parent is None or self.parent.left())

    def charge(self, seconds: float, *, stopped: bool = False, at: float | None = None) -> None:
        """Count a run's reported ``seconds``; ``stopped``: the run's time limit ended it
        (``at``: the limit that did, by default the one of the cap closest to spent)."""
        self.used += max(float(seconds), 0.0)
        if stopped:
            at = self._binding() if at is None else at
            if self.stopped_at is None:
                self.stopped_at = at
        if self.parent is not None:
            self.parent.charge(seconds, stopped=stopped, at=at)

    def part(self, seconds: float | None = None, *, at_least: float | None = None) -> TimeCap:
        """A cap for one step of the call: at most ``seconds`` (``None``: whatever is left),
        counted here too. ``at_least`` lets the step run that long even when this cap is
        spent (the step's result then says the cap stopped it, as any other)."""
        if at_least is not None:
            left = self.remaining()
            budget = at_least if left is None else max(left, at_least)
            if seconds is not None:
                budget = min(budget, seconds)
            return TimeCap(budget)
        return TimeCap(seconds, parent=self)

    def _binding(self) -> float:
        """The limit in seconds of the cap that is closest to spent (for the message)."""
        own = None if self.seconds is None else self.seconds - self.used
        if self.parent is not None:
            above = self.parent.remaining()
            if own is None or (above is not None and above < own):
                return self.parent._binding()
        return self.seconds if self.seconds is not None else math.inf


def time_cap_notes(caps: Iterable[TimeCap]) -> list[Message]:
    """The sentence a result carries when a time cap stopped one of its searches."""
    stopped = [cap.stopped_at for cap in caps if cap.stopped_at is not None]
    if not stopped:
        return []
    return [phrase("time_limit_reached", seconds=f"{min(stopped):g}")]
