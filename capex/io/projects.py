"""A project table in capex's own fields, whatever its headings: the first step of loading.

:func:`read_projects` takes a :class:`~capex.io.Table` with English or Chinese headings
(:data:`~capex.io.headings.PROJECT_HEADINGS`) and gives the projects as capex's fields (``id``,
``name``, ``start_year`` ...), the unit each amount column is written in, the plan period its
plan-investment heading names, and the figures of its totals row. It checks what depends on
the layout (a window that is not a range of years, an amount in a merged cell, a second
totals row); :func:`capex.load_projects` checks the values and builds the portfolio.

A **totals row** is a row whose id or name cell says 合计, 总计, 共计 or total: it is not a
project, and its figures are the published totals (or are checked against them). Group
headings (``一、续建项目``, ``（一）小学``), subtotal rows (小计) and footers (制表人, 填报日期)
are not projects either (:mod:`capex.io.rows`): a subtotal, or a heading that carries amounts,
is checked against the projects it covers (:func:`check_subtotals`), to the minor unit.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from capex.errors import DataError
from capex.io.files import atomic_writes, read_bytes, toml_text
from capex.io.headings import (
    PROJECT_AMOUNTS,
    PROJECT_HEADINGS,
    Column,
    find_columns,
    missing_column,
    row_matches,
    unit_note,
)
from capex.io.rows import SummingRow, row_roles
from capex.io.safe_text import frame_to_csv_text
from capex.io.scope import SCOPE_COLUMNS, read_scope
from capex.io.tables import Table, read_table, with_index_column
from capex.model.budget_year import FiscalYear, fiscal_year_of
from capex.model.cells import TOTAL_LABELS, amount_of, window_of
from capex.model.money import Money
from capex.model.portfolio import (
    FRAME_COLUMNS,
    Portfolio,
    PublishedTotals,
    _check_period,
    _validate,
)
from capex.model.provenance import Provenance, file_record
from capex.terms import phrase

if TYPE_CHECKING:
    from capex.model.sources import Sources

__all__ = [
    "TOTAL_LABELS",
    "ProjectTable",
    "check_subtotals",
    "find_totals_row",
    "read_projects",
]

CHECKED_AMOUNTS = ("total_investment", "plan_investment")
"""The amounts a totals row and subtotals are checked on."""

_LONGEST_LABEL = 16
"""Longest text looked at as a totals label (``Grand Total``, ``全部合计``)."""


REQUIRED = ("id", "name", "start_year", "end_year", "total_investment", "plan_investment")
"""The fields every project table gives (a window column gives both years)."""

_EXAMPLES = {
    "id": "id or 序号",
    "name": "name or 项目名称",
    "start_year": "start_year, 开工年份, or a window such as 项目期限 (2023-2026)",
    "end_year": "end_year, 竣工年份, or a window such as 项目期限 (2023-2026)",
    "total_investment": "total_investment or 总投资（亿元）",
    "plan_investment": "plan_investment, 2021-2025年投资额（亿元） or “十四五”期间投资",
}


@dataclass(frozen=True, eq=False)
class ProjectTable:
    """The projects of a table in capex's fields, and where each value came from.

    Attributes
    ----------
    table
        The table read.
    frame
        One row per project (the totals row left out), capex's fields as columns; text
        fields as text, years, amounts and numbers as the cells hold them.
    rows
        The table row of each project row.
    columns
        The recognised columns by field.
    units
        The unit written for each amount field (in its heading, else in a note above the
        table such as ``单位：万元``); ``None`` where none is written.
    period
        The plan period the plan-investment heading names, if any.
    totals
        The totals row's amounts by field; empty when there is no totals row.
    totals_row
        The table row of the totals row, or None.
    subtotals
        The subtotal rows and group headings that carry amounts, each with the projects it
        covers (:class:`~capex.io.rows.SummingRow`).
    """

    table: Table
    frame: pd.DataFrame
    rows: tuple[int, ...]
    columns: Mapping[str, Column]
    units: Mapping[str, str | None]
    period: tuple[int, int] | None = None
    totals: Mapping[str, Decimal] = field(default_factory=dict)
    totals_row: int | None = None
    subtotals: tuple[SummingRow, ...] = ()

    def column_of(self, name: str) -> int | None:
        """The table column a field was read from (a window column for the years)."""
        if name in self.columns:
            return self.columns[name].index
        if name in ("start_year", "end_year") and "window" in self.columns:
            return self.columns["window"].index
        return None

    def error(
        self, problem: str, position: int, name: str | None, *, project_id: Any = None
    ) -> DataError:
        """An error at project row ``position`` (0-based), field ``name``, naming the cell
        and its value as the table holds it."""
        i = self.rows[position]
        j = self.column_of(name) if name is not None else None
        value = None
        if j is not None:
            try:
                value = self.table.text(i, j)
            except DataError:
                value = None
        return self.table.error(problem, i, j, value, project_id=project_id)

    def totals_error(self, problem: str, name: str) -> DataError:
        """An error at the totals row's cell of field ``name``."""
        assert self.totals_row is not None
        j = self.column_of(name)
        value = self.table.text(self.totals_row, j) if j is not None else None
        return self.table.error(problem, self.totals_row, j, value)

    def heading_error(self, problem: str, name: str, value: Any = None) -> DataError:
        """An error at the heading of field ``name``."""
        j = self.column_of(name)
        return self.table.heading_error(problem, j, value)


