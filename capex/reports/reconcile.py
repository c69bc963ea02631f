"""Reconciliation of a portfolio against its published totals.

The per-project split of each total into the parts before, inside and after the plan period
(:func:`capex.model.cashflow.plan_split`) is the common ground of the reconciliation report and the full-window
cash flow: both read it, so their figures agree to the unit.

:func:`reconcile` adds up the portfolio, compares the sums with the figures the plan publishes
(exactly, in integers of the minor unit), and checks each project against rules a finance officer would
apply by eye: does the plan-period amount fit the window, is the physical scope plausible
next to the other projects, are the units consistent. What the data reveal is reported; the
data are never changed.
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_unit
from capex.io.texttable import amount_texts, render
from capex.model.cashflow import SPLIT_COLUMNS, plan_split
from capex.model.html import html_report
from capex.model.money import WAN, Money, _power_of_ten
from capex.model.portfolio import Portfolio, PublishedTotals
from capex.model.protocol import Report
from capex.model.provenance import Provenance
from capex.model.windows import clip_window, year_count
from capex.terms import check_lang, heading, rule_word, term, texts, with_unit

SEVERITIES = ("error", "warning", "info")
"""Finding severities, most serious first.

``error``: the figures cannot all hold as written (money with no year to go to).
``warning``: possible, but out of line enough that someone should check the source.
``info``: worth knowing when reading the figures (units, approximations, interpretations).
"""

FINDING_COLUMNS = ("project_id", "severity", "rule", "message")

_SPLIT_TERMS = {"before": "split_before", "in_plan": "split_in_plan", "after": "split_after"}
"""The terms of the split's columns whose key is not their term."""
"""Columns of :attr:`ReconciliationReport.findings`; :meth:`~ReconciliationReport.findings_frame`
adds the project's ``name`` after its id."""

SHARE_RATIO_WARNING = 4.0
"""A plan share below a quarter of the window-year share (or the symmetric case) is a warning."""

SHARE_RATIO_INFO = 2.0
"""A plan share below half of the window-year share (or the symmetric case) is noted."""

SCOPE_RATIO = 3.0
"""Site area per class or floor/site ratio more than 3 times off the median is a warning."""

MIN_PEERS = 5
"""Fewest comparable projects for the physical-scope comparison to mean anything."""

# An area in the scope text: a number followed by its unit (the seed writes 平米 and 平方).
_AREA_UNITS = "平方米|平米|平方|㎡|m2|m²"
_AREA_UNIT = re.compile(rf"(约)?\s*(\d[\d,]*(?:\.\d+)?)\s*({_AREA_UNITS})")
_ADDED_LAND = "新增用地"


# ---------------------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------------------
_TOTAL_ROWS = (
    # (label, term, amount column, funding filter: None = all, True = government, False = not)
    ("total investment", "total_investment", "total_minor", None),
    ("plan investment", "plan_investment", "plan_minor", None),
    ("total investment, government", "total_investment_government", "total_minor", True),
    ("total investment, non-government", "total_investment_other", "total_minor", False),
    ("plan investment, government", "plan_investment_government", "plan_minor", True),
    ("plan investment, non-government", "plan_investment_other", "plan_minor", False),
)
_TOTAL_TERMS = {label: key for label, key, _, _ in _TOTAL_ROWS}


