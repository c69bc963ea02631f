"""Peers for the benchmarks: the same problems as capex solves, through general solvers.

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

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from capex.money import WAN
from capex.portfolio import Portfolio

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
    from capex.profiles import allocate_many

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


# ---------------------------------------------------------------------------------------
# the shift (deferral) problem
# ---------------------------------------------------------------------------------------
SHIFT_MAX_DELAY = 3
"""Largest delay, whole years, in the shift benchmarks (shifts 0-3, as in the issue)."""


@dataclass
class ShiftRun:
    """What one shift method produced: delays by project position, objective, timings.

    ``status`` is ``"optimal"`` (proven), ``"feasible"`` (a plan, optimality not proven),
    ``"infeasible"`` or the solver's word when it found nothing; ``bound`` is the proven lower
    bound on the objective. ``result`` is capex's own result object (None for a peer), so
    that its schedule can be checked as well as its delays.
    """

    delays: np.ndarray | None
    objective: float
    status: str
    build_s: float | None = None
    solve_s: float | None = None
    note: str = ""
    bound: float | None = None
    result: object | None = None


@dataclass(frozen=True)
class ShiftInstance:
    """The deferral problem as arrays.

    ``flows`` is each project's unshifted full-window cash flow over ``years`` (万元, the
    uniform profile, as :func:`capex.cash_flow` makes it), padded with ``max_delay`` years at
    the end; delaying project ``i`` by ``d`` moves its whole row ``d`` years later.
    ``ceiling_minor`` caps each plan year (``NO_CEILING``: none; years outside the plan period
    have none); ``movable`` is False for fixed projects (started before the plan period), which
    cannot move; every other project may move by ``0..max_delay`` years; the objective is
    ``sum priority[i] * delay[i]``.
    """

    ids: pd.Index
    flows: np.ndarray
    years: list[int]
    plan_years: list[int]
    ceiling_minor: np.ndarray
    movable: np.ndarray
    priority: np.ndarray
    max_delay: int


def shift_instance(
    portfolio: Portfolio, ceilings: dict[int, float | None], max_delay: int
) -> ShiftInstance:
    """The arrays of the deferral problem: capex's uniform cash flow, ceilings, fixed projects."""
    from capex.cashflow import cash_flow

    flows = cash_flow(portfolio, "uniform").flows_minor
    years = [int(y) for y in flows.columns]
    # room for the last delay at the end of the horizon
    years_ext = years + list(range(years[-1] + 1, years[-1] + 1 + max_delay))
    matrix = np.zeros((len(flows), len(years_ext)), dtype=np.int64)
    matrix[:, : len(years)] = flows.to_numpy(dtype=np.int64)
    plan_years = portfolio.plan_years
    ceiling = np.array(
        [
            NO_CEILING if ceilings.get(y) is None else WAN.ceiling_to_minor(ceilings[y])
            for y in plan_years
        ],
        dtype=np.int64,
    )
    return ShiftInstance(
        ids=portfolio.ids,
        flows=matrix,
        years=years_ext,
        plan_years=plan_years,
        ceiling_minor=ceiling,
        movable=~portfolio.column("fixed").astype(bool),
        priority=portfolio.column("priority").astype(np.int64),
        max_delay=int(max_delay),
    )


def moved_flows(instance: ShiftInstance, delays: np.ndarray) -> np.ndarray:
    """Every project's cash flow moved ``delays`` years later, on ``instance.years`` (万元)."""
    moved = np.zeros_like(instance.flows)
    width = instance.flows.shape[1]
    for d in np.unique(delays):
        rows = delays == d
        d = int(d)
        moved[rows, d:] = instance.flows[rows, : width - d]
    return moved


def shifted_annual_totals(instance: ShiftInstance, delays: np.ndarray) -> np.ndarray:
    """Annual totals of the plan years (万元) with each row moved by its delay."""
    totals = moved_flows(instance, np.asarray(delays, dtype=np.int64)).sum(axis=0)
    position = [instance.years.index(y) for y in instance.plan_years]
    return totals[position]


