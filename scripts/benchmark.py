#!/usr/bin/env python
"""Benchmark the parse against underthesea's word_tokenize, as ratios taken in one run.

    python scripts/benchmark.py [FOLDER ...] [--seed corpus/000.txt] [--repeat N]
                                [--shape-mb M] [--quick] [--report-only]

Every time (CPU seconds of the process) is compared with another time measured in the
same run on the same machine, so a slow or busy machine moves both sides alike:

- corpus cold: parsing every *.txt of the folders (default: ../shared/corpus/docs when
  present, else corpus/), each as a text never seen (the caches keyed by text are
  emptied before each), over underthesea's `word_tokenize` of the same texts;
- seed cold: the same for the seed alone (median of --repeat runs each);
  (the parses and the tokenisations alternate, so a change of load weighs on both)
- scaling: the seed 16 times in one document over the seed (linear is 16);
- peak RSS (VmHWM, else ru_maxrss) of a fresh process that loads the models as a batch
  worker does and parses the corpus; and, for each shape of tests/hostile_inputs.py
  (corpus texts joined, one long line, percentages only, money only, thousands of
  articles), of a fresh process that parses that shape just under the text limit
  (limits.DEFAULT_MAX_TEXT_MEGABYTES, or --shape-mb) and writes its JSON. An input the
  parser refuses (InputTooLarge: too many facts) is handled: its peak counts all the same.

Each ratio is printed with its limit and PASS or FAIL; the exit code is 1 when one
fails (0 with --report-only). --quick runs a few documents and small shapes, to check the script works (tests/test_benchmark.py), not to measure.
A script rather than timed tests: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
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
from nghiquyet_parser.batch.jobs import WARM_UP_TEXT, load_models  # noqa: E402
from nghiquyet_parser.extract.words import sentence_offsets  # noqa: E402
from nghiquyet_parser.normalise import canonical  # noqa: E402
from nghiquyet_parser.pipeline import ParseTimings  # noqa: E402
from nghiquyet_parser.limits import DEFAULT_MAX_TEXT_MEGABYTES, MEGABYTE  # noqa: E402

# The caches whose keys are pieces of a document's text: a document never seen before
# finds them empty of its own text, so a cold measurement empties them.
TEXT_CACHES = (sentence_offsets, canonical)

SCALE = 16  # the scaling document is this many texts long
SHAPES = ("joined_corpus", "long_line", "dense_percent", "dense_money", "many_articles")  # tests/hostile_inputs.py
JUST_UNDER = 0.998  # of the text limit: the shapes must be parsed or refused for their facts, not their size

LIMITS = {
    "corpus cold parse / word_tokenize": 0.20,
    "seed cold parse / word_tokenize": 0.25,
    f"{SCALE}x longer document / one document": 18.0,
    "peak RSS of a worker over the corpus (MB)": 300.0,
    **{f"peak RSS on {shape} at the text limit (MB)": 1024.0 for shape in SHAPES},
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


def one_thread() -> None:
    # The parse is single-threaded; so must the libraries be, for one-core numbers on both sides.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")


def forget_texts() -> None:
    for cache in TEXT_CACHES:
        cache.cache_clear()


def seconds(run: Callable[[], object], *, cold: bool = False) -> float:
    """CPU seconds of this process: both sides are single-threaded, and the time other
    processes take from a busy machine does not count on either side."""
    if cold:
        forget_texts()
    gc.collect()
    started = time.process_time()
    run()
    return time.process_time() - started


def word_tokenizer() -> Callable[[str], object]:
    from underthesea import word_tokenize

    return word_tokenize


def cold_parse(text: str, name: str) -> float:
    return seconds(lambda: parse_text(text, path=name), cold=True)


def corpus_ratio(texts: dict[str, str], tokenize) -> Result:
    """Text by text, a cold parse, a warm parse and word_tokenize back to back, so a
    change of load on the machine weighs on all three alike."""
    parsed = warm = tokenised = 0.0
    for name, text in texts.items():
        parsed += cold_parse(text, name)
        warm += seconds(lambda: parse_text(text, path=name))
        tokenised += seconds(lambda: tokenize(text))
    return Result("corpus cold parse / word_tokenize", parsed / tokenised,
                  f"{len(texts)} texts: parse {parsed:.2f} s cold ({warm:.2f} s warm, ratio {warm / tokenised:.2f}), "
                  f"word_tokenize {tokenised:.2f} s")


def seed_ratio(seed: Path, repeat: int, tokenize) -> Result:
    text = seed.read_text(encoding="utf-8")
    parsed, tokenised = [], []
    for _ in range(repeat):
        parsed.append(cold_parse(text, seed.name))
        tokenised.append(seconds(lambda: tokenize(text)))
    parse_median, tokenise_median = statistics.median(parsed), statistics.median(tokenised)
    return Result("seed cold parse / word_tokenize", parse_median / tokenise_median,
                  f"{seed.name}: parse {parse_median * 1000:.0f} ms cold, word_tokenize {tokenise_median * 1000:.0f} ms "
                  f"(medians of {repeat})")


def scaling_ratio(seed: Path, repeat: int) -> Result:
    """The seed written SCALE times in one document against the seed, each the fastest of
    `repeat` cold parses (another process can only slow a run down). Copies of one text,
    not SCALE different texts joined: the headers and bases of joined resolutions would
    be read as content, so the long document would hold more work than its parts."""
    text = seed.read_text(encoding="utf-8")
    long_text = "\n\n".join([text] * SCALE)
    one = min(cold_parse(text, seed.name) for _ in range(repeat))
    long = min(cold_parse(long_text, "long.txt") for _ in range(repeat))
    # the long document must be read as fully as the copies, or it would be cheap for the wrong reason
    quantities = len(parse_text(long_text).quantities), SCALE * len(parse_text(text).quantities)
    return Result(f"{SCALE}x longer document / one document", long / one,
                  f"{seed.name} {SCALE} times: {long:.2f} s, once: {one * 1000:.0f} ms "
                  f"(fastest of {repeat}); quantities {quantities[0]} in it, {quantities[1]} in {SCALE} copies")


_PEAK = """
def peak_mb():
    try:  # Linux: ru_maxrss keeps the parent's peak across fork and exec; VmHWM is this process's own
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

