"""Comparison of plans side by side."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

import capex
from capex.errors import CapexError


@pytest.fixture(scope="module")
def runs(yuecheng: capex.Portfolio) -> list[capex.PlanResult]:
    annual = capex.cash_flow(yuecheng).flows_minor.sum(axis=0)
    ceilings = {year: Decimal(int(annual[year])) / 10_000 for year in yuecheng.plan_years}
    base = capex.Scenario("base").run(yuecheng, ceilings)
    later = capex.Scenario("later", shifts={19: 1, 20: 1}).run(yuecheng, ceilings)
    cut = capex.Scenario("cut", ceiling_scale=0.9, method="shift").run(yuecheng, ceilings)
    return [base, later, cut]


def test_annual_totals_side_by_side(runs: list[capex.PlanResult]) -> None:
    comparison = capex.compare(runs)
    assert comparison.labels == ("base", "later", "cut")
    for label, result in zip(comparison.labels, runs):
        totals = result.schedule_minor.sum(axis=0)
        for year, value in totals.items():
            assert comparison.annual.at[year, label] == value / 10_000
        assert comparison.summary.at[label, "peak_year"] == int(totals.idxmax())


def test_spend_after_the_plan(runs: list[capex.PlanResult]) -> None:
    comparison = capex.compare(*runs)
    assert comparison.plan_last == 2025
    for label, result in zip(comparison.labels, runs):
        schedule = result.schedule_minor
        after = int(schedule[[y for y in schedule.columns if y > 2025]].to_numpy().sum())
        assert comparison.summary.at[label, "after_plan"] == after / 10_000
    # moving two projects a year later commits more money after 2025
    assert (
        comparison.summary.at["later", "after_plan"] > comparison.summary.at["base", "after_plan"]
    )


def test_per_project_shifts_and_changes(runs: list[capex.PlanResult]) -> None:
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


def test_newly_binding_ceilings(runs: list[capex.PlanResult]) -> None:
    comparison = capex.compare(*runs)
    # the base ceilings are the plan's own annual totals: every plan year binds
    assert comparison.summary.at["base", "binding"] == "2021, 2022, 2023, 2024, 2025"
    cut_binding = comparison.summary.at["cut", "binding"]
    assert comparison.summary.at["cut", "newly_binding"] == ", ".join(
        b
        for b in cut_binding.split(", ")
        if b and b not in comparison.summary.at["base", "binding"].split(", ")
    )


def test_labels_and_errors(runs: list[capex.PlanResult]) -> None:
    comparison = capex.compare(runs[0], runs[0], labels=["a", "a"])
    assert comparison.labels == ("a", "a (2)")
    assert comparison.moves.empty
    with pytest.raises(CapexError):
        capex.compare(runs[0], "not a result")
    with pytest.raises(CapexError):
        capex.compare(runs, base=5)
    with pytest.raises(CapexError):
        capex.compare(runs, labels=["one"])


def test_each_results_ceilings_side_by_side(runs: list[capex.PlanResult]) -> None:
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
    runs: list[capex.PlanResult],
) -> None:
    import ast
    import inspect

    import matplotlib.pyplot as plt

    import capex.compare as module

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
