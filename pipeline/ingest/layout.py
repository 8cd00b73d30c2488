"""Positioned lines -> blocks: the layout logic shared by the PDF reader and OCR.

Lines carry their page, position and font. A line led by a bullet glyph opens
a list item (its level from the bullet's indentation), a larger or bold line
is a heading (its level from the ranking of heading sizes; the largest line at
the top of page 1 is the title), a line close under the previous one
continues its paragraph (words hyphenated across lines are joined), a wider
gap, a short previous line or a change of font starts a new block, and so
does a line that opens an entry of its own: a bold run-in label, a numbered
line under a numbered line or after a sentence end, a "Label: ..." line under
another, the text under a numbered line at another indent. Repeated page
headers/footers (in the margins, or long lines at one height on most pages)
and page numbers (in a margin, or a page's first or last line) are dropped
before grouping; a running line that names the meeting and its day is kept once,
after the document's first line and headings, where the meeting's date is looked
for. Lines carry a flow: the columns of a page in two columns are read one after
the other, and a paragraph goes on across a column break as across a page break.
Ligatures are spelled out, zero-width spaces dropped.

The bullet glyph table and the hyphenation rules are shared with the text
reader, so every format agrees on what a list item is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Optional, Union

from pipeline.types import BlockKind, RawBlock

# Glyphs that lead a list item. The unambiguous ones may touch the text; the
# ambiguous ones (also a dash or a letter in running text) need a space after
# them, and in a PDF they open an item only where a paragraph cannot go on.
UNAMBIGUOUS_BULLETS = frozenset("•\uf0b7\uf0a7\uf076\uf0d8\uf0fc▪■●◦‣∙·⁃➢►✓")
AMBIGUOUS_BULLETS = frozenset("-–—*o")
BULLET_GLYPHS = UNAMBIGUOUS_BULLETS | AMBIGUOUS_BULLETS

# Page numbers in a header or footer: "2", "- 2 -", "Side 2 af 5", "Page 2 of 5", "2/5".
PAGE_NUMBER_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\d{1,4}$"),
    re.compile(r"^[-–]\s*\d{1,4}\s*[-–]$"),
    re.compile(r"^(?:side|page|s\.)\s*\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?$", re.I),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),
)
DIGIT_RUN = re.compile(r"\d+")  # header/footer keys ignore the page number in them

# Hyphenation across lines: "for-" + "ening" -> "forening", but a compound
# hyphen stays ("HB-" + "møde", "e-" + "mail", "2021-" + "2022") and a
# suspended hyphen keeps its space ("social-" + "og indenrigs...").
COMPOUND_PREFIXES = frozenset({"a", "e", "x", "it", "ikt", "hr", "pc", "tv", "sms", "pdf", "cpr", "cvr", "co2", "vvs"})
SUSPENDED_HYPHEN_WORDS = frozenset({"og", "eller", "samt", "el.", "&", "and", "or"})
SOFT_HYPHEN = "\u00ad"

MARGIN = 0.08  # top and bottom share of the page where headers and footers live
SENTENCE_END = (".", "!", "?", ":")
TITLE_STEP = 6.0  # points above body size for a title
HEADING_STEP = 1.5  # points above body size for a heading
BULLET_STEP = 6.0  # bullets further apart than this (points) are at different levels
PARAGRAPH_GAP = 0.55  # a vertical gap above this share of the line height ends a paragraph
SHORT_LINE = 0.6  # a line this much shorter than the text width ends its paragraph
OUTDENT = 20.0  # points left of the previous line: a list item ends
ALIGN = 3.0  # points: cells of consecutive rows starting this close form a column
MIN_TABLE_ROWS = 2
REPEAT_TOP = 3.0  # points: a line repeated at this same height on most pages is a running header/footer
REPEAT_MIN_CHARS = 12  # ... when it is at least this long (short outcomes like "Godkendt." repeat by chance)
SIDE_MARGIN = 0.15  # left and right share of the page where a margin label ("Side 2") stands
# Typographic ligatures some PDF text layers keep ("ﬁnde", "ﬂere"): NFKC spells them out.
ZERO_WIDTH = re.compile("[\u200b\ufeff]")  # zero-width spaces some exporters put after labels
LIGATURES = frozenset("\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06")
# A short label opening a line ("Afbud: ...", "Til stede: ..."): two such lines are two entries.
LABEL = re.compile(r"^[^\W\d_][^\W_]*(?:[ -][^\W\d_][^\W_]*){0,2}\s?:(?:\s|$)")
# A list number before a tab ("1.<tab>Text", "a)<tab>Text") is not a table cell.
ENUMERATOR = re.compile(r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]|\(\d{1,3}\)|\(?[a-zA-Z][.)])$")


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
    page_width: Optional[float] = None
    confidence: Optional[float] = None  # OCR word confidence, 0..100
    group: Optional[tuple] = None  # OCR: the engine's (block, paragraph); lines of one group continue
    x1: Optional[float] = None  # right edge
    cells: Optional[list[tuple[float, str]]] = None  # (x, text) of parts split at tab-stop gaps
    lead_bold: bool = False  # opens with a bold run-in label ("Valg af dirigent: ...") in a body-font line
    body_x: Optional[float] = None  # a numbered line: where the text after its number starts
    flow: int = 0  # reading order within the page before top: the column or band the line stands in

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class TableRow:
    cells: list[str]
    page: int
    top: float
    flow: int = 0


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


# ---------------------------------------------------------------- shared rules


def split_bullet(text: str) -> Optional[tuple[str, str]]:
    """(glyph, rest) when `text` starts with a bullet glyph, else None."""
    s = text.lstrip()
    if len(s) < 2 or s[0] not in BULLET_GLYPHS:
        return None
    rest = s[1:]
    if s[0] in AMBIGUOUS_BULLETS and not rest[:1].isspace():
        return None
    rest = rest.strip()
    if all(c in BULLET_GLYPHS or c.isspace() for c in rest):  # a rule like "• • •", not an item
        return None
    return s[0], rest


def is_page_number(text: str) -> bool:
    s = text.strip()
    return any(p.match(s) for p in PAGE_NUMBER_PATTERNS)


def join_lines(left: str, right: str) -> str:
    """Join a line wrapped inside a paragraph, rejoining words hyphenated across the break."""
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    if not left.endswith("-") or len(left) < 2 or not right:
        return f"{left} {right}"
    first_right = right.split(" ", 1)[0]
    if first_right.lower() in SUSPENDED_HYPHEN_WORDS or not (left[-2].isalnum() and right[0].isalnum()):
        return f"{left} {right}"
    return left + right if _compound_hyphen(left.rsplit(" ", 1)[-1][:-1], right) else left[:-1] + right


def _compound_hyphen(word: str, right: str) -> bool:
    """Is the hyphen after `word` part of the spelling, not a line-break hyphen?"""
    word = word.lstrip("(\"'«»“”")
    return (
        any(c.isupper() or c.isdigit() for c in word)
        or right[0].isupper()
        or right[0].isdigit()
        or word.lower() in COMPOUND_PREFIXES
        or "-" in word
    )


def is_enumerator(text: str) -> bool:
    return bool(ENUMERATOR.match(text.strip()))


def tab_cells(text: str) -> Optional[list[str]]:
    """The cells of a tab-separated table line, or None: fewer than two cells, or
    a list marker before the tab ("1.<tab>Meddelelser", "•<tab>Budget")."""
    cells = [" ".join(c.split()) for c in text.split("\t")]
    cells = [c for c in cells if c]
    return cells if len(cells) >= 2 and not is_list_marker(cells[0]) else None


PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")  # Markdown |---|---|


def pipe_cells(text: str) -> Optional[list[str]]:
    """The cells of a table row drawn with bars, or None. A row ends with a bar
    (antiword "|a  |b  |", striprtf "a|b|", Markdown "| a | b |") or is typed with
    two or more " | " ("Hvad | Hvem | Hvornår"); "Punkt 1 | bemærkning" is prose."""
    stripped = text.strip()
    if "|" not in stripped or PIPE_RULE.match(stripped):
        return None
    if not stripped.endswith("|") and stripped.count(" | ") < 2:
        return None
    cells = [" ".join(c.split()) for c in stripped.strip("|").split("|")]
    cells = [c for c in cells if c]
    return cells or None


def is_list_marker(text: str) -> bool:
    return text in BULLET_GLYPHS or split_bullet(text) is not None or is_enumerator(text)


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


def _names_a_meeting(text: str) -> bool:
    """A word of the text ends in a meeting word or a minutes' kind ("Gruppebestyrelsesmøde", "Referat")."""
    from pipeline.lexicon import lexicon

    lx = lexicon()
    ends = tuple(lx.meeting_words) + tuple(w for w in lx.title_kind if " " not in w)
    return any(w.strip(".,:;·–-()").endswith(ends) for w in text.casefold().split())


