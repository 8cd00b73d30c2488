"""Store: MeetingRecord -> SQLite, one transaction per document.

The Store keeps documents, their paths and their meetings consistent; the rows of
one document's records are written by records.py, the file opened by connection.py.

```python
with Store("data/processed/referat.db") as store:
    if store.status(path, sha) != "unchanged":
        store.save(record, DocumentMeta(text=doc.text, size=..., mtime=..., reader=doc.reader))
```
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pipeline.errors import StoreError
from pipeline.paths import on_disk, stored
from pipeline.store import columns as cols
from pipeline.store import corrections
from pipeline.store import people as people_mod
from pipeline.store.aliases import AliasFile
from pipeline.store.connection import connect, refuse_foreign
from pipeline.store.names import fold
from pipeline.store.people import PersonRegistry
from pipeline.store.records import RecordWriter
from pipeline.store.rows import insert, inserted_id, update
from pipeline.store.schema import migrate
from pipeline.types import DocumentMeta, MeetingRecord

Status = Literal["new", "unchanged", "changed"]

# meeting_documents.priority: whose records win for a meeting (lowest first).
_KIND_PRIORITY = {"minutes": 0, "other": 2, "agenda": 4}


class Store:
    """The SQLite store. `aliases` is a TOML alias file (see people.AliasFile); its
    content is kept in the database, so later runs without it use the same overrides."""

    def __init__(self, path: str | Path, *, aliases: Path | None = None):
        self.path = str(path)
        self.conn = connect(path)
        try:
            refuse_foreign(self.conn, path)
            migrate(self.conn)
            self._init_people(aliases)
        except sqlite3.DatabaseError as e:
            self.conn.close()
            raise StoreError(f"cannot use database {path}: {e} (is it a referat database? pass another --db)") from None
        except BaseException:
            self.conn.close()
            raise

    # -- lifecycle

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; on any error ROLLBACK and reload the registry."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise StoreError(
                f"database {self.path} is busy ({e}); wait for the other import to finish and try again"
            ) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self.registry.load(self.conn)
            if isinstance(exc, sqlite3.OperationalError):
                raise StoreError(
                    f"cannot write to database {self.path}: {exc} (check free disk space and permissions)"
                ) from exc
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot write to database {self.path}: {exc}") from exc
            raise

    def _init_people(self, aliases: Path | None) -> None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'aliases'").fetchone()
        stored = row[0] if row else ""
        alias_file = AliasFile.load(aliases) if aliases is not None else AliasFile.parse(stored)
        self.registry = PersonRegistry(alias_file)
        rules = self.conn.execute("SELECT value FROM meta WHERE key = 'people_rules'").fetchone()
        current_rules = rules is not None and rules[0] == people_mod.RULES_VERSION
        if (aliases is None or alias_file.text == stored) and current_rules:
            self.registry.load(self.conn)
            return
        with self.transaction() as conn:  # new aliases, or a store made under older matching rules
            for key, value in (("aliases", alias_file.text), ("people_rules", people_mod.RULES_VERSION)):
                insert(
                    conn,
                    "meta",
                    {"key": key, "value": value},
                    suffix="ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
            people_mod.rebuild(conn, self.registry)

    def rebuild_people(self) -> None:
        """Resolve every stored name again (e.g. after the matching rules changed)."""
        with self.transaction() as conn:
            people_mod.rebuild(conn, self.registry)

    # -- what is there

    def status(self, path: str, sha256: str) -> Status:
        """ "unchanged" when an ok document with this sha exists (at this or any path),
        "changed" when the path was stored before with other content (or failed), else "new"."""
        row = self.conn.execute("SELECT sha256, status FROM documents WHERE path = ?", (stored(path),)).fetchone()
        if row and row == (sha256, "ok"):
            return "unchanged"
        if self.conn.execute(
            "SELECT 1 FROM documents WHERE sha256 = ? AND status = 'ok' LIMIT 1", (sha256,)
        ).fetchone():
            return "unchanged"
        return "changed" if row else "new"

    def holds(self, path: str, sha256: str) -> bool:
        """True when `path` itself is stored, ok, with this content."""
        return (
            self.conn.execute(
                "SELECT 1 FROM documents WHERE path = ? AND sha256 = ? AND status = 'ok'", (stored(path), sha256)
            ).fetchone()
            is not None
        )

    def known_files(self) -> dict[str, tuple[int, float, str]]:
        """path -> (size, mtime, sha256) of every ok document."""
        return {
            path: (size, mtime, sha)
            for path, size, mtime, sha in self.conn.execute(
                "SELECT path, size, mtime, sha256 FROM documents WHERE status = 'ok'"
            )
        }

    # -- writing

    def save(self, record: MeetingRecord, meta: DocumentMeta) -> None:
        """Store one document (its records and `meta`), replacing what its path had before."""
        with self.transaction() as conn:
            touched, old_meeting = self._delete(stored(record.path))
            conn.execute("DELETE FROM document_paths WHERE path = ?", (stored(record.path),))
            row = cols.DOCUMENTS.row(record, meta) | {
                "path": stored(record.path),
                "name": stored(record.document),
                "status": "ok",
                "error": None,
                "imported_at": _now(),
            }
            cur = insert(conn, "documents", row)
            doc = inserted_id(cur)
            meeting = self._link_meeting(record, doc, meta.ocr)
            RecordWriter(self, record, doc, meeting).write()
            corrections.apply_to_document(self, doc, record.doc_id)
            touched |= self.registry.count_mentions(conn, doc, 1)
            self._drop_if_orphan(old_meeting)
            self.registry.settle_names(conn, touched)

    def save_failure(
        self,
        path: str,
        sha256: str | None,
        fmt: str | None,
        error: str,
        *,
        size: int | None = None,
        mtime: float | None = None,
    ) -> str | None:
        """Record that `path` could not be read or extracted.

        A good version imported earlier from the same path is kept with all its
        records (a sync client may have truncated the file for a moment); the
        failure is noted beside it and the date of the kept version returned.
        Otherwise a failed row replaces what the path had."""
        with self.transaction() as conn:
            good = conn.execute(
                "SELECT id, imported_at FROM documents WHERE path = ? AND status = 'ok'", (stored(path),)
            ).fetchone()
            if good:
                update(conn, "documents", {"last_error": error, "last_error_at": _now()}, "id = :id", {"id": good[0]})
                return str(good[1])[:10]
            touched, old_meeting = self._delete(path)
            insert(
                conn,
                "documents",
                {
                    "path": stored(path),
                    "name": Path(stored(path)).name,
                    "sha256": sha256,
                    "format": fmt,
                    "status": "failed",
                    "error": error,
                    "size": size,
                    "mtime": mtime,
                    "imported_at": _now(),
                },
            )
            self._drop_if_orphan(old_meeting)
            self.registry.settle_names(conn, touched)
        return None

    def add_path(self, path: str, sha256: str) -> bool:
        """Record `path` as another place of the stored document with this content
        (identical files are stored once), or as its new place when the stored path
        is gone (a renamed file); False when no good document has it."""
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT id, path FROM documents WHERE sha256 = ? AND status = 'ok' ORDER BY id LIMIT 1", (sha256,)
            ).fetchone()
            if row is None:
                return False
            if row[1] != stored(path) and not os.path.lexists(on_disk(row[1])):  # renamed or moved: follow the file
                conn.execute("DELETE FROM document_paths WHERE path = ?", (stored(path),))
                update(
                    conn,
                    "documents",
                    {"path": stored(path), "name": Path(stored(path)).name},
                    "id = :id",
                    {"id": row[0]},
                )
            elif row[1] != stored(path):
                insert(
                    conn,
                    "document_paths",
                    {"path": stored(path), "document_id": row[0], "seen_at": _now()},
                    suffix="ON CONFLICT (path) DO UPDATE SET document_id = excluded.document_id",
                )
            return True

    def prune(self, dry_run: bool = False) -> list[str]:
        """Remove the documents whose files are gone (their records go with them); a
        document whose file is gone but that an identical file elsewhere still carries
        moves to that path. Returns the removed paths."""
        removed = []
        for doc, path in self.conn.execute("SELECT id, path FROM documents ORDER BY path").fetchall():
            if os.path.lexists(on_disk(path)):
                continue
            alive = [
                p
                for (p,) in self.conn.execute(
                    "SELECT path FROM document_paths WHERE document_id = ? ORDER BY path", (doc,)
                )
                if os.path.lexists(on_disk(p))
            ]
            if dry_run:
                removed += [] if alive else [path]
                continue
            if alive:
                with self.transaction() as conn:
                    conn.execute("DELETE FROM document_paths WHERE path = ?", (alive[0],))
                    update(conn, "documents", {"path": alive[0], "name": Path(alive[0]).name}, "id = :id", {"id": doc})
                continue
            self.delete(path)
            removed.append(path)
        with self.transaction() as conn:  # paths of identical files that are gone too
            for (p,) in conn.execute("SELECT path FROM document_paths").fetchall():
                if not os.path.lexists(on_disk(p)) and not dry_run:
                    conn.execute("DELETE FROM document_paths WHERE path = ?", (p,))
        return removed

    def delete(self, path: str) -> bool:
        """Remove a document and its records; True if it was there."""
        with self.transaction() as conn:
            found = conn.execute("SELECT 1 FROM documents WHERE path = ?", (stored(path),)).fetchone()
            touched, old_meeting = self._delete(path)
            self._drop_if_orphan(old_meeting)
            self.registry.settle_names(conn, touched)
        return found is not None

    def _delete(self, path: str) -> tuple[set[int], int | None]:
        """Delete the rows of `path` (records cascade); return the people and meeting it touched."""
        row = self.conn.execute("SELECT id FROM documents WHERE path = ?", (stored(path),)).fetchone()
        if not row:
            return set(), None
        doc = row[0]
        touched = self.registry.count_mentions(self.conn, doc, -1)
        meeting = self.conn.execute("SELECT meeting_id FROM meeting_documents WHERE document_id = ?", (doc,)).fetchone()
        self.conn.execute("DELETE FROM documents WHERE id = ?", (doc,))
        return touched, meeting[0] if meeting else None

    def _drop_if_orphan(self, meeting: int | None) -> None:
        if meeting is None:
            return
        if self.conn.execute("SELECT 1 FROM meeting_documents WHERE meeting_id = ? LIMIT 1", (meeting,)).fetchone():
            self._refresh_meeting(meeting)
        else:
            self.conn.execute("DELETE FROM meetings WHERE id = ?", (meeting,))

    # -- meetings

    def _link_meeting(self, record: MeetingRecord, doc: int, ocr: bool) -> int:
        """The meeting row of (organization, body, date), shared by its agenda and minutes."""
        m = record.meeting
        key = meeting_key(m.organization, m.body, m.date.isoformat() if m.date else None, stored(record.path))
        insert(self.conn, "meetings", {"key": key}, suffix="ON CONFLICT (key) DO NOTHING")
        meeting = self.conn.execute("SELECT id FROM meetings WHERE key = ?", (key,)).fetchone()[0]
        row = cols.MEETING_DOCUMENTS.row(m) | {
            "meeting_id": meeting,
            "document_id": doc,
            "priority": _KIND_PRIORITY.get(m.kind, 2) + int(ocr),
        }
        if m.provenance is None:  # a meeting found nowhere in particular: the document's OCR flag
            row |= {"rule": "", "ocr": int(ocr)}
        insert(self.conn, "meeting_documents", row)
        self._refresh_meeting(meeting)
        return meeting

    def _refresh_meeting(self, meeting: int) -> None:
        """Meeting fields from its documents: per field, the first known value by priority."""
        fields = cols.MEETINGS.columns()
        rows = self.conn.execute(
            f"SELECT {', '.join(fields)} FROM meeting_documents WHERE meeting_id = ? ORDER BY priority, document_id",
            (meeting,),
        ).fetchall()
        values = {f: next((r[i] for r in rows if r[i] is not None), None) for i, f in enumerate(fields)}
        update(self.conn, "meetings", values, "id = :id", {"id": meeting})


def meeting_key(organization: str | None, body: str | None, date: str | None, path: str) -> str:
    """(organization, body, date) folded; a document without a date, or without an
    organization and body, is a meeting of its own."""
    if date and (organization or body):
        return f"{fold(organization or '')}|{fold(body or '')}|{date}"
    return f"document:{path}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
