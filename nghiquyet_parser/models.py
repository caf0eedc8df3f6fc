"""The output schema: every model of a parsed resolution lives here.

`nghiquyet schema` turns `Resolution` into `schemas/resolution.schema.json`.
All spans are character offsets into the ORIGINAL text of the document (the text
the reader produced, before normalisation): ``resolution.text[span.start:span.end]``
gives back the source of every node and fact.
"""

from __future__ import annotations

import html
from typing import Iterator, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

IsoDate = Field(
    default=None,
    pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
    description="ISO 8601 date, partial where the text is: '2021', '2021-07', '2021-07-20'",
)


class Model(BaseModel):
    """Base of every output model: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """Half-open character range [start, end) in the original text."""

    start: int = Field(ge=0, description="offset of the first character")
    end: int = Field(ge=0, description="offset just after the last character")


# --------------------------------------------------------------------------- source


class SourceInfo(Model):
    """What the reader found out about the input file."""

    path: Optional[str] = Field(default=None, description="the input file as given; null for text or standard input")
    format: Literal["text", "docx", "doc", "pdf", "html"] = Field(default="text", description="the input's format, detected by content")
    encoding: Optional[str] = Field(
        default=None,
        description="detected encoding of a text input: utf-8, utf-8-sig, utf-16, "
        "windows-1258, tcvn3, vni, viscii ...",
    )
    detected_by: Optional[str] = Field(
        default=None, description="how format/encoding were decided (bom, content, extension ...)"
    )
    sha256: Optional[str] = Field(default=None, description="SHA-256 of the input bytes, hex")
    size_bytes: Optional[int] = Field(default=None, description="size of the input in bytes")
    parser_version: str = Field(default="", description="version of nghiquyet-parser that produced this output")


# --------------------------------------------------------------------------- header


IssuerLevel = Literal["national", "province", "district", "commune", "other"]


class Issuer(Model):
    """The body that issued the resolution (cơ quan ban hành), e.g. a People's Council."""

    name: str = Field(description="normalised full name: 'Hội đồng nhân dân huyện Bình Lục'")
    body: Optional[str] = Field(default=None, description="'Hội đồng nhân dân', 'Quốc hội' ...")
    level: Optional[IssuerLevel] = Field(default=None, description="administrative level of the issuer")
    unit_type: Optional[str] = Field(default=None, description="tỉnh, thành phố, huyện, xã ...")
    locality: Optional[str] = Field(default=None, description="'Bình Lục'")
    span: Span = Field(description="where the issuer's name is written")


class Header(Model):
    """The document header: issuer, number, place and date, type and title, council term and session."""

    issuer: Optional[Issuer] = Field(default=None, description="who issued it")
    number: Optional[str] = Field(default=None, description="number and symbol: '12/NQ-HĐND'")
    place: Optional[str] = Field(default=None, description="place of issue, before the date: 'Bình Lục'")
    date: Optional[str] = IsoDate
    document_type: Optional[str] = Field(default=None, description="'Nghị quyết'")
    title: Optional[str] = Field(default=None, description="the title (trích yếu): 'Về nhiệm vụ phát triển ...'")
    term: Optional[str] = Field(default=None, description="council term in Roman numerals")
    session: Optional[int] = Field(default=None, description="number of the council session (kỳ họp)")
    session_kind: Optional[Literal["regular", "thematic", "extraordinary"]] = Field(
        default=None, description="thường lệ (regular), chuyên đề (thematic) or bất thường (extraordinary)")
    sitting_dates: list[str] = Field(default_factory=list, description="ISO dates of the sitting")
    spans: dict[str, Span] = Field(
        default_factory=dict, description="where each header field was read, by field name"
    )
    span: Optional[Span] = Field(default=None, description="the whole header")


# --------------------------------------------------------------------------- citations


class CitedDocument(Model):
    """A legal or administrative document cited anywhere in the text."""

    type: Optional[str] = Field(default=None, description="Luật, Nghị định, Tờ trình ...")
    number: Optional[str] = Field(default=None, description="number/symbol: '77/2015/QH13'")
    date: Optional[str] = IsoDate
    issuer: Optional[str] = Field(default=None, description="who issued it, as the citation names it: 'Quốc hội'")
    title: Optional[str] = Field(default=None, description="its title (trích yếu), where the citation gives it")
    name: str = Field(description="the citation as written, normalised")
    span: Span = Field(description="the citation in the text")


class CitingParagraph(Model):
    """One 'Căn cứ ...' or 'Xét ...' paragraph with the documents it cites."""

    text: str = Field(description="the paragraph as written")
    span: Span = Field(description="the paragraph in the text")
    documents: list[CitedDocument] = Field(default_factory=list, description="the documents it cites, in order")


