"""A project bank read from a workbook shaped like a district's: a title, a unit note, Chinese
headings, value columns beside the project fields, a 合计 row; a bad value names its cell."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import Workbook

import capex
from capex.errors import DataError

HEADINGS = ["序号", "项目名称", "开工年份", "竣工年份", "建设内容", "总投资（亿元）",
            "2026-2030年投资额（亿元）", "学位（个）", "学校类型", "评分"]  # fmt: skip


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "项目库"
    sheet.append(["越城区教育项目库（测试）"])
    sheet.append(["单位：亿元"])
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    sheet.append(["合计", None, None, None, None, 5.5, 5.5])
    book.save(path)
    return path


ROWS = [
    [1, "甲小学（测试）", 2026, 2028, "24班", 2.5, 2.5, 1080, "小学", 3],
    [2, "乙中学（测试）", 2027, 2029, "30班", 3, 3, None, "初级中学", "4.5"],
]


def test_the_bank_keeps_the_other_columns_beside_the_projects(tmp_path):
    bank = capex.load_bank(_workbook(tmp_path / "bank.xlsx", ROWS), sheet="项目库")
    assert len(bank.portfolio) == 2 and bank.portfolio.plan_period == (2026, 2030)
    assert bank.portfolio.published.total_minor == 55_000  # the 合计 row, not a project
    assert bank.columns == ["学位（个）", "学校类型", "评分"]
    assert bank.has("学位") and bank.has("学位（个）") and not bank.has("benefit")
    assert bank.numbers("学位").tolist() == [Fraction(1080), None]
    assert bank.numbers("评分").tolist() == [Fraction(3), Fraction(9, 2)]
    assert bank.texts("学校类型").tolist() == ["小学", "初级中学"]
    assert list(bank.other_columns().columns) == bank.columns


def test_a_value_that_is_not_a_number_names_its_cell(tmp_path):
    rows = [ROWS[0], [2, "乙中学（测试）", 2027, 2029, "30班", 3, 3, "约两千", "初级中学", 4]]
    bank = capex.load_bank(_workbook(tmp_path / "bank.xlsx", rows))
    with pytest.raises(DataError) as caught:
        bank.numbers("学位")
    message = str(caught.value)
    assert (
        "bank.xlsx" in message and "项目库" in message and "H5" in message and "约两千" in message
    )


def test_the_school_type_column_types_the_places_and_the_value_column_wins(tmp_path):
    bank = capex.load_bank(_workbook(tmp_path / "bank.xlsx", ROWS))
    chosen = capex.select(bank, 10, value="places", must=(), explain=False)
    assert chosen.values().tolist() == [24 * 45, 30 * 50]  # 学校类型 says 初级中学 for 乙中学
    with pytest.raises(capex.CapexError, match="candidate 2 is not known"):
        capex.select(bank, 10, value="学位", must=(), explain=False)  # the column, not places


def test_a_missing_column_lists_the_columns_there_are(tmp_path):
    bank = capex.load_bank(_workbook(tmp_path / "bank.xlsx", ROWS))
    with pytest.raises(DataError, match="found: 学位（个）, 学校类型, 评分"):
        bank.numbers("benefit")
    assert capex.load_bank(capex.load_projects()).columns == []


def test_the_module_examples_run():
    import doctest
    import importlib

    failures, attempted = doctest.testmod(importlib.import_module("capex.io.bank"), verbose=False)
    assert attempted and not failures
