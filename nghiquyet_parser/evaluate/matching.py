"""How a predicted item is matched to a gold one, as GOLD.md's "Scoring" says.

Text keys (case- and tone-folded words), unit conversion to base units, and the
one-to-one pairing of gold and predicted items (citations, targets, places).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Callable, Optional, Sequence, TypeVar

import regex

from ..normalise import canonical, fold
from ..vocabulary import load_table

# GOLD.md: an indicator is right when its word-level F1 with the gold one reaches 0.5.
INDICATOR_F1 = 0.5
# "Headings agree when the words mostly agree": more than half of the words, in F1 terms.
HEADING_F1 = 0.6
# A citation given by name (no number) is matched loosely: half the words in common.
NAME_F1 = 0.5
RELATIVE_TOLERANCE = 1e-6
# A document number is at least "<digits>/<symbol>"; anything else in a citation list is a name.
_NUMBER_SHAPE = regex.compile(r"^\s*\d+[\p{L}\d]*\s*/\s*\S")
_WORD = regex.compile(r"\w+")
# A date as written in a citation, tone-folded: "ngay 19 thang 6 nam 2015" (or 19/6/2015).
_CITATION_DATE = regex.compile(r"ngay\s+(\d{1,2})\s*(?:thang\s+|[/-])(\d{1,2})\s*(?:nam\s+|[/-])(\d{4})")

Item = TypeVar("Item")


# --------------------------------------------------------------------------- text keys


def loose_key(text: object) -> str:
    """Case- and tone-folded, whitespace-collapsed: how header fields and units are compared."""
    return " ".join(fold(str(text)).split()) if text is not None else ""


def place_key(text: str) -> str:
    """Case- and tone-PLACEMENT-insensitive (GOLD.md): 'Hoà' = 'Hòa', but 'Hòa' != 'Hoa'."""
    return " ".join(canonical(text).lower().split())


def words(text: object) -> list[str]:
    return _WORD.findall(fold(str(text))) if text is not None else []


def word_f1(left: object, right: object) -> float:
    """F1 of the two texts' word multisets (tone-folded), 0 when either is empty."""
    a, b = words(left), words(right)
    if not a or not b:
        return 0.0
    remaining = list(b)
    common = 0
    for word in a:
        if word in remaining:
            remaining.remove(word)
            common += 1
    return 0.0 if common == 0 else 2 * common / (len(a) + len(b))


def headings_agree(gold: Optional[str], predicted: Optional[str]) -> bool:
    """Words mostly agree, or one heading is the start of the other (GOLD.md)."""
    if gold is None or predicted is None:
        return False
    g, p = words(gold), words(predicted)
    if g and p and (g[: len(p)] == p or p[: len(g)] == g):
        return True
    return word_f1(gold, predicted) >= HEADING_F1


# --------------------------------------------------------------------------- units


@lru_cache(maxsize=None)
def _unit_factors() -> dict[str, float]:
    """Unit word → factor to its base unit, from the units vocabulary (case-folded keys)."""
    return {row["unit"].lower(): float(row["factor"]) for row in load_table("units")}


@lru_cache(maxsize=None)
def _scale_factors() -> dict[str, float]:
    return {row["word"].lower(): float(row["value"]) for row in load_table("scale_words") if row["kind"] == "scale"}


def unit_factor(unit: Optional[str]) -> float:
    """How many base units one `unit` is: 'triệu đồng' → 10^6, '%' → 0.01, 'nghìn tấn' → 10^3.

    Scale words ('nghìn', 'triệu', 'tỷ') may stack before the unit ('nghìn tỷ đồng');
    an unknown unit (a counted noun) is its own base.
    """
    if not unit:
        return 1.0
    factor = 1.0
    rest = " ".join(unit.lower().split())
    scales = _scale_factors()
    while True:
        first, _, tail = rest.partition(" ")
        if first in scales:
            factor *= scales[first]
            rest = tail
            continue
        break
    return factor * _unit_factors().get(rest, 1.0) if rest else factor


def base_value(value: Optional[float], unit: Optional[str]) -> Optional[float]:
    return None if value is None else float(value) * unit_factor(unit)


def same_number(a: Optional[float], b: Optional[float]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-9)


# --------------------------------------------------------------------------- matching


def greedy_pairs(
    gold: Sequence[Item], predicted: Sequence[Item],
    compatible: Callable[[Item, Item], bool], affinity: Callable[[Item, Item], float],
) -> list[tuple[int, int]]:
    """One-to-one pairs among compatible items, best affinity first (document order on ties).

    Greedy rather than Hungarian: compatible pairs share a value and an article, so
    groups are tiny and the best-first choice is what the tie-break rule asks for.
    """
    candidates = [
        (-affinity(g, p), gi, pi)
        for gi, g in enumerate(gold) for pi, p in enumerate(predicted) if compatible(g, p)
    ]
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def citation_key(item: str) -> Optional[str]:
    """A number in official spacing, case-folded ('77/2015/QH13'); None for a name."""
    return "".join(item.split()).casefold() if _NUMBER_SHAPE.match(item) else None


def name_and_date(name: str) -> tuple[str, tuple[str, ...]]:
    """A citation name without its date, and the date's numbers: two laws passed the same
    day share 'ngày 19 tháng 6 năm 2015', which must not make their names agree."""
    folded = fold(name)
    date = _CITATION_DATE.search(folded)
    if date is None:
        return folded, ()
    return folded[: date.start()] + folded[date.end():], tuple(str(int(n)) for n in date.groups())


def citations_match(gold: str, predicted: str) -> bool:
    g, p = citation_key(gold), citation_key(predicted)
    if g is not None or p is not None:
        return g is not None and g == p
    (gold_name, gold_date), (predicted_name, predicted_date) = name_and_date(gold), name_and_date(predicted)
    if gold_date and predicted_date and gold_date != predicted_date:
        return False
    return word_f1(gold_name, predicted_name) >= NAME_F1



def targets_compatible(gold: dict, predicted: dict) -> bool:
    if gold.get("article") != predicted.get("article"):
        return False
    if gold.get("value") is None or predicted.get("value") is None:
        # Qualitative objectives have no value: the indicator is all there is to match on.
        both_qualitative = gold.get("value") is None and predicted.get("value") is None
        return both_qualitative and word_f1(gold.get("indicator"), predicted.get("indicator")) >= INDICATOR_F1
    return same_number(base_value(gold["value"], gold.get("unit")), base_value(predicted["value"], predicted.get("unit")))


def changes_agree(gold: Optional[dict], predicted: Optional[dict]) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return (gold.get("direction") == predicted.get("direction")
            and same_number(gold.get("value"), predicted.get("value"))
            and loose_key(gold.get("unit")) == loose_key(predicted.get("unit")))


def target_field_right(name: str, gold: dict, predicted: dict) -> bool:
    if name == "indicator":
        return word_f1(gold.get(name), predicted.get(name)) >= INDICATOR_F1
    if name == "change":
        return changes_agree(gold.get(name), predicted.get(name))
    return loose_key(gold.get(name)) == loose_key(predicted.get(name))



def place_pair(place: dict) -> tuple[str, str]:
    """(name, type) keys; 'Phường 1' of type phường is the bare '1' (GOLD.md)."""
    name, kind = place_key(place.get("name") or ""), place_key(place.get("type") or "")
    if kind and name.startswith(kind + " "):
        name = name[len(kind) + 1:]
    return name, kind
