"""The spaCy pipeline: underthesea tokens aligned to the text, components usable on their own."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy

from nghiquyet_parser import nlp as shared_nlp
from nghiquyet_parser.extract.nlp import make_nlp, word_offsets

TEXT = "Thu nhập bình quân đầu người đạt 55,6 triệu đồng,  tăng 9,2% so với năm 2020.\n\n  Tỷ lệ hộ nghèo giảm còn 2%."


def test_pipeline_is_cached_and_has_the_extractors():
    nlp = shared_nlp()
    assert nlp is shared_nlp()
    assert nlp.pipe_names == ["nq_quantities", "nq_targets", "nq_citations", "nq_places"]


def test_no_pyvi_needed():
    shared_nlp()
    assert "pyvi" not in sys.modules


def test_tokens_are_exact_slices_of_the_text():
    doc = shared_nlp().make_doc(TEXT)
    assert doc.text == TEXT
    for token in doc:
        assert TEXT[token.idx : token.idx + len(token.text)] == token.text


def test_multi_syllable_words_are_one_token():
    doc = shared_nlp().make_doc(TEXT)
    words = [t.text for t in doc]
    assert "Thu nhập" in words and "bình quân" in words
    assert "55,6" in words


def test_sentences_without_facts_are_split_cheaply_but_exactly():
    line = "Tăng cường công tác tuyên truyền, vận động nhân dân."
    offsets = word_offsets(line)
    assert [line[s:e] for s, e in offsets][:3] == ["Tăng", "cường", "công"]


def test_components_write_spans_and_extensions():
    doc = shared_nlp()(TEXT)
    quantities = doc.spans["quantities"]
    assert [s.text for s in quantities] == ["55,6 triệu đồng", "9,2%", "2020", "2%"]
    targets = doc.spans["targets"]
    assert [s._.nq_target.indicator for s in targets] == ["Thu nhập bình quân đầu người", "Tỷ lệ hộ nghèo"]
    income = targets[0]._.nq_target
    assert income.change == {"direction": "up", "value": 9.2, "unit": "%"} and income.baseline == "2020"


USERS_OWN_PIPELINE = """
import spacy
own = spacy.blank("xx")
for name in ("nq_targets", "nq_citations", "nq_places"):
    own.add_pipe(name)
doc = own("Phấn đấu thu nhập đạt 55,6 triệu đồng tại xã Vũ Bản theo Luật số 77/2015/QH13.")
print(sorted((key, [span.text for span in spans]) for key, spans in doc.spans.items()))
"""


def test_components_are_found_by_name_without_importing_the_package():
    # a fresh interpreter: only the installed spacy_factories entry points can register them
    done = subprocess.run([sys.executable, "-c", USERS_OWN_PIPELINE], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == str([
        ("citations", ["Luật số 77/2015/QH13"]),
        ("places", ["xã Vũ Bản"]),
        ("quantities", ["55,6 triệu đồng"]),
        ("targets", ["55,6 triệu đồng"]),
    ])


def test_targets_component_in_a_users_own_pipeline():
    make_nlp()  # registers the factories and extensions
    own = spacy.blank("xx")
    own.add_pipe("nq_targets")
    doc = own("Tỷ lệ dân số có bảo hiểm y tế đạt 92%.")
    [span] = doc.spans["targets"]
    assert span.text == "92%"
    assert span._.nq_target.indicator == "Tỷ lệ dân số có bảo hiểm y tế"


def test_displacy_shows_targets():
    doc = shared_nlp()(TEXT)
    html = spacy.displacy.render(doc, style="span", options={"spans_key": "targets"}, jupyter=False)
    assert "TARGET" in html and "55,6" in html


@pytest.mark.parametrize("text", ["", " ", "\n\n", "  \n x \n"])
def test_whitespace_edge_cases(text):
    doc = shared_nlp().make_doc(text)
    assert doc.text == text
