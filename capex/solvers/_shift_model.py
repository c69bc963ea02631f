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
minimised (:func:`solve`). The peak among the delay optima is much harder than the delay
itself, so above :data:`EXACT_TIEBREAK_OPTIONS` project-shift options it is only lowered by
:func:`exchange_peak` (pairs of one-year moves that keep the weighted delay exactly), and
the result says so in its messages; the delay optimum and its proof are unaffected.

Solvers (measured on a 2-core machine; the figures are in :mod:`capex.solvers.shift`):

* ``"highs"``: the boolean model built as sparse arrays and passed to HiGHS through its own
  Python interface ``highspy`` (:func:`solve_highs`; through OR-Tools MathOpt,
  :func:`solve_mip`, if ``highspy`` is missing). Building the model one MathOpt expression
  at a time took longer than HiGHS's solve at 10,000 projects. HiGHS is the default: its LP
  bound is tight on this model (a basic LP solution has no more fractional projects than
  binding rows).
* ``"scip"``: the same MIP through OR-Tools MathOpt (:func:`solve_mip`).
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
            first.messages.append(
                f"the tie-break {tiebreak!r} was not pursued: the {objective!r} optimum is not proven"
            )
        return first
    if objective == "delay" and tiebreak == "peak" and first.delays is not None:
        # a cheap, deterministic improvement first; the exact tie-break only for small models
        improved = exchange_peak(arrays, first.delays)
        if arrays.objective_value("delay", improved) != arrays.objective_value(
            "delay", first.delays
        ):
            raise SolverError("the peak exchanges changed the delay objective (a bug)")
        n_options = int((arrays.max_delay - arrays.min_delay + 1).sum())
        if n_options > EXACT_TIEBREAK_OPTIONS:
            first.delays = improved
            first.method += ", then ties broken by 'peak' by exchanges of delays"
            first.messages.append(
                f"ties are broken by 'peak' by exchanges of delays that keep the 'delay' optimum "
                f"(a local search: the peak is lowered, not proven lowest; exact up to {EXACT_TIEBREAK_OPTIONS} project-shift options)"
            )
            return first
        first.delays = improved
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
        second.messages.append(
            f"the tie-break {tiebreak!r} is not proven best within the time limit"
        )
    return second


def _dispatch(
    arrays: ShiftArrays,
    objective: str,
    fixed: tuple[str, int] | None,
    solver: str,
    controls: SolveControls,
    hint: np.ndarray | None = None,
) -> RawSolution:
    if solver == "highs" and _has_highspy():
        return solve_highs(arrays, objective, controls, fixed=fixed, hint=hint)
    if solver in ("highs", "scip"):
        return solve_mip(arrays, objective, controls, backend=solver, fixed=fixed, hint=hint)
    if solver == "cp-sat":
        return solve_cpsat_booleans(arrays, objective, controls, fixed=fixed, hint=hint)
    return solve_cpsat_intervals(arrays, objective, controls, fixed=fixed, hint=hint)


def _has_highspy() -> bool:
    """Whether HiGHS's own Python interface is installed (else HiGHS runs through MathOpt)."""
    try:
        import highspy  # noqa: F401
    except ImportError:
        return False
    return True


def solve_relaxation(arrays: ShiftArrays, controls: SolveControls) -> RawSolution:
    """Least total overload over every (line, year) at the allowed shifts (HiGHS)."""
    if _has_highspy():
        return solve_highs(arrays, "delay", controls, relax_ceilings=True)
    return solve_mip(arrays, "delay", controls, relax_ceilings=True)


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
            (
                np.broadcast_to(options[:, None], keep.shape)[keep][capped],
                coefficient[keep][capped],
                line * arrays.n_years + year[capped],
            )
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


