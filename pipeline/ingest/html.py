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
item's own header, not the page's, and is kept; so is a header whose class is
qualified by a non-page word ("punkt-header", "agenda-item__header"; not
"site-header", "page-header") or that leads a container repeated with its class
(one <div class="sag"> per item), unless it holds a logo, a menu or only links.
Such a leading title ("punkt-header", "felt-titel") is a heading: one level below
the last real heading before the items, one more per item container around it.
A sidebar's calendar (a list of day-dated entries) is kept with its title, the
rest of the sidebar goes; so do WordPress skip links, screen-reader labels,
byline, post date and comments (exact theme class names), and blocks of nothing
but download links. Fields on one line ("Sagsnr.: X · Sagsansvarlig: Y") are
lines of their own. A table row whose cells hold
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
# ---- an item's own header (municipal portals: repeated <div> items, each led by its header)
# "<x>-header", "<x>__header", "<x>_hdr": an item part's header unless <x> names the page.
HEADER_WORDS = frozenset({"header", "hdr"})
PAGE_LEVEL_PREFIXES = frozenset(
    {"site", "page", "main", "top", "global", "masthead", "app", "layout", "portal", "body", "wrapper", "container"}
)
CLASS_PARTS = re.compile(r"[-_]+")
# Class words that make an element its container's title ("punkt-header", "felt-titel", "case-title").
TITLE_CLASS_WORDS = frozenset({"header", "hdr", "heading", "head", "title", "titel", "overskrift", "caption"})
ITEM_HEADER_MAX_WORDS = 25
# Class words of a page grid: containers so named are layout, not items.
LAYOUT_CLASS_WORDS = frozenset(
    {"container", "wrapper", "row", "col", "column", "columns", "grid", "inner", "outer", "layout", "fluid"}
)
REPEAT_MAX_DEPTH = 3  # a field container this deep in an item container repeats with its item
ITEM_HEADING_ATTR = "data-referat-item-heading"  # the heading level of an item header in a repeated container
ITEM_HEADING_STYLE = "item"
# Inside a page header: a logo or a menu.
PAGE_HEADER_CONTENT = ("img", "nav", "menu", "form", "input", "select", "svg", "picture")
# ---- CMS furniture by exact class token (WordPress and similar themes): text no reader of the post sees
# or reads as the minutes (skip links, screen-reader labels, byline and post date, comments).
POST_FURNITURE_CLASSES = frozenset(
    {
        "skip-link",
        "screen-reader-text",
        "post-meta",
        "entry-meta",
        "posted-on",
        "byline",
        "post-date",
        "entry-date",
        "entry-categories",
        "cat-links",
        "tags-links",
        "post-tags",
        "comments-area",
        "comments-wrapper",
        "comment-respond",
        "comment-list",
        "commentlist",
    }
)
POST_FURNITURE_IDS = frozenset({"comments", "respond"})
# ---- sidebars: a calendar of coming events (a list whose entries are dated) is content; the rest is not.
SIDEBAR_WORDS = frozenset({"sidebar", "widget", "widgets"})
CALENDAR_MIN_DATED_SHARE = 0.5
FOOTER_LINE_TAGS = ("p", "div", "li")  # the lines of a page footer
# ... and so is a list of the board's members with their roles (names the minutes give by first name only).
MEMBER_LIST_MIN = 2
MEMBER_LIST_MIN_SHARE = 0.6
# ---- download links ("Hent samlet dagsorden som PDF (2,4 MB)"): page tools when nothing else is in the block
DOWNLOAD_HREF = re.compile(r"\.(?:pdf|zip|docx?|xlsx?|pptx?|odt|rtf)(?:[?#].*)?$", re.I)
FILE_NOTE = re.compile(r"\((?:[\d.,]+\s*[kmg]?b|pdf|zip|docx?|xlsx?|pptx?|odt|rtf)\)", re.I)
DOWNLOAD_MAX_LINK_WORDS = 8
# ---- several fields on one line: "Sagsnr.: 12/345 · Sagsansvarlig: Dorte Winther" (also "|" or a gap of spaces)
FIELD_JOINT = re.compile(r"\s*[·|•]\s*|\s{2,}")
FIELD_AHEAD = re.compile(r"([^\W\d][\w .()/-]{0,40}?)\s*:(?:\s|$)")
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
MAX_NAME_LINE_WORDS = 12  # a member line: "Lone Vinther (A), formand"
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
    keep_calendars(root)
    keep_footer_meetings(root)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            if el.getparent() is not None:
                el.drop_tree()  # comments and processing instructions
        elif el.tag == "header" and (_in_content(el) or is_item_header(el)):
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
        if el.getparent() is None or len(_text_of(el)) > BOILERPLATE_MAX_SHARE * total:
            continue
        if is_link_bar(el) or is_download_bar(el):
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