def shift_ceilings(
    portfolio: Portfolio, cut: float = 0.9, *, flat: bool = False
) -> dict[int, float]:
    """Ceilings that force deferrals, from the unshifted uniform cash flow's plan-year totals.

    By default every plan year's ceiling is its own unshifted total times ``cut``, so that
    every plan year binds (the benchmark instance). With ``flat``, one ceiling for every plan
    year, ``cut`` times the peak plan year: it binds only in the years near the peak (the
    "mild" kind of instance). Whole 万元, given in 亿元.
    """
    from capex.cashflow import cash_flow

    flows = cash_flow(portfolio, "uniform").flows_minor
    years = portfolio.plan_years
    annual = flows.reindex(columns=years, fill_value=0).sum(axis=0)
    if flat:
        level = int(np.floor(cut * float(annual.max())))
        return {year: level / 10_000 for year in years}
    return {year: int(np.floor(cut * float(annual[year]))) / 10_000 for year in years}


def check_shift(
    portfolio: Portfolio,
    ceilings: dict[int, float | None],
    max_delay: int,
    run: ShiftRun,
) -> list[str]:
    """Problems with a deferral plan, recomputed from the data; empty when it is valid.

    Delays whole and within ``0..max_delay``, fixed projects unmoved, every plan year of the
    moved cash flows within its ceiling, the objective as reported; then capex's own checker
    (:func:`capex.check.check_schedule`) on the moved schedule (rows = totals, money only in
    the moved windows, ceilings); for capex's answer also on its own result, whose schedule
    must be the moved cash flows.
    """
    from capex.check import check_schedule
    from capex.reconcile import plan_split

    instance = shift_instance(portfolio, ceilings, max_delay)
    delays = np.asarray(run.delays)
    n = len(instance.flows)
    if delays.shape != (n,):
        return [f"expected {n} delays, got shape {delays.shape}"]
    if not np.issubdtype(delays.dtype, np.integer):
        return ["delays are not whole years"]
    problems = []
    if ((delays < 0) | (delays > instance.max_delay)).any():
        problems.append(f"a delay outside 0..{instance.max_delay}")
        return problems
    if (delays[~instance.movable] != 0).any():
        problems.append(f"{int((delays[~instance.movable] != 0).sum())} fixed projects moved")
    totals = shifted_annual_totals(instance, delays)
    capped = instance.ceiling_minor != NO_CEILING
    for k in np.flatnonzero(capped & (totals > instance.ceiling_minor)):
        problems.append(
            f"{instance.plan_years[k]}: {totals[k]} 万元 over its ceiling {instance.ceiling_minor[k]}"
        )
    objective = float((instance.priority * delays).sum())
    if not math.isclose(objective, run.objective, rel_tol=1e-9, abs_tol=1e-6):
        problems.append(f"objective reported {run.objective}, recomputed {objective}")

    # capex's checker on the moved schedule; money that no year of a window could take sits
    # in the year just before or after it (capex.cash_flow), so those windows widen by one
    schedule = pd.DataFrame(
        moved_flows(instance, delays),
        index=instance.ids,
        columns=pd.Index(instance.years, name="year"),
    )
    spills = (plan_split(portfolio)["unplaceable_minor"] > 0).to_numpy()
    frame = portfolio.frame
    windows = pd.DataFrame(
        {
            "start_year": frame["start_year"].to_numpy() + delays - spills,
            "end_year": frame["end_year"].to_numpy() + delays + spills,
        },
        index=instance.ids,
    )
    found = check_schedule(
        portfolio,
        schedule,
        ceilings,
        row_totals_minor=frame["total_minor"],
        windows=windows,
        period=(instance.years[0], instance.years[-1]),
    )
    problems += [f"capex.check: {v}" for v in found[:5]]
    if run.result is not None:
        own = run.result.schedule_minor  # type: ignore[attr-defined]
        problems += [
            f"capex.check (result): {v}"
            for v in check_schedule(portfolio, run.result, ceilings)[:5]
        ]
        years = sorted(set(own.columns) | set(schedule.columns))
        if not own.reindex(index=instance.ids, columns=years, fill_value=0).equals(
            schedule.reindex(columns=years, fill_value=0).astype(own.dtypes.iloc[0])
        ):
            problems.append("the result's schedule is not the cash flows moved by its delays")
    return problems


