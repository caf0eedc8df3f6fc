"""`nghiquyet batch`: convert a folder tree of resolutions, in parallel, resumably.

Two engines share one per-document function (`convert_one`) and one aggregation
(`write_aggregates`):

- ``local``: a `multiprocessing` pool on this machine (one process per core by
  default, workers recycled every `RECYCLE_AFTER` documents so a leak in a
  library cannot grow without bound).
- ``dask``: the same function submitted to a `dask.distributed` cluster. Workers
  write the per-document JSON THEMSELVES, so OUT_DIR must be a filesystem every
  worker sees at the same path (NFS, a mounted volume); only the small outcome
  records travel back to the client. Shipping whole resolutions back would make
  the client the bottleneck of a thousand-file archive.

Resumability: every per-document JSON records `source.sha256` and
`source.parser_version`. An input whose JSON holds its current content hash and
this parser's version is skipped. Aggregates (resolutions.jsonl, targets.csv,
places.csv, .parquet) are always rebuilt from the per-document JSONs, so a resumed
run yields the same aggregates as an uninterrupted one. Every file is written via
a temporary file and `os.replace`: a kill -9 leaves either the old file or the new
one, never half of one.

Limits per document: time (`--timeout`, a `SIGALRM` interval timer in the local
worker) and memory (`--max-memory`, `RLIMIT_AS` in the local worker; the Dask
nanny's `memory_limit` on a LocalCluster, which kills and replaces the worker).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import resource
import signal
import sys
import threading
import time
from dataclasses import asdict, dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Iterable, Iterator, Optional

from . import __version__, models
from .errors import InputError

DEFAULT_SUFFIXES = (".txt", ".docx", ".doc", ".pdf", ".html", ".htm")
DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_MEMORY_MB = 2048
RECYCLE_AFTER = 200  # documents per local worker before it is replaced by a fresh process
TARGETS_CSV_COLUMNS = [
    "document", "article", "path", "indicator", "value", "value_max", "unit", "normalised_value",
    "base_unit", "comparator", "kind", "status", "change_direction", "change_value", "change_unit",
    "baseline", "price_basis", "period", "span_start", "span_end",
]
PLACES_CSV_COLUMNS = [
    "document", "name", "type", "code", "parents", "successor_code", "successor_name", "mentions",
]
ERROR_COLUMNS = ("file", "error", "message")


class DocumentTimeout(Exception):
    """The parser spent longer than --timeout on one document."""


@dataclass(frozen=True)
class Job:
    source: str  # absolute path of the input
    relative: str  # path under IN_DIR, with '/' separators: the document's name in every table
    output: str  # absolute path of its JSON
    timeout: float
    max_memory_mb: int


@dataclass
class Outcome:
    relative: str
    ok: bool
    seconds: float
    error: Optional[str] = None
    message: Optional[str] = None
    peak_rss_mb: Optional[float] = None  # of the worker process so far: shows memory stays flat over an archive


# --------------------------------------------------------------------------- arguments


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("in_dir", help="folder tree of resolutions to convert")
    parser.add_argument("out_dir", help="where the JSON files and tables go (mirrors IN_DIR)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a LocalCluster")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per document (default 120)")
    parser.add_argument("--max-memory", type=int, default=DEFAULT_MAX_MEMORY_MB, dest="max_memory",
                        help="MB of address space per worker (default 2048)")
    parser.add_argument("--force", action="store_true", help="convert every input, even those already current")
    parser.add_argument("--pattern", action="append",
                        help="glob on file names (repeatable); default: *.txt *.docx *.doc *.pdf *.html *.htm")


# --------------------------------------------------------------------------- discovery and resumability


def discover_inputs(in_dir: Path, out_dir: Path, patterns: Optional[list[str]] = None) -> list[Path]:
    """Input files under `in_dir`, sorted; hidden folders and a nested OUT_DIR are skipped."""
    out_resolved = out_dir.resolve()
    found: list[Path] = []
    for folder, subfolders, files in os.walk(in_dir):
        here = Path(folder)
        # Pruning in place is how os.walk is told not to descend.
        subfolders[:] = sorted(
            name for name in subfolders
            if not name.startswith(".") and (here / name).resolve() != out_resolved
        )
        for name in sorted(files):
            if name.startswith(".") or not _wanted(name, patterns):
                continue
            found.append(here / name)
    return found


def _wanted(name: str, patterns: Optional[list[str]]) -> bool:
    if patterns:
        return any(fnmatch(name, pattern) for pattern in patterns)
    return name.lower().endswith(DEFAULT_SUFFIXES)


def output_path(out_dir: Path, relative: Path) -> Path:
    return out_dir / relative.parent / (relative.name + ".json")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def is_current(source: Path, output: Path) -> bool:
    """True when `output` was written by this parser version from `source`'s current bytes."""
    try:
        recorded = _read_source_info(output)
    except (OSError, ValueError):
        return False
    return recorded.get("parser_version") == __version__ and recorded.get("sha256") == sha256_of(source)


