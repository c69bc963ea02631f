"""The plans a finance office files: the annual government investment plan and the three-year
medium-term plan, made from an optimised plan, exactly.

Every autumn a department submits its projects for next year's **government investment plan**
(年度政府投资计划, compiled by the investment authority under the 政府投资条例) and the
**medium-term fiscal plan** (中期财政规划: three years, the first binding, the next two
guidance, rolled forward each year). There is no national standard layout; the common one is
shipped here, and an office renames and reorders its columns (``columns=``, ``headings=``,
:meth:`Submission.relabel`):

======================  ==================================================================
column (key)            what it holds
======================  ==================================================================
``id``, ``name``        the project
``nature``              建设性质: 续建 (under way before the year) or 新建 (starts in it)
``street``, ``scope``   建设地点, 建设内容及规模
``period``              建设周期: first and last year of the project's window
``total``               总投资: the approved total investment
``arranged``            截至上年底累计安排: money arranged (or spent, with actuals) in the
                        years before the (first) year
``this_year``           本年度投资 (annual plan), or one column per year (rolling plan):
                        the plan's amount in that year
``years_total``         the rolling plan's three years together
``later``               the rolling plan's money after its last year
``sources``             资金来源, where known (``sources=``, or the budget lines' shares)
``builder``, ``note``   建设单位, 备注
======================  ==================================================================

Projects are grouped, 续建 first, each group with its subtotal row, and the table ends in a
totals row (合计) whose year columns equal the plan's totals for those years to the minor
unit: :meth:`Submission.reconciles` checks it and the summary says so. Amounts are exact
integers inside and shown in 万元 (the unit these tables are filed in) unless asked otherwise.

``portfolio`` may be a :class:`capex.results.HandOver` (:func:`capex.roll_forward`): a carried project
then shows its approved total and its whole window, not just its remainder, and what it spent
before the hand-over counts as arranged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex.afterlife.monthly import month_money
from capex.errors import CapexError
from capex.io.texttable import number_text, render
from capex.model.actuals import Actuals
from capex.model.ids import id_key, resolve_ids
from capex.model.money import Money, checked_sum, comparison_money, rescale
from capex.model.protocol import Report
from capex.solvers.planned import plan_table
from capex.terms import Message, check_lang, phrase, said, term

__all__ = ["Submission", "annual_plan", "rolling_plan"]

NATURES = ("continuing", "new")
"""续建 and 新建, in the order the table groups them."""

ANNUAL_COLUMNS = (
    "id", "name", "nature", "street", "scope", "period", "total", "arranged", "this_year",
    "sources", "builder", "note",
)  # fmt: skip
"""The annual plan's columns, in the order shipped."""

ROLLING_COLUMNS = (
    "id", "name", "nature", "period", "total", "arranged", "years", "years_total", "later",
    "sources", "builder", "note",
)  # fmt: skip
"""The rolling plan's columns (``years`` stands for one column per year)."""

_NATURE_TERMS = {"continuing": "continuing", "new": "new_build"}

_TEXT_HEADINGS = {
    "id": "id",
    "name": "name",
    "nature": "nature",
    "street": "street",
    "scope": "scope",
    "period": "construction_period",
    "total": "total_investment",
    "sources": "funding_sources",
    "builder": "builder",
    "note": "note",
}


