"""Which model each stored table holds, and how the model's fields become its columns.

One `Stored` declaration per table. The INSERTs of the writer are built from it
(`Stored.row`), the query layer reads a document back into a MeetingRecord with it
(`Stored.fields`), and tests/store/test_store_columns.py checks it against the migrated
schema, so a model field without a column, or a column nothing writes, fails a test.

How fields become columns:

- a scalar field is the column of the same name (`Decision.text` -> `text`), unless
  `renamed` says otherwise (`Event.end` -> `end_date`);
- a nested model is flattened into `<field>_<subfield>` columns (`Decision.due` ->
  `due_text`, `due_start`, ...; a subfield's alias wins: `VoteTally.for_` -> `votes_for`),
  except `provenance`, whose columns carry no prefix (`page`, `start`, `"end"`, `rule`,
  `ocr`, `ocr_confidence`; its `doc_id` is the document's `sha256`, not a column);
- values: dates as ISO text, booleans as 0/1, lists as JSON, every text CPR-masked
  except the identifiers named in `verbatim`;
- `elsewhere`: fields stored in another table (`Action.owners` -> `action_owners`);
- `store`: columns the writer fills beside the model's (ids, stems, resolved people);
- `later`: columns filled by SQLite (`id`), by a default, or after the INSERT (`key`).

Adding a stored field is: the field on the model (pipeline/types.py), a migration
adding its column (pipeline/store/schema.py), and its line in docs/schema.md.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from pipeline.privacy import mask_cpr
from pipeline.types import (
    Action,
    AgendaItem,
    Decision,
    DocumentMeta,
    Event,
    Meeting,
    MeetingRecord,
    Participant,
    Provenance,
    RoleAssignment,
)

# Nested models flattened without a prefix, and their fields that are not columns.
_UNPREFIXED = ("provenance",)
_NOT_STORED: dict[type[BaseModel], tuple[str, ...]] = {Provenance: ("doc_id",)}


def _nested(annotation: Any) -> type[BaseModel] | None:
    """The model class of a field annotated `Model` or `Optional[Model]`, else None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        models = [a for a in typing.get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
        return models[0] if len(models) == 1 else None
    return None


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(annotation) is list


def _value(value: object, verbatim: bool = False) -> object:
    """A model value as SQLite stores it."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value if verbatim else mask_cpr(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


@dataclass(frozen=True)
class _Column:
    """One column and where its value sits: `path` of field names from the model `owner`."""

    name: str
    path: tuple[str, ...]
    owner: type[BaseModel]  # the model that has the first field of `path`
    leaf: type[BaseModel]  # the model that has the last field of `path`


@dataclass(frozen=True)
class Stored:
    """A table and the model(s) whose fields are its columns."""

    table: str
    models: tuple[type[BaseModel], ...]
    renamed: Mapping[str, str] = field(default_factory=dict)  # field -> column
    elsewhere: Mapping[str, str] = field(default_factory=dict)  # field -> the table that stores it
    store: tuple[str, ...] = ()  # columns the writer fills beside the model's
    later: tuple[str, ...] = ()  # columns SQLite, a default or a later UPDATE fills
    verbatim: tuple[str, ...] = ()  # text columns stored unmasked: identifiers (a SHA-256 may hold ten digits)
    _columns: tuple[_Column, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_columns", tuple(self._model_columns()))

    def model_columns(self) -> tuple[_Column, ...]:
        """Every column the models' fields fill, with where its value sits."""
        return self._columns

    def _model_columns(self) -> list[_Column]:
        out: list[_Column] = []
        for model in self.models:
            for name, info in model.model_fields.items():
                if name in self.elsewhere:
                    continue
                nested = _nested(info.annotation)
                if nested is None:
                    out.append(_Column(self.renamed.get(name, name), (name,), model, model))
                    continue
                prefix = "" if name in _UNPREFIXED else f"{self.renamed.get(name, name)}_"
                for sub, sub_info in nested.model_fields.items():
                    if sub not in _NOT_STORED.get(nested, ()):
                        out.append(_Column(prefix + (sub_info.alias or sub), (name, sub), model, nested))
        return out

    def columns(self) -> list[str]:
        """The columns the model's fields fill, in field order."""
        return [c.name for c in self.model_columns()]

    def row(self, *objects: BaseModel) -> dict[str, object]:
        """{column: value} of one record (`objects`: one instance per model, in order)."""
        by_model = {type(o): o for o in objects}
        row: dict[str, object] = {}
        for c in self.model_columns():
            obj: Any = by_model[c.owner]
            for name in c.path:
                obj = None if obj is None else getattr(obj, name)
            row[c.name] = _value(obj, c.name in self.verbatim)
        return row

    def fields(self, row: Mapping[str, object], model: type[BaseModel]) -> dict[str, Any]:
        """The fields of `model` read back from a row of this table (the inverse of `row`):
        nested models as dicts; an optional one None when its required columns are all NULL."""
        out: dict[str, Any] = {}
        nested: dict[str, dict[str, Any]] = {}
        for c in self.model_columns():
            if c.owner is not model:
                continue
            value = row[c.name]
            info = c.leaf.model_fields[c.path[-1]]
            if isinstance(value, str) and _is_list(info.annotation):
                value = json.loads(value)
            if len(c.path) == 1:
                out[c.path[0]] = value
            else:
                nested.setdefault(c.path[0], {})[info.alias or c.path[1]] = value
        for name, values in nested.items():
            info = model.model_fields[name]
            sub = _nested(info.annotation)
            assert sub is not None
            required = [k for f, i in sub.model_fields.items() if i.is_required() and (k := i.alias or f) in values]
            empty = all(values[k] is None for k in required or values)
            out[name] = None if empty and not info.is_required() else values
        return out


DOCUMENTS = Stored(
    "documents",
    (MeetingRecord, DocumentMeta),
    renamed={"document": "name", "doc_id": "sha256"},
    elsewhere={
        "meeting": "meeting_documents",
        "attendees": "attendance",
        "absentees": "attendance",
        "roles": "person_roles",
        "agenda_items": "agenda_items",
        "decisions": "decisions",
        "actions": "actions",
        "events": "events",
    },
    store=("status", "imported_at", "error"),
    later=("id", "last_error", "last_error_at"),
    verbatim=("sha256", "path", "name"),
)
MEETING_DOCUMENTS = Stored("meeting_documents", (Meeting,), store=("meeting_id", "document_id", "priority"))
# The meeting itself: per field the first known value of its documents (by priority).
MEETINGS = Stored("meetings", (Meeting,), elsewhere={"provenance": "meeting_documents"}, store=("key",), later=("id",))
_RECORD = ("document_id", "meeting_id")
ATTENDANCE = Stored("attendance", (Participant,), store=(*_RECORD, "person_id"), later=("id", "key"))
PERSON_ROLES = Stored("person_roles", (RoleAssignment,), store=(*_RECORD, "person_id"), later=("id",))
AGENDA_ITEMS = Stored("agenda_items", (AgendaItem,), store=(*_RECORD, "owner_person_id"), later=("id", "key"))
DECISIONS = Stored("decisions", (Decision,), store=(*_RECORD, "agenda_title", "stemmed"), later=("id", "key"))
ACTIONS = Stored(
    "actions",
    (Action,),
    elsewhere={"owners": "action_owners"},
    store=(*_RECORD, "agenda_title", "stemmed"),
    later=("id", "key", "status"),
)
EVENTS = Stored("events", (Event,), renamed={"end": "end_date"}, store=_RECORD, later=("id", "key"))

STORED = (DOCUMENTS, MEETING_DOCUMENTS, MEETINGS, ATTENDANCE, PERSON_ROLES, AGENDA_ITEMS, DECISIONS, ACTIONS, EVENTS)
