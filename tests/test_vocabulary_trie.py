"""trie_alternation matches what the flat, longest-first alternation matches, at the same
places and to the same ends (the place words' pattern is built with it for speed)."""

import pytest
import regex

from nghiquyet_parser.vocabulary import alternation, load_table, trie_alternation

from conftest import PROJECT_DOCS

PHRASES = ["khu", "khu kinh tế", "khu kinh tế cửa khẩu", "khu phố", "xã", "Xã", "thị xã", "thị trấn"]
WHOLE_WORDS = r"(?<![\p{{L}}\d])(?:{})(?![\p{{L}}\d])"


def _spans(alternatives: str, text: str) -> list[tuple[int, int]]:
    return [match.span() for match in regex.finditer(WHOLE_WORDS.format(alternatives), text)]


@pytest.mark.parametrize(
    "text",
    [
        "khu kinh tế cửa khẩu Móng Cái và khu kinh tế Vân Đồn",
        "khu kinh tế cửa khẩux: the longest fails its ending, 'khu' alone is a word",  # falls back
        "khu kinh tếx khu phố 3, thị xã, thị trấnz, Xã Bản Công, xã",
        "khukinh tế, thị  xã",
    ],
)
def test_same_matches_as_the_flat_alternation(text):
    assert _spans(trie_alternation(PHRASES), text) == _spans(alternation(PHRASES), text)


def test_the_fallback_is_the_longest_phrase_that_ends_a_word():
    assert _spans(trie_alternation(PHRASES), "khu kinh tế cửa khẩux") == [(0, 11)]


def test_place_words_over_the_seed_corpus():
    words = [row["word"] for row in load_table("place_words") if row["kind"] not in ("stop", "after_number")]
    phrases = [alt for word in words for alt in (word, word[0].upper() + word[1:], word.upper())]
    texts = [path.read_text(encoding="utf-8") for path in PROJECT_DOCS]
    assert texts
    for text in texts:
        assert _spans(trie_alternation(phrases), text) == _spans(alternation(phrases), text)
