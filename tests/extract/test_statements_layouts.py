"""Decisions and actions in layouts of real minutes of many organisations (issue 10):
synthetic cases, one per class of layout."""

from __future__ import annotations

import pytest

from helpers.statements import ROSTER, record, texts  # noqa: F401  (shared by other tests)


@pytest.mark.parametrize(
    "sentence,owners",
    [
        ("Ulla får til opgave at kontakte en asfaltfirma om et prisoverslag.", ["Ulla Krog"]),
        ("Birthe informerer beboerne om vandlukningen.", ["Birthe Lund"]),
        ("Bestyrelsen nedsætter en arbejdsgruppe om legepladsen.", ["bestyrelsen"]),
        ("Knud reserverer festlokalet til juni.", ["Knud Engholm"]),
        ("Bestyrelsen arbejder videre med sagen.", ["bestyrelsen"]),
        ("Kassereren er ved at indhente tilbud på forsikringen.", ["kassereren"]),
        ("Preben prøver at finde en ny vicevært.", ["Preben Dam"]),
        ("Ulla snakker med kommunen om skiltningen.", ["Ulla Krog"]),
        ("Formanden har møde med kommunen i næste uge.", ["formanden"]),
        ("Birthe ser på tilbuddene inden næste møde.", ["Birthe Lund"]),
        ("Knud står for oprydningen efter festen.", ["Knud Engholm"]),
        ("Oprydningen står Knud for.", ["Knud Engholm"]),
        ("Bestyrelsen vil i samarbejde med kassereren gennemgå vedtægterne.", ["bestyrelsen"]),
        ("Det er et punkt, som bestyrelsen straks vil tage fat på.", ["bestyrelsen"]),
        ("Der er huller i vejen (Ulla følger op).", ["Ulla Krog"]),
        ("Preben beder revisor om et tilbud på revisionen.", ["revisor"]),
        ("Administrationen bedes undersøge sagen nærmere.", ["administrationen"]),
        ("Fremsendes til forvaltningen med henblik på udarbejdelse af et notat.", ["forvaltningen"]),
        ("Jesper kigger på wallfollow-koden.", ["Jesper"]),  # a first name with no full name anywhere
    ],
)
def test_action_constructions(nlp, sentence, owners):
    rec = record(nlp, ROSTER + ["1. Sagen", sentence])
    assert [(a.text, a.owners) for a in rec.actions] == [(sentence, owners)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Skal vi male hegnet i år?",
        "Man skal melde afbud til formanden.",
        "Bestyrelsen diskuterer.",
    ],
)
def test_questions_and_rules_are_not_actions(nlp, sentence):
    assert record(nlp, ROSTER + ["1. Sagen", sentence]).actions == []


def test_task_lists_under_a_next_meeting_label(nlp):
    rec = record(
        nlp,
        [
            "# Referat fra vejledermøde",
            "- Vi gennemgik problemformuleringen",
            "- Til næste møde (fredag d. 3/10)",
            "-- Læs op på Scrum",
            "-- Lav en tidsplan",
            "# TODO",
            "- Jonas giver kage",
            "# Andet",
            "Vi så en film.",
        ],
    )
    assert texts(rec.actions) == ["Læs op på Scrum", "Lav en tidsplan", "Jonas giver kage"]
    assert rec.actions[-1].owners == ["Jonas"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Der var enighed blandt de fremmødte om at male hegnet.",
        "Bestyrelsen nåede til enighed om budgettet.",
        "Der var stemning for at holde sommerfest igen.",
        "Konklusionen er, at vi fortsætter med samme vicevært.",
        "Generalforsamlingen gav grønt lys til projektet.",
        "Tilbuddet fra maleren accepteres.",
        "Bestyrelsen fik bemyndigelse til at indgå aftalen.",
        "Overskuddet fordeles blandt de tre udvalg.",
        "Spørgsmålet tages op i vejlauget.",
        "Bestyrelsen konstitueres på første møde.",
        "Restbeløbet skal overføres til vejkontoen.",
        "Knud Engholm modtog genvalg.",
        "Birthe Lund ønsker genvalg og vælges.",
        "Næstformand er Ulla Krog.",
        "Knud Engholm er dirigent.",
        "Forslaget blev fremlagt, hvilket generalforsamlingen tilsluttede sig.",
        "Afstemning om legepladsen: JA = 12 - NEJ = 3.",
        "Enstemmigt vedtaget.",
        "Godkendt.",
        "Anbefales.",
        "Orienteringen blev taget til efterretning.",
    ],
)
def test_decision_idioms(nlp, sentence):
    rec = record(nlp, ROSTER + ["1. Sagen", sentence])
    assert texts(rec.decisions) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Det indstilles, at budgettet godkendes.",
        "Direktionen har tidligere godkendt ansøgningen.",
        "Den øvrige bestyrelse blev sidste år genvalgt.",
        "Hvis alle kommuner godkender forslaget, gælder det fra juli.",
        "Byrådet skal beslutte, om planen skal vedtages.",
        "Skal budgettet godkendes i dag?",
        "Der foreslås at forslaget udskydes til næste generalforsamling.",
        "Der er ikke opnået enighed om forslaget.",
    ],
)
def test_not_decisions(nlp, sentence):
    assert record(nlp, ROSTER + ["1. Sagen", sentence]).decisions == []


