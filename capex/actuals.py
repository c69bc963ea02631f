"""Actual spending: what each project really spent each year, exact to the unit it is kept in.

A finance office keeps actuals (实际支出) in its ledger's unit, often the 元, while the plan is
written in 亿元 and counted in 万元. :func:`load_actuals` reads them from a long table
(``id, year, amount``: one row per project and year) or a wide one (an ``id`` column and a
column per year), from CSV, Excel or a DataFrame, and keeps every amount as an exact integer of
its own minor unit: the coarsest of 万元, 元 and 分 that holds every amount, as for a portfolio.
Nothing is rounded: a comparison with a plan counts both in the finer of the two units
(:func:`comparison_money`), and says so.

Errors and findings are kept apart, as an auditor would:

* **errors** (a :class:`~capex.errors.DataError` naming the file, sheet, row, cell, column and
  value): a missing column, an amount that is not a number, a year that is not a whole number,
  the same project and year twice, and, once checked against a portfolio, an id the portfolio
  does not have;
* **findings** (rows of :meth:`Actuals.check`): spending outside a project's window, a negative
  amount (a refund or a reversed posting) and spending above the project's total. They happen
  in real ledgers, so they are reported, never refused.

>>> import pandas as pd
>>> actuals = load_actuals(pd.DataFrame({"id": [1, 1], "year": [2021, 2022],
...                                      "amount": ["12345.67", "100"]}), unit="元")
>>> actuals.money.unit, actuals.total_minor
('分', 1244567)
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import DataError
from capex.ids import id_key, normalize_ids
from capex.io.cells import amount_of, year_of
from capex.io.headings import (
    ACTUALS_AMOUNTS,
    ACTUALS_HEADINGS,
    Column,
    find_columns,
    missing_column,
    row_matches,
    unit_note,
)
from capex.io.tables import Table, read_table, with_index_column
from capex.money import (
    MAX_AMOUNT,
    AmountOverflowError,
    Money,
    checked_sum,
    minor_unit_holding,
)
from capex.portfolio import Portfolio
from capex.terms import check_lang, term

__all__ = [
    "FINDING_COLUMNS",
    "Actuals",
    "comparison_money",
    "format_amounts",
    "load_actuals",
    "rescale",
]

DEFAULT_UNIT = "万元"
"""The unit of amounts whose heading names none and for which no ``unit=`` is given."""

FINDING_COLUMNS = ("project_id", "year", "severity", "rule", "message")
"""Columns of a findings table, as in :class:`capex.reconcile.ReconciliationReport`."""


# ---------------------------------------------------------------------------------------
# units shared by a plan and its actuals
# ---------------------------------------------------------------------------------------
def comparison_money(*monies: Money) -> Money:
    """The money in which amounts of ``monies`` compare exactly: the finest minor unit.

    Actuals kept to the 元 against a plan counted in 万元 compare in 元: every 万元 amount is a
    whole number of 元, so nothing is rounded. The display unit is the first money's.

    Raises
    ------
    DataError
        When the monies are of different currencies.
    """
    first = monies[0]
    currencies = {money.currency for money in monies}
    if len(currencies) > 1:
        raise DataError(
            f"amounts in different currencies cannot be compared: {', '.join(sorted(currencies))}"
        )
    finest = min(monies, key=lambda money: first.per(money.unit))
    return Money(first.currency, finest.unit, first.display_unit)


def rescale(values: Any, source: Money, target: Money) -> np.ndarray:
    """Integer amounts of ``source``'s minor unit as integers of ``target``'s, exactly.

    ``target`` must count in the same or a finer unit (see :func:`comparison_money`); the
    result is checked against overflow.
    """
    array = np.asarray(values, dtype=np.int64)
    factor = target.per(source.unit)
    if factor != factor.to_integral_value() or factor < 1:
        raise ValueError(
            f"{source.unit} amounts cannot be written exactly in {target.unit}: use the finer unit"
        )
    factor = int(factor)
    if factor == 1:
        return array.copy()
    if array.size and int(np.abs(array).max()) > MAX_AMOUNT // factor:
        raise AmountOverflowError(
            f"an amount of {int(np.abs(array).max())} {source.unit} is too large to hold "
            f"exactly in {target.unit}"
        )
    return array * factor


def format_amounts(money: Money, amounts: Iterable[int]) -> list[str]:
    """``money.format(a)`` for many amounts at once, exactly the same text.

    Findings and actions name an amount in every row, and a ledger can give tens of thousands
    of them; where the display unit is a power of ten of the minor unit (亿元 over 万元, 元 or
    分), the text is made with integer arithmetic, else by :meth:`Money.format` itself.
    """
    unit = money.display_unit
    per = money.per(unit)
    digits = len(str(int(per))) - 1 if per == per.to_integral_value() else -1
    if digits < 0 or int(per) != 10**digits:
        return [money.format(int(a)) for a in amounts]
    values = np.asarray(list(amounts) if not isinstance(amounts, np.ndarray) else amounts)
    whole, fraction = np.divmod(np.abs(values.astype(np.int64)), int(per))
    negative = values < 0
    out = []
    for w, f, minus in zip(whole.tolist(), fraction.tolist(), negative.tolist()):
        sign = "-" if minus else ""
        if f:
            out.append(f"{sign}{w}.{str(f).rjust(digits, '0').rstrip('0')} {unit}")
        else:
            out.append(f"{sign}{w:,} {unit}")
    return out


# ---------------------------------------------------------------------------------------
# the object
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Actuals:
    """Actual spending by project and year, in integers of :attr:`money`'s minor unit.

    Build one with :func:`load_actuals` (or :meth:`from_arrays` for generated data).

    Attributes
    ----------
    frame
        One row per project and year that has an amount: ``id``, ``year``, ``amount_minor``
        and ``where`` (the row or cell it was read from, for messages). Sorted by id and year.
    money
        The currency and minor unit of the amounts.
    source
        The file (and sheet) or ``"<DataFrame>"`` they came from.
    unit
        The unit the amounts were written in.
    """

    frame: pd.DataFrame = field(repr=False)
    money: Money
    source: str = "<DataFrame>"
    unit: str = DEFAULT_UNIT

    # -- building ----------------------------------------------------------------------------
    @classmethod
    def from_arrays(
        cls,
        ids: Sequence[Any] | np.ndarray,
        years: Sequence[int] | np.ndarray,
        amounts_minor: Sequence[int] | np.ndarray,
        *,
        money: Money,
        source: str = "<arrays>",
    ) -> Actuals:
        """Actuals from arrays of ids, years and integer amounts of ``money``'s minor unit.

        The fast way in for generated data: a duplicated (id, year) is still an error.
        """
        frame = pd.DataFrame(
            {
                "id": np.asarray(ids),
                "year": np.asarray(years, dtype=np.int64),
                "amount_minor": np.asarray(amounts_minor, dtype=np.int64),
            }
        )
        frame["where"] = (
            [f"row {i}" for i in range(1, len(frame) + 1)] if len(frame) < 10_000 else ""
        )
        _refuse_duplicates(frame, source)
        return cls(_sorted(frame), money=money, source=source, unit=money.unit)

    @classmethod
    def from_frame(
        cls, wide: pd.DataFrame, *, money: Money, source: str = "<DataFrame>"
    ) -> Actuals:
        """Actuals from a project x year table of integers of ``money``'s minor unit (the
        ``to_frame()`` of a cash flow or a result); zeros are left out."""
        values = wide.to_numpy(dtype=np.int64)
        rows, cols = np.nonzero(values)
        return cls.from_arrays(
            wide.index.to_numpy()[rows],
            np.asarray([int(y) for y in wide.columns], dtype=np.int64)[cols],
            values[rows, cols],
            money=money,
            source=source,
        )

    # -- reading -----------------------------------------------------------------------------
    @property
    def ids(self) -> pd.Index:
        """The project ids with an amount, in order."""
        return pd.Index(pd.unique(self.frame["id"]), name="id")

    @property
    def years(self) -> list[int]:
        """Every year from the first to the last with an amount."""
        if self.frame.empty:
            return []
        return list(range(int(self.frame["year"].min()), int(self.frame["year"].max()) + 1))

    @property
    def total_minor(self) -> int:
        """The sum of every amount, in the minor unit."""
        return checked_sum(self.frame["amount_minor"].to_numpy())

    def __len__(self) -> int:
        return len(self.frame)

    def to_frame(self, unit: str | None = None) -> pd.DataFrame:
        """Project x year, in ``unit`` (the minor unit by default); no amount is zero."""
        wide = self.matrix(self.ids, self.years)
        unit = self.money.unit if unit is None else self.money.normalize_unit(unit)
        frame = pd.DataFrame(
            self.money.to_unit(wide, unit),
            index=self.ids,
            columns=pd.Index(self.years, name="year"),
        )
        frame.attrs["unit"] = unit
        return frame

    def matrix(
        self, ids: Iterable[Any], years: Iterable[int], money: Money | None = None
    ) -> np.ndarray:
        """An integer ``len(ids) x len(years)`` array of the amounts, in ``money``'s minor
        unit (its own by default; a finer one is exact). Ids or years absent are zeros; amounts
        of ids or years not asked for are left out (see :meth:`check` for unknown ids)."""
        ids = pd.Index(list(ids) if not isinstance(ids, pd.Index) else ids)
        years = np.asarray(list(years), dtype=np.int64)
        out = np.zeros((len(ids), len(years)), dtype=np.int64)
        if self.frame.empty or not len(ids) or not len(years):
            return out
        rows = ids.get_indexer(self.frame["id"])
        year = self.frame["year"].to_numpy()
        cols = year - years[0]
        keep = (rows >= 0) & (cols >= 0) & (cols < len(years))
        if len(years) > 1 and not np.array_equal(years, np.arange(years[0], years[-1] + 1)):
            cols = pd.Index(years).get_indexer(year)
            keep = (rows >= 0) & (cols >= 0)
        amounts = self.frame["amount_minor"].to_numpy()
        if money is not None:
            amounts = rescale(amounts, self.money, money)
        np.add.at(out, (rows[keep], cols[keep]), amounts[keep])
        return out

    def to_date(self, ids: Iterable[Any], as_of: int, money: Money | None = None) -> np.ndarray:
        """Each project's actual spending in every year up to ``as_of``, inclusive."""
        ids = pd.Index(list(ids) if not isinstance(ids, pd.Index) else ids)
        frame = self.frame[self.frame["year"].to_numpy() <= as_of]
        rows = ids.get_indexer(frame["id"])
        amounts = frame["amount_minor"].to_numpy()
        if money is not None:
            amounts = rescale(amounts, self.money, money)
        out = np.zeros(len(ids), dtype=np.int64)
        keep = rows >= 0
        np.add.at(out, rows[keep], amounts[keep])
        return out

    def in_unit(self, money: Money) -> Actuals:
        """The same actuals counted in ``money``'s (same or finer) minor unit."""
        frame = self.frame.copy()
        frame["amount_minor"] = rescale(frame["amount_minor"].to_numpy(), self.money, money)
        return dataclasses.replace(self, frame=frame, money=money)

    # -- checking against a portfolio ----------------------------------------------------------
    def for_portfolio(self, portfolio: Portfolio) -> Actuals:
        """These actuals with their ids read as the portfolio's (``"7"`` as 7), after
        refusing an id the portfolio does not have, naming its row or cell."""
        ids = self.frame["id"].to_numpy()
        known = portfolio.ids
        same_kind = ids.dtype.kind in "iu" and known.dtype.kind in "iu"
        if same_kind:  # the usual case, and the fast one: ids already read as the portfolio's
            matched = ids
            unknown = known.get_indexer(ids) < 0
        else:
            matched = _match_ids(ids, known)
            unknown = matched.isna().to_numpy()
        if np.any(unknown):
            position = int(np.flatnonzero(unknown)[0])
            n_unknown = int(np.count_nonzero(unknown))
            more = f" ({n_unknown} rows in all have unknown ids)" if n_unknown > 1 else ""
            where = self.frame["where"].iloc[position]
            pid = _plain(ids[position])
            raise DataError(
                f"project id {pid!r} is not in the portfolio "
                f"{portfolio.name or portfolio.source}{more}",
                source=_with_where(self.source, where),
                column="id",
                value=pid,
            )
        if same_kind:
            return self
        if known.dtype != object:
            matched = matched.astype(known.dtype)
        frame = self.frame.copy()
        frame["id"] = np.asarray(matched)
        frame = _sorted(frame)
        _refuse_duplicates(frame, self.source)
        return dataclasses.replace(self, frame=frame)

    def check(
        self, portfolio: Portfolio, *, lang: str = "en", above_total: bool = True
    ) -> pd.DataFrame:
        """The findings of these actuals against ``portfolio``, one row each.

        Raises a :class:`~capex.errors.DataError` for an id the portfolio does not have. The
        findings (columns ``project_id, year, severity, rule, message``):

        * ``outside_window`` (warning): spending in a year outside the project's window;
        * ``refund`` (note): a negative amount, a refund or a reversed posting;
        * ``above_total`` (warning): the project's spending to date is above its total
          investment, the overrun named.

        Amounts are compared exactly, in the finer of the portfolio's and the actuals' units.
        ``above_total=False`` leaves the last out, for a report that judges totals itself (to
        a cut-off, as a variance does, or as the actions of a re-forecast).
        """
        check_lang(lang)
        own = self.for_portfolio(portfolio)
        money = comparison_money(portfolio.money, own.money)
        frame = own.frame
        rows: list[tuple[Any, Any, str, str, str]] = []
        info = portfolio.frame
        start = info["start_year"].reindex(frame["id"]).to_numpy()
        end = info["end_year"].reindex(frame["id"]).to_numpy()
        year = frame["year"].to_numpy()
        amount = rescale(frame["amount_minor"].to_numpy(), own.money, money)
        ids = frame["id"].to_numpy()
        outside = np.flatnonzero((year < start) | (year > end))
        for i, text in zip(outside, format_amounts(money, amount[outside])):
            rows.append(
                (
                    ids[i],
                    int(year[i]),
                    "warning",
                    "outside_window",
                    term(
                        "finding_outside_window",
                        lang,
                        amount=text,
                        year=int(year[i]),
                        start=int(start[i]),
                        end=int(end[i]),
                    ),
                )
            )
        refunds = np.flatnonzero(amount < 0)
        for i, text in zip(refunds, format_amounts(money, -amount[refunds])):
            rows.append(
                (
                    ids[i],
                    int(year[i]),
                    "info",
                    "refund",
                    term("finding_refund", lang, amount=text, year=int(year[i])),
                )
            )
        project_ids = portfolio.ids
        if not above_total:
            return _findings_frame(rows)
        spent = own.to_date(project_ids, int(year.max(initial=0)), money)
        total = rescale(portfolio.frame["total_minor"].to_numpy(), portfolio.money, money)
        over = np.flatnonzero(spent > total)
        texts = zip(
            format_amounts(money, spent[over]),
            format_amounts(money, total[over]),
            format_amounts(money, spent[over] - total[over]),
        )
        template = term("finding_above_total", lang)
        for pid, (spent_text, total_text, over_text) in zip(project_ids.to_numpy()[over], texts):
            message = template.format(spent=spent_text, total=total_text, over=over_text)
            rows.append((pid, None, "warning", "above_total", message))
        return _findings_frame(rows)

    # -- display -------------------------------------------------------------------------------
    def __repr__(self) -> str:
        years = self.years
        span = f"{years[0]}-{years[-1]}" if years else "no years"
        return (
            f"Actuals({len(self.ids)} projects, {span}, {self.money.format(self.total_minor)}, "
            f"counted in {self.money.unit}, from {self.source})"
        )

    def _repr_html_(self) -> str:
        return (
            f"<p><b>{html.escape(repr(self))}</b></p>"
            + self.to_frame(self.money.display_unit)._repr_html_()
        )


