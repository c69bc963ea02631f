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

    def select(self, **changes: Any) -> capex.SelectionResult:
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
    must = tuple(draw(st.lists(chosen_ids, max_size=1, unique=True)))
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


def valid(
    bank: SmallBank,
    choice: dict[Any, int],
    caps: dict[int, int],
    envelope: int | None,
    flows: pd.DataFrame,
) -> bool:
    """Whether ``choice`` ({id: delay} of the chosen) holds every ceiling, the envelope and
    every rule, recomputed from the cash flow."""
    if any(m not in choice for m in bank.must) or any(e in choice for e in bank.exclude):
        return False
    if any(sum(g in choice for g in group) > 1 for group in bank.alternatives):
        return False
    if any(a in choice and b not in choice for a, b in bank.needs):
        return False
    spend: dict[int, int] = {}
    for pid, delay in choice.items():
        for year, amount in flows.loc[pid].items():
            if amount:
                spend[int(year) + delay] = spend.get(int(year) + delay, 0) + int(amount)
    if any(spend.get(year, 0) > cap for year, cap in caps.items()):
        return False
    in_plan = sum(v for y, v in spend.items() if PLAN[0] <= y <= PLAN[1])
    return envelope is None or in_plan <= envelope


def brute_force(
    bank: SmallBank,
    *,
    must: tuple[Any, ...] | None = None,
    caps: dict[int, int] | None = None,
    envelope: int | None | str = "same",
) -> int | None:
    """The most value any valid choice has (``None`` when none is valid), with optional
    changes: a wider must, other ceilings (minor units), another envelope (minor units)."""
    flows, own_caps, own_envelope = _money_rows(bank)
    caps = own_caps if caps is None else caps
    envelope = own_envelope if envelope == "same" else envelope
    changed = SmallBank(**{**bank.__dict__, "must": bank.must if must is None else must})
    ids = list(bank.portfolio.ids)
    fixed = bank.portfolio.frame["fixed"]
    options = [[None, *range((0 if fixed[pid] else bank.max_delay) + 1)] for pid in ids]
    best = None
    for combination in itertools.product(*options):
        choice = {pid: d for pid, d in zip(ids, combination) if d is not None}
        if valid(changed, choice, caps, envelope, flows):
            value = int(sum(bank.values[pid] for pid in choice))
            best = value if best is None else max(best, value)
    return best


def step_minor(bank: SmallBank) -> int:
    money = bank.portfolio.money
    return int(money.per(money.display_unit))


def caps_minor(bank: SmallBank) -> dict[int, int]:
    return _money_rows(bank)[1]


def envelope_minor(bank: SmallBank) -> int | None:
    return _money_rows(bank)[2]


def as_array(values: Any) -> np.ndarray:
    return np.asarray(values)
