"""Header and preamble on the layouts of issuers, years and portals the gold does not cover.

Every text here is made up, one per class of layout: header columns as table cells,
cells broken over lines, the motto on the issuer's line, the number under the issuer
or missing, term and session in any order, bulleted preambles, several documents per
"Căn cứ", considerations opened by other words than "Xét", symbols typed with stray
spaces or dots, and drafts with blanks.
"""

from __future__ import annotations

from nghiquyet_parser.normalise import normalise
from nghiquyet_parser.segment import Structure, segment


def run(text: str) -> Structure:
    return segment(normalise(text))


def spelled(text: str, s: Structure, field: str) -> str:
    span = s.header.spans[field]
    return text[span.start:span.end]


def cited(s: Structure, kind: str = "legal_bases") -> list[str]:
    return [d.number or d.name for p in getattr(s, kind) for d in p.documents]


BODY = "QUYẾT NGHỊ:\nĐiều 1. Thông qua kế hoạch.\nĐiều 2. Tổ chức thực hiện.\n"


PIPE_CELLS = """| HỘI ĐỒNG NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
| QUẬN THỦ ĐỨC | Độc lập - Tự do - Hạnh phúc |
| Số: 12/NQ-HĐND | Thủ Đức, ngày 5 tháng 1 năm 2008 |
NGHỊ QUYẾT
Về nhiệm vụ năm 2008
HỘI ĐỒNG NHÂN DÂN QUẬN THỦ ĐỨC
KỲ HỌP THỨ BẢY, KHÓA XVII
Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;
Xét Tờ trình số 12/TTr-UBND ngày 2 tháng 1 năm 2008 của Ủy ban nhân dân quận;
""" + BODY


def test_header_as_table_cells_with_session_before_term() -> None:
    s = run(PIPE_CELLS)
    h = s.header
    assert (h.issuer.name, h.issuer.level) == ("Hội đồng nhân dân quận Thủ Đức", "district")
    assert (h.number, h.place, h.date, h.term, h.session) == ("12/NQ-HĐND", "Thủ Đức", "2008-01-05", "XVII", 7)
    assert spelled(PIPE_CELLS, s, "number") == "12/NQ-HĐND"
    assert spelled(PIPE_CELLS, s, "date") == "ngày 5 tháng 1 năm 2008"
    assert spelled(PIPE_CELLS, s, "term") == "KHÓA XVII"
    assert spelled(PIPE_CELLS, s, "session") == "KỲ HỌP THỨ BẢY"
    assert spelled(PIPE_CELLS, s, "issuer") == "HỘI ĐỒNG NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| QUẬN THỦ ĐỨC" \
        or spelled(PIPE_CELLS, s, "issuer").startswith("HỘI ĐỒNG NHÂN DÂN")
    assert cited(s, "considerations") == ["12/TTr-UBND"]


BROKEN_CELL = """HỘI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
ĐỒNG NHÂN DÂN HUYỆN CẦN GIỜ\tĐộc lập - Tự do - Hạnh phúc
Số: 7/2010/NQ-HĐND\tCần Giờ, ngày 05/01/2010
NGHỊ QUYẾT
Về dự toán ngân sách năm 2010
HỘI ĐỒNG NHÂN DÂN HUYỆN CẦN GIỜ
KHÓA VII, NHIỆM KỲ 2004-2009,
KỲ HỌP THỨ 12
Căn cứ Luật Ngân sách nhà nước số 01/2002/QH11;
Xét Tờ trình số 46/TTr-UBND ngày 1 tháng 1 năm 2010 của Ủy ban nhân dân huyện;
""" + BODY


def test_issuer_cell_broken_over_lines_numeric_date_and_term_before_session_over_two_lines() -> None:
    s = run(BROKEN_CELL)
    h = s.header
    assert (h.issuer.name, h.issuer.level) == ("Hội đồng nhân dân huyện Cần Giờ", "district")
    assert (h.number, h.place, h.date, h.term, h.session) == ("7/2010/NQ-HĐND", "Cần Giờ", "2010-01-05", "VII", 12)
    assert spelled(BROKEN_CELL, s, "date") == "ngày 05/01/2010"
    assert spelled(BROKEN_CELL, s, "place") == "Cần Giờ"


