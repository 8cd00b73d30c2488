"""Making corrections: each is recorded in the corrections table and applied at once.
A document is named by its path, file name or a prefix of its SHA-256."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import TYPE_CHECKING, Any, Optional

from pipeline.store.corrections.apply import apply_correction, find_record, now
from pipeline.store.corrections.keys import (
    MEETING_FIELDS,
    CorrectionError,
    Key,
    Kind,
    Op,
    parse_date,
    parse_due,
    validate,
)
from pipeline.store.rows import insert, inserted_id

if TYPE_CHECKING:
    from pipeline.store.writer import Store


def correct(
    store: Store, key: str, op: Op | str, *, field: Optional[str] = None, value: Any = None, note: Optional[str] = None
) -> str:
    """Record a correction of the record `key` and apply it now; returns how it applied."""
    k = Key.parse(key)
    op = Op(op)
    sha = _document_sha(store.conn, k.sha)
    validate(k, op, field, value)
    with store.transaction() as conn:
        row = find_record(conn, k, sha, None)
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
                "created_at": now(),
            },
        )
        return apply_correction(store, conn, inserted_id(cur))


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
    parse_due(due) if due else None
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
                "created_at": now(),
            },
        )
        cid = inserted_id(cur)
        conn.execute("UPDATE corrections SET key = ? WHERE id = ?", (str(Key(table_kind, sha, f"add{cid}")), cid))
        apply_correction(store, conn, cid)
        return str(Key(table_kind, sha, f"add{cid}"))


def set_meeting(store: Store, document: str, *, field: str, value: str, note: Optional[str] = None) -> str:
    """Set the meeting date or organization of a document's meeting."""
    if field not in MEETING_FIELDS:
        raise CorrectionError(f"cannot set the meeting's {field!r}: choose {' or '.join(MEETING_FIELDS)}")
    if field == "date":
        parse_date(value)
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
                "created_at": now(),
            },
        )
        return apply_correction(store, conn, inserted_id(cur))


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
