"""Whether the words after a unit word name a place, and where the name ends.

`place_mentions.find_mentions` reads the shape (a unit word, capitalised syllables, a
list); here the evidence decides, each rule general:

- a name the gazetteer knows for the unit word ends where the gazetteer's name ends
  ('thành phố Hòa Bình Quy định' -> 'Hòa Bình'), and is accepted as a gazetteer match;
- in running text a name is capitalised syllables or a number; one capitalised syllable the
  gazetteer does not know that opens a clause ('tỉnh Mức hỗ trợ', 'xã, phường: Nếu có') or
  a list item that runs into lower-case words ('tỉnh Bắc Ninh và Cổng Dữ liệu') is not one;
- in capitals (titles, headings) case says nothing: only a name the gazetteer knows counts
  ('TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI GIAI ĐOẠN' -> tỉnh Đồng Nai);
- a unit word shared by provinces and cities ('các tỉnh/thành phố như', 'địa phương') takes
  its items' type from the gazetteer, and only items it knows;
- a named region ('vùng đồng bằng sông Cửu Long') is read from data/vocabulary/regions.tsv,
  whatever its case.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..gazetteer import Gazetteer
from ..vocabulary import alternation, column

GAZETTEER_MATCH = "gazetteer match"
CAPITALISED = "capitalised name"
LISTED = "list under a unit word"
NUMBER = "number after a unit word"
KNOWN_REGION = "known region name"

_SUFFIX = regex.compile(r"(?:\d{1,3}|[IVX]{1,4}|[A-Z])")  # 'A Lưới 2', 'Tân Thành A': part of the name
_NON_SPACE_RUN = regex.compile(r"\S+")
# possessive blanks: a lower-case letter can never be a blank, so giving blanks back only
# repeats the same failure (quadratic over a long blank run)
_LOWER_NEXT = regex.compile(r"[ \t]*+\n?[ \t]*+\p{Ll}")
# capitals: syllables, a hyphen may join two ('BÀ RỊA - VŨNG TÀU'); one line break may wrap the title
_CAPS_SYLLABLE = regex.compile(r"(?:[ \t]++|[ \t]*+\n[ \t]*+)(?:-[ \t]++)?([\p{Lu}][\p{Lu}'’]*(?:-[\p{Lu}]+)*)(?![\p{L}\d])")


@lru_cache(maxsize=1)
def _regions() -> "regex.Pattern[str]":
    return regex.compile(rf"(?i:{alternation(column('regions', 'name'), any_space=True)})(?![\p{{L}}\d])")


def region_at(text: str, position: int) -> Optional[tuple[int, str]]:
    """(end, canonical name) of a named region starting at `position`, else None."""
    match = _regions().match(text, position)
    if not match:
        return None
    key = " ".join(match.group().lower().split())
    return match.end(), next(name for name in column("regions", "name") if name.lower() == key)


def caps_name(text: str, position: int, unit_type: str, kind: str) -> Optional[tuple[int, str, str]]:
    """In capitals: (end, name, type) of the longest name after `position` the gazetteer
    knows for the unit word, spelled as the gazetteer spells it; else None."""
    if kind not in ("unit", "province-level"):
        return None
    syllables = []
    for _ in range(7):
        match = _CAPS_SYLLABLE.match(text, position)
        if not match:
            break
        syllables.append((match.group(1), match.end()))
        position = match.end()
    gazetteer = Gazetteer.load()
    scope_type, level = _scope(unit_type, kind)
    count = gazetteer.known_prefix(scope_type, [word for word, _ in syllables], level)
    if not count:
        return None
    unit = _unit(" ".join(word for word, _ in syllables[:count]), unit_type, kind)
    return syllables[count - 1][1], unit.name, unit.type


def judge(
    text: str, start: int, value: str, unit_type: str, kind: str, *, first: bool, gap: str, known_only: bool
) -> Optional[tuple[str, str, str]]:
    """(name as written, type, evidence) for the capitalised `value` read at `start` after a
    unit word (`gap` the text between them, or the list separator); None: not a name."""
    syllables = value.split()
    if kind in ("unit", "province-level"):
        scope_type, level = _scope(unit_type, kind)
        count = Gazetteer.load().known_prefix(scope_type, syllables, level)
        if count and (count == len(syllables) or not _SUFFIX.fullmatch(syllables[count])):
            ends = [m.end() for m in _NON_SPACE_RUN.finditer(value)]
            value = value[: ends[count - 1]]
            unit_type = _unit(value, unit_type, kind).type if kind == "province-level" else unit_type
            return value, unit_type, GAZETTEER_MATCH
    if known_only or kind == "province-level":
        return None
    end = start + len(value)
    if _LOWER_NEXT.match(text, end):
        single = len(syllables) == 1
        opens_clause = single and (kind == "unit" or any(mark in gap for mark in ":(\n"))
        if opens_clause or (not first and kind == "unit"):
            return None
    return value, unit_type, CAPITALISED if first else LISTED


def _scope(unit_type: str, kind: str) -> tuple[Optional[str], Optional[str]]:
    """(type, level) to look a name up by: a province-level word ('tỉnh/thành phố') any province's type."""
    return (None, "province") if kind == "province-level" else (unit_type, None)


def _unit(name: str, unit_type: str, kind: str):
    unit_type, level = _scope(unit_type, kind)
    return Gazetteer.load().find(unit_type, name, level=level)[0]
