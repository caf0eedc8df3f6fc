"""Stage 4: extract knowledge (targets, places, cited documents) from the segmented text.

Every TextBlock of the body, attachments and appendices goes through the finders
(`finders.find_facts`: quantities, targets, citations, place mentions, offsets in the
block's text); this module turns what they found into output models with spans in the
ORIGINAL text, links the places, and adds the document-level checks (shares that should
sum to 100 %, one indicator with two values). Indicator tables (the segmenter's
TableBlocks) are read by `table_targets`; their targets are placed among the others in
document order. The same finders are spaCy components (`nlp`) for users who build Docs;
extract() itself builds none (see `finders` for why).

The modules, each importing only modules above it in this list (no cycle):

    spans, sentences, cues, quantities   Doc/Span helpers; sentence and clause cuts;
                                         target cue patterns; numbers with units
    words                                the words of a block (underthesea where it matters)
    records, fields                      TargetMatch/BlockState; comparator, period, status ...
    exclusions, indicators, qualitative  numbers that are no target; indicator text;
                                         objectives without a number
    targets, table_targets               targets in sentences; targets in indicator tables
    place_mentions                       places: mentions, gazetteer links, per document
    finders                              every finder on one block's text, without spaCy
    citations, places, nlp               the spaCy components and the pipeline (only they
                                         import spaCy)
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Optional

import regex

from .. import models
from ..citations import Citation
from ..limits import check_time, count
from ..normalise import NormalisedText
from ..segment import Structure, TableBlock, TextBlock
from .fields import is_policy_document
from .finders import BlockFacts, find_facts
from .place_mentions import LinkedMention, Mention, collect_places, context_for, link
from .quantities import decimal_convention, find_quantities
from .records import Decision, TargetMatch
from .table_header import unit_above
from .table_targets import find_table_targets

_LETTERS = regex.compile(r"\p{L}+")  # compiled once: as_written runs for every target
_WORD_CHARACTERS = regex.compile(r"[\p{L}\p{N}]+")

# Blocks that hold the resolution's content; header, bases and closing are the
# segmenter's business and hold no targets.
CONTENT_REGIONS = ("body", "attachment", "appendix")


@dataclass
class Knowledge:
    targets: list[models.Target] = field(default_factory=list)
    places: list[models.Place] = field(default_factory=list)
    cited_documents: list[models.CitedDocument] = field(default_factory=list)
    quantities: list[models.Quantity] = field(default_factory=list)
    warnings: list[models.ParseWarning] = field(default_factory=list)


def extract(norm: NormalisedText, structure: Structure) -> Knowledge:
    adoption = structure.closing.adoption
    # an undated header ('ngày .... tháng 7') leaves the adoption clause's date to pick unit versions
    context = context_for(structure.header, adoption.date if adoption else None)
    policy_document = is_policy_document(structure.header.title or "")
    convention = decimal_convention(norm.text)
    knowledge = Knowledge()
    mentions: list[LinkedMention] = []
    tables = _table_facts(norm, structure, convention)  # (table start, its targets and quantities), in order
    label = None
    for block in structure.blocks:
        if block.region not in CONTENT_REGIONS:
            continue
        text = norm.text[block.start : block.end]
        if not text.strip():
            continue
        check_time()  # the time budget, between blocks
        # a short block ending in ':' heads the next one ('Đối tượng đặc biệt khó khăn:')
        above, label = label, text.strip().rstrip(":") if text.rstrip().endswith(":") and len(text.split()) <= 8 else None
        facts = find_facts(text, convention, block.status, policy_document, above)
        while tables and tables[0][0] < block.start:
            _, table_targets, table_quantities = tables.pop(0)
            knowledge.targets.extend(table_targets)
            knowledge.quantities.extend(table_quantities)
        knowledge.quantities.extend(_quantities(norm, block, facts))
        _add_targets(knowledge.targets, norm, block, text, facts.targets)
        knowledge.cited_documents.extend(_citations(norm, block, facts.citations))
        mentions.extend(_linked(norm, block, facts.places, context))
    for _start, table_targets, table_quantities in tables:
        knowledge.targets.extend(table_targets)
        knowledge.quantities.extend(table_quantities)
    knowledge.targets = drop_repeated_qualitative(knowledge.targets)
    knowledge.places = collect_places(mentions, context, structure.header)
    knowledge.warnings.extend(check_shares(knowledge.targets))
    knowledge.warnings.extend(check_repeated_indicators(knowledge.targets))
    return knowledge


# --------------------------------------------------------------------------- spans → models


def _original(norm: NormalisedText, span: models.Span) -> str:
    return " ".join(norm.original[span.start : span.end].split())


_MEASURED_FIELDS = ("value", "value_max", "unit", "normalised_value", "normalised_max", "base_unit")


def _measured(q) -> dict:
    """The fields Quantity and Target take from a QuantityMatch (all None for a qualitative target)."""
    return {name: getattr(q, name) if q is not None else None for name in _MEASURED_FIELDS}


def _quantities(norm: NormalisedText, block: TextBlock, facts: BlockFacts) -> Iterable[models.Quantity]:
    for q, decision in zip(facts.quantities, facts.decisions):
        where = norm.original_span(block.start + q.start, block.start + q.end)
        yield models.Quantity(
            **_measured(q),
            approximate=q.approximate,
            text=_original(norm, where),
            span=where,
            **_decided(decision),
        )


def _decided(decision: Decision) -> dict:
    return {"decision": "target" if decision.target else "not_target", "reason": decision.reason, "rule": decision.rule}


def as_written(norm: NormalisedText, offset: int, doc_text: str, phrase: str, lo: int = 0, hi: int | None = None) -> str:
    """`phrase` (normalised: 'thủy sản') in the spelling of the original ('thuỷ sản'),
    word by word, so indicators read as the document wrote them. The spellings are
    read from doc_text[lo:hi], the region the phrase was taken from; doc_text starts
    at normalised `offset`."""
    hi = len(doc_text) if hi is None else min(hi, len(doc_text))
    original_lo, original_hi = norm.to_original(offset + lo, offset + hi)
    if norm.original[original_lo:original_hi] == doc_text[lo:hi]:
        return " ".join(phrase.split())  # nothing was respelled there: no need to look word by word
    spelling = {}
    for word in _LETTERS.finditer(doc_text, pos=lo, endpos=hi):
        if word.group() in phrase and word.group() not in spelling:
            # NFC: a Windows-1258 or NFD original spells 'ỷ' as 'y' + a combining mark
            original = unicodedata.normalize(
                "NFC", norm.original[slice(*norm.to_original(offset + word.start(), offset + word.end()))]
            )
            if original != word.group() and _LETTERS.fullmatch(original):
                spelling[word.group()] = original
    if not spelling:
        return " ".join(phrase.split())
    written = _LETTERS.sub(lambda m: spelling.get(m.group(), m.group()), phrase)
    return " ".join(written.split())


def _add_targets(targets: list[models.Target], norm: NormalisedText, block: TextBlock, text: str,
                 found: list[TargetMatch]) -> None:
    """The targets `found` in the block's `text`, as models."""
    first = len(targets)
    at = block.start
    for t in found:
        q = t.quantity
        region = (max(0, min(t.indicator_start, t.sentence_start) - 200), t.sentence_end + 200)
        change = models.Change(**t.change) if t.change else None
        targets.append(
            models.Target(
                indicator=as_written(norm, at, text, t.indicator, *region),
                **_measured(q),
                comparator=t.comparator,
                kind=t.kind,
                status=t.status,
                change=change,
                baseline=as_written(norm, at, text, t.baseline, *region) if t.baseline else None,
                price_basis=t.price_basis,
                period=t.period or block.period,
                scope=t.scope,
                article=block.article,
                path=block.path,
                parent=first + t.parent if t.parent is not None else None,
                span=norm.original_span(at + t.start, at + t.end),
                indicator_span=norm.original_span(at + t.indicator_start, at + t.indicator_end) if t.indicator_end > t.indicator_start else None,
                sentence_span=norm.original_span(at + t.sentence_start, at + t.sentence_end),
            )
        )


