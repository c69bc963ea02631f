"""The efficient frontier of a selection: the best value at each envelope."""

from __future__ import annotations

from typing import Any

import numpy as np

from capex.plotting._common import PlotError, expected, get_ax, style_kwargs, unit_of
from capex.plotting.fonts import use_cjk_font
from capex.terms import check_lang, phrase, said, term, with_unit


def plot_frontier(
    frontier: Any,
    ax: Any = None,
    *,
    unit: str | None = None,
    lang: str | None = None,
    annotate: bool = True,
    **style: Any,
) -> Any:
    """The best value at each envelope as a step line, each point marked; the projects that
    enter at a point written beside it (``annotate``), a point not proven optimal hollow.

    Parameters
    ----------
    frontier
        A :class:`~capex.solvers.selection.Frontier` (``result.frontier(envelopes)``).
    ax
        Axes to draw on; a new figure when None.
    unit
        Unit of the envelopes drawn (the display unit, 亿元, by default).
    lang
        ``"en"`` (default) or ``"zh"``.
    annotate
        Write the ids of the projects that enter at each point.
    **style
        Passed to :meth:`~matplotlib.axes.Axes.step`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not hasattr(frontier, "envelopes_minor") or not hasattr(frontier, "values_scaled"):
        raise PlotError(expected("err_plot_what_frontier", frontier))
    lang = check_lang(lang)
    money = frontier.money
    unit = unit_of(unit, money)
    frame = frontier.to_frame(unit, lang="en")  # read by its keys, whatever the option
    known = frame["value"].notna().to_numpy()
    x = frame["envelope"].to_numpy(dtype=float)[known]
    y = frame["value"].to_numpy(dtype=float)[known]
    proven = np.array([s == "optimal" for s in frontier.statuses])[known]
    ax = get_ax(ax)
    if not len(x):
        raise PlotError(phrase("err_plot_no_envelope"))
    ax.step(x, y, where="post", **style_kwargs(style, color="#08519c", linewidth=1.8))
    ax.scatter(x[proven], y[proven], color="#08519c", zorder=3, s=28)
    if (~proven).any():
        ax.scatter(x[~proven], y[~proven], facecolors="white", edgecolors="#08519c", zorder=3, s=28)
    if annotate:
        for xi, yi, entering in zip(x, y, frame["enter"].to_numpy()[known]):
            if entering:
                shown = entering if len(entering) <= 24 else entering[:22] + "…"
                ax.annotate(
                    "+" + shown,
                    (xi, yi),
                    textcoords="offset points",
                    xytext=(4, -10),
                    fontsize="x-small",
                    color="#444444",
                )
    label = said(frontier.value_label, lang)
    ax.set_xlabel(with_unit(term("envelope", lang), unit, lang))
    ax.set_ylabel(label)
    ax.set_title(term("select_frontier_title", lang, label=label, unit=unit))
    ax.grid(alpha=0.3)
    return use_cjk_font(ax)
