"""Dated payment records as a treasury system exports them: the headings, and reading the rows.

The shape read is that of a 国库集中支付 payment-voucher list exported from a budget-management
integration system (预算管理一体化系统). The data elements of a payment voucher (支付凭证) are
set by the Ministry of Finance's 预算管理一体化规范 and its technical standard; exports name
them with small variations from one province and vendor to the next, so each field is
recognised by several headings (:data:`PAYMENT_HEADINGS`):

==============  ===========================================================================
field           headings (and their English equivalents)
==============  ===========================================================================
``voucher``     支付凭证号, 凭证号, 支付凭证编号, 凭证编号, 支付令号 (voucher)
``date``        支付日期, 清算日期, 付款日期 (date, payment date); else 凭证日期, 日期
``project``     项目代码, 项目编码, 项目编号, 项目ID (project, project id, project code)
``name``        项目名称 (name, project name)
``amount``      支付金额, 金额, 实付金额, 付款金额, 支付数 (amount, paid)
``agency``      预算单位, 预算单位名称 (agency, budget unit)
``function``    功能科目, 功能分类科目, 支出功能分类科目 (function)
``economic``    经济科目, 经济分类科目, 部门经济分类科目, 政府经济分类科目 (economic)
``fund``        资金性质 (fund); ``source``: 资金来源 (source)
``payee``       收款人, 收款人名称, 收款人全称, 收款单位 (payee)
``purpose``     用途, 摘要, 支付用途 (purpose)
``document``    指标文号 (document)
==============  ===========================================================================

A date, an amount and a project (its code, or its name) are required; the rest is kept as
text. The payment's date is the day the money left the treasury (支付日期 or 清算日期); a file
with only the voucher's date (凭证日期) is read by that. A row counter (序号) is not read. Amounts are in 元 unless the amount heading (``支付金额（元）``), a note above the table
(``单位：元``) or ``unit=`` says otherwise, and are kept exactly (to the 分). Dates may be dates,
``2027-03-15``, ``2027/3/15``, ``2027年3月15日`` or ``20270315``.

A row that is a totals row (合计, 总计, 小计 in its voucher, date, project or name cell) is not
a payment: its amount is checked against the payments above it (a mismatch is an error naming
the cell) and the check is a finding. A row with no date, no amount and no project (a footer
such as 制表人：…, a note) is not read. The file is only read, never written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import DataError
from capex.io.headings import (
    Column,
    find_columns,
    missing_column,
    normalise,
    row_matches,
    unit_note,
)
from capex.io.tables import Table, read_table, with_index_column
from capex.model.actuals import _with_where, place_phrase
from capex.model.budget_year import (
    CalendarError,
    FiscalYear,
    budget_months,
    fiscal_year_of,
    to_date,
)
from capex.model.cells import TOTAL_LABELS, amount_of
from capex.model.money import Money, checked_sum, minor_unit_holding
from capex.model.payments import Payments
from capex.terms import joined, phrase

__all__ = ["DEFAULT_UNIT", "PAYMENT_HEADINGS", "PaymentRecords", "read_payments"]

DEFAULT_UNIT = "元"
"""The unit of payment amounts whose heading, note and ``unit=`` name none: treasury systems
export payments in 元."""


def _words(*names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalise(name) for name in names))


PAYMENT_HEADINGS: Mapping[str, tuple[str, ...]] = {
    "voucher": _words(
        "voucher", "voucher no", "voucher number", "支付凭证号", "凭证号", "支付凭证编号",
        "凭证编号", "支付令号", "支付单号", "单据号",
    ),
    "date": _words(
        "date", "payment date", "paid on", "支付日期", "清算日期", "付款日期", "支付时间",
        "交易日期",
    ),
    "voucher_date": _words("voucher date", "凭证日期", "制单日期", "日期"),
    "project": _words(
        "project", "project id", "project code", "id", "项目代码", "项目编码", "项目编号",
        "项目id",
    ),
    "name": _words("name", "project name", "项目名称", "项目"),
    "amount": _words(
        "amount", "paid", "payment", "支付金额", "金额", "实付金额", "付款金额", "支付数",
        "支付金额元",
    ),
    "agency": _words("agency", "budget unit", "预算单位", "预算单位名称"),
    "function": _words("function", "功能科目", "功能分类科目", "支出功能分类科目", "功能分类"),
    "economic": _words(
        "economic", "经济科目", "经济分类科目", "部门经济分类科目", "政府经济分类科目",
        "经济分类",
    ),
    "fund": _words("fund", "nature of funds", "资金性质"),
    "source": _words("source", "资金来源"),
    "payee": _words("payee", "收款人", "收款人名称", "收款人全称", "收款单位", "收款单位名称"),
    "purpose": _words("purpose", "用途", "摘要", "支付用途", "资金用途"),
    "document": _words("document", "指标文号"),
}  # fmt: skip
"""A payment table's fields and the headings that mean each (see the module text)."""

