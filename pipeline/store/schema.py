"""The SQLite schema: tables, indexes, full-text index, analyst views, migrations.

Each migration is a numbered script applied once, in order, inside one
transaction, and recorded in `schema_migrations`. Add a new migration for a
change; never edit one that has shipped. docs/schema.md describes the tables.
The stems the full-text index holds come from stemming.py; rows are written
through rows.py.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from pipeline.errors import StoreError
from pipeline.store.rows import insert, insert_many, inserted_id, update  # noqa: F401  (also importable from here)
from pipeline.store.stemming import fts_query, stem, stem_text  # noqa: F401  (also importable from here)

# Provenance columns carried by every record row.
_PROV = """page INTEGER, start INTEGER, "end" INTEGER, rule TEXT NOT NULL DEFAULT '',
  ocr INTEGER NOT NULL DEFAULT 0, ocr_confidence REAL"""

_TABLES = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  sha256 TEXT,
  format TEXT,
  pages INTEGER,
  reader TEXT,
  ocr INTEGER NOT NULL DEFAULT 0,
  ocr_confidence REAL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error TEXT,
  warnings TEXT NOT NULL DEFAULT '[]',
  size INTEGER,
  mtime REAL,
  text TEXT,
  imported_at TEXT NOT NULL,
  pipeline TEXT
);
CREATE INDEX documents_sha256 ON documents (sha256);

CREATE TABLE meetings (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  organization TEXT, body TEXT, kind TEXT, title TEXT, date TEXT, mode TEXT, location TEXT
);
CREATE INDEX meetings_date ON meetings (date);

CREATE TABLE meeting_documents (
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  document_id INTEGER NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  priority INTEGER NOT NULL,
  organization TEXT, body TEXT, title TEXT, date TEXT, mode TEXT, location TEXT,
  {_PROV},
  PRIMARY KEY (meeting_id, document_id)
);

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  key TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'body')),
  pinned INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX people_key ON people (key);

CREATE TABLE person_aliases (
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  spelling TEXT NOT NULL,
  key TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  rule TEXT NOT NULL,
  PRIMARY KEY (person_id, spelling)
);
CREATE INDEX person_aliases_key ON person_aliases (key);

CREATE TABLE person_roles (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  person_id INTEGER REFERENCES people (id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  item TEXT,
  {_PROV}
);

CREATE TABLE attendance (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  person_id INTEGER REFERENCES people (id),
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('present', 'absent')),
  role TEXT, reason TEXT, affiliation TEXT,
  {_PROV}
);

CREATE TABLE agenda_items (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  number TEXT NOT NULL,
  title TEXT NOT NULL,
  owner TEXT,
  owner_person_id INTEGER REFERENCES people (id),
  parent TEXT,
  {_PROV}
);

CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  item TEXT, agenda_title TEXT,
  text TEXT NOT NULL,
  stemmed TEXT NOT NULL,
  due_text TEXT, due_start TEXT, due_end TEXT, due_precision TEXT,
  votes_for INTEGER, votes_against INTEGER, votes_abstain INTEGER, votes_text TEXT,
  {_PROV}
);

CREATE TABLE actions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  item TEXT, agenda_title TEXT,
  text TEXT NOT NULL,
  stemmed TEXT NOT NULL,
  due_text TEXT, due_start TEXT, due_end TEXT, due_precision TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  {_PROV}
);

CREATE TABLE action_owners (
  action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  person_id INTEGER REFERENCES people (id),
  owner TEXT NOT NULL,
  PRIMARY KEY (action_id, position)
);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  date TEXT NOT NULL,
  end_date TEXT,
  text TEXT NOT NULL,
  {_PROV}
);
"""

_RECORD_TABLES = ("person_roles", "attendance", "agenda_items", "decisions", "actions", "events")

_INDEXES = (
    "\n".join(
        f"CREATE INDEX {t}_document ON {t} (document_id);\nCREATE INDEX {t}_meeting ON {t} (meeting_id);"
        for t in _RECORD_TABLES
    )
    + """
CREATE INDEX attendance_person ON attendance (person_id);
CREATE INDEX person_roles_person ON person_roles (person_id);
CREATE INDEX agenda_items_owner ON agenda_items (owner_person_id);
CREATE INDEX action_owners_person ON action_owners (person_id);
CREATE INDEX meeting_documents_document ON meeting_documents (document_id);
"""
)

