"""Scores of the parser against gold: counts, shares, and how each part of a document adds to them.

Scores are micro-averaged over items (targets, citations, places) and over
documents (articles, header fields).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

from .matching import (
    Item,
    citations_match,
    greedy_pairs,
    headings_agree,
    loose_key,
    place_pair,
    target_field_right,
    targets_compatible,
    word_f1,
)

HEADER_FIELDS = ("issuer", "issuer_level", "number", "date", "term", "session", "title")
TARGET_FIELDS = ("indicator", "unit", "comparator", "kind", "status", "change", "baseline", "price_basis")


# --------------------------------------------------------------------------- counting


@dataclass
class Counts:
    """Matches against predicted and gold totals: precision, recall and F1."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, matched: int, predicted: int, gold: int) -> None:
        self.matched += matched
        self.predicted += predicted
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "matched": self.matched, "predicted": self.predicted, "gold": self.gold}


@dataclass
class Share:
    """Right out of total."""

    right: int = 0
    total: int = 0

    def add(self, right: bool) -> None:
        self.right += int(right)
        self.total += 1

    @property
    def value(self) -> Optional[float]:
        return self.right / self.total if self.total else None

    def as_dict(self) -> dict:
        return {"accuracy": self.value, "right": self.right, "total": self.total}


@dataclass
class Scores:
    documents: int = 0
    failed: list[str] = field(default_factory=list)
    article_numbers: Share = field(default_factory=Share)
    article_headings: Share = field(default_factory=Share)
    legal_bases: Counts = field(default_factory=Counts)
    considerations: Counts = field(default_factory=Counts)
    header: dict[str, Share] = field(default_factory=lambda: {name: Share() for name in HEADER_FIELDS})
    targets: Counts = field(default_factory=Counts)
    target_fields: dict[str, Share] = field(default_factory=lambda: {name: Share() for name in TARGET_FIELDS})
    target_all_fields: Share = field(default_factory=Share)
    places: Counts = field(default_factory=Counts)
    parse_seconds: float = 0.0
    score_seconds: float = 0.0
    mismatches: dict[str, list[str]] = field(default_factory=dict)

    def note(self, document: str, message: str) -> None:
        self.mismatches.setdefault(document, []).append(message)

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "failed": self.failed,
            "articles": {"numbers": self.article_numbers.as_dict(), "headings": self.article_headings.as_dict()},
            "legal_bases": self.legal_bases.as_dict(),
            "considerations": self.considerations.as_dict(),
            "header": {name: share.as_dict() for name, share in self.header.items()},
            "targets": {**self.targets.as_dict(),
                        "fields": {name: share.as_dict() for name, share in self.target_fields.items()},
                        "all_fields": self.target_all_fields.as_dict()},
            "places": self.places.as_dict(),
            "seconds": {"parse": round(self.parse_seconds, 3), "score": round(self.score_seconds, 3)},
            "mismatches": self.mismatches,
        }



# --------------------------------------------------------------------------- scoring


def score_citations(counts: Counts, gold: list[str], predicted: list[str], note: Callable[[str], None], what: str) -> None:
    pairs = greedy_pairs(gold, predicted, citations_match, word_f1)
    counts.add(len(pairs), len(predicted), len(gold))
    note_unmatched(pairs, gold, predicted, what, repr, note)


def note_unmatched(pairs: list[tuple[int, int]], gold: Sequence[Item], predicted: Sequence[Item],
                   label: str, describe: Callable[[Item], str], note: Callable[[str], None]) -> None:
    """Note every gold item left unmatched as 'missed', every predicted one as 'extra'."""
    matched_gold = {gi for gi, _ in pairs}
    matched_predicted = {pi for _, pi in pairs}
    for gi, item in enumerate(gold):
        if gi not in matched_gold:
            note(f"{label} missed: {describe(item)}")
    for pi, item in enumerate(predicted):
        if pi not in matched_predicted:
            note(f"{label} extra: {describe(item)}")



