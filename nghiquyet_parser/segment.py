"""Stage 3: segment the normalised text into the parts of a resolution.

Built like markdown-it's block parser: the text is cut into regions by anchor lines
(first "Căn cứ", the enacting formula, the closing, attached regulations,
appendices), and inside the body every line is tried against named line rules in
order (chapter, article, Roman section, clause, point, indent, text). Depth comes
from the MARKER SEQUENCE, not indentation (as in cfpb regulations-parser): a marker
type already open in the stack makes a sibling only when its number follows the
previous one, a new type opens a child only when it starts a sequence (1, I, a);
anything else is text. Broken lines are rejoined: a line continues the previous
paragraph unless the previous one ended a sentence and this one opens a new one.

All work is in normalised offsets; models get ORIGINAL spans via `norm.to_original`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import regex

from . import models
from .citations import NUMBER, cite_paragraph, normalise_number
from .dates import find_dates, first_date, words_to_int
from .normalise import Line, NormalisedText, fold
from .vocabulary import column, load_table


@dataclass(frozen=True)
class TextBlock:
    """A text-bearing region, in NORMALISED offsets, with where it sits in the document."""

    start: int
    end: int
    path: str
    article: int | None
    kind: str
    region: str


@dataclass(frozen=True)
class TableCell:
    """One cell of a table row: its text, stripped, at [start, end) in NORMALISED offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TableBlock:
    """A table, cell by cell, with where it sits (as a TextBlock does for text)."""

    start: int
    end: int
    path: str
    article: int | None
    region: str
    rows: tuple[tuple[TableCell, ...], ...]


@dataclass
class Structure:
    header: models.Header = field(default_factory=models.Header)
    legal_bases: list[models.CitingParagraph] = field(default_factory=list)
    considerations: list[models.CitingParagraph] = field(default_factory=list)
    enacting_formula: models.EnactingFormula | None = None
    body: list[models.Node] = field(default_factory=list)
    attachments: list[models.AttachedDocument] = field(default_factory=list)
    closing: models.Closing = field(default_factory=models.Closing)
    footnotes: list[models.Footnote] = field(default_factory=list)
    appendices: list[models.Appendix] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)
    warnings: list[models.Warning] = field(default_factory=list)


# --------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class _Line:
    """A line stripped of surrounding blanks; [start, end) in normalised offsets."""

    index: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text


def _lines(norm: NormalisedText) -> list[_Line]:
    result = []
    for i, line in enumerate(norm.lines()):
        lead = len(line.text) - len(line.text.lstrip())
        text = line.text.strip()
        result.append(_Line(i, line.start + lead, line.start + lead + len(text), text))
    return result


_TRAILING_PUNCTUATION = regex.compile(r"[\s:.;,]+$")
_DASH_RUN = regex.compile(r"[-–—]{3,}")
_FIRST_ARTICLE = regex.compile(r"^Điều\s+1\b")
_NUMBER_DOT = regex.compile(r"^\d{1,3}\s*[.:]")


@lru_cache(maxsize=None)
def _words(role: str) -> tuple[str, ...]:
    return tuple(row["phrase"] for row in load_table("structure_words") if row["role"] == role)


@lru_cache(maxsize=None)
def _opener(role: str) -> "regex.Pattern[str]":
    """A line opening with one of the structure words of `role` (tolerant of case)."""
    alternatives = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(_words(role), key=len, reverse=True))
    return regex.compile(rf"^(?:{alternatives})(?![\p{{L}}])", regex.IGNORECASE)


_TERMINAL = regex.compile(r"[.:;!?…][\s'\"”’)*]*$")
# A line opening in lower case, with punctuation, or with a measured value that no
# marker can be ('34,7 %', '2.501,7 tỷ đồng': PDF text wraps 'Dịch vụ - TM:' / '34,7 %').
_CONTINUES = regex.compile(r"^(?:[.,;:)]|\p{Ll}|\d[\d.,]*\s*%|\d+(?:[.,]\d+)+\s+\p{Ll})")


# Lines at least this long were wrapped by the exporter rather than ended by the author.
_WRAPPED_LINE = 60


def _ends_with_phrase(words: list[str], role: str) -> bool:
    """Whether `words` end with one of the structure phrases of `role`."""
    return bool(words) and any(" ".join(words[-len(p.split()):]) == p for p in _words(role))


def _dangles(line: str) -> bool:
    """A line ending on a word that needs a complement ('của', 'về', 'Điều') is unfinished."""
    return _ends_with_phrase(line.split(), "dangling")


def _opens_list(line: str) -> bool:
    """'..., 142 xã thuộc 10 huyện, gồm:' announces a run-on list: the colon ends no sentence."""
    line = line.rstrip()
    return line.endswith(":") and _ends_with_phrase(line.removesuffix(":").lower().split(), "list_opener")


def _continues(previous: str, line: str) -> bool:
    """Whether `line` carries on the paragraph that `previous` left open (a broken line)."""
    return bool(_CONTINUES.match(line)) or not _TERMINAL.search(previous) or _opens_list(previous)


# --------------------------------------------------------------------------- body line rules

_VIETNAMESE_ALPHABET = "abcdđeghiklmnopqrstuvxy"
_ROMANS = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV",
]

_GROUP = regex.compile(r"^(?P<word>Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?P<n>[IVXLC]+|\d{1,2})\b\s*[.:\-–]?\s*")
_GROUP_KIND = {"phần": "part", "chương": "chapter", "mục": "section"}
_GROUP_LABEL = {"part": "Phần", "chapter": "Chương", "section": "Mục"}
_ARTICLE = regex.compile(r"^(?P<word>Điều|ĐIỀU)\s+(?P<n>\d{1,3})\s*(?:[.:\-–]\s*|(?=\s\p{Lu})|$)")
_ROMAN = regex.compile(r"^(?P<n>[IVX]{1,5})\s*(?:[.)/:]|[-–](?!\d))\s*(?=\S|$)")
_DECIMAL = regex.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\S)")
_CLAUSE = regex.compile(r"^(?P<n>\d{1,3})\s*(?:\.(?!\d)|[)/](?!\d)|[-–](?!\d))\s*(?=\S|$)")
_POINT = regex.compile(r"^(?P<n>[a-zđ])\s*(?:\)|[.\-–](?=\s|$))\s*(?=\S|$)")
_BULLET = regex.compile(r"^(?P<m>[-–—+*•·])\s*(?=\S)")
_BULLET_TYPE = {"-": "dash", "–": "dash", "—": "dash", "+": "plus", "*": "star", "•": "dot", "·": "dot"}


@dataclass
class _Marker:
    kind: str  # models.NodeKind
    type: str  # sequence family: roman, arabic, decimal, alpha, dash ...
    number: str | None
    marker: str
    rest: int  # offset in the line where the text after the marker starts


def _match_marker(line: _Line) -> _Marker | None:
    text = line.text
    if m := _GROUP.match(text):
        kind = _GROUP_KIND[m["word"].lower()]
        return _Marker(kind, kind, m["n"], m.group(0).strip(), m.end())
    if m := _ARTICLE.match(text):
        return _Marker("article", "article", m["n"], m.group(0).strip(), m.end())
    if m := _ROMAN.match(text):
        return _Marker("roman", "roman", m["n"], m.group(0).strip(), m.end())
    if m := _DECIMAL.match(text):
        return _Marker("clause", "decimal", m["n"], m.group(0).strip(), m.end())
    if m := _CLAUSE.match(text):
        return _Marker("clause", "arabic", m["n"], m.group(0).strip(), m.end())
    if m := _POINT.match(text):
        return _Marker("point", "alpha", m["n"], m.group(0).strip(), m.end())
    if m := _BULLET.match(text):
        return _Marker("indent", _BULLET_TYPE[m["m"]], None, m["m"], m.end())
    return None


