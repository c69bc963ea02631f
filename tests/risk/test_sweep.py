"""Sweeps: the same answers on every executor, batches instead of floods, failures kept apart,
and no result lost with a killed worker."""

from __future__ import annotations

import concurrent.futures as cf
import functools
import importlib
import os
import signal
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from chinese_errors import check_error

import capex
from capex.model.limits import LimitError
from capex.risk.distributions import Discrete, Triangular
from capex.risk.executors import MAX_ATTEMPTS, MAX_TASKS_PER_BATCH, batch_ranges
from capex.risk.tasks import SweepError, run_batch

RUN_BATCH = run_batch  # the real one, for the gated batches of a killed worker's test

COST = Triangular(-0.05, 0.05, 0.40)
DELAY = Discrete({0: 0.6, 1: 0.3, 2: 0.1})
CEILINGS = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}
LATER = capex.Scenario("later", shifts={19: 1, 20: 1}, escalation=0.03)
CUT = capex.Scenario("cut", ceiling_scale=0.95)


def risk_sweep(portfolio: capex.Portfolio, **where) -> capex.results.SweepResult:
    """Three scenarios x 30 draws re-planned by the spread: the sweep the executors must agree on."""
    return capex.sweep(
        [None, LATER, CUT],
        portfolio,
        ceilings=CEILINGS,
        draws=30,
        cost=COST,
        delay=DELAY,
        method="spread",
        seed=21,
        show_progress=False,
        **where,
    )


def same(a: capex.results.SweepResult, b: capex.results.SweepResult) -> None:
    assert a.names == b.names and a.draws == b.draws
    assert a.failures.equals(b.failures)
    for x, y in zip(a.risks, b.risks):
        assert x.annual_draws_minor.equals(y.annual_draws_minor)
        assert x.drivers_minor.equals(y.drivers_minor)
        assert x.statuses.sort_index().equals(y.statuses.sort_index())


@pytest.fixture(scope="module")
def here(yuecheng) -> capex.results.SweepResult:
    """The sweep in this process, one batch after another."""
    return risk_sweep(yuecheng, workers=1)


# -- plain runs ----------------------------------------------------------------------------
def test_plain_scenarios_give_their_own_plans(yuecheng):
    done = capex.sweep([None, LATER], yuecheng, ceilings=CEILINGS, workers=1, show_progress=False)
    assert done.names == ("base", "later") and done.ok
    for scenario, result in zip([capex.Scenario("base"), LATER], done.results):
        alone = scenario.run(yuecheng, CEILINGS)
        assert result.schedule_minor.equals(alone.schedule_minor)
        assert result.scenario == scenario.name
    assert done["later"] is done.results[1]
    table = done.to_frame()
    assert table.loc["later", "status"] == "optimal" and table.loc["later", "total"] == 78.01


def test_a_failing_scenario_is_reported_and_the_others_kept(yuecheng):
    stranger = capex.Scenario("stranger", shifts={999: 1})
    done = capex.sweep(
        [LATER, stranger, None], yuecheng, ceilings=CEILINGS, workers=1, show_progress=False
    )
    assert not done.ok
    assert done.results[0] is not None and done.results[2] is not None and done.results[1] is None
    (row,) = done.failures.itertuples()
    assert (row.task, row.scenario) == (1, "stranger") and "no such project" in row.error
    assert "stranger: 1 task(s)" in done.summary()
    assert done.to_frame().loc["stranger", "status"] == "failed"


def test_scenarios_that_shift_get_the_shift_options(yuecheng):
    shifting = capex.Scenario("cut", ceiling_scale=0.9, method="shift")
    done = capex.sweep(
        [LATER, shifting], yuecheng, ceilings=CEILINGS, max_delay=2, time_limit=30, workers=1,
        show_progress=False,
    )  # fmt: skip
    assert done.ok and isinstance(done.results[1], capex.results.ShiftResult)


# -- the same answers everywhere ------------------------------------------------------------
def test_a_risk_sweep_gives_one_risk_result_per_scenario(here):
    assert here.ok and len(here.risks) == 3
    assert [r.scenario for r in here.risks] == [None, "later", "cut"]
    assert all(r.evaluated == 30 for r in here.risks)
    table = here.to_frame()
    assert list(table.index) == ["base", "later", "cut"]
    assert (table["breach_probability"] >= 0).all() and (table["failed"] == 0).all()


