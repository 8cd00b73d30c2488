"""Word .docx with python-docx: paragraphs and tables in body order.

The body's elements are walked in order (content controls are opened), so
tables sit where they stand between paragraphs; footnotes, comments and text
boxes are not body text and are left out. The page headers' and footers' lines
that carry a year without a day ("Skovly Skole · skoleåret 2025/26") or name a
meeting and its day are read once, as paragraphs after the title, as a PDF's
running header is; other header lines (a letterhead, "Fortroligt", an issue
date, page numbers) are not. Styles map to
blocks: Title -> title, "Heading N" -> heading level N, list styles ("List
Bullet 2", "List Number") and numbered paragraphs -> list items with their
level (from the style name's number, else the numbering level + 1). Automatic
numbers are computed from numbering.xml and written in front of the text
("3. Nyt direktionsforløb"), as the .txt and .pdf renditions show them; bullets
are not. A manual line break splits a paragraph, as the line does in the other
renditions, and a tab-separated line of a plain paragraph is a table row, as
in a .txt.

What Word shows is read, not what it computes from: field instructions (TOC,
PAGEREF, HYPERLINK) never reach the text, and a table of contents (paragraphs
in a TOC field or in the "toc N" / "TOC Heading" styles) is left out, since
its entries repeat the headings. A short paragraph that is all bold and not a
sentence or a label ("Konstituering af bestyrelsen", not "Tilstede:") is a
heading one level below the last styled heading (the title when it opens the
document).

Tables: a data table gives one table_row per row, its text the cells joined by
a tab; a merged cell counts once (in its first row). A layout table (a cell
holding several paragraphs, a list, a nested table or long text: one logbook
entry per cell, or an agenda "Punkt | Emne | Ansvarlig | Beslutning" whose last
cell holds the minutes) is read row by row: the row's short bare cells (a number,
a title, an owner's initials) as one table_row, and its other cells as the
paragraphs they hold, with their styles, numbering and bold headings.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Optional

from pipeline.errors import ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.fields import is_text_cell
from pipeline.ingest.layout import tab_cells
from pipeline.types import BlockKind, RawBlock

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Style names (English as stored in the package, and Danish UI names) -> block kind.
# A trailing number is the heading or list level.
STYLE_KINDS: tuple[tuple[re.Pattern[str], BlockKind], ...] = (
    (re.compile(r"^(?:title|titel)$", re.I), BlockKind.title),
    (re.compile(r"^(?:heading|overskrift)\s*(?P<level>\d)$", re.I), BlockKind.heading),
    (
        re.compile(r"^(?:list (?:bullet|number)|opstilling med (?:punkttegn|tal))(?:\s+(?P<level>\d))?$", re.I),
        BlockKind.list_item,
    ),
)
# Styles of a table of contents (English as stored, Danish UI names): their paragraphs are left out.
TOC_STYLES = re.compile(r"^(?:toc\s*\d|toc heading|indholdsfortegnelse\s*\d|overskrift til indholdsfortegnelse)$", re.I)
# Fields whose result is a generated list that repeats the document: its paragraphs are left out.
TOC_FIELDS = frozenset({"TOC", "INDEX", "TOA"})
MAX_BOLD_HEADING_WORDS = 10
SENTENCE_END = (".", "!", "?", ";", ",", ":")  # a sentence, or a label ("Tilstede:") before its value
OFF = frozenset({"0", "false", "off", "none"})
# A table cell that is page layout, not data: several paragraphs, a list, a nested table, long text.
LAYOUT_CELL_PARAGRAPHS = 3
LAYOUT_CELL_CHARS = 400
# Containers in the body whose children are body content (content controls, custom XML).
BODY_WRAPPERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}customXml"})
# The runs of a paragraph, except those in text boxes (drawn shapes), tracked deletions
# and moves away, and the fallback copy of alternate content.
RUNS = (
    ".//w:r[not(ancestor::w:txbxContent or ancestor::w:del or ancestor::w:moveFrom"
    " or ancestor::*[local-name()='Fallback'])]"
)
TEXT = f"{W}t"  # deleted text is w:delText, never read
# Other run content -> text; a manual break splits the paragraph.
RUN_MARKS = {f"{W}tab": "\t", f"{W}noBreakHyphen": "-", f"{W}softHyphen": "", f"{W}br": "\n", f"{W}cr": "\n"}
NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "ordinal": str,
    "lowerLetter": lambda n: _letters(n),
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": lambda n: _roman(n),
}
MAX_LEVELS = 9
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")  # a page header line with a year: "skoleåret 2025/26"
PAGE_PART_STYLE = "page-header"  # a line of a page header or footer, read once
NUMBERED = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[a-zA-Z][.)])\s")  # "3. Regnskab": an item, not the title


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    from pipeline.ingest.safety import check_zip

    check_zip(data, limits)
    document = _open(data)
    body = Body(_styles(document), Numbering(_numbering_root(document)), _bold_char_styles(document))
    for element in body_elements(document.element.body):
        body.add(element)
    return ReaderResult(blocks=with_page_parts(body.blocks, page_part_lines(document)), reader="python-docx")


def page_part_lines(document) -> list[str]:
    """The lines of the page headers and footers (each once, headers first) that carry a
    year without a day or name a meeting and its day (as a PDF's running header):
    "Skovly Skole · Skolebestyrelsen · skoleåret 2025/26" names the organisation, the
    body and the year that the body may leave out; a bare letterhead ("Fortroligt
    udkast"), an issue line ("udsendt 12.01.2026") and page numbers stay out."""
    from pipeline.ingest.layout import _dated, _names_a_meeting, is_page_number

    parts: dict[str, list] = {"header": [], "footer": []}
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in parts and not rel.is_external:
            parts[kind].append(rel.target_part.element)
    lines: list[str] = []
    for root in parts["header"] + parts["footer"]:
        for p in root.iter(f"{W}p"):
            for line in paragraph_text(p).split("\n"):
                line = " ".join(line.replace("\t", " ").split())
                if not line or is_page_number(line) or line in lines:
                    continue
                dated = _dated(line)  # an issue date ("udsendt 12.01.2026") is no meeting's date
                if dated and _issue_dated(line):
                    continue  # "Referatet godkendes på næste møde. Udsendt 12.02.2026 / JH"
                if (YEAR.search(line) and not dated) or (dated and _names_a_meeting(line)):
                    lines.append(line)
    return lines


def _issue_dated(line: str) -> bool:
    """A date right after a field word of the document itself ("Udsendt 12.02.2026",
    "Godkendt: 3/4"): the date of the paper, not of a meeting (lexicon meta_fields)."""
    return _issue_date().search(line) is not None


@cache
def _issue_date() -> re.Pattern[str]:
    from pipeline.lexicon import lexicon

    words = "|".join(re.escape(w) for w in sorted(lexicon().meta_fields, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})\W{{0,3}}(?:den\s+|d\.\s*)?\d", re.I)


def with_page_parts(blocks: list[RawBlock], lines: list[str]) -> list[RawBlock]:
    """The page header and footer lines as paragraphs after the document's title and the
    unnumbered headings under it (as a PDF's running header), unless the body says them."""
    texts = {b.text for b in blocks}
    copies = [RawBlock(kind=BlockKind.paragraph, text=t, style=PAGE_PART_STYLE) for t in lines if t not in texts]
    if not copies:
        return blocks
    at = 0
    while (
        at < len(blocks)
        and blocks[at].kind in (BlockKind.title, BlockKind.heading)
        and not NUMBERED.match(blocks[at].text)
    ):
        at += 1
    return blocks[:at] + copies + blocks[at:]


class Body:
    """The blocks of the body, read element by element, with what the elements
    before say: an open table-of-contents field, the last styled heading's level."""

    def __init__(
        self, styles: dict[str, StyleInfo], numbering: Numbering, bold_char_styles: frozenset[str] = frozenset()
    ) -> None:
        self.styles, self.numbering, self.bold_char_styles = styles, numbering, bold_char_styles
        self.blocks: list[RawBlock] = []
        self.fields: list[str] = []  # instructions of the complex fields open at this point
        self.heading_level = 0

    def add(self, element) -> None:
        if element.tag == f"{W}p":
            self.paragraph(element)
        elif is_layout_table(element):
            for tr in unwrapped(element, (f"{W}tr",)):
                self.layout_row(tr)
        else:
            self.blocks += table_blocks(element)

    def layout_row(self, tr) -> None:
        """A row of a layout table: its short cells (a number, a title, an owner's
        initials) are one table_row, as in a data table; its other cells follow as
        the paragraphs they hold. A row with fewer than two short cells is read
        cell by cell."""
        cells = [tc for tc in unwrapped(tr, (f"{W}tc",)) if not _continues_merge(tc)]
        short = [tc for tc in cells if not is_layout_cell(tc) and not is_text_cell(_cell_line(tc))]
        texts = [t for t in (_cell_line(tc) for tc in short) if t]
        if len(texts) >= 2:
            self.blocks.append(RawBlock(kind=BlockKind.table_row, text="\t".join(texts), cells=texts))
        for tc in cells:
            if len(texts) < 2 or tc not in short:
                for child in body_elements(tc):
                    self.add(child)

    def paragraph(self, p) -> None:
        in_toc = self._in_toc()
        style = self.styles.get(_val(p.find(f"{W}pPr/{W}pStyle")) or "", self.styles[""])
        in_toc = self._track_fields(p) or in_toc
        if in_toc or TOC_STYLES.match(style.name.strip()):
            return
        blocks = paragraph_blocks(p, self.styles, self.numbering)
        if (
            len(blocks) == 1
            and blocks[0].kind == BlockKind.paragraph
            and self._bold(p, style)
            and is_heading_text(blocks[0].text)
        ):
            kind = BlockKind.title if not self.blocks and not self.heading_level else BlockKind.heading
            level = 0 if kind == BlockKind.title else min(self.heading_level + 1, MAX_LEVELS)
            blocks = [blocks[0].model_copy(update={"kind": kind, "level": level})]
        elif blocks and blocks[0].kind in (BlockKind.heading, BlockKind.title):
            self.heading_level = blocks[0].level
        self.blocks += blocks

    def _in_toc(self) -> bool:
        return any(_field_name(f) in TOC_FIELDS for f in self.fields)

    def _track_fields(self, p) -> bool:
        """Follow the complex fields through the paragraph's runs; True when a part of
        the paragraph stands inside a table-of-contents field."""
        inside = self._in_toc()
        for el in p.iter(f"{W}fldChar", f"{W}instrText"):
            if el.tag == f"{W}instrText":
                if self.fields:
                    self.fields[-1] += el.text or ""
            elif el.get(f"{W}fldCharType") == "begin":
                self.fields.append("")
            elif el.get(f"{W}fldCharType") == "end" and self.fields:
                self.fields.pop()
            inside = inside or self._in_toc()
        simple = [s.get(f"{W}instr") or "" for s in p.iter(f"{W}fldSimple")]
        return inside or any(_field_name(i) in TOC_FIELDS for i in simple)

    def _bold(self, p, style: StyleInfo) -> bool:
        """Every run with text is bold: by its own w:b, its character style, or the paragraph style."""
        runs = [r for r in p.xpath(RUNS) if any((t.text or "").strip() for t in r.iter(TEXT))]
        return bool(runs) and all(_run_bold(r, style.bold, self.bold_char_styles) for r in runs)


def _field_name(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""


def _run_bold(run, paragraph_bold: bool, bold_char_styles: frozenset[str]) -> bool:
    b = run.find(f"{W}rPr/{W}b")
    if b is not None:
        return (_val(b) or "1").lower() not in OFF
    rstyle = _val(run.find(f"{W}rPr/{W}rStyle"))
    return (rstyle in bold_char_styles) if rstyle else paragraph_bold


def is_heading_text(text: str) -> bool:
    """A bold paragraph reads as a heading: short, not a sentence, not a label ("Tilstede:")."""
    words = text.split()
    return 0 < len(words) <= MAX_BOLD_HEADING_WORDS and not text.endswith(SENTENCE_END)


def _open(data: bytes):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ReadError(f"not a readable Word document ({_first_line(e)})") from e
    except Exception as e:  # lxml XMLSyntaxError and friends from a damaged package  # noqa: BLE001
        raise ReadError(f"damaged Word document ({_first_line(e)})") from e


def _first_line(e: Exception) -> str:
    lines = str(e).strip().splitlines()
    return f"{type(e).__name__}: {lines[0][:120]}" if lines else type(e).__name__


def body_elements(parent) -> Iterator:
    """Paragraphs and tables of the body in order, inside content controls too."""
    return unwrapped(parent, (f"{W}p", f"{W}tbl"))


def unwrapped(parent, tags: tuple[str, ...]) -> Iterator:
    """The children of `parent` with one of `tags`, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in BODY_WRAPPERS:
            yield from unwrapped(child, tags)


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class StyleInfo:
    name: str
    num_id: Optional[str] = None  # numbering the style brings
    ilvl: int = 0
    bold: bool = False  # the style's runs are bold


def _styles(document) -> dict[str, StyleInfo]:
    """Paragraph style id -> name and numbering (following basedOn); "" is the default style."""
    raw = {
        s.get(f"{W}styleId"): s
        for s in document.styles.element.iterchildren(f"{W}style")
        if s.get(f"{W}type") == "paragraph"
    }
    styles = {sid: _style_info(el, raw) for sid, el in raw.items()}
    default = next((sid for sid, el in raw.items() if el.get(f"{W}default") in ("1", "true")), "")
    styles[""] = styles.get(default, StyleInfo("Normal"))
    return styles


def _style_info(el, raw: dict) -> StyleInfo:
    from docx.styles import BabelFish  # built-in styles are stored as "heading 1", shown as "Heading 1"

    name = BabelFish.internal2ui(_val(el.find(f"{W}name")) or el.get(f"{W}styleId") or "")
    bold = _style_bold(el, raw)
    seen: set[int] = set()
    while el is not None and id(el) not in seen:  # a basedOn cycle ends the walk
        seen.add(id(el))
        num = el.find(f"{W}pPr/{W}numPr")
        if num is not None and _val(num.find(f"{W}numId")):
            return StyleInfo(name, _val(num.find(f"{W}numId")), _int(_val(num.find(f"{W}ilvl"))), bold)
        el = raw.get(_val(el.find(f"{W}basedOn")))
    return StyleInfo(name, bold=bold)


def _style_bold(el, raw: dict) -> bool:
    """The style's own w:b, else its basedOn chain's."""
    seen: set[int] = set()
    while el is not None and id(el) not in seen:
        seen.add(id(el))
        b = el.find(f"{W}rPr/{W}b")
        if b is not None:
            return (_val(b) or "1").lower() not in OFF
        el = raw.get(_val(el.find(f"{W}basedOn")))
    return False


def _bold_char_styles(document) -> frozenset[str]:
    """Ids of character styles that make text bold ("Strong", "Fremhævet")."""
    raw = {
        s.get(f"{W}styleId"): s
        for s in document.styles.element.iterchildren(f"{W}style")
        if s.get(f"{W}type") == "character"
    }
    return frozenset(sid for sid, el in raw.items() if _style_bold(el, raw))


def style_kind(style: str) -> tuple[BlockKind, int]:
    """Block kind and level for a style name (level 0 when the kind has none)."""
    for pattern, kind in STYLE_KINDS:
        m = pattern.match(style.strip())
        if m:
            level = m.groupdict().get("level")
            return kind, int(level) if level else (0 if kind == BlockKind.title else 1)
    return BlockKind.paragraph, 0


# ---------------------------------------------------------------- paragraphs


def paragraph_blocks(p, styles: dict[str, StyleInfo], numbering: Numbering) -> list[RawBlock]:
    """A paragraph's blocks: one per line (a manual break splits it)."""
    style = styles.get(_val(p.find(f"{W}pPr/{W}pStyle")) or "", styles[""])
    kind, level = style_kind(style.name)
    num_id, ilvl = _numbering_of(p, style)
    label = numbering.label(num_id, ilvl) if num_id else None
    if num_id and kind == BlockKind.paragraph:
        kind, level = BlockKind.list_item, ilvl + 1
    lines = [line for line in paragraph_text(p).split("\n") if line.strip()]
    if lines and label:
        lines[0] = f"{label} {lines[0]}"
    blocks = [_line_block(line, kind, level, style.name) for line in lines[:1]]
    if kind == BlockKind.list_item:  # the lines after a list item's first are plain text
        kind, level = BlockKind.paragraph, 0
    return blocks + [_line_block(line, kind, level, style.name) for line in lines[1:]]


def _line_block(line: str, kind: BlockKind, level: int, style: str) -> RawBlock:
    """A block of one line; a tab-separated line of a plain paragraph is a table row, as in a .txt."""
    cells = tab_cells(line) if kind == BlockKind.paragraph else None
    if cells:
        return RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=cells, style=style or None)
    return RawBlock(kind=kind, text=" ".join(line.split()), level=level, style=style or None)


def paragraph_text(p) -> str:
    """The visible text of a paragraph: its runs (hyperlinks, insertions and
    fields included), "\\n" at manual breaks."""
    parts: list[str] = []
    for run in p.xpath(RUNS):
        for child in run.iterchildren():
            if child.tag == TEXT:
                parts.append(child.text or "")
            elif child.tag in RUN_MARKS:
                parts.append(RUN_MARKS[child.tag])
    return "".join(parts).replace("\u00a0", " ")


def _numbering_of(p, style: StyleInfo) -> tuple[Optional[str], int]:
    """(numId, ilvl) of a paragraph: its own numPr, else its style's; numId 0 means none."""
    num = p.find(f"{W}pPr/{W}numPr")
    num_id, ilvl = style.num_id, style.ilvl
    if num is not None:
        num_id = _val(num.find(f"{W}numId")) or num_id
        ilvl = _int(_val(num.find(f"{W}ilvl")), ilvl)
    return (None, 0) if num_id in (None, "0") else (num_id, min(max(ilvl, 0), MAX_LEVELS - 1))


# ---------------------------------------------------------------- numbering


@dataclass(frozen=True)
class Level:
    fmt: str  # numFmt: decimal, lowerLetter, bullet ...
    text: str  # lvlText, e.g. "%1." or "%1.%2"
    start: int = 1


class Numbering:
    """Automatic numbers of list paragraphs, counted in document order.

    Counters belong to the abstract numbering a w:num points to (so lists that
    share it continue), or to the w:num itself when it restarts a level."""

    def __init__(self, root) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, list[Optional[int]]] = {}
        if root is not None:
            self._load(root)

    def _load(self, root) -> None:
        for abstract in root.iterchildren(f"{W}abstractNum"):
            self.abstracts[abstract.get(f"{W}abstractNumId")] = {
                _int(lvl.get(f"{W}ilvl")): Level(
                    _val(lvl.find(f"{W}numFmt")) or "decimal",
                    _val(lvl.find(f"{W}lvlText")) or "",
                    _int(_val(lvl.find(f"{W}start")), 1),
                )
                for lvl in abstract.iterchildren(f"{W}lvl")
            }
        for num in root.iterchildren(f"{W}num"):
            overrides = {
                _int(o.get(f"{W}ilvl")): _int(_val(o.find(f"{W}startOverride")), 1)
                for o in num.iterchildren(f"{W}lvlOverride")
                if o.find(f"{W}startOverride") is not None
            }
            self.nums[num.get(f"{W}numId")] = (_val(num.find(f"{W}abstractNumId")) or "", overrides)

    def label(self, num_id: str, ilvl: int) -> Optional[str]:
        """Advance the counter of (num_id, ilvl) and return the number text ("3.", "b)"),
        or None for bullets and unknown numberings."""
        abstract_id, overrides = self.nums.get(num_id, ("", {}))
        levels = self.abstracts.get(abstract_id, {})
        if ilvl not in levels or levels[ilvl].fmt not in NUMBER_FORMATS:
            return None
        key = f"num:{num_id}" if overrides else f"abstract:{abstract_id}"
        counts = self.counters.setdefault(key, [None] * MAX_LEVELS)
        start = overrides.get(ilvl, levels[ilvl].start)
        current = counts[ilvl]
        counts[ilvl] = start if current is None else current + 1
        counts[ilvl + 1 :] = [None] * (MAX_LEVELS - ilvl - 1)
        return self._format(levels, counts, overrides) or None

    @staticmethod
    def _format(levels: dict[int, Level], counts: list[Optional[int]], overrides: dict[int, int]) -> str:
        text = levels[max(i for i, c in enumerate(counts) if c is not None)].text
        for i in range(MAX_LEVELS):
            if f"%{i + 1}" in text:
                level = levels.get(i, Level("decimal", ""))
                count = counts[i]
                value = count if count is not None else overrides.get(i, level.start)
                text = text.replace(f"%{i + 1}", NUMBER_FORMATS.get(level.fmt, str)(value))
        return text.strip()


def _numbering_root(document):
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):  # a document without numbering.xml
        return None


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word repeats the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


