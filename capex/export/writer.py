"""Writing sheets to an Excel workbook or to CSV files, whole or not at all."""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_unit
from capex.export.registry import sheets
from capex.export.sheet import (
    PERCENT_FORMAT,
    Amount,
    ExportError,
    Sheet,
    amount_format,
    amount_header,
)
from capex.io.files import atomic_write, atomic_writes
from capex.io.safe_text import frame_to_csv_text, looks_like_formula, to_csv_text
from capex.io.texttable import display_width
from capex.model.limits import check_sheet_size
from capex.terms import check_lang, phrase

EXCEL_SUFFIX = ".xlsx"
CSV_SUFFIX = ".csv"


def to_excel(
    obj: Any,
    path: str | Path,
    *,
    reconciliation: Any = None,
    unit: str | None = None,
    lang: str | None = None,
) -> Path:
    """Write ``obj`` to an .xlsx workbook, one sheet per table.

    Amounts are numbers of ``unit`` (the display unit, 亿元, by default) with a number format
    that shows zero as ``-`` and the unit in every amount header; reading the workbook back
    with :func:`pandas.read_excel` gives the same integers of the minor unit. Every table has
    an autofilter and a frozen header row. Text from the data (names, streets, scenario and
    budget-line names, findings) is written as text, never as a formula (see
    :mod:`capex.io.safe_text`). The workbook is written to a temporary file beside ``path`` and
    renamed over it when complete, so a failed export leaves an existing file untouched.

    Parameters
    ----------
    obj
        A :class:`~capex.reports.reconcile.ReconciliationReport`, a plan result (of :func:`capex.spread`,
        :func:`capex.shift` or a scenario; a deferral plan adds a ``delays`` sheet) or a
        :class:`~capex.reports.compare.Comparison` (sheets ``annual``, ``summary``, ``projects``,
        ``moves``).
    path
        The workbook to write, ending in ``.xlsx``.
    reconciliation
        For a plan or a comparison: the portfolio (or its reconciliation report), whose
        reconciliation, split and findings sheets are added.
    unit
        Unit of the amounts: the money's display unit by default, or another of its currency
        (``"万元"``).
    lang
        ``"en"`` or ``"zh"``: the language of sheet names, headers and words; by default
        the language the object was made in (a report made with ``lang="zh"``), else
        ``capex.options.lang``.

    Returns
    -------
    Path
        The workbook written.

    Raises
    ------
    ExportError
        For an object capex cannot export, a path not ending in ``.xlsx``, a value a
        workbook cannot hold, or a file that cannot be written.
    capex.model.limits.LimitError
        For a table longer or wider than a worksheet (:data:`capex.model.limits.EXCEL_MAX_ROWS`
        rows, the header included; :data:`capex.model.limits.EXCEL_MAX_COLUMNS` columns): write
        it with :func:`to_csv`.

    Examples
    --------
    >>> import capex
    >>> report = capex.reconcile(capex.load_projects())
    >>> capex.to_excel(report, "reconciliation.xlsx")  # doctest: +SKIP
    """
    from openpyxl import Workbook

    path = Path(path)
    if path.suffix.lower() != EXCEL_SUFFIX:
        raise ExportError(phrase("err_export_suffix", suffix=EXCEL_SUFFIX, path=str(path)))
    # the language asked, else the one the object was made in, else capex.options.lang
    lang = check_lang(lang or getattr(obj, "lang", None))
    unit = chosen_unit(unit, getattr(obj, "money", None))
    tables = sheets(obj, reconciliation, unit=unit, lang=lang)
    for sheet in tables:  # a clear error before any work, rather than openpyxl's at the row
        check_sheet_size(len(sheet.frame) + 1, sheet.frame.shape[1], sheet.name)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in tables:
        _write_sheet(workbook.create_sheet(title=sheet.name), sheet, unit, lang)
    try:
        with atomic_write(path) as temporary:
            workbook.save(temporary)
    except OSError as error:
        raise ExportError(
            phrase("err_export_cannot_write", path=str(path), reason=error.strerror or str(error))
        ) from None
    return path


