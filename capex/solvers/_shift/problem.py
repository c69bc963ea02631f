"""From a portfolio to the deferral problem's arrays, and from a solution back to a result.

:func:`build_problem` turns a portfolio, its budget lines and the caller's limits into a
:class:`ShiftProblem`: the solver-free :class:`~capex.solvers._shift.arrays.ShiftArrays` (every
project's whole-window cash flow on one year axis, each line's load and ceilings, the allowed
shifts, weights and precedence pairs) and what is needed to read a solution back.
:meth:`ShiftProblem.result` makes the :class:`~capex.solvers.result.ShiftResult` and checks it
independently of the solver (:meth:`ShiftProblem.verify`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.model.budget import BudgetLine, share_loads
from capex.model.cashflow import cash_flow
from capex.model.ids import resolve_ids
from capex.model.limits import MAX_YEARS, whole_number
from capex.model.portfolio import Portfolio
from capex.model.precedence import check_precedence, precedence_violations
from capex.solvers._shift.arrays import NO_CEILING, RawSolution, ShiftArrays
from capex.solvers.check import check_schedule
from capex.solvers.result import ShiftResult, Status, plan_wide
from capex.terms import phrase


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
                phrase(
                    "shift_line_stays_over",
                    year=self.first_year + int(column),
                    line=self.lines[line].name,
                    amount=self.portfolio.money.format(int(overload[line, column])),
                )
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
            options["line_ceilings_minor"] = _nullable_integers(
                capacity, capacity == NO_CEILING, names, years
            )
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
            sources=self.portfolio.sources,
            fiscal_year=self.portfolio.fiscal_year,
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
    flows_minor: pd.DataFrame | None = None,
) -> ShiftProblem:
    """The deferral problem of a portfolio, its budget lines and the caller's limits.

    ``flows_minor`` (project x year, minor units, rows in the portfolio's order) is a cash
    flow to move instead of the profile's: a phased baseline's, exactly as it was written.
    """
    frame = portfolio.frame
    n = len(frame)
    if flows_minor is None:
        flows_frame = cash_flow(portfolio, profile, unplaceable).flows_minor
    else:
        flows_frame = flows_minor.reindex(portfolio.ids, fill_value=0)
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

    # a shared line counts its part of each year, as capex.model.budget.share_loads splits them
    loads = share_loads(lines, frame, totals)
    capacity = np.full((len(lines), n_years), NO_CEILING, dtype=np.int64)
    for k, line in enumerate(lines):
        if not line.is_shared:
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


def _nullable_integers(
    values: np.ndarray, missing: np.ndarray, index: pd.Index, columns: pd.Index
) -> pd.DataFrame:
    """An ``Int64`` frame (missing where ``missing``), built column by column from the arrays
    (a frame-wide ``astype`` is far slower over a long horizon)."""
    frame = pd.DataFrame(
        {
            k: pd.arrays.IntegerArray(values[:, k].astype(np.int64), missing[:, k].copy())
            for k in range(len(columns))
        },
        index=index,
    )
    frame.columns = columns
    return frame
