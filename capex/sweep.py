"""Sweeps: many scenarios, or scenarios times Monte Carlo draws, on any executor.

:func:`sweep` runs a list of :class:`~capex.scenario.Scenario` objects on one base portfolio,
each once (a plan per scenario), or each under ``draws`` random draws of cost change and start
delay (a :class:`~capex.risk.result.RiskResult` per scenario). The work runs

* in local processes (``executor=None``; ``workers=1`` runs it in this process),
* on any :class:`concurrent.futures.Executor` you pass, or
* on a Dask cluster: ``executor=client`` (a :class:`distributed.Client`) or
  ``scheduler="tcp://host:8786"`` (capex connects, and disconnects at the end).

**The same answers everywhere.** A task is one scenario (plain runs) or one (scenario, draw)
pair. The draws come from per-block random streams
(``numpy.random.SeedSequence(seed).spawn(n)[block]``, see :mod:`capex.risk.uncertainty`),
never from a worker's state, and results are put back in task order, so they do not depend on
the executor, the number of workers, the batching or the order in which tasks finish. Every
scenario sees the same draws (common random numbers), which keeps comparisons between
scenarios sharp.

**Batches.** Tasks are sent in contiguous batches (by default about four per worker, at most
:data:`MAX_TASKS_PER_BATCH` tasks each), so a sweep of 100,000 small tasks is a few hundred
submissions, not 100,000; a batch of draws under ``method="cashflow"`` is one array
computation.

**Failures.** A task that raises (a scenario naming no such project, a solver error) is
recorded with its scenario and draw, and the rest are kept. A batch lost with its worker (a
killed process, a lost Dask worker) is submitted again, up to :data:`MAX_ATTEMPTS` times;
Dask also re-runs the tasks of a lost worker by itself. A progress bar
(:func:`capex.progress.progress`) counts finished batches.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import inspect
import math
import multiprocessing
import os
import re
import sys
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from decimal import Decimal
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from capex.budget import BudgetLine
from capex.errors import CapexError
from capex.limits import check_draws, check_seed
from capex.money import WAN, Money
from capex.options import chosen_unit
from capex.portfolio import Portfolio, load_projects
from capex.progress import progress
from capex.reports.protocol import Report
from capex.result import PlanResult
from capex.risk.evaluate import METHODS, BaseFlows, Outcome, evaluate
from capex.risk.result import RiskResult, drivers_table, headed, outcome_word
from capex.risk.uncertainty import Resolved, Uncertainty
from capex.scenario import Scenario
from capex.terms import Phrase, check_lang, phrase, said, term

__all__ = ["MAX_ATTEMPTS", "MAX_TASKS_PER_BATCH", "SweepError", "SweepResult", "sweep"]

MAX_TASKS_PER_BATCH = 1_000
"""At most this many tasks in one batch (unless ``batch_size`` says otherwise)."""

BATCHES_PER_WORKER = 4
"""Batches aimed at per worker, so that a slow batch does not leave the others idle."""

MAX_ATTEMPTS = 3
"""Times a batch is submitted before its tasks are reported as failed (a lost worker)."""

CONNECT_TIMEOUT = "10s"
"""How long to wait for a Dask scheduler given by its address."""

BASE_NAME = "base"
"""Name of the unchanged plan in a sweep (``None`` in the list of tasks)."""


class SweepError(CapexError):
    """A sweep that cannot start: bad arguments, or no way to reach the executor."""


# ---------------------------------------------------------------------------------------
# the job: what every batch needs
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class SweepJob:
    """Everything a batch needs; sent to the workers (once per batch, or once to Dask)."""

    portfolio: Portfolio
    scenarios: tuple[Scenario | None, ...]
    ceilings: Any
    method: str | None
    draws: int
    uncertainty: Uncertainty | None
    seed: int
    options: Mapping[str, Any]
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def tasks_per_scenario(self) -> int:
        return max(self.draws, 1)

    @property
    def n_tasks(self) -> int:
        return len(self.scenarios) * self.tasks_per_scenario

    def name(self, position: int) -> str:
        scenario = self.scenarios[position]
        return BASE_NAME if scenario is None else scenario.name

    def parts(self, start: int, stop: int) -> list[tuple[int, int, int]]:
        """Tasks ``start .. stop - 1`` as (scenario, first, stop) ranges of draws (plain
        runs: (scenario, 0, 1))."""
        per = self.tasks_per_scenario
        return [
            (
                position,
                max(start, position * per) - position * per,
                min(stop, (position + 1) * per) - position * per,
            )
            for position in range(start // per, (stop - 1) // per + 1)
        ]


@dataclass(frozen=True, eq=False)
class ScenarioInfo:
    """What the main process needs to summarise a scenario's draws."""

    ids: pd.Index
    names: list[str]
    project_plan_minor: np.ndarray
    planned_minor: pd.Series
    ceilings_minor: pd.Series
    plan_period: tuple[int, int]
    assumptions: tuple[tuple[str, str], ...]
    method: str
    money: Money


@dataclass(frozen=True, eq=False)
class Piece:
    """The part of a batch that belongs to one scenario."""

    scenario: int
    first: int
    count: int
    outcome: Outcome | None = None
    result: PlanResult | None = None
    info: ScenarioInfo | None = None
    error: str | None = None


