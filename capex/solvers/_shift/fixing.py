"""Shrinking the model before a solver sees it, without losing an optimum.

Three reductions, each exact:

* :func:`propagate_precedence` narrows each project's shifts to those some schedule of its
  predecessors and successors allows (longest paths through the precedence pairs);
* :func:`lagrangian` prices the ceilings and precedence rows with the LP's duals: its bound
  ``L`` holds for every plan, and a plan whose objective is at most ``K`` uses no shift whose
  reduced cost exceeds ``K - L`` (:func:`within_budget`);
* :func:`dominance_pairs` finds interchangeable projects where the larger can take the
  smaller's move: some optimum moves the larger at least as far, so the rows of
  :func:`capex.solvers._shift.rows.dominance` cut no optimum off and end the symmetric search.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from capex.solvers._shift.arrays import ShiftArrays
from capex.solvers._shift.rows import spend_entries

TOLERANCE = 1e-6
"""Slack given to floating-point prices: a bound is rounded up only past this, and an option
is fixed out only when its reduced cost exceeds the budget by this much."""


def propagate_precedence(arrays: ShiftArrays) -> ShiftArrays | None:
    """Each project's shifts narrowed to what its precedence pairs allow; ``None`` when some
    project is left with none (no schedule meets the precedence relations and limits).

    A pair ``(a, b)`` needs ``d_b >= d_a + gap`` with ``gap = win_end[a] + 1 - win_start[b]``,
    so ``min_delay[b] >= min_delay[a] + gap`` and ``max_delay[a] <= max_delay[b] - gap``,
    repeated until nothing changes (longest paths: the graph has no cycle).
    """
    edges = arrays.edges
    if not len(edges):
        return arrays
    before, after = edges[:, 0], edges[:, 1]
    gap = arrays.win_end[before] + 1 - arrays.win_start[after]
    low, high = arrays.min_delay.copy(), arrays.max_delay.copy()
    for _ in range(arrays.n_projects + 1):
        new_low, new_high = low.copy(), high.copy()
        np.maximum.at(new_low, after, low[before] + gap)
        np.minimum.at(new_high, before, high[after] - gap)
        if (new_low == low).all() and (new_high == high).all():
            break
        low, high = new_low, new_high
    if (low > high).any():
        return None
    return arrays.limited(low, high)


@dataclass(frozen=True)
class Prices:
    """A lower bound on the delay objective and every option's reduced cost under it."""

    bound: float
    reduced: np.ndarray  # per option of ShiftArrays.options(), >= 0

    def proven_bound(self) -> int:
        """The least whole number the objective can take: ``ceil(bound)``, with tolerance."""
        return int(np.ceil(self.bound - TOLERANCE))


def lagrangian(
    arrays: ShiftArrays, ceiling_prices: np.ndarray, precedence_prices: np.ndarray
) -> Prices:
    """The Lagrangian bound of the delay objective under prices of the ceilings and pairs.

    With ``lambda >= 0`` per (line, year) and ``mu >= 0`` per precedence pair, each option
    costs ``g[j, d] = weight[j] |d| + sum_{l, t} lambda[l, t] load[l, j, t - offset[j] - d]
    + d (sum_{e: a_e = j} mu_e - sum_{e: b_e = j} mu_e)``, and every plan's objective is at
    least ``L = sum_j min_d g[j, d] - sum lambda * cap + sum_e mu_e gap_e``. An option's
    reduced cost is ``g[j, d] - min_d g[j, d]``; the reduced costs of a plan's options add
    up to at most its objective minus ``L``. With the LP's duals, ``L`` is the LP bound.
    """
    project, delay = arrays.options()
    value = (arrays.weight[project] * np.abs(delay)).astype(float)
    prices = np.where(arrays.capped, np.maximum(ceiling_prices, 0.0), 0.0)
    for line in range(arrays.n_lines):
        if not prices[line].any():
            continue
        option, column, amount = spend_entries(arrays, arrays.loads[line], project, delay)
        value += np.bincount(option, weights=prices[line, column] * amount, minlength=project.size)
    constant = -float((prices * np.where(arrays.capped, arrays.capacity, 0)).sum())
    if len(arrays.edges):
        mu = np.maximum(precedence_prices, 0.0)
        before, after = arrays.edges[:, 0], arrays.edges[:, 1]
        per_project = np.zeros(arrays.n_projects)
        np.add.at(per_project, before, mu)
        np.add.at(per_project, after, -mu)
        value += delay * per_project[project]
        gap = arrays.win_end[before] + 1 - arrays.win_start[after]
        constant += float((mu * gap).sum())
    least = np.full(arrays.n_projects, np.inf)
    np.minimum.at(least, project, value)
    return Prices(float(least.sum()) + constant, value - least[project])


