"""Over every shared document: no place name starts in lower case, every place says why
it was read, and every unlinked place says why it has no code. Skipped without ../shared."""

import pytest

from nghiquyet_parser.pipeline import parse_file

from conftest import SHARED_DOCS


def test_places_over_the_shared_corpus(shared_corpus):
    assert SHARED_DOCS
    problems = []
    for path in SHARED_DOCS:
        for place in parse_file(path).places:
            where = f"{path.name}: {place.type} {place.name!r}"
            if place.name[:1].islower():
                problems.append(f"{where} starts in lower case")
            if not place.evidence:
                problems.append(f"{where} has no evidence")
            if place.code is None and not place.code_note:
                problems.append(f"{where} has no code and no reason")
    assert not problems, "\n".join(problems)