TEXT_FIELDS = (
    "voucher", "agency", "function", "economic", "fund", "source", "payee", "purpose", "document",
)  # fmt: skip
"""Fields kept as text, as written."""

FOOTER_WORDS = (
    "制表", "填表", "填报", "审核", "复核", "审批", "负责人", "单位负责人", "财务负责人",
    "经办", "会计", "出纳", "打印", "导出", "备注：", "说明：", "注：",
)  # fmt: skip
"""Words a footer row's cells start with (制表人：…, 审核人：…, 打印日期：…)."""

_LABEL_FIELDS = ("voucher", "date", "project", "name")
_SUBTOTAL = frozenset(normalise(label) for label in ("小计", "subtotal", "sub-total"))
_LONGEST_LABEL = 16


@dataclass(frozen=True, eq=False)
class PaymentRecords:
    """The payments of a table: one row each, exact, and what was found on the way.

    ``frame`` has ``date`` (datetime64), ``year``, ``month``, ``project`` (the code as
    written, ``""`` where none), ``name``, ``amount_minor``, the text fields and ``where`` (the
    cell or row, for messages); ``findings`` has ``where``, ``severity``, ``rule``,
    ``message``.
    """

    frame: pd.DataFrame
    money: Money
    unit: str
    source: str
    findings: pd.DataFrame


def read_payments(table: Table, unit: str | None = None, fiscal_year: Any = 1) -> PaymentRecords:
    """The payments of ``table`` (see the module text).

    Raises
    ------
    DataError
        Naming the file, sheet, cell or row, column and value: a missing column, a date or an
        amount that is not one, an empty project, the same payment twice, a totals row that
        does not add up, an amount finer than 1 分.
    """
    columns = find_columns(table, PAYMENT_HEADINGS, amounts=frozenset({"amount"}))
    if "date" not in columns and "voucher_date" in columns:  # no payment date: the voucher's
        columns["date"] = columns.pop("voucher_date")
    for name, example in (("date", "支付日期"), ("amount", "支付金额")):
        if name not in columns:
            raise missing_column(
                table, name, phrase("err_io_required_column_such_as", name=name, example=example)
            )
    if "project" not in columns and "name" not in columns:
        raise missing_column(table, "project", phrase("err_io_no_project_column"))
    written = _written_unit(table, columns["amount"], unit)
    date_j, amount_j = columns["date"].index, columns["amount"].index
    project_j = columns["project"].index if "project" in columns else None
    name_j = columns["name"].index if "name" in columns else None
    label_columns = [columns[f].index for f in _LABEL_FIELDS if f in columns]
    rows: list[dict[str, Any]] = []
    totals: list[tuple[int, int, Decimal | None]] = []
    for i in range(len(table)):
        label = _total_label(table, i, label_columns)
        if label is not None:
            if label in _SUBTOTAL:
                raise table.error(
                    phrase("err_io_subtotal_row"),
                    i,
                    next(j for j in label_columns if _is_label(table, i, j)),
                    table.text(i, next(j for j in label_columns if _is_label(table, i, j))),
                )
            totals.append(
                (
                    i,
                    amount_j,
                    _amount(table, i, amount_j) if not table.is_blank(i, amount_j) else None,
                )
            )
            continue
        key_cells = [date_j, amount_j] + [j for j in (project_j, name_j) if j is not None]
        if all(table.is_blank(i, j) for j in key_cells) or _is_footer(table, i):
            continue  # a footer (制表人：…), a note: not a payment
        if table.is_blank(i, amount_j):
            raise table.error(phrase("err_io_amount_empty"), i, amount_j, "")
        if table.is_blank(i, date_j):
            raise table.error(phrase("err_io_date_empty"), i, date_j, "")
        project = table.text(i, project_j) if project_j is not None else ""
        name = table.text(i, name_j) if name_j is not None else ""
        if not project and not name:
            j = project_j if project_j is not None else name_j
            raise table.error(phrase("err_io_payment_project_empty"), i, j, "")
        record = {
            "date": _date(table, i, date_j),
            "project": project,
            "name": name,
            "amount": _amount(table, i, amount_j),
            "where": table.place(i, amount_j),
            "row": i,
        }
        for field in TEXT_FIELDS:
            record[field] = table.text(i, columns[field].index) if field in columns else ""
        rows.append(record)
    source = table.where()
    money = _money_holding([r["amount"] for r in rows], written, source, rows)
    amounts = np.asarray([money.to_minor(r["amount"], written) for r in rows], dtype=np.int64)
    checked_sum(amounts)
    findings: list[tuple[str, str, str, str]] = []
    for i, j, value in totals:
        where = table.place(i, j)
        if value is None:
            continue  # a totals row with no amount checks nothing
        stated = money.to_minor(value, written)
        above = checked_sum(amounts[[k for k, r in enumerate(rows) if r["row"] < i]])
        if stated != above:
            raise table.error(
                phrase(
                    "err_io_totals_row_says",
                    stated=money.format(stated, written, grouping=True),
                    above=money.format(above, written, grouping=True),
                ),
                i,
                j,
                table.text(i, j),
            )
        findings.append(
            (where, "info", "totals_row", phrase("finding_totals_row", where=place_phrase(where)))
        )
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(pd.Series([r["date"] for r in rows], dtype=object)),
            "project": [r["project"] for r in rows],
            "name": [r["name"] for r in rows],
            "amount_minor": amounts,
            **{field: [r[field] for r in rows] for field in TEXT_FIELDS},
            "where": [r["where"] for r in rows],
        }
    )
    # the one mapping of a date to its budget year and month (capex.model.budget_year)
    years, months = (
        budget_months(frame["date"], fiscal_year_start=fiscal_year)
        if len(frame)
        else (np.zeros(0), np.zeros(0))
    )
    frame.insert(1, "year", np.asarray(years, dtype=np.int64))
    frame.insert(2, "month", np.asarray(months, dtype=np.int64))
    _refuse_repeated_rows(frame, source)
    findings_frame = pd.DataFrame(findings, columns=["where", "severity", "rule", "message"])
    return PaymentRecords(frame, money, written, source, findings_frame)


