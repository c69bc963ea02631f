"""The benchmark suite cannot rot: its quick mode runs here, every answer passes the checker,
and the peers solve the same problems as capex (checked by brute force on tiny cases)."""

from __future__ import annotations

import itertools
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import capex
from benchmarks import peers, run
from capex import synthetic


def tiny_portfolio(plans, windows, plan_period=(2021, 2023)):
    """Projects with given plan amounts (万元) and (start, end) windows; total = plan."""
    start, end = zip(*windows)
    return capex.Portfolio.from_arrays(
        start_year=np.array(start),
        end_year=np.array(end),
        total_wan=np.array(plans),
        plan_wan=np.array(plans),
        plan_period=plan_period,
    )


def brute_force_l1(instance: peers.SpreadInstance) -> int | None:
    """Least L1 distance over every integer spread of a tiny instance; None if none fits."""
    pairs = instance.pairs
    per_row = []
    for r in range(len(pairs.plan_wan)):
        cells = np.flatnonzero(pairs.row == r)
        plan = int(pairs.plan_wan[r])
        options = [
            c
            for c in itertools.product(range(plan + 1), repeat=len(cells))
            if sum(c) == plan
        ]
        per_row.append((cells, options))
    best = None
    for choice in itertools.product(*(options for _, options in per_row)):
        x = np.zeros(pairs.size, dtype=np.int64)
        for (cells, _), values in zip(per_row, choice):
            x[cells] = values
        if peers.check_amounts(instance, x):
            continue
        value = peers.l1_objective_wan(instance, x)
        best = value if best is None else min(best, value)
    return best


TINY_CASES = [
    (
        [6, 4, 5],
        [(2021, 2023), (2021, 2022), (2022, 2023)],
        {2021: 0.0004, 2022: 0.0005, 2023: 0.0006},
    ),
    ([5, 3], [(2020, 2022), (2022, 2025)], {2021: 0.0002, 2022: 0.0004, 2023: 0.0003}),
    (
        [4, 4, 2],
        [(2021, 2021), (2021, 2023), (2023, 2023)],
        {2021: 0.0006, 2022: 0.0001, 2023: None},
    ),
    (
        [7, 2],
        [(2021, 2023), (2021, 2022)],
        {2021: 0.0001, 2022: 0.0001, 2023: 0.0001},
    ),  # infeasible
]


@pytest.mark.parametrize("plans, windows, ceilings", TINY_CASES)
@pytest.mark.parametrize("method", [m for m in peers.SPREAD_PEERS])
def test_every_spread_peer_reaches_the_brute_force_optimum(
    plans, windows, ceilings, method
):
    portfolio = tiny_portfolio(plans, windows)
    instance = peers.spread_instance(portfolio, ceilings)
    best = brute_force_l1(instance)
    answer = peers.SPREAD_PEERS[method](instance)
    if best is None:
        assert answer.amounts_wan is None and answer.status != "optimal"
        return
    assert answer.amounts_wan is not None
    assert peers.check_amounts(instance, answer.amounts_wan) == []
    if (
        "no crossover" in method
    ):  # an interior answer, rounded: feasible, perhaps not optimal
        assert peers.l1_objective_wan(instance, answer.amounts_wan) >= best
    else:
        assert peers.l1_objective_wan(instance, answer.amounts_wan) == best


def test_pairs_cover_exactly_the_plan_years_of_each_window():
    portfolio = tiny_portfolio([3, 4], [(2019, 2021), (2022, 2026)])
    pairs = peers.build_pairs(portfolio)
    assert list(zip(pairs.row.tolist(), pairs.year.tolist())) == [
        (0, 2021),
        (1, 2022),
        (1, 2023),
    ]


def test_integer_repair_keeps_rows_exact_and_ceilings_held():
    portfolio = tiny_portfolio(
        [5, 5], [(2021, 2022), (2021, 2022)], plan_period=(2021, 2022)
    )
    instance = peers.spread_instance(portfolio, {2021: 0.0005, 2022: 0.0005})
    repaired = peers.integer_repair(instance, np.array([2.5, 2.5, 2.5, 2.5]))
    assert peers.check_amounts(instance, repaired) == []


