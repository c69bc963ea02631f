"""Variance: actual spending against the plan, per project and year, cumulated and grouped.

:func:`variance` lines a plan (a baseline in the sense of P6 and MS Project: the cash flow the
programme was approved with) up against what was actually spent, up to a cut-off year
``as_of``. For every project and year it gives the planned and the actual amount, the
difference (actual minus planned: positive means more was spent than planned) and the
difference as a percentage of the plan, and the same cumulated to each year; it adds them up
by year, by project, and by street, builder or budget line.

Its findings use a finance office's words, each judged on the cumulative amounts to the
cut-off:

* **over the total**: spent to date above the project's total investment;
* **slipping**: spent less than planned to date, by more than the tolerance: spending is
  later than planned;
* **ahead of plan**: spent more than planned to date, by more than the tolerance, within the
  total;
* **not started**: nothing spent, though money was planned;
* **finished early**: the whole total spent before the plan's last year of spending;
* **unplanned spending**: money spent where the plan had nothing to date;

and, with the portfolio, the actuals' own findings (spending outside a window, refunds).

Amounts are compared exactly, in the finer of the plan's and the actuals' minor units (a plan
counted in 万元 against actuals kept to the 元 compares in 元), and the report says which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_lang, chosen_unit
from capex.afterlife.spent import carried_from, check_before, count_spending
from capex.errors import CapexError, DataError
from capex.model.actuals import FINDING_COLUMNS, Actuals
from capex.model.limits import check_year
from capex.model.money import Money, comparison_money, rescale
from capex.model.portfolio import Portfolio
from capex.model.protocol import Report
from capex.solvers.planned import planned
from capex.terms import check_lang, findings_lines, phrase, said, term

__all__ = ["GROUPINGS", "VarianceReport", "planned_cash_flow", "variance"]

GROUPINGS = ("street", "builder", "line")
"""What :meth:`VarianceReport.by` groups projects by: a portfolio column or its budget lines."""

DEFAULT_TOLERANCE = 0.05
"""Share of the planned amount to date within which spending counts as on plan."""

FINDINGS_SHOWN = 30
"""Findings a summary lists one by one; the rest are counted (all are in ``findings``)."""


# ---------------------------------------------------------------------------------------
# the plan, whatever it came as
# ---------------------------------------------------------------------------------------
def planned_cash_flow(plan: Any, *, unit: str | None = None) -> tuple[pd.DataFrame, Money]:
    """The plan's project x year amounts over its full window as integers of its money, and
    that money (:func:`capex.solvers.planned.planned`, the one reading of a plan)."""
    read = planned(plan, unit=unit)
    return read.flows_minor, read.money


# ---------------------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class VarianceReport(Report):
    """Planned against actual spending, per project and year, to a cut-off year.

    Amounts named ``*_minor`` are integers of :attr:`money`'s minor unit, the finer of the
    plan's and the actuals' (see :func:`capex.model.money.comparison_money`).

    Attributes
    ----------
    planned_minor
        The plan, project x year, over all of its years (the baseline of the S-curve).
    actual_minor
        Actual spending, project x year, in the compared years (to :attr:`as_of`).
    as_of
        The cut-off: the last year compared.
    totals_minor
        Each project's total investment (the portfolio's; without one, the plan's row sum).
    names
        Project names by id.
    attributes
        Per project: ``street`` and ``builder`` when known, and the budget lines it draws on.
    findings
        One row per finding: ``project_id, year, severity, rule, message``.
    money
        The money the amounts are compared in.
    plan_unit, actual_unit
        The minor units of the plan and of the actuals, for the note on the comparison.
    tolerance
        Share of the planned amount to date within which spending counts as on plan.
    lang
        The language of the findings and of :meth:`summary`.
    notes
        What the comparison left out, in sentences (actual amounts after the cut-off).
    before
        How the years before the ledger's coverage were counted (``"plan"``, ``"zero"``).
    coverage_note
        One line: the ledger's coverage and how time outside it was treated.
    plan_what
        What the plan was (``the plan``, ``plan.xlsx, sheet cash flow``).
    sources
        The plan's funding sources, or ``None``.
    planned_by_source_minor, actual_by_source_minor
        Source x compared year: the plan's money by source as the plan splits it
        (:func:`capex.solvers.by_source.source_flows`), and the actual spending split by each
        project's sources' proportions, year by year by what each source has left
        (:func:`capex.model.sources.split_flows`); ``None`` without sources.
    """

    planned_minor: pd.DataFrame = field(repr=False)
    actual_minor: pd.DataFrame = field(repr=False)
    as_of: int
    totals_minor: pd.Series = field(repr=False)
    names: pd.Series = field(repr=False)
    attributes: pd.DataFrame = field(repr=False)
    findings: pd.DataFrame = field(repr=False)
    money: Money
    plan_unit: str
    actual_unit: str
    tolerance: float = DEFAULT_TOLERANCE
    lang: str | None = None
    notes: tuple[str, ...] = ()
    before: str = "plan"
    coverage_note: str = ""
    plan_what: str = "the plan"
    sources: Any = field(default=None, repr=False)
    planned_by_source_minor: pd.DataFrame | None = field(default=None, repr=False)
    actual_by_source_minor: pd.DataFrame | None = field(default=None, repr=False)

    # -- the compared years -------------------------------------------------------------------
    @property
    def years(self) -> list[int]:
        """The compared years, to the cut-off."""
        return [int(y) for y in self.actual_minor.columns]

    @property
    def ids(self) -> pd.Index:
        return self.actual_minor.index.copy()

    def _planned_to_cutoff(self) -> np.ndarray:
        return self.planned_minor.reindex(columns=self.years, fill_value=0).to_numpy(np.int64)

    @property
    def comparison_note(self) -> str:
        """Which unit the amounts are compared in, and why."""
        return self._note(chosen_lang(self.lang))

    def _note(self, lang: str) -> str:
        return term(
            "compared_in",
            lang,
            unit=self.money.unit,
            plan=self.plan_unit,
            actual=self.actual_unit,
        )

    # -- tables -----------------------------------------------------------------------------
    def by_source_minor(self) -> pd.DataFrame:
        """Source x (planned, actual), to the cut-off, integers of :attr:`money`."""
        from capex.solvers.by_source import check_has_sources

        check_has_sources(self.sources)
        return pd.DataFrame(
            {
                "planned": self.planned_by_source_minor.sum(axis=1),
                "actual": self.actual_by_source_minor.sum(axis=1),
            }
        ).astype(np.int64)

    def to_frame(
        self, unit: str | None = None, *, lang: str | None = None, by: str | None = None
    ) -> pd.DataFrame:
        """The long table: one row per project and compared year.

        Columns ``id, name, year, planned, actual, difference, percent, cumulative_planned,
        cumulative_actual, cumulative_difference``; amounts in ``unit`` (integers of the
        minor unit by default), ``difference`` = actual - planned, ``percent`` = difference /
        planned x 100 (NaN where nothing was planned). ``lang="zh"`` heads it in Chinese.
        ``by="source"``: per funding source (nested ones inside their parents), planned,
        actual and the difference to the cut-off.
        """
        from capex.solvers.by_source import check_by, source_table

        if check_by(by) == "source":
            lang, unit = chosen_lang(lang), chosen_unit(unit, self.money)
            table = self.by_source_minor()
            table["difference"] = table["actual"] - table["planned"]
            shown = source_table(table, self.sources, self.money, unit, lang=lang, total=False)
            if lang != "en":
                shown = shown.rename(columns={c: _heading(c, lang) for c in table.columns})
            return shown
        planned = self._planned_to_cutoff()
        actual = self.actual_minor.to_numpy(np.int64)
        ids = self.ids
        years = self.years
        n, k = planned.shape
        frame = pd.DataFrame(
            {
                "id": np.repeat(ids.to_numpy(), k),
                "name": np.repeat(self.names.reindex(ids).fillna("").astype(str).to_numpy(), k),
                "year": np.tile(np.asarray(years, dtype=np.int64), n),
            }
        )
        columns = _comparison_columns(planned.ravel(), actual.ravel())
        cumulative = _comparison_columns(
            np.cumsum(planned, axis=1).ravel(), np.cumsum(actual, axis=1).ravel()
        )
        for key in ("planned", "actual", "difference"):
            frame[key] = columns[key]
        frame["percent"] = columns["percent"]
        for key in ("planned", "actual", "difference"):
            frame[f"cumulative_{key}"] = cumulative[key]
        return self._shown(frame, unit, lang)

    def by_project(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """Per project, to the cut-off: planned, actual, difference, percent, and the total."""
        planned = self._planned_to_cutoff().sum(axis=1)
        actual = self.actual_minor.to_numpy(np.int64).sum(axis=1)
        frame = pd.DataFrame({"id": self.ids.to_numpy()})
        frame["name"] = self.names.reindex(self.ids).fillna("").astype(str).to_numpy()
        for key, values in _comparison_columns(planned, actual).items():
            frame[key] = values
        frame["total"] = self.totals_minor.reindex(self.ids).to_numpy(np.int64)
        return self._shown(frame, unit, lang, extra=("total",))

    def by_year(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """Per compared year, all projects: planned, actual, difference, percent, and the same
        cumulated."""
        planned = self._planned_to_cutoff().sum(axis=0)
        actual = self.actual_minor.to_numpy(np.int64).sum(axis=0)
        frame = pd.DataFrame({"year": self.years})
        for key, values in _comparison_columns(planned, actual).items():
            frame[key] = values
        for key, values in _comparison_columns(np.cumsum(planned), np.cumsum(actual)).items():
            if key != "percent":
                frame[f"cumulative_{key}"] = values
        return self._shown(frame, unit, lang)

    def by(self, key: str, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """To the cut-off, grouped by ``"street"``, ``"builder"`` or ``"line"`` (budget line:
        a project counts in every line it draws on)."""
        if key not in GROUPINGS:
            raise CapexError(phrase("err_after_group_by", by=repr(key), known=", ".join(GROUPINGS)))
        column = "lines" if key == "line" else key
        if column not in self.attributes.columns:
            raise CapexError(
                phrase("err_after_group_needs_portfolio", by=key)
                if key != "line"
                else phrase("err_after_group_no_lines")
            )
        planned = self._planned_to_cutoff().sum(axis=1)
        actual = self.actual_minor.to_numpy(np.int64).sum(axis=1)
        groups = self.attributes[column].reindex(self.ids)
        rows = []
        labels = groups.explode() if key == "line" else groups
        for label in pd.unique(labels.dropna()):
            if key == "line":
                mask = np.array([label in (g or ()) for g in groups])
            else:
                mask = (groups == label).to_numpy()
            rows.append((str(label), int(planned[mask].sum()), int(actual[mask].sum())))
        frame = pd.DataFrame(rows, columns=[key, "planned", "actual"])
        for name, values in _comparison_columns(
            frame["planned"].to_numpy(np.int64), frame["actual"].to_numpy(np.int64)
        ).items():
            frame[name] = values
        return self._shown(frame, unit, lang)

    def _shown(
        self, frame: pd.DataFrame, unit: str | None, lang: str | None, extra: tuple[str, ...] = ()
    ) -> pd.DataFrame:
        lang = chosen_lang(lang)
        unit = chosen_unit(unit, self.money)
        shown = self.money.unit if unit is None else self.money.normalize_unit(unit)
        amounts = [
            c
            for c in frame.columns
            if c in ("planned", "actual", "difference", *extra) or str(c).startswith("cumulative_")
        ]
        for column in amounts:
            frame[column] = self.money.to_unit(frame[column].to_numpy(np.int64), shown)
        frame.attrs["unit"] = shown
        if lang != "en":
            frame = frame.rename(columns={c: _heading(c, lang) for c in frame.columns})
        return frame

    # -- totals -----------------------------------------------------------------------------
    @property
    def planned_to_date_minor(self) -> int:
        return int(self._planned_to_cutoff().sum())

    @property
    def actual_to_date_minor(self) -> int:
        return int(self.actual_minor.to_numpy(np.int64).sum())

    # -- reading ----------------------------------------------------------------------------
    def summary(
        self, unit: str | None = None, *, lang: str | None = None, by: str | None = None
    ) -> str:
        """A few lines in ``unit`` (the display unit by default): the totals to the cut-off,
        the years, the findings; ``by="source"``: planned and actual by funding source."""
        from capex.solvers.by_source import check_by, source_text

        lang = chosen_lang(lang, self.lang)
        unit = self.money.normalize_unit(chosen_unit(unit, self.money))
        money = self.money
        if check_by(by) == "source":
            table = self.by_source_minor()
            table["difference"] = table["actual"] - table["planned"]
            title = term("by_source_variance", lang, unit=unit, as_of=self.as_of)
            headings = [term(c, lang) for c in ("planned", "actual", "difference")]
            return source_text(
                title,
                table,
                self.sources,
                money,
                unit,
                lang=lang,
                headings=headings,
                row_total=False,
            )
        planned, actual = self.planned_to_date_minor, self.actual_to_date_minor
        years = self.years
        span = f"{years[0]}-{years[-1]}" if years else "-"
        lines = [
            f"{term('variance_title', lang)}: {len(self.ids)} {term('projects', lang)}, {span}",
            f"  {term('planned', lang)} {money.format(planned, unit)}, {term('actual', lang)} "
            f"{money.format(actual, unit)}, {term('difference', lang)} "
            f"{money.format(actual - planned, unit)}"
            + (f" ({(actual - planned) / planned * 100:+.1f} %)" if planned else ""),
            f"  {self._note(lang)}",
        ]
        if self.coverage_note:
            lines.append(f"  {said(self.coverage_note, lang)}")
        table = self.by_year(money.unit, lang="en")
        places = money.places(table[["planned", "actual", "difference"]].to_numpy().ravel(), unit)
        lines.append(
            f"  {term('year', lang):>6}  {term('planned', lang):>10}  {term('actual', lang):>10}  "
            f"{term('difference', lang):>10}"
        )
        for row in table.itertuples(index=False):
            lines.append(
                f"  {row.year:>6}  {money.figure(row.planned, unit, decimals=places):>10}  "
                f"{money.figure(row.actual, unit, decimals=places):>10}  "
                f"{('+' if row.difference > 0 else '') + money.figure(row.difference, unit, decimals=places):>10}"
            )
        lines += [f"  {said(note, lang)}" for note in self.notes]
        if len(self.findings):
            lines.append(f"  {term('findings', lang)} ({len(self.findings)}):")
            lines += findings_lines(self.findings, lang, FINDINGS_SHOWN)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<VarianceReport: {len(self.ids)} projects to {self.as_of}, planned "
            f"{self.money.format(self.planned_to_date_minor)}, actual "
            f"{self.money.format(self.actual_to_date_minor)}, {len(self.findings)} finding(s)>"
        )

    def _html_tables(self, unit: str, lang: str | None) -> list[Any]:
        tables = [self.by_year(unit, lang=lang)]
        if len(self.findings):
            tables.append(self.findings)
        return tables


def _comparison_columns(planned: np.ndarray, actual: np.ndarray) -> dict[str, np.ndarray]:
    planned = np.asarray(planned, dtype=np.int64)
    actual = np.asarray(actual, dtype=np.int64)
    difference = actual - planned
    with np.errstate(divide="ignore", invalid="ignore"):
        percent = np.where(
            planned != 0, difference / np.where(planned != 0, planned, 1) * 100, np.nan
        )
    return {"planned": planned, "actual": actual, "difference": difference, "percent": percent}


_HEADING_TERMS = {
    "id": "id",
    "name": "name",
    "year": "year",
    "planned": "planned",
    "actual": "actual",
    "difference": "difference",
    "percent": "percent",
    "cumulative_planned": "cumulative_planned",
    "cumulative_actual": "cumulative_actual",
    "cumulative_difference": "cumulative_difference",
    "total": "total",
    "street": "street",
    "builder": "builder",
    "line": "budget_line",
}


def _heading(column: str, lang: str) -> str:
    key = _HEADING_TERMS.get(str(column))
    return term(key, lang) if key else str(column)


# ---------------------------------------------------------------------------------------
# the function
# ---------------------------------------------------------------------------------------
def variance(
    plan: Any,
    actuals: Actuals,
    *,
    portfolio: Portfolio | None = None,
    as_of: int | None = None,
    before: str = "plan",
    unit: str | None = None,
    profile: Any = "uniform",
    tolerance: float = DEFAULT_TOLERANCE,
    lang: str | None = None,
) -> VarianceReport:
    """Compare actual spending with a plan, to the cut-off year ``as_of``.

    Parameters
    ----------
    plan
        What was planned, over every year of every window (:func:`capex.solvers.planned.planned`): a
        result (:func:`capex.spread`, :func:`capex.shift`, a scenario's or a re-forecast's), a
        cash flow (:func:`capex.cash_flow`), a baseline, a portfolio (its own cash flow under
        ``profile``), a project x year DataFrame of amounts in ``unit``, or a plan's file (a
        result's workbook or CSV that capex wrote, or a phased table).
    actuals
        What was spent (:func:`capex.load_actuals`), with the years it covers.
    portfolio
        The projects, for their totals, names, streets, builders and budget lines, and to
        check the actuals (an id it does not have is an error). Taken from ``plan`` when it is
        a portfolio.
    as_of
        The last year compared; by default the last year the ledger covers whole. A year the
        ledger does not cover is an error naming it.
    before
        The years before the ledger's coverage: ``"plan"`` (default: taken as spent as
        planned, so they show no variance), ``"zero"`` (nothing spent in them) or
        ``"refuse"`` (an error naming the projects with money planned there). The report says
        in one line how they were counted (:attr:`VarianceReport.coverage_note`).
    unit
        The unit of a DataFrame ``plan`` (default: its ``attrs["unit"]``, else 亿元).
    profile
        The spend profile of a portfolio ``plan``'s cash flow.
    tolerance
        Share of the planned amount to date within which spending counts as on plan (slipping
        and ahead-of-plan findings lie beyond it).
    lang
        ``"en"`` or ``"zh"``: the language of the findings and the summary.

    Returns
    -------
    VarianceReport

    Examples
    --------
    >>> import capex
    >>> p = capex.load_projects()
    >>> flows = capex.cash_flow(p)
    >>> spent = capex.Actuals.from_frame(flows.flows_minor.loc[:, 2021:2022], money=p.money)
    >>> report = capex.variance(flows, spent, portfolio=p)
    >>> report.as_of, report.actual_to_date_minor == report.planned_to_date_minor
    (2022, True)
    """
    shown = check_lang(lang)  # the findings are worded now; the tables when shown
    check_before(before)
    if not 0 <= tolerance < 1:
        raise CapexError(phrase("err_after_tolerance", value=repr(tolerance)))
    read = planned(plan, unit=unit, profile=profile)
    portfolio = portfolio if portfolio is not None else read.portfolio
    if portfolio is not None:
        actuals = actuals.for_portfolio(portfolio)
    money = comparison_money(read.money, actuals.money)
    if portfolio is not None:
        money = comparison_money(money, portfolio.money)
    flows = read.flows_minor
    known = flows.index if portfolio is None else portfolio.ids
    unknown = ~pd.Index(actuals.ids).isin(known)
    if unknown.any():
        pid = actuals.ids[unknown][0]
        where = actuals.frame.loc[actuals.frame["id"] == pid, "where"].iloc[0]
        raise DataError(
            phrase("err_after_id_not_in_plan", project=repr(pid)),
            source=f"{actuals.source}, {where}",
            value=pid,
        )
    coverage = actuals.coverage
    if as_of is None:
        if coverage is None:
            raise CapexError(phrase("err_after_actuals_empty"))
        as_of = coverage.last_whole
    as_of = check_year(as_of, "as_of")  # 2024.7 and True are refused, not read as 2024 and 1
    ids = known if portfolio is not None else flows.index
    plan_years = sorted({int(y) for y in flows.columns})
    planned_values = rescale(
        flows.reindex(index=ids, columns=plan_years, fill_value=0).to_numpy(np.int64),
        read.money,
        money,
    )
    planned_full = pd.DataFrame(
        planned_values, index=pd.Index(ids, name="id"), columns=pd.Index(plan_years, name="year")
    )
    counted = count_spending(
        actuals,
        pd.Index(ids),
        planned_full,
        money,
        through=as_of,
        before=before,
        carried_from=carried_from(portfolio),
    )
    years = counted.years
    spent = counted.spent
    all_years = sorted(set(plan_years) | set(years))
    planned_minor = planned_full.reindex(columns=all_years, fill_value=0)
    if coverage is not None and coverage.opening:
        # the ledger gives the years to its opening year as one amount: so does the plan here
        opening = coverage.first - 1
        earlier = [y for y in all_years if y < opening]
        planned_minor[opening] = planned_minor[[*earlier, opening]].sum(axis=1)
        planned_minor = planned_minor.drop(columns=earlier)
        keep = [k for k, y in enumerate(years) if y >= opening]
        spent = spent[:, keep]
        years = [years[k] for k in keep]
    actual_minor = pd.DataFrame(
        spent, index=pd.Index(ids, name="id"), columns=pd.Index(years, name="year")
    )
    if portfolio is not None:
        totals = rescale(portfolio.frame["total_minor"].to_numpy(), portfolio.money, money)
        totals_minor = pd.Series(totals, index=portfolio.ids, name="total")
        names = portfolio.frame["name"]
    else:
        totals_minor = pd.Series(
            planned_values.sum(axis=1), index=planned_minor.index, name="total"
        )
        names = read.names
    attributes = _attributes(portfolio, ids)
    findings = _findings(planned_minor, actual_minor, totals_minor, as_of, money, tolerance, shown)
    if portfolio is not None:
        own = actuals.check(portfolio, lang=shown, above_total=False)  # judged to the cut-off
        findings = pd.concat([findings, own], ignore_index=True) if len(own) else findings
    later = actuals.frame["year"].to_numpy() > as_of
    notes: tuple[str, ...] = ()
    if later.any():
        amount = int(actuals.frame["amount_minor"].to_numpy()[later].sum())
        note = phrase(
            "note_actuals_after",
            n=int(later.sum()),
            as_of=as_of,
            amount=actuals.money.format(amount),
        )
        notes = (note,)
    by_source = _by_source(plan, portfolio, money, actual_minor, totals_minor, as_of)
    return VarianceReport(
        **by_source,
        notes=notes,
        planned_minor=planned_minor,
        actual_minor=actual_minor,
        as_of=as_of,
        totals_minor=totals_minor,
        names=pd.Series(names).copy(),
        attributes=attributes,
        findings=findings,
        money=money,
        plan_unit=read.money.unit,
        actual_unit=actuals.money.unit,
        tolerance=float(tolerance),
        lang=lang,
        before=before,
        coverage_note=counted.note,
        plan_what=read.what,
    )


def _by_source(
    plan: Any,
    portfolio: Portfolio | None,
    money: Any,
    actual: pd.DataFrame,
    totals: pd.Series,
    as_of: int,
) -> dict[str, Any]:
    """The plan's and the actual money by source to the cut-off, where there are sources."""
    sources = getattr(plan, "sources", None)
    if sources is None and portfolio is not None:
        sources = portfolio.sources
    if sources is None:
        return {}
    from capex.solvers.by_source import source_flows

    found = source_flows(plan, portfolio=portfolio)
    sources = sources.in_money(money)
    years = [int(y) for y in actual.columns]
    planned = found.flows_minor.groupby(level="source", sort=False).sum()
    planned = pd.DataFrame(
        rescale(planned.to_numpy(np.int64), found.money, money),
        index=planned.index,
        columns=planned.columns,
    )
    planned = planned.reindex(columns=years, fill_value=0)
    if years and min(years) > min(int(y) for y in found.flows_minor.columns):
        earlier = [int(y) for y in found.flows_minor.columns if int(y) < min(years)]
        planned[min(years)] += rescale(
            found.flows_minor.groupby(level="source", sort=False).sum()[earlier]
            .sum(axis=1).to_numpy(np.int64),
            found.money,
            money,
        )  # fmt: skip
    split = sources.flows(actual, totals.reindex(actual.index))
    spent = split.groupby(level="source", sort=False).sum()
    names = [*sources.names, "(unassigned)"]
    return {
        "sources": sources,
        "planned_by_source_minor": planned.reindex(names, fill_value=0).astype(np.int64),
        "actual_by_source_minor": spent.reindex(names, fill_value=0).astype(np.int64),
    }


