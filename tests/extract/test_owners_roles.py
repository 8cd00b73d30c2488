"""Action owners of real minutes (synthetic cases, invented names and wording).

Each test is one class: a role word as the owner ("Formanden udarbejder ...") is the
member who holds that role at this meeting, from the participant list ("Gorm Lindved
(formand)"), a role line ("Kirkeværge: Asta Brink") or a role before a name ("oldermand
Palle Juhl"), and stays the role word when no one holds it; first names of the roster
coordinated under a task label; initials of a listed person; a working group whose
members are named in the same sentence; a subject with a phrase after it; an inverted
subject after a fronted clause.
"""

from __future__ import annotations

from helpers.records import extract_lines as _run


def _owners(rec: dict, text: str) -> list[str]:
    hits = [a for a in rec["actions"] if text in a["text"]]
    assert hits, f"{text!r} not in {[a['text'] for a in rec['actions']]}"
    return hits[0]["owners"]


def test_role_word_is_the_member_holding_the_role(nlp):
    rec = _run(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2025",
            "Til stede: Gorm Lindved (formand), Asta Brink, Palle Juhl, Rikke Holm",
            ("h", "1. Valg"),
            "Genvalg til:",
            "oldermand Palle Juhl -for 1 år",
            "Kirkeværge: Asta Brink.",
            ("h", "2. Parkering"),
            "Oldermanden vil skrive igen til den, der ejer campingvognen.",
            "Kirkeværgen ser på det.",
            "Formanden udarbejder et oplæg til næste møde.",
        ],
    )
    assert _owners(rec, "Oldermanden vil") == ["Palle Juhl"]
    assert _owners(rec, "Kirkeværgen ser") == ["Asta Brink"]
    assert _owners(rec, "Formanden udarbejder") == ["Gorm Lindved"]


def test_role_word_without_a_holder_stays_the_role(nlp):
    rec = _run(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2025",
            "Til stede: Gorm Lindved, Asta Brink",
            ("h", "1. Regnskab"),
            "Kassereren sender rykkere ud inden 1. april.",
            "Vejchefen indkalder lodsejerne til et møde i uge 6.",
        ],
    )
    assert _owners(rec, "Kassereren sender") == ["kassereren"]
    assert _owners(rec, "Vejchefen indkalder") == ["vejchefen"]


def test_role_before_a_name_in_the_participant_list(nlp):
    rec = _run(
        nlp,
        [
            "Referat af udvalgsmøde 3. marts 2025",
            "Fra administrationen: vejchef Hilde Brask (pkt. 3-5), konsulent Ivar Moos",
            ("h", "1. Veje"),
            "Vejchefen indkalder lodsejerne til et møde i uge 6.",
        ],
    )
    assert _owners(rec, "Vejchefen indkalder") == ["Hilde Brask"]


def test_two_holders_of_a_role_keep_the_role_word(nlp):
    rec = _run(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2025",
            "Til stede: Gorm Lindved (kasserer), Asta Brink (kasserer)",
            ("h", "1. Regnskab"),
            "Kassereren sender rykkere ud.",
        ],
    )
    assert _owners(rec, "Kassereren sender") == ["kassereren"]


def test_coordinated_first_names_under_a_task_label(nlp):
    rec = _run(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2025",
            "Til stede: Birgit Mose (formand), Nikolaj Ottesen, Yrsa Bergholt",
            ("h", "1. Loppemarkedet"),
            "Opgave: Nikolaj og Yrsa bemander boden på loppemarkedet.",
        ],
    )
    assert _owners(rec, "bemander boden") == ["Nikolaj Ottesen", "Yrsa Bergholt"]


def _council(nlp, *lines: str) -> dict:
    return _run(
        nlp,
        [
            "Referat af rådsmøde 3. marts 2025",
            "Til stede: Ida Krogh, Sune Birk, Jonna Holm, Torben Aal, Kasper Vind, Peter Vangsø",
            ("h", "1. Sommerfest"),
            *lines,
        ],
    )


def test_members_named_before_a_relative_clause_own_its_task(nlp):
    rec = _council(
        nlp,
        "Der nedsættes et festudvalg bestående af Ida Krogh, Sune Birk og Jonna Holm, som fremlægger "
        "program og budget på mødet den 21. maj.",
        "Udvalget for brønden består af Torben Aal og Kasper Vind, som fortsætter arbejdet og fremlægger "
        "en plan ultimo maj.",
    )
    assert _owners(rec, "festudvalg") == ["Ida Krogh", "Sune Birk", "Jonna Holm"]
    assert _owners(rec, "brønden") == ["Torben Aal", "Kasper Vind"]


