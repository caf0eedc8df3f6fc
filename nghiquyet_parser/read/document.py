"""The entry points of the read stage: a path, bytes or text → `RawDocument`.

The format is detected by content (`detect`), the bytes are read by that format's
reader, and text from any container is checked for legacy font characters (a TCVN3
.doc yields "Héi ®ång" through any converter).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, InputTooLarge
from ..limits import Limits, check_size, check_time, megabytes
from ..models import ParseWarning, SourceInfo
from ..version import __version__
from . import doc, docx, html, legacy, pdf
from .detect import detect_format
from .text import DecodedText, decode_text

DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class RawDocument:
    text: str
    source: SourceInfo
    warnings: tuple[ParseWarning, ...] = ()  # what reading repaired (invalid UTF-8 bytes); spans index `text`


def read_text(text: str, path: str | None = None) -> RawDocument:
    """Wrap text that is already Unicode."""
    return RawDocument(text, SourceInfo(path=path, format="text", encoding=None, detected_by="given",
                                        parser_version=__version__))


def read_path(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    path = Path(path)
    if path.is_dir():
        raise InputError(path, "is a directory, not a document")
    try:
        # Checked before reading: a larger file is an archive dump or a mistake, and reading
        # it whole would take the memory of a batch worker.
        check_size(path.stat().st_size, limits, path)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    return read_bytes(data, str(path), limits)


def read_bytes(data: bytes, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Decode a document of any supported format; raise InputError for anything unreadable
    and InputTooLarge for a file, or the text read from it, over its limit in `limits`."""
    check_size(len(data), limits, path)
    if not data.strip():
        raise InputError(path, "file is empty")
    fmt, format_evidence = detect_format(data, path)
    text, encoding, encoding_evidence, warnings = _read_format(fmt, data, path, limits)
    check_time()
    check_text_size(text, limits, path, len(data))
    text, encoding, encoding_evidence = _convert_legacy_fonts(fmt, text, encoding, encoding_evidence, path)
    if not text.strip():
        raise InputError(path, "file is empty")
    detected_by = "; ".join(part for part in (format_evidence, encoding_evidence) if part)
    source = SourceInfo(path=path, format=fmt, encoding=encoding, detected_by=detected_by,
                        sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data),
                        parser_version=__version__)
    return RawDocument(text, source, warnings)


def check_text_size(text: str, limits: Limits, path: str | None, file_size: int | None = None) -> None:
    """The text to parse is held to its own limit, tighter than the file's: a parse's memory
    follows its text, and a compressed container (a .docx, a .pdf's streams) can hold far
    more text than its own size."""
    if len(text) <= limits.max_text_bytes // 4:  # at most 4 UTF-8 bytes a character: no need to encode
        return
    size = len(text.encode("utf-8"))
    if size > limits.max_text_bytes:
        source = f" read from a {megabytes(file_size)} file" if file_size is not None else ""
        raise InputTooLarge(path, f"text too large: {megabytes(size)} of text{source} "
                                  f"(the limit is {limits.max_text_megabytes:g} MB)")


def _read_format(fmt: str, data: bytes, path: str | None,
                 limits: Limits) -> tuple[str, str | None, str, tuple[ParseWarning, ...]]:
    if fmt == "docx":
        return docx.read_docx(data, path), None, "", ()
    if fmt == "pdf":
        return pdf.read_pdf(data, path, max_characters=limits.max_text_bytes), None, "", ()
    if fmt == "doc":
        return doc.read_doc(data, path), None, "", ()
    if fmt == "html":
        return (*html.read_html(data, path), ())
    decoded: DecodedText = decode_text(data, path)
    return decoded.text, decoded.encoding, f"encoding: {decoded.detected_by}", decoded.warnings


def _convert_legacy_fonts(fmt: str, text: str, encoding: str | None, evidence: str, path: str | None):
    """Text from a container (docx, pdf, doc, html) may still be in a legacy font's code points."""
    if fmt == "text":
        return text, encoding, evidence  # the text reader has already looked
    converted, verdict = legacy.convert_if_legacy(text, path)
    if verdict is None:
        return text, encoding, evidence
    return converted, verdict.encoding, f"encoding: {verdict.encoding} font characters ({verdict.method})"
