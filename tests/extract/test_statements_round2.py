"""Decisions and actions, round 2 (issue 10): tasks without a named subject, the
municipal portal layout, and owners. Synthetic cases, one per class of layout."""

from __future__ import annotations

import pytest

from helpers.statements import ROSTER, record, texts


@pytest.mark.parametrize(
    "sentence",
    [
        # modal + passive: the task is given, the doer is not named
        "Der skal laves en folder til nye medlemmer.",
        "Den gamle bænk skal fjernes inden sommer.",
        "Rapporten skal afleveres d. 20/3.",
        "Der skal arbejdes videre på hjemmesiden.",
        # present passive of a task verb
        "Fliserne rettes op ud for nr. 12.",
        "Det vurderes om hækken kan klippes.",
        "Der arbejdes på at finde en ny instruktør.",
        "Der følges op via kommunens kontaktperson.",
        "Kontingentet indbetales på foreningens konto senest 1. maj.",
    ],
)
def test_tasks_without_a_named_subject(nlp, sentence):
    rec = record(nlp, ROSTER + ["1. Sagen", sentence])
    assert [(a.text, a.owners) for a in rec.actions] == [(sentence, [])]


@pytest.mark.parametrize(
    "sentence",
    [
        "Det kan laves senere, hvis der er penge.",  # a possibility, not a task
        "Hegnet blev malet i foråret.",  # done
        "Hvad skal laves først?",  # a question
        "Det vurderes, at projektet er for dyrt.",  # an assessment
        "Sagen skal besluttes på generalforsamlingen.",  # a decision still to be made
        "Vores regnskab skal vise et overskud.",  # no passive task
        "Rådet skal tage stilling til, hvilket tilbud der skal laves.",  # the meeting deliberating
    ],
)
def test_passives_that_are_not_tasks(nlp, sentence):
    assert record(nlp, ROSTER + ["1. Sagen", sentence]).actions == []


def test_imperative_lines_are_tasks(nlp):
    rec = record(
        nlp,
        [
            "# Vejledermøde 4/11",
            "- Lav en tabel over kravene.",
            "- Fjern den gamle menu.",
            "- Opdater klassediagrammet.",
            "- Vores kode ser fint ud.",
            "- Se bilag 2.",
        ],
    )
    assert [(a.text, a.owners) for a in rec.actions] == [
        ("Lav en tabel over kravene.", []),
        ("Fjern den gamle menu.", []),
        ("Opdater klassediagrammet.", []),
    ]


def test_portal_case_text_gives_no_tasks_and_a_committee_wish_is_one(nlp):
    """Portal layout: 'Udvalget ønsker ...' in the Beslutning field asks the administration;
    what the administration will do in the case text is its presentation."""
    rec = record(
        nlp,
        [
            "# 1. Ny legeplads",
            "### Beslutning",
            "Godkendt idet udvalget ønsker en sag om økonomien.",
            "### Fremstilling",
            "#### Sagsbeskrivelse",
            "Administrationen vil i foråret fremlægge en analyse.",
            "Administrationen udarbejder årligt en prognose.",
            "#### Indstilling",
            "Administrationen indstiller, at planen godkendes.",
            "# 2. Eventuelt",
            "### Beslutning",
            "Intet.",
        ],
    )
    assert [(a.text, a.owners) for a in rec.actions] == [
        ("Godkendt idet udvalget ønsker en sag om økonomien.", ["administrationen"])
    ]
    assert texts(rec.decisions) == ["Godkendt idet udvalget ønsker en sag om økonomien."]


def test_case_text_continues_through_unlabelled_headings(nlp):
    """Portal exports whose field headings come out at another level than 'Fremstilling'."""
    rec = record(
        nlp,
        [
            "# 1. Energitiltag",
            "### Beslutning",
            "Godkendt.",
            "### Fremstilling",
            "## Sagsbeskrivelse",
            "Det skal undersøges om varmen kan sænkes.",
            "## Økonomiske konsekvenser",
            "Der skal reserveres 2 mio. kr. til tiltagene.",
            "# 2. Eventuelt",
            "### Beslutning",
            "Intet.",
        ],
    )
    assert rec.actions == []
    assert texts(rec.decisions) == ["Godkendt."]


