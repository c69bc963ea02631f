"""A sheet: one named table to export, its amount columns and how they are headed."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from capex._version import __version__
from capex.errors import CapexError
from capex.money import WAN, Money

AMOUNT_FORMAT = "#,##0.00##"
"""Excel number format of amounts in 亿元 over 万元: two decimals at least, four (one 万元) at
most; see :func:`amount_format` for other units."""

TOTAL_LABEL = "total"
"""Label of the totals row and column."""


class ExportError(CapexError):
    """An object capex cannot export, or a file it cannot write."""


@dataclass
class Sheet:
    """One table to export.

    Attributes
    ----------
    name
        Sheet name in the workbook (at most 31 characters) and stem of the CSV file.
    frame
        The table, written without its index. Amount columns hold integers of the minor unit.
    amount_columns
        Columns holding integers of the minor unit, written in the display unit.
    total_rows
        Number of rows at the bottom that are totals (drawn in bold in Excel).
    unit_in_header
        Whether amount headers carry the unit (``total (亿元)``); a schedule's year columns
        do not, the sheet says its unit in the assumptions instead.
    money
        The currency and minor unit of the amounts; they are shown in its display unit.
    """

    name: str
    frame: pd.DataFrame
    amount_columns: list[Any] = field(default_factory=list)
    total_rows: int = 0
    unit_in_header: bool = True
    money: Money = WAN

    def header(self, column: Any) -> Any:
        """The column's header in the files."""
        if self.unit_in_header and column in self.amount_columns:
            return amount_header(column, self.money.display_unit)
        return column


def amount_header(column: str, unit: str = "亿元") -> str:
    """Header of an amount column in the files: ``'total (亿元)'``."""
    return f"{column} ({unit})"


def amount_format(money: Money) -> str:
    """Excel number format of amounts in the display unit: two decimals at least (when the
    unit has any) and as many as one minor unit needs at most."""
    decimals = money.decimals()
    if decimals == 0:
        return "#,##0"
    return "#,##0." + "0" * min(decimals, 2) + "#" * max(decimals - 2, 0)


# ---------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------


def assumptions_frame(items: Sequence[tuple[str, object]], money: Money = WAN) -> pd.DataFrame:
    rows = [(key, "" if value is None else str(value)) for key, value in items]
    rows += [
        ("amount unit", money.describe()),
        ("capex version", __version__),
        ("exported on", _dt.date.today().isoformat()),
    ]
    return pd.DataFrame(rows, columns=["item", "value"])


def is_kind(obj: Any, kind: str) -> bool:
    return any(cls.__name__ == kind for cls in type(obj).__mro__)
