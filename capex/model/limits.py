"""The bounds capex keeps its arguments within, and the checks that say so.

A planning library has no use for the year 20226, a delay of a million years or a 1,000 %
yearly price index, and accepting them costs a killed process (an array per year of the
horizon) or an overflow deep inside a solver. Every such argument is checked here at the edge
and refused with a :class:`LimitError` that names it, its value and the allowed range.

======================  ===============================================================
what                    allowed
======================  ===============================================================
a year                  :data:`FIRST_YEAR` to :data:`LAST_YEAR` (0 to 9999), as loaded data;
                        ``as_of`` and the other year arguments too
a move of a window      whole years, at most :data:`MAX_YEARS`, the moved window within
                        those years
``max_delay``           a whole number of years from 0 to :data:`MAX_YEARS` (300)
a drawn start delay     ``Discrete({years: p})``: whole years from 0 to :data:`MAX_YEARS`
``escalation``          a yearly rate above -1 (-100 %) and at most :data:`MAX_ESCALATION`
``time_limit``          a positive number of seconds, or ``None`` (or infinity) for none
``seed``                a whole number from 0 to :data:`MAX_SEED` (2**31 - 1), for the
                        solvers and for the draws alike
``num_workers``         a whole number from 1 to :data:`MAX_WORKERS`
``draws``               a whole number from 1 to :data:`MAX_DRAWS` (1,000,000), and at most
                        :data:`MAX_DRAW_CELLS` amounts kept over all draws (each draw keeps
                        one per project and one per year)
s-curve ``a``, ``b``    from :data:`MIN_PROFILE_SHAPE` to :data:`MAX_PROFILE_SHAPE`
an input file           at most :data:`MAX_INPUT_BYTES` on disk; a workbook at most
                        :data:`MAX_UNPACKED_BYTES` unpacked, its read sheet's used range at
                        most :data:`MAX_SHEET_CELLS` cells, a text cell at most
                        :data:`MAX_CELL_TEXT` characters (Excel's own limit)
a sheet written         at most :data:`EXCEL_MAX_ROWS` rows and :data:`EXCEL_MAX_COLUMNS`
                        columns, the header included (Excel's own grid)
the min-cost flow       at most :data:`MAX_FLOW_CAPACITY` minor units through any node of
                        the network (OR-Tools counts flow in 64-bit integers)
======================  ===============================================================

Amounts have their own bound, :data:`capex.model.money.MAX_AMOUNT`, checked where they are converted.
The years are those the readers accept (:mod:`capex.model.cells`), so an argument can name any
year a table can.

**The bounds can be changed for a block of code** with :func:`override`, so that a test at a
bound need not allocate it (``with override(MAX_DRAWS=10): simulate(..., draws=11)``). Every
check reads the bound when it runs, as ``capex.model.limits.MAX_DRAWS``.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from numbers import Integral, Real
from typing import Any

from capex.errors import CapexError
from capex.model.cells import FIRST_YEAR, LAST_YEAR
from capex.terms import Message, phrase

__all__ = [
    "EXCEL_MAX_COLUMNS",
    "EXCEL_MAX_ROWS",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_CELL_TEXT",
    "MAX_DRAWS",
    "MAX_DRAW_CELLS",
    "MAX_ESCALATION",
    "MAX_FLOW_CAPACITY",
    "MAX_INPUT_BYTES",
    "MAX_PROFILE_SHAPE",
    "MAX_SEED",
    "MAX_SHEET_CELLS",
    "MAX_UNPACKED_BYTES",
    "MAX_WORKERS",
    "MAX_YEARS",
    "MIN_PROFILE_SHAPE",
    "LimitError",
    "check_delay_years",
    "check_draws",
    "check_escalation",
    "check_flow_capacity",
    "check_profile_shape",
    "check_seed",
    "check_sheet_size",
    "check_solver_controls",
    "check_year",
    "override",
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

MAX_DRAWS = 1_000_000
"""The most Monte Carlo draws of one run: the P95 of a year is then known to a few parts in
ten thousand, far finer than any cost estimate it rests on."""

MAX_DRAW_CELLS = 100_000_000
"""The most amounts the draws of one run keep (draws x (projects + years), over every scenario
of a sweep): 800 MB of 64-bit integers. A plan of 100,000 projects takes 1,000 draws."""

MIN_PROFILE_SHAPE = 0.001
"""The smallest s-curve parameter ``a`` or ``b``."""

MAX_PROFILE_SHAPE = 1000.0
"""The largest s-curve parameter ``a`` or ``b``: at 1,000 the curve is already a step into
one year; past ~1e300 its beta function overflows."""

MAX_INPUT_BYTES = 512 * 1024**2
"""The largest file capex reads (512 MiB): a CSV of a million projects is about 150 MB."""

MAX_UNPACKED_BYTES = 1024**3
"""The most a workbook may unpack to (1 GiB of XML, all its parts together). A workbook is a
zip file: a few kilobytes can hold a string of hundreds of megabytes."""

MAX_SHEET_CELLS = 5_000_000
"""The most cells in the used range (rows x columns) of a sheet capex reads: 250,000 rows of
20 columns. A stray formatted cell at XFD1048576 makes a range of 17 billion."""

MAX_CELL_TEXT = 32_767
"""The longest text of one workbook cell, in characters: Excel's own limit."""

