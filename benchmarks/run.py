"""Run the capex benchmark suite and write its results table.

    python benchmarks/run.py            # the full suite (about 25 minutes on 2 cores)
    python benchmarks/run.py --quick    # small sizes and 5 PSPLIB instances, under a minute
    python benchmarks/run.py --help

Each (problem, size, method) runs in a fresh worker process, so that its timings and memory
are its own; the table gives the median of ``--repeats`` runs, every answer is checked by
capex's independent checker, and every time is also given as a ratio to capex's own. The
protocol is written down in ``benchmarks/README.md``; the results go to
``benchmarks/results/latest.csv`` and ``latest.md``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import functools
import json
import math
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np
import pandas as pd

import capex
from benchmarks import monthly as monthly_bench
from benchmarks import overlapping_lines, risk
from benchmarks import reforecast as reforecast_bench
from benchmarks import selection as select_bench
from benchmarks import store as store_bench
from benchmarks import surface as surface_bench
from benchmarks.peers import psplib as psplib_peers
from benchmarks.peers import shift as shift_peers
from benchmarks.peers import spread as spread_peers
from capex.io.progress import progress
from capex.solvers import synthetic
from capex.solvers.check import check_schedule

CAPEX_SPREAD = "capex.spread"
CAPEX_RECONCILE = "capex.reports.reconcile"
CAPEX_RECONCILE_WORDED = "capex.reports.reconcile, findings worded, summary"
RECONCILE_METHODS = (CAPEX_RECONCILE, CAPEX_RECONCILE_WORDED)
"""Not spreads: the reconciliation of the same portfolio, timed beside the spread to show it
stays in proportion (the report; then the report with every finding's sentence written)."""
CAPEX_SHIFT = "capex.shift"
FLOOR = "floor: (project, year) arrays"

SPREAD_SIZES_FULL = (35, 1_000, 10_000, 100_000, 1_000_000)
SHIFT_SIZES_FULL = (35, 1_000, 10_000)
SPREAD_SIZES_QUICK = (35, 1_000)
LINES_SIZES_FULL = (1_000, 10_000, 100_000)
LINES_SIZES_QUICK = (1_000,)
LINES_TIME_LIMIT = 120.0
"""Seconds each method may take on the overlapping-lines spread (quick: 20)."""
SHIFT_SIZES_QUICK = (35, 200)
SHIFT_SEED_SIZE = 1_000
"""The size at which the shift runs over several portfolios (seeds), for its median and worst."""
SHIFT_SEEDS_FULL = tuple(range(8))
SHIFT_SEEDS_QUICK = ()
CAPEX_SHIFT_DEFAULT = "capex.shift, then peak among the optima (default tie-break)"
HIGHS_SHIFT_PEER = "HiGHS MIP (highspy, booleans)"
SHIFT_SEED_METHODS = (CAPEX_SHIFT, CAPEX_SHIFT_DEFAULT, HIGHS_SHIFT_PEER)
"""Methods run at every seed; the others (CP-SAT stops at its time limit) at the main seed."""

SPREAD_SCALE_TARGETS = {100_000: 0.05, 1_000_000: 0.5}
"""Issue 24: capex.spread's seconds at these sizes (wall, or process CPU on a busy machine)."""
RECONCILE_TARGET_RATIO = 2.0
"""Issue 24: reconcile with every finding worded and the summary, against the spread."""

SPREAD_TIGHTNESS = 0.9
"""Flat ceiling = this share of the uniform profile's peak year (raised to stay feasible)."""
SHIFT_CUT = 0.9
"""Shift ceilings: every plan year's own unshifted total times this (so every plan year binds)."""
SHIFT_MAX_DELAY = shift_peers.SHIFT_MAX_DELAY
"""Shifts 0..3 whole years (fixed projects: 0)."""

COLUMNS = [
    "problem",
    "size",
    "seed",
    "method",
    "build_s",
    "solve_s",
    "total_s",
    "cpu_s",
    "peak_mem_mib",
    "objective",
    "status",
    "checked",
    "ratio_to_capex",
    "runs",
    "note",
]

MAX_SECONDS = 120.0
"""A spread peer estimated to take longer at a size is not run there (full runs)."""

PSPLIB_TIME_LIMIT = 10.0
"""Seconds per PSPLIB instance in the full run."""
PSPLIB_WORKERS = 2
"""CP-SAT workers per PSPLIB instance (the instances run one after another)."""
J60_SAMPLE = ROOT / "benchmarks" / "data" / "psplib-j60"
"""A held-back sample of 40 j60 instances with their best-known makespans (``SOURCE.md``)."""
QUICK_OUT = ROOT / "benchmarks" / "results" / "quick"
"""Where the quick mode writes (ignored by git): the kept full results stay as they are."""
DEFAULT_PSPLIB = ROOT.parent / "shared" / "benchmarks" / "psplib" / "j30"
"""The whole j30 set, kept beside the repository (as CI has it)."""
PINNED_PSPLIB = ROOT / "tests" / "data" / "psplib"
"""The handful of j30 instances (with their published optima) that ship with the tests: the
quick mode's stand-in when the whole set is absent."""


# ---------------------------------------------------------------------------------------
# one row of the table
# ---------------------------------------------------------------------------------------
@dataclass
class Row:
    """One (problem, size, method) measurement; times are medians over the runs, seconds."""

    problem: str
    size: int
    method: str
    seed: int = 0
    build_s: float = math.nan
    solve_s: float = math.nan
    total_s: float = math.nan
    cpu_s: float = math.nan
    peak_mem_mib: float = math.nan
    objective: float = math.nan
    status: str = ""
    checked: str = ""
    ratio_to_capex: float = math.nan
    runs: int = 0
    note: str = ""
    violations: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# memory: the peak resident set of this process while a method runs
# ---------------------------------------------------------------------------------------
def _proc_status_kib(key: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    """Reset the kernel's resident-set high-water mark (Linux >= 4.0); False where not possible."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


CPU_SECONDS: list[float] = []
"""The process CPU seconds of each call :func:`measure` timed in this job (``cpu_s``: their
median): on a shared machine other work stretches the wall time but not this."""


def measure(call: Callable[[], Any]) -> tuple[Any, float, float]:
    """Run ``call``; return its value, wall seconds and peak extra resident memory (MiB).

    Peak memory is the high-water mark of the process's resident set during the call minus its
    resident set just before (Linux ``VmHWM`` after resetting it through ``clear_refs``);
    elsewhere the growth of ``ru_maxrss``, which misses a peak below an earlier one. The
    call's process CPU time goes to :data:`CPU_SECONDS`.
    """
    import gc

    gc.collect()
    exact = _reset_peak()
    before = _proc_status_kib("VmRSS") if exact else None
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu_started = time.process_time()
    started = time.perf_counter()
    value = call()
    elapsed = time.perf_counter() - started
    CPU_SECONDS.append(time.process_time() - cpu_started)
    if exact and before is not None:
        peak = _proc_status_kib("VmHWM") or before
        extra_kib = max(peak - before, 0)
    else:
        scale = 1 if sys.platform != "darwin" else 1 / 1024  # macOS reports bytes
        extra_kib = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before, 0) * scale
    return value, elapsed, extra_kib / 1024


# ---------------------------------------------------------------------------------------
# the problems
# ---------------------------------------------------------------------------------------
def spread_case(size: int, seed: int) -> tuple[capex.Portfolio, dict[int, float]]:
    """The spread instance of a size: a synthetic portfolio and binding flat ceilings."""
    portfolio = synthetic.random_portfolio(size, seed=seed)
    return portfolio, synthetic.binding_ceilings(portfolio, tightness=SPREAD_TIGHTNESS)


def _moved_yi(instance: spread_peers.SpreadInstance, amounts_minor: np.ndarray) -> float:
    """The spread's objective as capex reports it: money moved off its profile year, 亿元."""
    return spread_peers.l1_objective_wan(instance, amounts_minor) / 2 / 10_000


def run_spread(size: int, method: str, seed: int, repeats: int, slow_after: float) -> Row:
    """Measure one spread method at one size (in this process)."""
    portfolio, ceilings = spread_case(size, seed)
    instance = spread_peers.spread_instance(portfolio, ceilings)
    row = Row("spread", size, method, seed)
    totals, builds, solves, memories = [], [], [], []
    amounts = None
    for _ in range(max(repeats, 1)):
        if method == FLOOR:
            _, elapsed, memory = measure(lambda: spread_peers.build_pairs(portfolio))
            (
                builds.append(elapsed),
                solves.append(0.0),
                totals.append(elapsed),
                memories.append(memory),
            )
            row.status, row.checked = "n/a", "n/a"
        elif method in RECONCILE_METHODS:
            call = functools.partial(_reconcile, portfolio, worded=method == CAPEX_RECONCILE_WORDED)
            report, elapsed, memory = measure(call)
            totals.append(elapsed), memories.append(memory)
            row.status, row.checked = "n/a", _check_split(report, portfolio)
            row.note = f"{len(report.findings):,} findings"
        elif method == CAPEX_SPREAD:
            result, elapsed, memory = measure(
                lambda: capex.spread(
                    portfolio,
                    ceilings=ceilings,
                    profile="uniform",
                    seed=seed,
                    num_workers=1,
                )
            )
            totals.append(elapsed), memories.append(memory)
            row.status = str(result.status)
            if result.ok:
                dense = result.schedule_minor.reindex(
                    index=instance.ids, columns=instance.years, fill_value=0
                )
                amounts = dense.to_numpy(dtype=np.int64)[instance.pairs.row, instance.year_position]
            row.note = getattr(result, "method", "") or ""
        else:
            peer = spread_peers.SPREAD_PEERS[method]
            run, elapsed, memory = measure(functools.partial(peer, instance))
            (
                builds.append(run.build_s),
                solves.append(run.solve_s),
                totals.append(elapsed),
                memories.append(memory),
            )
            row.status = run.status
            amounts = run.amounts_minor
        if elapsed > slow_after:
            break  # a slow method runs once: its spread between runs is small beside its time
    row.runs = len(totals)
    row.total_s = statistics.median(totals)
    row.build_s = statistics.median(builds) if builds else math.nan
    row.solve_s = statistics.median(solves) if solves else math.nan
    row.peak_mem_mib = max(memories)
    if method not in (FLOOR, *RECONCILE_METHODS):
        if amounts is None:
            row.checked = "no answer"
        else:
            row.objective = _moved_yi(instance, amounts)
            row.violations = spread_peers.check_amounts(instance, amounts)
            found = check_schedule(
                portfolio, spread_peers.schedule_frame(instance, amounts), ceilings
            )
            row.violations += [f"capex.solvers.check: {v}" for v in found[:5]]
            row.checked = "valid" if not row.violations else "FAIL: " + row.violations[0]
    return row


def lines_methods() -> list[str]:
    return [CAPEX_SPREAD, overlapping_lines.PLAIN_HIGHS]


def run_lines(
    size: int, method: str, seed: int, repeats: int, slow_after: float, time_limit: float
) -> Row:
    """Measure one method on the overlapping-lines spread at one size (in this process)."""
    portfolio, budget_lines = overlapping_lines.lines_case(size, seed)
    data = overlapping_lines.arrays_of(portfolio, budget_lines)
    row = Row("spread-lines", size, method, seed)
    totals, builds, solves, memories = [], [], [], []
    amounts = None
    for _ in range(max(repeats, 1)):
        if method == CAPEX_SPREAD:
            result, elapsed, memory = measure(
                lambda: capex.spread(
                    portfolio, budget_lines, "uniform", time_limit=time_limit, seed=seed
                )
            )
            row.status, row.note = str(result.status), result.method
            amounts = (
                overlapping_lines.amounts_of(data, result.schedule_minor) if result.ok else None
            )
        else:
            run, elapsed, memory = measure(
                functools.partial(overlapping_lines.plain_highs, data, time_limit)
            )
            builds.append(run.build_s), solves.append(run.solve_s)
            row.status, amounts = run.status, run.amounts_minor
            if run.status != "optimal" and not math.isnan(run.bound):
                row.note = f"stopped at {time_limit:g} s; bound {run.bound / 10_000:.4f} 亿元"
        totals.append(elapsed), memories.append(memory)
        if elapsed > slow_after:
            break
    row.runs = len(totals)
    row.total_s = statistics.median(totals)
    row.build_s = statistics.median(builds) if builds else math.nan
    row.solve_s = statistics.median(solves) if solves else math.nan
    row.peak_mem_mib = max(memories)
    if amounts is None:
        row.checked = "no answer"
    else:
        row.objective = overlapping_lines.moved_yi(data, amounts)
        row.violations = overlapping_lines.check_amounts(data, amounts)
        found = check_schedule(
            portfolio, overlapping_lines.schedule_frame(data, amounts), budget_lines
        )
        row.violations += [f"capex.solvers.check: {v}" for v in found[:5]]
        row.checked = "valid" if not row.violations else "FAIL: " + row.violations[0]
    return row


def _reconcile(portfolio: capex.Portfolio, *, worded: bool) -> capex.results.ReconciliationReport:
    """The reconciliation of a portfolio, with every finding's sentence and the summary
    written if ``worded`` (the sentences are written when first read)."""
    report = capex.reconcile(portfolio)
    if worded:
        report.findings  # noqa: B018 - reading them writes them: that is what is timed
        report.summary()
    return report


def _check_split(report: capex.results.ReconciliationReport, portfolio: capex.Portfolio) -> str:
    """``valid, ...`` when each project's split adds up to its total, exactly."""
    split = report.split_minor
    parts = split[["before_minor", "in_plan_minor", "after_minor", "unplaceable_minor"]]
    exact = (parts.sum(axis=1) == split["total_minor"]).all()
    whole = int(split["total_minor"].sum()) == portfolio.total_minor
    return "valid, split adds up" if exact and whole else "FAIL: the split does not add up"


def shift_case(size: int, seed: int) -> tuple[capex.Portfolio, dict[int, float]]:
    """The shift instance of a size: a synthetic portfolio, and ceilings that bind in every
    plan year (each year's unshifted total cut by 10 %)."""
    portfolio = synthetic.random_portfolio(size, seed=seed)
    return portfolio, shift_peers.shift_ceilings(portfolio, cut=SHIFT_CUT)


def run_shift(
    size: int,
    method: str,
    seed: int,
    repeats: int,
    slow_after: float,
    time_limit: float,
) -> Row:
    """Measure one shift method at one size (in this process)."""
    portfolio, ceilings = shift_case(size, seed)
    row = Row("shift", size, method, seed)
    totals, builds, solves, memories = [], [], [], []
    answer: shift_peers.ShiftRun | None = None
    for _ in range(max(repeats, 1)):
        solve = shift_peers.SHIFT_METHODS[method]
        answer, elapsed, memory = measure(
            functools.partial(solve, portfolio, ceilings, SHIFT_MAX_DELAY, time_limit)
        )
        totals.append(elapsed), memories.append(memory)
        if answer.build_s is not None:
            builds.append(answer.build_s), solves.append(answer.solve_s)
        if elapsed > slow_after:
            break
    assert answer is not None
    row.runs = len(totals)
    row.total_s = statistics.median(totals)
    row.build_s = statistics.median(builds) if builds else math.nan
    row.solve_s = statistics.median(solves) if solves else math.nan
    row.peak_mem_mib = max(memories)
    row.status = answer.status
    row.note = answer.note
    if answer.delays is None:
        row.checked = "no answer"
    else:
        row.objective = answer.objective
        row.violations = shift_peers.check_shift(portfolio, ceilings, SHIFT_MAX_DELAY, answer)
        row.checked = "valid" if not row.violations else "FAIL: " + row.violations[0]
    return row


@dataclass(frozen=True)
class PsplibSet:
    """A folder of PSPLIB instances and the makespans they are measured against.

    ``proven``: the makespans are published optima (j30), so a shorter one fails the check;
    otherwise they are best-known makespans (j60), which a plan may beat.
    """

    name: str
    jobs: int
    files: tuple[Path, ...]
    reference: dict[tuple[int, int], int]
    proven: bool

    @property
    def problem(self) -> str:
        return f"psplib-{self.name}"

    @property
    def word(self) -> str:
        return "optimum" if self.proven else "best-known"


def j30_set(folder: Path, limit: int | None = None) -> PsplibSet:
    """The j30 instances of ``folder`` against ``j30opt.sm`` (in it or beside it)."""
    files = sorted(
        (f for f in folder.glob("*.sm") if f.name != "j30opt.sm"), key=psplib_peers.psplib_sort_key
    )
    files = files[:limit] if limit is not None else files
    return PsplibSet("j30", 30, tuple(files), psplib_peers.read_j30_optima(folder), True)


def j60_set(limit: int | None = None) -> PsplibSet:
    """The held-back j60 sample against its best-known makespans (``j60hrs.sm``)."""
    files = sorted(
        (f for f in J60_SAMPLE.glob("*.sm") if f.name != "j60hrs.sm"),
        key=psplib_peers.psplib_sort_key,
    )
    files = files[:limit] if limit is not None else files
    reference = psplib_peers.read_makespans(J60_SAMPLE / "j60hrs.sm")
    return PsplibSet("j60", 60, tuple(files), reference, False)


def run_psplib(instances: PsplibSet, time_limit: float, num_workers: int = 1) -> list[Row]:
    """Solve a set of PSPLIB instances with capex.shift; one row per instance.

    ``checked`` says ``at optimum`` (``at best-known``) when the makespan equals the reference,
    and ``valid, M vs optimum O`` when the schedule is valid but longer; a j60 plan shorter
    than the best-known one is ``below best-known``. A schedule that fails the check, a
    proven bound above the reference, a claim of optimality at a makespan above it, or (for
    published optima) a makespan below or a claim of optimality at another makespan is a
    ``FAIL``.
    """
    rows = []
    word = instances.word
    for path in _progress(instances.files, f"PSPLIB {instances.name}"):
        row = Row(instances.problem, instances.jobs, path.stem, runs=1)
        try:
            cpu_started = time.process_time()
            run = psplib_peers.solve_psplib(path, time_limit, num_workers)
            row.cpu_s = time.process_time() - cpu_started
        except Exception as error:  # noqa: BLE001 - one failing instance is a row, not the end
            row.status, row.checked = "error", "FAIL: error"
            row.note = f"{type(error).__name__}: {error}"[:300]
            rows.append(row)
            continue
        best = instances.reference.get(psplib_peers.psplib_key(path))
        row.total_s, row.status = run.seconds, run.status
        row.objective = math.nan if run.makespan is None else float(run.makespan)
        row.violations = list(run.problems)
        if best is not None and run.makespan is not None:
            if instances.proven and run.makespan < best:
                row.violations.append(f"makespan {run.makespan} below the published optimum {best}")
            if run.status == "optimal" and (
                run.makespan > best or (instances.proven and run.makespan != best)
            ):
                row.violations.append(f"claims optimal at {run.makespan}; {word} {best}")
            if run.bound is not None and run.bound > best + 1e-9:
                row.violations.append(f"bound {run.bound:g} above the {word} {best}")
        if row.violations:
            row.checked = "FAIL: " + row.violations[0]
        elif run.makespan is None:
            row.checked = "no answer"
        elif best is None:
            row.checked = f"valid (no {word} makespan)"
        elif run.makespan == best:
            row.checked = f"at {word}"
        elif run.makespan < best:
            row.checked = f"below {word} ({run.makespan} vs {best})"
        else:
            row.checked = f"valid, {run.makespan} vs {word} {best}"
        notes = (
            []
            if best is None
            else [f"{'published optimum' if instances.proven else 'best-known'} {best}"]
        )
        if run.status != "optimal" and run.bound is not None:
            notes.append(f"bound {run.bound:g}")
        row.note = "; ".join(notes)
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------
# workers: each measurement in its own process
# ---------------------------------------------------------------------------------------
def worker(job: dict[str, Any]) -> dict[str, Any]:
    """Run one job (a dict of :func:`run_spread` / :func:`run_shift` arguments); a Row as dict."""
    CPU_SECONDS.clear()
    try:
        if job["problem"] == "reforecast":
            row = Row(
                **reforecast_bench.run_reforecast(
                    job["size"],
                    job["method"],
                    job["seed"],
                    job["repeats"],
                    job["slow_after"],
                    measure,
                )
            )
        elif job["problem"] == "spread":
            row = run_spread(
                job["size"],
                job["method"],
                job["seed"],
                job["repeats"],
                job["slow_after"],
            )
        elif job["problem"] == "spread-lines":
            row = run_lines(
                job["size"],
                job["method"],
                job["seed"],
                job["repeats"],
                job["slow_after"],
                job["lines_time_limit"],
            )
        else:
            row = run_shift(
                job["size"],
                job["method"],
                job["seed"],
                job["repeats"],
                job["slow_after"],
                job["time_limit"],
            )
    except Exception as error:  # noqa: BLE001 - a failing method is a row of the table, not the end of the run
        row = Row(
            job["problem"],
            job["size"],
            job["method"],
            status="error",
            checked="FAIL: error",
            note=f"{type(error).__name__}: {error}"[:300],
        )
    if CPU_SECONDS:
        row.cpu_s = statistics.median(CPU_SECONDS)
    return asdict(row)


def _run_job(job: dict[str, Any], isolate: bool, timeout: float) -> Row:
    if not isolate:
        return Row(**worker(job))
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        json.dumps(job),
    ]
    env = dict(os.environ, PYTHONHASHSEED="0")
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            cwd=ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Row(
            job["problem"],
            job["size"],
            job["method"],
            status="timeout",
            checked="no answer",
            note=f"worker stopped after {timeout:.0f} s",
        )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return Row(
            job["problem"],
            job["size"],
            job["method"],
            status="error",
            checked="FAIL: error",
            note=f"worker exit {done.returncode}: {tail[0][:250]}",
        )
    return Row(**json.loads(lines[-1]))


def _progress(items: Sequence[Any], label: str):
    return progress(items, desc=label, total=len(items), file=sys.stderr)


# ---------------------------------------------------------------------------------------
# the suite
# ---------------------------------------------------------------------------------------
def _estimate(history: list[tuple[int, float]], size: int) -> float | None:
    """Seconds a method would take at ``size``, from its last two sizes (power law)."""
    if not history:
        return None
    (s1, t1) = history[-1]
    exponent = 1.3
    if len(history) >= 2:
        (s0, t0) = history[-2]
        if t0 > 0.05 and t1 > 0 and s1 > s0:
            exponent = min(max(math.log(t1 / t0) / math.log(s1 / s0), 1.0), 2.5)
    return t1 * (size / s1) ** exponent


def spread_methods() -> list[str]:
    return [CAPEX_SPREAD, *RECONCILE_METHODS, FLOOR, *spread_peers.SPREAD_PEERS]


def run_suite(
    *,
    spread_sizes: Sequence[int],
    shift_sizes: Sequence[int],
    reforecast_sizes: Sequence[int] = (),
    shift_seeds: Sequence[int] = (),
    psplib_sets: Sequence[PsplibSet] = (),
    psplib_time_limit: float,
    repeats: int,
    psplib_workers: int = 1,
    seed: int,
    max_seconds: float,
    shift_time_limit: float,
    isolate: bool,
    lines_sizes: Sequence[int] = (),
    lines_time_limit: float = LINES_TIME_LIMIT,
) -> list[Row]:
    """Every measurement of the suite, in table order.

    ``shift_seeds``: further portfolios (seeds) of :data:`SHIFT_SEED_SIZE` projects that
    capex and the plain HiGHS MIP solve, for the median and worst time over seeds.
    """
    rows: list[Row] = []
    jobs = [("spread", size, method, seed) for size in spread_sizes for method in spread_methods()]
    jobs += [
        ("spread-lines", size, method, seed) for size in lines_sizes for method in lines_methods()
    ]
    shift_methods = list(shift_peers.SHIFT_METHODS)
    jobs += [("shift", size, method, seed) for size in shift_sizes for method in shift_methods]
    jobs += [
        ("shift", SHIFT_SEED_SIZE, method, other)
        for other in shift_seeds
        if other != seed
        for method in SHIFT_SEED_METHODS
    ]
    jobs += [
        ("reforecast", size, method, seed)
        for size in reforecast_sizes
        for method in reforecast_bench.METHODS
    ]
    history: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for problem, size, method, job_seed in _progress(jobs, "benchmarks"):
        key = (problem, method)
        estimate = _estimate(history.get(key, []), size)
        # a spread peer too slow at this size is not run; a shift method stops at its time limit
        if (
            problem == "spread"
            and method not in (CAPEX_SPREAD, FLOOR, *RECONCILE_METHODS)
            and estimate is not None
            and estimate > max_seconds
        ):
            rows.append(
                Row(
                    problem,
                    size,
                    method,
                    status="skipped",
                    checked="n/a",
                    note=f"skipped (> {max_seconds:.0f} s est.: {estimate:.0f} s)",
                )
            )
            history.setdefault(key, []).append((size, estimate))
            continue
        job = {
            "problem": problem,
            "size": size,
            "method": method,
            "seed": job_seed,
            "repeats": repeats,
            "slow_after": min(20.0, max_seconds / 4),
            "time_limit": shift_time_limit,
            "lines_time_limit": lines_time_limit,
        }
        row = _run_job(job, isolate, timeout=max(4 * min(max_seconds, MAX_SECONDS), 600))
        rows.append(row)
        if not math.isnan(row.total_s) and job_seed == seed:
            history.setdefault(key, []).append((size, row.total_s))
    _mark_optimality(rows)
    _ratios(rows)
    for instances in psplib_sets:
        rows += run_psplib(instances, psplib_time_limit, psplib_workers)
    return rows


def _mark_optimality(rows: list[Row]) -> None:
    """Compare each valid answer with the others at its problem and size.

    Spread: the LP's optimum is integral, so every valid answer is compared with the best one
    and one above it is ``not optimal``. Shift and the spread with overlapping lines (integer
    programs): where a method proved its answer optimal, that
    objective is the optimum; an answer above it is flagged (``+x above the proven optimum``),
    and one that claims ``optimal`` at another objective, or below a valid answer, fails.
    Without a proven optimum, answers are compared with the best one found.
    """
    groups: dict[tuple[str, int, int], list[Row]] = {}
    for row in rows:
        if row.checked == "valid":
            groups.setdefault((row.problem, row.size, row.seed), []).append(row)
    for (problem, _size, _seed), group in groups.items():
        best = min(r.objective for r in group)

        def above(value: float, reference: float) -> bool:
            return value - reference > max(1e-9, 1e-12 * abs(reference))

        if problem in ("spread", "reforecast"):  # an LP: every valid answer meets the optimum
            for row in group:
                gap = row.objective - best
                row.checked = (
                    f"valid, not optimal (+{gap:.4g} 亿元)"
                    if above(row.objective, best)
                    else "valid, optimal"
                )
            continue
        proven = [r for r in group if r.status == "optimal"]
        optimum = min((r.objective for r in proven), default=None)
        for row in group:
            if row.status == "optimal" and above(row.objective, best):
                row.checked = (
                    f"FAIL: claims optimal at {row.objective:g}, a valid answer has {best:g}"
                )
            elif optimum is None:
                gap = row.objective - best
                row.checked = (
                    "valid, best found, not proven"
                    if gap == 0
                    else f"valid, not proven ({gap:+g} vs best)"
                )
            elif above(row.objective, optimum):
                row.checked = (
                    f"valid, NOT OPTIMAL: +{row.objective - optimum:g} above the proven optimum"
                )
            elif row.status == "optimal":
                row.checked = "valid, optimal"
            else:
                row.checked = "valid, at the optimum (not proven)"


def _ratios(rows: list[Row]) -> None:
    """Each method's total time over capex's at the same problem, size and seed."""
    capex_time = {
        (r.problem, r.size, r.seed): r.total_s
        for r in rows
        if r.method in (CAPEX_SPREAD, CAPEX_SHIFT, reforecast_bench.CAPEX_REFORECAST)
    }
    for row in rows:
        reference = capex_time.get((row.problem, row.size, row.seed))
        if reference and not math.isnan(row.total_s):
            row.ratio_to_capex = row.total_s / reference


# ---------------------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------------------
def frame_of(rows: Sequence[Row]) -> pd.DataFrame:
    """The results table as a DataFrame with :data:`COLUMNS`."""
    return pd.DataFrame([{c: getattr(r, c) for c in COLUMNS} for r in rows], columns=COLUMNS)


PSPLIB_PROBLEMS = ("psplib-j30", "psplib-j60")


def psplib_summary(rows: Sequence[Row], problem: str = "psplib-j30") -> dict[str, Any] | None:
    """Count at the reference makespan (the published optimum, or the best-known makespan or
    below), proven optima, median and worst time of one PSPLIB set's rows."""
    instances = [r for r in rows if r.problem == problem]
    if not instances:
        return None
    times = [r.total_s for r in instances]
    reached = ("at optimum", "at best-known", "below best-known")
    return {
        "instances": len(instances),
        "at_optimum": sum(r.checked.startswith(reached) for r in instances),
        "proven": sum(r.status == "optimal" for r in instances),
        "failed_check": sum(r.checked.startswith("FAIL") for r in instances),
        "median_s": statistics.median(times),
        "worst_s": max(times),
        "worst_instance": max(instances, key=lambda r: r.total_s).method,
    }


def _fmt(value: Any, digits: int = 3) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.{digits}g}" if value else "0"
    return str(value)


