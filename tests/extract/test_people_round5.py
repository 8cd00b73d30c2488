"""Participants and owners, fifth round (blind set 7 classes). Every text here is invented.

- first names in the participant list resolve to the full names of a signature block at
  the end, where several full names stand on one line ("Knud Lerche Eva Sand Bo Kirk");
- representative-group labels in a label/value table ("Forældrerepræsentanter | ..."),
  "Fra ledelsen | ...", and a "Referent | Dorthe" row after "Afbud | ..." that is no apology;
- an attendance table with emoji marks (":heavy_check_mark:", ":x:") under a header cell
  "Til stede?";
- a project log whose entries each have a line "kl. 10.15 Til stede: A, B, HD Afbud: C Ref.: A":
  several labels on one line, the attendees of all entries collected;
- "Ref.: MH" under "Fraværende:" is the minute-taker, no apology; one listed present who left
  early ("forlod mødet ... deltog ikke i behandlingen af punkt 7-9") stays an attendee.
"""

from __future__ import annotations

from pipeline.extract import extract_record
from pipeline.extract.names import _full_names_in
from pipeline.types import BlockKind, RawBlock, SourceDocument

KINDS = {"p": BlockKind.paragraph, "h": BlockKind.heading, "li": BlockKind.list_item}


def _run(nlp, lines: list) -> dict:
    """Like helpers.records.extract_lines, and a line with tabs is a table row of its cells."""
    raw = []
    for line in lines:
        kind, text = line if isinstance(line, tuple) else ("p", line)
        if "\t" in text:
            raw.append(RawBlock(kind=BlockKind.table_row, text=text, cells=text.split("\t")))
        else:
            raw.append(RawBlock(kind=KINDS[kind], text=text, level=1 if kind != "p" else 0))
    doc = SourceDocument.from_blocks(
        raw, doc_id="0" * 64, path="example.txt", name="example.txt", format="txt", reader="example"
    )
    return extract_record(doc, nlp).to_gold_json()


def test_a_signature_line_of_several_full_names_splits_into_names():
    found = [nm.name for nm in _full_names_in("Knud Lerche Eva Sand Bo Kirkegaard")]
    assert found == ["Knud Lerche", "Eva Sand", "Bo Kirkegaard"]
    assert [nm.name for nm in _full_names_in("Anne Marie Holm")] == ["Anne Marie Holm"]


def test_first_names_in_the_list_resolve_to_a_signature_block(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Referat af menighedsrådsmøde"),
            "Mødedato: Mandag den 9. marts 2026",
            "Til stede: Ebbe (formand), Ruth, Signe (kasserer)",
            "Afbud:\tTove",
            ("h", "1. Orgel"),
            "Ebbe indhenter to tilbud på en reparation.",
            ("h", "Underskrifter:"),
            "Ebbe Skjold Ruth Nørlund Signe Bak",
            "Tove Krag (fraværende)",
        ],
    )
    assert sorted(rec["attendees"]) == ["Ebbe Skjold", "Ruth Nørlund", "Signe Bak"]
    assert rec["absentees"] == ["Tove Krag"]
    assert [a["owners"] for a in rec["actions"]] == [["Ebbe Skjold"]]


def test_representative_group_labels_in_a_table_are_attendees(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Referat – skolebestyrelsesmøde"),
            "Dato: Tirsdag den 10. februar 2026",
            "Sted\tLærerværelset",
            "Forældrerepræsentanter\tJette Brink (formand), Omar Said",
            "Medarbejderrepræsentanter\tPia Dam",
            "Elevrepræsentanter\tSigne (9.a)",
            "Fra ledelsen\tSkoleleder Lars Kold, viceskoleleder Vibeke Hald",
            "Afbud\tNina Lund",
            "Referent\tVibeke",
            ("h", "1. Godkendelse af dagsorden"),
            "Godkendt.",
        ],
    )
    assert sorted(rec["attendees"]) == ["Jette Brink", "Lars Kold", "Omar Said", "Pia Dam", "Signe", "Vibeke Hald"]
    assert rec["absentees"] == ["Nina Lund"]


def test_an_attendance_table_with_emoji_marks(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Fagrådsmøde 12/3 2026"),
            "Ordstyrer: Karla",
            "Referent: Mikkel",
            "Navn\tÅrgang\tTil stede?",
            "Karla Juhl\t3. sem\t:heavy_check_mark:",
            "Mikkel Vang\t1. sem\t:heavy_check_mark: (Discord)",
            "Bjørn Tang\tKA 1\t:x: afbud",
            "Lea\t1. sem\t:white_check_mark: (kom 16.40)",
            ("h", "Pkt. 1: Velkomst"),
            "Dagsordenen godkendt.",
        ],
    )
    assert sorted(rec["attendees"]) == ["Karla Juhl", "Lea", "Mikkel Vang"]
    assert rec["absentees"] == ["Bjørn Tang"]


def test_a_log_of_entries_with_several_labels_on_one_line(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Logbog – vejledermøder"),
            "Gruppe: Asta Lind, Karl Bro og Nadia Friis. Vejleder: Poul Winther (PW).",
            ("h", "2/2 Vejledermøde 1"),
            "kl. 9.00 Til stede: Asta, Karl, Nadia, PW Ref.: Asta",
            "Vi aftalte at mødes hver anden uge.",
            ("h", "16/2 Vejledermøde 2"),
            "kl. 9.00 Til stede: Asta, Nadia, PW Afbud: Karl (syg) Ref.: Nadia",
            "PW godkendte problemformuleringen.",
        ],
    )
    assert sorted(rec["attendees"]) == ["Asta Lind", "Karl Bro", "Nadia Friis", "Poul Winther"]
    assert rec["absentees"] == ["Karl Bro"]


def test_an_abbreviated_minute_taker_label_under_the_absent_is_no_apology(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Referat af bestyrelsesmøde 5. marts 2026"),
            "Deltog: Ulrik Dahl (fmd.), Merete Holt (kass.), Bjarne Ibsen",
            "Fraværende: Lis Kamp (syg)",
            "Ref.: MH",
            ("h", "1. Regnskab"),
            "Godkendt.",
        ],
    )
    assert rec["absentees"] == ["Lis Kamp"]
    assert "Merete Holt" in rec["attendees"]


def test_one_who_left_early_stays_an_attendee(nlp):
    rec = _run(
        nlp,
        [
            ("h", "Referat af Kulturudvalgets møde 4. marts 2026"),
            "Deltagere",
            "Hans Bødker (A), formand",
            "Lise Vind (V)",
            "Afbud: Ole Sejr (O)",
            "Bemærkninger: Lise Vind (V) forlod mødet kl. 16.50 og deltog ikke i behandlingen af punkt 7-9.",
            ("h", "1. Godkendelse af dagsorden"),
            "Godkendt.",
        ],
    )
    assert sorted(rec["attendees"]) == ["Hans Bødker", "Lise Vind"]
    assert rec["absentees"] == ["Ole Sejr"]
