"""The same inputs give the same plan: whatever the clock says, and beside busy processes.

Every search, heuristic and tie-break stops on its proof or a work count, never on seconds;
the time limit is only a safety cap, counted in the solvers' own time. So a clock that runs
a thousand times fast (which would stop any step that budgets seconds by reading it), or four
processes that take the machine's cores, change nothing: each plan is compared bit for bit
with the plan of a quiet run.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import capex
from capex.model.budget import BudgetLine
from capex.solvers import synthetic
from capex.solvers._shift import cpsat

PSPLIB = Path(__file__).resolve().parents[1] / "data" / "psplib"


TIME_LIMIT = 60.0
"""A safety cap far above what these solves need even on a crowded machine, and short enough
that a step budgeting a share of it by the clock would stop early under a fast clock."""


def deferral() -> capex.results.ShiftResult:
    """The default call on 200 projects whose every plan year is cut by 10 %: the delay's
    bound-and-fix steps, then the peak tie-break (exchanges and its MIP)."""
    portfolio = synthetic.random_portfolio(200, seed=3)
    flows = capex.cash_flow(portfolio).flows_minor
    cut = {y: int(0.9 * flows[y].sum()) / 10_000 for y in portfolio.plan_years}
    return capex.shift(portfolio, cut, max_delay=3, time_limit=TIME_LIMIT)


def psplib_schedule() -> capex.results.ShiftResult:
    """A PSPLIB instance on CP-SAT's interval model with two workers, its makespan and then
    the delay among the shortest schedules (the default tie-break)."""
    portfolio = capex.io.read_psplib(PSPLIB / "j3046_5.sm")
    return capex.shift(
        portfolio, objective="makespan", max_delay=None, num_workers=2, time_limit=TIME_LIMIT
    )


def psplib_three_steps() -> capex.results.ShiftResult:
    """The interval model's steps on two workers, their budgets shrunk so that a small
    instance takes them: a first search stopped short of its proof, neighbourhood search
    from its plan (which improves it), then the descent, whose question (a plan below the
    best?) has no answer: the proof."""
    saved = cpsat.FIRST_WORK, cpsat.LNS_WORK
    cpsat.FIRST_WORK, cpsat.LNS_WORK = 0.002, 0.01
    try:
        portfolio = capex.io.read_psplib(PSPLIB / "j3037_3.sm")
        return capex.shift(
            portfolio,
            objective="makespan",
            max_delay=None,
            tiebreak=None,
            num_workers=2,
            time_limit=TIME_LIMIT,
        )
    finally:
        cpsat.FIRST_WORK, cpsat.LNS_WORK = saved


def overlapping_spread() -> capex.results.SpreadResult:
    """A spread under overlapping budget lines: HiGHS's integer program and the exact
    shadow prices of every ceiling."""
    lines = [
        BudgetLine("east lake", {2021: 0.6, 2022: 0.8}, {"street": "东湖街道"}),
        BudgetLine("government", {2021: 10.0, 2025: 8.5}, {"government_investment": True}),
    ]
    return capex.spread(capex.load_projects(), lines, time_limit=TIME_LIMIT)


def lowest_peak_spread() -> capex.results.SpreadResult:
    """The README's spread, then the lowest peak among its plans on CP-SAT with two workers."""
    ceilings = {2021: 11.0, 2022: 10.0, 2023: 10.0, 2024: 10.0, 2025: 9.0}
    return capex.spread(
        capex.load_projects(), ceilings, secondary="peak", num_workers=2, time_limit=TIME_LIMIT
    )


PLANS: dict[str, Callable[[], capex.results.ShiftResult | capex.results.SpreadResult]] = {
    "deferral": deferral,
    "psplib": psplib_schedule,
    "psplib in three steps": psplib_three_steps,
    "overlapping lines": overlapping_spread,
    "lowest peak": lowest_peak_spread,
}


def fingerprint(result) -> tuple:
    """Everything of a plan that must not change: status, objective, bound, the schedule to
    the minor unit (with its years), the delays and every message."""
    delays = getattr(result, "delays", None)
    return (
        str(result.status),
        result.objective,
        result.bound,
        result.schedule_minor.to_numpy().tobytes(),
        tuple(result.schedule_minor.columns),
        tuple(result.schedule_minor.index),
        None if delays is None else delays.to_numpy().tobytes(),
        tuple(str(m) for m in result.messages),
    )


@pytest.fixture(scope="module")
def quiet() -> dict[str, tuple]:
    return {name: fingerprint(make()) for name, make in PLANS.items()}


@pytest.mark.parametrize("name", list(PLANS))
def test_a_clock_that_runs_fast_changes_no_plan(
    name: str, quiet: dict[str, tuple], monkeypatch: pytest.MonkeyPatch
) -> None:
    # every clock Python code reads says a thousand times more time has passed than has: a
    # step that budgets seconds (or checks a deadline) would stop at once
    for clock in ("perf_counter", "monotonic"):
        real = getattr(time, clock)
        origin = real()
        monkeypatch.setattr(
            time, clock, lambda real=real, origin=origin: origin + 1000 * (real() - origin)
        )
    result = PLANS[name]()
    assert result.ok
    assert fingerprint(result) == quiet[name]
    assert not any("time limit" in str(m) for m in result.messages)


@pytest.fixture
def busy_machine() -> Iterator[None]:
    """Four processes that spin as long as the test runs (more than the machine's cores)."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(4)]
    try:
        time.sleep(0.5)  # let them take the cores before the solve starts
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
        for spinner in spinners:
            spinner.wait()


@pytest.mark.slow
@pytest.mark.parametrize("name", list(PLANS))
def test_four_busy_processes_change_no_plan(
    name: str, quiet: dict[str, tuple], busy_machine: None
) -> None:
    result = PLANS[name]()
    assert result.ok
    assert fingerprint(result) == quiet[name]


def test_the_plans_compared_are_not_trivial(quiet: dict[str, tuple]) -> None:
    # the deferral moves projects and breaks its ties; the spread moves money
    status, objective, *_ = quiet["deferral"]
    assert status == "optimal" and objective > 0
    assert quiet["overlapping lines"][1] > 0
    assert quiet["psplib in three steps"][0] == "optimal"


def test_the_three_steps_each_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # the shrunk budgets do reach the neighbourhood search and the descent, which proves the
    # plan (the last search is not needed)
    steps = []
    run, descend = cpsat._run_intervals, cpsat._descend

    def counted(*args, **kwargs):
        raw = run(*args, **kwargs)
        steps.append((kwargs.get("neighbourhoods", False), raw.status))
        return raw

    def counted_descent(*args, **kwargs):
        raw = descend(*args, **kwargs)
        steps.append(("descent", raw.status))
        return raw

    monkeypatch.setattr(cpsat, "_run_intervals", counted)
    monkeypatch.setattr(cpsat, "_descend", counted_descent)
    assert psplib_three_steps().ok
    assert steps == [(False, "feasible"), (True, "feasible"), ("descent", "optimal")]


def test_the_last_search_follows_a_descent_without_an_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # with no work for its questions the descent leaves the proof to every worker's search
    steps = []
    run = cpsat._run_intervals

    def counted(*args, **kwargs):
        raw = run(*args, **kwargs)
        steps.append((kwargs.get("neighbourhoods", False), raw.status))
        return raw

    monkeypatch.setattr(cpsat, "_run_intervals", counted)
    monkeypatch.setattr(cpsat, "DESCENT_WORK", 0.0)
    assert psplib_three_steps().ok
    assert steps == [(False, "feasible"), (True, "feasible"), (False, "optimal")]
