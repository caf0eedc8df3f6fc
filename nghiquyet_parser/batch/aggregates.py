"""The archive-wide files of a batch, always rebuilt from the per-document JSONs.

resolutions.jsonl (every resolution without its text), the tables of
`nghiquyet_parser.tables` (documents, targets, places, citations, quantities) as CSV
and/or Parquet, errors.jsonl (one line per failed input), and with a catalogue
catalog.tsv (its rows the tables applied) and catalog_conflicts.csv.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .. import models
from ..catalog import APPLIED_FILE, CATALOG, Conflict, Matched, applied_catalog
from ..catalog.merge import FILLED
from ..errors import OutputError
from ..output import write_atomically
from ..tables import TABLE_NAMES
from ..tables.build import TableRows, write_tables
from ..tables.rows import NamedResolution
from .jobs import Outcome

RESOLUTIONS_FILE = "resolutions.jsonl"
ERRORS_FILE = "errors.jsonl"
SUMMARY_FILE = "summary.json"
CONFLICTS_FILE = "catalog_conflicts.csv"
ERROR_COLUMNS = ("file", "error", "message")


@dataclass
class Aggregates:
    rows: dict[str, int] = field(default_factory=dict)  # rows of each table
    paths: list[Path] = field(default_factory=list)  # every aggregate file written
    conflicts: list[Conflict] = field(default_factory=list)  # where the catalogue disagreed with a text
    filled: dict[str, int] = field(default_factory=dict)  # documents each key column took from the catalogue


def write_aggregates(out_dir: Path, documents: Iterable[tuple[str, Path]], formats: Iterable[str],
                     catalog: Optional[Matched] = None) -> Aggregates:
    """Rebuild resolutions.jsonl and the tables (in `formats`: csv, parquet) from the per-document JSONs,
    the `catalog` rows filling what a text does not say (the JSONs keep what the text says)."""
    jsonl = io.StringIO()
    gathered = TableRows()
    for relative, json_path in documents:
        resolution = models.Resolution.model_validate_json(json_path.read_bytes())
        record = {"document": relative, **resolution.model_dump(mode="json", exclude={"text"})}
        jsonl.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        gathered.add(NamedResolution(relative, resolution, json_path.relative_to(out_dir).as_posix(),
                                     catalog.records.get(relative) if catalog else None))
    write_atomically(out_dir / RESOLUTIONS_FILE, jsonl.getvalue())
    written = [out_dir / RESOLUTIONS_FILE]
    formats = tuple(formats)
    if formats:
        written += write_tables(out_dir, gathered.tables(), formats)
    filled = {field: sum(row[f"{field}_source"] == CATALOG for row in gathered.rows["documents"]) for field in FILLED}
    return Aggregates({name: len(gathered.rows[name]) for name in TABLE_NAMES}, written, gathered.conflicts, filled)


def write_catalog_files(out_dir: Path, catalog: Optional[Matched], conflicts: list[Conflict]) -> list[Path]:
    """The catalogue rows applied (catalog.tsv, which `load_results` applies again) and the conflicts;
    without a catalogue, those an earlier run left are removed: they would pass for this run's."""
    paths = [out_dir / APPLIED_FILE, out_dir / CONFLICTS_FILE]
    if catalog is None:
        for path in paths:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                raise OutputError(path, f"cannot remove an earlier run's catalogue file ({exc.strerror or exc})") from None
        return []
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(Conflict._fields)
    writer.writerows(conflicts)
    write_atomically(paths[0], applied_catalog(catalog))
    write_atomically(paths[1], table.getvalue())
    return paths


def write_errors(out_dir: Path, failures: list[Outcome]) -> Path:
    lines = [
        json.dumps(dict(zip(ERROR_COLUMNS, (f.relative, f.error, f.message))), ensure_ascii=False) + "\n"
        for f in sorted(failures, key=lambda f: f.relative)
    ]
    write_atomically(out_dir / ERRORS_FILE, "".join(lines))
    return out_dir / ERRORS_FILE
