"""Tables: a data table's rows (a merged cell once), and the test of a layout table
(a cell holding several paragraphs, a list, a nested table or long text)."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.ingest.docx.ooxml import W, _val, paragraph_text, unwrapped
from pipeline.types import BlockKind, RawBlock

# A table cell that is page layout, not data: several paragraphs, a list, a nested table, long text.
LAYOUT_CELL_PARAGRAPHS = 3
LAYOUT_CELL_CHARS = 400


def table_blocks(tbl) -> list[RawBlock]:
    """One table_row per row; a cell spanning columns or rows counts once (in its first
    row). Empty cells keep their place (a tick under "Ikke mødt" is not one under "Mødt"),
    empty cells at the end of a row are dropped, and a row of empty cells is no row."""
    out = []
    for tr in unwrapped(tbl, (f"{W}tr",)):
        cells = [" ".join(cell_text(tc).split()) for tc in unwrapped(tr, (f"{W}tc",)) if not _continues_merge(tc)]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            out.append(RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=cells))
    return out


def table_cells(tbl) -> Iterator:
    """The cells of a table in reading order (row by row), each merged cell once."""
    for tr in unwrapped(tbl, (f"{W}tr",)):
        for tc in unwrapped(tr, (f"{W}tc",)):
            if not _continues_merge(tc):
                yield tc


def is_layout_table(tbl) -> bool:
    """A table laid out as pages of text: one of its cells holds several paragraphs,
    a list, a nested table or long text. A data table has short one-line cells."""
    return any(is_layout_cell(tc) for tc in table_cells(tbl))


def is_layout_cell(tc) -> bool:
    if tc.find(f".//{W}tbl") is not None:
        return True
    paragraphs = [p for p in tc.iter(f"{W}p") if paragraph_text(p).strip()]
    if len(paragraphs) >= LAYOUT_CELL_PARAGRAPHS:
        return True
    if len(paragraphs) >= 2 and any(p.find(f"{W}pPr/{W}numPr") is not None for p in paragraphs):
        return True
    return sum(len(paragraph_text(p)) for p in paragraphs) > LAYOUT_CELL_CHARS


def _continues_merge(tc) -> bool:
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and _val(merge) != "restart"


def _cell_line(tc) -> str:
    return " ".join(cell_text(tc).split())


def cell_text(tc) -> str:
    return " ".join(paragraph_text(p) for p in tc.iter(f"{W}p"))
