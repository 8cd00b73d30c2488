"""Decoding: bytes -> text by BOM, strict UTF-8, else the best single-byte guess;
then Unix newlines, plain spaces and NFC."""

from __future__ import annotations

import codecs
import unicodedata

from pipeline.errors import ReadError

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)  # checked first: FF FE 00 00 starts like UTF-16 LE
# Single-byte encodings charset-normalizer may choose from when the bytes are not UTF-8.
LEGACY_ENCODINGS = ("cp1252", "latin_1")
FALLBACK_ENCODING = "latin_1"  # decodes any byte string
LINE_BREAKS = ("\r\n", "\r")
SPACE_LIKE = {"\u00a0": " ", "\u202f": " ", "\ufeff": ""}  # no-break spaces, a stray BOM


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): see decode_text."""
    text, encoding, _ = decode_text(data)
    return text, encoding


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings): UTF-32 or UTF-16 by its BOM, then strict UTF-8
    (with or without a BOM), then charset-normalizer's best guess among cp1252 and
    latin-1. A UTF-16 (UTF-32) file cut one (up to three) bytes short of a whole
    character is read without the stray bytes, with a warning."""
    for boms, encoding, width in ((UTF32_BOMS, "utf-32", 4), (UTF16_BOMS, "utf-16", 2)):
        if data.startswith(boms):
            stray = len(data) % width
            body = data[: len(data) - stray]
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError as e:
                raise ReadError(f"damaged {encoding.upper()} text (invalid bytes at offset {e.start})") from e
            notes = [f"{stray} stray byte(s) at the end of the {encoding.upper()} text dropped"] if stray else []
            return text, encoding, notes
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"), []
    except UnicodeDecodeError:
        pass
    rest = data.removeprefix(codecs.BOM_UTF8)
    encoding = _guess_legacy(rest)
    try:
        return rest.decode(encoding), encoding, []
    except UnicodeDecodeError:  # a byte cp1252 leaves undefined
        return rest.decode(FALLBACK_ENCODING), FALLBACK_ENCODING, []


def _guess_legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    return best.encoding if best is not None else LEGACY_ENCODINGS[0]


def normalise(text: str) -> str:
    """Unix newlines, plain spaces for no-break spaces, Unicode NFC."""
    for old in LINE_BREAKS:
        text = text.replace(old, "\n")
    for old, new in SPACE_LIKE.items():
        text = text.replace(old, new)
    return unicodedata.normalize("NFC", text)
