"""What every builder shares: the Builder type, optional groups, the reported span,
and the DateRange a rule's match becomes with its precision."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Optional

from pipeline.dates.years import Anchor, _day_of
from pipeline.types import DateRange, Precision

Builder = Callable[[re.Match[str], Anchor], Optional[DateRange]]


def _opt(m: re.Match[str], name: str) -> Optional[str]:
    return m.group(name) if name in m.re.groupindex else None


def _span(m: re.Match[str]) -> tuple[int, int]:
    return m.span("date") if _opt(m, "date") is not None else m.span()


def _range(m: re.Match[str], start: date, end: date, precision: Precision) -> Optional[DateRange]:
    if start > end:
        return None
    a, b = _span(m)
    return DateRange(text=m.string[a:b], start=start, end=end, precision=precision)


def _precision(start: date, end: date) -> Precision:
    if start == end:
        return "day"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return "year"
    if start.day == 1 and end == _day_of(start.year, start.month, -1):
        return "month"
    return "period"
