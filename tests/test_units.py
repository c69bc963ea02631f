"""Every table a user sees states its unit: DataFrames in attrs["unit"], and unit= changes
every one of them."""

from __future__ import annotations

import pytest

import capex

CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}


@pytest.fixture(scope="module")
def plan(yuecheng: capex.Portfolio) -> capex.results.PlanResult:
    return capex.spread(yuecheng, CEILINGS)


def test_a_plans_tables_say_their_unit(plan: capex.results.PlanResult) -> None:
    assert plan.schedule.attrs["unit"] == "亿元"
    assert plan.to_frame().attrs["unit"] == "万元"
    assert plan.to_frame("万元").attrs["unit"] == "万元"
    assert plan.with_names("亿元").attrs["unit"] == "亿元"
    assert plan.annual.attrs["unit"] == "亿元"
    assert plan.extra_budget.attrs["unit"] == "亿元"
    assert plan.moved.attrs["unit"] == "亿元"


def test_a_reports_tables_say_their_unit(yuecheng: capex.Portfolio) -> None:
    report = capex.reconcile(yuecheng)
    for unit in ("亿元", "万元"):
        assert report.totals_frame(unit).attrs["unit"] == unit
        assert report.to_frame(unit).attrs["unit"] == unit
        assert report.findings_frame(unit).attrs["unit"] == unit


def test_a_comparison_in_any_unit(
    plan: capex.results.PlanResult, yuecheng: capex.Portfolio
) -> None:
    later = capex.Scenario("later", shifts={19: 1}).run(yuecheng, CEILINGS)
    shown = capex.compare(plan, later)
    wan = capex.compare(plan, later, unit="万元")
    assert shown.unit == "亿元" and wan.unit == "万元"
    for name in ("annual", "plans", "projects", "moves", "ceilings"):
        assert getattr(shown, name).attrs["unit"] == "亿元", name
        assert getattr(wan, name).attrs["unit"] == "万元", name
    assert (wan.annual == (shown.annual * 10_000).round()).all().all()
    assert wan.plans["total"].tolist() == [round(v * 10_000) for v in shown.plans["total"]]
    # the exports read a comparison in whatever unit it holds
    from capex.export.comparison import minor_of

    assert minor_of(wan, wan.annual[wan.labels[0]]) == minor_of(
        shown, shown.annual[shown.labels[0]]
    )
