"""Reliability suite (`pytest -m slow`): hostile inputs through `nghiquyet batch` under its limits.

The inputs come from scripts/hostile_set.py (and, when ../shared is beside the
repository, ../shared/reliability/gen_inputs.py's set too); the checks are
scripts/reliability.py's `check_batch`: the batch finishes, every input is converted or
reported on one line, never lost; each refusal names its true cause; no worker had to be
killed and none ran out of memory. The time limit is the parser's own budget (--timeout);
nothing asserts wall-clock time, so a busy machine makes more inputs time out, not a failure.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from hostile_set import ALL, generate  # noqa: E402
from reliability import SHARED_GENERATOR, check_batch, read_errors, run_batch  # noqa: E402

pytestmark = pytest.mark.slow
TIMEOUT, MAX_MEMORY_MB, MAX_SIZE_MB = 30.0, 2048, 20.0


def test_every_generator_has_a_distinct_name():
    names = [hostile.name for hostile in ALL]
    assert len(names) == len(set(names))


def test_hostile_inputs_through_the_batch(tmp_path: Path):
    pytest.importorskip("docx")
    pytest.importorskip("fpdf")
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    expectations = generate(in_dir, MAX_SIZE_MB)
    if SHARED_GENERATOR.is_file():
        subprocess.run([sys.executable, str(SHARED_GENERATOR), str(in_dir / "shared")], check=True,
                       stdout=subprocess.DEVNULL)
    status = run_batch(in_dir, out_dir, TIMEOUT, MAX_MEMORY_MB, MAX_SIZE_MB, workers=2)
    assert status == 1  # some inputs are refused, and the batch says so
    assert check_batch(in_dir, out_dir, expectations) == []
    refused = read_errors(out_dir)
    assert refused["paragraph_bomb.docx"][1].startswith("too many paragraphs")  # not "broken .docx"
    assert refused["over_size_limit.txt"][1] == "input too large: 20.1 MB (the limit is 20 MB)"
