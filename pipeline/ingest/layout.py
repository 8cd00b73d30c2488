"""PDF and OCR page geometry: one job, what the positions of a page's lines
say before they are grouped into blocks (pipeline.ingest.layout_blocks).

Lines carry their page, position and font (Line; TableRow for a table's rows).
Repeated page headers/footers (in the margins, or long lines at one height on
most pages) and page numbers (in a margin, or a page's first or last line) are
dropped; a running line that names the meeting and its day is kept once
(running_copies). A page laid out in two columns side by side has its bands
found (column_bands), so each column is read as a flow of its own. Runs of
lines whose tab-stop cells start at the same positions are a table without
rules (tabulate).

The shared text-line rules (bullets, list numbers, page numbers, hyphenation)
live in pipeline.ingest.lines and are re-exported here for the readers that
import them from this module.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from pipeline.ingest.lines import AMBIGUOUS_BULLETS as AMBIGUOUS_BULLETS
from pipeline.ingest.lines import BULLET_GLYPHS as BULLET_GLYPHS
from pipeline.ingest.lines import PIPE_RULE as PIPE_RULE
from pipeline.ingest.lines import UNAMBIGUOUS_BULLETS as UNAMBIGUOUS_BULLETS
from pipeline.ingest.lines import _dated as _dated
from pipeline.ingest.lines import _names_a_meeting as _names_a_meeting
from pipeline.ingest.lines import is_enumerator as is_enumerator
from pipeline.ingest.lines import is_list_marker as is_list_marker
from pipeline.ingest.lines import is_page_number as is_page_number
from pipeline.ingest.lines import join_lines as join_lines
from pipeline.ingest.lines import normalise_ligatures as normalise_ligatures
from pipeline.ingest.lines import numbered_head as numbered_head
from pipeline.ingest.lines import pipe_cells as pipe_cells
from pipeline.ingest.lines import split_bullet as split_bullet
from pipeline.ingest.lines import tab_cells as tab_cells

DIGIT_RUN = re.compile(r"\d+")  # header/footer keys ignore the page number in them
MARGIN = 0.08  # top and bottom share of the page where headers and footers live
ALIGN = 3.0  # points: cells of consecutive rows starting this close form a column
MIN_TABLE_ROWS = 2
REPEAT_TOP = 3.0  # points: a line repeated at this same height on most pages is a running header/footer
REPEAT_MIN_CHARS = 12  # ... when it is at least this long (short outcomes like "Godkendt." repeat by chance)
SIDE_MARGIN = 0.15  # left and right share of the page where a margin label ("Side 2") stands


@dataclass
class Line:
    text: str
    page: int
    x0: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    page_height: float = 792.0
    page_width: Optional[float] = None
    confidence: Optional[float] = None  # OCR word confidence, 0..100
    group: Optional[tuple] = None  # OCR: the engine's (block, paragraph); lines of one group continue
    x1: Optional[float] = None  # right edge
    cells: Optional[list[tuple[float, str]]] = None  # (x, text) of parts split at tab-stop gaps
    lead_bold: bool = False  # opens with a bold run-in label ("Valg af dirigent: ...") in a body-font line
    body_x: Optional[float] = None  # a numbered line: where the text after its number starts
    flow: int = 0  # reading order within the page before top: the column or band the line stands in

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class TableRow:
    cells: list[str]
    page: int
    top: float
    flow: int = 0


def drop_headers_footers(lines: list[Line], pages: int) -> list[Line]:
    """Drop running headers and footers: lines in the page margins that repeat on
    most pages, long lines repeated at the same height on most pages (a document
    key under every page), and page numbers ("1/4", "Side 2 af 4") in a margin,
    as a page's first or last line, or as a label in the side margin."""
    running = _running(lines, pages)
    ends = _page_ends(lines)
    return [
        ln
        for ln in lines
        if not (id(ln) in running or (is_page_number(ln.text) and (_in_margin(ln) or _page_number_here(ln, ends))))
    ]


def running_copies(lines: list[Line], pages: int) -> list[Line]:
    """One copy (the first) of each running header or footer that names a meeting
    and its day: the meeting's date often stands only there ("Bestyrelsesmøde
    02.10.2025 · side 1"), so it is kept once; the others (the organisation's name,
    "Fortroligt udkast", a document key with its print date) say nothing a reader
    of the minutes looks for and stay dropped, as the Word reader drops its
    headers and footers."""
    running = _running(lines, pages)
    seen: set[str] = set()
    out = []
    for ln in sorted(lines, key=lambda x: (x.page, x.top)):
        key = _margin_key(ln)
        if id(ln) in running and key not in seen and _names_a_meeting(ln.text) and _dated(ln.text):
            seen.add(key)
            out.append(ln)
    return out


