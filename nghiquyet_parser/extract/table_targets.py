"""Targets from indicator tables, in an appendix or in an article:

    TT | Chỉ tiêu                     | Đơn vị tính | Ước thực hiện năm 2023 | Kế hoạch năm 2024
    1  | Thu nhập bình quân đầu người | Triệu đồng  | 78,5                   | 85

gives one target per value cell: "Thu nhập bình quân đầu người" = 78,5 triệu đồng
(result, năm 2023) and = 85 triệu đồng (target, năm 2024).

A table is an indicator table when its header (one row or two: table_header.py)
names an indicator column and at least one value column. The value and its unit are
read by the quantity grammar (`find_quantities` on "value unit"), so tables and
sentences agree on separators, scale words and unit spellings. Price basis and period
come from the same helpers the sentence targets use.

A row's unit is its unit cell, else its column's ("Lượng (Tấn)"), else the table's
("Đơn vị tính: tỷ đồng"). A row with a label and no figures ("1 | Cà Phê") is a group:
a row under it naming only a measure ("- | Diện tích | Ha | ...") measures the group
("Diện tích Cà Phê"); a column naming a measure joins the row's label ("Lượng Xoài").
Where a row gives several values of one status by period (a plan year by year), each
cell's indicator names its period, as the gold does ("Diện tích Cà phê năm 2026").

`find_table_targets(rows, convention)` is pure: cell strings in, records naming
their cells by (row, column) out; extract() turns the cells into spans, article and
path (the segmenter has placed the table: segment/context.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator, Optional, Sequence

import regex

from .fields import comparator_before, price_basis_in
from .quantities import DecimalConvention, QuantityMatch, find_quantities
from .table_header import NOTE as _NOTE
from .table_header import Columns, ValueColumn, column_role, find_header, is_measure  # noqa: F401 (column_role: API)

# List punctuation around an indicator cell ("- Trong đó: ...", "Thu ngân sách:").
_LEADING_BULLET = regex.compile(r"^[-+•*–]\s*")
_TRAILING_PUNCTUATION = regex.compile(r"[\s:;,.]+$")
# A row number worth naming in a path ("3", "1.1", "II"), not a bullet.
_NAMED_MARKER = regex.compile(r"[\p{L}\d]")


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


def find_table_targets(
    rows: Sequence[Sequence[str]], convention: DecimalConvention = "vi", table_unit: Optional[str] = None
) -> list[TableTarget]:
    """One target per numeric value cell of an indicator table; [] for any other table.
    `table_unit` is a unit note written above the table ("Đơn vị tính: tỷ đồng")."""
    columns = find_header(rows)
    if columns is None:
        return []
    default_unit = columns.table_unit or table_unit or ""
    found: list[TableTarget] = []
    group: Optional[str] = None
    for at in range(columns.header_row + 1, len(rows)):
        row = rows[at]
        if _is_group(row, columns):
            group = _tidy(_NOTE.sub(" ", _cell(row, columns.indicator)))
            continue
        found.extend(_row_targets(row, at, columns, convention, group, default_unit))
    return found


def _is_group(row: Sequence[str], columns: Columns) -> bool:
    """'I | CÂY CÔNG NGHIỆP', '1 | Cà Phê': a label and no figure after it."""
    label = _tidy(_NOTE.sub(" ", _cell(row, columns.indicator)))
    return bool(label) and not any(regex.search(r"\d", cell) for cell in row[columns.indicator + 1 :])


def _known_unit(unit: Optional[str], convention: DecimalConvention) -> Optional[str]:
    """A column heading's note that the unit vocabulary reads ('Tấn', 'Nghìn USD', '%')."""
    if not unit:
        return None
    text = f"1 {unit}"
    found = find_quantities(text, convention)
    return unit if found and found[0].unit and found[0].end == len(text) else None


def _indicator(label: str, group: Optional[str], column: ValueColumn, periods: bool) -> str:
    """The row's label, its group's where it names only a measure ('Diện tích Cà Phê'),
    the column's measure before it ('Giá trị Xoài tham gia xuất khẩu'), its period where
    the row has several ('... năm 2026')."""
    if group and is_measure(label) and group.casefold() not in label.casefold():
        label = f"{label} {group}"
    if column.measure:
        words = column.measure.split()
        cut = next((n for n in range(len(words), 0, -1) if is_measure(" ".join(words[:n]))), len(words))
        head, rest = " ".join(words[:cut]), " ".join(words[cut:])
        label = " ".join(part for part in (head, label, rest) if part)
    if periods and column.period:
        label = f"{label} {column.period}"
    return label


def _row_targets(
    row: Sequence[str], at: int, columns: Columns, convention: DecimalConvention, group: Optional[str], default_unit: str
) -> Iterator[TableTarget]:
    label, basis = split_price_basis(_cell(row, columns.indicator))
    if not _NOTE.sub("", label).strip():
        return  # a column-number row ("(1) | (2) | ...") or a blank line of the table
    unit_cell = _cell(row, columns.unit)
    # "Tỷ lệ ... (%)": a label may carry its unit
    label_unit = next((_known_unit(note.strip(" ()"), convention) for note in _NOTE.findall(label)[-1:]), None)
    marker = _cell(row, columns.marker)
    periods = columns.names_periods
    for column in columns.values:
        unit = unit_cell or label_unit or _known_unit(column.unit, convention) or default_unit
        read = cell_quantity(_cell(row, column.index), unit, convention)
        if read is None:
            continue
        comparator, quantity = read
        yield TableTarget(
            row=at,
            column=column.index,
            indicator_column=columns.indicator,
            indicator=_indicator(label, group, column, periods),
            marker=marker if _NAMED_MARKER.search(marker) else None,
            quantity=quantity,
            comparator=comparator,
            status=column.status,
            price_basis=basis or price_basis_in(unit_cell) or price_basis_in(column.heading),
            period=column.period,
        )
