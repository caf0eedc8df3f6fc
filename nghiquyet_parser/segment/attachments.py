"""Documents attached to the resolution (a regulation "ban hành kèm theo Nghị quyết")
and appendices ("PHỤ LỤC I"): a title, maybe a caption, and a body of their own."""

from __future__ import annotations

from .. import models
from ..citations import cite_paragraph
from ..normalise import NormalisedText
from .appendix_refs import appendix_label
from .body import build_tree, is_table_row
from .contracts import Structure
from .lines import TERMINAL, StrippedLine, bare, mostly_upper, structure_words
from .markers import ARTICLE, GROUP
from .regions import CAPTION
from .title import sentence_case


def parse_attachment(norm: NormalisedText, lines: list[StrippedLine], structure: Structure) -> models.AttachedDocument:
    title, rest, caption = _title_lines(lines)
    document_title = _document_title(title)
    body = build_tree(norm, rest, "attachment", structure, in_resolution=False, root=attachment_label(document_title))
    caption_text, attached_to = _caption(norm, lines, rest, caption)
    content = [l for l in lines if not l.blank]
    label = attachment_label(document_title)
    return models.AttachedDocument(
        document_type=label if label != _UNNAMED else None, title=document_title, caption=caption_text,
        attached_to=attached_to, span=norm.original_span(content[0].start, content[-1].end), body=body)


def parse_appendix(norm: NormalisedText, lines: list[StrippedLine], structure: Structure) -> models.Appendix:
    title, rest, caption = _title_lines(lines)
    caption_text, attached_to = _caption(norm, lines, rest, caption)
    appendix_title = " ".join(" ".join(l.text.replace("*", " ").split()) for l in title)
    body = build_tree(norm, rest, "appendix", structure, in_resolution=False, root=appendix_label(appendix_title))
    content = [l for l in lines if not l.blank]
    text = " ".join(n.text for n in body if n.text)
    return models.Appendix(title=appendix_title, caption=caption_text, attached_to=attached_to,
                           text=text, span=norm.original_span(content[0].start, content[-1].end), body=body)


_UNNAMED = "Văn bản kèm theo"


def attachment_label(title: str) -> str:
    """How a path names an attached document: its type ('Kế hoạch', 'Quy định'), else 'Văn bản kèm theo'."""
    folded = title.casefold()
    kind = next((word for word in sorted(structure_words("attachment_title"), key=len, reverse=True)
                 if folded.startswith(word.casefold())), None)
    return kind[:1] + kind[1:].lower() if kind else _UNNAMED


def _caption(norm: NormalisedText, lines: list[StrippedLine], rest: list[StrippedLine],
             caption: StrippedLine | None) -> tuple[str | None, models.CitedDocument | None]:
    """The caption's text and the document it names ('(Kèm theo Quyết định số 2954/QĐ-UBND
    ngày 20/11/2025 ...)'), with the span of that citation."""
    if caption is None:
        return None, None
    end_line = rest[0].index if rest else caption.index + 1
    caption_lines = [l for l in lines if caption.index <= l.index < end_line and not l.blank]
    text = " ".join(" ".join(l.text.replace("*", " ").split()) for l in caption_lines)
    cited = next(iter(cite_paragraph(text)), None)
    if cited is None:
        return text, None
    at = norm.text.find(cited.name.split()[0], caption.start)  # the citation opens inside the caption's first line
    span = norm.original_span(at, at + len(cited.name)) if 0 <= at < caption_lines[-1].end else \
        norm.original_span(caption.start, caption_lines[-1].end)
    return text, models.CitedDocument(type=cited.type, number=cited.number, date=cited.date, issuer=cited.issuer,
                                      title=cited.title, name=cited.name, span=span)


def _title_lines(lines: list[StrippedLine]) -> tuple[list[StrippedLine], list[StrippedLine], StrippedLine | None]:
    """Split an attachment/appendix head into its title lines, the rest, and a caption line."""
    content = [l for l in lines if not l.blank]
    title, caption, i = [content[0]], None, 1
    captioned = next((k for k in range(1, min(len(content), 6))
                      if CAPTION.match(bare(content[k].text))), None)
    if captioned is not None:
        title, i = content[:captioned], captioned  # every line above the caption names the document
    if bare(content[0].text) == "Phụ" and len(content) > 1:
        title, i = content[:2], 2  # "Phụ" / "lục 01": the heading broke after its first word
    while i < len(content):
        text = bare(content[i].text)
        if CAPTION.match(text):
            caption = content[i]
            i += 1
            while i < len(content) and caption and not TERMINAL.search(content[i - 1].text.rstrip("*")) \
                    and not content[i - 1].text.rstrip("* ").endswith(")"):
                i += 1  # caption wrapped over lines
            break
        if not (mostly_upper(text) or _finishes_title(title[-1], text)) or GROUP.match(text) or ARTICLE.match(text) \
                or is_table_row(content[i]):
            break
        title.append(content[i])
        i += 1
    rest_start = content[i].index if i < len(content) else lines[-1].index + 1
    return title, [l for l in lines if l.index >= rest_start], caption


def _finishes_title(previous: StrippedLine, text: str) -> bool:
    """'... GIAI ĐOẠN 2026 -' / '2030': a line of figures ends a title broken before it."""
    return not any(ch.isalpha() for ch in text) and not TERMINAL.search(previous.text.rstrip("*"))


def _document_title(lines: list[StrippedLine]) -> str:
    """'QUY ĐỊNH' / 'Chính sách hỗ trợ ...' → 'Quy định chính sách hỗ trợ ...' (upper-case lines sentence-cased)."""
    texts = [" ".join(l.text.replace("*", " ").split()) for l in lines]
    upper = [t for t in texts if mostly_upper(t)]
    rest = texts[len(upper):] if texts[:len(upper)] == upper else []
    if not rest:
        return sentence_case(" ".join(texts))
    head = sentence_case(" ".join(upper))
    return " ".join([head, rest[0][:1].lower() + rest[0][1:], *rest[1:]])
