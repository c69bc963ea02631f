"""Distributions of cost change and start delay, checked when they are made.

A **cost distribution** gives the relative change of a project's cost: ``0.10`` is a 10 %
overrun, ``-0.05`` a 5 % saving, so the cost is multiplied by ``1 + change``. A change is
always above ``-1`` (a project never costs nothing or less). The families:

* :class:`Uniform` ``(low, high)``: every change in the range equally likely;
* :class:`Triangular` ``(low, mode, high)``: the three-point estimate of a cost engineer;
* :class:`PERT` ``(low, mode, high)``: a beta distribution on the same three points whose
  tails are thinner than the triangle's;
* :class:`Lognormal` ``(p10, p90)``: the cost factor ``1 + change`` is lognormal with the
  given P10 and P90, so large overruns have a long right tail;
* :class:`Empirical` ``(values)``: changes resampled from observed ones (for example the
  outturn-to-estimate ratios of past projects, minus one).

A **delay distribution**, :class:`Discrete` ``({years: probability})``, gives a project's
start delay in whole years: ``Discrete({0: 0.6, 1: 0.3, 2: 0.1})``.

capex offers no default distribution: a cost risk depends on the programme, the market and the
stage of design, and a number invented here would read as a finding. State yours, from your
own outturn data or a published reference class. The one built-in constant is the PERT shape
4 (see :class:`PERT`), with its source.

Each distribution has a text form that :func:`parse_distribution` reads back
(``"triangular(-0.05, 0.05, 0.4)"``), used by the command line and in reports.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from numbers import Integral, Real
from statistics import NormalDist
from typing import Any

import numpy as np

from capex.errors import CapexError
from capex.model import limits
from capex.terms import Message, phrase

__all__ = [
    "PERT",
    "CostDistribution",
    "Discrete",
    "DistributionError",
    "Empirical",
    "Lognormal",
    "Triangular",
    "Uniform",
    "parse_distribution",
]

PERT_SHAPE = 4.0
"""Weight of the mode in the PERT distribution: the mean is ``(low + 4 mode + high) / 6``.

Source: D. G. Malcolm, J. H. Roseboom, C. E. Clark and W. Fazar, "Application of a technique
for research and development program evaluation", *Operations Research* 7(5), 646-669 (1959),
where PERT was introduced with this weight; D. Vose, *Risk Analysis: A Quantitative Guide*,
3rd ed., Wiley (2008), section 9.1.2, writes the beta form used here.
"""

_Z90 = NormalDist().inv_cdf(0.9)
"""The standard normal's 90 % point: a lognormal's P10 and P90 lie this many sigmas from its
median, in logs."""

PROBABILITY_TOLERANCE = 1e-9
"""How far the probabilities of a :class:`Discrete` may sum from 1 (written decimals such as
0.6 + 0.3 + 0.1 are not exactly 1 in binary)."""


class DistributionError(CapexError, ValueError):
    """A distribution whose parameters cannot describe a cost change or a delay."""


def _named(what: str | Message) -> Message:
    """A parameter (``low``, ``p10`` ...) named in words; a message as it is."""
    return phrase(f"err_risk_param_{what}") if isinstance(what, str) else what


def _number(value: Any, what: str | Message, where: str) -> float:
    """A finite real number, or a DistributionError naming the parameter and the distribution."""
    if isinstance(value, bool) or not isinstance(value, (Real, np.integer, np.floating)):
        raise DistributionError(
            phrase("err_risk_not_number", where=where, what=_named(what), value=repr(value))
        )
    number = float(value)
    if not math.isfinite(number):
        raise DistributionError(
            phrase("err_risk_not_finite", where=where, what=_named(what), value=repr(value))
        )
    return number


def _above_minus_one(value: float, what: str | Message, where: str) -> None:
    if value <= -1:
        raise DistributionError(
            phrase("err_risk_minus_one", where=where, what=_named(what), value=f"{value:g}")
        )


def _text(value: float) -> str:
    """The shortest text that reads back to the same float (``0.05``, ``1``)."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


