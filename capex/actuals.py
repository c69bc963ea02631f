"""Actual spending: what each project really spent each year, exact to the unit it is kept in.

A finance office keeps actuals (实际支出) in its ledger's unit, often the 元, while the plan is
written in 亿元 and counted in 万元. :func:`load_actuals` reads them from a long table
(``id, year, amount``: one row per project and year) or a wide one (an ``id`` column and a
column per year), from CSV, Excel (``.xlsx`` or ``.xls``) or a DataFrame, and keeps every
amount as an exact integer of its own minor unit: the coarsest of 万元, 元 and 分 that holds
every amount, as for a portfolio. Nothing is rounded: a comparison with a plan counts both in
the finer of the two units (:func:`comparison_money`), and says so.

A ledger knows what it **covers** (:attr:`Actuals.coverage`, a
:class:`~capex.coverage.Coverage`): the years of its columns (a column of zeros or dashes is
covered, a missing column is not), a ``2020年及以前`` column holding every year before them,
a part year at the end (``2025年1-6月``), or the years stated with ``years=`` (for a sparse
long table). Every consumer treats time outside it by a stated policy
(:func:`capex.coverage.count_spending`): never as nothing spent by default.

It reads the cells as ledgers write them (:mod:`capex.io.cells`): ``-``, ``—``, ``/`` and blank
are no spending, accounting negatives ``(1,000)`` are refunds, a 合计 row and column are checks
(each printed figure against what it sums, a finding naming the cell when it differs, an error
with ``strict=True``), group headings and 小计 rows are not projects, footers are not data. An
optional status column (状态: 已完工, 在建, 未开工, 停建) gives each project's status at the close
(:attr:`Actuals.status`), which :func:`capex.roll_forward` reads.

Errors and findings are kept apart, as an auditor would:

* **errors** (a :class:`~capex.errors.DataError` naming the file, sheet, row, cell, column and
  value): a missing column, an amount that is not a number, a year that is not a whole number,
  the same project and year twice, a column with money whose years are unknown, and, once
  checked against a portfolio, an id the portfolio does not have;
* **findings** (rows of :meth:`Actuals.check`): spending outside a project's window, a negative
  amount (a refund or a reversed posting), spending above the project's total, and printed
  totals that do not add up. They happen in real ledgers, so they are reported, never refused.

>>> import pandas as pd
>>> actuals = load_actuals(pd.DataFrame({"id": [1, 1], "year": [2021, 2022],
...                                      "amount": ["12345.67", "100"]}), unit="元")
>>> actuals.money.unit, actuals.total_minor, actuals.coverage.text()
('分', 1244567, '2021-2022')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex.budget_year import CALENDAR, FiscalYear
from capex.coverage import Coverage
from capex.errors import DataError
from capex.ids import id_key, normalize_ids
from capex.io.cells import closing_status, optional_amount, year_of
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
from capex.money import (
    MAX_AMOUNT,
    AmountOverflowError,
    Money,
    checked_sum,
    minor_unit_holding,
)
from capex.options import chosen_unit
from capex.portfolio import Portfolio
from capex.reports.protocol import Report
from capex.terms import Phrase, check_lang, phrase, said, term

__all__ = [
    "FINDING_COLUMNS",
    "Actuals",
    "Coverage",
    "comparison_money",
    "format_amounts",
    "load_actuals",
    "rescale",
]

DEFAULT_UNIT = "万元"
"""The unit of amounts whose heading names none and for which no ``unit=`` is given."""

FINDING_COLUMNS = ("project_id", "year", "severity", "rule", "message")
"""Columns of a findings table, as in :class:`capex.reconcile.ReconciliationReport`."""

FRAME_COLUMNS = ("id", "year", "month", "amount_minor", "where")
"""Columns of :attr:`Actuals.frame`."""


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
def _empty_findings() -> pd.DataFrame:
    return _findings_frame([])


@dataclass(frozen=True, eq=False)
class Actuals(Report):
    """Actual spending by project and year, in integers of :attr:`money`'s minor unit.

    Build one with :func:`load_actuals` (or :meth:`from_arrays` and :meth:`from_frame` for
    generated data).

    Attributes
    ----------
    frame
        One row per project, year (and month, where the spending came by month) that has an
        amount: ``id``, ``year``, ``month`` (0 for a year's amount, 1-12 for a month's),
        ``amount_minor`` and ``where`` (the row or cell it was read from, for messages).
        Sorted by id, year and month. A zero is no row: nothing was spent.
    money
        The currency and minor unit of the amounts.
    source
        The file (and sheet) or ``"<DataFrame>"`` they came from.
    unit
        The unit the amounts were written in.
    coverage
        The years (and months) the ledger covers (:class:`~capex.coverage.Coverage`); None
        for actuals that cover no year.
    status
        Each project's status at the close, where the ledger gives one (``finished``,
        ``under_way``, ``not_started``, ``stopped``; see
        :data:`capex.io.cells.CLOSING_STATUSES`), by id.
    reading_findings
        What reading found (printed totals that do not add up, an empty total cell), as
        findings: ``project_id, year, severity, rule, message``.
    fiscal_year
        When the ledger's budget year starts and how its years are named
        (:class:`capex.budget_year.FiscalYear`; the calendar year by default): its years are
        the numbers of those names, its months the positions in them.
    """

    frame: pd.DataFrame = field(repr=False)
    money: Money
    source: str = "<DataFrame>"
    unit: str = DEFAULT_UNIT
    coverage: Coverage | None = None
    status: pd.Series = field(default_factory=lambda: pd.Series(dtype=object), repr=False)
    reading_findings: pd.DataFrame = field(default_factory=_empty_findings, repr=False)
    fiscal_year: FiscalYear = field(default=CALENDAR, repr=False)

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
        months: Sequence[int] | np.ndarray | None = None,
        coverage: Coverage | tuple[int, int] | None = None,
        status: pd.Series | dict[Any, str] | None = None,
        fiscal_year: FiscalYear = CALENDAR,
    ) -> Actuals:
        """Actuals from arrays of ids, years and integer amounts of ``money``'s minor unit.

        The fast way in for generated data: a duplicated (id, year, month) is still an error.
        ``months`` (1-12, or 0 for a year's amount) keeps spending by month, as payments
        come. ``coverage`` (a :class:`~capex.coverage.Coverage`, or ``(first, last)`` whole
        years) is what the data cover; by default every year from the first to the last with
        an amount (and, with months, to the last month with one).
        """
        frame = pd.DataFrame(
            {
                "id": np.asarray(ids),
                "year": np.asarray(years, dtype=np.int64),
                "month": np.zeros(len(np.asarray(years)), dtype=np.int64)
                if months is None
                else np.asarray(months, dtype=np.int64),
                "amount_minor": np.asarray(amounts_minor, dtype=np.int64),
            }
        )
        if ((frame["month"] < 0) | (frame["month"] > 12)).any():
            raise DataError("a month is a number from 1 to 12 (0 for a whole year)", source=source)
        frame["where"] = (
            [f"row {i}" for i in range(1, len(frame) + 1)] if len(frame) < 10_000 else ""
        )
        _refuse_duplicates(frame, source)
        stated = _coverage_of(coverage)
        if stated is None and len(frame):
            stated = _coverage_of_rows(frame)
        frame = frame[frame["amount_minor"] != 0]
        return cls(
            _sorted(frame),
            money=money,
            source=source,
            unit=money.unit,
            coverage=stated,
            status=_status_series(status),
            fiscal_year=fiscal_year,
        )

    @classmethod
    def from_frame(
        cls, wide: pd.DataFrame, *, money: Money, source: str = "<DataFrame>"
    ) -> Actuals:
        """Actuals from a project x year table of integers of ``money``'s minor unit (the
        ``to_frame()`` of a cash flow or a result). Its columns are the years it covers (they
        must follow one another); zeros are nothing spent."""
        values = wide.to_numpy(dtype=np.int64)
        years = [int(y) for y in wide.columns]
        if years and years != list(range(years[0], years[0] + len(years))):
            raise DataError(
                f"the columns must be consecutive years, not {years}: a missing year is not "
                "covered",
                source=source,
            )
        rows, cols = np.nonzero(values)
        return cls.from_arrays(
            wide.index.to_numpy()[rows],
            np.asarray(years, dtype=np.int64)[cols],
            values[rows, cols],
            money=money,
            source=source,
            coverage=Coverage.of_years(years) if years else None,
        )

    # -- reading -----------------------------------------------------------------------------
    @property
    def ids(self) -> pd.Index:
        """The project ids with an amount, in order."""
        return pd.Index(pd.unique(self.frame["id"]), name="id")

    @property
    def years(self) -> list[int]:
        """The years of the ledger: those it covers (:attr:`coverage`), with any year outside
        them that holds an amount."""
        covered = self.coverage.years if self.coverage is not None else []
        held = self.frame["year"].to_numpy()
        if not len(held) and not covered:
            return []
        first = min([*covered[:1], *([int(held.min())] if len(held) else [])])
        last = max([*covered[-1:], *([int(held.max())] if len(held) else [])])
        return list(range(first, last + 1))

    @property
    def by_month(self) -> bool:
        """Whether some amounts are a month's (payments), not a year's."""
        return bool((self.frame["month"].to_numpy() > 0).any())

    @property
    def total_minor(self) -> int:
        """The sum of every amount, in the minor unit."""
        return checked_sum(self.frame["amount_minor"].to_numpy())

    def __len__(self) -> int:
        return len(self.frame)

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """Project x year, in ``unit`` (the minor unit by default), over the years covered;
        a year with nothing spent is zero. ``lang`` names the index (``id``, 序号)."""
        wide = self.matrix(self.ids, self.years)
        unit = chosen_unit(unit, self.money)
        unit = self.money.unit if unit is None else self.money.normalize_unit(unit)
        frame = pd.DataFrame(
            self.money.to_unit(wide, unit),
            index=self.ids,
            columns=pd.Index(self.years, name="year"),
        )
        if check_lang(lang) != "en":
            frame.index.name = term("id", lang)
            frame.columns.name = term("year", lang)
        frame.attrs["unit"] = unit
        return frame

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """One line: how many projects, the time covered and the total, in ``unit`` (the
        display unit by default) and ``lang``."""
        lang = check_lang(lang)
        unit = self.money.normalize_unit(chosen_unit(unit, self.money))
        span = self.coverage.text(lang) if self.coverage is not None else term("none", lang)
        return term(
            "actuals_headline",
            lang,
            n=len(self.ids),
            span=span,
            total=self.money.format(self.total_minor, unit),
        )

    def matrix(
        self, ids: Iterable[Any], years: Iterable[int], money: Money | None = None
    ) -> np.ndarray:
        """An integer ``len(ids) x len(years)`` array of the amounts (months added up into
        their year), in ``money``'s minor unit (its own by default; a finer one is exact). Ids
        or years absent are zeros; amounts of ids or years not asked for are left out (see
        :meth:`check` for unknown ids)."""
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

    def months_matrix(
        self, ids: Iterable[Any], year: int, money: Money | None = None
    ) -> np.ndarray:
        """``len(ids) x 12``: the amounts of ``year`` by month (a year's amount not split by
        month is left out; see :attr:`by_month`)."""
        ids = pd.Index(list(ids) if not isinstance(ids, pd.Index) else ids)
        out = np.zeros((len(ids), 12), dtype=np.int64)
        frame = self.frame[(self.frame["year"] == year) & (self.frame["month"] > 0)]
        if frame.empty:
            return out
        rows = ids.get_indexer(frame["id"])
        amounts = frame["amount_minor"].to_numpy()
        if money is not None:
            amounts = rescale(amounts, self.money, money)
        keep = rows >= 0
        np.add.at(out, (rows[keep], frame["month"].to_numpy()[keep] - 1), amounts[keep])
        return out

    def to_date(self, ids: Iterable[Any], as_of: int, money: Money | None = None) -> np.ndarray:
        """Each project's actual spending in every year up to ``as_of``, inclusive, as the
        ledger holds it (time outside its coverage is not filled in: see
        :func:`capex.coverage.count_spending`)."""
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

    def in_unit(self, unit: str | Money) -> Actuals:
        """The same actuals counted in a (same or finer) minor unit: its name (``"元"``, as
        :meth:`to_frame` takes it) or a :class:`~capex.money.Money`."""
        money = (
            unit
            if isinstance(unit, Money)
            else Money(self.money.currency, unit, self.money.display_unit)
        )
        frame = self.frame.copy()
        frame["amount_minor"] = rescale(frame["amount_minor"].to_numpy(), self.money, money)
        return dataclasses.replace(self, frame=frame, money=money)

    def with_coverage(self, years: tuple[int, int] | Coverage) -> Actuals:
        """The same actuals said to cover ``years`` (``(first, last)``, whole years): what a
        sparse ledger covers when its rows do not show it. An amount outside them is an error."""
        coverage = _coverage_of(years)
        assert coverage is not None
        _refuse_outside(self.frame, coverage, self.source)
        return dataclasses.replace(self, coverage=coverage)

    # -- checking against a portfolio ----------------------------------------------------------
    def for_portfolio(self, portfolio: Portfolio) -> Actuals:
        """These actuals with their ids read as the portfolio's (``"7"`` as 7), after
        refusing an id the portfolio does not have, naming its row or cell, and a budget
        year other than the portfolio's."""
        mine, theirs = self.fiscal_year, portfolio.fiscal_year
        months = self.by_month and mine.start != theirs.start
        if months or (not mine.is_calendar and not theirs.is_calendar and mine != theirs):
            raise DataError(
                f"the actuals count {mine.describe()}, the portfolio {theirs.describe()}: read "
                "them with the portfolio's fiscal_year_start and naming",
                source=self.source,
            )
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
        status = self.status
        if len(status):
            keys = _match_ids(status.index.to_numpy(), known)
            if keys.isna().any():
                pid = status.index[int(np.flatnonzero(keys.isna().to_numpy())[0])]
                raise DataError(
                    f"project id {pid!r} has a status but is not in the portfolio "
                    f"{portfolio.name or portfolio.source}",
                    source=self.source,
                    column="status",
                    value=pid,
                )
            status = pd.Series(status.to_numpy(), index=pd.Index(keys.tolist(), name="id"))
        if same_kind:
            return dataclasses.replace(self, status=status)
        if known.dtype != object:
            matched = matched.astype(known.dtype)
        frame = self.frame.copy()
        frame["id"] = np.asarray(matched)
        frame = _sorted(frame)
        _refuse_duplicates(frame, self.source)
        return dataclasses.replace(self, frame=frame, status=status)

    def check(
        self, portfolio: Portfolio, *, lang: str = "en", above_total: bool = True
    ) -> pd.DataFrame:
        """The findings of these actuals against ``portfolio``, one row each.

        Raises a :class:`~capex.errors.DataError` for an id the portfolio does not have. The
        findings (columns ``project_id, year, severity, rule, message``):

        * what reading found (:attr:`reading_findings`: printed totals that do not add up);
        * ``outside_window`` (warning): money spent in a year outside the project's window
          (a zero or a dash is nothing spent, and no finding);
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
        rows: list[tuple[Any, Any, str, str, str]] = [
            (r.project_id, r.year, r.severity, r.rule, said(r.message, lang))
            for r in self.reading_findings.itertuples(index=False)
        ]
        info = portfolio.frame
        start = info["start_year"].reindex(frame["id"]).to_numpy()
        end = info["end_year"].reindex(frame["id"]).to_numpy()
        year = frame["year"].to_numpy()
        amount = rescale(frame["amount_minor"].to_numpy(), own.money, money)
        ids = frame["id"].to_numpy()
        outside = np.flatnonzero(((year < start) | (year > end)) & (amount != 0))
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
        span = self.coverage.text() if self.coverage is not None else "no years"
        return (
            f"Actuals({len(self.ids)} projects, covering {span}, "
            f"{self.money.format(self.total_minor)}, counted in {self.money.unit}, "
            f"from {self.source})"
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
    from capex.budget_year import CalendarError, fiscal_year_of

    try:
        fiscal = fiscal_year_of(fiscal_year_start or 1)
    except CalendarError as error:
        raise DataError(str(error), source=table.where()) from None
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
            raise missing_column(table, "id", "no id column (write 'id' or '序号' as its heading)")
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
                "neither a long table (columns id, year, amount) nor a wide one (an id column "
                "and a column per year such as 2021)",
            )
        self.fiscal_year = self._fiscal_years(fiscal, naming)
        amount_columns = [self.columns["amount"]] if self.long else self.family
        self.unit = _written_unit(table, amount_columns, unit)
        labels = [self.columns[f].index for f in ("id", "name") if f in self.columns]
        self.roles: RowRoles = row_roles(table, labels, [c.index for c in amount_columns])
        self.findings: list[tuple[Any, Any, str, str, Phrase]] = []

    def _fiscal_years(self, fiscal: FiscalYear, naming: str | None) -> FiscalYear:
        """The ledger's budget year, and its year columns read as the budget years they name."""
        from capex.budget_year import CalendarError, fiscal_year_of

        table = self.table

        def where(problem: str) -> DataError:
            column = self.family[0] if self.family else None
            j = column.index if column is not None else None
            return table.heading_error(problem, j, table.headings[j] if j is not None else None)

        named = fiscal_naming([c.heading.fiscal for c in self.family], fiscal.start, naming, where)
        try:
            fiscal = fiscal_year_of(fiscal.start, named)
        except CalendarError as error:
            raise DataError(str(error), source=table.where()) from None
        if fiscal.is_calendar:
            return fiscal
        family = []
        for column in self.family:
            heading = column.heading
            if heading.span == "months":
                raise where(
                    f"the column '{table.headings[column.index]}' holds calendar months, which "
                    f"do not divide a budget year starting in month {fiscal.start}: give whole "
                    "budget years, or the payments by date (capex.load_payments)"
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
                raise table.error("the project id is empty", i, id_j, raw_id)
            try:
                naming = None if self.fiscal_year.is_calendar else self.fiscal_year.naming
                year = year_of(table.value(i, year_j), naming=naming)
            except ValueError as error:
                raise table.error(
                    f"not a year: {error}", i, year_j, table.text(i, year_j)
                ) from None
            number = self._amount(i, amount_j)
            if number is None:
                if table.is_blank(i, amount_j):
                    raise table.error("the amount is empty", i, amount_j, "")
                number = Decimal(0)  # a dash: nothing spent, and the year is covered
            records.append(
                _Record(raw_id, int(year), number, _where(table, i, amount_j), i, amount_j)
            )
        held = sorted({r.year for r in records})
        coverage = self.stated
        if coverage is not None:
            outside = [r for r in records if not coverage.first <= r.year <= coverage.last]
            if outside:
                r = outside[0]
                raise table.error(
                    f"{r.year} is outside the years the ledger covers, {coverage.text()} (years=)",
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
                f"a ledger records what was spent; this column holds {column.heading.describe()}, "
                "money yet to come: remove it, or read the table as a plan (capex.load_phased)",
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
                    f"the columns '{table.headings[plain[year].index]}' and "
                    f"'{table.headings[columns[0].index]}' both hold money of {year}",
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
                    f"this column holds {column.heading.describe()}, a part of a year that is "
                    "neither the ledger's first nor its last: give the year whole",
                    column.index,
                    table.headings[column.index],
                )
        through = [c for c in family if c.heading.span == "through"]
        if len(through) > 1:
            raise table.heading_error(
                "two columns hold the years before the others; keep one",
                through[1].index,
                table.headings[through[1].index],
            )
        ordered = sorted(years)
        if not ordered:
            column = through[0]
            raise table.heading_error(
                "a column of the years before the others, but no year column after it",
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
                    f"it overlaps the year column {ordered[0]}"
                    if year >= ordered[0]
                    else f"the first year column is {ordered[0]}, so "
                    f"{_span_text(year + 1, ordered[0] - 1)} would be in no column"
                )
                raise table.heading_error(
                    f"this column holds the money of the years to {year}, but {problem}",
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
                        f"this column holds money of {year}, outside the years the ledger "
                        f"covers, {stated.text()} (years=)",
                        column.index,
                        table.headings[column.index],
                    )
            if (first_month, last_month) != (1, 12):
                raise table.heading_error(
                    "years= says the ledger covers whole years, but a column holds part of one",
                    parts[min(parts)][0].index,
                    None,
                )
            coverage = dataclasses.replace(stated, opening=opening)
            if opening and ordered[0] != stated.first:
                raise table.heading_error(
                    f"the column of the years before the others ends at {ordered[0] - 1}, but "
                    f"years= says the ledger starts in {stated.first}",
                    through[0].index,
                    None,
                )
        else:
            missing = sorted(set(range(ordered[0], ordered[-1] + 1)) - years)
            if missing:
                raise DataError(
                    f"the ledger has columns for {ordered[0]}-{ordered[-1]} but none for "
                    f"{', '.join(map(str, missing))}: a missing year is not covered. Add the "
                    "column (dashes or zeros where nothing was spent), or pass years= to say "
                    "what the ledger covers",
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
                        "this column holds amounts, but its heading does not say which years: "
                        "head it with a year (2021), the years before (2020年及以前), the "
                        "months (2021年1-6月), or remove it",
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
                raise table.error("the project id is empty", i, id_j, raw_id)
            row = []
            for column, year in placed:
                number = self._amount(i, column.index)
                if number is None:
                    continue  # no spending that year
                record = _Record(
                    raw_id, int(year), number, _where(table, i, column.index), i, column.index
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
            raise table.error(f"not an amount: {error}", i, j, table.text(i, j)) from None

    def _minor(self, money: Money, number: Decimal, where: str, source: str) -> int:
        try:
            return money.to_minor(number, self.unit)
        except ValueError as error:  # beyond the largest amount capex holds exactly
            raise DataError(
                str(error), source=_with_where(source, where), value=str(number)
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
                raise table.error(str(error), i, j, table.text(i, j)) from None
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
                    "finding_row_total_empty", where=where, added=money.format(added, self.unit)
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
                    where=where,
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
                f"a printed total that cannot be held exactly: {error}", i, j, table.text(i, j)
            ) from None

    def _differs(
        self,
        i: int,
        j: int,
        raw_id: str | None,
        rule: str,
        message: Phrase,
        severity: str = "warning",
    ) -> None:
        if self.strict:
            raise self.table.error(
                str(message) + " (strict=True refuses it)", i, j, self.table.text(i, j)
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
                f"the part-year columns of {column.heading.year} overlap or leave months out "
                f"(months {first}-{last}, then {start}-{end})",
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


def _coverage_of(value: Any, *, stated: bool = True) -> Coverage | None:
    """A :class:`Coverage` from one, or from ``(first, last)`` whole years."""
    if value is None or isinstance(value, Coverage):
        return value
    try:
        first, last = (int(year_of(y)) for y in value)
    except (TypeError, ValueError):
        raise DataError(f"years must be (first, last), not {value!r}") from None
    if last < first:
        raise DataError(f"the years {first}-{last} end before they start")
    return Coverage(first, last, stated=stated)


def _coverage_of_rows(frame: pd.DataFrame) -> Coverage:
    """The years from the first to the last row (to the last month, where there are months)."""
    years = frame["year"].to_numpy()
    first, last = int(years.min()), int(years.max())
    months = frame["month"].to_numpy()
    if (months > 0).any():
        at_first = months[(years == first) & (months > 0)]
        at_last = months[(years == last) & (months > 0)]
        whole_first = ((years == first) & (months == 0)).any()
        whole_last = ((years == last) & (months == 0)).any()
        first_month = 1 if whole_first or not len(at_first) else int(at_first.min())
        last_month = 12 if whole_last or not len(at_last) else int(at_last.max())
        return Coverage(first, last, first_month, last_month)
    return Coverage(first, last)


def _refuse_outside(frame: pd.DataFrame, coverage: Coverage, source: str) -> None:
    years = frame["year"].to_numpy()
    low = coverage.first - (1 if coverage.opening else 0)
    outside = np.flatnonzero((years < low) | (years > coverage.last))
    if len(outside):
        k = int(outside[0])
        raise DataError(
            f"an amount of {int(years[k])} lies outside the years the ledger covers, "
            f"{coverage.text()}",
            source=_with_where(source, str(frame["where"].iloc[k])),
            value=int(years[k]),
        )


def _status_series(status: Any) -> pd.Series:
    if status is None:
        return pd.Series(dtype=object)
    series = pd.Series(status, dtype=object)
    out = {}
    for pid, value in series.items():
        try:
            key = closing_status(value)
        except ValueError as error:
            raise DataError(str(error), column="status", value=value, project_id=pid) from None
        if key is not None:
            out[pid] = key
    return pd.Series(out, dtype=object)


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


def _findings_frame(rows: list[tuple[Any, Any, str, str, Any]]) -> pd.DataFrame:
    findings = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    findings["year"] = findings["year"].astype("Int64")
    return findings


def _refuse_duplicates(frame: pd.DataFrame, source: str) -> None:
    keys = ["id", "year", "month"] if "month" in frame.columns else ["id", "year"]
    twice = frame.duplicated(keys, keep=False).to_numpy()
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
    frame = frame[list(FRAME_COLUMNS)]
    try:
        return frame.sort_values(["id", "year", "month"], kind="stable").reset_index(drop=True)
    except TypeError:  # ids of mixed types: keep them in the order read, years sorted
        return frame.reset_index(drop=True)


def _plain(value: Any) -> Any:
    """A numpy scalar as Python's, so that a message shows ``36``, not ``np.int64(36)``."""
    return value.item() if isinstance(value, np.generic) else value


def _with_where(source: str, where: str) -> str:
    return f"{source}, {where}" if where else source
