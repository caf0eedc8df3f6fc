"""One document in a child process the caller can kill: how a Dask task keeps --timeout.

Dask runs tasks in worker threads, where no SIGALRM can interrupt the parser, so before
this a document over --timeout ran on and was only reported afterwards. `convert_isolated`
hands the job to a child process of this thread (started once, models loaded once,
replaced after a kill or a death); the child keeps the local engine's limits (the library's
time budget, with its SIGALRM backstop in the child's main thread; RLIMIT_AS at --max-memory), and the task kills it when it overruns by
`HARD_TIMEOUT_GRACE` (stuck in native code) and reports the document.

The child is a plain subprocess, not multiprocessing: Dask worker processes are daemonic,
and a daemonic process may not start multiprocessing children.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Optional, Sequence

from .jobs import Job, Outcome, convert_one, killed_over_budget, warm_worker

HARD_TIMEOUT_GRACE = 10.0  # seconds past --timeout before a child stuck in native code is killed
READY = "ready"
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def worker_died(job: Job, detail: str = "") -> str:
    """The one line for a document whose worker died: what the user needs, not the worker's last words."""
    return (f"worker died (out of memory? the limit is {job.max_memory_mb} MB) while parsing {job.relative}"
            + (f" ({detail})" if detail else ""))


def exit_status(code: Optional[int]) -> str:
    if code is None:
        return ""
    return f"killed by signal {-code}" if code < 0 else f"exit code {code}"


@dataclass
class _Child:
    process: subprocess.Popen
    jobs: Connection
    outcomes: Connection

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.jobs.close()
        self.outcomes.close()


_local = threading.local()  # one child per worker thread: a thread runs one task at a time


def convert_isolated(job: Job) -> Outcome:
    """`convert_one` in this thread's child process, stopped and reported when it overruns or dies."""
    child: Optional[_Child] = getattr(_local, "child", None)
    if child is None or child.process.poll() is not None:
        child = _local.child = _start(job.max_memory_mb)
    started = time.perf_counter()
    try:
        child.jobs.send(job)
        if child.outcomes.poll(job.timeout + HARD_TIMEOUT_GRACE):
            return child.outcomes.recv()
    except (EOFError, OSError):
        pass  # the child died: below
    _local.child = None
    elapsed = time.perf_counter() - started
    if child.process.poll() is None:
        child.stop()
        return killed_over_budget(job, elapsed)
    child.stop()
    return Outcome(job.relative, False, elapsed, "MemoryLimit", worker_died(job, exit_status(child.process.returncode)))


def _start(max_memory_mb: int) -> _Child:
    job_read, job_write = os.pipe()
    outcome_read, outcome_write = os.pipe()
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_PACKAGE_ROOT, os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen(
        [sys.executable, "-m", "nghiquyet_parser.batch.isolated", str(job_read), str(outcome_write), str(max_memory_mb)],
        pass_fds=(job_read, outcome_write), env=environment, stdin=subprocess.DEVNULL,
    )
    os.close(job_read)
    os.close(outcome_write)
    child = _Child(process, Connection(job_write, readable=False), Connection(outcome_read, writable=False))
    try:
        ready = child.outcomes.recv()  # the models load before the first document's clock starts
    except (EOFError, OSError):
        ready = None
    if ready != READY:
        child.stop()
        raise RuntimeError(f"the parsing child process did not start (exit code {child.process.returncode})")
    return child


def _child_main(argv: Sequence[str]) -> None:
    jobs = Connection(int(argv[0]), writable=False)
    outcomes = Connection(int(argv[1]), readable=False)
    warm_worker(int(argv[2]))
    outcomes.send(READY)
    try:
        while (job := jobs.recv()) is not None:
            outcomes.send(convert_one(job))
    except EOFError:  # the worker that started us has gone
        pass


if __name__ == "__main__":
    _child_main(sys.argv[1:])
