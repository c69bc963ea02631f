"""PSPLIB: reading instances, and the deferral engine as an RCPSP solver at the published optima."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import capex
from capex.errors import DataError
from capex.io.psplib import parse_psplib, read_optima, read_psplib

DATA = Path(__file__).parent.parent / "data" / "psplib"
PINNED = ["j301_1", "j301_2", "j305_1", "j3037_3", "j3046_5"]


@pytest.fixture(scope="module")
def optima() -> pd.Series:
    return read_optima(DATA / "j30opt.sm")


def test_read_optima_takes_the_published_rows(optima: pd.Series) -> None:
    # the rows copied from j30opt.sm: "1 1 43", "1 2 47", "5 1 53", "37 3 81", "46 5 57"
    assert optima.to_dict() == {
        "j301_1": 43,
        "j301_2": 47,
        "j305_1": 53,
        "j3037_3": 81,
        "j3046_5": 57,
    }


def test_instance_maps_to_a_portfolio_with_lines_and_precedence() -> None:
    portfolio = read_psplib(DATA / "j301_1.sm")
    # 32 jobs in the file, minus the dummy source (1) and sink (32)
    assert len(portfolio) == 30
    assert list(portfolio.ids) == list(range(2, 32))
    frame = portfolio.frame
    # job 2: duration 8, requests (4, 0, 0, 0) -> window 0..7, 8 x 4 = 32 万元
    assert (frame.at[2, "start_year"], frame.at[2, "end_year"], frame.at[2, "total_minor"]) == (
        0,
        7,
        32,
    )
    lines = portfolio.budget_lines
    assert [line.name for line in lines] == ["R1", "R2", "R3", "R4"]
    # RESOURCEAVAILABILITIES: 12 13 4 12, every period of the plan
    assert [line.ceilings_minor(portfolio.money)[0] for line in lines] == [12, 13, 4, 12]
    assert all(
        len(line.ceilings_minor(portfolio.money)) == len(portfolio.plan_years) for line in lines
    )
    graph = portfolio.precedence
    # the source's and sink's relations are dropped with them; job 2 precedes 6, 11 and 15
    assert set(graph.successors(2)) == {6, 11, 15}
    assert 1 not in graph and 32 not in graph


def test_a_zero_length_job_in_the_middle_keeps_its_relations(tmp_path: Path) -> None:
    text = (DATA / "j301_1.sm").read_text(encoding="latin-1")
    # make job 5 (3 periods, 3 units of R1; after 4, before 20) a zero-length job
    text = text.replace(
        "  5      1     3       3    0    0    0", "  5      1     0       0    0    0    0"
    )
    path = tmp_path / "zero.sm"
    path.write_text(text, encoding="latin-1")
    graph = read_psplib(path).precedence
    assert 5 not in graph
    assert graph.has_edge(4, 20)


def _resource_profile_ok(path: Path, delays: pd.Series) -> bool:
    """Recompute from the raw file: precedence and per-period resource use."""
    instance = parse_psplib(path)
    start = {job: int(delays.get(job, 0)) for job in instance.durations}
    finish = {job: start[job] + instance.durations[job] for job in instance.durations}
    for job, followers in instance.successors.items():
        for f in followers:
            if instance.durations[job] and instance.durations[f] and start[f] < finish[job]:
                return False
    horizon = max(finish.values())
    use = np.zeros((horizon, len(instance.capacities)), dtype=int)
    for job, duration in instance.durations.items():
        use[start[job] : start[job] + duration] += np.array(instance.requests[job], dtype=int)
    return bool((use <= np.array(instance.capacities)).all())


@pytest.mark.parametrize("name", PINNED)
def test_pinned_instances_reach_the_published_optimum(name: str, optima: pd.Series) -> None:
    path = DATA / f"{name}.sm"
    result = capex.shift(
        read_psplib(path), objective="makespan", max_delay=None, time_limit=None, num_workers=1
    )  # proven without a wall-clock limit, so a loaded machine cannot fail it
    assert result.status == capex.solvers.result.Status.OPTIMAL
    assert result.makespan == optima[name]
    assert _resource_profile_ok(path, result.delays)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("RESOURCEAVAILABILITIES:", "NOTHING:"), "RESOURCEAVAILABILITIES"),
        (
            (
                "   1        1          3           2   3   4",
                "   1        1          3           x   3   4",
            ),
            "whole numbers",
        ),
        (
            (
                "   2        1          3           6  11  15",
                "   2        2          3           6  11  15",
            ),
            "single-mode",
        ),
    ],
)
def test_a_bad_file_names_itself(tmp_path: Path, change: tuple[str, str], problem: str) -> None:
    text = (DATA / "j301_1.sm").read_text(encoding="latin-1")
    assert change[0] in text
    path = tmp_path / "bad.sm"
    path.write_text(text.replace(change[0], change[1], 1), encoding="latin-1")
    with pytest.raises(DataError, match=problem) as info:
        read_psplib(path)
    assert "bad.sm" in str(info.value)
