"""Side-by-side comparison of plans: a base run and its scenarios or deferral plans.

:func:`compare` reads results only (never solvers or portfolios) and returns a
:class:`Comparison`, a plain object of tables a notebook shows and a plot reads. It keeps
every amount as integers of the minor unit (the ``*_minor`` tables) and shows them in the
display unit (亿元 for the bundled plan) or the ``unit`` asked for:

* ``annual``: total spend per year, one column per result;
* ``summary``: per result its status, total, spend before, in and after the plan period,
  peak year and peak, binding ceilings and the ones that became binding against the base,
  and the objective;
* ``projects``: per project and result its shift (years), the money moved to other years
  and the change of its total against the base;
* ``moves``: every non-zero (result, project, year) change against the base, in exact
  integers of the minor unit (``change_minor``) and in the unit shown (``change``).

Every result is compared over its *full window* (:meth:`capex.results.PlanResult.full_window`):
every project's money in every year, before, inside and after the plan period. A spread
plans only the plan years and a deferral moves whole cash flows, so comparing their
schedules would set 48.39 亿元 of plan-period money beside 77.8 亿元 of whole cash flows; over
the full window both hold each project's whole investment and only real moves show.
Results are aligned on the union of their years and projects (a year or project missing
from one result counts as zero there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_unit
from capex.errors import CapexError
from capex.model.money import WAN, Money
from capex.model.protocol import Report
from capex.solvers.result import PlanResult, full_windows
from capex.terms import check_lang, heading, phrase, term

__all__ = ["Comparison", "compare"]

_AMOUNTS = ("total", "before_plan", "in_plan", "after_plan", "peak")
"""The summary's amounts, kept as ``<name>_minor`` and shown as ``<name>``."""


