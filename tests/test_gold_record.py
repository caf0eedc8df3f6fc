"""The quality record over the shared gold: each document's scores may rise, never fall.

A single threshold over the whole gold set turns red as soon as documents the parser
cannot read yet join the gold (plans without articles, attached programmes), and green
again for the wrong reasons when one document's gains hide another's losses. Instead,
`gold_record.tsv` keeps every gold document's scores as `nghiquyet eval` counts them
(matched/predicted/gold for targets, places, legal bases and considerations; right/total
for the header fields and the article numbers, and gold targets found with every field right). The test
re-scores each document and fails on any measure that fell; documents not read yet stay
in the record as low rows.

When a change raises scores, rewrite the record and commit it with the change:

    pytest tests/test_gold_record.py --update-gold-record

The update refuses to write a record in which any score fell.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from nghiquyet_parser.evaluate import (
    Counts,
    Scores,
    Share,
    gold_pairs,
    predict,
    score_document,
)

RECORD = Path(__file__).with_name("gold_record.tsv")
# Tolerance for comparing ratios read back from the record.
EPSILON = 1e-9


@dataclass(frozen=True)
class Measure:
    """One column of the record: how to read it from a document's Scores."""

    name: str
    kind: str  # "counts" (matched/predicted/gold, compared by F1) or "share" (right/total)

    def cell(self, scores: Scores) -> str:
        value = self.read(scores)
        if isinstance(value, Counts):
            return f"{value.matched}/{value.predicted}/{value.gold}"
        return f"{value.right}/{value.total}"

    def read(self, scores: Scores) -> Counts | Share:
        if self.name == "target_fields":  # over the gold targets, so that finding more never lowers it
            return Share(right=scores.target_all_fields.right, total=scores.targets.gold)
        if self.name == "header":
            total = Share()
            for share in scores.header.values():
                total.right += share.right
                total.total += share.total
            return total
        return {
            "targets": scores.targets,
            "places": scores.places,
            "legal_bases": scores.legal_bases,
            "considerations": scores.considerations,
            "article_numbers": scores.article_numbers,
        }[self.name]


MEASURES = (
    Measure("targets", "counts"),
    Measure("target_fields", "share"),
    Measure("places", "counts"),
    Measure("legal_bases", "counts"),
    Measure("considerations", "counts"),
    Measure("header", "share"),
    Measure("article_numbers", "share"),
)


def quality(kind: str, cell: str) -> float:
    """F1 of a matched/predicted/gold cell; accuracy of a right/total cell (1.0 when empty)."""
    numbers = [int(part) for part in cell.split("/")]
    if kind == "counts":
        return Counts(*numbers).f1
    right, total = numbers
    return right / total if total else 1.0


def current_rows(shared_corpus: Path) -> dict[str, dict[str, str]]:
    rows = {}
    for gold_path, document in gold_pairs(shared_corpus / "gold", shared_corpus / "docs"):
        scores = Scores()
        predicted, _failure = predict(document)
        score_document(scores, json.loads(gold_path.read_text(encoding="utf-8")), predicted, document.name)
        rows[gold_path.stem] = {measure.name: measure.cell(scores) for measure in MEASURES}
    return rows


def read_record() -> dict[str, dict[str, str]]:
    with RECORD.open(encoding="utf-8", newline="") as handle:
        return {row.pop("document"): row for row in csv.DictReader(handle, delimiter="\t")}


def write_record(rows: dict[str, dict[str, str]]) -> None:
    with RECORD.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["document", *(measure.name for measure in MEASURES)])
        for document in sorted(rows):
            writer.writerow([document, *(rows[document][measure.name] for measure in MEASURES)])


def fallen(recorded: dict[str, dict[str, str]], now: dict[str, dict[str, str]]) -> list[str]:
    """Every (document, measure) whose score is below the record, described."""
    found = []
    for document, cells in sorted(recorded.items()):
        if document not in now:
            found.append(f"{document}: in the record but no longer scored")
            continue
        for measure in MEASURES:
            before, after = quality(measure.kind, cells[measure.name]), quality(measure.kind, now[document][measure.name])
            if after < before - EPSILON:
                found.append(f"{document} {measure.name}: {cells[measure.name]} ({before:.3f}) → "
                             f"{now[document][measure.name]} ({after:.3f})")
    return found


def totals(rows: dict[str, dict[str, str]]) -> dict[str, str]:
    summed = {}
    for measure in MEASURES:
        parts = [sum(int(row[measure.name].split("/")[i]) for row in rows.values())
                 for i in range(3 if measure.kind == "counts" else 2)]
        summed[measure.name] = "/".join(map(str, parts))
    return summed


def test_no_score_of_any_gold_document_falls(shared_corpus: Path, request: pytest.FixtureRequest) -> None:
    now = current_rows(shared_corpus)
    recorded = read_record() if RECORD.is_file() else {}
    lost = fallen(recorded, now)
    overall = totals(now)
    print("\nshared gold, overall: " + "; ".join(
        f"{measure.name} {100 * quality(measure.kind, overall[measure.name]):.1f}% ({overall[measure.name]})"
        for measure in MEASURES))
    if request.config.getoption("--update-gold-record"):
        assert not lost, "refusing to record lower scores:\n" + "\n".join(lost)
        write_record(now)
        return
    assert RECORD.is_file(), f"no record: run pytest {Path(__file__).name} --update-gold-record"
    assert not lost, "scores fell below tests/gold_record.tsv:\n" + "\n".join(lost)
    unrecorded = sorted(set(now) - set(recorded))
    assert not unrecorded, f"gold documents missing from the record (run --update-gold-record): {unrecorded}"


def test_quality_compares_f1_for_counts_and_accuracy_for_shares() -> None:
    assert quality("counts", "9/10/10") == pytest.approx(0.9)
    assert quality("counts", "0/0/0") == 1.0
    assert quality("counts", "0/0/5") == 0.0
    assert quality("share", "3/4") == 0.75
    assert quality("share", "0/0") == 1.0


def test_a_fallen_score_is_reported_and_a_risen_one_is_not() -> None:
    row = {measure.name: "1/1" if measure.kind == "share" else "5/5/5" for measure in MEASURES}
    worse = {**row, "targets": "4/5/5"}
    better = {**row, "considerations": "6/6/6"}
    assert fallen({"001": row}, {"001": worse}) == ["001 targets: 5/5/5 (1.000) → 4/5/5 (0.800)"]
    assert fallen({"001": row}, {"001": better}) == []
    assert fallen({"001": row}, {}) == ["001: in the record but no longer scored"]
