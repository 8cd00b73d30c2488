"""Positioned lines -> blocks: one job, grouping the PDF and OCR lines that
pipeline.ingest.layout kept into titles, headings, paragraphs, list items and
table rows, in reading order.

A line led by a bullet glyph opens a list item (its level from the bullet's
indentation), a larger or bold line is a heading (its level from the ranking of
heading sizes; the largest line at the top of page 1 is the title), a line close
under the previous one continues its paragraph (words hyphenated across lines
are joined), a wider gap, a short previous line or a change of font starts a new
block, and so does a line that opens an entry of its own: a bold run-in label, a
numbered line under a numbered line or after a sentence end, a "Label: ..." line
under another, the text under a numbered line at another indent. A paragraph
goes on across a column break as across a page break. The running headers and
footers kept once (layout.running_copies) stand after the document's first line
and headings, where the meeting's date is looked for. Ligatures are spelled
out, zero-width spaces dropped.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Optional, Union

from pipeline.ingest.layout import ALIGN, Line, TableRow
from pipeline.ingest.lines import (
    AMBIGUOUS_BULLETS,
    LABEL,
    ZERO_WIDTH,
    join_lines,
    normalise_ligatures,
    numbered_head,
    split_bullet,
)
from pipeline.types import BlockKind, RawBlock

SENTENCE_END = (".", "!", "?", ":")
TITLE_STEP = 6.0  # points above body size for a title
HEADING_STEP = 1.5  # points above body size for a heading
BULLET_STEP = 6.0  # bullets further apart than this (points) are at different levels
PARAGRAPH_GAP = 0.55  # a vertical gap above this share of the line height ends a paragraph
SHORT_LINE = 0.6  # a line this much shorter than the text width ends its paragraph
OUTDENT = 20.0  # points left of the previous line: a list item ends


@dataclass
class _Open:
    """The block being built."""

    kind: BlockKind
    parts: list[str]
    level: int
    page: int
    last: Line
    confidences: list[float] = field(default_factory=list)
    x0: float = 0.0  # where a list item's bullet stands
    first: Optional[Line] = None  # the block's first line


@dataclass(frozen=True)
class _Style:
    """What the whole document's lines say about sizes and positions."""

    body: float
    title_size: float
    right: float
    heading_levels: dict[int, int] = field(default_factory=dict)


def lines_to_blocks(lines: list[Line], rows: list[TableRow], running: Optional[list[Line]] = None) -> list[RawBlock]:
    """Blocks in reading order (page, then top) from positioned lines and table
    rows; the `running` headers and footers kept once (running_copies) stand as
    paragraphs after the document's leading title and headings, where the
    meeting's metadata is looked for."""
    style = _document_style(lines)
    items: list[tuple[int, int, float, Union[Line, TableRow]]] = [(ln.page, ln.flow, ln.top, ln) for ln in lines]
    items += [(r.page, r.flow, r.top, r) for r in rows]
    items.sort(key=lambda t: (t[0], t[1], t[2]))
    blocks: list[RawBlock] = []
    bullets: dict[int, float] = {}  # block index -> x of its bullet
    cur: Optional[_Open] = None
    for *_, item in items:
        if isinstance(item, TableRow):
            _close(cur, blocks, bullets)
            cur = None
            blocks.append(
                RawBlock(kind=BlockKind.table_row, text="\t".join(item.cells), cells=item.cells, page=item.page)
            )
        else:
            cur = _feed(item, cur, blocks, bullets, style)
    _close(cur, blocks, bullets)
    return _with_running(_with_list_levels(blocks, bullets), running or [])


def _with_running(blocks: list[RawBlock], running: list[Line]) -> list[RawBlock]:
    """The running header and footer copies as paragraphs after the document's
    first line and the unnumbered title and headings under it on the first page."""
    if not running:
        return blocks
    at = 1 if blocks and not numbered_head(blocks[0].text) else 0  # after the first line: the title, whatever its font
    while (
        at < len(blocks)
        and blocks[at].page == 1
        and blocks[at].kind in (BlockKind.title, BlockKind.heading)
        and not numbered_head(blocks[at].text)
    ):
        at += 1
    copies = [
        RawBlock(kind=BlockKind.paragraph, text=" ".join(normalise_ligatures(ln.text).split()), page=ln.page)
        for ln in running
    ]
    return blocks[:at] + copies + blocks[at:]