def test_recommendation_points_are_not_decisions(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "1. Sagen",
            "Administrationen indstiller,",
            "1) at den nye model godkendes og",
            "2) at evalueringen tages til efterretning.",
        ],
    )
    assert rec.decisions == []


def test_short_outcome_keeps_its_context(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "1. Kontingent",
            "Kontingentet hæves til 900 kr. Vedtaget med 4 stemmer for og 1 imod.",
            "2. Valg af stemmetæller",
            "Knud stiller op som stemmetæller. Enstemmigt vedtaget.",
        ],
    )
    assert texts(rec.decisions) == [
        "Kontingentet hæves til 900 kr. Vedtaget med 4 stemmer for og 1 imod.",
        "Knud stiller op som stemmetæller. Enstemmigt vedtaget.",
    ]
    assert rec.decisions[0].votes.for_ == 4 and rec.decisions[0].votes.against == 1


def test_a_decision_ending_in_a_colon_takes_its_list(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "1. Prioriteringer",
            "Følgende blev vedtaget:",
            "- Nye bænke ved søen",
            "- Beskæring af hækken",
            "Herefter var der kaffe og en lang snak om vejret i år.",
        ],
    )
    assert texts(rec.decisions) == ["Følgende blev vedtaget:\nNye bænke ved søen\nBeskæring af hækken"]


def test_elections(nlp):
    rec = record(
        nlp,
        [
            "1. Valg af dirigent: Knud Engholm",
            "2. Valg af bestyrelse",
            "Bestyrelsen:",
            "Birthe Lund (valgt 2022)",
            "Ulla Krog (valgt 2023)",
            "3. Konstituering",
            "Formand: Birthe Lund",
            "Kasserer: Ulla Krog",
            "4. Valg af stemmetællere: ingen",
        ],
    )
    assert texts(rec.decisions) == [
        "Valg af dirigent: Knud Engholm",
        "Bestyrelsen:\nBirthe Lund (valgt 2022)\nUlla Krog (valgt 2023)",
        "Formand: Birthe Lund\nKasserer: Ulla Krog",
    ]


def test_case_presentation_under_a_heading_is_not_decided(nlp):
    """Portal layout: 'Beslutning' then 'Fremstilling' with deeper headings; 'Afbud:' is a field."""
    rec = record(
        nlp,
        [
            "1. Salg af grund",
            "### Beslutning",
            "Godkendt.",
            "Afbud: Jonas Berg",
            "### Fremstilling",
            "#### Indstilling",
            "Administrationen indstiller, at salget godkendes.",
            "#### Sagsbeskrivelse",
            "Byrådet godkendte i 2022 en pulje til salg.",
            "#### Økonomi",
            "Salget blev vedtaget af direktionen.",
        ],
    )
    assert texts(rec.decisions) == ["Godkendt."]


def test_a_three_word_outcome_completes_the_decision_before_it(nlp):
    rec = record(
        nlp,
        ROSTER
        + ["1. Kontingent", "Der var enighed om at hæve seniorkontingentet med 50 kr. Juniorkontingentet fastholdes."],
    )
    assert texts(rec.decisions) == [
        "Der var enighed om at hæve seniorkontingentet med 50 kr. Juniorkontingentet fastholdes."
    ]


def test_a_decision_at_another_bodys_dated_meeting_is_history(nlp):
    rec = record(
        nlp,
        ROSTER + ["1. Intranet", "Planen er sendt til direktionen og blev godkendt på direktionsmødet 24. februar."],
    )
    assert rec.decisions == []


def test_a_next_meeting_list_keeps_only_tasks(nlp):
    rec = record(
        nlp,
        [
            "# Til næste møde",
            "- Lav en tidsplan",
            "- Næste møde: d. 19/2 kl. 9",
            "- Der skal ikke forberedes noget",
            "- Ingenting",
        ],
    )
    assert texts(rec.actions) == ["Lav en tidsplan"]


def test_dialogue_lines_are_not_tasks(nlp):
    rec = record(
        nlp,
        ROSTER + ["1. Stiftelse", "Knud Engholm: Der er et dilemma, for vi har ingen konto.", "Birthe: Kassen er tom."],
    )
    assert rec.actions == []
