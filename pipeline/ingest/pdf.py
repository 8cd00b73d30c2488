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
for the layout rules. A page laid out in two columns (a sidebar beside the
items) has each column's lines built from its own characters and read one
column after the other (layout.column_bands); two lines drawn over each other a
little apart, which pdfplumber's tolerance would merge into one line of
alternating characters, are built apart. Pages without a text layer go to OCR
(pipeline.ingest.ocr) when it is on. Each page's caches are dropped once it is
read, so memory stays bounded by one page.

Two engines read the characters (REFERAT_PDF_ENGINE or Limits.extra["pdf_engine"]:
"pdfium", the default, or "pdfplumber"). pdfium (pypdfium2) gives each character's
box, size, font and matrix several times faster than pdfminer's parsing; its
characters are shaped like pdfplumber's (x0/x1 from the origin and the advance
width, top/bottom from the font's descent and size, upright from the matrix) and
go through the same word and line building (pdfplumber.utils' WordExtractor and
TextMap, pure Python, no parsing) and the same line rules, so the layout rules
stay one implementation. Ruled tables are found by pdfplumber's own table finder
functions (edges, intersections, cells) run on edges made from pdfium's path
objects, and filled from pdfium's characters, only on pages whose path objects
pass a cheap count of visible strokes (ruled); a grid of cells with a row of two
filled cells is a table, while underlines, signature lines, a frame around the
page and highlight boxes are not, so no page is parsed by pdfminer. pdfium's
line-end hyphen (U+0002) is read as '-'; scanned pages are rendered by pdfium
for OCR.
"""

from __future__ import annotations

import ctypes
import io
import math
import os
import re
from dataclasses import replace
from functools import reduce
from pathlib import Path
from typing import Any, Optional

from pipeline.errors import MissingTool, ReadError, ReferatError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.layout import (
    ALIGN,
    Line,
    TableRow,
    column_bands,
    drop_headers_footers,
    is_enumerator,
    join_lines,
    lines_to_blocks,
    numbered_head,
    running_copies,
    tabulate,
)

BOLD_FONT_MARKERS = ("bold", "black", "heavy", "semibold", "demi")
BOLD_SHARE = 0.8  # share of a line's characters in a bold font for a bold line
X_TOLERANCE_RATIO = 0.2  # a gap between characters wider than this many font sizes is a space
MARGIN_CELL_WORDS = 4  # a margin cell beside a field line: a date or a time ("kl. 10.15")
FIELD_CELL = re.compile(r"^([^\W\d_][\w .-]{0,30}?)\s?:(?:\s|$)")  # "Til stede: ..."
TAB_GAP = 1.2  # a gap between characters wider than this many font sizes is a tab stop
PASSWORD_MARKERS = ("password", "encrypt")
BANG_MIN = 20  # a page needs this many '!' ...
BANG_SHARE = 0.04  # ... and this share of its characters for '!' to stand for the space
ENGINE_ENV = "REFERAT_PDF_ENGINE"
ENGINES = ("pdfium", "pdfplumber")
DEFAULT_ENGINE = "pdfium"
# A page goes to pdfplumber's table finder when its visible path objects give at
# least this many horizontal and vertical strokes (a table of two columns and one
# row needs 2 and 3); shorter strokes than EDGE_MIN points do not count, nor do
# boxes filled with the page's own colour and never stroked (page backgrounds).
TABLE_H_EDGES = 2
TABLE_V_EDGES = 3
EDGE_MIN = 3.0
THIN = 2.0  # a path this thin (points) is one rule, not a box
BUSY_PATH = 8  # a path of more segments than this may draw a whole grid
WHITE_RGB = 250  # fill colour channels at least this bright are the page's own colour
PDFIUM_HYPHEN = 2  # pdfium's code for a hyphen that ends a line
LIGATURE_EPS = 0.01  # points: characters of one text object at one origin are one ligature glyph
SKIPPED_CODES = frozenset({0, 10, 13, 0xFFFE, 0xFFFF})
BASELINE_EPS = 1.0  # points: characters whose bottoms are this close stand on one baseline
INTERLEAVED_MIN = 5  # characters on each of two baselines of one line: two lines drawn over each other ...
INTERLEAVED_SHARE = 0.5  # ... when their extents overlap by this share of the shorter one


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


def _page_lines(
    text_lines: list[dict], chars: list[dict], number: int, size: tuple[float, float], bang: bool
) -> list[Line]:
    """A page's Lines from its text lines; on a page in two columns, each column's
    lines are built again from its own characters, flow by flow."""
    bands = column_bands([_row(tl) for tl in text_lines], size[0])
    if not bands:
        return [line for tl in text_lines for line in _lines(tl, number, size, bang)]
    groups: dict[int, list[dict]] = {}
    for c in chars:
        groups.setdefault(_flow(c, bands), []).append(c)
    lines = []
    for flow, group in groups.items():
        lines += [
            replace(line, flow=flow) for tl in _text_lines(group, size) for line in _lines(tl, number, size, bang)
        ]
    return sorted(lines, key=lambda ln: (ln.flow, ln.top))


def _text_lines(chars: list[dict], size: tuple[float, float]) -> list[dict]:
    lines = text_map_lines(chars)
    if not any(_interleaved(tl["chars"]) for tl in lines):
        return lines
    out = []
    for tl in lines:
        if not _interleaved(tl["chars"]):
            out.append(tl)
            continue
        for group in _by_baseline(tl["chars"]):
            out += _text_lines_tight(group, size)
    return sorted(out, key=lambda tl: tl["top"])


def _text_lines_tight(chars: list[dict], size: tuple[float, float]) -> list[dict]:
    return text_map_lines(chars, y_tolerance=BASELINE_EPS)


# pdfplumber's defaults for what text_map_lines does as it does
PLUMBER_Y_TOLERANCE = 3.0
PLUMBER_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
PLUMBER_LINE = re.compile(r" *([^\n]+?) *(\n|$)")  # TextMap.extract_text_lines(strip=True)


def text_map_lines(chars: list[dict], y_tolerance: float = PLUMBER_Y_TOLERANCE) -> list[dict]:
    """pdfplumber's chars_to_textmap(chars, x_tolerance_ratio=X_TOLERANCE_RATIO,
    y_tolerance=y_tolerance, presorted=True).extract_text_lines(strip=True,
    return_chars=True), the same dicts (text, x0, top, x1, bottom, chars) in the
    same order, built directly: characters clustered into lines by their top
    (chained within y_tolerance), sorted by x0, split into words at blanks and
    at gaps over X_TOLERANCE_RATIO of the previous character's size or a step
    back or a top more than y_tolerance away, then the words clustered into
    lines again by their tops in that order, joined by one space. pdfplumber's
    generic version (any direction, any option) costs ~5x this on a page; rotated
    characters or a text with a line break go to it."""
    if not chars:
        return []
    if not all(c["upright"] for c in chars) or any("\n" in c["text"] for c in chars):
        return _plumber_text_lines(chars, y_tolerance)
    # lines of characters: clusters of their tops, each sorted by x0
    cluster = _clusters({c["top"] for c in chars}, y_tolerance)
    by_line: dict[int, list[dict]] = {}
    for c in chars:
        by_line.setdefault(cluster[c["top"]], []).append(c)
    words: list[tuple[float, list[dict]]] = []  # (top, characters)
    ratio = X_TOLERANCE_RATIO
    for key in sorted(by_line):
        word: list[dict] = []
        top = x0 = x1 = tol = prev_top = 0.0
        for c in sorted(by_line[key], key=_x0):
            text = c["text"]
            if text.isspace():
                if word:
                    words.append((top, word))
                word = []
                continue
            if text == "":  # pdfplumber: a word of its own ('' is in its empty punctuation string)
                if word:
                    words.append((top, word))
                words.append((c["top"], [c]))
                word = []
                continue
            cx, ctop = c["x0"], c["top"]
            if word and (cx < x0 or cx > x1 + tol or abs(ctop - prev_top) > y_tolerance):
                words.append((top, word))
                word = []
            if word:
                word.append(c)
                if ctop < top:
                    top = ctop
            else:
                word, top = [c], ctop
            x0, x1, tol, prev_top = cx, c["x1"], ratio * c["size"], ctop
        if word:
            words.append((top, word))
    # lines of words: clusters of their tops, consecutive words of one cluster
    cluster = _clusters({top for top, _ in words}, y_tolerance)
    out: list[dict] = []
    letters: list[str] = []
    owners: list[dict | None] = []
    current = None
    ligatures = PLUMBER_LIGATURES
    for top, word in words:
        key = cluster[top]
        if key != current:
            if current is not None:
                _emit_line(letters, owners, out)
            letters, owners, current = [], [], key
        elif letters:  # one space between words (none after a word of no letters at the start)
            letters.append(" ")
            owners.append(None)
        for c in word:
            text = c["text"]
            if len(text) == 1 and text not in ligatures:
                letters.append(text)
                owners.append(c)
            else:
                for letter in ligatures.get(text, text):
                    letters.append(letter)
                    owners.append(c)
    if current is not None:
        _emit_line(letters, owners, out)
    return out


def _x0(c: dict) -> float:
    return c["x0"]


def _clusters(values: set[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's make_cluster_dict: sorted values, a new cluster where one is more
    than `tolerance` above the one before."""
    out: dict[float, int] = {}
    key, last = 0, None
    for v in sorted(values):
        if last is not None and not v <= last + tolerance:
            key += 1
        out[v] = key
        last = v
    return out


