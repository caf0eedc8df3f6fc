"""How a document names its appendices ('Phụ lục', 'PHỤ LỤC I', 'Phụ lục số 01'), for the
paths of their nodes and tables ('Phụ lục 01 › Bảng')."""

from __future__ import annotations

from functools import lru_cache

import regex

from ..vocabulary import alternation, load_table


@lru_cache(maxsize=None)
def _appendix_reference() -> "regex.Pattern[str]":
    """'Phụ lục', 'PHỤ LỤC I', 'Phụ lục số 01' (the words from structure_words.tsv)."""
    words = [row["phrase"] for row in load_table("structure_words") if row["role"] == "appendix"]
    alternatives = alternation(words, any_space=True)
    number = r"(?P<number>\d+[a-z]?|(?-i:[IVXLC]+))(?![\p{L}\d])"
    return regex.compile(rf"(?<!\p{{L}})(?P<words>{alternatives})(?:(?:\s+số)?\s+{number})?", regex.IGNORECASE)


def appendix_label(title: str) -> str:
    """How a path names the appendix: 'Phụ lục', 'Phụ lục 03', 'Phụ lục II'."""
    match = _appendix_reference().match(title.strip())
    words = " ".join(match["words"].split()).lower() if match else "phụ lục"
    label = words[:1].upper() + words[1:]
    return f"{label} {match['number']}" if match and match["number"] else label