@dataclass(frozen=True, eq=False)
class Submission(Report):
    """A filed plan: the annual government investment plan or the rolling three-year plan.

    Attributes
    ----------
    kind
        ``"annual"`` or ``"rolling"``.
    years
        The year (annual) or the years (rolling) the plan is for.
    projects
        One row per project with money in :attr:`years`: ``name``, ``nature``
        (``continuing``/``new``), ``street``, ``scope``, ``period``, ``sources``,
        ``builder``, ``note`` (text) and ``total``, ``arranged``, one column per year,
        ``years_total`` and ``later`` (integers of :attr:`money`'s minor unit).
    plan_totals_minor
        The plan's own total of each of :attr:`years` over all its projects: the figures
        the totals row must equal.
    columns, headings
        The layout: which columns in which order, and any heading an office writes its own way
        (``{key: heading}``; a year column's key is the year).
    basis
        Where ``arranged`` comes from, in words.
    money
        The currency and minor unit (shown in 万元 for yuan).
    lang
        The language shown unless told otherwise.
    """

    kind: str
    years: tuple[int, ...]
    projects: pd.DataFrame = field(repr=False)
    plan_totals_minor: pd.Series = field(repr=False)
    columns: tuple[Any, ...] = ()
    headings: Mapping[Any, str] = field(default_factory=dict)
    basis: str = ""
    money: Money = field(default_factory=Money)
    source: Message | str = ""
    lang: str | None = None

    def __post_init__(self) -> None:
        if self.lang is not None:
            check_lang(self.lang)
        known = self.keys
        unknown = [c for c in self.columns if c not in known]
        if unknown:
            raise CapexError(
                phrase(
                    "err_after_unknown_column",
                    column=repr(unknown[0]),
                    known=", ".join(map(str, known)),
                )
            )
        wrong = [k for k in self.headings if k not in known]
        if wrong:
            raise CapexError(phrase("err_after_unknown_heading", column=repr(wrong[0])))

    # -- the layout ------------------------------------------------------------------------
    @property
    def keys(self) -> tuple[Any, ...]:
        """Every column key this plan can show, in the shipped order."""
        if self.kind == "annual":
            return ANNUAL_COLUMNS
        out: list[Any] = []
        for key in ROLLING_COLUMNS:
            out += list(self.years) if key == "years" else [key]
        return tuple(out)

    @property
    def amount_keys(self) -> tuple[Any, ...]:
        """The keys of the amount columns."""
        if self.kind == "annual":
            return ("total", "arranged", "this_year")
        return ("total", "arranged", *self.years, "years_total", "later")

    def relabel(
        self, columns: Sequence[Any] | None = None, headings: Mapping[Any, str] | None = None
    ) -> Submission:
        """The same plan with the office's columns (which, in which order) and headings."""
        return dataclasses.replace(
            self,
            columns=tuple(columns) if columns is not None else self.columns,
            headings={**self.headings, **(headings or {})},
        )

    def heading(self, key: Any, lang: str) -> str:
        """The heading of column ``key`` in ``lang`` (the office's own when it gave one)."""
        if key in self.headings:
            return str(self.headings[key])
        first = self.years[0]
        if key == "arranged":
            return term("arranged_before", lang, last=first - 1)
        if key == "this_year":
            return term("this_year", lang, year=first)
        if isinstance(key, (int, np.integer)):
            which = "year_binding" if key == first else "year_guidance"
            return term(which, lang, year=int(key))
        if key == "years_total":
            return term("years_total", lang, first=first, last=self.years[-1])
        if key == "later":
            return term("later_years", lang, last=self.years[-1])
        return term(_TEXT_HEADINGS[key], lang)

    # -- the table -------------------------------------------------------------------------
    def _column_of(self, key: Any) -> str | int:
        return self.years[0] if key == "this_year" else key

    def rows_minor(self, lang: str | None = None) -> tuple[pd.DataFrame, list[Any]]:
        """The table as filed, amounts in integers of the minor unit: each group's subtotal
        row above its projects, the totals row last; column keys as the layout orders them."""
        lang = check_lang(lang or self.lang)
        columns = list(self.columns or self.keys)
        amounts = [k for k in columns if k in self.amount_keys]
        projects = self.projects
        blocks = []
        for nature, group_key in zip(NATURES, ("group_continuing", "group_new")):
            rows = projects[projects["nature"] == nature]
            if not len(rows):
                continue
            subtotal = {k: None for k in columns}
            subtotal["name" if "name" in columns else columns[0]] = term(group_key, lang)
            for key in amounts:
                subtotal[key] = checked_sum(rows[self._column_of(key)].to_numpy())
            body = pd.DataFrame(
                {
                    key: (
                        rows.index.astype(object)
                        if key == "id"
                        else [term(_NATURE_TERMS[n], lang) for n in rows["nature"]]
                        if key == "nature"
                        else rows[self._column_of(key)].to_numpy()
                    )
                    for key in columns
                }
            )
            blocks += [pd.DataFrame([subtotal]), body]
        total = {k: None for k in columns}
        total["name" if "name" in columns else columns[0]] = term("total", lang)
        for key in amounts:
            total[key] = checked_sum(projects[self._column_of(key)].to_numpy())
        blocks.append(pd.DataFrame([total]))
        table = pd.concat(blocks, ignore_index=True)
        for key in amounts:
            table[key] = table[key].astype("Int64")
        return table[columns], amounts

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """The table as filed (see :meth:`rows_minor`), headed in ``lang``, amounts in
        ``unit`` (万元 for yuan by default)."""
        lang = check_lang(lang or self.lang)
        unit = self.money.normalize_unit(unit)
        table, amounts = self.rows_minor(lang)
        for key in amounts:
            values = table[key]
            shown = self.money.to_unit(values.fillna(0).to_numpy(np.int64), unit)
            table[key] = pd.Series(shown).where(values.notna().to_numpy(), None)
        table.columns = [self.heading(k, lang) for k in table.columns]
        table.attrs["unit"] = unit
        return table

    def totals_minor(self) -> pd.Series:
        """The totals row: every amount column summed over the projects."""
        return pd.Series(
            {k: checked_sum(self.projects[self._column_of(k)].to_numpy()) for k in self.amount_keys}
        )

    def check(self) -> list[str]:
        """What does not reconcile (empty: everything): each year column's total against the
        plan's total of that year, and each project's arranged + years + later = total."""
        found = []
        for year in self.years:
            mine = checked_sum(self.projects[year].to_numpy())
            plan = int(self.plan_totals_minor[year])
            if mine != plan:
                found.append(f"{year}: the table gives {mine}, the plan {plan}")
        if self.kind == "rolling":
            parts = (
                self.projects["arranged"] + self.projects["years_total"] + self.projects["later"]
            )
            wrong = self.projects.index[parts != self.projects["total"]]
            if len(wrong):
                found.append(f"project {wrong[0]}: arranged + years + later is not its total")
        return found

    def reconciles(self) -> bool:
        """Whether the totals row equals the plan's totals, to the minor unit."""
        return not self.check()

    # -- words -----------------------------------------------------------------------------
    def title(self, lang: str | None = None) -> str:
        lang = check_lang(lang or self.lang)
        if self.kind == "annual":
            return term("annual_plan_title", lang, year=self.years[0])
        return term("rolling_plan_title", lang, first=self.years[0], last=self.years[-1])

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """The title, how the totals reconcile, the groups, and the table."""
        lang = check_lang(lang or self.lang)
        unit = self.money.normalize_unit(unit)
        years = f"{self.years[0]}" if len(self.years) == 1 else f"{self.years[0]}-{self.years[-1]}"
        planned = checked_sum(self.plan_totals_minor.to_numpy())
        mine = checked_sum(self.projects[list(self.years)].to_numpy())
        line = (
            term("submission_reconciles", lang, years=years, total=self.money.format(mine, unit))
            if self.reconciles()
            else term(
                "submission_does_not_reconcile",
                lang,
                years=years,
                total=self.money.format(mine, unit),
                plan=self.money.format(planned, unit),
            )
        )
        counts = self.projects["nature"].value_counts()
        groups = term("list_separator", lang).join(
            f"{term(_NATURE_TERMS[n], lang)} {int(counts.get(n, 0))}" for n in NATURES
        )
        lines = [
            self.title(lang),
            "  " + line,
            "  " + groups,
            "  "
            + term(
                "item_value", lang, item=term("arranged_basis", lang), value=said(self.basis, lang)
            ),
        ]
        table = self.to_frame(unit, lang=lang)
        shown = [c for c, k in zip(table.columns, self.columns or self.keys) if k != "scope"]
        amounts = {self.heading(k, lang) for k in self.amount_keys}
        decimals = self.money.decimals(unit)
        rows = [
            [
                (
                    ""
                    if v is None or (isinstance(v, float) and np.isnan(v))
                    else number_text(v, decimals)
                    if c in amounts
                    else str(v)
                )
                for c, v in zip(shown, record)
            ]
            for record in table[shown].itertuples(index=False)
        ]
        headers = [
            term("with_unit", lang, label=c, unit=unit) if c in amounts else c for c in shown
        ]
        align = "".join("r" if c in amounts else "l" for c in shown)
        lines += ["  " + r for r in render(headers, rows, align=align).splitlines()]
        return "\n".join(lines)

    def __repr__(self) -> str:
        state = "reconciles" if self.reconciles() else "DOES NOT RECONCILE"
        return f"<{self.title('en')}: {len(self.projects)} projects, {state}>"