def is_download_bar(el) -> bool:
    """A block of nothing but download links to files, with separators and file notes
    ("Hent samlet dagsorden som PDF (2,4 MB) · Hent alle bilag (zip)"): page tools."""
    if not isinstance(el.tag, str) or el.tag in LINK_BAR_SKIP_TAGS or not is_block(el) or _has_blocks(el):
        return False
    links = [a for a in el.iter("a") if _text_of(a).strip()]
    if not links or not all(DOWNLOAD_HREF.search((a.get("href") or "").strip()) for a in links):
        return False
    if any(len(FILE_NOTE.sub(" ", _text_of(a)).split()) > DOWNLOAD_MAX_LINK_WORDS for a in links):
        return False
    rest = FILE_NOTE.sub(" ", "".join(el.xpath(".//text()[not(ancestor::a)]")))
    return not LINK_BAR_SEPARATORS.sub(" ", rest).split()


def keep_calendars(root) -> None:
    """A sidebar (<aside>, a "sidebar" or "widget" block) is page furniture, but a
    calendar in it (a list whose entries are mostly day-precise dates: "7. maj –
    Fællesspisning") is the organisation's coming events: it is kept, with its title,
    in place of the sidebar; the rest (link lists, archives, "Om os") goes with it."""
    from lxml import etree

    for side in list(root.iter()):
        if not isinstance(side.tag, str) or side.getparent() is None or not _sidebar(side):
            continue
        if any(_sidebar(a) for a in side.iterancestors()):
            continue  # the outermost sidebar decides
        calendars = [lst for lst in side.iter(*LIST_TAGS) if is_calendar(lst) or is_member_list(lst)]
        if not calendars:
            continue
        kept = etree.Element("div")
        for lst in calendars:
            title = lst.getprevious()
            while title is not None and not isinstance(title.tag, str):
                title = title.getprevious()
            if title is not None and (title.tag in HEADINGS or _titled(title)) and not _has_blocks(title):
                kept.append(_copy(title))
            kept.append(_copy(lst))
        kept.tail = side.tail
        side.getparent().replace(side, kept)


def keep_footer_meetings(root) -> None:
    """A page footer is furniture, but a line in it that names a meeting and its day
    ("Næste møde i udvalget: torsdag den 12. marts 2026") is the minutes' last line:
    such lines are kept, in place of the footer; the rest (address, "opdateret") goes."""
    from lxml import etree

    from pipeline.ingest.layout import _dated, _names_a_meeting

    for foot in list(root.iter("footer")):
        if foot.getparent() is None or _in_content(foot):
            continue
        leaves = [el for el in foot.iter(*FOOTER_LINE_TAGS) if el is not foot and not _has_blocks(el)] or [foot]
        lines = [" ".join(_text_of(el).split()) for el in leaves]
        lines = list(dict.fromkeys(t for t in lines if t and _names_a_meeting(t) and _dated(t)))
        if not lines:
            continue
        kept = etree.Element("div")
        for line in lines:
            etree.SubElement(kept, "p").text = line
        kept.tail = foot.tail
        foot.getparent().replace(foot, kept)


def _sidebar(el) -> bool:
    if el.tag == "aside":
        return True
    names = " ".join(filter(None, (el.get(a) for a in ("id", "class", "role")))).lower()
    return not SIDEBAR_WORDS.isdisjoint(_WORDS.findall(names)) or el.get("role") == "complementary"


def is_calendar(lst) -> bool:
    """A list whose entries are mostly dated to the day and are not just links."""
    from datetime import date

    from pipeline.dates import find_dates

    items = [li for li in lst if isinstance(li.tag, str) and li.tag == "li"]
    if not items:
        return False
    ref = date.today()
    dated = [
        li
        for li in items
        if not links_only(li)
        and any(m.range.precision == "day" for m in find_dates(" ".join(_text_of(li).split()), ref))
    ]
    return len(dated) >= max(1, CALENDAR_MIN_DATED_SHARE * len(items))


