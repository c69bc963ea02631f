"""The deferral optimiser: which projects to move, by how many whole years, to fit a cut budget.

:func:`shift` chooses a whole-year shift for every project so that the moved cash flows fit
every budget line's ceilings, honouring precedence ("must finish before ... starts"), fixed
projects (by default those already under way when the plan period starts) and per-project
limits. Each project's full-window cash flow (:func:`capex.cash_flow`) moves unchanged with
it, so money pushed past the plan period shows up after it. Budget lines may overlap in any
way (a cap per street beside a cap on government-funded projects): each line's ceilings are
rows of their own, and every one holds.

Objectives: ``"delay"`` (least priority-weighted years of delay, the default), ``"makespan"``
(the earliest finish of the whole programme: years from its first year as planned, or
earlier if a project moves earlier, to its latest end) and ``"peak"`` (the lowest highest
annual total from the plan period's first year on). A tie-break objective is then minimised
among the optima (``tiebreak``; by default the peak after delay, the delay after makespan or
peak), within a work budget sized to the problem.

Deterministic: every search, heuristic and tie-break stops on its proof or on a work count
(nodes, CP-SAT's deterministic time, rounds), never on seconds, so the same inputs give the
same plan on any machine and under any load. ``time_limit`` is only a safety cap; when it
stops a search, ``messages`` says so.

When no shift within the limits fits, the result says so (status ``"infeasible"``) and
solves a relaxation that lets each (line, year) go over its ceiling, minimising the total
overload: the years that stay over their ceilings, and by how much, even at the best allowed
delays (``overload``, ``extra_budget`` and ``messages``).

The model and its solvers live in :mod:`capex.solvers._shift`: the problem as arrays
(``problem``, ``arrays``), its rows (``rows``), the backends (``highs``, ``cpsat``,
``mathopt``), the searches (``exchange``, ``fixing``, ``delay``) and the strategy
(``solve``). Measured times are in ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.model.budget import BudgetLine, resolve_lines
from capex.model.limits import check_solver_controls
from capex.model.portfolio import Portfolio
from capex.model.provenance import recorded
from capex.model.windows import clip_window
from capex.solvers._shift.arrays import OBJECTIVES, RawSolution, SolveControls
from capex.solvers._shift.problem import ShiftProblem, build_problem
from capex.solvers._shift.solve import choose_solver, solve, solve_relaxation
from capex.solvers._stopping import time_cap_notes
from capex.solvers.ceiling_notes import ceiling_notes
from capex.solvers.result import ShiftResult, Status
from capex.terms import phrase

__all__ = ["DEFAULT_TIEBREAK", "ShiftResult", "SolvedShift", "shift", "solve_shift"]

NO_TIME_LIMIT = None
"""``time_limit=None``: no cap at all (the solvers run until proven or out of work)."""

DEFAULT_TIEBREAK = {"delay": "peak", "makespan": "delay", "peak": "delay"}
"""The objective that breaks ties among the optima of each objective."""

RELAXATION_SECONDS = 1.0
"""Least time the relaxation of an infeasible plan gets, even after the time limit."""


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
    tiebreak_time_limit: float | None = None,
) -> ShiftResult:
    """Choose a whole-year shift for each project so that the cash flows fit the ceilings.

    Parameters
    ----------
    portfolio
        The projects; its ``priority`` column weights delays, its ``fixed`` column marks
        projects that cannot move, its ``precedence`` graph (if any) must hold.
    ceilings
        Ceilings in 亿元 as :func:`capex.spread` takes them (``{year: 亿元}``, one number for
        every plan year, a :class:`~capex.model.budget.BudgetLine` or a list of them, nested,
        disjoint or overlapping in any way), or ``None`` for the portfolio's own budget
        lines. Unlike a spread's, they may name years after
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
        ``None`` (none) or one of the objectives. The first objective's optimum is kept as a
        constraint; when the tie-break is not proven best within its work budget,
        ``messages`` says how far it may be from the best (the peak: in per cent).
    time_limit, seed, num_workers, log
        Solver controls; ``time_limit`` (seconds, ``None`` for none) is a safety cap on the
        whole call (both objectives, and the relaxation when infeasible), counted in the
        solvers' own time; when it stops a search, ``messages`` says so and the plan may
        differ on another machine. HiGHS's branch and bound runs on one thread
        (``num_workers`` is for CP-SAT, whose workers search interleaved so that the answer
        does not depend on timing, and for SCIP).
    solver
        ``"auto"`` (the interval model for long horizons, else HiGHS), ``"highs"``,
        ``"scip"``, ``"cp-sat"`` or ``"cp-sat-intervals"``.
    unplaceable
        Where money a window has no year for goes (see :func:`capex.cash_flow`).
    tiebreak_time_limit
        A safety cap in seconds on the tie-break alone (``None``: only ``time_limit``). The
        tie-break stops on its work budget; this cap, like ``time_limit``, is said in
        ``messages`` when it stops it.

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
    started = time.perf_counter()  # for the runtime reported, never to stop a search
    solved = solve_shift(
        portfolio,
        ceilings,
        max_delay,
        objective,
        allow_earlier=allow_earlier,
        fixed=fixed,
        profile=profile,
        tiebreak=tiebreak,
        time_limit=time_limit,
        seed=seed,
        num_workers=num_workers,
        log=log,
        solver=solver,
        unplaceable=unplaceable,
        tiebreak_time_limit=tiebreak_time_limit,
    )
    problem, lines, controls, raw = solved.problem, solved.lines, solved.controls, solved.raw
    arrays, chosen, tiebreak = problem.arrays, solved.solver, solved.tiebreak
    time_limit, seed, num_workers = controls.time_limit, controls.seed, controls.num_workers

    reach = (problem.first_year, problem.first_year + problem.flows.shape[1] - 1)
    messages = list(raw.messages) + ceiling_notes(portfolio, lines, reach)
    overload = None
    delays = raw.delays
    caps = [controls.cap]
    if raw.status == "infeasible" or (raw.status == "unknown" and delays is None):
        relaxation = controls.with_cap(controls.cap.part(at_least=RELAXATION_SECONDS))
        caps.append(relaxation.cap)
        relaxed = solve_relaxation(arrays, relaxation)
        if relaxed.delays is not None and raw.status == "infeasible":
            delays = relaxed.delays
            overload = arrays.overload(delays)
            messages += problem.explain_overload(overload)
        elif raw.status == "infeasible":
            messages.append(phrase("shift_no_shift_fits"))
        else:
            messages.append(phrase("no_plan_in_time"))
    if delays is None:
        delays = np.zeros(arrays.n_projects, dtype=np.int64)
        messages.append(phrase("shift_unmoved_shown"))
    messages += time_cap_notes(caps)

    result = problem.result(
        delays,
        status=Status(raw.status),
        raw=raw,
        objective=objective,
        tiebreak=tiebreak if raw.status in ("optimal", "feasible") else None,
        overload=overload,
        messages=messages,
        solver=chosen,
        started=started,
    )
    result = recorded(result, portfolio, "shift", seed=seed, solver=chosen, objective=objective, tiebreak=tiebreak, max_delay=max_delay, allow_earlier=allow_earlier, profile=profile, respread=respread, time_limit=time_limit, tiebreak_time_limit=tiebreak_time_limit, num_workers=num_workers)  # fmt: skip
    if respread and result.ok:
        result = _respread(portfolio, result, lines, profile, controls)
        problem.verify(result, result.delays.to_numpy())
    return result