def _feed(
    ln: Line, cur: Optional[_Open], blocks: list[RawBlock], bullets: dict[int, float], style: _Style
) -> Optional[_Open]:
    text = unicodedata.normalize("NFC", normalise_ligatures(ZERO_WIDTH.sub("", ln.text).strip()))
    if not text:
        return cur
    kind = _line_kind(ln, style, blocks, cur)
    bullet = split_bullet(text) if kind == BlockKind.paragraph else None
    goes_on = (
        cur is not None
        and not _ends_short(cur.last, style.right)
        and _continues(cur, ln, kind)
        and not _opens_entry(cur, ln, text)
    )
    if bullet and not (goes_on and _continuation_not_bullet(cur, ln, bullet[0])):
        _close(cur, blocks, bullets)
        return _Open(BlockKind.list_item, [bullet[1]], 1, ln.page, ln, _conf(ln), x0=ln.x0, first=ln)
    if goes_on and cur is not None:
        cur.parts[-1] = join_lines(cur.parts[-1], text)
        cur.last = ln
        cur.confidences += _conf(ln)
        return cur
    _close(cur, blocks, bullets)
    level = style.heading_levels.get(round(ln.size), 1) if kind == BlockKind.heading else 0
    return _Open(kind, [text], level, ln.page, ln, _conf(ln), x0=ln.x0, first=ln)


def _opens_entry(cur: Optional[_Open], ln: Line, text: str) -> bool:
    """Does this line open a new entry even though it would wrap on from the open
    block? A bold run-in label ("Valg af dirigent: ..."); a numbered line ("3.
    Regnskab") after a numbered line at the same indent or after a sentence end;
    a "Label: ..." line under another ("Til stede: ..." /
    "Afbud: ..."); the line under a numbered line when it starts neither at the
    number nor at the text after it, or left of the number (the text under an item)."""
    if cur is None or cur.first is None:
        return False
    first_text = cur.parts[0]
    if ln.lead_bold:
        return True
    if numbered_head(text):
        if numbered_head(first_text) and abs(ln.x0 - cur.first.x0) <= ALIGN:
            return True
        if cur.parts[-1].rstrip().endswith(SENTENCE_END):
            return True
    if LABEL.match(text) and LABEL.match(first_text) and abs(ln.x0 - cur.first.x0) <= ALIGN:
        return True
    if not numbered_head(first_text):
        return False
    if ln.x0 < cur.first.x0 - OUTDENT:
        return True
    body_x = cur.first.body_x  # the text under a numbered line at neither its number's nor its text's indent
    return (
        cur.last is cur.first
        and body_x is not None
        and abs(ln.x0 - cur.first.x0) > ALIGN
        and abs(ln.x0 - body_x) > ALIGN
    )


def _continuation_not_bullet(cur: Optional[_Open], ln: Line, glyph: str) -> bool:
    """A dash at the start of a wrapped line ("emnet" / "– herunder") continues the text:
    an ambiguous glyph opens an item only at or left of the open item's bullet, or
    left of the text it would continue, or after a sentence end."""
    if cur is None or glyph not in AMBIGUOUS_BULLETS:
        return False
    if cur.kind == BlockKind.list_item and ln.x0 <= cur.x0 + 1:
        return False
    return ln.x0 >= cur.last.x0 - 1 and not cur.parts[-1].rstrip().endswith(SENTENCE_END)


def _line_kind(ln: Line, style: _Style, blocks: list[RawBlock], cur: Optional[_Open]) -> BlockKind:
    if ln.group is not None:  # OCR box heights are too noisy for anything but the title
        big = ln.page == 1 and ln.size >= 1.8 * style.body and not _has_title(blocks)
        return BlockKind.title if big else BlockKind.paragraph
    if _title_sized(ln, style) and (cur is None or cur.kind == BlockKind.title) and not _has_title(blocks):
        return BlockKind.title
    if ln.size >= style.body + HEADING_STEP or (ln.bold and len(ln.text) < 120 and ln.size >= style.body - 0.5):
        return BlockKind.heading
    return BlockKind.paragraph


def _has_title(blocks: list[RawBlock]) -> bool:
    return any(b.kind == BlockKind.title for b in blocks)


