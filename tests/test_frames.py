"""nghiquyet_parser.frames on hand-built resolutions: shapes, values, one row per fact."""

from __future__ import annotations

from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")

from nghiquyet_parser import frames, models  # noqa: E402
from nghiquyet_parser.errors import InputError  # noqa: E402

# Synthetic text (not from any corpus): offsets below are computed from it.
TEXT = (
    "HỘI ĐỒNG NHÂN DÂN HUYỆN AN PHÚ\n"
    "Căn cứ Luật số 77/2015/QH13;\n"
    "Điều 1. Chỉ tiêu\n"
    "1. Thu nhập bình quân đạt 60 triệu đồng, tăng 8% so với năm 2024.\n"
    "2. Tỷ lệ hộ nghèo giảm còn dưới 2%.\n"
    "Điều 2. Xã Phú Hòa thực hiện.\n"
)


def span_of(needle: str, text: str = TEXT) -> models.Span:
    start = text.index(needle)
    return models.Span(start=start, end=start + len(needle))


def node(kind: str, marker: str, needle: str, **fields) -> models.Node:
    return models.Node(kind=kind, marker=marker, span=span_of(needle), **fields)


def build_resolution(path: str | None = "folder/an_phu.txt") -> models.Resolution:
    clause_1 = node("clause", "1.", "1. Thu nhập", text="Thu nhập bình quân đạt 60 triệu đồng", path="Điều 1 › 1")
    clause_2 = node("clause", "2.", "2. Tỷ lệ", text="Tỷ lệ hộ nghèo giảm còn dưới 2%.", path="Điều 1 › 2")
    article_1 = node(
        "article", "Điều 1.", "Điều 1. Chỉ tiêu", heading="Chỉ tiêu", path="Điều 1", children=[clause_1, clause_2]
    )
    article_2 = node("article", "Điều 2.", "Điều 2. Xã", text="Xã Phú Hòa thực hiện.", path="Điều 2")
    appendix_table = node("table", "Bảng", "Điều 2. Xã", rows=[["a", "b"], ["1", "2"]])
    return models.Resolution(
        source=models.SourceInfo(path=path),
        text=TEXT,
        header=models.Header(
            issuer=models.Issuer(name="Hội đồng nhân dân huyện An Phú", span=span_of("HỘI ĐỒNG NHÂN DÂN HUYỆN AN PHÚ")),
            number="5/NQ-HĐND",
            document_type="Nghị quyết",
            date="2024-12-10",
        ),
        body=[article_1, article_2],
        appendices=[models.Appendix(title="Phụ lục", span=span_of("Điều 2. Xã"), body=[appendix_table])],
        targets=[
            models.Target(
                indicator="Thu nhập bình quân", value=60, unit="triệu đồng", normalised_value=60e6,
                base_unit="đồng", comparator="=", change=models.Change(direction="up", value=8, unit="%"),
                baseline="2024", article=1, path="Điều 1 › 1", span=span_of("60 triệu đồng"),
            ),
            models.Target(
                indicator="Tỷ lệ hộ nghèo", value=2, unit="%", normalised_value=0.02, base_unit="ratio",
                comparator="<", article=1, path="Điều 1 › 2", span=span_of("2%."),
            ),
        ],
        places=[
            models.Place(
                name="Phú Hòa", type="xã", code="30001",
                parents=[models.PlaceRef(type="huyện", name="An Phú"), models.PlaceRef(type="tỉnh", name="An Giang")],
                successor=models.PlaceRef(type="xã", name="An Phú", code="30002"),
                spans=[span_of("Phú Hòa")],
            )
        ],
        cited_documents=[
            models.CitedDocument(type="Luật", number="77/2015/QH13", name="Luật số 77/2015/QH13", span=span_of("Luật số 77/2015/QH13"))
        ],
        warnings=[
            models.ParseWarning(code="indicator_values_differ", message="two values", span=span_of("2%.")),
            models.ParseWarning(code="numbering_gap", message="no span"),
        ],
    )


