"""Typed queries over the store, returning pandas DataFrames.

```python
from pipeline.analyst import query
query.decisions("data/processed/referat.db", person="Henrik Kruise", since="2021-01-01")
query.search(db, "beslutte årsmøde")
query.sql(db, "SELECT body, count(*) FROM meetings GROUP BY body")
```

`db` is a path to a referat database (opened read-only) or an open Store.
This module is the one home of analyst SQL: the export, calendar, review and
report modules read the store through it (`table_view` gives the rows of each
exported table).
Person filters go through the people registry: any spelling seen of a person
(or a one-letter variant of it) finds the canonical person. All SQL is
parameterised; `sql()` runs only SELECT/WITH statements on a read-only
connection.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import time
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Union

import pandas as pd
from pydantic import BaseModel
from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import token_set_ratio

from pipeline.errors import QueryError, StoreError
from pipeline.paths import stored
from pipeline.store import columns as cols
from pipeline.store.people import fold, split_key
from pipeline.store.schema import fts_query
from pipeline.store.writer import Store
from pipeline.types import DocumentMeta, MeetingRecord

DbLike = Union[str, Path, Store]
DateLike = Union[str, dt.date, None]


# ------------------------------------------------------------------ connections


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


def _frame(conn: sqlite3.Connection, query: str, params: Sequence = ()) -> pd.DataFrame:
    cur = conn.execute(query, tuple(params))
    columns = [c[0] for c in cur.description]
    return pd.DataFrame.from_records(cur.fetchall(), columns=columns)


def _date(value: DateLike, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise QueryError(f"{name} must be a date like 2022-01-31, got {value!r}") from None


def _in(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


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


def _person_filter(conn: sqlite3.Connection, name: str | None) -> list[int] | None:
    """None when no filter; else the matching ids (possibly empty)."""
    return None if name is None or name == "" else person_ids(conn, name)


def _spellings(conn: sqlite3.Connection, ids: Sequence[int]) -> list[str]:
    return [
        s
        for (s,) in conn.execute(
            f"SELECT spelling FROM person_aliases WHERE person_id IN ({_in(ids)}) "
            f"UNION SELECT name FROM people WHERE id IN ({_in(ids)})",
            (*ids, *ids),
        )
    ]


# ------------------------------------------------------------------ queries


def decisions(
    db: DbLike,
    person: str | None = None,
    body: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    text: str | None = None,
    organization: str | None = None,
) -> pd.DataFrame:
    """Decisions by meeting date (minutes win over agendas).

    `person`: the decision names the person (any spelling) or stands under an
    agenda item the person owns. `body`/`organization`: case-insensitive equality.
    `since`/`until`: meeting dates, inclusive. `text`: case-insensitive substring.
    """
    where: list[str] = ["1 = 1"]
    params: list[object] = []
    with connect(db) as conn:
        ids = _person_filter(conn, person)
        if ids is not None:
            if not ids:
                return _frame(conn, _DECISIONS + " WHERE 0")
            names = _spellings(conn, ids)
            where.append(
                "("
                + " OR ".join(["contains_ci(d.text, ?)"] * len(names))
                + f" OR EXISTS (SELECT 1 FROM agenda_items ai WHERE ai.meeting_id = d.meeting_id "
                f"AND ai.number = d.item AND ai.owner_person_id IN ({_in(ids)})))"
            )
            params += [*names, *ids]
        _common_filters(where, params, body, organization, since, until, "d.meeting_date")
        if text:
            where.append("contains_ci(d.text, ?)")
            params.append(text)
        return _frame(
            conn,
            _DECISIONS
            + " WHERE "
            + " AND ".join(where)
            + " ORDER BY d.meeting_date, d.organization, d.body, d.decision_id",
            params,
        )


_DECISION_COLUMNS = """d.meeting_date, d.organization, d.body, d.item, d.agenda_title, d.text,
  d.due_text AS due, d.due_start, d.due_end, d.votes_for, d.votes_against, d.votes_abstain,
  d.file, d.page, d.key"""
_DECISIONS = f"SELECT {_DECISION_COLUMNS}, d.decision_id, d.meeting_id FROM decision_history d"


def _common_filters(
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
    if since := _date(since, "since"):
        where.append(f"{date_col} >= ?")
        params.append(since)
    if until := _date(until, "until"):
        where.append(f"{date_col} <= ?")
        params.append(until)


def actions(
    db: DbLike,
    owner: str | None = None,
    due_before: DateLike = None,
    status: str | None = None,
    body: str | None = None,
    organization: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    text: str | None = None,
    person: str | None = None,
) -> pd.DataFrame:
    """Actions with owners (people and bodies, canonical names), due dates and status.

    `owner`: a person or body (any spelling) among the owners. `person`: an owner,
    or a person the action's text names (any spelling). `due_before`: due date
    strictly before this day. `status`: open, done or cancelled. `body`/`organization`:
    case-insensitive equality. `since`/`until`: meeting dates, inclusive. `text`:
    case-insensitive substring.
    """
    where: list[str] = ["1 = 1"]
    params: list[object] = []
    if status and status not in ("open", "done", "cancelled"):
        raise QueryError(f"status must be open, done or cancelled, got {status!r}")
    with connect(db) as conn:
        ids = _person_filter(conn, owner)
        if ids is not None:
            where.append(
                f"EXISTS (SELECT 1 FROM action_owners ao WHERE ao.action_id = a.action_id "
                f"AND ao.person_id IN ({_in(ids)}))"
            )
            params += ids
        named = _person_filter(conn, person)
        if named is not None:
            names = _spellings(conn, named) if named else []
            where.append(
                "("
                + " OR ".join(
                    ["contains_ci(a.text, ?)"] * len(names)
                    + [
                        f"EXISTS (SELECT 1 FROM action_owners ao WHERE ao.action_id = a.action_id "
                        f"AND ao.person_id IN ({_in(named)}))"
                    ]
                )
                + ")"
            )
            params += [*names, *named]
        if before := _date(due_before, "due_before"):
            where.append("a.due_start < ?")
            params.append(before)
        if status:
            where.append("a.status = ?")
            params.append(status)
        _common_filters(where, params, body, organization, since, until, "a.meeting_date")
        if text:
            where.append("contains_ci(a.text, ?)")
            params.append(text)
        return _frame(
            conn,
            f"SELECT {_ACTION_COLUMNS}, a.action_id, a.meeting_id FROM action_list a WHERE "
            + " AND ".join(where)
            + " ORDER BY a.meeting_date, a.action_id",
            params,
        )


_ACTION_COLUMNS = """a.meeting_date, a.organization, a.body, a.item, a.agenda_title, a.text, a.owners,
  a.due_text AS due, a.due_start, a.due_end, a.status, a.file, a.page, a.key"""


def attendance(
    db: DbLike,
    person: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    organization: str | None = None,
    body: str | None = None,
) -> pd.DataFrame:
    """Per person: meetings attended, apologies, attendance rate, first and last seen.

    `since`/`until` (meeting dates, inclusive), `organization` and `body` count
    only those meetings (rates and first/last seen of that period and body).
    """
    where: list[str] = ["1 = 1"]
    params: list[object] = []
    _common_filters(where, params, body, organization, since, until, "m.date")
    with connect(db) as conn:
        ids = _person_filter(conn, person)
        if ids is not None:
            where.append(f"p.id IN ({_in(ids)})")
            params += ids
        # attendance_summary's computation, over the chosen meetings only
        return _frame(
            conn,
            """SELECT name AS person, attended, apologies,
  CASE WHEN attended + apologies > 0 THEN round(1.0 * attended / (attended + apologies), 3) END AS rate,
  first_seen, last_seen, person_id
