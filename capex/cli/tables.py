"""Results as text tables for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

import capex
from capex.money import Money


# ---------------------------------------------------------------------------------------
# reading results
# ---------------------------------------------------------------------------------------
def amount_text(amount: int, money: Money, unit: str) -> str:
    if amount == 0:
        return "-"
    if money.per(unit) <= 1:
        return f"{int(money.to_decimal(amount, unit)):,}"
    return money.text(amount, unit)


def result_text(result: capex.PlanResult, unit: str) -> str:
    """A plan's summary, the projects a deferral moved, then the schedule with names and totals."""
    lines = [result.summary(), ""]
    moved = moved_table(result)
    if moved:
        lines += ["Moved projects (years; windows as planned -> as moved):", moved, ""]
    if len(result.schedule_minor) and result.years:
        lines.append(f"Schedule ({unit}):")
        lines.append(schedule_table(result, unit))
    return "\n".join(lines)


def moved_table(result: capex.PlanResult) -> str:
    delays = getattr(result, "delays", None)
    if delays is None or not (delays != 0).any():
        return ""
    moved = delays[delays != 0]
    table = pd.DataFrame(index=[str(i) for i in moved.index])
    table["name"] = [str(result.names.get(pid, "")) for pid in moved.index]
    table["delay"] = [f"{int(d):+d}" for d in moved]
    windows = getattr(result, "windows", None)
    if isinstance(windows, pd.DataFrame):
        new = windows.reindex(moved.index)
        table["planned"] = [
            f"{int(s - d)}-{int(e - d)}"
            for s, e, d in zip(new["start_year"], new["end_year"], moved)
        ]
        table["moved"] = [f"{int(s)}-{int(e)}" for s, e in zip(new["start_year"], new["end_year"])]
    return table.to_string()


def schedule_table(result: capex.PlanResult, unit: str) -> str:
    minor = result.schedule_minor
    money = result.money

    def amount(value: Any) -> str:
        return amount_text(int(value), money, unit)

    names = pd.Series(result.names).reindex(minor.index)
    table = pd.DataFrame(index=[str(i) for i in minor.index])
    table["name"] = ["" if pd.isna(n) else str(n) for n in names]
    for column in minor.columns:
        table[str(column)] = [amount(v) for v in minor[column]]
    table["total"] = [amount(v) for v in minor.sum(axis=1)]
    totals = {str(c): amount(minor[c].sum()) for c in minor.columns}
    table.loc["total"] = {"name": "", **totals, "total": amount(minor.to_numpy().sum())}
    return table.to_string()


def plans_table(plans: Sequence[capex.PlanResult], unit: str) -> str:
    """One line per plan: status, total, peak year and amount, extra budget needed."""
    table = pd.DataFrame(index=[plan.scenario or "base" for plan in plans])
    table["status"] = [str(plan.status) for plan in plans]
    totals = [plan.schedule_minor.sum(axis=0) for plan in plans]
    table["total"] = [amount_text(int(t.sum()), p.money, unit) for t, p in zip(totals, plans)]
    table["peak year"] = [str(int(t.idxmax())) if len(t) else "-" for t in totals]
    table["peak"] = [
        amount_text(int(t.max()), p.money, unit) if len(t) else "-" for t, p in zip(totals, plans)
    ]
    table["extra budget"] = [
        amount_text(int(p.extra_budget_minor.sum()), p.money, unit) for p in plans
    ]
    return table.to_string()


def comparison_text(
    comparison: capex.Comparison, results: Sequence[capex.PlanResult], unit: str
) -> str:
    """The comparison as tables: annual totals side by side, summary, moved projects, changes."""
    lines = [f"Comparison of {', '.join(comparison.labels)} (base: {comparison.base})", ""]

    money = comparison.money
    per = float(money.per())

    def minor_of(values: Any) -> list[int]:
        # the comparison holds the display unit made from integers: back to those integers
        return [round(float(v) * per) for v in values]

    def amount(value: int) -> str:
        return amount_text(value, money, unit)

    annual = pd.DataFrame(index=[str(y) for y in comparison.annual.index])
    totals = {}
    for label in comparison.labels:
        amounts = minor_of(comparison.annual[label])
        annual[label] = [amount(a) for a in amounts]
        totals[label] = amount(sum(amounts))
    annual.loc["total"] = totals
    lines += [f"Annual totals ({unit}):", annual.to_string(), ""]

    summary = comparison.summary.copy()
    for column in ("total", "before_plan", "in_plan", "after_plan", "peak"):
        summary[column] = [
            "" if pd.isna(v) else amount(round(float(v) * per)) for v in summary[column]
        ]
    summary["objective"] = ["" if pd.isna(v) else f"{v:.4f}" for v in summary["objective"]]
    lines += [f"Summary ({unit}; objective in each plan's own unit):", summary.to_string(), ""]

    projects = comparison.projects
    changed = pd.Series(False, index=projects.index)
    for label in comparison.labels:
        changed |= (projects[(label, "shift")] != 0) | (projects[(label, "moved")] != 0)
        changed |= projects[(label, "total_change")] != 0
    if changed.any():
        rows = projects.loc[changed]
        columns: dict[tuple[str, str], list[str]] = {
            ("", "name"): [str(n) for n in rows[("", "name")]]
        }
        for label in comparison.labels:
            if label == comparison.base:
                continue
            columns[(label, "shift")] = [
                f"{int(v):+d}" if v else "-" for v in rows[(label, "shift")]
            ]
            columns[(label, "moved")] = [amount(a) for a in minor_of(rows[(label, "moved")])]
            columns[(label, "change")] = [
                amount(a) for a in minor_of(rows[(label, "total_change")])
            ]
        table = pd.DataFrame(columns, index=[str(i) for i in rows.index])
        table.columns = pd.MultiIndex.from_tuples(table.columns)
        heading = (
            f"Projects that moved or changed against {comparison.base} ({unit}; shift in years, "
            "moved: money spent in other years, change: of the total):"
        )
        lines += [heading, table.to_string(), ""]
    else:
        lines += [f"No project moved or changed against {comparison.base}.", ""]
    for label, result in zip(comparison.labels, results):
        for change in result.changes:
            lines.append(f"{label}: {change}")
        if not result.ok:
            lines += [f"{label}: {message}" for message in result.messages]
    return "\n".join(lines).rstrip()