def test_every_scenario_sees_the_same_draws(yuecheng, here):
    # common random numbers: the base and a ceiling cut draw the same costs and delays
    cash = capex.sweep(
        [None, CUT], yuecheng, ceilings=CEILINGS, draws=30, cost=COST, delay=DELAY,
        method="cashflow", seed=21, workers=1, show_progress=False,
    )  # fmt: skip
    assert cash.risks[0].annual_draws_minor.equals(cash.risks[1].annual_draws_minor)
    # and the spread of the base re-plans exactly the cash flow method's draws
    totals = here.risks[0].annual_draws_minor.sum(axis=1)
    assert totals.equals(cash.risks[0].annual_draws_minor.sum(axis=1))


@pytest.mark.slow
@pytest.mark.parametrize("batch_size", [1, 7, 90])
def test_threads_and_any_batching_give_the_same_answers(yuecheng, here, batch_size):
    with cf.ThreadPoolExecutor(3) as pool:
        same(here, risk_sweep(yuecheng, executor=pool, batch_size=batch_size))


class LastFirst(cf.Executor):
    """Runs nothing until every batch is in, then the last submitted first, on one thread."""

    def __init__(self, expected: int) -> None:
        self.expected = expected
        self.queue: list[tuple[cf.Future, object, tuple]] = []
        self.order: list[int] = []
        self.lock = threading.Lock()

    def submit(self, fn, /, *args, **kwargs):
        future: cf.Future = cf.Future()
        with self.lock:
            self.queue.append((future, fn, args))
            if len(self.queue) == self.expected:
                threading.Thread(target=self._run, daemon=True).start()
        return future

    def _run(self) -> None:
        for position, (future, fn, args) in reversed(list(enumerate(self.queue))):
            self.order.append(position)
            future.set_result(fn(*args))


def test_the_order_in_which_batches_finish_does_not_matter(yuecheng, here):
    count = len(batch_ranges(3 * 30, 1, 10))
    executor = LastFirst(count)
    same(here, risk_sweep(yuecheng, executor=executor, batch_size=10))
    assert executor.order == list(reversed(range(count)))


@pytest.mark.slow
def test_local_processes_give_the_same_answers(yuecheng, here):
    done = risk_sweep(yuecheng, workers=2)
    assert str(done.executor) == "2 local processes"
    same(here, done)


@pytest.mark.slow
def test_a_dask_local_cluster_gives_the_same_answers(yuecheng, here):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = risk_sweep(yuecheng, executor=client)
        at_address = risk_sweep(yuecheng, scheduler=cluster.scheduler_address)
    assert str(on_dask.executor).startswith("Dask at ")
    same(here, on_dask)
    same(here, at_address)


@pytest.mark.slow
def test_a_worker_killed_mid_sweep_loses_no_result(yuecheng):
    distributed = pytest.importorskip("distributed")
    kwargs = {
        "ceilings": CEILINGS, "draws": 40, "cost": COST, "delay": DELAY, "method": "spread",
        "seed": 5, "batch_size": 2, "show_progress": False,
    }  # fmt: skip
    expected = capex.sweep([None, CUT], yuecheng, workers=1, **kwargs)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        pids = client.run(os.getpid)
        outcome: dict[str, object] = {}

        def run() -> None:
            try:
                outcome["result"] = capex.sweep([None, CUT], yuecheng, executor=client, **kwargs)
            except BaseException as error:  # noqa: BLE001 - reported by the test below
                outcome["error"] = error

        sweeping = threading.Thread(target=run)
        sweeping.start()
        victim = None
        while victim is None and sweeping.is_alive():
            busy = [
                w
                for w, tasks in client.processing().items()
                if any("capex-sweep-" in t and "job" not in t for t in tasks)
            ]
            victim = busy[0] if busy else None
            time.sleep(0.01)
        assert victim is not None, "the sweep ended before a worker could be killed"
        killed_mid_sweep = sweeping.is_alive()
        os.kill(pids[victim], signal.SIGKILL)
        sweeping.join(timeout=300)
        assert not sweeping.is_alive()
    assert killed_mid_sweep
    assert "error" not in outcome, outcome.get("error")
    done = outcome["result"]
    assert done.ok and all(r.evaluated == 40 for r in done.risks)
    same(expected, done)


def gated_batch(gate: str, job, start: int, stop: int):
    """``run_batch`` in a pool worker that first says it holds a batch (a file named by its
    process id) and then waits for the file ``go``: until the test lets it, no batch can end."""
    folder = Path(gate)
    (folder / f"holding-{os.getpid()}").touch()
    while not (folder / "go").exists():
        time.sleep(0.005)
    return RUN_BATCH(job, start, stop)