# ---------------------------------------------------------------------------------------
# the facts of each project
# ---------------------------------------------------------------------------------------
@dataclass
class _Facts:
    flows: pd.DataFrame  # project x year, the comparison money
    total: pd.Series
    start: pd.Series
    end: pd.Series
    spent_before: pd.Series  # money spent before the plan's own years (a hand-over)
    info: pd.DataFrame  # street, scope, builder, note
    names: pd.Series
    money: Money
    basis: Message
    source: Message | str
    covered: tuple[int, int] | None
    actual: pd.DataFrame | None  # project x covered year
    counted_from: int | None = None  # a hand-over's first year: spending before is spent_before


def _facts(portfolio: Any, plan: Any, actuals: Any, first_year: int) -> _Facts:
    from capex.afterlife.rollforward import HandOver
    from capex.model.cashflow import cash_flow
    from capex.model.payments import Payments

    hand = portfolio if isinstance(portfolio, HandOver) else None
    projects = hand.portfolio if hand is not None else portfolio
    if projects is None:
        raise CapexError(phrase("err_after_nothing_to_file"))
    if plan is None:
        plan = cash_flow(projects)
    table = plan_table(plan, projects)
    if isinstance(actuals, Payments):
        actuals = actuals.to_actuals(projects)
    money_parts = [table.money] + ([hand.money] if hand is not None else [])
    if actuals is not None:
        if not isinstance(actuals, Actuals):
            raise CapexError(phrase("err_after_actuals_kind", kind=type(actuals).__name__))
        if hand is not None:  # a ledger of the old plan: its finished projects are not filed
            old = {id_key(pid) for pid in hand.reconciliation.index}
            now = {id_key(pid) for pid in projects.ids}
            keys = actuals.frame["id"].map(id_key)
            finished = keys.isin(old - now).to_numpy()
            actuals = dataclasses.replace(actuals, frame=actuals.frame[~finished])
        actuals = actuals.for_portfolio(projects)
        money_parts.append(actuals.money)
    money = month_money(comparison_money(*money_parts))
    frame = projects.frame
    ids = frame.index
    flows = pd.DataFrame(
        rescale(table.flows.reindex(ids, fill_value=0).to_numpy(np.int64), table.money, money),
        index=ids,
        columns=table.flows.columns,
    )
    total = pd.Series(rescale(frame["total_minor"].to_numpy(), projects.money, money), index=ids)
    start, end = frame["start_year"].copy(), frame["end_year"].copy()
    spent_before = pd.Series(0, index=ids, dtype=np.int64)
    basis = phrase("arranged_from_plan", year=first_year)
    if hand is not None:
        carried = hand.carried
        old = hand.reconciliation.reindex(carried.index)
        here = resolve_ids(carried.index, ids, source="the plan")  # their labels in this plan
        spent_before.loc[here] = rescale(old["spent_minor"].to_numpy(), hand.money, money)
        total.loc[here] = rescale(old["total_minor"].to_numpy(), hand.money, money)
        start.loc[here] = carried["old_start"].to_numpy()
        basis = phrase("arranged_from_handover", first=hand.next_period[0])
    actual = None
    covered = None
    if actuals is not None and len(actuals):
        years = actuals.years
        covered = (years[0], years[-1])
        actual = pd.DataFrame(actuals.matrix(ids, years, money), index=ids, columns=years)
        basis = phrase("arranged_from_actuals", first=years[0], last=years[-1])
    info = frame.reindex(columns=["street", "scope", "builder", "note"]).fillna("")
    return _Facts(
        flows, total, start, end, spent_before, info, frame["name"], money, basis,
        table.source, covered, actual, hand.next_period[0] if hand is not None else None,
    )  # fmt: skip


