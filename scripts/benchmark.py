#!/usr/bin/env python
"""Benchmark the full parse on one core.

    python scripts/benchmark.py [FOLDER ...] [--repeat N] [--seed corpus/000.txt]

Parses every *.txt of the folders (default: corpus/ and, when present,
../shared/corpus/docs) with `nghiquyet_parser.parse`, one document after the other
in this process, and prints: documents per second, median and p95 time per
document, the median warm parse time of the seed, peak memory (tracemalloc and
ru_maxrss), and how the time splits between the stages (ParseTimings).
A script rather than a timed test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from nghiquyet_parser import parse  # noqa: E402
from nghiquyet_parser.errors import InputError  # noqa: E402
from nghiquyet_parser.extract.nlp import sentence_offsets  # noqa: E402
from nghiquyet_parser.pipeline import ParseTimings  # noqa: E402


def default_folders() -> list[Path]:
    folders = [REPO / "corpus"]
    shared = REPO.parent / "shared" / "corpus" / "docs"
    if shared.is_dir():
        folders.append(shared)
    return folders


def pin_to_one_core() -> None:
    # Only where the OS lets us; the numbers are one-core numbers either way since
    # the parse is single-threaded.
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def time_folder(files: list[Path], totals: ParseTimings) -> tuple[list[float], int]:
    durations, failures = [], 0
    for path in files:
        started = time.perf_counter()
        try:
            parse(path, timings=totals)
        except InputError:
            failures += 1
            continue
        durations.append(time.perf_counter() - started)
    return durations, failures


def time_seed(seed: Path, repeat: int, *, uncached: bool) -> list[float]:
    """Warm parses of the seed (imports and models loaded). With `uncached`, the
    tokenizer's per-sentence cache is emptied first, as for a document never seen."""
    parse(seed)
    durations = []
    for _ in range(repeat):
        if uncached:
            sentence_offsets.cache_clear()
        started = time.perf_counter()
        parse(seed)
        durations.append(time.perf_counter() - started)
    return durations


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("folders", nargs="*", type=Path)
    arguments.add_argument("--repeat", type=int, default=20, help="warm parses of the seed")
    arguments.add_argument("--seed", type=Path, default=REPO / "corpus" / "000.txt")
    options = arguments.parse_args()
    pin_to_one_core()

    files = sorted(p for folder in (options.folders or default_folders()) for p in folder.glob("*.txt"))
    started = time.perf_counter()
    parse(options.seed)
    print(f"first parse (imports, underthesea model, spaCy pipeline): {time.perf_counter() - started:.2f} s")

    totals = ParseTimings()
    wall = time.perf_counter()
    durations, failures = time_folder(files, totals)
    wall = time.perf_counter() - wall

    sentence_offsets.cache_clear()
    tracemalloc.start()  # a second pass: tracing slows the parse, so it is not timed
    time_folder(files, ParseTimings())
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"documents: {len(durations)} parsed, {failures} refused, from {len(files)} files")
    if durations:
        print(f"throughput: {len(durations) / wall:.1f} docs/s (one core, first pass over the folder)")
        print(f"per document: median {statistics.median(durations) * 1000:.1f} ms, p95 {percentile(durations, 0.95) * 1000:.1f} ms")
    seed = time_seed(options.seed, options.repeat, uncached=False)
    fresh = time_seed(options.seed, options.repeat, uncached=True)
    print(f"seed {options.seed.name}: median warm parse {statistics.median(seed) * 1000:.1f} ms over {options.repeat} runs"
          f" ({statistics.median(fresh) * 1000:.1f} ms with the tokenizer cache emptied before each)")
    print(f"peak memory: tracemalloc {peak / 2**20:.1f} MiB during a pass over the folder, "
          f"ru_maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    spent = sum(totals.seconds.values()) or 1.0
    split = ", ".join(f"{stage} {seconds / spent:.0%}" for stage, seconds in totals.seconds.items())
    print(f"time by stage: {split}")


if __name__ == "__main__":
    main()
