"""Decisions in layouts of real minutes (issue 10, round 3): election lists taken as one
decision, outcomes in item titles (also of items with no text of their own), lists under
"Følgende blev vedtaget:", and what is not a decision. Synthetic cases, one per class."""

from __future__ import annotations

import pytest

from helpers.statements import ROSTER, record, texts


def test_election_list_under_a_heading_label_is_one_decision(nlp):
    """'Bestyrelsen:' and 'Suppleant:' as headings over lines 'Name (valgt 2020 / på valg 2022)'."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 4. Valg af bestyrelse og suppleanter",
            "## Bestyrelsen:",
            "- Ole Brandt (valgt 2020 / på valg 2022)",
            "- Signe Holm (valgt 2021 / på valg 2023)",
            "## Suppleant:",
            "- Per Vinther (valgt 2021 / på valg 2022)",
            "# 5. Budget",
            "Budgettet blev godkendt.",
        ],
    )
    assert texts(rec.decisions) == [
        "Bestyrelsen:\nOle Brandt (valgt 2020 / på valg 2022)\nSigne Holm (valgt 2021 / på valg 2023)"
        "\nSuppleant:\nPer Vinther (valgt 2021 / på valg 2022)",
        "Budgettet blev godkendt.",
    ]


def test_names_then_a_collective_outcome_is_one_decision(nlp):
    """Names with house numbers and roles, then 'Begge blev genvalgt'."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 7. Valg af revisor og revisorsuppleant",
            "- Jens Mølgaard nr. 14. revisor",
            "- Tove Riis Hansen nr. 31. Revisorsuppleant",
            "-- Begge blev genvalgt",
        ],
    )
    assert texts(rec.decisions) == [
        "Jens Mølgaard nr. 14. revisor\nTove Riis Hansen nr. 31. Revisorsuppleant\nBegge blev genvalgt"
    ]


def test_not_up_for_election_list_is_not_a_decision(nlp):
    """'På valg:' takes its names and outcome; 'Ikke på valg:' and its names are no decision;
    'Valgt som suppleanter er:' starts the next one."""
    rec = record(
        nlp,
        ROSTER
        + [
            "## 5. Regnskab",
            "Regnskabet blev godkendt.",
            "## 6. Valg til bestyrelsen",
            "På valg:",
            "- Ida Skov",
            "- Lars Hede",
            "Begge genopstiller – og blev genvalgt",
            "Ikke på valg:",
            "- Mona Friis",
            "- Kaj Bro",
            "Valgt som suppleanter er:",
            "- Eva Dahl nr. 8",
            "- Suppleanten blev genvalgt.",
            "## 7. Eventuelt",
            "Intet.",
        ],
    )
    assert texts(rec.decisions) == [
        "Regnskabet blev godkendt.",
        "På valg:\nIda Skov\nLars Hede\nBegge genopstiller – og blev genvalgt",
        "Valgt som suppleanter er:\nEva Dahl nr. 8\nSuppleanten blev genvalgt.",
    ]


def test_role_led_lines_under_an_election_label(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "## 6. Beretning",
            "Beretningen blev godkendt.",
            "## 7. Valg til bestyrelsen",
            "Genvalg til:",
            "formand Ole Brandt - for 1 år",
            "kasserer Signe Holm",
            "Ledige poster:",
            "Medlem af festudvalget",
            "## 8. Eventuelt",
        ],
    )
    assert texts(rec.decisions) == [
        "Beretningen blev godkendt.",
        "Genvalg til:\nformand Ole Brandt - for 1 år\nkasserer Signe Holm",
    ]