@pytest.mark.slow
def test_a_local_process_killed_mid_sweep_loses_no_result(yuecheng, monkeypatch, tmp_path):
    sweep_module = importlib.import_module("capex.risk.executors")
    pools = []
    make_pool = sweep_module._Futures._pool
    monkeypatch.setattr(
        sweep_module._Futures, "_pool", lambda self: pools.append(1) or make_pool(self)
    )
    kwargs = {
        "ceilings": CEILINGS, "draws": 40, "cost": COST, "delay": DELAY, "method": "spread",
        "seed": 7, "batch_size": 4, "show_progress": False,
    }  # fmt: skip
    expected = capex.sweep([None, CUT, LATER], yuecheng, workers=1, **kwargs)
    # every batch, in every pool, runs behind the gate
    monkeypatch.setattr(sweep_module, "run_batch", functools.partial(gated_batch, str(tmp_path)))
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = capex.sweep([None, CUT, LATER], yuecheng, workers=2, **kwargs)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            outcome["error"] = error

    sweeping = threading.Thread(target=run)
    sweeping.start()
    try:
        holding: list[Path] = []
        while not holding and sweeping.is_alive():
            holding = sorted(tmp_path.glob("holding-*"))
            time.sleep(0.005)
        assert holding, f"no worker took a batch: {outcome.get('error')!r}"
        # a worker inside a batch, so the sweep cannot have ended: kill it there
        os.kill(int(holding[0].name.removeprefix("holding-")), signal.SIGKILL)
    finally:
        (tmp_path / "go").touch()  # never leave a worker waiting
        sweeping.join(timeout=300)
    assert not sweeping.is_alive()
    assert "error" not in outcome, outcome.get("error")
    assert len(pools) == 2  # the broken pool was replaced
    done = outcome["result"]
    assert done.ok
    same(expected, done)


class BreaksWhileHandedOut(cf.ThreadPoolExecutor):
    """A pool that breaks after taking two batches, while the sweep still hands out the rest
    (a worker killed then): it refuses every later batch at once, as a broken process pool
    does."""

    def __init__(self) -> None:
        super().__init__(2)
        self.taken = 0

    def submit(self, fn, /, *args, **kwargs):
        self.taken += 1
        if self.taken > 2:
            raise BrokenProcessPool("a child process terminated abruptly")
        return super().submit(fn, *args, **kwargs)


def test_a_pool_that_breaks_while_batches_are_handed_out_is_replaced(yuecheng, here, monkeypatch):
    sweep_module = importlib.import_module("capex.risk.executors")
    pools: list[cf.Executor] = []

    def make_pool(backend):
        pools.append(BreaksWhileHandedOut() if not pools else cf.ThreadPoolExecutor(2))
        return pools[-1]

    monkeypatch.setattr(sweep_module._Futures, "_pool", make_pool)
    done = risk_sweep(yuecheng, workers=2, batch_size=10)
    assert len(pools) == 2 and pools[0].taken > 2
    same(here, done)


class Flaky(cf.ThreadPoolExecutor):
    """Loses the batches it is told to, the first ``times`` times each is submitted, as an
    executor loses the work of a worker that dies."""

    def __init__(self, lose: set[int], times: int) -> None:
        super().__init__(2)
        self.lose, self.times, self.seen = lose, times, {}

    def submit(self, fn, /, *args, **kwargs):
        start = args[1]
        self.seen[start] = self.seen.get(start, 0) + 1
        if start in self.lose and self.seen[start] <= self.times:
            future: cf.Future = cf.Future()
            future.set_exception(ConnectionError("the worker was lost"))
            return future
        return super().submit(fn, *args, **kwargs)


def test_a_lost_batch_is_run_again(yuecheng, here):
    with Flaky({10, 40}, times=2) as pool:
        done = risk_sweep(yuecheng, executor=pool, batch_size=10)
    same(here, done)
    assert pool.seen[10] == pool.seen[40] == 3


def test_a_batch_lost_every_time_is_reported_and_the_rest_kept(yuecheng, here):
    with Flaky({30}, times=MAX_ATTEMPTS) as pool:
        done = risk_sweep(yuecheng, executor=pool, batch_size=10)
    assert pool.seen[30] == MAX_ATTEMPTS
    # tasks 30-39 are the first ten draws of the second scenario
    assert done.failures["task"].tolist() == list(range(30, 40))
    assert set(done.failures["scenario"]) == {"later"} and done.failures["draw"].tolist() == list(
        range(10)
    )
    assert done.failures["error"].str.contains("the worker was lost").all()
    assert done.risks[1].evaluated == 20 and done.to_frame().loc["later", "failed"] == 10
    for kept in (0, 2):
        assert done.risks[kept].annual_draws_minor.equals(here.risks[kept].annual_draws_minor)


# -- batches --------------------------------------------------------------------------------
class Counting(cf.ThreadPoolExecutor):
    def __init__(self) -> None:
        super().__init__(2)
        self.submitted = 0

    def submit(self, fn, /, *args, **kwargs):
        self.submitted += 1
        return super().submit(fn, *args, **kwargs)


