"""Legacy Vietnamese 8-bit encodings: TCVN3 (ABC), VNI-Windows, VISCII and Windows-1258.

The conversion tables and the content scorer come from `viparse` (its tables were
derived from real government documents). We do not call `viparse.fix()`: it collapses
horizontal whitespace and strips blank lines, and every span of our output indexes
the text as read, so the reader must keep whitespace and line breaks exactly. Its
`tables.convert` is a pure left-to-right substitution that keeps everything else,
so we feed it the Latin-1 view of the bytes (the "surface" its tables key on) and
build the Windows-1258 candidate as one more table of the same kind.

Detection is per document and by content: each candidate decoding is scored by how
Vietnamese its letters look (viparse's unigram model, with its margin and
"not another Latin language" guards).
"""

from __future__ import annotations

import codecs
import importlib.util
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..errors import InputError
from .dependencies import optional_module

TCVN3 = "tcvn3"
VNI = "vni"
VISCII = "viscii"
WINDOWS_1258 = "windows-1258"

# Scoring a sample is enough to decide and keeps detection fast on large archives.
DETECTION_SAMPLE_CHARS = 64_000

# Letters only Vietnamese text has (ă đ ơ ư and the precomposed U+1EA0–U+1EF9 block)
# and the five combining tone marks. A legacy "surface" (bytes seen as Latin-1) never
# contains them, so their presence proves the text is already Unicode Vietnamese.
_VIETNAMESE_ONLY = regex.compile(r"[ăĂđĐơƠưƯ\u1EA0-\u1EF9\u0300\u0301\u0303\u0309\u0323]")
_LATIN1_HIGH = regex.compile(r"[\u00A1-\u00FF]")
_LETTERS = regex.compile(r"\p{L}+")
_ASCII_UPPER = regex.compile(r"[A-Z]")
_ASCII_LOWER = regex.compile(r"[a-z]")


@dataclass(frozen=True)
class LegacyVerdict:
    encoding: str | None
    method: str


def _viparse(path: object):
    optional_module("viparse", path, "legacy Vietnamese encodings")
    # Optional 'formats' extra, imported when a document needs it (the line above gives the install hint).
    from viparse.normalize import detector, encodings, tables

    return detector, encodings, tables


@lru_cache(maxsize=None)
def _windows_1258_charmap():
    """Windows-1258 as a surface table: Latin-1 character → what cp1258 makes of that byte."""
    _, _, tables = _viparse(None)
    entries = []
    for byte in range(0x80, 0x100):
        try:
            decoded = bytes([byte]).decode("cp1258")
        except UnicodeDecodeError:
            continue
        if decoded != chr(byte):
            entries.append((chr(byte), decoded))
    return tables.build_charmap(WINDOWS_1258, entries)


def _candidates(path: object, with_windows_1258: bool) -> dict:
    _, encodings, _ = _viparse(path)
    # viparse's auto-detect set already leaves out VPS (it collides with VISCII).
    candidates = dict(encodings.AUTO_DETECT_CHARMAPS)
    if with_windows_1258:
        candidates[WINDOWS_1258] = _windows_1258_charmap()
    return candidates


def looks_like_unicode_vietnamese(text: str) -> bool:
    """True when the text already has letters only Unicode Vietnamese can hold."""
    return _VIETNAMESE_ONLY.search(text) is not None


def may_hold_legacy_surface(text: str) -> bool:
    """True when Unicode text could be a legacy font's characters saved as Unicode."""
    return not looks_like_unicode_vietnamese(text) and _LATIN1_HIGH.search(text) is not None


def detect(surface: str, path: object, *, with_windows_1258: bool = True) -> LegacyVerdict:
    """Which legacy encoding the Latin-1 surface text is in, by Vietnamese letter scores."""
    detector, _, _ = _viparse(path)
    sample = surface[:DETECTION_SAMPLE_CHARS]
    verdict = detector.detect_encoding_by_content(sample, _candidates(path, with_windows_1258))
    return LegacyVerdict(verdict.encoding, f"{verdict.method} {verdict.confidence:.2f}")