def _total_rows(
    arrays: ShiftArrays, project: np.ndarray, delay: np.ndarray
) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
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
        terms = [
            float(c) * x[o]
            for o, c in zip(
                rows.option[bounds[r] : bounds[r + 1]], rows.coefficient[bounds[r] : bounds[r + 1]]
            )
        ]
        if relax_ceilings:
            s = model.add_variable(lb=0.0)
            slack.append(s)
            terms.append(-1.0 * s)
        model.add_linear_constraint(mathopt.fast_sum(terms) <= float(rows.row_capacity[r]))

    def shift_of(j: int) -> mathopt.LinearExpression:
        return mathopt.fast_sum(
            float(delay[o]) * x[o] for o in range(starts[j], starts[j] + counts[j])
        )

    for before, after in arrays.edges:
        gap = int(arrays.win_end[before] + 1 - arrays.win_start[after])
        model.add_linear_constraint(shift_of(int(after)) - shift_of(int(before)) >= float(gap))

    expressions = {}
    for kind in {objective, fixed[0] if fixed else objective}:
        expressions[kind] = _mip_objective(
            model, mathopt, arrays, kind, x, project, delay, shift_of
        )
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
        model_params = mathopt.ModelSolveParameters(
            solution_hints=[mathopt.SolutionHint(variable_values=values)]
        )
    solver_type = mathopt.SolverType.HIGHS if backend == "highs" else mathopt.SolverType.GSCIP
    try:
        result = mathopt.solve(model, solver_type, params=params, model_params=model_params)
    except Exception as error:  # the OR-Tools status wrapper itself can fail; report ours
        raise SolverError(f"the {backend} solver failed: {error}") from error
    reason = result.termination.reason
    infeasible = reason in (
        mathopt.TerminationReason.INFEASIBLE,
        mathopt.TerminationReason.INFEASIBLE_OR_UNBOUNDED,
    )
    found = result.has_primal_feasible_solution()
    proven = reason == mathopt.TerminationReason.OPTIMAL
    solution = RawSolution(
        _status_of(found, proven, infeasible),
        None,
        method=f"MIP ({backend}, MathOpt), one boolean per project and shift",
    )
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


