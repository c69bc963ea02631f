"""Budget lines: named annual ceilings and the projects that draw on them.

A :class:`BudgetLine` has a name, a ceiling per year (in the portfolio's display unit, 亿元 for
the bundled plan, unless the line names its ``unit``; ``None`` or a missing year means no
ceiling) and says which projects draw on it, in one of three ways:

* a **rule** over the project table: ``None`` (every project), a mapping of column to value
  such as ``{"government_investment": True}`` or ``{"builder": "镜湖开发办"}`` (a list value
  means any of them; several keys must all hold), or a callable taking the project frame and
  returning a boolean mask;
* **shares**: ``{project id: fraction}``, the fraction of the project's money that this line
  funds (a project funded 60/40 by two sources has one share on each line). Shares are kept
  exactly (a ``0.6`` is 3/5), and a line may be ``within`` another share line, as a funding
  source nests in another (专项债券 within 政府性基金预算): its share is part of its parent's.
* **a source**: the rule ``source`` names the portfolio's funding source of the same name
  (:mod:`capex.model.sources`), whose shares :func:`resolve_lines` reads from the portfolio's split
  by source.

A plain ``{year: 亿元}`` is one line, ``"ceiling"``, over all projects (:func:`as_budget_lines`).
:func:`funded_parts` is the one split of projects into the parts share lines fund, which the
spread and the monthly plan solve for.

Each project-year amount counts against every line the project draws on: a project in the
line "government" and in the line "all" counts against both. Lines may nest, be disjoint or
overlap (share some projects and not others); :func:`capex.spread` solves all three exactly.
:func:`resolve_lines` is the one reading of ceilings in any accepted form as lines.

In a CSV file or a workbook (:func:`read_budget_lines`) lines are written long, one row per
line and year::

    line,year,ceiling,rule
    all,2021,10.5,all
    all,2022,9.0,
    government,2021,8,government_investment=yes
    jinghu,2021,3,builder=镜湖开发办 & street=灵芝街道
    cofund,2021,2,shares(10=0.6; 12=0.5)
    专项债券,2021,3,source

``ceiling`` is in the display unit, 亿元 for yuan (empty: no ceiling that year); ``rule`` is given on at least one row of
each line and, where repeated, must be the same.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from numbers import Rational, Real
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError, DataError
from capex.model.ids import resolve_ids
from capex.model.money import Money, to_decimal
from capex.model.portfolio import Portfolio
from capex.terms import phrase

__all__ = [
    "SOURCE_RULE",
    "BudgetError",
    "BudgetLine",
    "FundedParts",
    "as_budget_lines",
    "funded_parts",
    "resolve_lines",
    "share_loads",
    "source_lines",
    "whole_plan_ceilings_minor",
]

SOURCE_RULE = "source"
"""The rule of a line that is the portfolio's funding source of the same name."""

_SOURCE_RULE = re.compile(r"^\s*(?:source|资金来源)\s*$", re.IGNORECASE)

Rule = None | str | Mapping[str, Any] | Callable[[pd.DataFrame], Any]

_YES = {"yes", "y", "true", "1", "是"}
_NO = {"no", "n", "false", "0", "否"}


class BudgetError(CapexError, ValueError):
    """Budget lines or ceilings that cannot be used as given."""


