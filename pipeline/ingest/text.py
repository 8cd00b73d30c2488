"""Plain text (.txt, .md): encoding detection, NFC, one block per line.

A line led by a bullet is a list item whose level comes from its indentation;
a tab-separated line is a table row; a Markdown "#" line is a heading. Plain
lines stay paragraphs: the segmenter finds agenda headings from the text.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.types import BlockKind, RawBlock

BULLETS = "-*•–—·▪●◦‣\uf0b7\uf0a7\u2043"
_BULLET = re.compile(rf"^(?P<indent>[ \t]*)(?:[{re.escape(BULLETS)}]|o(?=\s))\s+(?P<text>\S.*)$")
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
# Encodings worth trying for Danish text, after strict UTF-8.
CANDIDATES = ("cp1252", "latin-1", "utf-16")
TAB_WIDTH = 4


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding). BOMs first, then strict UTF-8, then charset-normalizer
    restricted to encodings that make sense for Danish."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CANDIDATES)).best()
    enc = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError):
        return data.decode("latin-1"), "latin-1"


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return unicodedata.normalize("NFC", text)


def line_block(line: str) -> RawBlock | None:
    if not line.strip():
        return None
    m = _BULLET.match(line)
    if m:
        indent = len(m.group("indent").expandtabs(TAB_WIDTH))
        return RawBlock(kind=BlockKind.list_item, text=m.group("text").strip(),
                        level=1 + (indent + TAB_WIDTH - 1) // TAB_WIDTH)
    if "\t" in line.strip():
        cells = [c.strip() for c in line.strip().split("\t") if c.strip()]
        if len(cells) >= 2:
            return RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=cells)
    h = _MD_HEADING.match(line)
    if h:
        return RawBlock(kind=BlockKind.heading, text=h.group("text"), level=len(h.group("hashes")))
    return RawBlock(kind=BlockKind.paragraph, text=line.strip())


def text_blocks(text: str) -> list[RawBlock]:
    return [b for b in (line_block(line) for line in normalise(text).split("\n")) if b is not None]


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    text, encoding = decode(data)
    if "\x00" in text:
        raise ReadError("binary data in a text file")
    blocks = text_blocks(text)
    if not blocks:
        raise ReadError("the text file has no text")
    return ReaderResult(blocks=blocks, reader=f"text ({encoding})")
