"""The header of an indicator table: what each column holds (table_targets.py reads the rows).

A header may take one row or two. In two rows, the cells of the first row that
span several columns have their sub-headings in the second row, and each leaf
column is named by both ("GIAI ĐOẠN 2026 - 2030" over "Năm 2026" is the column
"GIAI ĐOẠN 2026 - 2030 Năm 2026"):

    TT | Chỉ tiêu | ĐVT | ƯTH Năm 2025 | GIAI ĐOẠN 2026 - 2030
    Năm 2026 | Năm 2027 | Năm 2028 | Năm 2029 | Năm 2030
    -  | Diện tích | Ha | 26.120 | 27.000 | 27.500 | 28.000 | 29.000 | 30.000

Exported rows hold only the cells that exist, so the second row is shorter than the
table: the data rows give the width W; the first row's cells that do not span stand
over one column each, so `len(row 1) - spanning + len(row 2) = W` tells how many
span, and which span is read from their roles (a period heading or an unnamed
heading first, then a plan or result heading, the rightmost first).

Column roles come from header words kept as data (`table_columns.tsv`). The status of
a leaf is its sub-heading's, else its parent's; a year under a period heading
("GIAI ĐOẠN 2026 - 2030" › "Năm 2026") is a plan year, a target.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

import regex

from ..headings import period_in
from ..vocabulary import load_table

# Titles, unit notes ("ĐVT: tỷ đồng") and blank rows may stand above the header row.
HEADER_SEARCH_ROWS = 3

VALUE_ROLES = ("result", "target")
# Which first-row cells may span sub-headings, most likely first (never the row number,
# the indicator or the unit column).
_SPAN_PREFERENCE = {"period": 0, None: 1, "result": 2, "target": 2, "measure": 3, "skip": 3}

# A parenthesised note in a cell: "(giá SS 2010)", "(lũy kế)", "(Tấn)".
NOTE = regex.compile(r"\s*\([^()]*\)")
# A row's number: "I", "12", "1.2", "a)", "-".
_ROW_MARKER = regex.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ]\)|[-+•*–])\.?$")
# A cell that is a figure ("27.000", "95%", "7-7,5"): a data row, not a sub-heading.
_FIGURE = regex.compile(r"^[\s\d.,%<>≤≥~+\-–]*\d[\s\d.,%\-–]*$")
# A column number under the header: "1", "(2)", "A", "4=3/2", "5=4-3".
_COLUMN_CODE = regex.compile(r"^\(?[A-Za-z\d]{1,3}(?:\s*[-=/*+x×]\s*[A-Za-z\d]{1,3})*\)?$")
# A table-wide unit note: "Đơn vị tính: tỷ đồng", "ĐVT: triệu đồng", "(Đơn vị: Triệu đồng.)".
_UNIT_NOTE = regex.compile(r"^\W*(?:Đơn\s+vị\s+tính|Đơn\s+vị|ĐVT)\s*:\s*(.+?)[\s.;)*]*$", regex.IGNORECASE)
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class ValueColumn:
    index: int
    status: str  # "result" | "target"
    heading: str  # the leaf heading, parent first: "GIAI ĐOẠN 2026 - 2030 Năm 2026"
    period: Optional[str] = None  # "năm 2026", from the leaf heading
    unit: Optional[str] = None  # "Tấn" from "Lượng (Tấn)": the unit of a row without its own
    measure: Optional[str] = None  # "Lượng", "Giá trị tham gia xuất khẩu": joins the row's indicator


@dataclass(frozen=True)
class Columns:
    """What the header rows say each column holds."""

    header_row: int  # the last row of the header
    indicator: int
    unit: Optional[int]
    marker: Optional[int]
    values: tuple[ValueColumn, ...]
    table_unit: Optional[str] = None  # "tỷ đồng" from an "Đơn vị tính: tỷ đồng" row or cell

    @property
    def names_periods(self) -> bool:
        """Several values of one status by period (a plan year by year): each cell's
        indicator then names its period, as the gold does ('Diện tích Cà phê năm 2026')."""
        by_status = Counter(column.status for column in self.values if column.period)
        return any(count > 1 for count in by_status.values())


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
    if entry.match == "start":
        return _entry_pattern(entry).match(heading) is not None
    return _entry_pattern(entry).search(heading) is not None


@lru_cache(maxsize=None)
def _entry_pattern(entry: _HeadingWords) -> "regex.Pattern[str]":
    """The entry's words between word edges; compiled once (every heading is tried against every entry)."""
    edge = r"(?![\p{L}\d])"
    before = "" if entry.match == "start" else r"(?<![\p{L}\d])"
    return regex.compile(rf"{before}{regex.escape(entry.words)}{edge}")


def _best_entry(heading: str) -> Optional[_HeadingWords]:
    key = _key(heading)
    found = [entry for entry in _heading_words() if _holds(key, entry)]
    if not found:
        return None
    return min(found, key=lambda entry: (_MATCH_PRECEDENCE[entry.match], -len(entry.words)))


def column_role(heading: str) -> Optional[str]:
    """'Kế hoạch năm 2024' → 'target'; 'Chỉ tiêu' → 'indicator'; 'Ghi chú' → 'skip';
    'Năm 2026' → 'period'; 'Lượng (Tấn)' → 'measure'."""
    entry = _best_entry(heading)
    return entry.role if entry else None


def is_measure(cell: str) -> bool:
    """'Diện tích', 'Sản lượng': a cell naming only a measure, not what is measured."""
    key = _key(NOTE.sub(" ", cell)).strip(" -:")
    return any(entry.role == "measure" and entry.words == key for entry in _heading_words())


