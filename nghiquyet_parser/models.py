"""The output schema: every model of a parsed resolution lives here.

`nghiquyet schema` turns `Resolution` into `schemas/resolution.schema.json`.
All spans are character offsets into the ORIGINAL text of the document (the text
the reader produced, before normalisation): ``resolution.text[span.start:span.end]``
gives back the source of every node and fact.
"""

from __future__ import annotations

from typing import Iterator, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

IsoDate = Field(
    default=None,
    pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
    description="ISO 8601 date, partial where the text is: '2021', '2021-07', '2021-07-20'",
)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """Half-open character range [start, end) in the original text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


# --------------------------------------------------------------------------- source


class SourceInfo(Model):
    """What the reader found out about the input file."""

    path: Optional[str] = None
    format: Literal["text", "docx", "doc", "pdf", "html"] = "text"
    encoding: Optional[str] = Field(
        default=None,
        description="detected encoding of a text input: utf-8, utf-8-sig, utf-16, "
        "windows-1258, tcvn3, vni, viscii ...",
    )
    detected_by: Optional[str] = Field(
        default=None, description="how format/encoding were decided (bom, content, extension ...)"
    )
    sha256: Optional[str] = None
    size_bytes: Optional[int] = None
    parser_version: str = ""


# --------------------------------------------------------------------------- header


IssuerLevel = Literal["national", "province", "district", "commune", "other"]


class Issuer(Model):
    name: str = Field(description="normalised full name: 'Hội đồng nhân dân huyện Bình Lục'")
    body: Optional[str] = Field(default=None, description="'Hội đồng nhân dân', 'Quốc hội' ...")
    level: Optional[IssuerLevel] = None
    unit_type: Optional[str] = Field(default=None, description="tỉnh, thành phố, huyện, xã ...")
    locality: Optional[str] = Field(default=None, description="'Bình Lục'")
    span: Span


class Header(Model):
    issuer: Optional[Issuer] = None
    number: Optional[str] = Field(default=None, description="number and symbol: '12/NQ-HĐND'")
    place: Optional[str] = None
    date: Optional[str] = IsoDate
    document_type: Optional[str] = Field(default=None, description="'Nghị quyết'")
    title: Optional[str] = None
    term: Optional[str] = Field(default=None, description="council term in Roman numerals")
    session: Optional[int] = None
    session_kind: Optional[Literal["regular", "thematic", "extraordinary"]] = None
    sitting_dates: list[str] = Field(default_factory=list, description="ISO dates of the sitting")
    spans: dict[str, Span] = Field(
        default_factory=dict, description="where each header field was read, by field name"
    )
    span: Optional[Span] = None


# --------------------------------------------------------------------------- citations


class CitedDocument(Model):
    """A legal or administrative document cited anywhere in the text."""

    type: Optional[str] = Field(default=None, description="Luật, Nghị định, Tờ trình ...")
    number: Optional[str] = Field(default=None, description="number/symbol: '77/2015/QH13'")
    date: Optional[str] = IsoDate
    issuer: Optional[str] = None
    title: Optional[str] = None
    name: str = Field(description="the citation as written, normalised")
    span: Span


class CitingParagraph(Model):
    """One 'Căn cứ ...' or 'Xét ...' paragraph with the documents it cites."""

    text: str
    span: Span
    documents: list[CitedDocument] = Field(default_factory=list)


class EnactingFormula(Model):
    text: str
    style: Literal["quyet_nghi", "nghi_quyet", "sentence"]
    span: Span


# --------------------------------------------------------------------------- body

NodeKind = Literal[
    "part",  # Phần
    "chapter",  # Chương
    "section",  # Mục
    "article",  # Điều
    "roman",  # I., II.
    "clause",  # 1., 1-, 1)
    "point",  # a), đ)
    "indent",  # -, +, •
    "paragraph",  # unnumbered text
    "table",
]


PATH_SEPARATOR = " › "  # between the labels of a node path: "Điều 2 › I › 3"


def walk_nodes(nodes: list["Node"]) -> Iterator["Node"]:
    """Every node of a tree, depth first, each before its children."""
    for node in nodes:
        yield node
        yield from walk_nodes(node.children)


def path_and_ancestors(path: str) -> list[str]:
    """'Điều 2 › I › 3', 'Điều 2 › I', 'Điều 2': a node's path, then those of the nodes above it."""
    labels = path.split(PATH_SEPARATOR)
    return [PATH_SEPARATOR.join(labels[:depth]) for depth in range(len(labels), 0, -1)]


class Node(Model):
    kind: NodeKind
    marker: Optional[str] = Field(default=None, description="the marker as written: 'Điều 2.', '1-', 'a)'")
    number: Optional[str] = Field(default=None, description="'2', 'I', 'a'")
    heading: Optional[str] = Field(default=None, description="heading of an article/chapter/section")
    text: str = Field(default="", description="the node's own text, lines rejoined, without children")
    path: str = Field(default="", description="'Điều 2 › I › 3'")
    span: Span = Field(description="the whole node, children included")
    rows: Optional[list[list[str]]] = Field(default=None, description="cells, for kind='table'")
    children: list["Node"] = Field(default_factory=list)


class AttachedDocument(Model):
    """A regulation, plan or programme issued with the resolution or decision ('Quy định ...
    ban hành kèm theo', a 'KẾ HOẠCH' after the signature), with a header of its own."""

    document_type: Optional[str] = Field(default=None, description="'Kế hoạch', 'Chương trình', 'Quy định' ...")
    title: Optional[str] = None
    caption: Optional[str] = Field(default=None, description="'(Ban hành kèm theo Nghị quyết số ...)'")
    attached_to: Optional[CitedDocument] = Field(
        default=None, description="the document it is issued with, as its caption names it (number, date)")
    span: Span
    body: list[Node] = Field(default_factory=list)


