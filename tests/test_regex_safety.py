"""No regular expression of the package backtracks catastrophically.

Every compiled `re`/`regex` pattern a module holds at module level (directly, or inside a
tuple, list, dict or dataclass there, like `MARKER_RULES`, or as a `cues.CuePattern`), and
every pattern a cached zero-argument builder returns, is run with `finditer` over long runs of one kind of
character at two sizes, n and 4n. The cost must grow about linearly: the ratio of the two
times (fastest of three, measured back to back, garbage collector held) must stay under 9
(linear ≈ 4, quadratic ≈ 16). No wall-clock limit: a loaded machine slows both sizes alike.

A pattern is tried at a small size first, so a quadratic one fails fast instead of
spending minutes on the large one.
"""

from __future__ import annotations

import dataclasses
import gc
import importlib
import inspect
import pkgutil
import re
import time

import pytest
import regex

import nghiquyet_parser
from nghiquyet_parser.cues import CuePattern

MAX_RATIO = 9.0
SIZES = ((2_000, 8_000), (20_000, 80_000))
# Below this many seconds at the larger size a ratio is not judged: scans yielding tens of
# thousands of matches grow ~10x for 4x in allocation alone (measured: 0.002 s → 0.02 s for
# `[ \t\n]+` over 'a) a) ...'), while backtracking costs far more than this already at
# 4n = 8,000 (the patterns this test caught took 4-7 s there).
NOISE_FLOOR = 0.05
RUNS = 3
CONFIRMATIONS = 2  # a ratio over the bound is measured again: growth repeats, a busy moment does not

# One unit repeated: each run is a kind of character a hostile or damaged document is made of.
UNITS = {
    "spaces": " ",
    "tabs": "\t",
    "digits": "1",
    "letters": "a",
    "dots": ".",
    "dashes": "-",
    "pipes": "|",
    "stars": "*",
    "short_lines": "ab\n",
    "a_space": "a ",
    "vietnamese": "ệ",
    "vietnamese_words": "Điều ",
    "dotted_digits": "1.",
    "list_markers": "a) ",
    "open_parens": "(",
    "percent": "%",
    "upper_no_space": "HỘIĐỒNG",
}

_PATTERN_TYPES = (re.Pattern, regex.Pattern)

# Patterns the package only ever matches at one given position (`.match(text, pos)`), never
# searches: measured the way they are used. Each entry says where.
ANCHORED_USE = {
    # place_mentions.py: `words.separator.match(text, position)` after each name of a list
    "nghiquyet_parser.extract.place_mentions.place_words[3]",
    # place_names.py: `_CAPS_SYLLABLE.match(text, position)` after a name, `_LOWER_NEXT.match(text, end)`;
    # their blanks are possessive, so one match is linear (searched, each would rescan a blank run)
    "nghiquyet_parser.extract.place_names._CAPS_SYLLABLE[0]",
    "nghiquyet_parser.extract.place_names._LOWER_NEXT[0]",
    # the text right after a value (or a name), matched from its start: exclusions.py
    # `_NOT_TARGET_AFTER.compiled.match(after)`, `_PARENTHESIS_AFTER.match(after)`; fields.py
    # `_PARENTHESIS`; indicators.py `_NOUN_AFTER`, `_COUNTED_NOUN_AFTER`; targets.py
    # `_PREVIOUS_TAIL`, `_OR_MORE_AFTER(_ANYWHERE)`; place_mentions.py `_LOWER_AFTER`, `_LOWER_WORD_AFTER`
    "nghiquyet_parser.extract.exclusions._NOT_TARGET_AFTER[0]",
    "nghiquyet_parser.extract.exclusions._PARENTHESIS_AFTER[0]",
    "nghiquyet_parser.extract.fields._PARENTHESIS[0]",
    "nghiquyet_parser.extract.indicators._NOUN_AFTER[0]",
    "nghiquyet_parser.extract.indicators._COUNTED_NOUN_AFTER[0]",
    "nghiquyet_parser.extract.targets._PREVIOUS_TAIL[0]",
    "nghiquyet_parser.extract.targets._OR_MORE_AFTER[0]",
    "nghiquyet_parser.extract.targets._OR_MORE_AFTER_ANYWHERE[0]",
    "nghiquyet_parser.extract.place_mentions._LOWER_AFTER[0]",
    "nghiquyet_parser.extract.place_mentions._LOWER_WORD_AFTER[0]",
    # a whole short text, by `fullmatch`: fields.py `_BASELINE_YEAR`; targets.py
    # `_TO_BETWEEN`, `_NUMBER_OF`, `_VALUE_WORDS_BETWEEN`, `_VALUE_WORDS`
    "nghiquyet_parser.extract.fields._BASELINE_YEAR[0]",
    "nghiquyet_parser.extract.targets._TO_BETWEEN[0]",
    "nghiquyet_parser.extract.targets._NUMBER_OF[0]",
    "nghiquyet_parser.extract.targets._VALUE_WORDS_BETWEEN[0]",
    "nghiquyet_parser.extract.targets._VALUE_WORDS[0]",
}