def _emit_line(letters: list[str], owners: list[dict | None], out: list[dict]) -> None:
    m = PLUMBER_LINE.match("".join(letters))
    if m is None or not m.group(1).strip():
        return
    chars = [c for c in owners[m.start(1) : m.end(1)] if c is not None]
    x0, top, x1, bottom = chars[0]["x0"], chars[0]["top"], chars[0]["x1"], chars[0]["bottom"]
    for c in chars:
        if c["x0"] < x0:
            x0 = c["x0"]
        if c["top"] < top:
            top = c["top"]
        if c["x1"] > x1:
            x1 = c["x1"]
        if c["bottom"] > bottom:
            bottom = c["bottom"]
    out.append({"text": m.group(1), "x0": x0, "top": top, "x1": x1, "bottom": bottom, "chars": chars})


def _plumber_text_lines(chars: list[dict], y_tolerance: float) -> list[dict]:
    from pdfplumber.utils.text import chars_to_textmap

    text_map = chars_to_textmap(chars, x_tolerance_ratio=X_TOLERANCE_RATIO, y_tolerance=y_tolerance)
    return list(text_map.extract_text_lines(strip=True, return_chars=True))


def _by_baseline(chars: list[dict]) -> list[list[dict]]:
    """A line's characters grouped by their bottom edge (within BASELINE_EPS)."""
    groups: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: c["bottom"]):
        if groups and c["bottom"] - groups[-1][-1]["bottom"] <= BASELINE_EPS:
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _interleaved(chars: list[dict]) -> bool:
    """Two lines of text drawn over each other a little apart (a Word export laying
    a paragraph over the next one): pdfplumber's line tolerance merges them into
    one line whose characters alternate between two baselines. A superscript or a
    bold label in another size is a few characters, or stands beside the rest."""
    bottoms = [c["bottom"] for c in chars]
    if not bottoms or max(bottoms) - min(bottoms) <= BASELINE_EPS:  # one baseline (most lines): no sorting
        return False
    groups = [g for g in _by_baseline(chars) if sum(1 for c in g if c["text"].strip()) >= INTERLEAVED_MIN]
    if len(groups) < 2:
        return False
    spans = sorted((min(c["x0"] for c in g), max(c["x1"] for c in g)) for g in groups)
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        overlap = min(a1, b1) - max(a0, b0)
        if overlap > INTERLEAVED_SHARE * min(a1 - a0, b1 - b0):
            return True
    return False


