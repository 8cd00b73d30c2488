"""Plain text (.txt, .md): encoding detection, NFC, one block per line.

A line led by a bullet glyph (the table shared with the PDF reader) or a
Markdown marker ("-", "*", "+") is a list item without its marker; a line led
by an ordered-list number ("1.", "2)", "c.", "iv.") keeps the number in its
text, since it may be the agenda item's number the segmenter reads ("1.
Velkomst"): at the left margin it stays a paragraph, nested under another item
it is a list item. List levels follow the nesting of indentations (tabs or
spaces), as Markdown nests lists: deeper than the item above is one level
down, back to an earlier indentation is that item's level. A tab-separated
line is a table row (text = cells joined by a tab, as in every reader), and so
is a line of cells typed with pipes ("Hvad | Hvem | Hvornår"). A table typed
with spaces is read by its columns: a header line of at least three short cells
set apart by two or more spaces ("PKT  HVEM  HVAD  HVORNÅR"), an optional rule
line under it ("---  ----"), then the rows whose text leaves a gap before each
header column (so no word crosses a column's edge); a row whose first column is
empty continues the cell above, blank lines between rows are skipped. Each row
is a table row with one cell per header column (an empty column an empty cell).

Headings: a Markdown "#" line, a line underlined with "===" / "---", a raw
HTML heading tag on its line ("<h2 id=..>Uge 7</h2>"), and a line that is only
bold text ("**Referat fra mødet 3/10**", short, not a sentence or a label), which sits
one level below the last real heading. Markdown that is not text is dropped:
"[comment]: <> (...)" lines, HTML comments, code fences, inline HTML tags,
backticks, "> " quote marks (a quoted line is a paragraph). Other lines stay
paragraphs, the first one too: the segmenter finds titles and agenda headings
from the text.
"""

from __future__ import annotations

