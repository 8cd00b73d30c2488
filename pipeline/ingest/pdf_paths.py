"""pdfium's path objects -> table-rule edges: one job, the page's lines,
rectangles and curves (also inside form XObjects) as pdfplumber makes edges from
pdfminer's objects, for pdfplumber's table finder (pdf_tables).
"""

from __future__ import annotations

import ctypes

from pipeline.ingest.pdf_chars import _fast

WHITE_RGB = 250  # fill colour channels at least this bright are the page's own colour


def _edges(page) -> list[dict]:
    """The page's table-rule edges as pdfplumber makes them from pdfminer's objects
    (top from the page's top edge, as the characters): per subpath, a line (two
    points), a rectangle (a closed axis-aligned loop of four sides; dropped when
    nobody sees it: neither stroked nor filled in a visible colour) or a curve
    (its segments between end points)."""
    from pypdfium2 import raw

    left, _, _, page_top = page.get_mediabox()
    edges: list[dict] = []
    for obj, ctm in _paths(page.raw, raw):
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        if not stroke.value and not fill.value:
            continue
        seen = bool(stroke.value) or not _white_fill(obj, raw)
        m = _times(_matrix(obj, raw), ctm)
        for shape, pts in _subpaths(obj, raw):
            pts = [(m[0] * x + m[2] * y + m[4] - left, page_top - (m[1] * x + m[3] * y + m[5])) for x, y in pts]
            if len(shape) > 3 and shape.endswith("lh") and pts[-2] == pts[0]:  # a redundant "l" before "h"
                shape, pts = shape[:-2] + "h", pts[:-1]
            if shape in ("ml", "mlh"):
                edges.append(_edge(pts[0], pts[1], "h" if pts[0][1] == pts[1][1] else "v"))
            elif shape in ("mlllh", "mllll") and _square(pts):
                if seen:
                    (x0, y0), (x1, y1) = pts[0], pts[2]
                    a, b = (min(x0, x1), min(y0, y1)), (max(x0, x1), max(y0, y1))
                    edges += [
                        _edge(a, (b[0], a[1]), "h"),
                        _edge((a[0], b[1]), b, "h"),
                        _edge(a, (a[0], b[1]), "v"),
                        _edge((b[0], a[1]), b, "v"),
                    ]
            else:
                for p, q in zip(pts, pts[1:]):
                    orientation = "v" if p[0] == q[0] else ("h" if p[1] == q[1] else None)
                    if orientation:
                        edges.append(_edge(p, q, orientation))
    return edges


def _edge(p: tuple[float, float], q: tuple[float, float], orientation: str) -> dict:
    x0, x1 = min(p[0], q[0]), max(p[0], q[0])
    top, bottom = min(p[1], q[1]), max(p[1], q[1])
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "edge",
    }


def _square(pts: list[tuple[float, float]]) -> bool:
    """pdfminer's test for a rectangle: a closed loop of four axis-aligned sides."""
    if len(pts) != 5 or pts[0] != pts[4]:
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _subpaths(obj, raw) -> list[tuple[str, list[tuple[float, float]]]]:
    """A path's subpaths as pdfminer spells them: the operators ("m", "l", "c",
    "h") and each one's end point (a bezier's control points left out; "h" at the
    subpath's start)."""
    out: list[tuple[str, list[tuple[float, float]]]] = []
    ops: list[str] = []
    pts: list[tuple[float, float]] = []
    bezier = 0
    x, y = ctypes.c_float(), ctypes.c_float()
    for k in range(max(raw.FPDFPath_CountSegments(obj), 0)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        kind = raw.FPDFPathSegment_GetType(seg)
        point = (float(x.value), float(y.value))
        if kind == raw.FPDF_SEGMENT_MOVETO or not ops:
            if ops:
                out.append(("".join(ops), pts))
            ops, pts, bezier = ["m"], [point], 0
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:  # pdfium gives the two control points and the end point one by one
                ops.append("c")
                pts.append(point)
        else:
            bezier = 0
            ops.append("l")
            pts.append(point)
        if raw.FPDFPathSegment_GetClose(seg):
            ops.append("h")
            pts.append(pts[0])
    if ops:
        out.append(("".join(ops), pts))
    return out


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _matrix(obj, raw) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: a point goes through m first)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _paths(parent, raw, form: bool = False, depth: int = 0, ctm: Matrix = IDENTITY):
    """The path objects of a page, also inside its form XObjects, each with the
    matrix of the forms it is drawn in (IDENTITY on the page itself). Every object
    of the page is looked at (most are text), so the object and its type are asked
    through untyped calls (pdf_chars._Fast) and only paths and forms get pypdfium2's
    pointer type."""
    f = _fast()
    count = raw.FPDFFormObj_CountObjects(parent) if form else raw.FPDFPage_CountObjects(parent)
    get = f.form_object if form else f.page_object
    object_type, path, form_object = f.object_type, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
    for k in range(max(count, 0)):
        address = get(parent, k)
        if not address:
            continue
        kind = object_type(ctypes.c_void_p(address))
        if kind == path:
            yield ctypes.cast(address, raw.FPDF_PAGEOBJECT), ctm
        elif kind == form_object and depth < 15:
            obj = ctypes.cast(address, raw.FPDF_PAGEOBJECT)
            yield from _paths(obj, raw, form=True, depth=depth + 1, ctm=_times(_matrix(obj, raw), ctm))


def _white_fill(obj, raw) -> bool:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return False
    return min(r.value, g.value, b.value) >= WHITE_RGB