def read_projects(table: Table) -> ProjectTable:
    """The projects of ``table`` in capex's fields (see the module text).

    Raises
    ------
    DataError
        A required column missing, two columns for one field, a window that is not a range
        of years, an amount in a cell merged over several rows, a second totals row or a
        subtotal row; each names the file, sheet and cell.
    """
    columns = find_columns(
        table,
        PROJECT_HEADINGS,
        amounts=PROJECT_AMOUNTS,
        same=[frozenset({"window", "start_year"}), frozenset({"window", "end_year"})],
    )
    if "id" not in columns and "code" in columns:
        columns = {**columns, "id": columns["code"]}  # the code is the table's only key
    _check_required(table, columns)
    amount_columns = [columns[name].index for name in PROJECT_AMOUNTS if name in columns]
    roles = row_roles(table, [columns["id"].index, columns["name"].index], amount_columns)
    totals_row = roles.totals_row
    subtotals = tuple(s for s in roles.sums if s.kind != "total")
    rows = roles.records
    if not rows:
        raise DataError(phrase("err_io_no_projects"), source=table.source, sheet=table.sheet)
    frame = pd.DataFrame(index=pd.RangeIndex(len(rows)))
    for name, column in columns.items():
        if name == "window":
            continue
        j = column.index
        if name in PROJECT_AMOUNTS:
            frame[name] = [_amount_cell(table, i, j) for i in rows]
        elif name in ("start_year", "end_year"):
            frame[name] = pd.Series([table.value(i, j) for i in rows], dtype=object)
        else:
            frame[name] = [table.text(i, j) for i in rows]
    if "window" in columns:
        windows = [_window(table, i, columns["window"].index) for i in rows]
        frame["start_year"] = [first for first, _ in windows]
        frame["end_year"] = [last for _, last in windows]
    if "scope" in columns and not any(name in columns for name in SCOPE_COLUMNS):
        readings = [read_scope(text) for text in frame["scope"]]
        for name in SCOPE_COLUMNS:
            frame[name] = [reading[name] for reading in readings]
    note = unit_note(table.preamble)
    units = {
        name: (columns[name].heading.unit or note) if name in columns else note
        for name in PROJECT_AMOUNTS
    }
    period = columns["plan_investment"].heading.period
    reading = ProjectTable(table, frame, rows, columns, units, period, {}, totals_row, subtotals)
    if totals_row is None:
        return reading
    totals = {}
    for name in CHECKED_AMOUNTS:
        j = columns[name].index
        if table.is_blank(totals_row, j):
            continue
        try:
            totals[name] = amount_of(table.value(totals_row, j))
        except ValueError as error:
            raise reading.totals_error(phrase("err_io_not_an_amount", error=error), name) from None
    return ProjectTable(table, frame, rows, columns, units, period, totals, totals_row, subtotals)


