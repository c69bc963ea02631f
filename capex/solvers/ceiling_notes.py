"""Notes on ceilings that cannot mean what they say: in the wrong unit, or out of reach.

A ceiling of 110000 where 亿元 are read (the planner meant 万元) is more than the whole
programme costs, so it never binds and the plan comes back "optimal, nothing moved" as if the
budget were ample. A deferral ceiling for a year that no project's cash flow can reach, even
moved as far as allowed, is never tested. Neither is an error (a loose ceiling is allowed), but
both are said in the result's messages, by :func:`ceiling_notes`, which the spreading and the
deferral planners both call.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from capex.model.budget import BudgetLine
from capex.model.money import Money
from capex.model.portfolio import Portfolio
from capex.terms import Message, phrase

__all__ = ["ceiling_notes"]


def ceiling_notes(
    portfolio: Portfolio,
    lines: Sequence[BudgetLine],
    reachable: tuple[int, int] | None = None,
) -> list[Message]:
    """Sentences about ceilings that can never bind, for a result's messages.

    Parameters
    ----------
    portfolio
        The projects planned.
    lines
        The budget lines the plan is held to.
    reachable
        First and last year any project's money can fall in (a deferral's horizon); ceilings
        for other years are reported as ignored. ``None``: every year is reachable.

    Returns
    -------
    list of Message
        One sentence (in English, and in Chinese for reports in Chinese) per line whose ceilings exceed the total investment of all the projects
        it covers (likely the wrong unit), and one per line with ceilings out of reach.
    """
    money = portfolio.money
    # the table is copied only for lines that read it (a line over all projects does not)
    reads = any(line.rule is not None or line.shares is not None for line in lines)
    frame = portfolio.frame if reads else None
    totals = portfolio.column("total_minor").astype(np.int64)
    notes = []
    for line in lines:
        caps = line.ceilings_minor(money)
        if not caps:
            continue
        if line.shares is None:  # exact for whole projects
            covered = int(totals.sum() if line.rule is None else totals[line.members(frame)].sum())
        else:
            covered = int(np.floor(float(np.dot(line.share_array(frame), totals.astype(float)))))
        too_high = sorted(year for year, cap in caps.items() if cap > covered)
        if too_high:
            notes.append(_too_high(line, too_high, caps, covered, money))
        if reachable is not None:
            first, last = reachable
            away = sorted(year for year in caps if not first <= year <= last)
            if away:
                notes.append(
                    phrase(
                        "note_ceilings_unreachable",
                        line=_named(line),
                        years=_years(away),
                        first=first,
                        last=last,
                    )
                )
    return notes


def _too_high(
    line: BudgetLine, years: list[int], caps: dict[int, int], covered: int, money: Money
) -> Message:
    unit = money.normalize_unit(line.unit)
    highest = max(caps[year] for year in years)
    amount = money.format(highest, unit, grouping=True)
    # a ceiling ten times what it could ever hold back is most likely in a smaller unit
    meant = _meant_unit(years, caps, covered, money, unit) if highest >= 10 * covered else None
    return phrase(
        "note_ceiling_never_binds",
        line=_named(line),
        years=_years(years),
        amount=phrase("note_at_most", amount=amount) if len(years) > 1 else amount,
        covered=money.format(covered, grouping=True),
        check=(
            phrase("note_unit_meant", unit=unit, meant=meant)
            if meant is not None
            else phrase("note_unit_check", unit=unit)
        ),
    )


def _named(line: BudgetLine) -> Message:
    return phrase("note_budget_line", name=line.name)


def _meant_unit(
    years: list[int],
    caps: dict[int, int],
    covered: int,
    money: Money,
    unit: str,
) -> str | None:
    """The largest smaller unit in which the ceilings, as written, would fit the projects."""
    written = unit
    candidates = sorted(
        (u for u in money.units if money.per(u) < money.per(written)),
        key=lambda u: money.per(u),
        reverse=True,
    )
    highest = max(caps[year] for year in years)  # minor units, read in the written unit
    as_written = money.to_decimal(highest, written)
    for candidate in candidates:
        if as_written * money.per(candidate) <= covered:
            return candidate
    return None


def _years(years: list[int]) -> str:
    """``2021``, ``2021-2025`` or ``2021, 2023`` (consecutive runs joined)."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
