"""What a heading or a sentence says about the numbers under it: whether they report
results or set targets ('Đánh giá kết quả ...' / 'Mục tiêu, chỉ tiêu năm 2025'), and the
period they are for ('6 tháng cuối năm 2021', 'đến năm 2025'). The segmenter gives each
block the status and period of the headings above it; extract reads sentences with the
same functions."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from .cues import cue_alternation, cue_anywhere


def period_in(text: str) -> Optional[str]:
    """'6 tháng cuối năm 2021', 'đến năm 2025': the period a sentence or heading sets;
    a baseline ('so với năm 2020') names a past year, not the period."""
    if "năm" not in text.lower():
        return None  # every period names its year after "năm"; most sentences and headings have none
    text = _baseline_phrase().sub(lambda m: " " * len(m.group()), text)
    match = _PERIOD.search(text)
    return match.group() if match else None


# The longer forms are optional openings of "năm dddd", tried in the same order at each place
# as the alternation '6 tháng đầu năm dddd|đến năm dddd|năm dddd' they stand for: written as
# that alternation, every branch was tried at every character (five times slower).
_PERIOD = regex.compile(r"(?:(?:6|sáu) tháng (?:đầu|cuối) |(?:đến|trong) (?:cuối |hết )?)?năm \d{4}", regex.IGNORECASE)


@lru_cache(maxsize=None)
def _baseline_phrase() -> "regex.Pattern[str]":
    return regex.compile(rf"(?:{cue_alternation('baseline')})\s+[^,;.()]*", regex.IGNORECASE)


def heading_status(heading: str) -> Optional[str]:
    """'result' under 'Đánh giá kết quả thực hiện ...', 'target' under 'Mục tiêu, chỉ tiêu
    năm 2025'. A heading announcing both ('Kết quả năm 2024 và mục tiêu năm 2025') opens
    with what comes first; its sections, when it has any, say what they hold."""
    first = {
        role: match.start()
        for role in ("result_heading", "target_heading")
        if (match := cue_anywhere(role).search(heading))
    }
    if not first:
        return None
    return "result" if min(first, key=first.get) == "result_heading" else "target"