def _attributes(portfolio: Portfolio | None, ids: pd.Index) -> pd.DataFrame:
    """Street, builder and budget lines of each project, for grouping."""
    if portfolio is None:
        return pd.DataFrame(index=ids)
    frame = portfolio.frame
    out = frame[["street", "builder"]].copy()
    lines = [line for line in portfolio.budget_lines if not line.is_shared]
    if lines:
        members = {line.name: line.members(portfolio) for line in lines}
        out["lines"] = [
            tuple(name for name, mask in members.items() if mask[i]) for i in range(len(frame))
        ]
    return out


def _findings(
    planned: pd.DataFrame,
    actual: pd.DataFrame,
    totals: pd.Series,
    as_of: int,
    money: Money,
    tolerance: float,
    lang: str,
) -> pd.DataFrame:
    years = np.asarray([int(y) for y in actual.columns])
    to_cutoff = planned.reindex(columns=list(years), fill_value=0).to_numpy(np.int64)
    spent = actual.to_numpy(np.int64)
    planned_to_date = to_cutoff.sum(axis=1)
    actual_to_date = spent.sum(axis=1)
    total = totals.reindex(actual.index).to_numpy(np.int64)
    plan_values = planned.to_numpy(np.int64)
    plan_years = np.asarray([int(y) for y in planned.columns])
    rows: list[tuple[Any, Any, str, str, str]] = []
    fmt = money.format
    for i, pid in enumerate(actual.index):
        p, a, t = int(planned_to_date[i]), int(actual_to_date[i]), int(total[i])
        if a > t:
            rows.append(
                (
                    pid,
                    as_of,
                    "warning",
                    "over_total",
                    term(
                        "finding_over_total",
                        lang,
                        spent=fmt(a),
                        as_of=as_of,
                        over=fmt(a - t),
                        total=fmt(t),
                    ),
                )
            )
            continue
        if t > 0 and a == t:
            reached = years[int(np.argmax(np.cumsum(spent[i]) >= t))]
            planned_end = plan_years[np.flatnonzero(plan_values[i])].max(initial=reached)
            if reached < planned_end:
                rows.append(
                    (
                        pid,
                        int(reached),
                        "info",
                        "finished_early",
                        term(
                            "finding_finished_early",
                            lang,
                            total=fmt(t),
                            year=int(reached),
                            planned_end=int(planned_end),
                        ),
                    )
                )
                continue
        if p > 0 and a == 0:
            rows.append(
                (
                    pid,
                    as_of,
                    "warning",
                    "not_started",
                    term("finding_not_started", lang, as_of=as_of, planned=fmt(p)),
                )
            )
        elif p == 0 and a > 0:
            rows.append(
                (
                    pid,
                    as_of,
                    "warning",
                    "unplanned",
                    term("finding_unplanned", lang, as_of=as_of, actual=fmt(a)),
                )
            )
        elif p > 0 and a < p * (1 - tolerance):
            rows.append(
                (
                    pid,
                    as_of,
                    "warning",
                    "slipping",
                    term(
                        "finding_slipping",
                        lang,
                        actual=fmt(a),
                        as_of=as_of,
                        planned=fmt(p),
                        short=fmt(p - a),
                    ),
                )
            )
        elif p > 0 and a > p * (1 + tolerance):
            rows.append(
                (
                    pid,
                    as_of,
                    "info",
                    "ahead",
                    term("finding_ahead", lang, actual=fmt(a), as_of=as_of, planned=fmt(p)),
                )
            )
    findings = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    findings["year"] = findings["year"].astype("Int64")
    return findings
