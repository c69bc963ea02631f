"""An independent check of a selection against the data and rules it must honour.

Nothing here knows how the selection was found or reads the solver's arrays: every
condition is recomputed from the candidates (their cash flow from
:func:`capex.cash_flow`, or the phased cash flow the selection was made from), the budget
lines, the envelope and the rules the result records:

* the chosen projects include every must and no excluded one; at most one of each group of
  alternatives; a project chosen only with the projects it needs, and after those it must
  wait for (the portfolio's precedence relations, with the moved windows);
* each start moved by a whole number of years within its limit (0 for a project under way);
* each chosen project's schedule row is its cash flow moved by its delay, to the unit, and
  only chosen projects have rows;
* every budget line within its ceiling in every capped year, the plan period's spending
  within the envelope, and the value reported equal to the sum of the chosen values.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from capex.model.cashflow import cash_flow
from capex.model.money import checked_sum
from capex.solvers.check import Violation

__all__ = ["check_selection"]


def check_selection(result: Any) -> list[Violation]:
    """All the violations of a :class:`~capex.solvers.selection.SelectionResult`; an empty list when
    it is valid."""
    out: list[Violation] = []
    table = result.candidates
    portfolio = result.bank
    rules = result.rules
    chosen = table["chosen"].to_numpy(dtype=bool)
    picked = set(table.index[chosen])
    delays = np.where(chosen, table["delay"].to_numpy(np.int64), 0)
    delay = dict(zip(table.index, delays.tolist()))

    for pid in rules.must:
        if pid not in picked:
            out.append(Violation("must", f"project {pid} must be chosen and is not", pid))
    for pid in rules.exclude:
        if pid in picked:
            out.append(Violation("exclude", f"project {pid} is excluded and chosen", pid))
    for group in rules.alternatives:
        inside = [pid for pid in group if pid in picked]
        if len(inside) > 1:
            out.append(Violation("alternatives", f"alternatives {inside} are chosen together"))
    for dependent, prerequisite in rules.needs:
        if dependent in picked and prerequisite not in picked:
            out.append(
                Violation(
                    "needs", f"project {dependent} needs {prerequisite}, not chosen", dependent
                )
            )
    start = dict(zip(table.index, (table["start_year"].to_numpy(np.int64) + delays).tolist()))
    end = dict(zip(table.index, (table["end_year"].to_numpy(np.int64) + delays).tolist()))
    graph = portfolio.precedence
    if graph is not None:
        for before, after in graph.edges:
            if after in picked and (before not in picked or start[after] <= end[before]):
                out.append(
                    Violation(
                        "precedence",
                        f"project {before} must be chosen and finish before {after} starts",
                        after,
                    )
                )
    limit = rules.max_delay
    fixed = dict(zip(portfolio.ids, portfolio.column("fixed").astype(bool).tolist()))
    for pid in picked:
        most = limit.get(pid, 0) if isinstance(limit, dict) else int(limit)
        if fixed[pid]:
            most = 0
        if not 0 <= delay[pid] <= most:
            out.append(
                Violation(
                    "delay", f"project {pid} starts {delay[pid]} years late (at most {most})", pid
                )
            )

    flows = (
        result.flows_minor.reindex(portfolio.ids, fill_value=0)
        if result.flows_minor is not None
        else cash_flow(portfolio, result.profile).flows_minor
    )
    schedule = result.schedule_minor
    if set(schedule.index) != picked:
        out.append(Violation("projects", "the schedule's projects are not the chosen ones"))
    rows = [pid for pid in schedule.index if pid in picked]
    if rows:
        # each chosen row's cash flow, moved by its delay, on the years of both
        source = flows.loc[rows]
        years = sorted({int(y) for y in source.columns} | {int(y) for y in schedule.columns})
        moved_years = [int(y) + int(delay[pid]) for pid in rows for y in source.columns]
        years = sorted(set(years) | set(moved_years))
        expected = np.zeros((len(rows), len(years)), dtype=np.int64)
        position = {year: k for k, year in enumerate(years)}
        columns = np.array([int(y) for y in source.columns])
        values = source.to_numpy(np.int64)
        for r, pid in enumerate(rows):
            np.add.at(expected[r], [position[y + int(delay[pid])] for y in columns], values[r])
        got = schedule.loc[rows].reindex(columns=years, fill_value=0).to_numpy(np.int64)
        for r in np.flatnonzero((expected != got).any(axis=1)):
            pid = rows[r]
            out.append(
                Violation(
                    "row_total",
                    f"project {pid}: the schedule is not its cash flow moved by {delay[pid]}",
                    pid,
                )
            )
    for line in result.lines:
        members = pd.Series(line.members(portfolio), index=portfolio.ids)
        shares = (
            pd.Series(line.share_array(portfolio.frame), index=portfolio.ids)
            if line.is_shared
            else None
        )
        for year, cap in line.ceilings_minor(portfolio.money).items():
            if year not in schedule.columns:
                continue
            column = schedule[year]
            if shares is not None:
                load = int(
                    sum(math.ceil(float(shares[p]) * int(v) - 1e-9) for p, v in column.items())
                )
            else:
                load = checked_sum(column[members.reindex(column.index).to_numpy(bool)].to_numpy())
            if load > cap:
                out.append(
                    Violation(
                        "ceiling",
                        f"line {line.name!r} spends {load} in {year}, above its ceiling {cap}",
                        year=int(year),
                        line=line.name,
                    )
                )
    first, last = result.plan_period
    in_plan = [y for y in schedule.columns if first <= y <= last]
    spend = checked_sum(schedule[in_plan].to_numpy().ravel()) if in_plan else 0
    if spend != result.plan_spend_minor:
        out.append(
            Violation(
                "envelope", f"the plan period's spending is {spend}, not {result.plan_spend_minor}"
            )
        )
    if result.envelope_minor is not None and spend > result.envelope_minor:
        out.append(
            Violation(
                "envelope",
                f"the plan period's spending {spend} is above the envelope {result.envelope_minor}",
            )
        )
    total = int(table.loc[table["chosen"].to_numpy(bool), "value_scaled"].sum())
    if total != result.objective_scaled:
        out.append(
            Violation(
                "value", f"the chosen values add up to {total}, not {result.objective_scaled}"
            )
        )
    return out
