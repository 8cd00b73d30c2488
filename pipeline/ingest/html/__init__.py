"""Web pages (.html, .htm, .aspx, .xhtml) saved from meeting portals and
association sites, parsed with lxml.html (no network, no huge trees; lxml's
HTML parser never expands external entities). This module's one job is read(),
the entry point, which runs the parts in order:

- decode: the bytes to text (a BOM, <meta charset>, UTF-8, charset-normalizer);
- furniture: what is page furniture (menus, headers, footers, sidebars, cookie
  banners, WordPress theme parts, download bars) is dropped before any text is read;
- prepare: what site builders, Word and e-mail split or style is normalised, with
  items (an item's own header, toggles and titles of collapsed items) and labels
  (a field label and its value joined, several fields on one line split);
- walk: the tree becomes RawBlocks (headings, paragraphs, lists, tables,
  definition lists); dom holds what all parts ask of an element.

Lines that are JSON or script (inline i18n blobs) are dropped. The <title> is the
title when the page has no h1. The names other modules import (portal.py reads
portal pages with strip_boilerplate, prepare and _walk) are re-exported here.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.html.decode import _XML_DECLARATION, _first_line, decode_html
from pipeline.ingest.html.dom import BREAKING_TAGS, _has_blocks, is_block, links_only, style_of
from pipeline.ingest.html.furniture import (
    CODE_LINE,
    is_calendar,
    is_download_bar,
    is_link_bar,
    is_member_list,
    strip_boilerplate,
)
from pipeline.ingest.html.items import is_item_header, is_item_toggle
from pipeline.ingest.html.labels import split_fields
from pipeline.ingest.html.prepare import prepare
from pipeline.ingest.html.walk import _walk, is_layout_cell
from pipeline.types import BlockKind, RawBlock

__all__ = [
    "BREAKING_TAGS",
    "CODE_LINE",
    "_XML_DECLARATION",
    "_first_line",
    "_has_blocks",
    "_walk",
    "decode_html",
    "is_block",
    "is_calendar",
    "is_download_bar",
    "is_item_header",
    "is_item_toggle",
    "is_layout_cell",
    "is_link_bar",
    "is_member_list",
    "links_only",
    "prepare",
    "read",
    "split_fields",
    "strip_boilerplate",
    "style_of",
]


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    from lxml import etree, html

    text = _XML_DECLARATION.sub("", decode_html(data), count=1)
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=False)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise ReadError(f"cannot parse the HTML ({_first_line(e)})") from e
    title = " ".join((root.findtext(".//title") or "").split())
    strip_boilerplate(root)
    prepare(root)
    blocks: list[RawBlock] = []
    body = root.find("body")
    _walk(body if body is not None else root, blocks, list_depth=0)
    blocks = [b for b in blocks if not CODE_LINE.match(b.text)]
    if title and not any(b.kind == BlockKind.title or (b.kind == BlockKind.heading and b.level == 1) for b in blocks):
        blocks.insert(0, RawBlock(kind=BlockKind.title, text=title))
    return ReaderResult(blocks=blocks, reader="lxml.html")