def _arranged(facts: _Facts, first_year: int) -> pd.Series:
    """Money arranged in the years before ``first_year``: actuals in the years they cover,
    the plan's amounts in the others, and what a hand-over says was spent before the plan
    (a ledger's years before the hand-over are in that already, and are not counted again)."""
    since = facts.counted_from if facts.counted_from is not None else -(10**9)
    before = [y for y in facts.flows.columns if since <= y < first_year]
    arranged = facts.spent_before.copy()
    for year in before:
        column = facts.flows[year]
        if facts.actual is not None and facts.covered[0] <= year <= facts.covered[1]:
            column = facts.actual[year]
        arranged = arranged + column.to_numpy(np.int64)
    if facts.actual is not None:  # actual years before the plan's own (a ledger reaching back)
        for year in facts.actual.columns:
            if since <= year < first_year and year not in facts.flows.columns:
                arranged = arranged + facts.actual[year].to_numpy(np.int64)
    return arranged.astype(np.int64)


def _sources(
    portfolio: Any,
    ids: pd.Index,
    sources: Any,
    plan: Any = None,
    years: Sequence[int] = (),
    money: Money | None = None,
    lang: str | None = None,
) -> pd.Series:
    """资金来源 where known: the ``sources`` given, else each project's money of the filed
    years by funding source (its portfolio's sources, split as the plan splits them), else
    the budget lines' shares."""
    from capex.afterlife.rollforward import HandOver

    out = pd.Series("", index=ids, dtype=object)
    if sources is not None:
        given = pd.Series(dict(sources.items()) if isinstance(sources, Mapping) else sources)
        from capex.model.ids import resolve_ids

        labels = resolve_ids(list(given.index), ids)
        out.loc[labels] = [str(v) for v in given.to_numpy()]
        return out
    projects = portfolio.portfolio if isinstance(portfolio, HandOver) else portfolio
    if getattr(projects, "sources", None) is not None and money is not None:
        return _source_texts(projects, plan, ids, list(years), money, lang)
    for line in getattr(projects, "budget_lines", ()) or ():
        if not line.is_shared:
            continue
        share = pd.Series(line.share_array(projects.frame), index=projects.frame.index)
        for pid, value in share[share > 0].items():
            if pid in out.index:
                text = f"{line.name} {value:.0%}"
                out[pid] = f"{out[pid]}；{text}" if out[pid] else text
    return out


