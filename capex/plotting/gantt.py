"""Gantt charts of project windows: one plan, or a base plan against a scenario."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from capex.plotting._common import (
    PlotError,
    get_ax,
    portfolio_of,
    project_labels,
    schedule_minor,
    style_kwargs,
)
from capex.plotting.fonts import use_cjk_font
from capex.terms import check_lang, phrase, term

BASE_COLOR = "#1f77b4"
SHIFTED_COLOR = "#ff7f0e"
UNCHANGED_COLOR = "#7f7f7f"


def windows_of(obj: Any, portfolio: Any = None) -> pd.DataFrame:
    """Window of each project (``start_year``, ``end_year``, inclusive) in ``obj``.

    ``obj`` is a Portfolio; a result with ``windows`` (a frame of start and end years); a shift
    result with ``delays`` (years by project) applied to its portfolio's windows; or a result
    whose schedule gives the first and last year with spending.
    """
    if hasattr(obj, "frame") and hasattr(obj, "plan_period"):  # a Portfolio
        return obj.frame[["start_year", "end_year"]].astype(np.int64)
    windows = getattr(obj, "windows", None)
    if isinstance(windows, pd.DataFrame) and {"start_year", "end_year"} <= set(windows.columns):
        return windows[["start_year", "end_year"]].astype(np.int64)
    base = portfolio_of(obj, portfolio)
    delays = getattr(obj, "delays", None)
    if base is not None and delays is not None:
        frame = base.frame[["start_year", "end_year"]].astype(np.int64)
        shift = pd.Series(delays).reindex(frame.index).fillna(0).astype(np.int64)
        return frame.add(shift, axis=0)
    if hasattr(obj, "schedule_minor"):
        schedule = schedule_minor(obj)
        years = np.asarray(schedule.columns, dtype=np.int64)
        spends = schedule.to_numpy() > 0
        if not spends.any(axis=1).all():
            raise PlotError(phrase("err_plot_no_spending"))
        first = years[spends.argmax(axis=1)]
        last = years[len(years) - 1 - spends[:, ::-1].argmax(axis=1)]
        return pd.DataFrame({"start_year": first, "end_year": last}, index=schedule.index)
    raise PlotError(phrase("err_plot_windows_from", kind=type(obj).__name__))


def plot_gantt(
    base: Any,
    ax: Any = None,
    *,
    scenario: Any = None,
    label: str = "name",
    portfolio: Any = None,
    lang: str | None = None,
    **style: Any,
) -> Any:
    """A Gantt chart of project windows, with the plan period shaded.

    With ``scenario``, each project shows its base window as a pale outline and its scenario
    window as a bar on top; a project whose window moved has its bar and name in orange and
    the shift in years at the bar's end (``+2``; ``+1, 4 y`` when its length changed too), and
    the legend counts the moved projects.

    Parameters
    ----------
    base
        A Portfolio, or a result (see :func:`windows_of`).
    ax
        Axes to draw on; a new figure when None.
    scenario
        A Portfolio or result to compare with ``base`` (same project ids), e.g. from
        ``capex.shift``.
    label
        ``"name"`` (default) or ``"id"`` for the project tick labels.
    portfolio
        The portfolio behind ``base`` and ``scenario`` when they are results that do not
        carry one (for the windows of a shift result and for the names).
    lang
        ``"en"`` or ``"zh"`` (``capex.options.lang`` by default): the language of the title,
        axes and legend.
    **style
        Passed to :meth:`~matplotlib.axes.Axes.barh` for the (scenario) bars.

    Returns
    -------
    matplotlib.axes.Axes
    """
    lang = check_lang(lang)
    base_windows = windows_of(base, portfolio)
    base_portfolio = portfolio_of(base, portfolio)
    labels = project_labels(base, base_windows.index, label, base_portfolio)
    n = len(base_windows)
    ax = get_ax(ax, figsize=(9.0, max(3.0, 0.28 * n + 1.2)))
    positions = np.arange(n)

    plan_period = getattr(base_portfolio, "plan_period", None)
    if plan_period is not None:
        first, last = plan_period
        ax.axvspan(
            first,
            last + 1,
            color="#2ca02c",
            alpha=0.08,
            label=term("plan_years", lang, first=first, last=last),
        )

    legend_extra: list[Patch] = []
    starts = base_windows["start_year"].to_numpy()
    lengths = base_windows["end_year"].to_numpy() - starts + 1
    if scenario is None:
        bar_style = style_kwargs(style, height=0.6, color=BASE_COLOR)
        ax.barh(positions, lengths, left=starts, label=term("window", lang), **bar_style)
    else:
        new = windows_of(scenario, portfolio if portfolio is not None else base_portfolio)
        missing = base_windows.index.difference(new.index)
        if len(missing):
            raise PlotError(phrase("err_plot_no_window", project=repr(missing[0])))
        new = new.reindex(base_windows.index)
        new_starts = new["start_year"].to_numpy()
        new_lengths = new["end_year"].to_numpy() - new_starts + 1
        moved = (new_starts != starts) | (new_lengths != lengths)
        ax.barh(
            positions,
            lengths,
            left=starts,
            height=0.8,
            facecolor="none",
            edgecolor=UNCHANGED_COLOR,
            linestyle="--",
            label=term("base_window", lang),
        )
        colors = np.where(moved, SHIFTED_COLOR, BASE_COLOR)
        bar_style = style_kwargs(style, height=0.5, color=list(colors))
        ax.barh(positions, new_lengths, left=new_starts, **bar_style)
        # proxies so the legend tells the two colours of the scenario bars apart
        legend_extra = [
            Patch(color=BASE_COLOR, label=term("scenario_unchanged", lang)),
            Patch(color=SHIFTED_COLOR, label=term("scenario_moved", lang, n=int(moved.sum()))),
        ]
        for i in np.flatnonzero(moved):
            shift = int(new_starts[i] - starts[i])
            text = (
                f"{shift:+d}"
                if new_lengths[i] == lengths[i]
                else term("shift_and_length", lang, shift=f"{shift:+d}", years=new_lengths[i])
            )
            ax.annotate(
                text,
                (new_starts[i] + new_lengths[i], positions[i]),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize="small",
                color=SHIFTED_COLOR,
            )
    ax.set_yticks(positions, labels)
    if scenario is not None:
        for i in np.flatnonzero(moved):
            ax.get_yticklabels()[i].set_color(SHIFTED_COLOR)
    ax.invert_yaxis()
    # a bar runs from 1 January of its first year to 31 December of its last: label the middles
    lows = [int(starts.min())] + ([int(new_starts.min())] if scenario is not None else [])
    highs = [int((starts + lengths).max())]
    if scenario is not None:
        highs.append(int((new_starts + new_lengths).max()))
    if plan_period is not None:
        lows.append(plan_period[0])
        highs.append(plan_period[1] + 1)
    years = range(min(lows), max(highs))
    ax.set_xticks([year + 0.5 for year in years], [str(year) for year in years])
    ax.set_xticks([*years, years[-1] + 1], minor=True)
    ax.tick_params(axis="x", which="minor", length=0)
    ax.set_xlim(min(lows), max(highs) + (0.6 if scenario is not None else 0))
    ax.set_xlabel(term("year", lang))
    handles, _ = ax.get_legend_handles_labels()
    ax.legend(handles=handles + legend_extra, loc="upper right", fontsize="small")
    ax.grid(axis="x", which="minor", alpha=0.3)
    return use_cjk_font(ax)
