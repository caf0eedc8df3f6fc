"""The segmenter's typed outputs: what it hands to extract and emit (ARCHITECTURE.md, "Contracts")."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import models


@dataclass(frozen=True)
class TextBlock:
    """A text-bearing region, in NORMALISED offsets, with where it sits in the document."""

    start: int
    end: int
    path: str
    article: int | None
    kind: str
    region: str
    status: str | None = None  # "result" | "target", as the nearest heading above says (context.py)
    period: str | None = None  # the period the nearest heading above states ("năm 2025")

    def placed(self, status: str | None, period: str | None) -> "TextBlock":
        """This block with its headings' status and period (context.py): itself where they are
        its own already (most blocks stand under no such heading), else built field by field as
        dataclasses.replace would, which inspects the fields anew for each of thousands of blocks."""
        if status == self.status and period == self.period:
            return self
        return TextBlock(self.start, self.end, self.path, self.article, self.kind, self.region, status, period)


@dataclass(frozen=True)
class TableCell:
    """One cell of a table row: its text, stripped, at [start, end) in NORMALISED offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TableBlock:
    """A table, cell by cell, with where it sits (as a TextBlock does for text). Once the
    segmenter has placed it, `article` and `path` are those of its targets: an appendix
    table belongs to the article that points at the appendix, its path names the appendix."""

    start: int
    end: int
    path: str
    article: int | None
    region: str
    rows: tuple[tuple[TableCell, ...], ...]
    period: str | None = None  # the period the nearest heading above states, for columns without one


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
    warnings: list[models.ParseWarning] = field(default_factory=list)