import codecs
import html as html_lib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.layout import PIPE_RULE, pipe_cells, split_bullet, tab_cells
from pipeline.ingest.limits import MAX_BLOCKS, check_block_count
from pipeline.ingest.unwrap import unwrap, wrap_width
from pipeline.types import BlockKind, RawBlock

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)  # checked first: FF FE 00 00 starts like UTF-16 LE
# Single-byte encodings charset-normalizer may choose from when the bytes are not UTF-8.
LEGACY_ENCODINGS = ("cp1252", "latin_1")
FALLBACK_ENCODING = "latin_1"  # decodes any byte string
MD_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.+?)(?:\s+#+)?\s*$")
TAB_WIDTH = 4
# Markdown mark-up in minutes typed as .md/.txt: kept text, dropped marks (tests/ingest/test_ingest_core.py,
# tests/ingest/test_ingest_structure.py).
MARKDOWN = (
    (re.compile(r"\*\*(.+?)\*\*|__(.+?)__"), lambda m: m.group(1) or m.group(2)),  # **bold**, __bold__
    (re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])"), lambda m: m.group(1)),  # *italic*
    # [text](url), images; the text holds no bracket, so a run of "[" costs linear time
    (re.compile(r"!?\[([^\[\]]+)\]\([^()\s]+(?:\s+\"[^\"]*\")?\)"), lambda m: m.group(1)),
    (re.compile(r"^\[[ xX]\]\s+"), lambda m: ""),  # a task checkbox "[ ] ", "[x] "
    (re.compile(r"`([^`]+)`"), lambda m: m.group(1)),  # `code`
    (re.compile(r"~~(.+?)~~"), lambda m: m.group(1)),  # ~~struck~~
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])"), lambda m: m.group(1)),  # \* an escaped mark
    # Obsidian: an embed "![[Budget.xlsx]]" shows a file, no text; a wikilink "[[Ida Holm]]",
    # "[[Ida Holm|Ida]]", "[[Møder#Punkt 2]]" shows its alias or its target
    (re.compile(r"!\[\[[^\[\]]*\]\]"), lambda m: ""),
    (
        re.compile(r"\[\[(?P<target>[^\[\]|#]*)(?:#[^\[\]|]*)?(?:\|(?P<alias>[^\[\]]*))?\]\]"),
        lambda m: m.group("alias") or m.group("target"),
    ),
    # Dataview inline fields: "[ansvar:: Ida]" in a line reads "(ansvar: Ida)", "Til stede:: ..." "Til stede: ..."
    (re.compile(r"\[(?P<key>[^\[\]:]{1,30})::\s*(?P<value>[^\[\]]*)\]"), lambda m: f"({m['key']}: {m['value']})"),
    (re.compile(r"^(?P<key>\s*[^\s:](?:[^:]{0,30}?[^\s:])?)::(?=\s)"), lambda m: m["key"] + ":"),
    (re.compile(r"^\[![\w-]+\][+-]?\s*"), lambda m: ""),  # a callout's type "> [!abstract] Dagsorden"
    (re.compile(r"\s+\^[\w-]+$"), lambda m: ""),  # a block id "... ^pkt1" ending a line
)
RULE_LINE = re.compile(r"^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|={3,})$")  # ---, * * *, ===
SETEXT_RULE = re.compile(r"^\s{0,3}(?P<mark>=+|-+)\s*$")  # "Referat\n=======": the line above is a heading
CODE_FENCE = re.compile(r"^\s*(?:```|~~~)")
# Lines that a Markdown renderer shows nothing of: "[comment]: <> (...)", "[//]: # (...)", and
# link reference definitions "[1]: https://...".
HIDDEN_LINE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(?:<[^>]*>|#|https?://|/|\.\.?/)")
# YAML front matter ("---" / "created: ..." / "---" opening the file): the note's metadata
FRONT_MATTER = re.compile(
    r"\A\s*---[ \t]*\n(?:[\w-]+:.*\n|[ \t]+.*\n|-[ \t].*\n|\s*\n){1,60}?(?:---|\.\.\.)[ \t]*(?:\n|\Z)"
)
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
HTML_HEADING = re.compile(r"^\s*<h(?P<level>[1-6])\b[^>]*>(?P<text>.*?)</h(?P=level)\s*>\s*$", re.I)
HTML_SUMMARY = re.compile(r"^\s*(?:<details\b[^>]*>\s*)?<summary\b[^>]*>(?P<text>.*?)</summary\s*>\s*$", re.I)
HTML_BREAK = re.compile(r"<br\s*/?>|</?p\s*>", re.I)
# Inline and block tags that a Markdown file may carry; their text stays.
HTML_TAG = re.compile(
    r"</?(?:a|b|i|u|em|strong|span|div|p|font|center|sup|sub|small|big|mark|code|kbd|img|hr|"
    r"details|summary|section|article|ul|ol|li|table|thead|tbody|tr|td|th|blockquote)"
    r"\b[^<>]*/?>",
    re.I,
)
HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5}|#x[0-9a-fA-F]{2,4});")
BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
# A line that is only bold ("**Referat**", "__Dagsorden__", "***Vigtigt***").
BOLD_LINE = re.compile(r"^\s*(?P<mark>\*{2,3}|_{2,3})(?P<text>[^*_].*?)(?P=mark)\s*$")
MAX_BOLD_HEADING_WORDS = 10
SENTENCE_END = (".", "!", "?", ";", ",", ":")  # a sentence, or a label ("Tilstede:") before its value
# Markdown bullets besides the shared glyph table; "+" leads an item only here.
MARKDOWN_BULLETS = frozenset("+")
# An ordered-list marker: "1.", "12)", "a.", "c)", "iv.", "(2)".
ORDERED_MARKER = re.compile(r"^(?P<marker>\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{2,5})[.)])\s+(?P<text>\S.*)$")
LINE_BREAKS = ("\r\n", "\r")
SPACE_LIKE = {"\u00a0": " ", "\u202f": " ", "\ufeff": ""}  # no-break spaces, a stray BOM


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): see decode_text."""
    text, encoding, _ = decode_text(data)
    return text, encoding


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings): UTF-32 or UTF-16 by its BOM, then strict UTF-8
    (with or without a BOM), then charset-normalizer's best guess among cp1252 and
    latin-1. A UTF-16 (UTF-32) file cut one (up to three) bytes short of a whole
    character is read without the stray bytes, with a warning."""
    for boms, encoding, width in ((UTF32_BOMS, "utf-32", 4), (UTF16_BOMS, "utf-16", 2)):
        if data.startswith(boms):
            stray = len(data) % width
            body = data[: len(data) - stray]
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError as e:
                raise ReadError(f"damaged {encoding.upper()} text (invalid bytes at offset {e.start})") from e
            notes = [f"{stray} stray byte(s) at the end of the {encoding.upper()} text dropped"] if stray else []
            return text, encoding, notes
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"), []
    except UnicodeDecodeError:
        pass
    rest = data.removeprefix(codecs.BOM_UTF8)
    encoding = _guess_legacy(rest)
    try:
        return rest.decode(encoding), encoding, []
    except UnicodeDecodeError:  # a byte cp1252 leaves undefined
        return rest.decode(FALLBACK_ENCODING), FALLBACK_ENCODING, []


