"""Agenda items (number, title, owner) from the segmented document."""
from __future__ import annotations

import re

from pipeline.extract.people import Roster, looks_like_name, split_names
from pipeline.lexicon import lexicon
from pipeline.types import AgendaItem, ItemSection, Provenance

_OWNER_IN_TITLE = re.compile(r"\s\(?(?:ved|v\.|oplæg ved|v/)\s*(?P<name>[A-ZÆØÅ][\w-]+(?:\s[A-ZÆØÅ][\w-]+){0,2})\s*\)?$")
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
    if m and (roster.resolve(m.group("name")) or looks_like_name(m.group("name"), strict=True)):
        return roster.resolve(m.group("name")) or m.group("name"), item.title[:m.start()].rstrip(" ,-–(")
    return None, item.title


def agenda_items(items: list[ItemSection], roster: Roster, doc_id: str) -> list[AgendaItem]:
    out = []
    for it in items:
        h = it.heading
        owner, title = item_owner(it, roster)
        out.append(AgendaItem(number=it.number, title=title, owner=owner,
                              provenance=Provenance(doc_id=doc_id, page=h.page, start=h.start, end=h.end,
                                                    rule="agenda.heading")))
    return out
