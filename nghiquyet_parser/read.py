"""Stage 1: read a file into Unicode text and say what was detected.

The format is decided by content (magic bytes), the extension being only a hint:
archives are full of .doc files that are really RTF or text and .txt files that are
HTML. A disagreement is resolved by content and noted in `SourceInfo.detected_by`.

    PK zip holding word/document.xml → docx      %PDF        → pdf
    D0 CF 11 E0 (OLE2)               → doc       <html ...   → html
    anything else                    → text (UTF-8/16, Windows-1258, TCVN3, VNI, VISCII)

The readers live in `nghiquyet_parser.readers`; text from any of them is checked for
legacy font characters (a TCVN3 .doc yields "Héi ®ång" through any converter).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import regex

from . import __version__
from .errors import InputError
from .models import SourceInfo
from .readers import doc, docx, html, legacy, pdf
from .readers.text import DecodedText, decode_text

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"
_PDF_HEADER_WINDOW = 1024  # the PDF spec lets junk precede the header this far
_RTF_MAGIC = b"{\\rtf"
# Far above any resolution with its appendices; a larger file is an archive dump or a mistake,
# and reading it whole would take the memory of a batch worker.
MAX_INPUT_BYTES = 256 * 1024 * 1024
_HTML_START = regex.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", regex.IGNORECASE | regex.DOTALL
)
_ANY_TAG = regex.compile(r"<(?:p|div|table|body|span|br|h[1-6])[\s/>]", regex.IGNORECASE)
_EXTENSION_FORMATS = {".txt": "text", ".text": "text", ".docx": "docx", ".pdf": "pdf", ".doc": "doc",
                      ".html": "html", ".htm": "html", ".xhtml": "html"}


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
    if path.is_dir():
        raise InputError(path, "is a directory, not a document")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(path, f"file too large ({size} bytes; the limit is {MAX_INPUT_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    return read_bytes(data, str(path))


def read_bytes(data: bytes, path: str | None = None) -> RawDocument:
    """Decode a document of any supported format; raise InputError for anything unreadable."""
    if not data.strip():
        raise InputError(path, "file is empty")
    fmt, format_evidence = detect_format(data, path)
    text, encoding, encoding_evidence = _read_format(fmt, data, path)
    text, encoding, encoding_evidence = _convert_legacy_fonts(fmt, text, encoding, encoding_evidence, path)
    if not text.strip():
        raise InputError(path, "file is empty")
    detected_by = "; ".join(part for part in (format_evidence, encoding_evidence) if part)
    source = SourceInfo(path=path, format=fmt, encoding=encoding, detected_by=detected_by,
                        sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data),
                        parser_version=__version__)
    return RawDocument(text, source)


def detect_format(data: bytes, path: str | None) -> tuple[str, str]:
    """(format, evidence): by magic bytes, with the extension as a tie-breaker only."""
    by_content, evidence = _format_by_content(data, path)
    hinted = _EXTENSION_FORMATS.get(Path(path).suffix.lower()) if path else None
    if by_content == "text" and hinted == "html" and _ANY_TAG.search(data[:4096].decode("latin-1")):
        return "html", "format: extension .html, markup found (fragment without <html>)"
    if hinted is not None and hinted != by_content:
        evidence += f" (extension {Path(path).suffix} disagreed; content wins)"
    return by_content, evidence


def _format_by_content(data: bytes, path: str | None) -> tuple[str, str]:
    if data.startswith(_ZIP_MAGIC):
        if docx.is_docx_container(data):
            return "docx", "format: magic bytes (zip with word/document.xml)"
        raise InputError(path, "zip archive without word/document.xml: not a .docx")
    if _PDF_MAGIC in data[:_PDF_HEADER_WINDOW]:
        return "pdf", "format: magic bytes (%PDF)"
    if data.startswith(_OLE2_MAGIC):
        return "doc", "format: magic bytes (OLE2 compound document)"
    if data.removeprefix(b"\xef\xbb\xbf").startswith(_RTF_MAGIC):
        # Archives hold many RTF files named .doc; reading their control words as text would
        # hand the segmenter garbage, so say what the file is instead.
        raise InputError(path, "RTF document: not supported yet; save it as .docx or plain text")
    if _HTML_START.match(_html_probe(data)):
        return "html", "format: content (<html> / <!DOCTYPE html>)"
    return "text", "format: content (no binary signature)"


def _html_probe(data: bytes) -> str:
    head = data[:2048]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, "ignore")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def _read_format(fmt: str, data: bytes, path: str | None) -> tuple[str, str | None, str]:
    if fmt == "docx":
        return docx.read_docx(data, path), None, ""
    if fmt == "pdf":
        return pdf.read_pdf(data, path), None, ""
    if fmt == "doc":
        return doc.read_doc(data, path), None, ""
    if fmt == "html":
        return html.read_html(data, path, decode_text)
    decoded: DecodedText = decode_text(data, path)
    return decoded.text, decoded.encoding, f"encoding: {decoded.detected_by}"


def _convert_legacy_fonts(fmt: str, text: str, encoding: str | None, evidence: str, path: str | None):
    """Text from a container (docx, pdf, doc, html) may still be in a legacy font's code points."""
    if fmt == "text":
        return text, encoding, evidence  # the text reader has already looked
    converted, verdict = legacy.convert_if_legacy(text, path)
    if verdict is None:
        return text, encoding, evidence
    return converted, verdict.encoding, f"encoding: {verdict.encoding} font characters ({verdict.method})"
