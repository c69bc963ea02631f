"""From draws to spending: exact integer scaling, delays that move whole rows, one solve per draw."""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import capex
from capex.model.budget import BudgetLine
from capex.risk.distributions import Discrete, Triangular
from capex.risk.evaluate import (
    BaseFlows,
    DrawnCashFlows,
    drawn_amounts,
    drawn_portfolio,
    evaluate,
    scale_flows,
    spend_by_year,
)
from capex.risk.uncertainty import Uncertainty

PLAN = (2021, 2023)
CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}
YEARS = np.arange(2019, 2026)  # two years before the plan, the plan, two after


def base_of(flows: np.ndarray) -> BaseFlows:
    return BaseFlows(YEARS, np.asarray(flows, dtype=np.int64), PLAN)


@given(
    flows=hnp.arrays(np.int64, (4, len(YEARS)), elements=st.integers(0, 10**7)),
    factors=hnp.arrays(np.float64, (3, 4), elements=st.floats(0.05, 5.0)),
)
def test_scaling_is_exact_and_keeps_money_where_it_was_planned(flows, factors):
    base = base_of(flows)
    scaled = scale_flows(base, factors)
    assert scaled.dtype == np.int64 and (scaled >= 0).all()
    # the years before the plan are spent: they stay as planned
    assert (scaled[:, :, :2] == flows[None, :, :2]).all()
    # from the plan on, each row is its planned money times the factor, rounded half up
    rest = flows[:, 2:].sum(axis=1)
    assert (scaled[:, :, 2:].sum(axis=2) == np.floor(rest[None, :] * factors + 0.5)).all()
    # no money appears in a year that had none
    assert (scaled[:, flows == 0] == 0).all()
    # and each amount is within one unit of its share of the drawn total
    drawn = scaled[:, :, 2:].sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(rest[:, None] > 0, flows[:, 2:] / rest[:, None], 0.0)
    assert (np.abs(scaled[:, :, 2:] - drawn[:, :, None] * share[None]) < 1 + 1e-6).all()


def test_a_factor_of_one_changes_nothing(yuecheng):
    base = BaseFlows.of(yuecheng)
    assert (scale_flows(base, np.ones((3, len(yuecheng))))[1] == base.flows).all()


def test_scaling_by_hand():
    # 2021-2023: 3, 3, 4 (10 in all) times 1.25 = 12.5 -> 13 (half up), split 3.75, 3.75, 5:
    # floors 3, 3, 5 = 11; the two units left go to the largest remainders, the earlier first
    flows = np.array([[0, 2, 3, 3, 4, 0, 0]])
    scaled = scale_flows(base_of(flows), np.array([[1.25]]))
    assert scaled[0, 0].tolist() == [0, 2, 4, 4, 5, 0, 0]


def test_delays_move_whole_rows_and_keep_every_unit():
    flows = np.array([[[0, 0, 5, 5, 0, 0, 0], [1, 0, 0, 2, 2, 2, 0]]])  # one draw, two projects
    annual, plan_spend = spend_by_year(base_of(flows[0]), flows, np.array([[2, 0]]), span=2)
    # project 1 moves 2021-2022 -> 2023-2024; project 2 stays
    assert annual[0].tolist() == [1, 0, 0, 2, 7, 7, 0, 0, 0]
    assert annual.sum() == flows.sum()
    # in 2021-2023: project 1 spends 5 (2023), project 2 spends 2 (2022) + 2 (2023)
    assert plan_spend[0].tolist() == [5, 4]


def test_a_delay_beyond_the_span_is_refused():
    flows = np.zeros((1, 1, len(YEARS)), dtype=np.int64)
    with pytest.raises(capex.CapexError, match="outside 0..1"):
        spend_by_year(base_of(flows[0]), flows, np.array([[2]]), span=1)


