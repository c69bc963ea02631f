"""Exact money: amounts are integers of 万元 inside capex, shown in 亿元.

1 亿元 = 10,000 万元. Every published figure of the source plan is a decimal number of 亿元 with
at most four decimals, so it is held exactly as an integer of 万元; sums of integers cannot
drift. Floats appear only for display and as LP input, and never flow back into amounts.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from numbers import Integral
from typing import Literal

import numpy as np

WAN_PER_YI = 10_000
"""万元 in one 亿元."""

Unit = Literal["亿元", "万元"]
UNITS: tuple[str, ...] = ("亿元", "万元")
_UNIT_ALIASES = {
    "亿元": "亿元",
    "亿": "亿元",
    "yi": "亿元",
    "万元": "万元",
    "万": "万元",
    "wan": "万元",
}


def normalize_unit(unit: str) -> str:
    """Return the canonical unit name (``"亿元"`` or ``"万元"``) for ``unit`` or an alias."""
    try:
        return _UNIT_ALIASES[unit]
    except (KeyError, TypeError):
        raise ValueError(f"unknown unit {unit!r}; use '亿元' or '万元'") from None


def to_decimal(value: object) -> Decimal:
    """Read a number written by a person (str, int, Decimal or float) as an exact Decimal.

    A float is read through its shortest repr, so ``1.42`` means 1.42, not the binary value
    nearest to it. Raises ``ValueError`` for text that is not a finite number.
    """
    # Every unreadable amount is a ValueError, whatever its type, so that loaders and the CLI
    # report it in one way.
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount")  # noqa: TRY004
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, (Integral, np.integer)):
        number = Decimal(int(value))
    elif isinstance(value, (float, np.floating)):
        if not math.isfinite(float(value)):
            raise ValueError(f"{value!r} is not a finite number")
        number = Decimal(repr(float(value)))
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        if not text:
            raise ValueError("the amount is empty")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    else:
        raise ValueError(f"{value!r} is not a number")  # noqa: TRY004
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


def to_wan(value: object, unit: str = "亿元") -> int:
    """Convert an amount in ``unit`` to an exact integer of 万元.

    Raises ``ValueError`` when the amount is not a number or is finer than one 万元: capex never
    rounds an input amount silently.
    """
    unit = normalize_unit(unit)
    number = to_decimal(value)
    wan = number * WAN_PER_YI if unit == "亿元" else number
    if wan != wan.to_integral_value():
        raise ValueError(f"{value!r} {unit} is finer than 1 万元")
    return int(wan)


def wan_to_yi(wan: int) -> Decimal:
    """Exact 亿元 of an integer of 万元 (``14200`` -> ``Decimal('1.42')``)."""
    return Decimal(int(wan)) / WAN_PER_YI


def format_yi(wan: int) -> str:
    """Text of an amount of 万元 in 亿元 with no trailing zeros (``14200`` -> ``'1.42'``)."""
    return format(wan_to_yi(wan), "f")


def format_amount(wan: int, unit: str = "亿元") -> str:
    """Human text of an amount with its unit: ``'1.42 亿元'`` or ``'14200 万元'``."""
    unit = normalize_unit(unit)
    if unit == "万元":
        return f"{int(wan):,} 万元"
    return f"{format_yi(wan)} 亿元"


def ceiling_to_wan(value: object, unit: str = "亿元") -> int:
    """Convert a budget ceiling to 万元, rounding down to the whole 万元.

    Unlike a project amount, a ceiling may be written with more precision than a 万元 (for
    example a 10 % cut of 4.57 亿元). Rounding it down keeps every plan that respects the
    rounded ceiling within the ceiling as written.
    """
    unit = normalize_unit(unit)
    number = to_decimal(value)
    if number < 0:
        raise ValueError(f"a ceiling cannot be negative: {value!r}")
    wan = number * WAN_PER_YI if unit == "亿元" else number
    return int(wan.to_integral_value(rounding="ROUND_FLOOR"))


def wan_array_to_unit(values: np.ndarray, unit: str = "亿元") -> np.ndarray:
    """Display an integer array of 万元 in ``unit`` (floats for 亿元, integers for 万元)."""
    unit = normalize_unit(unit)
    values = np.asarray(values)
    if unit == "万元":
        return values.astype(np.int64)
    return values / WAN_PER_YI
