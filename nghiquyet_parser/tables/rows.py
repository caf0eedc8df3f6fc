"""One resolution's rows of every table, as plain dicts keyed by `columns`.

Pure functions of the output models (no pandas here): `build.py` turns the rows of many
documents into typed frames. Every fact row starts with the document's key columns
(`columns.DOCUMENT_KEY`), so a table answers questions on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, NamedTuple, Optional

from .. import models
from ..catalog import CATALOG, CatalogRecord, Conflict, MergedKey, merge_key
from ..catalog.merge import issuer_unit
from ..gazetteer import AreaCodes, Gazetteer, area_codes
from .periods import read_period, split_baseline


class NamedResolution(NamedTuple):
    """A resolution with the id its rows carry (and, from a batch, where its JSON is, and its catalogue row)."""

    document: str
    resolution: models.Resolution
    json_path: Optional[str] = None
    catalog: Optional[CatalogRecord] = None


class Citation(NamedTuple):
    where: str  # "legal_basis" | "consideration" | "text"
    document: models.CitedDocument


def document_label(resolution: models.Resolution) -> str:
    """How a lone resolution is named in a table: its file name, else its number."""
    if resolution.source.path:
        return Path(resolution.source.path).name
    return resolution.header.number or "<text>"


def year_of(date: Optional[str]) -> Optional[int]:
    return int(date[:4]) if date else None  # ISO dates, partial or whole, start with the year


def iter_citations(resolution: models.Resolution) -> Iterator[Citation]:
    """Every cited document once: those of the 'Căn cứ'/'Xét' paragraphs, then the rest.

    The citing paragraphs and `cited_documents` may list the same citation; the
    span decides whether two entries are one.
    """
    seen: set[tuple[int, int]] = set()
    sources = [
        *(("legal_basis", paragraph.documents) for paragraph in resolution.legal_bases),
        *(("consideration", paragraph.documents) for paragraph in resolution.considerations),
        ("text", resolution.cited_documents),
    ]
    for where, documents in sources:
        for cited in documents:
            key = (cited.span.start, cited.span.end)
            if key not in seen:
                seen.add(key)
                yield Citation(where, cited)


def issuer_area(resolution: models.Resolution, key: MergedKey) -> AreaCodes:
    """The codes of the issuer's unit, as the place linker finds them (gazetteer.area_of): of the
    unit the text names, else of the one the catalogue's issuer ends with."""
    issuer = resolution.header.issuer
    if key.sources["issuer"] == CATALOG:
        unit = issuer_unit(key.values["issuer"])
    else:
        unit = (issuer.unit_type, issuer.locality) if issuer and issuer.unit_type and issuer.locality else None
    if unit is None:
        return AreaCodes()
    found = Gazetteer.load().area_of(*unit, level=key.values["issuer_level"], date=key.values["date"])
    return area_codes(found)


def merged_key(named: NamedResolution) -> MergedKey:
    """Issuer, level, number and date as the text says them, else as the catalogue row does."""
    resolution = named.resolution
    issuer = resolution.header.issuer
    read = {"issuer": issuer.name if issuer else None, "issuer_level": issuer.level if issuer else None,
            "number": resolution.header.number, "date": resolution.date()}
    return merge_key(named.document, read, named.catalog)


def catalog_conflicts(named: NamedResolution) -> list[Conflict]:
    return merged_key(named).conflicts


def document_key(named: NamedResolution) -> dict:
    key = merged_key(named)
    values, sources = key.values, key.sources
    area = issuer_area(named.resolution, key)
    return {
        "document": named.document,
        "source_path": named.resolution.source.path,
        "issuer": values["issuer"],
        "issuer_level": values["issuer_level"],
        "issuer_province_code": area.province_code,
        "issuer_district_code": area.district_code,
        "issuer_commune_code": area.commune_code,
        "number": values["number"],
        "date": values["date"],
        "year": year_of(values["date"]),
        **{f"{field}_source": source for field, source in sources.items()},
    }


