"""The result object: units, annual table, binding years, text and HTML, subclassing."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass

import numpy as np
import pandas as pd
import pytest

import capex
from capex.solvers.result import PlanResult, ShiftResult, SpreadResult, Status

YEARS = pd.Index([2021, 2022, 2023], name="year")


def small_result(**changes) -> PlanResult:
    schedule = pd.DataFrame(
        [[10_000, 5_000, 0], [0, 15_000, 2_500]], index=pd.Index([1, 2], name="id"), columns=YEARS
    )
    options = {
        "status": "optimal",
        "schedule_minor": schedule,
        "names": pd.Series(["甲小学", "乙中学"], index=[1, 2]),
        "ceilings_minor": pd.Series([10_000, 25_000], index=pd.Index([2021, 2022], name="year")),
        "objective": 0.25,
        "bound": 0.25,
        "runtime": 0.01,
        "method": "hand",
        "profile": "uniform",
        "shadow_prices": pd.Series([1.0, 0.0, 0.0], index=YEARS),
        "plan_period": (2021, 2023),
    }
    options.update(changes)
    return PlanResult(**options)


def test_units_and_names():
    result = small_result()
    assert (
        result.status is Status.OPTIMAL
        and result.status == "optimal"
        and str(result.status) == "optimal"
    )
    assert result.schedule.loc[2, 2022] == 1.5
    assert result.to_frame().loc[2, 2023] == 2_500 and result.to_frame().dtypes.eq(np.int64).all()
    assert result.to_frame("亿元").attrs["unit"] == "亿元"
    named = result.with_names()
    assert named.loc[1, "name"] == "甲小学" and named.loc[1, 2021] == 1.0
    assert result.years == [2021, 2022, 2023]


def test_annual_totals_ceilings_and_binding_years():
    annual = small_result().annual
    # totals by hand: 2021: 1.0, 2022: 2.0, 2023: 0.25 亿元; ceilings 1.0 and 2.5, none in 2023
    assert annual["total"].tolist() == [1.0, 2.0, 0.25]
    assert annual["ceiling"].iloc[:2].tolist() == [1.0, 2.5] and np.isnan(
        annual.loc[2023, "ceiling"]
    )
    assert annual["headroom"].iloc[:2].tolist() == [0.0, 0.5]
    assert annual["binding"].tolist() == [True, False, False]
    assert small_result().binding_years == [2021]


def test_extra_budget_defaults_to_zero_and_reads_in_yi():
    assert small_result().extra_budget.tolist() == [0.0, 0.0, 0.0]
    infeasible = small_result(status="infeasible", extra_budget_minor=pd.Series({2021: 6_200}))
    assert infeasible.extra_budget.tolist() == [0.62, 0.0, 0.0]
    assert not infeasible.ok


def test_summary_repr_and_html_show_the_plan():
    result = small_result(
        messages=("2021: projects 1-2 must spend 3 亿元",),
        scenario="cut",
        changes=("ceiling 2021 -10%",),
    )
    text = result.summary()
    assert "optimal" in text and "2021" in text and "* binding year" in text
    assert "change: ceiling 2021 -10%" in text and "projects 1-2" in text
    assert repr(result).startswith("<PlanResult [cut]: optimal, 2 projects")
    page = result._repr_html_()
    assert "<table" in page and "甲小学" in page and "2021: projects 1-2" in page


def test_results_are_frozen_and_easy_to_extend():
    result = small_result()
    with pytest.raises(FrozenInstanceError):
        result.objective = 1.0  # type: ignore[misc]

    @dataclass(frozen=True, eq=False)
    class ShiftResult(PlanResult):
        delays: pd.Series | None = None
        makespan: int | None = None

    shifted = ShiftResult(
        status="feasible",
        schedule_minor=small_result().schedule_minor,
        delays=pd.Series({1: 1}),
        makespan=2023,
        plan_period=(2021, 2023),
    )
    assert shifted.status is Status.FEASIBLE and shifted.makespan == 2023
    assert "ShiftResult" in repr(shifted)


def test_moved_is_schedule_minus_target():
    target = pd.DataFrame(
        [[5_000, 10_000, 0], [0, 15_000, 2_500]], index=pd.Index([1, 2], name="id"), columns=YEARS
    )
    moved = small_result(target_minor=target).moved
    assert moved.loc[1].tolist() == [0.5, -0.5, 0.0]
    assert small_result().moved is None


# -- every result knows its plan period and its full window --------------------------------
def test_a_result_needs_its_plan_period():
    with pytest.raises(TypeError, match="plan_period"):
        PlanResult("optimal", small_result().schedule_minor)  # type: ignore[call-arg]


def test_every_planner_sets_the_plan_period(yuecheng):
    runs = [
        capex.spread(yuecheng, {2021: 11}),
        capex.shift(yuecheng, {2021: 11}, time_limit=None),
        capex.Scenario("later", shifts={19: 1}).run(yuecheng),
        capex.Scenario("cut", method="shift").run(yuecheng, {2021: 11}, time_limit=None),
    ]
    assert [r.plan_period for r in runs] == [(2021, 2025)] * 4
    assert all(r.knows_full_window for r in runs)


def test_a_spread_knows_the_money_before_and_after_the_plan(yuecheng):
    plan = capex.spread(yuecheng, {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9})
    assert plan.years == yuecheng.plan_years  # the schedule is what was planned
    window = plan.full_window()
    flows = capex.cash_flow(yuecheng).flows_minor
    assert list(window.columns) == list(flows.columns)  # 2018-2027
    assert (window.sum(axis=1) == yuecheng.frame["total_minor"]).all()
    outside = [y for y in flows.columns if y not in plan.years]
    assert window[outside].equals(flows[outside])
    assert window[plan.years].equals(plan.to_frame())
    assert plan.full_window("亿元").sum().sum() == pytest.approx(77.8)
    assert "77.8 亿元 over all years" in repr(plan)


def test_one_result_type_per_planner(yuecheng):
    plain = capex.spread(yuecheng, {2021: 11})
    assert type(plain) is SpreadResult and plain.parts_minor is None and plain.delays is None
    later = capex.Scenario("later", shifts={19: 1}).run(yuecheng)
    assert type(later) is SpreadResult
    assert later.delays[19] == 1 and later.delays.drop(19).eq(0).all()
    assert later.windows.loc[19].tolist() == [2024, 2026]
    assert later.moved_projects.index.tolist() == [19]
    deferral = capex.Scenario("cut", shifts={19: 1}, method="shift").run(
        yuecheng, {2021: 11}, time_limit=None
    )
    assert type(deferral) is ShiftResult and deferral.delays[19] >= 1
    assert deferral.objective_name == "delay"


def test_a_result_hands_out_copies(yuecheng):
    schedule = small_result().schedule_minor
    result = small_result(schedule_minor=schedule)
    schedule.iloc[0, 0] = -1  # the caller's frame, changed after the result was made
    handed = result.schedule_minor  # the frame the result hands out
    handed.iloc[0, 0] = -2
    frame = result.to_frame()
    frame.iloc[0, 0] = -3
    names = result.names
    names.iloc[0] = "changed"
    assert result.schedule_minor.iloc[0, 0] == 10_000 and result.names.iloc[0] == "甲小学"
    plan = capex.shift(yuecheng, {2021: 11}, time_limit=None)
    delays, windows = plan.delays, plan.windows
    delays.iloc[:] = 9
    windows.iloc[0, 0] = 1900
    assert (plan.delays != 9).all() and plan.windows.iloc[0, 0] != 1900


def test_the_annual_table_in_integers(yuecheng):
    annual = small_result().annual_minor()
    assert annual["total"].tolist() == [10_000, 20_000, 2_500]
    assert annual["ceiling"].tolist()[:2] == [10_000, 25_000] and pd.isna(annual["ceiling"][2023])
    assert annual["headroom"].tolist()[:2] == [0, 5_000]
    assert annual["binding"].tolist() == [True, False, False]


def test_money_no_window_year_can_take_stays_in_the_full_window(tiny):
    # project 2's window 2021-2023 lies inside the plan, yet 1 of its 3 亿元 is not planned:
    # the cash flow places that part in 2024, and the full window keeps it
    frame = tiny.to_frame().reset_index()
    frame.loc[frame["id"] == 2, "plan_investment"] = 2.0
    frame.loc[frame["id"] == 2, "end_year"] = 2022
    portfolio = capex.load_projects(frame, plan_period=(2021, 2025))
    plan = capex.spread(portfolio)
    window = plan.full_window()
    assert (window.sum(axis=1) == portfolio.frame["total_minor"]).all()
    assert window.at[2, 2023] == 10_000  # the year after its window, inside the plan period
    assert plan.schedule_minor.at[2, 2023] == 0  # not planned


def test_results_travel_between_processes(yuecheng):
    import pickle

    later = capex.Scenario("later", shifts={19: 1}).run(yuecheng)
    again = pickle.loads(pickle.dumps(later))
    assert type(again) is SpreadResult and again.plan_period == (2021, 2025)
    assert again.full_window().equals(later.full_window()) and again.delays.equals(later.delays)
