"""Spread peers: the L1 LP of the spread through general solvers, and its independent check.

The spread is the L1 LP of :func:`capex.spread`: for each project ``i`` and each plan year ``y``
of its window, an amount ``x[i, y] >= 0``; each row sums to the project's plan investment; each
year's total is within its ceiling; minimise ``sum |x[i, y] - t[i, y]|``, the distance to the
profile's exact integer targets ``t``. Every peer here builds that LP from arrays (as a
careful user would), except :func:`spread_pulp_cbc`, which is written one variable at a time as
a typical user writes a PuLP model. Each returns integer 万元 amounts per (project, year) pair:
an LP answer is rounded by :func:`integer_repair`, which keeps rows exact and ceilings held.

The constraint matrix is that of a transportation problem, so with integer data every vertex
optimum is integral and the integer optimum equals the LP optimum: capex's exact answer and a
peer's LP answer must have the same objective.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from capex.model.money import WAN
from capex.model.portfolio import Portfolio

NO_CEILING = -1
"""Marks a year without a ceiling in :attr:`SpreadInstance.ceiling_minor`."""


# ---------------------------------------------------------------------------------------
# the instance as arrays
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pairs:
    """The (project, plan year) pairs of a portfolio, as arrays: the floor of every method.

    Attributes
    ----------
    row
        Position of the pair's project in the portfolio (0-based), sorted.
    year
        The pair's year.
    plan_minor
        Each project's plan investment, 万元 (one per project, not per pair).
    first_year
        First plan year; ``year - first_year`` is the column of a dense schedule.
    n_years
        Number of plan years.
    """

    row: np.ndarray
    year: np.ndarray
    plan_minor: np.ndarray
    first_year: int
    n_years: int

    @property
    def size(self) -> int:
        return len(self.row)


def build_pairs(portfolio: Portfolio) -> Pairs:
    """The (project, plan year) pairs with positive plan investment, built with numpy alone."""
    first, last = portfolio.plan_period
    plan = portfolio.column("plan_minor").astype(np.int64)
    lo = np.maximum(portfolio.column("start_year").astype(np.int64), first)
    hi = np.minimum(portfolio.column("end_year").astype(np.int64), last)
    count = np.where(plan > 0, np.clip(hi - lo + 1, 0, None), 0)
    row = np.repeat(np.arange(len(plan)), count)
    # the k-th pair of a project is its k-th plan year
    offset = np.arange(len(row)) - np.repeat(np.cumsum(count) - count, count)
    return Pairs(
        row=row,
        year=lo[row] + offset,
        plan_minor=plan,
        first_year=first,
        n_years=last - first + 1,
    )


def uniform_targets(pairs: Pairs) -> np.ndarray:
    """Each project's plan split evenly over its plan years in whole 万元.

    The remainder of the division goes one 万元 at a time to the first years: computed here,
    independently of capex, to cross-check :func:`profile_targets` for the uniform profile.
    """
    n = len(pairs.plan_minor)
    count = np.bincount(pairs.row, minlength=n)
    plan = pairs.plan_minor[pairs.row]
    base = plan // count[pairs.row]
    remainder = plan - base * count[pairs.row]
    position = np.arange(pairs.size) - np.repeat(np.cumsum(count) - count, count)
    return base + (position < remainder)


def profile_targets(portfolio: Portfolio, pairs: Pairs, profile: object = "uniform") -> np.ndarray:
    """The profile's exact integer targets per pair, as capex computes them (largest remainder)."""
    from capex.model.profiles import allocate_many

    count = np.bincount(pairs.row, minlength=len(pairs.plan_minor))
    dense = allocate_many(pairs.plan_minor, count, profile)
    position = np.arange(pairs.size) - np.repeat(np.cumsum(count) - count, count)
    return dense[pairs.row, position]


@dataclass(frozen=True)
class SpreadInstance:
    """One spread problem as arrays: pairs, integer targets and ceilings in 万元."""

    pairs: Pairs
    target_minor: np.ndarray
    ceiling_minor: np.ndarray  # one per plan year; NO_CEILING where there is none
    ids: pd.Index
    years: list[int]

    @property
    def year_position(self) -> np.ndarray:
        return self.pairs.year - self.pairs.first_year


