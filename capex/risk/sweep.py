"""Sweeps: many scenarios, or scenarios times Monte Carlo draws, on any executor.

:func:`sweep` runs a list of :class:`~capex.solvers.scenario.Scenario` objects on one base portfolio,
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
(:func:`capex.io.progress.progress`) counts finished batches.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from capex.io.projects import load_projects
from capex.model.budget import whole_plan_ceilings_minor
from capex.model.limits import check_draws, check_seed
from capex.model.portfolio import Portfolio
from capex.risk.evaluate import METHODS
from capex.risk.executors import _backend, _InThisProcess, execute
from capex.risk.sweep_result import SweepResult, assemble
from capex.risk.tasks import SweepError, SweepJob, _check_options, kept_per_draw
from capex.risk.uncertainty import Uncertainty
from capex.solvers.scenario import Scenario
from capex.terms import phrase

__all__ = ["run_job", "sweep"]


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
        The scenarios (a :class:`~capex.solvers.scenario.Scenario`, or ``None`` for the plan unchanged,
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
        within the bounds of :func:`capex.model.limits.check_draws`.
    cost, delay, price_index
        The uncertainty of the draws.
    method
        Plain runs: ``"spread"`` or ``"shift"`` (default: each scenario's own). With draws:
        ``"cashflow"``, ``"spread"`` or ``"shift"`` (default: each scenario's own).
    seed
        Seed of the draws, from 0 to :data:`capex.model.limits.MAX_SEED`: draw ``d`` is the same
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
        raise SweepError(phrase("err_risk_sweep_empty"))
    for position, scenario in enumerate(scenarios, start=1):
        if scenario is not None and not isinstance(scenario, Scenario):
            raise SweepError(phrase("err_risk_sweep_task", position=position, value=repr(scenario)))
    if ceilings is None and not base.budget_lines:
        # a scale of no ceilings would run the scenario with none at all, without a word
        scaling = [
            s.name
            for s in scenarios
            if s is not None and s.ceiling_scale is not None and s.ceilings is None
        ]
        if scaling:
            raise SweepError(phrase("err_risk_sweep_scale", name=repr(scaling[0])))
    if isinstance(draws, (int, np.integer)) and not isinstance(draws, bool) and draws == 0:
        draws = 0  # each scenario runs once
    else:  # within the bounds of capex.model.limits, memory included
        draws = check_draws(draws, per_draw=kept_per_draw(base), runs=len(scenarios))
    seed = check_seed(seed)
    uncertainty = None
    if draws:
        uncertainty = Uncertainty(cost, delay, price_index)
        if uncertainty.is_empty:
            raise SweepError(phrase("err_risk_sweep_uncertain"))
        if method is not None and method not in METHODS:
            raise SweepError(
                phrase("err_risk_sweep_method", value=repr(method), known=str(METHODS))
            )
        whole_plan_ceilings_minor(base, ceilings)
    elif cost is not None or delay is not None or price_index is not None:
        raise SweepError(phrase("err_risk_sweep_draws"))
    elif method is not None and method not in ("spread", "shift"):
        raise SweepError(phrase("err_risk_sweep_plain_method", value=repr(method)))
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
