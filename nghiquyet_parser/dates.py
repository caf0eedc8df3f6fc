"""Vietnamese date grammar → ISO 8601 (partial where the text is), and number words.

Forms handled: "ngày 20 tháng 7 năm 2021", "ngày .... tháng 7 năm 2021" (day left
blank for the signature: precision drops to "2021-07"), "20/7/2021", "20-7-2021",
"20.7.2021", "tháng 7 năm 2021", "tháng 7/2021". Hand-written because dateparser and
friends do not know the blank-day convention and cost far more than a regex.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .normalise import fold
from .vocabulary import load_table


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str


# A blank placeholder left for the day or month: dots, ellipsis, underscores.
_BLANK = r"(?:[.…_]+\s*)+"
_NUM = r"\d{1,2}"
_WORDY = regex.compile(
    rf"(?:ngày\s*(?P<d>{_NUM}|{_BLANK})\s*)?tháng\s*(?P<m>{_NUM}|{_BLANK})\s*(?:năm\s*|/\s*)(?P<y>\d{{4}})",
    regex.IGNORECASE,
)
_NUMERIC = regex.compile(r"(?<![\d/.\-])(?P<d>\d{1,2})([/.\-])(?P<m>\d{1,2})\2(?P<y>\d{4})(?![\d/])")


def _iso(year: str, month: str | None, day: str | None) -> str | None:
    y = int(year)
    if not 1900 <= y <= 2100:
        return None
    if not month or not month.strip().isdigit():
        return f"{y:04d}"
    m = int(month)
    if not 1 <= m <= 12:
        return None
    if not day or not day.strip().isdigit():
        return f"{y:04d}-{m:02d}"
    d = int(day)
    if not 1 <= d <= 31:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_dates(text: str) -> list[DateMatch]:
    """Every date in `text`, in order, with its span and ISO form."""
    found: list[DateMatch] = []
    for pattern in (_WORDY, _NUMERIC):
        for match in pattern.finditer(text):
            iso = _iso(match["y"], match["m"], match["d"])
            if iso and not any(f.start <= match.start() < f.end for f in found):
                found.append(DateMatch(match.start(), match.end(), iso))
    return sorted(found, key=lambda f: f.start)


def first_date(text: str) -> DateMatch | None:
    """The first of `find_dates(text)`, without reading the dates after it (a citation's
    name or title may run on through many). A numeric date inside a worded one is not a
    date of its own, but it cannot start before that worded date either: so the first
    date is the first numeric one only when it starts before the first worded one."""
    worded = _first_valid(_WORDY, text)
    numeric = _first_valid(_NUMERIC, text)
    if numeric and (worded is None or numeric.start < worded.start):
        return numeric
    return worded


def _first_valid(pattern: "regex.Pattern[str]", text: str) -> DateMatch | None:
    for match in pattern.finditer(text):
        if iso := _iso(match["y"], match["m"], match["d"]):
            return DateMatch(match.start(), match.end(), iso)
    return None


# --------------------------------------------------------------------------- number words


@lru_cache(maxsize=1)  # a vocabulary: read once, not at every session number of every header
def _number_words() -> dict[str, tuple[int, str]]:
    return {fold(row["word"]): (int(row["value"]), row["role"]) for row in load_table("number_words")}


def words_to_int(words: str) -> int | None:
    """'hai' → 2, 'Mười một' → 11, 'hai mươi tư' → 24, 'nhất' → 1, '28' → 28."""
    words = words.strip()
    if words.isdigit():
        return int(words)
    table = _number_words()
    total, current, seen = 0, 0, False
    for token in fold(words).split():
        if token not in table:
            break
        value, role = table[token]
        seen = True
        if role == "ten":
            total += (current or 1) * 10
            current = 0
        else:
            current = value
    return total + current if seen else None


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(numeral: str) -> int | None:
    numeral = numeral.upper()
    if not numeral or any(ch not in _ROMAN for ch in numeral):
        return None
    total = 0
    for here, after in zip(numeral, numeral[1:] + " "):
        value = _ROMAN[here]
        total += -value if after in _ROMAN and _ROMAN[after] > value else value
    return total
