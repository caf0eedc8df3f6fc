"""A document's issuer, level, number and date: what its text says, else what the catalogue says.

The text always wins; the catalogue only fills what the parser could not read. Each value
carries its source ('text', 'catalog', or None when neither has it), and where both have
a value and they differ, a `Conflict` keeps the two for the archivist: the text value stays
in the tables.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from ..citations import normalise_number
from ..normalise import fold
from ..vocabulary import column, load_table
from .read import CatalogRecord

TEXT, CATALOG = "text", "catalog"
# The key columns the catalogue can fill, and the field of a catalogue row that fills each.
FILLED = {"issuer": "issuer", "issuer_level": "level", "number": "number", "date": "date"}
# The first number of a document number, with its leading zeros: '01/2017/NQ-HĐND' is '1/2017/NQ-HĐND'.
_LEADING_ZEROS = regex.compile(r"^0+(?=\d)")


class Conflict(NamedTuple):
    """The text and the catalogue give one document different values of one field."""

    document: str
    field: str  # issuer, issuer_level, number or date
    text: str
    catalog: str
    catalog_line: int


class MergedKey(NamedTuple):
    values: dict[str, Optional[str]]  # issuer, issuer_level, number, date: the values the tables carry
    sources: dict[str, Optional[str]]  # the same fields: 'text', 'catalog' or None
    conflicts: list[Conflict]


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    return {row["abbreviation"]: row["expansion"] for row in load_table("abbreviations")}


def full_issuer(name: str) -> str:
    """'HĐND tỉnh Hậu Giang' → 'Hội đồng nhân dân tỉnh Hậu Giang': a catalogue's issuer as the tables name one."""
    return " ".join(_abbreviations().get(word, word) for word in name.split())


def issuer_unit(name: str) -> Optional[tuple[str, str]]:
    """('tỉnh', 'Hậu Giang') for 'Hội đồng nhân dân tỉnh Hậu Giang': the unit a council's name ends with."""
    for body in sorted(filter(None, column("issuers", "body")), key=len, reverse=True):
        if name.startswith(body + " "):
            rest = name[len(body) + 1:]
            for unit in sorted(column("unit_levels", "word"), key=len, reverse=True):
                if rest.startswith(unit + " ") and rest[len(unit) + 1:].strip():
                    return unit, rest[len(unit) + 1:].strip()
    return None


def _issuer_key(name: str) -> str:
    return " ".join(fold(full_issuer(name)).replace(" - ", "-").replace(" – ", "-").split())


def _number_key(number: str) -> str:
    return _LEADING_ZEROS.sub("", "".join(fold(number).replace("–", "-").split()))


def _agree(field: str, text: str, catalog: str) -> bool:
    if field == "issuer":
        return _issuer_key(text) == _issuer_key(catalog)
    if field == "number":
        return _number_key(text) == _number_key(catalog)
    if field == "date":  # '2021-07' and '2021-07-20' agree: one is only less precise
        return text.startswith(catalog) or catalog.startswith(text)
    return text == catalog


def merge_key(document: str, text: dict[str, Optional[str]], record: Optional[CatalogRecord]) -> MergedKey:
    """`text`: the FILLED fields as the parser read them; `record`: the document's catalogue row, if any."""
    values: dict[str, Optional[str]] = {}
    sources: dict[str, Optional[str]] = {}
    conflicts: list[Conflict] = []
    for field, catalog_field in FILLED.items():
        read = text.get(field)
        as_written = getattr(record, catalog_field) if record else None
        listed = full_issuer(as_written) if as_written and field == "issuer" else as_written
        if read:
            values[field], sources[field] = read, TEXT
            if listed and not _agree(field, read, listed):
                conflicts.append(Conflict(document, field, read, as_written, record.line))
        elif listed:
            values[field] = normalise_number(listed) if field == "number" else listed
            sources[field] = CATALOG
        else:
            values[field], sources[field] = None, None
    return MergedKey(values, sources, conflicts)
