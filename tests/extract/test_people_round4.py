"""Participants and owners, fourth round (blind set 6 classes). Every text here is invented.

- a title phrase "Direktør for <area> og <area>" before a name in a guest line;
- the municipal members layout: a bare "Medlemmer" label, one member a line, then
  "Fraværende: ..." (members minus the absent were present);
- header lines of a staff label ("Administration: kundechef X", "Fra org.best.: Y") and
  of a role field ("Mødeleder: Borgmester X (A)") are attendees;
- a line under "Afbud:" that tells its own attendance ("..., deltog under pkt. 1-3.")
  is prose, not one more apology;
- owners given by a first name or an abbreviated surname ("Lone W.") resolve to the
  one full name the document gives.
"""

from __future__ import annotations

from helpers.records import extract_lines as _run
from pipeline.extract.names import split_names
from pipeline.extract.roster import Roster


def _names(rec: dict, key: str) -> list[str]:
    return sorted(rec[key])


def test_a_title_phrase_with_two_areas_before_a_name_is_no_part_of_it():
    found = [nm.name for nm in split_names("Direktør for Kultur og Fritid Asbjørn Kiel, udvalgssekretær Dorte Fynbo")]
    assert found == ["Asbjørn Kiel", "Dorte Fynbo"]


def test_a_guest_line_with_a_title_phrase_gives_the_names(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Referat af Kulturudvalgets møde 3. februar 2026"),
            "Til stede: Rikke Bonde (A), Palle Ris (V)",
            "Desuden deltog: Direktør for Kultur og Fritid Asbjørn Kiel, udvalgssekretær Dorte Fynbo",
            ("h", "1. Godkendelse af dagsorden"),
            "Godkendt.",
        ],
    )
    assert _names(rec, "attendees") == ["Asbjørn Kiel", "Dorte Fynbo", "Palle Ris", "Rikke Bonde"]


def test_a_bare_members_label_over_name_lines_minus_the_absent(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Referat af Miljøudvalgets møde 3. februar 2026"),
            "Medlemmer",
            "Rikke Bonde (A), formand",
            "Palle Ris (V), næstformand",
            "Sune Aagaard (C)",
            "Fraværende",
            "Palle Ris (V)",
            ("h", "1. Godkendelse af dagsorden"),
            "Godkendt.",
        ],
    )
    assert _names(rec, "attendees") == ["Rikke Bonde", "Sune Aagaard"]
    assert _names(rec, "absentees") == ["Palle Ris"]


def test_staff_labels_and_a_meeting_chair_in_the_header_are_attendees(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Referat af afdelingsmøde 9. september 2025"),
            "Afdelingsbestyrelsen: Ulrik Brandt (formand), Gry Maltesen",
            "Afbud: Tove Ravn",
            "Administration: kundechef Bo Sejer",
            "Fra org.best.: Jens Peter Lind",
            "Mødeleder: Borgmester Inger Vedel (A)",
            ("h", "1. Valg af dirigent"),
            "Jens Peter Lind blev valgt.",
        ],
    )
    assert _names(rec, "attendees") == ["Bo Sejer", "Gry Maltesen", "Inger Vedel", "Jens Peter Lind", "Ulrik Brandt"]
    assert _names(rec, "absentees") == ["Tove Ravn"]


def test_a_line_under_the_apologies_telling_its_own_attendance_is_present(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Bestyrelsesmøde 8. januar 2026"),
            "Til stede: Lis Ærbo (formand), Tage Holt",
            "Afbud: Karl Mose",
            "Administrator Vera Lindhardt, Husadministration A/S, deltog under pkt. 1-3.",
            ("h", "1. Godkendelse af referat"),
            "Godkendt.",
        ],
    )
    assert _names(rec, "attendees") == ["Lis Ærbo", "Tage Holt", "Vera Lindhardt"]
    assert _names(rec, "absentees") == ["Karl Mose"]


def test_an_abbreviated_surname_resolves_to_the_one_roster_match():
    r = Roster(["Vera Lindhardt", "Tage Holt", "Vera Ask"])
    assert r.resolve("Vera L.") == "Vera Lindhardt"
    assert r.resolve("Vera Li.") == "Vera Lindhardt"
    assert r.resolve("Tage H") == "Tage Holt"
    assert r.resolve("Vera") is None  # two Veras
    assert r.resolve("Tage J.") is None