@dataclass(frozen=True, eq=False)
class Prepared:
    """A scenario made ready for draws: the changed portfolio and what its draws start from."""

    portfolio: Portfolio
    ceilings: Any
    method: str
    options: dict[str, Any]
    base: BaseFlows
    resolved: Resolved
    info: ScenarioInfo


_PREPARED: OrderedDict[tuple[str, int], Prepared] = OrderedDict()
"""A worker's prepared scenarios, by (job token, scenario), so batches of the same scenario
on one worker apply it once."""

_PREPARED_LOCK = threading.Lock()
"""Guards the cache: a thread pool runs batches side by side in one process."""


def prepare(job: SweepJob, position: int) -> Prepared:
    """Apply scenario ``position`` of ``job`` and make its draws' starting point (cached)."""
    key = (job.token, position)
    with _PREPARED_LOCK:
        if key in _PREPARED:
            _PREPARED.move_to_end(key)
            return _PREPARED[key]
    scenario = job.scenarios[position]
    portfolio = job.portfolio if scenario is None else scenario.apply(job.portfolio)
    ceilings = (
        job.ceilings if scenario is None else scenario.ceilings_for(job.ceilings, job.portfolio)
    )
    method = job.method or (scenario.method if scenario is not None else "spread")
    options = options_for(method, job.options)
    profile = options.pop("profile", None) or (scenario.profile if scenario else None) or "uniform"
    base = BaseFlows.of(portfolio, profile)
    resolved = job.uncertainty.resolve(portfolio, known_ids=job.portfolio.ids)
    ceilings_minor = whole_plan_ceilings_minor(ceilings, portfolio)
    planned = base.flows[:, base.plan_columns(0)].sum(axis=1)
    info = ScenarioInfo(
        ids=portfolio.ids,
        names=[str(n) for n in portfolio.column("name")],
        project_plan_minor=planned,
        planned_minor=pd.Series(
            base.flows.sum(axis=0), index=pd.Index(base.years.tolist(), name="year")
        ),
        ceilings_minor=ceilings_minor,
        plan_period=portfolio.plan_period,
        assumptions=((phrase("profile"), str(profile)), *resolved.describe(list(portfolio.ids))),
        method=method,
        money=portfolio.money,
    )
    if method != "cashflow":
        options["profile"] = profile
    prepared = Prepared(portfolio, ceilings, method, options, base, resolved, info)
    with _PREPARED_LOCK:
        _PREPARED[key] = prepared
        while len(_PREPARED) > 16:
            _PREPARED.popitem(last=False)
    return prepared


def run_batch(job: SweepJob, start: int, stop: int) -> list[Piece]:
    """Run tasks ``start .. stop - 1`` of ``job`` (in a worker); one piece per scenario touched.

    Task errors are caught and recorded per task, so this raises only when the worker itself
    fails.
    """
    return [_run_part(job, *part) for part in job.parts(start, stop)]


def _run_part(job: SweepJob, position: int, first: int, stop: int) -> Piece:
    count = stop - first
    if job.draws == 0:
        scenario = job.scenarios[position] or Scenario(BASE_NAME)
        try:
            options = options_for(job.method or scenario.method, job.options)
            result = scenario.run(job.portfolio, job.ceilings, method=job.method, **options)
        except Exception as error:  # noqa: BLE001 - a failed task is reported, the rest kept
            return Piece(position, first, count, error=_error_text(error))
        return Piece(position, first, count, result=result)
    try:
        prepared = prepare(job, position)
        draws = prepared.resolved.draw(job.seed, first, stop)
        outcome = evaluate(
            prepared.portfolio,
            prepared.base,
            draws,
            prepared.resolved.largest_delay,
            prepared.method,
            prepared.ceilings,
            prepared.options,
        )
    except Exception as error:  # noqa: BLE001 - a failed task is reported, the rest kept
        return Piece(position, first, count, error=_error_text(error))
    return Piece(
        position, first, count, outcome=outcome, info=prepared.info if first == 0 else None
    )


def _error_text(error: BaseException) -> str:
    """What a failed task says: a capex error in English and in Chinese (a
    :class:`~capex.terms.Phrase`, for reports in either), anything else as raised."""
    if isinstance(error, CapexError):
        return Phrase(str(error), said(error, "zh"))
    return f"{type(error).__name__}: {error}"


