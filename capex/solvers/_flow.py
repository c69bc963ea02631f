"""The aggregated min-cost flow behind :func:`capex.spread`, and its exact disaggregation.

Notation: a *unit* is a project (or a funded part of a project split by shares) with an
integer amount ``p_u`` to place in the plan years ``lo_u..hi_u`` of its window and an integer
profile target ``t[u, y]`` (``sum_y t[u, y] = p_u``). Units that share their interval and the
set of budget lines they draw on (a *group* ``g``) are interchangeable for the ceilings. Here
the lines form a laminar family (any two nested or disjoint), so each group's lines are a
chain, named by its innermost line ``leaf(g)``; overlapping lines are solved by
:mod:`capex.solvers._lines_mip` on the same groups.

**Network** (all data integer, so the optimum is integral: the constraint matrix of a network
is totally unimodular)::

    source --P_g--> group g --(cap T[g,y], cost 0)--> group-year (g, y)
                           \\-(cap P_g,    cost 1)--/
    (g, y) --> line-year (leaf(g), y) --C[l,y]--> parent's line-year ... --> year y --> sink
    (g, y) --(unfunded: no cap, cost M)--> year y

The flow ``X[g, y]`` into the group-year node ``(g, y)`` is the group's amount in year ``y``;
the cost-1 arc carries what exceeds the target, so the cost is ``sum max(0, X - T)``, which
equals half the L1 distance ``sum |X - T|`` because rows sum to the same ``P_g`` as the
targets. The uncapacitated *unfunded* arc at cost ``M`` from ``(g, y)`` straight to the year
makes every instance solvable: money on it is spent beyond the ceilings, each unit once
however many lines it draws on. ``M`` larger than the number of nodes exceeds any marginal
value of capacity (a residual cycle crosses each cost-1 arc at most once), so the flow first
minimises the unfunded money (the least extra budget) and then the L1 distance.

**Disaggregation** keeps the group's cost exactly and so the optimum (aggregating cannot do
better than the projects, by the triangle inequality): in a year where the group loses
``D = T - X``, units give up ``d[u, y] <= t[u, y]`` in proportion to their targets (largest
remainder, exact in integers); each unit's total give-up ``L_u`` then goes to the group's
gaining years ``S = X - T`` by the north-west-corner rule (cumulative sums), so every unit
gains exactly what it gave and each year exactly ``S``. Then ``x = t - d + gain >= 0``, rows
sum to ``p_u``, columns to ``X`` and ``sum |x - t| = 2 sum D``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from capex.errors import CapexError
from capex.model.limits import check_flow_capacity
from capex.terms import phrase

NO_CEILING = -1
"""Marks a line-year without a ceiling in a capacity array."""


@dataclass
class Groups:
    """Units grouped by (interval of plan years, set of budget lines drawn on).

    ``order`` sorts units by group; ``unit_group[order]`` is non-decreasing and ``start[g]``
    is the first sorted position of group ``g``.
    """

    lo: np.ndarray  # (G,) first plan-year index
    hi: np.ndarray  # (G,) last plan-year index
    lines: np.ndarray  # (G, L) bool: the budget lines the group draws on
    amount: np.ndarray  # (G,) P_g
    target: np.ndarray  # (G, Y) T[g, y]
    unit_group: np.ndarray  # (n_units,)
    order: np.ndarray  # (n_units,)
    start: np.ndarray  # (G + 1,)

    def years(self) -> tuple[np.ndarray, np.ndarray]:
        """The (group, year) pairs with ``lo[g] <= y <= hi[g]``, group by group."""
        n_years = self.target.shape[1]
        span = np.arange(n_years)[None, :]
        return np.nonzero((span >= self.lo[:, None]) & (span <= self.hi[:, None]))

    def loads(self, amounts: np.ndarray) -> np.ndarray:
        """``load[l, y] = sum of amounts[g, y] over the groups g drawing on line l``."""
        return self.lines.T.astype(np.int64) @ amounts


def make_groups(
    lo: np.ndarray, hi: np.ndarray, lines: np.ndarray, amount: np.ndarray, target: np.ndarray
) -> Groups:
    """Group units by (lo, hi, the lines they draw on) with array operations only.

    ``lines`` is ``(n_units, L)`` bool.
    """
    n_years = target.shape[1]
    pattern, n_patterns = _line_patterns(lines)
    key = (lo * n_years + hi) * n_patterns + pattern
    if len(key) and 0 <= key.min() and key.max() < 2**16:
        # few distinct keys (the usual case): numbered by counting, sorted by radix
        present = np.bincount(key) > 0
        number = np.cumsum(present) - 1
        unit_group = number[key]
        n_groups = int(present.sum())
        order = np.argsort(unit_group.astype(np.uint16), kind="stable")
    else:
        keys, unit_group = np.unique(key, return_inverse=True)
        unit_group = unit_group.ravel()
        n_groups = len(keys)
        order = np.argsort(unit_group, kind="stable")
    start = np.searchsorted(unit_group[order], np.arange(n_groups + 1))
    # sums over each group's consecutive block of sorted units, exact in int64
    group_amount = _group_sum(amount[order][:, None], start)[:, 0].astype(np.int64)
    group_target = _group_sum(target[order], start).astype(np.int64)
    first = order[start[:-1]] if n_groups else np.zeros(0, dtype=np.int64)
    return Groups(
        lo[first],
        hi[first],
        lines[first],
        group_amount,
        group_target,
        unit_group,
        order,
        start,
    )


def _line_patterns(lines: np.ndarray) -> tuple[np.ndarray, int]:
    """A number per row for its set of lines (equal sets, equal numbers), and a bound on them."""
    n_lines = lines.shape[1]
    if n_lines <= 40:  # one bit per line: the number is the set, with no sort
        bits = np.int64(1) << np.arange(n_lines, dtype=np.int64)
        return lines.astype(np.int64) @ bits, 1 << n_lines
    packed = np.ascontiguousarray(np.packbits(lines, axis=1))
    key = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    pattern = np.unique(key, return_inverse=True)[1].ravel().astype(np.int64)
    return pattern, int(pattern.max(initial=0)) + 1


def overlapping_lines(lines: np.ndarray) -> tuple[int, int] | None:
    """The first two budget lines that share rows while neither holds the other, or ``None``.

    ``lines`` is ``(rows, L)`` bool: which lines each group (or unit) draws on.
    """
    inside = lines.astype(np.int64)
    counts = inside.sum(axis=0)
    both = inside.T @ inside  # rows shared by two lines
    for i in range(lines.shape[1]):
        for j in range(i + 1, lines.shape[1]):
            if 0 < both[i, j] < min(counts[i], counts[j]):
                return i, j
    return None


def line_tree(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Parent of each budget line in a laminar family, and the innermost line of each row.

    ``lines`` is ``(rows, L)`` bool: which lines each group (or unit) draws on. Two lines are
    nested when the rows of one are a subset of the rows of the other, disjoint when they
    share none. Returns ``(parent, leaf)``, ``parent[l]`` the smallest line strictly
    containing ``l`` (-1: none) and ``leaf[g]`` the innermost line of row ``g`` (-1: none),
    or ``None`` when two lines overlap without nesting.
    """
    n_lines = lines.shape[1]
    if n_lines <= 1:  # no pair to nest or overlap (the usual case: one plan-wide line)
        leaf = np.where(lines.any(axis=1), 0, -1) if n_lines else np.full(len(lines), -1)
        return np.full(n_lines, -1, dtype=np.int64), leaf.astype(np.int64)
    if overlapping_lines(lines) is not None:
        return None
    counts = lines.sum(axis=0)
    order = sorted(range(n_lines), key=lambda k: (counts[k], k))  # inner lines first
    both = lines.T.astype(np.int64) @ lines.astype(np.int64)
    parent = np.full(n_lines, -1, dtype=np.int64)
    for position, k in enumerate(order):
        for other in order[position + 1 :]:
            if both[k, other] == counts[k]:
                parent[k] = other
                break
    leaf = np.full(lines.shape[0], -1, dtype=np.int64)
    if n_lines:
        ranked = lines[:, order]
        leaf = np.where(ranked.any(axis=1), np.asarray(order)[np.argmax(ranked, axis=1)], -1)
    return parent, leaf.astype(np.int64)


