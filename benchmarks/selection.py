"""The selection section of the benchmarks: choosing projects under yearly ceilings.

* **OR-Library**: Petersen's seven R&D project selection problems (``mknap1``: 6-50
  projects, 5 or 10 constraints, published optima) and Chu and Beasley's thirty
  ``mknapcb1`` problems (100 items, 5 constraints, best-known values), from a folder beside
  the repository (``--orlib DIR``; ``../shared/benchmarks/orlib`` by default). Each item is a
  candidate whose cost in each constraint is its spending in one year of a phased baseline
  (a plan period of one year per constraint), each capacity that year's ceiling, each
  profit its value; ``capex.select`` against the same model in plain HiGHS and in CP-SAT.
* **Synthetic banks**: :func:`capex.solvers.synthetic.random_bank` (candidates shaped like the
  bundled projects, school places uncorrelated with cost, a flat ceiling at half the mean
  annual demand), 1,000 candidates over seeds 0-7 and 10,000 over seeds 0-2, over 2026-2030;
  ``capex.select`` against plain HiGHS.

Every answer is checked from the data (the ceilings and the value recomputed), an answer
claimed optimal at another value than a proven one fails, and the time is the whole call's
(for capex: the portfolio in, the checked result out; for a peer: building its model from
arrays and solving it). Run by ``benchmarks/run.py`` (``--only select`` alone); the protocol
is in ``benchmarks/README.md``.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import capex
from capex.io.progress import progress
from capex.model.baseline import Baseline
from capex.solvers._highs import load_columns, new_highs
from capex.solvers.synthetic import random_bank

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ORLIB = ROOT.parent / "shared" / "benchmarks" / "orlib"
"""OR-Library's knapsacks, kept beside the repository."""

CAPEX = "capex.select"
PLAIN_HIGHS = "HiGHS MIP (highspy, booleans)"
CP_SAT = "CP-SAT (booleans, 2 workers)"
METHODS_ORLIB = (CAPEX, PLAIN_HIGHS, CP_SAT)
METHODS_BANK = (CAPEX, PLAIN_HIGHS)

ORLIB_TIME_LIMIT = 10.0
"""Seconds each method may take on one OR-Library problem (the issue's 10 s)."""
BANK_TIME_LIMIT = 60.0
"""Seconds each method may take on one synthetic bank."""
BANK_SEEDS_FULL = {1_000: tuple(range(8)), 10_000: (0, 1, 2)}
BANK_SEEDS_QUICK = {1_000: (0,)}
MKNAPCB1_QUICK = 1
"""Problems of mknapcb1 the quick run solves (and seconds each, below)."""
QUICK_TIME_LIMIT = 2.0
QUICK_BANK_TIME_LIMIT = 10.0
BANK_TARGET_S = 1.0
"""The 1,000-candidate banks are proven optimal in under this many seconds (median)."""
BANK_TARGET_RATIO = 3.0
"""... and at least this many times faster than plain HiGHS (median over the same seeds)."""

SELECT_COLUMNS = [
    "problem",
    "instance",
    "size",
    "years",
    "method",
    "seconds",
    "value",
    "reference",
    "status",
    "proven",
    "at_reference",
    "gap",
    "checked",
    "note",
]


@dataclass
class SelectRow:
    """One (instance, method) measurement: wall seconds of the whole call, the value found,
    the reference value (published optimum, best known, or for a bank the best proven in the
    run), whether the value is proven optimal, and the gap to the method's own bound."""

    problem: str
    instance: str
    size: int
    years: int
    method: str
    seconds: float = math.nan
    value: float = math.nan
    reference: float = math.nan
    status: str = ""
    proven: bool = False
    at_reference: bool = False
    gap: float = math.nan
    checked: str = ""
    note: str = ""


# ---------------------------------------------------------------------------------------
# the instances
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Knapsack:
    """A multidimensional knapsack: maximise ``profit @ x`` with ``weights @ x <= capacity``.

    ``profit`` is exact (Fractions: mknap1 writes decimals); ``weights`` and ``capacity``
    are whole numbers (one constraint per row); ``reference`` is the published optimum or
    best-known value (``None`` when unknown); ``proven_reference`` says which.
    """

    name: str
    profit: tuple[Fraction, ...]
    weights: np.ndarray
    capacity: np.ndarray
    reference: Fraction | None
    proven_reference: bool