@dataclass(frozen=True, eq=False)
class Comparison(Report):
    """Plans side by side (see :func:`compare`): amounts kept in integers of the minor unit,
    shown in :attr:`unit` (the display unit, 亿元 for the bundled plan, by default).

    Attributes
    ----------
    labels
        One label per result, in order.
    base
        Label of the result the others are compared against.
    annual_minor
        Total spend per year (rows) and result (columns), integers of the minor unit.
    summary_minor
        One row per result: ``status``, ``total_minor``, ``before_plan_minor``,
        ``in_plan_minor``, ``after_plan_minor`` (spend before, in and after the plan period),
        ``peak_year``, ``peak_minor``, ``binding`` and ``newly_binding`` (ceilings reached,
        as ``"2024"`` or ``"line 2024"`` texts), ``objective``.
    projects_minor
        Index project id; column ``name`` then, per result, ``(label, "shift")`` (years),
        ``(label, "moved_minor")`` (money moved to other years) and
        ``(label, "total_change_minor")``.
    moves
        Long table of the changes against the base: ``scenario``, ``id``, ``name``,
        ``year``, ``change_minor`` (integers of the minor unit) and ``change`` (in
        :attr:`unit`); non-zero rows only.
    plan_period
        First and last year of the plan period the results belong to.
    ceilings_minor
        Each result's plan-wide ceiling per year (rows) and result (columns), nullable
        integers; missing where a result has no such ceiling (budget lines per group of
        projects are not summed).
    money
        The currency and minor unit of the compared results.
    unit
        The unit amounts are shown in (``None``: the money's display unit).
    provenance
        Each result's :class:`~capex.model.provenance.Provenance` (or ``None``), in the order of
        ``labels``.
    """

    labels: tuple[str, ...]
    base: str
    annual_minor: pd.DataFrame
    summary_minor: pd.DataFrame
    projects_minor: pd.DataFrame
    moves: pd.DataFrame
    plan_period: tuple[int, int]
    ceilings_minor: pd.DataFrame
    money: Money = WAN
    unit: str | None = None
    provenance: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", self.money.normalize_unit(self.unit))

    # -- shown -----------------------------------------------------------------------------
    def _shown(self, values: Any) -> np.ndarray:
        """Integers of the minor unit (missing: NaN) as floats of :attr:`unit`."""
        array = pd.array(values, dtype="Int64").to_numpy(dtype=float, na_value=np.nan)
        return self.money.to_unit(array, self.unit)

    @property
    def plan_last(self) -> int:
        """Last year of the plan period; spend after it is ``after_plan``."""
        return self.plan_period[1]

    def _by_year(self, table: pd.DataFrame) -> pd.DataFrame:
        """A year x result table of the minor unit, shown in :attr:`unit`."""
        frame = pd.DataFrame(
            {label: self._shown(table[label]) for label in self.labels}, index=table.index.copy()
        )
        frame.attrs["unit"] = self.unit
        return frame

    @property
    def annual(self) -> pd.DataFrame:
        """Total spend per year (rows) and result (columns), in :attr:`unit`."""
        return self._by_year(self.annual_minor)

    @property
    def ceilings(self) -> pd.DataFrame:
        """Each result's plan-wide ceiling per year, in :attr:`unit`; NaN where it has none."""
        return self._by_year(self.ceilings_minor)

    @property
    def plans(self) -> pd.DataFrame:
        """One row per result (see :attr:`summary_minor`), amounts in :attr:`unit`."""
        return self.to_frame(self.unit, lang="en")

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """One row per result (see :attr:`summary_minor`), amounts in ``unit`` (:attr:`unit`
        by default), headed in ``lang`` (keys in English, terms in Chinese)."""
        unit = self.money.normalize_unit(chosen_unit(unit, self.money) or self.unit)
        lang = check_lang(lang)
        frame = self.summary_minor.copy()
        for name in _AMOUNTS:
            column = f"{name}_minor"
            shown = pd.array(frame[column], dtype="Int64").to_numpy(dtype=float, na_value=np.nan)
            frame.insert(frame.columns.get_loc(column), name, self.money.to_unit(shown, unit))
            frame = frame.drop(columns=column)
        if lang != "en":
            frame["status"] = [term(str(status), lang) for status in frame["status"]]
            frame = frame.rename(columns=lambda column: heading(column, lang))
            frame.index.name = term("plan", lang)
        frame.attrs["unit"] = unit
        return frame

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """The plans side by side in a few lines: which were compared, against which base,
        and one row per plan (:meth:`to_frame`) in ``unit`` and ``lang``."""
        unit = self.money.normalize_unit(chosen_unit(unit, self.money) or self.unit)
        lang = check_lang(lang)
        head = term(
            "comparison_headline",
            lang,
            labels=term("list_separator", lang).join(self.labels),
            base=self.base,
            unit=unit,
        )
        return head + "\n" + self.to_frame(unit, lang=lang).to_string()

    @property
    def projects(self) -> pd.DataFrame:
        """Per project and result: ``shift`` (years), ``moved`` and ``total_change`` in
        :attr:`unit` (see :attr:`projects_minor`)."""
        columns: dict[tuple[str, str], Any] = {}
        for (plan, measure), values in self.projects_minor.items():
            if measure.endswith("_minor"):
                columns[(plan, measure.removesuffix("_minor"))] = self._shown(values)
            else:
                columns[(plan, measure)] = values.to_numpy()
        frame = pd.DataFrame(columns, index=self.projects_minor.index.copy())
        frame.columns = pd.MultiIndex.from_tuples(frame.columns, names=["plan", "measure"])
        frame.attrs["unit"] = self.unit
        return frame

    def in_unit(self, unit: str | None) -> Comparison:
        """The same comparison shown in ``unit`` (``"万元"``, ``"亿元"``; ``None``: display)."""
        moves = self.moves.copy()
        shown = Comparison(
            self.labels,
            self.base,
            self.annual_minor,
            self.summary_minor,
            self.projects_minor,
            moves,
            self.plan_period,
            self.ceilings_minor,
            self.money,
            unit,
            self.provenance,
        )
        moves["change"] = shown._shown(moves["change_minor"])
        moves.attrs["unit"] = shown.unit
        return shown

    # -- reading ---------------------------------------------------------------------------
    def plot(self, ax: Any = None, **kw: Any) -> Any:
        """Draw the annual totals side by side; see :func:`capex.plotting.plot_comparison`."""
        # imported here so that comparing plans never needs matplotlib
        from capex.plotting.comparison import plot_comparison

        return plot_comparison(self, ax=ax, **kw)

    def _html_tables(self, unit: str, lang: str | None) -> list[Any]:
        annual = pd.DataFrame(
            {
                label: self.money.to_unit(self.annual_minor[label].to_numpy(), unit)
                for label in self.labels
            },
            index=self.annual_minor.index.copy(),
        )
        return [self.to_frame(unit, lang=lang), annual.T]

    def __repr__(self) -> str:
        return (
            f"Comparison({', '.join(self.labels)}; base {self.base}; {self.unit})\n"
            f"{self.plans.to_string()}"
        )


