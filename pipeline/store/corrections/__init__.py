"""Analysts' corrections that survive re-import.

Every stored record has a stable key, `kind:sha12:start-end` (the record kind,
the first 12 hex digits of its document's SHA-256, its character span), shown
in query output, exports and the review page. A correction names a key and
what to change:

    reject              the record is wrong: it is removed
    status  done|open|cancelled   (actions)
    fix     text | owner | due | item   with a new value
    add     a record the extractor missed (kind decision, action, event, attendee, absentee)
    meeting date | organization   of the document's meeting

Corrections are kept in their own table and applied to the stored rows when
they are made and again every time their document is saved (re-imported, or
re-extracted by a newer version), so every view, query and export shows them.
A correction whose record is no longer found, because a newer extractor cut
the record differently, is matched by its original text (token overlap) when
it can be, else marked `unmatched` and reported; it is never dropped.

By job: keys.py (kinds, keys, ops and the values they take, parsed and checked),
make.py (recording a correction), apply.py (applying it to the stored rows),
share.py (listing and importing corrections).
"""

from pipeline.store.corrections.apply import TEXT_MATCH, apply_to_document
from pipeline.store.corrections.keys import (
    ACTION_STATUS,
    FIX_FIELDS,
    MEETING_FIELDS,
    TABLES,
    CorrectionError,
    Key,
    Kind,
    Op,
    record_key,
    set_keys,
)
from pipeline.store.corrections.make import add_record, correct, set_meeting
from pipeline.store.corrections.share import import_corrections, list_corrections

__all__ = [
    "ACTION_STATUS",
    "FIX_FIELDS",
    "MEETING_FIELDS",
    "TABLES",
    "TEXT_MATCH",
    "CorrectionError",
    "Key",
    "Kind",
    "Op",
    "add_record",
    "apply_to_document",
    "correct",
    "import_corrections",
    "list_corrections",
    "record_key",
    "set_keys",
    "set_meeting",
]
