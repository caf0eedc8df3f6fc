"""The normalised text and its map back to the original, the stage's output contract."""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterator, NamedTuple, Sequence

from .. import models


class Line(NamedTuple):
    """One line of the normalised text: [start, end) excludes the newline. A NamedTuple, as
    immutable as a frozen dataclass and quicker to make (a document has thousands)."""

    start: int
    end: int
    text: str


class NormalisedText:
    """The normalised text with, for each of its characters, the original range it came from."""

    def __init__(self, original: str, text: str, starts: Sequence[int], ends: Sequence[int]):
        self.original = original
        self.text = text
        self._starts = starts
        self._ends = ends
        self._lines: list[Line] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original text."""
        if end <= start:
            point = self._starts[start] if start < len(self._starts) else len(self.original)
            return point, point
        return self._starts[start], self._ends[end - 1]

    def original_span(self, start: int, end: int) -> models.Span:
        """The output span (original offsets) of normalised [start, end)."""
        original_start, original_end = self.to_original(start, end)
        return models.Span(start=original_start, end=original_end)

    def to_normalised(self, offset: int) -> int:
        """The first normalised character that comes from original offset `offset` or later."""
        return bisect_right(self._ends, offset)

    def lines(self) -> list[Line]:
        if self._lines is None:
            found, pos = [], 0
            for piece in self.text.split("\n"):
                found.append(Line(pos, pos + len(piece), piece))
                pos += len(piece) + 1
            self._lines = found
        return self._lines

    def __iter__(self) -> Iterator[Line]:
        return iter(self.lines())
