"""Spend profiles: shapes derived by hand, exact integer splits, resampling, reading."""

from __future__ import annotations

from math import comb

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from capex.errors import CapexError
from capex.model.profiles import NAMED_PROFILES, Profile, ProfileError, allocate_many, get_profile


def beta_cdf_integer(x: float, a: int, b: int) -> float:
    """I_x(a, b) for whole a, b: a binomial tail (an identity independent of the code's method)."""
    n = a + b - 1
    return sum(comb(n, j) * x**j * (1 - x) ** (n - j) for j in range(a, n + 1))


@pytest.mark.parametrize("name", list(NAMED_PROFILES))
@pytest.mark.parametrize("n", [1, 2, 3, 5, 9])
def test_named_weights_are_beta_cdf_increments(name, n):
    a, b = (int(v) for v in NAMED_PROFILES[name])
    edges = [beta_cdf_integer(k / n, a, b) for k in range(n + 1)]
    expected = np.diff(edges)
    weights = get_profile(name).weights(n)
    assert weights.sum() == pytest.approx(1.0)
    assert weights == pytest.approx(expected, abs=1e-12)


def test_front_and_back_fall_and_rise_linearly():
    # beta(1, 2): S(x) = 1 - (1 - x)^2, so the yearly weights are 2n-1, 2n-3, ..., 1 over n^2
    assert get_profile("front").weights(4) == pytest.approx(np.array([7, 5, 3, 1]) / 16)
    assert get_profile("back").weights(4) == pytest.approx(np.array([1, 3, 5, 7]) / 16)
    assert get_profile("uniform").weights(4) == pytest.approx(np.full(4, 0.25))


def test_s_curve_parameters_are_read_and_skew_the_curve():
    early = Profile.s_curve(2, 5).weights(5)
    late = Profile.s_curve(5, 2).weights(5)
    assert early == pytest.approx(late[::-1], abs=1e-12)
    assert np.argmax(early) < np.argmax(late)
    # a non-integer parameter against numerical integration of the density x^(a-1)(1-x)^(b-1)
    grid = np.linspace(0, 1, 200_001)
    density = grid**1.5 * (1 - grid) ** 2.5
    cumulative = np.concatenate([[0], np.cumsum((density[1:] + density[:-1]) / 2)])
    cumulative /= cumulative[-1]
    expected = np.diff(np.interp(np.arange(5) / 4, grid, cumulative))
    assert Profile.s_curve(2.5, 3.5).weights(4) == pytest.approx(expected, abs=1e-6)


def test_allocate_is_exact_with_ties_to_the_earlier_year():
    uniform = get_profile("uniform")
    assert uniform.allocate(10_001, 5).tolist() == [2001, 2000, 2000, 2000, 2000]
    assert uniform.allocate(2, 3).tolist() == [1, 1, 0]
    assert uniform.allocate(0, 3).tolist() == [0, 0, 0]
    assert uniform.allocate(7, 1).tolist() == [7]
    # bell over 5 years: 10,001 x [0.05792, 0.25952, 0.36512, 0.25952, 0.05792]; the remainder
    # goes to the largest fractional parts, the earlier of two equal ones first
    assert get_profile("bell").allocate(10_001, 5).tolist() == [579, 2596, 3652, 2595, 579]


def test_allocate_refuses_money_without_years():
    with pytest.raises(ProfileError):
        get_profile("uniform").allocate(5, 0)
    assert get_profile("uniform").allocate(0, 0).tolist() == []


@given(
    amount=st.integers(0, 10**9),
    n=st.integers(1, 12),
    name=st.sampled_from(sorted(NAMED_PROFILES)),
)
def test_allocate_sums_exactly_and_stays_within_one_of_the_share(amount, n, name):
    profile = get_profile(name)
    cells = profile.allocate(amount, n)
    assert cells.dtype == np.int64
    assert int(cells.sum()) == amount
    quota = amount * profile.weights(n)
    assert np.all(cells >= np.floor(quota - 1e-6)) and np.all(cells <= np.ceil(quota + 1e-6))


def test_allocate_many_matches_one_at_a_time():
    rng = np.random.default_rng(3)
    amounts = rng.integers(0, 10**7, 2_000)
    lengths = rng.integers(1, 8, 2_000)
    for spec in ("uniform", "bell", "s-curve(a=2, b=4)", "weights(1, 3, 2)"):
        profile = get_profile(spec)
        many = allocate_many(amounts, lengths, profile)
        for i in range(0, 2_000, 37):
            row = profile.allocate(int(amounts[i]), int(lengths[i]))
            assert many[i, : lengths[i]].tolist() == row.tolist()
            assert not many[i, lengths[i] :].any()
        assert (many.sum(axis=1) == amounts).all()


def test_from_weights_resamples_the_cumulative_curve():
    profile = Profile.from_weights([1, 2, 1])
    assert profile.weights(3) == pytest.approx([0.25, 0.5, 0.25])
    # each curve year covers two of six window years, so its money halves over them
    assert profile.weights(6) == pytest.approx(np.array([0.5, 0.5, 1, 1, 0.5, 0.5]) / 4)
    # two window years: the first takes year 1 and half of year 2 of the curve
    assert profile.weights(2) == pytest.approx([0.5, 0.5])


def test_from_cumulative_reads_a_primavera_curve():
    straight = Profile.from_cumulative(np.linspace(0, 100, 21))
    assert straight.weights(4) == pytest.approx(np.full(4, 0.25))
    # half the money in the first 20 % of the duration, the rest evenly after it
    points = [0, 12.5, 25, 37.5, 50] + [50 + 50 * k / 16 for k in range(1, 17)]
    curve = Profile.from_cumulative(points)
    # over 5 years, year 1 is the first 20 %: 50 %; each later year gets 12.5 %
    assert curve.weights(5) == pytest.approx([0.5, 0.125, 0.125, 0.125, 0.125])
    assert curve.weights(5).sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    "spec",
    ["front", "s-curve(a=2, b=4)", "weights(1, 2, 1)", "cumulative(0, 30, 100)", "bell"],
)
def test_the_name_reads_back_to_an_equal_profile(spec):
    profile = get_profile(spec)
    again = get_profile(profile.name)
    assert again.weights(7) == pytest.approx(profile.weights(7))


def test_get_profile_reads_every_form():
    assert get_profile(None).name == "uniform"
    assert get_profile("Front-Loaded").name == "front"
    assert get_profile({"name": "s-curve", "a": 2, "b": 4}).name == "s-curve(a=2, b=4)"
    assert get_profile({"name": "weights", "weights": [1, 1]}).weights(2) == pytest.approx(
        [0.5, 0.5]
    )
    assert get_profile([3, 1]).weights(2) == pytest.approx([0.75, 0.25])
    profile = Profile.s_curve(3, 3)
    assert get_profile(profile) is profile and profile.name == "bell"


@pytest.mark.parametrize(
    "bad",
    [
        "zigzag",
        "s-curve(a=0)",
        "s-curve(c=2)",
        "weights(1, -1)",
        "weights(0, 0)",
        "cumulative(0, 60, 40, 100)",
        "cumulative(10, 100)",
        {"name": "s-curve", "q": 1},
        42,
    ],
)
def test_bad_profiles_raise_a_capex_error(bad):
    with pytest.raises(CapexError):
        get_profile(bad)
