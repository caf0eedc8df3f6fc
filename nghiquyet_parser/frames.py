"""Parsed resolutions as pandas DataFrames, for notebooks and quick analysis.

Every frame function here is a pure function of `models` objects: it never parses, so
a caller can feed it resolutions from `parse()`, from JSON files written by
`nghiquyet batch` (`load_json_folder`), or hand-built models; `parse_folder` is the
one that parses.

    >>> from nghiquyet_parser import frames
    >>> folder = frames.parse_folder("corpus")
    >>> frames.targets_frame(folder.resolutions).groupby("unit").size()
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, Optional, TypeVar, Union

import pandas
import spacy
import spacy.tokens
from pydantic import ValidationError

from . import models
from .errors import InputError
from .pipeline import parse

PREVIEW_CHARS = 80  # enough of a node's text to recognise it in a table or tree

TARGET_COLUMNS = [
    "document", "issuer", "year", "article", "path", "indicator", "value", "value_max", "unit",
    "normalised_value", "base_unit", "comparator", "kind", "status", "change_direction",
    "change_value", "change_unit", "baseline", "price_basis", "period", "span_start", "span_end",
]
PLACE_COLUMNS = [
    "document", "name", "type", "code", "parents", "successor_name", "successor_code", "mentions",
]
STRUCTURE_COLUMNS = [
    "region", "depth", "kind", "marker", "number", "path", "heading", "text", "span_start", "span_end",
]
CITATION_COLUMNS = [
    "document", "where", "type", "number", "date", "issuer", "title", "name", "span_start", "span_end",
]
WARNING_COLUMNS = ["document", "code", "message", "excerpt", "span_start", "span_end"]


Fact = TypeVar("Fact")


def _frame(rows: list[dict], columns: list[str]) -> pandas.DataFrame:
    # Explicit columns keep the frame's shape when there are no rows, so code
    # like frame[frame.unit == "%"] works on an empty corpus too.
    return pandas.DataFrame(rows, columns=columns)


def _fact_rows(
    resolutions: Iterable[models.Resolution],
    facts: Callable[[models.Resolution], Iterable[Fact]],
    row: Callable[[models.Resolution, Fact], dict],
) -> list[dict]:
    """One row per fact of every resolution, each named by its document."""
    return [
        {"document": document_label(resolution), **row(resolution, fact)}
        for resolution in resolutions
        for fact in facts(resolution)
    ]


# --------------------------------------------------------------------------- document facts


def document_label(resolution: models.Resolution) -> str:
    """How a resolution is named in a table: its file name, else its number."""
    if resolution.source.path:
        return Path(resolution.source.path).name
    return resolution.header.number or "<text>"


def issuer_name(resolution: models.Resolution) -> Optional[str]:
    issuer = resolution.header.issuer
    return issuer.name if issuer else None


def adoption_year(resolution: models.Resolution) -> Optional[int]:
    """The year of the header date, else of the adoption clause (ISO dates start with it)."""
    adoption = resolution.closing.adoption
    for date in (resolution.header.date, adoption.date if adoption else None):
        if date:
            return int(date[:4])
    return None


def _span_columns(span: Optional[models.Span]) -> dict:
    return {"span_start": span.start if span else None, "span_end": span.end if span else None}


# --------------------------------------------------------------------------- frames


def targets_frame(resolutions: Iterable[models.Resolution]) -> pandas.DataFrame:
    """One row per target of every resolution."""
    rows = []
    for resolution in resolutions:
        document = {
            "document": document_label(resolution),
            "issuer": issuer_name(resolution),
            "year": adoption_year(resolution),
        }
        for target in resolution.targets:
            change = target.change
            rows.append(
                {
                    **document,
                    **target.model_dump(
                        include={
                            "article", "path", "indicator", "value", "value_max", "unit",
                            "normalised_value", "base_unit", "comparator", "kind", "status",
                            "baseline", "price_basis", "period",
                        }
                    ),
                    "change_direction": change.direction if change else None,
                    "change_value": change.value if change else None,
                    "change_unit": change.unit if change else None,
                    **_span_columns(target.span),
                }
            )
    frame = _frame(rows, TARGET_COLUMNS)
    # Nullable integers: a document without a date must not turn every year into a float.
    return frame.astype({"year": "Int64", "article": "Int64", "span_start": "Int64", "span_end": "Int64"})


def _place_ref_label(ref: models.PlaceRef) -> str:
    return f"{ref.type} {ref.name}"


def _place_row(resolution: models.Resolution, place: models.Place) -> dict:
    successor = place.successor
    return {
        "name": place.name,
        "type": place.type,
        "code": place.code,
        "parents": models.PATH_SEPARATOR.join(_place_ref_label(ref) for ref in place.parents),
        "successor_name": successor.name if successor else None,
        "successor_code": successor.code if successor else None,
        "mentions": len(place.spans),
    }


def places_frame(resolutions: Iterable[models.Resolution]) -> pandas.DataFrame:
    """One row per place of every resolution; `parents` reads 'huyện X › tỉnh Y'."""
    return _frame(_fact_rows(resolutions, lambda resolution: resolution.places, _place_row), PLACE_COLUMNS)


class _Citation(NamedTuple):
    where: str  # "legal_basis" | "consideration" | "text"
    document: models.CitedDocument


def iter_citations(resolution: models.Resolution) -> Iterator[_Citation]:
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
                yield _Citation(where, cited)


def _citation_row(resolution: models.Resolution, citation: _Citation) -> dict:
    return {
        "where": citation.where,
        **citation.document.model_dump(include={"type", "number", "date", "issuer", "title", "name"}),
        **_span_columns(citation.document.span),
    }


def citations_frame(resolutions: Iterable[models.Resolution]) -> pandas.DataFrame:
    """One row per cited document of every resolution, with where it is cited."""
    return _frame(_fact_rows(resolutions, iter_citations, _citation_row), CITATION_COLUMNS)


def _warning_row(resolution: models.Resolution, warning: models.ParseWarning) -> dict:
    span = warning.span
    return {
        "code": warning.code,
        "message": warning.message,
        "excerpt": resolution.text[span.start : span.end] if span else "",
        **_span_columns(span),
    }


def warnings_frame(resolutions: Iterable[models.Resolution]) -> pandas.DataFrame:
    """One row per warning, with the text it points at (empty when it has no span)."""
    return _frame(_fact_rows(resolutions, lambda resolution: resolution.warnings, _warning_row), WARNING_COLUMNS)


# --------------------------------------------------------------------------- structure


class _PlacedNode(NamedTuple):
    region: str
    depth: int
    node: models.Node


def _walk(nodes: list[models.Node], region: str, depth: int = 0) -> Iterator[_PlacedNode]:
    for node in nodes:
        yield _PlacedNode(region, depth, node)
        yield from _walk(node.children, region, depth + 1)


def iter_nodes(resolution: models.Resolution) -> Iterator[_PlacedNode]:
    """Every node in document order: the body, then each attachment, then each appendix."""
    yield from _walk(resolution.body, "body")
    for attachment in resolution.attachments:
        yield from _walk(attachment.body, "attachment")
    for appendix in resolution.appendices:
        yield from _walk(appendix.body, "appendix")


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[: PREVIEW_CHARS - 1] + "…"


def structure_frame(resolution: models.Resolution) -> pandas.DataFrame:
    """One row per node of the resolution's tree(s), in document order."""
    rows = [
        {
            "region": placed.region,
            "depth": placed.depth,
            "kind": placed.node.kind,
            "marker": placed.node.marker,
            "number": placed.node.number,
            "path": placed.node.path,
            "heading": placed.node.heading,
            "text": _preview(placed.node.text),
            **_span_columns(placed.node.span),
        }
        for placed in iter_nodes(resolution)
    ]
    return _frame(rows, STRUCTURE_COLUMNS)