def _guess_legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    return best.encoding if best is not None else LEGACY_ENCODINGS[0]


def normalise(text: str) -> str:
    """Unix newlines, plain spaces for no-break spaces, Unicode NFC."""
    for old in LINE_BREAKS:
        text = text.replace(old, "\n")
    for old, new in SPACE_LIKE.items():
        text = text.replace(old, new)
    return unicodedata.normalize("NFC", text)


def text_blocks(text: str, max_blocks: int = MAX_BLOCKS) -> list[RawBlock]:
    """The blocks of a text: one per non-empty line, a hard-wrapped paragraph joined
    first (see the module docstring and ingest/unwrap.py). More than `max_blocks` is
    refused as soon as they are counted (ResourceLimit)."""
    width = wrap_width(space_tables(markdown_lines(text)))
    lines = space_tables(markdown_lines(text))
    return _Reader(max_blocks).run(unwrap(lines, starts_block, width) if width else lines)


# A Markdown task list item's box: "[ ]" open, "[x]" done; the block's style says which.
TASK_BOX = re.compile(r"^\[(?P<mark>[ xX])\]\s+")
TASK_OPEN, TASK_DONE = "task", "task-done"
# "d. 24/3 kl. 16" (den 24/3) and "24. marts 2031 kl. 19" read like list markers ("d.", "24.")
# but continue a sentence: a marker letter before a digit, a number before a lower-case word.
DATE_ABBREVIATION = re.compile(r"^(?:[a-zæøå]\.\s+\d|\d{1,2}\.\s+[a-zæøå])")
# "3.2  Julekoncert ..." (a decimal sub-item number) opens a block of its own too.
DECIMAL_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+\S")
# A line that opens a block of its own: "Dorte: Vi har ...", "Til stede:" -- never a wrapped line's rest.
LABEL_LINE = re.compile(r"^[^\W\d][\w /.()-]{0,40}?:(?:\s|$)")


def starts_block(line: str) -> bool:
    """A list item, a numbered line, a heading mark, a rule, a table row or a label line."""
    s = line.strip()
    return bool(
        (list_marker(line) and not DATE_ABBREVIATION.match(s))
        or DECIMAL_NUMBER.match(s)
        or MD_HEADING.match(line)
        or RULE_LINE.match(line)
        or SETEXT_RULE.match(line)
        or "\t" in line
        or "|" in s
        or LABEL_LINE.match(s)
        or s.startswith(("<", "**", "__", "["))
    )


def _front_matter_fields(m: re.Match[str]) -> str:
    """YAML front matter: its "key: value" lines stay (a title or date may be there), each a
    paragraph of its own; the "---" fences go, so the last line is no setext heading."""
    lines = m.group().strip().splitlines()[1:-1]
    return "\n\n".join(line.strip() for line in lines if line.strip()) + "\n\n"