@dataclasses.dataclass(frozen=True, eq=False)
class SolvedShift:
    """A deferral solved but not yet made a result: what :func:`solve_shift` hands back.

    Attributes
    ----------
    problem
        The problem's arrays and what reads a solution back (``problem.moved_flows``).
    lines
        The budget lines the ceilings resolved to.
    controls
        The solver controls, checked (their ``cap`` records whether the time limit stopped
        a search).
    raw
        The solvers' answer: status, delays (or ``None``), objective and bound.
    solver, tiebreak
        The solver ``"auto"`` stood for, and the tie-break ``"auto"`` stood for.
    """

    problem: ShiftProblem
    lines: tuple[BudgetLine, ...]
    controls: SolveControls
    raw: RawSolution
    solver: str
    tiebreak: str | None

    @property
    def planned(self) -> bool:
        """Whether a plan was found, so that :func:`shift`'s schedule is the cash flows moved
        by ``raw.delays`` (else it adds the relaxation of an infeasible plan)."""
        return self.raw.status in ("optimal", "feasible") and self.raw.delays is not None


def solve_shift(
    portfolio: Portfolio,
    ceilings: Any = None,
    max_delay: int | Mapping[Any, int] | pd.Series | None = 2,
    objective: str = "delay",
    *,
    allow_earlier: bool = False,
    fixed: Iterable[Any] | pd.Series | None = None,
    profile: Any = "uniform",
    tiebreak: str | None = "auto",
    time_limit: float | None = 10.0,
    seed: int = 0,
    num_workers: int = 1,
    log: bool = False,
    solver: str = "auto",
    unplaceable: str = "after",
    tiebreak_time_limit: float | None = None,
    flows_minor: pd.DataFrame | None = None,
) -> SolvedShift:
    """The solving half of :func:`shift` (same arguments, same delays), without the result.

    :func:`shift` makes its result from this; a caller that needs only the moved cash flows
    of many portfolios (the risk draws) reads them from ``problem.moved_flows(raw.delays)``
    and skips building, recording and checking a result per portfolio. ``flows_minor`` is
    the portfolio's cash flow when the caller has made it already: exactly
    ``capex.cash_flow(portfolio, profile, unplaceable).flows_minor``.
    """
    time_limit, seed, num_workers = check_solver_controls(time_limit, seed, num_workers)
    if objective not in OBJECTIVES:
        raise CapexError(
            phrase(
                "err_solver_unknown_objective",
                objective=repr(objective),
                objectives=", ".join(OBJECTIVES),
            )
        )
    if tiebreak == "auto":
        tiebreak = DEFAULT_TIEBREAK[objective]
    if tiebreak is not None and tiebreak not in OBJECTIVES:
        raise CapexError(
            phrase(
                "err_solver_unknown_tiebreak",
                tiebreak=repr(tiebreak),
                objectives=", ".join(OBJECTIVES),
            )
        )
    tiebreak_cap = _tiebreak_seconds(tiebreak_time_limit)
    lines = resolve_lines(portfolio, ceilings, any_year=True, whole_flows=True)
    problem = build_problem(
        portfolio,
        lines,
        max_delay,
        allow_earlier=allow_earlier,
        fixed=fixed,
        profile=profile,
        unplaceable=unplaceable,
        flows_minor=flows_minor,
    )
    controls = SolveControls(time_limit, seed, num_workers, bool(log))
    chosen = choose_solver(problem.arrays, objective, solver)
    raw = solve(problem.arrays, objective, tiebreak, chosen, controls, tiebreak_cap=tiebreak_cap)
    return SolvedShift(problem, lines, controls, raw, chosen, tiebreak)