@pytest.mark.slow
def test_a_hundred_thousand_small_tasks_go_in_a_few_batches(yuecheng):
    scenarios = [None] + [
        capex.Scenario(f"cut {k}", ceiling_scale=1 - k / 100) for k in range(1, 10)
    ]
    with Counting() as pool:
        done = capex.sweep(
            scenarios, yuecheng, executor=pool, ceilings=CEILINGS, draws=10_000, cost=COST,
            delay=DELAY, method="cashflow", show_progress=False,
        )  # fmt: skip
    tasks = 10 * 10_000
    assert pool.submitted == tasks // MAX_TASKS_PER_BATCH == 100
    assert done.ok and all(r.evaluated == 10_000 for r in done.risks)
    # the same draws for every scenario; a lower ceiling is breached more often
    chances = [r.breach_probability[2025] for r in done.risks]
    assert chances == sorted(chances)
    alone = capex.simulate(yuecheng, CEILINGS, 10_000, cost=COST, delay=DELAY)
    assert done.risks[0].annual_draws_minor.equals(alone.annual_draws_minor)


def test_batches_cover_every_task_once():
    for tasks, workers, size in [(1, 1, None), (7, 2, None), (100_000, 2, None), (10, 4, 3)]:
        ranges = batch_ranges(tasks, workers, size)
        covered = np.concatenate([np.arange(a, b) for a, b in ranges])
        assert np.array_equal(covered, np.arange(tasks))
        assert all(b - a <= MAX_TASKS_PER_BATCH for a, b in ranges) or size
    assert len(batch_ranges(1_000, 2, None)) == 8  # four per worker


# -- refusals -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ({"tasks": []}, "at least one scenario"),
        ({"tasks": ["later.toml"]}, "is not a Scenario"),
        ({"draws": -1}, "draws must be a whole number from 1 to"),
        ({"draws": 10}, "state what is uncertain"),
        ({"cost": COST}, "need draws=N"),
        ({"method": "cashflow"}, "a plain run's method is 'spread' or 'shift'"),
        ({"draws": 5, "cost": COST, "method": "x"}, "unknown method 'x'"),
        ({"colour": "red"}, "takes the option 'colour'"),
        ({"workers": 0}, "workers must be a whole number of at least 1"),
        ({"batch_size": 0}, "batch_size must be a whole number of at least 1"),
        ({"executor": object()}, "executor must be None"),
        ({"executor": cf.ThreadPoolExecutor(1), "scheduler": "tcp://x:1"}, "not both"),
        ({"scheduler": "tcp://127.0.0.1:9"}, "cannot reach the Dask scheduler"),
    ],
)
def test_bad_sweeps_are_refused_clearly(yuecheng, arguments, words, monkeypatch):
    monkeypatch.setattr(importlib.import_module("capex.risk.executors"), "CONNECT_TIMEOUT", "1s")
    arguments = {"tasks": [None], "show_progress": False, "workers": 1, **arguments}
    if "executor" in arguments or "scheduler" in arguments:
        arguments.pop("workers")
    with pytest.raises((SweepError, LimitError)) as caught:  # a bound's own error, past it
        capex.sweep(portfolio=yuecheng, **arguments)
    assert words in str(caught.value)


def test_a_scenario_can_be_sent_to_another_process():
    import pickle

    scenario = capex.Scenario("x", shifts={19: 1}, ceilings={2021: 10}, profiles={3: "front"})
    again = pickle.loads(pickle.dumps(scenario))
    assert again.to_dict() == scenario.to_dict()
    assert isinstance(pd.Series(dict(again.shifts)), pd.Series)


def test_a_scenario_that_scales_ceilings_the_sweep_has_not_got_is_refused(yuecheng):
    cut = capex.Scenario("cut", ceiling_scale=0.9)
    with pytest.raises(SweepError, match="scenario 'cut' scales the ceilings"):
        capex.sweep([cut], yuecheng, workers=1, show_progress=False)
    done = capex.sweep([cut], yuecheng, ceilings=11, workers=1, show_progress=False)
    assert done.results[0].ceilings_minor.max() == 99_000  # 11 亿元 x 0.9


@pytest.mark.parametrize(
    ("make", "english"),
    [
        (
            lambda: batch_ranges(10, 2, batch_size=0),
            "batch_size must be a whole number of at least 1",
        ),
        (lambda: capex.risk.sweep.sweep([]), "a sweep needs at least one scenario"),
    ],
    ids=["batch size", "no scenario"],
)
def test_a_sweep_error_reads_in_chinese(make, english):
    check_error(make, english)
