"""PDF with pdfplumber: positioned lines and ruled tables per page, grouped
into blocks by pipeline.ingest.layout. Pages without a text layer go to OCR
(pipeline.ingest.ocr) when it is enabled and installed."""
from __future__ import annotations

import io
import logging
from pathlib import Path

from pipeline.errors import MissingTool, ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.layout import Line, TableRow, drop_headers_footers, lines_to_blocks

log = logging.getLogger(__name__)


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    pdfplumber = _pdfplumber()
    lines: list[Line] = []
    rows: list[TableRow] = []
    warnings: list[str] = []
    ocr_conf: list[float] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            n = len(pdf.pages)
            if n == 0:
                raise ReadError("the PDF has no pages")
            if n > limits.max_pages:
                raise ReadError(f"the PDF has {n} pages (limit {limits.max_pages})")
            for number, page in enumerate(pdf.pages, start=1):
                if page.chars:
                    page_lines, page_rows = _text_layer(page, number)
                else:
                    page_lines, page_rows = _ocr(page, number, limits, warnings, ocr_conf), []
                lines += page_lines
                rows += page_rows
                page.close()
    except ReadError:
        raise
    except Exception as e:  # pdfminer raises many kinds on damaged or encrypted files  # noqa: BLE001
        raise ReadError(_pdf_error(e)) from e
    blocks = lines_to_blocks(drop_headers_footers(lines, n), rows)
    mean = sum(ocr_conf) / len(ocr_conf) if ocr_conf else None
    reader = "pdfplumber+tesseract" if ocr_conf else "pdfplumber"
    return ReaderResult(blocks=blocks, reader=reader, pages=n, ocr=bool(ocr_conf), ocr_confidence=mean,
                        warnings=warnings)


def _pdfplumber():
    try:
        import pdfplumber
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise MissingTool("pdfplumber", "pip install pdfplumber") from e
    return pdfplumber


def _pdf_error(e: Exception) -> str:
    chain = [e, *[a for a in e.args if isinstance(a, BaseException)], e.__cause__, e.__context__]
    names = " ".join(type(x).__name__ for x in chain if x is not None)
    name = type(e).__name__
    text = str(e).strip().splitlines()[0][:120] if str(e).strip() else ""
    if "Password" in names or "encrypt" in text.lower() or "password" in text.lower():
        return "encrypted PDF (password protected)"
    return f"damaged PDF ({name}{': ' + text if text else ''})"


def _text_layer(page, number: int) -> tuple[list[Line], list[TableRow]]:
    tables = page.find_tables()
    rows = [TableRow(cells=[" ".join((c or "").split()) for c in row if c and c.strip()], page=number,
                     top=top)
            for t in tables for row, top in zip(t.extract(), _row_tops(t))]
    rows = [r for r in rows if r.cells]
    boxes = [t.bbox for t in tables]
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes)) if boxes else page
    lines = []
    for tl in outside.extract_text_lines(return_chars=True, strip=True):
        chars = tl["chars"]
        if not tl["text"].strip() or not chars:
            continue
        sizes = sorted(c["size"] for c in chars)
        bold = sum("bold" in c["fontname"].lower() for c in chars) > 0.8 * len(chars)
        lines.append(Line(text=tl["text"], page=number, x0=tl["x0"], top=tl["top"], bottom=tl["bottom"],
                          size=sizes[len(sizes) // 2], bold=bold, page_height=float(page.height), x1=tl["x1"]))
    return lines, rows


def _row_tops(table) -> list[float]:
    return [row.bbox[1] for row in table.rows]


def _inside(obj, boxes) -> bool:
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _ocr(page, number: int, limits: Limits, warnings: list[str], conf: list[float]) -> list[Line]:
    if not limits.ocr:
        warnings.append(f"page {number} has no text layer (OCR is off)")
        return []
    from pipeline.ingest.ocr import ocr_page

    lines, mean = ocr_page(page, number, limits)
    if mean is not None:
        conf.append(mean)
    return lines