def _tiebreak_seconds(value: Any) -> float | None:
    """The tie-break's own cap checked as a time limit is (``None``: none of its own)."""
    if value is None:
        return None
    try:
        seconds, _, _ = check_solver_controls(value, 0, 1)
    except CapexError:
        raise CapexError(phrase("err_solver_tiebreak_time_limit", value=repr(value))) from None
    return seconds


def _respread(
    portfolio: Portfolio,
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
    lo, hi = clip_window(
        windows["start_year"].to_numpy(), windows["end_year"].to_numpy(), (first, last)
    )
    years = np.array(in_plan)
    outside_window = (years[None, :] < lo[:, None]) | (years[None, :] > hi[:, None])
    pinned = schedule[in_plan].to_numpy() * outside_window
    if pinned.any():
        return _skipped(result, "some money lies outside its moved window")
    if any(line.is_shared for line in lines):
        return _skipped(result, "a budget line funds shares of projects")
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
        return _skipped(result, "the spread found no plan")
    new = schedule.copy()
    new.loc[spread_result.schedule_minor.index, in_plan] = spread_result.schedule_minor[
        in_plan
    ].to_numpy()
    return dataclasses.replace(
        result,
        schedule_minor=new.astype(np.int64),
        method=f"{result.method}; plan years re-spread ({spread_result.method})",
    )


def _skipped(result: ShiftResult, why: str) -> ShiftResult:
    """The result unchanged, saying why its plan years were not re-spread."""
    return dataclasses.replace(result, messages=(*result.messages, f"respread skipped: {why}"))