EXCEL_MAX_ROWS = 1_048_576
"""The rows of an Excel worksheet, the header included."""

EXCEL_MAX_COLUMNS = 16_384
"""The columns of an Excel worksheet (A to XFD)."""

MAX_FLOW_CAPACITY = 2**62
"""The most minor units any node of the spread's min-cost flow network may carry in or out
(OR-Tools counts flow in 64-bit integers and refuses a network whose sums could overflow)."""

_OVERRIDABLE = frozenset(
    {
        "MAX_YEARS",
        "MAX_ESCALATION",
        "MAX_SEED",
        "MAX_WORKERS",
        "MAX_DRAWS",
        "MAX_DRAW_CELLS",
        "MIN_PROFILE_SHAPE",
        "MAX_PROFILE_SHAPE",
        "MAX_INPUT_BYTES",
        "MAX_UNPACKED_BYTES",
        "MAX_SHEET_CELLS",
        "MAX_CELL_TEXT",
        "EXCEL_MAX_ROWS",
        "EXCEL_MAX_COLUMNS",
        "MAX_FLOW_CAPACITY",
    }
)


@contextlib.contextmanager
def override(**bounds: Any) -> Iterator[None]:
    """Change bounds of this module for the block, and put them back after it.

    >>> import capex.model.limits as limits
    >>> with limits.override(MAX_DRAWS=10):
    ...     limits.check_draws(10)
    10
    >>> limits.MAX_DRAWS
    1000000

    Only the checks of this module (and the code that reads ``capex.model.limits.NAME`` when it
    runs) see the change; it is meant for tests at a bound and for a deliberate, larger run.
    """
    unknown = sorted(set(bounds) - _OVERRIDABLE)
    if unknown:
        raise TypeError(
            phrase("err_model_no_bound", name=repr(unknown[0]), bounds=sorted(_OVERRIDABLE))
        )
    module = globals()
    before = {name: module[name] for name in bounds}
    module.update(bounds)
    try:
        yield
    finally:
        module.update(before)


class LimitError(CapexError, ValueError):
    """An argument outside the bounds capex documents (see :mod:`capex.model.limits`).

    ``argument`` and ``value`` say which argument and what it was.
    """

    def __init__(self, message: str, argument: str | None = None, value: Any = None) -> None:
        # message: a Message where the bound is capex's own, so a report in Chinese says it so
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


def _not_whole(argument: str, low: int, high: int, value: Any) -> Message:
    return phrase("limit_whole_number", argument=argument, low=low, high=high, value=repr(value))