FROM (
  SELECT p.id AS person_id, p.name,
    COUNT(DISTINCT CASE WHEN a.status = 'present' THEN a.meeting_id END) AS attended,
    COUNT(DISTINCT CASE WHEN a.status = 'absent' THEN a.meeting_id END) AS apologies,
    MIN(m.date) AS first_seen, MAX(m.date) AS last_seen
  FROM effective_attendance a JOIN people p ON p.id = a.person_id JOIN meetings m ON m.id = a.meeting_id
  WHERE """
            + " AND ".join(where)
            + """
  GROUP BY p.id)
ORDER BY attended DESC, name""",
            params,
        )


def events(
    db: DbLike,
    organization: str | None = None,
    body: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    text: str | None = None,
) -> pd.DataFrame:
    """Dated events the documents mention (the winning document of each meeting).

    `since`/`until` are event dates, inclusive: an event from 7 to 9 March is on
    or after 8 March and on or before 7 March. `organization`/`body`: of the
    meeting whose document mentions the event. `text`: case-insensitive substring.
    """
    where: list[str] = ["1 = 1"]
    params: list[object] = []
    _common_filters(where, params, body, organization, None, None, "m.date")
    if since := _date(since, "since"):
        where.append("COALESCE(e.end_date, e.date) >= ?")
        params.append(since)
    if until := _date(until, "until"):
        where.append("e.date <= ?")
        params.append(until)
    if text:
        where.append("contains_ci(e.text, ?)")
        params.append(text)
    with connect(db) as conn:
        return _frame(
            conn,
            f"SELECT {_EVENT_COLUMNS}, e.id AS event_id, m.id AS meeting_id {_EVENT_FROM} WHERE "
            + " AND ".join(where)
            + " ORDER BY e.date, e.end_date, m.date, e.id",
            params,
        )


_EVENT_COLUMNS = """e.date, e.end_date, e.text, m.date AS meeting_date, m.organization, m.body,
  doc.name AS file, e.page, e.key"""
_EVENT_FROM = """FROM effective_events e JOIN meetings m ON m.id = e.meeting_id
  JOIN documents doc ON doc.id = e.document_id"""


def search(
    db: DbLike,
    words: str,
    limit: int = 20,
    *,
    organization: str | None = None,
    body: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
) -> pd.DataFrame:
    """Decisions and actions matching all `words`, Danish-stemmed, best (bm25) first.

    "beslutte" finds "besluttede"; end a word with * for a prefix search.
    `organization`/`body`/`since`/`until` narrow the meetings, as in decisions().
    """
    where: list[str] = ["1 = 1"]
    filters: list[object] = []
    _common_filters(where, filters, body, organization, since, until, "r.meeting_date")
    match = fts_query(words)
    if not match:
        raise QueryError("search needs at least one word, e.g. search(db, 'årsmøde')")
    if limit < 1:
        raise QueryError(f"limit must be at least 1, got {limit}")
    with connect(db) as conn:
        try:
            return _frame(
                conn,
                """
            WITH hits AS (SELECT rowid AS rid, bm25(search_fts) AS score FROM search_fts
                          WHERE search_fts MATCH ?)
            SELECT * FROM (
              SELECT 'decision' AS kind, m.date AS meeting_date, m.organization, m.body, r.item,
                r.agenda_title, r.text, doc.name AS file, r.page, h.score, r.id AS record_id
              FROM hits h JOIN effective_decisions r ON h.rid % 2 = 0 AND r.id = h.rid / 2
              JOIN meetings m ON m.id = r.meeting_id JOIN documents doc ON doc.id = r.document_id
              UNION ALL
              SELECT 'action', m.date, m.organization, m.body, r.item, r.agenda_title, r.text,
                doc.name, r.page, h.score, r.id
              FROM hits h JOIN effective_actions r ON h.rid % 2 = 1 AND r.id = h.rid / 2
              JOIN meetings m ON m.id = r.meeting_id JOIN documents doc ON doc.id = r.document_id) r
            WHERE """
                + " AND ".join(where)
                + " ORDER BY score, meeting_date DESC LIMIT ?",
                (match, *filters, limit),
            )
        except sqlite3.OperationalError as e:
            raise QueryError(f"cannot search for {words!r}: {e} (use plain words)") from None


def people(db: DbLike, include_unused: bool = False) -> pd.DataFrame:
    """The people registry: canonical name, kind, spellings with counts and merge rules."""
    with connect(db) as conn:
        df = _frame(
            conn,
            """
        SELECT p.id AS person_id, p.name, p.kind,
          (SELECT SUM(count) FROM person_aliases a WHERE a.person_id = p.id) AS mentions,
          (SELECT group_concat(v, '; ') FROM (
             SELECT a.spelling || ' (' || a.count || ', ' || a.rule || ')' AS v FROM person_aliases a
             WHERE a.person_id = p.id ORDER BY a.count DESC, a.spelling)) AS variants,
          (SELECT group_concat(DISTINCT mt.organization) FROM person_mentions pm
             JOIN meetings mt ON mt.id = pm.meeting_id WHERE pm.person_id = p.id) AS organizations,
          (SELECT MIN(mt.date) FROM person_mentions pm JOIN meetings mt ON mt.id = pm.meeting_id
             WHERE pm.person_id = p.id) AS first_seen,
          (SELECT MAX(mt.date) FROM person_mentions pm JOIN meetings mt ON mt.id = pm.meeting_id
             WHERE pm.person_id = p.id) AS last_seen,
          p.pinned
        FROM people p ORDER BY p.kind DESC, p.name""",
        )
    if not include_unused and not df.empty:
        df = df[df["mentions"].fillna(0) > 0].reset_index(drop=True)
    return df


def documents(db: DbLike, status: str | None = None) -> pd.DataFrame:
    """Every imported document with its status, record counts and what it yielded
    nothing of (`empty`: no date, no attendees, no statements), the last error noted
    beside a kept version, and the other paths of identical files."""
    if status and status not in ("ok", "failed"):
        raise QueryError(f"status must be ok or failed, got {status!r}")
    with connect(db) as conn:
        df = _frame(
            conn,
            """SELECT d.name AS file, d.status, md.date AS meeting_date, md.organization, md.kind,
  d.pages, d.format, d.reader,
  (SELECT COUNT(*) FROM attendance x WHERE x.document_id = d.id) AS attendance,
  (SELECT COUNT(*) FROM agenda_items x WHERE x.document_id = d.id) AS agenda_items,
  (SELECT COUNT(*) FROM decisions x WHERE x.document_id = d.id) AS decisions,
  (SELECT COUNT(*) FROM actions x WHERE x.document_id = d.id) AS actions,
  (SELECT COUNT(*) FROM events x WHERE x.document_id = d.id) AS events,
  COALESCE(d.error, d.last_error) AS error, d.path,
  (SELECT group_concat(p.path, '; ') FROM document_paths p WHERE p.document_id = d.id) AS other_paths,
  d.imported_at, d.sha256
