"""Cited-document grammar: type, number/symbol, date, issuer and title of a citation.

A citation in a resolution reads "<type> [số] <number/symbol> [ngày <date>] [của
<issuer>] [<title>]" ("Nghị định số 34/2016/NĐ-CP ngày 14/5/2016 của Chính phủ quy
định ..."), or, for a document cited without a number, "<type> <name> [ngày <date>]"
("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"). eyecite-style
tokenising does not fit: the grammar is Vietnamese, and the number/symbol form
("251/TTr-UBND", "05/2019/NQ-HĐND", "26-NQ/TW") is the anchor everything hangs on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .dates import first_date
from .vocabulary import alternation, column, load_table

# "251/TTr-UBND", "77/2015/QH13", "09/2016/TTLT-BGDĐT-BTC-BLĐTBXH", "251 /TTr-UBND"
# (spaces around slashes are typing noise), "26-NQ/TW", "10-CTr/TU" (Party documents),
# "8935/BNV-CTTN&BĐG" (a department's symbol joining two of its units).
# Parts of a symbol typed with a stray space or a dot for the hyphen ("46/BC- HĐND",
# "12/TTr .UBND", "12/TTr.UBND") are read too: the dot or spaced hyphen must lead to an
# agency's abbreviation in capitals, so that a sentence's full stop or a dash is not taken.
_AGENCY = r"\p{Lu}[\p{Lu}\d&]+(?![\p{L}\d])"
_SYMBOL = (r"\p{Lu}[\p{L}\d&]*(?:[-–]\s?[\p{Lu}\d][\p{L}\d&]*"
           rf"|\s[-–]\s?{_AGENCY}|\s?\.{_AGENCY})*")
NUMBER = regex.compile(
    rf"(?<![\w/])(?:\d{{1,6}}[a-z]?(?:\s*/\s*\d{{4}})?\s*/\s*{_SYMBOL}(?:/{_SYMBOL})?"
    rf"|\d{{1,6}}-\s?\p{{Lu}}\p{{L}}*/\p{{Lu}}[\p{{L}}\d]*)(?![\w/])"
)
_SPACED_SLASH = regex.compile(r"\s*/\s*")
_SPACED_HYPHEN = regex.compile(r"\s*-\s*")
_DOT_FOR_HYPHEN = regex.compile(r"(?<=\p{L})\s?\.(?=\p{Lu})")


@dataclass(frozen=True)
class Citation:
    """A document cited in a piece of text; offsets are relative to that text."""

    start: int
    end: int
    type: str | None
    number: str | None
    date: str | None
    issuer: str | None
    title: str | None
    name: str


def normalise_number(raw: str) -> str:
    """The official form of a number/symbol: '251 /TTr-UBND' → '251/TTr-UBND',
    '12/TTr .UBND' → '12/TTr-UBND'."""
    official = _DOT_FOR_HYPHEN.sub("-", _SPACED_SLASH.sub("/", raw.strip()).replace("–", "-"))
    return _SPACED_HYPHEN.sub("-", official)


@lru_cache(maxsize=None)
def _type_pattern() -> "regex.Pattern[str]":
    names = alternation(n for n in column("doc_types", "name") if n)
    return regex.compile(rf"(?<!\w)(?:{names})(?!\w)", regex.IGNORECASE)


def _canonical_type(written: str) -> str:
    return _types_by_lowercase().get(written.lower(), written)


@lru_cache(maxsize=None)
def _types_by_lowercase() -> dict[str, str]:
    """Each document type by its lowercase form; the first in the file wins, as when they were read in order."""
    by_lowercase: dict[str, str] = {}
    for name in column("doc_types", "name"):
        by_lowercase.setdefault(name.lower(), name)
    return by_lowercase


_ISSUER = regex.compile(r"^\s*,?\s*của\s+(.+?)(?=\s+(?:về|quy định|hướng dẫn|ban hành|sửa đổi|phê duyệt|điều chỉnh)\b|[;,]|$)")
_DATE_LEAD = regex.compile(r"^[\s,]*(?:ban hành\s+)?(?:ngày|$)|^[\s,]*\d", regex.IGNORECASE)


_TYPE_REACH = 120  # characters before a number where the type word governing it may stand


def _type_before(window: str, type_words: list["regex.Match[str]"]) -> str | None:
    """The document type written just before a number ('Nghị định số 34/...'), from the
    type words of the `window` of text before it."""
    best = None
    for word in type_words:
        between = window[word.end():]
        # The type governs the number when at most twelve words separate them ("số", or a
        # law's short name: "Luật Đầu tư công số 39/..."), and no other citation intervenes
        # (every number has a slash: testing for one spares most windows NUMBER's search).
        if ";" in between or "/" in between and NUMBER.search(between):
            continue
        if len(between.split()) <= 12:
            best = word
    return _canonical_type(best.group(0)) if best else None


def _date_after(text: str, end: int) -> tuple[str | None, int]:
    rest = text[end:end + 60]
    if not _DATE_LEAD.search(rest):
        return None, end
    date = first_date(rest)
    if date and date.start <= 12:
        return date.iso, end + date.end
    return None, end


def _issuer_after(text: str, end: int) -> str | None:
    match = _ISSUER.search(text[end:end + 160])
    return match.group(1).strip() if match else None


def find_numbered(text: str) -> list[Citation]:
    """Every document cited with a number/symbol in `text`."""
    if "/" not in text:
        return []  # every number/symbol has a slash; most blocks have none, and NUMBER tries every digit
    found: list[Citation] = []
    for match in NUMBER.finditer(text):
        window_start = max(0, match.start() - _TYPE_REACH)
        window = text[window_start:match.start()]
        type_words = list(_type_pattern().finditer(window))  # read once, for the type and the span
        doc_type = _type_before(window, type_words)
        start = _type_start(text, window_start, match.start(), type_words) if doc_type else match.start()
        date, end = _date_after(text, match.end())
        issuer = _issuer_after(text, end)
        found.append(Citation(start, end, doc_type, normalise_number(match.group(0)), date, issuer, None,
                              " ".join(text[start:end].split())))
    return found


def _type_start(text: str, window_start: int, number_start: int, type_words: list["regex.Match[str]"]) -> int:
    """Where a typed citation's span begins, so that it covers 'Nghị định số ...': at the
    last type word before the number, unless a ';' follows that word (then one follows
    every earlier type word too). The words were found in the window read as a text of its
    own; when one starts the window, the text itself is searched again, since in the text a
    letter just before the window makes that word the end of a longer one."""
    offset = window_start
    if window_start and type_words and type_words[0].start() == 0:
        type_words, offset = list(_type_pattern().finditer(text, window_start, number_start)), 0
    if type_words and ";" not in text[offset + type_words[-1].end():number_start]:
        return offset + type_words[-1].start()
    return number_start


# Separators between the documents of one citing paragraph ("...; Luật ...", "... và Luật ...").
_PIECE_SPLIT = regex.compile(r";|(?<=\d{4})\s*,?\s+và\s+(?=\p{Lu})")
_OPENER = regex.compile(r"^\s*(?:Căn cứ|Xét|Sau khi (?:nghe|xem xét)|Trên cơ sở(?: xem xét)?|Theo đề nghị(?: của)?)\s*:?\s*",
                        regex.IGNORECASE)
_TRAILING = regex.compile(r"[\s,.;:*]+$")


def cite_paragraph(text: str, *, named: bool = True) -> list[Citation]:
    """The documents a 'Căn cứ' / 'Xét' paragraph cites, in order.

    Numbered documents are listed by number; with `named`, a piece of the paragraph
    that starts with a document type and carries no number is listed by its name (and
    date), as in "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015".
    A document named only inside another's title ("... của Luật Ngân sách nhà nước")
    is not listed again.
    """
    found: list[Citation] = []
    pos = 0
    for piece_match in [*_PIECE_SPLIT.finditer(text), None]:
        piece_end = piece_match.start() if piece_match else len(text)
        piece = text[pos:piece_end]
        numbered = find_numbered(piece)
        lead = _named(piece, numbered) if named else None
        if lead:
            found.append(_shift(lead, pos))
        if numbered:
            numbered = _without_title_mentions(numbered) if not named else _outside_titles(piece, numbered)
            found.extend(_shift(c, pos) for c in numbered)
        pos = piece_match.end() if piece_match else len(text)
    return found


def _legal_types() -> set[str]:
    return {row["name"] for row in load_table("doc_types") if row["legal"] == "yes"}


def _without_title_mentions(numbered: list[Citation]) -> list[Citation]:
    """Drop legal documents named after a first citation of the piece: they sit in its title
    ("Tờ trình số 200/TTr-UBND về ... Nghị quyết số 22/2022/NQ-HĐND")."""
    legal = _legal_types()
    return [c for i, c in enumerate(numbered) if i == 0 or c.type not in legal]


# "Quyết định số 178/QĐ-TTg ... về ban hành Kế hoạch triển khai Thông báo kết luận số
# 196-TB/TW": what follows "về" is the first document's title.
# A title ends where the amendments of its document are named ("... về đánh giá cán bộ được
# sửa đổi, bổ sung bởi Nghị định số 48/2023/NĐ-CP"): those are cited too.
_TITLE_OPENER = regex.compile(r"(?<!\p{L})về(?!\p{L})", regex.IGNORECASE)
_AMENDED_BY = regex.compile(r"(?<!\p{L})(?:sửa\s+đổi|bổ\s+sung|thay\s+thế)(?!\p{L})[^;]{0,40}$", regex.IGNORECASE)


def _outside_titles(piece: str, numbered: list[Citation]) -> list[Citation]:
    """Drop documents cited inside the title of the citation before them ('... về ban
    hành Kế hoạch triển khai Thông báo số 196-TB/TW'); those named besides it stay: an
    amendment ('được sửa đổi, bổ sung bởi Luật số ...') or the next document of a list,
    after the title closes (') và Quyết định số ...', ', Nghị quyết số ...')."""
    kept = numbered[:1]
    for before, cite in zip(numbered, numbered[1:]):
        between = piece[before.end : cite.start]
        if not _TITLE_OPENER.search(between) or _AMENDED_BY.search(between) or _title_closed().search(between):
            kept.append(cite)
    return kept


@lru_cache(maxsize=None)
def _title_closed() -> "regex.Pattern[str]":
    """A title that ended before the next document of a list: '(Nghị quyết số 50/NQ-CP) và',
    ', Quyết định số', ' và Kế hoạch số'."""
    types = alternation((n for n in column("doc_types", "name") if n), any_space=True)
    return regex.compile(rf"\)\s*(?:,|và)|(?:[,;]|\svà)\s+(?:{types})\s+(?:số\s+)?$", regex.IGNORECASE)


# (?<!\s): a match can only start where a run of spaces starts (the leftmost match did anyway);
# without it a long run of spaces is rescanned from each of its positions, quadratic.
_NAME_END = regex.compile(r"(?<!\s)\s+(?:đã\s+được|được|số)\s|,|(?<!\s)\s+ngày\s")


def _named(piece: str, numbered: list[Citation]) -> Citation | None:
    """The document a piece of a paragraph opens with, by name, unless one of the piece's
    `numbered` citations names it (decided before its name's end is looked for, which
    reads the rest of the piece)."""
    opener = _OPENER.match(piece)
    start = opener.end() if opener else len(piece) - len(piece.lstrip())
    body = piece[start:]
    type_match = _type_pattern().match(body)
    if not type_match and not opener:
        return None
    doc_type = _canonical_type(type_match.group(0)) if type_match else None
    if numbered and (doc_type is None or numbered[0].type in (None, doc_type) or numbered[0].start <= start):
        return None  # "Luật ... số 72/2025/QH15": the number names the lead document
    date = first_date(body)
    if date:
        end = start + date.end
    elif cut := _NAME_END.search(body):
        end = start + cut.start()
    else:
        end = start + len(_TRAILING.sub("", body))
    if end <= start:
        return None
    return Citation(start, end, doc_type, None, date.iso if date else None, None, None,
                    " ".join(piece[start:end].split()))


def _shift(cite: Citation, by: int) -> Citation:
    return Citation(cite.start + by, cite.end + by, cite.type, cite.number, cite.date, cite.issuer, cite.title,
                    cite.name)
