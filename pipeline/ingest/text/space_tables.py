"""Tables typed with spaces: a header line of at least three short cells set apart by
two or more spaces, an optional rule line, then the rows whose text leaves a gap
before each header column; each row becomes a SpaceRow line of cells by column."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# A table typed with spaces (see the module docstring): cells of a line are set apart by 2+ spaces.
SPACE_GAP = re.compile(r" {2,}")
MIN_SPACE_COLUMNS = 3  # two columns are a label and its value ("Møde:    tors. 22/1"), or "Pkt. 1  Titel"
MAX_HEADER_CELL = 40  # characters: a column title is short
HEADER_CELL_END = (":", ";", ",", "!", "?")  # a label or a sentence, not a column title
SPACE_TABLE_RULE = re.compile(r"^\s*[-=_]{2,}(?:\s+[-=_]{2,})*\s*$")  # "---  -------  ----" under the header


class SpaceRow(str):
    """A row of a space-typed table: the line as tab-separated cells, with its cells
    by column (an empty column is an empty cell)."""

    cells: list[str]

    def __new__(cls, cells: list[str]) -> SpaceRow:
        row = super().__new__(cls, "\t".join(c for c in cells if c))
        row.cells = cells
        return row


def _header_starts(line: str) -> list[int] | None:
    """The columns' start offsets of a space-typed table's header line, or None."""
    if "\t" in line or "|" in line or not line.strip():
        return None
    starts, cells = [], []
    for m in re.finditer(r"\S+(?: \S+)*", line):
        starts.append(m.start())
        cells.append(m.group())
    if len(cells) < MIN_SPACE_COLUMNS or any(
        len(c) > MAX_HEADER_CELL or c.endswith(HEADER_CELL_END) or (" " in c and c.endswith(".")) for c in cells
    ):
        return None
    return starts


def _row_cells(line: str, starts: list[int]) -> list[str] | None:
    """The cells of `line` under columns starting at `starts`, or None when a word
    crosses a column's edge, or a row with its first column filled shows no gap of
    two spaces (a continuation line, first column empty, may hold one cell)."""
    if "\t" in line or "|" in line or any(b - 1 < len(line) and line[b - 1] != " " for b in starts[1:]):
        return None
    edges = [0, *starts[1:], max(len(line), starts[-1])]
    cells = [" ".join(line[a:b].split()) for a, b in zip(edges, edges[1:])]
    filled = sum(1 for c in cells if c)
    if cells[0]:
        return cells if filled >= 2 and SPACE_GAP.search(line.strip()) else None
    return cells if filled >= 1 else None


def space_tables(lines: Iterable[str]) -> Iterator[str]:
    """The lines with each space-typed table (see the module docstring) as SpaceRow
    lines, one per row; other lines unchanged. One line at a time."""
    header: str | None = None
    starts: list[int] = []
    held: list[str] = []  # the header's rule line and blank lines, given back when no row follows
    rows: list[list[str]] = []

    def flush() -> Iterator[str]:
        if header is None:
            return
        if rows:
            yield SpaceRow(_row_cells(header, starts) or header.split())
            yield from (SpaceRow(r) for r in rows)
            yield from (h for h in held if not h.strip())
        else:
            yield header
            yield from held

    for line in lines:
        if header is not None:
            if not line.strip() or (not rows and not held and SPACE_TABLE_RULE.match(line)):
                held.append(line)
                continue
            cells = _row_cells(line, starts)
            if cells is not None and (cells[0] or (rows and not held)):  # a continuation follows its row
                if not cells[0]:  # the first column empty: the cells continue the row above
                    rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells)]
                else:
                    rows.append(cells)
                held = []
                continue
            yield from flush()
            header, rows, held = None, [], []
        found = _header_starts(line)
        if found:
            header, starts = line, found
        else:
            yield line
    yield from flush()