FROM documents d LEFT JOIN meeting_documents md ON md.document_id = d.id
WHERE (? IS NULL OR d.status = ?) ORDER BY d.path""",
            (status, status),
        )
    df["empty"] = [
        ", ".join(
            w
            for w, bad in (
                ("no date", r.meeting_date is None),
                ("no attendees", not r.attendance),
                ("no statements", not (r.decisions or r.actions)),
            )
            if bad
        )
        if r.status == "ok"
        else ""
        for r in df.itertuples()
    ]
    return df


def meetings(
    db: DbLike,
    organization: str | None = None,
    body: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    text: str | None = None,
    person: str | None = None,
) -> pd.DataFrame:
    """Meetings with their documents and an agenda-vs-minutes comparison.

    `planned`: items of the agenda; `recorded`: items of the minutes;
    `dropped`: planned but not recorded; `added`: recorded but not planned
    (titles matched loosely; empty when the meeting lacks either document).
    `text`: the title, an agenda item's title or a decision contains it (any case).
    `person`: meetings whose documents mention the person (attendance, roles, owners).
    """
    where: list[str] = ["1 = 1"]
    params: list[object] = []
    _common_filters(where, params, body, organization, since, until, "m.date")
    if text:
        where.append(
            "(contains_ci(m.title, ?) OR EXISTS (SELECT 1 FROM effective_agenda_items ai "
            "WHERE ai.meeting_id = m.id AND contains_ci(ai.title, ?)) OR EXISTS (SELECT 1 FROM "
            "effective_decisions d WHERE d.meeting_id = m.id AND contains_ci(d.text, ?)))"
        )
        params += [text, text, text]
    with connect(db) as conn:
        ids = _person_filter(conn, person)
        if ids is not None:
            where.append(
                f"EXISTS (SELECT 1 FROM person_mentions pm WHERE pm.meeting_id = m.id AND pm.person_id IN ({_in(ids)}))"
            )
            params += ids
        df = _frame(
            conn,
            """
        SELECT m.id AS meeting_id, m.date, m.organization, m.body, m.kind, m.title, m.mode,
          (SELECT group_concat(d.name, '; ') FROM meeting_documents md JOIN documents d
             ON d.id = md.document_id WHERE md.meeting_id = m.id) AS documents,
          EXISTS (SELECT 1 FROM meeting_documents md WHERE md.meeting_id = m.id
                  AND md.kind = 'agenda') AS has_agenda,
          EXISTS (SELECT 1 FROM meeting_documents md WHERE md.meeting_id = m.id
                  AND md.kind = 'minutes') AS has_minutes,
          (SELECT COUNT(DISTINCT person_id) FROM effective_attendance a WHERE a.meeting_id = m.id
             AND a.status = 'present') AS present,
          (SELECT COUNT(DISTINCT person_id) FROM effective_attendance a WHERE a.meeting_id = m.id
             AND a.status = 'absent') AS absent,
          (SELECT COUNT(*) FROM effective_decisions x WHERE x.meeting_id = m.id) AS decisions,
          (SELECT COUNT(*) FROM effective_actions x WHERE x.meeting_id = m.id) AS actions
        FROM meetings m WHERE """
            + " AND ".join(where)
            + " ORDER BY m.date, m.organization, m.body",
            params,
        )
        items = _items_by_kind(conn, [int(i) for i in df["meeting_id"]])
    compared = [_compare(items.get(int(mid), {})) for mid in df["meeting_id"]]
    for i, col in enumerate(("planned", "recorded", "dropped", "added")):
        df[col] = pd.array([c[i] for c in compared], dtype="Int64" if i < 2 else object)
    return df


def _items_by_kind(conn: sqlite3.Connection, meeting_ids: list[int]) -> dict[int, dict[str, list[str]]]:
    """meeting -> {"agenda": [...], "minutes": [...]}: item titles of the first document of each kind."""
    out: dict[int, dict[str, list[str]]] = {}
    seen: dict[tuple[int, str], int] = {}
    for i in range(0, len(meeting_ids), 500):
        chunk = meeting_ids[i : i + 500]
        for mid, kind, doc, title in conn.execute(
            "SELECT md.meeting_id, md.kind, md.document_id, ai.title FROM meeting_documents md "
            f"JOIN agenda_items ai ON ai.document_id = md.document_id WHERE md.meeting_id IN ({_in(chunk)}) "
            "AND md.kind IN ('agenda', 'minutes') ORDER BY md.priority, md.document_id, ai.id",
            chunk,
        ):
            if seen.setdefault((mid, kind), doc) == doc:
                out.setdefault(mid, {}).setdefault(kind, []).append(title)
    return out


def _compare(items: dict[str, list[str]]) -> tuple[int | None, int | None, str, str]:
    planned, recorded = items.get("agenda"), items.get("minutes")
    if planned is None or recorded is None:
        return (None if planned is None else len(planned), None if recorded is None else len(recorded), "", "")

    def missing(a: list[str], b: list[str]) -> list[str]:
        return [t for t in a if not any(token_set_ratio(fold(t), fold(o)) >= 90 for o in b)]

    return (len(planned), len(recorded), "; ".join(missing(planned, recorded)), "; ".join(missing(recorded, planned)))


# ------------------------------------------------------------------ one document's records, as models

# The MeetingRecord lists that share a table, and which rows of it each takes.
_LIST_ROWS = {"attendees": "status = 'present'", "absentees": "status = 'absent'"}


def _rows(conn: sqlite3.Connection, table: str, where: str, params: Sequence) -> list[dict[str, object]]:
    cur = conn.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY rowid", tuple(params))
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _document_row(conn: sqlite3.Connection, document: str) -> dict[str, object]:
    rows = _rows(conn, "documents", "status = 'ok' AND (path = ? OR sha256 = ?)", (stored(document), document))
    if not rows:
        raise QueryError(f"no imported document {document!r} (give its path or SHA-256)")
    return rows[0]


def _model_fields(spec: cols.Stored, row: Mapping[str, object], model: type[BaseModel], sha: str) -> dict:
    out = spec.fields(row, model)
    if isinstance(prov := out.get("provenance"), dict):
        prov["doc_id"] = sha
        for k in ("page", "start", "end"):  # a record added by a correction has no span: 0
            prov[k] = 0 if prov[k] is None else prov[k]
    return out


def record(db: DbLike, document: str) -> MeetingRecord:
    """The MeetingRecord stored for one document (its path or SHA-256), read back from its
    rows through the column declarations (pipeline/store/columns.py): every stored field as
    the database holds it (CPR-masked, names as cleaned, corrections applied), the records
    in the order they were saved. The document's own records, not the meeting's winning ones.
    A record added by a correction has no span: its provenance has page, start and end 0."""
    by_table = {s.table: s for s in cols.STORED}
    with connect(db) as conn:
        doc = _document_row(conn, document)
        sha, doc_id = str(doc["sha256"]), doc["id"]
        fields = _model_fields(cols.DOCUMENTS, doc, MeetingRecord, sha)
        for name, table in cols.DOCUMENTS.elsewhere.items():
            spec = by_table[table]
            model = spec.models[0]
            where = "document_id = ?" + (f" AND {_LIST_ROWS[name]}" if name in _LIST_ROWS else "")
            rows = _rows(conn, table, where, (doc_id,))
            items = [_model_fields(spec, r, model, sha) for r in rows]
            if spec is cols.ACTIONS:
                for item, r in zip(items, rows):
                    item["owners"] = [
                        o
                        for (o,) in conn.execute(
                            "SELECT owner FROM action_owners WHERE action_id = ? ORDER BY position", (r["id"],)
                        )
                    ]
            is_list = typing.get_origin(MeetingRecord.model_fields[name].annotation) is list
            fields[name] = items if is_list else items[0]
    return MeetingRecord.model_validate(fields)


def document_meta(db: DbLike, document: str) -> DocumentMeta:
    """What the store keeps of one document beside its records (see `record`)."""
    with connect(db) as conn:
        doc = _document_row(conn, document)
    return DocumentMeta.model_validate(cols.DOCUMENTS.fields(doc, DocumentMeta))


# ------------------------------------------------------------------ table views (what the exports hold)

TABLES = ("meetings", "attendance", "people", "agenda_items", "decisions", "actions", "events")

_MEETING = "m.date AS meeting_date, m.organization, m.body"
_JOINS = "JOIN meetings m ON m.id = r.meeting_id JOIN documents doc ON doc.id = r.document_id"

_VIEWS = {
    "attendance": f"""