def whole_plan_ceilings_minor(ceilings: Any, portfolio: Portfolio) -> pd.Series:
    """Ceilings of the whole plan by year, integers of the portfolio's minor unit (rounded
    down), for measuring draws against; empty for none. Amounts are in the money's display unit
    (亿元 for yuan). Budget lines other than one line over every project are refused: a draw's
    spending is measured against the plan's total ceilings."""
    years = pd.Index([], name="year", dtype=np.int64)
    money = portfolio.money
    if ceilings is None:
        return pd.Series([], index=years, dtype=np.int64, name="ceiling")
    if isinstance(ceilings, BudgetLine) or (
        isinstance(ceilings, (tuple, list)) and all(isinstance(c, BudgetLine) for c in ceilings)
    ):
        lines = [ceilings] if isinstance(ceilings, BudgetLine) else list(ceilings)
        if len(lines) != 1 or lines[0].is_shared or lines[0].rule not in (None, "all", "*"):
            raise SweepError(
                "risk draws are measured against ceilings of the whole plan: give {year: amount} "
                "or one amount, or one budget line over every project"
            )
        values = lines[0].ceilings_minor(money)
    elif isinstance(ceilings, (Mapping, pd.Series)):
        values = {}
        for year, value in ceilings.items():
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            values[_year(year)] = _ceiling_minor(value, year, money)
    elif isinstance(ceilings, (Real, Decimal)) and not isinstance(ceilings, bool):
        values = {year: _ceiling_minor(ceilings, year, money) for year in portfolio.plan_years}
    else:
        raise SweepError(
            f"ceilings must be None, one amount, {{year: amount}} or one budget line, not "
            f"{ceilings!r}"
        )
    series = pd.Series(values, dtype=np.int64, name="ceiling").sort_index()
    series.index = pd.Index([int(y) for y in series.index], name="year", dtype=np.int64)
    return series


