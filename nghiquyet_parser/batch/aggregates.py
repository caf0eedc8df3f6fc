"""The archive-wide tables of a batch, always rebuilt from the per-document JSONs.

resolutions.jsonl (every resolution without its text), targets.csv and places.csv
(+ .parquet with the optional pyarrow), and errors.jsonl (one line per failed input).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Iterable

import pandas

from .. import models
from ..frames import places_frame, targets_frame
from ..output import write_atomically, write_parquet_atomically
from .jobs import Outcome

TARGETS_CSV_COLUMNS = [
    "document", "article", "path", "indicator", "value", "value_max", "unit", "normalised_value",
    "base_unit", "comparator", "kind", "status", "change_direction", "change_value", "change_unit",
    "baseline", "price_basis", "period", "span_start", "span_end",
]
PLACES_CSV_COLUMNS = [
    "document", "name", "type", "code", "parents", "successor_code", "successor_name", "mentions",
]
ERROR_COLUMNS = ("file", "error", "message")


def _document_rows(relative: str, resolution: models.Resolution) -> tuple[list[dict], list[dict]]:
    targets = targets_frame([resolution]).assign(document=relative)
    places = places_frame([resolution]).assign(document=relative)
    return (targets.reindex(columns=TARGETS_CSV_COLUMNS).to_dict("records"),
            places.reindex(columns=PLACES_CSV_COLUMNS).to_dict("records"))


def write_aggregates(out_dir: Path, documents: Iterable[tuple[str, Path]]) -> dict:
    """Rebuild resolutions.jsonl, targets.csv, places.csv (+ parquet) from the per-document JSONs."""
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
        write_parquet_atomically(out_dir / f"{name}.parquet", frame)
    return {name: len(frame) for name, frame in tables.items()}


def write_errors(out_dir: Path, failures: list[Outcome]) -> None:
    lines = [
        json.dumps(dict(zip(ERROR_COLUMNS, (f.relative, f.error, f.message))), ensure_ascii=False) + "\n"
        for f in sorted(failures, key=lambda f: f.relative)
    ]
    write_atomically(out_dir / "errors.jsonl", "".join(lines))
