"""simulate: known answers, the P80 promise on fresh draws, reproducibility, clear refusals."""

from __future__ import annotations

import concurrent.futures as cf
import functools
import math

import numpy as np
import pandas as pd
import pytest

import capex
from capex.risk.distributions import Discrete, Triangular, Uniform

COST = Triangular(-0.05, 0.05, 0.40)
DELAY = Discrete({0: 0.6, 1: 0.3, 2: 0.1})
INDEX = Triangular(0.0, 0.03, 0.10)
CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}


def one_project(total_yi: str = "300") -> capex.Portfolio:
    """One project, 2021-2023, all of it in the plan: 100 亿元 a year under a uniform profile."""
    frame = pd.DataFrame(
        {
            "id": [1],
            "name": ["甲"],
            "start_year": [2021],
            "end_year": [2023],
            "total_investment": [total_yi],
            "plan_investment": [total_yi],
        }
    )
    return capex.load_projects(frame, plan_period=(2021, 2023))


# -- known answers -----------------------------------------------------------------------------
def test_one_project_with_a_uniform_cost_change_has_the_analytic_quantiles():
    low, high, n = -0.10, 0.30, 10_000
    risk = capex.simulate(one_project(), draws=n, cost=Uniform(low, high), seed=5)
    year = 1_000_000  # 万元 planned in each year
    quantiles = risk.annual_quantiles.loc[2021:2023] * 10_000
    for label, q in capex.risk.QUANTILES.items():
        expected = year * (1 + low + q * (high - low))
        # the standard error of a sample quantile of a uniform: range x sqrt(q (1 - q) / n)
        error = year * (high - low) * math.sqrt(q * (1 - q) / n)
        assert (quantiles[label] - expected).abs().max() < 4 * error + 2, label
    total = risk.total_quantiles * 10_000
    for label, q in capex.risk.QUANTILES.items():
        expected = 3 * year * (1 + low + q * (high - low))
        assert (
            abs(total[label] - expected)
            < 4 * 3 * year * (high - low) * math.sqrt(q * (1 - q) / n) + 2
        )


def test_one_project_breach_probability_and_reserve_are_the_analytic_ones():
    low, high, n = -0.10, 0.30, 10_000
    ceiling = 1.05  # 100 亿元 planned a year: over the ceiling when the change is above 5 %
    risk = capex.simulate(
        one_project(), {2021: 105, 2022: 105, 2023: 105}, n, cost=Uniform(low, high), seed=6
    )
    chance = (high - (ceiling - 1)) / (high - low)  # 0.625
    assert (risk.breach_probability - chance).abs().max() < 4 * math.sqrt(chance * (1 - chance) / n)
    # the reserve is the P80 of the overrun: 100 x (low + 0.8 (high - low)) - 5 = 17 亿元
    assert (risk.reserve - 17.0).abs().max() < 4 * 100 * (high - low) * math.sqrt(0.16 / n) + 1e-4


@pytest.mark.slow
def test_a_ceiling_at_each_years_p80_is_breached_in_a_fifth_of_fresh_draws(yuecheng):
    uncertainty = {"cost": COST, "delay": DELAY, "price_index": INDEX}
    risk = capex.simulate(yuecheng, draws=10_000, seed=0, **uncertainty)
    p80 = risk.annual_quantiles["P80"].loc[2021:2025]
    ceilings = {int(year): float(value) for year, value in p80.items()}
    fresh = capex.simulate(yuecheng, ceilings, draws=10_000, seed=1, **uncertainty)
    assert list(fresh.breach_probability.index) == [2021, 2022, 2023, 2024, 2025]
    assert ((fresh.breach_probability - 0.20).abs() <= 0.02).all(), fresh.breach_probability
    # on its own draws, a P80 is reached or exceeded in at most a fifth of them
    same = capex.simulate(yuecheng, ceilings, draws=10_000, seed=0, **uncertainty)
    assert (same.breach_probability <= 0.20).all() and (same.reserve == 0).all()


