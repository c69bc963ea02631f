"""The budget year in months: which budget year and month a date or a calendar month falls in,
and how much of the year has gone by (序时进度).

A Chinese budget year is the calendar year (预算法 第十八条: 预算年度自公历1月1日起，至12月31日止),
so month 1 of budget year 2027 is January 2027. Other countries start theirs in another month
(October in the United States, April in the United Kingdom, Japan and India, July in
Australia). :func:`budget_month` is the one place that maps a date or a calendar month to its
budget year and its month within that year; every reader and report asks it, so a budget year
that starts in another month changes this function alone. Today it takes
``fiscal_year_start=1`` only.

序时进度, the share of the year gone by at a date, is counted by whole months (a report at the
end of September is at 9/12 = 75 %) or by days (``by="days"``: 273/365 on 30 September of a
common year); :func:`elapsed_share` gives it as an exact fraction.

>>> budget_month("2027-09-30")
(2027, 9)
>>> elapsed_share(2027, "2027-09-30")
Fraction(3, 4)
>>> elapsed_share(2027, "2027-09-30", by="days")
Fraction(273, 365)
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError

__all__ = [
    "ELAPSED_BY",
    "MONTHS",
    "budget_month",
    "budget_months",
    "elapsed_months",
    "elapsed_share",
    "month_days",
    "to_date",
]

MONTHS = tuple(range(1, 13))
"""The months of a budget year, by their position in it (1 = the first)."""

ELAPSED_BY = ("months", "days")
"""How 序时进度 is counted: by whole months (the default) or by days."""


class CalendarError(CapexError, ValueError):
    """A date, a month or a budget-year setting capex cannot read."""


def _check_start(fiscal_year_start: Any) -> int:
    if fiscal_year_start != 1 or isinstance(fiscal_year_start, bool):
        raise CalendarError(
            f"fiscal_year_start={fiscal_year_start!r}: capex's budget year starts in January "
            "(the Chinese 预算年度); budget years starting in another month are not supported yet"
        )
    return 1


def to_date(value: Any) -> dt.date:
    """A date from a ``date``, a ``datetime``, a pandas ``Timestamp`` or ISO text
    (``2027-09-30``, ``2027/9/30``, ``2027年9月30日``)."""
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            raise CalendarError("not a date: the value is empty")
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
                raise CalendarError(f"not a date: {value!r} ({error})") from None
    raise CalendarError(f"not a date: {value!r} (write it as 2027-09-30)")


def budget_month(
    when: Any, month: int | None = None, *, fiscal_year_start: int = 1
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
        The calendar month in which a budget year starts: 1 (January, the Chinese 预算年度)
        is the only one supported so far.

    Examples
    --------
    >>> budget_month(2027, 12), budget_month("2028-01-05")
    ((2027, 12), (2028, 1))
    """
    _check_start(fiscal_year_start)
    if month is None:
        date = to_date(when)
        return date.year, date.month
    if isinstance(month, bool) or not isinstance(month, (int, np.integer)) or not 1 <= month <= 12:
        raise CalendarError(f"not a month: {month!r} (write 1 to 12)")
    return int(when), int(month)


def budget_months(dates: Any, *, fiscal_year_start: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """:func:`budget_month` of many dates at once: arrays of budget years and months."""
    _check_start(fiscal_year_start)
    stamps = pd.DatetimeIndex(pd.to_datetime(pd.Series(list(dates), dtype=object)))
    return stamps.year.to_numpy(np.int64), stamps.month.to_numpy(np.int64)


def month_days(year: int, month: int, *, fiscal_year_start: int = 1) -> int:
    """The number of days in month ``month`` of budget year ``year``."""
    _check_start(fiscal_year_start)
    return _calendar.monthrange(int(year), int(month))[1]


def elapsed_months(year: int, as_of: Any, *, fiscal_year_start: int = 1) -> int:
    """Whole months of budget year ``year`` completed at the end of the day ``as_of`` (0-12):
    a month counts once its last day is reached, so 30 September gives 9 and 15 September 8."""
    date = to_date(as_of)
    budget_year, month = budget_month(date, fiscal_year_start=fiscal_year_start)
    if budget_year < year:
        return 0
    if budget_year > year:
        return 12
    last = month_days(year, month, fiscal_year_start=fiscal_year_start)
    return month if date.day == last else month - 1


def elapsed_share(
    year: int, as_of: Any, by: str = "months", *, fiscal_year_start: int = 1
) -> Fraction:
    """序时进度: the share of budget year ``year`` gone by at the end of the day ``as_of``,
    exactly; by whole months (``elapsed_months / 12``) or by days (days to ``as_of``
    inclusive over the days of the year)."""
    if by not in ELAPSED_BY:
        raise CalendarError(f"by={by!r}: count the elapsed year by {' or '.join(ELAPSED_BY)}")
    if by == "months":
        return Fraction(elapsed_months(year, as_of, fiscal_year_start=fiscal_year_start), 12)
    date = to_date(as_of)
    _check_start(fiscal_year_start)
    first, last = dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    days = (last - first).days + 1
    if date < first:
        return Fraction(0)
    if date > last:
        return Fraction(1)
    return Fraction((date - first).days + 1, days)
