"""A project's history: its total, window and money year by year in every version.

:meth:`capex.store.Store.history` finds the project in each version by its stable code
(项目代码) where the version knows codes (a portfolio's ``code`` column, or the codes kept
beside a result), else by its id; versions of kinds without projects are passed over.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from capex.money import Money
from capex.terms import check_lang, term, with_unit

__all__ = ["ROW_COLUMNS", "ProjectHistory"]

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
class ProjectHistory:
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

    def to_frame(self, unit: str | None = None, *, lang: str = "en") -> pd.DataFrame:
        """The rows with the total and each year's money in ``unit`` (the display unit by
        default), headed in ``lang``."""
        check_lang(lang)
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

    def summary(self, unit: str | None = None, *, lang: str = "en") -> str:
        """The history in words and as a table, in ``unit`` and ``lang``."""
        check_lang(lang)
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

    def _repr_html_(self) -> str:
        return f"<p><b>{html.escape(repr(self))}</b></p>" + self.to_frame()._repr_html_()
