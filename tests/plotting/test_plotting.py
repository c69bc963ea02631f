"""Each figure is checked by what it draws: bar heights, lines, image arrays and labels.

Expected values are written out by hand from the tiny portfolio of ``conftest.py`` and the
hand-made schedule below, not read back from the plotting code.
"""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from chinese_errors import check_error
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from matplotlib.container import BarContainer

import capex
from capex.plotting import PlotError, annual_by, windows_of
from capex.solvers.result import PlanResult

YEARS = [2021, 2022, 2023]
NAMES = {1: "甲小学", 2: "乙中学", 3: "丙幼儿园", 4: "丁学校"}

# A plan of the tiny portfolio's in-plan money (亿元: 0.6, 3.0, 0.6, 1.0) inside its windows.
SCHEDULE_WAN = pd.DataFrame(
    [
        [6000, 0, 0],  # 甲小学, window 2020-2021
        [10000, 10000, 10000],  # 乙中学, 2021-2023
        [0, 3000, 3000],  # 丙幼儿园, 2022-2023
        [0, 0, 10000],  # 丁学校, 2023-2024
    ],
    index=pd.Index([1, 2, 3, 4], name="id"),
    columns=YEARS,
    dtype=np.int64,
)
# Annual totals by hand: 2021 0.6 + 1.0 = 1.6; 2022 1.0 + 0.3 = 1.3; 2023 1.0 + 0.3 + 1.0 = 2.3
TOTALS_YI = [1.6, 1.3, 2.3]
CEILINGS_WAN = {2021: 16000, 2022: 15000, 2023: 20000}  # 2023 is over its ceiling


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def plan() -> PlanResult:
    return PlanResult(
        status="optimal",
        schedule_minor=SCHEDULE_WAN.copy(),
        names=pd.Series(NAMES),
        ceilings_minor=pd.Series(CEILINGS_WAN),
        plan_period=(2021, 2023),
    )


def bars(ax) -> list[BarContainer]:
    return [c for c in ax.containers if isinstance(c, BarContainer)]


def heights(container: BarContainer) -> list[float]:
    return [patch.get_height() for patch in container.patches]


def widths(container: BarContainer) -> list[float]:
    return [patch.get_width() for patch in container.patches]


def lefts(container: BarContainer) -> list[float]:
    return [patch.get_x() for patch in container.patches]


def tick_texts(labels) -> list[str]:
    return [label.get_text() for label in labels]


def line(ax, label: str):
    (found,) = [each for each in ax.get_lines() if each.get_label() == label]
    return found


# -- annual stacked bars -----------------------------------------------------------------
def test_annual_bars_are_the_schedule_in_yi_stacked_by_project(plan):
    ax = capex.plotting.plot_annual_spend(plan)
    containers = bars(ax)
    assert [c.get_label() for c in containers] == list(NAMES.values())
    assert heights(containers[0]) == pytest.approx([0.6, 0.0, 0.0])
    assert heights(containers[1]) == pytest.approx([1.0, 1.0, 1.0])
    assert heights(containers[2]) == pytest.approx([0.0, 0.3, 0.3])
    assert heights(containers[3]) == pytest.approx([0.0, 0.0, 1.0])
    tops = [p.get_y() + p.get_height() for p in containers[-1].patches]
    assert tops == pytest.approx(TOTALS_YI)
    assert [p.get_x() + p.get_width() / 2 for p in containers[0].patches] == pytest.approx(YEARS)
    assert tick_texts(ax.get_xticklabels()) == ["2021", "2022", "2023"]


def test_annual_ceiling_line_sits_at_the_ceiling_over_each_years_bar(plan):
    ax = capex.plotting.plot_annual_spend(plan)
    xs, ys = line(ax, "ceiling").get_data()
    assert list(xs) == pytest.approx([2020.5, 2021.5, 2021.5, 2022.5, 2022.5, 2023.5])
    assert list(ys) == pytest.approx([1.6, 1.6, 1.5, 1.5, 2.0, 2.0])


