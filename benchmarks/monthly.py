"""The monthly section of the benchmarks: one budget year of a large programme by month.

Each instance is a year of N projects (seed 0): amounts of 10 to 5,000 万元, a third of them
bounded to months of their own (开工月份 to 竣工月份), aimed at the construction season, under
the least flat monthly quota the programme can meet (Hall's condition over the months, so the
quota binds in some months and every plan must move money). ``capex.afterlife.monthly`` (the aggregated
min-cost flow, with its independent check) runs against a plain LP of the same problem over
every project-month (HiGHS through ``scipy.optimize.linprog``: the amounts, the money above
each target, the rows and the quotas; up to 10,000 projects, where it takes minutes) and the
same min-cost flow without aggregation (OR-Tools, over every project-month, at every size);
all must reach the same least money moved, and capex's answer passes
:func:`capex.afterlife.monthly.check_monthly`. The target: 100,000 projects in under 1 s.

    python benchmarks/run.py --only monthly          # the section alone (also --quick)
    python benchmarks/monthly.py                     # the same, printed only
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import capex
from capex.afterlife.monthly import check_monthly
from capex.solvers.hall import interval_demand, least_flat_ceiling

SIZES_FULL = (1_000, 10_000, 100_000)
SIZES_QUICK = (1_000, 10_000)
LP_MAX_SIZE = 10_000
"""The largest size the plain LP is run at (it takes about four minutes at 10,000 on 2 cores)."""
LP_MAX_SIZE_QUICK = 1_000
TARGET_SIZE, TARGET_S = 100_000, 1.0
"""The issue's target: the monthly plan of 100,000 projects in under a second."""
YEAR = 2027
CAPEX = "capex.afterlife.monthly"
PEER = "plain LP (HiGHS via scipy, every project-month)"
FLOW_PEER = "min-cost flow over every project-month (OR-Tools)"

COLUMNS = [
    "size",
    "method",
    "seconds",
    "moved_wan",
    "extra_wan",
    "checked",
    "ratio_to_capex",
    "runs",
    "note",
]


@dataclass
class MonthlyRow:
    """One measurement; seconds are the median over the runs."""

    size: int
    method: str
    seconds: float = math.nan
    moved_wan: float = math.nan
    extra_wan: float = math.nan
    checked: str = ""
    ratio_to_capex: float = math.nan
    runs: int = 0
    note: str = ""


def instance(size: int, seed: int = 0) -> dict[str, Any]:
    """A year of ``size`` projects, their months and the least flat quota they can meet."""
    rng = np.random.default_rng(seed)
    ids = pd.Index(np.arange(1, size + 1), name="id")
    amounts = rng.integers(10, 5_001, size)
    first = np.ones(size, dtype=np.int64)
    last = np.full(size, 12, dtype=np.int64)
    bounded = rng.random(size) < 1 / 3
    start = rng.integers(1, 10, size)
    first[bounded] = start[bounded]
    last[bounded] = np.minimum(12, start[bounded] + rng.integers(2, 9, bounded.sum()))
    demand = interval_demand(first - 1, last - 1, amounts, 12)
    quota = int(least_flat_ceiling(demand))
    return {
        "plan": pd.DataFrame({YEAR: amounts}, index=ids),
        "start": pd.Series(first, index=ids),
        "finish": pd.Series(last, index=ids),
        "quota": quota,
    }


def run_capex(case: dict[str, Any]) -> Any:
    return capex.monthly(
        case["plan"],
        YEAR,
        profile="construction",
        quota=case["quota"],
        unit="万元",
        start_month=case["start"],
        finish_month=case["finish"],
    )


