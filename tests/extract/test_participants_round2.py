"""Participants, round two of the blind-written set: sentences after a list in one label
line ("... Desuden deltog X"), sub-labels inside one line ("Til stede: Forældre: ... .
Elever: ..."), a cue without a colon ("Afbud fra A og B."), names between interpuncts,
role phrases after a name ("direktør for Social og Sundhed"), a capitalised title before
a name ("Teknisk direktør X"), substitutes ("Stedfortrædere:", "deltog i stedet for X"),
a guest for one item, a status column named "Fremmøde", a person who "deltog under
punktet", the minute-taker of the header, and a first name resolved through a full name
the document gives anywhere. Every document here is synthetic."""

from __future__ import annotations

from pipeline.extract import extract_record
from pipeline.types import RawBlock, SourceDocument


def record(nlp, lines, title="Referat af bestyrelsesmøde 4. marts 2025"):
    raw = [RawBlock(kind="title", text=title)]
    for line in lines:
        if isinstance(line, tuple):
            kind, text = line
            raw.append(RawBlock(kind=kind, text=text, cells=text.split("\t") if kind == "table_row" else None))
        else:
            raw.append(RawBlock(kind="paragraph", text=line))
    doc = SourceDocument.from_blocks(raw, doc_id="t", path="t.txt", name="t.txt", format="txt", reader="t")
    return extract_record(doc, nlp)


def names(people):
    return [p.name for p in people]


def test_a_sentence_after_the_list_of_a_label_is_read_as_prose(nlp):
    rec = record(
        nlp,
        [
            "Fremmødte: Asger Holm (fmd.), Bodil Kruse (kasserer). Desuden deltog driftsleder Eigil Mark under pkt. 2.",
            "Afbud: Vera Dam",
            "1. Godkendelse af dagsorden",
        ],
    )
    assert names(rec.attendees) == ["Asger Holm", "Bodil Kruse", "Eigil Mark"]
    assert names(rec.absentees) == ["Vera Dam"]


def test_a_label_with_a_count_and_a_prose_apology(nlp):
    rec = record(
        nlp,
        [
            "Fremmødt: 27 stemmeberettigede medlemmer. Fra bestyrelsen var alle til stede undtagen Rolf Dybdal, der havde meldt afbud.",
            "1. Valg af dirigent",
        ],
    )
    assert names(rec.absentees) == ["Rolf Dybdal"]
    assert names(rec.attendees) == []


def test_sub_labels_inside_one_participant_line(nlp):
    rec = record(
        nlp,
        [
            "Til stede: Forældre: Asta Lind (formand) og Bo Egholm. Ansatte: Tine Riis. "
            "Elever: Ida (8.a) og Mads (9.b). Fra ledelsen: skoleleder Karen Vig og viceskoleleder Per Ulv.",
            "1. Godkendelse af dagsorden",
        ],
    )
    assert names(rec.attendees) == ["Asta Lind", "Bo Egholm", "Tine Riis", "Ida", "Mads", "Karen Vig", "Per Ulv"]


def test_a_cue_without_a_colon_opens_a_list_of_its_own(nlp):
    rec = record(
        nlp,
        [
            "Deltagere fra bestyrelsen: Gry Holt (formand), Omar Saleh og Lis Bay.",
            "Afbud fra Sanne Ibsen og Tore Mikkelsen.",
            "1. Beretning",
        ],
    )
    assert names(rec.attendees) == ["Gry Holt", "Omar Saleh", "Lis Bay"]
    assert names(rec.absentees) == ["Sanne Ibsen", "Tore Mikkelsen"]


def test_names_between_interpuncts(nlp):
    rec = record(
        nlp,
        ["Til stede: Freja Lunde (FL, formand) · Mads Kirk (MK) · Ida Vest (IV)", "1. Godkendelse af dagsorden"],
    )
    assert names(rec.attendees) == ["Freja Lunde", "Mads Kirk", "Ida Vest"]


def test_a_role_phrase_after_a_name_names_no_one(nlp):
    rec = record(
        nlp,
        [
            "Deltagere:",
            "Lone Berg, direktør for Kultur og Fritid",
            "Pia Holm, sekretær for Seniorrådet, Kultur og Fritid",
            "Jens Ravn",
            "1. Godkendelse af dagsorden",
        ],
    )
    assert names(rec.attendees) == ["Lone Berg", "Pia Holm", "Jens Ravn"]


def test_the_capitalised_words_of_a_title_are_not_part_of_the_name(nlp):
    rec = record(
        nlp,
        [
            "Medlemmer: Ole Bak (A), formand; Rita Lunn (V)",
            "Fra administrationen: direktør for Teknik og Miljø Hanne Sølv, Teknisk direktør Bo Vinter og økonomichef Rolf Dahl",
            "1. Godkendelse af dagsorden",
        ],
    )
    assert names(rec.attendees) == ["Hanne Sølv", "Bo Vinter", "Rolf Dahl", "Ole Bak", "Rita Lunn"]


def test_substitutes_attend_and_whom_they_replace_does_not(nlp):
    rec = record(
        nlp,
        [
            "Medlemmer: Ole Bak (A); Rita Lunn (V); Sune Friis (F)",
            "Fraværende: Rita Lunn (V)",
            "Stedfortrædere: Mona Krogh (V)",
            "1. Godkendelse af dagsorden",
        ],
    )
    assert sorted(names(rec.attendees)) == ["Mona Krogh", "Ole Bak", "Sune Friis"]
    assert names(rec.absentees) == ["Rita Lunn"]


