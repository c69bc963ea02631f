"""The sheets of a comparison of plans: annual totals, summary, projects, moves."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from capex.export.sheet import TOTAL_LABEL, Sheet, assumptions_frame
from capex.money import Money


def comparison_sheets(comparison: Any) -> list[Sheet]:
    """A comparison: annual totals side by side, summary, projects, moves, assumptions."""
    return [
        _comparison_annual_sheet(comparison),
        _comparison_summary_sheet(comparison),
        _comparison_projects_sheet(comparison),
        _comparison_moves_sheet(comparison),
        Sheet(
            "assumptions", assumptions_frame(_comparison_assumptions(comparison), comparison.money)
        ),
    ]


def _minor_of(values: Any, money: Money) -> list[Any]:
    """Amounts a comparison holds in the display unit back to integers of the minor unit."""
    per = float(money.per())
    return [None if pd.isna(v) else round(float(v) * per) for v in values]


def _comparison_annual_sheet(comparison: Any, name: str = "annual") -> Sheet:
    """Per year, each plan's total, and its ceiling where one has one, with a totals row."""
    annual = comparison.annual
    ceilings = getattr(comparison, "ceilings", None)
    frame = pd.DataFrame({"year": [int(y) for y in annual.index]}, dtype=object)
    amounts: list[str] = []
    for label in annual.columns:
        frame[str(label)] = _minor_of(annual[label], comparison.money)
        amounts.append(str(label))
    if isinstance(ceilings, pd.DataFrame):
        for label in ceilings.columns:
            if ceilings[label].notna().any():
                column = f"{label} ceiling"
                frame[column] = _minor_of(ceilings[label].reindex(annual.index), comparison.money)
                amounts.append(column)
    total_row: dict[Any, Any] = {"year": TOTAL_LABEL}
    total_row.update({str(label): int(sum(frame[str(label)])) for label in annual.columns})
    frame = pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)
    return Sheet(name, frame, amounts, total_rows=1)


def _comparison_summary_sheet(comparison: Any, name: str = "summary") -> Sheet:
    summary = comparison.summary
    frame = summary.reset_index().rename(columns={summary.index.name or "index": "plan"})
    amounts = [
        c for c in ("total", "before_plan", "in_plan", "after_plan", "peak") if c in frame.columns
    ]
    for column in amounts:
        frame[column] = _minor_of(frame[column], comparison.money)
    if "peak_year" in frame.columns:
        frame["peak_year"] = [None if pd.isna(y) else int(y) for y in frame["peak_year"]]
    return Sheet(name, frame, amounts)


def _comparison_projects_sheet(comparison: Any, name: str = "projects") -> Sheet:
    """Per project: its name, then per plan its shift (years), money moved and total change."""
    projects = comparison.projects
    frame = pd.DataFrame({"id": list(projects.index)}, dtype=object)
    amounts = []
    for plan, measure in projects.columns:
        values = projects[(plan, measure)].to_numpy()
        if measure == "name":
            frame["name"] = ["" if pd.isna(v) else str(v) for v in values]
        elif measure == "shift":
            frame[f"{plan} shift"] = [int(v) for v in values]
        else:
            frame[f"{plan} {measure}"] = _minor_of(values, comparison.money)
            amounts.append(f"{plan} {measure}")
    return Sheet(name, frame, amounts)


def _comparison_moves_sheet(comparison: Any, name: str = "moves") -> Sheet:
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
    return Sheet(name, frame, ["change"])


def _comparison_assumptions(comparison: Any) -> list[tuple[str, object]]:
    return [
        ("plans", ", ".join(comparison.labels)),
        ("base", comparison.base),
        ("plan period ends", comparison.plan_last),
        (
            "moved",
            (
                "money a project spends in other years than in the base, "
                f"{comparison.money.display_unit}"
            ),
        ),
        ("shift", "whole years a project's window moved against its plan"),
    ]
