"""Overlapping marks on a text turned into properly nested HTML elements.

Facts overlap (a target holds its quantity, maybe a place) and structure spans can
cross (an article ending inside a section), while HTML elements must nest. The text is
cut at every start and end; a mark that has to close while a mark opened inside it goes
on is closed and reopened around the cut, and only its first piece carries its `first`
tag, so the elements that identify a fact stay one per fact and can be counted.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mark:
    """A half-open range [start, end) of the text and the element that shows it.

    `layer` orders the kinds of marks: one of a higher layer never holds one of a lower
    layer (structure 0 holds facts, a target holds its quantity), so a higher-layer mark
    open where a lower-layer one starts steps aside (is cut) rather than the reverse."""

    start: int
    end: int
    layer: int
    first: str  # opening tag of the first piece
    again: str  # opening tag of every further piece
    close: str


@dataclass
class _Open:
    mark: Mark
    at: int  # index in the output of its opening tag
    piece_is_first: bool = field(default=True)


def element(tag: str, attributes: dict[str, str]) -> str:
    """An opening tag with its attribute values escaped."""
    rendered = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attributes.items())
    return f"<{tag}{rendered}>"


def clamp(start: int, end: int, length: int) -> tuple[int, int]:
    """A span kept inside the text and the right way round, whatever the input said."""
    start = min(max(start, 0), length)
    return start, min(max(end, start), length)


def nest(text: str, marks: list[Mark]) -> str:
    """`text`, escaped, with every mark's element around its range."""
    starting: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        starting[mark.start].append(mark)
    cuts = sorted({0, len(text)} | set(starting) | {mark.end for mark in marks})
    out: list[str] = []
    stack: list[_Open] = []
    position = 0
    for cut in cuts:
        if cut > position:
            out.append(html.escape(text[position:cut], quote=False))
        position = cut
        ending = [index for index, entry in enumerate(stack) if entry.mark.end <= cut]
        if ending:
            _reopen(out, stack, _close_from(out, stack, ending[0]), cut)
        for mark in sorted(starting.get(cut, ()), key=lambda m: (-m.end, m.layer)):
            _open(out, stack, mark, cut)
    _close_from(out, stack, 0)
    return "".join(out)


def _open(out: list[str], stack: list[_Open], mark: Mark, cut: int) -> None:
    if mark.start == mark.end:  # an empty fact still gets its (empty) element: counts stay exact
        out.append(mark.first + mark.close)
        return
    inner = next((index for index, entry in enumerate(stack) if entry.mark.layer > mark.layer), None)
    stepped_aside = _close_from(out, stack, inner) if inner is not None else []
    stack.append(_Open(mark, len(out)))
    out.append(mark.first)
    _reopen(out, stack, stepped_aside, cut)


def _close_from(out: list[str], stack: list[_Open], index: int) -> list[_Open]:
    """Close stack[index:], innermost first; returns them outermost first. A piece that
    holds nothing yet is taken back out instead of left empty."""
    closed = []
    while len(stack) > index:
        entry = stack.pop()
        if entry.at == len(out) - 1:
            out.pop()
        else:
            out.append(entry.mark.close)
            entry.piece_is_first = False
        closed.append(entry)
    return closed[::-1]


def _reopen(out: list[str], stack: list[_Open], entries: list[_Open], cut: int) -> None:
    for entry in entries:
        if entry.mark.end > cut:
            entry.at = len(out)
            out.append(entry.mark.first if entry.piece_is_first else entry.mark.again)
            stack.append(entry)
