"""The aggregated spread as an integer program, for budget lines that overlap.

When two budget lines share some projects without one holding the other (a cap per street
beside a cap on government-funded projects), a group's lines no longer form a chain and the
min-cost flow of :mod:`capex.solvers._flow` does not apply. The same aggregated problem is then
an integer program, solved exactly by HiGHS (``highspy``) on the same groups, so its size
follows the number of distinct (plan years, lines) patterns, not the number of projects.

Notation as in :mod:`capex.solvers._flow`: group ``g`` with amount ``P_g``, profile target
``T[g, y]`` and plan years ``lo_g..hi_g``; budget line ``l`` with ceiling ``C[l, y]`` in its
capped years, drawn on by the groups ``g in l``.

Columns, one of each per group-year ``(g, y)`` with ``lo_g <= y <= hi_g``::

    X[g, y]  integer, 0..P_g   the group's amount in year y
    A[g, y]  real >= 0         money moved into year y above its target
    U[g, y]  integer, 0..P_g   the part of X[g, y] spent beyond the ceilings (elastic model)

Constraint families, one function each below (:func:`_rows`, :func:`_above_target`,
:func:`_ceilings`, :func:`_unfunded_within_amount`, :func:`_unfunded_at_most`); the
objectives are :func:`_moved` (``sum A``: at the optimum ``A = max(0, X - T)``, half the
L1 distance to the profile) and :func:`_unfunded` (``sum U``).

**Least extra budget.** When no plan meets every ceiling, the money spent beyond the ceilings
is what is missing. Each unit of it (万元 for the bundled plan) is counted once, however
many overlapping lines it draws on: a project on a street line and on the government line
that overshoots both needs one more unit, not two. The elastic model first finds the least such money ``U*`` (each
year's ``sum_g U[g, y]`` is that year's extra budget), then, with ``sum U <= U*``, the plan
that moves the least money, started from the first stage's plan. Each line's own extra
budget is what its load then exceeds its ceiling by, so the same money shows on every line it
overshoots and once in the year's total.

**Exactness.** ``X`` and ``U`` are integer columns and all data are integers; HiGHS's values
are rounded to the nearest integer and every row is then checked again in integer
arithmetic, so rows are exact to the minor unit and ceilings hold with no tolerance. Every
objective is a whole number of minor units, so an absolute gap below one proves the optimum.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from capex.errors import CapexError
from capex.solvers._flow import NO_CEILING, GroupPlan, Groups
from capex.solvers._highs import load_columns, new_highs
from capex.solvers._stopping import TimeCap
from capex.terms import phrase

METHOD = "integer program (HiGHS, aggregated, exact)"


@dataclass(frozen=True)
class MipControls:
    """How HiGHS searches: seed, log, and a safety cap on the whole call's solver time
    (``time_limit`` seconds, ``None``: none; one :class:`~capex.solvers._stopping.TimeCap`
    that every run of the call draws on). Every search runs until proven otherwise."""

    time_limit: float | None = None
    seed: int = 0
    log: bool = False
    cap: TimeCap = field(default=None, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.cap is None:
            object.__setattr__(self, "cap", TimeCap(self.time_limit))


@dataclass
class _Model:
    """Columns and sparse rows of one integer program, built family by family.

    Column blocks: ``X`` at ``x``, ``A`` at ``a`` and, in the elastic model, ``U`` at ``u``
    (each an index array over the group-year pairs ``pair_group``, ``pair_year``).
    """

    groups: Groups
    capacity: np.ndarray
    elastic: bool
    unfunded_cap: int | None = None
    pair_group: np.ndarray = field(init=False)
    pair_year: np.ndarray = field(init=False)
    x: np.ndarray = field(init=False)
    a: np.ndarray = field(init=False)
    u: np.ndarray = field(init=False)
    ceiling_row: np.ndarray = field(init=False)  # (L, Y) row of each ceiling, -1 for none
    row_lower: list[np.ndarray] = field(default_factory=list)
    row_upper: list[np.ndarray] = field(default_factory=list)
    entries: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=list)
    n_rows: int = 0

    def __post_init__(self) -> None:
        self.pair_group, self.pair_year = self.groups.years()
        n = len(self.pair_group)
        self.x = np.arange(n)
        self.a = n + np.arange(n)
        self.u = 2 * n + np.arange(n) if self.elastic else np.zeros(0, dtype=np.int64)
        self.ceiling_row = np.full(self.capacity.shape, -1, dtype=np.int64)

    @property
    def n_cols(self) -> int:
        return len(self.x) + len(self.a) + len(self.u)

    def add_rows(self, lower: np.ndarray | float, upper: np.ndarray | float, count: int) -> int:
        """``count`` rows ``lower <= row <= upper``; returns the index of the first."""
        self.row_lower.append(np.broadcast_to(np.asarray(lower, dtype=float), (count,)))
        self.row_upper.append(np.broadcast_to(np.asarray(upper, dtype=float), (count,)))
        first = self.n_rows
        self.n_rows += count
        return first

    def add_entries(self, rows: np.ndarray, cols: np.ndarray, value: float) -> None:
        """Coefficient ``value`` at each ``(rows[i], cols[i])``."""
        rows = np.asarray(rows, dtype=np.int64)
        self.entries.append((rows, np.asarray(cols, dtype=np.int64), np.full(len(rows), value)))

    def column_bounds(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Lower and upper bounds and integrality (1: integer) of every column."""
        amount = self.groups.amount[self.pair_group].astype(float)
        n = len(self.x)
        lower = np.zeros(self.n_cols)
        upper = np.concatenate([amount, np.full(n, math.inf), amount[: len(self.u)]])
        integral = np.concatenate([np.ones(n), np.zeros(n), np.ones(len(self.u))]).astype(np.int32)
        return lower, upper, integral

    def csc(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The matrix in compressed sparse column form: starts, row indices, values."""
        if self.entries:
            rows, cols, values = (np.concatenate(part) for part in zip(*self.entries))
        else:
            rows = cols = np.zeros(0, dtype=np.int64)
            values = np.zeros(0)
        order = np.lexsort((rows, cols))
        starts = np.searchsorted(cols[order], np.arange(self.n_cols + 1))
        return starts.astype(np.int32), rows[order].astype(np.int32), values[order]


# ---------------------------------------------------------------------------------------
# constraint families and objectives
# ---------------------------------------------------------------------------------------
def _rows(model: _Model) -> None:
    """Each group spends exactly its amount: ``sum_y X[g, y] = P_g``."""
    amount = model.groups.amount.astype(float)
    first = model.add_rows(amount, amount, len(amount))
    model.add_entries(first + model.pair_group, model.x, 1.0)


def _above_target(model: _Model) -> None:
    """What a year takes above its target: ``A[g, y] >= X[g, y] - T[g, y]``.

    Written ``A[g, y] - X[g, y] >= -T[g, y]``; with ``A >= 0`` and ``A`` minimised,
    ``A = max(0, X - T)`` at the optimum.
    """
    target = model.groups.target[model.pair_group, model.pair_year].astype(float)
    first = model.add_rows(-target, math.inf, len(target))
    rows = first + np.arange(len(target))
    model.add_entries(rows, model.a, 1.0)
    model.add_entries(rows, model.x, -1.0)


def _ceilings(model: _Model) -> None:
    """Each line's ceiling in each capped year: ``sum_{g in l} (X[g, y] - U[g, y]) <= C[l, y]``.

    Without the elastic columns, ``sum_{g in l} X[g, y] <= C[l, y]``. A capped line-year that
    no group can reach has no row (it holds whatever happens).
    """
    capacity = model.capacity
    capped = capacity != NO_CEILING  # (L, Y)
    # (pair, line) where the pair's group draws on the line and the pair's year is capped
    pair, line = np.nonzero(model.groups.lines[model.pair_group] & capped[:, model.pair_year].T)
    n_years = capacity.shape[1]
    keys, row_of = np.unique(line * n_years + model.pair_year[pair], return_inverse=True)
    first = model.add_rows(-math.inf, capacity.ravel()[keys].astype(float), len(keys))
    model.ceiling_row.ravel()[keys] = first + np.arange(len(keys))
    model.add_entries(first + row_of.ravel(), model.x[pair], 1.0)
    if model.elastic:
        model.add_entries(first + row_of.ravel(), model.u[pair], -1.0)


def _unfunded_within_amount(model: _Model) -> None:
    """Only money that is spent can be unfunded: ``U[g, y] - X[g, y] <= 0``."""
    n = len(model.u)
    first = model.add_rows(-math.inf, 0.0, n)
    model.add_entries(first + np.arange(n), model.u, 1.0)
    model.add_entries(first + np.arange(n), model.x, -1.0)


def _unfunded_at_most(model: _Model) -> None:
    """The second stage keeps the least unfunded money: ``sum U <= U*``."""
    first = model.add_rows(-math.inf, float(model.unfunded_cap), 1)
    model.add_entries(np.full(len(model.u), first), model.u, 1.0)


def _moved(model: _Model) -> np.ndarray:
    """Cost vector of the money moved away from its profile year: ``sum A``."""
    cost = np.zeros(model.n_cols)
    cost[model.a] = 1.0
    return cost


def _unfunded(model: _Model) -> np.ndarray:
    """Cost vector of the money spent beyond the ceilings: ``sum U``."""
    cost = np.zeros(model.n_cols)
    cost[model.u] = 1.0
    return cost


# ---------------------------------------------------------------------------------------
# solving
# ---------------------------------------------------------------------------------------
@dataclass
class _Outcome:
    """One HiGHS run: ``"optimal"``, ``"feasible"``, ``"infeasible"`` or ``"unknown"``."""

    status: str
    plan: GroupPlan | None = None
    objective: int = 0
    bound: float = math.nan


def spread_plan(groups: Groups, capacity: np.ndarray, controls: MipControls) -> _Outcome:
    """The least-moved plan under the ceilings or, when none exists, under the least extra.

    Returns an outcome whose plan has ``unfunded`` all zero when the ceilings can be met;
    status ``"unknown"`` when the time limit passed before any plan was found.
    """
    hard = least_moved(groups, capacity, controls)
    if hard.status != "infeasible":
        return hard
    # stage one: the least money beyond the ceilings, each unit once
    model = _build(groups, capacity, elastic=True)
    first = _run(model, _unfunded(model), controls, start=None)
    if first.plan is None:
        return _Outcome("unknown")
    least = first.objective
    # stage two: the least money moved among the plans with that little beyond the ceilings
    model = _build(groups, capacity, elastic=True, unfunded_at_most=least)
    second = _run(model, _moved(model), controls, start=first.plan)
    if second.plan is None:  # out of time: the first stage's plan still fits the extra budget
        first.plan.status = first.status = "feasible"
        first.objective, first.bound = first.plan.moved, 0.0
        return first
    if first.status != "optimal":  # the extra budget itself is not proven least
        second.plan.status = second.status = "feasible"
    return second


def least_moved(
    groups: Groups,
    capacity: np.ndarray,
    controls: MipControls,
    *,
    start: GroupPlan | None = None,
) -> _Outcome:
    """The plan that moves the least money under the ceilings as given (no extra budget)."""
    model = _build(groups, capacity, elastic=False)
    return _run(model, _moved(model), controls, start=start)


def _build(
    groups: Groups, capacity: np.ndarray, *, elastic: bool, unfunded_at_most: int | None = None
) -> _Model:
    model = _Model(groups, capacity, elastic, unfunded_at_most)
    _rows(model)
    _above_target(model)
    _ceilings(model)
    if elastic:
        _unfunded_within_amount(model)
    if unfunded_at_most is not None:
        _unfunded_at_most(model)
    return model


def marginal_savings(
    groups: Groups,
    capacity: np.ndarray,
    least: int,
    plan: GroupPlan,
    which: np.ndarray,
    controls: MipControls,
) -> np.ndarray:
    """``saving[l, y]``: ``least`` (the least money moved under ``capacity``, reached by
    ``plan``) minus the least money moved with ``C[l, y]`` one minor unit higher, for the line-years
    in ``which``; NaN where it is not proven within the time limit.

    Exact without an integer program for most line-years. The linear relaxation's value
    ``v(C)`` is convex in the ceilings, so with ``pi`` an optimal dual of the ceiling's row,
    ``v(C + e) >= v(C) - |pi|``; the integer optimum is a whole number at least ``v``, so
    when ``ceil(v(C) - |pi|) >= least`` one more unit saves nothing. Otherwise the relaxation
    is solved again from its basis with the raised ceiling; an integral answer is the integer
    optimum, and only a fractional one calls for the integer program (started from ``plan``).
    """
    savings = np.zeros(capacity.shape)
    model = _build(groups, capacity, elastic=False)
    relaxation = _highs(model, _moved(model), controls, integer=False)
    if relaxation is None or not _ran(relaxation, controls.cap):
        savings[which] = math.nan
        return savings
    value = relaxation.getInfo().objective_function_value
    duals = np.asarray(relaxation.getSolution().row_dual, dtype=float)
    for line, year in zip(*np.nonzero(which)):
        row = int(model.ceiling_row[line, year])
        if row < 0 or math.ceil(value - abs(duals[row]) - 1e-6) >= least:
            continue  # no group reaches it, or the bound proves it saves nothing
        cap = float(capacity[line, year])
        raised = capacity.copy()
        raised[line, year] += 1
        relaxation.changeRowBounds(row, -math.inf, cap + 1)
        fewest = (
            _integral_optimum(model, relaxation, raised) if _ran(relaxation, controls.cap) else None
        )
        relaxation.changeRowBounds(row, -math.inf, cap)
        if fewest is None:
            outcome = least_moved(groups, raised, controls, start=plan)
            fewest = outcome.plan.moved if outcome.status == "optimal" else None
        savings[line, year] = math.nan if fewest is None else least - fewest
    return savings


def _highs(
    model: _Model,
    cost: np.ndarray,
    controls: MipControls,
    *,
    integer: bool = True,
    start: GroupPlan | None = None,
) -> Any:
    """A HiGHS instance holding ``model`` with objective ``cost`` (None: no time left).

    ``integer=False`` keeps every column continuous (the linear relaxation).
    """
    if not controls.cap.left():
        return None
    lower, upper, integral = model.column_bounds()
    highs = new_highs(controls.log, controls.seed)  # whole-number objectives: a gap below 1
    limit = controls.cap.remaining()
    if limit is not None:
        highs.setOptionValue("time_limit", limit)
    load_columns(
        highs,
        model.csc(),
        costs=cost,
        columns=(lower, upper),
        rows=(
            np.concatenate(model.row_lower) if model.row_lower else np.zeros(0),
            np.concatenate(model.row_upper) if model.row_upper else np.zeros(0),
        ),
        integrality=integral if integer else np.zeros_like(integral),
    )
    if start is not None:
        highs.setSolution(
            model.n_cols, np.arange(model.n_cols, dtype=np.int32), _columns_of(model, start)
        )
    return highs


def _ran(highs: Any, cap: TimeCap) -> bool:
    """Run HiGHS, charging ``cap`` with its run time; whether it proved an optimum."""
    import highspy

    runs_before = highs.getRunTime()
    try:
        highs.run()
    except Exception as error:  # report the solver's own failure as ours
        raise CapexError(phrase("err_solver_highs_failed", error=str(error))) from error
    status = highs.getModelStatus()
    stopped = status == highspy.HighsModelStatus.kTimeLimit
    cap.charge(highs.getRunTime() - runs_before, stopped=stopped)
    return status == highspy.HighsModelStatus.kOptimal


def _integral_optimum(model: _Model, relaxation: Any, capacity: np.ndarray) -> int | None:
    """The least money moved, when the relaxation's optimum (with ceilings ``capacity``) is
    a whole-unit plan; else None."""
    values = np.asarray(relaxation.getSolution().col_value, dtype=float)
    x = values[model.x]
    if np.abs(x - np.rint(x)).max(initial=0.0) > 1e-6:
        return None
    plan = _exact_plan(model, values, capacity)
    value = relaxation.getInfo().objective_function_value
    if plan is None or plan.moved > math.ceil(value - 1e-6):
        return None
    return plan.moved


def _run(
    model: _Model,
    cost: np.ndarray,
    controls: MipControls,
    *,
    start: GroupPlan | None,
) -> _Outcome:
    """Solve ``model`` for ``cost`` with HiGHS and read an exact integer plan from it."""
    import highspy

    highs = _highs(model, cost, controls, start=start)
    if highs is None:
        return _Outcome("unknown")
    proven = _ran(highs, controls.cap)
    kinds = highspy.HighsModelStatus
    if highs.getModelStatus() in (kinds.kInfeasible, kinds.kUnboundedOrInfeasible):
        return _Outcome("infeasible")
    info = highs.getInfo()
    if info.primal_solution_status != 2:  # no feasible solution
        return _Outcome("unknown")
    plan = _exact_plan(model, np.asarray(highs.getSolution().col_value, dtype=float))
    if plan is None:
        raise CapexError(phrase("err_solver_not_exact"))
    plan.status = "optimal" if proven else "feasible"
    objective = int(plan.unfunded.sum()) if cost[model.u].any() else plan.moved
    bound = float(objective) if proven else float(math.ceil(info.mip_dual_bound - 1e-6))
    plan.bound = bound if cost[model.a].any() else 0.0
    return _Outcome(plan.status, plan, objective, bound)


def _columns_of(model: _Model, plan: GroupPlan) -> np.ndarray:
    """A full column vector for ``plan`` (a start for HiGHS)."""
    x = plan.amounts[model.pair_group, model.pair_year].astype(float)
    target = model.groups.target[model.pair_group, model.pair_year]
    above = np.maximum(x - target, 0.0)
    parts = [x, above]
    if model.elastic:
        parts.append(plan.unfunded[model.pair_group, model.pair_year].astype(float))
    return np.concatenate(parts)


def _exact_plan(
    model: _Model, values: np.ndarray, capacity: np.ndarray | None = None
) -> GroupPlan | None:
    """The integer plan in HiGHS's answer, rounded to whole minor units and checked exactly against
    every row (the ceilings ``capacity``, by default the model's); ``None`` when the rounded
    plan breaks one."""
    groups = model.groups
    n_groups, n_years = groups.target.shape
    amounts = np.zeros((n_groups, n_years), dtype=np.int64)
    amounts[model.pair_group, model.pair_year] = np.rint(values[model.x]).astype(np.int64)
    unfunded = np.zeros_like(amounts)
    if model.elastic:
        unfunded[model.pair_group, model.pair_year] = np.rint(values[model.u]).astype(np.int64)
    capacity = model.capacity if capacity is None else capacity
    funded = groups.loads(amounts - unfunded)
    capped = capacity != NO_CEILING
    exact = (
        (amounts >= 0).all()
        and (unfunded >= 0).all()
        and (unfunded <= amounts).all()
        and (amounts.sum(axis=1) == groups.amount).all()
        and (funded[capped] <= capacity[capped]).all()
        and (model.unfunded_cap is None or int(unfunded.sum()) <= model.unfunded_cap)
    )
    if not exact:
        return None
    moved = int(np.maximum(amounts - groups.target, 0).sum())
    return GroupPlan("optimal", amounts, moved, unfunded, float(moved))
