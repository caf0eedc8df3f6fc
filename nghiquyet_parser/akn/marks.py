"""What the text refers to: the references (TLCs) of the metadata and the inline marks
that point at them (targets, places, cited documents).

A target with a value is a <quantity>; a qualitative one ('đạt chuẩn nông thôn mới') a
<concept>: both point with refersTo at the target's TLCConcept, whose values are in the
proprietary metadata (`meta.py`). A place is a <location> pointing at its TLCLocation; a
cited document a <ref> with the FRBR-style URI of the work it names (`names.cited_uri`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import models
from .inline import Mark, Marks
from .names import COUNTRY, ElementIds, cited_uri, issuer_id, slug

PARSER_ID = "nghiquyet"  # the agent that wrote this document: every source="#nghiquyet"


@dataclass(frozen=True)
class Reference:
    """One TLC element of <references>."""

    tag: str  # TLCOrganization, TLCPerson, TLCRole, TLCLocation, TLCConcept
    eid: str
    href: str
    show_as: str


@dataclass
class Referents:
    """The references and the marks, with the ids the rest of the document uses."""

    references: list[Reference]
    marks: Marks
    target_ids: list[str]  # eId of the TLCConcept of each target, in `Resolution.targets` order
    issuer: str  # eId of the issuer's TLCOrganization
    person: str | None  # of the signer's TLCPerson
    role: str | None  # of the signer's TLCRole


def collect(resolution: models.Resolution, ids: ElementIds) -> Referents:
    issuer = resolution.header.issuer
    references = [
        Reference("TLCOrganization", ids.unique(PARSER_ID), "/ontology/organization/nghiquyet-parser",
                  "nghiquyet-parser"),
        Reference("TLCOrganization", ids.unique(issuer_id(resolution)),
                  f"/ontology/organization/{COUNTRY}/{issuer_id(resolution)}",
                  issuer.name if issuer else "unknown issuer"),
    ]
    signature = resolution.closing.signature
    person = _named(references, ids, "TLCPerson", "person", signature.person if signature else None)
    role = _named(references, ids, "TLCRole", "role", signature.role if signature else None)
    marks: list[Mark] = []
    target_ids = _targets(resolution.targets, references, marks, ids)
    _places(resolution.places, references, marks, ids)
    _citations(resolution, marks)
    return Referents(references, Marks(marks), target_ids, references[1].eid, person, role)


def _named(references: list[Reference], ids: ElementIds, tag: str, kind: str, name: str | None) -> str | None:
    if not name:
        return None
    eid = ids.unique(slug(name) or kind)
    references.append(Reference(tag, eid, f"/ontology/{kind}/{COUNTRY}/{slug(name) or kind}", name))
    return eid


def _targets(targets: list[models.Target], references: list[Reference], marks: list[Mark],
             ids: ElementIds) -> list[str]:
    target_ids = []
    for index, target in enumerate(targets, start=1):
        eid = ids.unique(f"tgt_{index}")
        target_ids.append(eid)
        references.append(Reference("TLCConcept", eid, f"/ontology/concept/{COUNTRY}/chi-tieu/"
                                    f"{slug(target.indicator) or 'khong-ten'}", target.indicator or eid))
        attributes = {"refersTo": f"#{eid}"}
        if target.value is not None:
            attributes["normalized"] = normalized(target)
        marks.append(Mark(target.span.start, target.span.end, "quantity" if target.value is not None else "concept",
                          attributes, key=eid))
    return target_ids


def normalized(target: models.Target) -> str:
    """'55600000 đồng', '0.065-0.07 ratio': the value in base units where known, else as written."""
    if target.normalised_value is not None:
        low, high, unit = target.normalised_value, target.normalised_max, target.base_unit
    else:
        low, high, unit = target.value, target.value_max, target.unit
    amount = f"{number(low)}-{number(high)}" if high is not None else number(low)
    return " ".join(filter(None, (amount, unit)))


def number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else repr(value)


def _places(places: list[models.Place], references: list[Reference], marks: list[Mark], ids: ElementIds) -> None:
    for place in places:
        key = place.code or slug(f"{place.type} {place.name}") or "noi"
        eid = ids.unique(f"loc_{key}")
        references.append(Reference("TLCLocation", eid, f"/ontology/location/{COUNTRY}/{key}",
                                    f"{place.type} {place.name}"))
        marks.extend(Mark(span.start, span.end, "location", {"refersTo": f"#{eid}"}) for span in place.spans)


def _citations(resolution: models.Resolution, marks: list[Mark]) -> None:
    """Every cited document once, though the legal bases and `cited_documents` both list it."""
    seen: set[tuple[int, int]] = set()
    documents = [*resolution.cited_documents,
                 *(document for paragraph in (*resolution.legal_bases, *resolution.considerations)
                   for document in paragraph.documents)]
    for document in documents:
        where = (document.span.start, document.span.end)
        if where not in seen:
            seen.add(where)
            marks.append(Mark(*where, "ref", {"href": cited_uri(document)}))
