"""An archive's catalogue in the tables: reading it, matching its rows, text first and catalogue second,
the source columns, the conflicts, the batch's files and load_results.

Made-up catalogues over the project's own corpus/ documents and a made-up document without a header.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")

from nghiquyet_parser import convert_folder, load_results, models, parse_folder  # noqa: E402
from nghiquyet_parser.catalog import Catalog, CatalogRecord, match_catalog, merge_key, read_catalog  # noqa: E402
from nghiquyet_parser.cli import main  # noqa: E402
from nghiquyet_parser.errors import InputError  # noqa: E402
from nghiquyet_parser.tables import TABLE_NAMES, read_table  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
# A document that lost its header, as archived web copies do: no issuer, number or date in its text.
HEADERLESS = (
    "NGHỊ QUYẾT\nVề nhiệm vụ phát triển kinh tế - xã hội năm 2025\n\n"
    "Điều 1. Mục tiêu năm 2025\n1. Tốc độ tăng trưởng kinh tế đạt 7%.\n2. Tỷ lệ hộ nghèo giảm còn 2%.\n"
    "Điều 2. Tổ chức thực hiện\nGiao Ủy ban nhân dân tổ chức thực hiện.\n"
)
# What the texts say (checked in test_the_documents_are_what_the_catalogue_tests_assume):
# 000.txt: no number, date 2021-07; 001.txt: 15/NQ-HĐND of 2020-12-10; 002.txt: 45/NQ-HĐND of 2022-12-20.
CATALOGUE = (
    "File\tDoc_Number\tdate\tissuer\tlevel\tnotes\n"
    "000.txt\t98/NQ-HĐND\t2021-07-20\tHĐND huyện Bình Lục\thuyen\tthe seed: the text has no number\n"
    "sub/001.txt\t16/NQ-HĐND\t2020-12\tHĐND tỉnh Hậu Giang\tTỉnh\tthe number disagrees with the text\n"
    "002.txt\t045/nq-hdnd\t2022-12\tUBND huyện Yên Thành\tcap huyen\tsame number; the issuer disagrees\n"
    "headerless.txt\t7/NQ-HĐND\t2024-12-10\tHĐND tỉnh Thái Bình\ttinh\tthe text says nothing\n"
    "gone.txt\t1/NQ-HĐND\t2020-01-01\t\t\tno such input\n"
)


def _corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    return path


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Three corpus documents (one in a subfolder), a headerless one, and the catalogue beside them."""
    tree = tmp_path / "in"
    (tree / "sub").mkdir(parents=True)
    shutil.copy(_corpus("000.txt"), tree / "000.txt")
    shutil.copy(_corpus("001.txt"), tree / "sub" / "001.txt")
    shutil.copy(_corpus("002.txt"), tree / "002.txt")
    (tree / "headerless.txt").write_text(HEADERLESS, encoding="utf-8")
    (tmp_path / "catalog.tsv").write_text(CATALOGUE, encoding="utf-8")
    return tree


