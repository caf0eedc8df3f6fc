"""Output files follow the umask, never share a temporary name, and a disk that refuses a write
gives one line naming the path (OutputError, exit 1), not an internal error."""

from __future__ import annotations

import errno
import json
import os
import shutil
import threading
from pathlib import Path

import pandas
import pytest

from nghiquyet_parser import output
from nghiquyet_parser.batch import inputs
from nghiquyet_parser.batch.jobs import Job, convert_one
from nghiquyet_parser.cli import EXIT_FAILED, main
from nghiquyet_parser.errors import OutputError

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus" / "000.txt"


def _with_umask(mask: int, action) -> None:
    previous = os.umask(mask)
    try:
        action()
    finally:
        os.umask(previous)


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    _with_umask(0o022, lambda: output.write_atomically(tmp_path / "a.json", "{}\n"))
    assert (tmp_path / "a.json").stat().st_mode & 0o777 == 0o644
    _with_umask(0o077, lambda: output.write_atomically(tmp_path / "b.json", "{}\n"))
    assert (tmp_path / "b.json").stat().st_mode & 0o777 == 0o600


def test_parquet_follows_the_umask(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    _with_umask(0o022, lambda: output.write_parquet_atomically(tmp_path / "t.parquet", pandas.DataFrame({"a": [1]})))
    assert (tmp_path / "t.parquet").stat().st_mode & 0o777 == 0o644


def test_two_parquet_writes_into_one_folder_both_succeed(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    frames = [pandas.DataFrame({"value": list(range(200_000))}), pandas.DataFrame({"value": list(range(100_000))})]
    errors: list[BaseException] = []
    start = threading.Barrier(len(frames))

    def write(frame) -> None:
        start.wait()
        try:
            for _ in range(5):
                output.write_parquet_atomically(tmp_path / "targets.parquet", frame)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(frame,)) for frame in frames]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(pandas.read_parquet(tmp_path / "targets.parquet")) in (200_000, 100_000)
    assert not list(tmp_path.glob(".*.tmp"))


def _refuse_replace(monkeypatch) -> None:
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "replace", full)


def test_a_full_disk_is_one_line_naming_the_path(tmp_path: Path, monkeypatch, capsys) -> None:
    _refuse_replace(monkeypatch)
    target = tmp_path / "nq.json"
    assert main(["parse", str(SEED), "-o", str(target)]) == EXIT_FAILED
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and str(target) in message and "No space left" in message
    assert "internal error" not in message
    assert not list(tmp_path.iterdir())  # no temporary left behind


def test_a_read_only_folder_is_one_line_naming_the_path(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("permissions do not bite (running as root): see the full-disk test")
        assert main(["parse", str(SEED), "-o", str(folder / "nq.json")]) == EXIT_FAILED
    finally:
        folder.chmod(0o755)
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and str(folder / "nq.json") in message and "internal error" not in message


def test_an_output_folder_that_is_a_file_is_one_line(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    (tmp_path / "in").mkdir()
    shutil.copy(SEED, tmp_path / "in" / SEED.name)
    assert main(["batch", str(tmp_path / "in"), str(blocker), "--workers", "1"]) == EXIT_FAILED
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and str(blocker) in message and "internal error" not in message


def test_a_batch_document_that_cannot_be_written_names_its_output(tmp_path: Path, monkeypatch) -> None:
    _refuse_replace(monkeypatch)
    target = tmp_path / "nq.txt.json"
    outcome = convert_one(Job(str(SEED), "nq.txt", str(target), 120.0, 2048))
    assert not outcome.ok and outcome.error == "OutputError"
    assert str(target) in outcome.message and "No space left" in outcome.message


def test_an_input_broken_since_the_last_run_loses_its_old_json(tmp_path: Path) -> None:
    source = tmp_path / "in" / "nq.txt"
    source.parent.mkdir()
    shutil.copy(SEED, source)
    out = tmp_path / "out"
    assert main(["batch", str(source.parent), str(out), "--workers", "1"]) == 0
    assert (out / "nq.txt.json").is_file()
    source.write_bytes(bytes(range(256)) * 8)  # the file is now binary garbage
    assert main(["batch", str(source.parent), str(out), "--workers", "1"]) == 1
    assert not (out / "nq.txt.json").exists()
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["file"] for e in errors] == ["nq.txt"]
    assert (out / "resolutions.jsonl").read_text(encoding="utf-8") == ""


def test_an_unreadable_input_on_a_rerun_is_reported_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "in" / "nq.txt"
    source.parent.mkdir()
    shutil.copy(SEED, source)
    out = tmp_path / "out"
    assert main(["batch", str(source.parent), str(out), "--workers", "1"]) == 0
    def unreadable(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(inputs, "sha256_of", unreadable)
    source.chmod(0)  # bites only without root; the patched digest stands in for it with root
    try:
        code = main(["batch", str(source.parent), str(out), "--workers", "1"])
    finally:
        source.chmod(0o644)
    if os.access(source, os.R_OK) and code == 0:
        # Root reads the file anyway in the worker: it converts again, which is right too.
        assert (out / "nq.txt.json").is_file()
    else:
        assert code == 1 and not (out / "nq.txt.json").exists()


def test_output_error_is_exported() -> None:
    import nghiquyet_parser

    assert nghiquyet_parser.OutputError is OutputError
