"""spaCy component `nq_places`: the places mentioned in a Doc, linked to the gazetteer.

A thin wrapper: the mention grammar and the linking are `place_mentions` (which
extract() also uses at the level of a resolution, without spaCy); here they run on a
Doc, and each mention becomes a span on doc.spans["places"] (the `spans_key`), label
= unit word, with the Span extensions place_type, place_name, place_code, place_note
place_unit and place_evidence (why it was read as a place). Linking prefers the issuer's area given in `doc._.nq_context`; a Doc
without it links names nationwide. `collect_doc_places` gathers the Places of a
resolution's Docs, as extract() does from plain mentions.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional

from spacy.tokens import Doc, Span

from .. import models
from .place_mentions import SPANS_KEY, LinkedMention, collect_places, find_mentions, link
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


def collect_doc_places(docs: Iterable[Doc], header: Optional[models.Header] = None) -> list[models.Place]:
    """place_mentions.collect_places over the place spans of a resolution's Docs; a span
    the document relinks gets its new unit, code and note. Spans are in the original text
    where the Doc carries its block and normalised text (`nq_block`, `nq_norm`), else in the Doc."""
    docs = list(docs)
    context = next((doc._.nq_context for doc in docs if doc._.nq_context), None)
    linked = [(span, _mention_of_span(doc, span)) for doc in docs for span in doc.spans.get(SPANS_KEY, ())]
    places = collect_places((mention for _, mention in linked), context, header)
    for span, mention in linked:
        extensions = span._
        extensions.place_unit, extensions.place_note = mention.unit, mention.note
        extensions.place_code = mention.unit.code if mention.unit else None
    return places


def _mention_of_span(doc: Doc, span: Span) -> LinkedMention:
    """The LinkedMention a place span's extensions hold, in the original text where it can be."""
    found = span._
    block, norm = doc._.nq_block, doc._.nq_norm
    where = (
        norm.original_span(block.start + span.start_char, block.start + span.end_char)
        if block is not None and norm is not None
        else models.Span(start=span.start_char, end=span.end_char)
    )
    return LinkedMention(found.place_type, found.place_name, found.place_evidence, found.place_unit, found.place_note, where)