def _catalogue(tmp_path: Path, text: str, name: str = "catalog.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- reading


def test_a_tsv_catalogue_is_read_with_its_synonyms_levels_and_dates(archive: Path):
    catalog = read_catalog(archive.parent / "catalog.tsv")
    first, second, third = catalog.records[:3]
    assert first == CatalogRecord("000.txt", "98/NQ-HĐND", "2021-07-20", "HĐND huyện Bình Lục", "district", 2)
    assert (second.key, second.date, second.level) == ("sub/001.txt", "2020-12", "province")
    assert third.level == "district"  # 'cap huyen'
    assert len(catalog.records) == 5


def test_a_csv_catalogue_with_a_path_key_and_no_level_or_issuer(tmp_path: Path):
    path = _catalogue(tmp_path, "path,number,date\n.\\2021\\a.txt,12/NQ-HĐND,2021-07-20\n", "catalog.csv")
    assert read_catalog(path).records == (CatalogRecord("2021/a.txt", "12/NQ-HĐND", "2021-07-20", None, None, 2),)


def test_a_spreadsheets_semicolon_csv_is_read(tmp_path: Path):
    path = _catalogue(tmp_path, "File;Số hiệu;Ngày ban hành;Cấp\na.txt;12/NQ-HĐND;2021-07-20;Huyện\n", "catalog.csv")
    assert read_catalog(path).records == (CatalogRecord("a.txt", "12/NQ-HĐND", "2021-07-20", None, "district", 2),)


def test_the_file_column_is_the_key_when_the_catalogue_also_has_a_repository_path(tmp_path: Path):
    path = _catalogue(tmp_path, "path\tfile\tdoc_number\ndata/x.md\t001.txt\t1/NQ\n")
    assert read_catalog(path).records[0].key == "001.txt"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name\tdoc_number\na.txt\t1/NQ\n", "no key column: expected one of file, document, path"),
        ("file\tnotes\na.txt\tx\n", "no column to take from"),
        ("file\tnumber\na.txt\t1/NQ\nb.txt\t2/NQ\na.txt\t3/NQ\n", "line 4: 'a.txt' is listed twice (also line 2)"),
        ("file\tdate\na.txt\t20/07/2021\n", "line 2: date '20/07/2021' is not an ISO date"),
        ("file\tdate\na.txt\t2021-13\n", "line 2: date '2021-13' is not an ISO date"),
        ("file\tlevel\na.txt\tkingdom\n", "line 2: level 'kingdom' is none of the known spellings"),
        ("file\tnumber\n\t1/NQ\n", "line 2: no file named"),
    ],
)
def test_a_bad_catalogue_is_one_error_naming_the_file_and_the_problem(tmp_path: Path, text: str, problem: str):
    path = _catalogue(tmp_path, text)
    with pytest.raises(InputError) as raised:
        read_catalog(path)
    assert raised.value.path == str(path) and problem in raised.value.problem