def test_a_substitute_told_in_prose(nlp):
    rec = record(
        nlp,
        [
            "Medlemmer: Ole Bak (A); Birte Sandholm (C)",
            "Fraværende: Birte Sandholm (C)",
            "Stedfortræder: Lene Thybo (C) deltog i stedet for Birte Sandholm",
            "1. Godkendelse af dagsorden",
        ],
    )
    assert sorted(names(rec.attendees)) == ["Lene Thybo", "Ole Bak"]
    assert names(rec.absentees) == ["Birte Sandholm"]


def test_a_guest_for_one_item_and_an_apology_with_a_participle(nlp):
    rec = record(
        nlp,
        [
            "Deltagere: Kaj Thorup, Inger Skau",
            "Afbud meldt: Jonas Kragh (på kursus)",
            "Gæst under punkt 4: Tobias Hald, afdelingsleder for Hjemmeplejen Nord",
            "1. Godkendelse af dagsorden",
        ],
    )
    assert names(rec.attendees) == ["Kaj Thorup", "Inger Skau", "Tobias Hald"]
    assert names(rec.absentees) == ["Jonas Kragh"]


def test_a_status_column_named_fremmoede(nlp):
    rec = record(
        nlp,
        [
            "Mødedeltagere",
            ("table_row", "Navn\tRolle\tFremmøde"),
            ("table_row", "Karen Dam\tFormand\tTil stede"),
            ("table_row", "Mikkel Fromm\tMedlem\tAfbud"),
            "1. Godkendelse af dagsorden",
        ],
    )
    assert names(rec.attendees) == ["Karen Dam"]
    assert names(rec.absentees) == ["Mikkel Fromm"]


def test_one_who_took_part_under_the_item_attended(nlp):
    rec = record(
        nlp,
        [
            "Til stede: Jytte Krag, Lene Mark",
            "1. Kirkegården",
            "Oplæg ved graver Tom Lindholt, som deltog under punktet. Der er brug for et nyt urnefelt.",
        ],
    )
    assert names(rec.attendees) == ["Jytte Krag", "Lene Mark", "Tom Lindholt"]


def test_the_minute_taker_of_the_header_attended(nlp):
    rec = record(
        nlp,
        [
            "Medlemmer: Ole Bak (A); Rita Lunn (V)",
            "Referent: Kommunaldirektør Anne-Sofie Qvist",
            "1. Godkendelse af dagsorden",
        ],
    )
    assert sorted(names(rec.attendees)) == ["Anne-Sofie Qvist", "Ole Bak", "Rita Lunn"]


def test_a_minute_taker_elected_under_an_item_is_no_attendee(nlp):
    rec = record(nlp, ["Til stede: Ole Bak, Rita Lunn", "1. Valg af referent", "Pia Loft"])
    assert names(rec.attendees) == ["Ole Bak", "Rita Lunn"]


def test_a_first_name_resolves_to_a_full_name_given_anywhere(nlp):
    rec = record(
        nlp,
        [
            "Afbud: Mikkel (bæverleder)",
            "1. Julemarked",
            "Ansvarlig: Mikkel Thygesen. Rebekka fremlægger i stedet.",
        ],
    )
    assert names(rec.absentees) == ["Mikkel Thygesen"]


def test_a_label_cell_and_its_names_in_the_next_cell(nlp):
    rec = record(
        nlp,
        [
            "Deltagere: Jens Overby (JO, formand), Pia Ravn (PR)",
            ("table_row", "Afbud\tMichael Fromm (MF)"),
            "1. Godkendelse af dagsorden",
        ],
    )
    assert names(rec.absentees) == ["Michael Fromm"]


def test_a_sub_label_line_under_a_count(nlp):
    rec = record(
        nlp,
        [
            "Fremmødt: 23 husstande.",
            "Fra afdelingsbestyrelsen: Hanne Rasmark (formand), Bilal Özer og Søren Vind.",
            "1. Valg af dirigent",
        ],
    )
    assert names(rec.attendees) == ["Hanne Rasmark", "Bilal Özer", "Søren Vind"]


def test_a_firm_after_a_name_is_no_person(nlp):
    rec = record(
        nlp,
        [
            "Deltagere: Jørn Munk (formand), Tove Bak samt administrator Mia Kolding, Boligadministration Vest",
            "1. Regnskab",
        ],
    )
    assert names(rec.attendees) == ["Jørn Munk", "Tove Bak", "Mia Kolding"]


def test_a_first_name_resolves_through_an_agenda_table_cell(nlp):
    rec = record(
        nlp,
        [
            "Afbud: Mikkel (bæverleder)",
            ("table_row", "6\tJulemarked i Viby Centret\tMikkel Thygesen,\t15 min"),
            "1. Julemarked",
        ],
    )
    assert names(rec.absentees) == ["Mikkel Thygesen"]


def test_all_but_one_names_no_attendee(nlp):
    rec = record(nlp, ["Fremmødte", ("list_item", "Alle pånær Kristoffer"), "1. Sprint"])
    assert names(rec.attendees) == []


def test_a_proxy_in_a_count_is_no_attendee(nlp):
    rec = record(nlp, ["Fremmødte: 13 personer, heraf 10 stemmeberettigede og 1 fuldmagt fra Knud Jessen.", "1. Valg"])
    assert names(rec.attendees) == []
