"""The columns of every table: name, type and meaning, in order.

This is the one definition: the tables are built with these columns and dtypes, and
TABLES.md documents them (tests/test_tables.py checks that TABLES.md lists each one).
Types are pandas dtypes: `string` and `Int64` are nullable, so an empty cell stays empty
in CSV and null in Parquet instead of turning an integer column into floats.
"""

from __future__ import annotations

from typing import NamedTuple


class Column(NamedTuple):
    name: str
    dtype: str  # pandas dtype: string, Int64, Float64, boolean
    meaning: str


# Who issued the document, what and when: repeated on every fact row, so each table
# answers a question on its own, without a join.
DOCUMENT_KEY = (
    Column("document", "string", "document id: the input's path under the batch's IN_DIR ('2021/nq-12.docx'), "
           "or under the folder parsed; the file name (else the number) for a lone resolution"),
    Column("source_path", "string", "the input file as it was read (source.path of the JSON)"),
    Column("issuer", "string", "the issuing body's full name: 'Hội đồng nhân dân huyện Bình Lục'"),
    Column("issuer_level", "string", "national, province, district, commune or other"),
    Column("issuer_province_code", "string", "GSO code of the issuer's province (its own code for a provincial "
           "council, the province above it for a district or commune council); empty for a national issuer "
           "or when the gazetteer finds no single unit"),
    Column("issuer_district_code", "string", "GSO code of the issuer's district, for a district or commune council"),
    Column("issuer_commune_code", "string", "GSO code of the issuer's commune, for a commune council"),
    Column("number", "string", "number and symbol of the document: '12/NQ-HĐND'"),
    Column("date", "string", "ISO date of signing, else of adoption ('2021-07-20'; partial when the text is)"),
    Column("year", "Int64", "the year of `date`"),
)

SPAN = (
    Column("span_start", "Int64", "where the fact starts in the document's text (a character offset)"),
    Column("span_end", "Int64", "where it ends (exclusive): text[span_start:span_end] is the fact as written"),
)

# A number with its unit, as the text writes it and in base units: targets and quantities.
AMOUNT = (
    Column("value", "Float64", "the number: for a target the level to reach, or the result reached (55.6)"),
    Column("value_max", "Float64", "upper end of a range ('từ 5 đến 7%')"),
    Column("unit", "string", "the unit as written, lower case: 'triệu đồng', '%'"),
    Column("normalised_value", "Float64", "value in base units (55,600,000)"),
    Column("normalised_max", "Float64", "value_max in base units"),
    Column("base_unit", "string", "the base unit: 'đồng', 'ratio' (for %), 'tấn', 'ha', a counted noun ..."),
)

