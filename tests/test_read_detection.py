"""How the reader decides format and encoding: content first, extension as a hint."""

from __future__ import annotations

import pytest
from conftest import legacy_bytes

from nghiquyet_parser.read import detect_format, read_bytes
from nghiquyet_parser.read.legacy import restore_vntimeh_capitals

PARAGRAPH = (
    "Điều 1. Thông qua nhiệm vụ phát triển kinh tế - xã hội năm 2021 của huyện.\n"
    "Tỷ lệ hộ nghèo giảm còn 2,25%; thu nhập bình quân đầu người đạt 55,6 triệu đồng.\n"
)


@pytest.mark.parametrize(
    "data, name, expected",
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "a.txt", "html"),
        (b"\xef\xbb\xbf  <html lang='vi'><p>x</p></html>", None, "html"),
        ("<html><p>Điều 1.</p></html>".encode("utf-16"), None, "html"),
        (b"<p>Fragment</p><div>x</div>", "page.html", "html"),
        (b"<p>Fragment</p><div>x</div>", "page.txt", "text"),
        (b"junk before the header %PDF-1.4", "a.doc", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "a.docx", "doc"),
        (PARAGRAPH.encode("utf-8"), "a.pdf", "text"),
    ],
)
def test_format_by_content(data, name, expected):
    fmt, evidence = detect_format(data, name)
    assert fmt == expected
    if name and not name.endswith({"html": ".html", "pdf": ".pdf", "doc": ".doc", "text": ".txt"}[expected]):
        assert "disagreed" in evidence or "extension" in evidence


def test_vntimeh_words_regain_their_capitals():
    assert restore_vntimeh_capitals("HộI ĐồNG NHâN DâN\n") == "HỘI ĐỒNG NHÂN DÂN\n"
    assert restore_vntimeh_capitals("KHOÁ XX, Kỳ HọP THứ HAI") == "KHOÁ XX, KỲ HỌP THỨ HAI"
    # Ordinary .VnTime lines keep their case: one capital is a sentence start, not a heading.
    assert restore_vntimeh_capitals("Số: 12/NQ-HĐND") == "Số: 12/NQ-HĐND"
    assert restore_vntimeh_capitals("Điều 1. Hội đồng nhân dân") == "Điều 1. Hội đồng nhân dân"


def test_short_vietnamese_paragraph_in_each_legacy_encoding():
    pytest.importorskip("viparse")
    for encoding in ("tcvn3", "vni", "viscii"):
        raw = read_bytes(legacy_bytes(PARAGRAPH, encoding))
        assert (raw.source.encoding, raw.text) == (encoding, PARAGRAPH)


@pytest.mark.parametrize(
    "text",
    [
        "El señor José compró una pequeña casa en Málaga; años después, la vendió a su hermano.\n" * 5,
        "Die Größe der Straße überrascht die Bürger; Äpfel und Öl kosten mehr als früher.\n" * 5,
    ],
)
def test_other_latin_languages_are_not_converted(text):
    pytest.importorskip("viparse")
    raw = read_bytes(text.encode("cp1252"))
    assert raw.text == text and raw.source.encoding == "windows-1252"


def test_crlf_and_odd_spacing_are_kept():
    text = "Điều 1.\r\n\r\n   Nội dung\t\tcó  tab\u00a0và khoảng trắng  \r\n"
    assert read_bytes(text.encode("utf-16-le")).text == text
    pytest.importorskip("viparse")
    assert read_bytes(legacy_bytes(text.replace("\u00a0", " "), "tcvn3")).text == text.replace("\u00a0", " ")
