"""nghiquyet-parser: Vietnamese People's Council resolutions to structured JSON.

    >>> from nghiquyet_parser import parse
    >>> resolution = parse("corpus/000.txt")
    >>> [a.heading for a in resolution.articles()]

A folder tree at a time: `convert_folder(src, dst)` writes JSON per document and the
tables (TABLES.md); `load_results(dst)` reads them back.
"""

from .batch.convert import ConversionSummary, convert_folder
from .errors import InputError, InputTooLarge, NghiquyetError, OutputError, TimeBudgetExceeded
from .extract.nlp import nlp
from .folders import Results, load_results, parse_folder
from .limits import Limits
from .pipeline import parse, parse_file, parse_text
from .version import __version__

__all__ = [
    "parse", "parse_file", "parse_text", "nlp", "Limits", "convert_folder", "ConversionSummary", "load_results",
    "parse_folder", "Results", "InputError", "InputTooLarge", "TimeBudgetExceeded", "NghiquyetError",
    "OutputError", "__version__",
]
