"""The spaCy pipeline: underthesea word segmentation as tokenizer, extractors as components.

spaCy's own Vietnamese language class needs pyvi; we register no language and
use `spacy.blank("xx")` with a custom tokenizer instead. underthesea's CRF word
segmenter groups syllables into words ("Thu nhập", "bình quân"); each word becomes
ONE spaCy token whose text is exactly the slice of the input it covers (so a
multi-syllable token may contain a space), and whitespace between words is
kept through `spaces` or, when it is not a single space, as whitespace tokens.

Speed: the CRF costs ~0.3 ms per line, too much for a whole resolution at each
parse. Only lines that can hold a fact (a digit, a number word, or a target or
place cue) are segmented with it; the others are split at spaces and punctuation,
which is all the extractors need there. Segmentations are cached per line.
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Callable, Iterator, Optional

import regex
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..cues import cue_words
from ..vocabulary import alternation, load_table
from . import citations, places  # noqa: F401  (importing them registers nq_citations and nq_places)
from .quantities import decimal_convention, find_quantities
from .sentences import segmenter_pieces
from .spans import SpansComponent, labelled_span, required_spans, spans_factory, text_of
from .targets import find_targets

# --------------------------------------------------------------------------- tokenizer

_CHEAP_TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|\p{L}+|\S")


@lru_cache(maxsize=None)
def _cue_pattern() -> "regex.Pattern[str]":
    """Qualitative-target cues ('đạt chuẩn'): a fact without a number. Matched as
    written, single spaces: a piece of one line holds none of the line breaks the
    target rules allow inside a cue."""
    return regex.compile(rf"(?<!\p{{L}})(?:{alternation(cue_words('qualitative'))})(?!\p{{L}})", regex.IGNORECASE)


def _needs_segmentation(sentence: str) -> bool:
    """Whether a sentence can hold a target: a number with a unit (in digits or words),
    or a qualitative cue. Years, dates and item numbers alone do not count."""
    if _cue_pattern().search(sentence):
        return True
    return any(q.unit is not None for q in find_quantities(sentence))


@lru_cache(maxsize=1)
def _crf_segmenter() -> Callable[[str], list[str]]:
    # Imported lazily: underthesea takes ~1 s to import and is only needed for a parse.
    from underthesea import word_tokenize

    def segment(line: str) -> list[str]:
        # use_token_normalize=False: underthesea must not rewrite the text it returns,
        # or its words could not be found back in the line.
        return word_tokenize(line, use_token_normalize=False)

    return segment


def word_offsets(line: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of each word of one line (no newline in it), sentence by sentence."""
    found: list[tuple[int, int]] = []
    for start, end in segmenter_pieces(line):
        found.extend((start + s, start + e) for s, e in sentence_offsets(line[start:end]))
    return tuple(found)


@lru_cache(maxsize=20000)
def sentence_offsets(sentence: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of each word of one sentence: underthesea's words where the
    sentence can hold a fact, a plain split at spaces and punctuation elsewhere."""
    if not sentence.strip():
        return ()
    if _needs_segmentation(sentence):
        aligned = _align(sentence, _crf_segmenter()(sentence))
        if aligned is not None:
            return aligned
    return tuple((m.start(), m.end()) for m in _CHEAP_TOKEN.finditer(sentence))


def _align(line: str, words: list[str]) -> tuple[tuple[int, int], ...] | None:
    """Offsets of underthesea's words in `line`, found syllable by syllable (the words
    join syllables with one space even where the text has several)."""
    found, position = [], 0
    for word in words:
        start = end = None
        for syllable in word.split():
            at = line.find(syllable, position)
            if at < 0 or line[position:at].strip():
                return None  # underthesea changed or skipped text: do not guess
            start = at if start is None else start
            end = position = at + len(syllable)
        if start is not None:
            found.append((start, end))
    return tuple(found)


class UndertheseaTokenizer:
    """Text → Doc whose tokens are underthesea words, exactly aligned to the text."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        line_start = 0
        for line in text.split("\n"):
            for start, end in word_offsets(line):
                _add_gap(text[position : line_start + start], words, spaces)
                words.append(text[line_start + start : line_start + end])
                spaces.append(False)
                position = line_start + end
            line_start += len(line) + 1
        _add_gap(text[position:], words, spaces)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["nq_text"] = text
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
    for match in find_quantities(text, convention):
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
    found = [span for span in required_spans(doc, quantities_key, "nq_targets", "nq_quantities")
             if span._.nq_quantity is not None]
    quantities = [span._.nq_quantity for span in found]
    block = doc._.nq_block
    state = doc._.nq_state
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
