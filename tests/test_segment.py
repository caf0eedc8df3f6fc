"""The segmenter: the seed's structure, synthetic layouts, and span fidelity over the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from nghiquyet_parser import models
from nghiquyet_parser.normalise import normalise
from nghiquyet_parser.segment import Structure, segment


def run(text: str) -> Structure:
    return segment(normalise(text))


def articles(nodes: list[models.Node]) -> list[models.Node]:
    found = []
    for node in nodes:
        if node.kind == "article":
            found.append(node)
        elif node.kind in ("part", "chapter", "section"):
            found.extend(articles(node.children))
    return found


# --------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Structure:
    return run(seed_text)


def test_seed_articles_and_headings(seed: Structure) -> None:
    found = articles(seed.body)
    assert [a.number for a in found] == ["1", "2", "3"]
    assert [a.heading for a in found] == [
        "Đánh giá tình hình thực hiện nhiệm vụ phát triển kinh tế xã hội 6 tháng đầu năm 2021",
        "Nhiệm vụ phát triển kinh tế – xã hội 6 tháng cuối năm 2021",
        "Tổ chức thực hiện",
    ]


def test_seed_sections_of_article_2_hold_their_items(seed: Structure) -> None:
    article_2 = articles(seed.body)[1]
    sections = [c for c in article_2.children if c.kind == "roman"]
    assert [s.number for s in sections] == ["I", "II"]
    first, second = sections
    assert [c.number for c in first.children if c.kind == "clause"] == [str(n) for n in range(1, 19)]
    assert [c.number for c in second.children if c.kind == "clause"] == [str(n) for n in range(1, 11)]
    assert first.children[16].marker == "17 -"
    # A line opening with ". " continues item 2's sentence instead of starting a paragraph.
    item_2 = second.children[1]
    assert "OCOP đã đăng ký . Tăng cường" in item_2.text or "OCOP đã đăng ký. Tăng cường" in item_2.text


def test_seed_paths_and_blocks(seed: Structure) -> None:
    item = articles(seed.body)[1].children[1].children[2]
    assert item.path == "Điều 2 › II › 3"
    body_blocks = [b for b in seed.blocks if b.region == "body"]
    assert body_blocks == sorted(body_blocks, key=lambda b: b.start)
    assert {b.article for b in body_blocks} == {1, 2, 3}
    assert any(b.path == "Điều 2 › I › 18" and b.kind == "clause" for b in body_blocks)


def test_seed_preamble(seed: Structure) -> None:
    assert [d.number for p in seed.legal_bases for d in p.documents] == ["77/2015/QH13", "47/2019/QH14"]
    (consideration,) = seed.considerations
    tottrinh = consideration.documents[0]
    assert (tottrinh.number, tottrinh.date, tottrinh.type) == ("251/TTr-UBND", "2021-07-14", "Tờ trình")
    assert seed.enacting_formula is not None and seed.enacting_formula.style == "quyet_nghi"


def test_seed_header(seed: Structure) -> None:
    header = seed.header
    assert header.issuer is not None
    assert (header.issuer.level, header.issuer.unit_type, header.issuer.locality) == ("district", "huyện", "Bình Lục")
    assert header.issuer.name == "Hội đồng nhân dân huyện Bình Lục"
    assert (header.term, header.session, header.session_kind) == ("XX", 2, "regular")


def test_seed_closing(seed: Structure) -> None:
    adoption = seed.closing.adoption
    assert adoption is not None and adoption.date == "2021-07" and adoption.term == "XX" and adoption.session == 2
    assert [r.text for r in seed.closing.recipients] == ["Luu VT"]
    (footnote,) = seed.footnotes
    assert footnote.marker == "\ufffd" and footnote.text.startswith("2 sản phẩm nho")


def test_seed_spans_round_trip(seed_text: str, seed: Structure) -> None:
    check_spans(seed_text, seed)


# --------------------------------------------------------------------------- synthetic layouts

INTERLEAVED = """HỘI ĐỒNG NHÂN DÂN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG TRỊ
Độc lập - Tự do - Hạnh phúc
Số: 05 /2019/NQ-HĐND
Đông Hà, ngày 12 tháng 4 năm 2019
NGHỊ QUYẾT
VỀ VIỆC PHÂN BỔ VỐN CHO HUYỆN HẢI LĂNG
HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG TRỊ
KHÓA VII, KỲ HỌP CHUYÊN ĐỀ LẦN THỨ 3
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị định số 34 / 2016/NĐ-CP ngày 14/5/2016 của Chính phủ;
Xét Tờ trình số 251 /TTr-UBND ngày 20 tháng 3 năm 2019 của Ủy ban nhân dân tỉnh;
QUYẾT NGHỊ:
Điều 1. Phân bổ vốn
1. Vốn năm 2019 là 20 tỷ đồng cho
2 xã vùng cao.
2. Giao Ủy ban nhân dân tỉnh thực hiện:
a) Lập kế hoạch;
b) Báo cáo kết quả.
Điều 2. Tổ chức thực hiện
Nghị quyết này đã được Hội đồng nhân dân tỉnh Quảng Trị Khóa VII, Kỳ họp chuyên đề lần thứ 3
thông qua ngày 12 tháng 4 năm 2019 và có hiệu lực từ ngày 22 tháng 4 năm 2019./.
Nơi nhận:
- Thường trực HĐND tỉnh;
- Lưu: VT.
TM. HỘI ĐỒNG NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
"""


def test_interleaved_header_columns() -> None:
    s = run(INTERLEAVED)
    h = s.header
    assert h.issuer is not None and h.issuer.name == "Hội đồng nhân dân tỉnh Quảng Trị"
    assert h.issuer.level == "province"
    assert (h.number, h.place, h.date) == ("05/2019/NQ-HĐND", "Đông Hà", "2019-04-12")
    assert h.document_type == "Nghị quyết"
    assert h.title == "Về việc phân bổ vốn cho huyện Hải Lăng"
    assert (h.term, h.session, h.session_kind) == ("VII", 3, "thematic")


def test_wrapped_number_is_not_an_item_and_points_nest() -> None:
    s = run(INTERLEAVED)
    article = articles(s.body)[0]
    clauses = article.children
    assert [c.number for c in clauses] == ["1", "2"]
    assert clauses[0].text == "Vốn năm 2019 là 20 tỷ đồng cho 2 xã vùng cao."
    assert [p.number for p in clauses[1].children] == ["a", "b"]


def test_citations_and_closing_of_synthetic() -> None:
    s = run(INTERLEAVED)
    assert [d.number or d.name for p in s.legal_bases for d in p.documents] == [
        "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "34/2016/NĐ-CP"]
    assert s.considerations[0].documents[0].number == "251/TTr-UBND"
    adoption = s.closing.adoption
    assert adoption is not None and (adoption.date, adoption.effective_date) == ("2019-04-12", "2019-04-22")
    assert [r.text for r in s.closing.recipients] == ["Thường trực HĐND tỉnh", "Lưu: VT"]
    sig = s.closing.signature
    assert sig is not None and (sig.authority, sig.role, sig.person) == ("TM.", "Chủ tịch", "Nguyễn Văn An")
    check_spans(INTERLEAVED, s)


ATTACHED = """HỘI ĐỒNG NHÂN DÂN TỈNH HẬU GIANG
KHÓA IX KỲ HỌP THỨ SÁU
Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;
QUYẾT NGHỊ:
Điều 1. Ban hành kèm theo Nghị quyết này Quy định mức chi.
Điều 2. Nghị quyết có hiệu lực từ ngày 01 tháng 8 năm 2017.
Nghị quyết này được Hội đồng nhân dân tỉnh thông qua ngày 13 tháng 7 năm 2017./.

