"""The sheets of a reconciliation report: totals, split, findings, assumptions."""

from __future__ import annotations

import pandas as pd

from capex.export.sheet import Amount, Sheet, Words, assumptions_frame, headed
from capex.reports.reconcile import ReconciliationReport


def report_sheets(report: ReconciliationReport, words: Words | None = None) -> list[Sheet]:
    words = words or Words()
    frame = assumptions_frame(
        report_assumptions(report, words),
        report.money,
        words=words,
        provenance=report.provenance,
    )
    return [
        totals_sheet(report, words),
        split_sheet(report, words),
        findings_sheet(report, words),
        Sheet(words.sheet("assumptions"), frame),
    ]


def split_sheet(report: ReconciliationReport, words: Words | None = None) -> Sheet:
    """Per-project split of the totals, with a totals row."""
    words = words or Words()
    split = report.split_minor.reset_index()
    amounts = {
        "total": split["total_minor"],
        "before": split["before_minor"],
        "in_plan": split["in_plan_minor"],
        "after": split["after_minor"],
        "unplaceable": split["unplaceable_minor"],
    }
    frame = split[["id", "name", "start_year", "end_year"]].copy()
    frame["id"] = frame["id"].astype(object)
    for column, values in amounts.items():
        frame[column] = values.astype("int64")
    total_row = {"id": None, "name": words.total(), "start_year": None, "end_year": None}
    total_row.update({column: int(values.sum()) for column, values in amounts.items()})
    frame = pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)
    return headed("split", frame, list(amounts), words, total_rows=1)


def totals_sheet(report: ReconciliationReport, words: Words | None = None) -> Sheet:
    """Each figure: published, computed, difference (numbers) and the status in words."""
    words = words or Words()
    totals = report.totals_frame(lang=words.lang)
    frame = pd.DataFrame(
        {
            "figure": [report.figure_label(label, words.lang) for label in report.totals.index],
            "published": totals["published_minor"].to_numpy(),
            "computed": totals["computed_minor"].to_numpy(),
            "difference": totals["difference_minor"].to_numpy(),
            "status": totals["status"].to_numpy(),
        }
    )
    return headed("reconciliation", frame, ["published", "computed", "difference"], words)


def findings_sheet(report: ReconciliationReport, words: Words | None = None) -> Sheet:
    """The findings, each project's name beside its id, amounts in the unit asked for."""
    words = words or Words()
    findings = report.findings_frame(words.unit, words.lang)
    findings["project_id"] = (
        findings["project_id"]
        .astype(object)
        .where(findings["project_id"].notna(), words("all_projects"))
    )
    return headed("findings", findings, [], words)


def report_assumptions(
    report: ReconciliationReport, words: Words | None = None
) -> list[tuple[str, object]]:
    """The report's figures and rules: source, plan period, published totals (numbers)."""
    words = words or Words()
    first, last = report.plan_period
    published = report.published
    money = report.money
    unit = money.normalize_unit(words.unit)
    missing = words("not_published")
    return [
        (words("portfolio"), report.name),
        (words("data_source"), report.source or "<DataFrame>"),
        (words("plan_period"), f"{first}-{last}"),
        (
            words("published_total_item", unit=unit),
            missing if published is None else Amount(published.total_minor),
        ),
        (
            words("published_plan_item", first=first, last=last, unit=unit),
            missing if published is None else Amount(published.plan_minor),
        ),
        (words("totals_reconcile"), words.yes_no(report.reconciles)),
        (words("split_rule_item"), words("split_rule")),
    ]
