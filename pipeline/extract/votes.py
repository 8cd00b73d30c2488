"""Vote tallies: "7 for, 2 imod, 1 undlod", "12 ja-stemmer, 3 nej-stemmer", "JA = 12 - NEJ = 3",
and the count lines under a decision ("For stemte 4", "Imod stemte 1")."""

from __future__ import annotations

import re

from pipeline.types import VoteTally

# The parties that voted so, after a count: "22 stemmer for (A, V, F, C, K)", "3 imod (Ø, O)"
PARTIES = r"(?:\s*\([^()]{1,60}\))?"

# Each entry: a tally in running text, with named groups for, against and (optional) abstain.
VOTE_PATTERNS = (
    # "7 for, 2 imod, 1 undlod"; "22 stemmer for (A, V, F), 3 imod (Ø, O) og 1 undlod (B)"
    re.compile(
        r"(?P<for>\d+)\s+(?:stemmer\s+)?for\b" + PARTIES + r"[,\s]+(?:og\s+)?(?P<against>\d+)\s+(?:stemmer\s+)?imod"
        r"(?:" + PARTIES + r"[,\s]+(?:og\s+)?(?P<abstain>\d+)\s+(?:undlod|blank|hverken|stemte\s+blank|afstod))?",
        re.I,
    ),
    re.compile(
        r"(?P<for>\d+)\s+ja[-\s]?stemmer[,\s]+(?P<against>\d+)\s+nej[-\s]?stemmer"
        r"(?:[,\s]+(?:og\s+)?(?P<abstain>\d+)\s+blanke?)?",
        re.I,
    ),
    # "For stemte 11 (A, V og F), imod stemte 4 (C og O)": both counts in one sentence
    re.compile(
        r"\bfor\s+stemte\s+(?P<for>\d+)\b[^.]*?\bimod\s+stemte\s+(?P<against>\d+)"
        r"(?:[^.]*?\b(?:undlod\s+at\s+stemme|hverken\s+for\s+eller\s+imod|blanke?)\s+(?:stemte\s+)?(?P<abstain>\d+))?",
        re.I,
    ),
    # "JA = 12 - NEJ = 3 - BLANK = 1"
    re.compile(
        r"\bja\s*[=:]\s*(?P<for>\d+)\s*[-–,;/]?\s*nej\s*[=:]\s*(?P<against>\d+)"
        r"(?:\s*[-–,;/]?\s*blanke?\s*[=:]\s*(?P<abstain>\d+))?",
        re.I,
    ),
)

# "For stemte 4: ...", "Imod stemte 1: ...", "Undlod at stemme 1: ..." under a decision
VOTE_LINES = (
    ("for", re.compile(r"^\s*for\s+stemte\s+(\d+)|^\s*stemmer\s+for\s*:?\s*(\d+)", re.I)),
    ("against", re.compile(r"^\s*imod\s+stemte\s+(\d+)|^\s*stemmer\s+imod\s*:?\s*(\d+)", re.I)),
    (
        "abstain",
        re.compile(r"^\s*(?:undlod\s+at\s+stemme|hverken\s+for\s+eller\s+imod|blanke?\s+stemmer)\s*:?\s*(\d+)", re.I),
    ),
)


# every tally pattern holds a count (a \d), so a text without a digit holds none: checked first
_DIGIT = re.compile(r"\d")


def votes_in(text: str) -> VoteTally | None:
    if _DIGIT.search(text) is None:
        return None
    for pat in VOTE_PATTERNS:
        m = pat.search(text)
        if m:
            return VoteTally(
                **{"for": int(m.group("for"))},
                against=int(m.group("against")),
                abstain=int(m.group("abstain") or 0),
                text=m.group(0),
            )
    return None


def vote_line(text: str) -> tuple[str, int] | None:
    """'Imod stemte 1' -> ('against', 1); a sentence with the whole tally ('For stemte 11,
    imod stemte 4. Lokalplanen er vedtaget.') is no count line: it is a decision of its own."""
    if votes_in(text) is not None:
        return None
    for field_name, pattern in VOTE_LINES:
        m = pattern.match(text)
        if m:
            return field_name, int(next(g for g in m.groups() if g))
    return None
