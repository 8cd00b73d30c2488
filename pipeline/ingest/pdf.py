"""PDF with pdfplumber: positioned text lines and tables per page, grouped into
blocks by pipeline.ingest.layout.

Per page: ruled tables (pdfplumber's find_tables) become table rows and their
text is kept out of the running text; the other characters become lines
(pdfplumber's extract_text_lines) with their position, size and boldness, and
the widest gaps inside a line (tab stops) as cell boundaries, so column-aligned
tables without rules are found too. Rotated characters (signature keys in the
margin) and boxes nobody sees (white page and paragraph backgrounds, which
Google Docs and Word draw) are dropped first, and a "table" with no row of two
filled cells (a page drawn in one ruled cell) is running text. A text layer
writing '!' for every space is read with spaces. Each line records whether it
opens with a bold run-in label and where the text after a list number starts,
for the layout rules. Pages without a text layer go to OCR
(pipeline.ingest.ocr) when it is on. Each page's caches are dropped once it is
read, so memory stays bounded by one page.
"""
from __future__ import annotations

import io
from dataclasses import replace
from functools import reduce
from pathlib import Path
from typing import Optional

from pipeline.errors import MissingTool, ReadError, ReferatError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.layout import (Line, TableRow, drop_headers_footers, is_enumerator, join_lines, lines_to_blocks,
                                    numbered_head, tabulate)

BOLD_FONT_MARKERS = ("bold", "black", "heavy", "semibold", "demi")
BOLD_SHARE = 0.8  # share of a line's characters in a bold font for a bold line
X_TOLERANCE_RATIO = 0.2  # a gap between characters wider than this many font sizes is a space
TAB_GAP = 1.2  # a gap between characters wider than this many font sizes is a tab stop
PASSWORD_MARKERS = ("password", "encrypt")
BANG_MIN = 20  # a page needs this many '!' ...
BANG_SHARE = 0.04  # ... and this share of its characters for '!' to stand for the space


