"""File names as text that can be stored and printed safely.

POSIX file names are bytes; Python hands undecodable bytes over as lone
surrogates ("m\\udcf8de.txt" for a Latin-1 "møde.txt"), which SQLite and JSON
cannot hold. `stored()` is the form kept in the database: the name itself when
it is valid UTF-8, else the undecodable bytes written as \\xNN. `on_disk()`
turns a stored name back into the path to open. `shown()` is the form printed
on a terminal: control characters (a newline that would forge an "Error:" line,
a CR that would overwrite it, ANSI escapes) and undecodable bytes escaped.
"""

from __future__ import annotations

import os
import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\udc80-\udcff]")
_ESCAPED = re.compile(r"\\x([0-9a-f]{2})")


def stored(path: str | os.PathLike) -> str:
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")


def on_disk(text: str) -> str:
    """The path to open for a stored name (the inverse of `stored`)."""
    if "\\x" not in text or os.path.lexists(text):
        return text
    raw = _ESCAPED.sub(lambda m: chr(0xDC00 + int(m[1], 16)), text)
    return raw


def shown(path: str | os.PathLike) -> str:
    """`path` for a terminal line: control characters and undecodable bytes as escapes."""
    text = os.fspath(path)

    def esc(m: re.Match[str]) -> str:
        c = m[0]
        if 0xDC80 <= ord(c) <= 0xDCFF:
            return f"\\x{ord(c) - 0xDC00:02x}"
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(
            c, f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}"
        )

    return _CONTROL.sub(esc, text)