def test_a_first_name_owner_resolves_to_a_full_name_written_elsewhere(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Referat af generalforsamling 24. februar 2026"),
            "Til stede: Lise Borup (formand), Mads Vang (kasserer)",
            ("h", "1. Valg til bestyrelsen"),
            "Valgt for 2 år: Lise Borup (genvalg) og Hedda Kroll (ny).",
            ("h", "2. Eventuelt"),
            "Hedda og Mads er tovholdere på sommerskolen i uge 27.",
        ],
    )
    owners = sorted(o for a in rec["actions"] for o in a["owners"])
    assert owners == ["Hedda Kroll", "Mads Vang"]


def test_a_table_header_row_under_a_participant_line_is_no_name():
    from pipeline.extract.names import _mostly_names

    assert split_names("Punkt\tReferat", in_list=True) == []
    assert not _mostly_names("Punkt\tReferat")
    assert [nm.name for nm in split_names("Jens Hansen\tformand")] == ["Jens Hansen"]


def test_a_coordinated_compound_group_is_one_owner(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Referat af cirkelmøde 3. marts 2026"),
            "Til stede: Ida Holm, Bent Sax",
            ("h", "1. Boliger"),
            "Leje- og fraflytningscirklen undersøger reglerne inden næste møde.",
        ],
    )
    assert [a["owners"] for a in rec["actions"]] == [["leje- og fraflytningscirklen"]]


def test_an_agenda_lists_its_members_without_their_attendance(nlp):
    rec = _run(
        nlp,
        [
            "Åben dagsorden",
            ("h", "Kulturudvalget"),
            "Mødedato: tirsdag den 8. april 2025",
            "Medlemmer",
            ("li", "Rikke Bonde (A), formand"),
            ("li", "Sune Aagaard (C)"),
            "Afbud",
            ("li", "Sune Aagaard (C)"),
            "Ordstyrer: Rikke Bonde",
            ("h", "1. Godkendelse af dagsorden"),
        ],
    )
    assert rec["attendees"] == []
    assert rec["absentees"] == ["Sune Aagaard"]


def test_an_agenda_that_records_attendance_gives_the_members_present(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Dagsorden"),
            "Medlemmer",
            "Rikke Bonde (A), formand",
            "Sune Aagaard (C)",
            "Fraværende: Sune Aagaard (C)",
            "Desuden deltog: udvalgssekretær Dorte Fynbo",
            ("h", "1. Godkendelse af dagsorden"),
            "Godkendt.",
        ],
    )
    assert _names(rec, "attendees") == ["Dorte Fynbo", "Rikke Bonde"]


def test_a_list_line_telling_its_own_attendance_does_not_end_the_list(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Referat – Ældrerådet 6. maj 2025"),
            ("h", "Deltagere", 2),
            ("li", "Birte Kjær, formand"),
            ("li", "Anton Bro (Ældresagen) – deltog via Teams"),
            ("li", "Gunhild Ravn (byrådsmedlem)"),
            ("li", "Poul Eske, sekretær for rådet (referent)"),
            ("h", "1. Godkendelse af dagsorden"),
            "Godkendt.",
        ],
    )
    assert _names(rec, "attendees") == ["Anton Bro", "Birte Kjær", "Gunhild Ravn", "Poul Eske"]


def test_initials_in_a_participant_list_resolve_to_the_names_the_document_gives(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Mødelog – projektgruppe 4"),
            "Gruppen: Ida Fogh Holm (IFH), Bo Lund (BL), Ørn Åkesson (ØÅ)",
            ("h", "Møde 12. marts 2026", 2),
            "Til stede: IFH, BL + ØÅ",
            "Afbud: KX",
            ("h", "1. Status"),
            "BL laver udkast til slides.",
        ],
    )
    assert _names(rec, "attendees") == ["Bo Lund", "Ida Fogh Holm", "Ørn Åkesson"]
    assert rec["absentees"] == []  # initials no one has are dropped