def test_check_amounts_finds_broken_rows_and_ceilings():
    portfolio = tiny_portfolio(
        [5, 5], [(2021, 2022), (2021, 2022)], plan_period=(2021, 2022)
    )
    instance = peers.spread_instance(portfolio, {2021: 0.0004, 2022: 0.0009})
    problems = peers.check_amounts(instance, np.array([5, 0, 4, 2]))
    assert any("rows" in p for p in problems) and any("2021" in p for p in problems)


def brute_force_shift(instance: peers.ShiftInstance) -> float | None:
    n = len(instance.flows)
    best = None
    for delays in itertools.product(range(instance.max_delay + 1), repeat=n):
        delays = np.array(delays)
        if (delays[~instance.movable] != 0).any():
            continue
        totals = peers.shifted_annual_totals(instance, delays)
        capped = instance.ceiling_wan != peers.NO_CEILING
        if (totals[capped] > instance.ceiling_wan[capped]).any():
            continue
        value = float((instance.priority * delays).sum())
        best = value if best is None else min(best, value)
    return best


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize(
    "method", ["HiGHS MIP (highspy, booleans)", "CP-SAT (booleans, 2 workers)"]
)
def test_shift_peers_reach_the_brute_force_optimum(seed, method):
    portfolio = synthetic.random_portfolio(6, seed=seed)
    ceilings = peers.shift_ceilings(portfolio, cut=0.8)
    best = brute_force_shift(peers.shift_instance(portfolio, ceilings))
    answer = peers.SHIFT_METHODS[method](portfolio, ceilings, 10.0)
    if best is None:
        assert answer.delays is None
        return
    assert peers.check_shift(portfolio, ceilings, answer) == []
    assert answer.objective == best


def test_j30_optima_are_read(tmp_path):
    text = "header\n------\n1       1         43       0.30\n48      10        57       3.1\n"
    (tmp_path / "j30opt.sm").write_text(text, encoding="utf-8")
    assert peers.read_j30_optima(tmp_path) == {(1, 1): 43, (48, 10): 57}


def test_quick_mode_runs_end_to_end_and_every_answer_passes_the_checker(tmp_path):
    argv = [
        "--quick",
        "--no-isolate",
        "--spread-sizes",
        "35",
        "300",
        "--shift-sizes",
        "35",
        "--psplib-instances",
        "3",
        "--out",
        str(tmp_path),
    ]
    status = run.main(argv)
    table = pd.read_csv(tmp_path / "latest.csv")
    assert list(table.columns) == run.COLUMNS
    spread = table[table["problem"] == "spread"]
    for size in (35, 300):
        assert set(spread.loc[spread["size"] == size, "method"]) == set(
            run.spread_methods()
        )
    answered = spread[spread["method"] != run.FLOOR]
    assert answered["checked"].str.startswith("valid").all(), answered[
        ["method", "checked"]
    ]
    capex_rows = answered[answered["method"] == run.CAPEX_SPREAD]
    assert (capex_rows["checked"] == "valid, optimal").all()
    assert (
        answered.loc[answered["method"] == run.CAPEX_SPREAD, "ratio_to_capex"] == 1
    ).all()
    shift = table[table["problem"] == "shift"]
    assert set(shift["method"]) == set(peers.SHIFT_METHODS)
    assert shift["checked"].str.startswith("valid").all(), shift[
        ["method", "status", "checked", "note"]
    ]
    psplib = table[table["problem"] == "psplib-j30"]
    if run.DEFAULT_PSPLIB.exists():
        assert len(psplib) == 3 and not psplib["checked"].str.startswith("FAIL").any()
    assert not table["checked"].astype(str).str.startswith("FAIL").any()
    assert status == 0
    text = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert "| problem | size | method |" in text and "## Targets" in text
    assert all(not math.isnan(v) for v in answered["total_s"])
