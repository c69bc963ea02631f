"""Synthetic portfolios: shaped like the real projects, deterministic, and ceilings that do what
they say (checked against an independent max flow)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from chinese_errors import check_error

import capex
from capex.model.money import WAN
from capex.solvers import synthetic


def max_flow_fits(portfolio: capex.Portfolio, ceilings: dict[int, float]) -> bool:
    """Whether some spread fits, by a max flow (projects -> their plan years -> sink)."""
    graph = nx.DiGraph()
    frame = portfolio.frame
    first, last = portfolio.plan_period
    need = 0
    for pid, row in frame.iterrows():
        plan = int(row["plan_minor"])
        if plan == 0:
            continue
        need += plan
        graph.add_edge("source", ("p", pid), capacity=plan)
        for year in range(max(row["start_year"], first), min(row["end_year"], last) + 1):
            graph.add_edge(("p", pid), ("y", year), capacity=plan)
    for year in portfolio.plan_years:
        graph.add_edge(("y", year), "sink", capacity=WAN.ceiling_to_minor(ceilings[year]))
    return nx.maximum_flow_value(graph, "source", "sink") == need


def test_same_seed_same_portfolio_and_another_seed_differs():
    a = synthetic.random_portfolio(500, seed=3)
    b = synthetic.random_portfolio(500, seed=3)
    c = synthetic.random_portfolio(500, seed=4)
    pd.testing.assert_frame_equal(a.frame, b.frame)
    assert not a.frame["total_minor"].equals(c.frame["total_minor"])


def test_windows_and_amounts_are_drawn_from_the_real_projects(yuecheng):
    portfolio = synthetic.random_portfolio(5000, seed=0)
    frame = portfolio.frame
    real = yuecheng.frame
    first, last = portfolio.plan_period
    real_windows = set(zip(real["end_year"] - real["start_year"] + 1, real["start_year"] - first))
    windows = set(zip(frame["end_year"] - frame["start_year"] + 1, frame["start_year"] - first))
    assert windows <= real_windows
    assert len(windows) == len(real_windows)  # 5000 draws reach every real window
    assert (frame["total_minor"] % synthetic.AMOUNT_STEP_WAN == 0).all()
    assert (frame["plan_minor"] > 0).all() and (frame["plan_minor"] <= frame["total_minor"]).all()
    inside = (frame["start_year"] >= first) & (frame["end_year"] <= last)
    assert (frame.loc[inside, "plan_minor"] == frame.loc[inside, "total_minor"]).all()
    assert (frame["fixed"] == (frame["start_year"] < first)).all()
    # the median total is near the real median (a log-normal fitted to the real totals)
    ratio = frame["total_minor"].median() / real["total_minor"].median()
    assert 0.7 < ratio < 1.4


def test_the_fast_frame_is_what_loading_would_validate(yuecheng):
    portfolio = synthetic.random_portfolio(300, seed=1)
    loaded = capex.load_projects(
        portfolio.frame, plan_period=portfolio.plan_period, amount_unit="万元"
    )
    pd.testing.assert_frame_equal(portfolio.frame, loaded.frame)
    assert (portfolio.frame.dtypes == yuecheng.frame.dtypes).all()


@pytest.mark.slow
def test_scales_to_a_million_projects():
    portfolio = synthetic.random_portfolio(1_000_000, seed=0)
    assert len(portfolio) == 1_000_000
    assert portfolio.ids.is_unique
    assert portfolio.plan_minor <= portfolio.total_minor


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("n", [5, 40])
def test_hall_condition_agrees_with_max_flow(seed, n):
    portfolio = synthetic.random_portfolio(n, seed=seed)
    floor = synthetic.flat_ceiling_floor_minor(portfolio)
    for level in (floor - 1, floor, floor + 7, int(floor * 0.7)):
        ceilings = {y: level / 10_000 for y in portfolio.plan_years}
        assert synthetic.ceilings_feasible(portfolio, ceilings) == max_flow_fits(
            portfolio, ceilings
        )
    assert max_flow_fits(portfolio, {y: floor / 10_000 for y in portfolio.plan_years})
    assert not max_flow_fits(portfolio, {y: (floor - 1) / 10_000 for y in portfolio.plan_years})


@pytest.mark.parametrize("seed", range(4))
def test_binding_ceilings_fit_and_bind(seed):
    portfolio = synthetic.random_portfolio(60, seed=seed)
    ceilings = synthetic.binding_ceilings(portfolio, tightness=0.9)
    assert set(ceilings) == set(portfolio.plan_years)
    assert max_flow_fits(portfolio, ceilings)
    # binding: the peak year of the even spread is over the ceiling
    assert synthetic.uniform_annual_totals(portfolio).max() > WAN.ceiling_to_minor(ceilings[2021])


@pytest.mark.parametrize("seed", range(4))
def test_infeasible_ceilings_admit_no_spread(seed):
    portfolio = synthetic.random_portfolio(60, seed=seed)
    ceilings = synthetic.infeasible_ceilings(portfolio, shortfall=0.1)
    assert not max_flow_fits(portfolio, ceilings)
    deficits = synthetic.hall_deficits(portfolio, ceilings)
    assert (deficits["deficit_minor"] > 0).all() and len(deficits)


def test_uniform_annual_totals_add_up_to_the_plan():
    portfolio = synthetic.random_portfolio(1000, seed=2)
    assert synthetic.uniform_annual_totals(portfolio).sum() == pytest.approx(portfolio.plan_minor)


@pytest.mark.parametrize(
    "call",
    [
        lambda: synthetic.random_portfolio(0),
        lambda: synthetic.random_portfolio(2.5),
        lambda: synthetic.random_portfolio("many"),
        lambda: synthetic.random_portfolio(10, plan_period=(2025, 2021)),
        lambda: synthetic.binding_ceilings(synthetic.random_portfolio(10), tightness=0),
        lambda: synthetic.infeasible_ceilings(synthetic.random_portfolio(10), shortfall=1.5),
    ],
)
def test_bad_arguments_raise_a_capex_error(call):
    with pytest.raises(capex.CapexError):
        call()


@pytest.mark.parametrize(
    "arrays, problem",
    [
        (
            {
                "start_year": [2022],
                "end_year": [2021],
                "total_minor": [10],
                "plan_minor": [10],
            },
            "end_year",
        ),
        (
            {
                "start_year": [2021],
                "end_year": [2022],
                "total_minor": [10],
                "plan_minor": [11],
            },
            "above total",
        ),
        (
            {
                "start_year": [2030],
                "end_year": [2031],
                "total_minor": [10],
                "plan_minor": [5],
            },
            "outside",
        ),
        (
            {
                "start_year": [2021],
                "end_year": [2022],
                "total_minor": [-1],
                "plan_minor": [0],
            },
            "negative",
        ),
    ],
)
def test_portfolio_from_arrays_rejects_bad_rows(arrays, problem):
    with pytest.raises(capex.DataError, match=problem) as error:
        capex.Portfolio.from_arrays(
            plan_period=(2021, 2025), **{k: np.array(v) for k, v in arrays.items()}
        )
    assert error.value.row == 1


# -- synthetic project banks (capex.select) ---------------------------------------------
def test_a_synthetic_bank_is_reproducible_and_shaped_as_documented():
    bank = synthetic.random_bank(400, seed=3)
    again = synthetic.random_bank(400, seed=3)
    pd.testing.assert_series_equal(bank.places, again.places)
    frame = bank.portfolio.frame
    assert (frame["start_year"] >= 2026).all() and (frame["end_year"] <= 2030).all()
    assert (frame["plan_minor"] == frame["total_minor"]).all()  # all of it in the plan period
    per_class = {"primary": 45, "junior": 50, "kindergarten": 30}
    expected = bank.classes * bank.school_type.map(per_class)
    assert (bank.places == expected).all()
    kindergartens = bank.school_type == "kindergarten"
    assert (bank.classes[kindergartens] % 3 == 0).all()  # one class per age group and grade
    demand = capex.cash_flow(bank.portfolio).flows_minor.sum(axis=0).loc[2026:2030].mean()
    ceiling = set(bank.ceilings.values())
    assert len(ceiling) == 1 and abs(ceiling.pop() * 10_000 - 0.5 * demand) <= 1
    # uncorrelated: the places say nothing of the cost
    assert abs(np.corrcoef(bank.places, frame["total_minor"])[0, 1]) < 0.15


def test_a_bank_needs_sane_arguments():
    with pytest.raises(synthetic.SyntheticError, match="share"):
        synthetic.random_bank(10, share=0)
    with pytest.raises(synthetic.SyntheticError, match="whole number"):
        synthetic.random_bank(0)


def test_a_synthetic_error_reads_in_chinese():
    check_error(
        lambda: synthetic.random_portfolio(0),
        "n_projects must be a whole number of at least 1, not 0",
    )
