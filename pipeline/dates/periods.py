"""Builders of vague periods as ranges (shared/gold/GUIDE.md): ISO weeks, parts of a
month or a year ("primo marts", "udgangen af 2023"), whole months, school holidays
(with Easter's computus) and seasons ("efteråret" -> Sep-Nov)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from pipeline.dates.readings import _precision, _range
from pipeline.dates.vocabulary import _key, lexicon
from pipeline.dates.years import Anchor, _day_of, _full_year, _span_dates
from pipeline.types import DateRange


def _week(m: re.Match[str], a: Anchor) -> Optional[DateRange]:
    """uge 3, uge 47 2023, uge 3-4: Monday of the first to Sunday of the last ISO week."""
    first = int(m["week"])
    last = int(m["week2"]) if m["week2"] else first
    year = a.week_year(first, m["year"])
    end_year = year + 1 if last < first else year
    return _range(m, date.fromisocalendar(year, first, 1), date.fromisocalendar(end_year, last, 7), "week")


def _month_part(m: re.Match[str], a: Anchor) -> Optional[DateRange]:
    """primo marts, ultimo februar, udgangen af marts, i løbet af maj."""
    month = lexicon().month(m["month"])
    first, last = lexicon().month_parts[_key(m["part"])]
    year = a.day_year(month, first if first > 0 else 28, m["year"])
    start, end = _day_of(year, month, first), _day_of(year, month, last)
    return _range(m, start, end, _precision(start, end))


def _year_part(m: re.Match[str], a: Anchor) -> Optional[DateRange]:
    """i løbet af 2023, udgangen af 2023, primo 2023."""
    start, end = _span_dates(lexicon().year_parts[_key(m["part"])], _full_year(m["year"]))
    return _range(m, start, end, _precision(start, end))


def _month(m: re.Match[str], a: Anchor) -> Optional[DateRange]:
    """marts 2023, i december."""
    month = lexicon().month(m["month"])
    year = a.day_year(month, 15, m["year"])
    return _range(m, date(year, month, 1), _day_of(year, month, -1), "month")


def easter(year: int) -> date:
    """Easter Sunday (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_span(kind: str, year: int) -> tuple[date, date]:
    """GUIDE.md's school holidays: 'summer' from the last Saturday of June to the Sunday of ISO
    week 32; 'easter' Maundy Thursday to Easter Monday; 'week:N' ISO week N; 'xmas' 23 Dec - 1 Jan."""
    if kind == "summer":
        last = date(year, 6, 30)
        return last - timedelta(days=(last.weekday() - 5) % 7), date.fromisocalendar(year, 32, 7)
    if kind == "easter":
        sunday = easter(year)
        return sunday - timedelta(days=3), sunday + timedelta(days=1)
    if kind == "xmas":
        return date(year, 12, 23), date(year + 1, 1, 1)
    week = int(kind.split(":")[1])
    return date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)


def _holiday(m: re.Match[str], a: Anchor) -> Optional[DateRange]:
    """sommerferien, i påsken 2024, efter efterårsferien: the current one unless it is over, else the next."""
    kind = lexicon().holidays[_key(m["holiday"])]
    year: int
    if m["year"]:
        year = _full_year(m["year"])
    elif a.default_year:
        year = a.default_year
    else:
        year = next(y for y in (a.ref.year - 1, a.ref.year, a.ref.year + 1) if holiday_span(kind, y)[1] >= a.ref)
    start, end = holiday_span(kind, year)
    return _range(m, start, end, "period")


def _period(m: re.Match[str], a: Anchor) -> Optional[DateRange]:
    """i løbet af efteråret, forsommeren 2021, første halvår, vinteren; 'efteråret/foråret' -> the first."""
    span = lexicon().span(m["period"])
    start, end = _span_dates(span, a.span_year(span, m["year"]))
    return _range(m, start, end, "day" if start == end else "period")  # "3. juledag" is a day
