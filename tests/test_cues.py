"""Cue phrases at the end of a text: `ends_with` searches only the text's last words, and
finds, and removes, exactly what a search of the whole text would."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nghiquyet_parser.cues import EndCue, ends_with

PHRASES = ["không vượt quá", "vượt quá", "tối đa", "đạt", "ít nhất là"]
WORDS = [*" ".join(PHRASES).split(), "Không", "VƯỢT", "x", "1", "(", "tăng", "đạt)", "xđạt", ","]
BLANKS = [" ", "  ", "\n", "\t", " \n "]


def _whole(cue: EndCue, text: str):
    match = cue.pattern.search(text)
    return match.span() if match else None


def _tail(cue: EndCue, text: str):
    match = cue.search(text)
    return match.span() if match else None


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("chỉ tiêu không vượt quá", (9, 23)),  # the longest phrase, from its first word
        ("chỉ tiêu không\nvượt  quá \n", (9, 26)),  # words split by any whitespace
        ("chỉ tiêu (tối đa ", (10, 17)),  # a word may start inside the text's last word
        ("chỉ tiêu xđạt", None),  # a letter just before the phrase: not a word of its own
        ("đạt", (0, 3)),
        ("", None),
        ("   ", None),
    ],
)
def test_a_phrase_at_the_end(text, span):
    cue = EndCue(PHRASES)
    assert _tail(cue, text) == _whole(cue, text) == span


def test_sub_keeps_the_text_before_the_phrase():
    assert EndCue(PHRASES).sub("", "tỷ lệ 3 (không vượt quá  ") == "tỷ lệ 3 ("


@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(BLANKS)), max_size=12))
def test_same_as_searching_the_whole_text(pieces):
    text = "".join(word + blank for word, blank in pieces)
    cue = EndCue(PHRASES)
    assert _tail(cue, text) == _whole(cue, text)
    assert cue.sub("", text) == cue.pattern.sub("", text)


def test_the_vocabulary_comparators():
    cue = ends_with(("comparator",))
    assert cue.search("giá trị tối đa không quá ").group() == "tối đa không quá "
    for text in ("giá trị không vượt quá", "tổng số ít nhất", "không quá\n", "mức bình quân"):
        assert _tail(cue, text) == _whole(cue, text)
