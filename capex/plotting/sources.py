"""Each year's spending stacked by funding source."""

from __future__ import annotations

from typing import Any

import numpy as np

from capex.model.budget_year import CALENDAR
from capex.plotting._common import PlotError, get_ax, style_kwargs, unit_of
from capex.plotting.annual import group_colors
from capex.plotting.fonts import use_cjk_font
from capex.terms import check_lang, phrase, term, with_unit


def plot_sources(
    result: Any,
    ax: Any = None,
    *,
    unit: str | None = None,
    lang: str | None = None,
    totals: bool = True,
    **style: Any,
) -> Any:
    """Each year's spending of a plan stacked by funding source.

    The stacks are the top-level sources (a nested source, such as 专项债券 inside
    政府性基金预算, is part of its parent's bar and drawn hatched over it, so no money is
    counted twice), and the money of projects with no split (unassigned) where there is any;
    the years are labelled as the plan names them (``FY2027``, ``2026-27``).

    Parameters
    ----------
    result
        A plan with sources (``to_frame(by="source")`` works on it): a spread, a deferral,
        a scenario's result, or a month plan (its months).
    ax
        The Axes to draw on (a new figure when None).
    unit
        The unit of the amounts (the plan's display unit by default).
    lang
        ``"en"`` or ``"zh"``: the title, axes and the unassigned money's name.
    totals
        Write each year's total above its bar.
    **style
        Passed to :meth:`~matplotlib.axes.Axes.bar` (``width``, ``edgecolor``, ...).

    Returns
    -------
    matplotlib.axes.Axes
    """
    lang = check_lang(lang)
    by_source = getattr(result, "by_source_minor", None)
    sources = getattr(result, "sources", None)
    if by_source is None or sources is None:
        raise PlotError(phrase("err_plot_no_sources"))
    money = result.money
    unit = unit_of(unit, money)
    table = by_source()
    months = hasattr(result, "month_headings")
    labels = (
        [str(h) for h in result.month_headings(lang)]
        if months
        else [getattr(result, "fiscal_year", CALENDAR).label(y, lang) for y in table.columns]
    )
    x = np.arange(len(table.columns))
    ax = get_ax(ax, figsize=(9.0, 5.0))
    bar_style = style_kwargs(style, linewidth=0.3, edgecolor="white", width=0.7)
    top = [name for name in table.index if name not in sources.within]
    top = [name for name in top if table.loc[name].to_numpy().any() or name in sources.names]
    colors = dict(zip(top, group_colors(len(top))))
    bottom = np.zeros(len(x))
    base = {}
    for name in top:
        values = money.to_unit(table.loc[name].to_numpy(np.int64), unit).astype(float)
        if not values.any():
            continue
        shown = term("source_unassigned", lang) if name not in sources.names else name
        ax.bar(x, values, bottom=bottom, color=colors[name], label=shown, **bar_style)
        base[name] = bottom.copy()
        bottom = bottom + values
    for name, parent in sources.within.items():  # a nested source: hatched inside its parent
        top_parent = parent
        while top_parent in sources.within:
            top_parent = sources.within[top_parent]
        values = money.to_unit(table.loc[name].to_numpy(np.int64), unit).astype(float)
        if not values.any() or top_parent not in base:
            continue
        label = term("of_which", lang, name=name)
        hatched = {**bar_style, "edgecolor": "black", "linewidth": 0.0}
        ax.bar(x, values, bottom=base[top_parent], color="none", hatch="//", label=label, **hatched)
    if totals:
        for position, value in zip(x, bottom):
            if value:
                ax.annotate(
                    f"{value:,.{money.decimals(unit) if money.decimals(unit) < 3 else 2}f}",
                    (position, value),
                    ha="center",
                    va="bottom",
                    fontsize="x-small",
                )
    ax.set_xticks(x, labels)
    ax.set_xlabel(term("month" if months else "year", lang))
    ax.set_ylabel(with_unit(term("spend", lang), unit, lang))
    ax.set_title(term("plot_sources_title", lang))
    ax.margins(y=0.12)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    ax.grid(axis="y", alpha=0.3)
    return use_cjk_font(ax)
