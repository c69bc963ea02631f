"""What a project is worth when a plan is chosen: a column, a Series, a framework or places.

:func:`capex.select` maximises the total value of the projects it chooses. The value of each
candidate is one of

* a **column** the user names: a number per project in the bank's table (a score, a benefit,
  学位) or a numeric column of the portfolio (``classes``);
* a **Series** (or mapping) by project id;
* a :class:`ValueFramework`: a weighted sum of criteria, each normalised as stated (the way
  Copperleaf's value frameworks and multi-criteria scoring models weigh benefits);
* **school places** (``value="学位"`` or ``"places"``): classes times the places per class
  of the school type (:mod:`capex.model.places`, which cites the standards).

Values are exact: decimals as written and fractions (a min-max normalisation divides) are
kept as :class:`fractions.Fraction`; :attr:`Values.scaled` multiplies them all by one whole
number (:attr:`Values.scale`, the least common denominator) so that the solver maximises
integers and the chosen plan's value is exact. A value that cannot be known (a school of
unknown type, an empty cell) is missing, and said in :attr:`Values.findings`.

>>> from capex.model.value import ValueFramework
>>> framework = ValueFramework({"places": 2, "score": 1}, normalise="max")
>>> frame = pd.DataFrame({"places": [900, 1800], "score": [3, 1]}, index=[1, 2])
>>> [str(v) for v in framework.evaluate(frame)]
['2', '7/3']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.model.ids import resolve_ids
from capex.model.money import to_decimal
from capex.terms import Message, joined, phrase

__all__ = [
    "MAX_TOTAL_VALUE",
    "NORMALISATIONS",
    "PLACES_WORDS",
    "ValuationError",
    "ValueFramework",
    "Values",
    "exact_number",
    "fraction_text",
    "read_values",
]

NORMALISATIONS = ("min-max", "max", "none")
"""How a :class:`ValueFramework` puts its criteria on one scale."""

PLACES_WORDS = frozenset({"学位", "places", "school places", "school_places", "学位数"})
"""Values of ``value=`` that mean school places."""

MAX_TOTAL_VALUE = 2**53
"""Bound on the sum of the scaled values' magnitudes: the solver's linear relaxation works in
double precision, which holds every whole number up to 2**53 exactly. Values that need more
digits than that (a score with many decimals over many projects) are refused, never
rounded."""


class ValuationError(CapexError, ValueError):
    """A value that cannot be read or used: a column that is not there, a cell that is not a
    number, a framework stated wrongly."""


def exact_number(value: Any) -> Fraction | None:
    """A number as an exact fraction: ints and decimals as written, a float by its shortest
    decimal text (``0.1`` is 1/10), ``None`` for a missing value (None, NaN, ``""``).

    Raises
    ------
    ValuationError
        For text that is not a number, or an infinite one.
    """
    if value is None or value is pd.NA:
        return None
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool | np.bool_):
        raise ValuationError(phrase("err_model_not_a_number", value=repr(value)))
    if isinstance(value, int | np.integer):
        return Fraction(int(value))
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return None
        if math.isinf(value):
            raise ValuationError(phrase("err_model_not_finite", value=repr(value)))
        return Fraction(Decimal(repr(float(value))))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValuationError(phrase("err_model_not_finite", value=repr(value)))
        return Fraction(value)
    text = str(value).strip()
    if not text:
        return None
    try:
        return Fraction(to_decimal(text))
    except (ValueError, ArithmeticError):
        raise ValuationError(phrase("err_model_not_a_number", value=repr(text))) from None


@dataclass(frozen=True)
class ValueFramework:
    """A weighted sum of criteria, each normalised as stated.

    Parameters
    ----------
    weights
        ``{criterion: weight}``: a criterion is a column of the bank (or a numeric column of
        the portfolio), a weight a non-negative number (exact: ``0.3`` is 3/10).
    normalise
        How each criterion is put on one scale before it is weighted: ``"min-max"`` (the
        default: ``(x - min) / (max - min)`` over the candidates, 0 to 1), ``"max"``
        (``x / max``; every value must be at least 0) or ``"none"`` (as written).
    lower_is_better
        Criteria where less is better (a cost, a risk): ``(max - x) / (max - min)`` for
        min-max, ``1 - x / max`` for max, ``-x`` for none.

    A criterion whose candidates all have the same value adds nothing (normalised to 0
    under min-max).
    """

    weights: Mapping[str, Any]
    normalise: str = "min-max"
    lower_is_better: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.weights, Mapping) or not self.weights:
            raise ValuationError(phrase("err_model_value_framework_empty"))
        weights = {}
        for name, weight in self.weights.items():
            number = exact_number(weight)
            if number is None or number < 0:
                raise ValuationError(
                    phrase("err_model_criterion_weight", name=repr(name), weight=repr(weight))
                )
            weights[str(name)] = number
        object.__setattr__(self, "weights", weights)
        if self.normalise not in NORMALISATIONS:
            raise ValuationError(
                phrase(
                    "err_model_unknown_normalisation",
                    normalise=repr(self.normalise),
                    choices=", ".join(NORMALISATIONS),
                )
            )
        lower = (
            (self.lower_is_better,)
            if isinstance(self.lower_is_better, str)
            else tuple(self.lower_is_better)
        )
        unknown = [c for c in lower if c not in weights]
        if unknown:
            raise ValuationError(phrase("err_model_lower_is_better", unknown=repr(unknown[0])))
        object.__setattr__(self, "lower_is_better", lower)

    @property
    def criteria(self) -> list[str]:
        """The criteria, in the order given."""
        return list(self.weights)

    def evaluate(self, table: pd.DataFrame) -> pd.Series:
        """The value of every row of ``table`` (one column per criterion, exact numbers or
        their text), as exact fractions; missing where a criterion is missing.

        Raises
        ------
        ValuationError
            A criterion that is not a column, a cell that is not a number, a negative value
            under ``"max"`` normalisation.
        """
        out = pd.Series([Fraction(0)] * len(table), index=table.index, dtype=object)
        missing = pd.Series(False, index=table.index)
        for criterion, weight in self.weights.items():
            if criterion not in table.columns:
                raise ValuationError(
                    phrase("err_model_criterion_not_column", criterion=repr(criterion))
                )
            values = [exact_number(v) for v in table[criterion].tolist()]
            known = [v for v in values if v is not None]
            missing |= pd.Series([v is None for v in values], index=table.index)
            if not known:
                continue
            normalised = self._normalised(criterion, values, min(known), max(known))
            out = pd.Series(
                [
                    total + weight * (n if n is not None else 0)
                    for total, n in zip(out.tolist(), normalised)
                ],
                index=table.index,
                dtype=object,
            )
        out[missing.to_numpy()] = None
        return out

    def _normalised(
        self, criterion: str, values: list[Fraction | None], low: Fraction, high: Fraction
    ) -> list[Fraction | None]:
        lower = criterion in self.lower_is_better
        if self.normalise == "none":
            return [None if v is None else (-v if lower else v) for v in values]
        if self.normalise == "max":
            if low < 0:
                raise ValuationError(
                    phrase("err_model_criterion_negative", criterion=repr(criterion), low=low)
                )
            if high == 0:
                return [None if v is None else Fraction(0) for v in values]
            return [None if v is None else (1 - v / high if lower else v / high) for v in values]
        if high == low:
            return [None if v is None else Fraction(0) for v in values]
        span = high - low
        return [
            None if v is None else ((high - v) / span if lower else (v - low) / span)
            for v in values
        ]

    def describe(self) -> Message:
        """The framework in a sentence, for a report's assumptions."""
        parts = joined(
            (
                phrase(
                    "value_weight_lower" if name in self.lower_is_better else "value_weight",
                    name=name,
                    weight=_fraction_text(weight),
                )
                for name, weight in self.weights.items()
            ),
            "comma",
        )
        return phrase(
            "value_framework_text",
            parts=parts,
            normalise=phrase(f"normalise_{self.normalise.replace('-', '_')}"),
        )


