"""Variance figures: planned against actual by year or project, and the baseline-actual-forecast
S-curve."""

from __future__ import annotations

from typing import Any

import numpy as np

from capex.plotting._common import (
    PlotError,
    check_choice,
    expected,
    get_ax,
    project_labels,
    style_kwargs,
    unit_of,
)
from capex.plotting.curves import finish_cumulative
from capex.plotting.fonts import use_cjk_font
from capex.terms import check_lang, phrase, term, with_unit

PLANNED_COLOR = "#9ecae1"
ACTUAL_COLOR = "#08519c"
OVER_COLOR = "#d62728"
UNDER_COLOR = "#2ca02c"
FORECAST_COLOR = "#ff7f0e"
BY = ("year", "project")


def _report(obj: Any) -> Any:
    if not hasattr(obj, "actual_minor") or not hasattr(obj, "planned_minor"):
        raise PlotError(expected("err_plot_what_variance", obj))
    return obj


def plot_variance(
    report: Any,
    ax: Any = None,
    *,
    by: str = "year",
    unit: str | None = None,
    label: str = "name",
    lang: str | None = None,
    **style: Any,
) -> Any:
    """Planned against actual spending.

    ``by="year"``: for each year to the cut-off, the planned and the actual total side by side,
    the difference written above. ``by="project"``: each project's difference to the cut-off
    (actual minus planned) as a horizontal bar, red where more was spent than planned, green
    where less.

    Parameters
    ----------
    report
        A :class:`~capex.afterlife.variance.VarianceReport`.
    ax
        Axes to draw on; a new figure when None.
    by
        ``"year"`` or ``"project"``.
    unit
        Unit of the amounts drawn (the display unit, 亿元, by default).
    label
        ``"name"`` or ``"id"`` for the projects.
    lang
        ``"en"`` or ``"zh"``; the report's own by default.
    **style
        Passed to :meth:`~matplotlib.axes.Axes.bar` (or ``barh``).

    Returns
    -------
    matplotlib.axes.Axes
    """
    report = _report(report)
    check_choice(by, BY, "by")
    lang = check_lang(lang or report.lang)
    money = report.money
    unit = unit_of(unit, money)
    if by == "year":
        table = report.by_year(unit, lang="en")
        years = table["year"].to_numpy()
        ax = get_ax(ax, figsize=(8.0, 4.5))
        width = 0.4
        ax.bar(
            years - width / 2,
            table["planned"],
            width,
            **style_kwargs(style, color=PLANNED_COLOR, label=term("planned", lang)),
        )
        ax.bar(
            years + width / 2,
            table["actual"],
            width,
            **style_kwargs(style, color=ACTUAL_COLOR, label=term("actual", lang)),
        )
        top = np.maximum(table["planned"].to_numpy(float), table["actual"].to_numpy(float))
        for year, height, difference in zip(years, top, table["difference"]):
            if difference:
                ax.annotate(
                    f"{difference:+.4g}",
                    (year, height),
                    xytext=(0, 3),
                    textcoords="offset points",
                    ha="center",
                    fontsize="small",
                    color=OVER_COLOR if difference > 0 else UNDER_COLOR,
                )
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_xlabel(term("year", lang))
        ax.set_ylabel(with_unit(term("total", lang), unit, lang))
        ax.set_title(term("plot_variance_year", lang))
        ax.legend(loc="upper left", fontsize="small")
    else:
        table = report.by_project(unit, lang="en")
        ax = get_ax(ax, figsize=(8.0, max(3.0, 0.28 * len(table) + 1.0)))
        ids = report.ids
        labels = project_labels(report, ids, label)
        positions = np.arange(len(table))
        difference = table["difference"].to_numpy(float)
        colors = np.where(difference > 0, OVER_COLOR, UNDER_COLOR)
        ax.barh(positions, difference, **style_kwargs(style, color=colors))
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_xlabel(with_unit(term("difference", lang), unit, lang))
        ax.set_title(term("plot_variance_project", lang, as_of=report.as_of))
    ax.grid(alpha=0.3, axis="y" if by == "year" else "x")
    return use_cjk_font(ax)


def plot_s_curve(
    report: Any,
    ax: Any = None,
    *,
    forecast: Any = None,
    unit: str | None = None,
    lang: str | None = None,
    **style: Any,
) -> Any:
    """Cumulative spend: the baseline (the plan), the actuals to the cut-off, and the forecast.

    Parameters
    ----------
    report
        A :class:`~capex.afterlife.variance.VarianceReport`: its plan is the baseline, its actuals the
        actual curve up to its cut-off.
    ax
        Axes to draw on; a new figure when None.
    forecast
        A :class:`~capex.afterlife.reforecast.ReforecastResult` (optional): its years after the cut-off
        continue the actual curve, dashed.
    unit
        Unit of the amounts drawn (the display unit, 亿元, by default).
    lang
        ``"en"`` or ``"zh"``; the report's own by default.
    **style
        Passed to :meth:`~matplotlib.axes.Axes.plot` for every curve.

    Returns
    -------
    matplotlib.axes.Axes
    """
    report = _report(report)
    lang = check_lang(lang or report.lang)
    money = report.money
    unit = unit_of(unit, money)
    ax = get_ax(ax, figsize=(8.0, 4.5))
    planned = report.planned_minor.sum(axis=0)
    baseline_years = [int(y) for y in planned.index]
    ax.plot(
        baseline_years,
        money.to_unit(np.cumsum(planned.to_numpy()), unit),
        **style_kwargs(style, color=PLANNED_COLOR, marker="o", label=term("baseline", lang)),
    )
    actual = report.actual_minor.sum(axis=0)
    actual_years = [int(y) for y in actual.index]
    cumulative_actual = np.cumsum(actual.to_numpy())
    ax.plot(
        actual_years,
        money.to_unit(cumulative_actual, unit),
        **style_kwargs(style, color=ACTUAL_COLOR, marker="o", label=term("actual", lang)),
    )
    years = set(baseline_years) | set(actual_years)
    if forecast is not None:
        if not hasattr(forecast, "forecast_minor"):
            raise PlotError(phrase("err_plot_forecast", kind=type(forecast).__name__))
        future = forecast.forecast_minor.sum(axis=0)
        start = float(money.to_unit(cumulative_actual[-1:], unit)[0]) if len(actual_years) else 0.0
        shown = forecast.money.to_unit(np.cumsum(future.to_numpy()), unit)
        forecast_years = [report.as_of, *[int(y) for y in future.index]]
        ax.plot(
            forecast_years,
            [start, *(start + np.asarray(shown, dtype=float)).tolist()],
            **style_kwargs(
                style,
                color=FORECAST_COLOR,
                marker="o",
                linestyle="--",
                label=term("forecast", lang),
            ),
        )
        years |= set(forecast_years)
    ax.axvline(report.as_of, color="grey", linestyle=":", linewidth=1)
    ax.annotate(
        term("as_of_line", lang, as_of=report.as_of),
        (report.as_of, 0),
        xytext=(3, 3),
        textcoords="offset points",
        fontsize="small",
        color="grey",
    )
    return finish_cumulative(ax, years, unit, lang, term("plot_s_curve", lang))