def _sequence_value(kind: str, number: str | None) -> int | None:
    if number is None:
        return None
    if kind == "alpha":
        return _VIETNAMESE_ALPHABET.index(number) + 1 if number in _VIETNAMESE_ALPHABET else None
    if number.isdigit():
        return int(number)
    return _ROMANS.index(number) + 1 if number in _ROMANS else None


def _follows(kind: str, previous: str | None, number: str | None) -> bool:
    """Whether `number` is the next one after `previous` in a marker family (unnumbered
    bullets and decimal clauses always continue their list)."""
    if kind == "decimal" or number is None:
        return True
    now, before = _sequence_value(kind, number), _sequence_value(kind, previous)
    if now is None:
        return False
    if kind == "alpha" and before is not None and now == before + 2:
        return True  # "a, b, c, d, e" typed without đ, or with "đ" lost in conversion
    return before is not None and now == before + 1


def _starts_sequence(kind: str, number: str | None) -> bool:
    return number is None or kind == "decimal" or _sequence_value(kind, number) == 1


# --------------------------------------------------------------------------- drafts


@dataclass
class _Draft:
    """A node under construction; pieces are [start, end) normalised ranges of its own text."""

    kind: str
    type: str
    number: str | None = None
    marker: str | None = None
    start: int = 0
    end: int = 0
    pieces: list[tuple[int, int]] = field(default_factory=list)
    heading: list[tuple[int, int]] = field(default_factory=list)
    children: list["_Draft"] = field(default_factory=list)
    cells: list[tuple[TableCell, ...]] | None = None  # a table's rows
    last_child_number: dict[str, str | None] = field(default_factory=dict)

    def extend_to(self, end: int) -> None:
        self.end = max(self.end, end)


_GROUPING = ("part", "chapter", "section")
# How many lists of one marker family may nest (a clause quoting amended clauses quoting ...).
_MAX_RESTARTS = 3


