"""Marker-depth inference on its own: made-up marker sequences, no text, no tree."""

from __future__ import annotations

from nghiquyet_parser.segment.depth import (
    MAX_RESTARTS,
    Item,
    Placement,
    infer_depths,
    place,
)

FAMILIES = {"-": "dash", "+": "plus"}


def item(marker: str) -> tuple[Item, bool]:
    """'1' arabic, '1.2' decimal, 'I' roman, 'a' alpha, '-' dash; a trailing '!' says a capital follows."""
    capital = marker.endswith("!")
    marker = marker.rstrip("!")
    if marker in FAMILIES:
        return Item(FAMILIES[marker], None), capital
    if "." in marker:
        return Item("decimal", marker), capital
    if marker.isdigit():
        return Item("arabic", marker), capital
    if marker.isupper():
        return Item("roman", marker), capital
    return Item("alpha", marker), capital


def depths(*markers: str) -> list[int | None]:
    return [placement.depth for placement in infer_depths(item(m) for m in markers)]


def test_a_numbered_list_stays_at_one_depth() -> None:
    placements = infer_depths(item(m) for m in ["1", "2", "3"])
    assert placements == [Placement("child", 0), Placement("sibling", 0), Placement("sibling", 0)]


def test_each_new_family_that_starts_a_sequence_opens_a_child() -> None:
    assert depths("I", "1", "a", "-", "-", "b", "2", "II") == [0, 1, 2, 3, 3, 2, 1, 0]


def test_a_quoted_amendment_restarts_the_numbering_one_level_down() -> None:
    # 1. Sửa đổi Điều 8: "1. ... 2. ..." 2. Bãi bỏ Điều 9.
    assert depths("1", "1", "2", "2") == [0, 1, 1, 0]


def test_a_skipped_number_is_a_sibling_with_a_gap_only_before_a_capital() -> None:
    [*_, skipped] = infer_depths(item(m) for m in ["1", "2", "4!"])
    assert skipped == Placement("sibling", 0, gap=True)
    assert depths("1", "2", "4") == [0, 0, None]  # '4 tỷ đồng' wrapped onto a line: text
    assert depths("I", "III!") == [0, 0]


def test_a_gap_is_only_read_in_arabic_and_roman_lists() -> None:
    assert depths("a", "b", "e!") == [0, 0, None]


def test_points_a_to_e_without_d_stroke_follow_each_other() -> None:
    assert depths("a", "b", "c", "d", "e") == [0, 0, 0, 0, 0]


def test_a_number_neither_following_nor_starting_a_sequence_is_text() -> None:
    assert depths("1", "5") == [0, None]
    assert depths("2") == [None]


def test_decimal_clauses_and_bullets_always_continue_their_list() -> None:
    assert depths("1.1", "1.2", "3.7") == [0, 0, 0]
    assert depths("1", "-", "+", "-") == [0, 1, 2, 1]


def test_too_many_nested_restarts_of_one_family_are_text() -> None:
    assert depths(*["1"] * (MAX_RESTARTS + 1)) == [0, 1, 2, None]


def test_place_reads_the_open_items_innermost_last() -> None:
    open_items = [Item("roman", "I"), Item("arabic", "1"), Item("alpha", "a")]
    assert place(open_items, Item("arabic", "2"), capital_follows=True) == Placement("sibling", 1)
    assert place(open_items, Item("alpha", "b"), capital_follows=False) == Placement("sibling", 2)
    assert place(open_items, Item("dash", None), capital_follows=False) == Placement("child", 3)
    assert place(open_items, Item("arabic", "7"), capital_follows=True) == Placement("text")
