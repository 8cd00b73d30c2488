"""Builders of day readings: numeric dates, a day and a month name, a weekday and a
day, a range of days ("7-9. marts", "fra 30. marts til 2. april 2022")."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from pipeline.dates.readings import _opt, _range
from pipeline.dates.vocabulary import lexicon
from pipeline.dates.years import Anchor, _full_year
from pipeline.types import DateRange


def _numeric(m: re.Match[str], a: Anchor) -> Optional[DateRange]:
    """14.01.2022, 14/1-22, 2022-01-14, 2/2 2022, 20/5."""
    year = _opt(m, "year")
    if _opt(m, "sep") == "." and year and len(year) == 2 and len(m["day"] + m["month"]) < 4 and m[0][:1].isdigit():
        return None  # "3.4.12" is a section number; "03.04.12" and "d. 5.5.26" are dates
    day, month = int(m["day"]), int(m["month"])
    d = date(a.day_year(month, day, year, _opt(m, "weekday")), month, day)
    return _range(m, d, d, "day")


def _day_month(m: re.Match[str], a: Anchor) -> Optional[DateRange]:
    """17. september 2020, den 19. oktober, Tirsdag 29. september."""
    day, month = int(m["day"]), lexicon().month(m["month"])
    d = date(a.day_year(month, day, m["year"] or m["yy"], m["weekday"]), month, day)
    return _range(m, d, d, "day")


def _weekday_day(m: re.Match[str], a: Anchor) -> Optional[DateRange]:
    """'torsdag d 2' (no month): the first month from a week before ref whose 2nd is a Thursday."""
    day, iso = int(m["day"]), lexicon().weekday(m["weekday"])
    year, month = (a.ref.year, a.ref.month) if a.default_year is None else (a.default_year, 1)
    for k in range(-1, 13):
        y, mo = year + (month - 1 + k) // 12, (month - 1 + k) % 12 + 1
        try:
            d = date(y, mo, day)
        except ValueError:
            continue
        if d.isoweekday() == iso and d >= a.ref - timedelta(days=7):
            return _range(m, d, d, "day")
    return None


def _day_range(m: re.Match[str], a: Anchor) -> Optional[DateRange]:
    """7-9. marts, Torsdag/fredag 6-7. maj, fra 30. marts til 2. april 2022."""
    month2, day2 = lexicon().month(m["month"]), int(m["day"])
    month1 = lexicon().month(m["month1"]) if m["month1"] else month2
    day1 = int(m["day1"])
    wraps = int(month2 < month1)  # 28. december - 3. januar
    if m["year"] or m["year1"]:
        y1 = _full_year(m["year1"]) if m["year1"] else _full_year(m["year"]) - wraps
        y2 = _full_year(m["year"]) if m["year"] else y1 + wraps
    else:
        y1 = a.day_year(month1, day1, None, m["weekday"])
        y2 = y1 + wraps
    return _range(m, date(y1, month1, day1), date(y2, month2, day2), "day")
