"""extract() runs the finders on plain text (finders.find_facts); the spaCy components
wrap the same finders. Both must find the same facts, block by block: the components
stay thin wrappers, and a user's own pipeline reads what the parser reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT_DOCS, SHARED_DOCS, document_id
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nghiquyet_parser import nlp
from nghiquyet_parser.extract import CONTENT_REGIONS
from nghiquyet_parser.extract.finders import BlockFacts, find_facts
from nghiquyet_parser.extract.quantities import decimal_convention
from nghiquyet_parser.extract.records import BlockState
from nghiquyet_parser.normalise import normalise
from nghiquyet_parser.read import read_path
from nghiquyet_parser.segment import segment


# made-up pieces that reach every finder, the CRF's sentences included
PIECES = (
    "hai con số", "ba con bò", "Xã Vũ Bản", "HUYỆN BÌNH LỤC", "các xã: An Lão, Bình Nghĩa", "12,5%", "55,6 triệu đồng",
    "tăng 9,2% so với năm 2020", "Nghị định số 15/2021/NĐ-CP", "đạt chuẩn nông thôn mới năm 2025", "Phấn đấu",
    "\n", ";", ".", ",", "  ", "\t",
)


def _facts(facts: BlockFacts) -> dict:
    return {
        "quantities": [(q, d) for q, d in zip(facts.quantities, facts.decisions)],
        "targets": facts.targets,
        "citations": facts.citations,
        "places": [(m.type, m.name, m.evidence) for m in facts.places],
    }


def _spans(doc) -> dict:
    spans = doc.spans
    return {
        "quantities": [(s._.nq_quantity, s._.nq_decision) for s in spans["quantities"]],
        "targets": [s._.nq_target for s in spans["targets"]],
        "citations": [s._.nq_citation for s in spans["citations"]],
        "places": [(s._.place_type, s._.place_name, s._.place_evidence) for s in spans["places"]],
    }


def _place_offsets(facts: BlockFacts, doc) -> tuple[list, list]:
    """Where each place is, both ways. A span must be whole tokens: in a sentence the CRF
    segments, it widens to the CRF's words ('HỘI ĐỒNG NHÂN DÂN HUYỆN' is one), where the
    finder's offsets are the mention's own."""
    widened = [
        (doc.char_span(m.start, m.end, alignment_mode="expand").start_char,
         doc.char_span(m.start, m.end, alignment_mode="expand").end_char)
        for m in facts.places
    ]
    return widened, [(s.start_char, s.end_char) for s in doc.spans["places"]]


def _through_spacy(text: str, convention, block=None):
    doc = nlp().make_doc(text)
    doc._.nq_block, doc._.nq_decimal, doc._.nq_state = block, convention, BlockState()
    return nlp()(doc)


def _agree(text: str, convention, block=None) -> BlockFacts:
    """Both ways find the same facts in `text`: the finders' own records (with their offsets),
    and the places' spans once widened to whole tokens."""
    facts = find_facts(text, convention, block.status if block else None)
    doc = _through_spacy(text, convention, block)
    assert _spans(doc) == _facts(facts), text[:80]
    widened, spanned = _place_offsets(facts, doc)
    assert widened == spanned, text[:80]
    return facts


def _blocks_agree(path: Path) -> int:
    """Compare both ways on every content block of one document; the number of facts seen."""
    norm = normalise(read_path(path).text)
    structure = segment(norm)
    convention = decimal_convention(norm.text)
    seen = 0
    for block in structure.blocks:
        text = norm.text[block.start : block.end]
        if block.region not in CONTENT_REGIONS or not text.strip():
            continue
        seen += sum(len(found) for found in _facts(_agree(text, convention, block)).values())
    return seen


@pytest.mark.parametrize("text", [
    "Thu nhập bình quân đầu người đạt 55,6 triệu đồng, tăng 9,2% so với năm 2020.",
    "Phấn đấu có hai con bò sữa mỗi hộ; tăng trưởng kinh tế đạt hai con số.",  # in words; "con số" is one word
    "Xã Vũ Bản đạt chuẩn nông thôn mới nâng cao, tỷ lệ đạt 92%.",
    "Theo Nghị định số 15/2021/NĐ-CP ngày 03 tháng 3 năm 2021 của Chính phủ; các xã: An Lão, Bình Nghĩa và Tiêu Động.",
    "Tăng cường công tác tuyên truyền, vận động nhân dân.",
])
def test_made_up_blocks_give_the_same_facts_both_ways(text):
    _agree(text, "vi")


def test_a_place_span_widens_to_the_crf_word_that_holds_its_unit_word():
    text = "tăng trưởng hai con số  HỘI ĐỒNG NHÂN DÂN HUYỆN BÌNH LỤC"  # a number in words: the CRF segments
    (place,) = _agree(text, "vi").places
    assert text[place.start : place.end] == "HUYỆN BÌNH LỤC"
    doc = _through_spacy(text, "vi")
    (span,) = doc.spans["places"]
    assert span.text == "HỘI ĐỒNG NHÂN DÂN HUYỆN BÌNH LỤC"


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map(" ".join))
def test_any_text_gives_the_same_facts_both_ways(text):
    _agree(text, "vi")


def test_a_number_in_words_inside_a_longer_word_is_no_quantity_either_way():
    facts = find_facts("tăng trưởng kinh tế đạt hai con số và nuôi ba con bò", "vi")
    assert [(q.value, q.unit) for q in facts.quantities] == [(3.0, "con")]


@pytest.mark.parametrize("path", PROJECT_DOCS, ids=document_id)
def test_the_project_corpus_gives_the_same_facts_both_ways(path):
    assert _blocks_agree(path) > 0


@pytest.mark.parametrize("path", SHARED_DOCS, ids=document_id)
def test_the_shared_corpus_gives_the_same_facts_both_ways(path):
    _blocks_agree(path)

