"""Targets (chỉ tiêu): which quantities are objectives or results, and of what indicator.

Works on one Doc (one TextBlock) whose quantities `nq_quantities` has found. The
rules follow GOLD.md's definition of a target; every cue word is vocabulary
(`target_words.tsv`, `comparators.tsv`). What stays hand-written is the part no
library knows: how a Vietnamese resolution phrases an objective —

    [lead: phấn đấu / đến năm 2025] INDICATOR [verb: tăng/giảm] [comparator] VALUE UNIT
        [trở lên] [, tăng X% so với BASELINE] [; trong đó SUB-INDICATOR đạt VALUE]

so an indicator is the text of its clause left of the value, cut after the last
lead word or earlier target and stripped of verbs and comparators. A spaCy
Matcher would need one pattern per such shape and still leave the clean-up to
code; cue phrases are instead compiled from the vocabularies into `regex`
alternations matched at the clause edges.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Optional

import regex

from ..models import path_and_ancestors
from ..vocabulary import load_table
from .quantities import QuantityMatch, scale_words, units

# A line break before a list marker ends a clause; any other was put there by the exporter.
_LIST_LINE = r"\n(?=\s*(?:[-+•*]|\d{1,3}\s*[-.)/](?!\d)|\p{Ll}\)))"
_SENTENCE_END = regex.compile(rf"(?<!\d)[.!?](?=\s|$)|[.!?](?=\s+\p{{Lu}})|;|{_LIST_LINE}")
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-/&][\p{L}\p{N}]+)*")


@dataclass
class TargetMatch:
    """A target found in one Doc; offsets are relative to the Doc's text."""

    indicator: str
    indicator_start: int
    indicator_end: int
    start: int  # the value (and unit); for a qualitative target, the indicator
    end: int
    sentence_start: int
    sentence_end: int
    quantity: Optional[QuantityMatch]
    comparator: Optional[str]
    kind: str
    status: str
    change: Optional[dict] = None
    baseline: Optional[str] = None
    price_basis: Optional[str] = None
    period: Optional[str] = None
    scope: Optional[str] = None
    parent: Optional[int] = None  # index in the Doc's targets
    head: Optional[str] = None  # "Cơ cấu kinh tế" of a colon list, passed to the next items
    label: Optional[str] = None  # "Xã biên giới" in "Xã biên giới: Tổng số 1.177 hộ ..."
    local: str = ""  # the indicator's own words, for a count paired with the next ("hộ với ... khẩu")


@dataclass
class BlockState:
    """What the targets of a document share across its blocks (set by extract())."""

    statuses: dict[str, str] = field(default_factory=dict)  # 'result'/'target' by node path
    # A resolution on fees, rates or support levels: its numbers are norms, and only
    # totals and explicit objectives are targets (GOLD.md's exclusions).
    policy_document: bool = False

    def status_at(self, path: str) -> Optional[str]:
        """The status the nearest heading at or above `path` gives its numbers."""
        return next((self.statuses[above] for above in path_and_ancestors(path) if above in self.statuses), None)


# --------------------------------------------------------------------------- vocabularies


@lru_cache(maxsize=None)
def _cues(role: str) -> tuple[str, ...]:
    words = [row["cue"] for row in load_table("target_words") if row["role"] == role]
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _phrase(words: str) -> str:
    """A cue phrase as a pattern; its words may be split by any whitespace, since
    exported texts break lines in the middle of a sentence ('không\nvượt quá')."""
    return regex.escape(words).replace(r"\ ", r"\s+")


@lru_cache(maxsize=None)
def _alt(role: str) -> str:
    return "|".join(_phrase(word) for word in _cues(role))


@lru_cache(maxsize=None)
def _comparators() -> dict[str, str]:
    return {row["phrase"]: row["comparator"] for row in load_table("comparators") if row["position"] == "before"}


@lru_cache(maxsize=None)
def _ends_with(roles: tuple[str, ...]) -> "regex.Pattern[str]":
    """Matches one of the cue phrases of `roles` at the END of a text (word-bounded)."""
    words = sorted({w for role in roles for w in (_comparators() if role == "comparator" else _cues(role))}, key=len, reverse=True)
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{'|'.join(map(_phrase, words))})\s*$", regex.IGNORECASE)


