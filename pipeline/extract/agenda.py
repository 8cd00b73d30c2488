"""Agenda items (number, title, owner) from the segmented document."""
from __future__ import annotations

import re

from pipeline.extract.people import Roster, looks_like_name, split_names
from pipeline.lexicon import lexicon
from pipeline.types import AgendaItem, ItemSection, Provenance

# "... ved Brian", "... v. Lasse Hansen", "... Ved kasserer Charlotte Ayyad.", "(v/ Bent Holm)"
_OWNER_IN_TITLE = re.compile(r"[\s.,]\(?(?i:oplæg ved|ved|v\.|v/)\s*(?:(?P<role>[a-zæøå]+)\s+)?"
                             r"(?P<name>[A-ZÆØÅ][\w-]+(?:\s[A-ZÆØÅ][\w-]+){0,3})\s*\)?\.?$")
_FIELD = re.compile(r"^(?P<label>[^:]{2,30}?)\s*:\s*(?P<value>.+)$")


def _owner_line(text: str, labels: set[str]) -> str | None:
    """'Tovholder: X', 'Ansvarlig: X', 'Oplæg ved sognepræst X' -> the text naming X."""
    m = _FIELD.match(text)
    if m and m.group("label").strip().casefold() in labels:
        return m.group("value")
    low = text.casefold()
    for label in sorted(labels, key=len, reverse=True):
        if len(label) > 3 and low.startswith(label + " ") and len(text.split()) <= 8:
            return text[len(label) + 1:]
    return None


def item_owner(item: ItemSection, roster: Roster) -> tuple[str | None, str]:
    """(owner, title): an owner line under the heading, or '... ved X' ending the
    heading, which is then cut from the title."""
    labels = set(lexicon().item_owner_fields)
    for b in item.blocks[:5]:
        value = _owner_line(b.text, labels)
        names = split_names(value) if value else []
        if names:
            return roster.resolve(names[0].name) or names[0].name, item.title
    m = _OWNER_IN_TITLE.search(item.title)
    if m and m.group("role") and m.group("role") not in _roles():
        m = None
    if m and (roster.resolve(m.group("name")) or looks_like_name(m.group("name"), strict=True)):
        owner = roster.resolve(m.group("name")) or m.group("name")
        if m.group("role") or len(m.group("name").split()) > 1:  # a written-out presenter is part of the title
            return owner, item.title
        return owner, item.title[:m.start()].rstrip(" ,-–(")  # "Budget 2024 ved Brian": a presenter tag
    return None, item.title


def _roles() -> set[str]:
    lx = lexicon()
    return set(lx.role_words) | set(lx.role_fields)


def agenda_items(items: list[ItemSection], roster: Roster, doc_id: str) -> list[AgendaItem]:
    out = []
    for it in items:
        if not it.agenda:  # a dated logbook entry: a section, not an agenda item
            continue
        h = it.heading
        owner, title = item_owner(it, roster)
        out.append(AgendaItem(number=it.number, title=title, owner=owner,
                              provenance=Provenance(doc_id=doc_id, page=h.page, start=h.start, end=h.end,
                                                    rule="agenda.heading")))
    return _parents_first(out)


_SUB_NUMBER = re.compile(r"^(?P<parent>\d+|[A-Z])(?:[a-z]|\.\d+)$")


def _parents_first(items: list[AgendaItem]) -> list[AgendaItem]:
    """Sub-items ("4a", "5.2") right after their item and its earlier sub-items, in
    document order otherwise (minutes may give a sub-item after the next item's line)."""
    numbers = [a.number for a in items]
    out: list[AgendaItem] = []
    for a in items:
        m = _SUB_NUMBER.match(a.number)
        if m and m["parent"] in numbers and any(o.number == m["parent"] for o in out):
            at = max(i for i, o in enumerate(out)
                     if o.number == m["parent"] or (_SUB_NUMBER.match(o.number) or {"parent": None})["parent"]
                     == m["parent"])
            out.insert(at + 1, a)
        else:
            out.append(a)
    return out