def compare(
    *results: PlanResult | Sequence[PlanResult],
    labels: Sequence[str] | None = None,
    base: int = 0,
    unit: str | None = None,
) -> Comparison:
    """Compare plans side by side against a base, over their full windows.

    Parameters
    ----------
    *results
        Two or more results (or one list of them) over the same plan period, for example a
        base spread and scenario runs, or a spread and a deferral plan.
    labels
        Names for the results; default each result's scenario name, else ``"plan 1"``, ...
    base
        Position of the result the others are compared against.
    unit
        The unit amounts are shown in: the display unit (亿元) by default, or another of the
        currency (``"万元"``); the ``*_minor`` tables are integers of the minor unit.

    Returns
    -------
    Comparison

    Raises
    ------
    CapexError
        For something other than results, results in different money or plan periods, or a
        result that knows only the years it planned beside one with money outside them.

    Examples
    --------
    >>> import capex
    >>> p = capex.load_projects()
    >>> base = capex.Scenario("base").run(p)                     # doctest: +SKIP
    >>> later = capex.Scenario("later", shifts={19: 1, 20: 1}).run(p)  # doctest: +SKIP
    >>> capex.compare(base, later).moves                         # doctest: +SKIP
    """
    if len(results) == 1 and not isinstance(results[0], PlanResult):
        results = tuple(results[0])  # type: ignore[arg-type]
    plans = list(results)
    if not plans or not all(isinstance(r, PlanResult) for r in plans):
        raise CapexError(phrase("err_report_compare_takes"))
    if not 0 <= base < len(plans):
        raise CapexError(phrase("err_report_compare_base", n=len(plans), value=repr(base)))
    names = _labels(plans, labels)
    money = plans[base].money
    try:
        unit = money.normalize_unit(unit)
    except ValueError as error:
        raise CapexError(error.args[0] if error.args else str(error)) from None
    period = plans[base].plan_period
    for name, r in zip(names, plans):
        if r.plan_period != period:
            raise CapexError(
                phrase(
                    "err_report_compare_period",
                    name=repr(name),
                    first=r.plan_period[0],
                    last=r.plan_period[1],
                    base=repr(names[base]),
                    base_first=period[0],
                    base_last=period[1],
                )
            )
    tables = full_windows(plans, names)
    ids = tables[0].index
    years = [int(y) for y in tables[0].columns]
    first, last = period

    annual = pd.DataFrame(
        {name: t.sum(axis=0).to_numpy(dtype=np.int64) for name, t in zip(names, tables)},
        index=pd.Index(years, name="year"),
    )
    ceilings = pd.DataFrame(
        {name: _plan_ceilings(r, years) for name, r in zip(names, plans)}, index=annual.index
    )
    bindings = [_binding(r) for r in plans]
    before = [y < first for y in years]
    after = [y > last for y in years]
    rows = []
    for name, r, binding in zip(names, plans, bindings):
        totals = annual[name].to_numpy(dtype=np.int64)
        rows.append(
            {
                "status": r.status.value,
                "total_minor": int(totals.sum()),
                "before_plan_minor": int(totals[before].sum()),
                "in_plan_minor": int(totals[~np.array(before) & ~np.array(after)].sum()),
                "after_plan_minor": int(totals[after].sum()),
                "peak_year": years[int(totals.argmax())] if len(totals) else None,
                "peak_minor": int(totals.max()) if len(totals) else None,
                "binding": ", ".join(binding),
                "newly_binding": ", ".join(b for b in binding if b not in bindings[base]),
                "objective": r.objective,
            }
        )
    summary = pd.DataFrame(rows, index=pd.Index(names, name="plan"))
    for name in _AMOUNTS:
        summary[f"{name}_minor"] = summary[f"{name}_minor"].astype("Int64")

    reference = tables[base]
    name_of = pd.Series(dtype=object)
    for r in plans:
        name_of = name_of.combine_first(r.names)
    columns: dict[tuple[str, str], Any] = {("", "name"): name_of.reindex(ids).to_numpy()}
    moves = []
    for name, r, table in zip(names, plans, tables):
        difference = (table - reference).astype(np.int64)
        delays = r.delays
        shift = (
            delays.reindex(ids).fillna(0).astype(np.int64)
            if delays is not None
            else pd.Series(0, index=ids, dtype=np.int64)
        )
        columns[(name, "shift")] = shift.to_numpy()
        columns[(name, "moved_minor")] = difference.clip(lower=0).sum(axis=1).to_numpy()
        columns[(name, "total_change_minor")] = difference.sum(axis=1).to_numpy()
        if name == names[base]:
            continue
        long = difference.stack()
        long = long[long != 0]
        for (pid, year), change in long.items():
            moves.append(
                {
                    "scenario": name,
                    "id": pid,
                    "name": name_of.get(pid, ""),
                    "year": int(year),
                    "change_minor": int(change),
                }
            )
    projects = pd.DataFrame(columns, index=ids)
    projects.columns = pd.MultiIndex.from_tuples(projects.columns, names=["plan", "measure"])
    moves_frame = pd.DataFrame(moves, columns=["scenario", "id", "name", "year", "change_minor"])
    moves_frame["change_minor"] = moves_frame["change_minor"].astype(np.int64)
    comparison = Comparison(
        tuple(names),
        names[base],
        annual,
        summary,
        projects,
        moves_frame,
        period,
        ceilings,
        money,
        unit,
        tuple(getattr(r, "provenance", None) for r in plans),
    )
    moves_frame["change"] = comparison._shown(moves_frame["change_minor"])
    moves_frame.attrs["unit"] = comparison.unit  # of the "change" column
    return comparison


