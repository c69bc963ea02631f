"""The deferral model on plain arrays, and the three ways to solve it.

Nothing here knows a portfolio: :class:`ShiftArrays` holds integers only (cash flows in
万元 on a year axis numbered from 0, ceilings, allowed delays, weights, precedence pairs), and
each ``solve_*`` function returns a :class:`RawSolution` (chosen delays, status, objective,
bound). :mod:`capex.solvers.shift` builds the arrays from a portfolio and turns the solution
into a checked result.

The model
---------
Project ``j`` may be moved by a whole number of years ``d`` in ``D_j = min_delay[j] ..
max_delay[j]``; its cash flow moves with it unchanged. With a boolean ``x[j, d]`` per allowed
shift::

    sum_d x[j, d] = 1                                                        (one shift each)
    sum_{j, d} load[l, j, t - offset[j] - d] * x[j, d] <= cap[l, t]          (_ceilings)
    sum_d d x[b, d] - sum_d d x[a, d] >= win_end[a] + 1 - win_start[b]       (_precedence, a before b)

Objectives (all integer, so a proven optimum is exact):

* ``"delay"``: ``sum_j weight[j] * |d_j|`` (priority-weighted years of delay);
* ``"makespan"``: ``max_j (win_end[j] + d_j) + 1 - min(min_j win_start[j], min_j (win_start[j] + d_j))``:
  from the programme's first year as planned (or earlier, if a project moves earlier) to
  its last year; with no earlier moves the second term is a constant, which keeps the bound
  strong (the PSPLIB makespan);
* ``"peak"``: the largest annual total (万元) from column ``peak_from`` on.

A second objective breaks ties: the first is solved, fixed at its optimum, and the second
minimised (:func:`solve`).

Solvers (measured on a 2-core machine; the figures are in :mod:`capex.solvers.shift`):

* ``"highs"`` / ``"scip"``: the boolean model as a MIP through OR-Tools MathOpt. HiGHS is the
  default: its LP bound is tight on this model (a basic LP solution has no more fractional
  projects than binding rows) and it proves 1,000-project instances in well under a second.
* ``"cp-sat"``: the same boolean model in CP-SAT.
* ``"cp-sat-intervals"``: CP-SAT with a start variable per project, its cash flow as
  fixed-size intervals (one per run of equal yearly loads) on a cumulative per budget line,
  and years of lower ceiling as fixed dummy intervals. This is the natural RCPSP model and the
  right one for long horizons (PSPLIB, ``max_delay=None``), where the boolean model would
  need one variable per project and period.
"""

from __future__ import annotations

import datetime
import math
import time
from dataclasses import dataclass, field

import numpy as np

from capex.errors import CapexError

NO_CEILING = -1
"""Marks a (line, year) without a ceiling in :attr:`ShiftArrays.capacity`."""

OBJECTIVES = ("delay", "makespan", "peak")
SOLVERS = ("auto", "highs", "scip", "cp-sat", "cp-sat-intervals")


class SolverError(CapexError, RuntimeError):
    """A solver failed in a way the input does not explain (reported with its own message)."""


