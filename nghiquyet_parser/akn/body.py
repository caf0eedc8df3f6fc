"""The article tree as Akoma Ntoso hierarchy: a `models.Node` becomes an element with
<num> (its marker), <heading>, and either <content> (a leaf) or <intro> and its children.

Kinds map to the elements Vietnamese drafting uses them as: Phần → part, Chương →
chapter, Mục and the Roman headings of plans (I., II.) → section, Điều → article, the
numbered clauses of an article (1., 2.) → paragraph, a), b) → point, dashes → indent;
unnumbered text and tables, which the schema does not allow among hierarchy elements,
go inside an <hcontainer>.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .. import models
from .elements import add
from .inline import Alignment, Letters, Marks, write_aligned, write_text
from .names import ElementIds

# kind → (element, eId abbreviation of the naming convention)
ELEMENTS = {
    "part": ("part", "part"),
    "chapter": ("chapter", "chp"),
    "section": ("section", "sec"),
    "roman": ("section", "sec"),
    "article": ("article", "art"),
    "clause": ("paragraph", "para"),
    "point": ("point", "point"),
    "indent": ("indent", "indent"),
    "paragraph": ("hcontainer", "hcontainer"),
    "table": ("hcontainer", "hcontainer"),
}
NEVER_NUMBERED = {"indent", "paragraph", "table"}


@dataclass
class Writer:
    """What every node needs: the original text, the marks and the eIds handed out so far."""

    original: str
    marks: Marks
    ids: ElementIds

    def nodes(self, parent: ET.Element, nodes: list[models.Node], parent_id: str = "") -> None:
        for node in nodes:
            self.node(parent, node, parent_id)

    def node(self, parent: ET.Element, node: models.Node, parent_id: str) -> None:
        tag, abbreviation = ELEMENTS[node.kind]
        eid = (self.ids.counted(parent_id, abbreviation) if node.kind in NEVER_NUMBERED
               else self.ids.make(parent_id, abbreviation, node.number))
        element = add(parent, tag, {"eId": eid, "name": node.kind if tag == "hcontainer" else None})
        if node.marker:
            add(element, "num", text=node.marker.strip())
        if node.heading:
            write_text(add(element, "heading"), node.heading)
        if node.kind == "table":
            self.table(add(element, "content"), node, eid)
            return
        own_end = node.children[0].span.start if node.children else node.span.end
        if node.children:
            if node.text.strip():
                self.text(add(add(element, "intro"), "p"), node.span.start, own_end, node.text, eid)
            self.nodes(element, node.children, eid)
        else:
            self.text(add(add(element, "content"), "p"), node.span.start, own_end, node.text, eid)

    def text(self, holder: ET.Element, start: int, end: int, expected: str, holder_id: str) -> None:
        """The model's text, with the marks of original [start, end) that fall in it; unmarked
        where the two cannot be lined up."""
        if not expected.strip():
            return
        alignment = Alignment.at_end(self.original, start, end, expected)
        if alignment is None:
            write_text(holder, expected)
        else:
            write_aligned(holder, alignment, self.original, (start, end), self.marks, holder_id)

    def table(self, content: ET.Element, node: models.Node, eid: str) -> None:
        rows = [row for row in node.rows or [] if row]
        if not rows:
            self.text(add(content, "p"), node.span.start, node.span.end, node.text, eid)
            return
        table = add(content, "table", {"eId": self.ids.counted(eid, "table")})
        # Each cell is looked for after the cells before it, so its marks fall in the right cell.
        letters = Letters(self.original, node.span.start, node.span.end)
        after, region_start = 0, node.span.start
        for row in rows:
            line = add(table, "tr")
            for cell in row:
                holder = add(line, "td")
                if not cell.strip():
                    continue
                alignment = letters.align(cell, after=after)
                if alignment is None:
                    write_text(add(holder, "p"), cell)
                    continue
                region_end = letters.position(alignment.next_letter, node.span.end)
                write_aligned(add(holder, "p"), alignment, self.original, (region_start, region_end), self.marks, eid)
                after, region_start = alignment.next_letter, alignment.original_end