# --------------------------------------------------------------------------- tables


# How far above a table its unit note ("Đơn vị tính: triệu đồng") may stand.
_UNIT_NOTE_REACH = 200


def _table_facts(
    norm: NormalisedText, structure: Structure, convention
) -> list[tuple[int, list[models.Target], list[models.Quantity]]]:
    """The targets and quantities of each content table, with the table's normalised
    start, in order: one target per value cell of an indicator table; every other number
    of a cell is a quantity that is no target. A column heading without a period leaves
    it to the headings above the table."""
    found = []
    for table in structure.tables:
        if table.region not in CONTENT_REGIONS:
            continue
        rows = [[cell.text for cell in row] for row in table.rows]
        unit = unit_above(norm.text[max(0, table.start - _UNIT_NOTE_REACH) : table.start])
        read = find_table_targets(rows, convention, unit)
        count("targets", len(read))
        targets = [_table_target(norm, table, t, t.period or table.period) for t in read]
        quantities = _table_quantities(norm, table, read, convention)
        if targets or quantities:
            found.append((table.start, targets, quantities))
    return found


def _table_quantities(norm: NormalisedText, table: TableBlock, read, convention) -> list[models.Quantity]:
    """Every number of a table's cells, a target's value or not (with why not)."""
    values = {(t.row, t.column): t.quantity for t in read}
    indicator_table = bool(read)
    quantities = []
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            target_value = values.get((r, c))
            found = [target_value] if target_value is not None else find_quantities(cell.text, convention)
            count("quantities", len(found))
            for q in found:
                where = norm.original_span(cell.start, cell.end) if target_value is not None else \
                    norm.original_span(cell.start + q.start, cell.start + q.end)
                quantities.append(models.Quantity(
                    **_measured(q), approximate=q.approximate, text=_original(norm, where), span=where,
                    decision="target" if target_value is not None else "not_target",
                    reason=None if target_value is not None else
                    ("table_cell_outside_values" if indicator_table else "table_without_indicator_values"),
                    rule="indicator_table" if target_value is not None else "tables"))
    return quantities