@dataclass(frozen=True, eq=False)
class Values:
    """The value of every candidate, exact, and the integers the solver maximises.

    Attributes
    ----------
    exact
        Value by project id as :class:`~fractions.Fraction` (``None`` where not known).
    scale
        The whole number every value is multiplied by to make :attr:`scaled` integers (the
        least common denominator of the values).
    label
        What the value is, for headings: a column's name, ``学位`` ...
    description
        How the values were made, in a sentence (cites the standard for school places).
    findings
        ``project_id``, ``severity``, ``rule``, ``message``: values that could not be known,
        and notes on how some were counted.
    """

    exact: pd.Series
    scale: int
    label: Message | str
    description: Message
    findings: pd.DataFrame = field(repr=False)

    @classmethod
    def of(
        cls,
        exact: pd.Series,
        label: Message | str,
        description: Message,
        findings: pd.DataFrame | None = None,
    ) -> Values:
        """Values from exact numbers by id: the scale is computed and the bound checked."""
        numbers = [v for v in exact.tolist() if v is not None]
        scale = 1
        for number in numbers:
            scale = math.lcm(scale, Fraction(number).denominator)
        total = sum(abs(int(Fraction(v) * scale)) for v in numbers)
        if total > MAX_TOTAL_VALUE:
            raise ValuationError(phrase("err_model_values_precision", total=f"{total:,}"))
        if findings is None:
            findings = pd.DataFrame(columns=["project_id", "severity", "rule", "message"])
        return cls(exact, scale, label, description, findings)

    @property
    def missing(self) -> list[Any]:
        """Ids of the projects whose value is not known."""
        return [pid for pid, v in self.exact.items() if v is None]

    def scaled_array(self, ids: Iterable[Any]) -> np.ndarray:
        """The scaled integer values of ``ids`` in order (0 where not known)."""
        exact = self.exact.reindex(list(ids))
        known = exact.notna().to_numpy()
        scale = self.scale
        return np.array(
            [int(v * scale) if ok else 0 for v, ok in zip(exact.tolist(), known)], dtype=np.int64
        )

    def total(self, ids: Iterable[Any]) -> Fraction:
        """The exact total value of ``ids`` (projects whose value is not known add nothing)."""
        return sum((self.exact[pid] for pid in ids if self.exact[pid] is not None), Fraction(0))

    def shown(self) -> pd.Series:
        """The values as floats, for reading (missing as NaN)."""
        return pd.Series(
            [np.nan if v is None else float(v) for v in self.exact.tolist()],
            index=self.exact.index,
            name=str(self.label),
        )


