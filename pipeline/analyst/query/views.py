"""What the exports, the calendar and the pseudonymizer read: the rows of each exported
table (meeting date, body and canonical names instead of raw ids; each meeting's
winning document only), action owners, and the registry's kinds and spellings."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import pandas as pd

from pipeline.analyst.query.connection import DbLike, connect, frame
from pipeline.analyst.query.filters import marks
from pipeline.analyst.query.records import ACTION_COLUMNS, DECISION_COLUMNS, EVENT_COLUMNS, EVENT_FROM
from pipeline.analyst.query.summaries import meetings
from pipeline.errors import QueryError

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
SELECT {DECISION_COLUMNS} FROM decision_history d
ORDER BY d.meeting_date, d.organization, d.body, d.decision_id""",
    "actions": f"""
SELECT {ACTION_COLUMNS},
  (SELECT json_group_array(json_array(o.person_id, o.name)) FROM (
     SELECT ao.person_id, COALESCE(p.name, ao.owner) AS name FROM action_owners ao
     LEFT JOIN people p ON p.id = ao.person_id WHERE ao.action_id = a.action_id
     ORDER BY ao.position) o) AS _owners,
  doc.sha256 AS _sha256, a.start AS _start, a."end" AS _end
FROM action_list a JOIN actions x ON x.id = a.action_id JOIN documents doc ON doc.id = x.document_id
ORDER BY a.meeting_date, a.organization, a.body, a.action_id""",
    "events": f"""
SELECT {EVENT_COLUMNS}, doc.sha256 AS _sha256, e.start AS _start, e."end" AS _end
{EVENT_FROM}
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
            extra = frame(conn, _MEETINGS_EXTRA)
        df = df.merge(extra, on="meeting_id", how="left")
        columns = list(df.columns)
        columns.insert(columns.index("mode") + 1, columns.pop(columns.index("location")))
        return df[columns].drop(columns=["meeting_id"]).rename(columns={"date": "meeting_date"})
    with connect(db) as conn:
        df = frame(conn, _VIEWS[table])
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
                f"WHERE ao.action_id IN ({marks(chunk)}) ORDER BY ao.action_id, ao.position",
                chunk,
            ).fetchall()
    return pd.DataFrame(rows, columns=["action_id", "owner", "kind"])


def person_kinds(conn: sqlite3.Connection) -> dict[int, str]:
    """person id -> "person" or "body", for every registry row."""
    return dict(conn.execute("SELECT id, kind FROM people"))


def person_spellings(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(person id, spelling) for every spelling seen of a person or body, canonical names included."""
    return list(conn.execute("SELECT person_id, spelling FROM person_aliases UNION SELECT id, name FROM people"))
