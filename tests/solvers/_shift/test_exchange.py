"""Searches by one-year moves: a first plan that fits, a lower peak at the same delay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shift_cases import arrays_of, small_problems

from capex.solvers._shift import highs, rows
from capex.solvers._shift.arrays import SolveControls
from capex.solvers._shift.exchange import exchange_peak, first_plan, moves
from capex.solvers.shift import NO_TIME_LIMIT

CONTROLS = SolveControls(time_limit=NO_TIME_LIMIT)  # the statuses must agree: no limit


@pytest.mark.slow
@settings(max_examples=30)
@given(small_problems(), st.booleans())
def test_peak_exchanges_keep_the_delay_and_every_limit_and_never_raise_the_peak(
    problem: dict, allow_earlier: bool
) -> None:
    arrays = arrays_of(problem, allow_earlier)
    model = rows.build(arrays, "delay")
    start = highs.run(model, CONTROLS)
    if start.status != "optimal":
        return
    delays = model.delays_from(start.values)
    after = exchange_peak(arrays, delays)
    assert arrays.objective_value("delay", after) == arrays.objective_value("delay", delays)
    assert arrays.objective_value("peak", after) <= arrays.objective_value("peak", delays)
    assert arrays.fits(after)


@pytest.mark.slow
@settings(max_examples=40)
@given(small_problems(), st.booleans(), st.lists(st.integers(-2, 2), min_size=6, max_size=6))
def test_a_first_plan_fits_or_is_none(problem: dict, allow_earlier: bool, start: list) -> None:
    import numpy as np

    arrays = arrays_of(problem, allow_earlier)
    guess = np.array(start[: arrays.n_projects], dtype=np.int64)
    plan = first_plan(arrays, guess)
    if plan is not None:
        assert ((plan >= arrays.min_delay) & (plan <= arrays.max_delay)).all()
        assert not arrays.overload(plan).any()
        clipped = np.clip(guess, arrays.min_delay, arrays.max_delay)
        if arrays.precedence_holds(clipped):
            assert arrays.precedence_holds(plan)


@pytest.mark.slow
@given(small_problems())
def test_every_move_stays_within_the_limits_and_keeps_the_pairs(problem: dict) -> None:
    import numpy as np

    arrays = arrays_of(problem)
    delays = arrays.min_delay.copy()
    if not arrays.precedence_holds(delays):
        return
    project, step, cost = moves(arrays, delays)
    for j, s, c in zip(project, step, cost):
        moved = delays.copy()
        moved[j] += s
        assert arrays.min_delay[j] <= moved[j] <= arrays.max_delay[j]
        assert arrays.precedence_holds(moved)
        assert c == arrays.objective_value("delay", moved) - arrays.objective_value("delay", delays)
    assert np.unique(np.column_stack([project, step]), axis=0).shape[0] == project.size
