"""A selection in words: :meth:`capex.solvers.selection.SelectionResult.summary`."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_unit
from capex.io.texttable import render
from capex.model.value import fraction_text
from capex.solvers.selection import value_label
from capex.terms import method_words, said, severity_word, term

__all__ = ["selection_summary"]


def selection_summary(result: Any, unit: str | None, lang: str) -> str:
    """Status and value, spending against the envelope, each year against its ceiling with
    what one more step would buy, the chosen projects and the ones left out with why."""
    money = result.money
    unit = money.normalize_unit(chosen_unit(unit, money))
    label = said(result.value_label, lang)
    description = said(result.value_description, lang)
    lines = [result._headline(lang)]
    if result.ok:
        if result.status.value == "optimal":
            bound = term("select_optimal_line", lang)
        elif result.bound is not None:
            bound = term(
                "select_bound_line",
                lang,
                bound=fraction_text(result.bound),
                gap=fraction_text(result.gap),
            )
        else:
            bound = ""
        lines.append(
            term(
                "select_value_line",
                lang,
                label=value_label(result.value_label, lang),
                value=fraction_text(result.value),
                bound=bound,
                description=description,
            )
        )
        envelope = (
            ""
            if result.envelope_minor is None
            else term(
                "select_envelope_of", lang, envelope=money.format(result.envelope_minor, unit)
            )
        )
        lines.append(
            term(
                "select_money_line",
                lang,
                spend=money.format(result.plan_spend_minor, unit),
                envelope=envelope,
            )
        )
    lines.append(
        term(
            "select_how",
            lang,
            method=method_words(result.method, lang),
            listed=f"{result.listed:,}",
        )
    )
    lines += [said(m, lang) for m in result.messages]
    if result.ok:
        lines += ["", *_years(result, unit, label, lang)]
        lines += ["", term("select_chosen_heading", lang, n=len(result.selected))]
        table = result.candidates
        values = result.values()
        for pid in result.selected:
            row = table.loc[pid]
            value = values[pid]
            note = ""
            if int(row["delay"]) > 0:
                note += term("select_delay_note", lang, delay=int(row["delay"]))
            if row["must"]:
                note += term("select_must_note", lang)
            lines.append(
                f"  #{pid} {row['name']}: {label} {fraction_text(value) if value is not None else '-'}, "
                f"{money.format(int(row['plan_minor']), unit)}{note}"
            )
        lines += ["", term("select_rejected_heading", lang, n=len(result.rejected))]
        for pid in result.rejected:
            row = table.loc[pid]
            value = values[pid]
            lines.append(
                f"  #{pid} {row['name']}: {label} {fraction_text(value) if value is not None else '-'}, "
                f"{money.format(int(row['plan_minor']), unit)}: {result.reason(pid, lang)}"
            )
    findings = result.findings
    if len(findings):
        lines.append("")
        for item in findings.itertuples(index=False):
            lines.append(
                f"  {severity_word(item.severity, lang)} #{item.project_id}: "
                f"{said(item.message, lang)}"
            )
    return "\n".join(lines)


def _years(result: Any, unit: str, label: str, lang: str) -> list[str]:
    money = result.money
    step = money.format(int(money.per(money.display_unit)), money.display_unit)
    annual = result.annual(unit, lang="en")
    if not len(annual):
        return []
    several = annual["line"].nunique() > 1
    headers = [
        term("year", lang),
        term("total", lang),
        term("ceiling", lang),
        term("headroom", lang),
    ]
    headers += [term("value_of_more", lang), term("lp_dual", lang)]
    if several:
        headers.insert(0, term("budget_line", lang))
    rows = []
    decimals = money.decimals(unit)
    for item in annual.itertuples(index=False):
        cells = [
            str(item.year),
            f"{item.total:,.{decimals}f}",
            "" if np.isnan(item.ceiling) else f"{item.ceiling:,.{decimals}f}",
            "" if np.isnan(item.headroom) else f"{item.headroom:,.{decimals}f}",
            ""
            if np.isnan(item.value_of_more)
            else fraction_text(Fraction(item.value_of_more).limit_denominator(10**6)),
            "" if np.isnan(item.lp_dual) else f"{item.lp_dual:,.2f}",
        ]
        if several:
            cells.insert(0, str(item.line))
        rows.append(cells)
    out = [
        term("select_years_heading", lang, unit=unit, label=label, step=step),
        render(headers, rows, align=("l" if several else "") + "lrrrrr"),
    ]
    marginals = result.marginals
    envelope = marginals[marginals["line"] == ""] if len(marginals) else marginals
    if len(envelope):
        row = envelope.iloc[0]
        gain = row["gain_scaled"]
        out.append(
            term(
                "select_envelope_more",
                lang,
                step=step,
                gain="-"
                if pd.isna(gain)
                else fraction_text(Fraction(int(gain), result.value_scale)),
                label=label,
                dual=f"{float(row['lp_dual_scaled']) / result.value_scale:,.2f}",
            )
        )
    return out
