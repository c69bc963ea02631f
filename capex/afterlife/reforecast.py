"""Re-forecast: the past fixed at the actuals, each project's remaining money placed after it.

A re-forecast in the sense of Primavera Unifier's cash-flow forecast: every year up to the
cut-off ``as_of`` is the actual spending; after it, each project's **estimate to complete**
(its budget at completion less its actual to date) is spread over the years its window still
has, by the part of its profile not yet consumed (as Unifier's forecast curve redistributes
the pending part of its distribution profile), under the ceilings of those years, by the same
exact solver as a plan (:func:`capex.spread`, on a derived portfolio whose plan period is the
remaining years); or the projects not yet under way are deferred whole years with
:func:`capex.shift` (``method="shift"``). So, exactly, for every project:

    actual to date + estimate to complete (+ money left unscheduled) = budget at completion

Two things a ledger throws up get a stated policy, and the result lists what it did:

* a **window already past** (the window ended by the cut-off but money is left):
  ``past_window="extend"`` extends the window to the year after the cut-off and places the
  money there; ``"report"`` leaves the money unscheduled and names it;
* an **overrun** (actual to date above the total): ``overrun="raise"`` raises the budget at
  completion to the actual to date (a budget revision); ``"report"`` keeps the budget and
  reports the overrun as a negative variance at completion. Either way nothing is left to
  spend.

When the remaining money does not fit the ceilings, the result is infeasible, not an error:
it gives the least extra budget per year that makes it fit and names the years and projects,
as a spread does.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_unit
from capex.afterlife.spent import Counted, carried_from, check_before, count_spending
from capex.errors import CapexError
from capex.model.actuals import Actuals
from capex.model.budget import BudgetLine, resolve_lines
from capex.model.limits import check_year
from capex.model.money import Money, comparison_money, format_amounts, rescale
from capex.model.portfolio import Portfolio
from capex.model.profiles import Profile, get_profile
from capex.model.windows import clip_window, year_count
from capex.solvers.planned import planned
from capex.solvers.result import PlanResult, Status
from capex.terms import (
    check_lang,
    heading,
    method_words,
    phrase,
    rule_word,
    said,
    severity_word,
    term,
)

__all__ = [
    "METHODS",
    "OVERRUN_POLICIES",
    "PAST_WINDOW_POLICIES",
    "ReforecastResult",
    "reforecast",
    "remaining_portfolio",
]

METHODS = ("spread", "shift")
PAST_WINDOW_POLICIES = ("extend", "report")
OVERRUN_POLICIES = ("raise", "report")


@dataclass(frozen=True, eq=False, repr=False)
class ReforecastResult(PlanResult):
    """A re-forecast: the actuals to the cut-off, then the forecast, over all years.

    ``schedule_minor`` holds the actuals in the years up to :attr:`as_of` and the forecast
    after it; everything else a plan has (annual totals against ceilings, extra budget,
    shadow prices, messages) is there too, the past years' ceilings shown against the actuals.

    Attributes
    ----------
    as_of
        The cut-off: the last year of actuals.
    budget_minor
        Budget at completion of each project: its total investment, raised to the actual to
        date where ``overrun="raise"``.
    original_total_minor
        Each project's total investment as loaded.
    unscheduled_minor
        Money left unscheduled by ``past_window="report"`` (zeros otherwise).
    action_table
        What the re-forecast did, one row per project and action, as numbers: ``id``,
        ``action`` (``window_extended``, ``left_unscheduled``, ``budget_raised``,
        ``overrun_reported``), ``amount_minor``, the project's ``spent_minor`` and
        ``total_minor`` and its window; :attr:`actions` adds a sentence for each.
    past_window, overrun, forecast_method
        The policies and the method used.
    delays
        With ``method="shift"``: the whole years each project was deferred.
    findings
        The actuals' findings against the portfolio (see :meth:`capex.Actuals.check`).
    before
        How the years before the ledger's coverage were counted (``"plan"``: as planned,
        shown in the schedule's years to the cut-off; ``"zero"``: nothing spent).
    coverage_note
        One line: the ledger's coverage and how time outside it was treated.
    """

    as_of: int = 0
    budget_minor: pd.Series = field(default_factory=lambda: pd.Series(dtype=np.int64))
    original_total_minor: pd.Series = field(default_factory=lambda: pd.Series(dtype=np.int64))
    unscheduled_minor: pd.Series = field(default_factory=lambda: pd.Series(dtype=np.int64))
    action_table: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(ACTION_COLUMNS)), repr=False
    )
    past_window: str = "extend"
    overrun: str = "report"
    forecast_method: str = "spread"
    delays: pd.Series | None = None
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)
    lang: str | None = None
    before: str = "plan"
    coverage_note: str = ""

    @property
    def actions(self) -> pd.DataFrame:
        """What the re-forecast did, one row per project and action: ``id``, ``action``,
        ``amount_minor`` and a sentence, ``detail``, in the result's language."""
        table = self.action_table[["id", "action", "amount_minor"]].copy()
        table["detail"] = describe_actions(self.action_table, self.money, self.as_of, self.lang)
        return table

    # -- the two halves -------------------------------------------------------------------
    @property
    def actual_minor(self) -> pd.DataFrame:
        """The years up to the cut-off: the actuals."""
        return self.schedule_minor.loc[:, [y for y in self.years if y <= self.as_of]]

    @property
    def forecast_minor(self) -> pd.DataFrame:
        """The years after the cut-off: the forecast."""
        return self.schedule_minor.loc[:, [y for y in self.years if y > self.as_of]]

    @property
    def to_date_minor(self) -> pd.Series:
        """Actual to date of each project."""
        return self.actual_minor.sum(axis=1).astype(np.int64).rename("actual_to_date")

    @property
    def remaining_minor(self) -> pd.Series:
        """Estimate to complete of each project: the forecast's row sum."""
        return self.forecast_minor.sum(axis=1).astype(np.int64).rename("remaining")

    @property
    def at_completion_minor(self) -> pd.Series:
        """Estimate at completion: actual to date + estimate to complete + unscheduled."""
        return (self.to_date_minor + self.remaining_minor + self.unscheduled_minor).rename(
            "at_completion"
        )

    def projects(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """Per project: budget at completion, actual to date, estimate to complete,
        unscheduled, estimate at completion and the variance at completion (budget - estimate
        at completion: negative is an overrun), in ``unit`` (the minor unit by default)."""
        lang = check_lang(lang)
        unit = self.money.unit if unit is None else self.money.normalize_unit(unit)
        columns = {
            "budget": self.budget_minor,
            "actual_to_date": self.to_date_minor,
            "remaining": self.remaining_minor,
            "unscheduled": self.unscheduled_minor,
            "at_completion": self.at_completion_minor,
            "variance_at_completion": self.original_total_minor - self.at_completion_minor,
        }
        frame = pd.DataFrame({"name": self.names.reindex(self.schedule_minor.index)})
        for key, values in columns.items():
            frame[key] = self.money.to_unit(values.reindex(frame.index).to_numpy(np.int64), unit)
        frame.attrs["unit"] = unit
        if lang != "en":
            frame = frame.rename(columns=lambda c: heading(c, lang))
        return frame

    # -- reading ----------------------------------------------------------------------------
    def _headline(self) -> str:
        base = super()._headline()
        return base.replace(type(self).__name__, f"{type(self).__name__} as of {self.as_of}", 1)

    def summary(
        self, unit: str | None = None, *, lang: str | None = None, by: str | None = None
    ) -> str:
        lang = check_lang(lang or self.lang)
        money = self.money
        unit = money.normalize_unit(chosen_unit(unit, money))
        separator = term("list_separator", lang)
        amounts = [
            f"{term(key, lang)} {money.format(int(values.sum()), unit)}"
            for key, values in (
                ("budget", self.budget_minor),
                ("actual_to_date", self.to_date_minor),
                ("remaining", self.remaining_minor),
                ("unscheduled", self.unscheduled_minor),
            )
            if key != "unscheduled" or self.unscheduled_minor.any()
        ]
        method = (
            term(f"forecast_{self.forecast_method}", lang)
            if self.forecast_method in ("spread", "shift")
            else method_words(self.forecast_method, lang)
        )
        lines = [
            term("reforecast_title", lang, as_of=self.as_of) + term("bracketed", lang, text=method),
            "  " + separator.join(amounts),
        ]
        if self.coverage_note:
            lines.append(f"  {said(self.coverage_note, lang)}")
        lines += super().summary(unit, lang=lang).splitlines()[1:]
        if len(self.findings):
            lines.append(f"  {term('findings', lang)} ({len(self.findings)}):")
            lines += [
                f"    {severity_word(row.severity, lang):<8} #{row.project_id} "
                f"[{rule_word(row.rule, lang)}] {said(row.message, lang)}"
                for row in self.findings.itertuples(index=False)
            ]
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# the derived portfolio
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Remaining:
    """Each project's money after the cut-off, and the portfolio the solver sees."""

    portfolio: Portfolio | None  # the projects with money to place; None when there are none
    money: Money
    to_date: np.ndarray
    budget: np.ndarray
    total: np.ndarray
    unscheduled: np.ndarray
    actions: pd.DataFrame


def remaining_portfolio(
    portfolio: Portfolio,
    actuals: Actuals,
    as_of: int | None = None,
    *,
    past_window: str = "extend",
    overrun: str = "report",
    profile: Any = "uniform",
    before: str = "plan",
    plan: Any = None,
) -> tuple[Portfolio | None, pd.DataFrame]:
    """The portfolio of the money still to spend after ``as_of``, and what was done to get it.

    Each project with money left keeps its id, name and attributes; its window starts the
    year after the cut-off (or later, where it started later), its total and plan investment
    are its estimate to complete, and the plan period runs from the year after the cut-off to
    the last year of any window. ``None`` when nothing is left to spend. The actual to date
    counts the years before the ledger's coverage by ``before`` (see :func:`reforecast`).
    """
    actuals = actuals.for_portfolio(portfolio)
    counted = _counted(portfolio, actuals, as_of, before, plan, profile)
    remaining = _remaining(portfolio, counted, past_window, overrun, profile)
    return remaining.portfolio, remaining.actions


def _counted(
    portfolio: Portfolio,
    actuals: Actuals,
    as_of: int | None,
    before: str,
    plan: Any,
    profile: Any,
) -> Counted:
    """What counts as spent to the cut-off (by default the last year the ledger covers)."""
    check_before(before)
    if as_of is None:
        if actuals.coverage is None:
            raise CapexError(phrase("err_after_actuals_no_year"))
        as_of = actuals.coverage.last_whole
    read = planned(plan if plan is not None else portfolio, profile=profile)
    money = comparison_money(comparison_money(portfolio.money, actuals.money), read.money)
    ids = portfolio.ids
    flows = read.flows_minor.reindex(index=ids, fill_value=0)
    planned_full = pd.DataFrame(
        rescale(flows.to_numpy(np.int64), read.money, money), index=ids, columns=flows.columns
    )
    return count_spending(
        actuals,
        ids,
        planned_full,
        money,
        through=int(as_of),
        before=before,
        carried_from=carried_from(portfolio),
    )


def _remaining(
    portfolio: Portfolio,
    counted: Counted,
    past_window: str,
    overrun: str,
    profile: Any = "uniform",
) -> _Remaining:
    money = counted.money
    as_of = counted.as_of
    ids = portfolio.ids
    frame = portfolio.frame
    total = rescale(frame["total_minor"].to_numpy(), portfolio.money, money)
    to_date = counted.to_date()
    start = frame["start_year"].to_numpy(np.int64)
    end = frame["end_year"].to_numpy(np.int64)
    left = total - to_date
    over = left < 0
    budget = np.where(over & (overrun == "raise"), to_date, total)
    overrun_action = "budget_raised" if overrun == "raise" else "overrun_reported"
    left = np.maximum(left, 0)

    first = as_of + 1
    new_start, new_end = clip_window(start, end, (first, None))
    past = (year_count(new_start, new_end) == 0) & (left > 0)  # no year left after the cut-off
    unscheduled = np.zeros(len(ids), dtype=np.int64)
    past_action = "window_extended" if past_window == "extend" else "left_unscheduled"
    actions = _action_table(
        ids, over, overrun_action, past, past_action, total - to_date, left, to_date, total,
        start, end,
    )  # fmt: skip
    if past_window == "extend":
        new_end = np.where(past, first, new_end)
    else:
        unscheduled = np.where(past, left, 0)
        left = np.where(past, 0, left)

    placed = left > 0
    if not placed.any():
        return _Remaining(None, money, to_date, budget, total, unscheduled, actions)
    derived = frame.loc[placed].copy()
    derived["start_year"] = new_start[placed]
    derived["end_year"] = new_end[placed]
    derived["total_minor"] = left[placed]
    derived["plan_minor"] = left[placed]
    derived["fixed"] = start[placed] <= as_of  # under way at the cut-off: only new starts move
    derived["profile"] = _pending_profiles(portfolio, profile, new_start, new_end)[placed]
    last = int(new_end[placed].max())
    graph = portfolio.precedence
    if graph is not None:
        graph = graph.subgraph(derived.index).copy()
    sub = Portfolio(
        derived,
        plan_period=(first, last),
        name=f"{portfolio.name} (remaining after {as_of})".strip(),
        source=portfolio.source,
        budget_lines=(),
        precedence=graph,
        money=money,
    )
    return _Remaining(sub, money, to_date, budget, total, unscheduled, actions)


ACTION_COLUMNS = ("id", "action", "amount_minor", "spent_minor", "total_minor", "start", "end")


def _action_table(
    ids: pd.Index,
    over: np.ndarray,
    overrun_action: str,
    past: np.ndarray,
    past_action: str,
    short: np.ndarray,
    left: np.ndarray,
    to_date: np.ndarray,
    total: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
) -> pd.DataFrame:
    """One row per overrun and per window already past, as numbers; the sentences that
    describe them are made when they are read (:func:`describe_actions`)."""
    rows = np.concatenate([np.flatnonzero(over), np.flatnonzero(past)])
    kinds = [overrun_action] * int(over.sum()) + [past_action] * int(past.sum())
    amount = np.concatenate([-short[over], left[past]])
    return pd.DataFrame(
        {
            "id": ids.to_numpy()[rows],
            "action": pd.Series(kinds, dtype=object),
            "amount_minor": amount.astype(np.int64),
            "spent_minor": to_date[rows],
            "total_minor": total[rows],
            "start": start[rows],
            "end": end[rows],
        },
        columns=list(ACTION_COLUMNS),
    )


def describe_actions(table: pd.DataFrame, money: Money, as_of: int, lang: str = "en") -> list[str]:
    """A sentence for each row of a re-forecast's action table, in ``lang``."""
    sentences = []
    amounts = format_amounts(money, table["amount_minor"].to_numpy())
    spent = format_amounts(money, table["spent_minor"].to_numpy())
    totals = format_amounts(money, table["total_minor"].to_numpy())
    templates = {kind: term(f"action_{kind}", lang) for kind in pd.unique(table["action"])}
    columns = zip(table["action"], amounts, spent, totals, table["start"], table["end"])
    for kind, amount, spent_text, total_text, start, end in columns:
        sentences.append(
            templates[kind].format(
                amount=amount,
                spent=spent_text,
                total=total_text,
                start=int(start),
                end=int(end),
                as_of=as_of,
                first=as_of + 1,
            )
        )
    return sentences


def _pending_profiles(
    portfolio: Portfolio, profile: Any, new_start: np.ndarray, new_end: np.ndarray
) -> np.ndarray:
    """Each project's profile over its remaining years: the part of its profile over the whole
    window that is still pending, scaled to one (as Unifier's forecast redistributes the
    unconsumed part of the profile). A uniform profile stays uniform, so it is left as it is;
    a window extended past its end takes its remaining money in one year."""
    from capex.model.cashflow import project_profiles

    texts = np.asarray(portfolio.column("profile"), dtype=object).copy()
    default = get_profile(profile)
    if not np.any(texts != "") and default.name == "uniform":
        return texts  # the usual case, and the fast one
    codes, profiles = project_profiles(portfolio, default)
    start = portfolio.column("start_year")
    end = portfolio.column("end_year")
    tail = (new_start > start) & (new_end == end) & (new_start <= end)
    cache: dict[tuple[int, int, int], str] = {}
    for i in np.flatnonzero(tail):
        key = (int(codes[i]), int(end[i] - start[i] + 1), int(new_start[i] - start[i]))
        if key not in cache:
            code, length, offset = key
            weights = profiles[code].weights(length)[offset:]
            cache[key] = (
                Profile.from_weights(weights / weights.sum()).name
                if weights.sum() > 0
                else "uniform"
            )
        texts[i] = cache[key]
    return texts


def _resolve_lines(
    portfolio: Portfolio, ceilings: Any, as_of: int
) -> tuple[tuple[BudgetLine, ...], tuple[BudgetLine, ...]]:
    """The budget lines meant by ``ceilings`` as given (:func:`capex.model.budget.resolve_lines`:
    one number is a ceiling for every plan year after the cut-off), and the same lines with
    only the ceilings of the years after the cut-off (those the forecast must keep)."""
    first_plan, last_plan = portfolio.plan_period
    after_first, after_last = clip_window(first_plan, last_plan, (as_of + 1, None))
    lines = resolve_lines(
        portfolio, ceilings, any_year=True, years=range(after_first, after_last + 1)
    )
    future = []
    for line in lines:
        kept = {y: v for y, v in line.ceilings.items() if y > as_of}
        if kept or line.ceilings == {}:
            future.append(
                BudgetLine(line.name, kept, line.rule, line.shares, line.unit, line.within)
            )
    return lines, tuple(future)


def _is_whole_plan(line: BudgetLine) -> bool:
    return line.shares is None and (line.rule is None or line.rule == "all")


def _line_frames(
    inner: PlanResult | None,
    lines: tuple[BudgetLine, ...],
    portfolio: Portfolio,
    past: np.ndarray,
    years: pd.Index,
    as_of: int,
    money: Money,
) -> dict[str, pd.DataFrame]:
    """The forecast's per-line tables over all years: in the years to the cut-off, each line's
    ceiling as given and what its projects actually drew (a line funding shares of projects
    has no exact actual draw: left empty)."""
    drawn = getattr(inner, "line_totals_minor", None)
    if drawn is None:
        return {}
    names = drawn.index
    past_years = [y for y in years if y <= as_of]
    by_name = {line.name: line for line in lines}
    ceilings = pd.DataFrame(pd.NA, index=names, columns=years, dtype="Int64")
    totals = pd.DataFrame(pd.NA, index=names, columns=years, dtype="Int64")
    extra = pd.DataFrame(0, index=names, columns=years, dtype=np.int64)
    shadow = pd.DataFrame(0.0, index=names, columns=years)
    for name in names:
        line = by_name.get(name)
        if line is not None:
            for year, value in line.ceilings_minor(money).items():
                if year in ceilings.columns:
                    ceilings.loc[name, year] = value
            if not line.is_shared:
                members = line.members(portfolio)
                totals.loc[name, past_years] = past[members].sum(axis=0)
    future = [y for y in years if y > as_of]
    for target, source in (
        (ceilings, inner.line_ceilings_minor),
        (totals, drawn),
        (extra, inner.line_extra_budget_minor),
        (shadow, inner.line_shadow_prices),
    ):
        if source is not None:
            target.loc[:, future] = source.reindex(index=names, columns=future).to_numpy()
    return {
        "line_ceilings_minor": ceilings,
        "line_totals_minor": totals,
        "line_extra_budget_minor": extra,
        "line_shadow_prices": shadow,
    }


# ---------------------------------------------------------------------------------------
# the function
# ---------------------------------------------------------------------------------------
def reforecast(
    portfolio: Portfolio,
    actuals: Actuals,
    as_of: int | None = None,
    ceilings: Any = None,
    profile: Any = "uniform",
    method: str = "spread",
    *,
    before: str = "plan",
    plan: Any = None,
    past_window: str = "extend",
    overrun: str = "report",
    max_delay: int | None = 2,
    time_limit: float | None = 10.0,
    seed: int = 0,
    num_workers: int = 1,
    lang: str | None = None,
) -> ReforecastResult:
    """Fix the years to ``as_of`` at the actuals and forecast the rest under the ceilings.

    Parameters
    ----------
    portfolio
        The projects and their totals (the budget at completion).
    actuals
        What was spent (:func:`capex.load_actuals`), with the years it covers; an id the
        portfolio does not have is an error. Amounts after the cut-off are left out and said
        so.
    as_of
        The cut-off: the last year of actuals; by default the last year the ledger covers
        whole. A cut-off beyond the ledger's coverage is an error naming the years it lacks
        (load the ledger with ``years=`` if it covers them with nothing spent).
    ceilings
        Ceilings as :func:`capex.spread` takes them (``{year: 亿元}``, one number for every plan
        year after the cut-off, budget lines), or ``None`` for the portfolio's own budget
        lines. Ceilings of years up to the cut-off are shown against the actuals; the years
        after it bind the forecast.
    profile
        Spend profile of the remaining money over each project's remaining years, and of the
        plan's cash flow when ``plan`` is not given.
    before
        The years before the ledger's coverage: ``"plan"`` (default: spent as planned),
        ``"zero"`` (nothing spent) or ``"refuse"`` (an error naming the projects with money
        planned there). The result says in one line how they were counted.
    plan
        The approved plan, for ``before="plan"`` (any plan :func:`capex.solvers.planned.planned`
        reads); by default the portfolio's own cash flow under ``profile``.
    method
        ``"spread"``: place each project's remaining money in its remaining years, as close to
        the profile as the ceilings allow (min-cost flow, exact). ``"shift"``: keep the
        profile and defer projects not yet under way by whole years (at most ``max_delay``).
    past_window
        ``"extend"`` (the window extends to the year after the cut-off) or ``"report"``
        (the money stays unscheduled), for a window that ended by the cut-off with money left.
    overrun
        ``"raise"`` (budget at completion raised to the actual to date) or ``"report"``
        (budget kept; the overrun is a negative variance at completion).
    max_delay, time_limit, seed, num_workers
        For ``method="shift"``, passed to :func:`capex.shift`.
    lang
        Language of the summary and findings.

    Returns
    -------
    ReforecastResult
        Over all years, actual then forecast; status ``"infeasible"`` with the least extra
        budget per year when the remaining money does not fit the ceilings.

    Examples
    --------
    >>> import capex
    >>> p = capex.load_projects()
    >>> flows = capex.cash_flow(p).flows_minor
    >>> spent = capex.Actuals.from_frame(flows.loc[:, 2021:2023], money=p.money)
    >>> r = capex.reforecast(p, spent, ceilings={2024: 12, 2025: 12})
    >>> r.status.value, bool((r.to_frame().sum(axis=1) == p.frame["total_minor"]).all())
    ('optimal', True)
    """
    started = time.perf_counter()
    stored, lang = lang, check_lang(lang)  # worded now in lang; shown later as asked
    for value, allowed, what in (
        (method, METHODS, "method"),
        (past_window, PAST_WINDOW_POLICIES, "past_window"),
        (overrun, OVERRUN_POLICIES, "overrun"),
    ):
        if value not in allowed:
            raise CapexError(
                phrase(
                    "err_after_unknown_option",
                    option=phrase(f"err_after_option_{what}"),
                    value=repr(value),
                    known=", ".join(allowed),
                )
            )
    if as_of is not None:  # 2024.7 and True are refused, not read as 2024 and 1
        as_of = check_year(as_of, "as_of")
    actuals = actuals.for_portfolio(portfolio)
    counted = _counted(portfolio, actuals, as_of, before, plan, profile)
    as_of = counted.as_of
    findings = actuals.check(portfolio, lang=lang, above_total=False)  # overruns: actions
    messages: list[str] = []
    later = actuals.frame["year"].to_numpy() > as_of
    if later.any():
        amount = int(actuals.frame["amount_minor"].to_numpy()[later].sum())
        messages.append(
            phrase(
                "note_actuals_replaced",
                n=int(later.sum()),
                as_of=as_of,
                amount=actuals.money.format(amount),
            )
        )
    remaining = _remaining(portfolio, counted, past_window, overrun, profile)
    money = remaining.money
    ids = portfolio.ids

    sub = remaining.portfolio
    given_lines, lines = _resolve_lines(portfolio, ceilings, as_of)
    inner = None
    delays = None
    if sub is not None:
        ceiling_years = [y for line in lines for y in line.ceilings]
        if ceiling_years and max(ceiling_years) > sub.plan_period[1]:
            sub = dataclasses.replace(sub, plan_period=(sub.plan_period[0], max(ceiling_years)))
        inner = _solve(sub, lines, profile, method, max_delay, time_limit, seed, num_workers)
        if method == "shift":
            delays = pd.Series(inner.delays).reindex(ids, fill_value=0).astype(np.int64)

    # the schedule over all years: what counts as spent to the cut-off, then the forecast
    first_year = min([*counted.years[:1], *portfolio.years[:1], as_of])
    past_years = list(range(first_year, as_of + 1))
    past = (
        pd.DataFrame(counted.spent, index=ids, columns=counted.years)
        .reindex(columns=past_years, fill_value=0)
        .to_numpy(np.int64)
    )
    if inner is not None:
        forecast = inner.schedule_minor.reindex(index=ids, fill_value=0)
        forecast = forecast.loc[:, [y for y in forecast.columns if int(y) > as_of]]
        future_years = [int(y) for y in forecast.columns]
        future = forecast.to_numpy(np.int64)
    else:
        future_years, future = [], np.zeros((len(ids), 0), dtype=np.int64)
    years = pd.Index(past_years + future_years, name="year")
    schedule = pd.DataFrame(np.hstack([past, future]), index=ids, columns=years)

    ceilings_minor = _ceilings_minor(inner, given_lines, money, as_of)
    line_frames = _line_frames(inner, given_lines, portfolio, past, years, as_of, money)
    extra = pd.Series(0, index=years, dtype=np.int64, name="extra_budget")
    shadow = pd.Series(0.0, index=years, name="shadow_price")
    target = None
    status = Status.OPTIMAL
    objective, bound, solver_method = 0.0, 0.0, "nothing left to forecast"
    if inner is not None:
        extra.update(inner.extra_budget_minor.reindex(future_years, fill_value=0))
        extra = extra.astype(np.int64)
        shadow.update(inner.shadow_prices.reindex(future_years, fill_value=0.0))
        if inner.target_minor is not None:
            target_future = inner.target_minor.reindex(
                index=ids, columns=future_years, fill_value=0
            )
            target = pd.DataFrame(
                np.hstack([past, target_future.to_numpy(np.int64)]), index=ids, columns=years
            )
        status = inner.status
        objective, bound, solver_method = inner.objective, inner.bound, inner.method
        messages += list(inner.messages)
    messages = [counted.note] + _action_messages(remaining.actions, money, as_of, lang) + messages
    messages += _past_over_ceiling(past, past_years, ceilings_minor, money)

    unscheduled = pd.Series(remaining.unscheduled, index=ids, name="unscheduled")
    budget = pd.Series(remaining.budget, index=ids, name="budget")
    _verify(schedule, past, remaining, as_of, portfolio, status)
    return ReforecastResult(
        status=status,
        schedule_minor=schedule,
        names=pd.Series(portfolio.column("name"), index=ids, name="name"),
        ceilings_minor=ceilings_minor,
        objective=objective,
        bound=bound,
        runtime=time.perf_counter() - started,
        method=f"actuals to {as_of}, then {solver_method}",
        profile=str(getattr(inner, "profile", "") or profile),
        extra_budget_minor=extra,
        shadow_prices=shadow,
        messages=tuple(messages),
        target_minor=target,
        # the schedule covers every year, actuals then forecast: nothing lies outside it
        unplanned_minor=pd.DataFrame(index=ids.copy(), dtype=np.int64),
        plan_period=portfolio.plan_period,
        money=money,
        sources=portfolio.sources,
        fiscal_year=portfolio.fiscal_year,
        as_of=as_of,
        budget_minor=budget,
        original_total_minor=pd.Series(remaining.total, index=ids, name="total"),
        unscheduled_minor=unscheduled,
        action_table=remaining.actions,
        past_window=past_window,
        overrun=overrun,
        forecast_method=method,
        delays=delays,
        findings=findings,
        lang=stored,
        before=before,
        coverage_note=counted.note,
        **line_frames,
    )


def _solve(
    sub: Portfolio,
    lines: tuple[BudgetLine, ...],
    profile: Any,
    method: str,
    max_delay: int | None,
    time_limit: float | None,
    seed: int,
    num_workers: int,
) -> PlanResult:
    from capex.solvers.shift import shift
    from capex.solvers.spread import spread

    if method == "spread":
        return spread(sub, lines, profile)
    return shift(
        sub,
        lines,
        max_delay=max_delay,
        profile=profile,
        time_limit=time_limit,
        seed=seed,
        num_workers=num_workers,
    )


def _ceilings_minor(
    inner: PlanResult | None, lines: tuple[BudgetLine, ...], money: Money, as_of: int
) -> pd.Series:
    """The whole plan's ceilings by year: as given to the cut-off, as solved after it."""
    values: dict[int, int] = {}
    for line in lines:
        if _is_whole_plan(line):
            values.update({y: v for y, v in line.ceilings_minor(money).items() if y <= as_of})
    if inner is not None:
        values.update({int(y): int(v) for y, v in inner.ceilings_minor.items() if int(y) > as_of})
    ordered = sorted(values)
    return pd.Series(
        [values[y] for y in ordered], index=pd.Index(ordered, name="year"), dtype=np.int64
    )


MESSAGE_LIMIT = 20
"""Actions listed one by one in the messages; the rest are counted (all are in ``actions``)."""


def _action_messages(actions: pd.DataFrame, money: Money, as_of: int, lang: str) -> list[str]:
    """A sentence per action, up to :data:`MESSAGE_LIMIT`; then a count per kind."""
    shown = actions.iloc[:MESSAGE_LIMIT]
    details = describe_actions(shown, money, as_of, lang)
    lines = [f"#{pid}: {detail}" for pid, detail in zip(shown["id"], details)]
    rest = actions.iloc[MESSAGE_LIMIT:]
    for action, group in rest.groupby("action", sort=False):
        lines.append(
            f"... and {len(group):,} more {action.replace('_', ' ')} "
            f"({money.format(int(group['amount_minor'].sum()))}); see .actions"
        )
    return lines


def _past_over_ceiling(
    past: np.ndarray, years: list[int], ceilings: pd.Series, money: Money
) -> list[str]:
    """Sentences for the years to the cut-off whose actuals went over their ceiling."""
    totals = past.sum(axis=0)
    out = []
    for k, year in enumerate(years):
        if year in ceilings.index and totals[k] > int(ceilings[year]):
            out.append(
                f"{year}: the actuals, {money.format(int(totals[k]))}, went "
                f"{money.format(int(totals[k] - int(ceilings[year])))} over the ceiling "
                f"{money.format(int(ceilings[year]))}"
            )
    return out


def _verify(
    schedule: pd.DataFrame,
    past: np.ndarray,
    remaining: _Remaining,
    as_of: int,
    portfolio: Portfolio,
    status: Status,
) -> None:
    """Recompute the identities a re-forecast promises from the data, not from the solver."""
    values = schedule.to_numpy(np.int64)
    n_past = past.shape[1]
    problems = []
    if not np.array_equal(values[:, :n_past], past):
        problems.append("the years to the cut-off differ from the actuals")
    if status in (Status.OPTIMAL, Status.FEASIBLE, Status.INFEASIBLE):
        placed = values.sum(axis=1) + remaining.unscheduled
        if not np.array_equal(placed, np.maximum(remaining.budget, remaining.to_date)):
            problems.append("actual to date + remaining differs from the budget at completion")
    future = values[:, n_past:]
    if (future < 0).any():
        problems.append("a negative forecast amount")
    if problems:
        raise CapexError("re-forecast failed its own check: " + "; ".join(problems))
