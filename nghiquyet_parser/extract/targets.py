"""Targets (chỉ tiêu): which quantities are objectives or results, and of what indicator.

`find_targets` works on the text of one block (one Doc) and the quantities found
in it. The rules follow GOLD.md's definition of a target; every cue word is vocabulary
(`target_words.tsv`, `comparators.tsv`, compiled in `cues`). What stays hand-written
is the part no library knows: how a Vietnamese resolution phrases an objective —

    [lead: phấn đấu / đến năm 2025] INDICATOR [verb: tăng/giảm] [comparator] VALUE UNIT
        [trở lên] [, tăng X% so với BASELINE] [; trong đó SUB-INDICATOR đạt VALUE]

so an indicator is the text of its clause left of the value, cut after the last
lead word or earlier target and stripped of verbs and comparators. A spaCy
Matcher would need one pattern per such shape and still leave the clean-up to
code; cue phrases are instead compiled from the vocabularies into `regex`
alternations matched at the clause edges.

This module combines the value, its clause and the target before it; the pieces are
`exclusions` (numbers that are no target), `indicators`, `fields` (comparator,
baseline, period, status ...) and `qualitative` (objectives without a number).
"""

from __future__ import annotations

from typing import NamedTuple, Optional

import regex

from ..cues import CuePattern, ends_with, has_cue, starts_with
from ..headings import period_in
from ..limits import count
from .exclusions import exclusion, is_counted
from .fields import (
    baseline_in,
    bound_in,
    comparator_before,
    parenthesis_after,
    price_basis_in,
    scope_in,
    status_of,
)
from .indicators import (
    count_indicator,
    following_indicator,
    indicator_left_of,
    inherit_subject,
    share_population,
    strip_marker,
    trim,
    words_of,
)
from .qualitative import may_state_objective, qualitative_targets
from .quantities import QuantityMatch
from .records import Decision, TargetMatch
from .sentences import WINDOW, clause_of, clauses, start_of_clause, start_of_sentence

# Compiled once: these run for every number of every document, where regex's cache
# lookup by pattern string would cost about as much as the match.
_APPROXIMATELY_BEFORE = regex.compile(r"khoảng\s+(?:trên\s+|từ\s+)?$")
_FROM_BEFORE = regex.compile(r"(?<!\p{L})từ\s*$")
_TO_BETWEEN = regex.compile(r"\s*(?:xuống còn|xuống|lên đến|lên|đến)\s*", regex.IGNORECASE)
_NUMBER_OF = regex.compile(r"(?i:số|tổng số)\s+\S+")
# the blank run before 'trong đó'/'và' is tried from its first character only ((?<!\s)): from
# each of its characters, a long run costs quadratic time
_PREVIOUS_TAIL = regex.compile(r"[^,;:\d]*?(?:,|(?<!\s)(?=\s+(?:trong đó|và)\s))")
_SEMICOLON = regex.compile(r"[;]")
_LIST_BREAK = regex.compile(r"[;:.()]")
_LIST_JOIN_END = regex.compile(r"(?:,|\svà)\s*$")
_APPROXIMATELY_END = regex.compile(r"khoảng\s*$", regex.IGNORECASE)
_OR_MORE_AFTER = regex.compile(r"[\p{L}\s,]{0,40}?(?<![\p{L}])trở lên")
_OR_MORE_AFTER_ANYWHERE = regex.compile(r"[\p{L}\s,]{0,40}?trở lên")

_CHANGE_VERB_END = CuePattern(r"(?:tương đương\s+)?(?P<verb>{up}|{down})\s*$", regex.IGNORECASE)
# possessive blanks: the cue words open with a letter, so giving blanks back never helps
_VALUE_WORDS_BETWEEN = CuePattern(r"\s*+(?:,\s*+)?(?:{value_words})(?:\s+là)?\s*", regex.IGNORECASE)
_VALUE_WORDS = CuePattern(r"(?:{value_words})", regex.IGNORECASE)


