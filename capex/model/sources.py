"""Funding sources (资金来源): where each project's money comes from, split exactly.

A district pays every project from named sources: 一般公共预算, 政府性基金预算 (the 专项债券 sit
inside it), 上级补助, 自筹 ... :class:`Sources` holds them for a portfolio: the sources, each
with the one it nests in (``parent``) and an optional rule on the projects it may pay, and
each project's money by source as exact integers of the portfolio's minor unit.

**Nesting is counted once.** A nested source's money is part of its parent's, as a 其中 column
writes it (政府性基金预算 3,000 万元, 其中：专项债券 2,000 万元): the parent's amount includes
its children's, and a total adds the top-level sources only. Each source also has its *own*
part, its amount less its children's (政府性基金预算 other than 专项债券: 1,000 万元); these
own parts are a partition of the project's money, and every split below is made on them.

**Exact splits, one rule each**, all in this module:

* :func:`apportion`: an amount split by integer weights, by largest remainder (each part is
  its exact share rounded down, and the units left over go to the largest remainders, ties
  to the earlier source), so the parts add up to the amount exactly. A split given by shares
  (60 %, 40 %) becomes amounts this way, and so does a project whose total has changed (a
  scenario's escalation): its sources keep their proportions.
* :func:`split_flows`: a project's money by year, split by source. Year by year in time
  order, each year's money is split (largest remainder) in proportion to what each source has
  left to pay; so each year adds up exactly, no source goes below zero, and over the whole
  window each source pays exactly its amount. A deferral (:func:`capex.shift`) moves whole
  cash flows, and its source lines count each year's money this way.
* :func:`split_plan_flows`: a plan of a plan period (a spread) splits the plan period's money
  first (the plan investment, by the project's shares), then the money before and after it
  by what each source has left; inside the plan period each year is split as above. So the
  plan period's money of each source is known before the solve, and a spread under source
  ceilings (:func:`capex.model.budget.source_lines`) and one without report the same 2021-2025
  money by source.

Sources are budget lines: :func:`capex.model.budget.source_lines` makes the
:class:`~capex.model.budget.BudgetLine` of a source with ceilings (shares: each project's part of its
plan money), nested in the line of its parent, so that :func:`capex.spread`, :func:`capex.shift`, :func:`capex.monthly` and any
solver that takes budget lines respect a source's ceilings exactly. In a budget-lines file a
source's ceilings are a line whose rule is ``source``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from capex.errors import CapexError, DataError
from capex.model.money import WAN, Money
from capex.terms import phrase

if TYPE_CHECKING:
    from capex.model.portfolio import Portfolio

__all__ = [
    "KNOWN_SOURCES",
    "UNASSIGNED",
    "Source",
    "SourceError",
    "Sources",
    "apportion",
    "split_flows",
    "split_plan_flows",
]

UNASSIGNED = "(unassigned)"
"""The name under which money of a project with no split by source is reported (未列来源)."""

KNOWN_SOURCES: Mapping[str, str | None] = {
    "一般公共预算": None,
    "政府性基金预算": None,
    "专项债券": "政府性基金预算",
    "上级补助": None,
    "自筹": None,
}
"""The sources a Chinese district's table names most often, and the one each nests in where
the budget law puts it (专项债券 are 政府性基金预算 money). A table says which of its columns
nest (其中：专项债券); this table is the order reports list them in, and the nesting of a
long table that does not say."""


class SourceError(CapexError, ValueError):
    """Sources or a split by source that cannot be used as given."""


@dataclass(frozen=True)
class Source:
    """A funding source.

    Parameters
    ----------
    name
        The source's name (``一般公共预算``, ``GO bonds``).
    parent
        The source it nests in (``政府性基金预算`` for ``专项债券``), or ``None``.
    rule
        Which projects it may pay: ``None`` (any), or a rule as a budget line takes one
        (``{"government_investment": True}``, ``"builder=镜湖开发办"``); a project paid by a
        source its rule excludes is an error when the split is read.
    """

    name: str
    parent: str | None = None
    rule: Any = None

    def __post_init__(self) -> None:
        name = str(self.name).strip()
        if not name:
            raise SourceError(phrase("err_model_source_needs_name"))
        if name == UNASSIGNED:
            raise SourceError(phrase("err_model_unassigned_name", name=repr(UNASSIGNED)))
        object.__setattr__(self, "name", name)
        if self.parent is not None:
            parent = str(self.parent).strip()
            if parent == name:
                raise SourceError(phrase("err_model_source_in_itself", name=repr(name)))
            object.__setattr__(self, "parent", parent or None)


@dataclass(frozen=True, eq=False)
class Sources:
    """The funding sources of a portfolio and each project's money by source.

    Build one with :meth:`from_amounts`, :func:`capex.load_sources` (a long table) or a
    projects table with a column per source (:func:`capex.load_projects`); a portfolio keeps
    it as :attr:`capex.Portfolio.sources`.

    Attributes
    ----------
    sources
        The sources, a parent always before the sources nested in it.
    money
        The money of the amounts.
    """

    sources: tuple[Source, ...]
    _amounts: pd.DataFrame = field(repr=False)
    money: Money = WAN

    def __post_init__(self) -> None:
        sources = tuple(self.sources)
        names = [s.name for s in sources]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise SourceError(phrase("err_model_source_names_repeat", repeated=repeated))
        known = set()
        for source in sources:
            if source.parent is not None and source.parent not in known:
                where = phrase(
                    "err_model_is_not_a_source"
                    if source.parent not in names
                    else "err_model_comes_after_it"
                )
                raise SourceError(
                    phrase(
                        "err_model_source_nests",
                        name=repr(source.name),
                        parent=repr(source.parent),
                        where=where,
                    )
                )
            known.add(source.name)
        object.__setattr__(self, "sources", sources)
        amounts = self._amounts
        if list(amounts.columns) != names:
            amounts = amounts.reindex(columns=names, fill_value=0)
        values = amounts.to_numpy()
        if values.size and not np.issubdtype(values.dtype, np.integer):
            raise SourceError(phrase("err_model_source_amounts_integers"))
        amounts = pd.DataFrame(
            values.astype(np.int64), index=amounts.index.copy(), columns=pd.Index(names)
        )
        amounts.index.name = "id"
        amounts.columns.name = "source"
        if (values < 0).any():
            r, c = (int(v[0]) for v in np.nonzero(values < 0))
            raise SourceError(
                phrase("err_model_source_negative", index=amounts.index[r], name=repr(names[c]))
            )
        own = self._own(amounts.to_numpy(np.int64))
        if (own < 0).any():
            r, c = (int(v[0]) for v in np.nonzero(own < 0))
            raise SourceError(
                phrase(
                    "err_model_source_nested_more",
                    index=amounts.index[r],
                    name=repr(names[c]),
                    paid=self.money.format(int(amounts.iloc[r, c] - own[r, c])),
                    own=self.money.format(int(amounts.iloc[r, c])),
                )
            )
        object.__setattr__(self, "_amounts", amounts)

    # -- building --------------------------------------------------------------------------
    @classmethod
    def from_amounts(
        cls,
        amounts: pd.DataFrame,
        *,
        parents: Mapping[str, str | None] | None = None,
        rules: Mapping[str, Any] | None = None,
        money: Money = WAN,
    ) -> Sources:
        """Sources from a project x source table of integers of ``money``'s minor unit.

        ``parents`` says which source nests in which (``{"专项债券": "政府性基金预算"}``; a
        parent's amount includes its children's); ``rules`` which projects a source may pay.
        The columns' order is the sources' order (parents are put before their children).
        """
        parents = dict(parents or {})
        rules = dict(rules or {})
        names = [str(c) for c in amounts.columns]
        for child, parent in parents.items():
            if child not in names:
                raise SourceError(
                    phrase("err_model_not_a_source", child=repr(child), names=", ".join(names))
                )
            if parent is not None and parent not in names:
                names.append(parent)  # a parent with no money of its own: its children's
        ordered = _tree_order(names, parents)
        table = amounts.copy()
        table.columns = [str(c) for c in table.columns]
        table = table.reindex(columns=ordered, fill_value=0)
        for name in reversed(ordered):  # children first, so that grandparents see them
            kids = [n for n in ordered if parents.get(n) == name]
            if kids:  # a parent given no amount of its own (empty) takes its children's sum
                empty = table[name] == 0
                table.loc[empty, name] = table.loc[empty, kids].sum(axis=1)
        return cls(tuple(Source(n, parents.get(n), rules.get(n)) for n in ordered), table, money)

    # -- the sources -----------------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        """The sources' names, in order."""
        return [s.name for s in self.sources]

    @property
    def top(self) -> list[str]:
        """The sources nested in none: they add up to the money of each project."""
        return [s.name for s in self.sources if s.parent is None]

    def source(self, name: str) -> Source:
        """The source named ``name``."""
        for source in self.sources:
            if source.name == name:
                return source
        raise SourceError(
            phrase("err_model_no_source_named", name=repr(name), names=", ".join(self.names))
        )

    def children(self, name: str) -> list[str]:
        """The sources nested directly in ``name``."""
        return [s.name for s in self.sources if s.parent == name]

    def parent_of(self, name: str) -> str | None:
        """The source ``name`` nests in, or ``None``."""
        return self.source(name).parent

    def depth(self, name: str) -> int:
        """0 for a top-level source, 1 for one nested in it, and so on."""
        depth, parent = 0, self.parent_of(name)
        while parent is not None:
            depth, parent = depth + 1, self.parent_of(parent)
        return depth

    @property
    def within(self) -> dict[str, str]:
        """``{nested source: its parent}``."""
        return {s.name: s.parent for s in self.sources if s.parent is not None}

    def ancestry(self) -> np.ndarray:
        """``A[s, p]``: source ``s`` is ``p`` or holds ``p`` (k x k, in order); the money of
        each source is ``own @ A.T``."""
        names = self.names
        k = len(names)
        out = np.eye(k, dtype=bool)
        position = {n: i for i, n in enumerate(names)}
        for p, source in enumerate(self.sources):
            parent = source.parent
            while parent is not None:
                out[position[parent], p] = True
                parent = self.parent_of(parent)
        return out

    # -- the money -------------------------------------------------------------------------
    @property
    def ids(self) -> pd.Index:
        """The projects with a split by source."""
        return self._amounts.index.copy()

    @property
    def amounts_minor(self) -> pd.DataFrame:
        """Project x source, integers of the minor unit; a parent includes its children."""
        return self._amounts.copy()

    def own_minor(self) -> pd.DataFrame:
        """Project x source: each source's own part (its amount less its children's); the
        rows add up to the projects' money."""
        own = self._own(self._amounts.to_numpy(np.int64))
        return pd.DataFrame(own, index=self.ids, columns=self._amounts.columns.copy())

    def _own(self, amounts: np.ndarray) -> np.ndarray:
        names = self.names
        own = amounts.copy()
        for k, source in enumerate(self.sources):
            if source.parent is not None:
                own[:, names.index(source.parent)] -= amounts[:, k]
        return own

    def totals_minor(self) -> pd.Series:
        """Each project's money as its sources give it (the top-level sources added)."""
        return self._amounts[self.top].sum(axis=1).astype(np.int64).rename("total")

    def shares(self, pid: Any) -> dict[str, Fraction]:
        """The share of project ``pid``'s money each source pays, exactly."""
        row = self._amounts.loc[pid]
        total = int(row[self.top].sum())
        if total == 0:
            return {name: Fraction(0) for name in self.names}
        return {name: Fraction(int(row[name]), total) for name in self.names}

    def partition(self, ids: Sequence[Any] | pd.Index) -> np.ndarray:
        """Weights over the own parts and :data:`UNASSIGNED` (the last column) for the
        projects ``ids``: a project with no split is all unassigned. Integers, (n, k + 1)."""
        ids = pd.Index(ids)
        own = self.own_minor().reindex(ids)
        have = own.notna().all(axis=1).to_numpy() & (own.fillna(0).sum(axis=1) > 0).to_numpy()
        weights = np.zeros((len(ids), len(self.names) + 1), dtype=np.int64)
        weights[have, :-1] = own.to_numpy()[have].astype(np.int64)
        weights[~have, -1] = 1
        return weights

    def split(self, totals: pd.Series) -> pd.DataFrame:
        """Each project's ``totals`` (integers by id) split by its sources' proportions
        (:func:`apportion`), every level: a project whose total is as the split gives it gets
        its amounts back exactly. Columns: the sources, then :data:`UNASSIGNED`."""
        weights = self.partition(totals.index)
        own = apportion(totals.to_numpy(np.int64), weights)
        return self._levels(own, totals.index)

    def _levels(self, own: np.ndarray, index: pd.Index) -> pd.DataFrame:
        """Own parts (…, k + 1) as money of every source (a parent including its children)."""
        k = len(self.names)
        levels = own[..., :k] @ self.ancestry().T.astype(np.int64)
        out = np.concatenate([levels, own[..., k:]], axis=-1)
        return pd.DataFrame(out, index=index, columns=[*self.names, UNASSIGNED])

    # -- changing --------------------------------------------------------------------------
    def subset(self, ids: Iterable[Any]) -> Sources:
        """The split of some projects only (the others dropped)."""
        keep = self._amounts.index.intersection(pd.Index(list(ids)), sort=False)
        if len(keep) == len(self._amounts):
            return self
        return Sources(self.sources, self._amounts.loc[keep], self.money)

    def for_projects(self, ids: pd.Index, *, source: str = "sources") -> Sources:
        """The same split with its ids read as the projects' (``"019"`` as 19, as capex reads
        ids everywhere); an id no project has is a :class:`~capex.errors.DataError`."""
        from capex.model.ids import resolve_ids

        labels = resolve_ids(list(self._amounts.index), ids, source=source, column="id")
        if labels == list(self._amounts.index):
            return self
        amounts = self._amounts.copy()
        amounts.index = pd.Index(labels, name="id")
        return Sources(self.sources, amounts, self.money)

    def merged(self, other: Sources | None) -> Sources:
        """These sources and ``other``'s (new projects' own split), one table: sources of
        the same name are one source, and must nest alike."""
        if other is None:
            return self
        other = other.in_money(self.money)
        parents = {s.name: s.parent for s in self.sources}
        for source in other.sources:
            if source.name in parents and parents[source.name] != source.parent:
                raise SourceError(
                    phrase(
                        "err_model_source_nests_differently",
                        name=repr(source.name),
                        parents=repr(parents[source.name]),
                        parent=repr(source.parent),
                    )
                )
            parents.setdefault(source.name, source.parent)
        clash = self.ids.intersection(other.ids)
        if len(clash):
            raise SourceError(phrase("err_model_split_in_both", clash=clash[0]))
        rules = {s.name: s.rule for s in (*other.sources, *self.sources)}
        amounts = pd.concat([self._amounts, other.amounts_minor]).fillna(0).astype(np.int64)
        return Sources.from_amounts(amounts, parents=parents, rules=rules, money=self.money)

    def in_money(self, money: Money) -> Sources:
        """The same split counted in ``money`` (the same currency, a finer minor unit),
        exactly."""
        if money == self.money:
            return self
        ratio = money.per(self.money.unit) if money.currency == self.money.currency else None
        if ratio is None or ratio != int(ratio):
            raise SourceError(phrase("err_model_split_unit", unit=money.unit))
        return Sources(self.sources, self._amounts * int(ratio), money)

    # -- checks ----------------------------------------------------------------------------
    def check(self, frame: pd.DataFrame, *, totals: bool = True, locate: Any = None) -> None:
        """Raise a :class:`~capex.errors.DataError` for a split that does not fit the
        projects ``frame`` (a portfolio's frame): a project it does not have, a split that
        does not add up to the project's total (``totals=True``), a source paying a project
        its rule excludes. ``locate(problem, pid, source)`` places the error in a file."""
        from capex.model.budget import BudgetError, _rule_mask

        def fail(problem: str, pid: Any, source: str | None) -> Exception:
            if locate is not None:
                return locate(problem, pid, source)
            return DataError(problem, column=source, project_id=pid)

        unknown = self._amounts.index.difference(frame.index, sort=False)
        if len(unknown):
            raise fail(phrase("err_model_split_unknown_project"), unknown[0], None)
        if totals:
            given = self.totals_minor()
            expected = frame["total_minor"].reindex(given.index)
            wrong = np.flatnonzero(given.to_numpy() != expected.to_numpy())
            if len(wrong):
                pid = given.index[int(wrong[0])]
                row = self._amounts.loc[pid]
                parts = " + ".join(
                    f"{name} {self.money.format(int(row[name]))}" for name in self.top if row[name]
                )
                raise fail(
                    phrase(
                        "err_model_sources_add_up",
                        given=self.money.format(int(given[pid])),
                        parts=parts or phrase("err_model_nothing"),
                        total=self.money.format(int(expected[pid])),
                        hint=_nesting_hint(self, row, int(expected[pid])),
                    ),
                    pid,
                    None,
                )
        rows = frame.reindex(self._amounts.index)
        for source in self.sources:
            if source.rule is None:
                continue
            try:
                allowed = _rule_mask(source.rule, rows, source.name)
            except BudgetError as error:
                raise SourceError(
                    phrase("err_model_source_rule_error", name=repr(source.name), error=error)
                ) from None
            paying = self._amounts[source.name].to_numpy() > 0
            bad = np.flatnonzero(paying & ~allowed)
            if len(bad):
                pid = self._amounts.index[int(bad[0])]
                raise fail(
                    phrase(
                        "err_model_source_may_not_pay",
                        name=repr(source.name),
                        rule=_rule_words(source.rule),
                    ),
                    pid,
                    source.name,
                )

    # -- as budget lines -------------------------------------------------------------------
    def plan_parts(self, portfolio: Portfolio) -> pd.DataFrame:
        """Each project's plan money (``plan_minor``) by source, every level: the plan
        period's part of :func:`split_plan_flows`. Columns: the sources, :data:`UNASSIGNED`."""
        ids = portfolio.ids
        totals = pd.Series(portfolio.column("total_minor"), index=ids)
        plan = portfolio.column("plan_minor").astype(np.int64)
        own = apportion(plan, self._own_of_totals(totals))
        return self._levels(own, ids)

    def _own_of_totals(self, totals: pd.Series) -> np.ndarray:
        """The own parts of each project's current total (its split kept in proportion)."""
        return apportion(totals.to_numpy(np.int64), self.partition(totals.index))

    def flows(
        self,
        flows: pd.DataFrame,
        totals: pd.Series | None = None,
        *,
        plan_years: Sequence[int] | None = None,
        plan_parts: pd.DataFrame | None = None,
        own: bool = False,
    ) -> pd.DataFrame:
        """``flows`` (project x year, integers) by source: a frame indexed by (id, source),
        every level and :data:`UNASSIGNED`, columns the years.

        Each project's money over its years is split so that each source pays its part of
        ``totals`` (by default the flow's own row sums) by :func:`split_flows`, or, with
        ``plan_years``, by :func:`split_plan_flows` (the plan years' money first);
        ``plan_parts``, (id, source own part) x plan year from a solve, take the plan years
        where given. ``own=True`` gives each source's own part (its money less its
        children's) instead of its money, so the rows of a project add up to its flow.
        """
        ids = flows.index
        values = flows.to_numpy(np.int64)
        own_totals = self.partition(ids)
        if totals is not None:
            own_totals = apportion(totals.reindex(ids).to_numpy(np.int64), own_totals)
        years = [int(y) for y in flows.columns]
        if plan_years is None:
            split = split_flows(values, own_totals)
        else:
            inside = np.isin(years, list(plan_years))
            split = split_plan_flows(
                values,
                own_totals,
                inside,
                fixed=plan_parts_array(plan_parts, ids, years, self.names),
            )
        k = len(self.names)
        if own:
            stacked = split
        else:
            levels = split[:, :, :k] @ self.ancestry().T.astype(np.int64)
            stacked = np.concatenate([levels, split[:, :, k:]], axis=2)  # (n, Y, k + 1)
        names = [*self.names, UNASSIGNED]
        index = pd.MultiIndex.from_product([ids, names], names=["id", "source"])
        data = stacked.transpose(0, 2, 1).reshape(len(ids) * len(names), len(years))
        return pd.DataFrame(data, index=index, columns=pd.Index(years, name="year"))

    def __repr__(self) -> str:
        nested = ", ".join(
            f"{s.name} (in {s.parent})" if s.parent else s.name for s in self.sources
        )
        return f"Sources({nested}; {len(self._amounts)} projects)"


