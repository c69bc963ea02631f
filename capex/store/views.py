"""Each kind of object seen as projects: their fields and their money year by year.

A diff compares two versions project by project and a project's history follows it across
versions; both read an object through its *view*: one row per project (id, name, the stable
code where the object knows it, and fields such as the window and the total), and a project x
year table of integers of the minor unit (its cash flow, its schedule, its spending). A kind
without a view (a scenario, a comparison, a risk result) is compared field by field and
has no project history. A later kind plugs in with one function in :data:`VIEWS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from capex.model.ids import id_key
from capex.model.money import Money

__all__ = ["VIEWS", "ProjectView", "view_of", "with_codes"]


@dataclass(frozen=True, eq=False)
class ProjectView:
    """An object as projects (see the module text).

    Attributes
    ----------
    fields
        One row per project, index the object's ids (named ``id``): ``name`` and the fields
        a diff compares; amounts as integers of :attr:`money`'s minor unit.
    money_fields
        The columns of ``fields`` that are amounts.
    annual
        Project x year, integers of the minor unit (same index as ``fields``), or ``None``.
    basis
        What ``annual`` is (a term key: ``store_basis_cash_flow``, ``..._schedule``,
        ``..._spending``).
    money
        The money of the amounts.
    codes
        The projects' stable codes by id (``""`` where none), or ``None`` when the object
        knows none.
    """

    fields: pd.DataFrame
    money_fields: tuple[str, ...]
    annual: pd.DataFrame | None
    basis: str
    money: Money
    codes: pd.Series | None = None

    @property
    def ids(self) -> pd.Index:
        return self.fields.index


def _annual(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.astype(np.int64)
    out.columns = pd.Index([int(y) for y in out.columns], name="year")
    out.index = out.index.rename("id")
    return out


def _window_of(annual: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each project's first and last year with money (missing where it has none)."""
    has = annual.to_numpy() != 0
    years = np.asarray(annual.columns, dtype=np.int64)
    if not len(years):
        missing = pd.array([pd.NA] * len(annual), dtype="Int64")
        return missing, missing.copy()
    first = pd.array(years[np.argmax(has, axis=1)], dtype="Int64")
    last = pd.array(years[len(years) - 1 - np.argmax(has[:, ::-1], axis=1)], dtype="Int64")
    none = ~has.any(axis=1)
    first[none] = pd.NA
    last[none] = pd.NA
    return first, last


def _codes_of(frame: pd.DataFrame) -> pd.Series | None:
    if "code" not in frame.columns:
        return None
    codes = frame["code"].fillna("").astype(str)
    return codes if (codes != "").any() else None


def portfolio_view(portfolio: Any) -> ProjectView:
    from capex.model.cashflow import cash_flow

    frame = portfolio.frame
    fields = frame[
        [
            c
            for c in (
                "name",
                "start_year",
                "end_year",
                "total_minor",
                "plan_minor",
                "street",
                "builder",
                "government_investment",
                "priority",
                "profile",
            )
            if c in frame.columns
        ]
    ]
    annual = _annual(cash_flow(portfolio).flows_minor)
    return ProjectView(
        fields,
        ("total_minor", "plan_minor"),
        annual,
        "store_basis_cash_flow",
        portfolio.money,
        _codes_of(frame),
    )


def plan_view(result: Any) -> ProjectView:
    annual = _annual(result.full_window())
    fields = pd.DataFrame(index=annual.index)
    fields["name"] = result.names.reindex(annual.index).astype(object).to_numpy()
    windows = result.windows
    if windows is not None and {"start_year", "end_year"} <= set(windows.columns):
        fields["start_year"] = (
            windows["start_year"].reindex(annual.index).astype("Int64").to_numpy()
        )
        fields["end_year"] = windows["end_year"].reindex(annual.index).astype("Int64").to_numpy()
    else:
        fields["start_year"], fields["end_year"] = _window_of(annual)
    fields["total_minor"] = annual.sum(axis=1).to_numpy(dtype=np.int64)
    money_fields = ["total_minor"]
    if result.delays is not None:
        fields["delay"] = result.delays.reindex(annual.index).fillna(0).astype(np.int64).to_numpy()
    budget = getattr(result, "budget_minor", None)
    if isinstance(budget, pd.Series) and len(budget):
        fields["budget_minor"] = budget.reindex(annual.index).astype("Int64").to_numpy()
        money_fields.append("budget_minor")
    return ProjectView(fields, tuple(money_fields), annual, "store_basis_schedule", result.money)


