"""Actual spending: what each project really spent each year, exact to the unit it is kept in.

A finance office keeps actuals (实际支出) in its ledger's unit, often the 元, while the plan is
written in 亿元 and counted in 万元. :func:`load_actuals` reads them from a long table
(``id, year, amount``: one row per project and year) or a wide one (an ``id`` column and a
column per year), from CSV, Excel (``.xlsx`` or ``.xls``) or a DataFrame, and keeps every
amount as an exact integer of its own minor unit: the coarsest of 万元, 元 and 分 that holds
every amount, as for a portfolio. Nothing is rounded: a comparison with a plan counts both in
the finer of the two units (:func:`comparison_money`), and says so.

A ledger knows what it **covers** (:attr:`Actuals.coverage`, a
:class:`~capex.model.coverage.Coverage`): the years of its columns (a column of zeros or dashes is
covered, a missing column is not), a ``2020年及以前`` column holding every year before them,
a part year at the end (``2025年1-6月``), or the years stated with ``years=`` (for a sparse
long table). Every consumer treats time outside it by a stated policy
(:func:`capex.afterlife.spent.count_spending`): never as nothing spent by default.

It reads the cells as ledgers write them (:mod:`capex.model.cells`): ``-``, ``—``, ``/`` and blank
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

>>> import capex
>>> import pandas as pd
>>> actuals = capex.load_actuals(pd.DataFrame({"id": [1, 1], "year": [2021, 2022],
...                                            "amount": ["12345.67", "100"]}), unit="元")
>>> actuals.money.unit, actuals.total_minor, actuals.coverage.text()
('分', 1244567, '2021-2022')
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_unit
from capex.errors import DataError
from capex.model.budget_year import CALENDAR, FiscalYear
from capex.model.cells import closing_status, year_of
from capex.model.coverage import Coverage
from capex.model.ids import id_key
from capex.model.money import (
    Money,
    checked_sum,
    comparison_money,
    format_amounts,
    rescale,
)
from capex.model.portfolio import Portfolio
from capex.model.protocol import Report
from capex.terms import check_lang, joined, phrase, said, term

__all__ = ["FINDING_COLUMNS", "Actuals"]

DEFAULT_UNIT = "万元"
"""The unit of amounts whose heading names none and for which no ``unit=`` is given."""

FINDING_COLUMNS = ("project_id", "year", "severity", "rule", "message")
"""Columns of a findings table, as in :class:`capex.reports.reconcile.ReconciliationReport`."""

FRAME_COLUMNS = ("id", "year", "month", "amount_minor", "where")
"""Columns of :attr:`Actuals.frame`."""


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
        The years (and months) the ledger covers (:class:`~capex.model.coverage.Coverage`); None
        for actuals that cover no year.
    status
        Each project's status at the close, where the ledger gives one (``finished``,
        ``under_way``, ``not_started``, ``stopped``; see
        :data:`capex.model.cells.CLOSING_STATUSES`), by id.
    reading_findings
        What reading found (printed totals that do not add up, an empty total cell), as
        findings: ``project_id, year, severity, rule, message``.
    fiscal_year
        When the ledger's budget year starts and how its years are named
        (:class:`capex.model.budget_year.FiscalYear`; the calendar year by default): its
        years are the numbers of those names, its months the positions in them.
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
        come. ``coverage`` (a :class:`~capex.model.coverage.Coverage`, or ``(first, last)`` whole
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
            raise DataError(phrase("err_model_month_range"), source=_with_where(source, ""))
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
            source=_with_where(source, ""),
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
                phrase("err_model_consecutive_years", years=years),
                source=_with_where(source, ""),
            )
        rows, cols = np.nonzero(values)
        return cls.from_arrays(
            wide.index.to_numpy()[rows],
            np.asarray(years, dtype=np.int64)[cols],
            values[rows, cols],
            money=money,
            source=_with_where(source, ""),
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
        :func:`capex.afterlife.spent.count_spending`)."""
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
        :meth:`to_frame` takes it) or a :class:`~capex.model.money.Money`."""
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
                phrase("err_model_fiscal_differs", mine=mine, theirs=theirs),
                source=_with_where(self.source, ""),
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
            more = phrase("err_model_rows_unknown_ids", n=n_unknown) if n_unknown > 1 else ""
            where = self.frame["where"].iloc[position]
            pid = _plain(ids[position])
            raise DataError(
                phrase(
                    "err_model_id_not_in_portfolio",
                    pid=repr(pid),
                    portfolio=portfolio.name or portfolio.source,
                    more=more,
                ),
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
                    phrase(
                        "err_model_status_id_not_in_portfolio",
                        pid=repr(pid),
                        portfolio=portfolio.name or portfolio.source,
                    ),
                    source=_with_where(self.source, ""),
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


def _coverage_of(value: Any, *, stated: bool = True) -> Coverage | None:
    """A :class:`Coverage` from one, or from ``(first, last)`` whole years."""
    if value is None or isinstance(value, Coverage):
        return value
    try:
        first, last = (int(year_of(y)) for y in value)
    except (TypeError, ValueError):
        raise DataError(phrase("err_model_years_pair", value=repr(value))) from None
    if last < first:
        raise DataError(phrase("err_io_template_years_backwards", first=first, last=last))
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
            phrase("err_model_amount_outside_coverage", year=int(years[k]), covered=coverage),
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
            raise DataError(
                phrase("error_as_raised", error=error), column="status", value=value, project_id=pid
            ) from None
        if key is not None:
            out[pid] = key
    return pd.Series(out, dtype=object)


def _match_ids(ids: np.ndarray, known: pd.Index) -> pd.Series:
    """Each id as the portfolio's id, matched as everywhere (:mod:`capex.model.ids`: ``"019"``
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
    places = [str(frame["where"].iloc[p]) for p in same if frame["where"].iloc[p]]
    raise DataError(
        phrase(
            "err_model_two_amounts",
            pid=first["id"],
            year=int(first["year"]),
            places=phrase("err_model_places", places=joined(places, "err_io_and"))
            if places
            else "",
        ),
        source=_with_where(source, ""),
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


_PLACE = re.compile(r"^(?P<kind>cell|row) (?P<at>\w+)$")
_SHEET = re.compile(r"^(?P<source>.*), sheet (?P<sheet>[^,]+)$")


def _with_where(source: str, where: str) -> object:
    """The file (and sheet, ``a.xlsx, sheet 2021`` as :meth:`capex.io.Table.where` writes it)
    of a ledger and where in it a value was read (``cell C3``, ``row 4``, as the readers record
    it, or ``""``), as the places of an error: worded in the error's language (``工作表2021``,
    ``第4行``) by the table's ``error_*`` terms."""
    parts = [source_phrase(source)]
    if where:
        parts.append(place_phrase(where))
    return parts[0] if len(parts) == 1 else joined(parts, "error_and")


def place_phrase(where: object) -> object:
    """Where in a file a value was read (``cell C3``, ``row 4``, as the readers record it),
    worded when shown (``单元格C3``, ``第4行``); anything else as it is."""
    found = _PLACE.match(where) if isinstance(where, str) else None
    if found is None:
        return where
    if found["kind"] == "cell":
        return phrase("error_cell", cell=found["at"])
    return phrase("error_row", row=found["at"])


def source_phrase(source: object) -> object:
    """A file and its sheet (``a.xlsx, sheet 2021``, as :meth:`capex.io.Table.where` writes
    it), worded when shown (``a.xlsx，工作表2021``); a file alone as it is."""
    in_sheet = _SHEET.match(source) if isinstance(source, str) else None
    if in_sheet is None:
        return source
    return joined([in_sheet["source"], phrase("error_sheet", sheet=in_sheet["sheet"])], "error_and")
