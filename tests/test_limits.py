"""The limits of one document (`limits.Limits`): a size limit on the input file, another on
the text read from it, and a time budget kept by checks in any thread and, in the main thread, by
SIGALRM. Each breach is one InputError naming the file."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import REPO, SEED
from test_cli import assert_one_line_error, nghiquyet

from nghiquyet_parser import limits, parse, parse_file, parse_text
from nghiquyet_parser.batch.jobs import Job, convert_one
from nghiquyet_parser.errors import InputError, InputTooLarge, TimeBudgetExceeded
from nghiquyet_parser.limits import Limits, check_time, megabytes, remaining_seconds, time_budget
from nghiquyet_parser.read import read_bytes

SPENT = 1e-6  # a budget that is spent by the first check


def test_limits_must_be_positive():
    for bad in ({"max_megabytes": 0}, {"seconds": 0}, {"seconds": -1}, {"max_megabytes": float("nan")},
                {"max_text_megabytes": 0}, {"max_text_megabytes": float("nan")}):
        with pytest.raises(ValueError):
            Limits(**bad)


@pytest.mark.parametrize("size, shown", [(52_439_092, "52.5 MB"), (50_000_001, "50.1 MB"), (1_621_689, "1.63 MB"),
                                         (800, "0.0008 MB"), (50_000_000, "50 MB")])
def test_sizes_are_shown_rounded_up(size, shown):
    assert megabytes(size) == shown


def test_an_input_over_the_size_limit_is_refused_before_it_is_read():
    with pytest.raises(InputTooLarge) as caught:
        read_bytes(b"x" * 2_000, "big.txt", Limits(max_megabytes=0.001))
    assert str(caught.value) == "big.txt: input too large: 0.002 MB (the limit is 0.001 MB)"


def test_text_over_the_text_limit_is_refused():
    text = SEED.read_text(encoding="utf-8")
    with pytest.raises(InputTooLarge) as caught:
        parse_text(text, path="seed.txt", limits=Limits(max_text_megabytes=len(text) / 4_000_000))
    assert str(caught.value).startswith("seed.txt: text too large: ")
    assert " MB of text (the limit is " in str(caught.value)


def test_the_file_and_its_text_have_limits_of_their_own():
    data = b"x" * 2_000
    with pytest.raises(InputTooLarge) as caught:
        read_bytes(data, "a.txt", Limits(max_megabytes=50, max_text_megabytes=0.001))
    assert str(caught.value) == "a.txt: text too large: 0.002 MB of text read from a 0.002 MB file (the limit is 0.001 MB)"
    with pytest.raises(InputTooLarge, match="input too large"):
        read_bytes(data, "a.txt", Limits(max_megabytes=0.001, max_text_megabytes=50))
    assert read_bytes(data, "a.txt", Limits(max_megabytes=0.002, max_text_megabytes=0.002)).text == "x" * 2_000


def test_the_text_limit_is_tighter_than_the_file_limit():
    """A .docx or .pdf with photos is tens of MB around a small text; the text is what costs memory."""
    assert limits.DEFAULT_MAX_TEXT_MEGABYTES < limits.DEFAULT_MAX_MEGABYTES
    assert Limits().max_text_bytes == limits.DEFAULT_MAX_TEXT_MEGABYTES * limits.MEGABYTE


# --------------------------------------------------------------------------- the time budget


def test_a_spent_budget_is_an_input_error_naming_the_file():
    with pytest.raises(TimeBudgetExceeded) as caught:
        parse_file(SEED, limits=Limits(seconds=SPENT))
    assert isinstance(caught.value, InputError)
    assert str(caught.value) == f"{SEED}: took longer than 1e-06 s (the time budget)"


def test_the_budget_holds_in_a_thread_where_no_signal_reaches():
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(parse, SEED, limits=Limits(seconds=SPENT))
        with pytest.raises(TimeBudgetExceeded):
            future.result()


def test_checks_outside_a_budget_do_nothing():
    check_time()
    assert remaining_seconds() is None


def test_a_nested_budget_keeps_the_earlier_deadline():
    with time_budget(SPENT, "outer"):
        with time_budget(3600, "inner"):
            time.sleep(0.001)
            with pytest.raises(TimeBudgetExceeded, match="outer"):
                check_time()
    with time_budget(3600, "outer"):
        with time_budget(SPENT, "inner"):
            time.sleep(0.001)
            with pytest.raises(TimeBudgetExceeded, match="inner"):
                check_time()
        check_time()  # the outer budget is not spent


def _spin_until_interrupted() -> None:
    """Pure Python without a single check: only the alarm can stop it (30 s: a broken alarm fails, never hangs)."""
    give_up = time.monotonic() + 30
    while time.monotonic() < give_up:
        pass
    pytest.fail("the alarm did not interrupt code between checks")


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers on this platform")
def test_the_alarm_stops_code_between_checks_in_the_main_thread(monkeypatch):
    monkeypatch.setattr(limits, "ALARM_GRACE", 0.0)
    with pytest.raises(TimeBudgetExceeded, match="spinner"):
        with time_budget(0.05, "spinner"):
            _spin_until_interrupted()
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers on this platform")
def test_a_callers_own_alarm_is_left_alone():
    def callers_handler(signum, frame):
        raise AssertionError("not ours to take")

    previous = signal.signal(signal.SIGALRM, callers_handler)
    try:
        with time_budget(SPENT, "doc"):
            assert signal.getsignal(signal.SIGALRM) is callers_handler
            time.sleep(0.001)
            with pytest.raises(TimeBudgetExceeded):
                check_time()  # the checks still keep the budget
        assert signal.getsignal(signal.SIGALRM) is callers_handler
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_no_alarm_is_armed_outside_the_main_thread():
    seen = []

    def in_thread():
        with time_budget(3600, "doc"):
            seen.append(signal.getitimer(signal.ITIMER_REAL))

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()
    assert seen == [(0.0, 0.0)]


# --------------------------------------------------------------------------- batch and command line


def test_batch_converts_with_the_library_budget_in_a_thread(tmp_path):
    """A Dask task runs convert_one in a thread: the budget stops it there too, and no JSON is left."""
    output = tmp_path / "seed.json"
    job = Job(str(SEED), "seed.txt", str(output), 1e-6, 2048)
    with ThreadPoolExecutor(1) as pool:
        outcome = pool.submit(convert_one, job).result()
    assert (outcome.ok, outcome.error, outcome.message) == (False, "Timeout", "took longer than 1e-06 s (the time budget)")
    assert not output.exists()


def test_batch_reports_an_input_over_the_size_limit(tmp_path):
    outcome = convert_one(Job(str(SEED), "seed.txt", str(tmp_path / "seed.json"), 120.0, 2048, max_megabytes=0.001))
    assert (outcome.ok, outcome.error) == (False, "InputError")
    assert outcome.message.startswith("input too large: ") and outcome.message.endswith("(the limit is 0.001 MB)")


def test_batch_reports_text_over_the_text_limit(tmp_path):
    outcome = convert_one(Job(str(SEED), "seed.txt", str(tmp_path / "seed.json"), 120.0, 2048,
                              max_text_megabytes=0.001))
    assert (outcome.ok, outcome.error) == (False, "InputError")
    assert outcome.message.startswith("text too large: ") and outcome.message.endswith("(the limit is 0.001 MB)")


def test_parse_command_takes_a_text_limit():
    result = nghiquyet("parse", "--max-text-size", "0.001", str(SEED))
    assert_one_line_error(result, SEED)
    assert "text too large" in result.stderr and "the limit is 0.001 MB" in result.stderr
    assert nghiquyet("parse", "--max-text-size", "0", str(SEED)).returncode == 2


def test_parse_command_takes_a_timeout_and_a_size_limit(tmp_path):
    assert_one_line_error(nghiquyet("parse", "--timeout", "0.000001", str(SEED)), SEED)
    result = nghiquyet("parse", "--max-size", "0.001", str(SEED))
    assert_one_line_error(result, SEED)
    assert "input too large" in result.stderr and "the limit is 0.001 MB" in result.stderr
    assert nghiquyet("parse", "--timeout", "0", str(SEED)).returncode == 2


def test_standard_input_over_the_size_limit_is_named_as_such():
    result = subprocess.run([sys.executable, "-m", "nghiquyet_parser.cli", "parse", "--max-size", "0.001", "-"],
                            input=SEED.read_bytes(), capture_output=True, cwd=REPO, timeout=300)
    assert result.returncode == 1
    assert result.stderr.decode("utf-8").startswith("nghiquyet: error: <stdin>: input too large: 0.0")
