"""The columns of every table: name, type and meaning, in order.

This is the one definition: the tables are built with these columns and types, and
TABLES.md documents them (tests/test_tables.py checks that TABLES.md lists each one).
Types: `text` (pandas' string type, a missing value is NaN, so `frame.unit == "%"` is
simply False there), `Int64` (pandas' nullable integer: an empty cell does not turn the
column into floats, the `2.0` articles of earlier versions), `float64` (missing is NaN)
and `bool`.
"""

from __future__ import annotations

from typing import NamedTuple


class Column(NamedTuple):
    name: str
    dtype: str  # text, Int64, float64 or bool
    meaning: str


# Who issued the document, what and when: repeated on every fact row, so each table
# answers a question on its own, without a join.
DOCUMENT_KEY = (
    Column("document", "text", "document id: the input's path under the batch's IN_DIR ('2021/nq-12.docx'), "
           "or under the folder parsed; the file name (else the number) for a lone resolution"),
    Column("source_path", "text", "the input file as it was read (source.path of the JSON)"),
    Column("issuer", "text", "the issuing body's full name: 'Hội đồng nhân dân huyện Bình Lục' (a catalogue's "
           "'HĐND', 'UBND' written out)"),
    Column("issuer_level", "text", "national, province, district, commune or other"),
    Column("issuer_province_code", "text", "GSO code of the issuer's province (its own code for a provincial "
           "council, the province above it for a district or commune council); empty for a national issuer "
           "or when the gazetteer finds no single unit; found from the catalogue's issuer when the text has none"),
    Column("issuer_district_code", "text", "GSO code of the issuer's district, for a district or commune council"),
    Column("issuer_commune_code", "text", "GSO code of the issuer's commune, for a commune council"),
    Column("number", "text", "number and symbol of the document: '12/NQ-HĐND'"),
    Column("date", "text", "ISO date of signing, else of adoption ('2021-07-20'; partial when the text is)"),
    Column("year", "Int64", "the year of `date`"),
    # Where the four values above came from: an archive's catalogue (`--catalog`) fills only
    # what the text does not say, and the tables say which values it filled.
    Column("issuer_source", "text", "where `issuer` comes from: text (the document), catalog (the archive's "
           "catalogue, the text naming no issuer) or empty (neither)"),
    Column("issuer_level_source", "text", "where `issuer_level` comes from: text, catalog or empty"),
    Column("number_source", "text", "where `number` comes from: text, catalog or empty"),
    Column("date_source", "text", "where `date` (and so `year`) comes from: text, catalog or empty"),
)

SPAN = (
    Column("span_start", "Int64", "where the fact starts in the document's text (a character offset)"),
    Column("span_end", "Int64", "where it ends (exclusive): text[span_start:span_end] is the fact as written"),
)

# A number with its unit, as the text writes it and in base units: targets and quantities.
AMOUNT = (
    Column("value", "float64", "the number: for a target the level to reach, or the result reached (55.6)"),
    Column("value_max", "float64", "upper end of a range ('từ 5 đến 7%')"),
    Column("unit", "text", "the unit as written, lower case: 'triệu đồng', '%'"),
    Column("normalised_value", "float64", "value in base units (55,600,000)"),
    Column("normalised_max", "float64", "value_max in base units"),
    Column("base_unit", "text", "the base unit: 'đồng', 'ratio' (for %), 'tấn', 'ha', a counted noun ..."),
)

DOCUMENTS = DOCUMENT_KEY + (
    Column("json_path", "text", "the document's JSON under OUT_DIR (batch), else empty"),
    Column("format", "text", "the input's format: text, docx, doc, pdf or html"),
    Column("encoding", "text", "the detected encoding of a text input"),
    Column("sha256", "text", "SHA-256 of the input bytes"),
    Column("parser_version", "text", "version of nghiquyet-parser that wrote the JSON"),
    Column("document_type", "text", "'Nghị quyết', 'Kế hoạch', 'Quyết định' ..."),
    Column("title", "text", "the title (trích yếu)"),
    Column("issuer_unit_type", "text", "the issuer's unit word as the text writes it: tỉnh, thành phố, huyện, xã ..."),
    Column("issuer_locality", "text", "the issuer's unit name as the text writes it: 'Bình Lục'"),
    Column("term", "text", "council term, in Roman numerals"),
    Column("session", "Int64", "number of the council session (kỳ họp)"),
    Column("session_kind", "text", "regular, thematic or extraordinary"),
    Column("header_date", "text", "the header's signing date as read (date falls back to adoption_date)"),
    Column("adoption_date", "text", "the date of the adoption clause ('thông qua ngày ...')"),
    Column("effective_date", "text", "the date it takes effect, where the adoption clause says"),
    Column("n_articles", "Int64", "number of articles (Điều) of the document itself"),
    Column("n_attachments", "Int64", "number of attached regulations, plans or programmes"),
    Column("n_appendices", "Int64", "number of appendices (Phụ lục)"),
    Column("n_targets", "Int64", "rows of this document in the targets table"),
    Column("n_places", "Int64", "rows of this document in the places table"),
    Column("n_citations", "Int64", "rows of this document in the citations table"),
    Column("n_quantities", "Int64", "rows of this document in the quantities table"),
    Column("n_warnings", "Int64", "warnings the parser left on this document"),
)

