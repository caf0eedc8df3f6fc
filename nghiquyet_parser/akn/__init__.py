"""Akoma Ntoso 3.0 output: `to_akn(resolution)` writes a parsed resolution as an <act>.

Modules, each importing only those above it:

    names     slugs, FRBR URIs, eIds
    elements  building the XML tree with ElementTree and writing it
    inline    original text with inline marks (nesting kept, crossings dropped)
    marks     the references (TLCs) and the marks that point at them
    meta      identification, references, the targets' values as proprietary metadata
    body      the article tree as hierarchy elements, tables
    document  the act: preface, preamble, body, conclusions, attachments
"""

from .document import to_akn

__all__ = ["to_akn"]
