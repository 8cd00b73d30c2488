r"""GRAMMAR, the table of named rules, compiled into one alternation (lazily, once).

Rules are tried in table order at each position, so an earlier, more specific
rule wins over a later one starting at the same place. A group named `date`
is the reported span when a rule also consumes context: "i december" -> "december".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.dates.days import _day_month, _day_range, _numeric, _weekday_day
from pipeline.dates.periods import _holiday, _month, _month_part, _period, _week, _year_part
from pipeline.dates.readings import Builder
from pipeline.dates.templates import HSPACE, _alt, _expand, _placeholders
from pipeline.dates.vocabulary import lexicon


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
