"""The sheets of a plan (a spread or a deferral): schedule, annual totals, lines, delays."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from capex.export.sheet import TOTAL_LABEL, Sheet, assumptions_frame


def plan_sheets(result: Any) -> list[Sheet]:
    """A plan (spread or shift): schedule, annual totals, budget lines, delays, assumptions."""
    out = [_schedule_sheet(result), _annual_sheet(result)]
    lines = _lines_sheet(result)
    if lines is not None:
        out.append(lines)
    for extra in (_delays_sheet(result), _overload_sheet(result)):
        if extra is not None:
            out.append(extra)
    out.append(Sheet("assumptions", assumptions_frame(_result_assumptions(result), result.money)))
    return out


def _schedule_sheet(result: Any, name: str = "schedule") -> Sheet:
    """Project x year in the display unit, with names, a totals column and a totals row."""
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
    """Per year: total against ceiling and headroom, whether it binds, what is missing."""
    schedule = result.schedule_minor
    years = [int(y) for y in schedule.columns]
    totals = schedule.to_numpy(dtype=np.int64).sum(axis=0)
    ceilings = pd.Series(result.ceilings_minor, dtype=object)
    ceilings.index = [int(y) for y in ceilings.index]
    ceiling = [None if pd.isna(ceilings.get(y)) else int(ceilings.get(y)) for y in years]
    extra = pd.Series(result.extra_budget_minor, dtype=object)
    extra.index = [int(y) for y in extra.index]
    shadow = pd.Series(result.shadow_prices, dtype=float)
    shadow.index = [int(y) for y in shadow.index]
    frame = pd.DataFrame(
        {
            "year": years,
            "total": totals,
            "ceiling": ceiling,
            "headroom": [None if c is None else c - int(t) for c, t in zip(ceiling, totals)],
            "binding": [
                "yes" if c is not None and int(t) >= c else "no" for c, t in zip(ceiling, totals)
            ],
            "extra_budget": [int(extra.get(y, 0) or 0) for y in years],
            "shadow_price": [float(shadow.get(y, 0.0)) for y in years],
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
    if hasattr(result, "delays"):  # a deferral plan
        moved = pd.Series(result.delays)
        items += [
            ("objective name", getattr(result, "objective_name", "")),
            ("tie-break", getattr(result, "tiebreak", None) or "none"),
            ("makespan (years)", getattr(result, "makespan", "")),
            ("projects moved", int((moved != 0).sum())),
            ("solver", getattr(result, "solver", "")),
        ]
    items += [(f"note {i}", message) for i, message in enumerate(result.messages, start=1)]
    return items


def _objective_unit(result: Any) -> str:
    """A deferral plan's objective is in its own unit; a spread's is money moved, in the
    display unit."""
    units = {"delay": "priority-weighted years", "makespan": "years"}
    return units.get(getattr(result, "objective_name", ""), result.money.display_unit)
