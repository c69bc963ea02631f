"""The plan's afterlife: what a finance office does with a plan once it is made.

* :mod:`~capex.afterlife.spent`: what counts as spent in each year, inside a ledger's coverage
  and outside it;
* :mod:`~capex.afterlife.variance`, :mod:`~capex.afterlife.reforecast`,
  :mod:`~capex.afterlife.rollforward`: actual spending against the plan, the past fixed and the
  rest re-planned, the unfinished projects handed to the next plan;
* :mod:`~capex.afterlife.monthly`, :mod:`~capex.afterlife.execution`,
  :mod:`~capex.afterlife.submissions`: the budget year by month (分月用款计划), payments against
  it and the calendar (支付进度, 序时进度), and the plans an office files.

What was planned is read by :mod:`capex.solvers.planned`, below this stage. The verbs are in
:mod:`capex` (``capex.variance``, ``capex.monthly`` ...); the modules keep
their own names, so nothing here re-exports a function under a module's name.
"""

from capex._lazy import lazy_submodules

__getattr__ = lazy_submodules(__name__)