@dataclass(frozen=True, eq=False)
class ReconciliationReport(Report):
    """Totals against the published figures, the split of each project, and the findings.

    Made by :func:`reconcile`; read it through its properties, which return copies.

    Attributes
    ----------
    name
        The portfolio's title.
    plan_period
        First and last year of the plan.
    published
        The published totals, or ``None`` when the source publishes none.
    money
        The currency and minor unit of the amounts.
    source
        Where the projects came from (a file path or ``"<DataFrame>"``).
    provenance
        The input files with their SHA-256 and the capex version (see
        :class:`capex.model.provenance.Provenance`).
    """

    name: str
    plan_period: tuple[int, int]
    published: PublishedTotals | None
    _totals_minor: pd.DataFrame = field(repr=False)
    _split_minor: pd.DataFrame = field(repr=False)
    _findings: pd.DataFrame = field(repr=False)
    money: Money = WAN
    source: str = ""
    provenance: Provenance | None = field(default=None, repr=False)

    # -- totals --------------------------------------------------------------------------
    @property
    def totals(self) -> pd.DataFrame:
        """Published, computed and difference per figure.

        Rows: total investment, plan investment, and each split by government /
        non-government investment. Columns ``published``, ``computed``, ``difference`` in the
        display unit (for display; NaN where the source publishes no figure), the same exactly
        as integers of the minor unit in ``published_minor``, ``computed_minor``,
        ``difference_minor`` (``<NA>`` where not published), and ``status`` in words.
        ``attrs["unit"]`` names the unit of the display columns.
        """
        return self.totals_frame(lang="en")

    def totals_frame(self, unit: str | None = None, lang: str | None = None) -> pd.DataFrame:
        """:attr:`totals` with the display columns in ``unit`` (the display unit by default)
        and the figures and status in ``lang``."""
        unit, lang = self.money.normalize_unit(chosen_unit(unit, self.money)), check_lang(lang)
        exact = self._totals_minor
        labels = exact.index if lang == "en" else [self.figure_label(l, lang) for l in exact.index]
        index = pd.Index(labels, name=exact.index.name)
        out = pd.DataFrame(index=index)
        for column in ("published", "computed", "difference"):
            minor = exact[f"{column}_minor"]
            if self.money.per(unit) == 1:
                out[column] = minor.to_numpy().copy()
            else:
                values = minor.to_numpy(dtype="float64", na_value=np.nan)
                out[column] = self.money.to_unit(values, unit)
        for column in ("published_minor", "computed_minor", "difference_minor"):
            out[column] = exact[column].to_numpy().copy()
        out["status"] = [_status(d, self.money, lang) for d in exact["difference_minor"]]
        out.attrs["unit"] = unit
        return out

    def figure_label(self, label: str, lang: str = "en") -> str:
        """The words for one row of :attr:`totals` (``"plan investment"`` reads
        ``"plan investment 2021-2025"``, ``"2021-2025年投资"`` in Chinese)."""
        first, last = self.plan_period
        return term(_TOTAL_TERMS[label], lang, first=first, last=last)

    @property
    def reconciles(self) -> bool:
        """True when the computed totals equal the published figures exactly.

        False when they differ, and also when the source publishes no totals: there is then
        nothing to reconcile against.
        """
        if self.published is None:
            return False
        published = self._totals_minor["published_minor"].dropna()
        return bool((self._totals_minor.loc[published.index, "difference_minor"] == 0).all())

    # -- per-project split ---------------------------------------------------------------
    @property
    def split_minor(self) -> pd.DataFrame:
        """:func:`plan_split` of the portfolio, with ``name``, window and ``total_minor``."""
        return self._split_minor.copy()

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """The split of each project's total, one row per project, amounts in ``unit`` (the
        display unit by default; ``attrs["unit"]`` names it).

        Columns ``name``, ``start_year``, ``end_year``, ``total``, ``before`` (years of the
        window before the plan period), ``in_plan``, ``after`` and ``unplaceable`` (the part
        of the total that no year of the window can take). ``before + in_plan + after +
        unplaceable == total`` exactly in the minor unit. ``lang="zh"`` (or
        ``capex.options.lang``) heads the columns in Chinese.
        """
        unit = self.money.normalize_unit(chosen_unit(unit, self.money))
        split = self._split_minor
        out = split[["name", "start_year", "end_year"]].copy()
        for column in ("total", "before", "in_plan", "after", "unplaceable"):
            out[column] = self.money.to_unit(split[f"{column}_minor"].to_numpy(), unit)
        out = out.rename(columns=lambda column: heading(column, lang, _SPLIT_TERMS))
        out.attrs["unit"] = unit
        return out

    # -- findings ------------------------------------------------------------------------
    @property
    def findings(self) -> pd.DataFrame:
        """One row per finding: ``project_id`` (``<NA>`` for the table as a whole),
        ``severity`` (error / warning / info), ``rule`` (a short code) and ``message``
        (amounts in the display unit).

        :meth:`findings_frame` gives the same with the project's name, in another unit or
        in Chinese.
        """
        return self.findings_frame(lang="en")[list(FINDING_COLUMNS)]

    def findings_frame(self, unit: str | None = None, lang: str | None = None) -> pd.DataFrame:
        """The findings with the project's ``name`` beside its id, messages with amounts in
        ``unit`` (the display unit by default) and written in ``lang``; ``severity`` is in
        ``lang`` too, ``rule`` stays the code."""
        unit = self.money.normalize_unit(unit)
        lang = check_lang(lang)
        found = self._findings
        names = self._split_minor["name"]
        ids = found["project_id"]
        out = pd.DataFrame({"project_id": ids.copy()})
        known = ids.notna().to_numpy()
        out["name"] = ""
        if known.any():
            out.loc[known, "name"] = names.reindex(ids[known].to_numpy()).astype(str).to_numpy()
        out["name"] = out["name"].astype(object)
        severity = found["severity"]
        out["severity"] = severity if lang == "en" else severity.map(lambda s: term(s, lang))
        out["severity"] = out["severity"].astype(object)
        out["rule"] = found["rule"].astype(object)
        context = _Context(self.money, unit, lang, self.plan_period)
        out["message"] = pd.Series(
            _messages(found["rule"].to_numpy(dtype=object), found["detail"].tolist(), context),
            index=found.index,
            dtype=object,
        )
        out.attrs["unit"] = unit
        return out

    def counts(self) -> dict[str, int]:
        """Number of findings of each severity."""
        severities = self._findings["severity"]
        return {s: int((severities == s).sum()) for s in SEVERITIES}

    # -- display -------------------------------------------------------------------------
    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """One line: whether the totals reconcile and how many findings of each kind."""
        lang = check_lang(lang)
        counts = term("list_separator", lang).join(
            f"{term(s, lang)} {n}" for s, n in self.counts().items()
        )
        if self.published is None:
            verdict = term("rec_verdict_unpublished_short", lang)
        elif self.reconciles:
            verdict = term("rec_verdict_ok_short", lang)
        else:
            verdict = term("rec_verdict_differs_short", lang)
        return term("rec_summary", lang, verdict=verdict, counts=counts)

    def __str__(self) -> str:
        return self.to_text()

    def to_text(self, unit: str | None = None, lang: str | None = None) -> str:
        """The readable report: totals, the split in aggregate, and the findings, with amounts
        in ``unit`` (the display unit by default) and words in ``lang``.

        Columns are aligned by their width on a terminal (a Chinese character takes two), and
        each column of amounts has one number of decimals.
        """
        unit = self.money.normalize_unit(unit)
        lang = check_lang(lang)
        first, last = self.plan_period
        lines = [
            term("rec_title", lang, name=self.name or term("the_portfolio", lang)),
            term(
                "rec_intro",
                lang,
                n=len(self._split_minor),
                first=first,
                last=last,
                unit=unit,
            ),
            "",
            _totals_table(self, unit, lang),
            "",
        ]
        if self.published is None:
            lines.append(term("rec_verdict_unpublished", lang))
        elif self.reconciles:
            lines.append(term("rec_verdict_ok", lang))
        else:
            lines.append(term("rec_verdict_differs", lang))
        lines += ["", _split_line(self._split_minor, self.money, unit, self.plan_period, lang), ""]
        counts = self.counts()
        lines.append(
            term(
                "rec_counts",
                lang,
                errors=counts["error"],
                warnings=counts["warning"],
                notes=counts["info"],
            )
        )
        found = self.findings_frame(unit, lang)
        if len(found):
            who = [
                term("all_projects", lang) if pd.isna(pid) else f"#{pid} {name}"
                for pid, name in zip(found["project_id"], found["name"])
            ]
            rows = zip(found["severity"], who, [f"[{rule_word(r, lang)}]" for r in found["rule"]])
            table = render(None, rows, indent="  ").splitlines()
            lines += [f"{row}  {message}" for row, message in zip(table, found["message"])]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"ReconciliationReport({self.name!r}: {self.summary()})"

    def _repr_html_(self) -> str:
        lang = check_lang(None)
        unit = self.money.normalize_unit(chosen_unit(None, self.money))
        totals = self.totals_frame(unit, lang)[["published", "computed", "difference", "status"]]
        totals = totals.rename(columns=lambda column: heading(column, lang))
        findings = self.findings_frame(unit, lang)
        findings = findings.rename(columns=lambda column: heading(column, lang))
        return html_report(
            f"{self.name or term('rec_heading', lang)}: {self.summary(unit, lang=lang)}",
            tables=[
                (with_unit(term("rec_totals", lang), unit, lang), totals),
                (term("findings", lang), findings),
            ],
        )


