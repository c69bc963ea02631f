"""The budget-year case the months' tests share: a 2026-2030 plan made from the bundled
hand-over (the 2021-2025 plan spent as planned, capex.roll_forward) plus the made-up new
projects of examples/made_up_new_projects_2026_2030.csv (labelled 虚构 and "made up"), spread
under annual ceilings; so 2027 has both 续建 and 新建 projects."""

from __future__ import annotations

import functools
from pathlib import Path

import capex

NEW_PROJECTS = (
    Path(__file__).resolve().parent.parent / "examples" / "made_up_new_projects_2026_2030.csv"
)
CEILINGS = {2026: 21, 2027: 6.0, 2028: 3.0, 2029: 2.8, 2030: 1.8}
"""Ceilings of the 2026-2030 plan (亿元): 2027 binds."""


@functools.cache
def fifteenth_plan() -> tuple[capex.results.HandOver, capex.results.SpreadResult]:
    """The hand-over into 2026-2030 and its plan, spread under :data:`CEILINGS`."""
    portfolio = capex.load_projects()
    flows = capex.cash_flow(portfolio).flows_minor
    spent = capex.Actuals.from_frame(flows.loc[:, :2025], money=portfolio.money)
    hand = capex.roll_forward(portfolio, spent, new_projects=NEW_PROJECTS)
    return hand, capex.spread(hand.portfolio, CEILINGS)
