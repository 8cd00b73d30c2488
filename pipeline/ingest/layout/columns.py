"""A page laid out in two columns side by side (a sidebar beside the text, a two-column
page): the bands where each column is read as a flow of its own (column_bands)."""

from __future__ import annotations

from pipeline.ingest.layout.model import ALIGN

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
