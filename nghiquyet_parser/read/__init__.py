"""Stage 1: read a file into Unicode text and say what was detected.

One module per job, each depending only on those above it:

    dependencies  optional packages (python-docx, pypdf, lxml, viparse), imported when a document needs them
    table_rows    a table row as tab-separated lines (shared by docx and html)
    legacy        legacy Vietnamese font encodings: TCVN3, VNI, VISCII, Windows-1258
    text          plain text in any byte encoding, decoded by content
    docx, pdf, doc, html
                  one reader per container format
    detect        which format a document is in, by magic bytes
    document      the entry points: read_path, read_bytes, read_text → RawDocument

Every reader raises `InputError` for anything a user can cause and never returns
partial garbage silently.
"""

from .detect import detect_format
from .document import RawDocument, read_bytes, read_path, read_text

__all__ = ["RawDocument", "read_bytes", "read_path", "read_text", "detect_format"]
