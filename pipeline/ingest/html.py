"""Web pages (.html, .htm, .aspx) saved from meeting portals and association
sites, parsed with lxml (no network, no entity expansion). Scripts, styles,
navigation, cookie banners and inline JSON/i18n blobs are not content and are
removed before any text is read; headings, paragraphs, lists (with nesting)
and table rows are kept. A layout table whose cells hold block content is a
container, not a data table."""
from __future__ import annotations

import re
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.text import decode, normalise
from pipeline.types import BlockKind, RawBlock

DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe",
             "svg", "button", "select", "input", "object", "embed", "head")
BOILERPLATE = re.compile(r"cookie|consent|gdpr|banner|navbar|\bnav\b|menu|breadcrumb|skip-?link|sidebar|"
                         r"footer|header|share|social|print-?only|visually-?hidden|sr-only", re.I)
BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "pre", "address", "dd", "dt", "figcaption",
              "center", "td", "th", "body"}
HEADINGS = {f"h{i}": i for i in range(1, 7)}
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.I)


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    from lxml import etree, html

    text = _decode(data)
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                             huge_tree=False)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise ReadError(f"cannot parse the HTML ({e})") from e
    title = root.findtext(".//title")
    _strip(root)
    blocks: list[RawBlock] = []
    body = root.find("body")
    _walk(body if body is not None else root, blocks, list_depth=0)
    if title and not any(b.kind in (BlockKind.title, BlockKind.heading) for b in blocks[:3]):
        blocks.insert(0, RawBlock(kind=BlockKind.title, text=" ".join(title.split())))
    return ReaderResult(blocks=blocks, reader="lxml.html")


def _decode(data: bytes) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith(b"\xef\xbb\xbf"):
        try:
            return normalise(data.decode(m.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass
    return normalise(decode(data)[0])


def _strip(root) -> None:
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        attrs = " ".join(filter(None, [el.get("id"), el.get("class"), el.get("role"), el.get("aria-label")]))
        hidden = el.get("hidden") is not None or "display:none" in (el.get("style") or "").replace(" ", "")
        if el.tag in DROP_TAGS or hidden or (attrs and BOILERPLATE.search(attrs) and el.tag not in ("body", "html")):
            el.drop_tree()


def _inline_text(el) -> str:
    """Text of an element, <br> as a line break."""
    return "".join(_texts(el))


def _texts(el):
    if el.text:
        yield el.text
    for child in el:
        if child.tag == "br":
            yield "\n"
        elif isinstance(child.tag, str):
            yield from _texts(child)
        if child.tail:
            yield child.tail


def _emit(text: str, kind: BlockKind, level: int, blocks: list[RawBlock]) -> None:
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            blocks.append(RawBlock(kind=kind, text=line, level=level))


def _walk(el, blocks: list[RawBlock], list_depth: int) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in HEADINGS:
        _emit(" ".join(_inline_text(el).split()), BlockKind.heading, HEADINGS[tag], blocks)
        return
    if tag == "li":
        own = _own_text(el)
        _emit(own, BlockKind.list_item, max(list_depth, 1), blocks)
        for child in el:
            if child.tag in ("ul", "ol", "table", "p", "div"):
                _walk(child, blocks, list_depth + 1 if child.tag in ("ul", "ol") else list_depth)
        return
    if tag in ("ul", "ol"):
        for child in el:
            _walk(child, blocks, list_depth if child.tag != "li" else list_depth + (0 if list_depth else 1) or 1)
        return
    if tag == "tr":
        _table_row(el, blocks, list_depth)
        return
    if tag in BLOCK_TAGS or tag in ("table", "tbody", "thead", "tfoot", "html", "dl"):
        _container(el, blocks, list_depth)
        return
    _emit(_inline_text(el), BlockKind.paragraph, 0, blocks)


def _container(el, blocks: list[RawBlock], list_depth: int) -> None:
    """Text directly in the element becomes paragraphs; block children recurse."""
    buf: list[str] = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            buf.append(child.tail or "")
            continue
        if child.tag in BLOCK_TAGS | set(HEADINGS) | {"ul", "ol", "li", "table", "tr", "tbody", "thead", "dl"}:
            _emit("".join(buf), BlockKind.paragraph, 0, blocks)
            buf = []
            _walk(child, blocks, list_depth)
        elif child.tag == "br":
            buf.append("\n")
        else:
            buf.append("".join(_texts(child)))
        buf.append(child.tail or "")
    _emit("".join(buf), BlockKind.paragraph, 0, blocks)


def _own_text(li) -> str:
    parts = [li.text or ""]
    for child in li:
        if child.tag in ("ul", "ol", "table", "p", "div"):
            break
        parts.append("\n" if child.tag == "br" else "".join(_texts(child)))
        parts.append(child.tail or "")
    return "".join(parts)


def _table_row(tr, blocks: list[RawBlock], list_depth: int) -> None:
    cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
    if any(c.find(".//p") is not None or c.find(".//table") is not None or c.find(".//h1") is not None
           or c.find(".//h2") is not None or c.find(".//ul") is not None for c in cells):
        for c in cells:  # a layout table: its cells are containers
            _container(c, blocks, list_depth)
        return
    texts = [" ".join("".join(_texts(c)).split()) for c in cells]
    texts = [t for t in texts if t]
    if len(texts) >= 2:
        blocks.append(RawBlock(kind=BlockKind.table_row, text="\t".join(texts), cells=texts))
    elif texts:
        _emit(texts[0], BlockKind.paragraph, 0, blocks)
