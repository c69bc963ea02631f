"""The filed plans on a 2026-2030 plan made from the bundled hand-over plus made-up new
projects: the 2027 monthly plan, the 2027 annual government investment plan and the 2027-2029
rolling plan reconcile to the plan's totals to the 万元; 续建 and 新建 are told apart; an office
renames and reorders columns."""

from __future__ import annotations

import numpy as np
import openpyxl
import pandas as pd
import pytest
from months_case import fifteenth_plan

import capex
from capex.errors import CapexError


@pytest.fixture(autouse=True)
def filed_in_chinese():
    """A filing office sets the language once; the tables are filed in Chinese."""
    with capex.option_context("lang", "zh"):
        yield


@pytest.fixture(scope="module")
def case():
    return fifteenth_plan()


def test_the_2027_monthly_plan_reconciles_to_the_plans_2027(case):
    _, plan = case
    year = plan.full_window()[2027]
    months = capex.monthly(plan, 2027, profile="construction", quota=6000, unit="万元")
    assert months.ok
    assert months.total_minor == int(year.sum())
    assert months.year_minor.to_dict() == year[year > 0].to_dict()


def test_the_annual_plan_reconciles_and_tells_continuing_from_new(case):
    hand, plan = case
    filed = capex.annual_plan(hand, plan, None, 2027)
    assert filed.reconciles()
    year = plan.full_window()[2027]
    assert filed.totals_minor()["this_year"] == int(year.sum())
    nature = filed.projects["nature"]
    assert set(nature[nature == "new"].index) == {101, 102}  # start in 2027
    assert {31, 33, 34, 35, 103} <= set(nature[nature == "continuing"].index)
    # a carried project keeps its approved total and its whole window
    old = capex.load_projects().frame.loc[31]
    assert filed.projects.loc[31, "total"] == old["total_minor"]
    assert filed.projects.loc[31, "period"] == f"{old['start_year']}-{old['end_year']}"
    # arranged to the end of 2026: spent before the hand-over plus the plan's 2026
    spent = hand.reconciliation.loc[31, "spent_minor"]
    assert filed.projects.loc[31, "arranged"] == spent + plan.full_window().loc[31, 2026]
    rows, _ = filed.rows_minor()
    assert rows["this_year"].iloc[-1] == int(year.sum())  # the totals row
    groups = rows["name"].tolist()
    assert groups.index("一、续建项目") < groups.index("二、新建项目")


def test_the_rolling_plan_reconciles_for_each_year(case):
    hand, plan = case
    filed = capex.rolling_plan(hand, plan, None, 2027)
    assert filed.reconciles() and filed.years == (2027, 2028, 2029)
    flows = plan.full_window()
    totals = filed.totals_minor()
    for year in (2027, 2028, 2029):
        assert totals[year] == int(flows[year].sum())
    projects = filed.projects
    assert (
        projects["arranged"] + projects["years_total"] + projects["later"] == projects["total"]
    ).all()
    assert projects.loc[106, "later"] == flows.loc[106, [2030, 2031]].sum()
    assert "2027年（约束性）" in filed.to_frame().columns
    assert "2028年（指导性）" in filed.to_frame().columns


def test_with_actuals_the_arranged_money_is_what_was_spent(case):
    hand, plan = case
    spent = capex.Actuals.from_frame(
        pd.DataFrame({2026: [1234, 500]}, index=pd.Index([31, 103], name="id")),
        money=capex.model.money.WAN,
    )
    filed = capex.annual_plan(hand, plan, spent, 2027)
    before = hand.reconciliation.loc[31, "spent_minor"]
    assert filed.projects.loc[31, "arranged"] == before + 1234
    assert filed.projects.loc[103, "arranged"] == 500
    assert filed.reconciles()  # the plan's 2027 is the plan's, whatever was spent


def test_a_ledger_reaching_back_before_the_hand_over_is_not_counted_twice(case):
    hand, plan = case
    flows = capex.cash_flow(capex.load_projects()).flows_minor
    ledger = capex.Actuals.from_frame(flows.loc[:, 2018:2026], money=capex.model.money.WAN)
    filed = capex.annual_plan(hand, plan, ledger, 2027)
    # spent before 2026 (the hand-over) plus the ledger's 2026, nothing from 2018-2025 again
    expected = hand.reconciliation.loc[31, "spent_minor"] + flows.loc[31, 2026]
    assert filed.projects.loc[31, "arranged"] == expected


def test_an_office_renames_and_reorders_columns(case):
    hand, plan = case
    filed = capex.annual_plan(
        hand,
        plan,
        None,
        2027,
        columns=["name", "this_year", "total", "nature"],
        headings={"this_year": "2027年计划投资", "name": "项目"},
    )
    frame = filed.to_frame()
    assert list(frame.columns) == ["项目", "2027年计划投资", "总投资", "建设性质"]
    again = filed.relabel(columns=["id", "name", "this_year"])
    assert list(again.to_frame(lang="en").columns) == ["id", "项目", "2027年计划投资"]
    assert list(capex.annual_plan(hand, plan, None, 2027, lang="en").to_frame().columns)[-4] == (
        "investment in 2027"
    )
    with pytest.raises(CapexError, match="未知的列'budget'"):
        filed.relabel(columns=["budget"])


def test_the_workbook_in_chinese_has_a_totals_row_equal_to_the_plan(case, tmp_path):
    hand, plan = case
    filed = capex.rolling_plan(hand, plan, None, 2027)
    path = capex.to_excel(filed, tmp_path / "中期规划.xlsx", lang="zh")
    sheet = openpyxl.load_workbook(path)["中期财政规划"]
    header = [c.value for c in sheet[1]]
    last = [c.value for c in sheet[sheet.max_row]]
    assert last[header.index("项目名称")] == "合计"
    column = header.index("2027年（约束性）（万元）")
    assert last[column] == plan.full_window()[2027].sum()  # 万元 as a number
    assert sheet.cell(1, 1).value == "序号"


def test_a_portfolio_alone_files_its_own_cash_flow(yuecheng):
    filed = capex.annual_plan(yuecheng, year=2023)
    flows = capex.cash_flow(yuecheng).flows_minor
    assert filed.totals_minor()["this_year"] == int(flows[2023].sum())
    assert filed.reconciles()
    assert "2023年度政府投资计划" in filed.summary()
    with pytest.raises(CapexError, match="计划中没有2040年"):
        capex.annual_plan(yuecheng, year=2040)
    with pytest.raises(CapexError, match="滚动计划覆盖1至10年"):
        capex.rolling_plan(yuecheng, first_year=2023, years=0)


def test_sources_where_known(yuecheng):
    filed = capex.annual_plan(yuecheng, year=2023, sources={20: "专项债券 60%；一般公共预算 40%"})
    assert filed.projects.loc[20, "sources"].startswith("专项债券")
    assert np.all(filed.projects.drop(index=20)["sources"] == "")