def _source_texts(
    projects: Any, plan: Any, ids: pd.Index, years: list[int], money: Money, lang: str
) -> pd.Series:
    """Each project's money of ``years`` by source, as text: ``一般公共预算 1,200 万元；
    政府性基金预算 3,000 万元（其中：专项债券 2,000 万元）``."""
    from capex.model.cashflow import cash_flow
    from capex.model.sources import UNASSIGNED
    from capex.solvers.by_source import source_flows

    found = source_flows(plan if plan is not None else cash_flow(projects), portfolio=projects)
    sources = found.sources
    table = found.flows_minor.reindex(columns=years, fill_value=0).sum(axis=1)
    amounts = table.unstack("source")
    values = rescale(amounts.to_numpy(np.int64), found.money, money)
    amounts = pd.DataFrame(values, index=amounts.index, columns=amounts.columns)
    out = pd.Series("", index=ids, dtype=object)
    for pid in ids:
        if pid not in amounts.index:
            continue
        row = amounts.loc[pid]
        parts = []
        for name in sources.top:
            if not row[name]:
                continue
            text = f"{name} {money.format(int(row[name]))}"
            inner = [
                f"{child} {money.format(int(row[child]))}"
                for child in sources.children(name)
                if row[child]
            ]
            if inner:
                joined_inner = term("list_separator", lang).join(inner)
                text += term("in_brackets", lang, text=term("of_which", lang, name=joined_inner))
            parts.append(text)
        if row[UNASSIGNED]:
            unassigned = money.format(int(row[UNASSIGNED]))
            parts.append(f"{term('source_unassigned', lang)} {unassigned}")
        out[pid] = term("semicolon", lang).join(parts)
    return out


def _submission(
    kind: str,
    portfolio: Any,
    plan: Any,
    actuals: Any,
    years: list[int],
    *,
    sources: Any,
    columns: Sequence[Any] | None,
    headings: Mapping[Any, str] | None,
    lang: str | None,
) -> Submission:
    stored, lang = lang, check_lang(lang)  # worded now in lang; shown later as asked
    first = years[0]
    facts = _facts(portfolio, plan, actuals, first)
    flows = facts.flows
    missing = [y for y in years if y not in flows.columns]
    if missing:
        span = (
            f"{flows.columns[0]}-{flows.columns[-1]}"
            if len(flows.columns)
            else phrase("err_after_no_years")
        )
        raise CapexError(phrase("err_after_plan_no_year", year=missing[0], span=span))
    in_years = flows[years].to_numpy(np.int64)
    keep = in_years.sum(axis=1) > 0
    ids = flows.index[keep]
    arranged = _arranged(facts, first)
    later = flows[[y for y in flows.columns if y > years[-1]]].sum(axis=1).astype(np.int64)
    table = pd.DataFrame(index=ids)
    table["name"] = facts.names.reindex(ids).to_numpy()
    started = facts.start.reindex(ids).to_numpy() < first
    table["nature"] = np.where(
        started | (arranged.reindex(ids).to_numpy() > 0), "continuing", "new"
    )
    table["street"] = facts.info["street"].reindex(ids).to_numpy()
    table["scope"] = facts.info["scope"].reindex(ids).to_numpy()
    table["period"] = [
        f"{int(a)}-{int(b)}" for a, b in zip(facts.start.reindex(ids), facts.end.reindex(ids))
    ]
    table["total"] = facts.total.reindex(ids).to_numpy(np.int64)
    table["arranged"] = arranged.reindex(ids).to_numpy(np.int64)
    for year in years:
        table[year] = flows.loc[ids, year].to_numpy(np.int64)
    table["years_total"] = table[years].sum(axis=1).astype(np.int64)
    table["later"] = later.reindex(ids).to_numpy(np.int64)
    table["sources"] = _sources(portfolio, ids, sources, plan, years, facts.money, lang).to_numpy()
    table["builder"] = facts.info["builder"].reindex(ids).to_numpy()
    table["note"] = facts.info["note"].reindex(ids).to_numpy()
    order = np.argsort(np.where(table["nature"] == "continuing", 0, 1), kind="stable")
    table = table.iloc[order]
    table.index.name = "id"
    plan_totals = pd.Series({y: checked_sum(flows[y].to_numpy()) for y in years}, name="plan_total")
    return Submission(
        kind=kind,
        years=tuple(years),
        projects=table,
        plan_totals_minor=plan_totals,
        columns=tuple(columns) if columns is not None else (),
        headings=dict(headings or {}),
        basis=facts.basis,
        money=facts.money,
        source=facts.source,
        lang=stored,
    )


