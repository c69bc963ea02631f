"""A project bank (项目库): candidate projects and the columns that say what each is worth.

A district keeps its candidates in a workbook like its plan's project table, with more
columns beside the project fields: places (学位), a score, a benefit, the school type. A
:class:`Bank` is the portfolio of those projects (read by :func:`capex.load_projects`,
validated as any project table is) together with the other columns, each cell knowing where
it is, so that a value that is not a number is an error naming the workbook, sheet, cell,
column and value.

>>> import capex
>>> table = capex.load_projects().to_frame().assign(score=1)
>>> bank = capex.load_bank(table, plan_period=(2021, 2025))
>>> bank.columns, bank.numbers("score").iloc[0]
(['score'], Fraction(1, 1))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd

from capex.errors import DataError
from capex.io.headings import PROJECT_HEADINGS, normalise, row_matches, split_unit
from capex.io.projects import load_projects, read_projects
from capex.io.tables import Table, read_table, with_index_column
from capex.model.money import Money
from capex.model.portfolio import Portfolio
from capex.model.protocol import Report
from capex.model.value import ValuationError, exact_number
from capex.terms import check_lang, phrase, term

__all__ = ["Bank", "load_bank"]


@dataclass(frozen=True, eq=False)
class Bank(Report):
    """Candidate projects and the other columns of their table.

    Attributes
    ----------
    portfolio
        The candidates as a :class:`~capex.model.portfolio.Portfolio`.
    source
        The file read (or ``"<DataFrame>"``).
    """

    portfolio: Portfolio
    source: str = "<DataFrame>"
    _table: Table | None = field(default=None, repr=False)
    _rows: tuple[int, ...] = field(default=(), repr=False)
    _others: tuple[int, ...] = field(default=(), repr=False)

    @property
    def columns(self) -> list[str]:
        """The headings of the columns that are not project fields, in table order."""
        if self._table is None:
            return []
        return [self._table.headings[j] for j in self._others]

    def has(self, name: str) -> bool:
        """Whether a column is headed ``name`` (compared as headings are: full-width or
        half-width, case and blanks aside, a unit in brackets aside)."""
        return self._position(name) is not None

    def texts(self, name: str) -> pd.Series:
        """The column headed ``name`` as text by project id (``""`` where empty)."""
        table, j = self._column(name)
        return pd.Series(
            [table.text(i, j) for i in self._rows],
            index=self.portfolio.ids,
            name=name,
            dtype=object,
        )

    def numbers(self, name: str) -> pd.Series:
        """The column headed ``name`` as exact numbers (:class:`~fractions.Fraction`) by
        project id, ``None`` where a cell is empty.

        Raises
        ------
        DataError
            A cell that is not a number, naming the file, sheet, cell, column and value.
        """
        table, j = self._column(name)
        values: list[Fraction | None] = []
        for position, i in enumerate(self._rows):
            cell = table.value(i, j)
            try:
                values.append(exact_number(cell))
            except ValuationError as error:
                raise table.error(
                    phrase("err_io_not_a_number", error=error),
                    i,
                    j,
                    table.text(i, j),
                    project_id=self.portfolio.ids[position],
                ) from None
        return pd.Series(values, index=self.portfolio.ids, name=name, dtype=object)

    @property
    def money(self) -> Money:
        """The money of the candidates' amounts."""
        return self.portfolio.money

    def other_columns(self) -> pd.DataFrame:
        """The other columns as text, by project id."""
        return pd.DataFrame({name: self.texts(name) for name in self.columns})

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """The candidates as the portfolio shows them, then the bank's other columns as
        text."""
        return self.portfolio.to_frame(unit, lang=lang).join(self.other_columns())

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """The candidates' summary and the names of the bank's other columns."""
        text = self.portfolio.summary(unit, lang=lang)
        if not self.columns:
            return text
        lang = check_lang(lang)
        joined = ("、" if lang == "zh" else ", ").join(self.columns)
        return text + "\n" + term("bank_other_columns", lang, columns=joined)

    def _position(self, name: str) -> int | None:
        if self._table is None:
            return None
        wanted = str(name).strip()
        for j in self._others:
            if self._table.headings[j] == wanted:
                return j
        key = normalise(split_unit(wanted)[0])
        matches = [
            j for j in self._others if normalise(split_unit(self._table.headings[j])[0]) == key
        ]
        if len(matches) > 1:
            raise self._table.heading_error(
                phrase("err_io_two_columns_headed", name=repr(name)), matches[1]
            )
        return matches[0] if matches else None

    def _column(self, name: str) -> tuple[Table, int]:
        j = self._position(name)
        if j is None or self._table is None:
            found = ", ".join(self.columns) or "none"
            raise DataError(
                phrase("err_io_no_column_headed", name=repr(name), found=found),
                source=self.source,
                column=name,
            )
        return self._table, j


def load_bank(
    source: str | Path | pd.DataFrame | Portfolio,
    *,
    sheet: str | int | None = None,
    encoding: str = "utf-8",
    plan_period: tuple[int, int] | None = None,
    published: Any = None,
    amount_unit: str | None = None,
    name: str | None = None,
) -> Bank:
    """Read a project bank: the candidates as a portfolio, and the other columns beside them.

    Parameters
    ----------
    source
        An ``.xlsx`` workbook, a CSV file or a DataFrame with a project table's headings
        (English or Chinese, as :func:`capex.load_projects` reads them) and any other
        columns (学位, a score, ``school_type`` ...); or a portfolio (a bank without other
        columns).
    sheet, encoding, plan_period, published, amount_unit, name
        As :func:`capex.load_projects` takes them.

    Returns
    -------
    Bank

    Raises
    ------
    DataError
        As :func:`capex.load_projects` does, naming the file, sheet, cell and value.
    """
    if isinstance(source, Portfolio):
        return Bank(source, source.source)
    portfolio = load_projects(
        source,
        sheet=sheet,
        encoding=encoding,
        plan_period=plan_period,
        published=published,
        amount_unit=amount_unit,
        name=name,
    )
    given = with_index_column(source) if isinstance(source, pd.DataFrame) else source
    table = read_table(given, sheet=sheet, encoding=encoding, header=row_matches(PROJECT_HEADINGS))
    reading = read_projects(table)
    used = {column.index for column in reading.columns.values()}
    others = tuple(j for j in range(table.width) if j not in used and table.headings[j])
    if len(reading.rows) != len(portfolio):
        raise DataError(phrase("err_io_bank_rows"), source=portfolio.source)
    return Bank(portfolio, portfolio.source, table, tuple(reading.rows), others)