TARGETS = DOCUMENT_KEY + (
    Column("article", "Int64", "number of the document's own Điều the target is decided in; empty inside an "
           "attached document or appendix, and in documents without articles"),
    Column("path", "text", "the node it is in: 'Điều 2 › I › 1', 'Phụ lục 01 › Bảng'"),
    Column("indicator", "text", "what is measured: 'Thu nhập bình quân đầu người'"),
) + AMOUNT + (
    Column("comparator", "text", "=, >, >=, <, <= or ~ ('trên', 'ít nhất', 'dưới', 'không quá', 'khoảng')"),
    Column("kind", "text", "level (a level to reach), change (tăng/giảm ...) or qualitative ('đạt chuẩn')"),
    Column("status", "text", "target (to reach) or result (reached)"),
    Column("change_direction", "text", "up or down, when a change is stated ('tăng 9,2%')"),
    Column("change_value", "float64", "the size of the change"),
    Column("change_unit", "text", "its unit: '%', 'điểm %' ..."),
    Column("baseline", "text", "what a change is measured against, as written ('2020', 'cùng kỳ')"),
    Column("baseline_year", "Int64", "the baseline when it is a year: 'so với năm 2020' → 2020"),
    Column("baseline_value", "float64", "the baseline when it is an amount: '29,5 tỷ đồng' → 29.5"),
    Column("baseline_unit", "text", "the unit of baseline_value, as written: 'tỷ đồng'"),
    Column("price_basis", "text", "price basis of a money value ('giá so sánh 2010')"),
    Column("period", "text", "the period as written: 'đến năm 2030', 'giai đoạn 2021-2025', 'năm 2026'"),
    Column("period_start", "Int64", "first year of the period: 2021 for 'giai đoạn 2021-2025', 2026 for "
           "'năm 2026'; empty for 'đến năm 2030'"),
    Column("period_end", "Int64", "last year of the period: 2025, 2026, 2030 in the examples above"),
    Column("target_year", "Int64", "the year the target is for: the period's end; empty without a period"),
    Column("scope", "text", "the scope phrase it states: 'trên địa bàn'"),
) + SPAN

PLACES = DOCUMENT_KEY + (
    Column("name", "text", "the place as written, without its unit word"),
    Column("type", "text", "unit word: xã, phường, huyện, tỉnh, đô thị ..."),
    Column("code", "text", "official GSO code of the unit; empty when not found or ambiguous"),
    Column("is_administrative_unit", "bool", "an administrative unit (xã, huyện, tỉnh), not a town or zone"),
    Column("code_note", "text", "why code is empty, or how it was chosen"),
    Column("evidence", "text", "why it was read as a place: 'gazetteer match', 'capitalised name' ..."),
    Column("parents", "text", "the units above it: 'huyện Bình Lục › tỉnh Hà Nam'"),
    Column("parent_codes", "text", "their codes, in the same order: '352 › 35'"),
    Column("successor_name", "text", "the unit it became on 2025-07-01"),
    Column("successor_code", "text", "that unit's GSO code"),
    Column("mentions", "Int64", "how many times the document names it"),
) + SPAN  # of the first mention

CITATIONS = DOCUMENT_KEY + (
    Column("where", "text", "legal_basis (a 'Căn cứ' paragraph), consideration ('Xét') or text (anywhere else)"),
    Column("cited_type", "text", "type of the cited document: Luật, Nghị định, Tờ trình ..."),
    Column("cited_number", "text", "its number and symbol: '77/2015/QH13'"),
    Column("cited_date", "text", "its ISO date, where the citation gives it"),
    Column("cited_issuer", "text", "who issued it, as the citation names it"),
    Column("cited_title", "text", "its title, where the citation gives it"),
    Column("cited_name", "text", "the citation as written, normalised"),
) + SPAN

QUANTITIES = DOCUMENT_KEY + (
    Column("text", "text", "the quantity as written: '55,6 triệu đồng'"),
) + AMOUNT + (
    Column("approximate", "bool", "said to be approximate ('khoảng')"),
    Column("decision", "text", "target (the value of a target) or not_target"),
    Column("reason", "text", "why it is not a target: norm_per_unit, place_count, date_or_period ..."),
    Column("rule", "text", "the rule that decided: exclusions, sentence, indicator_table ..."),
) + SPAN

TABLES = {
    "documents": DOCUMENTS,
    "targets": TARGETS,
    "places": PLACES,
    "citations": CITATIONS,
    "quantities": QUANTITIES,
}
TABLE_NAMES = tuple(TABLES)


def names(table: str) -> list[str]:
    return [column.name for column in TABLES[table]]
