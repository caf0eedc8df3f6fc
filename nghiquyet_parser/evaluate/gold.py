"""The gold annotations paired with their documents, each document parsed and scored."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable, Optional

from ..emit import to_gold
from ..errors import InputError
from ..pipeline import parse_file
from .scoring import Scores, score_document


def gold_pairs(gold_dir: Path, docs_dir: Path) -> list[tuple[Path, Path]]:
    """(gold, document) for every gold file whose document exists, in name order."""
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        document = docs_dir / f"{gold_path.stem}.txt"
        if document.is_file():
            pairs.append((gold_path, document))
    return pairs


def predict(document: Path) -> tuple[Optional[dict], Optional[str]]:
    """The gold view of one parse, or the reason it failed."""
    try:
        return to_gold(parse_file(document), document=document.name), None
    except Exception as exc:  # noqa: BLE001 - a failed document is part of the report
        return None, f"{type(exc).__name__}: {exc}"


def evaluate(gold_dir: Path, docs_dir: Path,
             predictor: Callable[[Path], tuple[Optional[dict], Optional[str]]] = predict) -> Scores:
    for folder in (gold_dir, docs_dir):
        if not folder.is_dir():
            raise InputError(folder, "not a folder")
    scores = Scores()
    for gold_path, document in gold_pairs(gold_dir, docs_dir):
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(gold_path, f"unreadable gold annotation ({exc})") from None
        started = time.perf_counter()
        predicted, failure = predictor(document)
        parsed = time.perf_counter()
        if failure is not None:
            scores.failed.append(document.name)
            scores.note(document.name, f"parse failed: {failure}")
        score_document(scores, gold, predicted, document.name)
        scores.parse_seconds += parsed - started
        scores.score_seconds += time.perf_counter() - parsed
    return scores
