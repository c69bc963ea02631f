"""What changed between two versions: projects added, removed and changed, and annual totals.

:func:`diff` reads both objects through their views (:mod:`capex.store.views`): projects are
matched by their stable code (项目代码) where both versions know every project's code, else by
id; each field of a matched project is compared (amounts exactly, in the finer of the two
minor units), and so is its money year by year; the annual totals are set before and after.
Two objects of different kinds are compared through their money year by year (a plan against
the actual spending, say); kinds without projects (two scenarios) are compared field by field;
anything else is refused with a clear error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.model.ids import id_key
from capex.model.money import Money, comparison_money, rescale
from capex.model.protocol import Report
from capex.store.errors import StoreError, kind_named
from capex.store.views import VIEWS, ProjectView, view_of, with_codes
from capex.terms import check_lang, phrase, term

__all__ = ["CHANGE_COLUMNS", "MOVE_COLUMNS", "StoreDiff", "diff_objects"]

CHANGE_COLUMNS = ("key", "id", "name", "field", "before", "after", "change_minor")
MOVE_COLUMNS = ("key", "id", "name", "year", "before_minor", "after_minor", "change_minor")
SHOWN = 30
"""Projects a summary lists one by one; the rest are counted (all are in the tables)."""


@dataclass(frozen=True, eq=False)
class StoreDiff(Report):
    """Two versions compared (see the module text); amounts in integers of :attr:`money`'s
    minor unit.

    Attributes
    ----------
    before, after
        The versions' names, and ``before_kind``, ``after_kind`` their kinds.
    matched_by
        ``"code"`` or ``"id"``: how projects were matched.
    basis
        What the money year by year is (a term key), or ``None`` for kinds without projects.
    added, removed
        One row per project: ``key``, ``id``, ``name``, ``total_minor``.
    changes
        One row per project and field that differ: ``key``, ``id``, ``name``, ``field``,
        ``before``, ``after`` and, for an amount, ``change_minor``.
    moves
        One row per matched project and year whose money differs: ``key``, ``id``, ``name``,
        ``year``, ``before_minor``, ``after_minor``, ``change_minor``.
    annual_minor
        Per year: ``before``, ``after``, ``change`` (all projects, added and removed ones too).
    settings
        For kinds without projects: ``field``, ``before``, ``after`` of each differing field.
    money
        The money of the amounts.
    """

    before: str
    after: str
    before_kind: str
    after_kind: str
    matched_by: str
    basis: str | None
    added: pd.DataFrame = field(repr=False)
    removed: pd.DataFrame = field(repr=False)
    changes: pd.DataFrame = field(repr=False)
    moves: pd.DataFrame = field(repr=False)
    annual_minor: pd.DataFrame = field(repr=False)
    settings: pd.DataFrame = field(repr=False)
    money: Money = field(repr=False, default_factory=Money)
    money_fields: tuple[str, ...] = field(repr=False, default=())

    @property
    def changed_projects(self) -> int:
        """How many matched projects differ in a field or in a year's money."""
        keys = set(self.changes["key"].tolist()) | set(self.moves["key"].tolist())
        return len(keys)

    @property
    def same(self) -> bool:
        """Whether nothing differs."""
        return (
            self.added.empty
            and self.removed.empty
            and self.changes.empty
            and self.moves.empty
            and self.settings.empty
        )

    # -- the protocol ---------------------------------------------------------------------
    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """Every difference, one row each: ``what`` (added, removed, changed, moved), ``key``,
        ``id``, ``name``, ``field`` (a field or a year), ``before``, ``after`` and ``change``;
        amounts in ``unit`` (the display unit by default), headed in ``lang``."""
        lang = check_lang(lang)
        unit = self.money.normalize_unit(unit)
        shown = self._shown(unit)
        rows = []
        for what, table in (("added", self.added), ("removed", self.removed)):
            for row in table.itertuples(index=False):
                total = shown(row.total_minor)
                before, after = (None, total) if what == "added" else (total, None)
                rows.append((what, row.key, row.id, row.name, "total_minor", before, after, None))
        for row in self.changes.itertuples(index=False):
            money = row.field in self.money_fields
            rows.append(
                (
                    "changed",
                    row.key,
                    row.id,
                    row.name,
                    row.field,
                    shown(row.before) if money else row.before,
                    shown(row.after) if money else row.after,
                    shown(row.change_minor) if money else None,
                )
            )
        for row in self.moves.itertuples(index=False):
            rows.append(
                (
                    "moved",
                    row.key,
                    row.id,
                    row.name,
                    int(row.year),
                    shown(row.before_minor),
                    shown(row.after_minor),
                    shown(row.change_minor),
                )
            )
        for row in self.settings.itertuples(index=False):
            rows.append(("changed", None, None, None, row.field, row.before, row.after, None))
        columns = ["what", "key", "id", "name", "field", "before", "after", "change"]
        frame = pd.DataFrame(rows, columns=columns, dtype=object)
        frame.attrs["unit"] = unit
        return worded(frame, lang)

    def annual(self, unit: str | None = None, *, lang: str = "en") -> pd.DataFrame:
        """The annual totals before and after, and the change, in ``unit``."""
        unit = self.money.normalize_unit(unit)
        frame = pd.DataFrame(
            {
                c: self.money.to_unit(self.annual_minor[c].to_numpy(), unit)
                for c in self.annual_minor
            },
            index=self.annual_minor.index,
        )
        frame.attrs["unit"] = unit
        if lang != "en":
            frame.columns = [term(f"store_column_{c}", lang) for c in frame.columns]
            frame.index.name = term("year", lang)
        return frame

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """The differences in words and the annual totals, in ``unit`` and ``lang``."""
        lang = check_lang(lang)
        unit = self.money.normalize_unit(unit)
        fmt = self._formatted(unit)
        lines = [
            term(
                "store_diff_headline",
                lang,
                before=self.before,
                before_kind=_kind(self.before_kind, lang),
                after=self.after,
                after_kind=_kind(self.after_kind, lang),
                unit=unit,
                matched=term(f"store_matched_{self.matched_by}", lang),
            )
        ]
        if self.same:
            lines.append(term("store_diff_same", lang))
            return "\n".join(lines)
        if not self.settings.empty:
            lines.append(term("store_diff_settings", lang))
            for row in self.settings.itertuples(index=False):
                lines.append(f"  {_field_word(row.field, lang)}: {row.before} → {row.after}")
            return "\n".join(lines)
        lines.append(
            term(
                "store_diff_counts",
                lang,
                added=len(self.added),
                removed=len(self.removed),
                changed=self.changed_projects,
            )
        )
        for what, table in (("added", self.added), ("removed", self.removed)):
            if table.empty:
                continue
            lines.append(term(f"store_diff_{what}_list", lang))
            for row in table.head(SHOWN).itertuples(index=False):
                lines.append(f"  {_who(row)}: {fmt(row.total_minor)}")
            if len(table) > SHOWN:
                lines.append("  " + term("store_diff_more", lang, n=len(table) - SHOWN))
        described = self._described(fmt, lang)
        if described:
            lines.append(term("store_diff_changed_list", lang))
            lines += [f"  {text}" for text in described[:SHOWN]]
            if len(described) > SHOWN:
                lines.append("  " + term("store_diff_more", lang, n=len(described) - SHOWN))
        if self.basis is not None and not self.annual_minor.empty:
            lines.append(term("store_diff_annual", lang, basis=term(self.basis, lang)))
            table = self.annual(unit, lang=lang)
            lines.append(table.to_string())
        return "\n".join(lines)

    def _described(self, fmt: Any, lang: str) -> list[str]:
        """One sentence per changed project: its fields and its years."""
        parts: dict[Any, list[str]] = {}
        who: dict[Any, str] = {}
        for row in self.changes.itertuples(index=False):
            who.setdefault(row.key, _who(row))
            if row.field in self.money_fields:
                text = f"{fmt(row.before)} → {fmt(row.after)} ({fmt(row.change_minor, sign=True)})"
            else:
                text = f"{_plain(row.before)} → {_plain(row.after)}"
            parts.setdefault(row.key, []).append(f"{_field_word(row.field, lang)} {text}")
        for row in self.moves.itertuples(index=False):
            who.setdefault(row.key, _who(row))
            parts.setdefault(row.key, []).append(
                f"{int(row.year)} {fmt(row.change_minor, sign=True)}"
            )
        return [
            f"{who[key]}: {term('list_separator', lang).join(texts)}"
            for key, texts in parts.items()
        ]

    def _shown(self, unit: str) -> Any:
        money = self.money

        def shown(value: Any) -> Any:
            if value is None or value is pd.NA:
                return None
            return money.to_unit(np.asarray([int(value)]), unit)[0].item()

        return shown

    def _formatted(self, unit: str) -> Any:
        money = self.money

        def fmt(value: Any, sign: bool = False) -> str:
            text = money.format(int(value), unit)
            return f"+{text}" if sign and int(value) > 0 else text

        return fmt

    def __repr__(self) -> str:
        return (
            f"<StoreDiff {self.before} → {self.after}: {len(self.added)} added, "
            f"{len(self.removed)} removed, {self.changed_projects} changed>"
        )


