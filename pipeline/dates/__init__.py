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

By job, in the order a text goes through them: vocabulary.py (DateLexicon, the
lexicon read once), templates.py (placeholders, word tries), grammar.py (GRAMMAR,
the rule table, compiled), find.py (find_dates: rules, cues, identifiers),
readings.py with days.py and periods.py (what a rule's match becomes), years.py
(resolve_year, Anchor), lists.py (listed dates, year_written, shift_year),
names.py (date_in_name), parse.py (parse_date for a short field), mention.py
(DateMention).

Template syntax: {NAME} is a placeholder (see templates._placeholders); \h is
horizontal white space, so a date never spans two lines. A group named `date`
is the reported span when a rule also consumes context: "i december" -> "december".

    find_dates(text, ref, default_year=None) -> [DateMention]
    parse_date(text, ref, default_year=None) -> DateRange | None
    resolve_year(month, day, ref) -> int
"""

from pipeline.dates.find import CUE_REACH, find_dates
from pipeline.dates.grammar import GRAMMAR, Grammar, Rule, _could_hold_a_date, _grammar
from pipeline.dates.lists import shift_year, year_written
from pipeline.dates.mention import DateMention
from pipeline.dates.names import date_in_name
from pipeline.dates.parse import parse_date
from pipeline.dates.periods import easter, holiday_span
from pipeline.dates.readings import Builder
from pipeline.dates.templates import HSPACE, _alt
from pipeline.dates.vocabulary import LEXICON, DateLexicon, MonthDay, Span, lexicon
from pipeline.dates.years import DEADLINE_PAST_WINDOW, PAST_WINDOW, YEAR, Anchor, resolve_year

__all__ = [
    "CUE_REACH",
    "DEADLINE_PAST_WINDOW",
    "GRAMMAR",
    "HSPACE",
    "LEXICON",
    "PAST_WINDOW",
    "YEAR",
    "Anchor",
    "Builder",
    "DateLexicon",
    "DateMention",
    "Grammar",
    "MonthDay",
    "Rule",
    "Span",
    "_alt",
    "_could_hold_a_date",
    "_grammar",
    "date_in_name",
    "easter",
    "find_dates",
    "holiday_span",
    "lexicon",
    "parse_date",
    "resolve_year",
    "shift_year",
    "year_written",
]
