"""Writing sheets to an Excel workbook or to CSV files."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex.export.registry import sheets
from capex.export.sheet import ExportError, Sheet, amount_format


def to_excel(obj: Any, path: str | Path, *, reconciliation: Any = None) -> Path:
    """Write ``obj`` to an .xlsx workbook, one sheet per table.

    Amounts are in 亿元, written as numbers with the number format ``#,##0.00##``;
    reading the workbook back with :func:`pandas.read_excel` gives the same 万元.

    Parameters
    ----------
    obj
        A :class:`~capex.reconcile.ReconciliationReport`, a plan result (of :func:`capex.spread`,
        :func:`capex.shift` or a scenario; a deferral plan adds a ``delays`` sheet) or a
        :class:`~capex.compare.Comparison` (sheets ``annual``, ``summary``, ``projects``,
        ``moves``).
    path
        The workbook to write; ``.xlsx`` is added when it has no suffix.
    reconciliation
        For a plan or a comparison: the portfolio (or its reconciliation report), whose
        reconciliation, split and findings sheets are added.

    Returns
    -------
    Path
        The workbook written.

    Examples
    --------
    >>> import capex
    >>> report = capex.reconcile(capex.load_projects())
    >>> capex.to_excel(report, "reconciliation.xlsx")  # doctest: +SKIP
    """
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".xlsx")
    tables = sheets(obj, reconciliation)
    try:
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for sheet in tables:
                frame = _in_display_unit(sheet)
                frame.to_excel(writer, sheet_name=sheet.name, index=False)
                _format_sheet(writer.sheets[sheet.name], sheet, frame)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def to_csv(obj: Any, path: str | Path, *, reconciliation: Any = None) -> list[Path]:
    """Write ``obj`` to CSV files (UTF-8 with a byte-order mark, so Excel reads the Chinese).

    Parameters
    ----------
    obj
        As for :func:`to_excel`.
    path
        A directory (existing, or a path without a ``.csv`` suffix): one ``<sheet>.csv`` per
        table in it. Or a ``.csv`` file: the first table (the schedule of a result, the totals
        of a report) in it and each other table beside it as ``<stem>_<sheet>.csv``.
    reconciliation
        As for :func:`to_excel`.

    Returns
    -------
    list of Path
        The files written, the main table first.
    """
    path = Path(path)
    tables = sheets(obj, reconciliation)
    if path.suffix.lower() == ".csv":
        targets = [path] + [path.with_name(f"{path.stem}_{s.name}.csv") for s in tables[1:]]
    else:
        targets = [path / f"{s.name}.csv" for s in tables]
    try:
        targets[0].parent.mkdir(parents=True, exist_ok=True)
        for sheet, target in zip(tables, targets):
            _in_display_text(sheet).to_csv(
                target, index=False, encoding="utf-8-sig", lineterminator="\n"
            )
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    return targets


def _in_display_unit(sheet: Sheet) -> pd.DataFrame:
    """The sheet's table with amounts as numbers of the display unit (exact to the minor
    unit once rounded)."""
    frame = sheet.frame.copy()
    per = float(sheet.money.per())
    for column in sheet.amount_columns:
        minor = pd.array(frame[column].tolist(), dtype="Int64")
        frame[column] = minor.to_numpy(dtype="float64", na_value=np.nan) / per
    return frame.rename(columns={c: sheet.header(c) for c in sheet.amount_columns})


def _in_display_text(sheet: Sheet) -> pd.DataFrame:
    """The sheet's table with amounts as exact decimal text of the display unit (empty
    where missing)."""
    frame = sheet.frame.copy()
    for column in sheet.amount_columns:
        frame[column] = [
            "" if pd.isna(v) else sheet.money.text(int(v)) for v in frame[column].tolist()
        ]
    return frame.rename(columns={c: sheet.header(c) for c in sheet.amount_columns})


def _text_width(value: object) -> int:
    # a CJK character takes about two Latin widths in a spreadsheet cell
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _format_sheet(worksheet: Any, sheet: Sheet, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    amount_headers = {sheet.header(c) for c in sheet.amount_columns}
    number_format = amount_format(sheet.money)
    n_rows = len(frame)
    for position, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(position)
        values = frame[column].tolist()
        if column in amount_headers:
            for row in range(2, n_rows + 2):
                worksheet[f"{letter}{row}"].number_format = number_format
            numbers = [
                _text_width(f"{v:,.4f}") for v in values if isinstance(v, float) and not np.isnan(v)
            ]
            width = max([_text_width(column), *numbers])
        else:
            width = max([_text_width(column)] + [_text_width(v) for v in values])
        if column == "message":
            width = min(width, 100)
            for row in range(2, n_rows + 2):
                worksheet[f"{letter}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        worksheet.column_dimensions[letter].width = min(max(width + 2, 8), 100)
    for row in range(n_rows + 2 - sheet.total_rows, n_rows + 2):
        for cell in worksheet[row]:
            cell.font = Font(bold=True)
    worksheet.freeze_panes = "A2"


# ---------------------------------------------------------------------------------------
# what each object exports
# ---------------------------------------------------------------------------------------