def test_annual_totals_are_written_above_the_bars_in_red_when_over_the_ceiling(plan):
    ax = capex.plotting.plot_annual_spend(plan)
    totals = {t.get_text(): t for t in ax.texts}
    assert list(totals) == ["1.60", "1.30", "2.30"]
    assert totals["2.30"].get_color() != totals["1.30"].get_color()


def test_annual_in_wan_uses_whole_numbers(plan):
    ax = capex.plotting.plot_annual_spend(plan, unit="万元")
    assert heights(bars(ax)[1]) == [10000, 10000, 10000]
    assert list(line(ax, "ceiling").get_ydata()) == [16000, 16000, 15000, 15000, 20000, 20000]


def test_annual_label_by_id(plan):
    ax = capex.plotting.plot_annual_spend(plan, label="id")
    assert [c.get_label() for c in bars(ax)] == ["1", "2", "3", "4"]


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        # streets of the tiny portfolio: 东街 = 甲 + 丙, 西街 = 乙, 北街 = 丁
        ("street", {"东街": [0.6, 0.3, 0.3], "西街": [1.0, 1.0, 1.0], "北街": [0.0, 0.0, 1.0]}),
        # builders: 甲 = project 1, 乙 = projects 2 and 4, 丙 = project 3
        ("builder", {"甲": [0.6, 0.0, 0.0], "乙": [1.0, 1.0, 2.0], "丙": [0.0, 0.3, 0.3]}),
    ],
)
def test_annual_by_street_and_builder_sums_the_projects(plan, tiny, by, expected):
    ax = capex.plotting.plot_annual_spend(plan, by=by, portfolio=tiny)
    drawn = {c.get_label(): heights(c) for c in bars(ax)}
    assert drawn.keys() == expected.keys()
    for group, values in expected.items():
        assert drawn[group] == pytest.approx(values)


def test_annual_by_budget_line_stacks_the_lines_under_their_summed_ceiling():
    lines = pd.DataFrame(
        {2021: [12000, 4000], 2022: [9000, 4000]}, index=pd.Index(["教育", "专项债"])
    )
    line_ceilings = pd.DataFrame(
        {2021: [12000, 5000], 2022: [10000, np.nan]}, index=pd.Index(["教育", "专项债"])
    )
    result = SimpleNamespace(
        schedule_minor=pd.DataFrame({2021: [16000], 2022: [13000]}, index=[1]),
        line_totals_minor=lines,
        line_ceilings_minor=line_ceilings,
    )
    ax = capex.plotting.plot_annual_spend(result, by="budget_line")
    education, bonds = bars(ax)
    assert (education.get_label(), bonds.get_label()) == ("教育", "专项债")
    assert heights(education) == pytest.approx([1.2, 0.9])
    assert heights(bonds) == pytest.approx([0.4, 0.4])
    # 2021: 1.2 + 0.5; 2022 has no ceiling on 专项债, so no total ceiling
    ys = line(ax, "ceiling").get_ydata()
    assert list(ys[:2]) == pytest.approx([1.7, 1.7])
    assert np.isnan(ys[2:]).all()


def test_annual_by_nested_budget_lines_draws_them_side_by_side_under_their_ceilings():
    # "all" covers both projects, "government" only the first: stacking would count it twice
    result = SimpleNamespace(
        schedule_minor=pd.DataFrame({2021: [9000, 3000], 2022: [8000, 2000]}, index=[1, 2]),
        line_totals_minor=pd.DataFrame(
            {2021: [12000, 9000], 2022: [10000, 8000]}, index=["all", "gov"]
        ),
        line_ceilings_minor=pd.DataFrame(
            {2021: [12000, 9000], 2022: [11000, 8500]}, index=["all", "gov"]
        ),
    )
    ax = capex.plotting.plot_annual_spend(result, by="budget_line")
    everything, government = bars(ax)
    assert heights(everything) == pytest.approx([1.2, 1.0])
    assert heights(government) == pytest.approx([0.9, 0.8])
    assert all(p.get_y() == 0 for p in government.patches)  # not stacked
    marks = [c for c in ax.collections if c.get_label() in ("ceiling", "_ceiling")]
    levels = [segment[0][1] for mark in marks for segment in mark.get_segments()]
    assert levels == pytest.approx([1.2, 1.1, 0.9, 0.85])


