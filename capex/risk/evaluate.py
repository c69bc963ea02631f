"""From draws to spending: array arithmetic on the cash flow, or one exact solve per draw.

**The drawn cash flow** (every method starts from it). The plan's cash flow
(:func:`capex.cash_flow`, integers of the minor unit) is taken as planned. For each draw and project:

1. Money in the years before the plan period has been spent and stays as it is.
2. The money from the plan's first year on is multiplied by the project's cost factor and
   rounded half up to the unit; that amount is split over the same years in proportion to
   the planned cash flow by largest remainder (:func:`capex.model.profiles.largest_remainder`), so
   every row sums exactly to its drawn total.
3. A start delay of ``k`` years moves the whole row ``k`` years later.

``method="cashflow"`` stops there: each year's spending is the sum of the drawn rows, computed
for a whole block of draws at once with numpy (no Python loop per draw).

``method="spread"`` and ``"shift"`` make, per draw, the portfolio the draw describes (windows
moved by the delays, totals the drawn totals, plan investment what the drawn row spends in the
plan period) and solve it with :func:`capex.spread` or :func:`capex.shift` under the ceilings.
The spread re-plans the plan years; the years outside them are the drawn row's. The shift
defers projects and moves each one's cash flow as :func:`capex.shift` derives it.

The spread's draws are batched: where a draw's plan is :func:`capex.spread`'s min-cost flow
alone (budget lines that nest or are disjoint on its projects, no secondary aim), the draws
of a block are spread together through that same flow
(:mod:`capex.solvers._spread_draws`), each draw's plan years exactly what
:func:`capex.spread` gives it; the other draws are spread one by one.

The shift's draws are solved one by one by :func:`capex.solvers.shift.solve_shift`, the same
solve as :func:`capex.shift` (so the same plan), on cash flows made for the whole block at
once (:class:`DrawnCashFlows`); a draw's spending is read from its delays without making a
result. Each plan is checked against the problem's arrays, and every
:data:`FULL_CHECK_EVERY`-th draw, like a draw with no plan (the relaxation) or a re-spread,
runs through :func:`capex.shift` itself with its independent check of the result.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.model.cashflow import cash_flow, flow_rows, project_profiles
from capex.model.portfolio import Portfolio
from capex.model.profiles import largest_remainder
from capex.risk.uncertainty import Draws
from capex.terms import phrase

__all__ = [
    "METHODS",
    "BaseFlows",
    "DrawnCashFlows",
    "Outcome",
    "drawn_amounts",
    "drawn_portfolio",
    "evaluate",
    "scale_flows",
    "spend_by_year",
]

METHODS = ("cashflow", "spread", "shift")
"""How a draw becomes spending: the drawn cash flow as it is, or re-planned by a solver."""

TOTAL_COLUMN = "total_minor"
PLAN_COLUMN = "plan_minor"
"""The portfolio's amount columns (integers of its minor unit) that a drawn portfolio changes."""

EXACT_FLOAT = 2**53
"""Drawn amounts are computed in float64, exact for integers below this."""

MAX_CELLS = 4_000_000
"""Draw x project x year cells computed at once (about 32 MB an array); more draws than that
are taken in parts."""


@dataclass(frozen=True, eq=False)
class BaseFlows:
    """The plan's own cash flow as arrays: what every draw starts from.

    Attributes
    ----------
    years
        The cash flow's years, ascending, consecutive.
    flows
        Int64 (projects x years), integers of the minor unit.
    plan_period
        First and last plan year.
    """

    years: np.ndarray
    flows: np.ndarray
    plan_period: tuple[int, int]

    @classmethod
    def of(cls, portfolio: Portfolio, profile: Any = "uniform") -> BaseFlows:
        """The cash flow of ``portfolio`` under ``profile`` (projects' own profiles override it)."""
        table = cash_flow(portfolio, profile).flows_minor
        return cls(
            np.asarray(table.columns, dtype=np.int64),
            table.to_numpy(dtype=np.int64),
            portfolio.plan_period,
        )

    @property
    def open_from(self) -> int:
        """Column of the plan's first year: money from there on is still to be spent."""
        return int(np.searchsorted(self.years, self.plan_period[0]))

    def plan_columns(self, delay: int = 0) -> np.ndarray:
        """Boolean mask of the columns that land in the plan years after a delay."""
        first, last = self.plan_period
        moved = self.years + delay
        return (moved >= first) & (moved <= last)


