"""The extraction spine: one frozen context per document, computed once; extractors read it."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

import pipeline.extract.context as context_module
import pipeline.extract.meeting as meeting_module
from pipeline.extract import build_context, extract_record
from pipeline.extract.context import ScanZone
from pipeline.extract.statements import extract_statements
from pipeline.types import Block, BlockKind, Provenance, RawBlock, SourceDocument

# An invented six-line document: a title, a participant line, two items with a statement each
LINES = [
    (BlockKind.heading, "Referat af bestyrelsesmøde 12. marts 2031"),
    (BlockKind.paragraph, "Til stede: Rikke Dal, Jon Brask og Vera Lund"),
    (BlockKind.heading, "1. Budget"),
    (BlockKind.paragraph, "Bestyrelsen godkendte budgettet."),
    (BlockKind.heading, "2. Sommerfest"),
    (BlockKind.paragraph, "Jon Brask undersøger priser på telte."),
]


def _doc() -> SourceDocument:
    raw = [RawBlock(kind=kind, text=text, level=1 if kind == BlockKind.heading else 0) for kind, text in LINES]
    return SourceDocument.from_blocks(
        raw, doc_id="0" * 64, path="example.txt", name="example.txt", format="txt", reader="example"
    )


def test_context_fields_and_frozen():
    ctx = build_context(_doc())
    assert ctx.meeting_date == date(2031, 3, 12) and ctx.ref == ctx.meeting_date
    assert ctx.doc_id == "0" * 64 and ctx.name == "example.txt" and ctx.text.startswith("Referat af")
    assert [p.name for p in ctx.attendees] == ["Rikke Dal", "Jon Brask", "Vera Lund"]
    assert ctx.roster.resolve("Jon") == "Jon Brask"
    assert [z.item for z in ctx.zones] == [None, "1", "2"]
    assert all(isinstance(z, ScanZone) and isinstance(z.blocks, tuple) for z in ctx.zones)
    assert [b.text for b in ctx.zones[2].blocks] == ["Jon Brask undersøger priser på telte."]
    assert sorted(ctx.headings) == ["1", "2"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.ref = date(2000, 1, 1)  # type: ignore[misc]


def test_context_computed_once(nlp, monkeypatch):
    """segment and meeting_date run once per record: build_meeting reads the context's date."""
    calls = {"segment": 0, "meeting_date": 0}

    def counting(name, fn):
        def wrapped(*args, **kwargs):
            calls[name] += 1
            return fn(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(context_module, "segment", counting("segment", context_module.segment))
    monkeypatch.setattr(context_module, "meeting_date", counting("meeting_date", context_module.meeting_date))
    monkeypatch.setattr(meeting_module, "meeting_date", counting("meeting_date", meeting_module.meeting_date))
    record = extract_record(_doc(), nlp)
    assert calls == {"segment": 1, "meeting_date": 1}
    assert record.meeting.date == date(2031, 3, 12)


def test_extractor_runs_from_context(nlp):
    ctx = build_context(_doc())
    statements = extract_statements(nlp, ctx)
    assert [(d.item, d.text) for d in statements.decisions] == [("1", "Bestyrelsen godkendte budgettet.")]
    assert [(a.item, a.owners) for a in statements.actions] == [("2", ["Jon Brask"])]
    for rec in statements.decisions + statements.actions:
        p = rec.provenance
        assert ctx.text[p.start : p.end] == rec.text and p.doc_id == ctx.doc_id


def test_provenance_at_copies_page_and_ocr():
    scanned = Block(
        kind=BlockKind.paragraph, text="Godkendt.", page=3, ocr_confidence=88.5, index=4, start=120, end=129
    )
    p = Provenance.at(scanned, 120, 128, "decision.cue:godkendt", doc_id="d")
    assert (p.doc_id, p.page, p.start, p.end, p.rule) == ("d", 3, 120, 128, "decision.cue:godkendt")
    assert p.ocr is True and p.ocr_confidence == 88.5
    typed = scanned.model_copy(update={"ocr_confidence": None, "page": 1})
    q = Provenance.at(typed, 120, 129, "agenda.heading", doc_id="d")
    assert q.page == 1 and q.ocr is False and q.ocr_confidence is None
