"""What counts as spent in each year, for the years a ledger covers and for those it does not.

A year outside a ledger's :class:`~capex.model.coverage.Coverage` is never read as nothing
spent by default. :func:`count_spending` is the one place that decides what counts as spent in
each year, for :func:`~capex.afterlife.variance.variance`,
:func:`~capex.afterlife.reforecast.reforecast` and
:func:`~capex.afterlife.rollforward.roll_forward`, by a stated policy for the years *before*
the coverage (``before=``):

* ``"plan"`` (the default): those years are taken as the plan had them;
* ``"zero"``: nothing was spent in them (what an empty column would say);
* ``"refuse"``: an error naming the projects with money planned before the coverage.

A ledger that stops before the cut-off or the hand-over is an error naming the missing years,
unless ``as_of`` says where it stops (a hand-over drawn up before the year closes then takes
the years after ``as_of`` as planned). Projects carried into a plan by an earlier hand-over
(:attr:`capex.Portfolio.frame`'s ``spent_before_minor``) count only their spending since the
plan began: what they spent before it is the hand-over's. Each consumer says in one line how
time outside the coverage was treated (:attr:`Counted.note`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.model.limits import check_year
from capex.model.money import Money
from capex.terms import Message, joined, phrase

if TYPE_CHECKING:
    from capex.model.actuals import Actuals
    from capex.model.portfolio import Portfolio


BEFORE_POLICIES = ("plan", "zero", "refuse")
"""What the years before a ledger's coverage count as: the plan's amounts, nothing, or an
error."""


NAMED = 8
"""Projects an error names one by one; the rest are counted."""


@dataclass(frozen=True)
class Counted:
    """What counts as spent, project x year, once time outside the coverage is treated.

    Attributes
    ----------
    years
        The years counted, in order.
    ledger
        The ledger's amounts, project x year (zero in the years it does not cover or that are
        not counted), integers of :attr:`money`.
    from_plan
        The plan's amounts taken as spent: in the years before the coverage under
        ``before="plan"``, and after ``as_of`` up to the hand-over.
    money
        The money of the amounts.
    as_of
        The last year of the ledger counted.
    note
        One line saying how time outside the coverage was treated.
    before
        The policy for the years before the coverage.
    """

    years: list[int]
    ledger: np.ndarray
    from_plan: np.ndarray
    money: Money
    as_of: int
    note: Message
    before: str

    @property
    def spent(self) -> np.ndarray:
        """What counts as spent: the ledger's amounts and those taken from the plan."""
        return self.ledger + self.from_plan

    def to_date(self) -> np.ndarray:
        """Each project's spending counted over every year."""
        return self.spent.sum(axis=1)


def carried_from(portfolio: Portfolio | None) -> pd.Series | None:
    """For each project carried into ``portfolio`` by a hand-over (its ``spent_before_minor``
    is recorded), the first year its spending counts from: the plan period's first year.
    None when no project was carried."""
    if portfolio is None:
        return None
    frame = portfolio.frame
    if "spent_before_minor" not in frame.columns or not frame["spent_before_minor"].notna().any():
        return None
    first = portfolio.plan_period[0]
    return pd.Series(
        np.where(frame["spent_before_minor"].notna().to_numpy(), first, None),
        index=frame.index,
        dtype=object,
    )


def check_before(before: str) -> str:
    """``before`` when it is a policy capex knows, else a :class:`CapexError`."""
    if before not in BEFORE_POLICIES:
        raise CapexError(
            phrase("err_after_before_policy", value=repr(before), known=", ".join(BEFORE_POLICIES))
        )
    return before


