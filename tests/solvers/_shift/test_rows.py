"""The model's rows: every backend translates the same rows to the same optimum."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shift_cases import arrays_of, small_problems

from capex.solvers._shift import cpsat, highs, rows
from capex.solvers._shift.arrays import SolveControls
from capex.solvers._shift.mathopt import solve_scip
from capex.solvers.shift import NO_TIME_LIMIT

CONTROLS = SolveControls(time_limit=NO_TIME_LIMIT)  # the statuses must agree: no limit


@pytest.mark.slow
@settings(max_examples=30)
@given(small_problems(), st.booleans())
def test_the_one_hot_and_incremental_forms_and_every_backend_agree(
    problem: dict, allow_earlier: bool
) -> None:
    arrays = arrays_of(problem, allow_earlier)
    kind = problem["objective"]
    one_hot = rows.build(arrays, kind)
    answers = {}
    for name, model in (("one-hot", one_hot), ("incremental", one_hot.incremental())):
        out = highs.run(model, CONTROLS)
        answers[name] = (
            out.status,
            None
            if out.values is None
            else arrays.objective_value(kind, model.delays_from(out.values)),
        )
        if out.values is not None:
            assert arrays.fits(model.delays_from(out.values))
    for name, raw in (
        ("scip", solve_scip(rows.build(arrays, kind), CONTROLS)),
        ("cp-sat", cpsat.solve_booleans(rows.build(arrays, kind), CONTROLS)),
    ):
        answers[name] = (
            raw.status,
            None if raw.delays is None else arrays.objective_value(kind, raw.delays),
        )
    assert len(set(answers.values())) == 1, answers


@pytest.mark.slow
@settings(max_examples=30)
@given(small_problems())
def test_the_relaxation_finds_the_same_least_overload_in_both_backends(problem: dict) -> None:
    arrays = arrays_of(problem)
    model = rows.build(arrays, "delay", relax_ceilings=True)
    out = highs.run(model, CONTROLS, gap=1e-6)
    scip = solve_scip(rows.build(arrays, "delay", relax_ceilings=True), CONTROLS)
    assert out.status == scip.status
    if out.values is not None:
        assert (
            arrays.overload(model.delays_from(out.values)).sum()
            == arrays.overload(scip.delays).sum()
        )


@pytest.mark.slow
@given(small_problems())
def test_a_held_objective_is_a_constraint(problem: dict) -> None:
    arrays = arrays_of(problem)
    free = highs.run(model := rows.build(arrays, "delay"), CONTROLS)
    if free.values is None:
        return
    best = arrays.objective_value("delay", model.delays_from(free.values))
    # the least makespan among the plans of least delay is a plan of least delay
    held = rows.build(arrays, "makespan", fixed=("delay", best))
    out = highs.run(held, CONTROLS)
    assert out.status == "optimal"
    assert arrays.objective_value("delay", held.delays_from(out.values)) == best


def test_an_entry_on_an_option_moves_to_the_next_shift_in_the_incremental_form(tiny) -> None:
    from capex.model.budget import resolve_lines
    from capex.solvers._shift.problem import build_problem

    arrays = build_problem(tiny, resolve_lines(tiny, {2022: 1.0}, any_year=True), 2).arrays
    model = rows.build(arrays, "delay")
    incremental = model.incremental()
    # the same plans, read back from either form
    delays = np.clip(np.array([0, 1, 2, 1]), arrays.min_delay, arrays.max_delay)
    assert (model.delays_from(model.option_values(delays)) == delays).all()
    assert (incremental.delays_from(incremental.option_values(delays)) == delays).all()
    # the cost of x[j, d] = weight * d becomes weight on each y[j, d] for d >= 1
    costs = incremental.costs()[: incremental.n_options]
    moved = incremental.delay > arrays.min_delay[incremental.project]
    assert (costs[moved] == arrays.weight[incremental.project[moved]]).all()
    assert incremental.families["ordering"][1] == int(moved.sum())


@pytest.mark.parametrize("kind", ["delay", "makespan", "peak"])
def test_every_objective_has_its_terms(tiny, kind: str) -> None:
    from capex.model.budget import resolve_lines
    from capex.solvers._shift.problem import build_problem

    arrays = build_problem(tiny, resolve_lines(tiny, {2022: 1.0}, any_year=True), 2).arrays
    model = rows.build(arrays, kind)
    out = highs.run(model, CONTROLS)
    assert out.status == "optimal"
    delays = model.delays_from(out.values)
    assert round(out.objective) == arrays.objective_value(kind, delays)
