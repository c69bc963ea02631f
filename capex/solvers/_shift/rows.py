"""The deferral model as sparse rows: each constraint family and objective written once.

The model has one boolean ``x[j, d]`` per project ``j`` and allowed shift ``d`` (the option
columns, project-major), auxiliary integer columns for some objectives, and rows held as
coordinate triplets. The backends (:mod:`.highs`, :mod:`.cpsat`, :mod:`.mathopt`) only
translate a :class:`LinearModel` into their own calls; nothing here imports a solver.

Each family is a function that adds its rows (its formula is in its docstring):
:func:`one_shift`, :func:`ceilings`, :func:`precedence`, :func:`dominance` and
:func:`at_most`; each objective is a function that returns its :class:`Terms`:
:func:`delay_terms`, :func:`makespan_terms` and :func:`peak_terms`; :func:`objective_terms`
picks one by name. :meth:`LinearModel.incremental` restates the model in the variables
``y[j, d] = 1`` when project ``j`` moves by ``d`` years or more.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from capex.solvers._shift.arrays import ShiftArrays, unknown_objective

INFINITY = float("inf")


@dataclass(frozen=True)
class Terms:
    """A linear expression ``sum coefficients * columns + constant`` over a model's columns."""

    columns: np.ndarray
    coefficients: np.ndarray
    constant: float = 0.0