_CORPUS_CHILD = """
import json, resource, sys
sys.path.insert(0, sys.argv[1])
from nghiquyet_parser import parse_text
from nghiquyet_parser.batch.jobs import load_models
load_models()  # as a batch worker starts
for index, path in enumerate(json.loads(sys.argv[2])):
    parse_text(open(path, encoding="utf-8").read(), path=f"{index}.txt")
""" + _PEAK + """
print(json.dumps({"peak": peak_mb()}))
"""

_SHAPE_CHILD = """
import json, resource, sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + "/tests")
from hostile_inputs import SHAPES
from nghiquyet_parser import parse_text
from nghiquyet_parser.batch.jobs import load_models
from nghiquyet_parser.emit import to_json_bytes
from nghiquyet_parser.errors import InputTooLarge
load_models()  # as a batch worker starts
text = SHAPES[sys.argv[2]](int(sys.argv[3]))
size = len(text.encode("utf-8"))
try:  # as a batch worker does: parse, then the JSON
    resolution = parse_text(text, path=sys.argv[2])
    del text
    outcome = (f"parsed: {len(resolution.quantities):,} quantities, {len(resolution.targets):,} targets, "
               f"JSON {len(to_json_bytes(resolution)) / 1e6:.1f} MB")
except InputTooLarge as refused:
    outcome = f"refused: {refused.problem}"
""" + _PEAK + """
print(json.dumps({"peak": peak_mb(), "size": size, "outcome": outcome}))
"""


def child_report(script: str, *arguments: str) -> dict:
    """The JSON line a fresh process running `script` prints last."""
    command = [sys.executable, "-c", script, str(REPO), *arguments]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def rss_results(files: list[Path], shape_bytes: int) -> list[Result]:
    corpus = child_report(_CORPUS_CHILD, json.dumps([str(p) for p in files]))["peak"]
    results = [Result("peak RSS of a worker over the corpus (MB)", corpus, f"{len(files)} documents in one process")]
    for shape in SHAPES:
        report = child_report(_SHAPE_CHILD, shape, str(shape_bytes))
        results.append(Result(f"peak RSS on {shape} at the text limit (MB)", report["peak"],
                              f"{report['size'] / MEGABYTE:.2f} MB of text; {report['outcome']}"))
    return results


_IMPORT_AND_TOKENISE = """
import sys
import spacy, underthesea
underthesea.word_tokenize(open(sys.argv[1], encoding="utf-8").read())
"""


def child_seconds(command: list[str]) -> float:
    """CPU seconds of a child process (and its own children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, capture_output=True, check=True, cwd=REPO)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def command_line(seed: Path, repeat: int) -> str:
    """The `nghiquyet` command on the seed, and `--version`, against a process that
    imports spaCy and underthesea and tokenises the seed (no limit: for the record)."""
    cli = [sys.executable, "-m", "nghiquyet_parser.cli"]
    parse = min(child_seconds([*cli, "parse", str(seed), "-o", os.devnull]) for _ in range(repeat))
    version = min(child_seconds([*cli, "--version"]) for _ in range(repeat))
    base = min(child_seconds([sys.executable, "-c", _IMPORT_AND_TOKENISE, str(seed)]) for _ in range(repeat))
    return (f"command line: parse {seed.name} {parse:.2f} s, --version {version:.2f} s; importing spaCy and "
            f"underthesea and tokenising the seed {base:.2f} s (parse / that: {parse / base:.2f})")


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
    arguments.add_argument("--shape-mb", type=float, default=DEFAULT_MAX_TEXT_MEGABYTES * JUST_UNDER,
                           help="MB of text of each hostile shape (default: just under the text limit)")
    arguments.add_argument("--quick", action="store_true", help="a few documents: check the script, not the speed")
    arguments.add_argument("--report-only", action="store_true", help="exit 0 whatever the ratios")
    options = arguments.parse_args(argv)
    one_thread()

    files = sorted(p for folder in (options.folders or default_folders()) for p in folder.glob("*.txt"))
    repeat, shape_mb = options.repeat, options.shape_mb
    if options.quick:
        files, repeat, shape_mb = files[:4], 1, 0.05
    texts = {p.name: p.read_text(encoding="utf-8") for p in files}
    tokenize = word_tokenizer()
    started = time.perf_counter()
    load_models()  # what a batch worker does first
    tokenize(WARM_UP_TEXT)
    print(f"first parse and word_tokenize (imports, models): {time.perf_counter() - started:.2f} s")

    results = [corpus_ratio(texts, tokenize), seed_ratio(options.seed, repeat, tokenize),
               scaling_ratio(options.seed, repeat), *rss_results(files, int(shape_mb * MEGABYTE))]
    for result in results:
        verdict = "PASS" if result.passed else "FAIL"
        print(f"{verdict} {result.name}: {result.value:.3f} (limit {LIMITS[result.name]:g}) - {result.detail}")
    print(f"time by stage (cold): {stage_split(texts)}")
    print(command_line(options.seed, repeat))
    print(json.dumps({r.name: round(r.value, 4) for r in results}))
    return 0 if options.report_only or all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