# ---------------------------------------------------------------------------------------
# the arithmetic: one home for every split by source
# ---------------------------------------------------------------------------------------
def apportion(amounts: np.ndarray | Sequence[int], weights: np.ndarray) -> np.ndarray:
    """Split integer ``amounts`` by integer ``weights``, exactly, by largest remainder.

    Row ``i``'s parts are ``amounts[i] * weights[i, k] / sum(weights[i])`` rounded down,
    plus one unit for the parts with the largest remainders, ties to the earlier column; so
    they add up to ``amounts[i]`` and each is its exact share rounded down or up. A negative
    amount is split as its opposite and negated; a row of zero weights gets nothing.

    >>> apportion([10], np.array([[1, 1, 1]])).tolist()
    [[4, 3, 3]]
    >>> apportion([5000], np.array([[3000, 2000]])).tolist()
    [[3000, 2000]]
    """
    amounts = np.asarray(amounts, dtype=np.int64)
    weights = np.asarray(weights)
    if weights.ndim == 1:
        weights = np.broadcast_to(weights, (len(amounts), len(weights)))
    n, k = weights.shape
    if k == 0 or n == 0:
        return np.zeros((n, k), dtype=np.int64)
    sign = np.where(amounts < 0, -1, 1)
    size = np.abs(amounts)
    total = weights.sum(axis=1)
    big = int(size.max(initial=0)) * int(np.abs(weights).max(initial=0))
    if big >= 2**62 or int(np.abs(total).max(initial=0)) >= 2**62:
        size, weights, total = (np.asarray(a, dtype=object) for a in (size, weights, total))
    safe = np.where(total == 0, 1, total)
    product = size[:, None] * weights
    base = product // safe[:, None]
    remainder = product % safe[:, None]
    left = np.asarray(size - base.sum(axis=1), dtype=np.int64)
    if remainder.dtype == object:  # amounts too large for int64 products: Python integers
        order = np.array(
            [sorted(range(k), key=lambda c, row=row: (-row[c], c)) for row in remainder],
            dtype=np.int64,
        ).reshape(n, k)
    else:  # largest remainder first, ties to the earlier column (a stable sort)
        order = np.argsort(-remainder, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.broadcast_to(np.arange(k), (n, k)).copy(), axis=1)
    parts = np.asarray(base, dtype=np.int64) + (rank < left[:, None]).astype(np.int64)
    parts = np.where((np.asarray(total) == 0)[:, None], 0, parts)
    return parts * sign[:, None]