def test_election_lines_after_an_outcome_join_it(nlp):
    """'Bestyrelsen modtog genvalg.' then one line per member: one decision."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 4. Valg af bestyrelse",
            "Bestyrelsen modtog genvalg.",
            "Ole Brandt, Formand valgt 2022",
            "Signe Holm, Kasserer valgt 2022",
            "Per Vinther valgt 2022",
        ],
    )
    assert texts(rec.decisions) == [
        "Bestyrelsen modtog genvalg.\nOle Brandt, Formand valgt 2022\nSigne Holm, Kasserer valgt 2022"
        "\nPer Vinther valgt 2022"
    ]


def test_outcome_in_the_title_of_an_item_without_text(nlp):
    rec = record(
        nlp,
        [
            "Dagsorden",
            "1. Valg af dirigent: Rasmus",
            "2. Valg af referent: Lene",
            "3. Valg af stemmetællere: ingen",
            "4. Beretning",
            "Beretningen blev godkendt.",
            "5. Valg af revisor. Lise Bang, Kirkevej 4",
        ],
    )
    assert texts(rec.decisions) == [
        "Valg af dirigent: Rasmus",
        "Valg af referent: Lene",
        "Beretningen blev godkendt.",
        "Valg af revisor. Lise Bang, Kirkevej 4",
    ]


def test_title_with_a_report_after_the_colon_is_no_outcome(nlp):
    rec = record(
        nlp,
        ROSTER + ["7. Valg til bestyrelsen: Dirigenten efterlyste kandidater til de to poster, men ingen meldte sig."],
    )
    assert rec.decisions == []


def test_election_label_line_keeps_only_its_outcome_sentence(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "1. Formalia",
            "Valg af dirigent: Ole Brandt vælges. Generalforsamlingen er indkaldt i rette tid og er lovlig.",
        ],
    )
    assert texts(rec.decisions) == ["Valg af dirigent: Ole Brandt vælges."]


def test_following_was_adopted_takes_its_numbered_lines(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "## 4. Budget",
            "Budgettet blev godkendt.",
            "## 5. Indkomne forslag",
            "Følgende blev vedtaget:",
            "1. prioritet ”Beskæring af hækken mod stien” med 9 stemmer",
            "2. prioritet ”Nye fliser ved legepladsen” med 5 stemmer (de gamle fliser er meget skæve)",
            "Øvrige småting som bliver gennemført:",
            "- Ny skraldespand ved nr. 12",
            "## 6. Eventuelt",
        ],
    )
    assert texts(rec.decisions) == [
        "Budgettet blev godkendt.",
        "Følgende blev vedtaget:\n1. prioritet ”Beskæring af hækken mod stien” med 9 stemmer"
        "\n2. prioritet ”Nye fliser ved legepladsen” med 5 stemmer (de gamle fliser er meget skæve)",
        "Øvrige småting som bliver gennemført:\nNy skraldespand ved nr. 12",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Vi blev enige om at bruge et fælles kanban-board.",
        "Derefter blev vi enige om, hvem der skriver rapporten.",
        "Vi startede med at blive enige om en samarbejdsaftale.",
        "Det konkluderes at den lille motor er for svag.",
        "Det er konkluderet at sensoren skal flyttes.",
        "Næste møde aftales til den 4. juni.",
        "Sagen blev sendt retur til udvalget.",
        "Punktet tages med retur til hovedbestyrelsen.",
    ],
)
def test_more_decision_idioms(nlp, sentence):
    rec = record(nlp, ROSTER + ["1. Sagen", sentence])
    assert texts(rec.decisions) == [sentence]


@pytest.mark.parametrize(
    "lines",
    [
        ["Beslutning:", "1. - 2."],  # numbering left of a split line, no words
        ["Beslutning:", "Formanden orienterede om en henvendelse fra en borger."],  # information given
    ],
)
def test_not_decisions_under_a_decision_label(nlp, lines):
    assert record(nlp, ROSTER + ["1. Sagen"] + lines).decisions == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Lad os blive enige om en løsning nu, så justerer vi den senere.",  # a proposal to agree
        "Medlemmerne skal blive enige om, hvad et godt samarbejde er.",  # still to agree
    ],
)
def test_agreeing_still_to_come_is_no_decision(nlp, sentence):
    assert record(nlp, ROSTER + ["1. Sagen", sentence]).decisions == []


def test_a_bare_outcome_after_a_long_report_stands_alone(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "1. Regnskab",
            "Der blev spurgt til, om regnskabet kan ses af medlemmerne før generalforsamlingen, og der blev "
            "foreslået at sende det ud sammen med indkaldelsen. Dette tages med retur til hovedbestyrelsen.",
        ],
    )
    assert texts(rec.decisions) == ["Dette tages med retur til hovedbestyrelsen."]


def test_an_election_title_ending_in_a_colon_is_no_outcome(nlp):
    rec = record(nlp, ROSTER + ["5. Valg til hovedbestyrelsen jf. § 4 – i år:", "Ole Brandt blev genvalgt."])
    assert texts(rec.decisions) == ["Ole Brandt blev genvalgt."]
