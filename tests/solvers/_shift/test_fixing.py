"""The exact reductions: none of them cuts off an optimum (checked against brute force)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shift_cases import arrays_of, brute_force, build, small_problems

from capex.solvers._shift import fixing


def _plans(problem: dict, kind: str = "delay") -> tuple[object, dict]:
    portfolio, lines = build(problem)
    return arrays_of(problem), brute_force(portfolio, lines, problem["max_delay"], kind)


@pytest.mark.slow
@given(small_problems())
def test_precedence_propagation_keeps_every_plan_that_meets_the_pairs(problem: dict) -> None:
    arrays, truth = _plans(problem)
    narrowed = fixing.propagate_precedence(arrays)
    if narrowed is None:
        assert truth["best"] is None and truth["least_overload"] is None
        return
    assert (narrowed.min_delay >= arrays.min_delay).all()
    assert (narrowed.max_delay <= arrays.max_delay).all()
    for plan in truth["optima"]:
        delays = np.array(plan)
        assert ((delays >= narrowed.min_delay) & (delays <= narrowed.max_delay)).all()


@pytest.mark.slow
@settings(max_examples=40)
@given(small_problems(), st.integers(0, 2**32 - 1))
def test_any_prices_give_a_bound_and_keep_every_optimum_within_its_budget(
    problem: dict, seed: int
) -> None:
    arrays, truth = _plans(problem)
    if truth["best"] is None:
        return
    generator = np.random.default_rng(seed)
    ceiling_prices = generator.exponential(1e-3, size=arrays.capacity.shape)
    pair_prices = generator.exponential(0.5, size=len(arrays.edges))
    prices = fixing.lagrangian(arrays, ceiling_prices, pair_prices)
    assert prices.bound <= truth["best"] + 1e-6
    assert (prices.reduced >= 0).all()
    limited = fixing.within_budget(arrays, prices, truth["best"])
    for plan in truth["optima"]:
        delays = np.array(plan)
        assert ((delays >= limited.min_delay) & (delays <= limited.max_delay)).all()


@pytest.mark.slow
@given(small_problems())
def test_swapping_a_dominance_pair_keeps_every_ceiling_and_the_delay(problem: dict) -> None:
    problem = {**problem, "edges": []}
    arrays = arrays_of(problem)
    pairs = fixing.dominance_pairs(arrays)
    for big, small in pairs:
        assert arrays.weight[big] == arrays.weight[small]
        assert arrays.min_delay[big] == arrays.min_delay[small]
        assert arrays.max_delay[big] == arrays.max_delay[small]
        for low in range(int(arrays.min_delay[big]), int(arrays.max_delay[big]) + 1):
            for high in range(low + 1, int(arrays.max_delay[big]) + 1):
                # the smaller moving further is never better for the ceilings than swapping
                delays = np.zeros(arrays.n_projects, dtype=np.int64)
                delays[big], delays[small] = low, high
                swapped = delays.copy()
                swapped[big], swapped[small] = high, low
                before, after = arrays.line_load(delays), arrays.line_load(swapped)
                assert (after[arrays.capped] <= before[arrays.capped]).all()


@pytest.mark.slow
@given(small_problems())
def test_some_optimum_follows_every_dominance_pair(problem: dict) -> None:
    problem = {**problem, "edges": [], "objective": "delay"}
    arrays, truth = _plans(problem)
    if truth["best"] is None:
        return
    pairs = fixing.dominance_pairs(arrays)
    assert any(all(plan[big] >= plan[small] for big, small in pairs) for plan in truth["optima"])
