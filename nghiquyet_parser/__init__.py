"""nghiquyet-parser: Vietnamese People's Council resolutions to structured JSON.

    >>> from nghiquyet_parser import parse
    >>> resolution = parse("corpus/000.txt")
    >>> [a.heading for a in resolution.articles()]
"""

__version__ = "0.1.0"

from .errors import InputError, NghiquyetError  # noqa: E402
from .extract import shared_nlp  # noqa: E402
from .pipeline import parse, parse_file, parse_text  # noqa: E402

__all__ = ["parse", "parse_file", "parse_text", "nlp", "InputError", "NghiquyetError", "__version__"]


def nlp():
    """The shared spaCy pipeline (underthesea tokenizer + extractor components)."""
    return shared_nlp()