def test_targets_frame_has_one_row_per_target_and_the_documented_columns():
    frame = frames.targets_frame([build_resolution(), build_resolution(path=None)])
    assert list(frame.columns) == frames.TARGET_COLUMNS
    assert len(frame) == 4
    first = frame.iloc[0]
    assert first["document"] == "an_phu.txt"
    assert first["issuer"] == "Hội đồng nhân dân huyện An Phú"
    assert first["year"] == 2024
    assert (first["value"], first["unit"], first["normalised_value"]) == (60, "triệu đồng", 60e6)
    assert (first["change_direction"], first["change_value"], first["change_unit"]) == ("up", 8, "%")
    assert TEXT[first["span_start"] : first["span_end"]] == "60 triệu đồng"
    second = frame.iloc[1]
    assert second["comparator"] == "<" and pd.isna(second["change_direction"])
    # Without a source path the header number names the document.
    assert set(frame["document"]) == {"an_phu.txt", "5/NQ-HĐND"}


def test_year_falls_back_to_adoption_and_stays_integer_when_missing():
    dated = build_resolution()
    dated.header.date = None
    dated.closing.adoption = models.AdoptionClause(text="thông qua", date="2023-07-01", span=span_of("Điều 2"))
    undated = build_resolution()
    undated.header.date = None
    frame = frames.targets_frame([dated, undated])
    assert list(frame["year"][:2]) == [2023, 2023]
    assert frame["year"].isna().sum() == 2
    assert str(frame["year"].dtype) == "Int64"


def test_empty_input_keeps_the_columns():
    assert list(frames.targets_frame([]).columns) == frames.TARGET_COLUMNS
    assert list(frames.places_frame([]).columns) == frames.PLACE_COLUMNS
    assert list(frames.citations_frame([]).columns) == frames.CITATION_COLUMNS
    assert list(frames.warnings_frame([]).columns) == frames.WARNING_COLUMNS


def test_places_frame_joins_parents_and_splits_successor():
    frame = frames.places_frame([build_resolution()])
    assert list(frame.columns) == frames.PLACE_COLUMNS
    row = frame.iloc[0].to_dict()
    assert {key: row[key] for key in ("document", "issuer", "number", "year", "name", "type", "code", "parents",
                                      "parent_codes", "successor_name", "successor_code", "mentions")} == {
        "document": "an_phu.txt", "issuer": "Hội đồng nhân dân huyện An Phú", "number": "5/NQ-HĐND",
        "year": 2024, "name": "Phú Hòa", "type": "xã", "code": "30001",
        "parents": "huyện An Phú › tỉnh An Giang", "parent_codes": " › ", "successor_name": "An Phú",
        "successor_code": "30002", "mentions": 1,
    }
    assert TEXT[row["span_start"] : row["span_end"]] == "Phú Hòa"  # the first mention


def test_citations_and_warnings_frames():
    resolution = build_resolution()
    citations = frames.citations_frame([resolution])
    assert citations[["where", "cited_type", "cited_number", "number"]].values.tolist() == [
        ["text", "Luật", "77/2015/QH13", "5/NQ-HĐND"]
    ]
    warnings = frames.warnings_frame([resolution])
    assert warnings["code"].tolist() == ["indicator_values_differ", "numbering_gap"]
    assert warnings["excerpt"].tolist() == ["2%.", ""]
    assert pd.isna(warnings.iloc[1]["span_start"])


def test_structure_frame_walks_body_then_appendices_in_order():
    frame = frames.structure_frame(build_resolution())
    assert list(frame.columns) == frames.STRUCTURE_COLUMNS
    assert frame["kind"].tolist() == ["article", "clause", "clause", "article", "table"]
    assert frame["depth"].tolist() == [0, 1, 1, 0, 0]
    assert frame["region"].tolist() == ["body"] * 4 + ["appendix"]
    assert frame.iloc[0]["heading"] == "Chỉ tiêu"


def test_long_node_text_is_previewed():
    resolution = build_resolution()
    resolution.body[1].text = "chữ " * 100
    preview = frames.structure_frame(resolution).iloc[3]["text"]
    assert len(preview) == frames.PREVIEW_CHARS and preview.endswith("…")


