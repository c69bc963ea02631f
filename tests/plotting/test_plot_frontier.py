"""The frontier figure, checked by what it draws: a step line through the best values, a
point per envelope (hollow where not proven), the projects entering written beside."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import capex
from capex.plotting import PlotError
from capex.plotting.fonts import CJK_FAMILY


@pytest.fixture(scope="module")
def frontier() -> capex.results.Frontier:
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "name": ["甲小学", "乙小学", "丙小学"],
            "start_year": [2026, 2027, 2028],
            "end_year": [2026, 2027, 2028],
            "total_investment": ["1", "2", "3"],
            "plan_investment": ["1", "2", "3"],
        }
    )
    portfolio = capex.load_projects(frame, plan_period=(2026, 2030))
    chosen = capex.select(portfolio, None, value={1: 5, 2: 8, 3: 9}, must=(), envelope=3)
    return chosen.frontier([1, 3, 6])


def test_the_figure_draws_each_envelope_s_best_value(frontier):
    ax = capex.plotting.plot_frontier(frontier)
    (steps,) = ax.get_lines()
    assert steps.get_xdata().tolist() == [1, 3, 6]
    assert steps.get_ydata().tolist() == [5, 13, 22]  # 1; 1+2; all three
    points = ax.collections[0].get_offsets()
    assert np.asarray(points).tolist() == [[1, 5], [3, 13], [6, 22]]
    notes = [t.get_text() for t in ax.texts]
    assert notes == ["+1", "+2", "+3"]
    assert ax.get_xlabel() == "envelope (亿元)" and ax.get_ylabel() == "value"
    plt.close(ax.figure)


def test_the_figure_in_chinese_on_a_given_axes(frontier):
    _, given = plt.subplots()
    ax = capex.plotting.plot_frontier(
        frontier, given, lang="zh", unit="万元", annotate=False, color="red"
    )
    assert ax is given and not ax.texts
    assert ax.get_xlabel() == "总额控制（万元）" and ax.get_lines()[0].get_xdata()[0] == 10_000
    assert CJK_FAMILY in ax.title.get_fontfamily()
    plt.close(ax.figure)


def test_only_a_frontier_is_drawn():
    with pytest.raises(PlotError, match="expected a frontier"):
        capex.plotting.plot_frontier(pd.DataFrame())