def _patterns_in(value, depth: int = 0):
    if isinstance(value, _PATTERN_TYPES):
        yield value
    elif isinstance(value, CuePattern):  # a pattern over cue vocabularies, compiled on first use
        yield value.compiled
    elif depth < 3:
        if isinstance(value, (tuple, list, frozenset, set)):
            items = value
        elif isinstance(value, dict):
            items = list(value.values())
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            items = [getattr(value, f.name) for f in dataclasses.fields(value)]
        else:
            return
        for item in items:
            yield from _patterns_in(item, depth + 1)


def _zero_argument_builder(value) -> bool:
    if not (callable(value) and hasattr(value, "cache_info")):
        return False
    try:
        signature = inspect.signature(value)
    except (TypeError, ValueError):
        return False
    if any(word in str(signature.return_annotation) for word in ("Language", "Callable")):
        return False  # the spaCy pipeline and the word segmenter: models, not patterns
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
               for p in signature.parameters.values())


def _collect() -> dict[str, regex.Pattern | re.Pattern]:
    found: dict[str, object] = {}
    seen: set[tuple[str, int]] = set()
    modules = [nghiquyet_parser] + [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(nghiquyet_parser.__path__, "nghiquyet_parser.")
    ]
    for module in modules:
        for name, value in sorted(vars(module).items()):
            if getattr(value, "__module__", module.__name__) != module.__name__ and not isinstance(
                value, (_PATTERN_TYPES, CuePattern, tuple, list, dict)
            ):
                continue  # a builder imported from elsewhere is collected in its own module
            if _zero_argument_builder(value):
                value = value()
            for index, pattern in enumerate(_patterns_in(value)):
                key = (pattern.pattern if isinstance(pattern.pattern, str) else repr(pattern.pattern), pattern.flags)
                if key in seen:
                    continue
                seen.add(key)
                found[f"{module.__name__}.{name}[{index}]"] = pattern
    return found


PATTERNS = _collect()


def _cost(pattern, text: str, anchored: bool = False) -> float:
    best = float("inf")
    for _ in range(RUNS):
        started = time.process_time()  # CPU time: another process on the machine does not count
        if anchored:
            pattern.match(text)
        else:
            for _ in pattern.finditer(text):
                pass
        best = min(best, time.process_time() - started)
    return best


def _ratio(pattern, short, long, anchored: bool) -> tuple[float, float, float]:
    small_cost, large_cost = _cost(pattern, short, anchored), _cost(pattern, long, anchored)
    if large_cost < NOISE_FLOOR:
        return 0.0, small_cost, large_cost
    return large_cost / max(small_cost, 1e-9), small_cost, large_cost


def test_the_collection_finds_the_package_patterns() -> None:
    assert len(PATTERNS) > 50
    assert any(name.startswith("nghiquyet_parser.segment.markers.") for name in PATTERNS)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_cost_grows_linearly(name: str) -> None:
    pattern, anchored = PATTERNS[name], name in ANCHORED_USE
    if isinstance(pattern.pattern, bytes):
        units = {kind: unit.encode("utf-8") for kind, unit in UNITS.items()}
    else:
        units = UNITS
    slow: list[str] = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for kind, unit in units.items():
            for small, large in SIZES:
                short, long = unit * (small // len(unit)), unit * (large // len(unit))
                ratio, small_cost, large_cost = _ratio(pattern, short, long, anchored)
                for _ in range(CONFIRMATIONS):
                    if ratio < MAX_RATIO:
                        break
                    ratio, small_cost, large_cost = min((ratio, small_cost, large_cost), _ratio(pattern, short, long, anchored))
                if ratio >= MAX_RATIO:
                    slow.append(f"{kind} x{large}: {ratio:.1f} ({small_cost:.4f} s → {large_cost:.4f} s)")
                    break  # the small size already shows it: no need to wait for the large one
    finally:
        if enabled:
            gc.enable()
    assert not slow, f"{pattern.pattern!r} grows faster than linearly on: " + "; ".join(slow)