def check_subtotals(
    reading: ProjectTable, amounts: Mapping[str, Any], money: Any, units: Mapping[str, str]
) -> None:
    """Check each subtotal and group heading against the projects it covers, exactly.

    ``amounts`` are the projects' amounts by field (``total_investment``, ``plan_investment``)
    as integers of ``money``'s minor unit, in the order of :attr:`ProjectTable.rows`; each
    printed figure is read in its column's unit (``units``). A figure that differs is an error naming its cell: the table does not add
    up, and which figure is wrong cannot be known.
    """
    table = reading.table
    position = {row: k for k, row in enumerate(reading.rows)}
    for summing in reading.subtotals:
        for name in CHECKED_AMOUNTS:
            j = reading.columns[name].index
            value = table.value(summing.row, j)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            unit = units[name]
            try:
                printed = money.to_minor(amount_of(value, unit), unit)
            except ValueError as error:
                raise table.error(
                    phrase("err_io_not_an_amount", error=error),
                    summing.row,
                    j,
                    table.text(summing.row, j),
                ) from None
            added = sum(int(amounts[name][position[row]]) for row in summing.covers)
            if printed != added:
                what = phrase(
                    "err_io_subtotal" if summing.kind == "subtotal" else "err_io_group_heading"
                )
                raise table.error(
                    phrase(
                        "err_io_summing_row_differs",
                        what=what,
                        label=summing.label,
                        printed=money.format(printed),
                        n=len(summing.covers),
                        added=money.format(added),
                    ),
                    summing.row,
                    j,
                    table.text(summing.row, j),
                )


def _check_required(table: Table, columns: Mapping[str, Column]) -> None:
    for name in REQUIRED:
        if name in columns or (name in ("start_year", "end_year") and "window" in columns):
            continue
        raise missing_column(
            table,
            name,
            phrase("err_io_required_column_example", name=name, example=_EXAMPLES[name]),
        )


def find_totals_row(table: Table, label_columns: list[int]) -> int | None:
    """The row whose cell in one of ``label_columns`` (the id or name) says 合计 or total
    (:func:`capex.io.rows.row_roles`); a second such row is an error."""
    return row_roles(table, label_columns).totals_row


def _window(table: Table, i: int, j: int) -> tuple[int, int]:
    try:
        return window_of(table.value(i, j))
    except ValueError as error:
        raise table.error(phrase("error_as_raised", error=error), i, j, table.text(i, j)) from None


def _amount_cell(table: Table, i: int, j: int) -> Any:
    if table.is_merged_copy(i, j):
        raise table.error(
            phrase("err_io_merged_amount"),
            i,
            j,
            table.text(i, j),
        )
    value = table.value(i, j)
    return "" if value is None else value


def _bundled_csv() -> Path:
    """Where the bundled projects are: ``data/`` of a source checkout (and of an editable
    install), else the copy a built wheel carries as ``capex.bundled_data``."""
    source_tree = Path(__file__).resolve().parents[2] / "data" / "major_projects.csv"
    if source_tree.is_file():
        return source_tree
    return Path(str(resources.files("capex.bundled_data") / "major_projects.csv"))


BUNDLED_CSV = _bundled_csv()
"""The 35 projects of the Yuecheng District plan, as shipped with capex."""


