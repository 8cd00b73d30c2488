"""Applying corrections to the stored rows: when a correction is made and again after every
save of its document. A record whose span moved is found again by its original text
(token overlap, `TEXT_MATCH`), else the correction is marked `unmatched`."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Optional

from pipeline.privacy import mask_cpr
from pipeline.store.corrections.keys import TABLES, CorrectionError, Key, Kind, Op, parse_due
from pipeline.store.rows import insert, insert_many, inserted_id, update
from pipeline.store.stemming import stem_text

if TYPE_CHECKING:
    from pipeline.store.writer import Store

TEXT_MATCH = 0.8  # token F1 to re-find a record whose span moved


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def apply_to_document(store: Store, document_id: int, sha256: str) -> list[int]:
    """Apply every correction of this content to its freshly saved rows (inside the
    caller's transaction); returns the ids of corrections that found no record."""
    ids = [i for (i,) in store.conn.execute("SELECT id FROM corrections WHERE sha256 = ? ORDER BY id", (sha256,))]
    return [cid for cid in ids if apply_correction(store, store.conn, cid, document_id) == "unmatched"]


def apply_correction(store: Store, conn: sqlite3.Connection, cid: int, document_id: Optional[int] = None) -> str:
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
    target = find_record(conn, k, sha, original, doc)
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
    update(conn, "corrections", {"applied": status, "applied_at": now()}, "id = :id", {"id": cid})
    return status


def _doc_id(conn: sqlite3.Connection, sha: str) -> Optional[int]:
    row = conn.execute(
        "SELECT id FROM documents WHERE sha256 = ? AND status = 'ok' ORDER BY id LIMIT 1", (sha,)
    ).fetchone()
    return row[0] if row else None


def find_record(
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
        a, b = parse_due(value)
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
    due = parse_due(v["due"]) if v.get("due") else None
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
