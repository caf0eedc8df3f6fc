"""Body line markers as an ordered list of named rules (as markdown-it's block ruler keeps its rules).

A `MarkerRuler` tries its rules in order on a line; the first whose pattern matches
reads the marker (its node kind, sequence family, number). The built-in patterns do
not overlap, so order only matters for a new rule whose lines another rule would also
match: it goes before that rule. Each rule declares whether its marker may interrupt
a paragraph (open an item in the middle of an unfinished sentence); every built-in
marker may: a marker line is never read as a broken line. Whether a marker really
opens an item is the depth inference's call (depth.py): a marker out of sequence is text.

To add a marker style: one `MarkerRule` in `MARKER_RULES` (or, for one caller,
`MARKER_RULER.with_rule(rule, before=...)`) and one test in tests/test_segment_markers.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import regex

GROUP = regex.compile(r"^(?P<word>Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?P<n>[IVXLC]+|\d{1,2})\b\s*[.:\-–]?\s*")
ARTICLE = regex.compile(r"^(?P<word>Điều|ĐIỀU)\s+(?P<n>\d{1,3})\s*(?:[.:\-–]\s*|(?=\s\p{Lu})|$)")
_ROMAN = regex.compile(r"^(?P<n>[IVX]{1,5})\s*(?:[.)/:]|[-–](?!\d))\s*(?=\S|$)")
# At most five levels ("1.2.3.4.5."): an unbounded repetition backtracks in quadratic
# time over a line of "1.1.1.1..." before the missing space fails it.
_DECIMAL = regex.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){1,4})\.?\s+(?=\S)")
_PARENTHESISED = regex.compile(r"^\((?P<n>\d{1,2})\)\s*(?=\S)")
_CLAUSE = regex.compile(r"^(?P<n>\d{1,3})\s*(?:\.(?!\d)|[)/](?!\d)|[-–](?!\d))\s*(?=\S|$)")
_POINT = regex.compile(r"^(?P<n>[a-zđ])\s*(?:\)|[.\-–](?=\s|$))\s*(?=\S|$)")
BULLET = regex.compile(r"^(?P<m>[-–—+*•·])\s*(?=\S)")

_GROUP_KIND = {"phần": "part", "chương": "chapter", "mục": "section"}
_BULLET_FAMILY = {"-": "dash", "–": "dash", "—": "dash", "+": "plus", "*": "star", "•": "dot", "·": "dot"}


@dataclass(frozen=True)
class MarkerReading:
    """What a rule reads from its match: the node kind, the sequence family
    (roman, arabic, decimal, alpha, dash ...), the number and the marker as written."""

    kind: str  # models.NodeKind
    family: str
    number: str | None
    marker: str


@dataclass(frozen=True)
class MarkerRule:
    name: str
    pattern: "regex.Pattern[str]"
    read: Callable[["regex.Match[str]"], MarkerReading]
    interrupts_paragraph: bool = True


@dataclass(frozen=True)
class Marker:
    """A marker found at the start of a line."""

    kind: str
    family: str
    number: str | None
    marker: str
    rest: int  # offset in the line where the text after the marker starts
    capital_follows: bool  # the text after the marker opens with a capital (reads like an item)
    rule: MarkerRule


def numbered(kind: str, family: str) -> Callable[["regex.Match[str]"], MarkerReading]:
    """The reading of a rule whose pattern captures the number as `n`."""
    return lambda m: MarkerReading(kind, family, m["n"], m.group(0).strip())


def _group(m: "regex.Match[str]") -> MarkerReading:
    kind = _GROUP_KIND[m["word"].lower()]
    return MarkerReading(kind, kind, m["n"], m.group(0).strip())


def _bullet(m: "regex.Match[str]") -> MarkerReading:
    return MarkerReading("indent", _BULLET_FAMILY[m["m"]], None, m["m"])


MARKER_RULES: tuple[MarkerRule, ...] = (
    MarkerRule("group", GROUP, _group),  # Phần / Chương / Mục
    MarkerRule("article", ARTICLE, numbered("article", "article")),  # Điều 1.
    MarkerRule("roman", _ROMAN, numbered("roman", "roman")),  # I.
    MarkerRule("decimal", _DECIMAL, numbered("clause", "decimal")),  # 1.2.
    # (1), (2): a plan's ladder under a) b); a "(1)" wrapped to a line start ("các mục\n(1) và
    # (2) của Kế hoạch") continues its sentence, so it does not interrupt a paragraph
    MarkerRule("parenthesised", _PARENTHESISED, numbered("clause", "parenthesised"), interrupts_paragraph=False),
    MarkerRule("clause", _CLAUSE, numbered("clause", "arabic")),  # 1. / 1)
    MarkerRule("point", _POINT, numbered("point", "alpha")),  # a) / đ.
    MarkerRule("bullet", BULLET, _bullet),  # - / + / •
)


# an inline flag group setting flags for a whole pattern ('(?i)'), which an alternation would spread
_WHOLE_PATTERN_FLAGS = regex.compile(r"\(\?[a-zA-Z]+\)")


def _any_of(rules: tuple[MarkerRule, ...]) -> "regex.Pattern[str] | None":
    """One pattern that matches a line where some rule's pattern does: most lines hold no
    marker, and one failed match costs far less than one per rule (segment tried eight on
    every line). Its branches are tried in the rules' order, so the branch that matches is
    the first rule's that would; an empty group closing each branch (`_branch_mark`) tells
    which. None where an alternation could not keep each pattern's meaning: rules compiled
    with different flags, or a pattern setting flags for itself as a whole."""
    flags = {rule.pattern.flags for rule in rules}
    if len(flags) != 1 or any(_WHOLE_PATTERN_FLAGS.search(rule.pattern.pattern) for rule in rules):
        return None
    return regex.compile("|".join(f"(?:{rule.pattern.pattern})(?P<{_branch_mark(i)}>)" for i, rule in enumerate(rules)),
                         flags.pop())


def _branch_mark(index: int) -> str:
    return f"marker_rule_{index}"


class MarkerRuler:
    """Named marker rules tried in order; the first match wins."""

    def __init__(self, rules: tuple[MarkerRule, ...]):
        self.rules = rules
        self._any = _any_of(rules)
        self._marks = tuple(self._any.groupindex[_branch_mark(i)] for i in range(len(rules))) if self._any else ()

    def names(self) -> list[str]:
        return [rule.name for rule in self.rules]

    def with_rule(self, rule: MarkerRule, *, before: str) -> "MarkerRuler":
        """A new ruler with `rule` tried just before the rule named `before` (this one is unchanged)."""
        at = self.names().index(before)
        return MarkerRuler(self.rules[:at] + (rule,) + self.rules[at:])

    def match(self, text: str) -> Marker | None:
        candidates = self.rules
        if self._any is not None:
            found = self._any.match(text)
            if not found:
                return None
            # only the rule whose branch matched: its own pattern reads the marker's groups
            spans = found.regs
            candidates = next((rule,) for rule, mark in zip(self.rules, self._marks) if spans[mark][0] >= 0)
        for rule in candidates:
            if m := rule.pattern.match(text):
                reading = rule.read(m)
                return Marker(reading.kind, reading.family, reading.number, reading.marker, m.end(),
                              text[m.end():m.end() + 1].isupper(), rule)
        return None


MARKER_RULER = MarkerRuler(MARKER_RULES)