@lru_cache(maxsize=None)
def _starts_with(roles: tuple[str, ...]) -> "regex.Pattern[str]":
    words = sorted({w for role in roles for w in _cues(role)}, key=len, reverse=True)
    # "tăng trưởng" (growth) and "tăng cường" (strengthen) open with a change verb but are not one
    compounds = _alt("not_verb")
    return regex.compile(
        rf"^\s*(?!(?:{compounds})(?![\p{{L}}]))(?:{'|'.join(map(_phrase, words))})(?![\p{{L}}\d])\s*", regex.IGNORECASE
    )


@lru_cache(maxsize=None)
def _anywhere(role: str) -> "regex.Pattern[str]":
    return regex.compile(rf"(?<![\p{{L}}])(?:{_alt(role)})(?![\p{{L}}])", regex.IGNORECASE)


def _has(role: str, text: str) -> bool:
    return _anywhere(role).search(text) is not None


# --------------------------------------------------------------------------- clauses


def clauses(text: str) -> list[tuple[int, int]]:
    """[start, end) of each clause: split at sentence ends, ';' and line-initial markers."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        found.append((start, match.end()))
        start = match.end()
    found.append((start, len(text)))
    return [(s, e) for s, e in found if text[s:e].strip()]


def _clause_of(bounds: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    at = bisect_right(bounds, (offset, float("inf"))) - 1
    if at >= 0 and bounds[at][0] <= offset < bounds[at][1]:
        return bounds[at]
    return 0, 0


# --------------------------------------------------------------------------- rejection


_YEAR = (1900, 2100)
# How far around a value the rules look. Cues sit within a few words of it; a bound
# keeps a block that is one huge line (a broken export) linear instead of quadratic.
_WINDOW = 400
_MARKER_AFTER = regex.compile(r"^\s*[-.)/]\s*(?=\p{L})")
_PLACE_BASES = ("xã", "phường", "thị trấn", "thôn", "huyện")
_PER_PERIOD = regex.compile(r"^/(?:năm|tháng)$")


def is_not_target(text: str, q: QuantityMatch) -> bool:
    """GOLD.md's exclusions: years, ages, markers, periods, counts of places, rates ..."""
    window_start = max(0, q.number_start - _WINDOW)
    before = text[window_start : q.number_start]
    after = text[q.end : q.end + _WINDOW]
    line_start = before.rfind("\n") + 1
    at_line_start = (line_start > 0 or window_start == 0) and not before[line_start:].strip()
    if at_line_start and _MARKER_AFTER.match(text[q.number_end : q.number_end + 8]):
        return True  # a list marker "1-", "2."
    if q.unit is None:
        return True  # "4 tại chỗ", "2 lúa", "Điều 2": a target has a unit or a counted noun
    if q.value == 1 and q.value_max is None and q.unit.split()[0] not in scale_words() and _ends_with(("per_one",)).search(before):
        return True  # "trên 1 ha đất canh tác": what another value is counted per
    if q.unit_kind in ("age", "time") or regex.match(rf"\s*(?:{_alt('not_target_after')})(?!\p{{L}})", after, regex.IGNORECASE):
        return True
    if _ends_with(("not_target",)).search(before) and q.unit_kind != "ratio":
        return True
    if q.base_unit in _PLACE_BASES and regex.match(r"\s*\(", after):
        return True  # "3 xã (Bình Nghĩa, ...)": places named in a task
    if q.unit_kind == "count" and q.base_unit not in _cues("beneficiary") and (
        _ends_with(("place_count",)).search(before)
        or regex.search(rf"(?<!\p{{L}})(?:{_alt('place_count')})\s+[\d.,]+\s+\p{{L}}+(?:\s\p{{L}}+)?\s*(?:,|và)\s*$", before)
    ):
        return True  # "tại 5 xã", "của 4 dự án", "tại 960 thôn bản, 142 xã": what a task is about
    if q.unit_kind == "rate" and is_norm_rate(q.base_unit or ""):
        return True  # "triệu đồng/người", "đồng/m2": a unit rate, not a total
    if _ends_with(("level_phrase",)).search(before):
        return False  # "duy trì ở mức 40,5%": a level to hold, not a rate
    if regex.search(rf"(?<!\p{{L}})(?:{_alt('rate')})\s+(?:là\s+|bằng\s+)?$|(?<!\p{{L}})(?:{_alt('rate_verb')})\s+(?:\p{{L}}+\s+)?$", before, regex.IGNORECASE):
        return True  # "mức thu 50%", "hỗ trợ 30% mệnh giá": a rate or a support level
    return False


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


