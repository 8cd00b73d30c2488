r"""Danish dates and periods in running text -> ISO ranges.

The vocabulary is data (lexicon/da_dates.json); the grammar is GRAMMAR, a table
of named regex templates over that vocabulary. All rules are compiled into one
alternation (lazily, once) and tried in table order at each position, so an
earlier, more specific rule wins over a later one starting at the same place.

Every relative reading is pinned to `ref`, the meeting's date, never to today:

- a day without a year takes the year that puts it within [ref - ~4 months,
  ref + ~8 months] (resolve_year); a weekday written with it ("Torsdag 14.
  januar") chooses between neighbouring years when it fits only one of them;
  after a deadline cue ("inden uge 47", "senest 1. april") the window starts
  only ~1 month back, as a deadline lies ahead of the meeting;
- a period without a year ("foråret", "uge 3") is the current one when ref lies
  in it or before it, else the next one;
- `default_year` (a "2021" heading over a calendar, a year cell) overrides both.

Vague periods are ranges as shared/gold/GUIDE.md defines them: "primo marts" ->
1st-10th, "uge 3" -> Monday-Sunday of ISO week 3, "efteråret" -> Sep-Nov.
A year alone is not a date ("Større arrangementer 2022", "udløber i 2022"); it
is read only after a year part of the lexicon: "i løbet af 2023" (the year),
"udgangen af 2023" (31 Dec), "primo 2023" (Jan-Apr).

Each mention carries its cue: a word of the lexicon's `cues` right before it
("senest", "Frist:") or opening it ("fra 7. til 9. marts", "i løbet af foråret").

Template syntax: {NAME} is a placeholder (see _placeholders); \h is horizontal
white space, so a date never spans two lines. A group named `date` is the
reported span when a rule also consumes context: "i december" -> "december".

    find_dates(text, ref, default_year=None) -> [DateMention]
    parse_date(text, ref, default_year=None) -> DateRange | None
    resolve_year(month, day, ref) -> int
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict

from pipeline.types import DateRange, Precision

LEXICON = Path(__file__).parent / "lexicon" / "da_dates.json"
YEAR = timedelta(days=365)
PAST_WINDOW = timedelta(days=122)  # a yearless date more than ~4 months back means next year,
# more than YEAR - PAST_WINDOW (~8 months) ahead means last year
DEADLINE_PAST_WINDOW = timedelta(days=31)  # after "inden", "senest" ... only ~1 month back
CUE_REACH = 40  # characters before a date searched for a cue word
HSPACE = r"[^\S\r\n]"  # what \h stands for in the templates

MonthDay = tuple[int, int]  # (month, day); day -1 is the month's last day
Span = tuple[MonthDay, MonthDay]


@dataclass(frozen=True)
class DateMention:
    text: str  # the matched source text
    start: int  # offsets into the text given to find_dates
    end: int
    range: DateRange
    cue: Optional[str] = None  # "inden", "senest", "fra", "i løbet af" ... before or opening the date
    rule: str = ""  # the GRAMMAR rule that read it


# ------------------------------------------------------------------ vocabulary


class DateLexicon(BaseModel):
    """lexicon/da_dates.json; keys are lowercase."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]  # ISO weekday numbers, Monday = 1
    weekday_abbreviations: dict[str, int]  # written with a dot: "tirs."
    day_prefixes: list[str]  # "den 3. marts", "d. 3. marts"
    range_from: list[str]  # "fra 7. til 9. marts"
    range_to: list[str]  # "7-9. marts", "7. til og med 9. marts"
    week_words: list[str]  # "uge 3"
    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, Span]
    periods: dict[str, Span]
    bare_periods: dict[str, Span]  # only after a word of period_prepositions
    leads: list[str]  # opening words kept in a period's text: "i løbet af"
    period_prepositions: list[str]
    cues: list[str]
    deadline_cues: list[str]  # cues that put a yearless date ahead of the meeting
    fraction_words: list[str]  # "3/4 af", "2/3 flertal": not a day/month
    not_dates: list[str]
    holidays: dict[str, str] = {}  # school holidays computed per year: "summer", "easter", "week:42"
    # events (pipeline/extract/events.py): which dated mentions are happenings
    event_not_cues: list[str] = []  # a deadline or as-of cue right before the date: "senest", "pr."
    event_lead_words: list[str] = []  # may stand before a calendar line's date: "den", "kl.", "Dato:"
    event_phrase_stops: list[str] = []  # where an event's name stops to the left: "til", "på"
    event_phrase_trailing: list[str] = []  # dropped from the end of an event's name: "den", "d."
    event_document_words: list[str] = []  # "indstilling af 3. februar", "Bilag 2 af 12.3.2024": a document's date
    event_document_links: list[str] = []  # the word between the document and its date: "af", "dateret"
    event_as_of_words: list[str] = []  # "trådte i kraft 1. januar", "i perioden fra ...": a state, not a happening
    event_cancel_words: list[str] = []  # "Mødet d. 3/5 er aflyst": not an event
    event_week_verbs: list[str] = []  # "Sommerlejren afholdes i uge 28": a week is an event only so
    event_past_words: list[str] = []  # simple past: a yearless date in a past sentence lies before the meeting
    event_past_suffixes: list[str] = []  # "markerede", "arrangerede"
    event_past_subjects: list[str] = []  # a -ede word is a verb beside one: "markerede vi" (not "delegerede")
    event_plan_words: list[str] = []  # a plan or decision in the sentence: the date may lie ahead
    event_timestamp_words: list[str] = []  # "2022-12-23 11:46:18 UTC": a signature timestamp
    event_entry_text: list[str] = []  # the name of a logbook entry with no words of its own
    event_letter_verbs: list[str] = []  # "Styrelsen meddelte den 5. maj": a letter or filing, not a happening
    event_item_refs: list[str] = []  # "den 3. maj (pkt. 12)": an agenda point of a body's meeting
    event_deadline_suffixes: list[str] = []  # "Ansøgningsfrist: 3. marts": a deadline label
    event_since_words: list[str] = []  # "flyttet siden 1. november": a state since a date
    event_report_words: list[str] = []  # a heading "Årsberetning ...": what follows tells the past year
    event_perfect_auxiliaries: list[str] = []  # "har på mødet 17. april drøftet": perfect tense, past
    event_participle_suffixes: list[str] = []  # the participle after the date: "drøftet", "taget"
    event_fixing_verbs: list[str] = []  # "fastsat til 19. marts", "flyttes til 28/11": a date fixed, a happening
    # relative due dates of tasks (pipeline/extract/due.py)
    due_next_meeting: list[str] = []  # "til næste møde": the next meeting's date
    due_next_week: list[str] = []  # "til næste uge": the week after the meeting
    due_weekday_cues: list[str] = []  # "senest fredag": the weekday's next date after the meeting
    due_weekday_modifiers: list[str] = []  # "til næste tirsdag": a word between the cue and the weekday

    def month(self, word: str) -> int:
        key = _key(word).rstrip(".")
        return self.months.get(key) or self.month_abbreviations[key]

    def weekday(self, word: str) -> int:
        key = _key(word).rstrip(".")
        return self.weekdays.get(key) or self.weekday_abbreviations[key]

    def span(self, word: str) -> Span:
        key = _key(word)
        return self.periods.get(key) or self.bare_periods[key]


