"""Meetings, events and action deadlines as an iCalendar (.ics) file.

```python
from pipeline.analyst.ics import CalendarRow, events_to_ics
ics = events_to_ics([CalendarRow(kind="event", start=date(2022, 3, 7), end=date(2022, 3, 9),
                                 summary="Kvalitetsmesse", source="<sha256>", span=(2390, 2400))])
Path("referat.ics").write_bytes(ics)
rows = calendar_rows("data/processed/referat.db", "events")   # the store's meetings, events, deadlines
```

Every entry is an all-day VEVENT (calendar apps show VTODOs poorly, so an
action deadline is an all-day VEVENT "Frist: ..." on its last day). A
multi-day event has DTEND = the day *after* its last day (DTEND is exclusive
in iCalendar). UIDs are stable: a hash of the source document's SHA-256 and the
record's character span, so importing the file again updates entries instead
of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Optional, Union

import pandas as pd

from pipeline.analyst import masking, query

PRODID = "-//referat//Danske referater og dagsordener//DA"
UID_DOMAIN = "referat.local"
Kind = Literal["event", "meeting", "deadline"]
# Danish category names shown in calendar apps.
CATEGORY = {"event": "Begivenhed", "meeting": "Møde", "deadline": "Frist"}
# The store's tables that have calendar rows.
ICS_TABLES = ("events", "meetings", "actions")


@dataclass(frozen=True)
class CalendarRow:
    """One calendar entry.

    `start`/`end` are the first and last day (inclusive; `end` None = one day).
    `source` identifies the record's origin (the document's SHA-256, or a
    meeting key) and `span` its character offsets: together they make the UID.
    """

    kind: Kind
    start: dt.date
    summary: str
    end: Optional[dt.date] = None
    description: str = ""
    location: Optional[str] = None
    source: str = ""
    span: tuple[int, int] = (0, 0)
    categories: tuple[str, ...] = field(default_factory=tuple)

    @property
    def uid(self) -> str:
        digest = hashlib.sha256(f"{self.kind}|{self.source}|{self.span[0]}|{self.span[1]}".encode())
        return f"{digest.hexdigest()[:32]}@{UID_DOMAIN}"


RowLike = Union[CalendarRow, Mapping[str, Any]]


def _as_date(value: Any) -> Optional[dt.date]:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def as_row(row: RowLike) -> Optional[CalendarRow]:
    """A CalendarRow from a row or a mapping with the same keys (None without a start date)."""
    if isinstance(row, CalendarRow):
        return row
    start = _as_date(row.get("start"))
    if start is None:
        return None
    span = row.get("span") or (0, 0)
    return CalendarRow(
        kind=row.get("kind", "event"),
        start=start,
        end=_as_date(row.get("end")),
        summary=str(row.get("summary") or ""),
        description=str(row.get("description") or ""),
        location=row.get("location") or None,
        source=str(row.get("source") or ""),
        span=(int(span[0]), int(span[1])),
        categories=tuple(row.get("categories") or ()),
    )


def events_to_ics(rows: Iterable[RowLike], *, name: str = "referat", stamp: Optional[dt.datetime] = None) -> bytes:
    """An iCalendar file (bytes, CRLF lines) with one all-day VEVENT per row.

    Rows without a start date are skipped; an `end` before `start` is ignored.
    `stamp` is the DTSTAMP of every entry (default: now, UTC).
    """
    from icalendar import Calendar, Event

    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    seen: set[str] = set()
    for raw in rows:
        row = as_row(raw)
        if row is None or row.uid in seen:
            continue
        seen.add(row.uid)
        last = row.end if row.end is not None and row.end >= row.start else row.start
        ev = Event()
        ev.add("uid", row.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", row.start)
        ev.add("dtend", last + dt.timedelta(days=1))  # exclusive: the day after the last day
        ev.add("summary", row.summary or CATEGORY.get(row.kind, "Begivenhed"))
        if row.description:
            ev.add("description", row.description)
        if row.location:
            ev.add("location", row.location)
        ev.add("categories", list(row.categories) or [CATEGORY.get(row.kind, "Begivenhed")])
        ev.add("transp", "TRANSPARENT")  # all-day markers do not block the day
        cal.add_component(ev)
    return cal.to_ical()


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
        raise ValueError(f"the ics format is for {', '.join(ICS_TABLES)}, not {table!r}")
    names = masking.masker(db, secret) if pseudonymize else None
    rows: list[CalendarRow] = []
    if table in ("events", "meetings"):
        rows += _meeting_rows(masking.prepare(query.table_view(db, "meetings"), "meetings", names))
    if table == "events":
        rows += _event_rows(masking.prepare(query.table_view(db, "events"), "events", names))
    if table in ("events", "actions"):
        rows += _deadline_rows(masking.prepare(query.table_view(db, "actions"), "actions", names))
    return sorted(rows, key=lambda r: (r.start, r.kind, r.summary))


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
