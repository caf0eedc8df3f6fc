"""nghiquyet-parser: Vietnamese People's Council resolutions to structured JSON.

    >>> from nghiquyet_parser import parse
    >>> resolution = parse("corpus/000.txt")
    >>> [a.heading for a in resolution.articles()]

A folder tree at a time: `convert_folder(src, dst)` writes JSON per document and the
tables (TABLES.md); `load_results(dst)` reads them back.
"""

from importlib import import_module

from .errors import InputError, InputTooLarge, NghiquyetError, OutputError, TimeBudgetExceeded
from .limits import Limits
from .version import __version__

# Exported on first use (PEP 562): the pipeline imports spaCy, about a second, which
# `nghiquyet --version` and `nghiquyet schema` never need.
_LAZY_EXPORTS = {
    "parse": ".pipeline", "parse_file": ".pipeline", "parse_text": ".pipeline", "nlp": ".extract.nlp",
    "convert_folder": ".batch.convert", "ConversionSummary": ".batch.convert",
    "load_results": ".folders", "parse_folder": ".folders", "Results": ".folders",
}

__all__ = [
    "parse", "parse_file", "parse_text", "nlp", "Limits", "convert_folder", "ConversionSummary", "load_results",
    "parse_folder", "Results", "InputError", "InputTooLarge", "TimeBudgetExceeded", "NghiquyetError",
    "OutputError", "__version__",
]


def __getattr__(name: str):
    if name not in _LAZY_EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY_EXPORTS[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY_EXPORTS])
