"""parse(): read → normalise → segment → extract → emit, timed stage by stage, within `Limits`.

The time budget is checked between the stages and inside their long loops (`limits.check_time`),
so it holds in any thread; see `limits` for the SIGALRM backstop of the main thread. The facts
(quantities, targets, nodes) are counted where they are found (`limits.count`), within a
`fact_tally` of the document."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Union

import regex

from . import models
from .emit import assemble
from .errors import InputError
from .extract import extract
from .limits import Limits, check_time, fact_tally, time_budget
from .normalise import normalise
from .read import RawDocument, read_bytes, read_path, read_text
from .read.document import DEFAULT_LIMITS, check_text_size
from .segment import segment

Source = Union[str, PathLike, bytes, RawDocument]


@dataclass
class ParseTimings:
    """Seconds spent in each stage of one parse (for the benchmark)."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, started: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - started
        return now


def parse(source: Source, *, timings: ParseTimings | None = None, limits: Limits = DEFAULT_LIMITS) -> models.Resolution:
    """Parse a resolution from a path, raw bytes, or an already-read document.

    A `str` is taken as a path when it names an existing file, else as the text itself;
    a `str` that looks like a path (see `_looks_like_a_path`) but names no file is an InputError.
    An input over `limits` (or with more facts than `limits.MAX_FACTS`) raises InputTooLarge; one
    that takes longer than `limits.seconds` (reading included) raises TimeBudgetExceeded: both
    are InputErrors naming the file.
    """
    timings = timings if timings is not None else ParseTimings()
    with time_budget(limits.seconds, _name(source)):
        started = time.perf_counter()
        raw = _read(source, limits)
        check_text_size(raw.text, limits, raw.source.path)
        started = timings.add("read", started)
        return _parse_raw(raw, timings, started)


def parse_file(path: Union[str, PathLike], *, timings: ParseTimings | None = None,
               limits: Limits = DEFAULT_LIMITS) -> models.Resolution:
    return parse(Path(path), timings=timings, limits=limits)


def parse_text(text: str, *, path: str | None = None, timings: ParseTimings | None = None,
               limits: Limits = DEFAULT_LIMITS) -> models.Resolution:
    return parse(read_text(text, path), timings=timings, limits=limits)


def _read(source: Source, limits: Limits) -> RawDocument:
    if isinstance(source, RawDocument):
        return source
    if isinstance(source, bytes):
        return read_bytes(source, limits=limits)
    if isinstance(source, PathLike) or (isinstance(source, str) and _is_file(source)):
        return read_path(source, limits)
    if isinstance(source, str):
        if _looks_like_a_path(source):
            # A mistyped path would otherwise be parsed as the text "/no/such/file.txt".
            raise InputError(source, "no such file")
        return read_text(source)
    raise TypeError(f"cannot parse a {type(source).__name__}")


def _name(source: Source) -> str | None:
    """How errors name the source before it is read: its path, if it has one."""
    if isinstance(source, RawDocument):
        return source.source.path
    if isinstance(source, PathLike) or (isinstance(source, str) and _is_file(source)):
        return str(source)
    return None


_PATH_EXTENSIONS = (".txt", ".docx", ".pdf", ".html", ".htm", ".doc")
_PATH_MAX = 4096  # Linux's PATH_MAX: anything longer is text
_SHORT_PATH = 260  # Windows' MAX_PATH: a separator in a word this short makes it a path
_PATH_START = regex.compile(r"(?:\.{0,2}[/\\]|~[/\\]|[A-Za-z]:[/\\])")


def _is_file(source: str) -> bool:
    if "\n" in source or "\0" in source or len(source) > _PATH_MAX:
        return False
    try:
        return Path(source).is_file()
    except (OSError, ValueError):  # "file name too long" and the like: it is text
        return False


def _looks_like_a_path(source: str) -> bool:
    """One line ending in a document extension, or a short line that starts like a path or is
    one word with a separator. Resolution text has spaces, and '/' only inside numbers (12/2021/NQ-HĐND)."""
    text = source.strip()
    if "\n" in text or not text or len(text) > _PATH_MAX:
        return False
    if text.lower().endswith(_PATH_EXTENSIONS):
        return True
    if len(text) > _SHORT_PATH:
        return False
    return bool(_PATH_START.match(text)) or (("/" in text or "\\" in text) and not any(c.isspace() for c in text))


def _parse_raw(raw: RawDocument, timings: ParseTimings, started: float) -> models.Resolution:
    with fact_tally(raw.source.path):
        return _parse_counted(raw, timings, started)


def _parse_counted(raw: RawDocument, timings: ParseTimings, started: float) -> models.Resolution:
    check_time()
    norm = normalise(raw.text)
    started = timings.add("normalise", started)
    check_time()
    structure = segment(norm)
    if not structure.body and not structure.header.number and not structure.legal_bases:
        raise InputError(raw.source.path, "no resolution found: no article ('Điều'), no header, no legal basis")
    started = timings.add("segment", started)
    check_time()
    knowledge = extract(norm, structure)
    started = timings.add("extract", started)
    check_time()
    resolution = assemble(raw, structure, knowledge)
    timings.add("emit", started)
    return resolution