def test_tree_text_indents_by_depth_and_marks_appendices():
    lines = frames.tree_text(build_resolution()).splitlines()
    assert lines[0] == "Nghị quyết 5/NQ-HĐND"
    assert lines[1] == "  Điều 1. Chỉ tiêu"
    assert lines[2].startswith("    1. Thu nhập")
    assert lines[5] == "[appendix]"
    assert lines[6] == "  Bảng [2 rows]"


def test_spans_doc_puts_each_fact_group_on_the_text():
    doc = frames.spans_doc(build_resolution())
    assert [span.text for span in doc.spans["targets"]][0] == "60 triệu đồng"
    assert [span.label_ for span in doc.spans["targets"]] == ["TARGET", "TARGET"]
    assert [span.text for span in doc.spans["places"]] == ["Phú Hòa"]
    assert [span.label_ for span in doc.spans["citations"]] == ["LUẬT"]
    assert len(doc.spans["facts"]) == 4


def test_spans_doc_window_keeps_only_the_facts_inside_it():
    window = span_of("Điều 1. Chỉ tiêu\n1. Thu nhập bình quân đạt 60 triệu đồng")
    doc = frames.spans_doc(build_resolution(), start=window.start, end=window.end)
    assert doc.text == TEXT[window.start : window.end]
    assert [span.text for span in doc.spans["facts"]] == ["60 triệu đồng"]


def test_parse_folder_collects_errors_instead_of_raising(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "ignored.md").write_text("not matched")
    folder = frames.parse_folder(tmp_path)
    assert folder.resolutions == []
    assert sorted(Path(error.path).name for error in folder.errors) == ["binary.txt", "empty.txt"]
    assert all(error.problem and "\n" not in error.problem for error in folder.errors)
    assert list(frames.errors_frame(folder.errors).columns) == ["path", "problem"]


def test_parse_folder_refuses_a_missing_folder(tmp_path: Path):
    with pytest.raises(InputError):
        frames.parse_folder(tmp_path / "nowhere")


def test_parse_folder_parses_the_seed():
    seed_folder = Path(__file__).resolve().parents[1] / "corpus"
    if not (seed_folder / "000.txt").exists():
        pytest.skip("seed corpus absent")
    folder = frames.parse_folder(seed_folder, pattern="000.txt")
    assert folder.errors == []
    assert len(folder.resolutions) == 1
    frame = frames.targets_frame(folder.resolutions)
    assert len(frame) == len(folder.resolutions[0].targets) > 0


def test_load_json_folder_reads_back_resolutions_and_collects_bad_files(tmp_path: Path):
    resolution = build_resolution()
    (tmp_path / "a.json").write_text(resolution.model_dump_json(), encoding="utf-8")
    (tmp_path / "b.json").write_text('{"text": 5}', encoding="utf-8")
    (tmp_path / "resolutions.jsonl").write_text("ignored", encoding="utf-8")
    folder = frames.load_json_folder(tmp_path)
    assert folder.resolutions == [resolution]
    assert [Path(error.path).name for error in folder.errors] == ["b.json"]
    assert "not a resolution JSON" in folder.errors[0].problem


def test_citations_of_the_legal_bases_are_listed_once_with_where_they_stand():
    resolution = build_resolution()
    cited = resolution.cited_documents[0]
    resolution.legal_bases = [
        models.CitingParagraph(text="Căn cứ Luật số 77/2015/QH13;", span=span_of("Căn cứ Luật số 77/2015/QH13;"), documents=[cited])
    ]
    frame = frames.citations_frame([resolution])
    assert frame["where"].tolist() == ["legal_basis"]  # the same span in cited_documents is not repeated
    resolution.cited_documents = []
    assert frames.citations_frame([resolution])["cited_number"].tolist() == ["77/2015/QH13"]
    doc = frames.spans_doc(resolution)  # kept in a name: span groups die with their Doc
    assert [span.text for span in doc.spans["citations"]] == ["Luật số 77/2015/QH13"]
