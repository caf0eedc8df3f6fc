"""Names in an Akoma Ntoso document: slugs, FRBR URIs and element ids (eIds).

URIs follow the Akoma Ntoso Naming Convention 1.0 (chapter 4):
``/akn/vn/act/{subtype}/{actor}/{date}/{number}`` for a work, ``…/vie@`` for its original
Vietnamese expression, ``/!main`` for its main component. eIds follow chapter 5: an
element's own part is its abbreviation and number (``art_2``, ``para_1``, ``point_a``), or
``nn`` and a counter when it has no number, joined to its parent's with ``__``
(``art_2__sec_I__para_1``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from .. import models
from ..normalise import fold
from ..vocabulary import load_table

COUNTRY = "vn"
LANGUAGE = "vie"  # ISO 639-2, as the naming convention's expression URIs use
# cobalt's placeholder for a date the schema requires but the text does not give.
NULL_DATE = "0001-01-01"
DEFAULT_SUBTYPE = "nghi-quyet"  # the documents this parser is for
NO_NUMBER = "nn"  # the naming convention's mark of an unnumbered work or element
SEPARATOR = "__"

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_ID = re.compile(r"[^\w.-]+")  # an eId keeps letters (đ stays apart from d), digits, '.' and '-'
_DATE_OR_NUMBER = re.compile(r" (?:ngày|số) \d")  # where a citation's name gives way to its date or number


def slug(text: Optional[str]) -> str:
    """'Hội đồng nhân dân huyện Bình Lục' → 'hoi-dong-nhan-dan-huyen-binh-luc'; '' for nothing."""
    return _NOT_SLUG.sub("-", fold(text or "")).strip("-")


def full_date(date: Optional[str]) -> Optional[str]:
    """An ISO date the schema accepts (xsd:date): a month or year alone is given its first day."""
    if not date:
        return None
    return date + "-01" * (2 - date.count("-"))


def _document_kind(type_name: Optional[str]) -> str:
    """'act' for a legal normative document (doc_types.tsv says which), 'doc' for any other."""
    for row in load_table("doc_types"):
        if type_name and fold(row["name"]) == fold(type_name):
            return "act" if row["legal"] == "yes" else "doc"
    return "doc"


def work_uri(resolution: models.Resolution) -> str:
    header = resolution.header
    parts = ["", "akn", COUNTRY, "act", slug(header.document_type) or DEFAULT_SUBTYPE,
             issuer_id(resolution), resolution.date() or NULL_DATE, slug(header.number) or NO_NUMBER]
    return "/".join(parts)


def expression_uri(work: str) -> str:
    """The original Vietnamese expression (no date after '@': the version as first made)."""
    return f"{work}/{LANGUAGE}@"


def cited_uri(document: models.CitedDocument) -> str:
    """An FRBR-style work URI for a cited document, from what its citation gives:
    /akn/vn/act/luat/2015/77-2015-qh13, /akn/vn/doc/to-trinh/2021-07-01/120-ttr-ubnd."""
    date = document.date or _year_in_number(document.number)
    name = slug(document.number) or slug(document.title) or slug(_bare_name(document)) or NO_NUMBER
    parts = [_document_kind(document.type), slug(document.type) or "van-ban", slug(document.issuer), date, name]
    return f"/akn/{COUNTRY}/" + "/".join(part for part in parts if part)


def _year_in_number(number: Optional[str]) -> Optional[str]:
    """'77/2015/QH13' was issued in 2015; '12/NQ-HĐND' does not say when."""
    parts = (number or "").split("/")
    return parts[1] if len(parts) > 2 and len(parts[1]) == 4 and parts[1].isdigit() else None


def _bare_name(document: models.CitedDocument) -> str:
    """A citation without its type word and what follows its name ('Luật Tổ chức chính quyền
    địa phương ngày 19 tháng 6 năm 2015' → 'Tổ chức chính quyền địa phương')."""
    name = document.name
    if document.type and fold(name).startswith(fold(document.type) + " "):
        name = name[len(document.type) + 1:]
    tail = _DATE_OR_NUMBER.search(name)
    return name[:tail.start()] if tail else name


def issuer_id(resolution: models.Resolution) -> str:
    issuer = resolution.header.issuer
    return slug(issuer.name if issuer else None) or "unknown-issuer"


class ElementIds:
    """Hands out eIds, unique in the whole document as the schema's eId key requires
    (a numbering the text repeats gets '_2', '_3' ... on its later copies)."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.unnumbered: Counter[str] = Counter()

    def make(self, parent: str, abbreviation: str, number: Optional[str] = None) -> str:
        """`parent`'s eId ('' at the top) joined to this element's own part."""
        prefix = f"{parent}{SEPARATOR}" if parent else ""
        own = _NOT_ID.sub("", (number or "").replace("_", "")).strip(".")
        if not own:
            self.unnumbered[prefix + abbreviation] += 1
            own = f"{NO_NUMBER}_{self.unnumbered[prefix + abbreviation]}"
        return self.unique(f"{prefix}{abbreviation}_{own}")

    def counted(self, parent: str, abbreviation: str) -> str:
        """An element that is never numbered (an indent, a table): its abbreviation and a counter."""
        prefix = f"{parent}{SEPARATOR}" if parent else ""
        self.unnumbered[prefix + abbreviation] += 1
        return self.unique(f"{prefix}{abbreviation}_{self.unnumbered[prefix + abbreviation]}")

    def unique(self, wanted: str) -> str:
        candidate, copy = wanted, 1
        while candidate in self.used:
            copy += 1
            candidate = f"{wanted}_{copy}"
        self.used.add(candidate)
        return candidate
