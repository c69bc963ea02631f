"""Spread the plan-period investment over the years under annual ceilings, exactly.

:func:`spread` finds integer amounts ``x[i, y] >= 0`` (of the portfolio's minor unit, 万元
for the bundled plan) over the plan years of each project's window, each row summing exactly
to the project's plan investment, each year's total within its ceiling on every budget line,
and as close to the spend profile as possible: it minimises the **L1 distance**
``sum |x[i, y] - t[i, y]|`` to the profile target ``t`` (:func:`capex.model.cashflow.plan_targets`).

Why L1: it is linear and exact in integers; it reads as money moved away from its planned
year (the objective reported is that amount, half the L1 distance, in the display unit); and
it moves money only where a ceiling binds, where a squared (L2) distance would spread small
changes over every project.

How: projects with the same plan-year interval and the same budget lines are aggregated into
groups (:mod:`capex.solvers._spread_problem`), the small aggregated problem is solved, and the
group amounts are split back onto projects exactly, keeping the optimum
(:func:`capex.solvers._flow.disaggregate`). Everything else is array arithmetic, so the call
is ``O(n)`` in the number of projects.

* When the budget lines nest or are disjoint (any two lines either share no project, or one
  holds every project of the other), the aggregated problem is a **min-cost flow**
  (:mod:`capex.solvers._flow`, OR-Tools): its optimum is integral, so rows are exact and
  ceilings hold with no rounding step.
* When lines **overlap** (a cap per street beside a cap on government-funded projects), it is
  an **integer program** on the same groups, solved to proven optimality by HiGHS
  (:mod:`capex.solvers._lines_mip`); its answer is read back in whole minor units and checked
  exactly.

Infeasible ceilings are explained, never thrown: the result has status ``"infeasible"``, the
least extra budget that makes the plan fit, a schedule that fits the ceilings raised by it,
and sentences naming the years and projects that cannot fit (by Hall's condition,
:mod:`capex.solvers.hall`). The **least extra budget** is the least money the plan must spend beyond
its ceilings, each unit counted once however many lines it draws on; ``extra_budget`` gives it
by year. Each line's own extra (``line_extra_budget_minor``) is how far the plan's load exceeds
that line's ceiling, so an amount that overshoots a street line and the government line shows on
both lines and once in the year. Among the plans that need the least extra budget, the one
that moves the least money is returned.

**Shadow prices** are exact marginal values: the money moved that one more minor unit (万元)
of a ceiling saves, found by solving again with that ceiling one unit higher (for an
infeasible plan, at the ceilings raised by the extra budget). For the flow the moved money is a convex piecewise
linear function of each ceiling with integer breakpoints, so this is its slope to the right;
for the integer program it is the saving of that one unit only (the function need not be
convex), and a ceiling whose re-solve is not proven within the time limit has no price (NaN).
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.model.budget import resolve_lines
from capex.model.cashflow import unplanned_flows
from capex.model.limits import check_solver_controls
from capex.model.portfolio import Portfolio
from capex.model.profiles import get_profile
from capex.model.provenance import Provenance, solved_record
from capex.solvers import _lines_mip
from capex.solvers._cpsat import new_solver, run
from capex.solvers._flow import NO_CEILING, GroupPlan, Network, disaggregate
from capex.solvers._spread_problem import SpreadProblem
from capex.solvers._stopping import TimeCap, time_cap_notes
from capex.solvers.ceiling_notes import ceiling_notes
from capex.solvers.hall import interval_demand, least_flat_ceiling, plan_demand, shortfalls
from capex.solvers.result import Deferred, SpreadResult, Status
from capex.terms import Message, phrase

__all__ = ["SECONDARY_AIMS", "SpreadResult", "min_flat_ceiling", "spread"]

SECONDARY_AIMS = (None, "smooth", "peak")
"""``"smooth"``: least sum of year-to-year changes of the annual total; ``"peak"``: lowest
highest annual total; both among the plans of least L1 distance."""

METHOD = "min-cost flow (aggregated, exact)"


def spread(
    portfolio: Portfolio,
    ceilings: Any = None,
    profile: Any = "uniform",
    *,
    secondary: str | None = None,
    time_limit: float | None = None,
    seed: int = 0,
    num_workers: int = 1,
    log: bool = False,
) -> SpreadResult:
    """Spread each project's plan investment over its plan years under annual ceilings.

    Parameters
    ----------
    portfolio
        The projects.
    ceilings
        Annual ceilings in 亿元: ``{2021: 10.0, ...}`` (a year absent or ``None`` has no
        ceiling), one number for every plan year, a :class:`~capex.model.budget.BudgetLine` or a list
        of them (nested, disjoint or overlapping), or ``None`` for the portfolio's own budget
        lines (none: no ceiling).
    profile
        Spend profile the plan stays close to (a name such as ``"uniform"``, ``"front"``,
        ``"s-curve(a=2, b=4)"``, or a :class:`~capex.model.profiles.Profile`); a project's
        ``profile`` column overrides it.
    secondary
        ``None``, ``"smooth"`` or ``"peak"``: an aim pursued among the plans of least L1
        distance, on the aggregated problem with CP-SAT.
    time_limit
        A safety cap in seconds on the solvers' time: the integer program of overlapping
        lines and the secondary aim's CP-SAT search (``None``: none; the min-cost flow needs
        none). The integer program runs until proven and the secondary aim within a work
        budget sized to the problem, so the plan is the same on any machine; when the cap
        stops a search, ``messages`` says so.
    seed, num_workers, log
        Passed to HiGHS (seed, log) and CP-SAT (whose workers search interleaved, so the
        answer does not depend on timing); the flow is deterministic.

    Returns
    -------
    SpreadResult
        Status ``"optimal"`` (or ``"feasible"`` when a time limit stopped the proof),
        ``"infeasible"`` with the least extra budget and the reasons, or ``"unknown"`` when a
        time limit passed before any plan; the schedule in integers of the minor unit
        (``to_frame()``) and in the display unit (``schedule``); shadow prices of the
        ceilings: how much less money moves for one more unit of ceiling in a year; the plan
        period; ``full_window()`` adds the cash flow's years before and after the plan period.

    Examples
    --------
    A finance officer's three lines:

    >>> import capex
    >>> p = capex.load_projects()
    >>> r = capex.spread(p, ceilings={2021: 11.0, 2022: 10.0, 2023: 10.0, 2024: 10.0, 2025: 9.0})
    >>> r.schedule.shape                 # 亿元, index project id, columns 2021-2025
    (35, 5)
    >>> r.status, float(r.annual.loc[2021, "total"])  # the profile wants 11.5635 in 2021
    (<Status.OPTIMAL: 'optimal'>, 11.0)
    >>> (r.to_frame().sum(axis=1) == p.frame["plan_minor"]).all()   # rows exact, in 万元
    np.True_

    A cap per street beside a cap on government-funded projects (they overlap):

    >>> lines = [
    ...     capex.BudgetLine("east lake", {2021: 0.6}, {"street": "东湖街道"}),
    ...     capex.BudgetLine("government", {2021: 10.5}, {"government_investment": True}),
    ... ]
    >>> r = capex.spread(p, lines)
    >>> r.status, r.method
    (<Status.OPTIMAL: 'optimal'>, 'integer program (HiGHS, aggregated, exact)')
    >>> r.line_totals_minor[2021].tolist()
    [6000, 105000]
    """
    started = time.perf_counter()
    if secondary not in SECONDARY_AIMS:
        raise CapexError(
            phrase(
                "err_solver_unknown_secondary",
                secondary=repr(secondary),
                aims=", ".join(repr(a) for a in SECONDARY_AIMS),
            )
        )
    time_limit, seed, num_workers = check_solver_controls(time_limit, seed, num_workers)
    profile = get_profile(profile)
    lines = resolve_lines(portfolio, ceilings)
    problem = SpreadProblem.build(portfolio, lines, profile)
    groups = problem.groups
    controls = _lines_mip.MipControls(time_limit, seed, log)
    solver = _Solver(problem, controls)

    plan = solver.spread_plan()
    messages: list[str] = ceiling_notes(portfolio, lines)
    found = plan is not None
    if plan is None:
        messages.append(phrase("spread_no_plan_in_time"))
        plan = GroupPlan("unknown", groups.target.copy(), 0, np.zeros_like(groups.target), 0.0)
    load = groups.loads(plan.amounts)
    capped = problem.capacity != NO_CEILING
    line_extra = np.where(capped & found, np.maximum(load - problem.capacity, 0), 0)
    year_extra = plan.unfunded.sum(axis=0)
    infeasible = bool(year_extra.any())
    capacity = np.where(capped, problem.capacity + line_extra, NO_CEILING)
    amounts = plan.amounts
    status = Status(plan.status)
    if infeasible:
        status = Status.INFEASIBLE
    elif status is Status.FEASIBLE:
        messages.append(phrase("spread_not_proven"))

    if secondary is not None and found and len(groups.amount):
        better = _secondary_aim(
            problem, capacity, plan.moved, secondary, controls.cap, seed, num_workers, log
        )
        if better is None:
            messages.append(phrase("spread_secondary_no_plan", aim=secondary))
            status = status if infeasible else Status.FEASIBLE
        else:
            amounts, proven = better
            if not proven:
                messages.append(phrase("spread_secondary_not_proven", aim=secondary))
                status = status if infeasible else Status.FEASIBLE

    unit_amounts = disaggregate(groups, problem.unit_target, amounts)
    schedule = problem.per_project(unit_amounts)
    shadow = np.zeros(capacity.shape)
    if found:
        shadow, notes = _shadow_prices(solver, capacity, plan, load, infeasible)
        messages += notes

    if infeasible:
        messages = _explain_infeasible(problem, line_extra, year_extra) + messages
    messages += time_cap_notes([controls.cap])
    provenance = solved_record(portfolio, "spread", seed=seed, profile=profile.name, secondary=secondary, time_limit=time_limit, num_workers=num_workers)  # fmt: skip
    return _result(
        portfolio,
        problem,
        schedule,
        unit_amounts,
        _Solved(status, plan, line_extra, year_extra, shadow, load),
        messages,
        runtime=time.perf_counter() - started,
        profile_name=profile.name,
        method=solver.method + ("" if secondary is None else f", then CP-SAT for {secondary!r}"),
        # the money outside the plan period: as heavy as the plan, and computed when read
        unplanned=Deferred(functools.partial(unplanned_flows, portfolio, profile)),
        provenance=provenance,
    )


def min_flat_ceiling(portfolio: Portfolio) -> float:
    """The lowest single annual ceiling under which the plan fits (display unit, exact).

    A spread fits a flat ceiling ``c`` exactly when, for every interval of plan years, the
    projects whose plan years lie inside it need no more than ``c`` times its length (Hall's
    condition, :mod:`capex.solvers.hall`), so the answer is the largest ``ceil(demand / length)`` over
    the intervals. The profile only says where money is aimed, not where it can go, so it
    plays no part.

    >>> import capex
    >>> capex.solvers.spread.min_flat_ceiling(capex.load_projects())
    9.678
    """
    return float(portfolio.money.to_decimal(least_flat_ceiling(plan_demand(portfolio))))


# ---------------------------------------------------------------------------------------
# solving: the flow where the lines nest, the integer program where they overlap
# ---------------------------------------------------------------------------------------
class _Solver:
    """Solves the aggregated problem of one spread, again with other ceilings when asked."""

    def __init__(self, problem: SpreadProblem, controls: _lines_mip.MipControls) -> None:
        self.problem = problem
        self.controls = controls
        self.tree = problem.tree()
        self.method = METHOD if self.tree is not None else _lines_mip.METHOD

    def spread_plan(self) -> GroupPlan | None:
        """The least extra budget, then the least money moved; ``None``: nothing in time."""
        problem = self.problem
        if self.tree is not None:
            parent, leaf = self.tree
            return Network(problem.groups, leaf, problem.capacity, parent).solve()
        return _lines_mip.spread_plan(problem.groups, problem.capacity, self.controls).plan

    def least_moved(self, capacity: np.ndarray, start: GroupPlan) -> int | None:
        """The least money moved under ``capacity`` as hard ceilings, or ``None`` when no
        plan is proven best in time; ``start`` is a plan that meets them."""
        groups = self.problem.groups
        if self.tree is not None:
            parent, leaf = self.tree
            again = Network(groups, leaf, capacity, parent, unfunded=False).solve()
            return None if again is None else again.moved
        outcome = _lines_mip.least_moved(groups, capacity, self.controls, start=start)
        return outcome.plan.moved if outcome.status == "optimal" else None

    def savings(
        self, capacity: np.ndarray, least: int, plan: GroupPlan, load: np.ndarray
    ) -> np.ndarray:
        """Per line and year: what one more minor unit of ceiling saves of the ``least`` money moved
        under ``capacity`` (reached by ``plan``, with line loads ``load``); NaN: unproven.

        For the flow a ceiling that does not bind saves nothing (the moved money is convex in
        it) and each binding one is solved again; the integer program screens every capped
        ceiling with its linear relaxation (:func:`capex.solvers._lines_mip.marginal_savings`).
        """
        capped = capacity != NO_CEILING
        if self.tree is None:
            groups = self.problem.groups
            return _lines_mip.marginal_savings(groups, capacity, least, plan, capped, self.controls)
        out = np.zeros(capacity.shape)
        for line, year in zip(*np.nonzero(capped & (load >= capacity))):
            raised = capacity.copy()
            raised[line, year] += 1
            fewest = self.least_moved(raised, plan)
            out[line, year] = np.nan if fewest is None else least - fewest
        return out


def _shadow_prices(
    solver: _Solver, capacity: np.ndarray, plan: GroupPlan, load: np.ndarray, infeasible: bool
) -> tuple[np.ndarray, list[str]]:
    """Per line and year: money moved saved by one more minor unit of ceiling, and any caveat.

    For an infeasible plan, at the ceilings raised by the extra budget (see the module
    docstring).
    """
    prices = np.zeros(capacity.shape)
    if plan.status != "optimal":
        prices[capacity != NO_CEILING] = np.nan
        return prices, ["shadow prices need a plan proven best; none are given"]
    least = solver.least_moved(capacity, plan) if infeasible else plan.moved
    if least is None:
        prices[capacity != NO_CEILING] = np.nan
    elif least > 0:
        prices = solver.savings(capacity, least, plan, load)
    unproven = int(np.isnan(prices).sum())
    if unproven:
        return prices, [
            f"{unproven} shadow price(s) could not be proven within the time limit; they are NaN"
        ]
    return prices, []


# ---------------------------------------------------------------------------------------
# the secondary aim
# ---------------------------------------------------------------------------------------
SECONDARY_WORK_BASE = 2.0
SECONDARY_WORK_PER_CELL = 0.01
"""The secondary aim's budget of CP-SAT deterministic time: this much, and this much more per
group-year of the aggregated problem (its size)."""


def secondary_work(cells: int) -> float:
    """The secondary aim's work budget for an aggregated problem of ``cells`` group-years."""
    return SECONDARY_WORK_BASE + SECONDARY_WORK_PER_CELL * cells


