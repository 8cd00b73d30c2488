"""One row per person, meeting or document: attendance counts and rates, the people
registry, the imported documents and what each yielded, meetings with their agenda
compared with their minutes."""

from __future__ import annotations

import sqlite3

import pandas as pd
from rapidfuzz.fuzz import token_set_ratio

from pipeline.analyst.query.connection import DateLike, DbLike, connect, frame
from pipeline.analyst.query.filters import common_filters, marks, person_filter
from pipeline.errors import QueryError
from pipeline.store.names import fold


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
    common_filters(where, params, body, organization, since, until, "m.date")
    with connect(db) as conn:
        ids = person_filter(conn, person)
        if ids is not None:
            where.append(f"p.id IN ({marks(ids)})")
            params += ids
        # attendance_summary's computation, over the chosen meetings only
        return frame(
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


def people(db: DbLike, include_unused: bool = False) -> pd.DataFrame:
    """The people registry: canonical name, kind, spellings with counts and merge rules."""
    with connect(db) as conn:
        df = frame(
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
        df = frame(
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
    common_filters(where, params, body, organization, since, until, "m.date")
    if text:
        where.append(
            "(contains_ci(m.title, ?) OR EXISTS (SELECT 1 FROM effective_agenda_items ai "
            "WHERE ai.meeting_id = m.id AND contains_ci(ai.title, ?)) OR EXISTS (SELECT 1 FROM "
            "effective_decisions d WHERE d.meeting_id = m.id AND contains_ci(d.text, ?)))"
        )
        params += [text, text, text]
    with connect(db) as conn:
        ids = person_filter(conn, person)
        if ids is not None:
            where.append(
                f"EXISTS (SELECT 1 FROM person_mentions pm WHERE pm.meeting_id = m.id AND pm.person_id IN ({marks(ids)}))"
            )
            params += ids
        df = frame(
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
            f"JOIN agenda_items ai ON ai.document_id = md.document_id WHERE md.meeting_id IN ({marks(chunk)}) "
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