def find_targets(
    text: str,
    quantities: list[QuantityMatch],
    article_status: Optional[str] = None,
    policy_document: bool = False,
    label: Optional[str] = None,
) -> Found:
    """Targets of one block of text, with the quantities found in it, and what became of
    each quantity. `label` is the heading the block sits under when it ends in a colon
    ('Đối tượng đặc biệt khó khăn:')."""
    if not quantities and not may_state_objective(text):
        return Found([], [])  # most blocks: no clause to cut
    bounds = clauses(text)
    targets: list[TargetMatch] = []
    consumed: set[int] = set()
    reasons: dict[int, tuple[str, str]] = {}  # quantity index → (reason, rule) of a non-target
    for index, q in enumerate(quantities):
        if index in consumed:
            continue
        if (excluded := exclusion(text, q)) is not None:
            reasons[index] = (excluded, "exclusions")
            continue
        clause_start, clause_end = clause_of(bounds, q.start)
        run_on = q.number_start - clause_start > WINDOW
        if run_on:  # a run-on clause: look at the words near the value
            clause_start = text.find(" ", q.number_start - WINDOW, q.number_start) + 1
        clause_end = min(clause_end, q.end + WINDOW)
        sentence_start = start_of_sentence(text, clause_start)
        # the last target of the same sentence: its change, subject and head carry over
        previous = targets[-1] if targets and targets[-1].sentence_start == sentence_start else None
        left_limit = clause_start
        before = quantities[index - 1] if index else None
        if run_on and before is not None and before.unit and before.end <= q.number_start:
            # and after the measured value before it: else each value of a long run of them
            # ('12,5% 12,5% ...') would take the window, earlier values and all, for its indicator
            left_limit = max(left_limit, before.end)
        if previous is not None and previous.end > left_limit and previous.end <= q.start:
            left_limit = previous.end
            left_limit = _skip_previous_tail(text, left_limit)
        left = text[left_limit : q.number_start]
        if q.approximate:
            left = left[: approximately.start()] if (approximately := _APPROXIMATELY_BEFORE.search(left)) else left
        # a change of the previous target: "đạt 55,6 triệu đồng, tăng 9,2% so với năm 2020"
        change_verb = ends_with(("up", "down")).search(ends_with(("comparator",)).sub("", left))
        if previous is not None and previous.quantity is not None and change_verb and not trim(left[: change_verb.start()].replace("tương đương", "")):
            direction = "up" if has_cue("up", change_verb.group()) else "down"
            previous.change = {"direction": direction, "value": q.value, "unit": q.unit}
            previous.baseline = previous.baseline or baseline_in(text[q.end : clause_end])
            reasons[index] = ("change_of_target", "change_after_value")
            continue
        # "giảm từ 29,5 tỷ đồng xuống còn 15,2 tỷ đồng": the first is the baseline of the second
        from_word = _FROM_BEFORE.search(left)
        if from_word and index + 1 < len(quantities):
            between = text[q.end : quantities[index + 1].number_start]
            if _TO_BETWEEN.fullmatch(between) and quantities[index + 1].unit == q.unit:
                consumed.add(index + 1)
                target = _make_target(
                    text, quantities[index + 1], left_limit, clause_end, sentence_start, article_status, previous,
                    policy_document, label, indicator_end=left_limit + from_word.start(),
                )
                if isinstance(target, str):
                    reasons[index] = reasons[index + 1] = (target, "target_rules")
                    continue
                reasons[index] = ("baseline_of_target", "from_value_to_value")
                target.baseline = text[q.start : q.end]
                target.change = {"direction": "down" if "xuống" in between else "up", "value": None, "unit": None}
                target.kind = "level"
                _absorb_following_change(text, quantities, index + 2, target, consumed, reasons, clause_end)
                targets.append(target)
                continue
        target = _make_target(text, q, left_limit, clause_end, sentence_start, article_status, previous, policy_document, label)
        if isinstance(target, str):
            reasons[index] = (target, "target_rules")
            continue
        if _values_counted_items(text, previous, q):
            # "Điều chỉnh chủ đầu tư 01 dự án, với giá trị 82,751 tỷ đồng": one item and its value;
            # the count says how many items the value covers
            target.indicator = trim(text[previous.indicator_start : previous.end])
            targets.remove(previous)
            reasons[quantities.index(previous.quantity)] = ("count_of_valued_items", "valued_items")
            previous = None
        if previous is not None and has_cue("subtarget", text[previous.end : q.start]):
            target.parent = targets.index(previous) if previous.parent is None else previous.parent
        if _is_total_after_addition(previous, target):
            # "có thêm 5 xã đạt chuẩn ..., nâng tổng số xã đạt chuẩn lên 37 xã": one target,
            # 37 xã, of which the 5 are its change
            target.change = {"direction": "up", "value": previous.quantity.value, "unit": previous.quantity.unit}
            if _NUMBER_OF.fullmatch(target.indicator):
                target.indicator = previous.indicator  # 'Số xã' says less than the addition did
            targets.remove(previous)
            reasons[quantities.index(previous.quantity)] = ("addition_in_total", "total_after_addition")
        targets.append(target)
    targets.extend(qualitative_targets(text, bounds, targets, article_status))
    count("targets", len(targets))  # toward the document's limit (limits.MAX_FACTS); nothing outside a parse
    return Found(targets, _decisions(quantities, targets, reasons))