def convert_if_legacy(text: str, path: object) -> tuple[str, LegacyVerdict | None]:
    """Unicode text that is really a legacy font's code points ("Héi ®ång") converted, else unchanged.

    Text from UTF-8 files, Word, PDF and HTML can carry TCVN3/VNI/VISCII characters
    saved as Unicode. Without viparse installed such text is left as it is: it is
    valid Unicode, and refusing it would refuse every plain document.
    """
    if not may_hold_legacy_surface(text) or importlib.util.find_spec("viparse") is None:
        return text, None
    verdict = detect(text, path, with_windows_1258=False)
    if verdict.encoding is None:
        return text, None
    return convert(text, verdict.encoding, path), verdict


def convert(surface: str, encoding: str, path: object) -> str:
    """Convert legacy surface text to Unicode, every other character (whitespace too) kept."""
    _, encodings, tables = _viparse(path)
    charmap = encodings.get_charmap(encoding)
    if charmap is None:
        raise InputError(path, f"no conversion table for encoding {encoding}")
    converted = tables.convert(surface, charmap, "NFC")
    converted = _c1_as_windows_1252(converted)
    if encoding == TCVN3:
        converted = restore_vntimeh_capitals(converted)
    return converted


def _c1_as_windows_1252(text: str) -> str:
    """Bytes 0x80–0x9F left over after conversion are Windows punctuation (“ ” – ‰), not controls.

    TCVN3 and VNI files were written by Windows programs, so their quotes and dashes sit
    in the Windows-1252 slots; VISCII uses those bytes for letters and has converted them.
    """
    return regex.sub(r"[\x80-\x9f]", lambda m: codecs.decode(bytes([ord(m[0])]), "cp1252", "latin1_fallback"), text)


def decode_windows_1258(data: bytes) -> str:
    """Decode as Word wrote it: combining tone marks stay (NFC is the normaliser's job)."""
    return data.decode("cp1258", "latin1_fallback")


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    # The five bytes Windows code pages leave undefined: keep them as their Latin-1
    # characters so nothing is lost and offsets stay one character per byte.
    return error.object[error.start:error.end].decode("latin-1"), error.end


codecs.register_error("latin1_fallback", _latin1_fallback)


def restore_vntimeh_capitals(text: str) -> str:
    """Give back the capitals of text typed in the .VnTimeH font.

    TCVN3 has no codes for capital toned letters: .VnTimeH draws the lower-case codes
    as capitals, so "HỘI ĐỒNG" is stored as ASCII capitals with lower-case toned codes
    ("HéI §åNG") and converts to "HộI ĐồNG". A word whose ASCII letters are all capitals
    (at least two) and which holds such a letter is upper-case; in a line with such a
    word and no lower-case ASCII letter at all, the short words ("KỲ", "Ở") are too.
    Length never changes, so offsets stay one character per input byte.
    """
    return "".join(_recase_line(line) for line in text.splitlines(keepends=True))


def _recase_line(line: str) -> str:
    words = list(_LETTERS.finditer(line))
    capital_words = [w for w in words if _is_vntimeh_word(w[0])]
    if not capital_words:
        return line
    whole_line = _ASCII_LOWER.search(line) is None
    chars = list(line)
    for word in words if whole_line else capital_words:
        for index in range(word.start(), word.end()):
            upper = chars[index].upper()
            if len(upper) == 1:
                chars[index] = upper
    return "".join(chars)


def _is_vntimeh_word(word: str) -> bool:
    if _ASCII_LOWER.search(word):
        return False
    has_lower_toned = any(ch.islower() and ord(ch) > 0x7F for ch in word)
    return has_lower_toned and len(_ASCII_UPPER.findall(word)) >= 2
