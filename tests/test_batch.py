"""`nghiquyet batch`: mirrored outputs, aggregates, errors, resumability, kill -9, limits."""

from __future__ import annotations

import ast
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nghiquyet_parser import __version__
from nghiquyet_parser.tables.columns import names
from conftest import project_documents

from nghiquyet_parser.cli import main




@pytest.fixture
def small_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "in"
    (tree / "sub" / "deeper").mkdir(parents=True)
    (tree / ".hidden").mkdir()
    first, second, third = project_documents(3)
    shutil.copy(first, tree / first.name)
    shutil.copy(second, tree / "sub" / second.name)
    shutil.copy(third, tree / "sub" / "deeper" / third.name)
    shutil.copy(first, tree / ".hidden" / "skipped.txt")
    (tree / "broken.pdf").write_bytes(bytes(range(256)) * 8)
    (tree / "sub" / "empty.txt").write_bytes(b"")
    (tree / "notes.md").write_text("not an input", encoding="utf-8")
    return tree


def _summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def _batch(*args: str) -> int:
    return main(["batch", *args])


def test_converts_a_tree_mirroring_it_and_reports_bad_files(small_tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _batch(str(small_tree), str(out), "--workers", "2") == 1

    documents = sorted(p.relative_to(small_tree).as_posix() for p in small_tree.rglob("*.txt")
                       if ".hidden" not in p.parts and p.stat().st_size)
    written = sorted(p.relative_to(out).as_posix()[: -len(".json")] for p in out.rglob("*.json")
                     if p.name != "summary.json")
    assert written == documents
    for relative in documents:
        resolution = json.loads((out / f"{relative}.json").read_text(encoding="utf-8"))
        assert resolution["source"]["parser_version"] == __version__
        assert resolution["text"]

    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(e["file"] for e in errors) == ["broken.pdf", "sub/empty.txt"]
    assert all(e["error"] and e["message"] and "\n" not in e["message"] for e in errors)

    records = [json.loads(line) for line in (out / "resolutions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["document"] for r in records) == documents
    assert all("text" not in r for r in records)

    with (out / "targets.csv").open(encoding="utf-8") as stream:
        targets = list(csv.DictReader(stream))
    assert list(targets[0].keys()) == names("targets")
    assert {t["document"] for t in targets} <= set(documents)
    assert len(targets) == sum(len(r["targets"]) for r in records)
    with (out / "places.csv").open(encoding="utf-8") as stream:
        assert next(csv.reader(stream)) == names("places")

    summary = _summary(out)
    assert summary["inputs"] == len(documents) + 2
    assert (summary["processed"], summary["skipped"], summary["failed"]) == (len(documents), 0, 2)
    assert summary["parser_version"] == __version__ and summary["engine"] == "local"


def test_parquet_tables_match_the_csv(small_tree: Path, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    _batch(str(small_tree), str(out), "--workers", "1")
    for name in ("documents", "targets", "places", "citations", "quantities"):
        frame = pandas.read_parquet(out / f"{name}.parquet")
        assert len(frame) == len(pandas.read_csv(out / f"{name}.csv"))


def test_second_run_redoes_nothing_and_rebuilds_the_same_aggregates(small_tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _batch(str(small_tree), str(out), "--workers", "2")
    first = {name: (out / name).read_bytes() for name in ("resolutions.jsonl", "targets.csv", "places.csv")}
    _batch(str(small_tree), str(out), "--workers", "2")
    summary = _summary(out)
    assert (summary["processed"], summary["skipped"]) == (0, 3)
    assert {name: (out / name).read_bytes() for name in first} == first

    # A changed input is converted again; --force converts everything.
    changed = small_tree / "sub" / project_documents(2)[1].name
    changed.write_bytes(changed.read_bytes() + b"\n")
    _batch(str(small_tree), str(out), "--workers", "2")
    assert (_summary(out)["processed"], _summary(out)["skipped"]) == (1, 2)
    _batch(str(small_tree), str(out), "--workers", "2", "--force")
    assert _summary(out)["processed"] == 3


def test_pattern_selects_inputs(small_tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _batch(str(small_tree), str(out), "--workers", "1", "--pattern", "*.pdf") == 1
    assert _summary(out)["inputs"] == 1


def test_output_folder_nested_in_the_input_is_not_read(small_tree: Path) -> None:
    out = small_tree / "converted"
    _batch(str(small_tree), str(out), "--workers", "2")
    _batch(str(small_tree), str(out), "--workers", "2")
    assert _summary(out)["inputs"] == 5


def test_a_missing_input_folder_is_one_line(tmp_path: Path, capsys) -> None:
    assert _batch(str(tmp_path / "nowhere"), str(tmp_path / "out")) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_time_limit_reports_each_document(small_tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _batch(str(small_tree), str(out), "--workers", "1", "--timeout", "0.001") == 1
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(e["file"] for e in errors if e["error"] == "Timeout") == sorted(
        p.relative_to(small_tree).as_posix() for p in small_tree.rglob("*.txt")
        if ".hidden" not in p.parts and p.stat().st_size
    )
    assert not [p for p in out.rglob("*.txt.json")]


def test_memory_limit_reports_documents_and_replaces_workers(small_tree: Path, tmp_path: Path) -> None:
    # 100 MB is below what the loaded parser already maps: a document that needs a
    # new mapping fails, whether Python raises MemoryError or native code aborts
    # the worker (then replaced). One that fits in already-mapped memory may pass;
    # a document forty seeds long cannot.
    (small_tree / "long.txt").write_bytes(project_documents(1)[0].read_bytes() * 40)
    out = tmp_path / "out"
    assert _batch(str(small_tree), str(out), "--workers", "2", "--max-memory", "100") == 1
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    limited = {e["file"] for e in errors if e["error"] == "MemoryLimit"}
    assert "long.txt" in limited and {e["file"] for e in errors} - limited == {"broken.pdf", "sub/empty.txt"}
    assert _summary(out)["processed"] + len(limited) == 4
    # The same documents convert under the default limit.
    assert _batch(str(small_tree), str(out), "--workers", "2") == 1
    assert _summary(out)["processed"] == len(limited)
    assert _summary(out)["processed"] + _summary(out)["skipped"] == 4


def test_kill_minus_nine_then_resume_loses_and_redoes_nothing(tmp_path: Path) -> None:
    tree, out = tmp_path / "in", tmp_path / "out"
    tree.mkdir()
    seed = project_documents(1)[0].read_bytes()
    for index in range(40):  # distinct bytes, so each copy is its own document
        (tree / f"copy{index:03}.txt").write_bytes(seed + f"\n{index}\n".encode())
    command = [sys.executable, "-m", "nghiquyet_parser.cli", "batch", str(tree), str(out), "--workers", "1"]
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    # no deadline: a slow machine takes longer to write three, it cannot make the test fail
    while len(list(out.glob("copy*.json"))) < 3 and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the CLI and its workers, as an OOM killer or a power cut would
    process.wait()
    before = {p.name for p in out.glob("copy*.json")}
    assert 3 <= len(before) < 40
    for path in out.glob("copy*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # nothing half-written

    assert subprocess.run(command, stderr=subprocess.DEVNULL, timeout=600).returncode == 0
    summary = _summary(out)
    assert summary["processed"] == 40 - len(before)
    assert summary["skipped"] == len(before)
    for index in range(40):
        resolution = json.loads((out / f"copy{index:03}.txt.json").read_text(encoding="utf-8"))
        assert resolution["text"].endswith(f"\n{index}\n")


BATCH_MODULE_ORDER = ["jobs", "isolated", "engines", "inputs", "aggregates", "convert", "run"]  # each may import only those before it


def _package_imports(path: Path) -> set[str]:
    """Modules of the same package that `path` imports (`from .x import ...` / `from . import x`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found |= {node.module.split(".")[0]} if node.module else {alias.name for alias in node.names}
    return found


def test_batch_modules_import_in_one_direction() -> None:
    package = Path(__file__).resolve().parents[1] / "nghiquyet_parser" / "batch"
    assert sorted(p.stem for p in package.glob("*.py") if p.stem != "__init__") == sorted(BATCH_MODULE_ORDER)
    assert _package_imports(package / "__init__.py") == set()  # importing batch.jobs (a Dask worker) loads no pandas
    for index, name in enumerate(BATCH_MODULE_ORDER):
        later = _package_imports(package / f"{name}.py") - set(BATCH_MODULE_ORDER[:index])
        assert not later, f"batch/{name}.py imports {sorted(later)}, which come after it"
