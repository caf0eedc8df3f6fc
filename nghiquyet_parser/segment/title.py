"""Casing of titles and names written in capitals: 'VỀ TÌNH HÌNH ... TỈNH HÀ GIANG' →
'Về tình hình ... tỉnh Hà Giang', keeping the capitals of place names, symbols and bodies."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

import regex

from ..normalise import fold
from ..vocabulary import column
from .lines import structure_words

_ROMAN_NUMERAL = regex.compile(r"^[IVXLC]+$")


def title_case(upper: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in upper.split("-"))


@lru_cache(maxsize=None)
def _units_by_first_word() -> dict[str, list[list[str]]]:
    """The unit words ('thành phố') as word lists, longest first, by their first word: a title's
    word is compared only with the units it can begin."""
    units: dict[str, list[list[str]]] = {}
    for unit in sorted(column("unit_levels", "word"), key=len, reverse=True):
        units.setdefault(unit.split()[0], []).append(unit.split())
    return units


def sentence_case(upper: str) -> str:
    """'VỀ TÌNH HÌNH ... TỈNH HÀ GIANG' → 'Về tình hình ... tỉnh Hà Giang' (place names keep capitals)."""
    words = upper.lower().split()
    units = _units_by_first_word()
    i = 0
    while i < len(words):
        unit = next((u for u in units.get(words[i], ()) if words[i:i + len(u)] == u), None)
        if unit:
            j = i + len(unit)
            count = 0
            while j < len(words) and count < 4:
                word = words[j].strip(",.;:()")
                if not word or word in structure_words("not_a_name") or word[0].isdigit():
                    break
                words[j] = "-".join(p[:1].upper() + p[1:] for p in words[j].split("-"))
                count += 1
                if words[j][-1] in ",.;:)":
                    break
                j += 1
            i = j
        else:
            i += 1
    _restore_capitals(words, upper.split())
    text = " ".join(words)
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=4096)  # asked of every word of titles in capitals: few distinct words
def _is_acronym(word: str) -> bool:
    """'HĐND', 'UBND', 'HBND': upper-case letters without a vowel, or a known abbreviation."""
    if len(word) < 2 or not word.isupper():
        return False
    return word in _abbreviations() or not any(ch in "aeiouy" for ch in fold(word))


@lru_cache(maxsize=None)
def _abbreviations() -> frozenset[str]:
    return frozenset(column("abbreviations", "abbreviation"))


def _phrase_starts(folded: list[str], phrase: str) -> Iterator[int]:
    """Where the words of `phrase` (lower case) run in `folded`. Only the places holding its
    first word are joined and compared: a title has dozens of words, the vocabulary a dozen phrases."""
    size, first = len(phrase.split()), phrase.split(" ")[0]
    for i in range(len(folded) - size + 1):
        if folded[i] == first and " ".join(folded[i:i + size]) == phrase:
            yield i


def _restore_capitals(words: list[str], original: list[str]) -> None:
    """Capitals a sentence-cased title keeps: symbols ('209/2015/NQ-HĐND'), bodies ('Hội đồng
    nhân dân'), and documents named by number or after 'thông qua'/'của' ('Nghị quyết số', 'Đề án')."""
    for i, word in enumerate(original):
        bare = word.strip(",.;:()")
        if ("/" in word or any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word)
                or _is_acronym(bare) or i and words[i - 1] in ("khóa", "khoá") and _ROMAN_NUMERAL.match(bare)):
            words[i] = word
    folded = [w.lower().strip(",.;:()") for w in words]
    for phrase in structure_words("proper_phrase"):
        for i in _phrase_starts(folded, phrase.lower()):
            for k, proper in enumerate(phrase.split()):
                words[i + k] = words[i + k].lower().replace(proper.lower(), proper, 1)
    leads = [lead.split() for lead in structure_words("title_lead")]
    for document in structure_words("titled_document"):
        size = len(document.split())
        for i in _phrase_starts(folded, document.lower()):
            after = folded[i + size] if i + size < len(words) else ""
            # "thông qua Quy hoạch ..." names a document; one-word names ("Điều", "Luật") need a number
            led = size > 1 and any(folded[max(0, i - len(lead)):i] == lead for lead in leads)
            if after == "số" or after[:1].isdigit() or led:
                words[i:i + size] = [words[i][:1].upper() + words[i][1:], *words[i + 1:i + size]]