QUY ĐỊNH
MỨC CHI CHO CÔNG TÁC PHÍ
(Ban hành kèm theo Nghị quyết số 07/2017/NQ-HĐND ngày 13 tháng 7 năm 2017)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy định này quy định mức chi.
Điều 2. Đối tượng áp dụng
Cán bộ, công chức.

PHỤ LỤC I
MỨC CHI CỤ THỂ
STT\tNội dung\tMức chi
1\tCông tác phí\t200.000
"""


def test_attachment_and_appendix_are_kept_out_of_the_body() -> None:
    s = run(ATTACHED)
    assert [a.number for a in articles(s.body)] == ["1", "2"]
    assert s.header.number == "07/2017/NQ-HĐND"  # no "Số:" line: the caption states it
    assert (s.header.issuer.name, s.header.term, s.header.session) == ("Hội đồng nhân dân tỉnh Hậu Giang", "IX", 6)
    (attachment,) = s.attachments
    assert attachment.title == "Quy định mức chi cho công tác phí"
    assert attachment.caption.startswith("(Ban hành kèm theo Nghị quyết số 07/2017/NQ-HĐND")
    (chapter,) = attachment.body
    assert chapter.kind == "chapter" and chapter.heading == "QUY ĐỊNH CHUNG"
    assert [a.heading for a in chapter.children] == ["Phạm vi điều chỉnh", "Đối tượng áp dụng"]
    (appendix,) = s.appendices
    assert appendix.title.startswith("PHỤ LỤC I")
    table = appendix.body[0]
    assert table.kind == "table" and table.rows == [["STT", "Nội dung", "Mức chi"], ["1", "Công tác phí", "200.000"]]
    assert all(b.article is None for b in s.blocks if b.region in ("attachment", "appendix"))
    check_spans(ATTACHED, s)


def test_sentence_enacting_formula_and_missing_articles_warn() -> None:
    text = ("HỘI ĐỒNG NHÂN DÂN XÃ AN NINH\nCăn cứ Luật số 72/2025/QH15;\n"
            "Hội đồng nhân dân xã An Ninh ban hành Nghị quyết về kế hoạch năm 2026.\nNội dung kế hoạch.\n")
    s = run(text)
    assert s.enacting_formula is not None and s.enacting_formula.style == "sentence"
    assert s.header.issuer.level == "commune"
    assert any(w.code == "no_articles" for w in s.warnings)


# --------------------------------------------------------------------------- span fidelity


def walk(nodes: list[models.Node]):
    for node in nodes:
        yield node
        yield from walk(node.children)


def squash(text: str) -> str:
    return " ".join(normalise(text).text.replace("*", " ").split())


def check_spans(original: str, s: Structure) -> None:
    """Every node's span is where its text comes from: original[start:end] holds it."""
    nodes = list(walk(s.body))
    for attachment in s.attachments:
        nodes.extend(walk(attachment.body))
    for appendix in s.appendices:
        nodes.extend(walk(appendix.body))
    for node in nodes:
        assert 0 <= node.span.start < node.span.end <= len(original), node.path
        source = squash(original[node.span.start:node.span.end])
        for part in (node.heading, node.text):
            if part:
                assert squash(part) in source, (node.path, part[:60], source[:120])
        if node.marker:
            assert source.startswith(squash(node.marker)[:4]), (node.path, node.marker, source[:40])
        for child in node.children:  # a node's span holds its whole subtree
            assert node.span.start <= child.span.start and child.span.end <= node.span.end, (node.path, child.path)
    for paragraph in [*s.legal_bases, *s.considerations]:
        assert squash(paragraph.text) == squash(original[paragraph.span.start:paragraph.span.end])
        for document in paragraph.documents:
            assert squash(document.name) in squash(original[document.span.start:document.span.end])
    parts = [*s.closing.recipients, *s.footnotes]
    if s.closing.adoption:
        parts.append(s.closing.adoption)
    for part in parts:
        assert squash(part.text) in squash(original[part.span.start:part.span.end])
    for block in s.blocks:
        assert 0 <= block.start < block.end


