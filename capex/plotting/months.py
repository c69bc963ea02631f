"""Figures of the budget year in months: the fund-use plan against its quota, and cumulative
payments against the plan and the calendar."""

from __future__ import annotations

from typing import Any

import numpy as np

from capex.model.budget_year import MONTHS, to_date
from capex.plotting._common import PlotError, expected, get_ax, style_kwargs, unit_of
from capex.plotting.annual import CEILING_COLOR
from capex.plotting.fonts import use_cjk_font
from capex.terms import check_lang, term, with_unit

__all__ = ["plot_execution", "plot_monthly"]


def plot_execution(
    report: Any, ax: Any = None, *, unit: str | None = None, lang: str | None = None, **style: Any
) -> Any:
    """Cumulative payments by the end of each month against the cumulative plan and the
    calendar (序时进度 times the year's plan), up to the as-of date.

    Parameters
    ----------
    report
        An :class:`~capex.afterlife.execution.ExecutionReport`.
    ax
        Axes to draw on; a new figure when None.
    unit
        Unit of the amounts drawn (万元 for yuan by default).
    lang
        ``"en"`` or ``"zh"``; the report's own by default.
    **style
        Passed to :meth:`~matplotlib.axes.Axes.plot` for the payments' curve.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not hasattr(report, "months_minor"):
        raise PlotError(expected("err_plot_what_execution", report))
    lang = check_lang(lang or report.lang)
    money = report.money
    unit = unit_of(unit, money)
    ax = get_ax(ax, figsize=(8.0, 4.5))
    months = report.months_minor
    paid_months = to_date(report.as_of).month  # payments are counted to the as-of date
    ticks = list(MONTHS)
    ax.plot(
        ticks,
        money.to_unit(months["cumulative_plan"].to_numpy(np.int64), unit),
        color="#4c72b0",
        marker="o",
        label=term("cumulative_plan", lang),
    )
    year_plan = int(report.total["year_plan"])
    calendar = money.to_unit(np.array([year_plan * m // 12 for m in MONTHS], dtype=np.int64), unit)
    ax.plot(
        ticks,
        calendar,
        color=CEILING_COLOR,
        linestyle="--",
        label=term("time_elapsed_line", lang),
    )
    paid = money.to_unit(months["cumulative_paid"].to_numpy(np.int64)[:paid_months], unit)
    ax.plot(
        ticks[:paid_months],
        paid,
        **style_kwargs(style, color="#dd8452", marker="s", linewidth=2.5),
        label=term("cumulative_paid", lang),
    )
    ax.set_xticks(ticks, [str(h) for h in report.month_headings(lang)])
    ax.set_xlabel(term("end_of_month", lang))
    ax.set_ylabel(with_unit(term("cumulative", lang), unit, lang))
    ax.set_title(term("plot_execution_title", lang, year=report.year, as_of=report.as_of))
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", fontsize="small")
    ax.grid(alpha=0.3)
    return use_cjk_font(ax)


def plot_monthly(
    plan: Any, ax: Any = None, *, unit: str | None = None, lang: str | None = None, **style: Any
) -> Any:
    """The programme's planned payments by month as bars, the quota as a line, and the least
    extra quota stacked in red where the quota cannot be met.

    Parameters
    ----------
    plan
        A :class:`~capex.afterlife.monthly.MonthlyPlan`.
    ax, unit, lang, **style
        As :func:`plot_execution`; ``style`` goes to the bars.
    """
    if not hasattr(plan, "amounts_minor") or not hasattr(plan, "extra_quota_minor"):
        raise PlotError(expected("err_plot_what_monthly", plan))
    lang = check_lang(lang or plan.lang)
    money = plan.money
    unit = unit_of(unit, money)
    ax = get_ax(ax, figsize=(8.0, 4.5))
    ticks = list(MONTHS)
    planned = plan.month_totals_minor.to_numpy(np.int64)
    extra = plan.extra_quota_minor.reindex(ticks, fill_value=0).to_numpy(np.int64)
    within = planned - extra
    ax.bar(
        ticks,
        money.to_unit(within, unit),
        **style_kwargs(style, color="#4c72b0"),
        label=term("planned", lang),
    )
    if extra.any():
        ax.bar(
            ticks,
            money.to_unit(extra, unit),
            bottom=money.to_unit(within, unit),
            color="#c44e52",
            label=term("extra_quota", lang),
        )
    quota = plan.quota_minor.reindex(ticks)
    if quota.notna().any():
        values = money.to_unit(quota.fillna(-1).to_numpy(np.int64), unit).astype(float)
        values[quota.isna().to_numpy()] = np.nan
        ax.step(
            ticks,
            values,
            where="mid",
            color=CEILING_COLOR,
            linestyle="--",
            label=term("quota", lang),
        )
    ax.set_xticks(ticks, [str(h) for h in plan.month_headings(lang)])
    ax.set_xlabel(term("month", lang))
    ax.set_ylabel(with_unit(term("planned", lang), unit, lang))
    ax.set_title(term("plot_monthly_title", lang, year=plan.year))
    ax.legend(loc="upper left", fontsize="small")
    ax.grid(alpha=0.3, axis="y")
    return use_cjk_font(ax)