# ---------------------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------------------
def load_actuals(
    source: str | Path | pd.DataFrame,
    *,
    unit: str | None = None,
    sheet: str | int | None = None,
    encoding: str = "utf-8",
) -> Actuals:
    """Read actual spending by project and year, exactly.

    Parameters
    ----------
    source
        A CSV file, an Excel workbook (``.xlsx``), or a DataFrame. Either *long*, one row per
        project and year with columns ``id``, ``year`` and ``amount``, or *wide*, an ``id``
        column and one column per year (``2021``, ``2021年``, ``FY 2021``). The table is read
        by :func:`capex.io.read_table` and its headings recognised by
        :data:`capex.io.headings.ACTUALS_HEADINGS`, Chinese as well as English (``序号``/
        ``项目编号``, ``年份``/``年度``, ``金额``/``实际支出``/``完成投资``). Rows above the
        headings (a title, ``#`` comments, a note such as ``单位：元``) are not data; other
        columns (a name, a note) are left alone. In a wide table an empty cell is no spending.
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

    Returns
    -------
    Actuals
        Amounts as integers of the coarsest of 万元, 元 and 分 (cents for other currencies)
        that holds every one exactly.

    Raises
    ------
    DataError
        Naming the file, sheet, row or cell, column and value: a missing column, an amount that
        is not a number or finer than a 分, a year that is not a whole number, an empty id, the
        same project and year twice, headings that name two different units, and what
        :func:`capex.io.read_table` refuses (an unreadable or encrypted file, a CSV row with more
        values than headings, two columns with one heading).

    Notes
    -----
    The file is only read, never written.
    """
    if isinstance(source, pd.DataFrame):
        source = with_index_column(source)
    table = read_table(source, sheet=sheet, encoding=encoding, header=row_matches(ACTUALS_HEADINGS))
    return _parse(table, unit)