def worded(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A table of :meth:`StoreDiff.to_frame` (English keys) in ``lang``."""
    if lang == "en":
        return frame
    frame = frame.copy()
    if "what" in frame.columns:
        frame["what"] = [term(f"store_diff_{w}", lang) for w in frame["what"]]
    if "field" in frame.columns:
        frame["field"] = [_field_word(f, lang) for f in frame["field"]]
    frame.columns = [project_heading(c, lang) for c in frame.columns]
    return frame


def project_heading(column: Any, lang: str) -> Any:
    """A column of a table of projects across versions, in ``lang``: a project's ``id``
    and ``name`` in the words of every project table, the others in the store's."""
    if not isinstance(column, str):
        return column
    if column in ("id", "name", "year"):
        return term(column, lang)
    return term(f"store_column_{column}", lang)


def _who(row: Any) -> str:
    name = row.name if isinstance(row.name, str) and row.name else ""
    return f"#{row.id} {name}".strip()


def _plain(value: Any) -> str:
    return "—" if value is None or value is pd.NA else str(value)


def _kind(kind: str, lang: str) -> str:
    from capex.store.store import kind_word

    return kind_word(kind, lang)


def _field_word(name: Any, lang: str) -> str:
    if not isinstance(name, str):
        return str(name)
    key = f"store_field_{name}"
    try:
        return term(key, lang)
    except CapexError:  # a field of a later kind without a term yet: its name
        return name


# ---------------------------------------------------------------------------------------
# comparing
# ---------------------------------------------------------------------------------------
def diff_objects(
    before: Any,
    after: Any,
    *,
    names: tuple[str, str],
    kinds: tuple[str, str],
    codes: tuple[pd.Series | None, pd.Series | None] = (None, None),
) -> StoreDiff:
    """The differences of two objects (see the module text)."""
    views = view_of(kinds[0], before), view_of(kinds[1], after)
    if views[0] is None or views[1] is None:
        if kinds[0] != kinds[1]:
            raise StoreError(
                phrase(
                    "err_store_compare_kinds",
                    kind=kind_named(kinds[0]),
                    name=names[0],
                    other=kind_named(kinds[1]),
                    other_name=names[1],
                )
            )
        return _settings_diff(before, after, names, kinds)
    same_kind = kinds[0] == kinds[1] or VIEWS.get(kinds[0]) is VIEWS.get(kinds[1])
    if not same_kind and (views[0].annual is None or views[1].annual is None):
        raise StoreError(
            phrase(
                "err_store_compare_money",
                kind=kind_named(kinds[0]),
                other=kind_named(kinds[1]),
                name=names[0] if views[0].annual is None else names[1],
            )
        )
    a, b = (with_codes(v, c) for v, c in zip(views, codes))
    money = comparison_money(a.money, b.money)
    by_code = (
        a.codes is not None
        and b.codes is not None
        and (a.codes != "").all()
        and (b.codes != "").all()
    )
    keys_a, keys_b = _keys(a, b, by_code)
    fa = _in_money(a.fields, a.money_fields, a.money, money).set_axis(keys_a)
    fb = _in_money(b.fields, b.money_fields, b.money, money).set_axis(keys_b)
    added = _listed(fb.loc[~keys_b.isin(keys_a)])
    removed = _listed(fa.loc[~keys_a.isin(keys_b)])
    common = keys_a[keys_a.isin(keys_b)]
    compared = [c for c in fa.columns if c in fb.columns and c != "name"]
    if not same_kind:
        compared = [c for c in compared if c == "total_minor"]
    changes = _field_changes(
        fa.loc[common], fb.loc[common], compared, set(a.money_fields) | set(b.money_fields)
    )
    annual_a = _annual_in(a, money, keys_a)
    annual_b = _annual_in(b, money, keys_b)
    moves = _moves(annual_a, annual_b, common, fb)
    years = sorted(set(annual_a.columns) | set(annual_b.columns))
    totals = pd.DataFrame(
        {
            "before": annual_a.sum(axis=0).reindex(years, fill_value=0).to_numpy(dtype=np.int64),
            "after": annual_b.sum(axis=0).reindex(years, fill_value=0).to_numpy(dtype=np.int64),
        },
        index=pd.Index(years, name="year"),
    )
    totals["change"] = totals["after"] - totals["before"]
    return StoreDiff(
        before=names[0],
        after=names[1],
        before_kind=kinds[0],
        after_kind=kinds[1],
        matched_by="code" if by_code else "id",
        basis=b.basis if same_kind else "store_basis_money",
        added=added,
        removed=removed,
        changes=changes,
        moves=moves,
        annual_minor=totals,
        settings=pd.DataFrame(columns=["field", "before", "after"]),
        money=money,
        money_fields=tuple(sorted(set(a.money_fields) | set(b.money_fields))),
    )


def _keys(a: ProjectView, b: ProjectView, by_code: bool) -> tuple[pd.Index, pd.Index]:
    """The keys projects are matched by: their codes, or their ids (integers as they are
    when both versions keep integer ids, else each id's text key, so that 19 matches "019")."""
    if by_code:
        assert a.codes is not None and b.codes is not None
        return tuple(  # type: ignore[return-value]
            pd.Index(v.codes.reindex(v.ids).astype(str).to_numpy(), name="key") for v in (a, b)
        )
    if a.ids.dtype.kind in "iu" and b.ids.dtype.kind in "iu":
        return a.ids.rename("key"), b.ids.rename("key")
    return tuple(  # type: ignore[return-value]
        pd.Index([id_key(i) for i in v.ids], name="key", dtype=object) for v in (a, b)
    )


def _in_money(
    fields: pd.DataFrame, money_fields: tuple[str, ...], source: Money, target: Money
) -> pd.DataFrame:
    out = fields.copy()
    out.insert(0, "id", fields.index.to_numpy())
    for column in money_fields:
        if column in out.columns:
            values = out[column]
            if values.isna().any():
                filled = rescale(values.fillna(0).to_numpy(dtype=np.int64), source, target)
                out[column] = pd.array(filled, dtype="Int64").where(~values.isna().to_numpy())
            else:
                out[column] = rescale(values.to_numpy(dtype=np.int64), source, target)
    return out


def _listed(fields: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": fields.index.to_numpy(dtype=object),
            "id": fields["id"].to_numpy(dtype=object),
            "name": fields["name"].to_numpy(dtype=object) if "name" in fields else "",
            "total_minor": fields["total_minor"].to_numpy(dtype=np.int64)
            if "total_minor" in fields
            else 0,
        }
    )


