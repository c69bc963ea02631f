"""The budget year in months: which budget year and month a date or a calendar month falls in,
how a budget year is named, and how much of it has gone by (序时进度).

A Chinese budget year is the calendar year (预算法 第十八条: 预算年度自公历1月1日起，至12月31日止),
so month 1 of budget year 2027 is January 2027. Other countries start theirs in another month
and name it in their own way (:class:`FiscalYear`):

================  =====  ========  =========================================================
who               start  naming    the budget year of 15 November 2026
================  =====  ========  =========================================================
China             1      calendar  2026 (``2026``)
United States     10     end       FY2027, October 2026 - September 2027 (``FY2027``)
Japan (年度)      4      start     2026年度, April 2026 - March 2027 (``FY2026``)
UK, India         4      span      2026-27, April 2026 - March 2027 (``2026-27``)
Australia         7      end/span  FY2027 or 2026-27, July 2026 - June 2027
================  =====  ========  =========================================================

Inside capex a budget year is the number in its name: 2027 for FY2027 and 2026 for 2026年度;
for a year named as a span, ``2026-27``, the year in which it starts (2026). So the years of a
portfolio, its ceilings and its tables are plain ints that read as the data's own names, and
:meth:`FiscalYear.label` writes them back as the data writes them.

:func:`budget_month` is the one place that maps a date or a calendar month to its budget year
and its month within that year (1 for the budget year's first month); every reader and report
asks it, with ``fiscal_year_start`` (1-12) and, where it matters, the naming.

序时进度, the share of the year gone by at a date, is counted by whole months (a report at the
end of September is at 9/12 = 75 %) or by days (``by="days"``: 273/365 on 30 September of a
common year); :func:`elapsed_share` gives it as an exact fraction.

>>> budget_month("2027-09-30")
(2027, 9)
>>> budget_month("2026-10-01", fiscal_year_start=10)
(2027, 1)
>>> elapsed_share(2027, "2027-09-30")
Fraction(3, 4)
>>> elapsed_share(2027, "2027-09-30", by="days")
Fraction(273, 365)
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.terms import phrase

__all__ = [
    "CALENDAR",
    "ELAPSED_BY",
    "MONTHS",
    "NAMINGS",
    "FiscalYear",
    "budget_month",
    "budget_months",
    "calendar_month",
    "elapsed_months",
    "elapsed_share",
    "fiscal_year_of",
    "month_days",
    "to_date",
]

MONTHS = tuple(range(1, 13))
"""The months of a budget year, by their position in it (1 = the first)."""

ELAPSED_BY = ("months", "days")
"""How 序时进度 is counted: by whole months (the default) or by days."""

NAMINGS = ("calendar", "end", "start", "span")
"""How budget years are named: ``calendar`` (a budget year that starts in January is its
calendar year, ``2027``); ``end``, by the calendar year in which it ends (the United States:
FY2027 = October 2026 - September 2027); ``start``, by the year in which it starts (Japan's
年度: 2026年度 = April 2026 - March 2027); ``span``, by both (``2026-27``, as the UK, India and
Australia write it; capex keeps it as the year in which it starts)."""

_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class CalendarError(CapexError, ValueError):
    """A date, a month or a budget-year setting capex cannot read."""


@dataclass(frozen=True)
class FiscalYear:
    """When a budget year starts and how it is named (see the module text).

    Parameters
    ----------
    start
        The calendar month in which a budget year starts, 1-12 (1: the calendar year).
    naming
        ``"end"``, ``"start"`` or ``"span"`` (:data:`NAMINGS`); a year starting in January is
        always named by its calendar year (``"calendar"``). By default ``"end"`` for a year
        starting in another month, as ``FY2027`` reads in the United States.

    Examples
    --------
    >>> us = FiscalYear(10)
    >>> us.of("2026-10-01"), us.label(2027), us.label(2027, "zh")
    ((2027, 1), 'FY2027', '2027财年')
    >>> FiscalYear(4, "span").label(2026), FiscalYear(4, "start").label(2026, "zh")
    ('2026-27', '2026年度')
    """

    start: int = 1
    naming: str | None = None

    def __post_init__(self) -> None:
        start = self.start
        if (
            isinstance(start, bool)
            or not isinstance(start, (int, np.integer))
            or not (1 <= start <= 12)
        ):
            raise CalendarError(phrase("err_model_fiscal_start", start=repr(start)))
        object.__setattr__(self, "start", int(start))
        naming = self.naming
        if start == 1:
            if naming not in (None, "calendar", "end", "start"):
                raise CalendarError(phrase("err_model_fiscal_naming_calendar", naming=repr(naming)))
            naming = "calendar"
        elif naming is None:
            naming = "end"
        elif naming not in NAMINGS[1:]:
            raise CalendarError(phrase("err_model_fiscal_naming", naming=repr(naming)))
        object.__setattr__(self, "naming", naming)

    @property
    def is_calendar(self) -> bool:
        """Whether the budget year is the calendar year."""
        return self.start == 1

    def first_calendar_year(self, year: int) -> int:
        """The calendar year in which budget year ``year`` starts."""
        return int(year) - 1 if self.naming == "end" else int(year)

    def of(self, when: Any, month: int | None = None) -> tuple[int, int]:
        """The budget year of a date (or of calendar year ``when`` and ``month``) and its
        month's position in that year (see :func:`budget_month`)."""
        if month is None:
            date = to_date(when)
            year, month = date.year, date.month
        else:
            if (
                isinstance(month, bool)
                or not isinstance(month, (int, np.integer))
                or not (1 <= month <= 12)
            ):
                raise CalendarError(phrase("err_model_not_a_month", month=repr(month)))
            year, month = int(when), int(month)
        budget_year, position = self.of_months(year, month)
        return int(budget_year), int(position)

    def of_months(self, years: Any, months: Any) -> tuple[Any, Any]:
        """:meth:`of` for calendar years and months (numbers or arrays of them): the one
        arithmetic of a budget year and its months."""
        first = np.where(np.asarray(months) >= self.start, years, np.asarray(years) - 1)
        position = (np.asarray(months) - self.start) % 12 + 1
        return first + (1 if self.naming == "end" else 0), position

    def calendar_month(self, year: int, position: int) -> tuple[int, int]:
        """The calendar year and month of month ``position`` (1-12) of budget year ``year``."""
        if isinstance(position, bool) or not 1 <= int(position) <= 12:
            raise CalendarError(phrase("err_model_not_budget_month", position=repr(position)))
        shifted = self.start - 1 + int(position) - 1
        return self.first_calendar_year(year) + shifted // 12, shifted % 12 + 1

    def first_day(self, year: int) -> dt.date:
        """The first day of budget year ``year``."""
        return dt.date(*self.calendar_month(year, 1), 1)

    def last_day(self, year: int) -> dt.date:
        """The last day of budget year ``year``."""
        last_year, last_month = self.calendar_month(year, 12)
        return dt.date(last_year, last_month, _calendar.monthrange(last_year, last_month)[1])

    def label(self, year: int, lang: str = "en") -> str:
        """Budget year ``year`` as the data name it: ``2027``, ``FY2027`` (``2027财年``),
        ``FY2026`` (``2026年度``) or ``2026-27`` (``2026-27财年``)."""
        year = int(year)
        if self.naming == "calendar":
            return str(year)
        if self.naming == "span":
            text = f"{year}-{(year + 1) % 100:02d}"
            return text if lang == "en" else f"{text}财年"
        if self.naming == "start":
            return f"FY{year}" if lang == "en" else f"{year}年度"
        return f"FY{year}" if lang == "en" else f"{year}财年"

    def span_label(self, first: int, last: int, lang: str = "en") -> str:
        """A run of budget years: ``2021-2025``, ``FY2027-FY2031``, ``2026-27 to 2030-31``."""
        if self.naming == "calendar":
            return f"{int(first)}-{int(last)}"
        if int(first) == int(last):
            return self.label(first, lang)
        if self.naming == "span":
            joint = " to " if lang == "en" else "至"
            return f"{self.label(first, 'en')}{joint}{self.label(last, lang)}"
        return f"{self.label(first, lang)}-{self.label(last, lang)}"

    def month_label(self, year: int, position: int, lang: str = "en") -> str:
        """Month ``position`` of budget year ``year`` by its calendar name: ``Oct 2026``,
        ``2026年10月``."""
        cal_year, cal_month = self.calendar_month(year, position)
        if lang == "en":
            return f"{_MONTH_NAMES[cal_month - 1]} {cal_year}"
        return f"{cal_year}年{cal_month}月"

    def text(self, lang: str | None = None) -> str:
        """:meth:`describe` in ``lang`` (``None``: ``capex.options.lang``), for messages."""
        from capex.terms import check_lang

        return self.describe(check_lang(lang))

    def describe(self, lang: str = "en") -> str:
        """In words: ``fiscal years October-September, FY2027 = October 2026 - September
        2027``; the calendar year for one that starts in January."""
        if self.is_calendar:
            return "calendar years" if lang == "en" else "公历年度"
        example = 2027 if self.naming == "end" else 2026
        first, last = self.first_day(example), self.last_day(example)
        if lang == "en":
            months = f"{_MONTH_NAMES[self.start - 1]}-{_MONTH_NAMES[(self.start + 10) % 12]}"
            return f"fiscal years {months}, {self.label(example)} = {first:%B %Y} - {last:%B %Y}"
        return (
            f"财政年度{self.start}月至次年{(self.start + 10) % 12 + 1}月，{self.label(example, 'zh')}"
            f"为{first.year}年{first.month}月至{last.year}年{last.month}月"
        )