class _TreeBuilder:
    """Builds the node tree of a body (the resolution's, or an attachment's) line by line."""

    def __init__(self) -> None:
        self.roots: list[_Draft] = []
        self.stack: list[_Draft] = []
        self.holder: tuple[_Draft, str] | None = None  # where a continuation line goes
        self.last_line = ""
        self.last_article: int | None = None
        self.warnings: list[tuple[str, str, int]] = []

    # -- placing nodes
    def _attach(self, draft: _Draft, parent: _Draft | None) -> None:
        (parent.children if parent else self.roots).append(draft)
        self.stack.append(draft)

    def _pop_to(self, keep: int) -> None:
        del self.stack[keep:]

    def _item_floor(self) -> int:
        """Index in the stack of the first item (below the deepest article/grouping)."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].kind in _GROUPING + ("article",):
                return i + 1
        return 0

    # -- line handlers
    def add_line(self, line: _Line, after_blank: bool) -> None:
        marker = _match_marker(line)
        if marker and self._place_marker(line, marker):
            self.last_line = line.text
            return
        self._add_text(line, after_blank)

    def _place_marker(self, line: _Line, marker: _Marker) -> bool:
        if marker.kind in _GROUPING:
            return self._place_group(line, marker)
        if marker.kind == "article":
            return self._place_article(line, marker)
        return self._place_item(line, marker)

    def _new(self, line: _Line, marker: _Marker) -> _Draft:
        draft = _Draft(marker.kind, marker.type, marker.number, marker.marker, line.start, line.end)
        rest = line.start + marker.rest
        if rest < line.end:
            target = draft.heading if marker.kind in _GROUPING + ("article",) else draft.pieces
            target.append((rest, line.end))
        return draft

    def _open_headed(self, line: _Line, marker: _Marker, outranks: Callable[[_Draft], bool]) -> bool:
        """Close everything up to the last grouping that `outranks` keeps, open a headed node."""
        keep = 0
        for i, open_draft in enumerate(self.stack):
            if open_draft.kind in _GROUPING and outranks(open_draft):
                keep = i + 1
        self._pop_to(keep)
        draft = self._new(line, marker)
        self._attach(draft, self.stack[-1] if self.stack else None)
        self.holder = (draft, "heading")
        return True

    def _place_group(self, line: _Line, marker: _Marker) -> bool:
        order = _GROUPING.index(marker.kind)
        return self._open_headed(line, marker, lambda open_draft: _GROUPING.index(open_draft.kind) < order)

    def _place_article(self, line: _Line, marker: _Marker) -> bool:
        number = int(marker.number or 0)
        if self.last_article is not None and not (self.last_article < number <= self.last_article + 3):
            return False  # "Điều 3 Nghị định ..." starting a wrapped line: text
        if self.last_article is not None and number > self.last_article + 1:
            self.warnings.append(("numbering_gap", f"Điều {self.last_article} is followed by Điều {number}", line.start))
        self.last_article = number
        return self._open_headed(line, marker, lambda open_draft: True)

    def _place_item(self, line: _Line, marker: _Marker) -> bool:
        """Sibling of the deepest open item of the same family whose number it follows;
        else, when it starts a sequence (1, a, I), a new list under the innermost item
        (amended text quoted inside a clause restarts its numbering); else plain text."""
        floor = self._item_floor()
        same_family = [i for i in range(len(self.stack) - 1, floor - 1, -1) if self.stack[i].type == marker.type]
        follows = next((i for i in same_family if _follows(marker.type, self.stack[i].number, marker.number)), None)
        if follows is not None:
            self._pop_to(follows)
        elif (skipped := self._skipping(line, marker, same_family)) is not None:
            self.warnings.append(("numbering_gap", f"item {marker.marker} follows item "
                                  f"{self.stack[skipped].marker}: one is missing", line.start))
            self._pop_to(skipped)
        elif not _starts_sequence(marker.type, marker.number) or len(same_family) >= _MAX_RESTARTS:
            return False  # a list nested in a list nested in a list of the same kind: text, not depth
        draft = self._new(line, marker)
        self._attach(draft, self.stack[-1] if self.stack else None)
        self.holder = (draft, "pieces")
        return True

    def _skipping(self, line: _Line, marker: _Marker, same_family: list[int]) -> int | None:
        """The open item a numbered line follows with one number missing ('1.' then '3.'),
        when the line reads like an item (a capital after the marker), else None."""
        if marker.type not in ("arabic", "roman") or not same_family:
            return None
        rest = line.text[marker.rest:marker.rest + 1]
        now = _sequence_value(marker.type, marker.number)
        before = _sequence_value(marker.type, self.stack[same_family[0]].number)
        if rest.isupper() and now is not None and before is not None and now == before + 2:
            return same_family[0]
        return None

    def _add_text(self, line: _Line, after_blank: bool) -> None:
        if self.holder and self._accepts_continuation(line, after_blank):
            draft, slot = self.holder
            getattr(draft, slot).append((line.start, line.end))
            draft.extend_to(line.end)
            for open_draft in self.stack:
                open_draft.extend_to(line.end)
            self.last_line = line.text
            return
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.kind in _GROUPING and not parent.heading and _mostly_upper(line.text):
            parent.heading.append((line.start, line.end))  # "Chương I" / "QUY ĐỊNH CHUNG"
            self.holder = (parent, "heading")
        else:
            draft = _Draft("paragraph", "paragraph", start=line.start, end=line.end, pieces=[(line.start, line.end)])
            (parent.children if parent else self.roots).append(draft)
            self.holder = (draft, "pieces")
        for open_draft in self.stack:
            open_draft.extend_to(line.end)
        self.last_line = line.text

    def _accepts_continuation(self, line: _Line, after_blank: bool) -> bool:
        draft, slot = self.holder
        if slot == "pieces" and draft.kind != "paragraph" and not draft.pieces:
            return True  # "1." alone on its line: the item's text follows
        if slot == "heading" and draft.kind == "article":
            if not draft.heading:
                return True  # "Điều 2." alone on its line: the heading follows
            if after_blank and not _CONTINUES.match(line.text):
                return False
            # A short heading line is complete ("Điều 1. Phạm vi điều chỉnh"); a long one
            # wrapped, and so does one whose next line opens in lower case.
            return bool(_CONTINUES.match(line.text)) or (
                not _TERMINAL.search(self.last_line)
                and (len(self.last_line) >= _WRAPPED_LINE or _dangles(self.last_line)))
        if slot == "heading" and draft.kind in _GROUPING:
            return _mostly_upper(line.text) and _mostly_upper(self.last_line) and not _TERMINAL.search(self.last_line)
        if after_blank and not _CONTINUES.match(line.text):
            # a blank line ends a paragraph unless the sentence is visibly unfinished
            return not _TERMINAL.search(self.last_line) and not line.text[:1].isupper()
        return _continues(self.last_line, line.text)

    def add_table_row(self, line: _Line, raw: Line) -> None:
        parent = self.stack[-1] if self.stack else None
        siblings = parent.children if parent else self.roots
        if siblings and siblings[-1].kind == "table" and self.holder and self.holder[0] is siblings[-1]:
            table = siblings[-1]
        else:
            table = _Draft("table", "table", start=line.start, end=line.end, cells=[])
            siblings.append(table)
            self.holder = (table, "pieces")
        table.cells.append(_table_cells(raw))
        table.pieces.append((line.start, line.end))
        table.extend_to(line.end)
        for open_draft in self.stack:
            open_draft.extend_to(line.end)


def _table_cells(raw: Line) -> tuple[TableCell, ...]:
    """The cells of a tab-separated row, read from the UNSTRIPPED line: a leading tab is
    an empty first cell (a row with a blank number cell), and dropping it would shift
    every cell of the row one column left of its heading. Trailing empty cells carry nothing."""
    cells, at = [], raw.start
    for piece in raw.text.split("\t"):
        lead = len(piece) - len(piece.lstrip())
        text = piece.strip()
        cells.append(TableCell(at + lead, at + lead + len(text), text))
        at += len(piece) + 1
    while len(cells) > 1 and not cells[-1].text:
        cells.pop()
    return tuple(cells)


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


# --------------------------------------------------------------------------- drafts → models


class _Emitter:
    """Turns drafts into models.Node with original spans, and records TextBlocks."""

    def __init__(self, norm: NormalisedText, region: str, structure: Structure, in_resolution: bool):
        self.norm = norm
        self.region = region
        self.blocks = structure.blocks
        self.tables = structure.tables
        self.in_resolution = in_resolution

    def span(self, start: int, end: int) -> models.Span:
        a, b = self.norm.to_original(start, end)
        return models.Span(start=a, end=b)

    def joined(self, pieces: list[tuple[int, int]]) -> str:
        return " ".join(" ".join(self.norm.text[a:b].split()) for a, b in pieces).strip()

    def nodes(self, drafts: list[_Draft], path: str = "", article: int | None = None) -> list[models.Node]:
        return [self.node(d, path, article) for d in drafts]

    def node(self, draft: _Draft, parent_path: str, article: int | None) -> models.Node:
        label = self._label(draft)
        path = f"{parent_path}{models.PATH_SEPARATOR}{label}" if parent_path and label else (label or parent_path)
        if draft.kind == "article" and self.in_resolution and draft.number and draft.number.isdigit():
            article = int(draft.number)
        heading = _strip_heading(self.joined(draft.heading)) if draft.heading else None
        for pieces in (draft.heading, draft.pieces):
            if pieces and draft.kind != "table":
                self.blocks.append(TextBlock(pieces[0][0], pieces[-1][1], path, article, draft.kind, self.region))
        rows = None
        if draft.cells is not None:
            self.tables.append(TableBlock(draft.start, draft.end, path, article, self.region, tuple(draft.cells)))
            rows = [[cell.text for cell in row] for row in draft.cells]
        text = self.joined(draft.pieces) if draft.kind != "table" else ""
        end = max([draft.end] + [c.end for c in draft.children])
        return models.Node(
            kind=draft.kind, marker=draft.marker, number=draft.number, heading=heading or None, text=text,
            path=path, span=self.span(draft.start, end), rows=rows,
            children=self.nodes(draft.children, path, article),
        )

    @staticmethod
    def _label(draft: _Draft) -> str:
        if draft.kind == "article":
            return f"Điều {draft.number}"
        if draft.kind in _GROUPING:
            return f"{_GROUP_LABEL[draft.kind]} {draft.number}"
        if draft.number:
            return draft.number
        return ""


def _strip_heading(text: str) -> str:
    return _TRAILING_PUNCTUATION.sub("", text).strip()


# --------------------------------------------------------------------------- paragraphs


@dataclass
class _Paragraph:
    lines: list[_Line]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def text(self) -> str:
        return " ".join(" ".join(line.text.split()) for line in self.lines)


def _paragraphs(lines: list[_Line], breaks: "regex.Pattern[str] | None" = None) -> list[_Paragraph]:
    """Rejoin broken lines into paragraphs; `breaks` forces a line to open a paragraph."""
    result: list[_Paragraph] = []
    for line in lines:
        if line.blank:
            continue
        opens = breaks is not None and breaks.match(line.text)
        if result and not opens and _continues(result[-1].lines[-1].text, line.text):
            result[-1].lines.append(line)
        else:
            result.append(_Paragraph([line]))
    return result


# --------------------------------------------------------------------------- segment


_ENACTING_LINE = regex.compile(r"^(?:QUYẾT\s+NGHỊ|NGHỊ\s+QUYẾT)\s*[:.]?$")
_ENACTING_SENTENCE = regex.compile(r"^(?:Hội đồng nhân dân|Quốc hội|Ủy ban Thường vụ Quốc hội)\b.{0,200}?\bban hành\s+Nghị quyết",
                                   regex.IGNORECASE)
_ADOPTION_START = regex.compile(r"^Nghị quyết\s+(?:này\s*)?(?:đã\s*)?(?:được(?:\s+|$)|$)", regex.IGNORECASE)
_ADOPTED = regex.compile(r"thông\s+qua", regex.IGNORECASE)
_CAPTION = regex.compile(r"^\(?\s*(?:Ban hành\s+)?kèm theo\s+Nghị quyết", regex.IGNORECASE)
_FOOTNOTE = regex.compile(r"^(?:(?P<m>\ufffd)\s*:?\s*|\[(?P<n>\d{1,3})\]\s*)")
_TABLE_ROW = regex.compile(r"\t")


def segment(norm: NormalisedText) -> Structure:
    lines = _lines(norm)
    structure = Structure()
    anchors = _find_anchors(lines)
    header_end = anchors.preamble if anchors.preamble is not None else anchors.body
    structure.header = _parse_header(norm, lines[:header_end], lines)
    _parse_preamble(norm, lines[anchors.preamble:anchors.enacting_start] if anchors.preamble is not None else [],
                    structure)
    if anchors.enacting is not None:
        para = anchors.enacting
        structure.enacting_formula = models.EnactingFormula(
            text=para.text, style=_enacting_style(para.text), span=_span(norm, para.start, para.end))
    _parse_rest(norm, lines[anchors.body:], structure)
    _fill_header_from_closing(structure)
    structure.blocks.sort(key=lambda block: block.start)  # footnotes interleave with the body
    structure.tables.sort(key=lambda table: table.start)
    if not any(node.kind == "article" for node in models.walk_nodes(structure.body)):
        structure.warnings.append(models.Warning(code="no_articles", message="no article (Điều) found"))
    return structure


@dataclass
class _Anchors:
    preamble: int | None
    enacting_start: int
    enacting: _Paragraph | None
    body: int


def _find_anchors(lines: list[_Line]) -> _Anchors:
    first_article = next((l.index for l in lines if _ARTICLE.match(l.text)), len(lines))
    legal = _opener("legal_basis")
    considerations = _opener("consideration")
    preamble = next((l.index for l in lines[:first_article] if legal.match(l.text)), None)
    if preamble is None:
        preamble = next((l.index for l in lines[:first_article] if considerations.match(l.text)
                         and ("Tờ trình" in l.text or "xem xét" in l.text.lower())), None)
    search_from = preamble if preamble is not None else 0
    for line in lines[search_from:first_article]:
        if _ENACTING_LINE.match(line.text.replace("*", "").strip()) and (preamble is not None or line.index > 0):
            if preamble is None and _is_doc_type_line(lines, line.index):
                continue
            return _Anchors(preamble, line.index, _Paragraph([line]), line.index + 1)
    if preamble is not None:
        for para in _paragraphs(lines[preamble:first_article]):
            if _ENACTING_SENTENCE.match(para.text):
                return _Anchors(preamble, para.lines[0].index, para, para.lines[-1].index + 1)
    return _Anchors(preamble, first_article, None, first_article)


def _is_doc_type_line(lines: list[_Line], index: int) -> bool:
    """'NGHỊ QUYẾT' heading the title (the header), rather than closing the preamble."""
    following = [l for l in lines[index + 1:index + 4] if not l.blank]
    return bool(following) and not _ARTICLE.match(following[0].text)


def _enacting_style(text: str) -> str:
    if _ENACTING_LINE.match(text):
        return "quyet_nghi" if "QUYẾT" in text.split()[0] else "nghi_quyet"
    return "sentence"


def _span(norm: NormalisedText, start: int, end: int) -> models.Span:
    a, b = norm.to_original(start, end)
    return models.Span(start=a, end=b)


# --------------------------------------------------------------------------- preamble


def _parse_preamble(norm: NormalisedText, lines: list[_Line], structure: Structure) -> None:
    legal, consideration = _opener("legal_basis"), _opener("consideration")
    breaks = regex.compile(f"{legal.pattern}|{consideration.pattern}", regex.IGNORECASE)
    kind = "legal_basis"
    seen: dict[str, set[str]] = {"legal_basis": set(), "consideration": set()}
    for para in _paragraphs(lines, breaks):
        text = para.text
        if legal.match(text):
            kind = "legal_basis"
        elif consideration.match(text):
            kind = "consideration"
        documents = [
            models.CitedDocument(type=c.type, number=c.number, date=c.date, issuer=c.issuer, title=c.title,
                                 name=c.name, span=_span(norm, *_offset_in(para, c.start, c.end)))
            for c in cite_paragraph(text, named=kind == "legal_basis")
            if _first_mention(c.number or c.name, seen[kind])
        ]
        item = models.CitingParagraph(text=text, span=_span(norm, para.start, para.end), documents=documents)
        (structure.legal_bases if kind == "legal_basis" else structure.considerations).append(item)
        structure.blocks.append(TextBlock(para.start, para.end, "", None, "paragraph", kind))


def _first_mention(key: str, seen: set[str]) -> bool:
    """A document cited again (often inside another's title) is listed once."""
    folded = fold(key)
    if folded in seen:
        return False
    seen.add(folded)
    return True


def _offset_in(para: _Paragraph, start: int, end: int) -> tuple[int, int]:
    """Map offsets in the rejoined paragraph text (single spaces) back to normalised offsets."""
    mapping: list[int] = []
    for line in para.lines:
        for word in regex.finditer(r"\S+", line.text):
            if mapping:
                mapping.append(line.start + word.start() - 1)  # the single joining space
            mapping.extend(range(line.start + word.start(), line.start + word.end()))
    if not mapping:
        return para.start, para.end
    start = min(start, len(mapping) - 1)
    end = min(max(end, start + 1), len(mapping))
    return mapping[start], mapping[end - 1] + 1


# --------------------------------------------------------------------------- header

_RULE = regex.compile(r"^[-_=–—*.\s]{3,}$")
_CELL_SPLIT = regex.compile(r"\t+| {3,}")
# A cell's text: runs of characters not broken by a tab or by three or more spaces.
_CELL_CONTENT = regex.compile(r"(?:[^\t ]| {1,2}(?=[^\t ]))+")


@dataclass
class _Joined:
    """Header cells joined with single spaces, keeping each character's normalised offset."""

    text: str
    offsets: list[int]
    cell_starts: set[int]

    def span(self, norm: NormalisedText, start: int, end: int) -> models.Span:
        return _span(norm, self.offsets[start], self.offsets[end - 1] + 1)


def _cells(lines: list[_Line]) -> list[tuple[int, str]]:
    motto = [fold(m) for m in _words("motto")]
    cells: list[tuple[int, str]] = []
    for line in lines:
        pos = 0
        for piece in _CELL_SPLIT.split(line.text):
            at = line.text.index(piece, pos) if piece else pos
            pos = at + len(piece)
            stripped = piece.strip()
            if not stripped or _RULE.match(stripped):
                continue
            folded = fold(stripped)
            for m in motto:  # "CỘNG HÒA ... VIỆT NAMĐộc lập - Tự do - Hạnh phúc---" glued cells
                if m in folded:
                    cut = folded.index(m)
                    stripped = (stripped[:cut] + " " * len(m) + stripped[cut + len(m):])
                    folded = fold(stripped)
            stripped_l = stripped.lstrip()
            offset = line.start + at + (len(piece) - len(piece.lstrip())) + (len(stripped) - len(stripped_l))
            stripped = _DASH_RUN.sub(" ", stripped_l).rstrip()
            if stripped.strip(" |*"):
                cells.append((offset, stripped))
    return cells


def _join(cells: list[tuple[int, str]]) -> _Joined:
    text_parts, offsets, starts = [], [], set()
    for offset, cell in cells:
        if text_parts:
            text_parts.append(" ")
            offsets.append(offsets[-1])
        starts.add(sum(len(p) for p in text_parts))
        text_parts.append(cell)
        offsets.extend(range(offset, offset + len(cell)))
    return _Joined("".join(text_parts), offsets, starts)


@lru_cache(maxsize=None)
def _issuer_pattern() -> "regex.Pattern[str]":
    headings = sorted(column("issuers", "heading"), key=len, reverse=True)
    units = sorted((w.upper() for w in column("unit_levels", "word")), key=len, reverse=True)
    heading = "|".join(regex.escape(h).replace(r"\ ", r"\s+") for h in headings)
    unit = "|".join(regex.escape(u).replace(r"\ ", r"\s+") for u in units)
    stop = r"(?:KHÓA|SỐ|NGHỊ|KỲ|CỘNG|VỀ|QUYẾT|NĂM|ĐỘC|CHỦ|HỘI|ỦY)\b"
    word = r"(?!" + stop + r")[\p{Lu}\d][\p{Lu}\d]*(?:[-–][\p{Lu}\d]+)*(?![\p{L}\d])"
    return regex.compile(rf"(?P<body>{heading})(?:\s+(?P<unit>{unit})\s+(?P<name>{word}(?:\s+{word}){{0,3}}))?")


def _title_case(upper: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in upper.split("-"))


def _level(unit: str | None, locality: str | None, default: str | None) -> str | None:
    if not unit:
        return default or None
    levels = {row["word"]: row["level"] for row in load_table("unit_levels")}
    if unit == "thành phố" and locality and fold(locality) in {fold(c) for c in column("central_cities", "name")}:
        return "province"
    return levels.get(unit)


def _parse_issuer(norm: NormalisedText, joined: _Joined) -> models.Issuer | None:
    bodies = {h: (b, lvl) for h, b, lvl in
              ((r["heading"], r["body"], r["level"]) for r in load_table("issuers"))}
    candidates = [m for at in sorted(joined.cell_starts) if (m := _issuer_pattern().match(joined.text, at))]
    if not candidates:
        return None
    match = next((m for m in candidates if m["name"]), candidates[0])
    body, default_level = bodies[" ".join(match["body"].split())]
    unit = " ".join(match["unit"].split()).lower() if match["unit"] else None
    locality = " ".join(_title_case(w) for w in match["name"].split()) if match["name"] else None
    name = f"{body} {unit} {locality}" if unit else body
    return models.Issuer(name=name, body=body, level=_level(unit, locality, default_level), unit_type=unit,
                         locality=locality, span=joined.span(norm, match.start(), match.end()))


# "Số: 12/NQ-HĐND", "Nghị quyết số: 93/2025/UBTVQH15" opening a header cell (an upper-case
# "SỐ" belongs to a title naming another resolution).
_HEADER_NUMBER = regex.compile(r"(?:Nghị quyết\s+)?[Ss]ố\s*:?\s*(?P<n>" + NUMBER.pattern.replace("(?<![\\w/])", "") + ")")
_PLACE_DATE = regex.compile(r"(?P<place>\p{Lu}[\p{L}\-]*(?:\s+\p{L}[\p{L}\-]*){0,3})\s*,\s*(?=ngày)")
_TERM = regex.compile(r"\bKH[OÓ]A\s+(?P<term>[IVXL]+)\b", regex.IGNORECASE)
_SESSION = regex.compile(
    r"\bKỲ\s+HỌP\s+(?:(?P<thematic>CHUYÊN\s+ĐỀ)(?:\s*(?:lần\s+)?(?:thứ\s+)?(?P<tn>\d+|[\p{L}]+(?:\s+[\p{L}]+){0,2}))?"
    r"|(?P<extra>BẤT\s+THƯỜNG)(?:\s*(?:lần\s+)?(?:thứ\s+)?(?P<en>\d+))?"
    r"|(?:THỨ\s+)?(?P<n>\d+)|THỨ\s+(?P<w>[\p{L}]+(?:\s+[\p{L}]+){0,2}))",
    regex.IGNORECASE,
)


@lru_cache(maxsize=None)
def _doc_types() -> dict[str, str]:
    """'QUYẾT ĐỊNH' → 'Quyết định': the types that head a document in capitals (doc_types.tsv)."""
    return {" ".join(name.upper().split()): name for name in column("doc_types", "name")}


@lru_cache(maxsize=None)
def _doc_type_heading() -> "regex.Pattern[str]":
    names = sorted(_doc_types(), key=len, reverse=True)
    return regex.compile("^(?:" + "|".join(regex.escape(n).replace(r"\ ", r"\s+") for n in names) + ")$")


_TITLE_STOP = regex.compile(r"^(?:KH[OÓ]A\s|\(|Căn cứ|Số\s*:|Kính gửi)", regex.IGNORECASE)


def _parse_header(norm: NormalisedText, lines: list[_Line], all_lines: list[_Line]) -> models.Header:
    header = models.Header()
    cells = _cells(lines)
    joined = _join(cells)
    spans: dict[str, models.Span] = {}
    header.issuer = _parse_issuer(norm, joined)
    if m := next((m for at in sorted(joined.cell_starts) if (m := _HEADER_NUMBER.match(joined.text, at))), None):
        header.number = normalise_number(m["n"])
        spans["number"] = joined.span(norm, m.start("n"), m.end("n"))
    else:
        _number_from_caption(norm, all_lines, header, spans)
    for cell_start in sorted(joined.cell_starts):
        m = _PLACE_DATE.match(joined.text, cell_start)
        if not m:
            continue
        date = first_date(joined.text[m.end():m.end() + 40])
        if date and date.start == 0:
            header.place = " ".join(m["place"].split())
            header.date = date.iso
            spans["date"] = joined.span(norm, m.end() + date.start, m.end() + date.end)
            spans["place"] = joined.span(norm, m.start("place"), m.end("place"))
            break
    _parse_title(norm, cells, header, spans)
    _parse_term_session(joined.text, header)
    if sitting := _SITTING.search(joined.text):
        header.sitting_dates = _sitting_dates(sitting.group(0))
        spans["sitting_dates"] = joined.span(norm, sitting.start(), sitting.end())
    header.spans = spans
    if cells:
        header.span = _span(norm, cells[0][0], cells[-1][0] + len(cells[-1][1]))
    return header


# "89NQ-HĐND": the slash lost in typing; only trusted in a caption naming the resolution.
_SLASHLESS = regex.compile(r"(?<!\w)(\d{1,5})(NQ[-–]\p{Lu}+)(?!\w)")


# "(Từ ngày 11 đến ngày 13/7/2007)": the days of the sitting, the last one dated in full.
_SITTING = regex.compile(r"\(\s*(?:Từ\s+)?ngày\s+\d{1,2}[^()]{0,80}?đến\s+ngày[^()]{0,40}\)", regex.IGNORECASE)
_DAY_ONLY = regex.compile(r"ngày\s+(\d{1,2})(?!\d)(?!\s*(?:/|tháng|-|\.\d))", regex.IGNORECASE)


def _sitting_dates(text: str) -> list[str]:
    dated = find_dates(text)
    if not dated:
        return []
    last = dated[-1].iso
    found: list[tuple[int, str]] = [(d.start, d.iso) for d in dated]
    if len(last) == 10:  # a bare day borrows the month and year of the full date
        for m in _DAY_ONLY.finditer(text):
            if not any(d.start <= m.start() < d.end for d in dated) and 1 <= int(m[1]) <= 31:
                found.append((m.start(), f"{last[:8]}{int(m[1]):02d}"))
    return [iso for _, iso in sorted(found)]


def _number_from_caption(norm: NormalisedText, lines: list[_Line], header: models.Header,
                         spans: dict[str, models.Span]) -> None:
    """'(Ban hành kèm theo Nghị quyết số 124/2017/NQ-HĐND ...)': the number of the resolution itself."""
    for i, line in enumerate(lines):
        if _CAPTION.match(line.text):
            m = NUMBER.search(line.text) or _SLASHLESS.search(line.text)
            if m and m.start() < 60:
                number = normalise_number(m.group(0))
                header.number = number if "/" in number else _SLASHLESS.sub(r"\1/\2", number)
                spans["number"] = _span(norm, line.start + m.start(), line.start + m.end())
                # The caption dates the resolution: "... số 89/NQ-HĐND ngày 14 tháng 7 năm 2017".
                window = " ".join(l.text for l in lines[i:i + 2])
                date = first_date(window[m.end():m.end() + 60])
                if date and date.start < 8 and header.date is None:
                    header.date = date.iso
            return


def _parse_title(norm: NormalisedText, cells: list[tuple[int, str]], header: models.Header,
                 spans: dict[str, models.Span]) -> None:
    doc_type = _doc_type_heading()
    for i, (offset, cell) in enumerate(cells):
        pair = " ".join(" ".join(c.replace("*", " ") for _, c in cells[i:i + 2]).split())
        bare = " ".join(cell.replace("*", "").split())
        if doc_type.match(pair) and not doc_type.match(bare):
            cells = cells[:i] + [(offset, cell)] + cells[i + 2:]  # "NGHỊ" / "QUYẾT" broken over two lines
            cell = bare = pair
        if doc_type.match(bare):
            header.document_type = _doc_types()[bare]
            spans["document_type"] = _span(norm, offset, offset + len(cell))
            title_cells = []
            for next_offset, next_cell in cells[i + 1:]:
                clean = next_cell.strip(" *")
                if _TITLE_STOP.match(clean) or _issuer_pattern().match(clean):
                    break
                if title_cells and _mostly_upper(title_cells[0][1]) and not _mostly_upper(clean):
                    break  # a title in capitals ends where text in ordinary case begins
                title_cells.append((next_offset, next_cell))
            if title_cells:
                text = " ".join(" ".join(c.replace("*", " ").split()) for _, c in title_cells)
                header.title = _sentence_case(text) if _mostly_upper(text) else text
                spans["title"] = _span(norm, title_cells[0][0], title_cells[-1][0] + len(title_cells[-1][1]))
            return


@lru_cache(maxsize=None)
def _unit_words() -> tuple[str, ...]:
    return tuple(sorted(column("unit_levels", "word"), key=len, reverse=True))




def _sentence_case(upper: str) -> str:
    """'VỀ TÌNH HÌNH ... TỈNH HÀ GIANG' → 'Về tình hình ... tỉnh Hà Giang' (place names keep capitals)."""
    words = upper.lower().split()
    units = [u.split() for u in _unit_words()]
    i = 0
    while i < len(words):
        unit = next((u for u in units if words[i:i + len(u)] == u), None)
        if unit:
            j = i + len(unit)
            count = 0
            while j < len(words) and count < 4:
                word = words[j].strip(",.;:()")
                if not word or word in _words("not_a_name") or word[0].isdigit():
                    break
                words[j] = "-".join(p[:1].upper() + p[1:] for p in words[j].split("-"))
                count += 1
                if words[j][-1] in ",.;:)":
                    break
                j += 1
            i = j
        else:
            i += 1
    _restore_capitals(words, upper.split())
    text = " ".join(words)
    return text[:1].upper() + text[1:]


_ROMAN_NUMERAL = regex.compile(r"^[IVXLC]+$")


def _is_acronym(word: str) -> bool:
    """'HĐND', 'UBND', 'HBND': upper-case letters without a vowel, or a known abbreviation."""
    if len(word) < 2 or not word.isupper():
        return False
    return word in column("abbreviations", "abbreviation") or not any(ch in "aeiouy" for ch in fold(word))


def _restore_capitals(words: list[str], original: list[str]) -> None:
    """Capitals a sentence-cased title keeps: symbols ('209/2015/NQ-HĐND'), bodies ('Hội đồng
    nhân dân'), and documents named by number or after 'thông qua'/'của' ('Nghị quyết số', 'Đề án')."""
    for i, word in enumerate(original):
        bare = word.strip(",.;:()")
        if ("/" in word or any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word)
                or _is_acronym(bare) or i and words[i - 1] in ("khóa", "khoá") and _ROMAN_NUMERAL.match(bare)):
            words[i] = word
    folded = [w.lower().strip(",.;:()") for w in words]
    for phrase in _words("proper_phrase"):
        size = len(phrase.split())
        for i in range(len(words) - size + 1):
            if " ".join(folded[i:i + size]) == phrase.lower():
                for k, proper in enumerate(phrase.split()):
                    words[i + k] = words[i + k].lower().replace(proper.lower(), proper, 1)
    leads = [lead.split() for lead in _words("title_lead")]
    for document in _words("titled_document"):
        size = len(document.split())
        for i in range(len(words) - size + 1):
            if " ".join(folded[i:i + size]) != document.lower():
                continue
            after = folded[i + size] if i + size < len(words) else ""
            # "thông qua Quy hoạch ..." names a document; one-word names ("Điều", "Luật") need a number
            led = size > 1 and any(folded[max(0, i - len(lead)):i] == lead for lead in leads)
            if after == "số" or after[:1].isdigit() or led:
                words[i:i + size] = [words[i][:1].upper() + words[i][1:], *words[i + 1:i + size]]


