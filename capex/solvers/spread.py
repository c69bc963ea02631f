"""Spread the plan-period investment over the years under annual ceilings, exactly.

:func:`spread` finds integer amounts ``x[i, y] >= 0`` (万元) over the plan years of each
project's window, each row summing exactly to the project's plan investment, each year's
total within its ceiling on every budget line, and as close to the spend profile as
possible: it minimises the **L1 distance** ``sum |x[i, y] - t[i, y]|`` to the profile target
``t`` (:func:`capex.cashflow.plan_targets`).

Why L1: it is linear, so the problem is a min-cost flow whose optimum is integral (rows exact
and ceilings held with no rounding step); it reads as money moved away from its planned year
(the objective reported is that amount, half the L1 distance, in 亿元); and it moves money
only where a ceiling binds, where a squared (L2) distance would spread small changes over
every project.

How: projects with the same plan-year interval and the same budget lines are aggregated,
the small aggregated flow is solved with OR-Tools' ``SimpleMinCostFlow`` and the group
amounts are split back onto projects exactly, keeping the optimum (see
:mod:`capex.solvers._flow`). Everything else is array arithmetic, so the call is ``O(n)`` in
the number of projects.

Infeasible ceilings are explained, never thrown: the result has status ``"infeasible"``,
the least extra budget per year that makes the plan fit (``extra_budget``), a schedule that
fits the raised ceilings, and sentences naming the years and projects that cannot fit (by
Hall's condition: since each project's plan years form an interval, checking intervals of
years suffices).

Budget lines (:mod:`capex.budget`) must form a laminar family: any two lines are nested or
disjoint in the projects (or funded parts) they cover. Overlapping lines raise a
:class:`~capex.budget.BudgetError` naming them; split one of them so that they nest.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from capex.budget import BudgetError, BudgetLine, as_budget_lines
from capex.cashflow import plan_target_matrix, unplanned_flows
from capex.ceiling_notes import ceiling_notes
from capex.errors import CapexError
from capex.limits import check_solver_controls
from capex.money import WAN, Money
from capex.portfolio import Portfolio
from capex.profiles import get_profile, largest_remainder
from capex.result import SpreadResult, Status, plan_wide
from capex.solvers._flow import NO_CEILING, Groups, Network, disaggregate, make_groups

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
        ceiling), one number for every plan year, a :class:`~capex.budget.BudgetLine` or a list
        of them, or ``None`` for the portfolio's own budget lines (none: no ceiling).
    profile
        Spend profile the plan stays close to (a name such as ``"uniform"``, ``"front"``,
        ``"s-curve(a=2, b=4)"``, or a :class:`~capex.profiles.Profile`); a project's
        ``profile`` column overrides it.
    secondary
        ``None``, ``"smooth"`` or ``"peak"``: an aim pursued among the plans of least L1
        distance, on the aggregated problem with CP-SAT.
    time_limit
        Seconds for the secondary aim's CP-SAT search (the flow itself has no limit).
    seed, num_workers, log
        Passed to CP-SAT for the secondary aim; the flow is deterministic.

    Returns
    -------
    SpreadResult
        Status ``"optimal"`` (or ``"feasible"`` when a secondary aim was not proven within the
        time limit) or ``"infeasible"`` with the extra budget per year and the reasons; the
        schedule in integer 万元 (``to_frame()``) and in 亿元 (``schedule``); shadow prices of
        the ceilings: how many 亿元 less would be moved for one more 亿元 of ceiling in a year.
        ``full_window()`` adds the cash flow's years before and after the plan period.

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
    """
    started = time.perf_counter()
    if secondary not in SECONDARY_AIMS:
        raise CapexError(f"unknown secondary aim {secondary!r}; use one of {SECONDARY_AIMS}")
    time_limit, seed, num_workers = check_solver_controls(time_limit, seed, num_workers)
    profile = get_profile(profile)
    lines = resolve_lines(portfolio, ceilings)
    problem = _Problem.build(portfolio, lines, profile)
    groups = problem.groups

    solution = Network(groups, problem.capacity, problem.parent).solve()
    extra = solution.extra
    infeasible = bool(extra.any())
    capacity = np.where(problem.capacity == NO_CEILING, NO_CEILING, problem.capacity + extra)
    amounts = solution.amounts
    moved = solution.moved
    status = Status.INFEASIBLE if infeasible else Status.OPTIMAL
    messages: list[str] = ceiling_notes(portfolio, lines)

    if secondary is not None and len(groups.amount):
        better = _secondary_aim(
            problem, capacity, moved, secondary, time_limit, seed, num_workers, log
        )
        if better is None:
            messages.append(
                f"the secondary aim {secondary!r} found no plan within the time limit; the plan ignores it"
            )
            status = status if infeasible else Status.FEASIBLE
        else:
            amounts, proven = better
            if not proven:
                messages.append(
                    f"the secondary aim {secondary!r} is not proven best within the time limit"
                )
                status = status if infeasible else Status.FEASIBLE

    unit_amounts = disaggregate(groups, problem.unit_target, amounts)
    schedule = np.zeros((len(portfolio), problem.n_years), dtype=np.int64)
    np.add.at(schedule, problem.unit_project, unit_amounts)
    shadow = _shadow_prices(problem, capacity, moved, solution.line_load)

    if infeasible:
        messages = _explain_infeasible(problem, extra) + messages
    unplanned = unplanned_flows(portfolio, profile)
    result = _result(
        portfolio,
        problem,
        schedule,
        unit_amounts,
        status,
        moved,
        extra,
        shadow,
        solution.line_load,
        messages,
        runtime=time.perf_counter() - started,
        profile_name=profile.name,
        secondary=secondary,
        unplanned=unplanned,
    )
    return result


