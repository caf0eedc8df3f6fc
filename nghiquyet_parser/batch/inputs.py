"""Which files a batch converts, where their JSON goes, and which are already current."""

from __future__ import annotations

import hashlib
import json
import os
from fnmatch import fnmatch
from pathlib import Path
from typing import Optional

from ..version import __version__

DEFAULT_SUFFIXES = (".txt", ".docx", ".doc", ".pdf", ".html", ".htm")


def discover_inputs(in_dir: Path, out_dir: Optional[Path] = None, patterns: Optional[list[str]] = None) -> list[Path]:
    """Input files under `in_dir`, sorted; hidden files and folders and a nested `out_dir` are skipped."""
    out_resolved = out_dir.resolve() if out_dir is not None else None
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


JSON_SUFFIX = ".json"


def output_path(out_dir: Path, relative: Path) -> Path:
    return out_dir / relative.parent / (relative.name + JSON_SUFFIX)


def document_of(json_relative: Path) -> str:
    """The inverse of output_path: 'sub/nq-12.docx.json' → 'sub/nq-12.docx', the input's id."""
    return json_relative.as_posix().removesuffix(JSON_SUFFIX)


def review_path(output: Path) -> Path:
    """The review page (--html) beside a document's JSON: a.txt.json -> a.txt.html."""
    return output.with_suffix(".html")


def akn_path(json_path: Path) -> Path:
    """The Akoma Ntoso XML written beside a document's JSON (`--format akn`): a.txt.akn.xml."""
    return json_path.with_name(json_path.name.removesuffix(".json") + ".akn.xml")


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
    try:
        digest = sha256_of(source)
    except OSError:  # unreadable now: convert it again, so the failure is reported and its old JSON removed
        return False
    return recorded.get("parser_version") == __version__ and recorded.get("sha256") == digest


def _read_source_info(output: Path) -> dict:
    # Only the 'source' object is needed; it comes first in the JSON, but a full
    # parse keeps this honest against a truncated or foreign file.
    document = json.loads(output.read_bytes())
    source = document.get("source") if isinstance(document, dict) else None
    if not isinstance(source, dict):
        raise ValueError("no source record")
    return source
