"""Word .docx: body paragraphs and tables in document order, then the footnotes.

The parts are read as a stream: inflated 64 KB at a time, fed to lxml's pull parser, each
block of the body (a paragraph, a table) turned into text as soon as its end tag is read,
then dropped. Memory holds one block, not the tree of the whole part, and reading stops
as soon as a limit is passed, with that limit as the message:

- zip bomb: the declared uncompressed sizes are checked before anything is inflated
  (Python's zipfile never returns more than an entry's declared size, and fails the CRC
  check if the data disagrees); the parts we parse are also counted as they inflate
  (`MAX_PART_BYTES`).
- many tiny paragraphs: 1.6 MB of .docx can inflate to 190 MB of 4 million paragraphs,
  under both zip-bomb checks; `MAX_PARAGRAPHS` stops it after a few megabytes.
- XML entity expansion ("billion laughs"): OOXML parts never carry a DTD, so a part that
  declares one is refused outright instead of trusting the parser's limits.

The text of a paragraph or a table is python-docx's own: the elements are built with its
element classes (its parser's class lookup), so `Paragraph.text` and `Table.rows` read them
exactly as `docx.Document` would, without loading the whole document first.
Tables become lines of tab-separated cells (`table_rows.row_lines`: one line per row, or
side by side where cells hold several paragraphs); footnotes come last as "[n] text".
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Iterator, Optional

from ..errors import InputError, InputTooLarge
from ..limits import check_time
from .dependencies import optional_module
from .table_rows import row_lines

DOCUMENT_PART = "word/document.xml"
FOOTNOTES_PART = "word/footnotes.xml"

_MIB = 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * _MIB  # far above any resolution, far below a bomb
MAX_COMPRESSION_RATIO = 200  # XML compresses ~10x; bombs compress ~1000x
_RATIO_CHECK_FROM_BYTES = _MIB  # tiny parts may compress oddly well; ignore them
MAX_PART_BYTES = 64 * _MIB  # one part, inflated: a 300-page plan with its tables is ~10 MB
MAX_PARAGRAPHS = 100_000  # body, table cells and footnotes: 20x the longest document seen (5,068 lines)
CHUNK_BYTES = 64 * 1024

# "<!DOCTYPE" / "<!ENTITY" as they appear in UTF-8, UTF-16 and UTF-32 parts.
_DTD_MARKERS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_MARKER_OVERLAP = max(len(marker) for marker in _DTD_MARKERS) - 1  # a marker may straddle two chunks

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH, _TABLE = f"{_W}p", f"{_W}tbl"


def is_docx_container(data: bytes) -> bool:
    """A zip holding word/document.xml (the magic-byte test for .docx)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCUMENT_PART in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False


def read_docx(data: bytes, path: object) -> str:
    archive = _open_checked(data, path)
    docx = _PythonDocx(path)
    etree = optional_module("lxml.etree", path, ".docx files")
    paragraphs = _ParagraphCount(path)
    lines = []
    part = DOCUMENT_PART
    try:
        for block in _completed_children(archive, part, docx.pull_parser(etree), f"{_W}body", paragraphs, path):
            text = docx.block_text(block)
            if text is not None:
                lines.append(text)
        if FOOTNOTES_PART in archive.namelist():
            part = FOOTNOTES_PART
            lines.extend(_footnote_lines(archive, etree, paragraphs, path))
    except InputError:  # ours: a limit, the time budget
        raise
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"broken .docx: {part} is not well-formed XML ({_first_line(exc)})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        raise InputError(path, f"not a valid .docx (cannot inflate {part})") from None
    except Exception as exc:  # python-docx on a malformed table ("no tr above topmost tr" ...)
        raise InputError(path, f"broken .docx: {part} ({type(exc).__name__}: {_first_line(exc)})") from None
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
    return archive


class _ParagraphCount:
    def __init__(self, path: object):
        self.path = path
        self.seen = 0

    def add(self) -> None:
        self.seen += 1
        if self.seen > MAX_PARAGRAPHS:
            raise InputTooLarge(self.path, f"too many paragraphs: over the limit of {MAX_PARAGRAPHS:,}")


class _PythonDocx:
    """The parts of python-docx the body needs: its parser's element classes, and its
    Paragraph and Table, which read those elements."""

    def __init__(self, path: object):
        self.oxml = optional_module("docx.oxml.parser", path, ".docx files")
        self.paragraph = optional_module("docx.text.paragraph", path, ".docx files").Paragraph
        self.table = optional_module("docx.table", path, ".docx files").Table

    def pull_parser(self, etree):
        """python-docx's own parser settings (`docx.oxml.parser.oxml_parser`), as a pull parser."""
        parser = etree.XMLPullParser(events=("end",), remove_blank_text=True, resolve_entities=False,
                                     no_network=True, huge_tree=False)
        parser.set_element_class_lookup(self.oxml.element_class_lookup)
        return parser

    def block_text(self, element) -> Optional[str]:
        """The text python-docx's `iter_inner_content` gives a body paragraph or table; None for
        anything else at body level, which it skips (a section break, a content control)."""
        if element.tag == _PARAGRAPH:
            return self.paragraph(element, None).text
        if element.tag != _TABLE:
            return None
        return "\n".join(line for row in self.table(element, None).rows for line in row_lines(_row_cells(row)))


def _completed_children(archive: zipfile.ZipFile, part: str, parser, container: str,
                        paragraphs: _ParagraphCount, path: object) -> Iterator:
    """Each child of the `container` element of `part` once its end tag is read; then it
    leaves the tree, so the tree never holds more than one child."""
    inflated = 0
    previous_tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            inflated += len(chunk)
            if inflated > MAX_PART_BYTES:
                raise InputTooLarge(path, f"{part} inflates to more than {MAX_PART_BYTES // _MIB} MB")
            window = previous_tail + chunk
            if any(marker in window for marker in _DTD_MARKERS):
                raise InputError(path, f"refused: {part} declares a DTD/entities (XML entity expansion?)")
            previous_tail = window[-_MARKER_OVERLAP:]
            parser.feed(chunk)
            yield from _drain(parser, container, paragraphs)
            check_time()
    parser.close()  # a part cut short raises here
    yield from _drain(parser, container, paragraphs)


def _drain(parser, container: str, paragraphs: _ParagraphCount) -> Iterator:
    for _event, element in parser.read_events():
        if element.tag == _PARAGRAPH:
            paragraphs.add()
        parent = element.getparent()
        if parent is not None and parent.tag == container:
            yield element
            parent.remove(element)


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


def _footnote_lines(archive: zipfile.ZipFile, etree, paragraphs: _ParagraphCount, path: object) -> list[str]:
    """Footnotes as "[n] text", numbered in order (python-docx has no footnote API)."""
    parser = etree.XMLPullParser(events=("end",), resolve_entities=False, no_network=True, huge_tree=False)
    lines = []
    for footnote in _completed_children(archive, FOOTNOTES_PART, parser, f"{_W}footnotes", paragraphs, path):
        if footnote.tag != f"{_W}footnote":
            continue
        if footnote.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join(
            "".join(_run_text(node) for node in paragraph.iter(f"{_W}t", f"{_W}tab")).strip()
            for paragraph in footnote.iter(_PARAGRAPH)
        ).strip()
        lines.append(f"[{len(lines) + 1}] {text}")
    return lines


def _run_text(node) -> str:
    return "\t" if node.tag == f"{_W}tab" else node.text or ""


def _first_line(error: Exception) -> str:
    """libxml2's message without lxml's "(<string>, line 1)" suffix."""
    lines = str(getattr(error, "msg", None) or error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
