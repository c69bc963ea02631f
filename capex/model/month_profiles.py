"""Month profiles: how a project's money for one budget year is aimed over its twelve months.

A :class:`MonthProfile` is twelve non-negative weights, one per month of the budget year;
:func:`month_profile` makes one for a given year from

* ``"uniform"``: every month the same;
* ``"days"``: each month by its number of days;
* ``"construction"``: the construction season of a Chinese district, below;
* twelve weights of your own (a list, a ``{month: weight}`` mapping with missing months at
  zero, or the text ``"weights(w1, ..., w12)"``), best taken from your own office's payments in
  past years.

The **construction season** is capex's convention, not a statistic: each month's weight is its
working days times a season factor. Working days are the month's calendar days less the days of
the Spring Festival stoppage, from seven days before 正月初一 (around 小年, when the workers go
home) to fourteen days after it (元宵节, after which sites reopen); the festival's date comes
from :mod:`capex.model.spring_festival`, so the low month moves between January and February with
the year. The season factors, in tenths:

=====  ======  ================================================================================
month  factor  why
=====  ======  ================================================================================
1-2    0.8     the budget is approved by the people's congress in these months; until then
               预算法 第五十四条 lets only carried-over and necessary spending be paid; cold
3-6    1.0     the main season
7-8    0.9     high summer: outdoor work is cut back in the hottest hours (防暑降温措施管理办法)
9-10   1.0     the main season
11     1.1     works measured and paid before the winter
12     1.3     the year-end settlement: works are measured and paid before the budget year
               closes, when unspent money becomes a carry-over (结转)
=====  ======  ================================================================================

So in 2027 (Spring Festival on 6 February, stoppage 30 January to 20 February) January has
29 working days and February 8, and their weights are 0.8 x 29 and 0.8 x 8.

>>> month_profile("construction", 2027).weights[:3]
(232, 64, 310)
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Real
from typing import Any

import numpy as np

from capex.errors import CapexError
from capex.model.budget_year import MONTHS, month_days
from capex.model.spring_festival import spring_festival
from capex.terms import phrase

__all__ = [
    "CONSTRUCTION_SEASON",
    "MONTH_PROFILES",
    "STOPPAGE_AFTER",
    "STOPPAGE_BEFORE",
    "MonthProfile",
    "month_profile",
]

MONTH_PROFILES = ("uniform", "days", "construction")
"""The month profiles capex has by name."""

CONSTRUCTION_SEASON = (8, 8, 10, 10, 10, 10, 9, 9, 10, 10, 11, 13)
"""The construction season's factor of each month, in tenths (see the module text)."""

STOPPAGE_BEFORE = 7
"""Days of the Spring Festival stoppage before 正月初一 (about 小年)."""

STOPPAGE_AFTER = 14
"""Days of the Spring Festival stoppage after 正月初一 (to 元宵节, 正月十五)."""


class MonthProfileError(CapexError, ValueError):
    """A month profile that cannot be read."""


@dataclass(frozen=True)
class MonthProfile:
    """Twelve month weights of one budget year, and the text that names them.

    Attributes
    ----------
    name
        ``"uniform"``, ``"days"``, ``"construction"`` or ``"weights(...)"``.
    weights
        Twelve non-negative numbers, not all zero; only their proportions matter.
    year
        The budget year the weights are for (the construction season depends on it).
    """

    name: str
    weights: tuple[float, ...]
    year: int | None = None

    def __post_init__(self) -> None:
        weights = tuple(self.weights)
        if len(weights) != 12:
            raise MonthProfileError(phrase("err_model_month_weights_count", n=len(weights)))
        for month, weight in zip(MONTHS, weights):
            if isinstance(weight, bool) or not isinstance(weight, (Real, np.number)):
                raise MonthProfileError(
                    phrase("err_model_month_weight_number", month=month, weight=repr(weight))
                )
            if not math.isfinite(float(weight)) or weight < 0:
                raise MonthProfileError(
                    phrase("err_model_month_weight_negative", month=month, weight=repr(weight))
                )
        if not any(weights):
            raise MonthProfileError(phrase("err_model_month_weights_zero"))
        object.__setattr__(self, "weights", weights)

    def shares(self, months: Sequence[int] = MONTHS) -> np.ndarray:
        """The weights of ``months`` as shares summing to 1 (uniform over them when their
        weights are all zero, so money always has somewhere to go)."""
        picked = np.asarray([float(self.weights[m - 1]) for m in months])
        if picked.sum() <= 0:
            return np.full(len(picked), 1 / len(picked))
        return picked / picked.sum()

    def __str__(self) -> str:
        return self.name