def _node_line(node: models.Node) -> str:
    label = node.marker or node.kind
    if node.kind == "table" and node.rows is not None:
        return f"{label} [{len(node.rows)} rows]"
    words = node.heading or _preview(node.text)
    return f"{label} {words}".rstrip()


def tree_text(resolution: models.Resolution, indent: str = "  ") -> str:
    """An indented outline of the resolution: title line, then one line per node."""
    header = resolution.header
    title_parts = [header.document_type, header.number, header.title]
    lines = [" ".join(part for part in title_parts if part) or document_label(resolution)]
    region = "body"
    for placed in iter_nodes(resolution):
        if placed.region != region:  # mark where the attachments and appendices start
            region = placed.region
            lines.append(f"[{region}]")
        lines.append(indent * (placed.depth + 1) + _node_line(placed.node))
    return "\n".join(lines)


# --------------------------------------------------------------------------- spans over the text


SPAN_GROUPS = ("targets", "places", "citations")


def _fact_spans(resolution: models.Resolution) -> dict[str, list[tuple[models.Span, str]]]:
    """(span, label) per displayed group: what displaCy should underline, and with what name."""
    return {
        "targets": [(target.span, target.status.upper()) for target in resolution.targets],
        "places": [(span, place.type.upper()) for place in resolution.places for span in place.spans],
        "citations": [
            (citation.document.span, (citation.document.type or "DOC").upper())
            for citation in iter_citations(resolution)
        ],
    }


