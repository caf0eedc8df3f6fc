"""A body (the resolution's, an attachment's or an appendix's) as a node tree: the lines
of the region fed to the tree builder, with footnotes, table rows and a broken 'Điều' aside."""

from __future__ import annotations

import regex

from .. import models
from ..limits import check_time
from ..normalise import NormalisedText
from .contracts import Structure
from .footnotes import add_footnote, opens_footnote
from .lines import StrippedLine, continues
from .tree import DraftConverter, TreeBuilder

# "Điều" alone on its line: the article's number broke to the next one.
_LONE_ARTICLE_WORD = ("Điều", "ĐIỀU")
_NUMBER_DOT = regex.compile(r"^\d{1,3}\s*[.:]")


def build_tree(norm: NormalisedText, lines: list[StrippedLine], region: str, structure: Structure,
               in_resolution: bool, root: str = "") -> list[models.Node]:
    """The nodes of a body; `root` names the document they belong to in their paths
    ('Kế hoạch › II › 1', 'Phụ lục 01 › 2'): empty for the resolution itself."""
    builder = TreeBuilder()
    after_blank = False
    pending_word: StrippedLine | None = None
    footnote: list[StrippedLine] = []  # a footnote's lines: it may wrap like any paragraph
    for line in lines:
        if line.blank:
            after_blank = True
            continue
        check_time()
        if footnote and not opens_footnote(line.text) and continues(footnote[-1].text, line.text):
            footnote.append(line)
            continue
        if footnote:
            add_footnote(norm, footnote, structure)
            footnote = []
        if pending_word is not None:
            word, pending_word = pending_word, None
            joined = _joined_article_line(word, line)
            if joined is not None:
                builder.add_line(joined, after_blank)
                if builder.stack and builder.stack[-1].start == joined.start:
                    builder.stack[-1].start = word.start  # the node's source starts at "Điều"
                after_blank = False
                continue
            builder.add_line(word, after_blank)
        if line.text in _LONE_ARTICLE_WORD:
            pending_word = line  # "Điều" / "1. Quy định ...": the marker broke over two lines
            continue
        if opens_footnote(line.text):
            footnote = [line]
        elif is_table_row(line):
            builder.add_table_row(line, norm.lines()[line.index])
        else:
            builder.add_line(line, after_blank)
        after_blank = False
    if footnote:
        add_footnote(norm, footnote, structure)
    if pending_word is not None:
        builder.add_line(pending_word, after_blank)
    for code, message, at in builder.warnings:
        structure.warnings.append(models.ParseWarning(code=code, message=message, span=norm.original_span(at, at + 1)))
    return DraftConverter(norm, region, structure, in_resolution).nodes(builder.roots, root)


def is_table_row(line: StrippedLine) -> bool:
    """A row of a table: the readers and normalise/ cut its cells with tabs."""
    return "\t" in line.text


def _joined_article_line(word: StrippedLine, line: StrippedLine) -> StrippedLine | None:
    """Treat 'Điều' + next line as one line when the next starts with a number.

    The joined line keeps the next line's end and text offsets: the marker's text
    after 'Điều ' lines up with the next line, so `rest` offsets stay right."""
    if not _NUMBER_DOT.match(line.text):
        return None
    return StrippedLine(line.index, line.start - len(word.text) - 1, line.end, word.text + " " + line.text)