def _parse(table: Table, unit: str | None) -> Actuals:
    """The actuals of a table read by :func:`capex.io.read_table`."""
    columns = find_columns(table, ACTUALS_HEADINGS, amounts=ACTUALS_AMOUNTS, years=True)
    if "id" not in columns:
        raise missing_column(table, "id", "no id column (write 'id' or '序号' as its heading)")
    year_columns = [column for key, column in columns.items() if key.startswith("year ")]
    long = "year" in columns and "amount" in columns
    if not long and not year_columns:
        raise missing_column(
            table,
            "amount",
            "neither a long table (columns id, year, amount) nor a wide one (an id column and "
            "a column per year such as 2021)",
        )
    amount_columns = [columns["amount"]] if long else year_columns
    written_unit = _written_unit(table, amount_columns, unit)
    id_j = columns["id"].index
    read = [c.index for c in amount_columns] + ([columns["year"].index] if long else [])
    records: list[tuple[Any, int, Decimal, str]] = []
    for i in range(len(table)):
        raw_id = table.text(i, id_j)
        if not raw_id and all(table.is_blank(i, j) for j in read):
            continue  # a row with nothing of the actuals in it (a name alone, a note)
        if not raw_id:
            raise table.error("the project id is empty", i, id_j, raw_id)
        if long:
            year_j = columns["year"].index
            try:
                year = year_of(table.value(i, year_j))
            except ValueError as error:
                raise table.error(
                    f"not a year: {error}", i, year_j, table.text(i, year_j)
                ) from None
            years = [(columns["amount"].index, year)]
        else:
            years = [(c.index, c.heading.year) for c in year_columns]
        for j, year in years:
            if table.is_blank(i, j):
                if long:
                    raise table.error("the amount is empty", i, j, "")
                continue  # a wide table's empty cell: nothing spent that year
            try:
                number = amount_of(table.value(i, j))
            except ValueError:
                raise table.error("not a number", i, j, table.text(i, j)) from None
            records.append((raw_id, int(year), number, _where(table, i, j)))
    source = table.where()
    money = _money_holding(records, written_unit, source)
    amounts = np.empty(len(records), dtype=np.int64)
    for k, (_, _, number, where) in enumerate(records):
        try:
            amounts[k] = money.to_minor(number, written_unit)
        except ValueError as error:  # beyond the largest amount capex holds exactly
            raise DataError(
                str(error), source=_with_where(source, where), value=str(number)
            ) from None
    frame = pd.DataFrame(
        {
            "id": normalize_ids([r[0] for r in records]),
            "year": np.asarray([r[1] for r in records], dtype=np.int64),
            "amount_minor": amounts,
            "where": [r[3] for r in records],
        }
    )
    _refuse_duplicates(frame, source)
    checked_sum(frame["amount_minor"].to_numpy())
    return Actuals(_sorted(frame), money=money, source=source, unit=written_unit)


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------
def _where(table: Table, i: int, j: int) -> str:
    """Where a value was read, for later messages: ``cell C3`` of a workbook, else the data
    row (counted from the headings, as :meth:`capex.io.Table.error` counts it)."""
    cell = table.cell_name(i, j)
    return f"cell {cell}" if cell else f"row {table.file_row(i)}"


