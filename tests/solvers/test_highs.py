"""HiGHS as capex starts it: one scheduler thread per calling thread."""

from __future__ import annotations

import threading

import highspy

from capex.solvers._highs import SCHEDULER_THREADS, new_highs


def _empty_run(threads: int) -> highspy.HighsStatus:
    highs = highspy._Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", threads)
    return highs.run()


def test_capex_starts_each_threads_scheduler_with_one_thread():
    # HiGHS sizes a thread's scheduler once and refuses another size afterwards: a run
    # asking for two threads fails where capex started the scheduler, and not elsewhere
    seen = {}

    def in_a_fresh_thread(name, start_capex):
        if start_capex:
            new_highs(False, 0)
        seen[name] = _empty_run(SCHEDULER_THREADS + 1)

    for name, start_capex in (("after capex", True), ("without capex", False)):
        thread = threading.Thread(target=in_a_fresh_thread, args=(name, start_capex))
        thread.start()
        thread.join()
    assert SCHEDULER_THREADS == 1
    assert seen == {
        "after capex": highspy.HighsStatus.kError,
        "without capex": highspy.HighsStatus.kOk,
    }


def test_a_scheduler_started_before_capex_is_kept():
    # other code in the process started this thread's scheduler at its default size: capex's
    # instances leave the size alone and solve on it
    result = {}

    def in_a_fresh_thread():
        _empty_run(0)
        highs = new_highs(False, 0)
        result["status"] = highs.run()

    thread = threading.Thread(target=in_a_fresh_thread)
    thread.start()
    thread.join()
    assert result["status"] == highspy.HighsStatus.kOk
