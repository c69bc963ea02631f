"""The selection result speaks the result protocol: tables and summaries in any unit and in
Chinese, an HTML view that escapes the user's text, the chosen set as a portfolio that flows
on, and the frontier."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

import capex

PLAN = (2026, 2030)
NAMES = ["甲小学<script>", "乙初级中学", "丙幼儿园", "=1+1 丁小学"]


@pytest.fixture(scope="module")
def chosen() -> capex.results.SelectionResult:
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "name": NAMES,
            "start_year": [2026, 2026, 2027, 2028],
            "end_year": [2027, 2026, 2028, 2029],
            "total_investment": ["2", "1", "2", "1"],
            "plan_investment": ["2", "1", "2", "1"],
            "scope": ["24班", "30班", "12班，小班4个、中班4个、大班4个", "18班"],
        }
    )
    portfolio = capex.load_projects(frame, plan_period=PLAN)
    return capex.select(
        portfolio, {2026: 2.5, 2027: 2, 2028: 1.5}, value="学位", must=(), envelope=5
    )


def test_the_choice_and_its_value(chosen):
    assert chosen.status == capex.solvers.result.Status.OPTIMAL and chosen.gap == 0
    assert sorted(chosen.selected + chosen.rejected) == [1, 2, 3, 4]
    values = chosen.values()
    assert values[1] == 24 * 45 and values[2] == 30 * 50 and values[3] == 4 * (25 + 30 + 35)
    assert chosen.value == sum(values[pid] for pid in chosen.selected)
    assert isinstance(chosen.value, Fraction)


def test_to_frame_in_a_unit_and_in_chinese(chosen):
    frame = chosen.to_frame()
    assert frame.attrs["unit"] == "亿元"
    assert list(frame.columns[:3]) == ["name", "chosen", "value"]
    assert frame.loc[chosen.rejected[0], "reason"]  # every candidate left out says why
    wan = chosen.to_frame("万元")
    assert (wan["total"] == frame["total"] * 10_000).all()
    chinese = chosen.to_frame(lang="zh")
    assert {"项目名称", "是否选中", "未选原因", "强制纳入损失的价值"} <= set(chinese.columns)
    assert set(chinese["是否选中"]) <= {"是", "否"}


def test_the_summary_in_english_and_chinese(chosen):
    english = chosen.summary()
    assert "proven the most any selection is worth" in english
    assert "建标102-2002" in english and "supply only" in english
    chinese = chosen.summary("万元", lang="zh")
    assert "已证明为最优" in chinese and "万元" in chinese and "仅为学位供给" in chinese
    assert "未选项目" in chinese and "是否选中" not in chinese


def test_the_years_against_their_ceilings(chosen):
    annual = chosen.annual()
    assert list(annual["year"]) == list(range(2026, 2031))
    capped = annual.dropna(subset=["ceiling"])
    assert (capped["total"] <= capped["ceiling"] + 1e-9).all()
    assert {"value_of_more", "lp_dual"} <= set(annual.columns)
    assert "线性规划对偶价格（非精确）" in chosen.annual(lang="zh").columns


def test_the_html_view_escapes_what_the_user_wrote(chosen):
    page = chosen._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert repr(chosen).startswith("<SelectionResult: optimal")


def test_the_chosen_set_is_a_portfolio_that_flows_on(chosen):
    portfolio = chosen.portfolio
    assert list(portfolio.ids) == chosen.selected
    assert portfolio.plan_minor == chosen.plan_spend_minor
    spread = capex.spread(portfolio, {2026: 2.5, 2027: 2, 2028: 1.5})
    assert spread.ok
    report = capex.reconcile(portfolio)
    assert not report.findings[report.findings["severity"] == "error"].shape[0]


def test_the_frontier_grows_and_says_who_enters(chosen):
    frontier = chosen.frontier([1, 2, 3, 4, 5, 6])
    frame = frontier.to_frame()
    assert list(frame["envelope"]) == [1, 2, 3, 4, 5, 6]
    assert frame["value"].is_monotonic_increasing
    assert (frame["status"] == "optimal").all()
    assert frame["value"].iloc[4] == float(chosen.value)  # the envelope of 5 is the plan's own
    entered = [set(filter(None, e.split(", "))) for e in frame["enter"]]
    assert set().union(*entered) >= {str(i) for i in chosen.selected}
    assert "有效前沿" in frontier.summary(lang="zh")
    with pytest.raises(capex.CapexError, match="at least one"):
        chosen.frontier([])
