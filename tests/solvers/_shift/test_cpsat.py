"""The interval model as a scheduler: small RCPSP instances against a brute force.

Every year a job can reach has a ceiling here (PSPLIB's resources), so the cumulatives run at
the resources' own capacities and jobs that can never run side by side get a no-overlap:
the parts of the model the budget-line cases do not reach.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import capex


@st.composite
def small_rcpsp(draw: st.DrawFn) -> dict:
    n = draw(st.integers(2, 4))
    capacities = [draw(st.integers(2, 6)) for _ in range(2)]
    durations = [draw(st.integers(1, 3)) for _ in range(n)]
    requests = [[draw(st.integers(0, c)) for c in capacities] for _ in range(n)]
    for job in requests:  # every job draws on some resource
        if not any(job):
            job[0] = 1
    successors = {a: [b for b in range(a + 1, n) if draw(st.integers(0, 3)) == 0] for a in range(n)}
    return {
        "durations": durations,
        "requests": requests,
        "capacities": capacities,
        "successors": successors,
    }


def _write_sm(case: dict, path: Path) -> None:
    """The case as a PSPLIB file: jobs 2..n+1 between a dummy source 1 and sink n+2."""
    n = len(case["durations"])
    sink = n + 2
    rule = "*" * 72
    lines = [
        rule,
        f"jobs (incl. supersource/sink ):  {n + 2}",
        f"horizon : {sum(case['durations'])}",
    ]
    lines += [rule, "PRECEDENCE RELATIONS:", "jobnr.    #modes  #successors   successors"]
    lines.append(f"   1        1          {n}   " + "  ".join(str(j + 2) for j in range(n)))
    for job in range(n):
        after = [b + 2 for b in case["successors"][job]] or [sink]
        lines.append(f"   {job + 2}        1          {len(after)}   " + "  ".join(map(str, after)))
    lines.append(f"   {sink}        1          0")
    lines += [rule, "REQUESTS/DURATIONS:", "jobnr. mode duration  R 1  R 2", "-" * 72]
    lines.append("  1      1     0       0    0")
    for job in range(n):
        wants = "    ".join(str(r) for r in case["requests"][job])
        lines.append(f"  {job + 2}      1     {case['durations'][job]}       {wants}")
    lines.append(f"  {sink}      1     0       0    0")
    lines += [
        rule,
        "RESOURCEAVAILABILITIES:",
        "  R 1  R 2",
        "   " + "    ".join(map(str, case["capacities"])),
        rule,
    ]
    path.write_text("\n".join(lines) + "\n", encoding="latin-1")


def _least_makespan(case: dict) -> int | None:
    """Every start time of every job up to the serial schedule's end: the least makespan."""
    durations, requests = case["durations"], case["requests"]
    horizon = sum(durations)
    best = None
    for starts in itertools.product(*(range(horizon - d + 1) for d in durations)):
        if any(
            starts[b] < starts[a] + durations[a] for a, bs in case["successors"].items() for b in bs
        ):
            continue
        fits = all(
            sum(
                requests[j][k]
                for j in range(len(starts))
                if starts[j] <= t < starts[j] + durations[j]
            )
            <= cap
            for t in range(horizon)
            for k, cap in enumerate(case["capacities"])
        )
        if fits:
            end = max(s + d for s, d in zip(starts, durations))
            best = end if best is None else min(best, end)
    return best


@pytest.mark.slow
@settings(max_examples=40)
@given(small_rcpsp(), st.sampled_from([1, 2]))
def test_the_least_makespan_equals_brute_force(tmp_path_factory, case: dict, workers: int) -> None:
    path = tmp_path_factory.mktemp("rcpsp") / "case.sm"
    _write_sm(case, path)
    portfolio = capex.io.read_psplib(path)
    result = capex.shift(
        portfolio,
        objective="makespan",
        max_delay=None,
        tiebreak=None,
        num_workers=workers,
        time_limit=None,
        solver="cp-sat-intervals",
    )
    best = _least_makespan(case)
    if best is None:  # a job asks more than a resource has
        assert result.status == capex.solvers.result.Status.INFEASIBLE
        return
    assert result.status == capex.solvers.result.Status.OPTIMAL
    assert result.makespan == best


THREE_JOBS = {
    "durations": [2, 1, 3],
    "requests": [[3, 0], [2, 1], [1, 2]],
    "capacities": [4, 2],
    "successors": {0: [], 1: [], 2: []},
}
"""Three jobs without precedences on two resources; pairs (1, 2) and (2, 3) never fit together."""


def _three_jobs(tmp_path):
    """:data:`THREE_JOBS`, its portfolio read from a PSPLIB file, and its problem's arrays."""
    from capex.model.budget import resolve_lines
    from capex.solvers._shift.problem import build_problem

    path = tmp_path / "case.sm"
    _write_sm(THREE_JOBS, path)
    portfolio = capex.io.read_psplib(path)
    arrays = build_problem(portfolio, resolve_lines(portfolio, None, any_year=True), None).arrays
    return THREE_JOBS, portfolio, arrays


def test_jobs_that_never_fit_together_get_a_no_overlap(tmp_path) -> None:
    from capex.solvers._shift import cpsat

    case, portfolio, arrays = _three_jobs(tmp_path)
    # every year a job can reach has a ceiling: the capacities are the resources' own
    assert cpsat._reachable(arrays)[arrays.loads.any(axis=1).any(axis=1)].any()
    levels = np.array([4, 2])
    # jobs 1 and 2 (3 + 2 > 4 on R1) and jobs 2 and 3 (1 + 2 > 2 on R2) never run together
    assert sorted(map(tuple, cpsat._incompatible_cliques(arrays, levels))) == [(0, 1), (1, 2)]
    result = capex.shift(
        portfolio,
        objective="makespan",
        max_delay=None,
        tiebreak=None,
        solver="cp-sat-intervals",
        time_limit=None,
    )
    assert result.status == capex.solvers.result.Status.OPTIMAL
    assert result.makespan == _least_makespan(case) == 4  # jobs 1 and 3 side by side, then 2


def test_the_descent_improves_a_plan_until_none_beats_it(tmp_path) -> None:
    from capex.solvers._shift import cpsat
    from capex.solvers._shift.arrays import RawSolution, SolveControls

    case, _, arrays = _three_jobs(tmp_path)
    # the jobs one after another: a plan of makespan 6, two above the least
    lengths = arrays.win_end - arrays.win_start + 1
    serial = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    assert not arrays.overload(serial).any()
    assert arrays.objective_value("makespan", serial) == 6
    controls = SolveControls(time_limit=None, num_workers=2)
    best = cpsat._descend(
        arrays, "makespan", None, controls, RawSolution("feasible", serial, bound=1.0)
    )
    assert best.status == "optimal"
    assert arrays.objective_value("makespan", best.delays) == best.bound == _least_makespan(case)
    assert not arrays.overload(best.delays).any()