def _dated(text: str) -> bool:
    """Whether the text names a day (a date with its day: "02.10.2025", "2. oktober")."""
    from datetime import date

    from pipeline.dates import find_dates

    return any(m.range.precision == "day" for m in find_dates(text, date(2000, 7, 1)))


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


# ---------------------------------------------------------------- columns side by side

Span = tuple[float, float]  # x0, x1 of a part of a line between tab-stop gaps
COLUMN_LINES = 4  # lines starting at one x (the right column's edge) make a candidate gutter
COLUMN_SIDE = 3  # lines standing alone on each side of the gutter, in the rows they share
COLUMN_ZONE = (0.2, 0.8)  # the gutter stands within this share of the page width
GUTTER = 6.0  # points: the left column ends at least this far left of the right column's edge
COLUMN_BREAK = 3.0  # line heights: a wider gap under a column's last line ends the band


def column_bands(rows: list[tuple[float, float, list[Span]]], width: float) -> list[tuple[float, float, float]]:
    """(top, bottom, x) of each band of a page laid out in two columns side by
    side (a sidebar beside the text, a two-column page), x where the right column
    starts. `rows`: each text line's top, bottom and the spans of its parts between
    tab-stop gaps. A band is a run of lines none of which crosses x, in which
    lines standing left of x alone and lines standing right of x alone interleave
    (COLUMN_SIDE or more of each, more than twice the lines with parts on both
    sides): two flows of text whose lines do not share their heights. A table
    without rules or a hanging indent ("1.<tab>Title" / "<tab>text") keeps its
    parts on shared lines, so it is no band. A band ends where the longer column
    goes on below the shorter one after a gap (a signature line under both)."""
    rows = sorted((r for r in rows if r[2]), key=lambda r: r[0])
    lo, hi = COLUMN_ZONE[0] * width, COLUMN_ZONE[1] * width
    starts = sorted({(round(s[0], 1), i) for i, r in enumerate(rows) for s in r[2] if lo <= s[0] <= hi})
    groups: list[list[tuple[float, int]]] = []
    for x, i in starts:
        if groups and x - groups[-1][-1][0] <= ALIGN:
            groups[-1].append((x, i))
        else:
            groups.append([(x, i)])
    counts = [(len({i for _, i in g}), g[0][0]) for g in groups]
    for n, x in sorted(counts, key=lambda c: -c[0]):
        if n < COLUMN_LINES:
            break
        bands = _bands_at(rows, x)
        if bands:
            return bands
    return []


