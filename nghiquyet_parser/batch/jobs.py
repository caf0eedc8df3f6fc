"""One document of a batch: `Job` in, `Outcome` out, within a time, a size and a memory limit.

`convert_one` is what both engines run, in a local worker process or on a Dask worker.
The time budget and the size limit are the library's own (`limits`): the budget covers
parsing and rendering the JSON, checked between stages and in long loops, with SIGALRM
as a backstop in a worker's main thread. Memory is the worker's (RLIMIT_AS).
"""

from __future__ import annotations

import gc
import resource
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..akn import to_akn
from ..emit import to_json_bytes
from ..errors import InputError, OutputError, TimeBudgetExceeded
from ..limits import DEFAULT_MAX_MEGABYTES, DEFAULT_MAX_TEXT_MEGABYTES, Limits, check_time, time_budget
from ..output import write_atomically
from ..pipeline import parse_file, parse_text
from ..review import to_html


@dataclass(frozen=True)
class Job:
    source: str  # absolute path of the input
    relative: str  # path under IN_DIR, with '/' separators: the document's name in every table
    output: str  # absolute path of its JSON
    timeout: float
    max_memory_mb: int
    review: Optional[str] = None  # absolute path of its review page (--html), beside its JSON
    akn_output: Optional[str] = None  # absolute path of its Akoma Ntoso XML, when --format akn asks for it
    max_megabytes: float = DEFAULT_MAX_MEGABYTES  # of the input file
    include_text: bool = True  # False: the JSON leaves out the original text (batch --no-text)
    max_text_megabytes: float = DEFAULT_MAX_TEXT_MEGABYTES  # of the text read from it


@dataclass
class Outcome:
    relative: str
    ok: bool
    seconds: float
    error: Optional[str] = None
    message: Optional[str] = None
    peak_rss_mb: Optional[float] = None  # of the worker process so far: shows memory stays flat over an archive


def convert_one(job: Job) -> Outcome:
    """Parse one input and write its JSON (and review page, XML); every failure becomes an Outcome, never a raise."""
    started = time.perf_counter()
    try:
        with time_budget(job.timeout, job.relative):
            resolution = parse_file(job.source, limits=Limits(max_megabytes=job.max_megabytes,
                                                                max_text_megabytes=job.max_text_megabytes))
            data = to_json_bytes(resolution, include_text=job.include_text) + b"\n"
            page = to_html(resolution) if job.review else None
            xml = to_akn(resolution) if job.akn_output else None
            check_time()  # rendering has no check of its own
        if xml is not None:
            # Before the JSON: a run killed between the two leaves no JSON, so the next run
            # does not take the document for current without its XML.
            write_atomically(Path(job.akn_output), xml)
        write_atomically(Path(job.output), data)
        if job.review:
            write_atomically(Path(job.review), page)
    except TimeBudgetExceeded as problem:
        return _failed(job, started, "Timeout", problem.problem)
    except InputError as problem:
        return _failed(job, started, "InputError", problem.problem)
    except OutputError as problem:
        return _failed(job, started, "OutputError", str(problem))
    except MemoryError:
        return _failed(job, started, "MemoryLimit", f"parsing needed more than {job.max_memory_mb} MB")
    except Exception as problem:  # noqa: BLE001 - a parser bug on one file must not stop the archive
        return _failed(job, started, type(problem).__name__, one_line(problem))
    return Outcome(job.relative, True, time.perf_counter() - started, peak_rss_mb=_peak_rss_mb())


def killed_over_budget(job: Job, seconds: float) -> Outcome:
    """The outcome of a document whose worker had to be killed: stuck where no check or alarm reached."""
    problem = TimeBudgetExceeded(job.relative, job.timeout).problem
    return Outcome(job.relative, False, seconds, "Timeout", f"{problem}; its worker was killed")


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS; this tool targets Linux servers).
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def one_line(problem: BaseException) -> str:
    """The last non-empty line of an exception's message (numpy's ImportError spans twenty)."""
    lines = [line.strip() for line in str(problem).splitlines() if line.strip()]
    return lines[-1] if lines else type(problem).__name__


def _failed(job: Job, started: float, error: str, message: str) -> Outcome:
    return Outcome(job.relative, False, time.perf_counter() - started, error, message)


def limit_memory(max_memory_mb: int) -> None:
    """Cap this process's address space, so one huge document raises MemoryError here, not OOM for all."""
    limit = max_memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


# A sentence that reaches every lazily loaded model (the vocabularies, the gazetteer, and with a
# number in words, "hai con số", underthesea's CRF): synthetic, so no corpus text is
# copied into the package.
WARM_UP_TEXT = "NGHỊ QUYẾT\nĐiều 1. Thu nhập bình quân đầu người đạt 50 triệu đồng, tăng trưởng hai con số.\n"


def warm_worker(max_memory_mb: int) -> None:
    """Worker initializer: load the models once, THEN cap memory.

    Capping first would make the lazy model loads of the first document fail;
    capping after means --max-memory bounds what one document may add on top
    of the loaded parser (about 270 MB of address space).
    """
    load_models()
    limit_memory(max_memory_mb)


def load_models() -> None:
    """Load every model a parse needs, for the life of the process, and hide them from
    the cyclic garbage collector (gc.freeze): they are a few hundred thousand objects
    that live as long as the worker, and every full collection would walk them again
    (a fifth of a parse's time over the corpus)."""
    try:
        parse_text(WARM_UP_TEXT)
    except Exception:  # noqa: BLE001 - best effort: a real document will report the same problem
        pass
    gc.collect()
    gc.freeze()
