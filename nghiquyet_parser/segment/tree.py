"""The node tree of a body, built line by line as drafts, then turned into models.Node.

Lines are tried against the marker rules (markers.py); groupings (Phần, Chương, Mục)
and articles close what they outrank, list items are placed by depth inference
(depth.py), and every other line continues the open paragraph or opens a new one.
All drafts are in normalised offsets; the nodes get ORIGINAL spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .. import models
from ..limits import count
from ..normalise import Line, NormalisedText
from .contracts import Structure, TableBlock, TableCell, TextBlock
from .depth import Item, place
from .lines import (
    CONTINUES,
    TERMINAL,
    TRAILING_PUNCTUATION,
    WRAPPED_LINE,
    StrippedLine,
    continues,
    dangles,
    mostly_upper,
)
from .markers import MARKER_RULER, Marker, MarkerRuler

GROUPING = ("part", "chapter", "section")
_HEADED = GROUPING + ("article",)
_GROUP_LABEL = {"part": "Phần", "chapter": "Chương", "section": "Mục"}


@dataclass
class Draft:
    """A node under construction; pieces are [start, end) normalised ranges of its own text.
    `end` is where its own lines end: its children's lines count only in its node's span
    (`DraftConverter.node`), so a line need not extend every open ancestor as it is added."""

    kind: str
    family: str
    number: str | None = None
    marker: str | None = None
    start: int = 0
    end: int = 0
    pieces: list[tuple[int, int]] = field(default_factory=list)
    heading: list[tuple[int, int]] = field(default_factory=list)
    children: list["Draft"] = field(default_factory=list)
    cells: list[tuple[TableCell, ...]] | None = None  # a table's rows

    def extend_to(self, end: int) -> None:
        self.end = max(self.end, end)


class TreeBuilder:
    """Builds the node tree of a body (the resolution's, or an attachment's) line by line."""

    def __init__(self, markers: MarkerRuler = MARKER_RULER) -> None:
        self.markers = markers
        self.roots: list[Draft] = []
        self.stack: list[Draft] = []
        self.holder: tuple[Draft, str] | None = None  # where a continuation line goes
        self.last_line = ""
        self.last_article: int | None = None
        self.warnings: list[tuple[str, str, int]] = []

    # -- placing nodes
    def _attach(self, draft: Draft, parent: Draft | None) -> None:
        (parent.children if parent else self.roots).append(draft)
        self.stack.append(draft)

    def _pop_to(self, keep: int) -> None:
        del self.stack[keep:]

    def _item_floor(self) -> int:
        """Index in the stack of the first item (below the deepest article/grouping)."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].kind in _HEADED:
                return i + 1
        return 0

    # -- line handlers
    def add_line(self, line: StrippedLine, after_blank: bool) -> None:
        marker = self.markers.match(line.text)
        if marker and self._may_open(line, marker, after_blank) and self._place_marker(line, marker):
            self.last_line = line.text
            return
        self._add_text(line, after_blank)

    def _may_open(self, line: StrippedLine, marker: Marker, after_blank: bool) -> bool:
        """A marker whose rule may not interrupt a paragraph opens a node only where the
        open paragraph would not take the line as its continuation."""
        return marker.rule.interrupts_paragraph or not (self.holder and self._accepts_continuation(line, after_blank))

    def _place_marker(self, line: StrippedLine, marker: Marker) -> bool:
        if marker.kind in GROUPING:
            return self._place_group(line, marker)
        if marker.kind == "article":
            return self._place_article(line, marker)
        return self._place_item(line, marker)

    def _new(self, line: StrippedLine, marker: Marker) -> Draft:
        draft = Draft(marker.kind, marker.family, marker.number, marker.marker, line.start, line.end)
        rest = line.start + marker.rest
        if rest < line.end:
            target = draft.heading if marker.kind in _HEADED else draft.pieces
            target.append((rest, line.end))
        return draft

    def _open_headed(self, line: StrippedLine, marker: Marker, outranks: Callable[[Draft], bool]) -> bool:
        """Close everything up to the last grouping that `outranks` keeps, open a headed node."""
        keep = 0
        for i, open_draft in enumerate(self.stack):
            if open_draft.kind in GROUPING and outranks(open_draft):
                keep = i + 1
        self._pop_to(keep)
        draft = self._new(line, marker)
        self._attach(draft, self.stack[-1] if self.stack else None)
        self.holder = (draft, "heading")
        return True

    def _place_group(self, line: StrippedLine, marker: Marker) -> bool:
        order = GROUPING.index(marker.kind)
        return self._open_headed(line, marker, lambda open_draft: GROUPING.index(open_draft.kind) < order)

    def _place_article(self, line: StrippedLine, marker: Marker) -> bool:
        number = int(marker.number or 0)
        if self.last_article is not None and not (self.last_article < number <= self.last_article + 3):
            return False  # "Điều 3 Nghị định ..." starting a wrapped line: text
        if self.last_article is not None and number > self.last_article + 1:
            self.warnings.append(("numbering_gap", f"Điều {self.last_article} is followed by Điều {number}", line.start))
        self.last_article = number
        return self._open_headed(line, marker, lambda open_draft: True)

    def _place_item(self, line: StrippedLine, marker: Marker) -> bool:
        floor = self._item_floor()
        open_items = [Item(draft.family, draft.number) for draft in self.stack[floor:]]
        placement = place(open_items, Item(marker.family, marker.number), marker.capital_follows)
        if placement.depth is None:
            return False
        if placement.gap:
            skipped = self.stack[floor + placement.depth].marker
            self.warnings.append(("numbering_gap", f"item {marker.marker} follows item {skipped}: one is missing",
                                  line.start))
        self._pop_to(floor + placement.depth)
        draft = self._new(line, marker)
        self._attach(draft, self.stack[-1] if self.stack else None)
        self.holder = (draft, "pieces")
        return True

    def _add_text(self, line: StrippedLine, after_blank: bool) -> None:
        if self.holder and self._accepts_continuation(line, after_blank):
            draft, slot = self.holder
            getattr(draft, slot).append((line.start, line.end))
            draft.extend_to(line.end)
            self.last_line = line.text
            return
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.kind in GROUPING and not parent.heading and mostly_upper(line.text):
            parent.heading.append((line.start, line.end))  # "Chương I" / "QUY ĐỊNH CHUNG"
            parent.extend_to(line.end)
            self.holder = (parent, "heading")
        else:
            draft = Draft("paragraph", "paragraph", start=line.start, end=line.end, pieces=[(line.start, line.end)])
            (parent.children if parent else self.roots).append(draft)
            self.holder = (draft, "pieces")
        self.last_line = line.text

    def _accepts_continuation(self, line: StrippedLine, after_blank: bool) -> bool:
        draft, slot = self.holder
        if slot == "pieces" and draft.kind != "paragraph" and not draft.pieces:
            return True  # "1." alone on its line: the item's text follows
        if slot == "heading" and draft.kind == "article":
            if not draft.heading:
                return True  # "Điều 2." alone on its line: the heading follows
            if after_blank and not CONTINUES.match(line.text):
                return False
            # A short heading line is complete ("Điều 1. Phạm vi điều chỉnh"); a long one
            # wrapped, and so does one whose next line opens in lower case.
            return bool(CONTINUES.match(line.text)) or (
                not TERMINAL.search(self.last_line)
                and (len(self.last_line) >= WRAPPED_LINE or dangles(self.last_line)))
        if slot == "heading" and draft.kind in GROUPING:
            return mostly_upper(line.text) and mostly_upper(self.last_line) and not TERMINAL.search(self.last_line)
        if after_blank and not CONTINUES.match(line.text):
            # a blank line ends a paragraph unless the sentence is visibly unfinished
            return not TERMINAL.search(self.last_line) and not line.text[:1].isupper()
        return continues(self.last_line, line.text)

    def add_table_row(self, line: StrippedLine, raw: Line) -> None:
        parent = self.stack[-1] if self.stack else None
        siblings = parent.children if parent else self.roots
        if siblings and siblings[-1].kind == "table" and self.holder and self.holder[0] is siblings[-1]:
            table = siblings[-1]
        else:
            table = Draft("table", "table", start=line.start, end=line.end, cells=[])
            siblings.append(table)
            self.holder = (table, "pieces")
        table.cells.append(_table_cells(raw))
        table.pieces.append((line.start, line.end))
        table.extend_to(line.end)


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


