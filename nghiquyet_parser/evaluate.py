"""`nghiquyet eval`: score the parser against gold annotations, as GOLD.md's "Scoring" says.

Every comparison works on the GOLD.md view (`emit.to_gold`), so the gold format and
the output schema can evolve separately. Scores are micro-averaged over items (targets,
citations, places) and over documents (articles, header fields). A document that fails
to parse counts as all-wrong and is listed. The command is a report: it exits 0.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, TypeVar

import regex

from .normalise import canonical, fold
from .vocabulary import load_table

HEADER_FIELDS = ("issuer", "issuer_level", "number", "date", "term", "session", "title")
TARGET_FIELDS = ("indicator", "unit", "comparator", "kind", "status", "change", "baseline", "price_basis")
# GOLD.md: an indicator is right when its word-level F1 with the gold one reaches 0.5.
INDICATOR_F1 = 0.5
# "Headings agree when the words mostly agree": more than half of the words, in F1 terms.
HEADING_F1 = 0.6
# A citation given by name (no number) is matched loosely: half the words in common.
NAME_F1 = 0.5
RELATIVE_TOLERANCE = 1e-6
# A document number is at least "<digits>/<symbol>"; anything else in a citation list is a name.
_NUMBER_SHAPE = regex.compile(r"^\s*\d+[\p{L}\d]*\s*/\s*\S")
_WORD = regex.compile(r"\w+")
# A date as written in a citation, tone-folded: "ngay 19 thang 6 nam 2015" (or 19/6/2015).
_CITATION_DATE = regex.compile(r"ngay\s+(\d{1,2})\s*(?:thang\s+|[/-])(\d{1,2})\s*(?:nam\s+|[/-])(\d{4})")

Item = TypeVar("Item")


# --------------------------------------------------------------------------- text keys


def loose_key(text: object) -> str:
    """Case- and tone-folded, whitespace-collapsed: how header fields and units are compared."""
    return " ".join(fold(str(text)).split()) if text is not None else ""


def place_key(text: str) -> str:
    """Case- and tone-PLACEMENT-insensitive (GOLD.md): 'Hoà' = 'Hòa', but 'Hòa' != 'Hoa'."""
    return " ".join(canonical(text).lower().split())


def words(text: object) -> list[str]:
    return _WORD.findall(fold(str(text))) if text is not None else []


def word_f1(left: object, right: object) -> float:
    """F1 of the two texts' word multisets (tone-folded), 0 when either is empty."""
    a, b = words(left), words(right)
    if not a or not b:
        return 0.0
    remaining = list(b)
    common = 0
    for word in a:
        if word in remaining:
            remaining.remove(word)
            common += 1
    return 0.0 if common == 0 else 2 * common / (len(a) + len(b))


def headings_agree(gold: Optional[str], predicted: Optional[str]) -> bool:
    """Words mostly agree, or one heading is the start of the other (GOLD.md)."""
    if gold is None or predicted is None:
        return False
    g, p = words(gold), words(predicted)
    if g and p and (g[: len(p)] == p or p[: len(g)] == g):
        return True
    return word_f1(gold, predicted) >= HEADING_F1


# --------------------------------------------------------------------------- units


@lru_cache(maxsize=None)
def _unit_factors() -> dict[str, float]:
    """Unit word → factor to its base unit, from the units vocabulary (case-folded keys)."""
    return {row["unit"].lower(): float(row["factor"]) for row in load_table("units")}


@lru_cache(maxsize=None)
def _scale_factors() -> dict[str, float]:
    return {row["word"].lower(): float(row["value"]) for row in load_table("scale_words") if row["kind"] == "scale"}


def unit_factor(unit: Optional[str]) -> float:
    """How many base units one `unit` is: 'triệu đồng' → 10^6, '%' → 0.01, 'nghìn tấn' → 10^3.

    Scale words ('nghìn', 'triệu', 'tỷ') may stack before the unit ('nghìn tỷ đồng');
    an unknown unit (a counted noun) is its own base.
    """
    if not unit:
        return 1.0
    factor = 1.0
    rest = " ".join(unit.lower().split())
    scales = _scale_factors()
    while True:
        first, _, tail = rest.partition(" ")
        if first in scales:
            factor *= scales[first]
            rest = tail
            continue
        break
    return factor * _unit_factors().get(rest, 1.0) if rest else factor


def base_value(value: Optional[float], unit: Optional[str]) -> Optional[float]:
    return None if value is None else float(value) * unit_factor(unit)


def same_number(a: Optional[float], b: Optional[float]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-9)


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


# --------------------------------------------------------------------------- matching


def greedy_pairs(
    gold: Sequence[Item], predicted: Sequence[Item],
    compatible: Callable[[Item, Item], bool], affinity: Callable[[Item, Item], float],
) -> list[tuple[int, int]]:
    """One-to-one pairs among compatible items, best affinity first (document order on ties).

    Greedy rather than Hungarian: compatible pairs share a value and an article, so
    groups are tiny and the best-first choice is what the tie-break rule asks for.
    """
    candidates = [
        (-affinity(g, p), gi, pi)
        for gi, g in enumerate(gold) for pi, p in enumerate(predicted) if compatible(g, p)
    ]
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def citation_key(item: str) -> Optional[str]:
    """A number in official spacing, case-folded ('77/2015/QH13'); None for a name."""
    return "".join(item.split()).casefold() if _NUMBER_SHAPE.match(item) else None


