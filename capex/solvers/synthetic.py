"""Synthetic portfolios for benchmarks: the 35 real projects, resampled to any size.

:func:`random_portfolio` draws projects whose window lengths, start years (relative to the plan
period), total amounts and plan/total split follow the bundled Yuecheng projects, with a fixed
seed, from 35 to 1,000,000 projects. :func:`binding_ceilings` gives annual ceilings that bind
yet still admit a spread, and :func:`infeasible_ceilings` ones that admit none; both are
checked with the interval Hall condition (:func:`hall_deficits`), which is exact here because
every project's plan years are consecutive.

The portfolio is built without the row-by-row validation of :func:`capex.load_projects` (a
million rows would take minutes there): every value is made valid by construction, and the
frame has the columns and dtypes of a loaded portfolio.

Examples
--------
>>> import capex.solvers.synthetic as synthetic
>>> portfolio = synthetic.random_portfolio(1000, seed=0)
>>> len(portfolio), portfolio.plan_period
(1000, (2021, 2025))
>>> ceilings = synthetic.binding_ceilings(portfolio, tightness=0.9)
>>> synthetic.ceilings_feasible(portfolio, ceilings)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.io.projects import load_projects
from capex.model.budget import resolve_lines
from capex.model.portfolio import Portfolio
from capex.model.windows import clip_window, year_count
from capex.solvers.hall import least_flat_ceiling, plan_demand, shortfalls
from capex.terms import phrase

AMOUNT_STEP_WAN = 100
"""Synthetic totals are whole multiples of 100 万元 (0.01 亿元), as the published figures are."""


class SyntheticError(CapexError):
    """Bad arguments for a synthetic portfolio or its ceilings."""


@dataclass(frozen=True)
class RealDistributions:
    """What the synthetic generator copies from a real portfolio.

    Attributes
    ----------
    window_years
        Length of each real project's window, years (end - start + 1).
    start_offsets
        Each real project's start year minus the first plan year; paired with ``window_years``
        so that a resampled window meets the plan period as the real one does.
    log_total_mean, log_total_std
        Mean and standard deviation of the natural log of the real totals in 万元; totals are
        drawn log-normal with these.
    plan_share_ratios
        For real projects whose window reaches outside the plan period: their plan share of
        the total divided by the share of their window's years inside the plan period (1.0
        means money is spread evenly over the window; below 1, more falls outside).
    """

    window_years: np.ndarray
    start_offsets: np.ndarray
    log_total_mean: float
    log_total_std: float
    plan_share_ratios: np.ndarray


def real_distributions(portfolio: Portfolio | None = None) -> RealDistributions:
    """Measure the distributions :func:`random_portfolio` draws from.

    Parameters
    ----------
    portfolio
        The real projects; ``None`` for the bundled 35 Yuecheng projects.
    """
    if portfolio is None:
        portfolio = load_projects()
    first = portfolio.plan_period[0]
    start = portfolio.column("start_year").astype(np.int64)
    end = portfolio.column("end_year").astype(np.int64)
    total = portfolio.column("total_minor").astype(np.int64)
    plan = portfolio.column("plan_minor").astype(np.int64)
    window = end - start + 1
    inside = year_count(*portfolio.plan_windows())
    keep = inside > 0  # a window that misses the plan period has no plan years to spread
    straddles = keep & (inside < window) & (total > 0)
    ratios = (plan[straddles] / total[straddles]) / (inside[straddles] / window[straddles])
    log_total = np.log(total[keep & (total > 0)].astype(float))
    return RealDistributions(
        window_years=window[keep].copy(),
        start_offsets=(start[keep] - first).copy(),
        log_total_mean=float(log_total.mean()),
        log_total_std=float(log_total.std()),
        plan_share_ratios=ratios if len(ratios) else np.ones(1),
    )


def random_portfolio(
    n_projects: int,
    seed: int = 0,
    plan_period: tuple[int, int] = (2021, 2025),
    *,
    distributions: RealDistributions | None = None,
) -> Portfolio:
    """A random portfolio of ``n_projects`` projects shaped like the real ones.

    Each project takes the window (length and start relative to the plan period) of a real
    project drawn at random, a log-normal total fitted to the real totals (a multiple of
    100 万元), and a plan investment consistent with where its window lies: the whole total when
    the window lies inside the plan period, otherwise the window's share of years inside the
    plan period times a ratio drawn from the real projects, kept between 100 万元 and the total.

    Parameters
    ----------
    n_projects
        Number of projects, at least 1 (1,000,000 takes about a second).
    seed
        Seed of the random generator; the same seed gives the same portfolio.
    plan_period
        First and last year of the plan. Windows keep their offset from its first year.
    distributions
        What to copy; ``None`` for :func:`real_distributions` of the bundled projects.

    Returns
    -------
    Portfolio
        Ids ``1..n_projects``, names ``"synthetic 1"``, ...; projects that start before the
        plan period are fixed, as a loaded portfolio marks them.
    """
    n = _count(n_projects)
    first, last = (int(y) for y in plan_period)
    if last < first:
        raise SyntheticError(phrase("err_solver_period_backwards", period=repr(plan_period)))
    real = distributions if distributions is not None else real_distributions()
    rng = np.random.default_rng(seed)

    pick = rng.integers(0, len(real.window_years), size=n)
    window = real.window_years[pick]
    start = first + real.start_offsets[pick]
    end = start + window - 1
    # a shorter plan period than the source's may miss a resampled window: pull it in
    start = np.where(start > last, last, start)
    end = np.where(end < first, first, end)
    end = np.maximum(end, start)
    window = end - start + 1

    log_total = rng.normal(real.log_total_mean, real.log_total_std, size=n)
    total = (
        np.maximum(np.rint(np.exp(log_total) / AMOUNT_STEP_WAN).astype(np.int64), 1)
        * AMOUNT_STEP_WAN
    )

    inside = year_count(*clip_window(start, end, (first, last)))
    ratio = real.plan_share_ratios[rng.integers(0, len(real.plan_share_ratios), size=n)]
    share = np.where(inside < window, np.minimum(ratio * inside / window, 1.0), 1.0)
    plan = np.rint(total * share).astype(np.int64)
    plan = np.clip(plan, AMOUNT_STEP_WAN, total)  # totals are at least 100 万元

    return Portfolio.from_arrays(
        start_year=start,
        end_year=end,
        total_minor=total,
        plan_minor=plan,
        plan_period=(first, last),
        name=f"synthetic portfolio ({n:,} projects, seed {seed})",
    )


# ---------------------------------------------------------------------------------------
# ceilings
# ---------------------------------------------------------------------------------------
def plan_year_bounds(portfolio: Portfolio) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First and last plan year of each project's window, and its plan investment (万元).

    Projects without plan investment are left out.
    """
    plan = portfolio.column("plan_minor").astype(np.int64)
    lo, hi = portfolio.plan_windows()
    keep = (plan > 0) & (lo <= hi)
    return lo[keep], hi[keep], plan[keep]


