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
from capex.actuals import Actuals, load_actuals
from capex.bank import Bank, load_bank
from capex.baseline import Baseline
from capex.budget import BudgetLine, read_budget_lines
from capex.budget_year import FiscalYear
from capex.by_source import source_flows
from capex.cashflow import CashFlow, cash_flow, plan_split, plan_targets
from capex.check import assert_valid, check_schedule
from capex.check_selection import check_selection
from capex.compare import Comparison, compare
from capex.coverage import Coverage
from capex.errors import CapexError, DataError
from capex.execution import ExecutionReport, execution
from capex.export import to_csv, to_excel
from capex.io.sources import load_sources
from capex.io.template import write_actuals_template, write_template
from capex.money import WAN, AmountOverflowError, Money
from capex.month_profiles import MonthProfile, month_profile
from capex.monthly import MonthlyPlan, monthly
from capex.options import option_context, options
from capex.payments import Payments, load_payments, payments_to_actuals
from capex.phased import load_phased
from capex.places import SchoolPlaces, school_places
from capex.planned import Planned, planned
from capex.plotting import (
    plot_annual_spend,
    plot_carry_over,
    plot_comparison,
    plot_cumulative,
    plot_execution,
    plot_frontier,
    plot_gantt,
    plot_heatmap,
    plot_monthly,
    plot_reconciliation,
    plot_risk,
    plot_s_curve,
    plot_sources,
    plot_variance,
)
from capex.portfolio import Portfolio, PublishedTotals, load_projects
from capex.precedence import (
    PrecedenceError,
    critical_path,
    earliest_finish,
    read_precedence,
    with_precedence,
)
from capex.profiles import Profile, allocate_many, get_profile
from capex.progress import progress
from capex.psplib import read_optima, read_psplib
from capex.reconcile import ReconciliationReport, reconcile
from capex.reforecast import ReforecastResult, reforecast
from capex.result import PlanResult, ShiftResult, SpreadResult, Status
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
from capex.rollforward import HandOver, roll_forward
from capex.scenario import Scenario, ScenarioError, run_scenarios
from capex.selection import Frontier, SelectionResult
from capex.simulate import simulate
from capex.solvers.select import select
from capex.solvers.shift import shift
from capex.solvers.spread import min_flat_ceiling, spread
from capex.sources import Source, Sources
from capex.submissions import Submission, annual_plan, rolling_plan
from capex.sweep import SweepResult, sweep
from capex.synthetic import binding_ceilings, infeasible_ceilings, random_portfolio
from capex.value import ValueFramework
from capex.variance import VarianceReport, variance

__all__ = [
    "PERT",
    "WAN",
    "Actuals",
    "AmountOverflowError",
    "Bank",
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
    "FiscalYear",
    "Frontier",
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
    "SchoolPlaces",
    "SelectionResult",
    "ShiftResult",
    "Source",
    "Sources",
    "SpreadResult",
    "Status",
    "Submission",
    "SweepResult",
    "Triangular",
    "Uncertainty",
    "Uniform",
    "ValueFramework",
    "VarianceReport",
    "__version__",
    "allocate_many",
    "annual_plan",
    "assert_valid",
    "binding_ceilings",
    "cash_flow",
    "check_schedule",
    "check_selection",
    "compare",
    "critical_path",
    "earliest_finish",
    "execution",
    "get_profile",
    "infeasible_ceilings",
    "load_actuals",
    "load_bank",
    "load_payments",
    "load_phased",
    "load_projects",
    "load_sources",
    "min_flat_ceiling",
    "month_profile",
    "monthly",
    "open_store",
    "option_context",
    "options",
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
    "plot_frontier",
    "plot_gantt",
    "plot_heatmap",
    "plot_monthly",
    "plot_reconciliation",
    "plot_risk",
    "plot_s_curve",
    "plot_sources",
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
    "school_places",
    "select",
    "shift",
    "simulate",
    "source_flows",
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
