"""OCR for PDF pages without a text layer: Tesseract with its Danish model.

The page is rendered at OCR_DPI, Tesseract returns words with boxes and
confidences, and the words become positioned Lines (in PDF points), one per
Tesseract line in left-to-right order, that the same layout code as text PDFs
groups into blocks (a numbered line or a short line still ends a paragraph
of Tesseract's). A very wide gap cuts a line (a margin label beside the text). Bullet glyphs come back from
Tesseract as small marks ("+", "«+.", "€…", "e"): a line led by such a mark
is a bullet line.

The scanned pages of one PDF are read in parallel (ocr_pages): the pages are
rendered one by one in the calling thread (pdfium is not thread-safe) and
Tesseract runs on up to OCR_THREADS of them at once in threads (each a
Tesseract process, limited to one OpenMP thread), so a 40-page scan does not
take 40 Tesseract runs in a row; at most OCR_THREADS rendered pages are held.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from typing import Any, Optional

from pipeline.errors import MissingTool
from pipeline.ingest.base import Limits
from pipeline.ingest.layout import Line

OCR_DPI = 300
TESSERACT_CONFIG = "--psm 4"  # a single column of text of variable sizes: best on the scanned seed
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-dan"
_NO_ALNUM = re.compile(r"^[^\w]+$")
# Systematic misreadings: a spaced dash is an en dash in Danish typography
# ("HB drøftede emnet – herunder"), Tesseract reads it as a hyphen.
# A list number's dot is read as several dots or a comma ("4... Bemyndigelse",
# "2, Valg af formand"): at the start of a line before a capital it is "4." / "2.".
OCR_FIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=\S) [-‐‒] (?=\S)"), " – "),
    (re.compile(r"^(\d{1,2})(?:\.{2,}|,)(?= [A-ZÆØÅ])"), r"\1."),
)
WORD_GAP = 2.5  # a gap between words wider than this many line heights parts a margin label from the text
BULLET_GAP = 1.5  # a bullet mark inside a line opens a second item only after a gap this many line heights wide
BULLET_LETTERS = {"e", "o", "°", "«", "»", "+", "*"}
THREADS_ENV = "REFERAT_OCR_THREADS"  # pages of one PDF OCR'd at once (Limits.extra["ocr_threads"] first)
MAX_THREADS = 4


def available(lang: str) -> None:
    if shutil.which("tesseract") is None:
        raise MissingTool("Tesseract OCR (needed for scanned pages)", INSTALL)
    if lang not in _languages():
        raise MissingTool(f"Tesseract's '{lang}' language model", INSTALL)


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    """Tesseract's language models, asked once per process (one `tesseract --list-langs` run)."""
    import pytesseract

    return frozenset(pytesseract.get_languages(config=""))


@dataclass
class Rendered:
    """A page already rendered for OCR (ocr_pages renders in its own thread)."""

    image: Any
    width: float
    height: float


def ocr_threads(limits: Limits) -> int:
    """How many pages of one PDF go to Tesseract at once: Limits.extra["ocr_threads"],
    else $REFERAT_OCR_THREADS, else the cores (at most MAX_THREADS)."""
    value = limits.extra.get("ocr_threads") or os.environ.get(THREADS_ENV)
    try:
        return max(1, int(value)) if value else max(1, min(MAX_THREADS, os.cpu_count() or 1))
    except ValueError:
        return 1


def ocr_pages(
    numbers: list[int], open_page: Callable[[int], Any], limits: Limits
) -> Iterator[tuple[int, list[Line], Optional[float]]]:
    """(number, lines, mean confidence) of each page in `numbers`, in that order.
    `open_page(number)` gives the page; it is rendered here and closed (when it
    has close()) once rendered. With one thread (or one page) each page is
    ocr_page()d in turn; with more, Tesseract runs on several pages at once."""
    threads = min(ocr_threads(limits), len(numbers))
    if threads <= 1:
        for number in numbers:
            page = open_page(number)
            try:
                yield (number, *ocr_page(page, number, limits))
            finally:
                _close(page)
        return
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # pages in parallel, not threads inside each Tesseract
    pending: deque[tuple[int, Future]] = deque()
    with ThreadPoolExecutor(threads, thread_name_prefix="referat-ocr") as pool:
        try:
            for number in numbers:
                if len(pending) >= threads:
                    done_number, future = pending.popleft()
                    yield (done_number, *future.result())
                page = open_page(number)
                try:
                    rendered = Rendered(*render(page))
                finally:
                    _close(page)
                pending.append((number, pool.submit(ocr_page, rendered, number, limits)))
            while pending:
                done_number, future = pending.popleft()
                yield (done_number, *future.result())
        finally:
            for _, future in pending:
                future.cancel()


def _close(page: Any) -> None:
    close = getattr(page, "close", None)
    if close is not None:
        close()


