"""The normaliser: rewrites, and the offset map back to the original text."""

from __future__ import annotations

import sys
import unicodedata

from unittest.mock import patch

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

import nghiquyet_parser.normalise as normalise_package
from nghiquyet_parser.normalise import canonical, fold, normalise
from nghiquyet_parser.normalise.rewriter import Edit, OffsetRewriter


def test_tone_placement_and_eth() -> None:
    norm = normalise("Khoá XX, thuỷ sản, hoá học, quý, ÐIỀU")
    assert norm.text == "Khóa XX, thủy sản, hóa học, quý, ĐIỀU"


def test_nfd_is_composed_and_maps_back() -> None:
    original = unicodedata.normalize("NFD", "Hội đồng")
    norm = normalise(original)
    assert norm.text == "Hội đồng"
    start, end = norm.to_original(0, len(norm.text))
    assert (start, end) == (0, len(original))


def test_markup_removed_and_spans_map_to_the_source() -> None:
    original = "**Điều 1.** Mức&nbsp;thu <b>học phí</b>\r\n| a | b |"
    norm = normalise(original)
    assert norm.text.splitlines()[0] == "Điều 1. Mức thu học phí"
    at = norm.text.index("học phí")
    start, end = norm.to_original(at, at + len("học phí"))
    assert original[start:end] == "học phí"
    assert "a\tb" in norm.text


def test_jsontable_placeholder_dropped() -> None:
    norm = normalise('<jsontable name="bang_0"> </jsontable>\nNGHỊ QUYẾT')
    assert norm.text.strip() == "NGHỊ QUYẾT"


def test_lines_keep_offsets() -> None:
    norm = normalise("a\r\nbc\n\nd")
    assert [(l.start, l.end, l.text) for l in norm.lines()] == [(0, 1, "a"), (2, 4, "bc"), (5, 5, ""), (6, 7, "d")]


def test_fold_and_canonical() -> None:
    assert fold("Lưu: VT") == fold("Luu: VT") == "luu: vt"
    assert canonical("hoá") == "hóa"


@given(st.text(alphabet=st.sampled_from(list("aoeuyđĐÐ*|<>b/\\_#- \n\r\t\u0301\u0300\u00a0\u200bhóaòáthuỷ&;")), max_size=80))
def test_every_normalised_span_maps_inside_the_original(original: str) -> None:
    norm = normalise(original)
    previous_start = 0
    for i in range(len(norm.text)):
        start, end = norm.to_original(i, i + 1)
        assert 0 <= start < end <= len(original)
        assert start >= previous_start
        previous_start = start
    start, end = norm.to_original(0, len(norm.text))
    assert 0 <= start <= end <= len(original)


# --------------------------------------------------------------------------- one-cell-per-line tables

PIPE_TABLE = "\n".join([
    "|", "STT", "|", "Chỉ tiêu", "|", "Đơn vị", "|", "Kế hoạch", "|", "Giai đoạn", "|",
    "|", "Năm 2026", "|", "Năm 2027", "|",
    "|", "I", "|", "Nông nghiệp", "|", "|", "|", "|",
    "|", "1", "|", "Diện tích lúa", "|", "ha", "|", "1.200", "|", "1.250", "|",
    "|", "2", "|", "Sản lượng", "cả năm", "|", "tấn", "|", "8.400", "|", "8.600", "|",
])


def test_a_table_written_one_cell_per_line_becomes_tab_separated_rows() -> None:
    original = "Bảng chỉ tiêu\n\n" + PIPE_TABLE + "\n\nĐoạn sau."
    norm = normalise(original)
    rows = norm.text.split("\n\n")[1].split("\n")
    assert rows == [
        "STT\tChỉ tiêu\tĐơn vị\tKế hoạch\tGiai đoạn",  # a header row with a spanned cell is narrower
        "Năm 2026\tNăm 2027",
        "I\tNông nghiệp\t\t\t",  # a group row keeps its empty cells
        "1\tDiện tích lúa\tha\t1.200\t1.250",
        "2\tSản lượng cả năm\ttấn\t8.400\t8.600",  # a cell wrapped over two lines is one cell
    ]
    at = norm.text.index("8.600")
    start, end = norm.to_original(at, at + len("8.600"))
    assert original[start:end] == "8.600"  # separators are rewritten, cells keep their offsets
    assert norm.text.endswith("\n\nĐoạn sau.")


