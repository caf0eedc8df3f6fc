"""Vocabularies (units, comparators, place words, document types ...) as data.

Each vocabulary is a TSV file in `data/vocabulary/`, with a header row naming its
columns; lines starting with '#' are comments. Keeping them as data lets a
linguist extend them without touching a regex.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

_PACKAGE = "nghiquyet_parser.data.vocabulary"


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `data/vocabulary/<name>.tsv` as dicts keyed by the header row."""
    text = resources.files(_PACKAGE).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def column(name: str, field: str) -> tuple[str, ...]:
    """One column of a vocabulary, in file order."""
    return tuple(row[field] for row in load_table(name))
