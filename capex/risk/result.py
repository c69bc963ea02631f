"""The risk result: what thousands of draws say about each year's spending.

A :class:`RiskResult` keeps every draw's annual totals (exact integers of the portfolio's minor
unit, 万元 for the bundled plan) and derives
the rest from them: the quantiles of each year's spending, the probability that a year goes
over its ceiling, the extra budget the draws need and the reserve that makes each year
P80-safe, and the projects that drive the risk. Quantiles are draws themselves (the
``inverted_cdf`` rule: the smallest drawn value with at least that share of draws at or below
it), so they are exact amounts, and a ceiling set at a year's P80 is reached or exceeded in at
most 20 % of the draws. Amounts are shown in the money's display unit (亿元 for the bundled
plan) unless a unit is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_unit
from capex.io.texttable import number_text, render
from capex.model.html import html_report
from capex.model.money import WAN, Money
from capex.model.protocol import Report
from capex.terms import TERMS, check_lang, heading, said, term, texts

__all__ = ["QUANTILES", "RiskResult", "drivers_table", "quantile_table"]

QUANTILES = {"P10": 0.10, "P50": 0.50, "P80": 0.80, "P90": 0.90, "P95": 0.95}
"""The quantiles reported: label and probability of spending at or below it."""

DRIVER_AMOUNTS = ("planned", "mean", "P10", "P90", "swing")
"""Columns of the drivers table that are amounts."""


def quantile_table(values: np.ndarray, index: Sequence[Any]) -> pd.DataFrame:
    """Quantiles (columns P10..P95) of each column of ``values`` (draws x items), exact draws."""
    values = np.asarray(values)
    if len(values) == 0:
        return pd.DataFrame(np.nan, index=pd.Index(index), columns=list(QUANTILES))
    levels = list(QUANTILES.values())
    table = np.quantile(values, levels, axis=0, method="inverted_cdf").T
    return pd.DataFrame(table.astype(np.int64), index=pd.Index(index), columns=list(QUANTILES))


def in_unit(values: Any, money: Money, unit: str | None = None) -> Any:
    """Amounts of the minor unit (integers, or floats such as means; a DataFrame, Series or
    array) in ``unit`` (the display unit by default): whole numbers stay integers where the
    unit is the minor unit or finer, floats otherwise. The one display conversion here."""
    exact = money.per(unit) <= 1  # the minor unit or a finer one: integers stay integers

    def convert(array: Any) -> np.ndarray:
        array = np.asarray(array)
        return money.to_unit(
            array if exact and array.dtype.kind in "iu" else array.astype(float), unit
        )

    if isinstance(values, pd.DataFrame):
        if exact and all(values[c].dtype.kind in "iu" for c in values.columns):
            return pd.DataFrame(
                convert(values.to_numpy()), index=values.index.copy(), columns=values.columns.copy()
            )
        return pd.DataFrame(
            {c: in_unit(values[c], money, unit) for c in values.columns}, index=values.index.copy()
        )
    if isinstance(values, pd.Series):
        if values.dtype.name == "Int64":  # integers with gaps: exact where there are numbers
            if exact:
                whole = money.to_unit(values.fillna(0).to_numpy(dtype=np.int64), unit)
                return (
                    pd.Series(whole, index=values.index.copy(), name=values.name)
                    .astype("Int64")
                    .mask(values.isna())
                )
            return pd.Series(
                convert(values.to_numpy(dtype=float, na_value=np.nan)),
                index=values.index.copy(),
                name=values.name,
            )
        return pd.Series(convert(values.to_numpy()), index=values.index.copy(), name=values.name)
    return convert(values)


def _years_index(years: Sequence[int]) -> pd.Index:
    return pd.Index([int(y) for y in years], name="year", dtype=np.int64)


@dataclass(frozen=True, eq=False)
class RiskResult(Report):
    """Spending under uncertainty, from Monte Carlo draws (see the module text).

    Attributes
    ----------
    annual_draws_minor
        Integers of the minor unit: one row per evaluated draw (index: the draw's number),
        one column per year.
    planned_minor
        Each year's total as planned (no change, no delay), integers of the minor unit.
    ceilings_minor
        The ceilings by year (integers of the minor unit); empty when none were given.
    drivers_minor
        The projects that drive the risk, most first (see :attr:`drivers`), amounts in
        integers of the minor unit (``mean`` a float of it).
    plan_period
        First and last plan year.
    method
        ``"cashflow"``, ``"spread"`` or ``"shift"``.
    draws
        Draws asked for (failed ones included).
    seed
        The seed of the draws.
    assumptions
        ``(item, text)`` pairs: the distributions and to which projects they apply.
    statuses
        Number of draws by outcome (``"cash flow"``, a solver status, ``"failed"``).
    failures
        One row per draw that failed: ``draw``, ``error``.
    runtime
        Wall-clock seconds.
    scenario
        The scenario the draws were made on, or ``None``.
    money
        The currency and minor unit of the amounts, and the unit they are shown in.
    lang
        The language :meth:`summary`, the HTML view and :func:`capex.plotting.plot_risk` use unless
        told otherwise: ``"en"`` or ``"zh"``.
    """

    annual_draws_minor: pd.DataFrame = field(repr=False)
    planned_minor: pd.Series = field(repr=False)
    ceilings_minor: pd.Series = field(repr=False)
    drivers_minor: pd.DataFrame = field(repr=False)
    plan_period: tuple[int, int] = (0, 0)
    method: str = "cashflow"
    draws: int = 0
    seed: int = 0
    assumptions: tuple[tuple[str, str], ...] = ()
    statuses: pd.Series = field(default_factory=lambda: pd.Series(dtype=np.int64), repr=False)
    failures: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame({"draw": [], "error": []}), repr=False
    )
    runtime: float = 0.0
    scenario: str | None = None
    money: Money = WAN
    lang: str | None = None

    def __post_init__(self) -> None:
        if self.lang is not None:
            check_lang(self.lang)

    def _shown(self, values: Any) -> Any:
        """Amounts of the minor unit in the display unit."""
        return in_unit(values, self.money)

    # -- years --------------------------------------------------------------------------
    @property
    def years(self) -> list[int]:
        """The years of the draws."""
        return [int(y) for y in self.annual_draws_minor.columns]

    @property
    def evaluated(self) -> int:
        """Draws evaluated (asked less failed)."""
        return len(self.annual_draws_minor)

    @property
    def budget_minor(self) -> pd.Series:
        """What each year is measured against: its ceiling when ceilings were given, else the
        plan's own total in each plan year (integers of the minor unit)."""
        if len(self.ceilings_minor):
            return self.ceilings_minor.astype(np.int64).rename("budget")
        first, last = self.plan_period
        years = [y for y in self.planned_minor.index if first <= int(y) <= last]
        return self.planned_minor.reindex(years).astype(np.int64).rename("budget")

    def _spend(self, years: Sequence[int]) -> np.ndarray:
        return self.annual_draws_minor.reindex(columns=list(years), fill_value=0).to_numpy(
            dtype=np.int64
        )

    # -- the answers --------------------------------------------------------------------
    @property
    def drivers(self) -> pd.DataFrame:
        """The projects that drive the risk, most first.

        ``name``; ``planned``, the project's plan-period spending as planned; ``mean``,
        ``P10``, ``P90`` and ``swing`` (P90 - P10) of its plan-period spending across the draws
        (all in the display unit); and ``variance_share``, its share of the variance of the plan-period total:
        the covariance of the project's plan-period spending with the total, over the total's
        variance (the shares sum to 1; a project that moves against the others has a negative
        share).
        """
        table = self.drivers_minor.copy()
        for column in DRIVER_AMOUNTS:
            table[column] = self._shown(table[column].astype(float))
        return table

    @property
    def annual_quantiles(self) -> pd.DataFrame:
        """Years x P10, P50, P80, P90, P95 of each year's spending, in the display unit."""
        table = quantile_table(self.annual_draws_minor.to_numpy(), _years_index(self.years))
        return self._shown(table)

    @property
    def extra_budget_draws_minor(self) -> pd.DataFrame:
        """Per draw and budget year: how far spending goes over the budget (0 when within)."""
        budget = self.budget_minor
        over = self._spend(budget.index) - budget.to_numpy(dtype=np.int64)[None, :]
        return pd.DataFrame(
            np.maximum(over, 0),
            index=self.annual_draws_minor.index.copy(),
            columns=_years_index(budget.index),
        )

    @property
    def breach_probability(self) -> pd.Series:
        """Per budget year: the share of draws whose spending goes over the budget."""
        extra = self.extra_budget_draws_minor
        share = (
            (extra.to_numpy() > 0).mean(axis=0) if len(extra) else np.full(extra.shape[1], np.nan)
        )
        return pd.Series(share, index=extra.columns.copy(), name="breach_probability")

    @property
    def extra_budget_quantiles(self) -> pd.DataFrame:
        """Budget years and ``"total"`` (the sum over the years in each draw) x P10..P95 of the
        extra budget the draws need, in the display unit."""
        extra = self.extra_budget_draws_minor
        values = np.column_stack([extra.to_numpy(), extra.to_numpy().sum(axis=1)])
        table = quantile_table(values, [*extra.columns.tolist(), "total"])
        table.index.name = "year"
        return self._shown(table)

    @property
    def reserve(self) -> pd.Series:
        """Per budget year: the reserve that makes the year P80-safe, in the display unit.

        The P80 of the year's extra budget: with the budget raised by it, spending stays
        within it in at least 80 % of the draws. Zero for a year that is P80-safe already.
        """
        return self.extra_budget_quantiles["P80"].drop("total").rename("reserve")

    @property
    def total_quantiles(self) -> pd.Series:
        """P10..P95 of the plan-period total spending, in the display unit."""
        first, last = self.plan_period
        plan_years = [y for y in self.years if first <= y <= last]
        total = self._spend(plan_years).sum(axis=1)
        return self._shown(quantile_table(total[:, None], ["plan period"])).iloc[0].rename("total")

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """One row per year: ``planned``, ``mean``, P10..P95, ``ceiling``,
        ``breach_probability`` and ``reserve`` (missing where a year has no budget).

        Amounts in ``unit`` (the display unit by default): integers in the minor unit or a
        finer one, floats in a coarser one (``mean`` is always a float). ``lang="zh"`` heads
        the table in Chinese.
        """
        lang = check_lang(lang)
        unit = self.money.normalize_unit(chosen_unit(unit, self.money))
        draws = self.annual_draws_minor
        years = _years_index(self.years)
        table = quantile_table(draws.to_numpy(), years)
        values = draws.to_numpy(dtype=np.int64)
        table.insert(0, "mean", values.mean(axis=0) if len(values) else np.nan)
        table.insert(0, "planned", self.planned_minor.reindex(years, fill_value=0).to_numpy())
        table["ceiling"] = self.ceilings_minor.reindex(years).astype("Int64")
        table["breach_probability"] = self.breach_probability.reindex(years)
        extra = self.extra_budget_draws_minor
        reserve = quantile_table(extra.to_numpy(), extra.columns)["P80"]
        table["reserve"] = reserve.reindex(years).astype("Int64")
        for column in ("planned", "mean", *QUANTILES, "ceiling", "reserve"):
            table[column] = in_unit(table[column], self.money, unit)
        table.attrs["unit"] = unit
        return headed(table, lang)

    @property
    def annual(self) -> pd.DataFrame:
        """:meth:`to_frame` in the display unit."""
        return self.to_frame(lang="en")

    # -- reading ------------------------------------------------------------------------
    def _headline(self, lang: str = "en", *, runtime: bool = True) -> str:
        failed = self.draws - self.evaluated
        text = term(
            "risk_headline",
            lang,
            scenario=f" [{self.scenario}]" if self.scenario else "",
            draws=f"{self.draws:,}",
            failed=term("risk_failed_count", lang, n=failed) if failed else "",
            method=term(f"method_{self.method}", lang),
            seed=self.seed,
        )
        if runtime and not np.isnan(self.runtime):
            text += f", {self.runtime:.2f} s"
        return text

    def _assumption_lines(self, lang: str) -> list[tuple[str, str]]:
        return [(said(item, lang), said(text, lang)) for item, text in self.assumptions]

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """A short report: assumptions, the years (amounts in ``unit``, the display unit by
        default), the reserve, the drivers, any failures; in ``lang`` (the result's own by
        default). It says what the draws give, not how long they took (see :attr:`runtime`),
        so the same draws give the same text."""
        lang = check_lang(lang or self.lang)
        unit = self.money.normalize_unit(chosen_unit(unit, self.money))
        decimals = self.money.decimals(unit)
        words = texts(lang)

        def shown(value: Any) -> str:
            if pd.isna(value):
                return "-"
            return (
                f"{int(value):,}" if decimals == 0 else number_text(value, decimals, grouping=False)
            )

        lines = [self._headline(lang, runtime=False)]
        lines += [
            "  " + term("item_value", lang, item=item, value=text)
            for item, text in self._assumption_lines(lang)
        ]
        reference = words[
            "risk_against_ceiling" if len(self.ceilings_minor) else "risk_against_plan"
        ]
        table = self.to_frame(unit, lang="en")
        text = pd.DataFrame(index=[str(y) for y in table.index])
        for column in ("planned", *QUANTILES, "ceiling"):
            text[_heading(column, lang)] = [shown(v) for v in table[column]]
        chances = table["breach_probability"]
        text[words["risk_p_over"]] = ["-" if pd.isna(v) else f"{v:.1%}" for v in chances]
        text[_heading("reserve", lang)] = [shown(v) for v in table["reserve"]]
        lines.append("  " + term("risk_per_year", lang, unit=unit, reference=reference))
        lines += ["  " + line for line in _table_text(text).splitlines()]
        plan_years = [y for y in self.years if self.plan_period[0] <= y <= self.plan_period[1]]
        total = quantile_table(self._spend(plan_years).sum(axis=1)[:, None], ["total"])
        total = in_unit(total, self.money, unit).iloc[0]
        lines.append(
            "  "
            + term(
                "risk_total_line",
                lang,
                unit=unit,
                p50=shown(total["P50"]),
                p80=shown(total["P80"]),
                p95=shown(total["P95"]),
            )
        )
        reserve = table["reserve"].dropna()
        if len(reserve):
            needed = words["list_separator"].join(
                term("item_value", lang, item=y, value=shown(v))
                for y, v in reserve.items()
                if v > 0
            )
            overall = self.extra_budget_draws_minor.to_numpy().sum(axis=1)
            p80 = in_unit(quantile_table(overall[:, None], ["total"]), self.money, unit)
            lines.append(
                "  "
                + term(
                    "risk_reserve_line",
                    lang,
                    unit=unit,
                    total=shown(reserve.sum()),
                    years=needed or words["risk_none_needed"],
                    p80=shown(p80["P80"].iloc[0]),
                )
            )
        top = self.drivers.head(5)
        if len(top) and top["variance_share"].notna().any():
            drivers = words["list_separator"].join(
                f"{pid} {row['name']} {row['variance_share']:.0%}" for pid, row in top.iterrows()
            )
            lines.append("  " + term("risk_drivers_line", lang, drivers=drivers))
        if len(self.statuses) > 1 or (len(self.statuses) and "cash flow" not in self.statuses):
            outcomes = words["list_separator"].join(
                f"{outcome_word(k, lang)} {int(v):,}" for k, v in self.statuses.items()
            )
            lines.append("  " + term("risk_outcomes", lang, outcomes=outcomes))
        if len(self.failures):
            first = self.failures.iloc[0]
            lines.append(
                "  "
                + term(
                    "risk_draws_failed",
                    lang,
                    n=len(self.failures),
                    draw=int(first["draw"]),
                    error=said(first["error"], lang),
                )
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<{self._headline()}>"

    def _repr_html_(self) -> str:
        lang = check_lang(self.lang)
        unit = self.money.normalize_unit(chosen_unit(None, self.money))
        tables: list[Any] = [self.to_frame(unit, lang=lang)]
        tables.append((term("risk_drivers_heading", lang), headed(self.drivers.head(10), lang)))
        if len(self.failures):
            failures = self.failures.head(10).copy()
            failures["error"] = [said(error, lang) for error in failures["error"]]
            failed = term("risk_failed_draws", lang, n=len(self.failures))
            tables.append((failed, headed(failures, lang)))
        lines = [
            term("item_value", lang, item=item, value=text)
            for item, text in self._assumption_lines(lang)
        ]
        return html_report(self._headline(lang, runtime=False), lines=lines, tables=tables)


_HEADINGS = {"reserve": "reserve_P80", "name": "name", "error": "message"}
"""Columns headed by a term of another key than their own."""

_OUTCOMES = {"cash flow": "outcome_cash_flow", "failed": "failed"}
"""Outcomes of draws (besides a solver's status) and the terms that say them."""


def _heading(column: Any, lang: str) -> Any:
    return heading(column, lang, _HEADINGS)


def headed(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` with its columns and index name headed in ``lang``."""
    if lang == "en":
        return frame
    out = frame.rename(columns={c: _heading(c, lang) for c in frame.columns})
    out.index = out.index.rename(_heading(out.index.name, lang))
    return out


def outcome_word(outcome: str, lang: str) -> str:
    """How a draw ended (``"cash flow"``, a solver's status, ``"failed"``), in ``lang``."""
    key = _OUTCOMES.get(outcome, outcome)
    return term(key, lang) if key in TERMS else outcome


def _table_text(frame: pd.DataFrame) -> str:
    """The summary's table, aligned by display width (Chinese headings are two columns
    wide)."""
    headers = ["", *frame.columns]
    rows = [[index, *row] for index, row in zip(frame.index, frame.itertuples(index=False))]
    return render(headers, rows, align="l" + "r" * len(frame.columns))


def drivers_table(
    ids: pd.Index, names: Sequence[str], planned_minor: np.ndarray, plan_spend_minor: np.ndarray
) -> pd.DataFrame:
    """The risk drivers (see :attr:`RiskResult.drivers`) in integers of the minor unit, from each
    draw's plan-period spending per project (draws x projects)."""
    spend = np.asarray(plan_spend_minor, dtype=np.int64)
    table = pd.DataFrame(index=ids.copy())
    table["name"] = list(names)
    table["planned"] = np.asarray(planned_minor, dtype=np.int64)
    if len(spend):
        quantiles = quantile_table(spend, ids)
        values = spend.astype(float)
        total = values.sum(axis=1)
        centred_total = total - total.mean()
        variance = float((centred_total**2).mean())
        covariance = ((values - values.mean(axis=0)) * centred_total[:, None]).mean(axis=0)
        table["mean"] = values.mean(axis=0)
        table["P10"] = quantiles["P10"].to_numpy()
        table["P90"] = quantiles["P90"].to_numpy()
        table["swing"] = table["P90"] - table["P10"]
        table["variance_share"] = covariance / variance if variance > 0 else np.nan
    else:
        table["mean"] = np.nan
        for column in ("P10", "P90", "swing"):
            table[column] = pd.array([pd.NA] * len(table), dtype="Int64")
        table["variance_share"] = np.nan
    order = np.argsort(-table["variance_share"].fillna(-np.inf).to_numpy(), kind="stable")
    return table.iloc[order]
