"""Column headings and sheet names of the after-the-plan reports, in the report's language."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from capex import terms
from capex.export.sheet import PERCENT_KEYS, Sheet
from capex.terms import TERMS, term

# columns whose key differs from the term that heads them
_ALIASES = {
    "total": "total_investment",
    "line": "budget_line",
    "project_id": "id",
    "start": "start_year",
    "end": "end_year",
}


def heading(column: object, lang: str) -> object:
    """The heading of a column key in ``lang``: its term when there is one, else the key."""
    return terms.heading(column, lang, _ALIASES)


def headed(
    frame: pd.DataFrame, amount_columns: Iterable[object], lang: str
) -> tuple[pd.DataFrame, list[object]]:
    """``frame`` with its headings and ``amount_columns`` in ``lang``."""
    renamed = frame.rename(columns={c: heading(c, lang) for c in frame.columns})
    return renamed, [heading(c, lang) for c in amount_columns]


def sheet_name(key: str, lang: str) -> str:
    """A sheet's name in ``lang`` (Excel allows 31 characters)."""
    return term(key, lang)[:31] if key in TERMS else key[:31]


def findings_in(findings: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A findings table with its severities, rules and messages in ``lang`` (its headings
    stay keys: :func:`make_sheet` heads them)."""
    out = findings.copy()
    if "severity" in out:
        out["severity"] = [terms.severity_word(value, lang) for value in out["severity"]]
    if "rule" in out:
        out["rule"] = [terms.rule_word(value, lang) for value in out["rule"]]
    if "message" in out:
        out["message"] = [terms.said(value, lang) for value in out["message"]]
    return out


def make_sheet(
    key: str, frame: pd.DataFrame, amounts: Iterable[object], lang: str, total_rows: int = 0
) -> Sheet:
    """A sheet named by the term ``key``, its headings and amount columns in ``lang``."""
    percents = [heading(c, lang) for c in frame.columns if c in PERCENT_KEYS]
    frame, amount_columns = headed(frame, amounts, lang)
    return Sheet(
        sheet_name(key, lang),
        frame,
        amount_columns,
        total_rows=total_rows,
        percent_columns=percents,
    )