def _read_source_info(output: Path) -> dict:
    # Only the 'source' object is needed; it comes first in the JSON, but a full
    # parse keeps this honest against a truncated or foreign file.
    document = json.loads(output.read_bytes())
    source = document.get("source") if isinstance(document, dict) else None
    if not isinstance(source, dict):
        raise ValueError("no source record")
    return source


# --------------------------------------------------------------------------- one document (both engines)


def write_atomically(path: Path, text: str) -> None:
    from .cli import write_atomically as _write

    _write(path, text)


def convert_one(job: Job) -> Outcome:
    """Parse one input and write its JSON; every failure becomes an Outcome, never a raise."""
    from .emit import to_json
    from .pipeline import parse_file

    started = time.perf_counter()
    try:
        with _time_limit(job.timeout):
            resolution = parse_file(job.source)
            text = to_json(resolution) + "\n"
        write_atomically(Path(job.output), text)
    except InputError as problem:
        return _failed(job, started, "InputError", problem.problem)
    except DocumentTimeout:
        return _failed(job, started, "Timeout", f"parsing took longer than {job.timeout:g} s")
    except MemoryError:
        return _failed(job, started, "MemoryLimit", f"parsing needed more than {job.max_memory_mb} MB")
    except Exception as problem:  # noqa: BLE001 - a parser bug on one file must not stop the archive
        return _failed(job, started, type(problem).__name__, one_line(problem))
    seconds = time.perf_counter() - started
    if seconds > job.timeout:  # where no timer could interrupt (a Dask worker thread)
        Path(job.output).unlink(missing_ok=True)
        return _failed(job, started, "Timeout", f"parsing took longer than {job.timeout:g} s")
    return Outcome(job.relative, True, seconds, peak_rss_mb=_peak_rss_mb())


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS; this tool targets Linux servers).
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def one_line(problem: BaseException) -> str:
    """The last non-empty line of an exception's message (numpy's ImportError spans twenty)."""
    lines = [line.strip() for line in str(problem).splitlines() if line.strip()]
    return lines[-1] if lines else type(problem).__name__


def _failed(job: Job, started: float, error: str, message: str) -> Outcome:
    return Outcome(job.relative, False, time.perf_counter() - started, error, message)


class _time_limit:
    """Interrupt the body with DocumentTimeout after `seconds` (main thread only).

    SIGALRM is the only way to stop pure-Python work without killing the
    process; signals are delivered to the main thread, so elsewhere (Dask runs
    tasks in threads) the limit is checked after the fact by `convert_one`.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def __enter__(self) -> None:
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc_info) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)

    @staticmethod
    def _expired(signum, frame) -> None:
        raise DocumentTimeout()


def limit_memory(max_memory_mb: int) -> None:
    """Cap this process's address space, so one huge document raises MemoryError here, not OOM for all."""
    limit = max_memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


# A sentence that reaches every lazily loaded model (spaCy, underthesea's CRF):
# synthetic, so no corpus text is copied into the package.
WARM_UP_TEXT = "NGHỊ QUYẾT\nĐiều 1. Thu nhập bình quân đầu người đạt 50 triệu đồng.\n"


def warm_worker(max_memory_mb: int) -> None:
    """Worker initializer: load the models once, THEN cap memory.

    Capping first would make the lazy model loads of the first document fail;
    capping after means --max-memory bounds what one document may add on top
    of the loaded parser (about 350 MB of address space).
    """
    from .pipeline import parse_text

    try:
        parse_text(WARM_UP_TEXT)
    except Exception:  # noqa: BLE001 - best effort: a real document will report the same problem
        pass
    limit_memory(max_memory_mb)


# --------------------------------------------------------------------------- engines


# --------------------------------------------------------------------------- aggregates (both engines)


def _document_rows(relative: str, resolution: models.Resolution) -> tuple[list[dict], list[dict]]:
    from .frames import places_frame, targets_frame

    targets = targets_frame([resolution]).assign(document=relative)
    places = places_frame([resolution]).assign(document=relative)
    return (targets.reindex(columns=TARGETS_CSV_COLUMNS).to_dict("records"),
            places.reindex(columns=PLACES_CSV_COLUMNS).to_dict("records"))


