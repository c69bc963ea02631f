"""Which sheets each kind of object exports as, and the one function that makes them."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

import pandas as pd

from capex._options import chosen_unit
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
from capex.export.sheet import ExportError, Sheet, Words, table_sheets
from capex.export.variance import variance_sheets
from capex.model.money import WAN
from capex.reports.reconcile import ReconciliationReport, reconcile
from capex.terms import check_lang, phrase

_EXPORTERS: dict[type, Callable[..., list[Sheet]]] = {}


def register(kind: type, make: Callable[..., list[Sheet]]) -> None:
    """Export objects of class ``kind`` (and of its subclasses that have no exporter of their
    own) with ``make(obj, words)``, or ``make(obj)`` for an exporter that words its sheets
    itself: a function returning the object's sheets."""
    _EXPORTERS[kind] = make


def exporter_for(obj: Any) -> Callable[..., list[Sheet]] | None:
    """The function making ``obj``'s sheets: the one registered for its class or for the
    nearest of its bases; ``None`` when capex does not export it."""
    for kind in type(obj).__mro__:
        if kind in _EXPORTERS:
            return _EXPORTERS[kind]
    return None


def _register_builtin() -> None:
    # the classes are imported here, not at the top: the modules defining them import
    # nothing of the export, so a result module stays cheap to import
    from capex.afterlife.execution import ExecutionReport
    from capex.afterlife.monthly import MonthlyPlan
    from capex.afterlife.reforecast import ReforecastResult
    from capex.afterlife.rollforward import HandOver
    from capex.afterlife.submissions import Submission
    from capex.afterlife.variance import VarianceReport
    from capex.io.bank import Bank
    from capex.model.actuals import Actuals
    from capex.model.baseline import Baseline
    from capex.model.cashflow import CashFlow
    from capex.model.payments import Payments
    from capex.model.portfolio import Portfolio
    from capex.reports.compare import Comparison
    from capex.reports.reconcile import ReconciliationReport
    from capex.risk.result import RiskResult
    from capex.risk.sweep_result import SweepResult
    from capex.solvers.result import PlanResult
    from capex.solvers.selection import Frontier, SelectionResult

    for kind, make in [
        (ReforecastResult, reforecast_sheets),
        (VarianceReport, variance_sheets),
        (HandOver, handover_sheets),
        (ReconciliationReport, report_sheets),
        (PlanResult, plan_sheets),
        (Comparison, comparison_sheets),
        (RiskResult, risk_sheets),
        # the budget year in months
        (MonthlyPlan, monthly_sheets),
        (ExecutionReport, execution_sheets),
        (Submission, submission_sheets),
        # the choice of the next plan
        (SelectionResult, selection_sheets),
        (Frontier, functools.partial(table_sheets, key="protocol_sheet_frontier")),
        # the inputs and the tables between: their table, as their to_frame gives it
        (Portfolio, lambda portfolio, words: report_sheets(reconcile(portfolio), words)),
        (Actuals, functools.partial(table_sheets, key="protocol_sheet_actuals")),
        (Bank, functools.partial(table_sheets, key="protocol_sheet_bank")),
        (Baseline, functools.partial(table_sheets, key="protocol_sheet_cash_flow")),
        (CashFlow, functools.partial(table_sheets, key="protocol_sheet_cash_flow")),
        (Payments, functools.partial(table_sheets, key="payments")),
        (SweepResult, functools.partial(table_sheets, key="protocol_sheet_sweep")),
    ]:
        register(kind, make)


_register_builtin()


def sheets(
    obj: Any,
    reconciliation: Any = None,
    *,
    unit: str | None = None,
    lang: str | None = None,
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
        lang = check_lang(lang or getattr(obj, "lang", None))
        words = Words(lang, money.normalize_unit(chosen_unit(unit, money)))
    except ValueError as error:
        raise ExportError(error.args[0] if error.args else str(error)) from None
    make = exporter_for(obj)
    if make is None:
        raise ExportError(phrase("err_export_kind", kind=type(obj).__name__))
    tables = _call(make, obj, words)
    if reconciliation is not None and not isinstance(obj, ReconciliationReport):
        report = (
            reconciliation
            if isinstance(reconciliation, ReconciliationReport)
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
