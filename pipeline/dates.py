"""Danish dates and periods in running text -> ISO ranges.

The grammar is a table of named patterns (GRAMMAR) over the vocabulary in
lexicon/da_dates.json; every relative reading is pinned to a reference date
(the meeting's date), never to today. Vague periods become ranges as
GUIDE.md defines them: "primo marts" -> 1st-10th, "uge 3" -> Monday-Sunday of
ISO week 3, "i løbet af efteråret" -> September-November.

    find_dates(text, ref, default_year=None) -> [DateMention]
    parse_date(text, ref, default_year=None) -> DateRange | None
"""
from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from pipeline.types import DateRange

LEXICON = Path(__file__).parent / "lexicon" / "da_dates.json"
PAST_WINDOW = timedelta(days=122)  # a yearless date more than ~4 months back means next year
FUTURE_WINDOW = timedelta(days=245)  # ... and more than ~8 months ahead means last year


@dataclass(frozen=True)
class DateMention:
    text: str  # the matched source text
    start: int  # offsets into the text given to find_dates
    end: int
    range: DateRange
    cue: Optional[str] = None  # "inden", "senest", "fra", "i løbet af" ... before the date


@dataclass(frozen=True)
class Vocabulary:
    months: dict[str, int]
    weekdays: tuple[str, ...]
    month_parts: dict[str, tuple[int, int]]
    periods: dict[str, tuple[tuple[int, int], tuple[int, int]]]
    cues: tuple[str, ...]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = json.loads(LEXICON.read_text(encoding="utf-8"))
    return Vocabulary(
        months=data["months"], weekdays=tuple(data["weekdays"]),
        month_parts={k: tuple(v) for k, v in data["month_parts"].items()},
        periods={k: (tuple(v[0]), tuple(v[1])) for k, v in data["periods"].items()},
        cues=tuple(data["cues"]),
    )


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ------------------------------------------------------------------ grammar

@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str  # a regex over the vocabulary placeholders {MONTH} {WEEKDAY} {YEAR} ...
    build: Callable[[re.Match, date, Optional[int]], Optional[DateRange]]


def _year(m: re.Match, group: str, ref: date, default_year: Optional[int], month: int, day: int) -> int:
    raw = m.group(group)
    if raw:
        y = int(raw)
        return y + (2000 if y < 70 else 1900) if y < 100 else y
    return default_year or resolve_year(month, day, ref)


def resolve_year(month: int, day: int, ref: date) -> int:
    """The year that makes sense for a yearless date mentioned at a meeting on `ref`."""
    day = min(day, 28)
    candidate = date(ref.year, month, day)
    if candidate < ref - PAST_WINDOW:
        return ref.year + 1
    if candidate > ref + FUTURE_WINDOW:
        return ref.year - 1
    return ref.year


