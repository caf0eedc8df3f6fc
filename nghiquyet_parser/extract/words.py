"""Where the words of a block are: syllables, numbers and marks, and underthesea's words
where a word boundary decides something.

underthesea's CRF word segmenter groups syllables into words ("Thu nhập", "bình quân").
It costs more than the rest of a parse together, and a word boundary changes the output
in one place only: a number written in words must be whole words ("hai con số" is no
quantity of "con", since "con số" is one word). So the text is split at spaces and
punctuation (syllables, numbers, marks: all the other finders need), and only the
sentences holding a number word before a unit are segmented with the CRF. Segmentations
are cached per sentence.

Nothing here imports spaCy: extract() runs its finders on plain text, and the spaCy
tokenizer (`nlp.UndertheseaTokenizer`) builds its Docs from these same offsets.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Sequence

import regex

from .quantities import QuantityMatch, word_quantities
from .sentences import segmenter_pieces

# a syllable, a number, or one mark
CHEAP_TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|\p{L}+|\S")


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
        return tuple((m.start(), m.end()) for m in CHEAP_TOKEN.finditer(text))
    found: list[tuple[int, int]] = []
    position = 0
    for start, end in segmented:
        found.extend((m.start(), m.end()) for m in CHEAP_TOKEN.finditer(text, position, start))
        found.extend((start + s, start + e) for s, e in sentence_offsets(text[start:end]))
        position = end
    found.extend((m.start(), m.end()) for m in CHEAP_TOKEN.finditer(text, position))
    return tuple(found)


def whole_words(text: str, in_words: Sequence[QuantityMatch]) -> list[QuantityMatch]:
    """The numbers in words that are whole words of `text` ("hai con" but not the "hai con"
    of "hai con số", where "con số" is one word)."""
    if not in_words:
        return []
    offsets = word_offsets(text, in_words)
    starts = {start for start, _ in offsets}
    ends = {end for _, end in offsets}
    return [q for q in in_words if q.start in starts and q.end in ends]


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
    return tuple((m.start(), m.end()) for m in CHEAP_TOKEN.finditer(sentence))


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
