"""A sheet: one named table to export, its amount columns, and the words it is headed in."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from capex._version import __version__
from capex.errors import CapexError
from capex.model.money import WAN, Money
from capex.terms import TERMS, check_lang, term, with_unit

PERCENT_KEYS = ("percent", "payment_progress", "time_progress", "plan_progress")
"""Columns that hold numbers of percent (-2.7 for -2.7 %)."""

SHARE_KEYS = ("breach_probability",)
"""Columns that hold shares (0.25 for 25 %)."""

PERCENT_FORMAT = "0.0%"
"""Excel number format of a percentage: the cell holds the share (0.027), shown ``2.7%``."""

AMOUNT_FORMAT = '#,##0.00##;-#,##0.00##;"-"'
"""Excel number format of amounts in 亿元 over 万元: two decimals at least, four (one 万元) at
most, and zero shown as ``-`` (the cell still holds the number 0); see :func:`amount_format`
for other units."""

TOTAL_LABEL = "total"
"""Label of the totals row and column in English (``合计`` in Chinese)."""


class ExportError(CapexError):
    """An object capex cannot export, or a file it cannot write."""


@dataclass(frozen=True)
class Amount:
    """One amount (an integer of the minor unit) in a column that is not an amount column,
    such as a published total on the assumptions sheet: written as a number of the unit."""

    minor: int


@dataclass
class Sheet:
    """One table to export.

    Attributes
    ----------
    name
        Sheet name in the workbook (at most 31 characters) and stem of the CSV file, in the
        sheet's language.
    frame
        The table, written without its index, headed in the sheet's language (without units).
        Amount columns hold integers of the minor unit.
    amount_columns
        Columns holding integers of the minor unit, written in the unit asked for, with the
        unit in their header (``total (亿元)``, ``2021 (亿元)``).
    total_rows
        Number of rows at the bottom that are totals (drawn in bold, left out of the filter).
    money
        The currency and minor unit of the amounts.
    percent_columns
        Columns holding percentages as numbers of percent (``-2.7`` for -2.7 %): a workbook
        holds the share (-0.027) exactly, shown with a percent format; a CSV file the number.
    share_columns
        Columns holding shares (0.25 for 25 %), shown in a workbook with a percent format.
    """

    name: str
    frame: pd.DataFrame
    amount_columns: list[Any] = field(default_factory=list)
    total_rows: int = 0
    money: Money = WAN
    percent_columns: list[Any] = field(default_factory=list)
    share_columns: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Words:
    """How the sheets are worded: the language and the unit of the amounts.

    English headers are the column keys (``start_year``, ``extra_budget``), as programs read
    them; Chinese headers are the terms of :mod:`capex.terms`.
    """

    lang: str = "en"
    unit: str | None = None

    def __post_init__(self) -> None:
        check_lang(self.lang)

    def __call__(self, key: str, **values: object) -> str:
        """The term ``key`` in this language."""
        return term(key, self.lang, **values)

    def header(self, key: Any) -> Any:
        """The header of column ``key``: the key in English, its term in Chinese."""
        if self.lang == "en" or not isinstance(key, str) or key not in TERMS:
            return key
        return term(key, self.lang)

    def sheet(self, key: str) -> str:
        """A sheet's name: the key in words in English (``budget lines``), its term in
        Chinese; 31 characters at most, as Excel allows."""
        name = key.replace("_", " ") if self.lang == "en" else self.header(key)
        return str(name)[:31]

    def total(self) -> str:
        """The label of a totals row."""
        return TOTAL_LABEL if self.lang == "en" else term("total", self.lang)

    def yes_no(self, value: bool) -> str:
        return self("yes" if value else "no")


def headed(
    name: str,
    frame: pd.DataFrame,
    amounts: Sequence[Any],
    words: Words,
    total_rows: int = 0,
    own: Mapping[Any, Any] | None = None,
) -> Sheet:
    """A sheet named by the key ``name`` whose columns (keys) are headed in ``words``, or by
    ``own`` where the object heads a column itself (payments' 支付日期)."""

    def header(key: Any) -> Any:
        shown = (own or {}).get(key, key)
        return shown if shown != key else words.header(key)

    renamed = frame.rename(columns={c: header(c) for c in frame.columns})
    return Sheet(
        words.sheet(name),
        renamed,
        [header(c) for c in amounts],
        total_rows,
        percent_columns=[header(c) for c in frame.columns if c in PERCENT_KEYS],
        share_columns=[header(c) for c in frame.columns if c in SHARE_KEYS],
    )


def amount_header(column: Any, unit: str = "亿元", lang: str = "en") -> str:
    """Header of an amount column in the files: ``'total (亿元)'``, ``'合计（亿元）'``."""
    return with_unit(str(column), unit, lang)


def amount_format(money: Money, unit: str | None = None) -> str:
    """Excel number format of amounts in ``unit``: two decimals at least (when the unit has
    any) and as many as one minor unit needs at most; zero shows as ``-``."""
    decimals = money.decimals(unit)
    shown = "#,##0" if decimals == 0 else "#,##0." + "0" * min(decimals, 2) + "#" * (decimals - 2)
    return f'{shown};-{shown};"-"'


def assumptions_frame(
    items: Sequence[tuple[str, object]],
    money: Money = WAN,
    *,
    words: Words | None = None,
    provenance: Any = None,
) -> pd.DataFrame:
    """The assumptions sheet's table: ``items`` (label, value; a value may be an
    :class:`Amount`), then the amount unit, the capex version, the export date and the
    provenance record(s) of what is exported.

    ``provenance`` is a :class:`~capex.model.provenance.Provenance`, or a sequence of ``(label,
    Provenance)`` for several plans.
    """
    words = words or Words()
    rows = [(key, "" if value is None else value) for key, value in items]
    rows += [
        (words("amount_unit_item"), describe_money(money, words)),
        (words("capex_version"), __version__),
        (words("exported_on"), _dt.date.today().isoformat()),
    ]
    records = provenance if isinstance(provenance, list | tuple) else [(None, provenance)]
    for label, record in records:
        if record is None:
            continue
        prefix = f"{label}: " if label else ""
        rows += [(prefix + words(key), value) for key, value in record.items()]
    return pd.DataFrame(rows, columns=[words.header("item"), words.header("value")])


def describe_money(money: Money, words: Words) -> str:
    """What the integers count and what is shown, in a sentence."""
    return words(
        "amount_unit_text",
        minor=money.unit,
        currency=money.currency,
        unit=money.normalize_unit(words.unit),
    )


def table_sheets(obj: Any, words: Words, *, key: str) -> list[Sheet]:
    """The one sheet of an object that has no sheets of its own (a cash flow, actuals,
    payments, a sweep): its :meth:`to_frame` table, named by the term ``key``; its amount
    columns (the years of a project x year table, an ``amount`` column) written in the unit
    asked for."""
    frame = obj.to_frame(obj.money.unit, lang="en")
    # an index of row numbers is no column of the user's; a named one (ids, scenarios) is
    frame = frame.reset_index(drop=frame.index.names == [None])
    own = None
    if words.lang != "en":  # the object's own headings where it has them (payments' 支付日期)
        shown = obj.to_frame(obj.money.unit, lang=words.lang)
        shown = shown.reset_index(drop=shown.index.names == [None])
        if len(shown.columns) == len(frame.columns):
            own = dict(zip(frame.columns, shown.columns))
    amounts = [
        column
        for column in frame.columns
        if pd.api.types.is_integer_dtype(frame[column])
        and (isinstance(column, int) or column == "amount")
    ]
    if "id" in frame:
        frame["id"] = frame["id"].astype(object)
    sheet = headed(key, frame, amounts, words, own=own)
    sheet.name = words(key)[:31]
    return [sheet]
