"""Reports by source: the bundled plan with its made-up sources reports 2021-2025 by source
and reconciles to the plan; month plans, variances, hand-overs and the submissions too."""

from __future__ import annotations

from pathlib import Path

import pytest

import capex
from capex.errors import CapexError
from capex.model.sources import UNASSIGNED

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "made_up_sources.csv"


@pytest.fixture(scope="module")
def funded(yuecheng) -> capex.Portfolio:
    return yuecheng.replace(sources=capex.load_sources(EXAMPLE, yuecheng))


@pytest.fixture(scope="module")
def plan(funded) -> capex.results.SpreadResult:
    return capex.spread(funded, {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9})


def top_rows(frame):
    return frame.loc[frame.attrs["top"]]


def test_the_bundled_plan_by_source_reconciles_to_the_plan(funded, plan):
    table = plan.to_frame(by="source")  # 万元, exactly
    assert table.columns.tolist() == [2021, 2022, 2023, 2024, 2025, "total"]
    assert top_rows(table).sum().iloc[:5].tolist() == plan.to_frame().sum().tolist()
    assert top_rows(table)["total"].sum() == funded.plan_minor == 483900  # 48.39 亿元
    # a nested source is inside its parent, counted once
    assert table.attrs["within"] == {"专项债券": "政府性基金预算"}
    assert "专项债券" not in table.attrs["top"]
    assert (table.loc["专项债券"] <= table.loc["政府性基金预算"]).all()
    # over all the years each source pays exactly what the table of sources says
    whole = capex.solvers.by_source.source_flows(plan).by_source()
    assert whole.sum(axis=1).loc[funded.sources.names].tolist() == (
        funded.sources.amounts_minor.sum().tolist()
    )


def test_the_summary_by_source_in_english_and_chinese(plan):
    english = plan.summary(by="source")
    chinese = plan.summary(by="source", lang="zh")
    assert english.startswith("By source (亿元), 2021-2025:")
    assert "of which 专项债券" in english
    assert chinese.startswith("按资金来源（亿元），2021-2025：")
    assert "其中：专项债券" in chinese
    last = next(line for line in chinese.splitlines() if line.strip().startswith("合计"))
    assert last.split()[-1] == "48.3900"
    assert plan.to_frame("亿元", by="source", lang="zh").index.name == "资金来源"


def test_a_plan_without_sources_says_so(yuecheng):
    with pytest.raises(CapexError, match="no funding sources"):
        capex.spread(yuecheng, 10).to_frame(by="source")
    with pytest.raises(CapexError, match="by='street'"):
        capex.spread(yuecheng, 10).to_frame(by="street")


def test_a_deferral_by_source_adds_up_over_its_whole_window(funded):
    plan = capex.shift(funded, {2023: 9, 2024: 9, 2025: 8}, max_delay=2)
    table = plan.by_source_minor()
    top = table.loc[[*funded.sources.top, UNASSIGNED]]
    assert (top.sum() == plan.schedule_minor.sum()).all()
    assert top.to_numpy().sum() == funded.total_minor


def test_a_month_plan_by_source(plan):
    months = capex.monthly(plan, 2023, profile="construction")
    table = months.to_frame(by="source", lang="zh")
    assert table.columns[0] == "1月" and table.columns[-1] == "合计"
    assert (
        top_rows(table).sum().iloc[:12].to_numpy() == months.month_totals_minor.to_numpy()
    ).all()
    # each source's months add up to its money of the year in the plan
    assert (
        table["合计"]
        .drop(index=table.index[~table.index.isin(plan.sources.names)])
        .equals(plan.by_source_minor()[2023].loc[plan.sources.names].rename("合计"))
    )
    assert "其中：专项债券" in months.summary(by="source", lang="zh")


def test_a_variance_by_source_to_the_cut_off(funded, plan):
    flows = capex.cash_flow(funded).flows_minor
    spent = capex.Actuals.from_frame(flows.loc[:, 2021:2023] * 9 // 10, money=funded.money)
    report = capex.variance(plan, spent, portfolio=funded)
    table = report.to_frame(by="source")
    top = top_rows(table)
    assert top["planned"].sum() == report.planned_to_date_minor
    assert top["actual"].sum() == report.actual_to_date_minor
    assert (top["difference"] == top["actual"] - top["planned"]).all()
    assert "其中：专项债券" in report.summary(lang="zh", by="source")


def test_the_hand_over_carries_each_projects_money_by_source(funded, plan_flows):
    spent = capex.Actuals.from_frame(plan_flows.loc[:, 2021:2025], money=funded.money)
    hand = capex.roll_forward(funded, spent)
    carried = hand.carried_by_source_minor
    assert (carried[[*funded.sources.top, UNASSIGNED]].sum(axis=1)
            == hand.carried["carried_minor"]).all()  # fmt: skip
    nxt = hand.portfolio.sources
    assert nxt.totals_minor().equals(
        hand.portfolio.frame.loc[nxt.ids, "total_minor"].rename("total")
    )
    table = hand.to_frame(by="source")
    assert top_rows(table).iloc[:, 0].sum() == hand.totals["carried_minor"]
    # a project carried whole keeps its sources' amounts, exactly
    whole = hand.reconciliation.query("spent_minor == 0 and carried_minor > 0").index
    if len(whole):
        assert (nxt.amounts_minor.loc[whole].to_numpy()
                == funded.sources.amounts_minor.loc[whole].to_numpy()).all()  # fmt: skip
    assert "按资金来源" in hand.summary(lang="zh", by="source")
    # the next plan spreads under its carried sources
    again = capex.spread(hand.portfolio, None)
    assert again.by_source_minor().to_numpy().sum() > 0


def test_the_annual_plan_fills_its_sources_from_the_plan(funded, plan):
    filed = capex.annual_plan(funded, plan, None, 2023, lang="zh")
    text = filed.projects.loc[10, "sources"]
    assert text.startswith("一般公共预算 ") and "（其中：专项债券" in text
    amounts = [int(part.split()[1].replace(",", "")) for part in text.replace("（", "；").split("；")
               if part and part.split()[0] in ("一般公共预算", "上级补助", "自筹", "政府性基金预算")]  # fmt: skip
    assert sum(amounts) == int(filed.projects.loc[10, 2023])


def test_a_reforecast_and_a_scenario_keep_the_sources(funded):
    flows = capex.cash_flow(funded).flows_minor
    spent = capex.Actuals.from_frame(flows.loc[:, 2021:2023] * 9 // 10, money=funded.money)
    forecast = capex.reforecast(funded, spent, ceilings=10)
    table = forecast.to_frame(by="source")
    assert top_rows(table)["total"].sum() == forecast.schedule_minor.to_numpy().sum()
    # a scenario that raises costs 3 % a year keeps each project's sources' proportions
    later = capex.Scenario("later", shifts={19: 1, 20: 1}, escalation=0.03).run(funded)
    by_source = later.by_source_minor()
    assert (
        by_source.loc[[*funded.sources.top, UNASSIGNED]]
        .sum()
        .equals(later.schedule_minor.sum().astype(by_source.dtypes.iloc[0]))
    )