def _secondary_aim(
    problem: SpreadProblem,
    capacity: np.ndarray,
    moved: int,
    aim: str,
    cap: TimeCap,
    seed: int,
    num_workers: int,
    log: bool,
) -> tuple[np.ndarray, bool] | None:
    """Among group plans moving ``moved`` at most, the smoothest or lowest-peak one (CP-SAT,
    within :func:`secondary_work`)."""
    from ortools.sat.python import cp_model

    groups = problem.groups
    n_groups, n_years = groups.target.shape
    chain = problem.groups.lines
    model = cp_model.CpModel()
    x: dict[tuple[int, int], Any] = {}
    above = []
    for g in range(n_groups):
        amount = int(groups.amount[g])
        years = range(int(groups.lo[g]), int(groups.hi[g]) + 1)
        for y in years:
            x[g, y] = model.new_int_var(0, amount, f"x_{g}_{y}")
            over = model.new_int_var(0, amount, f"over_{g}_{y}")
            model.add(over >= x[g, y] - int(groups.target[g, y]))
            above.append(over)
        model.add(sum(x[g, y] for y in years) == amount)
    model.add(sum(above) <= moved)
    for line, year in zip(*np.nonzero(capacity != NO_CEILING)):
        members = [x[g, int(year)] for g in np.flatnonzero(chain[:, line]) if (g, int(year)) in x]
        if members:
            model.add(sum(members) <= int(capacity[line, year]))
    total_all = int(groups.amount.sum())
    totals = []
    for y in range(n_years):
        total = model.new_int_var(0, total_all, f"total_{y}")
        model.add(total == sum(var for (g, year), var in x.items() if year == y))
        totals.append(total)
    if aim == "peak":
        peak = model.new_int_var(0, total_all, "peak")
        for total in totals:
            model.add(total <= peak)
        model.minimize(peak)
    else:
        steps = []
        for y in range(1, n_years):
            step = model.new_int_var(0, total_all, f"step_{y}")
            model.add_abs_equality(step, totals[y] - totals[y - 1])
            steps.append(step)
        model.minimize(sum(steps))
    solver = new_solver(seed, num_workers, log, cap, work=secondary_work(len(x)))
    status = run(solver, model, cap)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    amounts = np.zeros((n_groups, n_years), dtype=np.int64)
    for (g, y), var in x.items():
        amounts[g, y] = solver.value(var)
    return amounts, status == cp_model.OPTIMAL