def _side(spans: list[Span], x: float) -> str:
    """R: the line stands right of x; L: left of it; S: parts on both sides; C: it crosses x."""
    if spans[0][0] >= x - ALIGN:
        return "R"
    if spans[-1][1] <= x - GUTTER:
        return "L"
    if any(a[1] <= x - GUTTER and b[0] >= x - ALIGN for a, b in zip(spans, spans[1:])):
        return "S"
    return "C"


def _bands_at(rows: list[tuple[float, float, list[Span]]], x: float) -> list[tuple[float, float, float]]:
    sides = [_side(r[2], x) for r in rows]
    runs: list[list[int]] = []
    for i, side in enumerate(sides):
        if side == "C":
            runs.append([])
        elif runs:
            runs[-1].append(i)
        else:
            runs.append([i])
    bands = []
    for run in runs:
        left = [i for i in run if sides[i] in "LS"]
        right = [i for i in run if sides[i] in "RS"]
        if not left or not right:
            continue
        top, bottom = max(rows[left[0]][0], rows[right[0]][0]), min(rows[left[-1]][0], rows[right[-1]][0])
        inside = [i for i in run if top <= rows[i][0] <= bottom]
        alone_l = sum(1 for i in inside if sides[i] == "L")
        alone_r = sum(1 for i in inside if sides[i] == "R")
        shared = sum(1 for i in inside if sides[i] == "S")
        if min(alone_l, alone_r) < COLUMN_SIDE or alone_l + alone_r <= 2 * shared:
            continue
        end = run[-1]
        longer = left if rows[left[-1]][0] > rows[right[-1]][0] else right
        for a, b in zip(longer, longer[1:]):
            if rows[b][0] > bottom and rows[b][0] - rows[a][1] > COLUMN_BREAK * (rows[a][1] - rows[a][0]):
                end = max(i for i in run if i < b)
                break
        bands.append((rows[run[0]][0], rows[end][1], x))
    return bands


