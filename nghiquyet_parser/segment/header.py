"""The header: issuer, number, place and date, document type and title, term and session.

Header lines are often two columns side by side (issuer | motto, number | place and
date); they are read as cells, joined with single spaces while keeping each
character's normalised offset. Each field is then read by what it says, not by where
its cell stands: the issuer block and "Số:" belong to the left column, the motto and
the place-date line to the right one, but exporters interleave, merge or drop the
columns, so no field relies on a cell order. Every field read keeps its span
(`Header.spans`).

Header layouts read:
- columns as tab- or space-separated cells, as "| ... | ... |" table rows, or
  interleaved line by line (issuer, motto, issuer, motto, number, place-date);
- an issuer cell broken over lines ("HỘI" / "ĐỒNG NHÂN DÂN HUYỆN X"), a locality of
  several words, hyphenated ones included ("PHAN RANG - THÁP CHÀM");
- the motto on the issuer's line, glued to it or separated by a single space;
- "Số:" beside the place-date line, directly under the issuer, or missing; a blank
  number of a draft ("Số:    /NQ-HĐND") is no number;
- the place-date line anywhere before the document type, also beside the number in
  one cell ("Số: 87/NQ-HĐND Hải Hậu, ngày ..."), the place of one to five words or a
  whole cell ("Thành phố Hồ Chí Minh"), the date in words, numeric ("ngày 05/01/2010")
  or with a blank day ("ngày    tháng 12 năm 2023" → "2023-12");
- term and session in either order, on one line or two, with or without the
  council's mandate ("KHÓA VII, NHIỆM KỲ 2004-2009, KỲ HỌP THỨ 12", "KỲ HỌP THỨ BẢY,
  KHÓA XVII", "KHOÁ XVI KỲ HỌP LẦN THỨ 14"), then the sitting's dates in brackets;
- no header at all: the number (and date) from a caption "(Ban hành kèm theo Nghị
  quyết số ...)", term and session from the adoption clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import models
from ..citations import NUMBER, normalise_number
from ..dates import find_dates, first_date, words_to_int
from ..normalise import NormalisedText, fold
from ..vocabulary import alternation, column, load_table
from .contracts import Structure
from .lines import CELL_SPLIT, StrippedLine, mostly_upper, structure_words
from .regions import CAPTION
from .title import sentence_case, title_case

_RULE = regex.compile(r"^[-_=–—*.\s]{3,}$")
_DASH_RUN = regex.compile(r"[-–—]{3,}")
# "Số: 12/NQ-HĐND", "Nghị quyết số: 93/2025/UBTVQH15" opening a header cell (an upper-case
# "SỐ" belongs to a title naming another resolution).
_HEADER_NUMBER = regex.compile(r"(?:Nghị quyết\s+)?[Ss]ố\s*:?\s*(?P<n>" + NUMBER.pattern.replace("(?<![\\w/])", "") + ")")
# "Số: 12/NQ-HĐND" inside a cell, after other text ("HUYỆN X Số: 12/NQ-HĐND"): the colon is
# then required, for a title may say "số" of another document.
_INNER_NUMBER = regex.compile(r"(?<![\p{L}])Số\s*:\s*(?P<n>" + NUMBER.pattern.replace("(?<![\\w/])", "") + ")")
_DATE_WORD = regex.compile(r"(?<![\p{L}])ngày(?![\p{L}])", regex.IGNORECASE)
# The place before ", ngày": words in title case or short abbreviations ("TP. Hồ Chí Minh"),
# joined by spaces or a hyphen ("Phan Rang - Tháp Chàm"); not a symbol's tail ("NQ-HĐND").
_PLACE_WORD = r"(?:\p{Lu}\p{Ll}\p{L}*|\p{Lu}{1,3}\.|\p{Lu}{1,2}(?!\p{L}))"
_PLACE_TAIL = regex.compile(rf"(?<![\p{{L}}\d/\-–.])(?P<place>{_PLACE_WORD}(?:(?:\s+|\s*[-–]\s*|(?<=\.)){_PLACE_WORD}){{0,4}})\s*,\s*$")
# What may separate "ngày" from its date: nothing, or the blank left for the day.
_DAY_BLANK = regex.compile(r"^[\s.…_]*$")
# The term in Roman numerals, or in digits as some district archives type it ("KHÓA 9").
_TERM = regex.compile(r"\bKH[OÓ]A\s+(?P<term>[IVXL]+|\d{1,2})\b", regex.IGNORECASE)
_SESSION = regex.compile(
    r"\bKỲ\s+HỌP\s+(?:(?P<thematic>CHUYÊN\s+ĐỀ)(?:\s*(?:lần\s+)?(?:thứ\s+)?(?P<tn>\d+|[\p{L}]+(?:\s+[\p{L}]+){0,2}))?"
    r"|(?P<extra>BẤT\s+THƯỜNG)(?:\s*(?:lần\s+)?(?:thứ\s+)?(?P<en>\d+))?"
    r"|(?:LẦN\s+)?(?:THỨ\s+)?(?P<n>\d+)|(?:LẦN\s+)?THỨ\s+(?P<w>[\p{L}]+(?:\s+[\p{L}]+){0,2}))",
    regex.IGNORECASE,
)
# What ends a title: the term line, a bracket, the preamble, a number, or a place-date
# line set below the title ("Bến Nghé, ngày 30 tháng 6 năm 2015").
_TITLE_STOP = regex.compile(r"^(?:KH[OÓ]A\s|\(|Căn cứ|Số\s*:|Kính gửi|(?-i:\p{Lu}[^,:/\d]{0,50},\s*ngày(?!\p{L})))",
                            regex.IGNORECASE)
# "89NQ-HĐND": the slash lost in typing; only trusted in a caption naming the resolution.
_SLASHLESS = regex.compile(r"(?<!\w)(\d{1,5})(NQ[-–]\p{Lu}+)(?!\w)")
# "(Từ ngày 11 đến ngày 13/7/2007)": the days of the sitting, the last one dated in full.
_SITTING = regex.compile(r"\(\s*(?:Từ\s+)?ngày\s+\d{1,2}[^()]{0,80}?đến\s+(?:ngày\s+)?\d[^()]{0,40}\)", regex.IGNORECASE)
_DAY_ONLY = regex.compile(r"ngày\s+(\d{1,2})(?!\d)(?!\s*(?:/|tháng|-|\.\d))", regex.IGNORECASE)


@dataclass
class _Joined:
    """Header cells joined with single spaces, keeping each character's normalised offset."""

    text: str
    offsets: list[int]
    cell_starts: set[int]

    def span(self, norm: NormalisedText, start: int, end: int) -> models.Span:
        return norm.original_span(self.offsets[start], self.offsets[end - 1] + 1)