def read_orlib(path: Path, stem: str, proven: bool) -> list[Knapsack]:
    """The problems of an OR-Library ``mknap`` file (format: ``file-format.txt`` beside it)."""
    tokens = path.read_text(encoding="ascii").split()
    position = 0

    def take() -> str:
        nonlocal position
        position += 1
        return tokens[position - 1]

    problems = []
    for k in range(int(take())):
        n, m, reference = int(take()), int(take()), Fraction(Decimal(take()))
        profit = tuple(Fraction(Decimal(take())) for _ in range(n))
        weights = np.array([[_whole(take()) for _ in range(n)] for _ in range(m)], dtype=np.int64)
        capacity = np.array([_whole(take()) for _ in range(m)], dtype=np.int64)
        problems.append(
            Knapsack(
                f"{stem}-{k:02d}",
                profit,
                weights,
                capacity,
                reference if reference else None,
                proven,
            )
        )
    return problems


def _whole(text: str) -> int:
    value = Decimal(text)
    if value != value.to_integral_value():
        raise ValueError(f"a weight or capacity {text!r} is not a whole number")
    return int(value)


def orlib_sets(folder: Path, quick: bool) -> list[Knapsack]:
    """mknap1 (all 7) and mknapcb1 (all 30; quick: the first :data:`MKNAPCB1_QUICK`), with
    their published optima and best-known values."""
    problems = read_orlib(folder / "mknap1.txt", "mknap1", proven=True)
    cb = read_orlib(folder / "mknapcb1.txt", "mknapcb1", proven=False)
    return problems + (cb[:MKNAPCB1_QUICK] if quick else cb)


def as_baseline(
    problem: Knapsack, first_year: int = 2026
) -> tuple[Baseline, dict[int, Decimal], pd.Series]:
    """The knapsack as capex reads a bank: each item a candidate whose cost in constraint
    ``i`` is its spending in year ``first_year + i`` (万元, exactly as given), each capacity
    that year's ceiling (亿元), each profit its value."""
    m, n = problem.weights.shape
    years = list(range(first_year, first_year + m))
    flows = pd.DataFrame(problem.weights.T, index=pd.RangeIndex(1, n + 1, name="id"), columns=years)
    total = flows.sum(axis=1).to_numpy(np.int64)
    portfolio = capex.Portfolio.from_arrays(
        start_year=np.full(n, first_year),
        end_year=np.full(n, first_year + m - 1),
        total_minor=total,
        plan_minor=total,
        plan_period=(first_year, first_year + m - 1),
        name=problem.name,
    )
    baseline = Baseline(
        portfolio,
        flows,
        pd.DataFrame(columns=["project_id", "year", "severity", "rule", "message"]),
    )
    money = portfolio.money
    ceilings = {year: money.to_decimal(int(c)) for year, c in zip(years, problem.capacity)}
    values = pd.Series(list(problem.profit), index=portfolio.ids, dtype=object)
    return baseline, ceilings, values


def bank_knapsack(size: int, seed: int) -> tuple[capex.solvers.synthetic.SyntheticBank, Knapsack]:
    """A synthetic bank and the same instance as a knapsack: each candidate's uniform cash
    flow per plan year (capex's own, :func:`capex.cash_flow`), the flat ceiling, the places."""
    bank = random_bank(size, seed)
    portfolio = bank.portfolio
    flows = capex.cash_flow(portfolio, "uniform").flows_minor
    first, last = portfolio.plan_period
    weights = flows.reindex(columns=range(first, last + 1), fill_value=0).to_numpy(np.int64).T
    money = portfolio.money
    capacity = np.array([money.ceiling_to_minor(c) for c in bank.ceilings.values()], dtype=np.int64)
    knapsack = Knapsack(
        f"bank-{size}-seed{seed}",
        tuple(Fraction(int(v)) for v in bank.places),
        weights,
        capacity,
        None,
        False,
    )
    return bank, knapsack


# ---------------------------------------------------------------------------------------
# the methods
# ---------------------------------------------------------------------------------------
@dataclass
class Answer:
    """What a method returned: the items chosen (0/1 per item), its status, its own bound."""

    chosen: np.ndarray | None
    status: str
    bound: Fraction | None = None
    note: str = ""


