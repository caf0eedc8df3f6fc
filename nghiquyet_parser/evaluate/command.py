"""The `nghiquyet eval` command: score, then print the report as a table, markdown or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .gold import evaluate
from .report import markdown_table, print_rich, report_rows


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
