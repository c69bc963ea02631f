"""Values are exact: decimals as written, frameworks normalised as stated, scaled to whole
numbers without rounding, and refused rather than rounded when they need too many digits."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import capex
from capex.errors import CapexError
from capex.io.bank import load_bank
from capex.model.value import (
    MAX_TOTAL_VALUE,
    ValuationError,
    ValueFramework,
    Values,
    exact_number,
    resolve_values,
)


@pytest.mark.parametrize(
    ("value", "exact"),
    [
        (3, Fraction(3)),
        (np.int64(7), Fraction(7)),
        (Decimal("8706.1"), Fraction(87061, 10)),
        (0.1, Fraction(1, 10)),  # a float by its shortest decimal text, not its binary value
        ("1,200.5", Fraction(2401, 2)),
        (Fraction(1, 3), Fraction(1, 3)),
        (None, None),
        (float("nan"), None),
        ("", None),
    ],
)
def test_numbers_are_read_exactly(value, exact):
    assert exact_number(value) == exact


@pytest.mark.parametrize("bad", ["两千", "1.2.3", float("inf"), True])
def test_a_value_that_is_not_a_finite_number_is_refused(bad):
    with pytest.raises(ValuationError):
        exact_number(bad)


TABLE = pd.DataFrame({"places": [900, 1800, 1350], "risk": [3, 1, 2]}, index=[1, 2, 3])


@pytest.mark.parametrize(
    ("normalise", "lower", "expected"),
    [
        # places min-max: 0, 1, 1/2; risk min-max, lower better: 0, 1, 1/2
        ("min-max", ("risk",), [Fraction(0), Fraction(3), Fraction(3, 2)]),
        # places / max: 1/2, 1, 3/4; risk 1 - x / max: 0, 2/3, 1/3
        ("max", ("risk",), [Fraction(1, 1), Fraction(8, 3), Fraction(11, 6)]),
        ("none", (), [Fraction(1800 + 3), Fraction(3600 + 1), Fraction(2700 + 2)]),
    ],
)
def test_a_framework_is_a_weighted_sum_of_criteria_normalised_as_stated(normalise, lower, expected):
    framework = ValueFramework({"places": 2, "risk": 1}, normalise=normalise, lower_is_better=lower)
    assert framework.evaluate(TABLE).tolist() == expected


def test_a_criterion_all_candidates_share_adds_nothing_and_a_missing_one_is_missing():
    table = pd.DataFrame({"a": [5, 5, 5], "b": [1, None, 3]}, index=[1, 2, 3])
    values = ValueFramework({"a": 1, "b": 1}).evaluate(table)
    assert values.tolist() == [Fraction(0), None, Fraction(1)]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"weights": {}}, "at least one"),
        ({"weights": {"a": -1}}, "at least 0"),
        ({"weights": {"a": "much"}}, "not a number"),
        ({"weights": {"a": 1}, "normalise": "z-score"}, "unknown normalisation"),
        ({"weights": {"a": 1}, "lower_is_better": ("b",)}, "not a criterion"),
    ],
)
def test_a_framework_stated_wrongly_is_refused(arguments, message):
    with pytest.raises(ValuationError, match=message):
        ValueFramework(**arguments)


def test_max_normalisation_refuses_negative_values():
    with pytest.raises(ValuationError, match="negative"):
        ValueFramework({"a": 1}, normalise="max").evaluate(pd.DataFrame({"a": [-1, 2]}))


def test_values_are_scaled_exactly_by_their_least_common_denominator():
    exact = pd.Series([Fraction(1, 3), Fraction(5, 4), Fraction(2)], index=[1, 2, 3], dtype=object)
    values = Values.of(exact, "v", "v")
    assert values.scale == 12
    assert values.scaled_array([1, 2, 3]).tolist() == [4, 15, 24]
    assert values.total([1, 2]) == Fraction(19, 12)


def test_values_that_need_more_digits_than_the_solver_holds_are_refused_not_rounded():
    huge = pd.Series([Fraction(MAX_TOTAL_VALUE, 3), Fraction(1, 7)], index=[1, 2], dtype=object)
    with pytest.raises(ValuationError, match="2\\*\\*53"):
        Values.of(huge, "v", "v")


@pytest.fixture(scope="module")
def bank() -> capex.io.bank.Bank:
    table = capex.load_projects().to_frame().reset_index()
    table["学位（个）"] = [1000 + i for i in range(len(table))]
    table["score"] = ["0.5"] * len(table)
    return load_bank(table, plan_period=(2021, 2025))


def test_a_column_named_by_its_heading_without_its_unit(bank):
    values = resolve_values(bank.portfolio, "学位", bank=bank)
    assert values.exact[1] == 1000 and values.scale == 1
    assert str(values.label) == "学位"


def test_places_are_counted_when_the_bank_has_no_such_column():
    portfolio = capex.load_projects()
    values = resolve_values(portfolio, "places")
    assert values.exact[12] == 42 * 45
    assert values.exact[2] is None  # a bare 中学: a finding, not a guess
    assert "建标102-2002" in values.description


def test_a_portfolio_column_a_series_and_a_framework(bank):
    portfolio = bank.portfolio
    assert resolve_values(portfolio, "classes").exact[1] == 24
    given = resolve_values(portfolio, pd.Series({"1": 3.5, 2: 1}))
    assert given.exact[1] == Fraction(7, 2) and given.exact[3] is None and given.scale == 2
    framework = resolve_values(portfolio, ValueFramework({"score": 1, "classes": 1}), bank=bank)
    assert framework.exact[1] == Fraction(24 - 12, 48 - 12)  # score adds nothing: all 0.5
    missing = framework.findings.set_index("project_id")
    assert missing.loc[9, "rule"] == "value_missing"  # no classes for #9


def test_a_value_that_names_nothing_is_a_clear_error(bank):
    with pytest.raises(ValuationError, match="no column 'benefit'"):
        resolve_values(bank.portfolio, "benefit", bank=bank)
    with pytest.raises(CapexError, match="no such project"):
        resolve_values(bank.portfolio, {99: 1})
    with pytest.raises(ValuationError, match="value must be"):
        resolve_values(bank.portfolio, 3.5)
    assert math.isnan(resolve_values(bank.portfolio, {1: 1}).shown()[2])


def test_the_module_examples_run():
    import doctest
    import importlib

    failures, attempted = doctest.testmod(
        importlib.import_module("capex.model.value"), verbose=False
    )
    assert attempted and not failures
