"""Side-by-side comparison of plans: a base run and its scenarios or deferral plans.

:func:`compare` reads results only (never solvers or portfolios) and returns a
:class:`Comparison`, a plain object of DataFrames a notebook shows and a plot reads:

* ``annual``: total spend per year (亿元), one column per result;
* ``summary``: per result its status, total, peak year and peak, spend after the plan period,
  binding ceilings and the ones that became binding against the base, and the objective;
* ``projects``: per project and result its shift (years), the money moved to other years
  and the change of its total (亿元) against the base;
* ``moves``: every non-zero (result, project, year) change against the base in exact
  integers of the minor unit (and the display unit), the moved money to the unit.

Results are aligned on the union of their years and projects (a year or project missing
from one result counts as zero there). Scenario results (:meth:`capex.Scenario.run`) carry
their full-window schedule, so money pushed past the plan period shows up after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.money import WAN, Money
from capex.result import PlanResult

__all__ = ["Comparison", "compare"]


@dataclass(frozen=True, eq=False)
class Comparison:
    """Plans side by side (see :func:`compare`); amounts in the display unit (亿元) unless a column
    says ``_minor`` (integers of the minor unit).

    Attributes
    ----------
    labels
        One label per result, in order; the first compared against is ``base``.
    base
        Label of the base result.
    annual
        Total spend per year (rows) and result (columns), 亿元.
    summary
        One row per result: ``status``, ``total``, ``peak_year``, ``peak``, ``after_plan``
        (spend after ``plan_last``), ``binding`` and ``newly_binding`` (ceilings reached, as
        ``"2024"`` or ``"line 2024"`` texts), ``objective``.
    projects
        Index project id; column ``name`` then, per result, ``(label, "shift")`` (years),
        ``(label, "moved")`` (亿元 moved to other years) and ``(label, "total_change")``
        (亿元).
    moves
        Long table of the changes against the base: ``scenario``, ``id``, ``name``,
        ``year``, ``change_minor`` (integer minor unit) and ``change`` (display unit); non-zero rows only.
    plan_last
        Last year of the plan period; spend after it is ``after_plan``.
    ceilings
        Each result's plan-wide ceiling per year (rows) and result (columns), 亿元; NaN where
        a result has no such ceiling (budget lines per group of projects are not summed).
    money
        The currency and minor unit of the compared results.
    """

    labels: tuple[str, ...]
    base: str
    annual: pd.DataFrame
    summary: pd.DataFrame
    projects: pd.DataFrame
    moves: pd.DataFrame
    plan_last: int | None
    ceilings: pd.DataFrame | None = None
    money: Money = WAN

    def plot(self, ax: Any = None, **kw: Any) -> Any:
        """Draw the annual totals side by side; see :func:`capex.plotting.plot_comparison`."""
        # imported here so that comparing plans never needs matplotlib
        from capex.plotting.comparison import plot_comparison

        return plot_comparison(self, ax=ax, **kw)

    def _repr_html_(self) -> str:
        return (
            "<p><b>Comparison of "
            + ", ".join(self.labels)
            + f" (base {self.base})</b></p>"
            + self.summary._repr_html_()
            + self.annual.T._repr_html_()
        )

    def __repr__(self) -> str:
        return f"Comparison({', '.join(self.labels)}; base {self.base})\n{self.summary.to_string()}"


def compare(
    *results: PlanResult | Sequence[PlanResult],
    labels: Sequence[str] | None = None,
    base: int = 0,
    plan_last: int | None = None,
) -> Comparison:
    """Compare plans side by side against a base.

    Parameters
    ----------
    *results
        Two or more results (or one list of them), for example a base spread and scenario
        runs, or a spread and a deferral plan.
    labels
        Names for the results; default each result's scenario name, else ``"plan 1"``, ...
    base
        Position of the result the others are compared against.
    plan_last
        Last year of the plan period, for the spend after it; default the last year any
        result has a ceiling for, else the last year of a spread's profile target.

    Returns
    -------
    Comparison

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
        raise CapexError("compare takes results of capex.spread, capex.shift or Scenario.run")
    if not 0 <= base < len(plans):
        raise CapexError(
            f"base must be the position of one of the {len(plans)} results, not {base!r}"
        )
    names = _labels(plans, labels)
    money = plans[base].money
    if any(r.money != money for r in plans):
        raise CapexError("compare takes results counted in one money unit")
    shown = float(money.per())  # minor units per display unit
    years = sorted({int(y) for r in plans for y in r.schedule_minor.columns})
    ids = plans[base].schedule_minor.index
    for r in plans:
        ids = ids.union(r.schedule_minor.index, sort=False)
    tables = [
        r.schedule_minor.reindex(index=ids, columns=years, fill_value=0).astype(np.int64)
        for r in plans
    ]
    if plan_last is None:
        # the plan period shows in the ceilings, or in a spread's profile target (plan years)
        capped = [int(y) for r in plans for y in _ceiling_years(r)]
        capped = capped or [
            int(y) for r in plans if r.target_minor is not None for y in r.target_minor.columns
        ]
        plan_last = max(capped) if capped else None

    annual = pd.DataFrame(
        {name: t.sum(axis=0).to_numpy() / shown for name, t in zip(names, tables)},
        index=pd.Index(years, name="year"),
    )
    ceilings = pd.DataFrame(
        {name: _plan_ceilings(r, years) for name, r in zip(names, plans)}, index=annual.index
    )
    bindings = [_binding(r) for r in plans]
    rows = []
    for name, r, table, binding in zip(names, plans, tables, bindings):
        totals = table.sum(axis=0)
        peak_year = int(totals.idxmax()) if len(totals) else None
        after = (
            int(totals[[y for y in years if plan_last is not None and y > plan_last]].sum())
            if plan_last is not None
            else np.nan
        )
        rows.append(
            {
                "status": r.status.value,
                "total": int(totals.sum()) / shown,
                "peak_year": peak_year,
                "peak": int(totals.max()) / shown if len(totals) else np.nan,
                "after_plan": after / shown if plan_last is not None else np.nan,
                "binding": ", ".join(binding),
                "newly_binding": ", ".join(b for b in binding if b not in bindings[base]),
                "objective": r.objective,
            }
        )
    summary = pd.DataFrame(rows, index=pd.Index(names, name="plan"))

    reference = tables[base]
    name_of = pd.Series(dtype=object)
    for r in plans:
        name_of = name_of.combine_first(r.names)
    columns: dict[tuple[str, str], Any] = {("", "name"): name_of.reindex(ids).to_numpy()}
    moves = []
    for name, r, table in zip(names, plans, tables):
        difference = (table - reference).astype(np.int64)
        delays = getattr(r, "delays", None)
        shift = (
            delays.reindex(ids).fillna(0).astype(np.int64)
            if delays is not None
            else pd.Series(0, index=ids)
        )
        columns[(name, "shift")] = shift.to_numpy()
        columns[(name, "moved")] = np.where(difference > 0, difference, 0).sum(axis=1) / shown
        columns[(name, "total_change")] = difference.sum(axis=1).to_numpy() / shown
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
    moves_frame["change"] = moves_frame["change_minor"] / shown
    return Comparison(
        tuple(names),
        names[base],
        annual,
        summary,
        projects,
        moves_frame,
        plan_last,
        ceilings,
        money,
    )


def _labels(plans: list[PlanResult], labels: Sequence[str] | None) -> list[str]:
    if labels is not None:
        names = [str(label) for label in labels]
        if len(names) != len(plans):
            raise CapexError(f"{len(names)} labels for {len(plans)} results")
    else:
        names = [r.scenario or f"plan {i + 1}" for i, r in enumerate(plans)]
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _plan_ceilings(result: PlanResult, years: list[int]) -> np.ndarray:
    """The result's plan-wide ceiling of each of ``years`` in its display unit, NaN where it
    has none."""
    shown = float(result.money.per())
    caps = pd.Series(result.ceilings_minor, dtype=object)
    caps.index = [int(y) for y in caps.index]
    return np.array(
        [np.nan if pd.isna(caps.get(y)) else int(caps.get(y)) / shown for y in years],
        dtype=float,
    )


def _ceiling_years(result: PlanResult) -> list[int]:
    years = [int(y) for y in result.ceilings_minor.index]
    if result.line_ceilings_minor is not None:
        frame = result.line_ceilings_minor
        years += [int(y) for y in frame.columns[frame.notna().any(axis=0).to_numpy()]]
    return years


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