def _parse_term_session(text: str, target: models.Header | models.AdoptionClause) -> None:
    if target.term is None and (m := _TERM.search(text)):
        target.term = m["term"].upper()
    if target.session is None and (m := _SESSION.search(text)):
        number = m["n"] or m["w"] or m["tn"] or m["en"]
        target.session = words_to_int(number) if number else None
        if isinstance(target, models.Header):
            target.session_kind = "thematic" if m["thematic"] else "extraordinary" if m["extra"] else "regular"




def _fill_header_from_closing(structure: Structure) -> None:
    """Term/session (and the session's kind) left unsaid by the header come from the adoption clause."""
    adoption = structure.closing.adoption
    if adoption is not None:
        _parse_term_session(adoption.text, structure.header)


# --------------------------------------------------------------------------- body and after


@dataclass
class _Region:
    kind: str  # body, closing, attachment, appendix
    lines: list[_Line] = field(default_factory=list)


def _parse_rest(norm: NormalisedText, lines: list[_Line], structure: Structure) -> None:
    regions = _split_regions(lines)
    for region in regions:
        if region.kind == "body":
            structure.body.extend(_build_tree(norm, region.lines, "body", structure, in_resolution=True))
        elif region.kind == "closing":
            _parse_closing(norm, region.lines, structure)
        elif region.kind == "attachment":
            structure.attachments.append(_parse_attachment(norm, region.lines, structure))
        else:
            structure.appendices.append(_parse_appendix(norm, region.lines, structure))
    if structure.closing.adoption is None:
        _adoption_inside_body(norm, structure)
    spans = [s for s in [structure.closing.adoption and structure.closing.adoption.span,
                         structure.closing.signature and structure.closing.signature.span,
                         *(r.span for r in structure.closing.recipients)] if s]
    if spans:
        structure.closing.span = models.Span(start=min(s.start for s in spans), end=max(s.end for s in spans))