# ---------------------------------------------------------------- tables


def table_blocks(tbl) -> list[RawBlock]:
    """One table_row per row with its non-empty cells; a cell spanning columns or
    rows counts once (in its first row)."""
    out = []
    for tr in unwrapped(tbl, (f"{W}tr",)):
        cells = [" ".join(cell_text(tc).split()) for tc in unwrapped(tr, (f"{W}tc",)) if not _continues_merge(tc)]
        cells = [c for c in cells if c]
        if cells:
            out.append(RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=cells))
    return out


def table_cells(tbl) -> Iterator:
    """The cells of a table in reading order (row by row), each merged cell once."""
    for tr in unwrapped(tbl, (f"{W}tr",)):
        for tc in unwrapped(tr, (f"{W}tc",)):
            if not _continues_merge(tc):
                yield tc


def is_layout_table(tbl) -> bool:
    """A table laid out as pages of text: one of its cells holds several paragraphs,
    a list, a nested table or long text. A data table has short one-line cells."""
    return any(is_layout_cell(tc) for tc in table_cells(tbl))


def is_layout_cell(tc) -> bool:
    if tc.find(f".//{W}tbl") is not None:
        return True
    paragraphs = [p for p in tc.iter(f"{W}p") if paragraph_text(p).strip()]
    if len(paragraphs) >= LAYOUT_CELL_PARAGRAPHS:
        return True
    if len(paragraphs) >= 2 and any(p.find(f"{W}pPr/{W}numPr") is not None for p in paragraphs):
        return True
    return sum(len(paragraph_text(p)) for p in paragraphs) > LAYOUT_CELL_CHARS


def _continues_merge(tc) -> bool:
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and _val(merge) != "restart"


def _cell_line(tc) -> str:
    return " ".join(cell_text(tc).split())


def cell_text(tc) -> str:
    return " ".join(paragraph_text(p) for p in tc.iter(f"{W}p"))


def _val(el) -> Optional[str]:
    return None if el is None else el.get(f"{W}val")


def _int(value: Optional[str], default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
