"""The segmenter's shortcuts for speed give what the long way gives: a gate tried before
a costlier test rules out only lines the test would refuse, a one-pattern match picks the
rule the rules tried in turn would, a field-by-field copy keeps every field. Examples are
made up, and the lines of the corpora are checked too."""

from __future__ import annotations

import dataclasses

import pytest
import regex
from conftest import PROJECT_DOCS, SHARED_DOCS

from nghiquyet_parser.normalise import normalise
from nghiquyet_parser.segment import TextBlock, segment
from nghiquyet_parser.segment.footnotes import FOOTNOTE, opens_footnote
from nghiquyet_parser.segment.lines import (
    TERMINAL,
    Paragraph,
    StrippedLine,
    bare,
    is_or_opens_with,
    stripped_lines,
    structure_words,
)
from nghiquyet_parser.segment.markers import MARKER_RULER
from nghiquyet_parser.segment.preamble import _text_offsets
from nghiquyet_parser.segment.regions import _ADOPTION_OPENING, ADOPTION_START, split_regions
from nghiquyet_parser.segment.title import _phrase_starts

MADE_UP_LINES = [
    "Nghị quyết này đã được Hội đồng nhân dân tỉnh Minh Hòa khóa X, kỳ họp thứ 7 thông qua",
    "NGHỊ QUYẾT NÀY ĐƯỢC HỘI ĐỒNG NHÂN DÂN HUYỆN THÔNG QUA",
    "**Nghị quyết này đã được** Hội đồng nhân dân tỉnh thông qua ngày 8 tháng 7 năm 2022.",
    "Nghị", "quyết này đã được Hội đồng nhân dân tỉnh khóa X thông qua.",
    "Nghị quyết", "này được Hội đồng nhân dân xã thông qua",
    "Nghịquyết này", "Nghị\tquyết này", " Nghị quyết", "* Nghị quyết này được", "Nghi quyet",
    "Điều 1. Phạm vi điều chỉnh", "1. Tỷ lệ hộ nghèo giảm còn 2%", "I. MỤC TIÊU", "a) Đến năm 2025",
    "(2) Trồng mới 300 ha rừng", "1.2. Chỉ tiêu", "- Lưu: VT.", "+ Xã Đông", "• Một mục", "Chương II",
    "Mục 1. QUY ĐỊNH CHUNG", "Phần I", "IV - NHIỆM VỤ", "2/ Giao thông", "đ. Chỉ tiêu khác", "3) Điện",
    "178/QĐ-TTg ngày 5/2/2020", "Tỷ lệ 34,7 %", "", "*", "ĐIỀU 3 Hiệu lực",
]


