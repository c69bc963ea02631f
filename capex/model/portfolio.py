"""The portfolio: a validated, immutable table of capital projects and the plan it belongs to.

A :class:`Portfolio` is what every other part of capex reads. It is built once, at the edge,
by :func:`load_projects`, which checks every value and raises a :class:`~capex.errors.DataError`
naming the file, row, column and value of the first problem it finds. After that the
portfolio is never changed in place: :meth:`Portfolio.replace` makes a changed copy.

Amounts are integers of the portfolio's minor unit (columns ``total_minor`` and ``plan_minor``;
:attr:`Portfolio.money` says which unit: 万元 for the bundled plan); the source file writes them
in 亿元 (or another unit, by its metadata), and they are converted exactly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from capex._options import chosen_unit
from capex.errors import DataError
from capex.model.budget_year import CALENDAR, FiscalYear, fiscal_year_of
from capex.model.cells import (
    FIRST_YEAR,
    LAST_YEAR,
    amount_of,
    control_character,
    is_no_amount,
    window_of,
    year_of,
)
from capex.model.ids import id_key, normalize_ids, resolve_ids
from capex.model.money import (
    CURRENCIES,
    WAN,
    AmountOverflowError,
    Money,
    checked_sum,
    minor_unit_holding,
)
from capex.model.protocol import Report
from capex.model.provenance import Provenance
from capex.model.windows import clip_window, year_count
from capex.terms import check_lang, heading, phrase, term

if TYPE_CHECKING:
    from capex.model.sources import Sources

_REPLACED = "<frame given to Portfolio.replace>"
"""Where a table given to :meth:`Portfolio.replace` is said to come from, in its errors."""

REQUIRED_COLUMNS = ("id", "name", "start_year", "end_year", "total_investment", "plan_investment")
"""Columns every project table must have."""

TEXT_COLUMNS = (
    "street",
    "scope",
    "builder",
    "area_unit",
    "note",
    "interpretation",
    "profile",
    "code",
)
"""Optional descriptive columns, kept as text exactly as written (empty when absent)."""

_AREA_COLUMNS = ("site_area_m2", "floor_area_m2")
_YES = {"yes", "y", "true", "1", "是"}
_NO = {"no", "n", "false", "0", "否"}

FRAME_COLUMNS = (
    "name",
    "start_year",
    "end_year",
    "street",
    "scope",
    "classes",
    "site_area_m2",
    "floor_area_m2",
    "area_unit",
    "area_approximate",
    "total_minor",
    "plan_minor",
    "builder",
    "government_investment",
    "priority",
    "fixed",
    "profile",
    "note",
    "interpretation",
    "spent_before_minor",
    "code",
)
"""Columns of :attr:`Portfolio.frame`, in order. ``spent_before_minor`` (nullable) is what a
project carried into this plan by a hand-over had spent before it (see
:func:`capex.roll_forward`); NA for a project that was not carried. ``code`` is a project's
stable code (项目代码), empty where the table gives none: the plan store follows a project's
history by it."""


@dataclass(frozen=True)
class PublishedTotals:
    """The totals a plan publishes for its projects, in the portfolio's minor unit.

    Attributes
    ----------
    total_minor
        Published total investment of all projects.
    plan_minor
        Published investment inside the plan period.
    """

    total_minor: int
    plan_minor: int

    def __post_init__(self) -> None:
        for name in ("total_minor", "plan_minor"):
            if int(getattr(self, name)) < 0:
                raise DataError(
                    phrase("err_io_published_negative"), column=name, value=getattr(self, name)
                )


@dataclass(frozen=True, eq=False)
class Portfolio(Report):
    """An immutable table of projects with its plan period and published totals.

    Build one with :func:`load_projects`; change one with :meth:`replace`.

    Attributes
    ----------
    plan_period
        First and last year of the plan, inclusive (``(2021, 2025)`` for the 14th five-year plan).
    published
        The totals the source document publishes, or ``None`` if it publishes none.
    name
        A title for reports.
    source
        Where the projects came from (a file path or ``"<DataFrame>"``), for error messages.
    budget_lines
        Budget lines the projects draw on (see :mod:`capex.model.budget`); empty when none are set.
    precedence
        A ``networkx.DiGraph`` of "must finish before ... starts" relations, or ``None``.
    money
        The currency and minor unit of the amounts, and the unit reports show
        (:data:`capex.model.money.WAN`, 万元 shown as 亿元, for the bundled plan).
    provenance
        The files the projects were read from, with their SHA-256 (see
        :class:`capex.model.provenance.Provenance`); results made from the portfolio carry it on.
    sheet
        The workbook's sheet the projects were read from, or ``None``.
    hidden_sheets
        The workbook's hidden sheets, which were not read (:func:`capex.reconcile` reports
        them as a finding).
    sources
        Each project's money by funding source (:class:`capex.model.sources.Sources`), or
        ``None``. A project whose total changes (a scenario's escalation) keeps its sources'
        proportions; a project with no split is reported as unassigned.
    fiscal_year
        When the budget year starts and how its years are named
        (:class:`capex.model.budget_year.FiscalYear`; the calendar year by default). The years of
        the portfolio are the numbers in the budget years' names (2027 for FY2027).
    """

    _frame: pd.DataFrame = field(repr=False)
    plan_period: tuple[int, int]
    published: PublishedTotals | None = None
    name: str = ""
    source: str = "<DataFrame>"
    budget_lines: tuple[Any, ...] = ()
    precedence: Any = field(default=None, repr=False)
    money: Money = WAN
    provenance: Provenance = field(default_factory=Provenance, repr=False)
    sheet: str | None = field(default=None, repr=False)
    hidden_sheets: tuple[str, ...] = field(default=(), repr=False)
    sources: Sources | None = field(default=None, repr=False)
    fiscal_year: FiscalYear = field(default=CALENDAR, repr=False)

    def __post_init__(self) -> None:
        first, last = (int(year) for year in self.plan_period)
        if last < first:
            raise DataError(
                phrase("err_model_period_backwards"), source=self.source, value=self.plan_period
            )
        object.__setattr__(self, "plan_period", (first, last))
        object.__setattr__(self, "fiscal_year", fiscal_year_of(self.fiscal_year))
        if self.sources is not None:
            object.__setattr__(self, "sources", self._sources_kept(self.sources))

    def _sources_kept(self, sources: Any) -> Sources:
        """The split by source of the projects the portfolio has, in its money, each source
        paying only the projects its rule allows (a project dropped drops its split)."""
        from capex.model.sources import Sources

        if not isinstance(sources, Sources):
            raise DataError(
                phrase("err_model_sources_kind"),
                source=self.source,
                value=type(sources).__name__,
            )
        kept = sources.subset(self._frame.index).in_money(self.money)
        kept.check(self._frame, totals=False)
        return kept

    @property
    def fiscal_year_start(self) -> int:
        """The calendar month in which the portfolio's budget year starts (1: January)."""
        return self.fiscal_year.start

    @property
    def fiscal_year_naming(self) -> str:
        """How the budget years are named: ``calendar``, ``end``, ``start`` or ``span``."""
        return str(self.fiscal_year.naming)

    def year_label(self, year: int, lang: str = "en") -> str:
        """A year of the portfolio as its data name it (``2027``, ``FY2027``, ``2026-27``)."""
        return self.fiscal_year.label(year, lang)

    # -- the table -----------------------------------------------------------------------
    @property
    def frame(self) -> pd.DataFrame:
        """One row per project, indexed by id; amounts as integers of the minor unit
        (``total_minor``, ``plan_minor``).

        A copy: changing it does not change the portfolio.
        """
        return self._frame.copy()

    @property
    def ids(self) -> pd.Index:
        """Project ids, in table order."""
        return self._frame.index.copy()

    def __len__(self) -> int:
        return len(self._frame)

    def column(self, name: str) -> np.ndarray:
        """A read-only view of one column's values, for solvers that work on arrays."""
        values = self._frame[name].to_numpy()
        values = values.view()
        values.flags.writeable = False
        return values

    # -- the plan period -----------------------------------------------------------------
    @property
    def plan_years(self) -> list[int]:
        """The years of the plan period, in order."""
        first, last = self.plan_period
        return list(range(first, last + 1))

    def plan_windows(self) -> tuple[np.ndarray, np.ndarray]:
        """First and last plan year of each project's window, in table order.

        Arrays ``(lo, hi)`` of years (:func:`capex.model.windows.clip_window` of the window and the
        plan period); ``lo > hi`` where a window has no year in the plan period.
        """
        return clip_window(self.column("start_year"), self.column("end_year"), self.plan_period)

    @property
    def years(self) -> list[int]:
        """Every year that any project's window or the plan period touches, in order."""
        if len(self._frame) == 0:
            return self.plan_years
        first = min(int(self._frame["start_year"].min()), self.plan_period[0])
        last = max(int(self._frame["end_year"].max()), self.plan_period[1])
        return list(range(first, last + 1))

    # -- totals --------------------------------------------------------------------------
    @property
    def total_minor(self) -> int:
        """Total investment of all projects, in the minor unit."""
        return checked_sum(self._frame["total_minor"].to_numpy())

    @property
    def plan_minor(self) -> int:
        """Investment inside the plan period of all projects, in the minor unit."""
        return checked_sum(self._frame["plan_minor"].to_numpy())

    # -- change --------------------------------------------------------------------------
    def replace(self, *, keep_amounts: bool = False, **changes: Any) -> Portfolio:
        """A copy with some attributes changed; ``frame=`` takes a new project table.

        The new table is validated like a loaded one. It may be :attr:`frame` changed
        (amounts as integers of the minor unit, ``total_minor`` and ``plan_minor``) or
        :meth:`to_frame` changed (``total_investment`` and ``plan_investment`` in the unit
        its ``attrs["unit"]`` names, else the display unit); a bad value is reported as in
        the table given, not in the file the portfolio was loaded from.

        ``replace`` edits data: the amounts stay as written. The one way to move a project
        to another start year *with its money* (so that part of it may leave the plan
        period) is a scenario, ``capex.Scenario("later", shifts={19: 1}).apply(portfolio)``.
        So a table that moves a project's window whole (start and end by the same years)
        while leaving its total and plan investment as they were is refused with a message
        that says so, unless ``keep_amounts=True`` confirms that the window is a correction
        and the amounts stand as written. A window made longer or shorter is an edit of the
        data, taken as written.
        """
        if "frame" in changes or "plan_period" in changes:
            # a new table, or the old one under a new plan period (its windows must still meet
            # it where plan investment is positive), is checked like a loaded one
            money = changes.get("money", self.money)
            given = "frame" in changes
            table = changes.pop("frame", self._frame)
            unit = money.unit
            if given and "total_minor" not in table.columns:
                unit = money.normalize_unit(table.attrs.get("unit"))
            changes["_frame"], _ = _validate(
                _frame_to_text(table),
                source=changes.get("source", _REPLACED if given else self.source),
                plan_period=tuple(changes.get("plan_period", self.plan_period)),
                money=money,
                amount_unit=unit,
            )
            if given and not keep_amounts:
                self._refuse_moves_without_money(changes["_frame"])
        if changes.get("sources") is not None and hasattr(changes["sources"], "for_projects"):
            # a split given anew names only projects the portfolio has (a dropped project's
            # split is let go only when the table changes)
            frame = changes.get("_frame", self._frame)
            changes["sources"] = changes["sources"].for_projects(frame.index)
            # and each project's sources add up to its total, as a loaded split does
            changes["sources"].in_money(changes.get("money", self.money)).check(frame)
        return dataclasses.replace(self, **changes)

    def _refuse_moves_without_money(self, frame: pd.DataFrame) -> None:
        """Raise when a project's window moves but its amounts stay (see :meth:`replace`)."""
        old = self._frame.reindex(frame.index)
        known = old["start_year"].notna().to_numpy()
        start_move = frame["start_year"].to_numpy() - old["start_year"].fillna(0).to_numpy()
        end_move = frame["end_year"].to_numpy() - old["end_year"].fillna(0).to_numpy()
        # a window moved whole (what a scenario's shift does); a resized one is an edit
        moved = known & (start_move != 0) & (start_move == end_move)
        same = (old["total_minor"].to_numpy() == frame["total_minor"].to_numpy()) & (
            old["plan_minor"].to_numpy() == frame["plan_minor"].to_numpy()
        )
        hits = np.flatnonzero(moved & same)
        if not len(hits):
            return
        position = int(hits[0])
        pid = frame.index.tolist()[position]
        was = (int(old["start_year"].iloc[position]), int(old["end_year"].iloc[position]))
        now = (int(frame["start_year"].iloc[position]), int(frame["end_year"].iloc[position]))
        first, last = self.plan_period
        raise DataError(
            phrase(
                "replace_moves_without_money",
                id=pid,
                name=frame["name"].iloc[position],
                was=f"{was[0]}-{was[1]}",
                now=f"{now[0]}-{now[1]}",
                first=first,
                last=last,
                amount=self.money.format(int(frame["plan_minor"].iloc[position])),
                shifts=f"{{{pid!r}: {now[0] - was[0]}}}",
            ),
            source=_REPLACED,
            row=position + 1,
            column="start_year",
            value=now[0],
            project_id=pid,
        )

    def subset(self, ids: Iterable[Any], *, name: str | None = None) -> Portfolio:
        """The portfolio of some projects only; the published totals no longer apply to it."""
        ids = resolve_ids(list(ids), self._frame.index, source=self.source, column="id")
        graph = self.precedence.subgraph(ids).copy() if self.precedence is not None else None
        return dataclasses.replace(
            self,
            _frame=self._frame.loc[ids].copy(),
            published=None,
            name=name if name is not None else self.name,
            precedence=graph,
            sources=self.sources.subset(ids) if self.sources is not None else None,
        )

    @classmethod
    def from_arrays(
        cls,
        *,
        start_year: np.ndarray,
        end_year: np.ndarray,
        total_minor: np.ndarray,
        plan_minor: np.ndarray,
        plan_period: tuple[int, int],
        ids: np.ndarray | None = None,
        names: Iterable[str] | None = None,
        published: PublishedTotals | None = None,
        name: str = "",
        source: str = "<arrays>",
        money: Money = WAN,
        codes: Iterable[str] | None = None,
        fiscal_year: FiscalYear | int = CALENDAR,
    ) -> Portfolio:
        """A portfolio from arrays of windows and integer amounts of ``money``'s minor unit
        (万元 by default), checked as arrays.

        The fast way in for large generated portfolios (a million projects load in about a
        second, where :func:`load_projects` reads a table cell by cell to locate bad text).
        The same rules apply and the first violation raises a :class:`DataError` naming the
        row and column. Descriptive columns are empty (``codes`` gives the projects' stable
        codes), priority is 1, and projects that start before the plan period are fixed.
        """
        start = np.asarray(start_year, dtype=np.int64)
        end = np.asarray(end_year, dtype=np.int64)
        total = np.asarray(total_minor, dtype=np.int64)
        plan = np.asarray(plan_minor, dtype=np.int64)
        n = len(start)
        if n == 0 or not len(end) == len(total) == len(plan) == n:
            raise DataError(phrase("err_model_arrays_length"), source=source)
        period = _check_period(plan_period, source)
        values = {
            "start_year": start,
            "end_year": end,
            "total_investment": total,
            "plan_investment": plan,
        }

        def fail(problem: str, position: int, column: str) -> DataError:
            return DataError(
                problem,
                source=source,
                row=position + 1,
                column=column,
                value=values[column][position],
            )

        _check_windows_and_amounts(start, end, total, plan, period, fail, money)
        index = pd.Index(np.arange(1, n + 1, dtype=np.int64) if ids is None else ids, name="id")
        if not index.is_unique:
            position = int(np.flatnonzero(index.duplicated())[0])
            raise DataError(
                phrase("err_model_duplicate_id"),
                source=source,
                row=position + 1,
                column="id",
                value=index[position],
            )
        empty = np.full(n, "", dtype=object)
        frame = pd.DataFrame(
            {
                "name": list(names) if names is not None else [f"project {i}" for i in index],
                "start_year": start,
                "end_year": end,
                "street": empty,
                "scope": empty,
                "classes": pd.array(np.full(n, pd.NA), dtype="Int64"),
                "site_area_m2": pd.array(np.full(n, pd.NA), dtype="Float64"),
                "floor_area_m2": pd.array(np.full(n, pd.NA), dtype="Float64"),
                "area_unit": empty,
                "area_approximate": np.zeros(n, dtype=bool),
                "total_minor": total,
                "plan_minor": plan,
                "builder": empty,
                "government_investment": np.ones(n, dtype=bool),
                "priority": np.ones(n, dtype=np.int64),
                "fixed": start < period[0],
                "profile": empty,
                "note": empty,
                "interpretation": empty,
                "spent_before_minor": pd.array(np.full(n, pd.NA), dtype="Int64"),
                "code": empty if codes is None else _code_array(codes, n, source),
            },
            index=index,
        )
        for column in TEXT_COLUMNS + ("name",):
            frame[column] = frame[column].astype("str")
        return cls(
            frame,
            plan_period=period,
            published=published,
            name=name,
            source=source,
            money=money,
            fiscal_year=fiscal_year_of(fiscal_year),
        )

    # -- display -------------------------------------------------------------------------
    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """The table for reading: amounts as ``total_investment`` and ``plan_investment`` in
        ``unit`` (the money's display unit, 亿元 for the bundled plan, by default); ``lang="zh"``
        (or ``capex.options.lang``) heads the columns in Chinese."""
        unit = self.money.normalize_unit(chosen_unit(unit, self.money))
        frame = self._frame.copy()
        frame.insert(
            frame.columns.get_loc("total_minor"),
            "total_investment",
            self.money.to_unit(frame["total_minor"].to_numpy(), unit),
        )
        frame.insert(
            frame.columns.get_loc("plan_minor"),
            "plan_investment",
            self.money.to_unit(frame["plan_minor"].to_numpy(), unit),
        )
        spent = frame.pop("spent_before_minor")
        if spent.notna().any():  # projects carried in by a hand-over: what they spent before
            shown = self.money.to_unit(spent.fillna(0).to_numpy(np.int64), unit)
            frame["spent_before"] = pd.Series(shown, index=frame.index).where(spent.notna())
        frame = frame.drop(columns=["total_minor", "plan_minor"])
        if check_lang(lang) != "en":
            frame = frame.rename(columns=lambda column: heading(column, lang))
            frame.index.name = term("id", lang)
        frame.attrs["unit"] = unit
        return frame

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """One line: the projects, their total and the plan period's investment, in ``unit``
        (the display unit by default) and ``lang``."""
        lang = check_lang(lang)
        unit = self.money.normalize_unit(chosen_unit(unit, self.money))
        first, last = self.plan_period
        return term(
            "portfolio_headline",
            lang,
            name=self.name or self.source,
            n=len(self),
            total=self.money.format(self.total_minor, unit),
            span=self.fiscal_year.span_label(first, last, lang),
            plan=self.money.format(self.plan_minor, unit),
        )

    def __repr__(self) -> str:
        first, last = self.plan_period
        return (
            f"Portfolio({self.name or self.source!r}, {len(self)} projects, "
            f"total {self.money.format(self.total_minor)}, "
            f"{first}-{last}: {self.money.format(self.plan_minor)})"
        )

    def _html_tables(self, unit: str, lang: str | None) -> list[Any]:
        columns = ["name", "start_year", "end_year", "total_investment", "plan_investment"]
        frame = self.to_frame(unit, lang="en")[columns]
        return [frame.rename(columns=lambda column: heading(column, lang))]


def _frame_to_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A text copy of a caller's DataFrame, so validation reads every value as written.

    Amount columns of a frame that came from a portfolio are in 万元 (``total_minor``); they are
    renamed so that the same validation reads them.
    """
    frame = frame.copy()
    if frame.index.name == "id" and "id" not in frame.columns:
        frame = frame.reset_index()
    frame = frame.rename(
        columns={
            "total_minor": "total_investment",
            "plan_minor": "plan_investment",
            "spent_before_minor": "spent_before",
        }
    )
    text = pd.DataFrame(index=range(len(frame)))
    for column in frame.columns:
        text[str(column)] = [_cell_text(v) for v in frame[column].tolist()]
    return text


def _cell_text(value: object) -> Any:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return repr(float(value))  # shortest text that reads back to the same float
    return str(value)


def _check_period(period: object, label: str) -> tuple[int, int]:
    """A plan period as two whole years within bounds; ``"2021-2025"`` is read too."""
    if isinstance(period, str):
        try:
            return _ordered(window_of(period), period, label)
        except ValueError as error:
            raise DataError(
                phrase("err_model_bad_period", error=error), source=label, value=period
            ) from None
    try:
        pair = list(period) if not isinstance(period, (bytes, Mapping)) else []  # type: ignore[call-overload]
    except TypeError:
        pair = []
    if len(pair) != 2:
        raise DataError(phrase("err_model_period_two_years"), source=label, value=period)
    years = []
    for year in pair:
        if isinstance(year, (bool, dt.date, dt.datetime)):
            raise DataError(phrase("err_model_period_two_years_short"), source=label, value=period)
        try:
            years.append(year_of(year))
        except ValueError as error:
            raise DataError(
                phrase("err_model_bad_period", error=error), source=label, value=period
            ) from None
    return _ordered((years[0], years[1]), period, label)


def _ordered(years: tuple[int, int], period: object, label: str) -> tuple[int, int]:
    first, last = years
    if last < first:
        raise DataError(phrase("err_model_period_backwards"), source=label, value=period)
    return first, last


# ---------------------------------------------------------------------------------------
# validation: one pass over a table of capex's fields, raising on the first problem
# ---------------------------------------------------------------------------------------
Locate = Callable[..., DataError]
"""``locate(problem, position, column, project_id=...)``: an error at a cell of the source."""


class _Rows:
    """Raises errors located in the source table (rows are 1-based data rows)."""

    def __init__(self, table: pd.DataFrame, source: str, locate: Locate | None = None) -> None:
        self.table = table
        self.source = source
        self.locate = locate
        self.ids = table["id"].tolist() if "id" in table.columns else [None] * len(table)

    def error(self, problem: str, position: int, column: str | None, value: object) -> DataError:
        project_id = self.ids[position] if column != "id" else None
        project_id = str(project_id).strip() or None if project_id is not None else None
        if self.locate is not None:
            return self.locate(problem, position, column, project_id=project_id)
        return DataError(
            problem,
            source=self.source,
            row=position + 1,
            column=column,
            value=value,
            project_id=project_id,
        )


def _validate(
    table: pd.DataFrame,
    *,
    source: str,
    plan_period: tuple[int, int],
    amount_unit: str,
    currency: str = "CNY",
    minor_unit: str | None = None,
    money: Money | None = None,
    other_amounts: Iterable[Decimal | tuple[Decimal, str]] = (),
    units: Mapping[str, str] | None = None,
    locate: Locate | None = None,
    naming: str | None = None,
) -> tuple[pd.DataFrame, Money]:
    """The checked table, and the money its amounts are counted in.

    ``table`` has capex's fields as columns. Amount columns are in ``units`` (by column),
    else in ``amount_unit``. The minor unit is ``money``'s, else ``minor_unit``, else the
    coarsest that holds every amount of the table and ``other_amounts`` (the published
    totals: amounts in ``amount_unit``, or ``(amount, unit)`` pairs). ``locate`` places an
    error in the source (a workbook's cell); by default errors name the row and column.
    """
    table = table.rename(columns=lambda c: str(c).strip())
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise DataError(
            phrase(
                "err_model_required_column", column=missing[0], columns=", ".join(table.columns)
            ),
            source=source,
            column=missing[0],
        )
    if len(table) == 0:
        raise DataError(phrase("err_io_no_projects"), source=source)
    rows = _Rows(table, source, locate)
    column_units = {
        c: (units or {}).get(c) or amount_unit for c in (*_AMOUNT_COLUMNS, "spent_before")
    }

    ids = _ids(table["id"].tolist(), rows)
    start = _years(table, "start_year", rows, naming)
    end = _years(table, "end_year", rows, naming)
    written = {
        column: _amounts(table, column, rows, column_units[column]) for column in _AMOUNT_COLUMNS
    }
    if money is None:
        others = [
            item if isinstance(item, tuple) else (item, amount_unit) for item in other_amounts
        ]
        if "spent_before" in table.columns:  # its unit must hold what was spent, too
            spent = [
                v for v in table["spent_before"].tolist() if str(v).strip() not in ("", "None")
            ]
            unit = column_units["spent_before"]
            for value in spent:
                try:
                    others.append((amount_of(value, unit), unit))
                except ValueError:
                    continue  # reported with its row below

        money = _money_of(written, column_units, others, currency, minor_unit, source)
    total, plan = (
        _in_minor_units(written[column], column, money, column_units[column], rows)
        for column in _AMOUNT_COLUMNS
    )
    for column, amounts in zip(_AMOUNT_COLUMNS, (total, plan)):
        try:
            checked_sum(amounts)
        except AmountOverflowError:
            raise DataError(
                phrase("err_model_column_sum_too_large"),
                source=source,
                column=column,
            ) from None

    def fail(problem: str, position: int, column: str) -> DataError:
        return rows.error(problem, position, column, table[column][position])

    _check_windows_and_amounts(start, end, total, plan, plan_period, fail, money)

    frame = pd.DataFrame(index=pd.Index(ids, name="id"))
    frame["name"] = _texts(table, "name", rows)
    for i, name in enumerate(frame["name"]):
        if not name:
            raise rows.error(phrase("err_model_no_name"), i, "name", "")
    frame["start_year"] = start
    frame["end_year"] = end
    frame["street"] = _texts(table, "street", rows)
    frame["scope"] = _texts(table, "scope", rows)
    frame["classes"] = pd.array(
        _optional_numbers(table, "classes", rows, integer=True), dtype="Int64"
    )
    for column in _AREA_COLUMNS:
        frame[column] = pd.array(_optional_numbers(table, column, rows), dtype="Float64")
    frame["area_unit"] = _texts(table, "area_unit", rows)
    frame["area_approximate"] = _flags(table, "area_approximate", rows, default=False)
    frame["total_minor"] = total
    frame["plan_minor"] = plan
    frame["builder"] = _texts(table, "builder", rows)
    frame["government_investment"] = _flags(table, "government_investment", rows, default=True)
    priority = _optional_numbers(table, "priority", rows, integer=True)
    frame["priority"] = np.array([1 if p is None else p for p in priority], dtype=np.int64)
    # by default a project already under way when the plan period starts cannot be moved
    frame["fixed"] = _flags(table, "fixed", rows, default=None, fallback=start < plan_period[0])
    frame["profile"] = _texts(table, "profile", rows)
    frame["note"] = _texts(table, "note", rows)
    frame["interpretation"] = _texts(table, "interpretation", rows)
    frame["spent_before_minor"] = _spent_before(table, rows, money, column_units, total)
    frame["code"] = _codes(table, rows)
    return frame[list(FRAME_COLUMNS)], money


_AMOUNT_COLUMNS = ("total_investment", "plan_investment")


def _spent_before(
    table: pd.DataFrame,
    rows: _Rows,
    money: Money,
    units: Mapping[str, str],
    total: np.ndarray,
) -> pd.arrays.IntegerArray:
    """What each project carried in by a hand-over had spent before the plan (the optional
    ``spent_before`` column, 累计完成投资), exactly; NA where the cell is empty."""
    if "spent_before" not in table.columns:
        return pd.array(np.full(len(table), pd.NA), dtype="Int64")
    out: list[Any] = []
    unit = units["spent_before"]
    for i, value in enumerate(table["spent_before"].tolist()):
        if value is None or str(value).strip() == "":
            out.append(pd.NA)
            continue
        try:
            amount = money.to_minor(amount_of(value, unit), unit)
        except ValueError as error:
            raise rows.error(
                phrase("err_io_not_amount_in", unit=unit, error=error), i, "spent_before", value
            ) from None
        out.append(amount)  # below zero where refunds outweighed the spending
    return pd.array(out, dtype="Int64")


_LARGEST_COUNT = 10**9
"""Largest class count or priority read: larger ones are typing errors, not data."""

_LARGEST_AREA = Decimal(10) ** 12
"""Largest area read, in square metres (a million square kilometres)."""


def _check_windows_and_amounts(
    start: np.ndarray,
    end: np.ndarray,
    total: np.ndarray,
    plan: np.ndarray,
    plan_period: tuple[int, int],
    fail: Any,
    money: Money,
) -> None:
    """The rules every project obeys, checked with array operations.

    ``fail(problem, position, column)`` builds the error for the first offending row, so the
    text loader and :meth:`Portfolio.from_arrays` report problems alike.
    """
    first, last = plan_period
    column_of_amount = {"total_investment": total, "plan_investment": plan}
    rules = [
        *(
            (
                (years < FIRST_YEAR) | (years > LAST_YEAR),
                column,
                lambda i, years=years: phrase(
                    "err_model_year_range", year=years[i], first=FIRST_YEAR, last=LAST_YEAR
                ),
            )
            for column, years in (("start_year", start), ("end_year", end))
        ),
        (
            end < start,
            "end_year",
            lambda i: phrase("err_model_end_before_start", end=end[i], start=start[i]),
        ),
        *(
            (amounts < 0, column, lambda i: phrase("err_model_amount_negative"))
            for column, amounts in column_of_amount.items()
        ),
        (
            plan > total,
            "plan_investment",
            lambda i: phrase("err_model_plan_above_total", total=money.format(total[i])),
        ),
        (
            (plan > 0) & (year_count(*clip_window(start, end, plan_period)) == 0),
            "plan_investment",
            lambda i: phrase(
                "err_model_window_outside_plan",
                start=start[i],
                end=end[i],
                first=first,
                last=last,
            ),
        ),
    ]
    for bad, column, problem in rules:
        if bad.any():
            position = int(np.flatnonzero(bad)[0])
            raise fail(problem(position), position, column)


def _ids(values: list[str], rows: _Rows) -> list[Any]:
    cleaned = [str(v).strip() for v in values]
    for i, value in enumerate(cleaned):
        if not value:
            raise rows.error(phrase("err_io_id_empty"), i, "id", values[i])
        bad = control_character(value)
        if bad:
            raise rows.error(bad, i, "id", values[i])
    ids = normalize_ids(cleaned)  # all whole numbers: ints; else text as written
    # text ids 019 and 19 are one id, as every reference reads them (ints are their own key)
    keys = ids if all(isinstance(i, int) for i in ids) else [id_key(i) for i in ids]
    seen: dict[Any, int] = {}
    for i, key in enumerate(keys):
        if key in seen:
            raise rows.error(
                phrase("err_model_duplicate_id_row", row=seen[key] + 1), i, "id", values[i]
            )
        seen[key] = i
    return ids


def _codes(table: pd.DataFrame, rows: _Rows) -> list[str]:
    """The projects' stable codes (项目代码) as text; a code given twice is an error, since a
    project's history follows its code."""
    codes = _texts(table, "code", rows)
    seen: dict[str, int] = {}
    for i, code in enumerate(codes):
        if not code:
            continue
        if code in seen:
            raise rows.error(
                phrase("err_model_duplicate_code_row", row=seen[code] + 1), i, "code", code
            )
        seen[code] = i
    return codes


def _code_array(codes: Iterable[str], n: int, source: str) -> np.ndarray:
    texts = np.asarray([str(code).strip() for code in codes], dtype=object)
    if len(texts) != n:
        raise DataError(
            phrase("err_model_codes_for_projects", codes=len(texts), projects=n),
            source=source,
            column="code",
        )
    given = texts[texts != ""]
    if len(set(given.tolist())) != len(given):
        raise DataError(phrase("err_model_duplicate_code"), source=source, column="code")
    return texts


def _years(table: pd.DataFrame, column: str, rows: _Rows, naming: str | None = None) -> np.ndarray:
    out = np.empty(len(table), dtype=np.int64)
    for i, value in enumerate(table[column].tolist()):
        try:
            out[i] = year_of(value, naming=naming)
        except ValueError as error:
            raise rows.error(phrase("error_as_raised", error=error), i, column, value) from None
    return out


def _amounts(
    table: pd.DataFrame, column: str, rows: _Rows, unit: str | None = None
) -> list[Decimal]:
    """The column's amounts as exact numbers, as written (in ``unit``, the column's). A dash
    in the plan-investment column (``-``, ``—``) is nothing in the plan period; an empty cell
    is an error, for a project states its money."""
    out = []
    for i, value in enumerate(table[column].tolist()):
        if column == "plan_investment" and str(value).strip() and is_no_amount(value):
            out.append(Decimal(0))
            continue
        try:
            out.append(amount_of(value, unit))
        except ValueError as error:
            raise rows.error(
                phrase("err_io_not_an_amount", error=error), i, column, value
            ) from None
    return out


def _money_of(
    written: Mapping[str, list[Decimal]],
    units: Mapping[str, str],
    other_amounts: Iterable[tuple[Decimal, str]],
    currency: str,
    minor_unit: str | None,
    source: str,
) -> Money:
    """The money of a table: its minor unit as stated, or the coarsest that fits it.

    When even the finest (分, cents) does not fit, that one is returned: converting the
    amounts then names the row and column of the first that is finer.
    """
    try:
        if minor_unit:
            return Money(currency, minor_unit)
        pairs = [(v, units[column]) for column, amounts in written.items() for v in amounts]
        try:
            return Money(currency, minor_unit_holding([*pairs, *other_amounts], currency))
        except ValueError:
            return Money(currency, CURRENCIES[currency].minor_candidates[-1])
    except ValueError as error:
        raise DataError(phrase("error_as_raised", error=error), source=source) from None


def _in_minor_units(
    amounts: list[Decimal], column: str, money: Money, unit: str, rows: _Rows
) -> np.ndarray:
    out = np.empty(len(amounts), dtype=np.int64)
    for i, amount in enumerate(amounts):
        try:
            out[i] = money.to_minor(amount, unit)
        except AmountOverflowError as error:
            raise rows.error(
                phrase("error_as_raised", error=error), i, column, rows.table[column][i]
            ) from None
        except ValueError as error:
            written = rows.table[column][i]
            # a float from a workbook with more digits than the 分 is a calculated number
            hint = phrase("err_model_round_formula") if isinstance(written, float) else ""
            raise rows.error(
                phrase("err_model_not_amount_in_hint", unit=unit, error=error, hint=hint),
                i,
                column,
                written,
            ) from None
    return out


def _texts(table: pd.DataFrame, column: str, rows: _Rows) -> list[str]:
    if column not in table.columns:
        return [""] * len(table)
    texts = [str(v).strip() for v in table[column].tolist()]
    for i, text in enumerate(texts):
        bad = control_character(text)
        if bad:
            raise rows.error(bad, i, column, text)
    return texts


def _optional_numbers(
    table: pd.DataFrame, column: str, rows: _Rows, *, integer: bool = False
) -> list[Any]:
    if column not in table.columns:
        return [None] * len(table)
    out: list[Any] = []
    for i, value in enumerate(table[column].tolist()):
        if value is None or str(value).strip() == "":
            out.append(None)
            continue
        try:
            number = amount_of(value)
        except ValueError:
            raise rows.error(phrase("err_model_not_number"), i, column, value) from None
        if number < 0:
            raise rows.error(phrase("err_model_cannot_be_negative"), i, column, value)
        if integer:
            if number != number.to_integral_value():
                raise rows.error(phrase("err_model_not_whole_number"), i, column, value)
            if number > _LARGEST_COUNT:
                raise rows.error(
                    phrase("err_model_implausibly_large", limit=f"{_LARGEST_COUNT:,}"),
                    i,
                    column,
                    value,
                )
            out.append(int(number))
        else:
            if number > _LARGEST_AREA:
                raise rows.error(
                    phrase("err_model_implausibly_large", limit=f"{_LARGEST_AREA:,}"),
                    i,
                    column,
                    value,
                )
            out.append(float(number))
    return out


def _flags(
    table: pd.DataFrame,
    column: str,
    rows: _Rows,
    *,
    default: bool | None,
    fallback: np.ndarray | None = None,
) -> np.ndarray:
    n = len(table)
    base = fallback if fallback is not None else np.full(n, bool(default))
    if column not in table.columns:
        return np.asarray(base, dtype=bool)
    out = np.asarray(base, dtype=bool).copy()
    for i, value in enumerate(table[column].tolist()):
        text = str(value).strip().lower()
        if text == "":
            continue
        if text in _YES:
            out[i] = True
        elif text in _NO:
            out[i] = False
        else:
            raise rows.error(phrase("err_model_yes_or_no"), i, column, value)
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
