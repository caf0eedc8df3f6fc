"""PDF with a text layer, through pypdf; pages joined with a line break.

A PDF without any extractable text is a scan: we say so instead of returning nothing,
because OCR is a separate, heavy step the user must choose to run.

pypdf reads a page at a time, so the limits are checked page by page: the page count
before any text is extracted (a resolution with its appendices runs to tens of pages,
a plan to a few hundred), the text as it accumulates (compressed content streams can
hold far more text than the file's size), and the time budget between pages.
"""

from __future__ import annotations

import io
import logging
import warnings
from contextlib import contextmanager
from typing import Iterator

from ..errors import InputError, InputTooLarge
from ..limits import check_time, megabytes
from .dependencies import optional_module

MAX_PAGES = 5_000


def read_pdf(data: bytes, path: object, max_characters: int) -> str:
    """The pages' text; `max_characters`: the size limit in bytes, which the characters cannot pass."""
    pypdf = optional_module("pypdf", path, "PDF files")
    try:
        with _pypdf_quiet():
            reader = pypdf.PdfReader(io.BytesIO(data))
            _unlock(reader, path)
            pages = _page_texts(reader, path, max_characters)
    except InputError:  # our own, limits included: they say more than "unreadable"
        raise
    except Exception as exc:  # pypdf raises many types (PdfReadError, KeyError, ...) on damaged files
        raise InputError(path, f"corrupt or unreadable PDF ({type(exc).__name__})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(path, "no text layer (scanned PDF?): run OCR first")
    return text


def _page_texts(reader, path: object, max_characters: int) -> list[str]:
    count = len(reader.pages)
    if count > MAX_PAGES:
        raise InputTooLarge(path, f"too many pages: {count:,} (the limit is {MAX_PAGES:,})")
    pages: list[str] = []
    characters = 0
    for page in reader.pages:
        check_time()
        pages.append(page.extract_text() or "")
        characters += len(pages[-1])
        if characters > max_characters:
            # characters > the limit in bytes: its UTF-8 is larger still
            raise InputTooLarge(path, f"text too large: more than {megabytes(max_characters)} of text in the first "
                                      f"{len(pages):,} of {count:,} pages (the limit is {megabytes(max_characters)})")
    return pages


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
    except InputError:  # the time budget's alarm
        raise
    except Exception:  # missing crypto backend, unknown algorithm
        unlocked = 0
    if not unlocked:
        raise InputError(path, "encrypted PDF: a password is needed to read it")