def _written_unit(table: Table, columns: Sequence[Column], unit: str | None) -> str:
    """The unit of the amounts: ``unit`` if given, else the one the amount headings name (they
    must agree), else the one a note above the table gives (``单位：元``), else 万元."""
    named = {column.heading.unit: column for column in columns if column.heading.unit}
    if unit is not None:
        chosen, heading = unit, None
    elif len(named) > 1:
        raise DataError(
            f"the headings name different units ({', '.join(sorted(named))}); pass unit=",
            source=table.source,
            sheet=table.sheet,
        )
    elif named:
        chosen, heading = next(iter(named.items()))
    else:
        chosen, heading = unit_note(table.preamble) or DEFAULT_UNIT, None
    try:
        return Money.of(chosen).normalize_unit(chosen)
    except ValueError as error:
        if heading is not None:
            raise table.heading_error(str(error), heading.index, chosen) from None
        raise DataError(str(error), source=table.where(), value=chosen) from None


def _money_holding(records: list[tuple[Any, int, Decimal, str]], unit: str, source: str) -> Money:
    """The money of the coarsest minor unit that holds every amount written in ``unit``."""
    currency = Money.of(unit).currency
    try:
        minor = minor_unit_holding(((r[2], unit) for r in records), currency)
    except ValueError as error:
        finest = Money(currency, Money.base(currency).units[0])
        for _, _, number, where in records:
            try:
                finest.to_minor(number, unit)
            except ValueError:
                raise DataError(
                    f"finer than 1 {finest.unit}: capex never rounds an amount silently",
                    source=_with_where(source, where),
                    value=str(number),
                ) from None
        raise DataError(str(error), source=source) from None
    return Money(currency, minor)


