"""Results as text tables for the terminal, aligned by display width, in any unit and language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

import capex
from capex.io.texttable import amount_texts, render
from capex.solvers.plan_text import objective_text
from capex.terms import said, term, with_unit


# ---------------------------------------------------------------------------------------
# reading results
# ---------------------------------------------------------------------------------------
def result_text(result: capex.results.PlanResult, unit: str, lang: str = "en") -> str:
    """A plan's summary, the projects a deferral moved, then the schedule with names and totals."""
    lines = [result.summary(unit, lang=lang), ""]
    moved = moved_table(result, lang)
    if moved:
        lines += [term("moved_heading", lang), moved, ""]
    if len(result.schedule_minor) and result.years:
        lines.append(term("schedule_heading", lang, unit=unit))
        lines.append(schedule_table(result, unit, lang))
    if getattr(result, "sources", None) is not None and result.years:
        lines += ["", result.summary(unit, lang=lang, by="source")]  # the years by funding source
    return "\n".join(lines)


def moved_table(result: capex.results.PlanResult, lang: str = "en") -> str:
    """The projects a deferral moved: id, name, delay, window as planned and as moved."""
    delays = getattr(result, "delays", None)
    if delays is None or not (delays != 0).any():
        return ""
    moved = delays[delays != 0]
    columns = [
        [str(i) for i in moved.index],
        [str(result.names.get(pid, "")) for pid in moved.index],
        [f"{int(d):+d}" for d in moved],
    ]
    headers = [term("id", lang), term("name", lang), term("delay", lang)]
    windows = getattr(result, "windows", None)
    if isinstance(windows, pd.DataFrame):
        new = windows.reindex(moved.index)
        columns.append(
            [
                f"{int(s - d)}-{int(e - d)}"
                for s, e, d in zip(new["start_year"], new["end_year"], moved)
            ]
        )
        columns.append([f"{int(s)}-{int(e)}" for s, e in zip(new["start_year"], new["end_year"])])
        headers += [term("as_planned", lang), term("as_moved", lang)]
    return render(headers, zip(*columns), align="llr" + "l" * (len(headers) - 3))


def schedule_table(result: capex.results.PlanResult, unit: str, lang: str = "en") -> str:
    """Project x year in ``unit``, names beside ids, a totals column and a totals row; every
    column with one number of decimals."""
    minor = result.schedule_minor.to_numpy(dtype=np.int64)
    money = result.money
    names = pd.Series(result.names).reindex(result.schedule_minor.index)
    total = term("total", lang)
    ids = [str(i) for i in result.schedule_minor.index] + [total]
    name_column = ["" if pd.isna(n) else str(n) for n in names] + [""]
    amounts = np.vstack([minor, minor.sum(axis=0, keepdims=True)])
    amounts = np.hstack([amounts, amounts.sum(axis=1, keepdims=True)])
    columns = [ids, name_column]
    columns += [amount_texts(amounts[:, j].tolist(), money, unit) for j in range(amounts.shape[1])]
    labels = [result.fiscal_year.label(y, lang) for y in result.years]  # FY2027, 2026-27 ...
    headers = [term("id", lang), term("name", lang), *labels, total]
    return render(headers, zip(*columns), align="ll" + "r" * (len(headers) - 2))


def plans_table(plans: Sequence[capex.results.PlanResult], unit: str, lang: str = "en") -> str:
    """One line per plan: status, total, peak year and amount, extra budget needed."""
    totals = [plan.schedule_minor.sum(axis=0) for plan in plans]
    money = plans[0].money
    columns = [
        [plan.scenario or term("base", lang) for plan in plans],
        [term(str(plan.status), lang) for plan in plans],
        amount_texts([int(t.sum()) for t in totals], money, unit),
        [str(int(t.idxmax())) if len(t) else "-" for t in totals],
        amount_texts([int(t.max()) if len(t) else None for t in totals], money, unit),
        amount_texts([int(p.extra_budget_minor.sum()) for p in plans], money, unit),
    ]
    headers = [
        term("plan", lang),
        term("status", lang),
        with_unit(term("total", lang), unit, lang),
        term("peak_year", lang),
        with_unit(term("peak", lang), unit, lang),
        with_unit(term("extra_budget", lang), unit, lang),
    ]
    return render(headers, zip(*columns), align="llrlrr")


def comparison_text(
    comparison: capex.results.Comparison,
    results: Sequence[capex.results.PlanResult],
    unit: str,
    lang: str = "en",
) -> str:
    """The comparison as tables: annual totals side by side, summary, moved projects, changes;
    amounts read from its integer tables and shown in ``unit``."""
    labels = term("list_separator", lang).join(comparison.labels)
    lines = [term("comparison_heading", lang, labels=labels, base=comparison.base), ""]
    money = comparison.money

    def amounts(values: Any, zero: str = "-") -> list[str]:
        return amount_texts(
            [None if pd.isna(v) else int(v) for v in values], money, unit, zero=zero
        )

    annual = comparison.annual_minor
    columns = [[*(str(y) for y in annual.index), term("total", lang)]]
    for label in comparison.labels:
        columns.append(amounts([*annual[label], int(annual[label].sum())]))
    headers = [term("year", lang), *comparison.labels]
    lines += [
        term("annual_heading", lang, unit=unit),
        render(headers, zip(*columns), align="l" + "r" * len(comparison.labels)),
        "",
    ]

    summary = comparison.summary_minor
    columns = [list(comparison.labels), [term(str(s), lang) for s in summary["status"]]]
    headers = [term("plan", lang), term("status", lang)]
    for name in ("total", "before_plan", "in_plan", "after_plan", "peak"):
        columns.append(amounts(summary[f"{name}_minor"], zero="0"))
        headers.append(with_unit(term(name, lang), unit, lang))
    columns.append(["" if pd.isna(y) else str(int(y)) for y in summary["peak_year"]])
    columns.append([str(b) for b in summary["binding"]])
    columns.append([objective_text(r, unit, lang) for r in results])
    headers += [term("peak_year", lang), term("binding_years", lang), term("objective", lang)]
    lines += [render(headers, zip(*columns), align="llrrrrrlll"), ""]

    projects = comparison.projects_minor
    changed = pd.Series(False, index=projects.index)
    for label in comparison.labels:
        changed |= (projects[(label, "shift")] != 0) | (projects[(label, "moved_minor")] != 0)
        changed |= projects[(label, "total_change_minor")] != 0
    if changed.any():
        rows = projects.loc[changed]
        columns = [[str(i) for i in rows.index], [str(n) for n in rows[("", "name")]]]
        headers = [term("id", lang), term("name", lang)]
        for label in comparison.labels:
            if label == comparison.base:
                continue
            columns.append([f"{int(v):+d}" if v else "-" for v in rows[(label, "shift")]])
            columns.append(amounts(rows[(label, "moved_minor")]))
            columns.append(amounts(rows[(label, "total_change_minor")]))
            headers += [
                term("plan_measure", lang, plan=label, measure=term(m, lang))
                for m in ("shift_short", "moved_short", "change")
            ]
        heading = term("projects_heading", lang, base=comparison.base, unit=unit)
        align = "ll" + "r" * (len(headers) - 2)
        lines += [heading, render(headers, zip(*columns), align=align), ""]
    else:
        lines += [term("nothing_moved", lang, base=comparison.base), ""]
    for label, result in zip(comparison.labels, results):
        for change in result.changes:
            lines.append(f"{label}: {said(change, lang)}")
        if not result.ok:
            lines += [f"{label}: {said(message, lang)}" for message in result.messages]
    return "\n".join(lines).rstrip()
