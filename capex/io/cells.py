"""Reading one cell as a year, a window of years or an amount, within documented bounds.

Each function takes a cell's value as :meth:`capex.io.Table.value` gives it (text, a number,
a date) and returns the exact reading or raises ``ValueError`` with a sentence for the user;
the readers add where the cell is.

Years are whole numbers from :data:`FIRST_YEAR` to :data:`LAST_YEAR`, the four-digit years
ISO 8601 and Excel write (a scheduling benchmark's periods count from 0): a year such as 20226
or -1e9 is a typing error, and would otherwise reach the cash flow as a window of millions of
years. A phased table's year headings are recognised from :data:`FIRST_HEADING_YEAR` to
:data:`LAST_HEADING_YEAR`, so that a column headed ``1000`` is not taken for a year. Amounts are
exact decimals (see :func:`capex.money.to_decimal`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any

from capex.money import to_decimal

__all__ = [
    "FIRST_HEADING_YEAR",
    "FIRST_YEAR",
    "LAST_HEADING_YEAR",
    "LAST_YEAR",
    "amount_of",
    "check_year",
    "window_of",
    "year_of",
]

FIRST_YEAR = 0
"""The first year capex reads in a window or a plan period."""

LAST_YEAR = 9999
"""The last year capex reads in a window or a plan period."""

FIRST_HEADING_YEAR = 1900
"""The first year a phased table's column heading is read as."""

LAST_HEADING_YEAR = 2200
"""The last year a phased table's column heading is read as."""

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_FIRST_YEAR_OF_DATES = 1910  # a year typed into a date cell lands in 1900-1909
_MONTH = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_YEAR_TEXT = re.compile(
    rf"^(\d{{4}})(?:年(?:{_MONTH}月(?:{_DAY}日)?)?|[-/.]{_MONTH}[-/.]{_DAY}(?:[ T][\d:.]+)?|[-/]{_MONTH})?$"
)
_WINDOW_TEXT = re.compile(r"^(\d{4})(?:年)?\s*[-—–―~～至到]\s*(\d{4})(?:年)?$")


def check_year(year: int) -> int:
    """``year``, or ``ValueError`` when it is outside ``FIRST_YEAR``-``LAST_YEAR``."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{year} is not a year capex reads ({FIRST_YEAR}-{LAST_YEAR})")
    return year


def year_of(value: Any) -> int:
    """The year a cell gives: ``2023``, ``2023年``, ``2023年3月``, ``2023-03-01`` or a date.

    >>> year_of("2023年"), year_of(2023), year_of("2023-03-01")
    (2023, 2023, 2023)
    """
    if isinstance(value, (dt.datetime, dt.date)):
        return check_year(_year_of_date(value))
    if isinstance(value, bool) or value is None:
        raise ValueError("not a year")
    if isinstance(value, str):
        if len(value) == 4 and value.isascii() and value.isdigit():
            return check_year(int(value))  # the common case, read without the patterns
        text = unicodedata.normalize("NFKC", value).strip()
        if not text:
            raise ValueError("the year is empty")
        match = _YEAR_TEXT.match(text)
        if match:
            return check_year(int(match.group(1)))
        value = text
    try:
        number = to_decimal(value)
    except ValueError:
        raise ValueError("not a year (write it as 2023)") from None
    if number != number.to_integral_value():
        raise ValueError("not a whole number: a year is written as 2023")
    if abs(number) > 10**6:
        raise ValueError(f"{value} is not a year capex reads ({FIRST_YEAR}-{LAST_YEAR})")
    return check_year(int(number))


def window_of(value: Any) -> tuple[int, int]:
    """The first and last year of a window cell: ``2023-2026``, ``2023—2026``,
    ``2023年-2026年``, ``2023至2026``, or one year (``2023``).

    >>> window_of("2023年-2026年"), window_of("2023")
    ((2023, 2026), (2023, 2023))
    """
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        match = _WINDOW_TEXT.match(text)
        if match:
            return check_year(int(match.group(1))), check_year(int(match.group(2)))
        try:
            year = year_of(text)
        except ValueError:
            raise ValueError(
                "not a range of years: write the first and last year, such as 2023-2026"
            ) from None
        return year, year
    year = year_of(value)
    return year, year


def amount_of(value: Any) -> Decimal:
    """An amount cell as an exact decimal (text, an integer or a float read through its
    shortest text); a date or a yes/no is refused."""
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        raise ValueError("a date, not an amount (is the cell formatted as a date?)")  # noqa: TRY004
    return to_decimal(value)


def _year_of_date(value: dt.date) -> int:
    year = value.year
    if year < _FIRST_YEAR_OF_DATES:
        # a year typed into a cell formatted as a date shows as a day of 1905
        moment = (
            value if isinstance(value, dt.datetime) else dt.datetime(year, value.month, value.day)
        )
        serial = (moment - _EXCEL_EPOCH).days
        raise ValueError(
            f"a date in {year}: is this the year {serial} typed into a cell formatted as a date? "
            "Format the cell as a number"
        )
    return year
