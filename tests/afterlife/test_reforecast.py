"""Re-forecast: actuals to the cut-off, the remaining money under the remaining ceilings."""

from __future__ import annotations

import doctest
import importlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import capex
from capex.afterlife.reforecast import reforecast, remaining_portfolio
from capex.errors import CapexError, DataError
from capex.model.actuals import Actuals
from capex.model.money import WAN, Money
from capex.solvers.result import Status
from tests.conftest import spent_to
from tests.solvers.test_spread import max_flow_fits

YUAN = Money.of("元")


def test_docstring_example_runs():
    module = importlib.import_module("capex.afterlife.reforecast")
    failures, attempted = doctest.testmod(module, verbose=False)
    assert attempted > 0 and failures == 0


# ---------------------------------------------------------------------------------------
# random portfolios and actuals
# ---------------------------------------------------------------------------------------
@st.composite
def cases(draw):
    """A portfolio over 2021-2025, actuals to a cut-off (some refunds, some overruns, some
    outside windows), and ceilings for the years after the cut-off."""
    n = draw(st.integers(1, 6))
    start = np.array(draw(st.lists(st.integers(2019, 2026), min_size=n, max_size=n)))
    length = np.array(draw(st.lists(st.integers(1, 4), min_size=n, max_size=n)))
    end = start + length - 1
    total = np.array(draw(st.lists(st.integers(0, 400), min_size=n, max_size=n)), dtype=np.int64)
    inside = np.minimum(end, 2025) - np.maximum(start, 2021) + 1
    plan = np.where(inside > 0, total * np.clip(inside, 0, None) // length, 0)
    portfolio = capex.Portfolio.from_arrays(
        start_year=start,
        end_year=end,
        total_minor=total,
        plan_minor=plan,
        plan_period=(2021, 2025),
    )
    as_of = draw(st.integers(2020, 2025))
    cells = [(i, y) for i in range(n) for y in range(int(start[i]) - 1, as_of + 1)]
    chosen = draw(st.lists(st.sampled_from(cells), unique=True, max_size=12)) if cells else []
    amounts = [draw(st.integers(-20, 250)) for _ in chosen]
    actuals = Actuals.from_arrays(
        [int(portfolio.ids[i]) for i, _ in chosen],
        [y for _, y in chosen],
        amounts,
        money=WAN,
        coverage=(2018, as_of),  # a sparse ledger of every year from 2018 to the cut-off
    )
    years = range(as_of + 1, 2029)
    ceilings = {
        y: draw(st.integers(0, 500)) for y in years if draw(st.booleans())
    }  # minor units (万元)
    return portfolio, actuals, as_of, ceilings


def in_yi(ceilings):
    return {year: value / 10_000 for year, value in ceilings.items()}


@pytest.mark.slow
@given(
    cases(),
    st.sampled_from(["extend", "report"]),
    st.sampled_from(["raise", "report"]),
    st.sampled_from(["uniform", "front"]),
)
def test_conservation_actuals_and_ceilings_on_random_portfolios(
    case, past_window, overrun, profile
):
    portfolio, actuals, as_of, ceilings = case
    result = reforecast(
        portfolio,
        actuals,
        as_of=as_of,
        ceilings=in_yi(ceilings),
        profile=profile,
        past_window=past_window,
        overrun=overrun,
    )
    ids = portfolio.ids
    total = portfolio.frame["total_minor"].to_numpy()
    past_years = [y for y in result.years if y <= as_of]
    actual = actuals.matrix(ids, past_years)
    to_date = actual.sum(axis=1)
    schedule = result.schedule_minor

    # years up to the cut-off are the actuals, exactly
    assert np.array_equal(schedule[past_years].to_numpy(), actual)
    # actual to date + remaining (+ unscheduled) = total, exactly; an overrun leaves nothing
    remaining = schedule[[y for y in result.years if y > as_of]].to_numpy().sum(axis=1)
    unscheduled = result.unscheduled_minor.to_numpy()
    over = to_date > total
    assert np.array_equal((to_date + remaining + unscheduled)[~over], total[~over])
    assert (remaining[over] == 0).all() and (unscheduled[over] == 0).all()
    expected_budget = np.where(over & (overrun == "raise"), to_date, total)
    assert np.array_equal(result.budget_minor.to_numpy(), expected_budget)
    # the forecast lies in each project's remaining window (or the year after the cut-off)
    frame = portfolio.frame
    for k, year in enumerate(result.years):
        if year <= as_of:
            continue
        column = schedule[year].to_numpy()
        start = np.maximum(frame["start_year"].to_numpy(), as_of + 1)
        end = np.where(
            frame["end_year"].to_numpy() <= as_of, as_of + 1, frame["end_year"].to_numpy()
        )
        assert (column[(year < start) | (year > end)] == 0).all()
        assert (column >= 0).all()
    # the remaining years are within their ceilings, or the least extra budget is given
    annual = schedule.sum(axis=0)
    extra = result.extra_budget_minor
    for year, ceiling in ceilings.items():
        assert annual.get(year, 0) <= ceiling + int(extra.get(year, 0))
    sub, _ = remaining_portfolio(
        portfolio, actuals, as_of, past_window=past_window, overrun=overrun
    )
    if sub is None:
        assert result.ok and remaining.sum() == 0
        return
    fits, flow = max_flow_fits(sub, ceilings)
    assert result.ok == fits
    if fits:
        assert int(extra.sum()) == 0
    else:
        assert int(extra.sum()) == sub.plan_minor - flow  # least extra, by max-flow
        assert result.status is Status.INFEASIBLE and result.messages


@pytest.mark.slow
@given(cases())
def test_shift_method_also_conserves_and_keeps_the_past(case):
    portfolio, actuals, as_of, ceilings = case
    result = reforecast(
        portfolio, actuals, as_of=as_of, ceilings=in_yi(ceilings), method="shift", max_delay=1
    )
    past_years = [y for y in result.years if y <= as_of]
    assert np.array_equal(
        result.schedule_minor[past_years].to_numpy(), actuals.matrix(portfolio.ids, past_years)
    )
    if result.status in (Status.OPTIMAL, Status.FEASIBLE, Status.INFEASIBLE):
        placed = result.at_completion_minor.to_numpy()
        assert np.array_equal(
            placed, np.maximum(result.budget_minor.to_numpy(), result.to_date_minor.to_numpy())
        )


# ---------------------------------------------------------------------------------------
# on the bundled data
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("profile", ["uniform", "bell", "front"])
def test_actuals_on_plan_reforecast_the_plan_itself(yuecheng, profile):
    plan_flows = capex.cash_flow(yuecheng, profile).flows_minor
    result = reforecast(yuecheng, spent_to(plan_flows, 2023), as_of=2023, profile=profile)
    assert result.ok
    # with no ceilings the remaining money follows the pending part of the same profile over
    # the rest of each window, so the plan comes back for every project whose plan spread its
    # money by the profile over the whole window; those whose plan split it unevenly at 2025
    # (an after-2025 part, or project 23's unplaceable money that the cash flow put after its
    # window) are re-spread
    again = result.schedule_minor.reindex(columns=plan_flows.columns, fill_value=0)
    differs = sorted(again.index[(again != plan_flows).any(axis=1)])
    split = capex.model.cashflow.plan_split(yuecheng)
    uneven = split.index[(split["after_minor"] > 0) | (split["unplaceable_minor"] > 0)]
    assert set(differs) <= set(uneven) and 23 in differs
    assert (again.loc[:, :2023] == plan_flows.loc[:, :2023]).all().all()
    assert result.to_frame("万元").loc[23].sum() == 30_000
    assert result.years[0] == 2018 and result.years[-1] == 2027


def test_ceilings_bind_the_remaining_years_and_infeasibility_is_priced(yuecheng, plan_flows):
    spent = spent_to(plan_flows, 2024)
    tight = reforecast(yuecheng, spent, as_of=2024, ceilings={2025: 1})
    assert tight.status is Status.INFEASIBLE
    extra = tight.extra_budget_minor
    assert int(extra[2025]) > 0 and int(extra.drop(2025).abs().sum()) == 0
    # exactly the least extra: with it the forecast fits, with one 万元 less it does not
    fit = 1 + int(extra[2025]) / 10_000
    assert reforecast(yuecheng, spent, as_of=2024, ceilings={2025: fit}).ok
    assert not reforecast(yuecheng, spent, as_of=2024, ceilings={2025: fit - 0.0001}).ok
    assert tight.messages[0] == tight.coverage_note  # how time outside the ledger was read
    assert (
        "2025: projects 18-19, 21, 23 must spend 4.1665 亿元 in this year; the ceilings allow 1 亿元"
        in map(str, tight.messages)
    )
    loose = reforecast(yuecheng, spent, as_of=2024, ceilings={2025: 14, 2026: 12})
    assert loose.ok
    annual = loose.annual
    assert annual.loc[2025, "total"] <= 14 and annual.loc[2026, "total"] <= 12
    assert annual.loc[2026, "binding"]  # pushed out of 2025 into 2026 up to its ceiling


def test_past_ceilings_are_shown_against_the_actuals(yuecheng, plan_flows):
    result = reforecast(
        yuecheng, spent_to(plan_flows, 2023), as_of=2023, ceilings={2021: 11, 2024: 12, 2025: 12}
    )
    assert result.ceilings_minor[2021] == 110_000
    assert any(str(m).startswith("2021: the actuals") for m in result.messages)
    assert result.extra_budget_minor[2021] == 0  # the past is not re-planned


def test_window_already_past_policies(yuecheng, plan_flows):
    # project 5 (window 2019-2021) spent 0.1 亿元 less than planned in 2021
    flows = plan_flows.copy()
    flows.loc[5, 2021] -= 1_000
    spent = spent_to(flows, 2023)
    extended = reforecast(yuecheng, spent, as_of=2023)
    assert extended.schedule_minor.loc[5, 2024] == 1_000
    assert extended.actions.set_index("id").loc[5, "action"] == "window_extended"
    assert any("extended to 2024" in m for m in extended.messages)
    reported = reforecast(yuecheng, spent, as_of=2023, past_window="report")
    assert reported.schedule_minor.loc[5, 2024:].sum() == 0
    assert reported.unscheduled_minor[5] == 1_000
    assert reported.at_completion_minor[5] == yuecheng.frame.loc[5, "total_minor"]
    assert "left unscheduled" in reported.actions.set_index("id").loc[5, "detail"]


def test_overrun_policies(yuecheng, plan_flows):
    flows = plan_flows.copy()
    flows.loc[1, 2021] += 2_000  # project 1 overran its 1.5 亿元 by 0.2 亿元
    spent = spent_to(flows, 2023)
    reported = reforecast(yuecheng, spent, as_of=2023)
    assert reported.budget_minor[1] == 15_000
    assert reported.projects("万元").loc[1, "variance_at_completion"] == -2_000
    assert reported.actions.set_index("id").loc[1, "action"] == "overrun_reported"
    raised = reforecast(yuecheng, spent, as_of=2023, overrun="raise")
    assert raised.budget_minor[1] == 17_000
    assert "budget raised by 0.2 亿元" in raised.actions.set_index("id").loc[1, "detail"]
    assert not (raised.findings["rule"] == "above_total").any()  # an action, not said twice


def test_actuals_kept_to_the_yuan_forecast_in_yuan(yuecheng, plan_flows):
    flows = plan_flows.loc[:, :2023] * 10_000
    flows.loc[12, 2023] += 1  # one 元 more
    spent = Actuals.from_frame(flows, money=YUAN)
    result = reforecast(yuecheng, spent, as_of=2023)
    assert result.money.unit == "元"
    total = yuecheng.frame.loc[12, "total_minor"] * 10_000
    assert result.to_frame().loc[12].sum() == total
    assert result.to_frame().loc[12, 2024:].sum() == total - flows.loc[12].sum()
    assert result.to_frame(unit="万元").loc[12, 2023] == pytest.approx(flows.loc[12, 2023] / 10_000)


def test_actuals_after_the_cut_off_are_left_out_and_said(yuecheng, plan_flows):
    result = reforecast(yuecheng, spent_to(plan_flows, 2025), as_of=2023)
    assert any("after the cut-off 2023" in m for m in result.messages)
    assert result.to_date_minor.sum() == plan_flows.loc[:, :2023].to_numpy().sum()


def test_everything_spent_leaves_nothing_to_forecast(tiny):
    flows = capex.cash_flow(tiny).flows_minor
    result = reforecast(tiny, Actuals.from_frame(flows, money=tiny.money))
    assert result.as_of == flows.columns[-1]  # the last year the ledger covers
    assert result.ok and result.remaining_minor.sum() == 0
    assert result.to_date_minor.sum() == tiny.total_minor


def test_shift_defers_new_starts_only(yuecheng, plan_flows):
    spent = spent_to(plan_flows, 2024)
    result = reforecast(
        yuecheng, spent, as_of=2024, method="shift", ceilings={2025: 11, 2026: 12}, max_delay=2
    )
    assert result.forecast_method == "shift"
    moved = result.delays[result.delays > 0]
    assert len(moved) and (yuecheng.frame.loc[moved.index, "start_year"] > 2024).all()
    assert result.at_completion_minor.equals(result.budget_minor.rename("at_completion"))


def test_reports_read_well(yuecheng, plan_flows):
    result = reforecast(yuecheng, spent_to(plan_flows, 2023), as_of=2023, ceilings={2024: 12})
    text = result.summary()
    assert text.startswith("Re-forecast as of 2023 (spread)")
    assert "estimate to complete" in text
    assert "截至2023年的滚动预测" in result.summary(lang="zh")
    assert "as of 2023" in repr(result)
    assert "<pre>" in result._repr_html_()
    projects = result.projects("亿元", lang="zh")
    assert "预计完成投资" in projects.columns
    assert result.to_frame(unit="万元").attrs["unit"] == "万元"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "guess"}, "unknown method"),
        ({"past_window": "ignore"}, "unknown past_window"),
        ({"overrun": "hide"}, "unknown overrun"),
        ({"lang": "fr"}, "unknown language"),
    ],
)
def test_bad_arguments(yuecheng, plan_flows, kwargs, message):
    with pytest.raises(CapexError, match=message):
        reforecast(yuecheng, spent_to(plan_flows, 2023), **kwargs)


