"""What a user sees when the input is bad: one line on stderr naming the file, a non-zero
exit code, never a traceback; -o writes atomically."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO, SEED

BINARY = bytes(range(256)) * 8


def nghiquyet(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nghiquyet_parser.cli", *args],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=300)


def assert_one_line_error(result: subprocess.CompletedProcess, path) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and lines[0].startswith("nghiquyet: error:")
    assert result.stdout == ""


@pytest.mark.parametrize("content", [b"", b"  \n\n \t\n", BINARY, b"Xin ch\xc3\xa0o, \xc4\x91\xc3\xa2y l\xc3\xa0 m\xe1\xbb\x99t b\xe1\xbb\xa9c th\xc6\xb0.\n"],
                         ids=["empty", "blank", "binary", "not-a-resolution"])
def test_bad_input_is_one_line_naming_the_file(tmp_path, content):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    assert_one_line_error(nghiquyet("parse", str(path)), path)


def test_missing_file_and_folder(tmp_path):
    assert_one_line_error(nghiquyet("parse", str(tmp_path / "absent.txt")), tmp_path / "absent.txt")
    assert_one_line_error(nghiquyet("parse", str(tmp_path)), tmp_path)


def test_header_and_bases_without_articles_give_a_partial_result(tmp_path, seed_text):
    """Where a partial result is useful it is given, with a 'no_articles' warning."""
    cut = seed_text.index("Điều 1")
    path = tmp_path / "partial.txt"
    path.write_text(seed_text[:cut], encoding="utf-8")
    result = nghiquyet("parse", str(path))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["body"] == []
    assert output["header"]["issuer"] is not None and output["legal_bases"]
    assert "no_articles" in [warning["code"] for warning in output["warnings"]]


def test_output_written_atomically(tmp_path):
    target = tmp_path / "out" / "seed.json"
    result = nghiquyet("parse", str(SEED), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["text"] == SEED.read_text(encoding="utf-8")
    assert os.listdir(target.parent) == ["seed.json"]  # no temporary file left behind


def test_no_file_left_on_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = nghiquyet("parse", str(empty), "-o", str(out_dir / "empty.json"))
    assert_one_line_error(result, empty)
    assert os.listdir(out_dir) == []


def test_an_error_keeps_an_earlier_output(tmp_path):
    """An existing output is replaced only by a complete new one."""
    out = tmp_path / "result.json"
    out.write_text("previous", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(BINARY)
    nghiquyet("parse", str(binary), "-o", str(out))
    assert out.read_text(encoding="utf-8") == "previous"


def test_gold_format(tmp_path):
    result = nghiquyet("parse", "--format", "gold", str(SEED))
    assert result.returncode == 0, result.stderr
    view = json.loads(result.stdout)
    assert view["document"] == "000.txt"
    assert set(view) == {"document", "header", "legal_bases", "considerations", "articles", "targets", "places"}
    assert [a["number"] for a in view["articles"]] == [1, 2, 3]


def test_schema_command_writes_the_committed_schema(tmp_path):
    out = tmp_path / "schema.json"
    result = nghiquyet("schema", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == (REPO / "schemas" / "resolution.schema.json").read_text(encoding="utf-8")


def test_usage_error_exit_code():
    result = nghiquyet("parse")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def _nghiquyet_stdin(data: bytes, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nghiquyet_parser.cli", *args], input=data,
                          capture_output=True, cwd=REPO, timeout=300)


def test_parse_reads_standard_input_as_bytes(tmp_path, seed_text):
    """`nghiquyet parse - < file`: the bytes of stdin, their encoding detected as for a file."""
    result = _nghiquyet_stdin(seed_text.encode("utf-16"), "parse", "-")
    assert result.returncode == 0, result.stderr.decode()
    output = json.loads(result.stdout.decode("utf-8"))
    assert output["text"] == seed_text
    assert output["source"]["encoding"].startswith("utf-16") and output["source"]["path"] is None
    assert output["header"]["issuer"]["name"] == "Hội đồng nhân dân huyện Bình Lục"


def test_an_empty_standard_input_is_one_line_naming_stdin():
    result = _nghiquyet_stdin(b"", "parse", "-")
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode().strip().splitlines() == ["nghiquyet: error: <stdin>: file is empty"]


def test_parse_several_files_prints_a_json_array(tmp_path):
    second = REPO / "corpus" / "001.txt"
    result = nghiquyet("parse", "--no-text", str(SEED), str(second))
    assert result.returncode == 0, result.stderr
    outputs = json.loads(result.stdout)
    assert isinstance(outputs, list) and [o["source"]["path"] for o in outputs] == [str(SEED), str(second)]
    assert all("text" not in o for o in outputs)
    gold = json.loads(nghiquyet("parse", "--format", "gold", str(SEED), str(second)).stdout)
    assert [view["document"] for view in gold] == ["000.txt", "001.txt"]


def test_parse_several_files_with_o_writes_one_json_each_into_a_folder(tmp_path):
    second = REPO / "corpus" / "001.txt"
    out = tmp_path / "out"
    result = nghiquyet("parse", str(SEED), str(second), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert sorted(os.listdir(out)) == ["000.txt.json", "001.txt.json"]
    assert json.loads((out / "001.txt.json").read_text(encoding="utf-8"))["source"]["path"] == str(second)


def test_several_files_one_bad_reports_it_and_writes_the_others(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    result = nghiquyet("parse", str(SEED), str(bad), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"nghiquyet: error: {bad}: file is empty"]
    assert os.listdir(out) == ["000.txt.json"]
    # to stdout, an array is printed whole or not at all
    result = nghiquyet("parse", str(SEED), str(bad))
    assert result.returncode == 1 and result.stdout == ""


def test_several_files_with_one_name_into_one_folder_is_a_usage_error(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "000.txt").write_bytes(SEED.read_bytes())
    result = nghiquyet("parse", str(tmp_path / "a" / "000.txt"), str(tmp_path / "b" / "000.txt"),
                       "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "000.txt.json" in result.stderr
    assert not (tmp_path / "out").exists()


def test_parse_help_explains_several_files_and_stdin():
    result = nghiquyet("parse", "--help")
    assert result.returncode == 0
    help_text = " ".join(result.stdout.split())
    assert "JSON array" in help_text and "standard input" in help_text and "one JSON per file" in help_text


def test_schema_prints_to_stdout_and_writes_nothing_where_it_stands(tmp_path):
    result = subprocess.run([sys.executable, "-m", "nghiquyet_parser.cli", "schema"], capture_output=True,
                            text=True, encoding="utf-8", cwd=tmp_path, timeout=300,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))})
    assert result.returncode == 0, result.stderr
    assert result.stdout == (REPO / "schemas" / "resolution.schema.json").read_text(encoding="utf-8")
    assert os.listdir(tmp_path) == []