def test_annual_by_budget_lines_that_leave_money_out_shows_the_rest():
    result = SimpleNamespace(
        schedule_minor=pd.DataFrame({2021: [9000, 3000]}, index=[1, 2]),
        line_totals_minor=pd.DataFrame({2021: [9000]}, index=["gov"]),
    )
    ax = capex.plotting.plot_annual_spend(result, by="budget_line")
    assert {c.get_label(): heights(c)[0] for c in bars(ax)} == pytest.approx(
        {"gov": 0.9, "(no line)": 0.3}
    )


def test_annual_without_ceilings_draws_no_ceiling_line():
    ax = capex.plotting.plot_annual_spend(SCHEDULE_WAN)
    assert [each.get_label() for each in ax.get_lines()] == []
    assert [c.get_label() for c in bars(ax)] == ["1", "2", "3", "4"]


def test_annual_names_come_from_the_portfolio_for_a_plain_frame(tiny):
    ax = capex.plotting.plot_annual_spend(SCHEDULE_WAN, portfolio=tiny)
    assert [c.get_label() for c in bars(ax)] == list(NAMES.values())


@settings(max_examples=15)
@given(
    hnp.arrays(
        np.int64, st.tuples(st.integers(1, 5), st.integers(1, 4)), elements=st.integers(0, 90_000)
    )
)
def test_annual_stack_tops_are_the_year_totals(values):
    schedule = pd.DataFrame(values, columns=list(range(2030, 2030 + values.shape[1])))
    ax = capex.plotting.plot_annual_spend(schedule, totals=False, legend=False)
    tops = [p.get_y() + p.get_height() for p in bars(ax)[-1].patches]
    assert tops == pytest.approx(values.sum(axis=0) / 10_000)
    plt.close(ax.figure)


def test_annual_by_groups_without_drawing(tiny, plan):
    grouped = annual_by(plan, "builder", portfolio=tiny)
    assert grouped.loc["乙"].tolist() == [10000, 10000, 20000]
    assert grouped.to_numpy().sum() == SCHEDULE_WAN.to_numpy().sum()


# -- cumulative ----------------------------------------------------------------------------
def test_cumulative_spend_and_ceiling_are_running_sums(plan):
    ax = capex.plotting.plot_cumulative(plan)
    spend = line(ax, "cumulative spend")
    assert list(spend.get_xdata()) == YEARS
    assert list(spend.get_ydata()) == pytest.approx([1.6, 2.9, 5.2])
    assert list(line(ax, "cumulative ceiling").get_ydata()) == pytest.approx([1.6, 3.1, 5.1])


def test_cumulative_draws_one_curve_per_plan(plan):
    later = PlanResult(
        status="optimal",
        schedule_minor=pd.DataFrame({2021: [0], 2022: [10000], 2023: [16000]}, index=[1]),
        names=pd.Series({1: "x"}),
        plan_period=(2021, 2023),
    )
    ax = capex.plotting.plot_cumulative({"base": plan, "deferred": later})
    assert list(line(ax, "deferred").get_ydata()) == pytest.approx([0.0, 1.0, 2.6])
    assert list(line(ax, "base").get_ydata()) == pytest.approx([1.6, 2.9, 5.2])
    line(ax, "cumulative ceiling")  # the first plan's ceiling


def test_cumulative_sets_a_spread_and_a_deferral_over_the_same_money(yuecheng):
    flows = capex.cash_flow(yuecheng).flows_minor
    cut = {year: int(flows[year].sum()) * 0.9 / 10_000 for year in yuecheng.plan_years}
    base = capex.spread(yuecheng)  # every project on its profile
    deferred = capex.shift(yuecheng, cut, time_limit=None)
    ax = capex.plotting.plot_cumulative({"base": base, "cut": deferred})
    base_curve, cut_curve = line(ax, "base"), line(ax, "cut")
    assert base_curve.get_xdata()[0] == cut_curve.get_xdata()[0] == 2018  # before the plan
    # both end at the programme's 77.8 亿元, and deferring never spends more by any year
    assert base_curve.get_ydata()[-1] == pytest.approx(77.8)
    assert cut_curve.get_ydata()[-1] == pytest.approx(77.8)
    assert (cut_curve.get_ydata() <= base_curve.get_ydata() + 1e-9).all()
    assert (cut_curve.get_ydata() < base_curve.get_ydata() - 1e-9).any()


