"""Cumulative spend (the S-curve) against the cumulative ceiling."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from capex.plotting._common import (
    ceilings_minor,
    get_ax,
    money_of,
    schedule_minor,
    unit_of,
)
from capex.plotting.annual import CEILING_COLOR
from capex.plotting.fonts import use_cjk_font
from capex.solvers.result import PlanResult, full_windows
from capex.terms import check_lang, term, with_unit


def plot_cumulative(
    obj: Any,
    ax: Any = None,
    *,
    unit: str | None = None,
    ceiling: bool = True,
    lang: str | None = None,
    **style: Any,
) -> Any:
    """Cumulative spend by the end of each year, against the cumulative ceiling.

    The ceiling's curve is the most that could have been spent by the end of each year: what
    was spent before the first year with a ceiling, plus the ceilings since; where the spend
    curve touches it, every capped year so far was spent to its ceiling. Years without a
    ceiling break the ceiling's curve from there on.

    Parameters
    ----------
    obj
        A result (its full window, :meth:`capex.results.PlanResult.full_window`: every project's money
        before, in and after the plan period; ``ceilings_minor`` for the ceiling), a project x
        year DataFrame of whole amounts, or a mapping ``{label: result}`` to draw several
        plans on the same axes, for example a spread and a deferral plan, each over its full
        window so that they count the same money; the ceiling drawn is the first one's.
    ax
        Axes to draw on; a new figure when None.
    unit
        Unit of the amounts drawn: the display unit (亿元) by default, or another of the
        currency (``"万元"``).
    ceiling
        Draw the cumulative ceiling when the (first) result has one.
    lang
        ``"en"`` or ``"zh"`` (``capex.options.lang`` by default): the language of the title,
        axes and legend.
    **style
        Passed to :meth:`~matplotlib.axes.Axes.plot` for the spend curves.

    Returns
    -------
    matplotlib.axes.Axes
    """
    lang = check_lang(lang)
    money = money_of(obj)
    unit = unit_of(unit, money)
    plans = dict(obj) if isinstance(obj, Mapping) else {term("cumulative_spend", lang): obj}
    ax = get_ax(ax, figsize=(8.0, 4.5))
    first = next(iter(plans.values()))
    tables = _full_windows(plans)
    all_years: set[int] = set()
    for name, schedule in zip(plans, tables):
        years = [int(year) for year in schedule.columns]
        all_years.update(years)
        cumulative = np.cumsum(schedule.sum(axis=0).to_numpy())
        line_style = {"marker": "o", **style}
        ax.plot(years, money.to_unit(cumulative, unit), label=str(name), **line_style)
    if ceiling:
        years = [int(year) for year in tables[0].columns]
        limits = ceilings_minor(first, years)
        if limits is not None and limits.notna().any():
            # the most that could be spent by the end of each year: what the first plan spent
            # before its first capped year, plus the ceilings from there on; NaN propagates
            # through cumsum, so the curve stops at the first year without a ceiling
            capped = int(np.flatnonzero(limits.notna().to_numpy())[0])
            spent_before = float(tables[0].iloc[:, :capped].to_numpy().sum())
            cumulative_limit = spent_before + np.cumsum(limits.to_numpy()[capped:])
            ax.plot(
                years[capped:],
                money.to_unit(cumulative_limit, unit),
                color=CEILING_COLOR,
                linestyle="--",
                marker="_",
                label=term("cumulative_ceiling", lang),
            )
    return finish_cumulative(ax, all_years, unit, lang, term("plot_cumulative_title", lang))


def finish_cumulative(ax: Any, years: Any, unit: str, lang: str, title: str) -> Any:
    """Axes of cumulative spending: a tick per year end, the unit on the y axis, from zero."""
    ordered = sorted(years)
    ax.set_xticks(ordered, [str(year) for year in ordered])
    ax.set_xlabel(term("end_of_year", lang))
    ax.set_ylabel(with_unit(term("cumulative_spend", lang), unit, lang))
    ax.set_title(title)
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", fontsize="small")
    ax.grid(alpha=0.3)
    return use_cjk_font(ax)


def _full_windows(plans: Mapping[Any, Any]) -> list[pd.DataFrame]:
    """Each plan's full window (minor unit), lined up as :func:`capex.compare` lines them up;
    a plain DataFrame is taken as it is."""
    if all(isinstance(plan, PlanResult) for plan in plans.values()):
        return full_windows(list(plans.values()), [str(name) for name in plans])
    return [schedule_minor(plan) for plan in plans.values()]
