"""Browse the referat database in Datasette, with canned analyst queries.

```python
from pipeline.analyst.serve import serve
serve("data/processed/referat.db", port=8001)      # blocks; Ctrl+C stops it
```

The database is opened read-only: immutable by default (fastest; Datasette
counts rows once), or `immutable=False` to see an import that is still running
(SQLite `mode=ro`). The metadata adds table descriptions and canned queries
(docs/schema.md describes the views they use):

- `search_decisions`: decisions by meeting, newest first (filter by body, dates, text); it is named
  apart from the `decision_history` view so the view itself can still be browsed and faceted
- `open_actions_by_owner`: open actions, one row per owner, by due date
- `open_actions_per_owner`: how many open actions each person or body has
- `attendance_per_person`: meetings attended, apologies and rate per person
- `upcoming_events`: coming meetings, events and deadlines from a date (default today)

Datasette is an optional dependency: `pip install 'referat[serve]'`.
"""

from __future__ import annotations

import asyncio
import errno
import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

from pipeline.errors import ReferatError, StoreError

INSTALL_HINT = "datasette is not installed (pip install 'referat[serve]')"


class ServeError(ReferatError):
    """The server cannot start: datasette missing, port taken, no database."""


CANNED_QUERIES: dict[str, dict[str, str]] = {
    "search_decisions": {
        "title": "Search the decision history",
        "description": "Decisions per meeting, newest first (minutes win over agendas). Leave a field "
        "empty to not filter on it; dates as YYYY-MM-DD; text matches a part of the decision.",
        "sql": """SELECT meeting_date, organization, body, item, agenda_title, text, due_text AS due, due_start,
  votes_for, votes_against, votes_abstain, file, page
FROM decision_history
WHERE (:body = '' OR lower(body) = lower(:body))
  AND (:since = '' OR meeting_date >= :since)
  AND (:until = '' OR meeting_date <= :until)
  AND (:text = '' OR text LIKE '%' || :text || '%')
ORDER BY meeting_date DESC, decision_id""",
    },
    "open_actions_by_owner": {
        "title": "Open actions by owner",
        "description": "Every open action once per owner (a person or a body), earliest due date first. "
        "Owner matches any spelling of the name.",
        "sql": """SELECT COALESCE(p.name, ao.owner) AS owner, p.kind, a.meeting_date, a.body, a.item, a.text,
  a.due_text AS due, a.due_start, a.due_end, a.file, a.page
FROM open_actions a
JOIN action_owners ao ON ao.action_id = a.action_id
LEFT JOIN people p ON p.id = ao.person_id
WHERE :owner = '' OR ao.owner LIKE '%' || :owner || '%'
  OR EXISTS (SELECT 1 FROM person_aliases pa WHERE pa.person_id = ao.person_id
             AND pa.spelling LIKE '%' || :owner || '%')
ORDER BY owner COLLATE NOCASE, a.due_start IS NULL, a.due_start, a.meeting_date""",
    },
    "open_actions_per_owner": {
        "title": "Open actions per owner",
        "description": "How many open actions each person or body has, and the next due date.",
        "sql": """SELECT COALESCE(p.name, ao.owner) AS owner, p.kind, COUNT(*) AS open_actions,
  MIN(a.due_start) AS next_due, MAX(a.meeting_date) AS latest_meeting
FROM open_actions a
JOIN action_owners ao ON ao.action_id = a.action_id
LEFT JOIN people p ON p.id = ao.person_id
GROUP BY COALESCE(CAST(p.id AS TEXT), ao.owner)
ORDER BY open_actions DESC, owner COLLATE NOCASE""",
    },
    "attendance_per_person": {
        "title": "Attendance per person",
        "description": "Per person: distinct meetings attended, apologies (afbud), attendance rate, "
        "first and last meeting seen.",
        "sql": """SELECT name AS person, attended, apologies, rate, first_seen, last_seen
FROM attendance_summary
ORDER BY attended DESC, apologies, name""",
    },
    "upcoming_events": {
        "title": "Upcoming meetings, events and deadlines",
        "description": "Everything on or after a date (YYYY-MM-DD; empty = today): the meetings in the "
        "database, the events their documents mention, and the due dates of open actions.",
        "sql": """WITH entries AS (
  SELECT DISTINCT e.date, e.end_date, 'event' AS kind, e.text AS what, m.organization, m.body
  FROM effective_events e JOIN meetings m ON m.id = e.meeting_id
  UNION
  SELECT m.date, NULL, 'meeting', COALESCE(m.title, 'Møde'), m.organization, m.body
  FROM meetings m WHERE m.date IS NOT NULL
  UNION
  SELECT COALESCE(a.due_end, a.due_start), NULL, 'deadline',
    'Frist: ' || a.text || COALESCE(' (' || a.owners || ')', ''), a.organization, a.body
  FROM open_actions a WHERE a.due_start IS NOT NULL
)
SELECT date, end_date, kind, what, organization, body FROM entries
WHERE COALESCE(end_date, date) >= COALESCE(NULLIF(:since, ''), date('now'))
ORDER BY date, kind, what""",
    },
}