def _scaled(problem: Knapsack) -> tuple[np.ndarray, int]:
    scale = 1
    for p in problem.profit:
        scale = math.lcm(scale, p.denominator)
    return np.array([int(p * scale) for p in problem.profit], dtype=np.int64), scale


def plain_highs(problem: Knapsack, time_limit: float) -> Answer:
    """The knapsack as a boolean MIP in HiGHS, passed as CSC arrays, started as capex starts
    HiGHS (quiet, seed 0, an absolute gap below one: the objective is a whole number)."""
    profit, scale = _scaled(problem)
    m, n = problem.weights.shape
    from scipy import sparse

    matrix = sparse.csc_matrix(problem.weights.astype(float))
    highs = new_highs(False, 0)
    highs.setOptionValue("time_limit", float(time_limit))
    load_columns(
        highs,
        (matrix.indptr.astype(np.int32), matrix.indices.astype(np.int32), matrix.data),
        costs=-profit.astype(float),
        columns=(np.zeros(n), np.ones(n)),
        rows=(np.full(m, -np.inf), problem.capacity.astype(float)),
        integrality=np.ones(n, dtype=np.int32),
    )
    highs.run()
    info = highs.getInfo()
    import highspy

    status = highs.getModelStatus()
    if info.primal_solution_status != 2:
        return Answer(None, "unknown")
    chosen = (np.asarray(highs.getSolution().col_value) > 0.5).astype(np.int64)
    optimal = status == highspy.HighsModelStatus.kOptimal
    bound = Fraction(math.floor(-info.mip_dual_bound + 1e-6), scale)
    return Answer(chosen, "optimal" if optimal else "feasible", bound)


def cp_sat(problem: Knapsack, time_limit: float, workers: int = 2) -> Answer:
    """The knapsack in CP-SAT: one boolean per item, seed 0, ``workers`` workers."""
    from ortools.sat.python import cp_model

    profit, scale = _scaled(problem)
    m, n = problem.weights.shape
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{j}") for j in range(n)]
    for i in range(m):
        model.add(
            cp_model.LinearExpr.weighted_sum(x, [int(w) for w in problem.weights[i]])
            <= int(problem.capacity[i])
        )
    model.maximize(cp_model.LinearExpr.weighted_sum(x, [int(p) for p in profit]))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Answer(None, "unknown")
    chosen = np.array([solver.value(v) for v in x], dtype=np.int64)
    bound = Fraction(math.floor(solver.best_objective_bound + 1e-6), scale)
    return Answer(chosen, "optimal" if status == cp_model.OPTIMAL else "feasible", bound)


def capex_select(
    problem: Knapsack, time_limit: float, bank: capex.solvers.synthetic.SyntheticBank | None = None
) -> Answer:
    """``capex.select`` on the instance read as a bank (a phased baseline for OR-Library, the
    synthetic portfolio for a bank), no explanations: its result checked independently."""
    if bank is None:
        baseline, ceilings, values = as_baseline(problem)
        result = capex.select(
            baseline, ceilings, value=values, must=(), explain=False, time_limit=time_limit
        )
    else:
        result = capex.select(
            bank.portfolio,
            bank.ceilings,
            value=bank.places,
            must=(),
            explain=False,
            time_limit=time_limit,
        )
    if not result.ok:
        return Answer(None, str(result.status))
    chosen = result.candidates["chosen"].to_numpy(dtype=np.int64)
    note = f"{result.listed:,} listed; {result.method}"
    return Answer(chosen, str(result.status), result.bound, note)


# ---------------------------------------------------------------------------------------
# running and checking
# ---------------------------------------------------------------------------------------
def check(problem: Knapsack, answer: Answer) -> tuple[str, Fraction | None]:
    """``valid`` and the value, recomputed from the instance; ``FAIL: ...`` when an answer
    breaks a capacity."""
    if answer.chosen is None:
        return "no answer", None
    load = problem.weights @ answer.chosen
    over = np.flatnonzero(load > problem.capacity)
    if over.size:
        return (
            f"FAIL: constraint {over[0]} over by {load[over[0]] - problem.capacity[over[0]]}",
            None,
        )
    value = sum((p for p, c in zip(problem.profit, answer.chosen) if c), Fraction(0))
    return "valid", value