@dataclass
class GroupPlan:
    """A solved aggregated problem: what each group spends in each year, and at what cost.

    ``status`` is ``"optimal"``, ``"feasible"`` (found, not proven best within the time
    limit) or ``"unknown"`` (nothing found). ``unfunded[g, y]`` is the part of
    ``amounts[g, y]`` spent beyond the ceilings (zero when the ceilings hold).
    """

    status: str
    amounts: np.ndarray  # (G, Y) X[g, y]
    moved: int  # sum max(0, X - T) in minor units: half the L1 distance
    unfunded: np.ndarray  # (G, Y)
    bound: float  # a proven lower bound of ``moved`` (equal to it when optimal)


@dataclass
class Network:
    """The aggregated network for one set of capacities.

    ``capacity[l, y]`` is the ceiling of line ``l`` in year ``y`` in minor units (``NO_CEILING``
    for none); ``parent[l]`` is the enclosing line or -1; ``leaf[g]`` is the innermost line
    of group ``g`` (see :func:`line_tree`). With ``unfunded=False`` the ceilings are hard and
    :meth:`solve` returns ``None`` when they cannot be met.
    """

    groups: Groups
    leaf: np.ndarray
    capacity: np.ndarray
    parent: np.ndarray
    year_cap: np.ndarray | None = None  # (Y,) cap on each year's grand total, or None
    unfunded: bool = True

    def solve(self) -> GroupPlan | None:
        """Solve; raise :class:`CapexError` if OR-Tools reports anything but an optimum."""
        groups = self.groups
        n_groups, n_years = groups.target.shape
        n_lines = len(self.parent)
        total = int(groups.amount.sum())
        big = max(total, 1)
        g_idx, y_idx = groups.years()
        n_pairs = len(g_idx)
        pair_node = n_groups + np.arange(n_pairs)
        line_node = n_groups + n_pairs + np.arange(n_lines * n_years).reshape(n_lines, n_years)
        year_node = n_groups + n_pairs + n_lines * n_years + np.arange(n_years)
        sink = n_groups + n_pairs + n_lines * n_years + n_years
        n_nodes = sink + 1
        penalty = 2 * n_nodes + 2
        # a last row of year nodes: line index -1 (no line, or no parent) leads to the year node
        to_node = np.vstack([line_node, year_node[None, :]])

        arcs = _Arcs()
        # group -> group-year, two arcs: up to the target at no cost, the rest at cost 1
        arcs.add(g_idx, pair_node, groups.target[g_idx, y_idx], 0)
        arcs.add(g_idx, pair_node, groups.amount[g_idx], 1)
        # group-year -> its innermost line's year (or the year), and unfunded straight to it
        arcs.add(pair_node, to_node[self.leaf[g_idx], y_idx], groups.amount[g_idx], 0)
        if self.unfunded:
            arcs.add(pair_node, year_node[y_idx], big, penalty)
        # line-year -> parent line-year (or year): the ceilings
        l_idx, ly_idx = np.nonzero(np.ones((n_lines, n_years), dtype=bool))
        capped = self.capacity[l_idx, ly_idx] != NO_CEILING
        caps = np.where(capped, self.capacity[l_idx, ly_idx], big)
        arcs.add(line_node[l_idx, ly_idx], to_node[self.parent[l_idx], ly_idx], caps, 0)
        # year -> sink
        year_caps = big if self.year_cap is None else np.asarray(self.year_cap)
        arcs.add(year_node, np.full(n_years, sink), year_caps, 0)

        supplies = np.zeros(n_nodes, dtype=np.int64)
        supplies[:n_groups] = groups.amount
        supplies[sink] = -total
        flows = arcs.solve(supplies)
        if flows is None:
            return None
        amounts = np.zeros((n_groups, n_years), dtype=np.int64)
        above = flows[n_pairs : 2 * n_pairs]
        np.add.at(amounts, (g_idx, y_idx), flows[:n_pairs] + above)
        unfunded = np.zeros((n_groups, n_years), dtype=np.int64)
        if self.unfunded:
            np.add.at(unfunded, (g_idx, y_idx), flows[3 * n_pairs : 4 * n_pairs])
        moved = int(above.sum())
        return GroupPlan("optimal", amounts, moved, unfunded, float(moved))