def spread_instance(
    portfolio: Portfolio,
    ceilings: dict[int, float | None],
    targets: Callable[[Portfolio, Pairs], np.ndarray] | None = None,
) -> SpreadInstance:
    """The arrays of the spread LP for a portfolio and ``{year: 亿元}`` ceilings."""
    pairs = build_pairs(portfolio)
    target = (targets or profile_targets)(portfolio, pairs)
    years = portfolio.plan_years
    ceiling = np.array(
        [
            NO_CEILING if ceilings.get(y) is None else WAN.ceiling_to_minor(ceilings[y])
            for y in years
        ],
        dtype=np.int64,
    )
    return SpreadInstance(pairs, np.asarray(target, dtype=np.int64), ceiling, portfolio.ids, years)


# ---------------------------------------------------------------------------------------
# results: the objective, the independent check and the repair of LP answers
# ---------------------------------------------------------------------------------------
@dataclass
class PeerRun:
    """What one peer produced: integer amounts per pair and its timings (seconds)."""

    amounts_minor: np.ndarray | None
    build_s: float
    solve_s: float
    status: str
    solver_objective_minor: float | None = None


def l1_objective_wan(instance: SpreadInstance, amounts_minor: np.ndarray) -> int:
    """``sum |x - t|`` over all pairs, 万元: the spread's objective, from the amounts alone."""
    return int(np.abs(np.asarray(amounts_minor, dtype=np.int64) - instance.target_minor).sum())


def check_amounts(instance: SpreadInstance, amounts_minor: np.ndarray) -> list[str]:
    """Problems with a spread: rows not exact, ceilings exceeded, negative or non-integer cells.

    Independent of every solver: recomputed from the instance arrays. Empty when valid.
    """
    x = np.asarray(amounts_minor)
    problems = []
    if x.shape != (instance.pairs.size,):
        return [f"expected {instance.pairs.size} amounts, got shape {x.shape}"]
    if not np.issubdtype(x.dtype, np.integer):
        return ["amounts are not integers"]
    if (x < 0).any():
        problems.append(f"{int((x < 0).sum())} negative amounts")
    rows = np.bincount(instance.pairs.row, weights=x, minlength=len(instance.pairs.plan_minor))
    wrong = np.flatnonzero(np.rint(rows).astype(np.int64) != instance.pairs.plan_minor)
    if len(wrong):
        problems.append(f"{len(wrong)} rows do not sum to their plan (first: row {wrong[0]})")
    columns = np.bincount(instance.year_position, weights=x, minlength=instance.pairs.n_years)
    capped = instance.ceiling_minor != NO_CEILING
    over = capped & (np.rint(columns).astype(np.int64) > instance.ceiling_minor)
    for k in np.flatnonzero(over):
        problems.append(
            f"{instance.years[k]}: {int(columns[k])} 万元 over its ceiling {instance.ceiling_minor[k]}"
        )
    return problems


def schedule_frame(instance: SpreadInstance, amounts_minor: np.ndarray) -> pd.DataFrame:
    """The dense schedule (index project id, columns years, int64 万元) of pair amounts."""
    dense = np.zeros((len(instance.ids), instance.pairs.n_years), dtype=np.int64)
    dense[instance.pairs.row, instance.year_position] = amounts_minor
    return pd.DataFrame(dense, index=instance.ids, columns=pd.Index(instance.years, name="year"))


