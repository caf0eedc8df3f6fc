"""Limits on one document: how large it may be, and how long parsing it may take.

    parse("nq.docx", limits=Limits(max_megabytes=20, max_text_megabytes=5, seconds=30))

Size, three ways, because the memory of a parse follows none of them alone:

- The file: at most `max_megabytes`. A .docx or .pdf with scanned pages or photos is
  tens of MB whose text is small, so this limit is loose.
- The text read out of it (UTF-8): at most `max_text_megabytes`. A parse's memory grows
  with its text (a 1 MB .docx or .pdf can hold 100 MB of it), so this limit is tight.
- The facts found in it (`MAX_FACTS`: quantities, targets, nodes), counted as they are
  found (`count`): each is a few kB of objects and JSON, and a text of numbers only
  ("12,5% 12,5% ...") holds one every six bytes, several times what real text holds.

Readers also stop at structural limits of their own (paragraphs of a .docx, pages of
a .pdf, elements of an HTML page), so a hostile file is refused while it is being read,
not after it has filled the memory.

Time: a budget per document, kept two ways, because no single way works everywhere:

- Cooperative checks. `check_time()` is called between the stages and inside the long
  loops (paragraphs, pages, elements, lines, blocks); it reads the budget of the current
  document from a context variable, so nothing has to pass it down, and it works in any
  thread (a Dask task, a web server's request thread), where no signal can reach.
- SIGALRM, in the main thread only (where Python delivers signals), as a backstop for
  code that runs long between two checks (one regex over a 5 MB line, pypdf on one
  page). It fires `ALARM_GRACE` after the deadline, so that where a check exists the
  stop comes from the check, at a point where no library is half-way through changing
  its own state. It is armed only when nobody else uses SIGALRM (the handler is the
  default and no interval timer runs): a library must not take over its caller's signals.

Neither stops native code that never returns to Python (a C loop in lxml); a caller that
must stop those runs the document in a process it can kill (`batch.isolated`,
`batch.engines` do). `PyThreadState_SetAsyncExc` would reach other threads, but it can
land inside any library's cleanup, even after the parse has returned; checks cannot.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator, Optional

from .errors import InputTooLarge, TimeBudgetExceeded

MEGABYTE = 1_000_000  # decimal, as file managers show sizes: "52.4 MB (the limit is 50 MB)"
# The file: room for scanned pages and photos around the text.
DEFAULT_MAX_MEGABYTES = 50.0
# The text: 4x the largest resolution seen (1.3 MB of text, appendices included). Measured
# (scripts/benchmark.py: a worker with its models loaded, ~200 MB before any text, parses
# and writes the JSON), the corpus joined to 5 MB of text peaks at 643 MB: each MB of real
# text costs ~90 MB, so 5 MB leaves a 1 GB worker room to spare (50 MB took 4.8 GB).
DEFAULT_MAX_TEXT_MEGABYTES = 5.0
# Facts per document, counted as they are found (`count`). One resolution holds at most 1,061
# quantities, 352 targets and under 2,000 nodes; corpus/*.txt joined and repeated to 5 MB of
# text (its 12 resolutions 50 times over) 42,000, 15,700 and 29,000, and parses. Each fact
# costs kBs of objects and JSON: just under these limits, 60,000 quantities of "12,5% " peaked
# at 400 MB, 24,800 targets on one line at 458 MB, 14,000 articles (24,900 targets) at 537 MB;
# refused at the 5 MB text limit, the densest shapes peak at 420 to 650 MB where they used to
# take up to 2.9 GB parsed (scripts/benchmark.py measures each shape against 1 GB).
MAX_FACTS = {"quantities": 60_000, "targets": 25_000, "nodes": 40_000}
ALARM_GRACE = 1.0  # seconds after the deadline before SIGALRM interrupts code between checks


@dataclass(frozen=True)
class Limits:
    """What one document may cost: MB of file, MB of text (UTF-8) read from it, seconds
    (`seconds=None`: no time budget)."""

    max_megabytes: float = DEFAULT_MAX_MEGABYTES
    seconds: Optional[float] = None
    max_text_megabytes: float = DEFAULT_MAX_TEXT_MEGABYTES

    def __post_init__(self) -> None:
        if (not self.max_megabytes > 0 or not self.max_text_megabytes > 0
                or (self.seconds is not None and not self.seconds > 0)):
            raise ValueError(f"limits must be positive: {self}")

    @property
    def max_bytes(self) -> int:
        return int(self.max_megabytes * MEGABYTE)

    @property
    def max_text_bytes(self) -> int:
        return int(self.max_text_megabytes * MEGABYTE)


def megabytes(size: int) -> str:
    """'52.5 MB': three significant digits, rounded up so a size over a limit never reads as equal to it."""
    step = 10 ** max(len(str(size)) - 3, 0)  # in bytes, integers: no float rounding
    return f"{-(-size // step) * step / MEGABYTE:g} MB"


def check_size(size: int, limits: Limits, path: object, what: str = "input") -> None:
    if size > limits.max_bytes:
        raise InputTooLarge(path, f"{what} too large: {megabytes(size)} (the limit is {limits.max_megabytes:g} MB)")


class _Tally:
    """The facts of one document counted so far, against MAX_FACTS."""

    def __init__(self, path: object):
        self.path = path
        self.counts = dict.fromkeys(MAX_FACTS, 0)

    def add(self, kind: str, number: int) -> None:
        self.counts[kind] += number
        if self.counts[kind] > MAX_FACTS[kind]:
            raise InputTooLarge(self.path, f"too many {kind}: over the limit of {MAX_FACTS[kind]:,}")


_tally: ContextVar[Optional[_Tally]] = ContextVar("nghiquyet_fact_tally", default=None)


def count(kind: str, number: int = 1) -> None:
    """Count `number` facts of `kind` ('quantities', 'targets', 'nodes') found in the document
    being parsed; InputTooLarge once there are more than MAX_FACTS[kind]. Called where each is
    found, before its model is built, so a dense text is refused early. Outside `fact_tally`
    (a spaCy component in someone else's pipeline) it does nothing."""
    tally = _tally.get()
    if tally is not None:
        tally.add(kind, number)


@contextmanager
def fact_tally(path: object) -> Iterator[None]:
    """Within this block, `count` holds one document's facts to MAX_FACTS."""
    token = _tally.set(_Tally(path))
    try:
        yield
    finally:
        _tally.reset(token)


@dataclass(frozen=True)
class _Budget:
    seconds: float
    path: object
    expires: float  # time.monotonic()

    def check(self) -> None:
        if time.monotonic() > self.expires:
            raise TimeBudgetExceeded(self.path, self.seconds)


_current: ContextVar[Optional[_Budget]] = ContextVar("nghiquyet_time_budget", default=None)


def check_time() -> None:
    """Raise TimeBudgetExceeded when the document being parsed has spent its budget.

    Costs a context-variable read and a clock read: cheap enough for every paragraph or line."""
    budget = _current.get()
    if budget is not None:
        budget.check()


def remaining_seconds() -> Optional[float]:
    """What is left of the current budget (for a subprocess's own timeout), None without one."""
    budget = _current.get()
    return None if budget is None else max(0.0, budget.expires - time.monotonic())


@contextmanager
def time_budget(seconds: Optional[float], path: object) -> Iterator[None]:
    """Within this block, `check_time()` raises once `seconds` have passed.

    Nested budgets keep the earlier deadline: a batch's budget for parse-and-write
    bounds the parse's own."""
    outer = _current.get()
    if seconds is None or (outer is not None and outer.expires <= time.monotonic() + seconds):
        yield
        return
    budget = _Budget(seconds, path, time.monotonic() + seconds)
    token = _current.set(budget)
    alarm = _Alarm(budget) if outer is None and _alarm_is_free() else None
    try:
        yield
    finally:
        if alarm is not None:
            alarm.disarm()
        _current.reset(token)


def _alarm_is_free() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None) and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


class _Alarm:
    """SIGALRM at the deadline plus the grace; disarmed and the handler restored on exit."""

    def __init__(self, budget: _Budget):
        self.budget = budget
        self.active = True
        self.previous = signal.signal(signal.SIGALRM, self._expired)
        signal.setitimer(signal.ITIMER_REAL, budget.seconds + ALARM_GRACE)

    def disarm(self) -> None:
        self.active = False  # a signal already on its way does nothing now
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)

    def _expired(self, signum, frame) -> None:
        if self.active:
            raise TimeBudgetExceeded(self.budget.path, self.budget.seconds)
