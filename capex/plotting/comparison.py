"""Plans side by side: the annual totals of each compared result, with their ceilings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib import colormaps

from capex.plotting._common import (
    PlotError,
    check_choice,
    expected,
    get_ax,
    money_of,
    style_kwargs,
    unit_of,
)
from capex.plotting.annual import CEILING_COLOR
from capex.plotting.fonts import use_cjk_font
from capex.terms import check_lang, phrase, term, with_unit

KINDS = ("bar", "line")
"""How :func:`plot_comparison` draws each result: grouped bars or one line per result."""

_CEILING_STYLES = ("-", "--", ":", "-.")


def plot_comparison(
    comparison: Any,
    ax: Any = None,
    *,
    kind: str = "bar",
    years: Sequence[int] | None = None,
    unit: str | None = None,
    ceiling: bool = True,
    legend: bool = True,
    lang: str | None = None,
    **style: Any,
) -> Any:
    """The annual totals of each compared plan side by side, with each plan's ceiling.

    Parameters
    ----------
    comparison
        A :class:`capex.results.Comparison` (from :func:`capex.compare`).
    ax
        Axes to draw on; a new figure when None.
    kind
        ``"bar"`` (default): one group of bars per year, one bar per plan in the order of the
        comparison, labelled with the plan's name; ``"line"``: one line per plan.
    years
        The years to draw; default every year of the comparison.
    unit
        Unit of the amounts drawn: the display unit (亿元) by default, or another of the
        currency (``"万元"``).
    ceiling
        Draw each plan's annual ceiling (:attr:`Comparison.ceilings`) where it has one: a red
        mark across the plan's own bar (one mark across the whole group when the plans share
        the same ceilings), or a dashed step line with ``kind="line"``.
    legend
        Show the legend (the plans' names, and the ceilings).
    lang
        ``"en"`` or ``"zh"`` (``capex.options.lang`` by default): the language of the title,
        axes and legend.
    **style
        Passed to :meth:`~matplotlib.axes.Axes.bar` or :meth:`~matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import capex
    >>> p = capex.load_projects()
    >>> base = capex.Scenario("base").run(p)                               # doctest: +SKIP
    >>> later = capex.Scenario("later", shifts={19: 1, 20: 1}).run(p)     # doctest: +SKIP
    >>> capex.plotting.plot_comparison(capex.compare(base, later))         # doctest: +SKIP
    """
    check_choice(kind, KINDS, "kind")
    lang = check_lang(lang)
    money = money_of(comparison)
    unit = unit_of(unit, money)
    annual = getattr(comparison, "annual", None)
    if not isinstance(annual, pd.DataFrame):
        raise PlotError(expected("err_plot_what_comparison", comparison))
    all_years = [int(y) for y in annual.index]
    if years is None:
        chosen = all_years
    else:
        chosen = [int(y) for y in years]
        unknown = [y for y in chosen if y not in all_years]
        if unknown:
            raise PlotError(
                phrase("err_plot_no_year", year=unknown[0], first=all_years[0], last=all_years[-1])
            )
    if hasattr(comparison, "in_unit"):
        comparison = comparison.in_unit(unit)  # amounts converted by its money
        annual = comparison.annual
    totals = annual.loc[chosen]
    ceilings = getattr(comparison, "ceilings", None)
    limits = ceilings.loc[chosen] if ceiling and isinstance(ceilings, pd.DataFrame) else None

    ax = get_ax(ax, figsize=(max(6.0, 0.9 * len(chosen) + 2.0), 4.5))
    labels = [str(label) for label in annual.columns]
    colors = plan_colors(len(labels))
    x = np.asarray(chosen, dtype=float)
    if kind == "bar":
        width = 0.8 / len(labels)
        centres = {label: x - 0.4 + width * (i + 0.5) for i, label in enumerate(labels)}
        for color, label in zip(colors, labels, strict=True):
            ax.bar(
                centres[label],
                totals[label].to_numpy(),
                label=label,
                **style_kwargs(style, width=width * 0.9, color=color),
            )
        if limits is not None:
            _ceiling_marks(ax, limits, centres, width, lang)
    else:
        for color, label in zip(colors, labels, strict=True):
            ax.plot(
                x,
                totals[label].to_numpy(),
                label=label,
                **style_kwargs(style, marker="o", color=color),
            )
        if limits is not None:
            _ceiling_steps(ax, limits, x, lang)
    ax.set_xticks(x, [str(year) for year in chosen])
    ax.set_xlabel(term("year", lang))
    ax.set_ylabel(with_unit(term("annual_spend", lang), unit, lang))
    ax.set_title(term("plot_comparison_title", lang))
    ax.grid(axis="y", alpha=0.3)
    if legend:
        ax.legend(loc="upper left", fontsize="small")
    return use_cjk_font(ax)


def plan_colors(n: int) -> list[Any]:
    """``n`` colours that tell plans apart at a glance (tab10 without its red, the ceiling's)."""
    palette = [color for i, color in enumerate(colormaps["tab10"].colors) if i != 3]
    return [palette[i % len(palette)] for i in range(n)]


def _same_ceilings(limits: pd.DataFrame) -> list[list[str]]:
    """The plans grouped by identical ceilings (plans with none are left out)."""
    groups: list[list[str]] = []
    for label in limits.columns:
        column = limits[label]
        if column.isna().all():
            continue
        for group in groups:
            if column.equals(limits[group[0]]):
                group.append(str(label))
                break
        else:
            groups.append([str(label)])
    return groups


def _ceiling_label(groups: list[list[str]], group: list[str], lang: str) -> str:
    if len(groups) == 1:
        return term("ceiling", lang)
    return term("ceiling_of", lang, plans=term("list_separator", lang).join(group))


def _ceiling_marks(
    ax: Any, limits: pd.DataFrame, centres: dict[str, np.ndarray], width: float, lang: str
) -> None:
    """A red mark at each ceiling, across the bars of the plans that have it."""
    groups = _same_ceilings(limits)
    for style, group in zip(_CEILING_STYLES * len(groups), groups):
        values = limits[group[0]].to_numpy(dtype=float)
        lefts = np.min([centres[label] for label in group], axis=0) - width / 2
        rights = np.max([centres[label] for label in group], axis=0) + width / 2
        shown = ~np.isnan(values)
        ax.hlines(
            values[shown], lefts[shown], rights[shown],
            color=CEILING_COLOR, linewidth=2, linestyle=style, zorder=3, label=_ceiling_label(groups, group, lang),
        )  # fmt: skip


def _ceiling_steps(ax: Any, limits: pd.DataFrame, x: np.ndarray, lang: str) -> None:
    """Each distinct ceiling as a dashed step line over the years."""
    groups = _same_ceilings(limits)
    for style, group in zip(_CEILING_STYLES[1:] * len(groups), groups):
        ax.step(
            x, limits[group[0]].to_numpy(dtype=float), where="mid",
            color=CEILING_COLOR, linestyle=style, linewidth=1.5, label=_ceiling_label(groups, group, lang),
        )  # fmt: skip