def _row(tl: dict) -> tuple[float, float, list[tuple[float, float]]]:
    """A text line's top, bottom and the spans of its parts between tab-stop gaps."""
    chars = [c for c in tl["chars"] if c["text"].strip()]
    if not chars:
        return tl["top"], tl["bottom"], []
    sizes = sorted(c["size"] for c in chars)
    gap = TAB_GAP * sizes[len(sizes) // 2]
    spans = [[chars[0]["x0"], chars[0]["x1"]]]
    last = spans[-1]
    for c in chars[1:]:
        if c["x0"] - last[1] > gap:
            last = [c["x0"], c["x1"]]
            spans.append(last)
        elif c["x1"] > last[1]:
            last[1] = c["x1"]
    return tl["top"], tl["bottom"], [(a, b) for a, b in spans]


def _flow(c: dict, bands: list[tuple[float, float, float]]) -> int:
    """Where a character is read: 3k + 1 and 3k + 2 in the left and right column of
    band k, 3k before it (3 * len(bands) after the last)."""
    middle = (c["top"] + c["bottom"]) / 2
    for k, (top, bottom, x) in enumerate(sorted(bands)):
        if middle < top - 1:
            return 3 * k
        if middle <= bottom + 1:
            return 3 * k + (2 if c["x0"] >= x - ALIGN else 1)
    return 3 * len(bands)


def _no_text_layer(page, number: int, limits: Limits, acc: _Pages) -> None:
    if not limits.ocr:
        acc.warnings.append(f"page {number} has no text layer (OCR is off)")
        return
    from pipeline.ingest.ocr import ocr_page

    lines, mean = ocr_page(page, number, limits)
    acc.lines += lines
    if mean is not None:
        acc.confidences.append(mean)


# ---------------------------------------------------------------- pdfium


def pdfium_chars(page, text_page) -> list[dict]:
    """The page's characters as pdfplumber gives them (text, x0, x1, top, bottom,
    doctop, size, fontname, upright; top from the page's top edge), in pdfium's
    order. pdfium's own line breaks are left out; a space it puts where it
    dropped the file's space glyph is kept as a blank character; a ligature it
    spells out at one origin is one character ("ff"), as pdfminer has it."""
    n = text_page.count_chars()
    if n <= 0:
        return []
    f = _fast()
    left, _, _, page_top = page.get_mediabox()
    tp = ctypes.cast(text_page.raw, ctypes.c_void_p).value
    codes = _codes(f, tp, n)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    box, matrix = f.FS_RECTF(), f.FS_MATRIX()
    p_ox, p_oy, p_box, p_matrix = ctypes.byref(ox), ctypes.byref(oy), ctypes.byref(box), ctypes.byref(matrix)
    styles: dict[tuple, tuple] = {}  # (font, size, matrix) -> (size, fontname, upright, advance scale, widths)
    fonts: dict[int, tuple] = {}  # font -> (fontname, advance widths)
    obj_styles: dict[int, tuple] = {}  # text object -> (its font, its style)
    out: list[dict] = []
    text_object, generated, origin, loose_box, append = f.text_object, f.generated, f.origin, f.loose_box, out.append
    for i, code in enumerate(codes):
        if code in SKIPPED_CODES:
            continue
        obj = text_object(tp, i)
        space = chr(code).isspace()
        # only spaces and line breaks are ever generated by pdfium: the others need no call
        if not obj or (space and generated(tp, i) == 1):
            # pdfium drops some space glyphs of the file and marks the word break with
            # a space of its own: keep it as a blank character after the previous one
            if out and space and not out[-1]["text"].isspace():
                out.append({**out[-1], "text": " ", "x0": out[-1]["x1"], "_obj": None})
            continue
        if 0xDC00 <= code <= 0xDFFF and out and 0xD800 <= ord(out[-1]["text"][-1]) <= 0xDBFF:
            high = ord(out[-1]["text"][-1])  # the second half of a UTF-16 pair (an emoji)
            out[-1]["text"] = out[-1]["text"][:-1] + chr(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))
            continue
        # The font, size and matrix of a character are its text object's (pdfium copies
        # them per character), so they are asked once per object; spaces are asked
        # each time (pdfium gives some of them a matrix of their own).
        known = None if space else obj_styles.get(obj)
        if known is None:
            font = obj_styles[obj][0] if obj in obj_styles else f.obj_font(obj) or 0
            font_size = f.font_size(tp, i)
            f.matrix(tp, i, p_matrix)
            key = (font, font_size, matrix.a, matrix.b, matrix.c, matrix.d)
            style = styles.get(key)
            if style is None:
                style = styles[key] = _style(text_page, i, font, font_size, matrix, fonts)
            known = (font, style)
            if not space:
                obj_styles[obj] = known
        font, (size, fontname, upright, scale_x, widths) = known
        origin(tp, i, p_ox, p_oy)
        loose_box(tp, i, p_box)
        x0 = ox.value - left
        right = box.right - left  # the loose box also covers ink past the advance width ("f", "j")
        bottom = page_top - box.bottom
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev["_obj"] == obj
            and abs(prev["x0"] - x0) < LIGATURE_EPS
            and abs(prev["bottom"] - bottom) < LIGATURE_EPS
        ):  # a ligature pdfium spells out ("ff")
            prev["text"] += chr(code)
            prev["x1"] = max(prev["x1"], right)
            continue
        advance = widths.get(code)
        if advance is None:
            advance = widths[code] = _advance(f, font, code)
        x1 = min(right, x0 + advance * scale_x) if advance > 0 else right
        top = bottom - size
        append(
            {
                "text": "-" if code == PDFIUM_HYPHEN else chr(code),
                "x0": x0,
                "x1": max(x1, x0),
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "size": size,
                "fontname": fontname,
                "upright": upright,
                "object_type": "char",
                "_obj": obj,
            }
        )
    return out


