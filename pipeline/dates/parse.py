"""parse_date: the date a short field holds, by the grammar, else by dateparser."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Optional

from pipeline.dates.find import find_dates
from pipeline.dates.years import Anchor
from pipeline.types import DateRange


def parse_date(text: str, ref: date, *, default_year: Optional[int] = None) -> Optional[DateRange]:
    """The date a short field holds (a table cell "2/2", a 'Dato:' value): the
    grammar's first reading, else dateparser for free forms the grammar lacks."""
    found = find_dates(text, ref, default_year=default_year)
    if found:
        return found[0].range
    return _dateparser(text.strip(), Anchor(ref, default_year))


def _dateparser(text: str, anchor: Anchor) -> Optional[DateRange]:
    """dateparser (slow: never called by find_dates) with the year decided here."""
    if not re.search(r"[0-9]", text) or len(text) > 60:
        return None
    import dateparser  # imported late: it takes a while to load

    ref = anchor.ref
    settings = {
        "RELATIVE_BASE": datetime(ref.year, ref.month, ref.day),
        "PREFER_DATES_FROM": "future",
        "REQUIRE_PARTS": ["day", "month"],
        "DATE_ORDER": "DMY",
    }
    parsed = dateparser.parse(text, languages=["da"], settings=settings)
    if parsed is None:
        return None
    written = re.search(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", text)
    year = parsed.year if written else anchor.day_year(parsed.month, parsed.day)
    try:
        d = date(year, parsed.month, parsed.day)
    except ValueError:
        return None
    return DateRange(text=text, start=d, end=d)
