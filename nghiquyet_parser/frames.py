"""Parsed resolutions as pandas DataFrames, for notebooks and quick analysis.

Every frame function here is a pure function of `models` objects: it never parses, so
a caller can feed it resolutions from `parse()`, from a batch's output
(`load_results(OUT).resolutions`), or hand-built models. The targets, places and
citations frames are the batch's tables (`nghiquyet_parser.tables`, documented in
TABLES.md), each resolution named by its file name; `load_results(OUT).tables()` gives
all five tables with the batch's document ids.

    >>> from nghiquyet_parser import frames, load_results
    >>> frames.targets_frame(load_results("out").resolutions).groupby("unit").size()
"""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple, Optional

import pandas
import spacy
import spacy.tokens

from . import models
from .folders import ParseError, Results, load_results, parse_folder  # noqa: F401 - parse_folder: the frames API
from .tables import NamedResolution, Tables, build_tables, document_label, iter_citations
from .tables.columns import names
from .tables.rows import span_columns

PREVIEW_CHARS = 80  # enough of a node's text to recognise it in a table or tree

TARGET_COLUMNS = names("targets")
PLACE_COLUMNS = names("places")
CITATION_COLUMNS = names("citations")
STRUCTURE_COLUMNS = [
    "region", "depth", "kind", "marker", "number", "path", "heading", "text", "span_start", "span_end",
]
WARNING_COLUMNS = ["document", "code", "message", "excerpt", "span_start", "span_end"]


def _frame(rows: list[dict], columns: list[str]) -> pandas.DataFrame:
    # Explicit columns keep the frame's shape when there are no rows, so code
    # like frame[frame.code == "x"] works on an empty corpus too.
    return pandas.DataFrame(rows, columns=columns)


def tables_of(resolutions: Iterable[models.Resolution]) -> Tables:
    """The batch's five tables for these resolutions, each named by its file name (else its number)."""
    return build_tables(NamedResolution(document_label(resolution), resolution) for resolution in resolutions)


def targets_frame(resolutions: Iterable[models.Resolution]) -> pandas.DataFrame:
    """One row per target of every resolution: the batch's targets table."""
    return tables_of(resolutions).targets


def places_frame(resolutions: Iterable[models.Resolution]) -> pandas.DataFrame:
    """One row per place of every resolution; `parents` reads 'huyện X › tỉnh Y'."""
    return tables_of(resolutions).places


def citations_frame(resolutions: Iterable[models.Resolution]) -> pandas.DataFrame:
    """One row per cited document of every resolution, with where it is cited."""
    return tables_of(resolutions).citations


def _warning_row(resolution: models.Resolution, warning: models.ParseWarning) -> dict:
    span = warning.span
    return {
        "code": warning.code,
        "message": warning.message,
        "excerpt": resolution.text[span.start : span.end] if span else "",
        **span_columns(span),
    }


def warnings_frame(resolutions: Iterable[models.Resolution]) -> pandas.DataFrame:
    """One row per warning, with the text it points at (empty when it has no span)."""
    rows = [
        {"document": document_label(resolution), **_warning_row(resolution, warning)}
        for resolution in resolutions
        for warning in resolution.warnings
    ]
    return _frame(rows, WARNING_COLUMNS)


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
            **span_columns(placed.node.span),
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

# Folders are read by `folders` (parse_folder, load_results); the names below keep the
# frames API of earlier versions working.
ParsedFolder = Results
load_json_folder = load_results


def errors_frame(errors: Iterable[ParseError]) -> pandas.DataFrame:
    return _frame([error._asdict() for error in errors], list(ParseError._fields))
