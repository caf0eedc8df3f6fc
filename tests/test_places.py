"""Place mentions (nq_places), their gazetteer links, and aggregation into models.Place."""

from pathlib import Path

import pytest
import spacy

from nghiquyet_parser import models
from nghiquyet_parser.extract import CONTENT_REGIONS, place_mentions
from nghiquyet_parser.extract.places import collect_doc_places
from nghiquyet_parser.normalise import fold, normalise
from nghiquyet_parser.segment import segment

REPO = Path(__file__).resolve().parents[1]
BINH_LUC = {"province_code": "35", "district_code": "352", "commune_code": None, "date": "2021-07-20",
            "issuer_level": "district"}


@pytest.fixture(scope="module")
def nlp():
    language = spacy.blank("xx")
    language.add_pipe("nq_places")
    return language


def mentions(nlp, text, context=None):
    doc = nlp.make_doc(text)
    doc._.nq_context = context
    doc = nlp(doc)
    return [(s._.place_type, s._.place_name, s._.place_code) for s in doc.spans["places"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("xây dựng tại xã Vũ Bản.", [("xã", "Vũ Bản")]),
        ("tại 3 xã (Bình Nghĩa, Đồng Du, Tiêu Động) đạt", [("xã", "Bình Nghĩa"), ("xã", "Đồng Du"), ("xã", "Tiêu Động")]),
        ("quy hoạch tại xã An Nội, Trung Lương và điều chỉnh", [("xã", "An Nội"), ("xã", "Trung Lương")]),
        ("các xã: A Lưới 1, A Lưới 2 và Hồng Hạ.", [("xã", "A Lưới 1"), ("xã", "A Lưới 2"), ("xã", "Hồng Hạ")]),
        ("riêng 05 xã\nA Lưới 3, A Lưới\n4 được", [("xã", "A Lưới 3"), ("xã", "A Lưới 4")]),
        ("Phường 1, Phường IV và thôn 5", [("phường", "1"), ("phường", "IV"), ("thôn", "5")]),
        ("đề án phát triển đô thị Chợ Sông giai đoạn", [("đô thị", "Chợ Sông")]),
        ("tỉnh Thừa\nThiên Huế (nay thành phố Huế)", [("tỉnh", "Thừa Thiên Huế"), ("thành phố", "Huế")]),
        ("tỉnh Đồng Tháp, Ủy ban nhân dân tỉnh", [("tỉnh", "Đồng Tháp")]),
        ("xã Vũ Bản, Bồ Đề", [("xã", "Vũ Bản"), ("xã", "Bồ Đề")]),
        ("thành phố Hải Phòng, Sở Tài chính", [("thành phố", "Hải Phòng")]),
        ("xã Long Hưng và xã Trường Xuân, Trường Tiểu học", [("xã", "Long Hưng"), ("xã", "Trường Xuân")]),
        ("tại khu kinh tế cửa khẩu Thanh Thủy", [("khu kinh tế cửa khẩu", "Thanh Thủy")]),
        ("các xã Bản Công (huyện Trạm Tấu), Hát Lừu", [("xã", "Bản Công"), ("xã", "Hát Lừu"), ("huyện", "Trạm Tấu")]),
        ("- Tại địa bàn có khu công nghiệp:\nPhấn đấu 100% trẻ em", []),
        ("Hội đồng nhân dân tỉnh Hà Giang Khóa XVII", [("tỉnh", "Hà Giang")]),
    ],
)
def test_mentions(nlp, text, expected):
    assert [(t, n) for t, n, _ in mentions(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ủy ban nhân dân Thành phố tổ chức thực hiện",
        "phát triển kinh tế - xã hội",
        "cấp huyện, các huyện, thành phố",
        "100% số xã đạt chuẩn; 30 huyện",
        "CẤP HUYỆN QUY ĐỊNH",  # capitals: only a name the gazetteer knows ('HUYỆN BÌNH LỤC' is one)
        "theo văn bản Hướng dẫn; phiên bản Mới",
    ],
)
def test_no_place_without_a_name(nlp, text):
    assert mentions(nlp, text) == []


