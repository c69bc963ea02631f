"""A baseline: what was planned, as a portfolio and its cash flow exactly as a table gives it.

A finance office keeps last year's phased budget as a table with one column per year.
:func:`capex.load_phased` reads it into a :class:`Baseline`: the projects (windows, totals,
plan-period investment) as a :class:`~capex.model.portfolio.Portfolio`, and the money of each
project in each year as written, to the last minor unit, with findings about what does not
add up (a total below the phased amounts of its row, a totals row that differs from the
column sums).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from capex._options import chosen_unit
from capex.model.cashflow import CashFlow, phased_cash_flow
from capex.model.money import Money
from capex.model.portfolio import Portfolio
from capex.model.protocol import Report
from capex.terms import check_lang, term

__all__ = ["FINDING_COLUMNS", "Baseline"]

FINDING_COLUMNS = ("project_id", "year", "severity", "rule", "message")
"""Columns of :attr:`Baseline.findings`."""


@dataclass(frozen=True, eq=False)
class Baseline(Report):
    """A portfolio and its cash flow as planned.

    Attributes
    ----------
    portfolio
        The projects: windows from the year columns (or the table's own start and end
        columns), totals from the total column (or the row sums), the plan-period investment
        from the plan years, published totals from a totals row.
    findings
        What does not add up: ``project_id`` (empty for the table as a whole), ``year``
        (empty for a whole row), ``severity`` (``error``, ``warning``, ``info``), ``rule`` and
        ``message``.
    source
        The file read (or ``"<DataFrame>"``).
    """

    portfolio: Portfolio
    _cash_flow: pd.DataFrame = field(repr=False)
    _findings: pd.DataFrame = field(repr=False)
    source: str = "<DataFrame>"

    @property
    def cash_flow(self) -> CashFlow:
        """The cash flow exactly as the table gives it, as :func:`capex.cash_flow` gives one:
        a :class:`~capex.model.cashflow.CashFlow` whose ``flows_minor`` is project × year in
        integers of the portfolio's minor unit, and whose parts before, inside and after the
        plan period are the table's own (profile ``"phased"``, nothing placed)."""
        return phased_cash_flow(self._cash_flow, self.names, self.portfolio)

    @property
    def flows_minor(self) -> pd.DataFrame:
        """The cash flow under the name capex's cash flows and reports give it (a copy)."""
        return self._cash_flow.copy()

    @property
    def names(self) -> pd.Series:
        """The projects' names by id."""
        return self.portfolio.frame["name"]

    @property
    def findings(self) -> pd.DataFrame:
        """The findings (a copy); see the class text."""
        return self._findings.copy()

    @property
    def money(self) -> Money:
        """The currency and minor unit of the amounts."""
        return self.portfolio.money

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """The cash flow in ``unit`` (the display unit, 亿元 for yuan, by default)."""
        return self.cash_flow.to_frame(
            self.money.normalize_unit(chosen_unit(unit, self.money)), lang=lang
        )

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """The cash flow as the table gives it, in a few lines (see
        :meth:`capex.model.cashflow.CashFlow.summary`), then how many findings of each kind."""
        lang = check_lang(lang)
        text = self.cash_flow.summary(unit, lang=lang)
        if len(self._findings):
            counts = self._findings["severity"].value_counts()
            text += "\n  " + term("list_separator", lang).join(
                f"{term(severity, lang)} {int(counts[severity])}"
                for severity in ("error", "warning", "info")
                if severity in counts
            )
        return text

    def __repr__(self) -> str:
        years = list(self._cash_flow.columns)
        span = f"{years[0]}-{years[-1]}" if years else "no years"
        errors = int((self._findings["severity"] == "error").sum()) if len(self._findings) else 0
        return (
            f"Baseline({self.source!r}, {len(self.portfolio)} projects, {span}, "
            f"total {self.money.format(self.portfolio.total_minor)}, {errors} error finding(s))"
        )
