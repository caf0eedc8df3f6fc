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
