"""Execution against the calendar: payments to date against the fund-use plan (支付进度 and
序时进度).

Every month a finance office reports how far each project has paid out its year's plan
against how far the year has gone: "支付进度 97.2%，超序时进度 13.8 个百分点". :func:`execution`
gives, per project, per quota line and in total,

* the year's plan (全年计划) and the plan to date (累计计划: the months completed, and by days
  the current month's part too);
* the payments to date (累计支付, cash paid, not work done);
* 支付进度 = paid / year's plan; 序时进度 = the share of the year gone by
  (:func:`capex.model.budget_year.elapsed_share`, by whole months by default, by days on request);
  计划进度 = plan to date / year's plan; and the difference 支付进度 - 序时进度 in percentage
  points;

with findings for projects more than ``tolerance`` points behind the calendar, projects with
nothing paid against a plan to date, projects paid beyond their year, and every payment left
out (outside the year, after the as-of date, for a project outside the plan). Amounts are
compared exactly in the finer of the plan's and the payments' units.

>>> from fractions import Fraction
>>> progress_points(Fraction(972, 1000), Fraction(3, 4))
22.2
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from capex.afterlife.monthly import FiscalWords, MonthlyPlan, month_heading, month_money
from capex.errors import CapexError, DataError
from capex.io.texttable import amount_texts, render
from capex.model.budget_year import (
    CALENDAR,
    ELAPSED_BY,
    MONTHS,
    FiscalYear,
    elapsed_months,
    elapsed_share,
    month_days,
    to_date,
)
from capex.model.money import Money, checked_sum, comparison_money, rescale
from capex.model.payments import Payments
from capex.model.profiles import largest_remainder
from capex.model.protocol import Report
from capex.terms import check_lang, line_word, phrase, said, severity_word, term

__all__ = ["LEFT_OUT_POLICIES", "ExecutionReport", "execution", "progress_points"]

LEFT_OUT_POLICIES = ("error", "report")
"""What to do with a payment that cannot count: refuse the file (``"error"``) or leave the
payment out with a finding (``"report"``)."""

AMOUNTS = ("year_plan", "planned_to_date", "paid")
"""The amount columns of the execution tables."""

PERCENTS = ("payment_progress", "time_progress", "plan_progress", "progress_gap")
"""The percentage columns (and the difference in points)."""


def progress_points(share: Fraction, elapsed: Fraction) -> float:
    """支付进度 minus 序时进度 in percentage points, to one decimal (as reports print it)."""
    return round(float((share - elapsed) * 100), 1)


def _percent(part: int, whole: int) -> float:
    return float(Fraction(part, whole) * 100) if whole else float("nan")


@dataclass(frozen=True, eq=False)
class ExecutionReport(Report):
    """Payments to date against a monthly plan (see the module text).

    Amount tables hold integers of :attr:`money`'s minor unit (the finer of the plan's and
    the payments'); percentages are floats.

    Attributes
    ----------
    year, as_of
        The budget year and the last day counted (ISO text).
    by
        How 序时进度 is counted: ``"months"`` or ``"days"``.
    elapsed
        序时进度 as an exact fraction ``(numerator, denominator)``.
    tolerance
        Points behind 序时进度 beyond which a project is a finding.
    projects
        Per project: ``name``, ``year_plan``, ``planned_to_date``, ``paid`` and the
        percentages of :data:`PERCENTS`.
    lines
        The same per quota line (a line funding shares counts each project's payments in the
        proportion of its plan on the line); empty without quota lines.
    total
        The same for the whole programme.
    months_minor
        Per month: ``planned`` and ``paid`` (payments to the as-of date), and both cumulated.
    findings
        ``project_id``, ``severity``, ``rule``, ``message``.
    """

    year: int
    as_of: str
    by: str
    elapsed: tuple[int, int]
    tolerance: float
    projects: pd.DataFrame = field(repr=False)
    lines: pd.DataFrame = field(repr=False)
    total: pd.Series = field(repr=False)
    months_minor: pd.DataFrame = field(repr=False)
    findings: pd.DataFrame = field(repr=False)
    money: Money = field(default_factory=Money)
    payments_source: str = ""
    lang: str | None = None
    fiscal_year: FiscalYear = CALENDAR

    def month_headings(self, lang: str = "en") -> list[Any]:
        """The twelve months' headings (their calendar names in a fiscal year)."""
        return [month_heading(m, lang, self.fiscal_year, self.year) for m in MONTHS]

    @property
    def elapsed_share(self) -> Fraction:
        """序时进度 as an exact fraction."""
        return Fraction(*self.elapsed)

    def _table(self, table: pd.DataFrame, unit: str | None, lang: str) -> pd.DataFrame:
        unit = self.money.unit if unit is None else self.money.normalize_unit(unit)
        out = table.copy()
        for column in AMOUNTS:
            out[column] = self.money.to_unit(out[column].to_numpy(np.int64), unit)
        out.attrs["unit"] = unit
        if lang != "en":
            out = out.rename(columns=lambda c: term(c, lang))
            out.index = out.index.rename(term(_INDEX.get(out.index.name, "id"), lang))
        return out

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """Per project (see :attr:`projects`), amounts in ``unit`` (the minor unit by default)."""
        return self._table(self.projects, unit, check_lang(lang or self.lang))

    def by_line(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """Per quota line, as :meth:`to_frame`."""
        return self._table(self.lines, unit, check_lang(lang or self.lang))

    def by_month(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """Per month: planned, paid, and both cumulated, in ``unit``."""
        lang = check_lang(lang or self.lang)
        unit = self.money.unit if unit is None else self.money.normalize_unit(unit)
        table = self.months_minor
        out = pd.DataFrame(
            {c: self.money.to_unit(table[c].to_numpy(np.int64), unit) for c in table.columns},
            index=table.index.copy(),
        )
        out.attrs["unit"] = unit
        if lang != "en":
            out = out.rename(columns=lambda c: term(c, lang))
            out.index = pd.Index(self.month_headings(lang), name=term("month", lang))
        return out

    # -- words -----------------------------------------------------------------------------
    def _total_line(self, lang: str, unit: str | None) -> str:
        total = self.total
        gap = float(total["progress_gap"])
        return term(
            "execution_total_line",
            lang,
            paid=self.money.format(int(total["paid"]), unit, grouping=True),
            plan=self.money.format(int(total["year_plan"]), unit, grouping=True),
            progress=f"{total['payment_progress']:.1f}%",
            direction=term("ahead_of" if gap >= 0 else "behind", lang),
            time=f"{total['time_progress']:.1f}%",
            gap=f"{abs(gap):.1f}",
        )

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """The report in words: the total, the lines, the projects behind, the findings."""
        lang = check_lang(lang or self.lang)
        unit = self.money.normalize_unit(unit)
        n, d = self.elapsed
        basis = (
            term("elapsed_by_months", lang, months=n * 12 // d)
            if self.by == "months"
            else term("elapsed_by_days", lang, days=n, of=d)
        )
        lines = [
            term("execution_headline", lang, year=self.year, as_of=self.as_of),
            "  " + self._total_line(lang, unit),
            "  " + basis + term("semicolon", lang) + term("payments_are_cash", lang),
            "  " + term("execution_tolerance", lang, tolerance=f"{self.tolerance:g}"),
        ]
        for title, table in (
            (term("by_line", lang), self.lines),
            (term("by_project", lang), self.projects),
        ):
            if not len(table):
                continue
            lines.append(f"  {title}:")
            lines += [
                "    " + row for row in _rows_text(table, self.money, unit, lang).splitlines()
            ]
        if len(self.findings):
            lines.append(f"  {term('findings', lang)}:")
            for row in self.findings.itertuples():
                who = (
                    ""
                    if row.project_id is None or pd.isna(row.project_id)
                    else f"#{row.project_id} "
                )
                lines.append(
                    f"    {severity_word(row.severity, lang)}  {who}{said(row.message, lang)}"
                )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<{term('execution_headline', 'en', year=self.year, as_of=self.as_of)}: {self._total_line('en', None)}>"


_INDEX = {"id": "id", "line": "budget_line"}


def _rows_text(table: pd.DataFrame, money: Money, unit: str, lang: str) -> str:
    headers = [
        term("name", lang) if "name" in table else term("budget_line", lang),
        *(term("with_unit", lang, label=term(c, lang), unit=unit) for c in AMOUNTS),
        *(term(c, lang) for c in PERCENTS),
    ]
    labels = [
        f"{key} {row['name']}" if "name" in table else line_word(key, lang)
        for key, row in table.iterrows()
    ]
    columns = [labels]
    columns += [amount_texts([int(v) for v in table[c]], money, unit, zero="0") for c in AMOUNTS]
    columns += [["-" if pd.isna(v) else f"{v:.1f}" for v in table[c]] for c in PERCENTS]
    return render(headers, zip(*columns), align="l" + "r" * (len(headers) - 1))


# ---------------------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------------------
def execution(
    monthly_plan: MonthlyPlan,
    payments: Payments,
    as_of: Any,
    *,
    by: str = "months",
    tolerance: float = 5.0,
    codes: Mapping[Any, Any] | None = None,
    unknown: str = "error",
    outside: str = "error",
    lang: str | None = None,
) -> ExecutionReport:
    """Payments to ``as_of`` against ``monthly_plan``: 支付进度, 序时进度 and the difference.

    Parameters
    ----------
    monthly_plan
        The year's fund-use plan (:func:`capex.monthly`).
    payments
        The payments (:func:`capex.load_payments`).
    as_of
        The last day counted (``"2027-09-30"``, a date); inside the plan's budget year.
    by
        序时进度 by whole ``"months"`` (default: 30 September is 9/12) or by ``"days"``.
    tolerance
        Percentage points behind 序时进度 beyond which a project is a finding (default 5).
    codes
        ``{project code: plan id}`` when the payments' project codes are not the plan's ids;
        payments without a matching code are matched by project name.
    unknown, outside
        A payment for a project outside the plan (``unknown``) or dated outside the budget
        year (``outside``): ``"error"`` (default) refuses it naming its row; ``"report"``
        leaves it out with a finding.
    lang
        Language of the summary and the findings shown (the plan's by default).

    Returns
    -------
    ExecutionReport
    """
    stored = lang or monthly_plan.lang  # None: the option's language when shown
    lang = check_lang(stored)
    for name, value in (("unknown", unknown), ("outside", outside)):
        if value not in LEFT_OUT_POLICIES:
            raise CapexError(
                phrase(
                    "err_after_policy",
                    name=name,
                    value=repr(value),
                    known=", ".join(LEFT_OUT_POLICIES),
                )
            )
    if by not in ELAPSED_BY:
        raise CapexError(
            phrase(
                "err_after_elapsed_by", value=repr(by), first=ELAPSED_BY[0], second=ELAPSED_BY[1]
            )
        )
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, (int, float))
        or not (0 <= float(tolerance) <= 100)
    ):
        raise CapexError(phrase("err_after_points", value=repr(tolerance)))
    year = monthly_plan.year
    fiscal = monthly_plan.fiscal_year
    date = to_date(as_of)
    if fiscal.of(date)[0] != year:
        raise CapexError(
            phrase("err_after_as_of_outside", date=date.isoformat(), year=fiscal.label(year))
        )
    if payments.fiscal_year.start != fiscal.start:
        raise CapexError(
            phrase(
                "err_after_payments_fiscal",
                payments=FiscalWords(payments.fiscal_year),
                plan=FiscalWords(fiscal),
            )
        )
    money = month_money(comparison_money(monthly_plan.money, payments.money))
    ids = monthly_plan.ids
    names = monthly_plan.names.reindex(ids)
    frame = payments.frame
    findings: list[tuple[Any, str, str, Any]] = []

    matched = payments.match(ids, names, codes)
    unknown_rows = matched.isna().to_numpy()
    outside_rows = frame["year"].to_numpy() != year
    amounts = rescale(frame["amount_minor"].to_numpy(np.int64), payments.money, money)
    for rows, policy, rule in (
        (outside_rows, outside, "outside_year"),
        (unknown_rows & ~outside_rows, unknown, "unknown_project"),
    ):
        if not rows.any():
            continue
        k = int(np.flatnonzero(rows)[0])
        where = frame["where"].iloc[k]
        if policy == "error":
            problem = (
                phrase(
                    "err_after_payment_outside",
                    date=frame["date"].iloc[k].date(),
                    year=year,
                    n=int(rows.sum()),
                )
                if rule == "outside_year"
                else phrase("err_after_payment_unknown", year=year, n=int(rows.sum()))
            )
            column = "date" if rule == "outside_year" else "project"
            value = (
                str(frame["date"].iloc[k].date())
                if rule == "outside_year"
                else frame["project"].iloc[k] or frame["name"].iloc[k]
            )
            raise DataError(
                problem, source=f"{payments.source}, {where}", column=column, value=value
            )
        findings.append(
            (
                None,
                "warning",
                rule,
                phrase(
                    f"finding_{rule}",
                    n=int(rows.sum()),
                    amount=money.format(checked_sum(amounts[rows]), grouping=True),
                    year=year,
                    where=where,
                    date=frame["date"].iloc[k].date(),
                    project=frame["project"].iloc[k] or frame["name"].iloc[k],
                ),
            )
        )
    counted = ~unknown_rows & ~outside_rows
    dates = frame["date"].dt.date.to_numpy()
    later = counted & (dates > date)
    if later.any():
        findings.append(
            (
                None,
                "info",
                "after_as_of",
                phrase(
                    "finding_after_as_of",
                    n=int(later.sum()),
                    amount=money.format(checked_sum(amounts[later]), grouping=True),
                    as_of=date.isoformat(),
                ),
            )
        )
    counted &= ~later
    for row in payments.findings.itertuples():
        findings.append((None, row.severity, row.rule, row.message))

    # payments by project and month, to the as-of date
    position = ids.get_indexer(matched[counted].to_numpy())
    paid_months = np.zeros((len(ids), 12), dtype=np.int64)
    np.add.at(paid_months, (position, frame["month"].to_numpy()[counted] - 1), amounts[counted])
    plan_months = rescale(monthly_plan.amounts_minor.to_numpy(np.int64), monthly_plan.money, money)
    completed = elapsed_months(year, date, fiscal_year_start=fiscal)
    planned_to_date = plan_months[:, :completed].sum(axis=1)
    if by == "days" and completed < 12:  # the current month's part, by its days gone by
        days = month_days(year, completed + 1, fiscal_year_start=fiscal)
        gone = date.day if fiscal.of(date)[1] == completed + 1 else 0
        planned_to_date = planned_to_date + plan_months[:, completed] * gone // days
    elapsed = elapsed_share(year, date, by, fiscal_year_start=fiscal)
    year_plan = plan_months.sum(axis=1)
    paid = paid_months.sum(axis=1)
    projects = _progress_table(ids, year_plan, planned_to_date, paid, elapsed)
    projects.insert(0, "name", names.to_numpy())
    findings += _project_findings(projects, money, elapsed, float(tolerance))

    lines = pd.DataFrame(columns=[*AMOUNTS, *PERCENTS], index=pd.Index([], name="line"))
    if monthly_plan.line_members is not None:
        members = monthly_plan.line_members.reindex(ids).to_numpy(float)
        line_names = list(monthly_plan.line_members.columns)
        line_totals = [_on_line(values, members) for values in (year_plan, planned_to_date, paid)]
        lines = _progress_table(pd.Index(line_names, name="line"), *line_totals, elapsed)
    total = _progress_table(
        pd.Index(["total"]),
        np.array([checked_sum(year_plan)]),
        np.array([checked_sum(planned_to_date)]),
        np.array([checked_sum(paid)]),
        elapsed,
    ).iloc[0]
    planned_month = plan_months.sum(axis=0)
    paid_month = paid_months.sum(axis=0)
    months_table = pd.DataFrame(
        {
            "planned": planned_month,
            "paid": paid_month,
            "cumulative_plan": np.cumsum(planned_month),
            "cumulative_paid": np.cumsum(paid_month),
        },
        index=pd.Index(MONTHS, name="month"),
    )
    findings_frame = pd.DataFrame(
        {
            "project_id": pd.Series([f[0] for f in findings], dtype=object),
            "severity": [f[1] for f in findings],
            "rule": [f[2] for f in findings],
            "message": pd.Series([f[3] for f in findings], dtype=object),
        }
    )
    return ExecutionReport(
        year=year,
        as_of=date.isoformat(),
        by=by,
        elapsed=(elapsed.numerator, elapsed.denominator),
        tolerance=float(tolerance),
        projects=projects,
        lines=lines,
        total=total,
        months_minor=months_table,
        findings=findings_frame,
        money=money,
        payments_source=payments.source,
        lang=stored,
        fiscal_year=fiscal,
    )


def _on_line(values: np.ndarray, members: np.ndarray) -> np.ndarray:
    """Each line's part of per-project amounts: whole amounts on a line over whole projects,
    the project's share (largest remainder, exact) on a line funding shares."""
    out = np.zeros(members.shape[1], dtype=np.int64)
    for k in range(members.shape[1]):
        share = members[:, k]
        whole = (share == 1) | (share == 0)
        out[k] = checked_sum(values[share == 1])
        parts = np.flatnonzero(~whole)
        if len(parts):
            split = largest_remainder(
                values[parts], np.stack([share[parts], 1 - share[parts]], axis=1)
            )
            out[k] += checked_sum(split[:, 0])
    return out


def _progress_table(
    index: pd.Index,
    year_plan: np.ndarray,
    planned_to_date: np.ndarray,
    paid: np.ndarray,
    elapsed: Fraction,
) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "year_plan": np.asarray(year_plan, dtype=np.int64),
            "planned_to_date": np.asarray(planned_to_date, dtype=np.int64),
            "paid": np.asarray(paid, dtype=np.int64),
        },
        index=index,
    )
    table["payment_progress"] = [_percent(int(p), int(y)) for p, y in zip(paid, year_plan)]
    table["time_progress"] = float(elapsed * 100)
    table["plan_progress"] = [_percent(int(t), int(y)) for t, y in zip(planned_to_date, year_plan)]
    table["progress_gap"] = [
        progress_points(Fraction(int(p), int(y)), elapsed) if y else float("nan")
        for p, y in zip(paid, year_plan)
    ]
    return table