def _is_counted(q: QuantityMatch) -> bool:
    """A count ('20.000 lao động') or a count per population ('29 giường bệnh/vạn dân')."""
    if q.unit_kind == "rate":
        return _kind_of_base((q.base_unit or "").partition("/")[0]) == "count"
    return q.unit_kind == "count"


def _is_year(q: QuantityMatch) -> bool:
    return q.unit is None and q.value.is_integer() and _YEAR[0] <= q.value <= _YEAR[1]


# --------------------------------------------------------------------------- fields


def comparator_before(left: str) -> tuple[Optional[str], int]:
    """The comparator ending `left` and where it starts, nearest the number first."""
    match = _ends_with(("comparator",)).search(left)
    if not match:
        return None, len(left)
    phrase = " ".join(match.group().lower().split())
    return _comparators().get(phrase), match.start()


def baseline_in(tail: str) -> Optional[str]:
    """'so với năm 2020' → '2020'; 'so với dự toán tỉnh giao' → 'dự toán tỉnh giao'."""
    tail = tail[: m.start()] if (m := regex.search(_LIST_LINE, tail)) else tail
    match = regex.search(rf"(?:{_alt('baseline')})\s+(?P<what>[^,;.()]+?)\s*(?=[,;.()]|$)", tail, regex.IGNORECASE)
    if not match:
        return None
    what = " ".join(match["what"].split())
    year = regex.fullmatch(r"(?:năm\s+)?(\d{4})", what)
    return year.group(1) if year else what


def _parenthesis_after(text: str, end: int) -> str:
    """The parenthesis right after a value: '7-7,5% (giá so sánh 2010)'."""
    match = regex.match(r"\s*\([^()\n]*\)", text[end : end + _WINDOW])
    return match.group() if match else ""


def price_basis_in(text: str) -> Optional[str]:
    match = regex.search(rf"(?:{_alt('price')})(?:\s+\d{{4}})?", text, regex.IGNORECASE)
    return match.group().strip() if match else None


def period_in(text: str) -> Optional[str]:
    """'6 tháng cuối năm 2021', 'đến năm 2025': the period a sentence or heading sets;
    a baseline ('so với năm 2020') names a past year, not the period."""
    text = regex.sub(rf"(?:{_alt('baseline')})\s+[^,;.()]*", lambda m: " " * len(m.group()), text, flags=regex.IGNORECASE)
    match = regex.search(r"(?:6|sáu) tháng (?:đầu|cuối) năm \d{4}|(?:đến|trong) (?:cuối |hết )?năm \d{4}|năm \d{4}", text, regex.IGNORECASE)
    return match.group() if match else None


def scope_in(text: str) -> Optional[str]:
    match = regex.search(rf"(?:{_alt('scope')})", text, regex.IGNORECASE)
    return match.group() if match else None


# --------------------------------------------------------------------------- indicators


_LEADING_NOISE = regex.compile(r"^[\s\-+•*–,:;]*(?:\d+\s*[-.)/]\s*|\p{Ll}\)\s*|[IVXLC]+\.\s*)?")
_PERIOD_LEAD = regex.compile(r"^\s*(?:(?:đến|trong|tới)\s+(?:cuối\s+|hết\s+)?)?năm\s+\d{4}\s*,?\s*", regex.IGNORECASE)
_PARENTHESES = regex.compile(r"\s*\([^()]*\)")


