"""Qualitative targets: objectives without a number ('Xã Vũ Bản đạt chuẩn nông thôn
mới kiểu mẫu năm 2021'), read in the clauses that hold no numeric target."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..cues import cue_anywhere
from ..vocabulary import alternation, load_table
from .fields import status_of
from .indicators import trim
from .records import TargetMatch
from .sentences import clause_of

# Without a year, an outcome is only taken when it is this short ('đạt chuẩn khu dân cư
# nông thôn mới kiểu mẫu'); a longer rest of the clause is prose about the standard.
_UNDATED_OUTCOME_WORDS = 9


@lru_cache(maxsize=None)
def _standard_place() -> str:
    """A commune, district or village with its name: 'xã Vũ Bản', 'Thôn An Cự'."""
    words = [
        row["word"] for row in load_table("place_words")
        if row["kind"] in ("unit", "village") and row["level"] in ("district", "commune", "village")
    ]
    return rf"(?<!\p{{L}})(?i:{alternation(words, any_space=True)})\s+\p{{Lu}}\p{{Ll}}*(?:\s+\p{{Lu}}\p{{Ll}}*)*"


@lru_cache(maxsize=None)
def _standard_subject() -> "regex.Pattern[str]":
    """Places, one or a list, ending the text before a qualitative cue ('Thôn An Cự, thôn
    Vĩnh Tứ'), with up to three lower-case words between ('xã Tiên Sơn phấn đấu')."""
    place, name = _standard_place(), r"\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*"
    return regex.compile(rf"{place}(?:\s*(?:,|\bvà\b)\s*(?:{place}|{name}))*(?:\s+\p{{Ll}}+){{0,3}}\s*$")


def _qualitative_indicator(clause: str, cue: "regex.Match[str]", outcome_end: int, dated: bool) -> Optional[tuple[int, str]]:
    """(where the indicator starts, its text) for the outcome clause[cue.start():outcome_end]."""
    subject = _standard_subject().search(clause, 0, cue.start())
    if subject is not None:
        return subject.start(), " ".join(clause[subject.start() : outcome_end].split())
    if not dated:
        return None
    # 'xã An Ninh đẩy nhanh tiến độ ..., phấn đấu đạt chuẩn năm 2022': a year makes the
    # clause an objective; the place named last before the cue is its subject
    places = list(regex.finditer(_standard_place(), clause, pos=0, endpos=cue.start()))
    if not places:
        return None
    return places[-1].start(), f"{trim(places[-1].group())} {trim(clause[cue.start() : outcome_end])}"


def may_state_objective(text: str) -> bool:
    """Whether any clause of `text` holds a qualitative cue: one search of the whole text (a
    clause is cut after punctuation or a line break, so no cue spans two, and none is found
    in a clause that the whole text's search would miss)."""
    return cue_anywhere("qualitative").search(text) is not None


def qualitative_targets(text, bounds, numeric, article_status) -> list[TargetMatch]:
    """'Xã Vũ Bản đạt chuẩn nông thôn mới kiểu mẫu năm 2021': an objective without a number."""
    found = []
    with_numbers = {clause_of(bounds, t.start) for t in numeric}
    for start, end in bounds:
        if (start, end) in with_numbers:
            continue
        clause = text[start:end]
        cue = cue_anywhere("qualitative").search(clause)
        if not cue:
            continue
        year = regex.search(r"năm\s+\d{4}", clause[cue.end() :])
        if year is not None:
            outcome_end = cue.end() + year.end()
        elif len(clause[cue.end() :].split()) <= _UNDATED_OUTCOME_WORDS:
            outcome_end = len(clause.rstrip(" \t\n.;,"))
        else:
            continue
        indicator = _qualitative_indicator(clause, cue, outcome_end, dated=year is not None)
        if indicator is None:
            continue
        indicator_start, name = indicator
        found.append(
            TargetMatch(
                indicator=trim(name),
                indicator_start=start + indicator_start,
                indicator_end=start + outcome_end,
                start=start + indicator_start,
                end=start + outcome_end,
                sentence_start=start,
                sentence_end=end,
                quantity=None,
                comparator=None,
                kind="qualitative",
                status=status_of(clause, article_status),
                period=year.group() if year else None,
            )
        )
    return found

