"""Reports by funding source: any plan, month table, variance or hand-over, source by source.

Every result that knows its portfolio's sources (:attr:`capex.Portfolio.sources`) can be
broken down by them: ``to_frame(by="source")`` gives a table of sources by year (or month),
``summary(by="source")`` says it in words, in English or Chinese. The money is split as
:mod:`capex.model.sources` says, exactly: each year (or month) adds up to the plan's, and each
source's row adds up to what it pays.

Nested sources are counted once: a nested source's row (其中：专项债券) is part of its
parent's, and the total adds the top-level rows (and the money of projects with no split,
reported as unassigned, 未列来源). The table says which rows are top-level in
``attrs["top"]`` and which row each nested one belongs to in ``attrs["within"]``, so that
``frame.loc[frame.attrs["top"]].sum()`` is the plan's total.

:func:`source_flows` is the one reading of a plan by source, project by project;
:func:`source_table` and :func:`source_text` show any table of sources by column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.io.texttable import amount_texts, render
from capex.model.budget_year import CALENDAR, FiscalYear
from capex.model.money import Money
from capex.model.sources import UNASSIGNED, Sources
from capex.terms import check_lang, phrase, term, with_unit

__all__ = [
    "BY",
    "SourceFlows",
    "check_by",
    "check_has_sources",
    "source_flows",
    "source_table",
    "source_text",
]

BY = (None, "source")
"""What a report may be broken down by, beside its own layout: ``by="source"``."""


def check_has_sources(sources: Any) -> Sources:
    """``sources``, or a clear error for a report made without them."""
    if sources is None:
        raise CapexError(phrase("err_solver_no_sources"))
    return sources


def check_by(by: Any) -> str | None:
    """``by`` if a report can be broken down by it, else a clear error."""
    if by not in BY:
        raise CapexError(phrase("err_solver_by", value=repr(by)))
    return by


@dataclass(frozen=True)
class SourceFlows:
    """A plan's money by project, source and year.

    Attributes
    ----------
    flows_minor
        Index ``(id, source)`` (every source, a parent including its children, then
        :data:`~capex.model.sources.UNASSIGNED`), columns the years, integers of :attr:`money`.
    sources
        The sources.
    money
        The money of the amounts.
    fiscal_year
        How the years are named.
    """

    flows_minor: pd.DataFrame
    sources: Sources
    money: Money
    fiscal_year: FiscalYear = CALENDAR

    def by_source(self, years: Sequence[int] | None = None) -> pd.DataFrame:
        """Source x year over all projects, integers (``years``: a subset, in order)."""
        table = self.flows_minor.groupby(level="source", sort=False).sum()
        table = table.reindex([*self.sources.names, UNASSIGNED])
        if years is not None:
            table = table.reindex(columns=list(years), fill_value=0)
        return table.astype(np.int64)

    def project(self, pid: Any) -> pd.DataFrame:
        """One project's money, source x year."""
        return self.flows_minor.xs(pid, level="id")


def source_flows(plan: Any, *, portfolio: Any = None) -> SourceFlows:
    """Any plan's money by project, source and year (see :mod:`capex.model.sources` for the rule).

    Parameters
    ----------
    plan
        A spread's or a deferral's result, a scenario's, a cash flow, a baseline, or a
        portfolio (its own cash flow). A spread's (and a portfolio's, a baseline's) plan
        period's money is split first and each plan year after it
        (:func:`capex.model.sources.split_plan_flows`), a spread solved under source ceilings
        taking its own parts; a deferral's whole cash flows are split year by year
        (:func:`capex.model.sources.split_flows`), as its source lines count them.
    portfolio
        The projects, for a plan that does not carry its sources.

    Raises
    ------
    CapexError
        When neither the plan nor ``portfolio`` has sources.
    """
    from capex.solvers.planned import planned
    from capex.solvers.result import PlanResult, ShiftResult, SpreadResult

    read = planned(plan)
    owner = read.portfolio if read.portfolio is not None else portfolio
    sources = getattr(plan, "sources", None)
    if sources is None and owner is not None:
        sources = owner.sources
    if sources is None and portfolio is not None:
        sources = portfolio.sources
    sources = check_has_sources(sources)
    fiscal = getattr(plan, "fiscal_year", None) or getattr(owner, "fiscal_year", CALENDAR)
    flows = read.flows_minor
    sources = sources.in_money(read.money) if sources.money != read.money else sources
    if isinstance(plan, ShiftResult):
        split = sources.flows(flows)
    else:
        period = getattr(plan, "plan_period", None) or getattr(owner, "plan_period", None)
        parts = plan.parts_minor if isinstance(plan, SpreadResult) else None
        if parts is not None:
            parts = parts.rename(index={"(rest)": UNASSIGNED}, level="line")
        years = list(range(period[0], period[1] + 1)) if period is not None else None
        if isinstance(plan, PlanResult) and years is not None:
            years = [y for y in years if y in {int(c) for c in flows.columns}]
        split = sources.flows(flows, plan_years=years, plan_parts=parts)
    return SourceFlows(split, sources, read.money, fiscal)


