"""Reconciliation of a portfolio against its published totals.

The per-project split of each total into the parts before, inside and after the plan period
(:func:`capex.cashflow.plan_split`) is the common ground of the reconciliation report and the
full-window cash flow: both read it, so their figures agree to the unit.

:func:`reconcile` adds up the portfolio, compares the sums with the figures the plan publishes
(exactly, in integers of the minor unit), and checks each project against rules a finance officer would
apply by eye: does the plan-period amount fit the window, is the physical scope plausible
next to the other projects, are the units consistent. What the data reveal is reported; the
data are never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

import numpy as np
import pandas as pd

from capex.cashflow import SPLIT_COLUMNS, plan_split
from capex.money import WAN, Money
from capex.portfolio import Portfolio, PublishedTotals
from capex.windows import clip_window, year_count

SEVERITIES = ("error", "warning", "info")
"""Finding severities, most serious first.

``error``: the figures cannot all hold as written (money with no year to go to).
``warning``: possible, but out of line enough that someone should check the source.
``info``: worth knowing when reading the figures (units, approximations, interpretations).
"""

FINDING_COLUMNS = ("project_id", "severity", "rule", "message")

SHARE_RATIO_WARNING = 4.0
"""A plan share below a quarter of the window-year share (or the symmetric case) is a warning."""

SHARE_RATIO_INFO = 2.0
"""A plan share below half of the window-year share (or the symmetric case) is noted."""

SCOPE_RATIO = 3.0
"""Site area per class or floor/site ratio more than 3 times off the median is a warning."""

MIN_PEERS = 5
"""Fewest comparable projects for the physical-scope comparison to mean anything."""

# An area in the scope text: a number followed by its unit (the seed writes 平米 and 平方).
_AREA_UNIT = re.compile(r"(约)?\s*(\d[\d,]*(?:\.\d+)?)\s*(平方米|平米|平方|㎡|m2|m²)")
_ADDED_LAND = "新增用地"


# ---------------------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------------------
_TOTAL_ROWS = (
    # (label, amount column, funding filter: None = all, True = government, False = not)
    ("total investment", "total_minor", None),
    ("plan investment", "plan_minor", None),
    ("total investment, government", "total_minor", True),
    ("total investment, non-government", "total_minor", False),
    ("plan investment, government", "plan_minor", True),
    ("plan investment, non-government", "plan_minor", False),
)


@dataclass(frozen=True, eq=False)
class ReconciliationReport:
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
    """

    name: str
    plan_period: tuple[int, int]
    published: PublishedTotals | None
    _totals_minor: pd.DataFrame = field(repr=False)
    _split_minor: pd.DataFrame = field(repr=False)
    _findings: pd.DataFrame = field(repr=False)
    money: Money = WAN

    # -- totals --------------------------------------------------------------------------
    @property
    def totals(self) -> pd.DataFrame:
        """Published, computed and difference per figure.

        Rows: total investment, plan investment, and each split by government /
        non-government investment. Columns ``published``, ``computed``, ``difference`` in the
        display unit (for display; NaN where the source publishes no figure), the same exactly
        as integers of the minor unit in ``published_minor``, ``computed_minor``, ``difference_minor`` (``<NA>`` where not
        published), and ``status`` in words.
        """
        return self.totals_frame()

    def totals_frame(self, unit: str | None = None) -> pd.DataFrame:
        """:attr:`totals` with the display columns in ``unit`` (the display unit by default)."""
        unit = self.money.normalize_unit(unit)
        exact = self._totals_minor
        out = pd.DataFrame(index=exact.index.copy())
        for column in ("published", "computed", "difference"):
            minor = exact[f"{column}_minor"]
            if self.money.per(unit) == 1:
                out[column] = minor.copy()
            else:
                values = minor.to_numpy(dtype="float64", na_value=np.nan)
                out[column] = values / float(self.money.per(unit))
        for column in ("published_minor", "computed_minor", "difference_minor"):
            out[column] = exact[column].copy()
        out["status"] = [_status(d, self.money) for d in exact["difference_minor"]]
        out.attrs["unit"] = unit
        return out

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

    def to_frame(self, unit: str | None = None) -> pd.DataFrame:
        """The split of each project's total, one row per project, amounts in ``unit`` (the
        display unit by default).

        Columns ``name``, ``start_year``, ``end_year``, ``total``, ``before`` (years of the
        window before the plan period), ``in_plan``, ``after`` and ``unplaceable`` (the part
        of the total that no year of the window can take). ``before + in_plan + after +
        unplaceable == total`` exactly in the minor unit.
        """
        unit = self.money.normalize_unit(unit)
        split = self._split_minor
        out = split[["name", "start_year", "end_year"]].copy()
        for column in ("total", "before", "in_plan", "after", "unplaceable"):
            out[column] = self.money.to_unit(split[f"{column}_minor"].to_numpy(), unit)
        out.attrs["unit"] = unit
        return out

    # -- findings ------------------------------------------------------------------------
    @property
    def findings(self) -> pd.DataFrame:
        """One row per finding: ``project_id`` (``<NA>`` for the table as a whole),
        ``severity`` (error / warning / info), ``rule`` (a short code) and ``message``."""
        return self._findings.copy()

    def counts(self) -> dict[str, int]:
        """Number of findings of each severity."""
        severities = self._findings["severity"]
        return {s: int((severities == s).sum()) for s in SEVERITIES}

    # -- display -------------------------------------------------------------------------
    def summary(self) -> str:
        """One line: whether the totals reconcile and how many findings of each kind."""
        counts = ", ".join(f"{s} {n}" for s, n in self.counts().items())
        if self.published is None:
            verdict = "no published totals to reconcile against"
        elif self.reconciles:
            verdict = "totals reconcile exactly"
        else:
            verdict = "totals do NOT reconcile"
        return f"{verdict}; findings: {counts}"

    def __str__(self) -> str:
        return self.to_text()

    def to_text(self, unit: str | None = None) -> str:
        """The readable report: totals, the split in aggregate, and the findings."""
        unit = self.money.normalize_unit(unit)
        first, last = self.plan_period
        lines = [
            f"Reconciliation of {self.name or 'the portfolio'}",
            f"{len(self._split_minor)} projects, plan period {first}-{last}, amounts in {unit}.",
            "",
            _totals_table(self._totals_minor, self.money, unit, self.plan_period),
            "",
        ]
        if self.published is None:
            lines.append(
                "The source publishes no totals, so there is nothing to reconcile against."
            )
        elif self.reconciles:
            lines.append("The totals reconcile exactly with the published figures.")
        else:
            lines.append("The totals do NOT reconcile with the published figures.")
        lines += ["", _split_line(self._split_minor, self.money, unit, self.plan_period), ""]
        counts = self.counts()
        lines.append(
            f"Findings: {counts['error']} error(s), {counts['warning']} warning(s), "
            f"{counts['info']} note(s)."
        )
        for row in self._findings.itertuples(index=False):
            who = "all" if pd.isna(row.project_id) else f"#{row.project_id}"
            lines.append(f"  {row.severity:<7} {who:>4}  [{row.rule}] {row.message}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"ReconciliationReport({self.name!r}: {self.summary()})"

    def _repr_html_(self) -> str:
        totals = self.totals[["published", "computed", "difference", "status"]]
        findings = self._findings
        return (
            f"<p><b>{escape(self.name or 'Reconciliation')}</b>: {escape(self.summary())}</p>"
            f"<p>Totals ({escape(self.money.display_unit)})</p>{totals.to_html(na_rep='not published', float_format=_yi_text)}"
            f"<p>Findings</p>{findings.to_html(index=False, na_rep='all')}"
        )


def reconcile(
    portfolio: Portfolio,
    *,
    share_ratio: float = SHARE_RATIO_WARNING,
    scope_ratio: float = SCOPE_RATIO,
) -> ReconciliationReport:
    """Reconcile a portfolio with its published totals and check every project.

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
    findings = (
        _plan_findings(frame, split, portfolio.plan_period, share_ratio, portfolio.money)
        + _scope_findings(frame, scope_ratio)
        + _unit_findings(frame)
    )
    return ReconciliationReport(
        name=portfolio.name,
        plan_period=portfolio.plan_period,
        published=portfolio.published,
        _totals_minor=_totals(frame, portfolio.published),
        _split_minor=split_minor,
        _findings=_findings_frame(findings, frame.index),
        money=portfolio.money,
    )


# ---------------------------------------------------------------------------------------
# totals
# ---------------------------------------------------------------------------------------
def _totals(frame: pd.DataFrame, published: PublishedTotals | None) -> pd.DataFrame:
    government = frame["government_investment"].to_numpy(dtype=bool)
    rows = []
    for label, column, funding in _TOTAL_ROWS:
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


def _status(difference: object, money: Money) -> str:
    if pd.isna(difference):
        return "not published"
    if difference == 0:
        return "reconciles"
    sign = "above" if difference > 0 else "below"
    return f"{money.format(abs(int(difference)), money.unit)} {sign} the published figure"


def _yi_text(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _unit_text(amount: object, money: Money, unit: str) -> str:
    if pd.isna(amount):
        return "—"
    if money.per(unit) <= 1:
        return f"{int(money.to_decimal(int(amount), unit)):,}"
    return money.text(int(amount), unit)


def _totals_table(
    totals: pd.DataFrame, money: Money, unit: str, plan_period: tuple[int, int]
) -> str:
    first, last = plan_period
    labels = [
        label.replace("plan investment", f"plan investment {first}-{last}")
        for label in totals.index
    ]
    rows = [("", "published", "computed", "difference", "")]
    for label, row in zip(labels, totals.itertuples()):
        rows.append(
            (
                label,
                "not published"
                if pd.isna(row.published_minor)
                else _unit_text(row.published_minor, money, unit),
                _unit_text(row.computed_minor, money, unit),
                _unit_text(row.difference_minor, money, unit),
                _status(row.difference_minor, money),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    text = []
    for r in rows:
        cells = [r[0].ljust(widths[0])] + [r[i].rjust(widths[i]) for i in (1, 2, 3)] + [r[4]]
        text.append("  ".join(cells).rstrip())
    return "\n".join(text)


def _split_line(split: pd.DataFrame, money: Money, unit: str, plan_period: tuple[int, int]) -> str:
    first, last = plan_period
    sums = {c: int(split[c].sum()) for c in ("total_minor", *SPLIT_COLUMNS)}
    text = (
        f"Split of the total {_unit_text(sums['total_minor'], money, unit)}: "
        f"before {first} {_unit_text(sums['before_minor'], money, unit)}, "
        f"in {first}-{last} {_unit_text(sums['in_plan_minor'], money, unit)}, "
        f"after {last} {_unit_text(sums['after_minor'], money, unit)}, "
        f"with no year in its window {_unit_text(sums['unplaceable_minor'], money, unit)}."
    )
    return text


# ---------------------------------------------------------------------------------------
# findings
# ---------------------------------------------------------------------------------------
Finding = tuple[object, str, str, str]  # project id (None for the table), severity, rule, message


def _findings_frame(findings: list[Finding], ids: pd.Index) -> pd.DataFrame:
    order = {s: i for i, s in enumerate(SEVERITIES)}
    position = {project_id: i for i, project_id in enumerate(ids)}
    # most serious first; within a severity, table order, with table-wide findings last
    findings = sorted(
        findings,
        key=lambda f: (order[f[1]], f[0] is None, position.get(f[0], 0)),
    )
    out = pd.DataFrame(findings, columns=list(FINDING_COLUMNS))
    if pd.api.types.is_integer_dtype(ids.dtype):
        out["project_id"] = pd.array(out["project_id"].tolist(), dtype="Int64")
    else:
        out["project_id"] = out["project_id"].astype(object).where(out["project_id"].notna(), pd.NA)
    for column in ("severity", "rule", "message"):
        out[column] = out[column].astype(object)
    return out


def _years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def _percent(part: float) -> str:
    return f"{100 * part:.0f}%"


def _plan_findings(
    frame: pd.DataFrame,
    split: pd.DataFrame,
    plan_period: tuple[int, int],
    ratio: float,
    money: Money,
) -> list[Finding]:
    """Does the plan-period amount fit where the window lies relative to the plan period?"""

    def _amount(amount: int) -> str:
        return money.format(int(amount))

    first, last = plan_period
    period = _years(first, last)
    findings: list[Finding] = []
    for project_id, row in frame.iterrows():
        start, end = int(row["start_year"]), int(row["end_year"])
        total, plan = int(row["total_minor"]), int(row["plan_minor"])
        window = _years(start, end)
        years = end - start + 1
        years_in = year_count(*clip_window(start, end, plan_period))
        before = start < first
        after = end > last
        if total == 0 or years_in == 0:
            continue
        if not before and not after:
            if plan < total:
                findings.append(
                    (
                        project_id,
                        "error",
                        "plan_unplaceable",
                        (
                            f"The window {window} lies wholly inside the plan period {period}, yet only "
                            f"{_amount(plan)} of the {_amount(total)} total falls in {period}: "
                            f"{_amount(split.at[project_id, 'unplaceable_minor'])} has no year in the window to go to."
                        ),
                    )
                )
            continue
        if plan == total:
            sides = []
            if before:
                sides.append(f"the years before it ({_years(start, first - 1)})")
            if after:
                sides.append(f"the years after it ({_years(last + 1, end)})")
            rule = (
                "plan_no_before"
                if before and not after
                else "plan_no_after"
                if not before
                else "plan_no_outside"
            )
            findings.append(
                (
                    project_id,
                    "warning",
                    rule,
                    (
                        f"The window {window} reaches outside the plan period {period}, yet the whole "
                        f"{_amount(total)} is planned for {period}: nothing is left for "
                        f"{' or '.join(sides)}."
                    ),
                )
            )
            continue
        year_share = years_in / years
        plan_share = plan / total
        outside = total - plan
        if plan_share * ratio / 2 < year_share:
            severity = "warning" if plan_share * ratio < year_share else "info"
            findings.append(
                (
                    project_id,
                    severity,
                    "plan_share_low",
                    (
                        f"Only {_amount(plan)} of the {_amount(total)} total ({_percent(plan_share)}) falls in "
                        f"{period}, though {_of_years(years_in, years)} of its window {window} "
                        f"({_percent(year_share)}) {'lies' if years_in == 1 else 'lie'} in it, "
                        f"leaving {_amount(outside)} for {_outside_years(start, end, first, last)}"
                        f"{' alone' if years - years_in == 1 else ''}."
                    ),
                )
            )
        elif (1 - plan_share) * ratio / 2 < 1 - year_share:
            severity = "warning" if (1 - plan_share) * ratio < 1 - year_share else "info"
            findings.append(
                (
                    project_id,
                    severity,
                    "plan_share_high",
                    (
                        f"Only {_amount(outside)} of the {_amount(total)} total ({_percent(1 - plan_share)}) is "
                        f"left for {_outside_years(start, end, first, last)}, though "
                        f"{_of_years(years - years_in, years)} of its window {window} "
                        f"({_percent(1 - year_share)}) {'lies' if years - years_in == 1 else 'lie'} "
                        f"outside {period}."
                    ),
                )
            )
    return findings


def _of_years(part: int, whole: int) -> str:
    return f"{part} of the {whole} years"


def _outside_years(start: int, end: int, first: int, last: int) -> str:
    parts = []
    if start < first:
        parts.append(_years(start, first - 1))
    if end > last:
        parts.append(_years(last + 1, end))
    return " and ".join(parts)


def _area_text(value: float, decimals: int = 2) -> str:
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} 平米"


def _scope_findings(frame: pd.DataFrame, ratio: float) -> list[Finding]:
    """Is the physical scope in proportion, against the portfolio's own medians?"""
    findings: list[Finding] = []
    added_land = frame["scope"].str.contains(_ADDED_LAND, regex=False)
    for project_id in frame.index[added_land]:
        site = frame.at[project_id, "site_area_m2"]
        area = "" if pd.isna(site) else f" of {_area_text(float(site))}"
        findings.append(
            (
                project_id,
                "info",
                "scope_added_land",
                (
                    f"The site area{area} is land added to the existing campus (新增用地), not the whole "
                    "site, so it is left out of the site-area comparisons."
                ),
            )
        )
    classes = frame["classes"].astype("Float64")
    site = frame["site_area_m2"].where(~added_land)
    floor = frame["floor_area_m2"]
    site_per_class = (site / classes).astype("float64")
    floor_per_site = (floor / site).astype("float64")
    floor_per_class = (floor / classes).astype("float64")
    medians = {
        "site_per_class": _median(site_per_class),
        "floor_per_site": _median(floor_per_site),
        "floor_per_class": _median(floor_per_class),
    }
    median_spc = medians["site_per_class"]
    median_fps = medians["floor_per_site"]
    median_fpc = medians["floor_per_class"]
    for project_id in frame.index:
        spc = site_per_class[project_id]
        fps = floor_per_site[project_id]
        spc_factor = spc / median_spc if np.isfinite(spc) and np.isfinite(median_spc) else 1.0
        fps_factor = fps / median_fps if np.isfinite(fps) and np.isfinite(median_fps) else 1.0
        spc_odd = not 1 / ratio <= spc_factor <= ratio
        fps_odd = not 1 / ratio <= fps_factor <= ratio
        if not (spc_odd or fps_odd):
            continue
        site_area = float(frame.at[project_id, "site_area_m2"])
        n_classes = frame.at[project_id, "classes"]
        message = f"The site area of {_area_text(site_area)}"
        if not pd.isna(n_classes):
            message += f" for {int(n_classes)} classes"
        if spc_odd:
            message += (
                f" ({_area_text(spc, 0)} a class) is {_times(spc_factor)} the portfolio's "
                f"median ({_area_text(median_spc, 0)} a class)"
            )
        if fps_odd:
            message += (
                f"{' and' if spc_odd else ''} the floor area is {fps:.2f} times the site "
                f"(median {median_fps:.2f})"
            )
        fpc = floor_per_class[project_id]
        if np.isfinite(fpc) and np.isfinite(median_fpc) and 1 / ratio <= fpc / median_fpc <= ratio:
            message += (
                f", while the floor area itself, {_area_text(float(floor[project_id]))} "
                f"({_area_text(fpc, 0)} a class), is in line with the others: the site area is "
                "the figure to check in the source"
            )
            tenth = site_area / 10
            if spc_odd and 1 / ratio <= tenth / int(n_classes) / median_spc <= ratio:
                message += f" (a tenth of it, {_area_text(tenth)}, would be in line)"
        findings.append((project_id, "warning", "scope_site_area", message + "."))
    return findings


def _median(values: pd.Series) -> float:
    finite = values[np.isfinite(values)]
    return float(finite.median()) if len(finite) >= MIN_PEERS else float("nan")


def _times(factor: float) -> str:
    if factor >= 1:
        return f"about {factor:.0f} times" if factor >= 2 else f"{factor:.1f} times"
    return f"about 1/{1 / factor:.0f} of"


def _units_in_row(scope: str, area_unit: str) -> list[str]:
    units = [match.group(3) for match in _AREA_UNIT.finditer(scope)]
    units += [u.strip() for u in area_unit.split("/") if u.strip()]
    return sorted(set(units), key=units.index)


def _unit_findings(frame: pd.DataFrame) -> list[Finding]:
    """Mixed area units across the table or within one row, and approximate figures (约)."""
    findings: list[Finding] = []
    users: dict[str, list[object]] = {}
    for project_id, row in frame.iterrows():
        scope = str(row["scope"])
        units = _units_in_row(scope, str(row["area_unit"]))
        for unit in units:
            users.setdefault(unit, []).append(project_id)
        if len(units) > 1:
            findings.append(
                (
                    project_id,
                    "info",
                    "units_mixed_row",
                    (
                        f"The scope writes its areas in both {' and '.join(units)} "
                        f"({', '.join(m.group(0).strip() for m in _AREA_UNIT.finditer(scope))}); "
                        "all are read as square metres."
                    ),
                )
            )
        approximate = [m.group(0).strip() for m in _AREA_UNIT.finditer(scope) if m.group(1)]
        if approximate or bool(row["area_approximate"]):
            detail = f" ({', '.join(approximate)})" if approximate else ""
            findings.append(
                (
                    project_id,
                    "info",
                    "units_approximate",
                    f"The areas are given as approximate{detail}; they are used as written.",
                )
            )
    if len(users) > 1:
        parts = [
            f"{unit} in {len(ids)} project(s) ({_id_list(ids)})"
            for unit, ids in sorted(users.items(), key=lambda item: -len(item[1]))
        ]
        findings.append(
            (
                None,
                "info",
                "units_mixed_table",
                (
                    f"Areas are written in {len(users)} units across the table, {'; '.join(parts)}; "
                    "all are read as square metres."
                ),
            )
        )
    return findings


def _id_list(ids: list[object]) -> str:
    return ", ".join(str(i) for i in ids)