def _closing_opener(line: _Line) -> bool:
    text = line.text.replace("*", "").strip()
    return bool(
        _opener("recipients").match(text)
        or _signature_authority(text)
    )


def _signature_authority(text: str) -> bool:
    return any(text.startswith(a) for a in _words("signature_authority")) and _mostly_upper(text)


def _attachment_start(lines: list[_Line], i: int) -> bool:
    text = lines[i].text.replace("*", "").strip()
    if not any(text == w or text.startswith(w + " ") for w in _words("attachment_title")) or not _mostly_upper(text):
        return False
    following = [l for l in lines[i + 1:i + 6] if not l.blank]
    return any(_CAPTION.match(l.text.replace("*", "").strip()) for l in following)


_APPENDIX = regex.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+(?:số\s+)?[\dIVXLC]+[a-z]?\b|\s*$|\s+[\p{Lu}\d])")


def _appendix_start(lines: list[_Line], i: int) -> bool:
    """'PHỤ LỤC I', 'Phụ lục 01' heading its own line (also broken after 'Phụ')."""
    text = lines[i].text.replace("*", "").strip()
    if text == "Phụ":
        following = next((l for l in lines[i + 1:i + 3] if not l.blank), None)
        text = f"Phụ {following.text.replace('*', '').strip()}" if following else text
    return bool(_APPENDIX.match(text)) and len(text) < 120 and not _TERMINAL.search(text.rstrip(")"))


