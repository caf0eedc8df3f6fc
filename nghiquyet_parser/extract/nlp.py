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

from functools import lru_cache
from typing import Callable

import regex
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..vocabulary import load_table

_EXTENSIONS_DOC = {"nq_block": None, "nq_norm": None, "nq_context": None, "nq_decimal": None, "nq_state": None}
_EXTENSIONS_SPAN = {"nq_quantity": None, "nq_target": None, "nq_citation": None, "nq_place": None}


def register_extensions() -> None:
    for name, default in _EXTENSIONS_DOC.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _EXTENSIONS_SPAN.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def text_of(doc: Doc) -> str:
    """The Doc's text. spaCy rebuilds `doc.text` from the tokens at every access (a
    Python object per token); the components read it several times, so the text is
    kept once in `user_data` (the tokenizer stores it; other Docs get it on first use)."""
    text = doc.user_data.get("nq_text")
    if text is None:
        text = doc.user_data["nq_text"] = doc.text
    return text


def labelled_span(doc: Doc, start: int, end: int, label: str, extension: str, value: object) -> Span | None:
    """A span over the characters [start, end) of `doc` (widened to whole tokens),
    with `value` stored in `span._.<extension>`; None where no token is covered."""
    covered = doc.char_span(start, end, alignment_mode="expand")
    if covered is None:
        return None
    span = Span(doc, covered.start, covered.end, label=label)
    span._.set(extension, value)
    return span


# --------------------------------------------------------------------------- tokenizer

_CHEAP_TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|\p{L}+|\S")


_SENTENCE_BREAK = regex.compile(r"(?<=[.;!?])\s+")


@lru_cache(maxsize=None)
def _cue_pattern() -> "regex.Pattern[str]":
    """Qualitative-target cues ('đạt chuẩn'): a fact without a number."""
    qualitative = [row["cue"] for row in load_table("target_words") if row["role"] == "qualitative"]
    cues = "|".join(regex.escape(cue) for cue in sorted(qualitative, key=len, reverse=True))
    return regex.compile(rf"(?<!\p{{L}})(?:{cues})(?!\p{{L}})", regex.IGNORECASE)


def _needs_segmentation(sentence: str) -> bool:
    """Whether a sentence can hold a target: a number with a unit (in digits or words),
    or a qualitative cue. Years, dates and item numbers alone do not count."""
    if _cue_pattern().search(sentence):
        return True
    from .quantities import find_quantities

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
    start = 0
    for brk in [*_SENTENCE_BREAK.finditer(line), None]:
        end = brk.start() if brk else len(line)
        found.extend((start + s, start + e) for s, e in sentence_offsets(line[start:end]))
        start = brk.end() if brk else len(line)
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


@Language.component("nq_quantities")
def quantities_pipe(doc: Doc) -> Doc:
    from .quantities import quantities_component

    return quantities_component(doc)


@Language.component("nq_targets", requires=["doc.spans"])
def targets_pipe(doc: Doc) -> Doc:
    from .targets import targets_component

    if "quantities" not in doc.spans:
        quantities_pipe(doc)
    return targets_component(doc)


def make_nlp() -> Language:
    """A fresh pipeline (use `nlp()` for the shared, cached one)."""
    register_extensions()
    load_table("units")  # fail early, with the file name, if a vocabulary is missing
    language = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "nq_underthesea_tokenizer"}}})
    # spaCy's 1,000,000-character limit protects its parser and NER, which need ~1 GB per
    # 100,000 characters; this pipeline has neither and grows linearly with the text.
    language.max_length = 100_000_000
    # citations.py and places.py import this module's helpers, so they are imported
    # here rather than at the top; importing them registers their components
    from . import citations, places  # noqa: F401

    for name in ("nq_quantities", "nq_targets", "nq_citations", "nq_places"):
        language.add_pipe(name)
    return language


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The shared pipeline: underthesea tokenizer + nq_quantities, nq_targets, nq_citations, nq_places."""
    return make_nlp()


register_extensions()