def min_flat_ceiling(portfolio: Portfolio, profile: Any = None) -> float:
    """The lowest single annual ceiling (亿元, exact to the 万元) under which the plan fits.

    A spread fits a flat ceiling ``c`` exactly when, for every interval of plan years, the
    projects whose plan years lie inside it need no more than ``c`` times its length (Hall's
    condition), so the answer is the largest ``ceil(demand / length)`` over the intervals.
    The profile does not change where money *can* go, only where it is aimed, so it does not
    change the answer; the argument is accepted for symmetry with :func:`spread`.

    >>> import capex
    >>> capex.min_flat_ceiling(capex.load_projects())
    9.678
    """
    if profile is not None:
        get_profile(profile)  # still report a bad profile
    first, last = portfolio.plan_period
    n_years = last - first + 1
    lo, hi, amount = _plan_intervals(portfolio)
    demand = _interval_demand(lo, hi, amount, n_years)
    length = np.arange(n_years)[None, :] - np.arange(n_years)[:, None] + 1
    need = np.where(length > 0, -(-demand // np.maximum(length, 1)), 0)
    return float(portfolio.money.to_decimal(int(need.max(initial=0))))


def resolve_lines(
    portfolio: Portfolio, ceilings: Any, *, any_year: bool = False
) -> tuple[BudgetLine, ...]:
    """The budget lines meant by ``ceilings`` (see :func:`spread`), checked against the plan.

    A spread places money in the plan years only, so a ceiling for another year is an error;
    the deferral optimiser moves whole cash flows and takes ceilings for any year
    (``any_year=True``). A single number is a ceiling for every plan year either way.
    """
    first, last = portfolio.plan_period
    if ceilings is None:
        lines = tuple(portfolio.budget_lines)
    elif isinstance(ceilings, Real) and not isinstance(ceilings, bool):
        lines = (BudgetLine("ceiling", {year: ceilings for year in range(first, last + 1)}),)
    else:
        lines = as_budget_lines(ceilings)
    for line in lines:
        outside = sorted(y for y in line.ceilings if not first <= y <= last)
        if outside and not any_year:
            raise BudgetError(
                f"budget line {line.name!r} has a ceiling for {outside[0]}, outside the plan period {first}-{last}"
            )
    return lines


# ---------------------------------------------------------------------------------------
# the problem as arrays
# ---------------------------------------------------------------------------------------
@dataclass
class _Problem:
    """Units, their targets and budget lines, as arrays; see :mod:`capex.solvers._flow`."""

    lines: tuple[BudgetLine, ...]
    ids: pd.Index
    first_year: int
    n_years: int
    unit_project: np.ndarray  # (U,) project position
    unit_line: np.ndarray  # (U,) funding line of a part (-1: a whole project or the rest)
    unit_amount: np.ndarray  # (U,)
    unit_target: np.ndarray  # (U, Y)
    unit_lo: np.ndarray
    unit_hi: np.ndarray
    unit_chain: np.ndarray  # (U, L) bool: lines the unit counts against
    capacity: np.ndarray  # (L, Y)
    parent: np.ndarray  # (L,)
    groups: Groups
    has_shares: bool
    money: Money = WAN

    @classmethod
    def build(cls, portfolio: Portfolio, lines: tuple[BudgetLine, ...], profile: Any) -> _Problem:
        first, last = portfolio.plan_period
        n_years = last - first + 1
        plan = portfolio.column("plan_minor").astype(np.int64)
        target = plan_target_matrix(portfolio, profile)
        lo_all = np.maximum(portfolio.column("start_year").astype(np.int64), first) - first
        hi_all = np.minimum(portfolio.column("end_year").astype(np.int64), last) - first
        frame = portfolio.frame if lines else None
        n_lines = len(lines)

        rule_mask = np.zeros((len(plan), n_lines), dtype=bool)
        share = np.zeros((len(plan), n_lines))
        for k, line in enumerate(lines):
            if line.is_shared:
                share[:, k] = line.share_array(frame)
            else:
                rule_mask[:, k] = line.members(frame)
        shared_lines = np.array([line.is_shared for line in lines], dtype=bool)
        funded = share.sum(axis=1)
        if np.any(funded > 1 + 1e-9):
            bad = int(np.flatnonzero(funded > 1 + 1e-9)[0])
            raise BudgetError(
                f"the shares of project {portfolio.ids[bad]} add up to {funded[bad]:g}, above 1"
            )

        whole = np.flatnonzero((plan > 0) & (funded == 0))
        unit_project = [whole]
        unit_line = [np.full(len(whole), -1)]
        unit_amount = [plan[whole]]
        unit_target = [target[whole]]
        split = np.flatnonzero((plan > 0) & (funded > 0))
        if len(split):
            # each shared project becomes one part per funding line and one for the rest
            weights = np.concatenate(
                [share[split], np.clip(1 - funded[split], 0, None)[:, None]], axis=1
            )
            parts = largest_remainder(plan[split], weights)
            part_line = np.where(np.arange(n_lines + 1) < n_lines, np.arange(n_lines + 1), -1)
            rows, cols = np.nonzero(parts)
            projects = split[rows]
            amounts = parts[rows, cols]
            year_weights = target[projects] / plan[projects][:, None]
            unit_project.append(projects)
            unit_line.append(part_line[cols])
            unit_amount.append(amounts)
            unit_target.append(
                np.vstack(
                    [largest_remainder(np.array([a]), w) for a, w in zip(amounts, year_weights)]
                )
            )
        unit_project_a = np.concatenate(unit_project)
        unit_line_a = np.concatenate(unit_line).astype(np.int64)
        chain = rule_mask[unit_project_a].copy()
        if len(split):
            chain[:, shared_lines] = False
            is_part = unit_line_a >= 0
            chain[np.flatnonzero(is_part), unit_line_a[is_part]] = True

        parent, rank = _line_tree(lines, chain)
        leaf = _leaf(chain, rank)
        capacity = np.full((n_lines, n_years), NO_CEILING, dtype=np.int64)
        for k, line in enumerate(lines):
            for year, cap in line.ceilings_minor(portfolio.money).items():
                capacity[k, year - first] = cap
        unit_lo = lo_all[unit_project_a]
        unit_hi = hi_all[unit_project_a]
        unit_amount_a = np.concatenate(unit_amount).astype(np.int64)
        unit_target_a = (
            np.concatenate(unit_target).astype(np.int64)
            if unit_target
            else np.zeros((0, n_years), np.int64)
        )
        groups = make_groups(unit_lo, unit_hi, leaf, unit_amount_a, unit_target_a)
        return cls(
            lines,
            portfolio.ids,
            first,
            n_years,
            unit_project_a,
            unit_line_a,
            unit_amount_a,
            unit_target_a,
            unit_lo,
            unit_hi,
            chain,
            capacity,
            parent,
            groups,
            bool(len(split)),
            portfolio.money,
        )

    def group_chain(self) -> np.ndarray:
        """(G, L) bool: the lines each group counts against (its leaf and their ancestors)."""
        leaf = self.groups.leaf
        chain = np.zeros((len(leaf), len(self.lines)), dtype=bool)
        for g, line in enumerate(leaf.tolist()):
            while line >= 0:
                chain[g, line] = True
                line = int(self.parent[line])
        return chain

    def all_projects_line(self) -> int:
        """Index of the first line over every project in full, or -1."""
        for k, line in enumerate(self.lines):
            if not line.is_shared and self.unit_chain[:, k].all():
                return k
        return -1


def _line_tree(lines: Sequence[BudgetLine], chain: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Parent of each line in the laminar family, and each line's rank (inner lines first).

    Raises :class:`BudgetError` naming two lines that overlap without nesting.
    """
    n = len(lines)
    counts = chain.sum(axis=0)
    order = sorted(range(n), key=lambda k: (counts[k], k))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = chain[:, i], chain[:, j]
            both = a & b
            if both.any() and (a & ~b).any() and (b & ~a).any():
                raise BudgetError(
                    f"budget lines {lines[i].name!r} and {lines[j].name!r} overlap without one containing "
                    "the other (they share some projects but not all); capex needs nested or disjoint "
                    "lines: split one of them"
                )
    parent = np.full(n, -1, dtype=np.int64)
    for position, k in enumerate(order):
        inside = chain[:, k]
        for other in order[position + 1 :]:
            if (~inside | chain[:, other]).all():
                parent[k] = other
                break
    return parent, rank


def _leaf(chain: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """The innermost line of each unit (-1 when it draws on none)."""
    if chain.shape[1] == 0:
        return np.full(chain.shape[0], -1, dtype=np.int64)
    by_rank = np.argsort(rank)
    ranked = chain[:, by_rank]
    has = ranked.any(axis=1)
    return np.where(has, by_rank[np.argmax(ranked, axis=1)], -1).astype(np.int64)


# ---------------------------------------------------------------------------------------
# shadow prices, secondary aims, explanations
# ---------------------------------------------------------------------------------------
def _shadow_prices(
    problem: _Problem, capacity: np.ndarray, moved: int, load: np.ndarray
) -> np.ndarray:
    """Per line and year: money moved saved by one more 万元 of ceiling (the right derivative).

    The optimal moved amount is a convex piecewise-linear function of a ceiling with integer
    breakpoints, so re-solving the tiny aggregated flow with the ceiling one 万元 higher gives
    the marginal value exactly. Years whose ceiling does not bind get zero without a solve.
    """
    prices = np.zeros(capacity.shape)
    binding = (capacity != NO_CEILING) & (load >= capacity)
    if moved == 0:
        return prices
    for line, year in zip(*np.nonzero(binding)):
        raised = capacity.copy()
        raised[line, year] += 1
        again = Network(problem.groups, raised, problem.parent, overflow=False).solve()
        prices[line, year] = moved - again.moved
    return prices


def _secondary_aim(
    problem: _Problem,
    capacity: np.ndarray,
    moved: int,
    aim: str,
    time_limit: float | None,
    seed: int,
    num_workers: int,
    log: bool,
) -> tuple[np.ndarray, bool] | None:
    """Among group plans moving ``moved`` 万元 at most, the smoothest or lowest-peak one (CP-SAT)."""
    from ortools.sat.python import cp_model

    groups = problem.groups
    n_groups, n_years = groups.target.shape
    chain = problem.group_chain()
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
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = int(seed)
    solver.parameters.num_workers = int(num_workers)
    solver.parameters.log_search_progress = bool(log)
    if time_limit is not None:
        solver.parameters.max_time_in_seconds = float(time_limit)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    amounts = np.zeros((n_groups, n_years), dtype=np.int64)
    for (g, y), var in x.items():
        amounts[g, y] = solver.value(var)
    return amounts, status == cp_model.OPTIMAL


def _plan_intervals(portfolio: Portfolio) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    first, last = portfolio.plan_period
    plan = portfolio.column("plan_minor").astype(np.int64)
    keep = plan > 0
    lo = np.maximum(portfolio.column("start_year").astype(np.int64), first)[keep] - first
    hi = np.minimum(portfolio.column("end_year").astype(np.int64), last)[keep] - first
    return lo, hi, plan[keep]


def _interval_demand(
    lo: np.ndarray, hi: np.ndarray, amount: np.ndarray, n_years: int
) -> np.ndarray:
    """``demand[a, b]``: the amount of units whose interval lies inside years ``a..b``."""
    cells = np.zeros((n_years, n_years), dtype=np.int64)
    np.add.at(cells, (lo, hi), amount)
    # sum over lo >= a (suffix along rows) and hi <= b (prefix along columns)
    return np.cumsum(np.cumsum(cells[::-1], axis=0)[::-1], axis=1)


def _explain_infeasible(problem: _Problem, extra: np.ndarray) -> list[str]:
    """Sentences: the most violated interval of years per line, and the least extra budget."""
    money = problem.money
    first = problem.first_year
    n_years = problem.n_years
    messages = []
    several = len(problem.lines) > 1
    for k, line in enumerate(problem.lines):
        caps = problem.capacity[k]
        inside = problem.unit_chain[:, k]
        demand = _interval_demand(
            problem.unit_lo[inside], problem.unit_hi[inside], problem.unit_amount[inside], n_years
        )
        capped = caps != NO_CEILING
        cap_sum = np.cumsum(np.where(capped, caps, 0))
        free = np.cumsum(~capped)
        best = None
        for a in range(n_years):
            for b in range(a, n_years):
                if free[b] - (free[a - 1] if a else 0) > 0:
                    continue
                allowed = int(cap_sum[b] - (cap_sum[a - 1] if a else 0))
                short = int(demand[a, b]) - allowed
                if short > 0 and (best is None or short > best[0]):
                    best = (short, a, b, int(demand[a, b]), allowed)
        if best is None:
            continue
        _, a, b, need, allowed = best
        who = inside & (problem.unit_lo >= a) & (problem.unit_hi <= b)
        ids = _unit_ids(problem, who)
        years = f"{first + a}" if a == b else f"{first + a}-{first + b}"
        prefix = f"budget line {line.name!r}, " if several else ""
        noun = "project" if len(ids) == 1 else "projects"
        messages.append(
            f"{prefix}{years}: {noun} {_id_text(ids)} must spend {money.format(need)} in "
            f"{'this year' if a == b else 'these years'}; the ceilings allow {money.format(allowed)}"
        )
    if not messages:
        messages.append("the budget lines cannot all be met together (nested ceilings conflict)")
    total_by_year = extra.sum(axis=0)
    needed = ", ".join(
        f"{first + y}: +{money.format(int(v))}" for y, v in enumerate(total_by_year) if v > 0
    )
    messages.append(
        f"least extra budget that makes the plan fit: {needed} (total {money.format(int(total_by_year.sum()))}); "
        "the schedule shown fits the ceilings raised by it"
    )
    return messages


def _unit_ids(problem: _Problem, units: np.ndarray) -> pd.Index:
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
def _result(
    portfolio: Portfolio,
    problem: _Problem,
    schedule: np.ndarray,
    unit_amounts: np.ndarray,
    status: Status,
    moved: int,
    extra: np.ndarray,
    shadow: np.ndarray,
    load: np.ndarray,
    messages: list[str],
    *,
    runtime: float,
    profile_name: str,
    secondary: str | None,
    unplanned: pd.DataFrame,
) -> SpreadResult:
    first = problem.first_year
    years = pd.Index(range(first, first + problem.n_years), name="year")
    ids = portfolio.ids
    target = np.zeros_like(schedule)
    np.add.at(target, problem.unit_project, problem.unit_target)
    main = problem.all_projects_line()
    lines = problem.lines
    if main >= 0:
        caps = problem.capacity[main]
        ceilings = pd.Series(
            caps[caps != NO_CEILING], index=years[caps != NO_CEILING], dtype=np.int64
        )
        prices = shadow[main]
    else:
        ceilings = pd.Series(dtype=np.int64, index=pd.Index([], name="year", dtype=np.int64))
        prices = shadow.max(axis=0) if len(lines) else np.zeros(problem.n_years)
    extra_by_year = plan_wide(extra, main) if len(lines) else np.zeros(problem.n_years, np.int64)
    options: dict[str, Any] = {}
    if len(lines) > 1 or (len(lines) == 1 and main < 0):
        names = pd.Index([line.name for line in lines], name="line")
        options["line_ceilings_minor"] = pd.DataFrame(
            np.where(problem.capacity == NO_CEILING, np.nan, problem.capacity),
            index=names,
            columns=years,
        ).astype("Int64")
        # what each line's projects (or its shares of them) spend, read off the plan itself
        spent = problem.unit_chain.T.astype(np.int64) @ unit_amounts
        options["line_totals_minor"] = pd.DataFrame(spent, index=names, columns=years)
        options["line_extra_budget_minor"] = pd.DataFrame(extra, index=names, columns=years)
        options["line_shadow_prices"] = pd.DataFrame(shadow, index=names, columns=years)
    if problem.has_shares:
        is_part = np.isin(problem.unit_project, problem.unit_project[problem.unit_line >= 0])
        labels = [lines[k].name if k >= 0 else "(rest)" for k in problem.unit_line[is_part]]
        index = pd.MultiIndex.from_arrays(
            [ids[problem.unit_project[is_part]], labels], names=["id", "line"]
        )
        options["parts_minor"] = pd.DataFrame(
            unit_amounts[is_part], index=index, columns=years
        ).sort_index()
    method = METHOD if secondary is None else f"{METHOD}, then CP-SAT for {secondary!r}"
    objective = moved / float(portfolio.money.per())
    return SpreadResult(
        status=status,
        schedule_minor=pd.DataFrame(schedule, index=ids, columns=years),
        names=pd.Series(portfolio.column("name"), index=ids, name="name"),
        ceilings_minor=ceilings,
        objective=objective,
        bound=objective,
        runtime=runtime,
        method=method,
        profile=profile_name,
        extra_budget_minor=pd.Series(
            extra_by_year.astype(np.int64), index=years, name="extra_budget"
        ),
        shadow_prices=pd.Series(prices.astype(float), index=years, name="shadow_price"),
        messages=tuple(messages),
        target_minor=pd.DataFrame(target, index=ids, columns=years),
        unplanned_minor=unplanned,
        plan_period=portfolio.plan_period,
        money=portfolio.money,
        **options,
    )