def markdown_table(frame: pd.DataFrame) -> str:
    """The table as GitHub Markdown."""
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(_fmt(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])


def machine_description() -> dict[str, str]:
    """Cores, CPU model, memory, Python and package versions of this machine."""
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                cpu,
            )
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    versions = {}
    for name in ("capex", "numpy", "pandas", "ortools", "highspy", "pulp", "scipy", "distributed"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:  # noqa: BLE001 - a missing package is reported, not fatal
            versions[name] = "absent"
    return {
        "date": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()),
    }


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**MISSED**"


def shift_targets(rows: Sequence[Row]) -> list[str]:
    """The deferral's targets: 1,000 projects over seeds, 10,000 against the peers."""
    lines = []
    capex_rows = [
        r
        for r in rows
        if r.problem == "shift" and r.size == SHIFT_SEED_SIZE and r.method == CAPEX_SHIFT
    ]
    if capex_rows:
        times = [r.total_s for r in capex_rows]
        proven = all(r.status == "optimal" and r.checked.startswith("valid") for r in capex_rows)
        median, worst = statistics.median(times), max(times)
        worst_row = max(capex_rows, key=lambda r: r.total_s)
        peer = [
            r.total_s
            for r in rows
            if r.problem == "shift"
            and r.size == SHIFT_SEED_SIZE
            and r.method == HIGHS_SHIFT_PEER
            and not math.isnan(r.total_s)
        ]
        versus = (
            f"; the plain HiGHS MIP: median {statistics.median(peer):.2f} s, worst {max(peer):.2f} s"
            if peer
            else ""
        )
        lines.append(
            f"- capex shift, {SHIFT_SEED_SIZE:,} projects (every plan year's ceiling at "
            f"{SHIFT_CUT:.0%} of its unshifted total, shifts 0-{SHIFT_MAX_DELAY}), proven optimal "
            f"over seeds {', '.join(str(r.seed) for r in capex_rows)}: median <= 0.1 s "
            f"{_verdict(proven and median <= 0.1)} ({median:.2f} s), worst <= 0.5 s "
            f"{_verdict(proven and worst <= 0.5)} ({worst:.2f} s, seed {worst_row.seed}); "
            f"{sum(r.status == 'optimal' for r in capex_rows)} of {len(capex_rows)} proven{versus}."
        )
    else:
        lines.append(f"- capex shift at {SHIFT_SEED_SIZE:,} projects: not measured in this run.")
    lines += default_call_targets(rows)
    big = [r for r in rows if r.problem == "shift" and r.size == 10_000]
    mine = next((r for r in big if r.method == CAPEX_SHIFT), None)
    if mine is None or math.isnan(mine.total_s):
        lines.append("- capex shift at 10,000 projects: not measured in this run.")
    else:
        ok = mine.status == "optimal" and mine.checked.startswith("valid")
        others = [
            f"{r.method}: {r.total_s:.2f} s ({r.ratio_to_capex:.1f}x), {r.status}"
            + ("" if r.checked.startswith("valid, optimal") else f", {r.checked}")
            for r in big
            if r.method in ("HiGHS MIP (highspy, booleans)", "CP-SAT (booleans, 2 workers)")
            and not math.isnan(r.total_s)
        ]
        ahead = all(
            r.total_s > mine.total_s
            for r in big
            if r.method in ("HiGHS MIP (highspy, booleans)", "CP-SAT (booleans, 2 workers)")
        )
        lines.append(
            f"- capex shift at 10,000 projects proven optimal <= 3 s "
            f"{_verdict(ok and mine.total_s <= 3.0)} ({mine.total_s:.2f} s, {mine.status}, "
            f"{mine.checked}); ahead of the plain HiGHS and CP-SAT models {_verdict(ok and ahead)}"
            + (f" ({'; '.join(others)})" if others else "")
            + "."
        )
    return lines


