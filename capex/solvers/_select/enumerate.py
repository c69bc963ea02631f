"""Every selection within a reduced-cost distance of the bound: the proof of an optimum.

The linear relaxation's row prices ``y`` (any prices of the right signs will do) give every
option column its reduced cost ``d = c - A'y`` and a bound ``B`` that no selection beats
(weak duality; :func:`prices`). For a selection ``x`` with value ``v(x)``,

    v(x) = U - sum_j |d_j| [x_j differs from the column's best bound] - (row terms >= 0),

with ``U = -B``. So every selection worth ``U - G`` or more differs from the columns' best
bounds (:attr:`Prices.base`) in a set of columns whose reduced costs add up to at most ``G``
(its *penalty*). :func:`search` lists all such sets, evaluates each selection exactly
(integers, every condition of :meth:`~.arrays.SelectArrays.broken`), and returns the best:
if one is found, no selection is better, since a better one would be in the list too.
:func:`count_within` bounds the size of the list beforehand, so that the search runs only
where it is small: a count of sets, never a time.

Uncorrelated banks (value independent of cost) have few columns of small reduced cost, and
their optimum lies close to the bound: their lists are small. Where they are not, the
strategy (:mod:`.solve`) hands the model to a MIP solver instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from capex.solvers._select.arrays import NOT_CHOSEN, SelectArrays
from capex.solvers._select.rows import DENSE_FAMILIES
from capex.solvers._shift.rows import LinearModel

TOLERANCE = 1e-7
"""Relative slack given to floating-point prices: a column is in a search when its reduced
cost is within this share of the bound (plus one) of the distance searched, so rounding in
the prices can only add sets to a search, never leave one out."""

COUNT_BINS = 4096
"""Bins of the count of sets (:func:`count_within`); a reduced cost is rounded down to its
bin, so the count is never below the true one."""


@dataclass(frozen=True)
class Prices:
    """A bound on the value and every option column's reduced cost under it.

    Attributes
    ----------
    bound
        ``U``: no selection is worth more (in the scaled value).
    reduced
        Per option column: its reduced cost ``d`` in the minimised ``-value``.
    base
        Per option column: the bound it takes in the Lagrangian's best (1 where ``d < 0``
        and it may be 1, its fixed bound where it cannot move, else 0).
    penalty
        Per option column: ``|d|`` where it may move, 0 where it cannot.
    movable
        Per option column: whether its bounds let it move.
    tolerance
        Absolute slack for the prices' rounding (see :data:`TOLERANCE`).
    row_duals
        The row prices used (projected onto the signs their bounds allow).
    """

    bound: float
    reduced: np.ndarray
    base: np.ndarray
    penalty: np.ndarray
    movable: np.ndarray
    tolerance: float
    row_duals: np.ndarray


def prices(model: LinearModel, row_duals: np.ndarray) -> Prices:
    """The Lagrangian bound and reduced costs of ``model`` under ``row_duals`` (HiGHS's
    signs for a minimisation: at most 0 on a row at its upper bound, at least 0 at its
    lower bound). A price of a sign a row's bounds cannot take is set to 0, which keeps the
    bound valid whatever the prices: they need not be optimal, only of the right sign."""
    lower, upper = model.row_lower, model.row_upper
    y = np.asarray(row_duals, dtype=float).copy()
    y[(y < 0) & ~np.isfinite(upper)] = 0.0
    y[(y > 0) & ~np.isfinite(lower)] = 0.0
    rows, cols, values = model.entries()
    priced = np.bincount(cols, weights=values * y[rows], minlength=model.n_cols)
    reduced = model.costs() - priced
    col_lower, col_upper = model.col_lower, model.col_upper
    column_part = np.minimum(reduced * col_lower, reduced * col_upper)
    with np.errstate(invalid="ignore"):
        row_part = np.where(y > 0, y * lower, np.where(y < 0, y * upper, 0.0))
    lowest = float(column_part.sum() + row_part.sum()) + model.objective.constant
    n = model.n_options
    movable = col_upper[:n] > col_lower[:n]
    base = np.where(movable, (reduced[:n] < 0).astype(float), col_lower[:n])
    penalty = np.where(movable, np.abs(reduced[:n]), 0.0)
    bound = -lowest
    return Prices(
        bound=bound,
        reduced=reduced[:n],
        base=base,
        penalty=penalty,
        movable=movable,
        tolerance=TOLERANCE * (1.0 + abs(bound)),
        row_duals=y,
    )


def count_within(penalties: np.ndarray, distance: float, limit: float) -> float:
    """An upper bound on the number of sets of ``penalties`` adding up to at most
    ``distance`` (``inf`` once above ``limit``): a count over bins, each penalty rounded
    down to its bin."""
    if distance < 0:
        return 0.0
    step = max(distance / COUNT_BINS, 1e-12)
    size = int(distance / step) + 1
    counts = np.zeros(size + 1)
    counts[0] = 1.0
    for penalty in np.sort(penalties):
        k = int(penalty / step)
        if k > size:
            break
        counts[k:] += counts[: size + 1 - k].copy()
        if counts.sum() > limit:
            return float("inf")
    return float(counts.sum())


@dataclass
class Found:
    """What a search found: the best selection worth at least its target (or ``None``),
    and how many sets it listed."""

    chosen: np.ndarray | None
    value: int
    listed: int


def search(
    arrays: SelectArrays,
    model: LinearModel,
    found: Prices,
    distance: float,
    target: int,
    limit: int,
) -> Found | None:
    """The best selection worth at least ``target`` among those within ``distance`` of the
    bound (every one of them is listed); ``None`` when more than ``limit`` sets would be.
    """
    tol = found.tolerance
    inside = np.flatnonzero(found.movable & (found.penalty <= distance + tol))
    order = inside[np.argsort(found.penalty[inside], kind="stable")]
    penalty = found.penalty[order]
    if count_within(penalty, distance + tol, limit) > limit:
        return None
    base = found.base.copy()
    # the money rows (ceilings, envelope): their activity is carried through the search
    dense_rows = np.concatenate(
        [np.arange(model.n_rows)[model.family_rows(f)] for f in DENSE_FAMILIES]
    )
    rows, cols, values = model.entries()
    keep = np.isin(rows, dense_rows) & (cols < model.n_options)
    position = np.full(model.n_rows, -1)
    position[dense_rows] = np.arange(dense_rows.size)
    dense = np.zeros((model.n_options, dense_rows.size))
    np.add.at(dense, (cols[keep], position[rows[keep]]), values[keep])
    upper = model.row_upper[dense_rows]
    flip = 1.0 - 2.0 * base  # +1: switched on, -1: switched off
    step_rows = dense[order] * flip[order, None]
    value_of = arrays.value[model.project].astype(float)
    step_value = value_of[order] * flip[order]
    start_rows = base @ dense
    start_value = float(base @ value_of)

    # level by level: every set is its parent plus one column after the parent's last
    spent = np.zeros(1)
    last = np.full(1, -1)
    activity = start_rows[None, :]
    worth = np.array([start_value])
    levels: list[tuple[np.ndarray, np.ndarray]] = [(np.full(1, -1), np.full(1, -1))]
    survivors: list[np.ndarray] = []  # rows (value, level, index)
    listed = 1

    def note(level: int) -> None:
        ok = np.flatnonzero((activity <= upper + 0.5).all(axis=1) & (worth >= target - 0.5))
        if ok.size:
            survivors.append(np.column_stack([worth[ok], np.full(ok.size, level), ok]))

    note(0)
    while True:
        end = np.searchsorted(penalty, distance + tol - spent, side="right")
        start = last + 1
        children = np.maximum(end - start, 0)
        total = int(children.sum())
        if not total:
            break
        parent = np.repeat(np.arange(spent.size), children)
        column = np.repeat(start, children) + (
            np.arange(total) - np.repeat(np.cumsum(children) - children, children)
        )
        spent = spent[parent] + penalty[column]
        last = column
        activity = activity[parent] + step_rows[column]
        worth = worth[parent] + step_value[column]
        levels.append((parent, column))
        listed += total
        note(len(levels) - 1)
    # the survivors, best first, checked exactly (every condition, in integers)
    table = np.concatenate(survivors) if survivors else np.zeros((0, 3))
    table = table[np.lexsort((table[:, 2], table[:, 1], -table[:, 0]))]
    start_on = base > 0.5
    for _, level_f, index_f in table:
        level, index = int(level_f), int(index_f)
        on = start_on.copy()
        while level > 0:
            parent, column = levels[level]
            on[order[column[index]]] ^= True
            index = int(parent[index])
            level -= 1
        chosen = _choice(model, on, arrays.n_projects)
        if chosen is None or not arrays.fits(chosen):
            continue
        value = arrays.objective(chosen)
        if value >= target:
            return Found(chosen, value, listed)
    return Found(None, 0, listed)


def _choice(model: LinearModel, on: np.ndarray, n: int) -> np.ndarray | None:
    """The choice the options switched on say; ``None`` when a candidate has two."""
    projects = model.project[on]
    if np.unique(projects).size != projects.size:
        return None
    chosen = np.full(n, NOT_CHOSEN, dtype=np.int64)
    chosen[projects] = model.delay[on]
    return chosen