def uniform_annual_totals(portfolio: Portfolio) -> pd.Series:
    """Annual totals (万元, float) if each project spread its plan evenly over its plan years.

    This is the unconstrained spread of the uniform profile up to its rounding to 万元.
    """
    first, last = portfolio.plan_period
    lo, hi, plan = plan_year_bounds(portfolio)
    per_year = plan / (hi - lo + 1)
    # a difference array: add per_year from lo to hi inclusive
    delta = np.zeros(last - first + 2)
    np.add.at(delta, lo - first, per_year)
    np.add.at(delta, hi - first + 1, -per_year)
    return pd.Series(np.cumsum(delta)[:-1], index=pd.Index(range(first, last + 1), name="year"))


def hall_deficits(portfolio: Portfolio, ceilings: Mapping[int, float | None]) -> pd.DataFrame:
    """Every interval of plan years whose forced spending exceeds its ceilings.

    A spread exists exactly when, for every interval of plan years, the plan investment of the
    projects whose plan years all lie inside it is at most the sum of its ceilings (Hall's
    condition; intervals suffice because each project's plan years are consecutive).

    Parameters
    ----------
    ceilings
        ``{year: 亿元}``; a missing year or ``None`` is no ceiling.

    Returns
    -------
    DataFrame
        Columns ``first``, ``last``, ``demand_minor``, ``ceiling_minor``, ``deficit_minor``; empty
        when the ceilings admit a spread.
    """
    first, last = portfolio.plan_period
    (line,) = resolve_lines(portfolio, dict(ceilings), any_year=True)
    by_year = line.ceilings_minor(portfolio.money)
    caps = np.array([by_year.get(y, -1) for y in range(first, last + 1)], dtype=np.int64)
    rows = [
        (first + gap.first, first + gap.last, gap.demand, gap.allowed, gap.short)
        for gap in shortfalls(plan_demand(portfolio), caps, caps >= 0)
    ]
    return pd.DataFrame(
        rows, columns=["first", "last", "demand_minor", "ceiling_minor", "deficit_minor"]
    )


