"""spaCy component `nq_places`: the places mentioned in a Doc, linked to the gazetteer.

A thin wrapper: the mention grammar and the linking are `place_mentions` (which
extract() also uses at the level of a resolution, without spaCy); here they run on a
Doc, and each mention becomes a span on doc.spans["places"] (the `spans_key`), label
= unit word, with the Span extensions place_type, place_name, place_code, place_note
place_unit and place_evidence (why it was read as a place). Linking prefers the issuer's area given in `doc._.nq_context`; a Doc
without it links names nationwide.
"""

from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Doc, Span

from .place_mentions import SPANS_KEY, find_mentions, link
from .spans import spans_factory, text_of


def place_spans(doc: Doc) -> Iterator[Optional[Span]]:
    context = doc._.nq_context
    for mention in find_mentions(text_of(doc)):
        span = doc.char_span(mention.start, mention.end, label=mention.type, alignment_mode="expand")
        if span is not None:
            unit, note = link(mention.type, mention.name, context)
            extensions = span._  # each `span._` makes an object: once per span, not per extension
            extensions.place_type = mention.type
            extensions.place_name = mention.name
            extensions.place_unit = unit
            extensions.place_code = unit.code if unit else None
            extensions.place_note = note
            extensions.place_evidence = mention.evidence
        yield span


make_places_component = spans_factory(
    "nq_places",
    place_spans,
    spans_key=SPANS_KEY,
    assigns=["span._.place_type", "span._.place_name", "span._.place_code", "span._.place_note", "span._.place_unit",
             "span._.place_evidence"],
)