CALENDAR = FiscalYear(1)
"""The calendar year as budget year (the Chinese 预算年度): capex's default."""


def fiscal_year_of(fiscal_year_start: Any = 1, naming: str | None = None) -> FiscalYear:
    """The :class:`FiscalYear` meant by ``fiscal_year_start`` (a month 1-12, or a
    :class:`FiscalYear` itself) and ``naming``: the one reading of both arguments."""
    if isinstance(fiscal_year_start, FiscalYear):
        if naming is not None and naming != fiscal_year_start.naming:
            return FiscalYear(fiscal_year_start.start, naming)
        return fiscal_year_start
    if fiscal_year_start is None:
        fiscal_year_start = 1
    return FiscalYear(fiscal_year_start, naming)


def to_date(value: Any) -> dt.date:
    """A date from a ``date``, a ``datetime``, a pandas ``Timestamp`` or ISO text
    (``2027-09-30``, ``2027/9/30``, ``2027年9月30日``)."""
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            raise CalendarError(phrase("err_model_date_empty"))
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, np.datetime64):
        return to_date(pd.Timestamp(value))
    if isinstance(value, str):
        text = value.strip().replace("年", "-").replace("月", "-").replace("日", "")
        text = text.replace("/", "-").replace(".", "-").rstrip("-")
        parts = text.split()[0].split("T")[0].split("-") if text else []
        if len(parts) == 3 and all(part.isdigit() for part in parts):
            try:
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError as error:
                raise CalendarError(
                    phrase("err_model_not_a_date", value=repr(value), error=error)
                ) from None
    raise CalendarError(phrase("err_model_not_a_date_write", value=repr(value)))