DEFAULT_CALL_TARGET_S = 0.5
"""Issue 24: the default call (peak tie-break included) at 1,000 projects, median over seeds."""


def default_call_targets(rows: Sequence[Row]) -> list[str]:
    """The default call, tie-break included, at 1,000 projects over the seeds: its median, and
    whether each tie-break was proven or how far it may be from the lowest peak."""
    calls = [
        r
        for r in rows
        if r.problem == "shift" and r.size == SHIFT_SEED_SIZE and r.method == CAPEX_SHIFT_DEFAULT
    ]
    if not calls:
        return [f"- capex shift's default call at {SHIFT_SEED_SIZE:,} projects: not measured."]
    times = [r.total_s for r in calls]
    cpu = [r.cpu_s for r in calls if not math.isnan(r.cpu_s)]
    median = statistics.median(times)
    gaps = [re.search(r"at most ([0-9.]+%)", r.note) for r in calls]
    stated = [g.group(1) for g in gaps if g]
    proven = sum(1 for r, g in zip(calls, gaps) if not g and "tie-break" not in r.note)
    optimal = all(r.status == "optimal" and r.checked.startswith("valid") for r in calls)
    return [
        f"- capex shift's default call (delay, then the peak among the optima) at "
        f"{SHIFT_SEED_SIZE:,} projects over seeds {', '.join(str(r.seed) for r in calls)}: median "
        f"<= {DEFAULT_CALL_TARGET_S} s {_verdict(optimal and median <= DEFAULT_CALL_TARGET_S)} "
        f"({median:.2f} s wall, worst {max(times):.2f} s"
        + (f"; median {statistics.median(cpu):.2f} s of process CPU" if cpu else "")
        + f"); the tie-break proven best in {proven} of {len(calls)}"
        + (
            f", its gap stated in the others (the peak at most {', '.join(stated)} above the "
            "lowest)"
            if stated
            else ""
        )
        + "."
    ]