# ---------------------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------------------
def load_projects(
    source: str | Path | pd.DataFrame | None = None,
    *,
    sheet: str | int | None = None,
    plan_period: tuple[int, int] | None = None,
    published: Mapping[str, object] | PublishedTotals | None = None,
    amount_unit: str | None = None,
    encoding: str = "utf-8",
    name: str | None = None,
    currency: str | None = None,
    minor_unit: str | None = None,
    fiscal_year_start: int | None = None,
    fiscal_year_naming: str | None = None,
) -> Portfolio:
    """Load and validate a table of projects from an Excel workbook, a CSV file or a DataFrame.

    Parameters
    ----------
    source
        An ``.xlsx`` workbook, a CSV file, a DataFrame, or ``None`` for the bundled Yuecheng
        projects. Headings may be capex's own (``id``, ``name``, ``start_year``, ``end_year``,
        ``total_investment``, ``plan_investment``, ...) or those of a Chinese plan (序号,
        项目名称, 项目期限 or 建设年限 ``2023-2026``, 开工年份/竣工年份, 建设地点, 建设内容,
        总投资（亿元）, 2021-2025年投资额（亿元）, “十四五”期间投资, 建设单位 or 业主单位,
        是否政府投资 ...; see :mod:`capex.io.headings`). Titles and notes above the headings
        are skipped. A totals row (合计, 总计 or total) is not a project: its figures are
        the published totals, or are checked against them. A file may have a metadata file
        beside it with the same stem and ``.toml`` suffix giving ``name``, ``plan_period``,
        ``currency``, ``amount_unit``, ``minor_unit`` and ``[published]`` totals.
    sheet
        The sheet of a workbook: its name, or an int, the sheet of that name first (a sheet
        named ``2021``), else the position among the visible sheets counted from 0; the
        first visible sheet by default (see :func:`capex.io.read_table`). Hidden sheets are
        never read by position; a workbook with any gives a finding in :func:`capex.reconcile`.
    plan_period
        First and last year of the plan. Overrides the metadata; required when neither the
        metadata, the DataFrame's ``attrs`` nor a plan-investment heading
        (``2021-2025年投资额``) gives it.
    published
        Published totals, ``{"total_investment": "77.8", "plan_investment": "48.39"}`` in
        ``amount_unit``, or a :class:`PublishedTotals`. Overrides the metadata.
    amount_unit
        Unit of the amount columns whose heading names none: ``"亿元"`` (default for yuan),
        ``"万元"``, ``"元"``, or a unit of another currency (``"USD"``, ``"cent"``). A unit
        written in a heading (``总投资（万元）``) wins for its column, and a note above the
        table (``单位：万元``) wins over this default; two amount columns in different units
        are each read in their own.
    encoding
        Text encoding of a CSV file (for example ``"gb18030"`` for files saved by Chinese Excel).
    name
        A title for reports.
    currency
        ISO 4217 code of the amounts (``"CNY"`` by default, or the currency of the units).
    minor_unit
        The unit the portfolio counts in (see :class:`capex.model.money.Money`). By default the
        coarsest of 万元, 元 and 分 (dollars and cents for other currencies) that holds every
        amount exactly, so the same programme written in 亿元, in 万元 or in 元 loads to the
        same portfolio.
    fiscal_year_start
        The calendar month in which the budget year starts (1-12; 10 for a US federal or
        District budget, 7 for most US states and Australia, 4 for the UK, Japan and India);
        by default the metadata's, else January (the calendar year). Years in the table are
        the numbers of the budget years' names (``FY2027`` is 2027).
    fiscal_year_naming
        How the budget years are named (``"end"``: FY2027 ends in 2027; ``"start"``:
        2026年度 starts in 2026; ``"span"``: 2026-27); see
        :class:`capex.model.budget_year.FiscalYear`.

    A column per funding source (``一般公共预算``, ``其中：专项债券``, ``自筹``, or any column
    under a merged heading 资金来源; ``General Fund``, ``Funding source: Grants``) gives each
    project's money by source (:attr:`Portfolio.sources`, :mod:`capex.io.sources`), which
    must add up to its total investment exactly.

    Returns
    -------
    Portfolio

    Raises
    ------
    DataError
        On the first bad value, naming the file (and sheet), the row or cell, the column and
        the value. The file is only read.

    Examples
    --------
    >>> import capex
    >>> portfolio = capex.load_projects()
    >>> len(portfolio), portfolio.plan_period
    (35, (2021, 2025))
    """
    if source is None:
        source = BUNDLED_CSV
    record = Provenance()
    if isinstance(source, pd.DataFrame):
        label = "<DataFrame>"
        meta = dict(source.attrs.get("capex", {}))
        if sheet is not None:
            raise DataError(phrase("err_io_frame_no_sheets"), source=label, value=sheet)
        table = Table.from_frame(_with_id_column(source), label)
    else:
        label = str(source)
        meta = _read_metadata(Path(source))
        table = read_table(
            source, sheet=sheet, encoding=encoding, header=row_matches(PROJECT_HEADINGS)
        )
        record = _input_records(Path(source), source is BUNDLED_CSV)
    reading = read_projects(table)
    fiscal = _fiscal_year(fiscal_year_start, fiscal_year_naming, meta, label)
    declared = _declared_sources(meta, label)
    source_cells = _source_cells(reading, declared)

    default_unit = amount_unit or meta.get("amount_unit")
    written = [u for u in reading.units.values() if u]
    try:
        reading_money = Money(_currency_of(currency or meta.get("currency"), written, default_unit))
        unit = reading_money.normalize_unit(default_unit)
    except ValueError as error:
        raise DataError(phrase("error_as_raised", error=error), source=label) from None
    units = {column: _unit_of(reading, column, reading_money, unit) for column in reading.units}
    period = _plan_period(plan_period, meta, reading, label)
    stated = _published_amounts(
        published if published is not None else meta.get("published"), unit, label
    )
    others = [] if stated is None or isinstance(stated, PublishedTotals) else stated
    frame, money = _validate(
        reading.frame,
        source=label,
        plan_period=period,
        amount_unit=unit,
        units=units,
        currency=reading_money.currency,
        minor_unit=minor_unit or meta.get("minor_unit"),
        other_amounts=[(amount, unit) for amount in others]
        + [(amount, units[column]) for column, amount in reading.totals.items()]
        + _source_amounts(source_cells, unit_note(table.preamble) or unit),
        locate=reading.error,
        naming=fiscal.naming,
    )
    sources = None
    if source_cells is not None:
        from capex.io.sources import sources_of_cells

        sources = sources_of_cells(
            source_cells,
            frame.index,
            frame["total_minor"].to_numpy(),
            money,
            _source_unit(table, money, unit),
            table,
            declared=declared,
        )
    if reading.subtotals:  # 小计 rows and group headings with amounts add up their projects
        amounts = {"total_investment": frame["total_minor"], "plan_investment": frame["plan_minor"]}
        check_subtotals(reading, {k: v.to_numpy() for k, v in amounts.items()}, money, units)
    published_totals = _published(stated, money, unit, label)
    if reading.totals_row is not None:
        published_totals = _reconcile_totals_row(reading, published_totals, money, units)
    return Portfolio(
        frame,
        plan_period=period,
        published=published_totals,
        name=name if name is not None else str(meta.get("name", _title(table))),
        source=label,
        money=money,
        provenance=record,
        sheet=table.sheet,
        hidden_sheets=table.hidden_sheets,
        sources=sources,
        fiscal_year=fiscal,
    )


