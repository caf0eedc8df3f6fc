"""Every document of corpus/ and of the shared corpus parses, and every span in its JSON
round-trips into the original text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import PROJECT_DOCS, REPO, SEED, SHARED_DOCS, document_id

from nghiquyet_parser.normalise import canonical, fold

SPAN_KEYS = ("span", "indicator_span", "sentence_span")


def spans_in(value, where: str = ""):
    """Every (path, span dict) in a JSON value, under 'span', 'spans', 'indicator_span', 'sentence_span'."""
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{where}/{key}"
            if key in SPAN_KEYS and item is not None:
                yield here, item
            elif key == "spans":
                spans = item.items() if isinstance(item, dict) else enumerate(item)
                for name, span in spans:
                    yield f"{here}/{name}", span
            else:
                yield from spans_in(item, here)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from spans_in(item, f"{where}/{index}")


def nodes_in(nodes: list[dict]):
    for node in nodes:
        yield node
        yield from nodes_in(node.get("children", []))


def loose(text: str) -> str:
    """Normalised as the parser reads (look-alike letters such as 'Ð' for 'Đ'), tone- and
    case-folded, whitespace removed: a heading rejoined from two lines is still found."""
    return "".join(fold(canonical(text)).split())


def body_nodes(output: dict):
    yield from nodes_in(output["body"])
    for attachment in output["attachments"]:
        yield from nodes_in(attachment["body"])
    for appendix in output["appendices"]:
        yield from nodes_in(appendix["body"])


@pytest.mark.parametrize("path", [*PROJECT_DOCS, *SHARED_DOCS], ids=document_id)
def test_every_span_round_trips(path, parsed_json):
    text, output = parsed_json(path)
    assert output["text"] == text
    spans = list(spans_in(output))
    assert spans, "no span at all in the output"
    for where, span in spans:
        assert 0 <= span["start"] <= span["end"] <= len(text), f"{where}: {span} outside 0..{len(text)}"
    for node in body_nodes(output):
        source = loose(text[node["span"]["start"]:node["span"]["end"]])
        for part in ("marker", "heading"):
            if node.get(part):
                assert loose(node[part]) in source, f"{node['path']}: {part} {node[part]!r} not in its span"


def test_walker_finds_header_spans_and_nested_ones():
    """The span walker itself: dict-valued 'spans' (header), list-valued (places), nested nodes."""
    sample = {"header": {"spans": {"number": {"start": 1, "end": 2}}},
              "places": [{"spans": [{"start": 3, "end": 4}]}],
              "body": [{"span": {"start": 0, "end": 9}, "children": [{"span": {"start": 5, "end": 6}}]}],
              "targets": [{"span": {"start": 7, "end": 8}, "indicator_span": None}]}
    assert [where for where, _ in spans_in(sample)] == [
        "/header/spans/number", "/places/0/spans/0", "/body/0/span", "/body/0/children/0/span", "/targets/0/span"]


def test_cli_parses_the_seed():
    """Issue 2 acceptance, through the command line: JSON with three articles and the seed's header."""
    result = subprocess.run([sys.executable, "-m", "nghiquyet_parser.cli", "parse", str(SEED)],
                            capture_output=True, text=True, encoding="utf-8", cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    articles = [node for node in body_nodes(output) if node["kind"] == "article"]
    assert [a["number"] for a in articles] == ["1", "2", "3"]
    assert output["header"]["issuer"]["name"] == "Hội đồng nhân dân huyện Bình Lục"
    assert output["header"]["term"] == "XX" and output["header"]["session"] == 2
    assert [d["number"] for p in output["legal_bases"] for d in p["documents"]] == ["77/2015/QH13", "47/2019/QH14"]
    assert any(t["value"] == 55.6 and t["unit"] == "triệu đồng" for t in output["targets"])
    assert "Traceback" not in result.stderr
