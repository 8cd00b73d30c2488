"""The read-only connection every analyst query runs on, and rows as a DataFrame.

`db` is a path to a referat database (opened read-only; in a read-only folder, as
an immutable file) or an open Store.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Union

import pandas as pd

from pipeline.errors import StoreError
from pipeline.store.writer import Store

DbLike = Union[str, Path, Store]
DateLike = Union[str, dt.date, None]


@contextmanager
def connect(db: DbLike) -> Iterator[sqlite3.Connection]:
    """A read-only connection to `db` (a path or a Store)."""
    if isinstance(db, Store):
        _register_functions(db.conn)
        yield db.conn
        return
    path = Path(db)
    if not path.is_file():
        raise StoreError(f"no database at {path}: run `referat import` first (or pass --db PATH)")
    try:
        conn = _open_read_only(path)
        has_schema = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").fetchone()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"cannot read {path}: {e} (is it a referat database?)") from None
    if not has_schema:
        conn.close()
        raise StoreError(f"{path} is not a referat database: run `referat import` first (or pass --db PATH)")
    _register_functions(conn)
    try:
        yield conn
    finally:
        conn.close()


def _open_read_only(path: Path) -> sqlite3.Connection:
    """mode=ro; in a read-only folder a WAL database cannot make its -shm file, so
    fall back to immutable=1 (reads the file as it is, without locking)."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _register_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("contains_ci", 2, _contains_ci, deterministic=True)


def _contains_ci(haystack: str | None, needle: str | None) -> int:
    return int(bool(haystack and needle and needle.casefold() in haystack.casefold()))


def frame(conn: sqlite3.Connection, query: str, params: Sequence = ()) -> pd.DataFrame:
    cur = conn.execute(query, tuple(params))
    columns = [c[0] for c in cur.description]
    return pd.DataFrame.from_records(cur.fetchall(), columns=columns)
