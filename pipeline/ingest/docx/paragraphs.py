"""A paragraph's blocks: its style's kind and level, its automatic number written in
front, one block per line, a tab-separated plain line as a table row; and the test
of a bold paragraph's text as a heading."""

from __future__ import annotations

from pipeline.ingest.docx.numbering import Numbering, _numbering_of
from pipeline.ingest.docx.ooxml import W, _val, paragraph_text
from pipeline.ingest.docx.styles import StyleInfo, style_kind
from pipeline.ingest.layout import tab_cells
from pipeline.types import BlockKind, RawBlock

MAX_BOLD_HEADING_WORDS = 10
SENTENCE_END = (".", "!", "?", ";", ",", ":")  # a sentence, or a label ("Tilstede:") before its value


def is_heading_text(text: str) -> bool:
    """A bold paragraph reads as a heading: short, not a sentence, not a label ("Tilstede:")."""
    words = text.split()
    return 0 < len(words) <= MAX_BOLD_HEADING_WORDS and not text.endswith(SENTENCE_END)


def paragraph_blocks(p, styles: dict[str, StyleInfo], numbering: Numbering) -> list[RawBlock]:
    """A paragraph's blocks: one per line (a manual break splits it)."""
    style = styles.get(_val(p.find(f"{W}pPr/{W}pStyle")) or "", styles[""])
    kind, level = style_kind(style.name)
    num_id, ilvl = _numbering_of(p, style)
    label = numbering.label(num_id, ilvl) if num_id else None
    if num_id and kind == BlockKind.paragraph:
        kind, level = BlockKind.list_item, ilvl + 1
    lines = [line for line in paragraph_text(p).split("\n") if line.strip()]
    if lines and label:
        lines[0] = f"{label} {lines[0]}"
    blocks = [_line_block(line, kind, level, style.name) for line in lines[:1]]
    if kind == BlockKind.list_item:  # the lines after a list item's first are plain text
        kind, level = BlockKind.paragraph, 0
    return blocks + [_line_block(line, kind, level, style.name) for line in lines[1:]]


def _line_block(line: str, kind: BlockKind, level: int, style: str) -> RawBlock:
    """A block of one line; a tab-separated line of a plain paragraph is a table row, as in a .txt."""
    cells = tab_cells(line) if kind == BlockKind.paragraph else None
    if cells:
        return RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=cells, style=style or None)
    return RawBlock(kind=kind, text=" ".join(line.split()), level=level, style=style or None)