def _fiscal_year(
    start: int | None, naming: str | None, meta: Mapping[str, Any], label: str
) -> FiscalYear:
    """The budget year a loader is told (its arguments, else the metadata's), checked."""
    from capex.model.budget_year import CalendarError

    start = start if start is not None else meta.get("fiscal_year_start", 1)
    naming = naming if naming is not None else meta.get("fiscal_year_naming")
    try:
        return fiscal_year_of(start, naming)
    except CalendarError as error:
        raise DataError(phrase("error_as_raised", error=error), source=label) from None


def _declared_sources(meta: Mapping[str, Any], label: str) -> list[Any]:
    """The sources a metadata file declares (``[[sources]]`` with name, parent, rule)."""
    from capex.model.sources import Source, SourceError

    entries = meta.get("sources", [])
    if not isinstance(entries, list):
        raise DataError(phrase("err_io_sources_list"), source=label, column="sources")
    out = []
    for entry in entries:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            raise DataError(
                phrase("err_io_source_needs_name"), source=label, column="sources", value=entry
            )
        try:
            out.append(Source(entry["name"], entry.get("parent"), entry.get("rule")))
        except SourceError as error:
            raise DataError(
                phrase("error_as_raised", error=error), source=label, column="sources"
            ) from None
    return out


def _source_cells(reading: ProjectTable, declared: list[Any]) -> Any:
    """The source columns of a project table and their cells in the project rows."""
    from capex.io.sources import find_source_columns, read_source_cells

    taken = {column.index for column in reading.columns.values()}
    columns = find_source_columns(reading.table, taken, declared)
    if not columns:
        return None
    return read_source_cells(reading.table, reading.rows, columns)


