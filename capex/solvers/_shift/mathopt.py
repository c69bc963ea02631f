"""SCIP through OR-Tools MathOpt: a :class:`~.rows.LinearModel` translated row by row."""

from __future__ import annotations

import datetime

import numpy as np

from capex.solvers._shift.arrays import RawSolution, SolveControls, SolverError, status_of
from capex.solvers._shift.rows import LinearModel
from capex.terms import phrase


def solve_scip(
    model: LinearModel,
    controls: SolveControls,
    *,
    hint: np.ndarray | None = None,
    nodes: int | None = None,
) -> RawSolution:
    """Solve ``model`` with SCIP; the answer's objective is the model's own. ``nodes`` is a
    work budget of branch-and-bound nodes (``None``: until proven, or the time cap)."""
    from ortools.math_opt.python import mathopt

    mo = mathopt.Model(name="capex shift")
    lower, upper, integer = model.col_lower, model.col_upper, model.col_integer
    columns = [
        mo.add_variable(lb=float(lo), ub=float(hi), is_integer=bool(whole))
        for lo, hi, whole in zip(lower, upper, integer)
    ]
    for cols, values, low, high in model.each_row():
        expression = mathopt.fast_sum(float(v) * columns[c] for c, v in zip(cols, values))
        mo.add_linear_constraint(lb=low, ub=high, expr=expression)
    terms = model.objective
    mo.minimize(
        mathopt.fast_sum(float(v) * columns[c] for c, v in zip(terms.columns, terms.coefficients))
        + terms.constant
    )
    limit = controls.cap.remaining()
    params = mathopt.SolveParameters(
        time_limit=None if limit is None else datetime.timedelta(seconds=limit),
        enable_output=controls.log,
        random_seed=controls.seed,
        threads=max(1, controls.num_workers),
        # every objective is a whole number: a gap below one proves the optimum
        absolute_gap_tolerance=0.99,
        relative_gap_tolerance=0.0,
        node_limit=nodes,
    )
    model_params = None
    if hint is not None:
        chosen = model.option_values(hint)
        values_hint = {columns[o]: float(chosen[o]) for o in range(model.n_options)}
        model_params = mathopt.ModelSolveParameters(
            solution_hints=[mathopt.SolutionHint(variable_values=values_hint)]
        )
    try:
        result = mathopt.solve(
            mo, mathopt.SolverType.GSCIP, params=params, model_params=model_params
        )
    except Exception as error:  # the OR-Tools status wrapper itself can fail; report ours
        raise SolverError(phrase("err_solver_failed", solver="SCIP", error=str(error))) from error
    reason = result.termination.reason
    stopped = (
        reason == mathopt.TerminationReason.NO_SOLUTION_FOUND
        or reason == mathopt.TerminationReason.FEASIBLE
    ) and result.termination.limit == mathopt.Limit.TIME
    controls.cap.charge(result.solve_stats.solve_time.total_seconds(), stopped=stopped)
    infeasible = reason in (
        mathopt.TerminationReason.INFEASIBLE,
        mathopt.TerminationReason.INFEASIBLE_OR_UNBOUNDED,
    )
    found = result.has_primal_feasible_solution()
    proven = reason == mathopt.TerminationReason.OPTIMAL
    raw = RawSolution(
        status_of(found, proven, infeasible),
        None,
        method="MIP (SCIP, MathOpt), one boolean per project and shift",
    )
    if found:
        raw.delays = model.delays_from(np.asarray(result.variable_values(columns), dtype=float))
        raw.bound = float(result.best_objective_bound())
    return raw
