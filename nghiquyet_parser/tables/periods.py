"""A target's period and baseline as numbers a table can sort and join on.

The JSON keeps them as the text says them ('ĐẾN NĂM 2030', 'giai đoạn 2021-2025',
'29,5 tỷ đồng'); a table needs the years and amounts: `read_period` gives the period's
start and end years and the year the target is for, `split_baseline` tells a baseline year
from a baseline amount. Both are pure functions of the text; the words that bound a period
are data (`data/vocabulary/period_words.tsv`).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from ..extract.quantities import QuantityMatch, find_quantities
from ..vocabulary import load_table

# A calendar year a resolution can mean: 1900-2099, not inside a longer number ('12/2015/QH13' is safe: '/' bounds it).
_YEAR = regex.compile(r"(?<![\d.,])(?:19|20)\d{2}(?!\d|[.,]\d)")
# A baseline that is only a year: '2020', 'năm 2020', 'cùng kỳ năm 2020', 'cuối năm 2020'.
_YEAR_ONLY = regex.compile(r"(?:(?:cùng kỳ|cuối|hết)\s+)?(?:năm\s+)?((?:19|20)\d{2})")


class Period(NamedTuple):
    start: Optional[int] = None  # first year of the period, when the text states one
    end: Optional[int] = None  # last year of the period ('đến năm 2030': 2030)
    target_year: Optional[int] = None  # the year the target is to be reached in: the end


class Baseline(NamedTuple):
    year: Optional[int] = None  # 'so với năm 2020'
    value: Optional[float] = None  # 'so với 29,5 tỷ đồng'
    unit: Optional[str] = None


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


@lru_cache(maxsize=1)
def _bounding_words() -> tuple[tuple[str, str], ...]:
    """(word, role) pairs, longest first, so 'đến hết năm' is tried before 'đến'."""
    rows = load_table("period_words")
    return tuple(sorted(((row["word"], row["role"]) for row in rows), key=lambda pair: -len(pair[0])))


def _role_before(text: str) -> Optional[str]:
    """'until' or 'from' when `text` (what precedes a year) ends with a bounding word."""
    before = _plain(text)
    for word, role in _bounding_words():
        if before == word or before.endswith(" " + word):
            return role
    return None


def read_period(text: Optional[str]) -> Period:
    """'giai đoạn 2021-2025' → (2021, 2025, 2025); 'đến năm 2030' → (None, 2030, 2030);
    'năm 2026' → (2026, 2026, 2026); 'từ năm 2026' → (2026, None, None); no year → all None.

    Of three or more years ('giai đoạn 2021-2025, tầm nhìn đến năm 2045') the first two
    are the period: the vision year is not what the target is set for."""
    if not text:
        return Period()
    years = list(_YEAR.finditer(text))
    if not years:
        return Period()
    first = int(years[0].group())
    if len(years) >= 2:
        second = int(years[1].group())
        if first <= second:
            return Period(first, second, second)
    role = _role_before(text[: years[0].start()])
    if role == "until":
        return Period(None, first, first)
    if role == "from":
        return Period(first, None, None)
    return Period(first, first, first)


def split_baseline(text: Optional[str]) -> Baseline:
    """'2020' or 'năm 2020' → a year; '29,5 tỷ đồng' → a value and its unit; any other
    baseline ('cùng kỳ', 'dự toán tỉnh giao') → neither: the text column keeps it."""
    if not text:
        return Baseline()
    plain = _plain(text)
    if year := _YEAR_ONLY.fullmatch(plain):
        return Baseline(year=int(year.group(1)))
    quantities = find_quantities(plain)
    if len(quantities) == 1 and _is_one_amount(quantities[0], plain):
        return Baseline(value=quantities[0].value, unit=quantities[0].unit)
    return Baseline()


def _is_one_amount(quantity: QuantityMatch, text: str) -> bool:
    """The whole text is one number with a unit: not a range, not a number inside words."""
    return bool(quantity.unit) and quantity.value_max is None and (quantity.start, quantity.end) == (0, len(text))
