"""OpenDocument text (.odt): content.xml parsed safely (defusedxml: no DTDs,
no entities, no network) after the zip checks. Headings (text:h with their
outline level), paragraphs with their (parent) style, nested lists and table
rows become the same blocks as a .docx gives. A numbered list's items carry the
number a word processor shows ("3. Økonomi"), counted from its list style
(content.xml or styles.xml): a list continues its style's count when it says so
(text:continue-numbering, text:continue-list), else it starts again."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.docx import style_kind
from pipeline.ingest.docx.numbering import _roman
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
            style_xml = z.read("styles.xml") if "styles.xml" in z.namelist() else None
    except KeyError as e:
        raise ReadError("not an OpenDocument text (no content.xml)") from e
    except zipfile.BadZipFile as e:
        raise ReadError(f"damaged OpenDocument file ({e})") from e
    root = _parse(content)
    body = root.find("office:body/office:text", NS)
    if body is None:
        raise ReadError("not an OpenDocument text (no office:text body)")
    styles = _parent_styles(root)
    numbers = _ListNumbers(_number_levels([root] + ([_parse(style_xml)] if style_xml else [])))
    blocks: list[RawBlock] = []
    for child in body:
        _element(child, styles, blocks, list_depth=0, numbers=numbers)
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


NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "1": str,
    "a": lambda n: _letters(n),
    "A": lambda n: _letters(n).upper(),
    "i": lambda n: _roman(n).lower(),
    "I": lambda n: _roman(n),
}


@dataclass(frozen=True)
class _Level:
    fmt: str  # style:num-format: "1", "a", "A", "i", "I"
    prefix: str
    suffix: str
    start: int
    shown: int  # text:display-levels: "2.1" shows two


def _number_levels(roots: list) -> dict[str, dict[int, _Level]]:
    """List style name -> its numbered levels (bullet levels are not numbered)."""
    out: dict[str, dict[int, _Level]] = {}
    for root in roots:
        for ls in root.iter(T + "list-style"):
            name = ls.get(ST + "name")
            if not name or name in out:
                continue
            levels = {}
            for lvl in ls.iter(T + "list-level-style-number"):
                fmt = lvl.get(ST + "num-format") or ""
                if fmt not in NUMBER_FORMATS:
                    continue
                levels[int(lvl.get(T + "level") or 1)] = _Level(
                    fmt=fmt,
                    prefix=lvl.get(ST + "num-prefix") or "",
                    suffix=lvl.get(ST + "num-suffix") or "",
                    start=int(lvl.get(T + "start-value") or 1),
                    shown=int(lvl.get(T + "display-levels") or 1),
                )
            out[name] = levels
    return out


class _ListNumbers:
    """The running counts of each numbered list style, in document order."""

    def __init__(self, levels: dict[str, dict[int, _Level]]) -> None:
        self.levels = levels
        self.counts: dict[str, list[int]] = {}

    def start_list(self, el, style: str | None, depth: int) -> None:
        continues = el.get(T + "continue-numbering") == "true" or el.get(T + "continue-list") is not None
        if style and depth == 1 and not continues:
            self.counts.pop(style, None)

    def label(self, style: str | None, depth: int, start: str | None = None) -> str | None:
        level = self.levels.get(style or "", {}).get(depth)
        if style is None or level is None:
            return None
        counts = self.counts.setdefault(style, [])
        while len(counts) < depth:
            counts.append(self.levels[style].get(len(counts) + 1, level).start - 1)
        del counts[depth:]
        counts[depth - 1] = int(start) if start else counts[depth - 1] + 1
        shown = range(max(1, depth - level.shown + 1), depth + 1)
        parts = [NUMBER_FORMATS[self.levels[style].get(d, level).fmt](counts[d - 1]) for d in shown]
        return f"{level.prefix}{'.'.join(parts)}{level.suffix}"


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa, 28 -> ab: ODF's letter numbering (style:num-letter-sync
    unset), unlike Word's, which repeats the letter (docx.numbering._letters)."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def _element(
    el,
    styles,
    blocks: list[RawBlock],
    list_depth: int,
    numbers: _ListNumbers | None = None,
    list_style: str | None = None,
) -> None:
    numbers = numbers or _ListNumbers({})
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
        numbering: str | None = el.get(T + "style-name") or list_style
        numbers.start_list(el, numbering, list_depth + 1)
        for item in el:
            label = numbers.label(numbering, list_depth + 1, item.get(T + "start-value"))
            first = True
            for child in item:
                if first and label and child.tag == T + "p" and element_text(child):
                    text = element_text(child)
                    kind, level = style_kind(_style_name(child.get(T + "style-name"), styles))
                    kind, level = (
                        (BlockKind.list_item, list_depth + 1) if kind == BlockKind.paragraph else (kind, level)
                    )
                    blocks.append(RawBlock(kind=kind, text=f"{label} {text}", level=level))
                else:
                    _element(child, styles, blocks, list_depth + 1, numbers, numbering)
                first = False
    elif tag == TB + "table":
        for row in table_rows(el):
            cells = [element_text(c) for c in row if c.tag == TB + "table-cell"]
            while cells and not cells[-1]:  # empty cells keep their place, except at the row's end
                cells.pop()
            if cells:
                blocks.append(RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=cells))
    elif tag == T + "section":
        for child in el:
            _element(child, styles, blocks, list_depth, numbers, list_style)


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