def _last(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _day(precision="day"):
    def build(m, ref, dy):
        month = vocabulary().months[m.group("month").lower().rstrip(".")]
        d2 = int(m.group("day"))
        d1 = int(m.group("day1")) if "day1" in m.groupdict() and m.group("day1") else d2
        y = _year(m, "year", ref, dy, month, d1)
        return DateRange(text=m.group(0), start=date(y, month, d1), end=date(y, month, d2), precision=precision)
    return build


def _numeric(m, ref, dy):
    day, month = int(m.group("day")), int(m.group("month"))
    y = _year(m, "year", ref, dy, month, day)
    d = date(y, month, day)
    return DateRange(text=m.group(0), start=d, end=d)


def _iso(m, ref, dy):
    d = date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    return DateRange(text=m.group(0), start=d, end=d)


def _from_to(m, ref, dy):
    month = vocabulary().months[m.group("month").lower().rstrip(".")]
    m1 = vocabulary().months[m.group("month1").lower().rstrip(".")] if m.group("month1") else month
    d1, d2 = int(m.group("day1")), int(m.group("day"))
    y = _year(m, "year", ref, dy, m1, d1)
    return DateRange(text=m.group(0), start=date(y, m1, d1), end=date(y, month, d2))


def _week(m, ref, dy):
    week = int(m.group("week"))
    if m.group("year"):
        y = int(m.group("year"))
    elif dy:
        y = dy
    else:
        y = ref.year
        if date.fromisocalendar(y, week, 1) < ref - PAST_WINDOW:
            y += 1
    monday = date.fromisocalendar(y, week, 1)
    return DateRange(text=m.group(0), start=monday, end=monday + timedelta(days=6), precision="week")


def _month_part(m, ref, dy):
    voc = vocabulary()
    month = voc.months[m.group("month").lower().rstrip(".")]
    first, last = voc.month_parts[" ".join(m.group("part").lower().split())]
    y = _year(m, "year", ref, dy, month, max(first, 1))
    start = _last(y, month) if first == -1 else first  # "udgangen af marts": the last day
    end = _last(y, month) if last == -1 else last
    return DateRange(text=m.group(0), start=date(y, month, start), end=date(y, month, end),
                     precision="day" if start == end else "period")


def _month(m, ref, dy):
    month = vocabulary().months[m.group("month").lower().rstrip(".")]
    y = _year(m, "year", ref, dy, month, 15)
    return DateRange(text=m.group(0), start=date(y, month, 1), end=date(y, month, _last(y, month)),
                     precision="month")


def _period(m, ref, dy):
    (m1, d1), (m2, d2) = vocabulary().periods[" ".join(m.group("period").lower().split())]
    years = [int(m.group("year"))] if m.group("year") else ([dy] if dy else [ref.year - 1, ref.year, ref.year + 1])
    for y in years:
        y2 = y + 1 if m2 < m1 else y
        start = date(y, m1, d1)
        end = date(y2, m2, _last(y2, m2) if d2 == -1 else d2)
        if m.group("year") or dy or end >= ref:
            return DateRange(text=m.group(0), start=start, end=end, precision="period")
    return None


def _year_only(m, ref, dy):
    """'i løbet af 2023' -> the year; 'inden udgangen af 2023' -> its last day."""
    y = int(m.group("year"))
    if m.group("end") is not None:
        return DateRange(text=m.group(0), start=date(y, 12, 31), end=date(y, 12, 31))
    return DateRange(text=m.group(0), start=date(y, 1, 1), end=date(y, 12, 31), precision="year")


_D = r"(?<![\w/.,-])"  # a date does not continue a number or a code
GRAMMAR: tuple[Rule, ...] = (
    Rule("iso", _D + r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d])", _iso),
    Rule("numeric_dmy", _D + r"(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4}|\d{2})(?![\d/.-]\w)", _numeric),
    Rule("slash_dm_year", _D + r"(?P<day>\d{1,2})/(?P<month>\d{1,2})(?:\s+|\s*-\s*)(?P<year>(?:19|20)\d{2})(?!\d)", _numeric),
    Rule("from_to", r"\bfra\s+(?:den\s+|d\.\s*)?(?P<day1>\d{1,2})\.\s*(?:(?P<month1>{MONTH})\s+)?til\s+(?:og\s+med\s+)?"
                    r"(?:den\s+|d\.\s*)?(?P<day>\d{1,2})\.\s*(?P<month>{MONTH})(?:\s+(?P<year>(?:19|20)\d{2}))?\b", _from_to),
    Rule("day_range", _D + r"(?:(?:{WEEKDAY})(?:\s*/\s*(?:{WEEKDAY}))?\s+(?:den\s+|d\.\s*)?)?(?P<day1>\d{1,2})\.?\s*[-–]\s*"
                      r"(?P<day>\d{1,2})\.\s*(?P<month>{MONTH})(?:\s+(?P<year>(?:19|20)\d{2}))?\b", _day()),
    Rule("day_month", _D + r"(?:(?:{WEEKDAY})(?:\s*/\s*(?:{WEEKDAY}))?\s+(?:den\s+|d\.\s*)?|(?:den|d\.)\s*)?"
                      r"(?P<day>\d{1,2})\.\s*(?P<month>{MONTH})(?:\s+(?P<year>(?:19|20)\d{2}))?\b", _day()),
    Rule("slash_dm", _D + r"(?P<day>\d{1,2})/(?P<month>\d{1,2})(?![\d/%])(?!\s*(?:af|del|dele|-?\d))(?P<year>)", _numeric),
    Rule("week", r"\buge\s*(?P<week>\d{1,2})(?:\s*[,-]?\s*(?P<year>(?:19|20)\d{2}))?(?!\d)", _week),
    Rule("month_part", r"\b(?P<part>{PART})\s+(?P<month>{MONTH})(?:\s+(?P<year>(?:19|20)\d{2}))?\b", _month_part),
    Rule("period", r"\b(?P<period>{PERIOD})(?:\s+(?P<year>(?:19|20)\d{2}))?(?!\w)", _period),
    Rule("month", r"(?:(?<=\bi\s)|(?<=\binden\s)|(?<=\bindtil\s)|(?<=\bpr\.\s))(?P<month>{MONTH})"
                  r"(?:\s+(?P<year>(?:19|20)\d{2}))?\b|\b(?P<month2>{MONTH})\s+(?P<year2>(?:19|20)\d{2})\b", None),
    Rule("cued_year", r"(?:(?<=\budgangen\saf\s)(?P<end>)|(?<=\bi\sløbet\saf\s))(?P<year>(?:19|20)\d{2})\b", _year_only),
)


