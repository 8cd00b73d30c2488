"""What a page's furniture keeps, for pipeline.ingest.html.furniture: a sidebar's calendar
(a list of day-dated entries) or member list, with its title, and a footer line naming the
next meeting and its day; the rest of the sidebar and the footer goes."""

from __future__ import annotations

import re

from pipeline.ingest.html.dom import (
    _WORDS,
    HEADINGS,
    LIST_TAGS,
    MAX_NAME_LINE_WORDS,
    _has_blocks,
    _in_content,
    _text_of,
    links_only,
)
from pipeline.ingest.html.items import (
    _titled,
)

# ---- sidebars: a calendar of coming events (a list whose entries are dated) is content; the rest is not.
SIDEBAR_WORDS = frozenset({"sidebar", "widget", "widgets"})
CALENDAR_MIN_DATED_SHARE = 0.5
FOOTER_LINE_TAGS = ("p", "div", "li")  # the lines of a page footer

# ... and so is a list of the board's members with their roles (names the minutes give by first name only).
MEMBER_LIST_MIN = 2
MEMBER_LIST_MIN_SHARE = 0.6


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
