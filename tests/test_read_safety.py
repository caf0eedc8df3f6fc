"""Hostile and broken inputs are refused with one clear InputError, never a traceback."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from conftest import docx_bytes, pdf_bytes, rewrite_zip

from nghiquyet_parser.errors import InputError, InputTooLarge
from nghiquyet_parser.limits import Limits
from nghiquyet_parser.read import doc as doc_reader
from nghiquyet_parser.read import read_bytes, read_path


def refused(data: bytes, name: str = "input") -> str:
    with pytest.raises(InputError) as caught:
        read_bytes(data, name)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{name}: ")
    return caught.value.problem


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\ufeff".encode("utf-8"), b"\xff\xfe"])
def test_empty(data):
    assert refused(data) == "file is empty"


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 8, b"\x00\x01\x02\x03" * 500, b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 40, b"\x7fELF\x02\x01\x01" + b"\x00" * 300],
)
def test_binary_garbage(data):
    assert refused(data) == "binary file, not a document"


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot read file"):
        read_path(tmp_path / "absent.txt")


# --------------------------------------------------------------------------- docx


def test_non_zip_bytes_named_docx_are_read_by_content(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive at all")
    with pytest.raises(InputError, match="not a .docx"):
        read_path(path)


def test_zip_without_document_part():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "without word/document.xml" in refused(buffer.getvalue())


def test_zip_bomb_is_refused_before_inflating():
    pytest.importorskip("docx")
    bomb = rewrite_zip(docx_bytes(["Điều 1."]), {"word/media/padding.bin": b"\x00" * (40 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    assert "zip bomb" in refused(bomb)


def test_billion_laughs_is_refused():
    pytest.importorskip("docx")
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    data = rewrite_zip(docx_bytes(["Điều 1."]), {"word/document.xml": laughs.encode("utf-8")})
    assert "entity expansion" in refused(data)


def test_docx_with_corrupt_part():
    pytest.importorskip("docx")
    data = rewrite_zip(docx_bytes(["Điều 1."]), {"word/document.xml": b"<w:document><unclosed>"})
    assert "broken .docx" in refused(data)


# --------------------------------------------------------------------------- pdf


def test_scanned_pdf_has_no_text_layer():
    pytest.importorskip("pypdf")
    assert refused(pdf_bytes([" "])) == "no text layer (scanned PDF?): run OCR first"


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", b"%PDF-1.4\n" + bytes(range(256)) * 4])
def test_corrupt_pdf(data):
    pytest.importorskip("pypdf")
    assert "PDF" in refused(data)


def encrypted_pdf(user_password: str) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_bytes(["Điều 1. Thông qua."]))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_encrypted_pdf_needs_a_password():
    assert "encrypted PDF" in refused(encrypted_pdf("secret"))


def test_pdf_locked_with_an_empty_password_is_read():
    assert "Điều 1. Thông qua." in read_bytes(encrypted_pdf("")).text


# --------------------------------------------------------------------------- doc


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def test_doc_without_converter_names_what_to_install(monkeypatch):
    monkeypatch.setattr(doc_reader.shutil, "which", lambda tool: None)
    assert "apt-get install antiword" in refused(OLE2, "old.doc")


@pytest.mark.skipif(not any(shutil.which(t) for t in ("antiword", "catdoc", "soffice")), reason="no .doc converter installed")
def test_doc_converter_failure_is_an_input_error():
    assert refused(OLE2, "old.doc")


def test_rtf_named_doc_is_named_for_what_it_is():
    assert "RTF document" in refused(b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 .VnTime;}} Hello}", "old.doc")


def test_file_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes("Điều 1.\n".encode("utf-8") * 100)
    with pytest.raises(InputTooLarge, match=r"input too large: 0.0011 MB \(the limit is 0.0005 MB\)"):
        read_path(path, Limits(max_megabytes=0.0005))
