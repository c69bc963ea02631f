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
from capex.afterlife.rollforward import roll_forward
from capex.errors import CapexError, DataError
from capex.model.actuals import Actuals
from capex.model.money import WAN, Money
from tests.afterlife.test_reforecast import cases
from tests.conftest import spent_to


def test_docstring_example_runs():
    module = importlib.import_module("capex.afterlife.rollforward")
    failures, attempted = doctest.testmod(module, verbose=False)
    assert attempted > 0 and failures == 0


# ---------------------------------------------------------------------------------------
# the acceptance cases on the bundled data
# ---------------------------------------------------------------------------------------
def test_actuals_equal_to_the_plan_carry_the_after_2025_part(yuecheng, plan_flows):
    hand = roll_forward(yuecheng, spent_to(plan_flows, 2025))
    split = capex.model.cashflow.plan_split(yuecheng)
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
    path = capex.io.write_projects(nxt, tmp_path / "next.csv")
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


def test_new_projects_with_text_ids_hand_over_reconciled(yuecheng, plan_flows):
    # a next plan's new projects often have codes for ids: the carried projects' ids are
    # then text in the next plan, and the hand-over still finds and reconciles them
    new = pd.DataFrame(
        {
            "id": ["XJ-01", "XJ-02"],
            "name": ["新建小学", "新建中学"],
            "start_year": [2026, 2028],
            "end_year": [2028, 2031],
            "total_investment": ["2", "4"],
            "plan_investment": ["2", "3"],
        }
    )
    hand = roll_forward(yuecheng, spent_to(plan_flows, 2025), new_projects=new)
    assert hand.reconciles()
    assert "XJ-01" in hand.portfolio.ids and "20" in hand.portfolio.ids
    assert hand.new_ids == ("XJ-01", "XJ-02")
    assert "new projects: 2" in hand.summary()
    clash = new.assign(id=["20", "XJ-02"])  # the carried project 20, written as text
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


@pytest.mark.slow
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


# ---------------------------------------------------------------------------------------
# closing each project: finished=, the status column, past_window
# ---------------------------------------------------------------------------------------
def ledger_2021_2025(plan_flows, status=None):
    return (
        Actuals.from_frame(plan_flows.loc[:, 2021:2025], money=WAN)
        if status is None
        else (
            Actuals.from_arrays(
                *_long(plan_flows.loc[:, 2021:2025]),
                money=WAN,
                coverage=(2021, 2025),
                status=status,
            )
        )
    )


def _long(flows):
    stacked = flows.stack()
    stacked = stacked[stacked != 0]
    ids = stacked.index.get_level_values(0).to_numpy()
    years = stacked.index.get_level_values(1).to_numpy()
    return ids, years, stacked.to_numpy()


def test_each_project_closes_by_finished_then_status_then_past_window(yuecheng, plan_flows):
    status = {27: "已完工", 28: "在建", 29: "未开工", 30: "停建", 31: "在建"}
    hand = roll_forward(
        yuecheng, ledger_2021_2025(plan_flows, status), finished=[20, 31], past_window="release"
    )
    r = hand.reconciliation
    left = r["total_minor"] - r["spent_minor"]
    # finished= wins over the status column (31 is 在建 in the ledger)
    assert r.loc[[20, 31], "closing"].tolist() == ["finished=", "finished="]
    assert r.loc[[20, 31], "saving_minor"].tolist() == left[[20, 31]].tolist()
    # the status column: 已完工 released, 在建 and 未开工 carried, 停建 suspended apart
    assert r.loc[27, "saving_minor"] == left[27] and r.loc[27, "closing"] == "status"
    assert r.loc[28, "carried_minor"] == left[28] and r.loc[29, "carried_minor"] == left[29]
    assert r.loc[30, "suspended_minor"] == left[30] and r.loc[30, "outcome"] == "stopped"
    assert r.loc[30, "carried_minor"] == 0
    # past_window decides the rest: #23's window ended with 1 亿元 left, released
    assert r.loc[23, "closing"] == "past_window" and r.loc[23, "saving_minor"] == 10_000
    assert r.loc[24, "closing"] == "spending" and r.loc[24, "carried_minor"] == left[24]
    assert hand.reconciles()
    rules = hand.findings.set_index("project_id")["rule"]
    assert rules[29] == "not_started_carried" and rules[30] == "stopped"
    # the statement, with its sums, exact
    statement = hand.statement()
    totals = statement.iloc[-1]
    assert totals["total"] == yuecheng.total_minor
    assert (
        totals["spent"] + totals["carried"] + totals["saving"] + totals["suspended"]
        - totals["overrun"] == totals["total"]
    )  # fmt: skip
    assert "停建资金" in hand.statement(lang="zh").columns