def test_the_drawn_portfolio_has_the_moved_window_and_the_drawn_amounts(yuecheng):
    base = BaseFlows.of(yuecheng)
    delays = np.zeros(len(yuecheng), dtype=np.int64)
    position = list(yuecheng.ids).index(27)  # 2024-2026, 0.2 of 3 亿元 in the plan
    delays[position] = 1
    factors = np.ones((1, len(yuecheng)))
    factors[0, position] = 1.5
    row = scale_flows(base, factors)[0]
    drawn = drawn_portfolio(yuecheng, base, row, delays).frame.loc[27]
    assert (drawn["start_year"], drawn["end_year"]) == (2025, 2027)
    assert drawn["total_minor"] == 45_000
    # moved a year, 2025 holds what 2024 held: the drawn 2024 amount
    assert drawn["plan_minor"] == row[position, list(base.years).index(2024)]
    assert yuecheng.frame.loc[27, "start_year"] == 2024  # the base is not changed


@pytest.fixture(scope="module")
def draws(yuecheng):
    uncertainty = Uncertainty(Triangular(-0.05, 0.05, 0.40), Discrete({0: 0.6, 1: 0.3, 2: 0.1}))
    return uncertainty.resolve(yuecheng).draw(0, 0, 12)


def test_a_spread_draw_is_the_spread_of_the_drawn_portfolio(yuecheng, draws):
    sample = draws
    base = BaseFlows.of(yuecheng)
    ceilings = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}
    outcome = evaluate(yuecheng, base, sample, 2, "spread", ceilings, {"profile": "uniform"})
    flows = scale_flows(base, sample.factors)
    years = list(range(outcome.first_year, outcome.first_year + outcome.annual.shape[1]))
    for i in (0, 5, 11):
        drawn = drawn_portfolio(yuecheng, base, flows[i], sample.delays[i])
        plan = capex.spread(drawn, ceilings)
        totals = pd.Series(outcome.annual[i], index=years)
        assert totals.loc[2021:2025].tolist() == plan.schedule_minor.sum(axis=0).tolist()
        assert outcome.status[i] == str(plan.status)
        # years outside the plan are the drawn cash flow's
        cash, _ = spend_by_year(base, flows[i : i + 1], sample.delays[i : i + 1], 2)
        outside = [k for k, y in enumerate(years) if not 2021 <= y <= 2025]
        assert (outcome.annual[i, outside] == cash[0, outside]).all()
        assert outcome.plan_spend[i].sum() == totals.loc[2021:2025].sum()