# ---------------------------------------------------------------------------------------
# cells
# ---------------------------------------------------------------------------------------
def _is_label(table: Table, i: int, j: int) -> bool:
    if not table.may_be_label(i, j, _LONGEST_LABEL):
        return False
    key = normalise(table.text(i, j))
    return key in TOTAL_LABELS or key in _SUBTOTAL


def _is_footer(table: Table, i: int) -> bool:
    """Whether every filled cell of the row is a footer's words (制表人：…, 审核人：…)."""
    texts = [table.text(i, j) for j in range(table.width) if not table.is_blank(i, j)]
    return bool(texts) and all(
        isinstance(text, str) and text.startswith(FOOTER_WORDS) for text in texts
    )


def _total_label(table: Table, i: int, columns: list[int]) -> str | None:
    for j in columns:
        if _is_label(table, i, j):
            return normalise(table.text(i, j))
    return None


def _date(table: Table, i: int, j: int) -> dt.date:
    value = table.value(i, j)
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if len(text) == 8 and text.isdigit():  # 20270315, as some systems export dates
            value = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        return to_date(value)
    except CalendarError as error:
        raise table.error(phrase("error_as_raised", error=error), i, j, table.text(i, j)) from None


def _amount(table: Table, i: int, j: int) -> Decimal:
    try:
        return amount_of(table.value(i, j))
    except ValueError as error:
        raise table.error(
            phrase("err_io_not_an_amount", error=error), i, j, table.text(i, j)
        ) from None


def _written_unit(table: Table, column: Column, unit: str | None) -> str:
    chosen = unit or column.heading.unit or unit_note(table.preamble) or DEFAULT_UNIT
    return table.money_unit(chosen, column.index if unit is None and column.heading.unit else None)


def _money_holding(
    amounts: list[Decimal], unit: str, source: str, rows: list[dict[str, Any]]
) -> Money:
    currency = Money.of(unit).currency
    display = "万元" if currency == "CNY" else ""  # a payment is read in 万元, not 亿元
    try:
        minor = minor_unit_holding(((a, unit) for a in amounts), currency)
        return Money(currency, minor, display)
    except ValueError:
        finest = Money(currency, Money.base(currency).units[0])
        for amount, row in zip(amounts, rows):
            try:
                finest.to_minor(amount, unit)
            except ValueError:
                raise DataError(
                    phrase("err_io_finer_than", unit=finest.unit),
                    source=_with_where(source, row["where"]),
                    value=str(amount),
                ) from None
        raise


