"""The carry-over (结转): hand the unfinished projects to the next plan, reconciled.

When a plan period closes, every budget tool does the same thing: each project's approved
total is split into what was **spent** to the end of the period, what is **carried over** to
the next one (续建), and what is left: a **saving** released when a finished project cost less
(完工结余), money **suspended** with a project that was stopped (停建), or an **overrun** (one
that cost more). :func:`roll_forward` makes that split, project by project, from the actuals
and hands over

* :attr:`HandOver.portfolio`, the next plan: each carried project with its remaining total
  (the carried amount), the part of it in the next plan period and what it had already spent
  (``spent_before_minor``, so that a later hand-over on a cumulative ledger counts only the
  spending since), its window starting no earlier than the next period, plus any new
  projects. A project under way (在建) keeps its start fixed (:func:`capex.shift` never
  defers it). It is an ordinary portfolio: it reconciles with its own published totals and
  can be saved and loaded like any other;
* :attr:`HandOver.reconciliation`, the statement a finance office files, one row per old
  project (竣工决算), exact:

      total = spent + carried + saving + suspended - overrun

* :attr:`HandOver.finished` and :attr:`HandOver.carried`, the two lists.

What counts as spent follows the ledger's coverage (:func:`capex.afterlife.spent.count_spending`):
the years before it are taken as planned by default (``before="plan"``), and a ledger that
stops before the hand-over is an error unless ``as_of`` says where it stops.

Each project's closing is decided, in this order, by ``finished=`` (these projects are
finished: the rest is released), then by the ledger's status column (已完工 released, 在建
carried with its start fixed, 未开工 carried and movable, with a finding, 停建 not carried, its
money listed apart, with a finding), then by the spending: a project with money left is
carried, except that a window already past may release it (``past_window="release"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex.afterlife.spent import carried_from, check_before, count_spending
from capex.errors import CapexError, DataError
from capex.io.projects import load_projects
from capex.model.actuals import FINDING_COLUMNS, Actuals
from capex.model.budget import as_budget_lines
from capex.model.cells import CLOSING_STATUSES, closing_status
from capex.model.ids import id_key, resolve_ids
from capex.model.money import Money, checked_sum, comparison_money, rescale
from capex.model.portfolio import Portfolio
from capex.model.profiles import allocate_many, get_profile
from capex.model.protocol import Report
from capex.model.windows import clip_window, year_count
from capex.solvers.planned import planned
from capex.terms import TERMS, check_lang, findings_lines, phrase, said, term

__all__ = ["CLOSINGS", "PAST_WINDOW_POLICIES", "HandOver", "outcome_text", "roll_forward"]

PAST_WINDOW_POLICIES = ("carry", "release")
"""What happens to money left on a window that ended before the next period."""

OUTCOMES = ("finished", "finished with saving", "finished over total", "carried", "stopped")
"""The outcome of each old project in the reconciliation."""

CLOSINGS = ("finished=", "status", "past_window", "spending")
"""What decided a project's closing, in the order they are looked at: the ``finished=``
list, the ledger's status column, the ``past_window`` policy (a window already past), or its
spending alone."""

AMOUNTS = (
    "total_minor",
    "spent_minor",
    "carried_minor",
    "saving_minor",
    "suspended_minor",
    "overrun_minor",
)
"""The statement's amounts: ``total = spent + carried + saving + suspended - overrun``."""


