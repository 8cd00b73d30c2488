"""Export the store's tables for analysts: CSV (plain or Danish Excel), Parquet, iCalendar.

```python
from pipeline.export import export_table, table_frame, to_csv
export_table("data/processed/referat.db", "decisions", "decisions.csv", excel=True)
export_table(db, "attendance", "attendance.parquet", fmt="parquet", pseudonymize=True)
export_table(db, "events", "referat.ics", fmt="ics")
df = table_frame(db, "actions")          # the same rows as a DataFrame
```

Every table is exported as the analyst-friendly view: meeting date, body and
canonical person names instead of raw ids; for each meeting only the records of
its winning document ("minutes win", docs/schema.md).

CSV safety: a string cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return is written with a leading `'`, so Excel and LibreOffice show
it as text instead of running it as a formula (CSV/formula injection). Numbers
in numeric columns are never touched (-3 stays -3). `unescape_formula`
reverses it when a program reads the CSV back.

Plain CSV: UTF-8, `,` as separator, CRLF line ends (RFC 4180). Danish Excel
(`excel=True`): UTF-8 with a BOM (so Excel detects UTF-8 and shows æ, ø, å),
`;` as separator (Danish Excel reads `,` as the decimal sign), CRLF line ends.
Dates are always ISO `YYYY-MM-DD` (Excel recognises them in any locale).
Parquet keeps types: dates (`DATE_COLUMNS`) are Parquet dates, counts, votes
and pages (`COUNT_COLUMNS`) 64-bit integers with NULLs, also in a column that
is all NULL.
Decimal numbers keep `.` by default, which round-trips with pandas; Danish
Excel reads `0.75` as text, so pass `decimal=","` (CLI `--decimal-comma`) for
a sheet whose decimal numbers (the attendance `rate`) should be numbers there.

Defence in depth: CPR numbers are masked in the store already; every exported
text goes through `privacy.mask_cpr` again. `pseudonymize=True` replaces every
person's name with a stable label ("Person 001") from `privacy.Pseudonymizer`,
in name columns and inside texts (every spelling seen of the person, and a
first name used alone when only one person has it); bodies
("sekretariatet", "HB") keep their names. Labels are numbered by person id
(or, with `secret`, in a keyed-hash order), so one person has one label in
every table exported from the same database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, Optional

import numpy as np
import pandas as pd

from pipeline import query
from pipeline.calendar import CalendarRow, events_to_ics
from pipeline.errors import ReferatError
from pipeline.privacy import Pseudonymizer, mask_cpr, replace_person_names

TABLES = ("meetings", "attendance", "people", "agenda_items", "decisions", "actions", "events")
ICS_TABLES = ("events", "meetings", "actions")
Format = Literal["csv", "parquet", "ics"]
FORMATS = ("csv", "parquet", "ics")

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ReferatError):
    """The export's arguments cannot be used, or the output cannot be written."""


# ------------------------------------------------------------------ CSV / Parquet


# A separator (as a spreadsheet might split on it) followed by a formula trigger.
_INNER_TRIGGER = re.compile(r"(?<=[;,\t|])(\s*)(?=[=+@])")


def escape_formula(value: object) -> object:
    """`'=1+2` for a string starting with = + - @ tab or CR, and `'` before = + @
    after a separator inside the text ("Økonomi;'=1+1"), so no part of the cell is
    a live formula even if a program splits it; anything else unchanged."""
    if not isinstance(value, str):
        return value
    value = _INNER_TRIGGER.sub(r"\1'", value)
    if value[:1] in FORMULA_TRIGGERS:
        return "'" + value
    return value