class CostDistribution:
    """A distribution of the relative change of a project's cost (a share above -1).

    Subclasses draw with :meth:`sample` and give their :attr:`mean` and their text form
    (``str(distribution)``, read back by :func:`parse_distribution`).
    """

    def sample(self, rng: np.random.Generator, size: int | tuple[int, ...]) -> np.ndarray:
        """Draw changes: a float array of the given shape."""
        raise NotImplementedError

    @property
    def mean(self) -> float:
        """The expected change."""
        raise NotImplementedError

    def quantile(self, q: float | np.ndarray) -> float | np.ndarray:
        """The change at probability ``q`` (the inverse of the distribution function)."""
        raise NotImplementedError

    def __str__(self) -> str:
        raise NotImplementedError

    def phrase(self) -> Message:
        """The distribution in words, worded when shown: in English its text form, in Chinese
        its name in Chinese with the same numbers."""
        name, _, points = str(self).partition("(")
        return Message(f"distribution_{name}", points=points.removesuffix(")"))


@dataclass(frozen=True)
class Uniform(CostDistribution):
    """Every change between ``low`` and ``high`` equally likely.

    >>> round(Uniform(-0.1, 0.3).mean, 12)
    0.1
    """

    low: float
    high: float

    def __post_init__(self) -> None:
        where = f"Uniform(low={self.low!r}, high={self.high!r})"
        low = _number(self.low, "low", where)
        high = _number(self.high, "high", where)
        _above_minus_one(low, "low", where)
        if not low < high:
            raise DistributionError(phrase("err_risk_low_high", where=where))
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)

    def sample(self, rng: np.random.Generator, size: int | tuple[int, ...]) -> np.ndarray:
        return rng.uniform(self.low, self.high, size)

    @property
    def mean(self) -> float:
        return (self.low + self.high) / 2

    def quantile(self, q: float | np.ndarray) -> float | np.ndarray:
        return self.low + np.asarray(q, dtype=float) * (self.high - self.low)

    def __str__(self) -> str:
        return f"uniform({_text(self.low)}, {_text(self.high)})"


def _three_points(name: str, low: Any, mode: Any, high: Any) -> tuple[float, float, float]:
    where = f"{name}(low={low!r}, mode={mode!r}, high={high!r})"
    low_ = _number(low, "low", where)
    mode_ = _number(mode, "mode", where)
    high_ = _number(high, "high", where)
    _above_minus_one(low_, "low", where)
    if low_ > mode_:
        raise DistributionError(
            phrase("err_risk_low_mode", where=where, low=f"{low_:g}", mode=f"{mode_:g}")
        )
    if mode_ > high_:
        raise DistributionError(
            phrase("err_risk_mode_high", where=where, mode=f"{mode_:g}", high=f"{high_:g}")
        )
    if not low_ < high_:
        raise DistributionError(phrase("err_risk_low_high", where=where))
    return low_, mode_, high_


@dataclass(frozen=True)
class Triangular(CostDistribution):
    """The triangle on a three-point estimate: least, most likely and largest change.

    >>> Triangular(-0.05, 0.05, 0.40).mean   # (low + mode + high) / 3
    0.13333333333333333
    """

    low: float
    mode: float
    high: float

    def __post_init__(self) -> None:
        low, mode, high = _three_points("Triangular", self.low, self.mode, self.high)
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "mode", mode)
        object.__setattr__(self, "high", high)

    def sample(self, rng: np.random.Generator, size: int | tuple[int, ...]) -> np.ndarray:
        return rng.triangular(self.low, self.mode, self.high, size)

    @property
    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3

    def quantile(self, q: float | np.ndarray) -> float | np.ndarray:
        q = np.asarray(q, dtype=float)
        width = self.high - self.low
        split = (self.mode - self.low) / width
        rising = self.low + np.sqrt(q * width * (self.mode - self.low))
        falling = self.high - np.sqrt((1 - q) * width * (self.high - self.mode))
        return np.where(q < split, rising, falling)

    def __str__(self) -> str:
        return f"triangular({_text(self.low)}, {_text(self.mode)}, {_text(self.high)})"