SELECT {_MEETING}, COALESCE(p.name, r.name) AS person, r.name AS written_as, r.status, r.role,
  r.reason, r.affiliation, doc.name AS file, r.page, r.key, r.person_id AS _person_id
FROM effective_attendance r {_JOINS} LEFT JOIN people p ON p.id = r.person_id
ORDER BY m.date, m.organization, m.body, r.status DESC, r.id""",
    "people": """
SELECT p.name, p.kind,
  (SELECT SUM(a.count) FROM person_aliases a WHERE a.person_id = p.id) AS mentions,
  (SELECT group_concat(s, '; ') FROM (SELECT a.spelling AS s FROM person_aliases a
     WHERE a.person_id = p.id ORDER BY a.count DESC, a.spelling)) AS spellings,
  s.attended, s.apologies, s.rate,
  (SELECT MIN(mt.date) FROM person_mentions pm JOIN meetings mt ON mt.id = pm.meeting_id
     WHERE pm.person_id = p.id) AS first_seen,
  (SELECT MAX(mt.date) FROM person_mentions pm JOIN meetings mt ON mt.id = pm.meeting_id
     WHERE pm.person_id = p.id) AS last_seen,
  p.id AS _person_id
FROM people p LEFT JOIN attendance_summary s ON s.person_id = p.id
WHERE (SELECT SUM(a.count) FROM person_aliases a WHERE a.person_id = p.id) > 0
ORDER BY p.kind DESC, p.name""",
    "agenda_items": f"""
