"""The block walk: the prepared tree becomes RawBlocks. h1-h6 become headings, p/div
text paragraphs, li list items with their nesting level, tr table rows with their
cells; <br> splits lines; any other block element is a container, never run into
the text around it. Titles of collapsed items are headings one level below the last
real heading and carry the tag as their style ("button", "summary"); styled lines
are headings ("large": one level below the last real heading; "bold": below the last
real or large one). <dt>/<dd> pairs with a one-line value read "Label: value"
(otherwise the term is a label line before its paragraphs). A table row whose cells
hold block content or long text is page layout, not data: its cells are read as
containers, and a cell of nothing but links (the menu column) is left out. A one-cell
table row (e-mail layout) keeps its <br> lines apart, and a field row
"Deltagere: | A<br>B" reads as the label and its lines."""

from __future__ import annotations

from pipeline.ingest.fields import field_labels, is_text_cell, label_key
from pipeline.ingest.html.dom import (
    BLOCK_TAGS,
    HEADINGS,
    LAYOUT_CELL_CONTENT,
    LINE_BREAK,
    LIST_TAGS,
    _classes,
    _flat,
    _has_blocks,
    _inline,
    _leaf_blocks,
    _one_line,
    _text_of,
    _texts,
    is_block,
    links_only,
)
from pipeline.ingest.html.items import ITEM_HEADING_ATTR, ITEM_HEADING_STYLE, TITLE_TAGS
from pipeline.ingest.html.labels import split_fields
from pipeline.ingest.html.prepare import HEADING_ATTR, LEVEL_ATTR, WORD_TITLE_CLASSES
from pipeline.types import BlockKind, RawBlock

ITEM_TEXT_TAGS = frozenset({"p", "div", "span", "blockquote"})  # their text inside <li> is the item's
LAYOUT_CELL_CHARS = 400
LAYOUT_CELL_BREAKS = 3


def _walk(el, blocks: list[RawBlock], list_depth: int) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in HEADINGS and any(a.tag in TITLE_TAGS for a in el.iterancestors()):
        _title(el, blocks)  # <summary><h3>2. Budget</h3></summary>: an item title like its siblings'
    elif tag in HEADINGS:
        _emit(" ".join(_inline(el).split()), BlockKind.heading, HEADINGS[tag], blocks)
    elif tag == "button" or (tag in TITLE_TAGS and not _has_blocks(el)):
        _title(el, blocks)
    elif tag == "p" and _classes(el) & WORD_TITLE_CLASSES and not _has_blocks(el):
        _emit(_inline(el), BlockKind.title, 0, blocks)
    elif el.get(ITEM_HEADING_ATTR):
        text = " ".join(_inline(el).split())
        if text:
            level = int(el.get(ITEM_HEADING_ATTR))
            blocks.append(RawBlock(kind=BlockKind.heading, text=text, level=level, style=ITEM_HEADING_STYLE))
    elif el.get(HEADING_ATTR):
        _styled_heading(el, blocks)
    elif tag == "li":
        level = el.get(LEVEL_ATTR)
        _list_item(el, blocks, int(level) if level and level.isdigit() else list_depth)
    elif tag == "dl":
        _definition_list(el, blocks, list_depth)
    elif tag in LIST_TAGS:
        for child in el:
            _walk(child, blocks, list_depth + 1 if child.tag == "li" else list_depth)
    elif tag == "tr":
        _table_row(el, blocks, list_depth)
    elif tag == "pre":
        _preformatted(el, blocks)
    elif tag in BLOCK_TAGS or is_block(el) or _has_blocks(el):
        _container(el, blocks, list_depth)
    else:
        _emit(_inline(el), BlockKind.paragraph, 0, blocks)


def _title(el, blocks: list[RawBlock]) -> None:
    """A collapsed item's title (<summary>, a toggle <button>): a heading one level below
    the last real heading, the level of the title before it when the real headings since
    are no higher than that title (its panel's field headings: "Beslutning")."""
    level = _title_level(blocks)
    text = " ".join(el.itertext()) if el.tag == "button" else _inline(el)
    style = el.tag if el.tag in TITLE_TAGS else "summary"
    for line in text.split(LINE_BREAK):
        line = " ".join(line.split())
        if line:
            blocks.append(RawBlock(kind=BlockKind.heading, text=line, level=level, style=style))


def _title_level(blocks: list[RawBlock]) -> int:
    real = (None, ITEM_HEADING_STYLE)
    highest: int | None = None  # the highest (smallest) real heading level since the last title
    for b in reversed(blocks):
        if b.kind != BlockKind.heading:
            continue
        if b.style in TITLE_TAGS:
            if highest is None or highest >= b.level:
                return b.level
            break
        if b.style in real:
            highest = b.level if highest is None else min(highest, b.level)
    last = next((b.level for b in reversed(blocks) if b.kind == BlockKind.heading and b.style in real), 0)
    return min(last + 1, 6)


def _styled_heading(el, blocks: list[RawBlock]) -> None:
    """A large line is a heading one level below the last real heading; a bold line
    one level below the last real or large one (so bold lines under a large title
    are its sections, and a run of bold lines are siblings)."""
    kind = el.get(HEADING_ATTR)
    kept = (None, ITEM_HEADING_STYLE) if kind == "large" else (None, ITEM_HEADING_STYLE, "large")
    last = next((b.level for b in reversed(blocks) if b.kind == BlockKind.heading and b.style in kept), 0)
    text = " ".join(_inline(el).split())
    if text:
        blocks.append(RawBlock(kind=BlockKind.heading, text=text, level=min(last + 1, 6), style=kind))