@lru_cache(maxsize=1)
def lexicon() -> DateLexicon:
    return DateLexicon.model_validate_json(LEXICON.read_text(encoding="utf-8"))


def _key(word: str) -> str:
    return " ".join(word.casefold().split())


# ------------------------------------------------------------------ years


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


# ------------------------------------------------------------------ builders

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


# ------------------------------------------------------------------ grammar


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str  # a template: {PLACEHOLDER}s and \h, see the module docstring
    build: Builder


_YEAR = r"(?:\h+(?P<year>{YYYY}))?"
GRAMMAR: tuple[Rule, ...] = (
    Rule("iso", r"{NB}(?P<year>{YYYY})[-.](?P<month>[01][0-9])[-.](?P<day>[0-3][0-9])(?![0-9])", _numeric),
    Rule(
        "numeric",
        r"{NB}{PREFIX}(?P<day>{DD})(?P<sep>[./-])(?P<month>{MM})[./-](?P<year>{YYYY}|[0-9]{2}(?![0-9]))"
        r"(?![./-][0-9])",
        _numeric,
    ),
    Rule("slash_year", r"{NB}{PREFIX}(?P<day>{DD})/(?P<month>{MM})(?:\h+|\h*-\h*)(?P<year>{YYYY})", _numeric),
    Rule(
        "slash_short_year",
        r"{NB}{DAY_LED}(?P<day>{DD})/(?P<month>{MM})\h*-\h*(?P<year>[0-9]{2})(?![0-9/.:,]|\h*[-–])",
        _numeric,
    ),  # "d. 21/4 - 17"
    Rule(
        "day_range",
        r"{NB}(?:{FROM}\h+)?{PREFIX}(?P<day1>{DD})\.?(?:\h*(?P<month1>{MONTH})(?:\h+(?P<year1>{YYYY}))?)?"
        r"\h*{TO}\h*(?:{DAY_PREFIX}\h*)?(?P<day>{DD})\.?\h*(?P<month>{MONTH})" + _YEAR,
        _day_range,
    ),
    Rule(
        "day_month",
        r"{NB}{PREFIX}(?P<day>{DD})\.?\h*(?P<month>{MONTH})(?:"
        + _YEAR[3:-2]
        + r"|\h+'?(?P<yy>[0-9]{2})(?=[.,;:)!?]?(?:\h|$))(?!\h*[-–a-zæøå%]))?",
        _day_month,
    ),  # "7.juni 23."
    Rule("day_dash", r"{NB}{DAY_LED}(?P<day>{DD})-(?P<month>{MM})(?![0-9]|[-./][0-9])", _numeric),  # "d. 17-11"
    Rule(
        "weekday_day",
        r"{NB}(?P<weekday>{WEEKDAY})\h*,?\h+{DAY_PREFIX}\h*(?P<day>{DD})(?![0-9]|\.?\h*(?:{MONTH}|[0-9/.-]))",
        _weekday_day,
    ),  # "torsdag d 2": the next month whose 2nd is a Thursday
    Rule("slash", r"{NB}{PREFIX}(?P<day>{DD})/(?P<month>{MM})(?![0-9/%]|\h*-?\h*(?:{FRACTION}(?!\w)|[0-9]))", _numeric),
    Rule(
        "week",
        r"(?<!\w){WEEK}\h*(?P<week>[0-5]?[0-9])(?:\h*[-–]\h*(?P<week2>[0-5]?[0-9])(?![0-9]))?"
        r"(?:\h*[,-]?\h*(?P<year>{YYYY}))?(?![0-9])",
        _week,
    ),
    Rule("month_part", r"(?<!\w)(?P<part>{MONTH_PART})\h+(?P<month>{MONTH})" + _YEAR, _month_part),
    Rule("year_part", r"(?<!\w)(?P<part>{YEAR_PART})\h+(?P<year>{YYYY})", _year_part),
    Rule("month_year", r"(?<!\w)(?P<month>{MONTH})\h+(?P<year>{YYYY})", _month),
    Rule("month", r"(?<!\w){PREP}\h+(?P<date>(?P<month>{MONTH_NAME})" + _YEAR + ")", _month),
    Rule("holiday", r"(?<!\w)(?P<date>(?:{LEAD}\h+)?(?P<holiday>{HOLIDAY})" + _YEAR + r")(?!\w)", _holiday),
    Rule(
        "period",
        r"(?<!\w)(?P<date>(?:{LEAD}\h+)?(?P<period>{PERIOD})" + _YEAR + r"(?:\h*/\h*{PERIOD}(?:\h+{YYYY})?)?)(?!\w)",
        _period,
    ),
    Rule("bare_period", r"(?<!\w){PREP}\h+(?P<date>(?P<period>{BARE_PERIOD})" + _YEAR + r")(?!\w)", _period),
)


