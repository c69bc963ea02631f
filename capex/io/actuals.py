"""Reading a ledger of actual spending into :class:`~capex.model.actuals.Actuals`.

:func:`load_actuals` reads a long table (``id, year, amount``) or a wide one (an ``id`` column
and a column per year, part years such as ``2025年1-6月``, a ``2020年及以前`` column) from CSV,
Excel (``.xlsx`` or ``.xls``) or a DataFrame, as finance offices keep them: ``-`` and blank are
no spending, accounting negatives are refunds, a 合计 row and column are checks, group headings
and 小计 rows are not projects, footers are not data, a status column (状态) gives each
project's status at the close. Every amount is kept exact in the coarsest of 万元, 元 and 分
that holds it; what the ledger covers is read from its columns (or ``years=``).

>>> import pandas as pd
>>> actuals = load_actuals(pd.DataFrame({"id": [1, 1], "year": [2021, 2022],
...                                      "amount": ["12345.67", "100"]}), unit="元")
>>> actuals.money.unit, actuals.total_minor, actuals.coverage.text()
('分', 1244567, '2021-2022')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import DataError
from capex.io.headings import (
    ACTUALS_AMOUNTS,
    ACTUALS_HEADINGS,
    Column,
    find_columns,
    fiscal_naming,
    heading_year,
    mentions_year,
    missing_column,
    row_matches,
    unit_note,
)
from capex.io.rows import RowRoles, row_roles
from capex.io.tables import Table, read_table, with_index_column
from capex.model.actuals import (
    DEFAULT_UNIT,
    Actuals,
    _coverage_of,
    _findings_frame,
    _refuse_duplicates,
    _sorted,
    _with_where,
    place_phrase,
)
from capex.model.budget_year import CALENDAR, FiscalYear
from capex.model.cells import closing_status, optional_amount, year_of
from capex.model.coverage import Coverage
from capex.model.ids import normalize_ids
from capex.model.money import (
    Money,
    checked_sum,
    minor_unit_holding,
)
from capex.terms import Message, phrase


# ---------------------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------------------
def load_actuals(
    source: str | Path | pd.DataFrame,
    *,
    unit: str | None = None,
    sheet: str | int | None = None,
    encoding: str = "utf-8",
    years: tuple[int, int] | None = None,
    strict: bool = False,
    fiscal_year_start: int | None = None,
    fiscal_year_naming: str | None = None,
) -> Actuals:
    """Read actual spending by project and year, exactly.

    Parameters
    ----------
    source
        A CSV file, an Excel workbook (``.xlsx``, or ``.xls`` with xlrd), or a DataFrame.
        Either *long*, one row per project and year with columns ``id``, ``year`` and
        ``amount``, or *wide*, an ``id`` column and one column per year (``2021``, ``2021年``,
        ``FY 2021``). The table is read by :func:`capex.io.read_table` and its headings
        recognised by :data:`capex.io.headings.ACTUALS_HEADINGS`, Chinese as well as English
        (``序号``/``项目编号``, ``年份``/``年度``, ``金额``/``实际支出``/``完成投资``). Rows above
        the headings (a title, ``#`` comments, a note such as ``单位：元``) are not data;
        other columns (a name, a note) are left alone, and a column whose heading names a year
        but not which (``2021年预计``) is an error when it holds numbers. A wide table may also
        have a column of every year before its first (``2020年及以前``, ``截至2020年底累计``,
        ``以前年度``), part years at its end (``2025年1-6月``, ``2025年上半年``), a 合计 column
        and row, subtotals, group headings and footers.
    unit
        The unit the amounts are written in (``"元"``, ``"万元"``, ``"亿元"``, ``"USD"``). By
        default the unit an amount heading names (``amount (元)``, ``实际支出（万元）``), else
        the one a note above the table gives (``单位：元``), else 万元.
    sheet
        The workbook's sheet: its name, or an int: that name first, else the position among the
        visible sheets counted from 0 (see :func:`capex.io.read_table`); the first visible
        sheet by default.
    encoding
        Text encoding of a CSV file (``"gb18030"`` for files saved by Chinese Excel).
    years
        ``(first, last)``: the years the ledger covers, for a long table whose rows do not
        show them (a year with nothing spent has no row) or a wide one with a year missing
        that was nothing spent. By default a wide table covers its columns and a long one
        the years from its first row to its last. An amount outside them is an error.
    strict
        Refuse a printed total that does not add up (a 合计 row or column, a subtotal) instead
        of reporting it as a finding.
    fiscal_year_start, fiscal_year_naming
        When the ledger's budget year starts (1-12) and how its years are named, as
        :func:`capex.load_phased` takes them: columns and cells such as ``FY2027``, ``FY
        2026-27``, ``2026/27`` or ``2027年度`` are those budget years.

    Returns
    -------
    Actuals
        Amounts as integers of the coarsest of 万元, 元 and 分 (cents for other currencies)
        that holds every one exactly; the coverage, the statuses and what reading found.

    Raises
    ------
    DataError
        Naming the file, sheet, row or cell, column and value: a missing column, an amount that
        is not a number or finer than a 分, a unit word in a cell (``1.2亿``), a year that is
        not a whole number, an empty id, the same project and year twice, headings that name
        two different units, a year column capex cannot place (``2026年以后`` in a ledger, a
        gap between year columns, overlapping part years), a status it does not know, and what
        :func:`capex.io.read_table` refuses (an unreadable or encrypted file, a CSV row with
        more values than headings, two columns with one heading).

    Notes
    -----
    The file is only read, never written.
    """
    if isinstance(source, pd.DataFrame):
        source = with_index_column(source)
    table = read_table(source, sheet=sheet, encoding=encoding, header=row_matches(ACTUALS_HEADINGS))
    stated = None if years is None else _coverage_of(years, stated=True)
    from capex.model.budget_year import CalendarError, fiscal_year_of

    try:
        fiscal = fiscal_year_of(fiscal_year_start or 1)
    except CalendarError as error:
        raise DataError(
            phrase("error_as_raised", error=error), source=table.source, sheet=table.sheet
        ) from None
    return _Reader(table, unit, stated, strict, fiscal, fiscal_year_naming).actuals()


class _Reader:
    """One ledger table read into actuals: its columns, its rows, its checks."""

    def __init__(
        self,
        table: Table,
        unit: str | None,
        stated: Coverage | None,
        strict: bool,
        fiscal: FiscalYear = CALENDAR,
        naming: str | None = None,
    ):
        self.table = table
        self.stated = stated
        self.strict = strict
        self.columns = find_columns(
            table, ACTUALS_HEADINGS, amounts=ACTUALS_AMOUNTS | {"row_total"}, years=True
        )
        if "id" not in self.columns:
            raise missing_column(table, "id", phrase("err_io_no_id_column"))
        self.family = [
            c
            for c in self.columns.values()
            if c.heading.field == "year" and (c.heading.year is not None or c.heading.span)
        ]
        self.long = "year" in self.columns and "amount" in self.columns and not self.family
        if not self.long and not self.family:
            raise missing_column(
                table,
                "amount",
                phrase("err_io_neither_long_nor_wide"),
            )
        self.fiscal_year = self._fiscal_years(fiscal, naming)
        amount_columns = [self.columns["amount"]] if self.long else self.family
        self.unit = _written_unit(table, amount_columns, unit)
        labels = [self.columns[f].index for f in ("id", "name") if f in self.columns]
        self.roles: RowRoles = row_roles(table, labels, [c.index for c in amount_columns])
        self.findings: list[tuple[Any, Any, str, str, Message]] = []

    def _fiscal_years(self, fiscal: FiscalYear, naming: str | None) -> FiscalYear:
        """The ledger's budget year, and its year columns read as the budget years they name."""
        from capex.model.budget_year import CalendarError, fiscal_year_of

        table = self.table

        def where(problem: str) -> DataError:
            column = self.family[0] if self.family else None
            j = column.index if column is not None else None
            return table.heading_error(problem, j, table.headings[j] if j is not None else None)

        named = fiscal_naming([c.heading.fiscal for c in self.family], fiscal.start, naming, where)
        try:
            fiscal = fiscal_year_of(fiscal.start, named)
        except CalendarError as error:
            raise DataError(
                phrase("error_as_raised", error=error), source=table.source, sheet=table.sheet
            ) from None
        if fiscal.is_calendar:
            return fiscal
        family = []
        for column in self.family:
            heading = column.heading
            if heading.span == "months":
                raise where(
                    phrase(
                        "err_io_months_in_budget_year",
                        column=table.headings[column.index],
                        month=fiscal.start,
                    )
                )
            if heading.year is not None and not heading.span:
                heading = dataclasses.replace(
                    heading, year=heading_year(heading, str(fiscal.naming))
                )
            family.append(Column(column.index, heading))
        self.family = family
        return fiscal

    # -- the table ------------------------------------------------------------------------
    def actuals(self) -> Actuals:
        table = self.table
        if self.long:
            records, coverage = self._long_records()
        else:
            placed, coverage = self._wide_years()
            records = self._wide_records(placed)
        source = table.where()
        money = _money_holding(records, self.unit, source)
        amounts = np.empty(len(records), dtype=np.int64)
        for k, record in enumerate(records):
            amounts[k] = self._minor(money, record.number, record.where, source)
        frame = pd.DataFrame(
            {
                "id": normalize_ids([r.raw_id for r in records]),
                "year": np.asarray([r.year for r in records], dtype=np.int64),
                "month": np.zeros(len(records), dtype=np.int64),
                "amount_minor": amounts,
                "where": [r.where for r in records],
            }
        )
        if not self.long:
            frame = _combined_by_year(frame)
        _refuse_duplicates(frame, source)
        checked_sum(frame["amount_minor"].to_numpy())
        self._check_printed_totals(money, records)
        frame = frame[frame["amount_minor"].to_numpy() != 0]
        return Actuals(
            _sorted(frame),
            money=money,
            source=source,
            unit=self.unit,
            coverage=coverage,
            status=self._statuses(),
            reading_findings=_findings_frame(self.findings),
            fiscal_year=self.fiscal_year,
        )

    # -- long tables ----------------------------------------------------------------------
    def _long_records(self) -> tuple[list[_Record], Coverage | None]:
        table = self.table
        id_j = self.columns["id"].index
        year_j = self.columns["year"].index
        amount_j = self.columns["amount"].index
        read = (amount_j, year_j)
        records: list[_Record] = []
        for i in self.roles.records:
            raw_id = table.text(i, id_j)
            if not raw_id and all(table.is_blank(i, j) for j in read):
                continue  # a row with nothing of the actuals in it (a name alone, a note)
            if not raw_id:
                raise table.error(phrase("err_io_id_empty"), i, id_j, raw_id)
            try:
                naming = None if self.fiscal_year.is_calendar else self.fiscal_year.naming
                year = year_of(table.value(i, year_j), naming=naming)
            except ValueError as error:
                raise table.error(
                    phrase("err_io_not_a_year", error=error), i, year_j, table.text(i, year_j)
                ) from None
            number = self._amount(i, amount_j)
            if number is None:
                if table.is_blank(i, amount_j):
                    raise table.error(phrase("err_io_amount_empty"), i, amount_j, "")
                number = Decimal(0)  # a dash: nothing spent, and the year is covered
            records.append(
                _Record(raw_id, int(year), number, table.place(i, amount_j), i, amount_j)
            )
        held = sorted({r.year for r in records})
        coverage = self.stated
        if coverage is not None:
            outside = [r for r in records if not coverage.first <= r.year <= coverage.last]
            if outside:
                r = outside[0]
                raise table.error(
                    phrase("err_io_year_outside_ledger", year=r.year, covered=coverage),
                    r.row,
                    year_j,
                    r.year,
                )
        elif held:
            coverage = Coverage(held[0], held[-1])
        return records, coverage

    # -- wide tables ----------------------------------------------------------------------
    def _wide_years(self) -> tuple[list[tuple[Column, int]], Coverage]:
        """Each year column with the year its money is kept in, and the coverage."""
        table = self.table
        family = self.family
        onward = [c for c in family if c.heading.span == "onward"]
        if onward:
            column = onward[0]
            raise table.heading_error(
                phrase("err_io_ledger_onward", describe=column.heading.describe()),
                column.index,
                table.headings[column.index],
            )
        plain = {c.heading.year: c for c in family if not c.heading.span}
        parts: dict[int, list[Column]] = {}
        for c in family:
            if c.heading.span == "months":
                parts.setdefault(c.heading.year, []).append(c)
        first_month, last_month = 1, 12
        years = set(plain)
        for year, columns in sorted(parts.items()):
            if year in plain:
                raise table.heading_error(
                    phrase(
                        "err_io_two_columns_one_year",
                        first=table.headings[plain[year].index],
                        second=table.headings[columns[0].index],
                        year=year,
                    ),
                    columns[0].index,
                    table.headings[columns[0].index],
                )
            months = _months_covered(table, columns)
            years.add(year)
            if months == (1, 12):
                continue
            others = years | set(parts)
            if months[0] == 1 and year == max(others):
                last_month = months[1]
            elif months[1] == 12 and year == min(others):
                first_month = months[0]
            else:
                column = columns[0]
                raise table.heading_error(
                    phrase("err_io_part_year_inside", describe=column.heading.describe()),
                    column.index,
                    table.headings[column.index],
                )
        through = [c for c in family if c.heading.span == "through"]
        if len(through) > 1:
            raise table.heading_error(
                phrase("err_io_two_before_columns"),
                through[1].index,
                table.headings[through[1].index],
            )
        ordered = sorted(years)
        if not ordered:
            column = through[0]
            raise table.heading_error(
                phrase("err_io_before_no_year_after"),
                column.index,
                table.headings[column.index],
            )
        placed: list[tuple[Column, int]] = [
            (c, c.heading.year) for c in family if c.heading.span != "through"
        ]
        opening = False
        if through:
            column = through[0]
            year = column.heading.year
            if year is None:
                year = ordered[0] - 1
            elif not column.heading.exact and year in years:
                year -= 1  # "2021年以前" beside a 2021 column: the years before 2021
            if year != ordered[0] - 1:
                problem = (
                    phrase("err_io_overlaps_year_column", year=ordered[0])
                    if year >= ordered[0]
                    else phrase(
                        "err_io_years_in_no_column",
                        year=ordered[0],
                        span=_span_text(year + 1, ordered[0] - 1),
                    )
                )
                raise table.heading_error(
                    phrase("err_io_years_to", year=year, problem=problem),
                    column.index,
                    table.headings[column.index],
                )
            placed.append((column, year))
            opening = True
        stated = self.stated
        if stated is not None:
            for column, year in placed:
                if not stated.first - (1 if opening else 0) <= year <= stated.last:
                    raise table.heading_error(
                        phrase("err_io_column_outside_ledger", year=year, covered=stated),
                        column.index,
                        table.headings[column.index],
                    )
            if (first_month, last_month) != (1, 12):
                raise table.heading_error(
                    phrase("err_io_whole_years_part_column"),
                    parts[min(parts)][0].index,
                    None,
                )
            coverage = dataclasses.replace(stated, opening=opening)
            if opening and ordered[0] != stated.first:
                raise table.heading_error(
                    phrase("err_io_before_ends_at", year=ordered[0] - 1, first=stated.first),
                    through[0].index,
                    None,
                )
        else:
            missing = sorted(set(range(ordered[0], ordered[-1] + 1)) - years)
            if missing:
                raise DataError(
                    phrase(
                        "err_io_ledger_missing_years",
                        first=ordered[0],
                        last=ordered[-1],
                        missing=", ".join(map(str, missing)),
                    ),
                    source=table.source,
                    sheet=table.sheet,
                )
            coverage = Coverage(ordered[0], ordered[-1], first_month, last_month, opening=opening)
        self._refuse_unread_year_columns(placed)
        return placed, coverage

    def _refuse_unread_year_columns(self, placed: list[tuple[Column, int]]) -> None:
        """A column whose heading names a year but which capex does not read would lose its
        money: an error naming it when it holds numbers."""
        table = self.table
        read = {c.index for c in self.columns.values()}
        for j in range(table.width):
            if j in read or not mentions_year(table.heading_text(j)):
                continue
            for i in self.roles.records:
                try:
                    number = optional_amount(table.value(i, j))
                except (ValueError, DataError):
                    continue
                if number is not None:
                    raise table.heading_error(
                        phrase("err_io_amounts_no_year"),
                        j,
                        table.headings[j],
                    )

    def _wide_records(self, placed: list[tuple[Column, int]]) -> list[_Record]:
        table = self.table
        id_j = self.columns["id"].index
        read = [c.index for c, _ in placed]
        records: list[_Record] = []
        self.row_sums: dict[int, list[_Record]] = {}
        for i in self.roles.records:
            raw_id = table.text(i, id_j)
            if not raw_id and all(table.is_blank(i, j) for j in read):
                continue  # a row with nothing of the actuals in it (a name alone, a note)
            if not raw_id:
                raise table.error(phrase("err_io_id_empty"), i, id_j, raw_id)
            row = []
            for column, year in placed:
                number = self._amount(i, column.index)
                if number is None:
                    continue  # no spending that year
                record = _Record(
                    raw_id, int(year), number, table.place(i, column.index), i, column.index
                )
                row.append(record)
            records += row
            self.row_sums[i] = row
        return records

    # -- cells ------------------------------------------------------------------------------
    def _amount(self, i: int, j: int) -> Decimal | None:
        table = self.table
        try:
            return optional_amount(table.value(i, j), self.unit)
        except ValueError as error:
            raise table.error(
                phrase("err_io_not_an_amount", error=error), i, j, table.text(i, j)
            ) from None

    def _minor(self, money: Money, number: Decimal, where: str, source: str) -> int:
        try:
            return money.to_minor(number, self.unit)
        except ValueError as error:  # beyond the largest amount capex holds exactly
            raise DataError(
                phrase("error_as_raised", error=error),
                source=_with_where(source, where),
                value=str(number),
            ) from None

    def _statuses(self) -> pd.Series:
        """Each project's status: the status cell of its latest year's row."""
        if "status" not in self.columns:
            return pd.Series(dtype=object)
        table = self.table
        j = self.columns["status"].index
        id_j = self.columns["id"].index
        year_j = self.columns["year"].index if self.long else None
        found: dict[str, tuple[int, str]] = {}
        for i in self.roles.records:
            raw_id = table.text(i, id_j)
            if not raw_id:
                continue
            try:
                status = closing_status(table.value(i, j))
            except ValueError as error:
                raise table.error(
                    phrase("error_as_raised", error=error), i, j, table.text(i, j)
                ) from None
            if status is None:
                continue
            year = year_of(table.value(i, year_j)) if year_j is not None else 0
            if raw_id not in found or year >= found[raw_id][0]:
                found[raw_id] = (year, status)
        ids = normalize_ids(list(found))
        return pd.Series(
            [s for _, s in found.values()], index=pd.Index(ids, name="id"), dtype=object
        )

    # -- checks of printed totals ------------------------------------------------------------
    def _check_printed_totals(self, money: Money, records: list[_Record]) -> None:
        """Every printed total against what it adds up: a row's 合计 against its years, a 合计
        row, a subtotal or a group heading against its rows, year by year."""
        table = self.table
        by_cell = {(r.row, r.column): r for r in records}
        if not self.long and "row_total" in self.columns:
            j = self.columns["row_total"].index
            for i, row in self.row_sums.items():
                added = sum(self._minor(money, r.number, r.where, table.where()) for r in row)
                self._compare_row_total(money, i, j, added, row)
        amount_columns = (
            [self.columns["amount"].index] if self.long else [c.index for c in self.family]
        )
        for summing in self.roles.sums:
            for j in amount_columns:
                printed = self._printed(money, summing.row, j)
                if printed is None:
                    continue
                added = sum(
                    self._minor(money, by_cell[(i, j)].number, by_cell[(i, j)].where, table.where())
                    for i in summing.covers
                    if (i, j) in by_cell
                )
                if printed != added:
                    what = {
                        "total": "totals row",
                        "subtotal": "subtotal",
                        "group": "group heading",
                    }[summing.kind]
                    cell = table.cell_name(summing.row, j)
                    self._differs(
                        summing.row,
                        j,
                        None,
                        "sum_row_differs",
                        phrase(
                            "finding_sum_row_differs",
                            what=what,
                            label=summing.label,
                            where=f" (cell {cell})"
                            if cell
                            else f" (row {table.file_row(summing.row)})",
                            year=table.heading_text(j),
                            printed=money.format(printed, self.unit),
                            n=len(summing.covers),
                            added=money.format(added, self.unit),
                        ),
                    )

    def _compare_row_total(
        self, money: Money, i: int, j: int, added: int, row: list[_Record]
    ) -> None:
        table = self.table
        cell = table.cell_name(i, j)
        where = f" (cell {cell})" if cell else f" (row {table.file_row(i)})"
        raw_id = table.text(i, self.columns["id"].index)
        if table.is_blank(i, j) or _unreadable(table, i, j):  # a formula never calculated too
            self._differs(
                i, j, raw_id, "row_total_empty",
                phrase(
                    "finding_row_total_empty", where=place_phrase(where), added=money.format(added, self.unit)
                ),
                severity="info",
            )  # fmt: skip
            return
        printed = self._printed(money, i, j)
        if printed is not None and printed != added:
            self._differs(
                i, j, raw_id, "row_total_differs",
                phrase(
                    "finding_row_total_differs",
                    where=place_phrase(where),
                    printed=money.format(printed, self.unit),
                    added=money.format(added, self.unit),
                ),
            )  # fmt: skip

    def _printed(self, money: Money, i: int, j: int) -> int | None:
        """A printed total in the minor unit; None for an empty cell (or a formula never
        calculated: it is a check, and there is nothing to check)."""
        table = self.table
        if _unreadable(table, i, j):
            return None
        number = self._amount(i, j)
        if number is None:
            return None
        try:
            return money.to_minor(number, self.unit)
        except ValueError as error:
            raise table.error(
                phrase("err_io_printed_total_inexact", error=error), i, j, table.text(i, j)
            ) from None

    def _differs(
        self,
        i: int,
        j: int,
        raw_id: str | None,
        rule: str,
        message: Message,
        severity: str = "warning",
    ) -> None:
        if self.strict:
            raise self.table.error(
                phrase("err_io_strict_refuses", text=message), i, j, self.table.text(i, j)
            )
        pid = normalize_ids([raw_id])[0] if raw_id else None
        self.findings.append((pid, None, severity, rule, message))


def _span_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def _unreadable(table: Table, i: int, j: int) -> bool:
    try:
        table.value(i, j)
    except DataError:
        return True
    return False


@dataclass(frozen=True)
class _Record:
    raw_id: str
    year: int
    number: Decimal
    where: str
    row: int
    column: int


def _months_covered(table: Table, columns: list[Column]) -> tuple[int, int]:
    """The months a year's part-year columns cover together: they must follow one another."""
    spans = sorted((c.heading.months, c) for c in columns if c.heading.months is not None)
    first, last = spans[0][0]
    for (start, end), column in spans[1:]:
        if start != last + 1:
            raise table.heading_error(
                phrase(
                    "err_io_part_years_overlap",
                    year=column.heading.year,
                    first=first,
                    last=last,
                    start=start,
                    end=end,
                ),
                column.index,
                table.headings[column.index],
            )
        last = end
    return first, last


def _combined_by_year(frame: pd.DataFrame) -> pd.DataFrame:
    """A wide row's part-year amounts of one year added up into the year (the first cell named)."""
    if not frame.duplicated(["id", "year"]).any():
        return frame
    grouped = frame.groupby(["id", "year"], sort=False, as_index=False)
    return grouped.agg({"month": "first", "amount_minor": "sum", "where": "first"})


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------
def _written_unit(table: Table, columns: Sequence[Column], unit: str | None) -> str:
    """The unit of the amounts: ``unit`` if given, else the one the amount headings name (they
    must agree), else the one a note above the table gives (``单位：元``), else 万元."""
    named = {column.heading.unit: column for column in columns if column.heading.unit}
    if unit is not None:
        chosen, heading = unit, None
    elif len(named) > 1:
        raise DataError(
            phrase("err_io_units_differ", units=", ".join(sorted(named))),
            source=table.source,
            sheet=table.sheet,
        )
    elif named:
        chosen, heading = next(iter(named.items()))
    else:
        chosen, heading = unit_note(table.preamble) or DEFAULT_UNIT, None
    return table.money_unit(chosen, heading.index if heading is not None else None)


def _money_holding(records: list[Any], unit: str, source: str) -> Money:
    """The money of the coarsest minor unit that holds every amount written in ``unit``."""
    currency = Money.of(unit).currency
    try:
        minor = minor_unit_holding(((r.number, unit) for r in records), currency)
    except ValueError as error:
        finest = Money(currency, Money.base(currency).units[0])
        for record in records:
            number, where = record.number, record.where
            try:
                finest.to_minor(number, unit)
            except ValueError:
                raise DataError(
                    phrase("err_io_finer_than", unit=finest.unit),
                    source=_with_where(source, where),
                    value=str(number),
                ) from None
        raise DataError(phrase("error_as_raised", error=error), source=source) from None
    return Money(currency, minor)
