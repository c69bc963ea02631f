"""The fan chart of a risk result: each year's spread of spending against its ceiling."""

from __future__ import annotations

from typing import Any

import numpy as np

from capex.plotting._common import PlotError, expected, get_ax, money_of, style_kwargs, unit_of
from capex.plotting.annual import CEILING_COLOR
from capex.plotting.fonts import use_cjk_font
from capex.terms import check_lang, phrase, term, with_unit

FAN_COLOR = "#1f77b4"
PLANNED_COLOR = "#333333"


def plot_risk(
    risk: Any,
    ax: Any = None,
    *,
    unit: str | None = None,
    years: str = "all",
    chances: bool = True,
    lang: str | None = None,
    **style: Any,
) -> Any:
    """A fan chart: each year's P10-P95 and P10-P90 bands, its P50 and P80, against its ceiling.

    Parameters
    ----------
    risk
        A :class:`~capex.risk.result.RiskResult` (of :func:`capex.simulate`).
    ax
        Axes to draw on; a new figure when None.
    unit
        Unit of the amounts drawn: the money's display unit (亿元 for the bundled plan) by
        default, or another of its currency's (``"万元"``).
    years
        ``"all"`` (every year a draw spends in) or ``"plan"`` (the plan period only).
    chances
        Write each budget year's chance of going over above its ceiling.
    lang
        ``"en"`` or ``"zh"``: the language of the title, axes and legend (the risk result's
        own by default).
    **style
        Passed to :meth:`~matplotlib.axes.Axes.fill_between` for the bands (``color``,
        ``alpha``, ...).

    Returns
    -------
    matplotlib.axes.Axes
        Bands labelled ``"P10-P95"`` and ``"P10-P90"``, lines ``"P50"``, ``"P80"``,
        ``"as planned"`` and ``"ceiling"`` (when there are ceilings; ``原计划`` and ``预算上限``
        in Chinese).
    """
    from capex.risk.result import quantile_table

    draws = getattr(risk, "annual_draws_minor", None)
    if draws is None:
        raise PlotError(expected("err_plot_what_risk", risk))
    lang = check_lang(lang or getattr(risk, "lang", "en"))
    money = money_of(risk)
    unit = unit_of(unit, money)
    if years not in ("all", "plan"):
        raise PlotError(phrase("err_plot_years", value=repr(years)))
    shown = [int(y) for y in draws.columns]
    if years == "plan":
        first, last = risk.plan_period
        shown = [y for y in shown if first <= y <= last]
    quantiles = quantile_table(draws.reindex(columns=shown).to_numpy(), shown)
    ax = get_ax(ax, figsize=(9.0, 4.8))
    band = style_kwargs(style, color=FAN_COLOR, linewidth=0)
    alpha = band.pop("alpha", None)
    ax.fill_between(
        shown,
        money.to_unit(quantiles["P10"], unit),
        money.to_unit(quantiles["P95"], unit),
        alpha=0.18 if alpha is None else alpha,
        label="P10-P95",
        **band,
    )
    ax.fill_between(
        shown,
        money.to_unit(quantiles["P10"], unit),
        money.to_unit(quantiles["P90"], unit),
        alpha=0.3 if alpha is None else alpha,
        label="P10-P90",
        **band,
    )
    ax.plot(shown, money.to_unit(quantiles["P50"], unit), color=FAN_COLOR, label="P50")
    ax.plot(
        shown, money.to_unit(quantiles["P80"], unit), color=FAN_COLOR, linestyle="--", label="P80"
    )
    planned = risk.planned_minor.reindex(shown, fill_value=0).to_numpy(dtype=np.int64)
    ax.plot(
        shown,
        money.to_unit(planned, unit),
        color=PLANNED_COLOR,
        linestyle=":",
        marker="o",
        markersize=3,
        label=term("risk_as_planned", lang),
    )
    ceilings = risk.ceilings_minor.reindex(shown)
    with_ceiling = [y for y, c in zip(shown, ceilings) if not np.isnan(c)]
    if with_ceiling:
        values = ceilings.loc[with_ceiling].to_numpy(dtype=np.int64)
        ax.plot(
            with_ceiling,
            money.to_unit(values, unit),
            color=CEILING_COLOR,
            linestyle="none",
            marker="_",
            markersize=22,
            markeredgewidth=2,
            label=term("ceiling", lang),
        )
    if chances:
        chance = risk.breach_probability
        top = money.to_unit(quantiles["P95"], unit)
        for year, value in chance.items():
            if int(year) in shown and not np.isnan(value):
                position = shown.index(int(year))
                ax.annotate(
                    f"{value:.0%}",
                    (int(year), float(top[position])),
                    textcoords="offset points",
                    xytext=(0, 4),
                    ha="center",
                    fontsize="small",
                    color=CEILING_COLOR if value > 0.2 else PLANNED_COLOR,
                )
    ax.set_xticks(shown, [str(y) for y in shown])
    ax.set_xlabel(term("year", lang))
    ax.set_ylabel(with_unit(term("spending", lang), unit, lang))
    method = term(f"method_{risk.method}", lang)
    what = term("plot_risk_what", lang, n=f"{risk.evaluated:,}", method=method)
    note = term("plot_risk_note", lang) if chances and len(risk.breach_probability) else ""
    ax.set_title(term("plot_risk_title", lang, what=what, note=note))
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize="small")
    return use_cjk_font(ax)
