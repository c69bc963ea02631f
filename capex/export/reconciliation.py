"""The sheets of a reconciliation report: totals, split, findings, assumptions."""

from __future__ import annotations

import pandas as pd

from capex.export.sheet import TOTAL_LABEL, Sheet, assumptions_frame
from capex.reconcile import ReconciliationReport


def report_sheets(report: ReconciliationReport) -> list[Sheet]:
    return [
        totals_sheet(report),
        split_sheet(report),
        findings_sheet(report),
        Sheet("assumptions", assumptions_frame(report_assumptions(report), report.money)),
    ]


def split_sheet(report: ReconciliationReport, name: str = "split") -> Sheet:
    """Per-project split of the totals, with a totals row."""
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
    total_row = {"id": None, "name": TOTAL_LABEL, "start_year": None, "end_year": None}
    total_row.update({column: int(values.sum()) for column, values in amounts.items()})
    frame = pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)
    return Sheet(name, frame, list(amounts), total_rows=1)


def totals_sheet(report: ReconciliationReport, name: str = "reconciliation") -> Sheet:
    totals = report.totals.reset_index()
    frame = pd.DataFrame(
        {
            "figure": totals["figure"],
            "published": totals["published_minor"],
            "computed": totals["computed_minor"],
            "difference": totals["difference_minor"],
            "status": totals["status"],
        }
    )
    return Sheet(name, frame, ["published", "computed", "difference"])


def findings_sheet(report: ReconciliationReport, name: str = "findings") -> Sheet:
    findings = report.findings
    findings["project_id"] = (
        findings["project_id"].astype(object).where(findings["project_id"].notna(), "all")
    )
    return Sheet(name, findings)


def report_assumptions(report: ReconciliationReport) -> list[tuple[str, str]]:
    first, last = report.plan_period
    published = report.published
    money = report.money
    unit = money.display_unit
    return [
        ("portfolio", report.name),
        ("plan period", f"{first}-{last}"),
        (
            f"published total investment ({unit})",
            "not published" if published is None else money.text(published.total_minor),
        ),
        (
            f"published investment {first}-{last} ({unit})",
            "not published" if published is None else money.text(published.plan_minor),
        ),
        ("totals reconcile", "yes" if report.reconciles else "no"),
        (
            "split outside the plan period",
            (
                "total minus plan investment, shared between the window's years before and after "
                "the plan period in proportion to their number; unplaceable when the window has none"
            ),
        ),
    ]
