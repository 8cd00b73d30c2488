"""Positioned lines -> blocks: the layout logic shared by the PDF reader and OCR.

Lines carry their page, position and font; a line led by a bullet glyph opens
a list item (its level from the bullet's indentation), a larger or bold line
is a heading (the largest at the top of page 1 is the title), a line close
under the previous one continues its paragraph (hyphenated words are joined),
a wider gap starts a new one. Repeated page headers/footers and page numbers
are dropped before grouping.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from pipeline.types import BlockKind, RawBlock

BULLET_GLYPHS = "•\uf0b7\uf0a7\uf076\uf0d8▪■●◦‣∙·–—-*o"
_BULLET = re.compile(rf"^\s*(?P<glyph>[{re.escape(BULLET_GLYPHS)}])\s+(?P<text>\S.*)$")
PAGE_NUMBER_PATTERNS = (
    re.compile(r"^\s*\d{1,4}\s*$"),
    re.compile(r"^\s*[-–]\s*\d{1,4}\s*[-–]\s*$"),
    re.compile(r"^\s*(?:side|page|s\.)\s*\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?\s*$", re.I),
    re.compile(r"^\s*\d{1,4}\s*/\s*\d{1,4}\s*$"),
)
MARGIN = 0.08  # top and bottom share of the page where headers and footers live
SENTENCE_END = (".", "!", "?", ":")


@dataclass
class Line:
    text: str
    page: int
    x0: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    page_height: float = 792.0
    confidence: Optional[float] = None  # OCR word confidence, 0..100
    group: Optional[tuple] = None  # OCR: the engine's (block, paragraph); lines of one group continue
    x1: Optional[float] = None  # right edge

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class TableRow:
    cells: list[str]
    page: int
    top: float


@dataclass
class _Open:
    kind: BlockKind
    parts: list[str]
    level: int
    page: int
    last: Line
    confidences: list[float] = field(default_factory=list)


def is_page_number(text: str) -> bool:
    return any(p.match(text) for p in PAGE_NUMBER_PATTERNS)


def drop_headers_footers(lines: list[Line], pages: int) -> list[Line]:
    """Lines in the page margins that repeat on most pages, and page numbers."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))

    def in_margin(line: Line) -> bool:
        return line.top < MARGIN * line.page_height or line.bottom > (1 - MARGIN) * line.page_height

    counts = Counter(key(line) for line in lines if in_margin(line))
    repeated = {k for k, n in counts.items() if pages >= 2 and n >= max(2, pages // 2)}
    return [line for line in lines
            if not (in_margin(line) and (key(line) in repeated or is_page_number(line.text)))]


def join_lines(left: str, right: str) -> str:
    """Join a wrapped line; a word hyphenated across lines becomes one word,
    a compound hyphen stays ("HB-" + "møde" -> "HB-møde")."""
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha() and right[:1].isalpha():
        word = left.rsplit(" ", 1)[-1]
        keep = any(c.isupper() or c.isdigit() for c in word[:-1]) or right[:1].isupper()
        return left + right if keep else left[:-1] + right
    return f"{left} {right}"


def lines_to_blocks(lines: list[Line], rows: list[TableRow]) -> list[RawBlock]:
    if not lines and not rows:
        return []
    body = _body_size(lines)
    right = _right_margin(lines)
    title_size = max((ln.size for ln in lines if ln.page == 1), default=body)
    bullet_levels = _bullet_levels(lines)
    items: list[tuple[int, float, object]] = [(ln.page, ln.top, ln) for ln in lines]
    items += [(r.page, r.top, r) for r in rows]
    items.sort(key=lambda t: (t[0], t[1]))
    blocks: list[RawBlock] = []
    cur: _Open | None = None
    for _, _, item in items:
        if isinstance(item, TableRow):
            cur = _close(cur, blocks)
            blocks.append(RawBlock(kind=BlockKind.table_row, text="\t".join(item.cells), cells=item.cells,
                                   page=item.page))
            continue
        cur = _feed(item, cur, blocks, body, title_size, bullet_levels, right)
    _close(cur, blocks)
    return blocks


def _feed(ln: Line, cur: _Open | None, blocks: list[RawBlock], body: float, title_size: float,
          bullet_levels: dict[int, int], right: float) -> _Open:
    text = unicodedata.normalize("NFC", ln.text.strip())
    m = _BULLET.match(text)
    kind = _line_kind(ln, body, title_size, blocks, cur)
    if m and kind == BlockKind.paragraph:
        _close(cur, blocks)
        level = bullet_levels.get(round(ln.x0 / 6), 1)
        return _Open(BlockKind.list_item, [m.group("text")], level, ln.page, ln, _conf(ln))
    if cur is not None and not _ends_short(cur.last, right) and _continues(cur, ln, kind):
        cur.parts[-1] = join_lines(cur.parts[-1], text)
        cur.last = ln
        cur.confidences += _conf(ln)
        return cur
    _close(cur, blocks)
    level = 1 if kind == BlockKind.heading else 0
    return _Open(kind, [text], level, ln.page, ln, _conf(ln))


def _conf(ln: Line) -> list[float]:
    return [ln.confidence] if ln.confidence is not None else []


def _line_kind(ln: Line, body: float, title_size: float, blocks: list[RawBlock], cur: _Open | None) -> BlockKind:
    if ln.group is not None:  # OCR box heights are too noisy for anything but the title
        big = ln.size >= 1.8 * body and ln.page == 1 and not any(b.kind == BlockKind.title for b in blocks)
        return BlockKind.title if big else BlockKind.paragraph
    if ln.size >= body + 6 and ln.size >= title_size - 0.5 and ln.page == 1 and \
            not any(b.kind == BlockKind.title for b in blocks) and (cur is None or cur.kind == BlockKind.title):
        return BlockKind.title
    if ln.size >= body + 1.5 or (ln.bold and len(ln.text) < 120 and ln.size >= body - 0.5):
        return BlockKind.heading
    return BlockKind.paragraph


def _continues(cur: _Open, ln: Line, kind: BlockKind) -> bool:
    prev = cur.last
    same_kind = (kind == cur.kind) or (cur.kind == BlockKind.list_item and kind == BlockKind.paragraph)
    if same_kind and ln.group is not None and prev.group is not None:
        return ln.group == prev.group and ln.page == prev.page
    if not same_kind or abs(ln.size - prev.size) > max(1.0, 0.25 * prev.size):
        return False
    if ln.page != prev.page:  # a paragraph running over a page break
        return not cur.parts[-1].rstrip().endswith(SENTENCE_END) and ln.text[:1].islower()
    gap = ln.top - prev.bottom
    if gap > 0.55 * prev.height:
        return False
    if cur.kind == BlockKind.list_item and ln.x0 < prev.x0 - 20:  # back at a lower indentation
        return False
    return True


def _right_margin(lines: list[Line]) -> float:
    edges = sorted(ln.x1 for ln in lines if ln.x1 is not None)
    return edges[int(0.9 * (len(edges) - 1))] if edges else 0.0


def _ends_short(ln: Line, right: float) -> bool:
    """A line that stops well before the right margin ends its paragraph."""
    if ln.x1 is None or right <= ln.x0:
        return False
    return (ln.x1 - ln.x0) < 0.6 * (right - ln.x0)


def _close(cur: _Open | None, blocks: list[RawBlock]) -> None:
    if cur is None:
        return None
    text = " ".join(" ".join(cur.parts).split())
    if text:
        conf = sum(cur.confidences) / len(cur.confidences) if cur.confidences else None
        blocks.append(RawBlock(kind=cur.kind, text=text, level=cur.level, page=cur.page, ocr_confidence=conf))
    return None


def _body_size(lines: list[Line]) -> float:
    sizes = Counter(round(ln.size) for ln in lines for _ in range(max(len(ln.text), 1)))
    return float(sizes.most_common(1)[0][0]) if sizes else 11.0


def _bullet_levels(lines: list[Line]) -> dict[int, int]:
    """Bullet indentation (in 6pt steps) -> list level 1, 2, ..."""
    xs = sorted({round(ln.x0 / 6) for ln in lines if _BULLET.match(ln.text.strip())})
    return {x: i + 1 for i, x in enumerate(xs)}
