"""Funding sources as tables write them: a column per source, or a long table.

A finance office's project table often has its 资金来源 beside the amounts: a column per source
(``一般公共预算（万元）``, ``政府性基金预算``, ``其中：专项债券``, ``上级补助``, ``自筹``), often
under a merged heading ``资金来源``; a US capital programme writes ``Funding source: General
Fund``, ``GO Bonds``, ``Grants``. A separate table may give it long, a row per project and
source (``项目编号, 资金来源, 金额``; ``id, source, amount``), with the source a row nests in
where it nests (``上级来源``, ``parent``).

A source column is one whose heading is a source's name (:data:`SOURCE_WORDS`, Chinese and
English, with any ending such as 资金), one headed ``source: X`` or ``资金来源：X``, or any
column under a merged heading such as 资金来源, 资金筹措 or ``Funding sources``. A column
headed ``其中：X`` (``of which: X``) nests in the source column before it: its money is part of
that one's. A cell holds an amount (in its heading's unit, else the table's) or a share
(``60%``); shares are turned into amounts of the project's total by largest remainder
(:func:`capex.model.sources.apportion`), exactly.

A split that does not add up to the project's total, a source paying a project its rule
excludes, or a cell that is neither an amount nor a share, is an error naming the file,
sheet, cell and value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import DataError
from capex.io.headings import (
    SOURCE_GROUPS,
    SOURCE_TABLE_HEADINGS,
    SOURCE_WORDS,
    find_columns,
    missing_column,
    normalise,
    row_matches,
    split_unit,
    unit_note,
)
from capex.io.rows import row_roles
from capex.io.tables import Table, read_table, with_index_column
from capex.model.cells import ShownNumber, amount_of, is_no_amount
from capex.model.ids import normalize_ids, resolve_ids
from capex.model.money import Money
from capex.model.sources import KNOWN_SOURCES, Source, SourceError, Sources, apportion
from capex.terms import phrase

__all__ = ["SourceColumn", "find_source_columns", "load_sources", "read_source_cells"]

_NESTED = re.compile(
    r"^\s*(?:其中|of\s*which|incl\.?|including)\s*[:：]?\s*(.+?)\s*$", re.IGNORECASE
)
_NAMED = re.compile(
    r"^\s*(?:资金来源|来源|funding\s*source|source|fund)\s*[:：]\s*(.+?)\s*$", re.IGNORECASE
)
_PERCENT = re.compile(r"^\s*([0-9.]+)\s*[%％]\s*$")
_TOTALS = {normalise(word) for word in ("合计", "小计", "总计", "total", "subtotal", "sum")}


@dataclass(frozen=True)
class SourceColumn:
    """A column of a table that holds one source's money.

    Attributes
    ----------
    index
        The column's position.
    name
        The source's name as the heading writes it, without its unit or a 其中.
    parent
        The source it nests in (a 其中 column's), or ``None``.
    unit
        The unit written in its heading (or above it), or ``None``.
    share
        Whether its heading says it holds shares (``比例``, ``%``).
    """

    index: int
    name: str
    parent: str | None
    unit: str | None
    share: bool = False


def find_source_columns(
    table: Table, taken: set[int], declared: Sequence[Source] = ()
) -> list[SourceColumn]:
    """The source columns of ``table`` (see the module text), leaving alone the columns
    ``taken`` by other fields; ``declared`` sources (a metadata file's) are found by name."""
    known = {normalise(source.name): source for source in declared}
    found: list[SourceColumn] = []
    parent_of_next: str | None = None
    for j in range(table.width):
        if j in taken or not table.headings[j]:
            parent_of_next = None if j in taken else parent_of_next
            continue
        words, unit = split_unit(table.headings[j])
        share = unit is not None and unit.strip() in ("%", "％", "比例")
        if share:
            unit = None
        nested = _NESTED.match(words)
        text = nested.group(1) if nested else words
        named = _NAMED.match(text)
        text = named.group(1) if named else text
        text, share_word = _without_share_word(text)
        key = normalise(text)
        group = table.groups[j] if j < len(table.groups) else ""
        under_group = bool(group) and normalise(split_unit(group)[0]) in SOURCE_GROUPS
        is_source = (
            bool(named)
            or key in known
            or _is_source_word(key)
            or (under_group and key not in _TOTALS)
            or (nested is not None and parent_of_next is not None)
        )
        if not is_source or key in _TOTALS:
            continue
        if unit is None and under_group:
            unit = split_unit(group)[1]
        name = known[key].name if key in known else text.strip()
        declared_parent = known[key].parent if key in known else None
        parent = parent_of_next if nested else declared_parent
        found.append(SourceColumn(j, name, parent, unit, share or share_word))
        if not nested:
            parent_of_next = name
    names = [c.name for c in found]
    for column in found:
        if names.count(column.name) > 1:
            raise table.heading_error(
                phrase("err_io_two_source_columns", name=repr(column.name)),
                column.index,
                table.headings[column.index],
            )
    return found


def _is_source_word(key: str) -> bool:
    """Whether a heading (normalised) names a source: a known word, with an ending."""
    return any(
        key == word or (key.startswith(word) and key[len(word) :] in _ENDINGS)
        for word in SOURCE_WORDS
    )


_ENDINGS = {
    normalise(w) for w in ("资金", "安排", "投入", "金额", "投资", "fund", "funds", "funding", "s")
}


def _without_share_word(text: str) -> tuple[str, bool]:
    """A heading's words without a trailing 比例/占比/share, and whether it had one."""
    stripped = re.sub(
        r"(?:比例|占比|比重|share|percent(?:age)?)\s*$", "", text, flags=re.IGNORECASE
    )
    return stripped.strip(), stripped != text


@dataclass(frozen=True)
class SourceCells:
    """What the source columns of a table hold for its projects, as read."""

    columns: tuple[SourceColumn, ...]
    amounts: tuple[tuple[Decimal | None, ...], ...]  # per project row, per column
    shares: tuple[tuple[bool, ...], ...]  # whether each value is a share (a fraction of 1)
    rows: tuple[int, ...]


def read_source_cells(
    table: Table, rows: Sequence[int], columns: Sequence[SourceColumn]
) -> SourceCells:
    """The cells of the source columns in the project ``rows``: amounts as exact numbers
    (in the column's unit, converted later), shares as fractions of 1, ``None`` for none."""
    amounts, shares = [], []
    for i in rows:
        row_amounts, row_shares = [], []
        for column in columns:
            value = table.value(i, column.index)
            number, is_share = _cell(table, i, column, value)
            row_amounts.append(number)
            row_shares.append(is_share)
        amounts.append(tuple(row_amounts))
        shares.append(tuple(row_shares))
    return SourceCells(tuple(columns), tuple(amounts), tuple(shares), tuple(rows))


def _cell(table: Table, i: int, column: SourceColumn, value: Any) -> tuple[Decimal | None, bool]:
    j = column.index
    if is_no_amount(value):
        return None, False
    if isinstance(value, ShownNumber) and value.percent:
        return Decimal(str(value.stored)), True
    if isinstance(value, str):
        match = _PERCENT.match(unicodedata.normalize("NFKC", value))
        if match:
            return Decimal(match.group(1)) / 100, True
    try:
        number = amount_of(value, column.unit)
    except ValueError as error:
        raise table.error(
            phrase("err_io_not_amount_or_share", error=error), i, j, table.text(i, j)
        ) from None
    if column.share:
        return number / 100 if number > 1 else number, True
    return number, False


def sources_of_cells(
    cells: SourceCells,
    ids: pd.Index,
    totals: np.ndarray,
    money: Money,
    default_unit: str,
    table: Table,
    *,
    declared: Sequence[Source] = (),
) -> Sources | None:
    """The :class:`~capex.model.sources.Sources` of a table's source cells, each project's split
    in ``money`` checked against its ``totals``; ``None`` when no project has one."""
    columns = cells.columns
    names = [c.name for c in columns]
    rules = {s.name: s.rule for s in declared}
    parents = {c.name: c.parent for c in columns if c.parent is not None}
    for source in declared:
        if source.parent is not None and source.name in names:
            parents.setdefault(source.name, source.parent)
    values = np.zeros((len(ids), len(columns)), dtype=np.int64)
    given = np.zeros(len(ids), dtype=bool)
    top = [k for k, c in enumerate(columns) if parents.get(c.name) is None]
    for r, (row, row_shares) in enumerate(zip(cells.amounts, cells.shares)):
        i = cells.rows[r]
        if all(v is None for v in row):
            continue
        given[r] = True
        if any(row_shares):
            values[r] = _from_shares(table, i, columns, row, row_shares, int(totals[r]), top)
            continue
        for k, number in enumerate(row):
            if number is None:
                continue
            unit = columns[k].unit or default_unit
            try:
                values[r, k] = money.to_minor(number, unit)
            except ValueError as error:
                j = columns[k].index
                raise table.error(
                    phrase("err_io_not_amount_in", unit=unit, error=error), i, j, table.text(i, j)
                ) from None
    if not given.any():
        return None
    frame = pd.DataFrame(values[given], index=ids[given], columns=names)
    rows = {pid: cells.rows[r] for r, pid in zip(np.flatnonzero(given), ids[given])}
    column_of = {c.name: c.index for c in columns}

    def locate(problem: str, pid: Any, source: str | None) -> DataError:
        j = column_of.get(source) if source is not None else None
        i = rows[pid]
        return table.error(
            problem, i, j, table.text(i, j) if j is not None else None, project_id=pid
        )

    try:
        sources = Sources.from_amounts(frame, parents=parents, rules=rules, money=money)
    except SourceError as error:
        raise DataError(
            phrase("error_as_raised", error=error), source=table.source, sheet=table.sheet
        ) from None
    projects = pd.DataFrame({"total_minor": np.asarray(totals, dtype=np.int64)}, index=ids)
    sources.check(projects, totals=True, locate=locate)
    return sources


def _from_shares(
    table: Table,
    i: int,
    columns: Sequence[SourceColumn],
    row: Sequence[Decimal | None],
    shares: Sequence[bool],
    total: int,
    top: list[int],
) -> np.ndarray:
    """A row given in shares as amounts of ``total``: the top-level shares must add up to
    100 %, each nested one is a share of the whole project."""
    if not all(s or v is None for v, s in zip(row, shares)):
        k = next(k for k, (v, s) in enumerate(zip(row, shares)) if v is not None and not s)
        j = columns[k].index
        raise table.error(phrase("err_io_amounts_and_shares"), i, j, table.text(i, j))
    fractions = [Decimal(0) if v is None else v for v in row]
    added = sum(fractions[k] for k in top)
    if added != 1:
        j = columns[top[0]].index if top else None
        raise table.error(
            phrase("err_io_shares_not_100", percent=f"{(added * 100).normalize():f}"),
            i,
            j,
            table.text(i, j) if j is not None else None,
        )
    return _shares_to_amounts(fractions, top, total)


def _shares_to_amounts(fractions: Sequence[Decimal], top: Sequence[int], total: int) -> np.ndarray:
    """Shares (exact, of the whole project) as amounts of ``total``: the top level split by
    largest remainder (so it adds up to ``total``), a nested share as its own part of it."""
    exponent = min((f.as_tuple().exponent for f in fractions if f), default=0)
    scale = 10 ** max(-int(exponent), 0)
    weights = [int(f * scale) for f in fractions]
    out = np.zeros(len(fractions), dtype=np.int64)
    parts = apportion([total], np.array([[weights[k] for k in top]], dtype=object))[0]
    out[list(top)] = parts
    for k in range(len(fractions)):
        if k not in top and weights[k]:
            pair = np.array([[weights[k], scale - weights[k]]], dtype=object)
            out[k] = apportion([total], pair)[0][0]
    return out


# ---------------------------------------------------------------------------------------
# a long table: a row per project and source
# ---------------------------------------------------------------------------------------
def load_sources(
    source: str | Path | pd.DataFrame,
    portfolio: Any,
    *,
    unit: str | None = None,
    sheet: str | int | None = None,
    encoding: str = "utf-8",
    parents: Mapping[str, str | None] | None = None,
    rules: Mapping[str, Any] | None = None,
) -> Sources:
    """Read each project's money by funding source from a long table.

    Parameters
    ----------
    source
        A CSV file, a workbook or a DataFrame with a row per project and source: ``id``
        (序号, 项目编号), ``source`` (资金来源, 来源), and ``amount`` (金额, 资金, in the unit
        its heading, a note above the table or ``unit`` names) or ``share`` (比例, 占比:
        ``60%`` or ``0.6``). An optional ``parent`` (上级来源, 所属来源) names the source a row's
        source nests in (专项债券 in 政府性基金预算); by default the known nesting
        (:data:`capex.model.sources.KNOWN_SOURCES`) where both are in the table. A 合计 row and the
        usual titles, notes and footers are read as :mod:`capex.io.rows` reads them.
    portfolio
        The projects: every id must be one of theirs, and each project's sources must add
        up to its total investment exactly.
    unit
        The unit of amounts whose heading names none: the portfolio's display unit (亿元 for
        yuan) by default.
    sheet, encoding
        As :func:`capex.io.read_table` takes them.
    parents, rules
        ``{source: the source it nests in}`` and ``{source: rule}`` (the projects it may
        pay), beside or instead of the table's.

    Returns
    -------
    capex.model.sources.Sources
        Keep it with the portfolio: ``portfolio.replace(sources=...)``.

    Raises
    ------
    DataError
        Naming the file, sheet, row and value: an unknown project, a source given twice for
        one project, an amount that is not one, a nested source above its parent, a project
        whose sources do not add up to its total.
    """
    if isinstance(source, pd.DataFrame):
        source = with_index_column(source)
    table = read_table(
        source, sheet=sheet, encoding=encoding, header=row_matches(SOURCE_TABLE_HEADINGS)
    )
    columns = find_columns(table, SOURCE_TABLE_HEADINGS, amounts=frozenset({"amount"}))
    for name in ("id", "source"):
        if name not in columns:
            raise missing_column(table, name, phrase("err_io_required_source_column", name=name))
    if "amount" not in columns and "share" not in columns:
        raise missing_column(table, "amount", phrase("err_io_source_amount_or_share"))
    money = portfolio.money
    written = columns["amount"].heading.unit if "amount" in columns else None
    amount_unit = money.normalize_unit(written or unit_note(table.preamble) or unit)
    id_j, source_j = columns["id"].index, columns["source"].index
    amount_j = columns["amount"].index if "amount" in columns else None
    share_j = columns["share"].index if "share" in columns else None
    parent_j = columns["parent"].index if "parent" in columns else None
    labels = [id_j, source_j]
    roles = row_roles(table, labels, [j for j in (amount_j, share_j) if j is not None])
    frame = portfolio.frame
    totals = frame["total_minor"]
    found_parents: dict[str, str | None] = {}
    found: dict[tuple[Any, str], int] = {}
    first_row: dict[Any, int] = {}
    share_rows: dict[Any, dict[str, Decimal]] = {}
    for i in roles.records:
        raw = table.text(i, id_j)
        name = table.text(i, source_j)
        if not raw and not name:
            continue
        if not raw:
            raise table.error(phrase("err_io_id_empty"), i, id_j, raw)
        if not name:
            raise table.error(phrase("err_io_source_empty"), i, source_j, "")
        try:
            pid = resolve_ids(
                normalize_ids([raw]),
                frame.index,
                source=table.where(),
                column="id",
            )[0]
        except DataError:
            raise table.error(phrase("err_io_no_project_has_id"), i, id_j, raw) from None
        if (pid, name) in found:
            raise table.error(
                phrase("err_io_source_twice", name=repr(name), pid=pid), i, source_j, name
            )
        if parent_j is not None and table.text(i, parent_j):
            parent = table.text(i, parent_j)
            if found_parents.get(name, parent) != parent:
                raise table.error(
                    phrase(
                        "err_io_source_nests_elsewhere",
                        name=repr(name),
                        parents=repr(found_parents[name]),
                    ),
                    i,
                    parent_j,
                    parent,
                )
            found_parents[name] = parent
        first_row.setdefault(pid, i)
        if amount_j is not None and not is_no_amount(table.value(i, amount_j)):
            value = table.value(i, amount_j)
            try:
                found[(pid, name)] = money.to_minor(amount_of(value, amount_unit), amount_unit)
            except ValueError as error:
                raise table.error(
                    phrase("err_io_not_amount_in", unit=amount_unit, error=error),
                    i,
                    amount_j,
                    table.text(i, amount_j),
                ) from None
        elif share_j is not None and not is_no_amount(table.value(i, share_j)):
            column = SourceColumn(share_j, name, None, None, share=True)
            number, _ = _cell(table, i, column, table.value(i, share_j))
            share_rows.setdefault(pid, {})[name] = Decimal(0) if number is None else number
            found[(pid, name)] = 0
        else:
            raise table.error(
                phrase("err_io_neither_amount_nor_share"),
                i,
                amount_j if amount_j is not None else share_j,
                "",
            )
    names = list(dict.fromkeys(name for _, name in found))
    chosen = dict(parents or {})
    for name, parent in found_parents.items():
        chosen.setdefault(name, parent)
    for name in names:
        known_parent = KNOWN_SOURCES.get(name)
        if name not in chosen and known_parent is not None and known_parent in names:
            chosen[name] = known_parent
    ids = list(dict.fromkeys(pid for pid, _ in found))
    amounts = pd.DataFrame(0, index=pd.Index(ids, name="id"), columns=names, dtype=np.int64)
    for (pid, name), value in found.items():
        amounts.at[pid, name] = value
    top = [n for n in names if chosen.get(n) is None]
    for pid, shares in share_rows.items():
        added = sum(shares.get(n, Decimal(0)) for n in top)
        if added != 1:
            raise table.error(
                phrase(
                    "err_io_project_shares_not_100",
                    pid=pid,
                    percent=f"{(added * 100).normalize():f}",
                ),
                first_row[pid],
                share_j,
                "",
            )
        fractions = [shares.get(n, Decimal(0)) for n in names]
        positions = [names.index(n) for n in top]
        amounts.loc[pid] = _shares_to_amounts(fractions, positions, int(totals[pid]))
    try:
        made = Sources.from_amounts(amounts, parents=chosen, rules=rules, money=money)
    except SourceError as error:
        raise DataError(
            phrase("error_as_raised", error=error), source=table.source, sheet=table.sheet
        ) from None

    def locate(problem: str, pid: Any, name: str | None) -> DataError:
        i = first_row[pid]
        return table.error(problem, i, id_j, table.text(i, id_j), project_id=pid)

    made.check(frame, totals=True, locate=locate)
    return made
