"""Bytes to text for the HTML reader. Encoding: a BOM, then <meta charset>, then
strict UTF-8, then charset-normalizer; an XML declaration is cut before parsing;
a parse error is reported by its first line."""

from __future__ import annotations

import re

from pipeline.ingest.text import decode, normalise

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode_html(data: bytes) -> str:
    """A BOM wins, then a <meta charset>, then the text reader's detection."""
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return normalise(data.decode(m.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass
    return normalise(decode(data)[0])


def _first_line(e: Exception) -> str:
    lines = str(e).strip().splitlines()
    return lines[0][:120] if lines else type(e).__name__
