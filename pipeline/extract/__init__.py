"""SourceDocument + spaCy pipeline -> MeetingRecord.

blocks -> segment (header, items) -> participants (roster) -> meeting date
-> events (calendar lines, dated mentions) -> decisions and actions per item
-> agenda items -> meeting metadata
"""

from __future__ import annotations

import re
from datetime import date

from spacy.language import Language

from pipeline.dates import date_in_name
from pipeline.extract.agenda import agenda_items
from pipeline.extract.events import collect_events
from pipeline.extract.meeting import build_meeting, meeting_body, meeting_date
from pipeline.extract.people import _cue_status, find_participants
from pipeline.extract.statements import extract_statements
from pipeline.extract.tables import table_actions
from pipeline.nlp.build import pipeline_name
from pipeline.segment import segment
from pipeline.types import Block, MeetingRecord, SourceDocument

_YEAR = re.compile(r"\b(19[5-9]\d|20\d{2})\b")


def fallback_reference(doc: SourceDocument) -> date:
    """A reference date for year inference before the meeting date is known:
    a date in the file name, else mid-year of the first year the document mentions
    (never today's date)."""
    named = date_in_name(doc.name)
    if named is not None:
        return named
    m = _YEAR.search(doc.text[:3000]) or _YEAR.search(doc.name)
    return date(int(m.group(1)), 7, 1) if m else date(2000, 7, 1)


def extract_record(doc: SourceDocument, nlp: Language) -> MeetingRecord:
    seg = segment(doc.blocks)
    people = find_participants(seg, doc.doc_id)
    roster = people.roster()  # participants, and full names from role lines and signatures
    day, _ = meeting_date(seg, doc.doc_id, fallback_reference(doc), doc.name)
    ref = day or fallback_reference(doc)
    participant_items = {it.number for it in seg.items if _cue_status(it.title)}
    events, remaining = collect_events(seg.items, seg.header, doc.doc_id, day, ref)
    title = seg.title.text if seg.title else None
    body = meeting_body(title, doc.text)
    # Nothing is left unscanned: the header before the first item (and a document
    # where no item was found at all) and every item, participant items included.
    zones: list[tuple[str | None, list[Block]]] = [(None, remaining[None])]
    zones += [(it.number, remaining[it.number]) for it in seg.items]
    statements = extract_statements(
        nlp,
        doc.doc_id,
        zones,
        roster,
        body,
        ref,
        titles={it.number: it.heading for it in seg.items},
        roles=people.roles,
    )
    for it in seg.items:
        statements.actions += table_actions(it.number, remaining[it.number], roster, doc.doc_id, ref)
    labels = [b.text for b in seg.header if _cue_status(b.text.split(":")[0])] + [
        it.title for it in seg.items if it.number in participant_items
    ]
    meeting = build_meeting(
        seg,
        doc.doc_id,
        doc.text,
        ref=ref,
        n_decisions=len(statements.decisions),
        n_actions=len(statements.actions),
        n_reports=statements.n_reports,
        participant_labels=labels,
        roster=roster.names,
        name=doc.name,
    )
    return MeetingRecord(
        document=doc.name,
        doc_id=doc.doc_id,
        path=doc.path,
        format=doc.format,
        pages=doc.pages,
        pipeline=pipeline_name(nlp),
        meeting=meeting,
        attendees=people.attendees,
        absentees=people.absentees,
        roles=people.roles,
        agenda_items=agenda_items(seg.items, roster, doc.doc_id),
        decisions=statements.decisions,
        actions=statements.actions,
        events=events,
    )
