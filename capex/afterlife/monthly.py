"""The fund-use plan (分月用款计划): one budget year of a plan, project by project, by month.

:func:`monthly` takes one year of a plan (a spread, a deferral or a re-forecast, a baseline
read by :func:`capex.load_phased`, or a cash flow) and splits each project's money for that
year over the twelve months, exactly to the minor unit (each project's months add up to its
year), aimed at a month profile (:mod:`capex.model.month_profiles`), inside each project's months
(开工月份 to 竣工月份), and under a monthly quota for the whole programme or per budget line.
The solver is the spread's own (:mod:`capex.solvers.monthly`); a quota that cannot be met is
explained with the least extra quota per month. The result, a :class:`MonthlyPlan`, is plain
data in integers of the plan's minor unit.

>>> import capex
>>> p = capex.load_projects()
>>> months = capex.monthly(capex.cash_flow(p), 2023, profile="construction")
>>> bool((months.to_frame().sum(axis=1) == months.year_minor).all())
True
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.io.texttable import amount_texts, render
from capex.model.budget import (
    BudgetError,
    BudgetLine,
    as_budget_lines,
    funded_parts,
    source_lines,
    source_name,
)
from capex.model.budget_year import CALENDAR, MONTHS, FiscalYear, fiscal_year_of
from capex.model.ids import resolve_ids
from capex.model.limits import check_solver_controls
from capex.model.money import WAN, Money, checked_sum
from capex.model.month_profiles import MonthProfile, month_profile
from capex.model.profiles import largest_remainder
from capex.model.protocol import Report
from capex.solvers._flow import NO_CEILING
from capex.solvers.hall import interval_demand, shortfalls
from capex.solvers.monthly import MonthlyProblem, solve_monthly
from capex.solvers.planned import plan_table
from capex.solvers.result import Status
from capex.terms import (
    Message,
    check_lang,
    joined,
    line_phrase,
    phrase,
    profile_word,
    said,
    term,
)

__all__ = [
    "MonthlyPlan",
    "check_monthly",
    "month_heading",
    "month_money",
    "monthly",
    "year_of_plan",
]

QUOTA_LINE = "quota"
"""The name of the one line a plain quota (a number, twelve amounts, ``{month: amount}``) is."""


# ---------------------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class MonthlyPlan(Report):
    """One budget year of a plan by project and month (see the module text).

    Every table holds integers of :attr:`money`'s minor unit; what is shown is in its display
    unit unless a ``unit`` is asked for. Months are the positions 1-12 in the budget year.

    Attributes
    ----------
    status
        How the solve ended (:class:`capex.solvers.result.Status`): ``infeasible`` when the quota cannot be
        met (the plan then meets the quota raised by :attr:`extra_quota_minor`).
    year
        The budget year.
    amounts_minor
        Project x month (index ``id``, columns 1-12).
    names
        Project names by id.
    target_minor
        What the month profile aimed at, project x month.
    months_window
        Each project's first and last month (``start_month``, ``finish_month``).
    quota_minor
        The programme's quota by month (the line over all projects; missing: no quota).
    line_quota_minor, line_totals_minor, line_extra_minor
        Per quota line (rows) and month: the quota (missing: none), what the plan draws on
        the line and how far it is over; ``None`` when there is no quota.
    line_members
        Project x line: the share of each project's money the line carries (1 for a line
        over whole projects, 0 for none); ``None`` when there is no quota.
    moved_minor
        The money paid in another month than the profile aims at (half the L1 distance to
        :attr:`target_minor`), the least among the plans needing the least extra quota.
    extra_quota_minor
        The least extra quota per month that lets the plan fit, each amount once however
        many lines it draws on (zeros when it fits).
    profile
        The month profile's name; ``profile_weights`` its twelve weights.
    messages
        Why a quota cannot be met, and any caveat.
    source
        What the year's amounts were taken from.
    method, runtime
        How the plan was solved, and the seconds it took (not shown in the summary).
    money
        The currency and minor unit of the amounts.
    fiscal_year
        When the budget year starts and how it is named
        (:class:`capex.model.budget_year.FiscalYear`): month 1 is its first month (October 2026 in
        FY2027), and months are headed by their calendar names when it is not the calendar
        year.
    lang
        The language of :meth:`summary` and the HTML view unless told otherwise.
    sources, source_year_minor
        The plan's funding sources and each project's money of the year by source (project
        x each source's own part, then the unassigned), where the plan has sources.
    parts_minor
        The parts of each project that quota lines funding shares placed, by ``(id, line)``
        and month (a source's own part on a source's line), or ``None``.
    """

    status: Status
    year: int
    amounts_minor: pd.DataFrame = field(repr=False)
    names: pd.Series = field(repr=False)
    target_minor: pd.DataFrame = field(repr=False)
    months_window: pd.DataFrame = field(repr=False)
    quota_minor: pd.Series = field(repr=False)
    extra_quota_minor: pd.Series = field(repr=False)
    line_quota_minor: pd.DataFrame | None = field(default=None, repr=False)
    line_totals_minor: pd.DataFrame | None = field(default=None, repr=False)
    line_extra_minor: pd.DataFrame | None = field(default=None, repr=False)
    line_members: pd.DataFrame | None = field(default=None, repr=False)
    moved_minor: int = 0
    profile: str = "uniform"
    profile_weights: tuple[float, ...] = (1,) * 12
    messages: tuple[str, ...] = ()
    source: Message | str = ""
    method: str = ""
    runtime: float = 0.0
    money: Money = WAN
    fiscal_year: FiscalYear = CALENDAR
    lang: str | None = None
    sources: Any = field(default=None, repr=False)
    source_year_minor: pd.DataFrame | None = field(default=None, repr=False)
    parts_minor: pd.DataFrame | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.lang is not None:
            check_lang(self.lang)
        object.__setattr__(self, "status", Status(self.status))
        object.__setattr__(self, "messages", tuple(self.messages))
        object.__setattr__(self, "fiscal_year", fiscal_year_of(self.fiscal_year))

    @property
    def fiscal_year_start(self) -> int:
        """The calendar month the budget year starts in (1: January)."""
        return self.fiscal_year.start

    def month_headings(self, lang: str = "en") -> list[Any]:
        """The twelve months' headings: ``1``-``12`` (``1月``) for a calendar year, their
        calendar names for a fiscal one (``Oct 2026``, ``2026年10月``)."""
        return [month_heading(m, lang, self.fiscal_year, self.year) for m in MONTHS]

    # -- reading ---------------------------------------------------------------------------
    @property
    def ok(self) -> bool:
        """Whether the plan meets every quota."""
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)

    @property
    def ids(self) -> pd.Index:
        """The projects with money in the year, in the plan's order."""
        return self.amounts_minor.index.copy()

    @property
    def year_minor(self) -> pd.Series:
        """Each project's money for the year (its months' sum)."""
        return self.amounts_minor.sum(axis=1).astype(np.int64).rename("year")

    @property
    def total_minor(self) -> int:
        """The year's money over all projects."""
        return checked_sum(self.amounts_minor.to_numpy())

    @property
    def month_totals_minor(self) -> pd.Series:
        """The programme's payments planned per month."""
        totals = self.amounts_minor.to_numpy(dtype=np.int64).sum(axis=0)
        return pd.Series(totals, index=pd.Index(MONTHS, name="month"), name="planned")

    def to_frame(
        self, unit: str | None = None, *, lang: str | None = None, by: str | None = None
    ) -> pd.DataFrame:
        """Project x month in ``unit`` (the minor unit by default): integers in the minor
        unit or a finer one, floats in a coarser one; months headed ``1``-``12`` (``1月`` in
        Chinese). ``by="source"``: source x month and the year's total, each source's money
        as :mod:`capex.solvers.by_source` splits it."""
        from capex.solvers.by_source import check_by, source_table

        lang = check_lang(lang or self.lang)
        if check_by(by) == "source":
            table = self.by_source_minor()
            table.columns = self.month_headings(lang)
            return source_table(table, self.sources, self.money, unit, lang=lang)
        unit = self.money.unit if unit is None else self.money.normalize_unit(unit)
        table = self.amounts_minor
        frame = pd.DataFrame(
            self.money.to_unit(table.to_numpy(dtype=np.int64), unit),
            index=table.index.copy(),
            columns=self.month_headings(lang),
        )
        frame.index.name = "id" if lang == "en" else term("id", lang)
        frame.attrs["unit"] = unit
        return frame

    def with_names(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """:meth:`to_frame` with the project's name first and its year's total last."""
        lang = check_lang(lang or self.lang)
        frame = self.to_frame(unit, lang=lang)
        frame.insert(
            0,
            term("name", lang) if lang != "en" else "name",
            self.names.reindex(self.amounts_minor.index).to_numpy(),
        )
        unit = frame.attrs["unit"]
        frame[term("total", lang) if lang != "en" else "total"] = self.money.to_unit(
            self.year_minor.to_numpy(), unit
        )
        return frame

    def by_month(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """Per month: ``planned``, ``cumulative``, ``quota`` (missing: none), ``headroom``
        and ``extra_quota``, in ``unit`` (the minor unit by default)."""
        lang = check_lang(lang or self.lang)
        planned = self.month_totals_minor.to_numpy()
        quota = self.quota_minor.reindex(MONTHS).astype("Int64")
        table = pd.DataFrame(
            {
                "planned": planned,
                "cumulative": np.cumsum(planned),
                "quota": quota.array,
                "headroom": (quota - planned).array,
                "extra_quota": self.extra_quota_minor.reindex(MONTHS, fill_value=0).to_numpy(),
            },
            index=pd.Index(MONTHS, name="month"),
        )
        shown = _in_unit(table, self.money, unit, lang)
        if not self.fiscal_year.is_calendar:
            shown.index = pd.Index(self.month_headings(lang), name=shown.index.name)
        return shown

    def by_line(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """Per quota line and month: what the plan draws on it (empty without a quota)."""
        lang = check_lang(lang or self.lang)
        if self.line_totals_minor is None:
            return pd.DataFrame(columns=self.month_headings(lang))
        table = self.line_totals_minor.copy()
        shown = _in_unit(table, self.money, unit, lang)
        shown.columns = self.month_headings(lang)
        return shown

    def by_source_minor(self) -> pd.DataFrame:
        """Source x month (positions 1-12), integers of the minor unit: each project's months
        split by source in proportion to what each source has left of its year
        (:func:`capex.model.sources.split_flows`), a source's own part placed by a quota line
        taken as placed."""
        from capex.model.sources import UNASSIGNED, split_flows
        from capex.solvers.by_source import check_has_sources

        sources = check_has_sources(self.sources)
        ids = self.amounts_minor.index
        year_own = self.source_year_minor.reindex(ids).fillna(0).to_numpy(np.int64)
        own = split_flows(self.amounts_minor.to_numpy(np.int64), year_own)  # (n, 12, k + 1)
        if self.parts_minor is not None and len(self.parts_minor):
            names = [*sources.names, UNASSIGNED]
            position = {pid: i for i, pid in enumerate(ids)}
            placed: dict[int, dict[int, np.ndarray]] = {}
            for (pid, line), row in zip(self.parts_minor.index, self.parts_minor.to_numpy()):
                if line in names and pid in position:
                    placed.setdefault(position[pid], {})[names.index(line)] = row
            for i, rows in placed.items():
                given = np.zeros((12, len(names)), dtype=np.int64)
                for c, row in rows.items():
                    given[:, c] = row
                rest = self.amounts_minor.to_numpy(np.int64)[i] - given.sum(axis=1)
                given[:, -1] += rest  # a part no source line placed: the unassigned money
                own[i] = given
        k = len(sources.names)
        levels = own[:, :, :k] @ sources.ancestry().T.astype(np.int64)
        table = np.concatenate([levels, own[:, :, k:]], axis=2).sum(axis=0).T
        return pd.DataFrame(
            table, index=pd.Index([*sources.names, UNASSIGNED]), columns=pd.Index(MONTHS)
        )

    # -- words -----------------------------------------------------------------------------
    def _headline(self, lang: str) -> str:
        return term(
            "monthly_headline",
            lang,
            year=self.fiscal_year.label(self.year, lang),
            status=term(str(self.status), lang),
            projects=len(self.amounts_minor),
            total=self.money.format(self.total_minor),
            profile=profile_word(self.profile, lang),
        )

    def summary(
        self, unit: str | None = None, *, lang: str | None = None, by: str | None = None
    ) -> str:
        """The plan in a few lines: the months against their quota, the least extra quota
        and why (amounts in ``unit``, the display unit by default); ``by="source"``: the
        months by funding source."""
        from capex.solvers.by_source import check_by, source_text

        lang = check_lang(lang or self.lang)
        unit = self.money.normalize_unit(unit)
        if check_by(by) == "source":
            title = term(
                "by_source_months", lang, unit=unit, year=self.fiscal_year.label(self.year, lang)
            )
            return source_text(
                title,
                self.by_source_minor(),
                self.sources,
                self.money,
                unit,
                lang=lang,
                headings=[str(h) for h in self.month_headings(lang)],
            )
        lines = [
            self._headline(lang),
            "  " + term("monthly_source", lang, source=said(self.source, lang)),
        ]
        table = self.by_month(self.money.unit, lang="en")
        headers = [
            term("month", lang),
            term("with_unit", lang, label=term("planned", lang), unit=unit),
            term("with_unit", lang, label=term("cumulative_planned", lang), unit=unit),
            term("with_unit", lang, label=term("quota", lang), unit=unit),
            term("with_unit", lang, label=term("extra_quota", lang), unit=unit),
        ]
        columns = [
            self.month_headings(lang),
            *(
                amount_texts(
                    [None if pd.isna(v) else int(v) for v in table[column]], self.money, unit
                )
                for column in ("planned", "cumulative", "quota", "extra_quota")
            ),
        ]
        rendered = render(headers, zip(*columns), align="lrrrr")
        lines += ["  " + line for line in rendered.splitlines()]
        lines += ["  " + said(message, lang) for message in self.messages]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<{self._headline('en')}>"

    def _html_tables(self, unit: str, lang: str | None) -> list[Any]:
        unit = self.money.normalize_unit(None)  # a month is shown in its own unit (万元)
        return [self.by_month(unit, lang=lang).T, self.with_names(unit, lang=lang)]


def month_money(money: Money) -> Money:
    """The money of month tables: the plan's minor unit, shown in 万元 for yuan (a month of a
    district's programme is some 千万元: in 亿元 it would read 0.0421)."""
    if money.currency != "CNY" or money.per("万元") < 1:
        return money
    return Money(money.currency, money.unit, "万元")


def month_heading(
    month: int, lang: str = "en", fiscal_year: FiscalYear | None = None, year: int | None = None
) -> Any:
    """A month's column heading: the number in English (as programs read it), ``3月`` in
    Chinese; in a budget year that is not the calendar year (``fiscal_year``, with its
    ``year``), the month's calendar name (``Oct 2026``, ``2026年10月``)."""
    if fiscal_year is not None and not fiscal_year.is_calendar and year is not None:
        return fiscal_year.month_label(year, int(month), lang)
    return int(month) if lang == "en" else term("month_n", lang, month=int(month))


def _in_unit(table: pd.DataFrame, money: Money, unit: str | None, lang: str) -> pd.DataFrame:
    unit = money.unit if unit is None else money.normalize_unit(unit)
    out = pd.DataFrame(index=table.index.copy())
    for column in table.columns:
        values = table[column]
        if values.dtype.name == "Int64":
            gaps = values.isna().to_numpy()
            shown = money.to_unit(values.fillna(0).to_numpy(dtype=np.int64), unit)
            out[column] = pd.Series(shown, index=table.index).mask(gaps)
        else:
            out[column] = money.to_unit(values.to_numpy(dtype=np.int64), unit)
    out.attrs["unit"] = unit
    if lang != "en":
        out = out.rename(columns=lambda c: term(c, lang) if isinstance(c, str) else c)
        if out.index.name == "month":
            out.index = pd.Index(
                [month_heading(m, lang) for m in out.index], name=term("month", lang)
            )
    return out


# ---------------------------------------------------------------------------------------
# one year of a plan
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class YearOfPlan:
    """One budget year of a plan: each project's money, its name, and where it came from."""

    amounts: pd.Series  # int64 by id, the year's money (projects with none left out)
    names: pd.Series
    money: Money
    source: Message | str
    frame: pd.DataFrame | None  # the projects' attributes, for budget-line rules


def year_of_plan(plan: Any, year: int, portfolio: Any = None) -> YearOfPlan:
    """The money each project of ``plan`` has in ``year`` (projects with none left out);
    ``plan`` as :func:`capex.solvers.planned.plan_table` reads it."""
    table = plan_table(plan, portfolio)
    years = [int(y) for y in table.flows.columns]
    if int(year) not in years:
        span = f"{years[0]}-{years[-1]}" if years else phrase("err_after_no_years")
        raise CapexError(phrase("err_after_plan_no_year", year=year, span=span))
    amounts = table.flows[int(year)]
    negative = amounts[amounts < 0]
    if len(negative):
        raise CapexError(
            phrase(
                "err_after_month_negative",
                project=negative.index[0],
                year=year,
                amount=table.money.format(int(negative.iloc[0])),
            )
        )
    amounts = amounts[amounts > 0]
    names = table.names.reindex(amounts.index)
    return YearOfPlan(
        amounts.rename("year"), names.rename("name"), table.money, table.source, table.frame
    )


# ---------------------------------------------------------------------------------------
# the entry point
# ---------------------------------------------------------------------------------------
def monthly(
    plan: Any,
    year: int,
    profile: Any = "uniform",
    quota: Any = None,
    *,
    start_month: Mapping[Any, int] | pd.Series | None = None,
    finish_month: Mapping[Any, int] | pd.Series | None = None,
    unit: str | None = None,
    portfolio: Any = None,
    time_limit: float | None = None,
    seed: int = 0,
    fiscal_year_start: int | FiscalYear | None = None,
    lang: str | None = None,
) -> MonthlyPlan:
    """Split one budget year of ``plan`` over its months, exactly, under a monthly quota.

    Parameters
    ----------
    plan
        A plan result (:func:`capex.spread`, :func:`capex.shift`, :func:`capex.reforecast`, a
        scenario's), a baseline (:func:`capex.load_phased`), a cash flow
        (:func:`capex.cash_flow`) or a project x year DataFrame of integers of the minor unit.
    year
        The budget year.
    profile
        How each project's year is aimed over its months: ``"uniform"``, ``"days"``,
        ``"construction"`` (the construction season, with the Spring Festival of ``year``) or
        twelve weights (:func:`capex.model.month_profiles.month_profile`).
    quota
        The monthly quota (用款计划额度): ``None`` (none); one amount for every month; twelve
        amounts, or ``{month: amount}`` (a month absent has no quota), for the whole
        programme; or budget lines (:class:`capex.BudgetLine`, a list of them) whose
        ceilings are ``{month: amount}``, over projects by rule or by share. Amounts are in
        ``unit`` (a line's own ``unit`` wins) and rounded down to the minor unit.
    start_month, finish_month
        开工月份 and 竣工月份: ``{project id: month}`` (or a Series) bounding the months a
        project may be paid in; the whole year by default.
    unit
        The unit of the quota's amounts: the plan's display unit (亿元 for yuan) by default.
    portfolio
        The projects, when a budget line's rule reads their columns (``builder``,
        ``government_investment`` ...) or ``plan`` is a bare DataFrame.
    time_limit, seed
        For the integer program that overlapping quota lines need.
    fiscal_year_start
        The calendar month the budget year starts in (1-12, or a
        :class:`capex.model.budget_year.FiscalYear`): by default the plan's own (its portfolio's),
        else January. Month 1 is the budget year's first month (October 2026 in FY2027).
    lang
        The language of the summary, the messages shown and the HTML view.

    Returns
    -------
    MonthlyPlan
        Optimal (the quota met, the plan closest to the profile), or infeasible with the least
        extra quota per month and why; every row adds up to the project's year, to the unit.

    Raises
    ------
    CapexError
        A year the plan does not have, a bad month or profile, a quota in no accepted form, a
        project whose start month is after its finish month.
    """
    started = time.perf_counter()
    stored, lang = lang, check_lang(lang)  # worded now in lang; shown later as asked
    time_limit, seed, _ = check_solver_controls(time_limit, seed, 1)
    fiscal = _plan_fiscal_year(plan, portfolio, fiscal_year_start)
    year = int(year)
    taken = year_of_plan(plan, year, portfolio)
    money = month_money(taken.money)
    ids = taken.amounts.index
    amounts = taken.amounts.to_numpy(np.int64)
    months = month_profile(profile, year, fiscal)
    lo, hi = _months_window(ids, start_month, finish_month)
    targets = _targets(amounts, lo, hi, months)
    lines = _quota_lines(quota, unit)
    sources, year_own = _year_by_source(plan, portfolio, year, ids, taken.money)
    if sources is not None:  # a quota line per source: shares of each project's year
        levels = sources._levels(year_own.to_numpy(np.int64), ids)
        try:
            lines = source_lines(lines, sources, levels, taken.amounts)
        except BudgetError as error:
            raise CapexError(phrase("err_after_quota", error=error)) from None
    elif any(source_name(line) for line in lines):
        raise CapexError(phrase("err_after_quota_sources"))
    capacity = _capacity(lines, money)
    unit_project, unit_line, unit_amount, unit_target, unit_lines, members = _units(
        lines, ids, amounts, targets, taken.frame
    )
    problem = MonthlyProblem(
        unit_amount, unit_target, lo[unit_project], hi[unit_project], unit_lines, capacity
    )
    solution = solve_monthly(problem, time_limit=time_limit, seed=seed)
    schedule = np.zeros((len(ids), 12), dtype=np.int64)
    np.add.at(schedule, unit_project, solution.unit_amounts)

    messages: list[str] = []
    status = Status(solution.status)
    if status is Status.UNKNOWN:
        messages.append(phrase("monthly_no_plan_in_time"))
    elif solution.month_extra.any():
        status = Status.INFEASIBLE
        messages += _explain(problem, lines, ids, unit_project, solution, money)
    elif status is Status.FEASIBLE:
        messages.append(phrase("spread_not_proven"))

    index = pd.Index(ids, name="id")
    month_index = pd.Index(MONTHS, name="month")
    line_frames: dict[str, Any] = {}
    main = _main_line(lines, unit_lines, unit_line)
    quota_series = pd.Series(pd.array([None] * 12, dtype="Int64"), index=month_index, name="quota")
    if lines:
        names = pd.Index([line.name for line in lines], name="line")
        caps = pd.DataFrame(
            np.where(capacity == NO_CEILING, np.nan, capacity), index=names, columns=month_index
        ).astype("Int64")
        line_frames = {
            "line_quota_minor": caps,
            "line_totals_minor": pd.DataFrame(
                unit_lines.T.astype(np.int64) @ solution.unit_amounts,
                index=names,
                columns=month_index,
            ),
            "line_extra_minor": pd.DataFrame(solution.line_extra, index=names, columns=month_index),
            "line_members": pd.DataFrame(members, index=index, columns=names),
        }
        if main >= 0:
            quota_series = caps.iloc[main].rename("quota")
    parts = None
    is_part = unit_line >= 0
    if is_part.any():
        part_index = pd.MultiIndex.from_arrays(
            [ids[unit_project[is_part]], [lines[k].name for k in unit_line[is_part]]],
            names=["id", "line"],
        )
        parts = pd.DataFrame(solution.unit_amounts[is_part], index=part_index, columns=month_index)
        parts = parts.groupby(level=["id", "line"], sort=False).sum()
    result = MonthlyPlan(
        status=status,
        year=year,
        amounts_minor=pd.DataFrame(schedule, index=index, columns=month_index),
        names=taken.names,
        target_minor=pd.DataFrame(targets, index=index, columns=month_index),
        months_window=pd.DataFrame({"start_month": lo + 1, "finish_month": hi + 1}, index=index),
        quota_minor=quota_series,
        extra_quota_minor=pd.Series(solution.month_extra, index=month_index, name="extra_quota"),
        moved_minor=solution.moved,
        profile=months.name,
        profile_weights=tuple(months.weights),
        messages=tuple(messages),
        source=taken.source,
        method=solution.method,
        runtime=time.perf_counter() - started,
        money=money,
        fiscal_year=fiscal,
        lang=stored,
        sources=sources,
        source_year_minor=year_own,
        parts_minor=parts,
        **line_frames,
    )
    violations = check_monthly(result, taken.amounts)
    if violations:  # a bug, never the user's data: say so rather than hand out a wrong plan
        raise CapexError("the monthly plan failed its own check: " + "; ".join(violations))
    return result


# ---------------------------------------------------------------------------------------
# the pieces
# ---------------------------------------------------------------------------------------
def _year_by_source(
    plan: Any, portfolio: Any, year: int, ids: pd.Index, money: Money
) -> tuple[Any, pd.DataFrame | None]:
    """The plan's sources and each project's money of ``year`` by source (project x own
    part, then the unassigned), or ``(None, None)`` for a plan without sources."""
    from capex.model.sources import UNASSIGNED
    from capex.solvers.by_source import source_flows

    holders = (plan, getattr(plan, "portfolio", None), portfolio)
    if all(getattr(holder, "sources", None) is None for holder in holders):
        return None, None
    found = source_flows(plan, portfolio=portfolio)
    own = _own_of_year(found, year, ids)
    return found.sources, own.reindex(columns=[*found.sources.names, UNASSIGNED])


def _own_of_year(found: Any, year: int, ids: pd.Index) -> pd.DataFrame:
    """Each project's own parts by source in ``year`` (integers), from its money by source."""
    from capex.model.sources import UNASSIGNED

    sources = found.sources
    levels = found.flows_minor[year].unstack("source").reindex(ids).fillna(0).astype(np.int64)
    names = sources.names
    own = levels[names].copy()
    for name in names:
        parent = sources.parent_of(name)
        if parent is not None:
            own[parent] -= levels[name]
    own[UNASSIGNED] = levels[UNASSIGNED]
    return own


def _plan_fiscal_year(plan: Any, portfolio: Any, given: Any) -> FiscalYear:
    """The budget year of a month plan: the one given, else the plan's (its portfolio's),
    else the calendar year; a given one other than the plan's own is an error."""
    own = None
    for holder in (plan, getattr(plan, "portfolio", None), portfolio):
        found = getattr(holder, "fiscal_year", None)
        if isinstance(found, FiscalYear):
            own = found
            break
    if given is None:
        return own if own is not None else CALENDAR
    fiscal = fiscal_year_of(given)
    if own is not None and not own.is_calendar and own.start != fiscal.start:
        raise CapexError(
            phrase("err_after_fiscal_start", start=fiscal.start, counts=FiscalWords(own))
        )
    if own is not None and own.start == fiscal.start:
        return own
    return fiscal


def _months_window(
    ids: pd.Index, start_month: Any, finish_month: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Each project's first and last month position (0-11)."""
    lo = _month_positions(ids, start_month, "start_month", 0)
    hi = _month_positions(ids, finish_month, "finish_month", 11)
    wrong = np.flatnonzero(lo > hi)
    if len(wrong):
        k = int(wrong[0])
        raise CapexError(
            phrase("err_after_month_order", project=ids[k], start=lo[k] + 1, finish=hi[k] + 1)
        )
    return lo, hi


class FiscalWords:
    """How a fiscal year counts, worded in the language its message is shown in."""

    def __init__(self, fiscal: FiscalYear) -> None:
        self.fiscal = fiscal

    def text(self, lang: str | None = None) -> str:
        return self.fiscal.describe(check_lang(lang))


def _month_positions(ids: pd.Index, given: Any, what: str, default: int) -> np.ndarray:
    """Month positions (0-11) by project, ``default`` where none is given."""
    out = np.full(len(ids), default, dtype=np.int64)
    if given is None:
        return out
    if not isinstance(given, (Mapping, pd.Series)):
        raise CapexError(
            phrase("err_after_month_table", what=phrase(f"err_after_{what}"), value=repr(given))
        )
    given = pd.Series(dict(given.items()) if isinstance(given, Mapping) else given)
    given = given[given.notna()]
    if not len(given):
        return out
    rows = ids.get_indexer(given.index) if given.index.is_unique else np.full(len(given), -1)
    if (rows < 0).any():  # ids written another way ("020" for 20): matched as capex matches ids
        try:
            labels = resolve_ids(list(given.index), ids)
        except CapexError as error:
            raise CapexError(
                phrase("err_after_what_error", what=phrase(f"err_after_{what}"), error=error)
            ) from None
        rows = ids.get_indexer(labels)
    values = given.to_numpy()
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    if given.dtype.kind in "iuf":  # numbers already: no text, no yes/no among them
        typed = np.ones(len(values), dtype=bool)
    else:
        typed = np.array(
            [isinstance(v, (Real, np.integer)) and not isinstance(v, bool) for v in values]
        )
    good = typed & (numbers == np.floor(numbers)) & (numbers >= 1) & (numbers <= 12)
    if not good.all():
        k = int(np.flatnonzero(~good)[0])
        raise CapexError(
            phrase(
                "err_after_not_month",
                what=phrase(f"err_after_{what}"),
                project=given.index[k],
                value=repr(values[k]),
            )
        )
    values = numbers
    out[rows] = values.astype(np.int64) - 1
    return out


def _targets(
    amounts: np.ndarray, lo: np.ndarray, hi: np.ndarray, months: MonthProfile
) -> np.ndarray:
    """Each project's year split over its months by the profile, exactly (largest remainder)."""
    targets = np.zeros((len(amounts), 12), dtype=np.int64)
    key = lo * 12 + hi  # one number per window of months
    order = np.argsort(key, kind="stable")
    starts = np.flatnonzero(np.diff(key[order], prepend=-1))
    for a, b in zip(starts, [*starts[1:], len(order)]):
        rows = order[a:b]
        first, last = int(lo[rows[0]]), int(hi[rows[0]])
        span = list(range(int(first) + 1, int(last) + 2))
        targets[rows, first : last + 1] = largest_remainder(amounts[rows], months.shares(span))
    return targets


def _quota_lines(quota: Any, unit: str | None) -> tuple[BudgetLine, ...]:
    """The quota as budget lines whose ceilings are keyed by month."""
    if quota is None:
        return ()
    if isinstance(quota, (Real, Decimal, str)) and not isinstance(quota, bool):
        return (BudgetLine(QUOTA_LINE, dict.fromkeys(MONTHS, quota), unit=unit),)
    if isinstance(quota, (Mapping, pd.Series)):
        return (BudgetLine(QUOTA_LINE, dict(quota.items()), unit=unit),)
    if isinstance(quota, (Sequence, np.ndarray)) and not isinstance(quota, BudgetLine):
        items = list(quota)
        if items and all(isinstance(item, BudgetLine) for item in items):
            lines = as_budget_lines(items)
        elif len(items) == 12:
            return (BudgetLine(QUOTA_LINE, dict(zip(MONTHS, items)), unit=unit),)
        else:
            raise CapexError(phrase("err_after_quota_shape", n=len(items)))
    else:
        try:
            lines = as_budget_lines(quota)
        except BudgetError as error:
            raise CapexError(phrase("err_after_quota", error=error)) from None
    for line in lines:
        wrong = [m for m in line.ceilings if not 1 <= int(m) <= 12]
        if wrong:
            raise CapexError(phrase("err_after_quota_month", line=repr(line.name), month=wrong[0]))
    return lines


def _capacity(lines: tuple[BudgetLine, ...], money: Money) -> np.ndarray:
    capacity = np.full((len(lines), 12), NO_CEILING, dtype=np.int64)
    for k, line in enumerate(lines):
        for month, cap in line.ceilings_minor(money).items():
            capacity[k, int(month) - 1] = cap
    return capacity


def _units(
    lines: tuple[BudgetLine, ...],
    ids: pd.Index,
    amounts: np.ndarray,
    targets: np.ndarray,
    frame: pd.DataFrame | None,
) -> tuple[np.ndarray, ...]:
    """Units (whole projects, or the parts share lines fund), as the spread makes them
    (:mod:`capex.solvers._spread_problem`): their project, funding line, amount, target and
    lines; and each project's share on each line."""
    n = len(ids)
    table = pd.DataFrame(index=ids) if frame is None else frame.reindex(ids)
    if frame is not None and table.index.isin(frame.index).sum() < n:
        missing = ids[~ids.isin(frame.index)]
        raise CapexError(phrase("err_after_not_in_portfolio", project=missing[0]))
    try:  # the one split of projects into the parts share lines fund (capex.model.budget)
        parts = funded_parts(lines, table, amounts, targets, only_positive=False)
    except BudgetError as error:
        if frame is not None:
            raise CapexError(phrase("err_after_quota", error=error)) from None
        raise CapexError(phrase("err_after_quota_rules", error=error)) from None
    return (
        parts.project,
        parts.line,
        parts.amount,
        parts.target.reshape(-1, 12),
        parts.on_lines,
        parts.members,
    )


def _main_line(lines: tuple[BudgetLine, ...], unit_lines: np.ndarray, unit_line: np.ndarray) -> int:
    """The first line over every project in full, or -1."""
    for k, line in enumerate(lines):
        if not line.is_shared and unit_lines[:, k].all():
            return k
    return -1


def _explain(
    problem: MonthlyProblem,
    lines: tuple[BudgetLine, ...],
    ids: pd.Index,
    unit_project: np.ndarray,
    solution: Any,
    money: Money,
) -> list[str]:
    """Sentences: per line, the run of months whose quota is shortest for the money that must
    be paid in it (Hall's condition, :mod:`capex.solvers.hall`), and the least extra quota."""
    messages: list[str] = []
    for k, line in enumerate(lines):
        caps = problem.capacity[k]
        inside = problem.unit_lines[:, k]
        demand = interval_demand(
            problem.unit_lo[inside], problem.unit_hi[inside], problem.unit_amount[inside], 12
        )
        gaps = shortfalls(demand, caps, caps != NO_CEILING)
        if not gaps:
            continue
        worst = max(gaps, key=lambda gap: gap.short)
        who = inside & (problem.unit_lo >= worst.first) & (problem.unit_hi <= worst.last)
        chosen = ids[np.unique(unit_project[who])]
        months = (
            f"{worst.first + 1}"
            if worst.first == worst.last
            else f"{worst.first + 1}-{worst.last + 1}"
        )
        messages.append(
            phrase(
                "monthly_short",
                line=line_phrase(line.name),
                months=months,
                ids=", ".join(str(i) for i in chosen[:12]) + (" ..." if len(chosen) > 12 else ""),
                demand=money.format(worst.demand),
                allowed=money.format(worst.allowed),
            )
        )
    if not messages:
        messages.append(
            phrase("spread_lines_together", lines=", ".join(repr(line.name) for line in lines))
        )
    needed = joined(
        (
            phrase("month_amount", month=m + 1, amount=money.format(int(v)))
            for m, v in enumerate(solution.month_extra)
            if v > 0
        ),
        "list_separator",
    )
    total = money.format(int(solution.month_extra.sum()))
    messages.append(phrase("monthly_least_extra", needed=needed, total=total))
    return messages


# ---------------------------------------------------------------------------------------
# the independent check
# ---------------------------------------------------------------------------------------
def check_monthly(plan: MonthlyPlan, year_minor: pd.Series | None = None) -> list[str]:
    """What a monthly plan breaks, recomputed from its own tables (empty: nothing):
    whole non-negative amounts; each row adds up to the project's year (``year_minor``, the
    plan's amounts for the year, when given); nothing outside a project's months; each line's
    load within its quota plus its stated extra; the extra per month at least what any line
    exceeds."""
    found: list[str] = []
    amounts = plan.amounts_minor.to_numpy()
    if amounts.dtype.kind not in "iu":
        return ["the amounts are not integers of the minor unit"]
    if (amounts < 0).any():
        found.append("a negative amount")
    if year_minor is not None:
        expected = year_minor.reindex(plan.amounts_minor.index).to_numpy(np.int64)
        wrong = np.flatnonzero(amounts.sum(axis=1) != expected)
        if len(wrong):
            found.append(f"project {plan.amounts_minor.index[wrong[0]]}: its months do not add up")
    window = plan.months_window
    positions = np.arange(12)[None, :]
    outside = (positions < window["start_month"].to_numpy()[:, None] - 1) | (
        positions > window["finish_month"].to_numpy()[:, None] - 1
    )
    if (amounts[outside] != 0).any():
        found.append("money outside a project's months")
    if plan.line_members is not None and plan.line_quota_minor is not None:
        loads = plan.line_totals_minor.to_numpy(np.int64)
        caps = plan.line_quota_minor
        extra = plan.line_extra_minor.to_numpy(np.int64)
        members = plan.line_members.to_numpy()
        whole = (members == 1) | (members == 0)
        for k in range(len(caps)):
            if whole[:, k].all():  # a line over whole projects: its load from the table
                load = amounts[members[:, k] == 1].sum(axis=0)
                if not np.array_equal(load, loads[k]):
                    found.append(f"line {caps.index[k]!r}: its load is not its projects' sum")
            capped = caps.iloc[k].notna().to_numpy()
            limit = caps.iloc[k].fillna(0).to_numpy(np.int64)
            if (loads[k][capped] > limit[capped] + extra[k][capped]).any():
                found.append(f"line {caps.index[k]!r}: over its quota beyond the stated extra")
        month_extra = plan.extra_quota_minor.to_numpy(np.int64)
        if (extra.max(axis=0, initial=0) > month_extra).any():
            found.append("a line is over its quota by more than the month's extra quota")
    return found
