"""Dated events: calendar lines (a "Mødekalender" item, date-led lines, table
rows) and day-precise dates mentioned in the text. The meeting's own date,
deadlines ("inden", "senest") and as-of dates ("pr. 31.12.") are not events."""
from __future__ import annotations

import re
from datetime import date

from pipeline.dates import DateMention, find_dates
from pipeline.lexicon import lexicon
from pipeline.types import Block, BlockKind, Event, ItemSection, Provenance

# Deadlines and as-of dates ("regnskab pr. 31.12.2023") are not happenings.
DEADLINE_CUES = {"inden", "senest", "frist", "før", "deadline", "indtil", "til", "pr.", "per"}
_YEAR_LINE = re.compile(r"^\s*(?:år\s+)?(?P<year>(?:19|20)\d{2})\s*:?\s*$", re.I)
_LEAD = re.compile(r"^[\s:–—\-,.]+|[\s:–—\-,]+$")
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
STOP_LEFT = {"til", "i", "på", "med", "om", "af", "for", "fra", "den", "det", "de", "en", "et", "ved",
             "inklusiv", "og", "at", "som", "der", "har", "er", "blev", "holde", "deltage", "invitation"}


class EventCollector:
    def __init__(self, doc_id: str, meeting_date: date | None, ref: date):
        self.doc_id, self.meeting_date, self.ref = doc_id, meeting_date, ref
        self.events: list[Event] = []
        self.nouns = set(lexicon().event_nouns)

    # calendar lines --------------------------------------------------------
    def calendar(self, blocks: list[Block], *, titled: bool) -> list[Block]:
        """Events from date-led lines; returns the blocks that were not calendar lines."""
        rest, year = [], None
        for b in blocks:
            y = _YEAR_LINE.match(b.text)
            if y and titled:
                year = int(y.group("year"))
                continue
            text = "\t".join(b.cells) if b.kind == BlockKind.table_row and b.cells else b.text
            mentions = find_dates(text.replace("\t", " "), self.ref, default_year=year)
            lead = mentions[0] if mentions and _leads(text, mentions[0]) else None
            if lead and (titled or b.kind in (BlockKind.table_row, BlockKind.list_item) or ":" in text):
                self._add(lead, _after(text.replace("\t", " "), lead), b, "event.calendar", calendar=True)
            else:
                rest.append(b)
        return rest

    # dated mentions --------------------------------------------------------
    def mentions(self, blocks: list[Block]) -> None:
        for b in blocks:
            if b.kind == BlockKind.table_row:  # a data table (actions, budgets): its dates are not events
                continue
            for m in find_dates(b.text, self.ref):
                if m.range.precision != "day" or (m.cue or "").casefold() in DEADLINE_CUES:
                    continue
                if m.range.start == self.meeting_date and m.range.end == m.range.start:
                    continue
                self._add(m, self._phrase(b.text, m), b, "event.mention")

    def _phrase(self, text: str, m: DateMention) -> str:
        clause = re.split(r"[.;:!?()]|,\s", text[:m.start])[-1]
        words = clause.split()
        idx = max((i for i, w in enumerate(words) if _bare(w) in self.nouns), default=None)
        if idx is None:
            words = words[-6:]
        else:
            start = idx
            while start > 0 and _bare(words[start - 1]) not in STOP_LEFT and idx - start < 2:
                start -= 1
            words = words[start:]
        while words and _bare(words[-1]) in {"den", "d", "d.", "på", "i", "til", "fra"}:
            words = words[:-1]
        return " ".join(words).strip(" ,–-")

    def _add(self, m: DateMention, text: str, b: Block, rule: str, calendar: bool = False) -> None:
        start, end = m.range.start, m.range.end
        for e in self.events:  # once per date; a day inside a short span (a 3-day fair) is that span
            short = e.end is not None and (e.end - e.date).days <= 7
            if e.date == start or (short and e.date <= start <= e.end):
                return
        self.events.append(Event(date=start, end=end if end != start else None, text=text or m.text,
                                 provenance=Provenance(doc_id=self.doc_id, page=b.page,
                                                       start=b.start + m.start, end=b.start + m.end, rule=rule)))


def _bare(word: str) -> str:
    return word.casefold().strip("\"'“”«».,:;()")


def _leads(text: str, m: DateMention) -> bool:
    before = text[:m.start].casefold().replace("/", " ").replace("-", " ").split()
    return all(w.strip(".,:") in WEEKDAYS or w in {"d.", "den", "kl."} for w in before)


def _after(text: str, m: DateMention) -> str:
    rest = text[m.end:]
    rest = re.sub(r"^\s*(?:kl\.?\s*[\d.:]+(?:\s*[-–]\s*[\d.:]+)?)", "", rest)
    return _LEAD.sub("", rest).strip()


def collect_events(items: list[ItemSection], header: list[Block], doc_id: str, meeting_date: date | None,
                   ref: date) -> tuple[list[Event], dict[str | None, list[Block]]]:
    """Events, and per zone (None: the header before the first item; else the item's
    number) the blocks that remain for decisions and actions."""
    col = EventCollector(doc_id, meeting_date, ref)
    remaining: dict[str | None, list[Block]] = {None: col.calendar(header, titled=False)}
    for it in items:
        remaining[it.number] = col.calendar(it.blocks, titled=it.calendar)
    col.mentions(remaining[None])
    for it in items:
        col.mentions([it.heading] + remaining[it.number])
    return col.events, remaining
