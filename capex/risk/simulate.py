"""Monte Carlo cost and schedule risk of a plan: :func:`simulate`.

The draws run as one scenario of a :func:`capex.sweep` (in this process, on local processes or
on a Dask cluster), so this module stands above :mod:`capex.risk.sweep` and the :mod:`capex.risk`
package it draws on.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from capex.errors import CapexError
from capex.model.budget import whole_plan_ceilings_minor
from capex.model.limits import check_draws, check_seed
from capex.model.portfolio import Portfolio
from capex.risk.evaluate import METHODS
from capex.risk.result import RiskResult
from capex.risk.sweep import run_job
from capex.risk.tasks import SweepJob, kept_per_draw, prepare, solver_options
from capex.risk.uncertainty import DRAW_BLOCK, Uncertainty
from capex.terms import check_lang, phrase

__all__ = ["simulate"]


def simulate(
    portfolio: Portfolio,
    ceilings: Any = None,
    draws: int = 10_000,
    cost: Any = None,
    delay: Any = None,
    seed: int = 0,
    method: str = "cashflow",
    executor: Any = None,
    *,
    price_index: Any = None,
    profile: Any = "uniform",
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int | None = None,
    show_progress: bool | None = None,
    lang: str | None = None,
    **options: Any,
) -> RiskResult:
    """How a plan's yearly spending is spread when costs change and projects start late.

    Parameters
    ----------
    portfolio
        The projects.
    ceilings
        Ceilings of the whole plan in the money's display unit, 亿元 for the bundled plan
        (``{year: amount}``, one amount for every plan year, or one budget line over every
        project), or ``None``. Each year is measured against its
        ceiling; without ceilings, against the plan's own total of each plan year.
    draws
        Number of draws, from 1 to :data:`capex.model.limits.MAX_DRAWS`, and at most
        :data:`capex.model.limits.MAX_DRAW_CELLS` amounts kept (see :func:`capex.model.limits.check_draws`).
    cost
        Relative change of each project's cost: a distribution
        (``capex.risk.Triangular(-0.05, 0.05, 0.40)``, ``PERT``, ``Lognormal``, ``Uniform``,
        ``Empirical``, or its text), or per project (a mapping or Series by id, or a list of
        ``(rule, distribution)`` pairs); see :class:`~capex.risk.uncertainty.Uncertainty`.
    delay
        Start delay in whole years (``capex.risk.Discrete({0: 0.6, 1: 0.3, 2: 0.1})``), in the same
        forms; it applies to the projects that have not started when the plan period begins.
    seed
        Seed of the draws, a whole number from 0 to :data:`capex.model.limits.MAX_SEED`; the same
        seed gives the same draws for every method and executor.
    method
        ``"cashflow"``: the drawn cash flows as they fall, computed for whole blocks of draws
        with numpy (fast; the executor is not needed). ``"spread"`` or ``"shift"``: each draw
        re-planned under the ceilings by :func:`capex.spread` or :func:`capex.shift`; the
        year's spending is then what the plan needs, and it goes over a ceiling only when no
        plan fits.
    executor
        Where ``"spread"`` and ``"shift"`` draws run (see :func:`capex.sweep`): ``None`` for
        local processes (``workers``; ``workers=1`` for this process), a
        :class:`concurrent.futures.Executor` or a :class:`distributed.Client`. With
        ``"cashflow"`` the draws run in this process unless an executor or a scheduler is
        given.
    price_index
        A cost change drawn once per draw for every project (a construction price index), on
        top of each project's own: the common factor that makes project costs move together.
    profile
        Spend profile of the cash flows (a project's ``profile`` column overrides it).
    workers, scheduler, batch_size, show_progress
        As for :func:`capex.sweep`.
    lang
        ``"en"`` (default) or ``"zh"``: the language of the result's summary, HTML view and
        fan chart (each also takes ``lang=``).
    **options
        Passed to :func:`capex.spread` or :func:`capex.shift` (``max_delay``,
        ``time_limit``, ...).

    Returns
    -------
    RiskResult
        ``annual_quantiles`` (years x P10, P50, P80, P90, P95, in the display unit: 亿元 for
        the bundled plan), ``breach_probability``
        and ``reserve`` by year, ``extra_budget_quantiles``, ``drivers``, ``summary()``;
        :func:`capex.plotting.plot_risk` draws it and :func:`capex.to_excel` writes it.

    Raises
    ------
    CapexError
        For no stated uncertainty, bad distributions, ceilings or options, or when every draw
        fails.

    Examples
    --------
    >>> import capex
    >>> p = capex.load_projects()
    >>> risk = capex.simulate(
    ...     p, draws=2_000, cost=capex.risk.Triangular(-0.05, 0.05, 0.40),
    ...     delay=capex.risk.Discrete({0: 0.6, 1: 0.3, 2: 0.1}))
    >>> list(risk.annual_quantiles.columns)
    ['P10', 'P50', 'P80', 'P90', 'P95']
    """
    started = time.perf_counter()
    stored, lang = lang, check_lang(lang)  # worded now in lang; shown later as asked
    if method not in METHODS:
        raise CapexError(
            phrase("err_risk_unknown_method", method=repr(method), methods=", ".join(METHODS))
        )
    draws = check_draws(draws, per_draw=kept_per_draw(portfolio))
    seed = check_seed(seed)
    uncertainty = Uncertainty(cost, delay, price_index)
    if uncertainty.is_empty:
        raise CapexError(phrase("err_risk_nothing_uncertain"))
    whole_plan_ceilings_minor(portfolio, ceilings)
    options = {"profile": profile, **solver_options(method, options)}
    job = SweepJob(portfolio, (None,), ceilings, method, draws, uncertainty, seed, options)
    prepare(job, 0)  # bad data, ceilings or distributions raise here, before any work is sent
    in_process = method == "cashflow" and executor is None and scheduler is None
    if in_process and batch_size is None:
        batch_size = DRAW_BLOCK  # one array computation per block of draws
    result = run_job(
        job,
        executor,
        workers,
        scheduler,
        batch_size=batch_size,
        show_progress=show_progress,
        desc="draws",
        in_process=in_process,
    )
    risk = result.risks[0]
    if risk is None:
        first = result.failures.iloc[0]["error"] if len(result.failures) else "no draw ran"
        raise CapexError(phrase("err_risk_every_draw_failed", first=first))
    return dataclasses.replace(risk, runtime=time.perf_counter() - started, lang=stored)
