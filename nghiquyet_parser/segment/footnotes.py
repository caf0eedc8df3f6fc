"""Footnotes: '[1] ...' or a lost footnote mark (U+FFFD) opening a line, in the body or the closing."""

from __future__ import annotations

import regex

from .. import models
from ..normalise import NormalisedText
from .contracts import Structure, TextBlock
from .lines import StrippedLine

FOOTNOTE = regex.compile(r"^(?:(?P<m>\ufffd)\s*:?\s*|\[(?P<n>\d{1,3})\]\s*)")
_FOOTNOTE_OPENINGS = ("\ufffd", "[")  # FOOTNOTE's first characters


def opens_footnote(text: str) -> bool:
    """A line opening a footnote. Asked of every body line: nearly all open otherwise, and a
    test of the first character costs less than a match."""
    return text.startswith(_FOOTNOTE_OPENINGS) and FOOTNOTE.match(text) is not None


def add_footnote(norm: NormalisedText, lines: list[StrippedLine], structure: Structure) -> None:
    m = FOOTNOTE.match(lines[0].text)
    text = " ".join([lines[0].text[m.end():].strip(), *(line.text for line in lines[1:])]).strip()
    structure.footnotes.append(models.Footnote(marker=m["m"] or m["n"], text=" ".join(text.split()),
                                               span=norm.original_span(lines[0].start, lines[-1].end)))
    structure.blocks.append(TextBlock(lines[0].start + m.end(), lines[-1].end, "", None, "paragraph", "footnote"))
