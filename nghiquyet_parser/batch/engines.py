"""The engines of `nghiquyet batch`: supervised local processes, or a Dask cluster.

Both run `jobs.convert_one` on each `jobs.Job` and yield `jobs.Outcome`s in
the order documents finish; see the docstring of `nghiquyet_parser.batch`.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Iterator, Optional

from ..errors import InputError
from .isolated import HARD_TIMEOUT_GRACE, convert_isolated, exit_status, worker_died
from .jobs import Job, Outcome, convert_one, killed_over_budget, one_line, warm_worker

RECYCLE_AFTER = 200  # documents per local worker before it is replaced by a fresh process


@dataclass
class _Worker:
    """One supervised worker process and the job it is working on."""

    process: object
    connection: object
    job: Optional[Job] = None
    started: float = 0.0
    done: int = 0


def _worker_main(connection, max_memory_mb: int) -> None:
    warm_worker(max_memory_mb)
    while (job := connection.recv()) is not None:
        connection.send(convert_one(job))


def run_local(jobs: list[Job], workers: int) -> Iterator[Outcome]:
    """Supervised worker processes, one document at a time each.

    multiprocessing.Pool and ProcessPoolExecutor cannot say WHICH document killed
    a worker (a native allocation failure under RLIMIT_AS aborts the process) nor
    kill a worker stuck in C code; this small supervisor can: a dead or overdue
    worker's document is reported and the worker is replaced.
    """
    if not jobs:
        return
    # forkserver: children do not inherit the parent's threads (rich's refresher).
    context = multiprocessing.get_context("forkserver")
    max_memory, timeout = jobs[0].max_memory_mb, jobs[0].timeout
    pending = deque(jobs)
    pool: list[_Worker] = []

    def start() -> _Worker:
        parent_end, child_end = context.Pipe()
        process = context.Process(target=_worker_main, args=(child_end, max_memory), daemon=True)
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def retire(worker: _Worker, kill: bool) -> None:
        if kill:
            worker.process.kill()
        else:
            worker.connection.send(None)
        worker.process.join()
        worker.connection.close()
        pool.remove(worker)

    try:
        while pending or any(w.job for w in pool):
            while pending and len([w for w in pool if w.job]) < workers:
                worker = next((w for w in pool if not w.job), None) or start()
                if worker not in pool:
                    pool.append(worker)
                worker.job, worker.started = pending.popleft(), time.perf_counter()
                worker.connection.send(worker.job)
            busy = [w for w in pool if w.job]
            wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=1.0)
            for worker in busy:
                outcome, kill = _collect(worker, timeout)
                if outcome is None:
                    continue
                worker.job, worker.done = None, worker.done + 1
                yield outcome
                if kill or worker.done >= RECYCLE_AFTER:
                    retire(worker, kill)
    finally:
        for worker in list(pool):
            retire(worker, kill=True)


def _collect(worker: _Worker, timeout: float) -> tuple[Optional[Outcome], bool]:
    """The worker's outcome if it has one (and whether the worker must be killed), else (None, False)."""
    job = worker.job
    elapsed = time.perf_counter() - worker.started
    if worker.connection.poll():
        try:
            return worker.connection.recv(), False
        except (EOFError, OSError):
            pass
    elif worker.process.is_alive():
        if elapsed <= timeout + HARD_TIMEOUT_GRACE:
            return None, False
        return killed_over_budget(job, elapsed), True
    # The process died under the document: out of memory (RLIMIT_AS aborts native code) or a crash.
    worker.process.join(1.0)  # until joined, exitcode may still read None
    return Outcome(job.relative, False, elapsed, "MemoryLimit",
                   worker_died(job, exit_status(worker.process.exitcode))), True


def run_dask(jobs: list[Job], workers: int, scheduler: Optional[str]) -> Iterator[Outcome]:
    try:
        # Optional 'dask' extra: only --engine dask needs it.
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as missing:
        raise InputError("--engine dask", "needs dask.distributed: pip install 'nghiquyet-parser[dask]'") from missing
    if not jobs:
        return
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        # One single-threaded process per worker: spaCy/underthesea hold the GIL,
        # and the nanny enforces --max-memory by restarting the worker.
        # silence_logs: the nanny's memory warnings and a dying worker's tracebacks would bury
        # the one line per document the batch reports.
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               memory_limit=f"{jobs[0].max_memory_mb}MB", dashboard_address=None,
                               silence_logs=logging.CRITICAL)
        client = Client(cluster)
    try:
        # convert_isolated, not convert_one: a task thread cannot be interrupted, a child process can.
        futures = client.map(convert_isolated, jobs, pure=False, retries=0)
        by_future = dict(zip(futures, jobs))
        for future in as_completed(futures):
            yield _dask_outcome(future, by_future[future])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_outcome(future, job: Job) -> Outcome:
    try:
        return future.result()
    except Exception as problem:  # noqa: BLE001 - e.g. KilledWorker when the nanny killed it for memory
        name = type(problem).__name__
        if name == "KilledWorker":
            # Its message names the task key and worker addresses, not the document.
            return Outcome(job.relative, False, 0.0, "MemoryLimit", worker_died(job))
        return Outcome(job.relative, False, 0.0, name, one_line(problem))