def is_member_list(lst) -> bool:
    """A list of the board or the staff ("Formand: Henrik Skov", "Bo Rasmussen, kasserer"):
    most entries are short and name a person (a known first name before a capitalised word)."""
    items = [li for li in lst if isinstance(li.tag, str) and li.tag == "li"]
    if len(items) < MEMBER_LIST_MIN:
        return False
    named = [li for li in items if not links_only(li) and _names_person(" ".join(_text_of(li).split()))]
    return len(named) >= MEMBER_LIST_MIN_SHARE * len(items)


def _names_person(text: str) -> bool:
    from pipeline.lexicon import is_first_name

    words = re.findall(r"[^\W\d_][\w'-]*", text)
    return len(text.split()) <= MAX_NAME_LINE_WORDS and any(
        is_first_name(a) and a[0].isupper() and b[0].isupper() for a, b in zip(words, words[1:])
    )


def _copy(el):
    import copy

    out = copy.deepcopy(el)
    out.tail = None
    return out


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
    _mark_item_headers(root)
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


def _mark_item_headers(root) -> None:
    """The header of each item in a list of repeated containers (<div class="dagsordenpunkt">
    <div class="punkt-header">1. Budget</div>...; fields <div class="felt"><div
    class="felt-titel">Beslutning</div>...) is a heading: one level below the last
    real heading before the list, one more for each item container it sits in."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag in HEADINGS or el.tag in SPLIT_NUMBER_SKIP or not is_block(el):
            continue
        if el.tag in LIST_TAGS or el.tag in ("tr", "table", "tbody", "thead", "dl"):
            continue
        if not (_titled(el) or _qualified_header(el)) or not _repeated_first(el):
            continue
        if _has_blocks(el) or el.find(".//br") is not None:
            continue
        text = " ".join(_text_of(el).split())
        if not any(c.isalpha() for c in text) or len(text.split()) > ITEM_HEADER_MAX_WORDS:
            continue
        el.set(ITEM_HEADING_ATTR, str(min(_item_level(el.getparent()), 6)))


def _item_level(container) -> int:
    for outer in container.iterancestors():
        first = _first_child(outer)
        if first is not None and first.get(ITEM_HEADING_ATTR):
            return int(first.get(ITEM_HEADING_ATTR)) + 1
    group = next(s for s in container.getparent() if isinstance(s.tag, str) and _classes(s) & _classes(container))
    before = group.xpath("preceding::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6][1]")
    return HEADINGS[before[0].tag] + 1 if before else 1


def _participant_labels() -> frozenset[str]:
    from pipeline.lexicon import lexicon

    lx = lexicon()
    names = ("participants_present", "participants_absent", "participants_guest", "participants_members")
    return frozenset(label for name in names for label in getattr(lx, name, ()))


def _join_label_values(root) -> None:
    """A field label and its value in two sibling blocks of one row (<div class="row">
    <div>Mødested</div><div>Rådhuset</div></div>) read as the line "Mødested: Rådhuset",
    as a <dl> or a two-cell table row does."""
    labels, people = field_labels(), _participant_labels()
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
        if label_key(name) not in labels or _has_blocks(label) or not _text_of(value).strip():
            continue
        if not _one_line(value) or _has_blocks(value):
            if label_key(name) in people and not name.endswith(":") and _short_lines(value):
                _append_text(label, ":")  # "Medlemmer" + one member a line: the label line, then the names
            continue
        label.tag = value.tag = "span"
        label.tail = " " if name.endswith(":") else ": "


def _short_lines(el) -> bool:
    """The element holds short lines (one name a line): no list, table or heading, no long line."""
    if any(el.find(f".//{tag}") is not None for tag in LAYOUT_CELL_CONTENT):
        return False
    lines = [" ".join(t.split()) for t in "".join(_texts_blocks(el)).split(LINE_BREAK)]
    lines = [t for t in lines if t]
    return bool(lines) and all(len(t.split()) <= MAX_NAME_LINE_WORDS for t in lines)


def _texts_blocks(el):
    """The element's text with a LINE_BREAK at each <br> and around each block."""
    yield _flat(el.text)
    for child in el:
        if not isinstance(child.tag, str):
            pass
        elif child.tag == "br":
            yield LINE_BREAK
        elif is_block(child):
            yield LINE_BREAK
            yield from _texts_blocks(child)
            yield LINE_BREAK
        else:
            yield from _texts_blocks(child)
        yield _flat(child.tail)


