"""Danish stems for full-text search: what `search_fts` indexes and how a search is put to it.

FTS5 has no Danish tokenizer, so the `stemmed` columns of decisions and actions hold
snowball stems (`stem_text`), and a search's words are stemmed the same way (`fts_query`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"\w+")
_STEMMER = snowballstemmer.stemmer("danish")
_VOWELS = set("aeiouyæøå")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Danish snowball stem of one lower-case word, plus one fix of ours:
    the past tense "-ede" is taken off too ("besluttede" -> "beslut", like
    "beslutte"), and "-lt" loses its "t" ("aftalt" -> "aftal", like "aftale")."""
    s = _STEMMER.stemWord(word)
    if len(s) >= 6 and s.endswith("ed"):
        s = _STEMMER.stemWord(s[:-2])
        if len(s) >= 4 and s[-1] == s[-2] and s[-1] not in _VOWELS:
            s = s[:-1]
    if len(s) >= 5 and s.endswith("lt"):
        s = s[:-1]
    return s


def stem_text(text: str) -> str:
    """The text as space-separated stems: what `search_fts` indexes."""
    return " ".join(stem(w) for w in _WORD.findall(text.casefold()))


def fts_query(words: str) -> str:
    """An FTS5 query matching all stemmed words of `words` ("word*" keeps a prefix search)."""
    terms = []
    for raw in words.split():
        prefix = raw.endswith("*")
        for w in _WORD.findall(raw.casefold()):
            terms.append(f'"{stem(w)}"' + ("*" if prefix else ""))
    return " ".join(terms)
