"""The analyst's own SQL: one read-only SELECT/WITH statement, under a time budget and
an authorizer, stopped cleanly on Ctrl+C."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Sequence

import pandas as pd

from pipeline.analyst.query.connection import DbLike, connect
from pipeline.errors import QueryError

_READ_ONLY = re.compile(r"^\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*(select|with)\b", re.I | re.S)


SQL_TIMEOUT_S = 30.0
_PROGRESS_STEPS = 10_000  # SQLite virtual-machine steps between budget checks


def sql(
    db: DbLike,
    query: str,
    params: Sequence | dict = (),
    *,
    timeout_s: float | None = SQL_TIMEOUT_S,
    cancel: Callable[[], bool] | None = None,
) -> pd.DataFrame:
    """Run one read-only SELECT/WITH statement; writes are refused.

    The statement is stopped (QueryError) after `timeout_s` seconds (None: no
    limit) or as soon as `cancel()` returns true (the CLI sets it on Ctrl+C),
    so a runaway recursive CTE never hangs the caller.
    """
    if not _READ_ONLY.match(query):
        raise QueryError("only SELECT or WITH queries are allowed (the database is opened read-only)")
    deadline = time.monotonic() + timeout_s if timeout_s else None
    stopped: list[str] = []

    def budget() -> int:
        if cancel is not None and cancel():
            stopped.append("interrupted")
        elif deadline is not None and time.monotonic() > deadline:
            stopped.append(f"stopped after {timeout_s:g} s (raise the limit with --timeout)")
        return 1 if stopped else 0

    with connect(db) as conn:
        previous = conn.execute("PRAGMA query_only").fetchone()[0]
        conn.execute("PRAGMA query_only = ON")
        conn.set_progress_handler(budget, _PROGRESS_STEPS)
        from pipeline.analyst.serve import deny_dangerous

        conn.set_authorizer(deny_dangerous)
        try:
            cur = conn.execute(query, params)
            columns = [c[0] for c in cur.description or ()]
            return pd.DataFrame.from_records(cur.fetchall(), columns=columns)
        except sqlite3.Error as e:
            if stopped:
                raise QueryError(f"query {stopped[0]}") from None
            raise QueryError(f"SQL error: {e}") from None
        finally:
            conn.set_authorizer(None)
            conn.set_progress_handler(None, 0)
            conn.execute(f"PRAGMA query_only = {int(previous)}")
