"""HTML pages of legal portals: find the document inside the page chrome, keep its lines.

lxml.html rather than the stdlib html.parser: portal pages are 1 MB of deeply nested,
often invalid markup, and we need a tree to score (which element holds the document)
and to walk (block elements → lines, table rows → tab-separated lines); lxml builds it
in C, tolerates broken markup, and with this parser never touches the network nor
expands a DTD.

The body is found by content, not by a portal's class names: the element that holds
the most landmarks of a resolution (vocabulary `html_landmarks`: "Căn cứ", "Điều 1.",
"QUYẾT NGHỊ", "Nơi nhận" ...), narrowed to the deepest element that still holds them all.

Limits: the scoring needs the whole tree, so the page is not streamed; instead its tags are
counted before it is parsed (`MAX_TAGS`: a tree's memory grows with its elements, and a
portal page has a few thousand), libxml2's own depth limit stays on (no `huge_tree`), and
the walks over the tree check the time budget at every element.
"""

from __future__ import annotations

import unicodedata

import regex

from ..errors import InputError, InputTooLarge
from ..limits import check_time
from ..vocabulary import column
from .dependencies import optional_module
from .table_rows import row_lines
from .text import decode_text

# Containers whose content is never document text.
_CHROME_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "button", "nav", "form", "select", "head")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd div dl dt fieldset figcaption figure footer "
    "h1 h2 h3 h4 h5 h6 header hr html li main ol p pre section table tbody tfoot thead tr ul caption".split()
)
_CELL_TAGS = frozenset(("td", "th"))
_LINK_EDGE = "\ue000"  # private-use mark of an <a> boundary, removed before returning
_SPACES = regex.compile(r"[ \t\n\r\f]+")  # HTML collapsible whitespace (not U+00A0)
# "Số: <a>12</a>/NQ-HĐND": portals link the number, and the markup's own line breaks
# around the link become spaces; at a link edge next to "/" that space is not text.
_SPLIT_NUMBER = regex.compile(rf"(?<=[\p{{L}}\p{{N}}])\s*{_LINK_EDGE}\s*(?=/)|(?<=/)\s*{_LINK_EDGE}\s*(?=[\p{{L}}\p{{N}}])")
_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", regex.IGNORECASE)
_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*>")
# Control characters no XML tree may hold: lxml parses them into text, then refuses them when
# a text node is set (dropping a <script> joins its tail to the parent's text). Invisible: removed.
_XML_INCOMPATIBLE = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]+")
MAX_TAGS = 500_000  # '<' characters: an upper bound on tags; the portal pages seen have 1,000 to 5,000


def read_html(data: bytes, path: object) -> tuple[str, str, str]:
    """(text, encoding, how the encoding was found) of the document inside an HTML page."""
    tags = data.count(b"<")
    if tags > MAX_TAGS:
        raise InputTooLarge(path, f"too many HTML tags: {tags:,} (the limit is {MAX_TAGS:,})")
    markup, encoding, evidence = _decode(data, path)
    lxml_html = optional_module("lxml.html", path, "HTML pages")
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        markup = _XML_INCOMPATIBLE.sub("", _XML_DECLARATION.sub("", markup))
        root = lxml_html.document_fromstring(markup, parser=parser)
    except InputError:  # the time budget's alarm
        raise
    except Exception as exc:  # lxml.etree.ParserError on empty or hopeless documents
        raise InputError(path, f"not a readable HTML page ({type(exc).__name__})") from None
    _refuse_cut_pages(parser, path)
    for element in list(root.iter(*_CHROME_TAGS)):
        element.drop_tree()
    body = _document_element(root)
    lines = _Lines()
    _walk(body, lines)
    text = "\n".join(line for line in lines.finish() if line)
    if not text.strip():
        raise InputError(path, "HTML page without text")
    return text + "\n", encoding, evidence


