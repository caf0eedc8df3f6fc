"""Tables exported one cell per line between '|' lines, rebuilt as tab-separated rows.

Legal portals' markdown exports write a table as a column of lines:

    |
    TT
    |
    Chỉ tiêu
    |
    ...
    |
    |          <- the end of a row and the start of the next
    - 
    |

Between two '|' lines is one cell; a cell may wrap over several lines; an empty cell
is two '|' lines in a row — and so is the boundary between two rows. Which doubled
'|' ends a row is therefore decided per table: rows are as wide as the table (the
width most rows without an empty cell show), no row is wider, and as many rows as
possible are exactly that wide (header rows with spanned cells are the narrow ones).

A table of at most two columns is a layout table (issuer | motto, number | date,
recipients | signature): it is left as it is, for the header and closing readers.
A wider one becomes one line per row, cells joined by tabs, which is how the .docx
and HTML readers hand tables on. Only separators are rewritten, so every cell keeps
its exact original offsets.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

import regex

from .rewriter import Edit

# The characters str.strip() removes, but the newline: a line of nothing else is blank.
_BLANK = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
# The two kinds of line that delimit one-cell-per-line tables, a '|' line and a blank one,
# each found with the newline before it (the text is scanned with a newline put in front):
# a pattern that opens with a newline is tried only where the regex engine finds one, at
# memory speed, where a Python loop over every line cost more than the tables' own work.
_PIPE_LINE = regex.compile(r"\n[ \t]*\|[ \t]*(?=\n|\Z)")
_BLANK_LINE = regex.compile(rf"\n[{_BLANK}]*(?=\n|\Z)")
# Layout tables (header, signature) have two columns; data tables have at least three.
_MIN_COLUMNS = 3
# A page-layout wrapper holds whole parts of a document in one cell (hundreds of lines);
# a data cell, even a task description, holds a few.
_MAX_CELL_LINES = 20
# What numbers a row: 'I', 'IV', 'a', 'B', '3', '12', '1.2', '-' (markdown emphasis around it).
# Used with fullmatch only; the lookbehind keeps a scan of a long run of '*', '_' or spaces linear.
_ROW_NUMBER = regex.compile(r"(?<![*_ ])[*_ ]*(?:[IVXLC]{1,5}|[A-Za-zđ]|\d{1,2}(?:\.\d{1,2})*|[-+•])\.?[*_ ]*")


@dataclass
class _Cell:
    """A cell's lines, as [start, end) ranges of the text; none for an empty cell."""

    lines: list[tuple[int, int]]


def pipe_table_edits(text: str) -> list[Edit]:
    """Edits that turn every one-cell-per-line table of `text` into tab-separated rows."""
    edits: list[Edit] = []
    for pipe_lines in _blocks(text):
        edits.extend(_table_edits(text, pipe_lines))
    return edits


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """The '|' lines, as [start, end) ranges, of each run of lines that opens with a '|'
    line and closes with one, with no blank line inside (a blank line ends a table)."""
    if "|" not in text:  # most documents: no table of this kind, and no scan
        return []
    lined = "\n" + text  # a match starts at the newline before its line: at the line in `text`
    pipe_lines = [(line.start(), line.end() - 1) for line in _PIPE_LINE.finditer(lined)]
    if not pipe_lines:
        return []
    # where a blank line falls among the '|' lines, a table ends and another may begin
    cuts = {bisect_left(pipe_lines, (blank.start(),)) for blank in _BLANK_LINE.finditer(lined)}
    bounds = sorted(cuts | {0, len(pipe_lines)})
    return [pipe_lines[first:last] for first, last in zip(bounds, bounds[1:]) if first < last]


def _cells(text: str, pipe_lines: list[tuple[int, int]]) -> list[_Cell] | None:
    """The cells between a block's '|' lines, an empty one for each doubled '|'; None when
    a cell has more lines than a data cell can (a page-layout wrapper: no data table)."""
    cells: list[_Cell] = []
    for (_, above), (below, _) in zip(pipe_lines, pipe_lines[1:]):
        first, last = above + 1, below - 1  # the lines between, without the newlines around them
        if first > last:
            cells.append(_Cell([]))
            continue
        if text.count("\n", first, last) >= _MAX_CELL_LINES:
            return None
        lines, position = [], first
        for line in text[first:last].split("\n"):
            line_start, position = position, position + len(line) + 1
            lead = len(line) - len(line.lstrip())
            lines.append((line_start + lead, line_start + len(line.rstrip())))
        cells.append(_Cell(lines))
    return cells


