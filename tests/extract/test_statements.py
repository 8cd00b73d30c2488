"""Decisions, actions and owners on small Danish cases from many kinds of minutes."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.extract import extract_record
from pipeline.types import RawBlock, SourceDocument


def record(nlp, lines, title="Referat af bestyrelsesmøde 3. marts 2023"):
    raw = [RawBlock(kind="title", text=title)]
    for line in lines:
        kind = "list_item" if line.startswith("- ") else "paragraph"
        raw.append(RawBlock(kind=kind, text=line[2:] if kind == "list_item" else line, level=1))
    doc = SourceDocument.from_blocks(raw, doc_id="t", path="t.txt", name="t.txt", format="txt", reader="t")
    return extract_record(doc, nlp)


ROSTER = ["Til stede: Leif Hansen, Mette Lund, Brian Olsen, Stine Holm", "Afbud: Jonas Berg (syg)"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Bestyrelsen besluttede at male opgangene.",
        "Forslaget blev vedtaget.",
        "Budgettet godkendes.",
        "Der var enighed om at udskyde sagen.",
        "Det blev aftalt at holde sommerfest.",
        "Bestyrelsen ønsker en ny aftale med viceværten.",
        "Sagen udsættes til næste møde.",
        "Punktet sættes på næste møde.",
        "Regnskabet blev taget til efterretning.",
        "Leif Hansen blev valgt som kasserer.",
    ],
)
def test_decision_cues(nlp, sentence):
    rec = record(nlp, ROSTER + ["1. Sagen", sentence])
    assert [d.text for d in rec.decisions] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Formanden orienterede om status på byggesagen.",
        "Bestyrelsen drøftede emnet.",
        "Som aftalt på sidste møde gennemgik kassereren regnskabet.",
        "Mette Lund ønsker at træde ud af festudvalget.",
        "Det er ikke besluttet endnu.",
    ],
)
def test_not_decisions(nlp, sentence):
    rec = record(nlp, ROSTER + ["1. Sagen", sentence])
    assert rec.decisions == []


@pytest.mark.parametrize(
    "sentence,owners",
    [
        ("Leif undersøger priser på nye vinduer.", ["Leif Hansen"]),
        ("Vi skal have nye tilbud på tagrenoveringen (Leif undersøger).", ["Leif Hansen"]),
        ("Sekretariatet sender referatet ud.", ["sekretariatet"]),
        ("Mette Lund og Brian tager kontakt til kommunen.", ["Mette Lund", "Brian Olsen"]),
        ("Stine er tovholder på sommerfesten.", ["Stine Holm"]),
        ("Formanden skal indkalde til ekstraordinær generalforsamling.", ["formanden"]),
        ("Det er aftalt, at Brian vender tilbage med et tilbud.", ["Brian Olsen"]),
    ],
)
def test_action_owners(nlp, sentence, owners):
    rec = record(nlp, ROSTER + ["1. Sagen", sentence])
    assert len(rec.actions) == 1
    assert rec.actions[0].owners == owners


def test_reported_speech_is_not_an_action(nlp):
    rec = record(
        nlp,
        ROSTER
        + ["1. Sagen", "Leif Hansen har undersøgt priserne.", "Processen har været, at formanden kontakter kommunen."],
    )
    assert rec.actions == []


def test_labels_owner_lines_and_todo_lists(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "1. Vedligehold",
            "Beslutning: Opgangene males i foråret.",
            "Aktion: Brian indhenter tilbud.",
            "Ansvarlig: Leif Hansen",
            "2. Opgaver",
            "Mette:",
            "- skriver til kommunen",
            "- booker fælleshuset",
            "Stine Holm: laver opslag om sommerfesten",
        ],
    )
    assert [d.text for d in rec.decisions] == ["Opgangene males i foråret."]
    owners = {a.text: a.owners for a in rec.actions}
    assert owners["Brian indhenter tilbud."] == ["Brian Olsen"]
    assert owners["skriver til kommunen"] == ["Mette Lund"]
    assert owners["booker fælleshuset"] == ["Mette Lund"]
    assert owners["laver opslag om sommerfesten"] == ["Stine Holm"]


def test_working_group_resolves_to_members(nlp):
    rec = record(
        nlp, ROSTER + ["1. Sommerfest", "Arbejdsgruppen mødes snarest. Deltagere er Mette Lund og Stine Holm."]
    )
    assert rec.actions[0].owners == ["Mette Lund", "Stine Holm"]


def test_vote_tally_kept_on_decision(nlp):
    rec = record(nlp, ROSTER + ["1. Vedtægter", "Forslaget blev vedtaget med 6 for, 3 imod, 1 undlod at stemme."])
    votes = rec.decisions[0].votes
    assert (votes.for_, votes.against, votes.abstain) == (6, 3, 1)


def test_deadlines_are_due_dates(nlp):
    rec = record(
        nlp, ROSTER + ["1. Vinduer", "Leif undersøger priser inden uge 47.", "Brian sender tilbud senest 1. april."]
    )
    dues = [(a.due.start, a.due.end) for a in rec.actions]
    assert dues[0] == (date(2023, 11, 20), date(2023, 11, 26))
    assert dues[1][0] == date(2023, 4, 1)


def test_participants_reasons_and_roles(nlp):
    rec = record(
        nlp,
        [
            "Til stede: Leif Hansen (formand), Mette Lund, Stine Holm",
            "Fraværende: Jonas Berg (ferie)",
            "Referent: Stine Holm",
            "Ordstyrer: Brian Olsen",
            "1. Velkomst",
            "Intet.",
        ],
    )
    # GUIDE.md: the minute-taker is an attendee when the document lists them as present;
    # the one who chairs the meeting ("Ordstyrer:", "Mødeleder:") beside a list of attendees attended it
    assert [p.name for p in rec.attendees] == ["Leif Hansen", "Mette Lund", "Stine Holm", "Brian Olsen"]
    assert [p.role for p in rec.attendees] == ["formand", None, "referent", None]  # the role is in rec.roles
    assert [(p.name, p.reason) for p in rec.absentees] == [("Jonas Berg", "ferie")]
    roles = {(r.name, r.role) for r in rec.roles}
    assert {("Leif Hansen", "formand"), ("Stine Holm", "referent"), ("Brian Olsen", "ordstyrer")} <= roles


def test_meeting_metadata_from_title_and_fields(nlp):
    rec = record(
        nlp,
        ["Dato: 12.10.2023", "Sted: Fælleshuset", "1. Velkomst", "Intet."],
        title="Dagsorden for afdelingsbestyrelsesmøde",
    )
    m = rec.meeting
    assert m.date == date(2023, 10, 12) and m.mode == "physical" and m.kind == "agenda"
    assert m.body == "Afdelingsbestyrelsen" and m.location == "Fælleshuset"
    assert record(nlp, ["1. Velkomst", "Godkendt."]).meeting.date == date(2023, 3, 3)


def test_every_record_points_at_its_source(nlp):
    rec = record(nlp, ROSTER + ["1. Sagen", "Bestyrelsen besluttede at male opgangene.", "Leif undersøger priser."])
    doc_text = "\n".join(
        ["Referat af bestyrelsesmøde 3. marts 2023"]
        + ROSTER
        + ["1. Sagen", "Bestyrelsen besluttede at male opgangene.", "Leif undersøger priser."]
    )
    for r in rec.decisions + rec.actions:
        assert doc_text[r.provenance.start : r.provenance.end] == r.text
    for p in rec.attendees + rec.absentees:
        assert doc_text[p.provenance.start : p.provenance.end] == p.name


def test_municipal_layout_labels(nlp):
    rec = record(
        nlp,
        [
            "Fraværende: Jonas Berg (afbud)",
            "1. Budgetopfølgning",
            "Sagsfremstilling",
            "Forvaltningen har udarbejdet en budgetopfølgning.",
            "Indstilling",
            "Forvaltningen indstiller, at budgetopfølgningen godkendes.",
            "Beslutning i Teknik- og Miljøudvalget den 12-10-2023",
            "Indstillingen blev godkendt.",
        ],
    )
    assert [d.text for d in rec.decisions] == ["Indstillingen blev godkendt."]
    assert [(p.name, p.reason) for p in rec.absentees] == [("Jonas Berg", "afbud")]


def test_action_table(nlp):
    raw = [
        RawBlock(kind="title", text="Referat af bestyrelsesmøde 3. marts 2023"),
        RawBlock(kind="paragraph", text="Til stede: Leif Hansen, Mette Lund"),
        RawBlock(kind="paragraph", text="1. Opfølgning"),
    ]
    rows = [
        ["Opgave", "Ansvarlig", "Frist"],
        ["Indhente tilbud på maling", "Leif", "senest 1. april"],
        ["Booke fælleshuset", "Mette Lund", "uge 12"],
    ]
    raw += [RawBlock(kind="table_row", text="\t".join(r), cells=r) for r in rows]
    doc = SourceDocument.from_blocks(raw, doc_id="t", path="t", name="t", format="docx", reader="t")
    rec = extract_record(doc, nlp)
    got = [(a.text, a.owners, a.due.start if a.due else None) for a in rec.actions]
    assert got == [
        ("Indhente tilbud på maling", ["Leif Hansen"], date(2023, 4, 1)),
        ("Booke fælleshuset", ["Mette Lund"], date(2023, 3, 20)),
    ]


def test_agenda_only_document(nlp):
    rec = record(
        nlp,
        [
            "Dato: 12.10.2023",
            "Punkt 1: Godkendelse af dagsorden",
            "Punkt 2: Budget 2024 ved Brian Olsen",
            "a) Driftsbudget",
            "b) Henlæggelser",
            "Punkt 3: Eventuelt",
        ],
        title="Dagsorden til afdelingsbestyrelsesmøde",
    )
    assert rec.meeting.kind == "agenda"
    assert rec.decisions == [] and rec.actions == []
    assert [(a.number, a.owner) for a in rec.agenda_items] == [
        ("1", None),
        ("2", "Brian Olsen"),
        ("2a", None),
        ("2b", None),
        ("3", None),
    ]  # GUIDE: sub-items count


def test_sub_items_stay_inside_their_item(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "A. Valg af dirigent",
            "Bo Ek blev valgt.",
            "B. Beretning",
            "i. Formandens beretning",
            "ii. Kassererens beretning",
            "Beretningen blev godkendt.",
            "C. Eventuelt",
        ],
    )
    assert [a.number for a in rec.agenda_items] == ["A", "B", "C"]
    assert [(d.item, d.text) for d in rec.decisions] == [
        ("A", "Bo Ek blev valgt."),
        ("B", "Beretningen blev godkendt."),
    ]


def test_several_task_clauses_and_owners_in_a_closing_parenthesis(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "1. Afdelingsmøde",
            "Leif udarbejder forslag til dagsorden, og Mette sørger for kaffe og kage.",
            "Husordenen opdateres, så der er ro efter kl. 24 (Brian og Stine).",
        ],
    )
    assert [a.owners for a in rec.actions] == [["Leif Hansen", "Mette Lund"], ["Brian Olsen", "Stine Holm"]]


@pytest.mark.parametrize(
    "line,org",
    [
        ("Boligforeningen Lærkehaven – Afdeling 4 (Solsikkevej)", "Boligforeningen Lærkehaven"),
        ("Elevrådet på Nørre Gymnasium", "Nørre Gymnasium"),
        ("Skovby IF – generalforsamling", "Skovby IF"),
    ],
)
def test_organisation_from_a_header_line(nlp, line, org):
    rec = record(nlp, [line, "1. Velkomst", "Godkendt."])
    assert rec.meeting.organization == org


def test_attendance_told_in_sentences(nlp):
    rec = record(
        nlp,
        [
            "Til stede var Bodil Marstrand (formand), Jens-Ole Kirkebæk (kasserer) og Amira Sørensen, "
            "mens Tanja Vrist deltog online. Karen-Margrethe Dalsgaard havde meldt afbud. "
            "Fra sekretariatet deltog Ulla Rosenkilde, som også tog referat.",
            "Mødet blev holdt i Kulturhuset Fyrtårnet.",
            "1. Velkomst",
            "Intet.",
        ],
    )
    assert [p.name for p in rec.attendees] == [
        "Bodil Marstrand",
        "Jens-Ole Kirkebæk",
        "Amira Sørensen",
        "Tanja Vrist",
        "Ulla Rosenkilde",
    ]
    assert [p.role for p in rec.attendees][:2] == ["formand", "kasserer"]
    assert [p.name for p in rec.absentees] == ["Karen-Margrethe Dalsgaard"]


def test_titles_before_names_are_not_part_of_the_name(nlp):
    rec = record(
        nlp,
        [
            "Deltagere: Gitte Boeskov (Ø), stedfortræder for Jeppe Lundsgaard",
            "Fraværende: Jeppe Lundsgaard (sygdom)",
            "Desuden deltog: Driftsleder Jens Ulrik Thygesen og teknisk direktør Allan Vesterdal",
            "1. Vaskeri",
            "Jens Ulrik undersøger priser på en app-løsning.",
        ],
    )
    assert [p.name for p in rec.attendees] == ["Gitte Boeskov", "Jens Ulrik Thygesen", "Allan Vesterdal"]
    assert [p.name for p in rec.absentees] == ["Jeppe Lundsgaard"]
    assert rec.actions[0].owners == ["Jens Ulrik Thygesen"]


def test_vote_told_as_a_sentence_is_one_decision_with_its_outcome(nlp):
    rec = record(
        nlp,
        ROSTER
        + [
            "1. Entré",
            "Der blev stemt om at hæve entréen til 100 kr.: 7 for, 2 imod, 1 undlod sig. Forslaget er dermed vedtaget.",
        ],
    )
    (d,) = rec.decisions
    assert d.text.endswith("Forslaget er dermed vedtaget.") and d.text.startswith("Der blev stemt")
    assert (d.votes.for_, d.votes.against, d.votes.abstain) == (7, 2, 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "Punktet sættes på første møde efter sommerferien.",
        "Emnet sættes på dagsordenen igen på mødet den 25. marts.",
        "Bestyrelsen er imod en kortere åbningstid.",
        "Bestyrelsen indstiller Lotte som ny formand.",
    ],
)
def test_more_decision_cues(nlp, sentence):
    rec = record(nlp, ROSTER + ["1. Sag", sentence])
    assert [d.text for d in rec.decisions] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Flere gav udtryk for, at kontingentet bør fastholdes.",
        "Formanden orienterede om, at budgettet er godkendt af kommunen.",
        "Der skal findes en ny næstformand, hvis Lotte bliver valgt.",
        "Kontingentet kan fastholdes, hvis regnskabet holder.",
    ],
)
def test_reported_or_conditional_outcomes_are_not_decisions(nlp, sentence):
    rec = record(nlp, ROSTER + ["1. Sag", sentence])
    assert rec.decisions == []


def test_working_group_members_named_in_parentheses_earlier(nlp):
    rec = record(
        nlp,
        [
            "Til stede: Villads Kofoed, Ea Hvidtfeldt, Tobias Fenger, Mads Thyregod",
            "1. Forårsfest",
            "Festudvalget (Villads, Ea og Tobias) fremlagde budgettet.",
            "Festudvalget laver plakater senest uge 13.",
        ],
    )
    (a,) = rec.actions
    assert a.owners == ["Villads Kofoed", "Ea Hvidtfeldt", "Tobias Fenger"]


def test_give_notice_is_a_task(nlp):
    rec = record(nlp, ROSTER + ["1. Lys", "Torben Lykke giver ejendomskontoret besked."])
    assert [a.owners for a in rec.actions] == [["Torben Lykke"]]


def test_events_inside_a_long_period_are_kept_and_as_of_dates_are_not_events(nlp):
    """A six-week hearing is a period, not a happening (the real minutes' annotators
    leave such periods out); the public meeting inside it is an event."""
    rec = record(
        nlp,
        ROSTER
        + [
            "1. Trafikplan",
            "Udkastet sendes i offentlig høring fra 23. september til 4. november 2023. "
            "Der afholdes borgermøde om planen den 2. oktober 2023 på biblioteket.",
            "2. Regnskab",
            "Leif gennemgik regnskabsudtrækket pr. 31.12.2022.",
            "3. Kvalitetsmesse",
            "Messen holdes 7.-9. marts; vi deltager 8. marts.",
        ],
    )
    dates = [(e.date, e.end) for e in rec.events]
    assert (date(2023, 9, 23), date(2023, 11, 4)) not in dates
    assert (date(2023, 10, 2), None) in dates
    assert all(e.date != date(2022, 12, 31) for e in rec.events)
    assert [d for d in dates if d[0].month == 3] == [(date(2023, 3, 7), date(2023, 3, 9))]