def reconcile(
    portfolio: Portfolio,
    *,
    share_ratio: float = SHARE_RATIO_WARNING,
    scope_ratio: float = SCOPE_RATIO,
) -> ReconciliationReport:
    """Reconcile a portfolio with its published totals and check every project.

    The checks are vectorised over the table, so a reconciliation takes time in proportion
    to a spread of the same portfolio (see ``benchmarks/``); the findings' sentences are
    written when they are read.

    Parameters
    ----------
    portfolio
        The projects, their plan period and published totals.
    share_ratio
        How far the plan share of a project's total may fall from the share of its window
        years inside the plan period before it is a warning (4: less than a quarter of it);
        half that far is noted as info.
    scope_ratio
        How far a project's site area per class, or floor/site ratio, may lie from the
        portfolio's median before it is a warning (3: more than three times, or less than a
        third).

    Returns
    -------
    ReconciliationReport

    Examples
    --------
    >>> import capex
    >>> report = capex.reconcile(capex.load_projects())
    >>> report.reconciles
    True
    """
    frame = portfolio.frame
    split = plan_split(portfolio)
    split_minor = frame[["name", "start_year", "end_year", "total_minor"]].join(split)
    findings = [
        _plan_findings(frame, split, portfolio.plan_period, share_ratio),
        _scope_findings(frame, scope_ratio),
        _unit_findings(frame),
        _source_findings(portfolio),
    ]
    return ReconciliationReport(
        name=portfolio.name,
        plan_period=portfolio.plan_period,
        published=portfolio.published,
        _totals_minor=_totals(frame, portfolio.published),
        _split_minor=split_minor,
        _findings=_findings_frame(findings, frame.index),
        money=portfolio.money,
        source=portfolio.source,
        provenance=portfolio.provenance,
    )


# ---------------------------------------------------------------------------------------
# totals
# ---------------------------------------------------------------------------------------
def _totals(frame: pd.DataFrame, published: PublishedTotals | None) -> pd.DataFrame:
    government = frame["government_investment"].to_numpy(dtype=bool)
    rows = []
    for label, _, column, funding in _TOTAL_ROWS:
        amounts = frame[column].to_numpy()
        if funding is not None:
            amounts = amounts[government == funding]
        computed = int(amounts.sum())
        # the source publishes the two headline figures only, never a split by funding
        if published is not None and funding is None:
            figure = published.total_minor if column == "total_minor" else published.plan_minor
            rows.append((label, figure, computed, computed - figure))
        else:
            rows.append((label, None, computed, None))
    out = pd.DataFrame(
        rows, columns=["figure", "published_minor", "computed_minor", "difference_minor"]
    )
    out = out.set_index("figure")
    for column in ("published_minor", "computed_minor", "difference_minor"):
        out[column] = pd.array(out[column].tolist(), dtype="Int64")
    return out


def _status(difference: object, money: Money, lang: str = "en") -> str:
    if pd.isna(difference):
        return term("not_published", lang)
    if difference == 0:
        return term("reconciles", lang)
    amount = money.format(abs(int(difference)), money.unit)
    return term("above_published" if difference > 0 else "below_published", lang, amount=amount)


