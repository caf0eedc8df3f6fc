"""Plain text in any byte encoding a Vietnamese archive holds, decoded by content.

Order of evidence: a byte-order mark; the NUL-byte pattern of BOM-less UTF-16; strict
UTF-8; and for everything else the legacy 8-bit encodings scored by how Vietnamese
their decoding reads (`legacy.detect`). The extension is never consulted: archives
are full of TCVN3 files named .txt and UTF-8 files named .doc.

Whitespace and line breaks are kept exactly ("\\r\\n" included): spans index this text.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..errors import InputError
from ..models import ParseWarning, Span
from . import legacy

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)

# BOM-less UTF-16: mostly-ASCII text (spaces, digits, Latin letters) has a zero high
# byte in most code units; Vietnamese toned letters (U+1Exx) do not, so the share is
# lower than for English but still far above anything 8-bit text shows.
_UTF16_SAMPLE_BYTES = 8192
_UTF16_MIN_NUL_SHARE = 0.2
_UTF16_MAX_OTHER_SIDE_SHARE = 0.02

# UTF-8 with a few damaged bytes (a bad copy, a truncated transfer) is still UTF-8: reading
# it all as Windows-1252 for four bad bytes would lose the whole document. A share this
# small of the non-ASCII bytes may be invalid; legacy 8-bit text has nearly all of them invalid.
_MAX_INVALID_UTF8_SHARE = 0.01
_INVALID_BYTE = regex.compile("[\udc80-\udcff]+")  # how surrogateescape shows an undecodable byte
_LISTED_OFFSETS = 10  # byte offsets named in the warning; the rest are counted

# Share of control characters above which decoded "text" is taken for binary data.
_MAX_CONTROL_SHARE = 0.02
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a")  # \x1a: DOS end-of-file mark


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    detected_by: str
    warnings: tuple[ParseWarning, ...] = ()


def decode_text(data: bytes, path: object) -> DecodedText:
    """Decode bytes of a plain-text document, or raise InputError."""
    decoded = _decode_unicode(data, path)
    if decoded is None:
        decoded = _decode_single_byte(data, path)
    else:
        decoded = _legacy_inside_unicode(decoded, path)
    if not decoded.text.strip():
        raise InputError(path, "file is empty")
    if _looks_binary(decoded.text):
        raise InputError(path, "binary file, not a document")
    return decoded


def _decode_unicode(data: bytes, path: object) -> DecodedText | None:
    for bom, encoding, codec in _BOMS:
        if data.startswith(bom):
            if codec == "utf-8-sig":
                return _utf8_after_bom(data, path)
            return DecodedText(_strict(data, codec, path, encoding), encoding, "bom")
    utf16 = _utf16_by_nul_pattern(data)
    if utf16 is not None:
        return DecodedText(_strict(data, utf16, path, utf16), utf16, "content: NUL-byte pattern of UTF-16")
    if b"\x00" in data:
        raise InputError(path, "binary file, not a document")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", "content: valid UTF-8")
    except UnicodeDecodeError:
        return _nearly_utf8(data)


def _utf8_after_bom(data: bytes, path: object) -> DecodedText:
    try:
        return DecodedText(data.decode("utf-8-sig"), "utf-8-sig", "bom")
    except UnicodeDecodeError as exc:
        nearly = _nearly_utf8(data[3:], base=3)
        if nearly is None:
            raise InputError(path, f"invalid utf-8-sig text at byte {exc.start}") from None
        return DecodedText(nearly.text, "utf-8-sig", f"bom; {nearly.detected_by}", nearly.warnings)


def _nearly_utf8(data: bytes, base: int = 0) -> DecodedText | None:
    """UTF-8 with a few invalid bytes: those become U+FFFD and a warning names their byte offsets."""
    surrogated = data.decode("utf-8", "surrogateescape")  # one U+DCxx per byte no sequence explains
    runs = list(_INVALID_BYTE.finditer(surrogated))
    invalid = sum(run.end() - run.start() for run in runs)
    non_ascii = len(data) - len(data.translate(None, bytes(range(0x80))))
    if invalid > _MAX_INVALID_UTF8_SHARE * non_ascii:
        return None
    offsets: list[tuple[int, int]] = []
    position, byte = 0, base
    for run in runs:
        # Byte offsets accumulate run by run, so the walk stays linear in the text.
        byte += len(surrogated[position:run.start()].encode("utf-8"))
        offsets.append((byte, byte + run.end() - run.start()))
        byte, position = offsets[-1][1], run.end()
    text = _INVALID_BYTE.sub(lambda run: "\ufffd" * (run.end() - run.start()), surrogated)
    listed = ", ".join(f"{start}" if end - start == 1 else f"{start}-{end - 1}" for start, end in offsets[:_LISTED_OFFSETS])
    more = f" and {len(offsets) - _LISTED_OFFSETS} more places" if len(offsets) > _LISTED_OFFSETS else ""
    warning = ParseWarning(
        code="invalid_utf8",
        message=f"{invalid} invalid UTF-8 byte(s) replaced by U+FFFD, at byte offset(s) {listed}{more}",
        span=Span(start=runs[0].start(), end=runs[0].end()),
    )
    return DecodedText(text, "utf-8", f"content: UTF-8 with {invalid} invalid byte(s) replaced", (warning,))


def _strict(data: bytes, codec: str, path: object, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid {name} text at byte {exc.start}") from None


def _utf16_by_nul_pattern(data: bytes) -> str | None:
    sample = data[:_UTF16_SAMPLE_BYTES]
    units = len(sample) // 2
    if units < 2 or len(data) % 2:
        return None
    nul_even = sample[0 : units * 2 : 2].count(0) / units
    nul_odd = sample[1 : units * 2 : 2].count(0) / units
    if nul_odd >= _UTF16_MIN_NUL_SHARE and nul_even <= _UTF16_MAX_OTHER_SIDE_SHARE:
        return "utf-16-le"
    if nul_even >= _UTF16_MIN_NUL_SHARE and nul_odd <= _UTF16_MAX_OTHER_SIDE_SHARE:
        return "utf-16-be"
    return None


def _decode_single_byte(data: bytes, path: object) -> DecodedText:
    if _control_byte_share(data) > _MAX_CONTROL_SHARE:
        # Decided before scoring encodings, which is the slow part: binary files are common in archives.
        raise InputError(path, "binary file, not a document")
    surface = data.decode("latin-1")
    verdict = legacy.detect(surface, path)
    if verdict.encoding == legacy.WINDOWS_1258:
        text = legacy.decode_windows_1258(data)
    elif verdict.encoding is not None:
        text = legacy.convert(surface, verdict.encoding, path)
    else:
        # Not Vietnamese by any table: read it the way Windows would have shown it.
        return DecodedText(
            data.decode("cp1252", "latin1_fallback"), "windows-1252",
            f"content: not UTF-8, no Vietnamese encoding recognised ({verdict.method})",
        )
    return DecodedText(text, verdict.encoding, f"content: Vietnamese letter score ({verdict.method})")


def _legacy_inside_unicode(decoded: DecodedText, path: object) -> DecodedText:
    """Legacy font characters saved as Unicode ("Héi ®ång" in a UTF-8 file) are converted too."""
    text, verdict = legacy.convert_if_legacy(decoded.text, path)
    if verdict is None:
        return decoded
    # The conversion may change lengths, so a warning's span would no longer index the text.
    warnings = tuple(warning.model_copy(update={"span": None}) for warning in decoded.warnings)
    return DecodedText(
        text, f"{decoded.encoding}+{verdict.encoding}",
        f"{decoded.detected_by}; {verdict.encoding} font characters inside ({verdict.method})", warnings,
    )


# C0 bytes that are letters in VISCII (Ẳ Ẵ Ẫ Ỷ Ỹ Ỵ) or ordinary text controls.
_TEXT_CONTROL_BYTES = bytes([0x02, 0x05, 0x06, 0x14, 0x19, 0x1E]) + b"\t\n\r\f\v\x1a"
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in _TEXT_CONTROL_BYTES) + b"\x7f"


def _control_byte_share(data: bytes) -> float:
    sample = data[: _UTF16_SAMPLE_BYTES * 4]
    kept = sample.translate(None, _CONTROL_BYTES)
    return (len(sample) - len(kept)) / max(len(sample), 1)


# control, surrogate, private-use and unassigned characters, text controls excepted
_BINARY_CHARACTER = regex.compile(
    "(?V1)[[\\p{Cc}\\p{Cs}\\p{Co}\\p{Cn}]--[" + "".join(f"\\x{ord(c):02x}" for c in sorted(_TEXT_CONTROLS)) + "]]"
)


def _looks_binary(text: str) -> bool:
    sample = text[:_UTF16_SAMPLE_BYTES * 4]
    controls = sum(1 for _ in _BINARY_CHARACTER.finditer(sample))
    return controls > _MAX_CONTROL_SHARE * len(sample)
