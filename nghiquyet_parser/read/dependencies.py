"""Lazy imports of the optional `formats` dependencies, with a one-line error when missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import InputError

FORMATS_HINT = "pip install 'nghiquyet-parser[formats]'"


def optional_module(module: str, path: object, purpose: str) -> ModuleType:
    """Import `module` only when a document needs it, so plain text works without extras."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(path, f"reading {purpose} needs the '{module}' package: {FORMATS_HINT}") from None