def _yi_text(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _totals_table(report: ReconciliationReport, unit: str, lang: str) -> str:
    totals, money = report._totals_minor, report.money

    def column(name: str) -> list[str]:
        values = [None if pd.isna(v) else int(v) for v in totals[name]]
        return amount_texts(values, money, unit, zero="0")

    published = [
        term("not_published", lang) if not text else text for text in column("published_minor")
    ]
    difference = ["—" if not text else text for text in column("difference_minor")]
    rows = zip(
        [report.figure_label(label, lang) for label in totals.index],
        published,
        column("computed_minor"),
        difference,
        [_status(d, money, lang) for d in totals["difference_minor"]],
    )
    headers = ["", *(with_unit(term(k, lang), unit, lang) for k in ("published", "computed",
               "difference")), ""]  # fmt: skip
    return render(headers, rows, align="lrrrl")


def _split_line(
    split: pd.DataFrame, money: Money, unit: str, plan_period: tuple[int, int], lang: str
) -> str:
    first, last = plan_period
    columns = ("total_minor", *SPLIT_COLUMNS)
    sums = amount_texts([int(split[c].sum()) for c in columns], money, unit, zero="0")
    texts = dict(zip(columns, sums))
    return term(
        "rec_split",
        lang,
        first=first,
        last=last,
        unit=unit,
        total=texts["total_minor"],
        before=texts["before_minor"],
        in_plan=texts["in_plan_minor"],
        after=texts["after_minor"],
        unplaceable=texts["unplaceable_minor"],
    )


# ---------------------------------------------------------------------------------------
# findings: found vectorised as (project id, severity, rule, detail); worded when read
# ---------------------------------------------------------------------------------------
_FINDING_FIELDS = ("project_id", "severity", "rule", "detail")


@dataclass(frozen=True)
class _Context:
    """What a finding's sentence needs besides its own details."""

    money: Money
    unit: str
    lang: str
    plan_period: tuple[int, int]
    # read once per report, not once per sentence (a million projects word many sentences)
    words: Mapping[str, str] = field(init=False, repr=False)
    scale: int | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", texts(self.lang))
        object.__setattr__(self, "scale", _power_of_ten(self.money.per(self.unit)))

    def amount(self, minor: int) -> str:
        scale = self.scale
        if scale is None:
            return self.tight(self.money.format(int(minor), self.unit))
        # Money.format's text for a power-of-ten unit, written here without its look-ups
        minor = int(minor)
        whole, part = divmod(abs(minor), 10**scale)
        sign = "-" if minor < 0 else ""
        if not part:
            return self.tight(f"{sign}{whole:,} {self.unit}")
        fraction = f"{part:0{scale}d}".rstrip("0")
        return self.tight(f"{sign}{whole}.{fraction} {self.unit}")

    def amounts(self, minor: np.ndarray) -> np.ndarray:
        """:meth:`amount` of each of many amounts, at once (an object array of str)."""
        texts = self.money.format_many(minor, self.unit)
        if self.lang == "zh":  # as tight() writes them
            return np.array([text.replace(" ", "") for text in texts], dtype=object)
        return texts

    def area(self, value: float, decimals: int = 2) -> str:
        return self.tight(_area_text(value, decimals))

    def word(self, key: str, **values: Any) -> str:
        """The term ``key`` in the context's language (see :func:`capex.terms.term`)."""
        return self.words[key].format(**values)

    def tight(self, text: str) -> str:
        """Chinese writes a number and its unit without a space (``3亿元``)."""
        return text.replace(" ", "") if self.lang == "zh" else text


def _found(ids: Any, severity: Any, rule: Any, details: list[dict[str, Any]]) -> pd.DataFrame:
    """Findings as a table: one row per detail."""
    n = len(details)
    return pd.DataFrame(
        {
            "project_id": pd.array(list(ids), dtype=object) if n else [],
            "severity": [severity] * n if isinstance(severity, str) else list(severity),
            "rule": [rule] * n if isinstance(rule, str) else list(rule),
            "detail": details,
        },
        columns=list(_FINDING_FIELDS),
    )


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [part for part in parts if len(part)]
    if not parts:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in _FINDING_FIELDS})
    return pd.concat(parts, ignore_index=True)


def _details(rows: np.ndarray, **columns: np.ndarray) -> list[dict[str, Any]]:
    """One dict per row of ``rows``, holding each named column's value there."""
    names = list(columns)
    values = [columns[name][rows].tolist() for name in names]
    return [dict(zip(names, row)) for row in zip(*values)]


def _findings_frame(parts: list[pd.DataFrame], ids: pd.Index) -> pd.DataFrame:
    """All findings, most serious first; within a severity in table order, with the
    table-wide findings last."""
    out = _concat(parts)
    order = pd.Index(SEVERITIES).get_indexer(out["severity"])
    table_wide = out["project_id"].isna().to_numpy()
    position = ids.get_indexer(out["project_id"].where(~table_wide, ids[0] if len(ids) else 0))
    keys = np.lexsort((np.arange(len(out)), position, table_wide, order))
    out = out.iloc[keys].reset_index(drop=True)
    if pd.api.types.is_integer_dtype(ids.dtype):
        out["project_id"] = pd.array(out["project_id"].tolist(), dtype="Int64")
    else:
        out["project_id"] = out["project_id"].astype(object).where(out["project_id"].notna(), pd.NA)
    for column in ("severity", "rule"):
        out[column] = out[column].astype(object)
    return out


def _years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def _percent(part: float) -> str:
    return f"{100 * part:.0f}%"


