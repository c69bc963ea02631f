"""A first selection: the linear relaxation's whole choices, repaired, then filled greedily.

The relaxation's optimum chooses most candidates wholly (``x = 1``) or not at all; its few
fractional ones are dropped. What the must-chosen candidates then break is repaired by
leaving out the least valuable of what overloads, and the room left is filled by the
candidates the relaxation prices best (their reduced cost), each at its first start that
fits. Every step is deterministic and bounded by the number of candidates: this is a
starting point and a bound to beat, not an answer.
"""

from __future__ import annotations

import numpy as np

from capex.solvers._select.arrays import NOT_CHOSEN, SelectArrays
from capex.solvers._shift.arrays import NO_CEILING
from capex.solvers._shift.rows import LinearModel

WHOLE = 1 - 1e-6
"""An option the relaxation takes at least this much is taken whole."""


def first_choice(
    arrays: SelectArrays, model: LinearModel, values: np.ndarray, reduced: np.ndarray
) -> np.ndarray | None:
    """A valid selection near the relaxation's optimum, or ``None`` when none is found.

    ``values`` are the relaxation's option columns, ``reduced`` their reduced costs (of the
    minimised ``-value``: the more negative, the better priced).
    """
    n = arrays.n_projects
    x = np.asarray(values, dtype=float)[: model.n_options]
    chosen = np.full(n, NOT_CHOSEN, dtype=np.int64)
    # each candidate's option with the largest value: taken when whole, or when it must be
    order = np.lexsort((-x, model.project))
    head = np.ones(order.size, dtype=bool)
    head[1:] = model.project[order][1:] != model.project[order][:-1]
    best = order[head]
    take = (x[best] >= WHOLE) | arrays.must[model.project[best]]
    chosen[model.project[best][take]] = model.delay[best][take]
    chosen = repair(arrays, chosen)
    if chosen is None:
        return None
    chosen = fill(arrays, model, chosen, reduced)
    return chosen if arrays.fits(chosen) else None


def repair(arrays: SelectArrays, chosen: np.ndarray) -> np.ndarray | None:
    """Leave candidates out until ``chosen`` breaks nothing; ``None`` when what is left
    (the must-chosen ones) still breaks something."""
    chosen = chosen.copy()
    for _ in range(arrays.n_projects + 1):
        picked = chosen != NOT_CHOSEN
        droppable = picked & ~arrays.must
        drop = _needs_to_drop(arrays, chosen)
        if drop is None:
            drop = _group_to_drop(arrays, chosen)
        if drop is None:
            over = arrays.overload(chosen)
            envelope_over = arrays.envelope_over(chosen)
            if not over.any() and not envelope_over:
                return chosen
            # what each chosen candidate puts into the overloaded (line, year)s and envelope
            share = _overload_share(arrays, chosen, over > 0, envelope_over > 0)
            share[~droppable] = 0
            if not share.any():
                return None
            # the least value per unit of overload it causes
            ratio = np.full(arrays.n_projects, np.inf)
            helps = share > 0
            ratio[helps] = arrays.value[helps] / share[helps]
            drop = int(np.argmin(ratio))
        if arrays.must[drop]:
            return None
        chosen[drop] = NOT_CHOSEN
    return None


def _needs_to_drop(arrays: SelectArrays, chosen: np.ndarray) -> int | None:
    """A chosen dependent whose prerequisite is not chosen (or not in time)."""
    picked = chosen != NOT_CHOSEN
    for (dependent, prerequisite), timed in zip(arrays.needs, arrays.timed):
        if not picked[dependent]:
            continue
        if not picked[prerequisite] or (
            timed and not arrays.in_order(chosen, prerequisite, dependent)
        ):
            # leaving the dependent out mends it; a must-chosen dependent cannot be left out
            return int(dependent)
    return None


def _group_to_drop(arrays: SelectArrays, chosen: np.ndarray) -> int | None:
    """The least valuable of a group with more than one chosen (never a must)."""
    picked = chosen != NOT_CHOSEN
    for group in arrays.groups:
        inside = group[picked[group]]
        if inside.size > 1:
            optional = inside[~arrays.must[inside]]
            if not optional.size:
                return int(inside[0])
            return int(optional[np.argmin(arrays.value[optional])])
    return None


