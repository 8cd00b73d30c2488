"""Meeting metadata: title, date, kind, mode, organisation, body, place."""

from __future__ import annotations

import logging
import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from pipeline.dates import date_in_name, find_dates
from pipeline.lexicon import lexicon
from pipeline.types import Block, BlockKind, Meeting, MeetingKind, MeetingMode, Provenance, Segmented

if TYPE_CHECKING:  # the context is built from this module's meeting_date and meeting_body
    from pipeline.extract.context import ExtractionContext
    from pipeline.extract.statements import Statements

log = logging.getLogger(__name__)

_FIELD = re.compile(r"^(?P<label>[^:]{2,30}?)\s*:\s*(?P<value>.+)$")
_ACRONYM = re.compile(r"\b([A-ZÆØÅ]{2,}[A-ZÆØÅ0-9]*)(?:s|'s|’s)?\b")  # "KOMDIRs", "KL's" count too
_CAP = re.compile(r"^[A-ZÆØÅ0-9][\w/&.-]*$")
_BODY_IN_TITLE = re.compile(r"\b(?P<body>[A-ZÆØÅ]{2,})[-‐ ]møde", re.U)

_FILENAME_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
# Meeting-date forms the date grammar does not read (each has a test case).
EXTRA_DATE_FORMS = (
    ("dotted-iso", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})(?!\d)")),  # 2024.05.07
    ("spaced-year", re.compile(r"(?<!\d)(?P<d>\d{1,2})/(?P<m>\d{1,2})\s+[-–]\s+(?P<y>\d\d)(?!\d)")),  # 21/4 - 17
)
# A year written in a date's text ("2022", "14/1-22"); otherwise the grammar guessed it.
_YEAR_WRITTEN = re.compile(r"\d{4}|\d+[./-]\d+[./-]\s*\d+|'\d{2}\b")


def field_value(blocks: list[Block], labels: list[str]) -> tuple[Block, str, int] | None:
    """First 'Label: value' block whose label is in `labels` -> (block, value, offset)."""
    for b in blocks:
        m = _FIELD.match(b.text)
        if m and m.group("label").strip().casefold() in labels:
            return b, m.group("value").strip(), m.start("value")
    return None


def filename_date(name: str | None) -> date | None:
    """The date a file name carries (YYYY-MM-DD, YYYYMMDD, DDMMYY), else None."""
    return date_in_name(name) if name else None


def _full_year(y: int) -> int:
    return y if y >= 100 else y + (2000 if y < 70 else 1900)


def _filename_year(name: str | None) -> int | None:
    d = filename_date(name)
    if d:
        return d.year
    m = _FILENAME_YEAR.search(name or "")
    return int(m.group(1)) if m else None


def _document_year(seg: Segmented, ref: date) -> int | None:
    """The year of the first date in the document written with its year."""
    for b in _all_blocks(seg):
        for m in find_dates(b.text, ref):
            if _YEAR_WRITTEN.search(m.text):
                return m.range.start.year
    return None


def _all_blocks(seg: Segmented) -> list[Block]:
    out = list(seg.header)
    for it in seg.items:
        out += [it.heading] + it.blocks
    return out


def _day_dates(text: str, ref: date, year: int | None) -> list[tuple[date, int, int]]:
    """Day-precise dates in text -> (date, start, end); a date written without its year
    takes `year` (None: such a date is dropped)."""
    out = []
    for m in find_dates(text, ref):
        if m.range.precision != "day" or m.range.start != m.range.end:
            continue
        d = m.range.start
        if not _YEAR_WRITTEN.search(m.text):
            if year is None:
                continue
            try:
                d = d.replace(year=year)
            except ValueError:
                continue
        out.append((d, m.start, m.end))
    if not out:
        for _, rx in EXTRA_DATE_FORMS:
            for hit in rx.finditer(text):
                try:
                    out.append((date(_full_year(int(hit["y"])), int(hit["m"]), int(hit["d"])), hit.start(), hit.end()))
                except ValueError:
                    continue
    return out


def _is_meta_line(text: str) -> bool:
    """'Udsendt 28. april 2024', 'Godkendt: ...': the date of the document, not of the meeting."""
    low = text.casefold().lstrip()
    return any(low.startswith(w) and not low[len(w) : len(w) + 1].isalpha() for w in lexicon().meta_fields)


