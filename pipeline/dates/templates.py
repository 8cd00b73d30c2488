r"""Grammar templates: placeholders over the lexicon's words, folded into tries.

{NAME} is a placeholder (see _placeholders); \h is horizontal white space
(HSPACE), so a date never spans two lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.dates.vocabulary import DateLexicon

HSPACE = r"[^\S\r\n]"  # what \h stands for in the templates


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
