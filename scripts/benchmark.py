#!/usr/bin/env python
"""Benchmark the parse against underthesea's word_tokenize, as ratios taken in one run.

    python scripts/benchmark.py [FOLDER ...] [--seed corpus/000.txt] [--repeat N]
                                [--big-mb M] [--quick] [--report-only]

Every time is compared with another time measured in the same run on the same
machine, so a slow or busy machine moves both sides alike:

- corpus cold: parsing every *.txt of the folders (default: ../shared/corpus/docs when
  present, else corpus/), each as a text never seen (the caches keyed by text are
  emptied before each), over underthesea's `word_tokenize` of the same texts;
- seed cold: the same for the seed alone (median of --repeat runs each);
- scaling: one document made of 16 corpus texts of about the median length, over the
  mean cost of those texts parsed one by one (linear is 16);
- peak RSS (ru_maxrss) of a fresh process that parses the corpus, and of one that
  parses a realistic input of --big-mb MB (corpus texts joined).

Each ratio is printed with its limit and PASS or FAIL; the exit code is 1 when one
fails (0 with --report-only). --quick runs a few documents and a small big input,
to check the script works (tests/test_benchmark.py), not to measure.
A script rather than timed tests: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from nghiquyet_parser import parse_text  # noqa: E402
from nghiquyet_parser.extract.nlp import sentence_offsets  # noqa: E402
from nghiquyet_parser.normalise import canonical  # noqa: E402
from nghiquyet_parser.pipeline import ParseTimings  # noqa: E402

# The caches whose keys are pieces of a document's text: a document never seen before
# finds them empty of its own text, so a cold measurement empties them.
TEXT_CACHES = (sentence_offsets, canonical)

SCALE = 16  # the scaling document is this many texts long

LIMITS = {
    "corpus cold parse / word_tokenize": 0.20,
    "seed cold parse / word_tokenize": 0.25,
    f"{SCALE}x longer document / one document": 18.0,
    "peak RSS of a worker over the corpus (MB)": 300.0,
    "peak RSS on the big input (MB)": 1024.0,
}


@dataclass
class Result:
    name: str
    value: float
    detail: str

    @property
    def passed(self) -> bool:
        return self.value <= LIMITS[self.name]


def default_folders() -> list[Path]:
    shared = REPO.parent / "shared" / "corpus" / "docs"
    return [shared] if shared.is_dir() else [REPO / "corpus"]


def pin_to_one_core() -> None:
    # The parse is single-threaded; pinning keeps underthesea's and the parse's numbers one-core numbers alike.
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")


def forget_texts() -> None:
    for cache in TEXT_CACHES:
        cache.cache_clear()


def seconds(run: Callable[[], object], *, cold: bool = False) -> float:
    if cold:
        forget_texts()
    gc.collect()
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def word_tokenizer() -> Callable[[str], object]:
    from underthesea import word_tokenize

    return word_tokenize


def cold_parse(text: str, name: str) -> float:
    return seconds(lambda: parse_text(text, path=name), cold=True)


def corpus_ratio(texts: dict[str, str], tokenize) -> Result:
    parsed = sum(cold_parse(text, name) for name, text in texts.items())
    tokenised = sum(seconds(lambda t=text: tokenize(t)) for text in texts.values())
    warm = sum(seconds(lambda t=text, n=name: parse_text(t, path=n)) for name, text in texts.items())
    return Result("corpus cold parse / word_tokenize", parsed / tokenised,
                  f"{len(texts)} texts: parse {parsed:.2f} s cold ({warm:.2f} s warm, ratio {warm / tokenised:.2f}), "
                  f"word_tokenize {tokenised:.2f} s")


def seed_ratio(seed: Path, repeat: int, tokenize) -> Result:
    text = seed.read_text(encoding="utf-8")
    parsed = statistics.median(cold_parse(text, seed.name) for _ in range(repeat))
    tokenised = statistics.median(seconds(lambda: tokenize(text)) for _ in range(repeat))
    return Result("seed cold parse / word_tokenize", parsed / tokenised,
                  f"{seed.name}: parse {parsed * 1000:.0f} ms cold, word_tokenize {tokenised * 1000:.0f} ms "
                  f"(medians of {repeat})")


def scaling_ratio(texts: dict[str, str], count: int, repeat: int) -> Result:
    """The joined document against the mean of its parts, each the fastest of `repeat`
    cold parses (another process can only slow a run down)."""
    median = statistics.median(len(t) for t in texts.values())
    parts = sorted(texts.values(), key=lambda t: abs(len(t) - median))[:count]
    joined = "\n\n".join(parts)
    one = statistics.mean(min(cold_parse(part, "part.txt") for _ in range(repeat)) for part in parts)
    long = min(cold_parse(joined, "joined.txt") for _ in range(repeat))
    length = len(joined) / statistics.mean(len(p) for p in parts)
    targets = len(parse_text(joined).targets), sum(len(parse_text(p).targets) for p in parts)
    return Result(f"{SCALE}x longer document / one document", long / one * SCALE / count,
                  f"{count} texts of ~{median / 1000:.0f}k characters joined ({length:.1f}x as long): {long:.2f} s, "
                  f"one text {one * 1000:.0f} ms on average; targets {targets[0]} joined, {targets[1]} apart")


_RSS_CHILD = """
import json, resource, sys
sys.path.insert(0, sys.argv[1])
from nghiquyet_parser import parse_text
files, size = json.loads(sys.argv[2]), int(sys.argv[3])
texts = [open(path, encoding="utf-8").read() for path in files]
if size:  # one document of `size` bytes: the texts joined, again and again
    parts, total = [], 0
    while total < size:
        parts.append(texts[len(parts) % len(texts)])
        total += len(parts[-1].encode("utf-8")) + 2
    texts = ["\\n\\n".join(parts)]
