"""The table layer: period and baseline reading, self-contained rows, types, formats, TABLES.md.

Made-up strings and hand-built resolutions only (the GSO codes come from the package's gazetteer).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")

from nghiquyet_parser import frames, models  # noqa: E402
from nghiquyet_parser.errors import InputError  # noqa: E402
from nghiquyet_parser.tables import (  # noqa: E402
    TABLE_NAMES, TABLES, NamedResolution, build_tables, read_period, read_table, split_baseline, table_formats,
    write_tables,
)
from nghiquyet_parser.tables.columns import DOCUMENT_KEY, names  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("giai đoạn 2021-2025", (2021, 2025, 2025)),
        ("Giai đoạn 2026 – 2030", (2026, 2030, 2030)),
        ("từ năm 2021 đến năm 2025", (2021, 2025, 2025)),
        ("nhiệm kỳ 2020 - 2025", (2020, 2025, 2025)),
        ("đến năm 2030", (None, 2030, 2030)),
        ("ĐẾN NĂM 2030", (None, 2030, 2030)),
        ("Đến hết năm 2027", (None, 2027, 2027)),
        ("đến cuối năm 2021", (None, 2021, 2021)),
        ("trước năm 2028", (None, 2028, 2028)),
        ("năm 2026", (2026, 2026, 2026)),
        ("NĂM 2026", (2026, 2026, 2026)),
        ("6 tháng cuối năm 2021", (2021, 2021, 2021)),
        ("trong năm 2025", (2025, 2025, 2025)),
        ("từ năm 2026", (2026, None, None)),
        ("giai đoạn 2021-2025, tầm nhìn đến năm 2045", (2021, 2025, 2025)),
        ("trong năm", (None, None, None)),
        ("", (None, None, None)),
        (None, (None, None, None)),
        ("đạt 20301 lượt", (None, None, None)),  # a longer number is no year
    ],
)
def test_read_period(period, expected):
    assert tuple(read_period(period)) == expected


@pytest.mark.parametrize(
    ("baseline", "expected"),
    [
        ("2020", (2020, None, None)),
        ("năm 2019", (2019, None, None)),
        ("cùng kỳ năm 2024", (2024, None, None)),
        ("29,5 tỷ đồng", (None, 29.5, "tỷ đồng")),
        ("1.234 tấn", (None, 1234.0, "tấn")),
        ("45%", (None, 45.0, "%")),
        ("cùng kỳ", (None, None, None)),
        ("dự toán năm 2024 và nguồn tăng thu", (None, None, None)),  # a year inside words is no baseline year
        ("7-7,5%", (None, None, None)),  # a range is no single amount
        ("", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_split_baseline(baseline, expected):
    assert tuple(split_baseline(baseline)) == expected


# --------------------------------------------------------------------------- rows

TEXT = (
    "HỘI ĐỒNG NHÂN DÂN HUYỆN BÌNH LỤC\n"
    "Căn cứ Luật số 77/2015/QH13;\n"
    "Điều 1. Thu nhập bình quân đạt 60 triệu đồng, tăng 8% so với năm 2024, đến năm 2030.\n"
    "KẾ HOẠCH\nTỷ lệ hộ nghèo giảm còn 2% so với 2,5 tỷ đồng.\n"
)


def span_of(needle: str) -> models.Span:
    start = TEXT.index(needle)
    return models.Span(start=start, end=start + len(needle))


def resolution(**header) -> models.Resolution:
    fields = {"number": "7/NQ-HĐND", "date": "2024-12-10", **header}
    return models.Resolution(
        source=models.SourceInfo(path="/archive/2024/nq-7.txt", format="text"),
        text=TEXT,
        header=models.Header(
            issuer=models.Issuer(name="Hội đồng nhân dân huyện Bình Lục", level="district", unit_type="huyện",
                                 locality="Bình Lục", span=span_of("HỘI ĐỒNG NHÂN DÂN HUYỆN BÌNH LỤC")),
            **fields,
        ),
        targets=[
            models.Target(indicator="Thu nhập bình quân", value=60, unit="triệu đồng", normalised_value=6e7,
                          base_unit="đồng", baseline="2024", period="đến năm 2030", article=2, path="Điều 1",
                          span=span_of("60 triệu đồng")),
            models.Target(indicator="Tỷ lệ hộ nghèo", value=2, unit="%", normalised_value=0.02, base_unit="ratio",
                          baseline="2,5 tỷ đồng", period="giai đoạn 2026-2030", path="Kế hoạch",
                          span=span_of("2%")),
        ],
        quantities=[
            models.Quantity(value=60, unit="triệu đồng", text="60 triệu đồng", span=span_of("60 triệu đồng"),
                            decision="target", rule="sentence"),
            models.Quantity(value=2024, text="2024", span=span_of("2024"), reason="date_or_period", rule="exclusions"),
        ],
        places=[models.Place(name="Vũ Bản", type="xã", spans=[])],
        cited_documents=[models.CitedDocument(type="Luật", number="77/2015/QH13", name="Luật số 77/2015/QH13",
                                              span=span_of("Luật số 77/2015/QH13"))],
    )


def test_every_table_has_its_documented_columns_and_types():
    tables = build_tables([NamedResolution("2024/nq-7.txt", resolution(), "2024/nq-7.txt.json")])
    for name, frame in tables.items():
        assert list(frame.columns) == names(name)
        for column in TABLES[name]:
            kind = str(frame[column.name].dtype)
            assert kind == ("str" if column.dtype == "text" else column.dtype), (name, column.name, kind)


def test_every_fact_row_carries_the_document_key():
    tables = build_tables([NamedResolution("2024/nq-7.txt", resolution(), "2024/nq-7.txt.json")])
    key = {
        "document": "2024/nq-7.txt", "source_path": "/archive/2024/nq-7.txt",
        "issuer": "Hội đồng nhân dân huyện Bình Lục", "issuer_level": "district",
        "issuer_province_code": "35", "issuer_district_code": "352",  # from the gazetteer, as places are linked
        "number": "7/NQ-HĐND", "date": "2024-12-10", "year": 2024,
    }
    for name in TABLE_NAMES:
        frame = tables[name]
        assert len(frame) > 0, name
        for column, value in key.items():
            assert frame[column].tolist() == [value] * len(frame), (name, column)
        assert frame["issuer_commune_code"].isna().all()
    documents = tables.documents.iloc[0]
    assert documents["json_path"] == "2024/nq-7.txt.json"
    assert (documents["n_targets"], documents["n_quantities"], documents["n_citations"]) == (2, 2, 1)


def test_targets_read_article_period_and_baseline():
    targets = build_tables([NamedResolution("a.txt", resolution())]).targets
    assert str(targets["article"].dtype) == "Int64"
    assert targets["article"].tolist()[0] == 2 and pd.isna(targets["article"].tolist()[1])  # in the attached plan
    assert targets["target_year"].tolist() == [2030, 2030]
    assert pd.isna(targets["period_start"][0]) and targets["period_start"][1] == 2026
    assert targets["baseline_year"][0] == 2024 and pd.isna(targets["baseline_value"][0])
    assert (targets["baseline_value"][1], targets["baseline_unit"][1]) == (2.5, "tỷ đồng")
    assert TEXT[targets["span_start"][0] : targets["span_end"][0]] == "60 triệu đồng"


def test_quantities_keep_the_decision_reason_and_rule():
    quantities = build_tables([NamedResolution("a.txt", resolution())]).quantities
    assert quantities[["decision", "rule"]].values.tolist() == [["target", "sentence"], ["not_target", "exclusions"]]
    assert quantities["reason"].tolist()[1] == "date_or_period"


def test_an_issuer_the_gazetteer_cannot_settle_leaves_the_codes_empty_and_no_date_no_year():
    undated = resolution(date=None, number=None)
    undated.header.issuer = models.Issuer(name="Quốc hội", level="national", span=span_of("HỘI"))
    targets = build_tables([NamedResolution("a.txt", undated)]).targets
    assert targets[["issuer_province_code", "number", "date"]].isna().all().all()
    assert targets["year"].isna().all() and str(targets["year"].dtype) == "Int64"


def test_no_resolutions_give_empty_tables_with_their_columns():
    for name, frame in build_tables([]).items():
        assert frame.empty and list(frame.columns) == names(name)


def test_frames_are_the_same_tables():
    one = resolution()
    assert frames.targets_frame([one]).equals(build_tables([NamedResolution("nq-7.txt", one)]).targets)


# --------------------------------------------------------------------------- files


def test_csv_and_parquet_read_back_with_their_types(tmp_path: Path):
    pytest.importorskip("pyarrow")
    tables = build_tables([NamedResolution("a.txt", resolution())])
    written = write_tables(tmp_path, tables, ("csv", "parquet"))
    assert [path.name for path in written] == [f"{name}.{ext}" for name in TABLE_NAMES for ext in ("csv", "parquet")]
    for name in TABLE_NAMES:
        from_csv, from_parquet = read_table(tmp_path / f"{name}.csv"), read_table(tmp_path / f"{name}.parquet")
        assert from_csv.equals(tables[name]), name
        assert from_parquet.equals(tables[name]), name
    assert read_table(tmp_path / "targets.csv")["issuer_province_code"][0] == "35"  # a code stays text


def test_read_table_refuses_a_file_that_is_no_table(tmp_path: Path):
    with pytest.raises(InputError, match="not a table file"):
        read_table(tmp_path / "summary.json")


def test_table_formats():
    assert table_formats("csv") == ("csv",)
    assert table_formats("CSV, parquet") == ("csv", "parquet")
    assert table_formats(["parquet"]) == ("parquet",)
    assert table_formats("none") == ()
    assert "csv" in table_formats(None)
    for wrong in ("xlsx", "csv,none", ""):
        with pytest.raises(InputError, match="--tables"):
            table_formats(wrong)


def test_tables_md_documents_every_column_with_its_type():
    text = (REPO / "TABLES.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## (.+?)\n(.*?)(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL))
    key = {column.name for column in DOCUMENT_KEY}
    documented = {"Key columns": DOCUMENT_KEY, **{name: [c for c in TABLES[name] if c.name not in key]
                                                 for name in TABLE_NAMES}}
    for section, columns in documented.items():
        rows = re.findall(r"^\| `(\w+)` \| (\w+) \|", sections[section], flags=re.MULTILINE)
        assert rows == [(column.name, column.dtype) for column in columns], section
