"""Table rows as tab-separated text lines, shared by the .docx and HTML readers."""

from __future__ import annotations

from itertools import zip_longest


def row_lines(cells: list[list[str]]) -> list[str]:
    """A table row as lines, cells separated by tabs.

    A row of one-line cells is one line. Where cells hold several lines (the layout
    tables of a header or signature block: issuer | motto, recipients | signer), line i
    of the row joins line i of every cell, which is the side-by-side layout plain-text
    exports of these documents show and the segmenter reads.
    """
    if not cells:
        return []
    return ["\t".join(parts) for parts in zip_longest(*cells, fillvalue="")]