def psplib_targets(rows: Sequence[Row]) -> list[str]:
    """PSPLIB's targets: j30 all proven fast, the j60 sample at its best-known makespans."""
    lines = []
    j30 = psplib_summary(rows, "psplib-j30")
    if j30 is None:
        lines.append("- PSPLIB j30: not run.")
    else:
        n = j30["instances"]
        lines.append(
            f"- PSPLIB j30: {j30['proven']} of {n} proven optimal "
            + (_verdict(j30["proven"] == n) if n == 480 else "(not the whole set of 480)")
            + f"; {j30['at_optimum']} at the published "
            f"optimum; median <= 0.1 s {_verdict(j30['median_s'] <= 0.1)} "
            f"({j30['median_s']:.2f} s), worst <= 10 s {_verdict(j30['worst_s'] <= 10.0 + 0.5)} "
            f"({j30['worst_s']:.2f} s, {j30['worst_instance']}; a run stopped at its time "
            f"limit takes a little more); {j30['failed_check']} failed the check."
        )
    j60 = psplib_summary(rows, "psplib-j60")
    if j60 is None:
        lines.append("- PSPLIB j60 sample: not run.")
    else:
        share = j60["at_optimum"] / j60["instances"]
        lines.append(
            f"- PSPLIB j60, held-back sample: {j60['at_optimum']} of {j60['instances']} at or "
            f"below the best-known makespan ({share:.0%}) within the time limit, target 90 % "
            f"{_verdict(share >= 0.9)}; {j60['proven']} proven optimal; median "
            f"{j60['median_s']:.2f} s; {j60['failed_check']} failed the check."
        )
    return lines


