"""`nghiquyet batch` over the shared corpus (../shared/corpus/docs, 76 documents): every table in
CSV and Parquet, self-contained target rows, and load_results reading the tree back.

Skips when the shared corpus is absent. One batch for the module, two workers: about half a
minute on a quiet two-core machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

from nghiquyet_parser import load_results  # noqa: E402
from nghiquyet_parser.cli import main  # noqa: E402
from nghiquyet_parser.tables import TABLE_NAMES, read_table  # noqa: E402
from nghiquyet_parser.tables.columns import names  # noqa: E402

DOCUMENTS = 76


@pytest.fixture(scope="module")
def batch_output(shared_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = shared_corpus / "docs"
    if len(list(docs.glob("*.txt"))) != DOCUMENTS:
        pytest.skip(f"expected {DOCUMENTS} documents in {docs}")
    out = tmp_path_factory.mktemp("shared_batch")
    assert main(["batch", str(docs), str(out), "--workers", "2"]) == 0
    return out


def test_every_table_is_written_in_csv_and_parquet_with_its_columns(batch_output: Path):
    for name in TABLE_NAMES:
        from_csv, from_parquet = read_table(batch_output / f"{name}.csv"), read_table(batch_output / f"{name}.parquet")
        assert list(from_parquet.columns) == names(name)
        assert from_csv.equals(from_parquet), name
    assert len(read_table(batch_output / "documents.parquet")) == DOCUMENTS


def test_target_rows_are_self_contained(batch_output: Path):
    targets = read_table(batch_output / "targets.parquet")
    documents = read_table(batch_output / "documents.parquet").set_index("document")
    assert len(targets) > 500
    assert targets["issuer"].notna().all()
    # number and year are on every row whose document states them (some archived copies lost their header)
    for column in ("number", "year", "issuer_level", "issuer_province_code"):
        stated = targets["document"].map(documents[column])
        assert targets[column].equals(stated.astype(targets[column].dtype)), column
    assert targets["number"].notna().mean() > 0.8 and targets["year"].notna().mean() > 0.9
    # an integer article where the target is in an article of the document itself, else empty
    assert str(targets["article"].dtype) == "Int64"
    # (articles may sit in chapters: 'Chương I › Điều 3 › 6'; no attachment of this corpus has articles)
    number = targets["path"].str.extract(r"(?:^|› )Điều (\d+)", expand=False)
    in_article = number.notna()
    assert (targets.loc[in_article, "article"] == number[in_article].astype("Int64")).all()
    assert targets.loc[~in_article, "article"].isna().all()
    assert targets["target_year"].notna().mean() > 0.8


def test_load_results_reads_the_whole_output_back(batch_output: Path):
    results = load_results(batch_output)
    assert len(results) == DOCUMENTS and results.errors == []
    assert results.tables().targets.equals(read_table(batch_output / "targets.parquet"))
