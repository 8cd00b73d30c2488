"""A minimal PDF writer for tests: text runs in the standard Helvetica fonts,
rectangles, several pages. No PDF library is needed, and the files are exact:
a run's baseline is `top` points from the top of the page."""

from __future__ import annotations

PAGE_W, PAGE_H = 595.0, 842.0
FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold"}


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text(x: float, top: float, s: str, size: float = 11, bold: bool = False, rotate: bool = False) -> bytes:
    """A text run whose baseline is `top` points from the top of the page."""
    font = b"F2" if bold else b"F1"
    y = PAGE_H - top
    matrix = b"0 1 -1 0 %.2f %.2f Tm" % (x, y) if rotate else b"1 0 0 1 %.2f %.2f Tm" % (x, y)
    return b"BT /%s %.1f Tf %s (%s) Tj ET\n" % (font, size, matrix, _escape(s))


def runs(top: float, *parts: tuple[float, str, bool], size: float = 11) -> bytes:
    """Several runs on one line: (x, text, bold)."""
    return b"".join(text(x, top, s, size=size, bold=b) for x, s, b in parts)


def rect(x: float, top: float, w: float, h: float, fill: float | None = None, stroke: bool = False) -> bytes:
    """A rectangle: filled with a gray level and/or stroked (a visible rule)."""
    paint = b"B" if fill is not None and stroke else b"f" if fill is not None else b"S"
    color = b"%.2f g " % fill if fill is not None else b""
    return b"%s0 G 1 w %.2f %.2f %.2f %.2f re %s\n" % (color, x, PAGE_H - top - h, w, h, paint)


def make_pdf(pages: list[bytes]) -> bytes:
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font_ids = {}
    for name, base in FONTS.items():
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % base.encode())
        font_ids[name] = len(objects)
    resources = b"<< /Font << %s >> >>" % b" ".join(b"/%s %d 0 R" % (n.encode(), i) for n, i in font_ids.items())
    kids = []
    for content in pages:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        stream_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents %d 0 R >>"
            % (PAGE_W, PAGE_H, resources, stream_id)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return pdf_bytes(objects)


def pdf_bytes(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF from numbered objects (1..n, object 1 the catalog) with a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)
