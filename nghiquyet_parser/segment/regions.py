"""The parts of a resolution, found by anchor lines.

The header runs up to the first "Căn cứ" (the preamble), the preamble up to the
enacting formula ("QUYẾT NGHỊ:" or "Hội đồng nhân dân ... ban hành Nghị quyết"), and
the body from there. After the body, the named region rules in `REGION_RULES` open
the closing, attached documents and appendices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import regex

from ..vocabulary import alternation, column
from .lines import (
    TERMINAL,
    Paragraph,
    StrippedLine,
    bare,
    continues,
    is_or_opens_with,
    mostly_upper,
    opener,
    paragraphs,
    signature_authority,
    structure_words,
)
from .markers import ARTICLE, GROUP, MARKER_RULER

ENACTING_LINE = regex.compile(r"^(?:QUYẾT\s+NGHỊ|NGHỊ\s+QUYẾT)\s*[:.]?$")
_ENACTING_SENTENCE = regex.compile(r"^(?:Hội đồng nhân dân|Quốc hội|Ủy ban Thường vụ Quốc hội)\b.{0,200}?\bban hành\s+Nghị quyết",
                                   regex.IGNORECASE)
ADOPTION_START = regex.compile(r"^Nghị quyết\s+(?:này\s*)?(?:đã\s*)?(?:được(?:\s+|$)|$)", regex.IGNORECASE)
ADOPTED = regex.compile(r"thông\s+qua", regex.IGNORECASE)
# The opening word of ADOPTION_START and what must follow it there (its space, or the end of a
# line that the next one continues): a line opening otherwise cannot begin the adoption sentence.
_ADOPTION_OPENING = regex.compile(r"^Nghị(?: |$)", regex.IGNORECASE)
# "(Ban hành kèm theo Nghị quyết số ...)", "(Kèm theo Quyết định số ...)", "Ban hành kèm theo Kế hoạch số ...".
CAPTION = regex.compile(rf"^\(?\s*(?:Ban hành\s+)?kèm\s+theo\s+(?:{alternation(column('doc_types', 'name'), any_space=True)})(?!\p{{L}})",
                        regex.IGNORECASE)
_FIRST_ARTICLE = regex.compile(r"^Điều\s+1\b")
_APPENDIX = regex.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+(?:số\s+)?[\dIVXLC]+[a-z]?\b|\s*$|\s+[\p{Lu}\d])")


# --------------------------------------------------------------------------- anchors


@dataclass
class Anchors:
    preamble: int | None
    enacting_start: int
    enacting: Paragraph | None
    body: int


def find_anchors(lines: list[StrippedLine]) -> Anchors:
    first_article = next((l.index for l in lines if ARTICLE.match(l.text)), None)
    if first_article is None:
        return _anchors_without_articles(lines)
    # a resolution's preamble may bullet its paragraphs; a plan's body bullets its tasks
    # ("- Thực hiện ..."), so only resolutions with articles take bulleted openers
    legal = opener("legal_basis", bulleted=True)
    considerations = opener("consideration", bulleted=True)
    preamble = next((l.index for l in lines[:first_article] if legal.match(l.text)), None)
    if preamble is None:
        preamble = next((l.index for l in lines[:first_article] if considerations.match(l.text)
                         and ("Tờ trình" in l.text or "xem xét" in l.text.lower())), None)
    search_from = preamble if preamble is not None else 0
    for line in lines[search_from:first_article]:
        if ENACTING_LINE.match(bare(line.text)) and (preamble is not None or line.index > 0):
            if preamble is None and _is_doc_type_line(lines, line.index):
                continue
            return Anchors(preamble, line.index, Paragraph([line]), line.index + 1)
    if preamble is not None:
        for para in paragraphs(lines[preamble:first_article]):
            if _ENACTING_SENTENCE.match(para.text):
                return Anchors(preamble, para.lines[0].index, para, para.lines[-1].index + 1)
    return Anchors(preamble, first_article, None, first_article)


# The kinds of marker that open the body of a plan or programme: "Phần I", "Chương I",
# "I.", "1." — not a bullet or a point, which a preamble may hold.
_TOP_MARKERS = ("part", "chapter", "section", "roman", "clause")


def _anchors_without_articles(lines: list[StrippedLine]) -> Anchors:
    """A plan, programme or decision without "Điều": its opening ("Căn cứ ...", "Thực hiện
    ...", "Theo đề nghị ...") is the preamble, and the body starts at the first numbered
    heading after it ("I. MỤC ĐÍCH, YÊU CẦU"). The sentence that issues the document
    ("Ủy ban nhân dân tỉnh ban hành Kế hoạch ... như sau:") closes the preamble when it
    stands on its own."""
    openers = (opener("legal_basis"), opener("consideration"))
    # a title in capitals may open with an opener's words ("THỰC HIỆN CHƯƠNG TRÌNH ...")
    preamble = next((l.index for l in lines if any(o.match(l.text) for o in openers) and not mostly_upper(l.text)),
                    None)
    if preamble is None:  # a bulleted preamble ("– Căn cứ ..."), before the first numbered heading:
        # bullets further down are the tasks of the body ("- Thực hiện ...")
        first_heading = next((l.index for l in lines if _opens_body(l.text)), len(lines))
        bulleted = (opener("legal_basis", bulleted=True), opener("consideration", bulleted=True))
        preamble = next((l.index for l in lines[:first_heading] if any(o.match(l.text) for o in bulleted)), None)
    body = len(lines)
    previous = ""
    for line in lines[preamble or 0:]:
        if line.blank:
            continue
        if _opens_body(line.text) and not continues(previous, line.text):
            body = line.index
            break
        previous = line.text
    if preamble is None or preamble >= body:
        return Anchors(None, body, None, body)
    for line in lines[preamble:body]:  # "QUYẾT NGHỊ:" before numbered decisions ("1. Nhất trí ...")
        if ENACTING_LINE.match(bare(line.text)):
            return Anchors(preamble, line.index, Paragraph([line]), line.index + 1)
    for para in paragraphs(lines[preamble:body])[1:]:
        if not any(o.match(para.text) for o in openers) and (
                _ISSUING_SENTENCE.search(para.text) or _ENACTING_SENTENCE.match(para.text)):
            return Anchors(preamble, para.lines[0].index, para, para.lines[-1].index + 1)
    return Anchors(preamble, body, None, body)


# "..., Ủy ban nhân dân tỉnh ban hành Kế hoạch ... như sau:": the sentence that issues a plan.
_ISSUING_SENTENCE = regex.compile(r"\bban\s+hành\b.{0,300}\bnhư\s+sau\s*:?\s*$", regex.IGNORECASE)


def _opens_body(text: str) -> bool:
    """The first heading of a body: a top-level marker that starts its sequence ('I.',
    '1.', 'Phần I'), not a document number wrapped to a line start ('178/QĐ-TTg')."""
    marker = MARKER_RULER.match(bare(text))
    return marker is not None and marker.kind in _TOP_MARKERS and marker.number in ("1", "I")


def _is_doc_type_line(lines: list[StrippedLine], index: int) -> bool:
    """'NGHỊ QUYẾT' heading the title (the header), rather than closing the preamble."""
    following = [l for l in lines[index + 1:index + 4] if not l.blank]
    return bool(following) and not ARTICLE.match(following[0].text)


# --------------------------------------------------------------------------- regions after the preamble


@dataclass
class Region:
    kind: str  # body, closing, attachment, appendix
    lines: list[StrippedLine] = field(default_factory=list)


@dataclass(frozen=True)
class RegionRule:
    """A line that opens a region of kind `opens`, while the current region is one of
    `inside` (None: any). `test` sees all the lines, the line's index, its text and that of
    the previous non-blank line, both read without emphasis stars (`bare`: '**QUY ĐỊNH**' →
    'QUY ĐỊNH'; computed once a line for all the rules)."""

    name: str
    opens: str
    inside: tuple[str, ...] | None
    test: Callable[[list[StrippedLine], int, str, str], bool]


def _attached_document(lines: list[StrippedLine], i: int, text: str, previous: str) -> bool:
    """'QUY ĐỊNH' in capitals followed within a few lines by '(Ban hành kèm theo Nghị quyết ...)'."""
    if not is_or_opens_with(text, "attachment_title") or not mostly_upper(text):
        return False
    following = [l for l in lines[i + 1:i + 6] if not l.blank]
    return any(CAPTION.match(bare(l.text)) for l in following)


def _document_after_closing(lines: list[StrippedLine], i: int, text: str, previous: str) -> bool:
    """'KẾ HOẠCH', 'CHƯƠNG TRÌNH' alone in capitals after the signature or the recipients:
    the plan a decision issues, attached without a caption."""
    spaced = " ".join(lines[i].text.replace("*", " ").split())  # stars between words count as spaces here
    return spaced in structure_words("attachment_title")


def _appendix(lines: list[StrippedLine], i: int, text: str, previous: str) -> bool:
    """'PHỤ LỤC I', 'Phụ lục 01' heading its own line (also broken after 'Phụ')."""
    if text == "Phụ":
        following = next((l for l in lines[i + 1:i + 3] if not l.blank), None)
        text = f"Phụ {bare(following.text)}" if following else text
    return bool(_APPENDIX.match(text)) and len(text) < 120 and not TERMINAL.search(text.rstrip(")"))


def _closing(lines: list[StrippedLine], i: int, text: str, previous: str) -> bool:
    """'Nơi nhận:', 'TM. HỘI ĐỒNG NHÂN DÂN', or the adoption sentence opening a paragraph."""
    if opener("recipients").match(text) or signature_authority(text):
        return True
    # The sentence may wrap ('Nghị quyết này đã được' / 'Hội đồng ... thông qua'), so it is read
    # over four lines; a line not opening with its first word is ruled out before they are joined.
    if not _ADOPTION_OPENING.match(text):
        return False
    lookahead = " ".join(l.text for l in lines[i:i + 4]).replace("*", "")
    return bool(ADOPTION_START.match(lookahead) and ADOPTED.search(lookahead) and not continues(previous, text))


def _regulation_after_closing(lines: list[StrippedLine], i: int, text: str, previous: str) -> bool:
    """Chapters or 'Điều 1' after the signature: a regulation attached without its title."""
    return bool(GROUP.match(text) or _FIRST_ARTICLE.match(text))


REGION_RULES: tuple[RegionRule, ...] = (
    RegionRule("attached_document", "attachment", None, _attached_document),
    RegionRule("appendix", "appendix", None, _appendix),
    RegionRule("closing", "closing", ("body",), _closing),
    RegionRule("regulation_after_closing", "attachment", ("closing",), _regulation_after_closing),
    RegionRule("document_after_closing", "attachment", ("closing",), _document_after_closing),
)


# The rules that may open a region inside each kind of region, in their order.
_RULES_INSIDE = {kind: tuple(rule for rule in REGION_RULES if rule.inside is None or kind in rule.inside)
                 for kind in {"body", *(rule.opens for rule in REGION_RULES)}}


def split_regions(lines: list[StrippedLine]) -> list[Region]:
    regions = [Region("body")]
    previous_text = ""
    for i, line in enumerate(lines):
        if line.blank:
            regions[-1].lines.append(line)
            continue
        text = bare(line.text)
        for rule in _RULES_INSIDE[regions[-1].kind]:
            if rule.test(lines, i, text, previous_text):
                regions.append(Region(rule.opens))
                break
        regions[-1].lines.append(line)
        previous_text = text
    return regions
