"""Debian's chromium, headless, through Playwright: the review page's test and
scripts/review_screenshot.py open pages with `open_browser()`.

Playwright drives the system browser (`executable_path`), never one it would download:
nothing but the package registries is reachable here, and CI installs chromium with apt-get.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM = Path(os.environ.get("NGHIQUYET_CHROMIUM", "/usr/bin/chromium"))
# A quiet, private browser: no sandbox (CI runs as root), no GPU, no calls home.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def missing_reason() -> str | None:
    """Why the browser cannot run here, or None when it can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401 - only whether it is installed
    except ImportError:
        return "playwright is missing (pip install -e '.[test]')"
    return None


@contextmanager
def open_browser(width: int = 1400, height: int = 900) -> Iterator[object]:
    """A new page in a fresh profile; closed, profile removed, on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="nq-chromium-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": width, "height": height})
        try:
            yield context.new_page()
        finally:
            context.close()
