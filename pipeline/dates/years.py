"""Year inference: the year of a yearless day, period or week, pinned to the meeting's date.

A day takes the year that puts it within [ref - ~4 months, ref + ~8 months]
(resolve_year), a deadline's day only ~1 month back; a weekday written with it
chooses between neighbouring years; a period is the current one unless it is
over, then the next; a known year (`default_year`) overrides both.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Optional

from pipeline.dates.vocabulary import Span, lexicon

YEAR = timedelta(days=365)
PAST_WINDOW = timedelta(days=122)  # a yearless date more than ~4 months back means next year,
# more than YEAR - PAST_WINDOW (~8 months) ahead means last year
DEADLINE_PAST_WINDOW = timedelta(days=31)  # after "inden", "senest" ... only ~1 month back


def _roll(d: date, ref: date, back: timedelta = PAST_WINDOW) -> int:
    """-1, 0 or +1: the year shift that brings `d` into the year-long window
    [ref - back, ref - back + YEAR)."""
    if d < ref - back:
        return 1
    if d >= ref - back + YEAR:
        return -1
    return 0


def resolve_year(month: int, day: int, ref: date, back: timedelta = PAST_WINDOW) -> int:
    """The year that makes sense for a yearless date mentioned at a meeting on
    `ref`: the one that puts it at most `back` (~4 months) before ref and less
    than ~8 months after it."""
    return ref.year + _roll(date(ref.year, month, min(day, 28)), ref, back)


def _full_year(written: str) -> int:
    y = int(written)
    if y >= 100:
        return y
    return y + (2000 if y < 70 else 1900)


def _span_dates(span: Span, year: int) -> tuple[date, date]:
    (m1, d1), (m2, d2) = span
    end_year = year + 1 if m2 < m1 else year
    return _day_of(year, m1, d1), _day_of(end_year, m2, d2)


def _day_of(year: int, month: int, day: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1] if day == -1 else day)


@dataclass(frozen=True)
class Anchor:
    """What relative readings are pinned to: the meeting date and a known year."""

    ref: date
    default_year: Optional[int] = None
    back: timedelta = PAST_WINDOW  # how far before ref a yearless date may lie

    def for_cue(self, cue: Optional[str]) -> Anchor:
        """A deadline ("inden uge 47", "senest 1. april") lies ahead of the meeting."""
        if cue in lexicon().deadline_cues:
            return replace(self, back=DEADLINE_PAST_WINDOW)
        return self

    def known(self, written: Optional[str]) -> Optional[int]:
        return _full_year(written) if written else self.default_year

    def day_year(self, month: int, day: int, written: Optional[str] = None, weekday: Optional[str] = None) -> int:
        year = self.known(written)
        if year is not None:
            return year
        guess = resolve_year(month, day, self.ref, self.back)
        return _year_by_weekday(guess, month, day, weekday) if weekday else guess

    def span_year(self, span: Span, written: Optional[str] = None) -> int:
        """A period's start year: the current one unless it is over, then the next."""
        year = self.known(written)
        if year is not None:
            return year
        for y in (self.ref.year - 1, self.ref.year):
            if _span_dates(span, y)[1] >= self.ref:
                return y
        return self.ref.year + 1

    def week_year(self, week: int, written: Optional[str] = None) -> int:
        year = self.known(written)
        if year is not None:
            return year
        monday = date.fromisocalendar(self.ref.year, min(week, 52), 1)
        return self.ref.year + _roll(monday, self.ref, self.back)


def _year_by_weekday(guess: int, month: int, day: int, weekday: str) -> int:
    """'Torsdag 14. januar': of guess, guess+1 and guess-1 the first where it is a Thursday."""
    iso = lexicon().weekday(weekday)
    for year in (guess, guess + 1, guess - 1):
        try:
            if date(year, month, day).isoweekday() == iso:
                return year
        except ValueError:  # 29 February
            continue
    return guess
