"""Exact money: integers of the minor unit inside, the display unit shown, no silent rounding."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import capex
import capex.model.budget
import capex.model.budget_year
import capex.model.coverage
import capex.model.month_profiles
import capex.model.profiles
from capex.errors import CapexError
from capex.io.projects import BUNDLED_CSV
from capex.model.money import (
    MAX_AMOUNT,
    WAN,
    AmountOverflowError,
    Money,
    checked_sum,
    choose_minor_unit,
    minor_unit_holding,
    to_decimal,
)

FEN = Money("CNY", "分")
CENTS = Money("USD", "cent")


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
        ("1,230,000", "元", 123),
        (np.int64(7), "万", 7),
        ("0", "亿元", 0),
    ],
)
def test_to_wan_is_exact(value: object, unit: str, wan: int) -> None:
    assert WAN.to_minor(value, unit) == wan
    assert isinstance(WAN.to_minor(value, unit), int)


def test_the_display_unit_is_the_default_unit() -> None:
    assert WAN.to_minor("1.42") == 14_200  # 亿元
    assert CENTS.to_minor("1.42") == 142  # dollars
    assert FEN.to_minor("1.42") == 14_200_000_000  # 亿元 in 分


@pytest.mark.parametrize(
    "value",
    ["0.00001", "1.5", Decimal("0.5"), 0.5],
    ids=["finer than 1 万元 in 亿元", "half 万元 text", "half 万元 decimal", "half 万元 float"],
)
def test_amounts_finer_than_a_wan_are_refused_not_rounded(value: object) -> None:
    unit = "亿元" if value == "0.00001" else "万元"
    with pytest.raises(ValueError, match="finer than 1 万元"):
        WAN.to_minor(value, unit)


def test_amounts_finer_than_a_cent_are_refused() -> None:
    assert CENTS.to_minor("12.34") == 1234
    with pytest.raises(ValueError, match="finer than 1 cent"):
        CENTS.to_minor("12.345")


@pytest.mark.parametrize(
    "value",
    ["", "三亿", "1e", "nan", "inf", float("nan"), None, True, [1], "3,5", "1_5", "1,00", ",100"],
)
def test_not_a_number_is_a_value_error(value: object) -> None:
    with pytest.raises(ValueError):
        WAN.to_minor(value)


@pytest.mark.parametrize(
    ("text", "number"),
    [("1,234", "1234"), ("-1,234.5", "-1234.5"), ("12,345,678.90", "12345678.90"), ("999", "999")],
)
def test_a_comma_groups_thousands_only(text: str, number: str) -> None:
    assert to_decimal(text) == Decimal(number)


def test_units_and_their_aliases() -> None:
    assert {WAN.normalize_unit(u) for u in ("亿元", "亿", "yi")} == {"亿元"}
    assert {WAN.normalize_unit(u) for u in ("万元", "万", "wan")} == {"万元"}
    assert {WAN.normalize_unit(u) for u in ("元", "yuan", "RMB")} == {"元"}
    assert {CENTS.normalize_unit(u) for u in ("USD", "$", "dollars")} == {"USD"}
    with pytest.raises(ValueError, match="unknown unit 'USD' for CNY .*a unit of USD"):
        WAN.normalize_unit("USD")
    with pytest.raises(ValueError, match="unknown unit '亿元' for USD"):
        CENTS.normalize_unit("亿元")
    with pytest.raises(ValueError, match="unknown currency"):
        Money("XYZ", "cent")


def test_money_of_a_unit_knows_its_currency() -> None:
    assert Money.of("分") == Money("CNY", "分")
    assert Money.of("cent") == Money("USD", "cent")
    assert Money.of("cent").display_unit == "USD"
    assert Money.of("万元").display_unit == "亿元"


def test_sums_of_the_seed_amounts_do_not_drift() -> None:
    # the bundled amounts, added as floats, miss the published 77.8 and 48.39 亿元; as
    # integers of 万元 they hit them exactly
    with BUNDLED_CSV.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    totals = [row["total_investment"] for row in rows]
    plans = [row["plan_investment"] for row in rows]
    assert sum(float(a) for a in totals) != 77.8  # why capex does not add floats
    assert sum(float(a) for a in plans) != 48.39
    assert sum(WAN.to_minor(a) for a in totals) == WAN.to_minor("77.8") == 778_000
    assert sum(WAN.to_minor(a) for a in plans) == WAN.to_minor("48.39") == 483_900


def test_display() -> None:
    assert WAN.to_decimal(14_200) == Decimal("1.42")
    assert WAN.text(778_000) == "77.8"
    assert WAN.text(1) == "0.0001"
    assert WAN.text(0) == "0"
    assert WAN.text(1_000_000) == "100"
    assert WAN.format(483_900) == "48.39 亿元"
    assert WAN.format(483_900, "万元") == "483,900 万元"
    assert WAN.format(30_000) == "3 亿元"
    assert CENTS.format(123_456) == "1234.56 USD"
    assert CENTS.format(123_456, grouping=True) == "1,234.56 USD"
    np.testing.assert_array_equal(WAN.to_unit(np.array([10_000, 5]), "万元"), [10_000, 5])
    np.testing.assert_array_equal(WAN.to_unit(np.array([1, 5]), "元"), [10_000, 50_000])
    np.testing.assert_allclose(WAN.to_unit(np.array([10_000, 5])), [1.0, 0.0005])
    assert WAN.decimals() == 4
    assert CENTS.decimals() == 2
    assert WAN.decimals("万元") == 0


def test_ceilings_round_down_to_the_wan() -> None:
    # a 10 % cut of 4.57 亿元 is 4.113 亿元 = 41,130 万元 exactly; of 4.571 it is 41,139 万元
    assert WAN.ceiling_to_minor("4.113") == 41_130
    assert WAN.ceiling_to_minor("4.11399") == 41_139
    assert WAN.ceiling_to_minor("10", "万元") == 10
    assert CENTS.ceiling_to_minor("10.019") == 1001
    with pytest.raises(ValueError, match="negative"):
        WAN.ceiling_to_minor("-1")


def test_to_decimal_reads_a_float_through_its_repr() -> None:
    assert to_decimal(0.1) == Decimal("0.1")
    assert to_decimal(" 2.30 ") == Decimal("2.30")


def test_the_coarsest_unit_that_holds_every_amount_is_chosen() -> None:
    yuan = [Decimal(7780000000), Decimal(4839000000)]  # 77.8 and 48.39 亿元, in 元
    assert choose_minor_unit(yuan) == "万元"
    assert choose_minor_unit(yuan + [Decimal(12345)]) == "元"
    assert choose_minor_unit(yuan + [Decimal("0.01")]) == "分"
    assert choose_minor_unit([Decimal("12.5")], "USD") == "cent"
    assert choose_minor_unit([Decimal(12)], "USD") == "USD"
    with pytest.raises(ValueError, match="finer than 1 分"):
        choose_minor_unit([Decimal("0.001")])


def test_amounts_in_several_units_choose_one_minor_unit() -> None:
    assert minor_unit_holding([(Decimal("77.8"), "亿元"), (Decimal("48.39"), "亿元")]) == "万元"
    assert minor_unit_holding([(Decimal("77.8"), "亿元"), (Decimal("1.5"), "万元")]) == "元"
    assert minor_unit_holding([(Decimal("-0.05"), "元")]) == "分"  # a refund
    with pytest.raises(ValueError, match="finer than 1 分"):
        minor_unit_holding([(Decimal("0.001"), "元")])


def test_float_amounts_stay_floats_in_any_unit() -> None:
    # means and gaps (NaN) of minor units, shown in a coarser and in a finer unit
    values = np.array([15_000.5, np.nan])
    np.testing.assert_allclose(WAN.to_unit(values), [1.50005, np.nan])
    shown = WAN.to_unit(values, "元")
    assert shown.dtype.kind == "f"
    np.testing.assert_array_equal(shown, [150_005_000.0, np.nan])


def test_amounts_and_sums_beyond_the_limit_are_errors_not_wrap_arounds() -> None:
    # a capex error like any other (one line on the command line, exit 2), and still the
    # OverflowError and ValueError a caller may already catch
    assert issubclass(AmountOverflowError, CapexError)
    assert issubclass(AmountOverflowError, OverflowError) and issubclass(
        AmountOverflowError, ValueError
    )
    with pytest.raises(AmountOverflowError):
        FEN.to_minor("1e20", "亿元")
    big = np.array([MAX_AMOUNT // 2 + 1, MAX_AMOUNT // 2 + 1], dtype=np.int64)
    with pytest.raises(AmountOverflowError):
        checked_sum(big)
    assert checked_sum(np.array([1, 2, 3])) == 6
    assert checked_sum(np.array([], dtype=np.int64)) == 0


@given(wan=st.integers(-(10**12), 10**12))
def test_wan_round_trips_through_yi_text(wan: int) -> None:
    assert WAN.to_minor(WAN.text(wan)) == wan
    assert WAN.to_minor(WAN.to_decimal(wan)) == wan
    assert WAN.to_minor(str(wan), "万元") == wan


@given(fen=st.integers(-(10**15), 10**15))
def test_fen_round_trip_through_yuan_text(fen: int) -> None:
    assert FEN.to_minor(FEN.text(fen, "元"), "元") == fen
    assert FEN.to_minor(FEN.text(fen)) == fen


@given(wan=st.integers(0, 10**9))
def test_wan_round_trips_through_a_float_of_yi(wan: int) -> None:
    # what Excel stores: a float of 亿元; rounding it back gives the same 万元
    per = float(WAN.per())
    assert round(wan / per * per) == wan
    assert WAN.to_minor(wan / per) == wan


@pytest.mark.parametrize(("unit", "canonical"), [("万", "万元"), ("亿", "亿元"), ("yuan", "元")])
def test_a_money_of_an_alias_counts_in_the_canonical_unit(unit, canonical):
    money = Money.of(unit)
    assert money.unit == canonical and money.to_minor("1", unit) == 1


@pytest.mark.parametrize("money", [WAN, FEN, CENTS], ids=["wan", "fen", "cents"])
def test_format_many_writes_what_format_writes_for_every_unit(money):
    rng = np.random.default_rng(0)
    amounts = np.concatenate(
        [
            rng.integers(-(10**12), 10**12, 2_000),
            rng.integers(-(10**5), 10**5, 2_000),
            [0, 1, -1, 999, 1_000, 10_000, -10_000, 10**8, 123_456_789, 99_990_000, 10**15],
        ]
    )
    for unit in money.units:
        expected = [money.format(int(a), unit) for a in amounts]
        assert money.format_many(amounts, unit).tolist() == expected, unit
    assert money.format_many([], money.display_unit).tolist() == []


# -- the model's errors, in the office's language ---------------------------------------------
def _raised(make: Callable[[], object]) -> Exception:
    try:
        make()
    except Exception as error:  # noqa: BLE001 - each case raises its own kind
        return error
    raise AssertionError("no error")


@pytest.mark.parametrize(
    ("make", "english"),
    [
        (lambda: to_decimal("1.5²"), "'1.5²' is not a number (it holds '²', U+00B2)"),
        (lambda: to_decimal("3,5"), "'3,5' is not a number (a comma may only group thousands)"),
        (lambda: to_decimal(""), "the amount is empty"),
        (lambda: Money("XYZ"), "unknown currency 'XYZ'"),
        (lambda: Money.of("万元").to_minor(Decimal("0.00001"), "万元"), "is finer than 1"),
        (lambda: Money.of("万元").normalize_unit("美元"), "unknown unit '美元'"),
        (
            lambda: capex.model.budget.as_budget_lines({1, 2}),
            "a list of ceilings must hold BudgetLine",
        ),
        (
            lambda: capex.model.budget.BudgetLine("教育", {2021: -1}),
            "budget line '教育', year 2021: a ceiling cannot be negative: -1",
        ),
        (lambda: capex.model.budget.BudgetLine("教育", 5), "ceilings are {year: amount}, not 5"),
        (lambda: capex.model.profiles.get_profile("zigzag"), "unknown profile 'zigzag'"),
        (lambda: capex.model.profiles.Profile.from_weights([0, 0]), "weights must not all be"),
        (lambda: capex.model.month_profiles.month_profile([1, 2]), "12 weights, not 2"),
        (lambda: capex.model.budget_year.fiscal_year_of(13), "fiscal_year_start=13: the month"),
        (lambda: capex.model.budget_year.to_date("明天"), "not a date: '明天'"),
        (lambda: capex.model.coverage.Coverage(2025, 2021), "ends before it starts"),
        (lambda: setattr(capex.options, "unit", "furlong"), "unknown unit 'furlong' for capex."),
    ],
)
def test_errors_of_the_model_are_worded_in_either_language(
    make: Callable[[], object], english: str
) -> None:
    from capex.terms import said

    error = _raised(make)
    assert english in said(error, "en")
    assert english in str(error)
    chinese = said(error, "zh")
    with capex.option_context("lang", "zh"):
        assert str(error) == chinese
    assert re.search("[\u4e00-\u9fff]", chinese)
    # the user's own values (quoted, or as Python shows them), currency codes, and the names a
    # user types (settings, profiles, classes) are not capex's words
    own = re.sub(
        r"'[^']*'|“[^”]*”|\b\w+=|capex\.\w+(\.\w+)*|U\+\w+|Decimal\(|(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])",
        "",
        chinese,
    )
    typed = {"BudgetLine", "None", "uniform", "front", "back", "bell", "curve"}
    words = {w for w in re.findall(r"[A-Za-z]{2,}", own) if w not in typed}
    assert not words, chinese
