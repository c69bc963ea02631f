"""Ceilings that can never bind (the wrong unit) or lie out of reach are said in messages."""

from __future__ import annotations

import pytest

import capex
from capex.model.budget import BudgetLine
from capex.solvers.ceiling_notes import ceiling_notes

PLAN_YEARS = (2021, 2022, 2023, 2024, 2025)
IN_WAN = dict.fromkeys(PLAN_YEARS, 110_000)  # 11 亿元 meant, written in 万元, read in 亿元


@pytest.mark.parametrize("planner", ["spread", "shift"])
def test_a_ceiling_in_the_wrong_unit_is_said(yuecheng: capex.Portfolio, planner: str) -> None:
    if planner == "spread":
        result = capex.spread(yuecheng, IN_WAN)
    else:
        result = capex.shift(yuecheng, IN_WAN, time_limit=None)
    assert result.status == capex.solvers.result.Status.OPTIMAL  # nothing binds: it fits, as asked
    (note,) = [m for m in result.messages if "never bind" in m]
    assert "2021-2025" in note and "77.8 亿元" in note and "meant in 万元" in note
    assert str(note) in result.summary()


def test_ceilings_that_can_bind_are_not_noted(yuecheng: capex.Portfolio) -> None:
    loose = dict.fromkeys(PLAN_YEARS, 20)  # above every year's spend, below the programme
    assert ceiling_notes(yuecheng, capex.model.budget.as_budget_lines(loose)) == []
    assert not any("never bind" in m for m in capex.spread(yuecheng, loose).messages)


def test_a_line_is_measured_against_its_own_projects(yuecheng: capex.Portfolio) -> None:
    # builder 镜湖开发办's projects cost far less than the programme
    frame = yuecheng.frame
    builder = frame["builder"].value_counts().index[-1]
    covered = int(frame.loc[frame["builder"] == builder, "total_minor"].sum())
    line = BudgetLine("one builder", {2022: (covered + 1) / 10_000}, {"builder": builder})
    (note,) = ceiling_notes(yuecheng, [line])
    assert "one builder" in note and "2022" in note and "is that their unit?" in note
    fitting = BudgetLine("one builder", {2022: covered / 10_000}, {"builder": builder})
    assert ceiling_notes(yuecheng, [fitting]) == []


def test_a_deferral_ceiling_no_cash_flow_reaches_is_said(yuecheng: capex.Portfolio) -> None:
    result = capex.shift(yuecheng, {2023: 10, 2040: 5, 1990: 5}, max_delay=2, time_limit=None)
    (note,) = [m for m in result.messages if "ignored" in m]
    assert str(note).startswith("budget line 'ceiling': the ceilings of 1990, 2040 are ignored")
    reached = capex.shift(yuecheng, {2023: 10, 2027: 5}, max_delay=2, time_limit=None)
    assert not any("ignored" in m for m in reached.messages)


def test_the_notes_are_said_in_chinese_in_a_chinese_summary(yuecheng: capex.Portfolio) -> None:
    result = capex.spread(yuecheng, IN_WAN)
    summary = result.summary(lang="zh")
    assert "预算科目“ceiling”：2021-2025年的预算上限（最高110,000 亿元）" in summary
    assert "永远不会起约束作用；预算上限按亿元读取：是否本应以万元为单位？" in summary
    assert "never bind" not in summary and "never bind" in result.summary()
    deferral = capex.shift(yuecheng, {2023: 10, 2040: 5}, max_delay=2, time_limit=None)
    assert "预算科目“ceiling”：2040年的预算上限不起作用" in deferral.summary(lang="zh")