def name_and_date(name: str) -> tuple[str, tuple[str, ...]]:
    """A citation name without its date, and the date's numbers: two laws passed the same
    day share 'ngày 19 tháng 6 năm 2015', which must not make their names agree."""
    folded = fold(name)
    date = _CITATION_DATE.search(folded)
    if date is None:
        return folded, ()
    return folded[: date.start()] + folded[date.end():], tuple(str(int(n)) for n in date.groups())


def citations_match(gold: str, predicted: str) -> bool:
    g, p = citation_key(gold), citation_key(predicted)
    if g is not None or p is not None:
        return g is not None and g == p
    (gold_name, gold_date), (predicted_name, predicted_date) = name_and_date(gold), name_and_date(predicted)
    if gold_date and predicted_date and gold_date != predicted_date:
        return False
    return word_f1(gold_name, predicted_name) >= NAME_F1


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


def targets_compatible(gold: dict, predicted: dict) -> bool:
    if gold.get("article") != predicted.get("article"):
        return False
    if gold.get("value") is None or predicted.get("value") is None:
        # Qualitative objectives have no value: the indicator is all there is to match on.
        both_qualitative = gold.get("value") is None and predicted.get("value") is None
        return both_qualitative and word_f1(gold.get("indicator"), predicted.get("indicator")) >= INDICATOR_F1
    return same_number(base_value(gold["value"], gold.get("unit")), base_value(predicted["value"], predicted.get("unit")))


def changes_agree(gold: Optional[dict], predicted: Optional[dict]) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return (gold.get("direction") == predicted.get("direction")
            and same_number(gold.get("value"), predicted.get("value"))
            and loose_key(gold.get("unit")) == loose_key(predicted.get("unit")))


def target_field_right(name: str, gold: dict, predicted: dict) -> bool:
    if name == "indicator":
        return word_f1(gold.get(name), predicted.get(name)) >= INDICATOR_F1
    if name == "change":
        return changes_agree(gold.get(name), predicted.get(name))
    return loose_key(gold.get(name)) == loose_key(predicted.get(name))


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


def place_pair(place: dict) -> tuple[str, str]:
    """(name, type) keys; 'Phường 1' of type phường is the bare '1' (GOLD.md)."""
    name, kind = place_key(place.get("name") or ""), place_key(place.get("type") or "")
    if kind and name.startswith(kind + " "):
        name = name[len(kind) + 1:]
    return name, kind


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


# --------------------------------------------------------------------------- running


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
    from .emit import to_gold
    from .pipeline import parse_file

    try:
        return to_gold(parse_file(document), document=document.name), None
    except Exception as exc:  # noqa: BLE001 - a failed document is part of the report
        return None, f"{type(exc).__name__}: {exc}"


def evaluate(gold_dir: Path, docs_dir: Path,
             predictor: Callable[[Path], tuple[Optional[dict], Optional[str]]] = predict) -> Scores:
    from .errors import InputError

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


def report_rows(scores: Scores) -> list[tuple[str, str]]:
    """(measure, value) rows shared by the terminal and markdown tables."""

    def pct(value: Optional[float]) -> str:
        return "n/a" if value is None else f"{100 * value:.1f}%"

    def prf(counts: Counts) -> str:
        return (f"P {pct(counts.precision)}  R {pct(counts.recall)}  F1 {pct(counts.f1)}"
                f"  ({counts.matched}/{counts.predicted} pred, {counts.gold} gold)")

    def share(s: Share) -> str:
        return f"{pct(s.value)}  ({s.right}/{s.total})"

    rows = [
        ("documents", f"{scores.documents} ({len(scores.failed)} failed to parse)"),
        ("seconds: parsing / scoring", f"{scores.parse_seconds:.1f} / {scores.score_seconds:.2f}"),
        ("articles: numbers exact (docs)", share(scores.article_numbers)),
        ("articles: headings agree", share(scores.article_headings)),
        ("legal bases", prf(scores.legal_bases)),
        ("considerations", prf(scores.considerations)),
    ]
    rows += [(f"header: {name}", share(s)) for name, s in scores.header.items()]
    rows.append(("targets", prf(scores.targets)))
    rows += [(f"targets (matched): {name}", share(s)) for name, s in scores.target_fields.items()]
    rows.append(("targets (matched): all fields right", share(scores.target_all_fields)))
    rows.append(("places", prf(scores.places)))
    return rows


def markdown_table(rows: Iterable[tuple[str, str]]) -> str:
    lines = ["| measure | score |", "|---|---|"]
    lines += [f"| {measure} | {value} |" for measure, value in rows]
    return "\n".join(lines) + "\n"


def print_rich(scores: Scores, details: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title="nghiquyet eval")
    table.add_column("measure")
    table.add_column("score")
    for measure, value in report_rows(scores):
        table.add_row(measure, value)
    console.print(table)
    if scores.failed:
        console.print(f"failed to parse: {', '.join(scores.failed)}", markup=False)
    if details:
        for document, messages in scores.mismatches.items():
            console.print(f"\n{document}", style="bold", markup=False)
            for message in messages:
                console.print(f"  {message}", markup=False, highlight=False)


def run(args: argparse.Namespace) -> int:
    scores = evaluate(Path(args.gold_dir), Path(args.docs_dir))
    if args.json:
        data = scores.as_dict()
        if not args.details:
            data.pop("mismatches")
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif args.markdown:
        sys.stdout.write(markdown_table(report_rows(scores)))
        if args.details:
            for document, messages in scores.mismatches.items():
                sys.stdout.write(f"\n**{document}**\n\n" + "".join(f"- {m}\n" for m in messages))
    else:
        print_rich(scores, args.details)
    return 0
