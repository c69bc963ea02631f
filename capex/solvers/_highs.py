"""HiGHS as every capex solver starts it: quiet unless asked, seeded, and loaded from arrays.

The bare core class is used (the wrapper prints a banner on its first use), the absolute gap
that proves a whole-number optimum is set once, and a model goes in as compressed sparse
columns in one call (building it one expression at a time costs more than the solve).
"""

from __future__ import annotations

import threading
from typing import Any

import highspy
import numpy as np

WHOLE_NUMBER_GAP = 0.99
"""Absolute gap that proves an optimum when every objective is a whole number."""


SCHEDULER_THREADS = 1
"""Threads of HiGHS's task scheduler in each thread that runs capex's solves. Its branch and
bound is serial; the pool (by default half the machine's cores) only runs a few root tasks
(symmetry detection) on the small models capex gives it, and its idle workers wait busily:
on the 35 bundled projects a shift took about twice the CPU with the default pool, and beside
other busy processes up to three times the wall time."""

_SCHEDULER = threading.local()


def _start_scheduler() -> None:
    """Start this thread's HiGHS scheduler with :data:`SCHEDULER_THREADS` threads, once.

    HiGHS keeps one scheduler per calling thread, sized by the first run's ``threads``;
    instances that leave ``threads`` at its default then share it. An empty model's run
    starts it. If this thread's scheduler was already started (by other code using HiGHS),
    HiGHS refuses the size and that scheduler is kept.
    """
    if getattr(_SCHEDULER, "started", False):
        return
    highs = getattr(highspy, "_Highs", highspy.Highs)()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", SCHEDULER_THREADS)
    highs.run()
    _SCHEDULER.started = True


def new_highs(log: bool, seed: int, *, gap: float = WHOLE_NUMBER_GAP) -> Any:
    """A HiGHS instance: output only with ``log``, ``random_seed`` set, gaps for exact proofs;
    it runs on this thread's scheduler of :data:`SCHEDULER_THREADS` threads."""
    _start_scheduler()
    highs = getattr(highspy, "_Highs", highspy.Highs)()
    highs.setOptionValue("output_flag", bool(log))
    highs.setOptionValue("random_seed", int(seed))
    highs.setOptionValue("mip_abs_gap", float(gap))
    highs.setOptionValue("mip_rel_gap", 0.0)
    return highs


def load_columns(
    highs: Any,
    csc: tuple[np.ndarray, np.ndarray, np.ndarray],
    *,
    costs: np.ndarray,
    columns: tuple[np.ndarray, np.ndarray],
    rows: tuple[np.ndarray, np.ndarray],
    integrality: np.ndarray,
    offset: float = 0.0,
) -> None:
    """Pass a minimisation to ``highs``: the matrix ``csc`` (column starts, row indices,
    values), the costs, ``columns`` and ``rows`` as (lower, upper) bounds, and which columns
    are integers."""
    starts, indices, values = csc
    highs.passModel(
        len(costs),
        len(rows[0]),
        int(values.size),
        int(highspy.MatrixFormat.kColwise),
        int(highspy.ObjSense.kMinimize),
        float(offset),
        costs,
        columns[0],
        columns[1],
        rows[0],
        rows[1],
        starts,
        indices,
        values,
        np.asarray(integrality, dtype=np.int32),
    )
