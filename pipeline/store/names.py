"""Name keys: how a spelling is cleaned and folded into the key names are matched on,
and whether a name is a body or group rather than a person.

A key is casefolded, whitespace collapsed and diacritics folded (æ→ae, ø→oe, å→aa,
é→e); only the key is folded, names are stored as written (`clean`). A body's key
carries its organisation (`body_key`).
"""

from __future__ import annotations

import re
import unicodedata

_ORG_SEPARATOR = "\u241f"  # between the organisation and the body in a body's key

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss", "ð": "d", "þ": "th"})
_PAREN = re.compile(r"\s*\([^)]*\)")
_TRIM = " \t\r\n,.;:–-•*\"'"

# Words that name a body or group rather than a person (keys, i.e. folded).
BODY_WORDS = frozenset(
    {
        "hb",
        "fu",
        "kl",
        "bestyrelsen",
        "direktionen",
        "ledelsen",
        "sekretariatet",
        "formandskabet",
        "arbejdsgruppen",
        "styregruppen",
        "forretningsudvalget",
        "hovedbestyrelsen",
        "udvalget",
        "administrationen",
        "foreningen",
        "kredsen",
        "kredsene",
        "alle",
        "kommunerne",
        "medlemmerne",
        "paraplyen",
        "forvaltningen",
        "byraadet",
        "kommunalbestyrelsen",
        "regionsraadet",
        "dagtilbuddet",
        "skolen",
        "tovholderne",
        "netvaerket",
        "projektgruppen",
        "redaktionen",
    }
)
_BODY_SUFFIXES = (
    "gruppen",
    "udvalget",
    "udvalg",
    "skabet",
    "iatet",
    "ledelsen",
    "bestyrelsen",
    "raadet",
    "kredsen",
    "foreningen",
    "netvaerket",
)


def clean(name: str) -> str:
    """The spelling as stored: parenthesised notes dropped, spaces collapsed."""
    return " ".join(_PAREN.sub("", name).split()).strip(_TRIM)


def fold(name: str) -> str:
    """The match key: casefolded, whitespace collapsed, diacritics folded; idempotent
    (a compatibility character like "¯" that normalises to a space and a combining
    mark can expose more to clean away, so it is folded until nothing changes)."""
    key = _fold_once(name)
    for _ in range(4):
        again = _fold_once(key)
        if again == key:
            break
        key = again
    return key


def _fold_once(name: str) -> str:
    text = clean(unicodedata.normalize("NFKC", name)).casefold().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def is_body(name: str) -> bool:
    """True for a body or group ("sekretariatet", "HB", "KL/Komponent"), not a person."""
    text = clean(name)
    if not text:
        return False
    key = fold(text)
    tokens = text.split()
    if key in BODY_WORDS or any(ch.isdigit() for ch in text) or "/" in text:
        return True
    if any(key.endswith(s) for s in _BODY_SUFFIXES):
        return True
    if text[0].islower():
        return True
    return len(tokens) == 1 and text.isupper()  # an acronym: "HB", "KL", "DJØF"


def split_key(key: str) -> tuple[str, str, str]:
    """(first, middle, last) of a folded key."""
    parts = key.split()
    if len(parts) < 2:
        return key, "", ""
    return parts[0], " ".join(parts[1:-1]), parts[-1]


def body_key(key: str, org: str | None) -> str:
    """A body's key within its organisation (folded organisation + folded body name)."""
    return f"{org}{_ORG_SEPARATOR}{key}" if org else key
