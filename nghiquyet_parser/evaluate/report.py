"""The report of `nghiquyet eval`: one table of measures, for the terminal (rich) or markdown."""

from __future__ import annotations

from typing import Iterable, Optional

from rich.console import Console
from rich.table import Table

from .scoring import Counts, Scores, Share


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

