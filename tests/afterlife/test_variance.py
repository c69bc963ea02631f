"""Variance: planned against actual, per project and year, cumulated, grouped, with findings."""

from __future__ import annotations

import doctest
import importlib

import numpy as np
import pandas as pd
import pytest

import capex
from capex.afterlife.variance import planned_cash_flow, variance
from capex.errors import CapexError, DataError
from capex.io.actuals import load_actuals
from capex.model.actuals import Actuals
from capex.model.money import WAN, Money


def test_docstring_example_runs():
    module = importlib.import_module("capex.afterlife.variance")
    failures, attempted = doctest.testmod(module, verbose=False)
    assert attempted > 0 and failures == 0


@pytest.fixture(scope="module")
def flows():
    return capex.cash_flow(capex.load_projects())


def spent(frame, money=WAN):
    return Actuals.from_frame(frame, money=money)


def test_actuals_on_plan_have_no_variance_and_no_findings(yuecheng, flows):
    report = variance(flows, spent(flows.flows_minor.loc[:, :2024]), portfolio=yuecheng)
    assert report.as_of == 2024
    table = report.to_frame()
    assert (table["difference"] == 0).all() and (table["cumulative_difference"] == 0).all()
    assert report.findings.empty
    assert report.years == list(range(2018, 2025))
    assert report.planned_minor.columns[-1] == 2027  # the baseline runs on


def test_differences_percentages_and_cumulation(tiny):
    # project 2 (2021-2023, 3 亿元): planned 1 亿元 a year, spent 0.5 then 1.2
    plan = capex.cash_flow(tiny)
    actuals = load_actuals(
        pd.DataFrame({"id": [2, 2], "year": [2021, 2022], "amount": ["0.5", "1.2"]}), unit="亿元"
    )
    report = variance(plan, actuals, portfolio=tiny)
    rows = report.to_frame("亿元").set_index(["id", "year"]).loc[2]
    assert rows.loc[2021, ["planned", "actual", "difference"]].tolist() == [1.0, 0.5, -0.5]
    assert rows.loc[2021, "percent"] == pytest.approx(-50.0)
    assert rows.loc[2022, "percent"] == pytest.approx(20.0)
    assert rows.loc[2022, "cumulative_difference"] == pytest.approx(-0.3)
    by_project = report.by_project("亿元").set_index("id")
    assert by_project.loc[2, "difference"] == pytest.approx(-0.3)
    assert by_project.loc[2, "total"] == pytest.approx(3.0)
    by_year = report.by_year("万元").set_index("year")
    # the ledger covers 2021-2022: project 1's money planned for 2020 counts as spent as planned
    before = int(plan.flows_minor.loc[:, :2020].to_numpy().sum())
    assert before > 0
    assert by_year.loc[2022, "cumulative_actual"] == 17_000 + before
    zero = variance(plan, actuals, portfolio=tiny, before="zero").by_year("万元")
    assert zero.set_index("year").loc[2022, "cumulative_actual"] == 17_000
    # ints in the minor unit by default: exact
    assert report.to_frame()["planned"].dtype == np.int64


def test_findings_in_finance_words(tiny):
    plan = capex.cash_flow(tiny)
    # 1 (2020-2021, 1 亿元): over its total; 2: slipping; 3 (2022-2023): not started;
    # 4 (2023-2024, 2 亿元, nothing planned to 2022): unplanned spending
    actuals = load_actuals(
        pd.DataFrame(
            {
                "id": [1, 1, 2, 2, 4],
                "year": [2020, 2021, 2021, 2022, 2022],
                "amount": ["0.6", "0.5", "0.5", "0.5", "0.1"],
            }
        ),
        unit="亿元",
    )
    report = variance(plan, actuals, portfolio=tiny, as_of=2022)
    rules = report.findings.groupby("project_id")["rule"].apply(set).to_dict()
    assert rules == {
        1: {"over_total"},
        2: {"slipping"},
        3: {"not_started"},
        4: {"unplanned", "outside_window"},  # 2022 lies before its window 2023-2024
    }
    messages = report.findings.query("rule != 'outside_window'").set_index("project_id")["message"]
    assert messages[2] == (
        "slipping: spent 1 亿元 to 2022 against 2 亿元 planned (1 亿元 later than planned)"
    )
    zh = variance(plan, actuals, portfolio=tiny, as_of=2022, lang="zh")
    assert zh.findings.set_index("project_id").loc[2, "message"].startswith("进度滞后")