def _title_sized(ln: Line, style: _Style) -> bool:
    return ln.page == 1 and ln.size >= style.body + TITLE_STEP and ln.size >= style.title_size - 0.5


def _continues(cur: _Open, ln: Line, kind: BlockKind) -> bool:
    prev = cur.last
    same_kind = kind == cur.kind or (cur.kind == BlockKind.list_item and kind == BlockKind.paragraph)
    if same_kind and ln.group is not None and prev.group is not None:
        return ln.group == prev.group and ln.page == prev.page
    if not same_kind or abs(ln.size - prev.size) > max(1.0, 0.25 * prev.size):
        return False
    if ln.page != prev.page or ln.flow != prev.flow:  # a paragraph running over a page or column break
        return not cur.parts[-1].rstrip().endswith(SENTENCE_END) and ln.text[:1].islower()
    if ln.top - prev.bottom > PARAGRAPH_GAP * prev.height:
        return False
    return not (cur.kind == BlockKind.list_item and ln.x0 < prev.x0 - OUTDENT)


def _ends_short(ln: Line, right: float) -> bool:
    """A line that stops well before the right margin ends its paragraph."""
    if ln.x1 is None or right <= ln.x0:
        return False
    return (ln.x1 - ln.x0) < SHORT_LINE * (right - ln.x0)


def _close(cur: Optional[_Open], blocks: list[RawBlock], bullets: dict[int, float]) -> None:
    if cur is None:
        return None
    text = " ".join(" ".join(cur.parts).split())
    if text:
        conf = sum(cur.confidences) / len(cur.confidences) if cur.confidences else None
        if cur.kind == BlockKind.list_item:
            bullets[len(blocks)] = cur.x0
        blocks.append(RawBlock(kind=cur.kind, text=text, level=cur.level, page=cur.page, ocr_confidence=conf))
    return None


def _conf(ln: Line) -> list[float]:
    return [ln.confidence] if ln.confidence is not None else []


def _document_style(lines: list[Line]) -> _Style:
    body = _body_size(lines)
    title_size = max((ln.size for ln in lines if ln.page == 1), default=body)
    style = _Style(body=body, title_size=title_size, right=_right_margin(lines))
    return replace(style, heading_levels=_heading_levels(lines, style))


def _body_size(lines: list[Line]) -> float:
    """The font size most characters have."""
    sizes: Counter[int] = Counter()
    for ln in lines:
        sizes[round(ln.size)] += max(len(ln.text), 1)
    return float(sizes.most_common(1)[0][0]) if sizes else 11.0


def _heading_levels(lines: list[Line], style: _Style) -> dict[int, int]:
    """Rounded heading size -> level: the largest heading size is level 1; bold
    lines of body size rank below every larger size."""
    big = {
        round(ln.size)
        for ln in lines
        if ln.size >= style.body + HEADING_STEP and not (ln.page == 1 and _title_sized(ln, style))
    }
    ranked = sorted(big, reverse=True)
    levels = {size: i + 1 for i, size in enumerate(ranked)}
    for size in {round(ln.size) for ln in lines if ln.bold and round(ln.size) not in levels}:
        levels[size] = len(ranked) + 1
    return levels


def _right_margin(lines: list[Line]) -> float:
    """Where full lines end: the 90th percentile of right edges, or (when the page
    width is known) as far from the right edge as the text is from the left."""
    edges = sorted(ln.x1 for ln in lines if ln.x1 is not None)
    if not edges:
        return 0.0
    right = edges[int(0.9 * (len(edges) - 1))]
    widths = [ln.page_width for ln in lines if ln.page_width]
    if widths:
        lefts = sorted(ln.x0 for ln in lines)
        right = max(right, max(widths) - lefts[int(0.1 * (len(lefts) - 1))])
    return right


def _with_list_levels(blocks: list[RawBlock], bullets: dict[int, float]) -> list[RawBlock]:
    """List levels from bullet indentation: positions within BULLET_STEP of each
    other are one level, the leftmost is level 1."""
    levels: dict[float, int] = {}
    level, prev = 0, float("-inf")
    for x in sorted(set(bullets.values())):
        if x - prev > BULLET_STEP:
            level += 1
        levels[x], prev = level, x
    return [b.model_copy(update={"level": levels[bullets[i]]}) if i in bullets else b for i, b in enumerate(blocks)]