class _Fast:
    """pdfium's per-character functions with plain address arguments: pypdfium2's
    own bindings check pointer types on every call, which costs more than the call
    (these are private prototypes of the same library, so pypdfium2's stay as
    they are)."""

    def __init__(self) -> None:
        import pypdfium2_raw.bindings as bindings
        from pypdfium2 import raw

        lib = bindings._libs["pdfium"]
        vp, c_int, dbl_p = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)
        self.FS_RECTF, self.FS_MATRIX = raw.FS_RECTF, raw.FS_MATRIX

        def fn(name: str, restype, *argtypes):
            f = lib[name]  # a new function object, not the one pypdfium2 configured
            f.restype, f.argtypes = restype, list(argtypes)
            return f

        self.unicode = fn("FPDFText_GetUnicode", ctypes.c_uint, vp, c_int)
        self.get_text = fn("FPDFText_GetText", c_int, vp, c_int, c_int, ctypes.POINTER(ctypes.c_ushort))
        self.text_object = fn("FPDFText_GetTextObject", vp, vp, c_int)
        self.generated = fn("FPDFText_IsGenerated", c_int, vp, c_int)
        self.origin = fn("FPDFText_GetCharOrigin", c_int, vp, c_int, dbl_p, dbl_p)
        self.loose_box = fn("FPDFText_GetLooseCharBox", c_int, vp, c_int, ctypes.POINTER(raw.FS_RECTF))
        self.font_size = fn("FPDFText_GetFontSize", ctypes.c_double, vp, c_int)
        self.matrix = fn("FPDFText_GetMatrix", c_int, vp, c_int, ctypes.POINTER(raw.FS_MATRIX))
        self.obj_font = fn("FPDFTextObj_GetFont", vp, vp)
        self.glyph_width = fn(
            "FPDFFont_GetGlyphWidth", c_int, vp, ctypes.c_uint, ctypes.c_float, ctypes.POINTER(ctypes.c_float)
        )


