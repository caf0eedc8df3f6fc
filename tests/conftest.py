"""Shared fixtures: the seed document, the shared corpus, format conversions, hypothesis profiles."""

from __future__ import annotations

import io
import os
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus" / "000.txt"
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PROJECT_CORPUS = REPO / "corpus"


def project_documents(count: int) -> list[Path]:
    """The first `count` documents of the project's own corpus/ (skips when it holds fewer)."""
    files = sorted(PROJECT_CORPUS.glob("*.txt"))[:count]
    if len(files) < count:
        pytest.skip(f"need {count} documents in {PROJECT_CORPUS}")
    return files

# Property tests: a quick profile for every run, a long one (>= 10,000 inputs) for
# `pytest -m slow`. Deadlines are off: a parse of a huge generated line is slow by design.
settings.register_profile(
    "quick", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile(
    "long", max_examples=10_000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS}")
    return SHARED_CORPUS


# --------------------------------------------------------------------------- conversions
# Each writer turns Unicode text into the bytes another program would have written,
# so the readers are tested against files made here, never against stored copies.

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Characters VISCII has no byte for: Word substitutes the nearest ASCII when saving.
VISCII_SUBSTITUTES = str.maketrans({"–": "-", "“": '"', "”": '"', "‰": "o/oo", "\ufffd": "?"})


def legacy_repertoire(text: str, encoding: str) -> str:
    """The text as a legacy 8-bit file can hold it: precomposed, no U+FFFD (and ASCII dashes for VISCII)."""
    text = unicodedata.normalize("NFC", text).replace("\ufffd", "?")
    return text.translate(VISCII_SUBSTITUTES) if encoding == "viscii" else text


def legacy_bytes(text: str, encoding: str) -> bytes:
    """Encode with viparse's tables inverted, as a .VnTime/.VnTimeH, VNI-Times or VISCII file.

    TCVN3 has no capital toned letters: they are written with the lower-case codes, as
    the .VnTimeH font does. Punctuation outside Latin-1 goes to its Windows-1252 byte.
    """
    from viparse.normalize.encodings import CHARMAPS

    inverse = {unicode: surface for surface, unicode in CHARMAPS[encoding].pairs}
    surface = []
    for char in text:
        if char in inverse:
            surface.append(inverse[char])
        elif encoding == "tcvn3" and char.lower() in inverse:
            surface.append(inverse[char.lower()])
        else:
            surface.append(char)
    return b"".join(c.encode("latin-1") if ord(c) < 256 else c.encode("cp1252") for c in "".join(surface))


def windows_1258_bytes(text: str) -> bytes:
    """Windows-1258 as Word writes it: base letters (â ơ ư ...) plus combining tone marks."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(m for m in decomposed if m in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONE_MARKS))
        out.append((base + tones).encode("cp1258", "replace"))
    return b"".join(out)


def docx_bytes(lines: list[str], table: list[list[str]] | None = None, footnotes: list[str] | None = None) -> bytes:
    """A .docx made by python-docx: one paragraph per line, then a table; footnotes added as a part."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table):
            for cell, value in zip(row.cells, values):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    return add_footnotes(data, footnotes) if footnotes else data


def add_footnotes(data: bytes, footnotes: list[str]) -> bytes:
    """python-docx cannot write footnotes: add word/footnotes.xml as Word would (separators first)."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    notes = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
    notes += [f'<w:footnote w:id="{n}"><w:p><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
              for n, text in enumerate(footnotes, start=1)]
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {ns}>{"".join(notes)}</w:footnotes>'
    return rewrite_zip(data, {"word/footnotes.xml": xml.encode("utf-8")})


def rewrite_zip(data: bytes, replace: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A copy of a zip with some members replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as target:
        for info in source.infolist():
            if info.filename not in replace:
                target.writestr(info.filename, source.read(info.filename))
        for name, content in replace.items():
            target.writestr(name, content)
    return buffer.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    """A PDF with a text layer (fpdf2 + DejaVu Sans, which has every Vietnamese letter)."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (test extra) writes the PDFs")
    font = dejavu_font()
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=10)
    for line in lines:
        pdf.multi_cell(0, 5, line if line.strip() else " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def dejavu_font() -> Path:
    candidates = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    try:
        import matplotlib

        candidates.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    pytest.skip("no DejaVuSans.ttf (apt-get install fonts-dejavu-core, or pip install matplotlib)")


def html_page(body_html: str) -> bytes:
    """A legal-portal-like page: menus, scripts, a table of contents and a footer around the body."""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Văn bản</title>
<script>var menu = "Điều 1. QUYẾT NGHỊ Căn cứ";</script><style>p {{ margin: 0 }}</style></head>
<body><nav><a href="/">Trang chủ</a> <a href="/vb">Văn bản pháp luật</a></nav>
<div class="layout"><aside class="toc"><p>Mục lục</p><p>Điều 1.</p><p>Điều 2.</p><p>Điều 3.</p></aside>
<main><div class="tabs"><span>Nội dung</span><span>Thuộc tính</span></div>
<div class="content">{body_html}</div></main></div>
<footer><p>Số 60 Trần Phú - Ba Đình</p><a href="/dk">Điều khoản sử dụng</a></footer></body></html>""".encode("utf-8")


def pytest_collection_modifyitems(config, items):
    """Long checks run only when asked for (`pytest -m slow`), never in the default run."""
    if "slow" in (config.getoption("-m") or ""):
        return
    skip_slow = pytest.mark.skip(reason="long profile: run with pytest -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


# --------------------------------------------------------------------------- corpora
# Lists built at import time so tests can be parametrised by document; an absent
# shared corpus gives an empty list, which pytest reports as a skip.

PROJECT_DOCS = sorted((REPO / "corpus").glob("*.txt"))
SHARED_DOCS = sorted((SHARED_CORPUS / "docs").glob("*.txt")) if SHARED_CORPUS.is_dir() else []
SCHEMA_FILE = REPO / "schemas" / "resolution.schema.json"


def document_id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}/{path.name}"


@pytest.fixture(scope="session")
def parsed_json():
    """`parsed_json(path)` → (text, JSON dict) of one parse, cached for the whole session:
    the schema and span tests read the same documents."""
    import json
    from functools import lru_cache

    from nghiquyet_parser import parse
    from nghiquyet_parser.emit import to_json

    @lru_cache(maxsize=None)
    def run(path: Path):
        resolution = parse(path)
        return resolution.text, json.loads(to_json(resolution))

    return run


def pytest_addoption(parser):
    parser.addoption("--update-gold-record", action="store_true", default=False,
                     help="rewrite tests/gold_record.tsv with the current per-document scores (never lower ones)")
