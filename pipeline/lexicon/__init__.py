"""Danish minutes vocabulary and name lists, kept as data files beside this module."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from pipeline.types import MeetingKind

HERE = Path(__file__).parent


class Lexicon(BaseModel):
    participants_present: list[str]
    participants_absent: list[str]
    participants_guest: list[str]
    participants_present_prose: list[str]
    participants_absent_prose: list[str]
    participant_table_columns: dict[str, str] = {}  # header cell -> "name" | "status" (a participants table)
    participant_table_values: dict[str, str] = {}  # status cell -> "present" | "absent"
    participants_members: list[str] = []  # "Medlemmer:" roster: members minus the absent are present
    participants_present_here: list[str] = []  # "deltager nu i mødet": present, in any item
    participant_label_qualifiers: list[str] = []  # "Afbud fra bestyrelsen", "Gæst under punkt 4": cue + qualifier
    participants_header_labels: list[str] = []  # "Administration: kundechef X" in the header: X attended
    participants_header_label_openers: list[str] = []  # "Fra org.best.: X" in the header: X attended
    participants_group_label_suffixes: list[str] = []  # "Forældrerepræsentanter: X": a represented group attended
    header_roles_attending: list[str] = []  # "Mødeleder: X" in a header that lists participants: X attended
    participants_substitute_for: list[str] = []  # "deltog i stedet for X": X did not attend
    not_first_names: list[str] = []  # words that are also first names ("Der", "Vi"): never a name alone in prose
    name_particles: list[str] = []  # "von", "de": lower-case words inside a name
    referring_words: list[str] = []  # "stedfortræder for X": a title word that names someone else
    clause_breaks: list[str] = []  # ", mens" ends a clause of attendance prose
    mode_cues: dict[str, str] = {}  # "teams" -> digital: the meeting mode from the header
    organisation_words: list[str] = []  # a word ending an organisation's name ("...foreningen")
    role_suffixes: list[str]
    name_conjunctions: list[str]
    minutes_table_item_columns: list[str]  # 'Punkt | Drøftelse | Beslutning | Ansvarlig | Frist': the item's column
    minutes_table_text_columns: list[
        str
    ]  # ... the column of what was said  # 'og', 'samt' between names in a list: 'A, B og C'
    role_fields: dict[str, str]
    role_words: list[str]
    item_owner_fields: list[str]
    agenda_table_columns: dict[str, str] = {}  # header cell -> "number" | "title" (an agenda table)
    appendix_headings: list[str] = []  # "Bilag A" heading after the items: the agenda has ended
    closing_item_titles: list[str] = []  # "Eventuelt": a report heading after it starts appended reports
    clock_words: list[str] = []  # "Kl. 19.30 Underholdning": a timed line of a meeting's programme
    agenda_noun_suffixes: list[str] = []  # "Behandling af ...: X": a verbal noun heads a run-in item
    date_fields: list[str]
    place_fields: list[str]
    meta_fields: list[str]
    title_kind: dict[str, MeetingKind]  # a title word -> the kind of meeting document it names
    meeting_words: list[str]
    bodies: dict[str, str]
    collective_subjects: list[str]
    owner_bodies: list[str]
    working_groups: list[str]
    group_member_cues: list[str]
    decision_labels: list[str]
    action_labels: list[str]
    action_owner_labels: list[str]
    action_due_labels: list[str]
    action_task_labels: list[str]
    not_decision_labels: list[str]
    calendar_titles: list[str]
    agenda_labels: list[str] = []  # "Dagsorden:", "Emner:" before a list of agenda items
    inline_outcome_words: list[str] = []  # "1. Valg af dirigent – X blev valgt": the outcome after the title
    event_nouns: list[str]
    # statements (extract/statements.py, zones.py): label prefixes, elections, short outcomes
    decision_label_prefixes: list[str] = []  # "Beslutning i Teknik- og Miljøudvalget den ...": a decision label
    not_decision_label_prefixes: list[str] = []  # "Forvaltningens indstilling ...": a case presentation
    action_label_prefixes: list[str] = []  # "Til næste møde (fredag)": a list of tasks follows
    election_labels: list[str] = []  # "Valg af dirigent", "Konstituering": an item/heading whose lines elect
    election_list_labels: list[str] = []  # "På valg:": a list of candidates elected, under an election item
    not_elected_words: list[str] = []  # "Ikke på valg:", "Modtager ikke genvalg:": a list of names no one elects
    meeting_function_roles: list[str] = []  # "Referat: X" under "Valg af bestyrelse": not a board role
    outcome_agent_markers: list[str] = []  # "godkendt af revisor": the approval of another party, not the meeting's
    resolution_title_prefixes: list[str] = []  # "Fastsættelse af kontingent: uændret": the outcome in the title
    outcome_openers: list[str] = []  # "Enstemmigt vedtaget.", "Dette blev vedtaget.": a bare outcome
    nothing_lines: list[str] = []  # "Intet.", "Ingen bemærkninger.": nothing recorded under a label
    closing_lines: list[str] = []  # "Mødet hævet kl. 20.35.": the closing line, never a decision
    decision_consequences: list[str] = []  # "Det betyder, at ...": what the decision before it means
    non_owner_subjects: list[str] = []  # "vi", "man": a subject that is nobody's task
    deliberation_verbs: list[str] = []  # "Rådet skal drøfte ...": the meeting's own agenda, not a task
    report_item_titles: list[str] = []  # "Formandens beretning": decisions told in its long paragraphs are history
    task_conditionals: list[str] = []  # "Hvis hegnet males ...": a task without a subject only outside a condition
    task_condition_openers: list[str] = []  # "Hvis der mangler hjælpere, spørger vi ...": a plan for a case, no task
    status_auxiliaries: list[str] = []  # "Knud: har været til møde i ...": under a person's label a status, no task
    case_label_topics: list[str] = []  # "Økonomi": a case field label that, as an item's own title, is a topic
    not_task_before: list[str] = []  # "Det kan laves": a passive task verb after these words is no task
    personal_pronouns: list[str] = []  # "Han undersøger ...": the one person named just before
    group_formed_stems: dict[str, str] = {}  # "Et festudvalg blev nedsat med A og B": the stem -> "udvalget"
    group_formed_links: list[str] = []  # ... the words between the group and its members
    group_suffixes: list[str] = []
    proposal_title_openers: list[
        str
    ] = []  # "Fra X: <the proposal>": a heading whose text after ':' is its title  # "Legepladsudvalget køber ...": a compound ending in one is a working group
    task_subordinators: list[str] = []  # "X mindede om, at nøgler skal afleveres": a passive task only in a main clause
    task_clause_links: list[str] = []  # "og der skal laves ...": 'der' after these is expletive, after a noun relative
    committee_wish_objects: list[str] = []  # "Udvalget ønsker, at ..." / "ønsker en sag": a request for work
    fronted_clause_openers: list[str] = []  # "Da ..., sender Peter ansøgningen": the subject after the verb
    subject_phrase_prepositions: list[str] = []  # "at Jakob fra administrationen sender": a phrase after the subject
    owner_connectors: list[str] = []  # "Ida og Bo sender": words and marks between coordinated subjects
    owner_fillers: list[str] = []  # "Ida og Bo derfor sender": words between a subject and its verb
    owner_clause_openers: list[str] = []  # "..., og Ida sender": a word or mark before a subject that opens a clause
    relative_pronouns: list[str] = []  # "Ida og Bo, som fremlægger ...": the names before are its subject
    agreement_cue_ids: list[str] = []  # cue ids of an agreement: "Det er aftalt, at X sender ...": X's task
    companion_phrases: list[str] = []  # "vil sammen med sekretariatet drøfte": a companion of the subject
    committee_executors: dict[
        str, str
    ] = {}  # "Udvalget ønsker ..." in a Beslutning field: the task of its administration


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = json.loads((HERE / "da_minutes.json").read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return Lexicon(**data)


@lru_cache(maxsize=4)
def name_counts(kind: str) -> dict[str, int]:
    """Danish first/middle/last names -> number of bearers (kind: first, middle, last)."""
    out: dict[str, int] = {}
    for line in (HERE / f"da_{kind}_names.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, count = line.split("\t")
            out[name.casefold()] = int(count)
    return out


def is_first_name(word: str) -> bool:
    return word.casefold() in name_counts("first")


def is_surname(word: str) -> bool:
    w = word.casefold()
    return w in name_counts("last") or w in name_counts("middle")