def _labels(plans: list[PlanResult], labels: Sequence[str] | None) -> list[str]:
    if labels is not None:
        names = [str(label) for label in labels]
        if len(names) != len(plans):
            raise CapexError(
                phrase("err_report_compare_labels", labels=len(names), results=len(plans))
            )
    else:
        names = [r.scenario or f"plan {i + 1}" for i, r in enumerate(plans)]
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _plan_ceilings(result: PlanResult, years: list[int]) -> pd.arrays.IntegerArray:
    """The result's plan-wide ceiling of each of ``years`` (minor unit), missing where it has
    none."""
    caps = pd.Series(result.ceilings_minor, dtype=object)
    caps.index = [int(y) for y in caps.index]
    return pd.array(
        [None if pd.isna(caps.get(y)) else int(caps.get(y)) for y in years], dtype="Int64"
    )


def _binding(result: PlanResult) -> list[str]:
    """Ceilings the plan reaches: ``"2024"`` for the plan-wide one, ``"line 2024"`` per line."""
    out = [str(y) for y in result.binding_years] if len(result.ceilings_minor) else []
    caps, loads = result.line_ceilings_minor, result.line_totals_minor
    if caps is not None and loads is not None:
        for line in caps.index:
            for year in caps.columns:
                cap = caps.at[line, year]
                if not pd.isna(cap) and year in loads.columns and loads.at[line, year] >= cap:
                    out.append(f"{line} {year}")
    return out
