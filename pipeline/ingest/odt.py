"""OpenDocument text (.odt): content.xml parsed safely (defusedxml: no DTDs,
no entities, no network) after the zip checks. Headings (text:h with their
outline level), paragraphs with their (parent) style, nested lists and table
rows become the same blocks as a .docx gives."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.docx import style_kind
from pipeline.ingest.safety import check_zip, parse_xml_safely, without_harmless_doctype
from pipeline.types import BlockKind, RawBlock

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
}
T = "{%s}" % NS["text"]
TB = "{%s}" % NS["table"]
ST = "{%s}" % NS["style"]
ROW_GROUPS = (TB + "table-header-rows", TB + "table-rows", TB + "table-row-group")


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    check_zip(data, limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            content = z.read("content.xml")
    except KeyError as e:
        raise ReadError("not an OpenDocument text (no content.xml)") from e
    except zipfile.BadZipFile as e:
        raise ReadError(f"damaged OpenDocument file ({e})") from e
    root = _parse(content)
    body = root.find("office:body/office:text", NS)
    if body is None:
        raise ReadError("not an OpenDocument text (no office:text body)")
    styles = _parent_styles(root)
    blocks: list[RawBlock] = []
    for child in body:
        _element(child, styles, blocks, list_depth=0)
    return ReaderResult(blocks=blocks, reader="odt (defusedxml)")


def _parse(content: bytes):
    from xml.etree.ElementTree import ParseError

    try:
        return parse_xml_safely(without_harmless_doctype(content))
    except ParseError as e:
        raise ReadError(f"damaged OpenDocument XML ({e})") from e


def _parent_styles(root) -> dict[str, str]:
    """Automatic style name ("P2") -> its named parent style ("List Bullet 2")."""
    out = {}
    for s in root.iter(ST + "style"):
        name, parent = s.get(ST + "name"), s.get(ST + "parent-style-name")
        if name and parent:
            out[name] = parent
    return out


def _style_name(raw: str | None, styles: dict[str, str]) -> str:
    name = styles.get(raw or "", raw or "")
    return name.replace("_20_", " ")


def _element(el, styles, blocks: list[RawBlock], list_depth: int) -> None:
    tag = el.tag
    if tag == T + "h":
        text = element_text(el)
        if text:
            level = int(el.get(T + "outline-level") or 1)
            blocks.append(RawBlock(kind=BlockKind.heading, text=text, level=level))
    elif tag == T + "p":
        text = element_text(el)
        if text:
            style = _style_name(el.get(T + "style-name"), styles)
            kind, level = style_kind(style)
            if list_depth and kind == BlockKind.paragraph:
                kind, level = BlockKind.list_item, list_depth
            blocks.append(RawBlock(kind=kind, text=text, level=level, style=style or None))
    elif tag == T + "list":
        for item in el:
            for child in item:
                _element(child, styles, blocks, list_depth + 1)
    elif tag == TB + "table":
        for row in table_rows(el):
            cells = [element_text(c) for c in row if c.tag == TB + "table-cell"]
            cells = [c for c in cells if c]
            if cells:
                blocks.append(RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=cells))
    elif tag == T + "section":
        for child in el:
            _element(child, styles, blocks, list_depth)


def table_rows(table) -> list:
    """The rows of this table (header rows and row groups included, nested tables' rows not)."""
    rows = []
    for child in table:
        if child.tag == TB + "table-row":
            rows.append(child)
        elif child.tag in ROW_GROUPS:
            rows.extend(table_rows(child))
    return rows


def element_text(el) -> str:
    """The text of a paragraph or table cell: spans, spaces (text:s), tabs and
    line breaks; the paragraphs of a cell are separated by a space."""
    parts: list[str] = []

    def walk(node) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag in (T + "p", T + "h"):
                parts.append(" ")
            if child.tag == T + "s":
                parts.append(" " * int(child.get(T + "c") or 1))
            elif child.tag in (T + "tab", T + "line-break"):
                parts.append(" ")
            elif child.tag not in (T + "note", "{%s}annotation" % NS["office"]):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join("".join(parts).split())
