"""A plan in words: the summary a result prints, in any unit and in English or Chinese.

:meth:`capex.results.PlanResult.summary` (and so ``capex spread``, ``capex shift`` and ``capex scenario
run``) call :func:`plan_summary`: a headline (status, projects, years, total, and the
objective said as what it means to a finance officer), how the plan was found, the scenario's
changes, a table of the years against their ceilings, the solver's messages, and the
provenance record. The table is aligned by display width and every amount column has one
number of decimals.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from capex.io.texttable import amount_texts, render
from capex.model.budget_year import CALENDAR
from capex.model.money import Money
from capex.terms import TERMS, check_lang, method_words, profile_word, said, term

__all__ = ["objective_text", "plan_summary"]

_KINDS = {"ShiftResult": "kind_shift"}
_MONEY_OBJECTIVES = ("spread", "peak")


def plan_summary(result: Any, unit: str | None = None, lang: str = "en") -> str:
    """The text :meth:`capex.results.PlanResult.summary` returns.

    Parameters
    ----------
    result
        A plan (a :class:`capex.results.PlanResult` or a deferral plan).
    unit
        Unit of the amounts: the money's display unit (亿元) by default.
    lang
        ``"en"`` (default) or ``"zh"``.
    """
    check_lang(lang)
    money: Money = result.money
    unit = money.normalize_unit(unit)
    lines = [_headline(result, money, unit, lang)]
    details = []
    if result.method:
        details.append(term("summary_method", lang, method=method_words(result.method, lang)))
    if result.profile:
        details.append(term("summary_profile", lang, profile=profile_word(result.profile, lang)))
    if (
        result.bound is not None
        and not math.isnan(result.bound)
        and result.bound != result.objective
    ):
        details.append(
            term("summary_bound", lang, bound=_objective_value(result, result.bound, unit))
        )
    if details:
        lines.append("  " + term("list_separator", lang).join(details))
    lines += _deferral_lines(result, lang)
    for change in result.changes:
        lines.append("  " + term("summary_change", lang, change=said(change, lang)))
    if result.years:
        lines.append(_annual_table(result, money, unit, lang))
        if result.binding_years:
            lines.append("  " + term("summary_binding_note", lang))
    for message in result.messages:
        lines.append(f"  {said(message, lang)}")  # capex's own notes in ``lang``
    record = getattr(result, "provenance", None)
    if record is not None:
        lines.append("  " + term("summary_record", lang, record=record.line()))
    return "\n".join(lines)


def objective_text(result: Any, unit: str | None = None, lang: str = "en") -> str:
    """The objective as what it means: ``"money moved from its profile year 1.2 亿元"``,
    ``"priority-weighted delay 3 years"``; empty when there is none (an infeasible plan)."""
    value = result.objective
    if value is None or math.isnan(value):
        return ""
    name = _objective_name(result)
    return term(f"objective_{name}", lang, value=_objective_value(result, value, unit, lang))


def _objective_name(result: Any) -> str:
    return getattr(result, "objective_name", None) or "spread"


def _objective_value(result: Any, value: float, unit: str | None, lang: str = "en") -> str:
    """An objective or bound in its own unit: money (in ``unit``) for a spread or a peak,
    years otherwise."""
    if _objective_name(result) in _MONEY_OBJECTIVES:
        money: Money = result.money
        # the objective is a float of the display unit made from integers of the minor unit
        minor = money.to_minor(round(value, money.decimals()))
        text = money.format(minor, unit)
        return text.replace(" ", "") if lang == "zh" else text
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _headline(result: Any, money: Money, unit: str, lang: str) -> str:
    total = int(result.schedule_minor.to_numpy().sum())
    years = result.years
    fiscal = getattr(result, "fiscal_year", CALENDAR)
    span = fiscal.span_label(years[0], years[-1], lang) if years else term("no_years", lang)
    kind = type(result).__name__
    if lang != "en":
        kind = term(_KINDS.get(kind, "kind_plan"), lang)
    scenario = f" [{result.scenario}]" if result.scenario else ""
    objective = objective_text(result, unit, lang)
    amount = money.format(total, unit)
    unplanned = getattr(result, "unplanned_minor", None)
    if unplanned is not None and len(unplanned.columns):  # a spread: its cash flow beyond
        whole = money.format(total + int(unplanned.to_numpy().sum()), unit)
        amount += term("over_all_years", lang, amount=whole)
    return term(
        "summary_headline",
        lang,
        kind=kind,
        scenario=scenario,
        status=term(str(result.status), lang),
        n=len(result.schedule_minor),
        span=span,
        total=amount.replace(" ", "") if lang == "zh" else amount,
        objective=(term("list_separator", lang) + objective) if objective else "",
    )


def _deferral_lines(result: Any, lang: str) -> list[str]:
    delays = getattr(result, "delays", None)
    name = getattr(result, "objective_name", None)
    if delays is None or name is None or name == "spread":
        return []
    tiebreak = getattr(result, "tiebreak", None)
    shown = term(f"objective_name_{name}", lang) if f"objective_name_{name}" in TERMS else name
    aim = term("summary_aim", lang, aim=term(f"aim_{name}", lang), name=shown)
    if tiebreak:
        aim += term("summary_tiebreak", lang, aim=term(f"aim_{tiebreak}", lang))
    moved = delays[delays != 0]
    shifts = ", ".join(f"{pid}: {int(d):+d}" for pid, d in moved.items())
    makespan = term("summary_makespan", lang, years=getattr(result, "makespan", ""), n=len(moved))
    if shifts and len(moved) <= 20:
        makespan += term("in_brackets", lang, text=shifts)
    return ["  " + aim, "  " + makespan]


def _annual_table(result: Any, money: Money, unit: str, lang: str) -> str:
    schedule = result.schedule_minor
    years = result.years
    totals = [int(v) for v in schedule.to_numpy(dtype=np.int64).sum(axis=0)]
    caps = pd.Series(result.ceilings_minor, dtype=object)
    caps.index = [int(y) for y in caps.index]
    ceilings = [None if pd.isna(caps.get(y)) else int(caps.get(y)) for y in years]
    headroom = [None if c is None else c - t for c, t in zip(ceilings, totals)]
    extra = result.extra_budget_minor.reindex(pd.Index(years), fill_value=0)
    extra_texts = amount_texts([int(v) for v in extra], money, unit)
    binding = set(result.binding_years)
    # the unit is stated once, above the table, not in every heading
    headers = [term("year", lang)] + [term(key, lang) for key in ("total", "ceiling", "headroom")]
    fiscal = getattr(result, "fiscal_year", CALENDAR)
    columns = [
        [fiscal.label(y, lang) for y in years],
        amount_texts(totals, money, unit, zero="0"),
        ["-" if text == "" else text for text in amount_texts(ceilings, money, unit, zero="0")],
        ["-" if text == "" else text for text in amount_texts(headroom, money, unit, zero="0")],
    ]
    prices = result.shadow_prices.reindex(pd.Index(years), fill_value=0.0).to_numpy(dtype=float)
    if np.any(prices != 0):
        headers.append(term("shadow_price_per", lang, unit=unit))
        columns.append(["-" if p == 0 else f"{p:,.2f}" for p in prices])
    if any(int(v) for v in extra):
        headers.append(term("extra_budget", lang))
        columns.append(extra_texts)
    headers.append("")
    columns.append(["*" if y in binding else "" for y in years])
    align = "l" + "r" * (len(headers) - 2) + "l"
    table = render(headers, zip(*columns), align=align, indent="  ")
    return "  " + term("table_unit", lang, unit=unit) + "\n" + table
