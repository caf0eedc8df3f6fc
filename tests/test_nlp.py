"""The spaCy pipeline: underthesea tokens aligned to the text, components usable on their own."""

from __future__ import annotations

import importlib
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from nghiquyet_parser import nlp as shared_nlp
from nghiquyet_parser.extract.nlp import PIPELINE, _syllables_and_spaces, _words_and_spaces
from nghiquyet_parser.extract.words import word_offsets
from nghiquyet_parser.extract.spans import MissingSpansError

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


def test_sentences_with_a_number_in_words_have_underthesea_words():
    text = "Tăng trưởng kinh tế đạt hai con số.\nThu nhập bình quân đạt 55,6 triệu đồng."
    words = [t.text for t in shared_nlp().make_doc(text)]
    assert "con số" in words and "kinh tế" in words  # the CRF's words where a word boundary decides
    assert "Thu" in words and "nhập" in words and "55,6" in words  # syllables and numbers elsewhere


def test_a_number_in_words_counts_only_as_whole_words():
    doc = shared_nlp()("Tăng trưởng kinh tế đạt hai con số, có ba con bò.")
    assert [span.text for span in doc.spans["quantities"]] == ["ba con"]


def test_place_spans_end_with_the_name():
    # underthesea joins 'Bản đạt' here; a place span once took the verb with it
    doc = shared_nlp()("Xã Vũ Bản đạt chuẩn nông thôn mới nâng cao, tỷ lệ đạt 92%.")
    assert [span.text for span in doc.spans["places"]] == ["Xã Vũ Bản"]


def test_sentences_without_numbers_in_words_are_split_cheaply_but_exactly():
    text = "Tăng cường công tác tuyên truyền, vận động nhân dân.\n\n  Đạt 55,6 triệu đồng."
    offsets = word_offsets(text)
    assert [text[s:e] for s, e in offsets][:3] == ["Tăng", "cường", "công"]
    assert [text[s:e] for s, e in offsets][-5:] == ["Đạt", "55,6", "triệu", "đồng", "."]


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
for name in ("nq_quantities", "nq_targets", "nq_citations", "nq_places"):
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
    own = spacy.blank("xx")
    own.add_pipe("nq_quantities")
    own.add_pipe("nq_targets")
    doc = own("Tỷ lệ dân số có bảo hiểm y tế đạt 92%.")
    [span] = doc.spans["targets"]
    assert span.text == "92%"
    assert span._.nq_target.indicator == "Tỷ lệ dân số có bảo hiểm y tế"


@pytest.mark.parametrize(
    ("name", "assigns", "requires", "config"),
    [
        ("nq_quantities", ["doc.spans", "span._.nq_quantity"], [], {"spans_key": "quantities"}),
        ("nq_targets", ["doc.spans", "span._.nq_target"], ["doc.spans", "span._.nq_quantity"],
         {"spans_key": "targets", "quantities_key": "quantities"}),
        ("nq_citations", ["doc.spans", "span._.nq_citation"], [], {"spans_key": "citations"}),
        ("nq_places", ["doc.spans", "span._.place_type", "span._.place_name", "span._.place_code",
                       "span._.place_note", "span._.place_unit", "span._.place_evidence"], [], {"spans_key": "places"}),
    ],
)
def test_components_are_factories_declaring_what_they_assign_and_require(name, assigns, requires, config):
    meta = Language.get_factory_meta(name)
    assert meta.assigns == assigns
    assert meta.requires == requires
    assert meta.default_config == config


def test_the_shared_pipeline_meets_every_requirement():
    assert tuple(shared_nlp().pipe_names) == PIPELINE
    assert all(not problems for problems in shared_nlp().analyze_pipes()["problems"].values())


def test_spans_keys_are_configurable():
    own = spacy.blank("xx")
    own.add_pipe("nq_quantities", config={"spans_key": "q"})
    own.add_pipe("nq_targets", config={"spans_key": "t", "quantities_key": "q"})
    own.add_pipe("nq_citations", config={"spans_key": "c"})
    own.add_pipe("nq_places", config={"spans_key": "p"})
    doc = own("Phấn đấu thu nhập đạt 55,6 triệu đồng tại xã Vũ Bản theo Luật số 77/2015/QH13.")
    assert {key: [span.text for span in spans] for key, spans in doc.spans.items()} == {
        "q": ["55,6 triệu đồng"],
        "t": ["55,6 triệu đồng"],
        "c": ["Luật số 77/2015/QH13"],
        "p": ["xã Vũ Bản"],
    }
    assert doc.spans["t"][0]._.nq_target.quantity is doc.spans["q"][0]._.nq_quantity