def _title_like(text: str) -> bool:
    low = text.casefold()
    lx = lexicon()
    return any(re.search(rf"(?<!\w){re.escape(w)}", low) for w in list(lx.title_kind) + lx.meeting_words)


def _entry_dates(seg: Segmented, ref: date, year: int | None) -> list[tuple[date, Block, int, int]]:
    """Dates that head the entries of a logbook: a heading that is mostly a date
    ("17/02", "Tirsdag d. 11/02"), a short line naming a meeting and its date
    ("Referat fra vejledermøde 30/09/2025"), a "Dato:" field of a table cell."""
    lx = lexicon()
    out = []
    for b in _all_blocks(seg):
        cells = b.text.split("\t") if b.kind == BlockKind.table_row else [b.text]
        pos = 0
        for cell in cells:
            low = cell.casefold()
            field = _FIELD.match(cell)
            dated = field and field.group("label").strip().casefold() in lx.date_fields
            words = len(cell.split())
            if not dated and (words > 8 or any(w in low for w in lx.calendar_titles)):
                pos += len(cell) + 1
                continue
            for d, s, e in _day_dates(cell, ref, year):
                rest = len((cell[:s] + cell[e:]).split())
                named = (
                    b.kind != BlockKind.list_item
                    and rest <= 5
                    and not cell[e:].strip(" .*:)")
                    and any(t.endswith(tuple(lx.meeting_words)) for t in low.split())
                )
                if dated or (b.kind == BlockKind.heading and rest <= 4) or named:
                    out.append((d, b, pos + s, pos + e))
            pos += len(cell) + 1
    return out


def meeting_date(
    seg: Segmented, doc_id: str, fallback_ref: date, name: str | None = None
) -> tuple[date | None, Provenance | None]:
    """A logbook's latest entry; else a 'Dato:' field, the title (it beats an
    issue-date line above it), the first date line of the header; else the date of
    the file name. A date without a year takes the file name's year, else the year
    of a date elsewhere in the document, else it is not used (never a guessed year)."""
    year = _filename_year(name) or _document_year(seg, fallback_ref)
    ref = date(year, 7, 1) if year else fallback_ref

    def prov(block: Block, start: int, end: int, rule: str = "meeting.date") -> Provenance:
        return Provenance.at(block, block.start + start, block.start + end, rule, doc_id=doc_id)

    entries = _entry_dates(seg, ref, year)
    if len({d for d, *_ in entries}) >= 3:
        d, block, s, e = max(entries, key=lambda x: x[0])
        return d, prov(block, s, e, "meeting.date.logbook")
    candidates: list[tuple[Block, str, int]] = []
    hit = field_value(seg.header[:15], lexicon().date_fields)
    if hit:
        candidates.append(hit)
    header = [b for b in seg.header[:10] if not _is_meta_line(b.text)]
    if seg.title is not None:
        candidates.append((seg.title, seg.title.text, 0))
    candidates += [(b, b.text, 0) for b in header if _title_like(b.text)]
    candidates += [(b, b.text, 0) for b in header]
    yearless = False
    for block, text, offset in candidates:
        found = _day_dates(text, ref, year)
        if found:
            d, s, e = found[0]
            return d, prov(block, offset + s, offset + e)
        yearless = yearless or any(m.range.precision == "day" for m in find_dates(text, ref))
    from_name = filename_date(name)
    if from_name:
        return from_name, None
    if yearless:
        log.warning("%s: the meeting date has no year and none is known; left empty", name or doc_id)
    return None, None


def meeting_mode(seg: Segmented, participant_labels: list[str]) -> MeetingMode | None:
    """Mode from the title, header fields and participant labels, never the body."""
    texts = [b.text for b in seg.header[:15]] + participant_labels
    if seg.title is not None:
        texts.append(seg.title.text)
    cues = lexicon().mode_cues
    found = set()
    for t in texts:
        low = t.casefold()
        for cue, mode in cues.items():
            if re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", low):
                found.add(mode)
    place = field_value(seg.header[:15], lexicon().place_fields)
    if place and not any(c in place[1].casefold() for c, mode in cues.items() if mode == "digital"):
        found.add("physical")
    if "hybrid" in found or {"digital", "physical"} <= found:
        return "hybrid"
    return "digital" if "digital" in found else ("physical" if "physical" in found else None)


