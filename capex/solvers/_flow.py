"""The aggregated min-cost flow behind :func:`capex.spread`, and its exact disaggregation.

Notation: a *unit* is a project (or a funded part of a project split by shares) with an
integer amount ``p_u`` to place in the plan years ``lo_u..hi_u`` of its window and an integer
profile target ``t[u, y]`` (``sum_y t[u, y] = p_u``). The budget lines a unit draws on form a
chain in a laminar family, so units sharing an interval and a chain (a *group* ``g``) are
interchangeable for the ceilings.

**Network** (all data integer, so the optimum is integral: the constraint matrix of a network
is totally unimodular)::

    source --P_g--> group g --(cap T[g,y], cost 0)--> line-year (leaf(g), y) --C[l,y]--> parent
                           \\-(cap P_g,    cost 1)--/                                   ...
                                                          root line-year --> year y --> sink

The flow ``X[g, y]`` on the two parallel arcs is the group's amount in year ``y``; the
cost-1 arc carries what exceeds the target, so the cost is ``sum max(0, X - T)``, which equals
half the L1 distance ``sum |X - T|`` because rows sum to the same ``P_g`` as the targets.
An uncapacitated *overflow* arc at cost ``M`` parallel to each ceiling makes every instance
solvable; ``M`` larger than the number of nodes exceeds any marginal value of capacity (a
residual cycle crosses each cost-1 arc at most once), so the flow first minimises the total
extra budget and then the L1 distance.

**Disaggregation** keeps the group's cost exactly and so the optimum (aggregating cannot do
better than the projects, by the triangle inequality): in a year where the group loses
``D = T - X``, units give up ``d[u, y] <= t[u, y]`` in proportion to their targets (largest
remainder, exact in integers); each unit's total give-up ``L_u`` then goes to the group's
gaining years ``S = X - T`` by the north-west-corner rule (cumulative sums), so every unit
gains exactly what it gave and each year exactly ``S``. Then ``x = t - d + gain >= 0``, rows
sum to ``p_u``, columns to ``X`` and ``sum |x - t| = 2 sum D``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

from capex.errors import CapexError

NO_CEILING = -1
"""Marks a line-year without a ceiling in a capacity array."""


@dataclass
class Groups:
    """Units grouped by (interval of plan years, leaf budget line).

    ``order`` sorts units by group; ``unit_group[order]`` is non-decreasing and ``start[g]``
    is the first sorted position of group ``g``.
    """

    lo: np.ndarray  # (G,) first plan-year index
    hi: np.ndarray  # (G,) last plan-year index
    leaf: np.ndarray  # (G,) innermost line, -1 for none
    amount: np.ndarray  # (G,) P_g
    target: np.ndarray  # (G, Y) T[g, y]
    unit_group: np.ndarray  # (n_units,)
    order: np.ndarray  # (n_units,)
    start: np.ndarray  # (G + 1,)


def make_groups(
    lo: np.ndarray, hi: np.ndarray, leaf: np.ndarray, amount: np.ndarray, target: np.ndarray
) -> Groups:
    """Group units by (lo, hi, leaf) with array operations only."""
    n_years = target.shape[1]
    n_lines = int(leaf.max(initial=-1)) + 2
    key = (lo * n_years + hi) * n_lines + (leaf + 1)
    keys, unit_group = np.unique(key, return_inverse=True)
    unit_group = unit_group.ravel()
    n_groups = len(keys)
    order = np.argsort(unit_group, kind="stable")
    start = np.searchsorted(unit_group[order], np.arange(n_groups + 1))
    group_amount = (
        np.bincount(unit_group, weights=amount, minlength=n_groups).round().astype(np.int64)
    )
    group_target = np.zeros((n_groups, n_years), dtype=np.int64)
    np.add.at(group_target, unit_group, target)
    first = order[start[:-1]] if n_groups else np.zeros(0, dtype=np.int64)
    return Groups(
        lo[first], hi[first], leaf[first], group_amount, group_target, unit_group, order, start
    )


@dataclass
class Network:
    """The aggregated network for one set of capacities.

    ``capacity[l, y]`` is the ceiling of line ``l`` in year ``y`` in 万元 (``NO_CEILING``
    for none); ``parent[l]`` is the enclosing line or -1.
    """

    groups: Groups
    capacity: np.ndarray
    parent: np.ndarray
    year_cap: np.ndarray | None = None  # (Y,) cap on each year's grand total, or None
    overflow: bool = True
    _arcs: dict = field(default_factory=dict, repr=False)

    def solve(self) -> FlowSolution:
        """Solve; raise :class:`CapexError` if OR-Tools reports anything but an optimum."""
        groups = self.groups
        n_groups, n_years = groups.target.shape
        n_lines = len(self.parent)
        total = int(groups.amount.sum())
        big = max(total, 1)
        line_node = n_groups + np.arange(n_lines * n_years).reshape(n_lines, n_years)
        year_node = n_groups + n_lines * n_years + np.arange(n_years)
        sink = n_groups + n_lines * n_years + n_years
        n_nodes = sink + 1
        penalty = 2 * n_nodes + 2

        # group -> line-year (or year) arcs, two per group-year
        g_idx, y_idx = np.nonzero(
            (np.arange(n_years)[None, :] >= groups.lo[:, None])
            & (np.arange(n_years)[None, :] <= groups.hi[:, None])
        )
        # a last row of year nodes: line index -1 (no line, or no parent) leads to the year node
        to_node = np.vstack([line_node, year_node[None, :]])
        heads = to_node[groups.leaf[g_idx], y_idx]
        tails_list = [g_idx, g_idx]
        heads_list = [heads, heads]
        caps_list = [groups.target[g_idx, y_idx], groups.amount[g_idx]]
        costs_list = [np.zeros(len(g_idx), dtype=np.int64), np.ones(len(g_idx), dtype=np.int64)]

        # line-year -> parent line-year (or year) arcs, the ceilings; overflow arcs beside them
        l_idx, ly_idx = np.nonzero(np.ones((n_lines, n_years), dtype=bool))
        line_tails = line_node[l_idx, ly_idx]
        line_heads = to_node[self.parent[l_idx], ly_idx]
        capped = self.capacity[l_idx, ly_idx] != NO_CEILING
        line_caps = np.where(capped, self.capacity[l_idx, ly_idx], big)
        tails_list.append(line_tails)
        heads_list.append(line_heads)
        caps_list.append(line_caps)
        costs_list.append(np.zeros(len(l_idx), dtype=np.int64))
        n_overflow = int(capped.sum()) if self.overflow else 0
        if n_overflow:
            tails_list.append(line_tails[capped])
            heads_list.append(line_heads[capped])
            caps_list.append(np.full(n_overflow, big))
            costs_list.append(np.full(n_overflow, penalty))

        # year -> sink
        tails_list.append(year_node)
        heads_list.append(np.full(n_years, sink))
        caps_list.append(
            np.full(n_years, big) if self.year_cap is None else np.asarray(self.year_cap)
        )
        costs_list.append(np.zeros(n_years, dtype=np.int64))

        tails = np.concatenate(tails_list).astype(np.int32)
        heads_all = np.concatenate(heads_list).astype(np.int32)
        caps = np.concatenate(caps_list).astype(np.int64)
        costs = np.concatenate(costs_list).astype(np.int64)
        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(tails, heads_all, caps, costs)
        supplies = np.zeros(n_nodes, dtype=np.int64)
        supplies[:n_groups] = groups.amount
        supplies[sink] = -total
        flow.set_nodes_supplies(np.arange(n_nodes, dtype=np.int32), supplies)
        status = flow.solve()
        if status == flow.INFEASIBLE:
            return FlowSolution(feasible=False)
        if status != flow.OPTIMAL:
            raise CapexError(f"the min-cost flow solver stopped with status {status}")
        flows = flow.flows(np.arange(len(tails), dtype=np.int32))

        n_ga = len(g_idx)
        amounts = np.zeros((n_groups, n_years), dtype=np.int64)
        np.add.at(amounts, (g_idx, y_idx), flows[:n_ga] + flows[n_ga : 2 * n_ga])
        over = int(flows[n_ga : 2 * n_ga].sum())
        line_flow = np.zeros((n_lines, n_years), dtype=np.int64)
        line_flow[l_idx, ly_idx] = flows[2 * n_ga : 2 * n_ga + len(l_idx)]
        extra = np.zeros((n_lines, n_years), dtype=np.int64)
        if n_overflow:
            spill = flows[2 * n_ga + len(l_idx) : 2 * n_ga + len(l_idx) + n_overflow]
            extra[l_idx[capped], ly_idx[capped]] = spill
            line_flow += extra
        return FlowSolution(True, amounts, over, extra, line_flow)


@dataclass
class FlowSolution:
    """A solved aggregated network: group amounts, cost above target, extra budget used."""

    feasible: bool
    amounts: np.ndarray | None = None  # (G, Y) X[g, y]
    moved: int = 0  # sum max(0, X - T) in 万元: half the L1 distance
    extra: np.ndarray | None = None  # (L, Y) overflow used per line-year
    line_load: np.ndarray | None = None  # (L, Y) what each line carries, overflow included


def disaggregate(groups: Groups, unit_target: np.ndarray, amounts: np.ndarray) -> np.ndarray:
    """Unit amounts (n_units x Y) with row sums ``p_u``, group column sums ``amounts`` and the
    group's L1 cost (see the module docstring)."""
    n_units, n_years = unit_target.shape
    if n_units == 0:
        return np.zeros((0, n_years), dtype=np.int64)
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


def _group_sum(values: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Sums of consecutive row blocks ``start[g]:start[g+1]`` of ``values``."""
    if len(values) == 0:
        return np.zeros((len(start) - 1, values.shape[1]), dtype=values.dtype)
    sums = np.add.reduceat(values, start[:-1], axis=0)
    empty = start[:-1] == start[1:]
    sums[empty] = 0
    return sums