@dataclass(frozen=True, eq=False)
class ShiftArrays:
    """The deferral problem as integer arrays on a year axis numbered from 0.

    Attributes
    ----------
    loads
        ``(n_lines, n_projects, span)``: what project ``j`` draws on line ``l`` in the
        ``k``-th year of its cash flow, 万元.
    totals
        ``(n_projects, span)``: each project's whole cash flow (for the peak objective).
    offset
        Column of each project's first cash-flow year when it is not moved.
    capacity
        ``(n_lines, n_years)`` ceilings in 万元, :data:`NO_CEILING` where none.
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

    @property
    def n_projects(self) -> int:
        return int(self.offset.shape[0])

    @property
    def n_years(self) -> int:
        return int(self.capacity.shape[1])

    def options(self) -> tuple[np.ndarray, np.ndarray]:
        """Project position and delay of every allowed (project, shift) pair, project-major."""
        counts = (self.max_delay - self.min_delay + 1).astype(np.int64)
        project = np.repeat(np.arange(self.n_projects), counts)
        first = np.repeat(np.cumsum(counts) - counts, counts)
        delay = self.min_delay[project] + (np.arange(project.size) - first)
        return project, delay.astype(np.int64)

    def line_load(self, delays: np.ndarray) -> np.ndarray:
        """``(n_lines, n_years)``: what every line draws per year when projects move by ``delays``."""
        n_lines, _, span = self.loads.shape
        out = np.zeros((n_lines, self.n_years), dtype=np.int64)
        columns = (self.offset + delays)[:, None] + np.arange(span)[None, :]
        for line in range(n_lines):
            np.add.at(out[line], columns.ravel(), self.loads[line].ravel())
        return out

    def annual_total(self, delays: np.ndarray) -> np.ndarray:
        """Total spend per year of the axis when projects move by ``delays``."""
        out = np.zeros(self.n_years, dtype=np.int64)
        columns = (self.offset + delays)[:, None] + np.arange(self.totals.shape[1])[None, :]
        np.add.at(out, columns.ravel(), self.totals.ravel())
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
        raise CapexError(f"unknown objective {kind!r}; use one of {OBJECTIVES}")

    def overload(self, delays: np.ndarray) -> np.ndarray:
        """``(n_lines, n_years)``: by how much each line exceeds its ceiling (0 where it fits)."""
        load = self.line_load(delays)
        return np.where(self.capacity == NO_CEILING, 0, np.maximum(load - self.capacity, 0))


@dataclass(frozen=True)
class SolveControls:
    """Solver controls passed through to OR-Tools."""

    time_limit: float = 10.0
    seed: int = 0
    num_workers: int = 1
    log: bool = False


@dataclass
class RawSolution:
    """What a solve found: delays (or ``None``), status text, objective and proven bound."""

    status: str  # "optimal", "feasible", "infeasible", "unknown"
    delays: np.ndarray | None
    objective: float = math.nan
    bound: float = math.nan
    slack: np.ndarray | None = None  # (n_lines, n_years) for the relaxation
    method: str = ""
    messages: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# choice of solver
# ---------------------------------------------------------------------------------------
def choose_solver(arrays: ShiftArrays, objective: str, solver: str) -> str:
    """The solver ``"auto"`` stands for: intervals for long horizons, else HiGHS's MIP.

    The boolean model has one variable per project and allowed shift; beyond about 12 shifts
    per project (PSPLIB, ``max_delay=None``) the interval model is far smaller and CP-SAT's
    scheduling propagators do the work. The peak objective needs the yearly totals as
    linear rows, so it always uses the boolean model.
    """
    if solver not in SOLVERS:
        raise CapexError(f"unknown solver {solver!r}; use one of {SOLVERS}")
    if solver != "auto":
        return solver
    widest = int((arrays.max_delay - arrays.min_delay).max(initial=0)) + 1
    if objective != "peak" and widest > 12:
        return "cp-sat-intervals"
    return "highs"


def solve(
    arrays: ShiftArrays,
    objective: str,
    tiebreak: str | None,
    solver: str,
    controls: SolveControls,
) -> RawSolution:
    """Minimise ``objective``, then ``tiebreak`` among its optima; see the module text."""
    started = time.perf_counter()
    solver = choose_solver(arrays, objective, solver)
    if solver == "cp-sat-intervals" and "peak" in (objective, tiebreak):
        solver = "cp-sat"
    first = _dispatch(arrays, objective, None, solver, controls)
    if tiebreak is None or tiebreak == objective or first.status != "optimal":
        if tiebreak not in (None, objective) and first.status == "feasible":
            first.messages.append(f"the tie-break {tiebreak!r} was not pursued: the {objective!r} optimum is not proven")
        return first
    remaining = controls.time_limit - (time.perf_counter() - started)
    if remaining <= 0.05:
        first.messages.append(f"no time was left to break ties by {tiebreak!r}")
        return first
    fixed = (objective, round(first.objective))
    second_controls = SolveControls(remaining, controls.seed, controls.num_workers, controls.log)
    second = _dispatch(arrays, tiebreak, fixed, solver, second_controls, hint=first.delays)
    if second.delays is None:
        first.messages.append(f"breaking ties by {tiebreak!r} found nothing within the time limit")
        return first
    # the primary optimum still holds (it is a constraint), so the plan is optimal for it
    tie_proven = second.status == "optimal"
    second.objective = first.objective
    second.bound = first.bound
    second.status = "optimal"
    second.method = f"{first.method}, then {tiebreak!r} among the optima"
    second.messages = first.messages + second.messages
    if not tie_proven:
        second.messages.append(f"the tie-break {tiebreak!r} is not proven best within the time limit")
    return second


def _dispatch(
    arrays: ShiftArrays,
    objective: str,
    fixed: tuple[str, int] | None,
    solver: str,
    controls: SolveControls,
    hint: np.ndarray | None = None,
) -> RawSolution:
    if solver in ("highs", "scip"):
        return solve_mip(arrays, objective, controls, backend=solver, fixed=fixed, hint=hint)
    if solver == "cp-sat":
        return solve_cpsat_booleans(arrays, objective, controls, fixed=fixed, hint=hint)
    return solve_cpsat_intervals(arrays, objective, controls, fixed=fixed, hint=hint)


# ---------------------------------------------------------------------------------------
# the boolean model, shared by the MIP and CP-SAT
# ---------------------------------------------------------------------------------------
@dataclass
class _Rows:
    """Sparse ceiling rows of the boolean model: option index, coefficient, row number."""

    option: np.ndarray
    coefficient: np.ndarray
    row: np.ndarray
    row_line: np.ndarray
    row_year: np.ndarray
    row_capacity: np.ndarray


def _ceiling_rows(arrays: ShiftArrays, project: np.ndarray, delay: np.ndarray) -> _Rows:
    """``_ceilings``: for each (line, year) with a ceiling, ``sum load * x <= cap``."""
    n_lines, _, span = arrays.loads.shape
    options = np.arange(project.size)
    column = (arrays.offset[project] + delay)[:, None] + np.arange(span)[None, :]
    parts = []
    for line in range(n_lines):
        coefficient = arrays.loads[line][project]  # (n_options, span)
        keep = coefficient != 0
        year = column[keep]
        capped = arrays.capacity[line, year] != NO_CEILING
        parts.append(
            (np.broadcast_to(options[:, None], keep.shape)[keep][capped], coefficient[keep][capped], line * arrays.n_years + year[capped])
        )
    option = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
    coefficient = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
    flat_row = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
    rows, row = np.unique(flat_row, return_inverse=True)
    order = np.argsort(row, kind="stable")
    return _Rows(
        option=option[order],
        coefficient=coefficient[order].astype(np.int64),
        row=row[order],
        row_line=rows // arrays.n_years,
        row_year=rows % arrays.n_years,
        row_capacity=arrays.capacity.ravel()[rows],
    )


def _row_bounds(rows: _Rows) -> np.ndarray:
    return np.searchsorted(rows.row, np.arange(rows.row_line.size + 1))


def _total_rows(arrays: ShiftArrays, project: np.ndarray, delay: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """Per year from ``peak_from``: the options that spend in it and how much (for the peak)."""
    span = arrays.totals.shape[1]
    column = (arrays.offset[project] + delay)[:, None] + np.arange(span)[None, :]
    coefficient = arrays.totals[project]
    keep = (coefficient != 0) & (column >= arrays.peak_from)
    option = np.broadcast_to(np.arange(project.size)[:, None], keep.shape)[keep]
    year = column[keep]
    coefficient = coefficient[keep]
    order = np.argsort(year, kind="stable")
    year, option, coefficient = year[order], option[order], coefficient[order]
    years, starts = np.unique(year, return_index=True)
    bounds = list(starts) + [year.size]
    return (
        [option[bounds[i] : bounds[i + 1]] for i in range(len(years))],
        [coefficient[bounds[i] : bounds[i + 1]] for i in range(len(years))],
        years,
    )


def _status_of(solution_found: bool, proven: bool, infeasible: bool) -> str:
    if infeasible:
        return "infeasible"
    if not solution_found:
        return "unknown"
    return "optimal" if proven else "feasible"


def solve_mip(
    arrays: ShiftArrays,
    objective: str,
    controls: SolveControls,
    *,
    backend: str = "highs",
    fixed: tuple[str, int] | None = None,
    hint: np.ndarray | None = None,
    relax_ceilings: bool = False,
) -> RawSolution:
    """The boolean model as a MIP through OR-Tools MathOpt (HiGHS or SCIP).

    With ``relax_ceilings`` every ceiling row gets a slack ``s >= 0`` and the objective is
    the least total slack: the overload that stays even at the best allowed shifts.
    """
    from ortools.math_opt.python import mathopt

    project, delay = arrays.options()
    model = mathopt.Model(name="capex shift")
    x = [model.add_binary_variable() for _ in range(project.size)]
    counts = arrays.max_delay - arrays.min_delay + 1
    starts = np.cumsum(counts) - counts
    for j in range(arrays.n_projects):
        model.add_linear_constraint(mathopt.fast_sum(x[starts[j] : starts[j] + counts[j]]) == 1)

    rows = _ceiling_rows(arrays, project, delay)
    bounds = _row_bounds(rows)
    slack = []
    for r in range(rows.row_line.size):
        terms = [float(c) * x[o] for o, c in zip(rows.option[bounds[r] : bounds[r + 1]], rows.coefficient[bounds[r] : bounds[r + 1]])]
        if relax_ceilings:
            s = model.add_variable(lb=0.0)
            slack.append(s)
            terms.append(-1.0 * s)
        model.add_linear_constraint(mathopt.fast_sum(terms) <= float(rows.row_capacity[r]))

    def shift_of(j: int) -> mathopt.LinearExpression:
        return mathopt.fast_sum(float(delay[o]) * x[o] for o in range(starts[j], starts[j] + counts[j]))

    for before, after in arrays.edges:
        gap = int(arrays.win_end[before] + 1 - arrays.win_start[after])
        model.add_linear_constraint(shift_of(int(after)) - shift_of(int(before)) >= float(gap))

    expressions = {}
    for kind in {objective, fixed[0] if fixed else objective}:
        expressions[kind] = _mip_objective(model, mathopt, arrays, kind, x, project, delay, shift_of)
    if relax_ceilings:
        model.minimize(mathopt.fast_sum(slack))
    else:
        model.minimize(expressions[objective])
    if fixed is not None:
        model.add_linear_constraint(expressions[fixed[0]] <= float(fixed[1]))

    params = mathopt.SolveParameters(
        time_limit=datetime.timedelta(seconds=max(controls.time_limit, 0.01)),
        enable_output=controls.log,
        random_seed=controls.seed,
        # every objective is a whole number: a gap below one proves the optimum
        absolute_gap_tolerance=0.99 if not relax_ceilings else 1e-6,
        relative_gap_tolerance=0.0,
    )
    if backend == "scip":
        params.threads = max(1, controls.num_workers)
    model_params = None
    if hint is not None:
        values = {x[o]: 1.0 for o in np.flatnonzero(delay == hint[project])}
        model_params = mathopt.ModelSolveParameters(solution_hints=[mathopt.SolutionHint(variable_values=values)])
    solver_type = mathopt.SolverType.HIGHS if backend == "highs" else mathopt.SolverType.GSCIP
    try:
        result = mathopt.solve(model, solver_type, params=params, model_params=model_params)
    except Exception as error:  # the OR-Tools status wrapper itself can fail; report ours
        raise SolverError(f"the {backend} solver failed: {error}") from error
    reason = result.termination.reason
    infeasible = reason in (mathopt.TerminationReason.INFEASIBLE, mathopt.TerminationReason.INFEASIBLE_OR_UNBOUNDED)
    found = result.has_primal_feasible_solution()
    proven = reason == mathopt.TerminationReason.OPTIMAL
    solution = RawSolution(_status_of(found, proven, infeasible), None, method=f"MIP ({backend}, MathOpt), one boolean per project and shift")
    if found:
        values = np.asarray(result.variable_values(x), dtype=float)
        solution.delays = _delays_from_choice(arrays, project, delay, values)
        solution.objective = float(result.objective_value())
        solution.bound = float(result.best_objective_bound()) if not proven else solution.objective
        if relax_ceilings:
            solution.slack = arrays.overload(solution.delays)
        else:
            solution.objective = float(arrays.objective_value(objective, solution.delays))
            if proven:
                solution.bound = solution.objective
            else:
                solution.bound = float(math.ceil(solution.bound - 1e-6))
    return solution


def _mip_objective(model, mathopt, arrays, kind, x, project, delay, shift_of):
    """The linear expression of objective ``kind`` (adding its auxiliary variables)."""
    if kind == "delay":
        return mathopt.fast_sum(float(arrays.weight[project[o]] * abs(delay[o])) * x[o] for o in range(len(x)) if delay[o] != 0 and arrays.weight[project[o]] != 0)
    if kind == "makespan":
        base = float(arrays.win_start.min())
        latest = model.add_variable(lb=-1e9, ub=1e9, is_integer=True)
        earliest = model.add_variable(lb=-1e9, ub=base, is_integer=True)
        for j in range(arrays.n_projects):
            moved = shift_of(j)
            model.add_linear_constraint(latest >= moved + float(arrays.win_end[j] + 1))
            if arrays.min_delay[j] < 0:
                model.add_linear_constraint(earliest <= moved + float(arrays.win_start[j]))
        if not (arrays.min_delay < 0).any():
            model.add_linear_constraint(earliest >= base)
        return latest - earliest
    if kind == "peak":
        peak = model.add_variable(lb=0.0, ub=float(arrays.totals.sum()) + 1, is_integer=True)
        options, coefficients, _ = _total_rows(arrays, project, delay)
        for opts, coefs in zip(options, coefficients):
            model.add_linear_constraint(mathopt.fast_sum(float(c) * x[o] for o, c in zip(opts, coefs)) <= peak)
        return 1.0 * peak
    raise CapexError(f"unknown objective {kind!r}; use one of {OBJECTIVES}")


def _delays_from_choice(arrays: ShiftArrays, project: np.ndarray, delay: np.ndarray, values: np.ndarray) -> np.ndarray:
    chosen = np.zeros(arrays.n_projects, dtype=np.int64)
    best = np.full(arrays.n_projects, -1.0)
    for o in range(project.size):
        if values[o] > best[project[o]]:
            best[project[o]] = values[o]
            chosen[project[o]] = delay[o]
    return chosen


def _cp_status(cp_model, solver, status) -> tuple[bool, bool, bool]:
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return found, status == cp_model.OPTIMAL, status == cp_model.INFEASIBLE


def _cp_solver(cp_model, controls: SolveControls):
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(controls.time_limit, 0.01)
    solver.parameters.random_seed = controls.seed
    solver.parameters.num_workers = max(1, controls.num_workers)
    solver.parameters.log_search_progress = controls.log
    return solver


def solve_cpsat_booleans(
    arrays: ShiftArrays,
    objective: str,
    controls: SolveControls,
    *,
    fixed: tuple[str, int] | None = None,
    hint: np.ndarray | None = None,
) -> RawSolution:
    """The boolean model in CP-SAT (same rows as :func:`solve_mip`)."""
    from ortools.sat.python import cp_model

    project, delay = arrays.options()
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{o}") for o in range(project.size)]
    counts = arrays.max_delay - arrays.min_delay + 1
    starts = np.cumsum(counts) - counts
    for j in range(arrays.n_projects):
        model.add_exactly_one(x[starts[j] : starts[j] + counts[j]])
    rows = _ceiling_rows(arrays, project, delay)
    bounds = _row_bounds(rows)
    for r in range(rows.row_line.size):
        segment = slice(bounds[r], bounds[r + 1])
        model.add(
            cp_model.LinearExpr.weighted_sum([x[o] for o in rows.option[segment]], rows.coefficient[segment].tolist())
            <= int(rows.row_capacity[r])
        )

    def shift_of(j: int):
        span = range(starts[j], starts[j] + counts[j])
        return cp_model.LinearExpr.weighted_sum([x[o] for o in span], [int(delay[o]) for o in span])

    for before, after in arrays.edges:
        model.add(shift_of(int(after)) - shift_of(int(before)) >= int(arrays.win_end[before] + 1 - arrays.win_start[after]))

    def expression(kind: str):
        if kind == "delay":
            cost = [int(arrays.weight[project[o]] * abs(delay[o])) for o in range(project.size)]
            return cp_model.LinearExpr.weighted_sum(x, cost)
        if kind == "makespan":
            low = int((arrays.win_start + arrays.min_delay).min())
            high = int((arrays.win_end + arrays.max_delay).max()) + 1
            latest = model.new_int_var(low, high, "latest")
            earliest = model.new_int_var(low, int(arrays.win_start.min()), "earliest")
            for j in range(arrays.n_projects):
                model.add(latest >= shift_of(j) + int(arrays.win_end[j] + 1))
                if arrays.min_delay[j] < 0:
                    model.add(earliest <= shift_of(j) + int(arrays.win_start[j]))
            if not (arrays.min_delay < 0).any():
                model.add(earliest == int(arrays.win_start.min()))
            return latest - earliest
        peak = model.new_int_var(0, int(arrays.totals.sum()), "peak")
        options, coefficients, _ = _total_rows(arrays, project, delay)
        for opts, coefs in zip(options, coefficients):
            model.add(cp_model.LinearExpr.weighted_sum([x[o] for o in opts], coefs.tolist()) <= peak)
        return peak

    model.minimize(expression(objective))
    if fixed is not None:
        model.add(expression(fixed[0]) <= fixed[1])
    if hint is not None:
        for o in range(project.size):
            model.add_hint(x[o], bool(delay[o] == hint[project[o]]))
    solver = _cp_solver(cp_model, controls)
    status = solver.solve(model)
    found, proven, infeasible = _cp_status(cp_model, solver, status)
    solution = RawSolution(_status_of(found, proven, infeasible), None, method="CP-SAT, one boolean per project and shift")
    if found:
        values = np.array([solver.value(v) for v in x], dtype=float)
        solution.delays = _delays_from_choice(arrays, project, delay, values)
        solution.objective = float(arrays.objective_value(objective, solution.delays))
        solution.bound = solution.objective if proven else float(solver.best_objective_bound)
    return solution


def solve_cpsat_intervals(
    arrays: ShiftArrays,
    objective: str,
    controls: SolveControls,
    *,
    fixed: tuple[str, int] | None = None,
    hint: np.ndarray | None = None,
) -> RawSolution:
    """The scheduling model: a start per project, intervals on a cumulative per line.

    Project ``j`` starts its cash flow at column ``s_j = offset[j] + d_j``; each run of equal
    non-zero yearly loads of line ``l`` is a fixed-size interval ``[s_j + k, s_j + k + len)``
    of that demand. The cumulative capacity of a line is its highest ceiling (or the sum of
    every demand where no year has one); a year with a lower ceiling, or none at all, is a
    fixed dummy interval taking up the difference, so each year's free capacity is its ceiling.
    """
    if objective == "peak" or (fixed is not None and fixed[0] == "peak"):
        raise CapexError("the interval model has no peak objective; use solver='cp-sat' or 'highs'")
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    n = arrays.n_projects
    start = [
        model.new_int_var(int(arrays.offset[j] + arrays.min_delay[j]), int(arrays.offset[j] + arrays.max_delay[j]), f"s{j}")
        for j in range(n)
    ]
    n_lines = arrays.loads.shape[0]
    shared: dict[tuple[int, int, int], object] = {}
    for line in range(n_lines):
        capacity = arrays.capacity[line]
        capped = capacity != NO_CEILING
        if not capped.any():
            continue
        demand_total = int(arrays.loads[line].sum())
        top = int(capacity[capped].max())
        level = max(top, 0)
        intervals, demands = [], []
        for j in range(n):
            for k0, length, value in _runs(arrays.loads[line, j]):
                # one interval shared by every line the same run draws on helps propagation
                key = (j, k0, length)
                if key not in shared:
                    shared[key] = model.new_fixed_size_interval_var(start[j] + k0, length, f"i{j}_{k0}_{length}")
                intervals.append(shared[key])
                demands.append(value)
        if not intervals:
            continue
        if level < max(demands):
            level = max(level, max(demands))
        # a year with no ceiling must not limit anything: give it room for every demand
        big = max(level, demand_total)
        blocked = np.where(capped, big - capacity, 0)
        for k0, length, value in _runs(blocked):
            intervals.append(model.new_fixed_size_interval_var(k0, length, f"ceiling{line}_{k0}"))
            demands.append(int(value))
        model.add_cumulative(intervals, demands, big)

    for before, after in arrays.edges:
        b, a = int(before), int(after)
        model.add(
            start[a] + int(arrays.win_start[a] - arrays.offset[a]) >= start[b] + int(arrays.win_end[b] - arrays.offset[b]) + 1
        )

    def expression(kind: str):
        if kind == "delay":
            terms = []
            for j in range(n):
                w = int(arrays.weight[j])
                if w == 0 or arrays.min_delay[j] == arrays.max_delay[j] == 0:
                    continue
                size = int(max(abs(arrays.min_delay[j]), abs(arrays.max_delay[j])))
                moved = model.new_int_var(0, size, f"a{j}")
                model.add_abs_equality(moved, start[j] - int(arrays.offset[j]))
                terms.append(w * moved)
            return sum(terms) if terms else 0
        low = int((arrays.win_start + arrays.min_delay).min())
        high = int((arrays.win_end + arrays.max_delay).max()) + 1
        base = int(arrays.win_start.min())
        latest = model.new_int_var(low, high, "latest")
        model.add_max_equality(latest, [start[j] + int(arrays.win_end[j] - arrays.offset[j] + 1) for j in range(n)])
        if not (arrays.min_delay < 0).any():
            return latest - base
        earliest = model.new_int_var(low, base, "earliest")
        model.add_min_equality(earliest, [start[j] + int(arrays.win_start[j] - arrays.offset[j]) for j in range(n)] + [base])
        return latest - earliest

    model.minimize(expression(objective))
    if fixed is not None:
        model.add(expression(fixed[0]) <= fixed[1])
    if hint is not None:
        for j in range(n):
            model.add_hint(start[j], int(arrays.offset[j] + hint[j]))
    solver = _cp_solver(cp_model, controls)
    status = solver.solve(model)
    found, proven, infeasible = _cp_status(cp_model, solver, status)
    solution = RawSolution(
        _status_of(found, proven, infeasible), None, method="CP-SAT, intervals on a cumulative per budget line"
    )
    if found:
        solution.delays = np.array([solver.value(s) for s in start], dtype=np.int64) - arrays.offset
        solution.objective = float(arrays.objective_value(objective, solution.delays))
        solution.bound = solution.objective if proven else float(solver.best_objective_bound)
    return solution


def _runs(values: np.ndarray) -> list[tuple[int, int, int]]:
    """``(first index, length, value)`` of each run of equal non-zero values."""
    runs = []
    k = 0
    n = len(values)
    while k < n:
        value = int(values[k])
        if value == 0:
            k += 1
            continue
        end = k + 1
        while end < n and int(values[end]) == value:
            end += 1
        runs.append((k, end - k, value))
        k = end
    return runs
