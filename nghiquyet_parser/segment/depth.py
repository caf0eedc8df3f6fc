"""Depth of list items from the MARKER SEQUENCE, not indentation (as cfpb regulations-parser's
tree/depth does): a pure function of the open items and the next marker.

A marker family already open makes a sibling only when its number follows the
previous one; a new family (or a family restarting inside a quotation) opens a child
only when it starts a sequence (1, I, a); anything else is text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal, NamedTuple, Sequence

_VIETNAMESE_ALPHABET = "abcdđeghiklmnopqrstuvxy"
_ROMANS = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV",
]
# How many lists of one marker family may nest (a clause quoting amended clauses quoting ...).
MAX_RESTARTS = 3


class Item(NamedTuple):
    """A list item as depth inference sees it: its marker family and number (None for bullets).
    A NamedTuple: the tree builder makes one per open item for every marker line it places."""

    family: str
    number: str | None


@dataclass(frozen=True)
class Placement:
    """Where the next marker goes. `depth` is its index among the open items once placed:
    the items from `depth` on are closed first (a sibling replaces the item at `depth`,
    a child goes one below the innermost). `gap` is set when a number was skipped."""

    relation: Literal["sibling", "child", "text"]
    depth: int | None = None
    gap: bool = False


TEXT = Placement("text")


def _sequence_value(family: str, number: str | None) -> int | None:
    if number is None:
        return None
    if family == "alpha":
        return _VIETNAMESE_ALPHABET.index(number) + 1 if number in _VIETNAMESE_ALPHABET else None
    if number.isdigit():
        return int(number)
    return _ROMANS.index(number) + 1 if number in _ROMANS else None


def _follows(family: str, previous: str | None, number: str | None) -> bool:
    """Whether `number` is the next one after `previous` in a marker family (unnumbered
    bullets and decimal clauses always continue their list)."""
    if family == "decimal" or number is None:
        return True
    now, before = _sequence_value(family, number), _sequence_value(family, previous)
    if now is None:
        return False
    if family == "alpha" and before is not None and now == before + 2:
        return True  # "a, b, c, d, e" typed without đ, or with "đ" lost in conversion
    return before is not None and now == before + 1


def _starts_sequence(family: str, number: str | None) -> bool:
    return number is None or family == "decimal" or _sequence_value(family, number) == 1


def _skips_one(open_item: Item, item: Item, capital_follows: bool) -> bool:
    """A numbered line that follows the open item with one number missing ('1.' then '3.'),
    when the line reads like an item (a capital after the marker)."""
    if item.family not in ("arabic", "roman"):
        return False
    now = _sequence_value(item.family, item.number)
    before = _sequence_value(item.family, open_item.number)
    return capital_follows and now is not None and before is not None and now == before + 2


def place(open_items: Sequence[Item], item: Item, capital_follows: bool) -> Placement:
    """Sibling of the deepest open item of the same family whose number it follows;
    else, when it starts a sequence (1, a, I), a new list under the innermost item
    (amended text quoted inside a clause restarts its numbering); else plain text.
    `open_items` run from the outermost (under the article or grouping) to the innermost."""
    same_family = [i for i in range(len(open_items) - 1, -1, -1) if open_items[i].family == item.family]
    for i in same_family:
        if _follows(item.family, open_items[i].number, item.number):
            return Placement("sibling", i)
    if same_family and _skips_one(open_items[same_family[0]], item, capital_follows):
        return Placement("sibling", same_family[0], gap=True)
    if not _starts_sequence(item.family, item.number) or len(same_family) >= MAX_RESTARTS:
        return TEXT  # a list nested in a list nested in a list of the same kind: text, not depth
    return Placement("child", len(open_items))


def infer_depths(sequence: Iterable[tuple[Item, bool]]) -> list[Placement]:
    """Place each (item, capital follows) of a marker sequence in turn, as the tree builder does."""
    open_items: list[Item] = []
    placements = []
    for item, capital_follows in sequence:
        placement = place(open_items, item, capital_follows)
        if placement.depth is not None:
            del open_items[placement.depth:]
            open_items.append(item)
        placements.append(placement)
    return placements