class _Arcs:
    """Arcs of a min-cost flow, added in blocks of arrays, solved by OR-Tools."""

    def __init__(self) -> None:
        self.tails: list[np.ndarray] = []
        self.heads: list[np.ndarray] = []
        self.caps: list[np.ndarray] = []
        self.costs: list[np.ndarray] = []

    def add(self, tails: np.ndarray, heads: np.ndarray, capacity: object, cost: int) -> None:
        """Arcs ``tails[i] -> heads[i]`` with the given capacity (array or one value) and cost."""
        size = len(tails)
        self.tails.append(tails)
        self.heads.append(heads)
        caps = np.asarray(capacity, dtype=np.int64)
        self.caps.append(caps if caps.ndim else np.full(size, caps, dtype=np.int64))
        self.costs.append(np.full(size, cost, dtype=np.int64))

    def solve(self, supplies: np.ndarray) -> np.ndarray | None:
        """The flow on every arc in the order added, or ``None`` when no flow meets the supplies."""
        tails = np.concatenate(self.tails).astype(np.int32)
        heads = np.concatenate(self.heads).astype(np.int32)
        caps, costs = np.concatenate(self.caps), np.concatenate(self.costs)
        # OR-Tools refuses (with log lines on stderr) a node whose arcs could carry more than
        # 64-bit integers hold: say so first, in capex's words
        weights = caps.astype(float)
        through = np.maximum(
            np.bincount(tails, weights=weights, minlength=len(supplies)),
            np.bincount(heads, weights=weights, minlength=len(supplies)),
        )
        check_flow_capacity(float((through + np.abs(supplies.astype(float))).max(initial=0.0)))
        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
        flow.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), supplies)
        status = flow.solve()
        if status == flow.INFEASIBLE:
            return None
        if status != flow.OPTIMAL:
            raise CapexError(phrase("err_solver_flow_status", status=status))
        return np.asarray(flow.flows(np.arange(len(tails), dtype=np.int32)), dtype=np.int64)


