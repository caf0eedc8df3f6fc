"""`nghiquyet batch ../shared/corpus/docs OUT --catalog ../shared/corpus/manifest.tsv`: the archive's
catalogue fills the numbers and dates the archived copies lost (35 of the 76 documents have no number in
their text), the text keeps every value it states, and the conflicts are listed.

Skips when the shared corpus is absent. One batch with two workers (about 15 s on a quiet two-core
machine), then a run without the catalogue over the same output, which converts nothing again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")

from nghiquyet_parser import convert_folder, load_results  # noqa: E402
from nghiquyet_parser.cli import main  # noqa: E402
from nghiquyet_parser.tables import TABLE_NAMES, read_table  # noqa: E402

DOCUMENTS = 76
# Documents whose text has no number and whose catalogue row has none either ('doc_number left
# blank'), and those with no date in either: their targets cannot have one.
NO_NUMBER_ANYWHERE = {"000.txt", "072.txt", "073.txt"}
NO_DATE_ANYWHERE = {"005.txt", "039.txt"}


@pytest.fixture(scope="module")
def corpus(shared_corpus: Path) -> Path:
    docs = shared_corpus / "docs"
    if len(list(docs.glob("*.txt"))) != DOCUMENTS or not (shared_corpus / "manifest.tsv").is_file():
        pytest.skip(f"expected {DOCUMENTS} documents and manifest.tsv in {shared_corpus}")
    return shared_corpus


@pytest.fixture(scope="module")
def batch_output(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shared_catalog_batch")
    assert main(["batch", str(corpus / "docs"), str(out), "--workers", "2", "--tables", "csv",
                 "--catalog", str(corpus / "manifest.tsv")]) == 0
    return out


def test_every_target_row_has_issuer_number_and_year_where_text_or_catalogue_has_them(batch_output: Path):
    targets = read_table(batch_output / "targets.csv")
    assert len(targets) > 500 and targets["issuer"].notna().all()
    lacking_number = set(targets.loc[targets["number"].isna(), "document"])
    lacking_year = set(targets.loc[targets["year"].isna(), "document"])
    assert lacking_number <= NO_NUMBER_ANYWHERE and lacking_year <= NO_DATE_ANYWHERE
    assert (targets["number_source"] == "catalog").sum() > 0
    # an integer article or empty, whatever the catalogue did
    assert str(targets["article"].dtype) == "Int64"


def test_the_text_wins_and_each_value_says_where_it_came_from(batch_output: Path, corpus: Path):
    documents = read_table(batch_output / "documents.csv").set_index("document")
    manifest = pd.read_csv(corpus / "manifest.tsv", sep="\t", dtype=str).set_index("file")
    from_catalog = documents["number_source"] == "catalog"
    assert from_catalog.sum() >= 30
    assert (documents.loc[from_catalog, "number"] == manifest.loc[from_catalog[from_catalog].index, "doc_number"]).all()
    assert documents.loc[documents["number"].notna(), "number_source"].isin(["text", "catalog"]).all()
    assert documents.loc[documents["number"].isna(), "number_source"].isna().all()
    assert (documents["year"].dropna() == documents["date"].dropna().str[:4].astype(int)).all()
    summary = json.loads((batch_output / "summary.json").read_text(encoding="utf-8"))["catalog"]
    assert summary["rows"] == summary["matched"] == DOCUMENTS and summary["rows_naming_no_input"] == 0
    assert summary["filled"]["number"] == from_catalog.sum()


def test_conflicts_are_listed_with_both_values(batch_output: Path):
    conflicts = pd.read_csv(batch_output / "catalog_conflicts.csv", dtype=str)
    assert list(conflicts.columns) == ["document", "field", "text", "catalog", "catalog_line"]
    assert "number" not in set(conflicts["field"])  # where both state a number, they agree
    summary = json.loads((batch_output / "summary.json").read_text(encoding="utf-8"))["catalog"]
    assert summary["conflicts"] == len(conflicts)


def test_load_results_applies_the_catalogue_the_batch_applied(batch_output: Path):
    tables = load_results(batch_output).tables()
    for name in TABLE_NAMES:
        assert tables[name].equals(read_table(batch_output / f"{name}.csv")), name


def test_a_run_without_the_catalogue_rewrites_the_tables_only(batch_output: Path, corpus: Path):
    summary = convert_folder(corpus / "docs", batch_output, workers=2, tables="csv")
    assert summary.skipped == DOCUMENTS and summary.converted == 0
    targets = read_table(batch_output / "targets.csv")
    assert "catalog" not in set(targets["number_source"].dropna()) and targets["number"].isna().sum() > 100
    assert not (batch_output / "catalog_conflicts.csv").exists()