LINES = {
    "the README's ceilings": {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9},
    "too tight to fit": {2021: 8, 2022: 8, 2023: 8, 2024: 8, 2025: 8},
    "nested lines": [
        BudgetLine("all", {2021: 11, 2023: 10, 2025: 9}),
        BudgetLine("government", {2022: 9.5, 2024: 9}, {"government_investment": True}),
    ],
    "overlapping lines": [
        BudgetLine("east lake", {2021: 0.6, 2022: 0.8}, {"street": "东湖街道"}),
        BudgetLine("government", {2021: 10.0, 2025: 8.5}, {"government_investment": True}),
    ],
    "a line on a drawn column": [BudgetLine("late", {2024: 3.0}, {"start_year": 2024})],
    "no ceiling": None,
}


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["uniform", "bell"])
@pytest.mark.parametrize("name", list(LINES))
def test_batched_spread_draws_are_each_draws_own_spread(
    yuecheng, draws, name, profile, monkeypatch
):
    # the draws are spread together where the plan is the min-cost flow's; each must be
    # exactly the plan capex.spread makes of that draw alone
    ceilings = LINES[name]
    base = BaseFlows.of(yuecheng)
    real, alone_calls = capex.solvers.spread.spread, []

    def counted(*args, **kwargs):
        alone_calls.append(1)
        return real(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(capex.solvers.spread, "spread", counted)
        outcome = evaluate(yuecheng, base, draws, 2, "spread", ceilings, {"profile": profile})
    batched = name not in ("overlapping lines", "a line on a drawn column")
    assert (not alone_calls) == batched
    alone = evaluate(
        yuecheng, base, draws, 2, "spread", ceilings, {"profile": profile, "secondary": None}
    )
    assert (outcome.annual == alone.annual).all()
    assert (outcome.plan_spend == alone.plan_spend).all()
    assert list(outcome.status) == list(alone.status)
    flows = scale_flows(base, draws.factors)
    for i in (0, 7):  # and against capex.spread called by hand
        drawn = drawn_portfolio(yuecheng, base, flows[i], draws.delays[i])
        plan = capex.spread(drawn, ceilings, profile)
        first = 2021 - outcome.first_year
        assert outcome.annual[i, first : first + 5].tolist() == plan.schedule_minor.sum().tolist()
        assert outcome.status[i] == str(plan.status)
    if name == "too tight to fit":
        assert set(outcome.status) == {"infeasible"}


def test_cash_flow_and_spread_draws_spend_the_same_money(yuecheng, draws):
    sample = draws
    base = BaseFlows.of(yuecheng)
    cash = evaluate(yuecheng, base, sample, 2, "cashflow")
    spread = evaluate(yuecheng, base, sample, 2, "spread", None, {"profile": "uniform"})
    assert (cash.annual.sum(axis=1) == spread.annual.sum(axis=1)).all()
    assert (cash.plan_spend == spread.plan_spend).all()  # the spread moves money within years


def test_a_shift_draw_defers_under_the_ceilings(yuecheng, draws):
    sample = draws
    base = BaseFlows.of(yuecheng)
    few = type(sample)(0, sample.cost_change[:3], sample.index_change[:3], sample.delays[:3])
    ceilings = {2023: 11.0, 2024: 11.0, 2025: 11.0}
    options = {"profile": "uniform", "max_delay": 2, "time_limit": 30}
    outcome = evaluate(yuecheng, base, few, 2, "shift", ceilings, options)
    totals = scale_flows(base, few.factors).sum(axis=(1, 2))
    assert (outcome.annual.sum(axis=1) == totals).all()  # every unit of every draw is spent
    assert set(outcome.status) <= {"optimal", "feasible", "infeasible"}


def test_a_failing_draw_is_recorded_and_the_others_kept(yuecheng, draws, monkeypatch):
    sample = draws
    base = BaseFlows.of(yuecheng)
    real = capex.solvers.spread.spread
    calls = []

    def sometimes(portfolio, *args, **kwargs):
        calls.append(1)
        if len(calls) == 4:
            raise RuntimeError("solver fell over")
        return real(portfolio, *args, **kwargs)

    monkeypatch.setattr(capex.solvers.spread, "spread", sometimes)
    # a secondary aim (even none) makes each draw a spread of its own
    outcome = evaluate(yuecheng, base, sample, 2, "spread", None, {"secondary": None})
    assert outcome.errors == ((3, "RuntimeError: solver fell over"),)
    assert outcome.status[3] == "failed" and outcome.ok.sum() == len(sample) - 1
    assert (outcome.annual[3] == 0).all() and outcome.annual[4].sum() > 0


@pytest.mark.parametrize("method", ["cashflow", "spread"])
def test_draws_taken_in_parts_give_the_same_outcome(yuecheng, draws, monkeypatch, method):
    base = BaseFlows.of(yuecheng)
    options = {} if method == "cashflow" else {"profile": "uniform"}
    whole = evaluate(yuecheng, base, draws, 2, method, CEILINGS, options)
    module = importlib.import_module("capex.risk.evaluate")
    monkeypatch.setattr(module, "MAX_CELLS", base.flows.size * 5)  # five draws at a time
    parts = evaluate(yuecheng, base, draws, 2, method, CEILINGS, options)
    assert (parts.first_year, parts.first_draw) == (whole.first_year, whole.first_draw)
    assert np.array_equal(parts.annual, whole.annual)
    assert np.array_equal(parts.plan_spend, whole.plan_spend)
    assert parts.status.tolist() == whole.status.tolist()


def test_a_shift_draw_whose_whole_mip_stops_at_its_proven_bound_is_solved(yuecheng):
    # draw 36 of the benchmark's distributions: HiGHS stops the whole MIP at the bound the
    # LP proved and reports an infinite dual bound, which once failed the draw
    uncertainty = Uncertainty(
        Triangular(-0.05, 0.05, 0.40), Discrete({0: 0.6, 1: 0.3, 2: 0.1}), Triangular(0, 0.03, 0.1)
    )
    sample = uncertainty.resolve(yuecheng).draw(0, 36, 37)
    ceilings = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}
    outcome = evaluate(yuecheng, BaseFlows.of(yuecheng), sample, 2, "shift", ceilings, {})
    assert outcome.errors == ()
    assert outcome.status[0] == "optimal"