def test_a_project_under_way_keeps_its_start_in_the_next_plan(yuecheng, plan_flows):
    status = {27: "在建", 28: "未开工"}
    hand = roll_forward(yuecheng, ledger_2021_2025(plan_flows, status))
    nxt = hand.portfolio
    assert nxt.frame.loc[27, "fixed"] and not nxt.frame.loc[28, "fixed"]
    assert hand.carried.loc[27, "fixed"]
    # a cut that defers whatever it can never defers the project under way
    plan = capex.shift(nxt, {2026: 8}, max_delay=3)
    assert plan.delays[27] == 0
    assert plan.delays.drop(27).sum() > 0


def test_a_ceiling_that_only_deferring_a_project_under_way_would_meet_is_a_finding(
    yuecheng, plan_flows
):
    status = {pid: "在建" for pid in range(20, 36)}
    hand = roll_forward(yuecheng, ledger_2021_2025(plan_flows, status), ceilings={2026: 5})
    found = hand.findings[hand.findings["rule"] == "fixed_over_ceiling"]
    assert found["year"].tolist() == [2026]
    assert "above the ceiling 5 亿元" in found["message"].iloc[0]
    loose = roll_forward(yuecheng, ledger_2021_2025(plan_flows, status), ceilings={2026: 50})
    assert "fixed_over_ceiling" not in set(loose.findings["rule"])


def test_rolling_forward_twice_counts_only_the_spending_since(yuecheng, plan_flows, tmp_path):
    first = roll_forward(yuecheng, ledger_2021_2025(plan_flows))
    path = capex.io.write_projects(first.portfolio, tmp_path / "next.csv")
    nxt = capex.load_projects(path)
    assert nxt.frame["spent_before_minor"].tolist() == first.carried["spent_minor"].tolist()
    # the next plan's cumulative ledger, 2021-2030: each carried project's spending in the
    # first period, then its next-plan money spent as the next plan has it
    later = capex.cash_flow(nxt).flows_minor.reindex(columns=range(2026, 2031), fill_value=0)
    cumulative = pd.concat([plan_flows.loc[nxt.ids, 2021:2025], later.loc[nxt.ids]], axis=1)
    second = roll_forward(nxt, Actuals.from_frame(cumulative, money=WAN), next_period=(2031, 2035))
    r = second.reconciliation
    # spent since 2026 only: no fake overrun from the spending before the first hand-over
    assert (r["overrun_minor"] == 0).all()
    assert r["spent_minor"].tolist() == later.loc[nxt.ids].sum(axis=1).tolist()
    assert second.reconciles()
    assert "count their spending from 2026 only" in second.summary()
    assert "ledger_differs_from_handover" not in set(second.findings["rule"])


def test_a_hand_over_before_the_year_closes_takes_the_rest_as_planned(yuecheng, plan_flows):
    to_2024 = Actuals.from_frame(plan_flows.loc[:, 2021:2024], money=WAN)
    with pytest.raises(CapexError, match="stops before the hand-over 2025: it has no 2025"):
        roll_forward(yuecheng, to_2024)
    hand = roll_forward(yuecheng, to_2024, as_of=2024)
    full = roll_forward(yuecheng, ledger_2021_2025(plan_flows))
    assert hand.totals.equals(full.totals)
    assert "2025: 8.4498 亿元 taken as planned (the ledger stops at 2024" in hand.summary()


def test_a_hand_over_with_text_ids_files_its_annual_plan(yuecheng, plan_flows):
    # the year's plan table finds the carried projects under their text ids in the next plan
    new = pd.DataFrame(
        {
            "id": ["XJ-01"],
            "name": ["新建小学"],
            "start_year": [2026],
            "end_year": [2028],
            "total_investment": ["2"],
            "plan_investment": ["2"],
        }
    )
    hand = roll_forward(yuecheng, spent_to(plan_flows, 2025), new_projects=new)
    filed = capex.annual_plan(hand, capex.spread(hand.portfolio), None, 2027)
    listed = set(filed.to_frame(lang="en")["id"].dropna().astype(str))
    assert "XJ-01" in listed  # the new project
    assert "31" in listed  # a carried one, continuing in 2027, under its id as text