def _split_regions(lines: list[_Line]) -> list[_Region]:
    regions = [_Region("body")]
    previous_text = ""
    for i, line in enumerate(lines):
        if line.blank:
            regions[-1].lines.append(line)
            continue
        current = regions[-1].kind
        text = line.text.replace("*", "").strip()
        if _attachment_start(lines, i):
            regions.append(_Region("attachment"))
        elif _appendix_start(lines, i):
            regions.append(_Region("appendix"))
        elif current == "body" and (_closing_opener(line) or (
                _ADOPTION_START.match(lookahead := " ".join(l.text for l in lines[i:i + 4]).replace("*", ""))
                and _ADOPTED.search(lookahead)
                and not _continues(previous_text, text))):
            regions.append(_Region("closing"))
        elif current == "closing" and (_GROUP.match(text) or _FIRST_ARTICLE.match(text)):
            regions.append(_Region("attachment"))
        regions[-1].lines.append(line)
        previous_text = text
    return regions


def _build_tree(norm: NormalisedText, lines: list[_Line], region: str, structure: Structure,
                in_resolution: bool) -> list[models.Node]:
    builder = _TreeBuilder()
    after_blank = False
    pending_word: _Line | None = None
    footnote: list[_Line] = []  # a footnote's lines: it may wrap like any paragraph
    for line in lines:
        if line.blank:
            after_blank = True
            continue
        if footnote and not _FOOTNOTE.match(line.text) and _continues(footnote[-1].text, line.text):
            footnote.append(line)
            continue
        if footnote:
            _add_footnote(norm, footnote, structure)
            footnote = []
        if pending_word is not None:
            word, pending_word = pending_word, None
            joined = _joined_article_line(word, line)
            if joined is not None:
                builder.add_line(joined, after_blank)
                if builder.stack and builder.stack[-1].start == joined.start:
                    builder.stack[-1].start = word.start  # the node's source starts at "Điều"
                after_blank = False
                continue
            builder.add_line(word, after_blank)
        if _LONE_ARTICLE_WORD.match(line.text):
            pending_word = line  # "Điều" / "1. Quy định ...": the marker broke over two lines
            continue
        if _FOOTNOTE.match(line.text):
            footnote = [line]
        elif _TABLE_ROW.search(norm.text[line.start:line.end]):
            builder.add_table_row(line, norm.lines()[line.index])
        else:
            builder.add_line(line, after_blank)
        after_blank = False
    if footnote:
        _add_footnote(norm, footnote, structure)
    if pending_word is not None:
        builder.add_line(pending_word, after_blank)
    for code, message, at in builder.warnings:
        structure.warnings.append(models.Warning(code=code, message=message, span=_span(norm, at, at + 1)))
    return _Emitter(norm, region, structure, in_resolution).nodes(builder.roots)