def _source_unit(table: Table, money: Money, unit: str) -> str:
    """The unit of source columns whose heading names none: a note's above the table (单位：
    万元), else the table's default."""
    note = unit_note(table.preamble)
    if note is None:
        return unit
    try:
        return money.normalize_unit(note)
    except ValueError as error:
        raise DataError(
            phrase("err_io_note_unit", unit=repr(note), error=error),
            source=table.source,
            sheet=table.sheet,
        ) from None


def _source_amounts(cells: Any, unit: str) -> list[tuple[Decimal, str]]:
    """The source amounts of a table, in their units, for the choice of its minor unit."""
    if cells is None:
        return []
    out = []
    for row, shares in zip(cells.amounts, cells.shares):
        for column, number, share in zip(cells.columns, row, shares):
            if number is not None and not share:
                out.append((number, column.unit or unit))
    return out


def _input_records(path: Path, bundled: bool) -> Provenance:
    """The provenance of a portfolio read from ``path`` and its metadata file, if any."""
    files = [path, path.with_suffix(".toml")]
    return Provenance(
        inputs=tuple(
            file_record(file, label=f"<capex bundled data>/{file.name}" if bundled else None)
            for file in files
            if file.is_file()
        )
    )


def _title(table: Table) -> str:
    """A title written above the headings (越城区重大建设项目表), or ``""``; a note of the
    unit (单位：万元) is not a title."""
    titles = [text for text in table.preamble if unit_note([text]) is None]
    return titles[0] if titles else ""


def _with_id_column(frame: pd.DataFrame) -> pd.DataFrame:
    """A caller's frame with its index as a column when the index holds the ids, and the
    amount columns of a portfolio's own frame (``total_minor``) under their loading names."""
    frame = with_index_column(frame)
    renames = {
        minor: written
        for minor, written in (
            ("total_minor", "total_investment"),
            ("plan_minor", "plan_investment"),
        )
        if minor in frame.columns and written not in frame.columns
    }
    return frame.rename(columns=renames) if renames else frame


def _currency_of(currency: object, written: list[str], default_unit: object) -> str:
    """The currency named, else that of the units written in the table, else of the default
    unit, else yuan."""
    if currency:
        return str(currency)
    for unit in [*written, default_unit]:
        if unit:
            try:
                return Money.of(str(unit)).currency
            except ValueError:
                continue  # an unknown unit is reported where it is written
    return "CNY"


def _unit_of(reading: ProjectTable, column: str, money: Money, default: str) -> str:
    """The unit of an amount column: its heading's, else the note's, else the default."""
    written = reading.units[column]
    if not written:
        return default
    try:
        return money.normalize_unit(written)
    except ValueError as error:
        if column in reading.columns and reading.columns[column].heading.unit:
            raise reading.heading_error(
                phrase("error_as_raised", error=error), column, written
            ) from None
        raise DataError(
            phrase("err_io_note_unit", unit=repr(written), error=error),
            source=reading.table.source,
            sheet=reading.table.sheet,
        ) from None


