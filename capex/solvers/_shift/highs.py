"""HiGHS through its own Python interface: a :class:`~.rows.LinearModel` passed as arrays
(:mod:`capex.solvers._highs`). This module only translates: the rows come from :mod:`.rows`,
the strategy from :mod:`.solve` and :mod:`.delay`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import highspy
import numpy as np

from capex.solvers._highs import WHOLE_NUMBER_GAP, load_columns, new_highs
from capex.solvers._shift.arrays import SolveControls, SolverError, status_of
from capex.solvers._shift.rows import LinearModel
from capex.terms import phrase

QUIET = {
    "mip_heuristic_effort": 0.0,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
    "mip_heuristic_run_root_reduced_cost": False,
    "mip_heuristic_run_feasibility_jump": False,
}
"""HiGHS options for a proof: no primal heuristics (the plan to beat is already known)."""

INCREMENTAL = {
    "mip_heuristic_run_root_reduced_cost": False,
    "mip_heuristic_run_feasibility_jump": False,
}
"""HiGHS options for the incremental model: two root heuristics that cost more than they
find there (the one-hot model at 10,000 projects is slower without them)."""


@dataclass
class Outcome:
    """What HiGHS reported: status word, column values, objective, proven bound, row duals."""

    status: str
    values: np.ndarray | None = None
    objective: float = math.nan
    bound: float = math.nan
    row_duals: np.ndarray | None = None
    stopped_at_target: bool = False
    extra: dict = field(default_factory=dict)


def run(
    model: LinearModel,
    controls: SolveControls,
    *,
    relax: bool = False,
    hint: np.ndarray | None = None,
    target: float | None = None,
    gap: float = WHOLE_NUMBER_GAP,
    options: dict | None = None,
) -> Outcome:
    """Solve ``model`` with HiGHS (its LP relaxation with ``relax``).

    ``hint`` is a plan's delays to start from; ``target`` stops the search at the first
    plan whose objective is at or below it (a bound proven elsewhere); ``gap`` is the
    absolute gap that proves an optimum (below one: every objective is a whole number). A
    work budget goes in ``options`` (``mip_max_nodes``); the run draws on ``controls.cap``.
    """
    integral = model.col_integer.astype(np.int32) * (0 if relax else 1)
    highs = new_highs(controls.log, controls.seed, gap=gap)
    limit = controls.cap.remaining()
    if limit is not None:
        highs.setOptionValue("time_limit", limit)
    if target is not None:
        highs.setOptionValue("objective_target", float(target))
    for name, value in (options or {}).items():
        highs.setOptionValue(name, value)
    load_columns(
        highs,
        model.csc(),
        costs=model.costs(),
        columns=(model.col_lower, model.col_upper),
        rows=(model.row_lower, model.row_upper),
        integrality=integral,
        offset=model.objective.constant,
    )
    if hint is not None and not relax:
        chosen = model.option_values(hint)
        highs.setSolution(model.n_options, np.arange(model.n_options, dtype=np.int32), chosen)
    try:
        highs.run()
    except Exception as error:  # report the solver's own failure as ours
        raise SolverError(phrase("err_solver_failed", solver="HiGHS", error=str(error))) from error
    stopped = highs.getModelStatus() == highspy.HighsModelStatus.kTimeLimit
    controls.cap.charge(highs.getRunTime(), stopped=stopped)
    return _outcome(highs, relax)


def _outcome(highs, relax: bool) -> Outcome:
    status = highs.getModelStatus()
    info = highs.getInfo()
    kinds = highspy.HighsModelStatus
    infeasible = status in (kinds.kInfeasible, kinds.kUnboundedOrInfeasible)
    found = info.primal_solution_status == 2  # a feasible solution
    reached = status == kinds.kObjectiveTarget
    proven = status == kinds.kOptimal
    outcome = Outcome(status_of(found, proven, infeasible), stopped_at_target=reached)
    if found:
        solution = highs.getSolution()
        outcome.values = np.asarray(solution.col_value, dtype=float)
        outcome.objective = float(info.objective_function_value)
        if relax:
            outcome.row_duals = np.asarray(solution.row_dual, dtype=float)
            outcome.bound = outcome.objective
        else:
            bound = float(info.mip_dual_bound)
            # HiGHS reports an infinite dual bound when it has none to give (e.g. stopped at
            # an objective target): no bound, not a number to round
            outcome.bound = (
                outcome.objective if proven else (bound if math.isfinite(bound) else math.nan)
            )
    return outcome
