"""Dates listed together: a list of yearless dates runs forward, and a year written
once at the end of a list holds for the dates before it; whether a mention
carries its year; a range shifted by years."""

from __future__ import annotations

import dataclasses
import re
from typing import Optional

from pipeline.dates.mention import DateMention
from pipeline.types import DateRange

_LIST_GAP = re.compile(r"^[\s,;]*(?:\([^()]{0,40}\))?[\s,;]*(?:og|samt|eller)?\s*$")
_YEAR_WRITTEN = re.compile(r"\d{4}|\d+[./-]\d+[./-]\d+|'\d{2}\b")


def _chronological(text: str, found: list[DateMention]) -> list[DateMention]:
    """A list of yearless dates ("25. marts, 10. juni, 2. september og 18. november")
    runs forward: a date the window put before the one listed just before it
    moves on a year. A year written once at the end of a list ("20.-22. januar og
    10.-13. marts 2022") holds for the yearless dates listed before it."""
    for k in range(len(found) - 2, -1, -1):
        cur, nxt = found[k], found[k + 1]
        if (
            cur.range.precision != "day"
            or _YEAR_WRITTEN.search(cur.text)
            or not year_written(nxt)
            or not _LIST_GAP.match(text[cur.end : nxt.start])
            or cur.range.start.year == nxt.range.start.year
        ):
            continue
        moved = shift_year(cur.range, nxt.range.start.year - cur.range.start.year)
        if moved is not None and moved.start <= nxt.range.start:
            found[k] = dataclasses.replace(cur, range=moved)
    for k in range(1, len(found)):
        prev, cur = found[k - 1], found[k]
        if (
            cur.range.precision != "day"
            or _YEAR_WRITTEN.search(cur.text)
            or not _LIST_GAP.match(text[prev.end : cur.start])
            or cur.range.start >= prev.range.start
        ):
            continue
        moved = _next_year(cur.range)
        if moved is not None and moved.start > prev.range.start:
            found[k] = dataclasses.replace(cur, range=moved)
    return found


def shift_year(rng: DateRange, years: int) -> Optional[DateRange]:
    """The same range `years` later (or earlier); None for a 29 February that does not exist."""
    try:
        return rng.model_copy(
            update={
                "start": rng.start.replace(year=rng.start.year + years),
                "end": rng.end.replace(year=rng.end.year + years),
            }
        )
    except ValueError:
        return None


_SHORT_YEAR_END = re.compile(r"(?:[^\W\d]\.?|/\d{1,2})[^\S\r\n]*[-–]?[^\S\r\n]*'?\d{2}$")  # "7.juni 23", "21/4 - 17"


def year_written(m: DateMention) -> bool:
    """Does a mention carry its year ("3. maj 2024", "3/5-24", "7. juni 23")?"""
    if _YEAR_WRITTEN.search(m.text):
        return True
    return m.rule not in ("week", "weekday_day") and bool(_SHORT_YEAR_END.search(m.text))


def _next_year(rng: DateRange) -> Optional[DateRange]:
    try:
        return rng.model_copy(
            update={"start": rng.start.replace(year=rng.start.year + 1), "end": rng.end.replace(year=rng.end.year + 1)}
        )
    except ValueError:  # 29 February
        return None
