"""Stage 3: segment the normalised text into the parts of a resolution.

Built like markdown-it's block parser: the text is cut into regions by anchor lines
(first "Căn cứ", the enacting formula, the closing, attached regulations,
appendices: regions.py), and inside the body every line is tried against named
marker rules in order (chapter, article, Roman section, clause, point, indent:
markers.py), or else is text. Depth comes from the MARKER SEQUENCE, not indentation
(as in cfpb regulations-parser: depth.py). Broken lines are rejoined: a line
continues the previous paragraph unless the previous one ended a sentence and this
one opens a new one (lines.py).

All work is in normalised offsets; models get ORIGINAL spans via `norm.original_span`.

Modules, each importing only modules of the rows above it (no cycles):
    contracts, lines, markers, depth     the line types, marker rules, depth inference
    tree, footnotes, regions, title      drafts → nodes; anchors and region rules; casing
    body, header, preamble               a body's tree; the header; the preamble
    closing, attachments                 the closing; attached documents and appendices
    appendix_refs, context               headings' status and period on blocks; tables placed
    __init__                             segment()
"""

from __future__ import annotations

from .. import models
from ..normalise import NormalisedText
from .attachments import parse_appendix, parse_attachment
from .body import build_tree
from .closing import finish_closing, parse_closing
from .context import place_blocks
from .contracts import Structure, TableBlock, TableCell, TextBlock
from .header import fill_header_from_closing, parse_header
from .lines import StrippedLine, stripped_lines
from .preamble import enacting_formula, parse_preamble
from .regions import find_anchors, split_regions

__all__ = ["segment", "Structure", "TextBlock", "TableBlock", "TableCell"]


def segment(norm: NormalisedText) -> Structure:
    lines = stripped_lines(norm)
    structure = Structure()
    anchors = find_anchors(lines)
    header_end = anchors.preamble if anchors.preamble is not None else anchors.body
    structure.header = parse_header(norm, lines[:header_end], lines)
    parse_preamble(norm, lines[anchors.preamble:anchors.enacting_start] if anchors.preamble is not None else [],
                   structure)
    if anchors.enacting is not None:
        structure.enacting_formula = enacting_formula(norm, anchors.enacting)
    _parse_regions(norm, lines[anchors.body:], structure)
    fill_header_from_closing(structure)
    structure.blocks.sort(key=lambda block: block.start)  # footnotes interleave with the body
    structure.tables.sort(key=lambda table: table.start)
    place_blocks(norm, structure)
    if not any(node.kind == "article" for node in models.walk_nodes(structure.body)):
        structure.warnings.append(models.ParseWarning(code="no_articles", message="no article (Điều) found"))
    return structure


def _parse_regions(norm: NormalisedText, lines: list[StrippedLine], structure: Structure) -> None:
    for region in split_regions(lines):
        if region.kind == "body":
            structure.body.extend(build_tree(norm, region.lines, "body", structure, in_resolution=True))
        elif region.kind == "closing":
            parse_closing(norm, region.lines, structure)
        elif region.kind == "attachment":
            structure.attachments.append(parse_attachment(norm, region.lines, structure))
        else:
            structure.appendices.append(parse_appendix(norm, region.lines, structure))
    finish_closing(norm, structure)
