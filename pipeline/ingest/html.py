"""Web pages (.html, .htm, .aspx, .xhtml) saved from meeting portals and
association sites, parsed with lxml.html (no network, no huge trees; lxml's
HTML parser never expands external entities).

Before any text is read, what is not content is removed: scripts, styles,
templates, forms, navigation, headers and footers, hidden elements, and
elements whose id/class/role names a cookie banner, consent dialog, menu or
breadcrumb trail (unless that element holds most of the page's text, as a
wrapper with an unlucky class name does). Lines that are JSON or script
(inline i18n blobs) are dropped too. Then h1-h6 become headings, p/div text
paragraphs, li list items with their nesting level, tr table rows with their
cells; <br> splits lines. An element that is not a known inline tag (a
namespaced or custom wrapper such as <asp:Content> or <agenda-item>) is a
block container, never run into the text around it. The title of a collapsed
item (a <summary>, or a <button> that opens a panel: aria-expanded,
aria-controls, data-toggle, an accordion/collapse class) is a heading one level
below the last real heading; other buttons are dropped. A <form> that holds
most of the page (ASP.NET wraps the whole page in one) is kept as a container.
A hidden element that a toggle opens (its id is a toggle's aria-controls or
data-target, its class says collapse/panel, or it follows a toggle) is a
collapsed panel, content a reader opens, and is kept; other hidden elements go.
A <header> or "item-header" inside an article, section or list item is the
item's own header, not the page's, and is kept. A table row whose cells hold
block content or long text is page layout, not data: its cells are read as
containers, and a cell of nothing but links (the menu column) is left out. The
<title> is the title when the page has no h1. Headings made from item titles
carry the tag as their style ("button", "summary").

Layouts of site builders, Word and e-mail (prepare(), after the boilerplate):
menus and breadcrumb trails (links with only separators between them) and
print/share links go; Office tags (<o:p>) are unwrapped; a Word list marker
(mso-list:Ignore) that is a number stays the item's number, a bullet makes the
paragraph a list item of its mso-list level; <p class=MsoTitle> is the title; a
number alone in its element followed by the title in the next ("2" + "Orientering",
a flexbox row) reads "2. Orientering"; a field label and its value in two
sibling blocks read "Label: value", as do <dt>/<dd> pairs with a one-line value
(otherwise the term is a label line before its paragraphs); a short line that is
all bold, underlined or in a large font, not a sentence or a field label, is a
heading (style "large": one level below the last real heading; "bold": below the
last real or large one). A one-cell table row (e-mail layout) keeps its <br>
lines apart, and a field row "Deltagere: | A<br>B" reads as the label and its lines.

Encoding: a BOM, then <meta charset>, then strict UTF-8, then charset-normalizer.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.docx import is_heading_text
from pipeline.ingest.fields import field_labels, is_text_cell, label_key
from pipeline.ingest.text import decode, normalise
from pipeline.types import BlockKind, RawBlock

DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "iframe",
        "svg",
        "button",
        "select",
        "input",
        "textarea",
        "object",
        "embed",
        "head",
        "dialog",
        "menu",
    }
)
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
BOILERPLATE_MAX_SHARE = 0.5  # an element with more of the page's text than this is kept anyway
# Dropped tags that may still hold the page: kept when they hold more than BOILERPLATE_MAX_SHARE of its text.
WRAPPER_DROP_TAGS = frozenset({"form"})
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
# A <button> that opens and closes an item's panel: its text is the item's title.
TOGGLE_ATTRIBUTES = ("aria-expanded", "aria-controls", "data-toggle", "data-bs-toggle", "data-target", "data-bs-target")
TOGGLE_CLASS_WORDS = frozenset({"accordion", "collapse", "collapsible", "toggle", "expand", "expander", "disclosure"})
TITLE_TAGS = frozenset({"summary", "button"})  # item titles of collapsed items, read as headings
TOGGLE_TARGETS = ("aria-controls", "data-target", "data-bs-target", "href")  # the panel a toggle opens
# A hidden element with one of these class words is a collapsed panel: a reader opens it, so it is content.
PANEL_CLASS_WORDS = frozenset({"collapse", "collapsed", "accordion", "panel", "expandable", "collapsible"})
# Inside these, "header"/"footer" words and <header> tags name an item's own header, not the page's.
CONTENT_TAGS = frozenset({"article", "main", "section", "li", "details", "td", "dd"})
PAGE_PART_WORDS = frozenset({"header", "footer", "hdr", "ftr"})
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
ITEM_TEXT_TAGS = frozenset({"p", "div", "span", "blockquote"})  # their text inside <li> is the item's
# A table cell holding one of these (or long text) makes its row page layout.
LAYOUT_CELL_CONTENT = ("table", "ul", "ol", "blockquote", "pre", *HEADINGS)
LAYOUT_CELL_PARAGRAPHS = ("p", "div")  # two of these with text in one cell make it page layout
LAYOUT_CELL_CHARS = 400
LAYOUT_CELL_BREAKS = 3
# A line of script or data, not prose: JSON objects/arrays, JS assignments.
CODE_LINE = re.compile(
    r"""^\s*(?:[{\[]\s*["'{\[]|(?:window|document)\.[\w.]+\s*=|"""
    r"""(?:var|let|const)\s+[A-Za-z_$][\w$]*\s*=\s*[{\["'\d]|function\s*\()"""
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_WORDS = re.compile(r"[a-z]+")
LINE_BREAK = "\u2028"  # what <br> becomes while text is collected (Unicode LINE SEPARATOR)

# ---- page furniture by structure
# A link bar (menu, breadcrumb trail): two or more links and, between them, only separators;
# a breadcrumb trail may end in the current page's name after a crumb separator.
LINK_BAR_SEPARATORS = re.compile(r"[\s›»>|/·•–—:,;()\[\]-]+")
CRUMB_SEPARATORS = ("›", "»", ">", "→")
CRUMB_MAX_WORDS = 6  # the current page's name at the end of a breadcrumb trail
LINK_BAR_MAX_CHARS = 300
LINK_BAR_MAX_LINK_WORDS = 4  # a menu's entries are short; a list of linked item titles is content
LINK_BAR_SKIP_TAGS = frozenset({"html", "body", "main", "article", "section", "table", "tbody", "tr", "td", "th"})
# Links that are page tools, not text: print and share buttons (href patterns, one per tool kind).
TOOL_LINK_HREFS = (
    re.compile(r"(?:^\s*javascript:|\bwindow\.).*print\(", re.I),  # javascript:window.print(), onclick="window.print()"
    re.compile(r"(?:facebook\.com/share|twitter\.com/intent|x\.com/intent|linkedin\.com/share)", re.I),
    re.compile(r"^\s*mailto:\?", re.I),  # "send to a friend": a mail with no recipient
)
# Office namespaces' own tags (<o:p>): empty paragraph marks, unwrapped so they split nothing.
OFFICE_TAG_PREFIXES = ("o:", "w:", "v:", "st1:")

# ---- numbering and titles in separate elements
# A number (or letter) alone in its element: "2", "2.", "3.1", "a)", "(b)", "IV.", "§ 4".
NUMBER_ONLY = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[A-Za-z]\)|[A-Za-z]\.|[IVXivx]{1,5}[.)]|§\s*\d{1,3})$")
BARE_NUMBER = re.compile(r"^\d{1,3}$")  # "2" + "Orientering" reads "2. Orientering"
SPLIT_TITLE_MAX_WORDS = 20
SPLIT_NUMBER_PARENTS_SKIP = frozenset({"tr", "table", "tbody", "thead", "ul", "ol", "dl"})
SPLIT_NUMBER_SKIP = frozenset({"td", "th", "li", "dt", "dd", "br"})

# ---- Word-saved HTML
WORD_LIST_LEVEL = re.compile(r"\blevel(\d)\b")  # style="mso-list:l0 level2 lfo1"
WORD_TITLE_CLASSES = frozenset({"msotitle"})  # <p class=MsoTitle>: the document's title
LEVEL_ATTR = "data-referat-level"  # a Word bullet paragraph read as a list item of this level

# ---- styled pseudo-headings
STYLED_HEADING_TAGS = frozenset({"p", "div", "td"})  # td: a one-cell row of an e-mail layout
BOLD_TAGS = frozenset({"b", "strong", "u"})
BOLD_WEIGHTS = frozenset({"bold", "bolder", "600", "700", "800", "900"})
LARGE_FONT_SIZE = re.compile(r"^\s*([\d.]+)\s*(px|pt|em|rem|%)\s*$")
LARGE_FONT_MIN = {"px": 18.0, "pt": 14.0, "em": 1.25, "rem": 1.25, "%": 125.0}
LARGE_FONT_WORDS = frozenset({"large", "x-large", "xx-large", "xxx-large", "larger"})
HEADING_ATTR = "data-referat-heading"  # "large" or "bold": a styled line read as a heading


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


def decode_html(data: bytes) -> str:
    """A BOM wins, then a <meta charset>, then the text reader's detection."""
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return normalise(data.decode(m.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass
    return normalise(decode(data)[0])


def strip_boilerplate(root) -> None:
    """Remove non-content elements in place (see the module docstring)."""
    panels = _toggle_targets(root)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            if el.getparent() is not None:
                el.drop_tree()  # comments and processing instructions
        elif el.tag == "header" and _in_content(el):
            continue  # an article's or item's own header
        elif (el.tag in DROP_TAGS and el.tag not in WRAPPER_DROP_TAGS and not is_item_toggle(el)) or (
            _hidden(el) and not _collapsed_panel(el, panels)
        ):
            el.drop_tree()
    total = len(_text_of(root))
    for el in list(root.iter(*WRAPPER_DROP_TAGS)):
        if el.getparent() is not None and len(_text_of(el)) <= BOILERPLATE_MAX_SHARE * total:
            el.drop_tree()
    total = len(_text_of(root))
    for el in list(root.iter()):
        if el.tag in ("html", "body") or el.getparent() is None or not _furniture(el):
            continue
        if len(_text_of(el)) <= BOILERPLATE_MAX_SHARE * total:
            el.drop_tree()
    for el in list(root.iter("a")):
        target = " ".join(filter(None, (el.get("href"), el.get("onclick"))))
        if el.getparent() is not None and any(p.search(target) for p in TOOL_LINK_HREFS):
            el.drop_tree()  # print / share buttons
    total = len(_text_of(root))
    for el in list(root.iter()):
        if el.getparent() is not None and is_link_bar(el) and len(_text_of(el)) <= BOILERPLATE_MAX_SHARE * total:
            el.drop_tree()


def is_link_bar(el) -> bool:
    """A menu or breadcrumb trail: two or more short links and, between them, only
    separators ("Forside | Om os | Kontakt"), or a crumb trail that ends in the
    current page's name ("Forside › Politik › Referater")."""
    if not isinstance(el.tag, str) or el.tag in LINK_BAR_SKIP_TAGS or not is_block(el):
        return False
    links = [a for a in el.iter("a") if _text_of(a).strip()]
    if len(links) < 2 or any(len(_text_of(a).split()) > LINK_BAR_MAX_LINK_WORDS for a in links):
        return False
    if len(_text_of(el)) > LINK_BAR_MAX_CHARS:
        return False
    rest = "".join(el.xpath(".//text()[not(ancestor::a)]"))
    words = LINK_BAR_SEPARATORS.sub(" ", rest).split()
    if not words:
        return True
    return any(sep in rest for sep in CRUMB_SEPARATORS) and len(words) <= CRUMB_MAX_WORDS


def prepare(root) -> None:
    """Normalise what page builders and Word split or style (after strip_boilerplate):
    Office tags unwrapped, Word bullets as list items, a number and its title in
    separate elements joined into one line, styled lines marked as headings."""
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.tag.startswith(OFFICE_TAG_PREFIXES) and el.getparent() is not None:
            el.drop_tag()
    _word_list_markers(root)
    _join_split_numbers(root)
    _join_label_values(root)
    _mark_styled_headings(root)


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


def _word_list_markers(root) -> None:
    """Word keeps a list's marker in <span style="mso-list:Ignore">: a number or letter
    ("1.", "a.") stays the item's number in the text; a bullet ("·", "o", "§" in a
    symbol font) is dropped and its paragraph becomes a list item of its level."""
    for span in list(root.iter("span")):
        if style_of(span).get("mso-list") != "ignore" or span.getparent() is None:
            continue
        para = next((a for a in span.iterancestors() if is_block(a)), None)
        if para is None or para.tag not in ("p", "div") or NUMBER_ONLY.match(" ".join(_text_of(span).split())):
            continue
        level = WORD_LIST_LEVEL.search(style_of(para).get("mso-list", ""))
        span.drop_tree()
        para.tag = "li"
        para.set(LEVEL_ATTR, level.group(1) if level else "1")


def _join_split_numbers(root) -> None:
    """A number alone in its element followed by the title in the next one (a flexbox
    row <div>2</div><div>Orientering</div>, <span class="nr">3.</span><span>Budget</span>)
    reads as one line, "2. Orientering", as the page shows it."""
    for num in list(root.iter()):
        if not isinstance(num.tag, str) or num.tag in SPLIT_NUMBER_SKIP or num.tag in HEADINGS:
            continue
        parent, nxt = num.getparent(), num.getnext()
        if parent is None or parent.tag in SPLIT_NUMBER_PARENTS_SKIP or nxt is None or not isinstance(nxt.tag, str):
            continue
        marker = " ".join(_text_of(num).split())
        if not NUMBER_ONLY.match(marker) or _has_blocks(num) or (num.tail or "").strip():
            continue
        title = " ".join(_text_of(nxt).split())
        if (
            nxt.tag in SPLIT_NUMBER_SKIP
            or not title[:1].isalpha()
            or len(title.split()) > SPLIT_TITLE_MAX_WORDS
            or _has_blocks(nxt)
            or nxt.find(".//br") is not None
            or not _starts_line(num)
        ):
            continue
        sep = ". " if BARE_NUMBER.match(marker) else " "
        if nxt.tag in HEADINGS:  # <span>2</span><h3>Budget</h3>: the heading takes the number
            nxt.text = marker + sep + (nxt.text or "").lstrip()
            num.drop_tree()
            continue
        for el in (num, nxt):
            if is_block(el):
                el.tag = "span"
        num.tail = sep


def _join_label_values(root) -> None:
    """A field label and its value in two sibling blocks of one row (<div class="row">
    <div>Mødested</div><div>Rådhuset</div></div>) read as the line "Mødested: Rådhuset",
    as a <dl> or a two-cell table row does."""
    labels = field_labels()
    for row in list(root.iter()):
        if not isinstance(row.tag, str) or row.tag in SPLIT_NUMBER_PARENTS_SKIP or (row.text or "").strip():
            continue
        kids = [c for c in row if isinstance(c.tag, str)]
        if len(kids) != 2 or len(row) != 2 or any((c.tail or "").strip() for c in kids):
            continue
        label, value = kids
        if not all(is_block(c) and c.tag not in SPLIT_NUMBER_SKIP and c.tag not in HEADINGS for c in kids):
            continue
        name = " ".join(_text_of(label).split())
        if label_key(name) not in labels or _has_blocks(label) or not _one_line(value) or _has_blocks(value):
            continue
        if not _text_of(value).strip():
            continue
        label.tag = value.tag = "span"
        label.tail = " " if name.endswith(":") else ": "


def _starts_line(el) -> bool:
    """Nothing but markup stands before the element on its line."""
    for sib in el.itersiblings(preceding=True):
        if (sib.tail or "").strip():
            return False
        if sib.tag == "br" or is_block(sib):
            return True
        if _text_of(sib).strip():
            return False
    parent = el.getparent()
    if parent is None or (parent.text or "").strip():
        return parent is None
    return True if is_block(parent) else _starts_line(parent)


def _mark_styled_headings(root) -> None:
    """A short line that is all bold, underlined or in a large font (a <div> styled as
    a heading, <p><strong>Title</strong></p>) is a heading; not a sentence, a label
    ("Til stede:"), a field label ("Beslutning") or a bare number."""
    labels = field_labels()
    for el in root.iter(*STYLED_HEADING_TAGS):
        if _has_blocks(el) or el.find(".//br") is not None:
            continue
        text = " ".join(_inline(el).split())
        if not is_heading_text(text) or label_key(text) in labels or NUMBER_ONLY.match(text):
            continue
        if not any(c.isalpha() for c in text):
            continue
        runs = list(_emphasis_runs(el, frozenset()))
        if runs and all(runs):
            el.set(HEADING_ATTR, "large" if all("large" in r for r in runs) else "bold")


def _emphasis_runs(el, inherited: frozenset[str]):
    """The emphasis ("bold", "large") of each run of text inside the element."""
    here = set(inherited)
    style = style_of(el)
    weight = style.get("font-weight", "")
    if el.tag in BOLD_TAGS or weight in BOLD_WEIGHTS or "underline" in style.get("text-decoration", ""):
        here.add("bold")
    elif weight in ("normal", "lighter", "400", "300"):
        here.discard("bold")
    if _large_font(style.get("font-size", "")):
        here.add("large")
    emphasis = frozenset(here)
    if (el.text or "").strip():
        yield emphasis
    for child in el:
        if isinstance(child.tag, str):
            yield from _emphasis_runs(child, emphasis)
        if (child.tail or "").strip():
            yield emphasis


def _large_font(size: str) -> bool:
    if size in LARGE_FONT_WORDS:
        return True
    m = LARGE_FONT_SIZE.match(size)
    if m is None:
        return False
    try:
        return float(m.group(1)) >= LARGE_FONT_MIN[m.group(2)]
    except ValueError:  # "1.2.3em"
        return False


def _hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or "display:none" in style or el.get("aria-hidden") == "true"


def _furniture(el) -> bool:
    names = " ".join(filter(None, (el.get(a) for a in ("id", "class", "role", "aria-label")))).lower()
    words = set(_WORDS.findall(names))
    if not words or BOILERPLATE_WORDS.isdisjoint(words):
        return False
    # "item-header" inside an article or list item is the item's own header
    return not (BOILERPLATE_WORDS & words <= PAGE_PART_WORDS and _in_content(el))


def _in_content(el) -> bool:
    return any(isinstance(a.tag, str) and a.tag in CONTENT_TAGS for a in el.iterancestors())


def _toggle_targets(root) -> set[str]:
    """Ids of the panels that item toggles open (aria-controls="p1", data-target="#p1")."""
    ids: set[str] = set()
    for el in root.iter("button", "a", "summary"):
        if el.tag != "a" or any(el.get(a) is not None for a in TOGGLE_ATTRIBUTES):
            for attr in TOGGLE_TARGETS:
                ids.update(v.lstrip("#") for v in (el.get(attr) or "").split() if v.lstrip("#"))
    return ids


def _collapsed_panel(el, panels: set[str]) -> bool:
    """A hidden element that a toggle opens: its id is a toggle's target, its class says
    panel/collapse, or it follows an item toggle. A reader opens it, so it is content."""
    if el.get("id") and el.get("id") in panels:
        return True
    if not PANEL_CLASS_WORDS.isdisjoint(_WORDS.findall((el.get("class") or "").lower())):
        return True
    prev = el.getprevious()
    return prev is not None and is_item_toggle(prev)


def _text_of(el) -> str:
    return "".join(el.itertext())


def is_item_toggle(el) -> bool:
    """A <button> that opens an item's panel, with a title of some words (not "OK", "Luk")."""
    if el.tag != "button":
        return False
    classes = set(_WORDS.findall((el.get("class") or "").lower()))
    toggles = any(el.get(a) is not None for a in TOGGLE_ATTRIBUTES) or not TOGGLE_CLASS_WORDS.isdisjoint(classes)
    return toggles and len(_text_of(el).split()) >= 2


def is_block(el) -> bool:
    """An element that breaks the line: every tag but the known inline ones (and <br>)."""
    return isinstance(el.tag, str) and el.tag not in INLINE_TAGS and el.tag != "br"


# ---------------------------------------------------------------- walking


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
    the last real heading."""
    last = next((b.level for b in reversed(blocks) if b.kind == BlockKind.heading and b.style is None), 0)
    text = " ".join(el.itertext()) if el.tag == "button" else _inline(el)
    style = el.tag if el.tag in TITLE_TAGS else "summary"
    for line in text.split(LINE_BREAK):
        line = " ".join(line.split())
        if line:
            blocks.append(RawBlock(kind=BlockKind.heading, text=line, level=min(last + 1, 6), style=style))


def _styled_heading(el, blocks: list[RawBlock]) -> None:
    """A large line is a heading one level below the last real heading; a bold line
    one level below the last real or large one (so bold lines under a large title
    are its sections, and a run of bold lines are siblings)."""
    kind = el.get(HEADING_ATTR)
    kept = (None,) if kind == "large" else (None, "large")
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


def _one_line(el) -> bool:
    """The element's text is one line: no <br>, no list, table or heading, at most one paragraph."""
    if el.find(".//br") is not None or any(el.find(f".//{tag}") is not None for tag in LAYOUT_CELL_CONTENT):
        return False
    return len(_leaf_blocks(el)) <= 1


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


def _has_blocks(el) -> bool:
    return any(is_block(d) for d in el.iterdescendants())


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


def _preformatted(el, blocks: list[RawBlock]) -> None:
    _emit("".join(el.itertext()).replace("\n", LINE_BREAK), BlockKind.paragraph, 0, blocks)


def _emit(text: str, kind: BlockKind, level: int, blocks: list[RawBlock]) -> None:
    for line in text.split(LINE_BREAK):
        line = " ".join(line.split())
        if line:
            blocks.append(RawBlock(kind=kind, text=line, level=level))


def _first_line(e: Exception) -> str:
    lines = str(e).strip().splitlines()
    return lines[0][:120] if lines else type(e).__name__
