"""The sheets of a re-forecast: the plan's sheets, then each project's estimate at completion,
what the re-forecast did, and the actuals' findings."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from capex.afterlife.reforecast import describe_actions
from capex.export.headings import findings_in, headed, sheet_name
from capex.export.plan import plan_sheets
from capex.export.sheet import Sheet, Words, assumptions_frame
from capex.terms import check_lang, method_words, policy_word, said, term

_AMOUNTS = [
    "budget",
    "actual_to_date",
    "remaining",
    "unscheduled",
    "at_completion",
    "variance_at_completion",
]


def reforecast_sheets(result: Any, words: Words | None = None) -> list[Sheet]:
    """A :class:`~capex.afterlife.reforecast.ReforecastResult`: schedule (actuals then forecast), annual
    totals against ceilings, projects, actions, findings, assumptions, in ``words``."""
    words = words or Words(check_lang(result.lang))
    lang = words.lang
    tables = plan_sheets(result, words)
    assumptions = tables.pop()
    projects = result.projects(lang="en").reset_index()
    total_row: dict[str, Any] = {"id": None, "name": words.total()}
    total_row.update({c: int(np.asarray(projects[c], dtype=np.int64).sum()) for c in _AMOUNTS})
    projects = pd.concat([projects, pd.DataFrame([total_row])], ignore_index=True)
    frame, amounts = headed(projects, _AMOUNTS, lang)
    tables.append(Sheet(sheet_name("projects_sheet", lang), frame, amounts, total_rows=1))
    actions = result.action_table[["id", "action", "amount_minor"]].copy()
    actions["detail"] = describe_actions(result.action_table, result.money, result.as_of, lang)
    actions["action"] = [term(f"action_kind_{kind}", lang) for kind in actions["action"]]
    actions = actions.rename(columns={"amount_minor": "amount"})
    frame, amounts = headed(actions, ["amount"], lang)
    tables.append(Sheet(sheet_name("actions", lang), frame, amounts))
    frame, _ = headed(findings_in(result.findings, lang), [], lang)
    tables.append(Sheet(sheet_name("findings", lang), frame))
    items = [
        (term("item_as_of_actuals", lang), result.as_of),
        (term("item_forecast_method", lang), method_words(result.forecast_method, lang)),
        (term("item_past_window", lang), policy_word(result.past_window, lang)),
        (term("item_overrun", lang), policy_word(result.overrun, lang)),
        (term("item_before", lang), policy_word(result.before, lang)),
        (term("item_coverage", lang), said(result.coverage_note, lang)),
    ]
    extra = assumptions_frame(items, result.money, words=words).iloc[: len(items)]
    assumptions.frame = pd.concat([extra, assumptions.frame], ignore_index=True)
    assumptions.name = sheet_name("assumptions", lang)
    tables.append(assumptions)
    return tables
