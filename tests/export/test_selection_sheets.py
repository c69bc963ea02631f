"""A selection in a workbook and CSV files: every candidate, the schedule, the years, the
reasons and the assumptions, in English or Chinese, amounts exact, user text never a formula."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

import capex

PLAN = (2026, 2030)


@pytest.fixture(scope="module")
def chosen() -> capex.results.SelectionResult:
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "name": ["=SUM(A1) 甲小学", "乙小学", "丙小学"],
            "start_year": [2026, 2026, 2027],
            "end_year": [2027, 2026, 2028],
            "total_investment": ["2.0001", "1", "2"],
            "plan_investment": ["2.0001", "1", "2"],
            "scope": ["24班", "30班", "12班"],
        }
    )
    portfolio = capex.load_projects(frame, plan_period=PLAN)
    return capex.select(portfolio, {2026: 2.5, 2027: 2}, value="学位", must=(), envelope=4)


def test_the_workbook_holds_every_table_and_reads_back_exactly(chosen, tmp_path):
    path = capex.to_excel(chosen, tmp_path / "selection.xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["selection", "schedule", "annual", "rejected", "assumptions"]
    table = sheets["selection"].set_index("id")
    totals = (table["total_investment (亿元)"] * 10_000).round().astype(int)
    assert totals.tolist() == chosen.candidates["total_minor"].tolist()  # to the 万元
    rejected = sheets["rejected"]
    assert rejected["reason"].str.len().gt(0).all()
    assert {"project_value", "value_lost", "departing", "entering"} <= set(rejected.columns)
    items = dict(zip(sheets["assumptions"]["item"], sheets["assumptions"]["value"]))
    assert "建标102-2002" in items["how the value is counted"]
    assert items["status"] == "optimal"


def test_user_text_stays_text_and_chinese_words_head_the_sheets(chosen, tmp_path):
    path = capex.to_excel(chosen, tmp_path / "遴选.xlsx", lang="zh", unit="万元")
    book = load_workbook(path)
    assert book.sheetnames[:4] == ["项目遴选", "分年度计划", "年度合计", "未选项目"]
    cell = book["项目遴选"]["B2"]
    assert cell.value == "=SUM(A1) 甲小学" and cell.data_type == "s"
    headers = [c.value for c in book["年度合计"][1]]
    assert "线性规划对偶价格（非精确）" in headers and "合计（万元）" in headers


def test_csv_files_of_the_same_tables(chosen, tmp_path):
    written = capex.to_csv(chosen, tmp_path / "selection")
    assert [p.name for p in written][:2] == ["selection.csv", "schedule.csv"]
    table = pd.read_csv(written[0], encoding="utf-8-sig")
    assert table.loc[0, "name"] == "'=SUM(A1) 甲小学"  # written as text: never run as a formula