# ---------------------------------------------------------------------------------------
# explanations
# ---------------------------------------------------------------------------------------
def _explain_infeasible(
    problem: SpreadProblem, line_extra: np.ndarray, year_extra: np.ndarray
) -> list[str]:
    """Sentences: the most violated interval of years per line, and the least extra budget."""
    money = problem.money
    first = problem.first_year
    n_years = problem.n_years
    messages = []
    several = len(problem.lines) > 1
    for k, line in enumerate(problem.lines):
        caps = problem.capacity[k]
        inside = problem.unit_lines[:, k]
        demand = interval_demand(
            problem.unit_lo[inside], problem.unit_hi[inside], problem.unit_amount[inside], n_years
        )
        gaps = shortfalls(demand, caps, caps != NO_CEILING)
        if not gaps:
            continue
        worst = max(gaps, key=lambda gap: gap.short)
        a, b = worst.first, worst.last
        who = inside & (problem.unit_lo >= a) & (problem.unit_hi <= b)
        ids = _unit_ids(problem, who)
        years = f"{first + a}" if a == b else f"{first + a}-{first + b}"
        where = phrase("spread_short_on_line", line=line.name, years=years) if several else years
        messages.append(
            phrase(
                "spread_short_one_year" if a == b else "spread_short_years",
                where=where,
                noun=phrase("project" if len(ids) == 1 else "projects"),
                ids=_id_text(ids),
                demand=money.format(worst.demand),
                allowed=money.format(worst.allowed),
            )
        )
    over = [problem.lines[k].name for k in np.flatnonzero(line_extra.any(axis=1))]
    if not messages:
        names = ", ".join(repr(name) for name in over)
        messages.append(phrase("spread_lines_together", lines=names))
    needed = ", ".join(
        f"{first + y}: +{money.format(int(v))}" for y, v in enumerate(year_extra) if v > 0
    )
    by_line: Message | str = ""
    if several:
        lines = "; ".join(
            f"{problem.lines[k].name!r} "
            + ", ".join(f"{first + y}: +{money.format(int(v))}" for y, v in enumerate(row) if v > 0)
            for k, row in enumerate(line_extra)
            if row.any()
        )
        by_line = phrase("spread_extra_by_line", lines=lines)
    total = money.format(int(year_extra.sum()))
    messages.append(phrase("spread_least_extra", needed=needed, total=total, by_line=by_line))
    return messages