@dataclass(frozen=True, eq=False)
class BudgetLine:
    """A named budget line: ceilings per year and the projects that draw on it.

    Parameters
    ----------
    name
        Name shown in results.
    ceilings
        ``{year: amount or None}`` in ``unit``; a year absent or ``None`` has no ceiling. A
        ceiling finer than the portfolio's minor unit is rounded down to it.
    rule
        Which projects draw on the line in full: ``None`` or ``"all"`` (every project), a
        ``{column: value}`` mapping, a rule text such as ``"builder=镜湖开发办"``, or a
        callable ``frame -> boolean mask``.
    shares
        Instead of a rule: ``{project id: fraction}`` of each project funded by this line,
        kept exactly (a float as written: ``0.6`` is 3/5; a :class:`~fractions.Fraction` as
        it is).
    unit
        The unit of the ceilings (``"亿元"``, ``"万元"``, ``"USD"`` ...); ``None`` means the
        display unit of the portfolio the line is used with (亿元 for yuan).
    within
        The share line this one nests in (a source within its parent): its shares are part
        of that line's, so a project's part on this line counts against both. ``None``: it
        nests in none.
    """

    name: str
    ceilings: Mapping[int, Any] = field(default_factory=dict)
    rule: Rule = None
    shares: Mapping[Any, Any] | None = None
    unit: str | None = None
    within: str | None = None

    def __post_init__(self) -> None:
        if not str(self.name).strip():
            raise BudgetError(phrase("err_model_line_needs_name"))
        object.__setattr__(self, "name", str(self.name).strip())
        if self.shares is not None and self.rule is not None and self.rule != "all":
            raise BudgetError(phrase("err_model_line_rule_or_shares", name=repr(self.name)))
        exact = self._exact_ceilings()
        object.__setattr__(self, "ceilings", {year: value for year, value, _ in exact})
        object.__setattr__(self, "_exact", {year: amount for year, _, amount in exact})
        if isinstance(self.rule, str) and not _SOURCE_RULE.match(self.rule):
            _parse_rule(self.rule, self.name)  # fail early on bad text
        if self.shares is not None:
            shares = (
                dict(self.shares.items()) if isinstance(self.shares, Mapping) else dict(self.shares)
            )
            exact = {}
            for pid, share in shares.items():
                value = _exact_share(share)
                if value is None or not 0 <= value <= 1:
                    raise BudgetError(
                        phrase(
                            "err_model_line_share_range",
                            name=repr(self.name),
                            pid=pid,
                            share=repr(share),
                        )
                    )
                exact[pid] = value
            object.__setattr__(self, "shares", exact)
        if self.within is not None:
            within = str(self.within).strip() or None
            if within == self.name:
                raise BudgetError(phrase("err_model_line_within_itself", name=repr(self.name)))
            object.__setattr__(self, "within", within)

    def _exact_ceilings(self) -> list[tuple[int, Any, Any]]:
        """(year, ceiling as given, ceiling as an exact Decimal) for the years with a ceiling."""
        items = []
        if not isinstance(self.ceilings, (Mapping, pd.Series)):
            # a bare number would read as the ceiling of year 0: say what is meant instead
            raise BudgetError(
                phrase(
                    "err_model_line_ceilings_mapping",
                    name=repr(self.name),
                    ceilings=repr(self.ceilings),
                )
            )
        source = self.ceilings.items()
        for year, value in source:
            try:
                year_int = int(year)
            except (TypeError, ValueError):
                raise BudgetError(
                    phrase("err_model_line_not_a_year", name=repr(self.name), year=repr(year))
                ) from None
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            try:
                amount = to_decimal(value)
            except ValueError as error:
                raise BudgetError(
                    phrase(
                        "err_model_line_year_error",
                        name=repr(self.name),
                        year=year_int,
                        error=error,
                    )
                ) from None
            if amount < 0:
                raise BudgetError(
                    phrase(
                        "err_model_line_ceiling_negative",
                        name=repr(self.name),
                        year=year_int,
                        value=repr(value),
                    )
                )
            items.append((year_int, value, amount))
        return items

    def ceilings_minor(self, money: Money) -> dict[int, int]:
        """Ceilings as integers of ``money``'s minor unit by year (rounded down to it); years
        without a ceiling absent."""
        try:
            return {
                year: money.ceiling_to_minor(amount, self.unit)
                for year, amount in self._exact.items()  # type: ignore[attr-defined]
            }
        except ValueError as error:
            raise BudgetError(
                phrase("err_model_line_error", name=repr(self.name), error=error)
            ) from None

    def scaled(self, factor: object) -> BudgetLine:
        """The same line with every ceiling multiplied by ``factor``, exactly."""
        times = to_decimal(factor)
        ceilings = {year: amount * times for year, amount in self._exact.items()}  # type: ignore[attr-defined]
        return BudgetLine(self.name, ceilings, self.rule, self.shares, self.unit, self.within)

    @property
    def is_shared(self) -> bool:
        """Whether the line funds fractions of projects (shares) rather than whole projects."""
        return self.shares is not None

    def members(self, portfolio: Portfolio | pd.DataFrame) -> np.ndarray:
        """Boolean mask over the projects (in table order) that draw on this line at all."""
        frame = portfolio.frame if isinstance(portfolio, Portfolio) else portfolio
        if self.shares is not None:
            return self.share_array(frame) > 0
        return _rule_mask(self.rule, frame, self.name)

    def share_array(self, portfolio: Portfolio | pd.DataFrame) -> np.ndarray:
        """Fraction of each project (table order) that draws on this line (0 to 1), as floats
        (:meth:`share_fractions` gives them exactly)."""
        return np.array([float(f) for f in self.share_fractions(portfolio)], dtype=float)

    def share_fractions(self, portfolio: Portfolio | pd.DataFrame) -> list[Fraction]:
        """Fraction of each project (table order) that draws on this line, exactly."""
        frame = portfolio.frame if isinstance(portfolio, Portfolio) else portfolio
        if self.shares is None:
            mask = _rule_mask(self.rule, frame, self.name)
            return [Fraction(int(m)) for m in mask]
        try:
            labels = resolve_ids(list(self.shares), frame.index)
        except DataError as error:
            raise BudgetError(
                phrase("err_model_line_no_project", name=repr(self.name), value=repr(error.value))
            ) from None
        out = [Fraction(0)] * len(frame)
        for position, share in zip(frame.index.get_indexer(labels), self.shares.values()):
            out[int(position)] = share
        return out

    def __repr__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        ceilings = ", ".join(
            f"{y}: {c.normalize():f}{unit}"
            for y, c in sorted(self._exact.items())  # type: ignore[attr-defined]
        )
        how = (
            f"shares of {len(self.shares)} projects"
            if self.shares is not None
            else f"rule {_rule_text(self.rule)}"
        )
        within = f", within {self.within!r}" if self.within else ""
        return f"BudgetLine({self.name!r}, {{{ceilings}}}, {how}{within})"


