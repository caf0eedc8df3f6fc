"""`nghiquyet batch` under cron or into a log (stderr no terminal): plain progress lines."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from nghiquyet_parser.batch.jobs import Outcome
from nghiquyet_parser.batch.run import PlainProgress
from nghiquyet_parser.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
LINE = re.compile(r"^converted (\d+)/(\d+), (\d+) failed, \d+\.\d docs/s$")


def test_a_batch_without_a_terminal_prints_progress_lines(tmp_path, capsys):
    tree = tmp_path / "in"
    tree.mkdir()
    for source in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(source, tree / source.name)
    (tree / "empty.txt").write_bytes(b"")
    assert main(["batch", str(tree), str(tmp_path / "out"), "--workers", "1"]) == 1
    lines = capsys.readouterr().err.splitlines()
    progress = [LINE.match(line) for line in lines if line.startswith("converted ")]
    assert progress and all(progress), lines
    assert [int(m[1]) for m in progress] == [1, 2, 3] and {m[2] for m in progress} == {"3"}
    assert progress[-1][3] == "1"  # the empty file
    assert lines[-1].startswith("nghiquyet batch: 2 converted")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_line_every_n_documents_or_every_interval_and_at_the_end():
    stream, clock = io.StringIO(), Clock()
    progress = PlainProgress(1000, stream=stream, clock=clock)
    assert progress.every == 100
    for done in range(1, 1001):
        clock.now = done * 0.05 + (11 if done >= 130 else 0)  # 20 docs/s; document 130 takes 11 s
        progress.advance(Outcome(f"{done}.txt", ok=done % 50 != 0, seconds=0.05))
    lines = stream.getvalue().splitlines()
    counts = [int(LINE.match(line)[1]) for line in lines]
    assert counts == [100, 130, 230, 330, 430, 530, 630, 730, 830, 930, 1000]
    assert lines[-1] == "converted 1000/1000, 20 failed, 16.4 docs/s"