def _month_rule(m, ref, dy):
    if m.group("month2"):
        month = vocabulary().months[m.group("month2").lower().rstrip(".")]
        y = int(m.group("year2"))
        return DateRange(text=m.group(0), start=date(y, month, 1), end=date(y, month, _last(y, month)),
                         precision="month")
    return _month(m, ref, dy)


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern, tuple[Rule, ...]]:
    voc = vocabulary()
    subs = {"MONTH": rf"(?:{_alt(voc.months)})\.?", "WEEKDAY": _alt(voc.weekdays),
            "PART": _alt(voc.month_parts).replace(r"\ ", r"\s+"), "PERIOD": _alt(voc.periods).replace(r"\ ", r"\s+")}
    rules = tuple(Rule(r.name, r.pattern, r.build or _month_rule) for r in GRAMMAR)
    parts = []
    for r in rules:
        pat = r.pattern
        for k, v in subs.items():
            pat = pat.replace("{" + k + "}", v)
        pat = re.sub(r"\?P<(\w+)>", lambda g: f"?P<{r.name}__{g.group(1)}>", pat)
        parts.append(f"(?P<{r.name}>{pat})")
    return re.compile("|".join(parts), re.IGNORECASE), rules


class _Sub:
    """A view of one rule's groups in the combined match (group names are prefixed)."""

    def __init__(self, m: re.Match, rule: str):
        self._m, self._rule = m, rule
        self._groups = {k.split("__", 1)[1]: v for k, v in m.groupdict().items() if k.startswith(rule + "__")}

    def group(self, name: str | int = 0):
        return self._m.group(self._rule) if name == 0 else self._groups.get(name)

    def groupdict(self):
        return self._groups


@lru_cache(maxsize=1)
def _cue_regex() -> re.Pattern:
    return re.compile(rf"(?:^|\W)(?P<cue>{_alt(vocabulary().cues)})\s*:?\s*(?:den\s+|d\.\s*)?$", re.I)


def find_dates(text: str, ref: date, *, default_year: Optional[int] = None) -> list[DateMention]:
    """Every date or period in `text`, leftmost-longest, in order."""
    regex, rules = _compiled()
    out: list[DateMention] = []
    for m in regex.finditer(text):
        rule = next(r for r in rules if m.group(r.name) is not None)
        try:
            rng = rule.build(_Sub(m, rule.name), ref, default_year)
        except (ValueError, KeyError):  # 31/2, week 54: not a date
            continue
        if rng is None:
            continue
        start, end = m.span(rule.name)
        cue = _cue_regex().search(text[max(0, start - 30):start])
        cue_word = cue.group("cue").lower() if cue else None
        if cue_word is None and rule.name == "period" and text[max(0, start - 12):start].lower().endswith("i løbet af "):
            cue_word = "i løbet af"
        out.append(DateMention(text=text[start:end], start=start, end=end, range=rng, cue=cue_word))
    return out


def parse_date(text: str, ref: date, *, default_year: Optional[int] = None) -> Optional[DateRange]:
    """One date expression filling `text` (a table cell, a 'Dato:' field). Falls
    back to dateparser for free forms the grammar does not know."""
    found = find_dates(text, ref, default_year=default_year)
    if found:
        return found[0].range
    return _dateparser(text, ref)


def _dateparser(text: str, ref: date) -> Optional[DateRange]:
    if not re.search(r"\d", text) or len(text) > 60:
        return None
    try:
        import dateparser
    except ImportError:
        return None
    settings = {"RELATIVE_BASE": datetime(ref.year, ref.month, ref.day), "PREFER_DATES_FROM": "future",
                "REQUIRE_PARTS": ["day", "month"], "DATE_ORDER": "DMY"}
    parsed = dateparser.parse(text, languages=["da"], settings=settings)
    if parsed is None:
        return None
    return DateRange(text=text, start=parsed.date(), end=parsed.date())