def _append_text(el, text: str) -> None:
    last = next((d for d in reversed(list(el.iterdescendants())) if isinstance(d.tag, str)), None)
    if last is None:
        el.text = (el.text or "").rstrip() + text
    elif (last.tail or "").strip():
        last.tail = last.tail.rstrip() + text
    else:
        last.text = (last.text or "").rstrip() + text


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
    if not POST_FURNITURE_CLASSES.isdisjoint(_classes(el)) or (el.get("id") or "").lower() in POST_FURNITURE_IDS:
        return True
    names = " ".join(filter(None, (el.get(a) for a in ("id", "class", "role", "aria-label")))).lower()
    words = set(_WORDS.findall(names))
    if not words or BOILERPLATE_WORDS.isdisjoint(words):
        return False
    parts = BOILERPLATE_WORDS & words
    # "item-header" inside an article or list item is the item's own header
    if parts <= PAGE_PART_WORDS and _in_content(el):
        return False
    return not (parts <= HEADER_WORDS and is_item_header(el))


def is_item_header(el) -> bool:
    """An item's own header, not the page's: its class names an item part ("punkt-header",
    "agenda-item__header": a qualified header whose qualifier is not page-level such as
    site-, page-, main-, top-), or it is the first child of a container repeated as
    siblings with the same class (one <div class="sag"> per item). A header holding a
    logo or a menu, or only links, is the page's."""
    if not (_qualified_header(el) or _repeated_first(el)):
        return False
    if any(el.find(f".//{tag}") is not None for tag in PAGE_HEADER_CONTENT):
        return False
    return not links_only(el) and bool(_text_of(el).strip())


def _qualified_header(el) -> bool:
    for token in _classes(el):
        parts = [p for p in CLASS_PARTS.split(token) if p]
        if len(parts) >= 2 and parts[-1] in HEADER_WORDS:
            qualifier = parts[:-1]
            if not any(p in PAGE_LEVEL_PREFIXES or p in BOILERPLATE_WORDS for p in qualifier):
                return True
    return False


def _titled(el) -> bool:
    """The element says it is a title or header: a <header>, or a class word such as
    header, title, titel, heading."""
    if el.tag == "header":
        return True
    return not TITLE_CLASS_WORDS.isdisjoint(_WORDS.findall((el.get("class") or "").lower()))


def _repeated_first(el) -> bool:
    """The element is the first child of a container that has siblings of the same class
    and holds more than this first child (an item's header in a list of items)."""
    parent = el.getparent()
    if parent is None or _first_child(parent) is not el:
        return False
    if set(_WORDS.findall(" ".join(_classes(parent)))) <= LAYOUT_CLASS_WORDS:
        return False  # a grid's rows and columns are the page's layout, not items
    return _repeated(parent) and any(isinstance(c.tag, str) and c is not el and _text_of(c).strip() for c in parent)


def _repeated(el) -> bool:
    """Siblings share the element's class, or it sits in an item container so repeated
    and another of those containers holds an element of the same tag and class (the
    one "Beslutning" field of item 1, when item 2 has its fields too)."""
    classes = _classes(el)
    if not classes:
        return False
    if any(s is not el and isinstance(s.tag, str) and classes & _classes(s) for s in _siblings(el)):
        return True
    for depth, outer in enumerate(el.iterancestors()):
        if depth >= REPEAT_MAX_DEPTH:
            break
        twins = [s for s in _siblings(outer) if s is not outer and _classes(outer) & _classes(s)]
        if any(d.tag == el.tag and classes & _classes(d) for s in twins for d in s.iter()):
            return True
    return False


def _siblings(el) -> list:
    parent = el.getparent()
    return [s for s in parent if isinstance(s.tag, str)] if parent is not None else []


def _first_child(el):
    return next((c for c in el if isinstance(c.tag, str)), None)


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
    for raw in text.split(LINE_BREAK):
        for part in split_fields(raw):
            line = " ".join(part.split())
            if line:
                blocks.append(RawBlock(kind=kind, text=line, level=level))


def split_fields(line: str) -> list[str]:
    """'Sagsnr.: 12/345 · Sagsansvarlig: Dorte Winther' is two lines: a separator
    (·, |, a gap of spaces) followed by a field label and its colon starts a field."""
    if ":" not in line:
        return [line]
    labels = field_labels()
    parts, start = [], 0
    for sep in FIELD_JOINT.finditer(line):
        label = FIELD_AHEAD.match(line, sep.end())
        if not (label and label_key(label.group(1)) in labels and line[start : sep.start()].strip()):
            continue
        parts.append(line[start : sep.start()])
        start = sep.end()
    return [*parts, line[start:]]


def _first_line(e: Exception) -> str:
    lines = str(e).strip().splitlines()
    return lines[0][:120] if lines else type(e).__name__
