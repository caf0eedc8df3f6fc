"""Folders from Python: convert_folder (the batch's API), load_results and parse_folder."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")

from nghiquyet_parser import ConversionSummary, convert_folder, frames, load_results, models, parse_folder  # noqa: E402
from nghiquyet_parser.cli import main  # noqa: E402
from nghiquyet_parser.errors import InputError  # noqa: E402
from nghiquyet_parser.tables import TABLE_NAMES, read_table  # noqa: E402
from conftest import project_documents  # noqa: E402



@pytest.fixture
def nested_inputs(tmp_path: Path) -> Path:
    """Three project documents in nested folders, and one file that is no resolution."""
    tree = tmp_path / "in"
    (tree / "2021" / "huyen").mkdir(parents=True)
    first, second, third = project_documents(3)
    shutil.copy(first, tree / first.name)
    shutil.copy(second, tree / "2021" / second.name)
    shutil.copy(third, tree / "2021" / "huyen" / third.name)
    (tree / "2021" / "empty.txt").write_bytes(b"")
    return tree


def _resolution(number: str) -> models.Resolution:
    text = f"NGHỊ QUYẾT số {number}"
    return models.Resolution(text=text, header=models.Header(number=number),
                             targets=[models.Target(indicator="x", value=1, span=models.Span(start=0, end=1))])


def _batch_tree(root: Path) -> Path:
    """What a batch leaves: JSONs in nested folders beside every aggregate file, a temporary file, a bad JSON."""
    (root / "a" / "b").mkdir(parents=True)
    (root / "top.txt.json").write_text(_resolution("1/NQ").model_dump_json(), encoding="utf-8")
    (root / "a" / "b" / "deep.docx.json").write_text(_resolution("2/NQ").model_dump_json(), encoding="utf-8")
    (root / "a" / "bad.txt.json").write_text('{"text": 5}', encoding="utf-8")
    (root / "a" / ".deep.docx.json.1f2e.tmp").write_text("half a file", encoding="utf-8")
    (root / "summary.json").write_text('{"inputs": 3}', encoding="utf-8")
    for name in ("errors.jsonl", "resolutions.jsonl", "targets.csv", "documents.csv", "targets.parquet"):
        (root / name).write_text("aggregate", encoding="utf-8")
    return root


def test_load_results_reads_a_nested_tree_and_ignores_the_aggregates(tmp_path: Path):
    results = load_results(_batch_tree(tmp_path / "out"))
    assert sorted(results.names) == ["a/b/deep.docx", "top.txt"]
    assert sorted(r.header.number for r in results.resolutions) == ["1/NQ", "2/NQ"]
    assert [Path(error.path).name for error in results.errors] == ["bad.txt.json"]
    assert "not a resolution JSON" in results.errors[0].problem
    targets = results.tables().targets
    assert sorted(targets["document"]) == ["a/b/deep.docx", "top.txt"]
    assert sorted(targets["number"]) == ["1/NQ", "2/NQ"]


def test_load_json_folder_no_longer_reports_summary_json(tmp_path: Path):
    folder = frames.load_json_folder(_batch_tree(tmp_path / "out"))
    assert "summary.json" not in {Path(error.path).name for error in folder.errors}


def test_load_results_reports_progress_and_refuses_a_missing_folder(tmp_path: Path):
    seen = []
    load_results(_batch_tree(tmp_path / "out"), progress=lambda done, total, outcome: seen.append(
        (done, total, outcome.relative, outcome.ok)))
    assert [(done, total) for done, total, _, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert sorted((name, ok) for _, _, name, ok in seen) == [
        ("a/b/deep.docx.json", True), ("a/bad.txt.json", False), ("top.txt.json", True)]
    with pytest.raises(InputError, match="is not a folder"):
        load_results(tmp_path / "nowhere")


def test_parse_folder_recurses_with_a_pattern_and_reports_progress(nested_inputs: Path):
    seen = []
    results = parse_folder(nested_inputs, pattern="*.txt", progress=lambda done, total, o: seen.append((done, total)))
    assert len(results) == 3 and len(results.errors) == 1
    assert Path(results.errors[0].path).name == "empty.txt"
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert {name.count("/") for name in results.names} == {0, 1, 2}  # every depth of the tree
    assert len(parse_folder(nested_inputs, pattern=["000.txt", "nothing*"])) == 1


def test_convert_folder_is_the_batch_as_a_call(nested_inputs: Path, tmp_path: Path):
    out = tmp_path / "out"
    seen = []
    summary = convert_folder(nested_inputs, out, workers=1, tables="csv",
                             progress=lambda done, total, outcome: seen.append((done, total, outcome.ok)))
    assert isinstance(summary, ConversionSummary)
    assert (summary.inputs, summary.converted, summary.skipped, summary.failed) == (4, 3, 0, 1)
    assert not summary.ok and summary.failures[0].relative == "2021/empty.txt"
    assert sorted(done for done, _, _ in seen) == [1, 2, 3, 4] and {total for _, total, _ in seen} == {4}
    assert all(path.is_file() for path in summary.outputs) and len(summary.outputs) == 3
    assert {path.name for path in summary.aggregates} == {
        "resolutions.jsonl", "errors.jsonl", "summary.json", *(f"{name}.csv" for name in TABLE_NAMES)}
    assert not list(out.glob("*.parquet"))  # tables="csv"
    assert summary.rows["documents"] == 3 and summary.rows["targets"] > 0

    results = load_results(out)
    assert len(results) == 3 and results.errors == []
    for name in TABLE_NAMES:
        assert results.tables()[name].equals(read_table(out / f"{name}.csv")), name

    with (out / "targets.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert rows and all(row["article"].isdigit() or row["article"] == "" for row in rows)  # never '2.0'
    assert all(row["issuer"] and row["year"] for row in rows)

    again = convert_folder(nested_inputs, out, workers=1, tables="csv")
    assert (again.converted, again.skipped) == (0, 3)


def test_convert_folder_refuses_bad_arguments_before_converting(nested_inputs: Path, tmp_path: Path):
    out = tmp_path / "out"
    with pytest.raises(InputError, match="engine"):
        convert_folder(nested_inputs, out, engine="spark")
    with pytest.raises(InputError, match="--tables"):
        convert_folder(nested_inputs, out, tables="xlsx")
    with pytest.raises(InputError, match="workers"):
        convert_folder(nested_inputs, out, workers=0)
    with pytest.raises(InputError, match="is not a folder"):
        convert_folder(tmp_path / "nowhere", out)
    assert not out.exists()


def test_batch_tables_none_writes_no_table(nested_inputs: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert main(["batch", str(nested_inputs), str(out), "--workers", "1", "--tables", "none"]) == 1
    assert (out / "resolutions.jsonl").is_file() and (out / "summary.json").is_file()
    assert not list(out.glob("*.csv")) and not list(out.glob("*.parquet"))


def test_batch_refuses_an_unknown_table_format_on_one_line(nested_inputs: Path, tmp_path: Path, capsys):
    assert main(["batch", str(nested_inputs), str(tmp_path / "out"), "--tables", "xlsx"]) == 1
    error = capsys.readouterr().err
    assert "--tables" in error and "Traceback" not in error and len(error.strip().splitlines()) == 1
