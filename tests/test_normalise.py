"""The normaliser: rewrites, and the offset map back to the original text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from nghiquyet_parser.normalise import canonical, fold, normalise


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
