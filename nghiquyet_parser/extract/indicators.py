"""Indicators: what a target's value measures, read from the words around the value.

A resolution puts the indicator left of the value, after the lead words and before
the verb and comparator ('phấn đấu | Thu nhập bình quân đầu người | đạt | 55,6 triệu
đồng'); a share or an amount may name it after the value instead ('xử lý 80% tổng
lượng nước thải'), and a count names it by the counted noun ('1.177 hộ').
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ..cues import CuePattern, cue_words, ends_with, has_cue, starts_with
from .quantities import QuantityMatch, scale_words
from .sentences import WINDOW

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-/&][\p{L}\p{N}]+)*")
_LEADING_NOISE = regex.compile(r"^[\s\-+•*–,:;]*(?:\d+\s*[-.)/]\s*|\p{Ll}\)\s*|[IVXLC]+\.\s*)?")
_PERIOD_LEAD = regex.compile(r"^\s*(?:(?:đến|trong|tới)\s+(?:cuối\s+|hết\s+)?)?năm\s+\d{4}\s*,?\s*", regex.IGNORECASE)
_PARENTHESES = regex.compile(r"\s*\([^()]*\)")
# compiled once: they run for every target of every document
_COLON = regex.compile(r":(?!\d)")
_COMMA = regex.compile(r",(?!\d)")
_NOUN_AFTER = regex.compile(r"\s*(?!so với|trở lên)(\p{Ll}[\p{L}\s]*?)\s*(?=[,;.(:]|$)")
_COUNTED_NOUN_AFTER = regex.compile(r"(?:\s*\p{L}+){0,8}?(?=\s*(?:(?:trở lên|và|tại|cho|để|với)(?!\p{L})|[,;.()\d]|$))")
_OBJECTIVE_CUE = CuePattern(r"(?<![\p{{L}}])(?:{objective}|{subtarget})(?![\p{{L}}])", regex.IGNORECASE)


def strip_marker(text: str) -> str:
    """A list item without its bullet or number ('- ', '2. ', 'a) ', 'II. ')."""
    return _LEADING_NOISE.sub("", text, count=1)


def _strip_leads(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = strip_marker(text)
        text = starts_with(("indicator_lead", "subtarget")).sub("", text, count=1)
        text = _PERIOD_LEAD.sub("", text, count=1)
    return text


def _cut_after_last_cue(text: str) -> int:
    """Offset after the last objective cue ('phấn đấu ...'): the indicator starts there,
    unless nothing but a verb follows it ('tăng trưởng với mục tiêu đạt 8%')."""
    cut = 0
    for match in _OBJECTIVE_CUE.compiled.finditer(text):
        if words_of(ends_with(("comparator",)).sub("", text[match.end() : match.end() + WINDOW])):
            cut = match.end()
    return cut


def trim(text: str) -> str:
    return text.strip(" \t\n,;:-–.")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


@dataclass
class Indicator:
    text: str
    start: int
    end: int
    verb: Optional[str]  # 'up' / 'down' when a change verb opens or closes it
    verb_at_start: bool
    head: Optional[str]
    label: Optional[str] = None


def indicator_left_of(text: str, lo: int, hi: int) -> Indicator:
    """The indicator in text[lo:hi] (the clause left of a value, comparator removed)."""
    segment = text[lo:hi]
    cut = _cut_after_last_cue(segment)
    head = label = None
    colons = [m.start() for m in _COLON.finditer(segment)]
    if colons:
        tail_after_last = segment[colons[-1] + 1 :]
        if not tail_after_last.strip() and len(colons) >= 2:
            head = trim(_strip_leads(segment[cut: colons[-2]]))
            cut = max(cut, colons[-2] + 1)
        elif not tail_after_last.strip():
            cut = max(cut, segment.rfind(":", 0, colons[-1]) + 1 if len(colons) > 1 else cut)
        else:
            label = trim(strip_marker(segment[cut : colons[-1]]))
            cut = max(cut, colons[-1] + 1)
    body = segment[cut:]
    stripped = _strip_leads(body)
    start = lo + cut + (len(body) - len(stripped))
    core = _PARENTHESES.sub("", stripped)
    last_comma = max((m.start() for m in _COMMA.finditer(core)), default=-1)
    if len(words_of(core)) > 16 and last_comma >= 0 and len(words_of(core[last_comma:])) >= 5:
        # a long run of prose: the indicator is in its last comma-separated piece
        core = trim(core[last_comma + 1 :])
        start = text.find(core, start) if text.find(core, start) >= 0 else start
    verb, verb_at_start = None, False
    for direction in ("up", "down"):
        opening = starts_with((direction,)).match(core)
        if opening:
            core, verb, verb_at_start = core[opening.end() :], direction, True
            start += opening.end()
            break
    core = trim(core)
    for role in ("to_level", "added", "up", "down", "comparator"):
        closing = ends_with((role,)).search(core)
        if closing and role in ("up", "down"):
            verb = role
        if closing:
            core = trim(core[: closing.start()])
    found = text.find(core, start) if core else -1
    start = found if found >= 0 else start
    if label is not None and not 0 < len(words_of(label)) <= 8:
        label = None
    return Indicator(core, start, start + len(core), verb, verb_at_start, head, label)


def inherit_subject(indicator: str, previous: str) -> str:
    """'thể thấp còi' after 'Tỷ lệ trẻ em ... thể nhẹ cân' → 'Tỷ lệ trẻ em ... thể thấp còi'."""
    words = indicator.split()
    if not words or len(words) > 4 or words[0][:1].isupper():
        return indicator
    at = previous.rfind(" " + words[0] + " ")
    if at <= 0:
        return indicator
    return previous[: at + 1] + indicator


def following_indicator(text: str, q: QuantityMatch, verb: str) -> str:
    """The indicator after the value: 'xử lý 80% tổng lượng nước thải' → 'tỷ lệ tổng
    lượng nước thải được xử lý'; 'Bổ sung 84,3 nghìn tỷ đồng vốn đầu tư công' →
    'vốn đầu tư công'."""
    noun = _NOUN_AFTER.match(text[q.end : q.end + WINDOW])
    if noun is None or not 1 <= len(words_of(noun.group(1))) <= 12:
        return verb
    if q.unit != "%":
        return trim(noun.group(1))
    return trim(f"tỷ lệ {noun.group(1)} được {verb}" if verb else f"tỷ lệ {noun.group(1)}")


# What may follow a percentage without naming a population: a baseline, a floor, a
# period, a plan ("so với", "trở lên", "năm 2025", "kế hoạch") — the value ends there.
_NOT_A_POPULATION = regex.compile(
    r"(?:so với|trở lên|trở xuống|kế hoạch|dự toán|năm|theo|trong|vào|đến|trên|dưới|cùng kỳ|mỗi|/)(?!\p{L})",
    regex.IGNORECASE)
# A share's phrase stops before the next share it is listed with ("... và trên 80% cơ sở ...");
# other numbers belong to it ("trẻ em từ 06 tháng đến 36 tháng tuổi").
_NEXT_VALUE = regex.compile(r"(?:\s*[,;]\s*|\s+(?:và|hoặc)\s+)(?:\p{L}+\s+){0,2}\d[\d.,]*\s*%")
_MAX_SHARE_WORDS = 30


def share_population(text: str, q: QuantityMatch, clause_end: int) -> Optional[str]:
    """'100% trẻ em trong cơ sở giáo dục mầm non được nuôi dưỡng, chăm sóc ...': the
    population a percentage counts and what it gets, when the words after the value say
    it with a predicate ('được', 'có', 'đạt', ...); else None."""
    tail = text[q.end : clause_end]
    lead = len(tail) - len(tail.lstrip())
    if not tail[lead : lead + 1].islower() or _NOT_A_POPULATION.match(tail, lead):
        return None
    phrase = tail[lead:]
    if (next_value := _NEXT_VALUE.search(phrase)) is not None:
        phrase = phrase[: next_value.start()]
    phrase = trim(" ".join(_PARENTHESES.sub("", phrase).split()))
    if len(words_of(phrase)) < 3 or not has_cue("share_predicate", phrase):
        return None
    return _shortened(phrase)


def _shortened(phrase: str) -> str:
    """A long share phrase cut at the last comma that keeps its predicate within
    _MAX_SHARE_WORDS words ('..., đáp ứng yêu cầu theo chương trình ...' goes)."""
    words = phrase.split()
    if len(words) <= _MAX_SHARE_WORDS:
        return phrase
    limit = len(" ".join(words[:_MAX_SHARE_WORDS]))
    cuts = [m.start() for m in regex.finditer(",", phrase[:limit]) if has_cue("share_predicate", phrase[: m.start()])]
    return trim(phrase[: cuts[-1]] if cuts else phrase[:limit])
    return phrase


def count_indicator(text: str, q: QuantityMatch, name: str, label: Optional[str], previous) -> tuple[str, str]:
    """A count names its indicator after the counted noun: 'Tổng số 1.177 hộ' under
    'Xã biên giới:' is 'Số hộ Xã biên giới'; 'tỉnh có 102 đơn vị hành chính' is
    'Số đơn vị hành chính'; in '1.177 hộ với 5.941 khẩu' the second count shares
    the first's words."""
    local = trim(starts_with(("total",)).sub("", name))
    served = regex.fullmatch(r"(?P<task>.+?)\s+cho", local)
    if served and q.base_unit in cue_words("beneficiary"):
        # "Giải quyết việc làm cho 20.000 lao động" counts the people served by the task
        task = served["task"]
        return f"Số {q.unit} được {task[:1].lower()}{task[1:]}", local
    local = trim(regex.sub(r"(?:^|.*[\s,])(?:có|gồm|với)$", "", local))
    between = text[previous.end : q.number_start] if previous is not None and previous.end <= q.number_start else None
    counted_before = previous is not None and previous.quantity is not None and previous.quantity.unit_kind == "count"
    if between is not None and counted_before and regex.fullmatch(r"[\s,]*(?:với|và)?[\s,]*", between):
        local = previous.local
    elif between is not None and counted_before and "(" in between and ")" not in between:
        local = trim(f"{previous.local} {local.lstrip('( ')}")  # a breakdown in parentheses
    if len(words_of(local)) > 4 and not label:
        return name, local
    # the counted noun's complement: "22 điểm | quan trắc giám sát chất lượng nước mặt | và ..."
    noun = _COUNTED_NOUN_AFTER.match(text[q.end : q.end + WINDOW])
    counted = " ".join(word for word in q.unit.split() if word not in scale_words())  # 'triệu lượt khách' counts 'lượt khách'
    parts = ["Số", counted, " ".join(noun.group().split()) if noun else "", label or "", local]
    return trim(" ".join(part for part in parts if part)), local

