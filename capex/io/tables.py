"""Reading a table from a CSV file, an Excel workbook or a DataFrame, cell by cell.

Every reader of capex (projects, phased tables, budget lines, precedence relations, actual
spending) starts here. :func:`read_table` returns a :class:`Table`: the headings, the data
rows as the cells hold them, and where each cell is, so that an error names the workbook,
sheet and cell (``projects.xlsx, sheet 项目表, cell F7``) or the CSV file, row and column.

What a finance office's files hold, and how it is read:

* **Where the table starts.** Titles and notes above the headings (``越城区重大项目表``,
  ``单位：万元``) are kept as :attr:`Table.preamble`; the headings are the first row with at
  least two filled cells, or the first row a reader recognises (``header=``).
* **Merged cells.** A heading merged over two rows is one heading; a heading merged over
  several columns above a second heading row (``分年度投资（万元）`` over ``2021年`` ...) is
  the :attr:`Table.groups` of those columns. A data cell merged down over several rows (one
  builder for three projects) gives its value to each of them, and
  :meth:`Table.is_merged_copy` says which cells were filled so (an amount must not be).
* **Formulas** are read through the value Excel saved with them; a formula with no saved
  value (the workbook was written by a program and never opened in Excel) or an error value
  (``#REF!``) is an error naming the cell, when a reader reads that cell.
* **Dates** are kept as ``datetime`` values; readers take the year of a date in a year column.
* **Blank rows** (at the end, or between blocks) are skipped; the rows keep their numbers.
* **Protection.** A sheet protected against editing reads as usual (protection hides
  nothing). An old ``.xls`` workbook reads as an ``.xlsx`` one does (through xlrd; without it,
  an error names what to install). A workbook encrypted with a password and a file that is
  not a workbook at all are clear errors.
* **Number formats.** A number whose display format scales it (``0!.0000"万"``) or writes a
  unit reads as the number shown (:class:`capex.model.cells.ShownNumber`).

Text cells are refused when they hold control characters (other than tab and line breaks):
they cannot be written back to a workbook and are never meant. The file itself is only read,
never written.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import DataError
from capex.io.files import read_bytes
from capex.io.safe_text import from_csv_text
from capex.model import limits
from capex.model.cells import _CONTROL, ShownNumber, control_character, shown_number
from capex.model.money import Money
from capex.terms import Message, phrase

__all__ = [
    "HiddenSheetsWarning",
    "SheetArgument",
    "Table",
    "cell_text",
    "control_character",
    "read_table",
    "with_index_column",
]

HeaderRule = int | Callable[[Sequence[str]], bool] | None
"""Where the headings are: a 1-based row number, a test a row's texts must pass, or None
(the first row with at least two filled cells)."""

_HEADER_SEARCH_ROWS = 50
"""How far down a sheet the headings are looked for."""

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, or an encrypted .xlsx

# C0 controls other than tab, line feed and carriage return; DEL; the C1 controls. Excel
# cannot hold them in a cell, and in data they are always a corruption.
_UNIT_NOTE = re.compile(r"单位\s*[:：]|\bunits?\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class SheetArgument:
    """A sheet as a person types it after ``--sheet``: the sheet of that name, else the sheet
    at that position among the visible sheets, counted from 1 as Excel's tabs are.

    In Python a sheet is a name (text), or an int: the sheet of that name first (ledgers name
    their sheets ``2021``), else the position among the visible sheets counted from 0, as
    pandas counts.
    """

    text: str


SheetRef = str | int | SheetArgument | None
"""Which sheet of a workbook to read (see :func:`read_table`)."""


class HiddenSheetsWarning(UserWarning):
    """A workbook read has hidden sheets (a stale copy, an old version), which were not read."""


@dataclass(frozen=True)
class _Unreadable:
    """A workbook cell with no value to read: a formula never calculated, or an error."""

    problem: object
    shown: str


@dataclass(frozen=True, eq=False)
class Table:
    """A table read from a file or a DataFrame: headings, data rows and where each cell is.

    Rows and columns are counted from 0 in the methods (``i``, ``j``); the messages use the
    file's own numbering.

    Attributes
    ----------
    source
        The file as the caller named it (or ``"<DataFrame>"``), for messages.
    headings
        One heading per column, stripped (``""`` for a column without one).
    sheet
        The sheet's name, for a workbook.
    kind
        ``"xlsx"``, ``"csv"`` or ``"frame"``.
    groups
        For a two-row heading, the text above each column's heading (``""`` where none).
    preamble
        The texts of the rows above the headings (titles, ``单位：万元``), in order.
    header_row
        The file row of the (last) heading row, 1-based.
    hidden_sheets
        The names of the workbook's hidden sheets, which were not read (a
        :class:`HiddenSheetsWarning` says so when the table is read).
    """

    source: str
    headings: tuple[str, ...]
    _rows: tuple[tuple[Any, ...], ...] = field(repr=False)
    _row_numbers: tuple[int, ...] = field(repr=False)
    sheet: str | None = None
    kind: str = "csv"
    groups: tuple[str, ...] = ()
    preamble: tuple[str, ...] = ()
    header_row: int = 1
    hidden_sheets: tuple[str, ...] = ()
    _heading_cells: tuple[str | None, ...] = field(default=(), repr=False)
    _merged_copies: frozenset[tuple[int, int]] = field(default=frozenset(), repr=False)
    _controls: bool = field(default=True, repr=False)  # whether any cell may hold one

    # -- shape -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._rows)

    @property
    def width(self) -> int:
        """The number of columns."""
        return len(self.headings)

    def index(self, heading: str) -> int | None:
        """The column headed exactly ``heading`` (surrounding blanks aside), or None."""
        wanted = str(heading).strip()
        for j, text in enumerate(self.headings):
            if text == wanted:
                return j
        return None

    def heading_text(self, j: int) -> str:
        """Column ``j``'s heading with its group above it, as a reader sees it."""
        group = self.groups[j] if j < len(self.groups) else ""
        return f"{group} / {self.headings[j]}" if group else self.headings[j]

    # -- cells -------------------------------------------------------------------------
    def value(self, i: int, j: int) -> Any:
        """The cell as stored: ``None`` when empty, else text, a number, a bool or a date.

        Raises :class:`DataError` for a formula with no saved value or an error value.
        """
        row = self._rows[i]
        cell = row[j] if j < len(row) else None
        if isinstance(cell, _Unreadable):
            raise self.error(cell.problem, i, j, cell.shown)
        if self._controls and isinstance(cell, str):
            problem = control_character(cell)
            if problem:
                raise self.error(problem, i, j, cell)
        return cell

    def text(self, i: int, j: int) -> str:
        """The cell as text, stripped: numbers as written (``2021``, ``1.42``), dates as
        ``2023-03-01``, an empty cell as ``""``."""
        return cell_text(self.value(i, j))

    def is_blank(self, i: int, j: int) -> bool:
        """Whether the cell is empty (or only blanks), without reading its value."""
        row = self._rows[i]
        cell = row[j] if j < len(row) else None
        return cell is None or (isinstance(cell, str) and not cell.strip())

    def may_be_label(self, i: int, j: int, longest: int) -> bool:
        """Whether the cell holds short text that is not a number, such as 合计 (a quick
        test, without reading the value)."""
        row = self._rows[i]
        cell = row[j] if j < len(row) else None
        if not isinstance(cell, str):
            return False
        text = cell.strip()
        return 0 < len(text) <= longest and not text.isdigit()

    def is_merged_copy(self, i: int, j: int) -> bool:
        """Whether the cell is part of a merged cell above it and holds its value."""
        return (i, j) in self._merged_copies

    def file_row(self, i: int) -> int:
        """The number messages give data row ``i``: the sheet's row for a workbook, the
        row counted from the headings (1 for the first below them) otherwise."""
        return self._row_numbers[i]

    def cell_name(self, i: int, j: int) -> str | None:
        """``"F7"`` for a workbook; None for a CSV file or a DataFrame."""
        if self.kind != "xlsx":
            return None
        return f"{_column_letter(j)}{self._row_numbers[i]}"

    def place(self, i: int, j: int) -> str:
        """Where a value was read, for later messages: ``cell C3`` of a workbook, else the
        data row (counted as :meth:`error` counts it), ``row 4``."""
        cell = self.cell_name(i, j)
        return f"cell {cell}" if cell else f"row {self.file_row(i)}"

    def money_unit(self, chosen: str, j: int | None = None) -> str:
        """``chosen`` as a unit of money, normalised (``"万元"``); one capex does not know is
        an error at heading ``j`` (where the unit was read from a heading), else at the table."""
        try:
            return Money.of(chosen).normalize_unit(chosen)
        except ValueError as error:
            raise self.heading_error(phrase("error_as_raised", error=error), j, chosen) from None

    # -- errors ------------------------------------------------------------------------
    def error(
        self, problem: str, i: int, j: int | None, value: Any = None, *, project_id: Any = None
    ) -> DataError:
        """A :class:`DataError` at data row ``i``, column ``j`` (``None``: the whole row).

        A workbook's error names the cell (``F7``), a CSV file's the data row and column.
        """
        heading = self.heading_text(j) if j is not None and j < self.width else None
        return DataError(
            problem,
            source=self.source,
            sheet=self.sheet,
            cell=self.cell_name(i, j) if j is not None else None,
            row=self._row_numbers[i],
            column=heading or None,
            value=value,
            project_id=project_id,
        )

    def heading_error(self, problem: str, j: int | None = None, value: Any = None) -> DataError:
        """A :class:`DataError` about a heading (column ``j``) or the headings as a whole."""
        cell = None
        if j is not None and j < len(self._heading_cells):
            cell = self._heading_cells[j]
        column = self.heading_text(j) if j is not None and j < self.width else None
        return DataError(
            problem,
            source=self.source,
            sheet=self.sheet,
            cell=cell,
            column=column or None,
            value=value,
        )

    def where(self) -> str:
        """The file and sheet, for a message about the table as a whole."""
        return f"{self.source}, sheet {self.sheet}" if self.sheet is not None else self.source

    # -- views -------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """The cells as text (:meth:`text`), one column per heading; unheaded columns left out."""
        columns = [j for j, heading in enumerate(self.headings) if heading]
        data = {self.headings[j]: [self.text(i, j) for i in range(len(self))] for j in columns}
        return pd.DataFrame(data, index=pd.RangeIndex(len(self)), dtype=object)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, source: str = "<DataFrame>") -> Table:
        """A table of a DataFrame's columns and cells (the index is not read)."""
        headings = tuple(str(c).strip() for c in frame.columns)
        rows = tuple(
            tuple(_frame_cell(v) for v in record)
            for record in frame.itertuples(index=False, name=None)
        )
        table = cls(source, headings, rows, tuple(range(1, len(rows) + 1)), kind="frame")
        _check_distinct_headings(table)
        return table