def _kind_word(text: str | None, reach: int = 10_000) -> MeetingKind | None:
    """The kind of the earliest title word in text ("Generalforsamling ... Referat" -> minutes)."""
    low = (text or "")[:reach].casefold()
    hits = [
        (m.start(), -len(word), kind)
        for word, kind in lexicon().title_kind.items()
        for m in [re.search(rf"(?<!\w){re.escape(word)}", low)]
        if m
    ]
    return min(hits)[2] if hits else None


def meeting_kind(
    title: str | None, n_decisions: int, n_actions: int, n_reports: int, header: list[str] | None = None
) -> MeetingKind:
    """GUIDE.md: minutes when the document records what happened (decisions,
    reported discussion), even under a 'Dagsorden' title; agenda when it only
    lists what is to be dealt with (a task-like line alone does not make minutes).
    Without a telling title, the first lines of the header tell ("... med følgende
    dagsorden:", "Referat - ...")."""
    by_title = _kind_word(title)
    if by_title is None:
        by_title = next((k for k in (_kind_word(h, 120) for h in (header or [])[:8]) if k), None)
    if n_decisions or n_reports >= 2 or (n_actions and by_title != "agenda"):
        return "minutes"
    return by_title or "other"


def meeting_body(title: str | None, text: str) -> str | None:
    if title:
        m = _BODY_IN_TITLE.search(title)
        if m:
            return m.group("body")
        low = title.casefold()
        for word, body in sorted(lexicon().bodies.items(), key=lambda kv: -len(kv[0])):
            if word in low:
                return body
    low = text[:2000].casefold()
    for word, body in sorted(lexicon().bodies.items(), key=lambda kv: -len(kv[0])):
        if word in low:
            return body
    return None


def _org_word(word: str) -> bool:
    low = word.casefold()
    return any(low.endswith(w) for w in lexicon().organisation_words)


def _organisation_in(text: str) -> str | None:
    """'Boligforeningen Lærkehaven – Afdeling 4' -> 'Boligforeningen Lærkehaven': the run of
    capitalised words around a word that names an organisation."""
    words = re.split(r"\s+", re.split(r"\s[–—-]\s|[,:(]", text)[0].strip())
    for i, w in enumerate(words):
        if _org_word(w) and _CAP.match(w) and w.casefold() not in lexicon().bodies:
            start, end = i, i + 1
            while start > 0 and _CAP.match(words[start - 1]):
                start -= 1
            while end < len(words) and _CAP.match(words[end]):
                end += 1
            return " ".join(words[start:end])
    return None


def meeting_organization(seg: Segmented, text: str, body: str | None, roster: list[str]) -> str | None:
    """An organisation named in a header field or line, else the acronym the text uses most."""
    hit = field_value(seg.header[:15], ["organisation", "forening", "afdeling", "udvalg", "kommune", "selskab"])
    if hit:
        return hit[1]
    for b in ([seg.title] if seg.title else []) + seg.header[:6]:
        name = _organisation_in(b.text)
        if name:
            return name
    names = {w for n in roster for w in n.split()}
    counts = Counter(a for a in _ACRONYM.findall(text) if a != body and a not in names and len(a) <= 10)
    for acronym, n in counts.most_common(1):
        if n >= 3:
            return acronym
    return None


def build_meeting(ctx: ExtractionContext, statements: Statements) -> Meeting:
    """The meeting's metadata; its kind depends on what the statement extractors found."""
    seg = ctx.seg
    place = field_value(seg.header[:15], lexicon().place_fields)
    return Meeting(
        organization=meeting_organization(seg, ctx.text, ctx.body, ctx.roster.names),
        body=ctx.body,
        kind=meeting_kind(
            ctx.title,
            len(statements.decisions),
            len(statements.actions),
            statements.n_reports,
            # the title style first: "Dagsorden" set as the title under a letterhead of fields
            [b.text for b in seg.header if b.kind == BlockKind.title] + [b.text for b in seg.header],
        ),
        title=ctx.title,
        date=ctx.meeting_date,
        mode=meeting_mode(seg, list(ctx.participant_labels)),
        location=place[1] if place else None,
        provenance=ctx.meeting_date_source,
    )