def test_cumulative_ceiling_starts_from_the_money_spent_before_it(yuecheng):
    plan = capex.spread(yuecheng, {2021: 12, 2022: 12, 2023: 12, 2024: 12, 2025: 12})
    ax = capex.plotting.plot_cumulative(plan)
    ceiling = line(ax, "cumulative ceiling")
    before = (
        capex.model.cashflow.plan_split(yuecheng)["before_minor"].sum() / 10_000
    )  # 6.01 亿元 by 2020
    assert list(ceiling.get_xdata()[:5]) == yuecheng.plan_years
    assert list(ceiling.get_ydata()[:5]) == pytest.approx([before + 12 * k for k in range(1, 6)])
    assert np.isnan(ceiling.get_ydata()[5:]).all()  # no ceiling after the plan


# -- heat map ------------------------------------------------------------------------------
def test_heatmap_array_is_the_schedule_with_empty_cells_blank(plan):
    ax = capex.plotting.plot_heatmap(plan)
    array = ax.images[0].get_array()
    assert np.ma.getdata(array) == pytest.approx(SCHEDULE_WAN.to_numpy() / 10_000)
    assert (np.ma.getmaskarray(array) == (SCHEDULE_WAN.to_numpy() == 0)).all()
    assert tick_texts(ax.get_yticklabels()) == list(NAMES.values())
    assert tick_texts(ax.get_xticklabels()) == ["2021", "2022", "2023"]
    assert sorted(t.get_text() for t in ax.texts) == sorted(
        ["0.60", "1.00", "1.00", "1.00", "0.30", "0.30", "1.00"]
    )


def test_heatmap_by_id_in_wan(plan):
    ax = capex.plotting.plot_heatmap(plan, label="id", unit="万元", annotate=False, colorbar=False)
    assert tick_texts(ax.get_yticklabels()) == ["1", "2", "3", "4"]
    assert np.ma.getdata(ax.images[0].get_array()).tolist() == SCHEDULE_WAN.to_numpy().tolist()
    assert len(ax.texts) == 0


# -- Gantt ---------------------------------------------------------------------------------
def test_gantt_bars_span_each_window_inclusive(tiny):
    ax = capex.plotting.plot_gantt(tiny)
    (window,) = bars(ax)
    assert lefts(window) == [2020, 2021, 2022, 2023]
    assert widths(window) == [2, 3, 2, 2]  # 2020-2021, 2021-2023, 2022-2023, 2023-2024
    assert tick_texts(ax.get_yticklabels()) == list(NAMES.values())
    assert tick_texts(ax.get_xticklabels()) == ["2020", "2021", "2022", "2023", "2024"]
    (plan_period,) = ax.patches[:1]  # the shaded plan period is drawn first
    assert plan_period.get_x() == 2021 and plan_period.get_width() == 3


def test_gantt_scenario_marks_the_shifted_projects(tiny):
    shifted = SimpleNamespace(delays=pd.Series({3: 1, 4: 0}), schedule_minor=SCHEDULE_WAN)
    ax = capex.plotting.plot_gantt(tiny, scenario=shifted, label="id")
    base, scenario = bars(ax)
    assert lefts(base) == [2020, 2021, 2022, 2023]
    assert lefts(scenario) == [2020, 2021, 2023, 2023]
    assert widths(scenario) == [2, 3, 2, 2]
    colors = [patch.get_facecolor() for patch in scenario.patches]
    assert colors[2] != colors[0] and colors[0] == colors[1] == colors[3]
    assert [t.get_text() for t in ax.texts] == ["+1"]
    label_colors = [label.get_color() for label in ax.get_yticklabels()]
    assert label_colors[2] != label_colors[0] == label_colors[1] == label_colors[3]
    assert tick_texts(ax.get_yticklabels()) == ["1", "2", "3", "4"]
    assert any("moved (1)" in t.get_text() for t in ax.get_legend().get_texts())