def _refuse_repeated_rows(frame: pd.DataFrame, source: str) -> None:
    """The same payment twice (every field alike, a voucher number among them) is an export
    made twice or a row copied: an error naming both rows."""
    if "voucher" not in frame or not (frame["voucher"] != "").any():
        return
    fields = [c for c in frame.columns if c != "where"]
    has_voucher = frame["voucher"] != ""
    twice = frame.duplicated(fields, keep=False).to_numpy() & has_voucher.to_numpy()
    if not twice.any():
        return
    first = int(np.flatnonzero(twice)[0])
    same = frame.index[(frame[fields] == frame.loc[first, fields]).all(axis=1)]
    places = joined((frame.loc[k, "where"] for k in same), "err_io_and")
    raise DataError(
        phrase("err_io_payment_twice", places=places, voucher=frame.loc[first, "voucher"]),
        source=source,
        column="voucher",
        value=frame.loc[first, "voucher"],
    )


def load_payments(
    source: str | Path | pd.DataFrame,
    *,
    unit: str | None = None,
    sheet: str | int | None = None,
    encoding: str = "utf-8",
    fiscal_year_start: int | FiscalYear | None = None,
    fiscal_year_naming: str | None = None,
) -> Payments:
    """Read dated payment records (支付: cash paid), exactly.

    Parameters
    ----------
    source
        A CSV file, an ``.xlsx`` workbook or a DataFrame: one row per payment with a date, a
        project (its code, 项目代码, or its name, 项目名称) and an amount; optionally the
        voucher number (支付凭证号), budget unit, functional and economic classification,
        nature of funds, payee and purpose, as a treasury system exports them (the headings
        are listed in :mod:`capex.io.payments`). Titles and a unit note (``单位：元``) above
        the headings, a totals row (合计, checked) and footer rows are read as a finance
        officer means them.
    unit
        The unit the amounts are written in; by default the one the amount heading names,
        else the note above the table, else 元.
    sheet
        The workbook's sheet (name or 0-based position; the first by default).
    encoding
        Text encoding of a CSV file (``"gb18030"`` for files saved by Chinese Excel).
    fiscal_year_start, fiscal_year_naming
        When the budget year starts (1-12; the calendar year by default) and how its years
        are named (see :class:`capex.model.budget_year.FiscalYear`): each payment's budget year and
        month come from its date by :func:`capex.model.budget_year.budget_month`.

    Returns
    -------
    Payments

    Raises
    ------
    DataError
        Naming the file, sheet, cell or row, column and value: a missing column, a date or an
        amount that is not one (``"abc"``, ``1.2亿``), an empty project, the same payment twice,
        a totals row that does not add up, a subtotal row, an amount finer than 1 分.
    """
    if isinstance(source, pd.DataFrame):
        source = with_index_column(source)
    table = read_table(source, sheet=sheet, encoding=encoding, header=row_matches(PAYMENT_HEADINGS))
    try:
        fiscal = fiscal_year_of(fiscal_year_start, fiscal_year_naming)
    except CalendarError as error:
        raise DataError(
            phrase("error_as_raised", error=error), source=table.source, sheet=table.sheet
        ) from None
    records = read_payments(table, unit, fiscal)
    payments = Payments(
        records.frame,
        records.money,
        records.source,
        records.unit,
        records.findings,
        fiscal_year=fiscal,
    )
    return _with_findings(payments)


def _with_findings(payments: Payments) -> Payments:
    """The reading's findings, with each refund and each voucher on several rows added."""
    frame = payments.frame
    rows: list[tuple[str, str, str, str]] = [
        (r.where, r.severity, r.rule, r.message) for r in payments.findings.itertuples()
    ]
    for k in np.flatnonzero(frame["amount_minor"].to_numpy() < 0):
        rows.append(
            (
                frame["where"].iloc[k],
                "info",
                "refund",
                phrase(
                    "finding_payment_refund",
                    amount=payments.money.format(int(-frame["amount_minor"].iloc[k])),
                    date=frame["date"].iloc[k].date(),
                ),
            )
        )
    vouchers = frame.loc[frame["voucher"] != "", "voucher"]
    repeated = vouchers[vouchers.duplicated(keep=False)]
    for voucher, group in repeated.groupby(repeated, sort=False):
        places = joined([place_phrase(w) for w in frame.loc[group.index, "where"]], "comma")
        rows.append(
            (
                frame.loc[group.index[0], "where"],
                "warning",
                "voucher_repeated",
                phrase("finding_voucher_repeated", voucher=voucher, n=len(group), rows=places),
            )
        )
    findings = pd.DataFrame(rows, columns=["where", "severity", "rule", "message"])
    return dataclasses.replace(payments, findings=findings)