def write_aggregates(out_dir: Path, documents: Iterable[tuple[str, Path]]) -> dict:
    """Rebuild resolutions.jsonl, targets.csv, places.csv (+ parquet) from the per-document JSONs."""
    import pandas

    jsonl = io.StringIO()
    target_rows: list[dict] = []
    place_rows: list[dict] = []
    for relative, json_path in documents:
        resolution = models.Resolution.model_validate_json(json_path.read_bytes())
        record = {"document": relative, **resolution.model_dump(mode="json", exclude={"text"})}
        jsonl.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        targets, places = _document_rows(relative, resolution)
        target_rows += targets
        place_rows += places
    write_atomically(out_dir / "resolutions.jsonl", jsonl.getvalue())
    tables = {
        "targets": pandas.DataFrame(target_rows, columns=TARGETS_CSV_COLUMNS),
        "places": pandas.DataFrame(place_rows, columns=PLACES_CSV_COLUMNS),
    }
    for name, frame in tables.items():
        write_atomically(out_dir / f"{name}.csv", frame.to_csv(index=False, lineterminator="\n"))
        _write_parquet(out_dir / f"{name}.parquet", frame)
    return {name: len(frame) for name, frame in tables.items()}


def _write_parquet(path: Path, frame) -> None:
    try:
        import pyarrow  # noqa: F401 - the optional 'parquet' extra
    except ImportError:
        return
    temporary = path.with_name(f".{path.name}.tmp")
    frame.to_parquet(temporary, index=False)
    os.replace(temporary, path)


def write_errors(out_dir: Path, failures: list[Outcome]) -> None:
    lines = [
        json.dumps({"file": f.relative, "error": f.error, "message": f.message}, ensure_ascii=False) + "\n"
        for f in sorted(failures, key=lambda f: f.relative)
    ]
    write_atomically(out_dir / "errors.jsonl", "".join(lines))


# --------------------------------------------------------------------------- the command


def _progress(total: int):
    """A rich progress bar on a terminal; None (plain summary at the end) otherwise."""
    if not sys.stderr.isatty():
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("converting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    transient=False, console=None)


def _plan(args: argparse.Namespace, in_dir: Path, out_dir: Path) -> tuple[list[Job], list[str], list[tuple[str, Path]]]:
    """Jobs to run, inputs already current, and every (document, json path) pair."""
    jobs: list[Job] = []
    current: list[str] = []
    every: list[tuple[str, Path]] = []
    for source in discover_inputs(in_dir, out_dir, args.pattern):
        relative = source.relative_to(in_dir)
        output = output_path(out_dir, relative)
        name = relative.as_posix()
        every.append((name, output))
        if not args.force and is_current(source, output):
            current.append(name)
        else:
            jobs.append(Job(str(source.resolve()), name, str(output.resolve()), args.timeout, args.max_memory))
    return jobs, current, every


def _execute(args: argparse.Namespace, jobs: list[Job]) -> list[Outcome]:
    from .batch_engines import run_dask, run_local

    if args.engine == "dask":
        outcomes = run_dask(jobs, args.workers, args.scheduler)
    else:
        outcomes = run_local(jobs, args.workers)
    progress = _progress(len(jobs))
    if progress is None:
        return list(outcomes)
    finished: list[Outcome] = []
    with progress:
        task = progress.add_task("convert", total=len(jobs))
        for outcome in outcomes:
            finished.append(outcome)
            progress.advance(task)
    return finished


def run(args: argparse.Namespace) -> int:
    in_dir, out_dir = Path(args.in_dir), Path(args.out_dir)
    if not in_dir.is_dir():
        raise InputError(in_dir, "is not a folder")
    if args.workers < 1:
        raise InputError("--workers", "must be at least 1")
    if args.timeout <= 0 or args.max_memory <= 0:
        raise InputError("--timeout/--max-memory", "must be positive")
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    jobs, current, every = _plan(args, in_dir, out_dir)
    outcomes = _execute(args, jobs)
    seconds = time.perf_counter() - started
    failures = [o for o in outcomes if not o.ok]
    failed = {f.relative for f in failures}
    converted = [(name, path) for name, path in every if name not in failed and path.is_file()]
    rows = write_aggregates(out_dir, converted)
    write_errors(out_dir, failures)
    processed = len(outcomes) - len(failures)
    summary = {
        "inputs": len(every), "processed": processed, "skipped": len(current), "failed": len(failures),
        "targets": rows["targets"], "places": rows["places"], "seconds": round(seconds, 3),
        "docs_per_second": round(processed / seconds, 3) if seconds > 0 else None,
        "parser_version": __version__, "engine": args.engine, "workers": args.workers,
        "peak_worker_rss_mb": max((o.peak_rss_mb for o in outcomes if o.peak_rss_mb), default=None),
    }
    write_atomically(out_dir / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    print(f"nghiquyet batch: {processed} converted, {len(current)} already current, {len(failures)} failed "
          f"of {len(every)} in {seconds:.1f} s ({summary['docs_per_second']} docs/s); see {out_dir}/summary.json",
          file=sys.stderr)
    return 1 if failures else 0
