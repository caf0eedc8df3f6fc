"""Target cue words as patterns: the vocabularies `target_words.tsv` (by role: lead
words, change verbs, exclusions, statuses ...) and `comparators.tsv`, compiled into
`regex` alternations matched at the edges of a clause or anywhere in it.

A cue phrase's words may be split by any whitespace, since exported texts break
lines in the middle of a sentence ('không\\nvượt quá').
"""

from __future__ import annotations

from functools import cached_property, lru_cache

import regex

from .vocabulary import alternation, load_table


@lru_cache(maxsize=None)
def cue_words(role: str) -> tuple[str, ...]:
    """The cue phrases of one role of `target_words.tsv`, longest first."""
    words = [row["cue"] for row in load_table("target_words") if row["role"] == role]
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def cue_alternation(role: str) -> str:
    return alternation(cue_words(role), any_space=True)


@lru_cache(maxsize=None)
def comparator_phrases() -> dict[str, str]:
    """Comparator phrase ('không vượt quá') → comparator ('<='), for those written before a value."""
    return {row["phrase"]: row["comparator"] for row in load_table("comparators") if row["position"] == "before"}


class EndCue:
    """A set of cue phrases matched at the END of a text (word-bounded).

    Only the text's last words are searched, as many as the longest phrase has. A phrase's
    words are split by whitespace alone (and regex's `\\s` is whitespace to `str.split`
    too), so a match of n words lies within the text's last n whitespace-separated words:
    a search from where they start finds what a search of the whole text finds (a
    lookbehind still sees the character before that start). Searched whole, the
    alternation was tried at every character before each value: about a third of the
    time the targets spent matching cues."""

    def __init__(self, phrases: list[str]) -> None:
        self.pattern = regex.compile(rf"(?<![\p{{L}}\d])(?:{alternation(phrases, any_space=True)})\s*$", regex.IGNORECASE)
        self.most_words = max(len(phrase.split()) for phrase in ["", *phrases]) or 1  # never a zero-word tail

    def _tail_start(self, text: str) -> int:
        head = text.rsplit(None, self.most_words)
        return len(head[0]) if len(head) > self.most_words else 0

    def search(self, text: str) -> "regex.Match[str] | None":
        return self.pattern.search(text, self._tail_start(text))

    def sub(self, replacement: str, text: str) -> str:
        """`text` with the phrase at its end replaced (the text before the searched tail is kept)."""
        return self.pattern.sub(replacement, text, pos=self._tail_start(text))


@lru_cache(maxsize=None)
def ends_with(roles: tuple[str, ...]) -> EndCue:
    """Matches one of the cue phrases of `roles` at the END of a text (word-bounded)."""
    return EndCue([w for role in roles for w in (comparator_phrases() if role == "comparator" else cue_words(role))])


@lru_cache(maxsize=None)
def starts_with(roles: tuple[str, ...]) -> "regex.Pattern[str]":
    """Matches one of the cue phrases of `roles` at the START of a text, with the space after it."""
    words = [w for role in roles for w in cue_words(role)]
    # "tăng trưởng" (growth) and "tăng cường" (strengthen) open with a change verb but are not one
    compounds = cue_alternation("not_verb")
    return regex.compile(
        rf"^\s*(?!(?:{compounds})(?![\p{{L}}]))(?:{alternation(words, any_space=True)})(?![\p{{L}}\d])\s*",
        regex.IGNORECASE,
    )


@lru_cache(maxsize=None)
def cue_anywhere(role: str) -> "regex.Pattern[str]":
    return regex.compile(rf"(?<![\p{{L}}])(?:{cue_alternation(role)})(?![\p{{L}}])", regex.IGNORECASE)


class _Alternations(dict):
    def __missing__(self, role: str) -> str:
        return cue_alternation(role)


class CuePattern:
    """A pattern over cue vocabularies, held as a module constant: `template` with each
    '{role}' replaced by that role's cue alternation (regex braces doubled, as in an
    f-string). Compiled on first use, since the vocabularies load lazily, and then kept:
    formatting the pattern and looking it up in regex's cache for every number of every
    document cost as much as matching it."""

    def __init__(self, template: str, flags: int = 0) -> None:
        self.template = template
        self.flags = flags

    @cached_property
    def compiled(self) -> "regex.Pattern[str]":
        return regex.compile(self.template.format_map(_Alternations()), self.flags)


def has_cue(role: str, text: str) -> bool:
    return cue_anywhere(role).search(text) is not None