def to_csv(
    obj: Any,
    path: str | Path,
    *,
    reconciliation: Any = None,
    unit: str | None = None,
    lang: str | None = None,
) -> list[Path]:
    """Write ``obj`` to CSV files (UTF-8 with a byte-order mark, so Excel reads the Chinese).

    Amounts are exact decimal text of ``unit``, with the unit in their header. Text that a
    spreadsheet would read as a formula gets an apostrophe before it (see :mod:`capex.io.safe_text`).
    Every file is first written to a temporary beside it; only when all are complete are they
    renamed over the targets, so a failed export leaves the old files as they were, never a
    mix. (The renames are atomic one by one: a crash of the machine in the microseconds
    between two of them leaves the files renamed so far new and the others old.)

    Parameters
    ----------
    obj
        As for :func:`to_excel`.
    path
        A directory (existing, or a path without a ``.csv`` suffix): one ``<sheet>.csv`` per
        table in it. Or a ``.csv`` file: the first table (the schedule of a result, the totals
        of a report) in it and each other table beside it as ``<stem>_<sheet>.csv``.
    reconciliation, unit, lang
        As for :func:`to_excel`.

    Returns
    -------
    list of Path
        The files written, the main table first.
    """
    path = Path(path)
    # the language asked, else the one the object was made in, else capex.options.lang
    lang = check_lang(lang or getattr(obj, "lang", None))
    unit = chosen_unit(unit, getattr(obj, "money", None))
    tables = sheets(obj, reconciliation, unit=unit, lang=lang)
    targets = _csv_targets(path, [sheet.name for sheet in tables])
    texts = [_as_text(sheet, unit, lang) for sheet in tables]
    try:
        targets[0].parent.mkdir(parents=True, exist_ok=True)
        with atomic_writes(targets) as temporaries:
            for frame, temporary in zip(texts, temporaries):
                frame.to_csv(temporary, index=False, encoding="utf-8-sig", lineterminator="\n")
    except OSError as error:
        raise ExportError(
            phrase("err_export_cannot_write", path=str(path), reason=error.strerror or str(error))
        ) from None
    return targets


def csv_paths(
    obj: Any,
    path: str | Path,
    *,
    reconciliation: Any = None,
    unit: str | None = None,
    lang: str | None = None,
) -> list[Path]:
    """The files :func:`to_csv` with the same arguments writes, the main table first, without
    writing them (so that a caller can check them first)."""
    # the language asked, else the one the object was made in, else capex.options.lang
    lang = check_lang(lang or getattr(obj, "lang", None))
    unit = chosen_unit(unit, getattr(obj, "money", None))
    tables = sheets(obj, reconciliation, unit=unit, lang=lang)
    return _csv_targets(Path(path), [sheet.name for sheet in tables])


def _csv_targets(path: Path, names: list[str]) -> list[Path]:
    """``FILE.csv``: the first table in it and the others beside it as ``FILE_<name>.csv``;
    a folder: ``<name>.csv`` in it for every table."""
    if path.suffix.lower() == CSV_SUFFIX:
        return [path] + [path.with_name(f"{path.stem}_{name}.csv") for name in names[1:]]
    return [path / f"{name}.csv" for name in names]


# ---------------------------------------------------------------------------------------
# cells
# ---------------------------------------------------------------------------------------
def _missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def _amount_columns(sheet: Sheet) -> set[int]:
    positions = set()
    for position, column in enumerate(sheet.frame.columns):
        if column in sheet.amount_columns:
            positions.add(position)
    return positions


def _headers(sheet: Sheet, unit: str | None, lang: str) -> list[Any]:
    shown = sheet.money.normalize_unit(unit)
    amounts = _amount_columns(sheet)
    return [
        amount_header(column, shown, lang) if position in amounts else column
        for position, column in enumerate(sheet.frame.columns)
    ]


def _as_text(sheet: Sheet, unit: str | None, lang: str) -> pd.DataFrame:
    """The sheet as a CSV table: amounts as exact decimal text of ``unit`` (empty where
    missing), formula-like text escaped."""
    money, shown = sheet.money, sheet.money.normalize_unit(unit)
    frame = sheet.frame.copy()
    frame.columns = range(frame.shape[1])
    for position in range(frame.shape[1]):
        values = frame[position].tolist()
        if any(isinstance(v, Amount) for v in values):
            frame[position] = [
                money.text(v.minor, shown) if isinstance(v, Amount) else v for v in values
            ]
    frame = frame_to_csv_text(frame)  # before amounts become text: "-0.5" is a number
    for position in _amount_columns(sheet):
        frame[position] = [
            "" if _missing(v) else money.text(int(v), shown) for v in frame[position].tolist()
        ]
    frame.columns = [to_csv_text(str(h)) for h in _headers(sheet, unit, lang)]
    return frame


