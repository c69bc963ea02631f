"""Text cells that a spreadsheet shows as text and never runs as a formula.

A project name, a street, a scenario or a budget-line name comes from the user's data and may
start with a character that makes a spreadsheet read the cell as a formula (``=``, ``+``,
``-``, ``@``, a tab or a carriage return; see OWASP's *CSV Injection*). capex writes such text
as text:

* in a workbook, the cell's data type is set to string (and Excel's quote-prefix flag is set),
  so the cell shows ``=1+2`` and reads back as ``=1+2``;
* in CSV, where a cell has no type, the text is prefixed with an apostrophe (``'=1+2``), which
  spreadsheets show instead of running the formula. capex's own readers remove the prefix
  again (:func:`from_csv_text`), so a table capex writes reads back to the same text.

>>> to_csv_text("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> from_csv_text(to_csv_text("-5 students"))
'-5 students'
>>> to_csv_text("鲁迅小学")
'鲁迅小学'
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = [
    "FORMULA_STARTS",
    "frame_from_csv_text",
    "frame_to_csv_text",
    "from_csv_text",
    "looks_like_formula",
    "to_csv_text",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""

_PREFIX = "'"
_ESCAPE = re.compile("^'*[=+\\-@\t\r]")
_ESCAPED = re.compile("^'+[=+\\-@\t\r]")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` typed into a cell as a formula."""
    return text.startswith(FORMULA_STARTS)


def to_csv_text(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text: an apostrophe before formula-like
    text.

    Text that already starts with apostrophes before a formula character gets one more, so
    that :func:`from_csv_text` gives back exactly the text written, whatever it was.
    """
    if text.lstrip(_PREFIX).startswith(FORMULA_STARTS):
        return _PREFIX + text
    return text


def from_csv_text(text: str) -> str:
    """The text a CSV cell written by :func:`to_csv_text` holds (its apostrophe removed)."""
    if text.startswith(_PREFIX) and text.lstrip(_PREFIX).startswith(FORMULA_STARTS):
        return text[1:]
    return text


def frame_to_csv_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and text headers) are :func:`to_csv_text`."""
    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if column.dtype.kind not in "OTU" and not pd.api.types.is_string_dtype(column):
            continue  # numbers, booleans: never text
        values = column.tolist()
        if any(isinstance(v, str) and _ESCAPE.match(v) for v in values):
            out.isetitem(
                position,
                pd.Series(
                    [to_csv_text(v) if isinstance(v, str) else v for v in values],
                    index=out.index,
                    dtype=object,
                ),
            )
    out.columns = [to_csv_text(c) if isinstance(c, str) else c for c in out.columns]
    return out


def frame_from_csv_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (read from CSV as text) with :func:`from_csv_text` applied to every cell."""
    out = frame
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position].tolist()
        if any(isinstance(v, str) and _ESCAPED.match(v) for v in values):
            if out is frame:
                out = frame.copy()
            out.isetitem(
                position,
                pd.Series(
                    [from_csv_text(v) if isinstance(v, str) else v for v in values],
                    index=frame.index,
                    dtype=frame.iloc[:, position].dtype,
                ),
            )
    return out
