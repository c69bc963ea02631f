"""The sheets of a risk result: by year, extra budget, drivers, every draw, assumptions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from capex.export.sheet import Sheet, assumptions_frame
from capex.risk.result import DRIVER_AMOUNTS, QUANTILES, RiskResult, quantile_table

__all__ = ["risk_sheets"]


def risk_sheets(risk: RiskResult) -> list[Sheet]:
    """A risk result: by year, extra budget, drivers, every draw, assumptions (amounts as
    integers of the minor unit, shown by the writer in the display unit)."""
    assumptions = Sheet("assumptions", assumptions_frame(_assumptions(risk), risk.money))
    return [_by_year(risk), _extra_budget(risk), _drivers(risk), _draws(risk), assumptions]


def _by_year(risk: RiskResult) -> Sheet:
    """Per year: planned, P10..P95, ceiling, chance of going over, P80-safe reserve."""
    table = risk.to_frame(risk.money.unit).drop(columns="mean").reset_index()
    table = table.rename(columns={"reserve": "reserve_P80"})
    amounts = ["planned", *QUANTILES, "ceiling", "reserve_P80"]
    return Sheet("risk by year", table, amounts)


def _extra_budget(risk: RiskResult) -> Sheet:
    """Quantiles of the extra budget each budget year needs, and of their sum."""
    extra = risk.extra_budget_draws_minor
    values = np.column_stack([extra.to_numpy(), extra.to_numpy().sum(axis=1)])
    table = quantile_table(values, [*(int(y) for y in extra.columns), "total"])
    frame = table.reset_index(names="year")
    frame["year"] = frame["year"].astype(object)
    return Sheet("extra budget", frame, list(QUANTILES), total_rows=1)


def _drivers(risk: RiskResult) -> Sheet:
    """Each project's plan-period spending across the draws and its share of the variance."""
    table = risk.drivers_minor.reset_index(names="id")
    table["id"] = table["id"].astype(object)
    table["mean"] = [None if pd.isna(v) else int(np.floor(v + 0.5)) for v in table["mean"]]
    return Sheet("risk drivers", table, list(DRIVER_AMOUNTS))


def _draws(risk: RiskResult) -> Sheet:
    """Every evaluated draw's annual totals, so each figure above can be recomputed."""
    draws = risk.annual_draws_minor
    frame = pd.DataFrame({"draw": draws.index.to_numpy()})
    for year in draws.columns:
        frame[int(year)] = draws[year].to_numpy(dtype=np.int64)
    return Sheet("draws", frame, [int(y) for y in draws.columns])


def _assumptions(risk: RiskResult) -> list[tuple[str, object]]:
    reference = (
        "the ceiling of each year with one"
        if len(risk.ceilings_minor)
        else "the plan's own total of each plan year"
    )
    items: list[tuple[str, object]] = [
        ("scenario", risk.scenario or "base"),
        ("method", risk.method),
        ("draws asked", risk.draws),
        ("draws evaluated", risk.evaluated),
        ("seed", risk.seed),
        *risk.assumptions,
        ("measured against", reference),
        (
            "quantiles",
            (
                "drawn values (inverted CDF): P80 is the least drawn total with at least 80 % "
                "of the draws at or below it"
            ),
        ),
        ("reserve_P80", "the P80 of a year's extra budget: with it the year is P80-safe"),
        (
            "variance_share",
            (
                "covariance of a project's plan-period spending with the plan-period total, "
                "over the total's variance"
            ),
        ),
        ("outcomes", "; ".join(f"{k}: {int(v)}" for k, v in risk.statuses.items()) or "none"),
    ]
    if len(risk.ceilings_minor):
        items.append(
            (
                f"ceilings ({risk.money.display_unit})",
                "; ".join(
                    f"{int(y)}: {risk.money.text(int(c))}" for y, c in risk.ceilings_minor.items()
                ),
            )
        )
    if len(risk.failures):
        first = risk.failures.iloc[0]
        items.append(
            (
                "failed draws",
                f"{len(risk.failures)}; the first, draw {int(first['draw'])}: {first['error']}",
            )
        )
    return items