def test_an_unreadable_catalogue_is_one_error(tmp_path: Path):
    with pytest.raises(InputError, match="not a file"):
        read_catalog(tmp_path / "missing.tsv")
    latin = tmp_path / "latin.tsv"
    latin.write_bytes("file\tissuer\na.txt\tHĐND tỉnh\n".encode("utf-16"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_catalog(latin)


# --------------------------------------------------------------------------- matching and merging


def test_rows_match_by_path_then_by_a_file_name_one_input_alone_has():
    rows = (CatalogRecord("2021/a.txt", number="1"), CatalogRecord("b.txt", number="2"),
            CatalogRecord("elsewhere/c.txt", number="3"), CatalogRecord("d.txt", number="4"),
            CatalogRecord("e.txt", number="5"))
    documents = ["2021/a.txt", "x/b.txt", "c.txt", "x/d.txt", "y/d.txt"]
    matched = match_catalog(Catalog(Path("c.tsv"), rows), documents)
    assert {document: row.number for document, row in matched.records.items()} == {
        "2021/a.txt": "1", "x/b.txt": "2", "c.txt": "3"}
    assert [row.key for row in matched.unmatched] == ["d.txt", "e.txt"]  # two inputs are d.txt; no e.txt
    assert set(match_catalog(Catalog(Path("c.tsv"), rows), documents, by_name=False).records) == {"2021/a.txt"}


def test_the_text_wins_the_catalogue_fills_and_disagreements_are_kept():
    text = {"issuer": "Hội đồng nhân dân tỉnh Hậu Giang", "issuer_level": "province", "number": None,
            "date": "2021-07-20"}
    row = CatalogRecord("a.txt", "12/NQ-HĐND", "2021-08", "HĐND tỉnh Hậu Giang", "district", 5)
    key = merge_key("a.txt", text, row)
    assert key.values == {"issuer": "Hội đồng nhân dân tỉnh Hậu Giang", "issuer_level": "province",
                          "number": "12/NQ-HĐND", "date": "2021-07-20"}
    assert key.sources == {"issuer": "text", "issuer_level": "text", "number": "catalog", "date": "text"}
    assert [(c.field, c.text, c.catalog, c.catalog_line) for c in key.conflicts] == [
        ("issuer_level", "province", "district", 5), ("date", "2021-07-20", "2021-08", 5)]


@pytest.mark.parametrize(
    ("field", "text", "catalog"),
    [
        ("number", "01/2017/NQ-HĐND", "1/2017/nq-hdnd"),
        ("number", "12/NQ-HĐND", "12 / NQ–HĐND"),
        ("date", "2021-07-20", "2021-07"),
        ("date", "2021-07", "2021-07-20"),
        ("issuer", "Hội đồng nhân dân tỉnh Bà Rịa-Vũng Tàu", "HĐND tỉnh Bà Rịa - Vũng Tàu"),
    ],
)
def test_the_same_value_written_differently_is_no_conflict(field: str, text: str, catalog: str):
    catalog_field = {"issuer": "issuer", "number": "number", "date": "date"}[field]
    row = CatalogRecord("a.txt", **{catalog_field: catalog})
    assert merge_key("a.txt", {field: text}, row).conflicts == []


def test_a_number_the_catalogue_fills_is_written_in_its_official_form():
    key = merge_key("a.txt", {}, CatalogRecord("a.txt", number="12 / NQ - HĐND"))
    assert key.values["number"] == "12/NQ-HĐND"


def test_without_text_or_catalogue_a_value_has_no_source():
    key = merge_key("a.txt", {}, None)
    assert set(key.values.values()) == {None} and set(key.sources.values()) == {None} and key.conflicts == []


# --------------------------------------------------------------------------- tables


def test_the_documents_are_what_the_catalogue_tests_assume(archive: Path):
    results = parse_folder(archive)
    headers = {name: (r.header.number, r.date(), r.header.issuer) for name, r in zip(results.names, results.resolutions)}
    assert headers["000.txt"][:2] == (None, "2021-07")
    assert headers["sub/001.txt"][:2] == ("15/NQ-HĐND", "2020-12-10")
    assert headers["002.txt"][:2] == ("45/NQ-HĐND", "2022-12-20")
    assert headers["002.txt"][2].name == "Hội đồng nhân dân huyện Yên Thành"
    assert headers["headerless.txt"] == (None, None, None)


def test_parse_folder_applies_a_catalogue_to_every_table(archive: Path):
    results = parse_folder(archive, catalog=archive.parent / "catalog.tsv")
    documents = results.tables().documents.set_index("document")
    seed, headerless = documents.loc["000.txt"], documents.loc["headerless.txt"]
    assert (seed["number"], seed["number_source"], seed["date"], seed["date_source"]) == (
        "98/NQ-HĐND", "catalog", "2021-07", "text")  # the text's month wins over the catalogue's day
    assert documents.loc["sub/001.txt", "number"] == "15/NQ-HĐND"  # the text wins
    assert (headerless["issuer"], headerless["issuer_level"], headerless["year"]) == (
        "Hội đồng nhân dân tỉnh Thái Bình", "province", 2024)
    assert headerless["issuer_province_code"] == "34"  # the catalogue's issuer found in the gazetteer
    assert set(headerless[["issuer_source", "issuer_level_source", "number_source", "date_source"]]) == {"catalog"}
    targets = results.tables().targets
    assert targets["number"].notna().all() and targets["year"].notna().all() and targets["issuer"].notna().all()
    assert set(targets.loc[targets.document == "headerless.txt", "number_source"]) == {"catalog"}
    # the resolutions themselves stay what the text says
    assert results.resolutions[results.names.index("headerless.txt")].header.number is None
    conflicts = {(c.document, c.field): (c.text, c.catalog) for c in results.catalog_conflicts()}
    assert conflicts == {
        ("sub/001.txt", "number"): ("15/NQ-HĐND", "16/NQ-HĐND"),
        ("002.txt", "issuer"): ("Hội đồng nhân dân huyện Yên Thành", "UBND huyện Yên Thành"),
    }


def test_without_a_catalogue_the_sources_say_text_or_nothing(archive: Path):
    documents = parse_folder(archive).tables().documents.set_index("document")
    assert pd.isna(documents.loc["000.txt", "number_source"])
    assert documents.loc["sub/001.txt", "number_source"] == "text"
    assert documents.loc["headerless.txt", ["issuer_source", "date_source"]].isna().all()


def test_the_batch_applies_the_catalogue_keeps_it_and_lists_the_conflicts(archive: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    catalog = archive.parent / "catalog.tsv"
    assert main(["batch", str(archive), str(out), "--workers", "1", "--tables", "csv", "--catalog", str(catalog)]) == 0
    assert "catalogue 4 of 5 rows matched; filled issuer of 1, issuer_level of 1, number of 2, date of 1" in (
        capsys.readouterr().err)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["catalog"] == {
        "file": str(catalog), "rows": 5, "matched": 4, "rows_naming_no_input": 1,
        "filled": {"issuer": 1, "issuer_level": 1, "number": 2, "date": 1}, "conflicts": 2}
    assert {"catalog.tsv", "catalog_conflicts.csv"} <= set(summary["files"])
    conflicts = pd.read_csv(out / "catalog_conflicts.csv", dtype=str)
    assert conflicts[["document", "field", "catalog_line"]].values.tolist() == [
        ["002.txt", "issuer", "4"], ["sub/001.txt", "number", "3"]]
    # the JSON is what the text says; the tables read back equal the written ones
    assert models.Resolution.model_validate_json((out / "000.txt.json").read_bytes()).header.number is None
    results = load_results(out)
    for name, frame in results.tables().items():
        assert frame.equals(read_table(out / f"{name}.csv")), name
    assert read_table(out / "targets.csv")["number"].notna().all()


def test_a_new_catalogue_or_none_rewrites_the_tables_without_converting_again(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    convert_folder(archive, out, workers=1, tables="csv", catalog=archive.parent / "catalog.tsv")
    other = _catalogue(tmp_path, "document\tnumber\n000.txt\t99/NQ-HĐND\n", "other.tsv")
    again = convert_folder(archive, out, workers=1, tables="csv", catalog=other)
    assert again.skipped == 4 and again.converted == 0
    documents = read_table(out / "documents.csv").set_index("document")
    assert documents.loc["000.txt", "number"] == "99/NQ-HĐND" and pd.isna(documents.loc["headerless.txt", "number"])
    assert load_results(out).tables().documents.equals(read_table(out / "documents.csv"))
    plain = convert_folder(archive, out, workers=1, tables="csv")
    assert plain.skipped == 4 and json.loads((out / "summary.json").read_text())["catalog"] is None
    assert not (out / "catalog.tsv").exists() and not (out / "catalog_conflicts.csv").exists()
    assert "catalog" not in set(read_table(out / "targets.csv")["number_source"].dropna())
    # load_results can still apply a catalogue named by the caller (keys relative to the batch's IN_DIR)
    assert load_results(out, catalog=other).tables().documents.set_index("document").loc["000.txt", "number"] == (
        "99/NQ-HĐND")


def test_a_bad_catalogue_stops_the_batch_before_anything_is_converted(archive: Path, tmp_path: Path, capsys):
    bad = _catalogue(tmp_path, "file\tnumber\n000.txt\t1/NQ\n000.txt\t2/NQ\n", "bad.tsv")
    out = tmp_path / "out"
    assert main(["batch", str(archive), str(out), "--workers", "1", "--catalog", str(bad)]) == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert error == [f"nghiquyet: error: {bad}: line 3: '000.txt' is listed twice (also line 2)"]
    assert not out.exists()


def test_every_table_carries_the_source_columns(archive: Path):
    tables = parse_folder(archive, pattern="headerless.txt", catalog=archive.parent / "catalog.tsv").tables()
    for name in TABLE_NAMES:
        assert {"issuer_source", "issuer_level_source", "number_source", "date_source"} <= set(tables[name].columns)


def test_a_table_without_the_source_columns_is_one_error_asking_for_a_new_run(tmp_path: Path):
    old = tmp_path / "documents.csv"
    old.write_text("document,number\na.txt,1/NQ\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks the documents table's columns .*issuer_source.*run the batch again"):
        read_table(old)