for index, text in enumerate(texts):
    parse_text(text, path=f"{index}.txt")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def peak_rss(files: list[Path], size: int) -> float:
    """MB of ru_maxrss of a fresh process that parses the files one by one, or
    (size > 0) one document of `size` bytes joined from them."""
    command = [sys.executable, "-c", _RSS_CHILD, str(REPO), json.dumps([str(p) for p in files]), str(size)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def rss_results(files: list[Path], big_mb: float) -> list[Result]:
    corpus = peak_rss(files, 0)
    big = peak_rss(files, int(big_mb * 2**20))
    return [
        Result("peak RSS of a worker over the corpus (MB)", corpus, f"{len(files)} documents in one process"),
        Result("peak RSS on the big input (MB)", big, f"one document of {big_mb:g} MB joined from the corpus texts"),
    ]


def stage_split(texts: dict[str, str]) -> str:
    totals = ParseTimings()
    for name, text in texts.items():
        forget_texts()
        parse_text(text, path=name, timings=totals)
    spent = sum(totals.seconds.values()) or 1.0
    return ", ".join(f"{stage} {share / spent:.0%}" for stage, share in totals.seconds.items())


def main(argv: list[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("folders", nargs="*", type=Path)
    arguments.add_argument("--repeat", type=int, default=5, help="runs of the seed and of the scaling document")
    arguments.add_argument("--seed", type=Path, default=REPO / "corpus" / "000.txt")
    arguments.add_argument("--big-mb", type=float, default=16.0, help="size of the big input")
    arguments.add_argument("--quick", action="store_true", help="a few documents: check the script, not the speed")
    arguments.add_argument("--report-only", action="store_true", help="exit 0 whatever the ratios")
    options = arguments.parse_args(argv)
    pin_to_one_core()

    files = sorted(p for folder in (options.folders or default_folders()) for p in folder.glob("*.txt"))
    count, repeat, big_mb = SCALE, options.repeat, options.big_mb
    if options.quick:
        files, count, repeat, big_mb = files[:4], 2, 1, 0.2
    texts = {p.name: p.read_text(encoding="utf-8") for p in files}
    tokenize = word_tokenizer()
    started = time.perf_counter()
    parse_text(options.seed.read_text(encoding="utf-8"))
    tokenize(options.seed.read_text(encoding="utf-8"))
    print(f"first parse and word_tokenize (imports, models): {time.perf_counter() - started:.2f} s")

    results = [corpus_ratio(texts, tokenize), seed_ratio(options.seed, repeat, tokenize),
               scaling_ratio(texts, count, repeat), *rss_results(files, big_mb)]
    for result in results:
        verdict = "PASS" if result.passed else "FAIL"
        print(f"{verdict} {result.name}: {result.value:.3f} (limit {LIMITS[result.name]:g}) - {result.detail}")
    print(f"time by stage (cold): {stage_split(texts)}")
    print(json.dumps({r.name: round(r.value, 4) for r in results}))
    return 0 if options.report_only or all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
