"""nghiquyet-parser: Vietnamese People's Council resolutions to structured JSON.

    >>> from nghiquyet_parser import parse
    >>> resolution = parse("corpus/000.txt")
    >>> [a.heading for a in resolution.articles()]
"""

from .errors import InputError, InputTooLarge, NghiquyetError, OutputError, TimeBudgetExceeded
from .extract.nlp import nlp
from .limits import Limits
from .pipeline import parse, parse_file, parse_text
from .version import __version__

__all__ = ["parse", "parse_file", "parse_text", "nlp", "Limits", "InputError", "InputTooLarge", "TimeBudgetExceeded",
           "NghiquyetError", "OutputError", "__version__"]
