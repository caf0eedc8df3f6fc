"""Which format a document is in, decided by content (magic bytes); the extension only breaks ties.

Archives are full of .doc files that are really RTF or text and .txt files that are
HTML. A disagreement is resolved by content and noted in the evidence string.

    PK zip holding word/document.xml → docx      %PDF        → pdf
    D0 CF 11 E0 (OLE2)               → doc       <html ...   → html
    anything else                    → text (UTF-8/16, Windows-1258, TCVN3, VNI, VISCII)
"""

from __future__ import annotations

from pathlib import Path

import regex

from ..errors import InputError
from .docx import is_docx_container

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"
_PDF_HEADER_WINDOW = 1024  # the PDF spec lets junk precede the header this far
_RTF_MAGIC = b"{\\rtf"
_HTML_START = regex.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", regex.IGNORECASE | regex.DOTALL
)
_ANY_TAG = regex.compile(r"<(?:p|div|table|body|span|br|h[1-6])[\s/>]", regex.IGNORECASE)
_EXTENSION_FORMATS = {".txt": "text", ".text": "text", ".docx": "docx", ".pdf": "pdf", ".doc": "doc",
                      ".html": "html", ".htm": "html", ".xhtml": "html"}


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
        if is_docx_container(data):
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