# Full-text index over decisions (rowid = 2*id) and actions (rowid = 2*id+1).
# FTS5 has no Danish tokenizer: the `stemmed` columns hold snowball stems.
_SEARCH = """
CREATE VIRTUAL TABLE search_fts USING fts5 (stemmed, tokenize = 'unicode61 remove_diacritics 0');
CREATE TRIGGER decisions_fts_insert AFTER INSERT ON decisions BEGIN
  INSERT INTO search_fts (rowid, stemmed) VALUES (2 * new.id, new.stemmed);
END;
CREATE TRIGGER decisions_fts_delete AFTER DELETE ON decisions BEGIN
  DELETE FROM search_fts WHERE rowid = 2 * old.id;
END;
CREATE TRIGGER actions_fts_insert AFTER INSERT ON actions BEGIN
  INSERT INTO search_fts (rowid, stemmed) VALUES (2 * new.id + 1, new.stemmed);
END;
CREATE TRIGGER actions_fts_delete AFTER DELETE ON actions BEGIN
  DELETE FROM search_fts WHERE rowid = 2 * old.id + 1;
END;
"""


# One document's records of a kind win per meeting: minutes before other
# before agenda, text layer before OCR, then the earliest document.
_EFFECTIVE = "\n".join(
    f"""
CREATE VIEW effective_{t} AS
SELECT r.* FROM {t} r
WHERE r.document_id = (
  SELECT md.document_id FROM meeting_documents md
  WHERE md.meeting_id = r.meeting_id
    AND EXISTS (SELECT 1 FROM {t} x WHERE x.document_id = md.document_id)
  ORDER BY md.priority, md.document_id LIMIT 1);"""
    for t in _RECORD_TABLES
)

_VIEWS = (
    _EFFECTIVE
    + """
CREATE VIEW person_mentions AS
SELECT person_id, name AS spelling, meeting_id, document_id, 'attendance' AS source
  FROM attendance WHERE person_id IS NOT NULL
UNION ALL
SELECT person_id, name, meeting_id, document_id, 'role' FROM person_roles WHERE person_id IS NOT NULL
UNION ALL
SELECT owner_person_id, owner, meeting_id, document_id, 'agenda_owner'
  FROM agenda_items WHERE owner_person_id IS NOT NULL
UNION ALL
SELECT ao.person_id, ao.owner, a.meeting_id, a.document_id, 'action_owner'
  FROM action_owners ao JOIN actions a ON a.id = ao.action_id WHERE ao.person_id IS NOT NULL;

CREATE VIEW decision_history AS
SELECT d.id AS decision_id, m.id AS meeting_id, m.date AS meeting_date, m.organization, m.body,
  d.item, d.agenda_title, d.text, d.due_text, d.due_start, d.due_end,
  d.votes_for, d.votes_against, d.votes_abstain,
  doc.name AS file, doc.path, d.page, d.start, d."end", d.rule, d.ocr
FROM effective_decisions d
JOIN meetings m ON m.id = d.meeting_id
JOIN documents doc ON doc.id = d.document_id;

CREATE VIEW action_list AS
SELECT a.id AS action_id, m.id AS meeting_id, m.date AS meeting_date, m.organization, m.body,
  a.item, a.agenda_title, a.text,
  (SELECT group_concat(o.name, '; ') FROM (
     SELECT COALESCE(p.name, ao.owner) AS name FROM action_owners ao
     LEFT JOIN people p ON p.id = ao.person_id
     WHERE ao.action_id = a.id ORDER BY ao.position) o) AS owners,
  a.due_text, a.due_start, a.due_end, a.status,
  doc.name AS file, doc.path, a.page, a.start, a."end", a.rule, a.ocr
FROM effective_actions a
JOIN meetings m ON m.id = a.meeting_id
JOIN documents doc ON doc.id = a.document_id;

CREATE VIEW open_actions AS SELECT * FROM action_list WHERE status = 'open';

CREATE VIEW attendance_summary AS
SELECT person_id, name, attended, apologies,
  CASE WHEN attended + apologies > 0
       THEN round(1.0 * attended / (attended + apologies), 3) END AS rate,
  first_seen, last_seen
FROM (
  SELECT p.id AS person_id, p.name,
    COUNT(DISTINCT CASE WHEN a.status = 'present' THEN a.meeting_id END) AS attended,
    COUNT(DISTINCT CASE WHEN a.status = 'absent' THEN a.meeting_id END) AS apologies,
    MIN(m.date) AS first_seen, MAX(m.date) AS last_seen
  FROM effective_attendance a
  JOIN people p ON p.id = a.person_id
  JOIN meetings m ON m.id = a.meeting_id
  GROUP BY p.id);
"""
)

