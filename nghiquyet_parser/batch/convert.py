"""`convert_folder`: the batch as a Python call, the machinery `nghiquyet batch` runs.

    >>> from nghiquyet_parser import convert_folder
    >>> summary = convert_folder("archive", "out", workers=2, progress=lambda done, total, outcome: ...)
    >>> summary.converted, summary.failed, summary.aggregates

Plan (which inputs, which are current) → run (`engines`) → remove stale JSONs of failed
inputs → aggregates and errors.jsonl → summary.json. The command line (`run.py`) only reads
arguments, draws progress and prints the last line.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from ..catalog import Catalog, Matched, match_catalog, read_catalog
from ..errors import InputError, OutputError
from ..limits import DEFAULT_MAX_MEGABYTES, DEFAULT_MAX_TEXT_MEGABYTES
from ..output import ensure_folder, write_atomically
from ..tables import table_formats
from ..version import __version__
from .aggregates import SUMMARY_FILE, Aggregates, write_aggregates, write_catalog_files, write_errors
from .engines import run_dask, run_local
from .inputs import akn_path, discover_inputs, is_current, output_path, review_path
from .jobs import Job, Outcome

DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_MEMORY_MB = 2048
ENGINES = ("local", "dask")

# Called after each document: (documents done, documents to do, its outcome).
ProgressCallback = Callable[[int, int, Outcome], None]


@dataclass
class ConversionSummary:
    """What a batch did: counts, the failures, and every file it wrote."""

    out_dir: Path
    inputs: int = 0  # input files found
    converted: int = 0  # converted in this run
    skipped: int = 0  # already current (same content hash and parser version), not converted again
    failures: list[Outcome] = field(default_factory=list)  # one per failed input, with the reason
    outputs: list[Path] = field(default_factory=list)  # the per-document JSON of every input that has one
    aggregates: list[Path] = field(default_factory=list)  # resolutions.jsonl, the tables, errors.jsonl, summary.json
    rows: dict[str, int] = field(default_factory=dict)  # rows of each table
    tables: tuple[str, ...] = ()  # formats the tables were written in
    seconds: float = 0.0
    engine: str = "local"
    workers: int = 1
    peak_worker_rss_mb: Optional[float] = None
    catalog: Optional[dict] = None  # with a catalogue: its file, rows, rows naming no input, values filled, conflicts

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def docs_per_second(self) -> Optional[float]:
        return round(self.converted / self.seconds, 3) if self.seconds > 0 else None

    def as_json(self) -> dict:
        """summary.json: paths relative to the output folder, so two runs' summaries compare."""
        return {
            "inputs": self.inputs, "processed": self.converted, "skipped": self.skipped, "failed": self.failed,
            "rows": self.rows, "tables": list(self.tables),
            "files": [path.relative_to(self.out_dir).as_posix() for path in self.aggregates],
            "seconds": round(self.seconds, 3), "docs_per_second": self.docs_per_second,
            "parser_version": __version__, "engine": self.engine, "workers": self.workers,
            "peak_worker_rss_mb": self.peak_worker_rss_mb, "catalog": self.catalog,
        }


@dataclass(frozen=True)
class _Plan:
    jobs: list[Job]  # inputs to convert
    current: list[str]  # inputs whose JSON is current
    every: list[tuple[str, Path]]  # (document id, its JSON path) of every input


def _plan(in_dir: Path, out_dir: Path, patterns: Optional[list[str]], force: bool, settings: Job,
          html: bool, akn: bool) -> _Plan:
    """`settings` holds what every document shares (its limits, include_text); each job is it with
    the document's own paths."""
    jobs: list[Job] = []
    current: list[str] = []
    every: list[tuple[str, Path]] = []
    for source in discover_inputs(in_dir, out_dir, patterns):
        relative = source.relative_to(in_dir)
        output = output_path(out_dir, relative)
        name = relative.as_posix()
        every.append((name, output))
        review = review_path(output) if html else None
        xml = akn_path(output) if akn else None
        # A JSON without the page or XML asked for is not current: the document is done again.
        if not force and is_current(source, output) and all(p.is_file() for p in (review, xml) if p):
            current.append(name)
        else:
            jobs.append(replace(settings, source=str(source.resolve()), relative=name, output=str(output.resolve()),
                                review=str(review.resolve()) if review else None,
                                akn_output=str(xml.resolve()) if xml else None))
    return _Plan(jobs, current, every)


def _remove_stale(every: list[tuple[str, Path]], failed: set[str]) -> None:
    """A document that fails now loses the JSON (and page, XML) an earlier run wrote: it would pass
    for current. errors.jsonl says why it is missing."""
    for name, path in every:
        if name in failed:
            try:
                path.unlink(missing_ok=True)
                review_path(path).unlink(missing_ok=True)
                akn_path(path).unlink(missing_ok=True)
            except OSError as exc:
                raise OutputError(path, f"cannot remove the JSON of a failed input ({exc.strerror or exc})") from None


