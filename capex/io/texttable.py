"""Plain-text tables for the terminal, aligned by what a terminal shows.

A Chinese character takes two columns of a terminal, a Latin letter one; padding by
``len()`` makes every column after a Chinese name drift. :func:`display_width` counts as a
terminal does (East Asian wide and full-width characters two, combining marks none), and
:func:`render` pads by it. :func:`amount_texts` writes a column of amounts with one number of
decimals for the whole column, so the decimal points line up.

>>> rows = [["1", "鲁迅小学", "1.50"], ["23", "school", "13.00"]]
>>> print(render(["id", "name", "total"], rows, align="llr"))
id  name      total
1   鲁迅小学   1.50
23  school    13.00
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from numbers import Integral, Real
from typing import Any

from capex.model.money import Money

__all__ = [
    "YEAR_KEYS",
    "amount_texts",
    "display_width",
    "frame_text",
    "is_year_heading",
    "number_text",
    "pad",
    "render",
    "shown_decimals",
]


def display_width(text: object) -> int:
    """Columns ``text`` takes in a terminal: 2 per wide or full-width character (Chinese), 0
    per combining mark, 1 otherwise."""
    width = 0
    for character in str(text):
        if unicodedata.combining(character):
            continue
        width += 2 if unicodedata.east_asian_width(character) in "WF" else 1
    return width


def pad(text: object, width: int, align: str = "l") -> str:
    """``text`` padded with spaces to ``width`` terminal columns, on the right (``"l"``) or
    the left (``"r"``)."""
    text = str(text)
    room = " " * max(0, width - display_width(text))
    return text + room if align == "l" else room + text


def render(
    headers: Sequence[object] | None,
    rows: Iterable[Sequence[object]],
    *,
    align: str | Sequence[str] = "",
    indent: str = "",
    gap: str = "  ",
) -> str:
    """A table as lines of text, each column as wide as its widest cell.

    Parameters
    ----------
    headers
        The column headings, or ``None`` for a table without.
    rows
        The cells, already as text (``None`` is an empty cell).
    align
        One letter per column, ``"l"`` (left, default) or ``"r"`` (right: numbers).
    indent
        Text before every line.
    gap
        Text between two columns.
    """
    body = [["" if cell is None else str(cell) for cell in row] for row in rows]
    head = None if headers is None else [str(h) for h in headers]
    n_columns = max([len(r) for r in body] + [len(head) if head else 0])
    table = ([head] if head else []) + body
    widths = [
        max((display_width(row[i]) for row in table if i < len(row)), default=0)
        for i in range(n_columns)
    ]
    sides = [align[i] if i < len(align) else "l" for i in range(n_columns)]
    lines = []
    for row in table:
        cells = [pad(row[i] if i < len(row) else "", widths[i], sides[i]) for i in range(n_columns)]
        lines.append((indent + gap.join(cells)).rstrip())
    return "\n".join(lines)


YEAR_KEYS = frozenset(
    {"year", "start_year", "end_year", "peak_year", "worst_year", "old_start", "old_end"}
)
"""Columns of years: a year is never grouped by thousands (``2018``, not ``2,018``)."""


def is_year_heading(heading: object) -> bool:
    """Whether a column headed ``heading`` (a key, or its term in a language) holds years."""
    from capex.terms import TERMS

    text = str(heading)
    if text in YEAR_KEYS or text.endswith(("year", "年份")):
        return True
    return any(text in TERMS[key] for key in YEAR_KEYS if key in TERMS)


def frame_text(frame: Any, *, index: bool = True, decimals: int = 4) -> str:
    """A DataFrame as a :func:`render` table: numbers right-aligned (floats rounded half-even
    to ``decimals`` on their decimal value, integers grouped by thousands, years never),
    text left-aligned, missing values empty."""
    import pandas as pd

    columns = [frame.index.to_series()] if index else []
    headers = [frame.index.name or ""] if index else []
    columns += [frame.iloc[:, i] for i in range(frame.shape[1])]
    headers += [str(c) for c in frame.columns]
    texts, align = [], ""
    for header, column in zip(headers, columns, strict=True):
        numeric = pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
        align += "r" if numeric else "l"
        grouped = not is_year_heading(header)
        texts.append([_cell(v, decimals, grouped=grouped) for v in column.tolist()])
    return render(headers, zip(*texts), align=align)


def _cell(value: Any, decimals: int, *, grouped: bool = True) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Integral):
        return f"{int(value):,}" if grouped else str(int(value))
    if isinstance(value, Real):
        return number_text(value, decimals)
    return str(value)


def number_text(value: float, decimals: int, *, grouping: bool = True) -> str:
    """A float shown to ``decimals``, rounded half-even on its decimal value (the shortest
    text that reads back as it), never on its binary one: ``0.70995`` -> ``'0.7100'``,
    where ``f"{0.70995:.4f}"`` gives ``'0.7099'``."""
    number = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_EVEN)
    if number == 0:
        number = abs(number)
    return format(number, ",f" if grouping else "f")


def shown_decimals(amounts: Iterable[int], money: Money, unit: str | None = None) -> int:
    """Decimals to show a column of amounts (integers of the minor unit) in ``unit`` with.

    Two when every amount is exact at two decimals (or the unit has fewer), else as many as
    one minor unit needs (four for 亿元 over 万元): one number for the whole column.
    """
    most = money.decimals(unit)
    base = min(2, most)
    step = money.per(unit) / Decimal(10) ** base  # minor units in the last shown decimal
    if step <= 1 or all(int(a) % int(step) == 0 for a in amounts):
        return base
    return most


def amount_texts(
    amounts: Sequence[int | None],
    money: Money,
    unit: str | None = None,
    *,
    zero: str = "-",
    decimals: int | None = None,
) -> list[str]:
    """A column of amounts (integers of the minor unit; ``None`` for none) as text in
    ``unit``, grouped by thousands, with the same decimals throughout (:func:`shown_decimals`)
    and ``zero`` for zero.
    """
    present = [int(a) for a in amounts if a is not None]
    if decimals is None:
        decimals = shown_decimals(present, money, unit)
    out = []
    for amount in amounts:
        if amount is None:
            out.append("")
        elif int(amount) == 0:
            out.append(zero)
        else:
            out.append(f"{money.to_decimal(int(amount), unit):,.{decimals}f}")
    return out
