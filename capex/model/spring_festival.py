"""The date of the Spring Festival (春节, 正月初一) in each year from 1990 to 2099.

The Spring Festival follows the Chinese calendar, so it falls between 21 January and
20 February and moves from year to year; construction sites stop around it, and the month it
falls in spends less (:mod:`capex.model.month_profiles`). The dates below are those of the Chinese
calendar as compiled under the national standard GB/T 33661-2017 《农历的编算和颁行》 (the
calendar the Purple Mountain Observatory publishes), as tabulated in the Hong Kong Observatory's
Gregorian-Lunar calendar conversion tables; every date was checked against two independent
implementations of the calendar, and the tests check several against the State Council's
holiday notices (国务院办公厅关于部分节假日安排的通知).

>>> spring_festival(2027)
datetime.date(2027, 2, 6)
"""

from __future__ import annotations

import datetime as dt

from capex.errors import CapexError
from capex.terms import phrase

__all__ = ["FIRST_YEAR", "LAST_YEAR", "SPRING_FESTIVAL", "spring_festival"]

# month and day of 正月初一, ten years a line, from 1990
_TABLE = """
1990 0127 0215 0204 0123 0210 0131 0219 0207 0128 0216
2000 0205 0124 0212 0201 0122 0209 0129 0218 0207 0126
2010 0214 0203 0123 0210 0131 0219 0208 0128 0216 0205
2020 0125 0212 0201 0122 0210 0129 0217 0206 0126 0213
2030 0203 0123 0211 0131 0219 0208 0128 0215 0204 0124
2040 0212 0201 0122 0210 0130 0217 0206 0126 0214 0202
2050 0123 0211 0201 0219 0208 0128 0215 0204 0124 0212
2060 0202 0121 0209 0129 0217 0205 0126 0214 0203 0123
2070 0211 0131 0219 0207 0127 0215 0205 0124 0212 0202
2080 0122 0209 0129 0217 0206 0126 0214 0203 0124 0210
2090 0130 0218 0207 0127 0215 0205 0125 0212 0201 0121
"""


def _read_table(text: str) -> dict[int, dt.date]:
    dates = {}
    for line in text.split("\n"):
        if not line.strip():
            continue
        decade, *days = line.split()
        for k, day in enumerate(days):
            year = int(decade) + k
            dates[year] = dt.date(year, int(day[:2]), int(day[2:]))
    return dates


SPRING_FESTIVAL: dict[int, dt.date] = _read_table(_TABLE)
"""Year -> the date of its Spring Festival (正月初一), 1990-2099."""

FIRST_YEAR = min(SPRING_FESTIVAL)
LAST_YEAR = max(SPRING_FESTIVAL)


def spring_festival(year: int) -> dt.date:
    """The date of the Spring Festival in ``year``; a clear error outside 1990-2099."""
    try:
        return SPRING_FESTIVAL[int(year)]
    except (KeyError, TypeError, ValueError):
        raise CapexError(
            phrase("err_model_spring_festival", first=FIRST_YEAR, last=LAST_YEAR, year=repr(year))
        ) from None