def targets_text(rows: Sequence[Row]) -> list[str]:
    """Plain statements of which speed targets the run meets or misses."""

    def find(problem: str, size: int, method: str, seed: int | None = None) -> Row | None:
        main = rows[0].seed if rows else 0
        wanted = (problem, size, method, main if seed is None else seed)
        return next((r for r in rows if (r.problem, r.size, r.method, r.seed) == wanted), None)

    lines = []
    spread = find("spread", 100_000, CAPEX_SPREAD)
    if spread is None or math.isnan(spread.total_s):
        lines.append("- capex spread at 100,000 projects: not measured in this run.")
    else:
        ok = spread.total_s < 1.0 and spread.checked.startswith("valid")
        lines.append(
            f"- capex spread at 100,000 projects under 1 s: **{'met' if ok else 'MISSED'}** "
            f"({spread.total_s:.3f} s, {spread.checked})."
        )
        general = [
            r
            for r in rows
            if r.problem == "spread"
            and r.size == 100_000
            and r.method
            not in (CAPEX_SPREAD, FLOOR, "min-cost flow (OR-Tools)", *RECONCILE_METHODS)
            and not math.isnan(r.total_s)
            and r.checked.startswith("valid")
        ]
        if general:
            best = min(general, key=lambda r: r.total_s)
            ratio = best.total_s / spread.total_s
            lines.append(
                f"- at least 3x faster than the best general LP peer ({best.method}, "
                f"{best.total_s:.2f} s): **{'met' if ratio >= 3 else 'MISSED'}** ({ratio:.1f}x)."
            )
            ipm = find("spread", 100_000, "HiGHS IPM (highspy, arrays)")
            if ipm is not None and not math.isnan(ipm.total_s):
                ratio = ipm.total_s / spread.total_s
                lines.append(
                    f"- at least 3x faster than HiGHS's interior point with crossover "
                    f"({ipm.total_s:.2f} s): **{'met' if ratio >= 3 else 'MISSED'}** ({ratio:.1f}x)."
                )
        glop = find("spread", 100_000, "GLOP (OR-Tools, arrays)")
        if glop is not None and not math.isnan(glop.total_s):
            ratio = glop.total_s / spread.total_s
            lines.append(
                f"- at least 10x faster than GLOP ({glop.total_s:.2f} s): "
                f"**{'met' if ratio >= 10 else 'MISSED'}** ({ratio:.1f}x)."
            )
    for size, target in SPREAD_SCALE_TARGETS.items():
        row = find("spread", size, CAPEX_SPREAD)
        if row is None or math.isnan(row.total_s):
            continue
        ok = row.checked.startswith("valid") and min(row.total_s, row.cpu_s) <= target
        lines.append(
            f"- capex spread at {size:,} projects <= {target:g} s {_verdict(ok)} "
            f"({row.total_s:.3f} s wall, {row.cpu_s:.3f} s process CPU, {row.checked})."
        )
    largest = max((r.size for r in rows if r.method == CAPEX_RECONCILE), default=None)
    if largest is not None:
        parts = []
        for method, what in ((CAPEX_RECONCILE, "the report"), (CAPEX_RECONCILE_WORDED,
                             "with every finding's sentence and the summary written")):  # fmt: skip
            row = find("spread", largest, method)
            if row is not None and not math.isnan(row.total_s):
                parts.append(f"{what} {row.total_s:.2f} s ({row.ratio_to_capex:.1f}x the spread)")
        worded = find("spread", largest, CAPEX_RECONCILE_WORDED)
        spread_row = find("spread", largest, CAPEX_SPREAD)
        verdict = ""
        if worded is not None and spread_row is not None and not math.isnan(worded.total_s):
            cpu_ratio = worded.cpu_s / spread_row.cpu_s
            ok = min(worded.ratio_to_capex, cpu_ratio) <= RECONCILE_TARGET_RATIO
            verdict = (
                f"; with every finding's sentence and the summary written <= "
                f"{RECONCILE_TARGET_RATIO:g}x the spread {_verdict(ok)} ({cpu_ratio:.1f}x in "
                "process CPU)"
            )
        lines.append(
            f"- capex reconcile at {largest:,} projects, beside capex spread of the same "
            f"portfolio: {'; '.join(parts) or 'not measured'}{verdict}."
        )
    lines += shift_targets(rows)
    forecast = find("reforecast", 100_000, reforecast_bench.CAPEX_REFORECAST)
    if forecast is None or math.isnan(forecast.total_s):
        lines.append("- capex reforecast at 100,000 projects: not measured in this run.")
    else:
        ok = forecast.total_s < 1.0 and forecast.checked.startswith("valid")
        floor = find("reforecast", 100_000, reforecast_bench.SPREAD_REMAINING)
        same = (
            f"; capex.spread on the remaining portfolio alone {floor.total_s:.3f} s"
            if floor is not None and not math.isnan(floor.total_s)
            else ""
        )
        lines.append(
            f"- capex reforecast at 100,000 projects (actuals to {reforecast_bench.AS_OF}, the "
            f"rest under binding ceilings) under 1 s: **{'met' if ok else 'MISSED'}** "
            f"({forecast.total_s:.3f} s, {forecast.checked}{same})."
        )
    overlapping = [r for r in rows if r.problem == "spread-lines" and r.method == CAPEX_SPREAD]
    for capex_row in overlapping:
        peer = find("spread-lines", capex_row.size, overlapping_lines.PLAIN_HIGHS)
        versus = ""
        if peer is not None and not math.isnan(peer.total_s):
            versus = (
                f"; the plain HiGHS model over every project-year: {peer.total_s:.2f} s, "
                f"{peer.status}, {peer.checked}"
            )
        lines.append(
            f"- capex spread, a cap per street beside a government cap (overlapping lines), "
            f"{capex_row.size:,} projects: {capex_row.total_s:.3f} s, {capex_row.status}, "
            f"{capex_row.checked}{versus}."
        )
    lines += psplib_targets(rows)
    return lines