# --------------------------------------------------------------------------- closing


class AdoptionClause(Model):
    text: str
    date: Optional[str] = IsoDate
    effective_date: Optional[str] = IsoDate
    term: Optional[str] = None
    session: Optional[int] = None
    span: Span


class Signature(Model):
    authority: Optional[str] = Field(default=None, description="'TM.', 'KT.'")
    body: Optional[str] = Field(default=None, description="'Hội đồng nhân dân'")
    role: Optional[str] = Field(default=None, description="'Chủ tịch', 'Phó Chủ tịch'")
    person: Optional[str] = None
    span: Span


class Recipient(Model):
    text: str
    span: Span


class Footnote(Model):
    marker: Optional[str] = None
    text: str
    span: Span


class Appendix(Model):
    """An appendix ('PHỤ LỤC 01'): a list or table attached to the resolution or to one of
    its attached documents."""

    title: Optional[str] = None
    caption: Optional[str] = Field(default=None, description="'(Kèm theo Kế hoạch số ...)'")
    attached_to: Optional[CitedDocument] = Field(
        default=None, description="the document it belongs to, as its caption names it (number, date)")
    text: str = ""
    span: Span
    body: list[Node] = Field(default_factory=list, description="its items and tables")


class Closing(Model):
    adoption: Optional[AdoptionClause] = None
    signature: Optional[Signature] = None
    recipients: list[Recipient] = Field(default_factory=list)
    span: Optional[Span] = None


# --------------------------------------------------------------------------- knowledge


class Quantity(Model):
    value: float
    value_max: Optional[float] = None
    unit: Optional[str] = Field(default=None, description="as written, lower case: 'triệu đồng'")
    normalised_value: Optional[float] = Field(default=None, description="in base units")
    normalised_max: Optional[float] = None
    base_unit: Optional[str] = Field(default=None, description="'đồng', 'tấn', 'ratio', 'con' ...")
    approximate: bool = False
    text: str
    span: Span


class Change(Model):
    direction: Literal["up", "down"]
    value: Optional[float] = None
    unit: Optional[str] = None


class Target(Model):
    indicator: str
    value: Optional[float] = None
    value_max: Optional[float] = None
    unit: Optional[str] = None
    normalised_value: Optional[float] = None
    normalised_max: Optional[float] = None
    base_unit: Optional[str] = None
    comparator: Optional[Literal["=", ">", ">=", "<", "<=", "~"]] = None
    kind: Literal["level", "change", "qualitative"] = "level"
    status: Literal["target", "result"] = "target"
    change: Optional[Change] = None
    baseline: Optional[str] = None
    price_basis: Optional[str] = None
    period: Optional[str] = None
    scope: Optional[str] = None
    article: Optional[int] = None
    path: str = ""
    parent: Optional[int] = Field(
        default=None, description="index in `targets` of the target this one is part of ('trong đó')"
    )
    span: Span = Field(description="the value (and its unit) in the text")
    indicator_span: Optional[Span] = None
    sentence_span: Optional[Span] = None


class PlaceRef(Model):
    type: str
    name: str
    code: Optional[str] = None


class Place(Model):
    name: str = Field(description="as written, without the unit word")
    type: str = Field(description="unit word: xã, huyện, tỉnh, đô thị ...")
    is_administrative_unit: bool = True
    code: Optional[str] = Field(default=None, description="official GSO code")
    code_note: Optional[str] = Field(default=None, description="why code is null, or how it was chosen")
    evidence: Optional[str] = Field(
        default=None,
        description="why it was read as a place: 'gazetteer match', 'capitalised name', 'list under a unit word', "
        "'number after a unit word', 'known region name'",
    )
    parents: list[PlaceRef] = Field(default_factory=list, description="district, then province")
    successor: Optional[PlaceRef] = Field(default=None, description="the unit it became on 2025-07-01")
    spans: list[Span] = Field(default_factory=list, description="every mention")


class ParseWarning(Model):
    """Something the parser noticed and could not settle (a numbering gap, an unread date,
    shares that do not sum to 100 %), with where it is."""

    code: str
    message: str
    span: Optional[Span] = None


# --------------------------------------------------------------------------- document


class Resolution(Model):
    schema_version: str = SCHEMA_VERSION
    source: SourceInfo = Field(default_factory=SourceInfo)
    text: str = Field(description="the original text; every span indexes into it")
    header: Header = Field(default_factory=Header)
    legal_bases: list[CitingParagraph] = Field(default_factory=list)
    considerations: list[CitingParagraph] = Field(default_factory=list)
    enacting_formula: Optional[EnactingFormula] = None
    body: list[Node] = Field(default_factory=list, description="chapters/articles of the resolution itself")
    attachments: list[AttachedDocument] = Field(default_factory=list)
    closing: Closing = Field(default_factory=Closing)
    footnotes: list[Footnote] = Field(default_factory=list)
    appendices: list[Appendix] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    cited_documents: list[CitedDocument] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list, description="every quantity, target or not")
    warnings: list[ParseWarning] = Field(default_factory=list)

    def articles(self) -> list[Node]:
        """The resolution's own articles, in order, wherever chapters put them."""
        found: list[Node] = []
        stack = list(reversed(self.body))
        while stack:
            node = stack.pop()
            if node.kind == "article":
                found.append(node)
            elif node.kind in ("part", "chapter", "section"):
                stack.extend(reversed(node.children))
        return found
