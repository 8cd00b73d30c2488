"""The event vocabulary of lexicon/da_dates.json (the event_* keys), prepared once as word
sets and patterns for pipeline.extract.events."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.dates import lexicon as date_lexicon


@dataclass(frozen=True)
class Words:
    """The event vocabulary of da_dates.json, prepared once."""

    not_cues: frozenset[str]
    leads: frozenset[str]
    stops: frozenset[str]
    trailing: frozenset[str]
    document: re.Pattern[str]
    as_of: re.Pattern[str]
    cancel: re.Pattern[str]
    week_verbs: re.Pattern[str]
    past: re.Pattern[str]
    plan: re.Pattern[str]
    timestamp: re.Pattern[str]
    entry_text: str
    letter: re.Pattern[str]
    item_ref: re.Pattern[str]
    deadline: re.Pattern[str]
    since: re.Pattern[str]
    numbered_act: re.Pattern[str]
    report: re.Pattern[str]
    perfect_aux: re.Pattern[str]
    participle: re.Pattern[str]
    fixing: frozenset[str]


def _words_re(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=1)
def words() -> Words:
    lx = date_lexicon()
    doc, links = _words_re(lx.event_document_words), _words_re(lx.event_document_links)
    suffixes = _words_re(lx.event_past_suffixes)
    subj = f"(?:{_words_re(lx.event_past_subjects)})"
    return Words(
        not_cues=frozenset(lx.event_not_cues),
        leads=frozenset(list(lx.weekdays) + list(lx.event_lead_words)),
        stops=frozenset(lx.event_phrase_stops),
        trailing=frozenset(lx.event_phrase_trailing),
        document=re.compile(
            rf"(?<!\w)(?:{doc})\w*(?P<between>(?:\s+\S+){{0,4}}?\s+(?:{links}))?(?:\s+(?:den|d\.))?\s*$", re.I
        ),
        as_of=re.compile(rf"(?<!\w)(?:{_words_re(lx.event_as_of_words)})(?!\w)", re.I),
        cancel=re.compile(rf"(?<!\w)(?:{_words_re(lx.event_cancel_words)})(?!\w)", re.I),
        week_verbs=re.compile(rf"(?<!\w)(?:{_words_re(lx.event_week_verbs)})(?!\w)", re.I),
        past=re.compile(
            rf"(?<!\w)(?:{_words_re(lx.event_past_words)}|{subj}\s+\w{{3,}}(?:{suffixes})|"
            rf"\w{{3,}}(?:{suffixes})\s+{subj})(?!\w)(?!\s+om\b)",
            re.I,
        ),  # "markerede vi", "vi arrangerede" (not "delegerede"); "mindede om": told about
        plan=re.compile(rf"(?<!\w)(?:{_words_re(lx.event_plan_words)})(?!\w)", re.I),
        timestamp=re.compile(rf"^\s*(?:{_words_re(lx.event_timestamp_words)})(?!\w)", re.I),
        entry_text=(lx.event_entry_text or [""])[0],
        letter=re.compile(rf"(?<!\w)(?:{_words_re(lx.event_letter_verbs)})(?!\w)", re.I),
        item_ref=re.compile(rf"^\s*\(?\s*(?:{_words_re(lx.event_item_refs)})\s*\d", re.I),
        deadline=re.compile(rf"\w*(?:{_words_re(lx.event_deadline_suffixes)})\s*:?\s*(?:den\s+|d\.\s*)?$", re.I),
        since=re.compile(rf"(?<!\w)(?:{_words_re(lx.event_since_words)})\s+(?:den\s+|d\.\s*)?$", re.I),
        numbered_act=re.compile(rf"(?<!\w)nr\.?\s*\d[\d./-]*\s+(?:{links})\s+(?:den\s+|d\.\s*)?$", re.I),
        report=re.compile(rf"\w*(?:{_words_re(lx.event_report_words)})(?!\w)", re.I),
        perfect_aux=re.compile(rf"(?<!\w)(?:{_words_re(lx.event_perfect_auxiliaries)})(?!\w)", re.I),
        participle=re.compile(
            rf"^(?:\W+\w+){{0,2}}?\W+\w{{2,}}(?:{_words_re(lx.event_participle_suffixes)})(?!\w)", re.I
        ),
        fixing=frozenset(lx.event_fixing_verbs),
    )
