"""A project x year heat map of the schedule."""

from __future__ import annotations

from typing import Any

import numpy as np

from capex.plotting._common import (
    get_ax,
    money_of,
    project_labels,
    schedule_minor,
    unit_of,
)
from capex.plotting.fonts import use_cjk_font
from capex.terms import check_lang, term

ANNOTATE_LIMIT = 400  # cells; beyond this the numbers are too small to read


def plot_heatmap(
    obj: Any,
    ax: Any = None,
    *,
    label: str = "name",
    portfolio: Any = None,
    unit: str | None = None,
    annotate: bool | None = None,
    colorbar: bool = True,
    lang: str | None = None,
    **style: Any,
) -> Any:
    """A heat map of the schedule: one row per project, one column per year.

    Cells with no spend are left blank, so a project's window reads as its coloured run.

    Parameters
    ----------
    obj
        A result with ``schedule_minor``, or a project x year DataFrame of integer 万元.
    ax
        Axes to draw on; a new figure when None.
    label
        ``"name"`` (default) or ``"id"`` for the project tick labels.
    portfolio
        Where names are read when ``obj`` carries none.
    unit
        Unit of the amounts drawn: the display unit (亿元) by default, or another of the
        currency (``"万元"``).
    annotate
        Write each cell's amount in it; None (default) does so up to 400 cells.
    colorbar
        Add a colour bar in ``unit``.
    lang
        ``"en"`` or ``"zh"`` (``capex.options.lang`` by default): the language of the title,
        axes and legend.
    **style
        Passed to :meth:`~matplotlib.axes.Axes.imshow` (``cmap``, ``vmax``, ...).

    Returns
    -------
    matplotlib.axes.Axes
    """
    lang = check_lang(lang)
    money = money_of(obj)
    unit = unit_of(unit, money)
    schedule = schedule_minor(obj)
    labels = project_labels(obj, schedule.index, label, portfolio)
    years = [int(year) for year in schedule.columns]
    values = money.to_unit(schedule.to_numpy(), unit).astype(float)
    shown = np.ma.masked_equal(values, 0.0)
    n_rows, n_cols = values.shape
    ax = get_ax(ax, figsize=(max(5.0, 0.75 * n_cols + 4.0), max(3.0, 0.28 * n_rows + 1.2)))
    image_style = {"cmap": "YlOrRd", "aspect": "auto", "interpolation": "nearest", **style}
    image = ax.imshow(shown, **image_style)
    ax.set_xticks(range(n_cols), [str(year) for year in years])
    ax.set_yticks(range(n_rows), labels)
    ax.set_xlabel(term("year", lang))
    ax.set_title(term("plot_heatmap_title", lang, unit=unit))
    if annotate if annotate is not None else values.size <= ANNOTATE_LIMIT:
        threshold = 0.6 * float(shown.max()) if shown.count() else 0.0
        for (row, col), value in np.ndenumerate(values):
            if value == 0:
                continue
            text = f"{int(value):,}" if money.per(unit) <= 1 else f"{value:.2f}"
            ax.text(
                col,
                row,
                text,
                ha="center",
                va="center",
                fontsize="x-small",
                color="white" if value > threshold else "black",
            )
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
        bar.set_label(unit)
        use_cjk_font(bar.ax)
    return use_cjk_font(ax)
