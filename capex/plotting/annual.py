"""Annual spend as stacked bars by project, street, builder or budget line, with the ceiling."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib import colormaps

from capex.model.budget_year import CALENDAR
from capex.model.money import Money
from capex.plotting._common import (
    LABELS,
    PlotError,
    ceilings_minor,
    check_choice,
    get_ax,
    money_of,
    portfolio_of,
    project_labels,
    schedule_minor,
    style_kwargs,
    unit_of,
)
from capex.plotting.fonts import use_cjk_font
from capex.terms import check_lang, phrase, term, with_unit

BY = ("project", "street", "builder", "budget_line")
"""What the stacks of :func:`plot_annual_spend` can stand for."""

_BY_TERMS = {"project": "project", "street": "street", "builder": "builder", "budget_line": "line"}

CEILING_COLOR = "#d62728"
LEGEND_LIMIT = 40  # more entries than this make a legend nobody reads


def group_colors(n: int) -> list[Any]:
    """``n`` distinct colours for stacked groups (tab20, then tab20b, repeating)."""
    palette = list(colormaps["tab20"].colors) + list(colormaps["tab20b"].colors)
    return [palette[i % len(palette)] for i in range(n)]


def annual_by(
    obj: Any, by: str = "project", *, label: str = "name", portfolio: Any = None
) -> pd.DataFrame:
    """The schedule summed into groups: rows are groups (labelled), columns years, 万元.

    Parameters
    ----------
    obj
        A result with ``schedule_minor`` (or a project x year DataFrame of 万元).
    by
        ``"project"``, ``"street"``, ``"builder"`` or ``"budget_line"``.
    label
        For ``by="project"``: ``"name"`` or ``"id"``.
    portfolio
        Where the street and builder of each project are read when ``obj`` has no portfolio.
    """
    check_choice(by, BY, "by")
    check_choice(label, LABELS, "label")
    schedule = schedule_minor(obj)
    if by == "project":
        out = schedule.copy()
        out.index = pd.Index(project_labels(obj, schedule.index, label, portfolio), name="project")
        return out
    if by == "budget_line":
        return _by_budget_line(obj)
    source = portfolio_of(obj, portfolio)
    if source is None:
        raise PlotError(phrase("err_plot_by_portfolio", by=repr(by)))
    attribute = source.frame[by].reindex(schedule.index)
    if attribute.isna().any():
        missing = attribute.index[attribute.isna()][0]
        raise PlotError(phrase("err_plot_not_in_portfolio", project=repr(missing)))
    keys = attribute.replace("", "(none)")
    # groups in order of first appearance, as a reader of the source table meets them
    return schedule.groupby(keys.to_numpy(), sort=False).sum().rename_axis(by)


def _by_budget_line(obj: Any) -> pd.DataFrame:
    """What the plan draws on each budget line per year (a result spread over several lines)."""
    frame = getattr(obj, "line_totals_minor", None)
    if not isinstance(frame, pd.DataFrame):
        raise PlotError(phrase("err_plot_budget_line"))
    out = frame.fillna(0).astype(np.int64)
    out.columns = [int(year) for year in out.columns]
    return out.rename_axis("budget_line")


def _line_ceilings_sum(obj: Any, years: list[int]) -> pd.Series | None:
    """The sum of the budget lines' ceilings, in years where every line has one."""
    lines = getattr(obj, "line_ceilings_minor", None)
    if not isinstance(lines, pd.DataFrame) or lines.empty:
        return None
    lines = lines.astype("float64")
    lines.columns = [int(year) for year in lines.columns]
    lines = lines.reindex(columns=years)
    return lines.sum(axis=0, min_count=len(lines)).where(lines.notna().all(axis=0))