def integer_repair(instance: SpreadInstance, values: np.ndarray) -> np.ndarray:
    """Integer amounts from an LP answer, keeping every row exact and every ceiling held.

    Cells within 1e-6 of an integer are rounded (a vertex answer needs nothing more). The rest
    are rounded down, and the 万元 each row then lacks are placed one per fractional cell by a
    max flow (rows -> fractional cells -> years with room under their ceiling), which exists
    whenever the LP answer was feasible.
    """
    values = np.clip(np.asarray(values, dtype=float), 0, None)
    nearest = np.rint(values)
    fractional = np.abs(values - nearest) > 1e-6
    x = np.where(fractional, np.floor(values), nearest).astype(np.int64)
    pairs = instance.pairs
    missing = pairs.plan_minor - np.bincount(
        pairs.row, weights=x, minlength=len(pairs.plan_minor)
    ).astype(np.int64)
    if not fractional.any() and not missing.any():
        return x
    from ortools.graph.python import max_flow

    n_rows, n_years = len(pairs.plan_minor), pairs.n_years
    source, sink = n_rows + n_years, n_rows + n_years + 1
    used = np.bincount(instance.year_position, weights=x, minlength=n_years).astype(np.int64)
    room = np.where(
        instance.ceiling_minor == NO_CEILING,
        np.iinfo(np.int32).max,
        instance.ceiling_minor - used,
    )
    flow = max_flow.SimpleMaxFlow()
    needy = np.flatnonzero(missing > 0)
    flow.add_arcs_with_capacity(np.full(len(needy), source), needy, missing[needy])
    cells = np.flatnonzero(fractional)
    cell_arcs = flow.add_arcs_with_capacity(
        pairs.row[cells],
        n_rows + instance.year_position[cells],
        np.ones(len(cells), dtype=np.int64),
    )
    flow.add_arcs_with_capacity(
        n_rows + np.arange(n_years), np.full(n_years, sink), np.clip(room, 0, None)
    )
    flow.solve(source, sink)
    x[cells] += flow.flows(cell_arcs).astype(np.int64)
    return x


# ---------------------------------------------------------------------------------------
# the L1 LP as CSC arrays
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class L1Arrays:
    """The L1 LP in deviation form, column-wise.

    Variables ``p[k] >= 0`` (over target) and ``0 <= n[k] <= t[k]`` (under target), with
    ``x = t + p - n``; rows: one per project, ``sum p - sum n = 0``; one per year,
    ``sum p - sum n <= ceiling - target total``; objective ``sum p + sum n``.
    """

    cost: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    start: np.ndarray
    index: np.ndarray
    value: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.row_lower), len(self.cost)


def l1_arrays(instance: SpreadInstance) -> L1Arrays:
    """Build :class:`L1Arrays` with numpy alone (no Python call per variable)."""
    pairs = instance.pairs
    m, n_rows, n_years = pairs.size, len(pairs.plan_minor), pairs.n_years
    target = instance.target_minor.astype(float)
    year_row = n_rows + instance.year_position
    # column k is p[k] for k < m and n[k - m] after: two entries each (project row, year row)
    index = np.empty(4 * m, dtype=np.int32)
    index[0 : 2 * m : 2] = pairs.row
    index[1 : 2 * m : 2] = year_row
    index[2 * m :: 2] = pairs.row
    index[2 * m + 1 :: 2] = year_row
    value = np.concatenate([np.ones(2 * m), -np.ones(2 * m)])
    start = np.arange(0, 4 * m + 1, 2, dtype=np.int32)
    target_total = np.bincount(instance.year_position, weights=target, minlength=n_years)
    capped = instance.ceiling_minor != NO_CEILING
    year_upper = np.where(capped, instance.ceiling_minor - target_total, np.inf)
    row_upper = np.concatenate([np.zeros(n_rows), year_upper])
    row_lower = np.concatenate([np.zeros(n_rows), np.full(n_years, -np.inf)])
    col_upper = np.concatenate([pairs.plan_minor[pairs.row] - target, target])
    return L1Arrays(
        cost=np.ones(2 * m),
        col_lower=np.zeros(2 * m),
        col_upper=col_upper.astype(float),
        row_lower=row_lower,
        row_upper=row_upper,
        start=start,
        index=index,
        value=value,
    )


def _amounts_from_deviation(instance: SpreadInstance, primal: np.ndarray) -> np.ndarray:
    m = instance.pairs.size
    return instance.target_minor + primal[:m] - primal[m : 2 * m]


def one_thread_highs():
    """A quiet highspy solver on one thread, seed 0.

    HiGHS keeps one thread scheduler per process, made by its first solve (capex's own HiGHS
    solves use the default size); it is reset here so that one thread can be asked for.
    """
    import highspy

    highspy.Highs.resetGlobalScheduler(True)
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("random_seed", 0)
    return highs