MOTTO_ON_ISSUER_LINE = """HỘI ĐỒNG NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHỐ PHAN RANG - THÁP CHÀM Độc lập - Tự do - Hạnh phúc
Số: 31/NQ-HĐND Phan Rang - Tháp Chàm, ngày 20 tháng 12 năm 2016
NGHỊ QUYẾT
Về kế hoạch đầu tư công năm 2017
HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ PHAN RANG - THÁP CHÀM
KHOÁ XI KỲ HỌP THỨ 3
(Từ ngày 19 đến ngày 20/12/2016)
Căn cứ Luật Đầu tư công số 49/2014/QH13;
""" + BODY


def test_motto_on_the_issuers_line_and_place_date_beside_the_number() -> None:
    s = run(MOTTO_ON_ISSUER_LINE)
    h = s.header
    assert h.issuer.name == "Hội đồng nhân dân thành phố Phan Rang - Tháp Chàm"
    assert (h.number, h.place, h.date) == ("31/NQ-HĐND", "Phan Rang - Tháp Chàm", "2016-12-20")
    assert (h.term, h.session, h.sitting_dates) == ("XI", 3, ["2016-12-19", "2016-12-20"])
    assert spelled(MOTTO_ON_ISSUER_LINE, s, "place") == "Phan Rang - Tháp Chàm"


NUMBER_UNDER_ISSUER = """HỘI ĐỒNG NHÂN DÂN
XÃ AN BÌNH
Số: 05/NQ-HĐND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Bình, ngày 28 tháng 7 năm 2022
NGHỊ QUYẾT
Về kết quả 6 tháng đầu năm 2022
HỘI ĐỒNG NHÂN DÂN XÃ AN BÌNH
KHÓA XXII - KỲ HỌP THỨ NĂM
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
""" + BODY


def test_number_directly_under_the_issuer_and_date_under_the_motto() -> None:
    h = run(NUMBER_UNDER_ISSUER).header
    assert (h.issuer.name, h.issuer.level) == ("Hội đồng nhân dân xã An Bình", "commune")
    assert (h.number, h.place, h.date, h.term, h.session) == ("05/NQ-HĐND", "An Bình", "2022-07-28", "XXII", 5)


NO_NUMBER = """HỘI ĐỒNG NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BÌNH DƯƠNG\tĐộc lập - Tự do - Hạnh phúc
\tThủ Dầu Một, ngày 12 tháng 7 năm 2006
NGHỊ QUYẾT
Về thu phí
HỘI ĐỒNG NHÂN DÂN TỈNH BÌNH DƯƠNG
KHÓA VII - KỲ HỌP LẦN THỨ CHÍN
Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/2003;
""" + BODY


def test_missing_number_line_and_a_place_of_three_words() -> None:
    h = run(NO_NUMBER).header
    assert (h.number, h.place, h.date, h.term, h.session) == (None, "Thủ Dầu Một", "2006-07-12", "VII", 9)


DRAFT = """HỘI ĐỒNG NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN TÂN HIỆP\tĐộc lập - Tự do - Hạnh phúc
Số:    /NQ-HĐND\tTân Hiệp, ngày    tháng 12 năm 2023
DỰ THẢO
NGHỊ QUYẾT
Về kế hoạch năm 2024
HỘI ĐỒNG NHÂN DÂN HUYỆN TÂN HIỆP
KHOÁ XII, KỲ HỌP THỨ MƯỜI BỐN
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
""" + BODY


def test_draft_with_blank_number_and_day() -> None:
    h = run(DRAFT).header
    assert (h.number, h.place, h.date, h.term, h.session) == (None, "Tân Hiệp", "2023-12", "XII", 14)
    assert h.title == "Về kế hoạch năm 2024"