def test_gantt_scenario_can_be_a_changed_portfolio(tiny):
    frame = tiny.frame
    frame.loc[4, ["start_year", "end_year"]] = [2022, 2024]  # one year longer, earlier start
    ax = capex.plotting.plot_gantt(tiny, scenario=tiny.replace(frame=frame))
    _, scenario = bars(ax)
    assert lefts(scenario)[3] == 2022 and widths(scenario)[3] == 3
    assert [t.get_text() for t in ax.texts] == ["-1, 3 y"]


def test_gantt_of_a_result_spans_its_spending_years(plan):
    windows = windows_of(plan)
    assert windows.to_numpy().tolist() == [[2021, 2021], [2021, 2023], [2022, 2023], [2023, 2023]]


# -- reconciliation ------------------------------------------------------------------------
@pytest.mark.parametrize("source", ["portfolio", "report"])
def test_reconciliation_bars_split_each_total(tiny, source):
    obj = tiny if source == "portfolio" else capex.reconcile(tiny)
    ax = capex.plotting.plot_reconciliation(obj)
    drawn = {c.get_label(): c for c in bars(ax)}
    # 甲 total 1.0, plan 0.6, window 2020-2021: 0.4 before; 丁 total 2.0, plan 1.0,
    # window 2023-2024: 1.0 after; nothing lacks a year, so that part is not drawn
    assert list(drawn) == ["before 2021", "2021-2023", "after 2023"]
    assert widths(drawn["before 2021"]) == pytest.approx([0.4, 0, 0, 0])
    assert widths(drawn["2021-2023"]) == pytest.approx([0.6, 3.0, 0.6, 1.0])
    assert lefts(drawn["2021-2023"]) == pytest.approx([0.4, 0, 0, 0])
    assert widths(drawn["after 2023"]) == pytest.approx([0, 0, 0, 1.0])
    assert lefts(drawn["after 2023"]) == pytest.approx([1.0, 3.0, 0.6, 1.0])
    assert tick_texts(ax.get_yticklabels()) == list(NAMES.values())
    assert "published: 6.6 亿元, 5.2 亿元" in ax.get_title()


def test_reconciliation_shows_money_with_no_year_in_its_own_part(yuecheng):
    ax = capex.plotting.plot_reconciliation(yuecheng, label="id")
    drawn = {c.get_label(): c for c in bars(ax)}
    split = capex.model.cashflow.plan_split(yuecheng)
    assert widths(drawn["no year for it"]) == pytest.approx(split["unplaceable_minor"] / 10_000)
    assert tick_texts(ax.get_yticklabels()) == [str(i) for i in yuecheng.ids]


# -- every figure --------------------------------------------------------------------------
FIGURES = [
    ("annual", lambda plan, tiny: capex.plotting.plot_annual_spend(plan, ax=plt.gca())),
    ("cumulative", lambda plan, tiny: capex.plotting.plot_cumulative(plan, ax=plt.gca())),
    ("heatmap", lambda plan, tiny: capex.plotting.plot_heatmap(plan, ax=plt.gca())),
    ("gantt", lambda plan, tiny: capex.plotting.plot_gantt(tiny, ax=plt.gca())),
    ("reconciliation", lambda plan, tiny: capex.plotting.plot_reconciliation(tiny, ax=plt.gca())),
]


@pytest.mark.parametrize(("name", "draw"), FIGURES, ids=[f[0] for f in FIGURES])
def test_every_figure_draws_on_the_given_axes_and_never_shows(plan, tiny, monkeypatch, name, draw):
    def no_show(*args, **kwargs):
        raise AssertionError("the library must not call plt.show()")

    monkeypatch.setattr(plt, "show", no_show)
    fig, ax = plt.subplots()
    assert draw(plan, tiny) is ax
    assert plt.get_fignums() == [fig.number]