def _write_shares(put: Any, column: int, values: list[Any], *, divide: bool) -> None:
    """A column of percentages (numbers of percent when ``divide``, else shares) as shares
    with a percent format; the share is taken from the number as written, exactly, before
    it becomes the workbook's float."""
    for row, value in enumerate(values, start=2):
        if _missing(value) or not isinstance(value, numbers.Real):
            if not _missing(value):
                put(row, column, value)
            continue
        share = Decimal(repr(float(value))) / (100 if divide else 1)
        put(row, column, float(share)).number_format = PERCENT_FORMAT


def _in_unit(values: list[Any], money: Any, unit: str) -> list[Any]:
    """Integers of the minor unit (``None`` where missing) as numbers of ``unit``."""
    missing = [_missing(v) for v in values]
    minor = np.array([0 if gap else int(v) for v, gap in zip(values, missing)], dtype=np.int64)
    shown = money.to_unit(minor, unit).tolist()
    return [None if gap else v for v, gap in zip(shown, missing)]


def _number(value: Any) -> Any:
    """A cell value openpyxl writes as a number, or ``value`` itself."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value


def _write_sheet(worksheet: Any, sheet: Sheet, unit: str | None, lang: str) -> None:
    """Write ``sheet`` into ``worksheet``: header, rows, formats, filter, widths."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    money, shown = sheet.money, sheet.money.normalize_unit(unit)
    number_format = amount_format(money, shown)
    amounts = _amount_columns(sheet)
    headers = _headers(sheet, unit, lang)
    frame = sheet.frame
    n_rows = len(frame)
    widths = [display_width(h) for h in headers]

    def put(row: int, column: int, value: Any) -> Any:
        cell = worksheet.cell(row=row, column=column)
        try:
            cell.value = value
        except IllegalCharacterError:
            raise ExportError(
                phrase(
                    "err_export_control",
                    sheet=sheet.name,
                    cell=cell.coordinate,
                    value=repr(value),
                )
            ) from None
        if isinstance(value, str):
            cell.data_type = "s"  # text, never a formula, whatever it starts with
            if looks_like_formula(value):
                cell.quotePrefix = True  # and it stays text when someone edits the cell
        return cell

    for column, header in enumerate(headers, start=1):
        put(1, column, header if isinstance(header, str) else _number(header)).font = Font(
            bold=True
        )
    decimals = money.decimals(shown)
    percents = {i for i, c in enumerate(frame.columns) if c in sheet.percent_columns}
    shares = {i for i, c in enumerate(frame.columns) if c in sheet.share_columns}
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position].tolist()
        column = position + 1
        if position in amounts:
            values = _in_unit(values, money, shown)
        if position in percents | shares:
            _write_shares(put, column, values, divide=position in percents)
            continue
        for row, value in enumerate(values, start=2):
            is_amount = position in amounts
            if isinstance(value, Amount):
                value, is_amount = _in_unit([value.minor], money, shown)[0], True
            if _missing(value):
                continue
            cell = put(row, column, _number(value))
            if is_amount:
                cell.number_format = number_format
                text = f"{value:,.{decimals}f}"
            else:
                text = str(value)
            widths[position] = max(widths[position], display_width(text))
        if headers[position] in ("message", "说明"):
            widths[position] = min(widths[position], 100)
            for row in range(2, n_rows + 2):
                worksheet.cell(row=row, column=column).alignment = Alignment(
                    wrap_text=True, vertical="top"
                )
    for position, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(position)].width = min(max(width + 2, 8), 100)
    for row in range(n_rows + 2 - sheet.total_rows, n_rows + 2):
        for cell in worksheet[row]:
            cell.font = Font(bold=True)
    worksheet.freeze_panes = "A2"
    last_body_row = 1 + n_rows - sheet.total_rows
    if frame.shape[1]:
        last = get_column_letter(frame.shape[1])
        worksheet.auto_filter.ref = f"A1:{last}{max(last_body_row, 1)}"