def test_layout_tables_and_page_wrappers_are_left_to_the_header_and_closing_readers() -> None:
    layout = "\n".join(["|", "ỦY BAN NHÂN DÂN", "|", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "|",
                        "|", "Số: 12/KH-UBND", "|", "Hà Tĩnh, ngày 5 tháng 1 năm 2025", "|"])
    assert "\t" not in normalise(layout).text
    wrapper_cell = [f"Dòng {i} của văn bản." for i in range(40)]
    wrapper = "\n".join(["|", "a", "|", *wrapper_cell, "|", "b", "|", "|", "c", "|", "d", "|", "e", "|"])
    assert "\t" not in normalise(wrapper).text


# Made-up markup that every rewrite rule of normalise/rules.py finds something in.
_EVERY_RULE = (
    '<jsontable id="1"></jsontable>\n<!-- ghi chú -->\n<P>Điều 1</p><b>Mức</b> thu &amp; &#273;\n'
    "## Tiêu đề\n> trích dẫn\n---\n| a | b |\n|---|---|\n**đậm** __gạch__ *nghiêng*\n\\- mục\n"
    "ỦY BAN\\\nô\\  kế\r\nkhông\u200brộng\u00a0cách\u2003rộng Ðà ðó"
)


def test_a_rule_is_skipped_only_where_it_cannot_match() -> None:
    """normalise skips a rule when none of its literals is in the text: every match of a
    rule must hold one of them, or a skipped text could have needed the rule."""
    from nghiquyet_parser.normalise.rules import CHARACTERS, MARKUP

    for pattern, _replacement, needs, _by_line in [*MARKUP, *CHARACTERS]:
        matches = [m.group() for m in pattern.finditer(_EVERY_RULE)]
        assert matches, f"the sample exercises no match of {pattern.pattern!r}"
        for found in matches:
            assert any(literal in found for literal in needs), (pattern.pattern, found, needs)


# --------------------------------------------------------------------------- the offset map's start


def test_the_offset_map_starts_with_each_character_its_own_range() -> None:
    rewriter = OffsetRewriter("Điều 1")
    assert list(rewriter.starts) == [0, 1, 2, 3, 4, 5]
    assert list(rewriter.ends) == [1, 2, 3, 4, 5, 6]
    assert list(OffsetRewriter("").starts) == []


def test_an_offset_beyond_32_bits_is_refused_not_wrapped() -> None:
    from nghiquyet_parser.normalise.rewriter import _identity_map

    with pytest.raises(OverflowError):
        _identity_map(2**32)  # refused before anything is allocated


# --------------------------------------------------------------------------- finding one-cell-per-line tables


def test_a_blank_line_is_made_of_what_str_strip_removes() -> None:
    from nghiquyet_parser.normalise.pipe_tables import _BLANK

    every_space = {ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace()}
    assert set(_BLANK) == every_space - {"\n"}


def _blocks_line_by_line(text: str) -> list[list[tuple[int, int]]]:
    """The definition, one line at a time: runs of '|' lines not parted by a blank line."""
    found, pipe_lines, position = [], [], 0
    for line in text.split("\n"):
        line_start, position = position, position + len(line) + 1
        if not line.strip():
            if pipe_lines:
                found.append(pipe_lines)
            pipe_lines = []
        elif line.strip(" \t") == "|":
            pipe_lines.append((line_start, line_start + len(line)))
    return found + [pipe_lines] if pipe_lines else found


@given(st.lists(st.sampled_from(["|", " \t| ", "||", "a |", "", " ", "\u3000", "\x1c\r", "\x85"]), max_size=12))
@example(["|", "a", "|", "\x1c", "|", "b", "|"])  # a line of a control character that str.strip() removes
def test_tables_are_found_by_their_pipe_and_blank_lines(lines: list[str]) -> None:
    from nghiquyet_parser.normalise.pipe_tables import _blocks

    text = "\n".join(lines)
    assert _blocks(text) == _blocks_line_by_line(text)


