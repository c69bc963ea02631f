"""Distributions: bad parameters are refused with clear errors; good ones draw what they say."""

from __future__ import annotations

import doctest
import importlib
import inspect
import math

import numpy as np
import pytest
from chinese_errors import check_error
from hypothesis import given
from hypothesis import strategies as st

import capex
from capex.risk.distributions import (
    PERT,
    PERT_SHAPE,
    Discrete,
    DistributionError,
    Empirical,
    Lognormal,
    Triangular,
    Uniform,
    parse_distribution,
)


# -- bad parameters ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: Discrete({0: 0.6, 1: -0.1, 2: 0.5}), "probability of 1 year(s) is negative"),
        (lambda: Discrete({0: 0.6, 1: 0.3}), "sum to 0.9, not 1"),
        (lambda: Discrete({0: 0.6, 1: 0.6}), "sum to 1.2, not 1"),
        (lambda: Discrete({0: 0.5, 1.5: 0.5}), "whole years, not 1.5"),
        (lambda: Discrete({"1.5": 1.0}), "whole years, not '1.5'"),
        (lambda: Discrete({True: 1.0}), "whole years, not True"),
        (lambda: Discrete({-1: 1.0}), "cannot be negative"),
        (lambda: Discrete({0: math.nan, 1: 1.0}), "finite number"),
        (lambda: Discrete({0: "half", 1: 0.5}), "must be a number"),
        (lambda: Discrete({}), "give {years: probability}"),
        (lambda: Discrete([0.5, 0.5]), "give {years: probability}"),
        (lambda: Lognormal(p10=0.3, p90=0.1), "the P10 0.3 is above the P90 0.1"),
        (lambda: Lognormal(p10=0.1, p90=0.1), "P10 must be below the P90"),
        (lambda: Lognormal(p10=-1.0, p90=0.1), "cost nothing or less"),
        (lambda: Lognormal(p10=0.0, p90=math.inf), "finite number"),
        (lambda: Triangular(0.1, 0.05, 0.4), "the low 0.1 is above the mode 0.05"),
        (lambda: Triangular(-0.05, 0.5, 0.4), "the mode 0.5 is above the high 0.4"),
        (lambda: Triangular(0.1, 0.1, 0.1), "low must be below high"),
        (lambda: Triangular(-1.2, 0.0, 0.4), "cost nothing or less"),
        (lambda: Triangular(math.nan, 0.0, 0.4), "low must be a finite number"),
        (lambda: Triangular("a", 0.0, 0.4), "low must be a number"),
        (lambda: PERT(0.2, 0.1, 0.4), "the low 0.2 is above the mode 0.1"),
        (lambda: PERT(0.0, 0.1, 0.4, shape=0), "shape must be positive"),
        (lambda: Uniform(0.3, -0.1), "low must be below high"),
        (lambda: Uniform(-1, 0.1), "cost nothing or less"),
        (lambda: Empirical([]), "at least one observed change"),
        (lambda: Empirical([0.1, -1.5]), "value 2 -1.5 would make a project cost nothing"),
        (lambda: Empirical([0.1, math.inf]), "value 2 must be a finite number"),
        (lambda: Empirical("0.1"), "must be a list of numbers"),
    ],
)
def test_bad_parameters_are_refused_with_a_clear_error(make, words):
    with pytest.raises(DistributionError) as caught:
        make()
    assert words in str(caught.value)
    assert isinstance(caught.value, capex.CapexError)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("triangle(0, 0.1, 0.3)", "unknown distribution 'triangle'"),
        ("triangular(0, 0.1)", "needs low, mode, high; missing high"),
        ("triangular(0, 0.1, 0.3, 0.5)", "at most 3 parameters"),
        ("triangular(0, x, 0.3)", "'x' is not a number"),
        ("triangular(0,, 0.3)", "an empty parameter"),
        ("lognormal(p10=0.2, p90=0.1)", "the P10 0.2 is above the P90 0.1"),
        ("lognormal(p10=0.1, p50=0.2)", "no parameter 'p50'"),
        ("lognormal(0.1, p10=0.2)", "p10 is given twice"),
        ("discrete(0=0.5, 1.5=0.5)", "whole years, not '1.5'"),
        ("discrete(0=0.5, 0=0.5)", "the delay 0 is given twice"),
        ("discrete(0=0.7, 1=0.7)", "sum to 1.4"),
        ("discrete(0=-0.2, 1=1.2)", "negative"),
        ("discrete(0.5)", "years=probability"),
        ("0.1", "is not a distribution"),
    ],
)
def test_bad_text_is_refused_with_a_clear_error(text, words):
    with pytest.raises(DistributionError, match=None) as caught:
        parse_distribution(text)
    assert words in str(caught.value)


# -- text -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("triangular(-5%, 5%, 40%)", Triangular(-0.05, 0.05, 0.40)),
        ("Triangular(-0.05, 0.05, 0.4)", Triangular(-0.05, 0.05, 0.40)),
        ("pert(0, 0.1, 0.5)", PERT(0.0, 0.1, 0.5)),
        ("pert(0, 0.1, 0.5, shape=6)", PERT(0.0, 0.1, 0.5, shape=6)),
        ("lognormal(p10=-0.05, p90=0.3)", Lognormal(-0.05, 0.3)),
        ("lognormal(-0.05, 0.3)", Lognormal(-0.05, 0.3)),
        ("uniform(-0.1, 0.3)", Uniform(-0.1, 0.3)),
        ("empirical(0.12, -0.03, 0.4)", Empirical([0.12, -0.03, 0.4])),
        ("discrete(0=0.6, 1=0.3, 2=0.1)", Discrete({0: 0.6, 1: 0.3, 2: 0.1})),
        ("discrete(0: 0.5; 2: 0.5)", Discrete({0: 0.5, 2: 0.5})),
    ],
)
def test_text_reads_and_writes_back(text, expected):
    distribution = parse_distribution(text)
    assert distribution == expected
    assert parse_distribution(str(distribution)) == distribution