def test_finished_early_and_ahead_of_plan(tiny):
    plan = capex.cash_flow(tiny)
    actuals = load_actuals(
        pd.DataFrame(
            {"id": [2, 2, 3], "year": [2021, 2022, 2022], "amount": ["1.5", "1.5", "0.5"]}
        ),
        unit="亿元",
    )
    report = variance(plan, actuals, portfolio=tiny, as_of=2022)
    rows = report.findings.set_index("project_id")
    assert rows.loc[2, "rule"] == "finished_early"
    assert rows.loc[2, "year"] == 2022
    assert rows.loc[3, "rule"] == "ahead"  # 0.5 spent against 0.3 planned, within 0.6


def test_grouped_by_street_builder_and_line(tiny, flows):
    actuals = spent(capex.cash_flow(tiny).flows_minor.loc[:, :2022])
    report = variance(capex.cash_flow(tiny), actuals, portfolio=tiny)
    streets = report.by("street", "万元").set_index("street")
    assert set(streets.index) == {"东街", "西街", "北街"}
    assert streets["planned"].sum() == report.by_project("万元")["planned"].sum()
    assert report.by("builder", lang="zh").columns[0] == "建设单位"
    lines = (
        capex.BudgetLine("甲乙", {2021: 5}, {"builder": "乙"}),
        capex.BudgetLine("all", {2021: 9}),
    )
    with_lines = variance(
        capex.cash_flow(tiny), actuals, portfolio=tiny.replace(budget_lines=lines)
    )
    by_line = with_lines.by("line", "万元").set_index("line")
    assert by_line.loc["all", "planned"] == report.by_year("万元")["planned"].sum()
    assert (
        by_line.loc["甲乙", "planned"]
        == report.by_project("万元").set_index("id").loc[[2, 4], "planned"].sum()
    )
    no_portfolio = variance(flows, spent(flows.flows_minor.loc[:, :2022]))
    with pytest.raises(CapexError, match="needs the portfolio"):
        no_portfolio.by("street")
    with pytest.raises(CapexError, match="cannot group by"):
        report.by("colour")


def test_a_plan_in_wan_against_actuals_in_yuan_compares_in_yuan(yuecheng, flows):
    yuan = flows.flows_minor.loc[:, :2023] * 10_000
    yuan.loc[9, 2023] -= 1  # one 元 less
    report = variance(flows, spent(yuan, Money.of("元")), portfolio=yuecheng)
    assert report.money.unit == "元"
    assert "amounts compared in 元" in report.comparison_note
    assert "万元" in report.comparison_note
    row = report.to_frame().set_index(["id", "year"]).loc[(9, 2023)]
    assert row["difference"] == -1
    assert "按元比较" in report.summary(lang="zh")


@pytest.mark.parametrize("kind", ["result", "dataframe", "portfolio", "baseline"])
def test_the_plan_can_come_in_many_forms(yuecheng, flows, kind):
    actuals = spent(flows.flows_minor.loc[:, :2023])
    if kind == "result":
        plan = capex.spread(yuecheng)  # plan years only
    elif kind == "dataframe":
        plan = flows.to_frame("亿元")  # attrs say 亿元
    elif kind == "portfolio":
        plan = yuecheng
    else:

        class Baseline:  # what a phased baseline offers: its cash flow and portfolio
            cash_flow = flows
            portfolio = yuecheng

        plan = Baseline()
    report = variance(plan, actuals, portfolio=None if kind != "result" else yuecheng)
    by_year = report.by_year("万元").set_index("year")
    # one meaning of "planned" for every kind of plan: a spread's full window holds the money
    # before the plan period too, so the same plan shows no variance however it comes
    assert (by_year["difference"] == 0).all()
    assert by_year.loc[2018, "planned"] == flows.flows_minor[2018].sum() > 0
    assert report.findings.empty