def within_budget(arrays: ShiftArrays, prices: Prices, objective_at_most: float) -> ShiftArrays:
    """The problem limited to the shifts a plan of objective ``<= objective_at_most`` can use.

    An option is kept when its reduced cost is at most ``objective_at_most - bound`` (plus
    :data:`TOLERANCE`); each project keeps the range from its least to its largest kept shift.
    """
    project, delay = arrays.options()
    keep = prices.reduced <= objective_at_most - prices.bound + TOLERANCE
    low = np.full(arrays.n_projects, np.iinfo(np.int64).max)
    high = np.full(arrays.n_projects, np.iinfo(np.int64).min)
    np.minimum.at(low, project[keep], delay[keep])
    np.maximum.at(high, project[keep], delay[keep])
    return arrays.limited(low, high)


def step_vectors(arrays: ShiftArrays) -> tuple[np.ndarray, np.ndarray]:
    """``(n_projects, widest, n_capped)``: what each one-year step ``d -> d + 1`` of a project
    changes in every capped (line, year), and a mask of the steps that exist."""
    cells = np.flatnonzero(arrays.capped.ravel())
    widest = int((arrays.max_delay - arrays.min_delay).max(initial=0))
    out = np.zeros((arrays.n_projects, widest, cells.size))
    exists = np.arange(widest)[None, :] < (arrays.max_delay - arrays.min_delay)[:, None]
    if not widest or not cells.size:
        return out, exists
    cell_of = np.full(arrays.n_lines * arrays.n_years, -1)
    cell_of[cells] = np.arange(cells.size)
    project, step = np.nonzero(exists)
    delay = arrays.min_delay[project] + step
    for line in range(arrays.n_lines):
        for sign, moved in ((1.0, delay + 1), (-1.0, delay)):
            option, column, amount = spend_entries(arrays, arrays.loads[line], project, moved)
            cell = cell_of[line * arrays.n_years + column]
            kept = cell >= 0
            np.add.at(
                out, (project[option[kept]], step[option[kept]], cell[kept]), sign * amount[kept]
            )
    return out, exists


def dominance_pairs(arrays: ShiftArrays) -> np.ndarray:
    """``(k, 2)`` pairs ``(larger, smaller)`` of interchangeable projects.

    Two projects are interchangeable when they have the same weight and the same allowed
    shifts and take no part in a precedence pair; the larger dominates when each of its
    one-year steps changes every capped (line, year) by no more than the smaller's same
    step does (it frees at least as much where it leaves and adds no more where it lands).
    Swapping their shifts then keeps every ceiling and the objective, so some optimum moves
    the larger at least as far. Projects are sorted within their class and each is paired
    with the next; the pairs chain, so one row per pair orders the whole class.
    """
    movable = arrays.max_delay > arrays.min_delay
    if len(arrays.edges):
        movable[arrays.edges.ravel()] = False
    candidates = np.flatnonzero(movable)
    if candidates.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    vectors, _ = step_vectors(arrays)
    vectors = vectors[candidates].reshape(candidates.size, -1)
    pattern = np.concatenate([vectors > 0, vectors < 0], axis=1)
    keys = np.column_stack(
        [
            arrays.weight[candidates],
            arrays.min_delay[candidates],
            arrays.max_delay[candidates],
            np.packbits(pattern, axis=1).view(np.uint8).astype(np.int64)
            if pattern.shape[1]
            else np.zeros((candidates.size, 0), dtype=np.int64),
        ]
    )
    _, group = np.unique(keys, axis=0, return_inverse=True)
    order = np.lexsort((candidates, vectors.sum(axis=1), group.ravel()))
    first, second = order[:-1], order[1:]
    same = group.ravel()[first] == group.ravel()[second]
    dominated = (vectors[first] <= vectors[second]).all(axis=1)
    keep = same & dominated
    return np.column_stack([candidates[first[keep]], candidates[second[keep]]]).astype(np.int64)