def markdown_lines(text: str) -> Iterator[str]:
    """The lines of `text` with what a Markdown renderer never shows removed:
    HTML comments, hidden "[comment]: <>" lines, code fences; <br> splits a line.
    One line at a time, so a file of a million short lines is never a list of them."""
    text = FRONT_MATTER.sub(_front_matter_fields, HTML_COMMENT.sub("", normalise(text)), count=1)
    for line in _split_lines(text):
        if HIDDEN_LINE.match(line) or CODE_FENCE.match(line):
            continue
        if "<" in line:
            yield from (part.rstrip() for part in HTML_BREAK.split(line))
        else:
            yield line.rstrip()


# A table typed with spaces (see the module docstring): cells of a line are set apart by 2+ spaces.
SPACE_GAP = re.compile(r" {2,}")
MIN_SPACE_COLUMNS = 3  # two columns are a label and its value ("Møde:    tors. 22/1"), or "Pkt. 1  Titel"
MAX_HEADER_CELL = 40  # characters: a column title is short
HEADER_CELL_END = (":", ";", ",", "!", "?")  # a label or a sentence, not a column title
SPACE_TABLE_RULE = re.compile(r"^\s*[-=_]{2,}(?:\s+[-=_]{2,})*\s*$")  # "---  -------  ----" under the header


class SpaceRow(str):
    """A row of a space-typed table: the line as tab-separated cells, with its cells
    by column (an empty column is an empty cell)."""

    cells: list[str]

    def __new__(cls, cells: list[str]) -> SpaceRow:
        row = super().__new__(cls, "\t".join(c for c in cells if c))
        row.cells = cells
        return row


def _header_starts(line: str) -> list[int] | None:
    """The columns' start offsets of a space-typed table's header line, or None."""
    if "\t" in line or "|" in line or not line.strip():
        return None
    starts, cells = [], []
    for m in re.finditer(r"\S+(?: \S+)*", line):
        starts.append(m.start())
        cells.append(m.group())
    if len(cells) < MIN_SPACE_COLUMNS or any(
        len(c) > MAX_HEADER_CELL or c.endswith(HEADER_CELL_END) or (" " in c and c.endswith(".")) for c in cells
    ):
        return None
    return starts


def _row_cells(line: str, starts: list[int]) -> list[str] | None:
    """The cells of `line` under columns starting at `starts`, or None when a word
    crosses a column's edge, or a row with its first column filled shows no gap of
    two spaces (a continuation line, first column empty, may hold one cell)."""
    if "\t" in line or "|" in line or any(b - 1 < len(line) and line[b - 1] != " " for b in starts[1:]):
        return None
    edges = [0, *starts[1:], max(len(line), starts[-1])]
    cells = [" ".join(line[a:b].split()) for a, b in zip(edges, edges[1:])]
    filled = sum(1 for c in cells if c)
    if cells[0]:
        return cells if filled >= 2 and SPACE_GAP.search(line.strip()) else None
    return cells if filled >= 1 else None


def space_tables(lines: Iterable[str]) -> Iterator[str]:
    """The lines with each space-typed table (see the module docstring) as SpaceRow
    lines, one per row; other lines unchanged. One line at a time."""
    header: str | None = None
    starts: list[int] = []
    held: list[str] = []  # the header's rule line and blank lines, given back when no row follows
    rows: list[list[str]] = []

    def flush() -> Iterator[str]:
        if header is None:
            return
        if rows:
            yield SpaceRow(_row_cells(header, starts) or header.split())
            yield from (SpaceRow(r) for r in rows)
            yield from (h for h in held if not h.strip())
        else:
            yield header
            yield from held

    for line in lines:
        if header is not None:
            if not line.strip() or (not rows and not held and SPACE_TABLE_RULE.match(line)):
                held.append(line)
                continue
            cells = _row_cells(line, starts)
            if cells is not None and (cells[0] or (rows and not held)):  # a continuation follows its row
                if not cells[0]:  # the first column empty: the cells continue the row above
                    rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells)]
                else:
                    rows.append(cells)
                held = []
                continue
            yield from flush()
            header, rows, held = None, [], []
        found = _header_starts(line)
        if found:
            header, starts = line, found
        else:
            yield line
    yield from flush()


