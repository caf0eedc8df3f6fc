"""Stage 2: normalise the original text for matching, keeping a map back to it.

Like eyecite's `clean` step, every rewrite here records where each output
character came from, so a span found in the normalised text maps back to the
original (`NormalisedText.to_original`). Rewrites, in order:

1. markup left by HTML/markdown/Word exports (tags, entities, **bold**, table
   pipes, rules, escapes, '<jsontable>' placeholders) is removed;
2. CR, zero-width and soft-hyphen characters are dropped; odd spaces become ' ';
3. NFC composition (combining tone marks from NFD or Windows-1258 text);
4. 'Ð' (U+00D0, Icelandic eth) typed for 'Đ' becomes 'Đ';
5. tone placement on oa/oe/uy becomes one convention ('hoá' → 'hóa',
   'thuỷ' → 'thủy', 'khoá' → 'khóa'), so vocabularies need one spelling.

Line breaks are kept: rejoining broken lines is the segmenter's decision.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from .pipe_tables import pipe_table_edits
from .rewriter import OffsetRewriter
from .rules import CHARACTERS, COMBINING_MARK, COMBINING_RUN, MARKUP, OLD_STYLE, UNREADABLE_DIGIT, Rule, move_tone, unreadable_digit
from .text import Line, NormalisedText

__all__ = ["Line", "NormalisedText", "canonical", "fold", "normalise"]


def _first_characters(rules: list[Rule]) -> set[str]:
    return {literal[0] for rule in rules for literal in rule.needs}


# The first character of every literal the markup and character rules need, and the pipe of
# the one-cell-per-line tables: a text with none of them, such as a name, is spared all those
# rewrites after one search.
_TRIGGERS = "".join(sorted(_first_characters([*CHARACTERS, *MARKUP]) | {"|"}))
_MARKUP_OR_ODD_CHARACTER = regex.compile(f"[{regex.escape(_TRIGGERS)}]")


def normalise(original: str) -> NormalisedText:
    rewriter = _rewritten(original)
    return NormalisedText(original, rewriter.text, rewriter.starts, rewriter.ends)


def _rewritten(original: str) -> OffsetRewriter:
    rewriter = OffsetRewriter(original)
    if _MARKUP_OR_ODD_CHARACTER.search(original):
        _rewrite(rewriter, CHARACTERS[:1])  # CRLF first: markup rules are line-based
        rewriter.apply(pipe_table_edits(rewriter.text))  # before the pipes go with the markup
        _rewrite(rewriter, MARKUP)
        _rewrite(rewriter, CHARACTERS[1:])
    if COMBINING_MARK.search(rewriter.text):
        rewriter.sub(COMBINING_RUN, lambda m: unicodedata.normalize("NFC", m.group(0)))
    rewriter.sub(OLD_STYLE, move_tone)
    rewriter.sub(UNREADABLE_DIGIT, unreadable_digit)
    return rewriter


def _rewrite(rewriter: OffsetRewriter, rules: list[Rule]) -> None:
    for rule in rules:
        if any(literal in rewriter.text for literal in rule.needs):  # else the pattern cannot match
            rewriter.sub(rule.pattern, rule.replacement, rule.needs if rule.by_line else ())


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


class _CombiningDeleter(dict):
    """A str.translate table that deletes the combining characters (unicodedata.combining),
    filled in as characters are met: translate then works at C speed, where a Python test of
    each character was most of fold's time. Only the Basic Multilingual Plane is kept, so a
    hostile text of every character cannot grow it beyond 65,536 entries."""

    def __missing__(self, ordinal: int) -> int | None:
        kept = None if unicodedata.combining(chr(ordinal)) else ordinal
        if ordinal <= 0xFFFF:
            self[ordinal] = kept
        return kept


_WITHOUT_COMBINING = _CombiningDeleter()


def fold(text: str) -> str:
    """A diacritic-free, lower-case key for tolerant matching ('Lưu' and 'Luu' agree)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    return decomposed.translate(_WITHOUT_COMBINING).lower()


@lru_cache(maxsize=65536)  # called on every gazetteer candidate's name: few distinct strings
def canonical(text: str) -> str:
    """NFC text with the project's tone-placement convention, for comparing strings."""
    return _rewritten(text).text  # the text alone: no offset map is built where no rule changes it
