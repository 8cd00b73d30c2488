"""Typed models for every stage boundary of the pipeline.

file -> SourceDocument (blocks with pages and offsets) -> Section -> spaCy Doc
-> MeetingRecord (records with Provenance) -> store -> query/export.

This module imports nothing else of ours.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

BLOCK_SEPARATOR = "\n"


class BlockKind(str, Enum):
    title = "title"  # type: ignore[assignment]  # a member named like str.title, on purpose
    heading = "heading"
    paragraph = "paragraph"
    list_item = "list_item"
    table_row = "table_row"


class RawBlock(BaseModel):
    """What a reader emits: a block of text before offsets are assigned."""

    model_config = ConfigDict(frozen=True)

    kind: BlockKind
    text: str
    level: int = 0  # heading level (1..) or list nesting level (1..); 0 = n/a
    page: int = 1  # 1-based page number (1 for formats without pages)
    cells: Optional[list[str]] = None  # the cells of a table row
    style: Optional[str] = None  # the source style name when the format has one
    ocr_confidence: Optional[float] = None  # 0..100 when the text came from OCR


class Block(RawBlock):
    """A block of the canonical text: `text == document.text[start:end]`."""

    index: int
    start: int
    end: int


class SourceDocument(BaseModel):
    """One input file read into canonical text and structural blocks."""

    doc_id: str  # SHA-256 of the file's bytes
    path: str
    name: str  # file name, e.g. komdir_hb_2022-01-14_referat.pdf
    format: str  # txt, docx, pdf, doc, odt, rtf, html
    reader: str  # which reader (and tool) produced the blocks, e.g. "pdfplumber"
    pages: int = 1
    text: str
    blocks: list[Block]
    ocr: bool = False
    ocr_confidence: Optional[float] = None  # mean word confidence 0..100
    warnings: list[str] = Field(default_factory=list)

    @classmethod
    def from_blocks(cls, raw: list[RawBlock], **meta) -> SourceDocument:
        """Assign offsets: the canonical text is the blocks' texts joined by newlines."""
        blocks: list[Block] = []
        parts: list[str] = []
        pos = 0
        for rb in raw:
            text = rb.text.strip()
            if not text:
                continue
            if parts:
                pos += len(BLOCK_SEPARATOR)
            blocks.append(
                Block(index=len(blocks), start=pos, end=pos + len(text), **rb.model_dump(exclude={"text"}), text=text)
            )
            parts.append(text)
            pos += len(text)
        pages = max([b.page for b in blocks] + [meta.pop("pages", 1) or 1])
        return cls(text=BLOCK_SEPARATOR.join(parts), blocks=blocks, pages=pages, **meta)


# ---------------------------------------------------------------- records


class Provenance(BaseModel):
    """Where a record comes from, and which rule produced it."""

    doc_id: str
    page: int
    start: int  # character offsets into SourceDocument.text
    end: int
    rule: str = ""  # generator, e.g. "decision.cue:ønsker@v1"
    ocr: bool = False
    ocr_confidence: Optional[float] = None

    @classmethod
    def at(cls, block: Block, start: int, end: int, rule: str, *, doc_id: str) -> Provenance:
        """The provenance of text of `block`: start and end are offsets into the document's
        text (not the block's); the page and the OCR fields are the block's."""
        return cls(
            doc_id=doc_id,
            page=block.page,
            start=start,
            end=end,
            rule=rule,
            ocr=block.ocr_confidence is not None,
            ocr_confidence=block.ocr_confidence,
        )


Precision = Literal["day", "week", "period", "month", "year"]


class DateRange(BaseModel):
    """A normalised date or period, with the text it was read from."""

    text: str
    start: dt.date
    end: dt.date
    precision: Precision = "day"


class VoteTally(BaseModel):
    for_: int = Field(0, alias="for")
    against: int = 0
    abstain: int = 0
    text: str = ""

    model_config = ConfigDict(populate_by_name=True)


MeetingKind = Literal["agenda", "minutes", "other"]
MeetingMode = Literal["digital", "physical", "hybrid"]


class Meeting(BaseModel):
    organization: Optional[str] = None
    body: Optional[str] = None
    kind: MeetingKind = "other"
    title: Optional[str] = None
    date: Optional[dt.date] = None
    mode: Optional[MeetingMode] = None
    location: Optional[str] = None
    provenance: Optional[Provenance] = None


class Participant(BaseModel):
    name: str
    status: Literal["present", "absent"]
    role: Optional[str] = None  # formand, næstformand, referent, ordstyrer, gæst ...
    reason: Optional[str] = None  # the reason for an apology, "(syg)"
    affiliation: Optional[str] = None
    provenance: Provenance


