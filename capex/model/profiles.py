"""Spend profiles: how a project's money falls over the years of its window.

A :class:`Profile` is a cumulative spend curve ``S(x)`` over the project's duration, ``x`` from
0 (start of the first year) to 1 (end of the last year), with ``S(0) = 0`` and ``S(1) = 1``.
Spread over ``n`` years, year ``k`` (1-based) gets the weight ``S(k / n) - S((k - 1) / n)``.
Amounts are then split exactly into integer 万元 by largest remainder (:meth:`Profile.allocate`).

The named shapes are members of one documented parametric family, the **beta-CDF S-curve**:
``S(x) = I_x(a, b)``, the regularised incomplete beta function (the cumulative distribution
of a Beta(a, b) variable). Its density ``x**(a-1) * (1-x)**(b-1)`` is the spending rate:

==============  ========  ======================================================
name            (a, b)    yearly weights
==============  ========  ======================================================
``uniform``     (1, 1)    equal (prorated by year)
``front``       (1, 2)    falling linearly: 2n-1, 2n-3, ..., 1 (over n**2)
``back``        (2, 1)    rising linearly: 1, 3, ..., 2n-1 (over n**2)
``bell``        (3, 3)    symmetric, peaked in the middle of the window
``s-curve``     (2, 2)    the classic smooth S (``S(x) = 3x**2 - 2x**3``); pass ``a`` and
                          ``b`` to skew it: ``a < b`` spends earlier, ``a > b`` later,
                          larger ``a + b`` concentrates spending around the peak
                          ``(a - 1) / (a + b - 2)``
==============  ========  ======================================================

Custom curves are piecewise linear cumulative curves at evenly spaced points of the duration:
:meth:`Profile.from_weights` (per-year weights; a window of another length is resampled) and
:meth:`Profile.from_cumulative` (a Primavera-style curve of 21 points at 0 %, 5 %, ..., 100 %
of the duration). Resampling interpolates the cumulative curve linearly, so the money of a
year of the curve falls evenly over the part of the window it covers.

A profile written as text (in the ``profile`` column of a project table, or passed by name)
reads as ``"front"``, ``"s-curve(a=2, b=4)"``, ``"weights(1, 2, 1)"`` or
``"cumulative(0, 2, 5, ..., 100)"``; :attr:`Profile.name` is such a text and reads back to an
equal profile.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from capex.errors import CapexError
from capex.model import limits
from capex.terms import phrase

__all__ = [
    "NAMED_PROFILES",
    "Profile",
    "ProfileError",
    "allocate_many",
    "get_profile",
    "largest_remainder",
]


class ProfileError(CapexError, ValueError):
    """A profile that cannot be read or applied."""


NAMED_PROFILES: dict[str, tuple[float, float]] = {
    "uniform": (1.0, 1.0),
    "front": (1.0, 2.0),
    "back": (2.0, 1.0),
    "bell": (3.0, 3.0),
    "s-curve": (2.0, 2.0),
}
"""The named shapes and their beta-CDF parameters ``(a, b)``."""

_ALIASES = {
    "prorated": "uniform",
    "flat": "uniform",
    "linear": "uniform",
    "front-loaded": "front",
    "back-loaded": "back",
    "s": "s-curve",
    "scurve": "s-curve",
    "s_curve": "s-curve",
    "beta": "s-curve",
}


@dataclass(frozen=True)
class Profile:
    """A spend profile: a cumulative curve over a project's duration.

    Build one by name with :func:`get_profile`, or with :meth:`s_curve`,
    :meth:`from_weights` or :meth:`from_cumulative`.

    Attributes
    ----------
    name
        Text that names the profile and reads back to it (``"uniform"``,
        ``"s-curve(a=2, b=4)"``, ``"weights(1, 2, 1)"``).
    a, b
        Beta-CDF parameters of a parametric profile (ignored when ``curve`` is given).
    curve
        Cumulative fractions (0 to 1, non-decreasing) at evenly spaced points of the duration,
        or ``None`` for a parametric profile.
    """

    name: str = "uniform"
    a: float = 1.0
    b: float = 1.0
    curve: tuple[float, ...] | None = field(default=None)

    def __post_init__(self) -> None:
        if self.curve is None:  # a parametric profile: its parameters within the bounds
            object.__setattr__(self, "a", _positive(self.a, "a"))
            object.__setattr__(self, "b", _positive(self.b, "b"))

    # -- constructors ----------------------------------------------------------------------
    @classmethod
    def s_curve(cls, a: float = 2.0, b: float = 2.0) -> Profile:
        """The beta-CDF S-curve ``S(x) = I_x(a, b)``; ``a`` and ``b`` from
        :data:`capex.model.limits.MIN_PROFILE_SHAPE` to :data:`capex.model.limits.MAX_PROFILE_SHAPE`."""
        a, b = _positive(a, "a"), _positive(b, "b")
        for name, params in NAMED_PROFILES.items():
            if params == (a, b):
                return cls(name, a, b)
        return cls(f"s-curve(a={_num(a)}, b={_num(b)})", a, b)

    @classmethod
    def from_weights(cls, weights: Sequence[float]) -> Profile:
        """A profile from per-year weights (any non-negative scale, not all zero).

        For a window of another number of years the cumulative curve of the weights is
        resampled linearly: ``from_weights([1, 2, 1])`` over 6 years gives weights
        ``[.5, .5, 1, 1, .5, .5] / 4``.
        """
        values = _numbers(weights, phrase("err_model_weights"))
        if len(values) < 1:
            raise ProfileError(phrase("err_model_weights_empty"))
        if np.any(values < 0):
            raise ProfileError(phrase("err_model_weights_negative", weights=repr(list(weights))))
        total = values.sum()
        if not total > 0:
            raise ProfileError(phrase("err_model_weights_zero", weights=repr(list(weights))))
        cumulative = np.concatenate([[0.0], np.cumsum(values) / total])
        cumulative[-1] = 1.0
        return cls(f"weights({', '.join(_num(v) for v in values)})", curve=tuple(cumulative))

    @classmethod
    def from_cumulative(cls, points: Sequence[float]) -> Profile:
        """A Primavera-style cumulative curve at evenly spaced points of the duration.

        The usual form has 21 points, at 0 %, 5 %, ..., 100 % of the duration, giving the
        cumulative percentage spent (0 first, 100 last); any number of points >= 2 is read the
        same way. The curve is scaled so that its last point is 100 %.
        """
        values = _numbers(points, phrase("err_model_cumulative_points"))
        if len(values) < 2:
            raise ProfileError(phrase("err_model_curve_two_points"))
        if values[0] != 0:
            raise ProfileError(phrase("err_model_curve_start", value=_num(values[0])))
        if np.any(np.diff(values) < 0):
            raise ProfileError(phrase("err_model_curve_decreases"))
        if not values[-1] > 0:
            raise ProfileError(phrase("err_model_curve_end"))
        curve = values / values[-1]
        curve[-1] = 1.0
        return cls(f"cumulative({', '.join(_num(v) for v in values)})", curve=tuple(curve))

    # -- the shape -------------------------------------------------------------------------
    def cumulative(self, x: np.ndarray | Sequence[float]) -> np.ndarray:
        """The cumulative share spent at fractions ``x`` (0 to 1) of the duration."""
        x = np.clip(np.asarray(x, dtype=float), 0.0, 1.0)
        if self.curve is not None:
            grid = np.linspace(0.0, 1.0, len(self.curve))
            return np.interp(x, grid, np.asarray(self.curve))
        return np.array([_beta_cdf(float(v), self.a, self.b) for v in x.ravel()]).reshape(x.shape)

    def weights(self, n_years: int) -> np.ndarray:
        """Yearly weights over ``n_years`` years: non-negative floats summing to 1."""
        return _weights(self, int(n_years)).copy()

    def allocate(self, amount_minor: int, n_years: int) -> np.ndarray:
        """Split an integer amount of 万元 exactly over ``n_years`` years.

        Largest remainder: each year gets the whole 万元 of its share, and the 万元 left over go
        one each to the years with the largest fractional parts, ties to the earlier year.
        The result sums to ``amount_minor`` exactly.
        """
        amount = int(amount_minor)
        n = int(n_years)
        if n <= 0:
            if amount != 0:
                raise ProfileError(phrase("err_model_cannot_spread", amount=amount, n=n))
            return np.zeros(0, dtype=np.int64)
        return largest_remainder(np.array([amount], dtype=np.int64), _weights(self, n))[0]

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------------------------------
# exact splitting
# ---------------------------------------------------------------------------------------
def largest_remainder(amounts_minor: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Split integer amounts exactly by weights, for many rows at once.

    Parameters
    ----------
    amounts_minor
        Integer amounts, shape ``(m,)``.
    weights
        Weights summing to 1 along the last axis: shape ``(k,)`` (the same for every row) or
        ``(m, k)``.

    Returns
    -------
    ndarray of int64, shape ``(m, k)``
        Row ``i`` sums to ``amounts_minor[i]``; each cell is its share rounded down, plus one 万元
        for the cells with the largest fractional parts (ties to the earlier column).
    """
    amounts = np.asarray(amounts_minor, dtype=np.int64)
    weights = np.asarray(weights, dtype=float)
    if weights.ndim == 1:
        weights = weights[None, :]
    m = len(amounts)
    k = weights.shape[-1]
    if k == 0:
        return np.zeros((m, 0), dtype=np.int64)
    if weights.shape[0] == 1 and (weights == weights[0, 0]).all():
        # equal weights: every cell of a row has the same share and the same fraction, so
        # the cells that get one more are the first ones (what the ranking below gives)
        quota = amounts.astype(float) * weights[0, 0]
        base = np.floor(quota + 1e-6).astype(np.int64)
        left = amounts - base * k
        return base[:, None] + (np.arange(k)[None, :] < left[:, None]).astype(np.int64)
    quota = amounts[:, None].astype(float) * weights
    # a tolerance keeps shares that are whole numbers in exact arithmetic (3000.0 computed as
    # 2999.9999999) whole, and makes equal shares tie so that the earlier year wins
    base = np.floor(quota + 1e-6)
    fraction = np.round(quota - base, 6)
    base = base.astype(np.int64)
    left = amounts - base.sum(axis=1)
    if k <= RANK_BY_COMPARISON:
        # a cell's rank: the cells with a larger fraction, and the earlier ones with the same
        # (a stable sort's order), counted by comparisons: faster than a sort for few columns
        rank = np.zeros((m, k), dtype=np.int64)
        for c in range(k):
            column = fraction[:, c : c + 1]
            rank[:, c] = (fraction > column).sum(axis=1) + (fraction[:, :c] == column).sum(axis=1)
    else:
        order = np.argsort(-fraction, axis=1, kind="stable")
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, np.arange(k)[None, :].repeat(m, axis=0), axis=1)
    return base + (rank < left[:, None]).astype(np.int64)


