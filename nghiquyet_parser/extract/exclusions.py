"""Which numbers are not targets (GOLD.md's exclusions): years, ages, list markers,
periods, counts of the places a task is about, unit rates, support levels ..."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..cues import CuePattern, cue_words, ends_with
from .quantities import QuantityMatch, scale_words, units
from .sentences import WINDOW

_MARKER_AFTER = regex.compile(r"^\s*[-.)/]\s*(?=\p{L})")
_PLACE_BASES = ("xã", "phường", "thị trấn", "thôn", "huyện")
_PER_PERIOD = regex.compile(r"^/(?:năm|tháng)$")
_DOCUMENT_NUMBER_BEFORE = regex.compile(r"(?<!\p{L})(?:Điều|điều|khoản|Khoản|điểm|số|Số|mục|Mục|Phụ lục|phụ lục)\s*$")
_DATE_BEFORE = regex.compile(r"(?<!\p{L})(?:năm|ngày|tháng|quý|giai đoạn|đến|từ)\s*$|[/-]\s*$", regex.IGNORECASE)
_YEAR = regex.compile(r"(?:19|20)\d\d")
_PERIOD_AFTER = regex.compile(r"(?<!\s)\s*(?:tháng|năm|quý|ngày)(?!\p{L})", regex.IGNORECASE)  # from the start of a blank run only
_PARENTHESIS_AFTER = regex.compile(r"\s*\(")

_NOT_TARGET_AFTER = CuePattern(r"\s*(?:{not_target_after})(?!\p{{L}})", regex.IGNORECASE)
_PLACE_LIST_BEFORE = CuePattern(r"(?<!\p{{L}})(?:{place_count})\s+[\d.,]+\s+\p{{L}}+(?:\s\p{{L}}+)?\s*(?:,|và)\s*$")
_RATE_BEFORE = CuePattern(r"(?<!\p{{L}})(?:{rate})\s+(?:là\s+|bằng\s+)?$|(?<!\p{{L}})(?:{rate_verb})\s+(?:\p{{L}}+\s+)?$", regex.IGNORECASE)


def exclusion(text: str, q: QuantityMatch) -> Optional[str]:
    """Why GOLD.md excludes the number `q` from the targets (a reason code), or None:
    years, ages, markers, periods, counts of places, rates ..."""
    window_start = max(0, q.number_start - WINDOW)
    before = text[window_start : q.number_start]
    after = text[q.end : q.end + WINDOW]
    line_start = before.rfind("\n") + 1
    at_line_start = (line_start > 0 or window_start == 0) and not before[line_start:].strip()
    if at_line_start and _MARKER_AFTER.match(text[q.number_end : q.number_end + 8]):
        return "list_marker"  # "1-", "2."
    if q.unit is None:  # a target has a unit or a counted noun; say what the bare number is
        if _DOCUMENT_NUMBER_BEFORE.search(before) or text[q.number_end : q.number_end + 1] == "/":
            return "document_or_article_number"  # "Điều 2", "khoản 3", "số 12/NQ-HĐND"
        if (_DATE_BEFORE.search(before) or _PERIOD_AFTER.match(after)
                or _YEAR.fullmatch(text[q.number_start : q.number_end])):
            return "date_or_period"  # "năm 2021", "ngày 20", "2021-2025"
        return "no_unit"  # "4 tại chỗ", "2 lúa"
    if q.value == 1 and q.value_max is None and q.unit.split()[0] not in scale_words() and ends_with(("per_one",)).search(before):
        return "denominator"  # "trên 1 ha đất canh tác": what another value is counted per
    if q.unit_kind == "age" or _NOT_TARGET_AFTER.compiled.match(after):
        return "age_or_rank"
    if q.unit_kind == "time":
        return "date_or_period"
    if ends_with(("not_target",)).search(before) and q.unit_kind != "ratio":
        return "date_number_or_rank"  # "ngày 5", "Điều 3", "lần thứ 2"
    if q.base_unit in _PLACE_BASES and _PARENTHESIS_AFTER.match(after):
        return "place_count"  # "3 xã (Bình Nghĩa, ...)": places named in a task
    if q.unit_kind == "count" and q.base_unit not in cue_words("beneficiary") and (
        ends_with(("place_count",)).search(before)
        or _PLACE_LIST_BEFORE.compiled.search(before)
    ):
        return "place_count"  # "tại 5 xã", "của 4 dự án", "tại 960 thôn bản, 142 xã": what a task is about
    if q.unit_kind == "rate" and is_norm_rate(q.base_unit or ""):
        return "norm_per_unit"  # "triệu đồng/người", "đồng/m2": a unit rate, not a total
    if ends_with(("level_phrase",)).search(before):
        return None  # "duy trì ở mức 40,5%": a level to hold, not a rate
    if _RATE_BEFORE.compiled.search(before):
        return "rate_or_support_level"  # "mức thu 50%", "hỗ trợ 30% mệnh giá"
    return None


def is_norm_rate(base_unit: str) -> bool:
    """A price, fee or allowance per unit ('đồng/m2', 'triệu đồng/người') is a norm; an
    amount per period ('%/năm') or a non-money ratio ('tấn/ha' yield, 'giường bệnh/vạn
    dân') measures how far something has got, as a target does."""
    numerator, _, denominator = base_unit.partition("/")
    if _PER_PERIOD.search("/" + denominator):
        return False
    return _kind_of_base(numerator) in (None, "money")


@lru_cache(maxsize=None)
def _kind_of_base(base: str) -> Optional[str]:
    return next((unit.kind for unit in units().values() if unit.base == base), None)


def is_counted(q: QuantityMatch) -> bool:
    """A count ('20.000 lao động') or a count per population ('29 giường bệnh/vạn dân')."""
    if q.unit_kind == "rate":
        return _kind_of_base((q.base_unit or "").partition("/")[0]) == "count"
    return q.unit_kind == "count"
