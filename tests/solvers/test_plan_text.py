"""A plan's summary: in any unit, in English or Chinese, said in a finance officer's words."""

from __future__ import annotations

import pandas as pd
import pytest

import capex
from capex.io.texttable import display_width

CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}


@pytest.fixture(scope="module")
def plan(yuecheng: capex.Portfolio) -> capex.results.PlanResult:
    return capex.spread(yuecheng, CEILINGS)


def test_the_objective_and_the_shadow_price_in_finance_words(
    plan: capex.results.PlanResult,
) -> None:
    text = plan.summary()
    assert "money moved from its profile year 0.5635 亿元" in text
    assert "money moved saved per 亿元 more budget" in text
    assert "objective" not in text and "shadow" not in text


def test_the_summary_in_another_unit_has_no_other(plan: capex.results.PlanResult) -> None:
    text = plan.summary("万元")
    assert "亿元" not in text
    assert "amounts in 万元" in text and "483,900 万元" in text and "5,635 万元" in text


def test_the_summary_in_chinese(plan: capex.results.PlanResult, yuecheng: capex.Portfolio) -> None:
    text = plan.summary(lang="zh")
    assert text.startswith("资金计划：最优，35个项目，2021-2025年，合计48.39亿元")
    assert "偏离支出曲线年份的资金0.5635亿元" in text and "达到预算上限的年份" in text
    assert "来源记录：" in text
    deferral = capex.shift(yuecheng, {y: v * 0.9 for y, v in CEILINGS.items()}, max_delay=2)
    text = deferral.summary(lang="zh")
    assert "推迟方案" in text and "目标：按优先级加权的推迟年数最少" in text
    assert "总工期" in text


def test_the_years_table_lines_up_with_one_number_of_decimals(
    plan: capex.results.PlanResult,
) -> None:
    lines = plan.summary().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("year"))
    table = lines[start : start + 6]
    assert len({display_width(line.rstrip(" *")) for line in table}) == 1
    totals = [line.split()[1] for line in table[1:]]
    assert {len(t.split(".")[1]) for t in totals} == {4}  # 8.8334 needs four: all get four


def test_a_deferral_says_its_aim_and_what_moved(yuecheng: capex.Portfolio) -> None:
    deferral = capex.shift(yuecheng, {y: v * 0.9 for y, v in CEILINGS.items()}, max_delay=2)
    text = deferral.summary()
    moved = deferral.delays[deferral.delays != 0]
    assert "aim: the least priority-weighted delay (objective delay)" in text
    assert f"{len(moved)} project(s) moved" in text
    assert f"priority-weighted delay {deferral.objective:g} years" in text


def test_an_infeasible_plan_shows_the_extra_budget_column(yuecheng: capex.Portfolio) -> None:
    result = capex.spread(yuecheng, 8)
    text = result.summary()
    assert "extra budget needed" in text and "amounts in 亿元" in text  # the unit once
    header = next(line for line in text.splitlines() if "extra budget needed" in line)
    assert header.strip().startswith("year")


def test_a_hand_made_plan_without_provenance() -> None:
    schedule = pd.DataFrame([[1, 2]], index=pd.Index([1], name="id"), columns=[2021, 2022])
    text = capex.results.PlanResult("optimal", schedule, plan_period=(2021, 2022)).summary()
    assert "record:" not in text and "optimal" in text
