"""The independent checker: each kind of violation is found, valid schedules pass."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import capex
from capex.model.budget import BudgetLine
from capex.solvers.check import CheckError, assert_valid, check_schedule
from capex.solvers.result import PlanResult


def by_hand(tiny) -> pd.DataFrame:
    """A valid plan for the tiny portfolio, written by hand (万元).

    1: 0.6 in 2021 (window 2020-2021); 2: 3.0 over 2021-2023; 3: 0.6 over 2022-2023; 4: 1.0
    in 2023 (window 2023-2024).
    """
    return pd.DataFrame(
        {
            2021: [6_000, 10_000, 0, 0],
            2022: [0, 10_000, 3_000, 0],
            2023: [0, 10_000, 3_000, 10_000],
        },
        index=pd.Index([1, 2, 3, 4], name="id"),
    )


def kinds(violations):
    return sorted({v.kind for v in violations})


def test_a_valid_schedule_passes(tiny):
    assert check_schedule(tiny, by_hand(tiny), {2021: 1.6, 2022: 1.3, 2023: 2.3}) == []
    assert_valid(tiny, by_hand(tiny))


def test_each_violation_is_found(tiny):
    table = by_hand(tiny)
    moved = table.copy()
    moved.loc[3, 2021], moved.loc[3, 2022] = 3_000, 0  # project 3 starts in 2022
    assert kinds(check_schedule(tiny, moved)) == ["window"]
    short = table.copy()
    short.loc[2, 2023] = 9_999
    assert kinds(check_schedule(tiny, short)) == ["row_total"]
    negative = table.copy()
    negative.loc[2, 2021], negative.loc[2, 2022] = -1, 20_001
    assert kinds(check_schedule(tiny, negative)) == ["negative"]
    fractional = table.astype(float)
    fractional.loc[2, 2021], fractional.loc[2, 2022] = 9_999.5, 10_000.5
    assert "integer" in kinds(check_schedule(tiny, fractional))
    assert kinds(check_schedule(tiny, table.drop(index=4))) == ["projects", "row_total"]
    over = check_schedule(tiny, table, {2023: 2.2})
    assert kinds(over) == ["ceiling"] and over[0].year == 2023
    with pytest.raises(CheckError, match="2023"):
        assert_valid(tiny, table, {2023: 2.2})


def test_budget_lines_are_checked_by_their_rules(tiny):
    table = by_hand(tiny)
    # builder 乙 has projects 2 and 4: 2.0 亿元 in 2023
    line = BudgetLine("yi", {2023: 1.9}, {"builder": "乙"})
    violations = check_schedule(tiny, table, [line])
    assert [(v.kind, v.line, v.year) for v in violations] == [("ceiling", "yi", 2023)]
    assert check_schedule(tiny, table, [BudgetLine("yi", {2023: 2.0}, {"builder": "乙"})]) == []


def test_caller_row_totals_and_windows(tiny):
    table = by_hand(tiny)
    shifted = table.copy()
    shifted.loc[3, 2022], shifted.loc[3, 2023] = 0, 6_000
    windows = tiny.frame[["start_year", "end_year"]].copy()
    windows.loc[3, "start_year"] = 2023
    assert check_schedule(tiny, shifted, windows=windows) == []
    assert kinds(check_schedule(tiny, table, windows=windows)) == ["window"]
    totals = tiny.frame["plan_minor"].copy()
    totals.loc[4] = 5_000
    assert kinds(check_schedule(tiny, table, row_totals_minor=totals)) == ["row_total"]


def test_a_result_is_checked_against_its_own_ceilings(tiny):
    result = PlanResult(
        "optimal",
        by_hand(tiny),
        ceilings_minor=pd.Series({2021: 16_000, 2023: 22_000}),
        plan_period=(2021, 2023),
    )
    violations = check_schedule(tiny, result)
    assert [(v.kind, v.year) for v in violations] == [("ceiling", 2023)]


def test_spread_results_pass(yuecheng):
    result = capex.spread(yuecheng, {2021: 11.0, 2022: 9.0})
    assert_valid(yuecheng, result)


def test_a_deferral_plan_is_checked_against_its_moved_windows(yuecheng):
    # ceilings 10 % below each plan year's total of the unmoved cash flow
    flows = capex.cash_flow(yuecheng).flows_minor
    cut = {year: int(flows[year].sum()) * 0.9 / 10_000 for year in yuecheng.plan_years}
    plan = capex.shift(yuecheng, cut, max_delay=2, time_limit=None)
    assert plan.status == "optimal" and (plan.delays > 0).any()
    assert capex.check_schedule(yuecheng, plan) == []

    # the same schedule with one moved project said not to move breaks its window
    moved = plan.delays[plan.delays > 0].index[0]
    wrong = dataclasses.replace(plan, delays=plan.delays.where(plan.delays.index != moved, 0))
    violations = capex.check_schedule(yuecheng, wrong)
    assert violations and {v.kind for v in violations} == {"window"}
    assert {v.project for v in violations} == {moved}


def test_spreads_with_shares_that_round_to_nothing_pass(tiny):
    frame = tiny.to_frame().reset_index()
    frame.loc[frame["id"] == 3, ["start_year", "end_year", "plan_investment"]] = [2024, 2024, 0]
    portfolio = capex.load_projects(frame, plan_period=(2021, 2023))
    # project 3 has no plan money; project 2's share is less than one 万元
    line = BudgetLine("province", {2022: 5}, shares={3: 0.5, 2: 0.00001})
    result = capex.spread(portfolio, [line])
    assert result.ok
    assert check_schedule(portfolio, result, [line]) == []
    # a part that should hold money is still missed when it is left out
    wrong = BudgetLine("province", {2022: 5}, shares={3: 0.5, 2: 0.5})
    assert [v.kind for v in check_schedule(portfolio, result, [wrong])] == ["parts"]