def _refuse_cut_pages(parser, path: object) -> None:
    """libxml2 drops what lies below its depth limit and goes on: say so rather than return a
    page cut short ("Excessive depth in document: 256")."""
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            raise InputTooLarge(path, f"HTML page too deeply nested to read whole ({entry.message.split(',')[0]})")


def _decode(data: bytes, path: object) -> tuple[str, str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared[1].decode("ascii", "replace").lower()
        try:
            return data.decode(name), name, "encoding: <meta charset>"
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to content detection
    decoded = decode_text(data, path)
    return decoded.text, decoded.encoding, f"encoding: {decoded.detected_by}"


def _document_element(root):
    """The deepest element that still holds every KIND of resolution landmark on the page.

    Kinds, not counts: a portal's table of contents repeats "Điều 1." ... and its title
    repeats "NGHỊ QUYẾT", but only the document itself has the motto, the number line,
    the legal bases, the enacting formula and the articles together. Text inside links
    is not counted: menus and footers are links ("Điều khoản sử dụng").
    """
    landmarks = [regex.compile(pattern) for pattern in column("html_landmarks", "pattern")]
    kinds: dict = {}
    for element in root.iter():
        check_time()
        if element.text and not _inside_link(element):
            _credit(kinds, element, _landmark_kinds(landmarks, element.text))
        parent = element.getparent()
        if element.tail and parent is not None and not _inside_link(parent):
            _credit(kinds, parent, _landmark_kinds(landmarks, element.tail))
    everything = kinds.get(root, 0)
    best = root
    while everything:
        child = next((c for c in best if kinds.get(c, 0) == everything), None)
        if child is None:
            break
        best = child
    return best


def _landmark_kinds(landmarks: list[regex.Pattern], text: str) -> int:
    """Bit i set when landmark i occurs in the text."""
    text = unicodedata.normalize("NFC", text)
    return sum(1 << index for index, landmark in enumerate(landmarks) if landmark.search(text))


def _credit(kinds: dict, element, found: int) -> None:
    while found and element is not None:
        kinds[element] = kinds.get(element, 0) | found
        element = element.getparent()


def _inside_link(element) -> bool:
    return any(node.tag == "a" for node in _self_and_ancestors(element))


def _self_and_ancestors(element):
    while element is not None:
        yield element
        element = element.getparent()


class _Lines:
    """Accumulates inline text into the current line; block edges end the line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []

    def add(self, text: str) -> None:
        self.parts.append(text)

    def end_line(self) -> None:
        line = _SPLIT_NUMBER.sub("", "".join(self.parts)).replace(_LINK_EDGE, "")
        # .strip() also takes the U+00A0 that pages use to indent and to fill empty cells.
        line = _SPACES.sub(" ", line).strip()
        if line:
            self.lines.append(line)
        self.parts = []

    def add_cleaned_line(self, line: str) -> None:
        """A line built from already-cleaned parts (a table row, whose tabs must stay)."""
        if line.strip():
            self.lines.append(line)

    def finish(self) -> list[str]:
        self.end_line()
        return self.lines


def _walk(element, lines: _Lines) -> None:
    check_time()
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "tr":
        lines.end_line()
        for row_line in row_lines([_cell_lines(cell) for cell in element if cell.tag in _CELL_TAGS]):
            lines.add_cleaned_line(row_line)
        _add_tail(element, lines)
        return
    if tag in _BLOCK_TAGS or tag == "br":
        lines.end_line()
    if tag == "a":
        lines.add(_LINK_EDGE)
    if element.text:
        lines.add(element.text)
    for child in element:
        _walk(child, lines)
    if tag == "a":
        lines.add(_LINK_EDGE)
    if tag in _BLOCK_TAGS:
        lines.end_line()
    _add_tail(element, lines)


def _add_tail(element, lines: _Lines) -> None:
    if element.tail:
        lines.add(element.tail)


def _cell_lines(cell) -> list[str]:
    inner = _Lines()
    if cell.text:
        inner.add(cell.text)
    for child in cell:
        _walk(child, inner)
    return [line.replace("\t", " ") for line in inner.finish()]