def _shift_terms(
    instance: ShiftInstance,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Boolean ``z[i, d]`` columns: project, delay, and their (ceiling row, amount) entries."""
    n, options = len(instance.flows), instance.max_delay + 1
    project = np.repeat(np.arange(n), options)
    delay = np.tile(np.arange(options), n)
    keep = instance.movable[project] | (delay == 0)
    project, delay = project[keep], delay[keep]
    first = instance.years[0]
    capped = np.flatnonzero(instance.ceiling_minor != NO_CEILING)
    rows, cols, amounts = [], [], []
    for k in capped:
        source = instance.plan_years[k] - delay - first
        inside = (source >= 0) & (source < instance.flows.shape[1])
        amount = np.zeros(len(project), dtype=np.int64)
        amount[inside] = instance.flows[project[inside], source[inside]]
        nz = np.flatnonzero(amount)
        rows.append(np.full(len(nz), k)), cols.append(nz), amounts.append(amount[nz])
    return (
        project,
        delay,
        np.concatenate(rows) if rows else np.zeros(0, int),
        np.concatenate(cols) if cols else np.zeros(0, int),
        np.concatenate(amounts) if amounts else np.zeros(0, int),
    )


def shift_highs_mip(
    portfolio: Portfolio, ceilings: dict[int, float | None], max_delay: int, time_limit: float
) -> ShiftRun:
    """The boolean-per-delay MIP through highspy, passed as CSC arrays (one thread, seed 0).

    Stopping rule as capex's: the objective is a whole number, so an absolute gap below one
    proves the optimum (``mip_abs_gap`` 0.99, ``mip_rel_gap`` 0).
    """
    from scipy import sparse

    started = time.perf_counter()
    instance = shift_instance(portfolio, ceilings, max_delay)
    project, delay, crow, ccol, camount = _shift_terms(instance)
    n, m = len(instance.flows), len(project)
    n_years = len(instance.plan_years)
    # rows: one "choose one delay" per project, then one per plan year
    rows = np.concatenate([project, n + crow])
    cols = np.concatenate([np.arange(m), ccol])
    values = np.concatenate([np.ones(m), camount.astype(float)])
    matrix = sparse.csc_matrix((values, (rows, cols)), shape=(n + n_years, m))
    capped = instance.ceiling_minor != NO_CEILING
    row_lower = np.concatenate([np.ones(n), np.full(n_years, -np.inf)])
    row_upper = np.concatenate(
        [np.ones(n), np.where(capped, instance.ceiling_minor, np.inf).astype(float)]
    )
    highs = one_thread_highs()
    highs.setOptionValue("time_limit", float(time_limit))
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", 0.99)
    highs.passModel(
        m,
        n + n_years,
        matrix.nnz,
        1,
        1,
        0.0,
        (instance.priority[project] * delay).astype(float),
        np.zeros(m),
        np.ones(m),
        row_lower,
        row_upper,
        matrix.indptr.astype(np.int32),
        matrix.indices.astype(np.int32),
        matrix.data,
        np.ones(m, dtype=np.int32),
    )
    built = time.perf_counter()
    highs.run()
    solved = time.perf_counter()
    model_status = highs.modelStatusToString(highs.getModelStatus()).lower()
    info = highs.getInfo()
    if info.primal_solution_status != 2:  # 2: a feasible solution
        status = "infeasible" if model_status == "infeasible" else model_status
        return ShiftRun(None, math.nan, status, built - started, solved - built)
    z = np.asarray(highs.getSolution().col_value) > 0.5
    delays = np.zeros(n, dtype=np.int64)
    delays[project[z]] = delay[z]
    objective = float((instance.priority * delays).sum())
    proven = model_status == "optimal"
    bound = objective if proven else math.ceil(info.mip_dual_bound - 1e-6)
    return ShiftRun(
        delays,
        objective,
        "optimal" if proven else "feasible",
        built - started,
        solved - built,
        "" if proven else f"{model_status}; bound {bound:g}",
        bound,
    )


def shift_cp_sat(
    portfolio: Portfolio,
    ceilings: dict[int, float | None],
    max_delay: int,
    time_limit: float,
    workers: int = 2,
) -> ShiftRun:
    """The same boolean-per-delay model in CP-SAT (``num_workers`` 2, seed 0)."""
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    instance = shift_instance(portfolio, ceilings, max_delay)
    project, delay, crow, ccol, camount = _shift_terms(instance)
    n, m = len(instance.flows), len(project)
    model = cp_model.CpModel()
    z = [model.new_bool_var("") for _ in range(m)]
    order = np.argsort(project, kind="stable")
    bounds = np.searchsorted(project[order], np.arange(n + 1))
    for i in range(n):
        model.add_exactly_one(z[j] for j in order[bounds[i] : bounds[i + 1]])
    for k in np.unique(crow):
        sel = crow == k
        model.add(
            cp_model.LinearExpr.weighted_sum([z[c] for c in ccol[sel]], camount[sel].tolist())
            <= int(instance.ceiling_minor[k])
        )
    weights = instance.priority[project] * delay
    model.minimize(cp_model.LinearExpr.weighted_sum(z, weights.tolist()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 0
    built = time.perf_counter()
    status = solver.solve(model)
    solved = time.perf_counter()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        name = solver.status_name(status).lower()
        return ShiftRun(None, math.nan, name, built - started, solved - built)
    chosen = np.array([solver.boolean_value(v) for v in z])
    delays = np.zeros(n, dtype=np.int64)
    delays[project[chosen]] = delay[chosen]
    objective = float((instance.priority * delays).sum())
    proven = status == cp_model.OPTIMAL
    # every weight is non-negative: a bound below zero says no more than zero does
    bound = objective if proven else max(math.ceil(solver.best_objective_bound - 1e-6), 0)
    return ShiftRun(
        delays,
        objective,
        "optimal" if proven else "feasible",
        built - started,
        solved - built,
        "" if proven else f"bound {bound:g}",
        bound,
    )


def shift_capex(
    portfolio: Portfolio,
    ceilings: dict[int, float | None],
    max_delay: int,
    time_limit: float,
    tiebreak: str | None = None,
) -> ShiftRun:
    """capex.shift, objective "delay", default solver, one worker, seed 0.

    ``tiebreak=None`` solves exactly the peers' problem; ``"auto"`` is the library's default,
    which then also lowers the peak year among the optima (a second solve).
    """
    import capex

    result = capex.shift(
        portfolio,
        ceilings=ceilings,
        max_delay=max_delay,
        objective="delay",
        tiebreak=tiebreak,
        time_limit=time_limit,
        seed=0,
        num_workers=1,
    )
    status = str(result.status)
    method = getattr(result, "method", "")
    if not result.ok:
        return ShiftRun(None, math.nan, status, note=method)
    delays = result.delays.reindex(portfolio.ids).to_numpy(dtype=np.int64)
    proven = status == "optimal"
    note = method if proven else f"{method}; bound {result.bound:g}"
    return ShiftRun(
        delays, float(result.objective), status, note=note, bound=result.bound, result=result
    )


SHIFT_METHODS: dict[str, Callable[..., ShiftRun]] = {
    "capex.shift": shift_capex,
    "capex.shift, then peak among the optima (default tie-break)": lambda p, c, d, t: shift_capex(
        p, c, d, t, tiebreak="auto"
    ),
    "HiGHS MIP (highspy, booleans)": shift_highs_mip,
    "CP-SAT (booleans, 2 workers)": shift_cp_sat,
}
"""Shift methods by the name shown in the table; the first is capex's own (the reference)."""


# ---------------------------------------------------------------------------------------
# PSPLIB j30
# ---------------------------------------------------------------------------------------
def psplib_key(path: Path) -> tuple[int, int]:
    """(parameter, instance) of a file named ``j30<P>_<I>.sm``."""
    stem = path.stem.removeprefix("j30")
    parameter, instance = stem.split("_")
    return int(parameter), int(instance)


def psplib_sort_key(path: Path) -> tuple[int, int]:
    try:
        return psplib_key(path)
    except ValueError:
        return (10**9, 0)


def read_j30_optima(folder: Path | str) -> dict[tuple[int, int], int]:
    """Published optimal makespans from ``j30opt.sm`` in ``folder`` or its parent."""
    folder = Path(folder)
    for candidate in (folder / "j30opt.sm", folder.parent / "j30opt.sm"):
        if candidate.exists():
            optima = {}
            for line in candidate.read_text(encoding="utf-8", errors="replace").splitlines():
                parts = line.split()
                if len(parts) >= 3 and all(p.isdigit() for p in parts[:3]):
                    optima[(int(parts[0]), int(parts[1]))] = int(parts[2])
            return optima
    return {}


@dataclass
class PsplibRun:
    """One PSPLIB instance solved by capex: makespan (None without a plan), time, check."""

    makespan: int | None
    seconds: float
    status: str
    bound: float | None
    problems: list[str]


def solve_psplib(path: Path, time_limit: float, num_workers: int = 1) -> PsplibRun:
    """Read and solve one instance with capex (least makespan), then check the schedule.

    The time covers reading the file and the whole ``capex.shift`` call. No tie-break: the
    makespan alone is the RCPSP's objective.
    """
    import capex

    started = time.perf_counter()
    portfolio = capex.read_psplib(path)
    result = capex.shift(
        portfolio,
        objective="makespan",
        max_delay=None,
        tiebreak=None,
        time_limit=time_limit,
        seed=0,
        num_workers=num_workers,
    )
    elapsed = time.perf_counter() - started
    status = str(result.status)
    if not result.ok:
        return PsplibRun(None, elapsed, status, result.bound, [])
    problems = check_rcpsp(path, portfolio, result)
    return PsplibRun(int(result.makespan), elapsed, status, result.bound, problems)


def check_rcpsp(path: Path, portfolio: Portfolio, result) -> list[str]:
    """Problems of an RCPSP schedule, recomputed from the ``.sm`` file read independently.

    The portfolio must hold exactly the file's jobs of positive duration, each window as long
    as the job; a job starts at period ``start_year + delay`` (periods from 0) and ends before
    ``start + duration``; every "finish before start" relation holds (through the jobs of
    duration 0, which take the latest finish of their predecessors); no resource is over its
    availability in any period; the makespan is the latest finish.
    """
    from graphlib import CycleError, TopologicalSorter

    sm = read_sm(path)
    frame = portfolio.frame
    real = {job for job, duration in sm.durations.items() if duration > 0}
    if set(frame.index) != real:
        return ["the portfolio's projects are not the file's jobs of positive duration"]
    length = frame["end_year"] - frame["start_year"] + 1
    wrong = [job for job in real if int(length[job]) != sm.durations[job]]
    if wrong:
        return [
            f"job {wrong[0]}: window of {int(length[wrong[0]])} periods, duration {sm.durations[wrong[0]]}"
        ]
    delays = result.delays.reindex(frame.index)
    if delays.isna().any():
        return ["a job has no delay"]
    start = {job: int(frame.at[job, "start_year"]) + int(delays[job]) for job in real}
    problems = []
    if min(start.values(), default=0) < 0:
        problems.append("a job starts before period 0")
    windows = getattr(result, "windows", None)
    if windows is not None and any(
        int(windows.at[job, "start_year"]) != start[job] for job in real
    ):
        problems.append("the result's windows are not the delays")
    predecessors: dict[int, set[int]] = {job: set() for job in sm.durations}
    for job, followers in sm.successors.items():
        for follower in followers:
            predecessors[follower].add(job)
    try:
        order = list(TopologicalSorter(predecessors).static_order())
    except CycleError:
        return ["the file's precedence relations form a cycle"]
    finish = {}
    for job in order:
        if job not in real:  # a dummy job: as soon as its predecessors are done
            start[job] = max((finish[p] for p in predecessors[job]), default=0)
        finish[job] = start[job] + sm.durations[job]
    for job, followers in sm.successors.items():
        for follower in followers:
            if start[follower] < finish[job]:
                problems.append(
                    f"job {follower} starts in period {start[follower]}, before job {job} finishes"
                )
    makespan = max(finish.values(), default=0)
    use = np.zeros((max(makespan, 1), len(sm.capacities)), dtype=np.int64)
    for job in real:
        use[start[job] : finish[job]] += np.asarray(sm.requests[job], dtype=np.int64)
    over = np.flatnonzero((use > np.asarray(sm.capacities)).any(axis=1))
    if len(over):
        problems.append(f"resources over their availability in period {over[0]}")
    if makespan != int(result.makespan):
        problems.append(f"makespan reported {result.makespan}, recomputed {makespan}")
    return problems


@dataclass(frozen=True)
class SmFile:
    """A PSPLIB single-mode file as read here, independently of capex's reader."""

    durations: dict[int, int]
    successors: dict[int, list[int]]
    requests: dict[int, list[int]]
    capacities: list[int]


def read_sm(path: Path | str) -> SmFile:
    """Jobs (duration, successors, requests per resource) and availabilities of a ``.sm`` file."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    durations: dict[int, int] = {}
    successors: dict[int, list[int]] = {}
    requests: dict[int, list[int]] = {}
    capacities: list[int] = []
    section = ""
    for line in lines:
        text = line.strip()
        if text.startswith("PRECEDENCE RELATIONS"):
            section = "prec"
            continue
        if text.startswith("REQUESTS/DURATIONS"):
            section = "req"
            continue
        if text.startswith("RESOURCEAVAILABILITIES"):
            section = "avail"
            continue
        if text.startswith("*"):
            section = ""
            continue
        parts = text.split()
        if not parts or not parts[0].isdigit():
            continue  # headers, rules, the resource names
        numbers = [int(p) for p in parts]
        if section == "prec":
            successors[numbers[0]] = numbers[3:]
        elif section == "req":
            job, _mode, duration, *request = numbers
            durations[job], requests[job] = duration, request
        elif section == "avail":
            capacities = numbers
            section = ""
    return SmFile(durations, successors, requests, capacities)
