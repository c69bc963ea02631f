"""Which sheets each kind of object exports as, and the one function that makes them."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pandas as pd

from capex.export.comparison import comparison_sheets
from capex.export.months import execution_sheets, monthly_sheets, submission_sheets
from capex.export.plan import plan_sheets
from capex.export.reconciliation import (
    findings_sheet,
    report_assumptions,
    report_sheets,
    split_sheet,
    totals_sheet,
)
from capex.export.reforecast import reforecast_sheets
from capex.export.risk import risk_sheets
from capex.export.rollforward import handover_sheets
from capex.export.selection import selection_sheets
from capex.export.sheet import ExportError, Sheet, Words, is_kind
from capex.export.variance import variance_sheets
from capex.model.money import WAN
from capex.reports.reconcile import reconcile

EXPORTERS: list[tuple[str, Callable[..., list[Sheet]]]] = [
    ("ReforecastResult", reforecast_sheets),  # before PlanResult, its base
    ("VarianceReport", variance_sheets),
    ("HandOver", handover_sheets),
    ("ReconciliationReport", report_sheets),
    ("PlanResult", plan_sheets),
    ("Comparison", comparison_sheets),
    ("RiskResult", risk_sheets),
    # the budget year in months
    ("MonthlyPlan", monthly_sheets),
    ("ExecutionReport", execution_sheets),
    ("Submission", submission_sheets),
    # the choice of the next plan
    ("SelectionResult", selection_sheets),
]


# -- the plan store's objects (capex.store), imported only when one of them is exported ----
def _stored(name: str) -> Callable[..., list[Sheet]]:
    def make(obj: Any, words: Words) -> list[Sheet]:
        from capex.store import export

        return getattr(export, name)(obj, words)

    return make


EXPORTERS += [
    ("StoredVersion", _stored("version_sheets")),
    ("StoreDiff", _stored("diff_sheets")),
    ("ProjectHistory", _stored("history_sheets")),
    ("Verification", _stored("verification_sheets")),
]
"""What each kind of object exports as: (class name, function making its sheets). A class
matches when it or one of its bases has the name. The function takes the object and, when it
has a second parameter, the :class:`~capex.export.sheet.Words` (language and unit) to word
the sheets in."""


def sheets(
    obj: Any, reconciliation: Any = None, *, unit: str | None = None, lang: str = "en"
) -> list[Sheet]:
    """The tables that :func:`to_excel` and :func:`to_csv` write for ``obj``.

    ``reconciliation`` (a :class:`~capex.reports.reconcile.ReconciliationReport`, or the
    :class:`~capex.model.portfolio.Portfolio` to reconcile) adds the reconciliation, the split and
    the findings to a plan's or a comparison's tables, before the assumptions. ``unit`` and
    ``lang`` say how amounts inside sentences (findings, assumptions) and every header and
    sheet name are written.

    Raises
    ------
    ExportError
        When capex does not know how to export ``obj``.
    """
    money = getattr(obj, "money", WAN)
    try:
        words = Words(lang, money.normalize_unit(unit))
    except ValueError as error:
        raise ExportError(str(error)) from None
    for kind, make in EXPORTERS:
        if is_kind(obj, kind):
            tables = _call(make, obj, words)
            break
    else:
        raise ExportError(
            f"cannot export a {type(obj).__name__}; expected a reconciliation report, a plan "
            "result, a comparison, a variance report, a re-forecast, a carry-over, a risk "
            "result, a monthly plan, an execution report, a selection or a filed plan"
        )
    if reconciliation is not None and not is_kind(obj, "ReconciliationReport"):
        report = (
            reconciliation
            if is_kind(reconciliation, "ReconciliationReport")
            else reconcile(reconciliation)
        )
        checks = [
            totals_sheet(report, words),
            split_sheet(report, words),
            findings_sheet(report, words),
        ]
        assumptions = tables[-1]
        source = pd.DataFrame(report_assumptions(report, words), columns=assumptions.frame.columns)
        assumptions.frame = pd.concat([assumptions.frame, source], ignore_index=True)
        tables = tables[:-1] + checks + [assumptions]  # the assumptions stay last
    for table in tables:
        table.money = money
    return tables


def _call(make: Callable[..., list[Sheet]], obj: Any, words: Words) -> list[Sheet]:
    """``make(obj, words)``, or ``make(obj)`` for an exporter that words its sheets itself."""
    parameters = inspect.signature(make).parameters
    return make(obj, words) if len(parameters) > 1 else make(obj)
