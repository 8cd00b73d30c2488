"""One line's kind: list markers (bullets, ordered numbers), heading and rule marks,
the lines that open a block of their own, a bold line's text as a heading, and the
block of a single line."""

from __future__ import annotations

import re

from pipeline.ingest.layout import PIPE_RULE, pipe_cells, split_bullet, tab_cells
from pipeline.ingest.text.markdown import strip_markdown
from pipeline.types import BlockKind, RawBlock

MD_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.+?)(?:\s+#+)?\s*$")
TAB_WIDTH = 4
RULE_LINE = re.compile(r"^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|={3,})$")  # ---, * * *, ===
SETEXT_RULE = re.compile(r"^\s{0,3}(?P<mark>=+|-+)\s*$")  # "Referat\n=======": the line above is a heading
MAX_BOLD_HEADING_WORDS = 10
SENTENCE_END = (".", "!", "?", ";", ",", ":")  # a sentence, or a label ("Tilstede:") before its value
# Markdown bullets besides the shared glyph table; "+" leads an item only here.
MARKDOWN_BULLETS = frozenset("+")
# An ordered-list marker: "1.", "12)", "a.", "c)", "iv.", "(2)".
ORDERED_MARKER = re.compile(r"^(?P<marker>\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{2,5})[.)])\s+(?P<text>\S.*)$")

# "d. 24/3 kl. 16" (den 24/3) and "24. marts 2031 kl. 19" read like list markers ("d.", "24.")
# but continue a sentence: a marker letter before a digit, a number before a lower-case word.
DATE_ABBREVIATION = re.compile(r"^(?:[a-zæøå]\.\s+\d|\d{1,2}\.\s+[a-zæøå])")
# "3.2  Julekoncert ..." (a decimal sub-item number) opens a block of its own too.
DECIMAL_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+\S")
# A line that opens a block of its own: "Dorte: Vi har ...", "Til stede:" -- never a wrapped line's rest.
LABEL_LINE = re.compile(r"^[^\W\d][\w /.()-]{0,40}?:(?:\s|$)")


def starts_block(line: str) -> bool:
    """A list item, a numbered line, a heading mark, a rule, a table row or a label line."""
    s = line.strip()
    return bool(
        (list_marker(line) and not DATE_ABBREVIATION.match(s))
        or DECIMAL_NUMBER.match(s)
        or MD_HEADING.match(line)
        or RULE_LINE.match(line)
        or SETEXT_RULE.match(line)
        or "\t" in line
        or "|" in s
        or LABEL_LINE.match(s)
        or s.startswith(("<", "**", "__", "["))
    )


def list_marker(line: str) -> tuple[str, str] | None:
    """("bullet", text) for a bullet line, ("ordered", line) for a numbered one
    (the number stays in the text), None for other lines."""
    bullet = split_bullet(line)
    if bullet:
        return "bullet", bullet[1]
    s = line.lstrip()
    if len(s) > 2 and s[0] in MARKDOWN_BULLETS and s[1].isspace():
        return "bullet", s[2:].strip()
    ordered = ORDERED_MARKER.match(s)
    if ordered:
        return "ordered", s
    return None


def is_heading_text(text: str) -> bool:
    """A bold line reads as a heading: short, not a sentence, not a label ("**Tilstede:**")."""
    words = text.split()
    return 0 < len(words) <= MAX_BOLD_HEADING_WORDS and not text.endswith(SENTENCE_END)


def line_block(line: str, levels: dict[int, int] | None = None) -> RawBlock | None:
    """The block for one line; `levels` maps bullet indentation to list level."""
    if not line.strip() or RULE_LINE.match(line) or PIPE_RULE.match(line):
        return None
    bullet = split_bullet(line)
    if bullet:
        indent = _indent(line)
        level = (levels or {}).get(indent, 1 + (indent + TAB_WIDTH - 1) // TAB_WIDTH)
        text = strip_markdown(bullet[1]).strip()
        return RawBlock(kind=BlockKind.list_item, text=text, level=level) if text else None
    line = strip_markdown(line)
    cells = tab_cells(line) or pipe_cells(line)
    if cells:
        return RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=cells)
    heading = MD_HEADING.match(line)
    if heading:
        return RawBlock(kind=BlockKind.heading, text=heading.group("text"), level=len(heading.group("hashes")))
    text = " ".join(line.split())
    return RawBlock(kind=BlockKind.paragraph, text=text) if text else None


def _indent(line: str) -> int:
    return len(line.expandtabs(TAB_WIDTH)) - len(line.expandtabs(TAB_WIDTH).lstrip())


def _indent_levels(indents) -> dict[int, int]:
    """Indentation width -> level 1, 2, ... by rank."""
    return {width: rank + 1 for rank, width in enumerate(sorted(set(indents)))}
