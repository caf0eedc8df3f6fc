"""Whatever bytes arrive, the reader and the parser give a valid result or one InputError.

Property-based (hypothesis): random bytes, truncated files of every format, documents
mixing encodings line by line, huge lines, deeply nested numbering, regex-hostile
lines. Every run uses the quick profile (conftest.py); `pytest -m slow` runs the same
properties over >= 10,000 inputs each.
"""

from __future__ import annotations

import gc
import time
from functools import lru_cache

import pytest
from conftest import (
    SEED,
    docx_bytes,
    html_page,
    legacy_bytes,
    legacy_repertoire,
    pdf_bytes,
    windows_1258_bytes,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from nghiquyet_parser import models, parse
from nghiquyet_parser.emit import to_json
from nghiquyet_parser.errors import InputError
from nghiquyet_parser.read import RawDocument, read_bytes, read_text

LONG = settings.get_profile("long")
FORMATS = {"text", "docx", "doc", "pdf", "html"}
HOSTILE_PIECES = [
    "1.", "1.1.", "(", ")", "((((", "a)", "đ)", "I.", "XIV.", "- ", "+ ", "• ", "Điều 1.", "Điều", "Chương I",
    "Mục 1", "Căn cứ ", "Xét ", "QUYẾT NGHỊ:", "Số: 12/NQ-HĐND", "ngày 20 tháng 7 năm 2021", "tăng 9,2%",
    "2.501,7 tỷ đồng", "7-7,5%", "xã (", "Nơi nhận:", "TM.", "\t", " ", "\n", "\r\n", "\u00a0", "\u200b",
    "\u0301", "Ð", "<b>", "&amp;", "|", "**", "\\", "/", "%", "‰", "…", "\ufffd",
]


@lru_cache(maxsize=None)
def seed_files() -> dict[str, bytes]:
    """The seed in every format, made once: the material truncation cuts."""
    text = SEED.read_text(encoding="utf-8")
    files = {
        "seed.txt": text.encode("utf-8"),
        "seed-utf16.txt": text.encode("utf-16"),
        "seed-1258.txt": windows_1258_bytes(text.replace("\ufffd", "?")),
        "seed.html": html_page("".join(f"<p>{line}</p>" for line in text.splitlines())),
    }
    try:
        files["seed-tcvn3.txt"] = legacy_bytes(legacy_repertoire(text, "tcvn3"), "tcvn3")
        files["seed-vni.txt"] = legacy_bytes(legacy_repertoire(text, "vni"), "vni")
        files["seed.docx"] = docx_bytes(text.splitlines())
        files["seed.pdf"] = pdf_bytes(text.replace("\ufffd", "?").splitlines()[:40])
    except (ImportError, pytest.skip.Exception):
        pass  # the formats extra is missing: truncate what we have
    return files


@lru_cache(maxsize=None)
def parser_ready() -> bool:
    try:
        parse(read_text(SEED.read_text(encoding="utf-8")))
    except NotImplementedError:
        return False
    return True


def need_parser() -> None:
    if not parser_ready():
        pytest.skip("the segmenter/extractors are not written yet (NotImplementedError)")


# --------------------------------------------------------------------------- checks


def check_read(data: bytes, name: str | None = None) -> RawDocument | None:
    """Reading gives a document with text, or an InputError; nothing else."""
    try:
        raw = read_bytes(data, name)
    except InputError as error:
        assert error.problem and "\n" not in str(error)
        return None
    assert isinstance(raw.text, str) and raw.text.strip()
    assert raw.source.format in FORMATS and raw.source.size_bytes == len(data)
    return raw


def check_parse(raw: RawDocument) -> None:
    """Parsing gives a schema-valid result whose spans all lie in its text, or an InputError."""
    try:
        resolution = parse(raw)
    except InputError:
        return
    assert resolution.text == raw.text
    for start, end in spans(resolution.model_dump()):
        assert 0 <= start <= end <= len(resolution.text)
    assert models.Resolution.model_validate_json(to_json(resolution)) == resolution


def spans(value):
    """Every (start, end) span anywhere in a dumped model."""
    if isinstance(value, dict):
        if set(value) == {"start", "end"}:
            yield value["start"], value["end"]
            return
        for item in value.values():
            yield from spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from spans(item)


def check_read_and_parse(data: bytes, name: str | None = None) -> None:
    raw = check_read(data, name)
    if raw is not None and parser_ready():
        check_parse(raw)


# --------------------------------------------------------------------------- strategies

random_bytes = st.binary(max_size=4096)
truncated = st.tuples(st.sampled_from(sorted(seed_files())), st.floats(0, 1)).map(
    lambda pick: (seed_files()[pick[0]][: int(len(seed_files()[pick[0]]) * pick[1])], pick[0])
)
MIXED_ENCODERS = {
    "utf-8": lambda line: line.encode("utf-8"),
    "utf-16-le": lambda line: line.encode("utf-16-le"),
    "windows-1258": windows_1258_bytes,
    "tcvn3": lambda line: legacy_bytes(legacy_repertoire(line, "tcvn3"), "tcvn3"),
    "vni": lambda line: legacy_bytes(legacy_repertoire(line, "vni"), "vni"),
}
mixed = st.lists(
    st.tuples(st.sampled_from(SEED.read_text(encoding="utf-8").splitlines()), st.sampled_from(sorted(MIXED_ENCODERS))),
    min_size=1, max_size=30,
).map(lambda lines: b"\n".join(MIXED_ENCODERS[encoding](line) for line, encoding in lines))
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=20)), min_size=1, max_size=400
).map("".join)
HTML_PIECES = ["<div>", "</div>", "<p>", "</p>", "<br>", "<table><tr><td>", "</td><td>", "</td></tr></table>",
               "<a href='x'>", "</a>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "&nbsp;", "&#x0;", "&lol;",
               "<!DOCTYPE x [<!ENTITY lol 'lol'>]>", "<meta charset='tcvn3'>", "<b>" * 300]