BULLETED_PREAMBLE = """HỘI ĐỒNG NHÂN DÂN TỈNH LONG AN
KHÓA VII, KỲ HỌP THỨ 8
– Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;
– Căn cứ các Nghị định của Chính phủ: số 60/2003/NĐ-CP ngày 6 tháng 6 năm 2003; số 73/2003/NĐ-CP ngày 23 tháng 6 năm 2003;
- Xét Tờ trình số 12/TTr-UBND ngày 1 tháng 7 năm 2006 của Ủy ban nhân dân tỉnh;
- Sau khi nghe Báo cáo thẩm tra số 46/BC- HĐND ngày 3 tháng 7 năm 2006 của Ban Kinh tế - Ngân sách;
""" + BODY


def test_bulleted_preamble_and_several_decrees_in_one_paragraph() -> None:
    s = run(BULLETED_PREAMBLE)
    assert cited(s) == ["Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003",
                        "60/2003/NĐ-CP", "73/2003/NĐ-CP"]
    assert cited(s, "considerations") == ["12/TTr-UBND", "46/BC-HĐND"]
    assert [len(p.documents) for p in s.legal_bases] == [1, 2]


OTHER_OPENERS = """HỘI ĐỒNG NHÂN DÂN HUYỆN ĐỨC HÒA
KHOÁ X KỲ HỌP THỨ 14
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Qua xem xét Báo cáo số 46/BC.HĐND ngày 10/12/2019 của Ban Kinh tế - Xã hội;
Trên cơ sở xem xét Tờ trình số 12/TTr .UBND của Ủy ban nhân dân huyện;
Sau khi xem xét Tờ trình số 13/TTr.UBND và ý kiến thảo luận của đại biểu;
""" + BODY


def test_considerations_opened_by_other_words_and_symbols_typed_with_dots() -> None:
    s = run(OTHER_OPENERS)
    assert cited(s) == ["Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"]
    assert cited(s, "considerations") == ["46/BC-HĐND", "12/TTr-UBND", "13/TTr-UBND"]
    spellings = [OTHER_OPENERS[d.span.start:d.span.end] for p in s.considerations for d in p.documents]
    assert any("46/BC.HĐND" in x for x in spellings)
    assert any("12/TTr .UBND" in x for x in spellings)


def test_a_consideration_is_known_by_its_role_whatever_its_opening_words() -> None:
    text = ("HỘI ĐỒNG NHÂN DÂN XÃ PHÚ LỘC\nKHÓA XII, KỲ HỌP THỨ 3\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
            "Được sự thống nhất của Thường trực Hội đồng nhân dân, Tờ trình số 8/TTr-UBND ngày 2/7/2022 của Ủy ban nhân dân xã;\n"
            + BODY)
    s = run(text)
    assert cited(s, "considerations") == ["8/TTr-UBND"]
    assert len(s.legal_bases) == 1


PIPE_BROKEN_CELL = """| HỘI
ĐỒNG NHÂN DÂN HUYỆN CỦ CHI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
| Số: 09/NQ-HĐND | Củ Chi, ngày 14 tháng 7 năm 2011 |
NGHỊ QUYẾT
Về phát triển kinh tế - xã hội 6 tháng cuối năm 2011
HỘI ĐỒNG NHÂN DÂN HUYỆN CỦ CHI
KHOÁ IX KỲ HỌP THỨ 2 (Từ ngày 12 đến 14/7/2011)
Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;
""" + BODY


def test_table_row_cell_broken_over_lines_with_the_motto_in_one_cell_and_sitting_on_the_session_line() -> None:
    s = run(PIPE_BROKEN_CELL)
    h = s.header
    assert (h.issuer.name, h.issuer.level) == ("Hội đồng nhân dân huyện Củ Chi", "district")
    assert (h.number, h.place, h.date, h.term, h.session) == ("09/NQ-HĐND", "Củ Chi", "2011-07-14", "IX", 2)
    assert h.sitting_dates == ["2011-07-12", "2011-07-14"]
    assert h.title == "Về phát triển kinh tế - xã hội 6 tháng cuối năm 2011"


ABBREVIATED = """HĐND HUYỆN BẾN LỨC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
\tĐộc lập - Tự do - Hạnh phúc
Số: 3/NQ-HĐND\tBến Lức, ngày 20/7/2007
NGHỊ QUYẾT
Về kinh tế - xã hội 6 tháng cuối năm 2007
HỘI ĐỒNG NHÂN DÂN HUYỆN BẾN LỨC
KHÓA 9, KỲ HỌP THỨ 11
Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;
""" + BODY


