"""The record lists: decisions, actions and events by meeting, and full-text search
over decisions and actions; each a DataFrame, narrowed by the shared filters."""

from __future__ import annotations

import sqlite3

import pandas as pd

from pipeline.analyst.query.connection import DateLike, DbLike, connect, frame
from pipeline.analyst.query.filters import common_filters, iso_date, marks, person_filter, spellings
from pipeline.errors import QueryError
from pipeline.store.stemming import fts_query


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
        ids = person_filter(conn, person)
        if ids is not None:
            if not ids:
                return frame(conn, _DECISIONS + " WHERE 0")
            names = spellings(conn, ids)
            where.append(
                "("
                + " OR ".join(["contains_ci(d.text, ?)"] * len(names))
                + f" OR EXISTS (SELECT 1 FROM agenda_items ai WHERE ai.meeting_id = d.meeting_id "
                f"AND ai.number = d.item AND ai.owner_person_id IN ({marks(ids)})))"
            )
            params += [*names, *ids]
        common_filters(where, params, body, organization, since, until, "d.meeting_date")
        if text:
            where.append("contains_ci(d.text, ?)")
            params.append(text)
        return frame(
            conn,
            _DECISIONS
            + " WHERE "
            + " AND ".join(where)
            + " ORDER BY d.meeting_date, d.organization, d.body, d.decision_id",
            params,
        )


DECISION_COLUMNS = """d.meeting_date, d.organization, d.body, d.item, d.agenda_title, d.text,
  d.due_text AS due, d.due_start, d.due_end, d.votes_for, d.votes_against, d.votes_abstain,
  d.file, d.page, d.key"""
_DECISIONS = f"SELECT {DECISION_COLUMNS}, d.decision_id, d.meeting_id FROM decision_history d"


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
        ids = person_filter(conn, owner)
        if ids is not None:
            where.append(
                f"EXISTS (SELECT 1 FROM action_owners ao WHERE ao.action_id = a.action_id "
                f"AND ao.person_id IN ({marks(ids)}))"
            )
            params += ids
        named = person_filter(conn, person)
        if named is not None:
            names = spellings(conn, named) if named else []
            where.append(
                "("
                + " OR ".join(
                    ["contains_ci(a.text, ?)"] * len(names)
                    + [
                        f"EXISTS (SELECT 1 FROM action_owners ao WHERE ao.action_id = a.action_id "
                        f"AND ao.person_id IN ({marks(named)}))"
                    ]
                )
                + ")"
            )
            params += [*names, *named]
        if before := iso_date(due_before, "due_before"):
            where.append("a.due_start < ?")
            params.append(before)
        if status:
            where.append("a.status = ?")
            params.append(status)
        common_filters(where, params, body, organization, since, until, "a.meeting_date")
        if text:
            where.append("contains_ci(a.text, ?)")
            params.append(text)
        return frame(
            conn,
            f"SELECT {ACTION_COLUMNS}, a.action_id, a.meeting_id FROM action_list a WHERE "
            + " AND ".join(where)
            + " ORDER BY a.meeting_date, a.action_id",
            params,
        )


ACTION_COLUMNS = """a.meeting_date, a.organization, a.body, a.item, a.agenda_title, a.text, a.owners,
  a.due_text AS due, a.due_start, a.due_end, a.status, a.file, a.page, a.key"""


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
    common_filters(where, params, body, organization, None, None, "m.date")
    if since := iso_date(since, "since"):
        where.append("COALESCE(e.end_date, e.date) >= ?")
        params.append(since)
    if until := iso_date(until, "until"):
        where.append("e.date <= ?")
        params.append(until)
    if text:
        where.append("contains_ci(e.text, ?)")
        params.append(text)
    with connect(db) as conn:
        return frame(
            conn,
            f"SELECT {EVENT_COLUMNS}, e.id AS event_id, m.id AS meeting_id {EVENT_FROM} WHERE "
            + " AND ".join(where)
            + " ORDER BY e.date, e.end_date, m.date, e.id",
            params,
        )


EVENT_COLUMNS = """e.date, e.end_date, e.text, m.date AS meeting_date, m.organization, m.body,
  doc.name AS file, e.page, e.key"""
EVENT_FROM = """FROM effective_events e JOIN meetings m ON m.id = e.meeting_id
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
    common_filters(where, filters, body, organization, since, until, "r.meeting_date")
    match = fts_query(words)
    if not match:
        raise QueryError("search needs at least one word, e.g. search(db, 'årsmøde')")
    if limit < 1:
        raise QueryError(f"limit must be at least 1, got {limit}")
    with connect(db) as conn:
        try:
            return frame(
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
