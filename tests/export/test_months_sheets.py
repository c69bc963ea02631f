"""The monthly plan, the execution report and the filed plans as workbooks and CSV files: sheet
names and headings in Chinese, totals rows that add up, amounts that read back exactly."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from months_case import fifteenth_plan

import capex

PAYMENTS = pd.DataFrame(
    {
        "支付凭证号": ["V1", "V2"],
        "支付日期": ["2027-02-10", "2027-07-01"],
        "项目代码": ["31", "<b>101</b>"],
        "项目名称": ["", "新建城东小学（虚构）"],
        "支付金额": ["1,000,000.25", "2,000,000.00"],
    }
)


@pytest.fixture(scope="module")
def months():
    _, plan = fifteenth_plan()
    return capex.monthly(plan, 2027, profile="construction", quota=4800, unit="万元", lang="zh")


def read(path, sheet):
    return [[c.value for c in row] for row in openpyxl.load_workbook(path)[sheet].iter_rows()]


def test_the_monthly_plan_in_a_chinese_workbook(months, tmp_path):
    path = capex.to_excel(months, tmp_path / "用款计划.xlsx", lang="zh")
    rows = read(path, "分项目分月")
    assert rows[0][:3] == ["序号", "项目名称", "1月（万元）"] and rows[0][-1] == "合计（万元）"
    assert rows[-1][1] == "合计" and rows[-1][-1] == months.total_minor
    assert sum(row[-1] for row in rows[1:-1]) == months.total_minor
    by_month = read(path, "分月")
    assert by_month[0][0] == "月份" and by_month[-1][0] == "合计"
    assert by_month[-1][by_month[0].index("需追加额度（万元）")] == months.extra_quota_minor.sum()


def test_the_execution_report_in_csv_reads_back_exactly(months, tmp_path):
    report = capex.execution(months, capex.load_payments(PAYMENTS), "2027-09-30")
    files = capex.to_csv(report, tmp_path / "执行", unit="元", lang="en")  # made in Chinese
    projects = pd.read_csv(files[0], dtype=str)
    total = projects.iloc[-1]
    assert total["name"] == "total"
    assert total["paid (元)"] == "3000000.25"
    sheets = [path.stem for path in files]
    assert sheets == ["by project", "by line", "by month", "findings", "assumptions"]


def test_the_filed_plans_in_english_keep_their_layout(tmp_path):
    hand, plan = fifteenth_plan()
    filed = capex.annual_plan(
        hand, plan, None, 2027, columns=["id", "name", "this_year"], lang="en"
    )
    rows = read(capex.to_excel(filed, tmp_path / "annual.xlsx", lang="en"), "annual plan")
    assert rows[0] == ["id", "name", "investment in 2027 (万元)"]
    assert rows[1][1] == "I. continuing projects" and rows[-1][1] == "total"
    assert rows[-1][2] == plan.full_window()[2027].sum()
    items = dict(read(tmp_path / "annual.xlsx", "assumptions"))
    assert items["reconciliation"] == "yes"
