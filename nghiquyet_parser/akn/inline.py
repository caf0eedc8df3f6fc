"""Text with inline marks: a model's text, whitespace collapsed, with the targets, places
and citations its spans hold as inline elements.

Facts are spans of the ORIGINAL text; model texts are rejoined and normalised (tone
placement, markup removed, combining marks composed), so their offsets differ. An
`Alignment` pairs the letters and digits of the two, which normalisation leaves alone,
and a fact's span moves onto the model's text through the letters it holds.

A mark is written only where all of its letters lie inside the text; marks nest when one
lies inside another (a place inside a citation), and a mark that crosses another is left
out: XML cannot hold it, and its facts stay in the metadata.
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..normalise import fold
from .elements import akn

_WHITESPACE_RUN = re.compile(r"\s{2,}|[^\S ]")  # what becomes one plain space
_SPACE = re.compile(r"\s+")


@dataclass
class Mark:
    """An inline element to wrap around [start, end) of a text."""

    start: int
    end: int
    tag: str
    attributes: dict[str, str]
    key: Optional[str] = None  # names the fact, to report which were placed
    children: list["Mark"] = field(default_factory=list)

    def moved(self, start: int, end: int) -> "Mark":
        return Mark(start, end, self.tag, self.attributes, self.key)


class Marks:
    """Every mark of a document in original offsets, found by position; remembers the
    facts it placed and the eId of the element each was placed in."""

    def __init__(self, marks: list[Mark]) -> None:
        self.marks = sorted(marks, key=lambda mark: (mark.start, -mark.end))
        self.starts = [mark.start for mark in self.marks]
        self.placed: dict[str, str] = {}

    def within(self, start: int, end: int) -> list[Mark]:
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        return [mark for mark in self.marks[low:high] if mark.start < mark.end <= end]


class Alignment:
    """A model's text lined up with a stretch of the original, letter for letter (letters
    and digits folded by `normalise.fold`, so 'thuỷ' pairs with 'thủy')."""

    def __init__(self, text: str, text_letters: list[int], original_letters: list[int], next_letter: int) -> None:
        self.text = text
        self.text_letters = text_letters
        self.original_letters = original_letters
        self.next_letter = next_letter  # in the `Letters` it was found in: where to look for what follows

    @classmethod
    def at_end(cls, original: str, start: int, end: int, text: str) -> Optional["Alignment"]:
        """`text` as the last letters of original[start:end] (a node's marker and heading
        come before its text), else where they last occur there (markup may follow), or None."""
        return Letters(original, start, end).align(text, last=True)

    @property
    def original_end(self) -> int:
        return self.original_letters[-1] + 1

    def span(self, original: str, start: int, end: int) -> Optional[tuple[int, int]]:
        """Original [start, end) in the text, when every letter of it is in the aligned part;
        the signs around its letters ('%', '(') come along where the text has them too."""
        letters = self.original_letters
        low = bisect.bisect_left(letters, start)
        high = bisect.bisect_left(letters, end) - 1
        if low > high or _has_letter(original, start, letters[low]) or _has_letter(original, letters[high] + 1, end):
            return None
        text_start, text_end = self.text_letters[low], self.text_letters[high] + 1
        lead = original[start:letters[low]]
        if lead and self.text[max(0, text_start - len(lead)):text_start] == lead:
            text_start -= len(lead)
        trail = original[letters[high] + 1:end]
        if trail and self.text[text_end:text_end + len(trail)] == trail:
            text_end += len(trail)
        return text_start, text_end


class Letters:
    """The letters and digits of original[start:end], folded, with their positions: read
    once for a whole table, whose cells are then found in turn."""

    def __init__(self, original: str, start: int, end: int) -> None:
        self.positions, self.key = _letters(original, start, end)

    def align(self, text: str, last: bool = False, after: int = 0) -> Optional[Alignment]:
        """`text` where its letters occur (first from letter `after` on, or last), or None."""
        text_letters, text_key = _letters(text, 0, len(text))
        if not text_key:
            return None
        where = self.key.rfind(text_key, after) if last else self.key.find(text_key, after)
        if where < 0:
            return None
        found = where + len(text_key)
        return Alignment(text, text_letters, self.positions[where:found], found)

    def position(self, letter: int, default: int) -> int:
        """Where letter number `letter` is in the original (`default` past the last)."""
        return self.positions[letter] if letter < len(self.positions) else default


@lru_cache(maxsize=4096)
def _folded(character: str) -> str:
    return fold(character)[:1] or character


def _letters(text: str, start: int, end: int) -> tuple[list[int], str]:
    """Positions of the letters and digits of text[start:end], and those letters folded."""
    positions = [index for index in range(start, end) if text[index].isalnum()]
    return positions, "".join(_folded(text[index]) for index in positions)


def _has_letter(text: str, start: int, end: int) -> bool:
    return any(character.isalnum() for character in text[start:end])


def write_aligned(holder: ET.Element, alignment: Alignment, original: str, region: tuple[int, int],
                  marks: Marks, holder_id: str) -> None:
    """Append the aligned text to `holder` with the marks of original `region` that fall in it."""
    moved = []
    for mark in marks.within(*region):
        span = alignment.span(original, mark.start, mark.end)
        if span is not None:
            moved.append(mark.moved(*span))
    _record(marks, write_marked(holder, alignment.text, moved), holder_id)


def write_original(holder: ET.Element, original: str, start: int, end: int, marks: Marks, holder_id: str) -> None:
    """Append original[start:end] itself to `holder`, with the marks inside it."""
    moved = [mark.moved(mark.start - start, mark.end - start) for mark in marks.within(start, end)]
    _record(marks, write_marked(holder, original[start:end], moved), holder_id)


def _record(marks: Marks, placed: list[Mark], holder_id: str) -> None:
    for mark in placed:
        if mark.key:
            marks.placed[mark.key] = holder_id


def write_text(holder: ET.Element, text: str) -> None:
    """Append plain text (a model's value) to `holder`, whitespace collapsed."""
    append(holder, _SPACE.sub(" ", text).strip())


def write_marked(holder: ET.Element, text: str, marks: list[Mark]) -> list[Mark]:
    """Append `text`, stripped and whitespace collapsed, with `marks` (in its offsets) as
    nested inline elements; returns the marks written."""
    begin, finish = len(text) - len(text.lstrip()), len(text.rstrip())
    raw = text[begin:finish]
    runs = [(match.start(), match.end()) for match in _WHITESPACE_RUN.finditer(raw)]
    collapsed = _WHITESPACE_RUN.sub(" ", raw)
    inside = sorted((mark.moved(_collapsed(mark.start - begin, runs), _collapsed(mark.end - begin, runs))
                     for mark in marks if begin <= mark.start and mark.end <= finish),
                    key=lambda mark: (mark.start, -mark.end))
    nested = _nest(inside)
    _write(holder, collapsed, 0, len(collapsed), nested)
    return _flatten(nested)


def _collapsed(position: int, runs: list[tuple[int, int]]) -> int:
    """An offset's place in the text once each whitespace run became one space."""
    removed = 0
    for run_start, run_end in runs:
        if run_start + 1 >= position:
            break
        removed += min(run_end, position) - run_start - 1
    return position - removed


def _nest(marks: list[Mark]) -> list[Mark]:
    """Marks (sorted by start, longest first) as a forest: inner ones become children,
    crossing ones and empty ones are dropped."""
    roots: list[Mark] = []
    stack: list[Mark] = []
    for mark in marks:
        if mark.end <= mark.start:
            continue
        while stack and stack[-1].end <= mark.start:
            stack.pop()
        if stack and mark.end > stack[-1].end:
            continue
        (stack[-1].children if stack else roots).append(mark)
        stack.append(mark)
    return roots


def _flatten(marks: list[Mark]) -> list[Mark]:
    return [each for mark in marks for each in (mark, *_flatten(mark.children))]


def _write(holder: ET.Element, text: str, start: int, end: int, marks: list[Mark]) -> None:
    cursor = start
    for mark in marks:
        append(holder, text[cursor:mark.start])
        inner = ET.SubElement(holder, akn(mark.tag), mark.attributes)
        _write(inner, text, mark.start, mark.end, mark.children)
        cursor = mark.end
    append(holder, text[cursor:end])


def append(holder: ET.Element, text: str) -> None:
    """Text after whatever `holder` already holds: its text, or its last child's tail."""
    if not text:
        return
    if len(holder):
        last = holder[-1]
        last.tail = (last.tail or "") + text
    else:
        holder.text = (holder.text or "") + text
