"""Hall's interval condition: whether money tied to windows of years fits annual ceilings.

Each amount ``p_u`` (a project's plan investment, or a part of it funded by one budget line)
must be spent in its years ``lo_u..hi_u``, which are consecutive. Under one ceiling ``C[y]``
per year, a spread exists exactly when, for every interval of years ``a..b`` whose years all
have a ceiling, the money that has nowhere else to go fits::

    demand(a, b) = sum of p_u over the u with a <= lo_u and hi_u <= b
    demand(a, b) <= C[a] + ... + C[b]

This is Hall's condition for the bipartite graph of amounts and years; intervals suffice
because each amount's years are consecutive (a violated set of years contains a violated
interval). A year without a ceiling can take anything, so an interval through it never fails.

Years are positions ``0..n_years-1`` here; callers turn them into calendar years.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from capex.model.portfolio import Portfolio

__all__ = ["Shortfall", "interval_demand", "least_flat_ceiling", "plan_demand", "shortfalls"]


@dataclass(frozen=True)
class Shortfall:
    """An interval of years ``first..last`` (positions) whose forced demand exceeds its ceilings."""

    first: int
    last: int
    demand: int
    """The money whose years lie wholly inside the interval."""
    allowed: int
    """The sum of the interval's ceilings."""

    @property
    def short(self) -> int:
        """How much the ceilings fall short: ``demand - allowed`` (positive)."""
        return self.demand - self.allowed


def interval_demand(lo: np.ndarray, hi: np.ndarray, amount: np.ndarray, n_years: int) -> np.ndarray:
    """``demand[a, b]``: the sum of ``amount`` over the entries whose ``lo..hi`` lies in ``a..b``.

    An ``(n_years, n_years)`` int64 array (zero below the diagonal), from one table of
    amounts by ``(lo, hi)``, summed over ``lo >= a`` (a suffix along rows) and ``hi <= b``
    (a prefix along columns).
    """
    cells = np.zeros((n_years, n_years), dtype=np.int64)
    np.add.at(cells, (np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64)), amount)
    demand = np.cumsum(np.cumsum(cells[::-1], axis=0)[::-1], axis=1)
    return np.triu(demand)


def plan_demand(portfolio: Portfolio) -> np.ndarray:
    """:func:`interval_demand` of each project's plan investment over its plan years.

    Position 0 is the first plan year; projects without plan investment count for nothing.
    """
    first, last = portfolio.plan_period
    lo, hi = portfolio.plan_windows()
    plan = portfolio.column("plan_minor").astype(np.int64)
    keep = plan > 0
    return interval_demand(lo[keep] - first, hi[keep] - first, plan[keep], last - first + 1)


def shortfalls(demand: np.ndarray, ceilings: np.ndarray, capped: np.ndarray) -> list[Shortfall]:
    """Every interval of years whose forced demand exceeds its ceilings, in order of ``(a, b)``.

    Parameters
    ----------
    demand
        :func:`interval_demand`.
    ceilings
        Ceiling of each year (int).
    capped
        Whether each year has a ceiling; intervals through an uncapped year are skipped.

    Returns
    -------
    list of Shortfall
        Empty exactly when the amounts can be spread under the ceilings.
    """
    n_years = len(ceilings)
    allowed_upto = np.concatenate([[0], np.cumsum(np.where(capped, ceilings, 0))])
    free_upto = np.concatenate([[0], np.cumsum(~np.asarray(capped, dtype=bool))])
    out = []
    for a in range(n_years):
        for b in range(a, n_years):
            if free_upto[b + 1] - free_upto[a] > 0:
                continue
            allowed = int(allowed_upto[b + 1] - allowed_upto[a])
            if int(demand[a, b]) > allowed:
                out.append(Shortfall(a, b, int(demand[a, b]), allowed))
    return out


def least_flat_ceiling(demand: np.ndarray) -> int:
    """The lowest single ceiling for every year under which the amounts fit.

    ``max over a <= b of ceil(demand(a, b) / (b - a + 1))``: by Hall's condition a flat
    ceiling ``c`` fits exactly when ``demand(a, b) <= c (b - a + 1)`` for every interval.
    """
    n_years = demand.shape[0]
    length = np.arange(n_years)[None, :] - np.arange(n_years)[:, None] + 1
    need = np.where(length > 0, -(-demand // np.maximum(length, 1)), 0)
    return int(need.max(initial=0))
