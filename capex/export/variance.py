"""The sheets of a variance report: by year, by project, project and year, findings."""

from __future__ import annotations

from typing import Any

import pandas as pd

from capex.errors import CapexError
from capex.export.headings import make_sheet, sheet_name
from capex.export.sheet import TOTAL_LABEL, Sheet, assumptions_frame
from capex.terms import said, term

_AMOUNTS = ("planned", "actual", "difference")


def variance_sheets(report: Any) -> list[Sheet]:
    """A :class:`~capex.afterlife.variance.VarianceReport`: by year (with totals), by project, the
    long project x year table, findings and assumptions, headed in the report's language."""
    lang = report.lang
    by_year = report.by_year()
    total_row = {"year": TOTAL_LABEL if lang == "en" else term("total", lang)}
    total_row.update({c: int(by_year[c].sum()) for c in _AMOUNTS})
    planned = total_row["planned"]
    total_row["percent"] = (total_row["difference"] / planned * 100) if planned else None
    by_year = pd.concat([by_year, pd.DataFrame([total_row])], ignore_index=True)
    cumulative = [c for c in by_year.columns if str(c).startswith("cumulative_")]
    tables = [
        make_sheet("by_year", by_year, [*_AMOUNTS, *cumulative], lang, total_rows=1),
        make_sheet("by_project", report.by_project(), [*_AMOUNTS, "total"], lang),
        make_sheet(
            "detail",
            report.to_frame(),
            [*_AMOUNTS, "cumulative_planned", "cumulative_actual", "cumulative_difference"],
            lang,
        ),
    ]
    for key in ("street", "builder", "line"):
        try:
            grouped = report.by(key)
        except CapexError:  # a grouping the report has no data for is left out
            continue
        if len(grouped) and grouped[key].astype(str).str.strip().any():
            tables.append(make_sheet(f"by_{key}", grouped, _AMOUNTS, lang))
    tables.append(make_sheet("findings", report.findings, [], lang))
    items = [
        ("as of (last year compared)", report.as_of),
        ("amounts compared in", report.comparison_note),
        ("the plan", report.plan_what),
        ("years before the ledger (before=)", report.before),
        ("the ledger and time outside it", said(report.coverage_note, lang)),
        ("difference", "actual - planned; percent = difference / planned x 100"),
        ("tolerance (share of planned to date)", report.tolerance),
    ]
    tables.append(Sheet(sheet_name("assumptions", lang), assumptions_frame(items, report.money)))
    return tables
