"""Carry-over into the next plan: exact hand-over reconciliation, and a next plan that loads."""

from __future__ import annotations

import doctest
import importlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import capex
from capex.actuals import Actuals
from capex.errors import CapexError, DataError
from capex.money import WAN, Money
from capex.rollforward import roll_forward
from tests.conftest import spent_to
from tests.test_reforecast import cases


def test_docstring_example_runs():
    module = importlib.import_module("capex.rollforward")
    failures, attempted = doctest.testmod(module, verbose=False)
    assert attempted > 0 and failures == 0


# ---------------------------------------------------------------------------------------
# the acceptance cases on the bundled data
# ---------------------------------------------------------------------------------------
def test_actuals_equal_to_the_plan_carry_the_after_2025_part(yuecheng, plan_flows):
    hand = roll_forward(yuecheng, spent_to(plan_flows, 2025))
    split = capex.plan_split(yuecheng)
    carried = hand.reconciliation["carried_minor"]
    # the policy "carry": project 23's unplaceable 1 亿元 (no year of its window 2023-2025
    # could take it) is carried into 2026 with the after-2025 part of the others
    expected = split["after_minor"] + split["unplaceable_minor"]
    pd.testing.assert_series_equal(carried, expected, check_names=False)
    assert int(split["after_minor"].sum()) == 224_000  # the 22.40 亿元 of the reconciliation
    assert int(carried.sum()) == 234_000
    assert int(carried[23]) == 10_000
    assert hand.reconciles()
    # the policy "release": 23 closes with its 1 亿元 released as a saving
    released = roll_forward(yuecheng, spent_to(plan_flows, 2025), past_window="release")
    pd.testing.assert_series_equal(
        released.reconciliation["carried_minor"], split["after_minor"], check_names=False
    )
    assert released.reconciliation.loc[23, "saving_minor"] == 10_000
    assert released.reconciliation.loc[23, "outcome"] == "finished with saving"
    assert released.reconciles()


@pytest.mark.parametrize("project", [19, 23, 27, 31])
def test_half_a_yi_less_spent_in_2025_carries_exactly_half_a_yi_more(yuecheng, plan_flows, project):
    base = roll_forward(yuecheng, spent_to(plan_flows, 2025))
    flows = plan_flows.copy()
    flows.loc[project, 2025] -= 5_000  # 0.5 亿元 in 万元
    less = roll_forward(yuecheng, spent_to(flows, 2025))
    change = less.reconciliation["carried_minor"] - base.reconciliation["carried_minor"]
    assert change[project] == 5_000
    assert (change.drop(project) == 0).all()
    assert less.portfolio.total_minor - base.portfolio.total_minor == 5_000
    assert less.reconciles()


def test_the_next_plan_loads_and_reconciles_like_any_other(yuecheng, plan_flows, tmp_path):
    hand = roll_forward(yuecheng, spent_to(plan_flows, 2025))
    nxt = hand.portfolio
    assert nxt.plan_period == (2026, 2030)
    assert capex.reconcile(nxt).reconciles
    assert (nxt.frame["start_year"] >= 2026).all()
    assert nxt.frame.loc[23, "end_year"] == 2026  # its window moved into the next period
    assert nxt.frame.loc[27, ["start_year", "end_year"]].tolist() == [2026, 2026]
    assert nxt.frame.loc[20, "name"] == yuecheng.frame.loc[20, "name"]
    assert "carried over from 2021-2025" in nxt.frame.loc[27, "interpretation"]
    path = nxt.to_csv(tmp_path / "next.csv")
    again = capex.load_projects(path)
    pd.testing.assert_frame_equal(again.frame, nxt.frame)
    assert capex.reconcile(again).reconciles
    # it plans like any other
    plan = capex.spread(nxt, {2026: 30})
    assert plan.ok


def test_a_project_running_past_the_next_period_carries_only_its_part_in_it():
    portfolio = capex.load_projects(
        pd.DataFrame(
            {
                "id": [1],
                "name": ["长期项目"],
                "start_year": [2024],
                "end_year": [2033],
                "total_investment": ["10"],
                "plan_investment": ["2"],
            }
        ),
        plan_period=(2021, 2025),
    )
    spent = Actuals.from_arrays(
        [1], [2024], [10_000], money=portfolio.money, coverage=(2021, 2025)
    )  # 1 亿元, and nothing in the other years of the ledger
    hand = roll_forward(portfolio, spent)
    carried = hand.carried.loc[1]
    assert carried["carried_minor"] == 90_000
    # 9 亿元 over the eight years 2026-2033, uniform: five of them lie in 2026-2030
    assert carried["in_next_minor"] == 56_250
    assert carried["after_next_minor"] == 33_750
    assert hand.portfolio.frame.loc[1, "plan_minor"] == carried["in_next_minor"]