def _reason(error: OSError) -> object:
    """Why a file cannot be read: in words of the table for the common cases, else the
    system's own."""
    for kind, key in (
        (FileNotFoundError, "error_no_such_file"),
        (PermissionError, "error_permission"),
        (IsADirectoryError, "error_is_directory"),
    ):
        if isinstance(error, kind):
            return phrase(key)
    return error.strerror or str(error)


def read_table(
    source: str | Path | pd.DataFrame,
    *,
    sheet: SheetRef = None,
    encoding: str = "utf-8",
    header: HeaderRule = None,
) -> Table:
    """Read a table from a CSV file, an Excel workbook (``.xlsx``, ``.xlsm``, ``.xls``) or a
    DataFrame.

    Parameters
    ----------
    source
        The file, or a DataFrame (its columns are the headings). A file is a workbook when its
        content is one, whatever its name.
    sheet
        The sheet of a workbook: a name (text); or an int, the sheet of that name first
        (ledgers name their sheets ``2021``), else the position among the *visible* sheets
        counted from 0, as pandas counts; or a :class:`SheetArgument`, as the command line
        takes it (a position counted from 1). The first visible sheet by default. Hidden
        sheets are never read by position, and a workbook that has any gives a
        :class:`HiddenSheetsWarning`. A CSV file has no sheets: giving one is an error.
    encoding
        Text encoding of a CSV file (``"gb18030"`` for files saved by Chinese Excel). A UTF-8
        byte-order mark is accepted; a UTF-16 file (Excel's "Unicode text") is recognised by
        its byte-order mark, and its tabs separate the columns.
    header
        Where the headings are: a 1-based row number, a test ``texts -> bool`` the heading
        row passes (the first row passing it in the first 50), or None: the first row with at
        least two filled cells.

    Returns
    -------
    Table
        The headings, the data rows (blank rows skipped) and where each cell is.

    Raises
    ------
    DataError
        A file that cannot be read, is empty, is encrypted, is not a table; a CSV row with
        more values than headings; two columns with the same heading; a file, workbook,
        sheet or cell past the bounds of :mod:`capex.model.limits` (``MAX_INPUT_BYTES``,
        ``MAX_UNPACKED_BYTES``, ``MAX_SHEET_CELLS``, ``MAX_CELL_TEXT``). Each names the
        file (and sheet), the row or cell, and the value.

    Examples
    --------
    >>> import capex.io
    >>> table = capex.io.read_table(capex.io.projects.BUNDLED_CSV)
    >>> table.headings[:3], len(table)
    (('id', 'name', 'start_year'), 35)
    >>> table.text(0, 1)
    '鲁迅小学教育集团凤鸣校区'
    """
    if isinstance(source, Table):
        return source
    if isinstance(source, pd.DataFrame):
        if sheet is not None:
            raise DataError(phrase("err_io_frame_no_sheets"), source="<DataFrame>", value=sheet)
        return Table.from_frame(source)
    label = str(source)
    try:
        raw = read_bytes(source)
    except OSError as error:
        raise DataError(phrase("error_cannot_read", reason=_reason(error)), source=label) from None
    if raw.startswith(_ZIP_MAGIC):
        return _read_workbook(raw, label, sheet, header)
    if raw.startswith(_OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in raw:
            raise DataError(_compound_file_problem(raw), source=label)
        return _read_xls(raw, label, sheet, header)
    if Path(label).suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise DataError(phrase("err_io_not_workbook"), source=label)
    if sheet is not None:
        raise DataError(
            phrase("err_io_csv_no_sheets"),
            source=label,
            value=getattr(sheet, "text", sheet),
        )
    return _read_csv(raw, label, encoding, header)


def with_index_column(frame: pd.DataFrame) -> pd.DataFrame:
    """A caller's DataFrame with its index as a column when the index is named (``id``, as a
    portfolio's frame has it) and no column has that name; else the frame itself."""
    if frame.index.name is not None and frame.index.name not in frame.columns:
        return frame.reset_index()
    return frame


def cell_text(value: Any) -> str:
    """A cell value as the text a person reads: ``2021``, ``1.42``, ``2023-03-01``, ``yes``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        return repr(number)  # the shortest text that reads back to the same float
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, ShownNumber):
        return str(value)  # as the cell shows it: 1.2345万
    return str(value).strip()


def _frame_cell(value: Any) -> Any:
    """A DataFrame value as a cell: missing values empty, numpy scalars as Python's."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def _column_letter(j: int) -> str:
    """Excel's name of column ``j`` (0-based): A, B, ..., Z, AA, ..."""
    letters = ""
    number = j + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# ---------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------
def _read_csv(raw: bytes, label: str, encoding: str, header: HeaderRule) -> Table:
    text = _decode(raw, label, encoding)
    if not text.strip():
        raise DataError(phrase("err_io_file_empty"), source=label)
    delimiter = _delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise DataError(phrase("err_io_bad_csv", error=str(error)), source=label) from None
    grid = [[field for field in record] for record in records]
    # a cell written with an apostrophe so that spreadsheets keep it as text reads as written
    rows = [
        [
            None if not cell.strip() else from_csv_text(cell) if cell[0] == "'" else cell
            for cell in record
        ]
        for record in grid
    ]
    top = _header_position(rows, header, label)
    headings = [_strip(cell) for cell in grid[top]]
    width = len(headings)
    data, numbers = [], []
    for position in range(top + 1, len(rows)):
        record = rows[position]
        if all(cell is None for cell in record):
            continue
        if len(record) > width:
            # even an empty extra field shifts the columns (``...,12,5,10,`` read as total 12,
            # plan 5): which value belongs to which heading cannot be known
            extra = next((k for k in range(width, len(record)) if record[k] is not None), width)
            raise DataError(
                phrase("err_io_row_too_wide", n=len(record), width=width),
                source=label,
                row=position - top,
                column=phrase("err_io_column_no_heading", number=extra + 1),
                value=record[extra] if record[extra] is not None else "",
            )
        data.append(tuple(record) + (None,) * (width - len(record)))
        numbers.append(position - top)
    table = Table(
        label,
        tuple(headings),
        tuple(data),
        tuple(numbers),
        kind="csv",
        preamble=tuple(" ".join(c for c in rows[k] if c) for k in range(top) if any(rows[k])),
        header_row=top + 1,
        _controls=_CONTROL.search(text) is not None,  # one look at the file spares each cell
    )
    _check_distinct_headings(table)
    return table


def _decode(raw: bytes, label: str, encoding: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        row, column = _locate_byte(raw, error.start)
        shown = "utf-8" if encoding == "utf-8-sig" else encoding
        raise DataError(
            phrase("err_io_bad_encoding", encoding=shown, line=line, byte=error.start),
            source=label,
            row=row,
            column=column,
            value=raw[error.start : error.start + 4],
        ) from None
    except LookupError:
        raise DataError(
            phrase("err_io_unknown_encoding", encoding=repr(encoding)), source=label
        ) from None


def _delimiter(text: str) -> str:
    """Tabs separate the columns of a file whose first line has tabs and no commas."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return "\t" if "\t" in first and "," not in first else ","


def _locate_byte(raw: bytes, position: int) -> tuple[int | None, str | None]:
    """Data row (1-based) and column name of the cell holding byte ``position`` of a CSV.

    Used to place an undecodable byte; the text around it is read leniently, which is good
    enough to count lines and commas.
    """
    header_end = raw.find(b"\n")
    line_start = raw.rfind(b"\n", 0, position) + 1
    if header_end < 0 or position <= header_end:
        return None, None  # the bad byte is in the header
    row = raw[:line_start].count(b"\n")  # lines before this one, less the header, plus one
    header = raw[:header_end].decode("utf-8", errors="replace").lstrip("\ufeff")
    prefix = raw[line_start:position].decode("utf-8", errors="replace")
    try:
        names = next(csv.reader([header]))
        fields = next(csv.reader([prefix + "x"]))
    except (csv.Error, StopIteration):
        return row, None
    index = len(fields) - 1
    return row, (names[index].strip() if index < len(names) else None)


# ---------------------------------------------------------------------------------------
# Excel
# ---------------------------------------------------------------------------------------
def _compound_file_problem(raw: bytes) -> Message:
    if "EncryptionInfo".encode("utf-16-le") in raw:
        return phrase("err_io_password")
    return phrase("err_io_compound_file")


# ---------------------------------------------------------------------------------------
# old Excel 97-2003 workbooks (.xls), through xlrd
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _XlsSheet:
    """An xlrd sheet under the names :func:`_pick_sheet` reads (openpyxl's)."""

    sheet: Any
    title: str
    sheet_state: str


def _read_xls(raw: bytes, label: str, sheet: SheetRef, header: HeaderRule) -> Table:
    """An ``.xls`` workbook read as an ``.xlsx`` one is: values Excel saved, dates as dates,
    numbers shown through their display format, merged cells, error values named."""
    try:
        import xlrd
    except ImportError:
        raise DataError(phrase("err_io_xls_needs_xlrd"), source=label) from None
    try:
        book = xlrd.open_workbook(file_contents=raw, formatting_info=True, on_demand=False)
    except Exception as error:  # noqa: BLE001 - a damaged file fails in many ways inside xlrd
        detail = phrase("err_io_encrypted") if "encrypt" in str(error).lower() else str(error)
        raise DataError(phrase("err_io_not_xls", detail=detail), source=label) from None

    sheets = SimpleNamespace(
        sheetnames=book.sheet_names(),
        worksheets=[
            _XlsSheet(s, s.name, "visible" if s.visibility == 0 else "hidden")
            for s in book.sheets()
        ],
    )
    chosen = _pick_sheet(sheets, sheet, label).sheet
    formats = {key: fmt.format_str for key, fmt in book.format_map.items()}
    grid: list[list[Any]] = []
    for r in range(chosen.nrows):
        values: list[Any] = []
        for c in range(chosen.ncols):
            cell = chosen.cell(r, c)
            kind, value = cell.ctype, cell.value
            if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                value = None
            elif kind == xlrd.XL_CELL_TEXT:
                value = value if value.strip() else None
            elif kind == xlrd.XL_CELL_NUMBER:
                number_format = formats.get(book.xf_list[cell.xf_index].format_key)
                value = shown_number(int(value) if value.is_integer() else value, number_format)
            elif kind == xlrd.XL_CELL_DATE:
                try:
                    value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    value = _Unreadable(phrase("err_io_not_a_date_excel", value=value), str(value))
            elif kind == xlrd.XL_CELL_BOOLEAN:
                value = bool(value)
            elif kind == xlrd.XL_CELL_ERROR:
                shown = xlrd.error_text_from_code.get(value, "#ERROR")
                value = _Unreadable(phrase("err_io_error_value", value=shown), shown)
            values.append(value)
        grid.append(values)
    while grid and all(v is None for v in grid[-1]):
        grid.pop()
    if not grid:
        raise DataError(phrase("err_io_sheet_empty"), source=label, sheet=chosen.name)
    width = max((k + 1 for row in grid for k, v in enumerate(row) if v is not None), default=0)
    grid = [row[:width] + [None] * (width - len(row)) for row in grid]
    merged = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in chosen.merged_cells]
    table = _table_of_grid(grid, merged, label, chosen.name, header)
    return _said_hidden_sheets(table, sheets.worksheets, label)


def _read_workbook(raw: bytes, label: str, sheet: SheetRef, header: HeaderRule) -> Table:
    _check_unpacked_size(raw, label)
    values_book = _open_workbook(raw, label, data_only=True)
    worksheet = _pick_sheet(values_book, sheet, label)
    formula_book = _open_workbook(raw, label, data_only=False)
    formulas = _formula_cells(formula_book[worksheet.title])
    grid = _sheet_grid(worksheet, formulas, label)
    if not any(any(cell is not None for cell in row) for row in grid):
        raise DataError(phrase("err_io_sheet_empty"), source=label, sheet=worksheet.title)
    # a merged range reaching past the cells that hold anything merges nothing more
    rows, columns = len(grid), len(grid[0])
    merged = [
        (r.min_row - 1, r.min_col - 1, min(r.max_row, rows) - 1, min(r.max_col, columns) - 1)
        for r in worksheet.merged_cells.ranges
        if r.min_row <= rows and r.min_col <= columns
    ]
    table = _table_of_grid(grid, merged, label, worksheet.title, header)
    return _said_hidden_sheets(table, values_book.worksheets, label)


def _said_hidden_sheets(table: Table, worksheets: Sequence[Any], label: str) -> Table:
    """``table`` knowing the workbook's other, hidden sheets, with a warning naming them: a
    hidden sheet is often a stale copy that a position would once have read."""
    hidden = tuple(
        ws.title for ws in worksheets if ws.sheet_state != "visible" and ws.title != table.sheet
    )
    if not hidden:
        return table
    warnings.warn(
        HiddenSheetsWarning(
            phrase(
                "in_file",
                file=label,
                text=phrase("hidden_sheets", names=_names(hidden), sheet=table.sheet),
            )
        ),
        stacklevel=5,
    )
    return dataclasses.replace(table, hidden_sheets=hidden)


def _check_unpacked_size(raw: bytes, label: str) -> None:
    """A workbook (a zip file) unpacks to at most :data:`capex.model.limits.MAX_UNPACKED_BYTES`:
    a few kilobytes can hold a string of hundreds of megabytes. The sizes are those the zip
    declares, which Python's reader holds each part to."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return  # a damaged file: opening it says so
    if unpacked > limits.MAX_UNPACKED_BYTES:
        raise DataError(
            phrase(
                "err_io_unpacks_too_big",
                size=f"{unpacked:,}",
                limit=f"{limits.MAX_UNPACKED_BYTES:,}",
            ),
            source=label,
        )


def _open_workbook(raw: bytes, label: str, *, data_only: bool) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(raw), data_only=data_only, keep_links=False)
    except Exception as error:  # noqa: BLE001 - a damaged file fails in many ways inside openpyxl
        cause = _root_cause(error)
        if type(cause).__module__.startswith("defusedxml"):
            detail = phrase("err_io_xml_entities", kind=type(cause).__name__)
        elif isinstance(error, (zipfile.BadZipFile, KeyError, OSError, EOFError)):
            detail = phrase("err_io_damaged")
        else:
            detail = " ".join(f"{type(cause).__name__}: {cause}".split())  # one line
        raise DataError(phrase("err_io_not_xlsx", detail=detail), source=label) from None


def _root_cause(error: BaseException) -> BaseException:
    """The first error of a chain (openpyxl wraps the XML parser's in a ValueError)."""
    seen = {id(error)}
    while (inner := error.__cause__ or error.__context__) is not None and id(inner) not in seen:
        seen.add(id(inner))
        error = inner
    return error


def _pick_sheet(book: Any, sheet: SheetRef, label: str) -> Any:
    """The sheet ``sheet`` names: by name first, else by position among the visible sheets
    (0-based for an int, 1-based for a :class:`SheetArgument`); the first visible sheet for
    None."""
    worksheets = list(book.worksheets)
    if not worksheets:
        raise DataError(phrase("err_io_no_worksheet"), source=label)
    visible = [ws for ws in worksheets if ws.sheet_state == "visible"] or worksheets[:1]
    if sheet is None:
        return visible[0]
    if isinstance(sheet, SheetArgument):
        wanted, first = sheet.text.strip(), 1
    elif isinstance(sheet, (int, np.integer)) and not isinstance(sheet, (bool, np.bool_)):
        wanted, first = str(int(sheet)), 0
    elif isinstance(sheet, str):
        wanted, first = sheet.strip(), None  # a name only, as pandas reads a text
    else:
        raise DataError(
            phrase("err_io_sheet_reference"),
            source=label,
            value=sheet,
        )
    for ws in worksheets:  # a name first: ledgers name their sheets 2021, 2022 ...
        if ws.title.strip() == wanted:
            return ws
    names = ", ".join(ws.title for ws in visible)
    hidden = [ws.title for ws in worksheets if ws not in visible]
    if hidden:
        names = phrase("err_io_names_and_hidden", names=names, hidden=", ".join(hidden))
    if first is not None and re.fullmatch(r"[+-]?\d+", wanted):
        position = int(wanted) - first
        if 0 <= position < len(visible):
            return visible[position]
        # "sheet number" counts as Excel's tabs do, from 1; Python's positions count from 0
        number: object = position + 1
        if not first:
            number = phrase("err_io_sheet_position", number=position + 1, position=wanted)
        raise DataError(
            phrase("err_io_no_sheet_named", wanted=wanted, number=number, names=names),
            source=label,
            value=wanted,
        )
    raise DataError(phrase("err_io_no_such_sheet", names=names), source=label, value=wanted)


def _names(titles: Any) -> str:
    return ", ".join(f"'{title}'" for title in titles)


def _used_range(worksheet: Any) -> tuple[int, int]:
    """Rows and columns up to the last cell that holds a value (formatting alone is not a
    value): a stray formatted cell at XFD1048576 does not make 17 billion cells to read."""
    rows = columns = 0
    # openpyxl keeps a sheet's cells in a dict by (row, column); iterating the sheet instead
    # would make a cell for every position of its formatted range
    for (row, column), cell in worksheet._cells.items():
        if cell.value is not None:
            rows, columns = max(rows, row), max(columns, column)
    return rows, columns


def _formula_cells(worksheet: Any) -> dict[tuple[int, int], str]:
    """(row, column) -> formula text of every formula cell of the sheet (0-based)."""
    out: dict[tuple[int, int], str] = {}
    for cell in worksheet._cells.values():  # the cells that exist, not the formatted range
        if cell.data_type == "f":
            formula = cell.value
            text = getattr(formula, "text", formula)  # array formulas keep their text
            out[(cell.row - 1, cell.column - 1)] = str(text)
    return out


def _sheet_grid(
    worksheet: Any, formulas: dict[tuple[int, int], str], label: str
) -> list[list[Any]]:
    """The sheet's values (rows of cells, 0-based) over its used range: from A1 to the last
    row and column holding a value or a formula, at most :data:`capex.model.limits.MAX_SHEET_CELLS`."""
    rows, columns = _used_range(worksheet)
    for row, column in formulas:
        rows, columns = max(rows, row + 1), max(columns, column + 1)
    if rows * columns > limits.MAX_SHEET_CELLS:
        from openpyxl.utils import get_column_letter

        raise DataError(
            phrase(
                "err_io_sheet_too_big",
                corner=f"{get_column_letter(columns)}{rows}",
                cells=f"{rows * columns:,}",
                limit=f"{limits.MAX_SHEET_CELLS:,}",
            ),
            source=label,
            sheet=worksheet.title,
        )
    grid: list[list[Any]] = []
    if not rows:
        return grid
    for row in worksheet.iter_rows(min_row=1, max_row=rows, max_col=columns):
        values: list[Any] = []
        for cell in row:
            value = cell.value
            if cell.data_type == "e":
                value = _Unreadable(phrase("err_io_error_value", value=value), str(value))
            elif value is None and (cell.row - 1, cell.column - 1) in formulas:
                formula = formulas[(cell.row - 1, cell.column - 1)]
                value = _Unreadable(
                    phrase("err_io_formula_no_value"),
                    formula if formula.startswith("=") else f"={formula}",
                )
            elif isinstance(value, str):
                if len(value) > limits.MAX_CELL_TEXT:
                    raise DataError(
                        phrase(
                            "err_io_cell_too_long",
                            n=f"{len(value):,}",
                            limit=f"{limits.MAX_CELL_TEXT:,}",
                        ),
                        source=label,
                        sheet=worksheet.title,
                        cell=cell.coordinate,
                        value=value[:20] + "...",
                    )
                if not value.strip():
                    value = None
            elif cell.data_type == "n" and value is not None:
                value = shown_number(value, cell.number_format)
            values.append(value)
        grid.append(values)
    while grid and all(v is None for v in grid[-1]):
        grid.pop()
    width = max((k + 1 for row in grid for k, v in enumerate(row) if v is not None), default=0)
    return [row[:width] + [None] * (width - len(row)) for row in grid]


def _at(grid: list[list[Any]], r: int, c: int) -> Any:
    """The value at (r, c), or None beyond the cells that hold anything (a merged range may
    reach past them)."""
    return grid[r][c] if r < len(grid) and c < len(grid[r]) else None


def _table_of_grid(
    grid: list[list[Any]],
    merged: list[tuple[int, int, int, int]],
    label: str,
    sheet: str,
    header: HeaderRule,
) -> Table:
    top = _header_position(grid, header, label, sheet)
    # a heading merged down over the next rows makes them heading rows too
    bottom = max([top] + [r1 for r0, _, r1, _ in merged if r0 <= top <= r1])
    # a row of group headings merged across some columns (not a title from column A) above
    # (a note of the unit merged over the right-hand columns is a note, not a group)
    if top > 0 and any(
        r0 == r1 == top - 1
        and c0 > 0
        and c1 > c0
        and not _UNIT_NOTE.search(cell_text(_at(grid, r0, c0)))
        for r0, c0, r1, c1 in merged
    ):
        top -= 1
    span: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for r0, c0, r1, c1 in merged:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    span[(r, c)] = (r0, c0, r1, c1)
    width = len(grid[0]) if grid else 0

    def heading_cell(r: int, c: int) -> tuple[str, str]:
        """The heading text at (r, c) and the cell it is written in."""
        value, where = _at(grid, r, c), (r, c)
        if value is None and (r, c) in span:
            r0, c0, r1, _ = span[(r, c)]
            # a merged heading fills its rows; across columns only as a group above others
            if c0 == c or r1 < bottom:
                value, where = _at(grid, r0, c0), (r0, c0)
        text = "" if isinstance(value, _Unreadable) else cell_text(value)
        return text, f"{_column_letter(where[1])}{where[0] + 1}"

    headings, groups, cells = [], [], []
    for c in range(width):
        parts: list[str] = []
        cell = f"{_column_letter(c)}{bottom + 1}"
        for r in range(top, bottom + 1):
            text, where = heading_cell(r, c)
            if text and (not parts or parts[-1] != text):
                parts.append(text)
                cell = where
        headings.append(parts[-1] if parts else "")
        groups.append(" ".join(parts[:-1]))
        cells.append(cell)
    rows, numbers, copies = [], [], set()
    for r in range(bottom + 1, len(grid)):
        if all(v is None for v in grid[r]):
            continue
        values = list(grid[r])
        for c in range(width):
            if values[c] is None and (r, c) in span:
                r0, c0, _, _ = span[(r, c)]
                if c0 == c and r0 > bottom:  # merged down over data rows: each row has it
                    values[c] = _at(grid, r0, c0)
                    copies.add((len(rows), c))
        rows.append(tuple(values))
        numbers.append(r + 1)
    preamble = tuple(
        " ".join(cell_text(v) for v in grid[k] if v is not None and not isinstance(v, _Unreadable))
        for k in range(top)
        if any(v is not None for v in grid[k])
    )
    table = Table(
        label,
        tuple(headings),
        tuple(rows),
        tuple(numbers),
        sheet=sheet,
        kind="xlsx",
        groups=tuple(groups),
        preamble=preamble,
        header_row=bottom + 1,
        _heading_cells=tuple(cells),
        _merged_copies=frozenset(copies),
    )
    _check_distinct_headings(table)
    return table


# ---------------------------------------------------------------------------------------
# headings
# ---------------------------------------------------------------------------------------
def _header_position(
    rows: Sequence[Sequence[Any]], header: HeaderRule, label: str, sheet: str | None = None
) -> int:
    """The 0-based row of the headings."""
    if isinstance(header, int) and not isinstance(header, bool):
        if not 1 <= header <= len(rows):
            raise DataError(
                phrase("err_io_no_heading_row", row=header), source=label, sheet=sheet, value=header
            )
        return header - 1
    texts = [
        [cell_text(v) if not isinstance(v, _Unreadable) else "" for v in row]
        for row in rows[:_HEADER_SEARCH_ROWS]
    ]
    if callable(header):
        for position, row in enumerate(texts):
            if header(row):
                return position
    for position, row in enumerate(texts):
        if sum(1 for text in row if text) >= 2:
            return position
    for position, row in enumerate(texts):
        if any(row):
            return position
    raise DataError(phrase("err_io_no_headings"), source=label, sheet=sheet)


def _strip(cell: str) -> str:
    return cell.strip().lstrip("\ufeff").strip()


def _check_distinct_headings(table: Table) -> None:
    """Two columns with one heading are an error naming both (pandas would rename one)."""
    seen: dict[str, int] = {}
    for j in range(table.width):
        text = table.heading_text(j).strip()
        if not text:
            continue
        if text in seen:
            first = seen[text]
            raise table.heading_error(
                phrase(
                    "err_io_same_heading",
                    first=_describe_column(table, first),
                    second=_describe_column(table, j),
                ),
                j,
                text,
            )
        seen[text] = j


def _describe_column(table: Table, j: int) -> str:
    if table.kind == "xlsx":
        return _column_letter(j)
    return f"#{j + 1}"