RANK_BY_COMPARISON = 8
"""Up to this many columns :func:`largest_remainder` ranks fractions by comparing them."""


def allocate_many(
    amounts_minor: np.ndarray | Sequence[int],
    n_years: np.ndarray | Sequence[int] | int,
    profile: Any = "uniform",
) -> np.ndarray:
    """Split many amounts over their windows with one profile, exactly and fast.

    Projects are grouped by window length and each group is split with array arithmetic,
    so a million projects take well under a second.

    Parameters
    ----------
    amounts_minor
        Integer amounts of 万元, one per project.
    n_years
        Number of years of each project's window (one int for all, or one per project).
    profile
        A profile or anything :func:`get_profile` reads.

    Returns
    -------
    ndarray of int64, shape ``(n_projects, max(n_years))``
        Row ``i`` holds project ``i``'s amounts for the first ``n_years[i]`` years of its
        window, then zeros; it sums to ``amounts_minor[i]``.
    """
    profile = get_profile(profile)
    amounts = np.asarray(amounts_minor, dtype=np.int64).ravel()
    lengths = np.broadcast_to(np.asarray(n_years, dtype=np.int64), amounts.shape)
    if np.any((lengths <= 0) & (amounts != 0)):
        bad = int(np.flatnonzero((lengths <= 0) & (amounts != 0))[0])
        raise ProfileError(
            phrase("err_model_amount_no_year", amount=int(amounts[bad]), position=bad)
        )
    width = int(lengths.max(initial=0))
    out = np.zeros((len(amounts), max(width, 0)), dtype=np.int64)
    for n in np.unique(lengths):
        if n <= 0:
            continue
        rows = np.flatnonzero(lengths == n)
        out[rows, :n] = largest_remainder(amounts[rows], _weights(profile, int(n)))
    return out