# ---------------------------------------------------------------------------------------
# the boolean model as arrays, handed to HiGHS directly
# ---------------------------------------------------------------------------------------
class _Triplets:
    """A sparse matrix under construction: rows, columns and values as numpy arrays."""

    def __init__(self) -> None:
        self.rows: list[np.ndarray] = []
        self.cols: list[np.ndarray] = []
        self.values: list[np.ndarray] = []
        self.lower: list[np.ndarray] = []
        self.upper: list[np.ndarray] = []
        self.n_rows = 0
        self.plain: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # never rewritten

    def add_rows(self, count: int, lower: np.ndarray | float, upper: np.ndarray | float) -> int:
        """Reserve ``count`` rows with these bounds; their first row number."""
        first = self.n_rows
        self.lower.append(np.broadcast_to(np.asarray(lower, dtype=float), (count,)))
        self.upper.append(np.broadcast_to(np.asarray(upper, dtype=float), (count,)))
        self.n_rows += count
        return first

    def add(
        self, rows: np.ndarray, cols: np.ndarray, values: np.ndarray, *, plain: bool = False
    ) -> None:
        """Entries of the matrix; ``plain`` ones are already in the incremental form."""
        entry = (
            np.asarray(rows, dtype=np.int64).ravel(),
            np.asarray(cols, dtype=np.int64).ravel(),
            np.asarray(values, dtype=float).ravel(),
        )
        if plain:
            self.plain.append(entry)
            return
        self.rows.append(entry[0])
        self.cols.append(entry[1])
        self.values.append(entry[2])

    def csc(
        self, n_cols: int, successor: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Column starts, row indices and values in compressed sparse column form.

        With ``successor`` (one entry per option column: the next shift's column, or -1),
        the option columns are rewritten in the incremental form of :func:`solve_highs`:
        ``x[j, d] = y[j, d] - y[j, d + 1]``, so an entry ``v`` on ``x[j, d]`` becomes ``v``
        on ``y[j, d]`` and ``-v`` on ``y[j, d + 1]``; duplicates are summed, zeros dropped.
        """
        rows = np.concatenate(self.rows) if self.rows else np.zeros(0, dtype=np.int64)
        cols = np.concatenate(self.cols) if self.cols else np.zeros(0, dtype=np.int64)
        values = np.concatenate(self.values) if self.values else np.zeros(0)
        if successor is not None:
            rows, cols, values = _incremental(rows, cols, values, successor)
        for plain_rows, plain_cols, plain_values in self.plain:
            rows = np.concatenate([rows, plain_rows])
            cols = np.concatenate([cols, plain_cols])
            values = np.concatenate([values, plain_values])
        order = np.lexsort((rows, cols))
        rows, cols, values = rows[order], cols[order], values[order]
        if successor is not None and rows.size:
            new = np.ones(rows.size, dtype=bool)
            new[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
            first = np.flatnonzero(new)
            values = np.add.reduceat(values, first)
            rows, cols = rows[first], cols[first]
            keep = values != 0
            rows, cols, values = rows[keep], cols[keep], values[keep]
        starts = np.searchsorted(cols, np.arange(n_cols + 1)).astype(np.int32)
        return starts, rows.astype(np.int32), values


def _incremental(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, successor: np.ndarray):
    """Entries on option columns also go, negated, to the next shift's column."""
    on_option = cols < successor.size
    moved = np.zeros(cols.size, dtype=bool)
    moved[on_option] = successor[cols[on_option]] >= 0
    return (
        np.concatenate([rows, rows[moved]]),
        np.concatenate([cols, successor[cols[moved]]]),
        np.concatenate([values, -values[moved]]),
    )


def solve_highs(
    arrays: ShiftArrays,
    objective: str,
    controls: SolveControls,
    *,
    fixed: tuple[str, int] | None = None,
    hint: np.ndarray | None = None,
    relax_ceilings: bool = False,
) -> RawSolution:
    """The boolean model of :func:`solve_mip`, built as arrays and passed to HiGHS directly.

    Same rows, same objectives, same answers as the MathOpt model, without building the
    model one Python expression at a time (at 10,000 projects that took longer than the
    solve). Columns: one boolean per (project, shift), then the auxiliary integers of the
    objectives (``latest``/``earliest`` for the makespan, ``peak``) or, with
    ``relax_ceilings``, one slack per ceiling row.
    """
    import highspy

    project, delay = arrays.options()
    m = project.size
    n = arrays.n_projects
    inf = highspy.kHighsInf
    matrix = _Triplets()
    lowest = delay == arrays.min_delay[project]
    incremental = m <= INCREMENTAL_OPTIONS
    # incremental form: y[j, d] = 1 when project j moves by d or more (the least shift: always)
    col_lower = [lowest.astype(float) if incremental else np.zeros(m)]
    col_upper = [np.ones(m)]
    integral = [np.ones(m, dtype=np.int32)]
    n_cols = m

    def new_columns(count: int, lower: float, upper: float, is_integer: bool) -> int:
        nonlocal n_cols
        first = n_cols
        col_lower.append(np.full(count, lower))
        col_upper.append(np.full(count, upper))
        integral.append(np.full(count, 1 if is_integer else 0, dtype=np.int32))
        n_cols += count
        return first

    # one shift each: sum_d x[j, d] = 1
    first = matrix.add_rows(n, 1.0, 1.0)
    matrix.add(first + project, np.arange(m), np.ones(m))

    # _ceilings: sum load * x (- slack) <= cap
    rows = _ceiling_rows(arrays, project, delay)
    n_ceiling = rows.row_line.size
    first = matrix.add_rows(n_ceiling, -inf, rows.row_capacity.astype(float))
    matrix.add(first + rows.row, rows.option, rows.coefficient)
    slack_first = -1
    if relax_ceilings and n_ceiling:
        slack_first = new_columns(n_ceiling, 0.0, inf, False)
        matrix.add(
            first + np.arange(n_ceiling), slack_first + np.arange(n_ceiling), -np.ones(n_ceiling)
        )

    # _precedence: shift[after] - shift[before] >= win_end[before] + 1 - win_start[after]
    edges = arrays.edges
    if len(edges):
        gap = (arrays.win_end[edges[:, 0]] + 1 - arrays.win_start[edges[:, 1]]).astype(float)
        first = matrix.add_rows(len(edges), gap, inf)
        counts = (arrays.max_delay - arrays.min_delay + 1).astype(np.int64)
        starts = np.cumsum(counts) - counts
        for side, sign in ((1, 1.0), (0, -1.0)):
            # every option of the edge's project, with its shift as coefficient
            ends = edges[:, side]
            size = counts[ends]
            within = np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size)
            pick = np.repeat(starts[ends], size) + within
            matrix.add(np.repeat(first + np.arange(len(edges)), size), pick, sign * delay[pick])

    # the objectives as cost vectors over the columns (auxiliary columns added on demand)
    costs: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # kind -> (columns, coefficients)
    for kind in dict.fromkeys([objective, fixed[0] if fixed else objective]):
        costs[kind] = _highs_objective(arrays, kind, project, delay, matrix, new_columns)
    if fixed is not None:
        cols, coefs = costs[fixed[0]]
        first = matrix.add_rows(1, -inf, float(fixed[1]))
        matrix.add(np.full(cols.size, first), cols, coefs)

    cost = np.zeros(n_cols)
    if relax_ceilings:
        if n_ceiling:
            cost[slack_first : slack_first + n_ceiling] = 1.0
    else:
        cols, coefs = costs[objective]
        np.add.at(cost, cols, coefs)

    successor = None
    if incremental:
        successor = np.where(np.append(~lowest[1:], False), np.arange(m) + 1, -1)
        # cost[x[j, d]] moves the same way: to y[j, d], and negated to y[j, d + 1]
        option_cost = cost[:m].copy()
        has_next = successor >= 0
        np.add.at(cost, successor[has_next], -option_cost[has_next])
        # y[j, d + 1] <= y[j, d]: a project that moves by d + 1 years moves by d
        pairs = np.flatnonzero(has_next)
        first = matrix.add_rows(pairs.size, -inf, 0.0)
        matrix.add(
            np.repeat(first + np.arange(pairs.size), 2),
            np.column_stack([successor[pairs], pairs]),
            np.tile([1.0, -1.0], pairs.size),
            plain=True,
        )
    starts, indices, values = matrix.csc(n_cols, successor)
    # the bare core class: the wrapper prints a banner on its first use
    highs = getattr(highspy, "_Highs", highspy.Highs)()
    highs.setOptionValue("output_flag", bool(controls.log))
    highs.setOptionValue("random_seed", int(controls.seed))
    highs.setOptionValue("time_limit", float(max(controls.time_limit, 0.01)))
    # every objective is a whole number: a gap below one proves the optimum
    highs.setOptionValue("mip_abs_gap", 0.99 if not relax_ceilings else 1e-6)
    highs.setOptionValue("mip_rel_gap", 0.0)
    if incremental:
        # two root heuristics that cost more than they find here (measured: 1,000 projects,
        # every year cut by 10 %, four seeds: 0.55-1.29 s with them, 0.43-0.67 s without;
        # the one-hot model at 10,000 projects is slower without them, so only here)
        highs.setOptionValue("mip_heuristic_run_root_reduced_cost", False)
        highs.setOptionValue("mip_heuristic_run_feasibility_jump", False)
    highs.passModel(
        n_cols,
        matrix.n_rows,
        int(values.size),
        int(highspy.MatrixFormat.kColwise),
        int(highspy.ObjSense.kMinimize),
        0.0,
        cost,
        np.concatenate(col_lower),
        np.concatenate(col_upper),
        np.concatenate(matrix.lower) if matrix.lower else np.zeros(0),
        np.concatenate(matrix.upper) if matrix.upper else np.zeros(0),
        starts,
        indices,
        values,
        np.concatenate(integral),
    )
    if hint is not None:
        if incremental:
            everything = np.arange(m, dtype=np.int32)
            highs.setSolution(m, everything, (delay <= hint[project]).astype(float))
        else:
            chosen = np.flatnonzero(delay == hint[project]).astype(np.int32)
            highs.setSolution(int(chosen.size), chosen, np.ones(chosen.size))
    try:
        highs.run()
    except Exception as error:  # report the solver's own failure as ours
        raise SolverError(f"the HiGHS solver failed: {error}") from error
    status = highs.getModelStatus()
    info = highs.getInfo()
    kinds = highspy.HighsModelStatus
    infeasible = status in (kinds.kInfeasible, kinds.kUnboundedOrInfeasible)
    found = info.primal_solution_status == 2  # a feasible solution
    proven = status == kinds.kOptimal
    solution = RawSolution(
        _status_of(found, proven, infeasible),
        None,
        method="MIP (HiGHS), one boolean per project and shift",
    )
    if found:
        values_x = np.asarray(highs.getSolution().col_value, dtype=float)[:m]
        if incremental:
            steps = np.bincount(project, weights=(values_x > 0.5) & ~lowest, minlength=n)
            solution.delays = arrays.min_delay + steps.astype(np.int64)
        else:
            solution.delays = _delays_from_choice(arrays, project, delay, values_x)
        if relax_ceilings:
            solution.objective = float(info.objective_function_value)
            solution.slack = arrays.overload(solution.delays)
        else:
            solution.objective = float(arrays.objective_value(objective, solution.delays))
        if proven:
            solution.bound = solution.objective
        else:
            solution.bound = float(math.ceil(float(info.mip_dual_bound) - 1e-6))
    return solution


def _highs_objective(
    arrays, kind, project, delay, matrix, new_columns
) -> tuple[np.ndarray, np.ndarray]:
    """Objective ``kind`` as (columns, coefficients), adding its auxiliary columns and rows."""
    inf = math.inf
    if kind == "delay":
        cost = (arrays.weight[project] * np.abs(delay)).astype(float)
        cols = np.flatnonzero(cost)
        return cols, cost[cols]
    if kind == "makespan":
        base = float(arrays.win_start.min())
        low = float((arrays.win_start + arrays.min_delay).min())
        high = float((arrays.win_end + arrays.max_delay).max()) + 1
        latest = new_columns(1, low, high, True)
        earlier = bool((arrays.min_delay < 0).any())
        earliest = new_columns(1, low if earlier else base, base, True)
        n = arrays.n_projects
        options = np.arange(project.size)
        # latest - shift_j >= win_end[j] + 1
        first = matrix.add_rows(n, (arrays.win_end + 1).astype(float), inf)
        matrix.add(np.arange(first, first + n), np.full(n, latest), np.ones(n))
        matrix.add(first + project, options, -delay.astype(float))
        if earlier:
            # earliest - shift_j <= win_start[j], for the projects that may move earlier
            movers = np.flatnonzero(arrays.min_delay < 0)
            first = matrix.add_rows(movers.size, -inf, arrays.win_start[movers].astype(float))
            matrix.add(
                np.arange(first, first + movers.size),
                np.full(movers.size, earliest),
                np.ones(movers.size),
            )
            row_of = np.full(n, -1)
            row_of[movers] = first + np.arange(movers.size)
            pick = np.flatnonzero(row_of[project] >= 0)
            matrix.add(row_of[project[pick]], pick, -delay[pick].astype(float))
        return np.array([latest, earliest]), np.array([1.0, -1.0])
    if kind == "peak":
        peak = new_columns(1, 0.0, float(arrays.totals.sum()) + 1, True)
        options, coefficients, _ = _total_rows(arrays, project, delay)
        first = matrix.add_rows(len(options), -inf, 0.0)
        for k, (opts, coefs) in enumerate(zip(options, coefficients)):
            matrix.add(
                np.full(opts.size + 1, first + k),
                np.append(opts, peak),
                np.append(coefs.astype(float), -1.0),
            )
        return np.array([peak]), np.array([1.0])
    raise CapexError(f"unknown objective {kind!r}; use one of {OBJECTIVES}")


def _mip_objective(model, mathopt, arrays, kind, x, project, delay, shift_of):
    """The linear expression of objective ``kind`` (adding its auxiliary variables)."""
    if kind == "delay":
        return mathopt.fast_sum(
            float(arrays.weight[project[o]] * abs(delay[o])) * x[o]
            for o in range(len(x))
            if delay[o] != 0 and arrays.weight[project[o]] != 0
        )
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
            model.add_linear_constraint(
                mathopt.fast_sum(float(c) * x[o] for o, c in zip(opts, coefs)) <= peak
            )
        return 1.0 * peak
    raise CapexError(f"unknown objective {kind!r}; use one of {OBJECTIVES}")


def _delays_from_choice(
    arrays: ShiftArrays, project: np.ndarray, delay: np.ndarray, values: np.ndarray
) -> np.ndarray:
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
            cp_model.LinearExpr.weighted_sum(
                [x[o] for o in rows.option[segment]], rows.coefficient[segment].tolist()
            )
            <= int(rows.row_capacity[r])
        )

    def shift_of(j: int):
        span = range(starts[j], starts[j] + counts[j])
        return cp_model.LinearExpr.weighted_sum([x[o] for o in span], [int(delay[o]) for o in span])

    for before, after in arrays.edges:
        model.add(
            shift_of(int(after)) - shift_of(int(before))
            >= int(arrays.win_end[before] + 1 - arrays.win_start[after])
        )

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
            model.add(
                cp_model.LinearExpr.weighted_sum([x[o] for o in opts], coefs.tolist()) <= peak
            )
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
    solution = RawSolution(
        _status_of(found, proven, infeasible),
        None,
        method="CP-SAT, one boolean per project and shift",
    )
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
        model.new_int_var(
            int(arrays.offset[j] + arrays.min_delay[j]),
            int(arrays.offset[j] + arrays.max_delay[j]),
            f"s{j}",
        )
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
                    shared[key] = model.new_fixed_size_interval_var(
                        start[j] + k0, length, f"i{j}_{k0}_{length}"
                    )
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
            start[a] + int(arrays.win_start[a] - arrays.offset[a])
            >= start[b] + int(arrays.win_end[b] - arrays.offset[b]) + 1
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
        model.add_max_equality(
            latest, [start[j] + int(arrays.win_end[j] - arrays.offset[j] + 1) for j in range(n)]
        )
        if not (arrays.min_delay < 0).any():
            return latest - base
        earliest = model.new_int_var(low, base, "earliest")
        model.add_min_equality(
            earliest,
            [start[j] + int(arrays.win_start[j] - arrays.offset[j]) for j in range(n)] + [base],
        )
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
        _status_of(found, proven, infeasible),
        None,
        method="CP-SAT, intervals on a cumulative per budget line",
    )
    if found:
        solution.delays = np.array([solver.value(s) for s in start], dtype=np.int64) - arrays.offset
        solution.objective = float(arrays.objective_value(objective, solution.delays))
        solution.bound = solution.objective if proven else float(solver.best_objective_bound)
    return solution