def _exact_share(value: Any) -> Fraction | None:
    """A share as an exact fraction: text and decimals as written (``"0.6"`` = 3/5), a float
    as the simplest fraction it holds (``0.6`` = 3/5, ``1/6`` = 1/6), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Rational):
        return Fraction(value)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(float(value)):
            return None
        # a float is a decimal or a quotient as typed or computed: its simplest fraction
        return Fraction(float(value)).limit_denominator(10**9)
    try:
        number = to_decimal(value)
    except ValueError:
        return None
    if not number.is_finite():
        return None
    return Fraction(number)


def as_budget_lines(ceilings: Any) -> tuple[BudgetLine, ...]:
    """Read ceilings given in any accepted form as a tuple of budget lines.

    ``None`` gives no line; a number is one ceiling for every year (it needs the plan years,
    so :func:`capex.spread` expands it); ``{year: 亿元}`` or a Series is one line named
    ``"ceiling"`` over all projects; a :class:`BudgetLine` or an iterable of them is kept.
    """
    if ceilings is None:
        return ()
    if isinstance(ceilings, BudgetLine):
        return (ceilings,)
    if isinstance(ceilings, (Mapping, pd.Series)):
        return (BudgetLine("ceiling", dict(ceilings.items()), None),)
    if isinstance(ceilings, Iterable) and not isinstance(ceilings, (str, bytes)):
        lines = tuple(ceilings)
        if not all(isinstance(line, BudgetLine) for line in lines):
            raise BudgetError(phrase("err_model_ceilings_list"))
        names = [line.name for line in lines]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise BudgetError(phrase("err_model_line_names_repeat", duplicates=duplicates))
        return lines
    raise BudgetError(phrase("err_model_ceilings_kind", ceilings=repr(ceilings)))


def resolve_lines(
    portfolio: Portfolio,
    ceilings: Any,
    *,
    any_year: bool = False,
    years: Iterable[int] | None = None,
    whole_flows: bool = False,
) -> tuple[BudgetLine, ...]:
    """The budget lines meant by ``ceilings``, checked against the plan: the one reading of
    ceilings that the solvers and the checker share.

    Parameters
    ----------
    portfolio
        The projects; their plan period and their own budget lines.
    ceilings
        ``None`` for the portfolio's own budget lines; one number (in the display unit, 亿元 for
        the bundled plan) for a ceiling in every plan year; otherwise any form
        :func:`as_budget_lines` takes (``{year: amount}``, a :class:`BudgetLine` or a list of
        them).
    any_year
        A spread places money in the plan years only, so by default a ceiling for another year
        is an error; the deferral optimiser moves whole cash flows and takes ceilings for any
        year (``any_year=True``). A single number is a ceiling for every plan year either way.
    years
        The years a single number is a ceiling for: every plan year by default; a re-forecast
        gives the plan years after its cut-off.
    whole_flows
        Whether the solver places each project's whole cash flow (the deferral), so that a
        source line's shares are of each project's total; else of its plan money.

    A line whose rule is ``"source"`` is the portfolio's funding source of its name
    (:func:`source_lines`): its shares are each project's part of that source,
    and it nests within the line of the source it nests in. Once one line is a source, every
    other source of the portfolio is a line too (with no ceiling unless given one), so that
    each project splits into exactly its sources' parts and every source's money is counted
    as the reports by source count it.

    Raises
    ------
    BudgetError
        For ceilings in no accepted form, a ceiling outside the plan period, or a source line
        for a source the portfolio does not have.
    """
    first, last = portfolio.plan_period
    if ceilings is None:
        lines = tuple(portfolio.budget_lines)
    elif isinstance(ceilings, (Real, Decimal)) and not isinstance(ceilings, bool):
        span = range(first, last + 1) if years is None else years
        lines = (BudgetLine("ceiling", dict.fromkeys(span, ceilings)),)
    else:
        lines = as_budget_lines(ceilings)
    lines = _with_sources(portfolio, lines, whole_flows)
    for line in lines:
        outside = sorted(y for y in line.ceilings if not first <= y <= last)
        if outside and not any_year:
            raise BudgetError(
                phrase(
                    "err_model_line_outside_period",
                    name=repr(line.name),
                    outside=outside[0],
                    first=first,
                    last=last,
                )
            )
    return lines


def source_name(line: BudgetLine) -> str | None:
    """The funding source a line stands for (its rule is ``source``: the source of its
    name), or ``None``."""
    if not isinstance(line.rule, str) or line.shares is not None:
        return None
    return line.name if _SOURCE_RULE.match(line.rule) else None


def _with_sources(
    portfolio: Portfolio, lines: tuple[BudgetLine, ...], whole_flows: bool = False
) -> tuple[BudgetLine, ...]:
    """``lines`` with each source line made the line of its source (see
    :func:`source_lines`): shares of each project's plan money, or of its total when the
    solver moves whole cash flows."""
    if not any(source_name(line) for line in lines):
        return lines
    sources = portfolio.sources
    if sources is None:
        first = next(line.name for line in lines if source_name(line))
        raise BudgetError(phrase("err_model_line_source_no_split", line=repr(first)))
    ids = portfolio.ids
    if whole_flows:
        amounts = pd.Series(portfolio.column("total_minor"), index=ids)
        parts = sources.split(amounts)
    else:
        amounts = pd.Series(portfolio.column("plan_minor"), index=ids)
        parts = sources.plan_parts(portfolio)
    return source_lines(lines, sources, parts, amounts)


def source_lines(
    lines: tuple[BudgetLine, ...], sources: Any, parts: pd.DataFrame, amounts: pd.Series
) -> tuple[BudgetLine, ...]:
    """``lines`` with each source line (rule ``source``) made the line of its source, and a
    line with no ceiling for every other source once one is given: each project's share on a
    source's line is its part of that source (``parts``, project x source, a parent
    including its children) over its money (``amounts``), exactly; a nested source's line is
    within its parent's. So every project splits into exactly its sources' parts, and each
    source's money is counted as the reports by source count it.

    Raises
    ------
    BudgetError
        For a source line of a source the portfolio does not have, or another line with a
        source's name.
    """
    named = [line.name for line in lines if source_name(line)]
    if not named:
        return lines
    for name in named:
        if name not in sources.names:
            raise BudgetError(
                phrase(
                    "err_model_line_no_such_source",
                    name=repr(name),
                    source=repr(name),
                    names=", ".join(sources.names),
                )
            )
    taken = {line.name for line in lines} - set(named)
    clash = sorted(taken & set(sources.names))
    if clash:
        raise BudgetError(phrase("err_model_line_source_name_clash", line=repr(clash[0])))
    given = {line.name: line for line in lines if source_name(line)}
    out = [line for line in lines if not source_name(line)]
    money = amounts.reindex(parts.index).to_numpy(np.int64)
    for name in sources.names:  # every source a line, parents before children
        line = given.get(name)
        column = parts[name].to_numpy(np.int64)
        shares = {
            pid: Fraction(int(part), int(total))
            for pid, part, total in zip(parts.index, column, money)
            if total > 0 and part > 0
        }
        out.append(
            BudgetLine(
                name,
                dict(line.ceilings) if line is not None else {},
                "all",
                shares=shares,
                unit=line.unit if line is not None else None,
                within=sources.parent_of(name),
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------------------
# the parts share lines fund: one split for every solver
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FundedParts:
    """Projects as the units a solver places: a whole project, or, where share lines fund
    it, one part per share line (a nested line's part apart from its parent's own) and one
    for the rest.

    Attributes
    ----------
    project
        (U,) the position of each unit's project.
    line
        (U,) the share line that funds a part (-1: a whole project, or the rest).
    amount
        (U,) each unit's money; a project's units add up to its amount exactly.
    target
        (U, T) each unit's target over the periods: its project's, split in proportion.
    on_lines
        (U, L) the lines each unit counts against: the rule lines its project matches, and
        for a part its own share line and the lines it is within.
    members
        (n, L) the share of each project each line carries (1 or 0 for a rule line).
    has_shares
        Whether any project is split.
    """

    project: np.ndarray
    line: np.ndarray
    amount: np.ndarray
    target: np.ndarray
    on_lines: np.ndarray
    members: np.ndarray
    has_shares: bool


def funded_parts(
    lines: tuple[BudgetLine, ...],
    frame: pd.DataFrame | None,
    amounts: np.ndarray,
    targets: np.ndarray,
    *,
    only_positive: bool = True,
) -> FundedParts:
    """Split the projects of ``frame`` (their ``amounts`` and ``targets``) into the parts
    that ``lines`` fund.

    A project on share lines is split exactly by its shares (:func:`capex.model.sources.apportion`:
    largest remainder on the exact fractions, ties to the earlier line): one part per line,
    a nested line's part taken out of its parent's, and one part for what no line funds;
    each part's target is its project's, in proportion (largest remainder). A project on no
    share line is one unit. Projects with no money are left out (``only_positive``).

    Raises
    ------
    BudgetError
        For shares that add up to more than the whole of a project, or a nested line's share
        above its parent's.
    """
    from capex.model.profiles import largest_remainder
    from capex.model.sources import apportion

    amounts = np.asarray(amounts, dtype=np.int64)
    n, n_lines = len(amounts), len(lines)
    table = frame if frame is not None else pd.DataFrame(index=range(n))
    rule = np.zeros((n, n_lines), dtype=bool)
    fractions: list[list[Fraction]] = []
    shared = np.array([line.is_shared for line in lines], dtype=bool)
    for k, line in enumerate(lines):
        if line.is_shared:
            fractions.append(line.share_fractions(table))
        else:
            rule[:, k] = line.members(table)
            fractions.append([])
    parent = _line_parents(lines)
    share = np.zeros((n, n_lines))
    for k in np.flatnonzero(shared):
        share[:, k] = [float(f) for f in fractions[k]]
    funded = np.zeros(n, dtype=bool)
    for k in np.flatnonzero(shared):
        funded |= np.array([f > 0 for f in fractions[k]], dtype=bool)
    has_money = amounts > 0 if only_positive else np.ones(n, dtype=bool)

    whole = np.flatnonzero(has_money & ~funded)
    every = len(whole) == n  # every project a unit of its own: its rows as they are, uncopied
    unit_project, unit_line = [whole], [np.full(len(whole), -1)]
    unit_amount = [amounts if every else amounts[whole]]
    unit_target = [np.asarray(targets) if every else np.asarray(targets)[whole]]
    split = np.flatnonzero(has_money & funded)
    if len(split):
        weights = _part_weights(lines, fractions, parent, split, table.index)
        parts = apportion(amounts[split], weights)
        rows, cols = np.nonzero(parts)
        projects = split[rows]
        part_amounts = parts[rows, cols]
        period_weights = np.asarray(targets)[projects] / amounts[projects][:, None]
        unit_project.append(projects)
        unit_line.append(np.where(cols < n_lines, cols, -1))
        unit_amount.append(part_amounts)
        unit_target.append(
            np.vstack(
                [largest_remainder(np.array([a]), w) for a, w in zip(part_amounts, period_weights)]
            )
        )
    project = _joined(unit_project)
    line_of = _joined(unit_line)
    periods = np.asarray(targets).shape[1] if np.asarray(targets).ndim == 2 else 0
    on_lines = rule[project]
    if len(split) and n_lines:
        on_lines[:, shared] = False
        for u in np.flatnonzero(line_of >= 0):
            k = int(line_of[u])
            while k >= 0:  # its own line and every line it is within
                on_lines[u, k] = True
                k = int(parent[k])
    members = np.where(shared[None, :], share, rule.astype(float)) if n_lines else share
    return FundedParts(
        project,
        line_of,
        _joined(unit_amount),
        _joined(unit_target).reshape(-1, periods),
        on_lines,
        members,
        bool(len(split)),
    )


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    """The arrays one after another as int64, copied only when there is more than one or
    they are not int64 (a million projects' targets are 40 MB)."""
    joined = arrays[0] if len(arrays) == 1 else np.concatenate(arrays)
    return joined.astype(np.int64, copy=False)


def _line_parents(lines: tuple[BudgetLine, ...]) -> np.ndarray:
    """The position of the share line each line is within (-1: none); a cycle is an error."""
    position = {line.name: k for k, line in enumerate(lines)}
    parent = np.full(len(lines), -1, dtype=np.int64)
    for k, line in enumerate(lines):
        if line.within is None or not line.is_shared:
            continue
        p = position.get(line.within, -1)
        if p >= 0 and lines[p].is_shared:
            parent[k] = p
    for k in range(len(lines)):
        seen, p = {k}, int(parent[k])
        while p >= 0:
            if p in seen:
                raise BudgetError(phrase("err_model_line_circle", name=repr(lines[k].name)))
            seen.add(p)
            p = int(parent[p])
    return parent


def _part_weights(
    lines: tuple[BudgetLine, ...],
    fractions: list[list[Fraction]],
    parent: np.ndarray,
    split: np.ndarray,
    ids: pd.Index,
    invalid: list[int] | None = None,
) -> np.ndarray:
    """Integer weights of each split project's parts: per share line its own part (its
    share less its nested lines'), then the rest; exact, over a common denominator. Shares
    that are not parts of a whole are an error, or with ``invalid`` (a list) noted there (by
    row) and given no weights."""
    n_lines = len(lines)
    out = np.zeros((len(split), n_lines + 1), dtype=object)
    for r, i in enumerate(split):
        shares = [fractions[k][i] if lines[k].is_shared else Fraction(0) for k in range(n_lines)]
        own = list(shares)
        top = Fraction(0)
        for k in range(n_lines):
            if parent[k] >= 0:
                own[int(parent[k])] -= shares[k]
            elif lines[k].is_shared:
                top += shares[k]
        bad = next((k for k in range(n_lines) if own[k] < 0), None)
        if invalid is not None and (bad is not None or top > 1):
            invalid.append(r)
            continue
        if bad is not None:
            raise BudgetError(
                phrase(
                    "err_model_line_shares_exceed_own",
                    name=repr(lines[bad].name),
                    pid=ids[i],
                    share=f"{float(shares[bad]):g}",
                )
            )
        if top > 1:
            raise BudgetError(
                phrase("err_model_shares_above_one", pid=ids[i], total=f"{float(top):g}")
            )
        denominator = math.lcm(*(f.denominator for f in [*own, top]))
        out[r, :n_lines] = [int(f * denominator) for f in own]
        out[r, n_lines] = int((1 - top) * denominator)
    if all(int(v) < 2**62 for v in out.ravel()):
        return out.astype(np.int64)
    return out


def share_loads(
    lines: tuple[BudgetLine, ...], frame: pd.DataFrame, flows: np.ndarray
) -> np.ndarray:
    """What each share line carries of each project's money in each period, exactly:
    (L, n, T) integers for ``flows`` (n, T), zeros for a line with no shares.

    A project's flow is split into its parts (as :func:`funded_parts` splits its money) year
    by year by :func:`capex.model.sources.split_flows` (each year in proportion to what each part
    has left to pay), and a line carries its own part and the parts of the lines within it.
    So a deferral that moves whole cash flows counts a source line's money as the reports by
    source count it.
    """
    from capex.model.sources import apportion, split_flows

    flows = np.asarray(flows, dtype=np.int64)
    n, periods = flows.shape
    out = np.zeros((len(lines), n, periods), dtype=np.int64)
    shared = [k for k, line in enumerate(lines) if line.is_shared]
    if not shared:
        return out
    fractions = [line.share_fractions(frame) if line.is_shared else [] for line in lines]
    funded = np.zeros(n, dtype=bool)
    for k in shared:
        funded |= np.array([f > 0 for f in fractions[k]], dtype=bool)
    split = np.flatnonzero(funded & flows.any(axis=1))
    if not len(split):
        return out
    parent = _line_parents(lines)
    invalid: list[int] = []
    weights = _part_weights(lines, fractions, parent, split, frame.index, invalid)
    totals = apportion(flows[split].sum(axis=1), weights)
    own = split_flows(flows[split], totals)  # (m, T, L + 1)
    for k in range(len(lines)):
        carried = own[:, :, k].copy()
        for c in range(len(lines)):
            a = int(parent[c])
            while a >= 0 and c != k:  # a line within k, however deep
                if a == k:
                    carried += own[:, :, c]
                    break
                a = int(parent[a])
        out[k, split] = carried if lines[k].is_shared else 0
    if invalid:  # shares that are no parts of a whole (lines that overlap): each rounded up
        rows = split[invalid]
        for k in shared:
            share = np.array([float(fractions[k][i]) for i in rows])
            out[k, rows] = np.ceil(share[:, None] * flows[rows] - 1e-9).astype(np.int64)
    return out


# ---------------------------------------------------------------------------------------
# rules
# ---------------------------------------------------------------------------------------
_SHARES = re.compile(r"^\s*shares\s*\((.*)\)\s*$", re.IGNORECASE)


def _parse_line_spec(text: str, line: str) -> tuple[Rule, dict[Any, Any] | None]:
    """A CSV rule cell: ``all``, ``column=value & ...``, ``shares(id=fraction; ...)`` or
    ``source`` (``source(name)``)."""
    if _SOURCE_RULE.match(text):
        return text.strip(), None
    match = _SHARES.match(text)
    if match is None:
        _parse_rule(text, line)
        return text, None
    shares: dict[Any, Any] = {}
    for item in re.split(r"[;,]", match.group(1)):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        if not sep:
            raise BudgetError(
                phrase("err_model_line_share_expected", line=repr(line), text=repr(item.strip()))
            )
        key = key.strip()
        pid: Any = int(key) if re.fullmatch(r"-?\d+", key) else key
        if pid in shares:
            raise BudgetError(phrase("err_model_line_share_twice", line=repr(line), pid=pid))
        exact = _exact_share(value.strip())
        if exact is None:
            raise BudgetError(
                phrase("err_model_line_share_not_number", line=repr(line), text=repr(value.strip()))
            )
        shares[pid] = exact
        if not 0 <= shares[pid] <= 1:
            raise BudgetError(
                phrase(
                    "err_model_line_share_not_fraction", line=repr(line), text=repr(value.strip())
                )
            )
    if not shares:
        raise BudgetError(phrase("err_model_line_shares_empty", line=repr(line)))
    return None, shares


def _parse_rule(text: str, line: str) -> list[tuple[str, str]]:
    stripped = text.strip()
    if stripped.lower() in ("", "all", "*"):
        return []
    if _SOURCE_RULE.match(stripped):
        raise BudgetError(phrase("err_model_line_source_unresolved", line=repr(line)))
    conditions = []
    for part in stripped.split("&"):
        column, sep, value = part.partition("=")
        if not sep or not column.strip():
            raise BudgetError(
                phrase("err_model_line_rule_reads", line=repr(line), text=repr(part.strip()))
            )
        conditions.append((column.strip(), value.strip()))
    return conditions


def _rule_mask(rule: Rule, frame: pd.DataFrame, line: str) -> np.ndarray:
    n = len(frame)
    if rule is None:
        return np.ones(n, dtype=bool)
    if callable(rule):
        try:
            mask = np.asarray(rule(frame), dtype=bool)
        except Exception as error:  # a user's callable: report it as ours, with the line
            raise BudgetError(
                phrase("err_model_line_rule_failed", line=repr(line), error=error)
            ) from error
        if mask.shape != (n,):
            raise BudgetError(phrase("err_model_line_rule_booleans", line=repr(line)))
        return mask
    if isinstance(rule, str):
        conditions: Iterable[tuple[str, Any]] = _parse_rule(rule, line)
    elif isinstance(rule, Mapping):
        conditions = rule.items()
    else:
        raise BudgetError(phrase("err_model_line_rule_kind", line=repr(line)))
    mask = np.ones(n, dtype=bool)
    for column, wanted in conditions:
        if column not in frame.columns:
            raise BudgetError(
                phrase("err_model_line_no_column", line=repr(line), column=repr(column))
            )
        values = frame[column]
        options = list(wanted) if isinstance(wanted, (list, tuple, set, frozenset)) else [wanted]
        mask &= np.asarray(
            values.isin([_typed(o, values, line, column) for o in options]), dtype=bool
        )
    return mask


def _typed(value: Any, values: pd.Series, line: str, column: str) -> Any:
    """A rule value (often text from a CSV) as the column's type."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if pd.api.types.is_bool_dtype(values.dtype):
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        raise BudgetError(
            phrase("err_model_line_yes_no", line=repr(line), column=column, value=repr(value))
        )
    if pd.api.types.is_integer_dtype(values.dtype):
        try:
            return int(text)
        except ValueError:
            raise BudgetError(
                phrase(
                    "err_model_line_whole_number", line=repr(line), column=column, value=repr(value)
                )
            ) from None
    if pd.api.types.is_float_dtype(values.dtype):
        try:
            # read as the loader reads the column, so 55000 and 55,000 match 55000.0
            return float(to_decimal(text))
        except ValueError:
            raise BudgetError(
                phrase("err_model_line_number", line=repr(line), column=column, value=repr(value))
            ) from None
    return text


def _rule_text(rule: Rule) -> str:
    if rule is None:
        return "all"
    if isinstance(rule, str):
        return rule
    if isinstance(rule, Mapping):
        return " & ".join(f"{k}={v}" for k, v in rule.items())
    return getattr(rule, "__name__", "callable")


def whole_plan_ceilings_minor(portfolio: Portfolio, ceilings: Any) -> pd.Series:
    """Ceilings of the whole plan by year, integers of the portfolio's minor unit (rounded
    down), for measuring a risk draw's spending against; empty for ``None``.

    ``ceilings`` is read by :func:`resolve_lines` (amounts in the money's display unit, 亿元
    for yuan; one number is a ceiling for every plan year); anything but one line over every
    project is refused, since a draw's spending is measured against the plan's total ceilings.

    Raises
    ------
    BudgetError
        For ceilings that are not of the whole plan, or in no accepted form.
    """
    if ceilings is None:
        lines: tuple[BudgetLine, ...] = ()
    else:
        lines = resolve_lines(portfolio, ceilings, any_year=True)
        if len(lines) != 1 or lines[0].is_shared or lines[0].rule not in (None, "all", "*"):
            raise BudgetError(phrase("err_model_risk_whole_plan"))
    values = lines[0].ceilings_minor(portfolio.money) if lines else {}
    series = pd.Series(values, dtype=np.int64, name="ceiling").sort_index()
    series.index = pd.Index([int(y) for y in series.index], name="year", dtype=np.int64)
    return series
