"""A failure prints our one line and nothing else: no library log records, no worker's last words."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

from nghiquyet_parser.batch import engines
from nghiquyet_parser.batch.jobs import Job

REPO = Path(__file__).resolve().parents[1]


def test_a_corrupt_pdf_is_our_one_line_only(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pdf"
    # A header and an object but no xref and no %%EOF: pypdf logs "EOF marker not found".
    damaged.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    run = subprocess.run([sys.executable, "-m", "nghiquyet_parser.cli", "parse", str(damaged)],
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"nghiquyet: error: {damaged}: corrupt or unreadable PDF (PdfStreamError)"]


class KilledWorker(Exception):
    """Stands in for distributed.scheduler.KilledWorker (only its name is looked at)."""


class _DeadFuture:
    def result(self):
        raise KilledWorker("Attempted to run task ('convert_one-1a2b') on 3 different workers, but all those "
                           "workers died while running it. The last worker was tcp://127.0.0.1:40000.")


JOB = Job("/in/sub/nq.txt", "sub/nq.txt", "/out/sub/nq.txt.json", 120.0, 2048)


def test_a_dask_worker_killed_under_a_document_says_so_plainly() -> None:
    outcome = engines._dask_outcome(_DeadFuture(), JOB)
    assert outcome.error == "MemoryLimit"
    assert outcome.message == "worker died (out of memory? the limit is 2048 MB) while parsing sub/nq.txt"


def _die() -> None:
    os.kill(os.getpid(), 9)


def test_a_local_worker_killed_under_a_document_says_so_plainly() -> None:
    process = multiprocessing.get_context("fork").Process(target=_die)
    process.start()
    process.join()
    parent, child = multiprocessing.Pipe()
    worker = engines._Worker(process, parent, JOB, started=0.0)
    outcome, kill = engines._collect(worker, timeout=120.0)
    assert kill and outcome.error == "MemoryLimit"
    assert outcome.message == ("worker died (out of memory? the limit is 2048 MB) while parsing sub/nq.txt "
                               "(killed by signal 9)")
