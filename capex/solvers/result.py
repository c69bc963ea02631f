"""The result of a plan: a frozen, solver-free object that a notebook shows well.

One result type per planner: :class:`SpreadResult` from :func:`capex.spread` (a plan of the
plan period's money, year by year) and :class:`ShiftResult` from :func:`capex.shift` (a
deferral: every project's whole cash flow, moved). Both are a :class:`PlanResult`: plain data
in integers of the portfolio's minor unit (万元 for the bundled plan): the schedule, the
ceilings, the solver's status, objective and timing, the shadow prices of the ceilings, the
extra budget an infeasible plan needs, and sentences that explain it. Everything shown is
derived from those fields, in the money's display unit (亿元 for the bundled plan).

Every result knows its plan period and its *full window*, :meth:`PlanResult.full_window`:
every project's money in every year, before, inside and after the plan period. A deferral's
schedule is its full window; a spread plans the plan investment only and keeps the rest of
the cash flow beside its schedule (``unplanned_minor``). So any two results over the same
projects compare over the same money (:func:`capex.compare`, :func:`full_windows`).

The tables a result holds are handed out as copies: changing ``result.schedule_minor`` (or a
frame made from it) never changes the result.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_lang, chosen_unit
from capex.errors import CapexError
from capex.model.budget_year import CALENDAR, FiscalYear
from capex.model.money import WAN, Money
from capex.model.protocol import Report
from capex.model.provenance import Provenance
from capex.terms import phrase, term

__all__ = [
    "PlanResult",
    "ShiftResult",
    "SpreadResult",
    "Status",
    "full_windows",
    "plan_wide",
]


class Status(str, enum.Enum):
    """How a solve ended."""

    OPTIMAL = "optimal"
    """A plan was found and proven best."""
    FEASIBLE = "feasible"
    """A plan was found; it was not proven best (for example a time limit was hit)."""
    INFEASIBLE = "infeasible"
    """No plan fits the ceilings; the result explains why and what extra budget would do."""
    UNKNOWN = "unknown"
    """Nothing was found (for example a time limit was hit before any plan)."""

    def __str__(self) -> str:
        return self.value


class Deferred:
    """A table a result computes when it is first read, not when the result is made.

    A spread of a million projects carries the cash flow's money outside the plan period
    (``unplanned_minor``), as heavy to compute as the plan itself, which most callers never
    read. Its inputs are immutable, so computing it later gives the same table.

    Parameters
    ----------
    make
        Called once, with no arguments, to compute the table (a picklable callable, such as
        a :func:`functools.partial` of a module function, keeps the result picklable).
    """

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


class _Table:
    """A pandas field of a frozen result: kept as given, handed out as a copy.

    Pandas copies lazily (copy on write), so the copy costs nothing until someone writes to
    it, and then it is their copy that changes, never the result. A :class:`Deferred` value
    is computed on the first read and kept.
    """

    def __init__(self, *, required: bool = False) -> None:
        self.required = required

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            if self.required:  # no default: the dataclass makes it a required argument
                raise AttributeError(self.name)
            return None
        value = _stored(obj, self.name)
        return None if value is None else value.copy(deep=False)

    def __set__(self, obj: Any, value: Any) -> None:
        if value is not None and not isinstance(value, Deferred):
            value = value.copy(deep=False)
        obj.__dict__[self.name] = value


def _stored(obj: Any, name: str) -> Any:
    """The table ``name`` of a result as it keeps it, computed first if it was deferred."""
    value = obj.__dict__.get(name)
    if isinstance(value, Deferred):
        value = value.make()
        obj.__dict__[name] = value
    return value


def _years_series(values: Any, name: str | None = None, dtype: Any = np.int64) -> pd.Series:
    """A Series by int year (empty when ``values`` is None)."""
    if values is None:
        return pd.Series(dtype=dtype, index=pd.Index([], name="year", dtype=np.int64), name=name)
    return pd.Series(values)


@dataclass(frozen=True, eq=False)
class PlanResult(Report):
    """A plan: a project x year schedule in integers of the minor unit and how it was found.

    Amounts named ``*_minor`` are integers of :attr:`money`'s minor unit (万元 for the
    bundled plan); what is shown is in its display unit (亿元) unless a ``unit`` is given.
    The planners return its subclasses :class:`SpreadResult` and :class:`ShiftResult`.

    Attributes
    ----------
    status
        :class:`Status` of the solve.
    schedule_minor
        Integer amounts the planner placed, index project id (named ``"id"``), columns int
        years: the plan years for a spread, every year of every project's cash flow for a
        deferral (:class:`ShiftResult`).
    names
        Project names by id.
    ceilings_minor
        Ceiling of each year for the plan as a whole (one budget line over all
        projects); a year absent means no ceiling.
    objective
        The solver's objective in the display unit (for a spread: the money moved away from
        its profile year, that is half the L1 distance to the profile).
    bound
        A proven lower bound of the objective (equal to it when optimal), or ``None``.
    runtime
        Wall-clock seconds of the whole call.
    method
        How the plan was found (for example ``"min-cost flow (aggregated)"``).
    profile
        Name of the spend profile the plan follows.
    scenario
        Name of the scenario the plan belongs to, or ``None``.
    changes
        Sentences describing the scenario's changes to the base plan (empty for a plain run).
    extra_budget_minor
        Least extra budget per year that would make an infeasible plan fit, on the
        plan-wide ceiling (the line over all projects) when there is one, else summed over
        the budget lines (each line's own is in ``line_extra_budget_minor``); zeros when it
        fits.
    shadow_prices
        Per year: how much the objective falls for one more unit of ceiling in that year;
        zero where the ceiling does not bind.
    messages
        Explanations (why it is infeasible, what was assumed, ceilings that look wrong).
    target_minor
        The profile target the plan was measured against, or ``None``.
    line_ceilings_minor
        For several budget lines: ceilings per line (rows) and year (columns), missing
        = no ceiling; else ``None``.
    line_totals_minor
        For several budget lines: what the projects on each line spend per year (for a
        line funding shares, its shares of them).
    line_extra_budget_minor
        For several budget lines: the least extra budget per line and year.
    line_shadow_prices
        For several budget lines: the shadow price of each line's ceiling per year.
    plan_line
        For several budget lines: the name of the line over all projects whose ceilings
        ``ceilings_minor`` holds; the annual table sets that line's own extra budget beside
        them. ``None`` when there is no such line or only one line.
    unplanned_minor
        The money of the cash flow that a spread does not plan: each project's parts before
        and after the plan period, and a part no year of its window can take, where the cash
        flow places it (index project id, columns the years that hold some; none when the
        plan investment is all the money). Added to the schedule it is the full window
        (:meth:`full_window`). ``None`` when not known (a result built by hand).
    delays
        Whole years each project moved (negative: earlier), by project id: the deferral's
        choice, and a scenario's shifts; ``None`` for a plain spread.
    windows
        The projects' windows (``start_year``, ``end_year`` by id) after the moves, when
        there are ``delays``.
    plan_period
        First and last year of the plan the result belongs to (required).
    money
        The currency and minor unit of the amounts (:data:`capex.model.money.WAN` by default).
    provenance
        What the plan was made from: capex version, input files and their SHA-256, solver,
        parameters and seed (see :class:`capex.model.provenance.Provenance`), or ``None``.
    sources
        The portfolio's funding sources (:class:`capex.model.sources.Sources`), by which the plan
        can be broken down (``to_frame(by="source")``), or ``None``.
    fiscal_year
        How the plan's years are named (:class:`capex.model.budget_year.FiscalYear`): the
        portfolio's; its summary and files label the years so.
    """

    status: Status
    schedule_minor: pd.DataFrame = _Table(required=True)  # type: ignore[assignment]
    names: pd.Series = _Table()  # type: ignore[assignment]
    ceilings_minor: pd.Series = _Table()  # type: ignore[assignment]
    objective: float = float("nan")
    bound: float | None = None
    runtime: float = 0.0
    method: str = ""
    profile: str = ""
    scenario: str | None = None
    changes: tuple[str, ...] = ()
    extra_budget_minor: pd.Series = _Table()  # type: ignore[assignment]
    shadow_prices: pd.Series = _Table()  # type: ignore[assignment]
    messages: tuple[str, ...] = ()
    target_minor: pd.DataFrame | None = _Table()  # type: ignore[assignment]
    line_ceilings_minor: pd.DataFrame | None = _Table()  # type: ignore[assignment]
    line_totals_minor: pd.DataFrame | None = _Table()  # type: ignore[assignment]
    line_extra_budget_minor: pd.DataFrame | None = _Table()  # type: ignore[assignment]
    line_shadow_prices: pd.DataFrame | None = _Table()  # type: ignore[assignment]
    plan_line: str | None = None
    unplanned_minor: pd.DataFrame | None = _Table()  # type: ignore[assignment]
    delays: pd.Series | None = _Table()  # type: ignore[assignment]
    windows: pd.DataFrame | None = _Table()  # type: ignore[assignment]
    plan_period: tuple[int, int] = field(kw_only=True)
    money: Money = WAN
    provenance: Provenance | None = field(default=None, repr=False)
    sources: Any = field(default=None, repr=False)
    fiscal_year: FiscalYear = field(default=CALENDAR, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", Status(self.status))
        object.__setattr__(self, "changes", tuple(self.changes))
        object.__setattr__(self, "messages", tuple(self.messages))
        if self.plan_period is None:
            raise CapexError(phrase("err_solver_result_period"))
        first, last = (int(year) for year in self.plan_period)
        object.__setattr__(self, "plan_period", (first, last))
        if self.names is None:
            object.__setattr__(self, "names", pd.Series(dtype=object, name="name"))
        for name, label, dtype in (
            ("ceilings_minor", None, np.int64),
            ("extra_budget_minor", "extra_budget", np.int64),
            ("shadow_prices", "shadow_price", float),
        ):
            if self.__dict__[name] is None:
                object.__setattr__(self, name, _years_series(None, label, dtype))

    def __getstate__(self) -> dict[str, Any]:
        # a pickled result holds its tables, never the recipe of one it had not yet made
        return {name: _stored(self, name) for name in self.__dict__}

    # -- the plan --------------------------------------------------------------------------
    @property
    def ok(self) -> bool:
        """Whether the plan fits every ceiling (status optimal or feasible)."""
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)

    @property
    def years(self) -> list[int]:
        """The schedule's years."""
        return [int(y) for y in self.__dict__["schedule_minor"].columns]

    @property
    def plan_years(self) -> list[int]:
        """The years of the plan period, in order."""
        first, last = self.plan_period
        return list(range(first, last + 1))

    @property
    def schedule(self) -> pd.DataFrame:
        """The schedule in the display unit (亿元 floats for the bundled plan), index project
        id, columns years; see :meth:`with_names`."""
        return self.to_frame(self.money.display_unit, lang="en")

    def to_frame(
        self, unit: str | None = None, *, lang: str | None = None, by: str | None = None
    ) -> pd.DataFrame:
        """The schedule in ``unit``: exact integers of the minor unit (default, 万元 for the
        bundled plan) or floats of a larger unit (``"亿元"``).

        ``by="source"``: the money of each funding source (rows; nested ones inside their
        parents, see :mod:`capex.solvers.by_source`) in each year of the schedule and in all, headed
        in ``lang``.
        """
        from capex.solvers.by_source import check_by

        unit = chosen_unit(unit, self.money)
        if check_by(by) == "source":
            return self._by_source_frame(unit, chosen_lang(lang))
        return self._in_unit(self.__dict__["schedule_minor"], unit)

    def by_source_minor(self) -> pd.DataFrame:
        """Source x year of the schedule, integers of the minor unit (every source, a parent
        including its children, then the unassigned money)."""
        from capex.solvers.by_source import source_flows

        return source_flows(self).by_source(self.years)

    def _by_source_frame(self, unit: str | None, lang: str) -> pd.DataFrame:
        from capex.solvers.by_source import check_has_sources, source_table

        sources = check_has_sources(self.sources)
        return source_table(self.by_source_minor(), sources, self.money, unit, lang=lang)

    def year_label(self, year: int, lang: str = "en") -> str:
        """A year as the plan's data name it (``2027``, ``FY2027``, ``2026-27``)."""
        return self.fiscal_year.label(year, lang)

    def with_names(self, unit: str | None = None) -> pd.DataFrame:
        """The schedule in ``unit`` with a first column ``name``."""
        frame = self.to_frame(self.money.normalize_unit(unit))
        frame.insert(0, "name", self.names.reindex(frame.index).to_numpy())
        return frame

    # -- the full window -------------------------------------------------------------------
    @property
    def knows_full_window(self) -> bool:
        """Whether the result knows every project's money outside the years it planned
        (always, for results of :func:`capex.spread`, :func:`capex.shift` and scenarios)."""
        return self.__dict__["unplanned_minor"] is not None

    def full_window(self, unit: str | None = None) -> pd.DataFrame:
        """Every project's money in every year: before the plan period, in it, after it.

        For a spread: the cash flow's years before the plan period, the plan years as
        planned, the cash flow's years after it; so each row adds up to the project's total
        investment. For a deferral the schedule already is the full window. Integers of the
        minor unit by default, or floats of ``unit``; columns are every year in order.
        A result that does not know the money it did not plan (built by hand without
        ``unplanned_minor``) gives its schedule.
        """
        schedule = self.__dict__["schedule_minor"]
        unplanned = _stored(self, "unplanned_minor")
        if unplanned is not None and len(unplanned.columns):
            years = sorted({*schedule.columns, *unplanned.columns})
            schedule = schedule.reindex(columns=years, fill_value=0).add(
                unplanned.reindex(index=schedule.index, columns=years, fill_value=0)
            )
        frame = self._in_unit(schedule.astype(np.int64), unit)
        frame.columns = pd.Index([int(y) for y in frame.columns], name="year")
        return frame

    def _in_unit(self, table: pd.DataFrame, unit: str | None) -> pd.DataFrame:
        unit = self.money.unit if unit is None else self.money.normalize_unit(unit)
        frame = pd.DataFrame(
            self.money.to_unit(table.to_numpy(), unit),
            index=table.index.copy(),
            columns=table.columns.copy(),
        )
        frame.attrs["unit"] = unit
        return frame

    @property
    def moved_projects(self) -> pd.DataFrame:
        """The projects that moved (a deferral's delays, a scenario's shifts): ``name``,
        ``delay`` and the moved window; empty for a plain spread."""
        delays = self.delays
        if delays is None:
            delays = pd.Series(dtype=np.int64, name="delay")
        moved = delays[delays != 0]
        out = pd.DataFrame({"name": self.names.reindex(moved.index), "delay": moved})
        if self.windows is not None:
            out = out.join(self.windows)
        return out

    # -- years -----------------------------------------------------------------------------
    def annual_minor(self) -> pd.DataFrame:
        """Per year of the schedule, in integers of the minor unit: ``total``, ``ceiling``
        (missing: none), ``headroom``, ``binding``, ``extra_budget``, and ``shadow_price``.

        With several budget lines, ``ceiling`` and ``extra_budget`` are the plan-wide line's
        (:attr:`plan_line`); :attr:`extra_budget_minor` is the least extra budget of the whole
        plan, each unit counted once however many lines it overshoots."""
        schedule = self.__dict__["schedule_minor"]
        years = pd.Index(self.years, name="year")
        totals = schedule.to_numpy(dtype=np.int64).sum(axis=0)
        ceilings = pd.Series(self.__dict__["ceilings_minor"], dtype=object)
        ceilings.index = [int(y) for y in ceilings.index]
        ceiling = pd.array(
            [None if pd.isna(ceilings.get(y)) else int(ceilings.get(y)) for y in years],
            dtype="Int64",
        )
        extra = self.__dict__["extra_budget_minor"]
        per_line = self.__dict__["line_extra_budget_minor"]
        if self.plan_line is not None and per_line is not None and self.plan_line in per_line.index:
            # beside the plan-wide ceiling, that line's own extra budget, never another line's
            extra = per_line.loc[self.plan_line]
        extra = extra.reindex(years, fill_value=0)
        shadow = self.__dict__["shadow_prices"].reindex(years, fill_value=0.0)
        frame = pd.DataFrame(
            {
                "total": totals,
                "ceiling": ceiling,
                "headroom": ceiling - totals,
                "binding": (ceiling <= totals).fillna(False).to_numpy(dtype=bool),
                "extra_budget": extra.to_numpy(dtype=np.int64),
                "shadow_price": shadow.to_numpy(dtype=float),
            },
            index=years,
        )
        frame.attrs["unit"] = self.money.unit
        return frame

    @property
    def annual(self) -> pd.DataFrame:
        """Per year, in the display unit: ``total``, ``ceiling`` (NaN: none), ``headroom``,
        ``binding``, ``extra_budget`` and ``shadow_price`` (see :meth:`annual_minor`)."""
        exact = self.annual_minor()

        def shown(column: str) -> np.ndarray:
            return self.money.to_unit(exact[column].to_numpy(dtype=float, na_value=np.nan))

        frame = pd.DataFrame(
            {
                "total": shown("total"),
                "ceiling": shown("ceiling"),
                "headroom": shown("headroom"),
                "binding": exact["binding"].to_numpy(),
                "extra_budget": shown("extra_budget"),
                "shadow_price": exact["shadow_price"].to_numpy(),
            },
            index=exact.index,
        )
        frame.attrs["unit"] = self.money.display_unit
        return frame

    @property
    def binding_years(self) -> list[int]:
        """Years whose total reaches the ceiling."""
        annual = self.annual_minor()
        return [int(y) for y in annual.index[annual["binding"].to_numpy()]]

    @property
    def extra_budget(self) -> pd.Series:
        """Least extra budget per year that would make the plan fit, in the display unit
        (zeros when it fits)."""
        years = pd.Index(self.years, name="year")
        extra = self.__dict__["extra_budget_minor"].reindex(years, fill_value=0).to_numpy()
        out = pd.Series(self.money.to_unit(extra), index=years, name="extra_budget")
        out.attrs["unit"] = self.money.display_unit
        return out

    @property
    def moved(self) -> pd.DataFrame | None:
        """Schedule minus profile target (display unit), or ``None`` when no target is kept."""
        target = self.__dict__["target_minor"]
        if target is None:
            return None
        schedule = self.__dict__["schedule_minor"]
        target = target.reindex(index=schedule.index, columns=schedule.columns, fill_value=0)
        difference = (schedule - target).to_numpy(dtype=float)
        moved = pd.DataFrame(
            self.money.to_unit(difference), index=schedule.index, columns=schedule.columns
        )
        moved.attrs["unit"] = self.money.display_unit
        return moved

    # -- reading ---------------------------------------------------------------------------
    def _headline(self) -> str:
        schedule = self.__dict__["schedule_minor"]
        total = int(schedule.to_numpy().sum())
        years = self.years
        span = self.fiscal_year.span_label(years[0], years[-1]) if years else "no years"
        objective = "" if np.isnan(self.objective) else f", objective {self.objective:.4f}"
        scenario = f" [{self.scenario}]" if self.scenario else ""
        unplanned = _stored(self, "unplanned_minor")
        whole = (
            ""
            if unplanned is None or not len(unplanned.columns)
            else f" ({self.money.format(total + int(unplanned.to_numpy().sum()))} over all years)"
        )
        return (
            f"{type(self).__name__}{scenario}: {self.status.value}, {len(schedule)} projects, "
            f"{span}, {self.money.format(total)}{whole}{objective}, {self.runtime:.3f} s"
        )

    def summary(
        self, unit: str | None = None, *, lang: str | None = None, by: str | None = None
    ) -> str:
        """A short text report in ``unit`` (the display unit by default) and ``lang``:
        status, objective, how, the years against their ceilings, messages, provenance;
        ``by="source"``: the years by funding source."""
        from capex.solvers.by_source import check_by, source_text
        from capex.solvers.plan_text import plan_summary

        unit, lang = chosen_unit(unit, self.money), chosen_lang(lang)
        if check_by(by) == "source":
            years = self.years
            span = self.fiscal_year.span_label(years[0], years[-1], lang) if years else ""
            title = term("by_source_title", lang, unit=self.money.normalize_unit(unit), span=span)
            headings = [self.year_label(y, lang) for y in years]
            return (
                source_text(
                    title,
                    self.by_source_minor(),
                    self.sources,
                    self.money,
                    unit,
                    lang=lang,
                    headings=headings,
                )
                + "\n  "
                + term("sources_rule", lang)
            )
        return plan_summary(self, unit, lang)

    def __repr__(self) -> str:
        return f"<{self._headline()}>"

    def _html_tables(self, unit: str, lang: str | None) -> list[Any]:
        lang = chosen_lang(lang)
        from capex.terms import heading

        tables = [self.with_names(unit).rename(columns=lambda c: heading(c, lang))]
        if self.years:
            annual = self.annual.rename(columns=lambda c: heading(c, lang))
            tables.insert(0, annual.T)
        return tables


@dataclass(frozen=True, eq=False, repr=False)
class SpreadResult(PlanResult):
    """The result of :func:`capex.spread`: the plan period's money, year by year.

    Its schedule covers the plan years; ``unplanned_minor`` keeps the rest of the cash flow
    (the years before and after them), so :meth:`~PlanResult.full_window` is every project's
    whole money. A
    scenario run by spreading (:meth:`capex.Scenario.run`) records its shifts in ``delays``
    and the moved windows in ``windows``.

    Attributes
    ----------
    parts_minor
        When budget lines fund shares of projects: integers by (project id, line) and year,
        ``"(rest)"`` being the part no share line funds; the parts of a project add up to
        its row. ``None`` when no line funds shares.
    """

    parts_minor: pd.DataFrame | None = _Table()  # type: ignore[assignment]


@dataclass(frozen=True, eq=False, repr=False)
class ShiftResult(PlanResult):
    """The result of :func:`capex.shift`: a deferral plan, what moved and by how much.

    The schedule is every project's full-window cash flow, moved (integers of the minor unit,
    all years), so it is its own full window. ``objective`` and ``bound`` are in the
    objective's own unit: priority-weighted years (``"delay"``), years (``"makespan"``,
    periods for PSPLIB) or the display unit (``"peak"``, 亿元 for the bundled plan).
    ``delays`` are the whole years each project moves (negative: earlier) and ``windows``
    the moved windows.

    Attributes
    ----------
    makespan
        Years from the programme's first year (as planned, or earlier if a project moved
        earlier) to the latest end of the moved windows; periods for PSPLIB.
    objective_name
        ``"delay"``, ``"makespan"`` or ``"peak"``.
    tiebreak
        The objective that broke ties, or ``None``.
    overload_minor
        When infeasible: by how much each budget line (rows) stays over its ceiling in each
        year (columns), minor unit, at the best allowed delays; zeros elsewhere.
    solver
        The solver that ran (``"highs"``, ``"cp-sat"``, ``"cp-sat-intervals"``, ...).
    """

    makespan: int = 0
    objective_name: str = "delay"
    tiebreak: str | None = None
    overload_minor: pd.DataFrame | None = _Table()  # type: ignore[assignment]
    solver: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        schedule = self.__dict__["schedule_minor"]
        if self.__dict__["unplanned_minor"] is None:  # the schedule holds all the money
            object.__setattr__(
                self, "unplanned_minor", pd.DataFrame(index=schedule.index.copy(), dtype=np.int64)
            )
        if self.__dict__["delays"] is None:
            object.__setattr__(
                self, "delays", pd.Series(0, index=schedule.index.copy(), name="delay")
            )

    @property
    def overload(self) -> pd.DataFrame | None:
        """:attr:`overload_minor` in the display unit, or ``None`` when the plan fits."""
        if self.overload_minor is None:
            return None
        overload = self.overload_minor
        values = self.money.to_unit(overload.to_numpy(dtype=float))
        return pd.DataFrame(values, index=overload.index, columns=overload.columns)


# ---------------------------------------------------------------------------------------
# building and lining up results
# ---------------------------------------------------------------------------------------
def plan_wide(per_line: np.ndarray, main: int | None) -> np.ndarray:
    """A per-line, per-year amount (lines x years) for the plan as a whole: the plan-wide
    line's row (the line over all projects) when there is one, else the sum over the lines.

    Used for the annual extra budget, so that the annual table sets the plan-wide ceiling
    beside the plan-wide line's own extra budget, never another line's.
    """
    per_line = np.asarray(per_line, dtype=np.int64)
    if main is not None and main >= 0:
        return per_line[main].copy()
    return per_line.sum(axis=0) if len(per_line) else np.zeros(per_line.shape[1:], np.int64)


def full_windows(
    results: Sequence[PlanResult], labels: Sequence[str] | None = None
) -> list[pd.DataFrame]:
    """The full windows of ``results`` (:meth:`PlanResult.full_window`), lined up on the union
    of their projects and years (zeros where one has none), in integers of the minor unit.

    Raises
    ------
    CapexError
        When the results are counted in different money, or one of them does not know its
        years outside the plan while another has money there: comparing them would set a
        plan-period view beside a full-window one.
    """
    results = list(results)
    names = list(labels) if labels is not None else [f"plan {i + 1}" for i in range(len(results))]
    if any(r.money != results[0].money for r in results):
        raise CapexError(phrase("err_solver_results_money"))
    windows = [r.full_window() for r in results]
    unknown = [n for n, r in zip(names, results) if not r.knows_full_window]
    if unknown:
        outside = [
            n
            for n, r, w in zip(names, results, windows)
            if any(y < r.plan_period[0] or y > r.plan_period[1] for y in w.columns[w.any()])
        ]
        if outside:
            raise CapexError(
                phrase(
                    "err_solver_results_window", inside=repr(unknown[0]), outside=repr(outside[0])
                )
            )
    years = sorted({int(y) for w in windows for y in w.columns})
    ids = windows[0].index
    for window in windows[1:]:
        ids = ids.union(window.index, sort=False)
    return [w.reindex(index=ids, columns=years, fill_value=0).astype(np.int64) for w in windows]
