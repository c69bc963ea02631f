"""The delay objective with HiGHS: a bound, a first plan, and small MIPs to close the gap.

1. The LP relaxation (the incremental model, :meth:`~.rows.LinearModel.incremental`) prices
   the ceilings and precedence pairs; :func:`~.fixing.lagrangian` turns the prices into a
   bound ``L`` that every plan's weighted delay reaches, and a reduced cost per option.
2. A first plan: the LP's plan rounded down, repaired and improved by one-year moves
   (:func:`~.exchange.first_plan`), or the caller's plan if that is better.
3. The gap is closed from below. A plan of delay at most ``K`` uses no option whose reduced
   cost exceeds ``K - L`` (:func:`~.fixing.within_budget`); for ``K = ceil(L), ceil(L) + 1,
   ...`` below the best plan, that limited model, with the cutoff ``delay <= K`` and the
   :func:`~.rows.dominance` rows, is small, and HiGHS either proves it empty (every plan
   has delay ``K + 1`` or more) or finds the optimum in it.
4. Where the limited model is not small (the first plan is far above the bound), a short
   search among the options of least reduced cost looks for a plan at the proven bound (the
   optimum mostly takes such options); failing that, the whole MIP runs, warm-started from
   the best plan and stopped as soon as it reaches the proven bound.

Every step is exact: the answer is optimal when the status says so, whichever step ended.
"""

from __future__ import annotations

import math

import numpy as np

from capex.solvers._shift import fixing, highs, rows
from capex.solvers._shift.arrays import RawSolution, ShiftArrays, SolveControls
from capex.solvers._shift.exchange import first_plan

INCREMENTAL_OPTIONS = 12_000
"""Largest whole model (project-shift options) HiGHS gets in the incremental form, which
branches better on small models; the one-hot form above it (at 10,000 projects HiGHS's
whole MIP took about three times as long in the incremental form)."""

LIMITED_SHARE = 0.5
"""A limited model (step 3) is solved only while at most this share of the movable projects
keeps more than one shift in it; beyond, the whole MIP (step 4) is faster."""

CORE_BUDGET = 0.5
"""Reduced cost below which options enter the short search for an optimal plan."""

CORE_NODES = 200
"""Branch-and-bound nodes the short search for an optimal plan among the cheapest options
may take: a count, not a time, so that the plan found does not depend on the machine's load."""

METHOD = "MIP (HiGHS), one boolean per project and shift; LP bound, reduced-cost fixing"


def _movable(arrays: ShiftArrays) -> int:
    return int((arrays.max_delay > arrays.min_delay).sum())


def _prices(model: rows.LinearModel, duals: np.ndarray) -> fixing.Prices:
    """The Lagrangian of the LP's duals: ceiling rows (``<=``) and precedence rows (``>=``)."""
    arrays = model.arrays
    ceiling = np.zeros(arrays.n_lines * arrays.n_years)
    ceiling[rows.ceiling_cells(model)] = -duals[model.family_rows("ceilings")]
    precedence = duals[model.family_rows("precedence")]
    return fixing.lagrangian(arrays, ceiling.reshape(arrays.n_lines, arrays.n_years), precedence)


def _rounded_down(model: rows.LinearModel, values: np.ndarray) -> np.ndarray:
    """The LP's plan with every fractional move dropped: ``y[j, d]`` taken only when whole."""
    arrays = model.arrays
    lowest = model.delay == arrays.min_delay[model.project]
    whole = (values[: model.n_options] > 1 - 1e-6) & ~lowest
    return arrays.min_delay + np.bincount(
        model.project, weights=whole, minlength=arrays.n_projects
    ).astype(np.int64)


