"""nghiquyet-parser: Vietnamese People's Council resolutions to structured JSON.

    >>> from nghiquyet_parser import parse
    >>> resolution = parse("corpus/000.txt")
    >>> [a.heading for a in resolution.articles()]
"""

from .errors import InputError, NghiquyetError, OutputError
from .extract.nlp import nlp
from .pipeline import parse, parse_file, parse_text
from .version import __version__

__all__ = ["parse", "parse_file", "parse_text", "nlp", "InputError", "NghiquyetError", "OutputError", "__version__"]
