"""Word .docx: body paragraphs and tables in document order, then the footnotes.

Read with python-docx, after two safety checks python-docx does not make itself:
- zip bomb: the declared uncompressed sizes are checked before anything is inflated.
  Python's zipfile never returns more than an entry's declared size (and fails the
  CRC check if the data disagrees), so bounding the declared sizes bounds memory.
- XML entity expansion ("billion laughs"): OOXML parts never carry a DTD, so any part
  that declares one is refused outright instead of trusting the parser's limits.

Tables become lines of tab-separated cells (`table_rows.row_lines`: one line per row, or
side by side where cells hold several paragraphs); footnotes come last as "[n] text".
"""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError
from .dependencies import optional_module
from .table_rows import row_lines

DOCUMENT_PART = "word/document.xml"
FOOTNOTES_PART = "word/footnotes.xml"

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # far above any resolution, far below a bomb
MAX_COMPRESSION_RATIO = 200  # XML compresses ~10x; bombs compress ~1000x
_RATIO_CHECK_FROM_BYTES = 1024 * 1024  # tiny parts may compress oddly well; ignore them

# "<!DOCTYPE" / "<!ENTITY" as they appear in UTF-8 and UTF-16 parts.
_DTD_MARKERS = tuple(
    marker.encode(codec) for marker in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le", "utf-16-be")
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def is_docx_container(data: bytes) -> bool:
    """A zip holding word/document.xml (the magic-byte test for .docx)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCUMENT_PART in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False


def read_docx(data: bytes, path: object) -> str:
    archive = _open_checked(data, path)
    docx = optional_module("docx", path, ".docx files")
    try:
        document = docx.Document(io.BytesIO(data))
        lines = [_block_text(block) for block in document.iter_inner_content()]
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(path, f"broken .docx ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # lxml/python-docx raise many types on malformed parts
        raise InputError(path, f"broken .docx ({type(exc).__name__})") from None
    lines.extend(_footnote_lines(archive, path))
    return "\n".join(lines) + "\n"


def _open_checked(data: bytes, path: object) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise InputError(path, "not a valid .docx (corrupt zip container)") from None
    if DOCUMENT_PART not in archive.namelist():
        raise InputError(path, "zip archive without word/document.xml: not a .docx")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError(path, f"refused: .docx would inflate to {total} bytes (zip bomb?)")
    for entry in entries:
        if entry.file_size > _RATIO_CHECK_FROM_BYTES and entry.file_size > MAX_COMPRESSION_RATIO * max(entry.compress_size, 1):
            raise InputError(path, f"refused: {entry.filename} is compressed {entry.file_size // max(entry.compress_size, 1)}:1 (zip bomb?)")
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels")) and _declares_dtd(archive, entry, path):
            raise InputError(path, f"refused: {entry.filename} declares a DTD/entities (XML entity expansion?)")
    return archive


def _declares_dtd(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, path: object) -> bool:
    try:
        head = archive.open(entry).read()
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise InputError(path, f"not a valid .docx (cannot inflate {entry.filename})") from None
    return any(marker in head for marker in _DTD_MARKERS)


def _block_text(block) -> str:
    rows = getattr(block, "rows", None)
    if rows is None:
        return block.text
    return "\n".join(line for row in rows for line in row_lines(_row_cells(row)))


def _row_cells(row) -> list[list[str]]:
    cells = []
    previous = None
    for cell in row.cells:
        # python-docx repeats a merged cell once per grid column it spans.
        if previous is not None and cell._tc is previous:
            continue
        previous = cell._tc
        cells.append([paragraph.text.replace("\t", " ") for paragraph in cell.paragraphs if paragraph.text.strip()])
    return cells


def _footnote_lines(archive: zipfile.ZipFile, path: object) -> list[str]:
    """Footnotes as "[n] text", numbered in order (python-docx has no footnote API)."""
    if FOOTNOTES_PART not in archive.namelist():
        return []
    etree = optional_module("lxml.etree", path, ".docx files")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(archive.read(FOOTNOTES_PART), parser)
    except etree.XMLSyntaxError:
        raise InputError(path, "broken .docx (footnotes part is not XML)") from None
    lines = []
    for footnote in root.iter(f"{_W}footnote"):
        if footnote.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join(
            "".join(_run_text(node) for node in paragraph.iter(f"{_W}t", f"{_W}tab")).strip()
            for paragraph in footnote.iter(f"{_W}p")
        ).strip()
        lines.append(f"[{len(lines) + 1}] {text}")
    return lines


def _run_text(node) -> str:
    return "\t" if node.tag == f"{_W}tab" else node.text or ""