def run_peer(case: dict[str, Any], target: np.ndarray) -> tuple[float, str]:
    """The same problem as one LP over every project-month; its least money moved."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix, vstack

    amounts = case["plan"][YEAR].to_numpy()
    first = case["start"].to_numpy() - 1
    last = case["finish"].to_numpy() - 1
    months = np.arange(12)[None, :]
    inside = (months >= first[:, None]) & (months <= last[:, None])
    project, month = np.nonzero(inside)
    k = len(project)
    cells = np.arange(k)
    # columns: x (k), a (k); minimise sum a
    rows_sum = coo_matrix((np.ones(k), (project, cells)), shape=(len(amounts), 2 * k))
    quota_rows = coo_matrix((np.ones(k), (month, cells)), shape=(12, 2 * k))
    above = coo_matrix(
        (
            np.concatenate([np.ones(k), -np.ones(k)]),
            (np.tile(cells, 2), np.concatenate([cells, cells + k])),
        ),
        shape=(k, 2 * k),
    )
    cost = np.concatenate([np.zeros(k), np.ones(k)])
    result = linprog(
        cost,
        A_ub=vstack([quota_rows, above]).tocsr(),
        b_ub=np.concatenate([np.full(12, case["quota"]), target[project, month]]),
        A_eq=rows_sum.tocsr(),
        b_eq=amounts,
        bounds=(0, None),
        method="highs",
    )
    return (result.fun if result.status == 0 else math.nan), result.message


def run_flow_peer(case: dict[str, Any], target: np.ndarray) -> float:
    """The same problem as a min-cost flow over every project-month, not aggregated:
    project -> project-month (up to the target at no cost, the rest at cost 1) -> month
    (capped by the quota) -> sink. Its least money moved."""
    from ortools.graph.python import min_cost_flow

    amounts = case["plan"][YEAR].to_numpy()
    first = case["start"].to_numpy() - 1
    last = case["finish"].to_numpy() - 1
    months = np.arange(12)[None, :]
    project, month = np.nonzero((months >= first[:, None]) & (months <= last[:, None]))
    n, k = len(amounts), len(project)
    cell = n + np.arange(k)
    month_node = n + k + np.arange(12)
    sink = n + k + 12
    tails = np.concatenate([project, project, cell, month_node])
    heads = np.concatenate([cell, cell, month_node[month], np.full(12, sink)])
    caps = np.concatenate(
        [target[project, month], amounts[project], amounts[project], np.full(12, case["quota"])]
    )
    costs = np.concatenate([np.zeros(k), np.ones(k), np.zeros(k), np.zeros(12)])
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32),
        heads.astype(np.int32),
        caps.astype(np.int64),
        costs.astype(np.int64),
    )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:n] = amounts
    supplies[sink] = -amounts.sum()
    flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
    status = flow.solve()
    return float(flow.optimal_cost()) if status == flow.OPTIMAL else math.nan


def _median_time(call: Any, repeats: int) -> tuple[Any, float, int]:
    value = call()  # warm up (imports, OR-Tools)
    times = []
    for _ in range(max(repeats, 1)):
        started = time.perf_counter()
        value = call()
        times.append(time.perf_counter() - started)
    return value, statistics.median(times), len(times)


def run_monthly(*, quick: bool, seed: int = 0, repeats: int = 3) -> list[MonthlyRow]:
    """Every measurement of the section, capex then the peer at each size."""
    rows = []
    for size in SIZES_QUICK if quick else SIZES_FULL:
        case = instance(size, seed)
        months, seconds, runs = _median_time(lambda c=case: run_capex(c), repeats)
        broken = check_monthly(months, case["plan"][YEAR])
        mine = MonthlyRow(
            size,
            CAPEX,
            seconds,
            months.moved_minor,
            float(months.extra_quota_minor.sum()),
            "passes check_monthly" if not broken else "FAIL: " + "; ".join(broken),
            1.0,
            runs,
            f"{months.method}; quota {case['quota']:,} 万元 a month",
        )
        rows.append(mine)
        target = months.target_minor.to_numpy()
        started = time.perf_counter()
        moved = run_flow_peer(case, target)
        flow = MonthlyRow(size, FLOW_PEER, time.perf_counter() - started, moved, 0.0, runs=1)
        flow.checked = (
            "same least money moved"
            if moved == months.moved_minor
            else f"FAIL: {moved} against {months.moved_minor}"
        )
        flow.ratio_to_capex = flow.seconds / mine.seconds
        rows.append(flow)
        if size > (LP_MAX_SIZE_QUICK if quick else LP_MAX_SIZE):
            continue
        started = time.perf_counter()
        moved, message = run_peer(case, target)
        peer = MonthlyRow(size, PEER, time.perf_counter() - started, moved, 0.0, runs=1)
        same = not math.isnan(moved) and round(moved) == months.moved_minor
        peer.checked = (
            "same least money moved" if same else f"FAIL: {moved} against {months.moved_minor}"
        )
        peer.ratio_to_capex = peer.seconds / mine.seconds
        peer.note = str(message)[:60]
        rows.append(peer)
    return rows


def monthly_frame(rows: list[MonthlyRow]) -> pd.DataFrame:
    return pd.DataFrame([asdict(r) for r in rows], columns=COLUMNS)


def monthly_section(rows: list[MonthlyRow], note: str = "") -> list[str]:
    """The section of the results: its table and whether the target is met."""
    frame = monthly_frame(rows)
    lines = [HEADING, ""]
    if note:
        lines += [note, ""]
    lines += [_markdown(frame), ""]
    target = next((r for r in rows if r.size == TARGET_SIZE and r.method == CAPEX), None)
    if target is None:
        lines.append(f"- {TARGET_SIZE:,} projects: not measured in this run.")
    else:
        met = target.seconds < TARGET_S
        lines.append(
            f"- the monthly plan of {TARGET_SIZE:,} projects under {TARGET_S:g} s: "
            f"**{'met' if met else 'MISSED'}** ({target.seconds:.3f} s)."
        )
    return lines


def _markdown(frame: pd.DataFrame) -> str:
    def cell(value: Any) -> str:
        if isinstance(value, float):
            return "" if math.isnan(value) else f"{value:,.3f}"
        return f"{value:,}" if isinstance(value, int) else str(value)

    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])


HEADING = "## The budget year by month (capex.monthly)"


def section(quick: bool, seed: int = 0, repeats: int = 3) -> list[str]:
    """The section as the benchmark's runner takes it (``benchmarks/run.py``): measured, and
    its part of ``RESULTS.md`` as Markdown lines under its own heading."""
    return monthly_section(run_monthly(quick=quick, seed=seed, repeats=repeats), _machine_note())


def only(out: Path, *, quick: bool, seed: int = 0, repeats: int = 3, record: bool = False) -> int:
    """Run the section alone (``benchmarks/run.py --only monthly``): print it, write
    ``monthly.csv`` and ``monthly.md`` to ``out`` and, with ``record``, put it into
    ``benchmarks/RESULTS.md`` in place of the section kept there. 1 when an answer failed."""
    rows = run_monthly(quick=quick, seed=seed, repeats=repeats)
    section = monthly_section(rows, _machine_note())
    out.mkdir(parents=True, exist_ok=True)
    monthly_frame(rows).to_csv(out / "monthly.csv", index=False, lineterminator="\n")
    (out / "monthly.md").write_text("\n".join(section) + "\n", encoding="utf-8")
    if record:
        results = ROOT / "benchmarks" / "RESULTS.md"
        text = results.read_text(encoding="utf-8")
        if HEADING in text:
            before, _, rest = text.partition(HEADING)
            after = rest[rest.find("\n## ") :] if "\n## " in rest else ""  # the sections after it
            text = before + "\n".join(section) + "\n" + after
        else:
            text = text.rstrip("\n") + "\n\n" + "\n".join(section) + "\n"
        results.write_text(text, encoding="utf-8")
    print("\n".join(section))
    return 1 if any(r.checked.startswith("FAIL") for r in rows) else 0


def _machine_note() -> str:
    import datetime as dt
    import os
    import platform

    try:
        load = f"; load average {os.getloadavg()[0]:.1f} at the end (other work shares the cores)"
    except (AttributeError, OSError):
        load = ""
    return (
        f"Made {dt.date.today().isoformat()} on {os.cpu_count()} cores ({platform.machine()}), "
        f"Python {platform.python_version()}, capex {capex.__version__}; seed 0; capex's time is "
        f"the median of its runs after one warm-up run, each peer runs once{load}."
    )


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    rows = run_monthly(quick=quick, repeats=1 if quick else 3)
    print("\n".join(monthly_section(rows)))
    return 1 if any(r.checked.startswith("FAIL") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
