"""The selection model as sparse rows: the deferral engine's rows and the selection's own.

One boolean ``x[j, d]`` per candidate ``j`` and allowed late start ``d`` (the deferral
engine's option columns, :class:`~capex.solvers._shift.rows.LinearModel`). The rows it
shares with the deferral engine come from there: each candidate takes at most one start
(:func:`~capex.solvers._shift.rows.one_shift` with the candidates optional, exactly one for
those that must be chosen) and every budget line within its ceilings
(:func:`~capex.solvers._shift.rows.ceilings`). The selection's own families are written here,
each with its formula: :func:`envelope`, :func:`alternatives` and :func:`needs`; the
objective is :func:`value_terms` (the deferral engine's :func:`~.rows.delay_terms` and
:func:`~.rows.at_most` make the tie-break). Nothing here imports a solver.
"""

from __future__ import annotations

import numpy as np

from capex.solvers._select.arrays import NOT_CHOSEN, SelectArrays
from capex.solvers._shift.arrays import NO_CEILING
from capex.solvers._shift.rows import (
    INFINITY,
    LinearModel,
    Terms,
    at_most,
    ceilings,
    delay_terms,
    one_shift,
    spend_entries,
)

DENSE_FAMILIES = ("ceilings", "envelope")
"""Families whose rows are sums of money over many candidates (the knapsack rows)."""


def envelope(model: LinearModel, arrays: SelectArrays, *, slack: bool = False) -> None:
    """The chosen projects' spending in the plan period within the envelope:

    ``sum_{j, d} sum_{t in plan} totals[j, t - offset[j] - d] * x[j, d] <= envelope``

    (with ``slack``, ``- s`` on the left and ``s >= 0`` a column the relaxation minimises).
    No row when there is no envelope.
    """
    if arrays.envelope == NO_CEILING:
        return
    first, last = arrays.plan_columns
    option, column, amount = spend_entries(
        arrays.base, arrays.base.totals, model.project, model.delay
    )
    inside = (column >= first) & (column <= last)
    row = model.add_rows("envelope", 1, -INFINITY, float(arrays.envelope))
    model.add_entries(np.full(int(inside.sum()), row), option[inside], amount[inside])
    if slack:
        column_s = model.add_columns(1, 0.0, INFINITY, integer=False)
        model.add_entries(np.array([row]), np.array([column_s]), np.array([-1.0]))
        model.families["envelope_slack"] = (column_s, 1)


def _options_of(model: LinearModel, projects: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(position in projects, option)`` of every option of the listed projects."""
    counts = model.arrays.option_counts
    starts = np.cumsum(counts) - counts
    size = counts[projects]
    position = np.repeat(np.arange(projects.size), size)
    within = np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size)
    return position, np.repeat(starts[projects], size) + within


def alternatives(model: LinearModel, groups: tuple[np.ndarray, ...]) -> None:
    """At most one project of each group of alternatives: ``sum_{j in G} sum_d x[j, d] <= 1``."""
    if not groups:
        return
    first = model.add_rows("alternatives", len(groups), -INFINITY, 1.0)
    for g, group in enumerate(groups):
        _, option = _options_of(model, np.asarray(group, dtype=np.int64))
        model.add_entries(np.full(option.size, first + g), option, np.ones(option.size))


def needs(model: LinearModel, arrays: SelectArrays) -> None:
    """A dependent is chosen only with its prerequisite, in time where the pair is timed.

    For each pair ``(a, b)`` (``a`` needs ``b``) and each start ``d`` of ``a``:
    ``x[a, d] - sum_{d' in D(d)} x[b, d'] <= 0``, where ``D(d)`` is every start of ``b`` for
    a plain need, and for a timed pair (``b`` must finish before ``a`` starts) the starts
    with ``win_end[b] + d' + 1 <= win_start[a] + d``.
    """
    pairs, timed = arrays.needs, arrays.timed
    if not len(pairs):
        return
    base = arrays.base
    dependent_position, dependent_option = _options_of(model, pairs[:, 0])
    first = model.add_rows("needs", dependent_option.size, -INFINITY, 0.0)
    rows = first + np.arange(dependent_option.size)
    model.add_entries(rows, dependent_option, np.ones(dependent_option.size))
    prerequisite_position, prerequisite_option = _options_of(model, pairs[:, 1])
    # every (row, prerequisite option) of the same pair, kept where the timing allows it
    for pair in range(len(pairs)):
        mine = np.flatnonzero(dependent_position == pair)
        theirs = prerequisite_option[prerequisite_position == pair]
        if not mine.size or not theirs.size:
            continue
        row = np.repeat(rows[mine], theirs.size)
        option = np.tile(theirs, mine.size)
        if timed[pair]:
            a, b = pairs[pair]
            start_a = (
                base.win_start[a] + model.delay[np.repeat(dependent_option[mine], theirs.size)]
            )
            end_b = base.win_end[b] + model.delay[option]
            keep = end_b + 1 <= start_a
            row, option = row[keep], option[keep]
        model.add_entries(row, option, -np.ones(option.size))


def value_terms(model: LinearModel, arrays: SelectArrays) -> Terms:
    """The objective: ``- sum_{j, d} value[j] * x[j, d]`` minimised (the value maximised)."""
    cost = -arrays.value[model.project].astype(float)
    columns = np.flatnonzero(cost)
    return Terms(columns, cost[columns])


def slack_terms(model: LinearModel) -> Terms:
    """The relaxation's objective: the total overload of every ceiling and the envelope."""
    columns = []
    for family in ("slack_columns", "envelope_slack"):
        first, count = model.families.get(family, (0, 0))
        columns.append(first + np.arange(count))
    every = np.concatenate(columns)
    return Terms(every, np.ones(every.size))


def build(
    arrays: SelectArrays,
    *,
    objective: str = "value",
    hold_value: int | None = None,
    relax: bool = False,
) -> LinearModel:
    """The selection model: at most one start each (exactly one for a must), the ceilings,
    the envelope, the alternatives and the needs.

    ``objective`` is ``"value"`` (maximised) or ``"delay"`` (the weighted delay minimised,
    with ``hold_value``: the value held at or above it, the tie-break among the optima).
    ``relax`` lets every ceiling and the envelope go over by a slack and minimises their
    sum: the least overload of a selection that cannot fit (what the musts alone break).
    """
    model = LinearModel(arrays.base)
    one_shift(model, optional=~arrays.must)
    ceilings(model, slack=relax)
    envelope(model, arrays, slack=relax)
    alternatives(model, arrays.groups)
    needs(model, arrays)
    if relax:
        model.minimize(slack_terms(model))
    elif objective == "delay":
        if hold_value is not None:
            at_most(model, value_terms(model, arrays), -float(hold_value), family="hold_value")
        model.minimize(delay_terms(model))
    else:
        model.minimize(value_terms(model, arrays))
    return model


def chosen_from(model: LinearModel, values: np.ndarray) -> np.ndarray:
    """The choice the option columns' values say: each candidate's start, or
    :data:`~.arrays.NOT_CHOSEN` where none of its options is on."""
    on = np.asarray(values, dtype=float)[: model.n_options] > 0.5
    chosen = np.full(model.arrays.n_projects, NOT_CHOSEN, dtype=np.int64)
    chosen[model.project[on]] = model.delay[on]
    return chosen


def option_values(model: LinearModel, chosen: np.ndarray) -> np.ndarray:
    """The option columns' values of a choice (a solver's starting point)."""
    return (model.delay == chosen[model.project]).astype(float)
