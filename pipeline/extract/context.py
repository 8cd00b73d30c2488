"""The extraction context: what the extractors of one document read, computed once.

`build_context(doc)` runs the stages every later extractor depends on, in data-flow order:

    blocks -> segment (header, items) -> participants (roster, roles) -> meeting date
    -> events (calendar lines leave the zones) -> the zones the statement rules scan

The participants give the roster that owners resolve to, and the event collector takes
the calendar lines out of the blocks, so their results are part of the context. The
context is frozen: an extractor reads it and returns its own result type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from pipeline.dates import date_in_name
from pipeline.extract.events import collect_events
from pipeline.extract.meeting import meeting_body, meeting_date
from pipeline.extract.participant_labels import participant_labels
from pipeline.extract.participants import find_participants
from pipeline.extract.roster import Roster
from pipeline.segment import segment
from pipeline.types import Block, Event, Participant, Provenance, RoleAssignment, Segmented, SourceDocument

_YEAR = re.compile(r"\b(19[5-9]\d|20\d{2})\b")


class ScanZone(NamedTuple):
    """The blocks the statement rules scan in one zone: item None is the header before the
    first item (the whole document when no item was found), else an item's number. The
    calendar lines the event collector read are not in it."""

    item: str | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ExtractionContext:
    source: SourceDocument
    seg: Segmented  # the header zone and the agenda items
    fallback_ref: date  # for year inference before the meeting date is known (fallback_reference)
    meeting_date: date | None
    meeting_date_source: Provenance | None  # where the meeting date was read (None: the file name, or none)
    ref: date  # the meeting date, else fallback_ref: what dates without a year are read against
    title: str | None  # the document's title line
    body: str | None  # the meeting body ("HB", "bestyrelsen"), from the title or the text
    roster: Roster  # participants and the full names of role lines and signatures
    attendees: tuple[Participant, ...]
    absentees: tuple[Participant, ...]
    roles: tuple[RoleAssignment, ...]
    events: tuple[Event, ...]
    zones: tuple[ScanZone, ...]  # the header zone first, then one per item, in document order
    headings: dict[str, Block]  # item number -> the item's heading block
    participant_labels: tuple[str, ...]  # participant labels of the header and items (for the mode)

    @property
    def doc_id(self) -> str:
        return self.source.doc_id

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def text(self) -> str:
        return self.source.text


def fallback_reference(doc: SourceDocument) -> date:
    """A reference date for year inference before the meeting date is known:
    a date in the file name, else mid-year of the first year the document mentions
    (never today's date)."""
    named = date_in_name(doc.name)
    if named is not None:
        return named
    m = _YEAR.search(doc.text[:3000]) or _YEAR.search(doc.name)
    return date(int(m.group(1)), 7, 1) if m else date(2000, 7, 1)


def build_context(doc: SourceDocument) -> ExtractionContext:
    seg = segment(doc.blocks)
    people = find_participants(seg, doc.doc_id)
    roster = people.roster()
    fallback = fallback_reference(doc)
    day, day_source = meeting_date(seg, doc.doc_id, fallback, doc.name)
    ref = day or fallback
    events, remaining = collect_events(seg.items, seg.header, doc.doc_id, day, ref)
    title = seg.title.text if seg.title else None
    # Nothing is left unscanned: the header before the first item (and a document
    # where no item was found at all) and every item, participant items included.
    zones = [ScanZone(None, tuple(remaining[None]))]
    zones += [ScanZone(it.number, tuple(remaining[it.number])) for it in seg.items]
    return ExtractionContext(
        source=doc,
        seg=seg,
        fallback_ref=fallback,
        meeting_date=day,
        meeting_date_source=day_source,
        ref=ref,
        title=title,
        body=meeting_body(title, doc.text),
        roster=roster,
        attendees=tuple(people.attendees),
        absentees=tuple(people.absentees),
        roles=tuple(people.roles),
        events=tuple(events),
        zones=tuple(zones),
        headings={it.number: it.heading for it in seg.items},
        participant_labels=tuple(participant_labels(seg)),
    )


__all__ = ["ExtractionContext", "ScanZone", "build_context", "fallback_reference"]
