"""Running headers and footers and page numbers of a PDF or OCR document: lines in the
top and bottom margins repeated on most pages, long lines at one height on most pages,
page numbers in a margin or as a page's first or last line (drop_headers_footers); the one
copy kept of a running line that names the meeting and its day (running_copies)."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.ingest.layout.model import Line
from pipeline.ingest.lines import _dated, _names_a_meeting, is_page_number

DIGIT_RUN = re.compile(r"\d+")  # header/footer keys ignore the page number in them
MARGIN = 0.08  # top and bottom share of the page where headers and footers live
REPEAT_TOP = 3.0  # points: a line repeated at this same height on most pages is a running header/footer
REPEAT_MIN_CHARS = 12  # ... when it is at least this long (short outcomes like "Godkendt." repeat by chance)
SIDE_MARGIN = 0.15  # left and right share of the page where a margin label ("Side 2") stands


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