def _table_target(norm: NormalisedText, table: TableBlock, found, period: Optional[str]) -> models.Target:
    """The model of a table_targets.TableTarget: spans of its value cell, indicator cell and row."""
    row = table.rows[found.row]
    value, indicator = row[found.column], row[found.indicator_column]
    return models.Target(
        indicator=as_written(norm, 0, norm.text, found.indicator, indicator.start, indicator.end),
        **_measured(found.quantity),
        comparator=found.comparator,
        kind="level",
        status=found.status,
        price_basis=found.price_basis,
        period=period,
        article=table.article,
        path=models.PATH_SEPARATOR.join(part for part in (table.path, found.marker) if part),
        span=norm.original_span(value.start, value.end),
        indicator_span=norm.original_span(indicator.start, indicator.end),
        sentence_span=norm.original_span(row[0].start, row[-1].end),
    )


def _citations(norm: NormalisedText, block: TextBlock, found: list[Citation]) -> Iterable[models.CitedDocument]:
    for c in found:
        yield models.CitedDocument(
            type=c.type, number=c.number, date=c.date, issuer=c.issuer, title=c.title, name=c.name,
            span=norm.original_span(block.start + c.start, block.start + c.end),
        )


def _linked(norm: NormalisedText, block: TextBlock, found: list[Mention], context: dict) -> Iterable[LinkedMention]:
    """The place mentions of a block, linked to the gazetteer, spanned in the original text."""
    for m in found:
        unit, note = link(m.type, m.name, context)
        yield LinkedMention(m.type, m.name, m.evidence, unit, note,
                            norm.original_span(block.start + m.start, block.start + m.end))


# --------------------------------------------------------------------------- checks


def _word_set(text: str) -> set[str]:
    return set(_WORD_CHARACTERS.findall(text.casefold()))


def drop_repeated_qualitative(targets: list[models.Target]) -> list[models.Target]:
    """A qualitative objective restated in a task article ('Xã Vũ Bản đạt chuẩn ... năm
    2021' in the list, '... xã Vũ Bản ..., phấn đấu đạt chuẩn ... năm 2021' in the prose)
    is one objective: keep the first statement. Numeric targets repeat on purpose
    (two values for one indicator are both kept)."""
    kept: list[models.Target] = []
    renumber: dict[int, int] = {}
    for index, target in enumerate(targets):
        if target.kind == "qualitative" and any(
            earlier.kind == "qualitative" and earlier.article == target.article and _overlap(earlier.indicator, target.indicator) >= 0.8
            for earlier in kept
        ):
            continue
        renumber[index] = len(kept)
        kept.append(target)
    return [t.model_copy(update={"parent": renumber.get(t.parent)}) if t.parent is not None else t for t in kept]


def _overlap(first: str, second: str) -> float:
    a, b = _word_set(first), _word_set(second)
    return len(a & b) / max(1, min(len(a), len(b)))


def check_shares(targets: list[models.Target]) -> list[models.ParseWarning]:
    """Shares listed under one head ('Cơ cấu kinh tế: A: x%; B: y%') should sum to 100 %."""
    groups: dict[tuple[Optional[int], str], list[models.Target]] = {}
    for target in targets:
        if target.unit == "%" and ": " in target.indicator and target.value is not None:
            head = target.indicator.split(": ", 1)[0]
            groups.setdefault((target.article, head.casefold()), []).append(target)
    warnings = []
    for (_article, _head), members in groups.items():
        total = sum(t.value for t in members if t.value is not None)
        if len(members) >= 2 and abs(total - 100) > 0.5:
            head = members[0].indicator.split(": ", 1)[0]
            warnings.append(
                models.ParseWarning(
                    code="shares_do_not_sum",
                    message=f"the shares of '{head}' sum to {total:g} %, not 100 %",
                    span=models.Span(start=members[0].span.start, end=members[-1].span.end),
                )
            )
    return warnings


def check_repeated_indicators(targets: list[models.Target]) -> list[models.ParseWarning]:
    """One indicator given two different values (both are kept). A result and a target
    of one indicator ('Ước thực hiện năm 2023' and 'Kế hoạch năm 2024' columns), or
    targets for two periods, are two facts, not a conflict."""
    seen: dict[tuple[str, str, Optional[str]], models.Target] = {}
    warnings = []
    for target in targets:
        if target.normalised_value is None:
            continue
        key = (" ".join(target.indicator.casefold().split()), target.status, target.period)
        earlier = seen.setdefault(key, target)
        if earlier is not target and earlier.normalised_value != target.normalised_value:
            warnings.append(
                models.ParseWarning(
                    code="indicator_values_differ",
                    message=f"'{target.indicator}' is {earlier.value:g} {earlier.unit or ''} in one place"
                    f" and {target.value:g} {target.unit or ''} in another",
                    span=target.span,
                )
            )
    return warnings