DOCUMENTS = DOCUMENT_KEY + (
    Column("json_path", "string", "the document's JSON under OUT_DIR (batch), else empty"),
    Column("format", "string", "the input's format: text, docx, doc, pdf or html"),
    Column("encoding", "string", "the detected encoding of a text input"),
    Column("sha256", "string", "SHA-256 of the input bytes"),
    Column("parser_version", "string", "version of nghiquyet-parser that wrote the JSON"),
    Column("document_type", "string", "'Nghị quyết', 'Kế hoạch', 'Quyết định' ..."),
    Column("title", "string", "the title (trích yếu)"),
    Column("issuer_unit_type", "string", "the issuer's unit word: tỉnh, thành phố, huyện, xã ..."),
    Column("issuer_locality", "string", "the issuer's unit name: 'Bình Lục'"),
    Column("term", "string", "council term, in Roman numerals"),
    Column("session", "Int64", "number of the council session (kỳ họp)"),
    Column("session_kind", "string", "regular, thematic or extraordinary"),
    Column("header_date", "string", "the header's signing date as read (date falls back to adoption_date)"),
    Column("adoption_date", "string", "the date of the adoption clause ('thông qua ngày ...')"),
    Column("effective_date", "string", "the date it takes effect, where the adoption clause says"),
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
    Column("path", "string", "the node it is in: 'Điều 2 › I › 1', 'Phụ lục 01 › Bảng'"),
    Column("indicator", "string", "what is measured: 'Thu nhập bình quân đầu người'"),
) + AMOUNT + (
    Column("comparator", "string", "=, >, >=, <, <= or ~ ('trên', 'ít nhất', 'dưới', 'không quá', 'khoảng')"),
    Column("kind", "string", "level (a level to reach), change (tăng/giảm ...) or qualitative ('đạt chuẩn')"),
    Column("status", "string", "target (to reach) or result (reached)"),
    Column("change_direction", "string", "up or down, when a change is stated ('tăng 9,2%')"),
    Column("change_value", "Float64", "the size of the change"),
    Column("change_unit", "string", "its unit: '%', 'điểm %' ..."),
    Column("baseline", "string", "what a change is measured against, as written ('2020', 'cùng kỳ')"),
    Column("baseline_year", "Int64", "the baseline when it is a year: 'so với năm 2020' → 2020"),
    Column("baseline_value", "Float64", "the baseline when it is an amount: '29,5 tỷ đồng' → 29.5"),
    Column("baseline_unit", "string", "the unit of baseline_value, as written: 'tỷ đồng'"),
    Column("price_basis", "string", "price basis of a money value ('giá so sánh 2010')"),
    Column("period", "string", "the period as written: 'đến năm 2030', 'giai đoạn 2021-2025', 'năm 2026'"),
    Column("period_start", "Int64", "first year of the period: 2021 for 'giai đoạn 2021-2025', 2026 for "
           "'năm 2026'; empty for 'đến năm 2030'"),
    Column("period_end", "Int64", "last year of the period: 2025, 2026, 2030 in the examples above"),
    Column("target_year", "Int64", "the year the target is for: the period's end; empty without a period"),
    Column("scope", "string", "the scope phrase it states: 'trên địa bàn'"),
) + SPAN

PLACES = DOCUMENT_KEY + (
    Column("name", "string", "the place as written, without its unit word"),
    Column("type", "string", "unit word: xã, phường, huyện, tỉnh, đô thị ..."),
    Column("code", "string", "official GSO code of the unit; empty when not found or ambiguous"),
    Column("is_administrative_unit", "boolean", "an administrative unit (xã, huyện, tỉnh), not a town or zone"),
    Column("code_note", "string", "why code is empty, or how it was chosen"),
    Column("evidence", "string", "why it was read as a place: 'gazetteer match', 'capitalised name' ..."),
    Column("parents", "string", "the units above it: 'huyện Bình Lục › tỉnh Hà Nam'"),
    Column("parent_codes", "string", "their codes, in the same order: '352 › 35'"),
    Column("successor_name", "string", "the unit it became on 2025-07-01"),
    Column("successor_code", "string", "that unit's GSO code"),
    Column("mentions", "Int64", "how many times the document names it"),
) + SPAN  # of the first mention

CITATIONS = DOCUMENT_KEY + (
    Column("where", "string", "legal_basis (a 'Căn cứ' paragraph), consideration ('Xét') or text (anywhere else)"),
    Column("cited_type", "string", "type of the cited document: Luật, Nghị định, Tờ trình ..."),
    Column("cited_number", "string", "its number and symbol: '77/2015/QH13'"),
    Column("cited_date", "string", "its ISO date, where the citation gives it"),
    Column("cited_issuer", "string", "who issued it, as the citation names it"),
    Column("cited_title", "string", "its title, where the citation gives it"),
    Column("cited_name", "string", "the citation as written, normalised"),
) + SPAN

QUANTITIES = DOCUMENT_KEY + (
    Column("text", "string", "the quantity as written: '55,6 triệu đồng'"),
) + AMOUNT + (
    Column("approximate", "boolean", "said to be approximate ('khoảng')"),
    Column("decision", "string", "target (the value of a target) or not_target"),
    Column("reason", "string", "why it is not a target: norm_per_unit, place_count, date_or_period ..."),
    Column("rule", "string", "the rule that decided: exclusions, sentence, indicator_table ..."),
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