def read_values(values: Any, ids: pd.Index, *, source: str = "value") -> pd.Series:
    """A Series or mapping of numbers by project id as exact fractions on ``ids`` (``None``
    for a project not given a value).

    Raises
    ------
    CapexError
        An id that names no project, a value that is not a number.
    """
    series = values if isinstance(values, pd.Series) else pd.Series(dict(values), dtype=object)
    labels = resolve_ids(list(series.index), ids, source=source, column="id")
    out = pd.Series([None] * len(ids), index=ids, dtype=object)
    for label, value in zip(labels, series.tolist()):
        try:
            out[label] = exact_number(value)
        except ValuationError as error:
            raise ValuationError(
                phrase("err_model_value_of_project", source=source, label=label, error=error)
            ) from None
    return out


def fraction_text(value: Fraction | None, places: int = 4) -> str:
    """A value for reading: a whole number as it is, else a decimal of up to ``places``."""
    if value is None:
        return ""
    value = Fraction(value)
    if value.denominator == 1:
        return f"{value.numerator:,}"
    return f"{float(value):,.{places}f}".rstrip("0").rstrip(".")


def _fraction_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))


# ---------------------------------------------------------------------------------------
# the value= of capex.select, read
# ---------------------------------------------------------------------------------------
_TYPE_COLUMNS = ("school_type", "学校类型", "办学类型", "学段")
"""Headings of a bank column that gives each project's school type."""


