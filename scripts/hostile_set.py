"""Hostile and broken inputs for the reliability suite, generated (the large ones are never stored).

    python scripts/hostile_set.py OUT_DIR [--max-size MB]

Each input comes with what the batch must say about it: converted ("ok"), refused with a
message that names the true cause (a piece of that message), or anything as long as the
file is reported (None: inputs whose outcome depends on the machine, such as regex-shaped
lines that a slow machine may stop at the time budget). The good material is the
project's own corpus/000.txt; everything else is made up here.

Used by scripts/reliability.py and tests/test_reliability.py.
"""

from __future__ import annotations

import argparse
import base64
import io
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus" / "000.txt"
W_NAMESPACE = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEADER = "HỘI ĐỒNG NHÂN DÂN TỈNH AN KHÁNH\nNGHỊ QUYẾT\nĐiều 1. Thông qua kế hoạch.\n"  # made up
MB = 1_000_000


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Callable[["Maker"], bytes]
    expect: Optional[str]  # "ok", a piece of the error message, or None: any reported outcome


class Maker:
    """What the generators share: the seed in several forms, a seeded random source, the size limit."""

    def __init__(self, max_megabytes: float):
        self.max_bytes = int(max_megabytes * MB)
        self.text = SEED.read_text(encoding="utf-8")
        self.random = random.Random(20211)

    def docx(self, lines: list[str]) -> bytes:
        import docx

        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def docx_with_part(self, xml: bytes) -> bytes:
        """The seed .docx with word/document.xml replaced."""
        return _replace_part(self.docx(["Điều 1."]), lambda write: write(xml))