def measure(
    problem_name: str, problem: Knapsack, method: str, time_limit: float, bank: Any = None
) -> SelectRow:
    """One method on one instance, checked."""
    m, n = problem.weights.shape
    row = SelectRow(problem_name, problem.name, n, m, method)
    started = time.perf_counter()
    try:
        if method == CAPEX:
            answer = capex_select(problem, time_limit, bank)
        elif method == PLAIN_HIGHS:
            answer = plain_highs(problem, time_limit)
        else:
            answer = cp_sat(problem, time_limit)
    except Exception as error:  # noqa: BLE001 - a failing method is a row, not the end
        row.status, row.checked = "error", "FAIL: error"
        row.note = f"{type(error).__name__}: {error}"[:300]
        return row
    row.seconds = time.perf_counter() - started
    row.status = answer.status
    row.note = answer.note
    row.checked, value = check(problem, answer)
    if value is not None:
        row.value = float(value)
        row.proven = answer.status == "optimal"
        if answer.bound is not None:
            row.gap = float(max(answer.bound - value, 0))
        if row.proven:
            row.gap = 0.0
    if problem.reference is not None:
        row.reference = float(problem.reference)
    return row


def _mark(rows: list[SelectRow], problems: dict[str, Knapsack]) -> None:
    """Each valid answer against the reference: the published optimum or best-known value,
    or for a synthetic bank the value a method proved in this run. A value above a published
    optimum, a claim of optimality below a proven value or another valid answer fails."""
    by_instance: dict[str, list[SelectRow]] = {}
    for row in rows:
        by_instance.setdefault(row.instance, []).append(row)
    for instance, group in by_instance.items():
        problem = problems[instance]
        valid = [r for r in group if r.checked == "valid"]
        best = max((r.value for r in valid), default=math.nan)
        proven = [r.value for r in valid if r.proven]
        reference = (
            float(problem.reference)
            if problem.reference is not None
            else (max(proven) if proven else best)
        )
        for row in group:
            row.reference = reference
            if row.checked != "valid":
                continue
            row.at_reference = row.value >= reference - 1e-9
            if problem.proven_reference and row.value > reference + 1e-9:
                row.checked = f"FAIL: value {row.value:g} above the published optimum {reference:g}"
            elif row.proven and row.value < best - 1e-9:
                row.checked = f"FAIL: claims optimal at {row.value:g}; a valid answer has {best:g}"
            elif row.proven and proven and row.value < max(proven) - 1e-9:
                row.checked = (
                    f"FAIL: claims optimal at {row.value:g}; another proved {max(proven):g}"
                )
            elif row.value > reference + 1e-9:
                row.checked = f"valid, above the best known ({row.value:g} vs {reference:g})"


def run_select(*, quick: bool, orlib: Path | None, progress: Any = None) -> list[SelectRow]:
    """The whole section: OR-Library (when its folder is there) and the synthetic banks."""
    rows: list[SelectRow] = []
    problems: dict[str, Knapsack] = {}
    jobs: list[tuple[str, Knapsack, str, float, Any]] = []
    if orlib is not None:
        for problem in orlib_sets(orlib, quick):
            stem = problem.name.split("-")[0]
            limit = QUICK_TIME_LIMIT if quick else ORLIB_TIME_LIMIT
            problems[problem.name] = problem
            jobs += [(stem, problem, method, limit, None) for method in METHODS_ORLIB]
    seeds = BANK_SEEDS_QUICK if quick else BANK_SEEDS_FULL
    for size, bank_seeds in seeds.items():
        for seed in bank_seeds:
            bank, problem = bank_knapsack(size, seed)
            problems[problem.name] = problem
            limit = QUICK_BANK_TIME_LIMIT if quick else BANK_TIME_LIMIT
            jobs += [(f"bank-{size}", problem, method, limit, bank) for method in METHODS_BANK]
    steps = jobs if progress is None else progress(jobs, "selection")
    for stem, problem, method, limit, bank in steps:
        rows.append(measure(stem, problem, method, limit, bank))
    _mark(rows, problems)
    return rows


