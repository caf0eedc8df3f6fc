"""Document shapes beyond the resolution with articles: plans and programmes without
"Điều", decisions that issue a plan attached after the signature. Every example is
made up in the shape of the real ones."""

from __future__ import annotations

from nghiquyet_parser import models
from nghiquyet_parser.normalise import normalise
from nghiquyet_parser.segment import segment

PLAN = """ỦY BAN NHÂN DÂN
HUYỆN MINH HÒA
Số: 41/KH-UBND
Minh Hòa, ngày 3 tháng 4 năm 2023

KẾ HOẠCH
THỰC HIỆN CHƯƠNG TRÌNH PHÁT TRIỂN CHĂN NUÔI
GIAI ĐOẠN 2023 - 2025

Thực hiện Nghị quyết số 12/NQ-HĐND ngày 20/12/2022 của Hội đồng nhân dân huyện về phát
triển chăn nuôi; Kế hoạch số 88/KH-UBND ngày 10/3/2023 của Ủy ban nhân dân tỉnh,
Ủy ban nhân dân huyện ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Phát triển chăn nuôi theo hướng an toàn sinh học.
II. MỤC TIÊU
1. Đến năm 2025, tổng đàn lợn đạt 45.000 con.
2. Căn cứ tình hình thực tế, các xã xây dựng kế hoạch.
"""


def test_a_plan_without_articles_gets_a_body_and_its_opening_as_legal_basis() -> None:
    structure = segment(normalise(PLAN))
    assert [(node.kind, node.number) for node in structure.body] == [("roman", "I"), ("roman", "II")]
    assert structure.body[1].children[0].text.startswith("Đến năm 2025")
    assert [[d.number for d in p.documents] for p in structure.legal_bases] == [["12/NQ-HĐND", "88/KH-UBND"]]
    assert structure.considerations == []  # "Căn cứ tình hình thực tế" in the body is no legal basis
    assert structure.header.title.startswith("Thực hiện chương trình phát triển chăn nuôi")
    assert any(w.code == "no_articles" for w in structure.warnings)


def test_the_issuing_sentence_closes_the_opening_of_a_plan() -> None:
    text = PLAN.replace(
        "triển chăn nuôi; Kế hoạch số 88/KH-UBND ngày 10/3/2023 của Ủy ban nhân dân tỉnh,\n"
        "Ủy ban nhân dân huyện ban hành Kế hoạch như sau:",
        "triển chăn nuôi.\n\nĐể phát triển chăn nuôi bền vững, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:")
    structure = segment(normalise(text))
    assert structure.enacting_formula is not None and structure.enacting_formula.style == "sentence"
    assert [[d.number for d in p.documents] for p in structure.legal_bases] == [["12/NQ-HĐND"]]


def test_a_numbered_line_inside_a_wrapped_citation_does_not_open_the_body() -> None:
    text = PLAN.replace("Thực hiện Nghị quyết số 12/NQ-HĐND", "Thực hiện Nghị quyết số\n12/NQ-HĐND")
    structure = segment(normalise(text))
    assert structure.body[0].number == "I"
    assert structure.legal_bases[0].documents[0].number == "12/NQ-HĐND"


DECISION = """ỦY BAN NHÂN DÂN TỈNH AN HÒA
Số: 300/QĐ-UBND
An Hòa, ngày 1 tháng 6 năm 2024

QUYẾT ĐỊNH
Về việc ban hành Kế hoạch phát triển du lịch

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Theo đề nghị của Sở Văn hóa tại Tờ trình số 45/TTr-SVH ngày 20/5/2024.

QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển du lịch.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Nam

KẾ HOẠCH
PHÁT TRIỂN DU LỊCH TỈNH AN HÒA GIAI ĐOẠN 2025 -
2030

Để phát huy tiềm năng du lịch, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC TIÊU
1. Đến năm 2030 đón 2 triệu lượt khách.

PHỤ LỤC 01
CHỈ TIÊU DU LỊCH
(Kèm theo Kế hoạch số 12/KH-UBND ngày 1/6/2024 của UBND tỉnh)
"""


def test_a_plan_after_the_signature_is_an_attached_document_even_without_a_caption() -> None:
    structure = segment(normalise(DECISION))
    assert [node.number for node in structure.body] == ["1", "2"]
    assert [d.number for p in structure.considerations for d in p.documents] == ["45/TTr-SVH"]
    (plan,) = structure.attachments
    assert plan.title == "Kế hoạch phát triển du lịch tỉnh An Hòa giai đoạn 2025 - 2030"  # the figures line ends the title
    assert [node.number for node in plan.body if node.kind == "roman"] == ["I"]
    assert structure.closing.signature.person == "Trần Văn Nam"
    (appendix,) = structure.appendices
    assert appendix.title.startswith("PHỤ LỤC 01")


def test_a_target_of_an_attached_plan_has_no_article() -> None:
    structure = segment(normalise(DECISION))
    block = next(b for b in structure.blocks if "2 triệu lượt khách" in normalise(DECISION).text[b.start:b.end])
    assert block.region == "attachment" and block.article is None


def test_numbered_decisions_after_the_enacting_line_are_the_body() -> None:
    text = """HỘI ĐỒNG NHÂN DÂN XÃ AN BÌNH
Số: 05/NQ-HĐND

NGHỊ QUYẾT
Về việc thông qua đề án

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Xét Tờ trình số 10/TTr-UBND ngày 2/3/2020 của Ủy ban nhân dân xã.

QUYẾT NGHỊ:
1. Nhất trí thông qua đề án.
2. Giao Ủy ban nhân dân xã tổ chức thực hiện.
"""
    structure = segment(normalise(text))
    assert structure.enacting_formula is not None and structure.enacting_formula.style == "quyet_nghi"
    assert [(node.kind, node.number) for node in structure.body] == [("clause", "1"), ("clause", "2")]
    assert [d.number for p in structure.considerations for d in p.documents] == ["10/TTr-UBND"]
    assert isinstance(structure.body[0], models.Node)


def test_an_attached_document_and_an_appendix_say_what_they_are_attached_to() -> None:
    structure = segment(normalise(DECISION))
    (plan,) = structure.attachments
    assert plan.document_type == "Kế hoạch" and plan.attached_to is None  # no caption: nothing said
    (appendix,) = structure.appendices
    assert (appendix.attached_to.type, appendix.attached_to.number, appendix.attached_to.date) == \
        ("Kế hoạch", "12/KH-UBND", "2024-06-01")
    assert DECISION[appendix.attached_to.span.start:appendix.attached_to.span.end].startswith("Kế hoạch số 12/KH-UBND")