class RoleAssignment(BaseModel):
    """A role the document states: 'Referent: X', 'Formand: Y', 'Tovholder: Z'."""

    name: str
    role: str
    item: Optional[str] = None
    provenance: Provenance


class AgendaItem(BaseModel):
    number: str
    title: str
    owner: Optional[str] = None
    parent: Optional[str] = None  # number of the enclosing item for sub-items
    provenance: Provenance


class Decision(BaseModel):
    item: Optional[str] = None
    text: str
    due: Optional[DateRange] = None
    votes: Optional[VoteTally] = None
    provenance: Provenance


class Action(BaseModel):
    item: Optional[str] = None
    text: str
    owners: list[str] = Field(default_factory=list)
    due: Optional[DateRange] = None
    provenance: Provenance


class Event(BaseModel):
    date: dt.date
    end: Optional[dt.date] = None
    text: str
    provenance: Provenance


class DocumentMeta(BaseModel):
    """What the store keeps of a document beside its records: its canonical text (which
    every Provenance points into) and how it was read. Each field is a `documents` column."""

    text: str = ""
    size: int = 0  # bytes, with mtime: how an unchanged file is recognised without reading it
    mtime: float = 0.0
    reader: str = ""
    ocr: bool = False
    ocr_confidence: Optional[float] = None
    warnings: list[str] = Field(default_factory=list)


class MeetingRecord(BaseModel):
    """Everything extracted from one document."""

    document: str  # file name
    doc_id: str
    path: str
    format: str
    pages: int
    pipeline: str = ""  # which spaCy pipeline ran
    meeting: Meeting
    attendees: list[Participant] = Field(default_factory=list)
    absentees: list[Participant] = Field(default_factory=list)
    roles: list[RoleAssignment] = Field(default_factory=list)
    agenda_items: list[AgendaItem] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    def to_gold_json(self) -> dict:
        """The per-document JSON of shared/gold/GUIDE.md (extra fields allowed)."""

        def due(d: Optional[DateRange]):
            return None if d is None else {"text": d.text, "start": d.start.isoformat(), "end": d.end.isoformat()}

        def prov(p: Provenance) -> dict:
            return p.model_dump(exclude={"doc_id"}, exclude_none=True)

        m = self.meeting
        return {
            "document": self.document,
            "doc_id": self.doc_id,
            "pipeline": self.pipeline,
            "meeting": {
                "organization": m.organization,
                "body": m.body,
                "kind": m.kind,
                "title": m.title,
                "date": m.date.isoformat() if m.date else None,
                "mode": m.mode,
                "location": m.location,
            },
            "attendees": [p.name for p in self.attendees],
            "absentees": [p.name for p in self.absentees],
            "participants": [
                {"name": p.name, "status": p.status, "role": p.role, "reason": p.reason, "source": prov(p.provenance)}
                for p in self.attendees + self.absentees
            ],
            "roles": [{"name": r.name, "role": r.role, "item": r.item} for r in self.roles],
            "agenda_items": [
                {
                    "number": a.number,
                    "title": a.title,
                    "owner": a.owner,
                    "parent": a.parent,
                    "source": prov(a.provenance),
                }
                for a in self.agenda_items
            ],
            "decisions": [
                {
                    "item": d.item,
                    "text": d.text,
                    "due": due(d.due),
                    "votes": d.votes.model_dump(by_alias=True) if d.votes else None,
                    "source": prov(d.provenance),
                }
                for d in self.decisions
            ],
            "actions": [
                {"item": a.item, "text": a.text, "owners": a.owners, "due": due(a.due), "source": prov(a.provenance)}
                for a in self.actions
            ],
            "events": [
                {
                    "date": e.date.isoformat(),
                    **({"end": e.end.isoformat()} if e.end else {}),
                    "text": e.text,
                    "source": prov(e.provenance),
                }
                for e in self.events
            ],
        }


# ---------------------------------------------------------------- sections


class ItemSection(BaseModel):
    """An agenda item: its heading block and the blocks under it."""

    number: str
    title: str
    heading: Block
    blocks: list[Block] = Field(default_factory=list)
    calendar: bool = False  # a "Mødekalender"/"Kalender" item: its lines are events
    agenda: bool = True  # False: a section that is not an agenda item (a dated logbook entry)


class Segmented(BaseModel):
    """A document split into its header zone and its agenda items."""

    header: list[Block]
    items: list[ItemSection]
    title: Optional[Block] = None