def test_the_reserve_makes_each_year_p80_safe(yuecheng):
    risk = capex.simulate(yuecheng, CEILINGS, draws=4_000, cost=COST, delay=DELAY, seed=2)
    assert (risk.reserve > 0).any()
    raised = {year: CEILINGS[year] + float(risk.reserve[year]) for year in CEILINGS}
    again = capex.simulate(yuecheng, raised, draws=4_000, cost=COST, delay=DELAY, seed=2)
    assert (again.breach_probability <= 0.20).all() and (again.reserve == 0).all()


def test_a_common_price_index_widens_the_total_that_independent_draws_understate(yuecheng):
    independent = capex.simulate(yuecheng, draws=5_000, cost=COST, seed=3)
    common = capex.simulate(yuecheng, draws=5_000, price_index=COST, seed=3)
    # each project's cost change has the same distribution; only the correlation differs
    planned = independent.drivers["planned"].sum()
    assert common.drivers["planned"].sum() == planned
    assert common.total_quantiles["P80"] > independent.total_quantiles["P80"]
    assert common.total_quantiles["P95"] - common.total_quantiles["P10"] > 3 * (
        independent.total_quantiles["P95"] - independent.total_quantiles["P10"]
    )


def test_without_ceilings_years_are_measured_against_the_plans_own_totals(yuecheng):
    risk = capex.simulate(yuecheng, draws=2_000, cost=COST, seed=4)
    planned = capex.cash_flow(yuecheng).flows_minor.sum(axis=0)
    assert list(risk.budget_minor.index) == yuecheng.plan_years
    assert risk.budget_minor.tolist() == planned.loc[2021:2025].tolist()
    assert risk.planned_minor.loc[2018:2027].tolist() == planned.tolist()


def test_past_years_do_not_change_and_every_unit_is_spent(yuecheng):
    risk = capex.simulate(yuecheng, draws=3_000, cost=COST, delay=DELAY, seed=8)
    draws = risk.annual_draws_minor
    planned = risk.planned_minor
    for year in (2018, 2019, 2020):  # before the plan: spent, not drawn
        assert (draws[year] == planned[year]).all()
    # the drivers' mean plan-period spending adds up to the mean plan-period total
    plan = draws.loc[:, 2021:2025].sum(axis=1).mean() / 10_000
    assert risk.drivers["mean"].sum() == pytest.approx(plan)
    assert risk.drivers["variance_share"].sum() == pytest.approx(1.0)
    assert risk.drivers["variance_share"].is_monotonic_decreasing


# -- reproducible ------------------------------------------------------------------------------
def test_the_same_seed_gives_the_same_draws_and_more_draws_extend_them(yuecheng):
    first = capex.simulate(yuecheng, draws=1_500, cost=COST, delay=DELAY, seed=9)
    again = capex.simulate(yuecheng, draws=1_500, cost=COST, delay=DELAY, seed=9)
    longer = capex.simulate(yuecheng, draws=3_000, cost=COST, delay=DELAY, seed=9)
    other = capex.simulate(yuecheng, draws=1_500, cost=COST, delay=DELAY, seed=10)
    assert first.annual_draws_minor.equals(again.annual_draws_minor)
    assert first.annual_draws_minor.equals(longer.annual_draws_minor.iloc[:1_500])
    assert not first.annual_draws_minor.equals(other.annual_draws_minor)


def test_spread_draws_are_the_same_on_any_executor_and_batching(yuecheng):
    kwargs = {"draws": 24, "cost": COST, "delay": DELAY, "method": "spread", "seed": 11}
    here = capex.simulate(yuecheng, CEILINGS, workers=1, **kwargs)
    with cf.ThreadPoolExecutor(3) as pool:
        threads = capex.simulate(yuecheng, CEILINGS, executor=pool, batch_size=5, **kwargs)
    assert here.annual_draws_minor.equals(threads.annual_draws_minor)
    assert here.drivers.equals(threads.drivers)
    assert here.statuses.sort_index().equals(threads.statuses.sort_index())
    # the spread re-plans the same draws the cash flow method sees
    cash = capex.simulate(yuecheng, CEILINGS, **{**kwargs, "method": "cashflow"})
    assert here.annual_draws_minor.sum(axis=1).equals(cash.annual_draws_minor.sum(axis=1))


