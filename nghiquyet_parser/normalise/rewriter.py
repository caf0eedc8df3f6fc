"""Text rewrites that remember, for every output character, the original range it came from."""

from __future__ import annotations

import heapq
from array import array
from typing import Callable, Iterable, Iterator, NamedTuple, Union

import numpy
import regex

Replacement = Union[str, Callable[["regex.Match[str]"], str]]


class Edit(NamedTuple):
    """Replace [start, end) of the current text by `new`."""

    start: int
    end: int
    new: str


# Offsets as unsigned 32-bit machine integers: 8 bytes a character for both maps, where lists
# of Python ints took about 80 (4.5 GB for a 50 MB input). Inputs stop far below 4 G characters
# (limits.Limits: the text limit); a larger offset would raise OverflowError, not wrap.
_OFFSET = "I"
_OFFSET_LIMIT = 2 ** (8 * array(_OFFSET).itemsize)


def _offsets(values: Iterable[int]) -> "array[int]":
    return array(_OFFSET, values)


def _identity_map(length: int) -> "tuple[array[int], array[int]]":
    """Starts 0..length-1 and ends 1..length: each character its own original range.
    Written by numpy at memory speed; array(_OFFSET, range(length)) converts every value
    through a Python int, which was a fifth of normalise's time."""
    if length >= _OFFSET_LIMIT:  # numpy would wrap around where array() raised
        raise OverflowError(f"a text of {length:,} characters is beyond the offset map's 32 bits")
    consecutive = numpy.arange(length + 1, dtype=_OFFSET)  # numpy's 'I' is array's: C unsigned int
    starts, ends = _offsets(()), _offsets(())
    starts.frombytes(consecutive[:-1].view(numpy.uint8))
    ends.frombytes(consecutive[1:].view(numpy.uint8))
    return starts, ends


class OffsetRewriter:
    """Applies rewrites while keeping per-character original ranges."""

    def __init__(self, original: str):
        self.text = original
        # None while each character is still its own original range: built when a rewrite
        # first changes the text, so a text none changes (most of the names `canonical`
        # compares) never pays for it.
        self._map: "tuple[array[int], array[int]] | None" = None

    @property
    def starts(self) -> "array[int]":
        return self._offset_map()[0]

    @property
    def ends(self) -> "array[int]":
        return self._offset_map()[1]

    def _offset_map(self) -> "tuple[array[int], array[int]]":
        if self._map is None:
            self._map = _identity_map(len(self.text))
        return self._map

    def sub(self, pattern: "regex.Pattern[str]", replacement: Replacement, lines_holding: tuple[str, ...] = ()) -> None:
        """Replace every match of `pattern`; with `lines_holding`, scan only the lines that
        hold one of those literals (for a pattern whose matches lie inside such lines and look
        no further than their ends, which a line's newline or the text's edge bound alike)."""
        text = self.text
        spans = _lines_holding(text, lines_holding) if lines_holding else [(0, len(text))]
        self.apply(
            Edit(match.start(), match.end(), replacement(match) if callable(replacement) else match.expand(replacement))
            for start, end in spans
            for match in pattern.finditer(text, start, end)
        )

    def apply(self, edits: Iterable[Edit]) -> None:
        """Non-overlapping edits, in text order. A replacement of the same length keeps
        character-level precision; any other maps each new character to the whole range."""
        text = self.text
        pieces: list[str] = []
        starts, ends = _offsets(()), _offsets(())
        old_starts = old_ends = starts  # the map before the edits, taken at the first change
        # The text is rebuilt up to `last`, the map copied up to `copied`: a replacement of
        # the same length leaves the map as it was, so the copy runs on through it.
        last = copied = 0
        for a, b, new in edits:  # one at a time: a hostile text can make millions
            if new == text[a:b]:
                continue
            if not pieces:  # the first change: only now is the map needed (it may be built now)
                old_starts, old_ends = self._offset_map()
            pieces.append(text[last:a])
            pieces.append(new)
            last = b
            if len(new) == b - a:
                continue
            starts.extend(old_starts[copied:a])
            ends.extend(old_ends[copied:a])
            copied = b
            if new:
                origin_start = old_starts[a] if a < b else (old_ends[a - 1] if a else 0)
                origin_end = old_ends[b - 1] if a < b else origin_start
                starts.extend([origin_start] * len(new))
                ends.extend([origin_end] * len(new))
        if not pieces:
            return
        pieces.append(text[last:])
        starts.extend(old_starts[copied:])
        ends.extend(old_ends[copied:])
        self.text = "".join(pieces)
        self._map = starts, ends


def _lines_holding(text: str, literals: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """[start, end) of each run of lines that hold one of `literals`, in order, newlines
    around a run left out. A run is scanned as one span, as a scan of the whole text would
    scan it: a table's rows are not scanned one call per row."""
    run_start = run_end = -2
    for start, end in heapq.merge(*(_lines_with(text, literal) for literal in literals)):
        if start > run_end + 1:  # not the line after the run, nor its last line again
            if run_end >= 0:
                yield run_start, run_end
            run_start = start
        run_end = end
    if run_end >= 0:
        yield run_start, run_end


def _lines_with(text: str, literal: str) -> Iterator[tuple[int, int]]:
    found = text.find(literal)
    while found >= 0:
        start = text.rfind("\n", 0, found) + 1
        end = text.find("\n", found)
        end = len(text) if end < 0 else end
        yield start, end
        found = text.find(literal, end)