def annual_plan(
    portfolio: Any,
    plan: Any = None,
    actuals: Any = None,
    year: int | None = None,
    *,
    sources: Mapping[Any, str] | pd.Series | None = None,
    columns: Sequence[Any] | None = None,
    headings: Mapping[Any, str] | None = None,
    lang: str | None = None,
) -> Submission:
    """The table a department files for the annual government investment plan (年度政府投资计划).

    Parameters
    ----------
    portfolio
        The projects (a :class:`capex.Portfolio`), or a :class:`capex.results.HandOver` whose carried
        projects keep their approved totals, whole windows and spending before the hand-over.
    plan
        The plan the year is taken from (a result, a baseline, a cash flow, a project x year
        table); the projects' own cash flow when None.
    actuals
        What was spent (:class:`capex.Actuals`, or :class:`capex.model.payments.Payments`): in the
        years they cover, 累计安排 is what was spent; ``None``: the plan's own years.
    year
        The plan's year (本年度); the portfolio's first plan year by default.
    sources
        资金来源 by project id (text), where known; else the budget lines' shares.
    columns, headings
        The office's layout: the column keys in order (see the module text), and headings of
        its own (``{key: heading}``).
    lang
        The language shown (``capex.options.lang`` by default; a filing office sets
        ``capex.options.lang = "zh"`` once, as the table is filed in Chinese).

    Returns
    -------
    Submission
        Projects with money in ``year``, 续建 then 新建, with subtotals and a totals row equal to
        the plan's ``year`` total (:meth:`Submission.reconciles`).
    """
    year = _default_year(portfolio, year)
    return _submission(
        "annual", portfolio, plan, actuals, [year],
        sources=sources, columns=columns, headings=headings, lang=lang,
    )  # fmt: skip


def rolling_plan(
    portfolio: Any,
    plan: Any = None,
    actuals: Any = None,
    first_year: int | None = None,
    *,
    years: int = 3,
    sources: Mapping[Any, str] | pd.Series | None = None,
    columns: Sequence[Any] | None = None,
    headings: Mapping[Any, str] | None = None,
    lang: str | None = None,
) -> Submission:
    """The medium-term fiscal plan (中期财政规划): ``years`` years from ``first_year``, the
    first binding and the others guidance, per project, with what was arranged before, the
    years' total and what comes after.

    Parameters are those of :func:`annual_plan`; ``first_year`` defaults to the portfolio's
    first plan year (the hand-over's next period).
    """
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 10:
        raise CapexError(phrase("err_after_rolling_years", value=repr(years)))
    first = _default_year(portfolio, first_year)
    return _submission(
        "rolling", portfolio, plan, actuals, list(range(first, first + years)),
        sources=sources, columns=columns, headings=headings, lang=lang,
    )  # fmt: skip


def _default_year(portfolio: Any, year: int | None) -> int:
    from capex.afterlife.rollforward import HandOver

    if year is not None:
        if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
            raise CapexError(phrase("err_after_not_year", value=repr(year)))
        return int(year)
    if isinstance(portfolio, HandOver):
        return portfolio.next_period[0]
    return int(portfolio.plan_period[0])
