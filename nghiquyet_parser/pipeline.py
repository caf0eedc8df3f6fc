"""parse(): read → normalise → segment → extract → emit, timed stage by stage."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Union

from . import models
from .emit import assemble
from .errors import InputError
from .extract import extract
from .normalise import normalise
from .read import RawDocument, read_bytes, read_path, read_text
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


def parse(source: Source, *, timings: ParseTimings | None = None) -> models.Resolution:
    """Parse a resolution from a path, raw bytes, or an already-read document.

    A `str` is taken as a path when it names an existing file, else as the text itself.
    """
    timings = timings if timings is not None else ParseTimings()
    started = time.perf_counter()
    raw = _read(source)
    started = timings.add("read", started)
    return _parse_raw(raw, timings, started)


def parse_file(path: Union[str, PathLike], *, timings: ParseTimings | None = None) -> models.Resolution:
    return parse(read_path(path), timings=timings)


def parse_text(text: str, *, path: str | None = None, timings: ParseTimings | None = None) -> models.Resolution:
    return parse(read_text(text, path), timings=timings)


def _read(source: Source) -> RawDocument:
    if isinstance(source, RawDocument):
        return source
    if isinstance(source, bytes):
        return read_bytes(source)
    if isinstance(source, PathLike) or (isinstance(source, str) and "\n" not in source and Path(source).is_file()):
        return read_path(source)
    if isinstance(source, str):
        return read_text(source)
    raise TypeError(f"cannot parse a {type(source).__name__}")


def _parse_raw(raw: RawDocument, timings: ParseTimings, started: float) -> models.Resolution:
    norm = normalise(raw.text)
    started = timings.add("normalise", started)
    structure = segment(norm)
    if not structure.body and not structure.header.number and not structure.legal_bases:
        raise InputError(raw.source.path, "no resolution found: no article ('Điều'), no header, no legal basis")
    started = timings.add("segment", started)
    knowledge = extract(norm, structure)
    started = timings.add("extract", started)
    resolution = assemble(raw, structure, knowledge)
    timings.add("emit", started)
    return resolution
