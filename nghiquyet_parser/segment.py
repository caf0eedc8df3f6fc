"""Stage 3: segment the normalised text into the parts of a resolution."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import models
from .normalise import NormalisedText


@dataclass(frozen=True)
class TextBlock:
    """A text-bearing region, in NORMALISED offsets, with where it sits in the document."""

    start: int
    end: int
    path: str
    article: int | None
    kind: str
    region: str


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
    warnings: list[models.Warning] = field(default_factory=list)


def segment(norm: NormalisedText) -> Structure:
    raise NotImplementedError("segmenter is being written (issue 2)")
