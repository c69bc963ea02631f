"""The bounds capex keeps its arguments within, and the checks that say so.

A planning library has no use for the year 20226, a delay of a million years or a 1,000 %
yearly price index, and accepting them costs a killed process (an array per year of the
horizon) or an overflow deep inside a solver. Every such argument is checked here at the edge
and refused with a :class:`LimitError` that names it, its value and the allowed range.

======================  ===============================================================
what                    allowed
======================  ===============================================================
a year                  :data:`FIRST_YEAR` to :data:`LAST_YEAR` (0 to 9999), as loaded data
a move of a window      whole years, at most :data:`MAX_YEARS`, the moved window within
                        those years
``max_delay``           a whole number of years from 0 to :data:`MAX_YEARS` (300)
``escalation``          a yearly rate above -1 (-100 %) and at most :data:`MAX_ESCALATION`
``time_limit``          a positive number of seconds, or ``None`` (or infinity) for none
``seed``                a whole number from 0 to 2**31 - 1
``num_workers``         a whole number from 1 to :data:`MAX_WORKERS`
======================  ===============================================================

Amounts have their own bound, :data:`capex.money.MAX_AMOUNT`, checked where they are converted.
The years are those the readers accept (:mod:`capex.io.cells`), so an argument can name any
year a table can.
"""

from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Any

from capex.errors import CapexError
from capex.io.cells import FIRST_YEAR, LAST_YEAR
from capex.terms import Phrase, phrase

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_ESCALATION",
    "MAX_SEED",
    "MAX_WORKERS",
    "MAX_YEARS",
    "LimitError",
    "check_escalation",
    "check_solver_controls",
    "check_year",
    "whole_number",
]

MAX_YEARS = 300
"""The longest move of a window or delay, in years: three centuries, far past any programme,
and short enough that a deferral's horizon (an array per year) stays small."""

MAX_ESCALATION = 1.0
"""The highest yearly price index (100 %/year: prices double every year)."""

MAX_SEED = 2**31 - 1
"""The largest random seed the solvers take (a 32-bit signed integer)."""

MAX_WORKERS = 256
"""The most solver threads a run may ask for."""


class LimitError(CapexError, ValueError):
    """An argument outside the bounds capex documents (see :mod:`capex.limits`).

    ``argument`` and ``value`` say which argument and what it was.
    """

    def __init__(self, message: str, argument: str | None = None, value: Any = None) -> None:
        # message: a Phrase where the bound is capex's own, so a report in Chinese says it so
        super().__init__(message)
        self.argument = argument
        self.value = value


def whole_number(value: Any, argument: str, low: int, high: int) -> int:
    """``value`` as an int when it is a whole number from ``low`` to ``high``.

    Accepts Python and numpy integers and integral floats (``2.0``); refuses booleans, text,
    NaN, infinities and anything outside the range with a :class:`LimitError`.
    """
    if isinstance(value, bool) or not isinstance(value, (Integral, Real)):
        raise LimitError(_not_whole(argument, low, high, value), argument, value)
    if isinstance(value, Integral):
        number = int(value)
    else:
        number_float = float(value)
        if not math.isfinite(number_float) or number_float != math.floor(number_float):
            raise LimitError(_not_whole(argument, low, high, value), argument, value)
        number = int(number_float)
    if not low <= number <= high:
        raise LimitError(_not_whole(argument, low, high, value), argument, value)
    return number


def _not_whole(argument: str, low: int, high: int, value: Any) -> Phrase:
    return phrase("limit_whole_number", argument=argument, low=low, high=high, value=repr(value))


def check_year(value: Any, argument: str = "year") -> int:
    """A year from :data:`FIRST_YEAR` to :data:`LAST_YEAR`, as an int."""
    return whole_number(value, argument, FIRST_YEAR, LAST_YEAR)


def check_escalation(value: Any, argument: str = "escalation") -> float:
    """A yearly price index above -1 and at most :data:`MAX_ESCALATION`, as a float."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise LimitError(
            phrase("limit_not_a_number", argument=argument, value=repr(value)), argument, value
        )
    rate = float(value)
    if not (math.isfinite(rate) and -1 < rate <= MAX_ESCALATION):
        raise LimitError(
            phrase(
                "limit_escalation",
                argument=argument,
                most=f"{MAX_ESCALATION:g}",
                percent=f"{MAX_ESCALATION:.0%}",
                value=repr(value),
            ),
            argument,
            value,
        )
    return rate


def check_solver_controls(
    time_limit: Any, seed: Any, num_workers: Any
) -> tuple[float | None, int, int]:
    """The solver controls checked: ``(time_limit or None, seed, num_workers)``.

    ``time_limit`` is a positive number of seconds; ``None`` or infinity mean no limit.
    """
    if time_limit is not None:
        if (
            isinstance(time_limit, bool)
            or not isinstance(time_limit, Real)
            or math.isnan(float(time_limit))
            or float(time_limit) <= 0
        ):
            raise LimitError(
                phrase("limit_time_limit", value=repr(time_limit)), "time_limit", time_limit
            )
        time_limit = None if math.isinf(float(time_limit)) else float(time_limit)
    return (
        time_limit,
        whole_number(seed, "seed", 0, MAX_SEED),
        whole_number(num_workers, "num_workers", 1, MAX_WORKERS),
    )
