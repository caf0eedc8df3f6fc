"""Places: administrative units and named areas, linked to the gazetteer.

`find_mentions` reads the mentions in a text, `link` finds each one's unit in the
gazetteer; the component `nq_places` (module `places`) runs them on a Doc and writes
doc.spans["places"] (label = unit word) with the Span extensions place_type,
place_name, place_code, place_note. `context_for` and `collect_places` work at the
level of a resolution: the issuer's area, and one Place per distinct name, from the
`LinkedMention`s extract() gathers (or `places.collect_doc_places` from Docs). Nothing
here imports spaCy.

Why a regex over the Doc text rather than spaCy's Matcher: a place is a unit word
followed by capitalised syllables, and a list governed by one unit word ("3 xã (Bình
Nghĩa, Đồng Du, Tiêu Động)", "các xã: A, B và C") needs a look-ahead over punctuation
and case that token patterns express poorly; more importantly the component must work
with any tokenizer (underthesea joins "Vũ Bản" into one token, spacy.blank does not).
Character offsets are mapped back with doc.char_span(alignment_mode="expand").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

import regex

from .. import models
from ..gazetteer import Gazetteer, Unit, area_codes, spelling_key
from ..vocabulary import load_table, trie_alternation
from .place_names import (
    CAPITALISED,
    GAZETTEER_MATCH,
    KNOWN_REGION,
    LISTED,
    NUMBER,
    caps_name,
    judge,
    region_at,
)

SPANS_KEY = "places"  # the nq_places component's default spans_key

NOT_ADMINISTRATIVE = "not an administrative unit"
NOT_FOUND = "not found in gazetteer"


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class PlaceWords:
    kinds: dict[str, str]  # lower-case unit word -> unit | village | area
    not_after: dict[str, frozenset[str]]  # 'bản' -> {'văn', 'phiên', ...}
    stops: dict[str, tuple[tuple[str, bool], ...]]  # first word -> (lower-case phrase, ends a name too) opening no place
    after_number: frozenset[str]  # lower-case words that may follow a number naming a unit
    unit_word: "regex.Pattern[str]"
    name: "regex.Pattern[str]"
    number: "regex.Pattern[str]"
    separator: "regex.Pattern[str]"


_SYLLABLE = r"\p{Lu}[\p{Ll}'’]*(?:-\p{Lu}?[\p{Ll}'’]+)*"
# a space, or one line break: PDF/HTML text wraps lines inside a name ('Thừa\nThiên Huế')
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
# a bare number names a unit only after a capitalised unit word or a village word
# ('Phường 1', 'thôn 5'); after a name only one digit or letter ('A Lưới 2', 'Mỹ An Hưng A'),
# so that 'thị trấn Đồng Văn 38 ...' (a count) is not read as a name; '12,5' is a decimal, no name
_NUMBER = r"(?:\d{1,3}[A-Za-z]?|[IVX]{1,4})(?![\p{L}\d]|[.,]\d)"
_SUFFIX = r"(?:\d|[IVX]{1,4}|[A-Z])(?![\p{L}\d])"


def _stop_key(text: str) -> str:
    # lower case but with diacritics: folded, 'Bộ' (a ministry) would stop 'Bồ Đề'
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def _by_first_word(stops: Iterable[tuple[str, bool]]) -> dict[str, tuple[tuple[str, bool], ...]]:
    # _is_stop runs at every space of every name: it looks only at the stops that share the first word
    grouped: dict[str, list[tuple[str, bool]]] = {}
    for stop, anywhere in stops:
        grouped.setdefault(stop.split(" ", 1)[0], []).append((stop + " ", anywhere))
    return {first: tuple(group) for first, group in grouped.items()}


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    rows = load_table("place_words")
    units = [row for row in rows if row["kind"] not in ("stop", "after_number")]
    words = [row["word"] for row in units]
    # the unit word in lower case, with a capital first letter ('Xã', 'Thành phố') or in
    # capitals ('TỈNH'): after capitals only a name the gazetteer knows counts (place_names)
    # a line break may fall inside a unit word of several words ('Khu\nkinh tế Ninh Cơ')
    alternatives = trie_alternation(
        alt for word in words for alt in (word, word[0].upper() + word[1:], word.upper())
    ).replace(r"\ ", _GAP)
    return PlaceWords(
        kinds={row["word"]: row["kind"] for row in units},
        not_after={row["word"]: frozenset(filter(None, row["not_after"].split("|"))) for row in units},
        after_number=frozenset(row["word"] for row in rows if row["kind"] == "after_number"),
        stops=_by_first_word(
            (_stop_key(row["word"]), " " in row["word"] or row["level"] == "anywhere")
            for row in rows
            if row["kind"] == "stop"
        ),
        unit_word=regex.compile(rf"(?<![\p{{L}}\d])(?:{alternatives})(?![\p{{L}}\d])"),
        # capitalised syllables, optionally ending in a number ('A Lưới 2'), or a bare
        # number ('Phường 1'); a hyphen may join syllables ('Bà Rịa-Vũng Tàu')
        name=regex.compile(
            rf"{_SYLLABLE}(?:{_GAP}{_SYLLABLE})*(?:[ \t]?-[ \t]?{_SYLLABLE}(?:{_GAP}{_SYLLABLE})*)?"
            rf"(?:{_GAP}{_SUFFIX})?(?![\p{{L}}\d])"
        ),
        number=regex.compile(_NUMBER),
        # between list items; a parenthesis may follow an item ('Mỹ Hội (huyện Cao Lãnh), Mỹ Xương')
        separator=regex.compile(rf"(?:[ \t]*\([^()\n]{{1,40}}\))?[ \t]*(?:,|;|\bvà\b|,[ \t]*và\b){_GAP}?"),
    )


# the governed list may open after a count or 'các'/'những' and a colon or parenthesis
_LIST_OPENING = regex.compile(rf"[ \t]*(?:,?[ \t]*(?:gồm|bao gồm)\b)?[ \t]*(?::|\()?{_GAP}?")
# after a plural unit word, a few lower-case words then 'như' ('các khu kinh tế có tiềm năng lớn
# như Vân Đồn, Vân Phong', 'các tỉnh/thành phố như: Lào Cai')
_SUCH_AS = regex.compile(rf"(?:[ \t]+\p{{Ll}}+){{0,8}}?[ \t]+như[ \t]*:?{_GAP}?")
_PLURAL = regex.compile(r"(?:các|những|số|(?<!\d)\d+)[ \t]+$")  # a number from its first digit: quadratic otherwise
_LOWER_WORD_AFTER = regex.compile(r"[ \t]+(\p{Ll}+)")
_LOWER_AFTER = regex.compile(r"[ \t]+\p{Ll}")


@dataclass
class Mention:
    start: int
    end: int
    type: str
    name: str
    evidence: str = CAPITALISED  # why it was read as a place (place_names)


def find_mentions(text: str, *, known_only: bool = False) -> list[Mention]:
    """The places `text` names; with `known_only`, only names the gazetteer knows (a title
    whose capitals were restored)."""
    words = place_words()
    mentions: list[Mention] = []
    for match in words.unit_word.finditer(text):
        if any(m.start <= match.start() < m.end for m in mentions[-50:]):
            continue  # inside a name already read ('xã Bản Công'); lists are short, so look back a little
        unit_type = " ".join(match.group().lower().split())
        previous_word = text[max(0, match.start() - 12) : match.start()].split()[-1:]
        if previous_word and previous_word[0].lower() in words.not_after[unit_type]:
            continue
        kind = words.kinds[unit_type]
        if match.group().isupper():  # capitals say nothing: only the gazetteer's names
            found = caps_name(text, match.end(), unit_type, kind)
            if found:
                mentions.append(Mention(match.start(), found[0], found[2], found[1], GAZETTEER_MATCH))
            continue
        position = _LIST_OPENING.match(text, match.end()).end()
        if _PLURAL.search(text[max(0, match.start() - 12) : match.start()]):
            such_as = _SUCH_AS.match(text, match.end())
            position = such_as.end() if such_as else position
        region = region_at(text, position)
        if region:  # 'vùng Đồng bằng sông Cửu Long'; after 'các tỉnh' a region is no unit's name
            if unit_type == "vùng":
                mentions.append(Mention(match.start(), region[0], unit_type, region[1], KNOWN_REGION))
            continue
        _read_list(text, match, position, unit_type, kind, words, mentions, known_only)
    return mentions


def _read_list(text, match, position, unit_type, kind, words, mentions, known_only) -> None:
    """The names a unit word governs, from `position`: one, or a list."""
    first = True
    numbered = match.group()[0].isupper() or kind == "village"
    gap = text[match.end() : position]
    while True:
        name = words.name.match(text, position) or (numbered and words.number.match(text, position))
        if (
            not name
            or _is_stop(text[position : position + 40], words)
            or (not first and words.unit_word.match(text, position))  # the next unit word governs
        ):
            return
        value = _trim(text, name.start(), name.end(), words)
        if _sentence_start(text, position, name.start() + len(value)):
            return
        if name.re is words.number:
            if known_only or _is_count(text, name.end(), words):
                return
            verdict = (value, unit_type, NUMBER if first else LISTED)
        else:
            verdict = judge(text, name.start(), value, unit_type, kind, first=first, gap=gap, known_only=known_only)
        if verdict is None:
            return
        value, place_type, evidence = verdict
        # the name as written, but a line break wrapped inside it is a space
        mentions.append(Mention(name.start(), name.start() + len(value), place_type, " ".join(value.split()), evidence))
        if first and not text[match.end() : name.start()].strip():
            mentions[-1].start = match.start()  # 'xã Vũ Bản'; a list's items are spanned alone
        first = False
        position = name.start() + len(value)
        separator = words.separator.match(text, position)
        if not separator or separator.end() == position:
            return
        gap = text[position : separator.end()]
        position = separator.end()


def _is_count(text: str, end: int, words: PlaceWords) -> bool:
    """A number followed by a lower-case word counts something ('mỗi thôn 5 người'), unless
    the word is a unit word or may follow a name ('Phường 3 thuộc quận 1')."""
    after = _LOWER_WORD_AFTER.match(text[end : end + 30])
    return bool(after) and after.group(1) not in words.after_number and not words.unit_word.match(
        text, end + after.start(1)
    )


def _sentence_start(text: str, gap_start: int, name_end: int) -> bool:
    """One capitalised word after a line break and before a lower-case word opens a
    sentence ('khu công nghiệp:\nPhấn đấu ...'), it does not name a place."""
    name = text[gap_start:name_end]
    return "\n" in text[gap_start - 3 : gap_start + 1] + name[:3] and len(name.split()) == 1 and bool(
        _LOWER_AFTER.match(text[name_end : name_end + 3])
    )


def _is_stop(text: str, words: PlaceWords, inside_name: bool = False) -> bool:
    """Does `text` start with a stop phrase ('Ủy ban ...')? Inside a name only phrases of
    several words (or marked 'anywhere') count: 'Phòng' opens no place, but ends 'Hải Phòng'."""
    key = _stop_key(text) + " "
    stops = words.stops.get(key[: key.index(" ")], ())
    return any(key.startswith(stop) for stop, anywhere in stops if anywhere or not inside_name)


def _trim(text: str, start: int, end: int, words: PlaceWords) -> str:
    """The name up to where a stop phrase starts ('Vũ Bản Ủy ban nhân dân' -> 'Vũ Bản')."""
    name = text[start:end]
    for index, char in enumerate(name):
        if char.isspace() and _is_stop(text[start + index + 1 : start + index + 41], words, inside_name=True):
            return name[:index]
    return name


# --------------------------------------------------------------------------- linking


def link(unit_type: str, name: str, context: Optional[dict]) -> tuple[Optional[Unit], str]:
    """The gazetteer unit for a mention, preferring the issuer's district, then province,
    then a unit unique nationwide; and a note saying how it was chosen or why not.
    (collect_places then tries the districts and provinces the document names.)"""
    if place_words().kinds.get(unit_type) != "unit":
        return None, NOT_ADMINISTRATIVE
    gazetteer = Gazetteer.load()
    context = context or {}
    date = context.get("date")
    scopes = [
        ({"district": context.get("district_code")}, "in the issuer's district"),
        ({"province": context.get("province_code")}, "in the issuer's province"),
        ({}, "unique nationwide"),
    ]
    candidates: list[Unit] = []
    for where, how in scopes:
        if where and not all(where.values()):
            continue
        candidates = gazetteer.find(unit_type, name, date=date, **where) or (
            gazetteer.find(unit_type, name, **where) if date else []
        )
        if len({unit.code for unit in candidates}) == 1:
            return candidates[0], how
        if candidates and "district" in where:
            break  # two units of that name in the district: a wider scope will not decide
    candidates = candidates or gazetteer.find(unit_type, name)
    if not candidates:
        return None, NOT_FOUND
    return None, f"ambiguous: {len({unit.code for unit in candidates})} candidates"


# --------------------------------------------------------------------------- document level


def context_for(header: models.Header, adoption_date: Optional[str] = None) -> dict:
    """nq_context for a resolution: the issuer's unit codes and the resolution's date."""
    date = header.date or adoption_date
    issuer = header.issuer
    unit = None
    if issuer and issuer.unit_type and issuer.locality:
        unit = Gazetteer.load().area_of(issuer.unit_type, issuer.locality, level=issuer.level, date=date)
    return {**area_codes(unit)._asdict(), "date": date, "issuer_level": issuer.level if issuer else None}


@dataclass
class LinkedMention:
    """A mention linked to the gazetteer (`link`), with its span in the original text:
    what `collect_places` gathers over a resolution. Relinking in the document sets `unit`
    and `note` again."""

    type: str
    name: str
    evidence: str
    unit: Optional[Unit]
    note: str
    span: models.Span


def collect_places(
    mentions: Iterable[LinkedMention], context: Optional[dict] = None, header: Optional[models.Header] = None
) -> list[models.Place]:
    """Distinct places over the mentions of one resolution, in order of first mention, then
    those its title names ('... trên địa bàn tỉnh Đồng Nai'; known names only, the title's
    capitals having been restored; spanned by the whole title). `context`: context_for.

    A name the issuer's area does not settle ('xã Tân Mỹ' in a national resolution) is
    linked again inside the districts and provinces the same resolution names."""
    groups: dict[tuple, list[LinkedMention]] = {}
    for mention in mentions:
        key = (spelling_key(mention.name), mention.type, mention.unit.code if mention.unit else None)
        groups.setdefault(key, []).append(mention)
    _relink_in_document(groups.values(), context)
    gazetteer = Gazetteer.load()
    places: dict[tuple, models.Place] = {}
    for group in groups.values():
        first = group[0]
        key = (spelling_key(first.name), first.type, first.unit.code if first.unit else None)
        place = places.get(key) or places.setdefault(
            key, _make_place(first.name, first.type, first.unit, first.note, first.evidence, gazetteer)
        )
        place.spans.extend(mention.span for mention in group)
    title_span = header.spans.get("title") if header and header.title else None
    for mention in find_mentions(header.title, known_only=True) if title_span else ():
        unit, note = link(mention.type, mention.name, context)
        key = (spelling_key(mention.name), mention.type, unit.code if unit else None)
        if key not in places:
            places[key] = _make_place(mention.name, mention.type, unit, note, mention.evidence, gazetteer)
            places[key].spans.append(title_span)
    return list(places.values())


def _relink_in_document(groups: Iterable[list[LinkedMention]], context: Optional[dict]) -> None:
    groups = list(groups)
    gazetteer = Gazetteer.load()
    districts: set[str] = set()
    provinces: set[str] = set()
    for group in groups:
        unit = group[0].unit
        for member in [unit, *gazetteer.parents(unit)] if unit else ():
            {"district": districts, "province": provinces}.get(member.level, set()).add(member.code)
    date = (context or {}).get("date")
    for group in groups:
        first = group[0]
        if not (first.note or "").startswith("ambiguous"):
            continue
        # only a name that exactly one of the document's districts (else provinces) holds;
        # the scopes where no unit of that name lies would find nothing: they are not asked
        named = gazetteer.named(first.name)
        holding = {"district": {u.parent for u in named} | {u.code for u in named}, "province": {u.province for u in named}}
        for level, codes in (("district", districts), ("province", provinces)):
            candidates = {
                unit.code: (unit, scope)
                for scope in codes & holding[level]
                for unit in gazetteer.find(first.type, first.name, date=date, **{level: scope})
            }
            if len(candidates) == 1:
                unit, scope = next(iter(candidates.values()))
                for mention in group:
                    mention.unit, mention.note = unit, _named_in_document(gazetteer, scope)
                break
            if candidates:
                break


def _named_in_document(gazetteer: Gazetteer, code: str) -> str:
    unit = gazetteer.by_code(code)
    return f"in {unit.type} {unit.name}, which the document names"


def _make_place(name: str, place_type: str, unit: Optional[Unit], note: Optional[str], evidence: Optional[str],
                gazetteer: Gazetteer) -> models.Place:
    kind = place_words().kinds.get(place_type)
    place = models.Place(name=name, type=place_type, is_administrative_unit=kind == "unit" or unit is not None,
                         code=unit.code if unit else None, code_note=note or (None if unit else NOT_FOUND),
                         evidence=evidence)
    if unit is None:
        return place
    place.parents = [_ref(parent) for parent in gazetteer.parents(unit)]
    successor = gazetteer.successor(unit)
    if successor:
        place.successor = _ref(successor)
        province = gazetteer.successor_province(unit)
        if province:
            # models.PlaceRef has no parent: the new province is told in the note
            place.code_note = f"{place.code_note}; from 2025-07-01 in {province.type} {province.name}"
    return place


def _ref(unit: Unit) -> models.PlaceRef:
    return models.PlaceRef(type=unit.type, name=unit.name, code=unit.code)
