"""The sheets of a comparison of plans: annual totals, summary, projects, moves."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from capex.export.sheet import Sheet, Words, assumptions_frame, headed
from capex.model.money import Money


def comparison_sheets(comparison: Any, words: Words | None = None) -> list[Sheet]:
    """A comparison: annual totals side by side, summary, projects, moves, assumptions."""
    words = words or Words()
    records = list(zip(comparison.labels, getattr(comparison, "provenance", ()) or ()))
    frame = assumptions_frame(
        _comparison_assumptions(comparison, words),
        comparison.money,
        words=words,
        provenance=records,
    )
    return [
        _comparison_annual_sheet(comparison, words),
        _comparison_summary_sheet(comparison, words),
        _comparison_projects_sheet(comparison, words),
        _comparison_moves_sheet(comparison, words),
        Sheet(words.sheet("assumptions"), frame),
    ]


def minor_of(comparison: Any, values: Any) -> list[Any]:
    """Amounts a comparison holds in its unit (floats made from integers of the minor unit)
    back to those integers; ``None`` where missing."""
    money: Money = comparison.money
    unit = getattr(comparison, "unit", None) or money.display_unit
    decimals = money.decimals(unit)
    return [None if pd.isna(v) else money.to_minor(round(float(v), decimals), unit) for v in values]


def _comparison_annual_sheet(comparison: Any, words: Words) -> Sheet:
    """Per year, each plan's total, and its ceiling where one has one, with a totals row."""
    annual = comparison.annual
    ceilings = getattr(comparison, "ceilings", None)
    year = words.header("year")
    frame = pd.DataFrame({year: [int(y) for y in annual.index]}, dtype=object)
    amounts: list[str] = []
    for label in annual.columns:
        frame[str(label)] = minor_of(comparison, annual[label])
        amounts.append(str(label))
    if isinstance(ceilings, pd.DataFrame):
        for label in ceilings.columns:
            if ceilings[label].notna().any():
                column = words("plan_ceiling", plan=label)
                frame[column] = minor_of(comparison, ceilings[label].reindex(annual.index))
                amounts.append(column)
    total_row: dict[Any, Any] = {year: words.total()}
    total_row.update({str(label): int(sum(frame[str(label)])) for label in annual.columns})
    frame = pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)
    return Sheet(words.sheet("annual"), frame, amounts, total_rows=1)


def _comparison_summary_sheet(comparison: Any, words: Words) -> Sheet:
    summary = comparison.plans
    frame = summary.reset_index().rename(columns={summary.index.name or "index": "plan"})
    amounts = [
        c for c in ("total", "before_plan", "in_plan", "after_plan", "peak") if c in frame.columns
    ]
    for column in amounts:
        frame[column] = minor_of(comparison, frame[column])
    if "peak_year" in frame.columns:
        frame["peak_year"] = [None if pd.isna(y) else int(y) for y in frame["peak_year"]]
    if "status" in frame.columns:
        frame["status"] = [words(str(s)) for s in frame["status"]]
    return headed("summary", frame, amounts, words)


def _comparison_projects_sheet(comparison: Any, words: Words) -> Sheet:
    """Per project: its name, then per plan its shift (years), money moved and total change."""
    projects = comparison.projects
    frame = pd.DataFrame({words.header("id"): list(projects.index)}, dtype=object)
    amounts = []
    for plan, measure in projects.columns:
        values = projects[(plan, measure)].to_numpy()
        if measure == "name":
            frame[words.header("name")] = ["" if pd.isna(v) else str(v) for v in values]
        elif measure == "shift":
            frame[words("plan_measure", plan=plan, measure=words.header("shift"))] = [
                int(v) for v in values
            ]
        else:
            column = words("plan_measure", plan=plan, measure=words.header(measure))
            frame[column] = minor_of(comparison, values)
            amounts.append(column)
    return Sheet(words.sheet("projects"), frame, amounts)


def _comparison_moves_sheet(comparison: Any, words: Words) -> Sheet:
    """Every non-zero (plan, project, year) change against the base, exact to the unit."""
    moves = comparison.moves
    frame = pd.DataFrame(
        {
            "plan": moves["scenario"].astype(object),
            "id": moves["id"].astype(object),
            "name": moves["name"].astype(object),
            "year": moves["year"].astype(object),
            "change": moves["change_minor"].astype(np.int64),
        }
    )
    return headed("moves", frame, ["change"], words)


def _comparison_assumptions(comparison: Any, words: Words) -> list[tuple[str, object]]:
    unit = comparison.money.normalize_unit(words.unit)
    return [
        (words("plans"), ", ".join(comparison.labels)),
        (words("base"), comparison.base),
        (words("plan_period_ends"), comparison.plan_last),
        (words("moved"), words("moved_text", unit=unit)),
        (words("shift"), words("shift_text")),
    ]
