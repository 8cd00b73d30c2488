"""Relative due dates: "til næste møde", "senest fredag", "til næste uge".

Runs after the statement rules, on the actions they found without a due date. A task's
deadline is often relative to the meeting it was set at, written in the task ("Lene
sender udkastet inden næste møde") or in the label it is listed under ("Til næste møde:"
+ a list of tasks, "**Til næste møde (fredag d. 3/10)**"):

- a date in that label is the due date of every task under it;
- "næste møde" / "næste gang" is the next meeting after the task: in a logbook of dated
  entries the next entry's date, else a coming meeting the document names (an event);
- a weekday after a deadline word ("til mandag", "senest fredag") is that weekday's next
  date after the meeting the task was set at; "næste uge" is the week after it.

The words are data (lexicon/da_dates.json: due_next_meeting, due_next_week,
due_weekday_cues; weekdays). The meeting a task was set at is the logbook entry it sits
under (the events of rule "event.entry"), else the document's meeting date.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta
from functools import cache
from typing import TypeVar

from pipeline.dates import find_dates, lexicon
from pipeline.extract.context import ExtractionContext
from pipeline.types import Action, Block, BlockKind, DateRange, Decision

ENTRY_RULE = "event.entry"  # a dated logbook entry (pipeline/extract/events.py)
LABEL_LOOKBACK = 12  # blocks above a task searched for the label it is listed under
LABEL_MAX_WORDS = 10  # a longer line is a sentence, not a label


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    next_meeting = re.compile(rf"(?<!\w)(?:{alt(lx.due_next_meeting)})(?!\w)", re.I)
    next_week = re.compile(rf"(?<!\w)(?:{alt(lx.due_next_week)})(?!\w)", re.I)
    weekday = re.compile(
        rf"(?<!\w)(?:{alt(lx.due_weekday_cues)})\s+(?:(?:{alt(lx.due_weekday_modifiers)})\s+)?"
        rf"(?P<day>{alt(list(lx.weekdays))})(?!\w)",
        re.I,
    )
    return next_meeting, next_week, weekday


Dated = TypeVar("Dated", Action, Decision)


def resolve_dues(ctx: ExtractionContext, records: list[Dated]) -> list[Dated]:
    """The actions (or decisions), each without a due date given one its text or its
    label implies."""
    if not any(r.due is None for r in records):
        return records
    blocks = ctx.source.blocks
    starts = [b.start for b in blocks]
    anchors = _anchors(ctx)
    coming = _coming_meetings(ctx, blocks, starts)
    out = []
    for a in records:
        if a.due is None:
            due = _due(ctx, a, blocks, starts, anchors, coming)
            if due is not None:
                a = a.model_copy(update={"due": due})
        out.append(a)
    return out


def _anchors(ctx: ExtractionContext) -> list[tuple[int, date]]:
    """(offset, date) of each meeting in the document, in text order: the logbook's
    dated entries and the meeting date where it was read."""
    found = [(e.provenance.start, e.date) for e in ctx.events if e.provenance.rule == ENTRY_RULE]
    if ctx.meeting_date is not None:
        at = ctx.meeting_date_source.start if ctx.meeting_date_source is not None else 0
        found.append((at, ctx.meeting_date))
    return sorted(set(found))


def _coming_meetings(ctx: ExtractionContext, blocks: list[Block], starts: list[int]) -> list[date]:
    """Dates of the meetings the document announces ("Næste møde: 7. april"): events whose
    line names a next meeting."""
    next_meeting, _, _ = _patterns()
    out = []
    for e in ctx.events:
        k = bisect.bisect_right(starts, e.provenance.start) - 1
        line = blocks[k].text if k >= 0 else e.text
        if next_meeting.search(line) or next_meeting.search(e.text):
            out.append(e.date)
    return sorted(out)


def _due(
    ctx: ExtractionContext,
    action: Action | Decision,
    blocks: list[Block],
    starts: list[int],
    anchors: list[tuple[int, date]],
    coming: list[date],
) -> DateRange | None:
    at = action.provenance.start
    k = bisect.bisect_right(starts, at) - 1
    heading = ctx.headings.get(action.item) if action.item is not None else None
    label = _label_above(blocks, k, heading.index if heading is not None else 0) if k >= 0 else None
    if label is not None and not _names_deadline(label.text):
        label = None  # "Dagsorden", a dated entry heading: not a deadline label
    if label is not None:
        dated = find_dates(label.text, _set_at(at, anchors, ctx.ref))
        if dated:
            return dated[0].range
    for text in (action.text, label.text if label is not None else ""):
        due = _relative(text, at, anchors, coming, ctx.ref)
        if due is not None:
            return due
    return None


def _names_deadline(text: str) -> bool:
    """'Til næste møde', 'Inden fredag', 'Frist: 3/10': a label that dates the tasks under it."""
    words = {w.lower() for w in re.findall(r"\w+", text)}
    return any(p.search(text) for p in _patterns()) or bool(words & set(lexicon().deadline_cues))


def _label_above(blocks: list[Block], k: int, first: int) -> Block | None:
    """The label a task is listed under, searched upwards within its item (from block index
    `first`, the item's heading) and LABEL_LOOKBACK blocks: the nearest heading, the list
    item it is nested under, a line ending in a colon, or a short line that opens with a
    deadline word and is no sentence ("**Til næste møde (fredag d. 3/10)**")."""
    level = blocks[k].level if blocks[k].kind == BlockKind.list_item else 0
    for b in reversed(blocks[max(first, k - LABEL_LOOKBACK) : k]):
        text = b.text.strip()
        short = len(text.split()) <= LABEL_MAX_WORDS
        if b.kind in (BlockKind.heading, BlockKind.title):
            return b if short else None
        if b.kind == BlockKind.list_item and level and b.level < level:
            return b if short else None  # the item a task is nested under
        if short and (text.endswith(":") or (b.kind == BlockKind.paragraph and _opens_deadline(text))):
            return b
    return None


def _opens_deadline(text: str) -> bool:
    """'Til næste møde (fredag d. 3/10)', '**Inden jul**': a label line, not a sentence."""
    words = re.findall(r"\w+", text.lower())
    openers = {"til", *lexicon().deadline_cues}
    return bool(words) and words[0] in openers and not text.rstrip("*_ ").endswith((".", "!", "?"))


def _set_at(at: int, anchors: list[tuple[int, date]], ref: date) -> date:
    """The date of the meeting a task at offset `at` was set at: the logbook entry above
    it; above the first dated entry, the day before that entry."""
    before = [d for start, d in anchors if start <= at]
    if before:
        return before[-1]
    return anchors[0][1] - timedelta(days=1) if anchors else ref


def _relative(text: str, at: int, anchors: list[tuple[int, date]], coming: list[date], ref: date) -> DateRange | None:
    next_meeting, next_week, weekday = _patterns()
    set_at = _set_at(at, anchors, ref)
    m = next_meeting.search(text)
    if m:
        day = _next_meeting(at, set_at, anchors, coming)
        return DateRange(text=m.group(0), start=day, end=day) if day else None
    m = next_week.search(text)
    if m:
        monday = set_at + timedelta(days=7 - set_at.weekday())
        return DateRange(text=m.group(0), start=monday, end=monday + timedelta(days=6), precision="week")
    m = weekday.search(text)
    if m:
        iso = lexicon().weekdays[m.group("day").lower()]
        ahead = (iso - set_at.isoweekday()) % 7 or 7
        day = set_at + timedelta(days=ahead)
        return DateRange(text=m.group(0), start=day, end=day)
    return None


def _next_meeting(at: int, set_at: date, anchors: list[tuple[int, date]], coming: list[date]) -> date | None:
    """The next logbook entry after the task, else the first coming meeting the document
    announces after the meeting the task was set at."""
    later = [d for start, d in anchors if start > at and d > set_at]
    if later:
        return later[0]
    ahead = [d for d in coming if d > set_at]
    return ahead[0] if ahead else None


__all__ = ["resolve_dues"]
