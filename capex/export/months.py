"""The sheets of the budget year in months: the fund-use plan, the execution report and the
filed plans (annual government investment plan, medium-term plan)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from capex.export.sheet import Sheet, Words, assumptions_frame, headed
from capex.model.money import checked_sum
from capex.terms import profile_word, said

__all__ = ["execution_sheets", "monthly_sheets", "submission_sheets"]


def _total_row(frame: pd.DataFrame, label_column: Any, amounts: list[Any], words: Words) -> dict:
    row: dict[Any, Any] = {c: None for c in frame.columns}
    row[label_column] = words.total()
    for column in amounts:
        row[column] = checked_sum(frame[column].fillna(0).to_numpy(np.int64))
    return row


def monthly_sheets(plan: Any, words: Words | None = None) -> list[Sheet]:
    """A :class:`~capex.afterlife.monthly.MonthlyPlan`: project x month with totals, by month against
    the quota, by quota line, assumptions."""
    words = words or Words()
    lang = words.lang
    months = plan.month_headings(lang)
    table = pd.DataFrame(
        plan.amounts_minor.to_numpy(np.int64), index=plan.amounts_minor.index, columns=months
    )
    table.insert(0, words.header("name"), plan.names.reindex(table.index).to_numpy())
    total_key = words.header("total")
    table[total_key] = plan.year_minor.to_numpy()
    table = table.reset_index()
    table = table.rename(columns={table.columns[0]: words.header("id")})
    table[words.header("id")] = table[words.header("id")].astype(object)
    amounts = [*months, total_key]
    table = pd.concat(
        [table, pd.DataFrame([_total_row(table, words.header("name"), amounts, words)])],
        ignore_index=True,
    )
    by_month = plan.by_month(lang="en").reset_index()
    by_month["month"] = plan.month_headings(lang)
    month_amounts = ["planned", "cumulative", "quota", "headroom", "extra_quota"]
    total = {"month": words.total(), "planned": plan.total_minor, "cumulative": None}
    total["quota"] = (
        checked_sum(plan.quota_minor.dropna().to_numpy(np.int64))
        if plan.quota_minor.notna().all()
        else None
    )
    total["headroom"] = None
    total["extra_quota"] = checked_sum(plan.extra_quota_minor.to_numpy())
    by_month = pd.concat([by_month, pd.DataFrame([total])], ignore_index=True)
    sheets = [
        Sheet(words.sheet("by_project_and_month"), table, amounts, total_rows=1),
        Sheet(
            words.sheet("by_month"),
            by_month.rename(columns={c: words.header(c) for c in by_month.columns}),
            [words.header(c) for c in month_amounts],
            total_rows=1,
        ),
    ]
    if plan.line_totals_minor is not None:
        lines = pd.DataFrame(
            plan.line_totals_minor.to_numpy(np.int64),
            index=plan.line_totals_minor.index,
            columns=months,
        )
        lines[total_key] = lines[months].sum(axis=1)
        lines = lines.reset_index().rename(columns={"line": words.header("budget_line")})
        sheets.append(Sheet(words.sheet("by_quota_line"), lines, [*months, total_key]))
    items: list[tuple[str, object]] = [
        (words("year"), plan.year),
        (words("status"), words(str(plan.status))),
        (words("profile_item"), profile_word(plan.profile, lang)),
        (
            words("profile_weights_item"),
            ", ".join(f"{w:g}" if isinstance(w, float) else str(w) for w in plan.profile_weights),
        ),
        (words("source_item"), said(plan.source, lang)),
        (words("method"), plan.method),
    ]
    items += [(words("message"), said(message, lang)) for message in plan.messages]
    sheets.append(
        Sheet(words.sheet("assumptions"), assumptions_frame(items, plan.money, words=words))
    )
    return sheets


def execution_sheets(report: Any, words: Words | None = None) -> list[Sheet]:
    """An :class:`~capex.afterlife.execution.ExecutionReport`: by project (with the total), by quota
    line, by month, findings, assumptions."""
    words = words or Words()
    lang = words.lang
    amounts = ["year_plan", "planned_to_date", "paid"]
    projects = report.projects.reset_index()
    projects["id"] = projects["id"].astype(object)
    total = {"id": None, "name": words.total(), **report.total.to_dict()}
    projects = pd.concat([projects, pd.DataFrame([total])], ignore_index=True)
    sheets = [_headed("by_project", projects, amounts, words, total_rows=1)]
    if len(report.lines):
        sheets.append(_headed("by_line", report.lines.reset_index(), amounts, words))
    months = report.months_minor.reset_index()
    months["month"] = report.month_headings(lang)
    sheets.append(_headed("by_month", months, list(report.months_minor.columns), words))
    findings = report.findings.copy()
    findings["message"] = [said(m, lang) for m in findings["message"]]
    findings["project_id"] = findings["project_id"].astype(object)
    sheets.append(_headed("findings", findings.rename(columns={"project_id": "id"}), [], words))
    n, d = report.elapsed
    items: list[tuple[str, object]] = [
        (words("year"), report.year),
        (words("as_of_date"), report.as_of),
        (
            words("time_progress"),
            words("elapsed_by_months", months=n * 12 // d)
            if report.by == "months"
            else words("elapsed_by_days", days=n, of=d),
        ),
        (words("execution_tolerance", tolerance=f"{report.tolerance:g}"), report.tolerance),
        (words("payments"), report.payments_source),
        (words("paid"), words("payments_are_cash")),
    ]
    sheets.append(
        Sheet(words.sheet("assumptions"), assumptions_frame(items, report.money, words=words))
    )
    return sheets


def _headed(
    key: str, frame: pd.DataFrame, amounts: list[Any], words: Words, total_rows: int = 0
) -> Sheet:
    return headed(key, frame, amounts, words, total_rows)


def submission_sheets(submission: Any, words: Words | None = None) -> list[Sheet]:
    """A :class:`~capex.afterlife.submissions.Submission`: the table as filed (groups, subtotals, the
    totals row last) in the office's layout, and assumptions."""
    words = words or Words()
    lang = words.lang
    table, amounts = submission.rows_minor(lang)
    headings = {key: submission.heading(key, lang) for key in table.columns}
    table = table.rename(columns=headings)
    name = submission.title(lang)
    key = "annual_plan_sheet" if submission.kind == "annual" else "rolling_plan_sheet"
    sheet = Sheet(words(key), table, [headings[k] for k in amounts], total_rows=1)
    check = submission.check()
    items: list[tuple[str, object]] = [
        (words("item"), name),
        (words("arranged_basis"), said(submission.basis, lang)),
        (words("source_item"), said(submission.source, lang)),
        (
            words("reconciliation"),
            words("yes") if not check else words("no") + ": " + "; ".join(check),
        ),
    ]
    return [
        sheet,
        Sheet(words.sheet("assumptions"), assumptions_frame(items, submission.money, words=words)),
    ]