def split_flows(flows: np.ndarray, amounts: np.ndarray) -> np.ndarray:
    """Each row's money by year (``flows``, (n, Y) integers) split among parts, so that part
    ``k`` pays ``amounts[i, k]`` over the years: (n, Y, K) integers.

    Year by year in order, a year's money is split (:func:`apportion`) in proportion to what
    each part has left to pay, and the last year with money takes exactly what is left. So
    each year adds up to its money, no part goes below zero while the money is not negative,
    and over the years each part pays its amount, exactly, when ``amounts`` add up to the row
    (else they are first scaled to it, by :func:`apportion`). A year that takes money back
    (a negative amount) is split by the amounts' proportions.

    >>> split_flows(np.array([[1, 1, 1]]), np.array([[2, 1]]))[0].tolist()
    [[1, 0], [1, 0], [0, 1]]
    """
    flows = np.asarray(flows, dtype=np.int64)
    amounts = np.asarray(amounts, dtype=np.int64)
    n, years = flows.shape
    k = amounts.shape[1]
    out = np.zeros((n, years, k), dtype=np.int64)
    if n == 0 or years == 0:
        return out
    left = apportion(flows.sum(axis=1), amounts)
    nonzero = flows != 0
    last = np.where(nonzero.any(axis=1), years - 1 - np.argmax(nonzero[:, ::-1], axis=1), -1)
    for y in range(years):
        money = flows[:, y]
        if not money.any():
            continue
        owed = left.sum(axis=1)
        proportional = (money >= 0) & (money <= owed) & (left >= 0).all(axis=1) & (owed > 0)
        weights = np.where(proportional[:, None], left, amounts)
        parts = apportion(money, weights)
        parts = np.where((last == y)[:, None], left, parts)
        out[:, y, :] = parts
        left = left - parts
    return out


