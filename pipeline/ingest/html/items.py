"""Item headers and toggles of portal pages: which header is an item's own, and
which elements are the titles of collapsed items. The title of a collapsed item
(a <summary>, or a <button> that opens a panel: aria-expanded, aria-controls,
data-toggle, an accordion/collapse class) is a heading; other buttons are dropped.
A hidden element that a toggle opens (its id is a toggle's aria-controls or
data-target, its class says collapse/panel, or it follows a toggle) is a collapsed
panel, content a reader opens. A <header> or "item-header" inside an article,
section or list item is the item's own header, not the page's; so is a header whose
class is qualified by a non-page word ("punkt-header", "agenda-item__header"; not
"site-header", "page-header") or that leads a container repeated with its class
(one <div class="sag"> per item), unless it holds a logo, a menu or only links.
Such a leading title ("punkt-header", "felt-titel") is marked as a heading: one level
below the last real heading before the items, one more per item container around it."""

from __future__ import annotations

from pipeline.ingest.html.dom import (
    _WORDS,
    BOILERPLATE_WORDS,
    CLASS_PARTS,
    HEADINGS,
    LIST_TAGS,
    SPLIT_NUMBER_SKIP,
    _classes,
    _first_child,
    _has_blocks,
    _siblings,
    _text_of,
    is_block,
    links_only,
)

# A <button> that opens and closes an item's panel: its text is the item's title.
TOGGLE_ATTRIBUTES = ("aria-expanded", "aria-controls", "data-toggle", "data-bs-toggle", "data-target", "data-bs-target")
TOGGLE_CLASS_WORDS = frozenset({"accordion", "collapse", "collapsible", "toggle", "expand", "expander", "disclosure"})
TITLE_TAGS = frozenset({"summary", "button"})  # item titles of collapsed items, read as headings
TOGGLE_TARGETS = ("aria-controls", "data-target", "data-bs-target", "href")  # the panel a toggle opens

# A hidden element with one of these class words is a collapsed panel: a reader opens it, so it is content.
PANEL_CLASS_WORDS = frozenset({"collapse", "collapsed", "accordion", "panel", "expandable", "collapsible"})

# ---- an item's own header (municipal portals: repeated <div> items, each led by its header)
# "<x>-header", "<x>__header", "<x>_hdr": an item part's header unless <x> names the page.
HEADER_WORDS = frozenset({"header", "hdr"})
PAGE_LEVEL_PREFIXES = frozenset(
    {"site", "page", "main", "top", "global", "masthead", "app", "layout", "portal", "body", "wrapper", "container"}
)

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


def is_item_toggle(el) -> bool:
    """A <button> that opens an item's panel, with a title of some words (not "OK", "Luk")."""
    if el.tag != "button":
        return False
    classes = set(_WORDS.findall((el.get("class") or "").lower()))
    toggles = any(el.get(a) is not None for a in TOGGLE_ATTRIBUTES) or not TOGGLE_CLASS_WORDS.isdisjoint(classes)
    return toggles and len(_text_of(el).split()) >= 2