def test_spans_align_with_any_tokenizer(nlp):
    doc = nlp("các xã Bình Nghĩa và Đồng Du")
    assert [span.text for span in doc.spans["places"]] == ["xã Bình Nghĩa", "Đồng Du"]
    assert [span.label_ for span in doc.spans["places"]] == ["xã", "xã"]


def test_linking_prefers_the_issuers_district(nlp):
    assert mentions(nlp, "xã An Lão", BINH_LUC) == [("xã", "An Lão", "13561")]
    doc = nlp.make_doc("xã An Lão")
    doc = nlp(doc)  # no context: several communes of that name
    assert doc.spans["places"][0]._.place_code is None
    assert doc.spans["places"][0]._.place_note.startswith("ambiguous: ")


def test_notes_for_unlinked_places(nlp):
    assert place_mentions.link("đô thị", "Chợ Sông", BINH_LUC) == (None, place_mentions.NOT_ADMINISTRATIVE)
    assert place_mentions.link("xã", "Không Có Xã Này", BINH_LUC) == (None, place_mentions.NOT_FOUND)


def _issuer(unit_type, locality, level):
    return models.Issuer(name=f"Hội đồng nhân dân {unit_type} {locality}", unit_type=unit_type, locality=locality,
                         level=level, span=models.Span(start=0, end=1))


def test_context_for_a_district_council():
    context = place_mentions.context_for(models.Header(issuer=_issuer("huyện", "Bình Lục", "district"), date="2021-07-20"))
    assert (context["district_code"], context["province_code"], context["date"]) == ("352", "35", "2021-07-20")


def test_context_for_a_centrally_run_city_and_a_missing_issuer():
    context = place_mentions.context_for(models.Header(issuer=_issuer("thành phố", "Hà Nội", "province")))
    assert (context["province_code"], context["district_code"]) == ("01", None)
    assert place_mentions.context_for(models.Header())["province_code"] is None


def _resolution_places(nlp, text):
    norm = normalise(text)
    structure = segment(norm)
    context = place_mentions.context_for(structure.header)
    docs = []
    for block in structure.blocks:
        if block.region in CONTENT_REGIONS:
            doc = nlp.make_doc(norm.text[block.start : block.end])
            doc._.nq_block, doc._.nq_norm, doc._.nq_context = block, norm, context
            docs.append(nlp(doc))
    return collect_doc_places(docs)


def test_seed_communes_are_linked_with_their_successors(nlp):
    text = (REPO / "corpus" / "000.txt").read_text(encoding="utf-8")
    found = {(p.type, p.name): p for p in _resolution_places(nlp, text)}
    vu_ban = found[("xã", "Vũ Bản")]
    assert vu_ban.code == "13543" and found[("xã", "An Nội")].code == "13540"
    assert (vu_ban.successor.name, vu_ban.successor.code) == ("Bình Giang", "13531")
    assert [parent.code for parent in vu_ban.parents] == ["352", "35"]
    assert "Ninh Bình" in vu_ban.code_note
    cho_song = found[("đô thị", "Chợ Sông")]
    assert cho_song.code is None and not cho_song.is_administrative_unit
    for place in found.values():  # every span points at the name in the ORIGINAL text
        for span in place.spans:
            assert fold(place.name) in fold(text[span.start : span.end])


def test_a_name_is_settled_by_a_district_the_document_names(nlp):
    docs = [nlp("Ủy ban nhân dân huyện Bình Lục thực hiện."), nlp("Xây dựng trường học tại xã An Lão.")]
    found = {(p.type, p.name): p for p in collect_doc_places(docs)}
    an_lao = found[("xã", "An Lão")]
    assert an_lao.code == "13561" and "Bình Lục" in an_lao.code_note
    assert docs[1].spans["places"][0]._.place_code == "13561"