def parse_header(norm: NormalisedText, lines: list[StrippedLine], all_lines: list[StrippedLine]) -> models.Header:
    header = models.Header()
    cells = _cells(lines)
    joined = _join(cells)
    spans: dict[str, models.Span] = {}
    header.issuer = _parse_issuer(norm, joined)
    if header.issuer is not None and header.issuer.span is not None:
        spans["issuer"] = header.issuer.span
    number = next((m for at in sorted(joined.cell_starts) if (m := _HEADER_NUMBER.match(joined.text, at))), None)
    if number := number or _INNER_NUMBER.search(joined.text):
        header.number = normalise_number(number["n"])
        spans["number"] = joined.span(norm, number.start("n"), number.end("n"))
    else:
        _number_from_caption(norm, all_lines, header, spans)
    title_at = _parse_title(norm, cells, header, spans)
    _place_date(norm, joined, title_at, header, spans)
    for name, (start, end) in parse_term_session(joined.text, header).items():
        spans[name] = joined.span(norm, start, end)
    if sitting := _SITTING.search(joined.text):
        header.sitting_dates = _sitting_dates(sitting.group(0))
        spans["sitting_dates"] = joined.span(norm, sitting.start(), sitting.end())
    header.spans = spans
    if cells:
        header.span = norm.original_span(cells[0][0], cells[-1][0] + len(cells[-1][1]))
    return header