def _unit_ids(problem: SpreadProblem, units: np.ndarray) -> pd.Index:
    """Ids of the projects the selected units belong to, in table order."""
    chosen = np.zeros(len(problem.ids), dtype=bool)
    chosen[problem.unit_project[units]] = True
    return problem.ids[chosen]


def _id_text(ids: pd.Index, limit: int = 12) -> str:
    """``1-8, 10, 12`` for integer ids (runs collapsed), else a comma list; long lists cut."""
    if pd.api.types.is_integer_dtype(ids.dtype):
        values = np.sort(ids.to_numpy(dtype=np.int64))
        breaks = np.flatnonzero(np.diff(values) != 1) + 1
        starts = np.concatenate([[0], breaks])[: limit + 1]
        ends = np.concatenate([breaks, [len(values)]])[: limit + 1] - 1
        parts = [
            f"{values[a]}" if a == b else f"{values[a]}-{values[b]}" for a, b in zip(starts, ends)
        ]
        n_parts = len(breaks) + 1
    else:
        parts = [str(i) for i in ids[: limit + 1]]
        n_parts = len(ids)
    if n_parts > limit:
        return ", ".join(parts[:limit]) + f" and {n_parts - limit} more ({len(ids)} in all)"
    return ", ".join(parts)


# ---------------------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------------------
@dataclass
class _Solved:
    """What the solve gave, per line (L, Y) and year (Y,), before it becomes a result."""

    status: Status
    plan: GroupPlan
    line_extra: np.ndarray  # (L, Y) how far each line's load exceeds its ceiling
    year_extra: np.ndarray  # (Y,) money beyond the ceilings, each unit once
    shadow: np.ndarray  # (L, Y)
    load: np.ndarray  # (L, Y) what the plan draws on each line