def split_plan_flows(
    flows: np.ndarray,
    amounts: np.ndarray,
    inside: np.ndarray,
    *,
    fixed: np.ndarray | None = None,
) -> np.ndarray:
    """:func:`split_flows` for a plan of a plan period: the plan years' money (``inside``, a
    mask over the years) is split first, as one amount by the parts' proportions; then the
    years outside, in order, by what each part has left; then each plan year by what each
    part has left of its plan money. ``fixed`` ((n, Y, K), -1 where not given) takes the
    plan years as a solve split them (their sums must be the plan money's parts).
    """
    flows = np.asarray(flows, dtype=np.int64)
    amounts = np.asarray(amounts, dtype=np.int64)
    inside = np.asarray(inside, dtype=bool)
    totals = apportion(flows.sum(axis=1), amounts)
    plan = apportion(flows[:, inside].sum(axis=1), totals)
    out = np.zeros((*flows.shape, amounts.shape[1]), dtype=np.int64)
    out[:, ~inside, :] = split_flows(flows[:, ~inside], totals - plan)
    within = split_flows(flows[:, inside], plan)
    if fixed is not None:
        given = fixed[:, inside, :]
        known = (given >= 0).all(axis=(1, 2))
        agrees = known & (np.where(given >= 0, given, 0).sum(axis=1) == plan).all(axis=1)
        within = np.where(agrees[:, None, None], given, within)
    out[:, inside, :] = within
    return out


