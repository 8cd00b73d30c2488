"""Participants, second round: an apology from a role with no name ("afbud fra den
afgående kasserer"), and a body given as the attendees ("Deltagere: Bestyrelsen (afbud
fra X)") whose members the document lists elsewhere. Every document here is synthetic."""

from __future__ import annotations

from pipeline.extract import extract_record
from pipeline.types import RawBlock, SourceDocument


def record(nlp, lines, title="Referat af generalforsamling 4. marts 2023"):
    raw = [RawBlock(kind="title", text=title)]
    raw += [RawBlock(kind="paragraph", text=line) for line in lines]
    doc = SourceDocument.from_blocks(raw, doc_id="t", path="t.txt", name="t.txt", format="txt", reader="t")
    return extract_record(doc, nlp)


def names(people):
    return [p.name for p in people]


def test_an_apology_from_a_role_without_a_name_is_the_role(nlp):
    rec = record(
        nlp, ["Antal fremmødte: 14.", "Der er afbud fra den afgående kasserer, som er flyttet.", "1. Valg af dirigent"]
    )
    assert names(rec.absentees) == ["den afgående kasserer"]


def test_a_board_as_attendees_is_its_members_listed_in_the_election_item(nlp):
    rec = record(
        nlp,
        [
            "Deltagere:",
            "Bestyrelsen (afbud fra Ole Brink). Tak til de fremmødte medlemmer.",
            "1. Valg af dirigent.",
            "Jens Holt blev valgt.",
            "2. Valg af bestyrelse.",
            "Bestyrelsen modtog genvalg. Karen Sand, Formand valgt 2021",
            "Ole Brink, Kasserer valgt 2021",
            "Mikkel D. Dahl valgt 2022",
            "Lise Vang valgt 2022",
            "3. Eventuelt.",
        ],
    )
    assert names(rec.absentees) == ["Ole Brink"]
    assert sorted(names(rec.attendees)) == ["Karen Sand", "Lise Vang", "Mikkel D. Dahl"]


def test_a_board_as_attendees_without_a_member_list_gives_no_names(nlp):
    rec = record(nlp, ["Deltagere: Bestyrelsen", "1. Valg af dirigent.", "Jens Holt blev valgt."])
    assert names(rec.attendees) == []