def _alt(words: Iterable[str]) -> str:
    """An alternation of `words` folded into a trie ('ma(?:j|r(?:ts)?)'): the
    regex engine then tries one branch per letter, not one per word, and the
    greedy '?' still prefers 'marts' to 'mar'. A space matches any \\h run."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return "(?:" + _trie(trie) + ")"


def _trie(node: dict) -> str:
    branches = [re.escape(c).replace(r"\ ", r"\h+") + _trie(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _placeholders(lex: DateLexicon) -> dict[str, str]:
    return {
        "PREFIX": r"(?:(?P<weekday>{WEEKDAY})(?:\h*/\h*{WEEKDAY})?\h*,?\h+)?(?:{DAY_PREFIX}\h*)?",
        "NB": r"(?<![\w/.,-])",  # not inside a word or a number
        "DD": r"[0-3]?[0-9]",
        "MM": r"[01]?[0-9]",
        "YYYY": r"(?:19|20)[0-9]{2}(?![0-9])",
        "MONTH": rf"(?:{_alt(lex.months)}|{_alt(lex.month_abbreviations)}\.?)(?!\w)",
        "MONTH_NAME": rf"(?-i:{_alt(lex.months)})(?!\w)",  # lowercase: "til Maj" is a person
        "WEEKDAY": rf"(?:{_alt(lex.weekdays)}(?!\w)|{_alt(lex.weekday_abbreviations)}\.)",
        "DAY_LED": r"(?:(?P<weekday>{WEEKDAY})\h*,?\h+)?{DAY_PREFIX}\h*",  # a day prefix required
        "DAY_PREFIX": _alt(lex.day_prefixes),
        "FROM": _alt(lex.range_from),
        "TO": _alt(lex.range_to),
        "WEEK": _alt(lex.week_words),
        "FRACTION": _alt(lex.fraction_words),
        "MONTH_PART": _alt(lex.month_parts),
        "YEAR_PART": _alt(lex.year_parts),
        "PERIOD": _alt(lex.periods),
        "HOLIDAY": _alt(lex.holidays) if lex.holidays else "(?!)",
        "BARE_PERIOD": _alt(lex.bare_periods),
        "LEAD": _alt(lex.leads),
        "PREP": _alt(lex.period_prepositions),
    }


def _expand(template: str, subs: dict[str, str]) -> str:
    """Fill {PLACEHOLDER}s (twice, for PREFIX's own) and turn \\h into HSPACE."""
    fill = re.compile(r"\{([A-Z_]+)\}")
    for _ in range(2):
        template = fill.sub(lambda g: subs[g.group(1)], template)
    return template.replace(r"\h", HSPACE)


@dataclass(frozen=True)
class Grammar:
    combined: re.Pattern[str]  # one alternation; group names are the rule names
    rules: dict[str, tuple[re.Pattern[str], Builder]]  # each rule on its own, to read its groups
    cue_before: re.Pattern[str]
    cue_opening: re.Pattern[str]


@lru_cache(maxsize=1)
def _grammar() -> Grammar:
    lex = lexicon()
    subs = _placeholders(lex)
    flags = re.IGNORECASE
    rules = {r.name: (re.compile(_expand(r.pattern, subs), flags), r.build) for r in GRAMMAR}
    anonymous = [re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p, _ in rules.values()]
    combined = "(?<!\\w)(?:" + "|".join(f"(?P<{n}>{p})" for n, p in zip(rules, anonymous)) + ")"
    cues = _expand(_alt(lex.cues), {})
    return Grammar(
        combined=re.compile(combined, flags),
        rules=rules,
        cue_before=re.compile(rf"(?<!\w)(?P<cue>{cues}){HSPACE}*:?{HSPACE}*$", flags),
        cue_opening=re.compile(rf"(?P<cue>{cues})(?!\w)", flags),
    )


# ------------------------------------------------------------------ API


@lru_cache(maxsize=1)
def _could_hold_a_date() -> re.Pattern[str]:
    """A cheap first look: every rule of the grammar matches a digit or a word of one of
    these lexicon tables, so a text with neither holds no date (most lines of minutes)."""
    lex = lexicon()
    words: list[str] = [
        *lex.months,
        *lex.month_abbreviations,
        *lex.weekdays,
        *lex.weekday_abbreviations,
        *lex.week_words,
        *lex.month_parts,
        *lex.year_parts,
        *lex.periods,
        *lex.holidays,
        *lex.bare_periods,
    ]
    return re.compile(rf"\d|(?<!\w)(?:{_expand(_alt(words), {})})", re.IGNORECASE)


def find_dates(text: str, ref: date, *, default_year: Optional[int] = None) -> list[DateMention]:
    """Every date or period in `text`, left to right, none overlapping."""
    if not _could_hold_a_date().search(text):
        return []
    grammar, anchor = _grammar(), Anchor(ref, default_year)
    found = (_mention(text, hit, grammar, anchor) for hit in grammar.combined.finditer(text))
    return _chronological(text, [m for m in found if m is not None])


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


def _mention(text: str, hit: re.Match[str], grammar: Grammar, anchor: Anchor) -> Optional[DateMention]:
    rule = hit.lastgroup
    assert rule is not None  # every alternative of the combined pattern is a named rule
    regex, build = grammar.rules[rule]
    m = regex.match(text, hit.start())
    assert m is not None  # the rule matched here, as an alternative of the combined pattern
    start, end = _span(m)
    cue = _cue(text, start, end, grammar)
    try:
        rng = build(m, anchor.for_cue(cue))
    except (ValueError, OverflowError, KeyError):  # 31/2, uge 54, year 10000: not a date
        return None
    if rng is None or _key(rng.text) in lexicon().not_dates or _identifier(text, start, end):
        return None
    return DateMention(text=rng.text, start=start, end=end, range=rng, cue=cue, rule=rule)


_ID_LABEL = re.compile(r"(?:sags\s?nr|j\.?\s?nr|journal\s?nr|cpr|cvr|tlf|telefon|mobil)\.?\s*:?\s*$", re.I)
_ID_TAIL = re.compile(r"[-/][A-Za-zÆØÅæøå]")


def _identifier(text: str, start: int, end: int) -> bool:
    """Digits that belong to a case or phone number: 'Sagsnr.: 05.01.08-P20-1-24'."""
    numeric = not re.search(r"[^\d\s./-]", text[start:end])
    if not numeric:
        return False
    return bool(_ID_LABEL.search(text, max(0, start - 16), start)) or bool(_ID_TAIL.match(text, end))


def _cue(text: str, start: int, end: int, grammar: Grammar) -> Optional[str]:
    """A cue word right before the date ("senest 1. april", "Frist: 3. maj"), else one opening it."""
    hit = grammar.cue_before.search(text, max(0, start - CUE_REACH), start) or grammar.cue_opening.match(
        text, start, end
    )
    return _key(hit["cue"]) if hit else None


_NAME_DATES = (  # a date in a file name: (pattern, order of its groups)
    (re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?([01]\d)[-_.]?([0-3]\d)(?!\d)"), "ymd"),  # 2024-05-07, 20240507
    (re.compile(r"(?<!\d)([0-3]\d)[-_.]([01]\d)[-_.]((?:19|20)\d{2})(?!\d)"), "dmy"),  # 07-05-2024
    (re.compile(r"(?<!\d)([0-3]\d)([01]\d)(\d{2})(?!\d)"), "dmy"),  # 070524
)


def date_in_name(name: str) -> Optional[date]:
    """The date a file name carries ("bestyrelse_2024-05-07.pdf", "referat_070524.docx"):
    the last resort for the meeting date and the reference of yearless dates."""
    stem = Path(name).stem
    for pattern, order in _NAME_DATES:
        for m in pattern.finditer(stem):
            parts = dict(zip(order, m.groups()))
            try:
                return date(_full_year(parts["y"]), int(parts["m"]), int(parts["d"]))
            except ValueError:
                continue
    return None


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
