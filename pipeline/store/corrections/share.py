"""Listing the corrections, and loading those a colleague shared (`referat corrections --export`)."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

from pipeline.store.corrections.apply import apply_correction, now
from pipeline.store.rows import insert, inserted_id

if TYPE_CHECKING:
    from pipeline.store.writer import Store


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
                    "created_at": r.get("created_at") or now(),
                },
            )
            apply_correction(store, conn, inserted_id(cur))
            added += 1
    return added, skipped
