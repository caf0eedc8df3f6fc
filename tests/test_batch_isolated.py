"""`convert_isolated`: what a Dask task runs; a document over --timeout is stopped and reported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nghiquyet_parser.batch import isolated
from nghiquyet_parser.batch.jobs import Job

SEED = Path(__file__).resolve().parents[1] / "corpus" / "000.txt"


@pytest.fixture
def fresh_child():
    yield
    child = getattr(isolated._local, "child", None)
    if child is not None:
        child.stop()
        isolated._local.child = None


def test_a_document_converts_in_a_reused_child(tmp_path: Path, fresh_child) -> None:
    first = isolated.convert_isolated(Job(str(SEED), "a.txt", str(tmp_path / "a.txt.json"), 120.0, 2048))
    pid = isolated._local.child.process.pid
    second = isolated.convert_isolated(Job(str(SEED), "b.txt", str(tmp_path / "b.txt.json"), 120.0, 2048))
    assert first.ok and second.ok and (tmp_path / "b.txt.json").is_file()
    assert isolated._local.child.process.pid == pid  # the models were loaded once


def test_a_stuck_document_is_stopped_and_reported(tmp_path: Path, monkeypatch, fresh_child) -> None:
    # A FIFO without a writer: the child blocks opening it, as if stuck in native code.
    # The child's own alarm is 60 s away; the task stops it after 1 s.
    stuck = tmp_path / "stuck.txt"
    os.mkfifo(stuck)
    monkeypatch.setattr(isolated, "HARD_TIMEOUT_GRACE", 1.0 - 60.0)
    outcome = isolated.convert_isolated(Job(str(stuck), "stuck.txt", str(tmp_path / "stuck.txt.json"), 60.0, 2048))
    assert not outcome.ok and outcome.error == "Timeout" and outcome.seconds < 30
    assert getattr(isolated._local, "child", None) is None  # killed; the next document gets a new child
    monkeypatch.setattr(isolated, "HARD_TIMEOUT_GRACE", 10.0)
    after = isolated.convert_isolated(Job(str(SEED), "a.txt", str(tmp_path / "a.txt.json"), 120.0, 2048))
    assert after.ok


def test_a_dead_child_is_reported_plainly(tmp_path: Path, fresh_child) -> None:
    isolated.convert_isolated(Job(str(SEED), "a.txt", str(tmp_path / "a.txt.json"), 120.0, 2048))
    child = isolated._local.child
    child.process.kill()
    child.process.wait()
    isolated._local.child = child  # as if it died between documents: a new one is started
    assert isolated.convert_isolated(Job(str(SEED), "b.txt", str(tmp_path / "b.txt.json"), 120.0, 2048)).ok
