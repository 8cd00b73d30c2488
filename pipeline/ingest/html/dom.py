"""What every part of the HTML reader asks of an element: the tag tables (inline,
block, heading and list tags), the class-name words that furniture and item headers
share, and an element's text, classes, style and shape (one line, leaf paragraphs,
nothing but links). An element that is not a known inline tag (a namespaced or
custom wrapper such as <asp:Content> or <agenda-item>) is a block."""

from __future__ import annotations

import re

# Words in an element's id, class, role or aria-label that mark it as page furniture.
BOILERPLATE_WORDS = frozenset(
    {
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "banner",
        "navbar",
        "nav",
        "navigation",
        "menu",
        "mainmenu",
        "megamenu",
        "breadcrumb",
        "breadcrumbs",
        "skiplink",
        "sidebar",
        "share",
        "social",
        "footer",
        "header",
        "toolbar",
        "popup",
        "modal",
        "cookiebanner",
        "cookieconsent",
        "hdr",  # abbreviated page header / footer class names ("hdr", "ftr", "site-ftr")
        "ftr",
        "topbar",
        "masthead",
        "crumb",
        "crumbs",
    }
)

# Text-level tags: their text runs into the surrounding line. Any other tag is a block container.
INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "label",
        "mark",
        "nobr",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "acronym",
        "ruby",
        "rt",
        "rp",
        "output",
        "meter",
        "progress",
        "picture",
        "source",
    }
)

# Inside these, "header"/"footer" words and <header> tags name an item's own header, not the page's.
CONTENT_TAGS = frozenset({"article", "main", "section", "li", "details", "td", "dd"})
CLASS_PARTS = re.compile(r"[-_]+")
HEADINGS = {f"h{i}": i for i in range(1, 7)}
LIST_TAGS = frozenset({"ul", "ol", "dir"})
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "address",
        "dd",
        "dt",
        "figcaption",
        "figure",
        "center",
        "td",
        "th",
        "body",
        "html",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "dl",
        "caption",
        "fieldset",
        "details",
        "summary",
        "hgroup",
    }
)
BREAKING_TAGS = BLOCK_TAGS | set(HEADINGS) | LIST_TAGS | {"li", "tr"}

# A table cell holding one of these (or long text) makes its row page layout.
LAYOUT_CELL_CONTENT = ("table", "ul", "ol", "blockquote", "pre", *HEADINGS)
LAYOUT_CELL_PARAGRAPHS = ("p", "div")  # two of these with text in one cell make it page layout
MAX_NAME_LINE_WORDS = 12  # a member line: "Lone Vinther (A), formand"
_WORDS = re.compile(r"[a-z]+")
LINE_BREAK = "\u2028"  # what <br> becomes while text is collected (Unicode LINE SEPARATOR)
SPLIT_NUMBER_PARENTS_SKIP = frozenset({"tr", "table", "tbody", "thead", "ul", "ol", "dl"})
SPLIT_NUMBER_SKIP = frozenset({"td", "th", "li", "dt", "dd", "br"})


def style_of(el) -> dict[str, str]:
    """The element's inline style as {property: value}, both lower-cased."""
    out = {}
    for decl in (el.get("style") or "").split(";"):
        key, sep, value = decl.partition(":")
        if sep:
            out[key.strip().lower()] = " ".join(value.split()).lower()
    return out


def _classes(el) -> set[str]:
    return {c.lower() for c in (el.get("class") or "").split()}


def _siblings(el) -> list:
    parent = el.getparent()
    return [s for s in parent if isinstance(s.tag, str)] if parent is not None else []


def _first_child(el):
    return next((c for c in el if isinstance(c.tag, str)), None)


def _in_content(el) -> bool:
    return any(isinstance(a.tag, str) and a.tag in CONTENT_TAGS for a in el.iterancestors())


def _text_of(el) -> str:
    return "".join(el.itertext())


def is_block(el) -> bool:
    """An element that breaks the line: every tag but the known inline ones (and <br>)."""
    return isinstance(el.tag, str) and el.tag not in INLINE_TAGS and el.tag != "br"


def _one_line(el) -> bool:
    """The element's text is one line: no <br>, no list, table or heading, at most one paragraph."""
    if el.find(".//br") is not None or any(el.find(f".//{tag}") is not None for tag in LAYOUT_CELL_CONTENT):
        return False
    return len(_leaf_blocks(el)) <= 1


def _has_blocks(el) -> bool:
    return any(is_block(d) for d in el.iterdescendants())


def _leaf_blocks(cell) -> list:
    """The paragraph-like elements of a cell that hold text and no other such element."""
    return [
        el
        for el in cell.iter(*LAYOUT_CELL_PARAGRAPHS)
        if el is not cell and _text_of(el).strip() and not any(d is not el for d in el.iter(*LAYOUT_CELL_PARAGRAPHS))
    ]


def links_only(el) -> bool:
    """All of the element's text is link text (a navigation column or menu)."""
    text = "".join(_text_of(el).split())
    links = "".join("".join(_text_of(a).split()) for a in el.iter("a"))
    return bool(text) and text == links


def _inline(el) -> str:
    return "".join(_texts(el))


def _texts(el):
    """The text of an inline element, <br> as LINE_BREAK."""
    yield _flat(el.text)
    for child in el:
        if child.tag == "br":
            yield LINE_BREAK
        elif isinstance(child.tag, str):
            yield from _texts(child)
        yield _flat(child.tail)


def _flat(text: str | None) -> str:
    """Source newlines are spaces in HTML; only <br> (LINE_BREAK) breaks a line."""
    return (text or "").replace("\n", " ")