class EnactingFormula(Model):
    """The words that open the decisions: 'QUYẾT NGHỊ:' or 'NGHỊ QUYẾT:'."""

    text: str = Field(description="the formula as written")
    style: Literal["quyet_nghi", "nghi_quyet", "sentence"] = Field(
        description="'QUYẾT NGHỊ:', 'NGHỊ QUYẾT:', or a sentence ending in one")
    span: Span = Field(description="the formula in the text")


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
    """One unit of the article tree: a chapter, an article (Điều), a clause, a point, an indent, a table."""

    kind: NodeKind = Field(description="part (Phần), chapter (Chương), section (Mục), article (Điều), "
                           "roman, clause, point, indent, paragraph or table")
    marker: Optional[str] = Field(default=None, description="the marker as written: 'Điều 2.', '1-', 'a)'")
    number: Optional[str] = Field(default=None, description="'2', 'I', 'a'")
    heading: Optional[str] = Field(default=None, description="heading of an article/chapter/section")
    text: str = Field(default="", description="the node's own text, lines rejoined, without children")
    path: str = Field(default="", description="'Điều 2 › I › 3'")
    span: Span = Field(description="the whole node, children included")
    rows: Optional[list[list[str]]] = Field(default=None, description="cells, for kind='table'")
    children: list["Node"] = Field(default_factory=list, description="the nodes inside it, in order")


class AttachedDocument(Model):
    """A regulation, plan or programme issued with the resolution or decision ('Quy định ...
    ban hành kèm theo', a 'KẾ HOẠCH' after the signature), with a header of its own."""

    document_type: Optional[str] = Field(default=None, description="'Kế hoạch', 'Chương trình', 'Quy định' ...")
    title: Optional[str] = Field(default=None, description="its own title")
    caption: Optional[str] = Field(default=None, description="'(Ban hành kèm theo Nghị quyết số ...)'")
    attached_to: Optional[CitedDocument] = Field(
        default=None, description="the document it is issued with, as its caption names it (number, date)")
    span: Span = Field(description="the whole attached document")
    body: list[Node] = Field(default_factory=list, description="its article tree")


# --------------------------------------------------------------------------- closing


class AdoptionClause(Model):
    """'Nghị quyết này đã được Hội đồng nhân dân ... khóa XX, kỳ họp thứ 2 thông qua ngày ...'."""

    text: str = Field(description="the clause as written")
    date: Optional[str] = IsoDate
    effective_date: Optional[str] = IsoDate
    term: Optional[str] = Field(default=None, description="council term that adopted it, in Roman numerals")
    session: Optional[int] = Field(default=None, description="number of the session that adopted it")
    span: Span = Field(description="the clause in the text")


class Signature(Model):
    """The signature block: on whose behalf (TM., KT.), the body, the signer's role and name."""

    authority: Optional[str] = Field(default=None, description="'TM.', 'KT.'")
    body: Optional[str] = Field(default=None, description="'Hội đồng nhân dân'")
    role: Optional[str] = Field(default=None, description="'Chủ tịch', 'Phó Chủ tịch'")
    person: Optional[str] = Field(default=None, description="the signer's name")
    span: Span = Field(description="the signature block in the text")


class Recipient(Model):
    """One line of the recipients list (Nơi nhận)."""

    text: str = Field(description="the line as written, without its bullet")
    span: Span = Field(description="the line in the text")


class Footnote(Model):
    """A footnote, with the marker that points to it."""

    marker: Optional[str] = Field(default=None, description="its marker: '1', '*'")
    text: str = Field(description="the footnote's text")
    span: Span = Field(description="the footnote in the text")


class Appendix(Model):
    """An appendix ('PHỤ LỤC 01'): a list or table attached to the resolution or to one of
    its attached documents."""

    title: Optional[str] = Field(default=None, description="its heading: 'PHỤ LỤC 01 ...'")
    caption: Optional[str] = Field(default=None, description="'(Kèm theo Kế hoạch số ...)'")
    attached_to: Optional[CitedDocument] = Field(
        default=None, description="the document it belongs to, as its caption names it (number, date)")
    text: str = Field(default="", description="the appendix as written")
    span: Span = Field(description="the whole appendix")
    body: list[Node] = Field(default_factory=list, description="its items and tables")


