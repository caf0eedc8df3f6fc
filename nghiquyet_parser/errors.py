"""Errors a user sees: one line, naming the file and the problem."""

from __future__ import annotations


class NghiquyetError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(NghiquyetError):
    """The input cannot be read or is not a resolution."""

    def __init__(self, path: object, problem: str):
        self.path = str(path) if path is not None else "<text>"
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def named(self, path: object) -> "InputError":
        """The same error (same class) naming the input as the user knows it ('<stdin>')."""
        renamed = type(self).__new__(type(self))  # not copy.copy: subclasses take other arguments
        renamed.__dict__.update(self.__dict__, path=str(path))
        renamed.args = (f"{renamed.path}: {self.problem}",)
        return renamed


class OutputError(NghiquyetError):
    """An output file or folder cannot be written (read-only folder, full disk, no permission)."""

    def __init__(self, path: object, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class LimitExceeded(InputError):
    """The input breaks a limit (`limits.Limits`, or a reader's own): refused, not read at any cost."""


class InputTooLarge(LimitExceeded):
    """Too many bytes, characters, paragraphs, pages or elements."""


class TimeBudgetExceeded(LimitExceeded):
    """Parsing the document took longer than its time budget."""

    def __init__(self, path: object, seconds: float):
        self.seconds = seconds
        super().__init__(path, f"took longer than {seconds:g} s (the time budget)")