def _field_changes(
    before: pd.DataFrame, after: pd.DataFrame, columns: list[str], money_fields: set[str]
) -> pd.DataFrame:
    rows = []
    for column in columns:
        a, b = before[column], after[column]
        a_missing, b_missing = a.isna().to_numpy(), b.isna().to_numpy()
        equal = (a.astype(object).to_numpy() == b.astype(object).to_numpy()) | (
            a_missing & b_missing
        )
        equal &= a_missing == b_missing
        for position in np.flatnonzero(~equal):
            old, new = _scalar(a.iloc[position]), _scalar(b.iloc[position])
            change = (
                new - old
                if column in money_fields and old is not None and new is not None
                else None
            )
            rows.append(
                (
                    before.index[position],
                    after["id"].iloc[position],
                    after["name"].iloc[position] if "name" in after else "",
                    column,
                    old,
                    new,
                    change,
                )
            )
    frame = pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
    frame["change_minor"] = frame["change_minor"].astype("Int64")
    return frame


def _scalar(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


def _annual_in(view: ProjectView, money: Money, keys: pd.Index) -> pd.DataFrame:
    if view.annual is None:
        return pd.DataFrame(index=keys, dtype=np.int64)
    annual = view.annual.reindex(view.ids, fill_value=0)
    values = rescale(annual.to_numpy(dtype=np.int64), view.money, money)
    return pd.DataFrame(values, index=keys, columns=annual.columns)


def _moves(
    before: pd.DataFrame, after: pd.DataFrame, common: pd.Index, fields: pd.DataFrame
) -> pd.DataFrame:
    years = sorted(set(before.columns) | set(after.columns))
    a = before.reindex(index=common, columns=years, fill_value=0).to_numpy(dtype=np.int64)
    b = after.reindex(index=common, columns=years, fill_value=0).to_numpy(dtype=np.int64)
    rows, cols = np.nonzero(a != b)
    keys = common.to_numpy(dtype=object)[rows]
    info = fields.loc[common]
    return pd.DataFrame(
        {
            "key": keys,
            "id": info["id"].to_numpy(dtype=object)[rows],
            "name": (
                info["name"].to_numpy(dtype=object)
                if "name" in info
                else np.full(len(common), "", dtype=object)
            )[rows],
            "year": np.asarray(years, dtype=np.int64)[cols]
            if len(years)
            else np.zeros(0, np.int64),
            "before_minor": a[rows, cols],
            "after_minor": b[rows, cols],
            "change_minor": b[rows, cols] - a[rows, cols],
        },
        columns=list(MOVE_COLUMNS),
    )


def _settings_diff(
    before: Any, after: Any, names: tuple[str, str], kinds: tuple[str, str]
) -> StoreDiff:
    """Two objects without projects, field by field (as their canonical content reads)."""
    from capex.store.codecs import encode

    a, b = encode(before)["fields"], encode(after)["fields"]
    rows = []
    for name in a:
        if a[name] != b.get(name):
            rows.append((name, _short(getattr(before, name)), _short(getattr(after, name))))
    empty = pd.DataFrame(columns=list(CHANGE_COLUMNS))
    return StoreDiff(
        before=names[0],
        after=names[1],
        before_kind=kinds[0],
        after_kind=kinds[1],
        matched_by="id",
        basis=None,
        added=pd.DataFrame(columns=["key", "id", "name", "total_minor"]),
        removed=pd.DataFrame(columns=["key", "id", "name", "total_minor"]),
        changes=empty,
        moves=pd.DataFrame(columns=list(MOVE_COLUMNS)),
        annual_minor=pd.DataFrame(columns=["before", "after", "change"]),
        settings=pd.DataFrame(rows, columns=["field", "before", "after"]),
        money=getattr(after, "money", Money()),
    )


def _short(value: Any) -> str:
    if isinstance(value, pd.DataFrame | pd.Series):
        return f"<{type(value).__name__} {value.shape}>"
    if hasattr(value, "items") and not isinstance(value, str):
        value = dict(value)
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."
