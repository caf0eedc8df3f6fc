"""The closing: the adoption clause ("Nghị quyết này được ... thông qua ngày ..."), the
signature block and the recipients ("Nơi nhận:"), often set side by side as columns."""

from __future__ import annotations

import regex

from .. import models
from ..dates import find_dates
from ..normalise import NormalisedText
from ..vocabulary import load_table
from .contracts import Structure, TextBlock
from .footnotes import FOOTNOTE, add_footnote
from .header import parse_term_session
from .lines import (
    TRAILING_PUNCTUATION,
    Paragraph,
    StrippedLine,
    bare,
    column_cells,
    continues,
    opener,
    signature_authority,
    structure_words,
)
from .markers import BULLET
from .regions import ADOPTED, ADOPTION_START
from .title import title_case

_ROLE_LINE = regex.compile(r"^(?:(?P<auth>TM|KT|TL|Q)\.\s*)?(?P<role>(?:PHÓ\s+)?CHỦ\s+TỊCH(?:\s+QUỐC\s+HỘI)?)\b")
_ROLE = regex.compile(r"(?P<role>(?:PHÓ\s+)?CHỦ\s+TỊCH)(?:\s+QUỐC\s+HỘI)?\s*$")
_PERSON = regex.compile(r"^(?:\p{Lu}\p{L}*)(?:\s+\p{Lu}\p{L}*){0,5}$")
_DATE_WORD = regex.compile(r"\bngày\b", regex.IGNORECASE)
_EFFECTIVE = regex.compile(r"hiệu\s+lực", regex.IGNORECASE)
_RECIPIENT_SPLIT = regex.compile(r"(?<=;)\s*(?=[-–+•]\s)")


def parse_closing(norm: NormalisedText, lines: list[StrippedLine], structure: Structure) -> None:
    closing = structure.closing
    paragraphs = _closing_paragraphs(lines)
    in_recipients = False
    signature: dict[str, object] = {}
    for para in paragraphs:
        text = para.text.replace("*", " ").strip()
        text = " ".join(text.split())
        if closing.adoption is None and ADOPTION_START.match(text) and ADOPTED.search(text):
            closing.adoption = _adoption(norm, para, text)
            if closing.adoption.date is None and _DATE_WORD.search(text[ADOPTED.search(text).end():]):
                structure.warnings.append(models.ParseWarning(
                    code="unparsed_date", message="the adoption date could not be read",
                    span=closing.adoption.span))
            structure.blocks.append(TextBlock(para.start, para.end, "", None, "paragraph", "closing"))
            continue
        if FOOTNOTE.match(para.lines[0].text):
            add_footnote(norm, para.lines, structure)
            continue
        if opener("recipients").match(text):
            in_recipients = True
            for line in para.lines:
                _recipient_lines(norm, line, closing, skip_opener=True)
            continue
        role = _ROLE_LINE.match(text)
        if signature_authority(text) or role:
            _signature_part(para, text, signature)
            continue
        if signature.get("role") and "person" not in signature and _PERSON.match(text) and len(text) < 50:
            # A name may wrap after its family name ("Phùng" / "Thị Hồng Hà").
            parts = [*signature.get("person_parts", []), *text.split()]
            signature["end"] = para.end
            if len(parts) >= 2:
                signature["person"] = " ".join(title_case(w) if w.isupper() else w for w in parts)
            else:
                signature["person_parts"] = parts
            continue
        if BULLET.match(text) or in_recipients:
            for line in para.lines:
                _recipient_lines(norm, line, closing, skip_opener=False)
    if signature:
        closing.signature = models.Signature(
            authority=signature.get("authority"), body=signature.get("body"), role=signature.get("role"),
            person=signature.get("person"), span=norm.original_span(signature["start"], signature["end"]))


def _closing_paragraphs(lines: list[StrippedLine]) -> list[Paragraph]:
    """The closing is set line by line (signature, recipients), except the adoption
    sentence and footnotes, which wrap like prose."""
    result: list[Paragraph] = []
    prose = False
    for line in (cell for whole in lines for cell in column_cells(whole)):
        text = bare(line.text)
        if not text:
            continue
        if prose and not _interrupts_prose(text) and continues(result[-1].lines[-1].text, line.text):
            result[-1].lines.append(line)
            continue
        result.append(Paragraph([line]))
        prose = bool(ADOPTION_START.match(text) or FOOTNOTE.match(text))
    return result


