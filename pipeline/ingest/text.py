"""Plain text (.txt, .md): encoding detection, NFC, one block per line.

A line led by a bullet glyph (the table shared with the PDF reader) is a list
item; its level is the rank of its indentation among the document's bullet
indentations ("- " level 1, " - " level 2). A tab-separated line is a table
row (text = cells joined by a tab, as in every reader), and so is a line of
cells typed with pipes ("Hvad | Hvem | Hvornår"); a Markdown "#" line is
a heading. Other lines stay paragraphs, the first one too: the segmenter finds
titles and agenda headings from the text.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.layout import PIPE_RULE, pipe_cells, split_bullet, tab_cells
from pipeline.types import BlockKind, RawBlock

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Single-byte encodings charset-normalizer may choose from when the bytes are not UTF-8.
LEGACY_ENCODINGS = ("cp1252", "latin_1")
FALLBACK_ENCODING = "latin_1"  # decodes any byte string
MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)(?:\s+#+)?\s*$")
TAB_WIDTH = 4
# Markdown mark-up in minutes typed as .md/.txt: kept text, dropped marks (tests/test_ingest_core.py).
MARKDOWN = (
    (re.compile(r"\*\*(.+?)\*\*|__(.+?)__"), lambda m: m.group(1) or m.group(2)),  # **bold**, __bold__
    (re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])"), lambda m: m.group(1)),  # *italic*
    (re.compile(r"\[([^\]]+)\]\([^)\s]+\)"), lambda m: m.group(1)),  # [text](url)
    (re.compile(r"^\[[ xX]\]\s+"), lambda m: ""),  # a task checkbox "[ ] ", "[x] "
)
RULE_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
LINE_BREAKS = ("\r\n", "\r")
SPACE_LIKE = {"\u00a0": " ", "\u202f": " ", "\ufeff": ""}  # no-break spaces, a stray BOM


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-16 by its BOM, then strict UTF-8 (with or without a
    BOM), then charset-normalizer's best guess among cp1252 and latin-1."""
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise ReadError(f"damaged UTF-16 text (invalid bytes at offset {e.start})") from e
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")
    except UnicodeDecodeError:
        pass
    rest = data.removeprefix(codecs.BOM_UTF8)
    encoding = _guess_legacy(rest)
    try:
        return rest.decode(encoding), encoding
    except UnicodeDecodeError:  # a byte cp1252 leaves undefined
        return rest.decode(FALLBACK_ENCODING), FALLBACK_ENCODING


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


def text_blocks(text: str) -> list[RawBlock]:
    """One block per non-empty line of `text`."""
    lines = [line.rstrip() for line in normalise(text).split("\n")]
    levels = _indent_levels(_indent(line) for line in lines if split_bullet(line))
    return [b for b in (line_block(line, levels) for line in lines) if b is not None]


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
    return RawBlock(kind=BlockKind.paragraph, text=" ".join(line.split()))


def _indent(line: str) -> int:
    return len(line.expandtabs(TAB_WIDTH)) - len(line.expandtabs(TAB_WIDTH).lstrip())


def _indent_levels(indents) -> dict[int, int]:
    """Indentation width -> level 1, 2, ... by rank."""
    return {width: rank + 1 for rank, width in enumerate(sorted(set(indents)))}


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    text, encoding = decode(data)
    if "\x00" in text:
        raise ReadError("binary data (NUL bytes) in a text file")
    blocks = text_blocks(text)
    if not blocks:
        raise ReadError("the text file has no text")
    return ReaderResult(blocks=blocks, reader=f"text ({encoding})")