_FAST: Optional[_Fast] = None


def _fast() -> _Fast:
    global _FAST
    if _FAST is None:
        _FAST = _Fast()
    return _FAST


def _codes(f: _Fast, tp: Optional[int], n: int) -> list[int]:
    """The code of each of the page's n characters as FPDFText_GetUnicode gives it,
    in one FPDFText_GetText call (one UTF-16 unit per character index); GetText
    writes 0xFFFE where GetUnicode gives pdfium's line-end hyphen (2), so those
    (and 0xFFFF) are asked one by one."""
    buf = (ctypes.c_ushort * (n + 1))()
    if f.get_text(tp, 0, n, buf) != n + 1:  # not one unit per index: ask character by character
        return [f.unicode(tp, i) for i in range(n)]
    codes = list(buf)[:n]
    for i, code in enumerate(codes):
        if code >= 0xFFFE:
            codes[i] = f.unicode(tp, i)
    return codes


def _style(text_page, i: int, font: int, font_size: float, matrix, fonts: dict) -> tuple:
    """What characters of one font, size and matrix share: (size, font name,
    upright, advance scale, the font's advance widths)."""
    known = fonts.get(font)
    if known is None:
        known = fonts[font] = (_font_name(text_page, i), {})
    fontname, widths = known
    upright = matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0  # as pdfminer has it
    return font_size * math.hypot(matrix.b, matrix.d), fontname, upright, font_size * abs(matrix.a), widths


def _font_name(text_page, i: int) -> str:
    from pypdfium2 import raw

    buf = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    length = raw.FPDFText_GetFontInfo(text_page.raw, i, buf, len(buf), ctypes.byref(flags))
    return buf.value.decode("utf-8", "replace") if 0 < length <= len(buf) else ""