class Found(NamedTuple):
    """The targets of a block and, in the order of its quantities, what became of each."""

    targets: list[TargetMatch]
    decisions: list[Decision]


def _decisions(quantities: list[QuantityMatch], targets: list[TargetMatch],
               reasons: dict[int, tuple[str, str]]) -> list[Decision]:
    """One decision per quantity: a target's value, or the reason and rule that set it aside."""
    valued = {id(t.quantity) for t in targets if t.quantity is not None}
    return [
        Decision(True, None, "sentence") if id(q) in valued
        else Decision(False, *reasons.get(index, ("not_read_as_target", "target_rules")))
        for index, q in enumerate(quantities)
    ]


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


def _skip_previous_tail(text: str, position: int) -> int:
    """After a previous target's value: its 'trở lên', its change and baseline, up to a comma."""
    match = _PREVIOUS_TAIL.match(text[position : position + WINDOW])
    return position + match.end() if match else position


def _absorb_following_change(text, quantities, index, target, consumed, reasons, clause_end) -> None:
    """'..., tương đương giảm 14,3 tỷ đồng': the change of the target just made."""
    if index >= len(quantities):
        return
    q = quantities[index]
    between = text[target.end : q.number_start]
    verb = _CHANGE_VERB_END.compiled.search(between)
    if verb and q.start < clause_end + 200 and not _SEMICOLON.search(between):
        consumed.add(index)
        reasons[index] = ("change_of_target", "change_after_value")
        target.change = {"direction": "up" if has_cue("up", verb["verb"]) else "down", "value": q.value, "unit": q.unit}


def _values_counted_items(text: str, previous: Optional[TargetMatch], q: QuantityMatch) -> bool:
    """A count right before ', với giá trị <value>': the value is the counted items' worth."""
    if previous is None or previous.quantity is None or not is_counted(previous.quantity):
        return False
    between = text[previous.end : q.number_start]
    return _VALUE_WORDS_BETWEEN.compiled.fullmatch(between) is not None


def _continues_list(between: str) -> bool:
    """'... 19 điểm quan trắc nước mặt và 6 ...': only the previous item's noun and 'và'."""
    if _LIST_BREAK.search(between) or ends_with(("comparator", "up", "down", "added")).search(trim(between)):
        return False
    return _LIST_JOIN_END.search(between) is not None


