"""Which rows of a table are records, and which add up others or only talk about them.

A finance office's table holds more than its records: a 合计 row adds up every record, a 小计
row the records since the last group heading, a group heading (``一、续建项目``,
``（一）小学``) names the records below it and often carries their sum, and footer rows
(制表人, 审核人, 填报日期, 注：) close the table; the example row of capex's template, its name
still asking to be replaced, is not a record either. :func:`row_roles` tells them apart by their
label cells (:func:`capex.model.cells.row_label`), once, for every reader (projects, phased
tables, actual spending), and says which records each summing row covers, so the reader can
check the printed sum against the records, to the minor unit.

A subtotal covers the records since the innermost group heading still open (or, without one,
since the previous subtotal); a group heading that carries amounts covers the records up to
the next heading of its level or a higher one; the totals row covers every record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from capex.errors import DataError
from capex.io.tables import Table
from capex.model.cells import RowLabel, is_no_amount, row_label
from capex.terms import phrase

__all__ = ["RowRoles", "SummingRow", "row_roles"]


@dataclass(frozen=True)
class SummingRow:
    """A row that adds up records: the totals row, a subtotal, or a group heading with amounts.

    Attributes
    ----------
    row
        The data row (0-based, as :class:`~capex.io.Table` counts them).
    kind
        ``"total"``, ``"subtotal"`` or ``"group"``.
    label
        Its label as written (``合计``, ``一、续建项目``).
    covers
        The data rows of the records it adds up.
    """

    row: int
    kind: str
    label: str
    covers: tuple[int, ...]


@dataclass(frozen=True)
class RowRoles:
    """The rows of a table by role (see the module text).

    Attributes
    ----------
    records
        The data rows that are records (projects, a ledger's lines).
    sums
        The rows that add up records, each with the records it covers.
    skipped
        Rows that are neither: group headings without amounts, footers (``(row, kind)``).
    """

    records: tuple[int, ...]
    sums: tuple[SummingRow, ...]
    skipped: tuple[tuple[int, str], ...]

    @property
    def totals_row(self) -> int | None:
        """The 合计 row, or None."""
        return next((s.row for s in self.sums if s.kind == "total"), None)

    @property
    def totals(self) -> SummingRow | None:
        """The 合计 row's summing record, or None."""
        return next((s for s in self.sums if s.kind == "total"), None)


_LONGEST_LABEL = 40
"""Longest text looked at as a label (``一、续建项目（共12个）``)."""


def row_roles(
    table: Table, label_columns: Sequence[int], amount_columns: Sequence[int] = ()
) -> RowRoles:
    """The role of each data row of ``table``, read from its label cells (the id, then the
    name), and the records each summing row covers.

    ``amount_columns`` are where a group heading's amounts would be: a heading that holds any
    is a summing row, one that holds none is skipped.

    Raises
    ------
    DataError
        A second totals row, naming both.
    """
    records: list[int] = []
    sums: list[SummingRow] = []
    skipped: list[tuple[int, str]] = []
    open_groups: list[
        tuple[int, int, int, str, bool]
    ] = []  # (level, first record, row, label, sums)
    since = 0  # where the next subtotal without a group starts, in ``records``
    totals_at: int | None = None

    def close(level: int) -> None:
        while open_groups and open_groups[-1][0] >= level:
            _, start, row, text, summing = open_groups.pop()
            if summing:
                sums.append(SummingRow(row, "group", text, tuple(records[start:])))

    for i in range(len(table)):
        label, where = _label(table, i, label_columns)
        if label is None:
            records.append(i)
            continue
        if label.kind in ("footer", "example"):
            skipped.append((i, label.kind))
        elif label.kind == "total":
            if totals_at is not None:
                raise table.error(
                    phrase("err_io_second_totals_row", row=table.file_row(totals_at)),
                    i,
                    where,
                    label.text,
                )
            totals_at = i
        elif label.kind == "subtotal":
            if open_groups:
                _, start, row, text, summing = open_groups.pop()
                covered = records[start:]
                # a heading closed by its subtotal still sums its rows if it holds amounts
                if summing:
                    sums.append(SummingRow(row, "group", text, tuple(covered)))
            else:
                covered = records[since:]
            sums.append(SummingRow(i, "subtotal", label.text, tuple(covered)))
            since = len(records)
        else:  # a group heading
            close(label.level)
            summing = any(not is_no_amount(_raw(table, i, j)) for j in amount_columns)
            open_groups.append((label.level, len(records), i, label.text, summing))
            if not summing:
                skipped.append((i, "group"))
            since = len(records)
    close(0)
    if totals_at is not None:
        sums.append(
            SummingRow(
                totals_at, "total", _label_text(table, totals_at, label_columns), tuple(records)
            )
        )
    sums.sort(key=lambda s: s.row)
    return RowRoles(tuple(records), tuple(sums), tuple(skipped))


def _raw(table: Table, i: int, j: int) -> object:
    try:
        return table.value(i, j)
    except DataError:
        return "#"  # an unreadable cell is something, not nothing


def _label(
    table: Table, i: int, label_columns: Sequence[int]
) -> tuple[RowLabel | None, int | None]:
    """The row's label and the column it is in: a totals, subtotal or example label in any
    label cell, a group heading in the first filled label cell, a footer in the row's first
    filled cell; ``(None, None)`` for a record."""
    first_filled = next((j for j in range(table.width) if not table.is_blank(i, j)), None)
    if first_filled is None:
        return None, None
    if table.may_be_label(i, first_filled, 200):
        found = row_label(table.text(i, first_filled))
        if found is not None and found.kind == "footer":
            return found, first_filled
    filled = [j for j in label_columns if not table.is_blank(i, j)]
    for j in filled:
        if table.may_be_label(i, j, _LONGEST_LABEL):
            found = row_label(table.text(i, j))
            if found is not None and found.kind in ("total", "subtotal", "example"):
                return found, j
    if filled and table.may_be_label(i, filled[0], _LONGEST_LABEL):
        found = row_label(table.text(i, filled[0]))
        if found is not None and found.kind == "group":
            return found, filled[0]
    return None, None


def _label_text(table: Table, i: int, label_columns: Sequence[int]) -> str:
    for j in label_columns:
        if not table.is_blank(i, j):
            return table.text(i, j)
    return ""