def _plan_period(
    given: object, meta: Mapping[str, Any], reading: ProjectTable, label: str
) -> tuple[int, int]:
    """The plan period given, else the metadata's, else the plan heading's; a heading that
    names another one is an error."""
    stated = given if given is not None else meta.get("plan_period")
    named = reading.period
    if stated is None and named is None:
        raise DataError(
            phrase("err_io_plan_period_unknown"),
            source=label,
        )
    if stated is None:
        return _check_period(named, label)
    period = _check_period(stated, label)
    if named is not None and named != period:
        raise reading.heading_error(
            phrase(
                "err_io_heading_period_differs",
                first=named[0],
                last=named[1],
                given_first=period[0],
                given_last=period[1],
            ),
            "plan_investment",
            reading.table.headings[reading.columns["plan_investment"].index],
        )
    return period


def _reconcile_totals_row(
    reading: ProjectTable,
    stated: PublishedTotals | None,
    money: Money,
    units: Mapping[str, str],
) -> PublishedTotals:
    """The published totals a totals row gives, checked against those stated elsewhere."""
    from_row = {
        column: _totals_minor(reading, column, money, units[column]) for column in reading.totals
    }
    if stated is None:
        for column in ("total_investment", "plan_investment"):
            if column not in from_row:
                raise reading.totals_error(
                    phrase("err_io_totals_row_empty"),
                    column,
                )
        return PublishedTotals(from_row["total_investment"], from_row["plan_investment"])
    for column, amount in from_row.items():
        published = stated.total_minor if column == "total_investment" else stated.plan_minor
        if amount != published:
            raise reading.totals_error(
                phrase(
                    "err_io_totals_row_published",
                    amount=money.format(amount),
                    column=phrase(
                        "total_investment"
                        if column == "total_investment"
                        else "err_io_plan_investment"
                    ),
                    published=money.format(published),
                ),
                column,
            )
    return stated


def _totals_minor(reading: ProjectTable, column: str, money: Money, unit: str) -> int:
    try:
        return money.to_minor(reading.totals[column], unit)
    except ValueError as error:
        raise reading.totals_error(
            phrase("err_io_not_amount_in", unit=unit, error=error), column
        ) from None