def test_a_name_in_two_named_districts_stays_ambiguous(nlp):
    # An Lão is a district of Hải Phòng and of Bình Định; both provinces named: no guess
    docs = [nlp("thành phố Hải Phòng và tỉnh Bình Định"), nlp("huyện An Lão")]
    (an_lao,) = [p for p in collect_doc_places(docs) if p.name == "An Lão"]
    assert an_lao.code is None and an_lao.code_note.startswith("ambiguous")


def test_a_unit_word_of_several_words_broken_over_two_lines():
    found = [(m.type, m.name) for m in place_mentions.find_mentions("đầu tư vào Khu\nkinh tế Vân Đồn và các thị\ntrấn Cái Rồng")]
    assert found == [("khu kinh tế", "Vân Đồn"), ("thị trấn", "Cái Rồng")]


# --------------------------------------------------------------------------- mechanisms, one class each
# Made-up sentences; each names the rule it checks (place_names.py).


@pytest.mark.parametrize(
    "text",
    [
        "Ủy ban nhân dân tỉnh quy định mức chi",  # lower case is never a name
        "cấp tỉnh tối đa 5 người",
        "hỗ trợ cấp tỉnh Mức hỗ trợ 5 triệu đồng",  # an unknown syllable opening a clause
        "Ủy ban nhân dân xã, phường, thị trấn: Để lại 25% số thu",
        "Đối với các xã, phường: Nếu có từ 02 đơn vị",
        "trên địa bàn Thành phố (Chi tiết tại Phụ lục)",
        "Ban chấp hành Đảng bộ xã, phường Ủy viên Ban Thường vụ",
    ],
)
def test_class1_a_clause_opening_after_a_unit_word_is_no_name(text):
    assert place_mentions.find_mentions(text) == []


