"""PSPLIB peers: the instances' published optima and best-known makespans, capex's call on
each, and a reader and checker of ``.sm`` files written independently of capex's own.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from capex.model.portfolio import Portfolio

INSTANCE = re.compile(r"^j(30|60|90|120)(\d+)_(\d+)$")
"""A PSPLIB instance's file name: the set (jobs), the parameter and the instance number."""


def psplib_key(path: Path) -> tuple[int, int]:
    """(parameter, instance) of a file named ``j30<P>_<I>.sm`` (or ``j60``, ...)."""
    match = INSTANCE.match(path.stem)
    if match is None:
        raise ValueError(f"not a PSPLIB instance name: {path.name}")
    return int(match.group(2)), int(match.group(3))


def psplib_sort_key(path: Path) -> tuple[int, int]:
    try:
        return psplib_key(path)
    except ValueError:
        return (10**9, 0)


def read_makespans(path: Path | str) -> dict[tuple[int, int], int]:
    """``(parameter, instance) -> makespan`` from a PSPLIB results file: the published optima
    (``j30opt.sm``) or the best-known makespans (``j60hrs.sm``), rows ``P I makespan ...``."""
    makespans = {}
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) >= 3 and all(p.isdigit() for p in parts[:3]):
            makespans[(int(parts[0]), int(parts[1]))] = int(parts[2])
    return makespans


def read_j30_optima(folder: Path | str) -> dict[tuple[int, int], int]:
    """Published optimal makespans from ``j30opt.sm`` in ``folder`` or its parent."""
    folder = Path(folder)
    for candidate in (folder / "j30opt.sm", folder.parent / "j30opt.sm"):
        if candidate.exists():
            return read_makespans(candidate)
    return {}


@dataclass
class PsplibRun:
    """One PSPLIB instance solved by capex: makespan (None without a plan), time, check."""

    makespan: int | None
    seconds: float
    status: str
    bound: float | None
    problems: list[str]


def solve_psplib(path: Path, time_limit: float, num_workers: int = 1) -> PsplibRun:
    """Read and solve one instance with capex (least makespan), then check the schedule.

    The time covers reading the file and the whole ``capex.shift`` call. No tie-break: the
    makespan alone is the RCPSP's objective.
    """
    import capex

    started = time.perf_counter()
    portfolio = capex.io.read_psplib(path)
    result = capex.shift(
        portfolio,
        objective="makespan",
        max_delay=None,
        tiebreak=None,
        time_limit=time_limit,
        seed=0,
        num_workers=num_workers,
    )
    elapsed = time.perf_counter() - started
    status = str(result.status)
    if not result.ok:
        return PsplibRun(None, elapsed, status, result.bound, [])
    problems = check_rcpsp(path, portfolio, result)
    return PsplibRun(int(result.makespan), elapsed, status, result.bound, problems)


def check_rcpsp(path: Path, portfolio: Portfolio, result) -> list[str]:
    """Problems of an RCPSP schedule, recomputed from the ``.sm`` file read independently.

    The portfolio must hold exactly the file's jobs of positive duration, each window as long
    as the job; a job starts at period ``start_year + delay`` (periods from 0) and ends before
    ``start + duration``; every "finish before start" relation holds (through the jobs of
    duration 0, which take the latest finish of their predecessors); no resource is over its
    availability in any period; the makespan is the latest finish.
    """
    from graphlib import CycleError, TopologicalSorter

    sm = read_sm(path)
    frame = portfolio.frame
    real = {job for job, duration in sm.durations.items() if duration > 0}
    if set(frame.index) != real:
        return ["the portfolio's projects are not the file's jobs of positive duration"]
    length = frame["end_year"] - frame["start_year"] + 1
    wrong = [job for job in real if int(length[job]) != sm.durations[job]]
    if wrong:
        return [
            f"job {wrong[0]}: window of {int(length[wrong[0]])} periods, duration {sm.durations[wrong[0]]}"
        ]
    delays = result.delays.reindex(frame.index)
    if delays.isna().any():
        return ["a job has no delay"]
    start = {job: int(frame.at[job, "start_year"]) + int(delays[job]) for job in real}
    problems = []
    if min(start.values(), default=0) < 0:
        problems.append("a job starts before period 0")
    windows = getattr(result, "windows", None)
    if windows is not None and any(
        int(windows.at[job, "start_year"]) != start[job] for job in real
    ):
        problems.append("the result's windows are not the delays")
    predecessors: dict[int, set[int]] = {job: set() for job in sm.durations}
    for job, followers in sm.successors.items():
        for follower in followers:
            predecessors[follower].add(job)
    try:
        order = list(TopologicalSorter(predecessors).static_order())
    except CycleError:
        return ["the file's precedence relations form a cycle"]
    finish = {}
    for job in order:
        if job not in real:  # a dummy job: as soon as its predecessors are done
            start[job] = max((finish[p] for p in predecessors[job]), default=0)
        finish[job] = start[job] + sm.durations[job]
    for job, followers in sm.successors.items():
        for follower in followers:
            if start[follower] < finish[job]:
                problems.append(
                    f"job {follower} starts in period {start[follower]}, before job {job} finishes"
                )
    makespan = max(finish.values(), default=0)
    use = np.zeros((max(makespan, 1), len(sm.capacities)), dtype=np.int64)
    for job in real:
        use[start[job] : finish[job]] += np.asarray(sm.requests[job], dtype=np.int64)
    over = np.flatnonzero((use > np.asarray(sm.capacities)).any(axis=1))
    if len(over):
        problems.append(f"resources over their availability in period {over[0]}")
    if makespan != int(result.makespan):
        problems.append(f"makespan reported {result.makespan}, recomputed {makespan}")
    return problems


@dataclass(frozen=True)
class SmFile:
    """A PSPLIB single-mode file as read here, independently of capex's reader."""

    durations: dict[int, int]
    successors: dict[int, list[int]]
    requests: dict[int, list[int]]
    capacities: list[int]


def read_sm(path: Path | str) -> SmFile:
    """Jobs (duration, successors, requests per resource) and availabilities of a ``.sm`` file."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    durations: dict[int, int] = {}
    successors: dict[int, list[int]] = {}
    requests: dict[int, list[int]] = {}
    capacities: list[int] = []
    section = ""
    for line in lines:
        text = line.strip()
        if text.startswith("PRECEDENCE RELATIONS"):
            section = "prec"
            continue
        if text.startswith("REQUESTS/DURATIONS"):
            section = "req"
            continue
        if text.startswith("RESOURCEAVAILABILITIES"):
            section = "avail"
            continue
        if text.startswith("*"):
            section = ""
            continue
        parts = text.split()
        if not parts or not parts[0].isdigit():
            continue  # headers, rules, the resource names
        numbers = [int(p) for p in parts]
        if section == "prec":
            successors[numbers[0]] = numbers[3:]
        elif section == "req":
            job, _mode, duration, *request = numbers
            durations[job], requests[job] = duration, request
        elif section == "avail":
            capacities = numbers
            section = ""
    return SmFile(durations, successors, requests, capacities)
