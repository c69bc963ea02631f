"""Shift peers: the deferral problem as a plain boolean MIP (HiGHS) and in CP-SAT, capex's own
call, and the independent check of every answer.

Every method solves the same instance (:func:`shift_instance`: capex's uniform cash flow of
each project, moved whole by 0..``max_delay`` years, fixed projects unmoved, a ceiling per
plan year) and is checked by :func:`check_shift` from the data, not from the solver.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from benchmarks.peers.spread import NO_CEILING, one_thread_highs
from capex.model.money import WAN
from capex.model.portfolio import Portfolio

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
    from capex.model.cashflow import cash_flow

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
    from capex.model.cashflow import cash_flow

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
    (:func:`capex.solvers.check.check_schedule`) on the moved schedule (rows = totals, money only in
    the moved windows, ceilings); for capex's answer also on its own result, whose schedule
    must be the moved cash flows.
    """
    from capex.model.cashflow import plan_split
    from capex.solvers.check import check_schedule

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
    problems += [f"capex.solvers.check: {v}" for v in found[:5]]
    if run.result is not None:
        own = run.result.schedule_minor  # type: ignore[attr-defined]
        problems += [
            f"capex.solvers.check (result): {v}"
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
    portfolio: Portfolio,
    ceilings: dict[int, float | None],
    max_delay: int,
    time_limit: float | None,
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
    if time_limit is not None:
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
    proven = model_status == "optimal"
    run = _chosen(instance, project, delay, z, proven, math.ceil(info.mip_dual_bound - 1e-6))
    run.build_s, run.solve_s = built - started, solved - built
    if not proven:
        run.note = f"{model_status}; {run.note}"
    return run


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
    # every weight is non-negative: a bound below zero says no more than zero does
    bound = max(math.ceil(solver.best_objective_bound - 1e-6), 0)
    run = _chosen(instance, project, delay, chosen, status == cp_model.OPTIMAL, bound)
    run.build_s, run.solve_s = built - started, solved - built
    return run


def _chosen(
    instance: ShiftInstance,
    project: np.ndarray,
    delay: np.ndarray,
    chosen: np.ndarray,
    proven: bool,
    bound: float,
) -> ShiftRun:
    """The run of a boolean answer: each project's chosen delay, the objective recomputed
    from it, and the solver's bound (the objective itself when proven)."""
    delays = np.zeros(len(instance.flows), dtype=np.int64)
    delays[project[chosen]] = delay[chosen]
    objective = float((instance.priority * delays).sum())
    if proven:
        return ShiftRun(delays, objective, "optimal", bound=objective)
    return ShiftRun(delays, objective, "feasible", note=f"bound {bound:g}", bound=bound)


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
    # what the result says of its tie-break (its gap) or of a time limit that stopped it
    said = [str(m) for m in result.messages if "tie-break" in str(m) or "time limit" in str(m)]
    note = "; ".join([note, *said])
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
