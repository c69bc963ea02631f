"""A funding source's ceilings are budget lines: the spread, the deferral and the monthly plan
respect them exactly, report their shadow prices, and count a nested source once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import capex
from capex.model.budget import BudgetError, BudgetLine, resolve_lines

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "made_up_sources.csv"


@pytest.fixture(scope="module")
def funded(yuecheng) -> capex.Portfolio:
    """The bundled plan with its made-up sources."""
    return yuecheng.replace(sources=capex.load_sources(EXAMPLE, yuecheng))


def bonds(ceiling: float) -> BudgetLine:
    return BudgetLine("专项债券", {2021: ceiling, 2022: ceiling, 2023: ceiling}, "source")


def test_a_source_ceiling_binds_and_its_shadow_price_is_reported(funded):
    free = capex.spread(funded, None)
    wanted = free.by_source_minor().loc["专项债券", 2021]
    plan = capex.spread(funded, [bonds(2.0)])
    assert wanted > 20000  # without it the plan would spend more than 2 亿元 of bonds in 2021
    assert plan.ok
    by_source = plan.by_source_minor()
    assert by_source.loc["专项债券", [2021, 2022, 2023]].max() <= 20000
    assert by_source.loc["专项债券", 2021] == 20000  # it binds
    assert plan.line_shadow_prices.loc["专项债券", 2021] > 0
    assert plan.line_totals_minor.loc["专项债券"].equals(by_source.loc["专项债券"])
    # every source's money is what it pays, exactly, and the years add up to the plan's
    top = by_source.loc[[*funded.sources.top, "(unassigned)"]]
    assert (top.sum() == plan.to_frame().sum()).all()
    assert not capex.check_schedule(funded, plan, [bonds(2.0)])


def test_a_nested_sources_money_counts_against_its_parents_ceiling(funded):
    parent = BudgetLine("政府性基金预算", {2021: 2.5}, "source")
    plan = capex.spread(funded, [parent, bonds(2.2)])
    by_source = plan.by_source_minor()
    assert by_source.loc["政府性基金预算", 2021] <= 25000  # bonds and the rest of the fund
    assert by_source.loc["专项债券", 2021] <= 22000
    assert (
        plan.line_totals_minor.loc["政府性基金预算", 2021] == by_source.loc["政府性基金预算", 2021]
    )
    # and the plan's money by source is the same whether ceilings were given or not
    free = capex.spread(funded, None).by_source_minor()
    assert by_source.sum(axis=1).equals(free.sum(axis=1))


def test_every_source_is_a_line_once_one_is(funded):
    lines = resolve_lines(funded, [bonds(2.0)])
    assert [line.name for line in lines] == funded.sources.names
    assert {line.name: line.within for line in lines}["专项债券"] == "政府性基金预算"
    assert lines[funded.sources.names.index("一般公共预算")].ceilings == {}


def test_source_lines_need_sources_and_a_name_they_have(yuecheng, funded):
    with pytest.raises(BudgetError, match="no split by source"):
        resolve_lines(yuecheng, [bonds(2.0)])
    with pytest.raises(BudgetError, match="no source '国债'"):
        resolve_lines(funded, [BudgetLine("国债", {2021: 1}, "source")])
    with pytest.raises(BudgetError, match="name of a funding source"):
        resolve_lines(funded, [BudgetLine("自筹", {2021: 1}), bonds(2.0)])


def test_the_deferral_respects_a_source_ceiling_exactly(funded):
    ceiling = {year: 2.0 for year in range(2021, 2026)}
    plan = capex.shift(funded, [BudgetLine("专项债券", ceiling, "source")], max_delay=3)
    assert plan.ok
    by_source = plan.by_source_minor()
    years = [y for y in range(2021, 2026) if y in by_source.columns]
    assert by_source.loc["专项债券", years].max() <= 20000
    assert plan.line_totals_minor.loc["专项债券", years].equals(by_source.loc["专项债券", years])
    assert (plan.delays > 0).any()  # the bonds' ceiling moved projects


def test_a_monthly_quota_per_source(funded):
    plan = capex.spread(funded, 10)
    year = plan.by_source_minor().loc["专项债券", 2023]
    cap = {m: int(year // 12 + 50) for m in range(1, 13)}
    quota = [BudgetLine("专项债券", cap, "source", unit="万元")]
    months = capex.monthly(plan, 2023, profile="construction", quota=quota, portfolio=funded)
    assert months.ok
    by_source = months.to_frame(by="source")
    assert by_source.loc["专项债券"].iloc[:12].max() <= year // 12 + 50
    assert (by_source.loc["专项债券"].iloc[:12] == year // 12 + 50).any()  # the quota binds
    assert int(by_source.loc["专项债券", "total"]) == year
    assert (by_source.loc[by_source.attrs["top"]].sum().iloc[:12].to_numpy()
            == months.month_totals_minor.to_numpy()).all()  # fmt: skip
    assert np.array_equal(
        months.line_totals_minor.loc["专项债券"].to_numpy(), by_source.loc["专项债券"].iloc[:12]
    )


@pytest.mark.slow
def test_a_source_ceiling_binds_in_the_selection(funded):
    def chosen(ceiling: float) -> capex.results.SelectionResult:
        line = BudgetLine("专项债券", {year: ceiling for year in range(2021, 2031)}, "source")
        return capex.select(
            funded, [line], value="classes", must=(), exclude=[9, 11, 18], explain=False
        )

    loose, tight = chosen(100.0), chosen(1.0)
    assert loose.ok and tight.ok
    assert len(tight.selected) < len(loose.selected)  # the bonds' ceiling leaves projects out
    bonds_paid = tight.line_totals_minor.loc["专项债券", 2021:2030]
    assert bonds_paid.max() <= 10_000 < loose.line_totals_minor.loc["专项债券"].max()
    # the bonds are each chosen project's own part of them, year by year, exactly
    parts = funded.sources.amounts_minor.loc[tight.selected, "专项债券"]
    assert int(tight.line_totals_minor.loc["专项债券"].sum()) == int(parts.sum())
    assert capex.solvers.check_selection.check_selection(tight) == []