class _Pages:
    """What the pages give, gathered page by page."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.rows: list[TableRow] = []
        self.warnings: list[str] = []
        self.confidences: list[float] = []


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    pdfplumber = _pdfplumber()
    acc = _Pages()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            n = _page_count(pdf, limits)
            for number, page in enumerate(pdf.pages, start=1):
                try:
                    _read_page(page, number, limits, acc)
                finally:
                    page.close()  # flushes the page's object cache
    except ReferatError:
        raise
    except Exception as e:  # pdfminer raises many kinds on damaged or encrypted files  # noqa: BLE001
        raise ReadError(pdf_error(e)) from e
    lines, rows = tabulate(drop_headers_footers(acc.lines, n))
    mean = sum(acc.confidences) / len(acc.confidences) if acc.confidences else None
    return ReaderResult(blocks=lines_to_blocks(lines, acc.rows + rows), pages=n, ocr=mean is not None,
                        reader="pdfplumber+tesseract" if mean is not None else "pdfplumber",
                        ocr_confidence=mean, warnings=acc.warnings)


def _pdfplumber():
    try:
        import pdfplumber
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise MissingTool("pdfplumber", "pip install pdfplumber") from e
    return pdfplumber


def _page_count(pdf, limits: Limits) -> int:
    n = len(pdf.pages)
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
    if page.chars:
        page = page.filter(_kept)
        tables = [t for t in page.find_tables() if _is_table(t)]
        acc.rows += [row for table in tables for row in _table_rows(table, number)]
        text_page = _without(page, [t.bbox for t in tables])
        size = (float(page.width), float(page.height))
        text_lines = text_page.extract_text_lines(return_chars=True, strip=True, x_tolerance_ratio=X_TOLERANCE_RATIO)
        bang = _bang_spaces(page.chars)
        acc.lines += [line for tl in text_lines for line in _lines(tl, number, size, bang)]
    elif not limits.ocr:
        acc.warnings.append(f"page {number} has no text layer (OCR is off)")
    else:
        from pipeline.ingest.ocr import ocr_page

        lines, mean = ocr_page(page, number, limits)
        acc.lines += lines
        if mean is not None:
            acc.confidences.append(mean)


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
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    return page.filter(outside)


def _bang_spaces(chars: list[dict]) -> bool:
    """A text layer that writes '!' for every space (a broken font's glyph map):
    exclamation marks are more than BANG_SHARE of the page's characters."""
    n = sum(1 for c in chars if c["text"] == "!")
    return n >= BANG_MIN and n > BANG_SHARE * len(chars)


def _lines(tl: dict, number: int, page_size: tuple[float, float], bang: bool = False) -> list[Line]:
    """The Line of one text line; two or more numbered entries side by side on
    one line ("2. Beretning<gap>3. Regnskab") become one Line each."""
    line = _line(tl, number, page_size, bang)
    if line is None:
        return []
    cells = line.cells or []
    starts = [i for i, (_, text) in enumerate(cells) if _numbered(text)]
    if len(starts) < 2 or starts[0] != 0:
        return [line]
    bounds = [*starts, len(cells)]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        part = cells[a:b]
        x1 = cells[b][0] if b < len(cells) else line.x1
        out.append(replace(line, text=" ".join(t for _, t in part), x0=part[0][0], x1=x1,
                           cells=part if len(part) >= 2 else None))
    return out


def _numbered(text: str) -> bool:
    return numbered_head(text) is not None


def _line(tl: dict, number: int, page_size: tuple[float, float], bang: bool = False) -> Optional[Line]:
    chars = tl["chars"]
    text = tl["text"]
    if bang:
        text = " ".join(text.replace("!", " ").split())
    if not text.strip() or not chars:
        return None
    sizes = sorted(c["size"] for c in chars)
    size = sizes[len(sizes) // 2]
    bold = sum(_is_bold(c["fontname"]) for c in chars) > BOLD_SHARE * len(chars)
    cells = _cells(chars, size)
    if bang and cells:
        cells = [(x, t) for x, t in ((x, " ".join(t.replace("!", " ").split())) for x, t in cells) if t]
    return Line(text=text, page=number, x0=tl["x0"], x1=tl["x1"], top=tl["top"], bottom=tl["bottom"],
                size=size, bold=bold, page_width=page_size[0], page_height=page_size[1], cells=cells or None,
                lead_bold=_lead_bold(chars, bold), body_x=_body_x(chars, text))


def _body_x(chars: list[dict], text: str) -> Optional[float]:
    """Where the text after a leading list number ("4.", "a)") starts, or None."""
    head, _, rest = text.partition(" ")
    if not rest.strip() or not is_enumerator(head):
        return None
    after = [c for c in chars[len(head):] if c["text"].strip()]
    return after[0]["x0"] if after else None


def _lead_bold(chars: list[dict], bold: bool) -> bool:
    """A run-in heading: the line opens with a bold label ending in ':' and goes on
    in the body font ("Valg af dirigent: Laila Jensen vælges")."""
    if bold:
        return False
    label = []
    for c in chars:
        if not _is_bold(c["fontname"]):
            break
        label.append(c["text"])
    head = "".join(label).strip()
    colon_after = len(label) < len(chars) and chars[len(label)]["text"] == ":"  # "Label" bold, ":" not
    return len(head) >= 3 and (head.endswith(":") or colon_after)


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(marker in name for marker in BOLD_FONT_MARKERS)


def _cells(chars: list[dict], size: float) -> Optional[list[tuple[float, str]]]:
    """(x, text) of the parts of a line between tab-stop gaps, or None for one part."""
    gaps = [b["x0"] - a["x1"] for a, b in zip(chars, chars[1:])]
    cuts = [i + 1 for i, gap in enumerate(gaps) if gap > TAB_GAP * size]
    if not cuts:
        return None
    bounds = [0, *cuts, len(chars)]
    parts = [(chars[a]["x0"], _text(chars[a:b], gaps[a:b - 1])) for a, b in zip(bounds, bounds[1:])]
    return [(x, text) for x, text in parts if text]


def _text(chars: list[dict], gaps: list[float]) -> str:
    """Characters with a space where a gap is wider than X_TOLERANCE_RATIO font sizes."""
    out = [chars[0]["text"]]
    out += [(" " if gap > X_TOLERANCE_RATIO * c["size"] else "") + c["text"] for c, gap in zip(chars[1:], gaps)]
    return " ".join("".join(out).split())
