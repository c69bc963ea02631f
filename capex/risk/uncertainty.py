"""What is uncertain in a plan, which projects it touches, and reproducible draws of it.

An :class:`Uncertainty` holds three things, each optional:

* ``cost``: the relative change of each project's cost (a
  :class:`~capex.risk.distributions.CostDistribution`);
* ``delay``: each project's start delay in whole years (a
  :class:`~capex.risk.distributions.Discrete`);
* ``price_index``: one cost change drawn once per draw and applied to every project (a
  construction price index). Each project's cost factor is then ``(1 + own change) *
  (1 + index change)``. Independent project changes average out over a portfolio, so alone
  they understate the spread of its total and its P80; a common factor does not average out.

``cost`` and ``delay`` are each given for the whole portfolio or per project, in one of these
forms:

* one distribution (or its text, ``"triangular(-0.05, 0.05, 0.4)"``): every project;
* ``{project id: distribution}``: the projects named (the others have none);
* a ``pandas.Series`` by project id (a column of your own table) of distributions or their
  texts; empty cells mean none;
* a list of ``(rule, distribution)`` pairs, the rule as budget lines read it (``"all"``,
  ``{"builder": "镜湖开发办"}``, ``"government_investment=yes"``, or a callable on the project
  frame): each project takes the distribution of the first rule it matches.

A start delay applies to the projects that have not started when the plan period begins
(start year at or after its first year); a project already under way keeps its window, and
naming one in a mapping or a column is an error.

**Draws are reproducible by block.** Draw ``d`` belongs to block ``d // DRAW_BLOCK``, whose
random stream is ``numpy.random.SeedSequence(seed).spawn(n)[block]``; within a block all the
changes are drawn as arrays (the price index first, then each distribution's projects in the
order the distributions were first given, then the delays). So draw ``d`` is the same whatever
the number of draws asked, the batches it was computed in, the executor or the workers, and
every method (``cashflow``, ``spread``, ``shift``) sees the same draws for the same seed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError, DataError
from capex.model.budget import BudgetLine
from capex.model.portfolio import Portfolio
from capex.risk.distributions import (
    CostDistribution,
    Discrete,
    DistributionError,
    parse_distribution,
)
from capex.terms import Message, joined, phrase

__all__ = ["DRAW_BLOCK", "Assignment", "Draws", "Resolved", "Uncertainty", "block_stream"]

DRAW_BLOCK = 1_000
"""Draws per random stream: draw ``d`` comes from the stream of block ``d // DRAW_BLOCK``."""


def block_stream(seed: int, block: int) -> np.random.SeedSequence:
    """The seed sequence of a block of draws: ``SeedSequence(seed).spawn(n)[block]``, made
    directly (a child of a spawn is the parent's entropy with the child's index as its key)."""
    return np.random.SeedSequence(entropy=seed, spawn_key=(block,))


@dataclass(frozen=True, eq=False)
class Assignment:
    """Which distribution each project takes.

    Attributes
    ----------
    codes
        One entry per project (table order): an index into ``distributions``, or -1 for none.
    distributions
        The distinct distributions, in the order they were first given.
    """

    codes: np.ndarray
    distributions: tuple[Any, ...]

    def members(self, code: int) -> np.ndarray:
        """Positions of the projects that take distribution ``code``."""
        return np.flatnonzero(self.codes == code)

    def describe(self, ids: Sequence[Any]) -> Message:
        """``'triangular(...) for all 35 projects'`` or one clause per distribution, in
        English and in Chinese."""
        if not self.distributions:
            return phrase("none")
        clauses = []
        for code, distribution in enumerate(self.distributions):
            members = self.members(code)
            if len(members) == len(self.codes):
                clauses.append(
                    phrase("risk_for_all", distribution=distribution.phrase(), n=len(members))
                )
            elif len(members) <= 8:
                chosen = ", ".join(str(ids[i]) for i in members)
                clauses.append(
                    phrase("risk_for_projects", distribution=distribution.phrase(), ids=chosen)
                )
            else:
                clauses.append(
                    phrase("risk_for_n", distribution=distribution.phrase(), n=len(members))
                )
        unassigned = int((self.codes < 0).sum())
        if unassigned and len(self.distributions):
            clauses.append(phrase("risk_none_for", n=unassigned))
        return joined(clauses)


