"""Reconciliation of a portfolio against its published totals.

The per-project split of each total into the parts before, inside and after the plan period
(:func:`plan_split`) is the common ground of the reconciliation report and the full-window
cash flow: both read it, so their figures agree to the 万元.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from capex.portfolio import Portfolio

SPLIT_COLUMNS = ("before_wan", "in_plan_wan", "after_wan", "unplaceable_wan")


def plan_split(portfolio: Portfolio) -> pd.DataFrame:
    """Split each project's total into the parts before, inside and after the plan period.

    The part inside is the published plan investment. The rest of the total (total - plan)
    goes to the window's years before the plan period, after it, or, when the window has
    years on both sides, to both in proportion to their number of years (rounded down for the
    years before, so the two parts add up exactly). What the window has no year for outside
    the plan period (a window wholly inside it whose plan investment is below its total) is
    ``unplaceable_wan``.

    Returns
    -------
    DataFrame
        Indexed by project id, integer 万元 columns ``before_wan``, ``in_plan_wan``,
        ``after_wan``, ``unplaceable_wan``; they add up to the total of each project.
    """
    frame = portfolio.frame
    first, last = portfolio.plan_period
    start = frame["start_year"].to_numpy()
    end = frame["end_year"].to_numpy()
    total = frame["total_wan"].to_numpy()
    plan = frame["plan_wan"].to_numpy()
    outside = total - plan
    years_before = np.clip(np.minimum(end + 1, first) - start, 0, None)
    years_after = np.clip(end - np.maximum(start - 1, last), 0, None)
    years_outside = years_before + years_after
    with np.errstate(divide="ignore", invalid="ignore"):
        before = np.where(years_outside > 0, outside * years_before // np.maximum(years_outside, 1), 0)
    after = np.where(years_outside > 0, outside - before, 0)
    unplaceable = np.where(years_outside > 0, 0, outside)
    return pd.DataFrame(
        {
            "before_wan": before.astype(np.int64),
            "in_plan_wan": plan.astype(np.int64),
            "after_wan": after.astype(np.int64),
            "unplaceable_wan": unplaceable.astype(np.int64),
        },
        index=frame.index,
    )