def _corpus_lines() -> list[str]:
    """Every line of the project's corpus and, where present, of the shared one."""
    return [line.strip() for path in PROJECT_DOCS + SHARED_DOCS
            for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_adoption_gate_refuses_only_lines_that_cannot_begin_the_sentence() -> None:
    lines = MADE_UP_LINES + _corpus_lines()
    for i, line in enumerate(lines):
        lookahead = " ".join(lines[i:i + 4]).replace("*", "")
        if ADOPTION_START.match(lookahead):
            assert _ADOPTION_OPENING.match(bare(line)), line
    assert not _ADOPTION_OPENING.match("Nghịquyết này")  # the gate can fail


def test_an_adoption_sentence_broken_after_its_first_word_opens_the_closing() -> None:
    text = ("Điều 1. Thông qua kế hoạch.\nĐiều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện.\n"
            "Nghị\nquyết này đã được Hội đồng nhân dân tỉnh khóa X, kỳ họp thứ 7 thông qua.\n"
            "Nơi nhận:\n- Như Điều 2;\n")
    regions = split_regions(stripped_lines(normalise(text)))
    assert [region.kind for region in regions] == ["body", "closing"]
    assert regions[1].lines[0].text == "Nghị"


def test_the_marker_ruler_reads_the_rule_that_trying_the_rules_in_turn_reads() -> None:
    for line in MADE_UP_LINES + _corpus_lines():
        marker = MARKER_RULER.match(line)
        first = next((rule for rule in MARKER_RULER.rules if rule.pattern.match(line)), None)
        assert (marker.rule if marker else None) is first, line
        if marker:
            m = first.pattern.match(line)
            assert (marker.rest, marker.number) == (m.end(), first.read(m).number)


def test_placed_keeps_every_field_of_a_text_block() -> None:
    values = {"start": 3, "end": 9, "path": "Điều 2 › 1", "article": 2, "kind": "clause", "region": "body",
              "status": "result", "period": "năm 2024"}
    assert [field.name for field in dataclasses.fields(TextBlock)] == list(values)  # a new field: give it a value
    block = TextBlock(**values)
    assert block.placed("target", "2026-2030") == dataclasses.replace(block, status="target", period="2026-2030")
    assert block.placed("result", "năm 2024") is block


def test_opens_footnote_is_the_footnote_pattern_matching() -> None:
    lines = MADE_UP_LINES + ["[1] Theo số liệu của Cục Thống kê", "\ufffd: Kể cả vốn vay", "[a] chú thích", "[12]"]
    for line in lines + _corpus_lines():
        assert opens_footnote(line) == bool(FOOTNOTE.match(line)), line


@pytest.mark.parametrize("words, phrase", [
    (["về", "hội", "đồng", "nhân", "dân", "tỉnh", "hội", "đồng", "nhân", "dân"], "hội đồng nhân dân"),
    (["quốc", "hội", "quốc", "quốc", "hội"], "quốc hội"),
    (["", "nghị", "quyết", ""], "nghị quyết"),
    (["đề"], "đề án"),
    ([], "đề án"),
])
def test_phrase_starts_are_those_of_comparing_every_window(words: list[str], phrase: str) -> None:
    size = len(phrase.split())
    every_window = [i for i in range(len(words) - size + 1) if " ".join(words[i:i + size]) == phrase]
    assert list(_phrase_starts(words, phrase)) == every_window


def test_a_node_spans_its_whole_subtree() -> None:
    """A draft's end is its own lines'; its node's span reaches its last descendant's line."""
    text = ("NGHỊ QUYẾT\nQUYẾT NGHỊ:\nĐiều 1. Mục tiêu\nI. KẾT QUẢ\n1. Tỷ lệ hộ nghèo giảm còn 2%.\n"
            "a) Huyện A giảm còn 1%;\nb) Huyện B giảm còn 3%.\nĐiều 2. Tổ chức thực hiện\n")
    norm = normalise(text)
    article = segment(norm).body[0]
    roman = article.children[0]
    last_point_end = text.index("3%.") + len("3%.")
    assert article.span.end == roman.span.end == roman.children[0].span.end == last_point_end


def _offsets_word_by_word(para: Paragraph) -> list[int]:
    """The rejoined text's offsets read one word at a time, as `_text_offsets` did before its shortcut."""
    mapping: list[int] = []
    for line in para.lines:
        for word in regex.finditer(r"\S+", line.text):
            if mapping:
                mapping.append(line.start + word.start() - 1)
            mapping.extend(range(line.start + word.start(), line.start + word.end()))
    return mapping


@pytest.mark.parametrize("texts", [
    ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "Căn cứ Nghị định số 12/2020/NĐ-CP"],
    ["Căn cứ  Luật\tĐầu tư công", "", " Xét Tờ trình số 5 ", "ngày\xa05/1/2024\u2003của UBND"],
    ["a", "b c", "\x1cd  e"],
])
def test_text_offsets_are_those_read_word_by_word(texts: list[str]) -> None:
    lines, at = [], 7
    for i, text in enumerate(texts):
        lines.append(StrippedLine(i, at, at + len(text), text))
        at += len(text) + 2
    para = Paragraph(lines)
    assert _text_offsets(para) == _offsets_word_by_word(para)


@pytest.mark.parametrize("text", ["QUY ĐỊNH", "QUY ĐỊNH CHUNG", "QUY ĐỊNHX", "QUY", "", "KẾ HOẠCH", "Kế hoạch số 5",
                                  "KẾ HOẠCH\tX", "QUY CHẾ ", "CHƯƠNG TRÌNH HÀNH ĐỘNG"])
def test_is_or_opens_with_is_a_word_or_a_word_and_a_space(text: str) -> None:
    words = structure_words("attachment_title")
    assert is_or_opens_with(text, "attachment_title") == (text in words or any(text.startswith(w + " ") for w in words))


def test_terminal_searched_from_the_end_finds_what_a_forward_search_finds() -> None:
    forward = regex.compile(TERMINAL.pattern)
    made_up = ["Điều 1. Phạm vi.", "gồm:", "năm 2025;", "(đạt 95%).", "“Hạnh phúc”", "a.\n", "a. b", "…)*  ", "."]
    for line in made_up + MADE_UP_LINES + _corpus_lines():
        assert bool(TERMINAL.search(line)) == bool(forward.search(line)), line
