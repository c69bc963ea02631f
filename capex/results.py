"""Every result type capex hands back, by name: what the verbs of :mod:`capex` return.

A user rarely types these names (``capex.spread(...)`` gives a :class:`SpreadResult`), so they
are not on the front door; they are listed here, in one place, for ``isinstance`` checks,
type hints and the tests of the one result protocol. Each is imported when first used.
"""

from capex._lazy import lazy_names

_NAMES = {
    "CashFlow": "capex.model.cashflow",
    "Baseline": "capex.model.baseline",
    "ReconciliationReport": "capex.reports.reconcile",
    "PlanResult": "capex.solvers.result",
    "SpreadResult": "capex.solvers.result",
    "ShiftResult": "capex.solvers.result",
    "Comparison": "capex.reports.compare",
    "SelectionResult": "capex.solvers.selection",
    "Frontier": "capex.solvers.selection",
    "RiskResult": "capex.risk.result",
    "SweepResult": "capex.risk.sweep_result",
    "Planned": "capex.solvers.planned",
    "VarianceReport": "capex.afterlife.variance",
    "ReforecastResult": "capex.afterlife.reforecast",
    "HandOver": "capex.afterlife.rollforward",
    "MonthlyPlan": "capex.afterlife.monthly",
    "ExecutionReport": "capex.afterlife.execution",
    "Submission": "capex.afterlife.submissions",
}

__all__ = [
    "Baseline",
    "CashFlow",
    "Comparison",
    "ExecutionReport",
    "Frontier",
    "HandOver",
    "MonthlyPlan",
    "PlanResult",
    "Planned",
    "ReconciliationReport",
    "ReforecastResult",
    "RiskResult",
    "SelectionResult",
    "ShiftResult",
    "SpreadResult",
    "Submission",
    "SweepResult",
    "VarianceReport",
]

__getattr__, __dir__ = lazy_names(__name__, _NAMES)
