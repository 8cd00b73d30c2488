"""Dated events: calendar lines (a "Mødekalender" item, date-led lines, table
rows), the entries of a logbook (one dated heading or "Dato:" cell per meeting)
and day-precise dates mentioned in the text.

Not events (shared/gold/GUIDE.md, "Boundary cases"): the meeting's own date,
deadlines ("inden", "senest"), as-of and effective dates ("pr. 31.12.", "trådte
i kraft"), dates of documents ("indstilling af 3. februar", "Bilag 2 af
12.3.2024"), signatures ("København 29. august 2020 <name>", e-signature
timestamps), page footers ("1/4"), "i perioden ...", months, seasons and spans longer
than a week outside a calendar line, and weeks unless a happening is held in one ("Sommerlejren afholdes i uge 28").

The vocabulary is data: the event_* keys of lexicon/da_dates.json, prepared in
event_words; what one line says about its dates (result runs, footers, name lines, leading
dates) is event_lines; this module is the collector and its filters."""

from __future__ import annotations

import re
from datetime import date, timedelta

from pipeline.dates import DateMention, find_dates, shift_year, year_written
from pipeline.extract.event_lines import (
    _after,
    _bare,
    _entry_name,
    _field_led,
    _first_cell,
    _fixed,
    _fixes,
    _folded,
    _footer,
    _is_name_line,
    _leads,
    _result_runs,
    _sentence,
    _single_day,
    _weekday_in,
)
from pipeline.extract.event_words import Words as Words  # re-exported
from pipeline.extract.event_words import words
from pipeline.lexicon import lexicon
from pipeline.types import Block, BlockKind, Event, ItemSection, Provenance

_YEAR_LINE = re.compile(r"^\s*(?:år\s+)?(?P<year>(?:19|20)\d{2})\s*:?\s*$", re.I)
_CLAUSE_SPLIT = re.compile(r"[.;:!?()]|,\s")
_CLOCK_SECONDS = re.compile(r"^\s*(?:kl\.?\s*)?\d{1,2}[:.]\d{2}[:.]\d{2}")  # "2022-12-23 11:46:18"
# "Den 16. januar 2024": a line that is nothing but a date
_LONE_DATE = re.compile(r"^\s*(?:\w{1,4}\.?\s+)?@\s*\.?\s*$")
_SIGNATURE = re.compile(  # "København 29. august 2020 Stefan Vrang", "Aarhus, den 3. maj 2024"
    r"^\s*(?P<place>[A-ZÆØÅ][\w-]+(?:\s[A-ZÆØÅ][\w-]+)?)(?P<comma>,)?\s+(?:den\s+|d\.\s*)?(?P<date>@)"
    r"(?P<name>(?:\s+[A-ZÆØÅ][\w.-]+){0,4})\s*$"
)
MAX_EVENT_DAYS = 7  # longer spans are periods (a hearing, a fiscal year); a day inside a shorter one is that event
PAST_MIN_AHEAD = timedelta(days=42)  # a past-told date is moved back a year only from this far ahead
REACH = 35  # characters around a date searched for as-of words
HISTORY_WORDS = 8  # a case-history line is a date and a body's name
# "12-09-2022 Økonomiudvalget": a line of a case's history, a date and the body that met
_HISTORY_LINE = re.compile(r"^\s*\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\s+[A-ZÆØÅ]")


