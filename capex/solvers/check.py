"""An independent check of a schedule against the data it must honour.

Nothing here knows how a schedule was found: every condition is recomputed from the
portfolio, the ceilings and the schedule itself. Solvers' tests assert that their results
pass it, and the deferral optimiser uses it with its own row totals and windows.

Conditions checked:

* the schedule covers exactly the portfolio's projects, and every cell is a whole, non-negative
  number of the minor unit;
* each row sums to its expected total (by default the plan investment; for a deferral plan,
  a :class:`~capex.solvers.result.ShiftResult`, the total investment);
* no money falls outside the allowed years (by default the project's window inside the plan
  period; for a deferral plan, the window moved by the project's delay, in any year);
* each year's total is within its ceiling, for every budget line (a line's load in a year is
  the sum over the projects drawing on it; for lines funded by shares, the funded parts the
  result records, each within one minor unit of its share; a part that rounds to nothing,
  or the part of a project with no plan investment, may be left out).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.model.budget import BudgetLine, resolve_lines
from capex.model.cashflow import plan_split
from capex.model.portfolio import Portfolio
from capex.model.windows import clip_window
from capex.solvers.result import PlanResult, ShiftResult
from capex.terms import phrase

__all__ = ["CheckError", "Violation", "assert_valid", "check_schedule"]


class CheckError(CapexError, AssertionError):
    """A schedule breaks a condition it must hold; the message lists the violations."""


@dataclass(frozen=True)
class Violation:
    """One broken condition: its kind, where, and a sentence."""

    kind: str
    """``"projects"``, ``"integer"``, ``"negative"``, ``"row_total"``, ``"window"``,
    ``"ceiling"`` or ``"parts"``."""
    message: str
    project: Any = None
    year: int | None = None
    line: str | None = None

    def __str__(self) -> str:
        return self.message


def check_schedule(
    portfolio: Portfolio,
    schedule: PlanResult | pd.DataFrame,
    ceilings: Any = None,
    *,
    row_totals_minor: pd.Series | Mapping[Any, int] | None = None,
    windows: pd.DataFrame | None = None,
    period: tuple[int, int] | None = None,
    parts_minor: pd.DataFrame | None = None,
) -> list[Violation]:
    """All the violations of a schedule; an empty list when it is valid.

    Parameters
    ----------
    portfolio
        The projects.
    schedule
        A result (its ``schedule_minor`` is checked) or a DataFrame of integers of the
        portfolio's minor unit, index project id, columns years.
    ceilings
        Ceilings in the display unit (亿元 for yuan) in any form :func:`capex.spread` takes (``{year: 亿元}``, budget
        lines, ...). ``None``: the result's own ceilings (nothing for a bare DataFrame).
    row_totals_minor
        Expected row totals by project id; default the plan investment.
    windows
        Frame with ``start_year`` and ``end_year`` by project id (for example shifted
        windows); default the portfolio's.
    period
        First and last year money may fall in; default the plan period.
    parts_minor
        Funded parts of shared projects (MultiIndex ``(id, line)``); default the result's.
    """
    violations: list[Violation] = []
    result = schedule if isinstance(schedule, PlanResult) else None
    table = result.schedule_minor if result is not None else schedule
    if not isinstance(table, pd.DataFrame):
        raise CapexError(phrase("err_solver_check_takes"))
    frame = portfolio.frame
    money = portfolio.money

    def amount(value: int) -> str:
        return money.format(int(value), money.unit)

    delays = result.delays if isinstance(result, ShiftResult) else None
    if delays is not None and len(delays):
        # A deferral plan holds every project's whole cash flow, moved by its delay: expect the
        # total investment, inside the moved window, in any year of the schedule.
        defaults = _deferral_defaults(portfolio, frame, delays)
        row_totals_minor = defaults["row_totals"] if row_totals_minor is None else row_totals_minor
        windows = defaults["windows"] if windows is None else windows
        if period is None:
            period = (int(min(table.columns)), int(max(table.columns)))

    missing = frame.index.difference(table.index)
    extra = table.index.difference(frame.index)
    if len(missing):
        violations.append(
            Violation(
                "projects",
                f"{len(missing)} project(s) missing from the schedule, e.g. {missing[0]}",
            )
        )
    if len(extra):
        violations.append(
            Violation(
                "projects", f"{len(extra)} unknown project(s) in the schedule, e.g. {extra[0]}"
            )
        )
    table = table.reindex(frame.index, fill_value=0)
    years = np.array([int(y) for y in table.columns], dtype=np.int64)
    values = table.to_numpy(dtype=float)
    ids = frame.index

    nonint = ~np.isclose(values, np.round(values), rtol=0, atol=0) | ~np.isfinite(values)
    for r, c in zip(*np.nonzero(nonint)):
        violations.append(
            Violation(
                "integer",
                f"project {ids[r]}, {years[c]}: {values[r, c]!r} is not a whole {money.unit}",
                ids[r],
                int(years[c]),
            )
        )
    cells = np.where(nonint, 0, np.round(values)).astype(np.int64)
    for r, c in zip(*np.nonzero(cells < 0)):
        violations.append(
            Violation(
                "negative",
                f"project {ids[r]}, {years[c]}: negative amount {amount(cells[r, c])}",
                ids[r],
                int(years[c]),
            )
        )

    expected = frame["plan_minor"] if row_totals_minor is None else pd.Series(row_totals_minor)
    expected = expected.reindex(ids)
    sums = cells.sum(axis=1)
    for r in np.flatnonzero(expected.isna().to_numpy() | (sums != expected.fillna(-1).to_numpy())):
        want = expected.iloc[r]
        want_text = "unknown" if pd.isna(want) else amount(want)
        violations.append(
            Violation(
                "row_total",
                f"project {ids[r]}: the row sums to {amount(sums[r])}, not {want_text}",
                ids[r],
            )
        )

    first, last = period if period is not None else portfolio.plan_period
    bounds = (
        frame[["start_year", "end_year"]]
        if windows is None
        else windows[["start_year", "end_year"]].reindex(ids)
    )
    low, high = clip_window(
        bounds["start_year"].to_numpy(dtype=np.int64),
        bounds["end_year"].to_numpy(dtype=np.int64),
        (first, last),
    )
    outside = (years[None, :] < low[:, None]) | (years[None, :] > high[:, None])
    for r, c in zip(*np.nonzero(outside & (cells != 0))):
        violations.append(
            Violation(
                "window",
                f"project {ids[r]}: {amount(cells[r, c])} in {years[c]}, outside its "
                f"allowed years {low[r]}-{high[r]}",
                ids[r],
                int(years[c]),
            )
        )

    if ceilings is None and result is not None:
        own = {int(y): int(c) for y, c in result.ceilings_minor.items() if not pd.isna(c)}
        ceilings = BudgetLine("ceiling", own, unit=money.unit)
    lines = () if ceilings is None else resolve_lines(portfolio, ceilings, any_year=True)
    parts = parts_minor if parts_minor is not None else getattr(result, "parts_minor", None)
    violations += _check_lines(portfolio, frame, cells, years, lines, parts)
    return violations


def _deferral_defaults(
    portfolio: Portfolio, frame: pd.DataFrame, delays: pd.Series
) -> dict[str, Any]:
    """What a deferral plan must hold, recomputed from the portfolio and the delays alone.

    Each project's money stays within its window moved by its delay; a project whose total
    has a part no year of its window can take (see :func:`capex.model.cashflow.plan_split`) may also use the
    year just before or after the moved window, where the cash-flow policy places that part.
    """
    moved = delays.reindex(frame.index, fill_value=0).to_numpy(dtype=np.int64)
    spills = (plan_split(portfolio)["unplaceable_minor"] > 0).to_numpy()
    windows = pd.DataFrame(
        {
            "start_year": frame["start_year"].to_numpy() + moved - spills,
            "end_year": frame["end_year"].to_numpy() + moved + spills,
        },
        index=frame.index,
    )
    return {"row_totals": frame["total_minor"], "windows": windows}


def assert_valid(
    portfolio: Portfolio, schedule: PlanResult | pd.DataFrame, ceilings: Any = None, **options: Any
) -> None:
    """Raise :class:`CheckError` listing the violations, if any (see :func:`check_schedule`)."""
    violations = check_schedule(portfolio, schedule, ceilings, **options)
    if violations:
        shown = "\n  ".join(str(v) for v in violations[:20])
        more = f"\n  ... and {len(violations) - 20} more" if len(violations) > 20 else ""
        raise CheckError(f"{len(violations)} violation(s):\n  {shown}{more}")


def _nested_lines(lines: tuple[BudgetLine, ...]) -> dict[str, list[str]]:
    """Each share line with the share lines within it (at any depth), itself first."""
    out: dict[str, list[str]] = {line.name: [line.name] for line in lines}
    names = set(out)
    for line in lines:
        parent, seen = line.within, {line.name}
        while parent is not None and parent in names and parent not in seen:
            out[parent].append(line.name)
            seen.add(parent)
            parent = next((other.within for other in lines if other.name == parent), None)
    return out


def _check_lines(
    portfolio: Portfolio,
    frame: pd.DataFrame,
    cells: np.ndarray,
    years: np.ndarray,
    lines: tuple[BudgetLine, ...],
    parts: pd.DataFrame | None,
) -> list[Violation]:
    violations: list[Violation] = []
    if not lines:
        return violations
    money = portfolio.money

    def amount(value: int) -> str:
        return money.format(int(value), money.unit)

    plan = frame["plan_minor"].to_numpy(dtype=np.int64)
    if any(line.is_shared for line in lines):
        if parts is None:
            return [
                Violation(
                    "parts",
                    "budget lines with shares need the funded parts of the schedule (parts_minor)",
                )
            ]
        parts = parts.reindex(columns=[int(y) for y in years], fill_value=0)
        by_project = (
            parts.groupby(level=0).sum().reindex(frame.index, fill_value=0).to_numpy(dtype=np.int64)
        )
        shared_ids = set(parts.index.get_level_values(0))
        for r, pid in enumerate(frame.index):
            if pid in shared_ids and (by_project[r] != cells[r]).any():
                violations.append(
                    Violation(
                        "parts", f"project {pid}: its funded parts do not add up to its row", pid
                    )
                )
    nested = _nested_lines(lines)
    for line in lines:
        caps = line.ceilings_minor(money)
        if line.is_shared:
            shares = line.share_array(frame)
            load = np.zeros(len(years), dtype=np.int64)
            names = nested[line.name]  # the line and the lines within it: their parts are its
            for pid, share, planned in zip(frame.index, shares, plan):
                if share <= 0:
                    continue
                row = np.zeros(len(years), dtype=np.int64)
                for name in names:  # a part rounding to nothing (or of no money) is left out
                    if (pid, name) in parts.index:
                        row += parts.loc[(pid, name)].to_numpy(dtype=np.int64)
                # each part is its exact share rounded down or up: within one unit a part
                if abs(int(row.sum()) - share * planned) >= len(names):
                    violations.append(
                        Violation(
                            "parts",
                            f"project {pid}: line {line.name!r} funds {amount(row.sum())}, "
                            f"not its share {share:g} of {amount(planned)}",
                            pid,
                            line=line.name,
                        )
                    )
                load += row
        else:
            load = cells[line.members(frame)].sum(axis=0)
        for c, year in enumerate(years):
            cap = caps.get(int(year))
            if cap is not None and load[c] > cap:
                violations.append(
                    Violation(
                        "ceiling",
                        f"{year}: line {line.name!r} draws {amount(load[c])}, above its "
                        f"ceiling {amount(cap)}",
                        year=int(year),
                        line=line.name,
                    )
                )
    return violations
