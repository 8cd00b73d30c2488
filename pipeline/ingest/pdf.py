"""The PDF reader: opens the file, reads its pages one by one with the chosen
engine, sends pages without a text layer to OCR, enforces the page limit, and
hands the lines and table rows to the layout rules (pipeline.ingest.layout,
pipeline.ingest.layout_blocks).

Two engines read the characters (REFERAT_PDF_ENGINE or Limits.extra["pdf_engine"]:
"pdfium", the default, or "pdfplumber"). pdfium (pypdfium2) gives each character's
box, size, font and matrix several times faster than pdfminer's parsing; its
characters (pdf_chars) are shaped like pdfplumber's and go through the same word
and line building (pdf_lines) and the same line rules (pdf_page_lines), so the
layout rules stay one implementation. Ruled tables are found by pdfplumber's own
table finder run on edges made from pdfium's path objects (pdf_paths, pdf_tables),
only on pages whose path objects pass a cheap count of visible strokes (ruled), so
no page is parsed by pdfminer. With pdfplumber, ruled tables come from its
find_tables and the lines from its extract_text_lines. Per page, ruled tables
become table rows and their text is kept out of the running text. Pages without a
text layer go to OCR (pipeline.ingest.ocr) when it is on; scanned pages are
rendered by pdfium. Each page's caches are dropped once it is read, so memory
stays bounded by one page.

The module map: pdf (this reader), pdf_chars (pdfium characters, fonts, text
objects), pdf_lines (characters -> words -> text lines), pdf_page_lines (a page's
text lines -> layout Lines), pdf_paths (pdfium path objects -> table-rule edges),
pdf_tables (the ruled-table test and the table reading). The names tests and
tools use are re-exported here.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Optional

from pipeline.errors import MissingTool, ReadError, ReferatError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.layout import Line, TableRow, drop_headers_footers, running_copies, tabulate
from pipeline.ingest.layout_blocks import lines_to_blocks
from pipeline.ingest.pdf_chars import _codes as _codes
from pipeline.ingest.pdf_chars import _fast as _fast
from pipeline.ingest.pdf_chars import pdfium_chars as pdfium_chars
from pipeline.ingest.pdf_lines import BASELINE_EPS as BASELINE_EPS
from pipeline.ingest.pdf_lines import X_TOLERANCE_RATIO as X_TOLERANCE_RATIO
from pipeline.ingest.pdf_lines import _text_lines
from pipeline.ingest.pdf_lines import text_map_lines as text_map_lines
from pipeline.ingest.pdf_page_lines import _BOLD as _BOLD
from pipeline.ingest.pdf_page_lines import BOLD_CACHE as BOLD_CACHE
from pipeline.ingest.pdf_page_lines import _bang_spaces, _page_lines
from pipeline.ingest.pdf_page_lines import _is_bold as _is_bold
from pipeline.ingest.pdf_paths import _edges as _edges
from pipeline.ingest.pdf_tables import _inside, _table_rows, _tables, _without
from pipeline.ingest.pdf_tables import _is_table as _is_table
from pipeline.ingest.pdf_tables import _kept as _kept
from pipeline.ingest.pdf_tables import ruled as ruled
from pipeline.ingest.pdf_tables import table_page as table_page

PASSWORD_MARKERS = ("password", "encrypt")
ENGINE_ENV = "REFERAT_PDF_ENGINE"
ENGINES = ("pdfium", "pdfplumber")
DEFAULT_ENGINE = "pdfium"


class _Pages:
    """What the pages give, gathered page by page."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.rows: list[TableRow] = []
        self.warnings: list[str] = []
        self.confidences: list[float] = []


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    engine = engine_of(limits)
    acc = _Pages()
    try:
        n = _read_pdfium(data, limits, acc) if engine == "pdfium" else None
        if n is None:  # pdfplumber asked for, or a file pdfium cannot open (pdfminer is more lenient)
            engine, acc = "pdfplumber", _Pages()
            n = _read_pdfplumber(data, limits, acc)
    except ReferatError:
        raise
    except Exception as e:  # pdfium and pdfminer raise many kinds on damaged or encrypted files  # noqa: BLE001
        raise ReadError(pdf_error(e)) from e
    lines, rows = tabulate(drop_headers_footers(acc.lines, n))
    running = running_copies(acc.lines, n)
    mean = sum(acc.confidences) / len(acc.confidences) if acc.confidences else None
    name = "pypdfium2" if engine == "pdfium" else "pdfplumber"
    return ReaderResult(
        blocks=lines_to_blocks(lines, acc.rows + rows, running),
        pages=n,
        ocr=mean is not None,
        reader=f"{name}+tesseract" if mean is not None else name,
        ocr_confidence=mean,
        warnings=acc.warnings,
    )


def engine_of(limits: Limits) -> str:
    """The engine that reads the characters: Limits.extra["pdf_engine"], else
    $REFERAT_PDF_ENGINE, else DEFAULT_ENGINE."""
    engine = str(limits.extra.get("pdf_engine") or os.environ.get(ENGINE_ENV) or DEFAULT_ENGINE).strip().lower()
    if engine not in ENGINES:
        raise ReadError(f"unknown PDF engine {engine!r} (choose one of {', '.join(ENGINES)})")
    return engine


def _read_pdfplumber(data: bytes, limits: Limits, acc: _Pages) -> int:
    pdfplumber = _pdfplumber()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        n = _page_count(len(pdf.pages), limits)
        for number, page in enumerate(pdf.pages, start=1):
            try:
                _read_page(page, number, limits, acc)
            finally:
                page.close()  # flushes the page's object cache
    return n


