"""The execution report recomputed by hand: made-up payments against a two-project plan of
1,200 and 600 万元 for 2027, as of 30 September (序时进度 9/12) and by days."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import capex
from capex.errors import CapexError, DataError
from capex.model.budget import BudgetLine

PAYMENTS = pd.DataFrame(
    {
        "支付凭证号": ["P1", "P2", "P3", "P4", "P5"],
        "支付日期": ["2027-02-10", "2027-05-20", "2027-09-30", "2027-03-01", "2027-10-02"],
        "项目代码": ["1", "1", "1", "2", "2"],
        "支付金额": ["3,000,000.00", "5,000,000.00", "1,200,000.50", "1,000,000", "500,000"],
    }
)


@pytest.fixture(scope="module")
def plan():
    ids = pd.Index([1, 2], name="id")
    line = BudgetLine(
        "first", dict.fromkeys(range(1, 13), 500), lambda f: f.index == 1, unit="万元"
    )
    return capex.monthly(pd.DataFrame({2027: [1200, 600]}, index=ids), 2027, quota=[line])


def test_the_figures_recomputed_by_hand(plan):
    report = capex.execution(plan, capex.load_payments(PAYMENTS), "2027-09-30")
    assert report.money.unit == "分"  # the payments' unit is the finer
    first, second = report.projects.loc[1], report.projects.loc[2]
    # project 1: 1,200 万元 for the year, 100 a month; paid 300 + 500 + 120.00005 万元
    assert first["year_plan"] == 1200 * 1_000_000
    assert first["planned_to_date"] == 900 * 1_000_000
    assert first["paid"] == 920_000_050
    paid_share = Fraction(920_000_050, 1_200_000_000)
    assert first["payment_progress"] == pytest.approx(float(paid_share * 100))
    assert first["time_progress"] == 75.0
    assert first["plan_progress"] == 75.0
    assert first["progress_gap"] == round(float(paid_share * 100) - 75, 1) == 1.7
    # project 2: 600 万元; 100 万元 paid by 30 September (the October payment is left out)
    assert second["paid"] == 100_000_000
    assert second["progress_gap"] == round(100 * 100 / 600 - 75, 1) == -58.3
    total = report.total
    assert total["paid"] == 1_020_000_050 and total["year_plan"] == 1_800_000_000
    assert total["progress_gap"] == round(1_020_000_050 / 1_800_000_000 * 100 - 75, 1)
    line = report.lines.loc["first"]
    assert (line["year_plan"], line["paid"]) == (first["year_plan"], first["paid"])
    months = report.months_minor
    wan = 1_000_000  # 分 in a 万元
    assert months["paid"].tolist() == [
        0,
        300 * wan,
        100 * wan,
        0,
        500 * wan,
        0,
        0,
        0,
        120_000_050,
        0,
        0,
        0,
    ]
    assert months["cumulative_plan"].iloc[8] == 9 * 150 * 1_000_000


def test_the_findings_name_the_project_behind_and_the_payments_left_out(plan):
    report = capex.execution(plan, capex.load_payments(PAYMENTS), "2027-09-30", tolerance=10)
    rules = dict(zip(report.findings["rule"], report.findings["project_id"]))
    assert rules["behind_time"] == 2 and 1 not in report.findings["project_id"].tolist()
    assert "after_as_of" in rules
    text = report.summary(lang="zh")
    assert "低于序时进度" in text and "58.3" in text and "支付进度" in text
    assert "不是完成投资" in text
    english = report.summary()
    assert "behind the time elapsed (75.0%) by 18.3 points" in english
    assert "#2 paid 100 万元" in english


def test_time_elapsed_by_days(plan):
    report = capex.execution(plan, capex.load_payments(PAYMENTS), "2027-09-15", by="days")
    assert report.elapsed_share == Fraction(258, 365)
    first = report.projects.loc[1]
    # eight months and 15 of September's 30 days of 100 万元
    assert first["planned_to_date"] == 850 * 1_000_000
    assert first["paid"] == 800 * 1_000_000
    assert first["time_progress"] == pytest.approx(258 / 365 * 100)


def test_nothing_paid_and_paid_beyond_the_year_are_findings(plan):
    paid = pd.DataFrame(
        {"支付日期": ["2027-04-01"], "项目代码": ["2"], "支付金额": ["6,000,000.01"]}
    )
    report = capex.execution(plan, capex.load_payments(paid), "2027-09-30")
    rules = dict(zip(report.findings["project_id"], report.findings["rule"]))
    assert rules == {1: "nothing_paid", 2: "over_year_plan"}


@pytest.mark.parametrize(
    ("extra", "policy", "match"),
    [
        ({"支付日期": "2026-12-31", "项目代码": "1"}, "outside", "outside the budget year 2027"),
        ({"支付日期": "2027-04-01", "项目代码": "9"}, "unknown", "not in the 2027 plan"),
    ],
)
def test_a_payment_that_cannot_count_is_an_error_or_a_finding(plan, extra, policy, match):
    rows = pd.concat([PAYMENTS, pd.DataFrame([{**extra, "支付金额": "7", "支付凭证号": "X"}])])
    payments = capex.load_payments(rows.reset_index(drop=True))
    with pytest.raises(DataError, match=match) as error:
        capex.execution(plan, payments, "2027-09-30")
    assert "row 6" in str(error.value)
    report = capex.execution(plan, payments, "2027-09-30", **{policy: "report"})
    rule = "outside_year" if policy == "outside" else "unknown_project"
    assert rule in report.findings["rule"].tolist()
    assert report.total["paid"] == 1_020_000_050  # left out, and said so


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"as_of": "2028-01-31"}, "outside the budget year"),
        ({"by": "weeks"}, "months or days"),
        ({"tolerance": -1}, "tolerance"),
        ({"unknown": "ignore"}, "unknown="),
    ],
)
def test_bad_requests(plan, kwargs, match):
    arguments = {"as_of": "2027-09-30", **kwargs}
    with pytest.raises(CapexError, match=match):
        capex.execution(plan, capex.load_payments(PAYMENTS), **arguments)


def test_tables_in_chinese_and_any_unit(plan):
    report = capex.execution(plan, capex.load_payments(PAYMENTS), "2027-09-30", lang="zh")
    frame = report.to_frame("万元")
    assert frame.loc[1, "已支付"] == pytest.approx(920.00005)
    assert "支付进度%" in frame.columns and "序时进度%" in frame.columns
    assert np.isclose(report.by_month("万元", lang="en")["cumulative_paid"].iloc[-1], 1020.00005)
    assert "&lt;" not in report._repr_html_() and "<table" in report._repr_html_()