def check_year(value: Any, argument: str = "year") -> int:
    """A year from :data:`FIRST_YEAR` to :data:`LAST_YEAR`, as an int (``2024.7`` and
    ``True`` are refused, not read as 2024 and 1)."""
    return whole_number(value, argument, FIRST_YEAR, LAST_YEAR)


def check_seed(value: Any, argument: str = "seed") -> int:
    """A random seed from 0 to :data:`MAX_SEED`, as an int (``None``, ``-1``, ``1.5`` and
    ``2**70`` are refused)."""
    return whole_number(value, argument, 0, MAX_SEED)


def check_delay_years(value: Any, argument: str = "delay") -> int:
    """A start delay in whole years from 0 to :data:`MAX_YEARS`, as an int."""
    return whole_number(value, argument, 0, MAX_YEARS)


def check_draws(value: Any, *, per_draw: int = 0, runs: int = 1, argument: str = "draws") -> int:
    """A number of draws from 1 to :data:`MAX_DRAWS`, as an int.

    Parameters
    ----------
    value
        The draws asked for.
    per_draw
        The amounts one draw keeps (projects + years); with ``runs``, the draws may keep at
        most :data:`MAX_DRAW_CELLS` amounts in all.
    runs
        How many times the draws are made (the scenarios of a sweep).
    """
    draws = whole_number(value, argument, 1, MAX_DRAWS)
    cells = draws * max(int(per_draw), 0) * max(int(runs), 1)
    if cells > MAX_DRAW_CELLS:
        most = MAX_DRAW_CELLS // max(int(per_draw) * max(int(runs), 1), 1)
        raise LimitError(
            phrase(
                "limit_draw_cells",
                argument=argument,
                value=f"{draws:,}",
                cells=f"{cells:,}",
                limit=f"{MAX_DRAW_CELLS:,}",
                most=f"{most:,}",
            ),
            argument,
            value,
        )
    return draws


def check_profile_shape(value: Any, argument: str) -> float:
    """An s-curve parameter from :data:`MIN_PROFILE_SHAPE` to :data:`MAX_PROFILE_SHAPE`."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise LimitError(
            phrase("limit_not_a_number", argument=argument, value=repr(value)), argument, value
        )
    number = float(value)
    if not (math.isfinite(number) and MIN_PROFILE_SHAPE <= number <= MAX_PROFILE_SHAPE):
        raise LimitError(
            phrase(
                "limit_range",
                argument=argument,
                low=f"{MIN_PROFILE_SHAPE:g}",
                high=f"{MAX_PROFILE_SHAPE:g}",
                value=repr(value),
            ),
            argument,
            value,
        )
    return number


def check_sheet_size(rows: int, columns: int, sheet: str) -> None:
    """A sheet of ``rows`` x ``columns`` cells (the header included) fits an Excel worksheet."""
    if rows > EXCEL_MAX_ROWS or columns > EXCEL_MAX_COLUMNS:
        raise LimitError(
            phrase(
                "limit_sheet_size",
                sheet=sheet,
                rows=f"{rows:,}",
                columns=f"{columns:,}",
                most_rows=f"{EXCEL_MAX_ROWS:,}",
                most_columns=f"{EXCEL_MAX_COLUMNS:,}",
            ),
            "sheet",
            sheet,
        )


def check_flow_capacity(largest: float) -> None:
    """The most any node of the min-cost flow carries, ``largest`` minor units, is within
    :data:`MAX_FLOW_CAPACITY` (an estimate in floating point is enough: the bound is half of
    what 64-bit integers hold)."""
    if not largest <= MAX_FLOW_CAPACITY:
        power = MAX_FLOW_CAPACITY.bit_length() - 1
        exact = MAX_FLOW_CAPACITY == 2**power
        raise LimitError(
            phrase(
                "limit_flow_capacity",
                largest=f"{largest:.4g}",
                limit=f"2**{power}" if exact else f"{MAX_FLOW_CAPACITY:,}",
            ),
            "amounts",
            largest,
        )


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