def unescape_formula(value: object) -> object:
    """Undo `escape_formula` (for programs reading an exported CSV back)."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_TRIGGERS and value[1:2]:
        return value[1:]
    return value


def _iso_dates(series: pd.Series) -> pd.Series:
    """datetime64 columns as ISO text: dates when every value is midnight, else date-times."""
    s = series
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
    midnight = s.dropna().eq(s.dropna().dt.normalize()).all()
    text = s.dt.strftime("%Y-%m-%d" if midnight else "%Y-%m-%dT%H:%M:%S")
    return text.astype(object).where(s.notna(), None)


def _cell_text(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):  # date objects in object columns: ISO
        return value.isoformat()
    return escape_formula(value)


def _texty(s: pd.Series) -> bool:
    """An object or string column (pandas >= 3 gives text columns the `str` dtype)."""
    return s.dtype == object or pd.api.types.is_string_dtype(s.dtype)


def csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` ready for CSV: ISO dates, formula-escaped string cells.

    Only string cells change; numeric columns (and numbers inside object
    columns) are left as they are.
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            out[col] = _iso_dates(s)
        elif _texty(s) or isinstance(s.dtype, pd.CategoricalDtype):
            out[col] = s.astype(object).map(_cell_text, na_action="ignore")
    out.columns = [escape_formula(c) for c in out.columns]  # headers are cells too
    return out


def to_csv(df: pd.DataFrame, path: str | Path, *, excel: bool = False, decimal: str = ".") -> None:
    """Write `df` as CSV without its index.

    Plain: UTF-8, `,`. `excel=True`: UTF-8 with BOM, `;` (Danish Excel). Both
    end lines with CRLF (RFC 4180; it also makes the csv module quote a cell
    holding a lone CR, which a LF-terminated file would leave bare), escape
    formula-like string cells, and quote every text cell (so a separator or
    a formula inside a cell can never split it into live cells); numbers stay bare.
    """
    if decimal not in (".", ","):
        raise ExportError(f"decimal must be '.' or ',', got {decimal!r}")
    sep = ";" if excel else ","
    if decimal == sep:
        raise ExportError("a decimal comma needs the Excel format (';' separator): pass excel=True")
    frame = csv_frame(df)
    try:
        with open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as fh:
            fh.write(sep.join(_csv_cell(c, decimal) for c in frame.columns) + "\r\n")
            for row in frame.itertuples(index=False, name=None):
                fh.write(sep.join(_csv_cell(v, decimal) for v in row) + "\r\n")
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from None


def _csv_cell(value: object, decimal: str) -> str:
    """Text quoted always (a quote doubled), numbers bare (with the decimal mark), empty for missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        text = repr(float(value))
        return text.replace(".", decimal) if decimal != "." else text
    text = str(value)
    return '"' + text.replace('"', '""') + '"'


# Columns with a fixed type in every export, whatever the rows hold (an all-NULL column
# would otherwise come out as text or float): calendar dates and counts.
DATE_COLUMNS = ("meeting_date", "date", "end_date", "due_start", "due_end", "first_seen", "last_seen")
COUNT_COLUMNS = (
    "page",
    "pages",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "attended",
    "apologies",
    "mentions",
    "present",
    "absent",
    "decisions",
    "actions",
    "events",
    "planned",
    "recorded",
)