def test_group_members_in_the_next_sentence(nlp):
    rec = _council(
        nlp, "Kirkegårdsudvalget indhenter priser fra to stenhuggere. Udvalget består af Ida Krogh og Peter Vangsø."
    )
    assert _owners(rec, "Kirkegårdsudvalget indhenter") == ["Ida Krogh", "Peter Vangsø"]


def test_presenting_is_a_task_only_with_a_time_after_the_meeting(nlp):
    rec = _council(
        nlp,
        "Der afholdes borgermøde tirsdag den 17. februar 2026 kl. 19.00, hvor Peter Vangsø præsenterer forslaget.",
        "Forvaltningen fremlægger en status i november.",
        "Kassereren fremlægger årets regnskab.",
    )
    assert _owners(rec, "hvor Peter Vangsø") == ["Peter Vangsø"]
    assert _owners(rec, "Forvaltningen fremlægger") == ["forvaltningen"]
    assert not [a for a in rec["actions"] if "årets regnskab" in a["text"]]


def test_subject_with_a_phrase_after_it_and_inverted_subject(nlp):
    rec = _council(
        nlp,
        "Det blev aftalt, at Kasper i nr. 46 snakker med bestyrelsen om pælen.",
        "Bestyrelsen tiltrådte, at Torben Aal fra administrationen sender påkrav til restanten.",
        "Da projektet kræver provstiets godkendelse, sender Peter Vangsø ansøgningen inden udgangen af marts.",
        "Hvis projektet bliver godkendt af provstiet, sender Sune Birk ansøgningen.",
    )
    assert _owners(rec, "Kasper i nr. 46") == ["Kasper Vind"]
    assert _owners(rec, "Torben Aal fra") == ["Torben Aal"]
    assert _owners(rec, "Da projektet") == ["Peter Vangsø"]
    assert all(a["owners"] != ["Sune Birk"] for a in rec["actions"])


def test_promised_and_offered_tasks(nlp):
    rec = _council(
        nlp,
        "Kasper har tilbudt at stå for madlavningen i februar.",
        "Bestyrelsen lovede at undersøge prisen på nye lamper.",
        "Sune aftaler afhentning med værftet.",
    )
    assert _owners(rec, "tilbudt") == ["Kasper Vind"]
    assert _owners(rec, "lovede") == ["bestyrelsen"]
    assert _owners(rec, "aftaler afhentning") == ["Sune Birk"]


def test_initials_in_a_participant_line_are_no_task(nlp):
    rec = _run(
        nlp,
        [
            "Referat af FU-møde 3. marts 2025",
            ("h", "Deltagere"),
            ("li", "Lis Krag, formand (LK)"),
            ("li", "Mogens Abild, kasserer (MA)"),
            ("h", "1. Julefrokost"),
            "Julefrokosten planlægges (Lis Krag).",
        ],
    )
    assert not [a for a in rec["actions"] if "(LK)" in a["text"] or "(MA)" in a["text"]]
    assert _owners(rec, "Julefrokosten") == ["Lis Krag"]


def test_initials_in_an_owner_cell_are_the_listed_people():
    from pipeline.extract.people import Roster
    from pipeline.extract.tables import _cell_owners

    roster = Roster(names=["Jens Toft", "Mona Abild", "Lis Krag"])
    assert _cell_owners("JT og MA", roster) == ["Jens Toft", "Mona Abild"]
    assert _cell_owners("Lis", roster) == ["Lis Krag"]
    assert _cell_owners("Ekstern rådgiver", roster) == ["Ekstern rådgiver"]


def test_initials_and_a_dash_lead_a_task_line(nlp):
    rec = _run(
        nlp,
        [
            "Referat af AMU-møde 3. marts 2025",
            ("h", "Deltagere"),
            ("li", "Karin Vestergaard – formand"),
            ("li", "Carl Bøgh – sikkerhedsrepræsentant"),
            ("li", "Petra Lund"),
            ("h", "1. Støj"),
            ("li", "KV og CB – udarbejde en plan for faste pausetider (frist: 15. august)"),
            ("li", "Petra – bestille ny støjmåling"),
        ],
    )
    assert _owners(rec, "KV og CB") == ["Karin Vestergaard", "Carl Bøgh"]
    assert _owners(rec, "Petra – bestille") == ["Petra Lund"]
    assert not [a for a in rec["actions"] if "formand" in a["text"]]
