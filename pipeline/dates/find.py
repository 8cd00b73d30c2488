"""find_dates: every date or period of a text, left to right, none overlapping,
each with its cue: a word of the lexicon's `cues` right before it ("senest",
"Frist:") or opening it ("fra 7. til 9. marts", "i løbet af foråret")."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Optional

from pipeline.dates.grammar import Grammar, _could_hold_a_date, _grammar
from pipeline.dates.lists import _chronological
from pipeline.dates.mention import DateMention
from pipeline.dates.readings import _span
from pipeline.dates.vocabulary import _key, lexicon
from pipeline.dates.years import Anchor

CUE_REACH = 40  # characters before a date searched for a cue word


def find_dates(text: str, ref: date, *, default_year: Optional[int] = None) -> list[DateMention]:
    """Every date or period in `text`, left to right, none overlapping."""
    if not _may_hold_a_date(text):
        return []
    # the extractors ask for the same text's dates several times (calendar lines, dated
    # mentions, signatures, deadlines): each reading is made once, and every caller gets
    # its own list and DateRange objects (a DateRange is mutable)
    return [replace(m, range=m.range.model_copy()) for m in _found_dates(text, ref, default_year)]


@lru_cache(maxsize=4096)
def _may_hold_a_date(text: str) -> bool:
    """_could_hold_a_date's answer, remembered (the same texts are asked about many times)."""
    return _could_hold_a_date().search(text) is not None


@lru_cache(maxsize=4096)
def _found_dates(text: str, ref: date, default_year: Optional[int]) -> tuple[DateMention, ...]:
    grammar, anchor = _grammar(), Anchor(ref, default_year)
    found = (_mention(text, hit, grammar, anchor) for hit in grammar.hits(text))
    return tuple(_chronological(text, [m for m in found if m is not None]))


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