def _cells(lines: list[StrippedLine]) -> list[tuple[int, str]]:
    motto = [fold(m) for m in structure_words("motto")]
    cells: list[tuple[int, str]] = []
    for line in lines:
        pos = 0
        for piece in CELL_SPLIT.split(line.text):
            at = line.text.index(piece, pos) if piece else pos
            pos = at + len(piece)
            stripped = piece.strip()
            if not stripped or _RULE.match(stripped):
                continue
            folded = fold(stripped)
            for m in motto:  # "CỘNG HÒA ... VIỆT NAMĐộc lập - Tự do - Hạnh phúc---" glued cells
                if m in folded:
                    cut = folded.index(m)
                    stripped = (stripped[:cut] + " " * len(m) + stripped[cut + len(m):])
                    folded = fold(stripped)
            stripped_l = stripped.lstrip()
            offset = line.start + at + (len(piece) - len(piece.lstrip())) + (len(stripped) - len(stripped_l))
            stripped = _DASH_RUN.sub(" ", stripped_l).rstrip()
            if stripped.strip(" |*"):
                cells.append((offset, stripped))
    return cells


def _join(cells: list[tuple[int, str]]) -> _Joined:
    text_parts, offsets, starts = [], [], set()
    for offset, cell in cells:
        if text_parts:
            text_parts.append(" ")
            offsets.append(offsets[-1])
        starts.add(len(offsets))  # one offset per character joined so far
        text_parts.append(cell)
        offsets.extend(range(offset, offset + len(cell)))
    return _Joined("".join(text_parts), offsets, starts)


def _place_date(norm: NormalisedText, joined: _Joined, title_at: int | None, header: models.Header,
                spans: dict[str, models.Span]) -> None:
    """'<place>, ngày <date>' wherever it stands: the place is the rest of the date's cell
    when that is short and plain ('Thành phố Hồ Chí Minh'), else the title-case words before
    the comma ('Số: 87/NQ-HĐND Hải Hậu, ngày ...'). After the document type only a line of
    its own counts: a date inside the title dates another document."""
    starts = sorted(joined.cell_starts)
    for word in _DATE_WORD.finditer(joined.text):
        after_title = title_at is not None and joined.offsets[word.start()] >= title_at
        date = first_date(joined.text[word.start():word.start() + 50])
        if not date or not _DAY_BLANK.match(joined.text[word.end():word.start() + date.start]):
            continue
        # the place may close the cell before, the date wrapped to a line of its own
        cell_start = max((at for at in starts if at < word.start()), default=0)
        if word.start() not in starts:
            cell_start = max((at for at in starts if at <= word.start()), default=0)
        before = joined.text[cell_start:word.start()]
        if not before.rstrip().endswith(","):
            continue
        prefix = before.rstrip().rstrip(",").strip(" *")
        if prefix and len(prefix.split()) <= 6 and not regex.search(r"[:/\d]", prefix):
            place_start = cell_start + before.index(prefix)
            place = prefix
        elif after_title:
            continue
        elif tail := _PLACE_TAIL.search(joined.text[max(cell_start, word.start() - 80):word.start()]):
            place_start = max(cell_start, word.start() - 80) + tail.start("place")
            place = tail["place"]
        else:
            continue
        header.place = " ".join(place.split())
        header.date = date.iso
        spans["date"] = joined.span(norm, word.start(), word.start() + date.end)
        spans["place"] = joined.span(norm, place_start, place_start + len(place))
        return


