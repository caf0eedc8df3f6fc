"""Stage 1: read a file into Unicode text and say what was detected.

(Minimal text reader; the full reader set — legacy encodings, docx, pdf, html —
is built under issue 4.)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .errors import InputError
from .models import SourceInfo


@dataclass(frozen=True)
class RawDocument:
    text: str
    source: SourceInfo


def read_text(text: str, path: str | None = None) -> RawDocument:
    """Wrap text that is already Unicode."""
    return RawDocument(text, SourceInfo(path=path, format="text", encoding=None, detected_by="given",
                                        parser_version=__version__))


def read_path(path: str | Path) -> RawDocument:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    return read_bytes(data, str(path))


def read_bytes(data: bytes, path: str | None = None) -> RawDocument:
    if not data.strip():
        raise InputError(path, "file is empty")
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(path, "not UTF-8 or UTF-16 text")
    source = SourceInfo(path=path, format="text", encoding=encoding, detected_by="content",
                        sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data),
                        parser_version=__version__)
    return RawDocument(text, source)
