"""Solvers: each turns a portfolio and its constraints into a checked, solver-free result.

Only modules in this package import OR-Tools or HiGHS, and only when a solve runs.
``capex.spread`` and ``capex.shift`` are the entry points; the modules keep their own names
(``capex.solvers.spread``, ``capex.solvers.shift``), so nothing here re-exports a function
under a module's name.

* :mod:`~capex.solvers.spread`, :mod:`~capex.solvers.shift`, :mod:`~capex.solvers.monthly`:
  the spreading solver, the deferral optimiser (:mod:`capex.solvers._shift`) and the month
  spread, with :mod:`~capex.solvers.hall` (Hall's interval condition) and
  :mod:`~capex.solvers.ceiling_notes` (ceilings that cannot mean what they say);
* :mod:`~capex.solvers.result`, :mod:`~capex.solvers.plan_text`: the frozen, solver-free
  result of a plan and its summary in words;
* :mod:`~capex.solvers.planned`, :mod:`~capex.solvers.by_source`: any plan (a result, a cash
  flow, a baseline, a file) read over its full window, and by funding source;
* :mod:`~capex.solvers.check`: an independent check of every schedule;
* :mod:`~capex.solvers.scenario`: a named set of changes to a plan, run by these solvers;
* :mod:`~capex.solvers.synthetic`: portfolios of any size, and ceilings that bind or cannot
  be met, for tests and benchmarks.
"""

from capex._lazy import lazy_submodules

__getattr__ = lazy_submodules(__name__)
