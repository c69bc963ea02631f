"""Which sheets each kind of object exports as, and the one function that makes them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from capex.export.comparison import comparison_sheets
from capex.export.plan import plan_sheets
from capex.export.reconciliation import findings_sheet, report_sheets, split_sheet, totals_sheet
from capex.export.reforecast import reforecast_sheets
from capex.export.risk import risk_sheets
from capex.export.rollforward import handover_sheets
from capex.export.sheet import ExportError, Sheet, is_kind
from capex.export.variance import variance_sheets
from capex.money import WAN
from capex.reconcile import reconcile

EXPORTERS: list[tuple[str, Callable[[Any], list[Sheet]]]] = [
    ("ReforecastResult", reforecast_sheets),  # before PlanResult, its base
    ("VarianceReport", variance_sheets),
    ("HandOver", handover_sheets),
    ("ReconciliationReport", report_sheets),
    ("PlanResult", plan_sheets),
    ("Comparison", comparison_sheets),
    ("RiskResult", risk_sheets),
]
"""What each kind of object exports as: (class name, function making its sheets). A class
matches when it or one of its bases has the name."""


def sheets(obj: Any, reconciliation: Any = None) -> list[Sheet]:
    """The tables that :func:`to_excel` and :func:`to_csv` write for ``obj``.

    ``reconciliation`` (a :class:`~capex.reconcile.ReconciliationReport`, or the
    :class:`~capex.portfolio.Portfolio` to reconcile) adds the reconciliation, the split and
    the findings to a plan's or a comparison's tables, before the assumptions.

    Raises
    ------
    ExportError
        When capex does not know how to export ``obj``.
    """
    for kind, make in EXPORTERS:
        if is_kind(obj, kind):
            tables = make(obj)
            break
    else:
        raise ExportError(
            f"cannot export a {type(obj).__name__}; expected a reconciliation report, a plan "
            "result, a comparison, a variance report, a re-forecast, a carry-over or a risk "
            "result"
        )
    money = getattr(obj, "money", WAN)
    if reconciliation is not None and not is_kind(obj, "ReconciliationReport"):
        report = (
            reconciliation
            if is_kind(reconciliation, "ReconciliationReport")
            else reconcile(reconciliation)
        )
        checks = [totals_sheet(report), split_sheet(report), findings_sheet(report)]
        tables = tables[:-1] + checks + tables[-1:]  # the assumptions stay last
    for table in tables:
        table.money = money
    return tables