# --------------------------------------------------------------------------- drafts → models


class DraftConverter:
    """Turns drafts into models.Node with original spans, and records TextBlocks and TableBlocks."""

    def __init__(self, norm: NormalisedText, region: str, structure: Structure, in_resolution: bool):
        self.norm = norm
        self.region = region
        self.blocks = structure.blocks
        self.tables = structure.tables
        self.in_resolution = in_resolution

    def joined(self, pieces: list[tuple[int, int]]) -> str:
        text = self.norm.text
        if len(pieces) == 1:  # most nodes are one line: its words need no second join nor strip
            return " ".join(text[pieces[0][0]:pieces[0][1]].split())
        return " ".join([" ".join(text[a:b].split()) for a, b in pieces]).strip()

    def nodes(self, drafts: list[Draft], path: str = "", article: int | None = None) -> list[models.Node]:
        return [self.node(d, path, article)[0] for d in drafts]

    def node(self, draft: Draft, parent_path: str, article: int | None) -> tuple[models.Node, int]:
        """The node of `draft` and where its subtree ends (normalised): a node's span covers
        its whole subtree, and a grandchild's lines may run past every child's own end (an
        item list under a Roman section inside an article). The end comes back up with the
        node, so no subtree is walked twice."""
        count("nodes")  # before the model: 50,000 articles are refused here, not after extraction
        label = _label(draft)
        path = f"{parent_path}{models.PATH_SEPARATOR}{label}" if parent_path and label else (label or parent_path)
        if draft.kind == "article" and self.in_resolution and draft.number and draft.number.isdigit():
            article = int(draft.number)
        heading = TRAILING_PUNCTUATION.sub("", self.joined(draft.heading)).strip() if draft.heading else None
        for pieces in (draft.heading, draft.pieces):
            if pieces and draft.kind != "table":
                self.blocks.append(TextBlock(pieces[0][0], pieces[-1][1], path, article, draft.kind, self.region))
        rows = None
        if draft.cells is not None:
            self.tables.append(TableBlock(draft.start, draft.end, path, article, self.region, tuple(draft.cells)))
            rows = [[cell.text for cell in row] for row in draft.cells]
        text = self.joined(draft.pieces) if draft.kind != "table" else ""
        children, end = [], draft.end
        for child in draft.children:
            child_node, child_end = self.node(child, path, article)
            children.append(child_node)
            end = max(end, child_end)
        return models.Node(
            kind=draft.kind, marker=draft.marker, number=draft.number, heading=heading or None, text=text,
            path=path, span=self.norm.original_span(draft.start, end), rows=rows, children=children,
        ), end


def _label(draft: Draft) -> str:
    if draft.kind == "article":
        return f"Điều {draft.number}"
    if draft.kind in GROUPING:
        return f"{_GROUP_LABEL[draft.kind]} {draft.number}"
    if draft.number:
        return draft.number
    return ""
