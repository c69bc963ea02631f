"""The carry-over: each old project's total split into spent, carried over and saving."""

from __future__ import annotations

from typing import Any

import numpy as np

from capex.plotting._common import (
    LABELS,
    PlotError,
    check_choice,
    expected,
    get_ax,
    style_kwargs,
    unit_of,
)
from capex.plotting.fonts import use_cjk_font
from capex.terms import check_lang, term, with_unit

PARTS = (
    ("spent_minor", "spent", "#08519c"),
    ("carried_minor", "carried", "#ff7f0e"),
    ("saving_minor", "released", "#2ca02c"),
    ("suspended_minor", "suspended", "#9467bd"),
)


def plot_carry_over(
    hand: Any,
    ax: Any = None,
    *,
    unit: str | None = None,
    label: str = "name",
    lang: str | None = None,
    **style: Any,
) -> Any:
    """One horizontal bar per old project: spent, carried over, released (saving) and, for a
    stopped project, suspended, stacked, a black mark at the total (a bar running past it is an
    overrun).

    Parameters
    ----------
    hand
        A :class:`~capex.afterlife.rollforward.HandOver`.
    ax
        Axes to draw on; a new figure when None.
    unit
        Unit of the amounts drawn (the display unit, 亿元, by default).
    label
        ``"name"`` or ``"id"`` for the projects.
    lang
        ``"en"`` or ``"zh"``; the hand-over's own by default.
    **style
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not hasattr(hand, "reconciliation") or not hasattr(hand, "next_period"):
        raise PlotError(expected("err_plot_what_carryover", hand))
    lang = check_lang(lang or hand.lang)
    money = hand.money
    unit = unit_of(unit, money)
    table = hand.reconciliation
    ax = get_ax(ax, figsize=(8.0, max(3.0, 0.28 * len(table) + 1.0)))
    positions = np.arange(len(table))
    left = np.zeros(len(table))
    for column, key, color in PARTS:
        if column == "suspended_minor" and not table[column].any():
            continue  # no project was stopped: no empty legend entry
        values = np.asarray(money.to_unit(table[column].to_numpy(), unit), dtype=float)
        ax.barh(
            positions,
            values,
            left=left,
            **style_kwargs(style, color=color, label=term(key, lang)),
        )
        left += values
    totals = np.asarray(money.to_unit(table["total_minor"].to_numpy(), unit), dtype=float)
    ax.scatter(
        totals, positions, marker="|", color="black", s=120, zorder=3, label=term("total", lang)
    )
    check_choice(label, LABELS, "label")
    names = table["name"].astype(str) if label == "name" else table.index.astype(str)
    ax.set_yticks(positions, list(names))
    ax.margins(x=0.04)
    ax.invert_yaxis()
    ax.set_xlabel(with_unit(term("total_investment", lang), unit, lang))
    first, last = hand.next_period
    ax.set_title(
        term(
            "plot_carry_over",
            lang,
            last=first - 1,
            first_next=first,
            last_next=last,
        )
    )
    ax.legend(loc="lower right", fontsize="small")
    ax.grid(alpha=0.3, axis="x")
    return use_cjk_font(ax)