@dataclass(frozen=True, eq=False)
class HandOver(Report):
    """The carry-over from one plan period to the next.

    Attributes
    ----------
    portfolio
        The next plan: the carried projects (remaining totals, their part in the next period)
        and the new projects.
    reconciliation
        The statement, one row per old project: ``name``, its closing ``status`` (``""``
        where none was given), what decided it (``closing``, see :data:`CLOSINGS`), the
        ``outcome``, its window, and ``total_minor``, ``spent_minor``, ``carried_minor``
        (续建), ``saving_minor`` (完工结余, released), ``suspended_minor`` (停建, listed apart)
        and ``overrun_minor``, with ``total = spent + carried + saving + suspended - overrun``
        exactly.
    carried
        The carried projects: ``name``, ``carried_minor``, the part in the next period
        (``in_next_minor``) and after it (``after_next_minor``), the old and the new window,
        ``fixed`` (under way: its start does not move) and ``spent_minor`` (spent before).
    previous_period, next_period
        The closing and the next plan period.
    money
        The money of the amounts: the finer of the portfolio's and the actuals' minor units.
    past_window
        The policy used for windows that ended with money left.
    findings
        The actuals' findings against the old portfolio, and the hand-over's own (a project
        not started or stopped, a ledger that disagrees with an earlier hand-over, the
        projects under way alone above a ceiling of the next plan).
    lang
        The language of :meth:`summary`.
    before
        How the years before the ledger's coverage were counted.
    coverage_note
        One line: the ledger's coverage and how time outside it was treated.
    sources
        The old plan's funding sources, or ``None``.
    carried_by_source_minor
        Each carried project's carried money by source (project x source, a parent
        including its children, then the unassigned; see :func:`carried_by_source`), or
        ``None``; the next plan's sources are these.
    """

    portfolio: Portfolio | None
    reconciliation: pd.DataFrame = field(repr=False)
    carried: pd.DataFrame = field(repr=False)
    previous_period: tuple[int, int]
    next_period: tuple[int, int]
    money: Money
    past_window: str = "carry"
    findings: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    new_ids: tuple[Any, ...] = ()
    lang: str | None = None
    before: str = "plan"
    coverage_note: str = ""
    sources: Any = field(default=None, repr=False)
    carried_by_source_minor: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def finished(self) -> pd.DataFrame:
        """The projects closed at the hand-over (finished or stopped), with their saving,
        suspended money or overrun."""
        rows = self.reconciliation["outcome"] != "carried"
        return self.reconciliation.loc[rows].copy()

    @property
    def totals(self) -> pd.Series:
        """The statement's amounts summed: the old total and its parts (minor unit)."""
        return pd.Series(
            {c: checked_sum(self.reconciliation[c].to_numpy()) for c in AMOUNTS}, name="total"
        )

    def statement(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """The statement with a totals row: per project total, spent, carried (续建),
        released (完工结余), suspended (停建) and overrun, and their sums, in ``unit`` (the
        minor unit by default)."""
        lang = check_lang(lang or self.lang)
        frame = self.to_frame(unit, lang=lang).drop(columns=["start_year", "end_year"])
        amounts = [c.removesuffix("_minor") for c in AMOUNTS]
        if lang != "en":
            amounts = [term(_HEADINGS[c], lang) for c in amounts]
        row = {c: "" for c in frame.columns}
        row.update({c: frame[c].sum() for c in amounts})  # exact: integers by default
        label = term("total", lang)
        out = pd.concat(
            [frame, pd.DataFrame([row], index=pd.Index([label], name=frame.index.name))]
        )
        out.attrs["unit"] = frame.attrs.get("unit")
        return out

    def next_ids(self, ids: Any) -> list[Any]:
        """The next plan's labels of the old plan's project ``ids`` (text there when a new
        project's id is text), matched as capex matches ids."""
        return resolve_ids(ids, self.portfolio.frame.index, source="the next plan")

    def reconciles(self) -> bool:
        """Whether every old total equals spent + carried + saving + suspended - overrun, and
        the next plan's carried projects hold exactly the carried money."""
        r = self.reconciliation
        rows = (
            r["spent_minor"]
            + r["carried_minor"]
            + r["saving_minor"]
            + r["suspended_minor"]
            - r["overrun_minor"]
            == r["total_minor"]
        ).all()
        carried_total = checked_sum(self.carried["carried_minor"].to_numpy())
        next_carried = 0
        if self.portfolio is not None and len(self.carried):
            frame = self.portfolio.frame.loc[self.next_ids(self.carried.index)]
            next_carried = checked_sum(
                rescale(frame["total_minor"].to_numpy(), self.portfolio.money, self.money)
            )
        return bool(rows) and bool(carried_total == next_carried == self.totals["carried_minor"])

    def by_source_minor(self) -> pd.DataFrame:
        """Source x (carried, in the next period, after it), integers: the carried money of
        every carried project by source, its part in the next period split in proportion
        (largest remainder), the rest after it."""
        from capex.model.sources import UNASSIGNED, apportion
        from capex.solvers.by_source import check_has_sources

        sources = check_has_sources(self.sources)
        names = [*sources.names, UNASSIGNED]
        table = self.carried_by_source_minor.reindex(self.carried.index).fillna(0)
        carried = table.to_numpy(np.int64)
        own = carried.copy()
        for k, name in enumerate(sources.names):  # own parts: the partition to split by
            parent = sources.parent_of(name)
            if parent is not None:
                own[:, names.index(parent)] -= carried[:, k]
        in_next_own = apportion(self.carried["in_next_minor"].to_numpy(np.int64), own)
        in_next = sources._levels(in_next_own, self.carried.index).to_numpy(np.int64)
        return pd.DataFrame(
            {
                "carried": carried.sum(axis=0),
                "in_next": in_next.sum(axis=0),
                "after_next": (carried - in_next).sum(axis=0),
            },
            index=pd.Index(names),
        )

    def to_frame(
        self, unit: str | None = None, *, lang: str | None = None, by: str | None = None
    ) -> pd.DataFrame:
        """The reconciliation in ``unit`` (the minor unit by default), amounts without the
        ``_minor`` suffix; ``lang="zh"`` heads it in Chinese. ``by="source"``: the carried
        money by source, in the next period and after it."""
        from capex.solvers.by_source import check_by, source_table

        lang = check_lang(lang)
        if check_by(by) == "source":
            table = self.by_source_minor()
            first, last = self.next_period
            table.columns = [
                term("carried", lang),
                term("in_next_period", lang, first=first, last=last),
                term("after_next_period", lang, last=last),
            ]
            return source_table(table, self.sources, self.money, unit, lang=lang, total=False)
        shown = self.money.unit if unit is None else self.money.normalize_unit(unit)
        frame = self.reconciliation.copy()
        for column in [c for c in frame.columns if c.endswith("_minor")]:
            frame[column.removesuffix("_minor")] = self.money.to_unit(
                frame.pop(column).to_numpy(np.int64), shown
            )
        frame.attrs["unit"] = shown
        if lang != "en":
            frame["outcome"] = [outcome_text(o, lang) for o in frame["outcome"]]
            frame["status"] = [term(f"status_{v}", lang) if v else "" for v in frame["status"]]
            frame["closing"] = [term(CLOSING_TERMS[v], lang) for v in frame["closing"]]
            frame = frame.rename(
                columns=lambda c: term(_HEADINGS.get(c, c), lang) if c in _HEADINGS else c
            )
        return frame

    def summary(
        self, unit: str | None = None, *, lang: str | None = None, by: str | None = None
    ) -> str:
        """The hand-over in a few lines: the totals' split, the finished and carried projects;
        ``by="source"``: the carried money by source."""
        from capex.solvers.by_source import check_by, source_text

        lang = check_lang(lang or self.lang)
        money = self.money
        if check_by(by) == "source":
            first, last = self.next_period
            table = self.by_source_minor()[["in_next", "after_next"]]
            title = term(
                "by_source_handover", lang, unit=money.display_unit, first=first, last=last
            )
            headings = [
                term("in_next_period", lang, first=first, last=last),
                term("after_next_period", lang, last=last),
            ]
            return source_text(title, table, self.sources, money, lang=lang, headings=headings)
        totals = self.totals
        first, last = self.next_period
        lines = [
            term("handover_title", lang, first=first, last=last),
            f"  {term('total', lang)} {money.format(int(totals['total_minor']))} = "
            f"{term('spent', lang)} {money.format(int(totals['spent_minor']))} + "
            f"{term('carried', lang)} {money.format(int(totals['carried_minor']))} + "
            f"{term('saving', lang)} {money.format(int(totals['saving_minor']))}"
            + (
                f" + {term('suspended', lang)} {money.format(int(totals['suspended_minor']))}"
                if totals["suspended_minor"]
                else ""
            )
            + f" - {term('overrun', lang)} {money.format(int(totals['overrun_minor']))}"
            + ("" if self.reconciles() else "  (DOES NOT RECONCILE)"),
            f"  {term('finished', lang)}: {len(self.finished)}; {term('carried', lang)}: "
            f"{len(self.carried)}"
            + (f"; {term('new_projects', lang)}: {len(self.new_ids)}" if self.new_ids else ""),
        ]
        if self.coverage_note:
            lines.append(f"  {said(self.coverage_note, lang)}")
        if self.portfolio is not None:
            lines.append(
                f"  {term('next_plan', lang)}: {len(self.portfolio)} {term('projects', lang)}, "
                f"{self.portfolio.money.format(self.portfolio.total_minor)}, "
                f"{first}-{last}: {self.portfolio.money.format(self.portfolio.plan_minor)}"
            )
        for pid, row in self.reconciliation.iterrows():
            if row["outcome"] == "finished":
                continue
            fixed = f" ({term('status_under_way', lang)})" if row["status"] == "under_way" else ""
            amount = {
                "carried": row["carried_minor"],
                "finished with saving": row["saving_minor"],
                "finished over total": row["overrun_minor"],
                "stopped": row["suspended_minor"],
            }[row["outcome"]]
            lines.append(
                f"    #{pid} {row['name']}: {outcome_text(row['outcome'], lang)} "
                f"{money.format(int(amount))}{fixed}"
            )
        if len(self.findings):
            lines.append(f"  {term('findings', lang)} ({len(self.findings)}):")
            lines += findings_lines(self.findings, lang, FINDINGS_SHOWN)
        return "\n".join(lines)

    def __repr__(self) -> str:
        totals = self.totals
        return (
            f"<HandOver {self.previous_period[0]}-{self.previous_period[1]} -> "
            f"{self.next_period[0]}-{self.next_period[1]}: "
            f"{len(self.finished)} finished, {len(self.carried)} carried "
            f"({self.money.format(int(totals['carried_minor']))})>"
        )


CLOSING_TERMS = {
    "finished=": "closing_finished",
    "status": "closing_status",
    "past_window": "closing_policy",
    "spending": "closing_default",
}

FINDINGS_SHOWN = 20
"""Findings a summary lists one by one; the rest are counted (all are in ``findings``)."""

_HEADINGS = {
    "name": "name",
    "status": "status",
    "closing": "closing",
    "outcome": "outcome",
    "total": "total_investment",
    "spent": "spent",
    "carried": "carried",
    "saving": "released",
    "suspended": "suspended",
    "overrun": "overrun",
}


def outcome_text(outcome: str, lang: str | None) -> str:
    """An outcome of the hand-over reconciliation in ``lang``: the outcome itself in English
    (as programs read it), its term (``outcome_finished_with_saving``) in Chinese."""
    key = "outcome_" + outcome.replace(" ", "_")
    return term(key, lang) if check_lang(lang) != "en" and key in TERMS else outcome


def roll_forward(
    portfolio: Portfolio,
    actuals: Actuals,
    next_period: tuple[int, int] = (2026, 2030),
    new_projects: Portfolio | pd.DataFrame | str | Path | None = None,
    *,
    past_window: str = "carry",
    finished: Any = None,
    status: Any = None,
    before: str = "plan",
    as_of: int | None = None,
    plan: Any = None,
    ceilings: Any = None,
    profile: Any = "uniform",
    name: str | None = None,
    lang: str | None = None,
) -> HandOver:
    """Hand the unfinished projects over to the next plan period, reconciled.

    Parameters
    ----------
    portfolio
        The closing plan's projects.
    actuals
        What was spent (:func:`capex.load_actuals`), with the years it covers; amounts in
        years of the next period are left out (the next plan replaces them).
    next_period
        First and last year of the next plan.
    new_projects
        Projects of the next plan that are not carried over: a portfolio, a table or a CSV
        file as :func:`capex.load_projects` reads them (plan period ``next_period``, amounts
        in its display unit unless the table says otherwise). Their ids must differ from the
        carried ones.
    past_window
        For a project that neither ``finished`` nor a status closes: ``"carry"`` (money left
        on a window that ended before the next period is carried into its first year) or
        ``"release"`` (the project is closed and the money released as a saving).
    finished
        Ids of the projects finished (竣工决算 done): whatever is left on them is released as
        a saving, whatever their status or window.
    status
        Each project's status at the close (``{id: "在建", ...}``: 已完工/竣工, 在建, 未开工,
        停建, or English); by default the ledger's status column
        (:attr:`capex.Actuals.status`).
    before
        The years before the ledger's coverage: ``"plan"`` (default: spent as planned),
        ``"zero"`` (nothing spent) or ``"refuse"`` (an error naming the projects with money
        planned there). The hand-over says in one line how they were counted.
    as_of
        The last year the ledger records, when it stops before the year before the next
        period (a hand-over drawn up before the last year closes): the years after it are
        taken as planned. By default the ledger must cover the year before the next period.
    plan
        The approved plan, for the years taken as planned (any plan
        :func:`capex.solvers.planned.planned` reads); by default the portfolio's own cash flow under
        ``profile``.
    ceilings
        The next plan's ceilings (``{year: amount}`` or budget lines), to check that the
        projects under way, whose start is fixed, fit them: a year they alone overload is a
        finding (``fixed_over_ceiling``).
    profile
        How a carried project's money falls over its remaining years, to split it into the
        part in the next period and the part after it; and the spend profile of the plan.
    name
        Title of the next plan (default: the old one's, with the next period).
    lang
        Language of the summary and the findings.

    Returns
    -------
    HandOver

    Examples
    --------
    >>> import capex
    >>> p = capex.load_projects()
    >>> flows = capex.cash_flow(p).flows_minor
    >>> spent = capex.Actuals.from_frame(flows.loc[:, 2021:2025], money=p.money)
    >>> hand = capex.roll_forward(p, spent)
    >>> hand.reconciles(), p.money.format(int(hand.totals["carried_minor"]))
    (True, '23.4 亿元')
    """
    stored, lang = lang, check_lang(lang)  # worded now in lang; shown later as asked
    check_before(before)
    if past_window not in PAST_WINDOW_POLICIES:
        raise CapexError(
            phrase(
                "err_after_past_window",
                value=repr(past_window),
                known=", ".join(PAST_WINDOW_POLICIES),
            )
        )
    try:
        first, last = (int(y) for y in next_period)
    except (TypeError, ValueError):
        raise CapexError(phrase("err_after_next_period", value=repr(next_period))) from None
    if last < first:
        raise CapexError(phrase("err_after_next_backwards", first=first, last=last))
    if first <= portfolio.plan_period[0]:
        raise CapexError(
            phrase(
                "err_after_next_after",
                first=first,
                last=last,
                plan_first=portfolio.plan_period[0],
                plan_last=portfolio.plan_period[1],
            )
        )
    profile = get_profile(profile)
    actuals = actuals.for_portfolio(portfolio)
    ids = portfolio.ids
    closing = _closings(portfolio, actuals, finished, status)
    read = planned(plan if plan is not None else portfolio, profile=profile)
    money = comparison_money(comparison_money(portfolio.money, actuals.money), read.money)
    flows = read.flows_minor.reindex(index=ids, fill_value=0)
    planned_full = pd.DataFrame(
        rescale(flows.to_numpy(np.int64), read.money, money), index=ids, columns=flows.columns
    )
    since = carried_from(portfolio)
    counted = count_spending(
        actuals,
        ids,
        planned_full,
        money,
        through=first - 1,
        as_of=as_of,
        before=before,
        carried_from=since,
        purpose="hand_over",
    )
    findings = [actuals.check(portfolio, lang=lang)]
    frame = portfolio.frame
    total = rescale(frame["total_minor"].to_numpy(), portfolio.money, money)
    spent = counted.to_date()
    start = frame["start_year"].to_numpy(np.int64)
    end = frame["end_year"].to_numpy(np.int64)
    left = total - spent

    overrun = np.maximum(-left, 0)
    left = np.maximum(left, 0)
    new_start, new_end = clip_window(start, end, (first, None))
    window_past = year_count(new_start, new_end) == 0  # no year left in the next period on
    state = closing["status"].to_numpy(dtype=object)
    decided = closing["closing"].to_numpy(dtype=object)
    released = (state == "finished") | (
        (state == "") & window_past & (past_window == "release") & (left > 0)
    )
    stopped = state == "stopped"
    decided = np.where((state == "") & released, "past_window", decided)
    saving = np.where(released, left, 0)
    suspended = np.where(stopped, left, 0)
    carried = np.where(released | stopped, 0, left)
    outcome = np.where(
        stopped,
        "stopped",
        np.where(
            carried > 0,
            "carried",
            np.where(
                overrun > 0,
                "finished over total",
                np.where(saving > 0, "finished with saving", "finished"),
            ),
        ),
    )
    reconciliation = pd.DataFrame(
        {
            "name": frame["name"].to_numpy(),
            "status": state,
            "closing": decided,
            "outcome": outcome,
            "start_year": start,
            "end_year": end,
            "total_minor": total,
            "spent_minor": spent,
            "carried_minor": carried,
            "saving_minor": saving,
            "suspended_minor": suspended,
            "overrun_minor": overrun,
        },
        index=ids,
    )

    # the carried projects in the next plan: window from the next period on (a window already
    # past is carried into its first year), money split over it
    keep = carried > 0
    new_end = np.where(window_past, first, new_end)
    years = year_count(new_start, new_end)
    flows = allocate_many(carried[keep], years[keep], profile) if keep.any() else np.zeros((0, 1))
    span = np.arange(flows.shape[1])[None, :]
    years_in_next = year_count(*clip_window(new_start, new_end, (first, last)))
    inside = span < years_in_next[keep][:, None]
    in_next = (flows * inside).sum(axis=1).astype(np.int64)
    before_minor = frame["spent_before_minor"]
    earlier = rescale(before_minor.fillna(0).to_numpy(np.int64), portfolio.money, money)
    carried_table = pd.DataFrame(
        {
            "name": frame["name"].to_numpy()[keep],
            "carried_minor": carried[keep],
            "in_next_minor": in_next,
            "after_next_minor": carried[keep] - in_next,
            "old_start": start[keep],
            "old_end": end[keep],
            "start_year": new_start[keep],
            "end_year": new_end[keep],
            "fixed": state[keep] == "under_way",
            "spent_minor": (earlier + spent)[keep],
        },
        index=ids[keep],
    )
    next_name = name or f"{portfolio.name} (carried into {first}-{last})".strip()
    next_portfolio = _next_portfolio(
        portfolio, carried_table, money, (first, last), new_projects, next_name
    )
    carried_sources = None
    if portfolio.sources is not None:
        carried_sources = carried_by_source(portfolio, reconciliation, carried_table, money)
        if next_portfolio is not None:
            next_portfolio = _with_next_sources(
                next_portfolio, portfolio, carried_sources, new_projects
            )
    carried_ids = {id_key(pid) for pid in carried_table.index}  # text in a plan with text ids
    new_ids = tuple(
        pid
        for pid in (next_portfolio.ids if next_portfolio is not None else [])
        if id_key(pid) not in carried_ids
    )
    findings.append(_closing_findings(reconciliation, money, first, last, lang))
    findings.append(_earlier_hand_over(portfolio, actuals, money, lang))
    if ceilings is not None and next_portfolio is not None:
        findings.append(_fixed_over_ceilings(next_portfolio, ceilings, profile, lang))
    found = [f for f in findings if len(f)]
    return HandOver(
        portfolio=next_portfolio,
        reconciliation=reconciliation,
        carried=carried_table,
        previous_period=portfolio.plan_period,
        next_period=(first, last),
        money=money,
        past_window=past_window,
        findings=pd.concat(found, ignore_index=True) if found else findings[0],
        new_ids=new_ids,
        lang=stored,
        before=before,
        coverage_note=counted.note,
        sources=portfolio.sources.in_money(money) if portfolio.sources is not None else None,
        carried_by_source_minor=carried_sources,
    )


def carried_by_source(
    portfolio: Portfolio, reconciliation: pd.DataFrame, carried: pd.DataFrame, money: Money
) -> pd.DataFrame:
    """Each carried project's carried money by source, exactly (project x source, a parent
    including its children, then the unassigned).

    The rule: a project's total is split by its sources' proportions, and what it spent in
    the same proportions (largest remainder, :func:`capex.model.sources.apportion`); what each
    source has left is the difference, and the carried money is split in proportion to it.
    So the carried parts add up to the carried money, none is negative, and a project
    carried whole keeps its sources' amounts.
    """
    from capex.model.sources import apportion

    sources = portfolio.sources.in_money(money)
    ids = carried.index
    total = reconciliation.loc[ids, "total_minor"].to_numpy(np.int64)
    spent = np.clip(reconciliation.loc[ids, "spent_minor"].to_numpy(np.int64), 0, None)
    own_total = apportion(total, sources.partition(ids))
    own_spent = apportion(np.minimum(spent, total), own_total)
    left = own_total - own_spent
    weights = np.where((left.sum(axis=1) > 0)[:, None], left, own_total)
    own = apportion(carried["carried_minor"].to_numpy(np.int64), weights)
    return sources._levels(own, ids)


def _with_next_sources(
    next_portfolio: Portfolio, old: Portfolio, carried: pd.DataFrame, new_projects: Any
) -> Portfolio:
    """The next plan with its sources: the carried projects' carried money by source, and
    the new projects' own split where they have one."""
    from capex.model.sources import UNASSIGNED, Sources

    sources = old.sources
    table = carried.drop(columns=[UNASSIGNED])
    table = table[table.sum(axis=1) > 0]  # a project with no split stays unassigned
    kept = Sources(sources.sources, table, next_portfolio.money)  # the hand-over's money
    if isinstance(new_projects, Portfolio) and new_projects.sources is not None:
        kept = kept.merged(new_projects.sources)
    return next_portfolio.replace(sources=kept)


def _closings(portfolio: Portfolio, actuals: Actuals, finished: Any, status: Any) -> pd.DataFrame:
    """Each project's status at the close and what decided it: ``finished=`` first, then
    the status given (or the ledger's), else none (its spending and ``past_window`` decide)."""
    ids = portfolio.ids
    state = pd.Series("", index=ids, dtype=object)
    decided = pd.Series("spending", index=ids, dtype=object)
    given = actuals.status if status is None else _status_given(status, ids)
    if len(given):
        state.loc[given.index] = given.to_numpy()
        decided.loc[given.index] = "status"
    if finished is not None:
        named = [finished] if isinstance(finished, (str, int, np.integer)) else list(finished)
        chosen = resolve_ids(named, ids, source="finished=", column="id")
        state.loc[chosen] = "finished"
        decided.loc[chosen] = "finished="
    bad = set(state) - {"", *CLOSING_STATUSES}
    assert not bad, bad
    return pd.DataFrame({"status": state, "closing": decided})


def _status_given(status: Any, ids: pd.Index) -> pd.Series:
    """``{id: 已完工, ...}`` (or a Series) read as capex's statuses, ids as the portfolio's."""
    series = pd.Series(status, dtype=object)
    chosen = resolve_ids(list(series.index), ids, source="status=", column="id")
    values = []
    for pid, value in series.items():
        try:
            values.append(closing_status(value))
        except ValueError as error:
            raise DataError(
                error.args[0] if error.args else str(error),
                source="status=",
                column="status",
                value=value,
                project_id=pid,
            ) from None
    out = pd.Series(values, index=pd.Index(chosen, name="id"), dtype=object)
    return out[out.notna()]


def _closing_findings(
    statement: pd.DataFrame, money: Money, first: int, last: int, lang: str
) -> pd.DataFrame:
    """A project carried though not started (its start may move); a stopped project's money
    listed apart; a project under way that spent nothing."""
    rows = []
    for pid, row in statement.iterrows():
        if row["status"] == "not_started" and row["carried_minor"]:
            text = term(
                "finding_not_started_carried",
                lang,
                amount=money.format(int(row["carried_minor"])),
                first=first,
                last=last,
            )
            rows.append((pid, None, "warning", "not_started_carried", text))
        elif row["status"] == "stopped":
            text = term("finding_stopped", lang, amount=money.format(int(row["suspended_minor"])))
            rows.append((pid, None, "warning", "stopped", text))
        elif row["status"] == "under_way" and not row["spent_minor"]:
            text = term("finding_under_way_spent_nothing", lang, year=first - 1)
            rows.append((pid, None, "info", "under_way_spent_nothing", text))
    return _findings(rows)


def _earlier_hand_over(
    portfolio: Portfolio, actuals: Actuals, money: Money, lang: str
) -> pd.DataFrame:
    """Projects carried in by an earlier hand-over whose ledger has spending before this plan
    that differs from what the hand-over recorded."""
    frame = portfolio.frame
    recorded = frame["spent_before_minor"]
    if not recorded.notna().any():
        return _findings([])
    first = portfolio.plan_period[0]
    ledger = actuals.to_date(portfolio.ids, first - 1, money)
    recorded_minor = rescale(recorded.fillna(0).to_numpy(np.int64), portfolio.money, money)
    rows = []
    for k in np.flatnonzero(
        recorded.notna().to_numpy() & (ledger != 0) & (ledger != recorded_minor)
    ):
        text = term(
            "finding_ledger_differs_from_handover",
            lang,
            ledger=money.format(int(ledger[k])),
            year=first,
            recorded=money.format(int(recorded_minor[k])),
        )
        rows.append((portfolio.ids[k], None, "info", "ledger_differs_from_handover", text))
    return _findings(rows)


def _fixed_over_ceilings(
    portfolio: Portfolio, ceilings: Any, profile: Any, lang: str
) -> pd.DataFrame:
    """Years of the next plan in which the projects under way (start fixed) alone draw more on
    a budget line than its ceiling: only deferring one of them would fit it."""
    from capex.model.cashflow import cash_flow

    fixed = portfolio.frame["fixed"].to_numpy(bool)
    if not fixed.any():
        return _findings([])
    money = portfolio.money
    flows = cash_flow(portfolio, profile).flows_minor
    if isinstance(ceilings, (int, float)) and not isinstance(ceilings, bool):
        ceilings = dict.fromkeys(portfolio.plan_years, ceilings)
    rows = []
    for line in as_budget_lines(ceilings):
        members = line.members(portfolio) & fixed
        if line.shares is not None or not members.any():
            continue
        need = flows.loc[members]
        for year, ceiling in sorted(line.ceilings_minor(money).items()):
            drawn = int(need[year].sum()) if year in need.columns else 0
            if drawn > ceiling:
                text = term(
                    "finding_fixed_over_ceiling",
                    lang,
                    year=year,
                    need=money.format(drawn),
                    ceiling=money.format(int(ceiling)),
                )
                rows.append((None, year, "warning", "fixed_over_ceiling", text))
    return _findings(rows)


def _findings(rows: list[tuple[Any, Any, str, str, str]]) -> pd.DataFrame:
    findings = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    findings["year"] = findings["year"].astype("Int64")
    return findings


def _next_portfolio(
    old: Portfolio,
    carried: pd.DataFrame,
    money: Money,
    period: tuple[int, int],
    new_projects: Any,
    name: str,
) -> Portfolio | None:
    """The carried projects as a loadable table, plus the new ones, loaded and validated."""
    tables = []
    if len(carried):
        table = old.frame.loc[carried.index].copy()
        table["start_year"] = carried["start_year"].to_numpy()
        table["end_year"] = carried["end_year"].to_numpy()
        table["total_investment"] = [
            money.text(int(v), money.unit) for v in carried["carried_minor"]
        ]
        table["plan_investment"] = [
            money.text(int(v), money.unit) for v in carried["in_next_minor"]
        ]
        # under way (在建): its start does not move; what it spent is recorded, so that a
        # later hand-over on a cumulative ledger counts only the spending since
        table["fixed"] = carried["fixed"].to_numpy()
        table["spent_before"] = [money.text(int(v), money.unit) for v in carried["spent_minor"]]
        note = [
            f"carried over from {old.plan_period[0]}-{old.plan_period[1]} (window {a}-{b})"
            for a, b in zip(carried["old_start"], carried["old_end"])
        ]
        table["interpretation"] = [
            f"{text}; {n}" if text else n for text, n in zip(table["interpretation"], note)
        ]
        tables.append(
            table.drop(columns=["total_minor", "plan_minor", "spent_before_minor"]).reset_index()
        )
    if new_projects is not None:
        tables.append(_new_projects_table(new_projects, period, money))
    if not tables:
        return None
    combined = pd.concat(tables, ignore_index=True)
    # compared as capex matches ids: a new project's id "1" is the carried project 1 once loaded
    ids = [id_key(i) for i in combined["id"]]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise DataError(
            phrase("err_after_new_id_taken", ids=", ".join(repeated)),
            source="new_projects",
            column="id",
            value=repeated[0],
        )
    total = sum(money.to_minor(v, money.unit) for v in combined["total_investment"])
    plan = sum(money.to_minor(v, money.unit) for v in combined["plan_investment"])
    return load_projects(
        combined,
        plan_period=period,
        amount_unit=money.unit,
        minor_unit=money.unit,
        currency=money.currency,
        name=name,
        published={
            "total_investment": money.text(total, money.unit),
            "plan_investment": money.text(plan, money.unit),
        },
    )


def _new_projects_table(source: Any, period: tuple[int, int], money: Money) -> pd.DataFrame:
    """The new projects as a table of amounts written in ``money``'s minor unit."""
    if isinstance(source, Portfolio):
        new = source
    else:
        new = load_projects(source, plan_period=period, currency=money.currency)
    if new.plan_period != period:
        raise DataError(
            phrase(
                "err_after_new_period",
                first=new.plan_period[0],
                last=new.plan_period[1],
                next_first=period[0],
                next_last=period[1],
            ),
            source=new.source,
        )
    target = comparison_money(money, new.money)
    if target.unit != money.unit:
        raise DataError(
            phrase("err_after_new_unit", unit=new.money.unit, carried=money.unit),
            source=new.source,
        )
    frame = new.frame
    spent = frame.pop("spent_before_minor")
    if spent.notna().any():
        frame["spent_before"] = [
            "" if pd.isna(v) else money.text(int(v), money.unit)
            for v in rescale(spent.fillna(0).to_numpy(np.int64), new.money, money)
        ]
        frame.loc[spent.isna().to_numpy(), "spent_before"] = ""
    frame["total_investment"] = [
        money.text(int(v), money.unit) for v in rescale(frame.pop("total_minor"), new.money, money)
    ]
    frame["plan_investment"] = [
        money.text(int(v), money.unit) for v in rescale(frame.pop("plan_minor"), new.money, money)
    ]
    return frame.reset_index()