def spans_doc(
    resolution: models.Resolution, start: int = 0, end: Optional[int] = None
) -> spacy.tokens.Doc:
    """A spaCy Doc over the original text (or its [start, end) window) with the facts as span groups.

    `doc.spans["targets"|"places"|"citations"]` follow the Resolution's own spans, so
    `spacy.displacy.render(doc, style="span", options={"spans_key": "targets"})`
    shows exactly what the JSON says; re-running the extraction pipeline would work on
    normalised text and could disagree with the output. A blank multilingual tokenizer
    is enough: spans are widened to token boundaries (alignment_mode="expand") only for
    display. Facts not wholly inside the window are left out; `doc.spans["facts"]` holds
    all groups together, for one combined rendering.
    """
    end = len(resolution.text) if end is None else end
    nlp = spacy.blank("xx")
    nlp.max_length = max(nlp.max_length, end - start + 1)
    doc = nlp(resolution.text[start:end])
    for group, spans in _fact_spans(resolution).items():
        doc.spans[group] = [
            aligned
            for span, label in spans
            if start <= span.start and span.end <= end
            and (aligned := doc.char_span(span.start - start, span.end - start, label=label, alignment_mode="expand"))
            is not None
        ]
    doc.spans["facts"] = sorted(
        (span for group in SPAN_GROUPS for span in doc.spans[group]), key=lambda s: (s.start, s.end)
    )
    return doc


# --------------------------------------------------------------------------- folders


class ParseError(NamedTuple):
    path: str
    problem: str


class ParsedFolder(NamedTuple):
    resolutions: list[models.Resolution]
    errors: list[ParseError]


def _matching_files(folder: Union[str, Path], pattern: str) -> list[Path]:
    """The files of `folder` matching `pattern`, sorted so row order is stable across runs."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(root, "is not a folder")
    return sorted(path for path in root.glob(pattern) if path.is_file())


def parse_folder(folder: Union[str, Path], pattern: str = "*.txt") -> ParsedFolder:
    """Parse every file matching `pattern` in `folder` (sorted); failures are collected.

    A research corpus always holds a few broken files; one of them must not stop the
    other thousand, so every exception becomes a `ParseError` row instead of a raise.
    `nghiquyet batch` is the tool for archives (parallel, resumable); this is the
    in-memory version a notebook wants.
    """
    resolutions: list[models.Resolution] = []
    errors: list[ParseError] = []
    for path in _matching_files(folder, pattern):
        try:
            resolutions.append(parse(path))
        except InputError as problem:
            errors.append(ParseError(str(path), problem.problem))
        except Exception as problem:  # a parser bug on one file: report it, keep going
            errors.append(ParseError(str(path), f"{type(problem).__name__}: {problem}"))
    return ParsedFolder(resolutions, errors)


def load_json_folder(folder: Union[str, Path], pattern: str = "*.json") -> ParsedFolder:
    """Read back the per-document JSON files `nghiquyet batch` wrote (files that fail validation are collected).

    Re-parsing a large archive for every analysis is slow; its JSON already holds every span.
    """
    resolutions: list[models.Resolution] = []
    errors: list[ParseError] = []
    for path in _matching_files(folder, pattern):
        try:
            resolutions.append(models.Resolution.model_validate_json(path.read_bytes()))
        except ValidationError as problem:
            errors.append(ParseError(str(path), f"not a resolution JSON: {problem.error_count()} schema errors"))
        except OSError as problem:
            errors.append(ParseError(str(path), f"cannot be read: {problem.strerror}"))
    return ParsedFolder(resolutions, errors)


def errors_frame(errors: Iterable[ParseError]) -> pandas.DataFrame:
    return _frame([error._asdict() for error in errors], list(ParseError._fields))