@dataclass(frozen=True, eq=False)
class Outcome:
    """What a range of draws spends.

    Attributes
    ----------
    first_draw
        Index of the first draw.
    first_year
        Year of column 0 of ``annual``.
    annual
        Int64 (draws x years): each year's total spending.
    plan_spend
        Int64 (draws x projects): what each project spends in the plan period.
    status
        One text per draw: ``"cash flow"``, a solver's status, or ``"failed"``.
    errors
        ``(draw, message)`` of each draw whose evaluation raised; its rows are zeros.
    """

    first_draw: int
    first_year: int
    annual: np.ndarray
    plan_spend: np.ndarray
    status: np.ndarray
    errors: tuple[tuple[int, str], ...] = ()

    @property
    def ok(self) -> np.ndarray:
        """Boolean per draw: whether it was evaluated."""
        return self.status != "failed"

    @classmethod
    def concat(cls, outcomes: Sequence[Outcome]) -> Outcome:
        """Consecutive outcomes as one, their years aligned (columns no draw spends in are 0)."""
        start = min(o.first_year for o in outcomes)
        width = max(o.first_year + o.annual.shape[1] for o in outcomes) - start
        annual = np.zeros((sum(len(o.annual) for o in outcomes), width), dtype=np.int64)
        row = 0
        for outcome in outcomes:
            offset = outcome.first_year - start
            annual[row : row + len(outcome.annual), offset : offset + outcome.annual.shape[1]] = (
                outcome.annual
            )
            row += len(outcome.annual)
        return cls(
            outcomes[0].first_draw,
            start,
            annual,
            np.concatenate([o.plan_spend for o in outcomes]),
            np.concatenate([o.status for o in outcomes]),
            tuple(error for o in outcomes for error in o.errors),
        )


