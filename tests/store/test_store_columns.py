"""The column declarations of pipeline/store/columns.py against the schema and the models:
a model field without a column, or a column nothing writes, fails here; and a record saved
and read back through the query layer keeps every field."""

from __future__ import annotations

import datetime as dt
import sqlite3
import typing

import pytest
from pydantic import BaseModel

from pipeline.analyst import query
from pipeline.store import Store
from pipeline.store import columns as cols
from pipeline.types import (
    Action,
    AgendaItem,
    DateRange,
    Decision,
    DocumentMeta,
    Event,
    Meeting,
    MeetingRecord,
    Participant,
    Provenance,
    RoleAssignment,
    VoteTally,
)


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


def drift(conn: sqlite3.Connection, spec: cols.Stored) -> list[str]:
    """What does not match between a declaration and its migrated table."""
    table = {c[1] for c in conn.execute(f"PRAGMA table_info({spec.table})")}
    declared = [*spec.columns(), *spec.store, *spec.later]
    problems = [f"{spec.table}.{c} is declared twice" for c in set(declared) if declared.count(c) > 1]
    problems += [f"{spec.table} has no column {c} (add a migration)" for c in declared if c not in table]
    problems += [f"{spec.table}.{c} is written by nothing (declare it)" for c in sorted(table - set(declared))]
    fields = {f for model in spec.models for f in model.model_fields}
    problems += [f"{spec.table}: {f} (elsewhere) is no field of its models" for f in spec.elsewhere if f not in fields]
    return problems


@pytest.mark.parametrize("spec", cols.STORED, ids=lambda s: s.table)
def test_every_model_field_has_a_column_and_every_column_a_writer(store, spec):
    assert drift(store.conn, spec) == []


def test_a_field_without_a_column_is_caught(store):
    class Grown(Decision):
        confidence: float = 0.0

    spec = cols.Stored("decisions", (Grown,), store=cols.DECISIONS.store, later=cols.DECISIONS.later)
    assert drift(store.conn, spec) == ["decisions has no column confidence (add a migration)"]
    spec = cols.Stored("decisions", (Decision,), store=("document_id", "meeting_id"), later=cols.DECISIONS.later)
    assert drift(store.conn, spec) == [
        "decisions.agenda_title is written by nothing (declare it)",
        "decisions.stemmed is written by nothing (declare it)",
    ]


def test_every_record_list_of_a_meeting_record_has_its_table():
    by_table = {s.table: s for s in cols.STORED}
    for name, info in MeetingRecord.model_fields.items():
        if name in cols.DOCUMENTS.elsewhere:
            spec = by_table[cols.DOCUMENTS.elsewhere[name]]
            args = typing.get_args(info.annotation)
            assert (args[0] if args else info.annotation) in spec.models, name
        else:
            assert name in cols.DOCUMENTS.renamed or name in cols.DOCUMENTS.columns(), name


# ------------------------------------------------------------------ round trip


def _prov(start: int, rule: str) -> Provenance:
    return Provenance(doc_id="0f" * 32, page=2, start=start, end=start + 7, rule=rule, ocr=True, ocr_confidence=81.5)


