"""Decisions in layouts of real minutes, second round (issue 10): what a report item
decides, role lines that match what the item elects, the earlier decisions of other
bodies in a case's history, labels that join the recommendation and the decision,
proposals concluded by a bare outcome, tallies in running text and postponements.
Synthetic cases, one per class."""

from __future__ import annotations

import pytest

from helpers.statements import ROSTER, record, texts


def test_report_item_decides_only_on_the_report(nlp):
    """Under 'Bestyrelsens beretning' the past decisions the report tells are its history;
    the item's outcome is the report approved (also a bare 'Godkendt.')."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 2. Bestyrelsens beretning",
            "På bestyrelsens møde i maj blev det besluttet, at formanden skriver til kommunen.",
            "Træerne ved legepladsen er flyttet væk fra parkeringen.",
            "Ligeledes blev det aftalt, at kassereren følger op på kontingentet.",
            "Beretningen blev enstemmigt godkendt.",
            "# 3. Aflæggelse af beretninger",
            "## Fodbold ved Ole Brandt",
            "Bestyrelsen er konstitueret med mig som formand.",
            "## Alle beretninger blev gennemgået og godkendt.",
            "# 4. Regnskab",
            "Regnskabet blev godkendt.",
        ],
    )
    assert texts(rec.decisions) == [
        "Beretningen blev enstemmigt godkendt.",
        "Alle beretninger blev gennemgået og godkendt.",
        "Regnskabet blev godkendt.",
    ]


def test_report_item_bare_outcome_is_its_decision(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "# 2. Formandens beretning",
            "Formanden fortalte om årets arbejde med vejene.",
            "Godkendt.",
        ],
    )
    assert texts(rec.decisions) == ["Godkendt."]


def test_role_line_counts_only_for_the_role_the_item_elects(nlp):
    """'Referat: X' under the last item 'Valg af revisor' is the minute-taker's signature."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 6. Valg af revisor",
            "Revisor: Lise Bang",
            "Referat: Preben Dam",
            "# 7. Valg af dirigent og referent",
            "Dirigent: Knud Engholm",
            "Referent: Ulla Krog",
        ],
    )
    assert texts(rec.decisions) == ["Revisor: Lise Bang", "Dirigent: Knud Engholm", "Referent: Ulla Krog"]


def test_board_election_takes_board_roles_not_the_minute_taker(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "# 5. Valg af bestyrelse",
            "Kasserer: Helle Olsen",
            "# 6. Eventuelt",
            "Intet.",
            "Referent: Preben Dam",
        ],
    )
    assert texts(rec.decisions) == ["Kasserer: Helle Olsen"]


def test_earlier_bodies_decisions_in_a_case_are_history(nlp):
    """A city council item: 'Beslutning i Økonomiudvalget den ...' before 'Beslutning i
    Byrådet den ...' is the case's history; the last decision label is this meeting's."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 3. Lokalplan for boliger ved Skovkanten",
            "### Indstilling",
            "Direktionen indstiller, at lokalplanen vedtages endeligt.",
            "### Beslutning i Teknisk Udvalg den 2. april 2025",
            "Anbefales.",
            "### Beslutning i Økonomiudvalget den 9. april 2025",
            "Anbefales. V kunne ikke anbefale.",
            "### Beslutning i Byrådet den 23. april 2025",
            "Indstillingen blev fulgt.",
            "# 4. Eventuelt",
            "Intet.",
        ],
        title="Referat af byrådets møde 23. april 2025",
    )
    assert texts(rec.decisions) == ["Indstillingen blev fulgt."]


def test_a_committees_own_decision_label_is_its_decision(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "# 3. Lokalplan for boliger ved Skovkanten",
            "### Indstilling",
            "Direktionen indstiller, at lokalplanen vedtages endeligt.",
            "### Beslutning i Økonomiudvalget den 9. april 2025",
            "Anbefales over for Byrådet.",
            "# 4. Eventuelt",
            "Intet.",
        ],
        title="Referat af Økonomiudvalgets møde 9. april 2025",
    )
    assert texts(rec.decisions) == ["Anbefales over for Byrådet."]


def test_recommendation_and_decision_label_decides_by_cues(nlp):
    """'Indstilling og beslutning:': the recommendation is not a decision, the outcome is."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# Punkt 2 – Meddelelser fra formanden",
            "Sagsfremstilling:",
            "Formanden orienterede om regionsmødet.",
            "Indstilling og beslutning:",
            "Det indstilles, at meddelelserne tages til efterretning.",
            "Meddelelserne blev taget til efterretning.",
            "Ældremessen udsættes til næste møde, da prisen ikke kendes.",
        ],
    )
    assert texts(rec.decisions) == [
        "Meddelelserne blev taget til efterretning.",
        "Ældremessen udsættes til næste møde, da prisen ikke kendes.",
    ]


