"""What the spaCy components share: the Doc and Span extensions, the Doc's text, and
how a finder's character offsets become a labelled span.

The bottom of the extract stage's spaCy side: it imports nothing of the package, so
the finders and the components can all use it without an import cycle.
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

# set by extract() before the pipeline runs: the TextBlock, the NormalisedText, the
# issuer's area and date (places), the decimal convention (quantities), the BlockState (targets)
DOC_EXTENSIONS = ("nq_block", "nq_norm", "nq_context", "nq_decimal", "nq_state")
# set by the components: what each span found
SPAN_EXTENSIONS = (
    "nq_quantity", "nq_decision", "nq_target", "nq_citation",
    "place_type", "place_name", "place_code", "place_note", "place_unit", "place_evidence",
)


def register_extensions() -> None:
    """Idempotent: every component calls it, and notebooks re-import modules."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def text_of(doc: Doc) -> str:
    """The Doc's text. spaCy rebuilds `doc.text` from the tokens at every access (a
    Python object per token); the components read it several times, so the text is
    kept once in `user_data` (the tokenizer stores it; other Docs get it on first use)."""
    text = doc.user_data.get("nq_text")
    if text is None:
        text = doc.user_data["nq_text"] = doc.text
    return text


def labelled_span(doc: Doc, start: int, end: int, label: str, extension: str, value: object) -> Optional[Span]:
    """A span over the characters [start, end) of `doc` (widened to whole tokens),
    with `value` stored in `span._.<extension>`; None where no token is covered."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is not None:
        span._.set(extension, value)
    return span


class SpansComponent:
    """The body of every nq_ component: the spans `find(doc)` returns, on
    doc.spans[spans_key]; a None among them (a match covering no token) is skipped.
    `find` is a module-level function (or a partial of one), so a pipeline pickles."""

    def __init__(self, spans_key: str, find: Callable[[Doc], Iterable[Optional[Span]]]) -> None:
        self.spans_key = spans_key
        self.find = find

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.spans_key] = [span for span in self.find(doc) if span is not None]
        return doc


def spans_factory(
    factory: str, find: Callable[[Doc], Iterable[Optional[Span]]], *, spans_key: str, assigns: list[str]
) -> Callable[[Language, str, str], SpansComponent]:
    """Register `factory` as a `Language.factory` of SpansComponent(spans_key, find), with
    `spans_key` as its setting; `assigns` names the extensions its spans carry. Returns
    the factory function (what a `spacy_factories` entry point names)."""

    def make(nlp: Language, name: str, spans_key: str) -> SpansComponent:
        return SpansComponent(spans_key, find)

    return Language.factory(factory, assigns=["doc.spans", *assigns], default_config={"spans_key": spans_key})(make)


class MissingSpansError(ValueError):
    """A component's input spans are not on the Doc: the component that writes them
    is not in the pipeline, or comes after it."""


def required_spans(doc: Doc, key: str, component: str, writer: str) -> list[Span]:
    """doc.spans[key], which the component `component` reads and `writer` writes;
    a clear error, not a silent re-run of `writer`, when they are absent."""
    if key not in doc.spans:
        raise MissingSpansError(
            f"{component} reads doc.spans[{key!r}], which {writer} writes: add {writer!r} "
            f"before {component!r} in the pipeline, with spans_key {key!r}"
        )
    return list(doc.spans[key])


register_extensions()
