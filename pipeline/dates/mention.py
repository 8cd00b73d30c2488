"""A date or period found in running text: its span, its range, its cue and rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pipeline.types import DateRange


@dataclass(frozen=True)
class DateMention:
    text: str  # the matched source text
    start: int  # offsets into the text given to find_dates
    end: int
    range: DateRange
    cue: Optional[str] = None  # "inden", "senest", "fra", "i løbet af" ... before or opening the date
    rule: str = ""  # the GRAMMAR rule that read it
