"""The deferral optimiser: which projects to move, by how many whole years, to fit a cut budget.

:func:`shift` chooses a whole-year shift for every project so that the moved cash flows fit
every budget line's ceilings, honouring precedence ("must finish before ... starts"), fixed
projects (by default those already under way when the plan period starts) and per-project
limits. Each project's full-window cash flow (:func:`capex.cash_flow`) moves unchanged with
it, so money pushed past the plan period shows up after it. The model, its formulations and
solvers are described in :mod:`capex.solvers._shift_model`.

Objectives: ``"delay"`` (least priority-weighted years of delay, the default), ``"makespan"``
(the earliest finish of the whole programme: years from its first year as planned, or
earlier if a project moves earlier, to its latest end) and ``"peak"`` (the lowest highest annual total from the plan period's first year on).
A tie-break objective is then minimised among the optima (``tiebreak``; by default the peak
after delay, the delay after makespan or peak).

When no shift within the limits fits, the result says so (status ``"infeasible"``) and
solves a relaxation that lets each (line, year) go over its ceiling, minimising the total
overload: the years that stay over their ceilings, and by how much, even at the best allowed
delays (``overload``, ``extra_budget`` and ``messages``).

Measured on a 2-core machine (whole call with the default tie-break, HiGHS through
``highspy``, ``capex.synthetic.random_portfolio`` with seed 0; "every year" caps each plan
year at 90 % of its own unmoved total, "flat" caps every plan year at 85 % or 90 % of the
unmoved peak year), all proven optimal:

========  ================  ==========  ==========  ===================
projects  ceilings          shifts 0-3  shifts 0-2  before (a) 0-3 / 0-2
========  ================  ==========  ==========  ===================
1,000     every year -10 %  0.7 s       0.6 s       19.5 s / 21.9 s
1,000     flat 90 %         0.24 s      0.16 s      0.58 s / 0.48 s
1,000     flat 85 %         0.23 s      0.17 s      0.50 s / 0.43 s
10,000    every year -10 %  10.6 s      10.5 s      121 s / 121 s (b)
10,000    flat 90 %         1.4 s       --          15.8 s / --
10,000    flat 85 %         2.0 s       5.8 s       33.4 s / 31.2 s
========  ================  ==========  ==========  ===================

(a) The MathOpt model with an exact peak tie-break (the previous version).
(b) Time limit (120 s) reached in the peak tie-break; the delay was optimal.

Other seeds, 1,000 projects, every year -10 %: 0.5-0.75 s (shifts 0-3), 0.6 s and 4.0 s
(shifts 0-2, seed 1 is a hard one). Instances whose ceilings bind hard in every year are much
harder: the LP bound is within one unit of the optimum, yet proving it can take minutes.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from capex.budget import BudgetLine
from capex.cashflow import cash_flow
from capex.ceiling_notes import ceiling_notes
from capex.check import check_schedule
from capex.errors import CapexError
from capex.ids import resolve_ids
from capex.limits import MAX_YEARS, check_solver_controls, whole_number
from capex.portfolio import Portfolio
from capex.precedence import check_precedence, precedence_violations
from capex.provenance import recorded
from capex.result import ShiftResult, Status, plan_wide
from capex.solvers._shift_model import (
    NO_CEILING,
    OBJECTIVES,
    RawSolution,
    ShiftArrays,
    SolveControls,
    choose_solver,
    solve,
    solve_relaxation,
)
from capex.solvers.spread import resolve_lines

__all__ = ["DEFAULT_TIEBREAK", "ShiftResult", "shift"]

NO_TIME_LIMIT = 1e7
"""Seconds meant by ``time_limit=None`` (months: no practical limit)."""

DEFAULT_TIEBREAK = {"delay": "peak", "makespan": "delay", "peak": "delay"}
"""The objective that breaks ties among the optima of each objective."""

_STATUS = {
    "optimal": Status.OPTIMAL,
    "feasible": Status.FEASIBLE,
    "infeasible": Status.INFEASIBLE,
    "unknown": Status.UNKNOWN,
}


def shift(
    portfolio: Portfolio,
    ceilings: Any = None,
    max_delay: int | Mapping[Any, int] | pd.Series | None = 2,
    objective: str = "delay",
    *,
    allow_earlier: bool = False,
    fixed: Iterable[Any] | pd.Series | None = None,
    profile: Any = "uniform",
    respread: bool = False,
    tiebreak: str | None = "auto",
    time_limit: float | None = 10.0,
    seed: int = 0,
    num_workers: int = 1,
    log: bool = False,
    solver: str = "auto",
    unplaceable: str = "after",
) -> ShiftResult:
    """Choose a whole-year shift for each project so that the cash flows fit the ceilings.

    Parameters
    ----------
    portfolio
        The projects; its ``priority`` column weights delays, its ``fixed`` column marks
        projects that cannot move, its ``precedence`` graph (if any) must hold.
    ceilings
        Ceilings in 亿元 as :func:`capex.spread` takes them (``{year: 亿元}``, one number for
        every plan year, a :class:`~capex.budget.BudgetLine` or a list of them), or ``None``
        for the portfolio's own budget lines. Unlike a spread's, they may name years after
        (or before) the plan period, where deferred money lands: ``{2026: 15.0}`` caps it.
    max_delay
        Largest shift of each project in years: one int, a mapping or Series by project id
        (projects not listed do not move), or ``None`` for no practical limit: each window
        may move until it ends in the later of the plan's last year and the end of a serial
        schedule of all windows (the PSPLIB horizon).
    objective
        ``"delay"``, ``"makespan"`` or ``"peak"`` (see the module text).
    allow_earlier
        Also allow moving projects earlier, by as much as ``max_delay``; the delay objective
        then counts years moved either way.
    fixed
        Ids of projects that cannot move, or a boolean Series by id; ``None`` uses the
        portfolio's ``fixed`` column (projects started before the plan period).
    profile
        Spend profile of the cash flows (a project's ``profile`` column overrides it).
    respread
        After shifting, re-spread the plan-period money of the moved windows with
        :func:`capex.spread` (closest to the profile under the same ceilings) instead of
        keeping the fixed profile.
    tiebreak
        Objective minimised among the optima: ``"auto"`` (see :data:`DEFAULT_TIEBREAK`),
        ``None`` (none) or one of the objectives. The peak among the delay optima is solved
        exactly only for models up to
        :data:`~capex.solvers._shift_model.EXACT_TIEBREAK_OPTIONS` project-shift options
        (about 400 projects at shifts 0-2); larger ones have it lowered by exchanges of
        delays that keep the delay optimum, and ``messages`` says so.
    time_limit, seed, num_workers, log
        Solver controls; ``time_limit`` (seconds, ``None`` for none) covers the whole call (both objectives, and the
        relaxation when infeasible). HiGHS's branch and bound runs on one thread
        (``num_workers`` is for CP-SAT and SCIP).
    solver
        ``"auto"`` (the interval model for long horizons, else HiGHS), ``"highs"``,
        ``"scip"``, ``"cp-sat"`` or ``"cp-sat-intervals"``.
    unplaceable
        Where money a window has no year for goes (see :func:`capex.cash_flow`).

    Returns
    -------
    ShiftResult
        Status (optimal / feasible with a gap between ``objective`` and ``bound`` /
        infeasible / unknown), ``delays``, ``makespan``, the moved schedule, and when
        infeasible the ``overload`` that stays even at the best allowed delays.

    Examples
    --------
    >>> import capex
    >>> p = capex.load_projects()
    >>> plan = capex.shift(p, ceilings={2023: 11.0, 2024: 10.0})   # doctest: +SKIP
    >>> plan.delays[plan.delays > 0]                              # doctest: +SKIP
    """
    started = time.perf_counter()
    if objective not in OBJECTIVES:
        raise CapexError(f"unknown objective {objective!r}; use one of {OBJECTIVES}")
    if tiebreak == "auto":
        tiebreak = DEFAULT_TIEBREAK[objective]
    if tiebreak is not None and tiebreak not in OBJECTIVES:
        raise CapexError(f"unknown tie-break {tiebreak!r}; use 'auto', None or one of {OBJECTIVES}")
    time_limit, seed, num_workers = check_solver_controls(time_limit, seed, num_workers)
    if time_limit is None:
        time_limit = NO_TIME_LIMIT
    lines = resolve_lines(portfolio, ceilings, any_year=True)
    problem = build_problem(
        portfolio,
        lines,
        max_delay,
        allow_earlier=allow_earlier,
        fixed=fixed,
        profile=profile,
        unplaceable=unplaceable,
    )
    arrays = problem.arrays
    controls = SolveControls(float(time_limit), int(seed), int(num_workers), bool(log))
    chosen = choose_solver(arrays, objective, solver)
    raw = solve(arrays, objective, tiebreak, chosen, controls)

    reach = (problem.first_year, problem.first_year + problem.flows.shape[1] - 1)
    messages = list(raw.messages) + ceiling_notes(portfolio, lines, reach)
    overload = None
    delays = raw.delays
    if raw.status == "infeasible" or (raw.status == "unknown" and delays is None):
        relaxed = _relaxation(arrays, controls, started)
        if relaxed is not None and relaxed.delays is not None and raw.status == "infeasible":
            delays = relaxed.delays
            overload = arrays.overload(delays)
            messages += problem.explain_overload(overload)
        elif raw.status == "infeasible":
            messages.append(
                "no shift within the limits satisfies the precedence relations and fixed projects, "
                "whatever the ceilings"
            )
        else:
            messages.append("no plan was found within the time limit")
    if delays is None:
        delays = np.zeros(arrays.n_projects, dtype=np.int64)
        messages.append("the schedule shown is the unmoved plan")

    result = problem.result(
        delays,
        status=_STATUS[raw.status],
        raw=raw,
        objective=objective,
        tiebreak=tiebreak if raw.status in ("optimal", "feasible") else None,
        overload=overload,
        messages=messages,
        solver=chosen,
        started=started,
    )
    result = recorded(result, portfolio, "shift", seed=seed, solver=chosen, objective=objective, tiebreak=tiebreak, max_delay=max_delay, allow_earlier=allow_earlier, profile=profile, respread=respread, time_limit=time_limit, num_workers=num_workers)  # fmt: skip
    if respread and result.ok:
        result = _respread(portfolio, problem, result, lines, profile, controls)
        problem.verify(result, result.delays.to_numpy())
    return result


# ---------------------------------------------------------------------------------------
# from a portfolio to arrays and back
# ---------------------------------------------------------------------------------------
@dataclass
class ShiftProblem:
    """A portfolio's deferral problem: the arrays, and what is needed to read a solution."""

    portfolio: Portfolio
    lines: tuple[BudgetLine, ...]
    arrays: ShiftArrays
    first_year: int  # year of column 0
    flows: np.ndarray  # (n, n_years) unmoved cash flow on the axis
    ref: np.ndarray  # (n,) first column of each project's cash-flow span
    profile: str
    money_first: np.ndarray  # (n,) first year the unmoved cash flow has money (or the start)
    money_last: np.ndarray  # (n,) last such year (or the end)

    @property
    def ids(self) -> pd.Index:
        return self.portfolio.ids

    def moved_flows(self, delays: np.ndarray) -> np.ndarray:
        """The cash flows moved by ``delays`` (the axis holds every allowed move)."""
        n_years = self.flows.shape[1]
        source = np.arange(n_years)[None, :] - delays[:, None]
        valid = (source >= 0) & (source < n_years)
        return np.where(
            valid, np.take_along_axis(self.flows, np.clip(source, 0, n_years - 1), axis=1), 0
        )

    def windows(self, delays: np.ndarray) -> pd.DataFrame:
        frame = self.portfolio.frame
        return pd.DataFrame(
            {
                "start_year": frame["start_year"].to_numpy() + delays,
                "end_year": frame["end_year"].to_numpy() + delays,
            },
            index=self.ids,
        )

    def explain_overload(self, overload: np.ndarray) -> list[str]:
        """Sentences naming each (line, year) that stays over its ceiling, and by how much."""
        out = []
        for line, column in zip(*np.nonzero(overload)):
            out.append(
                f"{self.first_year + int(column)}: line {self.lines[line].name!r} stays "
                f"{self.portfolio.money.format(int(overload[line, column]))} over its ceiling "
                "even at the largest allowed delays"
            )
        return out

    def result(
        self,
        delays: np.ndarray,
        *,
        status: Status,
        raw: RawSolution,
        objective: str,
        tiebreak: str | None,
        overload: np.ndarray | None,
        messages: list[str],
        solver: str,
        started: float,
    ) -> ShiftResult:
        moved = self.moved_flows(delays)
        spent = np.flatnonzero(moved.any(axis=0))
        first, last = self.portfolio.plan_period
        low = min(int(spent.min(initial=first - self.first_year)), first - self.first_year)
        high = max(int(spent.max(initial=last - self.first_year)), last - self.first_year)
        years = pd.Index(range(self.first_year + low, self.first_year + high + 1), name="year")
        schedule = pd.DataFrame(moved[:, low : high + 1], index=self.ids, columns=years)
        windows = self.windows(delays)
        lines = self.lines
        options: dict[str, Any] = {}
        ceilings = pd.Series(dtype=np.int64, index=pd.Index([], name="year", dtype=np.int64))
        main = [
            k
            for k, line in enumerate(lines)
            if not line.is_shared and line.members(self.portfolio).all()
        ]
        if main:
            caps = lines[main[0]].ceilings_minor(self.portfolio.money)
            ceilings = pd.Series(caps, dtype=np.int64).sort_index()
            ceilings.index.name = "year"
        if len(lines) > 1 or (len(lines) == 1 and not main):
            names = pd.Index([line.name for line in lines], name="line")
            capacity = self.arrays.capacity[:, low : high + 1]
            options["line_ceilings_minor"] = pd.DataFrame(
                np.where(capacity == NO_CEILING, np.nan, capacity), index=names, columns=years
            ).astype("Int64")
            options["line_totals_minor"] = pd.DataFrame(
                self.arrays.line_load(delays)[:, low : high + 1], index=names, columns=years
            )
        extra = pd.Series(0, index=years, dtype=np.int64, name="extra_budget")
        overload_frame = None
        if overload is not None:
            names = pd.Index([line.name for line in lines], name="line")
            overload_frame = pd.DataFrame(overload[:, low : high + 1], index=names, columns=years)
            extra = pd.Series(
                plan_wide(overload_frame.to_numpy(), main[0] if main else None),
                index=years,
                name="extra_budget",
            )
            options["line_extra_budget_minor"] = overload_frame
        value, bound = raw.objective, raw.bound
        if objective == "peak":  # minor units inside, the display unit shown
            shown = float(self.portfolio.money.per())
            value, bound = value / shown, bound / shown
        if status == Status.INFEASIBLE:
            value, bound = math.nan, None
        result = ShiftResult(
            status=status,
            schedule_minor=schedule,
            names=pd.Series(self.portfolio.column("name"), index=self.ids, name="name"),
            ceilings_minor=ceilings,
            objective=float(value),
            bound=None if bound is None or math.isnan(bound) else float(bound),
            runtime=time.perf_counter() - started,
            method=raw.method,
            profile=self.profile,
            extra_budget_minor=extra,
            shadow_prices=pd.Series(0.0, index=years, name="shadow_price"),
            messages=tuple(messages),
            delays=pd.Series(delays.astype(np.int64), index=self.ids, name="delay"),
            makespan=int(self.arrays.objective_value("makespan", delays)),
            windows=windows,
            objective_name=objective,
            tiebreak=tiebreak,
            overload_minor=overload_frame,
            solver=solver,
            plan_period=self.portfolio.plan_period,
            money=self.portfolio.money,
            **options,
        )
        if result.ok:
            self.verify(result, delays)
        return result

    def verify(self, result: ShiftResult, delays: np.ndarray) -> None:
        """Check the plan independently of the solver; a violation is a bug, raised as such."""
        over = self.arrays.overload(delays)
        problems = [
            f"line {self.lines[k].name!r} over its ceiling in {self.first_year + t}"
            for k, t in zip(*np.nonzero(over))
        ]
        broken = precedence_violations(self.portfolio.precedence, result.windows)
        problems += [f"project {a} must finish before {b} starts" for a, b in broken]
        if not any(line.is_shared for line in self.lines):
            moved = self.moved_flows(delays)
            support = self._support(delays)
            violations = check_schedule(
                self.portfolio,
                result.schedule_minor,
                self.lines,
                row_totals_minor=pd.Series(moved.sum(axis=1), index=self.ids),
                windows=support,
                period=(result.years[0], result.years[-1]),
            )
            problems += [str(v) for v in violations]
        if problems:
            raise CapexError(
                "the deferral plan fails the independent check (a bug): " + "; ".join(problems[:5])
            )

    def _support(self, delays: np.ndarray) -> pd.DataFrame:
        """The years each project may hold money once moved: its moved window, widened to the
        years its unmoved cash flow used outside the window (unplaceable money), moved too."""
        windows = self.windows(delays)
        return pd.DataFrame(
            {
                "start_year": np.minimum(
                    windows["start_year"].to_numpy(), self.money_first + delays
                ),
                "end_year": np.maximum(windows["end_year"].to_numpy(), self.money_last + delays),
            },
            index=self.ids,
        )


def build_problem(
    portfolio: Portfolio,
    lines: tuple[BudgetLine, ...],
    max_delay: Any = 2,
    *,
    allow_earlier: bool = False,
    fixed: Any = None,
    profile: Any = "uniform",
    unplaceable: str = "after",
) -> ShiftProblem:
    """The arrays of :mod:`capex.solvers._shift_model` for a portfolio and its budget lines."""
    frame = portfolio.frame
    n = len(frame)
    flows_frame = cash_flow(portfolio, profile, unplaceable).flows_minor
    flow_years = np.array(flows_frame.columns, dtype=np.int64)
    raw_flows = flows_frame.to_numpy(dtype=np.int64)
    start = frame["start_year"].to_numpy(dtype=np.int64)
    end = frame["end_year"].to_numpy(dtype=np.int64)

    has = raw_flows != 0
    first_money = np.where(has.any(axis=1), flow_years[has.argmax(axis=1)], start)
    last_money = np.where(
        has.any(axis=1), flow_years[len(flow_years) - 1 - has[:, ::-1].argmax(axis=1)], end
    )
    ref_year = np.minimum(first_money, start)
    span = int((np.maximum(last_money, end) - ref_year).max(initial=0)) + 1

    high_delay = _max_delays(portfolio, max_delay, span)
    is_fixed = _fixed_mask(portfolio, fixed)
    high_delay = np.where(is_fixed, 0, high_delay)
    low_delay = -high_delay if allow_earlier else np.zeros(n, dtype=np.int64)

    first, last = portfolio.plan_period
    axis_first = int(min((ref_year + low_delay).min(initial=first), first))
    axis_last = int(max((ref_year + span - 1 + high_delay).max(initial=last), last))
    n_years = axis_last - axis_first + 1

    # every project's cash flow as a (n, span) block starting at its reference year
    totals = np.zeros((n, span), dtype=np.int64)
    column = flow_years - axis_first
    flows = np.zeros((n, n_years), dtype=np.int64)
    flows[:, column] = raw_flows
    index = (ref_year - axis_first)[:, None] + np.arange(span)[None, :]
    totals[:, :] = np.take_along_axis(flows, np.minimum(index, n_years - 1), axis=1) * (
        index < n_years
    )

    loads = np.zeros((len(lines), n, span), dtype=np.int64)
    capacity = np.full((len(lines), n_years), NO_CEILING, dtype=np.int64)
    for k, line in enumerate(lines):
        if line.is_shared:
            # a shared line counts its share of each year, rounded up: never under its load
            share = line.share_array(frame)
            loads[k] = np.ceil(share[:, None] * totals - 1e-9).astype(np.int64)
        else:
            loads[k] = totals * line.members(frame)[:, None]
        for year, cap in line.ceilings_minor(portfolio.money).items():
            if axis_first <= year <= axis_last:  # no cash flow can reach the other years
                capacity[k, year - axis_first] = cap

    graph = portfolio.precedence
    edges = np.zeros((0, 2), dtype=np.int64)
    if graph is not None and graph.number_of_edges():
        check_precedence(graph, portfolio)
        position = {pid: i for i, pid in enumerate(portfolio.ids)}
        pairs = [
            (position[a], position[b]) for a, b in graph.edges if a in position and b in position
        ]
        edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)

    arrays = ShiftArrays(
        loads=loads,
        totals=totals,
        offset=(ref_year - axis_first).astype(np.int64),
        capacity=capacity,
        min_delay=low_delay.astype(np.int64),
        max_delay=high_delay.astype(np.int64),
        weight=frame["priority"].to_numpy(dtype=np.int64),
        win_start=(start - axis_first).astype(np.int64),
        win_end=(end - axis_first).astype(np.int64),
        edges=edges,
        peak_from=first - axis_first,
    )
    profile_name = getattr(profile, "name", str(profile))
    return ShiftProblem(
        portfolio,
        lines,
        arrays,
        axis_first,
        flows,
        ref_year - axis_first,
        profile_name,
        first_money,
        last_money,
    )


