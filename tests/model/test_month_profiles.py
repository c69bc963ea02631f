"""Month profiles: uniform, by days, the construction season (whose low month moves with the
Spring Festival) and twelve weights of the user's."""

from __future__ import annotations

import numpy as np
import pytest

from capex.model.month_profiles import CONSTRUCTION_SEASON, MonthProfileError, month_profile
from capex.model.spring_festival import spring_festival


def test_uniform_and_days():
    assert month_profile("uniform").weights == (1,) * 12
    assert month_profile("days", 2028).weights[:3] == (31, 29, 31)
    assert np.isclose(month_profile("days", 2027).shares().sum(), 1)


def test_the_construction_season_of_2027_by_hand():
    # Spring Festival 6 February 2027: the stoppage runs 30 January to 20 February
    assert spring_festival(2027).isoformat() == "2027-02-06"
    weights = month_profile("construction", 2027).weights
    assert weights[0] == 8 * 29  # January: 29 working days
    assert weights[1] == 8 * (28 - 20)  # February: 20 days stopped
    assert weights[2] == 10 * 31
    assert weights[11] == 13 * 31  # December: the year-end settlement
    assert (
        tuple(w // d for w, d in zip(weights[2:], (31, 30, 31, 30, 31, 31, 30, 31, 30, 31)))
        == (CONSTRUCTION_SEASON[2:])
    )


def test_the_low_month_moves_with_the_spring_festival():
    early = month_profile("construction", 2025).weights  # 29 January: 22 Jan - 12 Feb stopped
    late = month_profile("construction", 2026).weights  # 17 February: 10 Feb - 3 Mar stopped
    assert (early[0], late[0]) == (8 * 21, 8 * 31)
    assert (early[1], late[1]) == (8 * 16, 8 * 9)
    assert (early[2], late[2]) == (10 * 31, 10 * 28)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2], (0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2)),
        ({3: 1, 12: 3}, (0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3)),
        ("weights(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5)", (1.0,) * 11 + (5.0,)),
    ],
)
def test_twelve_weights_of_the_users(spec, expected):
    profile = month_profile(spec, 2027)
    assert profile.weights == expected
    assert month_profile(profile.name).weights == tuple(float(w) for w in expected)


def test_months_with_no_weight_fall_back_to_equal_shares_inside_a_window():
    profile = month_profile({12: 1})
    assert np.allclose(profile.shares([3, 4]), [0.5, 0.5])
    assert np.allclose(profile.shares([11, 12]), [0, 1])


@pytest.mark.parametrize(
    ("spec", "match"),
    [
        ("seasonal", "unknown month profile"),
        ([1] * 11, "12 weights"),
        ([0] * 12, "all zero"),
        ([1] * 11 + [-1], "at least 0"),
        ([1] * 11 + [float("nan")], "at least 0"),
        ([1] * 11 + ["x"], "not a number"),
        ({13: 1}, "not a month"),
        ("weights(1, x)", "not twelve numbers"),
        (3.5, "a month profile is"),
    ],
)
def test_bad_month_profiles_are_clear_errors(spec, match):
    with pytest.raises(MonthProfileError, match=match):
        month_profile(spec, 2027)


def test_the_construction_season_needs_its_year():
    with pytest.raises(MonthProfileError, match="needs the budget year"):
        month_profile("construction")