def spread_highs(
    instance: SpreadInstance,
    method: str = "ipm",
    time_limit: float | None = None,
    *,
    crossover: bool = True,
) -> PeerRun:
    """The L1 LP through highspy, passed as CSC arrays; ``method`` is "ipm" or "simplex".

    With ``crossover`` (HiGHS's default) the interior point ends at a vertex, whose amounts are
    integers; without it the answer is interior and :func:`integer_repair` rounds it, which
    keeps it feasible but may leave it a few 万元 above the optimum.
    """
    started = time.perf_counter()
    arrays = l1_arrays(instance)
    highs = one_thread_highs()
    highs.setOptionValue("solver", method)
    if method == "ipm" and not crossover:
        highs.setOptionValue("run_crossover", "off")
    if time_limit is not None:
        highs.setOptionValue("time_limit", float(time_limit))
    n_rows, n_cols = arrays.shape
    highs.passModel(
        n_cols,
        n_rows,
        len(arrays.value),
        1,
        1,
        0.0,  # column-wise, minimise, no offset
        arrays.cost,
        arrays.col_lower,
        arrays.col_upper,
        arrays.row_lower,
        arrays.row_upper,
        arrays.start,
        arrays.index,
        arrays.value,
        np.zeros(n_cols, dtype=np.int32),
    )
    built = time.perf_counter()
    highs.run()
    solved = time.perf_counter()
    status = highs.modelStatusToString(highs.getModelStatus()).lower()
    if status != "optimal":
        return PeerRun(None, built - started, solved - built, status)
    primal = np.asarray(highs.getSolution().col_value)
    amounts = integer_repair(instance, _amounts_from_deviation(instance, primal))
    return PeerRun(
        amounts,
        built - started,
        time.perf_counter() - built,
        status,
        highs.getObjectiveValue(),
    )


def spread_glop(instance: SpreadInstance, time_limit: float | None = None) -> PeerRun:
    """The L1 LP through OR-Tools GLOP, filled from a sparse matrix (ModelBuilder)."""
    from ortools.linear_solver.python import model_builder as mb
    from scipy import sparse

    started = time.perf_counter()
    arrays = l1_arrays(instance)
    matrix = sparse.csc_matrix(
        (arrays.value, arrays.index, arrays.start), shape=arrays.shape
    ).tocsr()
    model = mb.ModelBuilder()
    model.helper.fill_model_from_sparse_data(
        arrays.col_lower,
        arrays.col_upper,
        arrays.cost,
        arrays.row_lower,
        arrays.row_upper,
        matrix,
    )
    solver = mb.Solver("glop")
    if time_limit is not None:
        solver.set_time_limit_in_seconds(time_limit)
    built = time.perf_counter()
    status = solver.solve(model)
    solved = time.perf_counter()
    name = status.name.lower()
    if status != mb.SolveStatus.OPTIMAL:
        return PeerRun(None, built - started, solved - built, name)
    primal = solver.values(model.get_variables()).to_numpy()
    amounts = integer_repair(instance, _amounts_from_deviation(instance, primal))
    return PeerRun(
        amounts,
        built - started,
        time.perf_counter() - built,
        name,
        solver.objective_value,
    )


