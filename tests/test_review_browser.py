"""The review page in a real browser (Debian's chromium, headless, through Playwright):
it runs without script errors, shows one highlighted element per fact of the JSON,
finds a target from its table row, shows a fact's fields on a click, and lets none of
the document's text run as script.

Without chromium the tests skip; in CI (CI=true) they fail instead, so a missing
browser can never pass for a working page."""

from __future__ import annotations

import json
import os

import pytest
from browser import missing_reason, open_browser
from conftest import SEED

from nghiquyet_parser.emit import to_json
from nghiquyet_parser.pipeline import parse_file, parse_text
from nghiquyet_parser.review import to_html


@pytest.fixture(scope="module")
def browser_page():
    problem = missing_reason()
    if problem:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"CI must test the review page in a browser: {problem}")
        pytest.skip(problem)
    with open_browser(width=1280, height=800) as page:
        yield page


class _Watched:
    """A page opened from a file, with every script error and request it made."""

    def __init__(self, page, path):
        self.page, self.errors, self.requests = page, [], []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("request", lambda request: self.requests.append(request.url))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")


def _open(browser_page, tmp_path, resolution, name):
    """The page in a new tab of the shared browser, so no listener of another test stays on it."""
    path = tmp_path / f"{name}.html"
    path.write_text(to_html(resolution), encoding="utf-8")
    return _Watched(browser_page.context.new_page(), path)


def _in_view(page, selector: str) -> bool:
    return page.evaluate(
        """selector => { const box = document.querySelector(selector).getBoundingClientRect();
           const doc = document.getElementById('doc').getBoundingClientRect();
           return box.height > 0 && box.top >= doc.top && box.bottom <= doc.bottom
             && box.bottom <= window.innerHeight; }""", selector)


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED)


def test_the_seed_page_runs_clean_and_shows_every_fact_of_the_json(browser_page, tmp_path, seed) -> None:
    watched = _open(browser_page, tmp_path, seed, "seed")
    page = watched.page
    emitted = json.loads(to_json(seed))
    counts = page.evaluate("""() => Object.fromEntries(['target', 'place', 'citation', 'quantity'].map(
        kind => [kind, [...document.querySelectorAll(`[data-fact="${kind}"]`)].map(e => Number(e.dataset.index))]))""")
    assert sorted(counts["target"]) == list(range(len(emitted["targets"])))
    assert sorted(counts["quantity"]) == list(range(len(emitted["quantities"])))
    assert sorted(counts["citation"]) == list(range(len(emitted["cited_documents"])))
    assert sorted(counts["place"]) == sorted(index for index, place in enumerate(emitted["places"])
                                              for _ in place["spans"])
    assert len(emitted["targets"]) > 20 and emitted["places"]
    assert watched.errors == []
    assert all(url.startswith("file://") for url in watched.requests), watched.requests


def test_a_table_row_brings_its_target_into_view_and_selects_it(browser_page, tmp_path, seed) -> None:
    page = _open(browser_page, tmp_path, seed, "seed").page
    last = len(seed.targets) - 1
    span = f'#doc [data-fact="target"][data-index="{last}"]'
    assert not _in_view(page, span)  # far down the text before the click
    page.click(f'#target-table tbody tr[data-index="{last}"]')
    assert _in_view(page, span)
    assert page.evaluate(f"document.querySelector('{span}').classList.contains('selected')")
    assert page.evaluate(f"""document.querySelector('#target-table tr[data-index="{last}"]').classList
                             .contains('selected')""")
    assert seed.targets[last].indicator in page.inner_text("#details")


def test_clicking_a_quantity_shows_its_decision_and_rule(browser_page, tmp_path, seed) -> None:
    page = _open(browser_page, tmp_path, seed, "seed").page
    index, quantity = next((i, q) for i, q in enumerate(seed.quantities) if q.decision == "not_target")
    page.click(f'#doc [data-fact="quantity"][data-index="{index}"]')
    details = page.inner_text("#details")
    assert f"Quantity #{index}" in details
    assert quantity.reason in details and quantity.rule in details
    page.hover(f'#doc [data-fact="quantity"][data-index="{index}"]')
    assert page.is_visible("#tooltip") and f"Quantity #{index}" in page.inner_text("#tooltip")


def test_a_filter_takes_the_highlight_off_a_kind(browser_page, tmp_path, seed) -> None:
    page = _open(browser_page, tmp_path, seed, "seed").page
    colour = """() => getComputedStyle(document.querySelector('#doc [data-fact="target"]')).backgroundColor"""
    shown = page.evaluate(colour)
    page.uncheck('input[data-filter="target"]')
    assert page.evaluate(colour) != shown
    assert page.evaluate(colour) == "rgba(0, 0, 0, 0)"


def test_the_documents_text_never_runs_as_script(browser_page, tmp_path) -> None:
    hostile = ("</script><script>window.pwned = 1</script><img src=x onerror='window.pwned = 2'>")
    text = (f"NGHỊ QUYẾT\nVề {hostile}\nĐiều 1. Thu nhập bình quân đầu người {hostile} đạt 50 triệu đồng "
            f"tại xã An Bình.\n")
    resolution = parse_text(text)
    watched = _open(browser_page, tmp_path, resolution, "hostile")
    assert watched.page.evaluate("window.pwned === undefined")
    assert watched.errors == []
    assert all(url.startswith("file://") for url in watched.requests), watched.requests
    assert watched.page.locator('[data-fact="target"]').count() == len(resolution.targets) == 1
