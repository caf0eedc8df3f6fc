"""`nghiquyet eval`: score the parser against gold annotations, as GOLD.md's "Scoring" says.

Every comparison works on the GOLD.md view (`emit.to_gold`), so the gold format and
the output schema can evolve separately. Scores are micro-averaged over items (targets,
citations, places) and over documents (articles, header fields). A document that fails
to parse counts as all-wrong and is listed. The command is a report: it exits 0.

Modules, each importing only those above it:

    matching  text keys, units, and the one-to-one pairing of gold and predicted items
    scoring   Counts, Share, Scores and how each part of a document adds to them
    gold      the gold files paired with their documents, each parsed and scored (`evaluate`)
    report    the table of measures, for the terminal or markdown
    command   `nghiquyet eval` (`run`)
"""

from .command import run
from .gold import evaluate, gold_pairs, predict
from .matching import (
    base_value,
    citations_match,
    greedy_pairs,
    headings_agree,
    loose_key,
    place_key,
    place_pair,
    unit_factor,
    word_f1,
)
from .report import markdown_table, report_rows
from .scoring import Counts, Scores, Share, score_document

__all__ = [
    "run", "evaluate", "gold_pairs", "predict", "base_value", "citations_match", "greedy_pairs", "headings_agree",
    "loose_key", "place_key", "place_pair", "unit_factor", "word_f1", "markdown_table", "report_rows", "Counts",
    "Scores", "Share", "score_document",
]