def test_unknown_project_in_actuals_is_an_error(yuecheng):
    spent = Actuals.from_arrays([99], [2021], [1], money=WAN)
    with pytest.raises(DataError, match="99"):
        reforecast(yuecheng, spent)


def test_inputs_are_left_alone(yuecheng, plan_flows):
    spent = spent_to(plan_flows, 2023)
    before = spent.frame.copy()
    frame_before = yuecheng.frame
    reforecast(yuecheng, spent, as_of=2023, ceilings={2024: 8})
    pd.testing.assert_frame_equal(spent.frame, before)
    pd.testing.assert_frame_equal(yuecheng.frame, frame_before)


def test_many_actions_are_counted_in_the_messages_and_all_kept():
    portfolio = capex.solvers.synthetic.random_portfolio(300, seed=1)
    flows = capex.cash_flow(portfolio).flows_minor.loc[:, :2023]
    spent = Actuals.from_frame(flows * 2, money=portfolio.money)  # every started one overruns
    result = reforecast(portfolio, spent, as_of=2023)
    over = int((spent.to_date(portfolio.ids, 2023) > portfolio.frame["total_minor"]).sum())
    assert over > 20
    actions = result.actions
    assert len(actions) == over and (actions["action"] == "overrun_reported").all()
    assert actions["detail"].str.startswith("overrun of").all()
    listed = [str(m) for m in result.messages if str(m).startswith("#")]
    assert len(listed) == 20
    assert any(
        str(m).startswith(f"... and {over - 20:,} more overrun reported") for m in result.messages
    )


