"""The store's objects as sheets: a filed version with its record, a diff, a history, a check.

A :class:`StoredVersion` (``store.document(name)``) exports as the workbook an office files: a
first sheet with the version's record (name, stage, status, who submitted and approved it and
when, its hashes and the fingerprint 版本指纹 that ``capex verify --anchor`` checks), then the
object's own sheets (a portfolio's as its reconciliation, actuals as a project x year table,
a scenario as its changes). :func:`capex.to_excel` and :func:`capex.to_csv` write them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from capex.export.sheet import Sheet, Words
from capex.model.money import WAN, Money
from capex.store.records import Version, status_word
from capex.terms import term

__all__ = [
    "StoredVersion",
    "diff_sheets",
    "history_sheets",
    "verification_sheets",
    "version_sheets",
]


@dataclass(frozen=True, eq=False)
class StoredVersion:
    """A version's object with its record, as filed (see the module text)."""

    version: Version
    obj: Any

    @property
    def money(self) -> Money:
        return getattr(self.obj, "money", WAN)

    def __repr__(self) -> str:
        return f"<StoredVersion {self.version.name} ({self.version.kind}, {self.version.status})>"


def record_items(version: Version, lang: str) -> list[tuple[str, Any]]:
    """The record of a version as (label, value) rows, in ``lang``."""
    from capex.store.store import kind_word

    def label(key: str) -> str:
        return term(f"store_item_{key}", lang)

    rows: list[tuple[str, Any]] = [
        (label("name"), version.name),
        (label("id"), version.id),
        (label("kind"), kind_word(version.kind, lang)),
        (label("stage"), version.stage),
        (label("status"), status_word(version.status, lang)),
        (label("author"), version.author),
        (label("saved_at"), version.saved_at),
        (label("parent"), version.parent or ""),
        (label("note"), version.note),
        (label("content_sha256"), version.content_sha256),
        (label("hash"), version.hash),
    ]
    for event in version.events:
        rows.append(
            (
                term(f"store_action_{event.action}", lang),
                term("store_event_text", lang, actor=event.actor, at=event.at, reason=event.reason)
                if event.reason
                else term("store_event_plain", lang, actor=event.actor, at=event.at),
            )
        )
        if event.key_id:
            rows.append((label("signed"), f"{event.scheme} {event.key_id}"))
    if version.fingerprint:
        rows.append((label("fingerprint"), version.fingerprint))
    return rows


def _record_sheet(version: Version, words: Words) -> Sheet:
    frame = pd.DataFrame(
        record_items(version, words.lang), columns=[words.header("item"), words.header("value")]
    )
    frame.iloc[:, 1] = frame.iloc[:, 1].astype(str)
    return Sheet(term("store_sheet_version", words.lang)[:31], frame)


def _object_sheets(obj: Any, words: Words) -> list[Sheet]:
    """The object's own sheets, for the kinds that export, or a table of what it holds."""
    from capex.export.registry import sheets
    from capex.export.sheet import ExportError
    from capex.model.actuals import Actuals
    from capex.solvers.scenario import Scenario

    if isinstance(obj, Actuals):
        table = obj.to_frame(obj.money.unit, lang="en")
        frame = table.reset_index()
        frame["id"] = frame["id"].astype(object)
        return [Sheet(term("store_kind_Actuals", words.lang)[:31], frame, list(table.columns))]
    try:
        return sheets(obj, unit=words.unit, lang=words.lang)
    except ExportError:
        pass
    if isinstance(obj, Scenario):
        changes = [str(text) if words.lang == "en" else text.text("zh") for text in obj.describe()]
        frame = pd.DataFrame({words.header("item"): changes})
        return [Sheet(term("store_kind_Scenario", words.lang)[:31], frame)]
    return []


def version_sheets(stored: StoredVersion, words: Words) -> list[Sheet]:
    """A filed version: its record first, then the object's sheets."""
    return [_record_sheet(stored.version, words), *_object_sheets(stored.obj, words)]


def diff_sheets(diff: Any, words: Words) -> list[Sheet]:
    """A diff: the differences in money (projects added and removed, amounts changed, money
    moved between years), the other fields changed, and the annual totals."""
    from capex.store.diff import worded

    lang = words.lang
    exact = diff.to_frame(
        diff.money.unit, lang="en"
    )  # integers of the minor unit: the sheet converts
    money = (exact["what"] != "changed") | exact["field"].isin(diff.money_fields)
    amounts = exact[money].copy()
    for column in ("before", "after", "change"):
        amounts[column] = pd.array(amounts[column].tolist(), dtype="Int64")
    fields = exact[~money].drop(columns=["change"]).astype({"before": str, "after": str})
    annual = diff.annual_minor.reset_index()
    annual.columns = ["year", "before", "after", "change"]
    amounts, fields, annual = (worded(t, lang) for t in (amounts, fields, annual))
    return [
        Sheet(term("store_sheet_amounts", lang)[:31], amounts, list(amounts.columns[-3:])),
        Sheet(term("store_sheet_fields", lang)[:31], fields),
        Sheet(term("store_sheet_annual", lang)[:31], annual, list(annual.columns[1:])),
    ]


def history_sheets(history: Any, words: Words) -> list[Sheet]:
    """A project's history: one row per version, amounts in the unit asked for."""
    exact = history.to_frame(history.money.unit, lang=words.lang)
    amounts = list(exact.columns[10:])
    for column in amounts:
        exact[column] = exact[column].astype("int64")
    return [Sheet(term("store_sheet_history", words.lang)[:31], exact, amounts)]


def verification_sheets(verification: Any, words: Words) -> list[Sheet]:
    """A verification: what was checked, then every problem found."""
    lang = words.lang
    summary = pd.DataFrame({words.header("item"): verification.summary(lang=lang).splitlines()})
    return [
        Sheet(term("store_sheet_verification", lang)[:31], summary),
        Sheet(term("store_sheet_problems", lang)[:31], verification.to_frame(lang=lang)),
    ]


def _register() -> None:
    from capex.export.registry import register
    from capex.store.diff import StoreDiff
    from capex.store.history import ProjectHistory
    from capex.store.verify import Verification

    register(StoredVersion, version_sheets)
    register(StoreDiff, diff_sheets)
    register(ProjectHistory, history_sheets)
    register(Verification, verification_sheets)


_register()
