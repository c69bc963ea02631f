"""Variance figures: what they draw."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

import capex
from capex.model.actuals import Actuals
from capex.plotting import PlotError


@pytest.fixture(scope="module")
def report_and_forecast():
    p = capex.load_projects()
    flows = capex.cash_flow(p).flows_minor.copy()
    flows.loc[12, 2024] -= 3_000
    flows.loc[20, 2023] += 5_000
    actuals = Actuals.from_frame(flows.loc[:, :2024], money=p.money)
    return capex.variance(p, actuals), capex.reforecast(p, actuals, ceilings={2025: 11})


def test_variance_by_year_draws_planned_and_actual_bars(report_and_forecast):
    report, _ = report_and_forecast
    ax = capex.plotting.plot_variance(report)
    years = report.years
    assert len(ax.patches) == 2 * len(years)
    heights = [patch.get_height() for patch in ax.patches]
    expected = report.by_year("亿元")
    assert np.allclose(heights[: len(years)], expected["planned"])
    assert np.allclose(heights[len(years) :], expected["actual"])
    assert sorted(text.get_text() for text in ax.texts) == ["+0.5", "-0.3"]
    assert ax.get_title() == "Planned and actual spending by year"
    assert ax.get_ylabel() == "total (亿元)"
    plt.close(ax.figure)


def test_variance_by_project_in_chinese(report_and_forecast):
    report, _ = report_and_forecast
    ax = capex.plotting.plot_variance(report, by="project", lang="zh", unit="万元")
    widths = {
        label.get_text(): patch.get_width()
        for label, patch in zip(ax.get_yticklabels(), ax.patches)
    }
    names = capex.load_projects().frame["name"]
    assert widths[names[12]] == -3_000 and widths[names[20]] == 5_000
    assert ax.get_title() == "截至2024年各项目实际与计划之差"
    assert ax.get_xlabel() == "差额（万元）"
    plt.close(ax.figure)


def test_s_curve_draws_baseline_actual_and_forecast(report_and_forecast):
    report, forecast = report_and_forecast
    ax = capex.plotting.plot_s_curve(report, forecast=forecast)
    lines = {
        line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")
    }
    assert set(lines) == {"baseline", "actual", "forecast"}
    baseline = lines["baseline"].get_ydata()
    assert baseline[-1] == pytest.approx(77.8)
    future = lines["forecast"]
    assert future.get_xdata()[0] == 2024 and future.get_ydata()[-1] == pytest.approx(77.8)
    assert future.get_ydata()[0] == pytest.approx(lines["actual"].get_ydata()[-1])
    plt.close(ax.figure)


def test_figures_refuse_what_they_cannot_draw(report_and_forecast):
    report, forecast = report_and_forecast
    with pytest.raises(PlotError, match="variance report"):
        capex.plotting.plot_variance(forecast)
    with pytest.raises(PlotError, match="by must be one of"):
        capex.plotting.plot_variance(report, by="street")
    with pytest.raises(PlotError, match="forecast must be a re-forecast"):
        capex.plotting.plot_s_curve(report, forecast=report)


def test_drawing_on_a_given_axes(report_and_forecast):
    report, _ = report_and_forecast
    figure, ax = plt.subplots()
    assert capex.plotting.plot_s_curve(report, ax) is ax
    plt.close(figure)


def test_carry_over_stacks_spent_carried_and_saving(tmp_path):
    p = capex.load_projects()
    flows = capex.cash_flow(p).flows_minor
    hand = capex.roll_forward(p, Actuals.from_frame(flows.loc[:, :2025], money=p.money))
    ax = capex.plotting.plot_carry_over(hand, unit="万元")
    n = len(p)
    assert len(ax.patches) == 3 * n
    spent = [patch.get_width() for patch in ax.patches[:n]]
    carried = [patch.get_width() for patch in ax.patches[n : 2 * n]]
    assert spent[22] == 20_000 and carried[22] == 10_000  # project 23
    assert ax.get_yticklabels()[0].get_text() == p.frame.loc[1, "name"]
    assert ax.get_title().startswith("Each total: spent to 2025, carried into 2026-2030")
    with pytest.raises(PlotError, match="carry-over"):
        capex.plotting.plot_carry_over(p)
    plt.close(ax.figure)