def span_columns(span: Optional[models.Span]) -> dict:
    return {"span_start": span.start if span else None, "span_end": span.end if span else None}


def target_row(target: models.Target) -> dict:
    change = target.change
    period = read_period(target.period)
    baseline = split_baseline(target.baseline)
    return {
        **target.model_dump(include={
            "article", "path", "indicator", "value", "value_max", "unit", "normalised_value", "normalised_max",
            "base_unit", "comparator", "kind", "status", "baseline", "price_basis", "period", "scope",
        }),
        "change_direction": change.direction if change else None,
        "change_value": change.value if change else None,
        "change_unit": change.unit if change else None,
        "baseline_year": baseline.year,
        "baseline_value": baseline.value,
        "baseline_unit": baseline.unit,
        "period_start": period.start,
        "period_end": period.end,
        "target_year": period.target_year,
        **span_columns(target.span),
    }


def place_row(place: models.Place) -> dict:
    successor = place.successor
    return {
        **place.model_dump(include={"name", "type", "code", "is_administrative_unit", "code_note", "evidence"}),
        "parents": models.PATH_SEPARATOR.join(f"{ref.type} {ref.name}" for ref in place.parents),
        "parent_codes": models.PATH_SEPARATOR.join(ref.code or "" for ref in place.parents),
        "successor_name": successor.name if successor else None,
        "successor_code": successor.code if successor else None,
        "mentions": len(place.spans),
        **span_columns(place.spans[0] if place.spans else None),
    }


def citation_row(citation: Citation) -> dict:
    cited = citation.document
    return {
        "where": citation.where,
        "cited_type": cited.type,
        "cited_number": cited.number,
        "cited_date": cited.date,
        "cited_issuer": cited.issuer,
        "cited_title": cited.title,
        "cited_name": cited.name,
        **span_columns(cited.span),
    }


def quantity_row(quantity: models.Quantity) -> dict:
    return {
        **quantity.model_dump(include={
            "text", "value", "value_max", "unit", "normalised_value", "normalised_max", "base_unit",
            "approximate", "decision", "reason", "rule",
        }),
        **span_columns(quantity.span),
    }


def document_row(named: NamedResolution, key: dict, counts: dict[str, int]) -> dict:
    resolution = named.resolution
    header, source = resolution.header, resolution.source
    adoption = resolution.closing.adoption
    issuer = header.issuer
    return {
        **key,
        "json_path": named.json_path,
        **source.model_dump(include={"format", "encoding", "sha256", "parser_version"}),
        **header.model_dump(include={"document_type", "title", "term", "session", "session_kind"}),
        "issuer_unit_type": issuer.unit_type if issuer else None,
        "issuer_locality": issuer.locality if issuer else None,
        "header_date": header.date,
        "adoption_date": adoption.date if adoption else None,
        "effective_date": adoption.effective_date if adoption else None,
        "n_articles": len(resolution.articles()),
        "n_attachments": len(resolution.attachments),
        "n_appendices": len(resolution.appendices),
        **{f"n_{table}": count for table, count in counts.items()},
        "n_warnings": len(resolution.warnings),
    }


def rows_of(named: NamedResolution) -> dict[str, list[dict]]:
    """Every table's rows for one resolution: {'documents': [one row], 'targets': [...], ...}."""
    resolution = named.resolution
    key = document_key(named)
    facts = {
        "targets": [target_row(target) for target in resolution.targets],
        "places": [place_row(place) for place in resolution.places],
        "citations": [citation_row(citation) for citation in iter_citations(resolution)],
        "quantities": [quantity_row(quantity) for quantity in resolution.quantities],
    }
    counts = {table: len(rows) for table, rows in facts.items()}
    return {
        "documents": [document_row(named, key, counts)],
        **{table: [{**key, **row} for row in rows] for table, rows in facts.items()},
    }
