"""The proof by listing: the count is never below the true number of sets, the bound holds
for every selection whatever the prices, and a list holds every selection near the bound."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import capex
from capex.model.budget import resolve_lines
from capex.model.value import resolve_values
from capex.solvers._select import rows
from capex.solvers._select.arrays import NOT_CHOSEN
from capex.solvers._select.enumerate import count_within, prices, search
from capex.solvers._select.problem import build, read_rules


@given(
    st.lists(st.floats(0, 10, allow_nan=False), max_size=10),
    st.floats(0, 20, allow_nan=False),
)
def test_the_count_is_never_below_the_true_number_of_sets(penalties, distance):
    truth = sum(
        1
        for size in range(len(penalties) + 1)
        for chosen in itertools.combinations(penalties, size)
        if sum(chosen) <= distance
    )
    assert count_within(np.array(penalties), distance, 1e9) >= truth


def _problem(values, totals, caps):
    n = len(values)
    frame = pd.DataFrame(
        {
            "id": range(1, n + 1),
            "name": [f"p{i}" for i in range(n)],
            "start_year": 2026,
            "end_year": 2027,
            "total_investment": [f"{t / 100:.2f}" for t in totals],
            "plan_investment": [f"{t / 100:.2f}" for t in totals],
        }
    )
    portfolio = capex.load_projects(frame, plan_period=(2026, 2030))
    lines = resolve_lines(portfolio, {2026: caps[0] / 100, 2027: caps[1] / 100}, any_year=True)
    values = resolve_values(portfolio, dict(zip(portfolio.ids, values)))
    rules = read_rules(portfolio, must=(), exclude=None, alternatives=None, needs=None, max_delay=0)
    return build(portfolio, lines, values, rules, envelope_minor=None, profile="uniform",
                 flows_minor=None)  # fmt: skip


@pytest.mark.slow
@settings(max_examples=30)
@given(
    st.lists(st.integers(1, 20), min_size=2, max_size=7),
    st.data(),
)
def test_the_bound_holds_and_a_list_holds_every_selection_near_it(values, data):
    n = len(values)
    totals = data.draw(st.lists(st.integers(2, 30), min_size=n, max_size=n))
    caps = data.draw(st.lists(st.integers(5, 60), min_size=2, max_size=2))
    problem = _problem(values, totals, caps)
    arrays = problem.arrays
    model = rows.build(arrays)
    duals = data.draw(st.lists(st.floats(-3, 0), min_size=model.n_rows, max_size=model.n_rows))
    found = prices(model, np.array(duals))  # any prices of the right sign give a bound
    best = None
    for choice in itertools.product([NOT_CHOSEN, 0], repeat=n):
        chosen = np.array(choice)
        if arrays.fits(chosen):
            value = arrays.objective(chosen)
            assert value <= found.bound + found.tolerance
            best = value if best is None else max(best, value)
    distance = max(found.bound - (best or 0), 0)
    result = search(arrays, model, found, distance, (best or 0), limit=10**6)
    assert result is not None and result.value == (best or 0)


def _relaxation(arrays):
    from capex.solvers._select.solve import _within
    from capex.solvers._shift import highs
    from capex.solvers._shift.arrays import SolveControls

    controls = SolveControls(None)
    model = rows.build(arrays)
    lp = highs.run(model, _within(controls), relax=True)
    return controls, model, prices(model, lp.row_duals)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 20), min_size=2, max_size=7), st.data())
def test_a_core_search_only_ever_returns_a_better_valid_selection(values, data):
    from capex.solvers._select.solve import _core_search

    n = len(values)
    totals = data.draw(st.lists(st.integers(2, 30), min_size=n, max_size=n))
    caps = data.draw(st.lists(st.integers(5, 60), min_size=2, max_size=2))
    arrays = _problem(values, totals, caps).arrays
    controls, _, found = _relaxation(arrays)
    nothing = np.full(n, NOT_CHOSEN)
    better = _core_search(arrays, controls, nothing, found)
    assert arrays.fits(better)
    best = max(
        arrays.objective(np.array(c))
        for c in itertools.product([NOT_CHOSEN, 0], repeat=n)
        if arrays.fits(np.array(c))
    )
    assert 0 <= arrays.objective(better) <= best


def test_a_core_search_finds_a_better_selection_than_the_first():
    # ten candidates of two years each under two tight ceilings: the empty selection is
    # improved by the cores around the relaxation, to the optimum here
    values = [9, 7, 12, 5, 8, 11, 6, 10, 4, 13]
    totals = [12, 9, 15, 7, 10, 14, 8, 13, 5, 16]
    arrays = _problem(values, totals, [40, 40]).arrays
    controls, _, found = _relaxation(arrays)
    from capex.solvers._select.solve import _core_search

    better = _core_search(arrays, controls, np.full(len(values), NOT_CHOSEN), found)
    best = max(
        arrays.objective(np.array(c))
        for c in itertools.product([NOT_CHOSEN, 0], repeat=len(values))
        if arrays.fits(np.array(c))
    )
    assert arrays.fits(better) and arrays.objective(better) == best