SELECT {_MEETING}, r.number, r.parent, r.title, COALESCE(p.name, r.owner) AS owner,
  doc.name AS file, r.page, r.owner_person_id AS _person_id
FROM effective_agenda_items r {_JOINS} LEFT JOIN people p ON p.id = r.owner_person_id
ORDER BY m.date, m.organization, m.body, r.id""",
    "decisions": f"""
SELECT {_DECISION_COLUMNS} FROM decision_history d
ORDER BY d.meeting_date, d.organization, d.body, d.decision_id""",
    "actions": f"""
SELECT {_ACTION_COLUMNS},
  (SELECT json_group_array(json_array(o.person_id, o.name)) FROM (
     SELECT ao.person_id, COALESCE(p.name, ao.owner) AS name FROM action_owners ao
     LEFT JOIN people p ON p.id = ao.person_id WHERE ao.action_id = a.action_id
     ORDER BY ao.position) o) AS _owners,
  doc.sha256 AS _sha256, a.start AS _start, a."end" AS _end
FROM action_list a JOIN actions x ON x.id = a.action_id JOIN documents doc ON doc.id = x.document_id
ORDER BY a.meeting_date, a.organization, a.body, a.action_id""",
    "events": f"""
SELECT {_EVENT_COLUMNS}, doc.sha256 AS _sha256, e.start AS _start, e."end" AS _end
{_EVENT_FROM}
ORDER BY e.date, e.end_date, m.date, e.id""",
}

_MEETINGS_EXTRA = """
SELECT m.id AS meeting_id, m.key AS _key, m.location,
  (SELECT COUNT(*) FROM effective_events x WHERE x.meeting_id = m.id) AS events
