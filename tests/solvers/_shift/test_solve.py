"""Choosing the solver and breaking ties: what a result says when the tie-break is cut short."""

from __future__ import annotations

import numpy as np
import pytest
from shift_cases import PLAN

import capex
from capex.errors import CapexError
from capex.model.budget import resolve_lines
from capex.solvers._shift import solve
from capex.solvers._shift.arrays import RawSolution, SolveControls
from capex.solvers._shift.problem import build_problem
from capex.solvers.shift import NO_TIME_LIMIT
from capex.terms import said


@pytest.fixture
def arrays(yuecheng: capex.Portfolio):
    flows = capex.cash_flow(yuecheng).flows_minor
    cut = {y: int(flows[y].sum()) * 0.9 / 10_000 for y in range(PLAN[0], PLAN[1] + 1)}
    return build_problem(yuecheng, resolve_lines(yuecheng, cut, any_year=True), 2).arrays


def test_long_horizons_take_the_interval_model(arrays) -> None:
    assert solve.choose_solver(arrays, "delay", "auto") == "highs"
    wide = arrays.limited(arrays.min_delay, np.where(arrays.max_delay > 0, 20, 0))
    assert solve.choose_solver(wide, "makespan", "auto") == "cp-sat-intervals"
    assert solve.choose_solver(wide, "peak", "auto") == "highs"
    with pytest.raises(CapexError, match="solver"):
        solve.choose_solver(arrays, "delay", "gurobi")


def test_an_unproven_tie_break_says_how_far_it_may_be_from_the_best(
    arrays, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = solve.optimise

    def cut_short(arrays, objective, solver, controls, *, fixed=None, hint=None, work=None):
        if fixed is None:
            return real(arrays, objective, solver, controls)
        # the tie-break's solve spends its work with a bound below the plan it started from
        peak = arrays.objective_value(objective, hint)
        return RawSolution("feasible", hint, float(peak), float(peak) * 0.99)

    monkeypatch.setattr(solve, "optimise", cut_short)
    raw = solve.solve(arrays, "delay", "peak", "highs", SolveControls(time_limit=NO_TIME_LIMIT))
    assert raw.status == "optimal" and raw.objective == raw.bound
    assert any("at most" in m and "%" in m and "lowest" in m for m in raw.messages), raw.messages
    (gap,) = [m for m in raw.messages if "lowest" in m]
    assert said(gap, "zh").startswith(
        "已在次级优化的计算量限额内按“peak”在最优方案中择优，未证明为最佳"
    )


def test_a_proven_tie_break_leaves_no_message(arrays) -> None:
    raw = solve.solve(
        arrays,
        "delay",
        "peak",
        "highs",
        SolveControls(time_limit=NO_TIME_LIMIT),
    )
    assert raw.status == "optimal"
    assert not any("not proven" in m for m in raw.messages), raw.messages
