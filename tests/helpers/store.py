"""Rows of a database, comparable across databases (shared by the import tests)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

RECORD_TABLES = ("attendance", "person_roles", "agenda_items", "decisions", "actions", "events")


def count(db: Path, sql: str, *args) -> int:
    with sqlite3.connect(db) as con:
        return con.execute(sql, args).fetchone()[0]


def rows(db: Path) -> dict[str, list[tuple]]:
    """Every document's records, keyed by table, without ids (comparable across databases)."""
    out = {}
    with sqlite3.connect(db) as con:
        out["documents"] = sorted(con.execute("SELECT path, sha256, status, pages, reader, text FROM documents"))
        for t in RECORD_TABLES:
            cols = [
                c[1]
                for c in con.execute(f"PRAGMA table_info({t})")
                if c[1] not in ("id", "document_id", "meeting_id", "person_id", "owner_person_id")
            ]
            out[t] = sorted(
                con.execute(
                    f"SELECT d.path, {', '.join('x.' + c for c in cols)} FROM {t} x "
                    "JOIN documents d ON d.id = x.document_id"
                ),
                key=repr,
            )
    return out