def _check(in_dir: Path, engine: str, workers: int, timeout: float, max_memory_mb: int, max_megabytes: float,
           max_text_megabytes: float) -> None:
    if not in_dir.is_dir():
        raise InputError(in_dir, "is not a folder")
    if engine not in ENGINES:
        raise InputError("engine", f"must be one of {', '.join(ENGINES)}, not {engine!r}")
    if workers < 1:
        raise InputError("workers", "must be at least 1")
    if not min(timeout, max_memory_mb, max_megabytes, max_text_megabytes) > 0:
        raise InputError("timeout/max_memory_mb/max_megabytes/max_text_megabytes", "must be positive")


def _catalog_summary(listed: Catalog, matched: Matched, aggregates: Aggregates) -> dict:
    return {
        "file": str(listed.path), "rows": len(listed.records), "matched": len(matched.records),
        "rows_naming_no_input": len(matched.unmatched), "filled": aggregates.filled,
        "conflicts": len(aggregates.conflicts),
    }


def convert_folder(
    src: Union[str, Path],
    dst: Union[str, Path],
    *,
    workers: Optional[int] = None,
    engine: str = "local",
    scheduler: Optional[str] = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
    max_megabytes: float = DEFAULT_MAX_MEGABYTES,
    max_text_megabytes: float = DEFAULT_MAX_TEXT_MEGABYTES,
    force: bool = False,
    patterns: Optional[Iterable[str]] = None,
    tables: Optional[Union[str, Iterable[str]]] = None,
    html: bool = False,
    akn: bool = False,
    catalog: Optional[Union[str, Path]] = None,
    include_text: bool = True,
    progress: Optional[ProgressCallback] = None,
) -> ConversionSummary:
    """Convert every resolution under `src` into `dst`, mirroring the tree, and write the tables.

    workers: processes (default: one per core); engine: 'local' or 'dask' (`scheduler`: a
    Dask address, default a LocalCluster); timeout / max_memory_mb / max_megabytes /
    max_text_megabytes: limits per document (its time budget, its worker's address space, the
    MB of the file and of the text read from it);
    force: convert inputs that are already current too; patterns: globs on file names
    (default *.txt *.docx *.doc *.pdf *.html *.htm); tables: 'csv', 'parquet', 'csv,parquet'
    or 'none' (default: both when pyarrow is installed, else csv); html: also write a review
    page beside each JSON (a.txt.json -> a.txt.html); akn: also write its Akoma Ntoso 3.0 XML
    (a.txt.akn.xml); catalog: an archive's catalogue (TSV or CSV: a file/path/document column
    naming each input under `src`, and number, date, issuer, level columns) filling in the
    tables what a text does not say (TABLES.md); include_text=False: JSONs without the original
    text (spans still index the input's text; JSONs already current keep theirs unless force);
    progress: called after each document with (done, total, outcome).

    One bad file never stops the run: it is in `summary.failures` and errors.jsonl. Bad
    arguments and a bad catalogue raise InputError before anything is converted; an
    unwritable `dst` raises OutputError.
    """
    in_dir, out_dir = Path(src), Path(dst)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    _check(in_dir, engine, workers, timeout, max_memory_mb, max_megabytes, max_text_megabytes)
    formats = table_formats(tables)
    listed = read_catalog(catalog) if catalog is not None else None
    ensure_folder(out_dir)
    started = time.perf_counter()
    settings = Job(source="", relative="", output="", timeout=timeout, max_memory_mb=max_memory_mb,
                   max_megabytes=max_megabytes, include_text=include_text, max_text_megabytes=max_text_megabytes)
    plan = _plan(in_dir, out_dir, list(patterns) if patterns else None, force, settings, html, akn)
    outcomes = run_dask(plan.jobs, workers, scheduler) if engine == "dask" else run_local(plan.jobs, workers)
    finished: list[Outcome] = []
    for outcome in outcomes:
        finished.append(outcome)
        if progress is not None:
            progress(len(finished), len(plan.jobs), outcome)
    seconds = time.perf_counter() - started  # the conversion's rate, as benchmarks compare it: aggregates apart
    failures = sorted((o for o in finished if not o.ok), key=lambda o: o.relative)
    failed = {f.relative for f in failures}
    _remove_stale(plan.every, failed)
    converted = [(name, path) for name, path in plan.every if name not in failed and path.is_file()]
    matched = match_catalog(listed, [name for name, _ in plan.every]) if listed else None
    aggregates = write_aggregates(out_dir, converted, formats, matched)
    catalog_files = write_catalog_files(out_dir, matched, aggregates.conflicts)
    summary = ConversionSummary(
        out_dir=out_dir, inputs=len(plan.every), converted=len(finished) - len(failures), skipped=len(plan.current),
        failures=failures, outputs=[path for _, path in converted], rows=aggregates.rows, tables=formats,
        aggregates=[*aggregates.paths, *catalog_files, write_errors(out_dir, failures), out_dir / SUMMARY_FILE],
        seconds=seconds, engine=engine, workers=workers,
        peak_worker_rss_mb=max((o.peak_rss_mb for o in finished if o.peak_rss_mb), default=None),
        catalog=_catalog_summary(listed, matched, aggregates) if listed and matched else None,
    )
    write_atomically(out_dir / SUMMARY_FILE, json.dumps(summary.as_json(), ensure_ascii=False, indent=2) + "\n")
    return summary