@dataclass(frozen=True)
class PERT(CostDistribution):
    """The PERT (beta) distribution on a three-point estimate.

    ``low + (high - low) * Beta(a, b)`` with ``a = 1 + shape (mode - low) / (high - low)``
    and ``b = 1 + shape (high - mode) / (high - low)``; with the classic ``shape = 4``
    (:data:`PERT_SHAPE`, Malcolm et al. 1959) the mean is ``(low + 4 mode + high) / 6``.

    >>> round(PERT(-0.05, 0.05, 0.40).mean, 6)
    0.091667
    """

    low: float
    mode: float
    high: float
    shape: float = PERT_SHAPE

    def __post_init__(self) -> None:
        low, mode, high = _three_points("PERT", self.low, self.mode, self.high)
        where = f"PERT(low={low:g}, mode={mode:g}, high={high:g}, shape={self.shape!r})"
        shape = _number(self.shape, "shape", where)
        if shape <= 0:
            raise DistributionError(phrase("err_risk_shape", where=where))
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "mode", mode)
        object.__setattr__(self, "high", high)
        object.__setattr__(self, "shape", shape)

    @property
    def alpha(self) -> float:
        """First beta parameter."""
        return 1 + self.shape * (self.mode - self.low) / (self.high - self.low)

    @property
    def beta(self) -> float:
        """Second beta parameter."""
        return 1 + self.shape * (self.high - self.mode) / (self.high - self.low)

    def sample(self, rng: np.random.Generator, size: int | tuple[int, ...]) -> np.ndarray:
        return self.low + (self.high - self.low) * rng.beta(self.alpha, self.beta, size)

    @property
    def mean(self) -> float:
        return self.low + (self.high - self.low) * self.alpha / (self.alpha + self.beta)

    def __str__(self) -> str:
        points = f"{_text(self.low)}, {_text(self.mode)}, {_text(self.high)}"
        if self.shape == PERT_SHAPE:
            return f"pert({points})"
        return f"pert({points}, shape={_text(self.shape)})"


@dataclass(frozen=True)
class Lognormal(CostDistribution):
    """A change whose cost factor ``1 + change`` is lognormal with the given P10 and P90.

    One in ten projects changes by less than ``p10``, one in ten by more than ``p90``; the
    right tail is long, as outturn costs have it.

    >>> d = Lognormal(p10=-0.05, p90=0.30)
    >>> round(float(d.quantile(0.9)), 10)
    0.3
    """

    p10: float
    p90: float

    def __post_init__(self) -> None:
        where = f"Lognormal(p10={self.p10!r}, p90={self.p90!r})"
        p10 = _number(self.p10, "p10", where)
        p90 = _number(self.p90, "p90", where)
        _above_minus_one(p10, "p10", where)
        if p10 > p90:
            raise DistributionError(
                phrase("err_risk_p10_p90", where=where, p10=f"{p10:g}", p90=f"{p90:g}")
            )
        if p10 == p90:
            raise DistributionError(phrase("err_risk_p10_equal", where=where))
        object.__setattr__(self, "p10", p10)
        object.__setattr__(self, "p90", p90)

    @property
    def mu(self) -> float:
        """Mean of ``log(1 + change)``."""
        return (math.log1p(self.p10) + math.log1p(self.p90)) / 2

    @property
    def sigma(self) -> float:
        """Standard deviation of ``log(1 + change)``."""
        return (math.log1p(self.p90) - math.log1p(self.p10)) / (2 * _Z90)

    def sample(self, rng: np.random.Generator, size: int | tuple[int, ...]) -> np.ndarray:
        return rng.lognormal(self.mu, self.sigma, size) - 1

    @property
    def mean(self) -> float:
        return math.exp(self.mu + self.sigma**2 / 2) - 1

    def quantile(self, q: float | np.ndarray) -> float | np.ndarray:
        normal = NormalDist(self.mu, self.sigma)
        q = np.asarray(q, dtype=float)
        return np.exp(np.vectorize(normal.inv_cdf, otypes=[float])(q)) - 1

    def __str__(self) -> str:
        return f"lognormal(p10={_text(self.p10)}, p90={_text(self.p90)})"


@dataclass(frozen=True, eq=False)
class Empirical(CostDistribution):
    """Changes drawn with replacement from observed ones.

    Parameters
    ----------
    values
        Observed relative changes (each above -1), for example ``outturn / estimate - 1`` of
        past projects.
    """

    values: tuple[float, ...]

    def __post_init__(self) -> None:
        raw = self.values
        if isinstance(raw, (str, bytes)) or not isinstance(raw, Iterable):
            raise DistributionError(phrase("err_risk_empirical_list", value=repr(raw)))
        values = tuple(raw)
        if not values:
            raise DistributionError(phrase("err_risk_empirical_empty"))
        where = f"Empirical({len(values)} values)"
        checked = []
        for position, value in enumerate(values, start=1):
            what = phrase("err_risk_param_value", position=position)
            number = _number(value, what, where)
            _above_minus_one(number, what, where)
            checked.append(number)
        object.__setattr__(self, "values", tuple(checked))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Empirical) and self.values == other.values

    def __hash__(self) -> int:
        return hash(self.values)

    def sample(self, rng: np.random.Generator, size: int | tuple[int, ...]) -> np.ndarray:
        return np.asarray(self.values)[rng.integers(0, len(self.values), size)]

    @property
    def mean(self) -> float:
        return float(np.mean(self.values))

    def quantile(self, q: float | np.ndarray) -> float | np.ndarray:
        return np.quantile(np.asarray(self.values), q, method="inverted_cdf")

    def __repr__(self) -> str:
        shown = ", ".join(_text(v) for v in self.values[:5])
        more = f", ... ({len(self.values)} values)" if len(self.values) > 5 else ""
        return f"Empirical([{shown}{more}])"

    def __str__(self) -> str:
        return "empirical(" + ", ".join(_text(v) for v in self.values) + ")"


