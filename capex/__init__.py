"""capex: time-phased cash-flow plans for public capital programmes.

Load a portfolio of projects, reconcile it against its published totals, spread its
investment over the years under budget ceilings, shift projects to fit a cut budget, and
report in 亿元 to a notebook, a plot, Excel or the command line.

>>> import capex
>>> portfolio = capex.load_projects()          # the 35 Yuecheng school projects
>>> print(capex.reconcile(portfolio).totals)   # doctest: +SKIP
"""

from capex.errors import CapexError, DataError
from capex.money import WAN_PER_YI, format_amount, to_wan, wan_to_yi
from capex.portfolio import Portfolio, PublishedTotals, load_projects

# -- reconciliation --
from capex.reconcile import plan_split

__version__ = "0.1.0"

__all__ = [
    "CapexError",
    "DataError",
    "Portfolio",
    "PublishedTotals",
    "WAN_PER_YI",
    "__version__",
    "format_amount",
    "load_projects",
    "plan_split",
    "to_wan",
    "wan_to_yi",
]
