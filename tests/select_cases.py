"""Small random project banks and a brute force that reads them without capex's solver.

The brute force tries every choice (each candidate left out or started 0..max_delay years
late), recomputes each year's spending from :func:`capex.cash_flow` moved by the delays, and
keeps the most valuable choice that holds every ceiling, the envelope and every rule.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import strategies as st

import capex

PLAN = (2026, 2030)


@dataclass
class SmallBank:
    """A small bank and its rules, as the brute force and capex.select both take them."""

    portfolio: capex.Portfolio
    values: pd.Series
    ceilings: dict[int, float]
    envelope: float | None = None
    must: tuple[Any, ...] = ()
    exclude: tuple[Any, ...] = ()
    alternatives: tuple[tuple[Any, ...], ...] = ()
    needs: tuple[tuple[Any, Any], ...] = ()
    max_delay: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def select(self, **changes: Any) -> capex.results.SelectionResult:
        arguments = {
            "value": self.values,
            "envelope": self.envelope,
            "must": self.must,
            "exclude": self.exclude,
            "alternatives": self.alternatives,
            "needs": self.needs,
            "max_delay": self.max_delay,
            "time_limit": None,  # proven, not hoped for within a wall-clock limit
        }
        arguments.update(changes)
        ceilings = arguments.pop("ceilings", self.ceilings)
        return capex.select(self.portfolio, ceilings, **arguments)


@st.composite
def small_banks(draw: Any, *, max_projects: int = 6, delays: bool = True) -> SmallBank:
    """2-6 candidates inside 2026-2030, integer values (some zero), ceilings that bind, and
    sometimes an envelope, a must, an exclusion, a group of alternatives, a need, delays."""
    n = draw(st.integers(2, max_projects))
    starts = draw(st.lists(st.integers(PLAN[0], PLAN[1]), min_size=n, max_size=n))
    lengths = draw(st.lists(st.integers(1, 3), min_size=n, max_size=n))
    ends = [min(s + k - 1, PLAN[1]) for s, k in zip(starts, lengths)]
    totals = draw(st.lists(st.integers(1, 40), min_size=n, max_size=n))  # 0.01 亿元 steps
    values = draw(st.lists(st.integers(0, 30), min_size=n, max_size=n))
    ids = list(range(1, n + 1))
    frame = pd.DataFrame(
        {
            "id": ids,
            "name": [f"候选{i}" for i in ids],
            "start_year": starts,
            "end_year": ends,
            "total_investment": [f"{t / 100:.2f}" for t in totals],
            "plan_investment": [f"{t / 100:.2f}" for t in totals],
        }
    )
    portfolio = capex.load_projects(frame, plan_period=PLAN)
    per_year = draw(st.lists(st.integers(5, 40), min_size=5, max_size=5))
    ceilings = {year: cap / 100 for year, cap in zip(range(PLAN[0], PLAN[1] + 1), per_year)}
    envelope = draw(st.one_of(st.none(), st.integers(10, 120).map(lambda v: v / 100)))
    chosen_ids = st.sampled_from(ids)
    must = tuple(draw(st.lists(chosen_ids, max_size=2, unique=True)))
    exclude = tuple(i for i in draw(st.lists(chosen_ids, max_size=1, unique=True)) if i not in must)
    alternatives: tuple[tuple[Any, ...], ...] = ()
    if draw(st.booleans()):
        group = draw(st.lists(chosen_ids, min_size=2, max_size=3, unique=True))
        alternatives = (tuple(group),)
    needs: tuple[tuple[Any, Any], ...] = ()
    if draw(st.booleans()):
        a, b = draw(st.lists(chosen_ids, min_size=2, max_size=2, unique=True))
        needs = ((a, b),)
    max_delay = draw(st.integers(0, 1)) if delays else 0
    return SmallBank(
        portfolio,
        pd.Series(values, index=ids),
        ceilings,
        envelope,
        must,
        exclude,
        alternatives,
        needs,
        max_delay,
    )


def _money_rows(bank: SmallBank) -> tuple[pd.DataFrame, dict[int, int], int | None]:
    money = bank.portfolio.money
    flows = capex.cash_flow(bank.portfolio).flows_minor
    caps = {year: money.ceiling_to_minor(cap) for year, cap in bank.ceilings.items()}
    envelope = None if bank.envelope is None else money.ceiling_to_minor(bank.envelope)
    return flows, caps, envelope


def brute_force(
    bank: SmallBank,
    *,
    must: tuple[Any, ...] | None = None,
    caps: dict[int, int] | None = None,
    envelope: int | None | str = "same",
) -> int | None:
    """The most value any valid choice has (``None`` when none is valid), with optional
    changes: a wider must, other ceilings (minor units), another envelope (minor units).

    Every choice (each candidate left out or started 0..max_delay years late) at once: its
    spending per year is the sum of the chosen candidates' cash flows, each moved by its
    delay, recomputed from :func:`capex.cash_flow`."""
    flows, own_caps, own_envelope = _money_rows(bank)
    caps = own_caps if caps is None else caps
    envelope = own_envelope if envelope == "same" else envelope
    must = bank.must if must is None else must
    ids = list(bank.portfolio.ids)
    fixed = bank.portfolio.frame["fixed"].to_numpy(bool)
    first = int(min(flows.columns))
    width = int(max(flows.columns)) - first + 1 + bank.max_delay
    years = np.arange(first, first + width)
    # per candidate, its spending per year for each option: left out (row 0), delay d (row d+1)
    options = []
    for k, pid in enumerate(ids):
        most = 0 if fixed[k] else bank.max_delay
        rows = np.zeros((most + 2, width), dtype=np.int64)
        for year, amount in flows.loc[pid].items():
            for d in range(most + 1):
                rows[d + 1, int(year) - first + d] += int(amount)
        options.append(rows)
    combos = np.array(list(itertools.product(*(range(len(o)) for o in options))), dtype=np.int64)
    spend = sum(options[k][combos[:, k]] for k in range(len(ids)))
    chosen = combos > 0
    ok = np.ones(len(combos), dtype=bool)
    position = {pid: k for k, pid in enumerate(ids)}
    for pid in must:
        ok &= chosen[:, position[pid]]
    for pid in bank.exclude:
        ok &= ~chosen[:, position[pid]]
    for group in bank.alternatives:
        ok &= chosen[:, [position[g] for g in group]].sum(axis=1) <= 1
    for a, b in bank.needs:
        ok &= ~chosen[:, position[a]] | chosen[:, position[b]]
    for year, cap in caps.items():
        if first <= year < first + width:
            ok &= spend[:, year - first] <= cap
    if envelope is not None:
        plan = (years >= PLAN[0]) & (years <= PLAN[1])
        ok &= spend[:, plan].sum(axis=1) <= envelope
    if not ok.any():
        return None
    values = bank.values.reindex(ids).to_numpy(np.int64)
    return int((chosen[ok] * values).sum(axis=1).max())


def step_minor(bank: SmallBank) -> int:
    money = bank.portfolio.money
    return int(money.per(money.display_unit))


def caps_minor(bank: SmallBank) -> dict[int, int]:
    return _money_rows(bank)[1]


def envelope_minor(bank: SmallBank) -> int | None:
    return _money_rows(bank)[2]


def as_array(values: Any) -> np.ndarray:
    return np.asarray(values)
