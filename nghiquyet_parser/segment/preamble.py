"""The preamble: legal bases ("Căn cứ ...") and considerations ("Xét Tờ trình ..."), each
paragraph with the documents it cites, and the enacting formula that closes it.

A paragraph's role comes from its opening words, after any bullet ("– Căn cứ",
"- Xét", "Sau khi nghe", "Qua xem xét", "Trên cơ sở xem xét"); a paragraph opened by
none of them is a consideration when it names what the council weighed (a Tờ trình,
a report's examination, the debate) and otherwise keeps the role of the one before.
One paragraph may cite several documents ("Căn cứ các Nghị định của Chính phủ: số
...; số ...").
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .. import models
from ..citations import cite_paragraph
from ..normalise import NormalisedText, fold
from ..vocabulary import alternation
from .contracts import Structure, TextBlock
from .lines import (
    BULLET_LEAD,
    Paragraph,
    StrippedLine,
    opener,
    paragraphs,
    structure_words,
)
from .regions import ENACTING_LINE

_WORD_RUN = regex.compile(r"\S+")  # compiled once: it runs on every line of the bases
# What rejoining changes in a line: blanks at its ends, a run of blanks or a blank other than a space.
_UNEVEN_BLANKS = regex.compile(r"^\s|\s$|\s\s|[^\S ]")


def parse_preamble(norm: NormalisedText, lines: list[StrippedLine], structure: Structure) -> None:
    legal, consideration = opener("legal_basis", bulleted=True), opener("consideration", bulleted=True)
    breaks = regex.compile(f"{legal.pattern}|{consideration.pattern}", regex.IGNORECASE)
    kind = "legal_basis"
    seen: dict[str, set[str]] = {"legal_basis": set(), "consideration": set()}
    for para in paragraphs(lines, breaks):
        text = para.text
        if legal.match(text):
            kind = "legal_basis"
        elif consideration.match(text) or _weighs(text):
            kind = "consideration"
        lead = BULLET_LEAD.match(text)
        skip = lead.end() if lead else 0  # the citation grammar reads from the opening words
        cited = [c for c in cite_paragraph(text[skip:], named=kind == "legal_basis")
                 if _first_mention(c.number or c.name, seen[kind])]
        offsets = _text_offsets(para) if cited else []
        documents = [
            models.CitedDocument(type=c.type, number=c.number, date=c.date, issuer=c.issuer, title=c.title, name=c.name,
                                 span=norm.original_span(*_offset_in(para, offsets, c.start + skip, c.end + skip)))
            for c in cited
        ]
        item = models.CitingParagraph(text=text, span=norm.original_span(para.start, para.end), documents=documents)
        (structure.legal_bases if kind == "legal_basis" else structure.considerations).append(item)
        structure.blocks.append(TextBlock(para.start, para.end, "", None, "paragraph", kind))


@lru_cache(maxsize=None)
def _consideration_cue() -> "regex.Pattern[str]":
    return regex.compile(rf"(?<!\p{{L}})(?:{alternation(structure_words('consideration_cue'), any_space=True)})(?!\p{{L}})",
                         regex.IGNORECASE)


def _weighs(text: str) -> bool:
    """A paragraph opened by other words that names a proposal, a report's examination or
    the debate: what the council weighed."""
    return bool(_consideration_cue().search(text))


def _first_mention(key: str, seen: set[str]) -> bool:
    """A document cited again (often inside another's title) is listed once."""
    folded = fold(key)
    if folded in seen:
        return False
    seen.add(folded)
    return True


def _text_offsets(para: Paragraph) -> list[int]:
    """The normalised offset of each character of the rejoined paragraph text (single spaces),
    built once for all the documents a paragraph cites."""
    mapping: list[int] = []
    for line in para.lines:
        if line.text and not _UNEVEN_BLANKS.search(line.text):  # most lines: rejoined as they are
            if mapping:
                mapping.append(line.start - 1)  # the single joining space
            mapping.extend(range(line.start, line.start + len(line.text)))
            continue
        for word in _WORD_RUN.finditer(line.text):
            if mapping:
                mapping.append(line.start + word.start() - 1)  # the single joining space
            mapping.extend(range(line.start + word.start(), line.start + word.end()))
    return mapping


def _offset_in(para: Paragraph, mapping: list[int], start: int, end: int) -> tuple[int, int]:
    """Map offsets in the rejoined paragraph text back to normalised offsets (`mapping`: `_text_offsets`)."""
    if not mapping:
        return para.start, para.end
    start = min(start, len(mapping) - 1)
    end = min(max(end, start + 1), len(mapping))
    return mapping[start], mapping[end - 1] + 1


def enacting_formula(norm: NormalisedText, para: Paragraph) -> models.EnactingFormula:
    return models.EnactingFormula(text=para.text, style=_enacting_style(para.text),
                                  span=norm.original_span(para.start, para.end))


def _enacting_style(text: str) -> str:
    if ENACTING_LINE.match(text):
        return "quyet_nghi" if "QUYẾT" in text.split()[0] else "nghi_quyet"
    return "sentence"
