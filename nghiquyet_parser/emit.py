"""Stage 5: assemble the output model and write it out (JSON, or the GOLD.md view)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from . import models
from .read import RawDocument
from .segment import Structure

if TYPE_CHECKING:  # not at run time: extract imports spaCy, and `nghiquyet schema` needs only the models
    from .extract import Knowledge


def assemble(raw: RawDocument, structure: Structure, knowledge: Knowledge) -> models.Resolution:
    return models.Resolution(
        source=raw.source,
        text=raw.text,
        header=structure.header,
        legal_bases=structure.legal_bases,
        considerations=structure.considerations,
        enacting_formula=structure.enacting_formula,
        body=structure.body,
        attachments=structure.attachments,
        closing=structure.closing,
        footnotes=structure.footnotes,
        appendices=structure.appendices,
        targets=knowledge.targets,
        places=knowledge.places,
        cited_documents=knowledge.cited_documents,
        quantities=knowledge.quantities,
        warnings=[*raw.warnings, *structure.warnings, *knowledge.warnings],
    )


def to_json(resolution: models.Resolution, *, indent: int | None = 2, include_text: bool = True) -> str:
    exclude = None if include_text else {"text"}
    return resolution.model_dump_json(indent=indent, exclude=exclude)


def schema() -> dict:
    """The JSON Schema of `Resolution`, as published in schemas/resolution.schema.json."""
    document = models.Resolution.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    # No $id: the schema has no published address, and an invented one would mislead.
    return document


def schema_json() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


def to_gold(resolution: models.Resolution, document: str | None = None) -> dict:
    """The GOLD.md view of a result (see ../shared/corpus/GOLD.md): what `nghiquyet eval` scores."""
    header = resolution.header
    date = resolution.date()  # GOLD.md: the header's signing date, else the adoption date
    return {
        "document": document if document is not None else _document_name(resolution),
        "header": {
            "issuer": header.issuer.name if header.issuer else None,
            "issuer_level": header.issuer.level if header.issuer else None,
            "number": header.number,
            "date": date,
            "term": header.term,
            "session": header.session,
            "title": header.title,
        },
        "legal_bases": _gold_citations(resolution.legal_bases),
        "considerations": _gold_citations(resolution.considerations),
        "articles": [_gold_article(node) for node in resolution.articles()],
        "targets": [_gold_target(target) for target in resolution.targets],
        "places": [{"name": place.name, "type": place.type} for place in resolution.places],
    }


def _document_name(resolution: models.Resolution) -> str | None:
    path = resolution.source.path
    return path.replace("\\", "/").rsplit("/", 1)[-1] if path else None


def _gold_citations(paragraphs: list[models.CitingParagraph]) -> list[str]:
    """Each cited document by its number, else by its name as written (date included)."""
    return [document.number or document.name for paragraph in paragraphs for document in paragraph.documents]


def _gold_article(node: models.Node) -> dict:
    number: int | str | None = node.number
    if number is not None and number.isdigit():
        number = int(number)
    return {"number": number, "title": node.heading}


def _gold_target(target: models.Target) -> dict:
    return {
        "indicator": target.indicator,
        "value": target.value,
        "value_max": target.value_max,
        "unit": target.unit,
        "comparator": target.comparator,
        "kind": target.kind,
        "status": target.status,
        "change": target.change.model_dump() if target.change else None,
        "baseline": target.baseline,
        "price_basis": target.price_basis,
        "article": target.article,
    }