@dataclass(frozen=True, eq=False)
class Discrete:
    """A start delay in whole years, with a probability for each.

    Parameters
    ----------
    probabilities
        ``{years: probability}``: whole years from 0 to :data:`capex.model.limits.MAX_YEARS`,
        probabilities of zero or more that sum to 1.

    >>> round(Discrete({0: 0.6, 1: 0.3, 2: 0.1}).mean, 12)
    0.5
    """

    probabilities: Mapping[int, float]

    def __post_init__(self) -> None:
        raw = self.probabilities
        if not isinstance(raw, Mapping) or not raw:
            raise DistributionError(phrase("err_risk_discrete_table", value=repr(raw)))
        where = "Discrete(" + ", ".join(f"{k!r}: {v!r}" for k, v in raw.items()) + ")"
        checked: dict[int, float] = {}
        for years, probability in raw.items():
            whole = _whole_years(years, where)
            if whole in checked:
                raise DistributionError(phrase("err_risk_delay_twice", where=where, delay=whole))
            chance = _number(probability, phrase("err_risk_param_probability", years=whole), where)
            if chance < 0:
                raise DistributionError(
                    phrase(
                        "err_risk_probability_negative",
                        where=where,
                        years=whole,
                        chance=f"{chance:g}",
                    )
                )
            checked[whole] = chance
        total = math.fsum(checked.values())
        if abs(total - 1) > PROBABILITY_TOLERANCE:
            raise DistributionError(
                phrase("err_risk_probability_sum", where=where, total=f"{total:g}")
            )
        object.__setattr__(self, "probabilities", dict(sorted(checked.items())))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Discrete) and self.probabilities == other.probabilities

    def __hash__(self) -> int:
        return hash(tuple(self.probabilities.items()))

    @property
    def years(self) -> np.ndarray:
        """The delays, in whole years, ascending."""
        return np.array(list(self.probabilities), dtype=np.int64)

    @property
    def weights(self) -> np.ndarray:
        """The probability of each of :attr:`years`, scaled to sum to exactly 1."""
        weights = np.array(list(self.probabilities.values()), dtype=float)
        return weights / weights.sum()

    @property
    def largest(self) -> int:
        """The longest delay with a positive probability."""
        return int(max(y for y, p in self.probabilities.items() if p > 0))

    @property
    def mean(self) -> float:
        return float(self.years @ self.weights)

    def sample(self, rng: np.random.Generator, size: int | tuple[int, ...]) -> np.ndarray:
        """Draw delays: an int64 array of the given shape."""
        return rng.choice(self.years, size=size, p=self.weights)

    def __repr__(self) -> str:
        items = ", ".join(f"{y}: {_text(p)}" for y, p in self.probabilities.items())
        return f"Discrete({{{items}}})"

    def __str__(self) -> str:
        items = ", ".join(f"{y}={_text(p)}" for y, p in self.probabilities.items())
        return f"discrete({items})"

    def phrase(self) -> Message:
        """The distribution in words, worded when shown."""
        return Message("distribution_discrete", points=str(self)[len("discrete(") : -1])


def _whole_years(value: Any, where: str) -> int:
    if isinstance(value, bool):
        raise DistributionError(phrase("err_risk_delay_whole", where=where, value=repr(value)))
    whole = (
        isinstance(value, (Integral, np.integer))
        or (isinstance(value, (Real, np.floating)) and float(value).is_integer())
        or (isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value) is not None)
    )
    if not whole:
        raise DistributionError(phrase("err_risk_delay_whole", where=where, value=repr(value)))
    years = int(value)
    if years < 0:
        raise DistributionError(phrase("err_risk_delay_negative", where=where, years=years))
    if years > limits.MAX_YEARS:  # each year of delay widens every draw's row of years
        raise DistributionError(
            phrase("err_risk_delay_most", where=where, most=limits.MAX_YEARS, years=years)
        )
    return years


