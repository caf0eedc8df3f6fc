"""The Dask engine on a LocalCluster writes exactly what the local engine writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nghiquyet_parser.cli import main

pytest.importorskip("dask.distributed")

REPO = Path(__file__).resolve().parents[1]
SHARED_DOCS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "docs"
TIMING_FIELDS = {"seconds", "docs_per_second", "engine", "workers", "peak_worker_rss_mb"}
AGGREGATES = ("resolutions.jsonl", "targets.csv", "places.csv", "errors.jsonl")


@pytest.fixture(scope="module")
def corpus_tree(tmp_path_factory) -> Path:
    """The project's corpus, a few shared documents in a subfolder, and one bad file."""
    tree = tmp_path_factory.mktemp("corpus")
    for path in sorted((REPO / "corpus").glob("*.txt")):
        shutil.copy(path, tree / path.name)
    if SHARED_DOCS.is_dir():
        (tree / "shared").mkdir()
        for path in sorted(SHARED_DOCS.glob("*.txt"))[:6]:
            shutil.copy(path, tree / "shared" / path.name)
    (tree / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return tree


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.json") if p.name != "summary.json"}


def test_dask_engine_equals_local_engine(corpus_tree: Path, tmp_path: Path) -> None:
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert main(["batch", str(corpus_tree), str(local), "--workers", "2"]) == 1
    assert main(["batch", str(corpus_tree), str(dask), "--workers", "2", "--engine", "dask"]) == 1

    assert _outputs(local) and _outputs(dask) == _outputs(local)
    for name in AGGREGATES:
        assert (dask / name).read_bytes() == (local / name).read_bytes(), name
    summaries = [json.loads((out / "summary.json").read_text(encoding="utf-8")) for out in (local, dask)]
    assert [{k: v for k, v in s.items() if k not in TIMING_FIELDS} for s in summaries] == [
        {k: v for k, v in summaries[0].items() if k not in TIMING_FIELDS}
    ] * 2
    assert summaries[1]["engine"] == "dask"


def test_dask_engine_resumes_what_the_local_engine_wrote(corpus_tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    main(["batch", str(corpus_tree), str(out), "--workers", "2"])
    main(["batch", str(corpus_tree), str(out), "--workers", "2", "--engine", "dask"])
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["processed"] == 0 and summary["skipped"] == summary["inputs"] - 1
