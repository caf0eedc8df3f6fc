"""A `Resolution` as one Akoma Ntoso 3.0 <act>: meta, preface, preamble, body,
conclusions and attachments, in the order the schema requires."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .. import models
from .body import Writer
from .elements import add, element, serialise
from .inline import append, write_original, write_text
from .marks import Referents, collect
from .meta import build_meta
from .names import ElementIds, full_date, slug


def to_akn(resolution: models.Resolution) -> str:
    """The resolution as an Akoma Ntoso 3.0 XML document (valid against akomantoso30.xsd)."""
    return serialise(build(resolution))


def build(resolution: models.Resolution) -> ET.Element:
    ids = ElementIds()
    referents = collect(resolution, ids)
    writer = Writer(resolution.text, referents.marks, ids)
    root = element("akomaNtoso")
    act = add(root, "act", {"name": slug(resolution.header.document_type) or "nghi-quyet"})
    _preface(act, resolution)
    _preamble(act, resolution, writer)
    body = add(act, "body")
    writer.nodes(body, resolution.body)
    if not len(body):  # the schema wants one element at least; the text had no body we could read
        add(add(add(body, "hcontainer", {"eId": ids.counted("", "hcontainer"), "name": "unread"}), "content"), "p")
    _conclusions(act, resolution, writer, referents)
    _attachments(act, resolution, writer, referents)
    # <meta> last, though it comes first: it says which targets the text above could mark.
    act.insert(0, build_meta(resolution, referents))
    return root


def _written(resolution: models.Resolution, field: str, value: str) -> str:
    """A header field as the text writes it (where the header records its span), else its value."""
    span = resolution.header.spans.get(field)
    written = " ".join(resolution.text[span.start:span.end].split()) if span else ""
    return written or value


def _preface(act: ET.Element, resolution: models.Resolution) -> None:
    header = resolution.header
    preface = element("preface")
    if header.issuer:
        # The model's name: the issuer's lines often share theirs with the national motto.
        add(add(preface, "p", {"class": "issuer"}), "docProponent", text=header.issuer.name)
    if header.number:
        add(add(preface, "p", {"class": "number"}), "docNumber", text=header.number)
    if header.date or header.place:
        line = add(preface, "p", {"class": "placeAndDate"})
        if header.place:
            append(line, _written(resolution, "place", header.place) + (", " if header.date else ""))
        if header.date:
            written = _written(resolution, "date", header.date)
            if header.date.count("-") == 2:
                add(line, "docDate", {"date": full_date(header.date)}, text=written)
            else:  # docDate needs a whole date; a month or year alone stays text
                write_text(line, written)
    if header.document_type:
        add(add(preface, "p", {"class": "type"}), "docType",
            text=_written(resolution, "document_type", header.document_type))
    if header.title:
        add(add(preface, "p", {"class": "title"}), "docTitle", text=header.title)
    if header.term or header.session is not None:
        line = add(preface, "p", {"class": "session"})
        if header.term:
            add(line, "legislature", {"value": header.term}, text=_written(resolution, "term", header.term))
        if header.session is not None:
            append(line, ", " if header.term else "")
            add(line, "session", {"value": header.session},
                text=_written(resolution, "session", str(header.session)))
    if len(preface):
        act.append(preface)


def _preamble(act: ET.Element, resolution: models.Resolution, writer: Writer) -> None:
    preamble = element("preamble")
    for paragraphs, group, item, tag in ((resolution.legal_bases, "citations", "cit", "citation"),
                                         (resolution.considerations, "recitals", "rec", "recital")):
        if not paragraphs:
            continue
        group_id = writer.ids.make("", item + "s", "1")
        holder = add(preamble, group, {"eId": group_id})
        for number, paragraph in enumerate(paragraphs, start=1):
            eid = writer.ids.make(group_id, item, str(number))
            writer.text(add(add(holder, tag, {"eId": eid}), "p"), paragraph.span.start, paragraph.span.end,
                        paragraph.text, eid)
    formula = resolution.enacting_formula
    if formula:
        eid = writer.ids.unique("formula_1")
        writer.text(add(add(preamble, "formula", {"eId": eid, "name": "enactingFormula"}), "p"),
                    formula.span.start, formula.span.end, formula.text, eid)
    if len(preamble):
        act.append(preamble)


def _conclusions(act: ET.Element, resolution: models.Resolution, writer: Writer, referents: Referents) -> None:
    closing = resolution.closing
    conclusions = element("conclusions")
    if closing.adoption:
        writer.text(add(conclusions, "p", {"class": "adoption"}), closing.adoption.span.start,
                    closing.adoption.span.end, closing.adoption.text, "conclusions")
    if closing.signature:
        _signature(add(add(conclusions, "p", {"class": "signature"}), "signature"), closing.signature, referents)
    for name, lines in (("recipients", [(line.span, line.text) for line in closing.recipients]),
                        ("footnotes", [(note.span, note.text) for note in resolution.footnotes])):
        if lines:
            container = add(conclusions, "container", {"eId": writer.ids.unique(name), "name": name})
            for span, text in lines:
                writer.text(add(container, "p"), span.start, span.end, text, container.get("eId", ""))
    if len(conclusions):
        act.append(conclusions)


def _signature(signature: ET.Element, signed: models.Signature, referents: Referents) -> None:
    """'TM. Hội đồng nhân dân' as text, the role and the signer as <role> and <person>."""
    write_text(signature, " ".join(filter(None, (signed.authority, signed.body))))
    for tag, value, eid in (("role", signed.role, referents.role), ("person", signed.person, referents.person)):
        if value and eid:
            if signature.text or len(signature):
                append(signature, " ")
            add(signature, tag, {"refersTo": f"#{eid}"}, text=value)


def _attachments(act: ET.Element, resolution: models.Resolution, writer: Writer, referents: Referents) -> None:
    """Attached documents, then appendices, each an <attachment> holding a <doc>."""
    parts: list[tuple[str, str | None, str | None, str | None, list[models.Node], models.Span]] = [
        (slug(document.document_type) or "van-ban-kem-theo", document.document_type, document.title,
         document.caption, document.body, document.span) for document in resolution.attachments]
    parts += [("phu-luc", None, appendix.title, appendix.caption, appendix.body, appendix.span)
              for appendix in resolution.appendices]
    if not parts:
        return
    attachments = add(act, "attachments")
    for number, (name, kind, title, caption, nodes, span) in enumerate(parts, start=1):
        eid = writer.ids.make("", "att", str(number))
        doc = add(add(attachments, "attachment", {"eId": eid}), "doc", {"name": name})
        doc.append(build_meta(resolution, referents, component=eid, title=title))
        preface = add(doc, "preface")
        for css, tag, value in (("type", "docType", kind), ("title", "docTitle", title), ("caption", None, caption)):
            if value:
                line = add(preface, "p", {"class": css})
                write_text(add(line, tag) if tag else line, value)
        if not len(preface):
            doc.remove(preface)
        main = add(doc, "mainBody")
        writer.nodes(main, nodes, eid)
        if not len(main):
            _lines(main, writer, span, eid)


def _lines(holder: ET.Element, writer: Writer, span: models.Span, holder_id: str) -> None:
    """A part without a tree: each line of its text a paragraph (at least one, empty if need be)."""
    start = span.start
    for line in writer.original[span.start:span.end].split("\n"):
        if line.strip():
            write_original(add(holder, "p"), writer.original, start, start + len(line), writer.marks, holder_id)
        start += len(line) + 1
    if not len(holder):
        add(holder, "p")