def _plan_findings(
    frame: pd.DataFrame, split: pd.DataFrame, plan_period: tuple[int, int], ratio: float
) -> pd.DataFrame:
    """Does the plan-period amount fit where the window lies relative to the plan period?"""
    first, last = plan_period
    start = frame["start_year"].to_numpy(dtype=np.int64)
    end = frame["end_year"].to_numpy(dtype=np.int64)
    total = frame["total_minor"].to_numpy(dtype=np.int64)
    plan = frame["plan_minor"].to_numpy(dtype=np.int64)
    years = end - start + 1
    years_in = year_count(*clip_window(start, end, plan_period))
    before, after = start < first, end > last
    considered = (total != 0) & (years_in != 0)
    inside = considered & ~before & ~after
    outside = considered & (before | after)

    unplaceable = inside & (plan < total)
    everything = outside & (plan == total)
    shared = outside & (plan != total)
    with np.errstate(divide="ignore", invalid="ignore"):
        year_share = years_in / years
        plan_share = plan / np.where(total == 0, 1, total)
    low = shared & (plan_share * ratio / 2 < year_share)
    high = shared & ~low & ((1 - plan_share) * ratio / 2 < 1 - year_share)
    low_warning = plan_share * ratio < year_share
    high_warning = (1 - plan_share) * ratio < 1 - year_share

    ids = frame.index.to_numpy()
    window = {"start": start, "end": end, "total": total}
    rows = np.flatnonzero(unplaceable)
    lost = split["unplaceable_minor"].to_numpy(dtype=np.int64)
    parts = [
        _found(
            ids[rows],
            "error",
            "plan_unplaceable",
            _details(rows, **window, plan=plan, unplaceable=lost),
        )
    ]
    rows = np.flatnonzero(everything)
    rules = np.where(
        before[rows] & ~after[rows],
        "plan_no_before",
        np.where(~before[rows], "plan_no_after", "plan_no_outside"),
    )
    parts.append(_found(ids[rows], "warning", rules.tolist(), _details(rows, **window)))
    for mask, rule, warning in ((low, "plan_share_low", low_warning), (high, "plan_share_high",
                                high_warning)):  # fmt: skip
        rows = np.flatnonzero(mask)
        severity = np.where(warning[rows], "warning", "info").tolist()
        details = _details(rows, **window, plan=plan, years_in=years_in)
        parts.append(_found(ids[rows], severity, rule, details))
    return _concat(parts)


def _outside_years(start: int, end: int, first: int, last: int, context: _Context) -> str:
    parts = []
    if start < first:
        parts.append(_years(start, first - 1))
    if end > last:
        parts.append(_years(last + 1, end))
    return context.word("and").join(parts)


def _area_text(value: float, decimals: int = 2) -> str:
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} 平米"


def _scope_findings(frame: pd.DataFrame, ratio: float) -> pd.DataFrame:
    """Is the physical scope in proportion, against the portfolio's own medians?"""
    added_land = _by_distinct(frame["scope"], lambda s: s.str.contains(_ADDED_LAND, regex=False))
    site_all = frame["site_area_m2"].astype("float64").to_numpy()
    ids = frame.index.to_numpy()
    rows = np.flatnonzero(added_land)
    parts = [
        _found(
            ids[rows],
            "info",
            "scope_added_land",
            [{"site": None if np.isnan(v) else float(v)} for v in site_all[rows].tolist()],
        )
    ]
    classes = frame["classes"].astype("float64").to_numpy()
    floor = frame["floor_area_m2"].astype("float64").to_numpy()
    site = np.where(added_land, np.nan, site_all)
    with np.errstate(divide="ignore", invalid="ignore"):
        site_per_class = site / classes
        floor_per_site = floor / site
        floor_per_class = floor / classes
    median_spc = _median(site_per_class)
    median_fps = _median(floor_per_site)
    median_fpc = _median(floor_per_class)
    with np.errstate(divide="ignore", invalid="ignore"):
        spc_factor = np.where(
            np.isfinite(site_per_class) & np.isfinite(median_spc), site_per_class / median_spc, 1.0
        )
        fps_factor = np.where(
            np.isfinite(floor_per_site) & np.isfinite(median_fps), floor_per_site / median_fps, 1.0
        )
        fpc_factor = floor_per_class / median_fpc
    spc_odd = ~((1 / ratio <= spc_factor) & (spc_factor <= ratio))
    fps_odd = ~((1 / ratio <= fps_factor) & (fps_factor <= ratio))
    floor_fine = (
        np.isfinite(floor_per_class)
        & np.isfinite(median_fpc)
        & (1 / ratio <= fpc_factor)
        & (fpc_factor <= ratio)
    )
    details = []
    rows = np.flatnonzero(spc_odd | fps_odd)
    for i in rows.tolist():
        n_classes = classes[i]
        detail: dict[str, Any] = {
            "site": float(site_all[i]),
            "classes": None if np.isnan(n_classes) else int(n_classes),
            "spc_odd": bool(spc_odd[i]),
            "fps_odd": bool(fps_odd[i]),
            "spc": float(site_per_class[i]),
            "spc_factor": float(spc_factor[i]),
            "median_spc": median_spc,
            "fps": float(floor_per_site[i]),
            "median_fps": median_fps,
            "floor": None,
            "tenth": None,
        }
        if floor_fine[i]:
            detail["floor"] = float(floor[i])
            detail["fpc"] = float(floor_per_class[i])
            tenth = float(site_all[i]) / 10
            if spc_odd[i] and 1 / ratio <= tenth / int(n_classes) / median_spc <= ratio:
                detail["tenth"] = tenth
        details.append(detail)
    parts.append(_found(ids[rows], "warning", "scope_site_area", details))
    return _concat(parts)


