"""The figure of each year's spending stacked by source, tested by what it draws."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import capex
from capex.plotting import PlotError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "made_up_sources.csv"


@pytest.fixture(scope="module")
def plan(yuecheng):
    funded = yuecheng.replace(sources=capex.load_sources(EXAMPLE, yuecheng))
    return capex.spread(funded, 10)


def test_each_year_stacks_the_top_level_sources_and_hatches_the_nested_one(plan):
    ax = capex.plotting.plot_sources(plan, lang="zh")
    containers = ax.containers
    names = [c.get_label() for c in containers]
    assert names == ["一般公共预算", "政府性基金预算", "上级补助", "自筹", "其中：专项债券"]
    stacked = sum(np.array([bar.get_height() for bar in c]) for c in containers[:4])
    assert stacked == pytest.approx(plan.to_frame("亿元").sum().to_numpy())  # counted once
    bonds = containers[4]
    assert [bar.get_y() for bar in bonds] == [bar.get_y() for bar in containers[1]]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2021", "2022", "2023", "2024", "2025"]
    assert ax.get_title() == "按资金来源分列的年度支出"


def test_fiscal_years_are_labelled_as_the_data_name_them(yuecheng):
    sources = capex.Sources.from_amounts(
        yuecheng.frame[["total_minor"]].rename(columns={"total_minor": "General Fund"}),
        money=yuecheng.money,
    )
    portfolio = yuecheng.replace(sources=sources, fiscal_year=capex.FiscalYear(4, "span"))
    ax = capex.plotting.plot_sources(capex.spread(portfolio, None))
    assert next(t.get_text() for t in ax.get_xticklabels()) == "2021-22"


def test_a_plan_without_sources_is_refused(yuecheng):
    with pytest.raises(PlotError, match="no funding sources"):
        capex.plotting.plot_sources(capex.spread(yuecheng, None))
