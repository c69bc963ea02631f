"""The fan chart, checked by what it draws: band edges, lines, ceiling marks and chances."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import capex
from capex.plotting import PlotError
from capex.plotting.fonts import CJK_FAMILY
from capex.risk.result import RiskResult


@pytest.fixture
def risk() -> RiskResult:
    """Hand-made draws: five draws of 2021-2023 spending (万元) against ceilings in 2021-2022."""
    draws = pd.DataFrame(
        [[100, 200, 50], [110, 190, 60], [120, 210, 40], [130, 220, 70], [140, 180, 80]],
        index=pd.Index(range(5), name="draw"),
        columns=pd.Index([2021, 2022, 2023], name="year"),
    )
    return RiskResult(
        annual_draws_minor=draws,
        planned_minor=pd.Series([105, 200, 55], index=draws.columns),
        ceilings_minor=pd.Series([125, 215], index=pd.Index([2021, 2022], name="year")),
        drivers_minor=pd.DataFrame(),
        plan_period=(2021, 2022),
        draws=5,
    )


def line(ax, label: str):
    (found,) = [each for each in ax.get_lines() if each.get_label() == label]
    return found


def band(ax, label: str) -> tuple[np.ndarray, np.ndarray]:
    """The lower and upper edge of a filled band, by year."""
    (found,) = [c for c in ax.collections if c.get_label() == label]
    vertices = found.get_paths()[0].vertices
    years = sorted(set(vertices[:, 0]))
    low = [vertices[vertices[:, 0] == y, 1].min() for y in years]
    high = [vertices[vertices[:, 0] == y, 1].max() for y in years]
    return np.array(low), np.array(high)


def test_the_fan_draws_the_quantiles_of_the_draws(risk):
    ax = capex.plotting.plot_risk(risk)
    # 2021 draws 100..140: P10 100, P50 120, P80 130, P90 140, P95 140 (drawn values)
    low, high = band(ax, "P10-P95")
    assert low.tolist() == pytest.approx([0.0100, 0.0180, 0.0040])
    assert high.tolist() == pytest.approx([0.0140, 0.0220, 0.0080])
    low, high = band(ax, "P10-P90")
    assert high.tolist() == pytest.approx([0.0140, 0.0220, 0.0080])
    assert line(ax, "P50").get_ydata().tolist() == pytest.approx([0.0120, 0.0200, 0.0060])
    assert line(ax, "P80").get_ydata().tolist() == pytest.approx([0.0130, 0.0210, 0.0070])
    assert line(ax, "as planned").get_ydata().tolist() == pytest.approx([0.0105, 0.0200, 0.0055])
    ceiling = line(ax, "ceiling")
    assert ceiling.get_xdata().tolist() == [2021, 2022]
    assert ceiling.get_ydata().tolist() == pytest.approx([0.0125, 0.0215])
    plt.close(ax.figure)


def test_the_chance_of_going_over_is_written_above_each_budget_year(risk):
    ax = capex.plotting.plot_risk(risk)
    # 2021: 130 and 140 are over 125 (2 of 5); 2022: 220 is over 215 (1 of 5)
    assert sorted(text.get_text() for text in ax.texts) == ["20%", "40%"]
    assert "5 draws" in ax.get_title()
    plt.close(ax.figure)


def test_the_fan_in_minor_and_over_the_plan_years_only(risk):
    ax = capex.plotting.plot_risk(risk, unit="万元", years="plan", chances=False)
    assert line(ax, "P50").get_xdata().tolist() == [2021, 2022]
    assert line(ax, "P50").get_ydata().tolist() == [120, 200]
    assert len(ax.texts) == 0 and "(万元)" in ax.get_ylabel()
    plt.close(ax.figure)


def test_the_fan_uses_the_cjk_font_and_an_axes_of_yours(yuecheng):
    risk = capex.simulate(yuecheng, draws=200, cost="uniform(0, 0.2)")
    figure, ax = plt.subplots()
    assert capex.plotting.plot_risk(risk, ax=ax) is ax
    families = ax.title.get_fontfamily()
    assert CJK_FAMILY in families
    plt.close(figure)


@pytest.mark.parametrize(
    ("arguments", "words"),
    [({"unit": "USD"}, "unknown unit"), ({"years": "some"}, "years must be 'all' or 'plan'")],
)
def test_bad_options_are_refused(risk, arguments, words):
    with pytest.raises(PlotError, match=words):
        capex.plotting.plot_risk(risk, **arguments)


def test_only_a_risk_result_is_drawn():
    with pytest.raises(PlotError, match="expected a risk result"):
        capex.plotting.plot_risk(pd.DataFrame())
