"""The model: the nouns every other part of capex reads, and exact money.

Nothing here reads a file, runs a solver or draws a figure: the folders above build on it
(:mod:`capex.io` reads tables into these objects, :mod:`capex.solvers` plans with them, the
afterlife, risk, reports, exports and the store read them), and it imports none of them.

* :mod:`~capex.model.money`: exact integer amounts of a minor unit, the one module that
  converts between units or does money arithmetic;
* :mod:`~capex.model.cells`: the one table of cell readings (a written year, window, amount,
  ``-`` for nothing, row labels such as 合计 and 小计), as a finance office writes them;
* :mod:`~capex.model.ids`, :mod:`~capex.model.windows`, :mod:`~capex.model.limits`,
  :mod:`~capex.model.provenance`: project ids, windows of years, the bounds capex keeps, what
  a result was made from;
* :mod:`~capex.model.portfolio`: the portfolio of projects, validated and immutable;
* :mod:`~capex.model.profiles`, :mod:`~capex.model.cashflow`: how a project's money falls
  over its window, and every project's full-window cash flow;
* :mod:`~capex.model.budget`, :mod:`~capex.model.precedence`: budget lines (the one reading
  of ceilings) and "must finish before ... starts" relations;
* :mod:`~capex.model.baseline`, :mod:`~capex.model.actuals`, :mod:`~capex.model.coverage`,
  :mod:`~capex.model.payments`: what was planned, spent and paid, and what a ledger covers;
* :mod:`~capex.model.budget_year`, :mod:`~capex.model.month_profiles`,
  :mod:`~capex.model.spring_festival`: the calendar of budget years and months.
"""

from capex._lazy import lazy_submodules

__getattr__ = lazy_submodules(__name__)
