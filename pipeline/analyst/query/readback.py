"""One document's stored records read back as models (MeetingRecord, DocumentMeta),
through the column declarations of pipeline/store/columns.py."""

from __future__ import annotations

import sqlite3
import typing
from collections.abc import Mapping, Sequence

from pydantic import BaseModel

from pipeline.analyst.query.connection import DbLike, connect
from pipeline.errors import QueryError
from pipeline.paths import stored
from pipeline.store import columns as cols
from pipeline.types import DocumentMeta, MeetingRecord

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
