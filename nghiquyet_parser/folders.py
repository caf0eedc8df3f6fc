"""Folders of resolutions in memory: parse a folder tree, or read back what `nghiquyet batch` wrote.

    >>> from nghiquyet_parser import load_results
    >>> results = load_results("out")              # a batch's output tree, nested folders and all
    >>> results.tables().targets.groupby("target_year").size()

Both return `Results`: the resolutions, the id of each (its path under the folder, as the
batch's tables name it), the files that failed, and `tables()`, the same tables the batch
writes. A research corpus always holds a few broken files; one of them must not stop the
other thousand, so every failure becomes a `ParseError`, never a raise.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, Optional, Union

from pydantic import ValidationError

from . import models
from .batch.aggregates import SUMMARY_FILE
from .catalog import APPLIED_FILE, Conflict, Matched, match_catalog, read_catalog
from .batch.inputs import JSON_SUFFIX, discover_inputs, document_of
from .batch.jobs import Outcome, one_line
from .errors import InputError
from .pipeline import parse
from .tables import NamedResolution, Tables, build_tables
from .tables.rows import catalog_conflicts

# Called after each file: (files done, files to do, its outcome), as convert_folder's progress.
ProgressCallback = Callable[[int, int, Outcome], None]
Patterns = Union[str, Iterable[str], None]


class ParseError(NamedTuple):
    """A file that could not be parsed or read back."""

    path: str
    problem: str


@dataclass
class Results:
    """Resolutions of a folder, each with its id, and the files that failed."""

    folder: Path
    resolutions: list[models.Resolution] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # the id of each resolution: its input's path under the folder
    json_paths: list[Optional[str]] = field(default_factory=list)  # each one's JSON under the folder (load_results)
    errors: list[ParseError] = field(default_factory=list)
    catalog: Optional[Matched] = None  # the catalogue rows of these documents, when a catalogue applies

    def __len__(self) -> int:
        return len(self.resolutions)

    def named(self) -> list[NamedResolution]:
        rows = self.catalog.records if self.catalog else {}
        return [NamedResolution(name, resolution, json_path, rows.get(name))
                for name, resolution, json_path in zip(self.names, self.resolutions, self.json_paths)]

    def tables(self) -> Tables:
        """documents, targets, places, citations and quantities (pandas), as `nghiquyet batch` writes them."""
        return build_tables(self.named())

    def catalog_conflicts(self) -> list[Conflict]:
        """Where the catalogue and a document's text disagree (the tables keep the text's value)."""
        return [conflict for named in self.named() for conflict in catalog_conflicts(named)]

    def add(self, name: str, resolution: models.Resolution, json_path: Optional[str] = None) -> None:
        self.names.append(name)
        self.resolutions.append(resolution)
        self.json_paths.append(json_path)


def _patterns(pattern: Patterns) -> Optional[list[str]]:
    return [pattern] if isinstance(pattern, str) else (list(pattern) if pattern is not None else None)


def _files(folder: Path, pattern: Patterns) -> list[Path]:
    """Files under `folder` whose names match (any of) `pattern`, in the batch's order; hidden ones skipped."""
    if not folder.is_dir():
        raise InputError(folder, "is not a folder")
    return discover_inputs(folder, None, _patterns(pattern))


def _each(files: list[Path], read: Callable[[Path], None], progress: Optional[ProgressCallback],
          results: Results) -> Results:
    """Run `read` on every file; an exception becomes a ParseError, then progress is told."""
    for done, path in enumerate(files, start=1):
        started = time.perf_counter()
        try:
            read(path)
            outcome = Outcome(path.relative_to(results.folder).as_posix(), True, time.perf_counter() - started)
        except Exception as problem:  # noqa: BLE001 - a parser bug on one file: report it, keep going
            message = problem.problem if isinstance(problem, InputError) else _problem(problem)
            results.errors.append(ParseError(str(path), message))
            outcome = Outcome(path.relative_to(results.folder).as_posix(), False, time.perf_counter() - started,
                              type(problem).__name__, message)
        if progress is not None:
            progress(done, len(files), outcome)
    return results


def _problem(problem: Exception) -> str:
    if isinstance(problem, ValidationError):
        return f"not a resolution JSON: {problem.error_count()} schema errors"
    if isinstance(problem, OSError):
        return f"cannot be read: {problem.strerror or problem}"
    return f"{type(problem).__name__}: {one_line(problem)}"


def _apply_catalog(results: Results, catalog: Union[str, Path], documents: list[str], by_name: bool = True) -> None:
    results.catalog = match_catalog(read_catalog(catalog), documents, by_name)


def parse_folder(folder: Union[str, Path], pattern: Patterns = None,
                 progress: Optional[ProgressCallback] = None,
                 catalog: Optional[Union[str, Path]] = None) -> Results:
    """Parse every file under `folder` (subfolders too) whose name matches `pattern`.

    pattern: a glob on file names, or several (default: the formats the batch reads, *.txt
    *.docx *.doc *.pdf *.html *.htm); progress: called after each file with (done, total,
    outcome); catalog: an archive's catalogue filling in the tables what a text does not say,
    as `convert_folder(catalog=...)`. `convert_folder` is the tool for archives (parallel,
    resumable, JSON on disk); this is the in-memory version a notebook wants.
    """
    root = Path(folder)
    results = Results(root)
    files = _files(root, pattern)
    if catalog is not None:  # checked before anything is parsed, as in the batch
        _apply_catalog(results, catalog, [path.relative_to(root).as_posix() for path in files])
    return _each(files, lambda path: results.add(path.relative_to(root).as_posix(), parse(path)), progress, results)


def load_results(folder: Union[str, Path], pattern: Patterns = "*" + JSON_SUFFIX,
                 progress: Optional[ProgressCallback] = None,
                 catalog: Optional[Union[str, Path]] = None) -> Results:
    """Read back the per-document JSONs a batch wrote under `folder`, in nested folders too.

    The batch's own files are not documents: summary.json is skipped, and errors.jsonl,
    resolutions.jsonl and the tables do not match `pattern`. A file that is not a
    resolution's JSON is listed in `errors`. Each resolution's id is its input's path under
    the batch's IN_DIR ('sub/nq-12.docx' for 'sub/nq-12.docx.json'), as in the tables.

    catalog: an archive's catalogue to apply to the tables; by default the one the batch
    applied (the rows it kept in `folder`/catalog.tsv), so `tables()` are the tables it wrote.
    """
    root = Path(folder)
    results = Results(root)

    def read(path: Path) -> None:
        relative = path.relative_to(root)
        resolution = models.Resolution.model_validate_json(path.read_bytes())
        results.add(document_of(relative), resolution, relative.as_posix())

    files = [path for path in _files(root, pattern) if path != root / SUMMARY_FILE]
    documents = [document_of(path.relative_to(root)) for path in files]
    if catalog is not None:
        _apply_catalog(results, catalog, documents)
    elif (root / APPLIED_FILE).is_file():
        _apply_catalog(results, root / APPLIED_FILE, documents, by_name=False)
    return _each(files, read, progress, results)