def ceilings_feasible(portfolio: Portfolio, ceilings: Mapping[int, float | None]) -> bool:
    """Whether some spread fits the ceilings (:func:`hall_deficits` is empty)."""
    return hall_deficits(portfolio, ceilings).empty


def flat_ceiling_floor_minor(portfolio: Portfolio) -> int:
    """The lowest single annual ceiling (万元) under which a spread exists.

    By Hall's condition: the largest, over intervals of plan years, of the forced demand
    divided by the interval's length, rounded up.
    """
    return least_flat_ceiling(plan_demand(portfolio))


def binding_ceilings(portfolio: Portfolio, tightness: float = 0.9) -> dict[int, float]:
    """One flat annual ceiling that cuts the peak years yet admits a spread.

    The ceiling is ``tightness`` times the peak of the uniform profile's annual totals, raised
    (when that would admit no spread) to the lowest flat ceiling that admits one. Below 1, it
    binds in the peak years; the lower ``tightness``, the more years bind. Ceilings are whole
    万元, given in 亿元.

    Returns
    -------
    dict
        ``{year: 亿元}`` for every plan year.
    """
    if not 0 < tightness <= 1:
        raise SyntheticError(
            phrase(
                "err_solver_share_range",
                name=phrase("err_solver_arg_tightness"),
                value=repr(tightness),
            )
        )
    peak = float(uniform_annual_totals(portfolio).max())
    level = max(int(np.ceil(tightness * peak)), flat_ceiling_floor_minor(portfolio))
    return {year: float(portfolio.money.to_decimal(level)) for year in portfolio.plan_years}


def infeasible_ceilings(portfolio: Portfolio, shortfall: float = 0.1) -> dict[int, float]:
    """One flat annual ceiling ``shortfall`` below the lowest that admits a spread.

    Returns
    -------
    dict
        ``{year: 亿元}`` for every plan year; :func:`ceilings_feasible` is ``False`` for it.
    """
    if not 0 < shortfall < 1:
        raise SyntheticError(phrase("err_solver_shortfall", value=repr(shortfall)))
    floor = flat_ceiling_floor_minor(portfolio)
    level = min(int(floor * (1 - shortfall)), floor - 1)
    shown = float(portfolio.money.to_decimal(max(level, 0)))
    return {year: shown for year in portfolio.plan_years}


def _count(n_projects: int) -> int:
    try:
        n = int(n_projects)
    except (TypeError, ValueError):
        raise SyntheticError(phrase("err_solver_n_projects", value=repr(n_projects))) from None
    if n != n_projects or n < 1:
        raise SyntheticError(phrase("err_solver_n_projects_one", value=repr(n_projects)))
    return n


# ---------------------------------------------------------------------------------------
# project banks: candidates for the next plan (capex.select)
# ---------------------------------------------------------------------------------------
BANK_SHARE = 0.5
"""The flat annual ceiling of a synthetic bank: this share of the bank's mean annual demand
(the bank holds about twice what the plan can fund)."""

_BANK_TYPES = (("primary", 0.6), ("junior", 0.3), ("kindergarten", 0.1))
"""School types of a synthetic bank and how often each is drawn."""


@dataclass(frozen=True)
class SyntheticBank:
    """A synthetic project bank: the candidates, their school places, and flat ceilings.

    Attributes
    ----------
    portfolio
        The candidates (ids ``1..n``), every window inside the plan period.
    places
        Each candidate's school places by id (classes x places per class of its type).
    classes, school_type
        What the places were counted from, by id.
    ceilings
        One flat ceiling for every plan year, ``{year: 亿元}``.
    """

    portfolio: Portfolio
    places: pd.Series
    classes: pd.Series
    school_type: pd.Series
    ceilings: dict[int, float]


