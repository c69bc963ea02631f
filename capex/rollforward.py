"""The carry-over (结转): hand the unfinished projects to the next plan, reconciled.

When a plan period closes, every budget tool does the same thing: each project's approved
total is split into what was **spent** to the end of the period, what is **carried over** to
the next one, and what is left: a **saving** (a finished project that cost less) or an
**overrun** (one that cost more). :func:`roll_forward` makes that split from the actuals and
hands over

* :attr:`HandOver.portfolio`, the next plan: each carried project with its remaining total
  (the carried amount) and the part of it in the next plan period, its window starting no
  earlier than the next period, plus any new projects. It is an ordinary portfolio: it
  reconciles with its own published totals and can be saved and loaded like any other;
* :attr:`HandOver.reconciliation`, one row per old project a finance office can file, exact:

      total = spent + carried + saving - overrun

* :attr:`HandOver.finished` and :attr:`HandOver.carried`, the two lists.

A window that ended with money left (the money was not spent in time) has a stated policy:
``past_window="carry"`` carries it into the first year of the next period, ``"release"``
closes the project and releases the money as a saving.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex.actuals import Actuals, comparison_money, rescale
from capex.errors import CapexError, DataError
from capex.money import Money, checked_sum
from capex.portfolio import Portfolio, load_projects
from capex.profiles import allocate_many, get_profile
from capex.terms import check_lang, term
from capex.windows import clip_window, year_count

__all__ = ["PAST_WINDOW_POLICIES", "HandOver", "outcome_text", "roll_forward"]

PAST_WINDOW_POLICIES = ("carry", "release")
"""What happens to money left on a window that ended before the next period."""

OUTCOMES = ("finished", "finished with saving", "finished over total", "carried")
"""The outcome of each old project in the reconciliation."""


@dataclass(frozen=True, eq=False)
class HandOver:
    """The carry-over from one plan period to the next.

    Attributes
    ----------
    portfolio
        The next plan: the carried projects (remaining totals, their part in the next period)
        and the new projects.
    reconciliation
        One row per old project: ``name``, ``outcome``, ``total_minor``, ``spent_minor``,
        ``carried_minor``, ``saving_minor``, ``overrun_minor``, with ``total = spent + carried
        + saving - overrun`` exactly.
    carried
        The carried projects: ``name``, ``carried_minor``, the part in the next period
        (``in_next_minor``) and after it (``after_next_minor``), the old and the new window.
    previous_period, next_period
        The closing and the next plan period.
    money
        The money of the amounts: the finer of the portfolio's and the actuals' minor units.
    past_window
        The policy used for windows that ended with money left.
    findings
        The actuals' findings against the old portfolio.
    lang
        The language of :meth:`summary`.
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
    lang: str = "en"

    @property
    def finished(self) -> pd.DataFrame:
        """The projects closed at the hand-over, with their saving or overrun."""
        rows = self.reconciliation["outcome"] != "carried"
        return self.reconciliation.loc[rows].copy()

    @property
    def totals(self) -> pd.Series:
        """The reconciliation's columns summed: the old total and its parts (minor unit)."""
        columns = ["total_minor", "spent_minor", "carried_minor", "saving_minor", "overrun_minor"]
        return pd.Series(
            {c: checked_sum(self.reconciliation[c].to_numpy()) for c in columns}, name="total"
        )

    def reconciles(self) -> bool:
        """Whether every old total equals spent + carried + saving - overrun, and the next
        plan's carried projects hold exactly the carried money."""
        r = self.reconciliation
        rows = (
            r["spent_minor"] + r["carried_minor"] + r["saving_minor"] - r["overrun_minor"]
            == r["total_minor"]
        ).all()
        carried_total = checked_sum(self.carried["carried_minor"].to_numpy())
        next_carried = 0
        if self.portfolio is not None and len(self.carried):
            frame = self.portfolio.frame.loc[self.carried.index]
            next_carried = checked_sum(
                rescale(frame["total_minor"].to_numpy(), self.portfolio.money, self.money)
            )
        return bool(rows) and bool(carried_total == next_carried == self.totals["carried_minor"])

    def to_frame(self, unit: str | None = None, *, lang: str = "en") -> pd.DataFrame:
        """The reconciliation in ``unit`` (the minor unit by default), amounts without the
        ``_minor`` suffix; ``lang="zh"`` heads it in Chinese."""
        check_lang(lang)
        shown = self.money.unit if unit is None else self.money.normalize_unit(unit)
        frame = self.reconciliation.copy()
        for column in [c for c in frame.columns if c.endswith("_minor")]:
            frame[column.removesuffix("_minor")] = self.money.to_unit(
                frame.pop(column).to_numpy(np.int64), shown
            )
        frame.attrs["unit"] = shown
        if lang != "en":
            frame["outcome"] = [outcome_text(o, lang) for o in frame["outcome"]]
            frame = frame.rename(
                columns=lambda c: term(_HEADINGS.get(c, c), lang) if c in _HEADINGS else c
            )
        return frame

    def summary(self, lang: str | None = None) -> str:
        """The hand-over in a few lines: the totals' split, the finished and carried projects."""
        lang = check_lang(lang or self.lang)
        money = self.money
        totals = self.totals
        first, last = self.next_period
        lines = [
            term("handover_title", lang, first=first, last=last),
            f"  {term('total', lang)} {money.format(int(totals['total_minor']))} = "
            f"{term('spent', lang)} {money.format(int(totals['spent_minor']))} + "
            f"{term('carried', lang)} {money.format(int(totals['carried_minor']))} + "
            f"{term('saving', lang)} {money.format(int(totals['saving_minor']))} - "
            f"{term('overrun', lang)} {money.format(int(totals['overrun_minor']))}"
            + ("" if self.reconciles() else "  (DOES NOT RECONCILE)"),
            f"  {term('finished', lang)}: {len(self.finished)}; {term('carried', lang)}: "
            f"{len(self.carried)}"
            + (f"; {term('new_projects', lang)}: {len(self.new_ids)}" if self.new_ids else ""),
        ]
        if self.portfolio is not None:
            lines.append(
                f"  {term('next_plan', lang)}: {len(self.portfolio)} {term('projects', lang)}, "
                f"{self.portfolio.money.format(self.portfolio.total_minor)}, "
                f"{first}-{last}: {self.portfolio.money.format(self.portfolio.plan_minor)}"
            )
        for pid, row in self.reconciliation.iterrows():
            if row["outcome"] == "finished":
                continue
            amount = {
                "carried": row["carried_minor"],
                "finished with saving": row["saving_minor"],
                "finished over total": row["overrun_minor"],
            }[row["outcome"]]
            lines.append(
                f"    #{pid} {row['name']}: {outcome_text(row['outcome'], lang)} "
                f"{money.format(int(amount))}"
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        totals = self.totals
        return (
            f"<HandOver {self.previous_period[0]}-{self.previous_period[1]} -> "
            f"{self.next_period[0]}-{self.next_period[1]}: "
            f"{len(self.finished)} finished, {len(self.carried)} carried "
            f"({self.money.format(int(totals['carried_minor']))})>"
        )

    def _repr_html_(self) -> str:
        return (
            f"<pre>{html.escape(self.summary())}</pre>"
            + self.to_frame(self.money.display_unit, lang=self.lang).to_html()
        )


_HEADINGS = {
    "name": "name",
    "outcome": "outcome",
    "total": "total_investment",
    "spent": "spent",
    "carried": "carried",
    "saving": "saving",
    "overrun": "overrun",
}
_OUTCOME_ZH = {
    "finished": "已完成",
    "finished with saving": "已完成，有结余",
    "finished over total": "已完成，超支",
    "carried": "结转",
}


def outcome_text(outcome: str, lang: str) -> str:
    """An outcome of the hand-over reconciliation in ``lang``."""
    return _OUTCOME_ZH.get(outcome, outcome) if lang == "zh" else outcome


def roll_forward(
    portfolio: Portfolio,
    actuals: Actuals,
    next_period: tuple[int, int] = (2026, 2030),
    new_projects: Portfolio | pd.DataFrame | str | Path | None = None,
    *,
    past_window: str = "carry",
    profile: Any = "uniform",
    name: str | None = None,
    lang: str = "en",
) -> HandOver:
    """Hand the unfinished projects over to the next plan period, reconciled.

    Parameters
    ----------
    portfolio
        The closing plan's projects.
    actuals
        What was spent (:func:`capex.load_actuals`); every year before the next period counts
        as spent, amounts in later years are left out (the next plan replaces them).
    next_period
        First and last year of the next plan.
    new_projects
        Projects of the next plan that are not carried over: a portfolio, a table or a CSV
        file as :func:`capex.load_projects` reads them (plan period ``next_period``, amounts
        in its display unit unless the table says otherwise). Their ids must differ from the
        carried ones.
    past_window
        ``"carry"``: money left on a window that ended before the next period is carried into
        its first year. ``"release"``: the project is closed and the money is a saving.
    profile
        How a carried project's money falls over its remaining years, to split it into the
        part in the next period and the part after it.
    name
        Title of the next plan (default: the old one's, with the next period).
    lang
        Language of the summary.

    Returns
    -------
    HandOver

    Examples
    --------
    >>> import capex
    >>> p = capex.load_projects()
    >>> flows = capex.cash_flow(p).flows_minor
    >>> spent = capex.Actuals.from_frame(flows.loc[:, :2025], money=p.money)
    >>> hand = capex.roll_forward(p, spent)
    >>> hand.reconciles(), p.money.format(int(hand.totals["carried_minor"]))
    (True, '23.4 亿元')
    """
    check_lang(lang)
    if past_window not in PAST_WINDOW_POLICIES:
        raise CapexError(
            f"unknown past_window policy {past_window!r}; use one of {', '.join(PAST_WINDOW_POLICIES)}"
        )
    try:
        first, last = (int(y) for y in next_period)
    except (TypeError, ValueError):
        raise CapexError(
            f"next_period must be two years (first, last), not {next_period!r}"
        ) from None
    if last < first:
        raise CapexError(f"the next period {first}-{last} ends before it starts")
    if first <= portfolio.plan_period[0]:
        raise CapexError(
            f"the next period {first}-{last} must start after the plan period "
            f"{portfolio.plan_period[0]}-{portfolio.plan_period[1]} begins"
        )
    profile = get_profile(profile)
    actuals = actuals.for_portfolio(portfolio)
    findings = actuals.check(portfolio, lang=lang)
    money = comparison_money(portfolio.money, actuals.money)
    frame = portfolio.frame
    ids = portfolio.ids
    total = rescale(frame["total_minor"].to_numpy(), portfolio.money, money)
    spent = actuals.to_date(ids, first - 1, money)
    start = frame["start_year"].to_numpy(np.int64)
    end = frame["end_year"].to_numpy(np.int64)
    left = total - spent

    overrun = np.maximum(-left, 0)
    left = np.maximum(left, 0)
    new_start, new_end = clip_window(start, end, (first, None))
    window_past = year_count(new_start, new_end) == 0  # no year left in the next period on
    release = window_past & (past_window == "release")
    saving = np.where(release, left, 0)
    carried = np.where(release, 0, left)
    outcome = np.where(
        carried > 0,
        "carried",
        np.where(
            overrun > 0,
            "finished over total",
            np.where(saving > 0, "finished with saving", "finished"),
        ),
    )
    reconciliation = pd.DataFrame(
        {
            "name": frame["name"].to_numpy(),
            "outcome": outcome,
            "start_year": start,
            "end_year": end,
            "total_minor": total,
            "spent_minor": spent,
            "carried_minor": carried,
            "saving_minor": saving,
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
        },
        index=ids[keep],
    )
    next_name = name or f"{portfolio.name} (carried into {first}-{last})".strip()
    next_portfolio = _next_portfolio(
        portfolio, carried_table, money, (first, last), new_projects, next_name
    )
    new_ids = tuple(
        pid
        for pid in (next_portfolio.ids if next_portfolio is not None else [])
        if pid not in carried_table.index
    )
    return HandOver(
        portfolio=next_portfolio,
        reconciliation=reconciliation,
        carried=carried_table,
        previous_period=portfolio.plan_period,
        next_period=(first, last),
        money=money,
        past_window=past_window,
        findings=findings,
        new_ids=new_ids,
        lang=lang,
    )


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
        table["fixed"] = False
        note = [
            f"carried over from {old.plan_period[0]}-{old.plan_period[1]} (window {a}-{b})"
            for a, b in zip(carried["old_start"], carried["old_end"])
        ]
        table["interpretation"] = [
            f"{text}; {n}" if text else n for text, n in zip(table["interpretation"], note)
        ]
        tables.append(table.drop(columns=["total_minor", "plan_minor"]).reset_index())
    if new_projects is not None:
        tables.append(_new_projects_table(new_projects, period, money))
    if not tables:
        return None
    combined = pd.concat(tables, ignore_index=True)
    ids = combined["id"].tolist()
    repeated = sorted({str(i) for i in ids if ids.count(i) > 1})
    if repeated:
        raise DataError(
            f"a new project has the id of a carried project: {', '.join(repeated)}; give the new "
            "projects other ids",
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
            f"the new projects are planned for {new.plan_period[0]}-{new.plan_period[1]}, "
            f"not the next period {period[0]}-{period[1]}",
            source=new.source,
        )
    target = comparison_money(money, new.money)
    if target.unit != money.unit:
        raise DataError(
            f"the new projects are written in {new.money.unit}, finer than the carried "
            f"projects' {money.unit}: give them in {money.unit} or the actuals in {new.money.unit}",
            source=new.source,
        )
    frame = new.frame
    frame["total_investment"] = [
        money.text(int(v), money.unit) for v in rescale(frame.pop("total_minor"), new.money, money)
    ]
    frame["plan_investment"] = [
        money.text(int(v), money.unit) for v in rescale(frame.pop("plan_minor"), new.money, money)
    ]
    return frame.reset_index()
