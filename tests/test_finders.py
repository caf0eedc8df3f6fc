"""extract() runs the finders on plain text (finders.find_facts); the spaCy components
wrap the same finders. Both must find the same facts, block by block: the components
stay thin wrappers, and a user's own pipeline reads what the parser reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT_DOCS, SHARED_DOCS, document_id

from nghiquyet_parser import nlp
from nghiquyet_parser.extract import CONTENT_REGIONS
from nghiquyet_parser.extract.finders import BlockFacts, find_facts
from nghiquyet_parser.extract.quantities import decimal_convention
from nghiquyet_parser.extract.records import BlockState
from nghiquyet_parser.normalise import normalise
from nghiquyet_parser.read import read_path
from nghiquyet_parser.segment import segment


def _facts(facts: BlockFacts) -> dict:
    return {
        "quantities": [(q, d) for q, d in zip(facts.quantities, facts.decisions)],
        "targets": facts.targets,
        "citations": facts.citations,
        "places": [(m.start, m.end, m.type, m.name, m.evidence) for m in facts.places],
    }


def _spans(doc) -> dict:
    spans = doc.spans
    return {
        "quantities": [(s._.nq_quantity, s._.nq_decision) for s in spans["quantities"]],
        "targets": [s._.nq_target for s in spans["targets"]],
        "citations": [s._.nq_citation for s in spans["citations"]],
        "places": [(s.start_char, s.end_char, s._.place_type, s._.place_name, s._.place_evidence) for s in spans["places"]],
    }


def _through_spacy(text: str, convention, block=None, policy_document: bool = False, label=None) -> dict:
    doc = nlp().make_doc(text)
    doc.user_data["nq_label"] = label
    doc._.nq_block, doc._.nq_decimal, doc._.nq_state = block, convention, BlockState(policy_document=policy_document)
    return _spans(nlp()(doc))


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
        direct = _facts(find_facts(text, convention, block.status))
        assert _through_spacy(text, convention, block) == direct, (path.name, text[:80])
        seen += sum(len(found) for found in direct.values())
    return seen


@pytest.mark.parametrize("text", [
    "Thu nhập bình quân đầu người đạt 55,6 triệu đồng, tăng 9,2% so với năm 2020.",
    "Phấn đấu có hai con bò sữa mỗi hộ; tăng trưởng kinh tế đạt hai con số.",  # in words; "con số" is one word
    "Xã Vũ Bản đạt chuẩn nông thôn mới nâng cao, tỷ lệ đạt 92%.",
    "Theo Nghị định số 15/2021/NĐ-CP ngày 03 tháng 3 năm 2021 của Chính phủ; các xã: An Lão, Bình Nghĩa và Tiêu Động.",
    "Tăng cường công tác tuyên truyền, vận động nhân dân.",
])
def test_made_up_blocks_give_the_same_facts_both_ways(text):
    assert _through_spacy(text, "vi") == _facts(find_facts(text, "vi"))


def test_a_number_in_words_inside_a_longer_word_is_no_quantity_either_way():
    facts = find_facts("tăng trưởng kinh tế đạt hai con số và nuôi ba con bò", "vi")
    assert [(q.value, q.unit) for q in facts.quantities] == [(3.0, "con")]


@pytest.mark.parametrize("path", PROJECT_DOCS, ids=document_id)
def test_the_project_corpus_gives_the_same_facts_both_ways(path):
    assert _blocks_agree(path) > 0


@pytest.mark.parametrize("path", SHARED_DOCS, ids=document_id)
def test_the_shared_corpus_gives_the_same_facts_both_ways(path):
    _blocks_agree(path)

