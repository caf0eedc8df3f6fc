"""Make docs/img/review.png, the README's picture of the review page, from corpus/000.txt.

    PYTHONPATH=. python scripts/review_screenshot.py [--input corpus/000.txt] [--output docs/img/review.png]

Needs Debian's chromium and Playwright (the test extra); the browser is launched as the
review page's test launches it (tests/browser.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import missing_reason, open_browser  # noqa: E402

from nghiquyet_parser.pipeline import parse_file  # noqa: E402
from nghiquyet_parser.review import to_html  # noqa: E402

TARGET_ROW = 3  # the row clicked before the picture, so it shows a selected target and its fields


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--input", type=Path, default=ROOT / "corpus" / "000.txt")
    options.add_argument("--output", type=Path, default=ROOT / "docs" / "img" / "review.png")
    args = options.parse_args()
    problem = missing_reason()
    if problem:
        print(f"review_screenshot: {problem}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "review.html"
        # Named relative to the repository, so the picture shows no local folder.
        shown = args.input.resolve().relative_to(ROOT) if args.input.resolve().is_relative_to(ROOT) else args.input
        os.chdir(ROOT)
        page_path.write_text(to_html(parse_file(shown)), encoding="utf-8")
        with open_browser(width=1400, height=860) as page:
            page.goto(page_path.as_uri())
            page.click(f"#target-table tbody tr[data-index='{TARGET_ROW}']")
            page.screenshot(path=str(args.output))
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
