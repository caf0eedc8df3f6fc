"""Reliability suite: hostile inputs through `nghiquyet batch` under its limits.

    python scripts/reliability.py                 # generate, run the batch, check, measure each input
    python scripts/reliability.py --no-measure    # CI: only the batch and its checks
    python scripts/reliability.py --shared        # also ../shared/reliability/gen_inputs.py's set

The checks (`check_batch`), the same as tests/test_reliability.py's:
- the batch finishes and its summary counts every input;
- every input is either converted or reported on exactly one line of errors.jsonl, never
  both, never neither (nothing lost);
- every refusal is an InputError or the time budget (`Timeout`) with a one-line message:
  no parser bug (IndexError ...), no worker that had to be killed, no MemoryLimit, so
  time and memory were held by the parser's own limits;
- each input with an expectation (scripts/hostile_set.py) meets it: converted, or
  refused with a message naming the true cause ("too many paragraphs", "zip bomb" ...).
Time limits are budgets the parser enforces (--timeout); nothing here asserts wall-clock time.

--measure (the default) then runs each input again, alone, as a batch worker does
(`batch.jobs.convert_one` under the same limits, in a child forked from a process with
the models loaded) to give its time and peak RSS; exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "scripts"), str(REPO)]  # this checkout's package, and the generators beside this script
from hostile_set import generate  # noqa: E402

SHARED_GENERATOR = REPO.parent / "shared" / "reliability" / "gen_inputs.py"
REFUSALS = ("InputError", "Timeout")
KILL_GRACE = 15.0  # seconds past --timeout before --measure kills a child that did not stop itself


def run_batch(in_dir: Path, out_dir: Path, timeout: float, max_memory: int, max_size: float, workers: int) -> int:
    command = [sys.executable, "-m", "nghiquyet_parser.cli", "batch", str(in_dir), str(out_dir), "--force",
               "--timeout", str(timeout), "--max-memory", str(max_memory), "--max-size", str(max_size),
               "--workers", str(workers)]
    inputs = sum(1 for path in in_dir.rglob("*") if path.is_file())
    # Only a guard against a hang of the batch itself, far above what the budgets allow.
    hang_guard = 600 + inputs * (timeout + 20) / workers
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return subprocess.run(command, cwd=REPO, env=environment, timeout=hang_guard, stderr=subprocess.DEVNULL).returncode


def check_batch(in_dir: Path, out_dir: Path, expectations: dict[str, Optional[str]]) -> list[str]:
    """What went wrong, one line each; [] when the batch met every check."""
    problems: list[str] = []
    inputs = {path.relative_to(in_dir).as_posix() for path in in_dir.rglob("*") if path.is_file()}
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    if summary["inputs"] != len(inputs) or summary["processed"] + summary["failed"] != len(inputs):
        problems.append(f"summary counts {summary['inputs']} inputs, {summary['processed']} converted and "
                        f"{summary['failed']} failed, for {len(inputs)} files")
    errors = read_errors(out_dir)
    converted = {name for name in inputs if (out_dir / f"{name}.json").is_file()}
    for name in sorted(inputs - converted - set(errors)):
        problems.append(f"{name!r}: lost (neither converted nor reported)")
    for name in sorted(converted & set(errors)):
        problems.append(f"{name!r}: both converted and reported")
    for name, (error, message) in sorted(errors.items()):
        if error not in REFUSALS or "worker was killed" in message or not message or "\n" in message:
            problems.append(f"{name!r}: {error}: {message!r}")
    for name, expected in sorted(expectations.items()):
        if expected == "ok" and name not in converted:
            problems.append(f"{name!r}: should convert, got {errors.get(name)}")
        elif expected not in (None, "ok") and expected not in errors.get(name, ("", ""))[1]:
            problems.append(f"{name!r}: should be refused with {expected!r}, got {errors.get(name, 'a conversion')}")
    return problems


def read_errors(out_dir: Path) -> dict[str, tuple[str, str]]:
    errors: dict[str, tuple[str, str]] = {}
    for line in (out_dir / "errors.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["file"] in errors:
            raise AssertionError(f"{record['file']!r} is reported twice in errors.jsonl")
        errors[record["file"]] = (record["error"], record["message"])
    return errors


# --------------------------------------------------------------------------- --measure


def measure(in_dir: Path, out_dir: Path, timeout: float, max_memory: int, max_size: float) -> list[dict]:
    """Each input alone, as a batch worker converts it, in a child forked from a warm worker."""
    from nghiquyet_parser.batch.jobs import warm_worker

    warm_worker(max_memory)  # the models load once, then the address-space limit, as in a worker
    rows = []
    for path in sorted(p for p in in_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(in_dir).as_posix()
        output = out_dir / f"{relative}.json"
        output.parent.mkdir(parents=True, exist_ok=True)
        rows.append(_measure_one(path, relative, output, timeout, max_memory, max_size))
        print(_row_line(rows[-1]), file=sys.stderr, flush=True)
    return rows


def _measure_one(path: Path, relative: str, output: Path, timeout: float, max_memory: int, max_size: float) -> dict:
    from nghiquyet_parser.batch.jobs import Job, convert_one

    job = Job(str(path), relative, str(output), timeout, max_memory, max_megabytes=max_size)
    read_end, write_end = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: one document, its outcome down the pipe
        os.close(read_end)
        os.write(write_end, pickle.dumps(convert_one(job)))
        os._exit(0)
    os.close(write_end)
    data = b""
    if select.select([read_end], [], [], timeout + KILL_GRACE)[0]:
        while chunk := os.read(read_end, 1 << 16):
            data += chunk
    else:
        os.kill(pid, signal.SIGKILL)
    os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    if data:
        outcome = pickle.loads(data)
        result = "converted" if outcome.ok else f"{outcome.error}: {outcome.message}"
    else:
        result = f"KILLED (wait status {status})"
    # ru_maxrss: kilobytes on Linux; the child starts with the warm worker's pages.
    return {"file": relative, "seconds": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024), "result": result}


def _row_line(row: dict) -> str:
    return f"{row['file']!r}: {row['seconds']} s, {row['peak_rss_mb']} MB, {row['result']}"


def markdown(rows: list[dict]) -> str:
    lines = ["| input | seconds | peak RSS (MB) | outcome |", "|---|---:|---:|---|"]
    lines += [f"| `{row['file']!r}` | {row['seconds']} | {row['peak_rss_mb']} | {row['result']} |" for row in rows]
    return "\n".join(lines)


# --------------------------------------------------------------------------- the command


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Hostile inputs through `nghiquyet batch` under its limits.")
    parser.add_argument("--work-dir", type=Path, help="where inputs and outputs go (default: a temporary folder)")
    parser.add_argument("--timeout", type=float, default=30.0, help="the time budget per document (s)")
    parser.add_argument("--max-memory", type=int, default=2048, help="MB of address space per worker")
    parser.add_argument("--max-size", type=float, default=20.0,
                        help="largest input file (MB); its text is held to the default text limit")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shared", action="store_true", help=f"add the inputs of {SHARED_GENERATOR} (when present)")
    parser.add_argument("--no-measure", dest="measure", action="store_false", help="skip the per-input measurements")
    args = parser.parse_args(argv)
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="nghiquyet-reliability-"))
    in_dir, out_dir = work / "in", work / "out"
    expectations = generate(in_dir, args.max_size)
    if args.shared and SHARED_GENERATOR.is_file():
        subprocess.run([sys.executable, str(SHARED_GENERATOR), str(in_dir / "shared")], check=True,
                       stdout=subprocess.DEVNULL)
    started = time.perf_counter()
    status = run_batch(in_dir, out_dir, args.timeout, args.max_memory, args.max_size, args.workers)
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    print(f"batch: exit {status} after {time.perf_counter() - started:.0f} s; {summary['processed']} converted, "
          f"{summary['failed']} refused of {summary['inputs']}; peak worker RSS {summary['peak_worker_rss_mb']} MB")
    for name, (error, message) in sorted(read_errors(out_dir).items()):
        print(f"  {name!r}: {error}: {message}")
    problems = check_batch(in_dir, out_dir, expectations)
    for problem in problems:
        print(f"FAILED {problem}")
    if args.measure:
        print(markdown(measure(in_dir, work / "measured", args.timeout, args.max_memory, args.max_size)))
    print("reliability: " + ("all checks passed" if not problems else f"{len(problems)} checks failed"))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