def select_frame(rows: Sequence[SelectRow]) -> pd.DataFrame:
    return pd.DataFrame([asdict(r) for r in rows], columns=SELECT_COLUMNS)


def summary_frame(rows: Sequence[SelectRow]) -> pd.DataFrame:
    """Per problem set and method: instances, at the reference, proven, median and worst
    seconds, failed checks."""
    out = []
    frame = select_frame(rows)
    for (problem, method), group in frame.groupby(["problem", "method"], sort=False):
        out.append(
            {
                "problem": problem,
                "method": method,
                "instances": len(group),
                "at_reference": int(group["at_reference"].sum()),
                "proven": int(group["proven"].sum()),
                "median_s": float(group["seconds"].median()),
                "worst_s": float(group["seconds"].max()),
                "failed_check": int(group["checked"].str.startswith("FAIL").sum()),
            }
        )
    return pd.DataFrame(out)


def select_targets(rows: Sequence[SelectRow]) -> list[str]:
    """The issue's targets, met or missed, with the measured values."""

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**MISSED**"

    frame = select_frame(rows)
    lines = []
    mine = frame[(frame["problem"] == "mknap1") & (frame["method"] == CAPEX)]
    if len(mine):
        hits = int(mine["at_reference"].sum())
        lines.append(
            f"- mknap1: {hits} of {len(mine)} at the published optimum, "
            f"{int(mine['proven'].sum())} proven, target all 7 {verdict(hits == 7 == len(mine))}."
        )
    else:
        lines.append("- mknap1: not run (no OR-Library folder).")
    mine = frame[(frame["problem"] == "mknapcb1") & (frame["method"] == CAPEX)]
    if len(mine):
        within = mine[mine["seconds"] <= ORLIB_TIME_LIMIT + 0.5]
        hits = int(within["at_reference"].sum())
        proven = int(mine["proven"].sum())
        peers = []
        for method in (PLAIN_HIGHS, CP_SAT):
            other = frame[(frame["problem"] == "mknapcb1") & (frame["method"] == method)]
            if len(other):
                peers.append(
                    f"{method}: {int(other['at_reference'].sum())} at the best known, "
                    f"{int(other['proven'].sum())} proven, median {other['seconds'].median():.2f} s"
                )
        lines.append(
            f"- mknapcb1 (5 x 100): {hits} of {len(mine)} at the best-known value within "
            f"{ORLIB_TIME_LIMIT:g} s, target 29 {verdict(len(mine) == 30 and hits >= 29)}; "
            f"{proven} proven optimal, goal all 30 {verdict(proven == 30)}; median "
            f"{mine['seconds'].median():.2f} s" + (f" ({'; '.join(peers)})" if peers else "") + "."
        )
    else:
        lines.append("- mknapcb1: not run (no OR-Library folder).")
    for size in (1_000, 10_000):
        bank = frame[frame["problem"] == f"bank-{size}"]
        mine = bank[bank["method"] == CAPEX]
        peer = bank[bank["method"] == PLAIN_HIGHS]
        if not len(mine):
            lines.append(f"- synthetic banks of {size:,} candidates: not run.")
            continue
        median = float(mine["seconds"].median())
        proven = bool(mine["proven"].all()) and len(mine) > 0
        ratio = float(peer["seconds"].median()) / median if len(peer) and median > 0 else math.nan
        text = (
            f"- synthetic banks of {size:,} candidates over 5 years, seeds "
            f"{', '.join(i.rsplit('seed', 1)[1] for i in mine['instance'])}: capex.select "
            f"median {median:.3f} s, worst {mine['seconds'].max():.3f} s, "
            f"{int(mine['proven'].sum())} of {len(mine)} proven optimal; plain HiGHS median "
            f"{peer['seconds'].median():.2f} s, {int(peer['proven'].sum())} proven ({ratio:.1f}x)"
        )
        if size == 1_000 and len(mine) < len(BANK_SEEDS_FULL[1_000]):
            text += f" (the targets are measured over seeds 0-{len(BANK_SEEDS_FULL[1_000]) - 1})"
        elif size == 1_000:
            text += (
                f"; target proven in under {BANK_TARGET_S:g} s median "
                f"{verdict(proven and median < BANK_TARGET_S and len(mine) >= 8)}, at least "
                f"{BANK_TARGET_RATIO:g}x faster than plain HiGHS {verdict(proven and ratio >= BANK_TARGET_RATIO)}"
            )
        lines.append(text + ".")
    failed = frame[frame["checked"].str.startswith("FAIL")]
    lines.append(f"- answers that failed their check: {len(failed)}.")
    return lines


