"""Text rewrites that remember, for every output character, the original range it came from."""

from __future__ import annotations

from array import array
from typing import Callable, Iterable, NamedTuple, Union

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
        self.starts, self.ends = _identity_map(len(original))

    def sub(self, pattern: "regex.Pattern[str]", replacement: Replacement) -> None:
        self.apply(
            Edit(match.start(), match.end(), replacement(match) if callable(replacement) else match.expand(replacement))
            for match in pattern.finditer(self.text)
        )

    def apply(self, edits: Iterable[Edit]) -> None:
        """Non-overlapping edits, in text order. A replacement of the same length keeps
        character-level precision; any other maps each new character to the whole range."""
        pieces: list[str] = []
        starts, ends = _offsets(()), _offsets(())
        last = 0
        for a, b, new in edits:
            if new == self.text[a:b]:
                continue
            pieces.append(self.text[last:a])
            starts.extend(self.starts[last:a])
            ends.extend(self.ends[last:a])
            if new:
                origin_start = self.starts[a] if a < b else (self.ends[a - 1] if a else 0)
                origin_end = self.ends[b - 1] if a < b else origin_start
                pieces.append(new)
                if len(new) == b - a:
                    starts.extend(self.starts[a:b])
                    ends.extend(self.ends[a:b])
                else:
                    starts.extend([origin_start] * len(new))
                    ends.extend([origin_end] * len(new))
            last = b
        if not pieces:
            return
        pieces.append(self.text[last:])
        starts.extend(self.starts[last:])
        ends.extend(self.ends[last:])
        self.text = "".join(pieces)
        self.starts, self.ends = starts, ends
