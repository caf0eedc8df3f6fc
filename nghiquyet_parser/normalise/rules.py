"""The rewrites of the normaliser, as data: markup of exports, odd characters, tone placement."""

from __future__ import annotations

import html
from typing import NamedTuple, Union

import regex

from .rewriter import Replacement

_BLOCK_TAGS = r"p|div|center|br|tr|table|thead|tbody|h[1-6]|li|ul|ol|blockquote"
_INLINE_TAGS = r"b|i|u|em|strong|span|font|a|sup|sub|td|th|small|big|s|strike"

# Each rule: pattern, replacement, and the literals its pattern cannot match without (one of
# them must be in the text): a text without any is not scanned, which most texts are spared
# for most rules (a scan of the whole text per rule was half of normalise's time).
# _BY_LINE after them marks a rule whose every match lies inside one line holding one of the
# literals and looks no further than that line's ends: only such lines are scanned. Worth it
# where few lines hold the literals, and where the pattern opens with an anchor or optional
# blanks, which the regex engine tries at every character of the text.
_BY_LINE = True
_RawRule = Union[tuple[str, Replacement, tuple[str, ...]], tuple[str, Replacement, tuple[str, ...], bool]]
_MARKUP_RULES: list[_RawRule] = [
    # Tables that an exporter replaced by an empty placeholder.
    (r"<jsontable\b[^>]*>\s*</jsontable>", "", ("<jsontable",)),
    (r"<!--.*?-->", "", ("<!--",)),
    (rf"(?i)<\s*/?\s*(?:{_BLOCK_TAGS})\b[^>\n]*>", "\n", ("<",)),
    (rf"(?i)<\s*/?\s*(?:{_INLINE_TAGS})\b[^>\n]*>", "", ("<",)),
    (r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});", lambda m: html.unescape(m.group(0)), ("&",)),
    # Markdown: headings, quotes, rules, bold/italic, escapes, table pipes.
    (r"(?m)^[ \t]{0,3}#{1,6}[ \t]+", "", ("#",)),
    (r"(?m)^[ \t]{0,3}>[ \t]?", "", (">",)),
    (r"(?m)^[ \t]*(?:-{3,}|={3,}|_{3,}|\*{3,})[ \t]*$", "", ("---", "===", "___", "***"), _BY_LINE),
    # A table's rule row ('|---|:--|'), known by its dashes: fewer lines hold them than pipes.
    (r"(?m)^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$", "", ("--",), _BY_LINE),
    (r"\*\*|__", "", ("**", "__"), _BY_LINE),
    (r"(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])", "", ("*",)),
    (r"\\([.\-*_()\[\]#+!|`>])", r"\1", ("\\",)),
    # A hard line break ("ỦY BAN THƯỜNG VỤ\" above "QUỐC HỘI\" in a table cell): the backslash
    # ends a line, or a cell where the column gap follows. Left in, it splits the issuer's words.
    (r"(?m)\\(?=[ \t]*$|[ \t]{2})", "", ("\\",)),
    # A run of blanks is tried from its first character only ((?<![ \t])): tried from
    # each of its characters, a long run costs quadratic time before the pipe is missed.
    # (Scanned whole, this one was a fifth of normalise's scanning.)
    (r"(?m)^[ \t]*\|[ \t]*|(?<![ \t])[ \t]*\|[ \t]*$", "", ("|",), _BY_LINE),
    (r"(?<![ \t])[ \t]*\|[ \t]*", "\t", ("|",), _BY_LINE),
]

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width characters and the soft hyphen
_ODD_SPACES = "\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"

_CHARACTER_RULES: list[_RawRule] = [
    (r"\r\n?", "\n", ("\r",)),
    (rf"[{_INVISIBLE}]", "", tuple(_INVISIBLE)),
    (rf"[{_ODD_SPACES}]", " ", tuple(_ODD_SPACES)),
    (r"\u00d0", "\u0110", ("\u00d0",)),
    (r"\u00f0", "\u0111", ("\u00f0",)),
]

# A base letter followed by combining marks: composed with NFC as one unit.
COMBINING_RUN = regex.compile(r"\P{M}\p{M}+")
# Any combining mark: a text without one (most: Vietnamese is typed precomposed) has no
# run to compose, and finding out costs a fifth of scanning for the runs.
COMBINING_MARK = regex.compile(r"\p{M}")

# Tone on the second vowel of a final oa/oe/uy ("hoá", "thuỷ") moves to the first
# ("hóa", "thủy"); 'qu' + y keeps its tone ("quý": the u belongs to the consonant).
_TONED = {
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ",
    "A": "ÀÁẢÃẠ", "E": "ÈÉẺẼẸ", "Y": "ỲÝỶỸỴ",
}
_BARE = {"o": "òóỏõọ", "u": "ùúủũụ", "O": "ÒÓỎÕỌ", "U": "ÙÚỦŨỤ"}
_TONE_OF = {ch: (base, i) for base, marks in _TONED.items() for i, ch in enumerate(marks)}
# A decimal digit newer than Python's Unicode tables ('\U0001ccf0', Unicode 16): regex's \d knows
# it, int() and float() do not, so every stage that reads a number would have to guard against
# it. No resolution writes its numbers so: it becomes U+FFFD, one character for one, and no
# pattern takes it for a digit again.
UNREADABLE_DIGIT = regex.compile(r"(?V1)[\d--[0-9]]")


def unreadable_digit(match: "regex.Match[str]") -> str:
    return match.group() if match.group().isdecimal() else "\ufffd"


OLD_STYLE = regex.compile(
    r"(?<![qQ])([oO])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])(?!\p{L})|(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?!\p{L})"
)


def move_tone(match: "regex.Match[str]") -> str:
    first = match.group(1) or match.group(3)
    toned = match.group(2) or match.group(4)
    base, tone = _TONE_OF[toned]
    return _BARE[first][tone] + base


class Rule(NamedTuple):
    pattern: "regex.Pattern[str]"
    replacement: Replacement
    needs: tuple[str, ...]
    by_line: bool


def _compile(rules: list[_RawRule]) -> list[Rule]:
    return [
        Rule(regex.compile(pattern, regex.DOTALL if "<!--" in pattern else 0), replacement, needs, _BY_LINE in marks)
        for pattern, replacement, needs, *marks in rules
    ]


MARKUP = _compile(_MARKUP_RULES)
CHARACTERS = _compile(_CHARACTER_RULES)