# ---------------------------------------------------------------------------------------
# text
# ---------------------------------------------------------------------------------------
_CALL = re.compile(r"^\s*([A-Za-z]+)\s*\((.*)\)\s*$", re.DOTALL)


def parse_distribution(text: str) -> CostDistribution | Discrete:
    """Read a distribution from its text form.

    ``uniform(-0.1, 0.3)``, ``triangular(-0.05, 0.05, 0.4)``, ``pert(-0.05, 0.05, 0.4)``
    (``shape=`` optional), ``lognormal(p10=-0.05, p90=0.3)`` (or two bare numbers),
    ``empirical(0.12, -0.03, 0.4, ...)``, ``discrete(0=0.6, 1=0.3, 2=0.1)`` (``:`` works for
    ``=`` too). Names are case-insensitive; a percentage such as ``5%`` reads as ``0.05``.

    Raises
    ------
    DistributionError
        For an unknown name, a missing or extra parameter, or parameters the distribution
        refuses.

    >>> parse_distribution("triangular(-5%, 5%, 40%)")
    Triangular(low=-0.05, mode=0.05, high=0.4)
    """
    if not isinstance(text, str):
        raise DistributionError(phrase("err_risk_parse_text", value=repr(text)))
    match = _CALL.match(text)
    if match is None:
        raise DistributionError(phrase("err_risk_parse_not", text=repr(text)))
    name = match.group(1).lower()
    body = match.group(2).strip()
    items = [item.strip() for item in re.split(r"[,;]", body)] if body else []
    if any(not item for item in items):
        raise DistributionError(phrase("err_risk_parse_empty", text=repr(text)))
    if name == "discrete":
        pairs: dict[Any, float] = {}
        for item in items:
            pair = re.fullmatch(r"(.+?)\s*[=:]\s*(.+)", item)
            if pair is None:
                raise DistributionError(
                    phrase("err_risk_parse_pair", text=repr(text), item=repr(item))
                )
            years, value = pair.groups()
            if not re.fullmatch(r"-?\d+(\.0*)?", years):
                raise DistributionError(
                    phrase("err_risk_delay_whole", where=repr(text), value=repr(years))
                )
            if int(float(years)) in pairs:
                raise DistributionError(
                    phrase("err_risk_delay_twice", where=repr(text), delay=int(float(years)))
                )
            pairs[int(float(years))] = _parse_number(value, text)
        return Discrete(pairs)
    makers: dict[str, tuple[type, tuple[str, ...]]] = {
        "uniform": (Uniform, ("low", "high")),
        "triangular": (Triangular, ("low", "mode", "high")),
        "pert": (PERT, ("low", "mode", "high", "shape")),
        "lognormal": (Lognormal, ("p10", "p90")),
    }
    if name == "empirical":
        return Empirical(tuple(_parse_number(item, text) for item in items))
    if name not in makers:
        known = ", ".join([*makers, "empirical", "discrete"])
        raise DistributionError(
            phrase("err_risk_parse_unknown", text=repr(text), name=repr(name), known=known)
        )
    kind, names = makers[name]
    positional: list[float] = []
    named: dict[str, float] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if sep:
            key = key.strip().lower()
            if key not in names:
                raise DistributionError(
                    phrase(
                        "err_risk_parse_no_parameter", text=repr(text), name=name, param=repr(key)
                    )
                )
            named[key] = _parse_number(value, text)
        else:
            if named:
                raise DistributionError(phrase("err_risk_parse_bare", text=repr(text)))
            positional.append(_parse_number(item, text))
    arguments = dict(zip(names, positional))
    if len(positional) > len(names):
        raise DistributionError(
            phrase("err_risk_parse_most", text=repr(text), name=name, most=len(names))
        )
    for key, value in named.items():
        if key in arguments:
            raise DistributionError(phrase("err_risk_parse_twice", text=repr(text), param=key))
        arguments[key] = value
    required = [n for n in names if n != "shape"]
    missing = [n for n in required if n not in arguments]
    if missing:
        raise DistributionError(
            phrase(
                "err_risk_parse_missing",
                text=repr(text),
                name=name,
                required=", ".join(required),
                missing=missing[0],
            )
        )
    return kind(**arguments)


def _parse_number(text: str, whole: str) -> float:
    raw = text.strip()
    percent = raw.endswith("%")
    try:
        number = float(raw.removesuffix("%").strip())
    except ValueError:
        raise DistributionError(
            phrase("err_risk_parse_number", text=repr(whole), raw=repr(raw))
        ) from None
    return number / 100 if percent else number
