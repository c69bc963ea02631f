"""Where a sweep's batches run: in this process, on local processes, on any
:class:`concurrent.futures.Executor`, or on a Dask cluster.

Each backend submits contiguous batches of tasks (:func:`batch_ranges`: about
:data:`BATCHES_PER_WORKER` per worker, at most :data:`MAX_TASKS_PER_BATCH` tasks each) and hands
back each batch's pieces as it finishes; :func:`execute` runs them all under a progress bar. A
batch lost with its worker (a killed process, a lost Dask worker) is submitted again, up to
:data:`MAX_ATTEMPTS` times, then its tasks are reported as failed. A Dask scheduler given by its
address is checked before capex connects (:func:`scheduler_address`).
"""

from __future__ import annotations

import concurrent.futures as cf
import math
import multiprocessing
import os
import re
import sys
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from capex.io.progress import progress
from capex.risk.tasks import Piece, SweepError, SweepJob, _error_text, run_batch
from capex.terms import phrase

MAX_TASKS_PER_BATCH = 1_000
"""At most this many tasks in one batch (unless ``batch_size`` says otherwise)."""


BATCHES_PER_WORKER = 4
"""Batches aimed at per worker, so that a slow batch does not leave the others idle."""


MAX_ATTEMPTS = 3
"""Times a batch is submitted before its tasks are reported as failed (a lost worker)."""


CONNECT_TIMEOUT = "10s"
"""How long to wait for a Dask scheduler given by its address."""


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
        context.set_forkserver_preload(["__main__", "capex.risk.executors"])
        return context
    return multiprocessing.get_context("spawn")


def _identity(value: Any) -> Any:
    return value


def _is_dask_client(executor: Any) -> bool:
    return any(
        cls.__name__ == "Client" and cls.__module__.startswith("distributed")
        for cls in type(executor).__mro__
    )


def _connect(scheduler: str) -> Any:
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - a dependency of capex
        raise SweepError(phrase("err_risk_needs_distributed")) from None
    address = scheduler_address(scheduler)
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except Exception as error:  # noqa: BLE001 - distributed fails in many ways; say it in one line
        raise SweepError(
            phrase("err_risk_unreachable", scheduler=scheduler, reason=str(error))
        ) from None


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
        raise SweepError(phrase("err_risk_address_text", value=repr(scheduler)))
    text = scheduler.strip()
    try:
        scheme, location = parse_address(text, strict=False)
    except ValueError as error:
        raise SweepError(
            phrase("err_risk_not_address", address=repr(text), reason=str(error))
        ) from None
    if scheme not in SCHEDULER_SCHEMES:
        secure = scheme in ("tls", "wss")
        raise SweepError(
            phrase(
                "err_risk_scheme_secure" if secure else "err_risk_scheme",
                schemes=", ".join(SCHEDULER_SCHEMES),
                scheme=scheme,
                address=repr(text),
            )
        )
    if scheme == "inproc":  # a cluster of this process: inproc://host/process/number
        if not re.fullmatch(r"[^/\s]+/\d+/\d+", location):
            raise SweepError(phrase("err_risk_inproc_address", address=repr(text)))
        return text
    try:
        host, port = parse_host_port(location)
    except ValueError as error:
        raise SweepError(
            phrase("err_risk_host_port", address=repr(text), reason=str(error))
        ) from None
    if not host or not 1 <= int(port) <= 65535:
        raise SweepError(phrase("err_risk_port_range", address=repr(text)))
    return f"{scheme}://{location}"


def _backend(job: SweepJob, executor: Any, workers: int | None, scheduler: str | None) -> _Backend:
    if scheduler is not None:
        if executor is not None:
            raise SweepError(phrase("err_risk_executor_and_scheduler"))
        return _Dask(job, _connect(scheduler), own=True)
    if executor is not None and _is_dask_client(executor):
        return _Dask(job, executor, own=False)
    if executor is not None:
        if not isinstance(executor, cf.Executor):
            raise SweepError(phrase("err_risk_executor_kind", kind=type(executor).__name__))
        return _Futures(job, executor, workers or 0)
    count = (os.cpu_count() or 1) if workers is None else workers
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise SweepError(phrase("err_risk_workers", value=repr(workers)))
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
        raise SweepError(phrase("err_risk_batch_size", value=repr(batch_size)))
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
