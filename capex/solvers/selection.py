"""The chosen plan: which candidates enter, why the others do not, and the frontier.

:func:`capex.select` returns a :class:`SelectionResult`: frozen, plain data (integers of the
money's minor unit, values scaled to whole numbers with their scale, tables by project id),
no solver object. ``selected`` and ``rejected`` list ids; :attr:`~SelectionResult.portfolio`
is the chosen set as an ordinary portfolio (windows moved where a start was delayed), which
flows on to :func:`capex.spread`, :func:`capex.shift`, :func:`capex.reconcile` and Excel;
:meth:`~SelectionResult.frontier` re-solves over envelopes and returns a :class:`Frontier`.
Every table and sentence takes ``unit=`` and ``lang=`` (English, or Chinese with
``lang="zh"``), its words from :mod:`capex.terms`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_unit
from capex.model.money import WAN, Money
from capex.model.protocol import Report
from capex.model.provenance import Provenance
from capex.model.value import fraction_text
from capex.solvers.result import Status
from capex.terms import Message, check_lang, said, term

__all__ = ["Frontier", "SelectionResult"]


def _words(label: object, lang: str) -> str:
    return said(label, lang)


def value_label(label: object, lang: str) -> str:
    """The value's label before a number: in Chinese joined to it, unless it ends in a Latin
    letter (``学位37,050`` but ``score 3.5``)."""
    label = said(label, lang)
    return label + " " if lang == "zh" and label and label[-1].isascii() else label


@dataclass(frozen=True, eq=False)
class SelectionResult(Report):
    """Which candidates a plan takes for the most value within its ceilings, and why.

    Amounts named ``*_minor`` are integers of :attr:`money`'s minor unit (万元 for the
    bundled plan). Values are whole numbers ``*_scaled``: the exact value is
    ``scaled / value_scale``.

    Attributes
    ----------
    status
        :class:`~capex.solvers.result.Status`: optimal (proven), feasible (not proven: ``bound``
        says how far it may be from the best), infeasible (no selection keeps the must
        projects within the ceilings: ``messages`` says which years and by how much) or
        unknown.
    candidates
        One row per candidate, by id: ``name``, ``must``, ``excluded``, ``chosen``,
        ``delay`` (whole years its start moves; -1 when not chosen), ``start_year`` and
        ``end_year`` (as planned), ``value_scaled`` and ``value_known``, ``plan_minor``
        (what it spends in the plan period, as chosen or, when left out, as planned) and
        ``total_minor``.
    schedule_minor
        The chosen projects' cash flows (moved by their delays), id x year.
    line_ceilings_minor, line_totals_minor
        Per budget line (rows) and year (columns): the ceilings (missing: none) and what
        the chosen projects draw.
    envelope_minor
        Most the chosen projects may spend in the plan period, or ``None``.
    plan_spend_minor
        What they spend in it.
    value_scale, value_label, value_description
        The scale of the values, what they are (``(English, Chinese)``), and how they were
        made (the standard cited, for school places).
    objective_scaled, bound_scaled
        The chosen projects' value, and the most any selection is worth (equal when
        optimal; ``None`` when not known).
    rejections
        One row per candidate left out, by id: ``reason`` (``excluded``, ``alternative``,
        ``needs``, ``money``, ``no_value``), ``other`` (the ids of the alternative chosen
        or the project needed), ``delay`` (the start, in years late, at which a ``money``
        rejection breaks least: what ``rejection_over_minor`` measures), ``forced_status``, ``forced_value_scaled`` (the best
        selection with it forced in), ``value_lost_scaled`` and the ids that would
        ``leave`` and ``enter`` with it.
    rejection_over_minor
        Long table of what each money-rejected candidate would put over a ceiling:
        ``project_id``, ``line`` (``""`` for the envelope), ``year`` (missing for the
        envelope), ``over_minor``.
    marginals
        Per capped line and plan year, and the envelope (``line`` ``""``, ``year``
        missing): ``step_minor`` (one display unit: 1 亿元), ``status``, ``value_scaled``
        and ``gain_scaled`` of the exact re-solve with that ceiling one step higher, and
        ``lp_dual_scaled``, the linear relaxation's price of the step (a dual, not exact).
    findings
        ``project_id``, ``severity``, ``rule``, ``message``: values that could not be
        known and how some were counted.
    messages
        Sentences on how the solve ended (a time limit hit, what does not fit).
    method, solver, runtime, listed
        How the plan was found, which solver, wall seconds, and how many selections near
        the bound were listed to prove it.
    plan_period, money, provenance
        The plan period, the money of the amounts, and what the plan was made from.
    bank, lines, rules, profile, flows_minor, controls
        What the selection was made from (the candidates, budget lines, rules, spend
        profile or phased cash flow, solver controls): what :meth:`frontier` re-solves.
    """

    status: Status
    candidates: pd.DataFrame = field(repr=False)
    schedule_minor: pd.DataFrame = field(repr=False)
    line_ceilings_minor: pd.DataFrame = field(repr=False)
    line_totals_minor: pd.DataFrame = field(repr=False)
    envelope_minor: int | None
    plan_spend_minor: int
    value_scale: int
    value_label: Message | str
    value_description: Message | str
    objective_scaled: int
    bound_scaled: int | None
    rejections: pd.DataFrame = field(repr=False)
    rejection_over_minor: pd.DataFrame = field(repr=False)
    marginals: pd.DataFrame = field(repr=False)
    findings: pd.DataFrame = field(repr=False)
    messages: tuple[str, ...] = ()
    method: str = ""
    solver: str = ""
    runtime: float = 0.0
    listed: int = 0
    plan_period: tuple[int, int] = (0, 0)
    money: Money = WAN
    provenance: Provenance | None = field(default=None, repr=False)
    bank: Any = field(default=None, repr=False)
    lines: tuple[Any, ...] = field(default=(), repr=False)
    rules: Any = field(default=None, repr=False)
    profile: str = "uniform"
    flows_minor: pd.DataFrame | None = field(default=None, repr=False)
    controls: tuple[float, int, int] = (10.0, 0, 1)

    # -- what was chosen --------------------------------------------------------------------
    @property
    def ok(self) -> bool:
        """Whether a selection fits (status optimal or feasible)."""
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)

    @property
    def selected(self) -> list[Any]:
        """Ids of the chosen candidates, in table order."""
        table = self.candidates
        return table.index[table["chosen"].to_numpy(dtype=bool)].tolist()

    @property
    def rejected(self) -> list[Any]:
        """Ids of the candidates left out (excluded ones included), in table order."""
        table = self.candidates
        return table.index[~table["chosen"].to_numpy(dtype=bool)].tolist()

    @property
    def delays(self) -> pd.Series:
        """Whole years each chosen project starts late, by id."""
        table = self.candidates.loc[self.selected]
        return table["delay"].astype(np.int64).rename("delay")

    @property
    def value(self) -> Fraction:
        """The chosen projects' total value, exact."""
        return Fraction(self.objective_scaled, self.value_scale)

    @property
    def bound(self) -> Fraction | None:
        """The most any selection is worth (the value itself when proven optimal)."""
        return None if self.bound_scaled is None else Fraction(self.bound_scaled, self.value_scale)

    @property
    def gap(self) -> Fraction | None:
        """How much better than this selection the best may be (0 when proven optimal)."""
        return None if self.bound is None or not self.ok else self.bound - self.value

    def values(self) -> pd.Series:
        """Every candidate's value, exact (:class:`~fractions.Fraction`; ``None`` where not
        known)."""
        table = self.candidates
        return pd.Series(
            [
                Fraction(int(v), self.value_scale) if known else None
                for v, known in zip(table["value_scaled"], table["value_known"])
            ],
            index=table.index,
            name="value",
            dtype=object,
        )

    @property
    def portfolio(self) -> Any:
        """The chosen projects as a portfolio: each window moved by its delay, its plan
        investment what its (moved) cash flow spends in the plan period, its total as it
        was. It flows on to :func:`capex.spread`, :func:`capex.shift`,
        :func:`capex.reconcile` and Excel like any portfolio; it publishes no totals."""
        chosen = self.selected
        frame = self.bank.frame.loc[chosen].copy()
        delays = self.candidates.loc[chosen, "delay"].to_numpy(dtype=np.int64)
        frame["start_year"] = frame["start_year"].to_numpy() + delays
        frame["end_year"] = frame["end_year"].to_numpy() + delays
        first, last = self.plan_period
        years = [y for y in self.schedule_minor.columns if first <= y <= last]
        frame["plan_minor"] = self.schedule_minor.loc[chosen, years].sum(axis=1).to_numpy(np.int64)
        name = f"{self.bank.name} (chosen)".strip() if self.bank.name else "chosen projects"
        return self.bank.replace(
            frame=frame,
            published=None,
            precedence=None,
            budget_lines=self.bank.budget_lines,
            keep_amounts=True,
            name=name,
        )

    # -- tables ----------------------------------------------------------------------------
    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """One row per candidate: ``name``, ``chosen``, ``value``, ``delay``, ``start_year``
        and ``end_year`` (moved), the plan-period spend and total in ``unit`` (the display
        unit by default), and for a candidate left out its ``reason`` and the ``value_lost``
        if it were forced in. ``lang="zh"`` heads and words it in Chinese."""
        lang = check_lang(lang)
        unit = self.money.normalize_unit(chosen_unit(unit, self.money))
        table = self.candidates
        values = self.values()
        delay = table["delay"].to_numpy(dtype=np.int64)
        chosen = table["chosen"].to_numpy(dtype=bool)
        lost = self.rejections.reindex(table.index)["value_lost_scaled"]
        frame = pd.DataFrame(
            {
                "name": table["name"],
                "chosen": [term("yes" if c else "no", lang) for c in chosen],
                "value": [np.nan if v is None else float(v) for v in values],
                "delay": pd.array(
                    [int(d) if c else None for d, c in zip(delay, chosen)], dtype="Int64"
                ),
                "start_year": table["start_year"] + np.where(chosen, delay, 0),
                "end_year": table["end_year"] + np.where(chosen, delay, 0),
                "plan_spend": self.money.to_unit(table["plan_minor"].to_numpy(), unit),
                "total": self.money.to_unit(table["total_minor"].to_numpy(), unit),
                "reason": [
                    self._reason(pid, lang) if not c else "" for pid, c in zip(table.index, chosen)
                ],
                "value_lost": [
                    np.nan if pd.isna(v) else float(Fraction(int(v), self.value_scale))
                    for v in lost
                ],
            },
            index=table.index,
        )
        frame.attrs["unit"] = unit
        if lang == "zh":
            frame = frame.rename(columns=lambda c: term(_HEADINGS.get(c, c), lang))
        return frame

    def annual(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """Per plan year of each budget line: what the chosen projects spend, the ceiling,
        the headroom, the value one more step (1 亿元) would buy (an exact re-solve) and the
        relaxation's dual price of the step (labelled as a dual: not exact)."""
        lang = check_lang(lang)
        unit = self.money.normalize_unit(chosen_unit(unit, self.money))
        first, last = self.plan_period
        rows = []
        marginals = self.marginals.set_index(["line", "year"]) if len(self.marginals) else None
        for line in self.line_totals_minor.index:
            for year in range(first, last + 1):
                total = int(self.line_totals_minor.loc[line].get(year, 0))
                ceiling = self.line_ceilings_minor.loc[line].get(year, pd.NA)
                capped = not pd.isna(ceiling)
                key = (line, year)
                gain = dual = np.nan
                if marginals is not None and key in marginals.index:
                    row = marginals.loc[key]
                    if not pd.isna(row["gain_scaled"]):
                        gain = float(Fraction(int(row["gain_scaled"]), self.value_scale))
                    dual = float(row["lp_dual_scaled"]) / self.value_scale
                rows.append(
                    {
                        "line": line,
                        "year": year,
                        "total": self.money.to_unit(np.array([total]), unit)[0],
                        "ceiling": self.money.to_unit(np.array([int(ceiling)]), unit)[0]
                        if capped
                        else np.nan,
                        "headroom": self.money.to_unit(np.array([int(ceiling) - total]), unit)[0]
                        if capped
                        else np.nan,
                        "value_of_more": gain,
                        "lp_dual": dual,
                    }
                )
        frame = pd.DataFrame(rows)
        frame.attrs["unit"] = unit
        if lang == "zh":
            frame = frame.rename(columns=lambda c: term(_HEADINGS.get(c, c), lang))
        return frame

    def reason(self, pid: Any, lang: str | None = None) -> str:
        """Why a candidate is left out, in a sentence (``""`` for a chosen one)."""
        return self._reason(pid, check_lang(lang), full=True)

    def _reason(self, pid: Any, lang: str, *, full: bool = False) -> str:
        if pid not in self.rejections.index:
            return ""
        row = self.rejections.loc[pid]
        reason = row["reason"]
        names = self.candidates["name"]

        def named(ids: str) -> str:
            labels = [i for i in str(ids).split(",") if i]
            found = [self._label(i, names) for i in labels]
            return term("list_separator", lang).join(found)

        if reason == "money":
            over = self.rejection_over_minor
            over = over[over["project_id"] == pid]
            parts = []
            for item in over.itertuples(index=False):
                amount = self.money.format(int(item.over_minor))
                if pd.isna(item.year):
                    parts.append(term("select_over_envelope", lang, amount=amount))
                elif len(self.line_totals_minor) > 1:
                    parts.append(
                        term(
                            "select_over_line",
                            lang,
                            line=item.line,
                            year=int(item.year),
                            amount=amount,
                        )
                    )
                else:
                    parts.append(term("select_over_year", lang, year=int(item.year), amount=amount))
            over_text = term("list_separator", lang).join(parts)
            late = int(row.get("delay", 0) or 0)
            text = (
                term("select_reason_money_late", lang, over=over_text, delay=late)
                if late
                else term("select_reason_money", lang, over=over_text)
            )
        elif reason in ("alternative", "needs"):
            text = term(f"select_reason_{reason}", lang, other=named(row["other"]))
        else:
            text = term(f"select_reason_{reason}", lang)
        if not full or pd.isna(row.get("forced_status", np.nan)) or reason == "excluded":
            return text
        status = row["forced_status"]
        if status not in ("optimal", "feasible"):
            return text + term("semicolon", lang) + term("select_forced_cannot", lang)
        lost = Fraction(int(row["value_lost_scaled"]), self.value_scale)
        leave = named(row["leave"]) or term("none", lang)
        forced = term(
            "select_forced",
            lang,
            lost=fraction_text(lost),
            label=_words(self.value_label, lang),
            leave=leave,
        )
        if status != "optimal":
            forced += term("select_not_proven_short", lang)
        return text + term("semicolon", lang) + forced

    @staticmethod
    def _label(pid_text: str, names: pd.Series) -> str:
        for pid in names.index:
            if str(pid) == pid_text:
                return f"#{pid} {names[pid]}"
        return f"#{pid_text}"

    # -- reading ---------------------------------------------------------------------------
    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """The selection in words: status and value, the money against the ceilings and the
        envelope, the projects chosen and left out with why, what more money would buy."""
        from capex.solvers.selection_text import selection_summary

        return selection_summary(self, unit, check_lang(lang))

    def frontier(self, envelopes: Iterable[Any], *, unit: str | None = None) -> Frontier:
        """The best selection at each envelope (in ``unit``, the display unit by default):
        exact re-solves with every other rule kept, and which projects enter and leave as
        the money grows."""
        from capex.solvers.select import frontier

        return frontier(self, envelopes, unit=unit)

    def __repr__(self) -> str:
        return f"<{self._headline('en')}>"

    def _headline(self, lang: str) -> str:
        value = fraction_text(self.value)
        return term(
            "select_headline",
            lang,
            status=term(str(self.status), lang),
            chosen=len(self.selected),
            n=len(self.candidates),
            value=value,
            label=value_label(self.value_label, lang),
            spend=self.money.format(self.plan_spend_minor),
        )


_HEADINGS = {
    "name": "name",
    "chosen": "chosen",
    "value": "value_word",
    "delay": "delay_years",
    "start_year": "start_year",
    "end_year": "end_year",
    "plan_spend": "plan_spend",
    "total": "total_investment",
    "reason": "reason",
    "value_lost": "value_lost",
    "line": "budget_line",
    "year": "year",
    "ceiling": "ceiling",
    "headroom": "headroom",
    "value_of_more": "value_of_more",
    "lp_dual": "lp_dual",
    "envelope": "envelope",
    "status": "status",
    "bound": "select_bound",
    "spend": "plan_spend",
    "chosen_count": "select_chosen_count",
    "enter": "entering",
    "leave": "departing",
}


@dataclass(frozen=True, eq=False)
class Frontier(Report):
    """The efficient frontier: the best selection at each envelope.

    Attributes
    ----------
    envelopes_minor
        The envelopes, ascending (minor units).
    statuses, values_scaled, bounds_scaled, spend_minor
        At each envelope: the status, the value and the bound (scaled), what the chosen
        projects spend in the plan period.
    chosen
        The ids chosen at each envelope.
    names
        Every candidate's name by id.
    value_scale, value_label, money
        As on :class:`SelectionResult`.
    """

    envelopes_minor: tuple[int, ...]
    statuses: tuple[str, ...]
    values_scaled: tuple[int | None, ...]
    bounds_scaled: tuple[int | None, ...]
    spend_minor: tuple[int | None, ...]
    chosen: tuple[tuple[Any, ...], ...]
    names: pd.Series = field(repr=False)
    value_scale: int = 1
    value_label: Message | str = field(default_factory=lambda: Message("value_word"))
    money: Money = WAN

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """One row per envelope (in ``unit``): ``value``, ``status``, ``bound``, ``spend``,
        ``chosen_count``, and the ids that ``enter`` and ``leave`` against the envelope
        before."""
        lang = check_lang(lang)
        unit = self.money.normalize_unit(chosen_unit(unit, self.money))
        rows = []
        before: set[Any] = set()
        for envelope, status, value, bound, spend, chosen in zip(
            self.envelopes_minor,
            self.statuses,
            self.values_scaled,
            self.bounds_scaled,
            self.spend_minor,
            self.chosen,
        ):
            now = set(chosen)
            rows.append(
                {
                    "envelope": self.money.to_unit(np.array([envelope]), unit)[0],
                    "value": np.nan if value is None else float(Fraction(value, self.value_scale)),
                    "status": term(status, lang),
                    "bound": np.nan if bound is None else float(Fraction(bound, self.value_scale)),
                    "spend": np.nan
                    if spend is None
                    else self.money.to_unit(np.array([spend]), unit)[0],
                    "chosen_count": len(chosen),
                    "enter": ", ".join(str(i) for i in chosen if i not in before),
                    "leave": ", ".join(str(i) for i in self.names.index if i in before - now),
                }
            )
            before = now
        frame = pd.DataFrame(rows)
        frame.attrs["unit"] = unit
        frame.attrs["value_label"] = _words(self.value_label, lang)
        if lang == "zh":
            frame = frame.rename(columns=lambda c: term(_HEADINGS.get(c, c), lang))
        return frame

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """The frontier as a table in words."""
        from capex.io.texttable import frame_text

        lang = check_lang(lang)
        unit = self.money.normalize_unit(chosen_unit(unit, self.money))
        title = term("select_frontier_title", lang, label=_words(self.value_label, lang), unit=unit)
        return title + "\n" + frame_text(self.to_frame(unit, lang=lang), index=False)

    def __repr__(self) -> str:
        return f"<Frontier: {len(self.envelopes_minor)} envelopes>"