def test_spread_draws_keep_to_the_ceilings_unless_none_fits(yuecheng):
    risk = capex.simulate(
        yuecheng, CEILINGS, draws=20, cost=COST, delay=DELAY, method="spread", workers=1
    )
    over = risk.extra_budget_draws_minor > 0
    assert set(risk.statuses.index) <= {"optimal", "infeasible"}
    # a draw goes over a ceiling only when its spread is infeasible
    assert over.any(axis=1).sum() <= risk.statuses.get("infeasible", 0)


def test_shift_draws_run(yuecheng):
    risk = capex.simulate(
        yuecheng,
        {2023: 12.0, 2024: 12.0, 2025: 12.0},
        draws=3,
        cost=COST,
        method="shift",
        workers=1,
        max_delay=2,
        time_limit=30,
    )
    assert risk.method == "shift" and risk.evaluated == 3
    assert "shift" in risk.summary()


# -- refusals ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ({}, "state what is uncertain"),
        ({"cost": COST, "method": "monte"}, "unknown method 'monte'"),
        ({"cost": COST, "draws": 0}, "draws must be a whole number from 1 to"),
        ({"cost": COST, "draws": 1.5}, "draws must be a whole number"),
        ({"cost": COST, "max_delay": 2}, "method 'cashflow' takes no option 'max_delay'"),
        ({"cost": COST, "method": "spread", "max_delay": 2}, "takes no option 'max_delay'"),
        ({"cost": COST, "ceilings": "ten"}, "ceilings must be None, a number"),
        ({"cost": COST, "ceilings": {2021: -1}}, "cannot be negative"),
        (
            {
                "cost": COST,
                "ceilings": [capex.BudgetLine("gov", {2021: 5}, "government_investment=yes")],
            },
            "ceilings of the whole plan",
        ),
        ({"cost": Triangular(0, 0.1, 0.2), "delay": COST}, "Discrete distribution"),
        ({"cost": "triangular(0.3, 0.1, 0.2)"}, "above the mode"),
        ({"delay": {1: DELAY}}, "started before the plan period"),
    ],
)
def test_bad_requests_are_refused_clearly(yuecheng, arguments, words):
    arguments = {"draws": 10, **arguments}
    with pytest.raises(capex.CapexError) as caught:
        capex.simulate(yuecheng, **arguments)
    assert words in str(caught.value)


def test_when_every_draw_fails_it_says_why(yuecheng, monkeypatch):
    @functools.wraps(capex.solvers.spread.spread)  # the options it takes stay readable
    def broken(*args, **kwargs):
        raise RuntimeError("no solver today")

    monkeypatch.setattr(capex.solvers.spread, "spread", broken)
    # a secondary aim (even none) makes each draw a capex.spread call of its own
    with pytest.raises(capex.CapexError, match="every draw failed; the first: RuntimeError"):
        capex.simulate(yuecheng, draws=3, cost=COST, method="spread", workers=1, secondary=None)


def test_failed_draws_are_reported_and_left_out(yuecheng, monkeypatch):
    real = capex.solvers.spread.spread
    calls = []

    @functools.wraps(real)
    def every_third(*args, **kwargs):
        calls.append(1)
        if len(calls) % 3 == 0:
            raise RuntimeError("solver fell over")
        return real(*args, **kwargs)

    monkeypatch.setattr(capex.solvers.spread, "spread", every_third)
    risk = capex.simulate(yuecheng, draws=9, cost=COST, method="spread", workers=1, secondary=None)
    assert risk.evaluated == 6 and risk.failures["draw"].tolist() == [2, 5, 8]
    assert risk.statuses["failed"] == 3
    assert "3 draw(s) failed and are left out" in risk.summary()
    assert np.array_equal(risk.annual_draws_minor.index, [0, 1, 3, 4, 6, 7])
