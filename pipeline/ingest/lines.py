"""The text-line rules every reader shares: one job, what a single line of text
is, whatever format it came from. A bullet glyph leading a list item (the glyph
table), a list number ("2.", "a)"), a page number ("Side 2 af 5"), a
tab-separated or bar-drawn table row, rejoining a word hyphenated across a line
break, spelling out typographic ligatures, and whether a running line names a
meeting and its day. The PDF, OCR, Word, text and HTML readers all use these, so
every format agrees on what a list item is.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

# Glyphs that lead a list item. The unambiguous ones may touch the text; the
# ambiguous ones (also a dash or a letter in running text) need a space after
# them, and in a PDF they open an item only where a paragraph cannot go on.
UNAMBIGUOUS_BULLETS = frozenset("•\uf0b7\uf0a7\uf076\uf0d8\uf0fc▪■●◦‣∙·⁃➢►✓→⇒➔➜")
# Arrows typed as text opening a line ("--> Kirsten sender ...", "=> Ida tjekker"): a list marker
ARROW_BULLETS = ("-->", "==>", "->", "=>")
AMBIGUOUS_BULLETS = frozenset("-–—*o")
BULLET_GLYPHS = UNAMBIGUOUS_BULLETS | AMBIGUOUS_BULLETS

# Page numbers in a header or footer: "2", "- 2 -", "Side 2 af 5", "Page 2 of 5", "2/5".
PAGE_NUMBER_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\d{1,4}$"),
    re.compile(r"^[-–]\s*\d{1,4}\s*[-–]$"),
    re.compile(r"^(?:side|page|s\.)\s*\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?$", re.I),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),
)

# Hyphenation across lines: "for-" + "ening" -> "forening", but a compound
# hyphen stays ("HB-" + "møde", "e-" + "mail", "2021-" + "2022") and a
# suspended hyphen keeps its space ("social-" + "og indenrigs...").
COMPOUND_PREFIXES = frozenset({"a", "e", "x", "it", "ikt", "hr", "pc", "tv", "sms", "pdf", "cpr", "cvr", "co2", "vvs"})
SUSPENDED_HYPHEN_WORDS = frozenset({"og", "eller", "samt", "el.", "&", "and", "or"})
SOFT_HYPHEN = "\u00ad"

# Typographic ligatures some PDF text layers keep ("ﬁnde", "ﬂere"): NFKC spells them out.
ZERO_WIDTH = re.compile("[\u200b\ufeff]")  # zero-width spaces some exporters put after labels
LIGATURES = frozenset("\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06")
# A short label opening a line ("Afbud: ...", "Til stede: ..."): two such lines are two entries.
LABEL = re.compile(r"^[^\W\d_][^\W_]*(?:[ -][^\W\d_][^\W_]*){0,2}\s?:(?:\s|$)")
# A list number before a tab ("1.<tab>Text", "a)<tab>Text") is not a table cell.
ENUMERATOR = re.compile(r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]|\(\d{1,3}\)|\(?[a-zA-Z][.)])$")


def split_bullet(text: str) -> Optional[tuple[str, str]]:
    """(glyph, rest) when `text` starts with a bullet glyph, else None."""
    s = text.lstrip()
    arrow = next((a for a in ARROW_BULLETS if s.startswith(a + " ")), None)
    if arrow and s[len(arrow) :].strip():
        return arrow, s[len(arrow) :].strip()
    if len(s) < 2 or s[0] not in BULLET_GLYPHS:
        return None
    rest = s[1:]
    if s[0] in AMBIGUOUS_BULLETS and not rest[:1].isspace():
        return None
    rest = rest.strip()
    if all(c in BULLET_GLYPHS or c.isspace() for c in rest):  # a rule like "• • •", not an item
        return None
    return s[0], rest


def is_page_number(text: str) -> bool:
    s = text.strip()
    return any(p.match(s) for p in PAGE_NUMBER_PATTERNS)


def join_lines(left: str, right: str) -> str:
    """Join a line wrapped inside a paragraph, rejoining words hyphenated across the break."""
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    if not left.endswith("-") or len(left) < 2 or not right:
        return f"{left} {right}"
    first_right = right.split(" ", 1)[0]
    if first_right.lower() in SUSPENDED_HYPHEN_WORDS or not (left[-2].isalnum() and right[0].isalnum()):
        return f"{left} {right}"
    return left + right if _compound_hyphen(left.rsplit(" ", 1)[-1][:-1], right) else left[:-1] + right


def _compound_hyphen(word: str, right: str) -> bool:
    """Is the hyphen after `word` part of the spelling, not a line-break hyphen?"""
    word = word.lstrip("(\"'«»“”")
    return (
        any(c.isupper() or c.isdigit() for c in word)
        or right[0].isupper()
        or right[0].isdigit()
        or word.lower() in COMPOUND_PREFIXES
        or "-" in word
    )


def is_enumerator(text: str) -> bool:
    return bool(ENUMERATOR.match(text.strip()))


def tab_cells(text: str) -> Optional[list[str]]:
    """The cells of a tab-separated table line, or None: fewer than two cells, or
    a list marker before the tab ("1.<tab>Meddelelser", "•<tab>Budget")."""
    cells = [" ".join(c.split()) for c in text.split("\t")]
    cells = [c for c in cells if c]
    return cells if len(cells) >= 2 and not is_list_marker(cells[0]) else None


PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")  # Markdown |---|---|


def pipe_cells(text: str) -> Optional[list[str]]:
    """The cells of a table row drawn with bars, or None. A row ends with a bar
    (antiword "|a  |b  |", striprtf "a|b|", Markdown "| a | b |") or is typed with
    two or more " | " ("Hvad | Hvem | Hvornår"); "Punkt 1 | bemærkning" is prose."""
    stripped = text.strip()
    if "|" not in stripped or PIPE_RULE.match(stripped):
        return None
    if not stripped.endswith("|") and stripped.count(" | ") < 2:
        return None
    cells = [" ".join(c.split()) for c in stripped.strip("|").split("|")]
    cells = [c for c in cells if c]
    return cells or None


def is_list_marker(text: str) -> bool:
    return text in BULLET_GLYPHS or split_bullet(text) is not None or is_enumerator(text)


def _names_a_meeting(text: str) -> bool:
    """A word of the text ends in a meeting word or a minutes' kind ("Gruppebestyrelsesmøde", "Referat")."""
    from pipeline.lexicon import lexicon

    lx = lexicon()
    ends = tuple(lx.meeting_words) + tuple(w for w in lx.title_kind if " " not in w)
    return any(w.strip(".,:;·–-()").endswith(ends) for w in text.casefold().split())


def _dated(text: str) -> bool:
    """Whether the text names a day (a date with its day: "02.10.2025", "2. oktober")."""
    from datetime import date

    from pipeline.dates import find_dates

    return any(m.range.precision == "day" for m in find_dates(text, date(2000, 7, 1)))


def normalise_ligatures(text: str) -> str:
    """Spell out typographic ligatures ("ﬁ" -> "fi"); other characters stay as they are."""
    if not any(c in LIGATURES for c in text):
        return text
    return "".join(unicodedata.normalize("NFKC", c) if c in LIGATURES else c for c in text)


def numbered_head(text: str) -> Optional[str]:
    """The list number opening a line ("2." of "2. Beretning", "a)" of "a) Forslag"), or None."""
    head, _, rest = text.strip().partition(" ")
    rest = rest.strip()
    if not rest or not is_enumerator(head):
        return None
    if head.strip("().")[:1].isalpha() and not rest[:1].isupper():  # "d. 28/1" is "den", not item d
        return None
    return head
