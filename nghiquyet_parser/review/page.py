"""`to_html(resolution)`: one self-contained review page of a parsed resolution.

The original text with its structure outlined and every fact highlighted; the facts'
fields travel in the page as the same JSON lists `to_json` writes, so each highlighted
element's `data-index` is its index in the JSON. Styles and script are inlined from
`data/review/` and a Content-Security-Policy forbids any fetch: the page works offline
and a document's text can never make it load anything.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .. import models
from ..models import PATH_SEPARATOR
from .marks import Mark, clamp, element, nest

_ASSETS = "nghiquyet_parser.data.review"
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
_LABEL_CHARS = 60  # longer appendix titles are cut in the outline's labels

STRUCTURE, INDICATOR = 0, 5
# The kinds of facts, in the order their elements nest when they share a range.
FACT_LAYERS = {"target": 10, "citation": 11, "place": 12, "quantity": 13}


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files(_ASSETS).joinpath(name).read_text(encoding="utf-8")


def to_html(resolution: models.Resolution) -> str:
    """The review page of `resolution`, as one HTML document."""
    header = resolution.header
    title = (" · ".join(part for part in (header.number, header.title) if part)
             or (Path(resolution.source.path).name if resolution.source.path else "document"))
    counts = _counts(resolution)
    return (
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_POLICY}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>Review: {_text(title)}</title>\n<style>\n{_asset('review.css')}</style>\n</head>\n"
        "<body>\n"
        f"{_top_bar(resolution, title, counts)}"
        "<main>\n"
        f"<article id=\"doc\" class=\"doc\">{nest(resolution.text, marks(resolution))}</article>\n"
        f"{_side(resolution)}"
        "</main>\n<div id=\"tooltip\" role=\"tooltip\" hidden></div>\n"
        f"<script type=\"application/json\" id=\"facts\">{_facts_json(resolution)}</script>\n"
        f"<script>\n{_asset('review.js')}</script>\n</body>\n</html>\n"
    )


def _text(value: object) -> str:
    return html.escape(str(value), quote=True)


def _counts(resolution: models.Resolution) -> dict[str, int]:
    return {
        "target": len(resolution.targets),
        "place": sum(len(place.spans) for place in resolution.places),
        "citation": len(resolution.cited_documents),
        "quantity": sum(q.decision == "not_target" for q in resolution.quantities),
    }


_FILTER_NAMES = {"target": "targets", "place": "place mentions", "citation": "citations",
                 "quantity": "other quantities"}


def _top_bar(resolution: models.Resolution, title: str, counts: dict[str, int]) -> str:
    header = resolution.header
    facts = [header.issuer.name if header.issuer else None, resolution.date(), resolution.source.path]
    meta = " · ".join(_text(fact) for fact in facts if fact)
    filters = "".join(
        f"<label class=\"filter f-{kind}\"><input type=\"checkbox\" data-filter=\"{kind}\" checked> "
        f"{_FILTER_NAMES[kind]} <b>{count}</b></label>"
        for kind, count in counts.items())
    filters += "<label class=\"filter\"><input type=\"checkbox\" data-filter=\"structure\" checked> structure</label>"
    return (f"<header class=\"bar\"><h1>{_text(title)}</h1><p class=\"meta\">{meta}</p>"
            f"<nav class=\"filters\" aria-label=\"show or hide highlights\">{filters}</nav></header>\n")


def _side(resolution: models.Resolution) -> str:
    text = resolution.text
    rows = []
    for index, target in enumerate(resolution.targets):
        start, end = clamp(target.span.start, target.span.end, len(text))
        where = " · ".join(part for part in (target.path, target.period) if part)
        rows.append(
            f"<tr data-index=\"{index}\" data-status=\"{target.status}\" tabindex=\"0\" title=\"{_text(where)}\">"
            f"<td>{index}</td><td>{_text(target.indicator)}</td><td class=\"value\">{_text(text[start:end])}</td>"
            f"<td>{target.status}</td></tr>")
    return (
        "<aside id=\"side\">\n<section id=\"details\" aria-live=\"polite\"><h2>Details</h2>"
        "<p class=\"hint\">Click a highlighted span to see its fields, or a row below to find a target.</p>"
        "</section>\n"
        f"<section id=\"targets\"><h2>Targets <b>{len(resolution.targets)}</b></h2>"
        "<table id=\"target-table\"><thead><tr><th>#</th><th>indicator</th><th>value</th><th>status</th>"
        f"</tr></thead>\n<tbody>{''.join(rows)}</tbody></table></section>\n</aside>\n"
    )


def _facts_json(resolution: models.Resolution) -> str:
    """The fact lists as the JSON output has them, safe inside a <script> element."""
    lists = resolution.model_dump(mode="json", include={"targets", "places", "cited_documents", "quantities"})
    encoded = json.dumps(lists, ensure_ascii=False, separators=(",", ":"))
    # '<' and '&' as escapes: no '</script>' or '<!--' in the text can end the element early.
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --------------------------------------------------------------------------- marks


def marks(resolution: models.Resolution) -> list[Mark]:
    """Every structure region and every fact of `resolution` as marks on its text."""
    return _structure_marks(resolution) + _fact_marks(resolution)


def _fact(kind: str, index: int, span: models.Span, length: int, **extra: str) -> Mark:
    start, end = clamp(span.start, span.end, length)
    shared = {"data-index": str(index), **extra}
    return Mark(start, end, FACT_LAYERS[kind], element("span", {"data-fact": kind, **shared}),
                element("span", {"data-fact-cont": kind, **shared}), "</span>")


def _fact_marks(resolution: models.Resolution) -> list[Mark]:
    length = len(resolution.text)
    found = [_fact("target", index, target.span, length, **{"data-status": target.status})
             for index, target in enumerate(resolution.targets)]
    found += [_fact("citation", index, document.span, length) for index, document in enumerate(resolution.cited_documents)]
    found += [_fact("place", index, span, length) for index, place in enumerate(resolution.places) for span in place.spans]
    found += [_fact("quantity", index, quantity.span, length, **{"data-decision": quantity.decision})
              for index, quantity in enumerate(resolution.quantities)]
    return found + _indicator_marks(resolution)


def _indicator_marks(resolution: models.Resolution) -> list[Mark]:
    """Indicators, not facts of their own: one element per range, naming every target that
    reads it (the cells of a table row share one)."""
    readers: dict[tuple[int, int], list[str]] = {}
    for index, target in enumerate(resolution.targets):
        if target.indicator_span is not None:
            span = clamp(target.indicator_span.start, target.indicator_span.end, len(resolution.text))
            readers.setdefault(span, []).append(str(index))
    tags = {span: element("span", {"class": "indicator", "data-targets": " ".join(indices)})
            for span, indices in readers.items()}
    return [Mark(start, end, INDICATOR, tag, tag, "</span>") for (start, end), tag in tags.items() if end > start]


def _structure_marks(resolution: models.Resolution) -> list[Mark]:
    text = resolution.text
    regions: list[tuple[models.Span | None, str, str]] = [(resolution.header.span, "header", "header")]
    regions += [(basis.span, "legal-basis", "legal basis") for basis in resolution.legal_bases]
    regions += [(item.span, "consideration", "consideration") for item in resolution.considerations]
    if resolution.enacting_formula is not None:
        regions.append((resolution.enacting_formula.span, "formula", "enacting formula"))
    regions += _node_regions(resolution.body)
    for attachment in resolution.attachments:
        regions.append((attachment.span, "attachment", attachment.document_type or "attached document"))
        regions += _node_regions(attachment.body)
    for appendix in resolution.appendices:
        regions.append((appendix.span, "appendix", (appendix.title or "appendix")[:_LABEL_CHARS]))
        regions += _node_regions(appendix.body)
    regions.append((resolution.closing.span, "closing", "closing"))
    regions += [(note.span, "footnote", f"footnote {note.marker or ''}".strip()) for note in resolution.footnotes]
    found = []
    for span, kind, label in regions:
        if span is None:
            continue
        start, end = _whole_lines(text, *clamp(span.start, span.end, len(text)))
        if end > start:
            attributes = {"class": f"region r-{kind}", "data-region": kind, "data-label": label}
            found.append(Mark(start, end, STRUCTURE, element("div", attributes),
                              element("div", {**attributes, "class": f"region r-{kind} cont"}), "</div>"))
    return found


def _node_regions(nodes: list[models.Node]) -> list[tuple[models.Span, str, str]]:
    """Every node but unnumbered paragraphs, which would only frame their own text."""
    return [(node.span, node.kind, node.path.split(PATH_SEPARATOR)[-1] if node.path else node.kind)
            for node in models.walk_nodes(nodes) if node.kind != "paragraph"]


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """A region widened over the blanks around it to whole lines, its last line break
    included, so its box starts and ends with its lines and adds no empty line."""
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip():
        start = line_start
    line_end = text.find("\n", end)
    if line_end >= 0 and not text[end:line_end].strip():
        end = line_end + 1
    return start, end