def describe_target(target: dict) -> str:
    value = target.get("value")
    return f"art.{target.get('article')} {target.get('indicator')!r} = {value} {target.get('unit') or ''}".rstrip()


def score_targets(scores: Scores, gold: list[dict], predicted: list[dict], note: Callable[[str], None]) -> None:
    pairs = greedy_pairs(gold, predicted, targets_compatible,
                         lambda g, p: word_f1(g.get("indicator"), p.get("indicator")))
    scores.targets.add(len(pairs), len(predicted), len(gold))
    for gi, pi in pairs:
        wrong = [name for name in TARGET_FIELDS if not target_field_right(name, gold[gi], predicted[pi])]
        for name in TARGET_FIELDS:
            scores.target_fields[name].add(name not in wrong)
        scores.target_all_fields.add(not wrong)
        for name in wrong:
            note(f"target {describe_target(gold[gi])}: {name} {predicted[pi].get(name)!r} != gold {gold[gi].get(name)!r}")
    note_unmatched(pairs, gold, predicted, "target", describe_target, note)



def score_places(counts: Counts, gold: list[dict], predicted: list[dict], note: Callable[[str], None]) -> None:
    gold_set = {place_pair(place) for place in gold}
    predicted_set = {place_pair(place) for place in predicted}
    counts.add(len(gold_set & predicted_set), len(predicted_set), len(gold_set))
    for name, kind in sorted(gold_set - predicted_set):
        note(f"place missed: {kind} {name}")
    for name, kind in sorted(predicted_set - gold_set):
        note(f"place extra: {kind} {name}")


def score_header(scores: Scores, gold: dict, predicted: Optional[dict], note: Callable[[str], None]) -> None:
    for name in HEADER_FIELDS:
        expected = gold.get(name)
        found = predicted.get(name) if predicted is not None else None
        right = predicted is not None and loose_key(expected) == loose_key(found)
        scores.header[name].add(right)
        if not right and predicted is not None:
            note(f"header {name}: {found!r} != gold {expected!r}")


def score_articles(scores: Scores, gold: list[dict], predicted: list[dict], note: Callable[[str], None]) -> None:
    gold_numbers = [article.get("number") for article in gold]
    predicted_numbers = [article.get("number") for article in predicted]
    scores.article_numbers.add(gold_numbers == predicted_numbers)
    if gold_numbers != predicted_numbers:
        note(f"article numbers {predicted_numbers} != gold {gold_numbers}")
    headings = {article.get("number"): article.get("title") for article in predicted}
    for article in gold:
        if article.get("title") is None:
            continue  # GOLD.md: annotators differ on openings-as-headings; only non-null ones count
        found = headings.get(article.get("number"))
        right = headings_agree(article["title"], found)
        scores.article_headings.add(right)
        if not right:
            note(f"article {article.get('number')} heading {found!r} != gold {article['title']!r}")


def score_document(scores: Scores, gold: dict, predicted: Optional[dict], name: str) -> None:
    """Add one document; `predicted` None means the parse failed (everything counts as wrong)."""
    scores.documents += 1

    def note(message: str) -> None:
        scores.note(name, message)

    view = predicted if predicted is not None else {}
    score_header(scores, gold.get("header") or {}, (view.get("header") or {}) if predicted is not None else None, note)
    if predicted is None:
        scores.article_numbers.add(False)
        for article in gold.get("articles", []):
            if article.get("title") is not None:
                scores.article_headings.add(False)
    else:
        score_articles(scores, gold.get("articles", []), view.get("articles", []), note)
    score_citations(scores.legal_bases, gold.get("legal_bases", []), view.get("legal_bases", []), note, "legal basis")
    score_citations(scores.considerations, gold.get("considerations", []), view.get("considerations", []), note,
                    "consideration")
    score_targets(scores, gold.get("targets", []), view.get("targets", []), note)
    score_places(scores.places, gold.get("places", []), view.get("places", []), note)
