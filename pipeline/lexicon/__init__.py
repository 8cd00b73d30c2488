"""Danish minutes vocabulary and name lists, kept as data files beside this module."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

HERE = Path(__file__).parent


class Lexicon(BaseModel):
    participants_present: list[str]
    participants_absent: list[str]
    participants_guest: list[str]
    participants_present_prose: list[str]
    participants_absent_prose: list[str]
    role_suffixes: list[str]
    role_fields: dict[str, str]
    role_words: list[str]
    item_owner_fields: list[str]
    date_fields: list[str]
    place_fields: list[str]
    meta_fields: list[str]
    title_kind: dict[str, str]
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
    event_nouns: list[str]


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