def test_the_pert_default_shape_is_the_published_four():
    assert PERT_SHAPE == 4
    # (low + 4 mode + high) / 6, as Malcolm et al. (1959) define the PERT mean
    assert PERT(-0.05, 0.05, 0.40).mean == pytest.approx((-0.05 + 4 * 0.05 + 0.40) / 6)
    # the constant's published source is written beside it
    source = inspect.getsource(importlib.import_module("capex.risk.distributions"))
    assert "Operations Research* 7(5)" in source and "Malcolm" in PERT.__doc__


def test_nothing_else_has_a_default():
    for kind in (Uniform, Triangular, Lognormal, Empirical, Discrete):
        with pytest.raises(TypeError):
            kind()


# -- what they draw ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "distribution",
    [
        Uniform(-0.1, 0.3),
        Triangular(-0.05, 0.05, 0.40),
        PERT(-0.05, 0.05, 0.40),
        Lognormal(-0.05, 0.30),
        Empirical([0.12, -0.03, 0.4, 0.05]),
    ],
    ids=str,
)
def test_draws_have_the_stated_mean(distribution):
    draws = distribution.sample(np.random.default_rng(1), 200_000)
    error = draws.std() / math.sqrt(len(draws))
    assert abs(draws.mean() - distribution.mean) < 5 * error
    assert (draws > -1).all()


@pytest.mark.parametrize(
    "distribution",
    [Uniform(-0.1, 0.3), Triangular(-0.05, 0.05, 0.40), Lognormal(-0.05, 0.30)],
    ids=str,
)
def test_draws_follow_the_quantile_function(distribution):
    draws = distribution.sample(np.random.default_rng(2), 100_000)
    for q in (0.1, 0.5, 0.8, 0.95):
        # the share of draws at or below the q-quantile is q, within Monte Carlo error
        share = (draws <= distribution.quantile(q)).mean()
        assert abs(share - q) < 5 * math.sqrt(q * (1 - q) / len(draws))


def test_a_lognormal_has_the_p10_and_p90_it_was_given():
    distribution = Lognormal(p10=-0.05, p90=0.30)
    assert float(distribution.quantile(0.1)) == pytest.approx(-0.05, abs=1e-12)
    assert float(distribution.quantile(0.9)) == pytest.approx(0.30, abs=1e-12)


def test_a_discrete_delay_draws_whole_years_at_its_probabilities():
    delay = Discrete({0: 0.6, 1: 0.3, 2: 0.1})
    draws = delay.sample(np.random.default_rng(3), 100_000)
    assert draws.dtype == np.int64
    shares = np.bincount(draws, minlength=3) / len(draws)
    assert shares == pytest.approx([0.6, 0.3, 0.1], abs=0.01)
    assert delay.largest == 2 and delay.mean == pytest.approx(0.5)


def test_a_discrete_delay_accepts_whole_floats_and_text_keys():
    assert Discrete({0.0: 0.5, "1": 0.5}) == Discrete({0: 0.5, 1: 0.5})


@given(
    low=st.floats(-0.9, 1.0),
    spread=st.floats(0.001, 2.0),
    where=st.floats(0.0, 1.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_three_point_draws_stay_within_low_and_high(low, spread, where, seed):
    high = low + spread
    mode = low + where * spread
    for kind in (Triangular, PERT):
        distribution = kind(low, min(max(mode, low), high), high)
        draws = distribution.sample(np.random.default_rng(seed), 500)
        assert (draws >= low - 1e-12).all() and (draws <= high + 1e-12).all()


def test_docstring_examples_run():
    module = importlib.import_module("capex.risk.distributions")
    failures, attempted = doctest.testmod(module, verbose=False)
    assert attempted > 0 and failures == 0


@pytest.mark.parametrize(
    ("make", "english", "leave_out"),
    [
        (lambda: capex.risk.Empirical([]), "Empirical: give at least one observed change", ()),
        (
            lambda: capex.risk.parse_distribution("triangular(0, 0.1, 半)"),
            "'triangular(0, 0.1, 半)': '半' is not a number",
            ("'triangular(0, 0.1, 半)'",),
        ),
        (
            lambda: capex.risk.Discrete({0: 0.5, 1: 0.4}),
            "the probabilities sum to 0.9, not 1",
            ("Discrete(0: 0.5, 1: 0.4)",),
        ),
        (
            lambda: capex.risk.Triangular(-1.5, 0, 0.4),
            "low -1.5 would make a project cost nothing or less",
            ("Triangular(low=-1.5, mode=0, high=0.4)",),
        ),
    ],
    ids=["no change", "a word for a number", "probabilities", "below -1"],
)
def test_a_distribution_error_reads_in_chinese(make, english, leave_out):
    """Under capex.options.lang = "zh" a distribution's error holds no English word (but the
    distribution as written); in English it reads as it always did."""
    check_error(make, english, leave_out)