def _year(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise SweepError(f"{value!r} is not a year") from None


def _ceiling_minor(value: Any, year: Any, money: Money) -> int:
    try:
        return money.ceiling_to_minor(value)
    except ValueError as error:
        raise SweepError(f"the ceiling of {year}: {error}") from None


# ---------------------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class SweepResult(Report):
    """The results of a sweep, in the order of its scenarios.

    Attributes
    ----------
    names
        The scenarios' names (``"base"`` for ``None``).
    draws
        Draws per scenario; 0 for plain runs.
    results
        Plain runs: each scenario's plan (``None`` where it failed).
    risks
        With draws: each scenario's :class:`~capex.risk.result.RiskResult` (``None`` where
        every draw failed).
    failures
        One row per failed task: ``task``, ``scenario``, ``draw`` (empty for plain runs),
        ``error``.
    executor
        Where it ran (``"this process"``, ``"3 local processes"``, ``"Dask at tcp://..."``).
    batches
        Batches the tasks were sent in.
    runtime
        Wall-clock seconds.
    seed
        The seed of the draws.
    """

    names: tuple[str, ...]
    draws: int
    results: tuple[PlanResult | None, ...]
    risks: tuple[RiskResult | None, ...]
    failures: pd.DataFrame = field(repr=False)
    executor: str = ""
    batches: int = 0
    runtime: float = 0.0
    seed: int = 0

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, key: int | str) -> PlanResult | RiskResult | None:
        """A scenario's plan (plain runs) or risk result (with draws), by position or name."""
        position = key if isinstance(key, int) else self._position(key)
        return (self.risks if self.draws else self.results)[position]

    def _position(self, name: str) -> int:
        if name not in self.names:
            raise KeyError(f"no scenario named {name!r} in this sweep")
        return self.names.index(name)

    @property
    def ok(self) -> bool:
        """Whether every task ran."""
        return len(self.failures) == 0

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """One row per scenario.

        Amounts in the display unit (亿元 for the bundled plan). Plain runs: ``status``,
        ``total`` and ``peak``, ``peak_year``, ``extra_budget`` (summed over the years) and
        ``objective``. With draws: ``draws``, ``failed``,
        ``worst_year`` and its ``breach_probability``, ``reserve`` (sum over the years of the
        P80-safe reserve) and ``total_P80`` (P80 of the plan-period total). ``lang="zh"``
        heads it, and says the statuses, in Chinese. ``unit``: amounts in another unit of the
        money (``"万元"``).
        """
        lang = check_lang(lang)
        money = self.money
        unit = money.normalize_unit(chosen_unit(unit, money))
        # the rows are made in the display unit, then shown in the unit asked for
        rows = []
        for position, name in enumerate(self.names):
            row: dict[str, Any] = {"scenario": name}
            if self.draws:
                risk = self.risks[position]
                failed = int((self.failures["task"] // self.draws == position).sum())
                row.update({"draws": self.draws, "failed": failed})
                if risk is not None:
                    chance = risk.breach_probability
                    worst = chance.idxmax() if len(chance) and chance.notna().any() else None
                    row.update(
                        {
                            "worst_year": worst,
                            "breach_probability": None if worst is None else chance[worst],
                            "reserve": float(risk.reserve.sum()),
                            "total_P80": float(risk.total_quantiles["P80"]),
                        }
                    )
            else:
                result = self.results[position]
                if result is None:
                    row["status"] = "failed"
                else:
                    # every year of every project's money, as compare() counts it
                    totals = result.full_window().sum(axis=0)
                    shown = result.money.to_unit(totals.to_numpy(dtype=np.int64))
                    row.update(
                        {
                            "status": str(result.status),
                            "total": float(result.money.to_unit(np.array([int(totals.sum())]))[0]),
                            "peak_year": int(totals.idxmax()) if len(totals) else None,
                            "peak": float(shown.max()) if len(totals) else None,
                            "extra_budget": float(result.extra_budget.sum()),
                            "objective": result.objective,
                        }
                    )
            if "status" in row:
                row["status"] = outcome_word(row["status"], lang)
            for key in ("total", "peak", "extra_budget", "reserve", "total_P80"):
                if row.get(key) is not None:
                    row[key] = money.rescale(row[key], money.display_unit, unit)
            rows.append(row)
        frame = pd.DataFrame(rows).set_index("scenario")
        frame.attrs["unit"] = unit
        return headed(frame, lang)

    @property
    def money(self) -> Money:
        """The money of the swept plans (of the first that ran)."""
        for run in (*self.results, *self.risks):
            if run is not None:
                return run.money
        return WAN

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """A short report: what ran where, one line per scenario, and the failures, in
        ``lang`` (a failure capex words only in English, such as a solver's, stays so)."""
        lang = check_lang(lang)
        tasks = len(self.names) * max(self.draws, 1)
        what = (
            term("sweep_what_draws", lang, n=len(self.names), draws=f"{self.draws:,}")
            if self.draws
            else term("sweep_what", lang, n=len(self.names))
        )
        headline = term(
            "sweep_headline",
            lang,
            what=what,
            tasks=f"{tasks:,}",
            batches=self.batches,
            executor=said(self.executor, lang),
        )
        lines = [f"{headline}, {self.runtime:.2f} s", self.to_frame(unit, lang=lang).to_string()]
        if len(self.failures):
            grouped = self.failures.groupby(["scenario", "error"], sort=False).size()
            lines.append(term("sweep_failed", lang, n=len(self.failures)))
            for (scenario, error), count in grouped.items():
                line = term(
                    "sweep_failure", lang, scenario=scenario, n=count, error=said(error, lang)
                )
                lines.append(f"  {line}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        what = f"{len(self.names)} scenarios" + (f" x {self.draws} draws" if self.draws else "")
        return f"<SweepResult: {what}, {len(self.failures)} failed, {self.runtime:.2f} s>"


# ---------------------------------------------------------------------------------------
# executors
# ---------------------------------------------------------------------------------------
class _Backend:
    """Runs batches somewhere; ``submit`` a batch, then ``next_done`` gives finished ones."""

    description = ""
    parallelism = 1

    def submit(self, index: int, start: int, stop: int) -> None:
        raise NotImplementedError

    def next_done(self) -> tuple[int, Any]:
        """The next finished batch: its index and its pieces, or the exception that lost it."""
        raise NotImplementedError

    def retry(self, error: BaseException) -> bool:
        """Whether a batch lost with ``error`` is worth submitting again."""
        return True

    def close(self) -> None:
        """Release what the backend made (pools, connections); cancel what is pending."""


class _InThisProcess(_Backend):
    description = phrase("executor_here")

    def __init__(self, job: SweepJob) -> None:
        self.job = job
        self.queue: list[tuple[int, int, int]] = []

    def submit(self, index: int, start: int, stop: int) -> None:
        self.queue.append((index, start, stop))

    def next_done(self) -> tuple[int, Any]:
        index, start, stop = self.queue.pop(0)
        return index, run_batch(self.job, start, stop)

    def retry(self, error: BaseException) -> bool:
        return False


class _Futures(_Backend):
    """A :class:`concurrent.futures.Executor`; a process pool of our own is rebuilt if it breaks."""

    def __init__(self, job: SweepJob, executor: cf.Executor | None, workers: int) -> None:
        self.job = job
        self.own = executor is None
        self.workers = workers
        self.executor = executor if executor is not None else self._pool()
        self.generation = 0  # of our own pool: a broken one is replaced by the next
        self.broken = False
        self.pending: dict[cf.Future, tuple[int, int]] = {}
        if self.own:
            self.description = phrase("executor_local", n=workers)
            self.parallelism = workers
        else:
            self.description = type(executor).__name__
            self.parallelism = int(getattr(executor, "_max_workers", 0) or os.cpu_count() or 1)

    def _pool(self) -> cf.Executor:
        return cf.ProcessPoolExecutor(self.workers, mp_context=_process_context())

    def submit(self, index: int, start: int, stop: int) -> None:
        if self.own and self.broken:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._pool()
            self.generation += 1
            self.broken = False
        try:
            future = self.executor.submit(run_batch, self.job, start, stop)
        except BrokenProcessPool as error:
            # a worker died while batches were still being handed out: the pool refuses new
            # ones at once. The batch is lost like those already inside it, and retried so
            future = cf.Future()
            future.set_exception(error)
            self.broken = self.own
        self.pending[future] = (index, self.generation)

    def next_done(self) -> tuple[int, Any]:
        done, _ = cf.wait(list(self.pending), return_when=cf.FIRST_COMPLETED)
        future = min(done, key=lambda f: self.pending[f][0])
        index, generation = self.pending.pop(future)
        try:
            return index, future.result()
        except Exception as error:  # noqa: BLE001 - the caller decides whether to retry
            if isinstance(error, BrokenProcessPool) and generation == self.generation:
                self.broken = True
            return index, error

    def retry(self, error: BaseException) -> bool:
        # a broken pool of the caller's cannot be mended here; ours is replaced
        return self.own or not isinstance(error, BrokenProcessPool)

    def close(self) -> None:
        for future in self.pending:
            future.cancel()
        if self.own:
            self.executor.shutdown(wait=True, cancel_futures=True)


class _Dask(_Backend):
    """A :class:`distributed.Client`: the job is one task whose result every batch reads, so
    the scheduler can compute it again if the worker holding it is lost."""

    def __init__(self, job: SweepJob, client: Any, own: bool) -> None:
        from distributed import as_completed

        self.client = client
        self.own = own
        self.job_future = client.submit(_identity, job, key=f"capex-sweep-job-{job.token}")
        self.completed = as_completed()
        self.pending: dict[Any, int] = {}
        self.attempt = 0
        self.token = job.token
        address = getattr(client.scheduler, "address", None) or "a Dask cluster"
        self.description = phrase("executor_dask", address=address)
        self.parallelism = max(sum(client.nthreads().values()), 1)

    def submit(self, index: int, start: int, stop: int) -> None:
        self.attempt += 1
        future = self.client.submit(
            run_batch,
            self.job_future,
            start,
            stop,
            key=f"capex-sweep-{self.token}-{index}-{self.attempt}",
        )
        self.pending[future] = index
        self.completed.add(future)

    def next_done(self) -> tuple[int, Any]:
        future = next(self.completed)
        index = self.pending.pop(future)
        try:
            value: Any = future.result()
        except Exception as error:  # noqa: BLE001 - a lost worker (KilledWorker) or a lost batch
            value = error
        future.release()
        return index, value

    def close(self) -> None:
        for future in self.pending:
            future.cancel()
        self.job_future.release()
        if self.own:
            self.client.close()


def _process_context() -> Any:
    """Clean worker processes: no threads or locks inherited from this one.

    A fork server that has imported capex once forks each worker ready to run (fast, and every
    later pool of this process starts at once); where there is none (Windows), spawn.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["__main__", "capex.sweep"])
        return context
    return multiprocessing.get_context("spawn")


def _identity(value: Any) -> Any:
    return value


def kept_per_draw(portfolio: Portfolio) -> int:
    """The amounts one draw keeps, for :func:`capex.limits.check_draws`: each project's
    plan-period spending and each year's total over the projects' windows (delays add a few
    years more)."""
    if not len(portfolio):
        return 0
    start, end = portfolio.column("start_year"), portfolio.column("end_year")
    return len(portfolio) + int(end.max()) - int(start.min()) + 1


def _is_dask_client(executor: Any) -> bool:
    return any(
        cls.__name__ == "Client" and cls.__module__.startswith("distributed")
        for cls in type(executor).__mro__
    )


def _connect(scheduler: str) -> Any:
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - a dependency of capex
        raise SweepError("running on a Dask scheduler needs the 'distributed' package") from None
    address = scheduler_address(scheduler)
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except Exception as error:  # noqa: BLE001 - distributed fails in many ways; say it in one line
        raise SweepError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None


SCHEDULER_SCHEMES = ("tcp", "ws", "ucx", "inproc")
"""The address schemes ``scheduler=`` takes (``inproc``: a cluster in this process; ``tls``
and ``wss`` need a security configuration: connect a :class:`distributed.Client` with it and
pass it as ``executor``)."""


def scheduler_address(scheduler: Any) -> str:
    """A Dask scheduler's address checked before connecting (``tcp://host:8786``; ``host:port``
    means tcp).

    A :class:`distributed.Client` made from a malformed address fails half-way and, when
    collected later, prints a traceback after a 20 s wait; an address checked first fails at
    once, in one line.
    """
    from distributed.comm.addressing import parse_address, parse_host_port

    if not isinstance(scheduler, str) or not scheduler.strip():
        raise SweepError(
            f"a Dask scheduler's address is text such as tcp://host:8786, not {scheduler!r}"
        )
    text = scheduler.strip()
    try:
        scheme, location = parse_address(text, strict=False)
    except ValueError as error:
        raise SweepError(f"not a Dask scheduler address: {text!r} ({error})") from None
    if scheme not in SCHEDULER_SCHEMES:
        secure = scheme in ("tls", "wss")
        raise SweepError(
            f"capex connects to a Dask scheduler by {', '.join(SCHEDULER_SCHEMES)}, not "
            f"{scheme}: {text!r}"
            + (
                "; a secure cluster needs its security configuration: connect a "
                "distributed.Client with it and pass it as executor="
                if secure
                else ""
            )
        )
    if scheme == "inproc":  # a cluster of this process: inproc://host/process/number
        if not re.fullmatch(r"[^/\s]+/\d+/\d+", location):
            raise SweepError(
                f"not a Dask scheduler address: {text!r} (an in-process cluster's address "
                "reads inproc://host/process/number, as LocalCluster(processes=False) gives it)"
            )
        return text
    try:
        host, port = parse_host_port(location)
    except ValueError as error:
        raise SweepError(
            f"not a Dask scheduler address: {text!r} ({error}); write tcp://host:8786"
        ) from None
    if not host or not 1 <= int(port) <= 65535:
        raise SweepError(
            f"not a Dask scheduler address: {text!r} (a host and a port from 1 to 65535, "
            "such as tcp://host:8786)"
        )
    return f"{scheme}://{location}"


def _backend(job: SweepJob, executor: Any, workers: int | None, scheduler: str | None) -> _Backend:
    if scheduler is not None:
        if executor is not None:
            raise SweepError("give an executor or a scheduler address, not both")
        return _Dask(job, _connect(scheduler), own=True)
    if executor is not None and _is_dask_client(executor):
        return _Dask(job, executor, own=False)
    if executor is not None:
        if not isinstance(executor, cf.Executor):
            raise SweepError(
                "executor must be None, a concurrent.futures.Executor or a dask.distributed "
                f"Client, not {type(executor).__name__}"
            )
        return _Futures(job, executor, workers or 0)
    count = (os.cpu_count() or 1) if workers is None else workers
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise SweepError(f"workers must be a whole number of at least 1, not {workers!r}")
    if count == 1:
        return _InThisProcess(job)
    return _Futures(job, None, count)


def batch_ranges(
    n_tasks: int, parallelism: int, batch_size: int | None = None
) -> list[tuple[int, int]]:
    """Contiguous ``(start, stop)`` task ranges: about :data:`BATCHES_PER_WORKER` per worker,
    at most :data:`MAX_TASKS_PER_BATCH` tasks each, unless ``batch_size`` is given."""
    if n_tasks <= 0:
        return []
    if batch_size is None:
        count = min(
            n_tasks,
            max(BATCHES_PER_WORKER * max(parallelism, 1), math.ceil(n_tasks / MAX_TASKS_PER_BATCH)),
        )
        batch_size = math.ceil(n_tasks / count)
    elif isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise SweepError(f"batch_size must be a whole number of at least 1, not {batch_size!r}")
    return [(start, min(start + batch_size, n_tasks)) for start in range(0, n_tasks, batch_size)]


def execute(
    job: SweepJob,
    backend: _Backend,
    batch_size: int | None,
    show_progress: bool | None,
    desc: str,
) -> tuple[list[list[Piece]], int]:
    """Run every batch of ``job`` on ``backend``; the pieces of each batch, in batch order."""
    ranges = batch_ranges(job.n_tasks, backend.parallelism, batch_size)
    found: list[list[Piece] | None] = [None] * len(ranges)
    attempts = [1] * len(ranges)

    def finished() -> Iterator[int]:
        for index, (start, stop) in enumerate(ranges):
            backend.submit(index, start, stop)
        remaining = len(ranges)
        while remaining:
            index, value = backend.next_done()
            if isinstance(value, BaseException):
                if attempts[index] < MAX_ATTEMPTS and backend.retry(value):
                    attempts[index] += 1
                    backend.submit(index, *ranges[index])
                    continue
                value = _lost(job, *ranges[index], value)
            found[index] = value
            remaining -= 1
            yield index

    disable = None if show_progress is None else not show_progress
    try:
        for _ in progress(
            finished(), total=len(ranges), desc=desc, unit="batch", disable=disable, file=sys.stderr
        ):
            pass
    finally:
        backend.close()
    return [pieces or [] for pieces in found], len(ranges)


def _lost(job: SweepJob, start: int, stop: int, error: BaseException) -> list[Piece]:
    """The pieces of a batch that could not be run, each task failed with ``error``."""
    text = phrase("sweep_batch_lost", times=MAX_ATTEMPTS, error=_error_text(error))
    return [
        Piece(position, first, last - first, error=text)
        for position, first, last in job.parts(start, stop)
    ]


# ---------------------------------------------------------------------------------------
# putting the pieces together
# ---------------------------------------------------------------------------------------
def assemble(
    job: SweepJob,
    batches: list[list[Piece]],
    *,
    executor: str,
    n_batches: int,
    runtime: float,
) -> SweepResult:
    """The sweep's result from its batches' pieces, in task order."""
    by_scenario: dict[int, list[Piece]] = {}
    for pieces in batches:
        for piece in pieces:
            by_scenario.setdefault(piece.scenario, []).append(piece)
    failures: list[dict[str, Any]] = []
    results: list[PlanResult | None] = []
    risks: list[RiskResult | None] = []
    per = job.tasks_per_scenario
    for position in range(len(job.scenarios)):
        pieces = sorted(by_scenario.get(position, []), key=lambda p: p.first)
        name = job.name(position)
        for piece in pieces:
            if piece.error is not None:
                failures += [
                    {
                        "task": position * per + piece.first + k,
                        "scenario": name,
                        "draw": piece.first + k if job.draws else None,
                        "error": piece.error,
                    }
                    for k in range(piece.count)
                ]
        if job.draws == 0:
            results.append(next((p.result for p in pieces if p.result is not None), None))
            continue
        risks.append(_risk_of(job, position, pieces, failures))
    frame = pd.DataFrame(failures, columns=["task", "scenario", "draw", "error"])
    if job.draws:
        frame["draw"] = frame["draw"].astype("Int64")
    return SweepResult(
        names=tuple(job.name(i) for i in range(len(job.scenarios))),
        draws=job.draws,
        results=tuple(results),
        risks=tuple(risks),
        failures=frame,
        executor=executor,
        batches=n_batches,
        runtime=runtime,
        seed=job.seed,
    )


def _risk_of(
    job: SweepJob, position: int, pieces: list[Piece], failures: list[dict[str, Any]]
) -> RiskResult | None:
    """A scenario's risk result from its pieces (None when no draw ran); failed draws are
    added to ``failures``."""
    name = job.name(position)
    outcomes = [p.outcome for p in pieces if p.outcome is not None]
    draw_failures = [
        {"draw": draw, "error": message} for outcome in outcomes for draw, message in outcome.errors
    ]
    failures += [
        {"task": position * job.draws + row["draw"], "scenario": name, **row}
        for row in draw_failures
    ]
    if not any(outcome.ok.any() for outcome in outcomes):
        return None
    info = next((p.info for p in pieces if p.info is not None), None)
    if info is None:  # the piece with draw 0 was lost: the scenario is prepared here instead
        info = prepare(job, position).info
    joined = Outcome.concat(outcomes)
    ok = joined.ok
    start, width = joined.first_year, joined.annual.shape[1]
    years = pd.Index(range(start, start + width), name="year", dtype=np.int64)
    draws_frame = pd.DataFrame(
        joined.annual[ok],
        index=pd.Index(
            np.concatenate([o.first_draw + np.arange(len(o.status)) for o in outcomes])[ok],
            name="draw",
        ),
        columns=years,
    )
    # keep the plan years and the years some draw or the plan spends in
    planned = info.planned_minor.reindex(years, fill_value=0).to_numpy()
    first, last = info.plan_period
    keep = (
        draws_frame.to_numpy().any(axis=0) | (planned != 0) | ((years >= first) & (years <= last))
    )
    low, high = np.flatnonzero(keep)[[0, -1]]
    draws_frame = draws_frame.iloc[:, low : high + 1]
    statuses = pd.Series(joined.status).value_counts()
    statuses.index.name = "outcome"
    return RiskResult(
        annual_draws_minor=draws_frame,
        planned_minor=info.planned_minor.reindex(draws_frame.columns, fill_value=0).astype(
            np.int64
        ),
        ceilings_minor=info.ceilings_minor,
        drivers_minor=drivers_table(
            info.ids, info.names, info.project_plan_minor, joined.plan_spend[ok]
        ),
        plan_period=info.plan_period,
        method=info.method,
        draws=job.draws,
        seed=job.seed,
        assumptions=info.assumptions,
        statuses=statuses,
        failures=pd.DataFrame(draw_failures, columns=["draw", "error"]),
        runtime=math.nan,
        scenario=None if job.scenarios[position] is None else name,
        money=info.money,
    )


# ---------------------------------------------------------------------------------------
# the public call
# ---------------------------------------------------------------------------------------
def _accepted(method: str) -> set[str]:
    """The options ``method`` takes: ``profile``, and a solver's keyword arguments."""
    from capex.solvers.shift import shift
    from capex.solvers.spread import spread

    if method not in ("spread", "shift"):
        return {"profile"}
    solver = spread if method == "spread" else shift
    return {"profile", *list(inspect.signature(solver).parameters)[2:]}


def solver_options(method: str, options: Mapping[str, Any]) -> dict[str, Any]:
    """``options`` checked against what ``method`` takes; an option it does not take raises."""
    allowed = _accepted(method)
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise SweepError(
            f"method {method!r} takes no option {unknown[0]!r} (it takes: {', '.join(sorted(allowed))})"
        )
    return dict(options)


def options_for(method: str, options: Mapping[str, Any]) -> dict[str, Any]:
    """The part of ``options`` that ``method`` takes (a list of scenarios may mix planners:
    ``max_delay`` is for those that shift)."""
    allowed = _accepted(method)
    return {key: value for key, value in options.items() if key in allowed}


def _check_options(methods: set[str], options: Mapping[str, Any]) -> None:
    """Every option must be taken by at least one of the methods that will run."""
    allowed = set().union(*(_accepted(method) for method in methods))
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise SweepError(
            f"no method of this sweep ({', '.join(sorted(methods))}) takes the option "
            f"{unknown[0]!r}"
        )


def sweep(
    tasks: Sequence[Scenario | None] | Scenario,
    portfolio: Portfolio | None = None,
    executor: Any = None,
    *,
    ceilings: Any = None,
    draws: int = 0,
    cost: Any = None,
    delay: Any = None,
    price_index: Any = None,
    method: str | None = None,
    seed: int = 0,
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int | None = None,
    show_progress: bool | None = None,
    **options: Any,
) -> SweepResult:
    """Run many scenarios, or scenarios times draws, on local processes, an executor or Dask.

    Parameters
    ----------
    tasks
        The scenarios (a :class:`~capex.scenario.Scenario`, or ``None`` for the plan unchanged,
        named ``"base"``).
    portfolio
        The base projects; ``None`` for the bundled Yuecheng projects.
    executor
        ``None`` for local processes (``workers`` of them; ``workers=1`` runs in this process),
        a :class:`concurrent.futures.Executor`, or a :class:`distributed.Client`.
    ceilings
        The base ceilings, as :meth:`Scenario.run` takes them; a scenario's own replace them.
        With draws, ceilings of the whole plan (``{year: amount}`` in the display unit, 亿元
        for yuan, or one amount).
    draws
        0 (default) runs each scenario once; ``n`` runs each under ``n`` draws of ``cost``,
        ``delay`` and ``price_index`` (see :class:`~capex.risk.uncertainty.Uncertainty`),
        within the bounds of :func:`capex.limits.check_draws`.
    cost, delay, price_index
        The uncertainty of the draws.
    method
        Plain runs: ``"spread"`` or ``"shift"`` (default: each scenario's own). With draws:
        ``"cashflow"``, ``"spread"`` or ``"shift"`` (default: each scenario's own).
    seed
        Seed of the draws, from 0 to :data:`capex.limits.MAX_SEED`: draw ``d`` is the same
        wherever and however it runs.
    workers
        Local processes when ``executor`` is ``None`` (default: the number of CPUs). As with
        any process pool, a script that sweeps on local processes keeps its top-level code
        under ``if __name__ == "__main__":`` (the workers import the script's module).
    scheduler
        Address of a Dask scheduler (``"tcp://host:8786"``) to run on instead of ``executor``.
    batch_size
        Tasks per batch (default: about four batches per worker, at most 1,000 tasks each).
    show_progress
        True or False to show or hide the bar; ``None`` shows it when someone is watching.
    **options
        Passed to :func:`capex.spread` or :func:`capex.shift` (``profile``, ``max_delay``,
        ``time_limit``, ...); each scenario gets those its planner takes, and an option no
        planner of the sweep takes is an error.

    Returns
    -------
    SweepResult
        Per scenario its plan or its risk result (``result["later"]``), a table
        (``to_frame()``), ``summary()``, and the failed tasks with their scenario and draw.

    Examples
    --------
    >>> import capex
    >>> p = capex.load_projects()
    >>> later = capex.Scenario("later", shifts={19: 1, 20: 1})
    >>> done = capex.sweep([None, later], p, workers=1, show_progress=False)
    >>> done.to_frame()["status"].tolist()
    ['optimal', 'optimal']
    """
    started = time.perf_counter()
    base = portfolio if portfolio is not None else load_projects()
    scenarios = (tasks,) if isinstance(tasks, Scenario) else tuple(tasks)
    if not scenarios:
        raise SweepError("a sweep needs at least one scenario")
    for position, scenario in enumerate(scenarios, start=1):
        if scenario is not None and not isinstance(scenario, Scenario):
            raise SweepError(f"task {position} is not a Scenario (or None): {scenario!r}")
    if ceilings is None and not base.budget_lines:
        # a scale of no ceilings would run the scenario with none at all, without a word
        scaling = [
            s.name
            for s in scenarios
            if s is not None and s.ceiling_scale is not None and s.ceilings is None
        ]
        if scaling:
            raise SweepError(
                f"scenario {scaling[0]!r} scales the ceilings (ceiling_scale), but the sweep "
                "has none to scale: give ceilings= (capex scenario run scales the plan's own "
                "annual totals)"
            )
    if isinstance(draws, (int, np.integer)) and not isinstance(draws, bool) and draws == 0:
        draws = 0  # each scenario runs once
    else:  # within the bounds of capex.limits, memory included
        draws = check_draws(draws, per_draw=kept_per_draw(base), runs=len(scenarios))
    seed = check_seed(seed)
    uncertainty = None
    if draws:
        uncertainty = Uncertainty(cost, delay, price_index)
        if uncertainty.is_empty:
            raise SweepError(
                "state what is uncertain: cost=..., delay=... or price_index=... (capex offers "
                "no default distributions)"
            )
        if method is not None and method not in METHODS:
            raise SweepError(f"unknown method {method!r}; use one of {METHODS}")
        whole_plan_ceilings_minor(ceilings, base)
    elif cost is not None or delay is not None or price_index is not None:
        raise SweepError("cost, delay and price_index need draws=N (the number of draws)")
    elif method is not None and method not in ("spread", "shift"):
        raise SweepError(f"a plain run's method is 'spread' or 'shift', not {method!r}")
    _check_options(
        {method} if method else {s.method if s else "spread" for s in scenarios}, options
    )
    job = SweepJob(base, scenarios, ceilings, method, draws, uncertainty, seed, dict(options))
    result = run_job(
        job, executor, workers, scheduler, batch_size=batch_size, show_progress=show_progress
    )
    return dataclasses.replace(result, runtime=time.perf_counter() - started)


def run_job(
    job: SweepJob,
    executor: Any = None,
    workers: int | None = None,
    scheduler: str | None = None,
    *,
    batch_size: int | None = None,
    show_progress: bool | None = None,
    desc: str = "sweep",
    in_process: bool = False,
) -> SweepResult:
    """Run a prepared job on the executor asked for (``in_process``: here, whatever else is
    given) and put its result together."""
    started = time.perf_counter()
    backend = _InThisProcess(job) if in_process else _backend(job, executor, workers, scheduler)
    batches, count = execute(job, backend, batch_size, show_progress, desc=desc)
    return assemble(
        job,
        batches,
        executor=backend.description,
        n_batches=count,
        runtime=time.perf_counter() - started,
    )
