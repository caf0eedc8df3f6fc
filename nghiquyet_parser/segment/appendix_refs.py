"""How a resolution names its appendices ('Phụ lục', 'PHỤ LỤC I', 'Phụ lục số 01') and
which article points at one ("chi tiết tại Phụ lục kèm theo" in Điều 1)."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional, Sequence

import regex

from ..vocabulary import alternation, load_table


@lru_cache(maxsize=None)
def _appendix_reference() -> "regex.Pattern[str]":
    """'Phụ lục', 'PHỤ LỤC I', 'Phụ lục số 01' (the words from structure_words.tsv)."""
    words = [row["phrase"] for row in load_table("structure_words") if row["role"] == "appendix"]
    alternatives = alternation(words, any_space=True)
    number = r"(?P<number>\d+[a-z]?|(?-i:[IVXLC]+))(?![\p{L}\d])"
    return regex.compile(rf"(?<!\p{{L}})(?P<words>{alternatives})(?:(?:\s+số)?\s+{number})?", regex.IGNORECASE)


def appendix_number(title: str) -> Optional[str]:
    """'PHỤ LỤC 03 (SỬA ĐỔI) ...' → '03'; 'PHỤ LỤC CÁC CHỈ TIÊU ...' → None."""
    match = _appendix_reference().match(title.strip())
    return match["number"] if match else None


def appendix_label(title: str) -> str:
    """How a path names the appendix: 'Phụ lục', 'Phụ lục 03', 'Phụ lục II'."""
    match = _appendix_reference().match(title.strip())
    words = " ".join(match["words"].split()).lower() if match else "phụ lục"
    label = words[:1].upper() + words[1:]
    return f"{label} {match['number']}" if match and match["number"] else label


def appendix_mentions(text: str) -> list[Optional[str]]:
    """The appendices an article's text points at, by number (None: 'Phụ lục kèm theo')."""
    return [match["number"] for match in _appendix_reference().finditer(text)]


def _same_number(first: str, second: str) -> bool:
    if first.isdigit() and second.isdigit():
        return int(first) == int(second)  # "Phụ lục 01" is "Phụ lục số 1"
    return first.casefold() == second.casefold()


def pointing_article(number: Optional[str], mentions: Sequence[tuple[int, Optional[str]]]) -> Optional[int]:
    """The article that points at appendix `number` among (article, number mentioned)
    pairs in text order: the first naming that number, else the first naming an appendix
    without a number ('chi tiết tại Phụ lục kèm theo')."""
    if number is not None:
        for article, mentioned in mentions:
            if mentioned is not None and _same_number(number, mentioned):
                return article
    return next((article for article, mentioned in mentions if mentioned is None), None)