def test_abbreviated_council_heading_and_a_term_in_digits() -> None:
    h = run(ABBREVIATED).header
    assert (h.issuer.name, h.issuer.level) == ("Hội đồng nhân dân huyện Bến Lức", "district")
    assert (h.number, h.place, h.date, h.term, h.session) == ("3/NQ-HĐND", "Bến Lức", "2007-07-20", "IX", 11)


DATE_UNDER_TITLE = """HỘI ĐỒNG NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG BẾN NGHÉ\tĐộc lập - Tự do - Hạnh phúc
Số: 02/NQ-HĐND
NGHỊ QUYẾT
Về điều chỉnh Nghị quyết số 1/NQ-HĐND của Hội đồng nhân dân phường, ngày 2 tháng 1 năm 2015
Bến Nghé, ngày 30 tháng 6 năm 2015
HỘI ĐỒNG NHÂN DÂN PHƯỜNG BẾN NGHÉ
KHÓA X, KỲ HỌP THỨ 11
Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;
""" + BODY


def test_place_date_line_below_the_title_and_a_date_inside_the_title_ignored() -> None:
    h = run(DATE_UNDER_TITLE).header
    assert (h.issuer.name, h.issuer.level) == ("Hội đồng nhân dân phường Bến Nghé", "commune")
    assert (h.number, h.place, h.date, h.term, h.session) == ("02/NQ-HĐND", "Bến Nghé", "2015-06-30", "X", 11)
    assert h.title == "Về điều chỉnh Nghị quyết số 1/NQ-HĐND của Hội đồng nhân dân phường, ngày 2 tháng 1 năm 2015"


def test_numbered_decisions_after_a_bulleted_preamble() -> None:
    text = ("HỘI ĐỒNG NHÂN DÂN XÃ TÂN PHÚ\nSố: /NQ-HĐND\nTân Phú, ngày …… tháng 12 năm 2023\nNGHỊ QUYẾT\nVề việc thông qua đề án\n"
            "- Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
            "- Xét Tờ trình số 10/TTr-UBND ngày 2/12/2023 của Ủy ban nhân dân xã.\n"
            "QUYẾT NGHỊ:\n1. Nhất trí thông qua đề án.\n2. Giao Ủy ban nhân dân xã tổ chức thực hiện.\n")
    s = run(text)
    assert (s.header.number, s.header.date) == (None, "2023-12")
    assert cited(s) == ["Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"]
    assert cited(s, "considerations") == ["10/TTr-UBND"]
    assert [n.marker for n in s.body][:2] == ["1.", "2."]


HARD_BREAKS = """  ----------------------- ----------------------------------
    **ỦY BAN NHÂN DÂN\\         **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\
         TỈNH HÀ NAM\\              Độc lập - Tự do - Hạnh phúc\\
     \\-\\-\\-\\-\\-\\--**            \\-\\-\\-\\-\\-\\-\\--**

   Số: 7/QĐ-UBND         *Hà Nam, ngày 5 tháng 3 năm 2024*
  ----------------------- ----------------------------------

**QUYẾT ĐỊNH**

Về việc ban hành kế hoạch năm 2024

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

QUYẾT ĐỊNH:
Điều 1. Ban hành kế hoạch.
Điều 2. Tổ chức thực hiện.

  ------------------------------- ----------------------------
  *Nơi nhận:*                     TM. ỦY BAN NHÂN DÂN\\
  \\- Như Điều 2;\\                 CHỦ TỊCH\\
  \\- Lưu: VT.
"""


def test_markdown_hard_breaks_do_not_split_the_issuer_or_the_recipients() -> None:
    """Pandoc's hard line break: a backslash closing a line or a table cell."""
    s = run(HARD_BREAKS)
    assert s.header.issuer.name == "Ủy ban nhân dân tỉnh Hà Nam"
    assert s.header.number == "7/QĐ-UBND"
    assert not any("\\" in r.text for r in s.closing.recipients)
