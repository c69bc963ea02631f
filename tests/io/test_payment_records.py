"""Reading payment records as a treasury system exports them: the 国库集中支付 voucher list with
Chinese headings, a title and 单位 row, amounts to the 分, a 合计 row and a footer; and every bad
record a clear error naming its cell."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

import capex
from capex.errors import DataError

HEADINGS = [
    "支付凭证号", "支付日期", "项目代码", "项目名称", "预算单位", "功能科目", "经济科目",
    "资金性质", "支付金额",
]  # fmt: skip


def payment_rows():
    return [
        ["ZF2027000101", dt.datetime(2027, 1, 20), "31", "湖畔小学（暂名）", "区教育局",
         "2050202", "31005", "一般公共预算资金", 1_250_000.55],
        ["ZF2027000102", "2027-03-15", "33", "湖西小学（暂名）", "区教育局", "2050202",
         "31005", "政府性基金预算资金", "3,000,000.00"],
        ["ZF2027000103", "20270630", "101", "新建小学A（虚构）", "区教育局", "2050203",
         "31005", "一般公共预算资金", 880000],
    ]  # fmt: skip


def write_book(path, rows, *, total="5,130,000.55", footer=True, title=True):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "支付明细"
    if title:
        sheet.append(["越城区教育局国库集中支付明细（虚构）"])
        sheet.append(["单位：元"])
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    if total is not None:
        sheet.append(["合计", None, None, None, None, None, None, None, total])
    if footer:
        sheet.append(
            [
                "制表人：王会计",
                None,
                None,
                "审核人：李科长",
                None,
                None,
                None,
                "打印日期：2027-10-08",
            ]
        )
    book.save(path)
    return path


def test_a_voucher_list_reads_exactly(tmp_path):
    payments = capex.load_payments(write_book(tmp_path / "支付.xlsx", payment_rows()))
    assert payments.money.unit == "分"
    assert payments.frame["amount_minor"].tolist() == [125_000_055, 300_000_000, 88_000_000]
    assert payments.frame["project"].tolist() == ["31", "33", "101"]
    assert payments.frame["month"].tolist() == [1, 3, 6]
    assert payments.frame["fund"].iloc[1] == "政府性基金预算资金"
    assert payments.frame["economic"].iloc[0] == "31005"
    assert payments.kind == "支付"
    assert "cash paid, not work done" in repr(payments)
    assert payments.findings["rule"].tolist() == ["totals_row"]
    assert "合计行" in payments.summary(lang="zh")


def test_csv_with_a_byte_order_mark_and_the_unit_in_the_heading(tmp_path):
    path = tmp_path / "pay.csv"
    text = "支付凭证号,支付日期,项目名称,支付金额（万元）\nV1,2027/2/1,湖畔小学（暂名）,12.3456\n"
    path.write_text(text, encoding="utf-8-sig")
    payments = capex.load_payments(path)
    assert payments.unit == "万元" and payments.money.unit == "元"
    assert payments.total_minor == 123_456


def test_a_split_voucher_and_a_refund_are_findings_not_errors(tmp_path):
    rows = payment_rows()
    rows.append(["ZF2027000102", "2027-03-15", "33", "湖西小学（暂名）", "区教育局", "2050202",
                 "31006", "政府性基金预算资金", "-1,000.10"])  # fmt: skip
    payments = capex.load_payments(write_book(tmp_path / "split.xlsx", rows, total="5,129,000.45"))
    rules = payments.findings["rule"].tolist()
    assert "voucher_repeated" in rules and "refund" in rules
    assert payments.total_minor == 512_900_045


def bad(rows, where, value):
    return rows[:where] + [value] + rows[where + 1 :]


@pytest.mark.parametrize(
    ("change", "match", "cell"),
    [
        (lambda r: bad(r, 1, r[1][:8] + ["三百万"]), "not an amount", "I5"),
        (lambda r: bad(r, 1, r[1][:8] + ["1.2亿"]), "not an amount", "I5"),
        (lambda r: bad(r, 1, [r[1][0], "next week", *r[1][2:]]), "not a date", "B5"),
        (lambda r: bad(r, 1, [r[1][0], "2027-02-30", *r[1][2:]]), "not a date", "B5"),
        (lambda r: bad(r, 1, r[1][:8] + [None]), "the amount is empty", "I5"),
        (lambda r: bad(r, 1, [r[1][0], None, *r[1][2:]]), "the date is empty", "B5"),
        (lambda r: bad(r, 1, [r[1][0], r[1][1], None, None, *r[1][4:]]), "project is empty", "C5"),
        (lambda r: bad(r, 1, r[1][:8] + ["3000000.001"]), "finer than 1 分", None),
        (lambda r: [*r, list(r[0])], "the same payment is given twice", None),
    ],
)
def test_bad_payments_are_errors_naming_their_cell(tmp_path, change, match, cell):
    rows = change(payment_rows())
    with pytest.raises(DataError, match=match) as error:
        capex.load_payments(write_book(tmp_path / "bad.xlsx", rows, total=None))
    if cell:
        assert f"cell {cell}" in str(error.value)
    assert "bad.xlsx" in str(error.value)


def test_a_totals_row_that_does_not_add_up_is_an_error(tmp_path):
    with pytest.raises(DataError, match="the totals row says 5,130,000.56 元") as error:
        capex.load_payments(write_book(tmp_path / "t.xlsx", payment_rows(), total="5130000.56"))
    assert "cell I7" in str(error.value)


def test_a_subtotal_row_is_refused(tmp_path):
    rows = [*payment_rows(), ["小计", None, None, None, None, None, None, None, "100"]]
    with pytest.raises(DataError, match="subtotal"):
        capex.load_payments(write_book(tmp_path / "s.xlsx", rows, total=None))


def test_a_table_without_its_columns_says_what_is_missing():
    with pytest.raises(DataError, match="支付金额"):
        capex.load_payments(pd.DataFrame({"支付日期": ["2027-01-01"], "项目代码": [1]}))
    with pytest.raises(DataError, match="项目代码 or 项目名称"):
        capex.load_payments(pd.DataFrame({"支付日期": ["2027-01-01"], "支付金额": [1]}))


def test_the_file_is_only_read(tmp_path):
    path = write_book(tmp_path / "支付.xlsx", payment_rows())
    before = path.read_bytes()
    capex.load_payments(path)
    assert path.read_bytes() == before


def test_a_row_counter_and_both_dates_as_exports_have_them():
    payments = capex.load_payments(
        pd.DataFrame(
            {
                "序号": [1, 2],
                "凭证日期": ["2027-03-30", "2027-03-31"],
                "支付日期": ["2027-04-01", "2027-04-02"],
                "项目代码": ["31", "33"],
                "资金性质": ["一般公共预算资金"] * 2,
                "资金来源": ["本级", "上级补助"],
                "支付金额": ["1.00", "2.00"],
            }
        )
    )
    assert payments.frame["month"].tolist() == [4, 4]  # the day the money left, not the voucher's
    assert payments.frame["project"].tolist() == ["31", "33"]
    assert payments.frame["source"].tolist() == ["本级", "上级补助"]
    only_voucher_date = capex.load_payments(
        pd.DataFrame({"凭证日期": ["2027-03-30"], "项目代码": ["31"], "支付金额": ["1"]})
    )
    assert only_voucher_date.frame["month"].tolist() == [3]
