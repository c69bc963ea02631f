"""What every capex figure shares: reading a result, labelling projects, units and the Axes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_unit
from capex.errors import CapexError
from capex.model.money import WAN, Money
from capex.terms import Message, phrase

LABELS = ("name", "id")


class PlotError(CapexError, ValueError):
    """A figure was asked for with an option or input it cannot draw."""


def get_ax(ax: Any = None, *, figsize: tuple[float, float] = (8.0, 4.5)) -> Any:
    """The Axes to draw on: ``ax`` itself, or a new figure's Axes when ``ax`` is None."""
    if ax is not None:
        return ax
    # pyplot only when we make the figure, so that drawing on a user's Axes never touches it
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def expected(what: str, obj: Any) -> Message:
    """``expected <what>, not <the class of obj>``: what a plot takes, said to a caller who
    passed something else."""
    return phrase("err_plot_expected", what=phrase(what), kind=type(obj).__name__)


def check_choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise PlotError(phrase("err_plot_choice", what=what, choices=choices, value=repr(value)))
    return value


def money_of(obj: Any) -> Money:
    """The money of a result (or of the first of several), 万元 shown as 亿元 by default."""
    if isinstance(obj, Mapping) and obj:
        obj = next(iter(obj.values()))
    money = getattr(obj, "money", None)
    return money if isinstance(money, Money) else WAN


def unit_of(unit: str | None, money: Money = WAN) -> str:
    """``unit`` in ``money``'s currency (when ``None``: ``capex.options.unit``, else the
    display unit)."""
    try:
        return money.normalize_unit(chosen_unit(unit, money))
    except ValueError as error:
        raise PlotError(error.args[0] if error.args else str(error)) from None


def schedule_minor(obj: Any) -> pd.DataFrame:
    """The project x year schedule of integers (the minor unit) of a result, or of a DataFrame
    given as one.

    A result-like object has ``schedule_minor`` (index: project id, columns: years). A plain
    DataFrame is read as such a table.
    """
    frame = getattr(obj, "schedule_minor", obj)
    if not isinstance(frame, pd.DataFrame):
        raise PlotError(expected("err_plot_what_schedule", obj))
    values = frame.to_numpy()
    whole = np.issubdtype(values.dtype, np.integer) or (
        np.all(np.isfinite(values.astype(float))) and np.all(values == np.round(values))
    )
    if not whole:
        raise PlotError(phrase("err_plot_schedule_whole"))
    out = frame.astype(np.int64)
    out.columns = [int(year) for year in out.columns]
    return out


def project_names(obj: Any, ids: pd.Index, portfolio: Any = None) -> pd.Series:
    """Name of each project id, from the result, a portfolio, or the id itself."""
    for source in (getattr(obj, "names", None), portfolio, getattr(obj, "portfolio", None)):
        if source is None:
            continue
        if hasattr(source, "frame"):  # a Portfolio
            source = source.frame["name"]
        if isinstance(source, Mapping) and not isinstance(source, pd.Series):
            source = pd.Series(source)
        if isinstance(source, pd.Series) and ids.isin(source.index).all():
            return source.reindex(ids).astype(str)
    return pd.Series([str(i) for i in ids], index=ids)


def project_labels(obj: Any, ids: pd.Index, label: str, portfolio: Any = None) -> list[str]:
    """Tick labels for projects: their names, or their ids with ``label="id"``."""
    check_choice(label, LABELS, "label")
    if label == "id":
        return [str(i) for i in ids]
    return project_names(obj, ids, portfolio).tolist()


def ceilings_minor(obj: Any, years: list[int]) -> pd.Series | None:
    """Ceilings (minor unit) by year of ``years`` (missing years are NaN), or None when there
    are none."""
    raw = getattr(obj, "ceilings_minor", None)
    if raw is None:
        return None
    if isinstance(raw, Mapping) and not isinstance(raw, pd.Series):
        raw = pd.Series(raw, dtype="float64")
    if not isinstance(raw, pd.Series) or raw.empty:
        return None
    raw = pd.Series(raw.to_numpy(dtype="float64"), index=[int(y) for y in raw.index])
    return raw.reindex(years)


def portfolio_of(obj: Any, portfolio: Any = None) -> Any:
    """The portfolio a figure can read windows and attributes from, or None."""
    if portfolio is not None:
        return portfolio
    if hasattr(obj, "frame") and hasattr(obj, "plan_period"):
        return obj
    return getattr(obj, "portfolio", None)


def style_kwargs(style: Mapping[str, Any], **defaults: Any) -> dict[str, Any]:
    """Defaults overridden by the caller's style keywords."""
    return {**defaults, **style}