def budget_month(
    when: Any,
    month: int | None = None,
    *,
    fiscal_year_start: int | FiscalYear = 1,
    naming: str | None = None,
) -> tuple[int, int]:
    """The budget year a date (or a calendar year and month) falls in, and its month within
    that budget year (1 for the budget year's first month).

    Parameters
    ----------
    when
        A date (``date``, ``datetime``, ``Timestamp`` or text such as ``"2027-09-30"``), or a
        calendar year when ``month`` is given.
    month
        The calendar month (1-12) of the year ``when``.
    fiscal_year_start
        The calendar month in which a budget year starts: 1 (January, the Chinese 预算年度,
        the default), 4, 7, 10 ... or a :class:`FiscalYear`.
    naming
        How the budget years are named (:data:`NAMINGS`): by default by the year they end in
        (FY2027 starts in October 2026).

    Examples
    --------
    >>> budget_month(2027, 12), budget_month("2028-01-05")
    ((2027, 12), (2028, 1))
    >>> budget_month("2026-10-15", fiscal_year_start=10)
    (2027, 1)
    >>> budget_month("2026-07-01", fiscal_year_start=7, naming="span")
    (2026, 1)
    """
    return fiscal_year_of(fiscal_year_start, naming).of(when, month)


def budget_months(
    dates: Any, *, fiscal_year_start: int | FiscalYear = 1, naming: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`budget_month` of many dates at once: arrays of budget years and months."""
    fiscal = fiscal_year_of(fiscal_year_start, naming)
    stamps = pd.DatetimeIndex(pd.to_datetime(pd.Series(list(dates), dtype=object)))
    years, months = fiscal.of_months(
        stamps.year.to_numpy(np.int64), stamps.month.to_numpy(np.int64)
    )
    return np.asarray(years, dtype=np.int64), np.asarray(months, dtype=np.int64)


def calendar_month(
    year: int, position: int, *, fiscal_year_start: int | FiscalYear = 1, naming: str | None = None
) -> tuple[int, int]:
    """The calendar year and month of month ``position`` of budget year ``year`` (the inverse
    of :func:`budget_month`).

    >>> calendar_month(2027, 1, fiscal_year_start=10)
    (2026, 10)
    """
    return fiscal_year_of(fiscal_year_start, naming).calendar_month(year, position)


def month_days(
    year: int, month: int, *, fiscal_year_start: int | FiscalYear = 1, naming: str | None = None
) -> int:
    """The number of days in month ``month`` (its position) of budget year ``year``."""
    cal_year, cal_month = fiscal_year_of(fiscal_year_start, naming).calendar_month(year, month)
    return _calendar.monthrange(cal_year, cal_month)[1]


def elapsed_months(
    year: int, as_of: Any, *, fiscal_year_start: int | FiscalYear = 1, naming: str | None = None
) -> int:
    """Whole months of budget year ``year`` completed at the end of the day ``as_of`` (0-12):
    a month counts once its last day is reached, so 30 September gives 9 and 15 September 8."""
    fiscal = fiscal_year_of(fiscal_year_start, naming)
    date = to_date(as_of)
    budget_year, month = fiscal.of(date)
    if budget_year < year:
        return 0
    if budget_year > year:
        return 12
    last = month_days(year, month, fiscal_year_start=fiscal)
    return month if date.day == last else month - 1


def elapsed_share(
    year: int,
    as_of: Any,
    by: str = "months",
    *,
    fiscal_year_start: int | FiscalYear = 1,
    naming: str | None = None,
) -> Fraction:
    """序时进度: the share of budget year ``year`` gone by at the end of the day ``as_of``,
    exactly; by whole months (``elapsed_months / 12``) or by days (days to ``as_of``
    inclusive over the days of the year)."""
    if by not in ELAPSED_BY:
        raise CalendarError(
            phrase("err_model_elapsed_by", by=repr(by), choices=" or ".join(ELAPSED_BY))
        )
    fiscal = fiscal_year_of(fiscal_year_start, naming)
    if by == "months":
        return Fraction(elapsed_months(year, as_of, fiscal_year_start=fiscal), 12)
    date = to_date(as_of)
    first, last = fiscal.first_day(year), fiscal.last_day(year)
    days = (last - first).days + 1
    if date < first:
        return Fraction(0)
    if date > last:
        return Fraction(1)
    return Fraction((date - first).days + 1, days)
