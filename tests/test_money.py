"""Exact money: integers of 万元 inside, 亿元 shown, no silent rounding of amounts."""

from __future__ import annotations

import csv
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from capex.money import (
    WAN_PER_YI,
    ceiling_to_wan,
    format_amount,
    format_yi,
    normalize_unit,
    to_decimal,
    to_wan,
    wan_array_to_unit,
    wan_to_yi,
)
from capex.portfolio import BUNDLED_CSV


@pytest.mark.parametrize(
    ("value", "unit", "wan"),
    [
        ("77.8", "亿元", 778_000),
        ("48.39", "亿元", 483_900),
        ("1.42 ", "亿元", 14_200),  # the seed writes some amounts with a trailing blank
        (1.42, "亿元", 14_200),  # a float means what it prints as, not its binary neighbour
        (Decimal("0.0001"), "亿", 1),
        (3, "yi", 30_000),
        ("14,200", "万元", 14_200),
        (np.int64(7), "万", 7),
        ("0", "亿元", 0),
    ],
)
def test_to_wan_is_exact(value: object, unit: str, wan: int) -> None:
    assert to_wan(value, unit) == wan
    assert isinstance(to_wan(value, unit), int)


@pytest.mark.parametrize(
    "value",
    ["0.00001", "1.5", Decimal("0.5"), 0.5],
    ids=["finer than 1 万元 in 亿元", "half 万元 text", "half 万元 decimal", "half 万元 float"],
)
def test_amounts_finer_than_a_wan_are_refused_not_rounded(value: object) -> None:
    unit = "亿元" if value == "0.00001" else "万元"
    with pytest.raises(ValueError, match="finer than 1 万元"):
        to_wan(value, unit)


@pytest.mark.parametrize("value", ["", "三亿", "1e", "nan", "inf", float("nan"), None, True, [1]])
def test_not_a_number_is_a_value_error(value: object) -> None:
    with pytest.raises(ValueError):
        to_wan(value)


def test_units_and_their_aliases() -> None:
    assert {normalize_unit(u) for u in ("亿元", "亿", "yi")} == {"亿元"}
    assert {normalize_unit(u) for u in ("万元", "万", "wan")} == {"万元"}
    with pytest.raises(ValueError, match="unknown unit"):
        normalize_unit("元")


def test_sums_of_the_seed_amounts_do_not_drift() -> None:
    # the bundled amounts, added as floats, miss the published 77.8 and 48.39 亿元; as
    # integers of 万元 they hit them exactly
    with BUNDLED_CSV.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    totals = [row["total_investment"] for row in rows]
    plans = [row["plan_investment"] for row in rows]
    assert sum(float(a) for a in totals) != 77.8  # why capex does not add floats
    assert sum(float(a) for a in plans) != 48.39
    assert sum(to_wan(a) for a in totals) == to_wan("77.8") == 778_000
    assert sum(to_wan(a) for a in plans) == to_wan("48.39") == 483_900


def test_display() -> None:
    assert wan_to_yi(14_200) == Decimal("1.42")
    assert format_yi(778_000) == "77.8"
    assert format_yi(1) == "0.0001"
    assert format_amount(483_900) == "48.39 亿元"
    assert format_amount(483_900, "万元") == "483,900 万元"
    np.testing.assert_array_equal(wan_array_to_unit(np.array([10_000, 5]), "万元"), [10_000, 5])
    np.testing.assert_allclose(wan_array_to_unit(np.array([10_000, 5])), [1.0, 0.0005])


def test_ceilings_round_down_to_the_wan() -> None:
    # a 10 % cut of 4.57 亿元 is 4.113 亿元 = 41,130 万元 exactly; of 4.571 it is 41,139 万元
    assert ceiling_to_wan("4.113") == 41_130
    assert ceiling_to_wan("4.11399") == 41_139
    assert ceiling_to_wan("10", "万元") == 10
    with pytest.raises(ValueError, match="negative"):
        ceiling_to_wan("-1")


def test_to_decimal_reads_a_float_through_its_repr() -> None:
    assert to_decimal(0.1) == Decimal("0.1")
    assert to_decimal(" 2.30 ") == Decimal("2.30")


@given(wan=st.integers(-(10**12), 10**12))
def test_wan_round_trips_through_yi_text(wan: int) -> None:
    assert to_wan(format_yi(wan)) == wan
    assert to_wan(wan_to_yi(wan)) == wan
    assert to_wan(str(wan), "万元") == wan


@given(wan=st.integers(0, 10**9))
def test_wan_round_trips_through_a_float_of_yi(wan: int) -> None:
    # what Excel stores: a float of 亿元; rounding it back gives the same 万元
    assert round(wan / WAN_PER_YI * WAN_PER_YI) == wan
    assert to_wan(wan / WAN_PER_YI) == wan