def ocr_page(page, number: int, limits: Limits) -> tuple[list[Line], Optional[float]]:
    """Lines of a page by OCR, and the mean word confidence (0-100). The page is a
    pypdfium2 page, a pdfplumber page (either way pdfium renders it) or a Rendered page."""
    import pytesseract

    available(limits.ocr_lang)
    image, width, height = render(page)
    try:
        data = pytesseract.image_to_data(
            image, lang=limits.ocr_lang, config=TESSERACT_CONFIG, output_type=pytesseract.Output.DICT
        )
    finally:
        image.close()
    lines = words_to_lines(data, number, height, width)
    confs = [c for ln in lines if (c := ln.confidence) is not None]
    return lines, (sum(confs) / len(confs) if confs else None)


def render(page):
    """(RGB image at OCR_DPI, page width, page height in points) of a pypdfium2 page
    (rendered as pdfplumber renders, without smoothing), of a pdfplumber page, or of
    a page rendered already."""
    if isinstance(page, Rendered):
        return page.image, page.width, page.height
    if not hasattr(page, "render"):  # a pdfplumber page: it renders with pdfium too, reopening the file
        return page.to_image(resolution=OCR_DPI).original, float(page.width), float(page.height)
    bitmap = page.render(
        scale=OCR_DPI / 72, no_smoothtext=True, no_smoothpath=True, no_smoothimage=True, prefer_bgrx=True
    )
    try:
        image = bitmap.to_pil().convert("RGB")
    finally:
        bitmap.close()
    return image, float(page.get_width()), float(page.get_height())


def words_to_lines(data: dict, page: int, page_height: float, page_width: Optional[float] = None) -> list[Line]:
    """One Line per Tesseract line (its block, paragraph and line numbers), words
    in left-to-right order; a line is cut at a very wide gap (a margin label
    beside the text) and before a bullet mark that follows a wide gap."""
    scale = 72.0 / OCR_DPI
    groups: dict[tuple, list[int]] = {}
    for i, word in enumerate(data["text"]):
        if word and word.strip():
            groups.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    lines = []
    for group in groups.values():
        group.sort(key=lambda i: data["left"][i])
        for idx in _split_at_bullets(group, data):
            lines.append(_line(idx, data, page, page_height, scale, page_width))
    return lines


def _split_at_bullets(idx: list[int], data: dict) -> list[list[int]]:
    """Tesseract sometimes reads two bullet items or a margin label and the text
    beside it as one line: split at a very wide gap, and before a bullet mark
    after a wide gap (a dash between words, "skaj 2 – Etape I", stays)."""
    h = median(data["height"][i] for i in idx)
    parts, cur = [], [idx[0]]
    for k, i in enumerate(idx[1:], start=1):
        nxt = idx[k + 1] if k + 1 < len(idx) else None
        prev = idx[k - 1]
        gap = data["left"][i] - (data["left"][prev] + data["width"][prev])
        word = data["text"][i].strip()
        bullet = (
            nxt is not None
            and _is_bullet(word, data["height"][i], h)
            and data["text"][nxt][:1].isupper()
            and gap > BULLET_GAP * h
        )
        if bullet or gap > WORD_GAP * h:
            parts.append(cur)
            cur = []
        cur.append(i)
    return parts + [cur]


def _line(
    idx: list[int], data: dict, page: int, page_height: float, scale: float, page_width: Optional[float] = None
) -> Line:
    words = [data["text"][i].strip() for i in idx]
    heights = [data["height"][i] for i in idx if re.search(r"[^\W\d_]", data["text"][i])] or [
        data["height"][i] for i in idx
    ]
    h = median(heights)
    if _is_bullet(words[0], data["height"][idx[0]], h) and len(words) > 1:
        words[0] = "•"
    confs = [float(data["conf"][i]) for i in idx if float(data["conf"][i]) >= 0]
    top = min(data["top"][i] for i in idx)
    return Line(
        text=fix_ocr_text(" ".join(words)),
        page=page,
        x0=min(data["left"][i] for i in idx) * scale,
        top=top * scale,
        bottom=(top + h) * scale,
        size=h * scale * 1.15,
        page_height=page_height,
        page_width=page_width,
        confidence=sum(confs) / len(confs) if confs else None,
        group=(page, data["block_num"][idx[0]], data["par_num"][idx[0]]),
        x1=max(data["left"][i] + data["width"][i] for i in idx) * scale,
    )


def fix_ocr_text(text: str) -> str:
    """Undo Tesseract's systematic misreadings (OCR_FIXES)."""
    for pattern, replacement in OCR_FIXES:
        text = pattern.sub(replacement, text)
    return text


def _is_bullet(first: str, height: int, line_height: float) -> bool:
    if _NO_ALNUM.match(first) and len(first) <= 4:
        return True
    return first.lower() in BULLET_LETTERS and height < 0.6 * line_height