@pytest.mark.parametrize(
    "lines,expected",
    [
        (
            [
                "Birthe foreslog, at foreningen deltager med en bod ved sommermarkedet på torvet i Skovby.",
                "Forslaget blev vedtaget.",
            ],
            "Birthe foreslog, at foreningen deltager med en bod ved sommermarkedet på torvet i Skovby. "
            "Forslaget blev vedtaget.",
        ),
        (
            [
                "Formanden foreslog herefter, at sagen sendes tilbage til vejudvalget med henblik på en ny "
                "vurdering af prisen. Dette blev vedtaget uden afstemning."
            ],
            "Formanden foreslog herefter, at sagen sendes tilbage til vejudvalget med henblik på en ny "
            "vurdering af prisen. Dette blev vedtaget uden afstemning.",
        ),
    ],
)
def test_a_proposal_concluded_by_a_bare_outcome_is_one_decision(nlp, lines, expected):
    rec = record(nlp, ROSTER + ["# 8. Eventuelt"] + lines)
    assert texts(rec.decisions) == [expected]


def test_a_proposal_with_an_outcome_verb_inside_is_no_decision(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "# 4. Kontingent",
            "Bestyrelsen foreslog at hæve kontingentet til 900 kr., mens ungdomskontingentet fastholdes. "
            "Der blev stemt ved håndsoprækning. Forslaget blev vedtaget med 20 stemmer mod 3.",
        ],
    )
    assert texts(rec.decisions) == ["Forslaget blev vedtaget med 20 stemmer mod 3."]


def test_tally_in_running_text_with_its_outcome_is_one_decision(nlp):
    """'For stemte 11 (...), imod stemte 4 (...). X er dermed vedtaget.' is no count line."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 3. Lokalplan",
            "Beslutning:",
            "For stemte 11 (A, V og F), imod stemte 4 (C og O). Lokalplanen er dermed endeligt vedtaget.",
        ],
    )
    assert texts(rec.decisions) == [
        "For stemte 11 (A, V og F), imod stemte 4 (C og O). Lokalplanen er dermed endeligt vedtaget."
    ]
    assert rec.decisions[0].votes is not None and rec.decisions[0].votes.for_ == 11


@pytest.mark.parametrize(
    "sentence",
    [
        "Det tager vi op på næste møde.",
        "Bestyrelsen tager spørgsmålet med til næste bestyrelsesmøde.",
        "Sagen genoptages på udvalgets møde den 15. april.",
    ],
)
def test_postponements(nlp, sentence):
    rec = record(nlp, ROSTER + ["# 6. Legepladsen", sentence])
    assert texts(rec.decisions) == [sentence]


def test_another_partys_approval_is_no_decision(nlp):
    """'Regnskabet er godkendt af revisor' is the auditor's, not the meeting's."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 3. Regnskab",
            "Kassereren fremlagde regnskabet, som er godkendt af revisor.",
            "Generalforsamlingen godkendte regnskabet.",
        ],
    )
    assert texts(rec.decisions) == ["Generalforsamlingen godkendte regnskabet."]


def test_role_lines_of_a_board_constitution_are_one_list(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "# 1. Konstituering af bestyrelsen",
            "- Formand: Ulla Krog",
            "- Kasserer: Birthe Lund",
            "- Menigt medlem: Preben Dam",
            "# 2. Eventuelt",
            "Intet.",
        ],
    )
    assert texts(rec.decisions) == ["Formand: Ulla Krog\nKasserer: Birthe Lund\nMenigt medlem: Preben Dam"]


def test_a_board_proposes_a_chair_who_is_elected(nlp):
    rec = record(nlp, ROSTER + ["# 1. Valg af dirigent", "Bestyrelsen foreslog Knud Engholm, som blev valgt."])
    assert texts(rec.decisions) == ["Bestyrelsen foreslog Knud Engholm, som blev valgt."]
