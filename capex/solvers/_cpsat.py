"""CP-SAT as every capex solver starts it: seeded, with fixed workers, deterministic.

With one worker CP-SAT's search is a sequence that depends only on the model and the seed;
with several, it runs them side by side and the first to find a plan wins, which depends on
the machine's load. So several workers always search *interleaved*: CP-SAT schedules the same
subsolvers in fixed batches and waits for each batch, and its answer is the same whatever the
timing (and whatever the number of workers). A work budget is CP-SAT's deterministic time;
the caller's time limit only caps it (:mod:`capex.solvers._stopping`).
"""

from __future__ import annotations

from typing import Any

from capex.solvers._stopping import TimeCap

WORK_REACHED = 0.999
"""Share of a deterministic-time budget at which a run counts as stopped by its budget
(CP-SAT stops just past it; a run stopped short of it was stopped by the time cap)."""


def new_solver(
    seed: int, num_workers: int, log: bool, cap: TimeCap, *, work: float | None = None
) -> Any:
    """A CP-SAT solver: ``seed``, ``num_workers`` (interleaved when more than one), a work
    budget ``work`` in deterministic time (``None``: until proven) and ``cap``'s time left."""
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    parameters = solver.parameters
    parameters.random_seed = int(seed)
    parameters.num_workers = max(1, int(num_workers))
    parameters.interleave_search = parameters.num_workers > 1
    parameters.log_search_progress = bool(log)
    if work is not None:
        parameters.max_deterministic_time = float(work)
    limit = cap.remaining()
    if limit is not None:
        parameters.max_time_in_seconds = limit
    return solver


def run(solver: Any, model: Any, cap: TimeCap) -> Any:
    """Solve ``model``; charge ``cap`` with CP-SAT's wall time and note whether the cap
    (rather than a proof or the work budget) ended the search. Returns CP-SAT's status."""
    from ortools.sat.python import cp_model

    status = solver.solve(model)
    final = status in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID)
    budget = solver.parameters.max_deterministic_time
    spent = solver.deterministic_time >= WORK_REACHED * budget
    cap.charge(solver.wall_time, stopped=not final and not spent)
    return status