def test_budget_lines_bind_the_forecast_and_show_the_past(yuecheng, plan_flows):
    government = yuecheng.frame["government_investment"].to_numpy()
    lines = [
        capex.BudgetLine(
            "government", {2021: 8, 2024: 6, 2025: 6}, {"government_investment": True}
        ),
        capex.BudgetLine(
            "other", {2024: 10_000, 2025: 10_000}, {"government_investment": False}, unit="万元"
        ),
    ]
    result = reforecast(yuecheng, spent_to(plan_flows, 2023), as_of=2023, ceilings=lines)
    assert result.ok
    drawn = result.line_totals_minor
    past = plan_flows.loc[:, 2018:2023].to_numpy()
    assert drawn.loc["government", 2018:2023].tolist() == past[government].sum(axis=0).tolist()
    assert drawn.loc["other", 2018:2023].tolist() == past[~government].sum(axis=0).tolist()
    assert (drawn.loc["government", [2024, 2025]] <= 60_000).all()
    assert (drawn.loc["other", [2024, 2025]] <= 10_000).all()
    ceilings = result.line_ceilings_minor
    assert ceilings.loc["government", 2021] == 80_000  # shown against the actuals, not re-planned
    assert ceilings.loc["other", 2024] == 10_000  # the line's own unit, 万元
    schedule = result.schedule_minor
    assert schedule.loc[government, 2024].sum() <= 60_000


