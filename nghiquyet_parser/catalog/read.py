"""Read an archive's catalogue: a TSV or CSV naming each input file and its number, date, issuer, level.

The file is checked whole before any document is converted: a catalogue that cannot be
read, has no key column, lists a file twice or holds a date or level that means nothing is
an `InputError` naming the file, the line and the problem. The column names each field may
have are data (`data/vocabulary/catalog_columns.tsv`), so are the spellings of a level
(`catalog_levels.tsv`).
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Optional, Union

import regex

from ..errors import InputError
from ..normalise import fold
from ..vocabulary import load_table

FIELDS = ("number", "date", "issuer", "level")
# ISO dates, whole or of a month: the precision a catalogue states is kept.
_ISO_DATE = regex.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


class CatalogRecord(NamedTuple):
    """One catalogue row: the input it names and what the catalogue says of it (None: not said)."""

    key: str  # the input's path relative to IN_DIR, as the catalogue writes it (NFC, '/' separators)
    number: Optional[str] = None
    date: Optional[str] = None  # ISO: yyyy-mm-dd or yyyy-mm
    issuer: Optional[str] = None  # as the catalogue writes it ('HĐND tỉnh Hậu Giang')
    level: Optional[str] = None  # national, province, district, commune or other
    line: int = 0  # its line in the catalogue file


@dataclass(frozen=True)
class Catalog:
    path: Path
    records: tuple[CatalogRecord, ...]


def _text(value: Optional[str]) -> str:
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def normalise_key(value: str) -> str:
    """'.\\2021\\a.txt' → '2021/a.txt': how a catalogue and a folder name one file alike."""
    key = _text(value).replace("\\", "/")
    while key.startswith("./"):
        key = key[2:]
    return key


@lru_cache(maxsize=1)
def _column_names() -> dict[str, tuple[str, ...]]:
    names: dict[str, list[str]] = {}
    for row in load_table("catalog_columns"):
        names.setdefault(row["field"], []).append(row["name"])
    return {field: tuple(found) for field, found in names.items()}


@lru_cache(maxsize=1)
def _levels() -> dict[str, str]:
    return {row["spelling"]: row["level"] for row in load_table("catalog_levels")}


def _decode(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(path, f"the catalogue cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(path, "the catalogue is not UTF-8 text") from None


def _header(path: Path, fieldnames: Optional[list[str]]) -> dict[str, str]:
    """field ('key', 'number' ...) → the catalogue's column holding it; the first known name wins."""
    # 'Doc Number', 'Số hiệu', 'Ngày ban hành' are doc_number, so_hieu, ngay_ban_hanh
    present = {"_".join(fold(name or "").split()): name for name in fieldnames or []}
    chosen: dict[str, str] = {}
    for field, names in _column_names().items():
        found = next((present[name] for name in names if name in present), None)
        if found is not None:
            chosen[field] = found
    if "key" not in chosen:
        raise InputError(path, "the catalogue has no key column: expected one of " + ", ".join(_column_names()["key"]))
    if not set(FIELDS) & set(chosen):
        wanted = "; ".join(f"{field}: {' or '.join(_column_names()[field])}" for field in FIELDS)
        raise InputError(path, f"the catalogue has no column to take from ({wanted})")
    return chosen


def _date(path: Path, line: int, value: str) -> Optional[str]:
    if not value:
        return None
    match = _ISO_DATE.fullmatch(value)
    try:
        if match is None:
            raise ValueError
        year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
        datetime.date(year, month, day)
    except ValueError:
        raise InputError(path, f"line {line}: date {value!r} is not an ISO date (yyyy-mm-dd or yyyy-mm)") from None
    return value


def _level(path: Path, line: int, value: str) -> Optional[str]:
    if not value:
        return None
    level = _levels().get(" ".join(fold(value).replace("_", " ").split()))
    if level is None:
        raise InputError(path, f"line {line}: level {value!r} is none of the known spellings "
                               f"({', '.join(sorted(set(_levels().values())))}, tinh, huyen, xa ...)")
    return level


def _record(path: Path, line: int, row: dict, columns: dict[str, str]) -> CatalogRecord:
    def cell(field: str) -> str:
        return _text(row.get(columns[field])) if field in columns else ""

    key = normalise_key(cell("key"))
    if not key:
        raise InputError(path, f"line {line}: no file named in the {columns['key']!r} column")
    return CatalogRecord(key=key, number=cell("number") or None, date=_date(path, line, cell("date")),
                         issuer=cell("issuer") or None, level=_level(path, line, cell("level")), line=line)


def _delimiter(header: str) -> str:
    """Tab when the header holds one; ';' for a spreadsheet's CSV in a locale writing decimal commas; else ','."""
    if "\t" in header:
        return "\t"
    return ";" if ";" in header and "," not in header else ","


def read_catalog(path: Union[str, Path]) -> Catalog:
    """The catalogue at `path`, checked whole: TSV or CSV, told apart by its header line."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "the catalogue is not a file")
    text = _decode(path)
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(text.split("\n", 1)[0]))
    try:
        columns = _header(path, reader.fieldnames)
        records: list[CatalogRecord] = []
        seen: dict[str, int] = {}
        for row in reader:
            record = _record(path, reader.line_num, row, columns)
            if record.key in seen:
                raise InputError(path, f"line {record.line}: {record.key!r} is listed twice (also line {seen[record.key]})")
            seen[record.key] = record.line
            records.append(record)
    except csv.Error as exc:
        raise InputError(path, f"line {reader.line_num}: the catalogue is not valid CSV/TSV ({exc})") from None
    return Catalog(path, tuple(records))
