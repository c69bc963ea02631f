"""The sheets of a plan (a spread or a deferral): schedule, cash flow, annual totals, lines,
delays."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from capex.export.sheet import TOTAL_LABEL, Sheet, assumptions_frame


def plan_sheets(result: Any) -> list[Sheet]:
    """A plan (spread or shift): schedule, its full window when that holds more (a spread's
    cash flow before and after the plan years), annual totals, budget lines, delays,
    assumptions."""
    out = [_schedule_sheet(result)]
    unplanned = getattr(result, "unplanned_minor", None)
    if unplanned is not None and len(unplanned.columns):
        out.append(_schedule_sheet(result, "cash flow", result.full_window()))
    out.append(_annual_sheet(result))
    lines = _lines_sheet(result)
    if lines is not None:
        out.append(lines)
    for extra in (_delays_sheet(result), _overload_sheet(result)):
        if extra is not None:
            out.append(extra)
    out.append(Sheet("assumptions", assumptions_frame(_result_assumptions(result), result.money)))
    return out


def _schedule_sheet(
    result: Any, name: str = "schedule", schedule: pd.DataFrame | None = None
) -> Sheet:
    """Project x year in the display unit, with names, a totals column and a totals row.

    ``schedule`` is the result's own by default (for a spread, the plan years as planned);
    the "cash flow" sheet gives its full window (:meth:`capex.PlanResult.full_window`), every
    project's row adding up to its total, the money a comparison or a plot of it counts.
    """
    if schedule is None:
        schedule = result.schedule_minor
    years = [int(y) for y in schedule.columns]
    frame = pd.DataFrame({"id": list(schedule.index)}, dtype=object)
    names = pd.Series(result.names).reindex(schedule.index)
    frame["name"] = ["" if pd.isna(n) else str(n) for n in names]
    for year, column in zip(years, schedule.columns):
        frame[year] = schedule[column].to_numpy(dtype=np.int64)
    frame[TOTAL_LABEL] = schedule.to_numpy(dtype=np.int64).sum(axis=1)
    total_row: dict[Any, Any] = {"id": None, "name": TOTAL_LABEL}
    total_row.update({year: int(frame[year].sum()) for year in [*years, TOTAL_LABEL]})
    frame = pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)
    return Sheet(name, frame, [*years, TOTAL_LABEL], total_rows=1, unit_in_header=False)


def _annual_sheet(result: Any, name: str = "annual") -> Sheet:
    """Per year: total against the plan-wide ceiling and headroom, whether it binds, and the
    plan-wide extra budget (:meth:`capex.PlanResult.annual_minor`)."""
    annual = result.annual_minor()
    frame = pd.DataFrame(
        {
            "year": [int(y) for y in annual.index],
            "total": annual["total"].to_numpy(dtype=np.int64),
            "ceiling": [None if pd.isna(v) else int(v) for v in annual["ceiling"]],
            "headroom": [None if pd.isna(v) else int(v) for v in annual["headroom"]],
            "binding": ["yes" if b else "no" for b in annual["binding"]],
            "extra_budget": annual["extra_budget"].to_numpy(dtype=np.int64),
            "shadow_price": annual["shadow_price"].to_numpy(dtype=float),
        }
    )
    return Sheet(name, frame, ["total", "ceiling", "headroom", "extra_budget"])


def _lines_sheet(result: Any, name: str = "budget lines") -> Sheet | None:
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
                    "year": int(year),
                    "total": total,
                    "ceiling": ceiling,
                    "headroom": None if ceiling is None else ceiling - total,
                    "extra_budget": more,
                }
            )
    return Sheet(name, pd.DataFrame(rows), ["total", "ceiling", "headroom", "extra_budget"])


def _delays_sheet(result: Any, name: str = "delays") -> Sheet | None:
    """A deferral plan: each project's delay in years and its window before and after."""
    delays = getattr(result, "delays", None)
    if delays is None:
        return None
    delays = pd.Series(delays)
    names = pd.Series(result.names).reindex(delays.index)
    frame = pd.DataFrame(
        {
            "id": list(delays.index),
            "name": ["" if pd.isna(n) else str(n) for n in names],
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
    return Sheet(name, frame)


def _overload_sheet(result: Any, name: str = "overload") -> Sheet | None:
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
    return Sheet(name, pd.DataFrame(rows), ["overload"])


def _result_assumptions(result: Any) -> list[tuple[str, object]]:
    ceilings = pd.Series(result.ceilings_minor, dtype=object)
    ceiling_text = "; ".join(
        f"{int(year)}: {result.money.text(int(value))}"
        for year, value in ceilings.items()
        if not pd.isna(value)
    )
    items: list[tuple[str, object]] = [
        ("status", str(result.status)),
        ("method", result.method),
        ("profile", result.profile),
        (f"ceilings ({result.money.display_unit})", ceiling_text or "none"),
        ("scenario", result.scenario or "base"),
        ("scenario changes", "; ".join(result.changes) or "none"),
        (
            f"objective ({_objective_unit(result)})",
            "" if result.objective != result.objective else f"{result.objective:.4f}",
        ),
        ("runtime (s)", f"{result.runtime:.3f}"),
    ]
    if hasattr(result, "objective_name"):  # a deferral plan
        items += [
            ("objective name", result.objective_name),
            ("tie-break", getattr(result, "tiebreak", None) or "none"),
            ("makespan (years)", getattr(result, "makespan", "")),
            ("solver", getattr(result, "solver", "")),
        ]
    if getattr(result, "delays", None) is not None:  # a deferral, or a scenario's shifts
        items.append(("projects moved", int((pd.Series(result.delays) != 0).sum())))
    items += [(f"note {i}", message) for i, message in enumerate(result.messages, start=1)]
    return items


def _objective_unit(result: Any) -> str:
    """A deferral plan's objective is in its own unit; a spread's is money moved, in the
    display unit."""
    units = {"delay": "priority-weighted years", "makespan": "years"}
    return units.get(getattr(result, "objective_name", ""), result.money.display_unit)