_LONE_ARTICLE_WORD = regex.compile(r"^(?:Điều|ĐIỀU)$")


def _joined_article_line(word: _Line, line: _Line) -> _Line | None:
    """Treat 'Điều' + next line as one line when the next starts with a number.

    The joined line keeps the next line's end and text offsets: the marker's text
    after 'Điều ' lines up with the next line, so `rest` offsets stay right."""
    if not _NUMBER_DOT.match(line.text):
        return None
    return _Line(line.index, line.start - len(word.text) - 1, line.end, word.text + " " + line.text)


def _add_footnote(norm: NormalisedText, lines: list[_Line], structure: Structure) -> None:
    m = _FOOTNOTE.match(lines[0].text)
    text = " ".join([lines[0].text[m.end():].strip(), *(line.text for line in lines[1:])]).strip()
    structure.footnotes.append(models.Footnote(marker=m["m"] or m["n"], text=" ".join(text.split()),
                                               span=_span(norm, lines[0].start, lines[-1].end)))
    structure.blocks.append(TextBlock(lines[0].start + m.end(), lines[-1].end, "", None, "paragraph", "footnote"))


# --------------------------------------------------------------------------- closing


_ROLE_LINE = regex.compile(r"^(?:(?P<auth>TM|KT|TL|Q)\.\s*)?(?P<role>(?:PHÓ\s+)?CHỦ\s+TỊCH(?:\s+QUỐC\s+HỘI)?)\b")
_PERSON = regex.compile(r"^(?:\p{Lu}\p{L}*)(?:\s+\p{Lu}\p{L}*){0,5}$")
_DATE_WORD = regex.compile(r"\bngày\b", regex.IGNORECASE)
_EFFECTIVE = regex.compile(r"hiệu\s+lực", regex.IGNORECASE)


def _closing_paragraphs(lines: list[_Line]) -> list[_Paragraph]:
    """The closing is set line by line (signature, recipients), except the adoption
    sentence and footnotes, which wrap like prose."""
    result: list[_Paragraph] = []
    prose = False
    for line in (cell for whole in lines for cell in _cells_of(whole)):
        text = line.text.replace("*", "").strip()
        if not text:
            continue
        if prose and not _closing_marker(text) and _continues(result[-1].lines[-1].text, line.text):
            result[-1].lines.append(line)
            continue
        result.append(_Paragraph([line]))
        prose = bool(_ADOPTION_START.match(text) or _FOOTNOTE.match(text))
    return result


def _cells_of(line: _Line) -> list[_Line]:
    """The cells of a line that was a table row (recipients beside the signature)."""
    if not _CELL_SPLIT.search(line.text):
        return [] if line.blank else [line]
    cells = []
    for m in _CELL_CONTENT.finditer(line.text):
        piece = m.group(0)
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            cells.append(_Line(line.index, line.start + m.start() + lead, line.start + m.start() + lead + len(piece.strip()),
                               piece.strip()))
    return cells


def _closing_marker(text: str) -> bool:
    return bool(_BULLET.match(text) or _opener("recipients").match(text) or _signature_authority(text)
                or _ROLE_LINE.match(text) or _FOOTNOTE.match(text))


def _parse_closing(norm: NormalisedText, lines: list[_Line], structure: Structure) -> None:
    closing = structure.closing
    paragraphs = _closing_paragraphs(lines)
    in_recipients = False
    signature: dict[str, object] = {}
    for para in paragraphs:
        text = para.text.replace("*", " ").strip()
        text = " ".join(text.split())
        if closing.adoption is None and _ADOPTION_START.match(text) and _ADOPTED.search(text):
            closing.adoption = _adoption(norm, para, text)
            if closing.adoption.date is None and _DATE_WORD.search(text[_ADOPTED.search(text).end():]):
                structure.warnings.append(models.Warning(
                    code="unparsed_date", message="the adoption date could not be read",
                    span=closing.adoption.span))
            structure.blocks.append(TextBlock(para.start, para.end, "", None, "paragraph", "closing"))
            continue
        if _FOOTNOTE.match(para.lines[0].text):
            _add_footnote(norm, para.lines, structure)
            continue
        if _opener("recipients").match(text):
            in_recipients = True
            for line in para.lines:
                _recipient_lines(norm, line, closing, skip_opener=True)
            continue
        role = _ROLE_LINE.match(text)
        if _signature_authority(text) or role:
            _signature_part(para, text, signature)
            continue
        if signature.get("role") and "person" not in signature and _PERSON.match(text) and len(text) < 50:
            # A name may wrap after its family name ("Phùng" / "Thị Hồng Hà").
            parts = [*signature.get("person_parts", []), *text.split()]
            signature["end"] = para.end
            if len(parts) >= 2:
                signature["person"] = " ".join(_title_case(w) if w.isupper() else w for w in parts)
            else:
                signature["person_parts"] = parts
            continue
        if _BULLET.match(text) or in_recipients:
            for line in para.lines:
                _recipient_lines(norm, line, closing, skip_opener=False)
    if signature:
        closing.signature = models.Signature(
            authority=signature.get("authority"), body=signature.get("body"), role=signature.get("role"),
            person=signature.get("person"), span=_span(norm, signature["start"], signature["end"]))