def _width(cells: list[_Cell]) -> int:
    """The table's width: the length of the runs of non-empty cells (rows without an empty
    cell) that cover the most cells. Counting cells rather than runs keeps a sparse table
    (a value in every other column) from looking one column wide."""
    runs: Counter[int] = Counter()
    length = 0
    for cell in [*cells, _Cell([])]:
        if cell.lines:
            length += 1
        elif length:
            runs[length] += 1
            length = 0
    return max(runs, key=lambda width: (width * runs[width], width)) if runs else 0


def _row_cost(row: list[_Cell], width: int, text: str) -> int:
    """A narrower row (spanned cells) costs one, and so does an empty cell between filled
    ones (a missing value); an empty cell before a cell that numbers a row ('I', '2',
    'a', '1.2') costs three, since it is almost surely the boundary between two rows
    ('Năm 2026 … Năm 2030 | | I | CÂY CÔNG NGHIỆP' is not one row)."""
    filled = [index for index, cell in enumerate(row) if cell.lines]
    cost = int(len(row) != width)
    for index in filled[1:]:
        if not row[index - 1].lines:
            first_line = row[index].lines[0]
            cost += 3 if _ROW_NUMBER.fullmatch(text[first_line[0]:first_line[1]]) else 1
    return cost


def _row_ends(cells: list[_Cell], width: int, text: str) -> list[int] | None:
    """Indexes of the empty cells that are row boundaries: rows at most `width` wide, at
    the least total `_row_cost` (a shortest path over the cells). None when the cells
    cannot be cut into such rows."""
    count = len(cells)
    infinity = 4 * count * count + 1
    cost = [infinity] * (count + 2)
    previous = [-1] * (count + 2)
    cost[0] = 0
    for start in range(count + 1):
        if cost[start] >= infinity:
            continue
        for size in range(1, width + 1):
            end = start + size  # the row is cells[start:end]; cells[end] is the boundary
            if end > count:
                break
            closes = end == count or not cells[end].lines
            if not closes:
                continue
            after = min(end + 1, count + 1) if end < count else count + 1
            total = cost[start] + _row_cost(cells[start:end], width, text)
            if total < cost[after]:
                cost[after], previous[after] = total, start
    at = min((count, count + 1), key=lambda final: cost[final])  # count: the last cell was a boundary
    if cost[at] >= infinity:
        return None
    boundaries = []
    while at > 0:
        start = previous[at]
        if at <= count:
            boundaries.append(at - 1)
        at = start
    return sorted(boundaries)


def _table_edits(text: str, pipe_lines: list[tuple[int, int]]) -> list[Edit]:
    cells = _cells(text, pipe_lines)
    if cells is None:
        return []
    width = _width(cells)
    if width < _MIN_COLUMNS:
        return []
    boundaries = _row_ends(cells, width, text)
    if boundaries is None:
        return []
    separators = _separators(cells, set(boundaries))
    edits: list[Edit] = []
    start, end = pipe_lines[0][0], pipe_lines[-1][1]
    cursor = start  # everything before the first cell's text is a separator
    pending = ""
    for cell, separator in zip(cells, separators):
        if not cell.lines:
            pending += separator
            continue
        edits.append(Edit(cursor, cell.lines[0][0], pending))
        for (_, line_end), (next_start, _) in zip(cell.lines, cell.lines[1:]):
            edits.append(Edit(line_end, next_start, " "))  # a cell wrapped over lines
        cursor, pending = cell.lines[-1][1], separator
    edits.append(Edit(cursor, end, ""))
    return [edit for edit in edits if edit.start < edit.end or edit.new]


def _separators(cells: list[_Cell], boundaries: set[int]) -> list[str]:
    """What follows each cell in the rebuilt text: a tab within a row, a newline at the
    end of one; a boundary 'cell' itself adds nothing but the newline."""
    result = []
    for index, _cell in enumerate(cells):
        if index in boundaries:
            result.append("")
        elif index + 1 in boundaries or index + 1 == len(cells):
            result.append("\n")
        else:
            result.append("\t")
    return result