hostile_html = st.lists(
    st.one_of(st.sampled_from(HTML_PIECES), st.sampled_from(HOSTILE_PIECES), st.text(max_size=20)), max_size=300
).map(lambda pieces: ("<!DOCTYPE html><html><body>" + "".join(pieces)).encode("utf-8"))
repeated_line = st.tuples(st.sampled_from(HOSTILE_PIECES), st.integers(1, 5000)).map(lambda pick: pick[0] * pick[1])


# --------------------------------------------------------------------------- quick profile


@given(random_bytes)
def test_random_bytes(data):
    check_read_and_parse(data)


@given(truncated)
def test_truncated_files(pick):
    check_read_and_parse(*pick)


@given(mixed)
def test_mixed_encodings(data):
    pytest.importorskip("viparse")
    check_read_and_parse(data)


@given(hostile_html)
def test_hostile_html(data):
    check_read_and_parse(data, "page.html")


@given(hostile_text)
def test_regex_hostile_text(text):
    need_parser()
    check_parse(read_text("Điều 1.\n" + text))


@given(repeated_line)
def test_repeated_markers(text):
    need_parser()
    check_parse(read_text("QUYẾT NGHỊ:\nĐiều 1. Nhiệm vụ\n" + text + "\nĐiều 2. Hiệu lực"))


# Each hostile shape as a function of its repetition count. A parse must cost time
# proportional to the input: the check compares the time of an input four times longer
# with that of the shorter one, measured back to back, so a slow or busy machine slows
# both alike (a wall-clock budget fails there). Linear is x4; quadratic would be x16.
HUGE_INPUTS = {
    "1.1.1.1 repeated": lambda n: "1.1." * n,
    "(((( repeated": lambda n: "(" * (4 * n),
    "nested clauses": lambda n: "\n".join("1." * (1 + depth % 40) + " x" for depth in range(n // 40)),
    "numbered lines": lambda n: "1. x\n" * (n // 5),
    "one long line of values": lambda n: "Tổng thu ngân sách đạt 150,26 tỷ đồng, tăng 30,9%; " * (n // 50),
    "bullets": lambda n: "- \n" * (n // 3),
}
BASE_SIZE = 12_000  # characters of the shorter input: long enough that noise does not dominate
GROWTH = 4
MAX_COST_RATIO = 9  # linear: about 4; quadratic: 16


def _parse_seconds(text: str) -> float:
    gc.collect()
    gc.disable()  # a collection landing in one run and not the other would skew the ratio
    try:
        started = time.process_time()  # CPU time: another process on the machine does not count
        check_parse(read_text("Điều 1. Nhiệm vụ\n" + text))
        return time.process_time() - started
    finally:
        gc.enable()


@pytest.mark.parametrize("name", sorted(HUGE_INPUTS))
def test_huge_and_nested_inputs_cost_time_in_proportion(name):
    need_parser()
    make = HUGE_INPUTS[name]
    _parse_seconds(make(BASE_SIZE))  # warm caches and imports
    # the fastest of a few runs each: another process can only slow a run down
    short = min(_parse_seconds(make(BASE_SIZE)) for _ in range(3))
    long = min(_parse_seconds(make(BASE_SIZE * GROWTH)) for _ in range(2))
    assert long / max(short, 1e-3) < MAX_COST_RATIO, f"{name}: {short:.3f} s, then {long:.3f} s for {GROWTH}x the text"


def test_huge_bytes_are_read():
    check_read(("Điều 1. " + "x" * 1_000_000 + "\n").encode("utf-16"))
    check_read(b"\xb5" * 2_000_000)  # one 2 MB TCVN3-looking line


# --------------------------------------------------------------------------- long profile (-m slow)


@pytest.mark.slow
@settings(LONG)
@given(st.binary(max_size=65_536))
def test_random_bytes_long(data):
    check_read_and_parse(data)


@pytest.mark.slow
@settings(LONG)
@given(truncated)
def test_truncated_files_long(pick):
    check_read_and_parse(*pick)


@pytest.mark.slow
@settings(LONG)
@given(mixed)
def test_mixed_encodings_long(data):
    pytest.importorskip("viparse")
    check_read_and_parse(data)


@pytest.mark.slow
@settings(LONG)
@given(hostile_html)
def test_hostile_html_long(data):
    check_read_and_parse(data, "page.html")


@pytest.mark.slow
@settings(LONG)
@given(hostile_text)
def test_regex_hostile_text_long(text):
    need_parser()
    check_parse(read_text("Điều 1.\n" + text))


def test_cases_the_long_profile_found() -> None:
    """Found by the long hypothesis profile: a control character after a dropped <script>
    (lxml refused to join it to the parent's text), and a digit newer than Python's Unicode
    tables (regex's \\d matched it, float() raised)."""
    check_read_and_parse(b"<!DOCTYPE html><html><body><div><script></script>\x1f", "page.html")
    check_read_and_parse(b"<html><body><p>\x1fNGH\xe1\xbb\x8a QUY\xe1\xba\xbeT</p><p>\xc4\x90i\xe1\xbb\x81u 1. X\x0b</p></body></html>", "p.html")
    check_parse(read_text("Điều 1.\n\U0001ccf0"))
    check_parse(read_text("Điều 1. Tỷ lệ đạt \U0001ccf1\U0001ccf2%."))
    check_parse(read_text("Điều \U0001ccf1. Thông qua.\nĐiều 1. Tổ chức thực hiện."))
