"""scripts/benchmark.py runs and computes every ratio (its limits are the script's
business: timings depend on the machine, so no test holds a time limit)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO

SHAPES = ("joined_corpus", "long_line", "dense_percent", "dense_money", "many_articles")
LIMITED = ("corpus cold parse / word_tokenize", "seed cold parse / word_tokenize", "16x longer document / one document",
           "peak RSS of a worker over the corpus (MB)",
           *(f"peak RSS on {shape} at the text limit (MB)" for shape in SHAPES))


def test_the_benchmark_computes_every_ratio_with_its_limit():
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "benchmark.py"), str(REPO / "corpus"),
                           "--quick", "--report-only"], capture_output=True, text=True, encoding="utf-8", cwd=REPO)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    ratios = json.loads(lines[-1])
    assert set(ratios) == set(LIMITED)
    assert all(value > 0 for value in ratios.values())
    for name in LIMITED:
        line = next(line for line in lines if f" {name}: " in line)
        assert line.split()[0] in ("PASS", "FAIL") and "(limit " in line
    for shape in SHAPES:  # each shape is parsed or refused, and says which
        line = next(line for line in lines if f" peak RSS on {shape} " in line)
        assert " MB of text; parsed: " in line or " MB of text; refused: " in line
