"""A sweep's tasks: the job every batch is sent, and what one batch of tasks computes.

A task is one scenario (a plain run) or one (scenario, draw) pair. A :class:`SweepJob` holds
everything a batch needs (the base portfolio, the scenarios, the ceilings, the uncertainty, the
seed and the solver's options) and is sent to the workers once per batch (or once to Dask);
:func:`run_batch` runs tasks ``start .. stop - 1`` in a worker and returns one :class:`Piece`
per scenario it touched. A scenario is applied once per worker (:func:`prepare`, cached), its
draws come from the per-block random streams of :mod:`capex.risk.uncertainty`, and a task that
raises is recorded with its scenario and draw, the rest kept.
"""

from __future__ import annotations

import inspect
import threading
import uuid
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError
from capex.model.budget import whole_plan_ceilings_minor
from capex.model.money import Money
from capex.model.portfolio import Portfolio
from capex.risk.evaluate import BaseFlows, Outcome, evaluate
from capex.risk.uncertainty import Resolved, Uncertainty
from capex.solvers.result import PlanResult
from capex.solvers.scenario import Scenario
from capex.terms import Message, phrase, profile_phrase

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
    ceilings_minor = whole_plan_ceilings_minor(portfolio, ceilings)
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
        assumptions=(
            (phrase("profile"), profile_phrase(profile)),
            *resolved.describe(list(portfolio.ids)),
        ),
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


def _error_text(error: BaseException) -> Message | str:
    """What a failed task says: a capex error's words in every language, worded when shown
    (so that a report in Chinese says it in Chinese), anything else as raised."""
    if isinstance(error, CapexError):
        return Message("error_as_raised", error=error)
    return f"{type(error).__name__}: {error}"


def kept_per_draw(portfolio: Portfolio) -> int:
    """The amounts one draw keeps, for :func:`capex.model.limits.check_draws`: each project's
    plan-period spending and each year's total over the projects' windows (delays add a few
    years more)."""
    if not len(portfolio):
        return 0
    start, end = portfolio.column("start_year"), portfolio.column("end_year")
    return len(portfolio) + int(end.max()) - int(start.min()) + 1


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
            phrase(
                "err_risk_method_option",
                method=repr(method),
                option=repr(unknown[0]),
                allowed=", ".join(sorted(allowed)),
            )
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
            phrase(
                "err_risk_sweep_option",
                methods=", ".join(sorted(methods)),
                option=repr(unknown[0]),
            )
        )
