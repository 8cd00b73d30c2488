"""One document's records as rows: attendance, roles, agenda items, decisions, actions
with their owners, events; every name resolved through the person registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.privacy import mask_cpr
from pipeline.store import columns as cols
from pipeline.store import corrections
from pipeline.store import people as people_mod
from pipeline.store.rows import insert, insert_many, inserted_id
from pipeline.store.stemming import stem_text
from pipeline.types import Action, MeetingRecord

if TYPE_CHECKING:
    from pipeline.store.writer import Store


class RecordWriter:
    """Inserts the records of one document, resolving names through the registry."""

    def __init__(self, store: Store, record: MeetingRecord, doc: int, meeting: int):
        self.conn, self.registry = store.conn, store.registry
        self.record, self.doc, self.meeting = record, doc, meeting
        self.org = record.meeting.organization
        self.titles = {a.number: mask_cpr(a.title) for a in record.agenda_items}

    def person(self, name: str | None, kind: people_mod.Kind | None) -> tuple[int | None, str | None]:
        if not name:
            return None, None
        match = self.registry.resolve(self.conn, name, self.org, kind)
        if match is None:
            return None, None
        return match.person_id, people_mod.clean(name)

    def write(self) -> None:
        r = self.record
        rows = []
        for p in r.attendees + r.absentees:
            pid, name = self.person(p.name, "person")
            if pid is not None:
                rows.append(cols.ATTENDANCE.row(p) | self.ids | {"person_id": pid, "name": name})
        insert_many(self.conn, "attendance", rows)
        rows = []
        for role in r.roles:
            pid, name = self.person(role.name, "person")
            if pid is not None:
                rows.append(cols.PERSON_ROLES.row(role) | self.ids | {"person_id": pid, "name": name})
        insert_many(self.conn, "person_roles", rows)
        rows = []
        for item in r.agenda_items:
            pid, owner = self.person(item.owner, None)
            rows.append(cols.AGENDA_ITEMS.row(item) | self.ids | {"owner": owner, "owner_person_id": pid})
        insert_many(self.conn, "agenda_items", rows)
        insert_many(self.conn, "decisions", [self._statement(cols.DECISIONS.row(d), d.item) for d in r.decisions])
        for action in r.actions:
            self._action(action)
        insert_many(self.conn, "events", [cols.EVENTS.row(e) | self.ids for e in r.events])
        corrections.set_keys(self.conn, self.doc, r.doc_id)

    @property
    def ids(self) -> dict[str, object]:
        return {"document_id": self.doc, "meeting_id": self.meeting}

    def _statement(self, row: dict[str, object], item: str | None) -> dict[str, object]:
        """A decision's or action's row with its agenda title and search stems."""
        return row | self.ids | {"agenda_title": self.titles.get(item or ""), "stemmed": stem_text(str(row["text"]))}

    def _action(self, a: Action) -> None:
        cur = insert(self.conn, "actions", self._statement(cols.ACTIONS.row(a), a.item))
        action = inserted_id(cur)
        owners: list[dict[str, object]] = []
        for owner in a.owners:
            pid, name = self.person(owner, None)
            if name:
                owners.append({"action_id": action, "position": len(owners), "person_id": pid, "owner": name})
        insert_many(self.conn, "action_owners", owners)
