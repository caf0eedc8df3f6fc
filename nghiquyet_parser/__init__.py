"""nghiquyet-parser: Vietnamese People's Council resolutions to structured JSON.

    >>> from nghiquyet_parser import parse
    >>> resolution = parse("corpus/000.txt")
    >>> [a.heading for a in resolution.articles()]
"""

from importlib import import_module

from .errors import InputError, NghiquyetError, OutputError
from .version import __version__

# Exported on first use (PEP 562): the pipeline imports spaCy, about a second, which
# `nghiquyet --version` and `nghiquyet schema` never need.
_LAZY_EXPORTS = {"parse": ".pipeline", "parse_file": ".pipeline", "parse_text": ".pipeline", "nlp": ".extract.nlp"}

__all__ = ["parse", "parse_file", "parse_text", "nlp", "InputError", "NghiquyetError", "OutputError", "__version__"]


def __getattr__(name: str):
    if name not in _LAZY_EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY_EXPORTS[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY_EXPORTS])
