"""What pyproject.toml and the README promise about installing: the package is installed
from a checkout (it is not published), and reading legacy font encodings is core."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project() -> dict:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower() for requirement in requirements}


def test_legacy_encodings_are_read_by_the_core(project):
    assert "viparse" in _names(project["dependencies"])
    assert "viparse" not in _names(project["optional-dependencies"]["formats"])


def test_readme_installs_from_the_checkout():
    """`pip install 'nghiquyet-parser[...]'` fails: no such package on PyPI."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"pip install\s+'?\"?nghiquyet-parser", readme)
    assert "pip install -e '.[parquet]'" in readme
    assert "installs no Parquet support" in readme