def _read_pdfium(data: bytes, limits: Limits, acc: _Pages) -> Optional[int]:
    """Characters by pdfium, ruled tables by pdfplumber's table finder on pdfium's
    path objects and characters (no page is parsed by pdfminer). None when pdfium
    cannot open the file (and it is not encrypted)."""
    pdfium = _pypdfium2()
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if any(m in str(e).lower() for m in PASSWORD_MARKERS):
            raise ReadError("encrypted PDF (password protected)") from e
        return None
    scanned: list[tuple[int, int, int]] = []  # (page number, where its lines and confidence go)
    try:
        n = _page_count(len(doc), limits)
        for number in range(1, n + 1):
            page = doc[number - 1]
            text_page = page.get_textpage()
            try:
                chars = pdfium_chars(page, text_page)
                if not chars and limits.ocr:  # OCR'd after the loop, several pages at once
                    scanned.append((number, len(acc.lines), len(acc.confidences)))
                elif not chars:
                    _no_text_layer(page, number, limits, acc)
                else:
                    size = (float(page.get_width()), float(page.get_height()))
                    tables = _tables(page, chars) if ruled(page) else []
                    if tables:
                        _read_tables(chars, tables, number, size, acc)
                    else:
                        _read_chars(chars, number, size, acc)
            finally:
                text_page.close()
                page.close()
        if scanned:
            _ocr_scanned(doc, scanned, limits, acc)
    finally:
        doc.close()
    return n


def _ocr_scanned(doc, scanned: list[tuple[int, int, int]], limits: Limits, acc: _Pages) -> None:
    """OCR the pages without a text layer (pipeline.ingest.ocr.ocr_pages: several at
    once) and put their lines and confidences where reading the pages in order would
    have put them."""
    from pipeline.ingest import ocr

    at = {number: (line_at, conf_at) for number, line_at, conf_at in scanned}
    results = list(ocr.ocr_pages([number for number, _, _ in scanned], lambda k: doc[k - 1], limits))
    for number, lines, mean in reversed(results):  # from the last, so the earlier places hold
        line_at, conf_at = at[number]
        acc.lines[line_at:line_at] = lines
        if mean is not None:
            acc.confidences.insert(conf_at, mean)


def _pypdfium2():
    try:
        import pypdfium2
    except ImportError as e:  # pragma: no cover - a dependency of pdfplumber
        raise MissingTool("pypdfium2", "pip install pypdfium2") from e
    return pypdfium2


def _pdfplumber():
    try:
        import pdfplumber
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise MissingTool("pdfplumber", "pip install pdfplumber") from e
    return pdfplumber


def _page_count(n: int, limits: Limits) -> int:
    if n == 0:
        raise ReadError("the PDF has no pages")
    if n > limits.max_pages:
        raise ReadError(f"the PDF has {n} pages (the limit is {limits.max_pages})")
    return n


def pdf_error(e: Exception) -> str:
    """One line for a pdfminer/pdfplumber failure; encryption is named as such."""
    chain = [e, *[a for a in e.args if isinstance(a, BaseException)], e.__cause__, e.__context__]
    names = " ".join(type(x).__name__ for x in chain if x is not None).lower()
    lines = str(e).strip().splitlines()
    text = lines[0][:120] if lines else ""
    if any(m in names or m in text.lower() for m in PASSWORD_MARKERS):
        return "encrypted PDF (password protected)"
    return f"damaged PDF ({type(e).__name__}{': ' + text if text else ''})"


def _read_page(page, number: int, limits: Limits, acc: _Pages) -> None:
    """One page by pdfplumber: its ruled tables, then its other lines."""
    if page.chars:
        page = page.filter(_kept)
        tables = [t for t in page.find_tables() if _is_table(t)]
        acc.rows += [row for table in tables for row in _table_rows(table, number)]
        text_page = _without(page, [t.bbox for t in tables])
        size = (float(page.width), float(page.height))
        text_lines = text_page.extract_text_lines(return_chars=True, strip=True, x_tolerance_ratio=X_TOLERANCE_RATIO)
        acc.lines += _page_lines(text_lines, text_page.chars, number, size, _bang_spaces(page.chars))
    else:
        _no_text_layer(page, number, limits, acc)


def _read_chars(chars: list[dict], number: int, size: tuple[float, float], acc: _Pages) -> None:
    """One page's pdfplumber-shaped characters -> lines, as pdfplumber's
    extract_text_lines builds them; a page laid out in two columns (a sidebar
    beside the text) has each column's lines built on their own and read one
    column after the other (layout.column_bands)."""
    chars = [c for c in chars if c["upright"]]  # _kept() of a character: rotated ones are dropped
    if not chars:
        return
    acc.lines += _page_lines(_text_lines(chars, size), chars, number, size, _bang_spaces(chars))


def _no_text_layer(page, number: int, limits: Limits, acc: _Pages) -> None:
    if not limits.ocr:
        acc.warnings.append(f"page {number} has no text layer (OCR is off)")
        return
    from pipeline.ingest.ocr import ocr_page

    lines, mean = ocr_page(page, number, limits)
    acc.lines += lines
    if mean is not None:
        acc.confidences.append(mean)


def _read_tables(chars: list[dict], tables: list, number: int, size: tuple[float, float], acc: _Pages) -> None:
    """A page with ruled tables, all from pdfium's characters: the tables' rows,
    then the lines of the characters outside them (as _read_page does with
    pdfplumber's characters)."""
    upright = [c for c in chars if c["upright"]]
    acc.rows += [row for table in tables for row in _table_rows(table, number)]
    boxes = [t.bbox for t in tables]
    rest = [c for c in upright if not _inside(c, boxes)]
    if rest:
        acc.lines += _page_lines(_text_lines(rest, size), rest, number, size, _bang_spaces(upright))