def unit_note(text: str) -> Optional[str]:
    """'Đơn vị tính: tỷ đồng' → 'tỷ đồng'; None for any other text."""
    match = _UNIT_NOTE.match(" ".join(text.split()))
    return match.group(1) if match else None


def unit_above(text: str) -> Optional[str]:
    """The unit note of the paragraph right above a table ('Đơn\\nvị: Triệu đồng.'), else None."""
    paragraphs = [p for p in regex.split(r"\n\s*\n", text) if p.strip()]
    return unit_note(paragraphs[-1]) if paragraphs else None


def heading_period(heading: str) -> Optional[str]:
    """'Kế hoạch năm 2025' → 'năm 2025'; 'Kế hoạch 2026' → 'năm 2026'; a span of years
    ('GIAI ĐOẠN 2026 - 2030') names no single year."""
    found = period_in(heading)
    if found:
        return found[0].lower() + found[1:]
    years = _YEAR.findall(heading)
    return f"năm {years[0]}" if len(years) == 1 else None


# --------------------------------------------------------------------------- leaves


def _data_width(rows: Sequence[Sequence[str]], at: int) -> int:
    """The width of the data rows under the header row `at`."""
    first = len(rows[at])
    widths = Counter(len(row) for row in rows[at + 1 :] if len(row) >= first)
    return widths.most_common(1)[0][0] if widths else first


def _sub_headings(row: Sequence[str]) -> Optional[list[str]]:
    """A second header row's cells (blanks at its edges stand under the first row's
    unspanned cells), or None when the row reads as data or a group label."""
    cells = [cell.strip() for cell in row]
    while cells and not cells[0]:
        cells.pop(0)
    while cells and not cells[-1]:
        cells.pop()
    if not cells or _ROW_MARKER.match(cells[0]) or any(not c or _FIGURE.match(c) for c in cells):
        return None
    return cells


def _leaves(rows: Sequence[Sequence[str]], at: int) -> tuple[list[tuple[str, ...]], int]:
    """Each column's headings (parent first) and the header's last row."""
    first = [cell.strip() for cell in rows[at]]
    width = _data_width(rows, at)
    below = _sub_headings(rows[at + 1]) if width > len(first) and at + 1 < len(rows) else None
    if below is None:
        return [(cell,) for cell in first], at
    spanning = len(first) + len(below) - width
    candidates = [i for i, cell in enumerate(first) if column_role(cell) in _SPAN_PREFERENCE]
    if not 1 <= spanning <= len(candidates) or len(below) % spanning:
        return [(cell,) for cell in first], at
    chosen = sorted(candidates, key=lambda i: (_SPAN_PREFERENCE[column_role(first[i])], -i))[:spanning]
    share = len(below) // spanning
    leaves: list[tuple[str, ...]] = []
    children = iter(below)
    for i, cell in enumerate(first):
        if i in chosen:
            leaves.extend((cell, next(children)) for _ in range(share))
        else:
            leaves.append((cell,))
    return leaves, at + 1


def _status(roles: Sequence[Optional[str]]) -> Optional[str]:
    """The status of a leaf from its headings' roles (parent first): a veto anywhere;
    the sub-heading's status, else the parent's; a year under a period heading."""
    if "skip" in roles:
        return None
    for role in reversed(roles):
        if role in VALUE_ROLES:
            return role
    if len(roles) > 1 and roles[-1] == "period" and "period" in roles[:-1]:
        return "target"
    return None


def _value_column(index: int, parts: tuple[str, ...]) -> Optional[ValueColumn]:
    status = _status([column_role(part) for part in parts])
    if status is None:
        return None
    period = next((p for p in map(heading_period, reversed(parts)) if p), None)
    unit = next((note.strip(" ()") for part in reversed(parts) for note in NOTE.findall(part)[-1:]), None)
    child = parts[-1]
    measure = _tidy_heading(child) if column_role(child) == "measure" else None
    return ValueColumn(index, status, " ".join(parts), period, unit, measure)


def _tidy_heading(text: str) -> str:
    return " ".join(NOTE.sub(" ", text).split())


def read_header(rows: Sequence[Sequence[str]], at: int) -> Optional[Columns]:
    """The columns of the header starting at row `at`, or None when it names no
    indicator column or no value column."""
    leaves, last = _leaves(rows, at)
    roles = [column_role(parts[0]) if len(parts) == 1 else None for parts in leaves]

    def first(role: str) -> Optional[int]:
        return next((i for i, found in enumerate(roles) if found == role), None)

    indicator = first("indicator")
    values = tuple(v for i, parts in enumerate(leaves) if (v := _value_column(i, parts)) is not None)
    if indicator is None or not values:
        return None
    notes = [unit_note(cell) for row in rows[: last + 1] for cell in row]
    table_unit = next((note for note in notes if note), None)
    if last + 1 < len(rows) and is_column_numbers(rows[last + 1]):
        last += 1
    return Columns(last, indicator, first("unit"), first("marker"), values, table_unit)


def find_header(rows: Sequence[Sequence[str]]) -> Optional[Columns]:
    for at in range(min(HEADER_SEARCH_ROWS, len(rows))):
        columns = read_header(rows, at)
        if columns is not None:
            return columns
    return None


def is_column_numbers(row: Sequence[str]) -> bool:
    """'A | B | 1 | 2 | 3 | 4=3/2', '(1) | (2) | (3)': the columns' numbers, not data."""
    cells = [cell.strip() for cell in row if cell.strip()]
    if len(cells) < 3 or not all(_COLUMN_CODE.match(cell) for cell in cells):
        return False
    numbers = [int(m.group()) for cell in cells if (m := regex.match(r"\d+", cell.strip("(")))]
    return len(numbers) >= 2 and all(a < b for a, b in zip(numbers, numbers[1:]))
