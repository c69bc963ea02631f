"""The sheets of a plan (a spread or a deferral): schedule, annual totals, lines, delays."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from capex.export.sheet import Amount, Sheet, Words, assumptions_frame, headed
from capex.model.budget_year import CALENDAR
from capex.solvers.plan_text import objective_text
from capex.terms import joined, said


def plan_sheets(result: Any, words: Words | None = None) -> list[Sheet]:
    """A plan (spread or shift): schedule, its full window when that holds more (a spread's
    cash flow before and after the plan years), annual totals, budget lines, delays,
    assumptions."""
    words = words or Words()
    out = [_schedule_sheet(result, words)]
    unplanned = getattr(result, "unplanned_minor", None)
    if unplanned is not None and len(unplanned.columns):
        out.append(_schedule_sheet(result, words, "cash_flow", result.full_window()))
    out.append(_annual_sheet(result, words))
    for extra in (
        _sources_sheet(result, words),
        _lines_sheet(result, words),
        _delays_sheet(result, words),
        _overload_sheet(result, words),
    ):
        if extra is not None:
            out.append(extra)
    frame = assumptions_frame(
        _result_assumptions(result, words),
        result.money,
        words=words,
        provenance=getattr(result, "provenance", None),
    )
    out.append(Sheet(words.sheet("assumptions"), frame))
    return out


def _year_key(result: Any, year: Any, words: Words) -> Any:
    """A year's heading: the year itself (an int, as programs read it) for calendar years,
    the data's own name for fiscal ones (``FY2027``, ``2026-27``, ``2026年度``)."""
    fiscal = getattr(result, "fiscal_year", CALENDAR)
    return int(year) if fiscal.is_calendar else fiscal.label(int(year), words.lang)


def _sources_sheet(result: Any, words: Words) -> Sheet | None:
    """A plan with funding sources: each source's money per year and in all (nested sources
    as 其中 rows, inside their parents), and the total of the top-level rows."""
    if getattr(result, "sources", None) is None:
        return None
    from capex.model.sources import UNASSIGNED

    sources = result.sources
    table = result.by_source_minor()
    if not table.loc[UNASSIGNED].to_numpy().any():
        table = table.drop(index=UNASSIGNED)
    keys = [_year_key(result, y, words) for y in table.columns]
    frame = pd.DataFrame({"source": [_source_label(n, sources, words) for n in table.index]})
    for key, year in zip(keys, table.columns):
        frame[key] = table[year].to_numpy(dtype=np.int64)
    total = words.total()
    frame[total] = table.to_numpy(dtype=np.int64).sum(axis=1)
    top = [n == UNASSIGNED or sources.parent_of(n) is None for n in table.index]
    total_row: dict[Any, Any] = {"source": total}
    total_row.update({key: int(frame.loc[top, key].sum()) for key in [*keys, total]})
    frame = pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)
    return headed("by_source", frame, [*keys, total], words, total_rows=1)


def _source_label(name: str, sources: Any, words: Words) -> str:
    from capex.model.sources import UNASSIGNED

    if name == UNASSIGNED:
        return words("source_unassigned")
    depth = sources.depth(name)
    return "  " * depth + words("of_which", name=name) if depth else name


def _names(result: Any, ids: pd.Index) -> list[str]:
    names = pd.Series(result.names).reindex(ids)
    return ["" if pd.isna(n) else str(n) for n in names]


def _schedule_sheet(
    result: Any, words: Words, name: str = "schedule", schedule: pd.DataFrame | None = None
) -> Sheet:
    """Project x year in the unit asked for, with names, a totals column and a totals row.

    ``schedule`` is the result's own by default (for a spread, the plan years as planned);
    the "cash flow" sheet gives its full window (:meth:`capex.results.PlanResult.full_window`), every
    project's row adding up to its total, the money a comparison or a plot of it counts.
    """
    if schedule is None:
        schedule = result.schedule_minor
    years = [_year_key(result, y, words) for y in schedule.columns]
    frame = pd.DataFrame({"id": list(schedule.index)}, dtype=object)
    frame["name"] = _names(result, schedule.index)
    for year, column in zip(years, schedule.columns):
        frame[year] = schedule[column].to_numpy(dtype=np.int64)
    total = words.total()
    frame[total] = schedule.to_numpy(dtype=np.int64).sum(axis=1)
    total_row: dict[Any, Any] = {"id": None, "name": total}
    total_row.update({year: int(frame[year].sum()) for year in [*years, total]})
    frame = pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)
    return headed(name, frame, [*years, total], words, total_rows=1)


def _annual_sheet(result: Any, words: Words) -> Sheet:
    """Per year: total against the plan-wide ceiling and headroom, whether it binds, the
    plan-wide extra budget (:meth:`capex.results.PlanResult.annual_minor`), and how much less money
    would move for one more unit of budget."""
    annual = result.annual_minor()
    frame = pd.DataFrame(
        {
            "year": [_year_key(result, y, words) for y in annual.index],
            "total": annual["total"].to_numpy(dtype=np.int64),
            "ceiling": [None if pd.isna(v) else int(v) for v in annual["ceiling"]],
            "headroom": [None if pd.isna(v) else int(v) for v in annual["headroom"]],
            "binding": [words.yes_no(bool(b)) for b in annual["binding"]],
            "extra_budget": annual["extra_budget"].to_numpy(dtype=np.int64),
            "saving_per_unit": annual["shadow_price"].to_numpy(dtype=float),
        }
    )
    return headed("annual", frame, ["total", "ceiling", "headroom", "extra_budget"], words)