TABLE_DESCRIPTIONS = {
    "documents": "One row per imported file: name, format, SHA-256, pages, status and its canonical text "
    "(CPR numbers masked).",
    "meetings": "One row per meeting (organization, body, date); its agenda and minutes share it.",
    "people": "One row per person or body, with the canonical name.",
    "person_aliases": "Every spelling seen of a person, with counts and the rule that merged it.",
    "attendance": "Participants per document (present/absent) with provenance.",
    "agenda_items": "Agenda items per document with owner and provenance.",
    "decisions": "Decisions per document (all documents; see decision_history for one per meeting).",
    "actions": "Actions per document with due dates and status.",
    "action_owners": "Owners (people or bodies) of each action, in order.",
    "events": "Dated events the documents mention.",
    "decision_history": "Decisions of the winning document per meeting, with meeting date, body, file, page.",
    "action_list": "Actions of the winning document per meeting, with owners.",
    "open_actions": "action_list rows whose status is open.",
    "attendance_summary": "Per person: meetings attended, apologies, rate, first and last seen.",
}


def metadata(db: str | Path) -> dict[str, Any]:
    """Datasette metadata for the database file `db`: descriptions and canned queries."""
    name = Path(db).stem
    return {
        "title": "referat",
        "description": "Meeting minutes and agendas as structured records (read-only). "
        "Start with the canned queries below.",
        "databases": {
            name: {
                "description": "Tables and views: see docs/schema.md.",
                "tables": {t: {"description": d} for t, d in TABLE_DESCRIPTIONS.items()},
                "queries": CANNED_QUERIES,
            }
        },
    }


def _require_datasette() -> None:
    try:
        import datasette.app  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise ServeError(INSTALL_HINT) from None


def _check_db(db: Path) -> None:
    from pipeline.analyst import query

    with query.connect(db):  # raises StoreError for a missing or foreign file
        pass


def _check_port(host: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise ServeError(f"cannot use host {host!r}: {e.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(address)
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise ServeError(f"port {port} on {host} is in use; pass another --port") from None
            raise ServeError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def build_datasette(db: str | Path, *, immutable: bool = True) -> Any:
    """A configured Datasette instance for `db` (startup hooks already run)."""
    _require_datasette()
    from datasette.app import Datasette

    db = Path(db)
    try:
        _check_db(db)
    except StoreError as e:
        raise ServeError(str(e)) from None
    path = str(db.resolve())
    _register_guard()
    ds = Datasette(
        immutables=[path] if immutable else None,
        files=None if immutable else [path],
        metadata=metadata(db),
        settings={"sql_time_limit_ms": 5000, "default_page_size": 100, "allow_download": False},
    )
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(ds.invoke_startup())
    finally:
        loop.close()
    return ds


# SQL functions no analyst needs and that leak or change state: fts3_tokenizer() returns a heap
# pointer (and with two arguments installs a tokenizer), load_extension runs native code.
DENIED_FUNCTIONS = frozenset({"fts3_tokenizer", "load_extension", "readfile", "writefile", "edit"})


def deny_dangerous(action: int, arg1: object, arg2: object, *_: object) -> int:
    """sqlite3 authorizer: refuse the functions in DENIED_FUNCTIONS, allow the rest."""
    if action == sqlite3.SQLITE_FUNCTION and str(arg2).lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


class _Guard:
    """A Datasette plugin: every connection it opens gets the authorizer."""

    @staticmethod
    def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
        conn.set_authorizer(deny_dangerous)


def _register_guard() -> None:
    from datasette import hookimpl
    from datasette.plugins import pm

    if pm.get_plugin("referat-guard") is None:
        _Guard.prepare_connection = staticmethod(hookimpl(_Guard.prepare_connection))  # type: ignore[method-assign]
        pm.register(_Guard, name="referat-guard")


def read_only_app(app: Callable) -> Callable:
    """ASGI middleware: the store is read-only, so anything but GET/HEAD is answered
    405 before Datasette sees it (a POST to a canned query made it fail with a traceback)."""

    async def guarded(scope: dict, receive: Callable, send: Callable) -> None:
        if scope.get("type") == "http" and scope.get("method", "GET") not in ("GET", "HEAD", "OPTIONS"):
            await send(
                {
                    "type": "http.response.start",
                    "status": 405,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD")],
                }
            )
            await send({"type": "http.response.body", "body": b"This referat database is read-only.\n"})
            return
        await app(scope, receive, send)

    return guarded


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def url(host: str, port: int, db: str | Path, query: str | None = None) -> str:
    """The address of the server (of a canned query when `query` is given)."""
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}/"
    return base + f"{Path(db).stem}/{query}" if query else base


def serve(
    db: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8001,
    immutable: bool = True,
    log_level: str = "warning",
    on_ready: Optional[Callable[[str], None]] = None,
) -> None:
    """Run Datasette on `db` until interrupted (read-only; see the module doc).

    `on_ready(address)` is called once the database and the port have been
    checked, just before the server starts listening.
    """
    ds = build_datasette(db, immutable=immutable)
    _check_port(host, port)
    import uvicorn

    if on_ready is not None:
        on_ready(url(host, port, db))

    uvicorn.run(read_only_app(ds.app()), host=host, port=port, log_level=log_level, lifespan="on", workers=1)


__all__ = ["CANNED_QUERIES", "INSTALL_HINT", "ServeError", "build_datasette", "metadata", "serve", "url"]
