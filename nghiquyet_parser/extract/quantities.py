"""Numbers with their units: "2.501,7 tỷ đồng", "7-7,5%", "khoảng 1,5 triệu con", "hai HTX".

The number grammar (digits, separators, ranges, scale words) is a `regex`
pattern; the words around it (units, scale words, number words) come from the
vocabularies `units.tsv` and `scale_words.tsv`, compiled into alternations
longest-first so "triệu đồng" wins over "triệu" and "điểm phần trăm" over "điểm".
A library such as quantulum3 or pint does not fit: neither knows Vietnamese
separators, scale words or counted nouns, and both would need the same tables.

`find_quantities(text)` works on plain text (offsets relative to it); the spaCy
component `nq_quantities` (in `nlp`) runs it on a Doc and stores the matches on
`doc.spans["quantities"]`, each span carrying its `QuantityMatch` in `span._.nq_quantity`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Literal, Optional

import regex

from ..limits import count
from ..vocabulary import alternation, load_table

DecimalConvention = Literal["vi", "en"]


@dataclass(frozen=True)
class Unit:
    written: str  # as in the vocabulary
    base: str
    factor: float
    kind: str


@dataclass(frozen=True)
class QuantityMatch:
    """One number (or range) with its scale word and unit, in offsets of the text searched."""

    start: int
    end: int
    number_start: int
    number_end: int
    value: float
    value_max: Optional[float]
    unit: Optional[str]  # as written, lower case, scale word included: "triệu đồng"
    base_unit: Optional[str]
    factor: Optional[float]  # value × factor = value in base units (None: unknown unit)
    unit_kind: Optional[str]
    approximate: bool
    in_words: bool = False

    @property
    def normalised_value(self) -> Optional[float]:
        return _round(self.value * self.factor) if self.factor is not None else None

    @property
    def normalised_max(self) -> Optional[float]:
        if self.factor is None or self.value_max is None:
            return None
        return _round(self.value_max * self.factor)


def _round(number: float) -> float:
    # Products like 55.6 × 1e6 carry binary noise (55600000.00000001); 9 significant
    # digits are more than any figure in a resolution has.
    return float(f"{number:.12g}")


# --------------------------------------------------------------------------- vocabularies


@lru_cache(maxsize=None)
def units() -> dict[str, Unit]:
    """Unit vocabulary keyed by its lower-case spelling."""
    return {
        row["unit"].lower(): Unit(row["unit"], row["base"], float(row["factor"]), row["kind"])
        for row in load_table("units")
    }


@lru_cache(maxsize=None)
def scale_words() -> dict[str, float]:
    return {row["word"]: float(row["value"]) for row in load_table("scale_words") if row["kind"] == "scale"}


@lru_cache(maxsize=None)
def number_words() -> dict[str, tuple[str, int]]:
    return {
        row["word"]: (row["kind"], int(float(row["value"])))
        for row in load_table("scale_words")
        if row["kind"] != "scale"
    }


# Digits: a thousands-grouped number ("2.501,7", "96.477,2", "1,234.5"), a plain
# decimal ("55,6", "4.5") or an integer. Not part of a code or a document number:
# no letter or "/" right before ("QH13", "77/2015"), no "/digit" right after.
_NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_NUMBER_EDGE_BEFORE = r"(?<![\p{L}\d/.,]|\p{L}-|\d[.,])"
_NUMBER_EDGE_AFTER = r"(?![\d]|/\s?\d|[.,]\d|-\p{L})"


@lru_cache(maxsize=None)
def _pattern() -> "regex.Pattern[str]":
    scales = alternation(scale_words())
    unit_words = alternation(units())
    per_words = alternation([*units(), "năm", "tháng", "ngày", "vạn dân", "nghìn dân", "dân"])
    number = rf"{_NUMBER_EDGE_BEFORE}(?:{_NUMBER}){_NUMBER_EDGE_AFTER}"
    return regex.compile(
        rf"""
        (?P<approx>\bkhoảng\s+(?:trên\s+|từ\s+)?)?
        (?P<low>{number})
        (?:\s*(?:-|–|÷|đến)\s*(?P<high>{number}))?
        (?P<scale>(?:\s*(?:{scales})\b)*)
        (?P<unit>\s*(?:{unit_words})(?!\p{{L}}|\d(?!\b)))?
        (?P<per>(?:\s*/\s*(?:{per_words})(?!\p{{L}}))*)
        """,
        regex.VERBOSE | regex.IGNORECASE,
    )


@lru_cache(maxsize=None)
def _word_number_pattern() -> "regex.Pattern[str]":
    words = alternation(number_words())
    unit_words = alternation(units())
    # Number words count only with a unit after them ("hai HTX", "ba mươi xã"): alone,
    # "hai", "ba", "năm" are far more often ordinary words (năm = year, five).
    return regex.compile(
        rf"(?<!\p{{L}}|thứ\s)(?P<words>(?:(?:{words})\s+)*(?:{words}))\s+(?P<unit>{unit_words})(?!\p{{L}})",
        regex.IGNORECASE,
    )


# --------------------------------------------------------------------------- numbers


def decimal_convention(text: str) -> DecimalConvention:
    """Vietnamese writes "2.501,7"; spreadsheet exports sometimes "2,501.7". A document is
    usually consistent, so count the unambiguous decimals of each kind."""
    vi = len(regex.findall(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])|\d\.\d{3},\d", text))
    en = len(regex.findall(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])|\d,\d{3}\.\d", text))
    return "en" if en > vi else "vi"


def parse_number(written: str, convention: DecimalConvention = "vi") -> float:
    """'2.501,7' → 2501.7; '3.350' → 3350 (vi) or 3.35 (en); '526,380' → 526.38 (vi)."""
    decimal, thousands = (",", ".") if convention == "vi" else (".", ",")
    if decimal in written and thousands in written:
        return float(written.replace(thousands, "").replace(decimal, "."))
    if thousands in written:
        groups = written.split(thousands)
        if all(len(group) == 3 for group in groups[1:]):
            return float("".join(groups))
        return float(written.replace(thousands, "."))  # "4.5" in a vi text is a decimal
    return float(written.replace(decimal, "."))


def parse_number_words(words: str) -> Optional[int]:
    """'hai' → 2, 'ba mươi' → 30, 'hai trăm năm mươi' → 250, 'mười lăm' → 15."""
    table = number_words()
    total, current = 0, 0
    for word in words.lower().split():
        if word not in table:
            return None
        kind, value = table[word]
        if kind == "digit":
            current += value
        elif kind == "ten":
            current = (current or 1) * 10
        elif kind == "hundred":
            total += (current or 1) * 100
            current = 0
    return total + current


# --------------------------------------------------------------------------- matching


def _unit_of(scale_text: str, unit_text: str, per_text: str) -> tuple[Optional[str], Optional[str], Optional[float], Optional[str]]:
    """Written unit, base unit, factor to base, kind — from the scale words, unit and '/per' part."""
    factor = 1.0
    for word in scale_text.lower().split():
        factor *= scale_words()[word]
    base, kind = None, None
    if unit_text.strip():
        unit = units()[unit_text.strip().lower()]
        factor *= unit.factor
        base, kind = unit.base, unit.kind
    # str methods, not regex.sub: this runs for every number of every document
    per = "/".join(part.strip() for part in per_text.strip().lower().split("/"))
    written = " ".join(part for part in (scale_text.strip(), unit_text.strip()) if part).lower()
    written = " ".join(written.split()) + per
    if per:
        base = (base or "") + per
        kind = "rate"
    if not written:
        return None, None, None, None
    if base is None:
        return written, None, factor, kind  # bare scale ("3.000 triệu/năm"): scale is known
    return written, base, factor, kind


def find_quantities(
    text: str, convention: DecimalConvention | None = None, in_words: Iterable[QuantityMatch] | None = None,
    *, counted: bool = False,
) -> list[QuantityMatch]:
    """Every number in `text` with its unit; offsets relative to `text`. `in_words`:
    `word_quantities(text)`, when the caller has them already. `counted`: each number is
    counted toward the document's limit (`limits.count`) as it is found, so a text of numbers
    only is refused before its list is built (831,000 of them took 390 MB)."""
    convention = convention or decimal_convention(text)
    found = []
    for quantity in _digit_quantities(text, convention):
        if counted:
            count("quantities")
        found.append(quantity)
    taken = [(q.start, q.end) for q in found]
    for match in _word_quantities(text) if in_words is None else in_words:
        if not any(start < match.end and match.start < end for start, end in taken):
            if counted:
                count("quantities")
            found.append(match)
    return sorted(found, key=lambda q: q.start)


def _digit_quantities(text: str, convention: DecimalConvention) -> Iterator[QuantityMatch]:
    for match in _pattern().finditer(text):
        low = parse_number(match["low"], convention)
        high = parse_number(match["high"], convention) if match["high"] else None
        if high is not None and high <= low:
            # "2021-2025" is fine (a period, rejected later), but "15 - 3" is not a range
            if not (high < 100 < low):
                high = None
        unit, base, factor, kind = _unit_of(match["scale"] or "", match["unit"] or "", match["per"] or "")
        scale = factor or 1.0  # None without a unit
        if not math.isfinite(low * scale) or (high is not None and not math.isfinite(high * scale)):
            continue  # hundreds of digits: no float holds it, and JSON would write it as null
        end = match.end() if (unit or high is not None) else match.end("low")
        if high is None and match["high"]:
            end = match.end("low")
        yield QuantityMatch(
            start=match.start("low"),
            end=_strip_end(text, match.start("low"), end),
            number_start=match.start("low"),
            number_end=match.end("low"),
            value=low,
            value_max=high,
            unit=unit,
            base_unit=base,
            factor=factor if unit else 1.0,
            unit_kind=kind,
            approximate=bool(match["approx"]),
        )


def word_quantities(text: str) -> list[QuantityMatch]:
    """The numbers in words with their unit ("hai con"), in order: where the tokenizer
    must know the words, as a quantity in words counts only if whole words."""
    return list(_word_quantities(text))


def _word_quantities(text: str) -> Iterator[QuantityMatch]:
    for match in _word_number_pattern().finditer(text):
        value = parse_number_words(match["words"])
        if value is None or value == 0:
            continue
        unit, base, factor, kind = _unit_of("", match["unit"], "")
        yield QuantityMatch(
            start=match.start("words"),
            end=match.end("unit"),
            number_start=match.start("words"),
            number_end=match.end("words"),
            value=float(value),
            value_max=None,
            unit=unit,
            base_unit=base,
            factor=factor,
            unit_kind=kind,
            approximate=False,
            in_words=True,
        )


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