def _split_lines(text: str) -> Iterator[str]:
    start = 0
    while (end := text.find("\n", start)) != -1:
        yield text[start:end]
        start = end + 1
    yield text[start:]


class _Reader:
    """Line by line, with what the lines before say: the open list's indentations,
    the last heading's level."""

    def __init__(self, max_blocks: int = MAX_BLOCKS) -> None:
        self.max_blocks = max_blocks
        self.blocks: list[RawBlock] = []
        self.indents: list[int] = []  # the open list's indentations, outermost first
        self.heading_level = 0  # the last real heading's level (bold lines go one below)

    def run(self, lines: Iterable[str]) -> list[RawBlock]:
        previous: str = ""
        for line in lines:
            setext = SETEXT_RULE.match(line)
            if setext and previous.strip() and self._underline(previous, setext.group("mark")):
                previous = ""
                continue
            block = self.line(line)
            if block is not None:
                self.blocks.append(block)
                if len(self.blocks) > self.max_blocks:
                    check_block_count(len(self.blocks), self.max_blocks)
            previous = line if block is not None and block.kind == BlockKind.paragraph else ""
        return self.blocks

    def _underline(self, previous: str, mark: str) -> bool:
        """'Referat' over '=====' (level 1) or '-----' (level 2): the paragraph above becomes a heading."""
        last = self.blocks[-1] if self.blocks else None
        if last is None or last.kind != BlockKind.paragraph or not is_heading_text(last.text):
            return False
        level = 1 if mark.startswith("=") else 2
        self.blocks[-1] = last.model_copy(update={"kind": BlockKind.heading, "level": level})
        self.heading_level = level
        self.indents = []
        return True

    def line(self, line: str) -> RawBlock | None:
        if isinstance(line, SpaceRow):
            self.indents = []
            return RawBlock(kind=BlockKind.table_row, text=str(line), cells=[strip_markdown(c) for c in line.cells])
        if not line.strip() or RULE_LINE.match(line) or PIPE_RULE.match(line):
            return None
        if "<" in line or "&" in line:
            heading = HTML_HEADING.match(line) or HTML_SUMMARY.match(line)
            if heading:
                text = clean_inline(heading.group("text"))
                level = int(heading.groupdict().get("level") or self.heading_level + 1)
                return self._heading(text, min(level, 6), real="level" in heading.groupdict())
            line = clean_inline(line, strip_marks=False)
            if not line.strip():
                return None
        quoted = BLOCKQUOTE.match(line)
        if quoted:
            line = line[quoted.end() :]
            if not line.strip():
                return None
            self.indents = []
            block = line_block(line.strip(), {})
            return (
                block if block is None or block.kind != BlockKind.list_item else block.model_copy(update={"level": 1})
            )
        heading = MD_HEADING.match(line)
        if heading:
            return self._heading(strip_markdown(heading.group("text")).strip(), len(heading.group("hashes")))
        bold = BOLD_LINE.match(line)
        if bold and is_heading_text(strip_markdown(bold.group("text")).strip()):
            return self._heading(strip_markdown(bold.group("text")).strip(), min(self.heading_level + 1, 6), real=False)
        indent = _indent(line)
        marker = list_marker(line)
        if marker is None:
            if indent == 0:
                self.indents = []
            return line_block(line)
        level = self._list_level(indent)
        kind, text = marker
        if kind == "ordered" and level == 1:
            return line_block(line.strip())  # "1. Velkomst" at the margin: a paragraph with its number
        box = TASK_BOX.match(text)  # "- [ ] Kim køber kage" / "- [x] ... (done)"
        style = (TASK_DONE if box.group("mark").strip() else TASK_OPEN) if box else None
        text = strip_markdown(text[box.end() :] if box else text).strip()
        return (
            RawBlock(kind=BlockKind.list_item, text=" ".join(text.split()), level=level, style=style) if text else None
        )

    def _heading(self, text: str, level: int, real: bool = True) -> RawBlock | None:
        self.indents = []
        if real:
            self.heading_level = level
        text = " ".join(text.split())
        return RawBlock(kind=BlockKind.heading, text=text, level=level) if text else None

    def _list_level(self, indent: int) -> int:
        """The nesting level of a list line at `indent`: one below a shallower item,
        the level of an earlier item at the same or a deeper indentation."""
        while self.indents and self.indents[-1] > indent:
            self.indents.pop()
        if not self.indents or self.indents[-1] < indent:
            self.indents.append(indent)
        return len(self.indents)


