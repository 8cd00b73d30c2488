"""Decisions and actions, round 5 (issue 10): what a member says or votes under a
decision label, recommendations to another body, tasks under a decision label,
more task verbs, status lines and notices that are no tasks, and a logbook's
preparation list that repeats the last meeting's tasks. Synthetic cases, one per
class of layout."""

from __future__ import annotations

from helpers.statements import ROSTER, record, texts

COUNCIL = ["Til stede: Mette Bruun (A), Søren Lyng (V), Pia Holm (O), Kaj Rask (F)"]


def test_a_members_vote_under_a_decision_label_is_no_decision(nlp):
    rec = record(
        nlp,
        COUNCIL
        + [
            "1. Kvalitetsstandard for madservice",
            "Beslutning: Indstillingen blev godkendt. Mette Bruun (A) stemte imod med henvisning til, at prisen er for høj.",
            "2. Tilskud til frivillige",
            "Beslutning: Udvalget bevilgede 20.000 kr. Søren Lyng (V) og Pia Holm (O) stemte for indstillingen om 30.000 kr.",
        ],
        title="Referat af udvalgsmøde 4. marts 2026",
    )
    assert texts(rec.decisions) == ["Indstillingen blev godkendt.", "Udvalget bevilgede 20.000 kr."]


def test_a_recommendation_to_the_general_assembly_is_no_decision(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "1. Kontingent",
            "Bestyrelsen indstiller til generalforsamlingen at kontingentet hæves til 600 kr.",
            "2. Forslag",
            "Bestyrelsen indstiller forslaget til generalforsamlingens godkendelse.",
        ],
    )
    assert texts(rec.decisions) == ["Bestyrelsen indstiller forslaget til generalforsamlingens godkendelse."]


def test_nothing_after_a_decision_label_is_no_decision(nlp):
    rec = record(nlp, ROSTER + ["1. Kirkebladet", "Knud skriver en artikel om høsten.", "Beslutning: Ingen."])
    assert rec.decisions == []
    assert texts(rec.actions) == ["Knud skriver en artikel om høsten."]


def test_a_task_under_a_decision_label_is_an_action(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "1. Ansøgning til fonden",
            "Beslutning: Bestyrelsen besluttede at søge fonden. Knud og Birthe færdiggør ansøgningen inden 1. april.",
            "2. Eventuelt",
            "Beslutning: Ulla Krog (A) bad sekretariatet om en oversigt over udgifterne til næste møde.",
            "3. Byggeriet",
            "Beslutning: Bestyrelsen tog orienteringen til efterretning. Sekretariatet giver en ny status på mødet den 4. juni.",
        ],
    )
    assert texts(rec.decisions) == [
        "Bestyrelsen besluttede at søge fonden.",
        "Bestyrelsen tog orienteringen til efterretning.",
    ]
    assert [(a.text, a.owners) for a in rec.actions] == [
        ("Knud og Birthe færdiggør ansøgningen inden 1. april.", ["Knud Engholm", "Birthe Lund"]),
        ("Ulla Krog (A) bad sekretariatet om en oversigt over udgifterne til næste møde.", ["sekretariatet"]),
        ("Sekretariatet giver en ny status på mødet den 4. juni.", ["sekretariatet"]),
    ]


def test_a_status_given_at_the_meeting_is_no_task(nlp):
    rec = record(nlp, ROSTER + ["1. Økonomi", "Kassereren gav en status på økonomien."])
    assert rec.actions == []


def test_an_outcome_under_an_item_titled_like_a_case_field(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "# Velkomst",
            "Knud bød velkommen.",
            "# Økonomi",
            "Kassebeholdningen var 9.000 kr. pr. 30. juni. Halvårsregnskabet blev godkendt.",
        ],
    )
    assert texts(rec.decisions) == ["Halvårsregnskabet blev godkendt."]


def test_a_council_named_by_its_kind_wishes(nlp):
    rec = record(nlp, ROSTER + ["# Evaluering", "- Fagrådet ønsker at introturen bliver 2 dage næste år"])
    assert texts(rec.decisions) == ["Fagrådet ønsker at introturen bliver 2 dage næste år"]


def test_more_task_verbs(nlp):
    lines = [
        "Ulla rykker kommunen for et svar.",
        "Preben hænger inden 1. maj en seddel op i kælderen.",
        "Legepladsudvalget ser i stedet på om der kan laves en sandkasse.",
        "Birthe og Ulla omskriver problemformuleringen til næste møde.",
    ]
    rec = record(nlp, ROSTER + ["1. Sager"] + lines)
    assert texts(rec.actions) == lines


def test_status_lines_under_a_persons_label_are_no_tasks(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "# Siden sidst",
            "- Knud: har været til møde i kommunen, de vil lave en fælles kalender",
            "- Birthe: har fået nøgle til skabet",
            "- Ulla: sender referatet rundt",
        ],
    )
    assert texts(rec.actions) == ["sender referatet rundt"]


def test_conditional_offers_and_notices_are_no_tasks(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "# Julefest",
            "- hvis der mangler hjælpere spørger vi på holdets chat",
            "- Birthe holder ferie i uge 30; præsten fra nabosognet dækker.",
            "- Knud bestiller lokalet inden fredag",
        ],
    )
    assert texts(rec.actions) == ["Knud bestiller lokalet inden fredag"]


def test_a_next_meeting_line_is_no_task(nlp):
    rec = record(nlp, ROSTER + ["1. Eventuelt", "Intet.", "Næste møde: onsdag 10/12 kl. 16 (vi tager kage med)"])
    assert rec.actions == []