# --------------------------------------------------------------------------- the map through rewrites


def _apply_a_character_at_a_time(text: str, starts: list[int], ends: list[int], edits) -> tuple[str, list[int], list[int]]:
    """The map's definition: a character kept or replaced one for one keeps its range; the
    characters of any other replacement all take the range of what they replace (an
    insertion: the point after the character before)."""
    new_text, new_starts, new_ends, last = [], [], [], 0
    for a, b, new in edits:
        for i in range(last, a):
            new_text.append(text[i]), new_starts.append(starts[i]), new_ends.append(ends[i])
        if len(new) == b - a:
            for j, ch in enumerate(new):
                new_text.append(ch), new_starts.append(starts[a + j]), new_ends.append(ends[a + j])
        else:
            origin_start = starts[a] if a < b else (ends[a - 1] if a else 0)
            origin_end = ends[b - 1] if a < b else origin_start
            for ch in new:
                new_text.append(ch), new_starts.append(origin_start), new_ends.append(origin_end)
        last = b
    for i in range(last, len(text)):
        new_text.append(text[i]), new_starts.append(starts[i]), new_ends.append(ends[i])
    return "".join(new_text), new_starts, new_ends


@st.composite
def _edits(draw, text_length: int):
    cuts = sorted(draw(st.lists(st.integers(0, text_length), max_size=8)))
    pairs = zip(cuts[::2], cuts[1::2])
    return [Edit(a, b, draw(st.sampled_from(["", "x", "yz", "abc", "\t"]))) for a, b in pairs]


@given(st.text(alphabet="abcxyz", max_size=20), st.data())
def test_rewrites_keep_the_map_that_a_character_at_a_time_would(original: str, data) -> None:
    rewriter = OffsetRewriter(original)
    text, starts, ends = original, list(range(len(original))), list(range(1, len(original) + 1))
    for _round in range(3):
        edits = data.draw(_edits(len(text)))
        rewriter.apply(edits)
        text, starts, ends = _apply_a_character_at_a_time(text, starts, ends, edits)
        assert (rewriter.text, list(rewriter.starts), list(rewriter.ends)) == (text, starts, ends)


@given(st.text(alphabet=st.sampled_from(list("aoeuyđĐÐ*|<>b/\\_#-=& \n\r\t\u0301\u00a0\u200bhóaòáthuỷ;")), max_size=60))
def test_a_text_without_markup_or_odd_characters_skips_only_rules_it_cannot_need(original: str) -> None:
    """normalise spares a text in which no markup or character rule's first character
    occurs those rules: run them all the same, and nothing changes."""
    norm = normalise(original)
    with patch.object(normalise_package, "_MARKUP_OR_ODD_CHARACTER", regex.compile("")):
        unspared = normalise(original)
    assert (norm.text, list(norm._starts), list(norm._ends)) == (unspared.text, list(unspared._starts), list(unspared._ends))
    assert canonical(original) == norm.text


@given(st.text(alphabet=st.sampled_from(list(" \t|\n-:*_=<>p#a")), max_size=60))
@example("| a | b |\n|---|:--|\n | | \n\t|\n***\n**x__ ___\n")
@example("<\np>")  # a match over two lines, which a rule scanned by line would miss
def test_a_rule_scanned_by_line_finds_what_a_scan_of_the_whole_text_finds(text: str) -> None:
    from nghiquyet_parser.normalise.rewriter import _lines_holding
    from nghiquyet_parser.normalise.rules import CHARACTERS, MARKUP

    by_line = [rule for rule in [*MARKUP, *CHARACTERS] if rule.by_line]
    assert by_line, "no rule is scanned by line: this test tests nothing"
    for rule in by_line:
        whole = [match.span() for match in rule.pattern.finditer(text)]
        lines = list(_lines_holding(text, rule.needs))
        assert [match.span() for start, end in lines for match in rule.pattern.finditer(text, start, end)] == whole


def _fold_a_character_at_a_time(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def test_fold_drops_every_combining_character_and_only_those() -> None:
    every_character = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    assert fold(every_character) == _fold_a_character_at_a_time(every_character)
    assert fold(every_character) == _fold_a_character_at_a_time(every_character)  # from the filled table
