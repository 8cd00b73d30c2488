"""The date vocabulary: lexicon/da_dates.json typed as DateLexicon, read once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

LEXICON = Path(__file__).parent.parent / "lexicon" / "da_dates.json"

MonthDay = tuple[int, int]  # (month, day); day -1 is the month's last day
Span = tuple[MonthDay, MonthDay]


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
