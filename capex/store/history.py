"""A project's history: its total, window and money year by year in every version.

:meth:`capex.store.Store.history` finds the project in each version by its stable code
(项目代码) where the version knows codes (a portfolio's ``code`` column, or the codes kept
beside a result), else by its id; versions of kinds without projects are passed over.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex.model.ids import match_id
from capex.model.money import Money, comparison_money, rescale
from capex.model.protocol import Report
from capex.terms import check_lang, term, with_unit

__all__ = ["ROW_COLUMNS", "ProjectHistory", "project_history"]

ROW_COLUMNS = (
    "version_id",
    "version",
    "kind",
    "stage",
    "status",
    "time",
    "id",
    "name",
    "start_year",
    "end_year",
    "total_minor",
)
"""Columns of :attr:`ProjectHistory.rows`."""


@dataclass(frozen=True, eq=False)
class ProjectHistory(Report):
    """A project across every version that holds it, in the order saved.

    Attributes
    ----------
    code
        The code (or id) asked for.
    rows
        One row per version: ``version_id``, ``version`` (its name), ``kind``, ``stage``,
        ``status``, ``time``, the project's ``id`` and ``name`` there, its window
        (``start_year``, ``end_year``) and ``total_minor``.
    annual_minor
        Per version (rows, by name) and year (columns): the project's money, integers of
        :attr:`money`'s minor unit (the finest of the versions').
    money
        The money of the amounts.
    """

    code: str
    rows: pd.DataFrame = field(repr=False)
    annual_minor: pd.DataFrame = field(repr=False)
    money: Money = field(default_factory=Money)

    def __len__(self) -> int:
        return len(self.rows)

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """The rows with the total and each year's money in ``unit`` (the display unit by
        default), headed in ``lang``."""
        lang = check_lang(lang)
        unit = self.money.normalize_unit(unit)
        frame = self.rows.drop(columns=["total_minor"]).copy()
        frame["total"] = self.money.to_unit(self.rows["total_minor"].to_numpy(dtype=np.int64), unit)
        for year in self.annual_minor.columns:
            frame[int(year)] = self.money.to_unit(
                self.annual_minor[year].to_numpy(dtype=np.int64), unit
            )
        frame.attrs["unit"] = unit
        if lang != "en":
            from capex.store.diff import project_heading
            from capex.store.store import kind_word

            frame["kind"] = [kind_word(k, lang) for k in frame["kind"]]
            frame["status"] = [term(f"store_status_{s}", lang) for s in frame["status"]]
            frame.columns = [project_heading(c, lang) for c in frame.columns]
        return frame

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """The history in words and as a table, in ``unit`` and ``lang``."""
        lang = check_lang(lang)
        unit = self.money.normalize_unit(unit)
        if self.rows.empty:
            return term("store_history_none", lang, code=self.code)
        head = term("store_history_headline", lang, code=self.code, n=len(self.rows), unit=unit)
        frame = self.to_frame(unit, lang=lang)
        shown = frame.drop(columns=frame.columns[[0, 5]])  # the id and time: in to_frame()
        shown = shown.rename(columns={c: with_unit(str(c), unit, lang) for c in shown.columns[8:]})
        return head + "\n" + shown.to_string(index=False)

    def __repr__(self) -> str:
        return f"<ProjectHistory {self.code!r}: {len(self.rows)} version(s)>"


def project_history(wanted: str, views: Iterable[tuple[Any, Any]]) -> ProjectHistory:
    """The history of the project ``wanted`` (a code, else an id) in ``(version, view)``
    pairs (:mod:`capex.store.views`), in the order saved."""
    found = []
    for record, view in views:
        position = _position_of(view, wanted)
        if position is not None:
            found.append((record, view, position))
    if not found:
        return ProjectHistory(
            wanted, pd.DataFrame(columns=list(ROW_COLUMNS)), pd.DataFrame(dtype=np.int64)
        )
    money = comparison_money(*(view.money for _, view, _ in found))
    rows, annual = [], {}
    for record, view, position in found:
        fields = view.fields.iloc[position]
        total = int(rescale([int(fields.get("total_minor", 0))], view.money, money)[0])
        pid = view.ids[position]
        rows.append(
            (
                record.id,
                record.name,
                record.kind,
                record.stage,
                record.status,
                record.saved_at,
                pid,
                fields.get("name", ""),
                _year(fields.get("start_year")),
                _year(fields.get("end_year")),
                total,
            )
        )
        if view.annual is not None:
            values = view.annual.reindex([pid], fill_value=0).iloc[0]
            annual[record.name] = pd.Series(
                rescale(values.to_numpy(dtype=np.int64), view.money, money), index=values.index
            )
    frame = pd.DataFrame(rows, columns=list(ROW_COLUMNS))
    for column in ("start_year", "end_year"):
        frame[column] = frame[column].astype("Int64")
    table = pd.DataFrame(annual).T.reindex([row[1] for row in rows]).fillna(0).astype(np.int64)
    table = table.reindex(columns=sorted(table.columns))
    table.columns = pd.Index([int(y) for y in table.columns], name="year")
    return ProjectHistory(wanted, frame, table, money)


def _position_of(view: Any, wanted: str) -> int | None:
    """Where the project ``wanted`` is in a view: by code where the version knows codes,
    else by id."""
    if view.codes is not None:
        hits = np.flatnonzero(view.codes.reindex(view.ids).astype(str).to_numpy() == wanted)
        if len(hits):
            return int(hits[0])
    label = match_id(wanted, view.ids)
    return None if label is None else int(view.ids.get_loc(label))


def _year(value: Any) -> int | None:
    return None if value is None or value is pd.NA else int(value)
