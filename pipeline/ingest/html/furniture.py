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
and blocks of nothing but download links. CODE_LINE: lines of JSON or script.
The link and download bars are found in link_bars, what is kept (calendars, member lists,
footer meetings) in calendars; both re-exported here."""

from __future__ import annotations

import re

from pipeline.ingest.html.calendars import FOOTER_LINE_TAGS as FOOTER_LINE_TAGS
from pipeline.ingest.html.calendars import is_calendar as is_calendar
from pipeline.ingest.html.calendars import is_member_list as is_member_list
from pipeline.ingest.html.calendars import keep_calendars, keep_footer_meetings
from pipeline.ingest.html.dom import (
    _WORDS,
    BOILERPLATE_WORDS,
    _classes,
    _in_content,
    _text_of,
)
from pipeline.ingest.html.items import (
    HEADER_WORDS,
    _collapsed_panel,
    _toggle_targets,
    is_item_header,
    is_item_toggle,
)
from pipeline.ingest.html.link_bars import is_download_bar as is_download_bar
from pipeline.ingest.html.link_bars import is_link_bar as is_link_bar

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

# A line of script or data, not prose: JSON objects/arrays, JS assignments.
CODE_LINE = re.compile(
    r"""^\s*(?:[{\[]\s*["'{\[]|(?:window|document)\.[\w.]+\s*=|"""
    r"""(?:var|let|const)\s+[A-Za-z_$][\w$]*\s*=\s*[{\["'\d]|function\s*\()"""
)

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