def spread_min_cost_flow(instance: SpreadInstance) -> PeerRun:
    """The spread as an exact integer min-cost flow (OR-Tools ``SimpleMinCostFlow``).

    Nodes: projects (supply = plan), years, a sink. Per pair two arcs project -> year: one of
    capacity ``t`` at cost 0, one of capacity ``plan - t`` at cost 1; year -> sink arcs carry the
    ceilings. The cost is the money placed over target, half the L1 distance.
    """
    from ortools.graph.python import min_cost_flow

    started = time.perf_counter()
    pairs = instance.pairs
    n_rows, n_years = len(pairs.plan_minor), pairs.n_years
    sink = n_rows + n_years
    year_node = n_rows + instance.year_position
    flow = min_cost_flow.SimpleMinCostFlow()
    on_target = flow.add_arcs_with_capacity_and_unit_cost(
        pairs.row, year_node, instance.target_minor, np.zeros(pairs.size, dtype=np.int64)
    )
    over_target = flow.add_arcs_with_capacity_and_unit_cost(
        pairs.row,
        year_node,
        pairs.plan_minor[pairs.row] - instance.target_minor,
        np.ones(pairs.size, dtype=np.int64),
    )
    total = int(pairs.plan_minor.sum())
    capacity = np.where(instance.ceiling_minor == NO_CEILING, total, instance.ceiling_minor)
    flow.add_arcs_with_capacity_and_unit_cost(
        n_rows + np.arange(n_years),
        np.full(n_years, sink),
        capacity,
        np.zeros(n_years, dtype=np.int64),
    )
    supplies = np.concatenate([pairs.plan_minor, np.zeros(n_years, dtype=np.int64), [-total]])
    flow.set_nodes_supplies(np.arange(n_rows + n_years + 1), supplies)
    built = time.perf_counter()
    status = flow.solve()
    solved = time.perf_counter()
    if status != flow.OPTIMAL:
        return PeerRun(
            None,
            built - started,
            solved - built,
            "infeasible" if status == flow.INFEASIBLE else str(status),
        )
    amounts = flow.flows(on_target) + flow.flows(over_target)
    return PeerRun(
        amounts.astype(np.int64),
        built - started,
        time.perf_counter() - built,
        "optimal",
        2.0 * flow.optimal_cost(),
    )


def spread_pulp_cbc(instance: SpreadInstance, time_limit: float | None = None) -> PeerRun:
    """The L1 LP written in PuLP as a typical user would, one variable at a time, solved by CBC.

    ``x[i, y]`` and a deviation ``d[i, y] >= |x - t|`` through two inequalities per pair.
    """
    import pulp

    started = time.perf_counter()
    pairs = instance.pairs
    ids = list(instance.ids)
    problem = pulp.LpProblem("spread", pulp.LpMinimize)
    x, d = {}, {}
    for k in range(pairs.size):
        key = (int(pairs.row[k]), int(pairs.year[k]))
        x[key] = pulp.LpVariable(f"x_{ids[key[0]]}_{key[1]}", lowBound=0)
        d[key] = pulp.LpVariable(f"d_{ids[key[0]]}_{key[1]}", lowBound=0)
    problem += pulp.lpSum(d.values())
    by_row: dict[int, list] = {}
    by_year: dict[int, list] = {}
    for k, key in enumerate(x):
        t = int(instance.target_minor[k])
        problem += d[key] >= x[key] - t
        problem += d[key] >= t - x[key]
        by_row.setdefault(key[0], []).append(x[key])
        by_year.setdefault(key[1], []).append(x[key])
    for row, variables in by_row.items():
        problem += pulp.lpSum(variables) == int(pairs.plan_minor[row])
    for position, year in enumerate(instance.years):
        if instance.ceiling_minor[position] != NO_CEILING and year in by_year:
            problem += pulp.lpSum(by_year[year]) <= int(instance.ceiling_minor[position])
    built = time.perf_counter()
    problem.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit, threads=1))
    solved = time.perf_counter()
    status = pulp.LpStatus[problem.status].lower()
    if status != "optimal":
        return PeerRun(None, built - started, solved - built, status)
    values = np.array([x[key].varValue or 0.0 for key in x])
    amounts = integer_repair(instance, values)
    return PeerRun(
        amounts,
        built - started,
        time.perf_counter() - built,
        status,
        pulp.value(problem.objective),
    )


SPREAD_PEERS: dict[str, Callable[..., PeerRun]] = {
    "HiGHS IPM (highspy, arrays)": lambda inst, tl=None: spread_highs(inst, "ipm", tl),
    "HiGHS IPM, no crossover (highspy, arrays)": lambda inst, tl=None: spread_highs(
        inst, "ipm", tl, crossover=False
    ),
    "HiGHS simplex (highspy, arrays)": lambda inst, tl=None: spread_highs(inst, "simplex", tl),
    "GLOP (OR-Tools, arrays)": lambda inst, tl=None: spread_glop(inst, tl),
    "min-cost flow (OR-Tools)": lambda inst, tl=None: spread_min_cost_flow(inst),
    "PuLP + CBC (per variable)": lambda inst, tl=None: spread_pulp_cbc(inst, tl),
}
"""Spread peers by the method name shown in the table."""
