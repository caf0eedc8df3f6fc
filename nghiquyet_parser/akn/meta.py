"""<meta>: the FRBR identification, the references (TLCs) and the parser's proprietary
metadata (each target's values, linked to its TLCConcept and to where it is marked)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Optional

from .. import models
from .elements import add, add_qualified, element, nq
from .marks import Referents, number
from .names import COUNTRY, LANGUAGE, NULL_DATE, expression_uri, full_date, slug, work_uri

MANIFESTATION_FORMAT = "application/akn+xml"


def identification_dates(resolution: models.Resolution) -> tuple[str, str]:
    """The work's date for FRBRdate (a full xsd:date) and what it is: the signing date of the
    header, else the adoption date; 'month only' or 'year only' when the text gives no day."""
    header_date = resolution.header.date
    date = resolution.date()
    name = "signature" if header_date else "adoption" if date else "unknown"
    precision = {0: " (year only)", 1: " (month only)"}.get(date.count("-"), "") if date else ""
    return full_date(date) or NULL_DATE, name + precision


def build_meta(resolution: models.Resolution, referents: Referents, component: str = "main",
               title: Optional[str] = None, parser_id: str = "nghiquyet") -> ET.Element:
    """The document's <meta> (component 'main'), or an attachment's ('att_1', with its own `title`)."""
    meta = element("meta")
    identify(meta, resolution, referents.issuer, component, title or resolution.header.title, parser_id)
    if component == "main":
        references = add(meta, "references", {"source": f"#{parser_id}"})
        for reference in referents.references:
            add(references, reference.tag, {"eId": reference.eid, "href": reference.href,
                                            "showAs": reference.show_as})
        if resolution.targets:
            _proprietary(add(meta, "proprietary", {"source": f"#{parser_id}"}), resolution, referents)
    return meta


def identify(meta: ET.Element, resolution: models.Resolution, issuer: str, component: str, title: Optional[str],
             parser_id: str) -> None:
    """FRBRWork, FRBRExpression and FRBRManifestation of the document (component 'main')
    or of one of its attachments ('att_1')."""
    work = work_uri(resolution)
    expression = expression_uri(work)
    date, date_name = identification_dates(resolution)
    header = resolution.header
    identification = add(meta, "identification", {"source": f"#{parser_id}"})

    level = add(identification, "FRBRWork")
    _core(level, f"{work}/!{component}", work, date, date_name, issuer)
    add(level, "FRBRcountry", {"value": COUNTRY})
    add(level, "FRBRsubtype", {"value": slug(header.document_type) or "nghi-quyet"})
    if header.number:
        add(level, "FRBRnumber", {"value": header.number})
    if title:
        add(level, "FRBRname", {"value": title})

    level = add(identification, "FRBRExpression")
    _core(level, f"{expression}/!{component}", expression, date, date_name, issuer)
    add(level, "FRBRlanguage", {"language": LANGUAGE})

    level = add(identification, "FRBRManifestation")
    # The manifestation's date is the expression's: a run today and one tomorrow write the same file.
    _core(level, f"{expression}/!{component}.xml", f"{expression}.akn", date, date_name, parser_id)
    add(level, "FRBRformat", {"value": MANIFESTATION_FORMAT})


def _core(level: ET.Element, this: str, uri: str, date: str, date_name: str, author: str) -> None:
    add(level, "FRBRthis", {"value": this})
    add(level, "FRBRuri", {"value": uri})
    add(level, "FRBRdate", {"date": date, "name": date_name})
    add(level, "FRBRauthor", {"href": f"#{author}"})


def _proprietary(proprietary: ET.Element, resolution: models.Resolution, referents: Referents) -> None:
    """One <nq:target> per target, its attributes named as in the JSON output."""
    holder = add_qualified(proprietary, nq("targets"))
    for target, eid in zip(resolution.targets, referents.target_ids):
        placed = referents.marks.placed.get(eid)
        entry = add_qualified(holder, nq("target"), {
            "refersTo": f"#{eid}",
            "markedIn": placed,  # eId of the element whose text marks it; absent when not marked
            "parent": None if target.parent is None else f"#{referents.target_ids[target.parent]}",
            **_values(target),
        })
        if target.change is not None:
            add_qualified(entry, nq("change"), {"direction": target.change.direction,
                                                "value": number(target.change.value),
                                                "unit": target.change.unit})


def _values(target: models.Target) -> dict[str, Optional[str]]:
    return {
        "indicator": target.indicator,
        "value": number(target.value),
        "value_max": number(target.value_max),
        "unit": target.unit,
        "normalised_value": number(target.normalised_value),
        "normalised_max": number(target.normalised_max),
        "base_unit": target.base_unit,
        "comparator": target.comparator,
        "kind": target.kind,
        "status": target.status,
        "baseline": target.baseline,
        "price_basis": target.price_basis,
        "period": target.period,
        "scope": target.scope,
        "article": None if target.article is None else str(target.article),
        "path": target.path or None,
        "start": str(target.span.start),
        "end": str(target.span.end),
    }