def month_profile(
    spec: Any = "uniform", year: int | None = None, fiscal_year: Any = None
) -> MonthProfile:
    """The month profile meant by ``spec`` for budget year ``year`` (see the module text).

    With a ``fiscal_year`` (:class:`capex.model.budget_year.FiscalYear`) starting in another month
    than January, the weights are by the months' positions in that budget year: ``"days"``
    and ``"construction"`` take each position's calendar month (October 2026 is month 1 of
    FY2027), and twelve weights of your own are read in the budget year's order.

    >>> month_profile("uniform").weights == (1,) * 12
    True
    >>> month_profile([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]).name
    'weights(0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2)'
    """
    if isinstance(spec, MonthProfile):
        return spec
    if spec is None:
        spec = "uniform"
    if isinstance(spec, str):
        key = spec.strip().lower()
        if key in ("uniform", "flat", "equal"):
            return MonthProfile("uniform", (1,) * 12, year)
        if key == "days":
            if year is None:
                raise MonthProfileError(phrase("err_model_days_needs_year"))
            days = tuple(month_days(year, m, fiscal_year_start=fiscal_year or 1) for m in MONTHS)
            return MonthProfile("days", days, year)
        if key in ("construction", "construction season", "施工季节"):
            if year is None:
                raise MonthProfileError(phrase("err_model_construction_needs_year"))
            return MonthProfile("construction", construction_weights(year, fiscal_year), year)
        match = re.fullmatch(r"weights\s*\((.*)\)", key)
        if match:
            parts = [p for p in re.split(r"[,\s，]+", match.group(1)) if p]
            try:
                numbers = [float(p) for p in parts]
            except ValueError:
                raise MonthProfileError(phrase("err_model_not_twelve", spec=repr(spec))) from None
            return _weights(numbers, year)
        raise MonthProfileError(
            phrase(
                "err_model_unknown_month_profile", spec=repr(spec), names=", ".join(MONTH_PROFILES)
            )
        )
    if isinstance(spec, Mapping):
        months = {}
        for month, weight in spec.items():
            if isinstance(month, bool) or not isinstance(month, (int, np.integer)):
                raise MonthProfileError(phrase("err_model_month_write", month=repr(month)))
            if not 1 <= month <= 12:
                raise MonthProfileError(phrase("err_model_month_write", month=repr(month)))
            months[int(month)] = weight
        return _weights([months.get(m, 0) for m in MONTHS], year)
    if isinstance(spec, (Sequence, np.ndarray)) and not isinstance(spec, (str, bytes)):
        return _weights(list(spec), year)
    raise MonthProfileError(
        phrase("err_model_month_profile_kind", names=", ".join(MONTH_PROFILES), spec=repr(spec))
    )


def _weights(values: list[Any], year: int | None) -> MonthProfile:
    if len(values) != 12:
        raise MonthProfileError(phrase("err_model_month_weights_count", n=len(values)))
    shown = ", ".join(f"{float(v):g}" if isinstance(v, Real) else repr(v) for v in values)
    return MonthProfile(f"weights({shown})", tuple(values), year)


def construction_weights(year: int, fiscal_year: Any = None) -> tuple[int, ...]:
    """The construction season's twelve weights of budget year ``year``: working days
    (calendar days less the Spring Festival stoppage) times the season factor in tenths, by
    the months' positions in the budget year (``fiscal_year``, the calendar year by
    default)."""
    from capex.model.budget_year import fiscal_year_of

    fiscal = fiscal_year_of(fiscal_year)
    weights = []
    for position in MONTHS:
        cal_year, month = fiscal.calendar_month(year, position)
        festival = spring_festival(cal_year)
        stop_from = festival - dt.timedelta(days=STOPPAGE_BEFORE)
        stop_to = festival + dt.timedelta(days=STOPPAGE_AFTER)
        days = month_days(cal_year, month)
        opens, closes = dt.date(cal_year, month, 1), dt.date(cal_year, month, days)
        stopped = (min(closes, stop_to) - max(opens, stop_from)).days + 1
        weights.append(CONSTRUCTION_SEASON[month - 1] * (days - max(stopped, 0)))
    return tuple(weights)
