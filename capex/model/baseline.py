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

from capex.model.money import Money
from capex.model.portfolio import Portfolio

__all__ = ["FINDING_COLUMNS", "Baseline"]

FINDING_COLUMNS = ("project_id", "year", "severity", "rule", "message")
"""Columns of :attr:`Baseline.findings`."""


@dataclass(frozen=True, eq=False)
class Baseline:
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
    def cash_flow(self) -> pd.DataFrame:
        """Project × year, integers of the portfolio's minor unit, exactly as the table gives
        them (a copy)."""
        return self._cash_flow.copy()

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

    def to_frame(self, unit: str | None = None) -> pd.DataFrame:
        """The cash flow in ``unit`` (the display unit, 亿元 for yuan, by default)."""
        unit = self.money.normalize_unit(unit)
        flows = self._cash_flow
        shown = pd.DataFrame(
            self.money.to_unit(flows.to_numpy(), unit), index=flows.index, columns=flows.columns
        )
        shown.attrs["unit"] = unit
        return shown

    def __repr__(self) -> str:
        years = list(self._cash_flow.columns)
        span = f"{years[0]}-{years[-1]}" if years else "no years"
        errors = int((self._findings["severity"] == "error").sum()) if len(self._findings) else 0
        return (
            f"Baseline({self.source!r}, {len(self.portfolio)} projects, {span}, "
            f"total {self.money.format(self.portfolio.total_minor)}, {errors} error finding(s))"
        )
