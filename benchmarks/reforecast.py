"""The re-forecast benchmark: actuals to a cut-off, the rest under binding ceilings.

The instance at a size: :func:`capex.solvers.synthetic.random_portfolio` (seeded), actuals to 2023 that are the
uniform cash flow with each project's spending scaled by a seeded factor from 0.6 to 1.15
(so some projects slip and carry more, some overrun), and a flat ceiling on the years after
the cut-off at 90 % of the remaining money's uniform peak (raised where it would admit no
plan), so the forecast binds. The methods:

* ``capex.reforecast``: the whole call, from the portfolio and the actuals to the result over
  all years;
* ``capex.spread (remaining portfolio)``: the same engine on the remaining portfolio alone,
  the floor a re-forecast adds its bookkeeping to;
* an LP peer on the same remaining portfolio (HiGHS simplex), for the objective.

Every answer is checked from the instance: the years to the cut-off equal the actuals, actual
to date + remaining = total for every project, the forecast within the ceilings.
"""

from __future__ import annotations

import functools
import statistics
from collections.abc import Callable
from typing import Any

import numpy as np

import capex
from benchmarks.peers import spread as spread_peers
from capex.afterlife.reforecast import remaining_portfolio
from capex.solvers import synthetic

CAPEX_REFORECAST = "capex.afterlife.reforecast"
SPREAD_REMAINING = "capex.spread (remaining portfolio)"
LP_PEER = "HiGHS simplex (highspy, arrays)"
METHODS = (CAPEX_REFORECAST, SPREAD_REMAINING, LP_PEER)
AS_OF = 2023
TIGHTNESS = 0.9
SIZES_FULL = (35, 1_000, 10_000, 100_000)
SIZES_QUICK = (35, 1_000)


def reforecast_case(size: int, seed: int) -> tuple[capex.Portfolio, capex.Actuals, dict]:
    """The portfolio, its actuals to :data:`AS_OF` and the ceilings of the years after it."""
    portfolio = synthetic.random_portfolio(size, seed=seed)
    flows = capex.cash_flow(portfolio).flows_minor.loc[:, :AS_OF]
    rng = np.random.default_rng(seed)
    factor = rng.uniform(0.6, 1.15, len(flows))
    spent = np.floor(flows.to_numpy() * factor[:, None]).astype(np.int64)
    rows, cols = np.nonzero(spent)
    actuals = capex.Actuals.from_arrays(
        flows.index.to_numpy()[rows],
        np.asarray(flows.columns, dtype=np.int64)[cols],
        spent[rows, cols],
        money=portfolio.money,
    )
    remaining, _ = remaining_portfolio(portfolio, actuals, AS_OF)
    ceilings = synthetic.binding_ceilings(remaining, tightness=TIGHTNESS)
    return portfolio, actuals, ceilings


def run_reforecast(
    size: int,
    method: str,
    seed: int,
    repeats: int,
    slow_after: float,
    measure: Callable[[Callable[[], Any]], tuple[Any, float, float]],
) -> dict[str, Any]:
    """Measure one method at one size; the fields of a results row."""
    portfolio, actuals, ceilings = reforecast_case(size, seed)
    remaining, _ = remaining_portfolio(portfolio, actuals, AS_OF)
    instance = spread_peers.spread_instance(remaining, ceilings)
    row: dict[str, Any] = {"problem": "reforecast", "size": size, "method": method}
    totals, memories, builds, solves = [], [], [], []
    result = None
    amounts = None
    for _ in range(max(repeats, 1)):
        if method == CAPEX_REFORECAST:
            call = functools.partial(
                capex.reforecast, portfolio, actuals, as_of=AS_OF, ceilings=ceilings
            )
        elif method == SPREAD_REMAINING:
            call = functools.partial(capex.spread, remaining, ceilings)
        else:
            call = functools.partial(spread_peers.SPREAD_PEERS[LP_PEER], instance)
        answer, elapsed, memory = measure(call)
        totals.append(elapsed)
        memories.append(memory)
        if method == LP_PEER:
            builds.append(answer.build_s)
            solves.append(answer.solve_s)
            amounts = answer.amounts_minor
            row["status"] = answer.status
        else:
            result = answer
            row["status"] = str(answer.status)
            row["note"] = answer.method
        if elapsed > slow_after:
            break
    row["runs"] = len(totals)
    row["total_s"] = statistics.median(totals)
    row["peak_mem_mib"] = max(memories)
    if builds:
        row["build_s"] = statistics.median(builds)
        row["solve_s"] = statistics.median(solves)
    if method == CAPEX_REFORECAST:
        problems = check_reforecast(portfolio, actuals, ceilings, result)
        forecast = result.schedule_minor.loc[remaining.ids, remaining.plan_years]
        amounts = forecast.to_numpy(np.int64)[instance.pairs.row, instance.year_position]
    elif method == SPREAD_REMAINING:
        dense = result.schedule_minor.reindex(
            index=instance.ids, columns=instance.years, fill_value=0
        ).to_numpy(np.int64)
        amounts = dense[instance.pairs.row, instance.year_position]
        problems = []
    else:
        problems = []
    if amounts is None:
        row["checked"] = "no answer"
        return row
    problems += spread_peers.check_amounts(instance, amounts)
    row["objective"] = spread_peers.l1_objective_wan(instance, amounts) / 2 / 10_000
    row["violations"] = problems
    row["checked"] = "valid" if not problems else "FAIL: " + problems[0]
    return row


def check_reforecast(
    portfolio: capex.Portfolio, actuals: capex.Actuals, ceilings: dict, result: Any
) -> list[str]:
    """Problems with a re-forecast, recomputed from the instance; empty when valid."""
    schedule = result.schedule_minor
    past = [y for y in schedule.columns if y <= AS_OF]
    problems = []
    if not np.array_equal(schedule[past].to_numpy(), actuals.matrix(portfolio.ids, past)):
        problems.append("the years to the cut-off differ from the actuals")
    total = portfolio.frame["total_minor"].to_numpy()
    to_date = actuals.to_date(portfolio.ids, AS_OF)
    placed = schedule.to_numpy().sum(axis=1)
    if not np.array_equal(placed, np.maximum(total, to_date)):
        problems.append("actual to date + remaining differs from the total")
    annual = schedule.sum(axis=0)
    for year, ceiling in ceilings.items():
        if annual.get(year, 0) > portfolio.money.ceiling_to_minor(ceiling):
            problems.append(f"{year} above its ceiling")
    return problems
