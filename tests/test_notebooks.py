"""The research notebooks run headlessly, and are committed without outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))
EXPECTED = {"01_one_resolution.ipynb", "02_corpus_targets.ipynb"}
CELL_TIMEOUT_SECONDS = 900  # the corpus notebook parses every shared document in one cell


def test_both_notebooks_are_there():
    assert EXPECTED <= {path.name for path in NOTEBOOK_FILES}


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda path: path.name)
def test_committed_notebook_has_no_outputs(path: Path):
    # Plain JSON on purpose: this check must run without the notebooks extra.
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code_cells
    for cell in code_cells:
        assert cell.get("outputs") == [], f"{path.name}: a cell has outputs"
        assert cell.get("execution_count") is None, f"{path.name}: a cell has an execution count"


def _execute(path: Path, monkeypatch: pytest.MonkeyPatch, figures: Path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    pytest.importorskip("ipykernel")
    # The kernel inherits this process's environment: a headless backend, and the
    # README figure written to a temporary folder instead of docs/img.
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("NGHIQUYET_FIGURES", str(figures))
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    return notebook


def _printed(notebook) -> str:
    return "".join(
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "stream"
    )


def test_one_resolution_notebook_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    notebook = _execute(NOTEBOOKS / "01_one_resolution.ipynb", monkeypatch, tmp_path)
    printed = _printed(notebook)
    assert "Điều 1." in printed  # the structure tree was printed
    assert "targets" in printed


def test_corpus_notebook_runs_and_saves_the_readme_figure(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    notebook = _execute(NOTEBOOKS / "02_corpus_targets.ipynb", monkeypatch, tmp_path)
    assert "documents parsed" in _printed(notebook)
    assert (tmp_path / "targets_by_unit.png").stat().st_size > 0


def test_corpus_notebook_survives_an_empty_corpus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("NGHIQUYET_CORPUS", str(empty))
    notebook = _execute(NOTEBOOKS / "02_corpus_targets.ipynb", monkeypatch, tmp_path / "figures")
    printed = _printed(notebook)
    assert "0 documents parsed" in printed
    assert "nothing to plot" in printed