@lru_cache(maxsize=None)
def _issuer_pattern() -> "regex.Pattern[str]":
    heading = alternation(column("issuers", "heading"), any_space=True)
    unit = alternation((w.upper() for w in column("unit_levels", "word")), any_space=True)
    stop = r"(?:KHÓA|SỐ|NGHỊ|KỲ|CỘNG|VỀ|QUYẾT|NĂM|ĐỘC|CHỦ|HỘI|ỦY)\b"
    word = r"(?!" + stop + r")[\p{Lu}\d][\p{Lu}\d]*(?:[-–][\p{Lu}\d]+)*(?![\p{L}\d])"
    # a locality of several words, also joined by a spaced hyphen ("PHAN RANG - THÁP CHÀM")
    return regex.compile(rf"(?P<body>{heading})(?:\s+(?P<unit>{unit})\s+(?P<name>{word}(?:(?:\s+|\s*[-–]\s*){word}){{0,4}}))?")


def _level(unit: str | None, locality: str | None, default: str | None) -> str | None:
    if not unit:
        return default or None
    levels = {row["word"]: row["level"] for row in load_table("unit_levels")}
    if unit == "thành phố" and locality and fold(locality) in {fold(c) for c in column("central_cities", "name")}:
        return "province"
    return levels.get(unit)


def _parse_issuer(norm: NormalisedText, joined: _Joined) -> models.Issuer | None:
    bodies = {h: (b, lvl) for h, b, lvl in
              ((r["heading"], r["body"], r["level"]) for r in load_table("issuers"))}
    candidates = [m for at in sorted(joined.cell_starts) if (m := _issuer_pattern().match(joined.text, at))]
    if not candidates:
        return None
    match = next((m for m in candidates if m["name"]), candidates[0])
    body, default_level = bodies[" ".join(match["body"].split())]
    unit = " ".join(match["unit"].split()).lower() if match["unit"] else None
    locality = " ".join(title_case(w) for w in match["name"].split()) if match["name"] else None
    name = f"{body} {unit} {locality}" if unit else body
    return models.Issuer(name=name, body=body, level=_level(unit, locality, default_level), unit_type=unit,
                         locality=locality, span=joined.span(norm, match.start(), match.end()))


@lru_cache(maxsize=None)
def _doc_types() -> dict[str, str]:
    """'QUYẾT ĐỊNH' → 'Quyết định': the types that head a document in capitals (doc_types.tsv)."""
    return {" ".join(name.upper().split()): name for name in column("doc_types", "name")}


@lru_cache(maxsize=None)
def _doc_type_heading() -> "regex.Pattern[str]":
    return regex.compile("^(?:" + alternation(_doc_types(), any_space=True) + ")$")


def _sitting_dates(text: str) -> list[str]:
    dated = find_dates(text)
    if not dated:
        return []
    last = dated[-1].iso
    found: list[tuple[int, str]] = [(d.start, d.iso) for d in dated]
    if len(last) == 10:  # a bare day borrows the month and year of the full date
        for m in _DAY_ONLY.finditer(text):
            if not any(d.start <= m.start() < d.end for d in dated) and 1 <= int(m[1]) <= 31:
                found.append((m.start(), f"{last[:8]}{int(m[1]):02d}"))
    return [iso for _, iso in sorted(found)]


def _number_from_caption(norm: NormalisedText, lines: list[StrippedLine], header: models.Header,
                         spans: dict[str, models.Span]) -> None:
    """'(Ban hành kèm theo Nghị quyết số 124/2017/NQ-HĐND ...)': the number of the resolution itself."""
    for i, line in enumerate(lines):
        if CAPTION.match(line.text):
            m = NUMBER.search(line.text) or _SLASHLESS.search(line.text)
            if m and m.start() < 60:
                number = normalise_number(m.group(0))
                header.number = number if "/" in number else _SLASHLESS.sub(r"\1/\2", number)
                spans["number"] = norm.original_span(line.start + m.start(), line.start + m.end())
                # The caption dates the resolution: "... số 89/NQ-HĐND ngày 14 tháng 7 năm 2017".
                window = " ".join(l.text for l in lines[i:i + 2])
                date = first_date(window[m.end():m.end() + 60])
                if date and date.start < 8 and header.date is None:
                    header.date = date.iso
            return


