"""The sheets of a risk result: by year, extra budget, drivers, every draw, assumptions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from capex.export.sheet import Sheet, Words, assumptions_frame, headed
from capex.risk.result import DRIVER_AMOUNTS, QUANTILES, RiskResult, outcome_word, quantile_table
from capex.terms import said

__all__ = ["risk_sheets"]


def risk_sheets(risk: RiskResult, words: Words | None = None) -> list[Sheet]:
    """A risk result: by year, extra budget, drivers, every draw, assumptions (amounts as
    integers of the minor unit, shown by the writer in the display unit), headed and worded
    in ``words``' language."""
    words = words or Words()
    items = assumptions_frame(_assumptions(risk, words), risk.money, words=words)
    return [
        _by_year(risk, words),
        _extra_budget(risk, words),
        _drivers(risk, words),
        _draws(risk, words),
        Sheet(words.sheet("assumptions"), items),
    ]


def _by_year(risk: RiskResult, words: Words) -> Sheet:
    """Per year: planned, P10..P95, ceiling, chance of going over, P80-safe reserve."""
    table = risk.to_frame(risk.money.unit, lang="en").drop(columns="mean").reset_index()
    table = table.rename(columns={"reserve": "reserve_P80"})
    amounts = ["planned", *QUANTILES, "ceiling", "reserve_P80"]
    return headed("risk_by_year", table, amounts, words)


def _extra_budget(risk: RiskResult, words: Words) -> Sheet:
    """Quantiles of the extra budget each budget year needs, and of their sum."""
    extra = risk.extra_budget_draws_minor
    values = np.column_stack([extra.to_numpy(), extra.to_numpy().sum(axis=1)])
    table = quantile_table(values, [*(int(y) for y in extra.columns), words.total()])
    frame = table.reset_index(names="year")
    frame["year"] = frame["year"].astype(object)
    return headed("extra_budget", frame, list(QUANTILES), words, total_rows=1)


def _drivers(risk: RiskResult, words: Words) -> Sheet:
    """Each project's plan-period spending across the draws and its share of the variance."""
    table = risk.drivers_minor.reset_index(names="id")
    table["id"] = table["id"].astype(object)
    table["mean"] = [None if pd.isna(v) else int(np.floor(v + 0.5)) for v in table["mean"]]
    return headed("risk_drivers", table, list(DRIVER_AMOUNTS), words)


def _draws(risk: RiskResult, words: Words) -> Sheet:
    """Every evaluated draw's annual totals, so each figure above can be recomputed."""
    draws = risk.annual_draws_minor
    frame = pd.DataFrame({"draw": draws.index.to_numpy()})
    for year in draws.columns:
        frame[int(year)] = draws[year].to_numpy(dtype=np.int64)
    return headed("draws", frame, [int(y) for y in draws.columns], words)


def _assumptions(risk: RiskResult, words: Words) -> list[tuple[str, object]]:
    lang = words.lang
    reference = words(
        "measured_against_ceilings" if len(risk.ceilings_minor) else "measured_against_plan"
    )
    outcomes = words("semicolon").join(
        words("item_value", item=outcome_word(k, lang), value=int(v))
        for k, v in risk.statuses.items()
    )
    items: list[tuple[str, object]] = [
        (words("scenario"), risk.scenario or words("base")),
        (words("method"), words(f"method_{risk.method}")),
        (words("draws_asked"), risk.draws),
        (words("draws_evaluated"), risk.evaluated),
        (words("seed"), risk.seed),
        *((said(item, lang), said(text, lang)) for item, text in risk.assumptions),
        (words("measured_against"), reference),
        (words("quantiles"), words("quantiles_text")),
        (words.header("reserve_P80"), words("reserve_P80_text")),
        (words.header("variance_share"), words("variance_share_text")),
        (words("outcomes"), outcomes or words("none")),
    ]
    if len(risk.ceilings_minor):
        unit = risk.money.display_unit
        ceilings = words("semicolon").join(
            words("item_value", item=int(y), value=risk.money.text(int(c)))
            for y, c in risk.ceilings_minor.items()
        )
        items.append((words("ceilings_item", unit=unit), ceilings))
    if len(risk.failures):
        first = risk.failures.iloc[0]
        failed = words(
            "failed_draws_text",
            n=len(risk.failures),
            draw=int(first["draw"]),
            error=said(first["error"], lang),
        )
        items.append((words("failed_draws"), failed))
    return items
