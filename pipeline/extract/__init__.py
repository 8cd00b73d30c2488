"""SourceDocument + spaCy pipeline -> MeetingRecord.

build_context: blocks -> segment (header, items) -> participants (roster) -> meeting date
-> events (calendar lines, dated mentions) -> the zones the statement rules scan;
then each extractor reads the context: decisions and actions per zone (and action
tables), relative due dates of the actions (due.py), agenda items, meeting metadata; the record is built once at the end.
"""

from __future__ import annotations

from spacy.language import Language

from pipeline.extract.agenda import agenda_items
from pipeline.extract.context import ExtractionContext, build_context, fallback_reference
from pipeline.extract.due import resolve_dues
from pipeline.extract.meeting import build_meeting
from pipeline.extract.roster import role_holders
from pipeline.extract.statements import extract_statements
from pipeline.nlp.build import pipeline_name
from pipeline.types import MeetingRecord, SourceDocument


def extract_record(doc: SourceDocument, nlp: Language) -> MeetingRecord:
    ctx = build_context(doc)
    statements = extract_statements(nlp, ctx)
    holders = role_holders([*ctx.attendees, *ctx.absentees], list(ctx.roles), ctx.roster)
    agenda = agenda_items(ctx.seg.items, ctx.roster, ctx.doc_id, holders)
    meeting = build_meeting(ctx, statements)
    return MeetingRecord(
        document=doc.name,
        doc_id=doc.doc_id,
        path=doc.path,
        format=doc.format,
        pages=doc.pages,
        pipeline=pipeline_name(nlp),
        meeting=meeting,
        attendees=list(ctx.attendees),
        absentees=list(ctx.absentees),
        roles=list(ctx.roles),
        agenda_items=agenda,
        decisions=resolve_dues(ctx, statements.decisions),
        actions=resolve_dues(ctx, statements.actions),
        events=list(ctx.events),
    )


__all__ = ["ExtractionContext", "build_context", "extract_record", "fallback_reference"]
