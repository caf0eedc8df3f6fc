"""Where sentences and clauses start and end: the one home of the extract stage's cuts.

They are four, not one, because they serve different readers and must stay apart
(each is what produced the current output; merging them would change it):

- `segmenter_pieces`: where the tokenizer cuts a line before underthesea's word
  segmentation (and its cache) sees it. Any '.', ';', '!' or '?' followed by
  whitespace cuts: a wrong cut costs nothing but a cache entry.
- `clauses`: the clauses a target is read in. A clause ends at a sentence end (not
  the '.' of '2.501' or '1.'), at ';', and at a line break before a list marker.
- `start_of_sentence`: the start of the sentence around a clause, whose lead words
  (period, status, objective) govern every clause in it: sentence ends and list
  lines as for clauses, but ';' does not end a sentence.
- `start_of_clause`: a quick look back for where the clause of a value opens ('; ' or
  '. '), for the conditions that rule a value out ('đối với tổ chức 100 con').
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterator

import regex

# How far around a value the rules look. Cues sit within a few words of it; a bound
# keeps a block that is one huge line (a broken export) linear instead of quadratic.
WINDOW = 400

# A line break before a list marker ends a clause; any other was put there by the exporter.
LIST_LINE = r"\n(?=\s*(?:[-+•*]|\d{1,3}\s*[-.)/](?!\d)|\p{Ll}\)))"

_SEGMENTER_BREAK = regex.compile(r"(?<=[.;!?])\s+")
_CLAUSE_END = regex.compile(rf"(?<!\d)[.!?](?=\s|$)|[.!?](?=\s+\p{{Lu}})|;|{LIST_LINE}")
_SENTENCE_END = regex.compile(rf"(?<!\d)[.!?](?=\s)|{LIST_LINE}")


# underthesea's CRF builds the features of a whole piece at once: a 700 kB line with no
# sentence end took 1 GB. A longer piece is cut at a space; the corpus's longest is 650.
MAX_PIECE = 1000


def segmenter_pieces(line: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each piece of one line the word segmenter is given."""
    start = 0
    for brk in _SEGMENTER_BREAK.finditer(line):
        yield from _bounded(line, start, brk.start())
        start = brk.end()
    yield from _bounded(line, start, len(line))


def _bounded(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """[start, end) in pieces of at most MAX_PIECE characters, cut at the last space that
    fits (a word of MAX_PIECE characters is cut where it must)."""
    while end - start > MAX_PIECE:
        cut = line.rfind(" ", start + 1, start + MAX_PIECE)
        cut = cut if cut > start else start + MAX_PIECE
        yield start, cut
        start = cut + 1 if line[cut] == " " else cut
    yield start, end


def clauses(text: str) -> list[tuple[int, int]]:
    """[start, end) of each clause: split at sentence ends, ';' and line-initial markers."""
    found, start = [], 0
    for match in _CLAUSE_END.finditer(text):
        found.append((start, match.end()))
        start = match.end()
    found.append((start, len(text)))
    return [(s, e) for s, e in found if text[s:e].strip()]


def clause_of(bounds: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The clause of `bounds` (from `clauses`) holding `offset`; (0, 0) for none."""
    at = bisect_right(bounds, (offset, float("inf"))) - 1
    if at >= 0 and bounds[at][0] <= offset < bounds[at][1]:
        return bounds[at]
    return 0, 0


def start_of_sentence(text: str, clause_start: int) -> int:
    """Where the sentence holding the clause that starts at `clause_start` starts."""
    match = None
    for match in _SENTENCE_END.finditer(text, max(0, clause_start - WINDOW), clause_start):
        pass
    return match.end() if match else max(0, clause_start - WINDOW)


def start_of_clause(text: str, position: int) -> int:
    """Where the clause of `position` opens: after the last '; ' or '. ' within WINDOW."""
    lo = max(0, position - WINDOW)
    return max(text.rfind(";", lo, position), text.rfind(". ", lo, position), lo - 1) + 1