def _definition_list(dl, blocks: list[RawBlock], list_depth: int) -> None:
    """<dt>Label</dt><dd>text</dd>: the line "Label: text" when the term has one
    one-line description; otherwise the term as a label line, then what its
    descriptions hold. <div> groups inside the list are looked through."""
    entries = []
    for child in dl:
        if isinstance(child.tag, str) and child.tag == "div" and child.find("dt") is not None:
            entries += [c for c in child if isinstance(c.tag, str)]
        elif isinstance(child.tag, str):
            entries.append(child)
    i = 0
    while i < len(entries):
        el = entries[i]
        i += 1
        if el.tag != "dt":
            _walk(el, blocks, list_depth)
            continue
        dds = []
        while i < len(entries) and entries[i].tag == "dd":
            dds.append(entries[i])
            i += 1
        label = " ".join(_inline(el).split()) if not _has_blocks(el) else ""
        if label and len(dds) == 1 and _one_line(dds[0]):
            value = " ".join(_text_of(dds[0]).split())
            if value:
                sep = " " if label.endswith(":") else ": "
                blocks.append(RawBlock(kind=BlockKind.paragraph, text=label + sep + value))
                continue
        _walk(el, blocks, list_depth)
        for dd in dds:
            _walk(dd, blocks, list_depth)


def _list_item(li, blocks: list[RawBlock], level: int) -> None:
    """The item's own text (up to its first block child); nested lists go one level deeper."""
    own = [_flat(li.text)]
    rest: list = []  # the block children and what follows them (lxml elements)
    for child in li:
        if rest or is_block(child):
            rest.append(child)
            continue
        own.append(LINE_BREAK if child.tag == "br" else "".join(_texts(child)))
        own.append(_flat(child.tail))
    _emit("".join(own), BlockKind.list_item, max(level, 1), blocks)
    for child in rest:
        if isinstance(child.tag, str) and child.tag in ITEM_TEXT_TAGS and not _has_blocks(child):
            _emit(_inline(child), BlockKind.list_item, max(level, 1), blocks)  # <li><p>text</p></li>
        elif isinstance(child.tag, str):
            _walk(child, blocks, level)
        if child.tail and child.tail.strip():
            _emit(child.tail, BlockKind.list_item, max(level, 1), blocks)


def _container(el, blocks: list[RawBlock], list_depth: int) -> None:
    """Text directly in the element becomes paragraphs; block children recurse."""
    buf: list[str] = [_flat(el.text)]
    for child in el:
        if is_block(child) or (isinstance(child.tag, str) and child.tag != "br" and _has_blocks(child)):
            _emit("".join(buf), BlockKind.paragraph, 0, blocks)
            buf = []
            _walk(child, blocks, list_depth)
        elif child.tag == "br":
            buf.append(LINE_BREAK)
        elif isinstance(child.tag, str):
            buf.append("".join(_texts(child)))
        buf.append(_flat(child.tail))
    _emit("".join(buf), BlockKind.paragraph, 0, blocks)


def _table_row(tr, blocks: list[RawBlock], list_depth: int) -> None:
    """A data row is one table_row of its cell texts. A row laid out as page text
    (a cell holds several paragraphs, a list, long text) keeps its short cells (a
    number, a title, an owner's initials) as one table_row, and its other cells
    follow as the paragraphs they hold."""
    cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
    if any(is_layout_cell(c) for c in cells):
        cells = [c for c in cells if not links_only(c)]  # a column of links beside the content is navigation
        short = [c for c in cells if not is_layout_cell(c) and not is_text_cell(_cell_text(c))]
        texts = [t for t in (_cell_text(c) for c in short) if t]
        if len(texts) >= 2:
            blocks.append(RawBlock(kind=BlockKind.table_row, text="\t".join(texts), cells=texts))
        for c in cells:
            if len(texts) < 2 or c not in short:
                _container(c, blocks, list_depth)
        return
    filled = [c for c in cells if _cell_text(c)]
    texts = [_cell_text(c) for c in filled]
    if len(texts) == 2 and label_key(texts[0]) in field_labels() and filled[1].find(".//br") is not None:
        _container(filled[0], blocks, list_depth)  # "Deltagere: | A<br>B": the label, then its lines
        _container(filled[1], blocks, list_depth)
    elif len(texts) >= 2:
        blocks.append(RawBlock(kind=BlockKind.table_row, text="\t".join(texts), cells=texts))
    elif filled and filled[0].get(HEADING_ATTR):
        _styled_heading(filled[0], blocks)
    elif filled:
        _container(filled[0], blocks, list_depth)  # a one-cell row (e-mail layout): its <br> lines apart


def _cell_text(cell) -> str:
    return " ".join("".join(_texts(cell)).split())


def is_layout_cell(cell) -> bool:
    """A cell of a layout table: it holds a table, a list or a heading, several
    paragraphs, long text or many lines. One paragraph (Word's saved HTML wraps
    every cell in <p class=MsoNormal>) is a data cell."""
    if any(cell.find(f".//{tag}") is not None for tag in LAYOUT_CELL_CONTENT):
        return True
    if len(_leaf_blocks(cell)) >= 2:
        return True
    return len(_text_of(cell)) > LAYOUT_CELL_CHARS or len(cell.findall(".//br")) >= LAYOUT_CELL_BREAKS


def _preformatted(el, blocks: list[RawBlock]) -> None:
    _emit("".join(el.itertext()).replace("\n", LINE_BREAK), BlockKind.paragraph, 0, blocks)


def _emit(text: str, kind: BlockKind, level: int, blocks: list[RawBlock]) -> None:
    for raw in text.split(LINE_BREAK):
        for part in split_fields(raw):
            line = " ".join(part.split())
            if line:
                blocks.append(RawBlock(kind=kind, text=line, level=level))
