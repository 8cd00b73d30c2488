"""Page furniture, dropped before any text is read: scripts, styles, templates,
forms, navigation, headers and footers, hidden elements, and elements whose
id/class/role names a cookie banner, consent dialog, menu or breadcrumb trail
(unless that element holds most of the page's text, as a wrapper with an unlucky
class name does). A <form> that holds most of the page (ASP.NET wraps the whole
page in one) is kept as a container. A hidden element that a toggle opens is a
collapsed panel and kept (items.py); an item's own header is kept too.
A sidebar's calendar (a list of day-dated entries) or member list is kept with its
title, the rest of the sidebar goes; a footer line naming the next meeting and its
day is kept, the rest of the footer goes; so do WordPress skip links, screen-reader
labels, byline, post date and comments (exact theme class names), menus and
breadcrumb trails (links with only separators between them), print/share links
and blocks of nothing but download links. CODE_LINE: lines of JSON or script."""

from __future__ import annotations

import re

from pipeline.ingest.html.dom import (
    _WORDS,
    BOILERPLATE_WORDS,
    HEADINGS,
    LIST_TAGS,
    MAX_NAME_LINE_WORDS,
    _classes,
    _has_blocks,
    _in_content,
    _text_of,
    is_block,
    links_only,
)
from pipeline.ingest.html.items import (
    HEADER_WORDS,
    _collapsed_panel,
    _titled,
    _toggle_targets,
    is_item_header,
    is_item_toggle,
)

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
BOILERPLATE_MAX_SHARE = 0.5  # an element with more of the page's text than this is kept anyway

# Dropped tags that may still hold the page: kept when they hold more than BOILERPLATE_MAX_SHARE of its text.
WRAPPER_DROP_TAGS = frozenset({"form"})
PAGE_PART_WORDS = frozenset({"header", "footer", "hdr", "ftr"})

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

# A line of script or data, not prose: JSON objects/arrays, JS assignments.
CODE_LINE = re.compile(
    r"""^\s*(?:[{\[]\s*["'{\[]|(?:window|document)\.[\w.]+\s*=|"""
    r"""(?:var|let|const)\s+[A-Za-z_$][\w$]*\s*=\s*[{\["'\d]|function\s*\()"""
)

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
        if side.tag == "body" or side.find(".//h1") is not None:
            continue  # <body class="has-sidebar">: the page itself, not a sidebar
        calendars = [lst for lst in side.iter(*LIST_TAGS) if is_calendar(lst) or is_member_list(lst)]
        calendars += [el for el in side.iter("table", "p") if _member_block(el)]
        calendars = [el for el in calendars if not any(a in calendars for a in el.iterancestors())]
        calendars.sort(key=lambda el: _order(side, el))
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


def _member_block(el) -> bool:
    """A sidebar's table of the members ("Helle Munch (A), formand | Deltog") or a paragraph
    of staff one a line ("Skolechef Anders Bøgh (pkt. 3)<br>..."): most rows or lines name a person."""
    if el.tag == "table":
        rows = [tr for tr in el.iter("tr") if any(isinstance(c.tag, str) and c.tag == "td" for c in tr)]
        lines = [
            " ".join(_text_of(next(c for c in tr if isinstance(c.tag, str) and c.tag == "td")).split()) for tr in rows
        ]
    else:
        if links_only(el) or _has_blocks(el):
            return False
        lines = [" ".join(part.split()) for part in _lines_of(el)]
    lines = [t for t in lines if t]
    if len(lines) < MEMBER_LIST_MIN:
        return False
    return sum(map(_names_person, lines)) >= MEMBER_LIST_MIN_SHARE * len(lines)


def _lines_of(el) -> list[str]:
    """The text of `el` split at its <br> elements."""
    lines, cur = [], [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag == "br":
            lines.append("".join(cur))
            cur = [child.tail or ""]
        else:
            cur.append("".join(child.itertext()) + (child.tail or ""))
    lines.append("".join(cur))
    return lines


def _order(root, el) -> int:
    for i, node in enumerate(root.iter()):
        if node is el:
            return i
    return 0


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
