"""The risk section of the benchmarks: Monte Carlo draws of the bundled plan.

* ``method="cashflow"``: 10,000 draws of the 35 bundled projects (and 100,000 in the full run),
  in this process; the target is under 1 s for 10,000.
* ``method="spread"``: draws re-planned by the spreading solver (batched through its own
  min-cost flow), in draws per second, on one worker (this process), on 2 local processes,
  and on a Dask ``LocalCluster`` of 1 and 2 worker processes; ``scaling`` is the throughput
  over the one-worker throughput; the target is 2,000 draws/s in one process;
* ``method="shift"``: draws deferred by capex.shift's default call, in this process; the
  target is 50 draws/s.

Every run makes the same draws (seed 0), so every executor's answer is checked against the
one-worker answer, draw by draw. Run by ``benchmarks/run.py`` (``--only risk`` for this section
alone); the protocol is in ``benchmarks/README.md``.
"""

from __future__ import annotations

import logging
import math
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

import capex

CEILINGS = {2021: 11.0, 2022: 10.0, 2023: 10.0, 2024: 10.0, 2025: 9.0}
"""The README's ceilings of the bundled plan (亿元)."""

UNCERTAINTY = {
    "cost": capex.risk.Triangular(-0.05, 0.05, 0.40),
    "delay": capex.risk.Discrete({0: 0.6, 1: 0.3, 2: 0.1}),
    "price_index": capex.risk.Triangular(0.0, 0.03, 0.10),
}
"""The issue's example distributions, with a price index: a workload, not a forecast."""

CASHFLOW_DRAWS_FULL = (10_000, 100_000)
CASHFLOW_DRAWS_QUICK = (10_000,)
SPREAD_DRAWS_FULL = 10_000
SPREAD_DRAWS_QUICK = 200
SHIFT_DRAWS_FULL = 200
SHIFT_DRAWS_QUICK = 10
CASHFLOW_TARGET_S = 1.0
"""10,000 draws of the bundled plan by the cash flow method take less than this."""
SPREAD_TARGET = 2_000
SHIFT_TARGET = 50
"""Issue 24: draws per second in one process with a solver per draw (spread, shift)."""

RISK_COLUMNS = [
    "method",
    "executor",
    "workers",
    "draws",
    "seconds",
    "draws_per_s",
    "cpu_draws_per_s",
    "scaling",
    "checked",
    "runs",
    "load_1min",
    "note",
]


@dataclass
class RiskRow:
    """One measurement: seconds are the median wall time of the whole ``simulate`` call."""

    method: str
    executor: str
    workers: int
    draws: int
    seconds: float = math.nan
    draws_per_s: float = math.nan
    cpu_draws_per_s: float = math.nan
    scaling: float = math.nan
    checked: str = ""
    runs: int = 0
    load_1min: float = math.nan
    note: str = ""


LAST_CPU: list[float] = []
"""The median process CPU seconds of the last :func:`_timed` call (this process only: a pool's
or a cluster's workers are not counted)."""


def _timed(call: Callable[[], Any], repeats: int) -> tuple[Any, float, int]:
    """Run ``call`` once to warm up, then ``repeats`` times; its last value and median seconds."""
    value = call()
    times, cpu = [], []
    for _ in range(max(repeats, 1)):
        cpu_started = time.process_time()
        started = time.perf_counter()
        value = call()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    LAST_CPU[:] = [statistics.median(cpu)]
    return value, statistics.median(times), len(times)


def _simulate(portfolio: capex.Portfolio, draws: int, seed: int, **where: Any) -> Any:
    return capex.simulate(
        portfolio, CEILINGS, draws, seed=seed, show_progress=False, **UNCERTAINTY, **where
    )


def _row(
    method: str, executor: str, workers: int, draws: int, seconds: float, runs: int
) -> RiskRow:
    row = RiskRow(
        method, executor, workers, draws, seconds, draws / seconds, runs=runs, load_1min=_load()
    )
    if executor == "this process" and LAST_CPU:
        row.cpu_draws_per_s = draws / LAST_CPU[0]
    return row