def _running(lines: list[Line], pages: int) -> set[int]:
    """Ids of the running headers and footers: lines in the margins repeated on most
    pages (give or take their page number), long lines at one height on most pages."""
    if pages < 2:
        return set()
    need = max(2, pages // 2)
    counts = Counter(_margin_key(ln) for ln in lines if _in_margin(ln))
    repeated = {k for k, n in counts.items() if n >= need}
    placed = Counter(
        (_same_key(ln), round(ln.top / REPEAT_TOP)) for ln in lines if len(ln.text.strip()) >= REPEAT_MIN_CHARS
    )
    fixed = {k for k, n in placed.items() if n >= need}
    return {
        id(ln)
        for ln in lines
        if (_in_margin(ln) and _margin_key(ln) in repeated) or (_same_key(ln), round(ln.top / REPEAT_TOP)) in fixed
    }


def _page_number_here(ln: Line, ends: set[int]) -> bool:
    """A page number outside the top and bottom margins: the page's first or last
    line, or a label in the side margin. A bare number must be the page's own
    number (give or take a cover page), so a year ending a page stays."""
    if not (id(ln) in ends or _in_side_margin(ln)):
        return False
    s = ln.text.strip()
    return not s.isdigit() or abs(int(s) - ln.page) <= 1


def _page_ends(lines: list[Line]) -> set[int]:
    """The first and the last line of each page (ids)."""
    first: dict[int, Line] = {}
    last: dict[int, Line] = {}
    for ln in lines:
        if ln.page not in first or ln.top < first[ln.page].top:
            first[ln.page] = ln
        if ln.page not in last or ln.top > last[ln.page].top:
            last[ln.page] = ln
    return {id(ln) for ln in (*first.values(), *last.values())}


def _in_side_margin(line: Line) -> bool:
    if not line.page_width or line.x1 is None:
        return False
    return line.x1 < SIDE_MARGIN * line.page_width or line.x0 > (1 - SIDE_MARGIN) * line.page_width


def _margin_key(line: Line) -> str:
    return DIGIT_RUN.sub("#", " ".join(line.text.lower().split()))


def _same_key(line: Line) -> str:
    return " ".join(line.text.lower().split())


def _in_margin(line: Line) -> bool:
    return line.top < MARGIN * line.page_height or line.bottom > (1 - MARGIN) * line.page_height


Span = tuple[float, float]  # x0, x1 of a part of a line between tab-stop gaps
COLUMN_LINES = 4  # lines starting at one x (the right column's edge) make a candidate gutter
COLUMN_SIDE = 3  # lines standing alone on each side of the gutter, in the rows they share
COLUMN_ZONE = (0.2, 0.8)  # the gutter stands within this share of the page width
GUTTER = 6.0  # points: the left column ends at least this far left of the right column's edge
COLUMN_BREAK = 3.0  # line heights: a wider gap under a column's last line ends the band


def column_bands(rows: list[tuple[float, float, list[Span]]], width: float) -> list[tuple[float, float, float]]:
    """(top, bottom, x) of each band of a page laid out in two columns side by
    side (a sidebar beside the text, a two-column page), x where the right column
    starts. `rows`: each text line's top, bottom and the spans of its parts between
    tab-stop gaps. A band is a run of lines none of which crosses x, in which
    lines standing left of x alone and lines standing right of x alone interleave
    (COLUMN_SIDE or more of each, more than twice the lines with parts on both
    sides): two flows of text whose lines do not share their heights. A table
    without rules or a hanging indent ("1.<tab>Title" / "<tab>text") keeps its
    parts on shared lines, so it is no band. A band ends where the longer column
    goes on below the shorter one after a gap (a signature line under both)."""
    rows = sorted((r for r in rows if r[2]), key=lambda r: r[0])
    lo, hi = COLUMN_ZONE[0] * width, COLUMN_ZONE[1] * width
    starts = sorted({(round(s[0], 1), i) for i, r in enumerate(rows) for s in r[2] if lo <= s[0] <= hi})
    groups: list[list[tuple[float, int]]] = []
    for x, i in starts:
        if groups and x - groups[-1][-1][0] <= ALIGN:
            groups[-1].append((x, i))
        else:
            groups.append([(x, i)])
    counts = [(len({i for _, i in g}), g[0][0]) for g in groups]
    for n, x in sorted(counts, key=lambda c: -c[0]):
        if n < COLUMN_LINES:
            break
        bands = _bands_at(rows, x)
        if bands:
            return bands
    return []


def _side(spans: list[Span], x: float) -> str:
    """R: the line stands right of x; L: left of it; S: parts on both sides; C: it crosses x."""
    if spans[0][0] >= x - ALIGN:
        return "R"
    if spans[-1][1] <= x - GUTTER:
        return "L"
    if any(a[1] <= x - GUTTER and b[0] >= x - ALIGN for a, b in zip(spans, spans[1:])):
        return "S"
    return "C"


def _bands_at(rows: list[tuple[float, float, list[Span]]], x: float) -> list[tuple[float, float, float]]:
    sides = [_side(r[2], x) for r in rows]
    runs: list[list[int]] = []
    for i, side in enumerate(sides):
        if side == "C":
            runs.append([])
        elif runs:
            runs[-1].append(i)
        else:
            runs.append([i])
    bands = []
    for run in runs:
        left = [i for i in run if sides[i] in "LS"]
        right = [i for i in run if sides[i] in "RS"]
        if not left or not right:
            continue
        top, bottom = max(rows[left[0]][0], rows[right[0]][0]), min(rows[left[-1]][0], rows[right[-1]][0])
        inside = [i for i in run if top <= rows[i][0] <= bottom]
        alone_l = sum(1 for i in inside if sides[i] == "L")
        alone_r = sum(1 for i in inside if sides[i] == "R")
        shared = sum(1 for i in inside if sides[i] == "S")
        if min(alone_l, alone_r) < COLUMN_SIDE or alone_l + alone_r <= 2 * shared:
            continue
        end = run[-1]
        longer = left if rows[left[-1]][0] > rows[right[-1]][0] else right
        for a, b in zip(longer, longer[1:]):
            if rows[b][0] > bottom and rows[b][0] - rows[a][1] > COLUMN_BREAK * (rows[a][1] - rows[a][0]):
                end = max(i for i in run if i < b)
                break
        bands.append((rows[run[0]][0], rows[end][1], x))
    return bands


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
