"""The review page without a browser: the nesting of overlapping marks, escaping of the
document's text, one identifying element per fact, and the CLI and batch writers.
(tests/test_review_browser.py opens the page in chromium.)"""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from nghiquyet_parser import models
from nghiquyet_parser.cli import main
from nghiquyet_parser.review import to_html
from nghiquyet_parser.review.marks import Mark, nest

VOID = {"meta", "input", "br", "img"}


class _Tree(HTMLParser):
    """Checks that tags nest, and gathers the text, the fact elements and the scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text: list[str] = []
        self.facts: list[tuple[str, int]] = []
        self.scripts: list[dict[str, str | None]] = []
        self.in_doc = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
        if attributes.get("id") == "doc":
            self.in_doc = True
        if "data-fact" in attributes:
            self.facts.append((attributes["data-fact"], int(attributes["data-index"])))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()
        if tag == "article":
            self.in_doc = False

    def handle_data(self, data):
        self.text.append(data)


def _read(page: str) -> _Tree:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert tree.open == []
    return tree


def _mark(start: int, end: int, layer: int, name: str) -> Mark:
    return Mark(start, end, layer, f'<span data-fact="{name}" data-index="0">', f'<span data-fact-cont="{name}">', "</span>")


def test_crossing_marks_nest_and_each_first_piece_appears_once() -> None:
    text = "Thu nhập đạt 55,6 triệu đồng tại xã An Bình năm 2021"
    marks = [_mark(9, 28, 10, "target"), _mark(13, 17, 13, "quantity"), _mark(20, 43, 12, "place"),
             _mark(0, 20, 0, "region")]
    rendered = nest(text, marks)
    tree = _read(f"<div>{rendered}</div>")
    assert "".join(tree.text) == text
    assert Counter(kind for kind, _ in tree.facts) == {"target": 1, "quantity": 1, "place": 1, "region": 1}
    assert 'data-fact-cont="place"' in rendered  # the place crosses the target's end: cut, not dropped


def test_a_lower_layer_mark_starting_inside_a_higher_one_holds_it() -> None:
    rendered = nest("abcdef", [_mark(0, 4, 13, "quantity"), _mark(2, 6, 10, "target")])
    assert rendered.index('data-fact="quantity"') < rendered.index('data-fact="target"')
    assert '<span data-fact-cont="quantity">cd</span>' in rendered


def test_empty_and_out_of_range_facts_keep_their_element() -> None:
    resolution = models.Resolution(text="abc", quantities=[
        models.Quantity(value=1, text="1", span=models.Span(start=2, end=2)),
        models.Quantity(value=2, text="2", span=models.Span(start=1, end=99))])
    assert sorted(index for kind, index in _read(to_html(resolution)).facts if kind == "quantity") == [0, 1]


@given(st.text(alphabet="ab<&\n ", max_size=30),
       st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 13)), max_size=8))
def test_any_marks_nest_keep_the_text_and_open_each_fact_once(text, ranges) -> None:
    marks = [_mark(min(a, b, len(text)), min(max(a, b), len(text)), layer, f"m{number}")
             for number, (a, b, layer) in enumerate(ranges)]
    tree = _read(f"<div>{nest(text, marks)}</div>")
    assert "".join(tree.text) == text
    assert sorted(kind for kind, _ in tree.facts) == sorted(f"m{number}" for number in range(len(marks)))


HOSTILE = '</script><script>alert(1)</script> <img src=x onerror=alert(2)> & "quoted" <!-- \n'


def _hostile_resolution() -> models.Resolution:
    text = "Điều 1. Tỷ lệ hộ nghèo giảm còn 2% tại xã An Bình. " + HOSTILE + "Nghị quyết số 12/NQ-HĐND."
    value = text.index("2%")
    place = text.index("xã An Bình")
    citation = text.index("Nghị quyết số")
    return models.Resolution(
        text=text,
        header=models.Header(number=HOSTILE, title=HOSTILE),
        body=[models.Node(kind="article", path="Điều 1", span=models.Span(start=0, end=len(text)))],
        targets=[models.Target(indicator=HOSTILE, value=2, unit="%", span=models.Span(start=value, end=value + 2),
                               indicator_span=models.Span(start=8, end=22))],
        places=[models.Place(name="An Bình", type="xã", spans=[models.Span(start=place, end=place + 10),
                                                              models.Span(start=place + 3, end=place + 10)])],
        cited_documents=[models.CitedDocument(name=HOSTILE, span=models.Span(start=citation, end=len(text) - 1))],
        quantities=[models.Quantity(value=2, text="2%", span=models.Span(start=value, end=value + 2),
                                    decision="target")],
    )


def test_the_documents_text_is_escaped_everywhere() -> None:
    page = to_html(_hostile_resolution())
    tree = _read(page)
    assert [script.get("type") for script in tree.scripts] == ["application/json", None]
    assert "alert(" not in page.split("<script>")[-1]  # only the page's own script runs
    assert "<img" not in page and "<!-- " not in page
    data = page.split('<script type="application/json" id="facts">')[1].split("</script>")[0]
    assert json.loads(data)["targets"][0]["indicator"] == HOSTILE


def test_every_fact_is_one_element_with_its_json_index() -> None:
    resolution = _hostile_resolution()
    facts = Counter(_read(to_html(resolution)).facts)
    assert facts == {("target", 0): 1, ("place", 0): 2, ("citation", 0): 1, ("quantity", 0): 1}


def test_the_page_loads_nothing() -> None:
    page = to_html(models.Resolution(text="Điều 1. Thu nhập đạt 50 triệu đồng."))
    assert "default-src 'none'" in page
    assert [link for link in ("http:", "https:", " src=", " href=", "url(", "@import") if link in page] == []


SAMPLE = "NGHỊ QUYẾT\nĐiều 1. Thu nhập bình quân đầu người đạt 50 triệu đồng.\n"


def test_parse_format_html_writes_one_page_or_one_per_file(tmp_path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(SAMPLE, encoding="utf-8")
    second.write_text(SAMPLE, encoding="utf-8")
    assert main(["parse", "--format", "html", str(first), "-o", str(tmp_path / "a.html")]) == 0
    assert _read((tmp_path / "a.html").read_text(encoding="utf-8")).facts.count(("target", 0)) == 1
    assert main(["parse", "--format", "html", str(first), str(second), "-o", str(tmp_path / "out")]) == 0
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["a.txt.html", "b.txt.html"]
    assert main(["parse", "--format", "html", str(first), str(second)]) == 2


def test_batch_html_writes_a_page_beside_each_json_and_reruns_for_a_missing_page(tmp_path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "sub" / "a.txt").write_text(SAMPLE, encoding="utf-8")
    assert main(["batch", str(inputs), str(out), "--workers", "1"]) == 0
    assert not (out / "sub" / "a.txt.html").exists()
    assert main(["batch", str(inputs), str(out), "--workers", "1", "--html"]) == 0
    page = (out / "sub" / "a.txt.html").read_text(encoding="utf-8")
    assert _read(page).facts.count(("target", 0)) == 1
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["processed"] == 1