SELECT_HEADING = "## Selection (capex.select)"


def select_section(rows: Sequence[SelectRow], orlib_shown: str, note: str = "") -> list[str]:
    """The section of the results: what was run, the summary table, the banks, the targets."""
    from benchmarks.run import markdown_table

    frame = select_frame(rows)
    banks = frame[frame["problem"].str.startswith("bank")]
    shown = banks[["instance", "method", "seconds", "value", "status", "gap", "checked"]]
    return [
        SELECT_HEADING,
        "",
        *([note, ""] if note else []),
        (
            f"OR-Library multidimensional knapsacks ({orlib_shown}): mknap1 (Petersen 1967, "
            "published optima) and mknapcb1 (Chu and Beasley 1998, 5 x 100, best-known "
            f"values), {ORLIB_TIME_LIMIT:g} s per method and problem; each constraint a year "
            "of a phased baseline. Synthetic banks: `capex.solvers.synthetic.random_bank` (places "
            f"uncorrelated with cost, a flat ceiling at half the mean annual demand), "
            f"{BANK_TIME_LIMIT:g} s per method. `seconds` is the whole call; every answer is "
            "checked from the instance. Every OR-Library problem is in `select.csv`."
        ),
        "",
        markdown_table(summary_frame(rows)),
        "",
        markdown_table(shown) if len(shown) else "",
        "",
        *select_targets(rows),
        "",
    ]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def orlib_folder(chosen: Path | None) -> Path | None:
    """The OR-Library folder to run (``chosen``, else :data:`DEFAULT_ORLIB` when it is
    there), or None with a message saying why the OR-Library part is skipped."""
    import sys

    folder = chosen if chosen is not None else DEFAULT_ORLIB
    if (folder / "mknap1.txt").is_file() and (folder / "mknapcb1.txt").is_file():
        return folder
    print(
        f"no mknap1.txt and mknapcb1.txt in {shown(folder)}: the OR-Library part is skipped",
        file=sys.stderr,
    )
    return None


def shown(path: Path) -> str:
    """A folder as the results may name it: relative to the repository, never where it lies
    on the machine."""
    path = path.resolve()
    if path.is_relative_to(ROOT):
        return str(path.relative_to(ROOT))
    if path.is_relative_to(ROOT.parent):
        return str(Path("..") / path.relative_to(ROOT.parent))
    return path.name


def run(
    quick: bool,
    seed: int = 0,
    repeats: int = 1,
    *,
    orlib: Path | None = None,
    out: Path | None = None,
) -> list[str]:
    """The selection section: measured, every row written to ``out/select.csv`` (when
    ``out`` is given), and returned as the lines of its part of the results, its heading
    first. ``seed`` and ``repeats`` are the run's; the section fixes its own seeds and runs
    each measurement once (the banks' median is over seeds)."""
    import os

    del seed, repeats  # the section's seeds are its own (documented), each call runs once
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else math.nan
    folder = orlib_folder(orlib)
    rows = run_select(
        quick=quick,
        orlib=folder,
        progress=lambda items, label: progress(items, desc=label, total=len(items)),
    )
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        select_frame(rows).to_csv(out / "select.csv", index=False, lineterminator="\n")
    note = (
        f"The machine's load (one-minute average) when the section started: {load:.1f} on "
        f"{os.cpu_count()} cores; the peers ran in the same run, under the same load."
    )
    return select_section(rows, shown(folder) if folder is not None else "not run", note)


def section(quick: bool, seed: int = 0, repeats: int = 1, orlib: Path | None = None) -> list[str]:
    """The section as the runner's table of sections calls it: OR-Library from ``orlib``
    (the runner's ``--orlib``), else :data:`DEFAULT_ORLIB`; ``select.csv`` beside the
    results (the quick run's in their ``quick`` folder, which git ignores)."""
    out = ROOT / "benchmarks" / "results"
    return run(quick, seed, repeats, orlib=orlib, out=out / "quick" if quick else out)
