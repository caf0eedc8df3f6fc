"""`nghiquyet explain FILE`: every quantity of a document with what became of it — a
target, or not a target with the reason and the rule that decided — as a table a reader
checks against the text around each value."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from . import models

# Characters of the original text shown on each side of a value.
_CONTEXT = 40


def quantity_rows(resolution: models.Resolution) -> list[tuple[str, ...]]:
    """(number, value as written, context, decision, reason, rule) for every quantity, in order."""
    text = resolution.text
    rows = []
    for number, q in enumerate(resolution.quantities, start=1):
        before = " ".join(text[max(0, q.span.start - _CONTEXT) : q.span.start].split())
        after = " ".join(text[q.span.end : q.span.end + _CONTEXT].split())
        rows.append((str(number), q.text, f"…{before} [{q.text}] {after}…", q.decision, q.reason or "", q.rule or ""))
    return rows


def explain(resolution: models.Resolution, console: Console) -> None:
    table = Table(title=f"{resolution.source.path or 'text'}: {len(resolution.quantities)} quantities, "
                        f"{len(resolution.targets)} targets")
    for heading in ("#", "value", "in the text", "decision", "reason", "rule"):
        table.add_column(heading, overflow="fold")
    for row in quantity_rows(resolution):
        table.add_row(*row, style="bold" if row[3] == "target" else None)
    console.print(table)
    reasons = Counter(q.reason for q in resolution.quantities if q.decision == "not_target")
    console.print("not targets, by reason: " + ", ".join(f"{reason} {count}" for reason, count in reasons.most_common()))
