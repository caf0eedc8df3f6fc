"""The facts of one document (quantities, targets, nodes) are held to `limits.MAX_FACTS`,
counted where they are found, so a text dense with them is refused early with an error
naming the file; real documents are far below. The memory these limits keep under 1 GB is
measured by scripts/benchmark.py, and by the slow test here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO
from hostile_inputs import SHAPES, dense_percent, long_line, many_articles

from nghiquyet_parser import extract, parse_text, pipeline
from nghiquyet_parser.batch.convert import convert_folder
from nghiquyet_parser.errors import InputError, InputTooLarge
from nghiquyet_parser.limits import DEFAULT_MAX_TEXT_MEGABYTES, MAX_FACTS, MEGABYTE, count, fact_tally

SHARED_DOCS = REPO.parent / "shared" / "corpus" / "docs"


def _must_not_run(*args, **kwargs):
    raise AssertionError("reached: the limit was not checked early enough")


def test_too_many_quantities_are_refused_before_their_models_are_built(monkeypatch):
    monkeypatch.setitem(MAX_FACTS, "quantities", 1_000)
    monkeypatch.setattr(extract, "_quantities", _must_not_run)
    with pytest.raises(InputTooLarge) as caught:
        parse_text(dense_percent(20_000), path="dense.txt")
    assert isinstance(caught.value, InputError)
    assert str(caught.value) == "dense.txt: too many quantities: over the limit of 1,000"


def test_too_many_targets_are_refused(monkeypatch):
    monkeypatch.setitem(MAX_FACTS, "targets", 100)
    with pytest.raises(InputTooLarge, match=r"^line\.txt: too many targets: over the limit of 100$"):
        parse_text(long_line(20_000), path="line.txt")


def test_too_many_nodes_are_refused_before_extraction(monkeypatch):
    monkeypatch.setitem(MAX_FACTS, "nodes", 500)
    monkeypatch.setattr(pipeline, "extract", _must_not_run)
    with pytest.raises(InputTooLarge, match=r"^<text>: too many nodes: over the limit of 500$"):
        parse_text(many_articles(600))


def test_the_count_is_per_document(monkeypatch):
    monkeypatch.setitem(MAX_FACTS, "nodes", 500)
    for _ in range(3):  # each under the limit; together over it
        parse_text(many_articles(200))
    count("nodes", 10**9)  # outside a parse: nothing counts
    with fact_tally("nested.txt"), pytest.raises(InputTooLarge, match="nested.txt"):
        count("nodes", 501)


def test_convert_folder_holds_each_input_to_the_text_limit(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "dense.txt").write_text(dense_percent(200_000), encoding="utf-8")
    (source / "text.txt").write_text(many_articles(3), encoding="utf-8")
    summary = convert_folder(source, tmp_path / "out", workers=1, tables="none", max_text_megabytes=0.1)
    assert summary.converted == 1
    assert [(f.relative, f.message) for f in summary.failures] == [
        ("dense.txt", "text too large: 0.2 MB of text read from a 0.2 MB file (the limit is 0.1 MB)")]


def _documents():
    if SHARED_DOCS.is_dir():
        return sorted(SHARED_DOCS.glob("*.txt"))
    return sorted((REPO / "corpus").glob("*.txt"))


def test_real_documents_are_far_below_the_fact_limits(monkeypatch):
    """Every document parses with limits a twentieth of the real ones (the largest seen: 1,061
    quantities, 352 targets)."""
    for kind in MAX_FACTS:
        monkeypatch.setitem(MAX_FACTS, kind, MAX_FACTS[kind] // 20)
    for path in _documents():
        parse_text(path.read_text(encoding="utf-8"), path=path.name)


_SHAPE_PEAK = """
import json, sys
sys.path.insert(0, sys.argv[1] + "/tests")
from hostile_inputs import SHAPES
from nghiquyet_parser import parse_text
from nghiquyet_parser.batch.jobs import load_models
from nghiquyet_parser.emit import to_json_bytes
from nghiquyet_parser.errors import InputTooLarge
load_models()
try:
    to_json_bytes(parse_text(SHAPES[sys.argv[2]](int(sys.argv[3])), path=sys.argv[2]))
    outcome = "parsed"
except InputTooLarge as refused:
    outcome = refused.problem
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
print(json.dumps({"peak": peak, "outcome": outcome}))
"""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmHWM is Linux's")
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_hostile_shape_just_under_the_text_limit_stays_under_1_gb(shape):
    size = int(DEFAULT_MAX_TEXT_MEGABYTES * MEGABYTE * 0.998)
    done = subprocess.run([sys.executable, "-c", _SHAPE_PEAK, str(REPO), shape, str(size)],
                          capture_output=True, text=True, check=True, cwd=REPO)
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["peak"] <= 1024, report
