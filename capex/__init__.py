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
from capex.cashflow import CashFlow, cash_flow, plan_split, plan_targets
from capex.check import assert_valid, check_schedule
from capex.check_selection import check_selection
from capex.compare import Comparison, compare
from capex.errors import CapexError, DataError
from capex.export import to_csv, to_excel
from capex.io.template import write_template
from capex.money import WAN, AmountOverflowError, Money
from capex.phased import load_phased
from capex.places import SchoolPlaces, school_places
from capex.plotting import (
    plot_annual_spend,
    plot_carry_over,
    plot_comparison,
    plot_cumulative,
    plot_frontier,
    plot_gantt,
    plot_heatmap,
    plot_reconciliation,
    plot_risk,
    plot_s_curve,
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
    "DataError",
    "Discrete",
    "DistributionError",
    "Empirical",
    "Frontier",
    "HandOver",
    "Lognormal",
    "Money",
    "PlanResult",
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
    "SpreadResult",
    "Status",
    "SweepResult",
    "Triangular",
    "Uncertainty",
    "Uniform",
    "ValueFramework",
    "VarianceReport",
    "__version__",
    "allocate_many",
    "assert_valid",
    "binding_ceilings",
    "cash_flow",
    "check_schedule",
    "check_selection",
    "compare",
    "critical_path",
    "earliest_finish",
    "get_profile",
    "infeasible_ceilings",
    "load_actuals",
    "load_bank",
    "load_phased",
    "load_projects",
    "min_flat_ceiling",
    "parse_distribution",
    "plan_split",
    "plan_targets",
    "plot_annual_spend",
    "plot_carry_over",
    "plot_comparison",
    "plot_cumulative",
    "plot_frontier",
    "plot_gantt",
    "plot_heatmap",
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
    "run_scenarios",
    "school_places",
    "select",
    "shift",
    "simulate",
    "spread",
    "sweep",
    "to_csv",
    "to_excel",
    "variance",
    "with_precedence",
    "write_template",
]