def test_targets_without_quantities_before_them_is_a_clear_error():
    own = spacy.blank("xx")
    own.add_pipe("nq_targets")
    assert own.analyze_pipes()["problems"]["nq_targets"] == ["doc.spans", "span._.nq_quantity"]
    with pytest.raises(MissingSpansError, match=r"nq_targets reads doc.spans\['quantities'\].*add 'nq_quantities' before"):
        own("Tỷ lệ dân số có bảo hiểm y tế đạt 92%.")


def test_targets_reading_another_key_than_quantities_wrote_is_a_clear_error():
    own = spacy.blank("xx")
    own.add_pipe("nq_quantities", config={"spans_key": "numbers"})
    own.add_pipe("nq_targets")
    with pytest.raises(MissingSpansError, match="with spans_key 'quantities'"):
        own("Tỷ lệ dân số có bảo hiểm y tế đạt 92%.")


def test_displacy_shows_targets():
    doc = shared_nlp()(TEXT)
    html = spacy.displacy.render(doc, style="span", options={"spans_key": "targets"}, jupyter=False)
    assert "TARGET" in html and "55,6" in html


@pytest.mark.parametrize("text", ["", " ", "\n\n", "  \n x \n"])
def test_whitespace_edge_cases(text):
    doc = shared_nlp().make_doc(text)
    assert doc.text == text


PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"

LOAD_SAVED_PIPELINE = """
import sys
import spacy
loaded = spacy.load(sys.argv[1])
doc = loaded(sys.argv[2])
print(type(loaded.tokenizer).__name__, loaded.pipe_names)
print(sorted((key, [span.text for span in spans]) for key, spans in doc.spans.items()))
"""


def _declared_entry_points(group: str) -> dict[str, str]:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["entry-points"][group]


def test_the_tokenizer_is_declared_as_a_spacy_tokenizers_entry_point():
    declared = _declared_entry_points("spacy_tokenizers")
    assert declared == {"nq_underthesea_tokenizer": "nghiquyet_parser.extract.nlp:create_tokenizer"}
    module, function = declared["nq_underthesea_tokenizer"].split(":")
    assert getattr(importlib.import_module(module), function) is spacy.registry.tokenizers.get("nq_underthesea_tokenizer")


def test_a_saved_pipeline_loads_in_a_fresh_interpreter(tmp_path):
    """nlp().to_disk(path), then spacy.load(path) without importing the package (E893 before
    the tokenizer was an entry point). The installed metadata must be this checkout's."""
    installed = {ep.name for ep in metadata.entry_points(group="spacy_tokenizers")}
    if "nq_underthesea_tokenizer" not in installed:
        pytest.skip("the installed package metadata predates pyproject.toml's spacy_tokenizers "
                    "entry point: reinstall (pip install -e .) to run this test")
    shared_nlp().to_disk(tmp_path / "pipeline")
    done = subprocess.run([sys.executable, "-c", LOAD_SAVED_PIPELINE, str(tmp_path / "pipeline"), TEXT],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    kind, spans = done.stdout.strip().splitlines()
    assert kind == f"UndertheseaTokenizer {list(PIPELINE)}"
    doc = shared_nlp()(TEXT)
    assert spans == str(sorted((key, [span.text for span in group]) for key, group in doc.spans.items()))


@pytest.mark.parametrize("text", ["  Đạt  55,6%\n\n tăng", "\t\nx", "a\u00a0b \u2003c ", "1.000,5 tỷ đồng;  hai con số"])
def test_odd_whitespace_round_trips_and_the_one_pass_split_is_the_offsets_split(text):
    assert shared_nlp().make_doc(text).text == text
    # the tokenizer's one-pass split (no CRF) gives what the offsets of word_offsets give
    assert _syllables_and_spaces(text) == _words_and_spaces(text, word_offsets(text, []))