def _interrupts_prose(text: str) -> bool:
    """A recipient, 'Nơi nhận:', a signature line or a footnote ends the adoption sentence or footnote before it."""
    return bool(BULLET.match(text) or opener("recipients").match(text) or signature_authority(text)
                or _ROLE_LINE.match(text) or FOOTNOTE.match(text))


def _recipient_lines(norm: NormalisedText, line: StrippedLine, closing: models.Closing, skip_opener: bool) -> None:
    """'- Lưu: VT.' → 'Lưu: VT'; several recipients glued on one line ('- A; - B;') are split."""
    text = line.text.replace("*", " ")
    if skip_opener and opener("recipients").match(text.strip()):
        return
    pos = 0
    for cut in [*_RECIPIENT_SPLIT.finditer(text), None]:
        piece_end = cut.start() if cut else len(text)
        _add_recipient(norm, line, pos, text[pos:piece_end], closing)
        pos = cut.end() if cut else len(text)


def _add_recipient(norm: NormalisedText, line: StrippedLine, offset: int, piece: str, closing: models.Closing) -> None:
    m = BULLET.match(piece.strip())
    if not m:
        return
    lead = len(piece) - len(piece.lstrip()) + m.end()
    body = TRAILING_PUNCTUATION.sub("", piece[lead:]).strip()
    if not body:
        return
    start = line.start + offset + piece.index(body[:1], lead)
    closing.recipients.append(models.Recipient(text=" ".join(body.split()),
                                               span=norm.original_span(start, start + len(body))))


def _signature_part(para: Paragraph, text: str, signature: dict[str, object]) -> None:
    """'TM. HỘI ĐỒNG NHÂN DÂN' / 'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH' lines of the signature block."""
    signature.setdefault("start", para.start)
    signature["end"] = max(int(signature.get("end", para.end)), para.end)
    for authority in structure_words("signature_authority"):
        if text.startswith(authority):
            signature.setdefault("authority", authority)
            text = text[len(authority):].strip()
            for row in sorted(load_table("issuers"), key=lambda r: -len(r["heading"])):
                if text.startswith(row["heading"]):
                    signature.setdefault("body", row["body"])
                    break
    if role := _ROLE.search(text):
        words = " ".join(role["role"].split()).lower()
        signature["role"] = "Phó Chủ tịch" if words.startswith("phó") else "Chủ tịch"


def _adoption(norm: NormalisedText, para: Paragraph, text: str) -> models.AdoptionClause:
    adopted_at = ADOPTED.search(text)
    effective_at = _EFFECTIVE.search(text)
    date = effective = None
    for found in find_dates(text):
        if found.start > adopted_at.start() and date is None and (effective_at is None or found.start < effective_at.start()):
            date = found.iso
        elif effective_at is not None and found.start > effective_at.start() and effective is None:
            effective = found.iso
    clause = models.AdoptionClause(text=text, date=date, effective_date=effective,
                                   span=norm.original_span(para.start, para.end))
    parse_term_session(text, clause)
    return clause


def finish_closing(norm: NormalisedText, structure: Structure) -> None:
    """Look for an adoption clause inside the body when the closing had none, and span the closing."""
    closing = structure.closing
    if closing.adoption is None:
        _adoption_inside_body(norm, structure)
    spans = [s for s in [closing.adoption and closing.adoption.span,
                         closing.signature and closing.signature.span,
                         *(r.span for r in closing.recipients)] if s]
    if spans:
        closing.span = models.Span(start=min(s.start for s in spans), end=max(s.end for s in spans))


def _adoption_inside_body(norm: NormalisedText, structure: Structure) -> None:
    """An adoption clause written as the last clause of the last article."""
    for block in reversed(structure.blocks):
        if block.region != "body":
            continue
        text = " ".join(norm.text[block.start:block.end].split())
        if ADOPTION_START.match(text) and ADOPTED.search(text):
            para = Paragraph([StrippedLine(-1, block.start, block.end, text)])
            structure.closing.adoption = _adoption(norm, para, text)
            return
