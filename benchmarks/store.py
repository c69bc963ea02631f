"""The store section of the benchmarks: a 100,000-project plan saved, loaded and diffed on
SQLite, and what a version takes on disk against the same plan as a workbook.

    python benchmarks/store.py             # 100,000 projects (about three minutes: most of it
                                           # is writing the workbook the store is set against)
    python benchmarks/store.py --quick     # 10,000 projects, no workbook
    python benchmarks/run.py --only store  # the same, from the runner

Protocol: ``capex.solvers.synthetic.random_portfolio(n, seed=0)`` spread under ``binding_ceilings(p, 0.9)``
(the spread section's instance); a second plan, its ceilings cut by 5 %, to diff against.
Each timing is the median of ``--repeats`` runs in this process (wall-clock seconds, against
the goals, and the process's CPU seconds beside them, which a busy machine does not inflate),
of the whole call a user makes: ``store.save(plan, name)`` (encoding, hashing, compressing, one transaction, committed
to disk), ``store.load(name)``, ``store.diff(a, b)``. Every save is of a distinct object (the
store keeps equal content once, which would flatter a repeated save). Goals: save and load
each under 2 s, diff under 1 s, at 100,000 projects. Sizes: the SQLite file's growth per
version saved (after a checkpoint), against ``capex.to_excel`` of the same plan.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pandas as pd

import capex
from capex.store import open_store

SIZE_FULL = 100_000
SIZE_QUICK = 10_000
GOALS = {
    "save plan": 2.0,
    "save portfolio": 2.0,
    "load plan": 2.0,
    "load portfolio": 2.0,
    "diff": 1.0,
}
"""Seconds each operation should take at 100,000 projects."""


def _median(call: Callable[[int], Any], repeats: int) -> tuple[tuple[float, float], Any]:
    """The median wall-clock and CPU seconds of ``call(i)`` over the repeats, and its result."""
    walls, cpus, result = [], [], None
    for i in range(repeats):
        started, cpu = time.perf_counter(), time.process_time()
        result = call(i)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return (statistics.median(walls), statistics.median(cpus)), result


def _file_size(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as connection:  # fold the write-ahead log into the file
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.stat().st_size


def run_store(size: int, repeats: int = 3, workbook: bool = True) -> pd.DataFrame:
    """The section's table: one row per operation."""
    portfolio = capex.solvers.synthetic.random_portfolio(size, seed=0)
    ceilings = capex.solvers.synthetic.binding_ceilings(portfolio, tightness=0.9)
    plan = capex.spread(portfolio, ceilings)
    cut = capex.spread(portfolio, {year: value * 0.95 for year, value in ceilings.items()})
    rows: list[dict[str, Any]] = []

    def row(operation: str, seconds: tuple[float, float], note: str = "") -> None:
        wall, cpu = seconds
        goal = GOALS.get(operation) if size >= SIZE_FULL else None
        verdict = "" if goal is None else ("met" if wall < goal else "missed")
        rows.append(
            {
                "operation": operation,
                "projects": size,
                "seconds": round(wall, 3),
                "cpu_s": round(cpu, 3),
                "goal_s": goal,
                "verdict": verdict,
                "note": note,
            }
        )

    with tempfile.TemporaryDirectory(prefix="capex-store-bench-") as folder:
        path = Path(folder) / "capex.db"
        with open_store(path) as store:
            empty = _file_size(path)
            seconds, _ = _median(
                lambda i: store.save(
                    dataclasses.replace(plan, method=f"{plan.method} #{i}"), f"plan {i}", author="b"
                ),
                repeats,
            )
            row("save plan", seconds, "a SpreadResult: schedule, target, unplanned money, names")
            grown = _file_size(path)
            seconds, _ = _median(
                lambda i: store.save(
                    portfolio.replace(name=f"portfolio {i}"), f"portfolio {i}", author="b"
                ),
                repeats,
            )
            row("save portfolio", seconds, "every column of the project table")
            seconds, loaded = _median(lambda i: store.load("plan 0"), repeats)
            assert loaded.schedule_minor.equals(plan.schedule_minor)
            row("load plan", seconds)
            seconds, _ = _median(lambda i: store.load("portfolio 0"), repeats)
            row("load portfolio", seconds)
            store.save(cut, "cut", author="b")
            seconds, difference = _median(lambda i: store.diff("plan 0", "cut"), repeats)
            row(
                "diff",
                seconds,
                f"plan against a 5 % cut: {difference.changed_projects:,} projects changed",
            )
        per_version = (grown - empty) / repeats
        rows.append(
            {
                "operation": "store size per plan version",
                "projects": size,
                "seconds": None,
                "cpu_s": None,
                "goal_s": None,
                "verdict": "",
                "note": f"{per_version / 1e6:.2f} MB",
            }
        )
        if workbook:
            book = Path(folder) / "plan.xlsx"
            started = time.perf_counter()
            capex.to_excel(plan, book)
            rows.append(
                {
                    "operation": "the same plan as a workbook (capex.to_excel)",
                    "projects": size,
                    "seconds": round(time.perf_counter() - started, 1),
                    "cpu_s": None,
                    "goal_s": None,
                    "verdict": "",
                    "note": f"{book.stat().st_size / 1e6:.2f} MB, "
                    f"{book.stat().st_size / per_version:.1f} times a version in the store",
                }
            )
    return pd.DataFrame(rows)


def main(argv: Sequence[str] | None = None, *, quick: bool | None = None) -> int:
    parser = argparse.ArgumentParser(description="The store section of the capex benchmarks.")
    parser.add_argument(
        "--quick", action="store_true", help=f"{SIZE_QUICK:,} projects, no workbook"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write store.csv and store.md here")
    args = parser.parse_args(list(argv) if argv is not None else [])
    quick = args.quick if quick is None else quick
    table = run_store(SIZE_QUICK if quick else SIZE_FULL, args.repeats, workbook=not quick)
    text = markdown(table)
    load = os.getloadavg()[0]
    text += f"\n\nWall-clock goals; the machine's load average over the last minute was {load:.1f}."
    print(text)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        table.to_csv(args.out / "store.csv", index=False, lineterminator="\n")
        (args.out / "store.md").write_text(text + "\n", encoding="utf-8")
    missed = (table["verdict"] == "missed").any()
    return 1 if missed else 0


HEADING = "## The plan store (capex.open_store, SQLite)"


def section(quick: bool, seed: int = 0, repeats: int = 3) -> list[str]:
    """The section as the benchmark's runner takes it (``benchmarks/run.py``): save, load and
    diff measured, as Markdown lines under its own heading (the seed is the generator's)."""
    table = run_store(SIZE_QUICK if quick else SIZE_FULL, repeats, workbook=not quick)
    load = os.getloadavg()[0]
    return [
        HEADING,
        "",
        markdown(table),
        "",
        f"Wall-clock goals; the machine's load average over the last minute was {load:.1f}.",
    ]


def markdown(table: pd.DataFrame) -> str:
    """The table as GitHub Markdown (empty cells for missing values)."""
    cells = table.astype(object).where(table.notna(), "")
    lines = [
        "| " + " | ".join(table.columns) + " |",
        "|" + "|".join("---" for _ in table.columns) + "|",
    ]
    lines += [
        "| " + " | ".join(str(v) for v in row) + " |" for row in cells.itertuples(index=False)
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
