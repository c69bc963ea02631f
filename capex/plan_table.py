"""A plan as a project x year table of integers, whatever kind of plan it is.

The month plan, the annual plan and the rolling plan read "a plan": a result of
:func:`capex.spread`, :func:`capex.shift`, :func:`capex.reforecast` or a scenario (its full
window, :meth:`capex.PlanResult.full_window`), a baseline read by :func:`capex.load_phased`, a
cash flow (:func:`capex.cash_flow`) or a project x year DataFrame of integers of the minor unit.
:func:`plan_table` is the one reading of them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.money import WAN, Money

__all__ = ["PlanTable", "plan_table"]


@dataclass(frozen=True)
class PlanTable:
    """A plan's money by project and year.

    Attributes
    ----------
    flows
        Project x year (index ``id``, int year columns in order, no gaps), integers of
        :attr:`money`'s minor unit.
    names
        Project names by id (the id itself where the plan has none).
    money
        The currency and minor unit.
    source
        What the plan was, in words.
    frame
        The projects' attributes (a portfolio's frame) when the plan carries them, else None.
    """

    flows: pd.DataFrame
    names: pd.Series
    money: Money
    source: str
    frame: pd.DataFrame | None = None


def plan_table(plan: Any, portfolio: Any = None) -> PlanTable:
    """The project x year table of ``plan`` (see the module text).

    ``portfolio`` gives the projects' attributes (and, for a bare DataFrame, the money and the
    names); it must be counted in the plan's money.
    """
    from capex.baseline import Baseline
    from capex.cashflow import CashFlow
    from capex.result import PlanResult

    frame = None
    if isinstance(plan, PlanResult):
        table, names, money = plan.full_window(), plan.names, plan.money
        first, last = plan.plan_period
        kind = type(plan).__name__.removesuffix("Result").lower() or "plan"
        scenario = f" [{plan.scenario}]" if getattr(plan, "scenario", None) else ""
        source = f"{kind}{scenario}, plan period {first}-{last}"
    elif isinstance(plan, Baseline):
        table, names, money = plan.flows_minor, plan.names, plan.money
        source = f"baseline {plan.source}"
        frame = plan.portfolio.frame
    elif isinstance(plan, CashFlow):
        table, names, money = plan.flows_minor, plan.names, plan.money
        source = f"cash flow, profile {plan.profile}"
    elif isinstance(plan, pd.DataFrame):
        money = portfolio.money if portfolio is not None else WAN
        table = plan
        names = portfolio.frame["name"] if portfolio is not None else pd.Series(dtype=object)
        source = "a project x year table"
    else:
        raise CapexError(
            "a plan is a plan result (capex.spread, capex.shift, capex.reforecast), a baseline "
            "(capex.load_phased), a cash flow (capex.cash_flow) or a project x year DataFrame, "
            f"not {type(plan).__name__}"
        )
    if portfolio is not None:
        frame = portfolio.frame
        if portfolio.money != money:
            raise CapexError("the portfolio and the plan are counted in different money units")
    values = table.to_numpy()
    if values.dtype.kind not in "iu":
        numbers = values.astype(float)
        if not np.all(np.isfinite(numbers)) or np.any(numbers != np.round(numbers)):
            raise CapexError(
                f"a plan's table holds whole numbers of the minor unit ({money.unit}); pass the "
                "plan's integer table (to_frame())"
            )
    years = [int(y) for y in table.columns]
    span = list(range(min(years), max(years) + 1)) if years else []
    flows = pd.DataFrame(values.astype(np.int64), index=table.index.copy(), columns=years)
    flows = flows.reindex(columns=span, fill_value=0)
    flows.index.name = "id"
    names = pd.Series(names).reindex(flows.index)
    if names.isna().any():  # a project without a name is shown by its id
        missing = names.isna()
        names[missing] = flows.index[missing.to_numpy()].astype(str)
    return PlanTable(flows, names.rename("name"), money, source, frame)