def _match_ids(ids: np.ndarray, known: pd.Index) -> pd.Series:
    """Each id as the portfolio's id, matched as everywhere (:mod:`capex.ids`: ``"019"``
    names project 19), NaN where unknown."""
    lookup: dict[str, Any] = {}
    for pid in known:
        lookup.setdefault(id_key(pid), pid)
    return pd.Series([lookup.get(id_key(pid), np.nan) for pid in ids], dtype=object)


def _findings_frame(rows: list[tuple[Any, Any, str, str, str]]) -> pd.DataFrame:
    findings = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    findings["year"] = findings["year"].astype("Int64")
    return findings


def _refuse_duplicates(frame: pd.DataFrame, source: str) -> None:
    twice = frame.duplicated(["id", "year"], keep=False).to_numpy()
    if not twice.any():
        return
    positions = np.flatnonzero(twice)
    first = frame.iloc[positions[0]]
    same = positions[
        (frame["id"].to_numpy()[positions] == first["id"])
        & (frame["year"].to_numpy()[positions] == first["year"])
    ]
    places = " and ".join(str(frame["where"].iloc[p]) for p in same if frame["where"].iloc[p])
    raise DataError(
        f"project {first['id']} has two amounts for {int(first['year'])}"
        + (f" ({places})" if places else "")
        + "; give one row per project and year",
        source=source,
        column="id",
        value=_plain(first["id"]),
    )


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    try:
        return frame.sort_values(["id", "year"], kind="stable").reset_index(drop=True)
    except TypeError:  # ids of mixed types: keep them in the order read, years sorted
        return frame.reset_index(drop=True)


def _plain(value: Any) -> Any:
    """A numpy scalar as Python's, so that a message shows ``36``, not ``np.int64(36)``."""
    return value.item() if isinstance(value, np.generic) else value


def _with_where(source: str, where: str) -> str:
    return f"{source}, {where}" if where else source