def _read_metadata(path: Path) -> dict[str, Any]:
    meta_path = path.with_suffix(".toml")
    if meta_path == path or not meta_path.exists():
        return {}
    try:
        meta = tomllib.loads(read_bytes(meta_path).decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as error:
        raise DataError(
            phrase("err_io_metadata_unreadable", error=str(error)), source=str(meta_path)
        ) from None
    except OSError as error:
        raise DataError(
            phrase("err_io_metadata_unreadable", error=error.strerror or str(error)),
            source=str(meta_path),
        ) from None
    for key in ("name", "currency", "amount_unit", "minor_unit", "fiscal_year_naming"):
        if key in meta and not isinstance(meta[key], str):
            raise DataError(
                phrase("err_io_must_be_text", field=key),
                source=str(meta_path),
                column=key,
                value=meta[key],
            )
    start = meta.get("fiscal_year_start")
    if start is not None and (isinstance(start, bool) or not isinstance(start, int)):
        raise DataError(
            phrase("err_io_fiscal_start_month"),
            source=str(meta_path),
            column="fiscal_year_start",
            value=start,
        )
    return meta


def _published_amounts(
    value: object, unit: str, label: str
) -> list[Decimal] | PublishedTotals | None:
    """The published total and plan-period figure as exact numbers of ``unit``."""
    if value is None or isinstance(value, PublishedTotals):
        return value
    if not isinstance(value, Mapping):
        raise DataError(phrase("err_io_published_mapping"), source=label, value=value)
    amounts = []
    for key in ("total_investment", "plan_investment"):
        if key not in value:
            raise DataError(phrase("err_io_published_lacks", field=key), source=label)
        try:
            amount = amount_of(value[key])
        except ValueError as error:
            raise DataError(
                phrase("err_io_bad_published", error=error), source=label, value=value[key]
            ) from None
        if amount < 0:  # a plan publishes what it costs, never a negative total
            raise DataError(
                phrase("err_io_published_negative"), source=label, column=key, value=value[key]
            )
        amounts.append(amount)
    return amounts


def _published(
    stated: list[Decimal] | PublishedTotals | None, money: Money, unit: str, label: str
) -> PublishedTotals | None:
    if stated is None or isinstance(stated, PublishedTotals):
        return stated
    try:
        total, plan = (money.to_minor(amount, unit) for amount in stated)
    except ValueError as error:
        raise DataError(phrase("err_io_bad_published", error=error), source=label) from None
    return PublishedTotals(total_minor=total, plan_minor=plan)


# ---------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------
def write_projects(portfolio: Portfolio, path: str | Path) -> Path:
    """Write a portfolio's projects as a CSV (amounts in the display unit, exact) and its
    metadata beside it, both or neither (see :func:`capex.io.files.atomic_writes`). Text that a
    spreadsheet would run as a formula is written as text (see :mod:`capex.io.safe_text`).

    :func:`load_projects` reads the pair back to an equal portfolio.

    Returns
    -------
    Path
        The CSV file written.
    """
    path = Path(path)
    money = portfolio.money
    frame = portfolio.frame.reset_index()
    out = pd.DataFrame({"id": frame["id"]})
    for column in FRAME_COLUMNS:
        values = frame[column]
        if column in ("total_minor", "plan_minor"):
            target = "total_investment" if column == "total_minor" else "plan_investment"
            out[target] = [money.text(v) for v in values]
        elif column == "spent_before_minor":
            if values.notna().any():  # written only for a plan with carried projects
                out["spent_before"] = ["" if pd.isna(v) else money.text(v) for v in values]
        elif column in ("area_approximate", "government_investment", "fixed"):
            out[column] = [_bool_text(v) for v in values]
        else:
            out[column] = ["" if pd.isna(v) else str(v) for v in values]
    if portfolio.sources is not None:  # a column per source, in the display unit, exactly
        amounts = portfolio.sources.amounts_minor.reindex(frame["id"])
        for name in portfolio.sources.names:
            out[name] = ["" if pd.isna(v) else money.text(int(v)) for v in amounts[name].tolist()]
    out = frame_to_csv_text(out)
    with atomic_writes([path, path.with_suffix(".toml")]) as (table, metadata):
        out.to_csv(table, index=False, encoding="utf-8", lineterminator="\n")
        metadata.write_text(_metadata_toml(portfolio), encoding="utf-8")
    return path


def _metadata_toml(portfolio: Portfolio) -> str:
    money = portfolio.money
    metadata: dict[str, Any] = {
        "name": portfolio.name,
        "plan_period": list(portfolio.plan_period),
        "currency": money.currency,
        "amount_unit": money.display_unit,
        "minor_unit": money.unit,
    }
    if portfolio.published is not None:  # exact decimal text, as the table's amounts
        metadata["published"] = {
            "total_investment": money.text(portfolio.published.total_minor),
            "plan_investment": money.text(portfolio.published.plan_minor),
        }
    if not portfolio.fiscal_year.is_calendar:
        metadata["fiscal_year_start"] = portfolio.fiscal_year.start
        metadata["fiscal_year_naming"] = portfolio.fiscal_year.naming
    if portfolio.sources is not None:
        metadata["sources"] = _sources_metadata(portfolio.sources)
    return toml_text(metadata)


def _sources_metadata(sources: Sources) -> list[dict[str, str]]:
    """The sources as the metadata file keeps them: name, parent, rule (as text)."""
    from capex.model.budget import _rule_text

    out = []
    for source in sources.sources:
        entry = {"name": source.name}
        if source.parent is not None:
            entry["parent"] = source.parent
        if source.rule is not None:
            if callable(source.rule):
                raise DataError(
                    phrase("err_io_rule_function", source=repr(source.name)),
                    value=source.name,
                )
            entry["rule"] = _rule_text(source.rule)
        out.append(entry)
    return out


def _bool_text(value: object) -> str:
    return "yes" if bool(value) else "no"
