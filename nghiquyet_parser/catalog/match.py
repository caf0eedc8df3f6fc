"""Which catalogue row is which document: by path under IN_DIR, else by file name when only one input has it.

A batch keeps the rows it matched in OUT_DIR (`APPLIED_FILE`, itself a catalogue keyed by
document id), so `load_results(OUT_DIR)` builds the very tables the batch wrote without
being told where the catalogue was.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Iterable

from .read import FIELDS, Catalog, CatalogRecord

APPLIED_FILE = "catalog.tsv"


@dataclass(frozen=True)
class Matched:
    records: dict[str, CatalogRecord]  # document id → its catalogue row
    unmatched: tuple[CatalogRecord, ...]  # rows naming no input, or a file name several inputs share


def match_catalog(catalog: Catalog, documents: Iterable[str], by_name: bool = True) -> Matched:
    """Each document id ('2021/nq-12.docx') → the row naming it: its whole path first, then (`by_name`)
    its file name. The batch's own catalog.tsv names documents by id: by path only, or the row of an
    input that failed would find another input of the same name."""
    by_key = {unicodedata.normalize("NFC", document): document for document in documents}
    records: dict[str, CatalogRecord] = {}
    by_name_only: list[CatalogRecord] = []
    for record in catalog.records:
        if record.key in by_key:
            records[by_key[record.key]] = record
        else:
            by_name_only.append(record)
    names: dict[str, list[str]] = {}
    for key, document in by_key.items():
        names.setdefault(PurePosixPath(key).name, []).append(document)
    unmatched: list[CatalogRecord] = []
    for record in by_name_only:
        # A catalogue rooted elsewhere ('archive/2021/a.txt' for IN_DIR 'archive') still names a
        # file: its name, when one input alone has it.
        candidates = names.get(PurePosixPath(record.key).name, []) if by_name else []
        if len(candidates) == 1 and candidates[0] not in records:
            records[candidates[0]] = record
        else:
            unmatched.append(record)
    return Matched(records, tuple(unmatched))


def applied_catalog(matched: Matched) -> str:
    """The matched rows as a catalogue keyed by document id (TSV), in document order."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(("document", *FIELDS))
    for document in sorted(matched.records):
        record = matched.records[document]
        writer.writerow((document, *(getattr(record, field) or "" for field in FIELDS)))
    return out.getvalue()
