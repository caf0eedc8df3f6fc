"""The fields of a target besides its indicator and value: comparator, baseline, price
basis, period, scope and status; and what a heading or a title says about the numbers
under it. Sentence targets and table targets read them with the same helpers."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..cues import CuePattern, comparator_phrases, ends_with, has_cue
from ..vocabulary import alternation
from .sentences import LIST_LINE, WINDOW


def comparator_before(left: str) -> tuple[Optional[str], int]:
    """The comparator ending `left` and where it starts, nearest the number first."""
    match = ends_with(("comparator",)).search(left)
    if not match:
        return None, len(left)
    phrase = " ".join(match.group().lower().split())
    return comparator_phrases().get(phrase), match.start()


@lru_cache(maxsize=None)
def _bounds() -> "regex.Pattern[str]":
    """Comparator phrases of two words or more ('không vượt quá', 'ít nhất'): specific
    enough to govern a value a few words away, unlike 'trên' or 'đạt'."""
    phrases = [p for p in comparator_phrases() if " " in p and comparator_phrases()[p] != "~"]
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation(phrases, any_space=True)})(?![\p{{L}}])", regex.IGNORECASE)


def bound_in(text: str) -> Optional[str]:
    """The comparator of the last bound phrase in `text`."""
    found = None
    for found in _bounds().finditer(text):
        pass
    return comparator_phrases()[" ".join(found.group().lower().split())] if found else None


_LIST_LINE = regex.compile(LIST_LINE)
_BASELINE_YEAR = regex.compile(r"(?:năm\s+)?(\d{4})")
_PARENTHESIS = regex.compile(r"\s*\([^()\n]*\)")

_BASELINE = CuePattern(r"(?:{baseline})\s+(?P<what>[^,;.()]+?)\s*(?=[,;.()]|$)", regex.IGNORECASE)
_PRICE_BASIS = CuePattern(r"(?:{price})(?:\s+\d{{4}})?", regex.IGNORECASE)
_SCOPE = CuePattern(r"(?:{scope})", regex.IGNORECASE)


def baseline_in(tail: str) -> Optional[str]:
    """'so với năm 2020' → '2020'; 'so với dự toán tỉnh giao' → 'dự toán tỉnh giao'."""
    tail = tail[: m.start()] if (m := _LIST_LINE.search(tail)) else tail
    match = _BASELINE.compiled.search(tail)
    if not match:
        return None
    what = " ".join(match["what"].split())
    year = _BASELINE_YEAR.fullmatch(what)
    return year.group(1) if year else what


def parenthesis_after(text: str, end: int) -> str:
    """The parenthesis right after a value: '7-7,5% (giá so sánh 2010)'."""
    match = _PARENTHESIS.match(text[end : end + WINDOW])
    return match.group() if match else ""


def price_basis_in(text: str) -> Optional[str]:
    match = _PRICE_BASIS.compiled.search(text)
    return match.group().strip() if match else None


def scope_in(text: str) -> Optional[str]:
    match = _SCOPE.compiled.search(text)
    return match.group() if match else None


def status_of(sentence: str, article_status: Optional[str]) -> str:
    """'result' or 'target' for a value in `sentence`, under a heading of `article_status`."""
    if article_status == "result":
        # an evaluation article reports; only an explicit objective is a target there
        return "target" if has_cue("objective", sentence) else "result"
    if has_cue("result", sentence):
        return "result"
    return "target"


def is_policy_document(title: str) -> bool:
    """'Quy định mức thu phí ...', 'chính sách hỗ trợ ...': a resolution setting norms."""
    return has_cue("policy_title", title)