def _advance(f: _Fast, font: int, code: int) -> float:
    """The advance width of a character at font size 1 (0 when unknown)."""
    if not font or code == PDFIUM_HYPHEN:
        return 0.0
    width = ctypes.c_float()
    ok = f.glyph_width(font, code, 1.0, ctypes.byref(width))
    return float(width.value) if ok else 0.0


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
    matrix of the forms it is drawn in (IDENTITY on the page itself)."""
    count = raw.FPDFFormObj_CountObjects(parent) if form else raw.FPDFPage_CountObjects(parent)
    get = raw.FPDFFormObj_GetObject if form else raw.FPDFPage_GetObject
    for k in range(max(count, 0)):
        obj = get(parent, k)
        if not obj:
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            yield obj, ctm
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 15:
            yield from _paths(obj, raw, form=True, depth=depth + 1, ctm=_times(_matrix(obj, raw), ctm))


def _white_fill(obj, raw) -> bool:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return False
    return min(r.value, g.value, b.value) >= WHITE_RGB


# ---------------------------------------------------------------- pdfplumber's objects


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
        # a logbook's margin cell beside a field line ("kl. 10.15<gap>Til stede: ..."): two Lines
        field = next((i for i, (_, text) in enumerate(cells) if i and _field_cell(text)), None)
        if field is None or any(len(t.split()) > MARGIN_CELL_WORDS for _, t in cells[:field]):
            return [line]
        starts = [0, field]
    bounds = [*starts, len(cells)]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        part = cells[a:b]
        x1 = cells[b][0] if b < len(cells) else line.x1
        out.append(
            replace(
                line, text=" ".join(t for _, t in part), x0=part[0][0], x1=x1, cells=part if len(part) >= 2 else None
            )
        )
    return out


def _numbered(text: str) -> bool:
    return numbered_head(text) is not None


def _field_cell(text: str) -> bool:
    """A cell led by a field label of the lexicon ("Til stede:", "Afbud:")."""
    from pipeline.ingest.fields import field_labels, label_key

    m = FIELD_CELL.match(text)
    return m is not None and label_key(m.group(1)) in field_labels()


def _line(tl: dict, number: int, page_size: tuple[float, float], bang: bool = False) -> Optional[Line]:
    chars = tl["chars"]
    text = tl["text"]
    if bang:
        text = " ".join(text.replace("!", " ").split())
    if not text.strip() or not chars:
        return None
    sizes = sorted(c["size"] for c in chars)
    size = sizes[len(sizes) // 2]
    fonts: dict[str, int] = {}
    for c in chars:
        name = c["fontname"]
        fonts[name] = fonts.get(name, 0) + 1
    bold = sum(n for name, n in fonts.items() if _is_bold(name)) > BOLD_SHARE * len(chars)
    cells = _cells(chars, size)
    if bang and cells:
        cells = [(x, t) for x, t in ((x, " ".join(t.replace("!", " ").split())) for x, t in cells) if t]
    return Line(
        text=text,
        page=number,
        x0=tl["x0"],
        x1=tl["x1"],
        top=tl["top"],
        bottom=tl["bottom"],
        size=size,
        bold=bold,
        page_width=page_size[0],
        page_height=page_size[1],
        cells=cells or None,
        lead_bold=_lead_bold(chars, bold),
        body_x=_body_x(chars, text),
    )


def _body_x(chars: list[dict], text: str) -> Optional[float]:
    """Where the text after a leading list number ("4.", "a)") starts, or None."""
    head, _, rest = text.partition(" ")
    if not rest.strip() or not is_enumerator(head):
        return None
    after = [c for c in chars[len(head) :] if c["text"].strip()]
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
    bold = _BOLD.get(fontname)
    if bold is None:  # a page has a few fonts and thousands of characters: each name is looked at once
        if len(_BOLD) >= BOLD_CACHE:  # subset names ("ABCDEF+Arial") differ per file: keep memory flat
            _BOLD.clear()
        name = fontname.lower()
        bold = _BOLD[fontname] = any(marker in name for marker in BOLD_FONT_MARKERS)
    return bold


BOLD_CACHE = 4096
_BOLD: dict[str, bool] = {}


def _cells(chars: list[dict], size: float) -> Optional[list[tuple[float, str]]]:
    """(x, text) of the parts of a line between tab-stop gaps, or None for one part."""
    gaps = [b["x0"] - a["x1"] for a, b in zip(chars, chars[1:])]
    cuts = [i + 1 for i, gap in enumerate(gaps) if gap > TAB_GAP * size]
    if not cuts:
        return None
    bounds = [0, *cuts, len(chars)]
    parts = [(chars[a]["x0"], _text(chars[a:b], gaps[a : b - 1])) for a, b in zip(bounds, bounds[1:])]
    return [(x, text) for x, text in parts if text]


def _text(chars: list[dict], gaps: list[float]) -> str:
    """Characters with a space where a gap is wider than X_TOLERANCE_RATIO font sizes."""
    out = [chars[0]["text"]]
    out += [(" " if gap > X_TOLERANCE_RATIO * c["size"] else "") + c["text"] for c, gap in zip(chars[1:], gaps)]
    return " ".join("".join(out).split())
