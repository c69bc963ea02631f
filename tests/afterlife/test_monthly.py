"""capex.afterlife.monthly: one budget year of any plan by project and month, exactly, under a quota;
what it says, and its errors."""

from __future__ import annotations

import pandas as pd
import pytest
from chinese_errors import check_error

import capex
from capex.afterlife.monthly import check_monthly
from capex.errors import CapexError
from capex.model.budget import BudgetLine


@pytest.fixture(scope="module")
def flows(yuecheng):
    return capex.cash_flow(yuecheng)


def _year(plan, year):
    return plan.full_window()[year] if hasattr(plan, "full_window") else plan.flows_minor[year]


@pytest.mark.parametrize("kind", ["cash flow", "spread", "shift", "baseline"])
def test_every_kind_of_plan_gives_its_year_by_month_exactly(yuecheng, flows, kind):
    if kind == "cash flow":
        plan, expected = flows, flows.flows_minor[2023]
    elif kind == "spread":
        plan = capex.spread(yuecheng, {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9})
        expected = plan.full_window()[2023]
    elif kind == "shift":
        plan = capex.shift(yuecheng, {2023: 9.5, 2024: 9.5}, max_delay=1)
        expected = plan.full_window()[2023]
    else:
        table = flows.flows_minor.reset_index()
        table.insert(1, "name", yuecheng.frame["name"].to_numpy())
        plan = capex.load_phased(table, plan_period=(2021, 2025))
        expected = plan.cash_flow.flows_minor[2023]
    months = capex.monthly(plan, 2023, profile="construction")
    expected = expected[expected > 0]
    assert months.year_minor.to_dict() == expected.to_dict()
    assert months.total_minor == int(expected.sum())
    assert check_monthly(months, expected) == []


def test_the_quota_binds_and_the_plan_stays_closest_to_the_profile(flows):
    free = capex.monthly(flows, 2023, profile="construction")
    peak = int(free.month_totals_minor.max())
    held = capex.monthly(flows, 2023, profile="construction", quota=peak - 500, unit="万元")
    assert held.ok and held.month_totals_minor.max() <= peak - 500
    assert held.moved_minor > 0 == free.moved_minor
    assert held.year_minor.equals(free.year_minor)


def test_an_impossible_quota_gives_the_least_extra_quota_and_why(flows):
    year = int(flows.flows_minor[2023].sum())
    months = capex.monthly(flows, 2023, quota=6000, unit="万元")
    assert months.status == capex.solvers.result.Status.INFEASIBLE
    assert int(months.extra_quota_minor.sum()) == year - 12 * 6000
    assert "1-12" in months.messages[0] and "least extra quota" in months.messages[-1]
    assert "the quota allows 72,000 万元" in months.summary()
    chinese = months.summary(lang="zh")
    assert "最少需追加额度" in chinese and "3月+" in chinese


def test_start_and_finish_months_bound_a_project(flows):
    months = capex.monthly(flows, 2023, start_month={20: 4}, finish_month={"020": 9})
    row = months.amounts_minor.loc[20]
    assert row.loc[:3].sum() == 0 and row.loc[10:].sum() == 0
    assert row.sum() == flows.flows_minor.loc[20, 2023]
    assert months.months_window.loc[20].tolist() == [4, 9]


def test_a_line_funding_shares_carries_its_part(flows):
    line = BudgetLine("bond", dict.fromkeys(range(1, 13), 1000), shares={20: 0.5}, unit="万元")
    months = capex.monthly(flows, 2023, quota=[line])
    part = months.line_totals_minor.loc["bond"]
    assert part.sum() == flows.flows_minor.loc[20, 2023] // 2
    assert (part <= 1000).all()
    assert months.line_members.loc[20, "bond"] == 0.5


def test_the_tables_in_any_unit_and_language(flows):
    months = capex.monthly(flows, 2023, quota={1: 5000, 2: 5000}, unit="万元", lang="zh")
    assert months.to_frame().columns[0] == "1月"
    assert months.to_frame(lang="en").columns.tolist() == list(range(1, 13))
    in_yi = months.to_frame("亿元", lang="en")
    assert in_yi.to_numpy().sum() == pytest.approx(months.total_minor / 10_000)
    by_month = months.by_month(lang="en")
    assert by_month["quota"].isna().sum() == 10
    assert by_month["cumulative"].iloc[-1] == months.total_minor
    assert "用款额度" in months.by_month().columns


def test_the_html_view_escapes_names():
    plan = pd.DataFrame({2027: [120]}, index=pd.Index([1], name="id"))
    portfolio = capex.load_projects(
        pd.DataFrame(
            {
                "id": [1],
                "name": ["<script>alert(1)</script>"],
                "start_year": [2027],
                "end_year": [2027],
                "total_investment": ["0.012"],
                "plan_investment": ["0.012"],
            }
        ),
        plan_period=(2027, 2027),
    )
    view = capex.monthly(plan, 2027, portfolio=portfolio)._repr_html_()
    assert "<script>" not in view and "&lt;script&gt;" in view


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"year": 2040}, "no year 2040"),
        ({"quota": [1, 2, 3]}, "got 3 values"),
        ({"quota": [BudgetLine("q", {13: 1})]}, "13 is not a month"),
        ({"quota": object()}, "quota"),
        ({"start_month": {20: 9}, "finish_month": {20: 3}}, "after its finish month"),
        ({"start_month": {20: 13}}, "not a month"),
        ({"start_month": {20: 2.5}}, "not a month"),
        ({"start_month": {999: 3}}, "start_month"),
        ({"start_month": [3]}, "project id: month"),
        ({"quota": [BudgetLine("gov", {1: 1}, {"government_investment": True})]}, "portfolio="),
        ({"profile": "seasonal"}, "unknown month profile"),
        ({"fiscal_year_start": 13}, "fiscal_year_start"),
    ],
)
def test_bad_requests_are_clear_errors(flows, kwargs, match):
    arguments = {"year": 2023, **kwargs}
    with pytest.raises(CapexError, match=match):
        capex.monthly(flows, **arguments)


def test_a_negative_year_or_a_table_of_floats_is_refused():
    ids = pd.Index([1, 2], name="id")
    with pytest.raises(CapexError, match="negative amount"):
        capex.monthly(pd.DataFrame({2027: [5, -1]}, index=ids), 2027)
    with pytest.raises(CapexError, match="whole numbers"):
        capex.monthly(pd.DataFrame({2027: [5.5, 1.0]}, index=ids), 2027)
    with pytest.raises(CapexError, match="not list"):
        capex.monthly([1, 2], 2027)


@pytest.mark.parametrize(
    ("make", "english"),
    [
        (
            lambda plan: capex.monthly(plan, 2040),
            "the plan has no year 2040 (its years: 2018-2027)",
        ),
        (
            lambda plan: capex.monthly(plan, 2023, quota=[1, 2, 3]),
            "a quota is one amount, twelve amounts, {month: amount} or budget lines; got 3 values",
        ),
        (
            lambda plan: capex.monthly(plan, 2023, start_month={19: "十三"}),
            "start_month of project 19: '十三' is not a month (1 to 12)",
        ),
    ],
    ids=["no such year", "three amounts", "a word for a month"],
)
def test_a_month_plan_error_reads_in_chinese(make, english):
    plan = capex.cash_flow(capex.load_projects())
    check_error(lambda: make(plan), english)
