"""Arguments past the documented bounds are refused with a clear CapexError, at once."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import capex
from capex.errors import CapexError
from capex.limits import (
    LimitError,
    check_escalation,
    check_solver_controls,
    check_year,
    whole_number,
)

INF = float("1e400")  # what "1e400" reads as, in Python and in TOML


def test_whole_numbers_years_and_rates() -> None:
    assert whole_number(3.0, "x", 0, 5) == 3 and check_year(2021.0) == 2021
    assert check_escalation(0.03) == 0.03 and check_escalation(1) == 1.0
    assert check_solver_controls(INF, 0, 1) == (None, 0, 1)
    assert check_solver_controls(None, 7, 2) == (None, 7, 2)
    for bad in (True, "3", 2.5, INF, -INF, math.nan, 6, -1):
        with pytest.raises(LimitError, match="x must be a whole number from 0 to 5"):
            whole_number(bad, "x", 0, 5)
    for year in (20226, -1e9, -1, 10_000):
        with pytest.raises(LimitError, match="0 to 9999"):
            check_year(year)
    for rate in (10, -1, INF, math.nan, "0.03"):
        with pytest.raises(LimitError, match="escalation"):
            check_escalation(rate)


Call = Callable[[capex.Portfolio], Any]


def _periods() -> capex.Portfolio:
    """A programme counted in periods from 0, as a PSPLIB instance is."""
    return capex.Portfolio.from_arrays(
        start_year=np.array([100]),
        end_year=np.array([101]),
        total_minor=np.array([10]),
        plan_minor=np.array([10]),
        plan_period=(100, 110),
    )


REFUSED: list[tuple[str, Call, str]] = [
    ("max_delay 1e6", lambda p: capex.shift(p, {2021: 10}, max_delay=10**6), "max_delay"),
    ("max_delay 1e400", lambda p: capex.shift(p, {2021: 10}, max_delay=INF), "max_delay"),
    (
        "max_delay of a project",
        lambda p: capex.shift(p, {2021: 10}, max_delay={19: INF}),
        "max_delay of project 19",
    ),
    ("seed 1e400", lambda p: capex.shift(p, {2021: 10}, seed=INF), "seed"),
    ("num_workers 1e400", lambda p: capex.shift(p, {2021: 10}, num_workers=INF), "num_workers"),
    ("time_limit NaN", lambda p: capex.shift(p, {2021: 10}, time_limit=math.nan), "time_limit"),
    (
        "spread seed 1e400",
        lambda p: capex.spread(p, {2021: 10}, secondary="peak", seed=INF),
        "seed",
    ),
    ("spread time_limit -1", lambda p: capex.spread(p, {2021: 10}, time_limit=-1), "time_limit"),
    ("shift by 1e6 years", lambda p: capex.Scenario("x", shifts={19: 10**6}), "shift"),
    ("shift by 1e400 years", lambda p: capex.Scenario("x", shifts={19: INF}), "shift"),
    ("escalation 10", lambda p: capex.Scenario("x", shifts={19: 30}, escalation=10), "escalation"),
    ("escalation 1e400", lambda p: capex.Scenario("x", escalation=INF), "escalation"),
    ("a ceiling in 20226", lambda p: capex.Scenario("x", ceilings={20226: 1}), "0 to 9999"),
    ("a ceiling of 1e400", lambda p: capex.Scenario("x", ceilings={2021: INF}), "ceiling"),
    (
        "a ceiling written 1e400",
        lambda p: capex.Scenario("x", ceilings={2021: "1e400"}).run(p),
        "too large",
    ),
    ("a ceiling scale of 1e400", lambda p: capex.Scenario("x", ceiling_scale=INF), "scale"),
    (
        "a window moved before the year 0",
        lambda p: capex.Scenario("x", shifts={1: -300}).apply(_periods()),
        "outside 0-9999",
    ),
    (
        "an escalated total past int64",
        lambda p: capex.Scenario("x", shifts={19: 100}, escalation=1).apply(p),
        "too large",
    ),
]


@pytest.mark.parametrize(("call", "words"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_unbounded_arguments_are_clear_errors(
    yuecheng: capex.Portfolio, call: Call, words: str
) -> None:
    with pytest.raises(CapexError, match=words):
        call(yuecheng)


def test_the_bounds_leave_real_plans_alone(yuecheng: capex.Portfolio) -> None:
    later = capex.Scenario("later", shifts={19: 2}, escalation=0.05).apply(yuecheng)
    assert later.frame.at[19, "start_year"] == 2025
    result = capex.shift(yuecheng, {2024: 9.8}, max_delay={19: 3}, seed=2**31 - 1, num_workers=2)
    assert result.ok
