"""The spaCy pipeline: underthesea word segmentation as tokenizer, extractors as components.

spaCy's own Vietnamese language class needs pyvi; we register no language and
use `spacy.blank("xx")` with a custom tokenizer instead. underthesea's CRF word
segmenter groups syllables into words ("Thu nhập", "bình quân"); each word becomes
ONE spaCy token whose text is exactly the slice of the input it covers (so a
multi-syllable token may contain a space), and whitespace between words is
kept through `spaces` or, when it is not a single space, as whitespace tokens. The
words are `words.word_offsets`: the CRF's only in the sentences where a word boundary
decides something (a number in words), syllables, numbers and marks elsewhere.

extract() runs the same finders without spaCy (`finders.find_facts`); this pipeline is
for users who compose their own, and tests/test_finders.py holds both to the same facts.
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Callable, Iterable, Iterator, Optional

import regex
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..vocabulary import load_table
from . import citations, places  # noqa: F401  (importing them registers nq_citations and nq_places)
from .quantities import decimal_convention, find_quantities, word_quantities
from .spans import SpansComponent, labelled_span, required_spans, spans_factory, text_of
from .targets import find_targets
from .words import word_offsets

# --------------------------------------------------------------------------- tokenizer

# the numbers in words of a Doc's text, as the tokenizer found them (user_data key)
WORD_QUANTITIES = "nq_word_quantities"


class UndertheseaTokenizer:
    """Text → Doc whose tokens are underthesea words, exactly aligned to the text."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        in_words = word_quantities(text)
        words, spaces = _words_and_spaces(text, word_offsets(text, in_words)) if in_words else _syllables_and_spaces(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["nq_text"] = text
        doc.user_data[WORD_QUANTITIES] = in_words  # nq_quantities would look for them again
        return doc

    # spaCy serialises tokenizers with the pipeline; ours has no state to save.
    def to_bytes(self, **_kwargs) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs) -> "UndertheseaTokenizer":
        return self

    def to_disk(self, _path, **_kwargs) -> None:
        return None

    def from_disk(self, _path, **_kwargs) -> "UndertheseaTokenizer":
        return self


def _words_and_spaces(text: str, offsets: Iterable[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    """spaCy's words and spaces for words at `offsets` in `text`."""
    words: list[str] = []
    spaces: list[bool] = []
    position = 0
    for start, end in offsets:
        _add_gap(text[position:start], words, spaces)
        words.append(text[start:end])
        spaces.append(False)
        position = end
    _add_gap(text[position:], words, spaces)
    return words, spaces


# a syllable, number or mark (words.CHEAP_TOKEN), then the whitespace after it: one space, the rest
_TOKEN_AND_GAP = regex.compile(r"(\d+(?:[.,]\d+)*|\p{L}+|\S)( ?)(\s*)")
_LEADING_SPACE = regex.compile(r"\s*")


def _syllables_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """_words_and_spaces(text, word_offsets(text)) where no sentence needs the CRF, in one
    pass of one pattern (this runs on every block of every document)."""
    lead = _LEADING_SPACE.match(text).end()
    words, spaces = ([text[:lead]], [False]) if lead else ([], [])
    for token, space, gap in _TOKEN_AND_GAP.findall(text, lead):
        words.append(token)
        spaces.append(bool(space))
        if gap:
            words.append(gap)
            spaces.append(False)
    return words, spaces


def _add_gap(gap: str, words: list[str], spaces: list[bool]) -> None:
    """Whitespace between two words: a single space is the previous token's `space`,
    anything else is kept as a whitespace token (spaCy's own convention)."""
    if not gap:
        return
    if words and gap[0] == " " and not spaces[-1]:
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)


@spacy.registry.tokenizers("nq_underthesea_tokenizer")
def create_tokenizer() -> Callable[[Language], UndertheseaTokenizer]:
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make


# --------------------------------------------------------------------------- components
#
# Every component is a `Language.factory` whose spans_key is a setting, declaring what
# it assigns and requires; none runs another. The spacy_factories entry points of
# pyproject.toml name the factory functions (quantities_pipe and targets_pipe here,
# citations.citations_component, places.make_places_component), so that
# spacy.blank("xx").add_pipe("nq_targets") works without importing this package.
# Keep those names: an installed package's entry points are only re-read on reinstall.

QUANTITIES_KEY = "quantities"
TARGETS_KEY = "targets"


def quantity_spans(doc: Doc) -> Iterator[Optional[Span]]:
    """Spans with span._.nq_quantity (a QuantityMatch)."""
    text = text_of(doc)
    convention = doc._.nq_decimal or decimal_convention(text)
    for match in find_quantities(text, convention, doc.user_data.get(WORD_QUANTITIES), counted=True):
        if match.in_words and doc.char_span(match.start, match.end) is None:
            continue  # "hai con số": the unit word is part of a longer word here
        yield labelled_span(doc, match.start, match.end, "QUANTITY", "nq_quantity", match)


quantities_pipe = spans_factory("nq_quantities", quantity_spans, spans_key=QUANTITIES_KEY, assigns=["span._.nq_quantity"])


@Language.factory(
    "nq_targets",
    assigns=["doc.spans", "span._.nq_target"],
    requires=["doc.spans", "span._.nq_quantity"],
    default_config={"spans_key": TARGETS_KEY, "quantities_key": QUANTITIES_KEY},
)
def targets_pipe(nlp: Language, name: str, spans_key: str, quantities_key: str) -> SpansComponent:
    return SpansComponent(spans_key, partial(target_spans, quantities_key=quantities_key))


def target_spans(doc: Doc, quantities_key: str = QUANTITIES_KEY) -> Iterator[Optional[Span]]:
    """Spans with span._.nq_target (a TargetMatch), from the quantities nq_quantities
    wrote on doc.spans[quantities_key]; without them, a MissingSpansError. Each quantity
    span gets span._.nq_decision: whether it is a target's value, and if not, why."""
    found, quantities = [], []
    for span in required_spans(doc, quantities_key, "nq_targets", "nq_quantities"):
        quantity = span._.nq_quantity  # each `span._` makes an object: read once
        if quantity is not None:
            found.append(span)
            quantities.append(quantity)
    extensions = doc._
    block = extensions.nq_block
    state = extensions.nq_state
    article_status = block.status if block is not None else None
    policy_document = state.policy_document if state is not None else False
    result = find_targets(text_of(doc), quantities, article_status, policy_document, doc.user_data.get("nq_label"))
    for span, decision in zip(found, result.decisions):
        span._.nq_decision = decision
    for target in result.targets:
        yield labelled_span(doc, target.start, target.end, "TARGET", "nq_target", target)


# in the order their `requires` need
PIPELINE = ("nq_quantities", "nq_targets", "nq_citations", "nq_places")


def make_nlp() -> Language:
    """A fresh pipeline (use `nlp()` for the shared, cached one)."""
    load_table("units")  # fail early, with the file name, if a vocabulary is missing
    language = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "nq_underthesea_tokenizer"}}})
    # spaCy's 1,000,000-character limit protects its parser and NER, which need ~1 GB per
    # 100,000 characters; this pipeline has neither and grows linearly with the text.
    language.max_length = 100_000_000
    for name in PIPELINE:
        language.add_pipe(name)
    return language


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The shared pipeline: underthesea tokenizer + nq_quantities, nq_targets, nq_citations, nq_places."""
    return make_nlp()