def invented() -> tuple[MeetingRecord, DocumentMeta]:
    """A record with every optional field set to an invented value."""
    due = DateRange(
        text="inden udgangen af marts", start=dt.date(2031, 3, 1), end=dt.date(2031, 3, 31), precision="month"
    )
    record = MeetingRecord(
        document="havneforeningen_2031-02-11_referat.pdf",
        doc_id="0f" * 32,
        path="data/raw/havneforeningen_2031-02-11_referat.pdf",
        format="pdf",
        pages=4,
        pipeline="da_core_news_md-3.8.0",
        meeting=Meeting(
            organization="Havneforeningen",
            body="Bestyrelsen",
            kind="minutes",
            title="Referat af bestyrelsesmøde",
            date=dt.date(2031, 2, 11),
            mode="hybrid",
            location="Pakhuset, mødelokale 3",
            provenance=_prov(0, "meeting.title"),
        ),
        attendees=[
            Participant(
                name="Gorm Valbjørn",
                status="present",
                role="formand",
                reason="kom senere",
                affiliation="Nordkajen",
                provenance=_prov(10, "participants.present"),
            )
        ],
        absentees=[
            Participant(
                name="Sif Tornbjerg",
                status="absent",
                role="kasserer",
                reason="syg",
                affiliation="Sydkajen",
                provenance=_prov(20, "participants.absent"),
            )
        ],
        roles=[
            RoleAssignment(name="Gorm Valbjørn", role="ordstyrer", item="2", provenance=_prov(30, "role.ordstyrer"))
        ],
        agenda_items=[
            AgendaItem(
                number="2", title="Bådpladser", owner="Sif Tornbjerg", parent="1", provenance=_prov(40, "agenda.item")
            ),
            AgendaItem(
                number="2.a", title="Venteliste", owner="Gorm Valbjørn", parent="2", provenance=_prov(50, "agenda.sub")
            ),
        ],
        decisions=[
            Decision(
                item="2",
                text="Bestyrelsen vedtog den nye takst for bådpladser.",
                due=due,
                votes=VoteTally(for_=4, against=2, abstain=1, text="4 for, 2 imod, 1 undlod"),
                provenance=_prov(60, "decision.cue:vedtog@v1"),
            )
        ],
        actions=[
            Action(
                item="2.a",
                text="Ventelisten gennemgås og sendes ud.",
                owners=["Sif Tornbjerg", "sekretariatet"],
                due=due,
                provenance=_prov(70, "action.cue:sendes@v1"),
            )
        ],
        events=[
            Event(
                date=dt.date(2031, 5, 2),
                end=dt.date(2031, 5, 4),
                text="Havnefest på Nordkajen",
                provenance=_prov(80, "event.date"),
            )
        ],
    )
    meta = DocumentMeta(
        text="Bestyrelsesmøde i Havneforeningen, invented text.",
        size=4321,
        mtime=1_900_000_000.5,
        reader="pdfplumber",
        ocr=True,
        ocr_confidence=81.5,
        warnings=["page 3 empty"],
    )
    return record, meta


def _every_value_set(model: BaseModel, where: str = "") -> None:
    """The invented record leaves no field at its default None (so the round trip checks every column)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        assert value is not None, f"{where}{name}"
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, BaseModel):
                _every_value_set(v, f"{where}{name}.")


def test_a_saved_record_reads_back_with_every_field(store):
    record, meta = invented()
    _every_value_set(record)
    _every_value_set(meta)
    store.save(record, meta)
    assert query.record(store, record.path) == record
    assert query.record(store, record.doc_id) == record
    assert query.document_meta(store, record.path) == meta


def test_every_declared_column_is_written(store):
    """After saving the invented record, every column the model or the writer fills holds a value."""
    record, meta = invented()
    store.save(record, meta)
    for spec in cols.STORED:
        for column in [*spec.columns(), *spec.store]:
            if (spec.table, column) == ("documents", "error"):  # the error of a failed document
                continue
            nulls = store.conn.execute(f'SELECT COUNT(*) FROM {spec.table} WHERE "{column}" IS NULL').fetchone()[0]
            rows = store.conn.execute(f"SELECT COUNT(*) FROM {spec.table}").fetchone()[0]
            assert rows and not nulls, f"{spec.table}.{column}"


def test_an_unknown_document_is_a_query_error(store):
    with pytest.raises(query.QueryError, match="no imported document"):
        query.record(store, "data/raw/never.pdf")


def test_a_record_with_no_optional_values_reads_back(store):
    record, meta = invented()
    record.meeting.provenance = None
    record.decisions[0].due = record.decisions[0].votes = record.actions[0].due = None
    record.events[0].end = None
    meta = DocumentMeta()
    store.save(record, meta)
    assert query.record(store, record.path) == record
    assert query.document_meta(store, record.path) == meta


def test_records_added_by_corrections_read_back(store):
    from pipeline.store import corrections

    record, meta = invented()
    store.save(record, meta)
    for kind in ("decision", "action", "event", "attendee", "absentee"):
        text = {"attendee": "Ulla Fjordbæk", "absentee": "Aksel Grenå"}.get(kind, f"Tilføjet {kind}.")
        due = "2031-06-01..2031-06-03" if kind in ("event", "action") else None
        corrections.add_record(store, record.path, kind, text=text, item="2", owners=["Gorm Valbjørn"], due=due)
    back = query.record(store, record.path)
    assert [d.text for d in back.decisions] == [record.decisions[0].text, "Tilføjet decision."]
    added = back.actions[-1]
    assert (added.owners, added.due and added.due.end) == (["Gorm Valbjørn"], dt.date(2031, 6, 3))
    assert (back.events[-1].date, back.events[-1].end) == (dt.date(2031, 6, 1), dt.date(2031, 6, 3))
    assert [p.name for p in back.attendees] == ["Gorm Valbjørn", "Ulla Fjordbæk"]
    assert [p.name for p in back.absentees] == ["Sif Tornbjerg", "Aksel Grenå"]
    assert all(x.provenance.rule == "correction.add" for x in (back.decisions[-1], added, back.events[-1]))