@pytest.mark.parametrize(
    "sentence,owners",
    [
        ("Bestyrelsen arbejder også videre med de grønne områder.", ["bestyrelsen"]),
        ("Denne sag arbejder bestyrelsen videre med.", ["bestyrelsen"]),
        ("Legepladsudvalget køber en ny gynge.", ["legepladsudvalget"]),
        ("Gartneren bør kigge på hækken ved opgang B.", ["gartneren"]),
        ("Det bliver bestemt at bestyrelsen kontakter forsyningen om dækslerne.", ["bestyrelsen"]),
    ],
)
def test_owners_of_tasks(nlp, sentence, owners):
    rec = record(nlp, ROSTER + ["1. Sagen", sentence])
    assert [(a.text, a.owners) for a in rec.actions] == [(sentence, owners)]


def test_a_decision_by_bestemt_at(nlp):
    rec = record(nlp, ROSTER + ["1. Sagen", "Det blev bestemt, at hegnet males i maj."])
    assert texts(rec.decisions) == ["Det blev bestemt, at hegnet males i maj."]


def test_a_bare_outcome_in_its_own_paragraph_takes_the_line_before(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "1. Valg af dirigent",
            "Birthe Lund stiller op som dirigent.",
            "Enstemmigt vedtaget.",
            "2. Regnskab",
            "Kassereren gennemgik regnskabet grundigt, og der var flere spørgsmål "
            "til posterne om forsikring, vedligehold og kontingent, som blev besvaret.",
            "Godkendt.",
        ],
    )
    assert texts(rec.decisions) == ["Birthe Lund stiller op som dirigent. Enstemmigt vedtaget.", "Godkendt."]


@pytest.mark.parametrize(
    "sentence",
    [
        "Festen er sat til marts, mens der stadig arbejdes på en dato for sommerturen.",  # a status
        "Alle artikler, foreningen medvirker i, lægges på hjemmesiden.",  # a standing practice
    ],
)
def test_status_and_practice_are_not_tasks(nlp, sentence):
    assert record(nlp, ROSTER + ["1. Sagen", sentence]).actions == []


@pytest.mark.parametrize(
    "lines,decisions",
    [
        (["Som suppleant blev Jonas Berg valgt."], ["Som suppleant blev Jonas Berg valgt."]),
        (["Revisor blev Jonas Berg."], ["Revisor blev Jonas Berg."]),
        (
            ["Preben og Ulla stiller op som suppleanter. De er valgt."],
            ["Preben og Ulla stiller op som suppleanter. De er valgt."],
        ),
        (["Kontingent uændret på 400 kr."], ["Kontingent uændret på 400 kr."]),
        (["Festudvalget fortsætter uændret."], ["Festudvalget fortsætter uændret."]),
    ],
)
def test_election_and_unchanged_outcomes(nlp, lines, decisions):
    rec = record(nlp, ROSTER + ["1. Valg"] + lines)
    assert texts(rec.decisions) == decisions


@pytest.mark.parametrize(
    "sentence",
    [
        "Knud mindede om, at skabsnøgler skal afleveres inden sommerferien.",
        "Bestyrelsen drøftede, om der skal etableres en ny boring.",
        "Der skal findes en ny kasserer, hvis Ulla bliver valgt.",
    ],
)
def test_passive_tasks_in_subordinate_clauses_are_not_tasks(nlp, sentence):
    assert record(nlp, ROSTER + ["1. Sagen", sentence]).actions == []


def test_a_committee_preference_is_not_a_request(nlp):
    rec = record(
        nlp,
        [
            "# 1. Skoleveje",
            "### Beslutning",
            "Godkendt, idet udvalget ønsker projektet ved skolen prioriteret højest.",
            "# 2. Eventuelt",
            "### Beslutning",
            "Intet.",
        ],
    )
    assert rec.actions == []


def test_an_invitation_is_not_a_task(nlp):
    rec = record(
        nlp,
        ["Hermed indkaldes der til ordinær generalforsamling tirsdag d. 5/9-2023 kl 19.", "1. Valg af dirigent"],
        title="Indkaldelse",
    )
    assert rec.actions == []
