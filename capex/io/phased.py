"""Phased tables: one row per project, one column per year, read into a baseline.

A finance office's phased budget (分年度投资计划) has a row per project and a column per year
(``2021``, ``2021年``, ``FY 2021``, ``2021年投资（万元）``, or years under a merged heading
such as ``分年度投资（万元）``). :func:`load_phased` reads it into a
:class:`~capex.model.baseline.Baseline`: the portfolio and its cash flow exactly as written.

capex's own schedule (the ``schedule`` sheet of :func:`capex.to_excel`, or ``schedule.csv``
of :func:`capex.to_csv`) is such a table, in the display unit (亿元 for yuan): it loads back
with ``unit="亿元"`` to the same amounts.

Every column with money is read, or is an error naming it: a column of the years before the
others (``2020年及以前``, ``截至2020年底累计``, ``以前年度``) is placed in its last year, one of
the years after them (``2026年以后``) in its first, part years (``2021年1-6月`` and
``2021年7-12月``) add up into their year when together they make it whole, each said in a
finding; a 合计 column, a 合计 row, subtotals and group headings that carry amounts are checks,
each printed figure compared with what it adds up (a finding naming the cell when it differs,
an error with ``strict=True``); an empty total cell takes the row's sum, with a finding. A
negative year is a reduction (adopted capital budgets carry them), read with a finding, as
long as the project's total stays at or above zero. The cells are read as
:mod:`capex.model.cells` reads them (``-``, ``—`` and ``/`` are nothing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import DataError
from capex.io.headings import (
    PROJECT_AMOUNTS,
    PROJECT_HEADINGS,
    ROW_TOTAL_HEADINGS,
    Column,
    Heading,
    find_columns,
    fiscal_naming,
    heading_year,
    mentions_year,
    missing_column,
    normalise,
    recognise,
    split_unit,
    unit_note,
    year_heading,
)
from capex.io.projects import _published, _published_amounts, _read_metadata, _with_id_column
from capex.io.rows import RowRoles, row_roles
from capex.io.tables import Table, read_table
from capex.model.baseline import FINDING_COLUMNS, Baseline
from capex.model.budget_year import FiscalYear
from capex.model.cells import check_year, optional_amount, window_of, year_of
from capex.model.money import CURRENCIES, Money, checked_sum, minor_unit_holding
from capex.model.portfolio import (
    FRAME_COLUMNS,
    Portfolio,
    PublishedTotals,
    _check_period,
    _validate,
)
from capex.terms import TERMS, phrase

__all__ = ["load_phased"]

_COMPUTED = frozenset({"id", "name", "start_year", "end_year", "window"})
"""Fields the baseline makes itself; the other recognised ones are read as load_projects does."""


def load_phased(
    source: str | Path | pd.DataFrame,
    *,
    years: Mapping[str, int] | None = None,
    id: str = "id",
    name: str = "name",
    total: str | None = None,
    unit: str = "万元",
    plan_period: tuple[int, int] | None = None,
    sheet: str | int | None = None,
    encoding: str = "utf-8",
    strict: bool = False,
    fiscal_year_start: int | None = None,
    fiscal_year_naming: str | None = None,
) -> Baseline:
    """Read a phased table (one column per year) into a baseline: portfolio and cash flow.

    Parameters
    ----------
    source
        An ``.xlsx`` workbook, a CSV file or a DataFrame. A metadata file beside it (same
        stem, ``.toml``) may give ``name``, ``plan_period`` and ``[published]`` totals.
    years
        ``{heading: year}`` for the year columns (``{"FY 2017": 2017, ...}``); by default the
        columns headed by a year (``2021``, ``2021年``, ``FY 2021``, ``2021年投资``) are found.
    id, name
        Headings of the id and name columns. The defaults also find 序号 and 项目名称 (and
        the other headings :func:`capex.load_projects` reads). Without an id column the rows
        are numbered from 1; without a name column the id is the name.
    total
        Heading of a total-investment column; by default each project's total is the sum of
        its row.
    unit
        Unit of the amounts whose heading names none (``"万元"``, ``"亿元"``, ``"元"``,
        ``"USD"`` ...). A unit in a year's heading, in a heading merged above the years
        (``分年度投资（万元）``) or in a note above the table (``单位：万元``) wins.
    plan_period
        First and last year of the plan; by default the metadata's, else the first and last
        year column.
    sheet
        The sheet of a workbook: its name, or an int: that name first, else the position among the
        visible sheets counted from 0 (see :func:`capex.io.read_table`); the first visible
        sheet by default.
    encoding
        Text encoding of a CSV file.
    strict
        Refuse a printed total that does not add up (a 合计 row or column, a subtotal, an
        empty total cell) instead of reporting it as a finding.
    fiscal_year_start, fiscal_year_naming
        When the budget year starts (1-12; 10 for a US federal or District budget, 7 for most
        US states and Australia, 4 for the UK, Japan and India) and how its years are named
        (``"end"``: FY2027 ends in 2027; ``"start"``: 2026年度; ``"span"``: 2026-27); by
        default the metadata's, else the calendar year. Years headed ``FY2027``, ``FY
        2026-27``, ``2026-27``, ``2026/27`` or ``2027年度`` are read as those budget years
        (see :class:`capex.model.budget_year.FiscalYear`), named as the headings name them unless
        ``fiscal_year_naming`` says otherwise; a year written as a span (``2026-27``) needs
        ``fiscal_year_start``.

    A column per funding source (``一般公共预算``, ``其中：专项债券``, ``General Fund``, any
    column under a merged heading 资金来源) gives each project's money by source
    (:attr:`capex.Portfolio.sources`), which must add up to the project's total exactly.

    Returns
    -------
    Baseline
        ``.portfolio`` (windows from the first and last year with money, unless the table
        has start and end columns or a window column; totals from ``total`` or the row sums),
        ``.cash_flow`` (a :class:`~capex.model.cashflow.CashFlow`: project × year in integers of the
        minor unit, exactly as given)
        and ``.findings``. A totals row (合计, total) is not a project: its figures are the
        published totals, and each year's is checked against the column's sum.

    Raises
    ------
    DataError
        A cell that is not an amount, a heading that matches two columns, an unknown unit, a
        year given by no column, an amount outside the project's own window: each names the
        file (and sheet), cell and value.

    Examples
    --------
    >>> import capex
    >>> plan = capex.spread(capex.load_projects(), ceilings=10)
    >>> paths = capex.to_csv(plan, "plan.csv")                       # doctest: +SKIP
    >>> capex.load_phased("plan.csv", unit="亿元").cash_flow.flows_minor.equals(plan.schedule_minor)
    ... # doctest: +SKIP
    True
    """
    if isinstance(source, pd.DataFrame):
        label = "<DataFrame>"
        meta = dict(source.attrs.get("capex", {}))
        table = Table.from_frame(_with_id_column(source), label)
    else:
        label = str(source)
        meta = _read_metadata(Path(source))
        table = read_table(source, sheet=sheet, encoding=encoding, header=_header_test(years))
    from capex.io.projects import _declared_sources, _fiscal_year

    fiscal = _fiscal_year(fiscal_year_start, None, meta, label)
    naming = (
        fiscal_year_naming if fiscal_year_naming is not None else meta.get("fiscal_year_naming")
    )
    reader = _PhasedReader(
        table,
        years=years,
        id=id,
        name=name,
        total=total,
        unit=unit,
        strict=strict,
        fiscal_start=fiscal.start,
        naming=naming,
        declared=_declared_sources(meta, label),
    )
    return reader.baseline(plan_period, meta, label)


def _header_test(years: Mapping[str, int] | None) -> Any:
    wanted = {normalise(heading) for heading in (years or {})}

    def test(texts: Sequence[str]) -> bool:
        if wanted:
            return any(normalise(text) in wanted for text in texts)
        return any(year_heading(text) is not None for text in texts if text)

    return test


class _PhasedReader:
    """The columns of a phased table, its rows read as exact amounts, and the findings."""

    def __init__(
        self,
        table: Table,
        *,
        years: Mapping[str, int] | None,
        id: str,
        name: str,
        total: str | None,
        unit: str,
        strict: bool = False,
        fiscal_start: int = 1,
        naming: str | None = None,
        declared: Any = (),
    ) -> None:
        self.table = table
        self.strict = strict
        self.fiscal_start = fiscal_start
        self.naming = naming
        self.declared = list(declared)
        self.findings: list[dict[str, Any]] = []
        given = {"id": id if id != "id" else None, "name": name if name != "name" else None}
        given["total_investment"] = total
        vocabulary = {
            field: words
            for field, words in PROJECT_HEADINGS.items()
            if field not in ("plan_investment", "total_investment", "spent_before")
            and not given.get(field)
        }
        vocabulary["row_total"] = ROW_TOTAL_HEADINGS
        self.columns: dict[str, Column] = find_columns(
            table,
            vocabulary,
            same=[frozenset({"window", "start_year"}), frozenset({"window", "end_year"})],
            years=years is None,
        )
        for field, heading in given.items():
            if heading:
                j = _exact(table, heading)
                if j is None:
                    raise _missing(table, heading, field)
                self.columns[field] = Column(j, Heading(field, split_unit(table.headings[j])[1]))
        self.year_columns = self._year_columns(years)
        self.fiscal_year = self._fiscal_years(years is None)
        self.unread_total = None
        if not total:
            unread = [
                heading
                for heading in table.headings
                if (found := recognise(heading, PROJECT_HEADINGS, amounts=PROJECT_AMOUNTS))
                and found.field == "total_investment"
            ]
            self.unread_total = unread[0] if unread else None
        self.note = unit_note(table.preamble)
        self.default_unit = unit

    # -- columns -----------------------------------------------------------------------
    def _year_columns(self, years: Mapping[str, int] | None) -> dict[int, Column]:
        table = self.table
        self.parts: dict[int, list[Column]] = {}
        if years is None:
            found = {
                column.heading.year: column
                for column in self.columns.values()
                if column.heading.field == "year"
                and column.heading.year
                and not column.heading.span
            }
            self._place_families(found)
        else:
            found = {}
            for heading, year in years.items():
                j = _exact(table, heading)
                if j is None:
                    raise _missing(table, heading, f"year {year}")
                try:
                    year = check_year(int(year))
                except (TypeError, ValueError) as error:
                    raise table.heading_error(
                        phrase("err_io_not_a_year", error=error), j, year
                    ) from None
                if year in found:
                    raise table.heading_error(
                        phrase("err_io_two_columns_for_year", year=year), j, heading
                    )
                unit = split_unit(table.headings[j])[1]
                if unit is None and table.groups and table.groups[j]:
                    unit = split_unit(table.groups[j])[1]
                found[int(year)] = Column(j, Heading("year", unit, year=int(year)))
        if not found:
            raise DataError(
                phrase("err_io_no_year_column"),
                source=table.source,
                sheet=table.sheet,
            )
        return dict(sorted(found.items()))

    def _fiscal_years(self, found_by_heading: bool) -> FiscalYear:
        """The budget year of the table, and its year columns keyed by the budget year each
        names (``2026-27`` is 2027 in a table named by the years' ends)."""
        from capex.model.budget_year import CalendarError, fiscal_year_of

        table = self.table
        columns = self.year_columns
        forms = [c.heading.fiscal for c in columns.values()] if found_by_heading else []

        def where(problem: str) -> DataError:
            first = next(iter(columns.values()))
            return table.heading_error(problem, first.index, table.headings[first.index])

        naming = fiscal_naming(forms, self.fiscal_start, self.naming, where)
        try:
            fiscal = fiscal_year_of(self.fiscal_start, naming)
        except CalendarError as error:
            raise DataError(
                phrase("error_as_raised", error=error), source=table.source, sheet=table.sheet
            ) from None
        if found_by_heading and not fiscal.is_calendar:
            if self.parts:
                year, parts = next(iter(self.parts.items()))
                raise table.heading_error(
                    phrase("err_io_phased_months", year=year, start=fiscal.start),
                    parts[0].index,
                    table.headings[parts[0].index],
                )
            rekeyed = {
                heading_year(c.heading, str(fiscal.naming))
                if c.heading.year is not None and not c.heading.span
                else y: c
                for y, c in columns.items()
            }
            self.year_columns = dict(sorted(rekeyed.items()))
        return fiscal

    def _place_families(self, found: dict[int, Column]) -> None:
        """Part years added up into their year; the columns of the years before and after the
        others placed in their last and first year; each said in a finding."""
        table = self.table
        family = [c for c in self.columns.values() if c.heading.field == "year" and c.heading.span]
        by_year: dict[int, list[Column]] = {}
        for column in family:
            if column.heading.span == "months":
                by_year.setdefault(column.heading.year, []).append(column)
        for year, parts in sorted(by_year.items()):
            name = table.headings[parts[0].index]
            if year in found:
                raise table.heading_error(
                    phrase(
                        "err_io_column_and_other_same_year",
                        other=table.headings[found[year].index],
                        year=year,
                    ),
                    parts[0].index,
                    name,
                )
            spans = sorted(c.heading.months for c in parts)
            covered = [m for first, last in spans for m in range(first, last + 1)]
            if covered != list(range(1, 13)):
                raise table.heading_error(
                    phrase(
                        "err_io_phased_part_years",
                        year=year,
                        months=", ".join(f"{a}-{b}" for a, b in spans),
                    ),
                    parts[0].index,
                    name,
                )
            found[year] = parts[0]
            self.parts[year] = parts
            self._finding(
                None, year, "info", "part_years_added",
                f"the columns {', '.join(repr(table.headings[c.index]) for c in parts)} add up "
                f"to {year}",
            )  # fmt: skip
        if not found:
            return
        first, last = min(found), max(found)
        for column in family:
            heading = column.heading
            if heading.span not in ("through", "onward"):
                continue
            if heading.span == "through":
                year = heading.year if heading.year is not None else first - 1
                if not heading.exact and year in found:
                    year -= 1  # 2021年以前 beside a 2021 column: the years before 2021
                bad = year >= first
            else:
                year = heading.year if heading.year is not None else last + 1
                if not heading.exact and year in found:
                    year += 1
                bad = year <= last
            if bad or year in found:
                raise table.heading_error(
                    phrase(
                        "err_io_overlaps_year_columns",
                        describe=heading.describe(),
                        first=first,
                        last=last,
                    ),
                    column.index,
                    table.headings[column.index],
                )
            found[year] = column
            where = "last" if heading.span == "through" else "first"
            self._finding(
                None, year, "info", "years_placed",
                f"the column '{table.headings[column.index]}' holds {heading.describe()}: its "
                f"money is placed in {year}, the {where} of those years",
            )  # fmt: skip

    def _refuse_unread_money(self, roles: RowRoles) -> None:
        """A column whose heading names a year but which is not read would lose its money:
        an error naming it when it holds numbers."""
        table = self.table
        read = {c.index for c in self.columns.values()}
        read |= {c.index for c in self.year_columns.values()}
        read |= {c.index for parts in self.parts.values() for c in parts}
        for j in range(table.width):
            if j in read or not mentions_year(table.heading_text(j)):
                continue
            if recognise(table.headings[j], PROJECT_HEADINGS, amounts=PROJECT_AMOUNTS):
                continue  # the plan-investment column: the sum of the plan years, made again
            for i in roles.records:
                try:
                    number = optional_amount(table.value(i, j))
                except (ValueError, DataError):
                    continue
                if number is not None:
                    raise table.heading_error(
                        phrase("err_io_phased_amounts_no_year"),
                        j,
                        table.headings[j],
                    )

    def _unit(self, column: Column, money: Money | None = None) -> str:
        written = column.heading.unit or self.note or self.default_unit
        try:
            checker = money or Money.of(written)
            return checker.normalize_unit(written)
        except ValueError as error:
            if column.heading.unit:
                raise self.table.heading_error(
                    phrase("error_as_raised", error=error), column.index, written
                ) from None
            raise DataError(
                phrase("error_as_raised", error=error),
                source=self.table.source,
                sheet=self.table.sheet,
                value=written,
            ) from None

    # -- rows --------------------------------------------------------------------------
    def _roles(self) -> RowRoles:
        labels = [self.columns[f].index for f in ("id", "name") if f in self.columns]
        amounts = [c.index for c in self.year_columns.values()]
        return row_roles(self.table, labels, amounts)

    def _amount(self, i: int, column: Column, unit: str | None = None) -> Decimal | None:
        """A cell's amount (None for no money); a cell merged over rows is refused."""
        table, j = self.table, column.index
        value = table.value(i, j)
        if table.is_merged_copy(i, j) and value is not None:
            raise table.error(
                phrase("err_io_merged_amount_row"),
                i,
                j,
                table.text(i, j),
            )
        try:
            return optional_amount(value, unit)
        except ValueError as error:
            raise table.error(
                phrase("err_io_not_an_amount", error=error), i, j, table.text(i, j)
            ) from None

    def _year_amount(self, i: int, year: int, unit: str) -> Decimal:
        """The money of ``year`` in row ``i``: its column, or its part-year columns added."""
        columns = self.parts.get(year, [self.year_columns[year]])
        return sum((self._amount(i, column, unit) or Decimal(0) for column in columns), Decimal(0))

    def _differs(self, i: int, j: int, pid: Any, year: int | None, rule: str, text: str) -> None:
        """A printed figure that does not add up: a finding, or with ``strict=True`` an error."""
        if self.strict:
            table = self.table
            raise table.error(phrase("err_io_strict_refuses", text=text), i, j, table.text(i, j))
        self._finding(pid, year, "warning", rule, text)

    # -- the baseline --------------------------------------------------------------------
    def baseline(self, plan_period: object, meta: Mapping[str, Any], label: str) -> Baseline:
        table = self.table
        roles = self._roles()
        totals_row = roles.totals_row
        rows = list(roles.records)
        if not rows:
            raise DataError(phrase("err_io_no_projects"), source=table.source, sheet=table.sheet)
        self._refuse_unread_money(roles)
        year_list = list(self.year_columns)
        units = {year: self._unit(column) for year, column in self.year_columns.items()}
        total_column = self.columns.get("total_investment")
        total_unit = self._unit(total_column) if total_column is not None else None
        currency = Money.of(units[year_list[0]]).currency
        for year, column in self.year_columns.items():
            if Money.of(units[year]).currency != currency:
                raise table.heading_error(
                    phrase("err_io_currency_elsewhere", currency=currency, unit=units[year]),
                    column.index,
                    table.headings[column.index],
                )
        if total_unit is not None and Money.of(total_unit).currency != currency:
            raise table.heading_error(
                phrase("err_io_currency_elsewhere", currency=currency, unit=total_unit),
                total_column.index,
                table.headings[total_column.index],
            )

        amounts = [[self._year_amount(i, y, units[y]) for y in year_list] for i in rows]
        totals = None
        if total_column is not None:
            totals = [self._amount(i, total_column, total_unit) for i in rows]
            for r, i in enumerate(rows):
                if totals[r] is None:  # a damaged table's empty total: the row's years
                    self._empty_total(r, i, total_column.index)
                elif totals[r] < 0:
                    raise table.error(
                        phrase("err_io_total_negative"),
                        i,
                        total_column.index,
                        table.text(i, total_column.index),
                    )
        row_totals = (
            [self._year_amount(totals_row, y, units[y]) for y in year_list]
            if totals_row is not None
            else None
        )
        grand_total = (
            self._amount(totals_row, total_column, total_unit)
            if totals_row is not None and total_column is not None
            else None
        )
        stated = _published_amounts(meta.get("published"), units[year_list[0]], label)

        self.source_cells = self._source_cells(rows)
        pairs = [(a, units[y]) for row in amounts for a, y in zip(row, year_list)]
        pairs += self._source_pairs(units[year_list[0]])
        pairs += [(t, total_unit) for t in totals or [] if t is not None]
        pairs += [(a, units[y]) for a, y in zip(row_totals or [], year_list)]
        if grand_total is not None:
            pairs.append((grand_total, total_unit))
        try:
            money = Money(currency, minor_unit_holding(pairs, currency))
        except ValueError:
            money = Money(currency, CURRENCIES[currency].minor_candidates[-1])

        flows = np.zeros((len(rows), len(year_list)), dtype=np.int64)
        for r, i in enumerate(rows):
            for k, year in enumerate(year_list):
                flows[r, k] = self._minor(money, amounts[r][k], units[year], i, year)
        self._reductions(rows, flows, year_list, money)
        self._check_row_totals(rows, flows, money)
        self._check_subtotals(roles, rows, flows, units, year_list, money)

        period = self._plan_period(plan_period, meta, year_list, label)
        frame = self._project_frame(rows, flows, year_list, totals, total_unit, money, period)
        published = self._published(
            stated, row_totals, grand_total, units, total_unit, year_list, period, money, label
        )
        if row_totals is not None:
            self._check_totals_row(totals_row, row_totals, flows, units, year_list, money)
        checked, money = _validate(
            frame,
            source=label,
            plan_period=period,
            amount_unit=money.unit,
            money=money,
            locate=self._locate(rows),
        )
        sources = self._sources(rows, checked, money)
        portfolio = Portfolio(
            checked,
            plan_period=period,
            published=published,
            name=str(meta.get("name", "")),
            source=label,
            money=money,
            sources=sources,
            fiscal_year=self.fiscal_year,
        )
        cash_flow = pd.DataFrame(
            flows, index=checked.index.copy(), columns=pd.Index(year_list, name="year")
        )
        cash_flow.attrs["unit"] = money.unit
        ids = checked.index
        for finding in self.findings:
            if finding["project_id"] is not None:
                finding["project_id"] = ids[finding["project_id"]]
        if self.unread_total is not None:
            self._finding(
                None, None, "info", "total_column_not_read",
                f"the column '{self.unread_total}' is not read: each project's total is the "
                f"sum of its row; pass total={self.unread_total!r} to read it",
            )  # fmt: skip
        findings = pd.DataFrame(self.findings, columns=list(FINDING_COLUMNS))
        return Baseline(portfolio, cash_flow, findings, label)

    # -- funding sources ---------------------------------------------------------------------
    def _source_cells(self, rows: list[int]) -> Any:
        """The source columns' cells of the project rows (None without source columns)."""
        from capex.io.sources import find_source_columns, read_source_cells

        taken = {c.index for c in self.columns.values()}
        taken |= {c.index for c in self.year_columns.values()}
        taken |= {c.index for parts in self.parts.values() for c in parts}
        columns = find_source_columns(self.table, taken, self.declared)
        return read_source_cells(self.table, rows, columns) if columns else None

    def _source_pairs(self, unit: str) -> list[tuple[Decimal, str]]:
        from capex.io.projects import _source_amounts

        return _source_amounts(self.source_cells, self.note or unit)

    def _sources(self, rows: list[int], checked: pd.DataFrame, money: Money) -> Any:
        if self.source_cells is None:
            return None
        from capex.io.sources import sources_of_cells

        unit = self.note or self.default_unit
        return sources_of_cells(
            self.source_cells,
            checked.index,
            checked["total_minor"].to_numpy(),
            money,
            money.normalize_unit(unit),
            self.table,
            declared=self.declared,
        )

    def _minor(self, money: Money, amount: Decimal, unit: str, i: int, year: int) -> int:
        try:
            return money.to_minor(amount, unit)
        except ValueError as error:
            j = self.year_columns[year].index
            raise self.table.error(
                phrase("error_as_raised", error=error), i, j, self.table.text(i, j)
            ) from None

    def _plan_period(
        self, given: object, meta: Mapping[str, Any], years: list[int], label: str
    ) -> tuple[int, int]:
        stated = given if given is not None else meta.get("plan_period")
        if stated is None:
            return years[0], years[-1]
        return _check_period(stated, label)

    def _project_frame(
        self,
        rows: list[int],
        flows: np.ndarray,
        years: list[int],
        totals: list[Decimal] | None,
        total_unit: str | None,
        money: Money,
        period: tuple[int, int],
    ) -> pd.DataFrame:
        """capex's fields of each project, amounts as integers of the minor unit."""
        table = self.table
        frame = pd.DataFrame(index=pd.RangeIndex(len(rows)))
        if "id" in self.columns:
            frame["id"] = [table.text(i, self.columns["id"].index) for i in rows]
        else:
            frame["id"] = [str(k + 1) for k in range(len(rows))]
        if "name" in self.columns:
            frame["name"] = [table.text(i, self.columns["name"].index) for i in rows]
        else:
            frame["name"] = frame["id"]
        row_sums = [checked_sum(row) for row in flows]
        if totals is not None:
            j = self.columns["total_investment"].index
            stated = []
            for r, i in enumerate(rows):
                if totals[r] is None:  # empty: the row's sum (said in a finding)
                    stated.append(row_sums[r])
                    continue
                try:
                    stated.append(money.to_minor(totals[r], total_unit))
                except ValueError as error:
                    raise table.error(
                        phrase("error_as_raised", error=error), i, j, table.text(i, j)
                    ) from None
        else:
            stated = row_sums
        first, last = period
        in_plan = np.array([first <= y <= last for y in years])
        plan = [int(row[in_plan].sum()) for row in flows]
        for r, i in enumerate(rows):
            if plan[r] < 0:
                raise table.error(
                    phrase(
                        "err_io_reductions_negative_plan",
                        plan=money.format(plan[r]),
                        first=first,
                        last=last,
                    ),
                    i,
                    None,
                )
        starts, ends, total_out = [], [], []
        for r, i in enumerate(rows):
            pid = r  # the row's position; its id once the ids are read (see baseline)
            nonzero = [y for y, amount in zip(years, flows[r]) if amount]
            window = self._own_window(i)
            if window is None:
                if nonzero:
                    window = (nonzero[0], nonzero[-1])
                else:
                    window = period
                    self._finding(
                        pid, None, "warning", "no_phased_amounts",
                        "no year column holds an amount for this project; its window is taken "
                        f"as the plan period {first}-{last}",
                    )  # fmt: skip
            elif nonzero and (nonzero[0] < window[0] or nonzero[-1] > window[1]):
                year = nonzero[0] if nonzero[0] < window[0] else nonzero[-1]
                j = self.year_columns[year].index
                raise table.error(
                    phrase(
                        "err_io_amount_outside_window", year=year, start=window[0], end=window[1]
                    ),
                    i,
                    j,
                    table.text(i, j),
                )
            starts.append(window[0])
            ends.append(window[1])
            total_out.append(self._total(pid, stated[r], row_sums[r], money))
        frame["start_year"] = [str(y) for y in starts]
        frame["end_year"] = [str(y) for y in ends]
        frame["total_investment"] = [str(t) for t in total_out]
        frame["plan_investment"] = [str(p) for p in plan]
        for field, column in self.columns.items():
            if field in FRAME_COLUMNS and field not in _COMPUTED:
                frame[field] = [table.text(i, column.index) for i in rows]
        return frame

    def _own_window(self, i: int) -> tuple[int, int] | None:
        """The project's window from its start and end (or window) columns, if the table
        has them."""
        table = self.table
        try:
            if "window" in self.columns:
                j = self.columns["window"].index
                return window_of(table.value(i, j))
            if "start_year" in self.columns and "end_year" in self.columns:
                j = self.columns["start_year"].index
                first = year_of(table.value(i, j))
                j = self.columns["end_year"].index
                return first, year_of(table.value(i, j))
        except ValueError as error:
            raise table.error(
                phrase("error_as_raised", error=error), i, j, table.text(i, j)
            ) from None
        return None

    def _total(self, pid: Any, stated: int, phased: int, money: Money) -> int:
        """The project's total: the stated one, or the phased amounts when it is below them."""
        if stated < phased:
            self._finding(
                pid, None, "error", "total_below_phased",
                f"the total {money.format(stated)} is below the phased amounts of its row "
                f"({money.format(phased)}); the phased amounts are kept as given",
            )  # fmt: skip
            return phased
        if stated > phased:
            self._finding(
                pid, None, "info", "total_above_phased",
                f"{money.format(stated - phased)} of the total {money.format(stated)} is in no "
                "year column (before or after the phased years)",
            )  # fmt: skip
        return stated

    def _published(
        self,
        stated: Any,
        row_totals: list[Decimal] | None,
        grand_total: Decimal | None,
        units: Mapping[int, str],
        total_unit: str | None,
        years: list[int],
        period: tuple[int, int],
        money: Money,
        label: str,
    ) -> PublishedTotals | None:
        """Published totals: the metadata's, else the totals row's (its total, or the sum
        of its years; the sum of its plan years)."""
        if stated is not None:
            return _published(stated, money, units[years[0]], label)
        if row_totals is None:
            return None
        by_year = [money.to_minor(a, units[y]) for a, y in zip(row_totals, years)]
        plan = sum(a for a, y in zip(by_year, years) if period[0] <= y <= period[1])
        total = (
            money.to_minor(grand_total, total_unit)
            if grand_total is not None and grand_total
            else sum(by_year)
        )
        return PublishedTotals(total_minor=total, plan_minor=plan)

    def _check_totals_row(
        self,
        i: int,
        row_totals: list[Decimal],
        flows: np.ndarray,
        units: Mapping[int, str],
        years: list[int],
        money: Money,
    ) -> None:
        sums = flows.sum(axis=0)
        for k, year in enumerate(years):
            given = money.to_minor(row_totals[k], units[year])
            if given != int(sums[k]):
                cell = self.table.cell_name(i, self.year_columns[year].index)
                where = f" (cell {cell})" if cell else ""
                if self.strict:
                    raise self.table.error(
                        phrase(
                            "err_io_totals_row_differs_strict",
                            given=money.format(given),
                            year=year,
                            sums=money.format(int(sums[k])),
                        ),
                        i,
                        self.year_columns[year].index,
                    )
                self._finding(
                    None, year, "error", "totals_row_differs",
                    f"the totals row{where} gives {money.format(given)} for {year}; the "
                    f"projects add up to {money.format(int(sums[k]))}",
                )  # fmt: skip

    def _empty_total(self, r: int, i: int, j: int) -> None:
        cell = self.table.cell_name(i, j)
        where = f" (cell {cell})" if cell else f" (row {self.table.file_row(i)})"
        text = f"the total{where} is empty: the sum of the row's years is taken"
        if self.strict:
            raise self.table.error(phrase("err_io_strict_refuses", text=text), i, j, "")
        self._finding(r, None, "warning", "total_empty", text)

    def _reductions(
        self, rows: list[int], flows: np.ndarray, years: list[int], money: Money
    ) -> None:
        """A negative year is a reduction, said in a finding; a project whose reductions
        outweigh its money is an error."""
        table = self.table
        for r, c in zip(*np.nonzero(flows < 0)):
            self._finding(
                int(r), years[int(c)], "info", "reduction",
                f"a reduction of {money.format(-int(flows[r, c]))} in {years[int(c)]}",
            )  # fmt: skip
        sums = flows.sum(axis=1)
        for r in np.flatnonzero(sums < 0):
            j = self.year_columns[years[int(np.argmin(flows[r]))]].index  # the largest reduction
            raise table.error(
                phrase("err_io_reductions_outweigh", sums=money.format(int(sums[r]))),
                rows[int(r)],
                j,
                table.text(rows[int(r)], j),
            )

    def _check_row_totals(self, rows: list[int], flows: np.ndarray, money: Money) -> None:
        """A 合计 column against the row's years."""
        column = self.columns.get("row_total")
        if column is None:
            return
        table, j = self.table, column.index
        unit = self._unit(column)
        for r, i in enumerate(rows):
            added = int(flows[r].sum())
            printed = self._amount(i, column, unit)
            cell = table.cell_name(i, j)
            where = f" (cell {cell})" if cell else f" (row {table.file_row(i)})"
            if printed is None:
                self._differs(
                    i, j, r, None, "row_total_empty",
                    f"the row's total{where} is empty: the sum of its years, "
                    f"{money.format(added)}, is taken",
                )  # fmt: skip
                continue
            try:
                given = money.to_minor(printed, unit)
            except ValueError:
                given = None
            if given != added:
                shown = money.format(given) if given is not None else f"{printed} {unit}"
                self._differs(
                    i, j, r, None, "row_total_differs",
                    f"the row's printed total{where} is {shown}; its years add up to "
                    f"{money.format(added)}",
                )  # fmt: skip

    def _check_subtotals(
        self,
        roles: RowRoles,
        rows: list[int],
        flows: np.ndarray,
        units: Mapping[int, str],
        years: list[int],
        money: Money,
    ) -> None:
        """Each subtotal and group heading with amounts against the rows it covers."""
        table = self.table
        position = {row: r for r, row in enumerate(rows)}
        for summing in roles.sums:
            if summing.kind == "total":
                continue  # the totals row: the published totals, checked below
            covered = [position[row] for row in summing.covers]
            for k, year in enumerate(years):
                columns = self.parts.get(year, [self.year_columns[year]])
                cells = [self._amount(summing.row, c, units[year]) for c in columns]
                if all(cell is None for cell in cells):
                    continue
                printed = money.to_minor(sum(c for c in cells if c is not None), units[year])
                added = int(flows[covered, k].sum())
                if printed != added:
                    j = columns[0].index
                    cell = table.cell_name(summing.row, j)
                    where = f" (cell {cell})" if cell else f" (row {table.file_row(summing.row)})"
                    what = "subtotal" if summing.kind == "subtotal" else "group heading"
                    self._differs(
                        summing.row, j, None, year, "sum_row_differs",
                        f"the {what} '{summing.label}'{where} gives {money.format(printed)} for "
                        f"{year}; the {len(covered)} row(s) it covers add up to "
                        f"{money.format(added)}",
                    )  # fmt: skip

    def _finding(self, pid: Any, year: int | None, severity: str, rule: str, text: str) -> None:
        self.findings.append(
            {"project_id": pid, "year": year, "severity": severity, "rule": rule, "message": text}
        )

    def _locate(self, rows: list[int]) -> Any:
        def locate(problem: str, position: int, column: str | None, **kwargs: Any) -> DataError:
            field = column if column in self.columns else "id" if "id" in self.columns else None
            j = self.columns[field].index if field is not None else None
            value = self.table.text(rows[position], j) if j is not None else None
            return self.table.error(problem, rows[position], j, value, **kwargs)

        return locate


def _exact(table: Table, heading: str) -> int | None:
    """The column whose heading is ``heading`` once normalised, or None."""
    wanted = normalise(heading)
    for j, text in enumerate(table.headings):
        if text and normalise(text) == wanted:
            return j
    return None


def _missing(table: Table, heading: str, field: str) -> DataError:
    return missing_column(
        table,
        heading,
        phrase(
            "err_io_no_column_headed_for",
            heading=repr(heading),
            field=phrase(field) if field in TERMS else field.replace("_", " "),
        ),
    )
