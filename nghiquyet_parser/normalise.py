"""Stage 2: normalise the original text for matching, keeping a map back to it.

Like eyecite's `clean` step, every rewrite here records where each output
character came from, so a span found in the normalised text maps back to the
original (`NormalisedText.to_original`). Rewrites, in order:

1. markup left by HTML/markdown/Word exports (tags, entities, **bold**, table
   pipes, rules, escapes, '<jsontable>' placeholders) is removed;
2. CR, zero-width and soft-hyphen characters are dropped; odd spaces become ' ';
3. NFC composition (combining tone marks from NFD or Windows-1258 text);
4. 'Ð' (U+00D0, Icelandic eth) typed for 'Đ' becomes 'Đ';
5. tone placement on oa/oe/uy becomes one convention ('hoá' → 'hóa',
   'thuỷ' → 'thủy', 'khoá' → 'khóa'), so vocabularies need one spelling.

Line breaks are kept: rejoining broken lines is the segmenter's decision.
"""

from __future__ import annotations

import html
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Union

import regex

from . import models

Replacement = Union[str, Callable[["regex.Match[str]"], str]]


@dataclass(frozen=True)
class Line:
    """One line of the normalised text: [start, end) excludes the newline."""

    start: int
    end: int
    text: str


class NormalisedText:
    """The normalised text with, for each of its characters, the original range it came from."""

    def __init__(self, original: str, text: str, starts: list[int], ends: list[int]):
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


# --------------------------------------------------------------------------- rewrite machinery


class _Rewriter:
    """Applies regex rewrites while keeping per-character original ranges."""

    def __init__(self, original: str):
        self.text = original
        self.starts = list(range(len(original)))
        self.ends = list(range(1, len(original) + 1))

    def sub(self, pattern: "regex.Pattern[str]", replacement: Replacement) -> None:
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            a, b = match.span()
            new = replacement(match) if callable(replacement) else match.expand(replacement)
            if new == match.group(0):
                continue
            pieces.append(self.text[last:a])
            starts.extend(self.starts[last:a])
            ends.extend(self.ends[last:a])
            if new:
                origin_start = self.starts[a] if a < b else (self.ends[a - 1] if a else 0)
                origin_end = self.ends[b - 1] if a < b else origin_start
                pieces.append(new)
                if len(new) == b - a:  # same length: keep character-level precision
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


# --------------------------------------------------------------------------- rules

_BLOCK_TAGS = r"p|div|center|br|tr|table|thead|tbody|h[1-6]|li|ul|ol|blockquote"
_INLINE_TAGS = r"b|i|u|em|strong|span|font|a|sup|sub|td|th|small|big|s|strike"

_MARKUP_RULES: list[tuple[str, Replacement]] = [
    # Tables that an exporter replaced by an empty placeholder.
    (r"<jsontable\b[^>]*>\s*</jsontable>", ""),
    (r"<!--.*?-->", ""),
    (rf"(?i)<\s*/?\s*(?:{_BLOCK_TAGS})\b[^>\n]*>", "\n"),
    (rf"(?i)<\s*/?\s*(?:{_INLINE_TAGS})\b[^>\n]*>", ""),
    (r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});", lambda m: html.unescape(m.group(0))),
    # Markdown: headings, quotes, rules, bold/italic, escapes, table pipes.
    (r"(?m)^[ \t]{0,3}#{1,6}[ \t]+", ""),
    (r"(?m)^[ \t]{0,3}>[ \t]?", ""),
    (r"(?m)^[ \t]*(?:-{3,}|={3,}|_{3,}|\*{3,})[ \t]*$", ""),
    (r"(?m)^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$", ""),
    (r"\*\*|__", ""),
    (r"(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])", ""),
    (r"\\([.\-*_()\[\]#+!|`>])", r"\1"),
    (r"(?m)^[ \t]*\|[ \t]*|[ \t]*\|[ \t]*$", ""),
    (r"[ \t]*\|[ \t]*", "\t"),
]

_CHARACTER_RULES: list[tuple[str, Replacement]] = [
    (r"\r\n?", "\n"),
    (r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]", ""),
    (r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]", " "),
    (r"\u00d0", "\u0110"),
    (r"\u00f0", "\u0111"),
]

# A base letter followed by combining marks: composed with NFC as one unit.
_COMBINING_RUN = regex.compile(r"\P{M}\p{M}+")

# Tone on the second vowel of a final oa/oe/uy ("hoá", "thuỷ") moves to the first
# ("hóa", "thủy"); 'qu' + y keeps its tone ("quý": the u belongs to the consonant).
_TONED = {
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ",
    "A": "ÀÁẢÃẠ", "E": "ÈÉẺẼẸ", "Y": "ỲÝỶỸỴ",
}
_BARE = {"o": "òóỏõọ", "u": "ùúủũụ", "O": "ÒÓỎÕỌ", "U": "ÙÚỦŨỤ"}
_TONE_OF = {ch: (base, i) for base, marks in _TONED.items() for i, ch in enumerate(marks)}
_OLD_STYLE = regex.compile(
    r"(?<![qQ])([oO])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])(?!\p{L})|(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?!\p{L})"
)


def _move_tone(match: "regex.Match[str]") -> str:
    first = match.group(1) or match.group(3)
    toned = match.group(2) or match.group(4)
    base, tone = _TONE_OF[toned]
    return _BARE[first][tone] + base


def _compile(rules: list[tuple[str, Replacement]]) -> list[tuple["regex.Pattern[str]", Replacement]]:
    return [(regex.compile(pattern, regex.DOTALL if "<!--" in pattern else 0), repl) for pattern, repl in rules]


_MARKUP = _compile(_MARKUP_RULES)
_CHARACTERS = _compile(_CHARACTER_RULES)


def normalise(original: str) -> NormalisedText:
    rewriter = _Rewriter(original)
    for pattern, replacement in _CHARACTERS[:1]:  # CRLF first: markup rules are line-based
        rewriter.sub(pattern, replacement)
    for pattern, replacement in _MARKUP:
        rewriter.sub(pattern, replacement)
    for pattern, replacement in _CHARACTERS[1:]:
        rewriter.sub(pattern, replacement)
    rewriter.sub(_COMBINING_RUN, lambda m: unicodedata.normalize("NFC", m.group(0)))
    rewriter.sub(_OLD_STYLE, _move_tone)
    return NormalisedText(original, rewriter.text, rewriter.starts, rewriter.ends)


# --------------------------------------------------------------------------- matching keys

_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """A diacritic-free, lower-case key for tolerant matching ('Lưu' and 'Luu' agree)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=65536)  # called on every gazetteer candidate's name: few distinct strings
def canonical(text: str) -> str:
    """NFC text with the project's tone-placement convention, for comparing strings."""
    return normalise(text).text
