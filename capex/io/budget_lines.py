"""Budget lines read from a table: a line, a year, a ceiling and the rule of who draws on it.

:func:`read_budget_lines` reads a long table (``line, year, ceiling, rule``; Chinese headings
预算线 or 资金来源, 年份, 上限, 规则 too) from CSV, a workbook or a DataFrame into the
:class:`~capex.model.budget.BudgetLine` objects every planner takes. A unit in the ceiling's
heading is the unit of every ceiling; with ``portfolio=`` a rule that matches no project, like a
table with no lines, is an error, never a ceiling silently void.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from capex.errors import DataError
from capex.io.headings import (
    BUDGET_LINE_HEADINGS,
    Column,
    find_columns,
    require,
    row_matches,
    unit_note,
)
from capex.io.tables import Table, read_table
from capex.model.budget import BudgetError, BudgetLine, _parse_line_spec, source_name
from capex.model.cells import amount_of, is_no_amount, year_of
from capex.model.money import WAN, Money
from capex.model.portfolio import Portfolio
from capex.terms import phrase


def read_budget_lines(
    source: str | Path | pd.DataFrame,
    *,
    sheet: str | int | None = None,
    encoding: str = "utf-8",
    portfolio: Portfolio | None = None,
) -> tuple[BudgetLine, ...]:
    """Read budget lines from a long table (columns ``line, year, ceiling, rule``).

    Parameters
    ----------
    source
        A CSV file, an ``.xlsx`` workbook or a DataFrame. Chinese headings are read too
        (预算线 or 资金来源, 年份, 上限 or 预算上限, 规则). A unit in the ceiling's heading
        (``ceiling (万元)``, ``预算上限（亿元）``) is the unit of every ceiling; without one they
        are in the display unit of the portfolio they are used with (亿元 for yuan).
    sheet
        The sheet of a workbook: its name, or an int: that name first, else the position among the
        visible sheets counted from 0 (see :func:`capex.io.read_table`); the first visible
        sheet by default.
    encoding
        Text encoding of a CSV file.
    portfolio
        The projects the lines are for. When given, every rule must match at least one of its
        projects and every share must name one of them: a line that binds nothing is an
        error, not a ceiling silently void.

    Raises
    ------
    DataError
        Naming the file (and sheet), the row or cell, the column and the value of the first
        bad cell: a year or ceiling that is not one, a year given twice, a rule that cannot
        be read, a project named twice in shares, a line without any ceiling, a table with no
        lines, and (with ``portfolio``) a rule that matches no project.
    """
    table = read_table(
        source, sheet=sheet, encoding=encoding, header=row_matches(BUDGET_LINE_HEADINGS)
    )
    columns = find_columns(table, BUDGET_LINE_HEADINGS, amounts=frozenset({"ceiling"}))
    require(table, columns, ("line", "year", "ceiling"))
    if len(table) == 0:
        raise DataError(
            phrase("err_io_no_budget_lines"),
            source=table.source,
            sheet=table.sheet,
            row=1,
        )
    unit = _ceiling_unit(table, columns, portfolio)
    money = portfolio.money if portfolio is not None else Money.of(unit) if unit else WAN
    line_j, year_j, ceiling_j = (columns[c].index for c in ("line", "year", "ceiling"))
    rule_j = columns["rule"].index if "rule" in columns else None
    ceilings: dict[str, dict[int, Any]] = {}
    rules: dict[str, tuple[str, int]] = {}
    first_row: dict[str, int] = {}
    for i in range(len(table)):
        name = table.text(i, line_j)
        if not name:
            raise table.error(phrase("err_io_line_name_empty"), i, line_j, "")
        first_row.setdefault(name, i)
        try:
            year = year_of(table.value(i, year_j))
        except ValueError as error:
            raise table.error(
                phrase("err_io_not_a_year", error=error), i, year_j, table.text(i, year_j)
            ) from None
        cell = table.text(i, ceiling_j)
        value: Any = None
        raw = table.value(i, ceiling_j)
        if cell.lower() != "none" and not is_no_amount(raw):  # '-', '—', '/': no ceiling
            try:
                value = amount_of(raw, unit)
                # in the money it will be used with, so that one too large is named here
                money.ceiling_to_minor(value, unit)
            except ValueError as error:
                raise table.error(
                    phrase("err_io_not_a_ceiling", error=error), i, ceiling_j, cell
                ) from None
        if year in ceilings.setdefault(name, {}):
            raise table.error(
                phrase("err_io_line_year_twice", year=year, name=repr(name)),
                i,
                year_j,
                table.text(i, year_j),
            )
        ceilings[name][year] = value
        rule = table.text(i, rule_j) if rule_j is not None else ""
        if rule:
            try:
                _parse_line_spec(rule, name)
            except BudgetError as error:
                raise table.error(phrase("error_as_raised", error=error), i, rule_j, rule) from None
            if name in rules and rules[name][0] != rule:
                raise table.error(
                    phrase("err_io_line_other_rule", name=repr(name), rules=repr(rules[name][0])),
                    i,
                    rule_j,
                    rule,
                )
            rules.setdefault(name, (rule, i))
    lines = []
    for name, by_year in ceilings.items():
        if all(value is None for value in by_year.values()):
            raise table.error(
                phrase("err_io_line_no_ceiling", name=repr(name)),
                first_row[name],
                ceiling_j,
                table.text(first_row[name], ceiling_j),
            )
        text, i = rules.get(name, ("all", first_row[name]))
        rule, shares = _parse_line_spec(text, name)
        line = BudgetLine(name, by_year, rule if shares is None else None, shares, unit)
        if portfolio is not None:
            _check_binds(line, portfolio, table, i, rule_j, text)
        lines.append(line)
    return tuple(lines)


def _ceiling_unit(
    table: Table, columns: Mapping[str, Column], portfolio: Portfolio | None
) -> str | None:
    """The unit the ceiling heading (or a note above the table) names, checked."""
    written = columns["ceiling"].heading.unit or unit_note(table.preamble)
    if written is None:
        return None
    try:
        money = portfolio.money if portfolio is not None else Money.of(written)
        return money.normalize_unit(written)
    except ValueError as error:
        raise table.heading_error(
            phrase("error_as_raised", error=error), columns["ceiling"].index, written
        ) from None


def _check_binds(
    line: BudgetLine, portfolio: Portfolio, table: Table, i: int, j: int | None, text: str
) -> None:
    """A line read from a file must draw on at least one project of ``portfolio``."""
    source = source_name(line)
    if source is not None:
        sources = portfolio.sources
        if sources is None or source not in sources.names:
            have = f"its sources: {', '.join(sources.names)}" if sources else "it has none"
            raise table.error(
                phrase(
                    "err_io_line_source_missing",
                    name=repr(line.name),
                    source=repr(source),
                    have=have,
                ),
                i,
                j,
                text,
            )
        return
    try:
        members = line.members(portfolio)
    except BudgetError as error:
        raise table.error(phrase("error_as_raised", error=error), i, j, text) from None
    if not members.any():
        raise table.error(
            phrase("err_io_line_rule_no_project", name=repr(line.name)),
            i,
            j,
            text,
        )
