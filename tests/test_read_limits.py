"""The readers' own limits: a .docx read as a stream (inflated bytes, paragraphs), a PDF page
by page (pages, text), an HTML page's tags counted before it is parsed. Each stop is one
InputError that names the limit, and the streamed .docx reads exactly as python-docx does."""

from __future__ import annotations

import io
import time

import pytest
from conftest import docx_bytes, html_page, pdf_bytes, rewrite_zip

from nghiquyet_parser.errors import InputError, InputTooLarge, TimeBudgetExceeded
from nghiquyet_parser.limits import time_budget
from nghiquyet_parser.read import docx as docx_reader
from nghiquyet_parser.read import html as html_reader
from nghiquyet_parser.read import pdf as pdf_reader
from nghiquyet_parser.read import read_bytes

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def refused_as(data: bytes, error: type = InputError) -> str:
    with pytest.raises(error) as caught:
        read_bytes(data, "input")
    assert "\n" not in str(caught.value)
    return caught.value.problem


def shaped_docx() -> bytes:
    """Merged cells, a cell of two paragraphs, a nested table, a line break, a tab, a hyperlink,
    a content control at body level (python-docx skips it), blank paragraphs."""
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("HỘI ĐỒNG NHÂN DÂN\tCỘNG HÒA")
    broken = document.add_paragraph("dòng một")
    broken.add_run().add_break()
    broken.add_run("dòng hai")
    table = document.add_table(rows=3, cols=3)
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"ô {i}{j}"
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(1, 0).add_paragraph("thêm dòng")
    table.cell(2, 1).add_table(rows=1, cols=2).cell(0, 0).text = "lồng"
    document.add_paragraph("")
    document.element.body.insert(2, parse_xml(
        f'<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>trong ô nội dung</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    linked = document.add_paragraph("Căn cứ ")
    linked._p.append(parse_xml(f'<w:hyperlink {W}><w:r><w:t>Luật số 1/2015/QH13</w:t></w:r></w:hyperlink>'))
    document.add_paragraph("Điều 1. Thông qua.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def python_docx_text(data: bytes) -> str:
    """The text as python-docx's whole-document API gives it: what the reader did before streaming."""
    docx = pytest.importorskip("docx")
    lines = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if hasattr(block, "rows"):
            lines.extend(line for row in block.rows for line in docx_reader.row_lines(docx_reader._row_cells(row)))
        else:
            lines.append(block.text)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("chunk", [docx_reader.CHUNK_BYTES, 7])
def test_streamed_docx_reads_as_python_docx_does(monkeypatch, chunk):
    monkeypatch.setattr(docx_reader, "CHUNK_BYTES", chunk)  # 7: every element straddles chunks
    data = shaped_docx()
    assert docx_reader.read_docx(data, "shapes.docx") == python_docx_text(data)


def test_many_tiny_paragraphs_stop_at_the_paragraph_limit(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_PARAGRAPHS", 50)
    assert docx_reader.read_docx(docx_bytes(["Điều 1."] * 50), "x")  # at the limit: read
    problem = refused_as(docx_bytes(["Điều 1."] * 51), InputTooLarge)
    assert problem == "too many paragraphs: over the limit of 50"


def test_table_cells_and_footnotes_count_as_paragraphs(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_PARAGRAPHS", 10)
    assert "too many paragraphs" in refused_as(docx_bytes(["Điều 1."], table=[["a", "b"]] * 5))
    assert "too many paragraphs" in refused_as(docx_bytes(["Điều 1."] * 5, footnotes=["chú thích"] * 6))


def test_a_part_that_inflates_too_far_is_stopped_while_inflating(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_PART_BYTES", 64 * 1024)
    monkeypatch.setattr(docx_reader, "_MIB", 1024)  # the message in KB, for a readable check
    problem = refused_as(docx_bytes(["Điều 1. " + "x" * 200] * 400), InputTooLarge)
    assert problem == "word/document.xml inflates to more than 64 MB"


def test_a_dtd_split_across_chunks_is_still_seen(monkeypatch):
    pytest.importorskip("docx")
    monkeypatch.setattr(docx_reader, "CHUNK_BYTES", 5)
    xml = f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]><w:document {W}><w:body/></w:document>'
    data = rewrite_zip(docx_bytes(["Điều 1."]), {"word/document.xml": xml.encode("utf-16")})
    assert "declares a DTD" in refused_as(data)


def test_malformed_xml_says_which_part_and_why():
    pytest.importorskip("docx")
    data = rewrite_zip(docx_bytes(["Điều 1."]), {"word/document.xml": f"<w:document {W}><w:body><w:p>".encode()})
    problem = refused_as(data)
    assert problem.startswith("broken .docx: word/document.xml is not well-formed XML (")


def test_a_spent_budget_while_reading_is_reported_as_such_not_as_a_broken_file():
    data = docx_bytes(["Điều 1."] * 20)
    with time_budget(1e-6, "slow.docx"):
        time.sleep(0.001)
        with pytest.raises(TimeBudgetExceeded):
            read_bytes(data, "slow.docx")


# --------------------------------------------------------------------------- pdf, html


def test_pdf_page_limit(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 1)
    data = pdf_bytes(["Điều 1. Thông qua."] * 80)  # two pages
    assert refused_as(data, InputTooLarge) == "too many pages: 2 (the limit is 1)"


def test_pdf_text_limit_stops_between_pages():
    pytest.importorskip("pypdf")
    data = pdf_bytes(["Điều 1. Thông qua kế hoạch."] * 80)
    with pytest.raises(InputTooLarge, match=r"text too large: more than 0.0001 MB of text in the first 1 of 2 pages"):
        pdf_reader.read_pdf(data, "x.pdf", max_characters=100)


def test_html_tag_limit_is_checked_before_parsing(monkeypatch):
    monkeypatch.setattr(html_reader, "MAX_TAGS", 100)
    page = html_page("".join(f"<p>Điều {n}. Thông qua.</p>" for n in range(100)))
    assert refused_as(page, InputTooLarge).startswith("too many HTML tags: ")


def test_a_table_python_docx_cannot_read_is_a_broken_docx():
    pytest.importorskip("docx")
    merged_from_nowhere = (f"<w:document {W}><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>"
                           "<w:p/></w:tc></w:tr></w:tbl></w:body></w:document>")
    data = rewrite_zip(docx_bytes(["Điều 1."]), {"word/document.xml": merged_from_nowhere.encode()})
    assert refused_as(data).startswith("broken .docx: word/document.xml (ValueError: ")


def test_html_nested_past_the_parser_depth_limit_is_refused_not_cut():
    page = html_page("<div>" * 300 + "<p>Điều 1. Thông qua.</p>" + "</div>" * 300)
    assert refused_as(page, InputTooLarge) == "HTML page too deeply nested to read whole (Excessive depth in document: 256)"


def test_a_doc_converter_gets_only_what_is_left_of_the_budget(monkeypatch, tmp_path):
    from nghiquyet_parser.read import doc as doc_reader

    monkeypatch.setattr(doc_reader, "_converters", lambda source, workdir: [("sleep", ["sleep", "60"])])
    monkeypatch.setattr(doc_reader.shutil, "which", lambda tool: "/bin/sleep")
    with time_budget(0.2, "old.doc"):
        with pytest.raises(TimeBudgetExceeded):
            doc_reader.read_doc(b"\xd0\xcf\x11\xe0", "old.doc")