# ---------------------------------------------------------------------------------------
# breaking ties by the peak without a second MIP
# ---------------------------------------------------------------------------------------
INCREMENTAL_OPTIONS = 12_000
"""Largest boolean model (project-shift options) :func:`solve_highs` states incrementally.

Incremental: ``y[j, d] = 1`` when project ``j`` moves by ``d`` years or more, ordered
``y[j, d + 1] <= y[j, d]``. The same LP (an invertible change of variables), but branching
on ``y`` splits "moves at least d" from "moves less", and for a flat profile each ``y``
touches only the years where the window's ends move. Measured (HiGHS, shifts 0-3, every
year cut by 10 %): 1,000 projects 0.6-1.3 s against 0.5-2.1 s one-hot over four seeds;
10,000 projects 31 s against 11 s one-hot, hence one-hot above this size."""

EXACT_TIEBREAK_OPTIONS = 1_200
"""Largest boolean model (project-shift options) whose peak tie-break is solved as a MIP.

Minimising the peak with the delay held at its optimum is far harder than the delay itself
(1,000 projects, shifts 0-3, every year cut by 10 %: 2 s for the delay, 18-70 s for the
peak among its optima), so larger models break ties by :func:`exchange_peak` alone."""

EXCHANGE_WORK = 10_000_000
"""Array entries one round of :func:`exchange_peak` may compare (moves out of the peak year
tried x partner moves x years x lines): a fixed budget, so the search stays deterministic."""