def _make_target(
    text, q, left_limit, clause_end, sentence_start, article_status, previous, policy_document=False, block_label=None,
    indicator_end=None,
) -> TargetMatch | str:
    """The target of quantity `q`, or the reason (a code) when the rules say it is not one. The
    indicator is read left of the comparator, or left of `indicator_end` when given
    (before 'từ 29,5 tỷ đồng xuống còn ...')."""
    left = text[left_limit : q.number_start]
    approx = _APPROXIMATELY_END.search(left)
    comparator, comparator_start = comparator_before(left)
    if approx and comparator is None:
        comparator, comparator_start = "~", approx.start()
    elif q.approximate:
        comparator = comparator if comparator not in (None, "=") else "~"
    tail = text[q.end : clause_end]
    if _OR_MORE_AFTER.match(tail):
        comparator = ">="
    if comparator == ">=" and left[comparator_start:].strip().lower() == "từ" and not _OR_MORE_AFTER_ANYWHERE.match(tail):
        comparator = "="  # "từ 2-3 chỉ tiêu": a range, not a floor
    if comparator is None:
        # "mực nước không vượt quá ngưỡng ... tại thành phố 34,6 m": a bound stated
        # earlier in the sentence governs the values listed after it
        comparator = bound_in(text[max(sentence_start, q.number_start - WINDOW) : q.number_start])
    indicator = indicator_left_of(text, left_limit, indicator_end or left_limit + comparator_start)
    words_before_value = left[:comparator_start]
    added = ends_with(("added",)).search(trim(words_before_value)) or has_cue("added", left[comparator_start:])
    kind, change = "level", None
    if previous is not None and previous.kind == "change" and _continues_list(text[previous.end : q.number_start]):
        kind, change = previous.kind, dict(previous.change) if previous.change else None  # "bổ sung 19 điểm ... và 6 điểm"
    elif added:
        kind, change = "change", {"direction": "up", "value": None, "unit": None}
    elif indicator.verb is not None:
        reached = left[comparator_start:].strip().lower() in ("đạt", "còn", "lên", "lên đến", "xuống còn") or ends_with(("to_level",)).search(trim(words_before_value))
        if reached:
            change = {"direction": indicator.verb, "value": None, "unit": None}
        else:
            kind, change = "change", {"direction": indicator.verb, "value": None, "unit": None}
    name = indicator.text
    if _VALUE_WORDS.compiled.fullmatch(name):
        # "- Điều chỉnh chủ đầu tư 01 dự án, với giá trị 82,751 tỷ đồng": the item before the comma
        item = trim(text[left_limit : indicator.start])
        name = trim(strip_marker(item.rsplit(";", 1)[-1])) or name
    head = indicator.head
    clause_left = text[start_of_clause(text, left_limit) : q.number_start]
    if has_cue("condition", clause_left):
        return "threshold_or_condition"  # "đối với tổ chức 100 con"
    if starts_with(("rate",)).match(name):
        return "rate_or_price"  # "Mức trích 0,8 lần"
    if has_cue("award", text[sentence_start:clause_end]):
        return "award_quota"  # "tặng Bằng khen ... (tỷ lệ không quá 10% tập thể)": a quota of the award rule
    if policy_document and not (starts_with(("total",)).match(name) or has_cue("objective", text[sentence_start : q.number_start])):
        return "norm_in_policy_document"
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
    share = share_population(text, q, clause_end) if q.unit == "%" and not has_cue("measure", name) else None
    if share is not None:
        name = share  # "Phấn đấu 100% trẻ em ... được ...": the population after the value is measured
    elif (q.unit == "%" and len(words_of(name)) <= 2) or not name:
        name = following_indicator(text, q, name)
    local = name
    if is_counted(q) and q.unit and q.unit.casefold() not in name.casefold():
        name, local = count_indicator(text, q, name, label, previous)
    if not name:
        return "no_indicator"
    sentence = text[sentence_start : q.number_start]
    status = status_of(sentence, article_status)
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
        price_basis=price_basis_in(text[left_limit : q.start]) or price_basis_in(parenthesis_after(text, q.end)),
        period=period_in(text[sentence_start:clause_end]),
        scope=scope_in(indicator.text),
        head=indicator.head or (previous.head if previous is not None and head else None),
        label=label,
        local=local,
    )

