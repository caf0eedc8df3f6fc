"""PDF with a text layer, through pypdf; pages joined with a line break.

A PDF without any extractable text is a scan: we say so instead of returning nothing,
because OCR is a separate, heavy step the user must choose to run.
"""

from __future__ import annotations

import io
import logging
import warnings
from contextlib import contextmanager
from typing import Iterator

from ..errors import InputError
from .dependencies import optional_module


def read_pdf(data: bytes, path: object) -> str:
    pypdf = optional_module("pypdf", path, "PDF files")
    try:
        with _pypdf_quiet():
            reader = pypdf.PdfReader(io.BytesIO(data))
            _unlock(reader, path)
            pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many types (PdfReadError, KeyError, ...) on damaged files
        raise InputError(path, f"corrupt or unreadable PDF ({type(exc).__name__})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(path, "no text layer (scanned PDF?): run OCR first")
    return text


@contextmanager
def _pypdf_quiet() -> Iterator[None]:
    """pypdf logs what it repairs ("EOF marker not found") and Python prints unhandled log
    records on stderr, beside our own one-line error: quiet it while we read."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _unlock(reader, path: object) -> None:
    """Many official PDFs are 'encrypted' with an empty user password only to stop editing."""
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("")
    except Exception:  # missing crypto backend, unknown algorithm
        unlocked = 0
    if not unlocked:
        raise InputError(path, "encrypted PDF: a password is needed to read it")