def test_class1_in_capitals_only_the_gazetteers_names_count():
    found = place_mentions.find_mentions("QUY ĐỊNH MỨC CHI TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI GIAI ĐOẠN 2026")
    assert [(m.type, m.name, m.evidence) for m in found] == [("tỉnh", "Đồng Nai", "gazetteer match")]
    assert place_mentions.find_mentions("MỨC CHI CẤP TỈNH QUY ĐỊNH TẠI") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hội đồng nhân dân thành phố Hòa Bình Quy định chế độ", [("thành phố", "Hòa Bình")]),  # 'Quy định' is a stop
        ("thành phố Bắc Ninh tập trung phát triển", [("thành phố", "Bắc Ninh")]),
        ("tỉnh Thừa Thiên\nHuế quy định mức thu", [("tỉnh", "Thừa Thiên Huế")]),
        ("tỉnh Bắc Ninh và Cổng Dữ liệu mở quốc gia", [("tỉnh", "Bắc Ninh")]),  # an unknown item runs into lower case
        ("thành phố Hà Nội; Ủy viên Ban Thường vụ", [("thành phố", "Hà Nội")]),
        ("khu công nghiệp Phú Nghĩa IV mở rộng", [("khu công nghiệp", "Phú Nghĩa IV")]),
    ],
)
def test_class2_a_name_ends_where_the_gazetteers_name_ends(text, expected):
    assert [(m.type, m.name) for m in place_mentions.find_mentions(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("toàn huyện có 12 thôn đạt chuẩn", []),
        ("bố trí mỗi thôn 5 người", []),
        ("Phường 3 thuộc thành phố Mỹ Tho", [("phường", "3"), ("thành phố", "Mỹ Tho")]),
        ("khóm 4, khóm 5 và Phường 3", [("khóm", "4"), ("khóm", "5"), ("phường", "3")]),
    ],
)
def test_class3_a_count_is_no_name(text, expected):
    assert [(m.type, m.name) for m in place_mentions.find_mentions(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("phát triển khu kinh tế cửa khẩu Lao Bảo", [("khu kinh tế cửa khẩu", "Lao Bảo")]),
        ("khu vực kinh tế cửa khẩu Cầu Treo", [("khu vực kinh tế cửa khẩu", "Cầu Treo")]),
        ("khu kinh tế cửa khẩu quốc tế Cầu Treo", [("khu kinh tế cửa khẩu quốc tế", "Cầu Treo")]),
        ("cụm công nghiệp Hòa Phú và khu du lịch Núi Cấm", [("cụm công nghiệp", "Hòa Phú"), ("khu du lịch", "Núi Cấm")]),
        ("vườn quốc gia Cúc Phương, khu di tích Kim Liên", [("vườn quốc gia", "Cúc Phương"), ("khu di tích", "Kim Liên")]),
        ("phát triển đô thị Phú Lộc (huyện Phong Điền)", [("đô thị", "Phú Lộc"), ("huyện", "Phong Điền")]),
        ("các khu kinh tế có tiềm năng lớn như Vân Đồn, Vân Phong, các khu", [("khu kinh tế", "Vân Đồn"), ("khu kinh tế", "Vân Phong")]),
        ("liên kết vùng đồng bằng sông Cửu Long trong", [("vùng", "Đồng bằng sông Cửu Long")]),
        ("với các tỉnh Đồng bằng\nsông Cửu Long.", []),
        ("các tỉnh/thành phố như: Lào Cai, Hải Phòng, Quảng\nNinh… cập nhật",
         [("tỉnh", "Lào Cai"), ("thành phố", "Hải Phòng"), ("tỉnh", "Quảng Ninh")]),
        ("một số địa phương như Đà Nẵng, Bình Dương, Phấn Đấu…", [("thành phố", "Đà Nẵng"), ("tỉnh", "Bình Dương")]),
    ],
)
def test_class4_named_areas_and_lists_typed_by_their_unit_word(text, expected):
    assert [(m.type, m.name) for m in place_mentions.find_mentions(text)] == expected


def test_class5_the_unit_word_decides_between_same_named_units():
    province, note = place_mentions.link("tỉnh", "Bắc Giang", None)
    city, _ = place_mentions.link("thành phố", "Bắc Giang", None)
    assert (province.level, province.code, note) == ("province", "24", "unique nationwide")
    assert city.level == "district"


def test_class5_former_names_and_types_are_found():
    hue, _ = place_mentions.link("tỉnh", "Thừa Thiên Huế", {"date": "2020-05-01"})
    assert hue is not None and hue.code == "46"
    song_khe, _ = place_mentions.link("xã", "Song Khê", {"date": "2019-05-01"})
    assert song_khe is not None and song_khe.code == "07705"
    brvt, _ = place_mentions.link("tỉnh", "Bà Rịa-Vũng Tàu", None)
    assert brvt is not None and brvt.code == "77"


def test_class6_every_place_says_why_and_an_unlinked_one_why_not(nlp):
    from nghiquyet_parser.pipeline import parse_text

    text = ("NGHỊ QUYẾT\nVề phát triển du lịch\nQUYẾT NGHỊ:\nĐiều 1. Phát triển đô thị Chợ Sông, "
            "xã Vũ Bản, thôn Song Khê và tỉnh Bắc Giang.\n")
    places = parse_text(text).places
    assert places and all(place.evidence for place in places)
    assert all(place.code_note for place in places if place.code is None)


def test_a_decimal_after_a_capitalised_unit_word_names_no_unit():
    # 'Xã ...; 12,5%': a bare number names a unit ('Phường 1'), a decimal does not
    found = [(m.type, m.name) for m in place_mentions.find_mentions("Xã Vũ Bản ; 12,5% và Phường 3, 4")]
    assert found == [("xã", "Vũ Bản"), ("phường", "3"), ("phường", "4")]
