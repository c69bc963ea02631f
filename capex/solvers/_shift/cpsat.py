"""CP-SAT: the boolean model translated, and the scheduling model with intervals.

:func:`solve_booleans` translates a :class:`~.rows.LinearModel` (every coefficient is a whole
number) into CP-SAT. :func:`solve_intervals` states the problem the way a scheduler does, with
a start per project and its cash flow as intervals on a cumulative per budget line: the
natural model for long horizons (PSPLIB, ``max_delay=None``), where the boolean model would
need one variable per project and period.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np

from capex.errors import CapexError
from capex.solvers._cpsat import new_solver, run
from capex.solvers._shift.arrays import (
    RawSolution,
    ShiftArrays,
    SolveControls,
    status_of,
)
from capex.solvers._shift.rows import LinearModel
from capex.terms import phrase

PHASED_WORKERS = 2
"""From this many workers on, an interval model is solved in deterministic steps: a default
search on one worker (:data:`FIRST_WORK`), neighbourhood search from its best plan
(:data:`LNS_WORK`), then, without a work budget, questions whether a better plan exists
(:func:`_descend`), and last the default search of every worker from the best plan, until
proven or the time cap."""

DESCENT_WORK = 2.0
"""Deterministic time of all the questions of :func:`_descend` together; the last search
gets the rest of the time cap (on PSPLIB j60 it is where the best plans of some instances
are found, with every worker)."""

DESCENT_WORKERS = 1
"""Workers of each question of :func:`_descend`. Two interleaved workers took as much
deterministic time as one to answer j3013_1's (5.98 units against 5.91) for nearly twice the
CPU time."""

FIRST_WORK = 0.6
"""Deterministic time (CP-SAT's counted work) of the interval model's first search, on one
worker. On scheduling models CP-SAT counts much less than a unit of work per second (about a
fifth on PSPLIB j60), so this is a few seconds; on PSPLIB j30 it proves most optima. One
worker, because several interleaved workers run their subsolvers in chunks of a whole unit
each and wait for every chunk of a batch: a proof the first chunk finds waits for the rest."""

LNS_WORK = 0.5
"""Deterministic time of the neighbourhood search (CP-SAT's LNS alone, its workers
interleaved) that improves the first search's plan. The default search of interleaved
workers spends its chunks on its full subsolvers and rarely reaches its neighbourhoods within
a time limit of seconds; this search is where larger instances (PSPLIB j60) find their best
plans."""

FIRST_SHARE = 0.2
"""Share of a work budget given to :func:`solve_intervals` that its first search takes."""

LNS_SHARE = 0.3
"""Share of a work budget given to :func:`solve_intervals` that its neighbourhood search
takes (the rest goes to the last search)."""

CLIQUE_PROJECTS = 200
"""Largest number of projects for which :func:`solve_intervals` adds no-overlap cliques of
projects that can never run together (finding the cliques grows fast with the size)."""


def _solver(controls: SolveControls, work: float | None = None):
    return new_solver(controls.seed, controls.num_workers, controls.log, controls.cap, work=work)


def _finish(cp_model, solver, status, method: str) -> tuple[RawSolution, bool]:
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    proven = status == cp_model.OPTIMAL
    raw = RawSolution(status_of(found, proven, status == cp_model.INFEASIBLE), None, method=method)
    return raw, found


def solve_booleans(
    model: LinearModel,
    controls: SolveControls,
    *,
    hint: np.ndarray | None = None,
    work: float | None = None,
) -> RawSolution:
    """The boolean model in CP-SAT: the same rows as HiGHS gets, translated one by one;
    ``work`` is a budget of deterministic time (``None``: until proven, or the cap)."""
    from ortools.sat.python import cp_model

    cp = cp_model.CpModel()
    lower, upper, integer = model.col_lower, model.col_upper, model.col_integer
    if not integer.all():
        raise CapexError("CP-SAT takes whole-number models only (no relaxation)")
    columns = [
        cp.new_int_var(round(lo), round(hi), f"c{k}")
        for k, (lo, hi) in enumerate(zip(lower, upper))
    ]

    def expression(cols: np.ndarray, values: np.ndarray):
        return cp_model.LinearExpr.weighted_sum(
            [columns[c] for c in cols], [round(v) for v in values]
        )

    for cols, values, low, high in model.each_row():
        if np.isfinite(low):
            cp.add(expression(cols, values) >= int(np.ceil(low - 1e-9)))
        if np.isfinite(high):
            cp.add(expression(cols, values) <= int(np.floor(high + 1e-9)))
    terms = model.objective
    cp.minimize(expression(terms.columns, terms.coefficients))
    if hint is not None:
        for column, value in zip(columns, model.option_values(hint)):
            cp.add_hint(column, int(value))
    solver = _solver(controls, work)
    status = run(solver, cp, controls.cap)
    raw, found = _finish(cp_model, solver, status, "CP-SAT, one boolean per project and shift")
    if found:
        values_x = np.array([solver.value(v) for v in columns[: model.n_options]], dtype=float)
        raw.values = values_x
        raw.delays = model.delays_from(values_x)
        raw.bound = float(solver.best_objective_bound) + terms.constant
    return raw


def _runs(values: np.ndarray) -> list[tuple[int, int, int]]:
    """``(first index, length, value)`` of each run of equal non-zero values."""
    runs = []
    k, n = 0, len(values)
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


def _reachable(arrays: ShiftArrays) -> np.ndarray:
    """``(n_lines, n_years)`` booleans: where some allowed shift puts some of a line's load."""
    out = np.zeros((arrays.n_lines, arrays.n_years), dtype=bool)
    for line in range(arrays.n_lines):
        spends = arrays.loads[line] != 0
        for j in np.flatnonzero(spends.any(axis=1)):
            years = np.flatnonzero(spends[j])
            first = arrays.offset[j] + arrays.min_delay[j] + years[0]
            last = arrays.offset[j] + arrays.max_delay[j] + years[-1]
            out[line, first : min(last, arrays.n_years - 1) + 1] = True
    return out


def _blocks(arrays: ShiftArrays) -> np.ndarray:
    """Years each project spends in one block from its first cash-flow year, every line
    drawing a constant amount over it (PSPLIB's jobs); 0 for a project of another shape."""
    spends = arrays.totals != 0
    length = spends.sum(axis=1)
    block = np.arange(arrays.span)[None, :] < length[:, None]
    demand = arrays.loads.max(axis=2, initial=0)
    flat = ((arrays.loads == demand[:, :, None]) == block[None, :, :]) | (demand[:, :, None] == 0)
    return np.where((spends == block).all(axis=1) & flat.all(axis=(0, 2)), length, 0)


def _incompatible_cliques(arrays: ShiftArrays, levels: np.ndarray) -> list[list[int]]:
    """Groups of block-shaped projects (:func:`_blocks`) no two of which can spend in the
    same year: on some line ``l`` their loads add up to more than ``levels[l]``, the most
    the line can carry in any year they can reach."""
    assert levels.shape == (arrays.n_lines,)
    import networkx as nx

    if arrays.n_projects > CLIQUE_PROJECTS:
        return []
    demand = arrays.loads.max(axis=2, initial=0)  # (n_lines, n)
    graph = nx.Graph()
    for a, b in itertools.combinations(np.flatnonzero(_blocks(arrays)), 2):
        if (demand[:, a] + demand[:, b] > levels).any():
            graph.add_edge(int(a), int(b))
    return [sorted(c) for c in nx.find_cliques(graph) if len(c) >= 2]


def solve_intervals(
    arrays: ShiftArrays,
    objective: str,
    controls: SolveControls,
    *,
    fixed: tuple[str, float] | None = None,
    hint: np.ndarray | None = None,
    work: float | None = None,
) -> RawSolution:
    """The scheduling model: a start per project, intervals on a cumulative per line.

    ``work`` is a budget of deterministic time for the whole solve (a tie-break's); without
    it the solve runs until proven or the time cap, in the steps :data:`PHASED_WORKERS`
    describes when there are that many workers or more.

    Project ``j`` starts its cash flow at column ``s_j = offset[j] + d_j``; each run of equal
    non-zero yearly loads of line ``l`` is a fixed-size interval ``[s_j + k, s_j + k + len)``
    of that demand, shared by every line the same run draws on. Where every year a line can
    reach has a ceiling, the cumulative's capacity is its highest ceiling and each year of a
    lower ceiling is a fixed interval taking up the difference; where some reachable year has
    none, the capacity is the line's whole demand. Projects that can never spend in the same
    year (on some line their loads exceed the highest ceiling together) also get a
    no-overlap constraint, which propagates more strongly than the cumulative.
    """
    if "peak" in (objective, fixed[0] if fixed else None):
        raise CapexError(phrase("err_solver_intervals_no_peak"))
    model, start = _interval_model(arrays, objective, (fixed,) if fixed is not None else ())
    if hint is not None:
        for j in range(len(start)):
            model.add_hint(start[j], int(arrays.offset[j] + hint[j]))
    method = "CP-SAT, intervals on a cumulative per budget line"
    if controls.num_workers < PHASED_WORKERS:
        return _run_intervals(model, start, arrays, controls, method, work=work)
    # each step is deterministic (work budgets, interleaved workers), so they all are
    first_work = FIRST_WORK if work is None else FIRST_SHARE * work
    lns_work = LNS_WORK if work is None else LNS_SHARE * work
    best = _run_intervals(model, start, arrays, controls, method, work=first_work, workers=1)
    if best.status in ("optimal", "infeasible"):
        return best
    if best.delays is not None:
        _hint(model, start, arrays, best.delays)
        improved = _run_intervals(
            model, start, arrays, controls, method, work=lns_work, neighbourhoods=True
        )
        best = _better(arrays, objective, best, improved)
        if best.status == "optimal":
            return best
        if work is None:
            best = _descend(arrays, objective, fixed, controls, best)
            if best.status == "optimal" or not controls.cap.left():
                return best
        _hint(model, start, arrays, best.delays)
    second = _run_intervals(
        model,
        start,
        arrays,
        controls,
        method + ", with neighbourhood search",
        work=None if work is None else work - first_work - lns_work,
    )
    return _better(arrays, objective, best, second)


def _interval_model(
    arrays: ShiftArrays, objective: str | None, limits: tuple[tuple[str, float], ...]
) -> tuple[object, list]:
    """The interval model of :func:`solve_intervals` and its start variables: minimising
    ``objective`` (``None``: no objective, a question of feasibility) with each
    ``(kind, most)`` of ``limits`` a constraint ``kind <= most``."""
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
    reachable = _reachable(arrays)
    shared: dict[tuple[int, int, int], object] = {}
    levels = np.full(arrays.n_lines, np.iinfo(np.int64).max // 4)  # no ceiling: no limit
    for line in range(arrays.n_lines):
        capacity = arrays.capacity[line]
        capped = arrays.capped[line]
        if not capped.any():
            continue
        intervals, demands = [], []
        for j in range(n):
            for k0, length, value in _runs(arrays.loads[line, j]):
                key = (j, k0, length)
                if key not in shared:
                    shared[key] = model.new_fixed_size_interval_var(
                        start[j] + k0, length, f"i{j}_{k0}_{length}"
                    )
                intervals.append(shared[key])
                demands.append(value)
        if not intervals:
            continue
        level = int(capacity[capped].max())
        if not (capped | ~reachable[line]).all():  # a year without a ceiling limits nothing
            level = max(level, int(arrays.loads[line].sum()))
        levels[line] = level
        blocked = np.where(capped, level - capacity, 0)
        for k0, length, value in _runs(blocked):
            intervals.append(model.new_fixed_size_interval_var(k0, length, f"ceiling{line}_{k0}"))
            demands.append(int(value))
        model.add_cumulative(intervals, demands, level)
    blocks = _blocks(arrays)
    for clique in _incompatible_cliques(arrays, levels):
        for j in clique:
            key = (j, 0, int(blocks[j]))
            if key not in shared:
                shared[key] = model.new_fixed_size_interval_var(start[j], key[2], f"b{j}")
        model.add_no_overlap([shared[(j, 0, int(blocks[j]))] for j in clique])

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
                if arrays.min_delay[j] >= 0:
                    terms.append(w * (start[j] - int(arrays.offset[j])))
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

    if objective is not None:
        model.minimize(expression(objective))
    for kind, most in limits:
        model.add(expression(kind) <= int(most))
    return model, start


def _descend(
    arrays: ShiftArrays,
    objective: str,
    fixed: tuple[str, float] | None,
    controls: SolveControls,
    best: RawSolution,
) -> RawSolution:
    """Prove ``best`` optimal, or improve it, by asking whether a plan beats it.

    Each step solves the model without an objective under ``objective <= value - 1`` (one
    worker, until answered, :data:`DESCENT_WORK` spent or the time cap): no such plan proves
    the best optimal; a plan found becomes the best and the next step asks again. On the
    hard PSPLIB j30 instances this question is often answered with less work than the
    optimising search's proof (j3013_1: 5.9 units of deterministic time, where the
    optimising search had not proven it after 8).
    """
    from ortools.sat.python import cp_model

    limits = (fixed,) if fixed is not None else ()
    work = DESCENT_WORK
    while best.delays is not None and controls.cap.left() and work > 0:
        value = arrays.objective_value(objective, best.delays)
        if value <= best.bound:
            best.status = "optimal"
            break
        model, start = _interval_model(arrays, None, ((objective, value - 1), *limits))
        solver = _solver(replace(controls, num_workers=DESCENT_WORKERS), work)
        status = run(solver, model, controls.cap)
        work -= solver.deterministic_time
        if status == cp_model.INFEASIBLE:
            best.status, best.bound = "optimal", float(value)
            break
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break  # its work budget or the time cap: the best plan and the bound so far
        best.delays = np.array([solver.value(s) for s in start], dtype=np.int64) - arrays.offset
        best.status = "feasible"
    return best


def _hint(model, start: list, arrays: ShiftArrays, delays: np.ndarray) -> None:
    """Start the next search from ``delays`` (a plan that holds every constraint)."""
    model.clear_hints()
    for j, s in enumerate(start):
        model.add_hint(s, int(arrays.offset[j] + delays[j]))


def _better(
    arrays: ShiftArrays, objective: str, earlier: RawSolution, later: RawSolution
) -> RawSolution:
    """``later`` with the better of the two plans and the higher of the two bounds: optimal
    when that plan meets that bound (the searches together prove it)."""
    if later.delays is None or (
        earlier.delays is not None
        and arrays.objective_value(objective, earlier.delays)
        < arrays.objective_value(objective, later.delays)
    ):
        later.delays = earlier.delays
        if later.status == "unknown" and earlier.delays is not None:
            later.status = "feasible"
    bounds = [b for b in (earlier.bound, later.bound) if not math.isnan(b)]
    later.bound = max(bounds) if bounds else math.nan
    if later.delays is not None and arrays.objective_value(objective, later.delays) <= later.bound:
        later.status = "optimal"
    return later


def _run_intervals(
    model,
    start: list,
    arrays: ShiftArrays,
    controls: SolveControls,
    method: str,
    *,
    work: float | None = None,
    neighbourhoods: bool = False,
    workers: int | None = None,
) -> RawSolution:
    """One CP-SAT run of the interval model: its plan (if any), status and proven bound;
    ``neighbourhoods``: LNS alone, from the model's hint; ``workers``: fewer than the
    controls give."""
    from ortools.sat.python import cp_model

    if workers is not None:
        controls = replace(controls, num_workers=min(workers, controls.num_workers))
    solver = _solver(controls, work)
    solver.parameters.use_lns_only = neighbourhoods
    status = run(solver, model, controls.cap)
    raw, found = _finish(cp_model, solver, status, method)
    if found:
        raw.delays = np.array([solver.value(s) for s in start], dtype=np.int64) - arrays.offset
        raw.bound = float(solver.best_objective_bound)
    return raw