def _strip_leads(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_NOISE.sub("", text, count=1)
        text = _starts_with(("indicator_lead", "subtarget")).sub("", text, count=1)
        text = _PERIOD_LEAD.sub("", text, count=1)
    return text


def _cut_after_last_cue(text: str) -> int:
    """Offset after the last objective cue ('phấn đấu ...'): the indicator starts there,
    unless nothing but a verb follows it ('tăng trưởng với mục tiêu đạt 8%')."""
    cut = 0
    for match in regex.finditer(rf"(?<![\p{{L}}])(?:{_alt('objective')}|{_alt('subtarget')})(?![\p{{L}}])", text, regex.IGNORECASE):
        if _words(_ends_with(("comparator",)).sub("", text[match.end() : match.end() + _WINDOW])):
            cut = match.end()
    return cut


def _trim(text: str) -> str:
    return text.strip(" \t\n,;:-–.")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


@dataclass
class _Indicator:
    text: str
    start: int
    end: int
    verb: Optional[str]  # 'up' / 'down' when a change verb opens or closes it
    verb_at_start: bool
    head: Optional[str]
    label: Optional[str] = None


def indicator_left_of(text: str, lo: int, hi: int) -> _Indicator:
    """The indicator in text[lo:hi] (the clause left of a value, comparator removed)."""
    segment = text[lo:hi]
    cut = _cut_after_last_cue(segment)
    head = label = None
    colons = [m.start() for m in regex.finditer(r":(?!\d)", segment)]
    if colons:
        tail_after_last = segment[colons[-1] + 1 :]
        if not tail_after_last.strip() and len(colons) >= 2:
            head = _trim(_strip_leads(segment[cut: colons[-2]]))
            cut = max(cut, colons[-2] + 1)
        elif not tail_after_last.strip():
            cut = max(cut, segment.rfind(":", 0, colons[-1]) + 1 if len(colons) > 1 else cut)
        else:
            label = _trim(_LEADING_NOISE.sub("", segment[cut : colons[-1]], count=1))
            cut = max(cut, colons[-1] + 1)
    body = segment[cut:]
    stripped = _strip_leads(body)
    start = lo + cut + (len(body) - len(stripped))
    core = _PARENTHESES.sub("", stripped)
    last_comma = max((m.start() for m in regex.finditer(r",(?!\d)", core)), default=-1)
    if len(_words(core)) > 16 and last_comma >= 0 and len(_words(core[last_comma:])) >= 5:
        # a long run of prose: the indicator is in its last comma-separated piece
        core = _trim(core[last_comma + 1 :])
        start = text.find(core, start) if text.find(core, start) >= 0 else start
    verb, verb_at_start = None, False
    for direction in ("up", "down"):
        opening = _starts_with((direction,)).match(core)
        if opening:
            core, verb, verb_at_start = core[opening.end() :], direction, True
            start += opening.end()
            break
    core = _trim(core)
    for role in ("to_level", "added", "up", "down", "comparator"):
        closing = _ends_with((role,)).search(core)
        if closing and role in ("up", "down"):
            verb = role
        if closing:
            core = _trim(core[: closing.start()])
    found = text.find(core, start) if core else -1
    start = found if found >= 0 else start
    if label is not None and not 0 < len(_words(label)) <= 8:
        label = None
    return _Indicator(core, start, start + len(core), verb, verb_at_start, head, label)


def inherit_subject(indicator: str, previous: str) -> str:
    """'thể thấp còi' after 'Tỷ lệ trẻ em ... thể nhẹ cân' → 'Tỷ lệ trẻ em ... thể thấp còi'."""
    words = indicator.split()
    if not words or len(words) > 4 or words[0][:1].isupper():
        return indicator
    at = previous.rfind(" " + words[0] + " ")
    if at <= 0:
        return indicator
    return previous[: at + 1] + indicator


# --------------------------------------------------------------------------- the component logic


def find_targets(
    text: str,
    quantities: list[QuantityMatch],
    article_status: Optional[str] = None,
    policy_document: bool = False,
    label: Optional[str] = None,
) -> list[TargetMatch]:
    """Targets of one block of text, with the quantities found in it. `label` is the
    heading the block sits under when it ends in a colon ('Đối tượng đặc biệt khó khăn:')."""
    bounds = clauses(text)
    targets: list[TargetMatch] = []
    consumed: set[int] = set()
    for index, q in enumerate(quantities):
        if index in consumed or is_not_target(text, q):
            continue
        clause_start, clause_end = _clause_of(bounds, q.start)
        if q.number_start - clause_start > _WINDOW:  # a run-on clause: look at the words near the value
            clause_start = text.find(" ", q.number_start - _WINDOW, q.number_start) + 1
        clause_end = min(clause_end, q.end + _WINDOW)
        sentence_start = _sentence_start(text, clause_start)
        # the last target of the same sentence: its change, subject and head carry over
        previous = targets[-1] if targets and targets[-1].sentence_start == sentence_start else None
        left_limit = clause_start
        if previous is not None and previous.end > left_limit and previous.end <= q.start:
            left_limit = previous.end
            left_limit = _skip_previous_tail(text, left_limit)
        left = text[left_limit : q.number_start]
        if q.approximate:
            left = left[: regex.search(r"khoảng\s+(?:trên\s+|từ\s+)?$", left).start()] if regex.search(r"khoảng\s+(?:trên\s+|từ\s+)?$", left) else left
        # a change of the previous target: "đạt 55,6 triệu đồng, tăng 9,2% so với năm 2020"
        change_verb = _ends_with(("up", "down")).search(_ends_with(("comparator",)).sub("", left))
        if previous is not None and previous.quantity is not None and change_verb and not _trim(left[: change_verb.start()].replace("tương đương", "")):
            direction = "up" if _has("up", change_verb.group()) else "down"
            previous.change = {"direction": direction, "value": q.value, "unit": q.unit}
            previous.baseline = previous.baseline or baseline_in(text[q.end : clause_end])
            continue
        # "giảm từ 29,5 tỷ đồng xuống còn 15,2 tỷ đồng": the first is the baseline of the second
        from_word = regex.search(r"(?<!\p{L})từ\s*$", left)
        if from_word and index + 1 < len(quantities):
            between = text[q.end : quantities[index + 1].number_start]
            if regex.fullmatch(r"\s*(?:xuống còn|xuống|lên đến|lên|đến)\s*", between, regex.IGNORECASE) and quantities[index + 1].unit == q.unit:
                consumed.add(index + 1)
                target = _make_target(
                    text, quantities[index + 1], left_limit, clause_end, sentence_start, article_status, previous,
                    policy_document, label, indicator_end=left_limit + from_word.start(),
                )
                if target is None:
                    continue
                target.baseline = text[q.start : q.end]
                target.change = {"direction": "down" if "xuống" in between else "up", "value": None, "unit": None}
                target.kind = "level"
                _absorb_following_change(text, quantities, index + 2, target, consumed, clause_end)
                targets.append(target)
                continue
        target = _make_target(text, q, left_limit, clause_end, sentence_start, article_status, previous, policy_document, label)
        if target is None:
            continue
        if previous is not None and _has("subtarget", text[previous.end : q.start]):
            target.parent = targets.index(previous) if previous.parent is None else previous.parent
        if _is_total_after_addition(previous, target):
            # "có thêm 5 xã đạt chuẩn ..., nâng tổng số xã đạt chuẩn lên 37 xã": one target,
            # 37 xã, of which the 5 are its change
            target.change = {"direction": "up", "value": previous.quantity.value, "unit": previous.quantity.unit}
            if regex.fullmatch(r"(?i:số|tổng số)\s+\S+", target.indicator):
                target.indicator = previous.indicator  # 'Số xã' says less than the addition did
            targets.remove(previous)
        targets.append(target)
    targets.extend(qualitative_targets(text, bounds, targets, article_status))
    return targets


def _is_total_after_addition(previous: Optional[TargetMatch], target: TargetMatch) -> bool:
    """An addition ('thêm 5 xã') followed in its sentence by the total it raises ('lên 37 xã')."""
    return (
        previous is not None and previous.quantity is not None and target.quantity is not None
        and previous.kind == "change" and target.kind == "level"
        and previous.parent is None and target.parent is None
        and (previous.change or {}).get("direction") == "up" and (previous.change or {}).get("value") is None
        and (target.change or {}).get("direction") == "up" and (target.change or {}).get("value") is None
        and previous.quantity.unit == target.quantity.unit
    )


_SENTENCE_START = regex.compile(rf"(?<!\d)[.!?](?=\s)|{_LIST_LINE}")


def _sentence_start(text: str, clause_start: int) -> int:
    match = None
    for match in _SENTENCE_START.finditer(text, max(0, clause_start - _WINDOW), clause_start):
        pass
    return match.end() if match else max(0, clause_start - _WINDOW)


def _skip_previous_tail(text: str, position: int) -> int:
    """After a previous target's value: its 'trở lên', its change and baseline, up to a comma."""
    match = regex.match(r"[^,;:\d]*?(?:,|(?=\s+(?:trong đó|và)\s))", text[position : position + _WINDOW])
    return position + match.end() if match else position


def _absorb_following_change(text, quantities, index, target, consumed, clause_end) -> None:
    """'..., tương đương giảm 14,3 tỷ đồng': the change of the target just made."""
    if index >= len(quantities):
        return
    q = quantities[index]
    between = text[target.end : q.number_start]
    verb = regex.search(rf"(?:tương đương\s+)?(?P<verb>{_alt('up')}|{_alt('down')})\s*$", between, regex.IGNORECASE)
    if verb and q.start < clause_end + 200 and not regex.search(r"[;]", between):
        consumed.add(index)
        target.change = {"direction": "up" if _has("up", verb["verb"]) else "down", "value": q.value, "unit": q.unit}


@lru_cache(maxsize=None)
def _bounds() -> "regex.Pattern[str]":
    """Comparator phrases of two words or more ('không vượt quá', 'ít nhất'): specific
    enough to govern a value a few words away, unlike 'trên' or 'đạt'."""
    phrases = [p for p in _comparators() if " " in p and _comparators()[p] != "~"]
    alternation = "|".join(_phrase(p) for p in sorted(phrases, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation})(?![\p{{L}}])", regex.IGNORECASE)


def bound_in(text: str) -> Optional[str]:
    found = None
    for found in _bounds().finditer(text):
        pass
    return _comparators()[" ".join(found.group().lower().split())] if found else None


def _continues_list(between: str) -> bool:
    """'... 19 điểm quan trắc nước mặt và 6 ...': only the previous item's noun and 'và'."""
    if regex.search(r"[;:.()]", between) or _ends_with(("comparator", "up", "down", "added")).search(_trim(between)):
        return False
    return regex.search(r"(?:,|\svà)\s*$", between) is not None


def _clause_start(text: str, position: int) -> int:
    lo = max(0, position - _WINDOW)
    return max(text.rfind(";", lo, position), text.rfind(". ", lo, position), lo - 1) + 1


def _make_target(
    text, q, left_limit, clause_end, sentence_start, article_status, previous, policy_document=False, block_label=None,
    indicator_end=None,
) -> Optional[TargetMatch]:
    """The target of quantity `q`, or None when the rules say it is not one. The
    indicator is read left of the comparator, or left of `indicator_end` when given
    (before 'từ 29,5 tỷ đồng xuống còn ...')."""
    left = text[left_limit : q.number_start]
    approx = regex.search(r"khoảng\s*$", left, regex.IGNORECASE)
    comparator, comparator_start = comparator_before(left)
    if approx and comparator is None:
        comparator, comparator_start = "~", approx.start()
    elif q.approximate:
        comparator = comparator if comparator not in (None, "=") else "~"
    tail = text[q.end : clause_end]
    if regex.match(r"[\p{L}\s,]{0,40}?(?<![\p{L}])trở lên", tail):
        comparator = ">="
    if comparator == ">=" and left[comparator_start:].strip().lower() == "từ" and not regex.match(r"[\p{L}\s,]{0,40}?trở lên", tail):
        comparator = "="  # "từ 2-3 chỉ tiêu": a range, not a floor
    if comparator is None:
        # "mực nước không vượt quá ngưỡng ... tại thành phố 34,6 m": a bound stated
        # earlier in the sentence governs the values listed after it
        comparator = bound_in(text[max(sentence_start, q.number_start - _WINDOW) : q.number_start])
    indicator = indicator_left_of(text, left_limit, indicator_end or left_limit + comparator_start)
    words_before_value = left[:comparator_start]
    added = _ends_with(("added",)).search(_trim(words_before_value)) or _has("added", left[comparator_start:])
    kind, change = "level", None
    if previous is not None and previous.kind == "change" and _continues_list(text[previous.end : q.number_start]):
        kind, change = previous.kind, dict(previous.change) if previous.change else None  # "bổ sung 19 điểm ... và 6 điểm"
    elif added:
        kind, change = "change", {"direction": "up", "value": None, "unit": None}
    elif indicator.verb is not None:
        reached = left[comparator_start:].strip().lower() in ("đạt", "còn", "lên", "lên đến", "xuống còn") or _ends_with(("to_level",)).search(_trim(words_before_value))
        if reached:
            change = {"direction": indicator.verb, "value": None, "unit": None}
        else:
            kind, change = "change", {"direction": indicator.verb, "value": None, "unit": None}
    name = indicator.text
    head = indicator.head
    clause_left = text[_clause_start(text, left_limit) : q.number_start]
    if _has("condition", clause_left) or _starts_with(("rate",)).match(name):
        return None  # "đối với tổ chức 100 con", "Mức trích 0,8 lần": conditions and norms
    if policy_document and not (_starts_with(("total",)).match(name) or _has("objective", text[sentence_start : q.number_start])):
        return None
    if previous is not None:
        if head is None and previous.head and text[left_limit : q.number_start].rstrip().endswith(":"):
            head = previous.head
        elif head is None and not indicator.verb_at_start:
            inherited = inherit_subject(name, previous.indicator)
            if inherited != name:
                name = inherited
                if change is None and previous.change and previous.change.get("value") is None:
                    change = dict(previous.change)
    if head:
        name = f"{head}: {name}"
    label = indicator.label or (previous.label if previous is not None else block_label)
    if (q.unit == "%" and len(_words(name)) <= 2) or not name:
        name = following_indicator(text, q, name)
    local = name
    if _is_counted(q) and q.unit and q.unit.casefold() not in name.casefold():
        name, local = count_indicator(text, q, name, label, previous)
    if not name:
        return None
    sentence = text[sentence_start : q.number_start]
    status = _status(sentence, article_status)
    return TargetMatch(
        indicator=name,
        indicator_start=indicator.start,
        indicator_end=max(indicator.end, indicator.start),
        start=q.start,
        end=q.end,
        sentence_start=sentence_start,
        sentence_end=clause_end,
        quantity=q,
        comparator=comparator or "=",
        kind=kind,
        status=status,
        change=change,
        baseline=baseline_in(tail),
        price_basis=price_basis_in(text[left_limit : q.start]) or price_basis_in(_parenthesis_after(text, q.end)),
        period=period_in(text[sentence_start:clause_end]),
        scope=scope_in(indicator.text),
        head=indicator.head or (previous.head if previous is not None and head else None),
        label=label,
        local=local,
    )


def following_indicator(text: str, q: QuantityMatch, verb: str) -> str:
    """The indicator after the value: 'xử lý 80% tổng lượng nước thải' → 'tỷ lệ tổng
    lượng nước thải được xử lý'; 'Bổ sung 84,3 nghìn tỷ đồng vốn đầu tư công' →
    'vốn đầu tư công'."""
    noun = regex.match(r"\s*(?!so với|trở lên)(\p{Ll}[\p{L}\s]*?)\s*(?=[,;.(:]|$)", text[q.end : q.end + _WINDOW])
    if noun is None or not 1 <= len(_words(noun.group(1))) <= 12:
        return verb
    if q.unit != "%":
        return _trim(noun.group(1))
    return _trim(f"tỷ lệ {noun.group(1)} được {verb}" if verb else f"tỷ lệ {noun.group(1)}")


def count_indicator(text: str, q: QuantityMatch, name: str, label: Optional[str], previous) -> tuple[str, str]:
    """A count names its indicator after the counted noun: 'Tổng số 1.177 hộ' under
    'Xã biên giới:' is 'Số hộ Xã biên giới'; 'tỉnh có 102 đơn vị hành chính' is
    'Số đơn vị hành chính'; in '1.177 hộ với 5.941 khẩu' the second count shares
    the first's words."""
    local = _trim(_starts_with(("total",)).sub("", name))
    served = regex.fullmatch(r"(?P<task>.+?)\s+cho", local)
    if served and q.base_unit in _cues("beneficiary"):
        # "Giải quyết việc làm cho 20.000 lao động" counts the people served by the task
        task = served["task"]
        return f"Số {q.unit} được {task[:1].lower()}{task[1:]}", local
    local = _trim(regex.sub(r"(?:^|.*[\s,])(?:có|gồm|với)$", "", local))
    between = text[previous.end : q.number_start] if previous is not None and previous.end <= q.number_start else None
    counted_before = previous is not None and previous.quantity is not None and previous.quantity.unit_kind == "count"
    if between is not None and counted_before and regex.fullmatch(r"[\s,]*(?:với|và)?[\s,]*", between):
        local = previous.local
    elif between is not None and counted_before and "(" in between and ")" not in between:
        local = _trim(f"{previous.local} {local.lstrip('( ')}")  # a breakdown in parentheses
    if len(_words(local)) > 4 and not label:
        return name, local
    # the counted noun's complement: "22 điểm | quan trắc giám sát chất lượng nước mặt | và ..."
    noun = regex.match(r"(?:\s*\p{L}+){0,8}?(?=\s*(?:(?:trở lên|và|tại|cho|để|với)(?!\p{L})|[,;.()\d]|$))", text[q.end : q.end + _WINDOW])
    counted = " ".join(word for word in q.unit.split() if word not in scale_words())  # 'triệu lượt khách' counts 'lượt khách'
    parts = ["Số", counted, " ".join(noun.group().split()) if noun else "", label or "", local]
    return _trim(" ".join(part for part in parts if part)), local


def _status(sentence: str, article_status: Optional[str]) -> str:
    if article_status == "result":
        # an evaluation article reports; only an explicit objective is a target there
        return "target" if _has("objective", sentence) else "result"
    if _has("result", sentence):
        return "result"
    return "target"


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
    unit = "|".join(_phrase(word) for word in sorted(words, key=len, reverse=True))
    return rf"(?<!\p{{L}})(?i:{unit})\s+\p{{Lu}}\p{{Ll}}*(?:\s+\p{{Lu}}\p{{Ll}}*)*"


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
    return places[-1].start(), f"{_trim(places[-1].group())} {_trim(clause[cue.start() : outcome_end])}"


def qualitative_targets(text, bounds, numeric, article_status) -> list[TargetMatch]:
    """'Xã Vũ Bản đạt chuẩn nông thôn mới kiểu mẫu năm 2021': an objective without a number."""
    found = []
    with_numbers = {_clause_of(bounds, t.start) for t in numeric}
    for start, end in bounds:
        if (start, end) in with_numbers:
            continue
        clause = text[start:end]
        cue = regex.search(rf"(?<![\p{{L}}])(?:{_alt('qualitative')})(?![\p{{L}}])", clause, regex.IGNORECASE)
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
                indicator=_trim(name),
                indicator_start=start + indicator_start,
                indicator_end=start + outcome_end,
                start=start + indicator_start,
                end=start + outcome_end,
                sentence_start=start,
                sentence_end=end,
                quantity=None,
                comparator=None,
                kind="qualitative",
                status=_status(clause, article_status),
                period=year.group() if year else None,
            )
        )
    return found


