"""The sheets of a carry-over: the hand-over reconciliation, the carried and finished projects,
and the next plan's project table."""

from __future__ import annotations

from typing import Any

import pandas as pd

from capex.afterlife.rollforward import CLOSING_TERMS, outcome_text
from capex.export.headings import headed, make_sheet, sheet_name
from capex.export.sheet import TOTAL_LABEL, Sheet, assumptions_frame
from capex.model.money import rescale
from capex.terms import said, term

_RECONCILIATION = ["total", "spent", "carried", "saving", "suspended", "overrun"]
_IDENTITY = "total = spent + carried + saving (released) + suspended (stopped) - overrun, exactly"


def handover_sheets(hand: Any) -> list[Sheet]:
    """A :class:`~capex.afterlife.rollforward.HandOver`: reconciliation (with totals), carried, finished,
    the next plan and assumptions, headed in the hand-over's language."""
    lang = hand.lang
    reconciliation = _plain(hand.reconciliation)
    reconciliation["outcome"] = [outcome_text(o, lang) for o in reconciliation["outcome"]]
    reconciliation["status"] = [
        term(f"status_{v}", lang) if v else "" for v in reconciliation["status"]
    ]
    reconciliation["closing"] = [term(CLOSING_TERMS[v], lang) for v in reconciliation["closing"]]
    total_row: dict[str, Any] = {"id": None, "name": TOTAL_LABEL}
    total_row.update({c: int(reconciliation[c].sum()) for c in _RECONCILIATION})
    reconciliation = pd.concat([reconciliation, pd.DataFrame([total_row])], ignore_index=True)
    first, last = hand.next_period
    in_next = term("in_next_period", lang, first=first, last=last)
    after_next = term("after_next_period", lang, last=last)
    carried = _plain(hand.carried).rename(columns={"in_next": in_next, "after_next": after_next})
    carried["fixed"] = [term("yes" if fixed else "no", lang) for fixed in carried["fixed"]]
    carried = carried.rename(columns={"fixed": "under way, start fixed", "spent": "spent_before"})
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
        findings = hand.findings.copy()
        findings["message"] = [said(m, lang) for m in findings["message"]]
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
        frame, amounts = headed(table, ["total", "plan_investment"], lang)
        tables.append(Sheet(sheet_name("next_plan", lang), frame, amounts))
    items = [
        ("closing plan period", f"{hand.previous_period[0]}-{hand.previous_period[1]}"),
        ("next plan period", f"{first}-{last}"),
        ("window ended with money left", hand.past_window),
        ("years before the ledger (before=)", hand.before),
        ("the ledger and time outside it", said(hand.coverage_note, lang)),
        ("identity", _IDENTITY),
        ("reconciles", "yes" if hand.reconciles() else "no"),
    ]
    tables.append(Sheet(sheet_name("assumptions", lang), assumptions_frame(items, hand.money)))
    return tables


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index()
    out["id"] = out["id"].astype(object)
    return out.rename(columns={c: c.removesuffix("_minor") for c in out.columns})