def shared_documents(corpus: Path) -> list[Path]:
    return sorted((corpus / "docs").glob("*.txt"))


def test_every_shared_document_segments_with_faithful_spans(shared_corpus: Path) -> None:
    documents = shared_documents(shared_corpus)
    assert documents
    for path in documents:
        original = path.read_text(encoding="utf-8")
        structure = segment(normalise(original))
        check_spans(original, structure)


def test_shared_gold_articles_match_exactly(shared_corpus: Path) -> None:
    import json

    for gold_path in sorted((shared_corpus / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        document = shared_corpus / "docs" / gold["document"]
        if not document.is_file():
            continue
        s = segment(normalise(document.read_text(encoding="utf-8")))
        assert [int(a.number) for a in articles(s.body)] == [a["number"] for a in gold["articles"]], gold_path.name


COLUMNS = """HỘI ĐỒNG NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  THỊ XÃ DUY TIÊN                         Độc lập - Tự do - Hạnh phúc
Số: 38/NQ-HĐND                            Duy Tiên, ngày 15 tháng 12 năm 2023

                              NGHỊ QUYẾT
            VỀ KẾ HOẠCH ĐẦU TƯ CÔNG NĂM 2024 CỦA THỊ XÃ DUY TIÊN
                  HỘI ĐỒNG NHÂN DÂN THỊ XÃ DUY TIÊN
                     KHÓA XX, KỲ HỌP THỨ MƯỜI BỐN

Căn cứ Luật Đầu tư công số 39/2019/QH14;
Xét Tờ trình số 12/TTr-UBND ngày 01/12/2023 của Ủy ban nhân dân thị xã;

                              QUYẾT NGHỊ:
Điều 1.
Thông qua kế hoạch đầu tư công năm 2024.
Điều 2. Tổ chức thực hiện
Giao Ủy ban nhân dân thị xã thực hiện.
Nghị quyết này đã được Hội đồng nhân dân thị xã thông qua ngày 15 tháng 12 năm 2023./.

Nơi nhận:                                         TM. HỘI ĐỒNG NHÂN DÂN
- Thường trực HĐND tỉnh;                                 KT. CHỦ TỊCH
- Lưu: VT.                                            PHÓ CHỦ TỊCH

                                                    Trần Thị Thu Hà
"""


def test_side_by_side_columns_in_header_and_signature() -> None:
    s = run(COLUMNS)
    h = s.header
    assert (h.issuer.name, h.issuer.level) == ("Hội đồng nhân dân thị xã Duy Tiên", "district")
    assert (h.number, h.place, h.date, h.term, h.session) == ("38/NQ-HĐND", "Duy Tiên", "2023-12-15", "XX", 14)
    assert h.title == "Về kế hoạch đầu tư công năm 2024 của thị xã Duy Tiên"
    first, second = articles(s.body)
    assert first.heading == "Thông qua kế hoạch đầu tư công năm 2024"  # "Điều 1." alone: the heading follows
    assert second.heading == "Tổ chức thực hiện" and second.children[0].text == "Giao Ủy ban nhân dân thị xã thực hiện."
    assert [r.text for r in s.closing.recipients] == ["Thường trực HĐND tỉnh", "Lưu: VT"]
    sig = s.closing.signature
    assert (sig.authority, sig.body, sig.role, sig.person) == ("TM.", "Hội đồng nhân dân", "Phó Chủ tịch", "Trần Thị Thu Hà")
    check_spans(COLUMNS, s)


def test_huge_lines_do_not_backtrack() -> None:
    text = "Căn cứ " + "Luật số 1/2015/QH13 ngày 19 tháng 6 năm 2015, " * 2000 + "\nQUYẾT NGHỊ:\n" + "HỘI ĐỒNG " * 20000
    s = run(text)
    assert s.legal_bases and s.legal_bases[0].documents[0].number == "1/2015/QH13"


def test_sitting_dates_and_unparsed_adoption_date() -> None:
    text = ("HỘI ĐỒNG NHÂN DÂN TỈNH NAM ĐỊNH\nKHÓA XVI, KỲ HỌP THỨ TƯ\n(Từ ngày 11 đến ngày 13/7/2007)\n"
            "Căn cứ Luật số 11/2003/QH11;\nQUYẾT NGHỊ:\nĐiều 1. Thông qua kế hoạch.\n"
            "Nghị quyết này được Hội đồng nhân dân tỉnh thông qua ngày mười ba tháng bảy.\n")
    s = run(text)
    assert s.header.sitting_dates == ["2007-07-11", "2007-07-13"]
    assert s.header.session == 4
    assert s.closing.adoption is not None and s.closing.adoption.date is None
    assert [w.code for w in s.warnings] == ["unparsed_date"]


def test_quoted_amendment_restarts_numbering_and_gaps_warn() -> None:
    text = ("Căn cứ Luật số 72/2025/QH15;\nQUYẾT NGHỊ:\nĐiều 1. Sửa đổi một số điều\n"
            "1. Sửa đổi Điều 8 như sau:\n“Điều 8. Mức hỗ trợ\n1. Hộ nghèo được hỗ trợ.\n2. Hộ cận nghèo được hỗ trợ.”\n"
            "2. Bãi bỏ Điều 9.\n4. Bãi bỏ Điều 10.\nĐiều 2. Hiệu lực thi hành\n")
    s = run(text)
    first, second = articles(s.body)
    assert [c.number for c in first.children] == ["1", "2", "4"]
    quoted = [c for c in first.children[0].children if c.kind == "clause"]
    assert [c.number for c in quoted] == ["1", "2"]
    assert quoted[0].path == "Điều 1 › 1 › 1"
    assert [w.code for w in s.warnings] == ["numbering_gap"]
    assert second.heading == "Hiệu lực thi hành"


def test_a_line_opening_with_a_measured_value_continues_the_paragraph() -> None:
    # PDF text layers wrap 'Thương mại - dịch vụ:' / '41,3 %' across lines
    structure = run(
        "NGHỊ QUYẾT\nQUYẾT NGHỊ:\nĐiều 1. Chỉ tiêu\n"
        "1. Cơ cấu kinh tế: Thương mại - dịch vụ:\n41,3 %; nông nghiệp 12 %.\n"
        "2. Giá trị sản xuất đạt\n1.204,5 tỷ đồng.\n3. Tỷ lệ hộ nghèo giảm còn 1,2%.\n"
    )
    [article] = articles(structure.body)
    assert [(item.number, " ".join(item.text.split())) for item in article.children] == [
        ("1", "Cơ cấu kinh tế: Thương mại - dịch vụ: 41,3 %; nông nghiệp 12 %."),
        ("2", "Giá trị sản xuất đạt 1.204,5 tỷ đồng."),
        ("3", "Tỷ lệ hộ nghèo giảm còn 1,2%."),
    ]


def test_a_list_announced_by_gom_colon_runs_on_into_the_next_line() -> None:
    structure = run(
        "NGHỊ QUYẾT\nQUYẾT NGHỊ:\nĐiều 1. Phạm vi\n"
        "1. Áp dụng tại 4 xã thuộc huyện, gồm:\nPhú Lâm, Tân Hòa, Đông Sơn, Hải An.\n"
        "2. Nhiệm vụ như sau:\nRà soát, cập nhật danh sách.\n"
    )
    [article] = articles(structure.body)
    first, second = article.children
    assert " ".join(first.text.split()) == "Áp dụng tại 4 xã thuộc huyện, gồm: Phú Lâm, Tân Hòa, Đông Sơn, Hải An."
    assert [child.text for child in second.children] == ["Rà soát, cập nhật danh sách."]  # 'như sau:' ends a sentence


def test_header_of_a_peoples_committee_plan_and_decision() -> None:
    plan = run(
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH NINH THUẬN\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 77/KH-UBND\tNinh Thuận, ngày 03 tháng 3 năm 2025\n\nKẾ HOẠCH\n"
        "PHÁT TRIỂN DU LỊCH CỘNG ĐỒNG TỈNH NINH THUẬN NĂM 2025\n"
        "Thực hiện Nghị quyết số 12/NQ-HĐND ngày 10 tháng 12 năm 2024 của Hội đồng nhân dân tỉnh.\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Phát triển du lịch cộng đồng.\n"
    ).header
    assert (plan.document_type, plan.issuer.name, plan.issuer.level, plan.number, plan.date) == (
        "Kế hoạch", "Ủy ban nhân dân tỉnh Ninh Thuận", "province", "77/KH-UBND", "2025-03-03",
    )
    assert plan.title == "Phát triển du lịch cộng đồng tỉnh Ninh Thuận năm 2025"
    decision = run(
        "THỦ TƯỚNG CHÍNH PHỦ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 15/QĐ-TTg\tHà Nội, ngày 02 tháng 1 năm 2025\n"
        "QUYẾT ĐỊNH\nPhê duyệt đề án thí điểm\nTHỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n"
        "QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt đề án.\n"
    ).header
    assert (decision.document_type, decision.issuer.name, decision.title) == ("Quyết định", "Thủ tướng Chính phủ", "Phê duyệt đề án thí điểm")
