"""Many writers at once, and a writer killed in the middle of a save, on SQLite and on
PostgreSQL: no version lost, none half-saved, the chain one unbroken line."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

import capex
from capex.store import open_store

pytestmark = pytest.mark.slow

WRITERS = 8
SAVES = 50


def _write(url: str, writer: int) -> None:
    """One writer: SAVES versions, each its own small scenario."""
    with open_store(url) as store:
        for i in range(SAVES):
            scenario = capex.Scenario(f"w{writer}-{i}", shifts={19: i % 3}, escalation=i / 1000)
            store.save(scenario, f"writer {writer} save {i}", author=f"writer {writer}")


def _fork() -> multiprocessing.context.BaseContext:
    # forked writers start with capex already imported: the test spends its time writing
    return multiprocessing.get_context("fork")


def test_eight_processes_saving_fifty_versions_each_lose_none(store_url):
    open_store(store_url).close()  # made (and migrated) once, as an office's store is
    processes = [
        _fork().Process(target=_write, args=(store_url, writer)) for writer in range(WRITERS)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=600)
    assert [p.exitcode for p in processes] == [0] * WRITERS
    with open_store(store_url) as store:
        records = store.records()
        report = store.verify()
    assert len(records) == WRITERS * SAVES
    assert {r.name for r in records} == {
        f"writer {w} save {i}" for w in range(WRITERS) for i in range(SAVES)
    }
    assert report.ok, report.summary()
    assert report.entries == WRITERS * SAVES  # one gapless line of entries


@pytest.fixture(scope="module")
def big() -> capex.Portfolio:
    """A 100,000-project plan."""
    return capex.solvers.synthetic.random_portfolio(100_000, seed=0)


def _save_and_die(url: str, portfolio: capex.Portfolio, point: str) -> None:
    import capex.store.store as saving

    def fault(step: str) -> None:
        if step == point:
            os.kill(os.getpid(), signal.SIGKILL)

    saving.fault_point = fault
    with open_store(url) as store:
        store.save(portfolio, "100,000 projects", author="王芳")


def test_a_save_killed_midway_leaves_no_half_saved_version(store_url, big, bundled_plan):
    # killed at the last fault point: every row of the version written, nothing committed
    point = "ledger"
    with open_store(store_url) as store:
        store.save(bundled_plan, "before", author="王芳")
    process = _fork().Process(target=_save_and_die, args=(store_url, big, point))
    process.start()
    process.join(timeout=600)
    assert process.exitcode == -signal.SIGKILL
    with open_store(store_url) as store:
        report = store.verify()
        assert [r.name for r in store.records()] == ["before"]
        # the plan and its run time: nothing of the killed save
        assert report.ok and report.contents == 2 and report.entries == 1
        after = store.save(bundled_plan, "after", author="王芳")  # the lock was released
    assert after.id > 1