BAD_OPTIONS = [
    (capex.plotting.plot_annual_spend, {"by": "district"}, "by must be one of"),
    (capex.plotting.plot_annual_spend, {"label": "title"}, "label must be one of"),
    (capex.plotting.plot_annual_spend, {"unit": "USD"}, "unknown unit"),
    (capex.plotting.plot_annual_spend, {"by": "street"}, "needs the portfolio"),
    (capex.plotting.plot_annual_spend, {"by": "budget_line"}, "budget lines"),
    (capex.plotting.plot_heatmap, {"label": "title"}, "label must be one of"),
    (capex.plotting.plot_cumulative, {"unit": "dollars"}, "unknown unit"),
]


@pytest.mark.parametrize(("plot", "options", "message"), BAD_OPTIONS)
def test_bad_options_raise_a_capex_error(plan, plot, options, message):
    with pytest.raises(PlotError, match=message) as raised:
        plot(plan, **options)
    assert isinstance(raised.value, capex.CapexError)


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ([1, 2, 3], "expected a result"),
        (pd.DataFrame({2021: [0.5]}), "whole numbers"),
    ],
)
def test_bad_inputs_raise_a_capex_error(obj, message):
    with pytest.raises(PlotError, match=message):
        capex.plotting.plot_heatmap(obj)


def test_figures_of_other_objects_say_what_they_expected():
    with pytest.raises(PlotError, match="Portfolio or a reconciliation report"):
        capex.plotting.plot_reconciliation(SCHEDULE_WAN)
    with pytest.raises(PlotError, match="windows"):
        capex.plotting.plot_gantt("a string")


# -- comparison ----------------------------------------------------------------------------
@pytest.fixture
def comparison(plan):
    """The hand-made plan against a later one with its own, lower ceilings."""
    later = PlanResult(
        status="optimal",
        schedule_minor=pd.DataFrame(
            {2021: [0], 2022: [10000], 2023: [16000]}, index=pd.Index([2], name="id")
        ),
        names=pd.Series({2: "乙中学"}),
        ceilings_minor=pd.Series({2021: 12000, 2022: 12000, 2023: 18000}),
        plan_period=(2021, 2023),
    )
    return capex.compare(plan, later, labels=["基准", "推迟"])