def _max_delays(portfolio: Portfolio, max_delay: Any, span: int) -> np.ndarray:
    n = len(portfolio)
    if max_delay is None:
        # no practical limit: every window may move until it ends in the horizon year, the
        # later of the plan's last year and the end of a serial schedule of all windows
        frame = portfolio.frame
        lengths = (frame["end_year"] - frame["start_year"] + 1).to_numpy(dtype=np.int64)
        horizon = max(
            portfolio.plan_period[1], int(frame["start_year"].min()) + int(lengths.sum()) - 1
        )
        return np.maximum(horizon - frame["end_year"].to_numpy(dtype=np.int64), 0)
    if isinstance(max_delay, (Mapping, pd.Series)):
        given = dict(max_delay.items())
        labels = resolve_ids(given, portfolio.ids, column="max_delay")
        out = np.zeros(n, dtype=np.int64)
        positions = portfolio.ids.get_indexer(labels)
        for position, (pid, value) in zip(positions, given.items()):
            out[position] = whole_number(value, f"max_delay of project {pid}", 0, MAX_YEARS)
        return out
    return np.full(n, whole_number(max_delay, "max_delay", 0, MAX_YEARS), dtype=np.int64)


def _fixed_mask(portfolio: Portfolio, fixed: Any) -> np.ndarray:
    if fixed is None:
        return portfolio.column("fixed").astype(bool)
    if isinstance(fixed, pd.Series) and fixed.dtype == bool:
        return fixed.reindex(portfolio.ids, fill_value=False).to_numpy(dtype=bool)
    ids = resolve_ids(list(fixed), portfolio.ids, column="fixed")
    return np.asarray(portfolio.ids.isin(ids), dtype=bool)