class Closing(Model):
    """What follows the articles: the adoption clause, the signature and the recipients."""

    adoption: Optional[AdoptionClause] = Field(default=None, description="when and by whom it was adopted")
    signature: Optional[Signature] = Field(default=None, description="who signed it")
    recipients: list[Recipient] = Field(default_factory=list, description="the recipients list (Nơi nhận)")
    span: Optional[Span] = Field(default=None, description="the whole closing")


# --------------------------------------------------------------------------- knowledge


class Quantity(Model):
    """A number with its unit as written ('55,6 triệu đồng', '92%'), target or not."""

    value: float = Field(description="the number, with the decimal comma read: 55.6")
    value_max: Optional[float] = Field(default=None, description="upper end of a range ('từ 5 đến 7%')")
    unit: Optional[str] = Field(default=None, description="as written, lower case: 'triệu đồng'")
    normalised_value: Optional[float] = Field(default=None, description="in base units")
    normalised_max: Optional[float] = Field(default=None, description="value_max in base units")
    base_unit: Optional[str] = Field(default=None, description="'đồng', 'tấn', 'ratio', 'con' ...")
    approximate: bool = Field(default=False, description="said to be approximate ('khoảng', 'trên dưới')")
    text: str = Field(description="the quantity as written")
    span: Span = Field(description="the quantity in the text")
    decision: Literal["target", "not_target"] = Field(
        default="not_target", description="whether this value is a target's (every quantity ends with one decision)")
    reason: Optional[str] = Field(
        default=None, description="why it is not a target: 'norm_per_unit', 'place_count', 'date_or_period', "
        "'change_of_target', 'threshold_or_condition' ... (see `nghiquyet explain`)")
    rule: Optional[str] = Field(default=None, description="the rule that decided: 'exclusions', 'sentence', 'indicator_table' ...")


class Change(Model):
    """A rise or fall a target states ('tăng 9,2%'), with its size where given."""

    direction: Literal["up", "down"] = Field(description="up (tăng) or down (giảm)")
    value: Optional[float] = Field(default=None, description="the size of the change")
    unit: Optional[str] = Field(default=None, description="its unit: '%', 'điểm %' ...")


class Target(Model):
    """A target (chỉ tiêu) or a reported result: an indicator, its value and unit, where it is decided."""

    indicator: str = Field(description="what is measured: 'Thu nhập bình quân đầu người'")
    value: Optional[float] = Field(default=None, description="the level to reach, or the result reached")
    value_max: Optional[float] = Field(default=None, description="upper end of a range")
    unit: Optional[str] = Field(default=None, description="as written, lower case: 'triệu đồng', '%'")
    normalised_value: Optional[float] = Field(default=None, description="value in base units")
    normalised_max: Optional[float] = Field(default=None, description="value_max in base units")
    base_unit: Optional[str] = Field(default=None, description="'đồng', 'tấn', 'ratio', 'con' ...")
    comparator: Optional[Literal["=", ">", ">=", "<", "<=", "~"]] = Field(
        default=None, description="'>' for 'trên', '>=' for 'ít nhất', '<' for 'dưới', '<=' for 'không quá', "
        "'~' for 'khoảng'")
    kind: Literal["level", "change", "qualitative"] = Field(
        default="level", description="a level to reach, a change (tăng/giảm ...), or qualitative ('đạt chuẩn')")
    status: Literal["target", "result"] = Field(
        default="target", description="a target to reach, or a result reached (kết quả, ước thực hiện)")
    change: Optional[Change] = Field(default=None, description="the change stated with it ('tăng 9,2%')")
    baseline: Optional[str] = Field(default=None, description="what a change is measured against ('so với năm 2020')")
    price_basis: Optional[str] = Field(default=None, description="price basis of a money value ('giá so sánh 2010')")
    period: Optional[str] = Field(default=None, description="the period it is for: '2021', 'giai đoạn 2021-2025'")
    scope: Optional[str] = Field(default=None, description="the scope phrase it states: 'trên địa bàn'")
    article: Optional[int] = Field(default=None, description="number of the resolution's Điều it is decided in")
    path: str = Field(default="", description="the node it is in: 'Điều 2 › I › 1'")
    parent: Optional[int] = Field(
        default=None, description="index in `targets` of the target this one is part of ('trong đó')"
    )
    span: Span = Field(description="the value (and its unit) in the text")
    indicator_span: Optional[Span] = Field(default=None, description="the indicator in the text")
    sentence_span: Optional[Span] = Field(default=None, description="the sentence or table row it was read from")


class PlaceRef(Model):
    """An administrative unit named by its type, name and code (a parent or a successor)."""

    type: str = Field(description="unit word: xã, phường, huyện, tỉnh ...")
    name: str = Field(description="its name, without the unit word")
    code: Optional[str] = Field(default=None, description="official GSO code")