@dataclass(frozen=True, eq=False)
class Draws:
    """Draws ``first .. first + len - 1``: each project's own cost change, the price index
    change, and each project's start delay.

    Attributes
    ----------
    first
        Index of the first draw.
    cost_change
        Float array (draws x projects): each project's own relative change (0 where none).
    index_change
        Float array (draws,): the price index's change (0 without one).
    delays
        Int64 array (draws x projects): start delays in whole years.
    """

    first: int
    cost_change: np.ndarray
    index_change: np.ndarray
    delays: np.ndarray

    def __len__(self) -> int:
        return len(self.index_change)

    @property
    def factors(self) -> np.ndarray:
        """Each project's cost factor in each draw: ``(1 + own change) * (1 + index change)``."""
        return (1 + self.cost_change) * (1 + self.index_change)[:, None]

    def part(self, start: int, stop: int) -> Draws:
        """Draws ``first + start .. first + stop - 1`` (positions in this range)."""
        window = slice(start, stop)
        return Draws(
            self.first + start,
            self.cost_change[window],
            self.index_change[window],
            self.delays[window],
        )


@dataclass(frozen=True, eq=False)
class Uncertainty:
    """The cost change, start delay and price index of a plan (see the module text).

    Parameters
    ----------
    cost
        Relative change of each project's cost: a distribution for all, a mapping by id, a
        Series by id, or a list of ``(rule, distribution)`` pairs; ``None`` for none.
    delay
        Start delay in whole years (a :class:`~capex.risk.distributions.Discrete`), in the
        same forms; ``None`` for none.
    price_index
        A cost distribution drawn once per draw for all projects; ``None`` for none.
    """

    cost: Any = None
    delay: Any = None
    price_index: Any = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "cost", _checked_spec(self.cost, "cost"))
        object.__setattr__(self, "delay", _checked_spec(self.delay, "delay"))
        index = self.price_index
        if isinstance(index, str):
            index = parse_distribution(index)
        if index is not None and not isinstance(index, CostDistribution):
            raise DistributionError(phrase("err_risk_price_index", value=repr(index)))
        object.__setattr__(self, "price_index", index)

    @property
    def is_empty(self) -> bool:
        """Whether nothing is uncertain."""
        return self.cost is None and self.delay is None and self.price_index is None

    def resolve(self, portfolio: Portfolio, known_ids: Any = None) -> Resolved:
        """Each project's distributions in ``portfolio``.

        ``known_ids`` (default: the portfolio's ids) are the ids a mapping or a Series may
        name; ids known but absent from ``portfolio`` (dropped by a scenario) are skipped.
        """
        known = set(portfolio.ids if known_ids is None else known_ids)
        started = portfolio.column("start_year") < portfolio.plan_period[0]
        cost = _assign(self.cost, portfolio, "cost", known, started=None)
        delay = _assign(self.delay, portfolio, "delay", known, started=started)
        largest = max((d.largest for d in delay.distributions), default=0)
        return Resolved(self, cost, delay, int(largest), len(portfolio))