def plot_annual_spend(
    obj: Any,
    ax: Any = None,
    *,
    by: str = "project",
    label: str = "name",
    portfolio: Any = None,
    unit: str | None = None,
    ceiling: bool = True,
    totals: bool = True,
    legend: bool | None = None,
    lang: str | None = None,
    **style: Any,
) -> Any:
    """Annual spend as stacked bars, one stack per year, with the ceiling drawn as steps.

    Parameters
    ----------
    obj
        A result from ``capex.spread`` or ``capex.shift`` (anything with ``schedule_minor`` and,
        for the ceiling, ``ceilings_minor``), or a project x year DataFrame of integers of the
        minor unit (万元).
    ax
        Axes to draw on; a new figure when None.
    by
        What a segment of a stack is: ``"project"`` (default), ``"street"``, ``"builder"`` or
        ``"budget_line"`` (for a result spread over budget lines). Money on no line is a
        ``"(no line)"`` segment; lines that overlap (``"all"`` and ``"government"``) would count
        the same money twice, so they are drawn side by side instead, each under its own
        ceiling.
    label
        ``"name"`` (default) or ``"id"`` for the projects in the legend.
    portfolio
        The portfolio behind ``obj``, for streets, builders and names when ``obj`` has none.
    unit
        Unit of the amounts drawn: the result's display unit (亿元) by default, or another of
        its currency (``"万元"``).
    ceiling
        Draw the annual ceiling (a red step line across each year's bar) when ``obj`` has one;
        with ``by="budget_line"`` and no overall ceiling, the sum of the lines' ceilings.
    totals
        Write each year's total above its bar; in red where it is above the ceiling.
    legend
        Show the legend of groups; None (default) shows it up to 40 groups.
    lang
        ``"en"`` or ``"zh"`` (``capex.options.lang`` by default): the language of the title,
        axes and legend.
    **style
        Passed to :meth:`~matplotlib.axes.Axes.bar` (``width``, ``edgecolor``, ...).

    Returns
    -------
    matplotlib.axes.Axes
    """
    lang = check_lang(lang)
    money = money_of(obj)
    unit = unit_of(unit, money)
    groups = annual_by(obj, by, label=label, portfolio=portfolio)
    if by in ("street", "builder"):
        groups = groups.rename(index={"(none)": term("no_value", lang)})
    years = [int(year) for year in groups.columns]
    ax = get_ax(ax, figsize=(9.0, 5.0))
    bar_style = style_kwargs(style, linewidth=0.3, edgecolor="white")
    overlapping = False
    if by == "budget_line":
        year_totals = schedule_minor(obj).sum(axis=0).reindex(years, fill_value=0)
        drawn = groups.sum(axis=0)
        # nested lines ("all" and "government") count the same money twice: no stacking then
        overlapping = bool((drawn > year_totals).any())
        rest = year_totals - drawn
        if not overlapping and rest.any():
            groups.loc[term("no_line", lang)] = rest.to_numpy()
    if overlapping:
        _side_by_side(ax, obj, groups, (money, unit), ceiling, bar_style, lang)
    else:
        _stacked(ax, obj, groups, by, (money, unit), ceiling, totals, bar_style, lang)
    fiscal = getattr(obj, "fiscal_year", CALENDAR)  # years as the data name them
    ax.set_xticks(years, [fiscal.label(year, lang) for year in years])
    ax.set_xlabel(term("year", lang))
    ax.set_ylabel(with_unit(term("spend", lang), unit, lang))
    ax.set_title(term("plot_annual_title", lang, by=term(_BY_TERMS[by], lang)))
    ax.margins(y=0.1)
    show_legend = legend if legend is not None else len(groups) <= LEGEND_LIMIT
    if show_legend:
        ax.legend(
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize="x-small" if len(groups) > 12 else "small",
            ncols=2 if len(groups) > 20 else 1,
            frameon=False,
        )
    ax.grid(axis="y", alpha=0.3)
    return use_cjk_font(ax)


