"""capex: time-phased cash-flow plans for public capital programmes.

Load a portfolio of projects, reconcile it against its published totals, choose the next
plan from a project bank by value, spread its investment over the years under budget
ceilings, shift projects to fit a cut budget, measure the plan's cost and schedule risk by
Monte Carlo, sweep many scenarios on local processes or a Dask cluster, follow the plan
through the years, and report in 亿元 to a notebook, a plot, Excel or the command line.

The names here are the nouns and verbs a user types; the rest stays in its folder, which
follows the data flow: :mod:`capex.model` (the nouns and exact money), :mod:`capex.io`
(reading and writing files), :mod:`capex.solvers` (the plan under ceilings),
:mod:`capex.afterlife` (the plan against what was spent), :mod:`capex.risk` (distributions,
simulations and sweeps), :mod:`capex.reports`, :mod:`capex.export`, :mod:`capex.plotting`,
:mod:`capex.store` and :mod:`capex.cli`. :mod:`capex.results` names every result type.

Nothing is imported before it is used (PEP 562): ``import capex`` loads neither pandas nor
matplotlib, and ``capex.spread`` imports the solvers the first time it is read.

>>> import capex
>>> portfolio = capex.load_projects()          # the 35 Yuecheng school projects
>>> capex.reconcile(portfolio).reconciles
True
"""

from capex._lazy import lazy_names
from capex._version import __version__

_NAMES = {
    # the nouns
    "Portfolio": "capex.model.portfolio",
    "BudgetLine": "capex.model.budget",
    "Sources": "capex.model.sources",
    "FiscalYear": "capex.model.budget_year",
    "Money": "capex.model.money",
    "Actuals": "capex.model.actuals",
    "Scenario": "capex.solvers.scenario",
    "ValueFramework": "capex.model.value",
    "CapexError": "capex.errors",
    "DataError": "capex.errors",
    # reading
    "load_projects": "capex.io.projects",
    "load_phased": "capex.io.phased",
    "load_sources": "capex.io.sources",
    "read_budget_lines": "capex.io.budget_lines",
    "load_actuals": "capex.io.actuals",
    "load_payments": "capex.io.payments",
    "load_bank": "capex.io.bank",
    # planning
    "reconcile": "capex.reports.reconcile",
    "cash_flow": "capex.model.cashflow",
    "spread": "capex.solvers.spread",
    "shift": "capex.solvers.shift",
    "check_schedule": "capex.solvers.check",
    "run_scenarios": "capex.solvers.scenario",
    "compare": "capex.reports.compare",
    "select": "capex.solvers.select",
    # risk
    "simulate": "capex.risk.simulate",
    "sweep": "capex.risk.sweep",
    # after the plan
    "variance": "capex.afterlife.variance",
    "reforecast": "capex.afterlife.reforecast",
    "roll_forward": "capex.afterlife.rollforward",
    "monthly": "capex.afterlife.monthly",
    "execution": "capex.afterlife.execution",
    "annual_plan": "capex.afterlife.submissions",
    "rolling_plan": "capex.afterlife.submissions",
    # the defaults every result is shown with: language and unit, set once
    "options": "capex._options",
    "option_context": "capex._options",
    # writing and keeping
    "to_excel": "capex.export",
    "to_csv": "capex.export",
    "write_template": "capex.io.template",
    "open_store": "capex.store",
}

_SUBPACKAGES = (
    "afterlife",
    "cli",
    "errors",
    "export",
    "io",
    "model",
    "plotting",
    "reports",
    "results",
    "risk",
    "solvers",
    "store",
    "terms",
)

__all__ = [
    "Actuals",
    "BudgetLine",
    "CapexError",
    "DataError",
    "FiscalYear",
    "Money",
    "Portfolio",
    "Scenario",
    "Sources",
    "ValueFramework",
    "annual_plan",
    "cash_flow",
    "check_schedule",
    "compare",
    "execution",
    "load_actuals",
    "load_bank",
    "load_payments",
    "load_phased",
    "load_projects",
    "load_sources",
    "monthly",
    "open_store",
    "option_context",
    "options",
    "read_budget_lines",
    "reconcile",
    "reforecast",
    "roll_forward",
    "rolling_plan",
    "run_scenarios",
    "select",
    "shift",
    "simulate",
    "spread",
    "sweep",
    "to_csv",
    "to_excel",
    "variance",
    "write_template",
]

__getattr__, __dir__ = lazy_names(__name__, _NAMES, _SUBPACKAGES)
