"""Meetings, events and action deadlines as an iCalendar (.ics) file.

```python
from pipeline.calendar import CalendarRow, events_to_ics
ics = events_to_ics([CalendarRow(kind="event", start=date(2022, 3, 7), end=date(2022, 3, 9),
                                 summary="Kvalitetsmesse", source="<sha256>", span=(2390, 2400))])
Path("referat.ics").write_bytes(ics)
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

PRODID = "-//referat//Danske referater og dagsordener//DA"
UID_DOMAIN = "referat.local"
Kind = Literal["event", "meeting", "deadline"]
# Danish category names shown in calendar apps.
CATEGORY = {"event": "Begivenhed", "meeting": "Møde", "deadline": "Frist"}


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