def _parse_title(norm: NormalisedText, cells: list[tuple[int, str]], header: models.Header,
                 spans: dict[str, models.Span]) -> int | None:
    """Document type and title; returns the normalised offset of the document type's cell."""
    doc_type = _doc_type_heading()
    for i, (offset, cell) in enumerate(cells):
        pair = " ".join(" ".join(c.replace("*", " ") for _, c in cells[i:i + 2]).split())
        bare = " ".join(cell.replace("*", "").split())
        if doc_type.match(pair) and not doc_type.match(bare):
            cells = cells[:i] + [(offset, cell)] + cells[i + 2:]  # "NGHỊ" / "QUYẾT" broken over two lines
            cell = bare = pair
        if doc_type.match(bare):
            header.document_type = _doc_types()[bare]
            spans["document_type"] = norm.original_span(offset, offset + len(cell))
            title_cells = []
            for next_offset, next_cell in cells[i + 1:]:
                clean = next_cell.strip(" *")
                if _TITLE_STOP.match(clean) or _issuer_pattern().match(clean):
                    break
                if title_cells and mostly_upper(title_cells[0][1]) and not mostly_upper(clean):
                    break  # a title in capitals ends where text in ordinary case begins
                title_cells.append((next_offset, next_cell))
            if title_cells:
                text = " ".join(" ".join(c.replace("*", " ").split()) for _, c in title_cells)
                header.title = sentence_case(text) if mostly_upper(text) else text
                spans["title"] = norm.original_span(title_cells[0][0], title_cells[-1][0] + len(title_cells[-1][1]))
            return offset
    return None


def parse_term_session(text: str, target: models.Header | models.AdoptionClause) -> dict[str, tuple[int, int]]:
    """Term and session, each searched on its own so that either order reads; returns where
    in `text` each field it set was found."""
    found: dict[str, tuple[int, int]] = {}
    if target.term is None and (m := _TERM.search(text)):
        target.term = _roman(int(m["term"])) if m["term"].isdigit() else m["term"].upper()
        found["term"] = m.span()
    if target.session is None and (m := _SESSION.search(text)):
        number = m["n"] or m["w"] or m["tn"] or m["en"]
        target.session = words_to_int(number) if number else None
        found["session"] = (m.start(), _trimmed_end(text, m))
        if isinstance(target, models.Header):
            target.session_kind = "thematic" if m["thematic"] else "extraordinary" if m["extra"] else "regular"
    return found


_NUMERALS = ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(value: int) -> str:
    """9 → 'IX': a term typed in digits, given as the gold and the law write it."""
    out = ""
    for amount, numeral in _NUMERALS:
        while value >= amount:
            out, value = out + numeral, value - amount
    return out


def _trimmed_end(text: str, m: "regex.Match[str]") -> int:
    """A session written in words may run into the next words ('THỨ BẢY, KHÓA'): end at the
    last number word read."""
    words = m["w"] or m["tn"]
    if not words:
        return m.end()
    kept = words.split()
    while kept and words_to_int(" ".join(kept)) != words_to_int(words):
        kept.pop()
    while len(kept) > 1 and words_to_int(" ".join(kept[:-1])) == words_to_int(words):
        kept.pop()
    group = "w" if m["w"] else "tn"
    return m.start(group) + len(" ".join(kept)) if kept else m.end()


def fill_header_from_closing(structure: Structure) -> None:
    """Term/session (and the session's kind) left unsaid by the header come from the adoption clause."""
    adoption = structure.closing.adoption
    if adoption is not None:
        parse_term_session(adoption.text, structure.header)