EXCHANGE_ROUNDS = 400
"""Most rounds of :func:`exchange_peak` (each lowers the peak or the years at it)."""


def exchange_peak(
    arrays: ShiftArrays, delays: np.ndarray, rounds: int = EXCHANGE_ROUNDS
) -> np.ndarray:
    """Lower the peak annual total by moves that keep the weighted delay exactly.

    A move shifts one project by one year either way within its limits; it changes the
    delay objective by ``weight * (|d + step| - |d|)``. A round takes the moves that draw
    most out of the first peak year (as many as :data:`EXCHANGE_WORK` allows, at least 8)
    and pairs each with every move of the opposite change
    (or takes it alone if it changes nothing), keeps the pair that leaves the lowest peak
    (then the fewest years at it) with every ceiling and precedence relation holding, and
    stops when no pair improves. Deterministic (ties go to the lower move index); the
    weighted delay and feasibility never change, so the first objective's optimum stays.
    """
    delays = delays.astype(np.int64).copy()
    n_lines, n, _ = arrays.loads.shape
    n_years = arrays.n_years
    capped = arrays.capacity != NO_CEILING
    edges = arrays.edges
    counted = slice(arrays.peak_from, n_years)
    if n == 0 or arrays.peak_from >= n_years:
        return delays
    steps = np.array([-1, 1])
    for _ in range(rounds):
        # every allowed move: project, step, change of the objective, change of the loads
        project = np.repeat(np.arange(n), 2)
        step = np.tile(steps, n)
        moved = delays[project] + step
        allowed = (
            (moved >= arrays.min_delay[project])
            & (moved <= arrays.max_delay[project])
            & (arrays.weight[project] >= 0)
        )
        project, step, moved = project[allowed], step[allowed], moved[allowed]
        if project.size == 0:
            break
        cost = arrays.weight[project] * (np.abs(moved) - np.abs(delays[project]))
        total_change = _shift_change(
            arrays.totals[project], arrays.offset[project] + delays[project], step, n_years
        )
        line_change = (
            np.stack(
                [
                    _shift_change(
                        arrays.loads[line][project],
                        arrays.offset[project] + delays[project],
                        step,
                        n_years,
                    )
                    for line in range(n_lines)
                ],
                axis=1,
            )
            if n_lines
            else np.zeros((project.size, 0, n_years), dtype=np.int64)
        )
        totals = arrays.annual_total(delays)
        room = np.where(
            capped, arrays.capacity - arrays.line_load(delays), np.iinfo(np.int64).max // 4
        )
        peak = int(totals[counted].max())
        at_peak = int((totals[counted] == peak).sum())
        peak_year = arrays.peak_from + int(np.argmax(totals[counted]))
        out_of_peak = np.flatnonzero(total_change[:, peak_year] < 0)
        if out_of_peak.size == 0:
            break
        tried = max(8, EXCHANGE_WORK // (project.size * n_years * (1 + n_lines)))
        order = out_of_peak[np.argsort(total_change[out_of_peak, peak_year], kind="stable")][:tried]
        best: list[
            tuple[int, int, int, int]
        ] = []  # (peak, years at it, first move, second move or -1)
        for first in order:
            partners = np.flatnonzero((cost == -cost[first]) & (project != project[first]))
            change = total_change[first][None, :] + total_change[partners]
            lines = line_change[first][None, :, :] + line_change[partners]
            if cost[first] == 0:  # the move alone keeps the objective too
                partners = np.append(partners, -1)
                change = np.vstack([change, total_change[first][None, :]])
                lines = np.concatenate([lines, line_change[first][None, :, :]])
            fits = (lines <= room[None, :, :]).all(axis=(1, 2))
            new = totals[None, counted] + change[:, counted]
            new_peak = new.max(axis=1)
            new_count = (new == new_peak[:, None]).sum(axis=1)
            better = fits & ((new_peak < peak) | ((new_peak == peak) & (new_count < at_peak)))
            for k in np.flatnonzero(better):
                best.append((int(new_peak[k]), int(new_count[k]), int(first), int(partners[k])))
        accepted = False
        for _, _, first, second in sorted(best):
            trial = delays.copy()
            trial[project[first]] += step[first]
            if second >= 0:
                trial[project[second]] += step[second]
            if len(edges) and not _precedence_holds(arrays, trial):
                continue
            delays = trial
            accepted = True
            break
        if not accepted:
            break
    return delays


def _shift_change(
    flows: np.ndarray, start: np.ndarray, step: np.ndarray, n_years: int
) -> np.ndarray:
    """``(k, n_years)``: how each row's yearly amounts change when its start moves by ``step``."""
    k, span = flows.shape
    out = np.zeros((k, n_years), dtype=np.int64)
    rows = np.repeat(np.arange(k), span)
    before = (start[:, None] + np.arange(span)[None, :]).ravel()
    after = ((start + step)[:, None] + np.arange(span)[None, :]).ravel()
    np.add.at(out, (rows, after), flows.ravel())
    np.add.at(out, (rows, before), -flows.ravel())
    return out


def _precedence_holds(arrays: ShiftArrays, delays: np.ndarray) -> bool:
    before, after = arrays.edges[:, 0], arrays.edges[:, 1]
    return bool(
        (
            arrays.win_start[after] + delays[after] >= arrays.win_end[before] + delays[before] + 1
        ).all()
    )


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