def _stacked(
    ax: Any,
    obj: Any,
    groups: pd.DataFrame,
    by: str,
    shown_in: tuple[Money, str],
    ceiling: bool,
    totals: bool,
    bar_style: dict[str, Any],
    lang: str | None = None,
) -> None:
    """One stack per year, the ceiling as a step line, the year's total above the stack."""
    money, unit = shown_in
    years = [int(year) for year in groups.columns]
    bottom = np.zeros(len(years))
    for color, (group, row) in zip(group_colors(len(groups)), groups.iterrows(), strict=True):
        heights = money.to_unit(row.to_numpy(), unit)
        bars = ax.bar(
            years,
            heights,
            bottom=bottom,
            color=color,
            label=str(group),
            **{"width": 0.7, **bar_style},
        )
        for patch, base in zip(bars.patches, bottom, strict=True):
            # a bar sticks the axis limit to its base; only the floor should stick, or an empty
            # segment on top of a full stack pins the top of the axes to the stack
            patch.sticky_edges.y[:] = [0.0] if base == 0 else []
        bottom = bottom + heights

    limits = ceilings_minor(obj, years) if ceiling else None
    if ceiling and by == "budget_line" and (limits is None or limits.isna().all()):
        limits = _line_ceilings_sum(obj, years)
    if limits is not None and limits.notna().any():
        xs, ys = _steps(years, limits.to_numpy())
        ax.plot(
            xs,
            money.to_unit(ys, unit),
            color=CEILING_COLOR,
            linewidth=2,
            label=term("ceiling", lang),
            zorder=3,
        )
    if not totals:
        return
    annual = groups.sum(axis=0).to_numpy()
    over = np.zeros(len(years), dtype=bool)
    if limits is not None:
        over = np.nan_to_num(annual - limits.to_numpy(), nan=0.0) > 0
    for year, amount, is_over in zip(years, annual, over, strict=True):
        ax.annotate(
            _amount_text(int(amount), money, unit),
            (year, money.to_unit([amount], unit)[0]),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize="small",
            color=CEILING_COLOR if is_over else "black",
        )


def _side_by_side(
    ax: Any,
    obj: Any,
    groups: pd.DataFrame,
    shown_in: tuple[Money, str],
    ceiling: bool,
    bar_style: dict[str, Any],
    lang: str | None = None,
) -> None:
    """Budget lines that overlap: one bar per line and year, each under its own ceiling."""
    money, unit = shown_in
    years = np.asarray([int(year) for year in groups.columns], dtype=float)
    width = 0.8 / len(groups)
    limits = getattr(obj, "line_ceilings_minor", None) if ceiling else None
    ceiling_label = term("ceiling", lang)
    for i, (color, (line_name, row)) in enumerate(
        zip(group_colors(len(groups)), groups.iterrows(), strict=True)
    ):
        centres = years - 0.4 + width * (i + 0.5)
        ax.bar(
            centres,
            money.to_unit(row.to_numpy(), unit),
            color=color,
            label=str(line_name),
            **{**bar_style, "width": width * 0.9},
        )
        if not isinstance(limits, pd.DataFrame) or line_name not in limits.index:
            continue
        line_limits = limits.loc[line_name].astype("float64")
        line_limits.index = [int(year) for year in line_limits.index]
        values = line_limits.reindex(years.astype(int)).to_numpy()
        ax.hlines(
            money.to_unit(values, unit),
            centres - width / 2,
            centres + width / 2,
            color=CEILING_COLOR,
            linewidth=2,
            label=ceiling_label,
            zorder=3,
        )
        ceiling_label = "_" + ceiling_label  # one legend entry for all the ceiling marks


def _steps(years: list[int], values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A step line across each year's bar: flat over [year - 0.5, year + 0.5]."""
    xs = np.repeat(np.asarray(years, dtype=float), 2) + np.tile([-0.5, 0.5], len(years))
    ys = np.repeat(np.asarray(values, dtype=float), 2)
    return xs, ys


def _amount_text(amount: int, money: Money, unit: str) -> str:
    if money.per(unit) <= 1:
        return f"{int(money.to_decimal(amount, unit)):,}"
    return f"{float(money.to_decimal(amount, unit)):,.2f}"