# ---------------------------------------------------------------------------------------
# reading profiles
# ---------------------------------------------------------------------------------------
def get_profile(spec: Any = None) -> Profile:
    """Read a profile from a name, a text, a dict, a list of weights or a Profile.

    Examples
    --------
    >>> get_profile("front").weights(3).round(3).tolist()
    [0.556, 0.333, 0.111]
    >>> get_profile({"name": "s-curve", "a": 2, "b": 4}).name
    's-curve(a=2, b=4)'
    >>> get_profile("weights(1, 2, 1)").weights(3).tolist()
    [0.25, 0.5, 0.25]
    """
    if spec is None:
        return Profile()
    if isinstance(spec, Profile):
        return spec
    if isinstance(spec, str):
        return _parse(spec)
    if isinstance(spec, Mapping):
        return _from_mapping(spec)
    if isinstance(spec, (Sequence, np.ndarray)):
        return Profile.from_weights(spec)
    raise ProfileError(phrase("err_model_not_a_profile", spec=repr(spec)))


_CALL = re.compile(r"^\s*([A-Za-z_\- ]+?)\s*\((.*)\)\s*$")


@lru_cache(maxsize=256)
def _parse(text: str) -> Profile:
    stripped = text.strip()
    if not stripped:
        return Profile()
    call = _CALL.match(stripped)
    if call is None:
        name = _canonical(stripped)
        if name not in NAMED_PROFILES:
            raise ProfileError(
                phrase(
                    "err_model_unknown_profile", text=repr(text), names=", ".join(NAMED_PROFILES)
                )
            )
        return Profile(name, *NAMED_PROFILES[name])
    name = _canonical(call.group(1))
    body = call.group(2).strip()
    items = [item for item in re.split(r"[,;\s]+", body) if item]
    if name in ("weights", "cumulative"):
        try:
            values = [float(item) for item in items]
        except ValueError:
            raise ProfileError(phrase("err_model_profile_numbers", text=repr(text))) from None
        return (
            Profile.from_weights(values) if name == "weights" else Profile.from_cumulative(values)
        )
    if name not in NAMED_PROFILES:
        raise ProfileError(
            phrase("err_model_unknown_profile_in", name=repr(call.group(1)), text=repr(text))
        )
    params: dict[str, float] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or key.strip() not in ("a", "b"):
            raise ProfileError(
                phrase("err_model_profile_parameters", text=repr(text), item=repr(item))
            )
        try:
            params[key.strip()] = float(value)
        except ValueError:
            raise ProfileError(
                phrase("err_model_profile_not_number", text=repr(text), value=repr(value))
            ) from None
    a, b = NAMED_PROFILES[name]
    return Profile.s_curve(params.get("a", a), params.get("b", b))


