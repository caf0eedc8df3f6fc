"""The `nghiquyet batch` command: its arguments, the plan, the run and its summary."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from ..errors import InputError, OutputError
from ..limits import DEFAULT_MAX_MEGABYTES
from ..output import ensure_folder, write_atomically
from ..version import __version__
from .aggregates import write_aggregates, write_errors
from .engines import run_dask, run_local
from .inputs import discover_inputs, is_current, output_path
from .jobs import Job, Outcome

DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_MEMORY_MB = 2048
# Without a terminal: a progress line every tenth of the run, and at least every 10 s.
PROGRESS_LINES = 10
PROGRESS_INTERVAL = 10.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("in_dir", help="folder tree of resolutions to convert")
    parser.add_argument("out_dir", help="where the JSON files and tables go (mirrors IN_DIR)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a LocalCluster")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per document (default 120)")
    parser.add_argument("--max-memory", type=int, default=DEFAULT_MAX_MEMORY_MB, dest="max_memory",
                        help="MB of address space per worker (default 2048)")
    parser.add_argument("--max-size", type=float, default=DEFAULT_MAX_MEGABYTES, dest="max_size", metavar="MB",
                        help=f"largest input, and text read from it, in MB (default {DEFAULT_MAX_MEGABYTES:g})")
    parser.add_argument("--force", action="store_true", help="convert every input, even those already current")
    parser.add_argument("--pattern", action="append",
                        help="glob on file names (repeatable); default: *.txt *.docx *.doc *.pdf *.html *.htm")


def _progress(total: int):
    """A rich progress bar on a terminal; None (plain lines, `PlainProgress`) otherwise."""
    if not sys.stderr.isatty():
        return None
    return Progress(TextColumn("converting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    transient=False, console=None)


class PlainProgress:
    """Progress for logs and cron, where stderr is no terminal: one line every `every`
    documents or every `interval` seconds, whichever comes first, and one at the end:
    "converted 120/1000, 3 failed, 14.2 docs/s"."""

    def __init__(self, total: int, every: int | None = None, interval: float = PROGRESS_INTERVAL,
                 stream=None, clock=time.monotonic):
        self.total, self.interval, self.clock = total, interval, clock
        self.every = every if every is not None else max(1, -(-total // PROGRESS_LINES))
        self.stream = stream if stream is not None else sys.stderr
        self.done = self.failed = 0
        self.started = self.last_time = clock()
        self.last_done = 0

    def advance(self, outcome: Outcome) -> None:
        self.done += 1
        self.failed += 0 if outcome.ok else 1
        now = self.clock()
        if (self.done - self.last_done >= self.every or now - self.last_time >= self.interval
                or self.done == self.total):
            self.last_done, self.last_time = self.done, now
            rate = self.done / (now - self.started) if now > self.started else 0.0
            print(f"converted {self.done}/{self.total}, {self.failed} failed, {rate:.1f} docs/s",
                  file=self.stream, flush=True)


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
            jobs.append(Job(str(source.resolve()), name, str(output.resolve()), args.timeout, args.max_memory,
                            args.max_size))
    return jobs, current, every


def _execute(args: argparse.Namespace, jobs: list[Job]) -> list[Outcome]:
    if args.engine == "dask":
        outcomes = run_dask(jobs, args.workers, args.scheduler)
    else:
        outcomes = run_local(jobs, args.workers)
    progress = _progress(len(jobs))
    finished: list[Outcome] = []
    if progress is None:
        plain = PlainProgress(len(jobs))
        for outcome in outcomes:
            finished.append(outcome)
            plain.advance(outcome)
        return finished
    with progress:
        task = progress.add_task("convert", total=len(jobs))
        for outcome in outcomes:
            finished.append(outcome)
            progress.advance(task)
    return finished


def _remove_stale(every: list[tuple[str, Path]], failed: set[str]) -> None:
    """A document that fails now loses the JSON an earlier run wrote: it would pass for current.
    errors.jsonl says why it is missing."""
    for name, path in every:
        if name in failed:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                raise OutputError(path, f"cannot remove the JSON of a failed input ({exc.strerror or exc})") from None


def run(args: argparse.Namespace) -> int:
    in_dir, out_dir = Path(args.in_dir), Path(args.out_dir)
    if not in_dir.is_dir():
        raise InputError(in_dir, "is not a folder")
    if args.workers < 1:
        raise InputError("--workers", "must be at least 1")
    if args.timeout <= 0 or args.max_memory <= 0 or args.max_size <= 0:
        raise InputError("--timeout/--max-memory/--max-size", "must be positive")
    ensure_folder(out_dir)
    started = time.perf_counter()
    jobs, current, every = _plan(args, in_dir, out_dir)
    outcomes = _execute(args, jobs)
    seconds = time.perf_counter() - started
    failures = [o for o in outcomes if not o.ok]
    failed = {f.relative for f in failures}
    _remove_stale(every, failed)
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
