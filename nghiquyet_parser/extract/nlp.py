"""The spaCy pipeline: underthesea word segmentation as tokenizer, extractors as components.

spaCy's own Vietnamese language class needs pyvi; we register no language and
use `spacy.blank("xx")` with a custom tokenizer instead. underthesea's CRF word
segmenter groups syllables into words ("Thu nhập", "bình quân"); each word becomes
ONE spaCy token whose text is exactly the slice of the input it covers (so a
multi-syllable token may contain a space), and whitespace between words is
kept through `spaces` or, when it is not a single space, as whitespace tokens.

Speed: the CRF costs more than the rest of a parse together, and a word boundary
changes the output in one place only: a number written in words must be whole words
("hai con số" is no quantity of "con", since "con số" is one word). So the text is
split at spaces and punctuation (syllables, numbers, marks: all the other extractors
need), and only the sentences holding a number word before a unit are segmented with
the CRF. Segmentations are cached per sentence.
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Callable, Iterable, Iterator, Optional, Sequence

import regex
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..cues import cue_anywhere
from ..limits import count
from ..vocabulary import load_table
from . import citations, places  # noqa: F401  (importing them registers nq_citations and nq_places)
from .place_mentions import place_words
from .quantities import QuantityMatch, decimal_convention, find_quantities, word_quantities
from .sentences import segmenter_pieces
from .spans import SpansComponent, labelled_span, required_spans, spans_factory, text_of
from .targets import find_targets

# --------------------------------------------------------------------------- tokenizer

# the numbers in words of a Doc's text, as the tokenizer found them (user_data key)
WORD_QUANTITIES = "nq_word_quantities"

_CHEAP_TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|\p{L}+|\S")


@lru_cache(maxsize=1)
def _crf_segmenter() -> Callable[[str], list[str]]:
    # Imported lazily: underthesea takes ~1 s to import and is only needed for a parse.
    from underthesea import word_tokenize

    def segment(line: str) -> list[str]:
        # use_token_normalize=False: underthesea must not rewrite the text it returns,
        # or its words could not be found back in the line.
        return word_tokenize(line, use_token_normalize=False)

    return segment


def word_offsets(text: str, in_words: Sequence[QuantityMatch] | None = None) -> tuple[tuple[int, int], ...]:
    """[start, end) of each word of `text`: underthesea's words in the sentences that
    hold a number in words before a unit (`in_words`, found here when not given),
    syllables, numbers and marks elsewhere."""
    segmented = _segmented_sentences(text, word_quantities(text) if in_words is None else in_words)
    if not segmented:
        return tuple((m.start(), m.end()) for m in _CHEAP_TOKEN.finditer(text))
    found: list[tuple[int, int]] = []
    position = 0
    for start, end in segmented:
        found.extend((m.start(), m.end()) for m in _CHEAP_TOKEN.finditer(text, position, start))
        found.extend((start + s, start + e) for s, e in sentence_offsets(text[start:end]))
        position = end
    found.extend((m.start(), m.end()) for m in _CHEAP_TOKEN.finditer(text, position))
    return tuple(found)


def _segmented_sentences(text: str, in_words: Sequence[QuantityMatch]) -> list[tuple[int, int]]:
    """[start, end) of the sentences (segmenter pieces of a line) that the CRF segments,
    in order: those holding a number in words."""
    found: list[tuple[int, int]] = []
    for quantity in in_words:
        if found and quantity.start < found[-1][1]:
            continue
        found.append(_piece_around(text, quantity.start))
    return found


def _piece_around(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    for start, end in segmenter_pieces(line):
        if offset - line_start < end:
            return line_start + start, line_start + end
    return line_start, line_start + len(line)  # not reached: the last piece ends the line


@lru_cache(maxsize=20000)
def sentence_offsets(sentence: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of each of underthesea's words of one sentence; a plain split at
    spaces and punctuation where its words cannot be aligned to the text."""
    if not sentence.strip():
        return ()
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


# a syllable, number or mark (_CHEAP_TOKEN), then the whitespace after it: one space, the rest
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
    count("targets", len(result.targets))
    for span, decision in zip(found, result.decisions):
        span._.nq_decision = decision
    for target in result.targets:
        yield labelled_span(doc, target.start, target.end, "TARGET", "nq_target", target)


# in the order their `requires` need
PIPELINE = ("nq_quantities", "nq_targets", "nq_citations", "nq_places")

_DIGIT = regex.compile(r"\d")


def may_hold_spans(text: str) -> bool:
    """Whether any component of PIPELINE can find something in `text`: quantities and
    citations need a digit or a number in words, targets a quantity or a qualitative
    cue, places a place word. (Each test is the very pattern its finder starts from.)"""
    return bool(
        _DIGIT.search(text)
        or cue_anywhere("qualitative").search(text)
        or place_words().unit_word.search(text)
        or word_quantities(text)
    )


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