FROM meetings m"""


def table_view(db: DbLike, table: str) -> pd.DataFrame:
    """The rows of one exported table (one of TABLES): meeting date, body and canonical
    person names instead of raw ids, only the records of each meeting's winning document.
    Internal columns (person ids, owner lists, spans for calendar UIDs) start with `_`."""
    if table not in TABLES:
        raise QueryError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    if table == "meetings":
        df = meetings(db)
        with connect(db) as conn:
            extra = _frame(conn, _MEETINGS_EXTRA)
        df = df.merge(extra, on="meeting_id", how="left")
        columns = list(df.columns)
        columns.insert(columns.index("mode") + 1, columns.pop(columns.index("location")))
        return df[columns].drop(columns=["meeting_id"]).rename(columns={"date": "meeting_date"})
    with connect(db) as conn:
        df = _frame(conn, _VIEWS[table])
    if table == "people":  # bodies have no attendance: nullable integers, not floats
        for col in ("attended", "apologies"):
            df[col] = df[col].astype("Int64")
    return df


def action_owners(db: DbLike, action_ids: Sequence[int]) -> pd.DataFrame:
    """The owners of the given actions, in their order: action_id, owner (the canonical
    name, or the name as written when unresolved) and kind (person, body or None)."""
    rows: list[tuple] = []
    with connect(db) as conn:
        for i in range(0, len(action_ids), 500):
            chunk = list(action_ids[i : i + 500])
            rows += conn.execute(
                "SELECT ao.action_id, COALESCE(p.name, ao.owner), p.kind FROM action_owners ao "
                "LEFT JOIN people p ON p.id = ao.person_id "
                f"WHERE ao.action_id IN ({_in(chunk)}) ORDER BY ao.action_id, ao.position",
                chunk,
            ).fetchall()
    return pd.DataFrame(rows, columns=["action_id", "owner", "kind"])


def person_kinds(conn: sqlite3.Connection) -> dict[int, str]:
    """person id -> "person" or "body", for every registry row."""
    return dict(conn.execute("SELECT id, kind FROM people"))


def person_spellings(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(person id, spelling) for every spelling seen of a person or body, canonical names included."""
    return list(conn.execute("SELECT person_id, spelling FROM person_aliases UNION SELECT id, name FROM people"))


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