def random_bank(
    n_projects: int,
    seed: int = 0,
    plan_period: tuple[int, int] = (2026, 2030),
    *,
    share: float = BANK_SHARE,
    distributions: RealDistributions | None = None,
) -> SyntheticBank:
    """A random bank of ``n_projects`` school projects, shaped like the real ones, with
    values uncorrelated with costs.

    Each candidate takes the window length of a real project drawn at random (at most the
    plan period's length) and a start drawn evenly among the years that keep the window
    inside the plan period (a bank proposes projects for the plan); a total drawn
    log-normal as the real totals (a multiple of 100 万元), all of it in the plan period;
    a class count drawn from the bundled projects' classes and a school type (小学 60 %,
    初中 30 %, 幼儿园 10 %), independently of the total: the places (classes x 45, 50, or
    30 for a kindergarten evenly split over its age groups, :mod:`capex.model.places`) are
    uncorrelated with the cost, as in a district's bank, unlike the correlated
    Chu-Beasley knapsacks. The ceiling is one flat amount per plan year, ``share`` of the
    bank's mean annual demand under the uniform profile, so the busiest years bind.

    Parameters
    ----------
    n_projects
        Number of candidates, at least 1.
    seed
        Seed of the random generator; the same seed gives the same bank.
    plan_period
        First and last year of the plan.
    share
        The ceiling as a share of the mean annual demand, in (0, 1].
    distributions
        What to copy; ``None`` for the bundled projects.
    """
    from capex.model.cashflow import cash_flow
    from capex.model.places import PLACES_PER_CLASS

    n = _count(n_projects)
    first, last = (int(y) for y in plan_period)
    if last < first:
        raise SyntheticError(phrase("err_solver_period_backwards", period=repr(plan_period)))
    if not 0 < share <= 1:
        raise SyntheticError(
            phrase("err_solver_share_range", name=phrase("err_solver_arg_share"), value=repr(share))
        )
    real = distributions if distributions is not None else real_distributions()
    classes_real = load_projects().column("classes")
    classes_real = np.array([int(c) for c in classes_real if not pd.isna(c)], dtype=np.int64)
    rng = np.random.default_rng(seed)
    years = last - first + 1
    length = np.minimum(real.window_years[rng.integers(0, len(real.window_years), size=n)], years)
    start = first + rng.integers(0, years - length + 1)
    end = start + length - 1
    log_total = rng.normal(real.log_total_mean, real.log_total_std, size=n)
    total = (
        np.maximum(np.rint(np.exp(log_total) / AMOUNT_STEP_WAN).astype(np.int64), 1)
        * AMOUNT_STEP_WAN
    )
    classes = classes_real[rng.integers(0, len(classes_real), size=n)]
    kinds = np.array([k for k, _ in _BANK_TYPES])
    kind = kinds[rng.choice(len(kinds), size=n, p=[p for _, p in _BANK_TYPES])]
    kindergarten = (
        PLACES_PER_CLASS["kindergarten_small"]
        + PLACES_PER_CLASS["kindergarten_middle"]
        + PLACES_PER_CLASS["kindergarten_large"]
    ) // 3
    per_class = np.select(
        [kind == "primary", kind == "junior"],
        [PLACES_PER_CLASS["primary"], PLACES_PER_CLASS["junior"]],
        kindergarten,
    )
    # a kindergarten's classes come in threes, one per age group
    classes = np.where(kind == "kindergarten", np.maximum(classes // 3, 1) * 3, classes)
    portfolio = Portfolio.from_arrays(
        start_year=start,
        end_year=end,
        total_minor=total,
        plan_minor=total,
        plan_period=(first, last),
        names=[f"synthetic {k} {i}" for i, k in enumerate(kind, start=1)],
        name=f"synthetic bank ({n:,} candidates, seed {seed})",
    )
    ids = portfolio.ids
    annual = cash_flow(portfolio, "uniform").flows_minor.sum(axis=0)
    demand = float(annual.reindex(range(first, last + 1), fill_value=0).mean())
    level = int(share * demand)
    ceiling = float(portfolio.money.to_decimal(level))
    return SyntheticBank(
        portfolio=portfolio,
        places=pd.Series(classes * per_class, index=ids, name="places"),
        classes=pd.Series(classes, index=ids, name="classes"),
        school_type=pd.Series(kind, index=ids, name="school_type"),
        ceilings=dict.fromkeys(range(first, last + 1), ceiling),
    )
