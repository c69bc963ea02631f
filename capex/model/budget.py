"""Budget lines: named annual ceilings and the projects that draw on them.

A :class:`BudgetLine` has a name, a ceiling per year (in the portfolio's display unit, 亿元 for
the bundled plan, unless the line names its ``unit``; ``None`` or a missing year means no
ceiling) and says which projects draw on it, in one of three ways:

* a **rule** over the project table: ``None`` (every project), a mapping of column to value
  such as ``{"government_investment": True}`` or ``{"builder": "镜湖开发办"}`` (a list value
  means any of them; several keys must all hold), or a callable taking the project frame and
  returning a boolean mask;
* **shares**: ``{project id: fraction}``, the fraction of the project's money that this line
  funds (a project funded 60/40 by two sources has one share on each line).

A plain ``{year: 亿元}`` is one line, ``"ceiling"``, over all projects (:func:`as_budget_lines`).

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

``ceiling`` is in the display unit, 亿元 for yuan (empty: no ceiling that year); ``rule`` is given on at least one row of
each line and, where repeated, must be the same.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError, DataError
from capex.model.ids import resolve_ids
from capex.model.money import Money, to_decimal
from capex.model.portfolio import Portfolio

__all__ = ["BudgetError", "BudgetLine", "as_budget_lines", "resolve_lines", "whole_plan_ceilings_minor"]

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
        Instead of a rule: ``{project id: fraction}`` of each project funded by this line.
    unit
        The unit of the ceilings (``"亿元"``, ``"万元"``, ``"USD"`` ...); ``None`` means the
        display unit of the portfolio the line is used with (亿元 for yuan).
    """

    name: str
    ceilings: Mapping[int, Any] = field(default_factory=dict)
    rule: Rule = None
    shares: Mapping[Any, float] | None = None
    unit: str | None = None

    def __post_init__(self) -> None:
        if not str(self.name).strip():
            raise BudgetError("a budget line needs a name")
        object.__setattr__(self, "name", str(self.name).strip())
        if self.shares is not None and self.rule is not None and self.rule != "all":
            raise BudgetError(f"budget line {self.name!r}: give a rule or shares, not both")
        exact = self._exact_ceilings()
        object.__setattr__(self, "ceilings", {year: value for year, value, _ in exact})
        object.__setattr__(self, "_exact", {year: amount for year, _, amount in exact})
        if isinstance(self.rule, str):
            _parse_rule(self.rule, self.name)  # fail early on bad text
        if self.shares is not None:
            shares = (
                dict(self.shares.items()) if isinstance(self.shares, Mapping) else dict(self.shares)
            )
            for pid, share in shares.items():
                value = float(share)
                if not (math.isfinite(value) and 0 <= value <= 1):
                    raise BudgetError(
                        f"budget line {self.name!r}: share of project {pid} must be in 0..1, not {share!r}"
                    )
            object.__setattr__(self, "shares", {k: float(v) for k, v in shares.items()})

    def _exact_ceilings(self) -> list[tuple[int, Any, Any]]:
        """(year, ceiling as given, ceiling as an exact Decimal) for the years with a ceiling."""
        items = []
        if not isinstance(self.ceilings, (Mapping, pd.Series)):
            # a bare number would read as the ceiling of year 0: say what is meant instead
            raise BudgetError(
                f"budget line {self.name!r}: ceilings are {{year: amount}}, not "
                f"{self.ceilings!r}; for one ceiling in every plan year pass the number to "
                "capex.spread or capex.shift itself"
            )
        source = self.ceilings.items()
        for year, value in source:
            try:
                year_int = int(year)
            except (TypeError, ValueError):
                raise BudgetError(f"budget line {self.name!r}: {year!r} is not a year") from None
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            try:
                amount = to_decimal(value)
            except ValueError as error:
                raise BudgetError(f"budget line {self.name!r}, year {year_int}: {error}") from None
            if amount < 0:
                raise BudgetError(
                    f"budget line {self.name!r}, year {year_int}: a ceiling cannot be negative: "
                    f"{value!r}"
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
            raise BudgetError(f"budget line {self.name!r}: {error}") from None

    def scaled(self, factor: object) -> BudgetLine:
        """The same line with every ceiling multiplied by ``factor``, exactly."""
        times = to_decimal(factor)
        ceilings = {year: amount * times for year, amount in self._exact.items()}  # type: ignore[attr-defined]
        return BudgetLine(self.name, ceilings, self.rule, self.shares, self.unit)

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
        """Fraction of each project (table order) that draws on this line (0 to 1)."""
        frame = portfolio.frame if isinstance(portfolio, Portfolio) else portfolio
        if self.shares is None:
            return _rule_mask(self.rule, frame, self.name).astype(float)
        try:
            labels = resolve_ids(list(self.shares), frame.index)
        except DataError as error:
            raise BudgetError(
                f"budget line {self.name!r}: no project with id {error.value!r}"
            ) from None
        out = np.zeros(len(frame))
        positions = frame.index.get_indexer(labels)
        out[positions] = list(self.shares.values())
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
        return f"BudgetLine({self.name!r}, {{{ceilings}}}, {how})"


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
            raise BudgetError("a list of ceilings must hold BudgetLine objects")
        names = [line.name for line in lines]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise BudgetError(f"budget line names must differ; repeated: {duplicates}")
        return lines
    raise BudgetError(
        f"ceilings must be None, a number, {{year: 亿元}}, a BudgetLine or a list of them; got {ceilings!r}"
    )


def resolve_lines(
    portfolio: Portfolio,
    ceilings: Any,
    *,
    any_year: bool = False,
    years: Iterable[int] | None = None,
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

    Raises
    ------
    BudgetError
        For ceilings in no accepted form, or a ceiling outside the plan period.
    """
    first, last = portfolio.plan_period
    if ceilings is None:
        lines = tuple(portfolio.budget_lines)
    elif isinstance(ceilings, (Real, Decimal)) and not isinstance(ceilings, bool):
        span = range(first, last + 1) if years is None else years
        lines = (BudgetLine("ceiling", dict.fromkeys(span, ceilings)),)
    else:
        lines = as_budget_lines(ceilings)
    for line in lines:
        outside = sorted(y for y in line.ceilings if not first <= y <= last)
        if outside and not any_year:
            raise BudgetError(
                f"budget line {line.name!r} has a ceiling for {outside[0]}, outside the plan period {first}-{last}"
            )
    return lines


# ---------------------------------------------------------------------------------------
# rules
# ---------------------------------------------------------------------------------------
_SHARES = re.compile(r"^\s*shares\s*\((.*)\)\s*$", re.IGNORECASE)


def _parse_line_spec(text: str, line: str) -> tuple[Rule, dict[Any, float] | None]:
    """A CSV rule cell: ``all``, ``column=value & ...`` or ``shares(id=fraction; ...)``."""
    match = _SHARES.match(text)
    if match is None:
        _parse_rule(text, line)
        return text, None
    shares: dict[Any, float] = {}
    for item in re.split(r"[;,]", match.group(1)):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        if not sep:
            raise BudgetError(
                f"line {line!r}: expected id=fraction in shares, got {item.strip()!r}"
            )
        key = key.strip()
        pid: Any = int(key) if re.fullmatch(r"-?\d+", key) else key
        if pid in shares:
            raise BudgetError(f"line {line!r}: project {pid} is given twice in shares")
        try:
            shares[pid] = float(value)
        except ValueError:
            raise BudgetError(f"line {line!r}: share {value.strip()!r} is not a number") from None
        if not 0 <= shares[pid] <= 1:
            raise BudgetError(f"line {line!r}: share {value.strip()!r} is not between 0 and 1")
    if not shares:
        raise BudgetError(f"line {line!r}: shares() lists no project")
    return None, shares


def _parse_rule(text: str, line: str) -> list[tuple[str, str]]:
    stripped = text.strip()
    if stripped.lower() in ("", "all", "*"):
        return []
    conditions = []
    for part in stripped.split("&"):
        column, sep, value = part.partition("=")
        if not sep or not column.strip():
            raise BudgetError(
                f"line {line!r}: a rule reads 'column=value' (or 'all'), not {part.strip()!r}"
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
            raise BudgetError(f"the rule of budget line {line!r} failed: {error}") from error
        if mask.shape != (n,):
            raise BudgetError(
                f"the rule of budget line {line!r} must give one True/False per project"
            )
        return mask
    if isinstance(rule, str):
        conditions: Iterable[tuple[str, Any]] = _parse_rule(rule, line)
    elif isinstance(rule, Mapping):
        conditions = rule.items()
    else:
        raise BudgetError(f"budget line {line!r}: a rule is None, a mapping, a text or a callable")
    mask = np.ones(n, dtype=bool)
    for column, wanted in conditions:
        if column not in frame.columns:
            raise BudgetError(f"budget line {line!r}: the projects have no column {column!r}")
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
        raise BudgetError(f"budget line {line!r}: {column} is yes or no, not {value!r}")
    if pd.api.types.is_integer_dtype(values.dtype):
        try:
            return int(text)
        except ValueError:
            raise BudgetError(
                f"budget line {line!r}: {column} is a whole number, not {value!r}"
            ) from None
    if pd.api.types.is_float_dtype(values.dtype):
        try:
            # read as the loader reads the column, so 55000 and 55,000 match 55000.0
            return float(to_decimal(text))
        except ValueError:
            raise BudgetError(
                f"budget line {line!r}: {column} is a number, not {value!r}"
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
            raise BudgetError(
                "risk draws are measured against ceilings of the whole plan: give {year: amount} "
                "or one amount, or one budget line over every project"
            )
    values = lines[0].ceilings_minor(portfolio.money) if lines else {}
    series = pd.Series(values, dtype=np.int64, name="ceiling").sort_index()
    series.index = pd.Index([int(y) for y in series.index], name="year", dtype=np.int64)
    return series
