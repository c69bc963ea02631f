"""The front door section of the benchmarks: what ``import capex`` and ``capex --help`` cost.

Each figure is a fresh Python process, timed as a whole (start-up included) and run several
times in turn, the least and the median kept: a bare interpreter, ``import pandas``, ``import capex`` (the front
door alone: its names are imported when first used), ``import capex`` with a first use of the
model and the readers (``capex.load_projects``: pandas, numpy and capex's model), and
``capex --help``. The goals: ``import capex`` and its first use within 0.15 s of ``import
pandas``, and ``capex --help`` under 0.2 s, answered before pandas would have loaded. A full
run also times the test suite on 2 workers: the fast lane (``-m "not slow"``, goal under
60 s) and the whole suite (goal under 3 minutes).

    python benchmarks/run.py --only surface          # the section alone (also --quick)
    python benchmarks/surface.py                     # the same, printed only
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HEADING = "## The front door: import and --help"

IMPORT_GOAL_S = 0.15
"""``import capex`` (and its first use) within this of ``import pandas``."""
HELP_GOAL_S = 0.2
FAST_LANE_GOAL_S = 60.0
SUITE_GOAL_S = 180.0


@dataclass(frozen=True)
class Row:
    what: str
    command: str
    seconds: float
    """The least wall time of the runs: what the command costs when the machine lets it run
    (the machine is shared; the goals are judged on this figure)."""
    runs: int
    median: float | None = None
    note: str = ""


def _timed(commands: list[list[str]], repeats: int) -> list[tuple[float, float]]:
    """The least and the median wall time of each command over ``repeats`` rounds, each run a
    fresh process; the commands take turns (A B C A B C ...), so that a drift in the
    machine's load falls on all of them alike.

    The commands run with compiled bytecode, as an installed package has it: a checkout
    that writes none (``PYTHONDONTWRITEBYTECODE``) would time compiling capex's sources at
    every start. The bytecode goes to a temporary folder (``PYTHONPYCACHEPREFIX``), not into
    the tree, and one untimed round writes it.
    """
    times: list[list[float]] = [[] for _ in commands]
    with tempfile.TemporaryDirectory(prefix="capex-pycache-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        for argv in commands:  # the untimed round: bytecode written
            subprocess.run(argv, check=True, cwd=ROOT, capture_output=True, env=env)
        for _ in range(repeats):
            for k, argv in enumerate(commands):
                started = time.perf_counter()
                subprocess.run(argv, check=True, cwd=ROOT, capture_output=True, env=env)
                times[k].append(time.perf_counter() - started)
    return [(min(each), statistics.median(each)) for each in times]


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def run_surface(quick: bool, repeats: int = 5) -> list[Row]:
    """Measure every figure of the section; the test suite only in a full run."""
    repeats = max(repeats, 3 if quick else 7)
    probes = [
        ("Python alone", "python -c pass", _python("pass")),
        ("import pandas", "python -c 'import pandas'", _python("import pandas")),
        ("import capex", "python -c 'import capex'", _python("import capex")),
        (
            "import capex, first use",
            "python -c 'import capex; capex.load_projects'",
            _python("import capex; capex.load_projects"),
        ),
        ("capex --help", "python -m capex --help", [sys.executable, "-m", "capex", "--help"]),
    ]
    timed = _timed([argv for _, _, argv in probes], repeats)
    rows = [
        Row(what, shown, least, repeats, median)
        for (what, shown, _), (least, median) in zip(probes, timed)
    ]
    if not quick:
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        for what, shown, extra in (
            ("tests, fast lane", 'python -m pytest -m "not slow" -n 2', ["-m", "not slow"]),
            ("tests, whole suite", "python -m pytest -n 2", []),
        ):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-n", "2", "-p", "no:cacheprovider", *extra],
                check=False,
                cwd=ROOT,
                capture_output=True,
                env=env,
            )
            note = "passed" if done.returncode == 0 else f"FAILED (exit {done.returncode})"
            rows.append(Row(what, shown, time.perf_counter() - started, 1, note=note))
    return rows


def surface_section(rows: list[Row]) -> list[str]:
    """The section's part of ``RESULTS.md``: the table and the goals, met or not."""
    by = {row.what: row.seconds for row in rows}
    lines = [
        HEADING,
        "",
        (
            "Each figure is a fresh process timed whole: the least of its runs (the machine is 2 "
            "cores shared with other work, so the least is what the command itself costs), "
            "and the median beside it."
        ),
        "",
        "| what | command | seconds (least) | median | runs | note |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        median = "" if r.median is None else f"{r.median:.3f}"
        lines.append(
            f"| {r.what} | `{r.command}` | {r.seconds:.3f} | {median} | {r.runs} | {r.note} |"
        )
    pandas_s = by["import pandas"]
    first_use = by["import capex, first use"] - pandas_s
    lines += [
        "",
        f"- `import capex` with its first use costs {first_use:+.3f} s beyond `import pandas` "
        f"(goal: within {IMPORT_GOAL_S} s): "
        + ("met" if first_use <= IMPORT_GOAL_S else "NOT met")
        + f"; `import capex` alone takes {by['import capex']:.3f} s and loads no pandas.",
        f"- `capex --help` takes {by['capex --help']:.3f} s (goal: under {HELP_GOAL_S} s): "
        + ("met" if by["capex --help"] < HELP_GOAL_S else "NOT met")
        + ".",
    ]
    for what, goal in (
        ("tests, fast lane", FAST_LANE_GOAL_S),
        ("tests, whole suite", SUITE_GOAL_S),
    ):
        if what in by:
            lines.append(
                f"- {what}: {by[what]:.0f} s (goal: under {goal:.0f} s): "
                + ("met" if by[what] < goal else "NOT met")
                + "."
            )
    return lines


def section(quick: bool, seed: int = 0, repeats: int = 3) -> list[str]:
    """The section as the benchmark's runner takes it (``benchmarks/run.py``): measured, and
    its part of ``RESULTS.md`` as Markdown lines under its own heading."""
    del seed  # nothing here is drawn
    return surface_section(run_surface(quick, repeats))


if __name__ == "__main__":
    print("\n".join(section(quick="--quick" in sys.argv)))