def scale_flows(base: BaseFlows, factors: np.ndarray) -> np.ndarray:
    """Each project's cash flow under each draw's cost factor, exact in integers.

    Parameters
    ----------
    base
        The planned cash flow.
    factors
        Float array (draws x projects): cost factors ``1 + change`` (positive).

    Returns
    -------
    ndarray of int64, shape (draws, projects, years)
        Years before the plan as planned; from the plan's first year on, the planned money
        times the factor rounded half up to the unit, split by largest remainder in proportion
        to the plan (see the module text). Rows sum exactly to the drawn totals.
    """
    factors = np.asarray(factors, dtype=float)
    n_draws, n = factors.shape
    spent = base.flows[:, : base.open_from]
    rest = base.flows[:, base.open_from :]
    rest_total = rest.sum(axis=1)
    exact = rest_total[None, :] * factors
    if not np.all(np.isfinite(exact)) or (exact.size and exact.max() >= EXACT_FLOAT / max(n, 1)):
        raise CapexError(
            phrase("err_risk_drawn_cost_too_large", factor=f"{float(np.nanmax(factors)):g}")
        )
    amounts = np.floor(exact + 0.5).astype(np.int64)
    # only the columns between each row's first and last planned amount take money: split over
    # those (fewer columns, same result), then put them back in place
    first, width = _active_columns(rest)
    columns = first[:, None] + np.arange(width)[None, :]
    inside = columns < rest.shape[1]
    columns = np.where(inside, columns, 0)
    planned = np.where(inside, np.take_along_axis(rest, columns, axis=1), 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        weights = np.where(rest_total[:, None] > 0, planned / rest_total[:, None], 0.0)
    split = largest_remainder(
        amounts.ravel(),
        np.broadcast_to(weights, (n_draws, *weights.shape)).reshape(n_draws * n, width),
    ).reshape(n_draws, n, width)
    out = np.zeros((n_draws, n, base.flows.shape[1]), dtype=np.int64)
    out[:, :, : base.open_from] = spent
    rows = np.broadcast_to(np.arange(n)[:, None], columns.shape)
    out[:, rows[inside], base.open_from + columns[inside]] = split[:, inside]
    return out


def _active_columns(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Each row's first non-zero column and the widest span of non-zero columns of any row."""
    nonzero = values != 0
    if values.shape[1] == 0 or not nonzero.any():
        return np.zeros(len(values), dtype=np.int64), 1
    first = np.where(nonzero.any(axis=1), nonzero.argmax(axis=1), 0)
    last = values.shape[1] - 1 - nonzero[:, ::-1].argmax(axis=1)
    span = np.where(nonzero.any(axis=1), last - first + 1, 1)
    return first.astype(np.int64), int(span.max())


def spend_by_year(
    base: BaseFlows, flows: np.ndarray, delays: np.ndarray, span: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each year's total and each project's plan-period spending, rows moved by their delays.

    Parameters
    ----------
    base
        The planned cash flow (for its years and plan period).
    flows
        Int64 (draws x projects x years), as :func:`scale_flows` gives.
    delays
        Int64 (draws x projects): whole years, ``0 <= delay <= span``.
    span
        Columns added after the last year, for the longest delay.

    Returns
    -------
    annual : ndarray of int64, shape (draws, years + span)
    plan_spend : ndarray of int64, shape (draws, projects)
    """
    n_draws, n, n_years = flows.shape
    annual = np.zeros((n_draws, n_years + span), dtype=np.int64)
    plan_spend = np.zeros((n_draws, n), dtype=np.int64)
    # one pass per distinct delay (a handful), each over every draw at once
    for delay in np.unique(delays).tolist():
        if not 0 <= delay <= span:
            raise CapexError(phrase("err_risk_delay_outside", delay=delay, span=span))
        chosen = (delays == delay).astype(np.int64)
        annual[:, delay : delay + n_years] += np.einsum("dn,dny->dy", chosen, flows)
        in_plan = base.plan_columns(delay)
        plan_spend += chosen * flows[:, :, in_plan].sum(axis=2)
    return annual, plan_spend


def drawn_amounts(
    base: BaseFlows, flows: np.ndarray, delays: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each drawn project's total and plan investment: its drawn cash flow's sum, and the
    part that lands in the plan years once moved by its delay.

    ``flows`` is (projects x years) for one draw or (draws x projects x years) for many,
    ``delays`` the matching (projects) or (draws x projects); both results have its shape.
    """
    totals = flows.sum(axis=-1)
    plan = np.zeros_like(totals)
    for delay in np.unique(delays).tolist():
        chosen = delays == delay
        plan[chosen] = flows[chosen][:, base.plan_columns(delay)].sum(axis=-1)
    return totals, plan


def drawn_portfolio(
    portfolio: Portfolio, base: BaseFlows, row_flows: np.ndarray, delays: np.ndarray
) -> Portfolio:
    """The portfolio one draw describes: windows moved, drawn totals, drawn plan investment.

    ``row_flows`` is the draw's (projects x years) drawn cash flow before the delays. The
    amounts come from a validated portfolio by exact integer arithmetic, so the table is not
    read cell by cell again; the rules that arithmetic could break are checked here.
    """
    delays = np.asarray(delays, dtype=np.int64)
    totals, plan = drawn_amounts(base, row_flows, delays)
    if np.any(plan > totals) or np.any(totals < 0):
        raise CapexError("a drawn plan investment is above its total (a bug)")
    frame = portfolio.frame
    frame["start_year"] = frame["start_year"].to_numpy() + delays
    frame["end_year"] = frame["end_year"].to_numpy() + delays
    frame[TOTAL_COLUMN] = totals
    frame[PLAN_COLUMN] = plan
    return dataclasses.replace(portfolio, _frame=frame, published=None)


def evaluate(
    portfolio: Portfolio,
    base: BaseFlows,
    draws: Draws,
    span: int,
    method: str = "cashflow",
    ceilings: Any = None,
    options: Mapping[str, Any] | None = None,
) -> Outcome:
    """What each draw spends, by ``method`` (see the module text).

    ``span`` is the longest delay a draw can have; ``ceilings`` and ``options`` (``profile``,
    and for a shift ``max_delay``, ``time_limit``, ...) go to the solver. A draw whose solve
    raises is recorded in ``errors`` with status ``"failed"``; the others are kept.
    """
    if method not in METHODS:
        raise CapexError(
            phrase("err_risk_unknown_method", method=repr(method), methods=", ".join(METHODS))
        )
    # a large portfolio's draws are taken a few at a time, so memory stays bounded
    size = max(1, MAX_CELLS // max(1, base.flows.size))
    parts = []
    for start in range(0, max(len(draws), 1), size):
        part = draws.part(start, min(start + size, len(draws)))
        flows = scale_flows(base, part.factors)
        if method == "cashflow":
            annual, plan_spend = spend_by_year(base, flows, part.delays, span)
            status = np.full(len(part), "cash flow", dtype=object)
            parts.append(Outcome(part.first, int(base.years[0]), annual, plan_spend, status))
        elif method == "spread":
            options = dict(options or {})
            parts.append(_spread_all(portfolio, base, part, flows, span, ceilings, options))
        else:
            options = dict(options or {})
            parts.append(_solve_each(portfolio, base, part, flows, span, method, ceilings, options))
    return Outcome.concat(parts)


BATCHED_OPTIONS = frozenset({"profile", "time_limit", "seed", "num_workers", "log"})
"""The spread's options under which a draw's plan is the min-cost flow's alone, so that the
draws can be spread together (:mod:`capex.solvers._spread_draws`); the time limit, seed and
workers play no part in the flow."""


def _spread_all(
    portfolio: Portfolio,
    base: BaseFlows,
    draws: Draws,
    flows: np.ndarray,
    span: int,
    ceilings: Any,
    options: dict[str, Any],
) -> Outcome:
    """Every draw spread as :func:`capex.spread` spreads it, the draws batched where the
    plan is the min-cost flow's (exactly the same plan), the others one by one."""
    from capex.model.budget import resolve_lines
    from capex.solvers._spread_draws import drawn_lines, spread_draws

    lines = None
    if set(options) <= BATCHED_OPTIONS:
        try:
            lines = drawn_lines(portfolio, resolve_lines(portfolio, ceilings))
        except CapexError:
            lines = None  # each draw's spread says what is wrong with the ceilings
    if lines is None:
        return _solve_each(portfolio, base, draws, flows, span, "spread", ceilings, options)
    annual, plan_spend = spend_by_year(base, flows, draws.delays, span)
    start = portfolio.column("start_year")[None, :] + draws.delays
    end = portfolio.column("end_year")[None, :] + draws.delays
    members, capacity = lines
    try:
        spreads = spread_draws(
            portfolio, members, capacity, start, end, plan_spend, options.get("profile", "uniform")
        )
    except CapexError:  # e.g. a profile that cannot split some draw: each draw says which
        return _solve_each(portfolio, base, draws, flows, span, "spread", ceilings, options)
    # the plan years as re-planned, the others as the drawn cash flow has them
    first = int(np.searchsorted(base.years, base.plan_period[0]))
    annual[:, first : first + spreads.totals.shape[1]] = spreads.totals
    status = np.where(spreads.infeasible, "infeasible", "optimal").astype(object)
    batched = Outcome(draws.first, int(base.years[0]), annual, plan_spend, status)
    rest = np.flatnonzero(~spreads.done)
    if not rest.size:
        return batched
    parts = []
    for i in range(len(draws)):
        if spreads.done[i]:
            parts.append(
                Outcome(draws.first + i, batched.first_year, annual[i : i + 1],
                        plan_spend[i : i + 1], status[i : i + 1])
            )  # fmt: skip
        else:
            one = draws.part(i, i + 1)
            parts.append(
                _solve_each(
                    portfolio, base, one, flows[i : i + 1], span, "spread", ceilings, options
                )
            )
    return Outcome.concat(parts)


def _solve_each(
    portfolio: Portfolio,
    base: BaseFlows,
    draws: Draws,
    flows: np.ndarray,
    span: int,
    method: str,
    ceilings: Any,
    options: dict[str, Any],
) -> Outcome:
    from capex.solvers.shift import shift
    from capex.solvers.spread import spread

    first, last = base.plan_period
    start = int(base.years[0])
    rows = []
    cash = None
    if method == "shift":
        cash = DrawnCashFlows.of(portfolio, base, flows, draws.delays, options)
    for i in range(len(draws)):
        number = draws.first + i
        try:
            drawn = drawn_portfolio(portfolio, base, flows[i], draws.delays[i])
            if method == "spread":
                result = spread(drawn, ceilings, **options)
                # the plan years as re-planned, the others as the drawn cash flow has them
                annual, _ = spend_by_year(base, flows[i : i + 1], draws.delays[i : i + 1], span)
                planned = result.schedule_minor
                columns = np.asarray([int(y) for y in planned.columns]) - start
                annual[0, columns] = planned.sum(axis=0).to_numpy()
                year = start
            else:
                moved = None
                if number % FULL_CHECK_EVERY:
                    moved = _shifted(drawn, ceilings, options, cash and cash.frame(i))
                if moved is not None:
                    rows.append(dataclasses.replace(moved, first_draw=number))
                    continue
                result = shift(drawn, ceilings, **options)
                schedule = result.schedule_minor
                year = int(schedule.columns[0])
                annual = schedule.sum(axis=0).to_numpy(dtype=np.int64)[None, :]
                planned = schedule[[y for y in schedule.columns if first <= int(y) <= last]]
            spent = planned.reindex(drawn.ids).sum(axis=1).to_numpy(dtype=np.int64)[None, :]
            status = np.array([str(result.status)], dtype=object)
            rows.append(Outcome(number, year, annual, spent, status))
        except Exception as error:  # noqa: BLE001 - one failed draw is reported, the rest kept
            empty = np.zeros((1, flows.shape[2] + span), dtype=np.int64)
            rows.append(
                Outcome(
                    number,
                    start,
                    empty,
                    np.zeros((1, flows.shape[1]), dtype=np.int64),
                    np.array(["failed"], dtype=object),
                    ((number, f"{type(error).__name__}: {error}"),),
                )
            )
    return Outcome.concat(rows)


FULL_CHECK_EVERY = 50
"""Every this many shift draws (draws 0, 50, 100, ...), the draw runs as :func:`capex.shift`
itself, whose result is checked against the portfolio independently of the solver
(:meth:`~capex.solvers._shift.problem.ShiftProblem.verify`); the other draws are checked
against the problem's arrays (:meth:`~capex.solvers._shift.arrays.ShiftArrays.fits`)."""

SHIFT_RESULT_OPTIONS = frozenset({"respread"})
"""Options of :func:`capex.shift` whose plan is more than the cash flows moved by the
delays: a draw with them runs through :func:`capex.shift` in full."""


@dataclass(frozen=True, eq=False)
class DrawnCashFlows:
    """The full-window cash flows of a block of drawn portfolios, computed in one pass.

    Each draw's rows are what :func:`capex.cash_flow` gives its drawn portfolio
    (:func:`drawn_portfolio`), by the same arithmetic (:func:`capex.model.cashflow.flow_rows`)
    on the draws' projects stacked; a draw's years are those of its own cash flow.
    """

    ids: pd.Index
    years: np.ndarray
    flows: np.ndarray  # (draws, projects, years)
    low: np.ndarray  # each draw's first and last year
    high: np.ndarray

    @classmethod
    def of(
        cls,
        portfolio: Portfolio,
        base: BaseFlows,
        flows: np.ndarray,
        delays: np.ndarray,
        options: Mapping[str, Any],
    ) -> DrawnCashFlows | None:
        """The draws' cash flows, or ``None`` where each draw's own call must say what is
        wrong (the ``"raise"`` policy, a cash flow that cannot be made)."""
        unplaceable = options.get("unplaceable", "after")
        if unplaceable not in ("after", "before") or not flows.size:
            return None
        n_draws, n, _ = flows.shape
        totals, plan = drawn_amounts(base, flows, delays)
        start = portfolio.column("start_year")[None, :] + delays
        end = portfolio.column("end_year")[None, :] + delays
        try:
            codes, profiles = project_profiles(portfolio, options.get("profile", "uniform"))
            years, stacked = flow_rows(
                start.ravel(),
                end.ravel(),
                totals.ravel(),
                plan.ravel(),
                base.plan_period,
                np.tile(codes, n_draws),
                profiles,
                unplaceable,
            )
        except CapexError:
            return None
        stacked = stacked.reshape(n_draws, n, len(years))
        # a draw's years: its windows, the plan period and the years its money reaches
        has = stacked.any(axis=1)
        money_first = np.where(has.any(axis=1), years[has.argmax(axis=1)], years[-1])
        money_last = np.where(
            has.any(axis=1), years[len(years) - 1 - has[:, ::-1].argmax(axis=1)], years[0]
        )
        first, last = base.plan_period
        low = np.minimum(np.minimum(start.min(axis=1), first), money_first)
        high = np.maximum(np.maximum(end.max(axis=1), last), money_last)
        return cls(portfolio.ids, years, stacked, low, high)

    def frame(self, draw: int) -> pd.DataFrame:
        """Draw ``draw``'s cash flow as :func:`capex.cash_flow`'s ``flows_minor``."""
        low, high = int(self.low[draw]), int(self.high[draw])
        columns = slice(low - int(self.years[0]), high - int(self.years[0]) + 1)
        return pd.DataFrame(
            self.flows[draw][:, columns],
            index=self.ids,
            columns=pd.Index(range(low, high + 1), name="year"),
        )


def _shifted(
    drawn: Portfolio,
    ceilings: Any,
    options: dict[str, Any],
    flows_minor: pd.DataFrame | None = None,
) -> Outcome | None:
    """What one draw spends when deferred as :func:`capex.shift` defers it, read from the
    delays without making its result (the same solve, so the same plan); ``None`` when the
    draw needs the full result (no plan found: the relaxation; a re-spread).
    ``flows_minor`` is the drawn portfolio's cash flow, when already made."""
    from capex.solvers.result import Status
    from capex.solvers.shift import solve_shift

    if any(options.get(name) for name in SHIFT_RESULT_OPTIONS):
        return None
    solved = solve_shift(
        drawn,
        ceilings,
        flows_minor=flows_minor,
        **{k: v for k, v in options.items() if k not in SHIFT_RESULT_OPTIONS},
    )
    if not solved.planned:
        return None
    delays = solved.raw.delays
    problem = solved.problem
    if not problem.arrays.fits(delays):
        raise CapexError("the deferral plan fails the check against its arrays (a bug)")
    moved = problem.moved_flows(delays)
    # the years ShiftResult.schedule_minor spans: the plan period and every year with money
    first, last = (year - problem.first_year for year in drawn.plan_period)
    spent = np.flatnonzero(moved.any(axis=0))
    low = min(int(spent.min(initial=first)), first)
    high = max(int(spent.max(initial=last)), last)
    annual = moved[:, low : high + 1].sum(axis=0)[None, :]
    plan_spend = moved[:, first : last + 1].sum(axis=1)[None, :]
    status = np.array([str(Status(solved.raw.status))], dtype=object)
    return Outcome(0, problem.first_year + low, annual, plan_spend, status)