def _median(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    return float(np.median(finite)) if len(finite) >= MIN_PEERS else float("nan")


def _times(factor: float, context: _Context) -> str:
    if factor >= 1:
        if factor >= 2:
            return context.word("times_about", n=f"{factor:.0f}")
        return context.word("times", n=f"{factor:.1f}")
    return context.word("times_fraction", n=f"{1 / factor:.0f}")


def _unit_findings(frame: pd.DataFrame) -> pd.DataFrame:
    """Mixed area units across the table or within one row, and approximate figures (约)."""
    scope = frame["scope"].astype(str)
    area_unit = frame["area_unit"].astype(str)
    approximate_flag = frame["area_approximate"].to_numpy(dtype=bool)
    # only rows that write an area or a unit can have a unit finding: test those one by one
    candidates = np.flatnonzero(
        _by_distinct(scope, lambda s: s.str.contains(rf"\d\s*(?:{_AREA_UNITS})", regex=True))
        | _by_distinct(area_unit, lambda s: s.str.strip() != "")
        | approximate_flag
    )
    ids = frame.index.to_numpy()
    users: dict[str, list[object]] = {}
    found_ids: list[object] = []
    rules: list[str] = []
    details: list[dict[str, Any]] = []
    scopes, units_of_rows = scope.to_numpy(), area_unit.to_numpy()
    for i in candidates.tolist():
        project_id, text = ids[i], str(scopes[i])
        units = _units_in_row(text, str(units_of_rows[i]))
        for unit in units:
            users.setdefault(unit, []).append(project_id)
        matches = list(_AREA_UNIT.finditer(text))
        if len(units) > 1:
            found_ids.append(project_id)
            rules.append("units_mixed_row")
            details.append({"units": units, "areas": [m.group(0).strip() for m in matches]})
        approximate = [m.group(0).strip() for m in matches if m.group(1)]
        if approximate or approximate_flag[i]:
            found_ids.append(project_id)
            rules.append("units_approximate")
            details.append({"areas": approximate})
    parts = [_found(found_ids, "info", rules, details)]
    if len(users) > 1:
        ranked = sorted(users.items(), key=lambda item: -len(item[1]))
        parts.append(_found([None], "info", "units_mixed_table", [{"users": ranked}]))
    return _concat(parts)


def _source_findings(portfolio: Portfolio) -> pd.DataFrame:
    """What the file the projects came from holds besides them: hidden sheets, where a stale
    copy or an old version may sit unread."""
    if not portfolio.hidden_sheets:
        return _concat([])
    detail = {"names": list(portfolio.hidden_sheets), "sheet": portfolio.sheet or ""}
    return _found([None], "warning", "source_hidden_sheets", [detail])


def _by_distinct(texts: pd.Series, test: Callable[[pd.Series], pd.Series]) -> np.ndarray:
    """``test(texts)`` as a bool array, the test run once per distinct text: a large table
    repeats its texts (empty scopes, the same unit), and a text's answer is the same wherever
    it stands."""
    codes, distinct = pd.factorize(texts, use_na_sentinel=False)
    return test(pd.Series(distinct, dtype=texts.dtype)).to_numpy(dtype=bool)[codes]


def _units_in_row(scope: str, area_unit: str) -> list[str]:
    units = [match.group(3) for match in _AREA_UNIT.finditer(scope)]
    units += [u.strip() for u in area_unit.split("/") if u.strip()]
    return sorted(set(units), key=units.index)


# ---------------------------------------------------------------------------------------
# the sentences of the findings, in either language
# ---------------------------------------------------------------------------------------
def _message(rule: str, detail: Mapping[str, Any], context: _Context) -> str:
    return _WORDING[rule](detail, context)


def _window_words(detail: Mapping[str, Any], context: _Context) -> dict[str, Any]:
    first, last = context.plan_period
    return {
        "window": _years(detail["start"], detail["end"]),
        "period": _years(first, last),
        "total": context.amount(detail["total"]),
    }


def _plan_unplaceable(detail: Mapping[str, Any], context: _Context) -> str:
    return context.word(
        "finding_plan_unplaceable",
        **_window_words(detail, context),
        plan=context.amount(detail["plan"]),
        unplaceable=context.amount(detail["unplaceable"]),
    )


def _plan_nothing_outside(detail: Mapping[str, Any], context: _Context) -> str:
    first, last = context.plan_period
    start, end = detail["start"], detail["end"]
    sides = []
    if start < first:
        sides.append(context.word("years_before_it", years=_years(start, first - 1)))
    if end > last:
        sides.append(context.word("years_after_it", years=_years(last + 1, end)))
    return context.word(
        "finding_plan_nothing_outside",
        **_window_words(detail, context),
        sides=context.word("or").join(sides),
    )


def _plan_share(detail: Mapping[str, Any], context: _Context, low: bool) -> str:
    first, last = context.plan_period
    start, end = detail["start"], detail["end"]
    plan, total, years_in = detail["plan"], detail["total"], detail["years_in"]
    years = end - start + 1
    rest = _outside_years(start, end, first, last, context)
    words = _window_words(detail, context)
    part = years_in if low else years - years_in
    of_window = context.word(
        "of_window_one" if part == 1 else "of_window_many",
        part=part,
        years=years,
        window=words["window"],
        share=_percent(part / years),
    )
    if low:
        leaving = "leaving_alone" if years - years_in == 1 else "leaving"
        return context.word(
            "finding_plan_share_low",
            **words,
            plan=context.amount(plan),
            plan_share=_percent(plan / total),
            of_window=of_window,
            leaving=context.word(leaving, amount=context.amount(total - plan), years=rest),
        )
    return context.word(
        "finding_plan_share_high",
        **words,
        outside=context.amount(total - plan),
        outside_share=_percent(1 - plan / total),
        rest=rest,
        of_window=of_window,
    )


def _scope_added_land(detail: Mapping[str, Any], context: _Context) -> str:
    site = detail["site"]
    area = "" if site is None else context.word("of_area", area=context.area(site))
    return context.word("finding_scope_added_land", area=area)


def _scope_site_area(detail: Mapping[str, Any], context: _Context) -> str:
    message = context.word("site_area_of", area=context.area(detail["site"]))
    if detail["classes"] is not None:
        message += context.word("for_classes", n=detail["classes"])
    if detail["spc_odd"]:
        message += context.word(
            "site_per_class_odd",
            per_class=context.area(detail["spc"], 0),
            times=_times(detail["spc_factor"], context),
            median=context.area(detail["median_spc"], 0),
        )
    if detail["fps_odd"]:
        key = "floor_per_site_odd_and" if detail["spc_odd"] else "floor_per_site_odd"
        message += context.word(
            key, ratio=f"{detail['fps']:.2f}", median=f"{detail['median_fps']:.2f}"
        )
    if detail["floor"] is not None:
        message += context.word(
            "floor_in_line",
            floor=context.area(detail["floor"]),
            per_class=context.area(detail["fpc"], 0),
        )
        if detail["tenth"] is not None:
            message += context.word("tenth_in_line", area=context.area(detail["tenth"]))
    return message + context.word("full_stop")


def _units_mixed_row(detail: Mapping[str, Any], context: _Context) -> str:
    return context.word(
        "finding_units_mixed_row",
        units=context.word("and").join(detail["units"]),
        areas=", ".join(detail["areas"]),
    )


def _units_approximate(detail: Mapping[str, Any], context: _Context) -> str:
    areas = detail["areas"]
    listed = context.word("in_brackets", text=", ".join(areas)) if areas else ""
    return context.word("finding_units_approximate", areas=listed)


def _units_mixed_table(detail: Mapping[str, Any], context: _Context) -> str:
    parts = [
        context.word("unit_users", unit=unit, n=len(ids), ids=", ".join(str(i) for i in ids))
        for unit, ids in detail["users"]
    ]
    return context.word(
        "finding_units_mixed_table",
        n=len(detail["users"]),
        parts=context.word("semicolon").join(parts),
    )


# ---------------------------------------------------------------------------------------
# many sentences at once: the rules that find one sentence per project, worded by columns
# ---------------------------------------------------------------------------------------
def _messages(rules: np.ndarray, details: list[Mapping[str, Any]], context: _Context) -> np.ndarray:
    """Each finding's sentence: the plan rules' findings (nearly all of a large table's) a
    rule at a time, from columns of their values; the others one by one (:func:`_message`)."""
    out = np.empty(len(rules), dtype=object)
    for rule in pd.unique(rules):
        rows = np.flatnonzero(rules == rule)
        wording = _COLUMN_WORDING.get(rule)
        if wording is None:
            out[rows] = [_message(rule, details[i], context) for i in rows.tolist()]
        else:
            out[rows] = wording([details[i] for i in rows.tolist()], context)
    return out


def _fill(template: str, n: int, **columns: Any) -> np.ndarray:
    """``template.format(**values)`` for ``n`` rows at once, as an object array of str: each
    value is a column of ``n`` texts or one text for every row."""
    pieces = list(string.Formatter().parse(template))
    if any(spec or conversion for _, _, spec, conversion in pieces):
        rows = [
            {k: v if isinstance(v, str) else v[i] for k, v in columns.items()} for i in range(n)
        ]
        return np.array([template.format(**row) for row in rows], dtype=object)
    parts: list[Any] = [""]  # texts the same in every row, merged; and columns
    for literal, name, _, _ in pieces:
        values = [literal] if name is None else [literal, columns[name]]
        for value in values:
            if isinstance(value, str) and isinstance(parts[-1], str):
                parts[-1] += value
            else:
                parts.append(value if isinstance(value, str) else np.asarray(value).tolist())
    columns_of_parts = [itertools.repeat(p, n) if isinstance(p, str) else p for p in parts]
    # one join a row: far faster than adding the pieces column by column
    return np.array(list(map("".join, zip(*columns_of_parts))) if n else [], dtype=object)


def _fill_keyed(keys: np.ndarray, context: _Context, **columns: Any) -> np.ndarray:
    """Like :func:`_fill`, each row with the term its ``keys`` entry names."""
    out = np.empty(len(keys), dtype=object)
    for key in pd.unique(keys):
        rows = np.flatnonzero(keys == key)
        values = {
            name: value if isinstance(value, str) else np.asarray(value, dtype=object)[rows]
            for name, value in columns.items()
        }
        out[rows] = _fill(context.words[key], len(rows), **values)
    return out


def _column(details: list[Mapping[str, Any]], name: str) -> np.ndarray:
    """The integer value ``name`` of each finding's details, as an array."""
    return np.fromiter((d[name] for d in details), dtype=np.int64, count=len(details))


def _percents(shares: np.ndarray) -> np.ndarray:
    """:func:`_percent` of each share: ``np.rint`` rounds half to even on the double, as
    Python's ``.0f`` does; a negative or non-finite share is written by :func:`_percent`."""
    value = 100 * shares
    odd = np.signbit(value) | ~np.isfinite(value)
    out = np.rint(np.where(odd, 0, value)).astype(np.int64).astype(str).astype(object) + "%"
    if odd.any():
        out[odd] = [_percent(v) for v in shares[odd].tolist()]
    return out


def _by_window(details: list[Mapping[str, Any]], word: Any, *extra: str) -> dict[str, np.ndarray]:
    """The words ``word`` makes of each finding's window (a dict of texts from its ``start``,
    ``end`` and ``extra`` values), made once per distinct window and spread over the
    findings: a plan has few distinct windows however many projects it has."""
    stacked = np.stack([_column(details, name) for name in ("start", "end", *extra)], axis=1)
    # one integer key per row: a hash of 1-D keys is far faster than a row-wise unique
    key = np.zeros(len(stacked), dtype=np.int64)
    for column in stacked.T:  # years and counts of years: the key stays far below 2**63
        lowest, highest = (int(column.min()), int(column.max())) if len(column) else (0, 0)
        key = key * (highest - lowest + 1) + (column - lowest)
    inverse = pd.factorize(key)[0]
    _, first_rows = np.unique(inverse, return_index=True)
    made = [word(*row) for row in stacked[first_rows].tolist()]
    words = {
        name: np.array([m[name] for m in made], dtype=object)[inverse]
        for name in (made[0] if made else {})
    }
    return words


def _columns_plan_unplaceable(details: list[Mapping[str, Any]], context: _Context) -> np.ndarray:
    first, last = context.plan_period
    words = _by_window(details, lambda s, e: {"window": _years(s, e)})
    amount = context.amounts
    return _fill(
        context.words["finding_plan_unplaceable"],
        len(details),
        window=words["window"],
        period=_years(first, last),
        total=amount(_column(details, "total")),
        plan=amount(_column(details, "plan")),
        unplaceable=amount(_column(details, "unplaceable")),
    )


def _columns_plan_nothing_outside(
    details: list[Mapping[str, Any]], context: _Context
) -> np.ndarray:
    first, last = context.plan_period

    def word(start: int, end: int) -> dict[str, str]:
        sides = []
        if start < first:
            sides.append(context.word("years_before_it", years=_years(start, first - 1)))
        if end > last:
            sides.append(context.word("years_after_it", years=_years(last + 1, end)))
        return {"window": _years(start, end), "sides": context.word("or").join(sides)}

    words = _by_window(details, word)
    return _fill(
        context.words["finding_plan_nothing_outside"],
        len(details),
        window=words["window"],
        period=_years(first, last),
        total=context.amounts(_column(details, "total")),
        sides=words["sides"],
    )


def _columns_plan_share(
    details: list[Mapping[str, Any]], context: _Context, low: bool
) -> np.ndarray:
    """:func:`_plan_share` for many findings: the words of a window once per window."""
    first, last = context.plan_period

    def word(start: int, end: int, years_in: int) -> dict[str, str]:
        years = end - start + 1
        part = years_in if low else years - years_in
        window = _years(start, end)
        of_window = context.word(
            "of_window_one" if part == 1 else "of_window_many",
            part=part,
            years=years,
            window=window,
            share=_percent(part / years),
        )
        return {
            "window": window,
            "rest": _outside_years(start, end, first, last, context),
            "of_window": of_window,
            "leaving": "leaving_alone" if years - years_in == 1 else "leaving",
        }

    words = _by_window(details, word, "years_in")
    total, plan = _column(details, "total"), _column(details, "plan")
    n = len(details)
    left = context.amounts(total - plan)
    share = plan / total
    if low:
        return _fill(
            context.words["finding_plan_share_low"],
            n,
            window=words["window"],
            period=_years(first, last),
            total=context.amounts(total),
            plan=context.amounts(plan),
            plan_share=_percents(share),
            of_window=words["of_window"],
            leaving=_fill_keyed(words["leaving"], context, amount=left, years=words["rest"]),
        )
    return _fill(
        context.words["finding_plan_share_high"],
        n,
        window=words["window"],
        period=_years(first, last),
        total=context.amounts(total),
        outside=left,
        outside_share=_percents(1 - share),
        rest=words["rest"],
        of_window=words["of_window"],
    )


_COLUMN_WORDING = {
    "plan_unplaceable": _columns_plan_unplaceable,
    "plan_no_before": _columns_plan_nothing_outside,
    "plan_no_after": _columns_plan_nothing_outside,
    "plan_no_outside": _columns_plan_nothing_outside,
    "plan_share_low": lambda details, context: _columns_plan_share(details, context, low=True),
    "plan_share_high": lambda details, context: _columns_plan_share(details, context, low=False),
}
"""The rules worded a column at a time; each gives the texts its row-wise wording gives."""


_WORDING = {
    "plan_unplaceable": _plan_unplaceable,
    "plan_no_before": _plan_nothing_outside,
    "plan_no_after": _plan_nothing_outside,
    "plan_no_outside": _plan_nothing_outside,
    "plan_share_low": lambda detail, context: _plan_share(detail, context, low=True),
    "plan_share_high": lambda detail, context: _plan_share(detail, context, low=False),
    "scope_added_land": _scope_added_land,
    "scope_site_area": _scope_site_area,
    "units_mixed_row": _units_mixed_row,
    "units_approximate": _units_approximate,
    "units_mixed_table": _units_mixed_table,
    "source_hidden_sheets": lambda detail, context: context.word(
        "hidden_sheets",
        names=", ".join(f"'{name}'" for name in detail["names"]),
        sheet=detail["sheet"],
    ),
}
