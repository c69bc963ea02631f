"""From candidates to the selection's arrays, and the rules a selection must keep.

:func:`build` turns the candidates (a portfolio, or a phased baseline's exact cash flow), the
budget lines, the values and the caller's rules into a :class:`SelectProblem`: the
solver-free :class:`~.arrays.SelectArrays`, made by the deferral engine's own
:func:`~capex.solvers._shift.problem.build_problem` (the same cash flows, year axis, loads and
ceilings) with the selection's rules beside them, and what is needed to read a choice back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.model.budget import BudgetLine
from capex.model.ids import resolve_ids
from capex.model.limits import MAX_YEARS, whole_number
from capex.model.portfolio import Portfolio
from capex.model.value import Values
from capex.solvers._select.arrays import NOT_CHOSEN, SelectArrays
from capex.solvers._shift.arrays import NO_CEILING
from capex.solvers._shift.problem import ShiftProblem, build_problem
from capex.terms import phrase

__all__ = ["Rules", "SelectProblem", "build", "read_rules"]


@dataclass(frozen=True)
class Rules:
    """What a selection must keep besides the money, by project id.

    Attributes
    ----------
    must
        Ids that must be chosen.
    exclude
        Ids that must not be.
    alternatives
        Groups of ids, at most one of each chosen.
    needs
        ``(dependent, prerequisite)`` pairs: the dependent only with its prerequisite.
    max_delay
        Latest start of each candidate (whole years), as :func:`capex.shift` takes it.
    """

    must: tuple[Any, ...] = ()
    exclude: tuple[Any, ...] = ()
    alternatives: tuple[tuple[Any, ...], ...] = ()
    needs: tuple[tuple[Any, Any], ...] = ()
    max_delay: Any = 0


def read_rules(
    portfolio: Portfolio,
    *,
    must: Any,
    exclude: Any,
    alternatives: Any,
    needs: Any,
    max_delay: Any,
) -> Rules:
    """The caller's rules as ids of ``portfolio``; ``must=None`` means the projects under
    way (the portfolio's ``fixed`` column: started before the plan period, or 在建 at a
    hand-over).

    Raises
    ------
    CapexError
        An id that names no candidate, a project both must and excluded, a group of fewer
        than two, a project that needs itself, a delay that is not a whole number of years.
    """
    ids = portfolio.ids

    def resolved(values: Iterable[Any], what: str) -> tuple[Any, ...]:
        return tuple(resolve_ids(list(values), ids, source=what, column="id"))

    if must is None:
        must_ids = tuple(ids[portfolio.column("fixed").astype(bool)])
    else:
        must_ids = resolved(_listed(must), "must")
    exclude_ids = resolved(_listed(exclude), "exclude") if exclude is not None else ()
    both = sorted(set(must_ids) & set(exclude_ids), key=str)
    if both:
        raise CapexError(phrase("err_solver_must_exclude", project=both[0]))
    groups = []
    for group in alternatives or ():
        members = resolved(_listed(group), "alternatives")
        if len(set(members)) < 2:
            raise CapexError(phrase("err_solver_alternatives", members=list(members)))
        groups.append(tuple(dict.fromkeys(members)))
    pairs = []
    for dependent, prerequisites in _need_items(needs):
        (a,) = resolved([dependent], "needs")
        for b in resolved(_listed(prerequisites), "needs"):
            if a == b:
                raise CapexError(phrase("err_solver_needs_itself", project=a))
            pairs.append((a, b))
    if isinstance(max_delay, Mapping | pd.Series):
        delays = dict(max_delay.items())
        labels = resolved(delays, "max_delay")
        checked = {
            label: whole_number(
                value,
                phrase("err_solver_max_delay_of", project=label),  # type: ignore[arg-type]
                0,
                MAX_YEARS,
            )
            for label, value in zip(labels, delays.values())
        }
        max_delay = checked
    else:
        max_delay = whole_number(max_delay, "max_delay", 0, MAX_YEARS)
    return Rules(must_ids, exclude_ids, tuple(groups), tuple(pairs), max_delay)


def _listed(value: Any) -> list[Any]:
    """Ids given as one id, a list, a set or a boolean Series."""
    if isinstance(value, pd.Series) and value.dtype == bool:
        return value.index[value.to_numpy()].tolist()
    if isinstance(value, str | int | np.integer) or not isinstance(value, Iterable):
        return [value]
    return list(value)


def _need_items(needs: Any) -> list[tuple[Any, Any]]:
    """``{dependent: prerequisite(s)}`` or ``[(dependent, prerequisite), ...]`` as pairs."""
    if needs is None:
        return []
    if isinstance(needs, Mapping | pd.Series):
        return list(needs.items())
    items = list(needs)
    if not all(isinstance(item, tuple | list) and len(item) == 2 for item in items):
        raise CapexError(phrase("err_solver_needs_shape"))
    return [(a, b) for a, b in items]


@dataclass
class SelectProblem:
    """A selection's arrays and what is needed to read a choice back.

    Attributes
    ----------
    portfolio
        The candidates.
    lines
        The budget lines.
    shift
        The deferral engine's problem of the candidates (cash flows on the year axis).
    arrays
        The selection's arrays.
    values
        The candidates' values.
    rules
        The caller's rules, as ids.
    envelope_minor
        The envelope, or ``None``.
    """

    portfolio: Portfolio
    lines: tuple[BudgetLine, ...]
    shift: ShiftProblem
    arrays: SelectArrays
    values: Values
    rules: Rules
    envelope_minor: int | None

    @property
    def ids(self) -> pd.Index:
        return self.portfolio.ids

    @property
    def first_year(self) -> int:
        return self.shift.first_year

    def position(self, pid: Any) -> int:
        return int(self.ids.get_loc(pid))

    def chosen_ids(self, chosen: np.ndarray) -> list[Any]:
        return self.ids[chosen != NOT_CHOSEN].tolist()

    def with_arrays(self, arrays: SelectArrays) -> SelectProblem:
        return replace(self, arrays=arrays)


def build(
    portfolio: Portfolio,
    lines: tuple[BudgetLine, ...],
    values: Values,
    rules: Rules,
    *,
    envelope_minor: int | None,
    profile: Any,
    flows_minor: pd.DataFrame | None,
    unplaceable: str = "after",
) -> SelectProblem:
    """The selection problem of the candidates, their lines, values and rules."""
    shift = build_problem(
        portfolio,
        lines,
        rules.max_delay,
        fixed=None,
        profile=profile,
        unplaceable=unplaceable,
        flows_minor=flows_minor,
    )
    ids = portfolio.ids
    n = len(ids)
    base = shift.arrays
    excluded = np.asarray(ids.isin(list(rules.exclude)), dtype=bool)
    must = np.asarray(ids.isin(list(rules.must)), dtype=bool)
    # precedence relations: the later project needs the earlier one, in time
    timed_pairs = [(int(after), int(before)) for before, after in base.edges]
    plain_pairs = [(ids.get_loc(a), ids.get_loc(b)) for a, b in rules.needs]
    pairs = np.array(timed_pairs + plain_pairs, dtype=np.int64).reshape(-1, 2)
    timed = np.array([True] * len(timed_pairs) + [False] * len(plain_pairs), dtype=bool)
    arrays_base = replace(
        base,
        edges=np.zeros((0, 2), dtype=np.int64),
        min_delay=np.zeros(n, dtype=np.int64),
        max_delay=np.where(excluded, -1, base.max_delay).astype(np.int64),
    )
    first, last = portfolio.plan_period
    plan_columns = (first - shift.first_year, last - shift.first_year)
    groups = tuple(
        np.array([ids.get_loc(pid) for pid in group], dtype=np.int64)
        for group in rules.alternatives
    )
    arrays = SelectArrays(
        base=arrays_base,
        value=values.scaled_array(ids),
        must=must,
        envelope=NO_CEILING if envelope_minor is None else int(envelope_minor),
        plan_columns=plan_columns,
        groups=groups,
        needs=pairs,
        timed=timed,
    )
    return SelectProblem(portfolio, lines, shift, arrays, values, rules, envelope_minor)
