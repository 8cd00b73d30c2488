"""Analysts' corrections that survive re-import.

Every stored record has a stable key, `kind:sha12:start-end` (the record kind,
the first 12 hex digits of its document's SHA-256, its character span), shown
in query output, exports and the review page. A correction names a key and
what to change:

    reject              the record is wrong: it is removed
    status  done|open|cancelled   (actions)
    fix     text | owner | due | item   with a new value
    add     a record the extractor missed (kind decision, action, event, attendee, absentee)
    meeting date | organization   of the document's meeting

Corrections are kept in their own table and applied to the stored rows when
they are made and again every time their document is saved (re-imported, or
re-extracted by a newer version), so every view, query and export shows them.
A correction whose record is no longer found, because a newer extractor cut
the record differently, is matched by its original text (token overlap) when
it can be, else marked `unmatched` and reported; it is never dropped.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, Optional

from pipeline.errors import StoreError
from pipeline.privacy import mask_cpr
from pipeline.store.schema import insert, insert_many, inserted_id, stem_text, update

if TYPE_CHECKING:
    from pipeline.store.writer import Store


class Kind(str, Enum):
    decision = "decision"
    action = "action"
    attendance = "attendance"
    event = "event"
    agenda_item = "agenda_item"


class Op(str, Enum):
    reject = "reject"
    status = "status"
    fix = "fix"
    add = "add"
    meeting = "meeting"


TABLES = {
    Kind.decision: "decisions",
    Kind.action: "actions",
    Kind.attendance: "attendance",
    Kind.event: "events",
    Kind.agenda_item: "agenda_items",
}
FIX_FIELDS = {
    Kind.decision: {"text", "due", "item"},
    Kind.action: {"text", "owner", "due", "item"},
    Kind.event: {"text", "due"},
    Kind.attendance: {"text"},
    Kind.agenda_item: {"text", "owner"},
}
ACTION_STATUS = ("open", "done", "cancelled")
MEETING_FIELDS = ("date", "organization")
_KEY = re.compile(r"^(?P<kind>[a-z_]+):(?P<sha>[0-9a-f]{6,64}):(?P<span>\d*-\d*|add\d+)$")
TEXT_MATCH = 0.8  # token F1 to re-find a record whose span moved


class CorrectionError(StoreError):
    """A correction that cannot be made: unknown key, field or value."""


@dataclass(frozen=True)
class Key:
    kind: Kind
    sha: str  # a prefix of the document's SHA-256
    span: str  # "start-end", or "addN" for a record added by a correction

    @classmethod
    def parse(cls, text: str) -> Key:
        m = _KEY.match(text.strip())
        if not m or m["kind"] not in Kind.__members__:
            raise CorrectionError(
                f"{text!r} is not a record key like decision:3fa2b1c4d5e6:1042-1100 "
                f"(see the key column of `referat decisions` or the review page)"
            )
        return cls(Kind(m["kind"]), m["sha"], m["span"])

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.sha[:12]}:{self.span}"


def record_key(kind: Kind | str, sha256: str, start: Optional[int], end: Optional[int]) -> str:
    return f"{Kind(kind).value}:{sha256[:12]}:{'' if start is None else start}-{'' if end is None else end}"


def set_keys(conn: sqlite3.Connection, document_id: int, sha256: str) -> None:
    """Fill the key column of a document's freshly written rows."""
    for kind, table in TABLES.items():
        conn.execute(
            f"UPDATE {table} SET key = ? || ':' || COALESCE(start, '') || '-' || COALESCE(\"end\", '') "
            f"WHERE document_id = ? AND key IS NULL",
            (f"{kind.value}:{sha256[:12]}", document_id),
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# ------------------------------------------------------------------ making corrections


def correct(
    store: Store, key: str, op: Op | str, *, field: Optional[str] = None, value: Any = None, note: Optional[str] = None
) -> str:
    """Record a correction of the record `key` and apply it now; returns how it applied."""
    k = Key.parse(key)
    op = Op(op)
    sha = _document_sha(store.conn, k.sha)
    _validate(k, op, field, value)
    with store.transaction() as conn:
        row = _find(conn, k, sha, None)
        if row is None:
            raise CorrectionError(f"no {k.kind.value} with key {key} in {store.path}")
        first = conn.execute(
            "SELECT original FROM corrections WHERE key = ? AND original IS NOT NULL ORDER BY id LIMIT 1",
            (str(Key(k.kind, sha, k.span)),),
        ).fetchone()
        original = first[0] if first else row.get("text")  # the extractor's text, before any fix
        cur = insert(
            conn,
            "corrections",
            {
                "key": str(Key(k.kind, sha, k.span)),
                "kind": k.kind.value,
                "sha256": sha,
                "op": op.value,
                "field": field,
                "value": json.dumps(value, ensure_ascii=False),
                "original": original,
                "note": note,
                "created_at": _now(),
            },
        )
        return _apply(store, conn, inserted_id(cur))


def add_record(
    store: Store,
    document: str,
    kind: str,
    *,
    text: str,
    item: Optional[str] = None,
    owners: Optional[list[str]] = None,
    due: Optional[str] = None,
    note: Optional[str] = None,
) -> str:
    """Add a record the extractor missed to the document (a path, file name or SHA-256 prefix)."""
    if kind not in ("decision", "action", "event", "attendee", "absentee"):
        raise CorrectionError(f"cannot add a {kind!r}: choose decision, action, event, attendee or absentee")
    if kind == "event" and not due:
        raise CorrectionError("an event needs its date: --due YYYY-MM-DD")
    sha = _document_of(store.conn, document)
    table_kind = Kind.attendance if kind in ("attendee", "absentee") else Kind(kind)
    value = {"kind": kind, "text": text, "item": item, "owners": owners or [], "due": due}
    _parse_due(due) if due else None
    with store.transaction() as conn:
        cur = insert(
            conn,
            "corrections",
            {
                "key": "",
                "kind": table_kind.value,
                "sha256": sha,
                "op": Op.add.value,
                "field": kind,
                "value": json.dumps(value, ensure_ascii=False),
                "note": note,
                "created_at": _now(),
            },
        )
        cid = inserted_id(cur)
        conn.execute("UPDATE corrections SET key = ? WHERE id = ?", (str(Key(table_kind, sha, f"add{cid}")), cid))
        _apply(store, conn, cid)
        return str(Key(table_kind, sha, f"add{cid}"))


def set_meeting(store: Store, document: str, *, field: str, value: str, note: Optional[str] = None) -> str:
    """Set the meeting date or organization of a document's meeting."""
    if field not in MEETING_FIELDS:
        raise CorrectionError(f"cannot set the meeting's {field!r}: choose {' or '.join(MEETING_FIELDS)}")
    if field == "date":
        _iso(value)
    sha = _document_of(store.conn, document)
    with store.transaction() as conn:
        cur = insert(
            conn,
            "corrections",
            {
                "key": f"meeting:{sha[:12]}",
                "kind": "meeting",
                "sha256": sha,
                "op": Op.meeting.value,
                "field": field,
                "value": json.dumps(value, ensure_ascii=False),
                "note": note,
                "created_at": _now(),
            },
        )
        return _apply(store, conn, inserted_id(cur))


def _validate(k: Key, op: Op, field: Optional[str], value: Any) -> None:
    if op is Op.status:
        if k.kind is not Kind.action or value not in ACTION_STATUS:
            raise CorrectionError(f"status applies to actions: one of {', '.join(ACTION_STATUS)}")
    elif op is Op.fix:
        allowed = FIX_FIELDS[k.kind]
        if field not in allowed:
            raise CorrectionError(f"a {k.kind.value} can have its {', '.join(sorted(allowed))} fixed, not {field!r}")
        if field == "due":
            _parse_due(value)
        if not isinstance(value, str) or not value.strip():
            raise CorrectionError(f"--{field} needs a value")
    elif op not in (Op.reject,):
        raise CorrectionError(f"use add_record/set_meeting for {op.value}")


def _iso(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CorrectionError(f"{value!r} is not a date like 2024-05-31") from None


def _parse_due(value: str) -> tuple[date, date]:
    """'2024-05-31' or '2024-05-01..2024-05-31'."""
    start, _, end = str(value).partition("..")
    a = _iso(start)
    b = _iso(end) if end else a
    if b < a:
        raise CorrectionError(f"{value!r}: the end is before the start")
    return a, b


def _document_sha(conn: sqlite3.Connection, prefix: str) -> str:
    rows = conn.execute(
        "SELECT DISTINCT sha256 FROM documents WHERE sha256 LIKE ? || '%' AND status = 'ok'", (prefix,)
    ).fetchall()
    if not rows:
        raise CorrectionError(f"no imported document has a SHA-256 starting with {prefix}")
    if len(rows) > 1:
        raise CorrectionError(f"{prefix} is the start of {len(rows)} documents' SHA-256: give more digits")
    return rows[0][0]


def _document_of(conn: sqlite3.Connection, document: str) -> str:
    rows = conn.execute(
        "SELECT sha256 FROM documents WHERE status = 'ok' AND (path = ? OR name = ?) "
        "UNION SELECT d.sha256 FROM document_paths p JOIN documents d ON d.id = p.document_id "
        "WHERE p.path = ?",
        (document, document, document),
    ).fetchall()
    if len(rows) == 1:
        return rows[0][0]
    if len(rows) > 1:
        raise CorrectionError(f"{document!r} names {len(rows)} documents: give its path or SHA-256")
    if re.fullmatch(r"[0-9a-f]{6,64}", document):
        return _document_sha(conn, document)
    raise CorrectionError(f"no imported document {document!r} (give its path, file name or SHA-256)")


# ------------------------------------------------------------------ applying


def apply_to_document(store: Store, document_id: int, sha256: str) -> list[int]:
    """Apply every correction of this content to its freshly saved rows (inside the
    caller's transaction); returns the ids of corrections that found no record."""
    ids = [i for (i,) in store.conn.execute("SELECT id FROM corrections WHERE sha256 = ? ORDER BY id", (sha256,))]
    return [cid for cid in ids if _apply(store, store.conn, cid, document_id) == "unmatched"]


def _apply(store: Store, conn: sqlite3.Connection, cid: int, document_id: Optional[int] = None) -> str:
    row = conn.execute(
        "SELECT key, kind, sha256, op, field, value, original FROM corrections WHERE id = ?", (cid,)
    ).fetchone()
    key, kind, sha, op, field, raw, original = row
    value: Any = json.loads(raw) if raw else None  # JSON whose shape depends on the op
    doc = document_id if document_id is not None else _doc_id(conn, sha)
    if doc is None:
        return _mark(conn, cid, "unmatched")
    if op == Op.meeting.value:
        _move_meeting(store, conn, doc, field, value)
        return _mark(conn, cid, "applied")
    if op == Op.add.value:
        _insert(store, conn, doc, key, value)
        return _mark(conn, cid, "applied")
    k = Key.parse(key)
    target = _find(conn, k, sha, original, doc)
    if target is None:
        return _mark(conn, cid, "unmatched")
    table, rid = TABLES[k.kind], target["id"]
    touched = store.registry.count_mentions(conn, doc, -1)
    if op == Op.reject.value:
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (rid,))
    elif op == Op.status.value:
        conn.execute("UPDATE actions SET status = ? WHERE id = ?", (value, rid))
    elif op == Op.fix.value:
        _fix(store, conn, k.kind, rid, doc, field, value)
    touched |= store.registry.count_mentions(conn, doc, 1)
    store.registry.settle_names(conn, touched)
    return _mark(conn, cid, "applied" if target["key"] == key else "moved")


def _mark(conn: sqlite3.Connection, cid: int, status: str) -> str:
    update(conn, "corrections", {"applied": status, "applied_at": _now()}, "id = :id", {"id": cid})
    return status


def _doc_id(conn: sqlite3.Connection, sha: str) -> Optional[int]:
    row = conn.execute(
        "SELECT id FROM documents WHERE sha256 = ? AND status = 'ok' ORDER BY id LIMIT 1", (sha,)
    ).fetchone()
    return row[0] if row else None


def _find(
    conn: sqlite3.Connection, k: Key, sha: str, original: Optional[str], doc: Optional[int] = None
) -> Optional[dict]:
    """The row with this key; else (span moved) the row of the same kind and document
    whose text best matches the original text."""
    table = TABLES[k.kind]
    text_col = "name" if k.kind is Kind.attendance else "title" if k.kind is Kind.agenda_item else "text"
    doc = doc if doc is not None else _doc_id(conn, sha)
    if doc is None:
        return None
    rows = [
        dict(zip(("id", "key", "text"), r))
        for r in conn.execute(f"SELECT id, key, {text_col} FROM {table} WHERE document_id = ?", (doc,))
    ]
    full = str(Key(k.kind, sha, k.span))
    for r in rows:
        if r["key"] == full:
            return r
    if not original:
        return None
    from pipeline.evaluate import token_f1

    best = max(rows, key=lambda r: token_f1(r["text"] or "", original), default=None)
    if best is not None and token_f1(best["text"] or "", original) >= TEXT_MATCH:
        return best
    return None


def _fix(store: Store, conn: sqlite3.Connection, kind: Kind, rid: int, doc: int, field: str, value: str) -> None:
    table = TABLES[kind]
    if field == "text":
        col = "name" if kind is Kind.attendance else "title" if kind is Kind.agenda_item else "text"
        text = mask_cpr(value)
        if kind in (Kind.decision, Kind.action):
            update(conn, table, {"text": text, "stemmed": stem_text(text)}, "id = :id", {"id": rid})
            fts = 2 * rid + (kind is Kind.action)  # the search index has insert/delete triggers only
            conn.execute("DELETE FROM search_fts WHERE rowid = ?", (fts,))
            insert(conn, "search_fts", {"rowid": fts, "stemmed": stem_text(text)})
        else:
            conn.execute(f"UPDATE {table} SET {col} = ? WHERE id = ?", (text, rid))
    elif field == "due":
        a, b = _parse_due(value)
        if kind is Kind.event:
            update(
                conn,
                "events",
                {"date": a.isoformat(), "end_date": b.isoformat() if b != a else None},
                "id = :id",
                {"id": rid},
            )
        else:
            update(conn, table, _due_columns(value, a, b), "id = :id", {"id": rid})
    elif field == "item":
        title = conn.execute(
            "SELECT title FROM agenda_items WHERE document_id = ? AND number = ?", (doc, value)
        ).fetchone()
        update(conn, table, {"item": value, "agenda_title": title[0] if title else None}, "id = :id", {"id": rid})
    elif field == "owner":
        owners = [o.strip() for o in value.split(";") if o.strip()]
        org = _organization(conn, doc)
        if kind is Kind.agenda_item:
            pid = _person(store, conn, owners[0] if owners else None, org)
            update(
                conn,
                "agenda_items",
                {"owner": ", ".join(owners) or None, "owner_person_id": pid},
                "id = :id",
                {"id": rid},
            )
        else:
            conn.execute("DELETE FROM action_owners WHERE action_id = ?", (rid,))
            _insert_owners(store, conn, rid, owners, org)


def _organization(conn: sqlite3.Connection, doc: int) -> Optional[str]:
    row = conn.execute("SELECT organization FROM meeting_documents WHERE document_id = ?", (doc,)).fetchone()
    return row[0] if row else None


def _person(store: Store, conn: sqlite3.Connection, name: Optional[str], org: Optional[str]) -> Optional[int]:
    if not name:
        return None
    match = store.registry.resolve(conn, name, org, None)
    return match.person_id if match else None


def _due_columns(text: str, a: date, b: date) -> dict[str, object]:
    """The due columns of a due date given by an analyst (a day or a period)."""
    return {
        "due_text": text,
        "due_start": a.isoformat(),
        "due_end": b.isoformat(),
        "due_precision": "day" if a == b else "period",
    }


def _insert_owners(store: Store, conn: sqlite3.Connection, action: int, owners: list[str], org: Optional[str]) -> None:
    insert_many(
        conn,
        "action_owners",
        [
            {"action_id": action, "position": i, "person_id": _person(store, conn, o, org), "owner": o}
            for i, o in enumerate(owners)
        ],
    )


def _insert(store: Store, conn: sqlite3.Connection, doc: int, key: str, v: dict) -> None:
    meeting = conn.execute("SELECT meeting_id FROM meeting_documents WHERE document_id = ?", (doc,)).fetchone()[0]
    kind, text, item = v["kind"], mask_cpr(v["text"]), v.get("item")
    title = (
        conn.execute("SELECT title FROM agenda_items WHERE document_id = ? AND number = ?", (doc, item)).fetchone()
        if item
        else None
    )
    due = _parse_due(v["due"]) if v.get("due") else None
    # An added record has no span in the text; its rule says where it came from.
    row: dict[str, object] = {
        "document_id": doc,
        "meeting_id": meeting,
        "page": None,
        "start": None,
        "end": None,
        "rule": "correction.add",
        "ocr": 0,
        "ocr_confidence": None,
        "key": key,
    }
    if kind in ("decision", "action"):
        due_cols = (
            _due_columns(v["due"], *due)
            if due
            else dict.fromkeys(("due_text", "due_start", "due_end", "due_precision"))
        )
        row |= {"item": item, "agenda_title": title[0] if title else None, "text": text, "stemmed": stem_text(text)}
        cur = insert(conn, f"{kind}s", row | due_cols)
        if kind == "action":
            _insert_owners(store, conn, inserted_id(cur), v.get("owners") or [], _organization(conn, doc))
    elif kind == "event":
        assert due is not None
        row |= {"date": due[0].isoformat(), "end_date": due[1].isoformat() if due[1] != due[0] else None, "text": text}
        insert(conn, "events", row)
    else:
        touched = store.registry.count_mentions(conn, doc, -1)
        pid = _person(store, conn, text, _organization(conn, doc))
        if pid is None:
            raise CorrectionError(f"{text!r} is not a person's name")
        row |= {"person_id": pid, "name": text, "status": "present" if kind == "attendee" else "absent"}
        insert(conn, "attendance", row)
        touched |= store.registry.count_mentions(conn, doc, 1)
        store.registry.settle_names(conn, touched)


def _move_meeting(store: Store, conn: sqlite3.Connection, doc: int, field: str, value: str) -> None:
    """Set the field on the document's meeting link and re-link it to the meeting of
    the new (organization, body, date)."""
    from pipeline.store.writer import meeting_key

    conn.execute(f"UPDATE meeting_documents SET {field} = ? WHERE document_id = ?", (value, doc))
    org, body, day, old = conn.execute(
        "SELECT organization, body, date, meeting_id FROM meeting_documents WHERE document_id = ?", (doc,)
    ).fetchone()
    path = conn.execute("SELECT path FROM documents WHERE id = ?", (doc,)).fetchone()[0]
    key = meeting_key(org, body, day, path)
    insert(conn, "meetings", {"key": key}, suffix="ON CONFLICT (key) DO NOTHING")
    new = conn.execute("SELECT id FROM meetings WHERE key = ?", (key,)).fetchone()[0]
    if new != old:
        conn.execute("UPDATE meeting_documents SET meeting_id = ? WHERE document_id = ?", (new, doc))
        for table in ("person_roles", *TABLES.values()):
            conn.execute(f"UPDATE {table} SET meeting_id = ? WHERE document_id = ?", (new, doc))
    store._refresh_meeting(new)
    store._drop_if_orphan(old)


# ------------------------------------------------------------------ listing and sharing


def list_corrections(conn: sqlite3.Connection) -> list[dict]:
    cols = ("id", "key", "kind", "op", "field", "value", "original", "note", "created_at", "applied", "applied_at")
    out = []
    for row in conn.execute(f"SELECT {', '.join(cols)}, sha256 FROM corrections ORDER BY id"):
        d = dict(zip((*cols, "sha256"), row))
        d["value"] = json.loads(d["value"]) if d["value"] else None
        d["file"] = (
            conn.execute(
                "SELECT name FROM documents WHERE sha256 = ? AND status = 'ok' LIMIT 1", (d["sha256"],)
            ).fetchone()
            or [None]
        )[0]
        out.append(d)
    return out


def import_corrections(store: Store, rows: list[dict]) -> tuple[int, int]:
    """Load corrections shared as a file (`referat corrections --export`): (added, skipped).
    A correction already present (same key, op, field and value) is skipped."""
    added = skipped = 0
    with store.transaction() as conn:
        for r in rows:
            value = json.dumps(r.get("value"), ensure_ascii=False)
            exists = conn.execute(
                "SELECT 1 FROM corrections WHERE key = ? AND op = ? AND field IS ? AND value = ?",
                (r["key"], r["op"], r.get("field"), value),
            ).fetchone()
            if exists:
                skipped += 1
                continue
            cur = insert(
                conn,
                "corrections",
                {
                    "key": r["key"],
                    "kind": r["kind"],
                    "sha256": r["sha256"],
                    "op": r["op"],
                    "field": r.get("field"),
                    "value": value,
                    "original": r.get("original"),
                    "note": r.get("note"),
                    "created_at": r.get("created_at") or _now(),
                },
            )
            _apply(store, conn, inserted_id(cur))
            added += 1
    return added, skipped