def targets_component(doc):
    """spaCy component body: doc.spans['targets'] with span._.nq_target (a TargetMatch)."""
    from .nlp import labelled_span, text_of

    quantities = [span._.nq_quantity for span in doc.spans.get("quantities", []) if span._.nq_quantity is not None]
    block = doc._.nq_block
    state = doc._.nq_state
    article_status = state.status_at(block.path) if block is not None and state is not None else None
    policy_document = state.policy_document if state is not None else False
    spans = []
    for target in find_targets(text_of(doc), quantities, article_status, policy_document, doc.user_data.get("nq_label")):
        span = labelled_span(doc, target.start, target.end, "TARGET", "nq_target", target)
        if span is not None:
            spans.append(span)
    doc.spans["targets"] = spans
    return doc


def is_policy_document(title: str) -> bool:
    """'Quy định mức thu phí ...', 'chính sách hỗ trợ ...': a resolution setting norms."""
    return _has("policy_title", title)


def heading_status(heading: str) -> Optional[str]:
    """'result' under 'Đánh giá kết quả thực hiện ...', 'target' under 'Mục tiêu, chỉ tiêu
    năm 2025'. A heading announcing both ('Kết quả năm 2024 và mục tiêu năm 2025') opens
    with what comes first; its sections, when it has any, say what they hold."""
    first = {
        role: match.start()
        for role in ("result_heading", "target_heading")
        if (match := _anywhere(role).search(heading))
    }
    if not first:
        return None
    return "result" if min(first, key=first.get) == "result_heading" else "target"


__all__ = ["TargetMatch", "BlockState", "find_targets", "targets_component", "heading_status", "replace"]
