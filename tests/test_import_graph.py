"""The extract stage's modules import each other in one direction only (a DAG)."""

from __future__ import annotations

from pathlib import Path

from import_graph import find_cycle, module_imports

PACKAGE = Path(__file__).resolve().parents[1] / "nghiquyet_parser"


def test_extract_has_no_import_cycle():
    graph = module_imports(PACKAGE / "extract")
    assert "nghiquyet_parser.extract.targets" in graph
    assert find_cycle(graph) is None


def test_the_extract_graph_names_its_edges_inside_and_outside_the_stage():
    graph = module_imports(PACKAGE / "extract")
    assert "nghiquyet_parser.extract.finders" in graph["nghiquyet_parser.extract"]
    assert "nghiquyet_parser.extract.nlp" not in graph["nghiquyet_parser.extract"]  # extract() builds no Doc
    assert {"nghiquyet_parser.extract.citations", "nghiquyet_parser.extract.places"} <= graph["nghiquyet_parser.extract.nlp"]
    assert "nghiquyet_parser.cues" in graph["nghiquyet_parser.extract.fields"]


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "pkg"
    for name, text in {"__init__.py": "", **files}.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    return package


def test_a_cycle_closed_by_a_function_level_import_is_found(tmp_path):
    package = _package(tmp_path, {
        "a.py": "from .b import helper\n",
        "b.py": "def helper():\n    from .a import something\n    return something\n",
        "c.py": "from . import a\n",
    })
    graph = module_imports(package)
    assert graph["pkg.c"] == {"pkg.a"}
    assert find_cycle(graph) == ["pkg.a", "pkg.b", "pkg.a"]


def test_no_cycle_in_a_dag(tmp_path):
    package = _package(tmp_path, {
        "sub/__init__.py": "from .leaf import x\nfrom .. import top\n",
        "sub/leaf.py": "import regex\nx = 1\n",
        "top.py": "",
    })
    graph = module_imports(package)
    assert graph["pkg.sub"] == {"pkg.sub.leaf", "pkg.top"}
    assert graph["pkg.sub.leaf"] == set()
    assert find_cycle(graph) is None
