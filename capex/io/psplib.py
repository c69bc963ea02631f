"""PSPLIB single-mode instances (RCPSP) as portfolios, so the deferral engine schedules them.

The same engine that shifts school projects under annual budget ceilings is a
resource-constrained project scheduler: jobs are projects, renewable resources are budget
lines, periods are years. :func:`read_psplib` maps an instance:

* each real job becomes a project whose window starts in period 0 and lasts its duration
  (``start_year = 0``, ``end_year = duration - 1``), with a total of ``duration x (sum of its
  requests)`` 万元, so that the uniform profile spends ``sum of its requests`` per period;
* each resource ``R k`` becomes a budget line with its availability as the ceiling of every
  period of the plan (``0 .. horizon - 1``), funding the share ``request_k / sum of requests``
  of each job, so that the line carries exactly the job's request per period;
* the precedence relations become the portfolio's precedence graph. The dummy source and sink
  (duration 0) are dropped; relations through any job of duration 0 are kept by joining its
  predecessors to its successors.

Then ``capex.shift(portfolio, objective="makespan", max_delay=None)`` solves the instance
(with the interval model, see :func:`capex.solvers._shift.cpsat.solve_intervals`) and
``result.makespan`` is the schedule's makespan in periods. :func:`read_optima` reads the
published optima (``j30opt.sm``) and best-known makespans (``j60hrs.sm``); the benchmark
program in ``benchmarks/`` runs whole folders of instances against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pandas as pd

from capex.errors import DataError
from capex.io.files import read_bytes
from capex.io.projects import load_projects
from capex.model.budget import BudgetLine
from capex.model.portfolio import Portfolio
from capex.terms import phrase

__all__ = ["PsplibInstance", "parse_psplib", "read_optima", "read_psplib"]


@dataclass(frozen=True)
class PsplibInstance:
    """The raw content of a single-mode PSPLIB file (jobs numbered as in the file)."""

    name: str
    horizon: int
    durations: dict[int, int]
    requests: dict[int, tuple[int, ...]]
    successors: dict[int, tuple[int, ...]]
    capacities: tuple[int, ...]


def parse_psplib(path: str | Path) -> PsplibInstance:
    """Parse a PSPLIB ``.sm`` file; a malformed file raises a :class:`DataError` naming the line."""
    path = Path(path)
    label = str(path)
    try:
        lines = read_bytes(path).decode("latin-1").splitlines()
    except OSError as error:
        raise DataError(
            phrase("err_io_psplib_cannot_read", reason=error.strerror), source=label
        ) from None

    def fail(problem: str, number: int) -> DataError:
        return DataError(
            problem,
            source=label,
            row=number + 1,
            value=lines[number].strip() if number < len(lines) else None,
        )

    def section(title: str) -> int:
        for number, text in enumerate(lines):
            if text.strip().upper().startswith(title):
                return number
        raise DataError(phrase("err_io_psplib_no_section", title=repr(title)), source=label)

    def integers(number: int) -> list[int]:
        try:
            return [int(v) for v in lines[number].split()]
        except ValueError:
            raise fail(phrase("err_io_psplib_whole_numbers"), number) from None

    horizon = 0
    for number, text in enumerate(lines):
        if text.lower().startswith("horizon"):
            match = re.search(r":\s*(\d+)", text)
            if match is None:
                raise fail(phrase("err_io_psplib_horizon"), number)
            horizon = int(match.group(1))
    successors: dict[int, tuple[int, ...]] = {}
    number = section("PRECEDENCE RELATIONS") + 2
    while number < len(lines) and not lines[number].startswith("*"):
        values = integers(number)
        if len(values) < 3 or len(values) != 3 + values[2]:
            raise fail(phrase("err_io_psplib_precedence_row"), number)
        if values[1] != 1:
            raise fail(phrase("err_io_psplib_single_mode"), number)
        successors[values[0]] = tuple(values[3:])
        number += 1
    durations: dict[int, int] = {}
    requests: dict[int, tuple[int, ...]] = {}
    number = section("REQUESTS/DURATIONS") + 3
    while number < len(lines) and not lines[number].startswith("*"):
        values = integers(number)
        if len(values) < 3:
            raise fail(phrase("err_io_psplib_request_row"), number)
        durations[values[0]] = values[2]
        requests[values[0]] = tuple(values[3:])
        number += 1
    number = section("RESOURCEAVAILABILITIES") + 2
    capacities = tuple(integers(number))
    if set(durations) != set(successors):
        raise DataError(phrase("err_io_psplib_different_jobs"), source=label)
    widths = {len(r) for r in requests.values()}
    if widths != {len(capacities)}:
        raise DataError(phrase("err_io_psplib_resources"), source=label)
    for job, followers in successors.items():
        unknown = [f for f in followers if f not in durations]
        if unknown:
            raise DataError(
                phrase("err_io_psplib_successor"),
                source=label,
                value=unknown[0],
                project_id=job,
            )
    return PsplibInstance(
        path.stem, horizon or sum(durations.values()), durations, requests, successors, capacities
    )


def read_psplib(path: str | Path) -> Portfolio:
    """Read a single-mode PSPLIB instance as a portfolio with budget lines and precedence.

    Parameters
    ----------
    path
        A ``.sm`` file (for example ``j301_1.sm``).

    Returns
    -------
    Portfolio
        Projects = the real jobs (ids are the job numbers), plan period ``(0, horizon - 1)``,
        budget lines ``"R1"``, ``"R2"``, ... with the availabilities as ceilings, and the
        precedence graph; see the module text for the mapping.

    Examples
    --------
    >>> import capex
    >>> p = capex.io.read_psplib("tests/data/psplib/j301_1.sm")           # doctest: +SKIP
    >>> capex.shift(p, objective="makespan", max_delay=None).makespan   # doctest: +SKIP
    43
    """
    instance = parse_psplib(path)
    real = [job for job in sorted(instance.durations) if instance.durations[job] > 0]
    graph = nx.DiGraph()
    graph.add_nodes_from(instance.durations)
    for job, followers in instance.successors.items():
        graph.add_edges_from((job, f) for f in followers)
    for job in sorted(instance.durations):
        if instance.durations[job] == 0:
            # keep "finish before start" through a zero-length job
            graph.add_edges_from(
                (a, b) for a in graph.predecessors(job) for b in graph.successors(job)
            )
            graph.remove_node(job)
    horizon = max(instance.horizon, sum(instance.durations.values()), 1)
    per_period = {job: sum(instance.requests[job]) for job in real}
    table = pd.DataFrame(
        {
            "id": real,
            "name": [f"job {job}" for job in real],
            "start_year": 0,
            "end_year": [instance.durations[job] - 1 for job in real],
            "total_investment": [instance.durations[job] * per_period[job] for job in real],
            "plan_investment": [instance.durations[job] * per_period[job] for job in real],
        }
    )
    portfolio = load_projects(
        table,
        plan_period=(0, horizon - 1),
        amount_unit="万元",
        minor_unit="万元",
        name=instance.name,
    )
    lines = []
    for k, capacity in enumerate(instance.capacities):
        shares = {
            job: instance.requests[job][k] / per_period[job]
            for job in real
            if per_period[job] > 0 and instance.requests[job][k] > 0
        }
        # an availability of 12 units is a ceiling of 12 万元 in every period
        lines.append(
            BudgetLine(
                f"R{k + 1}", {t: capacity for t in range(horizon)}, shares=shares, unit="万元"
            )
        )
    return portfolio.replace(
        budget_lines=tuple(lines), precedence=graph, source=str(path), plan_period=(0, horizon - 1)
    )


def read_optima(path: str | Path) -> pd.Series:
    """Published optimal makespans from a PSPLIB results file such as ``j30opt.sm``.

    Returns
    -------
    Series
        Makespan by instance name (``"j301_1"`` for parameter 1, instance 1), named
        ``"optimum"``. The set's name comes from the file name (``j30opt.sm`` -> ``j30``).
    """
    path = Path(path)
    prefix = path.stem.replace("opt", "").replace("lb", "").replace("hrs", "") or "j30"
    out: dict[str, int] = {}
    try:
        text = read_bytes(path).decode("latin-1")
    except OSError as error:
        raise DataError(
            phrase("err_io_psplib_cannot_read_optima", reason=error.strerror), source=str(path)
        ) from None
    for line in text.splitlines():
        values = line.split()
        if len(values) >= 3 and all(v.isdigit() for v in values[:3]):
            out[f"{prefix}{values[0]}_{values[1]}"] = int(values[2])
    if not out:
        raise DataError(phrase("err_io_psplib_no_makespan"), source=str(path))
    return pd.Series(out, name="optimum", dtype="Int64")
