"""The sheets of a re-forecast: the plan's sheets, then each project's estimate at completion,
what the re-forecast did, and the actuals' findings."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from capex.export.headings import headed, sheet_name
from capex.export.plan import plan_sheets
from capex.export.sheet import TOTAL_LABEL, Sheet, assumptions_frame
from capex.terms import said

_AMOUNTS = [
    "budget",
    "actual_to_date",
    "remaining",
    "unscheduled",
    "at_completion",
    "variance_at_completion",
]


def reforecast_sheets(result: Any) -> list[Sheet]:
    """A :class:`~capex.afterlife.reforecast.ReforecastResult`: schedule (actuals then forecast), annual
    totals against ceilings, projects, actions, findings, assumptions."""
    lang = result.lang
    tables = plan_sheets(result)
    assumptions = tables.pop()
    projects = result.projects().reset_index()
    total_row: dict[str, Any] = {"id": None, "name": TOTAL_LABEL}
    total_row.update({c: int(np.asarray(projects[c], dtype=np.int64).sum()) for c in _AMOUNTS})
    projects = pd.concat([projects, pd.DataFrame([total_row])], ignore_index=True)
    frame, amounts = headed(projects, _AMOUNTS, lang)
    tables.append(Sheet(sheet_name("projects_sheet", lang), frame, amounts, total_rows=1))
    actions = result.actions.rename(columns={"amount_minor": "amount"})
    frame, amounts = headed(actions, ["amount"], lang)
    tables.append(Sheet(sheet_name("actions", lang), frame, amounts))
    frame, _ = headed(result.findings, [], lang)
    tables.append(Sheet(sheet_name("findings", lang), frame))
    items = [
        ("as of (last year of actuals)", result.as_of),
        ("forecast method", result.forecast_method),
        ("window already past", result.past_window),
        ("overrun", result.overrun),
        ("years before the ledger (before=)", result.before),
        ("the ledger and time outside it", said(result.coverage_note, lang)),
    ]
    extra = assumptions_frame(items, result.money).iloc[: len(items)]
    assumptions.frame = pd.concat([extra, assumptions.frame], ignore_index=True)
    assumptions.name = sheet_name("assumptions", lang)
    tables.append(assumptions)
    return tables
