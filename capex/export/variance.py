"""The sheets of a variance report: by year, by project, project and year, findings."""

from __future__ import annotations

from typing import Any

import pandas as pd

from capex.errors import CapexError
from capex.export.headings import findings_in, make_sheet, sheet_name
from capex.export.sheet import TOTAL_LABEL, Sheet, Words, assumptions_frame
from capex.terms import check_lang, policy_word, said, term

_AMOUNTS = ("planned", "actual", "difference")


def variance_sheets(report: Any, words: Words | None = None) -> list[Sheet]:
    """A :class:`~capex.afterlife.variance.VarianceReport`: by year (with totals), by project, the
    long project x year table, findings and assumptions, headed in ``words``' language."""
    lang = words.lang if words is not None else check_lang(report.lang)
    by_year = report.by_year(lang="en")
    total_row = {"year": TOTAL_LABEL if lang == "en" else term("total", lang)}
    total_row.update({c: int(by_year[c].sum()) for c in _AMOUNTS})
    planned = total_row["planned"]
    total_row["percent"] = (total_row["difference"] / planned * 100) if planned else None
    by_year = pd.concat([by_year, pd.DataFrame([total_row])], ignore_index=True)
    cumulative = [c for c in by_year.columns if str(c).startswith("cumulative_")]
    tables = [
        make_sheet("by_year", by_year, [*_AMOUNTS, *cumulative], lang, total_rows=1),
        make_sheet("by_project", report.by_project(lang="en"), [*_AMOUNTS, "total"], lang),
        make_sheet(
            "detail",
            report.to_frame(lang="en"),
            [*_AMOUNTS, "cumulative_planned", "cumulative_actual", "cumulative_difference"],
            lang,
        ),
    ]
    for key in ("street", "builder", "line"):
        try:
            grouped = report.by(key, lang="en")
        except CapexError:  # a grouping the report has no data for is left out
            continue
        if len(grouped) and grouped[key].astype(str).str.strip().any():
            tables.append(make_sheet(f"by_{key}", grouped, _AMOUNTS, lang))
    tables.append(make_sheet("findings", findings_in(report.findings, lang), [], lang))
    items = [
        (term("item_as_of_compared", lang), report.as_of),
        (term("item_compared_in", lang), report._note(lang)),
        (term("item_the_plan", lang), said(report.plan_what, lang)),
        (term("item_before", lang), policy_word(report.before, lang)),
        (term("item_coverage", lang), said(report.coverage_note, lang)),
        (term("difference", lang), term("item_difference", lang)),
        (term("item_tolerance", lang), report.tolerance),
    ]
    frame = assumptions_frame(items, report.money, words=words or Words(lang))
    tables.append(Sheet(sheet_name("assumptions", lang), frame))
    return tables