def _lines_sheet(result: Any, words: Words) -> Sheet | None:
    """Several budget lines: ceiling, drawn and extra budget per line and year (long form)."""
    ceilings = getattr(result, "line_ceilings_minor", None)
    drawn = getattr(result, "line_totals_minor", None)
    if ceilings is None or drawn is None:
        return None
    extra = getattr(result, "line_extra_budget_minor", None)
    rows = []
    for line in drawn.index:
        for year in drawn.columns:
            ceiling = (
                ceilings.at[line, year]
                if line in ceilings.index and year in ceilings.columns
                else None
            )
            ceiling = None if ceiling is None or pd.isna(ceiling) else int(ceiling)
            total = int(drawn.at[line, year])
            more = 0
            if extra is not None and line in extra.index and year in extra.columns:
                more = 0 if pd.isna(extra.at[line, year]) else int(extra.at[line, year])
            rows.append(
                {
                    "line": str(line),
                    "year": _year_key(result, year, words),
                    "total": total,
                    "ceiling": ceiling,
                    "headroom": None if ceiling is None else ceiling - total,
                    "extra_budget": more,
                }
            )
    amounts = ["total", "ceiling", "headroom", "extra_budget"]
    return headed("budget_lines", pd.DataFrame(rows), amounts, words)


def _delays_sheet(result: Any, words: Words) -> Sheet | None:
    """A deferral plan: each project's delay in years and its window before and after."""
    delays = getattr(result, "delays", None)
    if delays is None:
        return None
    delays = pd.Series(delays)
    frame = pd.DataFrame(
        {
            "id": list(delays.index),
            "name": _names(result, delays.index),
            "delay_years": [int(d) for d in delays.to_numpy()],
        }
    )
    windows = getattr(result, "windows", None)
    if isinstance(windows, pd.DataFrame) and {"start_year", "end_year"} <= set(windows.columns):
        moved = windows.reindex(delays.index)
        if moved.notna().all().all():
            start = moved["start_year"].to_numpy(dtype=np.int64)
            end = moved["end_year"].to_numpy(dtype=np.int64)
            shift = frame["delay_years"].to_numpy(dtype=np.int64)
            frame["planned_start"] = start - shift
            frame["planned_end"] = end - shift
            frame["start_year"] = start
            frame["end_year"] = end
    return headed("delays", frame, [], words)


def _overload_sheet(result: Any, words: Words) -> Sheet | None:
    """An infeasible deferral plan: what stays over each ceiling at the best allowed delays."""
    overload = getattr(result, "overload_minor", None)
    if not isinstance(overload, pd.DataFrame) or not overload.to_numpy().any():
        return None
    rows = [
        {"line": str(line), "year": int(year), "overload": int(overload.at[line, year])}
        for line in overload.index
        for year in overload.columns
        if overload.at[line, year]
    ]
    return headed("overload", pd.DataFrame(rows), ["overload"], words)


def _result_assumptions(result: Any, words: Words) -> list[tuple[str, object]]:
    money = result.money
    unit = money.normalize_unit(words.unit)
    ceilings = pd.Series(result.ceilings_minor, dtype=object)
    ceiling_text = "; ".join(
        f"{int(year)}: {money.text(int(value), unit)}"
        for year, value in ceilings.items()
        if not pd.isna(value)
    )
    objective = objective_text(result, unit, words.lang)
    items: list[tuple[str, object]] = [
        (words("status"), words(str(result.status))),
        (words("method"), result.method),
        (words("profile"), result.profile),
        (words("ceilings_item", unit=unit), ceiling_text or words("none")),
        (words("scenario"), result.scenario or words("base")),
        (words("scenario_changes"), said(joined(result.changes), words.lang) or words("none")),
        (words("objective"), objective),
        (words("runtime"), f"{result.runtime:.3f}"),
    ]
    fiscal = getattr(result, "fiscal_year", CALENDAR)
    if not fiscal.is_calendar:
        items.append((words("fiscal_year"), fiscal.describe(words.lang)))
    if getattr(result, "sources", None) is not None:
        items.append((words("by_source"), words("sources_rule")))
    if hasattr(result, "objective_name"):  # a deferral plan
        tiebreak = getattr(result, "tiebreak", None)
        items += [
            (words("objective_name"), result.objective_name),
            (words("tiebreak"), tiebreak or words("none")),
            (words("makespan_item"), getattr(result, "makespan", "")),
            (words("solver"), getattr(result, "solver", "")),
        ]
    if getattr(result, "delays", None) is not None:  # a deferral, or a scenario's shifts
        items.append((words("projects_moved"), int((pd.Series(result.delays) != 0).sum())))
    extra = int(pd.Series(result.extra_budget_minor, dtype=object).fillna(0).sum())
    if extra:
        items.append((words("extra_budget_total", unit=unit), Amount(extra)))
    items += [
        (words("note_item", n=i), said(message, words.lang))
        for i, message in enumerate(result.messages, start=1)
    ]
    return items