def _as_date(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def typed_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` whose DATE_COLUMNS hold `datetime.date` (None when missing) and whose
    COUNT_COLUMNS are nullable Int64, so NULLs never turn dates into text or counts into floats.
    A column whose values are not all ISO dates or whole numbers is left as it is."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if col in DATE_COLUMNS and not pd.api.types.is_datetime64_any_dtype(s.dtype):
            try:
                out[col] = pd.Series([_as_date(v) for v in s], index=s.index, dtype=object)
            except (TypeError, ValueError):
                pass
        elif col in COUNT_COLUMNS and str(s.dtype) != "Int64":
            try:
                out[col] = pd.to_numeric(s).astype("Int64")
            except (TypeError, ValueError):
                pass
    return out


def to_parquet(df: pd.DataFrame, path: str | Path) -> None:
    """Write `df` as Parquet (pyarrow), without its index.

    DATE_COLUMNS are written as Parquet dates (pyarrow date32) and COUNT_COLUMNS
    as 64-bit integers with NULLs (pandas Int64 when read back), also when a
    column is empty or all NULL.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = typed_frame(df)
    for col in out.columns:  # pyarrow needs one type per column: mixed object columns become text
        if out[col].dtype == object and col not in DATE_COLUMNS:
            kinds = {type(v) for v in out[col].dropna()}
            if len(kinds) > 1:
                out[col] = out[col].map(str, na_action="ignore")
    try:
        table = pa.Table.from_pandas(out, preserve_index=False)
        fields = [
            pa.field(f.name, pa.date32())
            if f.name in DATE_COLUMNS and (pa.types.is_null(f.type) or pa.types.is_date(f.type))
            else f
            for f in table.schema
        ]
        table = table.cast(pa.schema(fields, metadata=table.schema.metadata))
        pq.write_table(table, path)
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from None


# ------------------------------------------------------------------ pseudonyms


class NameMasker:
    """Stable person pseudonyms for one database (via privacy.Pseudonymizer).

    Persons (not bodies) are numbered up front, so a person has the same label
    in every table exported from the database. `text()` replaces every known
    spelling of a person in free text (longest first), and a first name used
    alone when exactly one person has it.
    """

    def __init__(self, conn: sqlite3.Connection, secret: Optional[str] = None):
        self.kinds: dict[int, str] = dict(conn.execute("SELECT id, kind FROM people"))
        persons = sorted(pid for pid, kind in self.kinds.items() if kind == "person")
        self.pseudo = Pseudonymizer(secret)
        self.pseudo.preassign(persons)
        spellings: dict[str, int] = {}
        for pid, spelling in conn.execute(
            "SELECT person_id, spelling FROM person_aliases UNION SELECT id, name FROM people"
        ):
            if self.kinds.get(pid) == "person" and spelling and spelling.strip():
                spellings.setdefault(spelling.strip(), pid)
        firsts: dict[str, set[int]] = {}
        for spelling, pid in spellings.items():
            parts = spelling.split()
            if len(parts) > 1 and len(parts[0]) >= 3 and parts[0][:1].isupper():
                firsts.setdefault(parts[0], set()).add(pid)
        for first, pids in firsts.items():
            if len(pids) == 1 and first not in spellings:
                spellings[first] = next(iter(pids))
        self.by_spelling = spellings
        self.by_casefold = {s.casefold(): pid for s, pid in spellings.items() if " " in s}
        names = sorted(spellings, key=len, reverse=True)
        # a known spelling, also in the genitive ("Stines forslag")
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?=s?(?!\w))") if names else None
        )

    def label(self, person_id: object) -> Optional[str]:
        """The pseudonym of a person id; None for bodies and unknown ids."""
        if person_id is None or pd.isna(person_id):
            return None
        pid = int(person_id)
        return self.pseudo(pid) if self.kinds.get(pid) == "person" else None

    def name(self, name: Optional[str], person_id: object = None) -> Optional[str]:
        """A name column's value: the person's label; a body's name unchanged."""
        if name is None or (not isinstance(name, str) and pd.isna(name)):
            return name
        label = self.label(person_id)
        if label is None and (person_id is None or pd.isna(person_id)):
            pid = self.by_casefold.get(name.strip().casefold())
            label = self.label(pid) if pid is not None else None
        if label is None and self.kinds.get(_int(person_id)) != "body":
            label = self.text(name)  # an unresolved name: at least its known parts
        return label if label is not None else name

    def text(self, text: object) -> object:
        """Free text with every person's name replaced by a label: the registry's
        spellings first, then names the registry does not hold (third parties
        named in a decision), found by privacy.find_person_names."""
        if not isinstance(text, str):
            return text
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: self.pseudo(self.by_spelling[m[0]]) or m[0], text)
        return replace_person_names(text, lambda name: self.pseudo(("unregistered", name.casefold())) or name)


def _int(value: object) -> Optional[int]:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return int(value)


# ------------------------------------------------------------------ table views

_MEETING = "m.date AS meeting_date, m.organization, m.body"
_JOINS = "JOIN meetings m ON m.id = r.meeting_id JOIN documents doc ON doc.id = r.document_id"

_SQL = {
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
    "decisions": """
SELECT meeting_date, organization, body, item, agenda_title, text, due_text AS due, due_start, due_end,
  votes_for, votes_against, votes_abstain, file, page, key
FROM decision_history ORDER BY meeting_date, organization, body, decision_id""",
    "actions": """
SELECT a.meeting_date, a.organization, a.body, a.item, a.agenda_title, a.text, a.owners,
  a.due_text AS due, a.due_start, a.due_end, a.status, a.file, a.page, a.key,
  (SELECT json_group_array(json_array(o.person_id, o.name)) FROM (
     SELECT ao.person_id, COALESCE(p.name, ao.owner) AS name FROM action_owners ao
     LEFT JOIN people p ON p.id = ao.person_id WHERE ao.action_id = a.action_id
     ORDER BY ao.position) o) AS _owners,
  doc.sha256 AS _sha256, a.start AS _start, a."end" AS _end
FROM action_list a JOIN actions x ON x.id = a.action_id JOIN documents doc ON doc.id = x.document_id
ORDER BY a.meeting_date, a.organization, a.body, a.action_id""",
    "events": f"""
SELECT r.date, r.end_date, r.text, {_MEETING}, doc.name AS file, r.page, r.key,
  doc.sha256 AS _sha256, r.start AS _start, r."end" AS _end
FROM effective_events r {_JOINS}
ORDER BY r.date, r.end_date, m.date, r.id""",
}

_MEETINGS_EXTRA = """
SELECT m.id AS meeting_id, m.key AS _key, m.location,
  (SELECT COUNT(*) FROM effective_events x WHERE x.meeting_id = m.id) AS events
FROM meetings m"""


def _frame(conn: sqlite3.Connection, sql: str) -> pd.DataFrame:
    cur = conn.execute(sql)
    return pd.DataFrame.from_records(cur.fetchall(), columns=[c[0] for c in cur.description])


def _raw_frame(db: query.DbLike, table: str) -> pd.DataFrame:
    """The table's view with internal `_` columns (ids, spans) still in it."""
    if table == "meetings":
        df = query.meetings(db)
        with query.connect(db) as conn:
            extra = _frame(conn, _MEETINGS_EXTRA)
        df = df.merge(extra, on="meeting_id", how="left")
        columns = list(df.columns)
        columns.insert(columns.index("mode") + 1, columns.pop(columns.index("location")))
        return df[columns].drop(columns=["meeting_id"]).rename(columns={"date": "meeting_date"})
    with query.connect(db) as conn:
        df = _frame(conn, _SQL[table])
    if table == "people":  # bodies have no attendance: nullable integers, not floats
        for col in ("attended", "apologies"):
            df[col] = df[col].astype("Int64")
    return df


def _check_table(table: str) -> None:
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")


def _masker(db: query.DbLike, secret: Optional[str]) -> NameMasker:
    with query.connect(db) as conn:
        return NameMasker(conn, secret)


_NAME_COLUMNS = {"attendance": ("person", "written_as"), "people": ("name",), "agenda_items": ("owner",)}


def _pseudonymize(df: pd.DataFrame, table: str, masker: NameMasker) -> pd.DataFrame:
    df = df.copy()
    ids = df["_person_id"] if "_person_id" in df.columns else pd.Series([None] * len(df), index=df.index)
    for col in _NAME_COLUMNS.get(table, ()):
        df[col] = [masker.name(v, pid) for v, pid in zip(df[col], ids)]
    if table == "people":
        df.loc[df["kind"] == "person", "spellings"] = None  # other spellings would name the person
        # sorted by label, not by the real names (that order would give them away)
        df = df.sort_values(["kind", "name"], ascending=[False, True], key=_natural)
    if "_owners" in df.columns:
        df["owners"] = [_owner_labels(v, masker) for v in df["_owners"]]
    skip = set(_NAME_COLUMNS.get(table, ())) | {"owners", "spellings", "file", "documents"}
    for col in df.columns:
        if col not in skip and not col.startswith("_") and _texty(df[col]):
            df[col] = df[col].astype(object).map(masker.text, na_action="ignore")
    return df


def _natural(s: pd.Series) -> pd.Series:
    return s.astype(object).map(lambda v: str(v).casefold(), na_action="ignore")


def _owner_labels(raw: Optional[str], masker: NameMasker) -> Optional[str]:
    owners = json.loads(raw) if raw else []
    names = [masker.name(name, pid) for pid, name in owners]
    return "; ".join(n for n in names if n) or None


def _mask_texts(df: pd.DataFrame) -> pd.DataFrame:
    for col in df.columns:
        if _texty(df[col]):
            df[col] = df[col].astype(object).map(lambda v: mask_cpr(v) if isinstance(v, str) else v)
    return df


def _public(df: pd.DataFrame) -> pd.DataFrame:
    return df[[c for c in df.columns if not str(c).startswith("_")]].reset_index(drop=True)


def table_frame(
    db: query.DbLike, table: str, *, pseudonymize: bool = False, secret: Optional[str] = None
) -> pd.DataFrame:
    """The analyst view of `table` (one of TABLES) as a DataFrame, CPR-masked,
    optionally pseudonymized. Dates are ISO text, as in pipeline.query; `typed_frame`
    turns them into `datetime.date` and the counts into nullable Int64 (as Parquet has them)."""
    _check_table(table)
    df = _raw_frame(db, table)
    if pseudonymize:
        df = _pseudonymize(df, table, _masker(db, secret))
    return _mask_texts(_public(df))


# ------------------------------------------------------------------ calendar rows


def _clip(text: str, n: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _get(row: pd.Series, key: str) -> Optional[str]:
    """A cell as text; None for missing values (None, NaN, NA, "")."""
    value = row.get(key)
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return None
    return str(value)


def _where(row: pd.Series) -> str:
    return " ".join(b for b in (_get(row, "organization"), _get(row, "body")) if b)


def _span(row: pd.Series) -> tuple[int, int]:
    return (int(_get(row, "_start") or 0), int(_get(row, "_end") or 0))


_MODE = {"digital": "digitalt", "physical": "fysisk", "hybrid": "hybridt"}


def calendar_rows(
    db: query.DbLike, table: str = "events", *, pseudonymize: bool = False, secret: Optional[str] = None
) -> list[CalendarRow]:
    """Calendar entries for `table`: "events" = the events the documents mention,
    the meetings themselves and action deadlines; "meetings" or "actions" alone."""
    if table not in ICS_TABLES:
        raise ExportError(f"the ics format is for {', '.join(ICS_TABLES)}, not {table!r}")
    masker = _masker(db, secret) if pseudonymize else None
    rows: list[CalendarRow] = []
    if table in ("events", "meetings"):
        rows += _meeting_rows(_prep(_raw_frame(db, "meetings"), "meetings", masker))
    if table == "events":
        rows += _event_rows(_prep(_raw_frame(db, "events"), "events", masker))
    if table in ("events", "actions"):
        rows += _deadline_rows(_prep(_raw_frame(db, "actions"), "actions", masker))
    return sorted(rows, key=lambda r: (r.start, r.kind, r.summary))


def _prep(df: pd.DataFrame, table: str, masker: Optional[NameMasker]) -> pd.DataFrame:
    if masker is not None:
        df = _pseudonymize(df, table, masker)
    return _mask_texts(df)


def _meeting_rows(df: pd.DataFrame) -> list[CalendarRow]:
    out = []
    for _, r in df.iterrows():
        date = _get(r, "meeting_date")
        if not date:
            continue
        where = _where(r)
        lines = [x for x in (_get(r, "title"),) if x]
        if mode := _get(r, "mode"):
            lines.append(f"Mødeform: {_MODE.get(mode, mode)}")
        if docs := _get(r, "documents"):
            lines.append(f"Dokumenter: {docs}")
        out.append(
            CalendarRow(
                kind="meeting",
                start=dt.date.fromisoformat(date),
                summary=f"Møde i {where}" if where else "Møde",
                description="\n".join(lines),
                location=_get(r, "location"),
                source=str(r["_key"]),
                span=(0, 0),
            )
        )
    return out


def _event_rows(df: pd.DataFrame) -> list[CalendarRow]:
    # The same event is often listed in the calendars of several meetings: keep the
    # mention of the latest meeting (the frame is in meeting-date order).
    latest: dict[tuple, CalendarRow] = {}
    for _, r in df.iterrows():
        end = _get(r, "end_date")
        text = _get(r, "text") or ""
        source = " ".join(x for x in (_where(r), _get(r, "meeting_date")) if x)
        desc = f"Nævnt i referatet af {source} ({_get(r, 'file')}, side {_get(r, 'page')})"
        row = CalendarRow(
            kind="event",
            start=dt.date.fromisoformat(str(r["date"])),
            end=dt.date.fromisoformat(end) if end else None,
            summary=_clip(text),
            description=f"{text}\n{desc}",
            source=str(r["_sha256"]),
            span=_span(r),
        )
        latest[(r["date"], end, " ".join(text.casefold().split()))] = row
    return list(latest.values())


def _deadline_rows(df: pd.DataFrame) -> list[CalendarRow]:
    out = []
    for _, r in df.iterrows():
        first, last = _get(r, "due_start"), _get(r, "due_end") or _get(r, "due_start")
        if not last:
            continue
        text = _get(r, "text") or ""
        lines = [text]
        if owners := _get(r, "owners"):
            lines.append(f"Ansvarlig: {owners}")
        due = _get(r, "due") or last
        lines.append(f"Frist: {due}" + (f" ({first} – {last})" if first and first != last else ""))
        item = f", punkt {_get(r, 'item')}" if _get(r, "item") else ""
        source = " ".join(x for x in (_where(r), _get(r, "meeting_date")) if x)
        lines.append(f"Fra mødet i {source}{item} ({_get(r, 'file')}, side {_get(r, 'page')})")
        lines.append(f"Status: {_get(r, 'status') or 'open'}")
        out.append(
            CalendarRow(
                kind="deadline",
                start=dt.date.fromisoformat(last),
                summary=f"Frist: {_clip(text)}",
                description="\n".join(lines),
                source=str(r["_sha256"]),
                span=_span(r),
            )
        )
    return out


# ------------------------------------------------------------------ export


SPREADSHEET_SUFFIXES = {".xlsx", ".xls", ".xlsm", ".ods"}


def guess_format(out: str | Path) -> Format:
    """The format an output file name asks for (.parquet, .ics; else csv)."""
    suffix = Path(out).suffix.lower()
    return "parquet" if suffix in (".parquet", ".pq") else "ics" if suffix in (".ics", ".ical") else "csv"


def export_table(
    db: query.DbLike,
    table: str,
    out: str | Path,
    *,
    fmt: Format = "csv",
    excel: bool = False,
    pseudonymize: bool = False,
    secret: Optional[str] = None,
    decimal: str = ".",
) -> int:
    """Write `table` (one of TABLES) to `out` as csv, parquet or ics; return the rows written."""
    _check_table(table)
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if excel and fmt != "csv":
        raise ExportError("--excel applies to the csv format only")
    out = Path(out)
    if out.suffix.lower() in SPREADSHEET_SUFFIXES:
        raise ExportError(
            f"cannot write {out.name}: referat writes CSV, Parquet or iCalendar, not an Excel "
            f"workbook; use --out {out.with_suffix('.csv').name} --excel for a CSV that Danish "
            f"Excel opens directly"
        )
    if not out.parent.is_dir():
        raise ExportError(f"cannot write {out}: the folder {out.parent} does not exist")
    if fmt == "ics":
        rows = calendar_rows(db, table, pseudonymize=pseudonymize, secret=secret)
        write_atomic(out, events_to_ics(rows))
        return len(rows)
    df = table_frame(db, table, pseudonymize=pseudonymize, secret=secret)
    with atomic_path(out) as tmp:
        if fmt == "parquet":
            to_parquet(df, tmp)
        else:
            to_csv(df, tmp, excel=excel, decimal=decimal)
    return len(df)


@contextmanager
def atomic_path(out: Path) -> Iterator[Path]:
    """A temporary file beside `out` that replaces it only when the block succeeds, so
    a full disk or an error never leaves a truncated export (the old file stays)."""
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, out)
    except OSError as e:
        raise ExportError(f"cannot write {out}: {e.strerror or e}") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def write_atomic(out: Path, data: bytes) -> None:
    """Write `data` to `out` through atomic_path (an OSError becomes one ExportError line)."""
    with atomic_path(out) as tmp:
        tmp.write_bytes(data)


__all__ = [
    "ExportError",
    "NameMasker",
    "TABLES",
    "calendar_rows",
    "csv_frame",
    "escape_formula",
    "export_table",
    "guess_format",
    "table_frame",
    "to_csv",
    "to_parquet",
    "typed_frame",
    "unescape_formula",
]