def test_overrun_and_finished_early(yuecheng, plan_flows):
    flows = plan_flows.loc[:, :2025].copy()
    flows.loc[1, 2021] += 2_000  # over its total by 0.2 亿元
    total_27 = yuecheng.frame.loc[27, "total_minor"]
    flows.loc[27, 2025] += total_27 - flows.loc[27].sum()  # all of its total spent by 2025
    hand = roll_forward(yuecheng, Actuals.from_frame(flows, money=WAN))
    row = hand.reconciliation.loc[1]
    assert row["outcome"] == "finished over total" and row["overrun_minor"] == 2_000
    assert hand.reconciliation.loc[27, "outcome"] == "finished"  # finished early
    assert 27 not in hand.carried.index and 1 in hand.finished.index
    assert hand.reconciles()
    totals = hand.totals
    assert (
        totals["spent_minor"]
        + totals["carried_minor"]
        + totals["saving_minor"]
        - totals["overrun_minor"]
        == totals["total_minor"]
        == yuecheng.total_minor
    )


def test_new_projects_join_the_next_plan(yuecheng, plan_flows):
    new = pd.DataFrame(
        {
            "id": [101, 102],
            "name": ["新建小学", "新建中学"],
            "start_year": [2026, 2028],
            "end_year": [2028, 2031],
            "total_investment": ["2", "4"],
            "plan_investment": ["2", "3"],
        }
    )
    hand = roll_forward(yuecheng, spent_to(plan_flows, 2025), new_projects=new)
    nxt = hand.portfolio
    assert hand.new_ids == (101, 102)
    assert len(nxt) == len(hand.carried) + 2
    assert nxt.total_minor == 234_000 + 60_000
    assert capex.reconcile(nxt).reconciles
    clash = new.assign(id=[20, 102])
    with pytest.raises(DataError, match="id of a carried project: 20"):
        roll_forward(yuecheng, spent_to(plan_flows, 2025), new_projects=clash)


def test_actuals_in_yuan_carry_to_the_yuan(yuecheng, plan_flows):
    flows = plan_flows.loc[:, :2025] * 10_000
    flows.loc[30, 2025] -= 1  # one 元 less spent
    hand = roll_forward(yuecheng, Actuals.from_frame(flows, money=Money.of("元")))
    assert hand.money.unit == "元"
    total = yuecheng.frame.loc[30, "total_minor"] * 10_000
    assert hand.reconciliation.loc[30, "carried_minor"] == total - flows.loc[30].sum()
    assert hand.reconciliation.loc[30, "carried_minor"] % 10_000 == 1  # the one 元
    assert hand.portfolio.money.unit == "元"
    assert hand.reconciles()


@given(cases(), st.sampled_from(["carry", "release"]))
def test_every_old_total_reconciles_exactly(case, past_window):
    portfolio, actuals, _, _ = case
    actuals = actuals.with_coverage((2018, 2025))  # a ledger of 2018-2025, sparse
    hand = roll_forward(portfolio, actuals, past_window=past_window)
    r = hand.reconciliation
    assert (
        r["spent_minor"]
        + r["carried_minor"]
        + r["saving_minor"]
        + r["suspended_minor"]
        - r["overrun_minor"]
        == r["total_minor"]
    ).all()
    assert (r[["carried_minor", "saving_minor", "overrun_minor"]] >= 0).all().all()
    assert hand.reconciles()
    if hand.portfolio is not None:
        assert capex.reconcile(hand.portfolio).reconciles
        assert np.array_equal(
            hand.portfolio.frame.loc[hand.carried.index, "total_minor"].to_numpy(),
            hand.carried["carried_minor"].to_numpy(),
        )


def test_reports_read_well(yuecheng, plan_flows):
    hand = roll_forward(yuecheng, spent_to(plan_flows, 2025))
    text = hand.summary()
    assert text.splitlines()[0] == "Carry-over into 2026-2030"
    assert "77.8 亿元 = spent 54.4 亿元 + carried over 23.4 亿元" in text
    assert "结转至2026-2030年" in hand.summary(lang="zh")
    frame = hand.to_frame("亿元", lang="zh")
    assert {"结转", "完工结余", "超支", "已支出", "状态"} <= set(frame.columns)
    assert "carried" in repr(hand)
    assert "<pre>" in hand._repr_html_()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"past_window": "keep"}, "unknown past_window"),
        ({"next_period": (2030, 2026)}, "ends before it starts"),
        ({"next_period": (2021, 2025)}, "must start after"),
        ({"next_period": "soon"}, "two years"),
    ],
)
def test_bad_arguments(yuecheng, plan_flows, kwargs, message):
    with pytest.raises(CapexError, match=message):
        roll_forward(yuecheng, spent_to(plan_flows, 2025), **kwargs)
