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

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pandas as pd

from capex.errors import DataError
from capex.io.cells import TOTAL_LABELS, amount_of, window_of
from capex.io.headings import (
    PROJECT_AMOUNTS,
    PROJECT_HEADINGS,
    Column,
    find_columns,
    missing_column,
    unit_note,
)
from capex.io.rows import SummingRow, row_roles
from capex.io.scope import SCOPE_COLUMNS, read_scope
from capex.io.tables import Table

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
        raise DataError("the table has no projects", source=table.where())
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
            raise reading.totals_error(f"not an amount: {error}", name) from None
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
                    f"not an amount: {error}", summing.row, j, table.text(summing.row, j)
                ) from None
            added = sum(int(amounts[name][position[row]]) for row in summing.covers)
            if printed != added:
                what = "subtotal" if summing.kind == "subtotal" else "group heading"
                raise table.error(
                    f"the {what} '{summing.label}' gives {money.format(printed)}, but the "
                    f"{len(summing.covers)} project(s) it covers add up to {money.format(added)}",
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
            f"required column '{name}' is missing: give a column headed {_EXAMPLES[name]}",
        )


def find_totals_row(table: Table, label_columns: list[int]) -> int | None:
    """The row whose cell in one of ``label_columns`` (the id or name) says 合计 or total
    (:func:`capex.io.rows.row_roles`); a second such row is an error."""
    return row_roles(table, label_columns).totals_row


def _window(table: Table, i: int, j: int) -> tuple[int, int]:
    try:
        return window_of(table.value(i, j))
    except ValueError as error:
        raise table.error(str(error), i, j, table.text(i, j)) from None


def _amount_cell(table: Table, i: int, j: int) -> Any:
    if table.is_merged_copy(i, j):
        raise table.error(
            "this amount is a cell merged over several rows; give each project its own amount",
            i,
            j,
            table.text(i, j),
        )
    value = table.value(i, j)
    return "" if value is None else value
