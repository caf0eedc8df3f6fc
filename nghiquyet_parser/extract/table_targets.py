"""Targets from indicator tables, in an appendix or in an article:

    TT | Chỉ tiêu                     | Đơn vị tính | Ước thực hiện năm 2023 | Kế hoạch năm 2024
    1  | Thu nhập bình quân đầu người | Triệu đồng  | 78,5                   | 85

gives one target per value cell: "Thu nhập bình quân đầu người" = 78,5 triệu đồng
(result, năm 2023) and = 85 triệu đồng (target, năm 2024).

A table is an indicator table when one of its first rows is a header naming an
indicator column and at least one value column. Column roles come from header
words kept as data (`table_columns.tsv`); the value and its unit are read by the
quantity grammar (`find_quantities` on "value unit"), so tables and sentences agree
on separators, scale words and unit spellings. Price basis and period come from the
same helpers the sentence targets use.

`find_table_targets(rows, convention)` is pure: cell strings in, records naming
their cells by (row, column) out; extract() turns the cells into spans, article and
path (the segmenter has placed the table: segment/context.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterator, Optional, Sequence

import regex

from ..headings import period_in
from ..vocabulary import load_table
from .fields import comparator_before, price_basis_in
from .quantities import DecimalConvention, QuantityMatch, find_quantities

# Titles, unit notes ("ĐVT: tỷ đồng") and blank rows may stand above the header row.
_HEADER_SEARCH_ROWS = 3

# A parenthesised note in a cell: "(giá SS 2010)", "(lũy kế)", "(1)".
_NOTE = regex.compile(r"\s*\([^()]*\)")
# List punctuation around an indicator cell ("- Trong đó: ...", "Thu ngân sách:").
_LEADING_BULLET = regex.compile(r"^[-+•*–]\s*")
_TRAILING_PUNCTUATION = regex.compile(r"[\s:;,.]+$")


@dataclass(frozen=True)
class ValueColumn:
    index: int
    status: str  # "result" | "target"
    heading: str


@dataclass(frozen=True)
class Columns:
    """What the header row says each column holds."""

    header_row: int
    indicator: int
    unit: Optional[int]
    marker: Optional[int]
    values: tuple[ValueColumn, ...]


@dataclass(frozen=True)
class TableTarget:
    """One value cell read as a target; cells are named by (row, column) of the table."""

    row: int
    column: int
    indicator_column: int
    indicator: str  # the indicator cell without its price-basis note
    marker: Optional[str]  # the row's number cell ("3", "1.1"), for the path
    # value, range, unit and base unit; its offsets are those of the parsed
    # "value unit" string, not of the document (the value cell gives the span)
    quantity: QuantityMatch
    comparator: str
    status: str
    price_basis: Optional[str]
    period: Optional[str]


# --------------------------------------------------------------------------- column roles


@dataclass(frozen=True)
class _HeadingWords:
    words: str  # case-folded, single-spaced
    role: str
    match: str  # "whole" | "start" | "anywhere"


# Which entry of a heading wins: a veto wherever it stands, then an exact heading,
# then the longest opening words.
_MATCH_PRECEDENCE = {"anywhere": 0, "whole": 1, "start": 2}


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


@lru_cache(maxsize=None)
def _heading_words() -> tuple[_HeadingWords, ...]:
    return tuple(_HeadingWords(_key(row["heading"]), row["role"], row["match"]) for row in load_table("table_columns"))


def _holds(heading: str, entry: _HeadingWords) -> bool:
    if entry.match == "whole":
        return heading == entry.words
    words = regex.escape(entry.words)
    edge = r"(?![\p{L}\d])"
    if entry.match == "start":
        return regex.match(rf"{words}{edge}", heading) is not None
    return regex.search(rf"(?<![\p{{L}}\d]){words}{edge}", heading) is not None


def column_role(heading: str) -> Optional[str]:
    """'Kế hoạch năm 2024' → 'target'; 'Chỉ tiêu' → 'indicator'; 'Ghi chú' → 'skip'."""
    key = _key(heading)
    found = [entry for entry in _heading_words() if _holds(key, entry)]
    if not found:
        return None
    return min(found, key=lambda entry: (_MATCH_PRECEDENCE[entry.match], -len(entry.words))).role


def read_header(row: Sequence[str], at: int) -> Optional[Columns]:
    """The columns of a header row, or None when it names no indicator or no value column."""
    roles = [column_role(cell) for cell in row]

    def first(role: str) -> Optional[int]:
        return next((i for i, found in enumerate(roles) if found == role), None)

    values = tuple(ValueColumn(i, role, row[i]) for i, role in enumerate(roles) if role in ("result", "target"))
    indicator = first("indicator")
    if indicator is None or not values:
        return None
    return Columns(at, indicator, first("unit"), first("marker"), values)


def find_header(rows: Sequence[Sequence[str]]) -> Optional[Columns]:
    for at, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        columns = read_header(row, at)
        if columns is not None:
            return columns
    return None


# --------------------------------------------------------------------------- cells


def _cell(row: Sequence[str], index: Optional[int]) -> str:
    return row[index] if index is not None and index < len(row) else ""


def _tidy(text: str) -> str:
    text = _LEADING_BULLET.sub("", " ".join(text.split()))
    return _TRAILING_PUNCTUATION.sub("", text)


def split_price_basis(cell: str) -> tuple[str, Optional[str]]:
    """'Tổng giá trị sản xuất (giá SS 2010)' → ('Tổng giá trị sản xuất', 'giá SS 2010').
    Other notes stay: '(lũy kế)' is part of what is counted."""
    basis = price_basis_in(cell)
    if basis is None:
        return _tidy(cell), None
    for note in _NOTE.finditer(cell):
        if basis in note.group():
            return _tidy(cell[: note.start()] + cell[note.end() :]), basis
    return _tidy(cell.replace(basis, " ", 1)), basis


def _comparator(left: str) -> Optional[str]:
    """'=' for a bare number; the comparator of 'Trên 95', 'khoảng 3.000'; None for
    any other words before the number (the cell is not a plain value)."""
    if not left.strip():
        return "="
    comparator, at = comparator_before(left)
    return comparator if comparator is not None and not left[:at].strip() else None


def cell_quantity(value_cell: str, unit_cell: str, convention: DecimalConvention) -> Optional[tuple[str, QuantityMatch]]:
    """The comparator and quantity of a value cell read with its row's unit, or None when
    the cell is empty, '-', words, or holds more than one number."""
    written = _NOTE.sub(" ", value_cell).strip()
    found = [q for q in find_quantities(written, convention) if not q.in_words]
    if len(found) != 1 or written[found[0].end :].strip():
        return None
    quantity = found[0]
    comparator = _comparator(written[: quantity.start])
    if comparator is None:
        return None
    if quantity.unit is None:  # "95%" carries its own unit; "32.650" takes the row's
        quantity = with_unit(written[quantity.start : quantity.end], unit_cell, convention)
    return comparator, quantity


def with_unit(number: str, unit_cell: str, convention: DecimalConvention) -> QuantityMatch:
    """Parse 'number unit' as a sentence would be parsed, so 'Tỷ đồng' reads as the
    vocabulary's 'tỷ đồng' with its factor. A unit the vocabulary does not know
    ('Cơ sở') is kept as written, lower case, without a factor."""
    unit = " ".join(_NOTE.sub(" ", unit_cell).split())
    bare = find_quantities(number, convention)[0]
    if not unit:
        return bare
    text = f"{number} {unit}"
    found = find_quantities(text, convention)
    if found and found[0].start == 0 and found[0].end == len(text):
        return found[0]
    return replace(bare, unit=unit.lower(), base_unit=None, factor=None, unit_kind=None)


# --------------------------------------------------------------------------- targets


def find_table_targets(rows: Sequence[Sequence[str]], convention: DecimalConvention = "vi") -> list[TableTarget]:
    """One target per numeric value cell of an indicator table; [] for any other table."""
    columns = find_header(rows)
    if columns is None:
        return []
    found: list[TableTarget] = []
    for at in range(columns.header_row + 1, len(rows)):
        found.extend(_row_targets(rows[at], at, columns, convention))
    return found


def _row_targets(row: Sequence[str], at: int, columns: Columns, convention: DecimalConvention) -> Iterator[TableTarget]:
    indicator, basis = split_price_basis(_cell(row, columns.indicator))
    if not _NOTE.sub("", indicator).strip():
        return  # a column-number row ("(1) | (2) | ...") or a blank line of the table
    unit_cell = _cell(row, columns.unit)
    marker = _cell(row, columns.marker) or None
    for column in columns.values:
        read = cell_quantity(_cell(row, column.index), unit_cell, convention)
        if read is None:
            continue
        comparator, quantity = read
        yield TableTarget(
            row=at,
            column=column.index,
            indicator_column=columns.indicator,
            indicator=indicator,
            marker=marker,
            quantity=quantity,
            comparator=comparator,
            status=column.status,
            price_basis=basis or price_basis_in(unit_cell) or price_basis_in(column.heading),
            period=period_in(column.heading),
        )
