"""Throughput and memory of `nghiquyet batch`: 1 vs 2 workers, local vs Dask, growing corpora.

    python scripts/benchmark_batch.py            # >= 1,000 documents (takes a while)
    python scripts/benchmark_batch.py --size 200 # a quick look

Replicates corpus/*.txt (and ../shared/corpus/docs/*.txt when present) into a
temporary folder, each copy made unique by an appended line so resumability does
not skip it, then runs the batch command and reads summary.json (docs/s and the
peak RSS any worker reached). Prints a markdown table for the README.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "corpus", REPO.parent / "shared" / "corpus" / "docs"]


def replicate(target: Path, size: int) -> None:
    originals = [p for folder in SOURCES if folder.is_dir() for p in sorted(folder.glob("*.txt"))]
    if not originals:
        sys.exit("no documents in corpus/")
    target.mkdir(parents=True)
    for index in range(size):
        source = originals[index % len(originals)]
        (target / f"{index:05}-{source.name}").write_bytes(source.read_bytes() + f"\n{index}\n".encode())


def run_batch(in_dir: Path, out_dir: Path, workers: int, engine: str) -> dict:
    command = [sys.executable, "-m", "nghiquyet_parser.cli", "batch", str(in_dir), str(out_dir),
               "--workers", str(workers), "--engine", engine]
    subprocess.run(command, check=False, stderr=subprocess.DEVNULL)
    return json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="documents in the replicated corpus")
    parser.add_argument("--engines", default="local,dask")
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="nq-bench-") as scratch:
        root = Path(scratch)
        replicate(root / "in", options.size)
        for engine in options.engines.split(","):
            rates = {}
            for workers in (1, 2):
                summary = run_batch(root / "in", root / f"out-{engine}-{workers}", workers, engine)
                rates[workers] = summary["docs_per_second"]
                rows.append((engine, workers, options.size, summary["processed"], summary["failed"],
                             summary["docs_per_second"], summary["peak_worker_rss_mb"], ""))
                print(f"{engine} x{workers}: {summary}", file=sys.stderr)
            rows[-1] = rows[-1][:-1] + (f"{rates[2] / rates[1]:.2f}x" if rates[1] and rates[2] else "",)
        # Memory over corpus size: peak RSS per worker should not grow with the archive.
        for size in (options.size // 4, options.size // 2, options.size):
            subset = root / f"in-{size}"
            subset.mkdir()
            for path in sorted((root / "in").iterdir())[:size]:
                (subset / path.name).symlink_to(path)
            summary = run_batch(subset, root / f"out-mem-{size}", 2, "local")
            rows.append(("local", 2, size, summary["processed"], summary["failed"],
                         summary["docs_per_second"], summary["peak_worker_rss_mb"], ""))
    print("| engine | workers | documents | converted | failed | docs/s | peak RSS per worker (MB) | speed-up 2 vs 1 |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join("" if cell is None else str(cell) for cell in row) + " |")


if __name__ == "__main__":
    main()
