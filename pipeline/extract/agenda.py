"""Agenda items (number, title, owner) from the segmented document."""
from __future__ import annotations

import re

from pipeline.extract.people import Roster, looks_like_name, split_names
from pipeline.lexicon import lexicon
from pipeline.types import AgendaItem, ItemSection, Provenance

_OWNER_IN_TITLE = re.compile(r"\s(?:ved|v\.|oplæg ved|v/)\s+(?P<name>[A-ZÆØÅ][\w-]+(?:\s[A-ZÆØÅ][\w-]+){0,2})\s*\)?$")
_FIELD = re.compile(r"^(?P<label>[^:]{2,30}?)\s*:\s*(?P<value>.+)$")


def item_owner(item: ItemSection, roster: Roster) -> str | None:
    """'Tovholder: X' / 'Ansvarlig: X' under the heading, or '... ved X' in it."""
    labels = set(lexicon().item_owner_fields)
    for b in item.blocks[:5]:
        m = _FIELD.match(b.text)
        if m and m.group("label").strip().casefold() in labels:
            names = split_names(m.group("value"))
            if names:
                return roster.resolve(names[0].name) or names[0].name
    m = _OWNER_IN_TITLE.search(item.title)
    if m and (roster.resolve(m.group("name")) or looks_like_name(m.group("name"))):
        return roster.resolve(m.group("name")) or m.group("name")
    return None


def agenda_items(items: list[ItemSection], roster: Roster, doc_id: str) -> list[AgendaItem]:
    out = []
    for it in items:
        h = it.heading
        out.append(AgendaItem(number=it.number, title=it.title, owner=item_owner(it, roster),
                              provenance=Provenance(doc_id=doc_id, page=h.page, start=h.start, end=h.end,
                                                    rule="agenda.heading")))
    return out
