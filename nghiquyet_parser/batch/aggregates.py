"""The archive-wide files of a batch, always rebuilt from the per-document JSONs.

resolutions.jsonl (every resolution without its text), the tables of
`nghiquyet_parser.tables` (documents, targets, places, citations, quantities) as CSV
and/or Parquet, and errors.jsonl (one line per failed input).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .. import models
from ..output import write_atomically
from ..tables import TABLE_NAMES
from ..tables.build import TableRows, write_tables
from ..tables.rows import NamedResolution
from .jobs import Outcome

RESOLUTIONS_FILE = "resolutions.jsonl"
ERRORS_FILE = "errors.jsonl"
SUMMARY_FILE = "summary.json"
ERROR_COLUMNS = ("file", "error", "message")


@dataclass
class Aggregates:
    rows: dict[str, int] = field(default_factory=dict)  # rows of each table
    paths: list[Path] = field(default_factory=list)  # every aggregate file written


def write_aggregates(out_dir: Path, documents: Iterable[tuple[str, Path]], formats: Iterable[str]) -> Aggregates:
    """Rebuild resolutions.jsonl and the tables (in `formats`: csv, parquet) from the per-document JSONs."""
    jsonl = io.StringIO()
    gathered = TableRows()
    for relative, json_path in documents:
        resolution = models.Resolution.model_validate_json(json_path.read_bytes())
        record = {"document": relative, **resolution.model_dump(mode="json", exclude={"text"})}
        jsonl.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        gathered.add(NamedResolution(relative, resolution, json_path.relative_to(out_dir).as_posix()))
    write_atomically(out_dir / RESOLUTIONS_FILE, jsonl.getvalue())
    written = [out_dir / RESOLUTIONS_FILE]
    formats = tuple(formats)
    if formats:
        written += write_tables(out_dir, gathered.tables(), formats)
    return Aggregates({name: len(gathered.rows[name]) for name in TABLE_NAMES}, written)


def write_errors(out_dir: Path, failures: list[Outcome]) -> Path:
    lines = [
        json.dumps(dict(zip(ERROR_COLUMNS, (f.relative, f.error, f.message))), ensure_ascii=False) + "\n"
        for f in sorted(failures, key=lambda f: f.relative)
    ]
    write_atomically(out_dir / ERRORS_FILE, "".join(lines))
    return out_dir / ERRORS_FILE
