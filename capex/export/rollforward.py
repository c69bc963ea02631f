"""The sheets of a carry-over: the hand-over reconciliation, the carried and finished projects,
and the next plan's project table."""

from __future__ import annotations

from typing import Any

import pandas as pd

from capex.afterlife.rollforward import CLOSING_TERMS, outcome_text
from capex.export.headings import findings_in, headed, make_sheet, sheet_name
from capex.export.sheet import Sheet, Words, assumptions_frame
from capex.model.money import rescale
from capex.terms import check_lang, policy_word, said, term

_RECONCILIATION = ["total", "spent", "carried", "saving", "suspended", "overrun"]


def handover_sheets(hand: Any, words: Words | None = None) -> list[Sheet]:
    """A :class:`~capex.afterlife.rollforward.HandOver`: reconciliation (with totals), carried, finished,
    the next plan and assumptions, headed in ``words``' language."""
    words = words or Words(check_lang(hand.lang))
    lang = words.lang
    reconciliation = _plain(hand.reconciliation)
    reconciliation["outcome"] = [outcome_text(o, lang) for o in reconciliation["outcome"]]
    reconciliation["status"] = [
        term(f"status_{v}", lang) if v else "" for v in reconciliation["status"]
    ]
    reconciliation["closing"] = [term(CLOSING_TERMS[v], lang) for v in reconciliation["closing"]]
    total_row: dict[str, Any] = {"id": None, "name": words.total()}
    total_row.update({c: int(reconciliation[c].sum()) for c in _RECONCILIATION})
    reconciliation = pd.concat([reconciliation, pd.DataFrame([total_row])], ignore_index=True)
    first, last = hand.next_period
    in_next = term("in_next_period", lang, first=first, last=last)
    after_next = term("after_next_period", lang, last=last)
    carried = _plain(hand.carried).rename(columns={"in_next": in_next, "after_next": after_next})
    carried["fixed"] = [term("yes" if fixed else "no", lang) for fixed in carried["fixed"]]
    fixed = "under way, start fixed" if lang == "en" else term("under_way_fixed", lang)
    carried = carried.rename(columns={"fixed": fixed, "spent": "spent_before"})
    finished = _plain(hand.finished)
    finished["outcome"] = [outcome_text(o, lang) for o in finished["outcome"]]
    finished["status"] = [term(f"status_{v}", lang) if v else "" for v in finished["status"]]
    finished["closing"] = [term(CLOSING_TERMS[v], lang) for v in finished["closing"]]
    tables = [
        make_sheet("reconciliation", reconciliation, _RECONCILIATION, lang, total_rows=1),
        make_sheet("carried", carried, ["carried", in_next, after_next, "spent_before"], lang),
        make_sheet("finished", finished, _RECONCILIATION, lang),
    ]
    if len(hand.findings):
        findings = findings_in(hand.findings, lang)
        tables.append(make_sheet("findings", findings, [], lang))
    if hand.portfolio is not None:
        table = hand.portfolio.frame.reset_index()
        table = table.rename(columns={"total_minor": "total", "plan_minor": "plan_investment"})
        columns = [
            "id",
            "name",
            "start_year",
            "end_year",
            "total",
            "plan_investment",
            "street",
            "builder",
        ]
        table = table[columns]
        # the next plan is in its own money, which may be coarser than the hand-over's
        for column in ("total", "plan_investment"):
            table[column] = rescale(table[column].to_numpy(), hand.portfolio.money, hand.money)
        plan_heading = term("plan_investment", lang, first=first, last=last)
        table = table.rename(columns={"plan_investment": plan_heading})
        frame, amounts = headed(table, ["total", plan_heading], lang)
        tables.append(Sheet(sheet_name("next_plan", lang), frame, amounts))
    items = [
        (term("item_closing_period", lang), f"{hand.previous_period[0]}-{hand.previous_period[1]}"),
        (term("item_next_period", lang), f"{first}-{last}"),
        (term("item_window_ended", lang), policy_word(hand.past_window, lang)),
        (term("item_before", lang), policy_word(hand.before, lang)),
        (term("item_coverage", lang), said(hand.coverage_note, lang)),
        (term("item_identity", lang), term("handover_identity", lang)),
        (term("item_reconciles", lang), words.yes_no(hand.reconciles())),
    ]
    frame = assumptions_frame(items, hand.money, words=words)
    tables.append(Sheet(sheet_name("assumptions", lang), frame))
    return tables


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index()
    out["id"] = out["id"].astype(object)
    return out.rename(columns={c: c.removesuffix("_minor") for c in out.columns})
