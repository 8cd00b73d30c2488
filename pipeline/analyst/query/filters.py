"""The SQL builders of the record queries: typed filter arguments -> WHERE parts and
their parameters, and a person's name (any spelling) -> the registry's ids.

Every value is a bound parameter; only placeholders and column names from code are
put into the SQL text.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from pipeline.analyst.query.connection import DateLike
from pipeline.errors import QueryError
from pipeline.store.names import fold, split_key


def iso_date(value: DateLike, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise QueryError(f"{name} must be a date like 2022-01-31, got {value!r}") from None


def marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


def common_filters(
    where: list[str],
    params: list[object],
    body: str | None,
    organization: str | None,
    since: DateLike,
    until: DateLike,
    date_col: str,
) -> None:
    prefix = date_col.split(".")[0] + "."
    if body:
        where.append(f"lower({prefix}body) = lower(?)")
        params.append(body)
    if organization:
        where.append(f"lower({prefix}organization) = lower(?)")
        params.append(organization)
    if since := iso_date(since, "since"):
        where.append(f"{date_col} >= ?")
        params.append(since)
    if until := iso_date(until, "until"):
        where.append(f"{date_col} <= ?")
        params.append(until)


# ------------------------------------------------------------------ people


def person_ids(conn: sqlite3.Connection, name: str) -> list[int]:
    """Ids of the people (or bodies) `name` refers to.

    Tried in order: a known spelling's key; a one-letter variant of a known
    spelling (same first name, last name one edit away); the key as a part of
    known spellings ("kruse" finds "Henrik Kruse").
    """
    key = fold(name)
    if not key:
        return []
    rows = conn.execute(
        "SELECT DISTINCT person_id FROM person_aliases WHERE key = ? UNION SELECT id FROM people WHERE key = ?",
        (key, key),
    ).fetchall()
    if rows:
        return sorted(r[0] for r in rows)
    first, _, last = split_key(key)
    if last:
        ids = {
            pid
            for pid, other in conn.execute(
                "SELECT person_id, key FROM person_aliases WHERE key LIKE ? || ' %'", (first,)
            )
            if split_key(other)[2] and Levenshtein.distance(split_key(other)[2], last) <= 1
        }
        if ids:
            return sorted(ids)
    return sorted(
        {
            pid
            for pid, other in conn.execute("SELECT person_id, key FROM person_aliases")
            if re.search(rf"\b{re.escape(key)}\b", other)
        }
    )


def person_filter(conn: sqlite3.Connection, name: str | None) -> list[int] | None:
    """None when no filter; else the matching ids (possibly empty)."""
    return None if name is None or name == "" else person_ids(conn, name)


def spellings(conn: sqlite3.Connection, ids: Sequence[int]) -> list[str]:
    return [
        s
        for (s,) in conn.execute(
            f"SELECT spelling FROM person_aliases WHERE person_id IN ({marks(ids)}) "
            f"UNION SELECT name FROM people WHERE id IN ({marks(ids)})",
            (*ids, *ids),
        )
    ]