# A later read failure never deletes a good document: it is noted beside it.
# One document per content (SHA-256): the other paths that carry it are recorded.
_KEEP_GOOD_AND_PATHS = """
ALTER TABLE documents ADD COLUMN last_error TEXT;
ALTER TABLE documents ADD COLUMN last_error_at TEXT;
CREATE TABLE document_paths (
  path TEXT PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seen_at TEXT NOT NULL
);
CREATE INDEX document_paths_document ON document_paths (document_id);
"""

# Corrections by analysts, keyed by a stable record key (kind:sha12:start-end), applied to
# the stored rows after every save of the document they belong to (pipeline/store/corrections/).
_RECORD_KEYS = (
    "".join(
        f"""
ALTER TABLE {t} ADD COLUMN key TEXT;
UPDATE {t} SET key = '{k}:' || substr((SELECT sha256 FROM documents d WHERE d.id = {t}.document_id), 1, 12)
  || ':' || COALESCE(start, '') || '-' || COALESCE("end", '');
CREATE INDEX {t}_key ON {t} (key);"""
        for t, k in (
            ("decisions", "decision"),
            ("actions", "action"),
            ("attendance", "attendance"),
            ("events", "event"),
            ("agenda_items", "agenda_item"),
        )
    )
    + """
CREATE TABLE corrections (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('reject', 'status', 'fix', 'add', 'meeting')),
  field TEXT,
  value TEXT,
  original TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  applied TEXT NOT NULL DEFAULT 'pending' CHECK (applied IN ('pending', 'applied', 'unmatched', 'moved')),
  applied_at TEXT
);
CREATE INDEX corrections_sha ON corrections (sha256);
DROP VIEW open_actions;
DROP VIEW action_list;
DROP VIEW decision_history;
CREATE VIEW decision_history AS
SELECT d.id AS decision_id, m.id AS meeting_id, m.date AS meeting_date, m.organization, m.body,
  d.item, d.agenda_title, d.text, d.due_text, d.due_start, d.due_end,
  d.votes_for, d.votes_against, d.votes_abstain,
  doc.name AS file, doc.path, d.page, d.start, d."end", d.rule, d.ocr, d.key
FROM effective_decisions d
JOIN meetings m ON m.id = d.meeting_id
JOIN documents doc ON doc.id = d.document_id;
CREATE VIEW action_list AS
SELECT a.id AS action_id, m.id AS meeting_id, m.date AS meeting_date, m.organization, m.body,
  a.item, a.agenda_title, a.text,
  (SELECT group_concat(o.name, '; ') FROM (
     SELECT COALESCE(p.name, ao.owner) AS name FROM action_owners ao
     LEFT JOIN people p ON p.id = ao.person_id
     WHERE ao.action_id = a.id ORDER BY ao.position) o) AS owners,
  a.due_text, a.due_start, a.due_end, a.status,
  doc.name AS file, doc.path, a.page, a.start, a."end", a.rule, a.ocr, a.key
FROM effective_actions a
JOIN meetings m ON m.id = a.meeting_id
JOIN documents doc ON doc.id = a.document_id;
CREATE VIEW open_actions AS SELECT * FROM action_list WHERE status = 'open';
"""
)

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "initial schema", _TABLES + _INDEXES + _SEARCH + _VIEWS),
    (2, "keep good documents on a later failure; paths of identical files", _KEEP_GOOD_AND_PATHS),
    (3, "record keys and analysts' corrections", _RECORD_KEYS),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    """The highest applied migration (0 for an empty database)."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").fetchone()
    if not has:
        return 0
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every missing migration, each in its own transaction; return the version."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {version}, newer than this referat "
            f"({SCHEMA_VERSION}); upgrade referat or use another --db"
        )
    for number, name, script in MIGRATIONS:
        if number <= version:
            continue
        try:
            conn.executescript("BEGIN IMMEDIATE;\n" + script)
            insert(
                conn,
                "schema_migrations",
                {"version": number, "name": name, "applied_at": datetime.now(UTC).isoformat(timespec="seconds")},
            )
            conn.execute("COMMIT")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