class EventCollector:
    def __init__(self, doc_id: str, meeting_date: date | None, ref: date):
        self.doc_id, self.meeting_date, self.ref = doc_id, meeting_date, ref
        self.own: set[date] = {meeting_date} if meeting_date else set()
        self.events: list[Event] = []
        self.calendar_lines: set[int] = set()  # ids of the blocks read as calendar lines
        self.nouns = set(lexicon().event_nouns)
        self.w = words()

    # logbook entries -------------------------------------------------------
    def entries(self, blocks: list[Block]) -> None:
        """A logbook: several dated entry heads ("Tirsdag d. 11/02", "16/2", "Dato: 12/5-16", a
        weekday heading under "Logbog uge 37"). Every entry is a past meeting, one event per head
        (two heads on one day are two meetings); the latest is the meeting itself; an entry whose
        text says it was cancelled is none."""
        heads: list[tuple[DateMention, Block, str]] = []
        week: DateMention | None = None
        for k, b in enumerate(blocks):
            text = _first_cell(b)
            if b.kind not in (BlockKind.heading, BlockKind.title, BlockKind.table_row) and not _field_led(text):
                continue
            if len(text.split()) > 10:
                continue
            found = find_dates(text, self.ref)
            day = next((m for m in found if _single_day(m)), None)
            if day is None and found and found[0].range.precision == "week" and b.kind != BlockKind.table_row:
                week = found[0]
                continue
            if day is None and week is not None and b.kind == BlockKind.heading:
                day = _weekday_in(text, week)
            if day is None or (b.kind == BlockKind.table_row and not _field_led(text)):
                continue  # a date-led table row is a calendar line, not an entry
            if self._cancelled(blocks, k):
                continue
            heads.append((day, b, _entry_name(text, day)))
        if len({m.range.start for m, _, _ in heads}) < 3:
            return
        latest = max(m.range.start for m, _, _ in heads)
        if self.meeting_date and latest > self.meeting_date + timedelta(days=7):
            return  # dated headings ahead of the meeting: a calendar, not a logbook
        self.own = {latest}
        for m, b, name in heads:
            if m.range.start != latest:
                self._add(m, name or self.w.entry_text, b, "event.entry", repeat=True)

    def _cancelled(self, blocks: list[Block], k: int) -> bool:
        for b in blocks[k : k + 3]:
            if self.w.cancel.search(b.text):
                return True
            if b is not blocks[k] and b.kind == BlockKind.heading and b.level <= blocks[k].level:
                break
        return False

    # calendar lines --------------------------------------------------------
    def calendar(self, blocks: list[Block], *, titled: bool) -> list[Block]:
        """Events from date-led lines; returns the blocks that were not calendar lines, and the
        calendar lines that fix a date ("Tirsdag den 12. juni blev fastlagt som næste mødedato"):
        fixing it is a decision (shared/gold/GUIDE.md), so the statement extractors see it too."""
        rest, year = [], None
        for b in blocks:
            y = _YEAR_LINE.match(b.text)
            if y and titled:
                year = int(y.group("year"))
                continue
            text = "\t".join(b.cells) if b.kind == BlockKind.table_row and b.cells else b.text
            flat = text.replace("\t", " ")
            mentions = find_dates(flat, self.ref, default_year=year)
            lead = mentions[0] if mentions and _leads(text, mentions[0]) else None
            if lead and (titled or b.kind in (BlockKind.table_row, BlockKind.list_item) or ":" in text):
                if self._happening(flat, lead, b, calendar=True):
                    self._add(lead, _after(flat, lead), b, "event.calendar")
                if b.kind != BlockKind.table_row and _fixes(flat):
                    self.calendar_lines.add(id(b))
                    rest.append(b)
            else:
                rest.append(b)
        return rest

    # dated mentions --------------------------------------------------------
    def mentions(self, blocks: list[Block]) -> None:
        results = _result_runs(blocks)
        report: Block | None = None  # the heading of a report of a past year ("Årsberetning 2023")
        for k, b in enumerate(blocks):
            if b.kind in (BlockKind.heading, BlockKind.title):
                if self._report_heading(b):
                    report = b
                elif report is not None and b.level < report.level:
                    report = None
            if b.kind == BlockKind.table_row:  # a data table (actions, budgets): its dates are not events
                continue
            if k in results or id(b) in self.calendar_lines or self._lone_signature(blocks, k):
                continue
            history = bool(_HISTORY_LINE.match(b.text)) and len(b.text.split()) <= HISTORY_WORDS
            for m in find_dates(b.text, self.ref):
                if not self._happening(b.text, m, b):
                    continue
                if history and m.start == b.text.find(m.text):
                    self._add(m, _after(b.text, m), b, "event.history", distinct=True)
                    continue
                self._add(self._past(b.text, m, report=report is not None), self._phrase(b.text, m), b, "event.mention")

    def _report_heading(self, b: Block) -> bool:
        """'Årsberetning fodbold 2023' at a meeting in 2024: a report of a year gone by."""
        if not self.w.report.search(b.text):
            return False
        years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d|[/.-]\d)", b.text)]
        return bool(years) and max(years) < self.ref.year

    def _lone_signature(self, blocks: list[Block], k: int) -> bool:
        """'Som dirigent og referent:' / 'Den 16. januar 2024' / a name: the date of a signature."""
        b = blocks[k]
        found = find_dates(b.text, self.ref)
        if len(found) != 1 or not _LONE_DATE.match(b.text[: found[0].start] + "@" + b.text[found[0].end :]):
            return False
        prev = blocks[k - 1].text.strip() if k > 0 else ""
        nxt = blocks[k + 1].text.strip() if k + 1 < len(blocks) else ""
        return prev.endswith(":") and not find_dates(prev, self.ref) or _is_name_line(nxt)

    def _happening(self, text: str, m: DateMention, b: Block, calendar: bool = False) -> bool:
        """Is the date a happening's, not a deadline, an as-of date, a document's or a page's?
        A calendar line ("Foråret 2025: Nye vinduer") may be vague; a mention must name a day."""
        w, rng = self.w, m.range
        if (m.cue or "").casefold() in w.not_cues and not _fixed(text, m):
            return False
        sentence = _sentence(text, m)
        if calendar:
            pass
        elif rng.precision == "week":
            if not w.week_verbs.search(sentence):
                return False
        elif rng.precision != "day" or (rng.end - rng.start).days > MAX_EVENT_DAYS:
            return False  # a month, a season, a hearing or accounting period; a short span is ("8.-10. maj")
        prefix = ""  # what the mention opens with before its digits: "den ", "Tirsdag d. "
        if m.rule != "week":
            lead = re.match(r"\D*", m.text)
            assert lead is not None  # \D* also matches the empty string
            prefix = lead.group()
        before = _CLAUSE_SPLIT.split(text[max(0, m.start - 80) : m.start])[-1] + prefix
        after = text[m.end : m.end + REACH]
        if self._document_date(before) or w.as_of.search(before[-REACH:]) or w.as_of.search(after.split(".")[0]):
            return False
        if _CLOCK_SECONDS.match(after) or w.timestamp.match(_CLOCK_SECONDS.sub("", after)):
            return False
        if w.cancel.search(sentence) or _footer(text, m, b) or self._signature(text, m):
            return False
        raw = text[max(0, m.start - 40) : m.start] + prefix  # not cut at the full stop of "nr."
        if w.deadline.search(raw) or w.since.search(raw) or w.numbered_act.search(raw):
            return False  # "Ansøgningsfrist: 3. marts", "siden 1. november", "bekendtgørelse nr. 12 af 3/1-2024"
        if w.letter.search(sentence) and not self._meeting_told(text, sentence, m):
            return False  # "Styrelsen meddelte den 5. december ...": a letter, not a happening
        return True

    def _meeting_told(self, text: str, sentence: str, m: DateMention) -> bool:
        """A letter verb beside a meeting: 'meddelt af Byrådet den 29. januar (pkt. 33)', '... på mødet'."""
        if self.w.item_ref.match(text[m.end : m.end + 12]):
            return True
        return any(_bare(t) in self.nouns for t in sentence.split())

    def _document_date(self, before: str) -> bool:
        """'indstilling af 3. februar', 'Bilag 2 af 12.3.2024', 'Beretning for X den 04.03.2018': a
        document's date, unless a happening is named between ('beretningen blev godkendt på
        generalforsamlingen den 3. marts')."""
        d = self.w.document.search(before)
        return d is not None and not any(_bare(x) in self.nouns for x in (d["between"] or "").split())

    def _signature(self, text: str, m: DateMention) -> bool:
        """'København 29. august 2020 Stefan Vrang', 'Aarhus, den 3. maj 2024': a place, the date, a name."""
        line = text[: m.start] + "@" + text[m.end :]
        s = _SIGNATURE.match(line)
        if not s or "\n" in line:
            return False
        place = s["place"].casefold()
        if place in self.nouns or place in self.w.leads or any(p in self.nouns for p in place.split()):
            return False
        return bool(s["comma"] or s["name"].strip())

    def _past(self, text: str, m: DateMention, report: bool = False) -> DateMention:
        """A yearless date told in the past ('Den 15. oktober markerede vi ...', '9/6 var vi
        frivillige', 'har på mødet 17. april drøftet') or in a report of the past year
        lies before the meeting: the window would put it ahead."""
        if year_written(m) or m.range.start <= self.ref + PAST_MIN_AHEAD:
            return m  # a date just ahead may be a coming event a speaker "mindede om"
        sentence = _sentence(text, m)
        told = self.w.past.search(sentence) or report or self._perfect(text, sentence, m)
        if not told or self.w.plan.search(sentence):
            return m
        earlier = shift_year(m.range, -1)
        if earlier is None or earlier.start < self.ref - timedelta(days=366):
            return m
        return DateMention(text=m.text, start=m.start, end=m.end, range=earlier, cue=m.cue, rule=m.rule)

    def _perfect(self, text: str, sentence: str, m: DateMention) -> bool:
        """'har på sit møde 17. april drøftet': an auxiliary before the date, a participle after."""
        start = text.find(sentence)
        before = text[max(start, 0) : m.start]
        return bool(self.w.perfect_aux.search(before) and self.w.participle.match(text[m.end : m.end + 40]))

    def _phrase(self, text: str, m: DateMention) -> str:
        clause = _CLAUSE_SPLIT.split(text[: m.start])[-1]
        words = clause.split()
        idx = max((i for i, w in enumerate(words) if _bare(w) in self.nouns), default=None)
        if idx is None:
            words = words[-6:]
        else:
            start = idx
            while start > 0 and _bare(words[start - 1]) not in self.w.stops and idx - start < 2:
                start -= 1
            words = words[start:]
        while words and _bare(words[-1]) in self.w.trailing | {"d"}:
            words = words[:-1]
        return " ".join(words).strip(" ,–-")

    def _add(
        self, m: DateMention, text: str, b: Block, rule: str, repeat: bool = False, distinct: bool = False
    ) -> None:
        """distinct: a line of a case history ('12-09-2022 Økonomiudvalget'): two bodies meeting on
        one day are two events."""
        start, end = m.range.start, m.range.end
        if start == end and start in self.own:
            return  # the meeting's own date
        for e in self.events:  # once per date; a day inside a short span (a 3-day fair) is that span
            if repeat and e.provenance.rule == "event.entry":
                continue  # two entries on one day are two meetings
            if distinct and e.provenance.rule == rule and _folded(e.text) != _folded(text):
                continue
            short = e.end is not None and (e.end - e.date).days <= MAX_EVENT_DAYS
            if e.date == start or (e.end is not None and short and e.date <= start <= e.end):
                return
        self.events.append(
            Event(
                date=start,
                end=end if end != start else None,
                text=text or m.text,
                provenance=Provenance.at(b, b.start + m.start, b.start + m.end, rule, doc_id=self.doc_id),
            )
        )


def collect_events(
    items: list[ItemSection], header: list[Block], doc_id: str, meeting_date: date | None, ref: date
) -> tuple[list[Event], dict[str | None, list[Block]]]:
    """Events, and per zone (None: the header before the first item; else the item's
    number) the blocks that remain for decisions and actions."""
    col = EventCollector(doc_id, meeting_date, ref)
    col.entries(header + [b for it in items for b in [it.heading] + it.blocks])
    remaining: dict[str | None, list[Block]] = {None: col.calendar(header, titled=False)}
    for it in items:
        remaining[it.number] = col.calendar(it.blocks, titled=it.calendar)
    col.mentions(remaining[None])
    for it in items:
        col.mentions([it.heading] + remaining[it.number])
    return col.events, remaining
