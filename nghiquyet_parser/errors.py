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


class OutputError(NghiquyetError):
    """An output file or folder cannot be written (read-only folder, full disk, no permission)."""

    def __init__(self, path: object, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
