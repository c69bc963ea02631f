"""The one table of cell readings: amounts, no-money cells, display formats, row labels."""

from __future__ import annotations

from decimal import Decimal

import pytest

from capex.model.cells import (
    ShownNumber,
    amount_of,
    closing_status,
    is_no_amount,
    number_format_reading,
    optional_amount,
    row_label,
    shown_number,
)


@pytest.mark.parametrize(
    "cell", [None, "", "  ", "-", "--", "—", "——", "–", "－", "/", "／", "\u3000－\u3000"]
)
def test_dashes_slashes_and_blanks_are_no_money(cell):
    assert is_no_amount(cell)
    assert optional_amount(cell) is None


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("0", Decimal(0)),
        (0, Decimal(0)),
        ("1,234.50", Decimal("1234.50")),
        ("(1,000)", Decimal(-1000)),  # an accounting negative
        ("（1,000）", Decimal(-1000)),  # full-width parentheses
        ("（１，０００．５）", Decimal("-1000.5")),  # and full-width digits
        ("１２．５", Decimal("12.5")),
        ("-3", Decimal(-3)),
        (1.42, Decimal("1.42")),
        ("\u00a012", Decimal(12)),  # a no-break space from a spreadsheet
    ],
)
def test_amounts_read_exactly(cell, amount):
    assert amount_of(cell) == amount
    assert optional_amount(cell) == amount


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("1.2亿", "writes its unit (亿元) in the cell"),
        ("300万元", "writes its unit (万元) in the cell"),
        ("300 万", "writes its unit (万元)"),
        ("¥300", "writes its unit (元)"),
        ("$1,000", "writes its unit (USD)"),
        ("1.5²", "it holds '²'"),  # NFKC would read it as 1.52
        ("१२", "it holds '१'"),  # Devanagari digits, which Decimal would read as 12
        ("١٢", "it holds '١'"),  # Arabic-Indic digits
        ("①", "it holds '①'"),
        ("0.100000000000000000000000000000000001", "more than 28 significant digits"),
        ("123456789012345678901234567890123456", "more than 28 significant digits"),
        ("12%", "not a number"),
        ("(-5)", "not a number"),
        ("3,5", "comma may only group thousands"),
    ],
)
def test_what_is_not_an_amount_is_refused_not_misread(cell, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        amount_of(cell)


@pytest.mark.parametrize(
    ("number_format", "scale", "unit", "percent"),
    [
        ('0!.0000"万"', Decimal(10_000), "万元", False),  # 12345 元 shown as 1.2345万
        ('0"."0000"万元"', Decimal(10_000), "万元", False),
        ("0\\.0000", Decimal(10_000), None, False),
        ("#,##0,", Decimal(1_000), None, False),  # thousands
        ('#,##0.00,,"百万"', Decimal(1_000_000), "百万元", False),
        ('0.00"元"', Decimal(1), "元", False),
        ("0.00%", Decimal(1), None, True),
    ],
)
def test_display_formats_that_change_the_number_shown(number_format, scale, unit, percent):
    assert number_format_reading(number_format) == (scale, unit, percent)


@pytest.mark.parametrize(
    "number_format",
    [
        "General",
        "0",
        "0.00",
        "#,##0.00",
        '_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-',  # accounting, a dash for zero
        "[$¥-804]#,##0.00",
        "[DBNum1][$-804]General",  # Chinese numerals: the value is as stored
        "yyyy-mm-dd",
        None,
    ],
)
def test_formats_that_show_the_number_as_it_is(number_format):
    assert number_format_reading(number_format) is None
    assert shown_number(12345, number_format) == 12345


def test_a_shown_number_is_read_as_shown_in_its_own_unit_only():
    shown = shown_number(12345, '0!.0000"万"')
    assert isinstance(shown, ShownNumber) and str(shown) == "1.2345万元"
    assert amount_of(shown, "万元") == Decimal("1.2345")  # 12345 元, exactly
    assert amount_of(shown, "万") == Decimal("1.2345")
    with pytest.raises(ValueError, match="shows it in 万元, but the column is read in 元"):
        amount_of(shown, "元")
    with pytest.raises(ValueError, match="declare the column's unit"):
        amount_of(shown)  # a unit the format writes needs the column's to agree
    thousands = shown_number(1_234_000, "#,##0,")
    assert amount_of(thousands) == Decimal(1234)
    with pytest.raises(ValueError, match="percentage"):
        amount_of(shown_number(0.25, "0%"))


@pytest.mark.parametrize(
    ("text", "kind", "level"),
    [
        ("合计", "total", 0),
        ("合 计", "total", 0),
        ("总计", "total", 0),
        ("Grand Total", "total", 0),
        ("小计", "subtotal", 0),
        ("一、续建项目", "group", 1),
        ("二、新建项目", "group", 1),
        ("三", "group", 1),
        ("（一）小学", "group", 2),
        ("(二)中学", "group", 2),
        ("第一部分", "group", 1),
        ("制表人：财务科", "footer", 0),
        ("填报日期:2026年1月10日", "footer", 0),
        ("审核人：", "footer", 0),
        ("注：单位为万元", "footer", 0),
        ("示例小学（请替换本行）", "example", 0),
        ("Example school (replace this row)", "example", 0),
    ],
)
def test_row_labels(text, kind, level):
    label = row_label(text)
    assert label is not None and (label.kind, label.level) == (kind, level)


@pytest.mark.parametrize("text", ["鲁迅小学", "一中改扩建", "十一中学", "注塑车间", "12", "备注"])
def test_a_records_label_is_no_row_label(text):
    assert row_label(text) is None


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("已完工", "finished"),
        ("竣工", "finished"),
        ("completed", "finished"),
        ("在建", "under_way"),
        ("续建", "under_way"),
        ("Under way", "under_way"),
        ("in progress", "under_way"),
        ("未开工", "not_started"),
        ("not started", "not_started"),
        ("停建", "stopped"),
        ("缓建", "stopped"),
        ("suspended", "stopped"),
        (None, None),
        ("  ", None),
    ],
)
def test_closing_statuses(cell, status):
    assert closing_status(cell) == status


def test_an_unknown_status_says_which_are_read():
    with pytest.raises(ValueError, match="已完工 .* 在建 .* 未开工 .* 停建"):
        closing_status("进行中吧")