def plan_parts_array(
    parts: pd.DataFrame | None, ids: pd.Index, years: Sequence[int], names: Sequence[str]
) -> np.ndarray | None:
    """A solve's own parts by (id, source) and year as an (n, Y, K + 1) array (the last part
    unassigned), -1 where a project has none."""
    if parts is None or not len(parts):
        return None
    k = len(names)
    out = np.full((len(ids), len(years), k + 1), -1, dtype=np.int64)
    position = {pid: i for i, pid in enumerate(ids)}
    column = {name: c for c, name in enumerate(names)}
    column[UNASSIGNED] = k
    table = parts.reindex(columns=list(years), fill_value=0)
    filled = set()
    for (pid, name), row in zip(table.index, table.to_numpy(np.int64)):
        if pid not in position or name not in column:
            continue
        i = position[pid]
        if i not in filled:
            out[i] = 0
            filled.add(i)
        out[i, :, column[name]] += row
    return out


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------
def _tree_order(names: list[str], parents: Mapping[str, str | None]) -> list[str]:
    """``names`` with every parent before its children, otherwise as given; a cycle is an
    error."""
    ordered: list[str] = []
    placing: set[str] = set()

    def place(name: str) -> None:
        if name in ordered:
            return
        if name in placing:
            raise SourceError(phrase("err_model_sources_circle", name=repr(name)))
        placing.add(name)
        parent = parents.get(name)
        if parent is not None:
            place(parent)
        ordered.append(name)

    for name in names:
        place(name)
    return ordered


def _nesting_hint(sources: Sources, row: pd.Series, total: int) -> object:
    """A hint when the amounts would add up if a source nested in another, or did not."""
    for name, parent in KNOWN_SOURCES.items():
        if parent and name in sources.names and parent in sources.names:
            if (
                sources.parent_of(name) is None
                and int(row[sources.top].sum()) - int(row[name]) == total
            ):
                return phrase("err_model_hint_nest", name=name, parent=parent)
            if (
                sources.parent_of(name) == parent
                and int(row[sources.top].sum()) + int(row[name]) == total
            ):
                return phrase("err_model_hint_not_nested", name=name, parent=parent)
    return ""


def _rule_words(rule: Any) -> str:
    from capex.model.budget import _rule_text

    return _rule_text(rule)
