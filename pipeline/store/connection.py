"""Opening the database file: autocommit (transactions are explicit), WAL, foreign keys on;
never another application's SQLite database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pipeline.errors import StoreError


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, foreign keys on."""
    try:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # One Store is used by one thread at a time, not necessarily the one that opened it.
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=30, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except (sqlite3.Error, OSError) as e:
        raise StoreError(
            f"cannot open database {path}: {e} (check the path, its permissions, and that it is a referat SQLite file)"
        ) from None
    return conn


def refuse_foreign(conn: sqlite3.Connection, path: str | Path) -> None:
    """Never add referat's tables to another application's database."""
    tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "schema_migrations" not in tables:
        conn.close()
        raise StoreError(
            f"{path} is another application's SQLite database ({len(tables)} tables, no referat "
            f"schema): pass another --db"
        )
