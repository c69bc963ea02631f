"""The reconciliation split: the part of each project's total before, in and after the plan."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from capex.model.cashflow import SPLIT_COLUMNS, plan_split
from capex.model.money import Money
from capex.plotting._common import (
    LABELS,
    PlotError,
    check_choice,
    expected,
    get_ax,
    money_of,
    portfolio_of,
    style_kwargs,
    unit_of,
)
from capex.plotting.fonts import use_cjk_font
from capex.terms import check_lang, term, with_unit

# one colour per part, in the order the parts fall in time
_COLORS = {
    "before_minor": "#9e9e9e",
    "in_plan_minor": "#1f77b4",
    "after_minor": "#aec7e8",
    "unplaceable_minor": "#d62728",
}


def _split_of(obj: Any) -> tuple[pd.DataFrame, pd.Series, tuple[int, int], Any]:
    """Split (万元), names, plan period and published totals of a portfolio or a report."""
    split = getattr(obj, "split_minor", None)  # a ReconciliationReport
    if isinstance(split, pd.DataFrame) and set(SPLIT_COLUMNS) <= set(split.columns):
        return split[list(SPLIT_COLUMNS)], split["name"], obj.plan_period, obj.published
    portfolio = portfolio_of(obj)
    if portfolio is None:
        raise PlotError(expected("err_plot_what_reconciliation", obj))
    names = portfolio.frame["name"]
    return plan_split(portfolio), names, portfolio.plan_period, portfolio.published


def plot_reconciliation(
    obj: Any,
    ax: Any = None,
    *,
    label: str = "name",
    unit: str | None = None,
    lang: str | None = None,
    **style: Any,
) -> Any:
    """Horizontal stacked bars of each project's total, split by the plan period.

    Each bar is one project's total investment, in four parts: the years before the plan
    period, the plan period itself (the published plan investment), the years after, and what
    the window has no year for (drawn in red: a figure to query with the source). The title
    compares the sums with the published totals when the portfolio has them.

    Parameters
    ----------
    obj
        A :class:`~capex.Portfolio`, or a reconciliation report of one (``capex.reconcile``).
    ax
        Axes to draw on; a new figure when None.
    label
        ``"name"`` (default) or ``"id"`` for the project tick labels.
    unit
        Unit of the amounts drawn: the display unit (亿元) by default, or another of the
        currency (``"万元"``).
    lang
        ``"en"`` or ``"zh"`` (``capex.options.lang`` by default): the language of the title,
        axes and legend.
    **style
        Passed to :meth:`~matplotlib.axes.Axes.barh` (``height``, ``edgecolor``, ...).

    Returns
    -------
    matplotlib.axes.Axes
    """
    lang = check_lang(lang)
    money = money_of(obj)
    unit = unit_of(unit, money)
    split, names, (first, last), published = _split_of(obj)
    part_names = {
        "before_minor": term("before_year", lang, year=first),
        "in_plan_minor": term("years_span", lang, first=first, last=last),
        "after_minor": term("after_year", lang, year=last),
        "unplaceable_minor": term("unplaceable", lang),
    }
    check_choice(label, LABELS, "label")
    labels = [str(i) for i in split.index] if label == "id" else names.astype(str).tolist()
    ax = get_ax(ax, figsize=(9.0, max(3.0, 0.28 * len(split) + 1.2)))
    positions = np.arange(len(split))
    left = np.zeros(len(split))
    bar_style = style_kwargs(style, height=0.7)
    for part in SPLIT_COLUMNS:
        values = money.to_unit(split[part].to_numpy(), unit)
        if part == "unplaceable_minor" and not values.any():
            continue  # no legend entry for a part nobody has
        ax.barh(
            positions,
            values,
            left=left,
            color=_COLORS[part],
            label=part_names[part],
            **bar_style,
        )
        left = left + values
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()  # first project on top, as in the source table
    ax.margins(x=0.02)
    ax.set_xlabel(with_unit(term("investment", lang), unit, lang))
    ax.set_title(_title(split, published, money, unit, lang))
    ax.legend(loc="lower right", fontsize="small")
    ax.grid(axis="x", alpha=0.3)
    return use_cjk_font(ax)


def _title(split: pd.DataFrame, published: Any, money: Money, unit: str, lang: str) -> str:
    def amount(minor: int) -> str:
        text = money.format(int(minor), unit)
        return text.replace(" ", "") if lang == "zh" else text

    total = int(split[list(SPLIT_COLUMNS)].to_numpy().sum())
    in_plan = int(split["in_plan_minor"].sum())
    text = term("plot_split_title", lang, total=amount(total), plan=amount(in_plan))
    if published is not None:
        text += "\n" + term(
            "plot_split_published",
            lang,
            total=amount(published.total_minor),
            plan=amount(published.plan_minor),
        )
    return text
