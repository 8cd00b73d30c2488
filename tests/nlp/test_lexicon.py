"""Integrity of the Danish vocabulary and cue patterns kept as data."""

from __future__ import annotations

import json

from pipeline.lexicon import is_first_name, is_surname, lexicon
from pipeline.nlp.components import PATTERNS, CueLabel, load_cue_patterns

LABELS = {label.value for label in CueLabel}


def test_lexicon_lists_are_lowercase_and_unique():
    lx = lexicon()
    for name, value in lx.model_dump().items():
        items = list(value) if isinstance(value, (list, dict)) else []
        assert all(i == i.casefold() for i in items), name
        assert len(items) == len(set(items)), f"duplicates in {name}"


def test_participant_cues_do_not_overlap():
    lx = lexicon()
    assert not set(lx.participants_present) & set(lx.participants_absent)


def test_cue_patterns_are_well_formed():
    rows = load_cue_patterns()
    assert rows and all(r["label"] in LABELS and r["id"] and r["pattern"] for r in rows)
    for line in PATTERNS.read_text(encoding="utf-8").splitlines():
        json.loads(line)


def test_name_lists():
    assert is_first_name("Stine") and is_first_name("Niels") and is_first_name("Henrik")
    assert is_surname("Johansen") and is_surname("Møller")
    assert not is_first_name("Bestyrelsen")