@dataclass(frozen=True, eq=False)
class Resolved:
    """An :class:`Uncertainty` applied to one portfolio: draws are made from this."""

    uncertainty: Uncertainty
    cost: Assignment
    delay: Assignment
    largest_delay: int
    n_projects: int

    def draw(self, seed: int, first: int, stop: int) -> Draws:
        """Draws ``first .. stop - 1`` (see the module text on blocks)."""
        if not 0 <= first <= stop:
            raise CapexError(f"bad range of draws {first}..{stop}")
        parts = []
        for block in range(first // DRAW_BLOCK, -(-stop // DRAW_BLOCK)):
            offset = block * DRAW_BLOCK  # the block's first draw
            full = self._block(seed, block)
            low, high = max(first, offset) - offset, min(stop, offset + DRAW_BLOCK) - offset
            parts.append(tuple(array[low:high] for array in full))
        n = self.n_projects
        if not parts:
            return Draws(first, np.zeros((0, n)), np.zeros(0), np.zeros((0, n), dtype=np.int64))
        own, index, delays = (np.concatenate(arrays) for arrays in zip(*parts))
        return Draws(first, own, index, delays)

    def _block(self, seed: int, block: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rng = np.random.default_rng(block_stream(seed, block))
        size, n = DRAW_BLOCK, self.n_projects
        index = self.uncertainty.price_index
        index_change = index.sample(rng, size) if index is not None else np.zeros(size)
        own = np.zeros((size, n))
        for code, distribution in enumerate(self.cost.distributions):
            members = self.cost.members(code)
            own[:, members] = distribution.sample(rng, (size, len(members)))
        delays = np.zeros((size, n), dtype=np.int64)
        for code, distribution in enumerate(self.delay.distributions):
            members = self.delay.members(code)
            delays[:, members] = distribution.sample(rng, (size, len(members)))
        return own, index_change, delays

    def describe(self, ids: Sequence[Any]) -> list[tuple[Message, Message | str]]:
        """The assumptions, for reports: ``[("cost change", ...), ("start delay", ...), ...]``
        (phrases: English text that reports in Chinese say in Chinese)."""
        index = self.uncertainty.price_index
        return [
            (phrase("risk_cost_change"), self.cost.describe(ids)),
            (phrase("risk_start_delay"), self.delay.describe(ids)),
            (phrase("risk_price_index"), phrase("none") if index is None else index.phrase()),
        ]


# ---------------------------------------------------------------------------------------
# reading the forms
# ---------------------------------------------------------------------------------------
def _checked_spec(spec: Any, what: str) -> Any:
    """The spec with every distribution text read and every distribution of the right kind."""
    if spec is None:
        return None
    if isinstance(spec, (str, CostDistribution, Discrete)):
        return _distribution(spec, what, phrase("err_risk_subject", what=_what(what)))
    if isinstance(spec, pd.Series):
        values = [
            _distribution(value, what, _of_project(what, pid), empty_ok=True)
            for pid, value in spec.items()
        ]
        return pd.Series(values, index=spec.index.copy(), dtype=object)
    if isinstance(spec, Mapping):
        return {
            pid: _distribution(value, what, _of_project(what, pid), empty_ok=True)
            for pid, value in spec.items()
        }
    if isinstance(spec, Sequence):
        rules = []
        for position, item in enumerate(spec, start=1):
            if not (isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 2):
                raise DistributionError(
                    phrase(
                        "err_risk_rule_pair", what=_what(what), position=position, item=repr(item)
                    )
                )
            rule, value = item
            subject = phrase("err_risk_subject_rule", what=_what(what), position=position)
            rules.append((rule, _distribution(value, what, subject)))
        return tuple(rules)
    raise DistributionError(phrase("err_risk_spec", what=_what(what), value=repr(spec)))


def _what(what: str) -> Message:
    """``cost`` or ``delay``, in words."""
    return phrase(f"err_risk_what_{what}")


def _of_project(what: str, pid: Any) -> Message:
    return phrase("err_risk_subject_project", what=_what(what), project=repr(pid))


def _distribution(value: Any, what: str, where: Message, *, empty_ok: bool = False) -> Any:
    if empty_ok and (value is None or (isinstance(value, float) and np.isnan(value))):
        return None
    if empty_ok and isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, str):
        value = parse_distribution(value)
    if what == "delay":
        if not isinstance(value, Discrete):
            raise DistributionError(
                phrase("err_risk_delay_discrete", subject=where, value=repr(value))
            )
    elif not isinstance(value, CostDistribution):
        raise DistributionError(
            phrase("err_risk_cost_distribution", subject=where, value=repr(value))
        )
    return value


def _assign(
    spec: Any, portfolio: Portfolio, what: str, known: set[Any], started: np.ndarray | None
) -> Assignment:
    """Each project's distribution under a checked spec; ``started`` projects take no delay."""
    n = len(portfolio)
    codes = np.full(n, -1, dtype=np.int64)
    distributions: list[Any] = []

    def code_of(distribution: Any) -> int:
        for code, seen in enumerate(distributions):
            if seen is distribution or seen == distribution:
                return code
        distributions.append(distribution)
        return len(distributions) - 1

    ids = portfolio.ids
    if spec is None:
        return Assignment(codes, ())
    if isinstance(spec, (CostDistribution, Discrete)):
        codes[:] = code_of(spec)
    elif isinstance(spec, (Mapping, pd.Series)):
        position = {pid: i for i, pid in enumerate(ids)}
        for pid, distribution in spec.items():
            if pid not in known and pid not in position:
                raise DataError(
                    phrase("err_risk_no_such_project", what=_what(what)),
                    source=portfolio.source,
                    column="id",
                    value=pid,
                )
            if distribution is None or pid not in position:
                continue
            i = position[pid]
            if started is not None and started[i]:
                raise DataError(
                    phrase("err_risk_started", first=portfolio.plan_period[0]),
                    source=portfolio.source,
                    column="start_year",
                    value=int(portfolio.column("start_year")[i]),
                    row=i + 1,
                    project_id=pid,
                )
            codes[i] = code_of(distribution)
    else:  # rules: the first that a project matches
        free = np.ones(n, dtype=bool)
        for position, (rule, distribution) in enumerate(spec, start=1):
            # a rule reads as a budget line's does (one home for rules: capex.model.budget)
            line = BudgetLine(f"{what} rule {position}", {}, rule)
            mask = line.members(portfolio) & free
            codes[mask] = code_of(distribution)
            free &= ~mask
    if started is not None:
        codes[started] = -1
    used = sorted(set(codes[codes >= 0].tolist()))
    # keep only distributions some project takes, numbered in first-given order
    renumber = {old: new for new, old in enumerate(used)}
    out = np.array([renumber.get(c, -1) for c in codes.tolist()], dtype=np.int64)
    return Assignment(out, tuple(distributions[c] for c in used))