def solve_delay(
    arrays: ShiftArrays, controls: SolveControls, *, hint: np.ndarray | None = None
) -> RawSolution:
    """Least weighted delay (see the module text); the same answers as the plain MIP."""
    relaxed = rows.build(arrays, "delay").incremental()
    lp = highs.run(relaxed, controls, relax=True)
    if lp.status == "infeasible":
        return RawSolution("infeasible", None, method=METHOD)
    if lp.values is None or lp.row_duals is None:
        return _whole(arrays, controls, None, 0)
    prices = _prices(relaxed, lp.row_duals)
    bound = max(prices.proven_bound(), 0)

    plan = first_plan(arrays, _rounded_down(relaxed, lp.values))
    if hint is not None and arrays.fits(hint):
        given = arrays.objective_value("delay", hint)
        if plan is None or given < arrays.objective_value("delay", plan):
            plan = hint.astype(np.int64)
    best = math.inf if plan is None else arrays.objective_value("delay", plan)

    pairs = None
    while bound < best and controls.cap.left():
        limited = fixing.within_budget(arrays, prices, bound)
        whole = (limited.min_delay == arrays.min_delay).all() and (
            limited.max_delay == arrays.max_delay
        ).all()
        if pairs is None:
            pairs = fixing.dominance_pairs(arrays)
        if whole or _movable(limited) > LIMITED_SHARE * _movable(arrays):
            found = _search_core(arrays, prices, bound, pairs, controls)
            if found is not None:
                return _answer(arrays, found, bound, "optimal")
            return _whole(arrays, controls, plan, bound)
        model = rows.build(limited, "delay", fixed=("delay", bound), pairs=pairs).incremental()
        out = highs.run(model, controls, options=highs.QUIET)
        if out.status == "infeasible":
            bound += 1  # no plan of delay `bound` or less
            continue
        if out.values is not None:
            found = model.delays_from(out.values)
            value = arrays.objective_value("delay", found)
            if value < best:
                plan, best = found, value
        if out.status == "optimal":
            # every plan of delay <= bound lies in the limited model: its optimum is the optimum
            return _answer(arrays, plan, best, "optimal")
        return _answer(arrays, plan, bound, "feasible" if plan is not None else "unknown")
    if plan is not None and best <= bound:
        return _answer(arrays, plan, best, "optimal")
    return _answer(arrays, plan, bound, "feasible" if plan is not None else "unknown")


def _search_core(
    arrays: ShiftArrays,
    prices: fixing.Prices,
    bound: int,
    pairs: np.ndarray,
    controls: SolveControls,
) -> np.ndarray | None:
    """A plan of delay ``bound`` (proven least, so optimal) among the cheapest options.

    The optimum mostly takes options of small reduced cost; a short search in the model
    limited to reduced costs below :data:`CORE_BUDGET` often finds it long before the whole
    MIP does. ``None`` when it does not within :data:`CORE_NODES`.
    """
    core = fixing.within_budget(arrays, prices, prices.bound + CORE_BUDGET)
    model = rows.build(core, "delay", fixed=("delay", bound), pairs=pairs).incremental()
    out = highs.run(
        model,
        controls,
        target=bound + 0.5,
        # no presolve: the core is small, and HiGHS's probing costs more than it saves here
        options={"mip_max_nodes": CORE_NODES, "presolve": "off"},
    )
    if out.values is None:
        return None
    found = model.delays_from(out.values)
    return found if arrays.objective_value("delay", found) <= bound else None


def _answer(arrays: ShiftArrays, plan: np.ndarray | None, bound: float, status: str) -> RawSolution:
    raw = RawSolution(status, plan, method=METHOD)
    if plan is not None:
        raw.objective = float(arrays.objective_value("delay", plan))
        raw.bound = raw.objective if status == "optimal" else float(bound)
    return raw


def _whole(
    arrays: ShiftArrays,
    controls: SolveControls,
    plan: np.ndarray | None,
    bound: int,
) -> RawSolution:
    """The whole MIP from the best plan, stopped once it reaches the proven ``bound``."""
    model = rows.build(arrays, "delay")
    options = {}
    if model.n_options <= INCREMENTAL_OPTIONS:
        model = model.incremental()
        options = highs.INCREMENTAL
    out = highs.run(
        model,
        controls,
        hint=plan,
        target=bound + 0.5,  # a plan at the proven bound is optimal: stop there
        options=options,
    )
    if out.status == "infeasible":
        return RawSolution("infeasible", None, method=METHOD)
    found = plan
    if out.values is not None:
        candidate = model.delays_from(out.values)
        if found is None or arrays.objective_value("delay", candidate) <= arrays.objective_value(
            "delay", found
        ):
            found = candidate
    if found is None:
        return RawSolution("unknown", None, method=METHOD)
    value = arrays.objective_value("delay", found)
    proven = out.status == "optimal" or out.stopped_at_target or value <= bound
    lower = max(bound, math.ceil(out.bound - 1e-6)) if not math.isnan(out.bound) else bound
    return _answer(arrays, found, value if proven else lower, "optimal" if proven else "feasible")
