"""Which rows are records and which add up others: 合计, 小计, group headings, footers."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import capex
from capex.io import read_table
from capex.io.rows import row_roles

HEADINGS = ["序号", "项目名称", "项目期限", "总投资（亿元）", "2021-2025年投资额（亿元）"]


def grouped_workbook(path: Path, *, continued_total: float = 5.0) -> Path:
    """Projects under group headings that carry their subtotals above their items, a 小计 row,
    a 合计 row and a footer: the layout of a 十四五 project annex."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "项目表"
    sheet.append(["越城区重大建设项目表"])
    sheet.append(HEADINGS)
    sheet.append(["一、续建项目", None, None, continued_total, 3.0])
    sheet.append(["（一）", "小学", None, 3.0, 2.0])
    sheet.append([1, "甲小学", "2020-2022", 1.0, 0.5])
    sheet.append([2, "乙小学", "2021-2023", 2.0, 1.5])
    sheet.append(["（二）", "中学", None, 2.0, 1.0])
    sheet.append([3, "丙中学", "2019-2021", 2.0, 1.0])
    sheet.append(["二、新建项目"])  # a heading without amounts
    sheet.append([4, "丁学校", "2024-2026", 4.0, 2.0])
    sheet.append([5, "戊学校", "2025-2027", 3.0, 1.0])
    sheet.append([None, "小计", None, 7.0, 3.0])
    sheet.append([None, "合计", None, 12.0, 6.0])
    sheet.append([])
    sheet.append(["制表人：规划科", None, "审核人：", None, "填报日期：2021年3月"])
    book.save(path)
    return path


def test_group_headings_subtotals_and_footers_are_not_projects(tmp_path):
    table = read_table(grouped_workbook(tmp_path / "p.xlsx"))
    roles = row_roles(table, [0, 1], [3, 4])
    names = [table.text(i, 1) for i in roles.records]
    assert names == ["甲小学", "乙小学", "丙中学", "丁学校", "戊学校"]
    sums = {(s.kind, s.label): [table.text(i, 1) for i in s.covers] for s in roles.sums}
    assert sums[("group", "一、续建项目")] == ["甲小学", "乙小学", "丙中学"]
    assert sums[("group", "（一）")] == ["甲小学", "乙小学"]
    assert sums[("group", "（二）")] == ["丙中学"]
    assert sums[("subtotal", "小计")] == ["丁学校", "戊学校"]  # since 二、新建项目
    assert sums[("total", "合计")] == names
    assert {kind for _, kind in roles.skipped} == {"group", "footer"}


def test_a_project_table_with_groups_loads_and_its_sums_are_checked(tmp_path):
    portfolio = capex.load_projects(grouped_workbook(tmp_path / "p.xlsx"))
    assert portfolio.ids.tolist() == [1, 2, 3, 4, 5]
    assert portfolio.money.format(portfolio.total_minor) == "12 亿元"
    with pytest.raises(capex.DataError) as caught:
        capex.load_projects(grouped_workbook(tmp_path / "bad.xlsx", continued_total=5.5))
    message = str(caught.value)
    assert "cell D3" in message and "group heading '一、续建项目' gives 5.5 亿元" in message
    assert "3 project(s) it covers add up to 5 亿元" in message


def test_a_second_totals_row_is_an_error_naming_both(tmp_path):
    path = grouped_workbook(tmp_path / "p.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["B14"] = "总计"
    book.active["D14"] = 12
    book.save(path)
    with pytest.raises(
        capex.DataError, match=r"cell B14.*a second totals row \(the first is row 13\)"
    ):
        capex.load_projects(path)