def _from_mapping(spec: Mapping[str, Any]) -> Profile:
    params = dict(spec)
    name = _canonical(str(params.pop("name", "uniform")))
    if name == "weights":
        return Profile.from_weights(params.get("weights", params.get("values", ())))
    if name == "cumulative":
        return Profile.from_cumulative(params.get("points", params.get("values", ())))
    if name not in NAMED_PROFILES:
        raise ProfileError(phrase("err_model_unknown_profile_name", name=repr(spec.get("name"))))
    unknown = set(params) - {"a", "b"}
    if unknown:
        raise ProfileError(
            phrase("err_model_profile_unknown_parameters", spec=repr(spec), unknown=sorted(unknown))
        )
    a, b = NAMED_PROFILES[name]
    return Profile.s_curve(params.get("a", a), params.get("b", b))


def _canonical(name: str) -> str:
    key = name.strip().lower().replace(" ", "-")
    return _ALIASES.get(key, key)


def _numbers(values: Sequence[float], what: object) -> np.ndarray:
    try:
        array = np.asarray([float(v) for v in values], dtype=float)
    except (TypeError, ValueError):
        raise ProfileError(
            phrase("err_model_must_be_numbers", what=what, values=repr(values))
        ) from None
    if not np.all(np.isfinite(array)):
        raise ProfileError(phrase("err_model_must_be_finite", what=what, values=repr(values)))
    return array


def _positive(value: float, name: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ProfileError(
            phrase("err_model_scurve_number", name=name, value=repr(value))
        ) from None
    if not (math.isfinite(number) and number > 0):
        raise ProfileError(phrase("err_model_scurve_positive", name=name, value=repr(value)))
    low, high = limits.MIN_PROFILE_SHAPE, limits.MAX_PROFILE_SHAPE
    if not low <= number <= high:  # far beyond, the beta function overflows
        raise ProfileError(
            phrase(
                "err_model_scurve_range",
                name=name,
                low=f"{low:g}",
                high=f"{high:g}",
                value=repr(value),
            )
        )
    return number


def _num(value: float) -> str:
    return f"{float(value):g}"


# ---------------------------------------------------------------------------------------
# the beta CDF (no SciPy): Numerical Recipes' continued fraction for I_x(a, b)
# ---------------------------------------------------------------------------------------
@lru_cache(maxsize=1024)
def _weights(profile: Profile, n: int) -> np.ndarray:
    if n <= 0:
        return np.zeros(0)
    edges = profile.cumulative(np.arange(n + 1) / n)
    steps = np.clip(np.diff(edges), 0.0, None)
    total = steps.sum()
    weights = steps / total if total > 0 else np.full(n, 1.0 / n)
    weights.flags.writeable = False
    return weights


def _beta_cdf(x: float, a: float, b: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if a == 1.0 and b == 1.0:
        return x
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_fraction(x, a, b) / a
    return 1.0 - front * _beta_fraction(1.0 - x, b, a) / b


def _beta_fraction(x: float, a: float, b: float) -> float:
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h
