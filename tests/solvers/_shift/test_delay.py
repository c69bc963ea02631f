"""The delay objective's bound-and-fix steps give the brute-force optimum, by every path."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shift_cases import arrays_of, brute_force, build, small_problems

from capex.solvers._shift import delay
from capex.solvers._shift.arrays import SolveControls
from capex.solvers.shift import NO_TIME_LIMIT

CONTROLS = SolveControls(time_limit=NO_TIME_LIMIT)  # the statuses must agree: no limit


@pytest.mark.slow
@settings(max_examples=40)
@given(small_problems(), st.sampled_from(["limited models", "whole model"]))
def test_the_least_delay_equals_brute_force(problem: dict, path: str) -> None:
    portfolio, lines = build(problem)
    truth = brute_force(portfolio, lines, problem["max_delay"], "delay")
    with pytest.MonkeyPatch.context() as patch:
        # the limited models (step 3), or straight to the whole MIP (step 4)
        patch.setattr(delay, "LIMITED_SHARE", 1.0 if path == "limited models" else -1.0)
        raw = delay.solve_delay(arrays_of(problem), CONTROLS)
    if truth["best"] is None:
        assert raw.status == "infeasible"
        return
    assert raw.status == "optimal"
    assert raw.objective == raw.bound == truth["best"]
    assert tuple(raw.delays) in truth["optima"]


@pytest.mark.slow
@given(small_problems())
def test_a_plan_given_as_a_hint_is_never_worsened(problem: dict) -> None:
    portfolio, lines = build(problem)
    truth = brute_force(portfolio, lines, problem["max_delay"], "delay")
    if truth["best"] is None:
        return
    arrays = arrays_of(problem)
    best = np.array(truth["optima"][0])
    raw = delay.solve_delay(arrays, CONTROLS, hint=best)
    assert raw.status == "optimal" and raw.objective == truth["best"]
