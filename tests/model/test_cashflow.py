"""The full-window cash flow: exact parts, reconciliation with plan_split, placement policies."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import capex
from capex.errors import CapexError, DataError
from capex.model.cashflow import UnplaceableError, cash_flow, plan_split, plan_targets
from tests.conftest import tiny_frame


@pytest.mark.parametrize("profile", ["uniform", "front", "back", "bell", "s-curve(a=2, b=5)"])
def test_bundled_cash_flow_reconciles_with_plan_split(yuecheng, profile):
    flows = cash_flow(yuecheng, profile)
    assert flows.reconciles()
    split = plan_split(yuecheng)
    parts = flows.parts()
    for column in split.columns:
        assert parts[column].tolist() == split[column].tolist()
    frame = yuecheng.frame
    table = flows.to_frame()
    assert table.sum(axis=1).tolist() == frame["total_minor"].tolist()
    assert table[yuecheng.plan_years].sum(axis=1).tolist() == frame["plan_minor"].tolist()
    # published totals: 77.8 亿元 in all, 48.39 亿元 in 2021-2025
    assert int(table.to_numpy().sum()) == 778_000
    assert int(table[yuecheng.plan_years].to_numpy().sum()) == 483_900


def test_money_stays_in_the_window_except_the_placed_part(yuecheng):
    flows = cash_flow(yuecheng, "bell", unplaceable="after")
    table = flows.to_frame()
    years = np.array(flows.years)
    frame = yuecheng.frame
    outside = (years[None, :] < frame["start_year"].to_numpy()[:, None]) | (
        years[None, :] > frame["end_year"].to_numpy()[:, None]
    )
    stray = pd.DataFrame(np.where(outside, table.to_numpy(), 0), index=table.index, columns=years)
    placed = stray[stray.sum(axis=1) > 0].sum(axis=1)
    assert placed.to_dict() == flows.placements["unplaceable_minor"].to_dict()


def test_unplaceable_policies_are_visible(yuecheng):
    # project 23: window 2023-2025, total 3 亿元, plan 2 亿元: 1 亿元 has no year outside the plan
    after = cash_flow(yuecheng, unplaceable="after")
    assert after.placements.to_dict("index") == {23: {"unplaceable_minor": 10_000, "year": 2026}}
    assert after.to_frame().loc[23, 2026] == 10_000
    assert "placed in the year after the window" in after.summary()
    before = cash_flow(yuecheng, unplaceable="before")
    assert before.placements.loc[23, "year"] == 2022
    assert before.reconciles()
    with pytest.raises(UnplaceableError, match="23"):
        cash_flow(yuecheng, unplaceable="raise")
    with pytest.raises(CapexError):
        cash_flow(yuecheng, unplaceable="somewhere")


def test_tiny_cash_flow_by_hand(tiny):
    flows = cash_flow(tiny, "uniform").to_frame("万元")
    # 1: 2020-2021, 1.0 total, 0.6 in plan -> 0.4 in 2020; 4: 2023-2024, 2.0 total, 1.0 in plan
    expected = {
        1: {2020: 4000, 2021: 6000, 2022: 0, 2023: 0, 2024: 0},
        2: {2020: 0, 2021: 10000, 2022: 10000, 2023: 10000, 2024: 0},
        3: {2020: 0, 2021: 0, 2022: 3000, 2023: 3000, 2024: 0},
        4: {2020: 0, 2021: 0, 2022: 0, 2023: 10000, 2024: 10000},
    }
    assert flows.to_dict("index") == expected


def test_a_part_takes_the_window_profile_on_its_years():
    # a back-loaded project over 2023-2026 (weights 1, 3, 5, 7 over 16); the plan ends 2025,
    # so its plan money follows 1 : 3 : 5 and the after-plan year has the rest of the total
    frame = pd.DataFrame(
        {
            "id": [1],
            "name": ["甲"],
            "start_year": [2023],
            "end_year": [2026],
            "total_investment": ["16000"],
            "plan_investment": ["9000"],
        }
    )
    portfolio = capex.load_projects(frame, plan_period=(2021, 2025), amount_unit="万元")
    flows = cash_flow(portfolio, "back").to_frame()
    assert flows.loc[1, [2023, 2024, 2025, 2026]].tolist() == [1000, 3000, 5000, 7000]


def test_the_profile_column_overrides_the_default(tiny):
    frame = tiny_frame()
    frame["profile"] = ["", "front", "", ""]
    portfolio = capex.load_projects(frame, plan_period=(2021, 2023))
    targets = plan_targets(portfolio, "uniform")
    # project 2: 3 亿元 over 2021-2023 front-loaded: 5/9, 3/9, 1/9 of 30,000 万元
    assert targets.loc[2].tolist() == [16_667, 10_000, 3_333]
    assert targets.loc[3].tolist() == [0, 3_000, 3_000]


def test_a_bad_profile_in_the_table_names_the_project():
    frame = tiny_frame()
    frame["profile"] = ["", "", "wiggly", ""]
    portfolio = capex.load_projects(frame, plan_period=(2021, 2023))
    with pytest.raises(DataError) as caught:
        cash_flow(portfolio)
    assert (
        caught.value.column == "profile" and caught.value.row == 3 and caught.value.project_id == 3
    )


def test_plan_targets_are_the_in_plan_part_of_the_cash_flow(yuecheng):
    for profile in ("uniform", "bell"):
        targets = plan_targets(yuecheng, profile)
        flows = cash_flow(yuecheng, profile)
        assert (targets.to_numpy() == flows.in_plan_minor.to_numpy()).all()
        assert targets.sum(axis=1).tolist() == yuecheng.frame["plan_minor"].tolist()


def test_cash_flow_displays(yuecheng):
    flows = cash_flow(yuecheng)
    assert "CashFlow(35 projects" in repr(flows)
    assert "<table" in flows._repr_html_()
    assert flows.annual("亿元").sum() == pytest.approx(77.8)


def test_the_unplanned_money_is_the_cash_flow_less_its_plan_part(yuecheng) -> None:
    from capex.model.cashflow import plan_targets, unplanned_flows

    flows = capex.cash_flow(yuecheng, "bell").flows_minor
    unplanned = unplanned_flows(yuecheng, "bell")
    plan = plan_targets(yuecheng, "bell")
    rebuilt = unplanned.reindex(columns=flows.columns, fill_value=0).add(
        plan.reindex(columns=flows.columns, fill_value=0)
    )
    assert rebuilt.equals(flows)
    assert list(unplanned.columns) == [2018, 2019, 2020, 2026, 2027]  # years holding some