def actuals_view(actuals: Any) -> ProjectView:
    annual = _annual(actuals.to_frame(lang="en"))
    fields = pd.DataFrame(index=annual.index)
    fields["name"] = ""
    fields["start_year"], fields["end_year"] = _window_of(annual)
    fields["total_minor"] = annual.sum(axis=1).to_numpy(dtype=np.int64)
    return ProjectView(fields, ("total_minor",), annual, "store_basis_spending", actuals.money)


def variance_view(report: Any) -> ProjectView:
    annual = _annual(report.actual_minor)
    planned = report.planned_minor
    to_date = [y for y in planned.columns if int(y) <= report.as_of]
    fields = pd.DataFrame(index=annual.index)
    fields["name"] = report.names.reindex(annual.index).astype(object).to_numpy()
    fields["total_minor"] = (
        report.totals_minor.reindex(annual.index).fillna(0).astype(np.int64).to_numpy()
    )
    fields["planned_to_date_minor"] = (
        planned[to_date].sum(axis=1).reindex(annual.index).fillna(0).astype(np.int64).to_numpy()
    )
    fields["actual_to_date_minor"] = annual.sum(axis=1).to_numpy(dtype=np.int64)
    money_fields = ("total_minor", "planned_to_date_minor", "actual_to_date_minor")
    return ProjectView(fields, money_fields, annual, "store_basis_spending", report.money)


def handover_view(hand: Any) -> ProjectView:
    table = hand.reconciliation
    columns = [c for c in table.columns if c == "name" or c == "outcome" or c.endswith("_minor")]
    fields = table[columns].copy()
    fields.index = fields.index.rename("id")
    annual = None
    codes = None
    if hand.portfolio is not None:
        view = portfolio_view(hand.portfolio)
        annual = view.annual
        codes = view.codes
    money_fields = tuple(c for c in columns if c.endswith("_minor"))
    return ProjectView(fields, money_fields, annual, "store_basis_cash_flow", hand.money, codes)


def baseline_view(baseline: Any) -> ProjectView:
    view = portfolio_view(baseline.portfolio)
    return ProjectView(
        view.fields,
        view.money_fields,
        _annual(baseline.flows_minor),
        "store_basis_cash_flow",
        view.money,
        view.codes,
    )


VIEWS: dict[str, Callable[[Any], ProjectView]] = {
    "Portfolio": portfolio_view,
    "PlanResult": plan_view,
    "SpreadResult": plan_view,
    "ShiftResult": plan_view,
    "ReforecastResult": plan_view,
    "Actuals": actuals_view,
    "VarianceReport": variance_view,
    "HandOver": handover_view,
    "Baseline": baseline_view,
}
"""The view of each kind that has one, by kind name."""


def with_codes(view: ProjectView, kept: pd.Series | None) -> ProjectView:
    """The view with the codes kept beside its version (``{id: code}``), when its object
    carries none itself."""
    if view.codes is not None or kept is None:
        return view
    lookup = {id_key(pid): code for pid, code in kept.items()}
    codes = pd.Series(
        [lookup.get(id_key(pid), "") for pid in view.ids], index=view.ids, dtype=object
    )
    return ProjectView(view.fields, view.money_fields, view.annual, view.basis, view.money, codes)


def view_of(kind: str, obj: Any) -> ProjectView | None:
    """The view of ``obj`` (of ``kind``), or ``None`` for a kind without one."""
    make = VIEWS.get(kind)
    return None if make is None else make(obj)