def _relaxation(arrays: ShiftArrays, controls: SolveControls, started: float) -> RawSolution | None:
    """Least total overload over all (line, year) at the allowed shifts (HiGHS)."""
    remaining = max(controls.time_limit - (time.perf_counter() - started), 1.0)
    relaxed = solve_relaxation(
        arrays, SolveControls(remaining, controls.seed, controls.num_workers, controls.log)
    )
    return relaxed if relaxed.delays is not None else None


def _respread(
    portfolio: Portfolio,
    problem: ShiftProblem,
    result: ShiftResult,
    lines: tuple[BudgetLine, ...],
    profile: Any,
    controls: SolveControls,
) -> ShiftResult:
    """Re-spread the plan-period money of the moved windows with :func:`capex.spread`.

    The moved portfolio keeps each project's money outside the plan period where the shift put
    it; inside, its plan investment is the moved cash flow's plan-period part, spread again
    over the plan years of the moved window as close to the profile as the ceilings allow.
    The moved cash flow itself fits, so the spread does too.
    """
    from capex.solvers.spread import spread

    first, last = portfolio.plan_period
    schedule = result.schedule_minor
    in_plan = [y for y in schedule.columns if first <= y <= last]
    windows = result.windows
    frame = portfolio.frame
    inside = schedule[in_plan].sum(axis=1)
    # money placed outside the window (unplaceable) must stay where it is
    lo = np.maximum(windows["start_year"], first)
    hi = np.minimum(windows["end_year"], last)
    years = np.array(in_plan)
    outside_window = (years[None, :] < lo.to_numpy()[:, None]) | (
        years[None, :] > hi.to_numpy()[:, None]
    )
    pinned = schedule[in_plan].to_numpy() * outside_window
    if pinned.any() or any(line.is_shared for line in lines):
        return dataclasses_replace(
            result,
            messages=result.messages
            + ("respread skipped: some money lies outside its moved window",),
        )
    moved_frame = frame.copy()
    moved_frame["start_year"] = windows["start_year"]
    moved_frame["end_year"] = windows["end_year"]
    moved_frame["total_minor"] = inside
    moved_frame["plan_minor"] = inside
    keep = (inside > 0).to_numpy()
    moved = portfolio.replace(
        frame=moved_frame[keep],
        published=None,
        precedence=None,
        budget_lines=(),
        keep_amounts=True,
    )
    # the money outside the plan period stays where the shift put it, within its ceilings
    plan_lines = tuple(
        BudgetLine(
            line.name,
            {y: c for y, c in line.ceilings.items() if first <= y <= last},
            line.rule,
            line.shares,
            line.unit,
        )
        for line in lines
    )
    spread_result = spread(
        moved,
        plan_lines if plan_lines else None,
        profile,
        seed=controls.seed,
        num_workers=controls.num_workers,
    )
    if not spread_result.ok:
        return dataclasses_replace(
            result, messages=result.messages + ("respread skipped: the spread found no plan",)
        )
    new = schedule.copy()
    new.loc[spread_result.schedule_minor.index, in_plan] = spread_result.schedule_minor[
        in_plan
    ].to_numpy()
    return dataclasses_replace(
        result,
        schedule_minor=new.astype(np.int64),
        method=result.method + "; plan years re-spread (min-cost flow)",
    )


def dataclasses_replace(result: ShiftResult, **changes: Any) -> ShiftResult:
    """A copy of ``result`` with some fields changed."""
    return dataclasses.replace(result, **changes)
