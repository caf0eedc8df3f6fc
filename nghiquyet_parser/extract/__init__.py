"""Stage 4: extract knowledge (targets, places, cited documents) from the segmented text."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import models
from ..normalise import NormalisedText
from ..segment import Structure


@dataclass
class Knowledge:
    targets: list[models.Target] = field(default_factory=list)
    places: list[models.Place] = field(default_factory=list)
    cited_documents: list[models.CitedDocument] = field(default_factory=list)
    quantities: list[models.Quantity] = field(default_factory=list)
    warnings: list[models.Warning] = field(default_factory=list)


def extract(norm: NormalisedText, structure: Structure) -> Knowledge:
    """Knowledge extraction is built under issue 3; until then nothing is extracted."""
    return Knowledge()
