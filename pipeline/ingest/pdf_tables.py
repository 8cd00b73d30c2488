"""Ruled tables of a PDF page: one job, the ruled-table test and the table
reading. A cheap count of visible strokes on pdfium's path objects (ruled) picks
the pages for pdfplumber's table finder functions (edges, intersections, cells)
run on edges made from those path objects (pdf_paths), filled from pdfium's
characters; a grid of cells with a row of two filled cells is a table, while
underlines, signature lines, a frame around the page and highlight boxes are not.
Also the filters on pdfplumber's own objects for its engine: rotated characters
and boxes nobody sees (white page and paragraph backgrounds) are dropped, and a
"table" with no row of two filled cells (a page drawn in one ruled cell) is
running text.
"""

from __future__ import annotations

import ctypes
from functools import reduce
from typing import Any

from pipeline.ingest.layout import TableRow
from pipeline.ingest.lines import join_lines
from pipeline.ingest.pdf_paths import _edges, _paths, _white_fill

# A page goes to pdfplumber's table finder when its visible path objects give at
# least this many horizontal and vertical strokes (a table of two columns and one
# row needs 2 and 3); shorter strokes than EDGE_MIN points do not count, nor do
# boxes filled with the page's own colour and never stroked (page backgrounds).
TABLE_H_EDGES = 2
TABLE_V_EDGES = 3
EDGE_MIN = 3.0
THIN = 2.0  # a path this thin (points) is one rule, not a box
BUSY_PATH = 8  # a path of more segments than this may draw a whole grid


def ruled(page) -> bool:
    """Whether the page's path objects may draw a ruled table: at least
    TABLE_H_EDGES horizontal and TABLE_V_EDGES vertical visible strokes (a box
    gives two of each, a path of many segments may be a whole grid). A cheap
    count (no segment is looked at): table_page() decides."""
    from pypdfium2 import raw

    horizontal = vertical = 0
    for obj, _ in _paths(page.raw, raw):
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        if not stroke.value and (not fill.value or _white_fill(obj, raw)):
            continue
        x0, y0, x1, y1 = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        if not raw.FPDFPageObj_GetBounds(obj, x0, y0, x1, y1):
            continue
        w, h = x1.value - x0.value, y1.value - y0.value
        if w < EDGE_MIN and h < EDGE_MIN:
            continue
        if h <= THIN:
            horizontal += 1
        elif w <= THIN:
            vertical += 1
        elif raw.FPDFPath_CountSegments(obj) > BUSY_PATH:
            return True
        else:
            horizontal += 2
            vertical += 2
        if horizontal >= TABLE_H_EDGES and vertical >= TABLE_V_EDGES:
            return True
    return False


def table_page(page, chars: list[dict]) -> bool:
    """Whether pdfplumber's table finder would find a real table on the page (one
    row of two filled cells, _is_table): its own edge, intersection and cell
    functions (pdfplumber.table, pure Python) run on the edges of pdfium's path
    objects, shaped as pdfminer shapes them (a rectangle's four sides, a line, a
    polyline's segments; bezier control points left out), and the cells are
    filled from pdfium's characters. A grid is needed: underlines and signature
    lines make no cell, a frame around the page or a paragraph is one cell, a box
    with a title is one column; those pages are read from pdfium's characters.
    Only pages that pass the cheap count of ruled() are looked at."""
    return ruled(page) and bool(_tables(page, chars))


def _tables(page, chars: list[dict]) -> list:
    """The real tables (pdfplumber Tables, filled from pdfium's upright characters)
    that pdfplumber's table finder finds on the edges of pdfium's path objects."""
    groups = _cell_groups(page)
    if not groups:
        return []
    from pdfplumber.table import Table

    upright = [c for c in chars if c["upright"]]
    marks = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2) for c in upright if c["text"].strip()]
    surface: Any = _Surface(upright)  # stands in for the pdfplumber Page
    tables = [Table(surface, cells) for cells in groups]
    return [t for t in tables if _two_filled(t.rows, marks) and _is_table(t)]


class _Surface:
    """What pdfplumber's Table.extract asks of a page: its characters."""

    def __init__(self, chars: list[dict]) -> None:
        self.chars = chars


def _inside(c: dict, boxes: list[tuple]) -> bool:
    x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _cell_groups(page) -> list[list[tuple]]:
    """The cells of pdfplumber's table finder on the page's edges, one list per table."""
    from pdfplumber.table import (
        TableSettings,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )
    from pdfplumber.utils import filter_edges

    settings = TableSettings()
    edges = filter_edges(_edges(page), min_length=settings.edge_min_length_prefilter)
    edges = merge_edges(
        edges,
        snap_x_tolerance=settings.snap_x_tolerance,
        snap_y_tolerance=settings.snap_y_tolerance,
        join_x_tolerance=settings.join_x_tolerance,
        join_y_tolerance=settings.join_y_tolerance,
    )
    edges = filter_edges(edges, min_length=settings.edge_min_length)
    points = edges_to_intersections(edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance)
    return cells_to_tables(intersections_to_cells(points))


def _two_filled(rows, marks: list[tuple[float, float]]) -> bool:
    """_is_table without the cells' text: a row with two cells holding a visible
    character's middle (as pdfplumber's Table.extract assigns characters)."""
    for row in rows:
        filled = 0
        for cell in row.cells:
            if cell is not None and any(cell[0] <= x < cell[2] and cell[1] <= y < cell[3] for x, y in marks):
                filled += 1
                if filled >= 2:
                    return True
    return False


def _kept(obj) -> bool:
    """Drop what is no part of the running text or of a ruled table: rotated
    characters (signature keys and labels in the margin) and rectangles nobody
    sees (white or unfilled boxes without a border: page and paragraph backgrounds,
    which pdfplumber would otherwise take for table rules)."""
    kind = obj.get("object_type")
    if kind == "char":
        return bool(obj.get("upright", True))
    if kind == "rect":
        return bool(obj.get("stroke")) or (bool(obj.get("fill")) and not _white(obj.get("non_stroking_color")))
    return True


def _white(color) -> bool:
    """Gray 1, RGB (1, 1, 1) or CMYK (0, 0, 0, 0): the page's own colour."""
    if color is None:
        return True
    values = list(color) if isinstance(color, (tuple, list)) else [color]
    if not all(isinstance(v, (int, float)) for v in values):
        return False
    if len(values) == 4:
        return all(v <= 0.02 for v in values)
    return all(v >= 0.98 for v in values)


def _is_table(table) -> bool:
    """A ruled table has at least one row of two filled cells; a page or a
    paragraph drawn in one ruled cell (one column) is running text."""
    return any(sum(1 for c in row if c and c.strip()) >= 2 for row in table.extract())


def _table_rows(table, number: int) -> list[TableRow]:
    rows = []
    for cells, row in zip(table.extract(), table.rows):
        texts = [reduce(join_lines, cell.split("\n")).strip() for cell in cells if cell and cell.strip()]
        texts = [" ".join(t.split()) for t in texts]
        if texts:
            rows.append(TableRow(cells=texts, page=number, top=row.bbox[1]))
    return rows


def _without(page, boxes: list[tuple]):
    """The page without the characters inside the tables' boxes."""
    if not boxes:
        return page

    def outside(obj) -> bool:
        return obj.get("object_type") != "char" or not _inside(obj, boxes)

    return page.filter(outside)
