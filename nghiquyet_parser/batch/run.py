"""The `nghiquyet batch` command: its arguments, the progress display and the last line.

Everything else is `convert.convert_folder`, which a Python caller uses directly.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import contextmanager
from typing import Iterator

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from ..limits import DEFAULT_MAX_MEGABYTES, DEFAULT_MAX_TEXT_MEGABYTES
from .convert import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT, ENGINES, ProgressCallback, convert_folder
from .jobs import Outcome

# Without a terminal: a progress line every tenth of the run, and at least every 10 s.
PROGRESS_LINES = 10
PROGRESS_INTERVAL = 10.0

TABLES_HELP = ("table formats: csv, parquet, csv,parquet or none (default: csv,parquet when pyarrow is "
               "installed, else csv); the tables are documents, targets, places, citations, quantities (TABLES.md)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("in_dir", help="folder tree of resolutions to convert")
    parser.add_argument("out_dir", help="where the JSON files and tables go (mirrors IN_DIR)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    parser.add_argument("--engine", choices=ENGINES, default="local")
    parser.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a LocalCluster")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per document (default 120)")
    parser.add_argument("--max-memory", type=int, default=DEFAULT_MAX_MEMORY_MB, dest="max_memory",
                        help="MB of address space per worker (default 2048)")
    parser.add_argument("--max-size", type=float, default=DEFAULT_MAX_MEGABYTES, dest="max_size", metavar="MB",
                        help=f"largest input file in MB (default {DEFAULT_MAX_MEGABYTES:g})")
    parser.add_argument("--max-text-size", type=float, default=DEFAULT_MAX_TEXT_MEGABYTES, dest="max_text_size",
                        metavar="MB", help=f"most text read from a file, in MB (default {DEFAULT_MAX_TEXT_MEGABYTES:g})")
    parser.add_argument("--force", action="store_true", help="convert every input, even those already current")
    parser.add_argument("--format", choices=("json", "akn"), default="json",
                        help="akn: also write each document's Akoma Ntoso 3.0 XML beside its JSON (NAME.akn.xml)")
    parser.add_argument("--no-text", action="store_true", dest="no_text",
                        help="leave the original text out of each JSON (spans still index the input's text); "
                        "JSONs already current keep theirs unless --force")
    parser.add_argument("--pattern", action="append",
                        help="glob on file names (repeatable); default: *.txt *.docx *.doc *.pdf *.html *.htm")
    parser.add_argument("--tables", metavar="FORMATS", help=TABLES_HELP)
    parser.add_argument("--html", action="store_true",
                        help="also write a review page beside each JSON (a.txt.json -> a.txt.html)")
    parser.add_argument("--catalog", metavar="FILE",
                        help="the archive's catalogue (TSV or CSV: a file column naming each input under IN_DIR, and "
                             "number, date, issuer, level): the tables take from it what a text does not say "
                             "(TABLES.md); disagreements go to catalog_conflicts.csv")


class PlainProgress:
    """Progress for logs and cron, where stderr is no terminal: one line every `every`
    documents or every `interval` seconds, whichever comes first, and one at the end:
    "converted 120/1000, 3 failed, 14.2 docs/s"."""

    def __init__(self, total: int, every: int | None = None, interval: float = PROGRESS_INTERVAL,
                 stream=None, clock=time.monotonic, started: float | None = None):
        self.total, self.interval, self.clock = total, interval, clock
        self.every = every if every is not None else max(1, -(-total // PROGRESS_LINES))
        self.stream = stream if stream is not None else sys.stderr
        self.done = self.failed = 0
        self.started = self.last_time = started if started is not None else clock()
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


@contextmanager
def progress_display() -> Iterator[ProgressCallback]:
    """A rich progress bar on a terminal, `PlainProgress` lines otherwise; both learn the
    total from the first call (the plan is made inside convert_folder)."""
    if sys.stderr.isatty():
        with Progress(TextColumn("converting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      transient=False) as bar:
            task = bar.add_task("convert", total=None)

            def advance_bar(done: int, total: int, outcome: Outcome) -> None:
                bar.update(task, completed=done, total=total)

            yield advance_bar
        return
    plain: list[PlainProgress] = []
    started = time.monotonic()  # the rate counts from the start, workers' start-up included

    def advance_lines(done: int, total: int, outcome: Outcome) -> None:
        if not plain:
            plain.append(PlainProgress(total, started=started))
        plain[0].advance(outcome)

    yield advance_lines


def run(args: argparse.Namespace) -> int:
    with progress_display() as progress:
        summary = convert_folder(
            args.in_dir, args.out_dir, workers=args.workers, engine=args.engine, scheduler=args.scheduler,
            timeout=args.timeout, max_memory_mb=args.max_memory, max_megabytes=args.max_size,
            max_text_megabytes=args.max_text_size, force=args.force,
            patterns=args.pattern,
            tables=args.tables, html=args.html, akn=args.format == "akn", catalog=args.catalog,
            include_text=not args.no_text,
            progress=progress,
        )
    print(f"nghiquyet batch: {summary.converted} converted, {summary.skipped} already current, "
          f"{summary.failed} failed of {summary.inputs} in {summary.seconds:.1f} s "
          f"({summary.docs_per_second} docs/s); see {summary.out_dir}/summary.json", file=sys.stderr)
    if summary.catalog:
        catalog = summary.catalog
        filled = ", ".join(f"{field} of {count}" for field, count in catalog["filled"].items() if count) or "nothing"
        print(f"nghiquyet batch: catalogue {catalog['matched']} of {catalog['rows']} rows matched; filled {filled} "
              f"documents; {catalog['conflicts']} conflicts with the texts (catalog_conflicts.csv)", file=sys.stderr)
    return 0 if summary.ok else 1