@pytest.mark.parametrize("name", ["the README's ceilings", "too tight to fit"])
def test_shift_draws_are_each_draws_own_shift(yuecheng, draws, name, monkeypatch):
    # most draws are read from the solve without a result; each must be exactly what
    # capex.shift makes of that draw alone, and only the sampled draws (and those with no
    # plan, which need the relaxation) go through capex.shift itself
    ceilings = LINES[name]
    base = BaseFlows.of(yuecheng)
    real, full = capex.solvers.shift.shift, []

    def counted(portfolio, *args, **kwargs):
        full.append(1)
        return real(portfolio, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(capex.solvers.shift, "shift", counted)
        outcome = evaluate(yuecheng, base, draws, 2, "shift", ceilings, {"profile": "uniform"})
    flows = scale_flows(base, draws.factors)
    solved = 0
    for i in range(len(draws)):
        drawn = drawn_portfolio(yuecheng, base, flows[i], draws.delays[i])
        plan = capex.shift(drawn, ceilings)
        solved += plan.ok
        schedule = plan.schedule_minor
        years = list(range(outcome.first_year, outcome.first_year + outcome.annual.shape[1]))
        annual = pd.Series(outcome.annual[i], index=years)
        assert annual.loc[schedule.columns].tolist() == schedule.sum(axis=0).tolist()
        assert annual.drop(schedule.columns).eq(0).all()
        spent = schedule.loc[:, 2021:2025].sum(axis=1).to_numpy()
        assert outcome.plan_spend[i].tolist() == spent.tolist()
        assert outcome.status[i] == str(plan.status)
    assert len(full) == len(draws) - solved + (solved > 0)  # draw 0 is a sampled one
    # the tight ceilings leave some draws with no plan, the README's none
    assert (solved < len(draws)) == (name == "too tight to fit")


@pytest.mark.parametrize("unplaceable", ["after", "before"])
@pytest.mark.parametrize("profile", ["uniform", "bell"])
def test_drawn_cash_flows_are_each_drawn_portfolios_cash_flow(
    yuecheng, draws, profile, unplaceable
):
    base = BaseFlows.of(yuecheng)
    flows = scale_flows(base, draws.factors)
    options = {"profile": profile, "unplaceable": unplaceable}
    cash = DrawnCashFlows.of(yuecheng, base, flows, draws.delays, options)
    for i in range(len(draws)):
        drawn = drawn_portfolio(yuecheng, base, flows[i], draws.delays[i])
        expected = capex.cash_flow(drawn, profile, unplaceable).flows_minor
        pd.testing.assert_frame_equal(cash.frame(i), expected)
    # the "raise" policy is each drawn portfolio's own to apply
    assert DrawnCashFlows.of(yuecheng, base, flows, draws.delays, {"unplaceable": "raise"}) is None


def test_drawn_amounts_of_many_draws_are_each_draws_own(yuecheng, draws):
    base = BaseFlows.of(yuecheng)
    flows = scale_flows(base, draws.factors)
    totals, plan = drawn_amounts(base, flows, draws.delays)
    for i in (0, 4, 11):
        drawn = drawn_portfolio(yuecheng, base, flows[i], draws.delays[i])
        assert totals[i].tolist() == drawn.column("total_minor").tolist()
        assert plan[i].tolist() == drawn.column("plan_minor").tolist()