def test_a_reforecast_compares_with_the_plan_over_the_whole_window(yuecheng, plan_flows):
    # the re-forecast's schedule holds every year (actuals, then forecast), so it lines up
    # with a spread's full window and both total the whole portfolio
    plan = capex.spread(yuecheng, {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9})
    forecast = capex.reforecast(yuecheng, spent_to(plan_flows, 2023), as_of=2023)
    comparison = capex.compare(plan, forecast, labels=["plan", "forecast"])
    totals = comparison.summary_minor["total_minor"]
    assert totals.tolist() == [yuecheng.total_minor, yuecheng.total_minor]


# ---------------------------------------------------------------------------------------
# the ledger's coverage
# ---------------------------------------------------------------------------------------
def test_the_cut_off_is_the_last_year_the_ledger_covers(yuecheng, plan_flows):
    ledger = Actuals.from_frame(plan_flows.loc[:, 2021:2023], money=WAN)
    result = reforecast(yuecheng, ledger, ceilings={2024: 12, 2025: 12})
    assert result.as_of == 2023
    # the years before the ledger are taken as planned: no project "still owes" its 2018-2020
    planned = plan_flows.loc[:, :2023].sum(axis=1)
    assert result.to_date_minor.tolist() == planned.tolist()
    assert "before 2021: 6.01 亿元 planned on 8 project(s)" in result.summary()
    with pytest.raises(CapexError, match="stops before the cut-off 2024: it has no 2024"):
        reforecast(yuecheng, ledger, as_of=2024)
    # a ledger that says it covers 2024, with nothing spent in it, may be cut there
    stated = ledger.with_coverage((2021, 2024))
    assert reforecast(yuecheng, stated, as_of=2024, ceilings={2025: 20}).as_of == 2024


def test_before_zero_and_refuse(yuecheng, plan_flows):
    ledger = Actuals.from_frame(plan_flows.loc[:, 2021:2023], money=WAN)
    zero = reforecast(yuecheng, ledger, before="zero", ceilings={2024: 30, 2025: 30})
    assert zero.to_date_minor.tolist() == plan_flows.loc[:, 2021:2023].sum(axis=1).tolist()
    assert "counted as nothing spent (before='zero')" in zero.summary()
    with pytest.raises(CapexError, match=r"before='refuse'.*8 project\(s\)"):
        reforecast(yuecheng, ledger, before="refuse")
    with pytest.raises(CapexError, match="unknown before policy"):
        reforecast(yuecheng, ledger, before="never")