RISK_HEADING = "## Risk and scale-out"


def risk_section(risk_rows: Sequence[risk.RiskRow], note: str = "") -> list[str]:
    """The risk section of the results: its table and what it shows."""
    return [
        RISK_HEADING,
        "",
        *([note, ""] if note else []),
        (
            "The 35 bundled projects under the README's ceilings; cost triangular(-0.05, 0.05, "
            "0.4), start delay discrete(0=0.6, 1=0.3, 2=0.1), price index triangular(0, 0.03, "
            "0.1); seed 0. `seconds` is the median wall time of the whole `capex.risk.simulate` call "
            "after one warm-up call; `scaling` is the throughput over one worker's; `load_1min` "
            "is the machine's load average when the row was measured (above the number of cores, "
            "other work was taking them, and scaling reads low)."
        ),
        "",
        markdown_table(risk.risk_frame(list(risk_rows))),
        "",
        *risk.risk_targets(list(risk_rows)),
        "",
    ]


def record_risk_section(record: Path, section: list[str]) -> None:
    """Put a fresh risk section into the kept results, leaving the other tables as they are."""
    record_section(record, RISK_HEADING, section)


def record_section(record: Path, heading: str, section: list[str]) -> None:
    """Put a fresh section (its ``heading`` line, then the rest) into the kept results,
    leaving the other sections as they are."""
    text = record.read_text(encoding="utf-8") if record.exists() else RESULTS_PREFACE
    body = "\n".join(section)
    if heading in text:
        before, _, after = text.partition(heading)
        rest = after.split("\n## ", 1)
        text = before + body + ("\n## " + rest[1] if len(rest) > 1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + body
    record.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def write_results(
    rows: Sequence[Row],
    out: Path,
    settings: dict[str, Any],
    risk_rows: Sequence[risk.RiskRow] = (),
    own_parts: dict[str, list[str]] | None = None,
) -> tuple[Path, Path]:
    """Write ``latest.csv`` (every row, PSPLIB instances included), ``risk.csv`` (the risk
    section's rows, when run) and ``latest.md``."""
    out.mkdir(parents=True, exist_ok=True)
    if risk_rows:
        risk.risk_frame(list(risk_rows)).to_csv(out / "risk.csv", index=False, lineterminator="\n")
    frame = frame_of(rows)
    csv_path = out / "latest.csv"
    frame.to_csv(csv_path, index=False, lineterminator="\n")
    machine = machine_description()
    main = frame[~frame["problem"].isin(PSPLIB_PROBLEMS)]
    text = [
        "# capex benchmark results",
        "",
        f"Run {machine['date']} with `{settings['command']}`.",
        "",
        "Machine: " + "; ".join(f"{k}: {v}" for k, v in machine.items() if k != "date") + ".",
        "",
        *(
            [
                "Settings: "
                + "; ".join(f"{k}: {v}" for k, v in settings.items() if k != "command")
                + ".",
                "",
            ]
            if len(settings) > 1
            else []
        ),
        (
            "Times in seconds (medians over `runs`), peak memory in MiB above the worker's resident "
            "set before the call, objective: spread = money moved off its profile year (亿元), "
            "shift = priority-weighted delay (project-years); reforecast = money moved off the "
            "profile year after the cut-off (亿元); PSPLIB = makespan."
        ),
        "",
        markdown_table(main),
        "",
        "## Targets",
        "",
        *targets_text(rows),
        "",
    ]
    for problem in PSPLIB_PROBLEMS:
        summary = psplib_summary(rows, problem)
        if summary is None:
            continue
        reference = "published optimum" if problem == "psplib-j30" else "best-known makespan"
        text += [
            f"## PSPLIB {problem.removeprefix('psplib-')}",
            "",
            (
                f"Every instance is in `latest.csv` (problem `{problem}`); `at_optimum` counts "
                f"the instances at the {reference} (or below it)."
            ),
            "",
            "| " + " | ".join(summary) + " |",
            "|" + "---|" * len(summary),
            "| " + " | ".join(_fmt(v) for v in summary.values()) + " |",
            "",
        ]
        misses = [r for r in rows if r.problem == problem and r.status != "optimal"]
        if misses:
            text += [
                "Not proven optimal within the time limit: "
                + ", ".join(f"{r.method} ({r.checked}; {r.note})" for r in misses)
                + ".",
                "",
            ]
    if risk_rows:
        text += risk_section(risk_rows)
    for part in (own_parts or {}).values():
        text += [*part, ""]
    md_path = out / "latest.md"
    md_path.write_text("\n".join(text), encoding="utf-8")
    return csv_path, md_path


RESULTS_PREFACE = """# capex benchmark results (kept)

Re-made with `python benchmarks/run.py` (see `README.md` beside this file for the protocol)
whenever a solver changes; the machine and date are those of the run. The full table, with
every PSPLIB instance, is `results/latest.csv`; what was tried for the targets marked missed is
in `GAPS.md`.
"""


def rows_from_csv(path: Path) -> list[Row]:
    """Rows of a results CSV written by :func:`write_results`."""
    table = pd.read_csv(path, keep_default_na=False, na_values=[""])
    rows = []
    for record in table.to_dict("records"):
        values = {c: record.get(c, 0 if c == "seed" else math.nan) for c in COLUMNS}
        for text in ("problem", "method", "status", "checked", "note"):
            values[text] = "" if pd.isna(values[text]) else str(values[text])
        values["size"] = int(values["size"])
        values["seed"] = int(values["seed"])
        values["runs"] = 0 if pd.isna(values["runs"]) else int(values["runs"])
        rows.append(Row(**values))
    return rows


def _shown(path: Path) -> str:
    """A path as it may be written in the results: relative to the repository, never absolute."""
    path = path.resolve()
    if path.is_relative_to(ROOT):
        return str(path.relative_to(ROOT))
    if path.is_relative_to(ROOT.parent):
        return str(Path("..") / path.relative_to(ROOT.parent))
    return path.name


def psplib_folder(chosen: Path | None, quick: bool) -> Path | None:
    """The PSPLIB folder to run, or None (with a message saying why) to skip PSPLIB."""

    def has_instances(folder: Path) -> bool:
        return folder.is_dir() and any(p.name != "j30opt.sm" for p in folder.glob("*.sm"))

    if chosen is not None:
        if has_instances(chosen):
            return chosen
        print(f"no PSPLIB instances in {chosen}: PSPLIB skipped", file=sys.stderr)
        return None
    if has_instances(DEFAULT_PSPLIB):
        return DEFAULT_PSPLIB
    if quick and has_instances(PINNED_PSPLIB):
        print(
            f"PSPLIB j30 not found at {_shown(DEFAULT_PSPLIB)}: the quick mode runs the instances "
            f"pinned in {_shown(PINNED_PSPLIB)}",
            file=sys.stderr,
        )
        return PINNED_PSPLIB
    print(f"PSPLIB j30 not found at {_shown(DEFAULT_PSPLIB)}: PSPLIB skipped", file=sys.stderr)
    return None


@dataclass(frozen=True)
class Section:
    """One section of the benchmark; ``--only NAME`` runs it alone.

    A section of the main table names the ``problems`` whose rows it fills (run by
    :func:`run_suite`, each in a fresh worker). A section kept in a module of its own
    (``benchmarks/<name>.py``) gives ``run`` instead: called with ``(quick, seed, repeats)``,
    it measures and returns its part of ``RESULTS.md`` as Markdown lines, starting with its
    own ``## `` heading (which ``--only NAME`` re-makes alone in the kept results).
    """

    name: str
    help: str
    problems: tuple[str, ...] = ()
    run: Callable[[bool, int, int], list[str]] | None = None


SECTIONS: dict[str, Section] = {}
"""Every section, in the order a full run runs them."""


def add_section(section: Section) -> None:
    """Add a section to the benchmark (a module of its own calls this with its section)."""
    SECTIONS[section.name] = section


add_section(
    Section("spread", "the spread, its peers and reconcile at 35 to 1,000,000", ("spread",))
)
add_section(Section("spread-lines", "the spread under overlapping lines", ("spread-lines",)))
add_section(Section("shift", "the deferral: delay proof, default call, peers", ("shift",)))
add_section(Section("reforecast", "the re-forecast after actuals", ("reforecast",)))
add_section(Section("psplib", "PSPLIB j30 and the held-back j60 sample", PSPLIB_PROBLEMS))
add_section(Section("risk", "Monte Carlo draws: cash flow, spread, shift; executors"))
# sections kept in modules of their own, each measuring and writing its part of the results
add_section(
    Section(
        "monthly",
        "the budget year by month: the monthly plan of 1,000 to 100,000 projects",
        run=monthly_bench.section,
    )
)
add_section(
    Section(
        "store", "the plan store: save, load and diff at 100,000 projects", run=store_bench.section
    )
)
add_section(
    Section(
        "select",
        "the choice of the next plan: OR-Library knapsacks and synthetic banks, with peers",
        run=select_bench.section,
    )
)
add_section(
    Section(
        "surface",
        "the front door: import capex and capex --help in fresh processes (a full run also "
        "times the test suite)",
        run=surface_bench.section,
    )
)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small sizes and a few PSPLIB instances (< 2 min)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=None,
        help="runs per measurement; the median is kept (default 3, quick 1)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic portfolios")
    parser.add_argument(
        "--spread-sizes",
        type=int,
        nargs="*",
        default=None,
        help="override the spread sizes",
    )
    parser.add_argument(
        "--lines-sizes",
        type=int,
        nargs="*",
        default=None,
        help="override the sizes of the spread with overlapping budget lines",
    )
    parser.add_argument(
        "--lines-time-limit",
        type=float,
        default=None,
        help=f"seconds each method may take on the overlapping lines (default "
        f"{LINES_TIME_LIMIT:g}, quick 20)",
    )
    parser.add_argument(
        "--shift-sizes",
        type=int,
        nargs="*",
        default=None,
        help="override the shift sizes",
    )
    parser.add_argument(
        "--shift-seeds",
        type=int,
        nargs="*",
        default=None,
        help=f"seeds of the {SHIFT_SEED_SIZE:,}-project shift portfolios that capex and the "
        "plain HiGHS MIP solve (default 0-7, quick none)",
    )
    parser.add_argument(
        "--j60",
        type=int,
        default=None,
        help="run the first N instances of the j60 sample (default all 40, quick 2; 0: none)",
    )
    parser.add_argument(
        "--reforecast-sizes",
        type=int,
        nargs="*",
        default=None,
        help="override the re-forecast sizes",
    )
    parser.add_argument(
        "--psplib",
        type=Path,
        default=None,
        help="folder of PSPLIB j30 .sm files with j30opt.sm in it or beside it (default "
        "../shared/benchmarks/psplib/j30 beside the repository; when that is absent, the "
        "quick mode runs the instances pinned in tests/data/psplib and the full run skips PSPLIB)",
    )
    parser.add_argument(
        "--orlib",
        type=Path,
        default=None,
        help="folder of the OR-Library knapsacks mknap1.txt and mknapcb1.txt for the selection "
        "section (default ../shared/benchmarks/orlib beside the repository; when that is "
        "absent, the section runs its synthetic banks only and says so)",
    )
    parser.add_argument(
        "--psplib-instances",
        type=int,
        default=None,
        help="run only the first N instances (default all; quick 5)",
    )
    parser.add_argument(
        "--psplib-time-limit",
        type=float,
        default=None,
        help=f"seconds per PSPLIB instance (default {PSPLIB_TIME_LIMIT:g}, quick 2)",
    )
    parser.add_argument(
        "--psplib-workers",
        type=int,
        default=PSPLIB_WORKERS,
        help=f"CP-SAT workers per PSPLIB instance (default {PSPLIB_WORKERS})",
    )
    parser.add_argument("--no-psplib", action="store_true", help="skip PSPLIB")
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=None,
        help="skip a peer at a size where it is estimated to take longer (default 120; quick: "
        "never, its sizes are small and a crowded machine must not change which rows it has)",
    )
    parser.add_argument(
        "--shift-time-limit",
        type=float,
        default=None,
        help="time limit of each shift solve, seconds (default 60, quick 5)",
    )
    parser.add_argument(
        "--no-isolate",
        action="store_true",
        help="measure in this process instead of one fresh worker per measurement",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for latest.csv and latest.md (default benchmarks/results; quick: "
        "benchmarks/results/quick, which git ignores, so the kept full results stay)",
    )
    parser.add_argument(
        "--from-csv",
        type=Path,
        nargs="+",
        default=None,
        help="make the tables from these results CSVs instead of running (parts of a run "
        "are joined in order)",
    )
    parser.add_argument(
        "--record",
        action="store_true",
        help="also write benchmarks/RESULTS.md (the kept results; the default for a full run)",
    )
    parser.add_argument(
        "--no-risk", action="store_true", help="skip the risk section (Monte Carlo draws)"
    )
    parser.add_argument(
        "--only",
        choices=list(SECTIONS),
        help="run one section alone: "
        + "; ".join(f"{name}: {section.help}" for name, section in SECTIONS.items())
        + ". The main table's sections write only-NAME.csv and only-NAME.md beside the "
        "results and leave RESULTS.md as it is; risk and the sections of modules of their own "
        "re-make their own part of RESULTS.md",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def default_out(quick: bool) -> Path:
    """Where a run writes unless ``--out`` says: the kept results, or for a quick run a folder
    git ignores (so running the tests leaves the kept full results as they are)."""
    return QUICK_OUT if quick else ROOT / "benchmarks" / "results"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the suite; print the table and write it. Returns 0, or 1 when an answer failed its check."""
    args = parse_args(argv)
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker))))
        return 0
    quick = args.quick
    if args.out is None:
        args.out = default_out(quick)
    chosen = SECTIONS[args.only] if args.only else None
    main_table = chosen is None or bool(chosen.problems)

    def wanted(problem: str) -> bool:
        """Whether this run measures ``problem`` (all of them, or those of ``--only``)."""
        return chosen is None or problem in chosen.problems

    psplib = (
        None if args.no_psplib or not wanted("psplib-j30") else psplib_folder(args.psplib, quick)
    )
    psplib_sets = []
    if psplib is not None:
        j30_limit = (
            args.psplib_instances if args.psplib_instances is not None else (5 if quick else None)
        )
        psplib_sets.append(j30_set(psplib, j30_limit))
    j60_limit = args.j60 if args.j60 is not None else (2 if quick else None)
    if not args.no_psplib and wanted("psplib-j60") and j60_limit != 0:
        psplib_sets.append(j60_set(j60_limit))
    started = time.perf_counter()
    psplib_time_limit = args.psplib_time_limit or (2.0 if quick else PSPLIB_TIME_LIMIT)
    repeats = args.repeats or (1 if quick else 3)
    shift_time_limit = args.shift_time_limit or (5.0 if quick else 60.0)
    lines_time_limit = args.lines_time_limit or (20.0 if quick else LINES_TIME_LIMIT)

    def sizes(problem: str, given: Sequence[int] | None, quick_sizes, full_sizes):
        if not wanted(problem):
            return ()
        return given if given is not None else (quick_sizes if quick else full_sizes)

    if args.from_csv:
        rows = [row for path in args.from_csv for row in rows_from_csv(path)]
    elif not main_table:
        rows = []
    else:
        rows = run_suite(
            spread_sizes=sizes("spread", args.spread_sizes, SPREAD_SIZES_QUICK, SPREAD_SIZES_FULL),
            shift_sizes=sizes("shift", args.shift_sizes, SHIFT_SIZES_QUICK, SHIFT_SIZES_FULL),
            reforecast_sizes=sizes(
                "reforecast",
                args.reforecast_sizes,
                reforecast_bench.SIZES_QUICK,
                reforecast_bench.SIZES_FULL,
            ),
            shift_seeds=sizes("shift", args.shift_seeds, SHIFT_SEEDS_QUICK, SHIFT_SEEDS_FULL),
            psplib_sets=psplib_sets,
            psplib_time_limit=psplib_time_limit,
            psplib_workers=args.psplib_workers,
            repeats=repeats,
            seed=args.seed,
            max_seconds=args.max_seconds or (math.inf if quick else MAX_SECONDS),
            shift_time_limit=shift_time_limit,
            isolate=not args.no_isolate,
            lines_sizes=sizes(
                "spread-lines", args.lines_sizes, LINES_SIZES_QUICK, LINES_SIZES_FULL
            ),
            lines_time_limit=lines_time_limit,
        )
    run_risk = not (args.no_risk or args.from_csv) and (chosen is None or chosen.name == "risk")
    risk_rows = risk.run_risk(quick=quick, seed=args.seed, repeats=repeats) if run_risk else []
    # the sections kept in modules of their own: their parts of the results, in Markdown
    own_parts = {
        section.name: (
            select_bench.section(quick, args.seed, repeats, orlib=args.orlib)
            if section.name == "select"
            else section.run(quick, args.seed, repeats)
        )
        for section in SECTIONS.values()
        if section.run is not None and not args.from_csv and (chosen is None or chosen is section)
    }
    given = list(argv if argv is not None else sys.argv[1:])
    # a folder is named as the results may name it: never where it lies on this machine
    shown = [_shown(Path(a)) if Path(a).is_absolute() else a for a in given]
    command = "python benchmarks/run.py " + " ".join(shown)
    if args.from_csv:  # name the parts, not where they were kept on this machine
        command = "python benchmarks/run.py --from-csv " + " ".join(p.name for p in args.from_csv)
    settings = {"command": command.strip()}
    if not args.from_csv:
        settings.update(
            {
                "seed": str(args.seed),
                "repeats": str(repeats),
                "shift": f"shifts 0-{SHIFT_MAX_DELAY}, every plan year's ceiling at "
                f"{SHIFT_CUT:.0%} of its unshifted total, time limit {shift_time_limit:g} s",
                "spread-lines": "a cap per street beside a government cap "
                f"({overlapping_lines.GOVERNMENT_SHARE:.0%} of projects government-funded), "
                f"time limit {lines_time_limit:g} s",
                "PSPLIB": "not run"
                if not psplib_sets
                else " and ".join(
                    f"{len(s.files)} {s.name} instances "
                    f"({_shown(psplib) if s.name == 'j30' else _shown(J60_SAMPLE)})"
                    for s in psplib_sets
                )
                + f", {psplib_time_limit:g} s per instance, {args.psplib_workers} CP-SAT worker(s)",
                "wall time of the whole run": f"{(time.perf_counter() - started) / 60:.1f} min",
            }
        )
    args.out.mkdir(parents=True, exist_ok=True)
    if chosen is not None and chosen.name == "risk":  # latest.csv and latest.md stay as they are
        csv_path, md_path = args.out / "risk.csv", args.out / "risk.md"
        risk.risk_frame(risk_rows).to_csv(csv_path, index=False, lineterminator="\n")
        md_path.write_text("\n".join(risk_section(risk_rows)), encoding="utf-8")
    elif chosen is not None and chosen.run is not None:
        md_path = csv_path = args.out / f"{chosen.name}.md"
        md_path.write_text("\n".join(own_parts[chosen.name]) + "\n", encoding="utf-8")
    elif chosen is not None:  # a section of the main table alone, beside the kept results
        csv_path, md_path = (
            args.out / f"only-{chosen.name}.csv",
            args.out / f"only-{chosen.name}.md",
        )
        frame_of(rows).to_csv(csv_path, index=False, lineterminator="\n")
        md_path.write_text(
            "\n".join([markdown_table(frame_of(rows)), "", *targets_text(rows), ""]),
            encoding="utf-8",
        )
    else:
        csv_path, md_path = write_results(rows, args.out, settings, risk_rows, own_parts)
    if args.record or (
        not quick and not args.from_csv and args.out == ROOT / "benchmarks" / "results"
    ):
        record = ROOT / "benchmarks" / "RESULTS.md"
        machine = machine_description()
        note = (
            f"This section alone was re-made {machine['date']} with `{command.strip()}` "
            f"(machine: {machine['cores']} cores, {machine['cpu']}); the tables above are "
            "from the run named at the top."
        )
        if chosen is not None and chosen.name == "risk":
            record_risk_section(record, risk_section(risk_rows, note))
        elif chosen is not None and chosen.run is not None:
            part = own_parts[chosen.name]
            record_section(record, part[0], [part[0], "", note, *part[1:]])
        elif chosen is not None:
            pass  # a part of the main table alone: the kept results stay as they are
        else:
            record.write_text(
                RESULTS_PREFACE + md_path.read_text(encoding="utf-8").split("\n", 1)[1],
                encoding="utf-8",
            )
    if rows:
        frame = frame_of([r for r in rows if r.problem not in PSPLIB_PROBLEMS])
        print(markdown_table(frame))
        print()
        print("\n".join(targets_text(rows)))
    if risk_rows:
        print()
        print("\n".join(risk_section(risk_rows)))
    for part in own_parts.values():
        print()
        print("\n".join(part))
    print(
        f"\nwritten: {csv_path.relative_to(ROOT) if csv_path.is_relative_to(ROOT) else csv_path}, "
        f"{md_path.relative_to(ROOT) if md_path.is_relative_to(ROOT) else md_path}"
    )
    failed = [r for r in rows if r.checked.startswith("FAIL")]
    for row in failed:
        print(
            f"FAILED CHECK: {row.problem} {row.size} {row.method}: {row.checked} {row.note}",
            file=sys.stderr,
        )
    risk_failed = [r for r in risk_rows if r.checked.startswith("FAIL")]
    for row in risk_failed:
        print(
            f"FAILED CHECK: risk {row.method} {row.executor} x{row.workers}: {row.checked}",
            file=sys.stderr,
        )
    return 1 if failed or risk_failed else 0


if __name__ == "__main__":
    sys.exit(main())
