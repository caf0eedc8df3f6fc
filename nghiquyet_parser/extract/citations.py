"""spaCy component `nq_citations`: the documents cited in a Doc.

A thin wrapper: the citation grammar is `nghiquyet_parser.citations` (shared with
the segmenter, which reads the 'Căn cứ' / 'Xét' paragraphs with it); here it runs
on body text, and each citation becomes a span on doc.spans["citations"] (the
`spans_key`) carrying its `Citation` in `span._.nq_citation`.
"""

from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Doc, Span

from ..citations import find_numbered
from .spans import labelled_span, spans_factory, text_of

SPANS_KEY = "citations"


def citation_spans(doc: Doc) -> Iterator[Optional[Span]]:
    for citation in find_numbered(text_of(doc)):
        yield labelled_span(doc, citation.start, citation.end, citation.type or "DOCUMENT", "nq_citation", citation)


citations_component = spans_factory("nq_citations", citation_spans, spans_key=SPANS_KEY, assigns=["span._.nq_citation"])
