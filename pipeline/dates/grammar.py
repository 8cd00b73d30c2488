r"""GRAMMAR, the table of named rules, compiled into one alternation (lazily, once).

Rules are tried in table order at each position, so an earlier, more specific
rule wins over a later one starting at the same place. A group named `date`
is the reported span when a rule also consumes context: "i december" -> "december".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

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
    # the same alternation cut by the first character a rule can match: `starter` finds the
    # places where some rule can start, `by_first` holds, per lower-cased first character, the
    # rules (in table order) that can start with it; None when a rule's first character could
    # not be worked out (then `combined` scans every place)
    starter: re.Pattern[str] | None = None
    by_first: dict[str, re.Pattern[str]] | None = None

    def hits(self, text: str) -> Iterator[re.Match[str]]:
        """What combined.finditer(text) yields (the same starts, ends and rule names), but a
        place where no rule can start is passed over, and at the others only the rules that
        can start with that character are tried."""
        if self.starter is None or self.by_first is None:
            yield from self.combined.finditer(text)
            return
        search, rules_for, every = self.starter.search, self.by_first.get, self.combined
        pos = 0
        while (s := search(text, pos)) is not None:
            i = s.start()
            # a character whose lower case is no key (a rare case-folding like 'ſ') tries every rule
            m = rules_for(text[i].lower(), every).match(text, i)
            if m is None:
                pos = i + 1
            else:
                yield m
                pos = m.end()  # no rule matches the empty string (see _first_keys)


@lru_cache(maxsize=1)
def _grammar() -> Grammar:
    lex = lexicon()
    subs = _placeholders(lex)
    flags = re.IGNORECASE
    rules = {r.name: (re.compile(_expand(r.pattern, subs), flags), r.build) for r in GRAMMAR}
    anonymous = [re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p, _ in rules.values()]
    combined = "(?<!\\w)(?:" + "|".join(f"(?P<{n}>{p})" for n, p in zip(rules, anonymous)) + ")"
    cues = _expand(_alt(lex.cues), {})
    starter, by_first = _split_by_first(dict(zip(rules, anonymous)), flags)
    return Grammar(
        combined=re.compile(combined, flags),
        rules=rules,
        cue_before=re.compile(rf"(?<!\w)(?P<cue>{cues}){HSPACE}*:?{HSPACE}*$", flags),
        cue_opening=re.compile(rf"(?P<cue>{cues})(?!\w)", flags),
        starter=starter,
        by_first=by_first,
    )


def _split_by_first(
    anonymous: dict[str, str], flags: re.RegexFlag
) -> tuple[re.Pattern[str] | None, dict[str, re.Pattern[str]] | None]:
    """The starter pattern and the per-first-character alternations of Grammar (None, None
    when some rule's first characters are not a known set)."""
    firsts: dict[str, set[str]] = {}
    for name, pattern in anonymous.items():
        keys = _first_keys(pattern, flags)
        if keys is None:
            return None, None
        firsts[name] = keys
    every = sorted(set().union(*firsts.values()))

    def alternation(names: list[str]) -> re.Pattern[str]:
        return re.compile("(?<!\\w)(?:" + "|".join(f"(?P<{n}>{anonymous[n]})" for n in names) + ")", flags)

    by_first = {k: alternation([n for n in anonymous if k in firsts[n]]) for k in every}
    starter = re.compile("(?<!\\w)[" + "".join(re.escape(k) for k in every) + "]", flags)
    return starter, by_first


def _first_keys(pattern: str, flags: re.RegexFlag) -> set[str] | None:
    """The lower-cased characters a match of `pattern` can start with; None when that is
    not a plain set of literal characters and ranges, or the pattern can match ''."""
    out: set[str] = set()
    nullable = _first_of(sre_parser.parse(pattern, flags), out)
    return None if nullable is None or nullable else out


def _first_of(seq: Iterable[tuple[Any, Any]], out: set[str]) -> bool | None:
    """Add the first characters of a parsed sequence to `out`; whether it can match '' (None:
    unknown)."""
    for op, av in seq:
        nullable = _first_of_op(op, av, out)
        if nullable is None or not nullable:
            return nullable
    return True


def _first_of_op(op: Any, av: Any, out: set[str]) -> bool | None:
    c = sre_constants
    if op is c.LITERAL:
        out.add(chr(av).lower())
        return False
    if op is c.IN:
        for item_op, item in av:
            if item_op is c.LITERAL:
                out.add(chr(item).lower())
            elif item_op is c.RANGE and item[1] - item[0] < 64:
                out.update(chr(x).lower() for x in range(item[0], item[1] + 1))
            else:  # a category, a negation, a wide range: unknown
                return None
        return False
    if op is c.BRANCH:
        branches = [_first_of(alt, out) for alt in av[1]]
        return None if None in branches else any(branches)
    if op is c.SUBPATTERN:
        return _first_of(av[-1], out)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        inner = _first_of(av[2], out)
        return None if inner is None else inner or av[0] == 0
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):  # zero width
        return True
    return None


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