def list_marker(line: str) -> tuple[str, str] | None:
    """("bullet", text) for a bullet line, ("ordered", line) for a numbered one
    (the number stays in the text), None for other lines."""
    bullet = split_bullet(line)
    if bullet:
        return "bullet", bullet[1]
    s = line.lstrip()
    if len(s) > 2 and s[0] in MARKDOWN_BULLETS and s[1].isspace():
        return "bullet", s[2:].strip()
    ordered = ORDERED_MARKER.match(s)
    if ordered:
        return "ordered", s
    return None


def is_heading_text(text: str) -> bool:
    """A bold line reads as a heading: short, not a sentence, not a label ("**Tilstede:**")."""
    words = text.split()
    return 0 < len(words) <= MAX_BOLD_HEADING_WORDS and not text.endswith(SENTENCE_END)


def clean_inline(text: str, strip_marks: bool = True) -> str:
    """Inline HTML a Markdown file carries: tags dropped (their text kept), entities decoded."""
    text = HTML_TAG.sub("", text)
    if HTML_ENTITY.search(text):
        text = html_lib.unescape(text)
    return strip_markdown(text) if strip_marks else text


def strip_markdown(text: str) -> str:
    for pattern, keep in MARKDOWN:
        text = pattern.sub(keep, text)
    return text


def line_block(line: str, levels: dict[int, int] | None = None) -> RawBlock | None:
    """The block for one line; `levels` maps bullet indentation to list level."""
    if not line.strip() or RULE_LINE.match(line) or PIPE_RULE.match(line):
        return None
    bullet = split_bullet(line)
    if bullet:
        indent = _indent(line)
        level = (levels or {}).get(indent, 1 + (indent + TAB_WIDTH - 1) // TAB_WIDTH)
        text = strip_markdown(bullet[1]).strip()
        return RawBlock(kind=BlockKind.list_item, text=text, level=level) if text else None
    line = strip_markdown(line)
    cells = tab_cells(line) or pipe_cells(line)
    if cells:
        return RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=cells)
    heading = MD_HEADING.match(line)
    if heading:
        return RawBlock(kind=BlockKind.heading, text=heading.group("text"), level=len(heading.group("hashes")))
    text = " ".join(line.split())
    return RawBlock(kind=BlockKind.paragraph, text=text) if text else None


def _indent(line: str) -> int:
    return len(line.expandtabs(TAB_WIDTH)) - len(line.expandtabs(TAB_WIDTH).lstrip())


def _indent_levels(indents) -> dict[int, int]:
    """Indentation width -> level 1, 2, ... by rank."""
    return {width: rank + 1 for rank, width in enumerate(sorted(set(indents)))}


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    text, encoding, warnings = decode_text(data)
    if "\x00" in text:
        raise ReadError("binary data (NUL bytes) in a text file")
    blocks = text_blocks(text)
    if not blocks:
        raise ReadError("the text file has no text")
    return ReaderResult(blocks=blocks, reader=f"text ({encoding})", warnings=warnings)