def _result(
    portfolio: Portfolio,
    problem: SpreadProblem,
    schedule: np.ndarray,
    unit_amounts: np.ndarray,
    solved: _Solved,
    messages: list[str],
    *,
    runtime: float,
    profile_name: str,
    method: str,
    unplanned: pd.DataFrame | Deferred,
    provenance: Provenance | None = None,
) -> SpreadResult:
    first = problem.first_year
    years = pd.Index(range(first, first + problem.n_years), name="year")
    ids = portfolio.ids
    target = problem.per_project(problem.unit_target)
    main = problem.all_projects_line()
    lines = problem.lines
    shadow, extra = solved.shadow, solved.line_extra
    if main >= 0:
        caps = problem.capacity[main]
        ceilings = pd.Series(
            caps[caps != NO_CEILING], index=years[caps != NO_CEILING], dtype=np.int64
        )
        prices = shadow[main]
    else:
        ceilings = pd.Series(dtype=np.int64, index=pd.Index([], name="year", dtype=np.int64))
        prices = shadow.max(axis=0) if len(lines) else np.zeros(problem.n_years)
    options: dict[str, Any] = {}
    if len(lines) > 1 or (len(lines) == 1 and main < 0):
        names = pd.Index([line.name for line in lines], name="line")
        options["line_ceilings_minor"] = pd.DataFrame(
            np.where(problem.capacity == NO_CEILING, np.nan, problem.capacity),
            index=names,
            columns=years,
        ).astype("Int64")
        # what each line's projects (or its shares of them) spend, read off the plan itself
        spent = problem.unit_lines.T.astype(np.int64) @ unit_amounts
        options["line_totals_minor"] = pd.DataFrame(spent, index=names, columns=years)
        options["line_extra_budget_minor"] = pd.DataFrame(extra, index=names, columns=years)
        options["line_shadow_prices"] = pd.DataFrame(shadow, index=names, columns=years)
        options["plan_line"] = lines[main].name if main >= 0 else None
    if problem.has_shares:
        is_part = np.isin(problem.unit_project, problem.unit_project[problem.unit_line >= 0])
        labels = [lines[k].name if k >= 0 else "(rest)" for k in problem.unit_line[is_part]]
        index = pd.MultiIndex.from_arrays(
            [ids[problem.unit_project[is_part]], labels], names=["id", "line"]
        )
        options["parts_minor"] = pd.DataFrame(
            unit_amounts[is_part], index=index, columns=years
        ).sort_index()
    per = float(portfolio.money.per())  # minor units in one display unit
    return SpreadResult(
        status=solved.status,
        # the result's own arrays, made for it: framed without another copy
        schedule_minor=pd.DataFrame(schedule, index=ids, columns=years, copy=False),
        names=pd.Series(portfolio.column("name"), index=ids, name="name"),
        ceilings_minor=ceilings,
        objective=solved.plan.moved / per,
        bound=solved.plan.bound / per,
        runtime=runtime,
        method=method,
        profile=profile_name,
        extra_budget_minor=pd.Series(
            solved.year_extra.astype(np.int64), index=years, name="extra_budget"
        ),
        shadow_prices=pd.Series(prices.astype(float), index=years, name="shadow_price"),
        messages=tuple(messages),
        target_minor=pd.DataFrame(target, index=ids, columns=years, copy=False),
        unplanned_minor=unplanned,
        provenance=provenance,
        plan_period=portfolio.plan_period,
        money=portfolio.money,
        sources=portfolio.sources,
        fiscal_year=portfolio.fiscal_year,
        **options,
    )