def count_spending(
    actuals: Actuals,
    ids: pd.Index,
    planned: pd.DataFrame,
    money: Money,
    *,
    through: int,
    as_of: int | None = None,
    before: str = "plan",
    carried_from: pd.Series | None = None,
    purpose: str = "cut_off",
) -> Counted:
    """What counts as spent by each project in each year up to ``through``.

    Parameters
    ----------
    actuals
        The ledger, with its :attr:`~capex.model.actuals.Actuals.coverage`.
    ids
        The projects, in order.
    planned
        The plan over its full window, project x year, integers of ``money`` (the one reading
        of a plan, :func:`capex.solvers.planned.planned`).
    money
        The money to count in (the finer of the plan's and the ledger's).
    through
        The last year counted: the cut-off of a variance or re-forecast, the year before a
        hand-over.
    as_of
        The last year of the ledger used (``through`` by default); the years after it, to
        ``through``, are taken as planned. It must lie in the coverage.
    before
        ``"plan"``, ``"zero"`` or ``"refuse"``: the years before the coverage (see the module
        text).
    carried_from
        Per project, the first year its spending counts from (projects carried into this plan
        by an earlier hand-over); NA where all of it counts.
    purpose
        ``"cut_off"`` or ``"hand_over"``: how messages name ``through``.

    Raises
    ------
    CapexError
        A ledger that covers no year; one that stops before ``as_of``; an ``as_of`` before the
        ledger's first year or after ``through``; under ``before="refuse"``, money planned
        before the coverage, naming the projects.
    """
    check_before(before)
    coverage = actuals.coverage
    if coverage is None:
        raise CapexError(phrase("err_after_actuals_cover_none"))
    through = int(through)
    # 2024.7 and True are refused, not read as 2024 and 1
    as_of = through if as_of is None else check_year(as_of, "as_of")
    what = phrase("err_after_the_hand_over" if purpose == "hand_over" else "err_after_the_cut_off")
    if as_of > through:
        raise CapexError(phrase("err_after_as_of_after", as_of=as_of, what=what, through=through))
    if as_of > coverage.last_whole:
        missing = _years_text(coverage.last_whole + 1, as_of)
        raise CapexError(
            phrase(
                "err_after_ledger_stops",
                coverage=coverage,
                what=what,
                as_of=as_of,
                missing=missing,
                last=coverage.last_whole,
                first=coverage.first,
            )
        )
    if as_of < coverage.first_whole and not coverage.opening:
        raise CapexError(phrase("err_after_as_of_before", as_of=as_of, first=coverage.first_whole))
    if coverage.first_month != 1 and before != "zero":
        raise CapexError(
            phrase("err_after_ledger_month", month=coverage.first_month, year=coverage.first)
        )

    plan_years = [int(y) for y in planned.columns]
    start = min([*plan_years[:1], *coverage.years[:1], through])
    years = list(range(start, through + 1))
    plan = (
        planned.reindex(index=ids, columns=years, fill_value=0).to_numpy(np.int64)
        if len(years)
        else np.zeros((len(ids), 0), dtype=np.int64)
    )
    ledger = actuals.matrix(ids, years, money)
    year_array = np.asarray(years, dtype=np.int64)
    first_counted = coverage.first - 1 if coverage.opening else coverage.first
    in_ledger = (year_array >= first_counted) & (year_array <= as_of)
    before_ledger = year_array < first_counted
    after_as_of = year_array > as_of
    left_out = np.where(after_as_of[None, :], ledger, 0)  # a part year after as_of, say
    ledger = np.where(in_ledger[None, :], ledger, 0)

    carried = np.zeros((len(ids), len(years)), dtype=bool)
    carried_note = None
    if carried_from is not None:
        since = pd.Series(carried_from).reindex(ids).to_numpy(dtype=object)
        for i, year in enumerate(since):
            if year is not None and not pd.isna(year):
                carried[i] = year_array < int(year)
        if carried.any():
            rows = np.flatnonzero(carried.any(axis=1))
            carried_note = phrase(
                "coverage_carried",
                n=len(rows),
                year=int(min(int(since[i]) for i in rows)),
            )
        ledger = np.where(carried, 0, ledger)

    from_plan = np.zeros_like(ledger)
    parts: list[Message] = [phrase("coverage_ledger", span=coverage)]
    planned_before = np.where(before_ledger[None, :] & ~carried, plan, 0)
    amount_before = int(planned_before.sum())
    projects_before = np.flatnonzero(planned_before.any(axis=1))
    first_year = first_counted
    if coverage.opening:
        parts.append(phrase("coverage_opening", year=coverage.first - 1))
    elif not before_ledger.any() or not amount_before:
        if before_ledger.any():
            parts.append(phrase("coverage_before_nothing", year=first_year))
    elif before == "refuse":
        named = ", ".join(
            f"#{ids[i]} ({money.format(int(planned_before[i].sum()))})"
            for i in projects_before[:NAMED]
        )
        more = (
            phrase("err_after_and_more", n=len(projects_before) - NAMED)
            if len(projects_before) > NAMED
            else ""
        )
        raise CapexError(
            phrase(
                "err_after_refuse",
                coverage=coverage,
                n=len(projects_before),
                amount=money.format(amount_before),
                year=first_year,
                named=named,
                more=more,
            )
        )
    elif before == "plan":
        from_plan += planned_before
        parts.append(
            phrase(
                "coverage_before_plan",
                year=first_year,
                amount=money.format(amount_before),
                n=len(projects_before),
            )
        )
    else:
        parts.append(
            phrase("coverage_before_zero", year=first_year, amount=money.format(amount_before))
        )
    if after_as_of.any():
        expected = np.where(after_as_of[None, :] & ~carried, plan, 0)
        from_plan += expected
        parts.append(
            phrase(
                "coverage_after_plan",
                span=_years_text(as_of + 1, through),
                amount=money.format(int(expected.sum())),
                as_of=as_of,
            )
        )
    if left_out.any():
        parts.append(
            phrase(
                "coverage_left_out",
                n=int(np.count_nonzero(left_out)),
                as_of=as_of,
                amount=money.format(int(left_out.sum())),
            )
        )
    if carried_note is not None:
        parts.append(carried_note)
    return Counted(
        years=years,
        ledger=ledger.astype(np.int64),
        from_plan=from_plan.astype(np.int64),
        money=money,
        as_of=as_of,
        note=joined(parts),
        before=before,
    )


def _years_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"
