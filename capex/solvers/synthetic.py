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
        raise SyntheticError(f"the plan period ends before it starts: {plan_period!r}")
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
        raise SyntheticError(f"tightness must be in (0, 1], not {tightness!r}")
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
        raise SyntheticError(f"shortfall must be in (0, 1), not {shortfall!r}")
    floor = flat_ceiling_floor_minor(portfolio)
    level = min(int(floor * (1 - shortfall)), floor - 1)
    shown = float(portfolio.money.to_decimal(max(level, 0)))
    return {year: shown for year in portfolio.plan_years}


def _count(n_projects: int) -> int:
    try:
        n = int(n_projects)
    except (TypeError, ValueError):
        raise SyntheticError(f"n_projects must be a whole number, not {n_projects!r}") from None
    if n != n_projects or n < 1:
        raise SyntheticError(f"n_projects must be a whole number of at least 1, not {n_projects!r}")
    return n
