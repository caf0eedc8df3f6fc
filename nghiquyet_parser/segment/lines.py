"""Lines and paragraphs: the stripped line every rule reads, and the rejoining of broken lines.

A line continues the previous paragraph unless the previous one ended a sentence and
this one opens a new one. Structure words (openers, dangling words, list openers) are
data in `structure_words.tsv`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from ..normalise import NormalisedText
from ..vocabulary import alternation, load_table


class StrippedLine(NamedTuple):
    """A line stripped of surrounding blanks; [start, end) in normalised offsets.

    A NamedTuple rather than a frozen dataclass: one is built for every line of every
    document, and a frozen dataclass's __init__ (one object.__setattr__ per field) cost
    four times as much."""

    index: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text


def stripped_lines(norm: NormalisedText) -> list[StrippedLine]:
    result = []
    for i, line in enumerate(norm.lines()):
        text = line.text.strip()
        start = line.start + len(line.text) - len(line.text.lstrip())
        result.append(StrippedLine(i, start, start + len(text), text))
    return result


def bare(text: str) -> str:
    """A line's text without the stars of bold or italic markup ('**QUY ĐỊNH**' → 'QUY ĐỊNH')."""
    return text.replace("*", "").strip()


TRAILING_PUNCTUATION = regex.compile(r"[\s:.;,]+$")
# A line ending a sentence. Searched from the end (REVERSE): what it looks for closes the line, and
# callers ask only whether it is there (a forward search tried each punctuation mark on the way).
TERMINAL = regex.compile(r"[.:;!?…][\s'\"”’)*]*$", regex.REVERSE)
# A line opening in lower case, with punctuation, or with a measured value that no
# marker can be ('34,7 %', '2.501,7 tỷ đồng': PDF text wraps 'Dịch vụ - TM:' / '34,7 %').
CONTINUES = regex.compile(r"^(?:[.,;:)]|\p{Ll}|\d[\d.,]*\s*%|\d+(?:[.,]\d+)+\s+\p{Ll})")

# Lines at least this long were wrapped by the exporter rather than ended by the author.
WRAPPED_LINE = 60


@lru_cache(maxsize=None)
def structure_words(role: str) -> tuple[str, ...]:
    return tuple(row["phrase"] for row in load_table("structure_words") if row["role"] == role)


# A bullet some preambles put before each paragraph ("– Căn cứ ...", "- Xét ...").
BULLET_LEAD = regex.compile(r"^[-–—•+]\s*")


@lru_cache(maxsize=None)
def opener(role: str, bulleted: bool = False) -> "regex.Pattern[str]":
    """A line opening with one of the structure words of `role` (tolerant of case); with
    `bulleted`, also after a bullet."""
    lead = r"(?:[-–—•+]\s*)?" if bulleted else ""
    return regex.compile(rf"^{lead}(?:{alternation(structure_words(role), any_space=True)})(?![\p{{L}}])",
                         regex.IGNORECASE)


def signature_authority(text: str) -> bool:
    """'TM. HỘI ĐỒNG NHÂN DÂN', 'KT. CHỦ TỊCH': a line of the signature block."""
    return text.startswith(structure_words("signature_authority")) and mostly_upper(text)


@lru_cache(maxsize=None)
def _word_prefixes(role: str) -> tuple[str, ...]:
    return tuple(word + " " for word in structure_words(role))


def is_or_opens_with(text: str, role: str) -> bool:
    """`text` is one of the structure words of `role`, or starts with one and a space
    (tried on every line of a document: str.startswith takes them all at once, and with a
    space added to the text, a text that is a word itself starts with that word and a space)."""
    return (text + " ").startswith(_word_prefixes(role))


def _ends_with_phrase(words: list[str], role: str) -> bool:
    """Whether `words` end with one of the structure phrases of `role`."""
    return bool(words) and any(" ".join(words[-len(p.split()):]) == p for p in structure_words(role))


def dangles(line: str) -> bool:
    """A line ending on a word that needs a complement ('của', 'về', 'Điều') is unfinished."""
    return _ends_with_phrase(line.split(), "dangling")


def _opens_list(line: str) -> bool:
    """'..., 142 xã thuộc 10 huyện, gồm:' announces a run-on list: the colon ends no sentence."""
    line = line.rstrip()
    return line.endswith(":") and _ends_with_phrase(line.removesuffix(":").lower().split(), "list_opener")


def continues(previous: str, line: str) -> bool:
    """Whether `line` carries on the paragraph that `previous` left open (a broken line)."""
    return bool(CONTINUES.match(line)) or not TERMINAL.search(previous) or _opens_list(previous)


def mostly_upper(text: str) -> bool:
    letters = list(filter(str.isalpha, text))  # map and filter: no Python step per character of a title
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


@dataclass
class Paragraph:
    lines: list[StrippedLine]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def text(self) -> str:
        return " ".join(" ".join(line.text.split()) for line in self.lines)


def paragraphs(lines: list[StrippedLine], breaks: "regex.Pattern[str] | None" = None) -> list[Paragraph]:
    """Rejoin broken lines into paragraphs; `breaks` forces a line to open a paragraph."""
    result: list[Paragraph] = []
    for line in lines:
        if line.blank:
            continue
        opens = breaks is not None and breaks.match(line.text)
        if result and not opens and continues(result[-1].lines[-1].text, line.text):
            result[-1].lines.append(line)
        else:
            result.append(Paragraph([line]))
    return result


# Side-by-side columns (issuer beside the motto, recipients beside the signature) are
# cut by a tab or by three or more spaces.
CELL_SPLIT = regex.compile(r"\t+| {3,}")
# A cell's text: runs of characters not broken by a tab or by three or more spaces.
_CELL_CONTENT = regex.compile(r"(?:[^\t ]| {1,2}(?=[^\t ]))+")


def column_cells(line: StrippedLine) -> list[StrippedLine]:
    """The cells of a line that was a table row (recipients beside the signature)."""
    if not CELL_SPLIT.search(line.text):
        return [] if line.blank else [line]
    cells = []
    for m in _CELL_CONTENT.finditer(line.text):
        piece = m.group(0)
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            start = line.start + m.start() + lead
            cells.append(StrippedLine(line.index, start, start + len(piece.strip()), piece.strip()))
    return cells
