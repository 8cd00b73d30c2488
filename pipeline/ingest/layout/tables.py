"""Tables without rules on a PDF or OCR page (tabulate): runs of lines whose tab-stop cells
start at the same positions, a label's value wrapped under it, and the columns of names
under a line of participant labels ("DELTAGERE    FRAVÆRENDE")."""

from __future__ import annotations

from typing import Optional

from pipeline.ingest.layout.model import ALIGN, Line, TableRow
from pipeline.ingest.lines import is_list_marker, join_lines

MIN_TABLE_ROWS = 2


def tabulate(lines: list[Line]) -> tuple[list[Line], list[TableRow]]:
    """Split off table rows: runs of at least MIN_TABLE_ROWS consecutive lines of
    one page whose tab-stop cells start at the same positions, and the columns of names
    under a line of participant labels ("DELTAGERE    FRAVÆRENDE")."""
    kept: list[Line] = []
    rows: list[TableRow] = []
    run: list[Line] = []
    heads: Optional[Line] = None  # a line of participant labels, while names stand under it
    last: Optional[Line] = None  # the line before, in the columns under `heads`
    for ln in sorted(lines, key=lambda x: (x.page, x.flow, x.top)):
        if heads is not None and last is not None and _under_columns(last, ln, heads, rows):
            last = ln
            continue
        heads = last = None
        if _participant_heads(ln):
            _flush(run, kept, rows)
            run = []
            heads = last = ln
            rows.append(TableRow(cells=[t for _, t in ln.cells or []], page=ln.page, top=ln.top, flow=ln.flow))
            continue
        if run and not _row_like(ln) and _wraps_last_cell(run[-1], ln):
            x, text = (run[-1].cells or [])[-1]
            run[-1].cells = [*(run[-1].cells or [])[:-1], (x, join_lines(text, ln.text))]
            run[-1].bottom = ln.bottom
            continue
        if run and not (_row_like(ln) and _aligned(run[-1], ln)):
            _flush(run, kept, rows)
            run = []
        (run if _row_like(ln) else kept).append(ln)
    _flush(run, kept, rows)
    return kept, rows


CELL_END = (".", "!", "?")  # a cell's text that ends a sentence is not carried on by the line under it


def _wraps_last_cell(row: Line, ln: Line) -> bool:
    """'Deltagere:  Rasmus Krogh, ..., Dorte' / '            Winther (DW)': a line right under a
    label and its value, starting where the value starts, carries on the value."""
    cells = row.cells or []
    if len(cells) != 2 or not cells[0][1].rstrip().endswith(":") or ln.page != row.page or ln.flow != row.flow:
        return False  # a field label and its value ("Deltagere:  ..."), not a table's row
    x, text = cells[-1]
    return (
        abs(ln.x0 - x) <= ALIGN
        and ln.top - row.bottom <= row.height
        and not text.rstrip().endswith(CELL_END)
        and abs(ln.size - row.size) <= 0.5
    )


MAX_COLUMN_GAP = 2.0  # line heights: a wider gap under a column of names ends it


def _participant_heads(ln: Line) -> bool:
    """'DELTAGERE    FRAVÆRENDE': a line of two or more participant labels set apart by tab-stop gaps."""
    from pipeline.ingest.fields import participant_labels

    cells = ln.cells or []
    return len(cells) >= 2 and all(t.strip(" :").casefold() in participant_labels() for _, t in cells)


def _under_columns(prev: Line, ln: Line, heads: Line, rows: list[TableRow]) -> bool:
    """A line of names under a line of participant labels becomes a row of their columns (its
    parts go to the column they start under); a name wrapped in its parenthesis ("(gæst under
    pkt." / "4)") goes on in the cell above. False ends the columns: a gap, a bold or numbered line."""
    columns = [x for x, _ in heads.cells or []]
    if not ln.text.split() or ln.page != prev.page or ln.flow != prev.flow:
        return False
    if ln.top - prev.bottom > MAX_COLUMN_GAP * prev.height or ln.x0 < columns[0] - ALIGN:
        return False
    cells = [""] * len(columns)
    for x, text in ln.cells or [(ln.x0, ln.text)]:
        col = max((i for i, s in enumerate(columns) if x >= s - ALIGN), default=0)
        cells[col] = f"{cells[col]} {text}".strip()
    last = rows[-1]
    open_cells = [i for i, c in enumerate(last.cells) if c.count("(") > c.count(")")]
    if open_cells and [i for i, c in enumerate(cells) if c] == open_cells[:1]:
        last.cells[open_cells[0]] += " " + cells[open_cells[0]]
        return True
    if ln.bold or is_list_marker(ln.text.split()[0]):
        return False
    rows.append(TableRow(cells=cells, page=ln.page, top=ln.top, flow=ln.flow))
    return True


def _flush(run: list[Line], kept: list[Line], rows: list[TableRow]) -> None:
    if len(run) < MIN_TABLE_ROWS:
        kept += run
        return
    rows += [TableRow(cells=[text for _, text in ln.cells or []], page=ln.page, top=ln.top, flow=ln.flow) for ln in run]


def _row_like(ln: Line) -> bool:
    """A line of two or more cells that is not a bullet or numbered item."""
    cells = ln.cells or []
    return len(cells) >= 2 and not is_list_marker(cells[0][1])


def _aligned(prev: Line, ln: Line) -> bool:
    if prev.page != ln.page or prev.flow != ln.flow or ln.top - prev.bottom > 2 * prev.height:
        return False
    starts = [x for x, _ in prev.cells or []]
    matches = sum(any(abs(x - s) <= ALIGN for s in starts) for x, _ in ln.cells or [])
    return matches >= 2
