"""The body line markers through the marker ruler, one test a rule family, and how to add a style."""

from __future__ import annotations

import pytest
import regex

from nghiquyet_parser.normalise import normalise
from nghiquyet_parser.segment.lines import stripped_lines
from nghiquyet_parser.segment.markers import MARKER_RULER, MarkerRule, numbered
from nghiquyet_parser.segment.tree import TreeBuilder


def read(text: str) -> tuple[str, str, str | None, str, str] | None:
    marker = MARKER_RULER.match(text)
    if marker is None:
        return None
    return marker.rule.name, marker.kind, marker.family, marker.number, text[marker.rest:]


def test_the_rules_are_tried_in_their_declared_order() -> None:
    assert MARKER_RULER.names() == ["group", "article", "roman", "decimal", "parenthesised", "clause", "point", "bullet"]
    assert [rule.name for rule in MARKER_RULER.rules if not rule.interrupts_paragraph] == ["parenthesised"]


def test_parenthesised() -> None:
    assert read("(2) Tỷ lệ hộ nghèo giảm còn 2%")[:4] == ("parenthesised", "clause", "parenthesised", "2")


@pytest.mark.parametrize("text, expected", [
    ("Chương II. QUY ĐỊNH CHUNG", ("group", "chapter", "chapter", "II", "QUY ĐỊNH CHUNG")),
    ("PHẦN 1 - TỔNG QUAN", ("group", "part", "part", "1", "TỔNG QUAN")),
    ("Mục 3: Hỗ trợ", ("group", "section", "section", "3", "Hỗ trợ")),
])
def test_group(text: str, expected: tuple) -> None:
    assert read(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Điều 2. Tổ chức thực hiện", ("article", "article", "article", "2", "Tổ chức thực hiện")),
    ("ĐIỀU 12 Hiệu lực", ("article", "article", "article", "12", " Hiệu lực")),
])
def test_article(text: str, expected: tuple) -> None:
    assert read(text) == expected


def test_roman() -> None:
    assert read("IV. NHIỆM VỤ VÀ GIẢI PHÁP") == ("roman", "roman", "roman", "IV", "NHIỆM VỤ VÀ GIẢI PHÁP")
    assert read("II- Mục tiêu") == ("roman", "roman", "roman", "II", "Mục tiêu")


def test_decimal_is_tried_before_clause() -> None:
    assert read("2.3. Phát triển du lịch") == ("decimal", "clause", "decimal", "2.3", "Phát triển du lịch")


@pytest.mark.parametrize("text, number", [("1. Mục tiêu", "1"), ("12) Nhiệm vụ", "12"), ("3- Giải pháp", "3")])
def test_clause(text: str, number: str) -> None:
    assert read(text)[:4] == ("clause", "clause", "arabic", number)


@pytest.mark.parametrize("text, number", [("a) Hỗ trợ", "a"), ("đ. Khác", "đ"), ("b - Vốn", "b")])
def test_point(text: str, number: str) -> None:
    assert read(text)[:4] == ("point", "point", "alpha", number)


@pytest.mark.parametrize("text, family", [("- Hộ nghèo", "dash"), ("+ Vốn ngân sách", "plus"), ("• Vốn vay", "dot")])
def test_bullet(text: str, family: str) -> None:
    assert read(text)[:4] == ("bullet", "indent", family, None)


@pytest.mark.parametrize("text", ["3 Nghị định số 15/2020", "1.204,5 tỷ đồng", "34,7 %", "Điều", "(a) Rà soát"])
def test_lines_that_are_no_marker(text: str) -> None:
    assert MARKER_RULER.match(text) is None


def test_a_capital_after_the_marker_is_noted_for_gap_detection() -> None:
    assert MARKER_RULER.match("3. Bãi bỏ").capital_follows
    assert not MARKER_RULER.match("3. tỷ đồng").capital_follows


# --------------------------------------------------------------------------- adding a marker style

# "(1)", "(2)": a style the default ruler does not know. As a rule that may not interrupt
# a paragraph, it opens an item only where the paragraph before it has ended.
LETTERED = MarkerRule("lettered", regex.compile(r"^\((?P<n>[a-zđ])\)\s*(?=\S)"),
                      numbered("point", "alpha"), interrupts_paragraph=False)

ARTICLE = (
    "Điều 1. Nhiệm vụ\n"
    "Giao Ủy ban nhân dân tỉnh thực hiện các nhiệm vụ tại mục\n"
    "(a) và (b) của Kế hoạch số 5/KH-UBND.\n"
    "(a) Rà soát quy hoạch.\n"
    "(b) Cập nhật danh sách.\n"
)


def article_children(builder: TreeBuilder) -> list[tuple[str, str | None]]:
    for line in stripped_lines(normalise(ARTICLE)):
        if not line.blank:
            builder.add_line(line, after_blank=False)
    [article] = builder.roots
    return [(child.kind, child.marker) for child in article.children]


def test_a_new_marker_style_is_one_rule_in_a_ruler() -> None:
    ruler = MARKER_RULER.with_rule(LETTERED, before="point")
    assert ruler.names() == ["group", "article", "roman", "decimal", "parenthesised", "clause", "lettered", "point", "bullet"]
    assert article_children(TreeBuilder(ruler)) == [("paragraph", None), ("point", "(a)"), ("point", "(b)")]
    # the default ruler is unchanged: there, the same lines are paragraphs
    assert "lettered" not in MARKER_RULER.names()
    assert article_children(TreeBuilder()) == [("paragraph", None), ("paragraph", None), ("paragraph", None)]


def _rule_by_rule(ruler, text: str) -> str | None:
    return next((rule.name for rule in ruler.rules if rule.pattern.match(text)), None)


def test_the_ruler_skips_a_line_only_when_no_rule_matches_it() -> None:
    """The ruler first tries all its patterns as one (most lines hold no marker): it must find
    the rule that trying them one by one finds, on every line of the seed corpus and on odd ones."""
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    lines = [line.strip() for path in sorted(corpus.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    lines += ["ĐIỀU 3", "IV- Nhiệm vụ", "1.2.3 Mục tiêu", "(1) Tỷ lệ", "đ) Hỗ trợ", "• Tăng", "Tăng trưởng 7%", "", "xã (1)"]
    assert sum(_rule_by_rule(MARKER_RULER, line) is not None for line in lines) > 100  # the corpus has markers
    for ruler in (MARKER_RULER, MARKER_RULER.with_rule(LETTERED, before="point")):
        for line in lines:
            found = ruler.match(line)
            assert (found.rule.name if found else None) == _rule_by_rule(ruler, line), line


def test_rules_an_alternation_would_change_are_tried_one_by_one() -> None:
    caseless = MarkerRule("caseless", regex.compile(r"^muc\s+(?P<n>\d+)", regex.IGNORECASE), numbered("clause", "muc"))
    ruler = MARKER_RULER.with_rule(caseless, before="point")
    assert ruler._any is None
    assert ruler.match("MUC 2 abc").rule.name == "caseless"
