"""What a correction names and sets: record kinds and keys, the operations, the fields
each kind can have fixed, and the values (dates, due periods, statuses) parsed and checked."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Optional

from pipeline.errors import StoreError


class Kind(str, Enum):
    decision = "decision"
    action = "action"
    attendance = "attendance"
    event = "event"
    agenda_item = "agenda_item"


class Op(str, Enum):
    reject = "reject"
    status = "status"
    fix = "fix"
    add = "add"
    meeting = "meeting"


TABLES = {
    Kind.decision: "decisions",
    Kind.action: "actions",
    Kind.attendance: "attendance",
    Kind.event: "events",
    Kind.agenda_item: "agenda_items",
}
FIX_FIELDS = {
    Kind.decision: {"text", "due", "item"},
    Kind.action: {"text", "owner", "due", "item"},
    Kind.event: {"text", "due"},
    Kind.attendance: {"text"},
    Kind.agenda_item: {"text", "owner"},
}
ACTION_STATUS = ("open", "done", "cancelled")
MEETING_FIELDS = ("date", "organization")
_KEY = re.compile(r"^(?P<kind>[a-z_]+):(?P<sha>[0-9a-f]{6,64}):(?P<span>\d*-\d*|add\d+)$")


class CorrectionError(StoreError):
    """A correction that cannot be made: unknown key, field or value."""


@dataclass(frozen=True)
class Key:
    kind: Kind
    sha: str  # a prefix of the document's SHA-256
    span: str  # "start-end", or "addN" for a record added by a correction

    @classmethod
    def parse(cls, text: str) -> Key:
        m = _KEY.match(text.strip())
        if not m or m["kind"] not in Kind.__members__:
            raise CorrectionError(
                f"{text!r} is not a record key like decision:3fa2b1c4d5e6:1042-1100 "
                f"(see the key column of `referat decisions` or the review page)"
            )
        return cls(Kind(m["kind"]), m["sha"], m["span"])

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.sha[:12]}:{self.span}"


def record_key(kind: Kind | str, sha256: str, start: Optional[int], end: Optional[int]) -> str:
    return f"{Kind(kind).value}:{sha256[:12]}:{'' if start is None else start}-{'' if end is None else end}"


def set_keys(conn: sqlite3.Connection, document_id: int, sha256: str) -> None:
    """Fill the key column of a document's freshly written rows."""
    for kind, table in TABLES.items():
        conn.execute(
            f"UPDATE {table} SET key = ? || ':' || COALESCE(start, '') || '-' || COALESCE(\"end\", '') "
            f"WHERE document_id = ? AND key IS NULL",
            (f"{kind.value}:{sha256[:12]}", document_id),
        )


def validate(k: Key, op: Op, field: Optional[str], value: Any) -> None:
    if op is Op.status:
        if k.kind is not Kind.action or value not in ACTION_STATUS:
            raise CorrectionError(f"status applies to actions: one of {', '.join(ACTION_STATUS)}")
    elif op is Op.fix:
        allowed = FIX_FIELDS[k.kind]
        if field not in allowed:
            raise CorrectionError(f"a {k.kind.value} can have its {', '.join(sorted(allowed))} fixed, not {field!r}")
        if field == "due":
            parse_due(value)
        if not isinstance(value, str) or not value.strip():
            raise CorrectionError(f"--{field} needs a value")
    elif op not in (Op.reject,):
        raise CorrectionError(f"use add_record/set_meeting for {op.value}")


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CorrectionError(f"{value!r} is not a date like 2024-05-31") from None


def parse_due(value: str) -> tuple[date, date]:
    """'2024-05-31' or '2024-05-01..2024-05-31'."""
    start, _, end = str(value).partition("..")
    a = parse_date(start)
    b = parse_date(end) if end else a
    if b < a:
        raise CorrectionError(f"{value!r}: the end is before the start")
    return a, b