def _overload_share(
    arrays: SelectArrays, chosen: np.ndarray, cells: np.ndarray, envelope: bool
) -> np.ndarray:
    """What each chosen candidate spends in the overloaded (line, year)s (and in the plan
    period, when the envelope is over)."""
    base = arrays.base
    share = np.zeros(arrays.n_projects, dtype=np.float64)
    picked = np.flatnonzero(chosen != NOT_CHOSEN)
    if not picked.size:
        return share
    columns = (base.offset[picked] + chosen[picked])[:, None] + np.arange(base.span)[None, :]
    columns = np.minimum(columns, base.n_years - 1)
    for line in range(base.n_lines):
        hit = cells[line][columns]
        share[picked] += (base.loads[line][picked] * hit).sum(axis=1)
    if envelope:
        first, last = arrays.plan_columns
        inside = (columns >= first) & (columns <= last)
        share[picked] += (base.totals[picked] * inside).sum(axis=1)
    return share


def fill(
    arrays: SelectArrays, model: LinearModel, chosen: np.ndarray, reduced: np.ndarray
) -> np.ndarray:
    """Add candidates to ``chosen`` while they fit: the best priced first (least reduced
    cost, then highest value), each at the first of its starts (least reduced cost) that
    keeps every ceiling, the envelope, the alternatives and the needs."""
    chosen = chosen.copy()
    base = arrays.base
    load = arrays.line_load(chosen)
    room = np.where(base.capped, base.capacity - load, np.iinfo(np.int64).max // 4)
    spend = arrays.plan_spend(chosen)
    budget = np.iinfo(np.int64).max // 4 if arrays.envelope == NO_CEILING else arrays.envelope
    first_col, last_col = arrays.plan_columns
    taken_group = np.zeros(len(arrays.groups), dtype=bool)
    group_of: dict[int, list[int]] = {}
    for g, group in enumerate(arrays.groups):
        taken_group[g] = bool((chosen[group] != NOT_CHOSEN).any())
        for j in group:
            group_of.setdefault(int(j), []).append(g)
    prerequisites: dict[int, list[tuple[int, bool]]] = {}
    for (dependent, prerequisite), timed in zip(arrays.needs, arrays.timed):
        prerequisites.setdefault(int(dependent), []).append((int(prerequisite), bool(timed)))

    best_cost = np.full(arrays.n_projects, np.inf)
    np.minimum.at(best_cost, model.project, reduced[: model.n_options])
    free = np.flatnonzero((chosen == NOT_CHOSEN) & arrays.allowed)
    order = free[np.lexsort((-arrays.value[free], best_cost[free]))]
    option_order = np.lexsort((model.delay, reduced[: model.n_options], model.project))
    bounds = np.searchsorted(model.project[option_order], np.arange(arrays.n_projects + 1))
    for j in order:
        if arrays.value[j] <= 0 and not arrays.must[j]:
            continue
        if any(taken_group[g] for g in group_of.get(int(j), ())):
            continue
        options = option_order[bounds[j] : bounds[j + 1]]
        for option in options:
            d = int(model.delay[option])
            columns = base.offset[j] + d + np.arange(base.span)
            inside = columns < base.n_years
            columns = columns[inside]
            need = base.loads[:, j, :][:, inside]
            if (need > room[:, columns]).any():
                continue
            in_plan = (columns >= first_col) & (columns <= last_col)
            extra = int(base.totals[j][inside][in_plan].sum())
            if spend + extra > budget:
                continue
            trial = chosen.copy()
            trial[j] = d
            if any(
                chosen[p] == NOT_CHOSEN or (timed and not arrays.in_order(trial, p, j))
                for p, timed in prerequisites.get(int(j), ())
            ):
                continue
            chosen[j] = d
            room[:, columns] -= need  # a cash flow's columns are distinct
            spend += extra
            for g in group_of.get(int(j), ()):
                taken_group[g] = True
            break
    return chosen