def test_comparison_bars_are_each_plans_annual_totals(comparison):
    ax = capex.plotting.plot_comparison(comparison)
    base, later = bars(ax)
    assert (base.get_label(), later.get_label()) == ("基准", "推迟")
    assert heights(base) == pytest.approx(TOTALS_YI)
    assert heights(later) == pytest.approx([0.0, 1.0, 1.6])  # by hand from the later schedule
    centres = [p.get_x() + p.get_width() / 2 for p in base.patches]
    assert all(c < year for c, year in zip(centres, YEARS))  # base left of each year, later right
    assert tick_texts(ax.get_xticklabels()) == ["2021", "2022", "2023"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "基准" in legend and "推迟" in legend


def test_comparison_marks_each_plans_own_ceiling_over_its_bar(comparison):
    ax = capex.plotting.plot_comparison(comparison)
    base, _ = bars(ax)
    marks = {c.get_label(): c for c in ax.collections if c.get_label().startswith("ceiling")}
    assert set(marks) == {"ceiling (基准)", "ceiling (推迟)"}
    levels = [segment[0][1] for segment in marks["ceiling (推迟)"].get_segments()]
    assert levels == pytest.approx([1.2, 1.2, 1.8])
    spans = [(segment[0][0], segment[1][0]) for segment in marks["ceiling (基准)"].get_segments()]
    patches = base.patches
    assert all(
        left <= p.get_x() and p.get_x() + p.get_width() <= right
        for (left, right), p in zip(spans, patches)
    )
    levels = [segment[0][1] for segment in marks["ceiling (基准)"].get_segments()]
    assert levels == pytest.approx([1.6, 1.5, 2.0])


def test_comparison_shares_one_ceiling_mark_when_plans_have_the_same(plan):
    ax = capex.plotting.plot_comparison(capex.compare(plan, plan, labels=["a", "b"]))
    (mark,) = [c for c in ax.collections if c.get_label() == "ceiling"]
    (left, _), (right, _) = mark.get_segments()[0]
    first, second = bars(ax)
    # one mark over both bars of 2021, at its ceiling of 1.6 亿元
    assert (
        left
        <= first.patches[0].get_x()
        < second.patches[0].get_x() + second.patches[0].get_width()
        <= right
    )
    assert right - left < 1
    assert mark.get_segments()[0][0][1] == pytest.approx(1.6)


def test_comparison_as_lines_in_wan_for_chosen_years(comparison):
    ax = comparison.plot(kind="line", years=[2022, 2023], unit="万元")
    assert list(line(ax, "推迟").get_ydata()) == [10000, 16000]
    assert list(line(ax, "基准").get_xdata()) == [2022, 2023]
    assert list(line(ax, "基准").get_ydata()) == [13000, 23000]
    assert bars(ax) == []


def test_comparison_plot_method_draws_on_the_given_axes(comparison):
    fig, ax = plt.subplots()
    assert comparison.plot(ax=ax) is ax
    assert plt.get_fignums() == [fig.number]


def test_comparison_with_chinese_names_renders_without_missing_glyphs(yuecheng, tmp_path):
    import warnings

    base = capex.Scenario("基准").run(yuecheng)
    later = capex.Scenario("北海小学推迟一年", shifts={19: 1}).run(yuecheng)
    ax = capex.compare(base, later).plot()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"(?s).*missing from font")
        ax.figure.savefig(tmp_path / "comparison.png", dpi=40)
    assert [c.get_label() for c in bars(ax)] == ["基准", "北海小学推迟一年"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"kind": "pie"}, "kind must be one of"),
        ({"years": [1999]}, "no year 1999"),
        ({"unit": "USD"}, "unknown unit"),
    ],
)
def test_comparison_bad_options(comparison, options, message):
    with pytest.raises(PlotError, match=message):
        capex.plotting.plot_comparison(comparison, **options)
    with pytest.raises(PlotError, match="comparison"):
        capex.plotting.plot_comparison(SCHEDULE_WAN)


def test_gantt_of_a_real_deferral_marks_the_moved_projects(yuecheng):
    ceilings = {2021: 9.9, 2022: 9, 2023: 9, 2024: 9, 2025: 8.1}
    deferral = capex.shift(yuecheng, ceilings, max_delay=2, time_limit=None)
    moved = deferral.delays[deferral.delays != 0]
    assert len(moved) > 0
    ax = capex.plotting.plot_gantt(yuecheng, scenario=deferral, portfolio=yuecheng)
    base, scenario = bars(ax)
    frame = yuecheng.frame
    assert lefts(base) == frame["start_year"].tolist()
    assert lefts(scenario) == (frame["start_year"] + deferral.delays).tolist()
    assert widths(scenario) == (frame["end_year"] - frame["start_year"] + 1).tolist()
    positions = [yuecheng.ids.get_loc(pid) for pid in moved.index]
    colors = [patch.get_facecolor() for patch in scenario.patches]
    shifted = {i for i, c in enumerate(colors) if c == colors[positions[0]]}
    assert shifted == set(positions)  # the moved projects, and only they, in the moved colour
    assert [t.get_text() for t in ax.texts] == [f"{d:+d}" for d in moved]
    assert any(f"moved ({len(moved)})" in t.get_text() for t in ax.get_legend().get_texts())
    labels = ax.get_yticklabels()
    assert [labels[i].get_text() for i in positions] == frame.loc[moved.index, "name"].tolist()


def test_a_plot_error_reads_in_chinese():
    """A schedule of fractions is refused in Chinese under the option."""
    check_error(
        lambda: capex.plotting.plot_annual_spend(pd.DataFrame([[0.5]], columns=[2021])),
        "the schedule must hold whole numbers of the minor unit",
    )