class LinearModel:
    """A mixed-integer linear model over the option columns of a :class:`ShiftArrays`.

    Columns ``0 .. n_options - 1`` are the booleans ``x[j, d]`` in :meth:`ShiftArrays.options`
    order; further columns are added by the objectives (``latest``, ``peak``, slacks).
    ``families`` names the rows of each constraint family: ``{name: (first row, count)}``.
    """

    def __init__(self, arrays: ShiftArrays) -> None:
        self.arrays = arrays
        self.project, self.delay = arrays.options()
        self.n_options = int(self.project.size)
        self.form = "one-hot"
        self.n_cols = 0
        self.n_rows = 0
        self._col_lower: list[np.ndarray] = []
        self._col_upper: list[np.ndarray] = []
        self._col_integer: list[np.ndarray] = []
        self._row_lower: list[np.ndarray] = []
        self._row_upper: list[np.ndarray] = []
        self._entries: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.families: dict[str, tuple[int, int]] = {}
        self.objective = Terms(np.zeros(0, dtype=np.int64), np.zeros(0))
        self.add_columns(self.n_options, 0.0, 1.0, integer=True)

    # -- building ------------------------------------------------------------------------
    def add_columns(self, count: int, lower: float, upper: float, *, integer: bool) -> int:
        """Add ``count`` columns with these bounds; the number of the first."""
        first = self.n_cols
        self._col_lower.append(np.full(count, float(lower)))
        self._col_upper.append(np.full(count, float(upper)))
        self._col_integer.append(np.full(count, integer, dtype=bool))
        self.n_cols += count
        return first

    def add_rows(
        self, family: str, count: int, lower: np.ndarray | float, upper: np.ndarray | float
    ) -> int:
        """Reserve ``count`` rows of a family with these bounds; the number of the first."""
        first = self.n_rows
        self._row_lower.append(np.broadcast_to(np.asarray(lower, dtype=float), (count,)).copy())
        self._row_upper.append(np.broadcast_to(np.asarray(upper, dtype=float), (count,)).copy())
        self.n_rows += count
        start, before = self.families.get(family, (first, 0))
        self.families[family] = (start, before + count)
        return first

    def add_entries(self, rows: np.ndarray, cols: np.ndarray, values: np.ndarray) -> None:
        """Coefficients of the matrix (duplicates are summed)."""
        rows, cols, values = (np.asarray(v).ravel() for v in (rows, cols, values))
        self._entries.append((rows.astype(np.int64), cols.astype(np.int64), values.astype(float)))

    def minimize(self, terms: Terms) -> None:
        self.objective = terms

    def bound_options(self, lower: np.ndarray, upper: np.ndarray) -> None:
        """Set the bounds of the option columns (0 or 1 each): an option fixed in or out."""
        self._col_lower[0] = np.asarray(lower, dtype=float).copy()
        self._col_upper[0] = np.asarray(upper, dtype=float).copy()

    # -- reading -------------------------------------------------------------------------
    @property
    def col_lower(self) -> np.ndarray:
        return np.concatenate(self._col_lower)

    @property
    def col_upper(self) -> np.ndarray:
        return np.concatenate(self._col_upper)

    @property
    def col_integer(self) -> np.ndarray:
        return np.concatenate(self._col_integer)

    @property
    def row_lower(self) -> np.ndarray:
        return np.concatenate(self._row_lower) if self._row_lower else np.zeros(0)

    @property
    def row_upper(self) -> np.ndarray:
        return np.concatenate(self._row_upper) if self._row_upper else np.zeros(0)

    def entries(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every coefficient as ``(rows, cols, values)``, duplicates summed and zeros dropped."""
        if not self._entries:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        rows = np.concatenate([e[0] for e in self._entries])
        cols = np.concatenate([e[1] for e in self._entries])
        values = np.concatenate([e[2] for e in self._entries])
        return _summed(rows, cols, values)

    def each_row(self) -> Iterator[tuple[np.ndarray, np.ndarray, float, float]]:
        """``(columns, values, lower, upper)`` of every row in order, for backends that
        state a model one row at a time."""
        rows, cols, values = self.entries()
        order = np.argsort(rows, kind="stable")
        rows, cols, values = rows[order], cols[order], values[order]
        bounds = np.searchsorted(rows, np.arange(self.n_rows + 1))
        lower, upper = self.row_lower, self.row_upper
        for r in range(self.n_rows):
            part = slice(bounds[r], bounds[r + 1])
            yield cols[part], values[part], float(lower[r]), float(upper[r])

    def csc(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Column starts, row indices and values in compressed sparse column form."""
        rows, cols, values = self.entries()
        starts = np.searchsorted(cols, np.arange(self.n_cols + 1))
        return starts.astype(np.int32), rows.astype(np.int32), values

    def costs(self) -> np.ndarray:
        """The objective as a dense cost per column."""
        cost = np.zeros(self.n_cols)
        np.add.at(cost, self.objective.columns, self.objective.coefficients)
        return cost

    def option_values(self, delays: np.ndarray) -> np.ndarray:
        """The option columns' values for a choice of ``delays`` (a solver's starting point)."""
        chosen = delays[self.project]
        if self.form == "incremental":
            return (self.delay <= chosen).astype(float)
        return (self.delay == chosen).astype(float)

    def delays_from(self, values: np.ndarray) -> np.ndarray:
        """The shift of each project read from the option columns' values."""
        values = np.asarray(values, dtype=float)[: self.n_options]
        arrays = self.arrays
        if self.form == "incremental":
            lowest = self.delay == arrays.min_delay[self.project]
            steps = np.bincount(
                self.project, weights=(values > 0.5) & ~lowest, minlength=arrays.n_projects
            )
            return arrays.min_delay + steps.astype(np.int64)
        # one-hot: the shift with the largest value (the first of equals)
        order = np.lexsort((-values, self.project))
        first = np.ones(order.size, dtype=bool)
        first[1:] = self.project[order][1:] != self.project[order][:-1]
        chosen = np.zeros(arrays.n_projects, dtype=np.int64)
        chosen[self.project[order][first]] = self.delay[order][first]
        return chosen

    def family_rows(self, family: str) -> slice:
        first, count = self.families.get(family, (0, 0))
        return slice(first, first + count)

    # -- the change of variables -----------------------------------------------------------
    def incremental(self) -> LinearModel:
        """The same model in the variables ``y[j, d] = 1`` when ``j`` moves by ``d`` or more.

        ``x[j, d] = y[j, d] - y[j, d + 1]`` (``y`` of the least shift is 1, of one past the
        largest 0), so an entry ``v`` on ``x[j, d]`` becomes ``v`` on ``y[j, d]`` and ``-v``
        on ``y[j, d + 1]``, the objective likewise, and the rows ``y[j, d + 1] <= y[j, d]``
        (:func:`ordering`) are added. The LP is the same (an invertible change of
        variables), but branching on ``y`` splits "moves at least d" from "moves less", and
        for a flat cash flow each ``y`` touches only the years where the window's ends move.
        """
        out = LinearModel.__new__(LinearModel)
        out.__dict__.update(self.__dict__)
        out.form = "incremental"
        successor = self._successor()
        out._entries = [_moved_entries(*self.entries(), successor)]
        out._col_lower = [np.concatenate(self._col_lower)]
        lowest = self.delay == self.arrays.min_delay[self.project]
        out._col_lower[0][: self.n_options] = lowest.astype(float)
        out._col_upper = list(self._col_upper)
        out._col_integer = list(self._col_integer)
        out._row_lower = list(self._row_lower)
        out._row_upper = list(self._row_upper)
        out.families = dict(self.families)
        terms = self.objective
        rows = np.zeros(terms.columns.size, dtype=np.int64)
        _, cols, values = _moved_entries(rows, terms.columns, terms.coefficients, successor)
        out.objective = Terms(cols, values, terms.constant)
        ordering(out, successor)
        return out

    def _successor(self) -> np.ndarray:
        """For each option column, the column of the same project's next shift, or -1."""
        same = np.append(self.project[1:] == self.project[:-1], False)
        return np.where(same, np.arange(self.n_options) + 1, -1)


def _summed(
    rows: np.ndarray, cols: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Triplets sorted by column then row, duplicates summed, zeros dropped."""
    order = np.lexsort((rows, cols))
    rows, cols, values = rows[order], cols[order], values[order]
    if rows.size:
        new = np.ones(rows.size, dtype=bool)
        new[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
        first = np.flatnonzero(new)
        values = np.add.reduceat(values, first)
        rows, cols = rows[first], cols[first]
    keep = values != 0
    return rows[keep], cols[keep], values[keep]


def _moved_entries(
    rows: np.ndarray, cols: np.ndarray, values: np.ndarray, successor: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Entries on option columns also go, negated, to the next shift's column."""
    on_option = cols < successor.size
    moved = np.zeros(cols.size, dtype=bool)
    moved[on_option] = successor[cols[on_option]] >= 0
    return _summed(
        np.concatenate([rows, rows[moved]]),
        np.concatenate([cols, successor[cols[moved]]]),
        np.concatenate([values, -values[moved]]),
    )


# ---------------------------------------------------------------------------------------
# the constraint families
# ---------------------------------------------------------------------------------------
def one_shift(model: LinearModel, optional: np.ndarray | None = None) -> None:
    """Each project takes exactly one shift: ``sum_d x[j, d] = 1`` for every ``j``; a project
    marked ``optional`` (a candidate that may be left out) takes at most one:
    ``0 <= sum_d x[j, d] <= 1``."""
    lower = 1.0 if optional is None else np.where(optional, 0.0, 1.0)
    first = model.add_rows("one_shift", model.arrays.n_projects, lower, 1.0)
    model.add_entries(first + model.project, np.arange(model.n_options), np.ones(model.n_options))


def spend_entries(
    arrays: ShiftArrays, flows: np.ndarray, project: np.ndarray, delay: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(option, year column, amount)`` of every non-zero amount an option spends.

    Option ``o`` (project ``j``, shift ``d``) spends ``flows[j, k]`` in column
    ``offset[j] + d + k``.
    """
    column = (arrays.offset[project] + delay)[:, None] + np.arange(flows.shape[1])[None, :]
    amount = flows[project]
    keep = amount != 0
    option = np.broadcast_to(np.arange(project.size)[:, None], keep.shape)[keep]
    return option, column[keep], amount[keep]


def ceilings(model: LinearModel, *, slack: bool = False) -> None:
    """Every budget line within its ceiling in every capped year.

    ``sum_{j, d} load[l, j, t - offset[j] - d] * x[j, d] <= cap[l, t]`` for every line ``l``
    and year ``t`` with a ceiling; with ``slack``, ``- s[l, t]`` is added to the left (a
    continuous ``s >= 0`` per row: the overload the relaxation minimises). The rows are in
    (line, year) order; :func:`ceiling_cells` says which is which.
    """
    arrays = model.arrays
    cells = ceiling_cells(model)
    row_of = np.full(arrays.n_lines * arrays.n_years, -1, dtype=np.int64)
    row_of[cells] = np.arange(cells.size)
    first = model.add_rows(
        "ceilings", cells.size, -INFINITY, arrays.capacity.ravel()[cells].astype(float)
    )
    for line in range(arrays.n_lines):
        option, column, amount = spend_entries(
            arrays, arrays.loads[line], model.project, model.delay
        )
        row = row_of[line * arrays.n_years + column]
        capped = row >= 0
        model.add_entries(first + row[capped], option[capped], amount[capped])
    if slack and cells.size:
        columns = model.add_columns(cells.size, 0.0, INFINITY, integer=False)
        model.add_entries(
            first + np.arange(cells.size), columns + np.arange(cells.size), -np.ones(cells.size)
        )
        model.families["slack_columns"] = (columns, cells.size)


def ceiling_cells(model: LinearModel) -> np.ndarray:
    """Flat ``line * n_years + year`` index of each ceiling row, in row order."""
    return np.flatnonzero(model.arrays.capped.ravel())


def _shift_entries(
    model: LinearModel, projects: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(position in projects, option, delay)`` of every option of the listed projects: the
    entries of ``sum_d d * x[j, d]``, the shift of each as a linear expression."""
    counts = model.arrays.option_counts
    starts = np.cumsum(counts) - counts
    size = counts[projects]
    position = np.repeat(np.arange(projects.size), size)
    within = np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size)
    option = np.repeat(starts[projects], size) + within
    return position, option, model.delay[option].astype(float)


def precedence(model: LinearModel) -> None:
    """Each ``after`` starts after its ``before`` ends, once moved.

    ``sum_d d * x[after, d] - sum_d d * x[before, d] >= win_end[before] + 1 - win_start[after]``
    for every precedence pair.
    """
    arrays = model.arrays
    edges = arrays.edges
    if not len(edges):
        return
    gap = (arrays.win_end[edges[:, 0]] + 1 - arrays.win_start[edges[:, 1]]).astype(float)
    first = model.add_rows("precedence", len(edges), gap, INFINITY)
    for side, sign in ((1, 1.0), (0, -1.0)):
        position, option, delay = _shift_entries(model, edges[:, side])
        model.add_entries(first + position, option, sign * delay)


def dominance(model: LinearModel, pairs: np.ndarray) -> None:
    """The larger of two interchangeable projects moves at least as far as the smaller.

    For each pair ``(i, j)`` (see :func:`capex.solvers._shift.fixing.dominance_pairs`) and each
    shift ``k``: ``sum_{d >= k} x[i, d] - sum_{d >= k} x[j, d] >= 0``, that is ``d_i >= k``
    whenever ``d_j >= k`` (in the incremental form, ``y[i, k] >= y[j, k]``).
    """
    if not len(pairs):
        return
    arrays = model.arrays
    big, small = pairs[:, 0], pairs[:, 1]
    low = np.minimum(arrays.min_delay[big], arrays.min_delay[small]) + 1
    high = np.maximum(arrays.max_delay[big], arrays.max_delay[small])
    levels = np.maximum(high - low + 1, 0)
    pair = np.repeat(np.arange(len(pairs)), levels)
    level = low[pair] + np.arange(levels.sum()) - np.repeat(np.cumsum(levels) - levels, levels)
    first = model.add_rows("dominance", pair.size, 0.0, INFINITY)
    counts = arrays.option_counts
    starts = np.cumsum(counts) - counts
    for side, sign in ((big, 1.0), (small, -1.0)):
        project = side[pair]
        size = counts[project]
        row = np.repeat(np.arange(pair.size), size)
        option = np.repeat(starts[project], size) + (
            np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size)
        )
        reaches = model.delay[option] >= level[row]
        model.add_entries(first + row[reaches], option[reaches], np.full(reaches.sum(), sign))


def at_most(model: LinearModel, terms: Terms, bound: float, family: str = "cutoff") -> None:
    """An objective held at or below a bound: ``sum terms <= bound`` (the tie-break's
    constraint on the first objective, and the cutoff of a search for a better plan)."""
    first = model.add_rows(family, 1, -INFINITY, float(bound) - terms.constant)
    model.add_entries(np.full(terms.columns.size, first), terms.columns, terms.coefficients)


def ordering(model: LinearModel, successor: np.ndarray) -> None:
    """A project that moves by ``d + 1`` years or more moves by ``d`` or more:
    ``y[j, d + 1] - y[j, d] <= 0`` (the incremental form only)."""
    pairs = np.flatnonzero(successor >= 0)
    first = model.add_rows("ordering", pairs.size, -INFINITY, 0.0)
    model._entries.append(
        (
            np.repeat(first + np.arange(pairs.size), 2),
            np.column_stack([successor[pairs], pairs]).ravel(),
            np.tile([1.0, -1.0], pairs.size),
        )
    )


# ---------------------------------------------------------------------------------------
# the objectives
# ---------------------------------------------------------------------------------------
def delay_terms(model: LinearModel) -> Terms:
    """Priority-weighted years of delay: ``sum_{j, d} weight[j] * |d| * x[j, d]``."""
    cost = (model.arrays.weight[model.project] * np.abs(model.delay)).astype(float)
    columns = np.flatnonzero(cost)
    return Terms(columns, cost[columns])


def makespan_terms(model: LinearModel) -> Terms:
    """Years from the programme's first year to its last: ``latest - earliest`` with

    ``latest >= sum_d d * x[j, d] + win_end[j] + 1`` for every ``j``, and
    ``earliest <= sum_d d * x[j, d] + win_start[j]`` for every ``j`` that may move earlier
    (else ``earliest`` is the constant ``min_j win_start[j]``, which keeps the bound strong).
    """
    arrays = model.arrays
    base = float(arrays.win_start.min())
    low = float((arrays.win_start + arrays.min_delay).min())
    high = float((arrays.win_end + arrays.max_delay).max()) + 1
    movers = np.flatnonzero(arrays.min_delay < 0)
    latest = model.add_columns(1, low, high, integer=True)
    earliest = model.add_columns(1, low if movers.size else base, base, integer=True)
    every = np.arange(arrays.n_projects)
    first = model.add_rows("latest", every.size, (arrays.win_end + 1).astype(float), INFINITY)
    model.add_entries(first + every, np.full(every.size, latest), np.ones(every.size))
    position, option, delay = _shift_entries(model, every)
    model.add_entries(first + position, option, -delay)
    if movers.size:
        first = model.add_rows(
            "earliest", movers.size, -INFINITY, arrays.win_start[movers].astype(float)
        )
        model.add_entries(
            first + np.arange(movers.size), np.full(movers.size, earliest), np.ones(movers.size)
        )
        position, option, delay = _shift_entries(model, movers)
        model.add_entries(first + position, option, -delay)
    return Terms(np.array([latest, earliest]), np.array([1.0, -1.0]))


def peak_terms(model: LinearModel) -> Terms:
    """The highest annual total from the plan period on: ``peak`` with
    ``sum_{j, d} totals[j, t - offset[j] - d] * x[j, d] <= peak`` for every year ``t >=
    peak_from`` that any option spends in."""
    arrays = model.arrays
    peak = model.add_columns(1, 0.0, float(arrays.totals.sum()) + 1, integer=True)
    option, column, amount = spend_entries(arrays, arrays.totals, model.project, model.delay)
    counted = column >= arrays.peak_from
    option, column, amount = option[counted], column[counted], amount[counted]
    years, row = np.unique(column, return_inverse=True)
    first = model.add_rows("peak", years.size, -INFINITY, 0.0)
    model.add_entries(first + row, option, amount)
    model.add_entries(
        first + np.arange(years.size), np.full(years.size, peak), -np.ones(years.size)
    )
    return Terms(np.array([peak]), np.array([1.0]))


def objective_terms(model: LinearModel, kind: str) -> Terms:
    """The terms of objective ``kind`` (adding its auxiliary columns and rows)."""
    if kind == "delay":
        return delay_terms(model)
    if kind == "makespan":
        return makespan_terms(model)
    if kind == "peak":
        return peak_terms(model)
    raise unknown_objective(kind)


def slack_terms(model: LinearModel) -> Terms:
    """The relaxation's objective: the total overload ``sum s[l, t]`` over the ceiling rows."""
    first, count = model.families.get("slack_columns", (0, 0))
    return Terms(first + np.arange(count), np.ones(count))


def build(
    arrays: ShiftArrays,
    objective: str,
    *,
    fixed: tuple[str, float] | None = None,
    relax_ceilings: bool = False,
    pairs: np.ndarray | None = None,
) -> LinearModel:
    """The boolean model: one shift each, the ceilings, precedence, ``objective`` minimised.

    ``fixed = (kind, value)`` holds another objective at or below ``value`` (the tie-break);
    ``relax_ceilings`` lets each ceiling row go over by a slack and minimises their sum;
    ``pairs`` adds :func:`dominance` rows.
    """
    model = LinearModel(arrays)
    one_shift(model)
    ceilings(model, slack=relax_ceilings)
    precedence(model)
    if pairs is not None:
        dominance(model, pairs)
    terms = {
        kind: objective_terms(model, kind)
        for kind in dict.fromkeys([objective, *([fixed[0]] if fixed else [])])
    }
    if fixed is not None:
        at_most(model, terms[fixed[0]], fixed[1])
    model.minimize(slack_terms(model) if relax_ceilings else terms[objective])
    return model