def _project_findings(
    projects: pd.DataFrame, money: Money, elapsed: Fraction, tolerance: float
) -> list[tuple[Any, str, str, Any]]:
    found: list[tuple[Any, str, str, Any]] = []
    time_text = f"{float(elapsed * 100):.1f}%"
    for pid, row in projects.iterrows():
        plan, paid = int(row["year_plan"]), int(row["paid"])
        if paid > plan:
            found.append(
                (
                    pid,
                    "warning",
                    "over_year_plan",
                    phrase(
                        "finding_over_year_plan",
                        paid=money.format(paid, grouping=True),
                        plan=money.format(plan, grouping=True),
                        over=money.format(paid - plan, grouping=True),
                    ),
                )
            )
        elif paid == 0 and int(row["planned_to_date"]) > 0:
            found.append(
                (
                    pid,
                    "warning",
                    "nothing_paid",
                    phrase(
                        "finding_nothing_paid", planned=money.format(int(row["planned_to_date"]))
                    ),
                )
            )
        elif row["progress_gap"] < -tolerance:
            found.append(
                (
                    pid,
                    "warning",
                    "behind_time",
                    phrase(
                        "finding_behind_time",
                        paid=money.format(paid, grouping=True),
                        plan=money.format(plan, grouping=True),
                        progress=f"{row['payment_progress']:.1f}%",
                        gap=f"{-row['progress_gap']:.1f}",
                        time=time_text,
                    ),
                )
            )
    return found