_RECIPIENT_SPLIT = regex.compile(r"(?<=;)\s*(?=[-–+•]\s)")


def _recipient_lines(norm: NormalisedText, line: _Line, closing: models.Closing, skip_opener: bool) -> None:
    """'- Lưu: VT.' → 'Lưu: VT'; several recipients glued on one line ('- A; - B;') are split."""
    text = line.text.replace("*", " ")
    if skip_opener and _opener("recipients").match(text.strip()):
        return
    pos = 0
    for cut in [*_RECIPIENT_SPLIT.finditer(text), None]:
        piece_end = cut.start() if cut else len(text)
        _add_recipient(norm, line, pos, text[pos:piece_end], closing)
        pos = cut.end() if cut else len(text)


def _add_recipient(norm: NormalisedText, line: _Line, offset: int, piece: str, closing: models.Closing) -> None:
    m = _BULLET.match(piece.strip())
    if not m:
        return
    lead = len(piece) - len(piece.lstrip()) + m.end()
    body = _TRAILING_PUNCTUATION.sub("", piece[lead:]).strip()
    if not body:
        return
    start = line.start + offset + piece.index(body[:1], lead)
    closing.recipients.append(models.Recipient(text=" ".join(body.split()),
                                               span=_span(norm, start, start + len(body))))


_ROLE = regex.compile(r"(?P<role>(?:PHÓ\s+)?CHỦ\s+TỊCH)(?:\s+QUỐC\s+HỘI)?\s*$")


def _signature_part(para: _Paragraph, text: str, signature: dict[str, object]) -> None:
    """'TM. HỘI ĐỒNG NHÂN DÂN' / 'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH' lines of the signature block."""
    signature.setdefault("start", para.start)
    signature["end"] = max(int(signature.get("end", para.end)), para.end)
    for authority in _words("signature_authority"):
        if text.startswith(authority):
            signature.setdefault("authority", authority)
            text = text[len(authority):].strip()
            for row in sorted(load_table("issuers"), key=lambda r: -len(r["heading"])):
                if text.startswith(row["heading"]):
                    signature.setdefault("body", row["body"])
                    break
    if role := _ROLE.search(text):
        words = " ".join(role["role"].split()).lower()
        signature["role"] = "Phó Chủ tịch" if words.startswith("phó") else "Chủ tịch"


def _adoption(norm: NormalisedText, para: _Paragraph, text: str) -> models.AdoptionClause:
    adopted_at = _ADOPTED.search(text)
    effective_at = _EFFECTIVE.search(text)
    date = effective = None
    for found in find_dates(text):
        if found.start > adopted_at.start() and date is None and (effective_at is None or found.start < effective_at.start()):
            date = found.iso
        elif effective_at is not None and found.start > effective_at.start() and effective is None:
            effective = found.iso
    clause = models.AdoptionClause(text=text, date=date, effective_date=effective,
                                   span=_span(norm, para.start, para.end))
    _parse_term_session(text, clause)
    return clause


def _adoption_inside_body(norm: NormalisedText, structure: Structure) -> None:
    """An adoption clause written as the last clause of the last article."""
    for block in reversed(structure.blocks):
        if block.region != "body":
            continue
        text = " ".join(norm.text[block.start:block.end].split())
        if _ADOPTION_START.match(text) and _ADOPTED.search(text):
            para = _Paragraph([_Line(-1, block.start, block.end, text)])
            structure.closing.adoption = _adoption(norm, para, text)
            return


# --------------------------------------------------------------------------- attachments, appendices


def _title_lines(lines: list[_Line]) -> tuple[list[_Line], list[_Line], _Line | None]:
    """Split an attachment/appendix head into its title lines, the rest, and a caption line."""
    content = [l for l in lines if not l.blank]
    title, caption, i = [content[0]], None, 1
    captioned = next((k for k in range(1, min(len(content), 6))
                      if _CAPTION.match(content[k].text.replace("*", "").strip())), None)
    if captioned is not None:
        title, i = content[:captioned], captioned  # every line above the caption names the document
    if content[0].text.replace("*", "").strip() == "Phụ" and len(content) > 1:
        title, i = content[:2], 2  # "Phụ" / "lục 01": the heading broke after its first word
    while i < len(content):
        text = content[i].text.replace("*", "").strip()
        if _CAPTION.match(text):
            caption = content[i]
            i += 1
            while i < len(content) and caption and not _TERMINAL.search(content[i - 1].text.rstrip("*")) \
                    and not content[i - 1].text.rstrip("* ").endswith(")"):
                i += 1  # caption wrapped over lines
            break
        if not _mostly_upper(text) or _GROUP.match(text) or _ARTICLE.match(text) or _TABLE_ROW.search(content[i].text):
            break
        title.append(content[i])
        i += 1
    rest_start = content[i].index if i < len(content) else lines[-1].index + 1
    return title, [l for l in lines if l.index >= rest_start], caption


def _document_title(lines: list[_Line]) -> str:
    """'QUY ĐỊNH' / 'Chính sách hỗ trợ ...' → 'Quy định chính sách hỗ trợ ...' (upper-case lines sentence-cased)."""
    texts = [" ".join(l.text.replace("*", " ").split()) for l in lines]
    upper = [t for t in texts if _mostly_upper(t)]
    rest = texts[len(upper):] if texts[:len(upper)] == upper else []
    if not rest:
        return _sentence_case(" ".join(texts))
    head = _sentence_case(" ".join(upper))
    return " ".join([head, rest[0][:1].lower() + rest[0][1:], *rest[1:]])


def _parse_attachment(norm: NormalisedText, lines: list[_Line], structure: Structure) -> models.AttachedDocument:
    title, rest, caption = _title_lines(lines)
    body = _build_tree(norm, rest, "attachment", structure, in_resolution=False)
    caption_text = None
    if caption is not None:
        end_line = rest[0].index if rest else caption.index + 1
        caption_lines = [l for l in lines if caption.index <= l.index < end_line and not l.blank]
        caption_text = " ".join(" ".join(l.text.replace("*", " ").split()) for l in caption_lines)
    content = [l for l in lines if not l.blank]
    return models.AttachedDocument(
        title=_document_title(title),
        caption=caption_text, span=_span(norm, content[0].start, content[-1].end), body=body)


def _parse_appendix(norm: NormalisedText, lines: list[_Line], structure: Structure) -> models.Appendix:
    title, rest, _ = _title_lines(lines)
    body = _build_tree(norm, rest, "appendix", structure, in_resolution=False)
    content = [l for l in lines if not l.blank]
    text = " ".join(n.text for n in body if n.text)
    return models.Appendix(title=" ".join(" ".join(l.text.replace("*", " ").split()) for l in title),
                           text=text, span=_span(norm, content[0].start, content[-1].end), body=body)