def resolve_values(
    portfolio: Any,
    value: Any,
    *,
    bank: Any = None,
    school_type: Any = None,
    even_split: bool = False,
) -> Values:
    """The values ``value=`` means for the candidates of ``portfolio``.

    Parameters
    ----------
    portfolio
        The candidates.
    value
        A column name (of ``bank``, or a numeric column of the portfolio such as
        ``classes``), ``"学位"``/``"places"`` (a bank column of that name if there is one,
        else school places, :mod:`capex.model.places`), a Series or mapping by id, or a
        :class:`ValueFramework` (whose criteria are read the same way: ``"学位"`` among
        them counts places where the bank has no such column).
    bank
        A :class:`~capex.io.bank.Bank` whose other columns hold values, criteria and school
        types; ``None`` for a plain portfolio.
    school_type, even_split
        For school places: each project's type by id (default: a bank column headed
        ``school_type`` or 学校类型, else the name), and whether to split classes evenly
        (see :func:`capex.model.places.school_places`).
    """
    from capex.model.places import STANDARDS

    ids = portfolio.ids
    findings: list[tuple[Any, str, str, Message]] = []
    places_text = phrase(
        "value_places_text", school=STANDARDS["school"], kindergarten=STANDARDS["kindergarten"]
    )

    def criterion(name: str) -> pd.Series:
        if (bank is None or not bank.has(name)) and name.strip().lower() in PLACES_WORDS:
            exact, found = _places(portfolio, bank, school_type, even_split)
            findings.extend(found)
            return exact
        return _criterion(portfolio, bank, name)

    if isinstance(value, ValueFramework):
        table = pd.DataFrame({c: criterion(c) for c in value.criteria}, index=ids)
        exact = value.evaluate(table)
        label, description = phrase("value_score"), value.describe()
        if any(c.strip().lower() in PLACES_WORDS for c in value.criteria):
            description = joined([description, places_text])
    elif isinstance(value, pd.Series | Mapping):
        exact = read_values(value, ids)
        label, description = phrase("value_word"), phrase("value_given")
    elif isinstance(value, str) and value.strip():
        name = value.strip()
        exact = criterion(name)
        if findings or ((bank is None or not bank.has(name)) and name.lower() in PLACES_WORDS):
            label, description = phrase("value_places"), places_text
        else:
            label, description = name, phrase("value_column", column=name)
    else:
        raise ValuationError(phrase("err_model_value_kind", value=repr(value)))
    explained = {pid for pid, severity, *_ in findings if severity == "error"}
    for pid, number in exact.items():
        if number is None and pid not in explained:
            findings.append((pid, "error", "value_missing", phrase("value_missing", label=label)))
    frame = pd.DataFrame(findings, columns=["project_id", "severity", "rule", "message"])
    return Values.of(exact, label, description, frame)


def _places(
    portfolio: Any, bank: Any, school_type: Any, even_split: bool
) -> tuple[pd.Series, list[tuple[Any, str, str, Message]]]:
    """School places by id as exact numbers (``None`` where not known) and the findings."""
    from capex.model.places import school_places

    types = school_type
    if types is None and bank is not None:
        heading = next((h for h in _TYPE_COLUMNS if bank.has(h)), None)
        if heading is not None:
            texts = bank.texts(heading)
            types = texts[texts != ""]
    places = school_places(portfolio, types, even_split=even_split)
    exact = pd.Series(
        [None if pd.isna(v) else Fraction(int(v)) for v in places.places],
        index=portfolio.ids,
        dtype=object,
    )
    return exact, list(places.findings.itertuples(index=False, name=None))


def _criterion(portfolio: Any, bank: Any, name: str) -> pd.Series:
    """A criterion (or value column) by id: a bank column, else a numeric portfolio column."""
    if bank is not None and bank.has(name):
        return bank.numbers(name)
    frame = portfolio.frame
    if name in frame.columns and (
        pd.api.types.is_numeric_dtype(frame[name]) and not pd.api.types.is_bool_dtype(frame[name])
    ):
        return pd.Series(
            [exact_number(v) for v in frame[name].tolist()], index=frame.index, dtype=object
        )
    others = list(bank.columns) if bank is not None else []
    numeric = [
        c
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
    ]
    raise ValuationError(
        phrase(
            "err_model_no_value_column",
            name=repr(name),
            bank=others or "no other columns",
            numeric=numeric,
        )
    )