def disaggregate(groups: Groups, unit_target: np.ndarray, amounts: np.ndarray) -> np.ndarray:
    """Unit amounts (n_units x Y) with row sums ``p_u``, group column sums ``amounts`` and the
    group's L1 cost (see the module docstring)."""
    n_units, n_years = unit_target.shape
    if n_units == 0:
        return np.zeros((0, n_years), dtype=np.int64)
    changed = (amounts != groups.target).any(axis=1)
    if not changed.all():
        # a group spending its target spends each unit's target: only the others are split
        out = unit_target.copy()
        if changed.any():
            units, part = _only(groups, changed)
            out[units] = disaggregate(part, unit_target[units], amounts[changed])
        return out
    order = groups.order
    gu = groups.unit_group[order]
    t = unit_target[order]
    group_target = groups.target
    loss = np.maximum(group_target - amounts, 0)  # D[g, y]
    gain_needed = np.maximum(amounts - group_target, 0)  # S[g, y]

    # give-ups in proportion to the targets, exact: floor of D * t / T plus largest remainder
    numerator = loss[gu] * t
    denominator = np.maximum(group_target[gu], 1)
    base = numerator // denominator
    remainder = numerator % denominator
    left = loss - _group_sum(base, groups.start)
    bonus = np.zeros_like(base)
    pending = np.argwhere(left > 0)  # (group, year) that still give up a unit or more
    if len(pending) <= FEW_GROUP_YEARS:
        # each (group, year): its `left` units of largest remainder, the earlier ones first
        # among equals (as the ranking below), picked without sorting the whole group
        for g, y in pending.tolist():
            part = slice(groups.start[g], groups.start[g + 1])
            _largest_first(remainder[part, y], int(left[g, y]), bonus[part, y])
    else:
        positions = np.arange(n_units)
        for y in np.flatnonzero(left.any(axis=0)):
            ranked = np.lexsort((positions, -remainder[:, y], gu))
            rank = np.empty(n_units, dtype=np.int64)
            rank[ranked] = positions - groups.start[gu[ranked]]
            bonus[:, y] = rank < left[gu, y]
    give = base + bonus

    # each unit's give-up goes to the group's gaining years, north-west corner
    give_total = give.sum(axis=1)
    running = np.cumsum(give_total)
    before_group = np.concatenate([[0], running])[groups.start[:-1]]
    upto = running - before_group[gu]
    since = upto - give_total
    gained_upto = np.cumsum(gain_needed, axis=1)
    gained_since = gained_upto - gain_needed
    gain = np.clip(
        np.minimum(upto[:, None], gained_upto[gu]) - np.maximum(since[:, None], gained_since[gu]),
        0,
        None,
    )

    out = np.empty_like(t)
    out[order] = t - give + gain
    return out


def _only(groups: Groups, chosen: np.ndarray) -> tuple[np.ndarray, Groups]:
    """The units of the ``chosen`` groups (positions, group by group) and those groups alone,
    their units numbered in that order."""
    picked = np.flatnonzero(chosen)
    sizes = groups.start[picked + 1] - groups.start[picked]
    within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    units = groups.order[np.repeat(groups.start[picked], sizes) + within]
    part = Groups(
        groups.lo[picked],
        groups.hi[picked],
        groups.lines[picked],
        groups.amount[picked],
        groups.target[picked],
        np.repeat(np.arange(picked.size), sizes),
        np.arange(units.size),
        np.concatenate([[0], np.cumsum(sizes)]),
    )
    return units, part


FEW_GROUP_YEARS = 512
"""Up to this many (group, year) pairs with units still to give up, :func:`disaggregate`
picks them pair by pair (linear in the group) rather than sorting every unit once a year."""


def _largest_first(remainder: np.ndarray, count: int, out: np.ndarray) -> None:
    """Set ``out`` to 1 at the ``count`` largest of ``remainder``, ties to the earlier."""
    if count >= len(remainder):
        out[:] = 1
        return
    threshold = np.partition(remainder, len(remainder) - count)[len(remainder) - count]
    above = remainder > threshold
    out[above] = 1
    ties = np.flatnonzero(remainder == threshold)[: count - int(above.sum())]
    out[ties] = 1


def _group_sum(values: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Sums of consecutive row blocks ``start[g]:start[g+1]`` of ``values``."""
    if len(values) == 0:
        return np.zeros((len(start) - 1, values.shape[1]), dtype=values.dtype)
    sums = np.add.reduceat(values, start[:-1], axis=0)
    empty = start[:-1] == start[1:]
    sums[empty] = 0
    return sums