def test_dataframe_plans_are_read_exactly_or_refused(flows):
    frame = pd.DataFrame({2021: ["1.00001"], 2022: ["x"]}, index=pd.Index([1], name="id"))
    with pytest.raises(DataError, match="not a number"):
        planned_cash_flow(frame, unit="亿元")
    exact, money = planned_cash_flow(frame.drop(columns=[2022]), unit="亿元")
    assert money.unit == "元" and exact.loc[1, 2021] == 100_001_000
    with pytest.raises(DataError, match="columns must be years"):
        planned_cash_flow(pd.DataFrame({"when": [1]}))
    with pytest.raises(CapexError, match="cannot read a plan"):
        variance(42, spent(flows.flows_minor.loc[:, :2022]))
    with pytest.raises(DataError, match="no plan.csv: cannot read the file"):
        variance("no plan.csv", spent(flows.flows_minor.loc[:, :2022]))


def test_unknown_projects_and_bad_arguments(yuecheng, flows):
    stray = Actuals.from_arrays([99], [2021], [1], money=WAN)
    with pytest.raises(DataError, match="99"):
        variance(flows, stray, portfolio=yuecheng)
    with pytest.raises(DataError, match="not in the plan"):
        variance(flows, stray)
    empty = Actuals.from_arrays([], [], [], money=WAN)
    with pytest.raises(CapexError, match="give as_of"):
        variance(flows, empty)
    with pytest.raises(CapexError, match="cover no year"):  # never read as nothing spent
        variance(flows, empty, as_of=2022)
    nothing = Actuals.from_arrays([], [], [], money=WAN, coverage=(2018, 2022))
    assert variance(flows, nothing, as_of=2022).actual_to_date_minor == 0
    with pytest.raises(CapexError, match="tolerance"):
        variance(flows, stray, tolerance=2)


def test_reports_read_well(yuecheng, flows):
    actuals = spent(flows.flows_minor.loc[:, :2023])
    report = variance(flows, actuals, portfolio=yuecheng)
    text = report.summary()
    assert text.startswith("Variance: actual against plan: 35 projects, 2018-2023")
    assert "<table" in report._repr_html_()
    assert "VarianceReport" in repr(report)
    zh = report.to_frame("亿元", lang="zh")
    assert list(zh.columns[:6]) == ["序号", "项目名称", "年份", "计划", "实际", "差额"]


def test_amounts_after_the_cut_off_are_said_to_be_left_out(yuecheng, flows):
    report = variance(flows, spent(flows.flows_minor.loc[:, :2025]), portfolio=yuecheng, as_of=2023)
    assert report.years[-1] == 2023
    assert tuple(map(str, report.notes)) == (
        "34 actual amount(s) after 2023, 18.3347 亿元, are not compared",
    )
    assert str(report.notes[0]) in report.summary()


def test_a_long_list_of_findings_is_counted_in_the_summary():
    portfolio = capex.solvers.synthetic.random_portfolio(200, seed=3)
    flows = capex.cash_flow(portfolio).flows_minor.loc[:, :2023]
    report = variance(portfolio, spent(flows * 0), as_of=2023)  # nothing spent at all
    assert len(report.findings) > 30
    text = report.summary()
    assert f"... and {len(report.findings) - 30:,} more (.findings)" in text


# ---------------------------------------------------------------------------------------
# the approved plan as a file capex wrote, or a phased table
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_plan_workbook_or_csv_capex_wrote_is_read_over_its_full_window(
    yuecheng, flows, tmp_path, lang
):
    plan = capex.spread(yuecheng, ceilings=11)
    workbook = capex.to_excel(plan, tmp_path / "plan.xlsx", lang=lang)
    folder = tmp_path / "plan"
    capex.to_csv(plan, folder)
    ledger = spent(plan.full_window().loc[:, 2021:2025])
    for source in (workbook, folder, folder / "schedule.csv"):
        report = variance(source, ledger, portfolio=yuecheng)
        assert (report.by_year()["difference"] == 0).all(), source
        assert report.findings.empty
        assert report.planned_minor.loc[:, :2020].to_numpy().sum() > 0  # before 2021, read
    sheet = "cash" if lang == "en" else "现金流"  # the full window's sheet, in the language
    assert sheet in variance(workbook, ledger, portfolio=yuecheng).plan_what
