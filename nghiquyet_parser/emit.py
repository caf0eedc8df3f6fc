"""Stage 5: assemble the output model and write it out (JSON, or the GOLD.md view)."""

from __future__ import annotations

import json

from . import models
from .extract import Knowledge
from .read import RawDocument
from .segment import Structure


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
        warnings=[*structure.warnings, *knowledge.warnings],
    )


def to_json(resolution: models.Resolution, *, indent: int | None = 2, include_text: bool = True) -> str:
    exclude = None if include_text else {"text"}
    return resolution.model_dump_json(indent=indent, exclude=exclude)


def schema() -> dict:
    """The JSON Schema of `Resolution`, as published in schemas/resolution.schema.json."""
    document = models.Resolution.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["$id"] = "https://github.com/nghiquyet-parser/nghiquyet-parser/schemas/resolution.schema.json"
    return document


def schema_json() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


def to_gold(resolution: models.Resolution, document: str | None = None) -> dict:
    """The GOLD.md view of a result (see ../shared/corpus/GOLD.md): what `nghiquyet eval` scores."""
    raise NotImplementedError("gold view is being written (issue 2)")
