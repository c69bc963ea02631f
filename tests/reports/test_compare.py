"""Comparison of plans side by side."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import capex
from capex.errors import CapexError


@pytest.fixture(scope="module")
def runs(yuecheng: capex.Portfolio) -> list[capex.results.PlanResult]:
    annual = capex.cash_flow(yuecheng).flows_minor.sum(axis=0)
    ceilings = {year: Decimal(int(annual[year])) / 10_000 for year in yuecheng.plan_years}
    base = capex.Scenario("base").run(yuecheng, ceilings)
    later = capex.Scenario("later", shifts={19: 1, 20: 1}).run(yuecheng, ceilings)
    cut = capex.Scenario("cut", ceiling_scale=0.9, method="shift").run(
        yuecheng, ceilings, time_limit=None
    )
    return [base, later, cut]


def test_annual_totals_side_by_side(runs: list[capex.results.PlanResult]) -> None:
    comparison = capex.compare(runs)
    assert comparison.labels == ("base", "later", "cut")
    for label, result in zip(comparison.labels, runs):
        totals = result.full_window().sum(axis=0)
        for year, value in totals.items():
            assert comparison.annual.at[year, label] == value / 10_000
        assert comparison.plans.at[label, "peak_year"] == int(totals.idxmax())


def test_spend_after_the_plan(runs: list[capex.results.PlanResult]) -> None:
    comparison = capex.compare(*runs)
    assert comparison.plan_last == 2025
    for label, result in zip(comparison.labels, runs):
        schedule = result.full_window()
        after = int(schedule[[y for y in schedule.columns if y > 2025]].to_numpy().sum())
        assert comparison.plans.at[label, "after_plan"] == after / 10_000
    # moving two projects a year later commits more money after 2025
    assert comparison.plans.at["later", "after_plan"] > comparison.plans.at["base", "after_plan"]


def test_per_project_shifts_and_changes(runs: list[capex.results.PlanResult]) -> None:
    comparison = capex.compare(*runs)
    projects = comparison.projects
    assert projects.loc[19, ("later", "shift")] == 1 and projects.loc[1, ("later", "shift")] == 0
    cut = runs[2]
    assert (projects[("cut", "shift")] == cut.delays.reindex(projects.index).to_numpy()).all()
    # money moved equals the sum of the positive year changes, 亿元
    moves = comparison.moves
    later_19 = moves[(moves["scenario"] == "later") & (moves["id"] == 19)]
    assert (
        projects.loc[19, ("later", "moved")]
        == later_19["change_minor"].clip(lower=0).sum() / 10_000
    )
    assert np.allclose(projects[("base", "moved")], 0)


def test_newly_binding_ceilings(runs: list[capex.results.PlanResult]) -> None:
    comparison = capex.compare(*runs)
    # the base ceilings are the plan's own annual totals: every plan year binds
    assert comparison.plans.at["base", "binding"] == "2021, 2022, 2023, 2024, 2025"
    cut_binding = comparison.plans.at["cut", "binding"]
    assert comparison.plans.at["cut", "newly_binding"] == ", ".join(
        b
        for b in cut_binding.split(", ")
        if b and b not in comparison.plans.at["base", "binding"].split(", ")
    )


def test_labels_and_errors(runs: list[capex.results.PlanResult]) -> None:
    comparison = capex.compare(runs[0], runs[0], labels=["a", "a"])
    assert comparison.labels == ("a", "a (2)")
    assert comparison.moves.empty
    with pytest.raises(CapexError):
        capex.compare(runs[0], "not a result")
    with pytest.raises(CapexError):
        capex.compare(runs, base=5)
    with pytest.raises(CapexError):
        capex.compare(runs, labels=["one"])


def test_each_results_ceilings_side_by_side(runs: list[capex.results.PlanResult]) -> None:
    comparison = capex.compare(runs)
    ceilings = comparison.ceilings
    assert list(ceilings.columns) == list(comparison.labels)
    assert list(ceilings.index) == list(comparison.annual.index)
    for label, result in zip(comparison.labels, runs):
        own = {int(y): int(v) for y, v in result.ceilings_minor.items()}
        for year in ceilings.index:
            value = ceilings.at[year, label]
            assert np.isnan(value) if year not in own else value == own[year] / 10_000, (
                label,
                year,
            )
    # the cut scenario's ceilings are the base's times 0.9, rounded down to the 万元
    for year in (2021, 2025):
        base_minor = round(ceilings.at[year, "base"] * 10_000)
        assert round(ceilings.at[year, "cut"] * 10_000) == base_minor * 9 // 10


def test_plot_draws_the_annual_totals_and_matplotlib_stays_out_of_the_module(
    runs: list[capex.results.PlanResult],
) -> None:
    import ast
    import inspect

    import matplotlib.pyplot as plt

    import capex.reports.compare as module

    comparison = capex.compare(runs)
    ax = comparison.plot()
    try:
        tops = [[patch.get_height() for patch in c.patches] for c in ax.containers]
        assert tops == [list(comparison.annual[label]) for label in comparison.labels]
    finally:
        plt.close(ax.figure)
    # only the plot method imports the plotting code, so comparing plans never loads matplotlib
    tree = ast.parse(inspect.getsource(module))
    top_level = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    names = [alias.name for node in top_level for alias in node.names] + [
        node.module for node in top_level if isinstance(node, ast.ImportFrom) and node.module
    ]
    assert not any("matplotlib" in name or "plotting" in name for name in names)


# -- a spread beside a deferral: the same money over the full window -----------------------
SPREAD_CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}


def _cut(portfolio: capex.Portfolio, share: float = 0.9) -> dict[int, Decimal]:
    """Each plan year capped at ``share`` of its own total in the unmoved cash flow."""
    annual = capex.cash_flow(portfolio).flows_minor.sum(axis=0)
    return {y: Decimal(int(annual[y] * share)) / 10_000 for y in portfolio.plan_years}


@pytest.fixture(scope="module")
def spread_and_shift(
    yuecheng: capex.Portfolio,
) -> tuple[capex.results.PlanResult, capex.results.PlanResult]:
    return (
        capex.spread(yuecheng, SPREAD_CEILINGS),
        capex.shift(yuecheng, _cut(yuecheng), time_limit=None),
    )


def test_a_spread_and_a_deferral_count_the_same_money(
    yuecheng: capex.Portfolio,
    spread_and_shift: tuple[capex.results.PlanResult, capex.results.PlanResult],
) -> None:
    spread, shift = spread_and_shift
    comparison = capex.compare(spread, shift, labels=["spread", "cut"])
    summary = comparison.summary_minor
    # both hold every project's whole investment: 77.8 亿元, not 48.39 against 77.8
    assert summary["total_minor"].tolist() == [yuecheng.total_minor] * 2
    split = capex.model.cashflow.plan_split(yuecheng)
    flows = capex.cash_flow(yuecheng).flows_minor
    assert summary.at["spread", "before_plan_minor"] == split["before_minor"].sum()
    assert summary.at["spread", "in_plan_minor"] == yuecheng.plan_minor
    assert summary.at["spread", "after_plan_minor"] == flows[[2026, 2027]].to_numpy().sum()
    # every project keeps its money: the moves of a project add up to nothing
    moves = comparison.moves
    assert (moves.groupby("id")["change_minor"].sum() == 0).all()


def test_only_real_moves_are_reported(yuecheng: capex.Portfolio) -> None:
    profile = capex.spread(yuecheng)  # no ceiling: every project on its profile
    shift = capex.shift(yuecheng, _cut(yuecheng), time_limit=None)
    moves = capex.compare(profile, shift).moves
    delayed = set(shift.delays[shift.delays != 0].index)
    assert delayed and set(moves["id"]) == delayed


def test_the_comparison_keeps_integers_and_shows_the_unit_asked_for(
    spread_and_shift: tuple[capex.results.PlanResult, capex.results.PlanResult],
) -> None:
    comparison = capex.compare(*spread_and_shift)
    assert (comparison.annual_minor.dtypes == np.int64).all()
    assert comparison.summary_minor["total_minor"].tolist() == [778_000, 778_000]
    assert comparison.plans["total"].tolist() == [77.8, 77.8]
    assert comparison.unit == "亿元" and comparison.annual.attrs["unit"] == "亿元"
    in_wan = capex.compare(*spread_and_shift, unit="万元")
    assert in_wan.annual.to_numpy().tolist() == in_wan.annual_minor.to_numpy().tolist()
    assert in_wan.plans["total"].tolist() == [778_000, 778_000]
    moves = in_wan.moves
    assert (moves["change"] == moves["change_minor"]).all()
    assert comparison.in_unit("万元").plans["after_plan"].tolist() == (
        in_wan.plans["after_plan"].tolist()
    )


def test_a_plan_period_view_is_never_set_beside_a_full_window(
    yuecheng: capex.Portfolio,
    spread_and_shift: tuple[capex.results.PlanResult, capex.results.PlanResult],
) -> None:
    spread, shift = spread_and_shift
    bare = capex.results.PlanResult(
        "optimal", spread.schedule_minor, plan_period=spread.plan_period
    )  # knows only its plan years
    with pytest.raises(CapexError, match="outside the plan period"):
        capex.compare(bare, shift)
    other = capex.results.PlanResult("optimal", spread.schedule_minor, plan_period=(2021, 2026))
    with pytest.raises(CapexError, match="plan period"):
        capex.compare(spread, other)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::UserWarning")
@settings(max_examples=25)
@given(
    n_projects=st.integers(2, 7),
    seed=st.integers(0, 10_000),
    tightness=st.sampled_from([0.5, 0.8, 1.0]),
    scale=st.sampled_from([Decimal("0.6"), Decimal(1)]),  # 0.6: often infeasible
    kinds=st.tuples(
        *[st.sampled_from(["spread", "shift", "scenario spread", "scenario shift"])] * 2
    ),
    moved=st.integers(-1, 2),
)
def test_any_two_results_compare_over_the_whole_portfolio(
    n_projects: int,
    seed: int,
    tightness: float,
    scale: Decimal,
    kinds: tuple[str, str],
    moved: int,
) -> None:
    portfolio = capex.solvers.synthetic.random_portfolio(n_projects, seed=seed)
    binding = capex.solvers.synthetic.binding_ceilings(portfolio, tightness=tightness)
    ceilings = {year: Decimal(str(value)) * scale for year, value in binding.items()}
    first = portfolio.ids[0]

    def run(kind: str) -> capex.results.PlanResult:
        if kind == "spread":
            return capex.spread(portfolio, ceilings)
        if kind == "shift":
            return capex.shift(portfolio, ceilings, max_delay=2, time_limit=None)
        method = kind.split()[1]
        scenario = capex.Scenario(kind, shifts={first: moved}, method=method)
        if method == "shift":
            return scenario.run(portfolio, ceilings, max_delay=1, time_limit=None)
        return scenario.run(portfolio, ceilings)

    comparison = capex.compare([run(kind) for kind in kinds])
    totals = comparison.summary_minor["total_minor"].tolist()
    assert totals == [portfolio.total_minor] * 2
    assert comparison.annual_minor.sum(axis=0).tolist() == totals
