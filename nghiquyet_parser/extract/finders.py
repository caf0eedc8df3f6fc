"""Every finder of the extract stage run on the text of one block, without spaCy.

extract() calls `find_facts` for each block; the spaCy components of `nlp` wrap the
same finders one by one for users who compose their own pipelines. Both must find the
same facts (tests/test_finders.py holds them to it over the corpus). extract() does not
go through spaCy because a Doc per block, its Span objects and their `._` extensions
cost about a sixth of a parse and add nothing the finders use: they read the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..citations import Citation, find_numbered
from .place_mentions import Mention, find_mentions
from .quantities import DecimalConvention, QuantityMatch, find_quantities, word_quantities
from .records import Decision, TargetMatch
from .targets import find_targets
from .words import whole_words


@dataclass
class BlockFacts:
    """What one block holds; offsets are relative to the block's text."""

    quantities: list[QuantityMatch] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)  # one per quantity: a target's value, or why not
    targets: list[TargetMatch] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)


def find_facts(
    text: str,
    convention: DecimalConvention,
    article_status: Optional[str] = None,
    policy_document: bool = False,
    label: Optional[str] = None,
) -> BlockFacts:
    """The quantities, targets, cited documents and place mentions of one block. `label`:
    the heading the block sits under when that heading ends in a colon."""
    # a number in words counts only as whole words: the one place the CRF's word boundaries matter
    quantities = find_quantities(text, convention, whole_words(text, word_quantities(text)), counted=True)
    found = find_targets(text, quantities, article_status, policy_document, label)
    return BlockFacts(quantities, found.decisions, found.targets, find_numbered(text), find_mentions(text))
