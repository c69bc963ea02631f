"""capex: time-phased cash-flow plans for public capital programmes.

Load a portfolio of projects, reconcile it against its published totals, spread its
investment over the years under budget ceilings, shift projects to fit a cut budget, measure
the plan's cost and schedule risk by Monte Carlo, sweep many scenarios on local processes or a
Dask cluster, and report in 亿元 to a notebook, a plot, Excel or the command line.

>>> import capex
>>> portfolio = capex.load_projects()          # the 35 Yuecheng school projects
>>> capex.reconcile(portfolio).reconciles
True
"""

from capex import plotting
from capex._version import __version__
from capex.afterlife.execution import ExecutionReport, execution
from capex.afterlife.monthly import MonthlyPlan, monthly
from capex.afterlife.planned import Planned, planned
from capex.afterlife.reforecast import ReforecastResult, reforecast
from capex.afterlife.rollforward import HandOver, roll_forward
from capex.afterlife.submissions import Submission, annual_plan, rolling_plan
from capex.afterlife.variance import VarianceReport, variance
from capex.errors import CapexError, DataError
from capex.export import to_csv, to_excel
from capex.io.actuals import load_actuals
from capex.io.budget_lines import read_budget_lines
from capex.io.payments import load_payments
from capex.io.phased import load_phased
from capex.io.precedence import read_precedence, with_precedence
from capex.io.progress import progress
from capex.io.projects import load_projects
from capex.io.psplib import read_optima, read_psplib
from capex.io.template import write_actuals_template, write_template
from capex.model.actuals import Actuals
from capex.model.baseline import Baseline
from capex.model.budget import BudgetLine
from capex.model.cashflow import CashFlow, cash_flow, plan_split, plan_targets
from capex.model.coverage import Coverage
from capex.model.money import WAN, AmountOverflowError, Money
from capex.model.month_profiles import MonthProfile, month_profile
from capex.model.payments import Payments, payments_to_actuals
from capex.model.portfolio import Portfolio, PublishedTotals
from capex.model.precedence import PrecedenceError, critical_path, earliest_finish
from capex.model.profiles import Profile, allocate_many, get_profile
from capex.plotting import (
    plot_annual_spend,
    plot_carry_over,
    plot_comparison,
    plot_cumulative,
    plot_execution,
    plot_gantt,
    plot_heatmap,
    plot_monthly,
    plot_reconciliation,
    plot_risk,
    plot_s_curve,
    plot_variance,
)
from capex.reports.compare import Comparison, compare
from capex.reports.reconcile import ReconciliationReport, reconcile
from capex.risk import (
    PERT,
    Discrete,
    DistributionError,
    Empirical,
    Lognormal,
    RiskResult,
    Triangular,
    Uncertainty,
    Uniform,
    parse_distribution,
)
from capex.risk.simulate import simulate
from capex.risk.sweep import sweep
from capex.risk.sweep_result import SweepResult
from capex.solvers.check import assert_valid, check_schedule
from capex.solvers.result import PlanResult, ShiftResult, SpreadResult, Status
from capex.solvers.scenario import Scenario, ScenarioError, run_scenarios
from capex.solvers.shift import shift
from capex.solvers.spread import min_flat_ceiling, spread
from capex.solvers.synthetic import binding_ceilings, infeasible_ceilings, random_portfolio

__all__ = [
    "PERT",
    "WAN",
    "Actuals",
    "AmountOverflowError",
    "Baseline",
    "BudgetLine",
    "CapexError",
    "CashFlow",
    "Comparison",
    "Coverage",
    "DataError",
    "Discrete",
    "DistributionError",
    "Empirical",
    "ExecutionReport",
    "HandOver",
    "Lognormal",
    "Money",
    "MonthProfile",
    "MonthlyPlan",
    "Payments",
    "PlanResult",
    "Planned",
    "Portfolio",
    "PrecedenceError",
    "Profile",
    "PublishedTotals",
    "ReconciliationReport",
    "ReforecastResult",
    "RiskResult",
    "Scenario",
    "ScenarioError",
    "ShiftResult",
    "SpreadResult",
    "Status",
    "Submission",
    "SweepResult",
    "Triangular",
    "Uncertainty",
    "Uniform",
    "VarianceReport",
    "__version__",
    "allocate_many",
    "annual_plan",
    "assert_valid",
    "binding_ceilings",
    "cash_flow",
    "check_schedule",
    "compare",
    "critical_path",
    "earliest_finish",
    "execution",
    "get_profile",
    "infeasible_ceilings",
    "load_actuals",
    "load_payments",
    "load_phased",
    "load_projects",
    "min_flat_ceiling",
    "month_profile",
    "monthly",
    "open_store",
    "parse_distribution",
    "payments_to_actuals",
    "plan_split",
    "plan_targets",
    "planned",
    "plot_annual_spend",
    "plot_carry_over",
    "plot_comparison",
    "plot_cumulative",
    "plot_execution",
    "plot_gantt",
    "plot_heatmap",
    "plot_monthly",
    "plot_reconciliation",
    "plot_risk",
    "plot_s_curve",
    "plot_variance",
    "plotting",
    "progress",
    "random_portfolio",
    "read_budget_lines",
    "read_optima",
    "read_precedence",
    "read_psplib",
    "reconcile",
    "reforecast",
    "roll_forward",
    "rolling_plan",
    "run_scenarios",
    "shift",
    "simulate",
    "spread",
    "sweep",
    "to_csv",
    "to_excel",
    "variance",
    "with_precedence",
    "write_actuals_template",
    "write_template",
]


def __getattr__(name: str) -> object:
    # the plan store (SQLAlchemy, Alembic) is imported when first used, not with capex
    if name == "open_store":
        from capex.store import open_store

        return open_store
    raise AttributeError(f"module 'capex' has no attribute {name!r}")
