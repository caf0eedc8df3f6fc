"""Stage 4: extract knowledge (targets, places, cited documents) from the segmented text.

One spaCy Doc per TextBlock of the body, attachments and appendices; the shared
pipeline (`nlp()`) finds quantities, targets, citations and places in them; this
module turns the spans into output models with spans in the ORIGINAL text and
adds the document-level checks (shares that should sum to 100 %, one indicator
with two values).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Optional

import regex

from .. import models
from ..normalise import NormalisedText
from ..segment import Structure, TextBlock

# Blocks that hold the resolution's content; header, bases and closing are the
# segmenter's business and hold no targets.
CONTENT_REGIONS = ("body", "attachment", "appendix")


@dataclass
class Knowledge:
    targets: list[models.Target] = field(default_factory=list)
    places: list[models.Place] = field(default_factory=list)
    cited_documents: list[models.CitedDocument] = field(default_factory=list)
    quantities: list[models.Quantity] = field(default_factory=list)
    warnings: list[models.Warning] = field(default_factory=list)


def extract(norm: NormalisedText, structure: Structure) -> Knowledge:
    from . import places
    from .nlp import nlp
    from .quantities import decimal_convention
    from .targets import BlockState

    pipeline = nlp()
    adoption = structure.closing.adoption
    # an undated header ('ngày .... tháng 7') leaves the adoption clause's date to pick unit versions
    context = places.context_for(structure.header, adoption.date if adoption else None)
    from .targets import is_policy_document

    state = BlockState(
        article_status=article_statuses(structure),
        policy_document=is_policy_document(structure.header.title or ""),
    )
    convention = decimal_convention(norm.text)
    blocks = [b for b in structure.blocks if b.region in CONTENT_REGIONS and norm.text[b.start : b.end].strip()]

    def docs():
        label = None
        for block in blocks:
            text = norm.text[block.start : block.end]
            doc = pipeline.make_doc(text)
            # a short block ending in ':' heads the next one ('Đối tượng đặc biệt khó khăn:')
            doc.user_data["nq_label"] = label
            label = text.strip().rstrip(":") if text.rstrip().endswith(":") and len(text.split()) <= 8 else None
            doc._.nq_block = block
            doc._.nq_norm = norm
            doc._.nq_context = context
            doc._.nq_decimal = convention
            doc._.nq_state = state
            yield doc

    knowledge = Knowledge()
    periods = heading_periods(structure)
    processed = []
    for doc in pipeline.pipe(docs()):
        processed.append(doc)
        block = doc._.nq_block
        knowledge.quantities.extend(_quantities(norm, block, doc))
        _add_targets(knowledge.targets, norm, block, doc, periods)
        knowledge.cited_documents.extend(_citations(norm, block, doc))
    knowledge.targets = drop_repeated_qualitative(knowledge.targets)
    knowledge.places = places.collect_places(processed)
    knowledge.warnings.extend(check_shares(knowledge.targets))
    knowledge.warnings.extend(check_repeated_indicators(knowledge.targets))
    return knowledge


def article_statuses(structure: Structure) -> dict[int, str]:
    """'result' for articles whose heading reports ('Đánh giá kết quả thực hiện ...')."""
    from .targets import article_status_of

    statuses = {}
    stack = list(structure.body)
    while stack:
        node = stack.pop()
        if node.kind == "article" and node.number and node.number.isdigit():
            status = article_status_of(node.heading or node.text[:200])
            if status:
                statuses[int(node.number)] = status
        elif node.kind in ("part", "chapter", "section"):
            stack.extend(node.children)
    return statuses


# --------------------------------------------------------------------------- spans → models


def _span(norm: NormalisedText, block: TextBlock, start: int, end: int) -> models.Span:
    original_start, original_end = norm.to_original(block.start + start, block.start + end)
    return models.Span(start=original_start, end=original_end)


def _original(norm: NormalisedText, span: models.Span) -> str:
    return " ".join(norm.original[span.start : span.end].split())


def _quantities(norm: NormalisedText, block: TextBlock, doc) -> Iterable[models.Quantity]:
    for span in doc.spans.get("quantities", []):
        q = span._.nq_quantity
        where = _span(norm, block, q.start, q.end)
        yield models.Quantity(
            value=q.value,
            value_max=q.value_max,
            unit=q.unit,
            normalised_value=q.normalised_value,
            normalised_max=q.normalised_max,
            base_unit=q.base_unit,
            approximate=q.approximate,
            text=_original(norm, where),
            span=where,
        )


def as_written(norm: NormalisedText, block: TextBlock, doc_text: str, phrase: str, lo: int = 0, hi: int | None = None) -> str:
    """`phrase` (normalised: 'thủy sản') in the spelling of the original ('thuỷ sản'),
    word by word, so indicators read as the document wrote them. The spellings are
    read from doc_text[lo:hi], the region the phrase was taken from."""
    spelling = {}
    for word in regex.finditer(r"\p{L}+", doc_text, pos=lo, endpos=len(doc_text) if hi is None else hi):
        if word.group() in phrase and word.group() not in spelling:
            # NFC: a Windows-1258 or NFD original spells 'ỷ' as 'y' + a combining mark
            original = unicodedata.normalize(
                "NFC", norm.original[slice(*norm.to_original(block.start + word.start(), block.start + word.end()))]
            )
            if original != word.group() and regex.fullmatch(r"\p{L}+", original):
                spelling[word.group()] = original
    if not spelling:
        return " ".join(phrase.split())
    written = regex.sub(r"\p{L}+", lambda m: spelling.get(m.group(), m.group()), phrase)
    return " ".join(written.split())


def heading_periods(structure: Structure) -> dict[str, str]:
    """The period each heading states ('Nhiệm vụ ... 6 tháng cuối năm 2021'), by node path."""
    from .targets import period_in

    periods = {}
    stack = list(structure.body)
    while stack:
        node = stack.pop()
        stated = period_in(node.heading or (node.text if node.children else ""))
        if stated:
            periods[node.path] = stated
        stack.extend(node.children)
    return periods


def period_above(path: str, periods: dict[str, str]) -> Optional[str]:
    """The period of the nearest heading above `path`: a target whose sentence names no
    period is set for the one its article or section is about."""
    labels = path.split(models.PATH_SEPARATOR)
    for depth in range(len(labels), 0, -1):
        stated = periods.get(models.PATH_SEPARATOR.join(labels[:depth]))
        if stated:
            return stated
    return None


def _add_targets(targets: list[models.Target], norm: NormalisedText, block: TextBlock, doc, periods: dict[str, str]) -> None:
    first = len(targets)
    from .nlp import text_of

    text = text_of(doc)
    for span in doc.spans.get("targets", []):
        t = span._.nq_target
        q = t.quantity
        region = (max(0, min(t.indicator_start, t.sentence_start) - 200), t.sentence_end + 200)
        change = models.Change(**t.change) if t.change else None
        targets.append(
            models.Target(
                indicator=as_written(norm, block, text, t.indicator, *region),
                value=q.value if q else None,
                value_max=q.value_max if q else None,
                unit=q.unit if q else None,
                normalised_value=q.normalised_value if q else None,
                normalised_max=q.normalised_max if q else None,
                base_unit=q.base_unit if q else None,
                comparator=t.comparator,
                kind=t.kind,
                status=t.status,
                change=change,
                baseline=as_written(norm, block, text, t.baseline, *region) if t.baseline else None,
                price_basis=t.price_basis,
                period=t.period or period_above(block.path, periods),
                scope=t.scope,
                article=block.article,
                path=block.path,
                parent=first + t.parent if t.parent is not None else None,
                span=_span(norm, block, t.start, t.end),
                indicator_span=_span(norm, block, t.indicator_start, t.indicator_end) if t.indicator_end > t.indicator_start else None,
                sentence_span=_span(norm, block, t.sentence_start, t.sentence_end),
            )
        )


def _citations(norm: NormalisedText, block: TextBlock, doc) -> Iterable[models.CitedDocument]:
    for span in doc.spans.get("citations", []):
        c = span._.nq_citation
        yield models.CitedDocument(
            type=c.type, number=c.number, date=c.date, issuer=c.issuer, title=c.title, name=c.name,
            span=_span(norm, block, c.start, c.end),
        )


# --------------------------------------------------------------------------- checks


def _word_set(text: str) -> set[str]:
    return set(regex.findall(r"[\p{L}\p{N}]+", text.casefold()))


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


def check_shares(targets: list[models.Target]) -> list[models.Warning]:
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
                models.Warning(
                    code="shares_do_not_sum",
                    message=f"the shares of '{head}' sum to {total:g} %, not 100 %",
                    span=models.Span(start=members[0].span.start, end=members[-1].span.end),
                )
            )
    return warnings


def check_repeated_indicators(targets: list[models.Target]) -> list[models.Warning]:
    """One indicator given two different values (both are kept)."""
    seen: dict[str, models.Target] = {}
    warnings = []
    for target in targets:
        if target.normalised_value is None:
            continue
        key = " ".join(target.indicator.casefold().split())
        earlier = seen.setdefault(key, target)
        if earlier is not target and earlier.normalised_value != target.normalised_value:
            warnings.append(
                models.Warning(
                    code="indicator_values_differ",
                    message=f"'{target.indicator}' is {earlier.value:g} {earlier.unit or ''} in one place"
                    f" and {target.value:g} {target.unit or ''} in another",
                    span=target.span,
                )
            )
    return warnings