# ---------------------------------------------------------------- column-aligned tables


def tabulate(lines: list[Line]) -> tuple[list[Line], list[TableRow]]:
    """Split off table rows: runs of at least MIN_TABLE_ROWS consecutive lines of
    one page whose tab-stop cells start at the same positions."""
    kept: list[Line] = []
    rows: list[TableRow] = []
    run: list[Line] = []
    for ln in sorted(lines, key=lambda x: (x.page, x.flow, x.top)):
        if run and not (_row_like(ln) and _aligned(run[-1], ln)):
            _flush(run, kept, rows)
            run = []
        (run if _row_like(ln) else kept).append(ln)
    _flush(run, kept, rows)
    return kept, rows


def _flush(run: list[Line], kept: list[Line], rows: list[TableRow]) -> None:
    if len(run) < MIN_TABLE_ROWS:
        kept += run
        return
    rows += [TableRow(cells=[text for _, text in ln.cells or []], page=ln.page, top=ln.top, flow=ln.flow) for ln in run]


def _row_like(ln: Line) -> bool:
    """A line of two or more cells that is not a bullet or numbered item."""
    cells = ln.cells or []
    return len(cells) >= 2 and not is_list_marker(cells[0][1])


def _aligned(prev: Line, ln: Line) -> bool:
    if prev.page != ln.page or prev.flow != ln.flow or ln.top - prev.bottom > 2 * prev.height:
        return False
    starts = [x for x, _ in prev.cells or []]
    matches = sum(any(abs(x - s) <= ALIGN for s in starts) for x, _ in ln.cells or [])
    return matches >= 2


# ---------------------------------------------------------------- grouping


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


def normalise_ligatures(text: str) -> str:
    """Spell out typographic ligatures ("ﬁ" -> "fi"); other characters stay as they are."""
    if not any(c in LIGATURES for c in text):
        return text
    return "".join(unicodedata.normalize("NFKC", c) if c in LIGATURES else c for c in text)


def numbered_head(text: str) -> Optional[str]:
    """The list number opening a line ("2." of "2. Beretning", "a)" of "a) Forslag"), or None."""
    head, _, rest = text.strip().partition(" ")
    rest = rest.strip()
    if not rest or not is_enumerator(head):
        return None
    if head.strip("().")[:1].isalpha() and not rest[:1].isupper():  # "d. 28/1" is "den", not item d
        return None
    return head


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


# ---------------------------------------------------------------- document measures


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
