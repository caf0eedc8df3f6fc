"""spaCy component `nq_citations`: the documents cited in a Doc.

A thin wrapper: the citation grammar is `nghiquyet_parser.citations` (shared with
the segmenter, which reads the 'Căn cứ' / 'Xét' paragraphs with it); here it runs
on body text, and each citation becomes a span on doc.spans["citations"] carrying
its `Citation` in `span._.nq_citation`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..citations import find_numbered
from .nlp import labelled_span, text_of


@Language.component("nq_citations")
def citations_component(doc: Doc) -> Doc:
    spans = []
    for citation in find_numbered(text_of(doc)):
        span = labelled_span(doc, citation.start, citation.end, citation.type or "DOCUMENT", "nq_citation", citation)
        if span is not None:
            spans.append(span)
    doc.spans["citations"] = spans
    return doc