def _replace_part(data: bytes, write_part: Callable[[Callable[[bytes], None]], None],
                  compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A copy of a .docx whose word/document.xml is written, streamed, by `write_part`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with target.open("word/document.xml", "w", force_zip64=True) as part:
                    write_part(part.write)
            else:
                target.writestr(info.filename, source.read(info.filename))
    return buffer.getvalue()


# --------------------------------------------------------------------------- text


def _repeat(piece: str, count: int, header: bool = True) -> Callable[[Maker], bytes]:
    return lambda make: ((HEADER if header else "") + piece * count + "\n").encode("utf-8")


def _with_bytes_inside(inserted: bytes) -> Callable[[Maker], bytes]:
    def make(maker: Maker) -> bytes:
        data = maker.text.encode("utf-8")
        middle = data.index(b"\n", len(data) // 2)
        return data[:middle] + inserted + data[middle:]
    return make


def _over_size_limit(maker: Maker) -> bytes:
    data = maker.text.encode("utf-8") + b"\n"
    return data * (maker.max_bytes // len(data) + 2)


def _deep_markers(maker: Maker) -> bytes:
    parts = [HEADER]
    for n in range(1, 8001):
        parts.append(f"{'I' * (n % 3 + 1)}. Phần {n}\n{n}. Khoản {n}\n{'abcdđe'[n % 6]}) Điểm {n}\n- ý {n}\n+ ý nhỏ {n}\n")
    return "".join(parts).encode("utf-8")


def _many_articles(maker: Maker) -> bytes:
    return ("NGHỊ QUYẾT\n" + "".join(f"Điều {n}. Mục tiêu {n}\nTỷ lệ đạt {n % 97}% vào năm 2025.\n"
                                      for n in range(1, 15001))).encode("utf-8")


TEXT = [
    Hostile("empty.txt", lambda m: b"", "file is empty"),
    Hostile("blank.txt", lambda m: b" \t\r\n" * 300, "file is empty"),
    Hostile("one_byte.txt", lambda m: b"q", "no resolution found"),
    Hostile("random_bytes.txt", lambda m: m.random.randbytes(1 << 20), "binary file"),
    Hostile("png_named.txt", lambda m: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + m.random.randbytes(4096), "binary file"),
    Hostile("zip_named.txt", lambda m: _zip({"notes.txt": b"ghi chep " * 50}), "not a .docx"),
    Hostile("nul_inside.txt", _with_bytes_inside(b"\x00"), None),
    Hostile("invalid_utf8_inside.txt", _with_bytes_inside(b"\xc3\x28\xff"), "ok"),
    Hostile("utf16_bom.txt", lambda m: m.text.encode("utf-16"), "ok"),
    Hostile("utf16le_no_bom.txt", lambda m: m.text.encode("utf-16-le"), "ok"),
    Hostile("utf16be_no_bom.txt", lambda m: m.text.encode("utf-16-be"), "ok"),
    Hostile("utf16_odd_length.txt", lambda m: m.text.encode("utf-16") + b"\x00", None),
    Hostile("over_size_limit.txt", _over_size_limit, "input too large"),
    Hostile("one_line_4mb.txt", lambda m: (m.text.replace("\n", " ") * 200)[: 4 * MB].encode("utf-8"), None),
    Hostile("dotted_digits.txt", lambda m: (HEADER + ".".join("7" * 90000) + "\n").encode("utf-8"), None),
    Hostile("digit_run.txt", _repeat("9", 150000), None),
    Hostile("article_words.txt", _repeat("Điều ", 40000), None),
    Hostile("point_markers.txt", _repeat("b) ", 40000), None),
    Hostile("open_parentheses.txt", _repeat("(", 90000), None),
    Hostile("dash_runs.txt", _repeat("- + ", 60000), None),
    Hostile("legal_basis_words.txt", _repeat("Căn cứ ", 80000, header=False), None),
    Hostile("legal_basis_lines.txt", _repeat("Căn cứ Nghị định số 9/2020/NĐ-CP;\n", 60000, header=False), None),
    Hostile("long_number.txt", lambda m: (HEADER + "đạt 4" + ".500" * 9000 + " đồng\n").encode("utf-8"), None),
    Hostile("percent_signs.txt", _repeat("%", 90000), None),
    Hostile("percentages.txt", _repeat("tỷ lệ 7,5% ", 20000), None),
    Hostile("slashes.txt", _repeat("34/", 40000), None),
    Hostile("date_words.txt", _repeat("ngày 3 tháng 9 năm 2024 ", 20000), None),
    Hostile("unit_words.txt", _repeat("giảm 3 tỷ đồng ", 20000), None),
    Hostile("capitals_no_space.txt", _repeat("UỶBANNHÂNDÂN", 15000), None),
    Hostile("spaces.txt", lambda m: (HEADER + "Điều 2." + " " * 150000 + "y\n").encode("utf-8"), None),
    Hostile("deep_markers.txt", _deep_markers, None),
    Hostile("many_articles.txt", _many_articles, None),
    Hostile("english_prose.txt", _repeat("The council met on a rainy day and talked about roads. ", 8000, header=False),
            "no resolution found"),
    Hostile("tên có dấu và khoảng trắng.txt", lambda m: m.text.encode("utf-8"), "ok"),
    Hostile("name\nwith a newline.txt", lambda m: m.text.encode("utf-8"), "ok"),
]


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --------------------------------------------------------------------------- docx


def _declared_bomb(maker: Maker) -> bytes:
    """document.xml inflating to 1 GiB of one letter: its declared size gives it away."""
    def write(out):
        out(f'<?xml version="1.0"?><w:document {W_NAMESPACE}><w:body><w:p><w:r><w:t>'.encode())
        block = b"q" * (1 << 20)
        for _ in range(1024):
            out(block)
        out(b"</w:t></w:r></w:p></w:body></w:document>")
    return _replace_part(maker.docx(["Điều 1."]), write)


def _paragraph_bomb(maker: Maker) -> bytes:
    """1.6 MB of .docx, 190 MB of document.xml in 4 million tiny paragraphs: under the total
    (200 MiB) and the ratio (200:1) checks, thanks to 1.3 MB of incompressible padding."""
    def write(out):
        out(f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NAMESPACE}><w:body>'.encode())
        padding = base64.b64encode(maker.random.randbytes(1_000_000))
        out(b"<w:p><w:r><w:t>" + padding + b"</w:t></w:r></w:p>")
        block = "<w:p><w:r><w:t>Khoản 2. Giảm 3%</w:t></w:r></w:p>".encode() * 5000
        for _ in range(190 * MB // len(block)):
            out(block)
        out(b"</w:body></w:document>")
    return _replace_part(maker.docx(["Điều 1."]), write)


def _entities(external: bool, encoding: str = "utf-8") -> Callable[[Maker], bytes]:
    if external:
        dtd = '<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
        body = "<w:p><w:r><w:t>NGHỊ QUYẾT &e;</w:t></w:r></w:p><w:p><w:r><w:t>Điều 1. Thử.</w:t></w:r></w:p>"
    else:
        dtd = ('<!DOCTYPE d [<!ENTITY h0 "ha">'
               + "".join(f'<!ENTITY h{n} "{f"&h{n - 1};" * 10}">' for n in range(1, 10)) + "]>")
        body = "<w:p><w:r><w:t>&h9;</w:t></w:r></w:p>"
    declaration = f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
    xml = f"{declaration}{dtd}<w:document {W_NAMESPACE}><w:body>{body}</w:body></w:document>"
    return lambda maker: maker.docx_with_part(xml.encode(encoding))


def _deep_xml(maker: Maker) -> bytes:
    nested = "<w:sdt><w:sdtContent>" * 2500 + "<w:p><w:r><w:t>Điều 1. x</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * 2500
    return maker.docx_with_part(f"<w:document {W_NAMESPACE}><w:body>{nested}</w:body></w:document>".encode())


def _big_table(maker: Maker) -> bytes:
    import docx

    document = docx.Document()
    for line in HEADER.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=1500, cols=4)
    for number, row in enumerate(table.rows):
        for column, cell in enumerate(row.cells):
            cell.text = f"{number}.{column} tăng {number % 13}%"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX = [
    Hostile("seed.docx", lambda m: m.docx(m.text.splitlines()), "ok"),
    Hostile("truncated.docx", lambda m: m.docx(m.text.splitlines())[:15000], ".docx"),
    Hostile("declared_bomb.docx", _declared_bomb, "zip bomb"),
    Hostile("paragraph_bomb.docx", _paragraph_bomb, "too many paragraphs"),
    Hostile("entity_expansion.docx", _entities(external=False), "declares a DTD"),
    Hostile("external_entity.docx", _entities(external=True), "declares a DTD"),
    Hostile("external_entity_utf32.docx", _entities(external=True, encoding="utf-32"), "declares a DTD"),
    Hostile("not_xml.docx", lambda m: m.docx_with_part(b"plain words, no markup"), "not well-formed XML"),
    Hostile("deep_xml.docx", _deep_xml, "not well-formed XML"),
    Hostile("big_table.docx", _big_table, None),
]


# --------------------------------------------------------------------------- pdf


def _pdf(lines: list[str], font: Optional[Path] = None) -> bytes:
    import fpdf

    pdf = fpdf.FPDF()
    pdf.add_page()
    if font is not None:
        pdf.add_font("Body", fname=str(font))
        pdf.set_font("Body", size=10)
    else:
        pdf.set_font("helvetica", size=10)
    for line in lines:
        pdf.multi_cell(0, 5, line if line.strip() else " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _unicode_font() -> Optional[Path]:
    candidates = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    try:
        import matplotlib

        candidates.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    except ImportError:
        pass
    return next((candidate for candidate in candidates if candidate.is_file()), None)


def _seed_pdf(maker: Maker) -> bytes:
    font = _unicode_font()
    if font is None:  # without a Vietnamese font the PDF has no Vietnamese: still a readable PDF
        return _pdf(["NGHI QUYET", "Dieu 1. Thong qua."])
    return _pdf(maker.text.replace("\ufffd", "?").splitlines(), font)


def _no_text_pdf(maker: Maker) -> bytes:
    import fpdf

    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 80, "F")
    return bytes(pdf.output())


def _many_pages(maker: Maker) -> bytes:
    import pypdf

    from nghiquyet_parser.read.pdf import MAX_PAGES

    writer = pypdf.PdfWriter()
    for _ in range(MAX_PAGES + 1):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = [
    Hostile("seed.pdf", _seed_pdf, None if _unicode_font() is None else "ok"),
    Hostile("corrupt.pdf", lambda m: b"%PDF-1.5\n" + m.random.randbytes(16000), "PDF"),
    Hostile("header_only.pdf", lambda m: b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n", "PDF"),
    Hostile("no_text_layer.pdf", _no_text_pdf, "no text layer"),
    Hostile("many_pages.pdf", _many_pages, "too many pages"),
]


# --------------------------------------------------------------------------- html, doc


def _html(body: str, head: str = "<meta charset='utf-8'>") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode("utf-8")


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{line.replace('&', '&amp;').replace('<', '&lt;')}</p>" for line in text.splitlines())


def _many_tags(maker: Maker) -> bytes:
    from nghiquyet_parser.read.html import MAX_TAGS

    return _html(_paragraphs(HEADER) + "<i></i>" * (MAX_TAGS // 2 + 1))


HTML_AND_DOC = [
    Hostile("seed.html", lambda m: _html(_paragraphs(m.text)), "ok"),
    Hostile("big_page.html", lambda m: _html(("<div>" + _paragraphs(m.text) + "</div>") * 300), None),
    Hostile("many_tags.html", _many_tags, "too many HTML tags"),
    Hostile("entity_expansion.html", lambda m: ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY h0 "ha">'
                                                + "".join(f'<!ENTITY h{n} "{f"&h{n - 1};" * 10}">' for n in range(1, 10))
                                                + "]>").encode() + _html(_paragraphs(HEADER) + "<p>&h9;</p>"), None),
    Hostile("deep_divs.html", lambda m: _html("<div>" * 60000 + HEADER + "</div>" * 60000), "too deeply nested"),
    Hostile("unknown_charset.html", lambda m: _html(_paragraphs(m.text), "<meta charset='x-unheard-of'>"), "ok"),
    Hostile("empty_body.html", lambda m: b"<html><body></body></html>", "without text"),
    Hostile("random_bytes.doc", lambda m: m.random.randbytes(40000), "binary file"),
    Hostile("ole2_garbage.doc", lambda m: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + m.random.randbytes(40000), ".doc"),
    Hostile("rtf_named.doc", lambda m: b"{\\rtf1\\ansi xin chao}", "RTF document"),
]

ALL = TEXT + DOCX + PDF + HTML_AND_DOC


def generate(out_dir: Path, max_megabytes: float) -> dict[str, Optional[str]]:
    """Write every input into `out_dir`; return each file's expectation."""
    out_dir.mkdir(parents=True, exist_ok=True)
    maker = Maker(max_megabytes)
    for hostile in ALL:
        (out_dir / hostile.name).write_bytes(hostile.make(maker))
    return {hostile.name: hostile.expect for hostile in ALL}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--max-size", type=float, default=20.0, help="the size limit the suite runs with (MB)")
    args = parser.parse_args()
    expectations = generate(args.out_dir, args.max_size)
    print(f"{len(expectations)} inputs in {args.out_dir}")


if __name__ == "__main__":
    main()