def _load() -> float:
    """The machine's load average over the last minute: on a shared machine, other work takes
    cores from the workers, and throughput (its scaling most of all) reads against it."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return math.nan


def _check(row: RiskRow, result: Any, reference: Any) -> None:
    same = result.annual_draws_minor.equals(reference.annual_draws_minor)
    row.checked = "same draws as 1 worker" if same else "FAIL: not the same draws as 1 worker"


def run_risk(*, quick: bool, seed: int = 0, repeats: int = 3) -> list[RiskRow]:
    """Every measurement of the risk section, in table order."""
    portfolio = capex.load_projects()
    rows: list[RiskRow] = []
    for draws in CASHFLOW_DRAWS_QUICK if quick else CASHFLOW_DRAWS_FULL:
        result, seconds, runs = _timed(lambda d=draws: _simulate(portfolio, d, seed), repeats)
        row = _row("cashflow", "this process", 1, draws, seconds, runs)
        row.checked = f"{result.evaluated:,} draws evaluated"
        row.note = "vectorised over blocks of 1,000 draws"
        rows.append(row)

    draws = SPREAD_DRAWS_QUICK if quick else SPREAD_DRAWS_FULL
    spread = {"method": "spread"}
    reference, seconds, runs = _timed(
        lambda: _simulate(portfolio, draws, seed, workers=1, **spread), repeats
    )
    one = _row("spread", "this process", 1, draws, seconds, runs)
    one.checked = "reference"
    rows.append(one)
    result, seconds, runs = _timed(
        lambda: _simulate(portfolio, draws, seed, workers=2, **spread), repeats
    )
    local = _row("spread", "local processes", 2, draws, seconds, runs)
    local.note = "pool started in each call (fork server warm)"
    _check(local, result, reference)
    rows.append(local)
    rows += _on_local_cluster(portfolio, draws, seed, repeats, reference)
    for row in rows:
        if row.method == "spread":
            row.scaling = row.draws_per_s / one.draws_per_s
    draws = SHIFT_DRAWS_QUICK if quick else SHIFT_DRAWS_FULL
    result, seconds, runs = _timed(
        lambda: _simulate(portfolio, draws, seed, workers=1, method="shift"), repeats
    )
    shifted = _row("shift", "this process", 1, draws, seconds, runs)
    shifted.checked = f"{result.evaluated:,} draws evaluated"
    shifted.note = (
        "capex.shift's default solve per draw (max_delay 2, peak tie-break); every 50th "
        "draw's result checked in full"
    )
    rows.append(shifted)
    return rows


def _on_local_cluster(
    portfolio: capex.Portfolio, draws: int, seed: int, repeats: int, reference: Any
) -> list[RiskRow]:
    """The spread draws on a Dask LocalCluster of worker processes, 2 workers then 1."""
    from distributed import Client, LocalCluster

    rows = []
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        for workers in (2, 1):
            if workers == 1:
                cluster.scale(1)
                while len(client.scheduler_info()["workers"]) > 1:
                    time.sleep(0.1)
            result, seconds, runs = _timed(
                lambda: _simulate(portfolio, draws, seed, executor=client, method="spread"),
                repeats,
            )
            row = _row("spread", "Dask LocalCluster", workers, draws, seconds, runs)
            row.note = "cluster started before timing"
            _check(row, result, reference)
            rows.append(row)
    return rows


def risk_frame(rows: list[RiskRow]) -> pd.DataFrame:
    """The risk table as a DataFrame with :data:`RISK_COLUMNS`."""
    return pd.DataFrame([asdict(r) for r in rows], columns=RISK_COLUMNS)


def risk_targets(rows: list[RiskRow]) -> list[str]:
    """Plain statements of what the risk section shows."""
    lines = []
    cash = next((r for r in rows if r.method == "cashflow" and r.draws == 10_000), None)
    if cash is None:
        lines.append("- 10,000 cash-flow draws: not measured in this run.")
    else:
        met = cash.seconds < CASHFLOW_TARGET_S
        lines.append(
            f"- 10,000 draws of the bundled plan, method cashflow, under {CASHFLOW_TARGET_S:g} s: "
            f"**{'met' if met else 'MISSED'}** ({cash.seconds:.3f} s)."
        )
    for method, target in (("spread", SPREAD_TARGET), ("shift", SHIFT_TARGET)):
        one = next((r for r in rows if r.method == method and r.executor == "this process"), None)
        if one is None:
            continue
        best = max(one.draws_per_s, one.cpu_draws_per_s)
        lines.append(
            f"- method {method} in one process at >= {target:,} draws/s: "
            f"**{'met' if best >= target else 'MISSED'}** ({one.draws_per_s:,.0f} draws/s wall, "
            f"{one.cpu_draws_per_s:,.0f} per CPU second, {one.draws:,} draws)."
        )
    spread = [r for r in rows if r.method == "spread"]
    if spread:
        parts = [
            f"{r.executor} x{r.workers}: {r.draws_per_s:.0f} draws/s ({r.scaling:.2f}x)"
            for r in spread
        ]
        lines.append("- spread draws per second, against one worker: " + "; ".join(parts) + ".")
    cores = os.cpu_count() or 1
    busiest = max((r.load_1min for r in rows if not math.isnan(r.load_1min)), default=math.nan)
    if busiest > cores:
        lines.append(
            f"- the machine was busy with other work during this run (load average up to "
            f"{busiest:.1f} on {cores} cores): the throughput and scaling above are what this "
            "run got, not what idle cores give; re-run on an idle machine to judge the scaling."
        )
    return lines