# ---------------------------------------------------------------------------------------
# showing a table of sources
# ---------------------------------------------------------------------------------------
def _source_label(name: str, lang: str) -> str:
    return term("source_unassigned", lang) if name == UNASSIGNED else name


def source_table(
    table_minor: pd.DataFrame,
    sources: Sources,
    money: Money,
    unit: str | None = None,
    *,
    lang: str = "en",
    total: bool = True,
) -> pd.DataFrame:
    """A source x column table (integers of ``money``) as a report shows it: amounts in
    ``unit`` (integers of the minor unit by default), the unassigned row only when it holds
    money, a ``total`` column, headed in ``lang``; ``attrs`` give the unit, the top-level
    rows (``top``) and what each nested row is within (``within``)."""
    lang = check_lang(lang)
    unit = money.unit if unit is None else money.normalize_unit(unit)
    table = table_minor.copy()
    if UNASSIGNED in table.index and not table.loc[UNASSIGNED].to_numpy().any():
        table = table.drop(index=UNASSIGNED)
    if total:
        table["total"] = table.to_numpy(np.int64).sum(axis=1)
    shown = pd.DataFrame(
        money.to_unit(table.to_numpy(np.int64), unit), index=table.index, columns=table.columns
    )
    top = [n for n in shown.index if n == UNASSIGNED or sources.parent_of(n) is None]
    labels = {n: _source_label(n, lang) for n in shown.index}
    shown = shown.rename(index=labels)
    if lang != "en":
        shown = shown.rename(columns={"total": term("total", lang)})
    shown.index.name = "source" if lang == "en" else term("source", lang)
    shown.attrs["unit"] = unit
    shown.attrs["top"] = [labels[n] for n in top]
    shown.attrs["within"] = {
        labels[n]: labels[p] for n, p in sources.within.items() if n in labels and p in labels
    }
    return shown


def source_text(
    title: str,
    table_minor: pd.DataFrame,
    sources: Sources,
    money: Money,
    unit: str | None = None,
    *,
    lang: str = "en",
    headings: Sequence[str] | None = None,
    row_total: bool = True,
) -> str:
    """A source x column table (integers of ``money``) in words: a title, a row per source
    (nested ones indented, 其中), the unassigned money where there is any, and the total of
    the top-level rows, in ``unit`` (the display unit by default); ``row_total`` adds each
    row's total as a last column."""
    lang = check_lang(lang)
    unit = money.normalize_unit(unit)
    table = table_minor.copy()
    if UNASSIGNED in table.index and not table.loc[UNASSIGNED].to_numpy().any():
        table = table.drop(index=UNASSIGNED)
    columns = [str(c) for c in (headings if headings is not None else table.columns)]
    values = table.to_numpy(np.int64)
    row_totals = values.sum(axis=1)
    top = np.array([n == UNASSIGNED or sources.parent_of(n) is None for n in table.index])
    column_totals = values[top].sum(axis=0)
    labels = []
    for name in table.index:
        depth = 0 if name == UNASSIGNED else sources.depth(name)
        label = _source_label(name, lang)
        if depth:
            label = "  " * depth + term("of_which", lang, name=label)
        labels.append(label)
    labels.append(term("total", lang))
    body = np.vstack([values, column_totals[None, :]]) if len(values) else column_totals[None, :]
    totals = [*row_totals.tolist(), int(column_totals.sum())]
    texts = [amount_texts([int(v) for v in body[:, k]], money, unit) for k in range(body.shape[1])]
    headers = [term("source", lang), *columns]
    if row_total:
        texts.append(amount_texts(totals, money, unit))
        headers.append(with_unit(term("total", lang), unit, lang))
    rows = zip(labels, *texts)
    rendered = render(headers, rows, align="l" + "r" * (len(headers) - 1), indent="  ")
    return f"{title}\n{rendered}"