class Place(Model):
    """A place named in the text, linked to its administrative unit and code where one is found."""

    name: str = Field(description="as written, without the unit word")
    type: str = Field(description="unit word: xã, huyện, tỉnh, đô thị ...")
    is_administrative_unit: bool = Field(
        default=True, description="an administrative unit (xã, huyện, tỉnh), not a town, zone or other place")
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

    code: str = Field(description="what kind of problem: 'no_articles', 'numbering_gap' ...")
    message: str = Field(description="the problem in words")
    span: Optional[Span] = Field(default=None, description="where it is, when it has a place in the text")


# --------------------------------------------------------------------------- document


class Resolution(Model):
    """A parsed People's Council resolution (nghị quyết): its structure and the facts it decides."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="version of this schema")
    source: SourceInfo = Field(default_factory=SourceInfo, description="the input and how it was read")
    text: str = Field(default="", description="the original text; every span indexes into it. Empty "
                      "(absent from the JSON) when written with --no-text: the spans then index the input's text")
    header: Header = Field(default_factory=Header, description="issuer, number, date, title, term and session")
    legal_bases: list[CitingParagraph] = Field(default_factory=list, description="the 'Căn cứ ...' paragraphs")
    considerations: list[CitingParagraph] = Field(default_factory=list, description="the 'Xét ...' paragraphs")
    enacting_formula: Optional[EnactingFormula] = Field(default=None, description="'QUYẾT NGHỊ:'")
    body: list[Node] = Field(default_factory=list, description="chapters/articles of the resolution itself")
    attachments: list[AttachedDocument] = Field(
        default_factory=list, description="regulations, plans, programmes issued with it")
    closing: Closing = Field(default_factory=Closing, description="adoption clause, signature, recipients")
    footnotes: list[Footnote] = Field(default_factory=list, description="the footnotes")
    appendices: list[Appendix] = Field(default_factory=list, description="the appendices (Phụ lục)")
    targets: list[Target] = Field(default_factory=list, description="the targets and results it states")
    places: list[Place] = Field(default_factory=list, description="the places it names, with their codes")
    cited_documents: list[CitedDocument] = Field(default_factory=list, description="every document it cites")
    quantities: list[Quantity] = Field(default_factory=list, description="every quantity, target or not")
    warnings: list[ParseWarning] = Field(default_factory=list, description="what the parser could not settle")

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

    def date(self) -> Optional[str]:
        """The header's signing date, else the adoption date ('thông qua ngày ...')."""
        adoption = self.closing.adoption
        return self.header.date or (adoption.date if adoption else None)

    def __repr__(self) -> str:
        """Number, issuer, date and counts: a resolution's repr stays one short line."""
        header = self.header
        return (f"<Resolution {header.number or '(no number)'}, "
                f"{header.issuer.name if header.issuer else '(no issuer)'}, {self.date() or '(no date)'}: "
                f"{len(self.articles())} articles, {len(self.targets)} targets, {len(self.places)} places>")

    def _repr_html_(self) -> str:
        """A notebook's view: header fields and counts, then the first targets."""
        header = self.header
        facts = [
            ("number", header.number), ("issuer", header.issuer.name if header.issuer else None),
            ("date", self.date()), ("title", header.title),
            ("term, session", ", ".join(str(x) for x in (header.term, header.session) if x is not None) or None),
            ("articles", len(self.articles())), ("targets", len(self.targets)), ("places", len(self.places)),
            ("cited documents", len(self.cited_documents)), ("warnings", len(self.warnings)),
        ]
        rows = "".join(f"<tr><th style='text-align:left'>{name}</th><td style='text-align:left'>{_cell(value)}</td></tr>"
                       for name, value in facts)
        shown = self.targets[:HTML_TARGETS]
        targets = "".join(f"<tr><td style='text-align:left'>{_cell(t.indicator)}</td><td>{_cell(t.value)}</td>"
                          f"<td>{_cell(t.unit)}</td><td>{_cell(t.status)}</td></tr>" for t in shown)
        more = len(self.targets) - len(shown)
        caption = f"first {len(shown)} targets, and {more} more" if more else f"{len(shown)} targets"
        return (f"<table><caption>Resolution</caption>{rows}</table>"
                f"<table><caption>{caption}</caption><tr><th>indicator</th><th>value</th><th>unit</th>"
                f"<th>status</th></tr>{targets}</table>")


HTML_TARGETS = 10  # targets shown by Resolution._repr_html_


def _cell(value: object) -> str:
    return "" if value is None else html.escape(str(value))
