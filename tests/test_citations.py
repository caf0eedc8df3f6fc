"""Cited-document grammar: numbers in their official spacing, types, dates, issuers, named documents."""

from __future__ import annotations

import pytest

from nghiquyet_parser.citations import cite_paragraph, find_numbered, normalise_number


@pytest.mark.parametrize(
    ("raw", "official"),
    [("251 /TTr-UBND", "251/TTr-UBND"), ("34 / 2016/NĐ-CP", "34/2016/NĐ-CP"), ("147/BC- HĐND", "147/BC-HĐND"),
     ("26-NQ/TW", "26-NQ/TW")],
)
def test_normalise_number(raw: str, official: str) -> None:
    assert normalise_number(raw) == official


def test_numbered_citation_fields() -> None:
    text = "Căn cứ Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016 của Chính phủ quy định chi tiết;"
    (cite,) = find_numbered(text)
    assert (cite.type, cite.number, cite.date, cite.issuer) == ("Nghị định", "34/2016/NĐ-CP", "2016-05-14", "Chính phủ")
    assert text[cite.start:cite.end].startswith("Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Thông tư liên tịch số 09/2016/TTLT-BGDĐT-BTC-BLĐTBXH ngày 30/3/2016", ["09/2016/TTLT-BGDĐT-BTC-BLĐTBXH"]),
        ("thực hiện Kết luận số 26-NQ/TW ngày 05 tháng 8 năm 2008", ["26-NQ/TW"]),
        ("Xét Tờ trình số: 251 /TTr-UBND ngày 14/7/2021", ["251/TTr-UBND"]),
        ("Văn bản số 6253/UBND-SNV ngày 20/11/2025", ["6253/UBND-SNV"]),
        ("giai đoạn 2021-2025, ngày 19/6/2015, tỷ lệ 3/4 số xã", []),
    ],
)
def test_numbers_found(text: str, numbers: list[str]) -> None:
    assert [c.number for c in find_numbered(text)] == numbers


def test_type_is_read_before_the_number() -> None:
    (cite,) = find_numbered("Luật Tổ chức chính quyền địa phương số 72/2025/QH15")
    assert cite.type == "Luật"
    (cite,) = find_numbered("Thông tư liên tịch số 41/2014/TTLT-BYT-BTC")
    assert cite.type == "Thông tư liên tịch"


@pytest.mark.parametrize(
    ("text", "doc_type", "cited"),
    [
        ("Nghị định " + "x " * 12 + "12/2020/NĐ-CP", "Nghị định", "Nghị định " + "x " * 12 + "12/2020/NĐ-CP"),
        ("Nghị định " + "x " * 13 + "12/2020/NĐ-CP", None, "12/2020/NĐ-CP"),  # too far to govern the number
        ("Luật này; số 12/2020/QH14", None, "12/2020/QH14"),  # a ';' closes what the type word named
        ("Nghị định số 1/NĐ-CP và 2/QĐ-UBND", None, "2/QĐ-UBND"),  # another number stands between
    ],
)
def test_type_governs_a_number_it_is_close_to(text: str, doc_type: str | None, cited: str) -> None:
    cite = find_numbered(text)[-1]
    assert (cite.type, text[cite.start:cite.end]) == (doc_type, cited)


@pytest.mark.parametrize(("before", "span_from_type"), [(" ", True), ("x", False)])
def test_span_starts_at_a_whole_type_word_at_the_edge_of_reach(before: str, span_from_type: bool) -> None:
    # the type word stands exactly as far before the number as a type word may
    text = "Văn" + before + "luật" + " " * 116 + "12/2020/QH14"
    (cite,) = find_numbered(text)
    assert cite.type == "Luật"
    assert text[cite.start:cite.end] == ("luật" + " " * 116 if span_from_type else "") + "12/2020/QH14"


def test_named_documents_without_number() -> None:
    text = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    (cite,) = cite_paragraph(text)
    assert (cite.number, cite.name, cite.date, cite.type) == (
        None, "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "2015-06-19", "Luật")
    assert text[cite.start:cite.end] == cite.name


def test_paragraph_with_several_documents() -> None:
    text = ("Căn cứ Luật Giáo dục ngày 14/6/2005; Luật sửa đổi, bổ sung một số điều của Luật Giáo dục "
            "ngày 25/11/2009;")
    assert [c.name for c in cite_paragraph(text)] == [
        "Luật Giáo dục ngày 14/6/2005", "Luật sửa đổi, bổ sung một số điều của Luật Giáo dục ngày 25/11/2009"]


def test_named_lead_document_amended_by_numbered_one() -> None:
    text = ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã được sửa đổi, bổ sung một số điều "
            "theo Nghị quyết số 203/2025/QH15;")
    assert [c.number or c.name for c in cite_paragraph(text)] == [
        "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "203/2025/QH15"]


def test_law_named_inside_a_title_is_not_listed() -> None:
    text = "Căn cứ Nghị định số 163/2016/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Ngân sách nhà nước;"
    assert [c.number or c.name for c in cite_paragraph(text)] == ["163/2016/NĐ-CP"]


def test_considerations_skip_legal_documents_in_a_report_title() -> None:
    text = ("Xét Tờ trình số 200/TTr-UBND ngày 20/6/2025 về việc sửa đổi Nghị quyết số 22/2022/NQ-HĐND; "
            "Báo cáo thẩm tra số 84/BC-KTNS ngày 24/6/2025 của Ban Kinh tế - Ngân sách;")
    assert [c.number for c in cite_paragraph(text, named=False)] == ["200/TTr-UBND", "84/BC-KTNS"]


@pytest.mark.parametrize("text, numbers", [
    ("Thực hiện Công văn số 8935/BNV-CTTN&BĐG ngày 1/10/2025 của Bộ Nội vụ", ["8935/BNV-CTTN&BĐG"]),
    ("Thực hiện Chương trình hành động số 10-CTr/TU ngày 5/3/2025 của Tỉnh ủy", ["10-CTr/TU"]),
])
def test_party_and_joint_symbols(text: str, numbers: list[str]) -> None:
    assert [c.number for c in cite_paragraph(text)] == numbers


def test_a_document_named_in_a_title_is_not_a_basis_but_an_amendment_is() -> None:
    in_title = ("Căn cứ Quyết định số 12/QĐ-TTg ngày 2/1/2020 của Thủ tướng Chính phủ về ban hành Kế hoạch "
                "triển khai Kết luận số 45-KL/TW ngày 1/12/2019")
    assert [c.number for c in cite_paragraph(in_title)] == ["12/QĐ-TTg"]
    amended = ("Căn cứ Nghị định số 20/2020/NĐ-CP của Chính phủ về đánh giá cán bộ được sửa đổi, bổ sung bởi "
               "Nghị định số 30/2023/NĐ-CP")
    assert [c.number for c in cite_paragraph(amended)] == ["20/2020/NĐ-CP", "30/2023/NĐ-CP"]
